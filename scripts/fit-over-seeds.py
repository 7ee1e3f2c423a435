#!/usr/bin/env python3
"""Fit of a scenario over many seeds (Revision 2 R11: fit is a mean over >= 20 seeds, never one).

Runs `pushpull run SCENARIO --seed k` for k = 1..N (in-process runs would be faster; the CLI keeps
this script independent of the Python API), reads each file's /summary, and prints per target:
the observed value, the mean and 5-95% range of the simulated value, and the share of seeds that
meet it; then the mean number of targets met, and whether the documented curve (T8) lies inside
the 90% band of the observation model's curve in every year 2009-2019.

Usage: /usr/bin/python3 scripts/fit-over-seeds.py SCENARIO [--seeds N] [--bin build/app/pushpull] [--json OUT] [--set K=V ...]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np


def summary_of(path):
    with h5py.File(path, "r") as f:
        g = f["summary"]
        names = g["name"].asstr()[()]
        return {
            "value": dict(zip(names, g["value"][()])),
            "observed": dict(zip(names, g["observed"][()])),
            "target": dict(zip(names, g["target_id"].asstr()[()])),
            "kind": dict(zip(names, g["target_kind"].asstr()[()])),
            "met": dict(zip(names, g["met"].asstr()[()])),
        }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--bin", default="build/app/pushpull")
    ap.add_argument("--json", help="write the table as JSON here")
    ap.add_argument("--set", action="append", default=[], help="KEY=VALUE passed to every run (repeatable)")
    a = ap.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(1, a.seeds + 1):
            out = Path(tmp) / f"seed{k}.h5"
            cmd = [a.bin, "run", a.scenario, "--seed", str(k), "-q", "-o", str(out)]
            for kv in a.set:
                cmd += ["--set", kv]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit(f"seed {k}: pushpull run failed ({r.returncode}): {r.stderr.strip()}")
            runs.append(summary_of(out))
    first = runs[0]
    rows, met_counts = [], np.zeros(len(runs))
    for name, tid in first["target"].items():
        if not tid:
            continue
        v = np.array([r["value"][name] for r in runs], dtype=float)
        met = np.array([r["met"][name] == "yes" for r in runs])
        judged = np.array([r["met"][name] != "n/a" for r in runs])
        met_counts += met
        finite = v[np.isfinite(v)]
        rows.append({"id": tid, "statistic": name, "kind": first["kind"][name], "observed": first["observed"][name],
                     "mean": float(finite.mean()) if finite.size else float("nan"),
                     "p5": float(np.percentile(finite, 5)) if finite.size else float("nan"),
                     "p95": float(np.percentile(finite, 95)) if finite.size else float("nan"),
                     "share_met": float(met.sum() / max(judged.sum(), 1))})
    print(f"{a.scenario} {' '.join(a.set)}: {len(runs)} seeds")
    print(f"{'id':<4} {'statistic':<42} {'kind':<12} {'observed':>9} {'mean':>9} {'5%':>9} {'95%':>9} {'met':>5}")
    for r in rows:
        print(f"{r['id']:<4} {r['statistic']:<42} {r['kind']:<12} {r['observed']:>9.3g} {r['mean']:>9.3g} "
              f"{r['p5']:>9.3g} {r['p95']:>9.3g} {r['share_met']:>5.2f}")
    print(f"targets met: mean {met_counts.mean():.1f} of {len(rows)} (min {met_counts.min():.0f}, max {met_counts.max():.0f})")
    band = [r for r in rows if r["statistic"].startswith("observed_countries_")]
    inside = [r["p5"] <= r["observed"] <= r["p95"] for r in band]
    print(f"documented curve inside the 90% band of the observed (thinned) curve: {sum(inside)} of {len(band)} years")
    if a.json:
        Path(a.json).write_text(json.dumps({"scenario": a.scenario, "seeds": len(runs), "targets": rows,
                                            "mean_met": float(met_counts.mean())}, indent=1))


if __name__ == "__main__":
    main()

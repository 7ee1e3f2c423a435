#!/usr/bin/env python3
"""Throughput of the Python API on the baseline: runs per second of

  1. pushpull.run_many (in-process, the engine's executor),
  2. a subprocess loop over the CLI (`pushpull run ... --seed k --set beta_crime=v`), what a
     SALib/pyabc loop had to do before the API, and
  3. `pushpull sweep` of the same list design (process start, data loading and HDF5 included),

and checks that run_many and the sweep agree bit for bit. Run from the repository root:

    PYTHONPATH=build/python /usr/bin/python3 bench/python_api.py [--runs 96] [--cli-runs 8] [--threads 2]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

import pushpull

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "baseline.toml"))
    ap.add_argument("--binary", default=str(ROOT / "build" / "app" / "pushpull"))
    ap.add_argument("--runs", type=int, default=96, help="runs of run_many and of the sweep")
    ap.add_argument("--cli-runs", type=int, default=8, help="runs of the subprocess loop")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    values = np.linspace(0.1, 1.4, args.runs)
    params = pd.DataFrame({"params.beta_crime": values})
    seed = 17

    pushpull.run_many(args.scenario, params.iloc[:2], seeds=seed, threads=args.threads)  # warm: data cached
    t0 = time.perf_counter()
    df = pushpull.run_many(args.scenario, params, seeds=seed, threads=args.threads)
    api_s = time.perf_counter() - t0
    api_rate = args.runs / api_s

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        for k in range(args.cli_runs):
            subprocess.run([args.binary, "run", args.scenario, "--seed", str(int(df.seed[k])), "--set",
                            f"params.beta_crime={values[k]!r}", "-o", f"{tmp}/r.h5", "-q", "--force",
                            "--threads", "1", "--log-level", "warn"], check=True, cwd=ROOT)
        cli_s = time.perf_counter() - t0
        cli_rate = args.cli_runs / cli_s

        sweep = Path(tmp) / "sweep.toml"
        sweep.write_text(f'[sweep]\nbase = "{args.scenario}"\ndesign = "list"\nseed = {seed}\n'
                         f'[[parameter]]\nkey = "params.beta_crime"\nvalues = [{", ".join(repr(float(v)) for v in values)}]\n')
        t0 = time.perf_counter()
        subprocess.run([args.binary, "--log-level", "warn", "sweep", str(sweep), "-o", f"{tmp}/sweep.h5", "--force",
                        "--threads", str(args.threads)], check=True, cwd=ROOT)
        sweep_s = time.perf_counter() - t0
        sweep_rate = args.runs / sweep_s
        with h5py.File(f"{tmp}/sweep.h5", "r") as f:
            same = f["runs/statistics"][()].tobytes() == df[df.attrs["statistics"]].to_numpy().tobytes()

    print(f"baseline, {args.threads} thread(s), {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}")
    print(f"{'method':<34}{'runs':>6}{'seconds':>10}{'runs/s':>10}")
    print(f"{'pushpull.run_many':<34}{args.runs:>6}{api_s:>10.2f}{api_rate:>10.1f}")
    print(f"{'subprocess loop over pushpull run':<34}{args.cli_runs:>6}{cli_s:>10.2f}{cli_rate:>10.1f}")
    print(f"{'pushpull sweep (CLI)':<34}{args.runs:>6}{sweep_s:>10.2f}{sweep_rate:>10.1f}")
    print(f"run_many / subprocess loop: {api_rate / cli_rate:.1f}x (aim >= 50x)")
    print(f"run_many / pushpull sweep:  {api_rate / sweep_rate:.2f}x (aim >= 0.9x)")
    print(f"run_many statistics identical to the sweep's /runs/statistics: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())

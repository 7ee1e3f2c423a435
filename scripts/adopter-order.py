#!/usr/bin/env python3
"""Who adopts, and when: a scenario's adopters against the documented ones, over many seeds.

Runs `pushpull run SCENARIO --seed k` for k = 1..N, reads /countries (first Chinese agreement step),
and compares with the documented main curve of data/adoption_events_documented.csv (the rule of
scripts/derive-targets.py). Prints:
  - AUC of P(adopted by end-2019) over seeds against "documented by 2019" (T9 pooled over seeds),
  - Spearman between the simulated median first year (censored at 2020 when never adopted in a
    seed) and the documented first year, over the documented adopters (T10 pooled),
  - the share of first adoptions in 2008-2012 and 2015-2019 (T5), median over seeds,
  - the summary's per-run T9, T10 and P4 statistics (documentation-thinned), mean over seeds,
  - the data's own Spearman between documented first year and Chinese official finance,
  - the documented adopters simulated latest and the undocumented countries simulated most often.

Usage: /usr/bin/python3 scripts/adopter-order.py SCENARIO [--seeds N] [--bin build/app/pushpull] [--set K=V ...]
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import h5py
import numpy as np
from scipy.stats import rankdata, spearmanr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documented_record import documented_first_years, finance_record  # noqa: E402


def run_years(binary, scenario, seed, sets, tmp):
    out = Path(tmp) / f"seed{seed}.h5"
    cmd = [binary, "run", scenario, "--seed", str(seed), "-q", "-o", str(out), "--force"]
    for s in sets:
        cmd += ["--set", s]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"seed {seed}: pushpull run failed ({r.returncode}): {r.stderr.strip()}")
    with h5py.File(out, "r") as f:
        iso = f["countries/iso3"].asstr()[()]
        step = f["countries/first_chinese_agreement_step"][()]
        year = f["time/year"][()]
        si = f["countries/strategic_importance"][()]
        names = list(f["summary/name"].asstr()[()])
        summary = dict(zip(names, f["summary/value"][()]))
    years = np.where(step >= 0, year[np.clip(step, 0, len(year) - 1)], 9999)
    return list(iso), years, si, summary


def auc(score, label):
    r = rankdata(score)
    pos = label.sum()
    neg = len(label) - pos
    return (r[label].sum() - pos * (pos + 1) / 2) / (pos * neg)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenario")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--bin", default="build/app/pushpull")
    ap.add_argument("--set", action="append", default=[])
    ap.add_argument("--top", type=int, default=12)
    a = ap.parse_args()
    root = Path(__file__).resolve().parent.parent
    doc = documented_first_years(root)
    with tempfile.TemporaryDirectory() as tmp:
        runs = [run_years(a.bin, a.scenario, k, a.set, tmp) for k in range(1, a.seeds + 1)]
    iso, _, si, _ = runs[0]
    Y = np.array([r[1] for r in runs])  # seeds x countries
    adopted = (Y <= 2019)
    p = adopted.mean(axis=0)
    label = np.array([c in doc and doc[c] <= 2019 for c in iso])
    med = np.median(np.minimum(Y, 2020), axis=0)
    d_idx = [i for i, c in enumerate(iso) if label[i]]
    d_year = np.array([doc[iso[i]] for i in d_idx])
    rho = spearmanr(med[d_idx], d_year).statistic
    per_seed_auc = [auc(np.where(Y[s] <= 2019, 2020 - Y[s], 0).astype(float), label) for s in range(len(runs))]
    per_seed_rho = []
    for s in range(len(runs)):
        ys = np.minimum(Y[s][d_idx], 2020)
        per_seed_rho.append(spearmanr(ys, d_year).statistic if len(set(ys)) > 1 else np.nan)
    firsts = [Y[s][Y[s] <= 2019] for s in range(len(runs))]
    early = np.median([np.mean(f <= 2012) if len(f) else np.nan for f in firsts])
    late = np.median([np.mean(f >= 2015) if len(f) else np.nan for f in firsts])
    print(f"{a.scenario} {' '.join(a.set)}: {len(runs)} seeds, {label.sum()} documented adopters by 2019")
    print(f"countries by 2019: median {np.median(adopted.sum(axis=1)):.0f}")
    print(f"AUC pooled {auc(p, label):.3f}; per-seed mean {np.mean(per_seed_auc):.3f}")
    print(f"Spearman pooled {rho:.3f}; per-seed mean {np.nanmean(per_seed_rho):.3f}")
    print(f"share of first adoptions 2008-2012 {early:.2f}, 2015-2019 {late:.2f} (median over seeds)")
    for stat in ("huawei_agreements_per_country", "documented_huawei_agreements_2019", "documented_huawei_agreements_per_country", "documented_adopters_auc", "documented_year_spearman"):
        print(f"summary {stat}: mean over seeds {np.nanmean([r[3][stat] for r in runs]):.3f}")
    print(f"corr(P adopt, strategic importance) {np.corrcoef(p, si)[0, 1]:.2f}")
    fin = finance_record(root)
    rho_fin = spearmanr([np.log1p(fin.get(iso[i], 0.0) / 1e6) for i in d_idx], d_year).statistic
    print(f"data: Spearman(documented first year, log Chinese official finance 2000-2014) {rho_fin:.2f} "
          "over the documented adopters")
    order = sorted(d_idx, key=lambda i: (med[i] - doc[iso[i]]), reverse=True)
    print("documented adopters simulated latest (iso, documented, sim median, P by 2019, S_c):")
    for i in order[: a.top]:
        print(f"  {iso[i]} {doc[iso[i]]} {med[i]:.0f} {p[i]:.2f} {si[i]:+.2f}")
    print("documented adopters simulated earliest:")
    for i in order[-a.top:]:
        print(f"  {iso[i]} {doc[iso[i]]} {med[i]:.0f} {p[i]:.2f} {si[i]:+.2f}")
    undoc = sorted([i for i in range(len(iso)) if not label[i]], key=lambda i: -p[i])
    print("undocumented countries simulated most often:")
    for i in undoc[: a.top]:
        print(f"  {iso[i]} P {p[i]:.2f} median {med[i]:.0f} S_c {si[i]:+.2f}")


if __name__ == "__main__":
    main()

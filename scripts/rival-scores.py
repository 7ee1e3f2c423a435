#!/usr/bin/env python3
"""Proper scores of push-pull scenarios against two simple rivals, on the documented record.

A first, script-level answer to "does the push-pull model explain more than simpler models?"
(issue 11; `pushpull compare` with ABC model choice is not built yet). Scores, lower is better:
  - per country: Brier and log score of P(documented by the end of 2019) against the documented
    adopters of data/adoption_events_documented.csv (main curve, the rule of derive-targets.py);
  - per year: CRPS of the documented curve 2009-2019 (mean over years).
Models:
  - each SCENARIO given (`name=path`), over --seeds runs: P(documented by 2019) is the mean over seeds
    of 1[adopted by 2019] x P(documented by 2020 | adopted at a) under the scenario's own
    observation model (closed form of docs/ODD.md, R10); the curve is the ensemble of
    `observed_countries_<year>` (CRPS of the ensemble);
  - "logit": a country logit of documented-by-2019 on log homicide, S_c, polyarchy, log GDP per
    capita, log population and log Chinese official finance, scored leave-one-out (its curve: none);
  - "bass": a Bass curve m F(t; p, q) fitted by least squares to the documented curve (in sample;
    also fitted to 2009-2016 and scored on 2017-2019); its per-country probability is the base rate;
  - "base rate": every country the share of documented adopters.
In-sample for the scenarios too: the baseline is hand-tuned on this record and the calibration
fitted to it, so these scores say how well each model describes the record, not how it predicts.

Usage: /usr/bin/python3 scripts/rival-scores.py NAME=SCENARIO [NAME=SCENARIO ...] [--seeds N] [--bin build/app/pushpull]
"""
import argparse
import math
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import h5py
import numpy as np
from scipy.optimize import curve_fit
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from documented_record import documented_first_years, finance_record  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
YEARS = list(range(2009, 2020))


def documented_probability(a, t, obs):
    """P(documented by t | adopted at a): 1 - exp(-H), H the integral of the R10 hazard."""
    r0, g, boost = obs["obs_rate0"], obs["obs_growth"], obs["obs_boost_2018"]

    def integral(lo, hi):
        if hi <= lo:
            return 0.0
        if g == 0:
            return r0 * (hi - lo)
        return r0 / g * (math.exp(g * (hi - 2008)) - math.exp(g * (lo - 2008)))

    h = integral(a, t) + boost * integral(max(a, 2018.0), t)
    return 1.0 - math.exp(-h)


def run_scenario(binary, scenario, seeds, tmp):
    p_doc, curves, iso = None, [], None
    for k in range(1, seeds + 1):
        out = Path(tmp) / f"run{k}.h5"
        r = subprocess.run([binary, "run", scenario, "--seed", str(k), "-q", "-o", str(out), "--force"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.exit(f"{scenario} seed {k}: pushpull run failed ({r.returncode}): {r.stderr.strip()}")
        with h5py.File(out, "r") as f:
            obs = tomllib.loads(f.attrs["scenario_resolved"])["params"]
            iso = list(f["countries/iso3"].asstr()[()])
            step = f["countries/first_chinese_agreement_step"][()]
            t = f["time/time_years"][()]
            names = list(f["summary/name"].asstr()[()])
            values = dict(zip(names, f["summary/value"][()]))
            cov = {key: f["countries/" + key][()] for key in
                   ("strategic_importance", "homicide_per_100k", "polyarchy", "gdp_pc_usd", "population")}
        p = np.array([documented_probability(t[s], 2020.0, obs) if 0 <= s and t[s] < 2020.0 else 0.0 for s in step])
        p_doc = p if p_doc is None else p_doc + p
        curves.append([values[f"observed_countries_{y}"] for y in YEARS])
    return iso, p_doc / seeds, np.array(curves), cov


def crps_ensemble(samples, y):
    samples = np.asarray(samples, dtype=float)
    return np.mean(np.abs(samples - y)) - 0.5 * np.mean(np.abs(samples[:, None] - samples[None, :]))


def brier_log(p, label):
    p = np.clip(p, 1e-3, 1 - 1e-3)
    return float(np.mean((p - label) ** 2)), float(-np.mean(label * np.log(p) + (1 - label) * np.log(1 - p)))


def bass(t, m, p, q):
    e = np.exp(-(p + q) * (t - 2008.0))
    return m * (1 - e) / (1 + q / p * e)


def fit_bass(years, counts):
    # counts are at the end of each year: t = year + 1
    params, _ = curve_fit(bass, np.array(years, float) + 1.0, np.array(counts, float), p0=(150, 0.005, 0.4),
                          bounds=([1, 1e-5, 1e-3], [1000, 1, 5]), maxfev=20000)
    return params


def logit_loo(X, label):
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    p = np.zeros(len(label))
    for i in range(len(label)):
        keep = np.arange(len(label)) != i
        m = LogisticRegression(C=1.0, max_iter=1000).fit(X[keep], label[keep])
        p[i] = m.predict_proba(X[i:i + 1])[0, 1]
    return p


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("scenarios", nargs="+", help="NAME=SCENARIO.toml")
    ap.add_argument("--seeds", type=int, default=20)
    ap.add_argument("--bin", default="build/app/pushpull")
    a = ap.parse_args()
    doc = documented_first_years(ROOT)
    observed = np.array([sum(1 for v in doc.values() if v <= y) for y in YEARS], float)
    rows, iso, cov = [], None, None
    with tempfile.TemporaryDirectory() as tmp:
        for spec in a.scenarios:
            name, _, path = spec.partition("=")
            if not path:
                sys.exit(f"{spec}: expected NAME=SCENARIO")
            iso, p, curves, cov = run_scenario(a.bin, path, a.seeds, tmp)
            label = np.array([c in doc and doc[c] <= 2019 for c in iso], float)
            b, l = brier_log(p, label)
            crps = np.mean([crps_ensemble(curves[:, j], observed[j]) for j in range(len(YEARS))])
            rows.append((f"{name} ({a.seeds} seeds)", b, l, crps))
    label = np.array([c in doc and doc[c] <= 2019 for c in iso], float)
    fin = finance_record(ROOT)
    X = np.column_stack([np.log(cov["homicide_per_100k"] + 0.1), cov["strategic_importance"], cov["polyarchy"],
                         np.log(cov["gdp_pc_usd"]), np.log(cov["population"]),
                         [math.log1p(fin.get(c, 0.0) / 1e6) for c in iso]])
    b, l = brier_log(logit_loo(X, label), label)
    rows.append(("logit, 6 covariates (leave-one-out)", b, l, float("nan")))
    base = np.full(len(label), label.mean())
    b0, l0 = brier_log(base, label)
    m, p, q = fit_bass(YEARS, observed)
    crps_bass = float(np.mean(np.abs(bass(np.array(YEARS, float) + 1.0, m, p, q) - observed)))
    rows.append((f"bass (in sample: m {m:.0f}, p {p:.4f}, q {q:.2f})", b0, l0, crps_bass))
    m2, p2, q2 = fit_bass(YEARS[:8], observed[:8])
    held = np.array(YEARS[8:], float) + 1.0
    rows.append(("bass fitted to 2009-2016 (CRPS over 2017-2019 only)", b0, l0,
                 float(np.mean(np.abs(bass(held, m2, p2, q2) - observed[8:])))))
    rows.append(("base rate", b0, l0, float("nan")))
    print(f"{int(label.sum())} documented adopters by 2019 among {len(label)} countries; documented curve {observed.astype(int).tolist()}")
    print("| model | Brier (per country) | log score | CRPS of the documented curve (mean over 2009-2019) |")
    print("|---|---:|---:|---:|")
    for name, b, l, c in rows:
        print(f"| {name} | {b:.4f} | {l:.4f} | {'—' if math.isnan(c) else f'{c:.2f}'} |")


if __name__ == "__main__":
    main()

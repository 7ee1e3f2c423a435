#!/usr/bin/python3
"""How well can the shipped covariates rank the documented adopters at all? A reference for T9/T10.

T9 (AUC of years adopted by 2019 against "documented by 2019", per run, >= 0.80) and T10
(Spearman of simulated against documented first year, per run, >= 0.30) are asked of a stochastic
simulation. This script asks the same of statistical models fitted to the data directly, which the
simulation cannot beat without information the covariates lack:

  1. each covariate alone: AUC against "documented by 2019";
  2. a cross-validated logistic regression on the covariates (k-fold, predicted out of fold):
     AUC, and Spearman of its score against the documented first year among documented adopters;
  3. a stochastic model with that cross-validated probability as its only input: each country adopts
     at a constant hazard proportional to (p / (1 - p))^k, scaled so that the expected number of
     adopters by 2019 equals --adopters; T9 and T10 computed per run exactly as the summary does
     (score = years adopted by 2019; year of adoption, 2020 if none), without documentation noise.
     This is an optimistic per-run ceiling: the simulated T9/T10 also carry the record's thinning.

Covariates come from a run's HDF5 file (countries/: strategic importance, homicide, polyarchy,
population, GDP per capita, debt, first BRI year) and data/aiddata_geo_v111_country_year.csv
(Chinese official finance 2000-2014). The documented record is documented_record.py's main curve.

  /usr/bin/python3 scripts/covariate-ceiling.py output/baseline.h5 [--runs 200] [--folds 10]
"""
import argparse
import sys
from pathlib import Path

import h5py
import numpy as np
from scipy.stats import spearmanr
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from documented_record import documented_first_years, finance_record  # noqa: E402

COVARIATES = ["strategic_importance", "log_homicide", "polyarchy", "log_population", "log_gdp_pc",
              "debt", "log_finance", "bri_by_2019"]


def covariate_table(h5_path):
    with h5py.File(h5_path, "r") as f:
        c = f["countries"]
        iso = [x.decode() for x in c["iso3"][:]]
        raw = {k: np.asarray(c[k][:], dtype=float) for k in
               ("can_adopt", "strategic_importance", "homicide_per_100k", "polyarchy", "population",
                "gdp_pc_usd", "debt", "first_bri_year")}
    fin = finance_record(ROOT)
    table = {
        "strategic_importance": raw["strategic_importance"],
        "log_homicide": np.log(np.clip(raw["homicide_per_100k"], 0.1, None)),
        "polyarchy": raw["polyarchy"],
        "log_population": np.log(np.clip(raw["population"], 1.0, None)),
        "log_gdp_pc": np.log(np.clip(raw["gdp_pc_usd"], 1.0, None)),
        "debt": raw["debt"],
        "log_finance": np.log1p(np.array([fin.get(i, 0.0) for i in iso]) / 1e6),
        "bri_by_2019": ((raw["first_bri_year"] > 0) & (raw["first_bri_year"] <= 2019)).astype(float),
    }
    keep = raw["can_adopt"] == 1
    X = np.column_stack([table[k] for k in COVARIATES])[keep]
    X = np.where(np.isnan(X), np.nanmedian(X, axis=0), X)  # a missing value counts as the median
    return [i for i, k in zip(iso, keep) if k], X


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("h5", help="a pushpull run file (for the country covariates)")
    ap.add_argument("--runs", type=int, default=200, help="runs of the stochastic reference model")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--adopters", type=float, default=88.0, help="expected adopters by 2019 (baseline: 88)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sharpness", type=float, nargs="+", default=[1, 2, 4],
                    help="exponents k of the hazard ~ odds^k (larger: the ranking decides more, chance less)")
    a = ap.parse_args()

    iso, X = covariate_table(a.h5)
    doc = documented_first_years(ROOT)
    year = np.array([doc.get(i, 0) for i in iso])
    y = ((year > 0) & (year <= 2019)).astype(int)
    print(f"{len(iso)} countries that can adopt, {y.sum()} documented by 2019")

    print("AUC of each covariate alone (documented by 2019):")
    for k, col in zip(COVARIATES, X.T):
        print(f"  {k:22s} {roc_auc_score(y, col):.3f}")

    Z = (X - X.mean(0)) / np.where(X.std(0) > 0, X.std(0), 1.0)
    p = np.zeros(len(y))
    for train, test in StratifiedKFold(a.folds, shuffle=True, random_state=a.seed).split(Z, y):
        p[test] = LogisticRegression(C=1.0, max_iter=1000).fit(Z[train], y[train]).predict_proba(Z[test])[:, 1]
    pos = y == 1
    rho = spearmanr(-p[pos], year[pos]).correlation
    print(f"cross-validated logit ({a.folds} folds, all covariates): AUC {roc_auc_score(y, p):.3f}; "
          f"Spearman(-score, documented year) among documented adopters {rho:+.3f}")

    fitted = LogisticRegression(C=1.0, max_iter=1000).fit(Z, y).predict_proba(Z)[:, 1]
    print(f"the same logit in sample (fitted to the documented adopters it scores): AUC {roc_auc_score(y, fitted):.3f}")

    rng = np.random.default_rng(a.seed)
    q = lambda v: f"mean {np.mean(v):.3f}, 90% [{np.quantile(v, 0.05):.3f}, {np.quantile(v, 0.95):.3f}]"
    print(f"stochastic reference model ({a.runs} runs, {a.adopters:g} adopters expected, no documentation noise):")
    for k in a.sharpness:
        odds = (p / (1.0 - p)) ** k
        # hazard lam * odds^k per year from 2008: lam such that sum(1 - exp(-12 lam odds)) = adopters
        lo, hi = 1e-12, 1e6
        for _ in range(200):
            lam = (lo * hi) ** 0.5
            lo, hi = (lam, hi) if (1 - np.exp(-12 * lam * odds)).sum() < a.adopters else (lo, lam)
        aucs, rhos = [], []
        for _ in range(a.runs):
            t = 2008.0 + rng.exponential(1.0 / (lam * odds))
            score = np.where(t < 2020.0, 2020.0 - t, 0.0)
            aucs.append(roc_auc_score(y, score))
            rhos.append(spearmanr(np.where(t[pos] < 2020.0, np.floor(t[pos]), 2020.0), year[pos]).correlation)
        print(f"  hazard ~ odds^{k:g}: T9 AUC per run {q(aucs)}; T10 Spearman per run {q(rhos)}")

if __name__ == "__main__":
    main()

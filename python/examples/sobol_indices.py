#!/usr/bin/env python3
"""SALib-style first-order and total Sobol' indices of the baseline, with the design from scipy's
quasi-Monte Carlo module (Debian's python3-scipy; SALib itself is pip-only) and every run through
pushpull.run_many. Saltelli (2010) estimators on matrices A, B and the A_B^(i) blocks.

    PYTHONPATH=build/python /usr/bin/python3 python/examples/sobol_indices.py [--n 64] [--scenario S]
"""
import argparse

import numpy as np
import pandas as pd
from scipy.stats import qmc

import pushpull

ap = argparse.ArgumentParser()
ap.add_argument("--scenario", default="scenarios/baseline.toml")
ap.add_argument("--n", type=int, default=64, help="base samples (power of 2)")
ap.add_argument("--statistic", default="countries_adopted_2019")
ap.add_argument("--threads", type=int, default=2)
args = ap.parse_args()

bounds = {"params.beta_crime": (0.0, 1.5), "params.alpha0": (-6.0, -3.0), "params.subnational_share": (0.05, 0.95)}
names, lo, hi = list(bounds), np.array([b[0] for b in bounds.values()]), np.array([b[1] for b in bounds.values()])
d = len(names)
base = qmc.Sobol(d=2 * d, scramble=True, seed=1).random(args.n)
A, B = qmc.scale(base[:, :d], lo, hi), qmc.scale(base[:, d:], lo, hi)
blocks = [A, B] + [np.where(np.arange(d) == i, B, A) for i in range(d)]  # A_B^(i): column i from B
design = pd.DataFrame(np.vstack(blocks), columns=names)

runs = pushpull.run_many(args.scenario, design, seeds=7, common_random_numbers=True, threads=args.threads)
y = runs[args.statistic].to_numpy().reshape(d + 2, args.n)
fA, fB, fAB = y[0], y[1], y[2:]
var = np.var(np.concatenate([fA, fB]), ddof=1)
S1 = np.mean(fB * (fAB - fA), axis=1) / var          # Saltelli 2010
ST = 0.5 * np.mean((fA - fAB) ** 2, axis=1) / var    # Jansen 1999
print(pd.DataFrame({"parameter": names, "S1": S1, "ST": ST}).round(3).to_string(index=False))
print(f"{len(runs)} runs; {args.statistic}: mean {y.mean():.1f}, variance {var:.1f}")

#!/usr/bin/env python3
"""An emulator (surrogate) of the baseline: a Latin hypercube design from scipy's qmc, the runs
through pushpull.run_many, a Gaussian-process regression from scikit-learn (python3-sklearn) fitted
to one statistic, and its prediction checked on fresh runs. Also a statsmodels OLS of the same
statistic on the parameters (python3-statsmodels) as a linear sensitivity summary.

    PYTHONPATH=build/python /usr/bin/python3 python/examples/emulator.py [--train 40] [--test 10]
"""
import argparse

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.stats import qmc
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, WhiteKernel

import pushpull

ap = argparse.ArgumentParser()
ap.add_argument("--scenario", default="scenarios/baseline.toml")
ap.add_argument("--train", type=int, default=40)
ap.add_argument("--test", type=int, default=10)
ap.add_argument("--statistic", default="countries_adopted_2019")
ap.add_argument("--threads", type=int, default=2)
args = ap.parse_args()

names, lo, hi = ["params.beta_crime", "params.alpha0"], [0.0, -6.0], [1.5, -3.0]


def design(n, seed):
    return pd.DataFrame(qmc.scale(qmc.LatinHypercube(d=2, seed=seed).random(n), lo, hi), columns=names)


train = pushpull.run_many(args.scenario, design(args.train, 1), seeds=3, threads=args.threads)
test = pushpull.run_many(args.scenario, design(args.test, 2), seeds=4, threads=args.threads)
scale = lambda df: (df[names].to_numpy() - lo) / (np.array(hi) - lo)
gp = GaussianProcessRegressor(RBF([0.3, 0.3]) + WhiteKernel(1.0), normalize_y=True, random_state=0)
gp.fit(scale(train), train[args.statistic])
pred = gp.predict(scale(test))
rmse = float(np.sqrt(np.mean((pred - test[args.statistic]) ** 2)))
print(f"GP emulator of {args.statistic}: test RMSE {rmse:.2f} (test SD {test[args.statistic].std():.2f})")
ols = sm.OLS(train[args.statistic], sm.add_constant(train[names])).fit()
print(ols.params.round(3).to_string())

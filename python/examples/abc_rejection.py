#!/usr/bin/env python3
"""pyabc-style approximate Bayesian computation by rejection (pyabc is pip-only): draw parameters
from their priors, simulate every draw with its own seed through pushpull.run_many, keep the draws
whose summary is closest to pseudo-observations made at known values, and compare the accepted
sample with the truth. `pushpull calibrate` is the project's full ABC-SMC.

    PYTHONPATH=build/python /usr/bin/python3 python/examples/abc_rejection.py [--draws 200]
"""
import argparse

import numpy as np
import pandas as pd

import pushpull

ap = argparse.ArgumentParser()
ap.add_argument("--scenario", default="scenarios/baseline.toml")
ap.add_argument("--draws", type=int, default=200)
ap.add_argument("--accept", type=float, default=0.1, help="share of draws kept")
ap.add_argument("--threads", type=int, default=2)
args = ap.parse_args()

stats = ["countries_adopted_2010", "countries_adopted_2011", "cities_adopted_horizon"]
truth = {"params.alpha0": -4.5}
observed = pushpull.run_many(args.scenario, pd.DataFrame({k: [v] for k, v in truth.items()}), seeds=[4])[stats]

prior = pushpull.describe().set_index("id").loc["params.alpha0"]   # bounds from the model's own schema
rng = np.random.default_rng(1)
draws = pd.DataFrame({"params.alpha0": rng.uniform(max(prior["min"], -7.0), min(prior["max"], -2.0), args.draws)})
sims = pushpull.run_many(args.scenario, draws, seeds=list(range(100, 100 + args.draws)), threads=args.threads)
scale = sims[stats].std().replace(0, 1)
distance = np.sqrt((((sims[stats] - observed.iloc[0]) / scale) ** 2).sum(axis=1))
kept = sims.loc[distance.nsmallest(max(1, round(args.accept * len(sims))), keep="first").index]
post = kept["params.alpha0"]
print(f"{len(kept)} of {len(sims)} draws accepted; alpha0 posterior median {post.median():.2f} "
      f"(90%: {post.quantile(0.05):.2f} to {post.quantile(0.95):.2f}), truth {truth['params.alpha0']}")

#!/usr/bin/python3
"""Fit over seeds of single particles of a calibration's final generation.

Each chosen particle's parameter values are set on the base scenario (`--set key=value`) and run
through scripts/fit-over-seeds.py; one line per particle: its ABC distance, the mean number of
targets met, T1, the documented count of 2019 and the years of the documented curve inside the 90% band. Used to compare
candidate point estimates (docs/CALIBRATION.md, "The calibrated scenario").

  /usr/bin/python3 scripts/particle-fit.py scenarios/posterior.h5 --smallest 8 --seeds 10
  /usr/bin/python3 scripts/particle-fit.py scenarios/posterior.h5 --particles 877 244 --seeds 20
"""
import argparse
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("posterior", help="a pushpull calibrate output file")
    ap.add_argument("--scenario", default=str(ROOT / "scenarios" / "baseline.toml"), help="the calibration's base scenario")
    ap.add_argument("--smallest", type=int, default=0, help="the N final particles with the smallest ABC distance")
    ap.add_argument("--particles", type=int, nargs="*", default=[], help="final-generation particle indices")
    ap.add_argument("--seeds", type=int, default=10)
    a = ap.parse_args()

    with h5py.File(a.posterior, "r") as f:
        gens = sorted(f["generations"].keys())
        last = f["generations"][gens[-1]]
        particles = last["particles"][:]
        distances = last["distances"][:]
        names = [x.decode() if isinstance(x, bytes) else x for x in f["calibration/parameter"][:]]
    chosen = list(a.particles) + [int(i) for i in np.argsort(distances, kind="stable")[: a.smallest]]
    if not chosen:
        sys.exit("particle-fit.py: name --particles or --smallest")
    for i in chosen:
        if not 0 <= i < len(particles):
            sys.exit(f"particle-fit.py: particle {i} not in 0..{len(particles) - 1}")
        sets = []
        for name, value in zip(names, particles[i]):
            sets += ["--set", f"{name}={value!r}"]
        out = subprocess.run([sys.executable, str(ROOT / "scripts" / "fit-over-seeds.py"), a.scenario,
                              "--seeds", str(a.seeds)] + sets, capture_output=True, text=True, check=True).stdout
        met = next(l for l in out.splitlines() if l.startswith("targets met"))
        band = next(l for l in out.splitlines() if l.startswith("documented curve"))
        mean_of = lambda stat: next(l.split()[4] for l in out.splitlines() if l.split()[1:2] == [stat])
        print(f"particle {i}: ABC distance {distances[i]:.3f}; {met.split(':')[1].strip()}; "
              f"T1 mean {mean_of('countries_adopted_2019')}; documented 2019 mean {mean_of('observed_countries_2019')}; "
              f"band {band.split(':')[1].strip()}")


if __name__ == "__main__":
    main()

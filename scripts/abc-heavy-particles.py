#!/usr/bin/env python3
"""Where an ABC-SMC generation's weight sits (docs/CALIBRATION.md, "Sampler options").

For every generation of a calibration file: the ESS, the largest weights, and for the heaviest
particles their distance and coordinates as z-scores against the previous generation's weighted
mean and SD. A collapse caused by a tail point shows one particle with a large share of the weight
and several coordinates far out at once.

Usage: /usr/bin/python3 scripts/abc-heavy-particles.py POSTERIOR.h5 [--top 3]
"""
import argparse

import h5py
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--top", type=int, default=3)
    a = ap.parse_args()
    with h5py.File(a.file, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["calibration/parameter"][:]]
        gens = sorted(f["generations"].keys())
        print("columns:", " ".join(n.split(".")[-1] for n in names))
        for prev_name, name in zip(gens, gens[1:]):
            g, p = f["generations"][name], f["generations"][prev_name]
            w, x, d = g["weights"][:], g["particles"][:], g["distances"][:]
            wp, xp = p["weights"][:], p["particles"][:]
            m = np.average(xp, axis=0, weights=wp)
            sd = np.sqrt(np.average((xp - m) ** 2, axis=0, weights=wp))
            order = np.argsort(-w)
            print(f"{name}: ESS {1 / np.sum(w ** 2):.1f}; top weights "
                  + " ".join(f"{v:.3f}" for v in w[order[: a.top + 2]]))
            for i in order[: a.top]:
                z = (x[i] - m) / np.where(sd > 0, sd, 1)
                print(f"  weight {w[i]:.3f}, distance {d[i]:.3f}, z " + " ".join(f"{v:+.1f}" for v in z))


if __name__ == "__main__":
    main()

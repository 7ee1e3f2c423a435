#!/usr/bin/env python3
"""Rank histograms of a simulation-based calibration file (`pushpull calibrate` with [sbc]).

    /usr/bin/python3 scripts/sbc-figure.py output/sbc_small.h5 docs/figures/sbc_small.png

One panel per parameter: the count of truths' ranks per bin, the expected count and its 99%
binomial band (a calibrated sampler stays inside it in about 99 of 100 bins).
"""
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from scipy import stats


def main(path, out):
    with h5py.File(path, "r") as f:
        if "sbc" not in f:
            sys.exit(f"{path}: no /sbc group (not an SBC file)")
        g = f["sbc"]
        hist = g["histogram"][()]
        names = [n.decode() if isinstance(n, bytes) else n for n in g["parameter"][()]]
        chi2, p = g["chi_square"][()], g["p_value"][()]
        replicates, bins = int(g.attrs["replicates"]), int(g.attrs["bins"])
    expected = replicates / bins
    lo, hi = stats.binom.ppf([0.005, 0.995], replicates, 1 / bins)
    fig, axes = plt.subplots(1, len(names), figsize=(4 * len(names), 3), squeeze=False)
    for ax, name, h, c, pv in zip(axes[0], names, hist, chi2, p):
        ax.axhspan(lo, hi, color="0.9", label="99% band")
        ax.bar(range(bins), h, color="C0")
        ax.axhline(expected, color="k", lw=1, label="expected")
        ax.set_title(f"{name}\nχ² = {c:.1f}, p = {pv:.2f}", fontsize=9)
        ax.set_xlabel("rank bin")
        ax.set_xticks(range(bins))
    axes[0][0].set_ylabel(f"truths ({replicates} replicates)")
    axes[0][0].legend(fontsize=7, loc="lower left")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])

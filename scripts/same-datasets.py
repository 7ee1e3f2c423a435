#!/usr/bin/env python3
"""Compare every dataset of two pushpull HDF5 files (NaN equal to NaN); attributes are ignored,
since they carry the binary's path, version and resolved scenario. Exit 1 if any differs.

    /usr/bin/python3 scripts/same-datasets.py before.h5 after.h5
"""
import sys

import h5py
import numpy as np


def datasets(f):
    names = []
    f.visititems(lambda n, o: names.append(n) if isinstance(o, h5py.Dataset) else None)
    return names


def same(x, y):
    x, y = x[()], y[()]
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        return x.shape == y.shape and np.array_equal(x, y, equal_nan=True)
    return np.array_equal(x, y)


def main(a, b):
    with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
        na, nb = datasets(fa), datasets(fb)
        differ = [n for n in na if n not in fb or not same(fa[n], fb[n])] + [n for n in nb if n not in fa]
        print(f"{len(na)} datasets in {a}, {len(nb)} in {b}; differing: {', '.join(differ) if differ else 'none'}")
        return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))

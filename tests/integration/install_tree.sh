#!/usr/bin/env bash
# `cmake --install` into a fresh prefix, then use only the installed tree: the binary runs an
# installed scenario (which finds the installed data), and Debian's python imports the installed
# package (PYTHONPATH = the prefix's dist-packages) and reproduces the binary's run.
# Usage: install_tree.sh BUILD_DIR TMP_DIR
set -euo pipefail
if [ $# -ne 2 ]; then echo "usage: $0 BUILD_DIR TMP_DIR" >&2; exit 2; fi
BUILD=$1 TMP=$2
rm -rf "$TMP"
mkdir -p "$TMP"
cmake --install "$BUILD" --prefix "$TMP/prefix" >"$TMP/install.log"
P="$TMP/prefix"
for f in bin/pushpull share/pushpull/scenarios/baseline.toml share/pushpull/data/targets.csv \
         lib/python3/dist-packages/pushpull/__init__.py; do
  [ -e "$P/$f" ] || { echo "FAIL: $f not installed" >&2; exit 1; }
done
ls "$P"/lib/python3/dist-packages/pushpull/_core*.so >/dev/null || { echo "FAIL: no extension installed" >&2; exit 1; }
cd "$TMP"   # away from the source and build trees
"$P/bin/pushpull" --version
"$P/bin/pushpull" --log-level warn run "$P/share/pushpull/scenarios/test_small.toml" --seed 3 -q -o "$TMP/cli.h5"
PYTHONPATH="$P/lib/python3/dist-packages" /usr/bin/python3 - "$P" "$TMP/cli.h5" <<'PY'
import sys
import numpy as np
import pushpull
prefix, cli = sys.argv[1], sys.argv[2]
assert pushpull.__file__.startswith(prefix), pushpull.__file__
r = pushpull.run(f"{prefix}/share/pushpull/scenarios/test_small.toml", seed=3, threads=1)
c = pushpull.read(cli)
np.testing.assert_array_equal(r.cities["adoption_step"], c.cities["adoption_step"])
print("ok: installed package", pushpull.__version__, "reproduces the installed binary's run")
PY

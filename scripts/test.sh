#!/usr/bin/env bash
# The README's second command: install dependencies, build, run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DPUSHPULL_MPI=ON   # the suite includes a 2- and a 3-rank sweep (mpirun)
ctest --test-dir build --output-on-failure --parallel 2 --timeout 600

#!/usr/bin/env bash
# The README's first command: install dependencies, build in Release, run the baseline scenario
# (2008Q1-2019Q4 on the shipped data), write output/baseline.h5 and print the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/app/pushpull run scenarios/baseline.toml -o output/baseline.h5 --force

#!/usr/bin/env bash
# Regenerates docs/figures/*.png: builds pushpull, makes the notebooks' inputs in output/ (runs,
# the messaging grid, the headline Morris and Sobol' sweeps of scenarios/sweeps/ with their indices) and
# executes every notebook headless (executed copies in output/notebooks/).
#   REPLICATES=20 (baseline seeds 1..N), THREADS=2, BUILD_DIR=build
# Inputs already present are reused; FORCE=1 remakes them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${REPLICATES:-20}
THREADS=${THREADS:-2}
BUILD=${BUILD_DIR:-build}
PY=/usr/bin/python3
case $BUILD in /*) PKG=$BUILD/python ;; *) PKG=$ROOT/$BUILD/python ;; esac
export PYTHONPATH="$PKG${PYTHONPATH:+:$PYTHONPATH}"   # the notebooks import pushpull
"$PY" -c "import nbconvert, ipykernel" 2>/dev/null ||
  { echo "install python3-nbconvert python3-ipykernel (scripts/install-deps.sh)" >&2; exit 1; }
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
ninja -C "$BUILD" pushpull
BIN=$BUILD/app/pushpull
force=()
if [ "${FORCE:-0}" = 1 ]; then force=(--force); fi

mkdir -p output/replicates output/notebooks docs/figures
for k in $(seq 1 "$N"); do
  f=output/replicates/baseline_seed$k.h5
  if [ ! -f "$f" ] || [ "${FORCE:-0}" = 1 ]; then
    "$BIN" run scenarios/baseline.toml --seed "$k" -q --threads "$THREADS" -o "$f" "${force[@]}" 2>/dev/null
  fi
done
if [ ! -f output/baseline.h5 ] || [ "${FORCE:-0}" = 1 ]; then
  "$BIN" run scenarios/baseline.toml -q --threads "$THREADS" -o output/baseline.h5 "${force[@]}" 2>/dev/null
fi
if [ ! -f output/messaging_grid.h5 ] || [ "${FORCE:-0}" = 1 ]; then
  "$BIN" experiment scenarios/experiments/messaging_grid.toml -o output/messaging_grid.h5 \
    --threads "$THREADS" "${force[@]}"
fi
for s in headline_morris headline_sobol; do
  if [ ! -f "output/$s.h5" ] || [ "${FORCE:-0}" = 1 ]; then
    "$BIN" sweep "scenarios/sweeps/$s.toml" -o "output/$s.h5" --threads "$THREADS" "${force[@]}"
  fi
  if [ ! -f "output/${s}_indices.h5" ] || [ "${FORCE:-0}" = 1 ]; then
    "$BIN" sensitivity "output/$s.h5" -o "output/${s}_indices.h5" "${force[@]}" >/dev/null
  fi
done

export PUSHPULL_ROOT=$ROOT
export PUSHPULL_MORRIS_SWEEP_H5=$ROOT/output/headline_morris.h5
export PUSHPULL_MORRIS_INDICES_H5=$ROOT/output/headline_morris_indices.h5
export PUSHPULL_SOBOL_INDICES_H5=$ROOT/output/headline_sobol_indices.h5
export PUSHPULL_REPLICATES_DIR=$ROOT/output/replicates
export PUSHPULL_BASELINE_H5=$ROOT/output/baseline.h5
export PUSHPULL_EXPERIMENT_H5=$ROOT/output/messaging_grid.h5
export PUSHPULL_FIGURES_DIR=$ROOT/docs/figures
export MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1
for nb in notebooks/*.ipynb; do
  echo "executing $nb"
  "$PY" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
    --ExecutePreprocessor.timeout=600 --output-dir output/notebooks "$nb"
done
ls -l docs/figures/*.png

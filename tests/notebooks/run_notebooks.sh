#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless on SMALL inputs (CTest label `notebooks`).
# Usage: run_notebooks.sh PUSHPULL_BINARY SOURCE_DIR TMP_DIR
# Inputs: 3 baseline replicates and the tiny experiment (scenarios/experiments/test_tiny.toml).
# Fails (does not skip) when Debian's python3 cannot import nbconvert: install python3-nbconvert
# and python3-ipykernel (scripts/install-deps.sh).
set -euo pipefail
if [ $# -ne 3 ]; then echo "usage: $0 PUSHPULL_BINARY SOURCE_DIR TMP_DIR" >&2; exit 2; fi
BIN=$1 SRC=$2 TMP=$3
PY=/usr/bin/python3
if ! "$PY" -c "import nbconvert, ipykernel, h5py, pandas, matplotlib" 2>/dev/null; then
  echo "FAIL: $PY cannot import nbconvert/ipykernel/h5py/pandas/matplotlib;" \
       "install python3-nbconvert python3-ipykernel (scripts/install-deps.sh)" >&2
  exit 1
fi
rm -rf "$TMP"
mkdir -p "$TMP/replicates" "$TMP/figures" "$TMP/executed"
cd "$SRC"
for k in 1 2 3; do
  "$BIN" run scenarios/baseline.toml --seed "$k" -q -o "$TMP/replicates/baseline_seed$k.h5" 2>>"$TMP/runs.log"
done
"$BIN" experiment scenarios/experiments/test_tiny.toml -o "$TMP/experiment.h5" >>"$TMP/runs.log" 2>&1

export PUSHPULL_ROOT="$SRC"
export PUSHPULL_REPLICATES_DIR="$TMP/replicates"
export PUSHPULL_BASELINE_H5="$TMP/replicates/baseline_seed1.h5"
export PUSHPULL_EXPERIMENT_H5="$TMP/experiment.h5"
export PUSHPULL_FIGURES_DIR="$TMP/figures"
export MPLBACKEND=Agg PYDEVD_DISABLE_FILE_VALIDATION=1

status=0
shopt -s nullglob
notebooks=("$SRC"/notebooks/*.ipynb)
if [ ${#notebooks[@]} -eq 0 ]; then echo "FAIL: no notebook in $SRC/notebooks" >&2; exit 1; fi
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb" .ipynb)
  if "$PY" -m nbconvert --to notebook --execute --ExecutePreprocessor.kernel_name=python3 \
       --ExecutePreprocessor.timeout=120 --output-dir "$TMP/executed" "$nb" >"$TMP/$name.log" 2>&1; then
    echo "ok   $name"
  else
    echo "FAIL $name (log: $TMP/$name.log)"; tail -40 "$TMP/$name.log"; status=1
  fi
done
# Every notebook must have written at least one figure.
n=$(find "$TMP/figures" -name '*.png' | wc -l)
echo "$n figures in $TMP/figures"
if [ "$n" -lt "${#notebooks[@]}" ]; then echo "FAIL: expected at least one figure per notebook" >&2; status=1; fi

# A missing input must fail loudly, naming the command that makes it.
if PUSHPULL_EXPERIMENT_H5="$TMP/does_not_exist.h5" "$PY" -m nbconvert --to notebook --execute \
     --output-dir "$TMP/executed" --output missing_input "$SRC/notebooks/counterfactuals.ipynb" >"$TMP/missing.log" 2>&1; then
  echo "FAIL: counterfactuals.ipynb ran without its input" >&2; status=1
elif ! grep -q "pushpull experiment" "$TMP/missing.log"; then
  echo "FAIL: the missing-input error does not name the command that makes it" >&2; status=1
else
  echo "ok   missing input fails and names the command"
fi
exit $status

#!/usr/bin/env bash
# Executes every notebook in notebooks/ headless on SMALL inputs (CTest label `notebooks`).
# Usage: run_notebooks.sh PUSHPULL_BINARY SOURCE_DIR TMP_DIR
# Inputs: 3 baseline replicates, the tiny experiment (scenarios/experiments/test_tiny.toml), a small
# Morris sweep of one of its contrasts and a small Sobol' sweep of the Ishigami function.
# Fails (does not skip) when Debian's python3 cannot import nbconvert: install python3-nbconvert
# and python3-ipykernel (scripts/install-deps.sh).
set -euo pipefail
if [ $# -ne 3 ]; then echo "usage: $0 PUSHPULL_BINARY SOURCE_DIR TMP_DIR" >&2; exit 2; fi
BIN=$1 SRC=$2 TMP=$3
PY=/usr/bin/python3
if ! "$PY" -c "import nbconvert, ipykernel, pandas, matplotlib, pushpull" 2>/dev/null; then
  echo "FAIL: $PY cannot import nbconvert/ipykernel/pandas/matplotlib/pushpull (PYTHONPATH=build/python);" \
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
# sensitivity.ipynb: a small Morris sweep of a contrast of the tiny experiment and a small Sobol'
# sweep of the Ishigami function (so the Sobol' bars have data), each through `pushpull sensitivity`.
PI=3.141592653589793
cat >"$TMP/morris.toml" <<EOF
[sweep]
experiment = "$SRC/scenarios/experiments/test_tiny.toml"
contrast = ["tailored_subnational", "no_action"]
design = "morris"
samples = 6
replicates = 2
common_random_numbers = true
seed = 7
[[parameter]]
key = "us.kappa_tailored"
range = [0.0, 6.0]
[[parameter]]
key = "us.backfire_tailored"
range = [0.0, 1.5]
[[parameter]]
key = "params.subnational_share"
range = [0.05, 0.95]
EOF
cat >"$TMP/sobol.toml" <<EOF
[sweep]
function = "ishigami"
design = "sobol"
samples = 512
[[parameter]]
key = "x1"
range = [-$PI, $PI]
[[parameter]]
key = "x2"
range = [-$PI, $PI]
[[parameter]]
key = "x3"
range = [-$PI, $PI]
EOF
"$BIN" sweep "$TMP/morris.toml" -o "$TMP/morris.h5" --threads 2 >>"$TMP/runs.log" 2>&1
"$BIN" sensitivity "$TMP/morris.h5" -o "$TMP/morris_indices.h5" >>"$TMP/runs.log" 2>&1
"$BIN" sweep "$TMP/sobol.toml" -o "$TMP/sobol.h5" >>"$TMP/runs.log" 2>&1
"$BIN" sensitivity "$TMP/sobol.h5" -o "$TMP/sobol_indices.h5" --bootstrap 50 >>"$TMP/runs.log" 2>&1

export PUSHPULL_ROOT="$SRC"
export PUSHPULL_REPLICATES_DIR="$TMP/replicates"
export PUSHPULL_BASELINE_H5="$TMP/replicates/baseline_seed1.h5"
export PUSHPULL_EXPERIMENT_H5="$TMP/experiment.h5"
export PUSHPULL_MORRIS_SWEEP_H5="$TMP/morris.h5"
export PUSHPULL_MORRIS_INDICES_H5="$TMP/morris_indices.h5"
export PUSHPULL_SOBOL_INDICES_H5="$TMP/sobol_indices.h5"
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
if PUSHPULL_MORRIS_INDICES_H5="$TMP/does_not_exist.h5" "$PY" -m nbconvert --to notebook --execute \
     --output-dir "$TMP/executed" --output missing_sensitivity "$SRC/notebooks/sensitivity.ipynb" \
     >"$TMP/missing_sensitivity.log" 2>&1; then
  echo "FAIL: sensitivity.ipynb ran without its input" >&2; status=1
elif ! grep -q "pushpull sensitivity" "$TMP/missing_sensitivity.log"; then
  echo "FAIL: sensitivity.ipynb's missing-input error does not name the command that makes it" >&2; status=1
else
  echo "ok   sensitivity.ipynb: missing input fails and names the command"
fi
exit $status

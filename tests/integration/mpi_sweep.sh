#!/usr/bin/env bash
# A sweep under mpirun (2 and 3 ranks) must write the very bytes of the single-process sweep, and an
# error on rank 0 must stop every rank (no hang) with rank 0's exit code.
# Usage: mpi_sweep.sh PUSHPULL_BINARY REPO_ROOT WORK_DIR [MPIEXEC]
set -euo pipefail
bin=$1 repo=$2 dir=$3 mpiexec=${4:-mpirun}
fail() { echo "mpi_sweep: FAIL: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "no pushpull binary at $bin"
command -v "$mpiexec" > /dev/null || fail "$mpiexec not found (install openmpi-bin)"
rm -rf "$dir" && mkdir -p "$dir"
export SOURCE_DATE_EPOCH=0  # created_utc is the only time in the file
# No core binding: on a loaded test machine a rank pinned to a busy core would only be slow (dynamic
# hand-out copes), but the test wants every rank to do some work.
mpi=("$mpiexec" --allow-run-as-root --oversubscribe --bind-to none)
# Containers often forbid the cross-process memory copy Open MPI's shared-memory transport uses for
# larger messages ("process_vm_readv: Operation not permitted"); plain copies work everywhere.
export OMPI_MCA_btl_vader_single_copy_mechanism=${OMPI_MCA_btl_vader_single_copy_mechanism:-none}

cat > "$dir/small.toml" <<TOML
[sweep]
base = "$repo/scenarios/test_small.toml"
design = "lhs"
samples = 12
replicates = 2
seed = 5
keep_series = true

[[parameter]]
key = "params.beta_crime"
range = [0.0, 1.5]
[[parameter]]
key = "params.alpha0"
TOML

"$bin" sweep "$dir/small.toml" -o "$dir/single.h5" --threads 1 > "$dir/single.log" 2>&1 ||
  fail "single-process sweep failed: $(cat "$dir/single.log")"

for np in 2 3; do
  timeout 300 "${mpi[@]}" -np $np "$bin" sweep "$dir/small.toml" -o "$dir/np$np.h5" --threads 1 \
    > "$dir/np$np.log" 2>&1 || fail "the $np-rank sweep failed (exit $?): $(cat "$dir/np$np.log")"
  cmp "$dir/single.h5" "$dir/np$np.h5" || fail "the $np-rank file differs from the single-process file"
  # Rank 0 logs "runs computed by rank: 0: a, 1: b, ..."; every rank must have done some work.
  grep -q "runs computed by rank" "$dir/np$np.log" || fail "no per-rank report in the $np-rank log: $(cat "$dir/np$np.log")"
  for r in $(seq 1 $((np - 1))); do
    grep -Eq "runs computed by rank:.* $r: [1-9]" "$dir/np$np.log" ||
      fail "rank $r computed no runs: $(grep 'runs computed' "$dir/np$np.log")"
  done
  echo "mpi_sweep: $np ranks: identical to the single-process file ($(grep -o 'runs computed by rank.*' "$dir/np$np.log"))"
done

# Rank 0 fails (the output exists, no --force): every rank stops, exit code 3, no half-written file.
set +e
timeout 120 "${mpi[@]}" -np 2 "$bin" sweep "$dir/small.toml" -o "$dir/np2.h5" > "$dir/exists.log" 2>&1
rc=$?
set -e
[ $rc -eq 124 ] && fail "an error on rank 0 left the ranks hanging"
[ $rc -eq 3 ] || fail "overwriting without --force under mpirun: exit $rc, expected 3 (I/O error)"
grep -q "output file exists" "$dir/exists.log" || fail "rank 0's error was not reported: $(cat "$dir/exists.log")"
cmp "$dir/single.h5" "$dir/np2.h5" || fail "a refused run changed the existing file"

# --shard is refused under mpirun with a clear message.
set +e
timeout 120 "${mpi[@]}" -np 2 "$bin" sweep "$dir/small.toml" --shard 0/2 -o "$dir/shard.h5" > "$dir/shard.log" 2>&1
rc=$?
set -e
[ $rc -ne 0 ] && [ $rc -ne 124 ] || fail "--shard under mpirun was not refused (exit $rc)"
grep -q "cannot be combined with mpirun" "$dir/shard.log" || fail "no clear --shard message: $(cat "$dir/shard.log")"
echo "mpi_sweep: OK"

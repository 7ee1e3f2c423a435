#!/usr/bin/env bash
# Instructions (callgrind Ir) per piece of work, printed as a small table. Each figure is the
# difference of two runs that differ by exactly that work (set-up, start-up and data loading
# cancel), except the CLI row, which is one whole `pushpull run` process.
#
#   bench/instructions.sh [BUILD_DIR]        # default build/; needs valgrind
#   EDGES_N=1000000 bench/instructions.sh    # the edge list's node count (default 100000)
#   PUSHPULL=/path/to/other/pushpull bench/instructions.sh   # CLI rows of another build (before/after)
#
#   baseline simulation   instructions_driver simulate 3 - simulate 1, / 2 (serial executor)
#   sweep run             pushpull sweep bench/instructions_sweep.toml (4 runs) - its shard 0/2, / 2
#   CLI run               pushpull run scenarios/baseline.toml --threads 1, the whole process
#   CLI threshold         pushpull run of a fixed-threshold model on the edge list (1 thread), the
#                         whole process divided by the edges (reading, model, HDF5 output)
#   edge-list read        instructions_driver read FILE 2 - read FILE 1, / edges: the fast path
#                         (read_edge_list_csr) and the general reader (read_edge_list + to_csr)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
n=${EDGES_N:-100000}
driver=$build/bench/instructions_driver
pushpull=${PUSHPULL:-$build/app/pushpull}
for b in "$driver" "$pushpull"; do
  [[ -x $b ]] || { echo "instructions.sh: $b not built (cmake --build $build --target instructions_driver pushpull)" >&2; exit 2; }
done
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Ir of one command (callgrind's "Collected" line).
ir() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected :/ {print $4}'
}
row() { printf '%-44s %16s  %s\n' "$1" "$2" "$3"; }
per() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { printf "%.0f", (a - b) / d }'; }

"$driver" write "$n" "$work/edges.txt"
m=$(wc -l < "$work/edges.txt")

sim3=$(ir "$driver" simulate 3); sim1=$(ir "$driver" simulate 1)
sweep_all=$(ir "$pushpull" --log-level off sweep "$root/bench/instructions_sweep.toml" -o "$work/s4.h5" --force --threads 1)
sweep_half=$(ir "$pushpull" --log-level off sweep "$root/bench/instructions_sweep.toml" -o "$work/s2.h5" --force --threads 1 --shard 0/2)
cli=$(ir "$pushpull" --log-level off run "$root/scenarios/baseline.toml" -o "$work/b.h5" --force -q --threads 1)
cat > "$work/threshold.toml" <<TOML
[model]
name = "threshold"
[run]
seed = 1
steps = 1000
[network]
source = "file"
file = "$work/edges.txt"
[seeds]
method = "random"
fraction = 0.001
[params]
distribution = "fixed"
a = 0.1
TOML
cli_th=$(ir "$pushpull" --log-level off run "$work/threshold.toml" -o "$work/t.h5" --force -q --threads 1)
fast2=$(ir "$driver" read "$work/edges.txt" 2); fast1=$(ir "$driver" read "$work/edges.txt" 1)
gen2=$(ir "$driver" read-general "$work/edges.txt" 2); gen1=$(ir "$driver" read-general "$work/edges.txt" 1)

row "what" "instructions" "per"
row "baseline simulation (push-pull, serial)" "$(per "$sim3" "$sim1" 2)" "run"
row "sweep run (pushpull sweep, 1 thread)" "$(per "$sweep_all" "$sweep_half" 2)" "run"
row "CLI run of scenarios/baseline.toml" "$cli" "process"
row "CLI run, threshold from the edge list" "$(per "$cli_th" 0 "$m")" "edge"
row "edge-list read, fast path (n=$n, m=$m)" "$(per "$fast2" "$fast1" "$m")" "edge"
row "edge-list read, general reader" "$(per "$gen2" "$gen1" "$m")" "edge"

#!/usr/bin/python3
"""pushpull against a numpy/scipy peer: the same edge list through the same threshold and cascade
rules, side by side in one run. Asserts identical curves (and identical per-node adoption steps),
then prints CPU seconds, the ratio peer/pushpull and pushpull's peak memory per edge.

    /usr/bin/python3 bench/peers/classic_peer.py --n 1000000            # the issue-14 size
    /usr/bin/python3 bench/peers/classic_peer.py --n 20000 --check-only # quick: curves only

How the peer gets the same answer (bench/peers/README.md):
- the seed set is pushpull's: the nodes whose adoption step is 0 in pushpull's output;
- threshold: fixed thresholds (distribution = "fixed"), so the rule is deterministic given seeds;
- cascade: activation probabilities are the file's weights (use_weights = true), and the peer
  draws the very same uniforms: Philox4x32-10 keyed by the run seed, counter (step, node, stream 4,
  block), two 53-bit uniforms per block, in arc order, reimplemented here in vectorised numpy.
Exit status 1 if any curve differs.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np
import scipy.sparse as sp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# ---- Philox4x32-10 (Random123), vectorised over uint64 arrays holding 32-bit lanes -------------
M0, M1 = np.uint64(0xD2511F53), np.uint64(0xCD9E8D57)
W0, W1 = 0x9E3779B9, 0xBB67AE85
MASK32 = np.uint64(0xFFFFFFFF)
STREAM_CASCADE = 4  # models/classic/common.hpp kStreamCascade


def philox4x32(c0, c1, c2, c3, k0, k1):
    """Ten rounds on counters (arrays of uint64 < 2^32) with a scalar key; returns the 4 lanes."""
    c0, c1, c2, c3 = (np.asarray(c, dtype=np.uint64) for c in (c0, c1, c2, c3))
    for r in range(10):
        if r > 0:
            k0, k1 = (k0 + W0) & 0xFFFFFFFF, (k1 + W1) & 0xFFFFFFFF
        p0 = M0 * c0  # < 2^64: exact in uint64
        p1 = M1 * c2
        hi0, lo0 = p0 >> np.uint64(32), p0 & MASK32
        hi1, lo1 = p1 >> np.uint64(32), p1 & MASK32
        c0, c1, c2, c3 = hi1 ^ c1 ^ np.uint64(k0), lo1, hi0 ^ c3 ^ np.uint64(k1), lo0
    return c0, c1, c2, c3


def uniforms(seed, step, nodes, index):
    """sim::Rng(seed, step, node, kStreamCascade).uniform() number `index` (0-based), per element."""
    k0, k1 = seed & 0xFFFFFFFF, (seed >> 32) & 0xFFFFFFFF
    block = (index // 2).astype(np.uint64)
    v0, v1, v2, v3 = philox4x32(np.full(nodes.shape, step, np.uint64), nodes.astype(np.uint64),
                                np.full(nodes.shape, STREAM_CASCADE, np.uint64), block, k0, k1)
    second = (index % 2) == 1
    hi = np.where(second, v2, v0)
    lo = np.where(second, v3, v1)
    bits = ((hi << np.uint64(32)) | lo) >> np.uint64(11)
    return (bits.astype(np.float64) + 0.5) * 2.0 ** -53


# ---- the peer models ---------------------------------------------------------------------------
def read_graph(path, weighted):
    """The edge list as a symmetric scipy CSR matrix over dense ids in numeric order of the file's
    ids (pushpull's rule: a file id never used by an edge gets no node), and those ids."""
    cols = (0, 1, 2) if weighted else (0, 1)
    data = np.loadtxt(path, comments="#", ndmin=2, usecols=cols)
    ids, dense = np.unique(data[:, :2].astype(np.int64), return_inverse=True)
    dense = dense.reshape(-1, 2)
    u, v = dense[:, 0], dense[:, 1]
    w = data[:, 2] if weighted else np.ones(len(u))
    n = len(ids)
    a = sp.csr_matrix((np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n))
    a.sort_indices()  # rows sorted by target, as pushpull stores them (the cascade's arc order)
    return a, ids


def frontier_arcs(a, frontier):
    """Arc positions (into a.indices) of the frontier's rows, and each arc's rank in its row."""
    starts = a.indptr[frontier]
    lens = a.indptr[frontier + 1] - starts
    total = int(lens.sum())
    owner = np.repeat(np.arange(len(frontier)), lens)
    rank = np.arange(total) - np.repeat(np.cumsum(lens) - lens, lens)
    return starts[owner] + rank, owner, rank


def needed_for(theta, total):
    """classic::InfluenceCounter::needed_for, vectorised: smallest c with c / total >= theta."""
    c = np.ceil(theta * total)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where((c > 0) & ((c - 1) / total >= theta), c - 1, c)
        while True:
            low = (total > 0) & (c / total < theta)
            if not low.any():
                break
            c = np.where(low, c + 1, c)
    c = np.where(theta > 1.0, total + 2, c)
    c = np.where(total == 0, 1, c)
    c = np.where(theta <= 0.0, 0, c)
    return c.astype(np.int64)


def threshold_peer(a, seeds, theta, max_steps):
    n = a.shape[0]
    step = np.full(n, -1, np.int32)
    step[seeds] = 0
    remaining = needed_for(np.full(n, theta), np.diff(a.indptr).astype(np.float64))
    remaining[seeds] = 0
    new = [len(seeds)]
    first = np.flatnonzero((remaining == 0) & (step != 0))  # adopt unprompted at step 1
    frontier = np.asarray(seeds)
    for t in range(1, max_steps + 1):
        arcs, _, _ = frontier_arcs(a, frontier)
        hits = np.bincount(a.indices[arcs], minlength=n)
        after = remaining - hits
        fresh = np.flatnonzero((remaining > 0) & (after <= 0))
        if t == 1:
            fresh = np.union1d(fresh, first)
        remaining = after
        if len(fresh) == 0:
            break
        step[fresh] = t
        new.append(len(fresh))
        frontier = fresh
    return np.array(new), step


def cascade_peer(a, seeds, seed, max_steps):
    n = a.shape[0]
    step = np.full(n, -1, np.int32)
    step[seeds] = 0
    active = np.zeros(n, bool)
    active[seeds] = True
    new = [len(seeds)]
    frontier = np.asarray(seeds)
    for t in range(1, max_steps + 1):
        if len(frontier) == 0:
            break
        arcs, owner, rank = frontier_arcs(a, frontier)
        x = uniforms(seed, t, frontier[owner], rank)
        hit = a.indices[arcs[x < a.data[arcs]]]
        fresh = np.unique(hit[~active[hit]])
        if len(fresh) == 0:
            break
        active[fresh] = True
        step[fresh] = t
        new.append(len(fresh))
        frontier = fresh
    return np.array(new), step


# ---- driving pushpull --------------------------------------------------------------------------
def run_child(cmd, work):
    """Runs cmd under /usr/bin/time; returns (CPU seconds, wall seconds, peak RSS bytes) of that
    child alone. (A child forked straight from this process would report this process's memory
    in its peak once numpy holds a graph.)"""
    stats = os.path.join(work, "time.txt")
    t0 = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", stats] + cmd, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        sys.exit(f"classic_peer: {' '.join(cmd)} failed ({done.returncode})")
    user, system, kib = open(stats).read().split()[-3:]
    return float(user) + float(system), wall, int(kib) * 1024


SCENARIO = """[model]
name = "{model}"
[run]
seed = {seed}
steps = {steps}
[network]
source = "file"
file = "{file}"
directed = false
[seeds]
method = "random"
fraction = {fraction}
[params]
{params}
"""


def pushpull_run(binary, work, model, edges, params, args):
    toml = os.path.join(work, f"{model}.toml")
    with open(toml, "w") as f:
        f.write(SCENARIO.format(model=model, seed=args.seed, steps=args.steps, file=edges,
                                fraction=args.fraction, params=params))
    out = os.path.join(work, f"{model}.h5")
    cpu, wall, peak = run_child([binary, "--log-level", "off", "run", toml, "-o", out, "--force", "-q",
                                 "--threads", str(args.threads)], work)
    with h5py.File(out, "r") as h:
        new = h["series/new"][()]
        step = h["nodes/adoption_step"][()]  # kNever = -1, as in the peer
        names = np.array([int(x) for x in h["nodes/name"][()]])
    return new, step, names, cpu, wall, peak


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1000000, help="nodes of G(n, 5n) (default 10^6)")
    ap.add_argument("--pushpull", default=os.path.join(ROOT, "build", "app", "pushpull"))
    ap.add_argument("--driver", default=os.path.join(ROOT, "build", "bench", "instructions_driver"),
                    help="writes the edge lists (bench/edge_list_file.hpp)")
    ap.add_argument("--threads", type=int, default=1, help="pushpull worker threads (peer: one)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--fraction", type=float, default=0.001, help="share of nodes seeded")
    ap.add_argument("--theta", type=float, default=0.1, help="fixed threshold")
    ap.add_argument("--check-only", action="store_true", help="assert identical curves; print no timing")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="pushpull_peer_") as work:
        plain = os.path.join(work, "edges.txt")
        weighted = os.path.join(work, "edges_w.txt")
        subprocess.run([args.driver, "write", str(args.n), plain], check=True)
        subprocess.run([args.driver, "write", str(args.n), weighted, "weighted"], check=True)
        m = sum(1 for _ in open(plain))
        rows = []
        ok = True
        for model, edges, params in (("threshold", plain, f'distribution = "fixed"\na = {args.theta}'),
                                     ("cascade", weighted, "use_weights = true")):
            new, step, names, cpu, wall, peak = pushpull_run(args.pushpull, work, model, edges, params, args)
            seeds = np.flatnonzero(step == 0)  # pushpull's seed set, in its dense ids
            c0, w0 = time.process_time(), time.perf_counter()
            a, ids = read_graph(edges, model == "cascade")
            if model == "threshold":
                peer_new, peer_step = threshold_peer(a, seeds, args.theta, args.steps)
            else:
                peer_new, peer_step = cascade_peer(a, seeds, args.seed, args.steps)
            peer_cpu, peer_wall = time.process_time() - c0, time.perf_counter() - w0
            same = (np.array_equal(names, ids) and np.array_equal(new, peer_new) and
                    np.array_equal(step, peer_step))
            ok &= same
            rows.append((model, len(new) - 1, int(new.sum()), same, cpu, peer_cpu, wall, peer_wall, peak, m))
        print(f"G(n={args.n}, m={m}) from an edge-list file, seed {args.seed}, {args.threads} pushpull thread(s)")
        print(f"{'model':10} {'steps':>5} {'adopted':>9} {'identical':>9}" +
              ("" if args.check_only else
               f" {'pushpull CPU s':>14} {'peer CPU s':>10} {'peer/pushpull':>13} {'pushpull wall s':>15}"
               f" {'peer wall s':>11} {'peak MiB':>8} {'peak B/edge':>11}"))
        for model, steps, adopted, same, cpu, pcpu, wall, pwall, peak, m in rows:
            line = f"{model:10} {steps:>5} {adopted:>9} {'yes' if same else 'NO':>9}"
            if not args.check_only:
                line += (f" {cpu:>14.2f} {pcpu:>10.2f} {pcpu / cpu:>13.2f} {wall:>15.2f} {pwall:>11.2f}"
                         f" {peak / 2**20:>8.0f} {peak / m:>11.1f}")
            print(line)
    if not ok:
        sys.exit("classic_peer: pushpull and the peer disagree")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Times python-igraph on the graphs `cargo bench --bench centrality` generated and
compares with criterion's estimates for opgraph.

    cargo bench --bench centrality            # writes the edge lists + criterion estimates
    python3 scripts/bench_centrality_igraph.py [--graphs DIR] [--criterion DIR] [--repeat N]

Edge lists default to <tmp>/opgraph-bench-graphs ($OPGRAPH_BENCH_GRAPHS); criterion's
output to $CARGO_TARGET_DIR/criterion (else target/criterion). Ratio = opgraph / igraph
(below 1: opgraph faster). igraph's C core uses one thread; opgraph uses rayon's threads
(all cores unless RAYON_NUM_THREADS is set when the bench runs).

On graphs above 10k nodes, closeness and betweenness run from the sample of 1,000 nodes
0, n/1000, 2n/1000, ... as in benches/centrality.rs (measure names ending in _k1000):
igraph's closeness(vertices=sample) and betweenness(sources=sample).
"""

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import igraph as ig


def load(path):
    with open(path) as f:
        n, _m = map(int, f.readline().split())
        edges, weights = [], []
        for line in f:
            a, b, w = line.split()
            edges.append((int(a), int(b)))
            weights.append(float(w))
    g = ig.Graph(n=n, edges=edges, directed=False)
    g.es["weight"] = weights
    g.es["distance"] = [1.0 / w for w in weights]
    return g


SAMPLE = 1000
FULL_UP_TO = 10_000

MEASURES = {
    "pagerank": lambda g: g.pagerank(weights="weight", damping=0.85),
    "eigenvector": lambda g: g.eigenvector_centrality(weights="weight", scale=False),
    "closeness": lambda g: g.closeness(),
    "betweenness": lambda g: g.betweenness(directed=False),
    "betweenness_weighted": lambda g: g.betweenness(directed=False, weights="distance"),
    "communities": lambda g: g.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1),
}


def sample_of(g):
    return list(range(0, g.vcount(), g.vcount() // SAMPLE))


SAMPLED = {
    "closeness": lambda g: g.closeness(vertices=sample_of(g)),
    "betweenness": lambda g: g.betweenness(directed=False, sources=sample_of(g)),
    "betweenness_weighted": lambda g: g.betweenness(directed=False, weights="distance", sources=sample_of(g)),
}


def measures(n):
    """(name, function) pairs for a graph of n nodes, as the Rust bench names them."""
    for name, fn in MEASURES.items():
        if n > FULL_UP_TO and name in SAMPLED:
            yield f"{name}_k{len(range(0, n, n // SAMPLE))}", SAMPLED[name]
        else:
            yield name, fn


def best_of(fn, g, repeat):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn(g)
        times.append(time.perf_counter() - t)
    return min(times)


def criterion_mean(root, group, name):
    est = root / group / name / "new" / "estimates.json"
    if not est.exists():
        return None
    return json.loads(est.read_text())["mean"]["point_estimate"] / 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--graphs", default=os.environ.get("OPGRAPH_BENCH_GRAPHS", str(Path(tempfile.gettempdir()) / "opgraph-bench-graphs")))
    target = os.environ.get("CARGO_TARGET_DIR", "target")
    ap.add_argument("--criterion", default=str(Path(target) / "criterion"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    files = sorted(Path(args.graphs).glob("g_*.edges"), key=lambda p: p.stat().st_size)
    if not files:
        raise SystemExit(f"no edge lists in {args.graphs}: run `cargo bench --bench centrality` first")
    crit = Path(args.criterion)
    print(f"{'graph':<16} {'measure':<22} {'igraph s':>10} {'opgraph s':>10} {'ratio':>7}")
    for path in files:
        _, n, m = path.stem.split("_")
        g = load(path)
        group = f"centrality_{n}_{m}"
        for name, fn in measures(int(n)):
            t_ig = best_of(fn, g, args.repeat)
            t_op = criterion_mean(crit, group, name)
            ratio = f"{t_op / t_ig:7.2f}" if t_op and t_ig > 0 else "      -"
            op = f"{t_op:10.4f}" if t_op is not None else "         -"
            print(f"{n + '/' + m:<16} {name:<22} {t_ig:10.4f} {op} {ratio}")


if __name__ == "__main__":
    main()

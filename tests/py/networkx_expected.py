#!/usr/bin/env python3
"""Expected centrality values from networkx for tests/network_networkx.rs.

Builds a few fixed graphs (nodes are 0..n-1, edges carry a `weight` = number of
shared operations), computes every measure opgraph computes with networkx, and
writes tests/data/networkx_expected.json:

    python3 tests/py/networkx_expected.py [OUT.json]

Run once and commit the JSON; CI compares against the committed file, so it does
not need networkx for that test.
"""

import json
import random
import sys
from pathlib import Path

import networkx as nx

SEED = 42


def collab():
    """A small collaboration network: Europol/Eurojust hub, two national clusters."""
    return 9, [
        (0, 1, 5), (0, 2, 3), (0, 3, 2), (0, 4, 4), (1, 2, 1), (1, 5, 2),
        (2, 3, 1), (4, 6, 3), (4, 7, 1), (6, 7, 2), (5, 8, 1), (3, 8, 1),
    ]


def disconnected():
    """Two components (a weighted triangle with a tail, a weighted path) and an isolated node."""
    return 9, [
        (0, 1, 2), (1, 2, 1), (0, 2, 3), (2, 3, 1),
        (4, 5, 1), (5, 6, 4), (6, 7, 1),
    ]


def star():
    return 6, [(0, i, i) for i in range(1, 6)]


def path():
    return 5, [(0, 1, 1), (1, 2, 2), (2, 3, 1), (3, 4, 3)]


def two_cliques():
    """Two 5-cliques joined by one light edge: an unambiguous two-community case."""
    edges = []
    for base in (0, 5):
        for i in range(base, base + 5):
            for j in range(i + 1, base + 5):
                edges.append((i, j, 2))
    edges.append((4, 5, 1))
    return 10, edges


def random30():
    """30 nodes, ~70 edges, weights 1..5, from a fixed seed (so a fixed edge list)."""
    rng = random.Random(2024)
    n = 30
    edges = {}
    # a ring of chords keeps most nodes connected, plus random extra edges
    for i in range(n - 2):
        j = i + 1 + rng.randrange(3)
        edges[(i, j)] = rng.randint(1, 5)
    while len(edges) < 70:
        a, b = sorted(rng.sample(range(n), 2))
        edges.setdefault((a, b), rng.randint(1, 5))
    return n, [(a, b, w) for (a, b), w in sorted(edges.items())]


GRAPHS = {
    "collab": collab,
    "disconnected": disconnected,
    "star": star,
    "path": path,
    "two_cliques": two_cliques,
    "random30": random30,
}


def renumber(communities, n):
    """Community ids as opgraph numbers them: by size desc, then smallest member."""
    comms = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c[0]))
    ids = [None] * n
    for k, c in enumerate(comms):
        for v in c:
            ids[v] = k
    return ids


def pagerank(G):
    try:
        return nx.pagerank(G, alpha=0.85, weight="weight")
    except ImportError:  # no scipy: the pure-Python implementation, same semantics
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(G, alpha=0.85, weight="weight")


def expected(n, edges):
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for a, b, w in edges:
        G.add_edge(a, b, weight=float(w), distance=1.0 / w)
    order = list(range(n))

    def col(d):
        return [float(d[v]) for v in order]

    try:
        eig = col(nx.eigenvector_centrality(G, weight="weight"))
    except nx.PowerIterationFailedConvergence:
        eig = None
    comms = nx.community.louvain_communities(G, weight="weight", seed=SEED)
    return {
        "degree": [G.degree(v) for v in order],
        "degree_centrality": col(nx.degree_centrality(G)),
        "strength": col(dict(G.degree(weight="weight"))),
        "betweenness": col(nx.betweenness_centrality(G)),
        "betweenness_weighted": col(nx.betweenness_centrality(G, weight="distance")),
        "closeness": col(nx.closeness_centrality(G)),
        "eigenvector": eig,
        "pagerank": col(pagerank(G)),
        "louvain_modularity": nx.community.modularity(G, comms, weight="weight"),
        "louvain_communities": renumber(comms, n),
    }


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "networkx_expected.json"
    doc = {"networkx": nx.__version__, "louvain_seed": SEED, "graphs": []}
    for name, make in GRAPHS.items():
        n, edges = make()
        doc["graphs"].append({"name": name, "n": n, "edges": [list(e) for e in edges], "expected": expected(n, edges)})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {out} ({len(doc['graphs'])} graphs, networkx {nx.__version__})")


if __name__ == "__main__":
    main()

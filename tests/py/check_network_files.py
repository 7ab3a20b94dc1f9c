#!/usr/bin/env python3
"""Reads the network files opgraph wrote into DIR with networkx and python-igraph
and checks them against DIR/expected.json (written by tests/network_export.rs).

    python3 tests/py/check_network_files.py DIR

Exit codes: 0 all checks passed, 1 a check failed, 77 networkx is not installed
(the Rust test then skips loudly). python-igraph is checked when installed.
"""

import csv
import json
import math
import sys
from pathlib import Path

try:
    import networkx as nx
except ImportError:
    print("SKIP: networkx is not installed (pip install networkx)")
    sys.exit(77)

FAILURES = []


def check(cond, msg):
    if not cond:
        FAILURES.append(msg)
        print("FAIL:", msg)


def close(a, b, tol=1e-9):
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=tol, abs_tol=tol)


def edge_key(a, b):
    return tuple(sorted((a, b)))


def check_nx(G, exp, fmt):
    check(G.number_of_nodes() == exp["nodes"], f"{fmt}/networkx: {G.number_of_nodes()} nodes, want {exp['nodes']}")
    check(G.number_of_edges() == exp["edges"], f"{fmt}/networkx: {G.number_of_edges()} edges, want {exp['edges']}")
    check(not G.is_directed(), f"{fmt}/networkx: graph should be undirected")
    want_w = {edge_key(a, b): w for a, b, w in exp["weights"]}
    for a, b, d in G.edges(data=True):
        k = edge_key(a, b)
        check(k in want_w, f"{fmt}/networkx: unexpected edge {k}")
        check(close(d.get("weight"), want_w.get(k)), f"{fmt}/networkx: weight of {k} is {d.get('weight')}, want {want_w.get(k)}")
        check(isinstance(d.get("operations"), str) and d["operations"], f"{fmt}/networkx: edge {k} lacks operations")
    for iri, want in exp["node_attrs"].items():
        check(iri in G, f"{fmt}/networkx: node {iri} missing")
        if iri not in G:
            continue
        d = G.nodes[iri]
        check(d.get("label") == want["label"], f"{fmt}/networkx: label of {iri} is {d.get('label')!r}")
        check(d.get("type") == want["type"], f"{fmt}/networkx: type of {iri} is {d.get('type')!r}")
        check(d.get("community") == want["community"] and isinstance(d.get("community"), int),
              f"{fmt}/networkx: community of {iri} is {d.get('community')!r}, want int {want['community']}")
        check(d.get("operations") == want["operations"], f"{fmt}/networkx: operations of {iri} is {d.get('operations')!r}")
        for m in ("pagerank", "betweenness", "closeness", "strength"):
            check(isinstance(d.get(m), float) and close(d.get(m), want[m]),
                  f"{fmt}/networkx: {m} of {iri} is {d.get(m)!r}, want {want[m]}")
        check(d.get("degree") == want["degree"], f"{fmt}/networkx: degree of {iri} is {d.get('degree')!r}")


def check_graphml(path, exp):
    G = nx.read_graphml(path)
    check_nx(G, exp, "graphml")
    try:
        import igraph as ig
    except ImportError:
        print("SKIP: python-igraph is not installed; GraphML not checked with igraph")
        return
    g = ig.Graph.Read_GraphML(str(path))
    check(g.vcount() == exp["nodes"], f"graphml/igraph: {g.vcount()} vertices")
    check(g.ecount() == exp["edges"], f"graphml/igraph: {g.ecount()} edges")
    check(not g.is_directed(), "graphml/igraph: directed")
    ids = g.vs["id"]
    want_w = {edge_key(a, b): w for a, b, w in exp["weights"]}
    for e in g.es:
        k = edge_key(ids[e.source], ids[e.target])
        check(close(e["weight"], want_w.get(k)), f"graphml/igraph: weight of {k} is {e['weight']}")
    for v in g.vs:
        want = exp["node_attrs"].get(v["id"])
        if want:
            check(v["label"] == want["label"], f"graphml/igraph: label of {v['id']}")
            check(close(v["pagerank"], want["pagerank"]), f"graphml/igraph: pagerank of {v['id']}")
    # igraph's own strength agrees with ours
    for v, s in zip(g.vs, g.strength(weights="weight")):
        want = exp["node_attrs"].get(v["id"])
        if want:
            check(close(s, want["strength"]), f"graphml/igraph: strength of {v['id']} is {s}")
    print(f"OK igraph GraphML: {g.vcount()} vertices, {g.ecount()} edges")


def check_gexf(path, exp):
    G = nx.read_gexf(path)
    check_nx(G, exp, "gexf")
    for iri, want in exp["node_attrs"].items():
        if iri not in G:
            continue
        d = G.nodes[iri]
        if want["years"]:
            spells = d.get("spells")
            check(bool(spells), f"gexf: node {iri} has no spells")
            if spells:
                first, last = spells[0][0], spells[-1][1]
                check(first == f"{min(want['years'])}-01-01" and last == f"{max(want['years'])}-12-31",
                      f"gexf: spells of {iri} are {spells}, years {want['years']}")
        viz = d.get("viz", {})
        check("color" in viz and "position" in viz and "size" in viz, f"gexf: node {iri} lacks viz: {viz}")


def check_csv(dirpath, exp):
    with open(dirpath / "nodes.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == exp["nodes"], f"nodes.csv: {len(rows)} rows")
    check(rows and list(rows[0].keys())[:2] == ["Id", "Label"], "nodes.csv: header must start Id,Label")
    with open(dirpath / "edges.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    check(len(rows) == exp["edges"], f"edges.csv: {len(rows)} rows")
    check(rows and list(rows[0].keys())[:4] == ["Source", "Target", "Type", "Weight"], "edges.csv: header")
    want_w = {edge_key(a, b): w for a, b, w in exp["weights"]}
    for r in rows:
        check(close(float(r["Weight"]), want_w.get(edge_key(r["Source"], r["Target"]))), f"edges.csv: weight {r}")


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    d = Path(sys.argv[1])
    exp = json.loads((d / "expected.json").read_text())
    check_graphml(d / "network.graphml", exp)
    check_gexf(d / "network.gexf", exp)
    check_csv(d, exp)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        return 1
    print(f"OK networkx {nx.__version__}: GraphML, GEXF and CSV agree ({exp['nodes']} nodes, {exp['edges']} edges)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

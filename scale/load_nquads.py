#!/usr/bin/env python3
"""Bulk-loads N-Quads into an Oxigraph store on disk and marks it as an opgraph store.

    python3 scale/load_nquads.py STORE_DIR corpus.nq [--base https://w3id.org/opgraph/id/]

Uses pyoxigraph's bulk loader (the same engine as `oxigraph load`). The store-format
triple lets `opgraph` open the result; running `opgraph build EMPTY_DIR --store
STORE_DIR` afterwards adds the ontology and gazetteer graphs and computes the
corpus-level merge.
"""

import argparse
import json
import sys
import time


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("store")
    ap.add_argument("nquads")
    ap.add_argument("--base", default="https://w3id.org/opgraph/id/")
    a = ap.parse_args()
    import pyoxigraph as ox

    t0 = time.time()
    store = ox.Store(a.store)
    store.bulk_load(path=a.nquads, format=ox.RdfFormat.N_QUADS)
    store.add(ox.Quad(
        ox.NamedNode(a.base + "store"),
        ox.NamedNode("https://w3id.org/opgraph/ontology#storeFormat"),
        ox.Literal("1"),
        ox.NamedNode(a.base + "graph/meta"),
    ))
    store.flush()
    n = len(store)
    t1 = time.time()
    print(json.dumps({"quads": n, "load_seconds": round(t1 - t0, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

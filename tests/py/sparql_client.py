#!/usr/bin/env python3
"""Talks to an opgraph endpoint with SPARQLWrapper, a client we did not write.

Usage: sparql_client.py BASE_URL

Expects the fixture of tests/server_clients.rs (agencies Europol, FBI and NCA; two
operations). Runs SELECT (JSON, XML, CSV; GET and POST), ASK and CONSTRUCT (RDF/XML and
Turtle, parsed with rdflib) and prints one line per check; exits 1 on the first mismatch.
"""

import sys

from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

PREFIXES = """
PREFIX opg: <https://w3id.org/opgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
SELECT = PREFIXES + "SELECT ?name WHERE { ?a a opg:Agency ; rdfs:label ?name } ORDER BY ?name"
ASK = PREFIXES + "ASK { ?op a opg:Operation }"
CONSTRUCT = PREFIXES + "CONSTRUCT { ?op opg:ledBy ?a } WHERE { ?op a opg:Operation ; opg:ledBy ?a }"
EXPECTED = ["Europol", "FBI", "NCA"]


def check(name, got, want):
    if got != want:
        print(f"FAIL {name}: got {got!r}, want {want!r}")
        sys.exit(1)
    print(f"ok {name}: {got!r}")


def endpoint(base, query, fmt, method=None):
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw.query().convert()


def main():
    base = sys.argv[1].rstrip("/")

    res = endpoint(base, SELECT, JSON)
    check("select-json", [b["name"]["value"] for b in res["results"]["bindings"]], EXPECTED)

    res = endpoint(base, SELECT, JSON, POST)
    check("select-json-post", [b["name"]["value"] for b in res["results"]["bindings"]], EXPECTED)

    doc = endpoint(base, SELECT, XML)  # an xml.dom.minidom document
    names = [lit.firstChild.data for lit in doc.getElementsByTagName("literal")]
    check("select-xml", names, EXPECTED)

    raw = endpoint(base, SELECT, CSV)
    lines = raw.decode("utf-8").strip().splitlines()
    check("select-csv", lines, ["name"] + EXPECTED)

    res = endpoint(base, ASK, JSON)
    check("ask-json", res["boolean"], True)

    graph = endpoint(base, CONSTRUCT, XML)  # SPARQLWrapper parses RDF/XML into an rdflib Graph
    check("construct-rdfxml", len(graph), 2)

    raw = endpoint(base, CONSTRUCT, TURTLE)
    from rdflib import Graph

    g = Graph()
    g.parse(data=raw, format="turtle")
    check("construct-turtle", len(g), 2)

    print("all checks passed")


if __name__ == "__main__":
    main()

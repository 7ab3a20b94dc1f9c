//! RDF exports parse back to exactly what the store holds.

mod common;

use std::collections::HashSet;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxigraph::model::dataset::CanonicalizationAlgorithm;
use oxigraph::model::{Dataset, Graph, NamedNode, Quad, Triple};

use opgraph::export::rdf::{export, RdfExport};
use opgraph::extract::Extractor;
use opgraph::pipeline::{build, BuildOptions};
use opgraph::rdf::Iris;
use opgraph::store::GraphStore;

fn sample_store() -> GraphStore {
    let store = GraphStore::memory(Iris::default()).unwrap();
    let s = build(
        &store,
        &Extractor::builtin().unwrap(),
        &[common::samples()],
        &BuildOptions::default(),
    )
    .unwrap();
    assert_eq!(s.reports, 6);
    store
}

const JSONLD: RdfFormat = RdfFormat::JsonLd {
    profile: JsonLdProfileSet::empty(),
};

fn store_quads(store: &GraphStore) -> HashSet<Quad> {
    store.inner().iter().map(|q| q.unwrap()).collect()
}

fn parse(format: RdfFormat, bytes: &[u8]) -> Vec<Quad> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{format:?} does not parse back: {e}"))
}

#[test]
fn dataset_formats_round_trip_exactly() {
    let store = sample_store();
    let expected = store_quads(&store);
    assert!(expected.len() > 10_000);
    for (fmt, rf) in [
        (RdfExport::NQuads, RdfFormat::NQuads),
        (RdfExport::TriG, RdfFormat::TriG),
        (RdfExport::JsonLd, JSONLD),
    ] {
        let mut out = Vec::new();
        let n = export(&store, fmt, None, &mut out).unwrap();
        assert_eq!(n, expected.len());
        let back: HashSet<Quad> = parse(rf, &out).into_iter().collect();
        assert_eq!(back, expected, "{fmt:?}");
    }
}

#[test]
fn graph_formats_round_trip_to_the_union() {
    let store = sample_store();
    // No blank nodes are minted, so isomorphism is set equality.
    let union: HashSet<Triple> = store_quads(&store)
        .into_iter()
        .map(|q| Triple::new(q.subject, q.predicate, q.object))
        .collect();
    for (fmt, rf) in [
        (RdfExport::Turtle, RdfFormat::Turtle),
        (RdfExport::NTriples, RdfFormat::NTriples),
    ] {
        let mut out = Vec::new();
        let n = export(&store, fmt, None, &mut out).unwrap();
        if fmt == RdfExport::Turtle {
            // each distinct triple once
            assert_eq!(n, union.len());
        }
        let back: HashSet<Triple> = parse(rf, &out)
            .into_iter()
            .map(|q| Triple::new(q.subject, q.predicate, q.object))
            .collect();
        assert_eq!(back.len(), union.len(), "{fmt:?}");
        assert_eq!(back, union, "{fmt:?}");
    }
}

#[test]
fn one_graph_exports_alone() {
    let store = sample_store();
    let g = store.iris().corpus_graph();
    let mut out = Vec::new();
    export(&store, RdfExport::NQuads, Some(&g), &mut out).unwrap();
    let back = parse(RdfFormat::NQuads, &out);
    assert!(!back.is_empty());
    assert!(back.iter().all(|q| q.graph_name.to_string() == g.to_string()));
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("ontology#Operation"));
}

/// A store with what the sample reports never mint: blank nodes used once, several times
/// and never, nested chains, cycles (one with a tail, a self-loop, one longer than the
/// nesting limit), a chain longer than the limit, blank nodes shared between graphs, a
/// graph named by a blank node, and literals with language tags, datatypes and characters
/// that need escapes. Blank node labels are kept as written (no renaming on load).
fn blank_node_store(store: &GraphStore) {
    let ent = format!("{}entity/", store.iris().base());
    let mut trig = format!(
        r#"@prefix e: <{ent}> .
@prefix x: <https://w3id.org/opgraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
e:a x:p _:b1 ; x:m _:shared ; x:empty _:e ; a e:Thing, _:cls ; a "a literal type" .
_:b1 x:q _:b2 .
_:b2 x:r "x" .
e:b x:m _:shared .
_:shared x:v "s" .
_:c1 x:next _:c2 . _:c2 x:next _:c3 . _:c3 x:next _:c1 .
_:c2 x:tail _:t . _:t x:v 1 .
_:s x:self _:s .
e:lit x:l "België"@nl, "colour"@en-gb, "042"^^xsd:integer, "1.50"^^xsd:decimal, "true"^^xsd:boolean,
    "2019-11-21"^^xsd:date, "x"^^<http://x.org/dt>, "12"^^xsd:double, "",
    "q\"uote\\ back\nnew\ttab \u0007 bell é 😀 {{}}@<> ;x, .x" , """long
string""" ;
  x:i <http://x.org/a%20b>, <http://x.org/é>, <http://x.org/end.>, <http://x.org/a#b>, <http://x.org/-x> .
e:g1 {{ e:a x:p _:b1 . _:b1 x:q _:b2 . _:b2 x:r "x" . e:g x:in _:conf . _:conf x:v "confined" . e:h x:split _:split . }}
e:g2 {{ e:a x:p _:b1 . _:split x:v "other graph" . }}
_:gb {{ e:z x:v "in a blank-named graph" . e:z x:w _:gbn . _:gbn x:v 2 . }}
"#
    );
    trig.push_str("e:chain x:first _:l0 .\n");
    for i in 0..40 {
        trig.push_str(&format!("_:l{i} x:n {i} ; x:next _:l{} .\n", i + 1));
        trig.push_str(&format!("_:r{i} x:n {i} ; x:next _:r{} .\n", (i + 1) % 40));
    }
    let quads = parse(RdfFormat::TriG, trig.as_bytes());
    store.inner().extend(quads).unwrap();
}

fn canonical_dataset(quads: impl IntoIterator<Item = Quad>) -> Dataset {
    let mut d: Dataset = quads.into_iter().collect();
    d.canonicalize(CanonicalizationAlgorithm::Unstable);
    d
}

fn canonical_graph(triples: impl IntoIterator<Item = Triple>) -> Graph {
    let mut g: Graph = triples.into_iter().collect();
    g.canonicalize(CanonicalizationAlgorithm::Unstable);
    g
}

fn blank_node_stores() -> Vec<(&'static str, GraphStore, tempfile::TempDir)> {
    let dir = tempfile::tempdir().unwrap();
    let memory = GraphStore::memory(Iris::default()).unwrap();
    blank_node_store(&memory);
    // RocksDB scans graph by graph in subject order; the memory store in insertion order
    let disk = GraphStore::open(&dir.path().join("s.db"), Iris::default()).unwrap();
    blank_node_store(&disk);
    vec![("memory", memory, tempfile::tempdir().unwrap()), ("disk", disk, dir)]
}

#[test]
fn blank_nodes_cycles_and_literals_round_trip() {
    for (backend, store, _dir) in blank_node_stores() {
        let quads: Vec<Quad> = store.inner().iter().map(|q| q.unwrap()).collect();
        let expected = canonical_dataset(quads.clone());
        for (fmt, rf) in [
            (RdfExport::NQuads, RdfFormat::NQuads),
            (RdfExport::TriG, RdfFormat::TriG),
            (RdfExport::JsonLd, JSONLD),
        ] {
            let mut out = Vec::new();
            let n = export(&store, fmt, None, &mut out).unwrap();
            assert_eq!(n, quads.len(), "{backend} {fmt:?}");
            let back = canonical_dataset(parse(rf, &out));
            assert!(
                back == expected,
                "{backend} {fmt:?}:\n{}",
                String::from_utf8_lossy(&out)
            );
        }
        let union: HashSet<Triple> = quads
            .iter()
            .map(|q| Triple::new(q.subject.clone(), q.predicate.clone(), q.object.clone()))
            .collect();
        let expected = canonical_graph(union.iter().cloned());
        for (fmt, rf) in [
            (RdfExport::Turtle, RdfFormat::Turtle),
            (RdfExport::NTriples, RdfFormat::NTriples),
        ] {
            let mut out = Vec::new();
            let n = export(&store, fmt, None, &mut out).unwrap();
            if fmt == RdfExport::Turtle {
                assert_eq!(n, union.len(), "{backend}: each distinct triple once");
            }
            let back = canonical_graph(
                parse(rf, &out)
                    .into_iter()
                    .map(|q| Triple::new(q.subject, q.predicate, q.object)),
            );
            assert!(
                back == expected,
                "{backend} {fmt:?}:\n{}",
                String::from_utf8_lossy(&out)
            );
        }
        // one graph alone, in every format
        let g1 = NamedNode::new(format!("{}entity/g1", store.iris().base())).unwrap();
        let in_g1: Vec<Quad> = quads
            .iter()
            .filter(|q| q.graph_name == g1.clone().into())
            .cloned()
            .collect();
        assert_eq!(in_g1.len(), 6);
        for (fmt, rf) in [
            (RdfExport::NQuads, RdfFormat::NQuads),
            (RdfExport::TriG, RdfFormat::TriG),
            (RdfExport::JsonLd, JSONLD),
            (RdfExport::Turtle, RdfFormat::Turtle),
        ] {
            let mut out = Vec::new();
            let n = export(&store, fmt, Some(&g1), &mut out).unwrap();
            assert_eq!(n, in_g1.len(), "{backend} {fmt:?} --graph");
            let mut back = parse(rf, &out);
            if fmt == RdfExport::Turtle {
                back = back
                    .into_iter()
                    .map(|q| Quad::new(q.subject, q.predicate, q.object, g1.clone()))
                    .collect();
            }
            assert!(
                canonical_dataset(back) == canonical_dataset(in_g1.clone()),
                "{backend} {fmt:?} --graph:\n{}",
                String::from_utf8_lossy(&out)
            );
        }
    }
}

#[test]
fn turtle_nests_blank_nodes_used_once_and_labels_the_rest() {
    let store = GraphStore::memory(Iris::default()).unwrap();
    blank_node_store(&store);
    let mut out = Vec::new();
    export(&store, RdfExport::Turtle, None, &mut out).unwrap();
    let ttl = String::from_utf8(out).unwrap();
    let labels: HashSet<&str> = ttl
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| w.starts_with("_:"))
        .collect();
    // used once in the union (also when the same triple is in several graphs): nested
    for nested in [
        "_:b1", "_:b2", "_:e", "_:cls", "_:t", "_:c2", "_:c3", "_:conf", "_:split", "_:gbn",
    ] {
        assert!(!labels.contains(nested), "{nested} should be nested:\n{ttl}");
    }
    // used twice, self-referencing, smallest of a cycle: labelled
    for labelled in ["_:shared", "_:s", "_:c1"] {
        assert!(labels.contains(labelled), "{labelled} should keep its label:\n{ttl}");
    }
    // the chain nests up to the limit, then starts again at top level with a label
    assert!(!labels.contains("_:l0") && !labels.contains("_:l15"));
    assert!(labels.contains("_:l16"));
    // a cycle longer than the limit is all labels
    assert!((0..40).all(|i| labels.contains(format!("_:r{i}").as_str())));
    assert!(
        ttl.contains("ent:a a ent:Thing, [], \"a literal type\" ;\n    opg:empty [] ;"),
        "{ttl}"
    );
    assert!(
        ttl.contains("opg:p [\n        opg:q [\n            opg:r \"x\"\n        ]\n    ] ."),
        "{ttl}"
    );
    // the store keeps numbers as values ("042" comes back as 42): bare when Turtle allows
    assert!(
        ttl.contains("opg:l \"\", 1.5, \"12\"^^xsd:double, \"2019-11-21\"^^xsd:date, 42, \"België\"@nl"),
        "{ttl}"
    );
    assert!(
        ttl.contains(
            "_:c1 opg:next [\n        opg:next [\n            opg:next _:c1\n        ] ;\n        opg:tail [\n"
        ),
        "{ttl}"
    );

    let mut out = Vec::new();
    export(&store, RdfExport::TriG, None, &mut out).unwrap();
    let trig = String::from_utf8(out).unwrap();
    // shared labels across TriG graphs: _:b1 is in three graphs, _:split in two
    assert!(
        trig.contains("opg:p _:b1") && trig.contains("opg:split _:split"),
        "{trig}"
    );
    // confined to its graph and used once there: nested
    assert!(trig.contains("opg:in [\n"), "{trig}");
}

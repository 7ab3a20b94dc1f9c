//! RDF exports parse back to exactly what the store holds.

mod common;

use std::collections::HashSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Triple};

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
        (
            RdfExport::JsonLd,
            RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        ),
    ] {
        let mut out = Vec::new();
        export(&store, fmt, None, &mut out).unwrap();
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

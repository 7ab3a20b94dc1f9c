//! RDF exports of the store, all streamed (memory bounded by the largest subject, not
//! by the store): N-Triples and N-Quads quad by quad; Turtle, TriG and JSON-LD subject by
//! subject ([`super::subjects`]), with prefixes, `;`/`,` lists and nested blank nodes in
//! Turtle and TriG ([`super::turtle`]), and flattened JSON-LD ([`super::jsonld`]). The
//! readable formats read the store as a sophia dataset
//! ([`crate::rdf::sophia::SophiaDataset`]), so they write any sophia dataset as well.

use std::io::Write;
use std::str::FromStr;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphName, GraphNameRef, Triple};

use super::subjects::Scope;
use crate::error::{Error, Result};
use crate::rdf::sophia::SophiaDataset;
use crate::store::GraphStore;

/// The RDF export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RdfExport {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    JsonLd,
}

impl FromStr for RdfExport {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "turtle" | "ttl" => RdfExport::Turtle,
            "ntriples" | "nt" => RdfExport::NTriples,
            "nquads" | "nq" => RdfExport::NQuads,
            "trig" => RdfExport::TriG,
            "jsonld" | "json-ld" => RdfExport::JsonLd,
            other => return Err(format!("{other:?} is not an RDF export format")),
        })
    }
}

/// Prefixes used by the readable formats.
pub fn prefixes(base: &str) -> Vec<(&'static str, String)> {
    vec![
        ("opg", crate::rdf::vocab::opg::NS.to_string()),
        ("ent", format!("{base}entity/")),
        ("op", format!("{base}op/")),
        ("rep", format!("{base}report/")),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#".into()),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#".into()),
        ("xsd", "http://www.w3.org/2001/XMLSchema#".into()),
        ("skos", "http://www.w3.org/2004/02/skos/core#".into()),
        ("owl", "http://www.w3.org/2002/07/owl#".into()),
        ("prov", "http://www.w3.org/ns/prov#".into()),
        ("schema", "https://schema.org/".into()),
        ("dcterms", "http://purl.org/dc/terms/".into()),
    ]
}

/// Prefix names and namespaces, to abbreviate IRIs.
#[derive(Debug, Clone)]
pub struct Names {
    /// in declaration order
    prefixes: Vec<(&'static str, String)>,
    /// indexes into `prefixes`, longest namespace first
    by_length: Vec<usize>,
}

impl Names {
    pub fn new(prefixes: Vec<(&'static str, String)>) -> Self {
        let mut by_length: Vec<usize> = (0..prefixes.len()).collect();
        by_length.sort_by_key(|&i| std::cmp::Reverse(prefixes[i].1.len()));
        Names { prefixes, by_length }
    }

    /// `(name, namespace)` pairs in declaration order.
    pub fn prefixes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.prefixes.iter().map(|(p, ns)| (*p, ns.as_str()))
    }

    /// `prefix:local` when the IRI is in a namespace and the rest is a local name every
    /// reader accepts (ASCII letters, digits, `_`, and `-` or `.` inside).
    pub fn compact(&self, iri: &str) -> Option<String> {
        self.by_length.iter().find_map(|&i| {
            let (p, ns) = &self.prefixes[i];
            let local = iri.strip_prefix(ns.as_str())?;
            is_local_name(local).then(|| format!("{p}:{local}"))
        })
    }

    /// The IRI abbreviated, or as it is (JSON-LD).
    pub fn compact_or_full(&self, iri: &str) -> String {
        self.compact(iri).unwrap_or_else(|| iri.to_string())
    }

    /// The IRI abbreviated, or as `<IRIREF>` (Turtle, TriG).
    pub fn iri(&self, iri: &str) -> String {
        self.compact(iri)
            .unwrap_or_else(|| format!("<{}>", super::turtle::escape_iri(iri)))
    }
}

fn is_local_name(s: &str) -> bool {
    let b = s.as_bytes();
    let inner = |c: &u8| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.');
    match (b.first(), b.last()) {
        (None, _) => true,
        (Some(f), Some(l)) => (f.is_ascii_alphanumeric() || *f == b'_') && *l != b'.' && b.iter().all(inner),
        _ => false,
    }
}

/// Writes the store (or one named graph) in an RDF format.
pub fn export(
    store: &GraphStore,
    format: RdfExport,
    graph: Option<&oxigraph::model::NamedNode>,
    out: &mut dyn Write,
) -> Result<usize> {
    let ser = |e: std::io::Error| Error::Serialize(e.to_string());
    let base = store.iris().base().to_string();
    let names = Names::new(prefixes(&base));
    let g: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
    match format {
        RdfExport::NQuads => {
            let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(out);
            let mut n = 0;
            for q in store.inner().quads_for_pattern(None, None, None, g) {
                w.serialize_quad(&q?).map_err(ser)?;
                n += 1;
            }
            w.finish().map_err(ser)?;
            Ok(n)
        }
        RdfExport::NTriples => {
            // A triple asserted in several graphs appears once per graph.
            let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(out);
            let mut n = 0;
            for q in store.inner().quads_for_pattern(None, None, None, g) {
                let q = q?;
                w.serialize_triple(&Triple::new(q.subject, q.predicate, q.object))
                    .map_err(ser)?;
                n += 1;
            }
            w.finish().map_err(ser)?;
            Ok(n)
        }
        RdfExport::Turtle => {
            let scope = match graph {
                // a triple asserted in several graphs is written once
                None => Scope::Union,
                Some(g) => Scope::Graph {
                    name: GraphName::NamedNode(g.clone()),
                    shared_labels: false,
                },
            };
            super::turtle::write_turtle(&SophiaDataset::new(store.inner()), scope, &names, out)
        }
        RdfExport::TriG => super::turtle::write_trig(&SophiaDataset::new(store.inner()), graph, &names, out),
        RdfExport::JsonLd => super::jsonld::write_jsonld(&SophiaDataset::new(store.inner()), graph, &names, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_abbreviate_only_to_safe_local_names() {
        let names = Names::new(vec![("ex", "http://x.org/".into()), ("exa", "http://x.org/a/".into())]);
        assert_eq!(names.iri("http://x.org/b"), "ex:b");
        assert_eq!(names.iri("http://x.org/a/b-1.2"), "exa:b-1.2");
        assert_eq!(names.iri("http://x.org/"), "ex:");
        assert_eq!(names.iri("http://x.org/b."), "<http://x.org/b.>");
        assert_eq!(names.iri("http://x.org/b/c"), "<http://x.org/b/c>");
        assert_eq!(names.iri("http://x.org/-b"), "<http://x.org/-b>");
        assert_eq!(names.iri("http://x.org/b%20c"), "<http://x.org/b%20c>");
        assert_eq!(names.iri("http://y.org/é"), "<http://y.org/é>");
        assert_eq!(names.compact_or_full("http://y.org/z"), "http://y.org/z");
    }
}

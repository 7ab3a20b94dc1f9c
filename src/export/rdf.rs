//! RDF exports of the store: N-Triples, N-Quads and TriG stream quad by quad (bounded
//! memory on any store); Turtle is written by sophia's pretty serializer (prefixes,
//! subjects grouped, blank nodes nested), JSON-LD by Oxigraph's with a context of prefixes.
//!
//! Oxigraph terms cross into sophia through [`to_sophia`], so the seam between the two
//! libraries is sophia's `Term`/`Triple`/`Graph` traits rather than ad-hoc strings.

use std::collections::HashSet;
use std::io::Write;
use std::str::FromStr;

use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, Literal, NamedOrBlankNode, Quad, Term, Triple};
use sophia_api::prelude::*;
use sophia_api::term::{BnodeId, IriRef, LanguageTag, SimpleTerm};
use sophia_turtle::serializer::turtle::{TurtleConfig, TurtleSerializer};

use crate::error::{Error, Result};
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

/// An Oxigraph term as a sophia term.
pub fn to_sophia(t: &Term) -> SimpleTerm<'static> {
    match t {
        Term::NamedNode(n) => SimpleTerm::Iri(IriRef::new_unchecked(n.as_str().to_string().into())),
        Term::BlankNode(b) => SimpleTerm::BlankNode(BnodeId::new_unchecked(b.as_str().to_string().into())),
        Term::Literal(l) => literal_to_sophia(l),
        #[allow(unreachable_patterns)]
        other => SimpleTerm::LiteralDatatype(
            other.to_string().into(),
            IriRef::new_unchecked("http://www.w3.org/2001/XMLSchema#string".to_string().into()),
        ),
    }
}

fn literal_to_sophia(l: &Literal) -> SimpleTerm<'static> {
    match l.language() {
        Some(lang) => SimpleTerm::LiteralLanguage(
            l.value().to_string().into(),
            LanguageTag::new_unchecked(lang.to_string().into()),
            None,
        ),
        None => SimpleTerm::LiteralDatatype(
            l.value().to_string().into(),
            IriRef::new_unchecked(l.datatype().as_str().to_string().into()),
        ),
    }
}

fn subject_term(s: &NamedOrBlankNode) -> Term {
    match s {
        NamedOrBlankNode::NamedNode(n) => Term::NamedNode(n.clone()),
        NamedOrBlankNode::BlankNode(b) => Term::BlankNode(b.clone()),
    }
}

/// The distinct triples of the union of all graphs (or of one graph).
fn union_triples(store: &GraphStore, graph: Option<&oxigraph::model::NamedNode>) -> Result<Vec<Triple>> {
    let mut set = HashSet::new();
    let g: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
    for q in store.inner().quads_for_pattern(None, None, None, g) {
        let q: Quad = q?;
        set.insert(Triple::new(q.subject, q.predicate, q.object));
    }
    let mut v: Vec<Triple> = set.into_iter().collect();
    v.sort_by_cached_key(|t| t.to_string());
    Ok(v)
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
    match format {
        RdfExport::NQuads | RdfExport::TriG => {
            let rf = if format == RdfExport::NQuads {
                RdfFormat::NQuads
            } else {
                RdfFormat::TriG
            };
            let mut s = RdfSerializer::from_format(rf);
            if format == RdfExport::TriG {
                for (p, ns) in prefixes(&base) {
                    s = s.with_prefix(p, ns).map_err(|e| Error::Serialize(e.to_string()))?;
                }
            }
            let mut w = s.for_writer(out);
            let mut n = 0;
            let g: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
            for q in store.inner().quads_for_pattern(None, None, None, g) {
                w.serialize_quad(&q?).map_err(ser)?;
                n += 1;
            }
            w.finish().map_err(ser)?;
            Ok(n)
        }
        RdfExport::NTriples => {
            // Streamed: a triple asserted in several graphs appears once per graph.
            let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(out);
            let mut n = 0;
            let g: Option<GraphNameRef<'_>> = graph.map(|g| g.as_ref().into());
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
            let triples = union_triples(store, graph)?;
            let graph_vec: Vec<[SimpleTerm<'static>; 3]> = triples
                .iter()
                .map(|t| {
                    [
                        to_sophia(&subject_term(&t.subject)),
                        to_sophia(&Term::NamedNode(t.predicate.clone())),
                        to_sophia(&t.object),
                    ]
                })
                .collect();
            let mut pm = Vec::new();
            for (p, ns) in prefixes(&base) {
                let prefix = sophia_api::prefix::Prefix::new(p.to_string().into_boxed_str())
                    .map_err(|e| Error::Serialize(format!("prefix {p}: {e}")))?;
                let iri = sophia_iri::Iri::new(ns.clone().into_boxed_str())
                    .map_err(|e| Error::Serialize(format!("prefix IRI {ns}: {e}")))?;
                pm.push((prefix, iri));
            }
            let config = TurtleConfig::new().with_pretty(true).with_own_prefix_map(pm);
            let mut s = TurtleSerializer::new_with_config(&mut *out, config);
            s.serialize_graph(&graph_vec)
                .map_err(|e| Error::Serialize(e.to_string()))?;
            Ok(graph_vec.len())
        }
        RdfExport::JsonLd => {
            let triples = union_triples(store, graph)?;
            let mut s = RdfSerializer::from_format(RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            });
            for (p, ns) in prefixes(&base) {
                s = s.with_prefix(p, ns).map_err(|e| Error::Serialize(e.to_string()))?;
            }
            let mut w = s.for_writer(out);
            for t in &triples {
                w.serialize_triple(t).map_err(ser)?;
            }
            w.finish().map_err(ser)?;
            Ok(triples.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::NamedNode;
    use sophia_api::term::Term as _;

    #[test]
    fn terms_cross_into_sophia() {
        let iri = Term::NamedNode(NamedNode::new_unchecked("http://x.org/a"));
        assert_eq!(
            to_sophia(&iri).iri().map(|i| i.as_str().to_string()),
            Some("http://x.org/a".into())
        );
        let lit = Term::Literal(Literal::new_language_tagged_literal_unchecked("België", "nl"));
        let s = to_sophia(&lit);
        assert_eq!(s.lexical_form().map(|l| l.to_string()), Some("België".into()));
        assert_eq!(s.language_tag().map(|l| l.as_str().to_string()), Some("nl".into()));
    }
}

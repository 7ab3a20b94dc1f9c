//! Flattened JSON-LD, written subject by subject: a `@context` of prefixes, one node
//! object per subject and graph, the default graph's nodes at the top of `@graph`, each
//! named graph as `{"@id": g, "@graph": [...]}`. Values keep their lexical form
//! (`{"@value": "5", "@type": "xsd:integer"}`), so the dataset reads back exactly.

use std::io::Write;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Term};
use sophia_api::dataset::Dataset;

use super::rdf::Names;
use super::subjects::{named_graphs, Scope, Walker};
use crate::error::{Error, Result};

fn io(e: std::io::Error) -> Error {
    Error::Serialize(e.to_string())
}

fn json(s: &str) -> String {
    // a &str always serialises
    serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""))
}

/// Writes a dataset (or one named graph) as JSON-LD; returns the number of quads written.
pub fn write_jsonld<D: Dataset>(
    data: &D,
    graph: Option<&NamedNode>,
    names: &Names,
    out: &mut dyn Write,
) -> Result<usize> {
    out.write_all(b"{\n  \"@context\": {").map_err(io)?;
    for (i, (p, ns)) in names.prefixes().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(out, "{sep}\n    {}: {}", json(p), json(ns)).map_err(io)?;
    }
    out.write_all(b"\n  },\n  \"@graph\": [").map_err(io)?;
    let mut w = Writer {
        names,
        out,
        count: 0,
        first: true,
    };
    match graph {
        Some(g) => w.graph(data, GraphName::NamedNode(g.clone()))?,
        None => {
            w.graph(data, GraphName::DefaultGraph)?;
            for name in named_graphs(data)? {
                w.graph(data, name)?;
            }
        }
    }
    w.out.write_all(b"\n  ]\n}\n").map_err(io)?;
    Ok(w.count)
}

struct Writer<'w> {
    names: &'w Names,
    out: &'w mut dyn Write,
    count: usize,
    /// no element written yet into the top-level `@graph`
    first: bool,
}

impl Writer<'_> {
    fn id(&self, s: &NamedOrBlankNode) -> String {
        match s {
            NamedOrBlankNode::NamedNode(n) => json(&self.names.compact_or_full(n.as_str())),
            NamedOrBlankNode::BlankNode(b) => json(&format!("_:{}", b.as_str())),
        }
    }

    /// The node objects of one graph: at top level for the default graph, else inside a
    /// graph object (written when the graph has a first statement).
    fn graph<D: Dataset>(&mut self, data: &D, name: GraphName) -> Result<()> {
        let named = match &name {
            GraphName::DefaultGraph => None,
            GraphName::NamedNode(n) => Some(self.id(&NamedOrBlankNode::NamedNode(n.clone()))),
            GraphName::BlankNode(b) => Some(self.id(&NamedOrBlankNode::BlankNode(b.clone()))),
        };
        let indent = if named.is_some() { 4 } else { 2 };
        let walker = Walker::new(
            data,
            Scope::Graph {
                name,
                shared_labels: true,
            },
            false,
        );
        let mut inner_first = true;
        walker.for_each_subject(|block| {
            if inner_first {
                if let Some(id) = &named {
                    let sep = if self.first { "" } else { "," };
                    write!(self.out, "{sep}\n    {{\n      \"@id\": {id},\n      \"@graph\": [").map_err(io)?;
                    self.first = false;
                }
            }
            let first = if named.is_some() { inner_first } else { self.first };
            self.node(&block.subject, &block.pairs, indent, first)?;
            inner_first = false;
            if named.is_none() {
                self.first = false;
            }
            Ok(())
        })?;
        if named.is_some() && !inner_first {
            self.out.write_all(b"\n      ]\n    }").map_err(io)?;
        }
        Ok(())
    }

    fn node(
        &mut self,
        subject: &NamedOrBlankNode,
        pairs: &[(NamedNode, Term)],
        level: usize,
        first: bool,
    ) -> Result<()> {
        let pad = "  ".repeat(level);
        let sep = if first { "" } else { "," };
        write!(self.out, "{sep}\n{pad}{{\n{pad}  \"@id\": {}", self.id(subject)).map_err(io)?;
        let mut i = 0;
        while i < pairs.len() {
            let p = &pairs[i].0;
            let mut j = i;
            while j < pairs.len() && pairs[j].0 == *p {
                j += 1;
            }
            let objects = &pairs[i..j];
            i = j;
            // rdf:type with IRI objects is @type; blank node or literal types keep the key
            let (types, others): (Vec<&Term>, Vec<&Term>) = objects
                .iter()
                .map(|(_, o)| o)
                .partition(|o| p.as_ref() == rdf::TYPE && matches!(o, Term::NamedNode(_)));
            if !types.is_empty() {
                let vals: Vec<String> = types.iter().map(|t| self.type_value(t)).collect();
                write!(self.out, ",\n{pad}  \"@type\": {}", list(&vals)).map_err(io)?;
            }
            if !others.is_empty() {
                let vals = others.iter().map(|o| self.value(o)).collect::<Result<Vec<String>>>()?;
                let key = json(&self.names.compact_or_full(p.as_str()));
                write!(self.out, ",\n{pad}  {key}: {}", list(&vals)).map_err(io)?;
            }
            self.count += objects.len();
        }
        write!(self.out, "\n{pad}}}").map_err(io)
    }

    fn type_value(&self, t: &Term) -> String {
        match t {
            Term::NamedNode(n) => json(&self.names.compact_or_full(n.as_str())),
            other => json(&other.to_string()),
        }
    }

    fn value(&self, o: &Term) -> Result<String> {
        Ok(match o {
            Term::NamedNode(n) => format!("{{\"@id\": {}}}", json(&self.names.compact_or_full(n.as_str()))),
            Term::BlankNode(b) => format!("{{\"@id\": {}}}", json(&format!("_:{}", b.as_str()))),
            Term::Literal(l) => {
                let v = json(l.value());
                if let Some(lang) = l.language() {
                    format!("{{\"@value\": {v}, \"@language\": {}}}", json(lang))
                } else if l.datatype() == xsd::STRING {
                    v
                } else {
                    let dt = json(&self.names.compact_or_full(l.datatype().as_str()));
                    format!("{{\"@value\": {v}, \"@type\": {dt}}}")
                }
            }
            // RDF 1.2 triple terms, when a build enables them: JSON-LD 1.1 has no form
            #[allow(unreachable_patterns)]
            other => return Err(Error::Serialize(format!("{other} has no JSON-LD 1.1 form"))),
        })
    }
}

/// One value as itself, several as an array.
fn list(vals: &[String]) -> String {
    if vals.len() == 1 {
        vals[0].clone()
    } else {
        format!("[{}]", vals.join(", "))
    }
}

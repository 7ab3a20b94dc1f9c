//! Turtle and TriG, written subject by subject: prefixes, `a`, `;` between the
//! predicates of a subject, `,` between the objects of a predicate, blank nodes used once
//! nested as `[ ... ]` (see [`super::subjects`] for what is nested and why nothing is lost).

use std::io::Write;

use oxigraph::model::vocab::{rdf, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Term};
use sophia_api::dataset::Dataset;

use super::rdf::Names;
use super::subjects::{named_graphs, Scope, Walker};
use crate::error::{Error, Result};

fn io(e: std::io::Error) -> Error {
    Error::Serialize(e.to_string())
}

/// Writes `scope` of a dataset (the store through
/// [`crate::rdf::sophia::SophiaDataset`], or any sophia dataset) as Turtle; returns the
/// number of triples written.
pub fn write_turtle<D: Dataset>(data: &D, scope: Scope, names: &Names, out: &mut dyn Write) -> Result<usize> {
    write_prefixes(names, out)?;
    let walker = Walker::new(data, scope, true);
    let mut w = Writer {
        names,
        walker: &walker,
        out,
        count: 0,
    };
    walker.for_each_subject(|block| w.statement(&block.subject, &block.pairs, 0))?;
    Ok(w.count)
}

/// Writes a dataset (or one graph) as TriG; returns the number of quads written. The
/// default graph comes first, unwrapped; then each named graph as `name { ... }`.
pub fn write_trig<D: Dataset>(
    data: &D,
    graph: Option<&NamedNode>,
    names: &Names,
    out: &mut dyn Write,
) -> Result<usize> {
    write_prefixes(names, out)?;
    let mut count = 0;
    if let Some(g) = graph {
        count += write_trig_graph(data, GraphName::NamedNode(g.clone()), false, names, out)?;
        return Ok(count);
    }
    count += write_trig_graph(data, GraphName::DefaultGraph, true, names, out)?;
    for name in named_graphs(data)? {
        count += write_trig_graph(data, name, true, names, out)?;
    }
    Ok(count)
}

fn write_trig_graph<D: Dataset>(
    data: &D,
    name: GraphName,
    shared_labels: bool,
    names: &Names,
    out: &mut dyn Write,
) -> Result<usize> {
    let (header, indent) = match &name {
        GraphName::DefaultGraph => (None, 0),
        GraphName::NamedNode(n) => (Some(names.iri(n.as_str())), 1),
        GraphName::BlankNode(b) => (Some(format!("_:{}", b.as_str())), 1),
    };
    let walker = Walker::new(data, Scope::Graph { name, shared_labels }, true);
    let mut w = Writer {
        names,
        walker: &walker,
        out,
        count: 0,
    };
    let mut open = false;
    walker.for_each_subject(|block| {
        if let (Some(h), false) = (&header, open) {
            writeln!(w.out, "{h} {{").map_err(io)?;
            open = true;
        }
        w.statement(&block.subject, &block.pairs, indent)
    })?;
    if open {
        w.out.write_all(b"}\n\n").map_err(io)?;
    }
    Ok(w.count)
}

fn write_prefixes(names: &Names, out: &mut dyn Write) -> Result<()> {
    for (p, ns) in names.prefixes() {
        writeln!(out, "@prefix {p}: <{}> .", escape_iri(ns)).map_err(io)?;
    }
    out.write_all(b"\n").map_err(io)
}

struct Writer<'w, 'a, D: Dataset> {
    names: &'w Names,
    walker: &'w Walker<'a, D>,
    out: &'w mut dyn Write,
    count: usize,
}

impl<D: Dataset> Writer<'_, '_, D> {
    fn pad(&mut self, indent: usize) -> Result<()> {
        for _ in 0..indent {
            self.out.write_all(b"    ").map_err(io)?;
        }
        Ok(())
    }

    /// `subject p o ; p o, o .` starting at `indent`.
    fn statement(&mut self, subject: &NamedOrBlankNode, pairs: &[(NamedNode, Term)], indent: usize) -> Result<()> {
        if pairs.is_empty() {
            return Ok(());
        }
        self.pad(indent)?;
        let s = match subject {
            NamedOrBlankNode::NamedNode(n) => self.names.iri(n.as_str()),
            NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
        };
        self.out.write_all(s.as_bytes()).map_err(io)?;
        self.out.write_all(b" ").map_err(io)?;
        self.pairs(pairs, indent + 1, true)?;
        self.out.write_all(b" .\n\n").map_err(io)
    }

    /// Predicate–object lists; continuation lines (and the first one unless
    /// `first_on_line`) at `indent`.
    fn pairs(&mut self, pairs: &[(NamedNode, Term)], indent: usize, first_on_line: bool) -> Result<()> {
        let mut i = 0;
        while i < pairs.len() {
            let p = &pairs[i].0;
            if i > 0 {
                self.out.write_all(b" ;\n").map_err(io)?;
                self.pad(indent)?;
            } else if !first_on_line {
                self.pad(indent)?;
            }
            let ps = if p.as_ref() == rdf::TYPE {
                "a".to_string()
            } else {
                self.names.iri(p.as_str())
            };
            self.out.write_all(ps.as_bytes()).map_err(io)?;
            self.out.write_all(b" ").map_err(io)?;
            let mut j = i;
            while j < pairs.len() && pairs[j].0 == *p {
                if j > i {
                    self.out.write_all(b", ").map_err(io)?;
                }
                self.object(&pairs[j].1, indent)?;
                j += 1;
            }
            i = j;
        }
        Ok(())
    }

    fn object(&mut self, o: &Term, indent: usize) -> Result<()> {
        self.count += 1;
        match o {
            Term::NamedNode(n) => {
                let s = self.names.iri(n.as_str());
                self.out.write_all(s.as_bytes()).map_err(io)
            }
            Term::BlankNode(b) if self.walker.nested(b)? => {
                let block = self.walker.block(&NamedOrBlankNode::BlankNode(b.clone()))?;
                if block.pairs.is_empty() {
                    return self.out.write_all(b"[]").map_err(io);
                }
                self.out.write_all(b"[\n").map_err(io)?;
                self.pairs(&block.pairs, indent + 1, false)?;
                self.out.write_all(b"\n").map_err(io)?;
                self.pad(indent)?;
                self.out.write_all(b"]").map_err(io)
            }
            Term::BlankNode(b) => write!(self.out, "_:{}", b.as_str()).map_err(io),
            Term::Literal(l) => {
                let s = literal(l, self.names);
                self.out.write_all(s.as_bytes()).map_err(io)
            }
            #[allow(unreachable_patterns)]
            other => write!(self.out, "{other}").map_err(io),
        }
    }
}

/// A literal in Turtle: plain strings quoted, `@lang`, integers, decimals and booleans
/// bare when their lexical form is the one Turtle would read back, else `^^datatype`.
pub(super) fn literal(l: &Literal, names: &Names) -> String {
    let v = l.value();
    if let Some(lang) = l.language() {
        return format!("{}@{lang}", quote(v));
    }
    let dt = l.datatype();
    if dt == xsd::STRING {
        return quote(v);
    }
    let bare = (dt == xsd::INTEGER && is_integer(v))
        || (dt == xsd::DECIMAL && is_decimal(v))
        || (dt == xsd::BOOLEAN && (v == "true" || v == "false"));
    if bare {
        return v.to_string();
    }
    format!("{}^^{}", quote(v), names.iri(dt.as_str()))
}

fn is_integer(v: &str) -> bool {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

fn is_decimal(v: &str) -> bool {
    let body = v.strip_prefix(['+', '-']).unwrap_or(v);
    match body.split_once('.') {
        Some((int, frac)) => {
            int.bytes().all(|c| c.is_ascii_digit()) && !frac.is_empty() && frac.bytes().all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// A Turtle string literal with the escapes it needs.
pub(super) fn quote(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\r' => s.push_str("\\r"),
            '\t' => s.push_str("\\t"),
            c if c.is_control() => s.push_str(&format!("\\u{:04X}", c as u32)),
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// The characters an IRIREF may not hold as themselves, as `\u` escapes.
pub(super) fn escape_iri(iri: &str) -> String {
    let mut s = String::with_capacity(iri.len());
    for c in iri.chars() {
        if c <= ' ' || matches!(c, '<' | '>' | '"' | '{' | '}' | '|' | '^' | '`' | '\\') {
            s.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_written_so_that_they_read_back() {
        let names = Names::new(vec![("xsd", "http://www.w3.org/2001/XMLSchema#".into())]);
        let typed = |v: &str, dt| literal(&Literal::new_typed_literal(v, dt), &names);
        assert_eq!(typed("42", xsd::INTEGER), "42");
        assert_eq!(typed("-0042", xsd::INTEGER), "-0042");
        assert_eq!(typed("4.2e1", xsd::INTEGER), "\"4.2e1\"^^xsd:integer");
        assert_eq!(typed("1.50", xsd::DECIMAL), "1.50");
        assert_eq!(typed("1.", xsd::DECIMAL), "\"1.\"^^xsd:decimal");
        assert_eq!(typed("true", xsd::BOOLEAN), "true");
        assert_eq!(typed("1", xsd::BOOLEAN), "\"1\"^^xsd:boolean");
        assert_eq!(typed("2019-11", xsd::G_YEAR_MONTH), "\"2019-11\"^^xsd:gYearMonth");
        let plain = Literal::new_simple_literal("a \"b\"\\\n\u{7}é");
        assert_eq!(literal(&plain, &names), "\"a \\\"b\\\"\\\\\\n\\u0007é\"");
        let lang = Literal::new_language_tagged_literal_unchecked("België", "nl-be");
        assert_eq!(literal(&lang, &names), "\"België\"@nl-be");
        assert_eq!(escape_iri("http://x.org/a b>"), "http://x.org/a\\u0020b\\u003E");
    }
}

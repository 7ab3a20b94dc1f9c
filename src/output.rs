//! Writing query results: an aligned table for people, and the standard SPARQL result
//! and RDF formats for scripts.

use std::io::Write;
use std::str::FromStr;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Term;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::QueryResults;

use crate::error::{Error, Result};

/// Output formats of `opgraph query`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    Turtle,
    NTriples,
    NQuads,
    JsonLd,
    RdfXml,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "table" => Format::Table,
            "csv" => Format::Csv,
            "tsv" => Format::Tsv,
            "json" => Format::Json,
            "xml" => Format::Xml,
            "turtle" | "ttl" => Format::Turtle,
            "ntriples" | "nt" => Format::NTriples,
            "nquads" | "nq" => Format::NQuads,
            "jsonld" | "json-ld" => Format::JsonLd,
            "rdfxml" | "rdf" => Format::RdfXml,
            other => {
                return Err(format!(
                    "unknown format {other:?} (table, csv, tsv, json, xml, turtle, ntriples, nquads, jsonld, rdfxml)"
                ))
            }
        })
    }
}

fn rdf_format(f: Format) -> Option<RdfFormat> {
    Some(match f {
        Format::Turtle | Format::Table => RdfFormat::Turtle,
        Format::NTriples | Format::Csv | Format::Tsv => RdfFormat::NTriples,
        Format::NQuads => RdfFormat::NQuads,
        Format::JsonLd | Format::Json => RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
        Format::RdfXml | Format::Xml => RdfFormat::RdfXml,
    })
}

/// A term as a person reads it: IRIs bare, literals by value.
pub fn display_term(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

/// Writes query results in a format; returns the number of rows (solutions or triples).
pub fn write_results(
    results: QueryResults<'_>,
    format: Format,
    out: &mut impl Write,
) -> Result<usize> {
    let io = |e: std::io::Error| Error::Serialize(e.to_string());
    match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<_> = solutions.variables().to_vec();
            if format == Format::Table {
                let mut rows: Vec<Vec<String>> = Vec::new();
                for s in solutions {
                    let s = s?;
                    rows.push(
                        vars.iter()
                            .map(|v| s.get(v).map(display_term).unwrap_or_default())
                            .collect(),
                    );
                }
                let headers: Vec<String> = vars.iter().map(|v| v.as_str().to_string()).collect();
                write_table(&headers, &rows, out).map_err(io)?;
                return Ok(rows.len());
            }
            let rf = match format {
                Format::Csv => QueryResultsFormat::Csv,
                Format::Tsv => QueryResultsFormat::Tsv,
                Format::Xml => QueryResultsFormat::Xml,
                Format::Json => QueryResultsFormat::Json,
                other => {
                    return Err(Error::Invalid(format!(
                        "{other:?} is not a format for SELECT results (table, csv, tsv, json, xml)"
                    )))
                }
            };
            let mut w = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(&mut *out, vars)
                .map_err(io)?;
            let mut n = 0;
            for s in solutions {
                w.serialize(&s?).map_err(io)?;
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
        QueryResults::Boolean(b) => {
            match format {
                Format::Table => writeln!(out, "{b}").map_err(io)?,
                Format::Csv | Format::Tsv | Format::Json | Format::Xml => {
                    let rf = match format {
                        Format::Csv => QueryResultsFormat::Csv,
                        Format::Tsv => QueryResultsFormat::Tsv,
                        Format::Xml => QueryResultsFormat::Xml,
                        _ => QueryResultsFormat::Json,
                    };
                    QueryResultsSerializer::from_format(rf)
                        .serialize_boolean_to_writer(&mut *out, b)
                        .map_err(io)?;
                }
                other => {
                    return Err(Error::Invalid(format!(
                        "{other:?} is not a format for ASK results"
                    )))
                }
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let rf = rdf_format(format).unwrap_or(RdfFormat::Turtle);
            let mut w = RdfSerializer::from_format(rf)
                .with_prefix("opg", crate::rdf::vocab::opg::NS)
                .map_err(|e| Error::Serialize(e.to_string()))?
                .with_prefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
                .map_err(|e| Error::Serialize(e.to_string()))?
                .for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                w.serialize_triple(&t?).map_err(io)?;
                n += 1;
            }
            w.finish().map_err(io)?;
            Ok(n)
        }
    }
}

/// An aligned text table; long cells are cut at 60 characters.
pub fn write_table(
    headers: &[String],
    rows: &[Vec<String>],
    out: &mut impl Write,
) -> std::io::Result<()> {
    const MAX: usize = 60;
    let cut = |s: &str| -> String {
        let s = s.replace(['\n', '\t'], " ");
        if s.chars().count() > MAX {
            let mut c: String = s.chars().take(MAX - 1).collect();
            c.push('…');
            c
        } else {
            s
        }
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| cut(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |out: &mut dyn Write, r: &[String]| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, c) in r.iter().enumerate() {
            if i > 0 {
                s.push_str("  ");
            }
            s.push_str(c);
            if i + 1 < r.len() {
                s.push_str(&" ".repeat(widths[i].saturating_sub(c.chars().count())));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, headers)?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(out, &rule)?;
    for r in &cells {
        line(out, r)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_and_cuts() {
        let mut out = Vec::new();
        write_table(
            &["a".into(), "bb".into()],
            &[vec!["xxx".into(), "y".repeat(100)]],
            &mut out,
        )
        .unwrap();
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "a    bb");
        assert!(lines[2].starts_with("xxx  yyy"));
        assert!(lines[2].ends_with('…'));
        assert_eq!(lines[2].chars().count(), 5 + 60);
    }

    #[test]
    fn formats_parse() {
        assert_eq!("CSV".parse::<Format>(), Ok(Format::Csv));
        assert_eq!("ttl".parse::<Format>(), Ok(Format::Turtle));
        assert!("pdf".parse::<Format>().is_err());
    }
}

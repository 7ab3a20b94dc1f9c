//! The collaboration network as CSV (Gephi's spreadsheet import: a nodes table with
//! `Id,Label,...` and an edges table with `Source,Target,Type,Weight,...`) and as JSON
//! (nodes with their scores, and edges).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::Write;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::network::{CollabNetwork, Metric, NodeScores};

/// Quotes a CSV field when it needs it (RFC 4180: comma, quote, CR or LF inside).
pub fn csv_field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

fn io(e: std::io::Error) -> Error {
    Error::Serialize(format!("writing network table: {e}"))
}

/// Scores by IRI.
pub(crate) fn by_iri(scores: &[NodeScores]) -> BTreeMap<&str, &NodeScores> {
    scores.iter().map(|s| (s.iri.as_str(), s)).collect()
}

/// Years as `2016;2017;2019`.
pub(crate) fn years_field(years: &std::collections::BTreeSet<i32>) -> String {
    years.iter().map(i32::to_string).collect::<Vec<_>>().join(";")
}

/// The nodes table: `Id,Label,Type,Country,Operations,Years` and, when `scores` are
/// given, one column per centrality and `Community`.
pub fn write_nodes_csv(net: &CollabNetwork, scores: &[NodeScores], w: &mut impl Write) -> Result<()> {
    let scores = by_iri(scores);
    let with_scores = !scores.is_empty();
    let mut head = vec!["Id", "Label", "Type", "Country", "Operations", "Years"];
    let metrics: Vec<Metric> = Metric::ALL.into_iter().filter(|m| *m != Metric::Operations).collect();
    if with_scores {
        head.extend(metrics.iter().map(|m| m.as_str()));
        head.push("Community");
    }
    writeln!(w, "{}", head.join(",")).map_err(io)?;
    for n in net.nodes() {
        let mut row = vec![
            csv_field(&n.iri).into_owned(),
            csv_field(&n.label).into_owned(),
            n.etype.to_string(),
            csv_field(n.country.as_deref().unwrap_or("")).into_owned(),
            n.operations.to_string(),
            years_field(&n.years),
        ];
        if with_scores {
            match scores.get(n.iri.as_str()) {
                Some(s) => {
                    for m in &metrics {
                        row.push(match (m, s.eigenvector) {
                            (Metric::Eigenvector, None) => String::new(),
                            _ => m.value(s).to_string(),
                        });
                    }
                    row.push(s.community.to_string());
                }
                None => row.extend(std::iter::repeat_n(String::new(), metrics.len() + 1)),
            }
        }
        writeln!(w, "{}", row.join(",")).map_err(io)?;
    }
    Ok(())
}

/// The edges table: `Source,Target,Type,Weight,Operations,Years` (`Type` is
/// `Undirected`; operations are joined by spaces, years by `;`).
pub fn write_edges_csv(net: &CollabNetwork, w: &mut impl Write) -> Result<()> {
    writeln!(w, "Source,Target,Type,Weight,Operations,Years").map_err(io)?;
    let g = &net.graph;
    for (s, t, e) in net.edges() {
        let (s, t) = (&g.raw_nodes()[s].weight, &g.raw_nodes()[t].weight);
        writeln!(
            w,
            "{},{},Undirected,{},{},{}",
            csv_field(&s.iri),
            csv_field(&t.iri),
            e.weight,
            csv_field(&e.operations.join(" ")),
            years_field(&e.years)
        )
        .map_err(io)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    etype: &'a str,
    country: Option<&'a str>,
    operations: usize,
    years: Vec<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scores: Option<&'a NodeScores>,
}

#[derive(Serialize)]
struct JsonEdge<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    weight: f64,
    operations: &'a [String],
    years: Vec<i32>,
}

#[derive(Serialize)]
struct JsonNetwork<'a> {
    directed: bool,
    nodes: Vec<JsonNode<'a>>,
    edges: Vec<JsonEdge<'a>>,
}

/// Nodes (with their scores when given) and edges as one JSON document:
/// `{"directed": false, "nodes": [...], "edges": [...]}`.
pub fn write_json(net: &CollabNetwork, scores: &[NodeScores], w: &mut impl Write) -> Result<()> {
    let scores = by_iri(scores);
    let raw = net.graph.raw_nodes();
    let doc = JsonNetwork {
        directed: false,
        nodes: net
            .nodes()
            .map(|n| JsonNode {
                id: &n.iri,
                label: &n.label,
                etype: n.etype.as_str(),
                country: n.country.as_deref(),
                operations: n.operations,
                years: n.years.iter().copied().collect(),
                scores: scores.get(n.iri.as_str()).copied(),
            })
            .collect(),
        edges: net
            .edges()
            .enumerate()
            .map(|(i, (s, t, e))| JsonEdge {
                id: format!("e{i}"),
                source: &raw[s].weight.iri,
                target: &raw[t].weight.iri,
                weight: e.weight,
                operations: &e.operations,
                years: e.years.iter().copied().collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *w, &doc).map_err(|e| Error::Serialize(e.to_string()))?;
    writeln!(w).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::test_support::net_from_edges;
    use crate::network::{centrality, CentralityParams};

    #[test]
    fn quotes_only_when_needed() {
        assert_eq!(csv_field("Europol"), "Europol");
        assert_eq!(csv_field("Police, Spain"), "\"Police, Spain\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn gephi_tables() {
        let net = net_from_edges(3, &[(0, 1, 2.0), (1, 2, 1.0)]);
        let scores = centrality(&net, &CentralityParams::default());
        let mut nodes = Vec::new();
        write_nodes_csv(&net, &scores, &mut nodes).unwrap();
        let nodes = String::from_utf8(nodes).unwrap();
        let mut lines = nodes.lines();
        assert_eq!(
            lines.next(),
            Some("Id,Label,Type,Country,Operations,Years,degree,degree_centrality,strength,betweenness,betweenness_weighted,closeness,eigenvector,pagerank,Community")
        );
        assert!(lines.nth(1).unwrap().starts_with("n001,N1,Agency,,1,2018,2,1,3,1,1,1,"));
        let mut edges = Vec::new();
        write_edges_csv(&net, &mut edges).unwrap();
        let edges = String::from_utf8(edges).unwrap();
        assert_eq!(
            edges,
            "Source,Target,Type,Weight,Operations,Years\nn000,n001,Undirected,2,op0-1,2018\nn001,n002,Undirected,1,op1-2,2018\n"
        );
        let mut json = Vec::new();
        write_json(&net, &scores, &mut json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["nodes"].as_array().unwrap().len(), 3);
        assert_eq!(v["edges"][0]["weight"], 2.0);
        assert_eq!(v["nodes"][1]["scores"]["degree"], 2);
    }
}

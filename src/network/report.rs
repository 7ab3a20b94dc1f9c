//! Scores as text: an aligned table for people, CSV or JSON for programs.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::str::FromStr;

use super::{Metric, NodeScores, WindowResult};
use crate::export::table::csv_field;

/// Output format of [`scores_table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TableFormat {
    /// Aligned columns, rounded values.
    #[default]
    Table,
    /// RFC 4180 CSV with a header row, full precision.
    Csv,
    /// A JSON array of [`NodeScores`].
    Json,
}

impl FromStr for TableFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" | "text" => Ok(TableFormat::Table),
            "csv" => Ok(TableFormat::Csv),
            "json" => Ok(TableFormat::Json),
            _ => Err(format!("unknown table format {s:?} (table, csv or json)")),
        }
    }
}

/// Which rows, in which order.
#[derive(Debug, Clone, PartialEq)]
pub struct TableOptions {
    /// Sort by this metric, descending (ties by IRI); `None` keeps the input order.
    pub sort_by: Option<Metric>,
    /// Keep only the first `top` rows after sorting.
    pub top: Option<usize>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            sort_by: Some(Metric::Pagerank),
            top: None,
        }
    }
}

/// The rows `opts` selects, in order.
pub fn select<'a>(scores: &'a [NodeScores], opts: &TableOptions) -> Vec<&'a NodeScores> {
    let mut rows: Vec<&NodeScores> = scores.iter().collect();
    if let Some(m) = opts.sort_by {
        rows.sort_by(|a, b| m.value(b).total_cmp(&m.value(a)).then_with(|| a.iri.cmp(&b.iri)));
    }
    if let Some(top) = opts.top {
        rows.truncate(top);
    }
    rows
}

/// [`scores_table_with`] sorted by PageRank, all rows.
pub fn scores_table(scores: &[NodeScores], format: TableFormat) -> String {
    scores_table_with(scores, format, &TableOptions::default())
}

const HEADER: [&str; 14] = [
    "iri",
    "label",
    "type",
    "operations",
    "degree",
    "degree_centrality",
    "strength",
    "betweenness",
    "betweenness_weighted",
    "closeness",
    "eigenvector",
    "pagerank",
    "community",
    "rank",
];

/// The scores as a table, CSV or JSON.
pub fn scores_table_with(scores: &[NodeScores], format: TableFormat, opts: &TableOptions) -> String {
    let rows = select(scores, opts);
    match format {
        TableFormat::Json => serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_owned()) + "\n",
        TableFormat::Csv => {
            let mut out = HEADER[..13].join(",");
            out.push('\n');
            for s in rows {
                let fields = [
                    csv_field(&s.iri).into_owned(),
                    csv_field(&s.label).into_owned(),
                    s.etype.to_string(),
                    s.operations.to_string(),
                    s.degree.to_string(),
                    s.degree_centrality.to_string(),
                    s.strength.to_string(),
                    s.betweenness.to_string(),
                    s.betweenness_weighted.to_string(),
                    s.closeness.to_string(),
                    s.eigenvector.map(|e| e.to_string()).unwrap_or_default(),
                    s.pagerank.to_string(),
                    s.community.to_string(),
                ];
                out.push_str(&fields.join(","));
                out.push('\n');
            }
            out
        }
        TableFormat::Table => {
            let head = [
                "#", "actor", "type", "ops", "deg", "strength", "betw", "betw_w", "close", "eigen", "pagerank", "comm",
            ];
            let body: Vec<Vec<String>> = rows
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    vec![
                        (i + 1).to_string(),
                        s.label.clone(),
                        s.etype.to_string(),
                        s.operations.to_string(),
                        s.degree.to_string(),
                        format!("{}", s.strength),
                        format!("{:.4}", s.betweenness),
                        format!("{:.4}", s.betweenness_weighted),
                        format!("{:.4}", s.closeness),
                        s.eigenvector
                            .map(|e| format!("{e:.4}"))
                            .unwrap_or_else(|| "-".to_owned()),
                        format!("{:.4}", s.pagerank),
                        s.community.to_string(),
                    ]
                })
                .collect();
            align(&head, &body, &[false, true, true])
        }
    }
}

/// Aligns columns: the first `left.len()` columns by the flags in `left`, the rest right.
fn align(head: &[&str], body: &[Vec<String>], left: &[bool]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in body {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let mut parts = Vec::new();
        for (i, (cell, &w)) in cells.zip(&widths).enumerate() {
            let pad = w.saturating_sub(cell.chars().count());
            if left.get(i).copied().unwrap_or(false) {
                parts.push(format!("{cell}{}", " ".repeat(pad)));
            } else {
                parts.push(format!("{}{cell}", " ".repeat(pad)));
            }
        }
        let _ = writeln!(out, "{}", parts.join("  ").trim_end());
    };
    line(&mut out, &mut head.iter().copied());
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    let _ = writeln!(out, "{}", rule.join("  "));
    for row in body {
        line(&mut out, &mut row.iter().map(String::as_str));
    }
    out
}

/// One metric across windows: one row per actor (the `top` actors by their best value
/// in any window, all when `None`), one column per window; `-` (empty in CSV, `null`
/// in JSON) where an actor was not active.
pub fn windows_table(results: &[WindowResult], metric: Metric, format: TableFormat, top: Option<usize>) -> String {
    let mut actors: Vec<(String, String, f64)> = Vec::new();
    let iris: BTreeSet<&str> = results
        .iter()
        .flat_map(|w| w.scores.iter().map(|s| s.iri.as_str()))
        .collect();
    for iri in iris {
        let mut label = String::new();
        let mut best = f64::NEG_INFINITY;
        for w in results {
            if let Some(s) = w.scores.iter().find(|s| s.iri == iri) {
                label.clone_from(&s.label);
                best = best.max(metric.value(s));
            }
        }
        actors.push((iri.to_owned(), label, best));
    }
    actors.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    if let Some(top) = top {
        actors.truncate(top);
    }
    let cell = |w: &WindowResult, iri: &str| w.score(iri, metric);
    match format {
        TableFormat::Json => {
            let rows: Vec<serde_json::Value> = actors
                .iter()
                .map(|(iri, label, _)| {
                    let values: serde_json::Map<String, serde_json::Value> = results
                        .iter()
                        .map(|w| (w.label.clone(), serde_json::json!(cell(w, iri))))
                        .collect();
                    serde_json::json!({ "iri": iri, "label": label, "metric": metric.as_str(), "values": values })
                })
                .collect();
            serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_owned()) + "\n"
        }
        TableFormat::Csv => {
            let mut out = String::from("iri,label");
            for w in results {
                out.push(',');
                out.push_str(&csv_field(&w.label));
            }
            out.push('\n');
            for (iri, label, _) in &actors {
                out.push_str(&csv_field(iri));
                out.push(',');
                out.push_str(&csv_field(label));
                for w in results {
                    out.push(',');
                    if let Some(v) = cell(w, iri) {
                        out.push_str(&v.to_string());
                    }
                }
                out.push('\n');
            }
            out
        }
        TableFormat::Table => {
            let mut head: Vec<&str> = vec![metric.as_str()];
            head.extend(results.iter().map(|w| w.label.as_str()));
            let body: Vec<Vec<String>> = actors
                .iter()
                .map(|(iri, label, _)| {
                    let mut row = vec![label.clone()];
                    row.extend(results.iter().map(|w| match cell(w, iri) {
                        Some(v) if metric.is_integer() => format!("{v}"),
                        Some(v) => format!("{v:.4}"),
                        None => "-".to_owned(),
                    }));
                    row
                })
                .collect();
            align(&head, &body, &[true])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::test_support::net_from_edges;
    use crate::network::{centrality, CentralityParams};

    #[test]
    fn table_csv_and_json() {
        let net = net_from_edges(4, &[(0, 1, 2.0), (1, 2, 1.0), (1, 3, 1.0)]);
        let scores = centrality(&net, &CentralityParams::default());
        let t = scores_table_with(
            &scores,
            TableFormat::Table,
            &TableOptions {
                sort_by: Some(Metric::Degree),
                top: Some(2),
            },
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 4, "{t}");
        assert!(lines[0].starts_with("#  actor"));
        assert!(lines[2].starts_with("1  N1 "), "{t}");
        let csv = scores_table(&scores, TableFormat::Csv);
        assert!(csv.starts_with("iri,label,type,operations,degree,"));
        assert_eq!(csv.lines().count(), 5);
        assert!(
            csv.lines().nth(1).unwrap().starts_with("n001,N1,Agency,1,3,1,4,1,1,1,"),
            "{csv}"
        );
        let json: serde_json::Value = serde_json::from_str(&scores_table(&scores, TableFormat::Json)).unwrap();
        assert_eq!(json.as_array().unwrap().len(), 4);
        assert_eq!(json[0]["iri"], "n001");
        assert_eq!("CSV".parse::<TableFormat>(), Ok(TableFormat::Csv));
    }

    #[test]
    fn windows_table_shows_movement() {
        let input = crate::network::project::tests::sample();
        let ws = crate::network::windows(
            &input,
            &crate::network::ProjectionOptions::default(),
            crate::network::WindowSpec::years(1),
            None,
            None,
        );
        let t = windows_table(&ws, Metric::Degree, TableFormat::Table, None);
        assert!(t.lines().next().unwrap().contains("2018  2019"), "{t}");
        let germany = t.lines().find(|l| l.starts_with("GERMANY")).unwrap();
        assert!(germany.ends_with("2     -"), "{t}");
        let csv = windows_table(&ws, Metric::Degree, TableFormat::Csv, Some(1));
        assert_eq!(csv.lines().count(), 2);
    }
}

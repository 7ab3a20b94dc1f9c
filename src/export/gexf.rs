//! The collaboration network as GEXF 1.3, Gephi's native format, ready to open:
//!
//! * typed attribute columns declared before the nodes: `type`, `country`,
//!   `operations`, `years`, every centrality, `community` (none named `label`,
//!   `weight`, `size`, `x`, `y`, `r`, `g`, `b`, which Gephi reserves for visual
//!   properties); edges: `operations` (IRIs) and `years`;
//! * edge `weight` = number of shared operations, unique edge ids `e0`, `e1`...;
//! * a dynamic graph (`timeformat="date"`) whose nodes and edges carry `<spells>` for
//!   the years they were active, so Gephi's timeline animates the cooperation;
//! * `viz:color` by type or community, `viz:size` by a chosen metric and
//!   `viz:position` from [`crate::network::layout()`], so the file opens laid out.

use std::collections::BTreeSet;
use std::io::Write;

use crate::error::Result;
use crate::export::graphml::{score_metrics, score_texts, Xml};
use crate::export::table::{by_iri, years_field};
use crate::network::style::{metric_values, node_colors, sizes, ColorBy};
use crate::network::{layout, CollabNetwork, LayoutParams, Metric, NodeScores};

/// Visual options of the GEXF export.
#[derive(Debug, Clone, PartialEq)]
pub struct GexfOptions {
    /// Node colour by type or by community.
    pub color_by: ColorBy,
    /// Node size by this metric.
    pub size_by: Metric,
    /// Smallest and largest `viz:size`.
    pub size_range: (f64, f64),
    /// Layout used for `viz:position`; `None` leaves positions out.
    pub layout: Option<LayoutParams>,
    /// Half the width of the square the positions span.
    pub extent: f64,
}

impl Default for GexfOptions {
    fn default() -> Self {
        GexfOptions {
            color_by: ColorBy::Type,
            size_by: Metric::Pagerank,
            size_range: (5.0, 40.0),
            layout: Some(LayoutParams::default()),
            extent: 500.0,
        }
    }
}

/// Writes `net` with the default [`GexfOptions`].
pub fn write(net: &CollabNetwork, scores: &[NodeScores], w: &mut impl Write) -> Result<()> {
    write_with(net, scores, &GexfOptions::default(), w)
}

/// Consecutive years merged into `[first, last]` runs.
fn year_runs(years: &BTreeSet<i32>) -> Vec<(i32, i32)> {
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for &y in years {
        match runs.last_mut() {
            Some(last) if last.1 + 1 == y => last.1 = y,
            _ => runs.push((y, y)),
        }
    }
    runs
}

fn spells<W: Write>(x: &mut Xml<W>, years: &BTreeSet<i32>) -> Result<()> {
    if years.is_empty() {
        return Ok(());
    }
    x.start("spells", &[])?;
    for (a, b) in year_runs(years) {
        x.empty(
            "spell",
            &[("start", &format!("{a:04}-01-01")), ("end", &format!("{b:04}-12-31"))],
        )?;
    }
    x.end("spells")
}

/// Writes `net` (with `scores`, which may be empty) as GEXF 1.3.
pub fn write_with(net: &CollabNetwork, scores: &[NodeScores], opts: &GexfOptions, w: &mut impl Write) -> Result<()> {
    let by = by_iri(scores);
    let with_scores = !by.is_empty();
    let colors = node_colors(net, scores, opts.color_by);
    let size = sizes(
        &metric_values(net, scores, opts.size_by),
        opts.size_range.0,
        opts.size_range.1,
    );
    let pos = opts.layout.as_ref().map(|p| layout(net, p));

    let mut x = Xml::new(w)?;
    x.start(
        "gexf",
        &[
            ("xmlns", "http://gexf.net/1.3"),
            ("xmlns:viz", "http://gexf.net/1.3/viz"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
            ("version", "1.3"),
        ],
    )?;
    x.start("meta", &[])?;
    x.text_element("creator", &[], concat!("opgraph ", env!("CARGO_PKG_VERSION")))?;
    x.text_element(
        "description",
        &[],
        "Agency-collaboration network: actors linked by the operations they shared (weight = number of shared operations)",
    )?;
    x.end("meta")?;
    x.start(
        "graph",
        &[
            ("defaultedgetype", "undirected"),
            ("mode", "dynamic"),
            ("timeformat", "date"),
            ("timerepresentation", "interval"),
        ],
    )?;

    // attribute columns: id = title, declared before any node
    let mut node_attrs: Vec<(&str, &str)> = vec![
        ("type", "string"),
        ("country", "string"),
        ("operations", "integer"),
        ("years", "string"),
    ];
    if with_scores {
        node_attrs.extend(score_metrics().map(|m| (m.as_str(), if m.is_integer() { "integer" } else { "double" })));
        node_attrs.push(("community", "integer"));
    }
    x.start("attributes", &[("class", "node"), ("mode", "static")])?;
    for (id, ty) in &node_attrs {
        x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    x.end("attributes")?;
    x.start("attributes", &[("class", "edge"), ("mode", "static")])?;
    for (id, ty) in [("operations", "string"), ("years", "string")] {
        x.empty("attribute", &[("id", id), ("title", id), ("type", ty)])?;
    }
    x.end("attributes")?;

    x.start("nodes", &[])?;
    for (i, n) in net.nodes().enumerate() {
        x.start("node", &[("id", &n.iri), ("label", &n.label)])?;
        x.start("attvalues", &[])?;
        x.empty("attvalue", &[("for", "type"), ("value", n.etype.as_str())])?;
        if let Some(c) = &n.country {
            x.empty("attvalue", &[("for", "country"), ("value", c)])?;
        }
        x.empty(
            "attvalue",
            &[("for", "operations"), ("value", &n.operations.to_string())],
        )?;
        x.empty("attvalue", &[("for", "years"), ("value", &years_field(&n.years))])?;
        if let Some(s) = by.get(n.iri.as_str()) {
            for (m, text) in score_texts(s) {
                x.empty("attvalue", &[("for", m.as_str()), ("value", &text)])?;
            }
            x.empty("attvalue", &[("for", "community"), ("value", &s.community.to_string())])?;
        }
        x.end("attvalues")?;
        spells(&mut x, &n.years)?;
        let (r, g, b) = colors.get(i).copied().unwrap_or((128, 128, 128));
        x.empty(
            "viz:color",
            &[
                ("r", &r.to_string()),
                ("g", &g.to_string()),
                ("b", &b.to_string()),
                ("a", "1.0"),
            ],
        )?;
        if let Some((px, py)) = pos.as_ref().and_then(|p| p.get(i)) {
            x.empty(
                "viz:position",
                &[
                    ("x", &format!("{:.3}", px * opts.extent)),
                    ("y", &format!("{:.3}", py * opts.extent)),
                    ("z", "0.0"),
                ],
            )?;
        }
        x.empty(
            "viz:size",
            &[(
                "value",
                &format!("{:.3}", size.get(i).copied().unwrap_or(opts.size_range.0)),
            )],
        )?;
        x.end("node")?;
    }
    x.end("nodes")?;

    x.start("edges", &[])?;
    let raw = net.graph.raw_nodes();
    for (i, (s, t, e)) in net.edges().enumerate() {
        x.start(
            "edge",
            &[
                ("id", &format!("e{i}")),
                ("source", &raw[s].weight.iri),
                ("target", &raw[t].weight.iri),
                ("weight", &e.weight.to_string()),
            ],
        )?;
        x.start("attvalues", &[])?;
        x.empty("attvalue", &[("for", "operations"), ("value", &e.operations.join(" "))])?;
        x.empty("attvalue", &[("for", "years"), ("value", &years_field(&e.years))])?;
        x.end("attvalues")?;
        spells(&mut x, &e.years)?;
        x.end("edge")?;
    }
    x.end("edges")?;
    x.end("graph")?;
    x.end("gexf")?;
    x.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_years_merge_into_one_spell() {
        assert_eq!(
            year_runs(&BTreeSet::from([2016, 2017, 2019, 2020, 2021, 2024])),
            vec![(2016, 2017), (2019, 2021), (2024, 2024)]
        );
        assert!(year_runs(&BTreeSet::new()).is_empty());
    }
}

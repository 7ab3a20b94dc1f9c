//! A picture of the collaboration network: laid out with [`crate::network::layout()`],
//! node area by a chosen centrality, colour by type or community, edge width by
//! weight, labels for the top nodes, a legend. [`write_png`] rasterises the same
//! picture with `resvg`.

use std::io::Write;

use crate::error::{Error, Result};
use crate::export::graphml::Xml;
use crate::network::style::{community_color, hex, metric_values, node_colors, sizes, type_color, ColorBy, OTHER};
use crate::network::{layout, CollabNetwork, LayoutParams, Metric, NodeScores};

/// Options of the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct SvgOptions {
    /// Node size (area) by this metric.
    pub size_by: Metric,
    /// Node colour by type or community.
    pub color_by: ColorBy,
    /// Label the nodes with the highest `size_by` values, this many.
    pub top_labels: usize,
    /// Picture width in pixels.
    pub width: u32,
    /// Picture height in pixels.
    pub height: u32,
    /// A title drawn at the top, if any.
    pub title: Option<String>,
    /// The layout.
    pub layout: LayoutParams,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            size_by: Metric::Pagerank,
            color_by: ColorBy::Type,
            top_labels: 15,
            width: 1200,
            height: 900,
            title: None,
            layout: LayoutParams::default(),
        }
    }
}

const LEGEND_WIDTH: f64 = 220.0;
const MARGIN: f64 = 40.0;

fn f(v: f64) -> String {
    format!("{v:.1}")
}

/// Writes the picture as SVG.
pub fn write(net: &CollabNetwork, scores: &[NodeScores], opts: &SvgOptions, w: &mut impl Write) -> Result<()> {
    let (width, height) = (f64::from(opts.width.max(200)), f64::from(opts.height.max(150)));
    let top = if opts.title.is_some() { MARGIN + 20.0 } else { MARGIN };
    let plot_w = (width - LEGEND_WIDTH - 2.0 * MARGIN).max(50.0);
    let plot_h = (height - top - MARGIN).max(50.0);
    let max_r = (plot_w.min(plot_h) / 18.0).clamp(6.0, 30.0);
    let radius = sizes(&metric_values(net, scores, opts.size_by), 3.0, max_r);
    let colors = node_colors(net, scores, opts.color_by);
    // stretch each axis to fill the plot area
    let raw_pos = layout(net, &opts.layout);
    let span = |f: fn(&(f64, f64)) -> f64| {
        let (lo, hi) = raw_pos
            .iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        move |v: f64| {
            if hi > lo {
                2.0 * (v - lo) / (hi - lo) - 1.0
            } else {
                0.0
            }
        }
    };
    let (sx, sy) = (span(|p| p.0), span(|p| p.1));
    let pos: Vec<(f64, f64)> = raw_pos
        .iter()
        .map(|&(x, y)| (sx(x), sy(y)))
        .map(|(x, y)| {
            (
                MARGIN + max_r + (x + 1.0) / 2.0 * (plot_w - 2.0 * max_r),
                top + max_r + (y + 1.0) / 2.0 * (plot_h - 2.0 * max_r),
            )
        })
        .collect();

    let mut x = Xml::new(w)?;
    x.start(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", &opts.width.max(200).to_string()),
            ("height", &opts.height.max(150).to_string()),
            ("viewBox", &format!("0 0 {width} {height}")),
            ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
        ],
    )?;
    x.empty(
        "rect",
        &[
            ("x", "0"),
            ("y", "0"),
            ("width", &f(width)),
            ("height", &f(height)),
            ("fill", "#ffffff"),
        ],
    )?;
    if let Some(t) = &opts.title {
        x.text_element(
            "text",
            &[
                ("x", &f(MARGIN)),
                ("y", &f(MARGIN)),
                ("font-size", "20"),
                ("fill", "#222222"),
            ],
            t,
        )?;
    }

    // edges, width by weight
    let wmax = net.edges().map(|(_, _, e)| e.weight).fold(0.0f64, f64::max);
    x.start(
        "g",
        &[
            ("class", "edges"),
            ("stroke", "#8a8a8a"),
            ("stroke-opacity", "0.55"),
            ("stroke-linecap", "round"),
        ],
    )?;
    for (s, t, e) in net.edges() {
        let (Some(a), Some(b)) = (pos.get(s), pos.get(t)) else {
            continue;
        };
        let sw = if wmax > 0.0 { 0.6 + 4.4 * e.weight / wmax } else { 1.0 };
        x.empty(
            "line",
            &[
                ("x1", &f(a.0)),
                ("y1", &f(a.1)),
                ("x2", &f(b.0)),
                ("y2", &f(b.1)),
                ("stroke-width", &format!("{sw:.2}")),
            ],
        )?;
    }
    x.end("g")?;

    // nodes, small ones on top so that they stay visible
    let mut order: Vec<usize> = (0..net.node_count()).collect();
    order.sort_by(|&a, &b| radius[b].total_cmp(&radius[a]).then(a.cmp(&b)));
    let values = metric_values(net, scores, opts.size_by);
    let raw = net.graph.raw_nodes();
    x.start(
        "g",
        &[("class", "nodes"), ("stroke", "#ffffff"), ("stroke-width", "1.2")],
    )?;
    for &i in &order {
        let (Some(p), Some(node)) = (pos.get(i), raw.get(i)) else {
            continue;
        };
        let n = &node.weight;
        x.start(
            "circle",
            &[
                ("cx", &f(p.0)),
                ("cy", &f(p.1)),
                ("r", &f(radius[i])),
                ("fill", &hex(colors[i])),
            ],
        )?;
        x.text_element(
            "title",
            &[],
            &format!("{} ({}: {:.4})", n.label, opts.size_by, values[i]),
        )?;
        x.end("circle")?;
    }
    x.end("g")?;

    // labels of the top nodes
    let mut ranked: Vec<usize> = (0..net.node_count()).collect();
    ranked.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    ranked.truncate(opts.top_labels);
    x.start(
        "g",
        &[
            ("class", "labels"),
            ("font-size", "12"),
            ("fill", "#111111"),
            ("stroke", "#ffffff"),
            ("stroke-width", "3"),
            ("paint-order", "stroke"),
            ("stroke-linejoin", "round"),
        ],
    )?;
    for &i in &ranked {
        let (Some(p), Some(node)) = (pos.get(i), raw.get(i)) else {
            continue;
        };
        // labels of nodes in the right half go to their left, away from the legend
        let right_half = p.0 > MARGIN + plot_w / 2.0;
        let (lx, anchor) = if right_half {
            (p.0 - radius[i] - 3.0, "end")
        } else {
            (p.0 + radius[i] + 3.0, "start")
        };
        x.text_element(
            "text",
            &[("x", &f(lx)), ("y", &f(p.1 + 4.0)), ("text-anchor", anchor)],
            &node.weight.label,
        )?;
    }
    x.end("g")?;

    // legend
    let lx = width - LEGEND_WIDTH + 10.0;
    let mut ly = top;
    x.start("g", &[("class", "legend"), ("font-size", "12"), ("fill", "#222222")])?;
    let entries: Vec<(String, (u8, u8, u8))> = match opts.color_by {
        ColorBy::Type => {
            let types: std::collections::BTreeSet<_> = net.nodes().map(|n| n.etype).collect();
            types.into_iter().map(|t| (t.to_string(), type_color(t))).collect()
        }
        ColorBy::Community => {
            let comms: std::collections::BTreeSet<usize> = scores.iter().map(|s| s.community).collect();
            let mut v: Vec<(String, (u8, u8, u8))> = comms
                .iter()
                .filter(|&&c| c < 10)
                .map(|&c| (format!("community {c}"), community_color(c)))
                .collect();
            if comms.iter().any(|&c| c >= 10) {
                v.push(("other communities".to_owned(), OTHER));
            }
            v
        }
    };
    x.text_element(
        "text",
        &[("x", &f(lx)), ("y", &f(ly)), ("font-weight", "bold")],
        "colour",
    )?;
    for (label, color) in &entries {
        ly += 22.0;
        x.empty(
            "circle",
            &[
                ("cx", &f(lx + 7.0)),
                ("cy", &f(ly - 4.0)),
                ("r", "7"),
                ("fill", &hex(*color)),
            ],
        )?;
        x.text_element("text", &[("x", &f(lx + 22.0)), ("y", &f(ly))], label)?;
    }
    ly += 34.0;
    x.text_element(
        "text",
        &[("x", &f(lx)), ("y", &f(ly)), ("font-weight", "bold")],
        &format!("size: {}", opts.size_by),
    )?;
    ly += 20.0;
    x.text_element("text", &[("x", &f(lx)), ("y", &f(ly))], "edge width: shared operations")?;
    ly += 20.0;
    x.text_element(
        "text",
        &[("x", &f(lx)), ("y", &f(ly)), ("fill", "#666666")],
        &format!("{} actors, {} links", net.node_count(), net.edge_count()),
    )?;
    x.end("g")?;
    x.end("svg")?;
    x.finish()?;
    Ok(())
}

/// The picture as an SVG string.
pub fn to_string(net: &CollabNetwork, scores: &[NodeScores], opts: &SvgOptions) -> Result<String> {
    let mut buf = Vec::new();
    write(net, scores, opts, &mut buf)?;
    String::from_utf8(buf).map_err(|e| Error::Serialize(e.to_string()))
}

/// Writes the picture as PNG (`opts.width` × `opts.height` pixels), rasterised with
/// `resvg`. Labels use the system's fonts; on a machine without any font the picture
/// is drawn without its text.
pub fn write_png(net: &CollabNetwork, scores: &[NodeScores], opts: &SvgOptions, w: &mut impl Write) -> Result<()> {
    use resvg::{tiny_skia, usvg};
    let svg = to_string(net, scores, opts)?;
    let mut options = usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    let tree = usvg::Tree::from_str(&svg, &options).map_err(|e| Error::Serialize(format!("SVG for PNG: {e}")))?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| Error::Invalid(format!("cannot draw a {}×{} picture", size.width(), size.height())))?;
    resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
    let png = pixmap.encode_png().map_err(|e| Error::Serialize(format!("PNG: {e}")))?;
    w.write_all(&png)
        .map_err(|e| Error::Serialize(format!("writing PNG: {e}")))
}

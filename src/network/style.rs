//! Visual style shared by the GEXF and SVG exports: colours by type or community,
//! node sizes by a chosen metric.

use std::str::FromStr;

use super::{CollabNetwork, Metric, NodeScores};
use crate::model::EntityType;

/// What a node's colour shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ColorBy {
    /// Agency vs Country.
    #[default]
    Type,
    /// The community (0 = largest).
    Community,
}

impl FromStr for ColorBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "type" => Ok(ColorBy::Type),
            "community" => Ok(ColorBy::Community),
            _ => Err(format!("unknown colour scheme {s:?} (type or community)")),
        }
    }
}

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// Tableau-10: distinct, colour-blind-friendly hues for communities.
pub const PALETTE: [Rgb; 10] = [
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
];

/// The colour of communities beyond the palette.
pub const OTHER: Rgb = (170, 170, 170);

/// The colour of an entity type.
pub fn type_color(t: EntityType) -> Rgb {
    match t {
        EntityType::Agency => (31, 119, 180),
        EntityType::Country => (255, 127, 14),
        _ => OTHER,
    }
}

/// The colour of a community id (the ten largest get distinct colours).
pub fn community_color(c: usize) -> Rgb {
    PALETTE.get(c).copied().unwrap_or(OTHER)
}

/// `#rrggbb`.
pub fn hex((r, g, b): Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Per node (index order): its colour under `by` (community colours need `scores`;
/// without them every node gets the first palette colour).
pub fn node_colors(net: &CollabNetwork, scores: &[NodeScores], by: ColorBy) -> Vec<Rgb> {
    net.nodes()
        .enumerate()
        .map(|(i, n)| match by {
            ColorBy::Type => type_color(n.etype),
            ColorBy::Community => {
                let c = scores
                    .get(i)
                    .filter(|s| s.iri == n.iri)
                    .or_else(|| scores.iter().find(|s| s.iri == n.iri))
                    .map_or(0, |s| s.community);
                community_color(c)
            }
        })
        .collect()
}

/// Per node (index order): the metric's value (operations when a node has no scores).
pub fn metric_values(net: &CollabNetwork, scores: &[NodeScores], metric: Metric) -> Vec<f64> {
    net.nodes()
        .enumerate()
        .map(|(i, n)| {
            scores
                .get(i)
                .filter(|s| s.iri == n.iri)
                .or_else(|| scores.iter().find(|s| s.iri == n.iri))
                .map_or(n.operations as f64, |s| metric.value(s))
        })
        .collect()
}

/// Sizes in `[min, max]`, by area: a node with twice the value has twice the area.
pub fn sizes(values: &[f64], min: f64, max: f64) -> Vec<f64> {
    let top = values.iter().copied().filter(|v| v.is_finite()).fold(0.0f64, f64::max);
    values
        .iter()
        .map(|&v| {
            if top <= 0.0 || !v.is_finite() || v <= 0.0 {
                min
            } else {
                min + (max - min) * (v / top).sqrt()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_scale_by_area() {
        let s = sizes(&[0.0, 1.0, 4.0], 2.0, 10.0);
        assert_eq!(s, vec![2.0, 6.0, 10.0]);
        assert_eq!(sizes(&[0.0, 0.0], 2.0, 10.0), vec![2.0, 2.0]);
        assert_eq!(hex((255, 0, 16)), "#ff0010");
        assert_eq!(community_color(12), OTHER);
    }
}

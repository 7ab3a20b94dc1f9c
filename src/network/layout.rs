//! A seeded force-directed layout (Fruchterman–Reingold 1991, with a weak pull to the
//! centre so that components and isolated nodes stay in view).
//!
//! Deterministic: the same network and parameters give the same coordinates, so a
//! GEXF or SVG export is reproducible. Cost is O(n²) per iteration: fine for the
//! few hundred actors of a collaboration network, slow beyond some thousands.

use petgraph::visit::EdgeRef;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::CollabNetwork;

/// Layout parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutParams {
    /// Seed of the initial positions.
    pub seed: u64,
    /// Number of iterations (the temperature cools linearly to 0 over them).
    pub iterations: usize,
    /// Let heavier edges pull harder.
    pub weighted: bool,
    /// Pull towards the centre, relative to the attraction along an edge.
    pub gravity: f64,
}

impl Default for LayoutParams {
    fn default() -> Self {
        LayoutParams {
            seed: 7,
            iterations: 300,
            weighted: true,
            gravity: 0.1,
        }
    }
}

/// Positions `(x, y)` for every node (index order), rescaled so that the largest
/// absolute coordinate is 1 and centred on the origin. A lone node sits at the origin.
pub fn layout(net: &CollabNetwork, params: &LayoutParams) -> Vec<(f64, f64)> {
    let g = &net.graph;
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![(0.0, 0.0)];
    }
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let mut pos: Vec<[f64; 2]> = (0..n).map(|_| [rng.random::<f64>(), rng.random::<f64>()]).collect();
    let edges: Vec<(usize, usize, f64)> = g
        .edge_references()
        .map(|e| {
            let w = if params.weighted {
                e.weight().weight.max(0.0)
            } else {
                1.0
            };
            (e.source().index(), e.target().index(), w)
        })
        .collect();
    // mean weight 1 so that weighting changes shape, not scale
    let mean_w = if edges.is_empty() {
        1.0
    } else {
        (edges.iter().map(|e| e.2).sum::<f64>() / edges.len() as f64).max(f64::MIN_POSITIVE)
    };
    let k = (1.0 / n as f64).sqrt();
    let iterations = params.iterations.max(1);
    let t0 = 0.1;
    let mut disp = vec![[0.0f64; 2]; n];
    for it in 0..iterations {
        let t = t0 * (1.0 - it as f64 / iterations as f64);
        disp.iter_mut().for_each(|d| *d = [0.0, 0.0]);
        for i in 0..n {
            for j in (i + 1)..n {
                let dx = pos[i][0] - pos[j][0];
                let dy = pos[i][1] - pos[j][1];
                let d2 = (dx * dx + dy * dy).max(1e-9);
                // repulsion k²/d along the unit vector: (dx, dy) · k² / d²
                let f = k * k / d2;
                disp[i][0] += dx * f;
                disp[i][1] += dy * f;
                disp[j][0] -= dx * f;
                disp[j][1] -= dy * f;
            }
        }
        for &(a, b, w) in &edges {
            let dx = pos[a][0] - pos[b][0];
            let dy = pos[a][1] - pos[b][1];
            let d = (dx * dx + dy * dy).sqrt().max(1e-9);
            // attraction d²/k along the unit vector: (dx, dy) · d / k
            let f = d / k * (w / mean_w);
            disp[a][0] -= dx * f;
            disp[a][1] -= dy * f;
            disp[b][0] += dx * f;
            disp[b][1] += dy * f;
        }
        for i in 0..n {
            let dx = pos[i][0] - 0.5;
            let dy = pos[i][1] - 0.5;
            let d = (dx * dx + dy * dy).sqrt();
            disp[i][0] -= dx * d / k * params.gravity;
            disp[i][1] -= dy * d / k * params.gravity;
            let len = (disp[i][0].powi(2) + disp[i][1].powi(2)).sqrt();
            if len > 0.0 {
                let step = len.min(t) / len;
                pos[i][0] += disp[i][0] * step;
                pos[i][1] += disp[i][1] * step;
            }
        }
    }
    // centre and scale into [-1, 1]
    let cx = pos.iter().map(|p| p[0]).sum::<f64>() / n as f64;
    let cy = pos.iter().map(|p| p[1]).sum::<f64>() / n as f64;
    let lim = pos
        .iter()
        .map(|p| (p[0] - cx).abs().max((p[1] - cy).abs()))
        .fold(0.0f64, f64::max);
    let s = if lim > 0.0 { 1.0 / lim } else { 1.0 };
    pos.iter().map(|p| ((p[0] - cx) * s, (p[1] - cy) * s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::project::tests::sample;
    use crate::network::{project, ProjectionOptions};

    #[test]
    fn deterministic_and_bounded() {
        let net = project(&sample(), &ProjectionOptions::default());
        let a = layout(&net, &LayoutParams::default());
        let b = layout(&net, &LayoutParams::default());
        assert_eq!(a, b);
        assert_eq!(a.len(), net.node_count());
        assert!(a.iter().all(|&(x, y)| x.abs() <= 1.0 + 1e-12 && y.abs() <= 1.0 + 1e-12));
        assert!(a
            .iter()
            .any(|&(x, y)| (x.abs() - 1.0).abs() < 1e-12 || (y.abs() - 1.0).abs() < 1e-12));
        let c = layout(
            &net,
            &LayoutParams {
                seed: 8,
                ..Default::default()
            },
        );
        assert_ne!(a, c);
    }

    #[test]
    fn connected_nodes_end_closer_than_strangers() {
        // two triangles, no edge between them
        let net = crate::network::test_support::two_triangles();
        let p = layout(&net, &LayoutParams::default());
        let d = |i: usize, j: usize| ((p[i].0 - p[j].0).powi(2) + (p[i].1 - p[j].1).powi(2)).sqrt();
        let within = (d(0, 1) + d(1, 2) + d(0, 2) + d(3, 4) + d(4, 5) + d(3, 5)) / 6.0;
        let across = (d(0, 3) + d(1, 4) + d(2, 5)) / 3.0;
        assert!(within < across, "within {within} across {across}");
        assert_eq!(layout(&CollabNetwork::default(), &LayoutParams::default()), vec![]);
    }
}

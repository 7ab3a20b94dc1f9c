//! Node scores with networkx semantics.
//!
//! | score | definition (networkx call it matches) |
//! | --- | --- |
//! | `degree` | number of neighbours |
//! | `degree_centrality` | `degree_centrality(G)`: degree / (n − 1); 1 for a lone node |
//! | `strength` | `G.degree(weight="weight")` |
//! | `betweenness` | `betweenness_centrality(G)` (normalised, unweighted) |
//! | `betweenness_weighted` | `betweenness_centrality(G, weight=d)` with d = 1 / weight |
//! | `closeness` | `closeness_centrality(G)` (unweighted, Wasserman–Faust scaling) |
//! | `eigenvector` | `eigenvector_centrality(G, weight="weight")`; `None` when it does not converge |
//! | `pagerank` | `pagerank(G, alpha, weight="weight")`, dangling nodes jump uniformly |
//! | `community` | seeded Leiden (modularity); 0 = largest community |
//!
//! Unweighted betweenness, closeness and eigenvector come from `rustworkx-core`;
//! weighted betweenness (Brandes over Dijkstra) and weighted PageRank are here.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::fmt;
use std::str::FromStr;

use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use super::CollabNetwork;
use crate::model::EntityType;

/// Parameters of the iterative measures and of community detection.
#[derive(Debug, Clone, PartialEq)]
pub struct CentralityParams {
    /// PageRank damping factor (networkx default 0.85).
    pub pagerank_alpha: f64,
    /// Maximum power iterations for PageRank and eigenvector centrality (networkx: 100).
    pub max_iter: usize,
    /// Convergence tolerance, per node (networkx: 1e-6).
    pub tol: f64,
    /// Seed of the community detection.
    pub seed: u64,
    /// Modularity resolution (1 = standard modularity).
    pub resolution: f64,
}

impl Default for CentralityParams {
    fn default() -> Self {
        CentralityParams {
            pagerank_alpha: 0.85,
            max_iter: 100,
            tol: 1e-6,
            seed: 42,
            resolution: 1.0,
        }
    }
}

/// All scores of one node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeScores {
    /// Actor IRI.
    pub iri: String,
    /// Actor label.
    pub label: String,
    /// Agency or Country.
    pub etype: EntityType,
    /// Number of operations the actor took part in.
    pub operations: usize,
    /// Number of neighbours.
    pub degree: usize,
    /// Degree / (n − 1).
    pub degree_centrality: f64,
    /// Sum of the weights of the node's edges (shared operations, counted per partner).
    pub strength: f64,
    /// Normalised shortest-path betweenness, unweighted.
    pub betweenness: f64,
    /// Normalised betweenness with distance = 1 / weight.
    pub betweenness_weighted: f64,
    /// Closeness with Wasserman–Faust scaling for disconnected graphs.
    pub closeness: f64,
    /// Weighted eigenvector centrality (unit Euclidean norm); `None` if the power
    /// iteration did not converge within `max_iter`.
    pub eigenvector: Option<f64>,
    /// Weighted PageRank (sums to 1).
    pub pagerank: f64,
    /// Community id: 0 is the largest community (ties: the one with the smallest node).
    pub community: usize,
}

/// A numeric score, to sort by, size nodes by, or pick in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Operations,
    Degree,
    DegreeCentrality,
    Strength,
    Betweenness,
    BetweennessWeighted,
    Closeness,
    Eigenvector,
    Pagerank,
}

impl Metric {
    /// Every metric, in table order.
    pub const ALL: [Metric; 9] = [
        Metric::Operations,
        Metric::Degree,
        Metric::DegreeCentrality,
        Metric::Strength,
        Metric::Betweenness,
        Metric::BetweennessWeighted,
        Metric::Closeness,
        Metric::Eigenvector,
        Metric::Pagerank,
    ];

    /// The snake_case name, also the column and attribute name in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Operations => "operations",
            Metric::Degree => "degree",
            Metric::DegreeCentrality => "degree_centrality",
            Metric::Strength => "strength",
            Metric::Betweenness => "betweenness",
            Metric::BetweennessWeighted => "betweenness_weighted",
            Metric::Closeness => "closeness",
            Metric::Eigenvector => "eigenvector",
            Metric::Pagerank => "pagerank",
        }
    }

    /// The value of this metric in `s` (a non-converged eigenvector counts as 0).
    pub fn value(self, s: &NodeScores) -> f64 {
        match self {
            Metric::Operations => s.operations as f64,
            Metric::Degree => s.degree as f64,
            Metric::DegreeCentrality => s.degree_centrality,
            Metric::Strength => s.strength,
            Metric::Betweenness => s.betweenness,
            Metric::BetweennessWeighted => s.betweenness_weighted,
            Metric::Closeness => s.closeness,
            Metric::Eigenvector => s.eigenvector.unwrap_or(0.0),
            Metric::Pagerank => s.pagerank,
        }
    }

    /// Whether the value is a count (written as an integer).
    pub fn is_integer(self) -> bool {
        matches!(self, Metric::Operations | Metric::Degree)
    }
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Metric {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        match norm.as_str() {
            "ops" => return Ok(Metric::Operations),
            "weighted_degree" => return Ok(Metric::Strength),
            "eigen" => return Ok(Metric::Eigenvector),
            "page_rank" => return Ok(Metric::Pagerank),
            _ => {}
        }
        Metric::ALL.into_iter().find(|m| m.as_str() == norm).ok_or_else(|| {
            let names: Vec<&str> = Metric::ALL.iter().map(|m| m.as_str()).collect();
            format!("unknown metric {s:?} (one of {})", names.join(", "))
        })
    }
}

/// Scores every node of `net`, in node-index order (= IRI order).
pub fn centrality(net: &CollabNetwork, params: &CentralityParams) -> Vec<NodeScores> {
    let g = &net.graph;
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let degree: Vec<usize> = g.node_indices().map(|i| g.neighbors(i).count()).collect();
    let strength = strengths(net);
    let betweenness = rustworkx_core::centrality::betweenness_centrality(g, false, true, usize::MAX);
    let betweenness_weighted = weighted_betweenness(net);
    let closeness = rustworkx_core::centrality::closeness_centrality(g, true, usize::MAX);
    let eigen = eigenvector(net, params.max_iter, params.tol);
    let pr = pagerank(net, params.pagerank_alpha, params.max_iter, params.tol);
    let community = super::community::communities(net, params.seed, params.resolution);

    g.node_indices()
        .map(|ix| {
            let i = ix.index();
            let node = &g[ix];
            NodeScores {
                iri: node.iri.clone(),
                label: node.label.clone(),
                etype: node.etype,
                operations: node.operations,
                degree: degree[i],
                degree_centrality: if n <= 1 { 1.0 } else { degree[i] as f64 / (n - 1) as f64 },
                strength: strength[i],
                betweenness: betweenness.get(i).copied().flatten().unwrap_or(0.0),
                betweenness_weighted: betweenness_weighted[i],
                closeness: closeness.get(i).copied().flatten().unwrap_or(0.0),
                eigenvector: eigen.as_ref().and_then(|e| e.get(i).copied()),
                pagerank: pr[i],
                community: community.get(i).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// Weighted degree of every node.
pub fn strengths(net: &CollabNetwork) -> Vec<f64> {
    let g = &net.graph;
    g.node_indices()
        .map(|i| g.edges(i).map(|e| e.weight().weight).sum())
        .collect()
}

/// Weighted eigenvector centrality, as networkx computes it (power iteration on
/// A + I from a uniform start, unit Euclidean norm, stop when the L1 change is below
/// `n · tol`). `None` when it does not converge within `max_iter` iterations.
pub fn eigenvector(net: &CollabNetwork, max_iter: usize, tol: f64) -> Option<Vec<f64>> {
    let result: Result<Option<Vec<f64>>, std::convert::Infallible> = rustworkx_core::centrality::eigenvector_centrality(
        &net.graph,
        |e| Ok(e.weight().weight),
        Some(max_iter),
        Some(tol),
    );
    result.ok().flatten()
}

/// Weighted PageRank with networkx semantics: the transition probability along an
/// edge is its weight over the node's strength; nodes without edges (dangling) spread
/// their rank uniformly; start and teleport vectors are uniform; iteration stops when
/// the L1 change is below `n · tol`, or after `max_iter` iterations (then the last
/// iterate is returned).
pub fn pagerank(net: &CollabNetwork, alpha: f64, max_iter: usize, tol: f64) -> Vec<f64> {
    let g = &net.graph;
    let n = g.node_count();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let strength = strengths(net);
    // adjacency as (neighbour, weight / strength of the row node) lists
    let out: Vec<Vec<(usize, f64)>> = g
        .node_indices()
        .map(|i| {
            let s = strength[i.index()];
            g.edges(i)
                .map(|e| {
                    let other = if e.source() == i { e.target() } else { e.source() };
                    (other.index(), if s != 0.0 { e.weight().weight / s } else { 0.0 })
                })
                .collect()
        })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|&i| strength[i] == 0.0).collect();
    let mut x = vec![1.0 / nf; n];
    for _ in 0..max_iter.max(1) {
        let dangling_sum: f64 = dangling.iter().map(|&i| x[i]).sum();
        let mut next = vec![0.0; n];
        for (i, row) in out.iter().enumerate() {
            for &(j, p) in row {
                next[j] += x[i] * p;
            }
        }
        for v in next.iter_mut() {
            *v = alpha * (*v + dangling_sum / nf) + (1.0 - alpha) / nf;
        }
        let err: f64 = next.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = next;
        if err < nf * tol {
            break;
        }
    }
    x
}

/// A Dijkstra queue entry: smallest distance first, then first pushed.
#[derive(PartialEq)]
struct Entry {
    dist: f64,
    seq: usize,
    pred: usize,
    node: usize,
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // reversed: BinaryHeap is a max-heap
        other.dist.total_cmp(&self.dist).then_with(|| other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Normalised betweenness with edge length = 1 / weight (Brandes 2001 over Dijkstra,
/// equal-length paths detected by exact float equality, as networkx does).
pub fn weighted_betweenness(net: &CollabNetwork) -> Vec<f64> {
    let g = &net.graph;
    let n = g.node_count();
    let adj: Vec<Vec<(usize, f64)>> = g
        .node_indices()
        .map(|i| {
            g.edges(i)
                .map(|e| {
                    let other = if e.source() == i { e.target() } else { e.source() };
                    let w = e.weight().weight;
                    (other.index(), if w > 0.0 { 1.0 / w } else { f64::INFINITY })
                })
                .collect()
        })
        .collect();

    let mut bc = vec![0.0; n];
    let mut sigma = vec![0.0f64; n];
    let mut preds: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut dist: Vec<Option<f64>> = vec![None; n];
    let mut seen: Vec<Option<f64>> = vec![None; n];
    let mut delta = vec![0.0; n];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut heap = BinaryHeap::new();
    for s in 0..n {
        sigma.iter_mut().for_each(|v| *v = 0.0);
        preds.iter_mut().for_each(Vec::clear);
        dist.iter_mut().for_each(|v| *v = None);
        seen.iter_mut().for_each(|v| *v = None);
        order.clear();
        heap.clear();
        let mut seq = 0;
        sigma[s] = 1.0;
        seen[s] = Some(0.0);
        heap.push(Entry {
            dist: 0.0,
            seq,
            pred: s,
            node: s,
        });
        while let Some(Entry {
            dist: d, pred, node: v, ..
        }) = heap.pop()
        {
            if dist[v].is_some() {
                continue;
            }
            if pred != v {
                sigma[v] += sigma[pred];
            }
            order.push(v);
            dist[v] = Some(d);
            for &(w, len) in &adj[v] {
                if !len.is_finite() {
                    continue;
                }
                let vw = d + len;
                let better = match seen[w] {
                    None => true,
                    Some(old) => vw < old,
                };
                if dist[w].is_none() && better {
                    seen[w] = Some(vw);
                    seq += 1;
                    heap.push(Entry {
                        dist: vw,
                        seq,
                        pred: v,
                        node: w,
                    });
                    sigma[w] = 0.0;
                    preds[w].clear();
                    preds[w].push(v);
                } else if seen[w] == Some(vw) {
                    sigma[w] += sigma[v];
                    preds[w].push(v);
                }
            }
        }
        for &v in &order {
            delta[v] = 0.0;
        }
        while let Some(w) = order.pop() {
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in &preds[w] {
                delta[v] += sigma[v] * coeff;
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
    }
    if n > 2 {
        let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
        bc.iter_mut().for_each(|b| *b *= scale);
    }
    bc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::test_support::net_from_edges;

    #[test]
    fn path_of_three() {
        let net = net_from_edges(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        let s = centrality(&net, &CentralityParams::default());
        assert_eq!(s[1].degree, 2);
        assert!((s[1].betweenness - 1.0).abs() < 1e-12);
        assert!((s[1].betweenness_weighted - 1.0).abs() < 1e-12);
        assert!((s[0].closeness - 2.0 / 3.0).abs() < 1e-12);
        assert!((s[1].closeness - 1.0).abs() < 1e-12);
        let total: f64 = s.iter().map(|x| x.pagerank).sum();
        assert!((total - 1.0).abs() < 1e-9);
        // eigenvector of a path of 3: (1, √2, 1) / 2
        assert!((s[1].eigenvector.unwrap() - std::f64::consts::FRAC_1_SQRT_2).abs() < 1e-5);
    }

    #[test]
    fn weights_reroute_weighted_betweenness() {
        // square 0-1-2-3-0 where 0-1-2 is strong: 1 lies on the only weighted shortest
        // path between 0 and 2, while unweighted there are two
        let net = net_from_edges(4, &[(0, 1, 4.0), (1, 2, 4.0), (2, 3, 1.0), (3, 0, 1.0)]);
        let s = centrality(&net, &CentralityParams::default());
        assert!((s[1].betweenness - 1.0 / 6.0).abs() < 1e-12);
        // lengths 1/w: 0–2 goes through 1 (0.5 < 2); 1–3 ties through 0 and 2
        assert!((s[1].betweenness_weighted - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s[3].betweenness_weighted, 0.0);
    }

    #[test]
    fn lone_node_and_isolates() {
        let net = net_from_edges(1, &[]);
        let s = centrality(&net, &CentralityParams::default());
        assert_eq!(s[0].degree_centrality, 1.0);
        assert_eq!(s[0].closeness, 0.0);
        assert_eq!(s[0].pagerank, 1.0);
        assert_eq!(s[0].eigenvector, Some(1.0));
        assert!(centrality(&CollabNetwork::default(), &CentralityParams::default()).is_empty());

        let net = net_from_edges(3, &[(0, 1, 2.0)]);
        let s = centrality(&net, &CentralityParams::default());
        assert_eq!(s[2].degree, 0);
        assert_eq!(s[2].closeness, 0.0);
        // closeness with WF scaling: 1/1 * (1/2)
        assert!((s[0].closeness - 0.5).abs() < 1e-12);
        assert_ne!(s[0].community, s[2].community);
        assert_eq!(s[0].community, s[1].community);
        assert_eq!(s[0].community, 0);
    }

    #[test]
    fn metric_names_parse_back() {
        for m in Metric::ALL {
            assert_eq!(m.as_str().parse::<Metric>(), Ok(m));
        }
        assert_eq!("PageRank".parse::<Metric>(), Ok(Metric::Pagerank));
        assert!("nope".parse::<Metric>().is_err());
    }
}

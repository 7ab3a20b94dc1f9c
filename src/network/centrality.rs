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
//! The measures run on a compact adjacency, on all cores (see [`super::paths`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::paths::{self, Csr};
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
    let csr = Csr::new(net);
    let strength = csr.strengths();
    let betweenness = paths::betweenness(&csr);
    let betweenness_weighted = paths::weighted_betweenness(&csr);
    let closeness = paths::closeness(&csr);
    let eigen = paths::eigenvector(&csr, params.max_iter, params.tol);
    let pr = paths::pagerank(&csr, params.pagerank_alpha, params.max_iter, params.tol);
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
                betweenness: betweenness[i],
                betweenness_weighted: betweenness_weighted[i],
                closeness: closeness[i],
                eigenvector: eigen.as_ref().and_then(|e| e.get(i).copied()),
                pagerank: pr[i],
                community: community.get(i).copied().unwrap_or(0),
            }
        })
        .collect()
}

/// Weighted degree of every node.
pub fn strengths(net: &CollabNetwork) -> Vec<f64> {
    Csr::new(net).strengths()
}

/// Normalised unweighted betweenness ([`paths::betweenness`]).
pub fn betweenness(net: &CollabNetwork) -> Vec<f64> {
    paths::betweenness(&Csr::new(net))
}

/// Closeness with Wasserman–Faust scaling ([`paths::closeness`]).
pub fn closeness(net: &CollabNetwork) -> Vec<f64> {
    paths::closeness(&Csr::new(net))
}

/// Normalised betweenness with distance = 1 / weight ([`paths::weighted_betweenness`]).
pub fn weighted_betweenness(net: &CollabNetwork) -> Vec<f64> {
    paths::weighted_betweenness(&Csr::new(net))
}

/// Weighted eigenvector centrality as networkx computes it ([`paths::eigenvector`]);
/// `None` when it does not converge within `max_iter` iterations.
pub fn eigenvector(net: &CollabNetwork, max_iter: usize, tol: f64) -> Option<Vec<f64>> {
    paths::eigenvector(&Csr::new(net), max_iter, tol)
}

/// Weighted PageRank with networkx semantics ([`paths::pagerank`]).
pub fn pagerank(net: &CollabNetwork, alpha: f64, max_iter: usize, tol: f64) -> Vec<f64> {
    paths::pagerank(&Csr::new(net), alpha, max_iter, tol)
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

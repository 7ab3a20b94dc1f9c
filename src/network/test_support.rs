//! Small networks for unit tests.

use std::collections::BTreeSet;

use petgraph::graph::NodeIndex;

use super::{ActorNode, CollabEdge, CollabNetwork};
use crate::model::EntityType;

/// A network of `n` agencies `n000`, `n001`... with the given weighted edges.
pub(crate) fn net_from_edges(n: usize, edges: &[(usize, usize, f64)]) -> CollabNetwork {
    let mut net = CollabNetwork::default();
    for i in 0..n {
        net.graph.add_node(ActorNode {
            iri: format!("n{i:03}"),
            label: format!("N{i}"),
            etype: if i % 3 == 2 {
                EntityType::Country
            } else {
                EntityType::Agency
            },
            country: None,
            operations: 1,
            years: BTreeSet::from([2018]),
        });
    }
    for &(a, b, w) in edges {
        net.graph.add_edge(
            NodeIndex::new(a),
            NodeIndex::new(b),
            CollabEdge {
                weight: w,
                operations: vec![format!("op{a}-{b}")],
                years: BTreeSet::from([2018]),
            },
        );
    }
    net
}

/// Two disjoint triangles 0-1-2 and 3-4-5.
pub(crate) fn two_triangles() -> CollabNetwork {
    net_from_edges(
        6,
        &[
            (0, 1, 1.0),
            (1, 2, 1.0),
            (0, 2, 1.0),
            (3, 4, 1.0),
            (4, 5, 1.0),
            (3, 5, 1.0),
        ],
    )
}

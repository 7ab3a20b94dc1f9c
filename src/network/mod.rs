//! The agency-collaboration network: projection, centrality, communities.
//!
//! The integrator fills a [`NetworkInput`] from the store (actors with their type,
//! country and parent agency; operations with their dates and the entities that took
//! part in them, each with its [`Role`]). From it:
//!
//! * [`project()`] builds the one-mode [`CollabNetwork`]: one node per actor (agency or
//!   country) that took part in at least one kept operation, one edge per pair of
//!   actors that shared at least one operation, weighted by the number of shared
//!   operations; [`bipartite`] builds the two-mode actor–operation graph;
//! * [`centrality()`] scores every node (degree, strength, betweenness, closeness,
//!   eigenvector, PageRank, community) with the semantics of networkx, so that the
//!   numbers can be checked against it;
//! * [`windows`] repeats both over consecutive time windows ("1y", "6m"...) so that
//!   one sees how an actor's centrality moved over the years;
//! * [`layout()`] places the nodes (seeded Fruchterman–Reingold) for the GEXF and SVG
//!   exports in [`crate::export`];
//! * [`scores_table`] prints the scores as an aligned table, CSV or JSON.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use petgraph::graph::{NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};

use crate::model::{EntityType, PartialDate, Role};

pub mod centrality;
pub mod community;
pub mod layout;
pub mod paths;
pub mod project;
pub mod report;
pub mod style;
#[cfg(test)]
pub(crate) mod test_support;
pub mod window;

pub use centrality::{centrality, CentralityParams, Metric, NodeScores};
pub use community::{communities, modularity};
pub use layout::{layout, LayoutParams};
pub use project::{bipartite, project, BipartiteGraph, BipartiteNode};
pub use report::{scores_table, scores_table_with, TableFormat, TableOptions};
pub use window::{windows, WindowResult, WindowSpec, WindowUnit};

/// An entity that may become a node of the collaboration network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorInfo {
    /// IRI of the entity in the store.
    pub iri: String,
    /// Preferred label.
    pub label: String,
    /// Entity type; only [`EntityType::is_actor`] types become nodes.
    pub etype: EntityType,
    /// Label of the actor's country, when known.
    pub country: Option<String>,
    /// IRI of the parent agency, for units (used by [`ProjectionOptions::fold_units`]).
    pub parent: Option<String>,
}

/// One (corpus-level) operation with the entities that took part in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperationRecord {
    /// IRI of the operation in the store.
    pub iri: String,
    /// Human label of the operation.
    pub label: String,
    /// Start date, at the precision known.
    pub start: Option<PartialDate>,
    /// End date, at the precision known.
    pub end: Option<PartialDate>,
    /// `(entity IRI, role)` pairs; an entity may appear with several roles.
    pub actors: Vec<(String, Role)>,
}

/// Everything the network analysis needs from the store.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkInput {
    /// Known entities by IRI (operations may name entities that are not here: those
    /// are not actors).
    pub actors: BTreeMap<String, ActorInfo>,
    /// The operations.
    pub operations: Vec<OperationRecord>,
}

/// Which operations and which actors make the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectionOptions {
    /// Roles that count as taking part; `None` = [`ProjectionOptions::DEFAULT_ROLES`].
    pub roles: Option<BTreeSet<Role>>,
    /// Keep actors of type [`EntityType::Country`] (default true).
    pub include_countries: bool,
    /// Map a unit to its (top-most known) parent agency.
    pub fold_units: bool,
    /// Keep operations whose start falls on or after this day (the first day a partial
    /// date covers is its day: `2019` starts on 2019-01-01).
    pub from: Option<NaiveDate>,
    /// Keep operations whose start falls on or before this day. Undated operations are
    /// kept only when neither bound is set.
    pub to: Option<NaiveDate>,
}

impl ProjectionOptions {
    /// The roles that make an actor part of an operation when none are given.
    pub const DEFAULT_ROLES: [Role; 4] = [Role::LedBy, Role::CoordinatedBy, Role::SupportedBy, Role::Participant];

    /// Does an entity with this role count as taking part?
    pub fn accepts_role(&self, role: Role) -> bool {
        match &self.roles {
            Some(roles) => roles.contains(&role),
            None => Self::DEFAULT_ROLES.contains(&role),
        }
    }

    /// Is an operation starting on `start` within the `[from, to]` bounds?
    pub fn accepts_start(&self, start: Option<&PartialDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(day) = start.and_then(PartialDate::first_day) else {
            return false;
        };
        self.from.is_none_or(|f| day >= f) && self.to.is_none_or(|t| day <= t)
    }
}

impl Default for ProjectionOptions {
    fn default() -> Self {
        ProjectionOptions {
            roles: None,
            include_countries: true,
            fold_units: false,
            from: None,
            to: None,
        }
    }
}

/// A node of the collaboration network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorNode {
    /// IRI of the actor (after folding units, the parent's).
    pub iri: String,
    /// Preferred label.
    pub label: String,
    /// Agency or Country.
    pub etype: EntityType,
    /// Country label, when known.
    pub country: Option<String>,
    /// Number of kept operations the actor took part in.
    pub operations: usize,
    /// Years in which those operations ran (start year to end year).
    pub years: BTreeSet<i32>,
}

/// An edge of the collaboration network: the operations two actors shared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollabEdge {
    /// Number of shared operations (as f64, the edge weight of every algorithm).
    pub weight: f64,
    /// IRIs of the shared operations, sorted.
    pub operations: Vec<String>,
    /// Years in which the shared operations ran.
    pub years: BTreeSet<i32>,
}

/// The one-mode actor network. Nodes are added in IRI order, so node index `i` is the
/// `i`-th actor by IRI, and edges are added in `(source, target)` index order.
#[derive(Debug, Clone, Default)]
pub struct CollabNetwork {
    /// The undirected graph.
    pub graph: UnGraph<ActorNode, CollabEdge>,
}

impl CollabNetwork {
    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The index of the node with this IRI.
    pub fn node_index(&self, iri: &str) -> Option<NodeIndex> {
        // nodes are sorted by IRI
        let nodes = self.graph.raw_nodes();
        nodes
            .binary_search_by(|n| n.weight.iri.as_str().cmp(iri))
            .ok()
            .map(NodeIndex::new)
    }

    /// The node data, in index order.
    pub fn nodes(&self) -> impl Iterator<Item = &ActorNode> {
        self.graph.raw_nodes().iter().map(|n| &n.weight)
    }

    /// The edge between two actors, by IRI.
    pub fn edge(&self, a: &str, b: &str) -> Option<&CollabEdge> {
        let (a, b) = (self.node_index(a)?, self.node_index(b)?);
        let e = self.graph.find_edge(a, b)?;
        self.graph.edge_weight(e)
    }

    /// The edges as `(source index, target index, data)` with `source < target`, in
    /// insertion order.
    pub fn edges(&self) -> impl Iterator<Item = (usize, usize, &CollabEdge)> {
        self.graph.raw_edges().iter().map(|e| {
            let (s, t) = (e.source().index(), e.target().index());
            (s.min(t), s.max(t), &e.weight)
        })
    }

    /// Years in which any node was active, sorted.
    pub fn years(&self) -> BTreeSet<i32> {
        self.nodes().flat_map(|n| n.years.iter().copied()).collect()
    }
}

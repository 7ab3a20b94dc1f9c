//! From operations to networks: the one-mode actor projection and the two-mode
//! actor–operation graph.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::graph::{NodeIndex, UnGraph};
use serde::{Deserialize, Serialize};

use super::{ActorInfo, ActorNode, CollabEdge, CollabNetwork, NetworkInput, OperationRecord, ProjectionOptions};
use crate::model::{EntityType, PartialDate, Role};

/// The actor an entity IRI stands for under `opts`, or `None` when it is not an actor
/// (not in `input.actors`, not an agency/country, or a country while countries are
/// left out). With `fold_units`, a unit is replaced by its top-most known parent.
fn resolve<'a>(input: &'a NetworkInput, opts: &ProjectionOptions, iri: &str) -> Option<&'a ActorInfo> {
    let mut info = input.actors.get(iri)?;
    if opts.fold_units {
        // follow the parent chain while the parent is a known actor; a cycle ends it
        let mut seen = BTreeSet::new();
        seen.insert(info.iri.as_str());
        while let Some(parent) = info.parent.as_deref() {
            match input.actors.get(parent) {
                Some(p) if p.etype.is_actor() && seen.insert(p.iri.as_str()) => info = p,
                _ => break,
            }
        }
    }
    if !info.etype.is_actor() || (!opts.include_countries && info.etype == EntityType::Country) {
        return None;
    }
    Some(info)
}

/// The years an operation ran: from its start year to its end year (just the start
/// year when the end is unknown or before it; none when undated).
fn op_years(op: &OperationRecord) -> BTreeSet<i32> {
    let Some(start) = op.start.as_ref().map(PartialDate::year) else {
        return op.end.iter().map(PartialDate::year).collect();
    };
    let end = op.end.as_ref().map(PartialDate::year).unwrap_or(start).max(start);
    // guard against absurd spans from bad data
    let end = end.min(start + 100);
    (start..=end).collect()
}

/// The distinct actors of one operation, by IRI, with the roles they played.
type OpActors<'a> = BTreeMap<&'a str, (&'a ActorInfo, BTreeSet<Role>)>;

/// Shared operations and years of an actor pair.
type PairData<'a> = (BTreeSet<&'a str>, BTreeSet<i32>);

/// The kept operations with their distinct actors (sorted by IRI).
fn kept_operations<'a>(input: &'a NetworkInput, opts: &ProjectionOptions) -> Vec<(&'a OperationRecord, OpActors<'a>)> {
    let mut out = Vec::new();
    for op in &input.operations {
        if !opts.accepts_start(op.start.as_ref()) {
            continue;
        }
        let mut actors: OpActors = BTreeMap::new();
        for (iri, role) in &op.actors {
            if !opts.accepts_role(*role) {
                continue;
            }
            if let Some(info) = resolve(input, opts, iri) {
                actors
                    .entry(info.iri.as_str())
                    .or_insert_with(|| (info, BTreeSet::new()))
                    .1
                    .insert(*role);
            }
        }
        if !actors.is_empty() {
            out.push((op, actors));
        }
    }
    out
}

/// Projects the operations onto the actors.
///
/// Nodes are the actors that took part (with a role `opts` accepts) in at least one
/// kept operation, sorted by IRI; an edge joins two actors that shared at least one
/// operation, its weight being the number of shared operations. An actor named twice
/// in one operation (two roles, or a unit folded onto its parent) counts once.
pub fn project(input: &NetworkInput, opts: &ProjectionOptions) -> CollabNetwork {
    let ops = kept_operations(input, opts);

    let mut nodes: BTreeMap<&str, ActorNode> = BTreeMap::new();
    let mut pairs: BTreeMap<(&str, &str), PairData> = BTreeMap::new();
    for (op, actors) in &ops {
        let years = op_years(op);
        for (iri, (info, _)) in actors {
            let node = nodes.entry(iri).or_insert_with(|| ActorNode {
                iri: info.iri.clone(),
                label: info.label.clone(),
                etype: info.etype,
                country: info.country.clone(),
                operations: 0,
                years: BTreeSet::new(),
            });
            node.operations += 1;
            node.years.extend(years.iter().copied());
        }
        let iris: Vec<&str> = actors.keys().copied().collect();
        for (i, a) in iris.iter().enumerate() {
            for b in &iris[i + 1..] {
                let entry = pairs.entry((a, b)).or_default();
                entry.0.insert(op.iri.as_str());
                entry.1.extend(years.iter().copied());
            }
        }
    }

    let mut graph = UnGraph::with_capacity(nodes.len(), pairs.len());
    let mut index: BTreeMap<&str, NodeIndex> = BTreeMap::new();
    for (iri, node) in nodes {
        index.insert(iri, graph.add_node(node));
    }
    for ((a, b), (operations, years)) in pairs {
        if let (Some(&ia), Some(&ib)) = (index.get(a), index.get(b)) {
            graph.add_edge(
                ia,
                ib,
                CollabEdge {
                    weight: operations.len() as f64,
                    operations: operations.into_iter().map(str::to_owned).collect(),
                    years,
                },
            );
        }
    }
    CollabNetwork { graph }
}

/// A node of the two-mode graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BipartiteNode {
    /// An actor (agency or country).
    Actor {
        iri: String,
        label: String,
        etype: EntityType,
    },
    /// An operation.
    Operation {
        iri: String,
        label: String,
        start: Option<PartialDate>,
    },
}

impl BipartiteNode {
    /// The IRI of the actor or operation.
    pub fn iri(&self) -> &str {
        match self {
            BipartiteNode::Actor { iri, .. } | BipartiteNode::Operation { iri, .. } => iri,
        }
    }
}

/// The actor–operation graph; an edge carries the roles (sorted) the actor played.
pub type BipartiteGraph = UnGraph<BipartiteNode, Vec<Role>>;

/// The two-mode graph: actors first (sorted by IRI), then the kept operations that have
/// at least one actor (in input order); one edge per actor and operation.
pub fn bipartite(input: &NetworkInput, opts: &ProjectionOptions) -> BipartiteGraph {
    let ops = kept_operations(input, opts);
    let mut graph = BipartiteGraph::default();
    let actors: BTreeMap<&str, &ActorInfo> = ops
        .iter()
        .flat_map(|(_, a)| a.iter().map(|(iri, (info, _))| (*iri, *info)))
        .collect();
    let mut index = BTreeMap::new();
    for (iri, info) in actors {
        let ix = graph.add_node(BipartiteNode::Actor {
            iri: info.iri.clone(),
            label: info.label.clone(),
            etype: info.etype,
        });
        index.insert(iri, ix);
    }
    for (op, actors) in ops {
        let o = graph.add_node(BipartiteNode::Operation {
            iri: op.iri.clone(),
            label: op.label.clone(),
            start: op.start,
        });
        for (iri, (_, roles)) in actors {
            if let Some(&a) = index.get(iri) {
                graph.add_edge(a, o, roles.into_iter().collect());
            }
        }
    }
    graph
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn actor(iri: &str, etype: EntityType, parent: Option<&str>) -> (String, ActorInfo) {
        (
            iri.to_owned(),
            ActorInfo {
                iri: iri.to_owned(),
                label: iri.trim_start_matches("ex:").to_uppercase(),
                etype,
                country: None,
                parent: parent.map(str::to_owned),
            },
        )
    }

    fn op(iri: &str, start: Option<PartialDate>, actors: &[(&str, Role)]) -> OperationRecord {
        OperationRecord {
            iri: iri.to_owned(),
            label: iri.to_owned(),
            start,
            end: None,
            actors: actors.iter().map(|(a, r)| ((*a).to_owned(), *r)).collect(),
        }
    }

    /// Europol (with its unit EC3), FBI, Germany (a country), a target group, and a
    /// place; three operations in 2018, 2019 and one undated.
    pub(crate) fn sample() -> NetworkInput {
        let actors = [
            actor("ex:europol", EntityType::Agency, None),
            actor("ex:ec3", EntityType::Agency, Some("ex:europol")),
            actor("ex:fbi", EntityType::Agency, None),
            actor("ex:germany", EntityType::Country, None),
            actor("ex:group", EntityType::Group, None),
            actor("ex:hague", EntityType::Place, None),
        ]
        .into_iter()
        .collect();
        let operations = vec![
            op(
                "ex:op1",
                Some(PartialDate::Day(2018, 4, 25)),
                &[
                    ("ex:ec3", Role::CoordinatedBy),
                    ("ex:fbi", Role::Participant),
                    ("ex:germany", Role::Participant),
                    ("ex:group", Role::Target),
                    ("ex:hague", Role::Location),
                ],
            ),
            op(
                "ex:op2",
                Some(PartialDate::Year(2019)),
                &[
                    ("ex:europol", Role::SupportedBy),
                    ("ex:ec3", Role::SupportedBy),
                    ("ex:fbi", Role::LedBy),
                    ("ex:unknown", Role::Participant),
                ],
            ),
            op(
                "ex:op3",
                None,
                &[("ex:fbi", Role::LedBy), ("ex:germany", Role::Partner)],
            ),
        ];
        NetworkInput { actors, operations }
    }

    #[test]
    fn projects_shared_operations_onto_weighted_edges() {
        let net = project(&sample(), &ProjectionOptions::default());
        let iris: Vec<&str> = net.nodes().map(|n| n.iri.as_str()).collect();
        assert_eq!(iris, ["ex:ec3", "ex:europol", "ex:fbi", "ex:germany"]);
        assert_eq!(net.edge_count(), 5);
        let e = net.edge("ex:ec3", "ex:fbi").unwrap();
        assert_eq!(e.weight, 2.0);
        assert_eq!(e.operations, ["ex:op1", "ex:op2"]);
        assert_eq!(e.years, BTreeSet::from([2018, 2019]));
        assert_eq!(net.edge("ex:fbi", "ex:germany").unwrap().weight, 1.0);
        // op3's partner role is not a default role: Germany and FBI share only op1
        let fbi = &net.graph[net.node_index("ex:fbi").unwrap()];
        assert_eq!(fbi.operations, 3);
        assert_eq!(fbi.years, BTreeSet::from([2018, 2019]));
        assert!(net.node_index("ex:group").is_none());
        assert!(net.node_index("ex:unknown").is_none());
    }

    #[test]
    fn folds_units_and_drops_countries() {
        let opts = ProjectionOptions {
            fold_units: true,
            include_countries: false,
            ..Default::default()
        };
        let net = project(&sample(), &opts);
        let iris: Vec<&str> = net.nodes().map(|n| n.iri.as_str()).collect();
        assert_eq!(iris, ["ex:europol", "ex:fbi"]);
        // op2 names Europol and EC3: one actor after folding, counted once
        assert_eq!(net.graph[NodeIndex::new(0)].operations, 2);
        assert_eq!(net.edge("ex:europol", "ex:fbi").unwrap().weight, 2.0);
    }

    #[test]
    fn role_filter_and_date_bounds() {
        let opts = ProjectionOptions {
            roles: Some(BTreeSet::from([Role::LedBy, Role::Partner])),
            ..Default::default()
        };
        let net = project(&sample(), &opts);
        assert_eq!(net.node_count(), 2);
        assert_eq!(net.edge("ex:fbi", "ex:germany").unwrap().operations, ["ex:op3"]);

        let opts = ProjectionOptions {
            from: NaiveDate::from_ymd_opt(2019, 1, 1),
            ..Default::default()
        };
        let net = project(&sample(), &opts);
        // only op2 (2019): the undated op3 and the 2018 op1 are out
        let iris: Vec<&str> = net.nodes().map(|n| n.iri.as_str()).collect();
        assert_eq!(iris, ["ex:ec3", "ex:europol", "ex:fbi"]);
        assert_eq!(net.edge_count(), 3);
    }

    #[test]
    fn fold_survives_parent_cycles() {
        let mut input = sample();
        if let Some(e) = input.actors.get_mut("ex:europol") {
            e.parent = Some("ex:ec3".into());
        }
        let opts = ProjectionOptions {
            fold_units: true,
            ..Default::default()
        };
        let net = project(&input, &opts);
        assert!(net.node_count() >= 2);
    }

    #[test]
    fn bipartite_links_actors_to_operations() {
        let g = bipartite(&sample(), &ProjectionOptions::default());
        // 4 actors + 3 operations; op1: 3 actors, op2: 3, op3: 1 (FBI)
        assert_eq!(g.node_count(), 7);
        assert_eq!(g.edge_count(), 7);
        let fbi = g.node_indices().find(|&i| g[i].iri() == "ex:fbi").unwrap();
        assert_eq!(g.neighbors(fbi).count(), 3);
    }

    #[test]
    fn empty_input_gives_empty_network() {
        let net = project(&NetworkInput::default(), &ProjectionOptions::default());
        assert_eq!(net.node_count(), 0);
        assert!(net.node_index("x").is_none());
    }
}

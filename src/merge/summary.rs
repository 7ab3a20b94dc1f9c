//! Counts kept next to the merged operations, so the canned queries that rank entities
//! and actors read one triple per entity instead of aggregating every report graph:
//! `?entity opg:reportCount n` (reports that mention it) and `?actor opg:operationCount n`
//! (corpus-level operations it led, coordinated, supported or took part in). Both live in
//! the corpus graph and are rewritten with it: all of them by a full merge, those of the
//! touched entities and actors by an incremental one.
//!
//! The collaboration network is kept the same way, one `opg:Collaboration` node per pair
//! of actors with `opg:sharedOperations`: a full merge writes all of them, an incremental
//! one adds the pairs of the operations it writes and subtracts those of the operations
//! it removes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::error::Result;
use crate::model::Role;
use crate::rdf::vocab::{opg, RDF_TYPE};
use crate::rdf::Iris;
use crate::store::GraphStore;

/// The roles that make an entity an actor of an operation.
pub(crate) const ACTOR_ROLES: [Role; 4] = [Role::LedBy, Role::CoordinatedBy, Role::SupportedBy, Role::Participant];

fn count_quad(subject: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, n: usize, g: &GraphName) -> Quad {
    Quad::new(
        subject.clone(),
        p.into_owned(),
        Literal::from(i64::try_from(n).unwrap_or(i64::MAX)),
        g.clone(),
    )
}

/// Every entity's report count, from one scan of `opg:mentionedIn`.
pub(crate) fn all_report_counts(store: &GraphStore) -> Result<BTreeMap<NamedNode, usize>> {
    let mut reports: HashMap<NamedNode, HashSet<Term>> = HashMap::new();
    for q in store
        .inner()
        .quads_for_pattern(None, Some(opg::MENTIONED_IN), None, None)
    {
        let q = q?;
        if let NamedOrBlankNode::NamedNode(e) = q.subject {
            reports.entry(e).or_default().insert(q.object);
        }
    }
    Ok(reports.into_iter().map(|(e, r)| (e, r.len())).collect())
}

/// The report count of one entity (0 when no report mentions it any more).
pub(crate) fn report_count(store: &GraphStore, entity: &NamedNode) -> Result<usize> {
    store.count(&format!(
        "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE {{ GRAPH ?g {{ <{}> <{}> ?r }} }}",
        entity.as_str(),
        opg::MENTIONED_IN.as_str()
    ))
}

/// The summary quads of a full merge: report counts of every entity and operation
/// counts of every actor of `roles` (operation IRI → its (role, entity) pairs).
pub(crate) fn summary_quads<'a>(
    report_counts: &BTreeMap<NamedNode, usize>,
    roles: impl IntoIterator<Item = (&'a NamedNode, &'a BTreeSet<(Role, String)>)>,
    graph: &GraphName,
) -> Vec<Quad> {
    let mut out: Vec<Quad> = report_counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(e, n)| count_quad(e, opg::REPORT_COUNT, *n, graph))
        .collect();
    let mut ops_of: BTreeMap<&str, BTreeSet<&NamedNode>> = BTreeMap::new();
    for (op, rs) in roles {
        for (r, e) in rs {
            if ACTOR_ROLES.contains(r) {
                ops_of.entry(e.as_str()).or_default().insert(op);
            }
        }
    }
    for (actor, ops) in ops_of {
        if let Ok(a) = NamedNode::new(actor) {
            out.push(count_quad(&a, opg::OPERATION_COUNT, ops.len(), graph));
        }
    }
    out
}

/// The number of corpus-level operations an actor has an actor role in, as stored.
pub(crate) fn operation_count(store: &GraphStore, actor: &NamedNode) -> Result<usize> {
    let roles: Vec<String> = ACTOR_ROLES
        .iter()
        .map(|r| format!("<{}>", opg::role(*r).as_str()))
        .collect();
    store.count(&format!(
        "SELECT (COUNT(DISTINCT ?op) AS ?n) WHERE {{ VALUES ?role {{ {} }} GRAPH <{}> {{ ?op ?role <{}> }} }}",
        roles.join(" "),
        store.iris().corpus_graph().as_str(),
        actor.as_str()
    ))
}

/// Rewrites the summaries of some entities (report counts) and actors (operation counts)
/// from what the store holds now; call it after the corpus graph was updated.
pub(crate) fn refresh(store: &GraphStore, entities: &BTreeSet<NamedNode>, actors: &BTreeSet<NamedNode>) -> Result<()> {
    let corpus = store.iris().corpus_graph();
    let graph = GraphName::NamedNode(corpus.clone());
    let mut remove = Vec::new();
    let mut insert = Vec::new();
    let stored = |s: &NamedNode, p: oxigraph::model::NamedNodeRef<'_>, remove: &mut Vec<Quad>| -> Result<()> {
        for q in store
            .inner()
            .quads_for_pattern(Some(s.as_ref().into()), Some(p), None, Some(corpus.as_ref().into()))
        {
            remove.push(q?);
        }
        Ok(())
    };
    for e in entities {
        stored(e, opg::REPORT_COUNT, &mut remove)?;
        let n = report_count(store, e)?;
        if n > 0 {
            insert.push(count_quad(e, opg::REPORT_COUNT, n, &graph));
        }
    }
    for a in actors {
        stored(a, opg::OPERATION_COUNT, &mut remove)?;
        let n = operation_count(store, a)?;
        if n > 0 {
            insert.push(count_quad(a, opg::OPERATION_COUNT, n, &graph));
        }
    }
    store.apply_changes(&remove, &insert)
}

/// The entities a report graph mentions.
pub(crate) fn entities_of_report(store: &GraphStore, report: &NamedNode) -> Result<BTreeSet<NamedNode>> {
    let mut out = BTreeSet::new();
    for q in store
        .inner()
        .quads_for_pattern(None, Some(opg::MENTIONED_IN), Some(report.as_ref().into()), None)
    {
        if let NamedOrBlankNode::NamedNode(e) = q?.subject {
            out.insert(e);
        }
    }
    Ok(out)
}

/// The distinct actors of one operation's roles.
fn actors_of<'a>(roles: impl IntoIterator<Item = (Role, &'a str)>) -> BTreeSet<&'a str> {
    roles
        .into_iter()
        .filter(|(r, _)| ACTOR_ROLES.contains(r))
        .map(|(_, e)| e)
        .collect()
}

/// Adds `sign` to the weight of every pair of `actors` (keys ordered, smaller IRI first).
fn add_pairs(actors: &BTreeSet<&str>, sign: i64, out: &mut BTreeMap<(String, String), i64>) {
    let list: Vec<&str> = actors.iter().copied().collect();
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            *out.entry(((*a).to_string(), (*b).to_string())).or_default() += sign;
        }
    }
}

/// The collaboration network of a full merge: every pair of actors (the smaller IRI
/// first) with the number of operations both act in.
pub(crate) fn collaboration_weights<'a>(
    ops: impl IntoIterator<Item = &'a BTreeSet<(Role, String)>>,
) -> BTreeMap<(String, String), i64> {
    let mut out = BTreeMap::new();
    for roles in ops {
        add_pairs(&actors_of(roles.iter().map(|(r, e)| (*r, e.as_str()))), 1, &mut out);
    }
    out
}

/// The quads of one collaboration node.
fn collaboration_node_quads(iris: &Iris, a: &str, b: &str, weight: i64, graph: &GraphName, out: &mut Vec<Quad>) {
    let (Ok(na), Ok(nb)) = (NamedNode::new(a), NamedNode::new(b)) else {
        return;
    };
    let node = iris.collaboration(a, b);
    let mut add = |p: oxigraph::model::NamedNodeRef<'_>, o: Term| {
        out.push(Quad::new(node.clone(), p.into_owned(), o, graph.clone()));
    };
    add(RDF_TYPE, opg::COLLABORATION.into_owned().into());
    add(opg::COLLABORATOR, na.into());
    add(opg::COLLABORATOR, nb.into());
    add(opg::SHARED_OPERATIONS, Literal::from(weight).into());
}

/// The collaboration quads of a full merge.
pub(crate) fn collaboration_quads(
    iris: &Iris,
    weights: &BTreeMap<(String, String), i64>,
    graph: &GraphName,
) -> Vec<Quad> {
    let mut out = Vec::with_capacity(weights.len() * 4);
    for ((a, b), w) in weights {
        if *w > 0 {
            collaboration_node_quads(iris, a, b, *w, graph, &mut out);
        }
    }
    out
}

/// How an incremental merge changes the collaboration weights: the pairs of the
/// operations it writes count up, those of the operations it removes count down (an
/// operation removed and written again unchanged cancels out). Both sides are the
/// corpus-graph quads of whole operations, as removed and inserted.
pub(crate) fn collaboration_delta(remove: &[Quad], insert: &[Quad]) -> BTreeMap<(String, String), i64> {
    fn by_operation(quads: &[Quad]) -> BTreeMap<&str, BTreeSet<&str>> {
        let mut out: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for q in quads {
            let role = q.predicate.as_str().strip_prefix(opg::NS).and_then(Role::from_property);
            if let (Some(r), NamedOrBlankNode::NamedNode(op), Term::NamedNode(e)) = (role, &q.subject, &q.object) {
                if ACTOR_ROLES.contains(&r) {
                    out.entry(op.as_str()).or_default().insert(e.as_str());
                }
            }
        }
        out
    }
    let mut delta = BTreeMap::new();
    for actors in by_operation(remove).values() {
        add_pairs(actors, -1, &mut delta);
    }
    for actors in by_operation(insert).values() {
        add_pairs(actors, 1, &mut delta);
    }
    delta.retain(|_, d| *d != 0);
    delta
}

/// Applies [`collaboration_delta`] to the stored collaboration nodes, in one transaction.
pub(crate) fn apply_collaboration_delta(store: &GraphStore, delta: &BTreeMap<(String, String), i64>) -> Result<()> {
    if delta.is_empty() {
        return Ok(());
    }
    let iris = store.iris();
    let corpus = iris.corpus_graph();
    let graph = GraphName::NamedNode(corpus.clone());
    let (mut remove, mut insert) = (Vec::new(), Vec::new());
    for ((a, b), d) in delta {
        let node = iris.collaboration(a, b);
        let mut weight = 0;
        for q in store
            .inner()
            .quads_for_pattern(Some(node.as_ref().into()), None, None, Some(corpus.as_ref().into()))
        {
            let q = q?;
            if q.predicate.as_ref() == opg::SHARED_OPERATIONS {
                if let Term::Literal(l) = &q.object {
                    weight = l.value().parse::<i64>().unwrap_or(0);
                }
            }
            remove.push(q);
        }
        let weight = weight + d;
        if weight > 0 {
            collaboration_node_quads(iris, a, b, weight, &graph, &mut insert);
        }
    }
    store.apply_changes(&remove, &insert)
}

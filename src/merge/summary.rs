//! Counts kept next to the merged operations, so the canned queries that rank entities
//! and actors read one triple per entity instead of aggregating every report graph:
//! `?entity opg:reportCount n` (reports that mention it) and `?actor opg:operationCount n`
//! (corpus-level operations it led, coordinated, supported or took part in). Both live in
//! the corpus graph and are rewritten with it: all of them by a full merge, those of the
//! touched entities and actors by an incremental one.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::error::Result;
use crate::model::Role;
use crate::rdf::vocab::opg;
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

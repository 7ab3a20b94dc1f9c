//! Counts kept next to the merged operations, so the canned queries that rank entities
//! and actors read one triple per entity instead of aggregating every report graph:
//! `?entity opg:reportCount n` (reports that mention it) and `?actor opg:operationCount n`
//! (corpus-level operations it led, coordinated, supported or took part in). Both live in
//! the corpus graph and are written with it by a full merge; an incremental one adds
//! what changed (+1 for each entity of an added report, ±1 for each actor of an
//! operation written or removed) and recounts the entities of dropped report graphs.
//!
//! Next to its report count, each entity has a card in the corpus graph: one `rdfs:label`
//! and one `rdf:type`, from the gazetteer when it knows the entity, else from a report
//! graph that names it. A minted name told by 6,000 reports is labelled and typed in each
//! of their graphs, so reading its name through the union of all graphs gives 6,000 rows
//! (and a label joined with a type 36 million); the card gives one.
//!
//! The collaboration network is kept the same way, one `opg:Collaboration` node per pair
//! of actors with `opg:sharedOperations`: a full merge writes all of them, an incremental
//! one adds the pairs of the operations it writes and subtracts those of the operations
//! it removes.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::error::Result;
use crate::model::Role;
use crate::rdf::vocab::{opg, rdfs::LABEL, RDF_TYPE};
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

/// An entity's card (see the module doc): its label and type, copied into `graph`.
fn card_quads(store: &GraphStore, entity: &NamedNode, graph: &GraphName, out: &mut Vec<Quad>) -> Result<()> {
    let is_class = |t: &Term| {
        crate::model::EntityType::ALL
            .iter()
            .any(|c| matches!(t, Term::NamedNode(n) if n.as_ref() == opg::class(*c)))
    };
    let label = first_object(store, entity, LABEL, |t| matches!(t, Term::Literal(_)))?;
    let class = first_object(store, entity, RDF_TYPE, is_class)?;
    for (p, o) in [(LABEL, label), (RDF_TYPE, class)] {
        if let Some(o) = o {
            out.push(Quad::new(entity.clone(), p.into_owned(), o, graph.clone()));
        }
    }
    Ok(())
}

/// The first object of `p` about `entity` that `fits`: the gazetteer's, else one from any
/// graph but the corpus graph (which holds the card itself).
fn first_object(
    store: &GraphStore,
    entity: &NamedNode,
    p: oxigraph::model::NamedNodeRef<'_>,
    fits: impl Fn(&Term) -> bool,
) -> Result<Option<Term>> {
    let iris = store.iris();
    let (gazetteer, corpus) = (iris.gazetteer_graph(), iris.corpus_graph());
    for g in [Some(gazetteer.as_ref().into()), None] {
        for q in store
            .inner()
            .quads_for_pattern(Some(entity.as_ref().into()), Some(p), None, g)
        {
            let q = q?;
            if fits(&q.object) && q.graph_name.as_ref() != corpus.as_ref().into() {
                return Ok(Some(q.object));
            }
        }
    }
    Ok(None)
}

/// The cards of entities (see the module doc).
pub(crate) fn card_quads_of<'a>(
    store: &GraphStore,
    entities: impl IntoIterator<Item = &'a NamedNode>,
    graph: &GraphName,
) -> Result<Vec<Quad>> {
    let mut out = Vec::new();
    for e in entities {
        card_quads(store, e, graph, &mut out)?;
    }
    Ok(out)
}

/// Replaces the card of an entity whose report count is now `n` (none when 0).
fn refresh_card(
    store: &GraphStore,
    entity: &NamedNode,
    n: usize,
    remove: &mut Vec<Quad>,
    insert: &mut Vec<Quad>,
) -> Result<()> {
    let corpus = store.iris().corpus_graph();
    for p in [LABEL, RDF_TYPE] {
        for q in store.inner().quads_for_pattern(
            Some(entity.as_ref().into()),
            Some(p),
            None,
            Some(corpus.as_ref().into()),
        ) {
            remove.push(q?);
        }
    }
    if n > 0 {
        card_quads(store, entity, &GraphName::NamedNode(corpus), insert)?;
    }
    Ok(())
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

/// Recounts the report counts of some entities from what the store holds now; call it
/// after the report graphs changed.
/// Returns the change in the number of entities with a report count.
pub(crate) fn recount_reports(store: &GraphStore, entities: &BTreeSet<NamedNode>) -> Result<i64> {
    let corpus = store.iris().corpus_graph();
    let graph = GraphName::NamedNode(corpus.clone());
    let mut remove = Vec::new();
    let mut insert = Vec::new();
    for e in entities {
        for q in store.inner().quads_for_pattern(
            Some(e.as_ref().into()),
            Some(opg::REPORT_COUNT),
            None,
            Some(corpus.as_ref().into()),
        ) {
            remove.push(q?);
        }
        let n = report_count(store, e)?;
        if n > 0 {
            insert.push(count_quad(e, opg::REPORT_COUNT, n, &graph));
        }
        refresh_card(store, e, n, &mut remove, &mut insert)?;
    }
    store.apply_changes(&remove, &insert)?;
    Ok(net_change(opg::REPORT_COUNT, &remove, &insert))
}

/// How many more quads of `p` `insert` writes than `remove` takes away (each list a set,
/// `remove` read from the store, `insert` of subjects whose old `p` quads it removes).
pub(crate) fn net_change(p: oxigraph::model::NamedNodeRef<'_>, remove: &[Quad], insert: &[Quad]) -> i64 {
    let count = |quads: &[Quad]| quads.iter().filter(|q| q.predicate.as_ref() == p).count() as i64;
    count(insert) - count(remove)
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

/// Changes to the actors' summaries: operation counts by actor IRI, collaboration
/// weights by pair of actor IRIs (the smaller first).
pub(crate) struct ActorDeltas {
    pub operations: BTreeMap<String, i64>,
    pub pairs: BTreeMap<(String, String), i64>,
}

/// What an incremental merge changes in the actors' summaries, from the corpus-graph
/// quads of the whole operations it removes and writes: each actor's operation count
/// (±1 per operation it acts in) and each pair's collaboration weight (±1 per operation
/// both act in). An operation removed and written again unchanged cancels out.
pub(crate) fn actor_deltas(remove: &[Quad], insert: &[Quad]) -> ActorDeltas {
    let mut d = ActorDeltas {
        operations: BTreeMap::new(),
        pairs: BTreeMap::new(),
    };
    for (quads, sign) in [(remove, -1), (insert, 1)] {
        for actors in actors_by_operation(quads).values() {
            for a in actors {
                *d.operations.entry((*a).to_string()).or_default() += sign;
            }
            add_pairs(actors, sign, &mut d.pairs);
        }
    }
    d.operations.retain(|_, n| *n != 0);
    d.pairs.retain(|_, n| *n != 0);
    d
}

/// The actors of each operation among corpus-graph quads.
fn actors_by_operation(quads: &[Quad]) -> BTreeMap<&str, BTreeSet<&str>> {
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

/// Adds `delta` to the stored counts `p` (`opg:reportCount`, `opg:operationCount`) of
/// the nodes it names, in one transaction; a count that reaches 0 is removed. An entity
/// whose report count changes gets its card (re)written.
/// Returns the change in the number of subjects with a `p` count.
pub(crate) fn apply_count_delta(
    store: &GraphStore,
    p: oxigraph::model::NamedNodeRef<'_>,
    delta: &BTreeMap<String, i64>,
) -> Result<i64> {
    let corpus = store.iris().corpus_graph();
    let graph = GraphName::NamedNode(corpus.clone());
    let (mut remove, mut insert) = (Vec::new(), Vec::new());
    for (iri, d) in delta {
        let Ok(node) = NamedNode::new(iri) else { continue };
        let mut old = 0;
        for q in
            store
                .inner()
                .quads_for_pattern(Some(node.as_ref().into()), Some(p), None, Some(corpus.as_ref().into()))
        {
            let q = q?;
            if let Term::Literal(l) = &q.object {
                old = l.value().parse::<i64>().unwrap_or(0);
            }
            remove.push(q);
        }
        let n = usize::try_from(old + d).unwrap_or(0);
        if n > 0 {
            insert.push(count_quad(&node, p, n, &graph));
        }
        // Rewritten at every change of the count, not only when the entity appears: a
        // later report may name it first in index order, and the card must be the one a
        // full merge of the same reports would write.
        if p == opg::REPORT_COUNT {
            refresh_card(store, &node, n, &mut remove, &mut insert)?;
        }
    }
    store.apply_changes(&remove, &insert)?;
    Ok(net_change(p, &remove, &insert))
}

/// Applies [`ActorDeltas::pairs`] to the stored collaboration nodes, in one transaction.
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

//! The store, subject by subject, for the readable RDF exports (Turtle, TriG, JSON-LD).
//!
//! A [`Walker`] scans the quads of its [`Scope`] once and hands over one [`Block`] (the
//! statements of one subject) at a time, so that an export holds one subject's
//! statements in memory, never the store. Everything else is decided with index lookups:
//!
//! * a subject's block is written when the scan reaches the subject's *first* quad (the
//!   first one an index lookup on the subject returns), so every subject is written
//!   exactly once whatever order the backend scans in (RocksDB scans graph by graph in
//!   subject order; the in-memory store does not);
//! * a blank node is *nested* (written as `[ ... ]` where it is used) when exactly one
//!   statement of the scope has it as object ([`Walker::nested`]); a cycle of such blank
//!   nodes, which nothing outside could reach, keeps its smallest label at top level.
//!
//! The walker needs a store that is not written during the export (the CLI opens stores
//! read-only: RocksDB then reads one fixed state).

use std::cmp::Ordering;

use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term, TermRef};
use oxigraph::store::Store;

use crate::error::Result;

/// Blank nodes are nested at most this deep; deeper ones (long chains of blank nodes,
/// such as long RDF lists) are written at top level with their labels. This bounds the
/// lookups per blank node and the recursion of the writers.
pub const MAX_NESTING: usize = 16;

/// The statements a walk covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The union of all graphs (a graph format of the whole store): a triple asserted in
    /// several graphs is one statement, and a subject's block gathers all its graphs.
    Union,
    /// One graph. `shared_labels`: other graphs go into the same document (TriG of the
    /// whole store), where a blank node label means the same node in every graph, so a
    /// blank node is nested only when none of its statements is in another graph.
    Graph { name: GraphName, shared_labels: bool },
}

/// The statements of one subject in a scope: predicate–object pairs, `rdf:type` first,
/// then by predicate IRI, then by object; no duplicates.
#[derive(Debug, Clone)]
pub struct Block {
    pub subject: NamedOrBlankNode,
    pub pairs: Vec<(NamedNode, Term)>,
}

/// Scans one scope of a store subject by subject.
pub struct Walker<'a> {
    store: &'a Store,
    scope: Scope,
    nesting: bool,
}

impl<'a> Walker<'a> {
    /// A walker over `scope`; with `nesting`, blank nodes used once are left to their
    /// user ([`Walker::nested`]) instead of being handed over as top-level blocks.
    pub fn new(store: &'a Store, scope: Scope, nesting: bool) -> Self {
        Walker { store, scope, nesting }
    }

    fn graph(&self) -> Option<GraphNameRef<'_>> {
        match &self.scope {
            Scope::Union => None,
            Scope::Graph { name, .. } => Some(name.as_ref()),
        }
    }

    /// Calls `f` with the block of every top-level subject of the scope, in scan order.
    pub fn for_each_subject(&self, mut f: impl FnMut(Block) -> Result<()>) -> Result<()> {
        let mut current: Option<NamedOrBlankNode> = None;
        // the subject's first quad (predicate, object, graph), or None to skip the subject
        let mut first: Option<Quad> = None;
        for q in self.store.quads_for_pattern(None, None, None, self.graph()) {
            let q = q?;
            if current.as_ref() != Some(&q.subject) {
                first = match &q.subject {
                    NamedOrBlankNode::BlankNode(b) if self.nested(b)? => None,
                    s => self.first_quad(s)?,
                };
                current = Some(q.subject.clone());
            }
            if let Some(fq) = &first {
                if fq.predicate == q.predicate && fq.object == q.object && fq.graph_name == q.graph_name {
                    f(self.block(&q.subject)?)?;
                }
            }
        }
        Ok(())
    }

    fn first_quad(&self, s: &NamedOrBlankNode) -> Result<Option<Quad>> {
        Ok(self
            .store
            .quads_for_pattern(Some(s.as_ref()), None, None, self.graph())
            .next()
            .transpose()?)
    }

    /// The statements of `s` in the scope.
    pub fn block(&self, s: &NamedOrBlankNode) -> Result<Block> {
        let mut pairs = Vec::new();
        for q in self.store.quads_for_pattern(Some(s.as_ref()), None, None, self.graph()) {
            let q = q?;
            pairs.push((q.predicate, q.object));
        }
        pairs.sort_by(pair_cmp);
        // the union scope sees a triple once per graph asserting it
        pairs.dedup();
        Ok(Block {
            subject: s.clone(),
            pairs,
        })
    }

    /// The subject of the only statement of the scope that has `b` as object, when there
    /// is exactly one (and, with shared labels, `b` appears in no other graph and names
    /// no graph).
    fn only_user(&self, b: &BlankNode) -> Result<Option<NamedOrBlankNode>> {
        let o = TermRef::BlankNode(b.as_ref());
        let mut user: Option<(NamedOrBlankNode, NamedNode)> = None;
        match &self.scope {
            Scope::Union => {
                for q in self.store.quads_for_pattern(None, None, Some(o), None) {
                    let q = q?;
                    match &user {
                        None => user = Some((q.subject, q.predicate)),
                        // the same triple in another graph is the same statement
                        Some((s, p)) if *s == q.subject && *p == q.predicate => {}
                        Some(_) => return Ok(None),
                    }
                }
            }
            Scope::Graph { name, shared_labels } => {
                let graph = if *shared_labels { None } else { Some(name.as_ref()) };
                for q in self.store.quads_for_pattern(None, None, Some(o), graph) {
                    let q = q?;
                    if user.is_some() || q.graph_name != *name {
                        return Ok(None);
                    }
                    user = Some((q.subject, q.predicate));
                }
                if *shared_labels && user.is_some() {
                    for q in self.store.quads_for_pattern(Some(b.as_ref().into()), None, None, None) {
                        if q?.graph_name != *name {
                            return Ok(None);
                        }
                    }
                    if self.store.contains_named_graph(b.as_ref())? {
                        return Ok(None);
                    }
                }
            }
        }
        Ok(user.map(|(s, _)| s))
    }

    /// Is the blank node `b` written nested, as `[ ... ]` inside the block of its only
    /// user, rather than as a top-level block with its label?
    ///
    /// Yes when exactly one statement uses `b` as object and the chain of such single
    /// users above `b` reaches a top-level subject within [`MAX_NESTING`] steps. A cycle
    /// of singly-used blank nodes has no top-level subject above it: its smallest label
    /// is written at top level and the rest of the cycle nests inside it. Every node of a
    /// chain answers consistently (each one's walk is a part of the walk below it), so
    /// each statement is written exactly once.
    pub fn nested(&self, b: &BlankNode) -> Result<bool> {
        if !self.nesting {
            return Ok(false);
        }
        let mut chain: Vec<BlankNode> = vec![b.clone()];
        for _ in 0..MAX_NESTING {
            let Some(cur) = chain.last() else { break };
            match self.only_user(cur)? {
                // b used never or several times: top level; an ancestor such: b nests
                None => return Ok(chain.len() > 1),
                Some(NamedOrBlankNode::NamedNode(_)) => return Ok(true),
                Some(NamedOrBlankNode::BlankNode(user)) => match chain.iter().position(|x| *x == user) {
                    // a cycle through b: only its smallest label stays at top level
                    Some(0) => {
                        let smallest = chain.iter().min_by(|x, y| x.as_str().cmp(y.as_str()));
                        return Ok(smallest != Some(b));
                    }
                    // b hangs below a cycle, nested in the cycle's top-level node
                    Some(_) => return Ok(true),
                    None => chain.push(user),
                },
            }
        }
        Ok(false)
    }
}

/// Orders predicate–object pairs: `rdf:type` first, then by predicate, then by object.
fn pair_cmp(a: &(NamedNode, Term), b: &(NamedNode, Term)) -> Ordering {
    (a.0.as_ref() != rdf::TYPE)
        .cmp(&(b.0.as_ref() != rdf::TYPE))
        .then_with(|| a.0.as_str().cmp(b.0.as_str()))
        .then_with(|| term_cmp(&a.1, &b.1))
}

/// A total order on terms: IRIs, blank nodes, then literals by value, language, datatype.
fn term_cmp(a: &Term, b: &Term) -> Ordering {
    fn key(t: &Term) -> (u8, &str, &str, &str) {
        match t {
            Term::NamedNode(n) => (0, n.as_str(), "", ""),
            Term::BlankNode(b) => (1, b.as_str(), "", ""),
            Term::Literal(l) => (2, l.value(), l.language().unwrap_or(""), l.datatype().as_str()),
            #[allow(unreachable_patterns)]
            _ => (3, "", "", ""),
        }
    }
    key(a).cmp(&key(b)).then_with(|| {
        // only terms of a kind this build does not name (RDF 1.2 triple terms) get here
        if key(a).0 == 3 {
            a.to_string().cmp(&b.to_string())
        } else {
            Ordering::Equal
        }
    })
}

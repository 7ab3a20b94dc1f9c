//! A dataset, subject by subject, for the readable RDF exports (Turtle, TriG, JSON-LD).
//!
//! A [`Walker`] scans the quads of its [`Scope`] once and hands over one [`Block`] (the
//! statements of one subject) at a time, so that an export holds one subject's
//! statements in memory, never the dataset. Everything else is decided with lookups by
//! subject, by object and by graph name:
//!
//! * a subject's block is written when the scan reaches the subject's *first* quad (the
//!   first one a lookup on the subject returns), so every subject is written exactly
//!   once whatever order the dataset scans in (RocksDB scans graph by graph in subject
//!   order; the in-memory store and a `Vec` do not);
//! * a blank node is *nested* (written as `[ ... ]` where it is used) when exactly one
//!   statement of the scope has it as object ([`Walker::nested`]); a cycle of such blank
//!   nodes, which nothing outside could reach, keeps its smallest label at top level.
//!
//! The walker reads any sophia [`Dataset`]: the store through
//! [`crate::rdf::sophia::SophiaDataset`], whose lookups with constant terms (all of the
//! walker's) are index lookups; or any other dataset, such as a `Vec` of quads (whose
//! lookups are scans: fine for small datasets, quadratic for large ones). The dataset
//! must not change during the walk (the CLI opens stores read-only: RocksDB then reads
//! one fixed state) and must hold each quad once, as an RDF dataset does (a `Vec` may
//! repeat one: its subject would then be written twice).

use std::cmp::Ordering;
use std::collections::HashSet;

use oxigraph::model::vocab::rdf;
use oxigraph::model::{BlankNode, GraphName, NamedNode, NamedOrBlankNode, Term};
use sophia_api::dataset::Dataset;
use sophia_api::quad::Quad as _;
use sophia_api::term::matcher::{Any, GraphNameMatcher};
// sophia's `Term` trait is named, not imported: its `cmp` would shadow `Ord::cmp`
use sophia_api::term::{self as sterm, SimpleTerm};

use crate::error::{Error, Result};
use crate::rdf::sophia::{
    blank_node_to_sophia, graph_name_from_sophia, graph_name_to_sophia, named_node_from_sophia, subject_from_sophia,
    subject_to_sophia, term_from_sophia,
};

/// Blank nodes are nested at most this deep; deeper ones (long chains of blank nodes,
/// such as long RDF lists) are written at top level with their labels. This bounds the
/// lookups per blank node and the recursion of the writers.
pub const MAX_NESTING: usize = 16;

/// The statements a walk covers.
#[derive(Debug, Clone)]
pub enum Scope {
    /// The union of all graphs (a graph format of the whole dataset): a triple asserted in
    /// several graphs is one statement, and a subject's block gathers all its graphs.
    Union,
    /// One graph. `shared_labels`: other graphs go into the same document (TriG of the
    /// whole dataset), where a blank node label means the same node in every graph, so a
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

/// The graphs of a scope, as a sophia matcher: all of them, or one graph name (a
/// constant, which the store adapter answers from its indexes).
enum Graphs {
    All,
    One(Option<SimpleTerm<'static>>),
}

impl GraphNameMatcher for Graphs {
    type Term = SimpleTerm<'static>;

    fn matches<T2: sterm::Term + ?Sized>(&self, graph_name: Option<&T2>) -> bool {
        match self {
            Graphs::All => true,
            Graphs::One(None) => graph_name.is_none(),
            Graphs::One(Some(mine)) => graph_name.is_some_and(|g| sterm::Term::eq(mine, sterm::Term::borrow_term(g))),
        }
    }

    fn constant(&self) -> Option<Option<&SimpleTerm<'static>>> {
        match self {
            Graphs::All => None,
            Graphs::One(g) => Some(g.as_ref()),
        }
    }
}

/// An error of the dataset being read: the crate's own (the store adapter's) as it is,
/// another dataset's as a store error.
fn data_err(e: impl std::error::Error + Send + Sync + 'static) -> Error {
    let e: Box<dyn std::error::Error + Send + Sync> = Box::new(e);
    match e.downcast::<Error>() {
        Ok(e) => *e,
        Err(e) => Error::Store(e.to_string()),
    }
}

/// The named graphs of `dataset` that hold quads, each once, in the order the dataset
/// first names them.
pub fn named_graphs<D: Dataset>(dataset: &D) -> Result<Vec<GraphName>> {
    let mut seen = HashSet::new();
    let mut names = Vec::new();
    for g in dataset.graph_names() {
        let g = graph_name_from_sophia(Some(g.map_err(data_err)?))?;
        if seen.insert(g.clone()) {
            names.push(g);
        }
    }
    Ok(names)
}

/// Scans one scope of a sophia dataset subject by subject.
pub struct Walker<'a, D: Dataset> {
    dataset: &'a D,
    scope: Scope,
    graphs: Graphs,
    nesting: bool,
}

impl<'a, D: Dataset> Walker<'a, D> {
    /// A walker over `scope`; with `nesting`, blank nodes used once are left to their
    /// user ([`Walker::nested`]) instead of being handed over as top-level blocks.
    pub fn new(dataset: &'a D, scope: Scope, nesting: bool) -> Self {
        let graphs = match &scope {
            Scope::Union => Graphs::All,
            Scope::Graph { name, .. } => Graphs::One(graph_name_to_sophia(name.clone())),
        };
        Walker {
            dataset,
            scope,
            graphs,
            nesting,
        }
    }

    /// Calls `f` with the block of every top-level subject of the scope, in scan order.
    pub fn for_each_subject(&self, mut f: impl FnMut(Block) -> Result<()>) -> Result<()> {
        // the previous quad of the scan, the current subject, and the subject's first
        // quad (None to skip the subject)
        let mut prev: Option<D::Quad<'a>> = None;
        let mut current: Option<NamedOrBlankNode> = None;
        let mut first: Option<D::Quad<'a>> = None;
        for q in self.dataset.quads_matching(Any, Any, Any, self.graphs.matcher_ref()) {
            let q = q.map_err(data_err)?;
            if !prev.as_ref().is_some_and(|p| sterm::Term::eq(&p.s(), q.s())) {
                let s = subject_from_sophia(&q.s())?;
                first = match &s {
                    NamedOrBlankNode::BlankNode(b) if self.nested(b)? => None,
                    _ => self
                        .dataset
                        .quads_matching([q.s()], Any, Any, self.graphs.matcher_ref())
                        .next()
                        .transpose()
                        .map_err(data_err)?,
                };
                current = Some(s);
            }
            if let (Some(fq), Some(s)) = (&first, &current) {
                if sophia_api::quad::Quad::eq(fq, &q) {
                    f(self.block(s)?)?;
                }
            }
            prev = Some(q);
        }
        Ok(())
    }

    /// The statements of `s` in the scope.
    pub fn block(&self, s: &NamedOrBlankNode) -> Result<Block> {
        let mut pairs = Vec::new();
        let st = subject_to_sophia(s.clone());
        for q in self.dataset.quads_matching([&st], Any, Any, self.graphs.matcher_ref()) {
            let q = q.map_err(data_err)?;
            pairs.push((named_node_from_sophia(&q.p())?, term_from_sophia(&q.o())?));
        }
        pairs.sort_by(pair_cmp);
        // the union scope sees a triple once per graph asserting it
        pairs.dedup();
        Ok(Block {
            subject: s.clone(),
            pairs,
        })
    }

    /// Is the graph name of `q` the scope's graph?
    fn in_graph(&self, q: &D::Quad<'a>) -> bool {
        self.graphs.matches(q.g().as_ref())
    }

    /// The subject of the only statement of the scope that has `b` as object, when there
    /// is exactly one (and, with shared labels, `b` appears in no other graph and names
    /// no graph).
    fn only_user(&self, b: &BlankNode) -> Result<Option<NamedOrBlankNode>> {
        let o = blank_node_to_sophia(b);
        let mut user: Option<D::Quad<'a>> = None;
        match &self.scope {
            Scope::Union => {
                for q in self.dataset.quads_matching(Any, Any, [&o], Any) {
                    let q = q.map_err(data_err)?;
                    match &user {
                        None => user = Some(q),
                        // the same triple in another graph is the same statement
                        Some(u) if sterm::Term::eq(&u.s(), q.s()) && sterm::Term::eq(&u.p(), q.p()) => {}
                        Some(_) => return Ok(None),
                    }
                }
            }
            Scope::Graph { shared_labels, .. } => {
                let all = Graphs::All;
                let graphs = if *shared_labels { &all } else { &self.graphs };
                for q in self.dataset.quads_matching(Any, Any, [&o], graphs.matcher_ref()) {
                    let q = q.map_err(data_err)?;
                    if user.is_some() || !self.in_graph(&q) {
                        return Ok(None);
                    }
                    user = Some(q);
                }
                if *shared_labels && user.is_some() {
                    for q in self.dataset.quads_matching([&o], Any, Any, Any) {
                        if !self.in_graph(&q.map_err(data_err)?) {
                            return Ok(None);
                        }
                    }
                    // a graph named `b` is written with its label
                    let names_a_graph = self
                        .dataset
                        .quads_matching(Any, Any, Any, [Some(&o)])
                        .next()
                        .transpose()
                        .map_err(data_err)?
                        .is_some();
                    if names_a_graph {
                        return Ok(None);
                    }
                }
            }
        }
        user.map(|q| subject_from_sophia(&q.s())).transpose()
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

#[cfg(test)]
mod tests {
    use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfParser};
    use oxigraph::model::dataset::CanonicalizationAlgorithm;
    use oxigraph::model::{Dataset as OxDataset, Graph, Quad, Triple};
    use oxigraph::store::Store;
    use sophia_api::quad::Spog;
    use sophia_api::term::{BnodeId, IriRef, LanguageTag};

    use super::*;
    use crate::export::rdf::Names;
    use crate::export::{jsonld, turtle};
    use crate::rdf::sophia::{quad_from_sophia, SophiaDataset};

    type Q = Spog<SimpleTerm<'static>>;

    fn e(local: &str) -> SimpleTerm<'static> {
        SimpleTerm::Iri(IriRef::new(format!("http://x.org/{local}").into()).unwrap())
    }
    fn b(label: &str) -> SimpleTerm<'static> {
        SimpleTerm::BlankNode(BnodeId::new(label.to_string().into()).unwrap())
    }
    fn lang(v: &str, tag: &str) -> SimpleTerm<'static> {
        SimpleTerm::LiteralLanguage(
            v.to_string().into(),
            LanguageTag::new(tag.to_string().into()).unwrap(),
            None,
        )
    }
    fn typed(v: &str, dt: &str) -> SimpleTerm<'static> {
        let dt = format!("http://www.w3.org/2001/XMLSchema#{dt}");
        SimpleTerm::LiteralDatatype(v.to_string().into(), IriRef::new(dt.into()).unwrap())
    }
    fn q(s: SimpleTerm<'static>, p: &str, o: SimpleTerm<'static>, g: Option<SimpleTerm<'static>>) -> Q {
        ([s, e(p), o], g)
    }

    /// Quads made with sophia alone, one subject's quads scattered through the Vec: a
    /// nested chain, a blank node used twice, a cycle, a triple in two graphs, a graph
    /// named by a blank node, language tags (one in upper case) and datatypes.
    fn quads() -> Vec<Q> {
        vec![
            q(e("a"), "p", b("b1"), None),
            q(b("b1"), "q", b("b2"), None),
            q(e("c"), "in", b("conf"), Some(e("g1"))),
            q(b("b2"), "r", lang("x", "en"), None),
            q(e("a"), "name", lang("België", "nl-BE"), None),
            q(b("c1"), "next", b("c2"), None),
            q(e("a"), "m", b("sh"), None),
            q(b("c2"), "next", b("c1"), None),
            q(e("b"), "m", b("sh"), None),
            q(b("sh"), "v", typed("s", "string"), None),
            q(e("a"), "p", b("b1"), Some(e("g1"))),
            q(b("conf"), "v", typed("confined", "string"), Some(e("g1"))),
            q(e("z"), "v", typed("in a blank-named graph", "string"), Some(b("gb"))),
            q(e("a"), "n", typed("042", "integer"), None),
            q(e("a"), "d", typed("2019-11", "gYearMonth"), None),
        ]
    }

    fn names() -> Names {
        Names::new(vec![
            ("e", "http://x.org/".into()),
            ("xsd", "http://www.w3.org/2001/XMLSchema#".into()),
        ])
    }

    fn parse(format: RdfFormat, bytes: &[u8]) -> Vec<Quad> {
        RdfParser::from_format(format)
            .for_slice(bytes)
            .collect::<std::result::Result<Vec<_>, _>>()
            .unwrap_or_else(|e| {
                panic!(
                    "{format:?} does not parse back: {e}\n{}",
                    String::from_utf8_lossy(bytes)
                )
            })
    }

    fn canonical_graph(triples: impl IntoIterator<Item = Triple>) -> Graph {
        let mut g: Graph = triples.into_iter().collect();
        g.canonicalize(CanonicalizationAlgorithm::Unstable);
        g
    }

    fn canonical_dataset(quads: impl IntoIterator<Item = Quad>) -> OxDataset {
        let mut d: OxDataset = quads.into_iter().collect();
        d.canonicalize(CanonicalizationAlgorithm::Unstable);
        d
    }

    #[test]
    fn a_vec_of_sophia_quads_exports_without_a_store() {
        let data = quads();
        let expected: Vec<Quad> = data.iter().map(|q| quad_from_sophia(q).unwrap()).collect();
        let triples: HashSet<Triple> = expected.iter().map(|q| Triple::from(q.clone())).collect();

        let mut ttl = Vec::new();
        let n = turtle::write_turtle(&data, Scope::Union, &names(), &mut ttl).unwrap();
        assert_eq!(n, triples.len(), "the triple in two graphs is written once");
        let back = parse(RdfFormat::Turtle, &ttl);
        assert_eq!(back.len(), triples.len());
        let back = canonical_graph(back.into_iter().map(Triple::from));
        assert_eq!(back, canonical_graph(triples.iter().cloned()));
        let text = String::from_utf8(ttl).unwrap();
        // used once: nested; used twice, or in a cycle: labelled
        assert!(!text.contains("_:b1") && !text.contains("_:b2"), "{text}");
        assert!(text.contains("_:sh") && text.contains("_:c1"), "{text}");
        assert!(text.contains("\"België\"@nl-be") && text.contains("e:n 042"), "{text}");
        assert_eq!(text.matches("e:a ").count(), 1, "e:a written once: {text}");

        let jsonld = RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        };
        for (rf, which) in [(RdfFormat::TriG, "TriG"), (jsonld, "JSON-LD")] {
            let mut out = Vec::new();
            let n = match which {
                "TriG" => turtle::write_trig(&data, None, &names(), &mut out),
                _ => jsonld::write_jsonld(&data, None, &names(), &mut out),
            }
            .unwrap();
            assert_eq!(n, expected.len(), "{which}");
            let back = canonical_dataset(parse(rf, &out));
            assert_eq!(back, canonical_dataset(expected.iter().cloned()), "{which}");
        }
    }

    #[test]
    fn the_store_and_a_vec_of_its_quads_export_alike() {
        let store = Store::new().unwrap();
        store
            .extend(quads().iter().map(|q| quad_from_sophia(q).unwrap()))
            .unwrap();
        let store = SophiaDataset::new(&store);
        // the store's quads (it keeps `042` as `42`), in its own scan order reversed
        let mut data: Vec<Q> = store.quads().map(|q| q.unwrap()).collect();
        data.reverse();
        for scope in [
            Scope::Union,
            Scope::Graph {
                name: GraphName::DefaultGraph,
                shared_labels: true,
            },
        ] {
            let (mut from_vec, mut from_store) = (Vec::new(), Vec::new());
            turtle::write_turtle(&data, scope.clone(), &names(), &mut from_vec).unwrap();
            turtle::write_turtle(&store, scope, &names(), &mut from_store).unwrap();
            let parsed = |b: &[u8]| canonical_graph(parse(RdfFormat::Turtle, b).into_iter().map(Triple::from));
            assert_eq!(
                parsed(&from_vec),
                parsed(&from_store),
                "{}\n----\n{}",
                String::from_utf8_lossy(&from_vec),
                String::from_utf8_lossy(&from_store)
            );
        }
    }
}

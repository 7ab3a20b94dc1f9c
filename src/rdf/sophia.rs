//! The store seen through sophia's [`Dataset`] trait, and terms across the two libraries.
//!
//! Code written against `sophia_api::dataset::Dataset` (the readable exports,
//! [`crate::export::subjects`]) then works on the store through [`SophiaDataset`] and on
//! any other sophia dataset (a `Vec` of quads, a parser's output) alike. Lookups with
//! constant terms ([`TermMatcher::constant`], [`GraphNameMatcher::constant`]) go to the
//! store's indexes; other matchers filter what the constants select.
//!
//! Terms cross with [`to_sophia`] (Oxigraph → sophia) and [`term_from_sophia`] (sophia →
//! Oxigraph: fails on what an RDF 1.1 store cannot hold, such as variables, relative
//! IRIs or triple terms). IRIs and blank node labels from the store were checked when
//! they went in, and cross unchecked (sophia re-checks them in debug builds only);
//! language tags are checked by sophia on the way out.

use oxigraph::model::{BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Quad, Term as OxTerm};
use oxigraph::store::Store;
use sophia_api::dataset::{DResult, Dataset};
use sophia_api::quad::{Quad as _, Spog};
use sophia_api::term::matcher::{GraphNameMatcher, TermMatcher};
use sophia_api::term::{BnodeId, IriRef, LanguageTag, SimpleTerm, Term, TermKind};
use sophia_api::MownStr;

use crate::error::{Error, Result};

/// An Oxigraph store as a sophia [`Dataset`] of `SimpleTerm<'static>` quads (the default
/// graph is sophia's `None` graph name). Its errors are the crate's: the store's
/// ([`Error::Store`]), or a term sophia refuses ([`Error::Invalid`]).
#[derive(Clone, Copy)]
pub struct SophiaDataset<'a>(pub &'a Store);

impl<'a> SophiaDataset<'a> {
    pub fn new(store: &'a Store) -> Self {
        SophiaDataset(store)
    }
}

impl Dataset for SophiaDataset<'_> {
    type Quad<'x>
        = Spog<SimpleTerm<'static>>
    where
        Self: 'x;
    type Error = Error;

    fn quads(&self) -> impl Iterator<Item = DResult<Self, Self::Quad<'_>>> + '_ {
        self.0.iter().map(|q| quad_to_sophia(q?))
    }

    fn quads_matching<'s, 't, S, P, O, G>(
        &'s self,
        sm: S,
        pm: P,
        om: O,
        gm: G,
    ) -> impl Iterator<Item = DResult<Self, Self::Quad<'s>>> + 't
    where
        's: 't,
        S: TermMatcher + 't,
        P: TermMatcher + 't,
        O: TermMatcher + 't,
        G: GraphNameMatcher + 't,
    {
        // The constants select an index range; a constant the store cannot hold (a
        // literal subject, a variable...) selects nothing.
        let selected = Pattern::of(&sm, &pm, &om, &gm).map(|p| {
            self.0.quads_for_pattern(
                p.s.as_ref().map(NamedOrBlankNode::as_ref),
                p.p.as_ref().map(NamedNode::as_ref),
                p.o.as_ref().map(OxTerm::as_ref),
                p.g.as_ref().map(GraphName::as_ref),
            )
        });
        // Every matcher filters what the range holds: the constants pass (they selected
        // it), the others decide.
        selected
            .into_iter()
            .flatten()
            .map(|q| quad_to_sophia(q?))
            .filter(move |q| {
                q.as_ref().map_or(true, |q| {
                    q.matched_by(sm.matcher_ref(), pm.matcher_ref(), om.matcher_ref(), gm.matcher_ref())
                })
            })
    }

    /// The names of the graphs holding quads, each once (sophia allows repeats; the
    /// default would scan every quad).
    fn graph_names(&self) -> impl Iterator<Item = DResult<Self, SimpleTerm<'static>>> + '_ {
        self.0.named_graphs().filter_map(|g| {
            let g = match g {
                Ok(g) => g,
                Err(e) => return Some(Err(e.into())),
            };
            // a graph the store knows but which holds no quad is not in the dataset
            let gr: GraphNameRef<'_> = g.as_ref().into();
            match self.0.quads_for_pattern(None, None, None, Some(gr)).next() {
                None => None,
                Some(Err(e)) => Some(Err(e.into())),
                Some(Ok(_)) => Some(Ok(subject_to_sophia(g))),
            }
        })
    }
}

/// The constant positions of a quad pattern, as Oxigraph terms (`None`: any).
struct Pattern {
    s: Option<NamedOrBlankNode>,
    p: Option<NamedNode>,
    o: Option<OxTerm>,
    g: Option<GraphName>,
}

impl Pattern {
    /// `None` when a constant cannot occur in the store at its position.
    fn of<S, P, O, G>(sm: &S, pm: &P, om: &O, gm: &G) -> Option<Pattern>
    where
        S: TermMatcher,
        P: TermMatcher,
        O: TermMatcher,
        G: GraphNameMatcher,
    {
        let s = match sm.constant() {
            Some(t) => Some(subject_from_sophia(t).ok()?),
            None => None,
        };
        let p = match pm.constant() {
            Some(t) => Some(named_node_from_sophia(t).ok()?),
            None => None,
        };
        let o = match om.constant() {
            Some(t) => Some(term_from_sophia(t).ok()?),
            None => None,
        };
        let g = match gm.constant() {
            Some(None) => Some(GraphName::DefaultGraph),
            Some(Some(t)) => Some(match subject_from_sophia(t).ok()? {
                NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
            }),
            None => None,
        };
        Some(Pattern { s, p, o, g })
    }
}

// ---- Oxigraph → sophia ----

fn iri(s: String) -> SimpleTerm<'static> {
    SimpleTerm::Iri(IriRef::new_unchecked(MownStr::from(s)))
}

/// A blank node as a sophia term.
pub fn blank_node_to_sophia(b: &BlankNode) -> SimpleTerm<'static> {
    SimpleTerm::BlankNode(BnodeId::new_unchecked(MownStr::from(b.as_str().to_string())))
}

/// An Oxigraph term as a sophia term.
pub fn to_sophia(t: &OxTerm) -> Result<SimpleTerm<'static>> {
    Ok(match t {
        OxTerm::NamedNode(n) => iri(n.as_str().to_string()),
        OxTerm::BlankNode(b) => blank_node_to_sophia(b),
        OxTerm::Literal(l) => literal_to_sophia(l)?,
        // RDF 1.2 triple terms, when a build enables them: opgraph mints none
        #[allow(unreachable_patterns)]
        other => {
            return Err(Error::Invalid(format!(
                "{other}: triple terms do not cross into sophia"
            )))
        }
    })
}

fn literal_to_sophia(l: &Literal) -> Result<SimpleTerm<'static>> {
    Ok(match l.language() {
        Some(lang) => SimpleTerm::LiteralLanguage(
            l.value().to_string().into(),
            // checked: sophia's unchecked constructor asserts
            LanguageTag::new(MownStr::from(lang.to_string()))
                .map_err(|e| Error::Invalid(format!("language tag {lang:?}: {e}")))?,
            None,
        ),
        None => SimpleTerm::LiteralDatatype(
            l.value().to_string().into(),
            IriRef::new_unchecked(l.datatype().as_str().to_string().into()),
        ),
    })
}

/// A subject or graph name as a sophia term.
pub fn subject_to_sophia(s: NamedOrBlankNode) -> SimpleTerm<'static> {
    match s {
        NamedOrBlankNode::NamedNode(n) => iri(n.into_string()),
        NamedOrBlankNode::BlankNode(b) => blank_node_to_sophia(&b),
    }
}

/// A graph name as a sophia graph name (`None`: the default graph).
pub fn graph_name_to_sophia(g: GraphName) -> Option<SimpleTerm<'static>> {
    match g {
        GraphName::DefaultGraph => None,
        GraphName::NamedNode(n) => Some(iri(n.into_string())),
        GraphName::BlankNode(b) => Some(blank_node_to_sophia(&b)),
    }
}

/// An Oxigraph quad as a sophia quad.
pub fn quad_to_sophia(q: Quad) -> Result<Spog<SimpleTerm<'static>>> {
    Ok((
        [
            subject_to_sophia(q.subject),
            iri(q.predicate.into_string()),
            to_sophia(&q.object)?,
        ],
        graph_name_to_sophia(q.graph_name),
    ))
}

// ---- sophia → Oxigraph ----

fn invalid(what: &str, t: &(impl Term + ?Sized)) -> Error {
    Error::Invalid(format!("{what}: {t:?} has no place in an RDF 1.1 store"))
}

/// Is this IRI reference absolute (a scheme, then `:`)? A sophia `IriRef` is a valid IRI
/// reference, so the scheme is all that separates an IRI from a relative reference.
fn is_absolute(iri: &str) -> bool {
    let b = iri.as_bytes();
    match b.iter().position(|&c| c == b':') {
        Some(end) if end > 0 => {
            b[0].is_ascii_alphabetic()
                && b[1..end]
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(c))
        }
        _ => false,
    }
}

/// An IRI, as an Oxigraph named node.
pub fn named_node_from_sophia<T: Term + ?Sized>(t: &T) -> Result<NamedNode> {
    match t.iri() {
        Some(i) if is_absolute(i.as_str()) => Ok(NamedNode::new_unchecked(i.as_str())),
        _ => Err(invalid("not an absolute IRI", t)),
    }
}

/// An IRI or blank node, as an Oxigraph subject.
pub fn subject_from_sophia<T: Term + ?Sized>(t: &T) -> Result<NamedOrBlankNode> {
    match t.kind() {
        TermKind::Iri => Ok(named_node_from_sophia(t)?.into()),
        TermKind::BlankNode => Ok(blank_node_from_sophia(t)?.into()),
        _ => Err(invalid("not an IRI or blank node", t)),
    }
}

fn blank_node_from_sophia<T: Term + ?Sized>(t: &T) -> Result<BlankNode> {
    let id = t.bnode_id().ok_or_else(|| invalid("not a blank node", t))?;
    BlankNode::new(id.as_str()).map_err(|e| Error::Invalid(format!("blank node {:?}: {e}", id.as_str())))
}

/// A sophia term as an Oxigraph term: IRIs, blank nodes, literals (typed, or
/// language-tagged without a base direction).
pub fn term_from_sophia<T: Term + ?Sized>(t: &T) -> Result<OxTerm> {
    match t.kind() {
        TermKind::Iri => Ok(named_node_from_sophia(t)?.into()),
        TermKind::BlankNode => Ok(blank_node_from_sophia(t)?.into()),
        TermKind::Literal => {
            let lex = t
                .lexical_form()
                .ok_or_else(|| invalid("literal without a lexical form", t))?;
            if let Some(tag) = t.language_tag() {
                if t.base_direction().is_some() {
                    return Err(invalid("literal with a base direction", t));
                }
                // Oxigraph keeps language tags in lower case
                return Literal::new_language_tagged_literal(lex.as_ref(), tag.as_str())
                    .map(OxTerm::from)
                    .map_err(|e| Error::Invalid(format!("language tag {:?}: {e}", tag.as_str())));
            }
            let dt = t.datatype().ok_or_else(|| invalid("literal without a datatype", t))?;
            if !is_absolute(dt.as_str()) {
                return Err(invalid("datatype not an absolute IRI", t));
            }
            Ok(Literal::new_typed_literal(lex.as_ref(), NamedNode::new_unchecked(dt.as_str())).into())
        }
        _ => Err(invalid("not an RDF term", t)),
    }
}

/// A sophia graph name as an Oxigraph graph name.
pub fn graph_name_from_sophia<T: Term>(g: Option<T>) -> Result<GraphName> {
    Ok(match g {
        None => GraphName::DefaultGraph,
        Some(t) => match subject_from_sophia(&t)? {
            NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
            NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
        },
    })
}

/// A sophia quad as an Oxigraph quad.
pub fn quad_from_sophia<Q: sophia_api::quad::Quad>(q: &Q) -> Result<Quad> {
    Ok(Quad::new(
        subject_from_sophia(&q.s())?,
        named_node_from_sophia(&q.p())?,
        term_from_sophia(&q.o())?,
        graph_name_from_sophia(q.g())?,
    ))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::NamedOrBlankNodeRef;
    use sophia_api::term::matcher::Any;
    use sophia_api::term::VarName;

    use super::*;

    const DATA: &str = r#"@prefix e: <http://x.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
e:a e:p _:b1 , "België"@nl-be , "042"^^xsd:integer , "plain" , e:c , "1.50"^^xsd:decimal .
_:b1 e:q "x"@en , e:a .
e:c e:p e:a .
e:g1 { e:a e:p _:b1 . _:b1 e:q e:c . e:c e:r "België"@nl-be . }
_:gb { e:a e:p "in a blank-named graph" . _:b1 e:q e:a . _:gb e:self _:gb . }
"#;

    fn store() -> Store {
        let store = Store::new().unwrap();
        let quads = RdfParser::from_format(RdfFormat::TriG)
            .for_slice(DATA.as_bytes())
            .collect::<std::result::Result<Vec<_>, _>>()
            .unwrap();
        store.extend(quads).unwrap();
        store
    }

    /// Any term, or one (a constant).
    #[derive(Clone)]
    enum M {
        Any,
        C(SimpleTerm<'static>),
    }

    impl TermMatcher for M {
        type Term = SimpleTerm<'static>;
        fn matches<T2: Term + ?Sized>(&self, t: &T2) -> bool {
            match self {
                M::Any => true,
                M::C(c) => Term::eq(c, t.borrow_term()),
            }
        }
        fn constant(&self) -> Option<&SimpleTerm<'static>> {
            match self {
                M::Any => None,
                M::C(c) => Some(c),
            }
        }
    }

    /// Any graph, or one.
    #[derive(Clone)]
    enum G {
        Any,
        C(Option<SimpleTerm<'static>>),
    }

    impl GraphNameMatcher for G {
        type Term = SimpleTerm<'static>;
        fn matches<T2: Term + ?Sized>(&self, g: Option<&T2>) -> bool {
            match self {
                G::Any => true,
                G::C(None) => g.is_none(),
                G::C(Some(c)) => g.is_some_and(|g| Term::eq(c, g.borrow_term())),
            }
        }
        fn constant(&self) -> Option<Option<&SimpleTerm<'static>>> {
            match self {
                G::Any => None,
                G::C(c) => Some(c.as_ref()),
            }
        }
    }

    fn set<Q: sophia_api::quad::Quad, E: std::fmt::Debug>(
        quads: impl Iterator<Item = std::result::Result<Q, E>>,
    ) -> HashSet<Quad> {
        quads.map(|q| quad_from_sophia(&q.unwrap()).unwrap()).collect()
    }

    #[test]
    fn terms_cross_both_ways_unchanged() {
        for q in store().iter() {
            let q = q.unwrap();
            assert_eq!(quad_from_sophia(&quad_to_sophia(q.clone()).unwrap()).unwrap(), q);
        }
        let lang = SimpleTerm::LiteralLanguage("België".into(), LanguageTag::new_unchecked("nl-BE".into()), None);
        assert_eq!(
            term_from_sophia(&lang).unwrap(),
            OxTerm::from(Literal::new_language_tagged_literal_unchecked("België", "nl-be"))
        );
        let rel = SimpleTerm::Iri(IriRef::new_unchecked("a/b:c".into()));
        assert!(term_from_sophia(&rel).is_err());
        assert!(is_absolute("urn:x") && is_absolute("http://x.org/") && !is_absolute(":x") && !is_absolute("1a:x"));
        let var = SimpleTerm::Variable(VarName::new_unchecked("v".into()));
        assert!(term_from_sophia(&var).is_err());
        let lit = SimpleTerm::LiteralDatatype("x".into(), IriRef::new_unchecked(xsd_string()));
        assert!(subject_from_sophia(&lit).is_err());
        assert!(term_from_sophia(&lit).is_ok());
    }

    #[test]
    fn constant_matchers_select_what_filtering_selects() {
        let store = store();
        let data = SophiaDataset::new(&store);
        // sophia's Vec answers every pattern by filtering all its quads
        let all: Vec<Spog<SimpleTerm<'static>>> = data.quads().map(|q| q.unwrap()).collect();
        assert_eq!(all.len(), store.len().unwrap());
        let mut patterns: Vec<(M, M, M, G)> = Vec::new();
        for (spo, g) in &all {
            for mask in 0..16 {
                let pick = |bit: u32, t: &SimpleTerm<'static>| {
                    if mask & (1 << bit) != 0 {
                        M::C(t.clone())
                    } else {
                        M::Any
                    }
                };
                let gm = if mask & 8 != 0 { G::C(g.clone()) } else { G::Any };
                patterns.push((pick(0, &spo[0]), pick(1, &spo[1]), pick(2, &spo[2]), gm));
            }
        }
        // constants the store does not hold, or cannot hold where they stand
        let lit = SimpleTerm::LiteralDatatype("plain".into(), IriRef::new_unchecked(xsd_string()));
        let nobody = iri("http://x.org/nobody".into());
        let upper = SimpleTerm::LiteralLanguage("België".into(), LanguageTag::new_unchecked("nl-BE".into()), None);
        patterns.push((M::C(lit.clone()), M::Any, M::Any, G::Any));
        patterns.push((M::Any, M::Any, M::C(lit.clone()), G::C(None)));
        patterns.push((M::Any, M::Any, M::C(lit), G::C(Some(nobody.clone()))));
        patterns.push((M::Any, M::C(nobody.clone()), M::Any, G::Any));
        patterns.push((M::Any, M::Any, M::C(upper), G::Any));
        patterns.push((M::Any, M::Any, M::Any, G::C(Some(nobody))));
        let mut nonempty = 0;
        for (s, p, o, g) in patterns {
            let expected = set(all.quads_matching(s.clone(), p.clone(), o.clone(), g.clone()));
            let indexed = set(data.quads_matching(s, p, o, g));
            assert_eq!(indexed, expected);
            nonempty += usize::from(!expected.is_empty());
        }
        // every pattern taken from a quad matches at least that quad
        assert!(nonempty >= all.len() * 16);
        // a constant with a matcher that is not one: the constant selects, the other filters
        let a = iri("http://x.org/a".into());
        let expected = set(all.quads_matching([&a], Any, TermKind::Literal, Any));
        assert_eq!(set(data.quads_matching([&a], Any, TermKind::Literal, Any)), expected);
        assert_eq!(expected.len(), 5);
    }

    #[test]
    fn graph_names_are_the_graphs_holding_quads_once() {
        let store = store();
        store
            .insert_named_graph(NamedOrBlankNodeRef::from(
                NamedNode::new_unchecked("http://x.org/empty").as_ref(),
            ))
            .unwrap();
        let data = SophiaDataset::new(&store);
        let names: Vec<GraphName> = data
            .graph_names()
            .map(|g| graph_name_from_sophia(Some(g.unwrap())).unwrap())
            .collect();
        assert_eq!(names.len(), 2);
        assert!(names.contains(&GraphName::NamedNode(NamedNode::new_unchecked("http://x.org/g1"))));
        assert!(names.iter().any(|g| matches!(g, GraphName::BlankNode(_))));
    }

    fn xsd_string() -> MownStr<'static> {
        MownStr::from("http://www.w3.org/2001/XMLSchema#string")
    }
}

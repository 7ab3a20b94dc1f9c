//! Canned SPARQL queries: the `.rq` files of `queries/`, embedded in the binary.
//!
//! Each file starts with comment lines: the first says what the query answers; lines of
//! the form `# param: ?name  description` declare parameters that callers may bind
//! (`opgraph query evidence --param op=<IRI>`, `/queries/evidence?op=<IRI>`). A bound
//! parameter is substituted into the parsed query (never spliced into its text), so a
//! parameter value cannot change the shape of the query.
//!
//! A listing (every operation, report, entity...) is answered a page at a time: a line
//! `# page: operations` says the query's only LIMIT, on the subquery that picks the
//! operations, bounds a page, and names what the page counts. [`apply_page`] sets that
//! LIMIT and OFFSET (`--limit`/`--offset`, `?limit=&offset=`), so one page costs the same
//! on a store of 1k or 100k reports; `--limit 0` answers the whole listing. Oxigraph
//! binds a parameter inside subqueries too, so `evidence --param operation=X` pages
//! among the operations that are X, and finds X wherever it stands in the listing.
//!
//! Queries are parsed with the store's base IRI ([`parse`]): a relative IRI such as
//! `<graph/corpus>` names the store's corpus graph whatever `--base` it was built with.

use std::path::Path;

use serde::Serialize;
use spargebra::algebra::GraphPattern;
use spargebra::Query;

use crate::error::{Error, Result};

/// A declared parameter of a canned query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryParam {
    /// Variable name without `?`.
    pub name: String,
    pub description: String,
}

/// One canned query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CannedQuery {
    /// File stem: `operations` for `queries/operations.rq`.
    pub name: String,
    /// The first comment line.
    pub description: String,
    pub params: Vec<QueryParam>,
    /// What a page of this listing counts (`# page: operations`); `None` when the query
    /// is not paged.
    pub page: Option<String>,
    /// The whole file, comments included.
    pub sparql: String,
}

macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../queries/", $name, ".rq")))),*]
    };
}

/// The queries shipped in `queries/` (a test checks this list against the folder).
const EMBEDDED: &[(&str, &str)] = embedded![
    "operations",
    "operation-actors",
    "agencies-by-operations",
    "evidence",
    "collaboration-edges",
    "reports",
    "disagreements",
    "entities",
    "centrality",
];

impl CannedQuery {
    /// Reads the header comments of a query text.
    pub fn parse(name: &str, sparql: &str) -> CannedQuery {
        let mut description = String::new();
        let mut params = Vec::new();
        let mut page = None;
        for line in sparql.lines() {
            let Some(comment) = line.trim_start().strip_prefix('#') else {
                if line.trim().is_empty() {
                    continue;
                }
                break;
            };
            let comment = comment.trim();
            if let Some(p) = comment.strip_prefix("param:") {
                let p = p.trim();
                let (var, desc) = p.split_once(char::is_whitespace).unwrap_or((p, ""));
                params.push(QueryParam {
                    name: var.trim_start_matches(['?', '$']).to_string(),
                    description: desc.trim().to_string(),
                });
            } else if let Some(unit) = comment.strip_prefix("page:") {
                page = Some(unit.trim().to_string());
            } else if description.is_empty() && !comment.is_empty() {
                description = comment.to_string();
            }
        }
        CannedQuery {
            name: name.to_string(),
            description,
            params,
            page,
            sparql: sparql.to_string(),
        }
    }
}

/// The canned queries embedded in this build, sorted by name.
pub fn builtin() -> Vec<CannedQuery> {
    let mut v: Vec<CannedQuery> = EMBEDDED
        .iter()
        .map(|(name, text)| CannedQuery::parse(name, text))
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Looks a canned query up by name.
pub fn find(name: &str) -> Result<CannedQuery> {
    builtin()
        .into_iter()
        .find(|q| q.name == name)
        .ok_or_else(|| Error::UnknownQuery(name.to_string()))
}

/// Loads the `.rq` files of a folder (for user-supplied query collections).
pub fn load_dir(dir: &Path) -> Result<Vec<CannedQuery>> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("rq") {
            continue;
        }
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        out.push(CannedQuery::parse(stem, &text));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Turns a parameter value into an RDF term: `<iri>` or a bare absolute IRI becomes a
/// named node, `"..."` a literal, an integer an `xsd:integer`, anything else a plain literal.
pub fn param_term(value: &str) -> oxigraph::model::Term {
    use oxigraph::model::{Literal, NamedNode, Term};
    let v = value.trim();
    let iri = v
        .strip_prefix('<')
        .and_then(|x| x.strip_suffix('>'))
        .or_else(|| (v.starts_with("http://") || v.starts_with("https://") || v.starts_with("urn:")).then_some(v));
    if let Some(iri) = iri {
        if let Ok(n) = NamedNode::new(iri) {
            return Term::NamedNode(n);
        }
    }
    if let Some(s) = v.strip_prefix('"').and_then(|x| x.strip_suffix('"')) {
        return Term::Literal(Literal::new_simple_literal(s));
    }
    if let Ok(i) = v.parse::<i64>() {
        return Term::Literal(Literal::from(i));
    }
    Term::Literal(Literal::new_simple_literal(v))
}

/// Parses a query, resolving relative IRIs against `base` (the store's base IRI).
pub fn parse(sparql: &str, base: &str) -> Result<Query> {
    let parser = spargebra::SparqlParser::new()
        .with_base_iri(base)
        .map_err(|e| Error::Invalid(format!("base IRI {base:?}: {e}")))?;
    Ok(parser.parse_query(sparql)?)
}

/// Parses a query and sets its page: a canned listing (`paged`) is cut by its paging
/// subquery, with `page.limit` `None` keeping the page size in its text; any other query
/// only when `page` asks for a limit or an offset. Returns the query and the length of
/// the page it answers (`None`: unbounded).
pub fn prepare(sparql: &str, base: &str, paged: bool, page: Page) -> Result<(Query, Option<usize>)> {
    let mut query = parse(sparql, base)?;
    let length = if paged {
        apply_page(&mut query, page, PageAt::Subquery)?
    } else if page != Page::default() {
        apply_page(&mut query, page, PageAt::Answer)?
    } else {
        None
    };
    Ok((query, length))
}

/// A page of answers: `limit` of them (`None` keeps the query's own LIMIT, if any;
/// `Some(0)` means all) from `offset` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Page {
    pub limit: Option<usize>,
    pub offset: usize,
}

impl Page {
    /// The whole listing (`--limit 0`).
    pub const ALL: Page = Page {
        limit: Some(0),
        offset: 0,
    };

    /// The SPARQL length of the page, given the query's own.
    fn length(self, own: Option<usize>) -> Option<usize> {
        match self.limit {
            None => own,
            Some(0) => None,
            Some(n) => Some(n),
        }
    }
}

/// Where [`apply_page`] cuts a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageAt {
    /// The answer itself: its LIMIT/OFFSET is replaced, or one is added.
    Answer,
    /// The paging subquery of a canned listing (`# page:`): its LIMIT, the outermost
    /// one of the query.
    Subquery,
}

/// Sets the page of a parsed query (see the module doc). Returns the length of the page
/// (`None`: unbounded).
pub fn apply_page(query: &mut Query, page: Page, at: PageAt) -> Result<Option<usize>> {
    let pattern = match query {
        Query::Select { pattern, .. }
        | Query::Construct { pattern, .. }
        | Query::Describe { pattern, .. }
        | Query::Ask { pattern, .. } => pattern,
    };
    if at == PageAt::Answer {
        let (top, own) = match &mut *pattern {
            GraphPattern::Slice { inner, length, .. } => (std::mem::take(inner.as_mut()), *length),
            p => (std::mem::take(p), None),
        };
        let length = page.length(own);
        *pattern = GraphPattern::Slice {
            inner: Box::new(top),
            start: page.offset,
            length,
        };
        return Ok(length);
    }
    let Some(GraphPattern::Slice {
        start: s, length: l, ..
    }) = outermost_slice(pattern)
    else {
        return Err(Error::Invalid(
            "a paged query (# page:) needs a LIMIT on the subquery that picks a page".into(),
        ));
    };
    (*s, *l) = (page.offset, page.length(*l));
    Ok(*l)
}

/// The first LIMIT/OFFSET met going down from the top of a pattern.
fn outermost_slice(p: &mut GraphPattern) -> Option<&mut GraphPattern> {
    if matches!(p, GraphPattern::Slice { .. }) {
        return Some(p);
    }
    match p {
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => match outermost_slice(left) {
            Some(s) => Some(s),
            None => outermost_slice(right),
        },
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Extend { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Group { inner, .. }
        | GraphPattern::Service { inner, .. } => outermost_slice(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_gives_description_and_params() {
        let q = CannedQuery::parse(
            "x",
            "# Evidence for a fact.\n# param: ?op  the operation IRI\nSELECT * WHERE { ?s ?p ?o }",
        );
        assert_eq!(q.description, "Evidence for a fact.");
        assert_eq!(q.params.len(), 1);
        assert_eq!(q.params[0].name, "op");
        assert_eq!(q.params[0].description, "the operation IRI");
    }

    #[test]
    fn every_file_in_queries_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let on_disk = load_dir(&dir).expect("queries/ readable");
        let names: Vec<_> = builtin().into_iter().map(|q| q.name).collect();
        let disk: Vec<_> = on_disk.into_iter().map(|q| q.name).collect();
        assert_eq!(names, disk);
        for q in builtin() {
            assert!(!q.description.is_empty(), "{} has no description comment", q.name);
        }
    }

    const LISTING: &str = "SELECT ?x ?n WHERE { { SELECT ?x WHERE { ?x a <http://e.org/T> } ORDER BY ?x LIMIT 100 } ?x <http://e.org/n> ?n }";

    /// The LIMIT and OFFSET of the first slice met from the top, as the query prints them.
    fn slices(q: &Query) -> String {
        q.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .windows(2)
            .filter(|w| w[0] == "LIMIT" || w[0] == "OFFSET")
            .map(|w| format!("{} {}", w[0], w[1]))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_listing_is_paged_by_its_subquery() {
        let (q, n) = prepare(LISTING, "http://e.org/", true, Page::default()).unwrap();
        assert_eq!(n, Some(100), "the page size written in the query");
        assert_eq!(slices(&q), "LIMIT 100");
        let page = Page {
            limit: Some(20),
            offset: 40,
        };
        let (q, n) = prepare(LISTING, "http://e.org/", true, page).unwrap();
        assert_eq!(n, Some(20));
        assert_eq!(slices(&q), "OFFSET 40 LIMIT 20");
        assert!(q.to_string().ends_with("?n . }"), "the outer query has no LIMIT: {q}");
        let (q, n) = prepare(LISTING, "http://e.org/", true, Page::ALL).unwrap();
        assert_eq!((n, slices(&q)), (None, String::new()), "--limit 0 answers everything");
    }

    #[test]
    fn other_queries_are_paged_as_a_whole_and_only_when_asked() {
        let plain = "SELECT ?s WHERE { ?s ?p ?o }";
        let (q, n) = prepare(plain, "http://e.org/", false, Page::default()).unwrap();
        assert_eq!((n, slices(&q)), (None, String::new()));
        let page = Page {
            limit: Some(5),
            offset: 10,
        };
        let (q, n) = prepare(plain, "http://e.org/", false, page).unwrap();
        assert_eq!((n, slices(&q)), (Some(5), "OFFSET 10 LIMIT 5".to_string()));
        // A query's own LIMIT is replaced, not nested in another; an offset alone keeps it.
        let (q, _) = prepare(&format!("{plain} LIMIT 3"), "http://e.org/", false, page).unwrap();
        assert_eq!(slices(&q), "OFFSET 10 LIMIT 5");
        let offset = Page { limit: None, offset: 2 };
        let (q, _) = prepare(&format!("{plain} LIMIT 3"), "http://e.org/", false, offset).unwrap();
        assert_eq!(slices(&q), "OFFSET 2 LIMIT 3");
    }

    #[test]
    fn relative_iris_resolve_against_the_store_base() {
        let q = parse(
            "SELECT * WHERE { GRAPH <graph/corpus> { ?s ?p ?o } }",
            "http://e.org/id/",
        )
        .unwrap();
        assert!(q.to_string().contains("<http://e.org/id/graph/corpus>"), "{q}");
    }

    #[test]
    fn a_paged_query_without_a_limit_is_refused() {
        let e = prepare("SELECT * WHERE { ?s ?p ?o }", "http://e.org/", true, Page::default()).unwrap_err();
        assert!(e.to_string().contains("LIMIT"), "{e}");
    }

    #[test]
    fn the_listings_declare_their_page() {
        for name in [
            "operations",
            "operation-actors",
            "evidence",
            "disagreements",
            "reports",
            "entities",
        ] {
            let q = find(name).unwrap();
            assert!(q.page.is_some(), "{name} has no # page: line");
            let (_, n) = prepare(&q.sparql, crate::rdf::DEFAULT_BASE, true, Page::default()).unwrap();
            assert!(n.is_some_and(|n| n <= 100), "{name}: default page {n:?}");
        }
    }

    #[test]
    fn param_terms() {
        use oxigraph::model::Term;
        assert!(matches!(param_term("<https://x.org/a>"), Term::NamedNode(_)));
        assert!(matches!(param_term("https://x.org/a"), Term::NamedNode(_)));
        assert!(matches!(param_term("42"), Term::Literal(_)));
    }
}

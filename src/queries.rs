//! Canned SPARQL queries: the `.rq` files of `queries/`, embedded in the binary.
//!
//! Each file starts with comment lines: the first says what the query answers; lines of
//! the form `# param: ?name  description` declare parameters that callers may bind
//! (`opgraph query evidence --param op=<IRI>`, `/queries/evidence?op=<IRI>`). A bound
//! parameter is substituted into the parsed query (never spliced into its text), so a
//! parameter value cannot change the shape of the query.

use std::path::Path;

use serde::Serialize;

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
            } else if description.is_empty() && !comment.is_empty() {
                description = comment.to_string();
            }
        }
        CannedQuery {
            name: name.to_string(),
            description,
            params,
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

    #[test]
    fn param_terms() {
        use oxigraph::model::Term;
        assert!(matches!(param_term("<https://x.org/a>"), Term::NamedNode(_)));
        assert!(matches!(param_term("https://x.org/a"), Term::NamedNode(_)));
        assert!(matches!(param_term("42"), Term::Literal(_)));
    }
}

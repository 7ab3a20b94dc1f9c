//! From extractions to triples: the IRI scheme, the vocabulary, and the mapping of an
//! [`crate::model::Extraction`] to the quads of one report graph.
//!
//! ## IRI scheme (base `https://w3id.org/opgraph/id/` unless `--base` says otherwise)
//!
//! | node | IRI |
//! | --- | --- |
//! | entity | `{base}entity/{key}` (gazetteer slug, or `type/name-slug` when minted) |
//! | report | `{base}report/{sha16}` (first 16 hex digits of the content's SHA-256) |
//! | report graph | `{base}graph/report/{sha16}` |
//! | sentence, mention, operation mention | `{base}report/{sha16}/s/{i}`, `.../m/{j}`, `.../op/{k}` |
//! | corpus-level operation | `{base}op/{start}-{slug}` |
//! | collaboration of two actors | `{base}collab/{sha16}` (of the two actor IRIs, sorted) |
//! | graphs of the corpus, gazetteer, ontology, store metadata, scores | `{base}graph/{corpus,gazetteer,ontology,meta,scores}` |

pub mod mapping;
pub mod sophia;
pub mod vocab;

use oxigraph::model::NamedNode;

/// The default base IRI for data nodes.
pub const DEFAULT_BASE: &str = "https://w3id.org/opgraph/id/";

/// Mints the IRIs of every kind of node from one base.
#[derive(Debug, Clone)]
pub struct Iris {
    base: String,
}

impl Default for Iris {
    fn default() -> Self {
        Iris {
            base: DEFAULT_BASE.to_string(),
        }
    }
}

impl Iris {
    /// A base must be an absolute IRI; a missing trailing `/` or `#` is added.
    pub fn new(base: &str) -> crate::Result<Iris> {
        let mut base = base.trim().to_string();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        NamedNode::new(format!("{base}x"))
            .map_err(|e| crate::Error::Invalid(format!("base IRI {base:?} is not an absolute IRI: {e}")))?;
        Ok(Iris { base })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn node(&self, path: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{}{}", self.base, path))
    }

    /// A node whose path is formatted straight after the base: one allocation per IRI
    /// (the mapping mints several per mention).
    fn node_fmt(&self, path: std::fmt::Arguments<'_>) -> NamedNode {
        use std::fmt::Write as _;
        let mut iri = String::with_capacity(self.base.len() + 48);
        iri.push_str(&self.base);
        let _ = iri.write_fmt(path);
        NamedNode::new_unchecked(iri)
    }

    pub fn entity(&self, key: &str) -> NamedNode {
        self.node_fmt(format_args!("entity/{key}"))
    }
    /// The entity base, as used by the gazetteer.
    pub fn entity_base(&self) -> String {
        format!("{}entity/", self.base)
    }
    /// The key of an entity IRI minted by [`Iris::entity`].
    pub fn entity_key<'a>(&self, iri: &'a str) -> Option<&'a str> {
        iri.strip_prefix(self.base.as_str())?.strip_prefix("entity/")
    }
    pub fn report(&self, sha: &str) -> NamedNode {
        self.node_fmt(format_args!("report/{}", short(sha)))
    }
    pub fn report_graph(&self, sha: &str) -> NamedNode {
        self.node_fmt(format_args!("graph/report/{}", short(sha)))
    }
    pub fn extraction(&self, sha: &str) -> NamedNode {
        self.node_fmt(format_args!("report/{}/extraction", short(sha)))
    }
    pub fn sentence(&self, sha: &str, i: usize) -> NamedNode {
        self.node_fmt(format_args!("report/{}/s/{i}", short(sha)))
    }
    pub fn mention(&self, sha: &str, j: usize) -> NamedNode {
        self.node_fmt(format_args!("report/{}/m/{j}", short(sha)))
    }
    pub fn op_mention(&self, sha: &str, k: usize) -> NamedNode {
        self.node_fmt(format_args!("report/{}/op/{k}", short(sha)))
    }
    pub fn assertion(&self, sha: &str, k: usize, n: usize) -> NamedNode {
        self.node_fmt(format_args!("report/{}/op/{k}/a/{n}", short(sha)))
    }
    pub fn op_count(&self, sha: &str, k: usize, n: usize) -> NamedNode {
        self.node_fmt(format_args!("report/{}/op/{k}/count/{n}", short(sha)))
    }
    pub fn operation(&self, slug: &str) -> NamedNode {
        self.node_fmt(format_args!("op/{slug}"))
    }
    /// The node of the collaboration of two actors (the same for either order): the first
    /// 16 hex digits of the SHA-256 of their IRIs, sorted and joined by a newline.
    pub fn collaboration(&self, a: &str, b: &str) -> NamedNode {
        use sha2::{Digest, Sha256};
        let (x, y) = if a <= b { (a, b) } else { (b, a) };
        let mut h = Sha256::new();
        h.update(x.as_bytes());
        h.update(b"\n");
        h.update(y.as_bytes());
        let hex: String = h.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect();
        self.node_fmt(format_args!("collab/{hex}"))
    }
    /// The slug of an operation IRI minted by [`Iris::operation`].
    pub fn operation_slug<'a>(&self, iri: &'a NamedNode) -> Option<&'a str> {
        iri.as_str().strip_prefix(self.base.as_str())?.strip_prefix("op/")
    }
    pub fn operation_count(&self, slug: &str, n: usize) -> NamedNode {
        self.node_fmt(format_args!("op/{slug}/count/{n}"))
    }
    pub fn score(&self, run: &str, n: usize) -> NamedNode {
        self.node_fmt(format_args!("score/{run}/{n}"))
    }
    pub fn corpus_graph(&self) -> NamedNode {
        self.node("graph/corpus")
    }
    pub fn gazetteer_graph(&self) -> NamedNode {
        self.node("graph/gazetteer")
    }
    pub fn ontology_graph(&self) -> NamedNode {
        self.node("graph/ontology")
    }
    pub fn meta_graph(&self) -> NamedNode {
        self.node("graph/meta")
    }
    pub fn scores_graph(&self) -> NamedNode {
        self.node("graph/scores")
    }
    pub fn store_node(&self) -> NamedNode {
        self.node("store")
    }
    /// Is this a per-report graph?
    pub fn is_report_graph(&self, iri: &str) -> bool {
        iri.strip_prefix(self.base.as_str())
            .is_some_and(|rest| rest.starts_with("graph/report/"))
    }
}

/// The first 16 hex digits of a SHA-256: enough to be unique in any real corpus.
pub fn short(sha: &str) -> &str {
    sha.get(..16).unwrap_or(sha)
}

/// Lower-case ASCII slug of a name: letters and digits, runs of anything else to `-`.
/// Diacritics are folded (`Policía` → `policia`), so spelling variants meet.
pub fn slugify(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if c.is_alphanumeric() {
            // Non-Latin letters: keep them readable rather than dropping them.
            for l in c.to_lowercase() {
                out.push(l);
            }
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 80 {
        let mut cut = 80;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        while out.ends_with('-') {
            out.pop();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_case_and_marks() {
        assert_eq!(slugify("Policía Nacional"), "policia-nacional");
        assert_eq!(slugify("  Eric Van Der Sypt "), "eric-van-der-sypt");
        assert_eq!(slugify("Europol's EC3!"), "europol-s-ec3");
        assert_eq!(slugify("---"), "");
    }

    #[test]
    fn iris_hang_off_the_base() {
        let iris = Iris::new("http://example.org/kg").unwrap();
        assert_eq!(iris.entity("europol").as_str(), "http://example.org/kg/entity/europol");
        assert_eq!(
            iris.entity_key("http://example.org/kg/entity/person/x"),
            Some("person/x")
        );
        let sha = "0123456789abcdef0123";
        assert_eq!(
            iris.report_graph(sha).as_str(),
            "http://example.org/kg/graph/report/0123456789abcdef"
        );
        assert!(iris.is_report_graph(iris.report_graph(sha).as_str()));
        assert!(Iris::new("not an iri").is_err());
    }
}

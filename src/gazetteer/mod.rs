//! The gazetteer: known entities with their names in five languages, and a fast matcher.
//!
//! The data is `ontology/gazetteer.ttl` (embedded in the binary): one SKOS concept per
//! entity, `ent:<slug> a opg:<Type>`, with `skos:prefLabel` (one per language where the
//! name differs), `skos:altLabel` (other names, abbreviations, variants),
//! `skos:hiddenLabel` (names matched only exactly as written), `opg:demonym` (for
//! countries: every inflected adjective and inhabitant form), `opg:country`,
//! `opg:parentAgency` and `owl:sameAs` (Wikidata, only where certain).
//!
//! User files (`--gazetteer FILE`) in the same shape add entries, or labels to existing
//! entries, through [`Gazetteer::extend`] / [`Gazetteer::extend_from_turtle`].
//!
//! Matching rules (word boundaries, case, diacritics) are documented in [`matcher`].

pub mod fold;
pub mod matcher;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

pub use matcher::{CaseRule, GazMatch, Matcher};

use crate::error::{Error, Result};
use crate::model::EntityType;

/// The ontology namespace.
pub const OPG: &str = "https://w3id.org/opgraph/ontology#";
/// The default base IRI of gazetteer entities.
pub const DEFAULT_ENTITY_BASE: &str = "https://w3id.org/opgraph/id/entity/";
const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";

/// The built-in gazetteer data.
pub const BUILTIN_TTL: &str = include_str!("../../ontology/gazetteer.ttl");
const BUILTIN_PATH: &str = "ontology/gazetteer.ttl";

/// What kind of name a label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LabelKind {
    /// `skos:prefLabel`: the preferred name in its language.
    Pref,
    /// `skos:altLabel` (or `rdfs:label`): another name, abbreviation or variant.
    Alt,
    /// `opg:demonym`: an adjective or inhabitant form of a country.
    Demonym,
    /// `opg:combiningForm`: the first part of a compound adjective ("franco" in
    /// "franco-belge", "Sino" in "Sino-Russian"), matched only before a hyphen and a
    /// letter; it stands for its country as a demonym does.
    CombiningForm,
    /// `skos:hiddenLabel`: matched only exactly as written (case-sensitive).
    Hidden,
}

impl LabelKind {
    /// The property the label is stated with.
    pub fn property(self) -> String {
        match self {
            LabelKind::Pref => format!("{SKOS}prefLabel"),
            LabelKind::Alt => format!("{SKOS}altLabel"),
            LabelKind::Hidden => format!("{SKOS}hiddenLabel"),
            LabelKind::Demonym => format!("{OPG}demonym"),
            LabelKind::CombiningForm => format!("{OPG}combiningForm"),
        }
    }
}

/// One name of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Label {
    /// The name as written.
    pub text: String,
    /// Language tag (`en`, `nl`, `fr`, `de`, `es`...), if any.
    pub lang: Option<String>,
    /// Which property states it.
    pub kind: LabelKind,
}

/// One known entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Stable identifier: the local name of `ent:<slug>` (`europol`, `belgium`).
    pub slug: String,
    /// Its type (one of the closed set).
    pub etype: EntityType,
    /// The preferred label: English if present, else untagged, else the first one.
    pub pref_label: String,
    /// Every name, in file order, without duplicates.
    pub labels: Vec<Label>,
    /// `owl:sameAs` IRIs (Wikidata).
    pub same_as: Vec<String>,
    /// `opg:country`: slug of the country a national body belongs to.
    pub country: Option<String>,
    /// `opg:parentAgency`: slug of the body a unit belongs to.
    pub parent: Option<String>,
}

/// The gazetteer: entries, an index by slug, and a lazily built [`Matcher`].
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    by_slug: HashMap<String, usize>,
    matcher: OnceLock<Matcher>,
}

impl Clone for Gazetteer {
    fn clone(&self) -> Self {
        Gazetteer {
            entries: self.entries.clone(),
            by_slug: self.by_slug.clone(),
            matcher: OnceLock::new(),
        }
    }
}

/// An entry while parsing: type and labels may still be missing.
#[derive(Debug, Default)]
struct Partial {
    etype: Option<EntityType>,
    labels: Vec<Label>,
    same_as: Vec<String>,
    country: Option<String>,
    parent: Option<String>,
}

fn gerr(path: &str, reason: impl Into<String>) -> Error {
    Error::Gazetteer {
        path: path.to_string(),
        reason: reason.into(),
    }
}

/// The slug of an entity IRI: what follows the default base, else the last path segment.
fn slug_of(iri: &str) -> &str {
    iri.strip_prefix(DEFAULT_ENTITY_BASE)
        .unwrap_or_else(|| iri.rsplit(['/', '#']).next().unwrap_or(iri))
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_' || b == b'.')
        && s.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
}

/// Parses Turtle into partial entries, in subject order of first appearance.
fn parse_partials(text: &str, path: &str) -> Result<Vec<(String, Partial)>> {
    let mut order: Vec<(String, Partial)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let parser = RdfParser::from_format(RdfFormat::Turtle).for_slice(text.as_bytes());
    for q in parser {
        let q = q.map_err(|e| gerr(path, e.to_string()))?;
        let NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let p = q.predicate.as_str();
        let known = p == RDF_TYPE
            || p == RDFS_LABEL
            || p == OWL_SAME_AS
            || p.starts_with(SKOS)
            || p == format!("{OPG}demonym")
            || p == format!("{OPG}combiningForm")
            || p == format!("{OPG}country")
            || p == format!("{OPG}parentAgency");
        if !known {
            continue;
        }
        // skip statements about ontology terms themselves
        if s.as_str().starts_with(OPG) {
            continue;
        }
        let slug = slug_of(s.as_str()).to_string();
        if !valid_slug(&slug) {
            return Err(gerr(
                path,
                format!(
                    "entity IRI <{}>: slug {slug:?} is not lower-case-hyphenated",
                    s.as_str()
                ),
            ));
        }
        let i = *index.entry(slug.clone()).or_insert_with(|| {
            order.push((slug.clone(), Partial::default()));
            order.len() - 1
        });
        let part = &mut order[i].1;
        let literal = |t: &Term| -> Option<(String, Option<String>)> {
            match t {
                Term::Literal(l) => Some((l.value().trim().to_string(), l.language().map(str::to_string))),
                _ => None,
            }
        };
        let iri = |t: &Term| -> Option<String> {
            match t {
                Term::NamedNode(n) => Some(n.as_str().to_string()),
                _ => None,
            }
        };
        let kind = match p {
            x if x == format!("{SKOS}prefLabel") => Some(LabelKind::Pref),
            x if x == format!("{SKOS}altLabel") || x == RDFS_LABEL => Some(LabelKind::Alt),
            x if x == format!("{SKOS}hiddenLabel") => Some(LabelKind::Hidden),
            x if x == format!("{OPG}demonym") => Some(LabelKind::Demonym),
            x if x == format!("{OPG}combiningForm") => Some(LabelKind::CombiningForm),
            _ => None,
        };
        if let Some(kind) = kind {
            let (text, lang) =
                literal(&q.object).ok_or_else(|| gerr(path, format!("{slug}: <{p}> needs a literal")))?;
            if text.is_empty() {
                return Err(gerr(path, format!("{slug}: empty label")));
            }
            let l = Label { text, lang, kind };
            if !part.labels.contains(&l) {
                part.labels.push(l);
            }
            continue;
        }
        if p == RDF_TYPE {
            let Some(t) = iri(&q.object) else { continue };
            let Some(local) = t.strip_prefix(OPG) else {
                continue;
            };
            let Ok(et) = local.parse::<EntityType>() else {
                // opg:Entity, opg:Actor and other classes are not entity types
                continue;
            };
            match part.etype {
                Some(prev) if prev != et => {
                    return Err(gerr(path, format!("{slug}: two types, {prev} and {et}")));
                }
                _ => part.etype = Some(et),
            }
        } else if p == OWL_SAME_AS {
            let o = iri(&q.object).ok_or_else(|| gerr(path, format!("{slug}: owl:sameAs needs an IRI")))?;
            if !part.same_as.contains(&o) {
                part.same_as.push(o);
            }
        } else if p == format!("{OPG}country") || p == format!("{OPG}parentAgency") {
            let o = iri(&q.object).ok_or_else(|| gerr(path, format!("{slug}: <{p}> needs an IRI")))?;
            let target = slug_of(&o).to_string();
            if p.ends_with("country") {
                part.country = Some(target);
            } else {
                part.parent = Some(target);
            }
        }
    }
    Ok(order)
}

/// The preferred label: English prefLabel, else untagged, else any prefLabel.
fn choose_pref(labels: &[Label]) -> Option<String> {
    let prefs = || labels.iter().filter(|l| l.kind == LabelKind::Pref);
    prefs()
        .find(|l| l.lang.as_deref() == Some("en"))
        .or_else(|| prefs().find(|l| l.lang.is_none()))
        .or_else(|| prefs().next())
        .map(|l| l.text.clone())
}

impl Gazetteer {
    /// The built-in gazetteer (parsed from the embedded TTL on each call; prefer
    /// [`Gazetteer::shared`], which parses it once).
    pub fn builtin() -> Result<Gazetteer> {
        Gazetteer::from_turtle(BUILTIN_TTL, BUILTIN_PATH)
    }

    /// The built-in gazetteer, parsed once per process and shared.
    pub fn shared() -> Result<Arc<Gazetteer>> {
        static SHARED: OnceLock<std::result::Result<Arc<Gazetteer>, String>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                Gazetteer::builtin().map(Arc::new).map_err(|e| match e {
                    Error::Gazetteer { reason, .. } => reason,
                    other => other.to_string(),
                })
            })
            .clone()
            .map_err(|reason| gerr(BUILTIN_PATH, reason))
    }

    /// Parses a gazetteer from Turtle. Every entity needs an `opg:<Type>` and at least one
    /// `skos:prefLabel`; `path_for_errors` names the source in error messages.
    pub fn from_turtle(text: &str, path_for_errors: &str) -> Result<Gazetteer> {
        let mut g = Gazetteer::default();
        for (slug, p) in parse_partials(text, path_for_errors)? {
            let etype = p
                .etype
                .ok_or_else(|| gerr(path_for_errors, format!("{slug}: no opg type (a opg:Agency, ...)")))?;
            let pref_label =
                choose_pref(&p.labels).ok_or_else(|| gerr(path_for_errors, format!("{slug}: no skos:prefLabel")))?;
            g.push(Entry {
                slug,
                etype,
                pref_label,
                labels: p.labels,
                same_as: p.same_as,
                country: p.country,
                parent: p.parent,
            });
        }
        Ok(g)
    }

    /// Reads a user file in the gazetteer shape and merges it: subjects whose slug is
    /// already known may state only labels (and links); new subjects need a type and a
    /// prefLabel, as in [`Gazetteer::from_turtle`].
    pub fn extend_from_turtle(&mut self, text: &str, path_for_errors: &str) -> Result<()> {
        let partials = parse_partials(text, path_for_errors)?;
        let mut other = Gazetteer::default();
        for (slug, p) in partials {
            let existing = self.get(&slug);
            let etype = match (p.etype, existing) {
                (Some(t), _) => t,
                (None, Some(e)) => e.etype,
                (None, None) => {
                    return Err(gerr(path_for_errors, format!("{slug}: new entity without an opg type")));
                }
            };
            let pref_label = match (choose_pref(&p.labels), existing) {
                (Some(l), _) => l,
                (None, Some(e)) => e.pref_label.clone(),
                (None, None) => return Err(gerr(path_for_errors, format!("{slug}: no skos:prefLabel"))),
            };
            other.push(Entry {
                slug,
                etype,
                pref_label,
                labels: p.labels,
                same_as: p.same_as,
                country: p.country,
                parent: p.parent,
            });
        }
        self.extend(other);
        Ok(())
    }

    fn push(&mut self, e: Entry) {
        self.by_slug.insert(e.slug.clone(), self.entries.len());
        self.entries.push(e);
        self.matcher = OnceLock::new();
    }

    /// Merges `other` into `self`: new slugs are appended; for a known slug, labels and
    /// `owl:sameAs` links are added (no duplicates), and `other`'s type, country and
    /// parent replace the existing ones where `other` states them (a user file corrects
    /// the built-in data). The matcher is rebuilt on next use.
    pub fn extend(&mut self, other: Gazetteer) {
        for e in other.entries {
            match self.by_slug.get(&e.slug).copied() {
                Some(i) => {
                    let cur = &mut self.entries[i];
                    cur.etype = e.etype;
                    for l in e.labels {
                        if !cur.labels.contains(&l) {
                            cur.labels.push(l);
                        }
                    }
                    for s in e.same_as {
                        if !cur.same_as.contains(&s) {
                            cur.same_as.push(s);
                        }
                    }
                    if e.country.is_some() {
                        cur.country = e.country;
                    }
                    if e.parent.is_some() {
                        cur.parent = e.parent;
                    }
                    cur.pref_label = choose_pref(&cur.labels).unwrap_or_else(|| e.pref_label.clone());
                }
                None => self.push(e),
            }
        }
        self.matcher = OnceLock::new();
    }

    /// All entries, in file order (built-in first, then user additions).
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this slug.
    pub fn get(&self, slug: &str) -> Option<&Entry> {
        self.by_slug.get(slug).and_then(|&i| self.entries.get(i))
    }

    /// Index of the entry with this slug in [`Gazetteer::entries`].
    pub fn index_of(&self, slug: &str) -> Option<usize> {
        self.by_slug.get(slug).copied()
    }

    /// The matcher over all labels, compiled on first use and kept.
    pub fn matcher(&self) -> &Matcher {
        self.matcher.get_or_init(|| Matcher::new(&self.entries))
    }

    /// Shorthand for `self.matcher().find(text)`.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        self.matcher().find(text)
    }

    /// Re-emits the entries as quads in `graph`, with entity IRIs `base + slug`
    /// (`base` must be an absolute IRI prefix such as [`DEFAULT_ENTITY_BASE`]; check it
    /// with [`Gazetteer::try_to_quads`] when it comes from a user).
    pub fn to_quads(&self, base: &str, graph: &NamedNode) -> Vec<Quad> {
        let g = GraphName::NamedNode(graph.clone());
        let node = |slug: &str| NamedNode::new_unchecked(format!("{base}{slug}"));
        let nn = |iri: String| NamedNode::new_unchecked(iri);
        let mut out = Vec::new();
        for e in &self.entries {
            let s = node(&e.slug);
            out.push(Quad::new(
                s.clone(),
                nn(RDF_TYPE.to_string()),
                nn(format!("{OPG}{}", e.etype.as_str())),
                g.clone(),
            ));
            for l in &e.labels {
                let lit = match &l.lang {
                    Some(lang) => Literal::new_language_tagged_literal_unchecked(l.text.clone(), lang.clone()),
                    None => Literal::new_simple_literal(l.text.clone()),
                };
                out.push(Quad::new(s.clone(), nn(l.kind.property()), lit, g.clone()));
            }
            for sa in &e.same_as {
                if let Ok(o) = NamedNode::new(sa.clone()) {
                    out.push(Quad::new(s.clone(), nn(OWL_SAME_AS.to_string()), o, g.clone()));
                }
            }
            if let Some(c) = &e.country {
                out.push(Quad::new(s.clone(), nn(format!("{OPG}country")), node(c), g.clone()));
            }
            if let Some(p) = &e.parent {
                out.push(Quad::new(
                    s.clone(),
                    nn(format!("{OPG}parentAgency")),
                    node(p),
                    g.clone(),
                ));
            }
        }
        out
    }

    /// Like [`Gazetteer::to_quads`], after checking that `base` makes valid IRIs.
    pub fn try_to_quads(&self, base: &str, graph: &NamedNode) -> Result<Vec<Quad>> {
        NamedNode::new(format!("{base}x")).map_err(|e| Error::Invalid(format!("entity base IRI {base:?}: {e}")))?;
        Ok(self.to_quads(base, graph))
    }
}

/// The built-in gazetteer, parsed once per process (see [`Gazetteer::shared`]).
pub fn shared() -> Result<Arc<Gazetteer>> {
    Gazetteer::shared()
}

impl Gazetteer {
    /// A digest of the entries and labels: the store reloads its gazetteer graph when it changes.
    pub fn fingerprint(&self) -> String {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for e in &self.entries {
            h.update(e.slug.as_bytes());
            h.update([0, e.etype as u8]);
            for l in &e.labels {
                h.update(l.text.as_bytes());
                h.update(l.lang.as_deref().unwrap_or("").as_bytes());
                h.update([l.kind as u8]);
            }
        }
        crate::store::hex(&h.finalize())
    }
}

#[cfg(test)]
mod tests;

//! The gazetteer matcher: every label of every entry in one Aho-Corasick automaton over
//! folded text (see [`super::fold`]), with word boundaries and case rules.
//!
//! ## Word boundaries
//! A match must not have a letter or digit immediately before or after it. Hyphens and
//! apostrophes are boundaries: "IS-propagandamachine" contains `IS`, "Europol's"
//! contains `Europol`, but "ISIS" does not contain `IS`.
//!
//! ## Case rules
//! Matching is diacritics-insensitive everywhere ("Policia Nacional" finds
//! "Policía Nacional"). On top of that, per label:
//! 1. **Exact** — `skos:hiddenLabel`s (and any other label of the same entry with the
//!    same text: stating a name as hidden restricts it), and acronyms (labels with no lower-case letter
//!    and at most 6 letters: `IS`, `EI`, `US`, `U.S.`, `FBI`, `EC3`, `EU IRU`) match
//!    only with exactly the case written in the label.
//! 2. **Capitalised** — single-word labels (no space or hyphen) that start with an
//!    upper-case letter ("Telegram", "Hydra", "Signal", "Turkey", "Belgische") need an
//!    upper-case first letter in the text, or the whole matched text in capitals
//!    ("TELEGRAM"). Words that are also common nouns thus only match as names.
//! 3. **Any case** — multi-word labels ("Islamic State", "federaal parket") and labels
//!    written in lower case (demonyms such as "belges", "spanischen") match in any case.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::fold::{fold, fold_label};
use super::{Entry, LabelKind};
use crate::model::{EntityType, Lang, Span};

/// One gazetteer hit in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GazMatch {
    /// Byte offsets in the original text (always on char boundaries).
    pub span: Span,
    /// Index into [`super::Gazetteer::entries`].
    pub entry: usize,
    /// Index into that entry's [`Entry::labels`].
    pub label: usize,
    /// What kind of label matched.
    pub kind: LabelKind,
}

/// How strictly a label's case must agree with the text (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRule {
    /// The matched text, folded but with its case kept, must equal the label so folded.
    Exact,
    /// The matched text must start with an upper-case letter or be all upper case.
    Capitalised,
    /// Any case.
    Any,
}

/// Decides the case rule of a label.
pub fn case_rule(text: &str, kind: LabelKind) -> CaseRule {
    if kind == LabelKind::Hidden {
        return CaseRule::Exact;
    }
    // A domain ("Nulled.to") is written in any case.
    if is_domain(text) {
        return CaseRule::Any;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let has_lower = text.chars().any(|c| c.is_lowercase());
    if !has_lower && letters <= 6 {
        return CaseRule::Exact;
    }
    let single_word = !text.trim().contains(|c: char| c.is_whitespace() || c == '-');
    let starts_upper = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase());
    if single_word && starts_upper {
        CaseRule::Capitalised
    } else {
        CaseRule::Any
    }
}

/// Is `text` one word ending in a dot and a top-level domain of letters ("Nulled.to",
/// "Cracked.io")? ("U.S." and "St." are not.)
fn is_domain(text: &str) -> bool {
    let Some((name, tld)) = text.rsplit_once('.') else {
        return false;
    };
    (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'))
}

#[derive(Debug, Clone)]
struct Cand {
    entry: usize,
    label: usize,
    kind: LabelKind,
    rule: CaseRule,
    /// The label folded with its case kept (for [`CaseRule::Exact`]).
    cased: String,
    /// A demonym's language, if tagged with one of the five: it is an inflected word
    /// of that language ("Este", an Estonian in German, is "this" in Spanish).
    demonym_lang: Option<Lang>,
}

/// A compiled matcher over a gazetteer's labels. Build it once and share it; it is
/// `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Matcher {
    ac: Option<AhoCorasick>,
    /// Per automaton pattern: the labels that fold to it.
    cands: Vec<Vec<Cand>>,
}

/// The declined forms of a German name ("niederländische Nationalpolizei" →
/// "niederländischen Nationalpolizei", "Europäisches Zentrum ..." → "Europäischen
/// Zentrum ..."): reports write a name in the case of its sentence ("von der
/// niederländischen Nationalpolizei"). The adjectives are the words in -isch-/-lich- with
/// an ending (any label: untagged ones are often German too) and, in labels tagged `de`,
/// any lower-case word in -e. The adjectives of one name decline together.
pub fn german_declensions(label: &str, german: bool) -> Vec<String> {
    const ENDINGS: [&str; 5] = ["e", "es", "er", "en", "em"];
    let stem = |w: &str| -> Option<usize> {
        if w.to_lowercase().len() != w.len() || !w.chars().all(char::is_alphabetic) {
            return None;
        }
        if let Some(n) = adjective_stem_len(w) {
            return Some(n);
        }
        let lowercase_e = w.chars().next().is_some_and(char::is_lowercase) && w.ends_with('e') && w.len() > 4;
        (german && lowercase_e).then(|| w.len() - 1)
    };
    let words: Vec<(&str, Option<usize>)> = label.split(' ').map(|w| (w, stem(w))).collect();
    if words.len() < 2 || words.iter().all(|(_, s)| s.is_none()) {
        return Vec::new();
    }
    ENDINGS
        .iter()
        .map(|ending| {
            words
                .iter()
                .map(|(w, s)| match s.and_then(|n| w.get(..n)) {
                    Some(stem) => format!("{stem}{ending}"),
                    None => (*w).to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|v| v != label)
        .collect()
}

/// The length of a German adjective's stem in -isch-/-lich- before its ending
/// ("niederländische" → "niederländisch"), if `w` is one.
fn adjective_stem_len(w: &str) -> Option<usize> {
    ["es", "er", "en", "em", "e"].iter().find_map(|end| {
        let st = w.strip_suffix(end)?;
        let lower = st.to_lowercase();
        (lower.ends_with("isch") || lower.ends_with("lich")).then_some(st.len())
    })
}

/// Masculine and neuter head nouns of German bodies' names, which take -s or -es in the
/// genitive ("des Landeskriminalamts Nordrhein-Westfalen", "des Amtsgerichtes Köln",
/// "des Polizeipräsidiums Bonn"), and whether -es is written too.
const GERMAN_HEADS: [(&str, bool); 12] = [
    ("amt", true),
    ("gericht", true),
    ("präsidium", false),
    ("ministerium", false),
    ("zentrum", false),
    ("kommissariat", true),
    ("dezernat", true),
    ("referat", true),
    ("institut", true),
    ("kommando", false),
    ("büro", false),
    ("direktorium", false),
];

/// The genitives of a German name whose first word is such a head noun
/// ("Landeskriminalamt Nordrhein-Westfalen" → "Landeskriminalamts Nordrhein-Westfalen",
/// "Landeskriminalamtes Nordrhein-Westfalen"; "Bundeskriminalamt" → "Bundeskriminalamts",
/// "Bundeskriminalamtes"). Feminine heads (Polizei, Staatsanwaltschaft) do not change.
pub fn german_head_genitives(label: &str) -> Vec<String> {
    if let Some(forms) = adjective_head_genitives(label) {
        return forms;
    }
    let (head, rest) = label.split_once(' ').unwrap_or((label, ""));
    let capitalised = head.chars().next().is_some_and(char::is_uppercase);
    if !capitalised || !head.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let Some(endings) = genitive_endings(head) else {
        return Vec::new();
    };
    endings
        .iter()
        .map(|e| {
            if rest.is_empty() {
                format!("{head}{e}")
            } else {
                format!("{head}{e} {rest}")
            }
        })
        .collect()
}

/// The genitives of a German name whose adjectives come before its head noun
/// ("Bayerisches Landeskriminalamt" → "Bayerischen Landeskriminalamts", "Bayerischen
/// Landeskriminalamtes", as in "unter Leitung des bayerischen Landeskriminalamtes"):
/// the adjectives (in -isch-/-lich-) take -en. `None` when the name is not of that shape.
fn adjective_head_genitives(label: &str) -> Option<Vec<String>> {
    let (adjectives, head) = label.rsplit_once(' ')?;
    let endings = genitive_endings(head)?;
    let adjectives: Vec<String> = adjectives
        .split(' ')
        .map(|w| Some(format!("{}en", w.get(..adjective_stem_len(w)?)?)))
        .collect::<Option<_>>()?;
    let adjectives = adjectives.join(" ");
    Some(endings.iter().map(|e| format!("{adjectives} {head}{e}")).collect())
}

/// The genitive endings of a German head noun ([`GERMAN_HEADS`]), if it is one.
fn genitive_endings(head: &str) -> Option<&'static [&'static str]> {
    let lower = head.to_lowercase();
    let &(_, es) = GERMAN_HEADS.iter().find(|(h, _)| lower.ends_with(h))?;
    Some(if es { &["s", "es"] } else { &["s"] })
}

/// The genitive of a one-word German name ("Frankreich" → "Frankreichs"); none for a
/// name that ends in a sibilant or is not one word ("die Schweiz": "der Schweiz").
pub fn german_genitive(name: &str) -> Option<String> {
    let one_word = !name.is_empty() && name.chars().all(char::is_alphabetic);
    let sibilant = name.ends_with(['s', 'x', 'z', 'ß']);
    (one_word && !sibilant).then(|| format!("{name}s"))
}

fn kind_rank(k: LabelKind) -> u8 {
    match k {
        LabelKind::Hidden => 0,
        LabelKind::Pref => 1,
        LabelKind::Alt => 2,
        LabelKind::Demonym => 3,
        LabelKind::CombiningForm => 4,
    }
}

impl Matcher {
    /// Compiles the labels of `entries`.
    pub fn new(entries: &[Entry]) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut key_index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut cands: Vec<Vec<Cand>> = Vec::new();
        for (ei, e) in entries.iter().enumerate() {
            let hidden: Vec<&str> = e
                .labels
                .iter()
                .filter(|l| l.kind == LabelKind::Hidden)
                .map(|l| l.text.as_str())
                .collect();
            let forms = e.labels.iter().enumerate().flat_map(|(li, l)| {
                let german = l.lang.as_deref() == Some("de");
                let mut declined = if german || l.lang.is_none() {
                    german_declensions(&l.text, german)
                } else {
                    Vec::new()
                };
                // The genitive of a German country name: "Frankreichs", "Spaniens".
                if german && e.etype == EntityType::Country && l.kind != LabelKind::Demonym {
                    declined.extend(german_genitive(&l.text));
                }
                if (german || l.lang.is_none()) && e.etype == EntityType::Agency {
                    declined.extend(german_head_genitives(&l.text));
                }
                std::iter::once((li, l, l.text.clone())).chain(declined.into_iter().map(move |t| (li, l, t)))
            });
            for (li, l, text) in forms {
                let key = fold_label(&text, false);
                if key.is_empty() {
                    continue;
                }
                let idx = *key_index.entry(key.clone()).or_insert_with(|| {
                    keys.push(key);
                    cands.push(Vec::new());
                    cands.len() - 1
                });
                let c = Cand {
                    entry: ei,
                    label: li,
                    kind: l.kind,
                    rule: if hidden.contains(&l.text.as_str()) {
                        CaseRule::Exact
                    } else {
                        case_rule(&text, l.kind)
                    },
                    cased: fold_label(&text, true),
                    demonym_lang: l
                        .lang
                        .as_deref()
                        .map(Lang::from_code)
                        .filter(|g| l.kind == LabelKind::Demonym && *g != Lang::Other),
                };
                // one candidate per (entry, cased form, rule) is enough
                if !cands[idx]
                    .iter()
                    .any(|o| o.entry == ei && o.cased == c.cased && o.rule == c.rule && o.kind == c.kind)
                {
                    cands[idx].push(c);
                }
            }
        }
        for list in &mut cands {
            list.sort_by_key(|c| (kind_rank(c.kind), c.entry));
        }
        let ac = if keys.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .ok()
        };
        Matcher { ac, cands }
    }

    /// Number of distinct folded labels in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.cands.len()
    }

    /// All gazetteer hits in `text`, non-overlapping, leftmost-longest among the hits
    /// that satisfy the word-boundary and case rules, in text order.
    pub fn find(&self, text: &str) -> Vec<GazMatch> {
        self.find_in(text, Lang::Other)
    }

    /// [`Matcher::find`] in a text of language `lang`: a demonym tagged with another of
    /// the five languages is left out ("Fin mars" names no Finn, "Este año" no
    /// Estonian). [`Lang::Other`] leaves out none.
    pub fn find_in(&self, text: &str, lang: Lang) -> Vec<GazMatch> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let folded = fold(text, false);
        let ft = folded.text.as_str();
        // (start, end (folded), pattern, candidate index)
        let mut hits: Vec<(usize, usize, usize, usize)> = Vec::new();
        for m in ac.find_overlapping_iter(ft) {
            let (s, e) = (m.start(), m.end());
            if !boundary_ok(ft, s, e) {
                continue;
            }
            let pid = m.pattern().as_usize();
            let Some(list) = self.cands.get(pid) else {
                continue;
            };
            let Some((os, oe)) = orig_span(text, &folded.map, s, e) else {
                continue;
            };
            let surface = &text[os..oe];
            let mut cased: Option<String> = None;
            // Prefer a candidate whose case agrees exactly, then by kind and entry order.
            let mut best: Option<(bool, usize)> = None;
            for (ci, c) in list.iter().enumerate() {
                if lang != Lang::Other && c.demonym_lang.is_some_and(|g| g != lang) {
                    continue;
                }
                let exact = {
                    let cf = cased.get_or_insert_with(|| fold_label(surface, true));
                    *cf == c.cased
                };
                let ok = match c.rule {
                    CaseRule::Exact => exact,
                    CaseRule::Capitalised => capitalised(surface),
                    CaseRule::Any => true,
                } && (c.kind != LabelKind::CombiningForm || before_compound(text, oe));
                if !ok {
                    continue;
                }
                match best {
                    None => best = Some((exact, ci)),
                    Some((false, _)) if exact => best = Some((exact, ci)),
                    _ => {}
                }
                if exact {
                    break;
                }
            }
            if let Some((_, ci)) = best {
                hits.push((s, e, pid, ci));
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut last_end = 0usize;
        for (s, e, pid, ci) in hits {
            if s < last_end {
                continue;
            }
            let Some((os, oe)) = orig_span(text, &folded.map, s, e) else {
                continue;
            };
            let Some(c) = self.cands.get(pid).and_then(|l| l.get(ci)) else {
                continue;
            };
            out.push(GazMatch {
                span: Span::new(os, oe),
                entry: c.entry,
                label: c.label,
                kind: c.kind,
            });
            last_end = e;
        }
        out
    }
}

/// No letter or digit right before `s` or right at `e` in the folded text.
fn boundary_ok(ft: &str, s: usize, e: usize) -> bool {
    let before = ft.get(..s).and_then(|p| p.chars().next_back());
    let after = ft.get(e..).and_then(|p| p.chars().next());
    !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
}

/// Does a hyphen and a letter follow byte `e` of the text ("franco|-belge")? (Folding
/// makes hyphens spaces, so the original text is asked.)
fn before_compound(text: &str, e: usize) -> bool {
    let mut rest = text.get(e..).unwrap_or("").chars();
    matches!(rest.next(), Some('-' | '\u{2010}' | '\u{2011}')) && rest.next().is_some_and(char::is_alphabetic)
}

/// The original byte span of folded bytes `[s, e)`.
fn orig_span(text: &str, map: &[u32], s: usize, e: usize) -> Option<(usize, usize)> {
    if e == 0 || s >= e {
        return None;
    }
    let os = *map.get(s)? as usize;
    let last = *map.get(e - 1)? as usize;
    let ch = text.get(last..)?.chars().next()?;
    let oe = last + ch.len_utf8();
    if oe <= os {
        return None;
    }
    Some((os, oe))
}

/// First letter upper case, or no lower-case letter at all.
fn capitalised(surface: &str) -> bool {
    let first = surface.chars().find(|c| c.is_alphanumeric());
    first.is_some_and(|c| c.is_uppercase()) || !surface.chars().any(|c| c.is_lowercase())
}

//! Mentions: where a report names an entity.
//!
//! Three sources, in order of trust:
//! 1. the gazetteer (known entities, all their names and demonyms, five languages);
//! 2. patterns for named bodies not in the gazetteer: a run of capitalised words with an
//!    authority head word ("Provincial Brigade of Ceuta", "Landeskriminalamt Bayern",
//!    "Juzgado Central de Instrucción número 3"), optionally led by a demonym;
//! 3. patterns for persons (capitalised name runs next to a title, a speech verb or a
//!    byline cue, or starting with a known given name; photo credits "Image: X/Y. Name")
//!    and for outlets, groups, companies and organisations named by their context
//!    ("the X news agency", "the X botnet", "X Market", "a reporter for X");
//! 4. abbreviations defined in parentheses ("the Unidad Central Operativa (UCO)"), whose
//!    long and short forms name one entity ([`super::abbrev`]).
//!
//! Overlaps are resolved leftmost-longest with the gazetteer winning ties; a country or
//! place inside a named body ("... of Ceuta") stays as a nested mention.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::abbrev;
use super::wordre::{WordRegex, WordSet};
use crate::gazetteer::{Gazetteer, LabelKind};
use crate::model::{EntityType, Lang, Span};
use crate::rdf::slugify;

/// One mention before entities are assembled.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMention {
    pub span: Span,
    pub key: String,
    pub etype: EntityType,
    pub label: String,
    pub rule: String,
    pub confidence: f32,
    pub from_gazetteer: bool,
    /// A demonym ("Belgian") standing for its country.
    pub demonym: bool,
    /// Inside a longer mention (a place inside an agency name).
    pub nested: bool,
}

/// A word of the text with its byte span.
#[derive(Debug, Clone, Copy)]
pub struct Word<'a> {
    pub text: &'a str,
    pub span: Span,
}

/// A letter or digit (`\p{L}`, `\p{N}` and the letter-like marks of `char::is_alphanumeric`).
fn word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// A combining mark (`\p{M}` in the blocks Latin, Greek and Cyrillic text uses): inside
/// a word, never at its start.
fn combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The words of a text slice, with spans offset by `base`: a letter or digit, then
/// letters, digits, marks, apostrophes and hyphens, ending on a letter, digit or mark
/// ("Jean-Marc", "l'Union", "EU-IRU", "2019"). A scan, not a regex: it runs on every
/// sentence, and the Unicode classes kept the regex off its fast engines.
pub fn words(text: &str, base: usize) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, d)) = chars.peek() {
            if word_char(d) || combining_mark(d) {
                end = i + d.len_utf8();
            } else if !matches!(d, '\'' | '’' | '-') {
                break;
            }
            chars.next();
        }
        // Trailing apostrophes and hyphens were passed over, not taken: go on after them
        // (they start no word).
        out.push(Word {
            text: &text[start..end],
            span: Span::new(base + start, base + end),
        });
    }
    out
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_all_caps(w: &str) -> bool {
    w.chars().any(|c| c.is_alphabetic()) && !w.chars().any(|c| c.is_lowercase())
}

/// Head words of named public bodies, per language, lower-case. A capitalised run that
/// contains one (or, for German compounds, ends with one) names an Agency.
const AGENCY_HEADS: &[&str] = &[
    // en
    "police",
    "court",
    "courts",
    "prosecutor",
    "prosecutors",
    "prosecution",
    "office",
    "agency",
    "unit",
    "bureau",
    "directorate",
    "ministry",
    "department",
    "gendarmerie",
    "guard",
    "brigade",
    "commissariat",
    "service",
    "services",
    "command",
    "squad",
    "division",
    "force",
    "constabulary",
    "centre",
    "center",
    "taskforce",
    "task",
    "judge",
    "tribunal",
    "intelligence",
    "customs",
    "inspectorate",
    "authority",
    "secretariat",
    // nl
    "politie",
    "parket",
    "recherche",
    "dienst",
    "eenheid",
    "marechaussee",
    "ministerie",
    "rechtbank",
    "onderzoeksrechter",
    "douane",
    "inlichtingendienst",
    // fr
    "parquet",
    "direction",
    "juge",
    "cour",
    "ministère",
    "sûreté",
    "préfecture",
    "gendarmerie",
    // de
    "polizei",
    "staatsanwaltschaft",
    "kriminalamt",
    "landeskriminalamt",
    "bundeskriminalamt",
    "gericht",
    "behörde",
    "ministerium",
    "präsidium",
    "polizeipräsidium",
    "bundesamt",
    "amt",
    "zoll",
    "generalstaatsanwaltschaft",
    "bundesanwaltschaft",
    "kommissariat",
    // es
    "policía",
    "policia",
    "fiscalía",
    "fiscalia",
    "audiencia",
    "juzgado",
    "brigada",
    "comisaría",
    "comisaria",
    "guardia",
    "ministerio",
    "unidad",
    "jefatura",
    "dirección",
    "direccion",
    "mossos",
    "ertzaintza",
    "tribunal",
];

/// German compound endings that make a single capitalised word an agency name.
const AGENCY_SUFFIXES: &[&str] = &[
    "polizei",
    "staatsanwaltschaft",
    "kriminalamt",
    "gericht",
    "behörde",
    "ministerium",
    "präsidium",
];

/// Lower-case words that may join capitalised words inside a name.
const NAME_CONNECTORS: &[&str] = &[
    "of", "for", "the", "and", "on", "de", "del", "la", "las", "los", "des", "du", "d", "l", "van", "voor", "het",
    "für", "der", "des", "y", "et", "en", "und", "against", "number", "número", "nº", "nr", "el", "le", "para", "pour",
    "contra", "contre",
];

/// Connectors that coordinate two names as well as join the words of one
/// ("Ministry of Justice and Security" but "Europol and Eurojust").
const COORDINATORS: &[&str] = &["and", "y", "et", "en", "und"];

/// Head words that, after "Media", name an outlet rather than an authority
/// ("Al-Hayat Media Center"); the outlet patterns type those names.
const OUTLET_HEADS: &[&str] = &["center", "centre", "office", "foundation"];

/// Capitalised words that never start a name of their own (sentence openers, pronouns,
/// months, weekdays, generic capitalised words).
const NAME_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "to",
    "and",
    "but",
    "or",
    "as",
    "after",
    "before",
    "during",
    "since",
    "between",
    "while",
    "when",
    "where",
    "who",
    "which",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "de",
    "het",
    "een",
    "op",
    "na",
    "bij",
    "tijdens",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "au",
    "aux",
    "dans",
    "der",
    "die",
    "das",
    "ein",
    "eine",
    "im",
    "am",
    "el",
    "los",
    "las",
    "una",
    "unos",
    "unas",
    "einen",
    "einem",
    "einer",
    "eines",
    "en",
    "con",
    "por",
    "según",
    "selon",
    "volgens",
    "laut",
    "also",
    "however",
    // Sentence adverbs before a comma ("Meanwhile, the app, used by ..."), never names.
    "meanwhile",
    "moreover",
    "furthermore",
    "additionally",
    "separately",
    "overall",
    "previously",
    "earlier",
    "later",
    "today",
    "yesterday",
    "recently",
    "instead",
    "currently",
    "subsequently",
    "consequently",
    "therefore",
    "thus",
    "finally",
    "initially",
    "image",
    "photo",
    "foto",
    "bild",
    "read",
    "more",
    "share",
    "skip",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sir",
    "said",
    "says",
    "according",
    "previous",
    "efforts",
    "source",
    "terrorism",
    "international",
    "european",
    "police",
    "operation",
    "operación",
    "opération",
    "operatie",
    "officials",
    "experts",
    "statement",
    "deze",
    "dit",
    "ce",
    "cette",
    "dieser",
    "diese",
    "este",
    "esta",
    "if",
    "we",
    "our",
    "you",
    "your",
    "all",
    "one",
    "two",
    "three",
    "several",
    "some",
    "many",
    "most",
    "other",
    "new",
    "first",
    "second",
    "third",
    "last",
    "next",
    "daily",
    "bulletin",
    "top",
    "story",
    "stories",
    "explore",
    "what",
    "how",
    "why",
    "amid",
    "underscoring",
    "multinational",
    "simultaneous",
    "coordinated",
];

/// Words before a name that say it is a person, besides the [`TITLES`].
const PERSON_CUES_BEFORE: &[&str] = &[
    "said",
    "says",
    "told",
    "according to",
    "executive director",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "writer",
    "reporter",
    "correspondent",
    "by",
    "zei",
    "zegt",
    "aldus",
    "volgens",
    "dhr",
    "mevrouw",
    "a déclaré",
    "a dit",
    "selon",
    "m",
    "mme",
    "sagte",
    "sagt",
    "erklärte",
    "laut",
    "dijo",
    "afirmó",
    "declaró",
    "señaló",
    "explicó",
    "indicó",
    "image",
    "photo",
    "foto",
    "bild",
    "officier van justitie",
    "procureur du roi",
    "procureur des konings",
    "juge d'instruction",
    "benadrukte",
    "verklaarde",
    "vertelde",
    "stelde",
    "aldus",
    "a souligné",
    "a précisé",
    "a expliqué",
    "a ajouté",
    "a indiqué",
    "betonte",
    "so",
    "meinte",
    "aseguró",
    "añadió",
    "subrayó",
    "destacó",
    "detalló",
    "added",
    "stressed",
    "explained",
    "noted",
    "warned",
];

/// Words after a name that say it is a person.
const PERSON_CUES_AFTER: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "stated",
    "noted",
    "warned",
    "wrote",
    "is a",
    "was a",
    "who",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "head of",
    "director of",
    "the head",
    "the director",
    "with afp",
    "with ap",
    "with reuters",
    "with dpa",
    "contributed",
    "zei",
    "zegt",
    "verklaarde",
    "a déclaré",
    "a dit",
    "a indiqué",
    "a expliqué",
    "sagte",
    "erklärte",
    "betonte",
    "emphasized",
    "emphasised",
    "stressed",
    "underlined",
    "insisted",
    "souligne",
    "a souligné",
    "benadrukte",
    "subrayó",
    "dijo",
    "afirmó",
    "explicó",
    "declaró",
    "aged",
    "years old",
];

/// Lower-case words inside a person's name ("van den Berg", "de la Cruz").
const NAME_PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "von", "da", "di", "du", "le", "la", "del", "bin", "al", "ter", "ten", "el", "zu",
    "dos", "das",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Calls `f` with `w` lower-cased as [`str::to_lowercase`] does it; short ASCII words
/// (nearly all) are lower-cased on the stack. The name patterns ask several word lists
/// about every word of every sentence.
fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    if w.is_ascii() {
        if let Some(b) = buf.get_mut(..w.len()) {
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            if let Ok(l) = std::str::from_utf8(b) {
                return f(l);
            }
        }
    }
    f(&w.to_lowercase())
}

/// The word lists as hash sets (looked up per word instead of scanned).
struct Lexicon {
    heads: FxHashSet<&'static str>,
    connectors: FxHashSet<&'static str>,
    stop: FxHashSet<&'static str>,
    given: FxHashSet<&'static str>,
    particles: FxHashSet<&'static str>,
    titles: FxHashSet<&'static str>,
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        let set = |list: &[&'static str]| list.iter().copied().collect::<FxHashSet<_>>();
        Lexicon {
            heads: set(AGENCY_HEADS),
            connectors: set(NAME_CONNECTORS),
            stop: set(NAME_STOP),
            // Common given names (lower case), one per line.
            given: include_str!("given_names.txt")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect(),
            particles: set(NAME_PARTICLES),
            titles: set(TITLES),
        }
    })
}

/// Is the word, lower-cased, in [`NAME_STOP`]?
fn is_stop(w: &str) -> bool {
    with_lower(w, |l| lexicon().stop.contains(l))
}

/// Is the word, lower-cased, in [`NAME_CONNECTORS`]?
fn is_connector(w: &str) -> bool {
    with_lower(w, |l| lexicon().connectors.contains(l))
}

fn is_head(w: &str) -> bool {
    with_lower(w, |l| {
        lexicon().heads.contains(l) || (l.chars().count() > 8 && AGENCY_SUFFIXES.iter().any(|s| l.ends_with(s)))
    })
}

/// The words between a body's name and the country it belongs to ("Policía Nacional de
/// Francia", "Federal Police of Brazil").
const OF_COUNTRY: &[&str] = &[
    "of", "of the", "from", "van", "uit", "de", "de la", "del", "du", "des", "von", "aus", "der",
];

/// Finds every mention in a text of language `lang` (`Lang::Other` when unknown).
/// `sentences` are the text's sentence spans.
pub fn find_mentions(text: &str, sentences: &[Span], gaz: &Gazetteer, lang: Lang) -> Vec<RawMention> {
    let mut out: Vec<RawMention> = Vec::new();
    let found = gaz.matcher().find_in(text, lang);
    for (k, m) in found.iter().enumerate() {
        let Some(entry) = gaz.entries().get(m.entry) else {
            continue;
        };
        // "franco-" names France in "franco-belge", not in "Franco-Ruiz": the compound
        // goes on with another country's adjective.
        if m.kind == LabelKind::CombiningForm
            && !found.get(k + 1).is_some_and(|n| {
                matches!(n.kind, LabelKind::Demonym | LabelKind::CombiningForm)
                    && text
                        .get(m.span.end..n.span.start)
                        .is_some_and(|g| g.chars().count() == 1)
            })
        {
            continue;
        }
        let demonym = matches!(m.kind, LabelKind::Demonym | LabelKind::CombiningForm);
        out.push(RawMention {
            span: m.span,
            key: entry.slug.clone(),
            etype: entry.etype,
            label: entry.pref_label.clone(),
            rule: format!("gazetteer:{}", entry.slug),
            confidence: if demonym { 0.8 } else { 0.95 },
            from_gazetteer: true,
            demonym,
            nested: false,
        });
    }
    // "la police fédérale suisse", "la Policía Nacional de Francia": a national body's
    // name right before another country's demonym, or before "of" and another country,
    // is that country's police, told generically: the country, over the whole phrase,
    // names the actor.
    let of_another_country = |body: &RawMention, country: &str| {
        gaz.get(&body.key)
            .and_then(|e| e.country.as_deref())
            .is_some_and(|c| c != country)
    };
    let foreign: Vec<usize> = (0..out.len().saturating_sub(1))
        .filter(|&k| {
            let (m, next) = (&out[k], &out[k + 1]);
            let gap = text.get(m.span.end..next.span.start).map(str::trim);
            let joined = if next.demonym {
                gap.is_some_and(str::is_empty)
            } else {
                next.etype == EntityType::Country
                    && gap.is_some_and(|g| OF_COUNTRY.contains(&g.to_lowercase().as_str()))
            };
            m.etype == EntityType::Agency && !m.demonym && joined && of_another_country(m, &next.key)
        })
        .collect();
    for k in foreign.into_iter().rev() {
        let body = out.remove(k);
        if let Some(demonym) = out.get_mut(k) {
            demonym.span = Span::new(body.span.start, demonym.span.end);
        }
        own_abbreviation(text, &mut out, k);
    }
    // The same with the demonym first: "het Belgische Openbaar Ministerie" is Belgium's
    // prosecution, not the Dutch service the bare name is.
    let foreign_after: Vec<usize> = (0..out.len().saturating_sub(1))
        .filter(|&k| {
            let (m, next) = (&out[k], &out[k + 1]);
            // The demonym before the name, or the country as a compound's first part
            // ("die US-Bundespolizei FBI" is no German Bundespolizei).
            let joined = text.get(m.span.end..next.span.start).is_some_and(|g| {
                (m.demonym && g.chars().all(char::is_whitespace) && !g.is_empty() && !g.contains('\n')) || g == "-"
            });
            m.etype == EntityType::Country
                && next.etype == EntityType::Agency
                && !next.demonym
                && joined
                && of_another_country(next, &m.key)
        })
        .collect();
    for k in foreign_after.into_iter().rev() {
        let body = out.remove(k + 1);
        if let Some(demonym) = out.get_mut(k) {
            demonym.span = Span::new(demonym.span.start, body.span.end);
        }
        own_abbreviation(text, &mut out, k);
    }
    possessive_bodies(text, gaz, &mut out);
    let mut gaz_spans: Vec<(Span, EntityType, bool)> = out.iter().map(|m| (m.span, m.etype, m.demonym)).collect();
    gaz_spans.sort_by_key(|(s, _, _)| (s.start, s.end));
    for s in sentences {
        let sentence = s.slice(text);
        let ws = words(sentence, s.start);
        named_bodies(text, &ws, &gaz_spans, &mut out);
        persons(text, &ws, &gaz_spans, &mut out);
    }
    contextual_names(text, &gaz_spans, &mut out);
    domain_names(text, &gaz_spans, &mut out);
    list_members(text, sentences, lang, &mut out);
    known_with_head(gaz, &mut out);
    abbreviations(text, sentences, &mut out);
    link_surnames(text, sentences, &mut out);
    resolve_overlaps(out)
}

/// A site named by its domain is an online service: "Booter sites such as
/// zdstresser.net and orbitalstress.net", "die Webseiten „nulled.to“". Only the generic
/// and the few country domains that such services use: a government's or a newspaper's
/// domain in a national one (`bka.de`, `justice.gov`) is no service, and a link or an
/// address (after `/` or `@`, or before a `/`) is not told in the text. "www." is left
/// out of the name.
fn domain_names(text: &str, gaz: &[(Span, EntityType, bool)], out: &mut Vec<RawMention>) {
    let re = static_regex!(
        r"(?:^|[^\w@/.:-])((?i:[a-z0-9][a-z0-9-]*[a-z][a-z0-9-]*)(?:\.(?i:[a-z0-9-]+))*\.(?:com|net|org|io|to|cc|ru|su|biz|info|me|ws|pw|xyz|top|is|li|gg|sx|cx|co|onion|ai|app|site|online|club|tk|ml|ly|sh|st|nu))(?:$|[^\w@/-])"
    );
    let mut at = 0;
    while let Some(caps) = text.get(at..).and_then(|rest| re.captures(rest)) {
        let Some(name) = caps.get(1) else {
            break;
        };
        // "www.example.com" names the site example.com.
        let www = if name.as_str().to_lowercase().starts_with("www.") {
            4
        } else {
            0
        };
        let span = Span::new(at + name.start() + www, at + name.end());
        // The next search starts after the name: the char after it may open another.
        at += name.end();
        // "on example.com." ends a sentence; "example.com.br" is another domain.
        let after = text.get(span.end..).unwrap_or("");
        if after.starts_with('.') && after.get(1..).is_some_and(|a| a.starts_with(char::is_alphanumeric)) {
            continue;
        }
        if overlaps_gazetteer(span, gaz) {
            continue;
        }
        let label = span.slice(text).to_string();
        out.push(RawMention {
            span,
            key: format!("company/{}", slugify(&label.to_lowercase())),
            etype: EntityType::Company,
            label,
            rule: "pattern:domain-name".into(),
            confidence: 0.6,
            from_gazetteer: false,
            demonym: false,
            nested: false,
        });
    }
}

/// Unknown names in a list of known companies or groups are of their kind: "private
/// partners including Bitdefender, Sekoia, Proofpoint and Zscaler" names two companies
/// more, "botnets IcedID, Smokeloader, Pikabot and Bumblebee" two groups more. Only these
/// open kinds: a list of countries or agencies holds no unknown member. The list must
/// hold two known names of one kind and no other, and every unknown member must be a
/// short capitalised name between list separators (after the last known name, one that
/// ends the list).
fn list_members(text: &str, sentences: &[Span], lang: Lang, out: &mut Vec<RawMention>) {
    // Dutch "en" and "of" join a list; elsewhere they are "in" and "of".
    let separator = if lang == Lang::Nl {
        static_regex!(r"^(?:\s*,\s*(?:(?:en|of)\s+)?|\s+(?:en|of)\s+)")
    } else {
        static_regex!(r"^(?:\s*,\s*(?:(?:and|or|y|o|e|et|ou|und|oder)\s+)?|\s+(?:and|or|y|o|e|et|ou|und|oder)\s+)")
    };
    let item = static_regex!(r"^\p{Lu}[\p{L}\p{N}.'’-]*(?: \p{Lu}[\p{L}\p{N}.'’-]*){0,2}");
    let mut spans: Vec<(Span, EntityType)> = out.iter().filter(|m| !m.nested).map(|m| (m.span, m.etype)).collect();
    spans.sort_by_key(|(s, _)| s.start);
    let mut found: Vec<(Span, EntityType)> = Vec::new();
    for sentence in sentences {
        let lo = spans.partition_point(|(s, _)| s.start < sentence.start);
        let hi = lo + spans[lo..].partition_point(|(s, _)| s.start < sentence.end);
        let here = &spans[lo..hi];
        // Runs of mentions joined by separators and unknown items: each run is a list.
        let mut k = 0;
        while k < here.len() {
            let etype = here[k].1;
            if !matches!(etype, EntityType::Company | EntityType::Group) {
                k += 1;
                continue;
            }
            let mut known = 1;
            let mut unknown: Vec<Span> = Vec::new();
            let mut at = here[k].0.end;
            let mut next = k + 1;
            while let Some(sep) = text.get(at..sentence.end).and_then(|r| separator.find(r)) {
                let start = at + sep.end();
                if let Some(&(m, t)) = here.get(next).filter(|(m, _)| m.start == start) {
                    if t != etype {
                        known = 0; // a list of mixed kinds
                        break;
                    }
                    known += 1;
                    at = m.end;
                    next += 1;
                    continue;
                }
                let Some(it) = text.get(start..sentence.end).and_then(|r| item.find(r)) else {
                    break;
                };
                let span = Span::new(start, start + it.end());
                let name = span.slice(text);
                let name = name.trim_end_matches(['.', '\'', '’', '-']);
                let span = Span::new(start, start + name.len());
                let first = name.split([' ', '-']).next().unwrap_or("");
                // The item must end where the list goes on or ends, and must not run into
                // a known name.
                let rest = text.get(span.end..sentence.end).unwrap_or("");
                let ends = rest.is_empty()
                    || separator.is_match(rest)
                    || rest.starts_with(['.', ';', ':', ')', '('])
                    || rest.starts_with(", ") && rest[2..].starts_with(char::is_lowercase);
                if name.is_empty()
                    || is_stop(first)
                    || is_head(first)
                    || !ends
                    || here.iter().any(|(m, _)| m.overlaps(span))
                {
                    break;
                }
                unknown.push(span);
                at = span.end;
            }
            if known >= 2 {
                found.extend(unknown.into_iter().map(|s| (s, etype)));
            }
            k = next.max(k + 1);
        }
    }
    for (span, etype) in found {
        let name = span.slice(text).to_string();
        out.push(RawMention {
            span,
            key: format!("{}/{}", etype.as_str().to_lowercase(), slugify(&name)),
            etype,
            label: name,
            rule: "pattern:list-member".into(),
            confidence: 0.55,
            from_gazetteer: false,
            demonym: false,
            nested: false,
        });
    }
}

/// The head nouns a gazetteer label may add to a group's, platform's or outlet's bare
/// name ("Avalanche" is the entry "Avalanche botnet").
const NAME_HEADS: &[(EntityType, &[&str])] = &[
    (
        EntityType::Group,
        &["botnet", "network", "malware", "ransomware", "trojan", "group", "gang"],
    ),
    (
        EntityType::Company,
        &[
            "platform",
            "market",
            "marketplace",
            "forum",
            "app",
            "service",
            "messenger",
            "network",
        ],
    ),
    (EntityType::Outlet, &["news agency", "agency", "media", "channel"]),
];

/// A name found by its context that the gazetteer knows only with a head noun ("the
/// Avalanche network" told as "le réseau Avalanche") is that entry, so that reports
/// naming it either way meet in one entity.
fn known_with_head(gaz: &Gazetteer, out: &mut [RawMention]) {
    // A name is looked up once however often the report repeats it.
    let mut known: BTreeMap<(EntityType, String), Option<&crate::gazetteer::Entry>> = BTreeMap::new();
    for m in out.iter_mut().filter(|m| !m.from_gazetteer) {
        let Some((_, heads)) = NAME_HEADS.iter().find(|(t, _)| *t == m.etype) else {
            continue;
        };
        let entry = *known.entry((m.etype, m.label.clone())).or_insert_with(|| {
            heads.iter().find_map(|head| {
                let named = format!("{} {head}", m.label);
                gaz.find(&named)
                    .into_iter()
                    .find(|g| g.span == Span::new(0, named.len()))
                    .and_then(|g| gaz.entries().get(g.entry))
                    .filter(|e| e.etype == m.etype)
            })
        });
        if let Some(e) = entry {
            m.key = e.slug.clone();
            m.label = e.pref_label.clone();
            m.from_gazetteer = true;
        }
    }
}

/// "het Belgische Openbaar Ministerie (OM)": the abbreviation in brackets right after a
/// body told through its country ([`find_mentions`]' foreign bodies) is that body too,
/// not the body of the same name elsewhere.
fn own_abbreviation(text: &str, out: &mut [RawMention], k: usize) {
    let Some((long, rest)) = out.get_mut(k..).and_then(|s| s.split_first_mut()) else {
        return;
    };
    let Some(abbr) = rest.first_mut() else {
        return;
    };
    let bracketed = text
        .get(long.span.end..abbr.span.start)
        .is_some_and(|g| g.trim() == "(")
        && text.get(abbr.span.end..).is_some_and(|t| t.starts_with(')'));
    if bracketed && abbr.etype == EntityType::Agency && !abbr.demonym {
        abbr.key.clone_from(&long.key);
        abbr.etype = long.etype;
        abbr.label.clone_from(&long.label);
        abbr.demonym = true;
    }
}

/// "Belgium's federal prosecutor", "the Netherlands' national police": a country's
/// possessive before a body's name is that country's body when its adjective form is
/// ("Belgian federal prosecutor" is a label of the Belgian Federal Prosecutor's
/// Office). The mention spans both; the country stays as a nested mention.
fn possessive_bodies(text: &str, gaz: &Gazetteer, out: &mut Vec<RawMention>) {
    let mut found = Vec::new();
    for m in out.iter().filter(|m| m.etype == EntityType::Country && !m.demonym) {
        let after = text.get(m.span.end..).unwrap_or("");
        let Some(rest) = ["'s ", "’s ", "' ", "’ "].iter().find_map(|p| after.strip_prefix(p)) else {
            continue;
        };
        let rest_start = text.len() - rest.len();
        let Some(demonym) = gaz.get(&m.key).and_then(|e| {
            e.labels
                .iter()
                .find(|l| l.kind == LabelKind::Demonym && l.lang.as_deref() == Some("en"))
        }) else {
            continue;
        };
        let line = rest.split('\n').next().unwrap_or("");
        let mut end = line.len().min(80);
        while !line.is_char_boundary(end) {
            end -= 1;
        }
        let probe = format!("{} {}", demonym.text, line.get(..end).unwrap_or(""));
        let skip = demonym.text.len() + 1;
        let body = gaz.matcher().find(&probe).into_iter().find_map(|g| {
            let e = gaz.entries().get(g.entry)?;
            (g.span.start == 0
                && g.span.end > skip
                && e.etype == EntityType::Agency
                && e.country.as_deref() == Some(m.key.as_str()))
            .then_some((g, e))
        });
        if let Some((g, e)) = body {
            found.push(RawMention {
                span: Span::new(m.span.start, rest_start + g.span.end - skip),
                key: e.slug.clone(),
                etype: e.etype,
                label: e.pref_label.clone(),
                rule: format!("gazetteer:{}+possessive", e.slug),
                confidence: 0.9,
                from_gazetteer: true,
                demonym: false,
                nested: false,
            });
        }
    }
    out.extend(found);
}

/// The gazetteer matches overlapping a span. Matches are sorted and do not overlap
/// each other (leftmost-longest), so a binary search finds them.
fn gazetteer_overlaps(span: Span, gaz: &[(Span, EntityType, bool)]) -> &[(Span, EntityType, bool)] {
    let lo = gaz.partition_point(|(g, _, _)| g.end <= span.start);
    let hi = lo + gaz[lo..].partition_point(|(g, _, _)| g.start < span.end);
    &gaz[lo..hi]
}

/// Whether a gazetteer name (not a demonym) starts at byte `start`.
fn starts_known_name(start: usize, gaz: &[(Span, EntityType, bool)]) -> bool {
    gazetteer_overlaps(Span::new(start, start + 1), gaz)
        .iter()
        .any(|(g, _, demonym)| !demonym && g.start == start)
}

fn overlaps_gazetteer(span: Span, gaz: &[(Span, EntityType, bool)]) -> bool {
    !gazetteer_overlaps(span, gaz).is_empty()
}

/// Runs of capitalised words (with connectors) that contain an authority head word.
fn named_bodies(text: &str, ws: &[Word<'_>], gaz: &[(Span, EntityType, bool)], out: &mut Vec<RawMention>) {
    let mut i = 0;
    while i < ws.len() {
        if !is_capitalised(ws[i].text) || is_stop(ws[i].text) && !is_head(ws[i].text) {
            i += 1;
            continue;
        }
        // Extend the run: capitalised words, connectors followed by a capitalised word,
        // and a number after "number"/"nº".
        let mut j = i + 1;
        while j < ws.len() {
            let w = ws[j].text;
            let gap = text.get(ws[j - 1].span.end..ws[j].span.start).unwrap_or(" ");
            // "Court No. 3": the abbreviation's dot before its number.
            let abbreviated_number = gap == ". "
                && with_lower(ws[j - 1].text, |l| matches!(l, "no" | "nr" | "núm"))
                && w.chars().all(|c| c.is_ascii_digit());
            if !(gap == " " || gap == "-" || gap == " - " || abbreviated_number) {
                break;
            }
            let capitalised = is_capitalised(w) && !is_stop(w);
            let starts_name = |k: usize| {
                ws.get(k)
                    .is_some_and(|n| is_capitalised(n.text) || n.text.chars().all(|c| c.is_ascii_digit()))
            };
            // Two connectors in a row join too, unless the first coordinates ("Office for
            // the Prosecution of Cybercrime", "Brigade de la Garde", not "X and the Y").
            let double = ws
                .get(j + 1)
                .is_some_and(|n| is_connector(n.text) && !is_capitalised(n.text))
                && starts_name(j + 2)
                && !with_lower(w, |l| COORDINATORS.contains(&l));
            let connector = is_connector(w)
                && (starts_name(j + 1) || double)
                // "X and <a name the gazetteer knows>" coordinates two names.
                && !(with_lower(w, |l| COORDINATORS.contains(&l))
                    && ws.get(j + 1).is_some_and(|n| starts_known_name(n.span.start, gaz)));
            let numbered = w.chars().all(|c| c.is_ascii_digit())
                && j > i
                && with_lower(ws[j - 1].text, |l| {
                    matches!(
                        l,
                        "number" | "no" | "número" | "núm" | "numéro" | "nummer" | "nr" | "nº" | "n°" | "and"
                    )
                });
            if capitalised || connector || numbered {
                j += 1;
            } else {
                break;
            }
        }
        // Trim trailing connectors.
        while j > i + 1 && is_connector(ws[j - 1].text) {
            j -= 1;
        }
        // Words and a connector before the body's name are not part of it: German
        // capitalises every noun ("im Auftrag der Generalstaatsanwaltschaft Düsseldorf",
        // "Nach Angaben der Staatsanwaltschaft Köln"). The name starts after the last
        // connector before its first head word.
        let head = (i..j).find(|&k| is_head(ws[k].text));
        let mut first = i;
        if let Some(h) = head {
            if let Some(c) = (i + 1..h).rev().find(|&k| is_connector(ws[k].text)) {
                first = c + 1;
            }
        }
        // "das Amtsgericht Verden Haftbefehle erlassen": a head word and then a place the
        // gazetteer knows ("Staatsanwaltschaft Köln", "Landeskriminalamt Niedersachsen")
        // end the name there; German capitalises the nouns that follow.
        let place_after_head = head.filter(|h| h + 1 < j).and_then(|h| {
            let next = ws[h + 1].span;
            gazetteer_overlaps(next, gaz).iter().find(|(g, t, demonym)| {
                !demonym && g.start == next.start && matches!(t, EntityType::Place | EntityType::Country)
            })
        });
        if let (Some(h), Some((place, _, _))) = (head, place_after_head) {
            if let Some(last) = (h + 1..j).rev().find(|&k| ws[k].span.end <= place.end) {
                j = last + 1;
            }
        }
        let run = &ws[first..j];
        let capitalised = run.iter().filter(|w| is_capitalised(w.text)).count();
        // A head word inside a name the gazetteer types otherwise ("Al-Hayat Media Center",
        // an outlet) or after "Media" does not make an authority.
        let has_head = run.iter().enumerate().any(|(k, w)| {
            is_head(w.text)
                && !gazetteer_overlaps(w.span, gaz)
                    .iter()
                    .any(|(_, t, d)| !d && *t != EntityType::Agency)
                && !(k > 0
                    && with_lower(run[k - 1].text, |l| l == "media")
                    && with_lower(w.text, |l| OUTLET_HEADS.contains(&l)))
        });
        if has_head
            && (capitalised >= 2
                || (run.len() == 1
                    && AGENCY_SUFFIXES.iter().any(|s| lower(run[0].text).ends_with(s))
                    && run[0].text.chars().count() > 10))
        {
            let mut start = run[0].span.start;
            let end = run[run.len() - 1].span.end;
            // A demonym right before the run belongs to the name ("Belgian Counter-Terror ... Court").
            let before = Span::new(start.saturating_sub(1), start);
            if let Some((g, _, true)) = gazetteer_overlaps(before, gaz)
                .iter()
                .find(|(g, _, d)| *d && g.end + 1 == start)
            {
                start = g.start;
            }
            let span = Span::new(start, end);
            // A body the gazetteer knows is left to the gazetteer.
            let covered_by_agency = gazetteer_overlaps(span, gaz)
                .iter()
                .any(|(_, t, _)| *t == EntityType::Agency);
            let only_generic = run.iter().all(|w| is_head(w.text) || is_connector(w.text));
            if !covered_by_agency && !only_generic {
                let name = span.slice(text).to_string();
                // "BAE Systems Digital Intelligence": a firm's word makes a company of a
                // name with a body's head.
                let firm = run.iter().any(|w| with_lower(w.text, |l| FIRM_WORDS.contains(&l)));
                let (kind, etype) = if firm {
                    ("company", EntityType::Company)
                } else {
                    ("agency", EntityType::Agency)
                };
                out.push(RawMention {
                    span,
                    key: format!("{kind}/{}", slugify(&name)),
                    etype,
                    label: name,
                    rule: format!("pattern:{kind}-name"),
                    confidence: 0.7,
                    from_gazetteer: false,
                    demonym: false,
                    nested: false,
                });
            }
        }
        i = j.max(i + 1);
    }
}

/// Words that name a firm, not a public body ([`named_bodies`]).
const FIRM_WORDS: &[&str] = &[
    "systems",
    "technologies",
    "solutions",
    "software",
    "labs",
    "inc",
    "ltd",
    "llc",
    "gmbh",
    "plc",
    "corp",
    "corporation",
    "limited",
];

/// How many name particles start `ws` when a capitalised word follows them (at most
/// two: "van den", "de la", "von der"); `None` when they are not part of a name.
fn particles_before_name(ws: &[Word<'_>]) -> Option<usize> {
    let n = ws
        .iter()
        .take(2)
        .take_while(|w| with_lower(w.text, |l| lexicon().particles.contains(l)))
        .count();
    (n > 0 && ws.get(n).is_some_and(|w| is_capitalised(w.text))).then_some(n)
}

fn cue_before(text: &str, start: usize) -> bool {
    let before = super::text_before(text, start, 40);
    let before = lower(before);
    // A title, simple or compound ("Polizeichef", "Eurojust-voorzitter", "porte-parole"),
    // but not one that ends the sentence before ("..., so die Innenministerin. Bei den
    // Ermittlungen").
    let titled = before.trim_end_matches([' ', ',', ':', '(', '“', '"']);
    let last = titled
        .rsplit(|c: char| !c.is_alphabetic() && c != '-')
        .next()
        .unwrap_or("");
    if !last.is_empty() && is_title(last) {
        return true;
    }
    let before = before.trim_end_matches([' ', ',', ':', '/', '(', '“', '"', '.']);
    PERSON_CUES_BEFORE.iter().any(|c| {
        before.ends_with(c)
            && before[..before.len() - c.len()]
                .chars()
                .last()
                .is_none_or(|ch| !ch.is_alphanumeric())
    })
}

/// Titles a name may follow ("Director", "Commissioner", "Ministre"), in the five
/// languages: person cues before a name, and no part of it. Not the verbs among the
/// other cues: "Said" is also a given name.
const TITLES: &[&str] = &[
    "director",
    "directeur",
    "directrice",
    "directora",
    "head",
    "chief",
    "commissioner",
    "commissaire",
    "comisario",
    "minister",
    "ministre",
    "ministerin",
    "ministro",
    "ministra",
    "prosecutor",
    "procureur",
    "staatsanwalt",
    "oberstaatsanwalt",
    "fiscal",
    "judge",
    "officer",
    "officier",
    "inspector",
    "superintendent",
    "president",
    "präsident",
    "präsidentin",
    "presidente",
    "secretary",
    "agent",
    "detective",
    "attorney",
    "colonel",
    "general",
    "captain",
    "sergeant",
    "lieutenant",
    "commander",
    "deputy",
    "executive",
    "vice",
    "senior",
    "assistant",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "woordvoerder",
    "woordvoerster",
    "porte-parole",
    "sprecher",
    "sprecherin",
    "portavoz",
    "administrator",
    "administrateur",
    "administrador",
    "administradora",
    "governor",
    "mayor",
    "ambassador",
    "chancellor",
    "sheriff",
    "counsel",
    "acting",
    "chair",
    "chairman",
    "chairwoman",
    "founder",
    "strategist",
    "analyst",
    "researcher",
    "manager",
    "editor",
    "journalist",
    "correspondent",
    "professor",
    "professeur",
    "profesor",
    "voorzitter",
    "burgemeester",
    "commissaris",
    "onderzoeksrechter",
    "onderzoeker",
    "topman",
    "président",
    "présidente",
    "juge",
    "chercheur",
    "juez",
    "jueza",
    "alcalde",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
];

/// The ends of German and Dutch compound titles ("Bundesinnenministerin",
/// "Polizeichef", "Generalstaatsanwalt", "Eurojust-voorzitter"): a word of more letters
/// ending so is a title too.
const TITLE_ENDINGS: &[&str] = &[
    "minister",
    "ministerin",
    "staatsanwalt",
    "staatsanwältin",
    "präsident",
    "präsidentin",
    "chef",
    "chefin",
    "sprecher",
    "sprecherin",
    "direktor",
    "direktorin",
    "leiter",
    "leiterin",
    "vorsitzender",
    "vorsitzende",
    "kommissar",
    "kommissarin",
    "ermittler",
    "ermittlerin",
    "redakteur",
    "redakteurin",
    "korrespondent",
    "korrespondentin",
    "voorzitter",
    "woordvoerder",
    "woordvoerster",
    "directeur",
    "commissaris",
    "officier",
    "rechter",
];

/// Is `w` a title ([`TITLES`]), or a compound that ends with one ([`TITLE_ENDINGS`])?
fn is_title(w: &str) -> bool {
    with_lower(w, |l| {
        lexicon().titles.contains(l)
            || TITLE_ENDINGS.iter().any(|t| {
                l.len() >= t.len() + 3
                    && l.ends_with(t)
                    && l[..l.len() - t.len()].chars().all(|c| c.is_alphabetic() || c == '-')
            })
    })
}

/// Does the text before `start` end with the word for an operation, perhaps with an
/// opening quote ("Operation “Duck Hunt”", "la operación Fin de Juego", "operatie
/// ‘Endspiel’")?
fn operation_before(text: &str, start: usize) -> bool {
    let before = lower(super::text_before(text, start, 24));
    let before = before.trim_end_matches([' ', '“', '"', '„', '«', '‘', '\'']);
    super::codenames::OPERATION_WORDS.iter().any(|w| {
        before.ends_with(w)
            && before[..before.len() - w.len()]
                .chars()
                .last()
                .is_none_or(|ch| !ch.is_alphanumeric())
    })
}

fn cue_after(text: &str, end: usize) -> bool {
    let after = text.get(end..(end + 40).min(text.len())).unwrap_or("");
    // In apposition after a comma, or a capitalised title right after ("Anna Lang
    // Redakteurin"); not "the Vexmoor Market administrator".
    let appositive = after.starts_with(", ") || after.strip_prefix(' ').is_some_and(is_capitalised);
    let after = lower(after);
    let after = after.trim_start_matches([' ', ',', '(', ')', '"', '”']);
    // "Derek Manky, Chief Security Strategist at ...", "X, directeur de ...": a title in
    // apposition; "Jay Lee, de 32 años", "X, 45 ans": an age.
    let first = if appositive {
        after.split(|c: char| !c.is_alphabetic()).next().unwrap_or("")
    } else {
        ""
    };
    let age = static_regex!(r"^(?:de\s+)?\d{1,2}\s+(?:años|ans|jaar|jahre|years)\b");
    PERSON_CUES_AFTER
        .iter()
        .any(|c| after.starts_with(c) && after[c.len()..].chars().next().is_none_or(|ch| !ch.is_alphanumeric()))
        || after.starts_with(|c: char| c.is_ascii_digit()) && after.contains(')')
        || (!first.is_empty() && is_title(first))
        || age.is_match(after)
}

/// Person names: capitalised runs of 2–4 words (with particles) next to a person cue,
/// or starting with a known given name; and "X. Name" photo credits.
fn persons(text: &str, ws: &[Word<'_>], gaz: &[(Span, EntityType, bool)], out: &mut Vec<RawMention>) {
    let mut i = 0;
    while i < ws.len() {
        let w = ws[i].text;
        let initial =
            w.chars().count() == 1 && is_capitalised(w) && text.get(ws[i].span.end..ws[i].span.end + 1) == Some(".");
        // A title opens no name: "Deputy Executive Director Jean-Philippe Lecouffe" is
        // "Jean-Philippe Lecouffe", cued by its titles.
        if !is_capitalised(w) || (is_all_caps(w) && !initial) || is_stop(w) && !initial || is_title(w) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut caps = 1;
        let mut middle_initial = None;
        while j < ws.len() && j - i < 5 {
            let gap = text.get(ws[j - 1].span.end..ws[j].span.start).unwrap_or(" ");
            if !(gap == " " || gap == ". " || gap == "." || gap == "-") {
                break;
            }
            // A title after the name is no part of it ("Anna Lang Redakteurin").
            if is_title(ws[j].text) {
                break;
            }
            // A middle initial ("Lisa O. Monaco", "Kenneth A. Polite").
            let middle = ws[j].text.len() == 1
                && is_capitalised(ws[j].text)
                && text.get(ws[j].span.end..ws[j].span.end + 2) == Some(". ")
                && ws
                    .get(j + 1)
                    .is_some_and(|n| is_capitalised(n.text) && !is_all_caps(n.text));
            if middle {
                middle_initial.get_or_insert(j);
                j += 1;
            } else if is_capitalised(ws[j].text)
                && !is_all_caps(ws[j].text)
                && !is_stop(ws[j].text)
                && !is_head(ws[j].text)
            {
                caps += 1;
                j += 1;
            } else if let Some(n) = particles_before_name(&ws[j..]).filter(|&n| {
                // Not "van de Federale Politie", "of the Metropolitan Police": a body's name.
                // Nor "Patrick Peeters van de Belgische politie": a known name after them
                // (the gazetteer may take in their article). Nor "Nach Angaben von
                // Behördenchefin X": a title.
                let last = j + n - 1;
                ws[last..=last + 1]
                    .iter()
                    .all(|w| gazetteer_overlaps(w.span, gaz).is_empty())
                    && !ws[last..].iter().take(3).any(|w| is_head(w.text))
                    && !is_title(ws[last + 1].text)
            }) {
                // "van den Berg", "de la Cruz": particles, then the capitalised surname.
                j += n;
            } else {
                break;
            }
        }
        if caps < 2 {
            i += 1;
            continue;
        }
        // Only the run's first word can be a head (a later one ends the run): a body's
        // word before a title and a name ("Police Commissioner Reece Kershaw"), so the
        // name may start after it.
        if is_head(w) {
            i += 1;
            continue;
        }
        let span = Span::new(ws[i].span.start, ws[j - 1].span.end);
        // The given name, or the first part of a hyphenated one ("Jean-Marc").
        let given = with_lower(w, |l| {
            let given = &lexicon().given;
            given.contains(l) || l.split_once('-').is_some_and(|(a, _)| given.contains(a))
        });
        let known = gazetteer_overlaps(span, gaz);
        if !known.is_empty() {
            // A place that is also a given name, with an unknown surname ("Sofia Marques"),
            // is a person when a cue says so.
            let place_as_given_name = given
                && known.len() == 1
                && known[0].1 == EntityType::Place
                && !known[0].2
                && known[0].0 == ws[i].span
                && (cue_before(text, span.start) || cue_after(text, span.end));
            // A known given name and a surname that is a place's or a country's ("Lisa
            // Monaco", "Anna Paris"), when a cue says it is a person.
            let place_as_surname = given
                && j - i >= 2
                && known.len() == 1
                && matches!(known[0].1, EntityType::Place | EntityType::Country)
                && known[0].0 == ws[j - 1].span
                && (cue_before(text, span.start) || cue_after(text, span.end));
            if !place_as_given_name && !place_as_surname {
                // A name may follow a known one directly ("the prosecutor of Ghent Anna
                // Peeters"): look again after the last known name in the run.
                let after = known.iter().map(|(g, _, _)| g.end).max().unwrap_or(span.end);
                i = (i + 1..j).find(|&k| ws[k].span.start >= after).unwrap_or(j);
                continue;
            }
        }
        let credit = initial && {
            let b = super::text_before(text, span.start, 12);
            b.ends_with('/') || lower(b).trim_end().ends_with(':')
        };
        // "Operation Duck Hunt", "la operación Fin de Juego": an operation's name.
        if operation_before(text, span.start) {
            i = j;
            continue;
        }
        let cued = cue_before(text, span.start) || cue_after(text, span.end);
        if given || cued || credit {
            // Named without the middle initial ("Lisa Monaco" for "Lisa O. Monaco"), as
            // other reports may write it.
            let name = match middle_initial.filter(|&k| k + 1 < j) {
                Some(k) => format!(
                    "{}{}",
                    text.get(span.start..ws[k].span.start).unwrap_or(""),
                    text.get(ws[k + 1].span.start..span.end).unwrap_or("")
                ),
                None => span.slice(text).to_string(),
            };
            out.push(RawMention {
                span,
                key: format!("person/{}", slugify(&name)),
                etype: EntityType::Person,
                label: name,
                rule: if credit {
                    "pattern:person-credit"
                } else if cued {
                    "pattern:person-cue"
                } else {
                    "pattern:person-given-name"
                }
                .into(),
                confidence: if cued { 0.8 } else { 0.65 },
                from_gazetteer: false,
                demonym: false,
                nested: false,
            });
        }
        i = j;
    }
}

/// The words that give a name its head goes by ("the platform, known as X", "le réseau,
/// baptisé X", "die Plattform namens X"), in the five languages.
pub(super) const KNOWN_AS: &str = r"known\s+as|called|dubbed|named|bekend\s+als|genaamd|connue?s?\s+sous\s+le\s+nom\s+d[e']|baptisée?|appelée?|nommée?|namens|genannt|bekannt\s+als|conocid[oa]\s+como|llamad[oa]|denominad[oa]";

struct ContextPattern {
    re: WordRegex,
    etype: EntityType,
    rule: &'static str,
}

fn context_patterns() -> &'static [ContextPattern] {
    static P: OnceLock<Vec<ContextPattern>> = OnceLock::new();
    P.get_or_init(|| {
        let name = r"(\p{Lu}[\p{L}\p{N}\-']+(?:[ \-](?:al-)?\p{Lu}[\p{L}\p{N}\-']+){0,3})";
        // Double quotes of any kind, or single curly ones ("de chatdienst ‘X’").
        let quoted = r#"(?:[“"«„]\s*(\p{Lu}[^”"»“]{1,40}?)\s*[”"»“]|‘(\p{Lu}[^’]{1,40}?)’)"#;
        let group_heads = r"[Gg]roupe?|[Gg]rupo|Gruppe|[Gg]roep|[Gg]ang|[Bb]ende|Bande|[Bb]anda|[Bb]otnet|Botnetz(?:es)?|[Rr]ansomware|[Rr]ançongiciel|[Mm]alware|Schadsoftware|[Tt]rojan|Trojaners?|réseau|Netzwerks?|netwerk|(?:[Ll]a|[Uu]na|[Ee]sta)[^\S\n]+red";
        let company_heads = r"[Pp]latform|Plattform|[Pp]lateforme|[Pp]lataforma|[Mm]arketplace|[Dd]arknet[ \-][Mm]arket(?:place)?|[Mm]arktplaats|Marktplatz(?:es)?|Darknet-Marktplatz(?:es)?|Darknet-Plattform|[Dd]ark(?:web|net)-?markt(?:plaats)?|[Mm]arché|[Mm]ercado|[Ff]orum|[Mm]essenger|[Mm]essagerie|[Mm]ensajería|(?:[Hh]andels|[Vv]erkaufs|[Cc]hat|[Vv]ideo|[Kk]rypto|[Dd]arknet|[Dd]arkweb|[Ss]ocial-[Mm]edia)-?(?:plattform|platform)|(?:[Cc]hat|[Bb]erichten|[Mm]essenger|[Kk]ommunikations)-?dienst(?:es)?|(?:[Cc]hat|[Mm]essaging)[^\S\n]+(?:service|app)|[Ww]ebsite|Webseite|Internetseite|sitio[^\S\n]+web|página[^\S\n]+web|site[^\S\n]+(?:web|internet)";
        let known_as = KNOWN_AS;
        // A final `\b` is checked by [`WordRegex`] (which keeps the search on the DFA).
        let mk = |re: String, etype, rule| {
            let (core, trail) = match re.strip_suffix(r"\b") {
                Some(core) => (core.to_string(), true),
                None => (re, false),
            };
            ContextPattern {
                re: WordRegex::new("", &core, false, trail).expect("static regex"),
                etype,
                rule,
            }
        };
        vec![
            mk(format!(r"(?:media outlet|outlet|channel|media arm|news agency|propaganda (?:outlet|channel)|mediakanaal|canal|Sprachrohr)\s+{quoted}"), EntityType::Outlet, "pattern:outlet-quoted"),
            mk(format!(r"{name}\s+(?:News Agency|Media (?:Center|Centre|Foundation|Office)|[Rr]adio|[Mm]agazine)\b"), EntityType::Outlet, "pattern:outlet-head"),
            mk(format!(r"{name}[ \-](?:botnet|[Bb]otnetz(?:es)?|malware|ransomware|[Tt]rojaner|trojan|gang|cartel|[Kk]artell|cártel|mafia|[Mm]afia|clan)\b"), EntityType::Group, "pattern:group-head"),
            // The head before the name, quoted or not, or the name it goes by: "le groupe
            // DoppelPaymer", "die Gruppe X", "el grupo X", "the botnet Emotet", "the botnet,
            // known as X", "le réseau, baptisé X", "de ransomware X", "le réseau X" (lower-case
            // heads where a capital would start a name; not "network" or a bare "red",
            // which English uses for the colour and for "social network X": Spanish "red"
            // only after its article).
            mk(format!(r"\b(?:{group_heads})(?:,?[^\S\n]+(?:{known_as}))?[^\S\n]+(?:{name}|{quoted})"), EntityType::Group, "pattern:group-before"),
            // Compounds that name a criminal group: "de ransomwaregroep X", "die Hackergruppe X".
            mk(format!(r"\b(?:[Rr]ansomware|[Hh]ackers?|[Tt]erreur|[Tt]error|[Cc]yber|[Dd]rugs?|Drogen|Rocker)-?(?:groep|gruppe|bende|bande)[^\S\n]+{name}\b"), EntityType::Group, "pattern:group-before"),
            mk(format!(r"{name}\s+(?:[Mm]arket(?:place)?|[Mm]arktplatz|forum|platform|app|messenger|[Mm]essaging service|encrypted (?:phone|communications?) (?:network|service|platform))\b"), EntityType::Company, "pattern:company-head"),
            // The head before the name: "the platform X", 'die Plattform "X"', "la plateforme X",
            // "de marktplaats X", "het platform, bekend als X", "el mercado X", "the darknet
            // market X".
            mk(format!(r"\b(?:{company_heads})(?:,?[^\S\n]+(?:{known_as}))?[^\S\n]+(?:{name}|{quoted})"), EntityType::Company, "pattern:company-before"),
            // The name it goes by at the end of the head's phrase: "una plataforma de venta
            // de drogas en la red oscura (conocida como dark web) llamada X".
            mk(format!(r"\b(?:{company_heads})(?:[^\S\n]+[^\s.;!?]+){{1,12}}?[^\S\n]+(?:{known_as})[^\S\n]+(?:{name}|{quoted})"), EntityType::Company, "pattern:company-called"),
            mk(format!(r"(?:reporter|correspondent|writer|editor|journalist) (?:for|at|with) (?:the )?{name}"), EntityType::Organization, "pattern:publisher"),
            mk(format!(r"(?:internship|worked) (?:at|for) (?:the )?{name}"), EntityType::Organization, "pattern:employer"),
            mk(format!(r"{name}\s+(?:University|College|Institute|Foundation|Gazette|Times|Herald|Tribune)\b"), EntityType::Organization, "pattern:organization-head"),
        ]
    })
}

/// The words of the context patterns in one prefilter ([`WordSet`]): most reports hold
/// the head words of a few of them, and each pattern searched was a pass over the text.
fn context_set() -> Option<&'static WordSet> {
    static SET: OnceLock<Option<WordSet>> = OnceLock::new();
    SET.get_or_init(|| WordSet::new(context_patterns().iter().map(|p| &p.re)).ok())
        .as_ref()
}

/// Names typed by their context ("the X botnet", "outlet “X”", "a reporter for X").
fn contextual_names(text: &str, gaz: &[(Span, EntityType, bool)], out: &mut Vec<RawMention>) {
    let patterns = context_patterns();
    let candidates = WordSet::candidates_of(context_set(), text, patterns.len());
    for p in candidates.into_iter().filter_map(|i| patterns.get(i)) {
        for caps in p.re.captures_iter(text) {
            // The name is the first group that took part: a pattern may give it plain or
            // quoted.
            let (Some(Some(whole)), Some(g)) = (caps.first().copied(), caps.iter().skip(1).find_map(|g| *g)) else {
                continue;
            };
            // "Takedown of Botnet Used by Cybercriminals": in a headline in title case
            // every word looks like a name.
            if title_case_line(text, g) {
                continue;
            }
            // For head patterns the head is part of the name ("Naser News Agency", "Roswell
            // Gazette"); a platform's only when capitalised ("Corvid Market", not "the
            // Vexmoor forum").
            let capital_head = p.rule == "pattern:company-head"
                && text
                    .get(g.end..whole.end)
                    .is_some_and(|h| h.trim_start().starts_with(char::is_uppercase));
            let span = if capital_head || matches!(p.rule, "pattern:outlet-head" | "pattern:organization-head") {
                Span::new(g.start, whole.end)
            } else {
                g
            };
            // "Super-Kartell", "Mega-Botnet", "Drogen-Kartell", "Anti-Mafia-Razzia",
            // "Banking-Trojaner": a word of the head's compound, not a name.
            if matches!(
                span.slice(text),
                "Super"
                    | "Mega"
                    | "Drogen"
                    | "Kokain"
                    | "Narco"
                    | "Narko"
                    | "Anti"
                    | "Banking"
                    | "Online"
                    | "Cyber"
                    | "Krypto"
                    | "Darknet"
                    | "Phishing"
                    | "Hacker"
                    | "Spam"
            ) {
                continue;
            }
            push_contextual(text, span, p.etype, p.rule, gaz, out);
        }
    }
    appositions(text, gaz, out);
}

/// Is the line holding `span` in title case: four words or more, and every word of more
/// than three letters capitalised ("Justice Department Announces Takedown of Botnet")?
fn title_case_line(text: &str, span: Span) -> bool {
    // A headline is short: look for its line breaks within 200 bytes either side, so that
    // a text of one huge line costs no more per match.
    const MAX: usize = 200;
    let bytes = text.as_bytes();
    let lo = span.start.saturating_sub(MAX);
    let start = match bytes
        .get(lo..span.start)
        .and_then(|b| b.iter().rposition(|&c| c == b'\n'))
    {
        Some(k) => lo + k + 1,
        None if lo == 0 => 0,
        None => return false,
    };
    let hi = (span.end + MAX).min(text.len());
    let end = match bytes.get(span.end..hi).and_then(|b| b.iter().position(|&c| c == b'\n')) {
        Some(k) => span.end + k,
        None if hi == text.len() => hi,
        None => return false,
    };
    // Both ends are at a line break or the text's ends: char boundaries.
    let Some(line) = text.get(start..end) else {
        return false;
    };
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() > 3)
        .collect();
    words.len() >= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// A name found by its context, unless it is a stopword or the gazetteer's.
fn push_contextual(
    text: &str,
    span: Span,
    etype: EntityType,
    rule: &'static str,
    gaz: &[(Span, EntityType, bool)],
    out: &mut Vec<RawMention>,
) {
    let name = span.slice(text).trim().to_string();
    let first = name.split([' ', '-']).next().unwrap_or("");
    if name.is_empty() || is_stop(first) || overlaps_gazetteer(span, gaz) {
        return;
    }
    out.push(RawMention {
        span,
        key: format!("{}/{}", etype.as_str().to_lowercase(), slugify(&name)),
        etype,
        label: name,
        rule: rule.into(),
        confidence: 0.6,
        from_gazetteer: false,
        demonym: false,
        nested: false,
    });
}

/// A name in apposition with its kind: "Coinwash, a cryptocurrency mixing service
/// suspected of ...", "Corvid, the largest darknet market." names a Company ("X, a
/// botnet used by ..." a Group). The apposition must close (a comma, a full stop, a
/// relative or participle), so that "Suddenly, the platform was shut down" names
/// nothing. Searched from the comma, then back to the name: as one pattern that begins
/// with a name, it cost a tenth of extraction time.
fn appositions(text: &str, gaz: &[(Span, EntityType, bool)], out: &mut Vec<RawMention>) {
    let tail = static_regex!(
        r"(?x)
            ,[^\S\n]+(?:a|an|the)[^\S\n]+(?:[\w'’-]+[^\S\n]+){0,4}?
            (?:(service|platform|marketplace|market|forum|app|messenger|bazaar|exchange|mixer)
              |(botnet|malware|ransomware[^\S\n]+(?:group|gang)|trojan|cartel|gang))
            (?:[^\S\n]+(?:that|which|used|run|based|suspected|known|believed|offering|selling|behind|with|for|where|whose|linked)[^\S\n]
              |[^\S\n]*[,.;:)])"
    );
    // The same in the other four languages, where adjectives may also follow the head
    // ("Matrix, une messagerie chiffrée dédiée aux criminels", "Exclu, een versleutelde
    // chatdienst die ..."): up to two words after it, then a relative or participle.
    let tail_other = static_regex!(
        r"(?x)
            ,[^\S\n]+(?:(?:une?|la|le|een|het|de|eine[nmr]?|ein|die|das|der|una?|el)[^\S\n]+|l['’])(?:[\w'’-]+[^\S\n]+){0,2}?
            (?:(messagerie|plateforme|application|service|marché|forum|[\w-]*(?:platform|dienst)|marktplaats|[\w-]*(?:[Pp]lattform|[Dd]ienst|[Mm]essenger|[Mm]arktplatz)|App|plataforma|aplicación|servicio|mercado|mensajería|foro)
              |(botnet|rançongiciel|Botnetz|Schadsoftware|Trojaner|Bande|Kartell|bende|kartel|banda|cártel))
            (?:(?:[^\S\n]+[\w'’-]+){0,2}?[^\S\n]+(?:qui|que|dont|utilisée?s?|dédiée?s?|destinée?s?|basée?s?|réservée?s?|spécialisée?s?|permettant|die|dat|waarmee|waarop|welke|gebruikt|der|das|mit|für|utilizad[oa]s?|dedicad[oa]s?|destinad[oa]s?|especializad[oa]s?|con|para|avec|pour|voor|met)[^\S\n]
              |[^\S\n]*[,.;:)])"
    );
    let name = static_regex!(r"\b\p{Lu}[\p{L}\p{N}\-']+(?:[ \-](?:al-)?\p{Lu}[\p{L}\p{N}\-']+){0,3}$");
    for caps in tail.captures_iter(text).chain(tail_other.captures_iter(text)) {
        let Some(whole) = caps.get(0) else { continue };
        let (etype, rule) = if caps.get(1).is_some() {
            (EntityType::Company, "pattern:company-apposition")
        } else {
            (EntityType::Group, "pattern:group-apposition")
        };
        let before = super::text_before(text, whole.start(), 80);
        let Some(m) = name.find(before) else { continue };
        let start = whole.start() - before.len() + m.start();
        push_contextual(text, Span::new(start, whole.start()), etype, rule, gaz, out);
    }
}

/// Abbreviations defined in parentheses ([`super::abbrev`]): "the Bundeskriminalamt
/// (BKA)". The long form and every use of the short form in the report name one entity:
/// the one found for either (the gazetteer may know only "OFAST", or only
/// "Unidad Central Operativa"), else a new Agency when the long form is a named public
/// body (it has a head word: Office, Unidad, Dienst ...). Entities of other kinds are
/// linked, never invented: "organised crime group (OCG)" stays nothing.
fn abbreviations(text: &str, sentences: &[Span], out: &mut Vec<RawMention>) {
    let paren = static_regex!(r"\(([^()\n]{2,60})\)");
    let mut defined: Vec<(String, RawMention)> = Vec::new();
    for caps in paren.captures_iter(text) {
        let (Some(whole), Some(short)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // "General Directorate Combating Organised Crime (GDBOP)": a body the gazetteer
        // knows, in parentheses right after one only a pattern found, names the same body
        // (whether or not its letters spell the words before).
        let short_span = Span::new(short.start(), short.end());
        let known = out
            .iter()
            .find(|m| m.span == short_span && m.from_gazetteer && m.etype == EntityType::Agency)
            .cloned();
        if let Some(known) = known {
            let before = text[..whole.start()].trim_end().len();
            if let Some(m) = out
                .iter_mut()
                .find(|m| m.span.end == before && !m.from_gazetteer && m.etype == EntityType::Agency)
            {
                *m = RawMention {
                    span: m.span,
                    rule: "link:apposition".into(),
                    confidence: 0.75,
                    ..known
                };
                continue;
            }
        }
        if !abbrev::is_short_form(short.as_str()) {
            continue;
        }
        let sentence_start = sentences
            .get(sentences.partition_point(|s| s.end <= whole.start()))
            .map_or(0, |s| s.start.min(whole.start()));
        let before = &text[sentence_start..whole.start()];
        let Some(offset) = abbrev::long_form_start(before, short.as_str()) else {
            continue;
        };
        let long = Span::new(sentence_start + offset, sentence_start + before.trim_end().len());
        if !is_capitalised(long.slice(text)) {
            continue;
        }
        // A mention across either end of the long form: the definition is not a name.
        if out.iter().any(|m| {
            m.span.overlaps(long) && !long.contains(m.span) && !(m.span.end == long.end && m.span.contains(long))
        }) {
            continue;
        }
        let named = |span: Span| {
            out.iter()
                .find(|m| !m.demonym && m.span.end == span.end && m.span.start <= span.start)
                .cloned()
        };
        let (short_named, long_named) = (named(short_span), named(long));
        let source = match (&short_named, &long_named) {
            (Some(_), Some(_)) => continue,
            (Some(s), None) | (None, Some(s)) => s.clone(),
            (None, None) => {
                let name = long.slice(text);
                let ws = words(name, long.start);
                let head = ws.iter().any(|w| is_head(w.text));
                if !head || ws.len() < 2 && !AGENCY_SUFFIXES.iter().any(|s| lower(name).ends_with(s)) {
                    continue;
                }
                RawMention {
                    span: long,
                    key: format!("agency/{}", slugify(name)),
                    etype: EntityType::Agency,
                    label: name.to_string(),
                    rule: "pattern:agency-abbreviation".into(),
                    confidence: 0.7,
                    from_gazetteer: false,
                    demonym: false,
                    nested: false,
                }
            }
        };
        // Countries and places have no abbreviation worth linking ("(NL)" is a country code
        // the gazetteer has, or nothing).
        if matches!(source.etype, EntityType::Country | EntityType::Place) {
            continue;
        }
        let link = |span: Span| RawMention {
            span,
            rule: "link:abbreviation".into(),
            confidence: 0.75,
            ..source.clone()
        };
        if long_named.is_none() {
            // A new body keeps its own rule; a known one is linked.
            out.push(if source.span == long {
                source.clone()
            } else {
                link(long)
            });
        }
        if short_named.is_none() {
            out.push(link(short_span));
        }
        defined.push((short.as_str().to_string(), source));
    }
    // Every other use of a defined short form in the report.
    for (short, source) in defined {
        let mut from = 0;
        while let Some(pos) = text.get(from..).and_then(|t| t.find(short.as_str())) {
            let span = Span::new(from + pos, from + pos + short.len());
            from = span.end;
            let bounded = text[..span.start].chars().last().is_none_or(|c| !c.is_alphanumeric())
                && text[span.end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if bounded && !out.iter().any(|m| m.span.overlaps(span)) {
                out.push(RawMention {
                    span,
                    rule: "link:abbreviation".into(),
                    confidence: 0.75,
                    ..source.clone()
                });
            }
        }
    }
}

/// "Wainwright" alone, after "Rob Wainwright" in the same report, is the same person.
fn link_surnames(text: &str, sentences: &[Span], out: &mut Vec<RawMention>) {
    let mut surnames: BTreeMap<String, (String, String)> = BTreeMap::new();
    for m in out
        .iter()
        .filter(|m| m.etype == EntityType::Person && !m.from_gazetteer)
    {
        let parts: Vec<&str> = m.label.split(' ').collect();
        if parts.len() >= 2 {
            // The surname is everything after the given name ("Van Der Sypt").
            let surname = parts[1..].join(" ");
            if surname.chars().count() > 2 {
                surnames.insert(surname, (m.key.clone(), m.label.clone()));
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    let taken: Vec<Span> = out.iter().map(|m| m.span).collect();
    let mut add = Vec::new();
    for s in sentences {
        let sentence = s.slice(text);
        for (surname, (key, label)) in &surnames {
            let mut from = 0;
            while let Some(pos) = sentence.get(from..).and_then(|x| x.find(surname.as_str())) {
                let start = s.start + from + pos;
                let end = start + surname.len();
                from += pos + surname.len();
                let span = Span::new(start, end);
                let before_ok = text[..start].chars().last().is_none_or(|c| !c.is_alphanumeric());
                let after_ok = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if before_ok && after_ok && !taken.iter().any(|t| t.overlaps(span)) {
                    add.push(RawMention {
                        span,
                        key: key.clone(),
                        etype: EntityType::Person,
                        label: label.clone(),
                        rule: "link:surname".into(),
                        confidence: 0.7,
                        from_gazetteer: false,
                        demonym: false,
                        nested: false,
                    });
                }
            }
        }
    }
    out.extend(add);
}

/// Keeps the longest mention where mentions overlap (the gazetteer wins ties); a
/// country or place inside a kept agency name is kept as nested.
fn resolve_overlaps(mut ms: Vec<RawMention>) -> Vec<RawMention> {
    ms.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(b.from_gazetteer.cmp(&a.from_gazetteer))
            .then(b.confidence.total_cmp(&a.confidence))
            .then(a.span.start.cmp(&b.span.start))
    });
    let mut kept: Vec<RawMention> = Vec::new();
    // Kept top-level spans never overlap each other: index them by start.
    let mut top: BTreeMap<usize, usize> = BTreeMap::new();
    for m in ms {
        let before = top.range(..m.span.end).next_back().map(|(_, &i)| i);
        let outer = before.map(|i| &kept[i]).filter(|k| k.span.overlaps(m.span));
        match outer {
            None => {
                top.insert(m.span.start, kept.len());
                kept.push(m);
            }
            Some(o) => {
                if o.span.contains(m.span)
                    && o.etype == EntityType::Agency
                    && matches!(m.etype, EntityType::Country | EntityType::Place)
                    && !m.demonym
                {
                    kept.push(RawMention { nested: true, ..m });
                }
            }
        }
    }
    kept.sort_by_key(|m| (m.span.start, m.span.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_context_prefilter_names_every_pattern_that_matches() {
        let set = context_set().expect("context set");
        // Every pattern has words: none is left to a lazy DFA of its own.
        assert_eq!(set.without_words(), 0);
        let texts = [
            "The Naser News Agency said the Vexmoor botnet was run from the darknet market Velvet Road.",
            "Le réseau, baptisé Talon, utilisait la plateforme « Corvid ».",
            "a reporter for the Roswell Gazette wrote that die Plattform namens Krake fiel",
            "Nothing here names anything.",
        ];
        let mut matched = 0;
        for text in texts {
            let candidates = set.candidates(text);
            for (i, p) in context_patterns().iter().enumerate() {
                if p.re.is_match(text) {
                    matched += 1;
                    assert!(candidates.contains(&i), "{} on {text:?}", p.re.as_str());
                }
            }
        }
        assert!(matched >= 5, "{matched}");
        assert!(set.candidates(texts[3]).is_empty());
    }

    fn find(text: &str) -> Vec<RawMention> {
        let gaz = Gazetteer::default();
        find_mentions(text, &[Span::new(0, text.len())], &gaz, Lang::Other)
    }

    /// [`find`] with the built-in gazetteer.
    pub(super) fn find_known(text: &str) -> Vec<RawMention> {
        let gaz = Gazetteer::shared().expect("gazetteer");
        find_mentions(text, &[Span::new(0, text.len())], &gaz, Lang::Other)
    }

    /// The labels of the mentions of type `etype` among `ms`, in order.
    pub(super) fn labels_of(ms: &[RawMention], etype: EntityType) -> Vec<String> {
        ms.iter()
            .filter(|m| m.etype == etype)
            .map(|m| m.label.clone())
            .collect()
    }

    /// A site named by its domain is a company; links, mail addresses and the domains
    /// of national bodies are not.
    #[test]
    fn sites_named_by_their_domain_are_companies() {
        let companies = |text: &str| -> Vec<String> {
            find(text)
                .into_iter()
                .filter(|m| m.etype == EntityType::Company)
                .map(|m| m.label)
                .collect()
        };
        assert_eq!(
            companies("Booter sites such as vexstress.net, Quillboot.io and \"darkmoor.to\" went offline."),
            ["vexstress.net", "Quillboot.io", "darkmoor.to"]
        );
        assert_eq!(
            companies("Die Polizei schaltete die Seite vexstress.net ab."),
            ["vexstress.net"]
        );
        assert_eq!(companies("La page www.vexstress.net est fermée."), ["vexstress.net"]);
        for text in [
            "Read more at https://www.vexstress.net/news or http://vexstress.net/.",
            "Write to press@vexstress.net for details.",
            "See bka.de and justice.gov for the releases.",
            "The site vexstress.net.br is Brazilian.",
            "Version 2.0 of the tool was released.",
        ] {
            assert!(companies(text).is_empty(), "{text}: {:?}", companies(text));
        }
    }

    #[test]
    fn names_in_apposition_with_their_kind_in_five_languages() {
        let labels = |text: &str, etype: EntityType| -> Vec<String> {
            find_known(text)
                .into_iter()
                .filter(|m| m.etype == etype)
                .map(|m| m.label)
                .collect()
        };
        for (text, name, etype) in [
            (
                "Police closed Corvid, a darknet market run from abroad.",
                "Corvid",
                EntityType::Company,
            ),
            (
                "La police a démantelé Quillmark, une messagerie chiffrée dédiée aux criminels.",
                "Quillmark",
                EntityType::Company,
            ),
            (
                "De politie haalde Varnex, een versleutelde chatdienst die criminelen gebruikten, offline.",
                "Varnex",
                EntityType::Company,
            ),
            (
                "Die Polizei schaltete Vexmoor, einen verschlüsselten Messenger-Dienst, ab.",
                "Vexmoor",
                EntityType::Company,
            ),
            (
                "La policía cerró Krakenfang, una plataforma utilizada por criminales.",
                "Krakenfang",
                EntityType::Company,
            ),
            (
                "Le parquet a fermé Glimmerbot, un botnet qui infectait des ordinateurs.",
                "Glimmerbot",
                EntityType::Group,
            ),
        ] {
            let got = labels(text, etype);
            assert_eq!(got, [name], "{text}");
        }
        // No closing relative or participle: a sentence's opening word is no name.
        assert!(labels("Soudain, la plateforme était fermée.", EntityType::Company).is_empty());
        assert!(labels("Wrongly, the platform was shut down.", EntityType::Company).is_empty());
        // A relative clause is no article: "X, la cual era utilizada como plataforma".
        assert!(labels(
            "Usaban Zorbat, la cual era utilizada como plataforma para el envío.",
            EntityType::Company
        )
        .is_empty());
    }

    #[test]
    fn a_bare_name_is_the_entry_known_with_its_head() {
        let gaz = Gazetteer::from_turtle(
            "@prefix opg: <https://w3id.org/opgraph/ontology#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<https://w3id.org/opgraph/id/entity/krakenfang> a opg:Group ; skos:prefLabel \"Krakenfang botnet\"@en .",
            "test.ttl",
        )
        .expect("gazetteer");
        for text in [
            "Police took down the botnet Krakenfang.",
            "Police took down the Krakenfang botnet.",
        ] {
            let ms = find_mentions(text, &[Span::new(0, text.len())], &gaz, Lang::En);
            let groups: Vec<_> = ms
                .iter()
                .filter(|m| m.etype == EntityType::Group)
                .map(|m| (m.key.as_str(), m.label.as_str()))
                .collect();
            assert_eq!(groups, [("krakenfang", "Krakenfang botnet")], "{text}");
        }
        // Not across types: a platform of that bare name stays its own.
        let text = "Police shut the platform Krakenfang.";
        let ms = find_mentions(text, &[Span::new(0, text.len())], &gaz, Lang::En);
        assert!(
            ms.iter()
                .any(|m| m.etype == EntityType::Company && m.key == "company/krakenfang"),
            "{ms:?}"
        );
    }

    /// A country's possessive before a body's generic name is that country's body.
    #[test]
    fn a_countrys_possessive_names_its_body() {
        let keys = |text: &str| -> Vec<String> {
            find_known(text)
                .into_iter()
                .filter(|m| !m.nested)
                .map(|m| m.key)
                .collect()
        };
        assert_eq!(keys("Belgium's federal prosecutor said"), ["be-federal-prosecutor"]);
        assert_eq!(keys("the Netherlands’ national police said"), ["nl-national-police"]);
        // A body named in full after the possessive is its own mention; no body at all
        // leaves the country alone.
        assert_eq!(keys("Belgium's German Federal Police"), ["belgium", "de-bundespolizei"]);
        assert_eq!(keys("Belgium's decision"), ["belgium"]);
        // A country as a compound's first part: that country's body, not the named one.
        let ms = find_known("Die US-Bundespolizei ermittelte.");
        let got: Vec<_> = ms
            .iter()
            .map(|m| (m.key.as_str(), m.span.slice("Die US-Bundespolizei ermittelte.")))
            .collect();
        assert_eq!(got, [("united-states", "US-Bundespolizei")]);
        assert_eq!(keys("Die Bundespolizei ermittelte."), ["de-bundespolizei"]);
    }

    /// A combining form ("franco-") names its country when the compound goes on with
    /// another country's adjective, not in a hyphenated surname.
    #[test]
    fn combining_forms_need_a_second_adjective() {
        let keys = |text: &str| -> Vec<String> { find_known(text).into_iter().map(|m| m.key).collect() };
        assert_eq!(keys("les enquêteurs franco-belges"), ["france", "belgium"]);
        assert_eq!(keys("a Sino-Russian deal"), ["china", "russia"]);
        assert!(!keys("le ministre Franco-Ruiz").contains(&"france".to_string()));
        assert!(!keys("a Franco-era law").contains(&"france".to_string()));
    }

    proptest::proptest! {
        /// The scan finds the words the pattern it replaced finds, on text of Latin
        /// letters, accents (precomposed and combining), digits, apostrophes and hyphens.
        #[test]
        fn words_are_those_of_the_word_pattern(pieces in proptest::collection::vec(proptest::prop_oneof![
            proptest::strategy::Just("Jean"), proptest::strategy::Just("-"), proptest::strategy::Just("Marc"),
            proptest::strategy::Just("l'"), proptest::strategy::Just("’"), proptest::strategy::Just("é"),
            proptest::strategy::Just("e\u{301}"), proptest::strategy::Just(" "), proptest::strategy::Just("2019"),
            proptest::strategy::Just(","), proptest::strategy::Just("--"), proptest::strategy::Just("'"),
            proptest::strategy::Just("\u{301}"), proptest::strategy::Just("Ünion"), proptest::strategy::Just("."),
        ], 0..16)) {
            let text: String = pieces.concat();
            let re = regex::Regex::new(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’\-]*[\p{L}\p{M}\p{N}]|[\p{L}\p{N}]").unwrap();
            let want: Vec<(usize, usize)> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            let got: Vec<(usize, usize)> = words(&text, 0).iter().map(|w| (w.span.start, w.span.end)).collect();
            proptest::prop_assert_eq!(got, want, "{:?}", text);
        }
    }

    #[test]
    fn named_bodies_by_head_word() {
        let names = labels_of(&find(
            "The raid was run by the Provincial Brigade of Ceuta and the Landeskriminalamt Niedersachsen yesterday.",
        ), EntityType::Agency);
        for name in ["Provincial Brigade of Ceuta", "Landeskriminalamt Niedersachsen"] {
            assert!(names.iter().any(|n| n == name), "{names:?}");
        }
        // Two connectors join ("for the"), unless the first coordinates ("and the").
        let names = labels_of(
            &find("The Regional Office for the Prosecution of Fraud and the Provincial Court acted."),
            EntityType::Agency,
        );
        assert_eq!(
            names,
            ["Regional Office for the Prosecution of Fraud", "Provincial Court"]
        );
        // "para el", "pour le", "contra la" join the words of one name.
        let names = labels_of(
            &find("Ayudaron la Fiscalía para el Distrito Norte de Vexmoor y la Fiscalía contra la Corrupción."),
            EntityType::Agency,
        );
        assert_eq!(
            names,
            [
                "Fiscalía para el Distrito Norte de Vexmoor",
                "Fiscalía contra la Corrupción"
            ]
        );
        // A head and a known place end the name: German capitalises the noun after it.
        let names = labels_of(
            &find_known("Gegen drei Männer hat das Amtsgericht Köln Haftbefehle erlassen."),
            EntityType::Agency,
        );
        assert_eq!(names, ["Amtsgericht Köln"]);
        // A firm's word makes a company of a name with a body's head.
        let ms = find("Analysts of Vexmoor Systems Threat Intelligence and the Cyber Intelligence Unit helped.");
        let typed: Vec<_> = ms.iter().map(|m| (m.label.as_str(), m.etype)).collect();
        assert!(
            typed.contains(&("Vexmoor Systems Threat Intelligence", EntityType::Company)),
            "{typed:?}"
        );
        assert!(
            typed.contains(&("Cyber Intelligence Unit", EntityType::Agency)),
            "{typed:?}"
        );
    }

    #[test]
    fn names_quoted_after_their_head_or_given_as_what_it_is_known_as() {
        for (text, name, etype) in [
            (
                "Die Server der Plattform \"Vexmoor\" wurden beschlagnahmt.",
                "Vexmoor",
                EntityType::Company,
            ),
            (
                "Le groupe « Sombrelune » a été démantelé.",
                "Sombrelune",
                EntityType::Group,
            ),
            (
                "The botnet, known as Glimmerbot, was taken down.",
                "Glimmerbot",
                EntityType::Group,
            ),
            (
                "Het platform, bekend als Vexmoor, ging offline.",
                "Vexmoor",
                EntityType::Company,
            ),
            (
                "Le réseau, baptisé Sombrelune, vendait de la cocaïne.",
                "Sombrelune",
                EntityType::Group,
            ),
            ("La página web Vexmoor ha sido cerrada.", "Vexmoor", EntityType::Company),
            (
                "Une plateforme de vente de drogues sur le darknet, appelée Vexmoor, a été fermée.",
                "Vexmoor",
                EntityType::Company,
            ),
        ] {
            let ms = find(text);
            assert!(
                ms.iter().any(|m| m.label == name && m.etype == etype),
                "{text}: {:?}",
                ms.iter().map(|m| (&m.label, m.etype)).collect::<Vec<_>>()
            );
        }
        // The medium after a site's head is no name (a bare "site" is no head), nor the
        // first word of a compound head.
        let ms = find("Une page du site Web de la plateforme était indisponible.");
        assert!(ms.iter().all(|m| m.label != "Web"), "{ms:?}");
        let ms = find("Europol hat die Zerschlagung von einem „Super-Kartell“ verkündet.");
        assert!(ms.iter().all(|m| m.label != "Super"), "{ms:?}");
        let ms = find("Der Minister begrüßte die großangelegte Anti-Mafia-Razzia.");
        assert!(ms.iter().all(|m| m.label != "Anti"), "{ms:?}");
        let ms = find("Die Malware konnte einen Banking-Trojaner nachladen.");
        assert!(ms.iter().all(|m| m.label != "Banking"), "{ms:?}");
    }

    #[test]
    fn an_abbreviation_and_its_long_form_name_one_body() {
        let text = "La BRB a agi. L'enquête, dirigée par la Brigade de répression du banditisme (BRB), a visé \
                    le Mouvement Rouge de Libération (MRL). La BRB a saisi 2 tonnes, comme l'Office central \
                    anti-stupéfiants (OFAST) en mai.";
        let ms = find_known(text);
        let of = |surface: &str| -> Vec<(&str, &str)> {
            ms.iter()
                .filter(|m| m.span.slice(text) == surface)
                .map(|m| (m.key.as_str(), m.rule.as_str()))
                .collect()
        };
        // Neither form is known: a new body, with every use of its short form, the one
        // before the definition too.
        let brb = "agency/brigade-de-repression-du-banditisme";
        assert_eq!(
            of("Brigade de répression du banditisme"),
            [(brb, "pattern:agency-abbreviation")]
        );
        assert_eq!(of("BRB"), [(brb, "link:abbreviation"); 3]);
        // Only the short form is known: the long form is linked to it.
        assert_eq!(
            of("Office central anti-stupéfiants"),
            [("fr-ofast", "link:abbreviation")]
        );
        // No head word, no body.
        assert!(of("MRL").is_empty() && of("Mouvement Rouge de Libération").is_empty());
        // A known body in parentheses after a name only a pattern found: one body, even
        // when the letters do not spell the words (a transliterated acronym).
        let text = "Bulgaria: General Directorate Combating Organised Crime (GDBOP).";
        let ms = find_known(text);
        assert!(
            ms.iter()
                .filter(|m| m.etype == EntityType::Agency)
                .all(|m| m.key == "bg-gdbop"),
            "{:?}",
            ms.iter().map(|m| (&m.label, &m.key)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn persons_by_cue_and_given_name() {
        let ms = find("“We are pleased,” said Johanna Verbeke, while Peter Smits disagreed. Verbeke left.");
        let persons: Vec<_> = ms
            .iter()
            .filter(|m| m.etype == EntityType::Person)
            .map(|m| (m.label.as_str(), m.rule.as_str()))
            .collect();
        assert!(
            persons.contains(&("Johanna Verbeke", "pattern:person-cue")),
            "{persons:?}"
        );
        assert!(
            persons.contains(&("Peter Smits", "pattern:person-given-name")),
            "{persons:?}"
        );
        assert!(
            persons
                .iter()
                .any(|(l, r)| *l == "Johanna Verbeke" && *r == "link:surname"),
            "{persons:?}"
        );
    }

    /// Unknown names in a list of known companies (or groups) are companies (groups).
    #[test]
    fn unknown_members_of_a_list_of_companies_are_companies() {
        let named = |text: &str, etype: EntityType| -> Vec<String> {
            find_known(text)
                .into_iter()
                .filter(|m| m.etype == etype && !m.from_gazetteer)
                .map(|m| m.label)
                .collect()
        };
        let text = "Partners included Google, Veltrix Labs, Microsoft, Norvane, and Quirrel.";
        assert_eq!(named(text, EntityType::Company), ["Veltrix Labs", "Norvane", "Quirrel"]);
        let text = "The botnets were Emotet, Qakbot and Zorvex, it added.";
        assert_eq!(named(text, EntityType::Group), ["Zorvex"]);
        // One known company is no list of companies; nor is a list of mixed kinds.
        for text in [
            "Partners included Google and Veltrix.",
            "Partners included Google, Europol, Veltrix and Microsoft.",
            "Google, Microsoft and Veltrix said nothing.",
            "Partners included Google and Microsoft of Redmond.",
        ] {
            assert!(named(text, EntityType::Company).is_empty(), "{text}");
        }
        // Dutch "en" joins a list.
        let text = "Partners waren Google, Microsoft en Veltrix.";
        let gaz = Gazetteer::shared().expect("gazetteer");
        let ms = find_mentions(text, &[Span::new(0, text.len())], &gaz, Lang::Nl);
        assert!(ms
            .iter()
            .any(|m| m.label == "Veltrix" && m.etype == EntityType::Company));
    }

    /// An operation's name is no person, nor is an article before a head a name ("Una
    /// botnet es ...").
    #[test]
    fn operation_names_and_articles_before_a_head_are_no_names() {
        for text in [
            "The takedown, called Operation “Martin Heron,” was the largest yet.",
            "La operación Cielo Rojo, dijo la policía, terminó el martes.",
            "Una botnet es una red de ordenadores secuestrados.",
        ] {
            let ms = find_known(text);
            let named: Vec<_> = ms
                .iter()
                .filter(|m| matches!(m.etype, EntityType::Person | EntityType::Group))
                .map(|m| m.label.as_str())
                .collect();
            assert!(named.is_empty(), "{text}: {named:?}");
        }
    }

    #[test]
    fn titles_before_a_name_are_not_part_of_it() {
        for (text, person) in [
            (
                "The agency's Deputy Executive Director Marion Fairweather emphasised the reach of the service.",
                "Marion Fairweather",
            ),
            (
                "Commissioner Oskar Lindqvist stressed that the work goes on.",
                "Oskar Lindqvist",
            ),
            (
                "Le ministre Paul Aubertin a souligné le travail des enquêteurs.",
                "Paul Aubertin",
            ),
        ] {
            assert_eq!(labels_of(&find(text), EntityType::Person), [person], "{text}");
        }
    }

    #[test]
    fn compound_titles_appositions_and_ages_cue_persons() {
        for (text, person) in [
            // German and Dutch compound titles, before the name or after it.
            (
                "Landesinnenministerin Odile Krautwurst sprach von einem Erfolg.",
                "Odile Krautwurst",
            ),
            (
                "Der Polizeichef Tarek Vollmerhaus sagte, es gehe weiter.",
                "Tarek Vollmerhaus",
            ),
            (
                "Zo zegt Interpol-voorzitter Radko Vinterberg over de zaak.",
                "Radko Vinterberg",
            ),
            ("Okko Brennecke Redakteurin in der Zeitung.", "Okko Brennecke"),
            ("licht officier van justitie Wiebe Zandhuis toe.", "Wiebe Zandhuis"),
            ("La porte-parole Odalys Quenneville a confirmé.", "Odalys Quenneville"),
            // A title in apposition, an age.
            (
                "Odalys Quenneville, senior analyst at a security firm, warned of copycats.",
                "Odalys Quenneville",
            ),
            (
                "Entre los detenidos se encuentra Ximo Arrizabalaga, de 32 años, presunto jefe.",
                "Ximo Arrizabalaga",
            ),
            // A middle initial is read over and left out of the name.
            (
                "Deputy Attorney General Odile K. Brennecke announced the charges.",
                "Odile Brennecke",
            ),
        ] {
            assert_eq!(labels_of(&find(text), EntityType::Person), [person], "{text}");
        }
        // A market's name before a title in the same phrase is no person; nor the words
        // after a title that ends a sentence, or before "von" and a title.
        for text in [
            "The Vexmoor Market administrator was arrested.",
            "Es sei ein Erfolg, so die Innenministerin. Bei den Ermittlungen half das BKA.",
            "Es sprach der Präsident. Neue Ermittlungen folgen.",
            "Nach Angaben von Behördenchefin Odile Krautwurst waren es viele.",
        ] {
            let ms = find(text);
            let persons = labels_of(&ms, EntityType::Person);
            assert!(persons.iter().all(|p| *p == "Odile Krautwurst"), "{text}: {persons:?}");
        }
    }

    #[test]
    fn a_given_name_and_a_surname_that_names_a_country() {
        let ms = find_known("Deputy Attorney General Lisa O. Monaco announced the charges.");
        assert_eq!(labels_of(&ms, EntityType::Person), ["Lisa Monaco"], "{ms:?}");
        // Without a cue, the country stays.
        let ms = find_known("Talks between Lisa and Monaco went on.");
        assert!(ms.iter().any(|m| m.etype == EntityType::Country), "{ms:?}");
    }

    #[test]
    fn a_person_of_a_body_is_not_part_of_its_name() {
        for (text, person) in [
            (
                "Volgens woordvoerder Jan Peeters van de Federale Politie ging het om video's.",
                "Jan Peeters",
            ),
            ("“It worked,” said John Smith of the Metropolitan Police.", "John Smith"),
            (
                "Volgens Anna de Vries van de Koninklijke Marechaussee ging het om video's.",
                "Anna de Vries",
            ),
            (
                "Volgens Anna de Vries van de Politie Zone Vexmoor ging het om video's.",
                "Anna de Vries",
            ),
            (
                "Het werk gaat door, benadrukte Jorien Smulders van de Belgische federale politie.",
                "Jorien Smulders",
            ),
        ] {
            let ms = find_known(text);
            assert_eq!(labels_of(&ms, EntityType::Person), [person], "{text}: {ms:?}");
            assert!(ms.iter().any(|m| m.etype == EntityType::Agency), "{text}: {ms:?}");
            // The body's own name, without the person's.
            assert!(
                ms.iter()
                    .all(|m| m.etype != EntityType::Agency || !m.label.contains(person)),
                "{text}: {ms:?}"
            );
        }
        // A surname with particles is still one: "Jannine van den Berg".
        let ms = find_known("Said Jannine van den Berg, head of the unit.");
        assert!(ms.iter().any(|m| m.label == "Jannine van den Berg"), "{ms:?}");
    }

    #[test]
    fn a_national_body_before_another_country_s_demonym_is_that_country() {
        // Belgium's federal police is "police fédérale"; "suisse" says whose police acted.
        let ms = find_known("La police fédérale suisse a participé.");
        let keys: Vec<&str> = ms.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["switzerland"], "{ms:?}");
        assert_eq!(
            ms[0].span.slice("La police fédérale suisse a participé."),
            "police fédérale suisse"
        );
        // Its own demonym leaves the body as it is.
        let ms = find_known("La police fédérale belge a participé.");
        assert!(ms.iter().any(|m| m.key == "be-federal-police"), "{ms:?}");
        // So does "of" and another country: Spain's national police is "Policía Nacional".
        let text = "Agentes de la Policía Nacional de Francia participaron.";
        let ms = find_known(text);
        let keys: Vec<&str> = ms.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["france"], "{ms:?}");
        assert_eq!(ms[0].span.slice(text), "Policía Nacional de Francia");
        // A body of its own country, or of a place, stays.
        let ms = find_known("La Policía Nacional de España y la Policía Nacional de Madrid participaron.");
        assert_eq!(
            ms.iter().filter(|m| m.key == "es-policia-nacional").count(),
            2,
            "{ms:?}"
        );
    }

    #[test]
    fn german_country_names_in_the_genitive() {
        let ms = find_known("Behörden Frankreichs, Spaniens und der Schweiz waren beteiligt.");
        let keys: Vec<&str> = ms.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["france", "spain", "switzerland"], "{ms:?}");
    }

    #[test]
    fn photo_credit_initials() {
        let ms = find("Image: Newsdesk/K. Vandamme");
        assert!(
            ms.iter()
                .any(|m| m.etype == EntityType::Person && m.label == "K. Vandamme"),
            "{ms:?}"
        );
    }

    #[test]
    fn context_typed_names() {
        let ms = find("Investigators dismantled the Krakenfang botnet and shut the Velvet Road market; the outlet “Sawtuna” went quiet.");
        let got: Vec<_> = ms.iter().map(|m| (m.label.as_str(), m.etype)).collect();
        assert!(got.contains(&("Krakenfang", EntityType::Group)), "{got:?}");
        assert!(got.contains(&("Velvet Road", EntityType::Company)), "{got:?}");
        assert!(got.contains(&("Sawtuna", EntityType::Outlet)), "{got:?}");
    }

    #[test]
    fn a_group_named_after_its_head_word() {
        for text in [
            "Les enquêteurs ont démantelé le groupe Vexmoor.",
            "Die Ermittler haben die Gruppe Vexmoor zerschlagen.",
            "Los agentes desarticularon el grupo Vexmoor.",
            "Investigators took down the botnet Vexmoor.",
            "De politie heeft de ransomware Vexmoor uitgeschakeld.",
            "La police a démantelé le réseau Vexmoor.",
            "Die Polizei hat das Netzwerk Vexmoor zerschlagen.",
        ] {
            let ms = find(text);
            let got: Vec<_> = ms.iter().map(|m| (m.label.as_str(), m.etype)).collect();
            assert!(got.contains(&("Vexmoor", EntityType::Group)), "{text}: {got:?}");
        }
        // A lower-case word after the head is no name, nor is a colour a head.
        for text in ["Un groupe de travail a été créé.", "Press the red STOP button."] {
            let ms = find(text);
            assert!(ms.iter().all(|m| m.etype != EntityType::Group), "{text}: {ms:?}");
        }
    }
}

#[cfg(test)]
mod gazetteer_tests {
    use super::*;

    #[test]
    fn builtin_gazetteer_names_agencies_countries_and_groups() {
        let gaz = crate::gazetteer::shared().expect("gazetteer");
        let text = "Europol and the Spanish Guardia Civil acted against Islamic State in Belgium.";
        let ms = find_mentions(text, &[Span::new(0, text.len())], &gaz, Lang::Other);
        let got: Vec<(&str, EntityType)> = ms.iter().map(|m| (m.key.as_str(), m.etype)).collect();
        assert!(got.contains(&("europol", EntityType::Agency)), "{got:?}");
        assert!(got.contains(&("guardia-civil", EntityType::Agency)), "{got:?}");
        assert!(got.contains(&("islamic-state", EntityType::Group)), "{got:?}");
        assert!(got.contains(&("belgium", EntityType::Country)), "{got:?}");
    }

    /// The labels of the mentions of one type, with the built-in gazetteer.
    fn labels(text: &str, etype: EntityType) -> Vec<String> {
        super::tests::labels_of(&super::tests::find_known(text), etype)
    }

    /// A capitalised head is part of a platform's name ("Corvid Market", in quotes or not);
    /// a lower-case one is not ("the Vexmoor forum").
    #[test]
    fn a_capitalised_market_is_part_of_the_name() {
        for text in [
            "Police shut down the bazaar 'Corvid Market'.",
            "Police shut down Corvid Market on Monday.",
        ] {
            assert_eq!(labels(text, EntityType::Company), ["Corvid Market"], "{text}");
        }
        assert_eq!(
            labels("Police shut down the Vexmoor forum.", EntityType::Company),
            ["Vexmoor"]
        );
    }

    /// A headline in title case names nothing by its context; the same words in a
    /// sentence do.
    #[test]
    fn a_title_case_headline_names_nothing_by_context() {
        let text = "Justice Department Announces Takedown of Botnet Used by Cybercriminals";
        assert_eq!(labels(text, EntityType::Group), Vec::<String>::new());
        assert_eq!(
            labels("Police took down the botnet Glimmerbot.", EntityType::Group),
            ["Glimmerbot"]
        );
        // A line longer than a headline is no headline, however it is capitalised (and
        // is not scanned whole for each match).
        let long = format!(
            "{}Crews Hit The Botnet Glimmerbot.",
            "Many Homes Were Searched Today. ".repeat(12)
        );
        assert_eq!(labels(&long, EntityType::Group), ["Glimmerbot"]);
    }

    /// A court's number belongs to its name, after "No." too.
    #[test]
    fn a_numbered_court_keeps_its_number() {
        let text = "The case is led by Investigating Court No. 3 of Almería.";
        assert_eq!(
            labels(text, EntityType::Agency),
            ["Investigating Court No. 3 of Almería"]
        );
    }

    #[test]
    fn outlet_names_do_not_become_authorities() {
        // A head word ("Center") inside a known outlet, coordinated names, a German
        // noun before the outlet: none is an agency.
        for text in [
            "Servers of the Al-Hayat Media Center and Amaq were seized.",
            "Les serveurs de Nashir et Al-Hayat Media Center ont été saisis.",
            "Die Sprachrohre Al-Hayat Media Center wurden abgeschaltet.",
            "The Zarqa Media Center published the claim.",
        ] {
            assert_eq!(labels(text, EntityType::Agency), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn capitalised_german_nouns_before_a_body_are_not_its_name() {
        for (text, want) in [
            (
                "Nach Angaben der Staatsanwaltschaft Vexburg wurden neun Männer festgenommen.",
                "Staatsanwaltschaft Vexburg",
            ),
            (
                "Im Auftrag der Generalstaatsanwaltschaft Vexburg durchsuchten Beamte zwölf Wohnungen.",
                "Generalstaatsanwaltschaft Vexburg",
            ),
            (
                "Laut Mitteilung der Kriminalpolizei Vexburg ist die Bande zerschlagen.",
                "Kriminalpolizei Vexburg",
            ),
        ] {
            assert_eq!(labels(text, EntityType::Agency), [want], "{text}");
        }
    }

    #[test]
    fn a_german_clause_after_polizei_is_not_a_name() {
        let text = "Dann legte die Polizei die Infrastruktur des Darknet-Marktplatzes AlphaBay lahm.";
        assert_eq!(labels(text, EntityType::Agency), Vec::<String>::new());
    }

    #[test]
    fn a_name_coordinated_with_a_known_agency_keeps_its_own_span() {
        let got = labels(
            "The Regional Prosecutor's Office of Ghent and Europol led the case.",
            EntityType::Agency,
        );
        assert!(
            got.iter().any(|n| n == "Regional Prosecutor's Office of Ghent"),
            "{got:?}"
        );
        assert!(got.iter().any(|n| n == "Europol"), "{got:?}");
        // Names joined inside one body stay whole.
        let got = labels(
            "The Provincial Directorate of Roads and Bridges confirmed it.",
            EntityType::Agency,
        );
        assert!(
            got.iter().any(|n| n == "Provincial Directorate of Roads and Bridges"),
            "{got:?}"
        );
    }

    #[test]
    fn persons_after_places_with_particles_and_hyphenated_given_names() {
        let got = labels(
            "Selon Jean-Marc Dupont, la procureure de Gand Sophie Lambert était présente.",
            EntityType::Person,
        );
        assert_eq!(got, ["Jean-Marc Dupont", "Sophie Lambert"]);
        let got = labels(
            "The raid went well, said Anneke van der Meer, head of the unit.",
            EntityType::Person,
        );
        assert_eq!(got, ["Anneke van der Meer"]);
        // A city that is also a given name, with a cue.
        let got = labels("The case is closed, said Sofia Marquez on Monday.", EntityType::Person);
        assert_eq!(got, ["Sofia Marquez"]);
        // Without a cue the city stays a city.
        assert!(labels("Flights from Sofia Airport resumed.", EntityType::Person).is_empty());
    }
}

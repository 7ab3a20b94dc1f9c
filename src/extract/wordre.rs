//! Patterns bounded by Unicode word boundaries (`\b...\b`) that stay on the regex crate's
//! fast engines.
//!
//! The lazy DFA of the `regex` crate supports a Unicode `\b` only on ASCII text: at the
//! first non-ASCII byte it gives up and the search is redone by a slower engine (the
//! bounded backtracker on short texts, the PikeVM on long ones). Accents are common in
//! French, Spanish, German and Dutch reports, so the cue, trigger and name patterns spent
//! most of their time there.
//!
//! A [`WordRegex`] holds the pattern twice: *loose*, without its outer `\b`s (the DFA
//! runs it at full speed on any text), and *exact*, as written. A search runs the loose
//! pattern and checks the boundaries itself; only when a trailing boundary fails does it
//! ask the exact pattern, anchored at that start, for another match there. The results
//! are those of the exact pattern (every exact match is a loose match, so the leftmost
//! loose match never starts after the leftmost exact one; tests compare the two).
//!
//! The pattern must not match the empty string, and `\b` may appear only at its very
//! start and end (one outer group); inner `\b`s would be left to the exact pattern only
//! on the fallback path.
//!
//! A [`WordSet`] says which of many word patterns may occur in a text, in one pass: it
//! is the prefilter ahead of the role cues, whose matches are then confirmed one by one.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use regex::Regex;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::look::LookMatcher;
use regex_automata::util::pool::Pool;
use regex_automata::{meta, Anchored, Input, MatchKind, PatternSet};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition};

use crate::model::Span;

/// A pattern `flags \b(?:core)\b` (either boundary optional), searched fast on any text.
#[derive(Debug, Clone)]
pub struct WordRegex {
    /// Compiled on first search: a process that extracts one report (adding it to a
    /// store) meets only a few of the hundreds of cue patterns, and compiling them all
    /// took a third of its extraction time.
    loose: OnceLock<Option<Regex>>,
    /// The loose pattern, as compiled.
    loose_source: String,
    /// How many bytes of `loose_source` are its flags.
    flags_len: usize,
    /// Compiled on first need (a trailing boundary that fails): most searches never need it.
    exact: OnceLock<Option<meta::Regex>>,
    /// The exact pattern, as written (for [`WordRegex::as_str`] and sets).
    source: String,
    lead: bool,
    trail: bool,
}

/// Is there a Unicode word boundary at byte `at` of `h`? (Off char boundaries: no.)
fn boundary(h: &str, at: usize) -> bool {
    LookMatcher::new().is_word_unicode(h.as_bytes(), at).unwrap_or(false)
}

/// The byte offset of the char after the one starting at `at`.
fn next_char(h: &str, at: usize) -> usize {
    h.get(at..)
        .and_then(|s| s.chars().next())
        .map_or(at + 1, |c| at + c.len_utf8())
}

/// The lazy DFA cache of each pattern. The default (2 MiB) is cleared again and again when
/// reports in five languages follow each other (the five alternatives of a multilingual
/// pattern all build states): mixed-language corpora extracted at half the speed of any
/// single language.
pub(crate) const LAZY_DFA_CACHE: usize = 16 << 20;

fn compile_loose(pattern: &str) -> Option<Regex> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(LAZY_DFA_CACHE)
        .build()
        .ok()
}

impl WordRegex {
    /// `flags` (such as `(?i)`) apply to the whole pattern; `core` is wrapped in a
    /// non-capturing group, so its capture groups keep their numbers.
    /// The pattern is parsed here (a syntax error is returned) and compiled on first use.
    pub fn new(flags: &str, core: &str, lead: bool, trail: bool) -> Result<WordRegex, regex::Error> {
        let loose_source = format!("{flags}(?:{core})");
        // The syntax only: translating the pattern (Unicode classes, case folding) is
        // most of compiling it, left to the first search.
        regex_syntax::ast::parse::Parser::new()
            .parse(&loose_source)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let source = format!(
            "{flags}{}(?:{core}){}",
            if lead { r"\b" } else { "" },
            if trail { r"\b" } else { "" }
        );
        // A pattern that parses compiles unless it is too large; both forms are checked in
        // debug builds and tests.
        debug_assert!(compile_loose(&loose_source).is_some(), "{loose_source}");
        debug_assert!(meta::Regex::new(&source).is_ok(), "{source}");
        Ok(WordRegex {
            loose: OnceLock::new(),
            loose_source,
            flags_len: flags.len(),
            exact: OnceLock::new(),
            source,
            lead,
            trail,
        })
    }

    /// `(?i)\b(?:core)\b`, the form of the cue tables.
    pub fn words(core: &str) -> Result<WordRegex, regex::Error> {
        WordRegex::new("(?i)", core, true, true)
    }

    /// The exact pattern.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The loose pattern (no outer boundaries), whose matches are a superset of the
    /// exact pattern's.
    pub fn loose_str(&self) -> &str {
        &self.loose_source
    }

    /// The index of the capture group called `name` among the spans that
    /// [`WordRegex::captures_at`] returns.
    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.loose()?.capture_names().position(|n| n == Some(name))
    }

    /// The loose pattern without case insensitivity among its flags: what a text must
    /// hold for it to match reads the same from it, folded, and it translates in a
    /// fraction of the time (Unicode case folding is most of the work).
    fn loose_with_case(&self) -> String {
        let (flags, rest) = self.loose_source.split_at(self.flags_len);
        let flags = match flags.strip_prefix("(?").and_then(|f| f.strip_suffix(')')) {
            Some(f) if !f.contains('-') => match f.replace('i', "") {
                f if f.is_empty() => String::new(),
                f => format!("(?{f})"),
            },
            _ => flags.to_string(),
        };
        flags + rest
    }

    fn loose(&self) -> Option<&Regex> {
        self.loose.get_or_init(|| compile_loose(&self.loose_source)).as_ref()
    }

    fn exact(&self) -> Option<&meta::Regex> {
        self.exact.get_or_init(|| meta::Regex::new(&self.source).ok()).as_ref()
    }

    /// The leftmost-first match starting at or after `start` (as the exact pattern's
    /// `find_at`), and whether the exact pattern had to be asked.
    fn locate(&self, h: &str, start: usize) -> Option<(Span, bool)> {
        let mut at = start;
        while at <= h.len() {
            let m = self.loose()?.find_at(h, at)?;
            let (s, e) = (m.start(), m.end());
            if self.lead && !boundary(h, s) {
                // No exact match starts at s: look further.
                at = next_char(h, s);
                continue;
            }
            if !self.trail || boundary(h, e) {
                return Some((Span::new(s, e), false));
            }
            // The loose match ends inside a word; the exact pattern may still match at
            // s with another alternative.
            let input = Input::new(h).range(s..).anchored(Anchored::Yes);
            if let Some(m) = self.exact().and_then(|x| x.search(&input)) {
                return Some((Span::new(m.start(), m.end()), true));
            }
            at = next_char(h, s);
        }
        None
    }

    /// The leftmost-first match starting at or after `start`.
    pub fn find_at(&self, h: &str, start: usize) -> Option<Span> {
        self.locate(h, start).map(|(s, _)| s)
    }

    /// The leftmost-first match.
    pub fn find(&self, h: &str) -> Option<Span> {
        self.find_at(h, 0)
    }

    /// Does the pattern match anywhere in `h`?
    pub fn is_match(&self, h: &str) -> bool {
        self.loose().is_some_and(|l| l.is_match(h)) && self.find(h).is_some()
    }

    /// Every successive non-overlapping match, as the exact pattern's `find_iter`.
    pub fn find_iter<'r, 'h>(&'r self, h: &'h str) -> impl Iterator<Item = Span> + use<'r, 'h> {
        let mut at = 0usize;
        std::iter::from_fn(move || {
            if at > h.len() {
                return None;
            }
            let m = self.find_at(h, at)?;
            at = if m.end > m.start { m.end } else { next_char(h, m.end) };
            Some(m)
        })
    }

    /// The spans of the capture groups (0 = the whole match) of the first match at or
    /// after `start`.
    pub fn captures_at(&self, h: &str, start: usize) -> Option<Vec<Option<Span>>> {
        let (m, exact) = self.locate(h, start)?;
        if exact {
            let x = self.exact()?;
            let mut caps = x.create_captures();
            let input = Input::new(h).range(m.start..).anchored(Anchored::Yes);
            x.search_captures(&input, &mut caps);
            return Some(
                (0..caps.group_len())
                    .map(|i| caps.get_group(i).map(|g| Span::new(g.start, g.end)))
                    .collect(),
            );
        }
        // The loose pattern has no look-around: on the match alone it takes the same
        // path, so the groups are the same.
        let slice = h.get(m.start..m.end)?;
        let caps = self.loose()?.captures(slice)?;
        Some(
            (0..caps.len())
                .map(|i| caps.get(i).map(|g| Span::new(m.start + g.start(), m.start + g.end())))
                .collect(),
        )
    }

    /// The captures of every successive non-overlapping match.
    pub fn captures_iter<'r, 'h>(&'r self, h: &'h str) -> impl Iterator<Item = Vec<Option<Span>>> + use<'r, 'h> {
        let mut at = 0usize;
        std::iter::from_fn(move || {
            if at > h.len() {
                return None;
            }
            let caps = self.captures_at(h, at)?;
            let m = caps.first().copied().flatten()?;
            at = if m.end > m.start { m.end } else { next_char(h, m.end) };
            Some(caps)
        })
    }
}

type CacheFn = Box<dyn Fn() -> Cache + Send + Sync>;

/// Which of many patterns may match a text: a superset of those that do, found in one
/// pass over the text.
///
/// Most patterns begin (or end) with one of a few words: "coordinated" in
/// `coordinated\s+(?:by|through)`, "operation" or "raid" at the end of
/// `(?:\w+[\s-]+){0,2}?(?:operation|raids?)`. Those words, case-folded, go into one
/// Aho-Corasick automaton, built once; a text that holds none of a pattern's words
/// cannot match it. The few patterns without such words (a capitalised name before a
/// head word, say) go into a lazy DFA of their own.
///
/// Before this, all the patterns were one lazy DFA. Its states are built as texts need
/// them, and with hundreds of patterns, several with gaps of words, text it had not seen
/// kept building new ones: on reports new to the process, building states took more
/// than half of extraction time.
///
/// The DFA is built from *widened* patterns, so that it compiles in a fraction of the
/// time: every large character class (`\w`, `\p{L}`, a negated class) becomes "any
/// character but a space" (or any character at all, if it holds a space), and
/// look-arounds are dropped. A `(?:\w+\s+){0,8}` gap takes 20 NFA states instead of
/// 2,700. Widening only adds matches, so a pattern the set rules out cannot match; the
/// ones it names are confirmed one by one.
pub struct WordSet {
    /// The patterns' words, case-folded (see [`fold_char`]).
    words: Option<AhoCorasick>,
    word_count: usize,
    /// What each pattern needs of those words.
    needs: Vec<Test>,
    /// For each word, the patterns whose needs name it.
    users: Vec<Vec<usize>>,
    /// The patterns that need no word, and the DFA of their widened forms.
    rest: Vec<usize>,
    dfa: Option<(DFA, Pool<Cache, CacheFn>)>,
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordSet")
            .field("patterns", &self.needs.len())
            .field("words", &self.word_count)
            .field("without_words", &self.rest.len())
            .finish()
    }
}

/// A word shorter than this (in chars) is too common to stand for a pattern.
const MIN_WORD: usize = 3;

/// The case folding of the word prefilter: lower case where it is one char, and the long
/// s as s (the one Latin letter whose simple case folding the lower case does not give).
/// A char that a case-insensitive class matches folds as the class's members do.
fn fold_char(c: char) -> char {
    if c == '\u{17f}' {
        return 's';
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// `h` rebuilt bottom-up, each node that `leaf` replaces replaced (captures are dropped).
fn rewrite(h: &Hir, leaf: &impl Fn(&Hir) -> Option<Hir>) -> Hir {
    if let Some(x) = leaf(h) {
        return x;
    }
    match h.kind() {
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(rewrite(&r.sub, leaf)),
            ..r.clone()
        }),
        HirKind::Capture(c) => rewrite(&c.sub, leaf),
        HirKind::Concat(v) => Hir::concat(v.iter().map(|x| rewrite(x, leaf)).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(|x| rewrite(x, leaf)).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => h.clone(),
    }
}

/// `h` with every class of one char's case variants (`[Cc]`, `[Ss\u{17f}]`) as that
/// char, folded, every literal folded, and `\s+` as one space: the form whose literals
/// [`Need::of`] reads.
fn fold_case(h: &Hir) -> Hir {
    rewrite(h, &|h: &Hir| match h.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let size: u32 = c
                .ranges()
                .iter()
                .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                .sum();
            let mut folded = c.ranges().iter().flat_map(|r| r.start()..=r.end()).map(fold_char);
            Some(match folded.next() {
                Some(first) if size <= 8 && folded.all(|x| x == first) => Hir::literal(first.to_string().into_bytes()),
                _ => h.clone(),
            })
        }
        HirKind::Literal(lit) => Some(match std::str::from_utf8(&lit.0) {
            Ok(text) => Hir::literal(text.chars().map(fold_char).collect::<String>().into_bytes()),
            Err(_) => h.clone(),
        }),
        HirKind::Repetition(r) if r.min >= 1 && r.max.is_none() && only_spaces(&r.sub) => Some(Hir::literal(*b" ")),
        _ => None,
    })
}

/// Does `h` match white space only (one char of it)?
fn only_spaces(h: &Hir) -> bool {
    match h.kind() {
        HirKind::Class(Class::Unicode(c)) => {
            let mut spaces = unicode_spaces();
            spaces.intersect(c);
            spaces == *c && !c.ranges().is_empty()
        }
        _ => false,
    }
}

/// `h` folded as the patterns are ([`fold_case`]): each char by [`fold_char`], each run
/// of white space as one space.
fn fold_text(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    let mut space = false;
    for c in h.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(fold_char(c));
            space = false;
        }
    }
    out
}

/// What a text must hold for a pattern to match it: words of the pattern, case-folded
/// (see [`fold_case`]), of [`MIN_WORD`] chars or more.
#[derive(Debug, Clone, PartialEq)]
enum Need {
    /// Nothing known.
    Any,
    /// Word `i` of the set's automaton.
    Word(usize),
    /// All of these.
    All(Vec<Need>),
    /// One of these.
    One(Vec<Need>),
}

/// The literals every match of `h` begins with, folded, when they are finitely many and
/// each has [`MIN_WORD`] chars or more besides spaces.
fn prefix_words(h: &Hir) -> Option<Vec<String>> {
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix);
    let seq = ex.extract(h);
    let lits = seq.literals()?;
    let mut out = Vec::with_capacity(lits.len());
    for l in lits {
        // A literal cut short may end inside a char: its whole chars are still required.
        let b = l.as_bytes();
        let b = match std::str::from_utf8(b) {
            Ok(_) => b,
            Err(e) => b.get(..e.valid_up_to()).unwrap_or_default(),
        };
        let w = fold_text(&String::from_utf8_lossy(b));
        if w.trim().chars().count() < MIN_WORD {
            return None;
        }
        out.push(w);
    }
    (!out.is_empty()).then_some(out)
}

impl Need {
    /// The words of a case-folded pattern `h`, interned in `words`: each literal of
    /// [`MIN_WORD`] chars or more, all of a concatenation's, one of an alternation's.
    fn of(h: &Hir, words: &mut HashMap<String, usize>) -> Need {
        match h.kind() {
            HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
                Ok(w) if w.trim().chars().count() >= MIN_WORD => Need::word(w.to_string(), words),
                _ => Need::Any,
            },
            HirKind::Capture(c) => Need::of(&c.sub, words),
            HirKind::Repetition(r) if r.min >= 1 => Need::of(&r.sub, words),
            HirKind::Concat(v) => {
                let mut all: Vec<Need> = v
                    .iter()
                    .map(|x| Need::of(x, words))
                    .filter(|n| *n != Need::Any)
                    .collect();
                // The words that begin each word of the concatenation, with the spaces
                // and words after them: "police de", "police des", "polices du" for
                // `polices?\s+(?:de|des|du)`.
                for (i, _) in v.iter().enumerate().filter(|(i, x)| {
                    *i == 0 || (v.get(i - 1).is_some_and(|p| *p == Hir::literal(*b" ")) && **x != Hir::literal(*b" "))
                }) {
                    let Some(rest) = v.get(i..) else { continue };
                    if let Some(ws) = prefix_words(&Hir::concat(rest.to_vec())) {
                        let one: Vec<Need> = ws.into_iter().map(|w| Need::word(w, words)).collect();
                        all.push(Need::One(one));
                    }
                }
                match all.len() {
                    0 => Need::Any,
                    1 => all.pop().unwrap_or(Need::Any),
                    _ => Need::All(all),
                }
            }
            HirKind::Alternation(v) => {
                let one: Vec<Need> = v.iter().map(|x| Need::of(x, words)).collect();
                if one.contains(&Need::Any) {
                    Need::Any
                } else {
                    Need::One(one)
                }
            }
            _ => Need::Any,
        }
    }

    /// Pushes the ids of the words the need names.
    fn words(&self, out: &mut Vec<usize>) {
        match self {
            Need::Any => {}
            Need::Word(i) => out.push(*i),
            Need::All(v) | Need::One(v) => v.iter().for_each(|n| n.words(out)),
        }
    }

    fn word(w: String, words: &mut HashMap<String, usize>) -> Need {
        let next = words.len();
        Need::Word(*words.entry(w).or_insert(next))
    }

    /// The need as tests of the bits of the words a text holds.
    fn compile(&self) -> Test {
        match self {
            Need::Any => Test::Any,
            Need::Word(i) => Test::AnyOf(vec![(i / 64, 1 << (i % 64))]),
            Need::All(v) => Test::All(v.iter().map(Need::compile).collect()),
            Need::One(v) => {
                let tests: Vec<Test> = v.iter().map(Need::compile).collect();
                // One of several words is one sparse mask.
                let mut mask: Vec<(usize, u64)> = Vec::new();
                for t in &tests {
                    match t {
                        Test::AnyOf(m) => mask.extend(m),
                        _ => return Test::One(tests),
                    }
                }
                mask.sort_unstable_by_key(|(i, _)| *i);
                mask.dedup_by(|b, a| {
                    let same = a.0 == b.0;
                    if same {
                        a.1 |= b.1;
                    }
                    same
                });
                Test::AnyOf(mask)
            }
        }
    }
}

/// A [`Need`] as tests of the bits of the words a text holds.
#[derive(Debug, Clone, PartialEq)]
enum Test {
    Any,
    /// One of the words whose bits are set: (index of a `u64`, its bits).
    AnyOf(Vec<(usize, u64)>),
    All(Vec<Test>),
    One(Vec<Test>),
}

impl Test {
    /// Does a text whose words' bits are `hit` pass?
    fn passes(&self, hit: &[u64]) -> bool {
        match self {
            Test::Any => true,
            Test::AnyOf(mask) => mask.iter().any(|(i, m)| hit.get(*i).is_some_and(|h| h & m != 0)),
            Test::All(v) => v.iter().all(|t| t.passes(hit)),
            Test::One(v) => v.iter().any(|t| t.passes(hit)),
        }
    }
}

/// Classes of more ranges than this are widened (case-folded literals have two or three).
const WIDEN_RANGES: usize = 16;

/// A pattern whose matches include every match of `h`, with small classes only.
fn widen(h: &Hir) -> Hir {
    rewrite(h, &|h: &Hir| match h.kind() {
        HirKind::Class(Class::Unicode(c)) if c.ranges().len() > WIDEN_RANGES => {
            let mut spaces = unicode_spaces();
            spaces.intersect(c);
            let mut wide = unicode_spaces();
            if spaces.ranges().is_empty() {
                wide.negate();
            } else {
                wide = ClassUnicode::new([ClassUnicodeRange::new('\0', char::MAX)]);
            }
            Some(Hir::class(Class::Unicode(wide)))
        }
        HirKind::Class(Class::Bytes(c)) if c.ranges().len() > WIDEN_RANGES => {
            Some(Hir::class(Class::Bytes(regex_syntax::hir::ClassBytes::new([
                regex_syntax::hir::ClassBytesRange::new(0, 255),
            ]))))
        }
        HirKind::Look(_) => Some(Hir::empty()),
        _ => None,
    })
}

/// Unicode's white space (`\s`).
fn unicode_spaces() -> ClassUnicode {
    ClassUnicode::new(
        [
            ('\t', '\r'),
            (' ', ' '),
            ('\u{85}', '\u{85}'),
            ('\u{a0}', '\u{a0}'),
            ('\u{1680}', '\u{1680}'),
            ('\u{2000}', '\u{200a}'),
            ('\u{2028}', '\u{2029}'),
            ('\u{202f}', '\u{202f}'),
            ('\u{205f}', '\u{205f}'),
            ('\u{3000}', '\u{3000}'),
        ]
        .map(|(a, b)| ClassUnicodeRange::new(a, b)),
    )
}

fn parse(source: &str) -> Result<Hir, regex::Error> {
    regex_syntax::parse(source).map_err(|e| regex::Error::Syntax(e.to_string()))
}

/// What each pattern needs, read from `source(pattern)`, and the words named.
fn read_needs(
    res: &[&WordRegex],
    source: impl Fn(&WordRegex) -> String,
) -> Result<(Vec<Need>, HashMap<String, usize>), regex::Error> {
    let mut index = HashMap::new();
    let needs = res
        .iter()
        .map(|re| Ok(Need::of(&fold_case(&parse(&source(re))?), &mut index)))
        .collect::<Result<_, regex::Error>>()?;
    Ok((needs, index))
}

/// Does every char that `c` matches case-insensitively fold to `c` ([`fold_char`])?
fn folds_its_orbit(c: char) -> bool {
    let Ok(h) = parse(&format!("(?i){}", regex_syntax::escape(c.encode_utf8(&mut [0; 4])))) else {
        return false;
    };
    let orbit: Vec<char> = match h.kind() {
        HirKind::Literal(lit) => String::from_utf8_lossy(&lit.0).chars().collect(),
        HirKind::Class(Class::Unicode(cls)) => cls.ranges().iter().flat_map(|r| r.start()..=r.end()).collect(),
        _ => return false,
    };
    fold_char(c) == c && orbit.len() <= 8 && orbit.into_iter().all(|x| fold_char(x) == c)
}

impl WordSet {
    /// The set of `res`; pattern `i` of the set is `res[i]`.
    pub fn new<'a>(res: impl IntoIterator<Item = &'a WordRegex>) -> Result<WordSet, regex::Error> {
        let res: Vec<&WordRegex> = res.into_iter().collect();
        // Read without case insensitivity, which is most of the time it takes; the words
        // hold for the pattern as written when each of their chars folds its whole case
        // orbit ('k' stands for "K", "k" and the Kelvin sign): a text that matches holds
        // the word, folded. Else the patterns are read as written.
        let (mut needs, mut index) = read_needs(&res, WordRegex::loose_with_case)?;
        let chars: std::collections::BTreeSet<char> = index.keys().flat_map(|w| w.chars()).collect();
        if !chars.into_iter().all(folds_its_orbit) {
            (needs, index) = read_needs(&res, |re| re.loose_str().to_string())?;
        }
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); index.len()];
        for (p, n) in needs.iter().enumerate() {
            let mut ws = Vec::new();
            n.words(&mut ws);
            for w in ws {
                if let Some(u) = users.get_mut(w).filter(|u| u.last() != Some(&p)) {
                    u.push(p);
                }
            }
        }
        let needs: Vec<Test> = needs.iter().map(Need::compile).collect();
        let rest: Vec<usize> = (0..needs.len()).filter(|&i| needs.get(i) == Some(&Test::Any)).collect();
        let mut words: Vec<(String, usize)> = index.into_iter().collect();
        words.sort_by_key(|(_, id)| *id);
        let word_count = words.len();
        let words = if words.is_empty() {
            None
        } else {
            Some(
                // A contiguous NFA builds in a third of a DFA's time (a process that
                // extracts one report, as an add to a store does, pays it) and searches
                // as fast here.
                AhoCorasick::builder()
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(words.iter().map(|(w, _)| w))
                    .map_err(|e| regex::Error::Syntax(e.to_string()))?,
            )
        };
        let dfa = if rest.is_empty() {
            None
        } else {
            let wide: Vec<Hir> = rest
                .iter()
                .filter_map(|&i| res.get(i))
                .map(|re| parse(re.loose_str()).map(|h| widen(&h)))
                .collect::<Result<_, _>>()?;
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
                .build_many_from_hir(&wide)
                .map_err(|e| regex::Error::Syntax(e.to_string()))?;
            let dfa = DFA::builder()
                .configure(DFA::config().match_kind(MatchKind::All).cache_capacity(LAZY_DFA_CACHE))
                .build_from_nfa(nfa)
                .map_err(|e| regex::Error::Syntax(e.to_string()))?;
            let for_caches = dfa.clone();
            let caches: Pool<Cache, CacheFn> = Pool::new(Box::new(move || for_caches.create_cache()));
            Some((dfa, caches))
        };
        Ok(WordSet {
            words,
            word_count,
            needs,
            users,
            rest,
            dfa,
        })
    }

    /// How many patterns have no words and are left to the lazy DFA.
    pub fn without_words(&self) -> usize {
        self.rest.len()
    }

    /// [`WordSet::candidates`] of `set`, or all `n` patterns when there is no set (it
    /// failed to build): a prefilter only ever saves work.
    pub fn candidates_of(set: Option<&WordSet>, h: &str, n: usize) -> Vec<usize> {
        match set {
            Some(set) => set.candidates(h),
            None => (0..n).collect(),
        }
    }

    /// The patterns that may match somewhere in `h`, in increasing order (every pattern,
    /// should the lazy DFA give up).
    pub fn candidates(&self, h: &str) -> Vec<usize> {
        let mut hit = vec![0u64; self.word_count.div_ceil(64)];
        // The patterns that name a word of the text: only they can pass.
        let mut named = vec![false; self.needs.len()];
        if let Some(ac) = &self.words {
            for m in ac.find_overlapping_iter(&fold_text(h)) {
                let w = m.pattern().as_usize();
                if let Some(x) = hit.get_mut(w / 64) {
                    if *x & (1 << (w % 64)) == 0 {
                        *x |= 1 << (w % 64);
                        for &p in self.users.get(w).into_iter().flatten() {
                            if let Some(n) = named.get_mut(p) {
                                *n = true;
                            }
                        }
                    }
                }
            }
        }
        let mut out: Vec<usize> = (0..self.needs.len())
            .filter(|&i| named.get(i) == Some(&true) && self.needs.get(i).is_some_and(|t| t.passes(&hit)))
            .collect();
        if let Some((dfa, caches)) = &self.dfa {
            let mut found = PatternSet::new(dfa.pattern_len());
            let mut cache = caches.get();
            match dfa.try_which_overlapping_matches(&mut cache, &Input::new(h), &mut found) {
                Ok(()) => out.extend(found.iter().filter_map(|k| self.rest.get(k.as_usize()).copied())),
                Err(_) => out.extend(self.rest.iter().copied()),
            }
            out.sort_unstable();
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn exact_spans(re: &Regex, h: &str) -> Vec<Span> {
        re.find_iter(h).map(|m| Span::new(m.start(), m.end())).collect()
    }

    fn exact_caps(re: &Regex, h: &str) -> Vec<Vec<Option<Span>>> {
        re.captures_iter(h)
            .map(|c| c.iter().map(|g| g.map(|g| Span::new(g.start(), g.end()))).collect())
            .collect()
    }

    const CORES: &[&str] = &[
        r"arrests?|arrested|actions?|opération|démantel(?:é|ée|és|ement)|operation",
        r"coordinated\s+(?:by|through)|coordination\s+of|coordonnée?s?\s+par",
        r"(?:led|headed)\s+by|(?:\w+[\s-]+){0,2}?(?:operation|raids?)",
        r"(\p{Lu}[\p{L}\p{N}\-']+(?:[ \-]\p{Lu}[\p{L}\p{N}\-']+){0,3})\s+(?:[Mm]arket(?:place)?|forum)",
        r"détenus?|detenid[oa]s?|festgenommen|über",
        r"polic(?:e|es|ía|ías)\s+(?:de|des|du)",
    ];

    fn check(core: &str, lead: bool, trail: bool, h: &str) {
        let w = WordRegex::new("(?i)", core, lead, trail).unwrap();
        let exact = Regex::new(w.as_str()).unwrap();
        assert_eq!(
            w.find_iter(h).collect::<Vec<_>>(),
            exact_spans(&exact, h),
            "{core} on {h:?}"
        );
        assert_eq!(w.is_match(h), exact.is_match(h), "{core} on {h:?}");
        assert_eq!(
            w.captures_iter(h).collect::<Vec<_>>(),
            exact_caps(&exact, h),
            "{core} on {h:?}"
        );
    }

    #[test]
    fn same_matches_as_the_exact_pattern() {
        let texts = [
            "Police arrested two men; the arrests followed an operation.",
            "La coopération: l'opération a été démantelée, démantelés, démantèlement.",
            "Cooperation and actionable arrestations, operationally, coordinated byways",
            "Het Velvet Road Market, the Velvet Road marketplace and Silk Marketing Ltd",
            "Zwölf Personen wurden festgenommenüber, detenidos y detenidas, détenus",
            "led by led byé héaded by éoperation opérationé raids",
            "",
            "é",
        ];
        for core in CORES {
            for t in texts {
                for (lead, trail) in [(true, true), (true, false), (false, true)] {
                    check(core, lead, trail, t);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn same_matches_on_arbitrary_text(pieces in proptest::collection::vec(prop_oneof![
            Just("arrest"), Just("s"), Just("ed"), Just("é"), Just(" "), Just("op"), Just("ération"),
            Just("eration"), Just("co"), Just("action"), Just("able"), Just("led by"), Just("Velvet "),
            Just("Market"), Just("place"), Just("ing"), Just("-"), Just("über"), Just("détenu"),
            Just("démantel"), Just("ée"), Just("coordinated "), Just("by"), Just("\u{301}"), Just("_"), Just("1"),
            Just("DÉTENU"), Just("\n "), Just("\t"), Just("\u{a0}"), Just("\u{17f}"), Just("\u{212a}"), Just("COORDINATED"),
            Just("polices"), Just("police"), Just(" du "), Just("Marketplace"),
        ], 0..24)) {
            let h: String = pieces.concat();
            for core in CORES {
                check(core, true, true, &h);
                check(core, false, true, &h);
                check(core, true, false, &h);
            }
            check_set(&h);
        }
    }

    fn cores() -> Vec<WordRegex> {
        CORES.iter().map(|c| WordRegex::words(c).unwrap()).collect()
    }

    /// Every pattern that matches `h` is a candidate of the set.
    fn check_set(h: &str) {
        let res = cores();
        let set = WordSet::new(&res).unwrap();
        let candidates = set.candidates(h);
        for (i, re) in res.iter().enumerate() {
            if re.is_match(h) {
                assert!(candidates.contains(&i), "{} on {h:?}: {candidates:?}", re.as_str());
            }
        }
    }

    #[test]
    fn the_set_names_every_pattern_that_matches_and_rules_out_others() {
        for h in [
            "Police arrested two men; the arrests followed an operation.",
            "led by Europol, démantelée",
            "the Velvet Road marketplace",
            "Zwölf Personen wurden festgenommen",
            "é",
            "",
        ] {
            check_set(h);
        }
        let res = cores();
        let set = WordSet::new(&res).unwrap();
        assert_eq!(set.candidates("nothing of the kind here"), Vec::<usize>::new());
        assert_eq!(set.candidates("the Velvet Road marketplace"), vec![3]);
        // Words are found whatever their case and however the spaces run.
        assert_eq!(set.candidates("COORDINATED\n\u{a0} BY"), vec![1]);
        assert_eq!(set.candidates("DÉMANTELÉ"), vec![0]);
        assert_eq!(set.candidates("les polices\tdu Nord"), vec![5]);
        // The words must stand together as the pattern has them: "police" and "de"
        // apart are not "police de".
        assert_eq!(set.candidates("the police made a decision"), Vec::<usize>::new());
        assert_eq!(set.candidates("coordinated the work by hand"), Vec::<usize>::new());
    }

    #[test]
    fn the_words_a_pattern_needs_are_read_without_its_case_flag_when_that_is_sound() {
        // The set reads what a pattern needs from it without `(?i)`, which translates in
        // a fraction of the time.
        let cues: Vec<&WordRegex> = crate::extract::cues::role_cues().iter().map(|c| &c.re).collect();
        let (without, words) = read_needs(&cues, WordRegex::loose_with_case).unwrap();
        let (with, _) = read_needs(&cues, |re| re.loose_str().to_string()).unwrap();
        assert!(words.len() > 100, "{}", words.len());
        // Every char of the cue words stands for its case orbit, so that reading holds.
        assert!(words.keys().all(|w| w.chars().all(folds_its_orbit)));
        for c in ['k', 's', 'é', 'ß', ' ', '1'] {
            assert!(folds_its_orbit(c), "{c}");
        }
        // Greek sigma has two lower cases; an upper-case letter is not folded.
        for c in ['σ', 'K'] {
            assert!(!folds_its_orbit(c), "{c}");
        }
        let greek = WordRegex::words("σοφία").unwrap();
        let set = WordSet::new([&greek]).unwrap();
        assert!(greek.is_match("ςοφία"));
        assert_eq!(set.candidates("ςοφία"), vec![0]);
        // No pattern is left without words that had words read with its flag.
        for (a, b) in with.iter().zip(&without) {
            assert!(*a == Need::Any || *b != Need::Any, "{a:?}");
        }
        let flagged = |flags: &str| WordRegex::new(flags, "x+", true, true).unwrap().loose_with_case();
        assert_eq!(flagged("(?ix)"), "(?x)(?:x+)");
        assert_eq!(flagged("(?i)"), "(?:x+)");
        assert_eq!(flagged("(?-i)"), "(?-i)(?:x+)");
        assert_eq!(flagged(""), "(?:x+)");
    }

    #[test]
    fn every_pattern_of_the_tests_has_words() {
        // A pattern without words would be left to the lazy DFA, whose states text it has
        // not seen keeps building.
        let set = WordSet::new(&cores()).unwrap();
        assert!(set.rest.is_empty(), "{set:?}");
        assert!(set.dfa.is_none());
        let any = WordSet::new(&[WordRegex::words(r"\p{Lu}\w+").unwrap()]).unwrap();
        assert_eq!(any.rest, vec![0]);
        assert_eq!(any.candidates("Europol"), vec![0]);
        assert_eq!(any.candidates(" - "), Vec::<usize>::new());
    }

    #[test]
    fn widening_leaves_only_small_classes() {
        fn largest_class(h: &Hir) -> usize {
            match h.kind() {
                HirKind::Class(Class::Unicode(c)) => c.ranges().len(),
                HirKind::Class(Class::Bytes(c)) => c.ranges().len(),
                HirKind::Repetition(r) => largest_class(&r.sub),
                HirKind::Capture(c) => largest_class(&c.sub),
                HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().map(largest_class).max().unwrap_or(0),
                _ => 0,
            }
        }
        for (pattern, wide_matches) in [
            (
                r"(?i)coordinated\s+(?:\w+[\s-]+){0,3}?operation",
                "coordinated the, very, operation",
            ),
            (r"(?i)\p{Lu}[\p{L}'-]+\s+market", "1x-? market"),
            (r"a[\p{L}\s]+!", "a 1 !"),
            (r"\bmarket\b", "supermarkets"),
        ] {
            let hir = regex_syntax::parse(pattern).unwrap();
            let wide = widen(&hir);
            assert!(largest_class(&wide) <= WIDEN_RANGES, "{pattern}");
            let re = meta::Regex::builder().build_from_hir(&wide).unwrap();
            assert!(re.is_match(wide_matches), "{pattern}");
            assert!(!Regex::new(pattern).unwrap().is_match(wide_matches), "{pattern}");
        }
    }
}

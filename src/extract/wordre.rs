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

use std::sync::OnceLock;

use regex::Regex;
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson;
use regex_automata::util::look::LookMatcher;
use regex_automata::util::pool::Pool;
use regex_automata::{meta, Anchored, Input, MatchKind, PatternSet};
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
        regex_automata::util::syntax::parse(&loose_source).map_err(|e| regex::Error::Syntax(e.to_string()))?;
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
/// pass of a lazy DFA.
///
/// The set is built from *widened* patterns, so that it compiles in a fraction of the
/// time: every large character class (`\w`, `\p{L}`, a negated class) becomes "any
/// character but a space" (or any character at all, if it holds a space), and
/// look-arounds are dropped. A `(?:\w+\s+){0,8}` gap takes 20 NFA states instead of
/// 2,700; the 127 role cues compile in 12 ms instead of 48 ms. That counts in a process
/// that extracts one report, as an add to a store does. Widening only adds matches, so a
/// pattern the set rules out cannot match; the ones it names are confirmed one by one.
pub struct WordSet {
    dfa: DFA,
    caches: Pool<Cache, CacheFn>,
}

impl std::fmt::Debug for WordSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordSet")
            .field("patterns", &self.dfa.pattern_len())
            .finish()
    }
}

/// Classes of more ranges than this are widened (case-folded literals have two or three).
const WIDEN_RANGES: usize = 16;

/// A pattern whose matches include every match of `h`, with small classes only.
fn widen(h: &Hir) -> Hir {
    match h.kind() {
        HirKind::Class(Class::Unicode(c)) if c.ranges().len() > WIDEN_RANGES => {
            let mut spaces = unicode_spaces();
            spaces.intersect(c);
            let mut wide = unicode_spaces();
            if spaces.ranges().is_empty() {
                wide.negate();
            } else {
                wide = ClassUnicode::new([ClassUnicodeRange::new('\0', char::MAX)]);
            }
            Hir::class(Class::Unicode(wide))
        }
        HirKind::Class(Class::Bytes(c)) if c.ranges().len() > WIDEN_RANGES => {
            Hir::class(Class::Bytes(regex_syntax::hir::ClassBytes::new([
                regex_syntax::hir::ClassBytesRange::new(0, 255),
            ])))
        }
        HirKind::Look(_) => Hir::empty(),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(widen(&r.sub)),
            ..r.clone()
        }),
        HirKind::Capture(c) => widen(&c.sub),
        HirKind::Concat(v) => Hir::concat(v.iter().map(widen).collect()),
        HirKind::Alternation(v) => Hir::alternation(v.iter().map(widen).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => h.clone(),
    }
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

impl WordSet {
    /// The set of the loose forms of `res`; pattern `i` of the set is `res[i]`.
    pub fn new<'a>(res: impl IntoIterator<Item = &'a WordRegex>) -> Result<WordSet, regex::Error> {
        let hirs = res
            .into_iter()
            .map(|re| {
                regex_syntax::parse(re.loose_str())
                    .map(|h| widen(&h))
                    .map_err(|e| regex::Error::Syntax(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build_many_from_hir(&hirs)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let dfa = DFA::builder()
            .configure(DFA::config().match_kind(MatchKind::All).cache_capacity(LAZY_DFA_CACHE))
            .build_from_nfa(nfa)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let for_caches = dfa.clone();
        Ok(WordSet {
            dfa,
            caches: Pool::new(Box::new(move || for_caches.create_cache())),
        })
    }

    /// The patterns that may match somewhere in `h`, in increasing order (every pattern,
    /// should the lazy DFA give up).
    pub fn candidates(&self, h: &str) -> Vec<usize> {
        let mut found = PatternSet::new(self.dfa.pattern_len());
        let mut cache = self.caches.get();
        match self
            .dfa
            .try_which_overlapping_matches(&mut cache, &Input::new(h), &mut found)
        {
            Ok(()) => found.iter().map(|p| p.as_usize()).collect(),
            Err(_) => (0..self.dfa.pattern_len()).collect(),
        }
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

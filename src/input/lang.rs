//! Language identification: a stopword vote over the five supported languages decides
//! long texts plainly in one of them; `whatlang` on a bounded sample decides the rest,
//! with the vote again for short or unreliable texts.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::model::Lang;

/// At most this many bytes are inspected.
const SAMPLE: usize = 20 * 1024;

const STOP_EN: &[&str] = &[
    "the", "and", "of", "to", "in", "is", "was", "that", "for", "with", "by", "said", "were", "has", "have", "from",
    "on", "police",
];
const STOP_NL: &[&str] = &[
    "de", "het", "een", "en", "van", "is", "dat", "op", "werd", "werden", "met", "zijn", "voor", "niet", "bij", "ook",
    "naar", "politie",
];
const STOP_FR: &[&str] = &[
    "le", "la", "les", "des", "et", "du", "un", "une", "est", "dans", "pour", "que", "qui", "au", "sur", "par", "a",
    "police",
];
const STOP_DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "von", "mit", "den", "dem", "nicht", "ein", "eine", "wurde", "wurden", "auf",
    "für", "sich", "polizei",
];
const STOP_ES: &[&str] = &[
    "el", "la", "los", "las", "y", "del", "que", "en", "un", "una", "por", "con", "para", "es", "fue", "han", "ha",
    "policía",
];

/// Detects the language of `text`: one of the five supported languages, or
/// [`Lang::Other`] for a clearly different language, with a confidence in 0..=1.
/// A long text whose stopwords are plainly one of the five's is that language (confidence
/// 0.9) without the trigram model; short or unreliable texts fall back to counting
/// stopwords (confidence ≤ 0.6); text with no letters is `(Lang::Other, 0.0)`.
pub fn detect(text: &str) -> (Lang, f64) {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = text.get(..end).unwrap_or("");
    // Only "none" and "40 or more" matter below.
    let letters = sample.chars().filter(|c| c.is_alphabetic()).take(40).count();
    if letters == 0 {
        return (Lang::Other, 0.0);
    }
    let votes = Votes::count(sample);
    // A long text whose stopwords are plainly one language's needs no trigram model, the
    // costliest step of extracting a typical report (whatlang scores ~40 languages).
    if let Some(lang) = votes.decisive() {
        return (lang, 0.9);
    }
    if let Some(info) = whatlang::detect(sample) {
        let lang = map(info.lang());
        if info.is_reliable() && letters >= 40 {
            return (lang, info.confidence());
        }
        // unreliable: trust it only for a non-Latin script (Arabic, Cyrillic...)
        if lang == Lang::Other && info.script() != whatlang::Script::Latin && info.confidence() > 0.3 {
            return (Lang::Other, info.confidence());
        }
    }
    votes.vote()
}

fn map(l: whatlang::Lang) -> Lang {
    match l {
        whatlang::Lang::Eng => Lang::En,
        whatlang::Lang::Nld => Lang::Nl,
        whatlang::Lang::Fra => Lang::Fr,
        whatlang::Lang::Deu => Lang::De,
        whatlang::Lang::Spa => Lang::Es,
        _ => Lang::Other,
    }
}

/// The stopwords of each of the five languages in a sample, and its word count.
struct Votes {
    scores: [usize; 5],
    total: usize,
}

const LANGS: [Lang; 5] = [Lang::En, Lang::Nl, Lang::Fr, Lang::De, Lang::Es];

/// The stopwords, each with the bit of every language (in [`LANGS`] order) that lists it.
fn stopwords() -> &'static FxHashMap<&'static str, u8> {
    static MAP: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = FxHashMap::default();
        for (i, list) in [STOP_EN, STOP_NL, STOP_FR, STOP_DE, STOP_ES].iter().enumerate() {
            for w in *list {
                *map.entry(*w).or_insert(0u8) |= 1 << i;
            }
        }
        map
    })
}

/// No stopword is longer than this in bytes ("policía"): longer words are not looked up.
const MAX_STOP: usize = 8;

impl Votes {
    fn count(sample: &str) -> Votes {
        let stop = stopwords();
        let mut scores = [0usize; 5];
        let mut total = 0usize;
        // Reused for each word's lower case.
        let mut w = String::new();
        for word in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(2000)
        {
            total += 1;
            if word.len() > MAX_STOP {
                continue;
            }
            w.clear();
            if word.is_ascii() {
                w.push_str(word);
                w.make_ascii_lowercase();
            } else {
                w.extend(word.chars().flat_map(char::to_lowercase));
            }
            let bits = stop.get(w.as_str()).copied().unwrap_or(0);
            for (i, s) in scores.iter_mut().enumerate() {
                *s += usize::from(bits >> i & 1);
            }
        }
        Votes { scores, total }
    }

    /// The language with the most stopwords (the first listed on a tie), its count and
    /// the runner-up's.
    fn best(&self) -> (usize, usize, usize) {
        let (best, &score) = self
            .scores
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (**s, usize::MAX - i))
            .unwrap_or((0, &0));
        let second = self
            .scores
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != best)
            .map(|(_, s)| *s)
            .max()
            .unwrap_or(0);
        (best, score, second)
    }

    /// The language, when the sample is long (60 words or more), more than a fifth of its
    /// words are that language's stopwords, and no other language has a third as many.
    /// Running text in one of the five has a quarter to a third of its words on its list;
    /// Italian, Portuguese or Catalan text reaches a sixth on the nearest one.
    fn decisive(&self) -> Option<Lang> {
        let (best, score, second) = self.best();
        let decisive = self.total >= 60 && score * 100 > self.total * 22 && second * 3 < score;
        decisive.then(|| LANGS.get(best).copied()).flatten()
    }

    /// The best language, with a confidence of at most 0.6.
    fn vote(&self) -> (Lang, f64) {
        let (best, score, second) = self.best();
        if score == 0 || self.total == 0 {
            return (Lang::Other, 0.0);
        }
        let margin = (score - second) as f64 / score as f64;
        let lang = LANGS.get(best).copied().unwrap_or(Lang::Other);
        (lang, (0.2 + 0.4 * margin).min(0.6))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_five_languages() {
        let cases = [
            ("Police in several countries took down the servers of the group on Wednesday and arrested two men who ran the site.", Lang::En),
            ("De politie heeft woensdag in verschillende landen de servers van de groep uit de lucht gehaald en twee mannen opgepakt.", Lang::Nl),
            ("La police de plusieurs pays a démantelé mercredi les serveurs du groupe et a interpellé deux hommes qui géraient le site.", Lang::Fr),
            ("Die Polizei hat am Mittwoch in mehreren Ländern die Server der Gruppe abgeschaltet und zwei Männer festgenommen.", Lang::De),
            ("La policía de varios países desmanteló el miércoles los servidores del grupo y detuvo a dos hombres que dirigían el sitio.", Lang::Es),
        ];
        for (t, l) in cases {
            let (got, conf) = detect(t);
            assert_eq!(got, l, "{t}");
            assert!(conf > 0.0 && conf <= 1.0);
        }
    }

    #[test]
    fn other_languages_are_other() {
        assert_eq!(detect("La polizia di diversi paesi ha smantellato mercoledì i server del gruppo e ha arrestato due uomini che gestivano il sito.").0, Lang::Other);
        assert_eq!(
            detect("قامت الشرطة في عدة دول بتفكيك خوادم المجموعة يوم الأربعاء واعتقلت رجلين كانا يديران الموقع").0,
            Lang::Other
        );
        assert_eq!(detect("1234 5678 !!!"), (Lang::Other, 0.0));
    }

    #[test]
    fn long_texts_plainly_in_one_language_skip_the_trigram_model() {
        let en = "The police of several countries took down the servers of the group on Wednesday, and the prosecutors said that the two men who ran the site were arrested in Spain. ".repeat(4);
        let nl = "De politie van verschillende landen heeft woensdag de servers van de groep uit de lucht gehaald, en het parket zei dat de twee mannen die de site beheerden in Spanje zijn opgepakt. ".repeat(4);
        assert_eq!(detect(&en), (Lang::En, 0.9));
        assert_eq!(detect(&nl), (Lang::Nl, 0.9));
        // Close languages do not pass the stopword test and are left to whatlang.
        let it = "La polizia di diversi paesi ha smantellato mercoledì i server del gruppo, e la procura ha detto che i due uomini che gestivano il sito sono stati arrestati in Spagna. ".repeat(4);
        let pt = "A polícia de vários países desmantelou na quarta-feira os servidores do grupo, e o ministério público disse que os dois homens que geriam o site foram presos em Espanha. ".repeat(4);
        assert_eq!(detect(&it).0, Lang::Other);
        assert_eq!(detect(&pt).0, Lang::Other);
        assert!(Votes::count(&it).decisive().is_none());
        assert!(Votes::count(&pt).decisive().is_none());
    }

    #[test]
    fn no_stopword_is_longer_than_the_lookup_bound() {
        assert!(stopwords().keys().all(|w| w.len() <= MAX_STOP));
        // A word listed by two languages counts for both.
        assert_eq!(stopwords().get("la"), Some(&0b10100));
        let v = Votes::count("la la POLICÍA Polizei interpellation");
        assert_eq!((v.scores, v.total), ([0, 0, 2, 1, 3], 5));
    }

    #[test]
    fn short_texts_use_stopwords() {
        assert_eq!(detect("de politie en het parket").0, Lang::Nl);
        assert_eq!(detect("der Polizei und die").0, Lang::De);
        let (l, c) = detect("the police and the court");
        assert_eq!(l, Lang::En);
        assert!(c <= 0.6);
    }
}

//! Sentence and paragraph segmentation, in one linear pass.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets) that is
//! followed by whitespace and an upper-case letter, a digit, an opening quote or a
//! bullet — unless the word before the period is an abbreviation (titles, month
//! abbreviations, dotted acronyms, single initials, "z.B.", "Sr.", "dhr."...), a list
//! number at the start of a line, or a German ordinal before a month ("am 3. März").
//! A blank line always ends a sentence; a single line break does too unless the next
//! line starts in lower case or the line ends with a comma (a wrapped line).

use crate::extract::dates::is_month_name;
use crate::model::Span;

/// Abbreviations (lower-case, without the final dot) that never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    // titles
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "sra", "srta", "jr", "gen", "col", "lt", "sgt", "capt", "cmdr", "supt",
    "insp", "det", "rev", "hon", "gov", "sen", "rep", "pres", "mme", "mlle", "mm", "me", "dhr", "mevr", "mw", "hr",
    "fr", "frau", "dña", "dña", "da", "don", "ing", "mag", "dipl", // months
    "jan", "feb", "febr", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "dez", "déc",
    "janv", "févr", "fevr", "avr", "juil", "mär", "mrt", "ene", "abr", "ago", "dic", // references and Latin
    "no", "nr", "nos", "núm", "num", "vs", "v", "approx", "ca", "cca", "vgl", "bzw", "usw", "ggf", "inkl", "evtl",
    "etc", "resp", "incl", "excl", "max", "min", "art", "fig", "vol", "pp", "p", "ed", "eds", "ref", "tel", "av",
    "avda", "co", "corp", "inc", "ltd", "bros", "dept", "univ", "assn", "est", "approx", "cf", "al", "ibid", "zb",
    "ua", "oa", "mbt", "ivm", "tav", "bijv", "enz", "nl", "pag", "blz", "cie", "sté", "env", "chap", "sig", "pág",
    "pag", "tfno", "cía", "sres", "dres",
];

/// Sentence spans (trimmed, non-empty, in order) as byte ranges of `text`.
pub fn sentences(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < len {
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'\n' {
            let (j, newlines) = skip_ws(bytes, i);
            if newlines >= 2 || j >= len || line_break_ends(text, i, j) {
                push_trimmed(text, start, i, &mut out);
                start = j;
            }
            i = j;
            continue;
        }
        let term_len = terminator_len(bytes, i);
        if term_len == 0 {
            i += 1;
            continue;
        }
        // a run of terminators ("?!", "...", "…")
        let run_start = i;
        let mut k = i;
        loop {
            let l = terminator_len(bytes, k);
            if l == 0 {
                break;
            }
            k += l;
        }
        let only_period = text.get(run_start..k).is_some_and(|s| s == ".");
        // closing quotes and brackets
        loop {
            let c = text.get(k..).and_then(|s| s.chars().next());
            match c {
                Some(c @ ('"' | '\'' | ')' | ']' | '”' | '’' | '»' | '›' | '“')) => k += c.len_utf8(),
                _ => break,
            }
        }
        let next_is_space = bytes.get(k).is_some_and(|b| matches!(b, b' ' | b'\t'));
        if !next_is_space {
            i = k.max(i + 1);
            continue;
        }
        let (j, newlines) = skip_ws(bytes, k);
        if newlines > 0 || j >= len {
            // the line-break logic decides
            i = k;
            continue;
        }
        if starts_unit(text, j) && !(only_period && is_abbreviation(text, run_start, j)) {
            push_trimmed(text, start, k, &mut out);
            start = j;
        }
        i = j;
    }
    push_trimmed(text, start, len, &mut out);
    out
}

/// Paragraph spans: text between blank lines (trimmed, non-empty, in order).
pub fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'\n') {
            let (j, newlines) = skip_ws(bytes, i);
            if newlines >= 2 {
                push_trimmed(text, start, i, &mut out);
                start = j;
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start, bytes.len(), &mut out);
    out
}

/// Skips ASCII whitespace from `i`; returns the next position and the newlines crossed.
fn skip_ws(bytes: &[u8], mut i: usize) -> (usize, usize) {
    let mut nl = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\n' => nl += 1,
            b' ' | b'\t' | b'\r' | 0x0c => {}
            _ => break,
        }
        i += 1;
    }
    (i, nl)
}

fn terminator_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'.' | b'!' | b'?') => 1,
        Some(0xE2) if bytes.get(i + 1) == Some(&0x80) && bytes.get(i + 2) == Some(&0xA6) => 3,
        _ => 0,
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(s) = text.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(start + lead, start + lead + t.len()));
    }
}

/// Does the character at `j` start a new sentence?
fn starts_unit(text: &str, j: usize) -> bool {
    let Some(c) = text.get(j..).and_then(|s| s.chars().next()) else {
        return false;
    };
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(
            c,
            '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '¿' | '¡' | '-' | '–' | '—' | '•' | '*' | '„'
        )
}

/// Does the single line break at `nl` (next text at `j`) end a sentence?
fn line_break_ends(text: &str, nl: usize, j: usize) -> bool {
    let next = text.get(j..).and_then(|s| s.chars().next());
    if next.is_some_and(char::is_lowercase) {
        return false;
    }
    let prev = text.get(..nl).and_then(|s| s.trim_end().chars().next_back());
    !matches!(prev, Some(',' | ';'))
}

/// Is the word ending at the period at `dot` an abbreviation (given the next word at `next`)?
fn is_abbreviation(text: &str, dot: usize, next: usize) -> bool {
    // the token before the dot, at most 24 chars back
    let before = text.get(..dot).unwrap_or("");
    let mut tok_start = dot;
    for (n, (idx, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '\'' | '«' | '/') || n >= 24 {
            break;
        }
        tok_start = idx;
    }
    let tok = text.get(tok_start..dot).unwrap_or("");
    if tok.is_empty() {
        return false;
    }
    let next_word: String = text
        .get(next..)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphabetic())
        .take(12)
        .collect();
    let next_lower = next_word.to_lowercase();
    // list numbers at the start of a line ("1. Skip"), ordinals before a month ("3. März")
    if tok.chars().all(|c| c.is_ascii_digit()) {
        if tok.len() > 3 {
            return false;
        }
        let line_start = before.get(..tok_start).is_none_or(|s| {
            s.trim_end_matches([' ', '\t']).is_empty() || s.trim_end_matches([' ', '\t']).ends_with('\n')
        });
        return line_start || is_month_name(&next_lower);
    }
    let lower = tok.to_lowercase();
    // single initial: "M. Meuris", "P. Dejong"
    let mut chars = tok.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    // dotted acronyms and abbreviations: "U.S", "z.B", "e.g", "J.-P", "o.a"
    if tok.contains('.') {
        let starter = matches!(
            next_word.as_str(),
            "The" | "It" | "He" | "She" | "They" | "We" | "This" | "In" | "On" | "But" | "Police" | "A" | "An"
        );
        return !starter;
    }
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn basic_and_quotes() {
        assert_eq!(
            sents("Police acted. \"We won,\" he said. Was it over? Yes! It was…  Then more."),
            vec![
                "Police acted.",
                "\"We won,\" he said.",
                "Was it over?",
                "Yes!",
                "It was…",
                "Then more."
            ]
        );
        assert_eq!(
            sents("He said: “It is done.” The end."),
            vec!["He said: “It is done.”", "The end."]
        );
        assert_eq!(
            sents("Seized 1.5 tonnes. See www.example.org now."),
            vec!["Seized 1.5 tonnes.", "See www.example.org now."]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        for t in [
            "Mr. Smith met Dr. Jones on Nov. 21 in the U.S. capital.",
            "The photo is by M. Meuris and P. Dejong for J.-P. Smith.",
            "Il a rencontré M. Dupont et Mme. Martin.",
            "Die Polizei kam am 3. März und z.B. auch ca. 20 Beamte.",
            "El Sr. García y la Sra. López, núm. 5.",
            "De politie sprak o.a. met dhr. Peeters en mevr. Janssens.",
            "Servers were hosted in approx. 12 countries, e.g. Spain.",
        ] {
            assert_eq!(sents(t), vec![t], "{t}");
        }
        assert_eq!(
            sents("It was in the U.S. The police said so."),
            vec!["It was in the U.S.", "The police said so."]
        );
        assert_eq!(
            sents("Arrests rose to 22. Police were pleased."),
            vec!["Arrests rose to 22.", "Police were pleased."]
        );
    }

    #[test]
    fn lines_and_paragraphs() {
        let t = "1. Skip to content\n  2. Skip to main menu\nTerrorism\n\nFirst paragraph goes\non here. Second one.\n- a bullet\n- another";
        assert_eq!(
            sents(t),
            vec![
                "1. Skip to content",
                "2. Skip to main menu",
                "Terrorism",
                "First paragraph goes\non here.",
                "Second one.",
                "- a bullet",
                "- another"
            ]
        );
        let p: Vec<&str> = paragraphs(t).iter().map(|s| s.slice(t)).collect();
        assert_eq!(
            p,
            vec![
                "1. Skip to content\n  2. Skip to main menu\nTerrorism",
                "First paragraph goes\non here. Second one.\n- a bullet\n- another"
            ]
        );
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n ").is_empty());
    }

    #[test]
    fn long_single_line_is_linear() {
        let unit = "Police seized 3 servers in Spain. ";
        let text = unit.repeat(10 * 1024 * 1024 / unit.len());
        let t0 = std::time::Instant::now();
        let s = sentences(&text);
        assert_eq!(s.len(), 10 * 1024 * 1024 / unit.len());
        assert!(t0.elapsed().as_secs() < 20);
        let dots = "a.".repeat(5_000_000);
        assert_eq!(sentences(&dots).len(), 1);
    }
}

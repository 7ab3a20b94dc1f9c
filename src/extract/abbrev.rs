//! Abbreviation definitions: "the Bundeskriminalamt (BKA)", "l'Office anti-stupéfiants
//! (OFAST)", "la Unidad Central Operativa (UCO)". A short form in parentheses and the
//! words before it that it abbreviates — its long form — name one thing.
//!
//! The long form is found with the algorithm of Schwartz and Hearst ("A simple algorithm
//! for identifying abbreviation definitions in biomedical text", PSB 2003): walking
//! both strings from their ends, every letter and digit of the short form must be found
//! in the long form, in order, and its first one at the start of a word. The shortest
//! such long form within a few words wins. Letters are compared folded (case and
//! diacritics removed), so "(GPÉ)" matches "Groupe ... Élite" as "(GPE)" would.

use crate::gazetteer::fold::fold;

/// Is `s` (the text between parentheses) a short form: a capital first, 2–10 letters
/// and digits (and `&`, `.`, `-`), at least two capitals and more capitals than
/// lower-case letters ("EC3", "CERTs", "GStA"; not "Pays-Bas" nor "2019").
pub fn is_short_form(s: &str) -> bool {
    let n = s.chars().count();
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    (2..=10).contains(&n)
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars().all(|c| c.is_alphanumeric() || matches!(c, '&' | '.' | '-'))
        && upper >= 2
        && lower * 2 <= upper
}

/// The byte offset in `before` (the text up to the opening parenthesis) where the long
/// form of `short` starts, if the last words of `before` abbreviate to it. The long form
/// is looked for within `min(n + 5, 2n)` words (`n` the short form's letters and
/// digits) and never across a clause mark (`,` `;` `:` quotes or brackets).
pub fn long_form_start(before: &str, short: &str) -> Option<usize> {
    let short: Vec<char> = fold(short, false)
        .text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let n = short.len();
    if n < 2 {
        return None;
    }
    let trimmed = before.trim_end();
    // The window: the last words before the parenthesis, up to a clause mark.
    let clause = trimmed
        .rfind([',', ';', ':', '(', ')', '[', ']', '"', '“', '”', '«', '»', '\n'])
        .map_or(0, |i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8));
    let max_words = (n + 5).min(2 * n);
    let mut from = clause;
    let mut words = 0;
    for (i, c) in trimmed[clause..].char_indices().rev() {
        if c.is_whitespace() {
            words += 1;
            if words == max_words {
                from = clause + i + c.len_utf8();
                break;
            }
        }
    }
    let window = &trimmed[from..];
    let folded = fold(window, false);
    let long: Vec<(usize, char)> = folded.text.char_indices().collect();
    // Schwartz–Hearst, from the right.
    let mut l = long.len();
    for (k, &c) in short.iter().enumerate().rev() {
        loop {
            if l == 0 {
                return None;
            }
            l -= 1;
            let at_word_start = l == 0 || !long[l - 1].1.is_alphanumeric();
            if long[l].1 == c && (k > 0 || at_word_start) {
                break;
            }
        }
    }
    // The long form must say more than the short form: more letters than it has.
    let letters = long[l..].iter().filter(|(_, c)| c.is_alphanumeric()).count();
    if letters <= n {
        return None;
    }
    let folded_byte = long[l].0;
    let original = *folded.map.get(folded_byte)? as usize;
    Some(from + original)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_form<'a>(before: &'a str, short: &str) -> Option<&'a str> {
        long_form_start(before, short).map(|i| before[i..].trim_end())
    }

    #[test]
    fn short_forms_are_mostly_capitals() {
        for s in ["BKA", "EC3", "CERTs", "GStA", "EU-IRU", "OFAST"] {
            assert!(is_short_form(s), "{s}");
        }
        for s in ["Pays-Bas", "2019", "A", "Europol", "la", "ABCDEFGHIJK"] {
            assert!(!is_short_form(s), "{s}");
        }
    }

    #[test]
    fn long_forms_by_their_letters() {
        let cases = [
            ("Officers of the Bundeskriminalamt ", "BKA", Some("Bundeskriminalamt")),
            (
                "led by the Federal Bureau of Investigation ",
                "FBI",
                Some("Federal Bureau of Investigation"),
            ),
            (
                "menée par l'Office anti-stupéfiants ",
                "OFAST",
                Some("Office anti-stupéfiants"),
            ),
            (
                "con la Unidad Central Operativa ",
                "UCO",
                Some("Unidad Central Operativa"),
            ),
            (
                "de Dienst Speciale Interventies ",
                "DSI",
                Some("Dienst Speciale Interventies"),
            ),
            ("the European Cybercrime Centre ", "EC3", None),
            ("the so-called Islamic State ", "IS", Some("Islamic State")),
            // The first letter starts a word: not the "e" inside "Debt".
            ("the Debt Bureau ", "EB", None),
            // Not across a clause mark.
            ("THE HAGUE, Netherlands ", "AP", None),
            // Not when the words do not spell the short form.
            ("The British electronic intelligence services ", "GCHQ", None),
        ];
        for (before, short, want) in cases {
            assert_eq!(long_form(before, short), want, "{before}({short})");
        }
    }

    #[test]
    fn diacritics_and_case_are_folded() {
        assert_eq!(
            long_form("la Équipe Spéciale Régionale ", "ESR"),
            Some("Équipe Spéciale Régionale")
        );
    }
}

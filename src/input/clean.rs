//! Text clean-up: removal of web-page chrome ("Skip to content", "Share this post",
//! cookie and newsletter prompts...) and Unicode / whitespace normalisation.
//!
//! Both are conservative and line-based: a line is removed only when it is short and
//! matches a known UI phrase in English, Dutch, French, German or Spanish. Photo credit
//! lines ("Image: Agency/Name") are always kept: people are extracted from them.

use unicode_normalization::UnicodeNormalization;

/// Lines longer than this are never treated as chrome (except the video notice).
const MAX_CHROME_LINE: usize = 160;

/// Whole-line phrases (after list numbering and trailing punctuation are removed).
const EXACT: &[&str] = &[
    // share / comment / print
    "share",
    "share this",
    "share this post",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on linkedin",
    "share via email",
    "tweet",
    "email",
    "e-mail",
    "print",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "pinterest",
    "copy link",
    "copy url",
    "post comment",
    "leave a comment",
    "leave a reply",
    "comments",
    "add comment",
    "show comments",
    "advertisement",
    "advertising",
    "sponsored",
    "related",
    "related articles",
    "related stories",
    "more stories",
    "top stories",
    "most read",
    "trending",
    "menu",
    "search",
    "close",
    "back to top",
    "home",
    "log in",
    "login",
    "sign in",
    "register",
    "subscribe",
    "newsletter",
    "accept",
    "accept all",
    "accept cookies",
    "reject all",
    "cookie settings",
    "manage cookies",
    // nl
    "delen",
    "deel dit artikel",
    "deel via",
    "reageer",
    "reacties",
    "plaats een reactie",
    "advertentie",
    "lees meer",
    "meer nieuws",
    "afdrukken",
    "inloggen",
    "abonneren",
    "sluiten",
    "cookies accepteren",
    "alle cookies accepteren",
    "naar boven",
    // fr
    "partager",
    "partager cet article",
    "partager sur facebook",
    "partager sur twitter",
    "commenter",
    "commentaires",
    "réagir",
    "publicité",
    "imprimer",
    "lire aussi",
    "à lire aussi",
    "se connecter",
    "s'abonner",
    "fermer",
    "tout accepter",
    "accepter",
    "retour en haut",
    // de
    "teilen",
    "artikel teilen",
    "kommentare",
    "kommentieren",
    "anzeige",
    "werbung",
    "drucken",
    "mehr zum thema",
    "lesen sie auch",
    "anmelden",
    "abonnieren",
    "schließen",
    "alle akzeptieren",
    "akzeptieren",
    "nach oben",
    // es
    "compartir",
    "compartir en facebook",
    "compartir en twitter",
    "comentar",
    "comentarios",
    "publicidad",
    "imprimir",
    "leer más",
    "te puede interesar",
    "iniciar sesión",
    "suscríbete",
    "cerrar",
    "aceptar",
    "aceptar todo",
    "volver arriba",
];

/// Line prefixes that mark chrome (lower-cased, after list numbering).
const PREFIX: &[&str] = &[
    "skip to ",
    "skip next section",
    "skip navigation",
    "jump to ",
    "go to main",
    "zum inhalt",
    "direkt zum inhalt",
    "springe zum",
    "naar de inhoud",
    "ga naar de inhoud",
    "ga direct naar",
    "naar hoofdinhoud",
    "aller au contenu",
    "passer au contenu",
    "aller à la navigation",
    "saltar al contenido",
    "ir al contenido",
    "saltar a ",
    "read more:",
    "read more :",
    "also read:",
    "related:",
    "see also:",
    "more:",
    "lees ook:",
    "lees ook :",
    "lees meer:",
    "bekijk ook:",
    "lire aussi:",
    "lire aussi :",
    "à lire aussi:",
    "à lire aussi :",
    "voir aussi:",
    "mehr zum thema:",
    "lesen sie auch:",
    "lesen sie mehr:",
    "auch interessant:",
    "leer más:",
    "lea también:",
    "te puede interesar:",
    "más información:",
    "click here to ",
    "sign up for our",
    "sign up to our",
    "subscribe to our",
    "subscribe now",
    "abonneer je",
    "schrijf je in voor",
    "inscrivez-vous à notre",
    "abonnez-vous",
    "melden sie sich für",
    "jetzt abonnieren",
    "suscríbete a",
    "this browser does not support the",
    "your browser does not support",
    "je browser ondersteunt",
    "votre navigateur ne prend pas",
    "ihr browser unterstützt",
    "tu navegador no",
    "su navegador no",
    "all rights reserved",
    "copyright ©",
    "© copyright",
    "daily bulletin registration form",
];

/// Words that make a short line containing "cookie" a cookie banner.
const COOKIE_CUES: &[&str] = &[
    "accept",
    "we use",
    "this site uses",
    "this website uses",
    "policy",
    "consent",
    "gebruikt cookies",
    "gebruik van cookies",
    "accepteer",
    "utilise des cookies",
    "accepter",
    "verwendet cookies",
    "akzeptieren",
    "zustimm",
    "utiliza cookies",
    "usamos cookies",
    "aceptar",
];

/// Removes lines of web-page chrome in the five languages; everything else is kept
/// verbatim (blank lines included). A photo credit glued to its caption
/// ("...elsewhereImage: Agency/Name") is put on its own line first.
pub fn strip_boilerplate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = split_glued_credit(line);
        for part in line.split('\n') {
            if !is_chrome(part) {
                out.push_str(part);
            }
            out.push('\n');
        }
    }
    // keep a trailing newline only if the input had one
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// "neutral informationImage: IS-Agentur" → "neutral information\nImage: IS-Agentur".
fn split_glued_credit(line: &str) -> std::borrow::Cow<'_, str> {
    const CREDITS: [&str; 6] = ["Image: ", "Photo: ", "Foto: ", "Bild: ", "Imagen: ", "Photo : "];
    // Every cue has a colon: most lines have none, and skip the six substring searches.
    if memchr::memchr(b':', line.as_bytes()).is_none() {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut cuts = Vec::new();
    for cue in CREDITS {
        let mut from = 0;
        while let Some(i) = line.get(from..).and_then(|s| s.find(cue)) {
            let at = from + i;
            let prev = line.get(..at).and_then(|s| s.chars().next_back());
            if prev.is_some_and(|c| c.is_lowercase() || c == ')' || c == '.') {
                cuts.push(at);
            }
            from = at + cue.len();
        }
    }
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(line);
    }
    cuts.sort_unstable();
    let mut s = String::with_capacity(line.len() + cuts.len());
    let mut last = 0;
    for c in cuts {
        s.push_str(line.get(last..c).unwrap_or_default());
        s.push('\n');
        last = c;
    }
    s.push_str(line.get(last..).unwrap_or_default());
    std::borrow::Cow::Owned(s)
}

/// Is this (single) line UI chrome?
fn is_chrome(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > MAX_CHROME_LINE * 2 {
        return false;
    }
    let lower = t.to_lowercase();
    if lower.contains("does not support the video element") || lower.contains("does not support the audio element") {
        return true;
    }
    if t.len() > MAX_CHROME_LINE {
        return false;
    }
    let core = strip_list_marker(&lower);
    let core = core.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '»' | '›' | '>' | '|'));
    let core = core.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '«' | '‹' | '<' | '|'));
    if core.is_empty() {
        return false;
    }
    if EXACT.contains(&core) || PREFIX.iter().any(|p| core.starts_with(p)) {
        return true;
    }
    // "12 comments", "3 reacties", "5 commentaires", "4 Kommentare", "2 comentarios"
    if let Some((n, w)) = core.split_once(' ') {
        if n.chars().all(|c| c.is_ascii_digit())
            && matches!(
                w,
                "comments"
                    | "comment"
                    | "reacties"
                    | "reactie"
                    | "commentaires"
                    | "kommentare"
                    | "comentarios"
                    | "shares"
            )
        {
            return true;
        }
    }
    // a video length alone on a line ("05:07")
    if core.len() <= 8 && core.contains(':') && core.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return true;
    }
    if lower.contains("cookie") && COOKIE_CUES.iter().any(|c| lower.contains(c)) {
        return true;
    }
    false
}

/// Removes "1. ", "12) ", "- ", "* ", "• " at the start of a line.
fn strip_list_marker(s: &str) -> &str {
    let s = s.trim_start();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        if let Some(rest) = s.get(digits..) {
            if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
                return r.trim_start();
            }
        }
    }
    for m in ["- ", "* ", "• ", "· "] {
        if let Some(r) = s.strip_prefix(m) {
            return r.trim_start();
        }
    }
    s
}

/// Normalises text: Unicode NFC; CRLF/CR → LF; exotic spaces (NBSP, narrow NBSP, thin,
/// figure, ideographic...) and tabs → a plain space (so "26 000" stays a number the
/// count grammar reads); zero-width characters, soft hyphens and control characters
/// removed; runs of spaces collapsed; spaces at line ends trimmed; lines of only
/// whitespace emptied; three or more line breaks → one blank line (a paragraph break);
/// leading and trailing blank space removed.
pub fn normalize(text: &str) -> String {
    // Text that the quick check finds in NFC already (nearly every report) is its own
    // NFC: walking its chars skips the composition machinery and gives the same chars.
    let mut out = if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes {
        normalize_nfc_chars(text.chars(), text.len())
    } else {
        normalize_nfc_chars(text.nfc(), text.len())
    };
    // A removed character (a control, a zero-width space...) can have kept a letter from
    // its combining mark: now side by side, they compose, or a second pass would differ.
    if unicode_normalization::is_nfc_quick(out.chars()) != unicode_normalization::IsNormalized::Yes {
        out = out.nfc().collect();
    }
    out
}

/// The body of [`normalize`] over the NFC chars of a text (`len` bytes long).
fn normalize_nfc_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    let mut newlines = 0usize;
    let mut prev_cr = false;
    for c in chars {
        let c = match c {
            '\r' => {
                prev_cr = true;
                '\n'
            }
            '\n' if prev_cr => {
                prev_cr = false;
                continue;
            }
            '\u{2028}' => '\n',
            c => {
                prev_cr = false;
                c
            }
        };
        if c == '\n' || c == '\u{2029}' {
            pending_space = false;
            newlines += if c == '\n' { 1 } else { 2 };
            continue;
        }
        if matches!(
            c,
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' | '\u{200e}' | '\u{200f}'
        ) {
            continue;
        }
        if c == '\t' || c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if c.is_control() {
            continue;
        }
        if !out.is_empty() {
            if newlines > 0 {
                out.push_str(if newlines >= 2 { "\n\n" } else { "\n" });
            } else if pending_space {
                out.push(' ');
            }
        }
        newlines = 0;
        pending_space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_chrome_in_five_languages() {
        let text = "1. Skip to content\n  2. Skip to main menu\nTerrorism\n\nPolice seized three servers on Monday.\nShare this post\nPost Comment\nThis browser does not support the video element.\n05:07\nRead more:Some other headline here\nDelen\nLees ook: ander nieuws\nPartager\nLire aussi : autre chose\nTeilen\nMehr zum Thema: Anderes\nCompartir\nLeer más: otra cosa\nSkip next section More stories\nWe use cookies to improve your experience. Accept\n12 comments\nImage: Agency/J. Doe\nZum Inhalt springen";
        let out = strip_boilerplate(text);
        let kept: Vec<&str> = out.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            kept,
            vec![
                "Terrorism",
                "Police seized three servers on Monday.",
                "Image: Agency/J. Doe"
            ]
        );
    }

    #[test]
    fn keeps_prose_that_mentions_ui_words() {
        let text = "Share prices fell after the raid.\nThe suspects used Telegram to share videos.\nMenu items were seized too.";
        assert_eq!(strip_boilerplate(text), text);
    }

    #[test]
    fn splits_glued_photo_credits() {
        let out = strip_boilerplate("Officers worked for yearsImage: picture-alliance/AP Photo/P. Dejong");
        assert_eq!(
            out,
            "Officers worked for years\nImage: picture-alliance/AP Photo/P. Dejong"
        );
        assert_eq!(strip_boilerplate("Image: AFP"), "Image: AFP");
    }

    #[test]
    fn normalize_spaces_and_lines() {
        let text = "  meer\u{a0}dan 26\u{202f}000\u{2009}items \r\n\r\n\r\n\r\nzweiter\u{200b} Absatz\t\tmit  Tabs \ncafe\u{301}\u{7}";
        assert_eq!(
            normalize(text),
            "meer dan 26 000 items\n\nzweiter Absatz mit Tabs\ncafé"
        );
    }

    #[test]
    fn normalize_is_idempotent() {
        let text = "Eins.\n\nZwei  drei.\nVier";
        assert_eq!(normalize(&normalize(text)), normalize(text));
        assert_eq!(normalize(text), text.replace("  ", " "));
    }

    /// Found by the `html_clean` fuzz target: NFC ran before the characters that kept a
    /// letter from its combining mark were removed, so a second pass composed them.
    #[test]
    fn normalize_is_idempotent_when_a_removed_character_separated_a_combining_mark() {
        for text in [
            "a\u{1}\u{323}",
            "e\u{200b}\u{301}x",
            "o\u{ad}\u{308}",
            "a\u{7}\n\u{301}",
        ] {
            let once = normalize(text);
            assert_eq!(normalize(&once), once, "{text:?}");
        }
        assert_eq!(normalize("a\u{1}\u{323}"), "\u{1ea1}");
        assert_eq!(normalize("e\u{200b}\u{301}x"), "\u{e9}x");
    }

    /// The `html_clean` fuzz target's steps on its crash input, and on the input cut down
    /// to its cause (a letter, a control character, a combining dot below).
    #[test]
    fn html_clean_fuzz_crash_normalises_idempotently() {
        let found: &[u8] = b"-c\x00\x00\x00\x00\x00\xe1\xe1\xe1\x00\xe1\x00\x00\x00i\x01\xff\xff\x01ca\x01\x04\x00a\x01\x01\xcc\xa3\xd3s\x00a\x04\xa3\xd3s\xcc>p{#\x00\x00\xff\xff\xf9\x00";
        for data in [found, b"a\x01\xcc\xa3"] {
            let text = String::from_utf8_lossy(data);
            let doc = crate::input::html::parse_html(&text);
            let clean = normalize(&strip_boilerplate(&doc.text));
            assert_eq!(normalize(&clean), clean);
        }
    }
}

//! Code names of operations: "Operation Endgame", "opération « Talent »", "la operación
//! Cookie Monster", "Onder de operatienaam PowerOFF", "An der „Operation Krümelmonster“".
//!
//! A code name is the surest sign that two reports tell the same operation: merging
//! reads it ([`crate::merge`]), and the graph keeps it (`opg:codeName`).

use std::sync::OnceLock;

use super::mentions::RawMention;
use super::wordre::WordRegex;
use crate::model::{EntityType, Lang, Span};

/// A code name found in a text: the sentence it stands in, its span and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeName {
    pub sentence: usize,
    pub span: Span,
    pub name: String,
}

/// The word for an operation, lower case, in the five languages and two neighbours
/// (a name after it is the operation's, not a person's: [`super::mentions`]).
pub(crate) const OPERATION_WORDS: &[&str] = &[
    "operation",
    "operación",
    "operacion",
    "opération",
    "operatie",
    "operazione",
    "operação",
    "aktion",
];

/// Words that open no code name: articles and prepositions after "Operation" start a
/// phrase ("the operation In Spain ..." is a sentence that goes on).
const NOT_NAMES: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "Of", "And", "For", "With", "Le", "La", "Les", "L", "El", "Los", "Las", "De",
    "Del", "Du", "Des", "Het", "Een", "Die", "Der", "Das", "Den", "Dem", "Ein", "Eine", "Un", "Une", "Una", "Et", "Y",
    "En", "Und",
];

/// The words a German code name may be followed by without quotes: German nouns are
/// capitalised, so "bei der Operation Beamte aus zehn Ländern" names no operation.
const GERMAN_AFTER: &[&str] = &[
    "gegen", "der", "des", "im", "in", "wurde", "wurden", "war", "waren", "ist", "sind", "hat", "haben", "von", "vom",
    "unter", "mit", "und",
];

/// The code names of a text, in order. `mentions` are the text's entity mentions: a
/// name that is an actor or a place ("the operation Europol coordinated") is none.
pub fn find_code_names(text: &str, sentences: &[Span], mentions: &[RawMention], lang: Lang) -> Vec<CodeName> {
    // The operation's word (capitalised in English and German, where the lower-case
    // word is followed by its clause: "the operation Dutch police led"), or a phrase
    // that says "code name"; then an optional opening quote, then one to three
    // capitalised words (or words with figures), then an optional closing quote.
    static RE: OnceLock<(WordRegex, [usize; 4])> = OnceLock::new();
    // On the word regex (the boundary before checked apart): a Unicode `\b` in the
    // pattern kept the whole text off the DFA, on the slowest engine.
    let (re, groups) = RE.get_or_init(|| {
        let core = format!(
            r#"
        (?i:(?:{})(?P<called>\s*,?\s+(?:denominada|llamada|bautizada|conocida\s+como|baptisée|nommée|appelée|dite|genaamd|getiteld|met\s+de\s+naam|namens|genannt|mit\s+dem\s+Namen|called|named|dubbed|code-?named|known\s+as))?
          |operatienaam|codenamed|code-named|codenaam|nom\s+de\s+code|nombre\s+en\s+clave|codename|deckname|baptisée?|bautizada?|dubbed
          |unter\s+dem\s+(?:Titel|Namen|Codenamen|Decknamen)|sous\s+le\s+nom(?:\s+de\s+code)?\s+de|bajo\s+el\s+nombre\s+de|con\s+el\s+nombre\s+(?:en\s+clave\s+)?de|onder\s+de\s+(?:code)?naam)
        \s+
        (?P<open>["“„«‘‚']\s*)?
        (?P<name>(?:\p{{Lu}}|\d)[\p{{L}}\p{{N}}'’-]*(?:[\ ](?:\p{{Lu}}|\d)[\p{{L}}\p{{N}}'’-]*){{0,2}})
        (?P<close>\s*["”“»’‘'])?"#,
            OPERATION_WORDS.join("|")
        );
        let re = WordRegex::new("(?x)", &core, true, false).expect("static regex");
        let groups = ["called", "open", "name", "close"].map(|name| re.group_index(name).unwrap_or(usize::MAX));
        (re, groups)
    });
    let [called_group, open_group, name_group, close_group] = *groups;
    let mut out = Vec::new();
    for caps in re.captures_iter(text) {
        let get = |i: usize| caps.get(i).copied().flatten();
        let (Some(word), Some(name)) = (get(0), get(name_group)) else {
            continue;
        };
        let quoted = get(open_group).is_some() && get(close_group).is_some();
        let op_word = word.slice(text).split_whitespace().next().unwrap_or("");
        // English "operation" in lower case begins a clause, not a name; German
        // writes the noun capitalised.
        let lower_case_word = OPERATION_WORDS.contains(&op_word);
        // ... unless a participle names it: "the operation, called Eureka".
        let called = get(called_group).is_some();
        if matches!(lang, Lang::En | Lang::De) && lower_case_word && !quoted && !called {
            continue;
        }
        let first = name.slice(text).split([' ', '-', '\'', '’']).next().unwrap_or("");
        if NOT_NAMES.contains(&first) {
            continue;
        }
        let span = name;
        if lang == Lang::De && !quoted && !called {
            let after = text.get(span.end..).unwrap_or("");
            let next = after.split_whitespace().next().unwrap_or("");
            let ends = next.is_empty() || after.trim_start().starts_with(|c: char| !c.is_alphanumeric());
            if !ends && !GERMAN_AFTER.contains(&next) {
                continue;
            }
        }
        // An actor, a place or an outlet after the word ("la operación España",
        // "Operation Europol"): no name of its own.
        let named_entity = mentions.iter().any(|m| {
            m.span.overlaps(span)
                && matches!(
                    m.etype,
                    EntityType::Agency
                        | EntityType::Country
                        | EntityType::Place
                        | EntityType::Organization
                        | EntityType::Outlet
                )
        });
        if named_entity {
            continue;
        }
        let sentence = sentences.partition_point(|s| s.end <= span.start);
        out.push(CodeName {
            sentence,
            span,
            name: name.slice(text).to_string(),
        });
    }
    out
}

/// The key two writings of one code name share: its letters and figures in lower case,
/// without accents ("Cookie Monster", "Cookiemonster" and "COOKIE-MONSTER" are one, and
/// "Eurêka" is "Eureka").
pub fn code_name_key(name: &str) -> String {
    crate::gazetteer::fold::fold(name, false)
        .text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, lang: Lang) -> Vec<String> {
        find_code_names(text, &[Span::new(0, text.len())], &[], lang)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn code_names_in_five_languages() {
        let cases: &[(&str, Lang, &[&str])] = &[
            (
                "Police shut down servers in Operation Vexmoor Dawn.",
                Lang::En,
                &["Vexmoor Dawn"],
            ),
            ("the operation Dutch police led", Lang::En, &[]),
            ("L'opération « Talon » a visé deux forums.", Lang::Fr, &["Talon"]),
            ("la operación Cookie Monster terminó", Lang::Es, &["Cookie Monster"]),
            (
                "Onder de operatienaam PowerOFF werden sites offline gehaald.",
                Lang::Nl,
                &["PowerOFF"],
            ),
            (
                "An der „Operation Krümelmonster“ waren zehn Länder beteiligt.",
                Lang::De,
                &["Krümelmonster"],
            ),
            ("Die Operation Endgame wurde fortgesetzt.", Lang::De, &["Endgame"]),
            // German nouns are capitalised: no name without quotes or a verb after it.
            ("Bei der Operation Beamte aus zehn Ländern halfen.", Lang::De, &[]),
            ("In the Operation The Hague was the centre.", Lang::En, &[]),
            // A word is no name of itself.
            ("EUROPOL OPERATIONS TAKE DOWN SERVERS", Lang::En, &[]),
            // A participle or a phrase that gives the name.
            (
                "En una operación denominada Vexmoor coordinada por Europol",
                Lang::Es,
                &["Vexmoor"],
            ),
            (
                "Die Operation unter dem Titel „Vexmoor“ dauerte drei Jahre.",
                Lang::De,
                &["Vexmoor"],
            ),
            (
                "The operation, called Vexmoor Dawn, ended.",
                Lang::En,
                &["Vexmoor Dawn"],
            ),
            (
                "Sous le nom de code Vexmoor, l'enquête a duré deux ans.",
                Lang::Fr,
                &["Vexmoor"],
            ),
        ];
        for (text, lang, want) in cases {
            assert_eq!(names(text, *lang), *want, "{text}");
        }
    }

    #[test]
    fn an_actor_after_the_word_is_no_name() {
        let text = "La operación Europol terminó.";
        let europol = RawMention {
            span: Span::new(13, 20),
            key: "europol".into(),
            etype: EntityType::Agency,
            label: "Europol".into(),
            rule: "gazetteer:europol".into(),
            confidence: 0.95,
            from_gazetteer: true,
            demonym: false,
            nested: false,
        };
        assert!(find_code_names(text, &[Span::new(0, text.len())], &[europol], Lang::Es).is_empty());
        assert_eq!(names(text, Lang::Es), ["Europol"]);
    }

    #[test]
    fn writings_of_one_name_share_a_key() {
        assert_eq!(code_name_key("Cookie Monster"), code_name_key("Cookiemonster"));
        assert_eq!(code_name_key("POWER-OFF"), "poweroff");
        assert_eq!(code_name_key("Eurêka"), code_name_key("Eureka"));
        assert_ne!(code_name_key("Endgame"), code_name_key("Talent"));
    }
}

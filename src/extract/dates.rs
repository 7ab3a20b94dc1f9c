//! Date grammar for English, Dutch, French, German and Spanish news text.
//!
//! The text is cut into tokens (words, digit runs, punctuation) line by line; at each
//! token a small set of hand-written patterns is tried with bounded look-ahead, so the
//! work is linear in the input. Patterns: day-month-year in every word order of the five
//! languages ("21 November 2019", "November 21, 2019", "le 1er juillet", "am 3. März
//! 2020", "el 21 de noviembre de 2019"), numeric dates ("25/11/2019", "25.11.2019",
//! "2019-11-21"), month + year, qualified months ("early April", "begin april", "début
//! avril", "Anfang April", "a principios de abril"), bare months after a preposition,
//! years after a preposition ("in 2015"), ranges ("between November 21 and 24", "du 21
//! au 24 novembre", "vom 21. bis 24. November"...), weekdays and deictic words
//! ("yesterday", "gisteren", "hier", "gestern", "ayer", "last week"...), which are
//! resolved against the report's publication date.

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::{Lang, PartialDate, Span};

/// One date expression in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    /// Where the expression is (byte offsets into the text given to [`find_dates`]).
    pub span: Span,
    /// The date, or the first date of a range; `None` when it cannot be resolved
    /// (a yearless date or a weekday without an anchor).
    pub start: Option<PartialDate>,
    /// Last date of a range.
    pub end: Option<PartialDate>,
    /// Month and day as written when the year is not (`(11, Some(21))` for "21 November").
    pub month_day: Option<(u32, Option<u32>)>,
    /// The weekday written with a yearless day (0 = Monday: "Friday 15th April"). It
    /// narrows the years the day can be in.
    pub weekday: Option<u32>,
    /// True for expressions relative to the publication date (weekdays, "yesterday",
    /// "last week").
    pub relative: bool,
    /// Which pattern matched (`date:dmy`, `date:range-dm`...).
    pub rule: &'static str,
}

// ---------------------------------------------------------------------------------------
// tokens

/// Kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// A run of letters (apostrophes between letters included).
    Word,
    /// A run of ASCII digits.
    Num,
    /// Any other non-space character.
    Punct(char),
}

/// A token with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Whitespace (or the start of the text) comes right before it.
    pub space_before: bool,
}

/// Cuts `text` into tokens. `offset` is added to every span.
pub(crate) fn tokenize(text: &str, offset: usize) -> Vec<Tok> {
    let mut toks = Vec::new();
    let mut space = true;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        let (kind, mut end) = if c.is_ascii_digit() {
            (TokKind::Num, i + 1)
        } else if c.is_alphabetic() {
            (TokKind::Word, i + c.len_utf8())
        } else {
            toks.push(Tok {
                start: offset + i,
                end: offset + i + c.len_utf8(),
                kind: TokKind::Punct(c),
                space_before: space,
            });
            space = false;
            continue;
        };
        while let Some(&(j, d)) = it.peek() {
            let same = match kind {
                TokKind::Num => d.is_ascii_digit(),
                _ => {
                    d.is_alphabetic()
                        || ((d == '\'' || d == '’')
                            && text
                                .get(j + d.len_utf8()..)
                                .and_then(|s| s.chars().next())
                                .is_some_and(char::is_alphabetic))
                }
            };
            if !same {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        toks.push(Tok {
            start: offset + i,
            end: offset + end,
            kind,
            space_before: space,
        });
        space = false;
    }
    toks
}

// ---------------------------------------------------------------------------------------
// lexicon

/// Month names and abbreviations: (word, month, is_abbreviation, language).
const MONTHS: &[(&str, u32, bool, Lang)] = &[
    ("january", 1, false, Lang::En),
    ("february", 2, false, Lang::En),
    ("march", 3, false, Lang::En),
    ("april", 4, false, Lang::En),
    ("may", 5, false, Lang::En),
    ("june", 6, false, Lang::En),
    ("july", 7, false, Lang::En),
    ("august", 8, false, Lang::En),
    ("september", 9, false, Lang::En),
    ("october", 10, false, Lang::En),
    ("november", 11, false, Lang::En),
    ("december", 12, false, Lang::En),
    ("jan", 1, true, Lang::En),
    ("feb", 2, true, Lang::En),
    ("mar", 3, true, Lang::En),
    ("apr", 4, true, Lang::En),
    ("jun", 6, true, Lang::En),
    ("jul", 7, true, Lang::En),
    ("aug", 8, true, Lang::En),
    ("sep", 9, true, Lang::En),
    ("sept", 9, true, Lang::En),
    ("oct", 10, true, Lang::En),
    ("nov", 11, true, Lang::En),
    ("dec", 12, true, Lang::En),
    ("januari", 1, false, Lang::Nl),
    ("februari", 2, false, Lang::Nl),
    ("maart", 3, false, Lang::Nl),
    ("april", 4, false, Lang::Nl),
    ("mei", 5, false, Lang::Nl),
    ("juni", 6, false, Lang::Nl),
    ("juli", 7, false, Lang::Nl),
    ("augustus", 8, false, Lang::Nl),
    ("september", 9, false, Lang::Nl),
    ("oktober", 10, false, Lang::Nl),
    ("november", 11, false, Lang::Nl),
    ("december", 12, false, Lang::Nl),
    ("jan", 1, true, Lang::Nl),
    ("feb", 2, true, Lang::Nl),
    ("febr", 2, true, Lang::Nl),
    ("mrt", 3, true, Lang::Nl),
    ("apr", 4, true, Lang::Nl),
    ("jun", 6, true, Lang::Nl),
    ("jul", 7, true, Lang::Nl),
    ("aug", 8, true, Lang::Nl),
    ("sep", 9, true, Lang::Nl),
    ("sept", 9, true, Lang::Nl),
    ("okt", 10, true, Lang::Nl),
    ("nov", 11, true, Lang::Nl),
    ("dec", 12, true, Lang::Nl),
    ("janvier", 1, false, Lang::Fr),
    ("février", 2, false, Lang::Fr),
    ("fevrier", 2, false, Lang::Fr),
    ("mars", 3, false, Lang::Fr),
    ("avril", 4, false, Lang::Fr),
    ("mai", 5, false, Lang::Fr),
    ("juin", 6, false, Lang::Fr),
    ("juillet", 7, false, Lang::Fr),
    ("août", 8, false, Lang::Fr),
    ("aout", 8, false, Lang::Fr),
    ("septembre", 9, false, Lang::Fr),
    ("octobre", 10, false, Lang::Fr),
    ("novembre", 11, false, Lang::Fr),
    ("décembre", 12, false, Lang::Fr),
    ("decembre", 12, false, Lang::Fr),
    ("janv", 1, true, Lang::Fr),
    ("févr", 2, true, Lang::Fr),
    ("fevr", 2, true, Lang::Fr),
    ("avr", 4, true, Lang::Fr),
    ("juil", 7, true, Lang::Fr),
    ("sept", 9, true, Lang::Fr),
    ("oct", 10, true, Lang::Fr),
    ("nov", 11, true, Lang::Fr),
    ("déc", 12, true, Lang::Fr),
    ("dec", 12, true, Lang::Fr),
    ("januar", 1, false, Lang::De),
    ("jänner", 1, false, Lang::De),
    ("februar", 2, false, Lang::De),
    ("märz", 3, false, Lang::De),
    ("maerz", 3, false, Lang::De),
    ("april", 4, false, Lang::De),
    ("mai", 5, false, Lang::De),
    ("juni", 6, false, Lang::De),
    ("juli", 7, false, Lang::De),
    ("august", 8, false, Lang::De),
    ("september", 9, false, Lang::De),
    ("oktober", 10, false, Lang::De),
    ("november", 11, false, Lang::De),
    ("dezember", 12, false, Lang::De),
    ("jan", 1, true, Lang::De),
    ("feb", 2, true, Lang::De),
    ("febr", 2, true, Lang::De),
    ("mär", 3, true, Lang::De),
    ("apr", 4, true, Lang::De),
    ("jun", 6, true, Lang::De),
    ("jul", 7, true, Lang::De),
    ("aug", 8, true, Lang::De),
    ("sep", 9, true, Lang::De),
    ("sept", 9, true, Lang::De),
    ("okt", 10, true, Lang::De),
    ("nov", 11, true, Lang::De),
    ("dez", 12, true, Lang::De),
    ("enero", 1, false, Lang::Es),
    ("febrero", 2, false, Lang::Es),
    ("marzo", 3, false, Lang::Es),
    ("abril", 4, false, Lang::Es),
    ("mayo", 5, false, Lang::Es),
    ("junio", 6, false, Lang::Es),
    ("julio", 7, false, Lang::Es),
    ("agosto", 8, false, Lang::Es),
    ("septiembre", 9, false, Lang::Es),
    ("setiembre", 9, false, Lang::Es),
    ("octubre", 10, false, Lang::Es),
    ("noviembre", 11, false, Lang::Es),
    ("diciembre", 12, false, Lang::Es),
    ("ene", 1, true, Lang::Es),
    ("feb", 2, true, Lang::Es),
    ("mar", 3, true, Lang::Es),
    ("abr", 4, true, Lang::Es),
    ("may", 5, true, Lang::Es),
    ("jun", 6, true, Lang::Es),
    ("jul", 7, true, Lang::Es),
    ("ago", 8, true, Lang::Es),
    ("sep", 9, true, Lang::Es),
    ("sept", 9, true, Lang::Es),
    ("oct", 10, true, Lang::Es),
    ("nov", 11, true, Lang::Es),
    ("dic", 12, true, Lang::Es),
];

/// Weekday names (0 = Monday).
const WEEKDAYS: &[(&str, u32, Lang)] = &[
    ("monday", 0, Lang::En),
    ("tuesday", 1, Lang::En),
    ("wednesday", 2, Lang::En),
    ("thursday", 3, Lang::En),
    ("friday", 4, Lang::En),
    ("saturday", 5, Lang::En),
    ("sunday", 6, Lang::En),
    ("maandag", 0, Lang::Nl),
    ("dinsdag", 1, Lang::Nl),
    ("woensdag", 2, Lang::Nl),
    ("donderdag", 3, Lang::Nl),
    ("vrijdag", 4, Lang::Nl),
    ("zaterdag", 5, Lang::Nl),
    ("zondag", 6, Lang::Nl),
    ("lundi", 0, Lang::Fr),
    ("mardi", 1, Lang::Fr),
    ("mercredi", 2, Lang::Fr),
    ("jeudi", 3, Lang::Fr),
    ("vendredi", 4, Lang::Fr),
    ("samedi", 5, Lang::Fr),
    ("dimanche", 6, Lang::Fr),
    ("montag", 0, Lang::De),
    ("dienstag", 1, Lang::De),
    ("mittwoch", 2, Lang::De),
    ("donnerstag", 3, Lang::De),
    ("freitag", 4, Lang::De),
    ("samstag", 5, Lang::De),
    ("sonnabend", 5, Lang::De),
    ("sonntag", 6, Lang::De),
    ("lunes", 0, Lang::Es),
    ("martes", 1, Lang::Es),
    ("miércoles", 2, Lang::Es),
    ("miercoles", 2, Lang::Es),
    ("jueves", 3, Lang::Es),
    ("viernes", 4, Lang::Es),
    ("sábado", 5, Lang::Es),
    ("sabado", 5, Lang::Es),
    ("domingo", 6, Lang::Es),
];

/// Parts of a day glued to a weekday ("Mittwochabend", "woensdagavond").
const DAY_PARTS: &[&str] = &[
    "morning",
    "afternoon",
    "evening",
    "night",
    "ochtend",
    "middag",
    "avond",
    "nacht",
    "morgen",
    "vormittag",
    "nachmittag",
    "abend",
    "soir",
    "matin",
];

/// Function words the grammar cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kw {
    None,
    /// and / en / et / und / y
    And,
    /// to / until / au / bis / al / tot
    To,
    /// between / tussen / entre / zwischen
    Between,
    /// from / van / du / vom / von / del / desde
    From,
    /// de / del / d' / of (inside a date: "21 de noviembre")
    Of,
    /// the / le / la / el / het / der...
    The,
    /// a preposition that may introduce a month or a year (in, since, en, seit, depuis...)
    Prep,
    /// early / mid / late, begin / eind, début / fin, Anfang / Ende, principios / finales...
    Qual,
    Yesterday,
    /// French "veille": the day before, as "yesterday", unless "la veille de".
    Eve,
    Today,
    /// last / vorige / dernier / letzte / pasado
    Last,
    Week,
    Month,
    /// year / jaar / année / Jahr / año
    Year,
    /// night / nacht / nuit / Nacht / noche: "last night" is yesterday's.
    Night,
}

fn in_lang(lang: Lang, l: Lang) -> bool {
    lang == l || lang == Lang::Other
}

/// The month a word names in `lang` (English names are accepted in every language).
/// Returns (month, is_abbreviation).
pub(crate) fn month_of(lower: &str, lang: Lang) -> Option<(u32, bool)> {
    MONTHS
        .iter()
        .find(|(w, _, _, l)| *w == lower && in_lang(lang, *l))
        .or_else(|| {
            MONTHS
                .iter()
                .find(|(w, _, abbr, l)| *w == lower && *l == Lang::En && !abbr)
        })
        .map(|&(_, m, a, _)| (m, a))
}

/// Is `lower` a full month name in any of the five languages?
pub(crate) fn is_month_name(lower: &str) -> bool {
    MONTHS.iter().any(|(w, _, abbr, _)| *w == lower && !abbr)
}

fn weekday_of(lower: &str, lang: Lang) -> Option<u32> {
    WEEKDAYS
        .iter()
        .find(|(w, _, l)| in_lang(lang, *l) && *w == lower)
        .map(|&(_, d, _)| d)
        .or_else(|| {
            // "Mittwochabend", "woensdagavond", "Wednesday night" is two words and fine already
            WEEKDAYS.iter().find_map(|&(w, d, l)| {
                let rest = lower.strip_prefix(w)?;
                (in_lang(lang, l) && DAY_PARTS.contains(&rest)).then_some(d)
            })
        })
}

fn keyword(lower: &str, lang: Lang) -> Kw {
    use Lang::*;
    let l = |x: Lang| in_lang(lang, x);
    match lower {
        "and" if l(En) => Kw::And,
        "en" if l(Nl) => Kw::And,
        "et" if l(Fr) => Kw::And,
        "und" if l(De) => Kw::And,
        "y" if l(Es) => Kw::And,
        "to" | "until" | "till" | "through" | "thru" if l(En) => Kw::To,
        "tot" | "t/m" if l(Nl) => Kw::To,
        "au" | "à" | "jusqu'au" if l(Fr) => Kw::To,
        "bis" if l(De) => Kw::To,
        "al" | "a" | "hasta" if l(Es) => Kw::To,
        "between" if l(En) => Kw::Between,
        "tussen" if l(Nl) => Kw::Between,
        "entre" if l(Fr) || l(Es) => Kw::Between,
        "zwischen" if l(De) => Kw::Between,
        "from" if l(En) => Kw::From,
        "van" | "vanaf" if l(Nl) => Kw::From,
        "du" if l(Fr) => Kw::From,
        "vom" | "von" | "ab" if l(De) => Kw::From,
        "del" | "desde" if l(Es) => Kw::From,
        "of" if l(En) => Kw::Of,
        "de" | "d'" if l(Es) || l(Fr) => Kw::Of,
        "the" if l(En) => Kw::The,
        "le" | "la" | "l'" if l(Fr) => Kw::The,
        "el" | "la" | "los" | "las" if l(Es) => Kw::The,
        "de" | "het" if l(Nl) => Kw::The,
        "der" | "die" | "den" | "dem" if l(De) => Kw::The,
        "early" | "mid" | "late" | "beginning" | "end" | "middle" if l(En) => Kw::Qual,
        "begin" | "eind" | "einde" | "half" | "medio" | "midden" | "eo" | "bo" if l(Nl) => Kw::Qual,
        "début" | "debut" | "fin" | "mi" | "courant" if l(Fr) => Kw::Qual,
        "anfang" | "ende" | "mitte" if l(De) => Kw::Qual,
        "principios" | "comienzos" | "inicios" | "mediados" | "finales" | "fines" | "primeros" if l(Es) => Kw::Qual,
        "in" | "on" | "since" | "by" | "during" | "before" | "after" | "last" | "next" | "this" | "until" | "from"
        | "of" | "early" | "late" | "mid" | "throughout"
            if l(En) =>
        {
            if matches!(lower, "last") {
                Kw::Last
            } else {
                Kw::Prep
            }
        }
        "yesterday" if l(En) => Kw::Yesterday,
        "gisteren" if l(Nl) => Kw::Yesterday,
        "hier" if l(Fr) => Kw::Yesterday,
        "gestern" | "vortag" if l(De) => Kw::Yesterday,
        // "la veille" (the day before), unless "la veille de" (on the eve of).
        "veille" if l(Fr) => Kw::Eve,
        "ayer" | "anoche" if l(Es) => Kw::Yesterday,
        "gisteravond" | "gisternacht" if l(Nl) => Kw::Yesterday,
        "night" if l(En) => Kw::Night,
        "nacht" if l(Nl) || l(De) => Kw::Night,
        "nuit" if l(Fr) => Kw::Night,
        "noche" if l(Es) => Kw::Night,
        "today" if l(En) => Kw::Today,
        "vandaag" if l(Nl) => Kw::Today,
        "aujourd'hui" | "aujourd’hui" if l(Fr) => Kw::Today,
        "heute" if l(De) => Kw::Today,
        "hoy" if l(Es) => Kw::Today,
        "vorige" | "verleden" | "vorig" | "afgelopen" if l(Nl) => Kw::Last,
        "dernier" | "dernière" | "derniere" | "passé" | "passée" if l(Fr) => Kw::Last,
        "letzte" | "letzten" | "vergangene" | "vergangenen" | "vorige" | "vorigen" if l(De) => Kw::Last,
        "pasado" | "pasada" if l(Es) => Kw::Last,
        "past" | "previous" if l(En) => Kw::Last,
        "week" if l(En) || l(Nl) => Kw::Week,
        "semaine" if l(Fr) => Kw::Week,
        "woche" if l(De) => Kw::Week,
        "semana" if l(Es) => Kw::Week,
        "month" if l(En) => Kw::Month,
        "maand" if l(Nl) => Kw::Month,
        "mois" if l(Fr) => Kw::Month,
        "monat" | "monats" if l(De) => Kw::Month,
        "mes" if l(Es) => Kw::Month,
        "year" if l(En) => Kw::Year,
        "jaar" if l(Nl) => Kw::Year,
        "année" | "an" | "l'année" | "l’année" | "l'an" | "l’an" if l(Fr) => Kw::Year,
        "jahr" | "jahre" | "jahres" if l(De) => Kw::Year,
        "año" if l(Es) => Kw::Year,
        "op" | "in" | "sinds" | "sedert" | "per" | "vanaf" | "na" | "voor" | "tijdens" | "medio" if l(Nl) => Kw::Prep,
        "en" | "le" | "depuis" | "dès" | "dans" | "pendant" | "avant" | "après" | "jusqu'en" | "courant" if l(Fr) => {
            Kw::Prep
        }
        "am" | "im" | "seit" | "ab" | "bis" | "in" | "vor" | "nach" | "während" | "anfang" | "ende" | "mitte"
        | "zum"
            if l(De) =>
        {
            Kw::Prep
        }
        "en" | "el" | "desde" | "hasta" | "durante" | "antes" | "tras" | "después" | "para" if l(Es) => Kw::Prep,
        // A season before a year dates by the year: "im Frühjahr 2022", "in the spring
        // 2021", "à l'automne 2019".
        "spring" | "summer" | "autumn" | "winter" if l(En) => Kw::Prep,
        "voorjaar" | "lente" | "zomer" | "najaar" | "herfst" | "winter" if l(Nl) => Kw::Prep,
        "printemps" | "automne" | "hiver" | "l'automne" | "l’automne" | "l'hiver" | "l’hiver" | "l'été" | "l’été"
            if l(Fr) =>
        {
            Kw::Prep
        }
        "frühjahr" | "frühling" | "sommer" | "herbst" | "winter" if l(De) => Kw::Prep,
        "primavera" | "verano" | "otoño" | "invierno" if l(Es) => Kw::Prep,
        _ => Kw::None,
    }
}

/// Per-token information for the date grammar.
#[derive(Debug, Clone, Copy)]
struct Info {
    month: Option<(u32, bool)>,
    weekday: Option<u32>,
    kw: Kw,
    /// Num: value (saturated) and digit count.
    num: Option<(u32, usize)>,
}

// ---------------------------------------------------------------------------------------
// parsing

/// A date expression before resolution.
#[derive(Debug, Clone, Copy, Default)]
struct Atom {
    y: Option<i32>,
    m: Option<u32>,
    d: Option<u32>,
    wd: Option<u32>,
    rel: Option<Rel>,
    /// A yearless day or month of the year before the anchor's ("in June last year").
    last_year: bool,
}

/// Is `word` "this" in `lang` ("deze", "ce", "cette", "diesen", "dieses", "este", "esta")?
fn is_this(word: &str, lang: Lang) -> bool {
    const THIS: &[(&str, Lang)] = &[
        ("this", Lang::En),
        ("deze", Lang::Nl),
        ("dit", Lang::Nl),
        ("ce", Lang::Fr),
        ("cette", Lang::Fr),
        ("diese", Lang::De),
        ("diesen", Lang::De),
        ("dieser", Lang::De),
        ("diesem", Lang::De),
        ("dieses", Lang::De),
        ("este", Lang::Es),
        ("esta", Lang::Es),
    ];
    THIS.iter()
        .any(|(w, l)| in_lang(lang, *l) && w.eq_ignore_ascii_case(word))
}

/// The period a "last" word points back to, with its rule.
fn last_period(period: Kw) -> Option<(Rel, &'static str)> {
    match period {
        Kw::Week => Some((Rel::LastWeek, "date:last-week")),
        Kw::Month => Some((Rel::LastMonth, "date:last-month")),
        Kw::Year => Some((Rel::LastYear, "date:last-year")),
        Kw::Night => Some((Rel::Yesterday, "date:last-night")),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rel {
    Yesterday,
    Today,
    LastWeek,
    LastMonth,
    LastYear,
    /// "this week", "deze week", "cette semaine", "diese Woche", "esta semana".
    ThisWeek,
    /// "(earlier) this month", "deze maand", "ce mois-ci", "diesen Monat", "este mes".
    ThisMonth,
}

struct P<'a> {
    text: &'a str,
    toks: &'a [Tok],
    info: &'a [Info],
    lang: Lang,
}

impl P<'_> {
    fn tok(&self, i: usize) -> Option<&Tok> {
        self.toks.get(i)
    }
    fn inf(&self, i: usize) -> Option<&Info> {
        self.info.get(i)
    }
    /// A word carrying its own French article ("l'année").
    fn elided_article(&self, i: usize) -> bool {
        self.tok(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|w| ["l'", "l’", "L'", "L’"].iter().any(|a| w.starts_with(a)))
    }
    fn kw(&self, i: usize) -> Kw {
        self.inf(i).map_or(Kw::None, |x| x.kw)
    }
    fn punct(&self, i: usize) -> Option<char> {
        match self.tok(i)?.kind {
            TokKind::Punct(c) => Some(c),
            _ => None,
        }
    }
    fn is_punct(&self, i: usize, c: char) -> bool {
        self.punct(i) == Some(c)
    }
    fn adjacent(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| !t.space_before)
    }
    fn word(&self, i: usize) -> &str {
        self.tok(i)
            .filter(|t| t.kind == TokKind::Word)
            .map_or("", |t| self.text.get(t.start..t.end).unwrap_or(""))
    }
    fn capitalized(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn num(&self, i: usize) -> Option<(u32, usize)> {
        self.inf(i)?.num
    }
    /// A day number 1..=31 at `i` with its optional ordinal decoration; returns (day, next).
    fn day(&self, i: usize) -> Option<(u32, usize)> {
        let (v, digits) = self.num(i)?;
        if digits > 2 || !(1..=31).contains(&v) {
            return None;
        }
        // not part of a bigger number ("1,029", "3.5", "25/11")
        if matches!(self.punct(i + 1), Some(',' | '.' | '/' | ':'))
            && self.adjacent(i + 1)
            && self.adjacent(i + 2)
            && self.num(i + 2).is_some()
        {
            return None;
        }
        if i > 0 && matches!(self.punct(i - 1), Some(',' | '.' | '/' | ':' | '$' | '€' | '£')) && self.adjacent(i) {
            return None;
        }
        let mut j = i + 1;
        if self.adjacent(j) {
            let suf = self.word(j).to_lowercase();
            if matches!(
                suf.as_str(),
                "st" | "nd" | "rd" | "th" | "er" | "re" | "e" | "de" | "ste" | "ème" | "eme" | "o" | "º" | "ª"
            ) {
                j += 1;
            }
            if matches!(self.punct(j), Some('º' | 'ª' | '°')) {
                j += 1;
            }
        }
        if self.is_punct(j, '.') && self.adjacent(j) && matches!(self.lang, Lang::De | Lang::Other | Lang::Nl) {
            j += 1;
        }
        Some((v, j))
    }
    /// A month word at `i` (optionally followed by '.'); returns (month, abbreviated, next).
    fn month(&self, i: usize) -> Option<(u32, bool, usize)> {
        let (m, abbr) = self.inf(i)?.month?;
        // English (and German) write months capitalised: "august" or "may" in lower case
        // is an adjective or a verb.
        if self.lang == Lang::En && !self.capitalized(i) {
            return None;
        }
        let mut j = i + 1;
        if abbr && self.is_punct(j, '.') && self.adjacent(j) {
            j += 1;
        }
        Some((m, abbr, j))
    }
    /// A four-digit year 1900..=2100 at `i`.
    fn year(&self, i: usize) -> Option<i32> {
        let (v, digits) = self.num(i)?;
        if digits != 4 || !(1900..=2100).contains(&v) {
            return None;
        }
        // not "2019-11" style continuation or "2019,5"
        if matches!(self.punct(i + 1), Some(',' | '.' | ':'))
            && self.adjacent(i + 1)
            && self.num(i + 2).is_some()
            && self.adjacent(i + 2)
        {
            return None;
        }
        i32::try_from(v).ok()
    }
    /// Optional "[,] [de|del|of] YEAR" after `j`.
    fn opt_year(&self, j: usize) -> (Option<i32>, usize) {
        let mut k = j;
        if self.is_punct(k, ',') {
            k += 1;
        }
        if self.kw(k) == Kw::Of || (self.word(k).eq_ignore_ascii_case("del") && self.lang == Lang::Es) {
            k += 1;
        }
        match self.year(k) {
            Some(y) => (Some(y), k + 1),
            None => (None, j),
        }
    }

    /// A single date expression at token `i`: (atom, next token, rule). A yearless day
    /// or month followed by "last year" ("in June last year", "in juni vorig jaar", "im
    /// Juni letzten Jahres", "en juin de l'année dernière", "en junio del año pasado")
    /// is of the year before the anchor's.
    fn atom(&self, i: usize) -> Option<(Atom, usize, &'static str)> {
        let (a, j, rule) = self.atom_alone(i)?;
        if a.m.is_none() || a.y.is_some() || a.rel.is_some() {
            return Some((a, j, rule));
        }
        let mut k = j;
        for _ in 0..2 {
            let w = self.word(k);
            if matches!(self.kw(k), Kw::Of | Kw::The)
                || ["del", "des", "de", "van"].iter().any(|x| w.eq_ignore_ascii_case(x))
            {
                k += 1;
            }
        }
        match self.atom_alone(k) {
            Some((b, next, _)) if b.rel == Some(Rel::LastYear) => Some((Atom { last_year: true, ..a }, next, rule)),
            _ => Some((a, j, rule)),
        }
    }

    fn atom_alone(&self, i: usize) -> Option<(Atom, usize, &'static str)> {
        let inf = self.inf(i)?;
        // deictic words
        // "la veille" is the day before; "la veille de/du/d'…" the eve of something.
        let kw = match inf.kw {
            Kw::Eve => {
                let next = self.word(i + 1);
                let of_something = ["de", "du", "des"].iter().any(|w| next.eq_ignore_ascii_case(w))
                    || next.starts_with("d'")
                    || next.starts_with("d’");
                if of_something {
                    Kw::Eve
                } else {
                    Kw::Yesterday
                }
            }
            kw => kw,
        };
        match kw {
            Kw::Yesterday => {
                return Some((
                    Atom {
                        rel: Some(Rel::Yesterday),
                        ..Atom::default()
                    },
                    i + 1,
                    "date:yesterday",
                ))
            }
            Kw::Today => {
                return Some((
                    Atom {
                        rel: Some(Rel::Today),
                        ..Atom::default()
                    },
                    i + 1,
                    "date:today",
                ))
            }
            // "last week", "vorige maand", "letzten Monat"; "la semaine dernière" below
            Kw::Last => {
                if let Some((rel, rule)) = last_period(self.kw(i + 1)) {
                    return Some((
                        Atom {
                            rel: Some(rel),
                            ..Atom::default()
                        },
                        i + 2,
                        rule,
                    ));
                }
            }
            // "earlier this month", "begin deze maand", "plus tôt ce mois-ci", "Anfang dieses
            // Monats", "a principios de este mes", "this week"
            _ if matches!(self.kw(i + 1), Kw::Week | Kw::Month) && is_this(self.word(i), self.lang) => {
                let (rel, rule) = if self.kw(i + 1) == Kw::Week {
                    (Rel::ThisWeek, "date:this-week")
                } else {
                    (Rel::ThisMonth, "date:this-month")
                };
                // "mois-ci": the particle is part of the expression.
                let mut next = i + 2;
                if self.is_punct(next, '-') && self.word(next + 1).eq_ignore_ascii_case("ci") {
                    next += 2;
                }
                return Some((
                    Atom {
                        rel: Some(rel),
                        ..Atom::default()
                    },
                    next,
                    rule,
                ));
            }
            Kw::Week | Kw::Month | Kw::Year | Kw::Night
                if self.kw(i + 1) == Kw::Last
                    && (i > 0 && (self.kw(i - 1) == Kw::The || self.word(i - 1).eq_ignore_ascii_case("del"))
                        || self.elided_article(i)) =>
            {
                let (rel, rule) = last_period(inf.kw)?;
                return Some((
                    Atom {
                        rel: Some(rel),
                        ..Atom::default()
                    },
                    i + 2,
                    rule,
                ));
            }
            _ => {}
        }
        // weekday, possibly heading a full date ("Wednesday 8 November 2017", "mercredi 8 novembre")
        if let Some(wd) = inf.weekday {
            if self.lang == Lang::En && !self.capitalized(i) {
                return None;
            }
            let mut k = i + 1;
            if self.is_punct(k, ',') {
                k += 1;
            }
            if self.kw(k) == Kw::The {
                k += 1;
            }
            if let Some((a, j, rule)) = self.dmy(k).or_else(|| self.mdy(k)) {
                return Some((Atom { wd: Some(wd), ..a }, j, rule));
            }
            return Some((
                Atom {
                    wd: Some(wd),
                    ..Atom::default()
                },
                i + 1,
                "date:weekday",
            ));
        }
        if let Some(r) = self.numeric(i) {
            return Some(r);
        }
        if let Some(r) = self.dmy(i) {
            return Some(r);
        }
        if let Some(r) = self.mdy(i) {
            return Some(r);
        }
        // qualified month: "early April", "begin april 2018", "mi-avril", "a principios de abril"
        if inf.kw == Kw::Qual {
            let mut k = i + 1;
            for _ in 0..3 {
                if matches!(self.kw(k), Kw::Of | Kw::The) || self.is_punct(k, '-') {
                    k += 1;
                }
            }
            if let Some((m, _, j)) = self.month_word_loose(k) {
                let (y, j) = self.opt_year(j);
                return Some((
                    Atom {
                        y,
                        m: Some(m),
                        ..Atom::default()
                    },
                    j,
                    "date:qual-month",
                ));
            }
        }
        if let Some((m, abbr, j)) = self.month(i) {
            let (y, j2) = self.opt_year(j);
            if y.is_some() {
                return Some((
                    Atom {
                        y,
                        m: Some(m),
                        ..Atom::default()
                    },
                    j2,
                    "date:my",
                ));
            }
            // a bare month needs a preposition before it ("in April", "en junio", "im Mai")
            if !abbr
                && i > 0
                && matches!(
                    self.kw(i - 1),
                    Kw::Prep | Kw::Qual | Kw::Last | Kw::From | Kw::To | Kw::Between | Kw::Of | Kw::And
                )
            {
                return Some((
                    Atom {
                        m: Some(m),
                        ..Atom::default()
                    },
                    j,
                    "date:month",
                ));
            }
            return None;
        }
        if let Some(y) = self.year(i) {
            let prev = if i > 0 { self.kw(i - 1) } else { Kw::None };
            // "a total of 1953 items" counts items
            let next = self.word(i + 1).to_lowercase();
            if crate::extract::numbers::is_count_noun(&next) {
                return None;
            }
            if matches!(
                prev,
                Kw::Prep | Kw::Year | Kw::From | Kw::To | Kw::Between | Kw::And | Kw::Of
            ) {
                return Some((
                    Atom {
                        y: Some(y),
                        ..Atom::default()
                    },
                    i + 1,
                    "date:year",
                ));
            }
        }
        None
    }

    /// A month word for qualified months: lower-case "may"/"march" allowed after a qualifier.
    fn month_word_loose(&self, i: usize) -> Option<(u32, bool, usize)> {
        let (m, abbr) = self.inf(i)?.month?;
        let mut j = i + 1;
        if abbr && self.is_punct(j, '.') && self.adjacent(j) {
            j += 1;
        }
        Some((m, abbr, j))
    }

    /// "25/11/2019", "25.11.2019", "25-11-2019", "2019-11-21", "2019/11/21".
    fn numeric(&self, i: usize) -> Option<(Atom, usize, &'static str)> {
        let (a, ad) = self.num(i)?;
        let sep = self.punct(i + 1)?;
        if !matches!(sep, '/' | '.' | '-') || !self.adjacent(i + 1) || !self.adjacent(i + 2) {
            return None;
        }
        let (b, bd) = self.num(i + 2)?;
        if !self.is_punct(i + 3, sep) || !self.adjacent(i + 3) || !self.adjacent(i + 4) {
            return None;
        }
        let (c, cd) = self.num(i + 4)?;
        // no further ".5" or "/7" (IP addresses, versions)
        if matches!(self.punct(i + 5), Some('.' | '/' | '-'))
            && self.adjacent(i + 5)
            && self.num(i + 6).is_some()
            && self.adjacent(i + 6)
        {
            return None;
        }
        if i > 0 && matches!(self.punct(i - 1), Some('.' | '/' | '-')) && self.adjacent(i) {
            return None;
        }
        let (y, m, d, rule) = if ad == 4 && bd <= 2 && cd <= 2 {
            (a as i32, b, c, "date:iso")
        } else if ad <= 2 && bd <= 2 && (cd == 4 || (cd == 2 && sep == '/')) {
            let y = if cd == 2 {
                if c < 50 {
                    2000 + c
                } else {
                    1900 + c
                }
            } else {
                c
            } as i32;
            // day first, except when only month-first makes sense (US "11/25/2019")
            if b > 12 && a <= 12 && self.lang == Lang::En {
                (y, a, b, "date:numeric")
            } else {
                (y, b, a, "date:numeric")
            }
        } else {
            return None;
        };
        if !(1900..=2100).contains(&y) {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m, d)?;
        Some((
            Atom {
                y: Some(y),
                m: Some(m),
                d: Some(d),
                ..Atom::default()
            },
            i + 5,
            rule,
        ))
    }

    /// "21 November 2019", "21st of November", "1er juillet", "3. März", "21 de noviembre de 2019".
    fn dmy(&self, i: usize) -> Option<(Atom, usize, &'static str)> {
        let (d, mut k) = self.day(i)?;
        if self.kw(k) == Kw::Of {
            k += 1;
        }
        let (m, _, j) = self.month_word_loose(k)?;
        if self.lang == Lang::En && !self.capitalized(k) {
            return None;
        }
        valid_md(m, d)?;
        let (y, j) = self.opt_year(j);
        if let Some(y) = y {
            NaiveDate::from_ymd_opt(y, m, d)?;
        }
        Some((
            Atom {
                y,
                m: Some(m),
                d: Some(d),
                ..Atom::default()
            },
            j,
            if y.is_some() { "date:dmy" } else { "date:dm" },
        ))
    }

    /// "November 21, 2019", "Nov. 21", "April 8th 2015".
    fn mdy(&self, i: usize) -> Option<(Atom, usize, &'static str)> {
        let (m, _, k) = self.month(i)?;
        let (d, j) = self.day(k)?;
        // "November 21 2019" or "November 21, 2019"; not "November 2019"
        valid_md(m, d)?;
        let (y, j) = self.opt_year(j);
        if let Some(y) = y {
            NaiveDate::from_ymd_opt(y, m, d)?;
        }
        Some((
            Atom {
                y,
                m: Some(m),
                d: Some(d),
                ..Atom::default()
            },
            j,
            if y.is_some() { "date:mdy" } else { "date:md" },
        ))
    }

    fn is_range_conn(&self, i: usize) -> bool {
        matches!(self.kw(i), Kw::To | Kw::And) || matches!(self.punct(i), Some('-' | '–' | '—'))
    }

    /// The token after a range connector at `i` and the article that may follow it:
    /// "to", "-", "tot en met" (nl), "y el" (es), "et le" (fr), "bis zum" (de).
    fn range_conn_end(&self, i: usize) -> Option<usize> {
        if !self.is_range_conn(i) {
            return None;
        }
        let mut j = i + 1;
        if self.word(i).eq_ignore_ascii_case("tot")
            && self.word(j).eq_ignore_ascii_case("en")
            && self.word(j + 1).eq_ignore_ascii_case("met")
        {
            j += 2;
        }
        if self.is_day_article(j) {
            j += 1;
        }
        Some(j)
    }

    /// An article before a day number: "entre el 7 y el 9", "entre le 7 et le 9",
    /// "bis zum 9.", "from the 7th to the 9th".
    fn is_day_article(&self, i: usize) -> bool {
        let w = self.word(i);
        ["el", "le", "the", "den", "dem", "zum"]
            .iter()
            .any(|a| w.eq_ignore_ascii_case(a))
            && self.num(i + 1).is_some()
    }

    /// A range or a single date at `i`: (start atom, end atom, next token, rule).
    fn expr(&self, i: usize) -> Option<(Atom, Option<Atom>, usize, &'static str)> {
        let intro = matches!(self.kw(i), Kw::Between | Kw::From);
        let s = match (intro, self.is_day_article(i + 1)) {
            (true, true) => i + 2,
            (true, false) => i + 1,
            _ => i,
        };
        if let Some(r) = self.range(s) {
            return Some(r);
        }
        if intro {
            return None;
        }
        let (a, j, rule) = self.atom(i)?;
        Some((a, None, j, rule))
    }

    fn range(&self, i: usize) -> Option<(Atom, Option<Atom>, usize, &'static str)> {
        // "21-24 November 2019", "21 to 24 Nov.", "du 21 au 24 novembre", "vom 21. bis 24. November",
        // "del 21 al 24 de noviembre", "tussen 21 en 24 november", "13 and 14 September"
        if let Some((d1, k)) = self.day(i) {
            let next = self
                .range_conn_end(k)
                .filter(|_| self.inf(k).and_then(|x| x.month).is_none());
            if let Some(next) = next {
                if let Some((b, j, _)) = self.dmy(next) {
                    if let (Some(m), Some(d2)) = (b.m, b.d) {
                        if d1 < d2 {
                            valid_md(m, d1)?;
                            let a = Atom {
                                y: b.y,
                                m: Some(m),
                                d: Some(d1),
                                ..Atom::default()
                            };
                            return Some((a, Some(b), j, "date:range-dm"));
                        }
                    }
                }
            }
        }
        // "November 21-24, 2019", "between November 21 and 24"
        if let Some((m, _, k)) = self.month(i) {
            if let Some((d1, k2)) = self.day(k) {
                if let Some(next) = self.range_conn_end(k2) {
                    if let Some((d2, j)) = self.day(next) {
                        if d1 < d2 && self.month(next).is_none() && self.inf(j).and_then(|x| x.month).is_none() {
                            valid_md(m, d2)?;
                            let (y, j) = self.opt_year(j);
                            let a = Atom {
                                y,
                                m: Some(m),
                                d: Some(d1),
                                ..Atom::default()
                            };
                            let b = Atom {
                                y,
                                m: Some(m),
                                d: Some(d2),
                                ..Atom::default()
                            };
                            return Some((a, Some(b), j, "date:range-md"));
                        }
                    }
                }
            }
        }
        // two full expressions: "28 November to 2 December 2019", "2015-2017",
        // "on Wednesday and Thursday", "between April and June 2018"
        let (a, k, rule) = self.atom(i)?;
        if a.rel.is_some() {
            return None;
        }
        let (b, j, _) = self.atom(self.range_conn_end(k)?)?;
        if b.rel.is_some() {
            return None;
        }
        let mut a = a;
        let kind_ok = match (a.wd.is_some() && a.m.is_none(), b.wd.is_some() && b.m.is_none()) {
            (true, true) => true,
            (false, false) => a.m.is_some() == b.m.is_some() || (a.m.is_some() && b.m.is_some()),
            _ => false,
        };
        if !kind_ok {
            return None;
        }
        if a.y.is_none() && a.m.is_some() {
            a.y = b.y.map(|y| if a.m > b.m { y - 1 } else { y });
        }
        if a.y.is_some() && a.m.is_none() && b.y.is_some() && b.m.is_none() && a.y >= b.y {
            return None;
        }
        let _ = rule;
        Some((a, Some(b), j, "date:range"))
    }
}

fn valid_md(m: u32, d: u32) -> Option<()> {
    NaiveDate::from_ymd_opt(2000, m, d).map(|_| ())
}

/// Find every date expression in `text`.
///
/// `anchor` is the report's publication date: it resolves weekdays, "yesterday" and
/// friends (only when it is a full date) and gives yearless dates a year (the anchor's,
/// or the year before when that would put the date more than 30 days after the anchor).
/// Spans are non-overlapping and in text order.
pub fn find_dates(text: &str, lang: Lang, anchor: Option<PartialDate>) -> Vec<DateMention> {
    find_dates_in(text, &tokenize_lines(text), lang, anchor)
}

/// The tokens of each line of `text` (split at `\n`), spans relative to `text`. The
/// date, duration and count grammars all read a sentence this way: the operation stage
/// tokenises each sentence once and hands the lines to the three.
pub(crate) fn tokenize_lines(text: &str) -> Vec<Vec<Tok>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        lines.push(tokenize(line, offset));
        offset += line.len() + 1;
    }
    lines
}

/// [`find_dates`] over the lines of `text` as [`tokenize_lines`] gives them.
pub(crate) fn find_dates_in(
    text: &str,
    lines: &[Vec<Tok>],
    lang: Lang,
    anchor: Option<PartialDate>,
) -> Vec<DateMention> {
    let mut out = Vec::new();
    for toks in lines {
        find_in_line(text, toks, lang, anchor, &mut out);
    }
    out
}

fn classify(text: &str, toks: &[Tok], lang: Lang) -> Vec<Info> {
    let mut buf = String::new();
    toks.iter()
        .map(|t| {
            let s = text.get(t.start..t.end).unwrap_or("");
            match t.kind {
                TokKind::Num => {
                    let num = if s.len() <= 9 {
                        s.parse::<u32>().ok().map(|v| (v, s.len()))
                    } else {
                        None
                    };
                    Info {
                        month: None,
                        weekday: None,
                        kw: Kw::None,
                        num,
                    }
                }
                TokKind::Word => {
                    buf.clear();
                    if s.is_ascii() {
                        // The same as the per-char mapping below, without its iterators.
                        buf.push_str(s);
                        buf.make_ascii_lowercase();
                    } else {
                        buf.extend(s.chars().flat_map(char::to_lowercase));
                    }
                    if buf.contains('’') {
                        buf = buf.replace('’', "'");
                    }
                    word_info(&buf, lang)
                }
                TokKind::Punct(_) => Info {
                    month: None,
                    weekday: None,
                    kw: Kw::None,
                    num: None,
                },
            }
        })
        .collect()
}

/// Words remembered per thread and language before the cache starts afresh.
const WORD_CACHE_MAX: usize = 20_000;

std::thread_local! {
    /// What the lexicon says about a lower-case word, per language ([`Lang`] order):
    /// the same few thousand words come back in every report, and the month, weekday and
    /// keyword tables are scanned linearly.
    static WORD_INFO: std::cell::RefCell<[rustc_hash::FxHashMap<String, Info>; 6]> =
        std::cell::RefCell::new(Default::default());
}

/// The lexical facts of a lower-case word (month, weekday, keyword), memoised.
fn word_info(lower: &str, lang: Lang) -> Info {
    let compute = || Info {
        month: month_of(lower, lang),
        weekday: weekday_of(lower, lang),
        kw: keyword(lower, lang),
        num: None,
    };
    WORD_INFO.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return compute();
        };
        let Some(map) = cache.get_mut(lang.index()) else {
            return compute();
        };
        if let Some(info) = map.get(lower) {
            return *info;
        }
        let info = compute();
        if map.len() >= WORD_CACHE_MAX {
            map.clear();
        }
        map.insert(lower.to_string(), info);
        info
    })
}

fn find_in_line(text: &str, toks: &[Tok], lang: Lang, anchor: Option<PartialDate>, out: &mut Vec<DateMention>) {
    if toks.is_empty() {
        return;
    }
    let info = classify(text, toks, lang);
    let p = P {
        text,
        toks,
        info: &info,
        lang,
    };
    let mut i = 0;
    while i < toks.len() {
        let Some((a, b, j, rule)) = p.expr(i) else {
            i += 1;
            continue;
        };
        let j = j.max(i + 1);
        let (Some(first), Some(last)) = (toks.get(i), toks.get(j - 1)) else {
            break;
        };
        if let Some(m) = resolve(Span::new(first.start, last.end), a, b, rule, anchor) {
            out.push(m);
        }
        i = j;
    }
}

fn anchor_day(anchor: Option<PartialDate>) -> Option<NaiveDate> {
    match anchor? {
        PartialDate::Day(y, m, d) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
}

fn to_pd(d: NaiveDate) -> PartialDate {
    PartialDate::Day(d.year(), d.month(), d.day())
}

/// The year for a yearless month/day given the anchor.
fn anchored_year(m: u32, d: Option<u32>, anchor: Option<PartialDate>) -> Option<i32> {
    let anchor = anchor?;
    let y = anchor.year();
    let Some(a) = anchor.first_day() else {
        return Some(y);
    };
    if anchor.month().is_none() {
        return Some(y);
    }
    let cand = NaiveDate::from_ymd_opt(y, m, d.unwrap_or(1)).or_else(|| NaiveDate::from_ymd_opt(y, m, 28))?;
    if cand > a + Duration::days(30) {
        Some(y - 1)
    } else {
        Some(y)
    }
}

fn atom_date(a: &Atom, anchor: Option<PartialDate>) -> Option<PartialDate> {
    if let Some(rel) = a.rel {
        let ad = anchor_day(anchor);
        return match rel {
            Rel::Yesterday => ad.map(|d| to_pd(d - Duration::days(1))),
            Rel::Today => ad.map(to_pd),
            Rel::LastWeek => ad.map(|d| to_pd(d - Duration::days(i64::from(d.weekday().num_days_from_monday()) + 7))),
            Rel::LastMonth => {
                let an = anchor?;
                let (y, m) = (an.year(), an.month()?);
                Some(if m == 1 {
                    PartialDate::YearMonth(y - 1, 12)
                } else {
                    PartialDate::YearMonth(y, m - 1)
                })
            }
            Rel::LastYear => anchor.map(|an| PartialDate::Year(an.year() - 1)),
            Rel::ThisWeek => ad.map(|d| to_pd(d - Duration::days(i64::from(d.weekday().num_days_from_monday())))),
            Rel::ThisMonth => {
                let an = anchor?;
                Some(PartialDate::YearMonth(an.year(), an.month()?))
            }
        };
    }
    if a.m.is_none() && a.y.is_none() {
        let wd = a.wd?;
        let ad = anchor_day(anchor)?;
        let back = (ad.weekday().num_days_from_monday() + 7 - wd) % 7;
        return Some(to_pd(ad - Duration::days(i64::from(back))));
    }
    let y = match a.y {
        Some(y) => y,
        None if a.last_year => anchor?.year() - 1,
        None => anchored_year(a.m?, a.d, anchor)?,
    };
    Some(match (a.m, a.d) {
        (Some(m), Some(d)) => {
            NaiveDate::from_ymd_opt(y, m, d)?;
            PartialDate::Day(y, m, d)
        }
        (Some(m), None) => PartialDate::YearMonth(y, m),
        _ => PartialDate::Year(y),
    })
}

fn resolve(
    span: Span,
    a: Atom,
    b: Option<Atom>,
    rule: &'static str,
    anchor: Option<PartialDate>,
) -> Option<DateMention> {
    let relative = a.rel.is_some() || (a.wd.is_some() && a.m.is_none());
    let month_day = if a.y.is_none() { a.m.map(|m| (m, a.d)) } else { None };
    let weekday = a.wd.filter(|_| a.y.is_none() && a.m.is_some() && a.d.is_some());
    let mut start = atom_date(&a, anchor);
    let mut end = match b {
        Some(b) => atom_date(&b, anchor),
        None => a.rel.and_then(|r| match r {
            Rel::LastWeek => {
                anchor_day(anchor).map(|d| to_pd(d - Duration::days(i64::from(d.weekday().num_days_from_monday()) + 1)))
            }
            // This week so far: up to the day of the report.
            Rel::ThisWeek => anchor_day(anchor)
                .filter(|d| d.weekday().num_days_from_monday() > 0)
                .map(to_pd),
            _ => None,
        }),
    };
    // weekday ranges resolved independently may cross: "Thursday and Friday" said on a Friday
    if let (Some(PartialDate::Day(..)), Some(PartialDate::Day(..))) = (start, end) {
        if let (Some(s), Some(e)) = (start.and_then(|d| d.first_day()), end.and_then(|d| d.first_day())) {
            if s > e {
                if a.wd.is_some() && a.m.is_none() {
                    start = Some(to_pd(s - Duration::days(7)));
                } else {
                    end = None;
                }
            }
        }
    }
    Some(DateMention {
        span,
        start,
        end,
        month_day,
        weekday,
        relative,
        rule,
    })
}

// ---------------------------------------------------------------------------------------
// durations

/// The lower-cased text (`str::to_lowercase`) of every token of a line but numbers, in
/// one buffer: one allocation per line instead of one per word and look.
pub(crate) struct Lowered {
    buf: String,
    spans: Vec<(usize, usize)>,
}

impl Lowered {
    pub(crate) fn new(text: &str, toks: &[Tok]) -> Lowered {
        let mut buf = String::new();
        let mut spans = Vec::with_capacity(toks.len());
        for t in toks {
            let start = buf.len();
            match text.get(t.start..t.end) {
                Some(s) if t.kind != TokKind::Num => {
                    if s.is_ascii() {
                        buf.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                    } else {
                        buf.push_str(&s.to_lowercase());
                    }
                }
                _ => {}
            }
            spans.push((start, buf.len()));
        }
        Lowered { buf, spans }
    }

    /// Token `i` lower-cased; empty for numbers and past the end.
    pub(crate) fn get(&self, i: usize) -> &str {
        self.spans.get(i).and_then(|&(a, b)| self.buf.get(a..b)).unwrap_or("")
    }
}

/// "two-day", "four-day operation", "48-hour", "three days", "tweedaagse", "de deux jours",
/// "zweitägige", "de cuatro días", "week-long": (span, length in days; hours rounded up).
pub fn find_durations(text: &str, lang: Lang) -> Vec<(Span, u32)> {
    find_durations_in(text, &tokenize_lines(text), lang)
}

/// [`find_durations`] over the lines of `text` as [`tokenize_lines`] gives them.
pub(crate) fn find_durations_in(text: &str, lines: &[Vec<Tok>], lang: Lang) -> Vec<(Span, u32)> {
    let mut out = Vec::new();
    for toks in lines {
        let lowered = Lowered::new(text, toks);
        let w = |i: usize| -> &str { lowered.get(i) };
        let mut i = 0;
        while i < toks.len() {
            let Some(t) = toks.get(i) else { break };
            // the quantity: digits or a number word
            let qty: Option<u32> = match t.kind {
                TokKind::Num => text.get(t.start..t.end).and_then(|s| s.parse().ok()),
                TokKind::Word => crate::extract::numbers::word_value(w(i), lang),
                _ => None,
            };
            // compounds in one word: "tweedaagse", "zweitägige", "48-stündige" handled below
            if t.kind == TokKind::Word {
                let word = w(i);
                if let Some(days) = compound_days(word, lang) {
                    out.push((Span::new(t.start, t.end), days));
                    i += 1;
                    continue;
                }
                if matches!(word, "week-long" | "weeklong") {
                    out.push((Span::new(t.start, t.end), 7));
                    i += 1;
                    continue;
                }
            }
            let Some(q) = qty.filter(|q| (1..=1000).contains(q)) else {
                i += 1;
                continue;
            };
            let mut k = i + 1;
            if toks
                .get(k)
                .is_some_and(|t| t.kind == TokKind::Punct('-') && !t.space_before)
            {
                k += 1;
            }
            let unit = w(k);
            let days = match unit {
                "day" | "days" | "dag" | "dagen" | "jour" | "jours" | "tag" | "tage" | "tagen" | "día" | "días"
                | "dia" | "dias" => Some(q),
                "hour" | "hours" | "uur" | "heure" | "heures" | "stunde" | "stunden" | "hora" | "horas" => {
                    Some(q.div_ceil(24))
                }
                "week" | "weeks" | "weken" | "semaine" | "semaines" | "woche" | "wochen" | "semana" | "semanas" => {
                    Some(q * 7)
                }
                u => ["tägig", "tägige", "tägigen", "tägiger", "daags", "daagse"]
                    .contains(&u)
                    .then_some(q)
                    .or_else(|| {
                        ["stündig", "stündige", "stündigen", "stündiger"]
                            .contains(&u)
                            .then_some(q.div_ceil(24))
                    }),
            };
            if let (Some(days), Some(end)) = (days, toks.get(k)) {
                out.push((Span::new(t.start, end.end), days));
                i = k + 1;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// "tweedaagse" → 2, "zweitägige" → 2, "dreitägigen" → 3.
fn compound_days(word: &str, lang: Lang) -> Option<u32> {
    for suf in ["daagse", "daags", "tägige", "tägigen", "tägiger", "tägig", "tägiges"] {
        if let Some(stem) = word.strip_suffix(suf) {
            if stem.is_empty() {
                return None;
            }
            let l = if suf.starts_with('d') { Lang::Nl } else { Lang::De };
            let _ = lang;
            return crate::extract::numbers::word_value(stem, l);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, lang: Lang, anchor: Option<PartialDate>) -> DateMention {
        let v = find_dates(text, lang, anchor);
        assert_eq!(v.len(), 1, "{text}: {v:?}");
        v.into_iter().next().unwrap()
    }
    fn d(y: i32, m: u32, dd: u32) -> Option<PartialDate> {
        Some(PartialDate::Day(y, m, dd))
    }
    fn check(
        text: &str,
        lang: Lang,
        anchor: Option<PartialDate>,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
        surface: &str,
    ) {
        let m = one(text, lang, anchor);
        assert_eq!((m.start, m.end), (start, end), "{text}: {m:?}");
        assert_eq!(m.span.slice(text), surface, "{text}");
    }

    #[test]
    fn full_dates_in_five_languages() {
        check(
            "Police struck on 21 November 2019 in Ghent.",
            Lang::En,
            None,
            d(2019, 11, 21),
            None,
            "21 November 2019",
        );
        check(
            "It began on November 21, 2019, they said.",
            Lang::En,
            None,
            d(2019, 11, 21),
            None,
            "November 21, 2019",
        );
        check(
            "It began on Nov. 21st 2019.",
            Lang::En,
            None,
            d(2019, 11, 21),
            None,
            "Nov. 21st 2019",
        );
        check(
            "Op 21 november 2019 viel de politie binnen.",
            Lang::Nl,
            None,
            d(2019, 11, 21),
            None,
            "21 november 2019",
        );
        check(
            "Le 1er juillet 2020, la police a agi.",
            Lang::Fr,
            None,
            d(2020, 7, 1),
            None,
            "1er juillet 2020",
        );
        check(
            "Die Razzia fand am 3. März 2020 statt.",
            Lang::De,
            None,
            d(2020, 3, 3),
            None,
            "3. März 2020",
        );
        check(
            "La policía actuó el 21 de noviembre de 2019.",
            Lang::Es,
            None,
            d(2019, 11, 21),
            None,
            "21 de noviembre de 2019",
        );
        check(
            "Wednesday 8 November 2017",
            Lang::En,
            None,
            d(2017, 11, 8),
            None,
            "Wednesday 8 November 2017",
        );
        check(
            "mercredi 8 novembre 2017 à Paris",
            Lang::Fr,
            None,
            d(2017, 11, 8),
            None,
            "mercredi 8 novembre 2017",
        );
    }

    #[test]
    fn numeric_dates() {
        check(
            "25/11/2019, BRUSSEL. - Een actie",
            Lang::Nl,
            None,
            d(2019, 11, 25),
            None,
            "25/11/2019",
        );
        check("Stand: 25.11.2019", Lang::De, None, d(2019, 11, 25), None, "25.11.2019");
        check(
            "published 2019-11-21T10:00",
            Lang::En,
            None,
            d(2019, 11, 21),
            None,
            "2019-11-21",
        );
        assert!(find_dates("version 1.2.3 and 10.0.0.1 and 31/02/2019", Lang::En, None).is_empty());
    }

    #[test]
    fn months_and_years() {
        check(
            "The unit was set up in April 2018.",
            Lang::En,
            None,
            Some(PartialDate::YearMonth(2018, 4)),
            None,
            "April 2018",
        );
        check(
            "In augustus 2016 was er een actie.",
            Lang::Nl,
            None,
            Some(PartialDate::YearMonth(2016, 8)),
            None,
            "augustus 2016",
        );
        check(
            "en junio de 2017 hubo otra",
            Lang::Es,
            None,
            Some(PartialDate::YearMonth(2017, 6)),
            None,
            "junio de 2017",
        );
        check(
            "GCHQ acted in early April.",
            Lang::En,
            d(2018, 4, 27),
            Some(PartialDate::YearMonth(2018, 4)),
            None,
            "early April",
        );
        check(
            "begin april kwam de politie",
            Lang::Nl,
            d(2018, 4, 27),
            Some(PartialDate::YearMonth(2018, 4)),
            None,
            "begin april",
        );
        check(
            "début avril, les enquêteurs",
            Lang::Fr,
            d(2018, 4, 27),
            Some(PartialDate::YearMonth(2018, 4)),
            None,
            "début avril",
        );
        check(
            "Anfang April 2018 schlug die Polizei zu",
            Lang::De,
            None,
            Some(PartialDate::YearMonth(2018, 4)),
            None,
            "Anfang April 2018",
        );
        check(
            "a principios de abril de 2018",
            Lang::Es,
            None,
            Some(PartialDate::YearMonth(2018, 4)),
            None,
            "principios de abril de 2018",
        );
        check(
            "a campaign launched in 2015 against",
            Lang::En,
            None,
            Some(PartialDate::Year(2015)),
            None,
            "2015",
        );
        check(
            "seit 2015 ermittelt",
            Lang::De,
            None,
            Some(PartialDate::Year(2015)),
            None,
            "2015",
        );
        // A season before the year: the year, and no count of what follows it.
        for (text, lang) in [
            ("seit dem Frühjahr 2016 mehrere Durchsuchungen", Lang::De),
            ("depuis l'automne 2016 plusieurs perquisitions", Lang::Fr),
            ("since the summer 2016 several searches", Lang::En),
        ] {
            check(text, lang, None, Some(PartialDate::Year(2016)), None, "2016");
        }
        check(
            "Since mid-March the unit",
            Lang::En,
            d(2020, 6, 1),
            Some(PartialDate::YearMonth(2020, 3)),
            None,
            "mid-March",
        );
    }

    #[test]
    fn ranges_with_a_connector_of_several_words() {
        let cases = [
            (
                "Van 20 tot en met 22 maart 2017 voerden teams een actie uit.",
                Lang::Nl,
                "Van 20 tot en met 22 maart 2017",
            ),
            (
                "Entre el 7 y el 9 de agosto de 2019 actuó la policía.",
                Lang::Es,
                "Entre el 7 y el 9 de agosto de 2019",
            ),
            (
                "Entre le 7 et le 9 août 2019, la police est intervenue.",
                Lang::Fr,
                "Entre le 7 et le 9 août 2019",
            ),
            (
                "Vom 7. bis zum 9. August 2019 griffen die Ermittler zu.",
                Lang::De,
                "Vom 7. bis zum 9. August 2019",
            ),
        ];
        for (text, lang, surface) in cases {
            let m = one(text, lang, None);
            assert_eq!(m.span.slice(text), surface, "{text}: {m:?}");
            let (y, mo) = if lang == Lang::Nl { (2017, 3) } else { (2019, 8) };
            let (d1, d2) = if lang == Lang::Nl { (20, 22) } else { (7, 9) };
            assert_eq!((m.start, m.end), (d(y, mo, d1), d(y, mo, d2)), "{text}");
        }
    }

    #[test]
    fn ranges() {
        check(
            "Between November 21 and 24, police acted.",
            Lang::En,
            d(2019, 11, 25),
            d(2019, 11, 21),
            d(2019, 11, 24),
            "Between November 21 and 24",
        );
        check(
            "from 21 to 24 November 2019",
            Lang::En,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "from 21 to 24 November 2019",
        );
        check(
            "on 21-24 November 2019",
            Lang::En,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "21-24 November 2019",
        );
        check(
            "on 21 to 24 Nov. 2019",
            Lang::En,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "21 to 24 Nov. 2019",
        );
        check(
            "On 13 and 14 September 2017, Europol met",
            Lang::En,
            None,
            d(2017, 9, 13),
            d(2017, 9, 14),
            "13 and 14 September 2017",
        );
        check(
            "du 21 au 24 novembre 2019",
            Lang::Fr,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "du 21 au 24 novembre 2019",
        );
        check(
            "vom 21. bis 24. November 2019",
            Lang::De,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "vom 21. bis 24. November 2019",
        );
        check(
            "del 21 al 24 de noviembre de 2019",
            Lang::Es,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "del 21 al 24 de noviembre de 2019",
        );
        check(
            "tussen 21 en 24 november 2019",
            Lang::Nl,
            None,
            d(2019, 11, 21),
            d(2019, 11, 24),
            "tussen 21 en 24 november 2019",
        );
        check(
            "from 28 November to 2 December 2019",
            Lang::En,
            None,
            d(2019, 11, 28),
            d(2019, 12, 2),
            "from 28 November to 2 December 2019",
        );
        check(
            "between 2015 and 2017",
            Lang::En,
            None,
            Some(PartialDate::Year(2015)),
            Some(PartialDate::Year(2017)),
            "between 2015 and 2017",
        );
    }

    #[test]
    fn yearless_dates_use_the_anchor() {
        let m = one("It ran until 24 November.", Lang::En, d(2019, 11, 25));
        assert_eq!((m.start, m.month_day), (d(2019, 11, 24), Some((11, Some(24)))));
        // December mentioned in a January report: the previous year
        let m = one("Arrests on 20 December followed.", Lang::En, d(2020, 1, 10));
        assert_eq!(m.start, d(2019, 12, 20));
        let m = one("Arrests on 20 December followed.", Lang::En, None);
        assert_eq!((m.start, m.month_day), (None, Some((12, Some(20)))));
        let m = one("el 3 de marzo", Lang::Es, None);
        assert_eq!(m.month_day, Some((3, Some(3))));
    }

    /// A yearless month or day followed by "last year" is of the year before the
    /// anchor's, in the five languages.
    #[test]
    fn a_month_of_last_year() {
        let ym = |y, m| Some(PartialDate::YearMonth(y, m));
        for (text, lang) in [
            ("Police hit the network in June last year.", Lang::En),
            ("De politie sloeg in juni vorig jaar toe.", Lang::Nl),
            ("Die Polizei schlug im Juni letzten Jahres zu.", Lang::De),
            ("Die Polizei schlug im Juni des vergangenen Jahres zu.", Lang::De),
            ("La police a frappé en juin de l'année dernière.", Lang::Fr),
            ("La police a frappé en juin l'an dernier.", Lang::Fr),
            ("La policía actuó en junio del año pasado.", Lang::Es),
        ] {
            let m = one(text, lang, d(2021, 6, 8));
            assert_eq!(m.start, ym(2020, 6), "{text}");
        }
        let m = one("Police hit the network on 2 June last year.", Lang::En, d(2021, 6, 8));
        assert_eq!(m.start, d(2020, 6, 2));
        // Without "last year", the anchor's year.
        let m = one("Police hit the network in June.", Lang::En, d(2021, 6, 8));
        assert_eq!(m.start, ym(2021, 6));
    }

    /// The weekday written with a yearless day is kept (it narrows the years); with a
    /// year written, or without a day, there is nothing to narrow.
    #[test]
    fn a_yearless_day_keeps_its_weekday() {
        let m = one("Starting on Friday 15th April, items were referred.", Lang::En, None);
        assert_eq!((m.month_day, m.weekday), (Some((4, Some(15))), Some(4)));
        let m = one("Am Mittwoch, 3. März, wurden Server abgeschaltet.", Lang::De, None);
        assert_eq!((m.month_day, m.weekday), (Some((3, Some(3))), Some(2)));
        let m = one("Starting on Friday 15 April 2016, items were referred.", Lang::En, None);
        assert_eq!((m.start, m.weekday), (d(2016, 4, 15), None));
        let m = one("Arrests on 20 December followed.", Lang::En, None);
        assert_eq!(m.weekday, None);
    }

    #[test]
    fn weekdays_and_deictics() {
        // 2018-04-27 is a Friday
        let a = d(2018, 4, 27);
        let m = one("The operation began on Wednesday.", Lang::En, a);
        assert_eq!((m.start, m.relative), (d(2018, 4, 25), true));
        assert_eq!(one("said on Friday", Lang::En, a).start, d(2018, 4, 27));
        assert_eq!(one("op woensdag", Lang::Nl, a).start, d(2018, 4, 25));
        assert_eq!(one("a annoncé mercredi", Lang::Fr, a).start, d(2018, 4, 25));
        assert_eq!(one("am Mittwoch", Lang::De, a).start, d(2018, 4, 25));
        assert_eq!(one("el miércoles", Lang::Es, a).start, d(2018, 4, 25));
        assert_eq!(one("am Mittwochabend", Lang::De, a).start, d(2018, 4, 25));
        check(
            "took place on Wednesday and Thursday and",
            Lang::En,
            a,
            d(2018, 4, 25),
            d(2018, 4, 26),
            "Wednesday and Thursday",
        );
        check(
            "am Mittwoch und Donnerstag",
            Lang::De,
            a,
            d(2018, 4, 25),
            d(2018, 4, 26),
            "Mittwoch und Donnerstag",
        );
        for (t, l) in [
            ("yesterday", Lang::En),
            ("gisteren", Lang::Nl),
            ("hier", Lang::Fr),
            ("gestern", Lang::De),
            ("ayer", Lang::Es),
            ("la veille", Lang::Fr),
            ("am Vortag", Lang::De),
            // Last night is yesterday's.
            ("last night", Lang::En),
            ("afgelopen nacht", Lang::Nl),
            ("gisteravond", Lang::Nl),
            ("la nuit dernière", Lang::Fr),
            ("vergangene Nacht", Lang::De),
            ("anoche", Lang::Es),
            ("la noche pasada", Lang::Es),
        ] {
            assert_eq!(one(t, l, a).start, d(2018, 4, 26), "{t}");
        }
        // "la veille du sommet" is the eve of something else: no date.
        assert!(find_dates("la veille du sommet", Lang::Fr, a).is_empty());
        for (t, l) in [
            ("today", Lang::En),
            ("vandaag", Lang::Nl),
            ("aujourd'hui", Lang::Fr),
            ("heute", Lang::De),
            ("hoy", Lang::Es),
        ] {
            assert_eq!(one(t, l, a).start, d(2018, 4, 27), "{t}");
        }
        check(
            "arrested last week",
            Lang::En,
            a,
            d(2018, 4, 16),
            d(2018, 4, 22),
            "last week",
        );
        check(
            "la semaine dernière",
            Lang::Fr,
            a,
            d(2018, 4, 16),
            d(2018, 4, 22),
            "semaine dernière",
        );
        check(
            "la semana pasada",
            Lang::Es,
            a,
            d(2018, 4, 16),
            d(2018, 4, 22),
            "semana pasada",
        );
        check(
            "letzten Monat",
            Lang::De,
            a,
            Some(PartialDate::YearMonth(2018, 3)),
            None,
            "letzten Monat",
        );
        // The report's own month and week.
        for (t, l, said) in [
            ("earlier this month", Lang::En, "this month"),
            ("eerder deze maand", Lang::Nl, "deze maand"),
            ("plus tôt ce mois-ci", Lang::Fr, "ce mois-ci"),
            ("Anfang dieses Monats", Lang::De, "dieses Monats"),
            ("a principios de este mes", Lang::Es, "este mes"),
        ] {
            let m = one(t, l, a);
            assert_eq!(
                (m.start, m.end, m.relative),
                (Some(PartialDate::YearMonth(2018, 4)), None, true),
                "{t}"
            );
            assert_eq!(m.span.slice(t), said, "{t}");
        }
        // Friday 27 April 2018: from its Monday to that day.
        check("this week", Lang::En, a, d(2018, 4, 23), d(2018, 4, 27), "this week");
        check(
            "cette semaine",
            Lang::Fr,
            a,
            d(2018, 4, 23),
            d(2018, 4, 27),
            "cette semaine",
        );
        // "this" before anything else is no date.
        assert!(find_dates("this operation", Lang::En, a).is_empty());
        for (t, l) in [
            ("also last year", Lang::En),
            ("vorig jaar", Lang::Nl),
            ("l'année dernière", Lang::Fr),
            ("im vergangenen Jahr", Lang::De),
            ("el año pasado", Lang::Es),
        ] {
            let m = one(t, l, a);
            assert_eq!((m.start, m.relative), (Some(PartialDate::Year(2017)), true), "{t}");
        }
        let m = one("on Wednesday", Lang::En, None);
        assert_eq!((m.start, m.relative), (None, true));
        // "hier" is "here" in Dutch and German
        assert!(find_dates("hier wurde", Lang::De, a).is_empty());
    }

    #[test]
    fn false_dates_are_avoided() {
        for t in [
            "Police may arrest more suspects.",
            "Protesters march through the city.",
            "The august institution said so.",
            "They seized 1,029 items and 350 000 commodities.",
            "Each evening at 1830 UTC and at 18:30.",
            "In the Netherlands 12 suspects were held.",
            "two years ago",
        ] {
            assert!(
                find_dates(t, Lang::En, d(2019, 1, 1)).is_empty(),
                "{t}: {:?}",
                find_dates(t, Lang::En, None)
            );
        }
        assert!(find_dates("el mar estaba en calma", Lang::Es, None).is_empty());
        assert!(find_dates("a total of 1953 items were flagged", Lang::En, None).is_empty());
        // Coins are counted too: "près de 2000 bitcoins" is no year.
        assert!(find_dates("la police a saisi près de 2000 bitcoins", Lang::Fr, None).is_empty());
        // but "in May" and "May 2018" are dates
        assert_eq!(
            one("arrested in May", Lang::En, d(2019, 6, 1)).start,
            Some(PartialDate::YearMonth(2019, 5))
        );
        assert_eq!(
            one("May 2018", Lang::En, None).start,
            Some(PartialDate::YearMonth(2018, 5))
        );
    }

    #[test]
    fn spans_are_ordered_and_disjoint() {
        let t = "On 13 and 14 September 2017 and again on Wednesday, 3 October 2018, and in 2019.";
        let v = find_dates(t, Lang::En, None);
        assert_eq!(v.len(), 3, "{v:?}");
        for w in v.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
        assert_eq!(v[1].span.slice(t), "Wednesday, 3 October 2018");
        assert_eq!(v[2].start, Some(PartialDate::Year(2019)));
    }

    #[test]
    fn durations() {
        let f = |t: &str, l| {
            find_durations(t, l)
                .into_iter()
                .map(|(s, d)| (s.slice(t).to_string(), d))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            f("A four-day operation and a 48-hour sprint", Lang::En),
            vec![("four-day".into(), 4), ("48-hour".into(), 2)]
        );
        assert_eq!(f("over three days", Lang::En), vec![("three days".into(), 3)]);
        assert_eq!(f("een tweedaagse actie", Lang::Nl), vec![("tweedaagse".into(), 2)]);
        assert_eq!(
            f("une opération de deux jours", Lang::Fr),
            vec![("deux jours".into(), 2)]
        );
        assert_eq!(f("einer zweitägigen Aktion", Lang::De), vec![("zweitägigen".into(), 2)]);
        assert_eq!(
            f("una operación de cuatro días", Lang::Es),
            vec![("cuatro días".into(), 4)]
        );
        assert_eq!(f("a 36-hour campaign", Lang::En), vec![("36-hour".into(), 2)]);
    }
}

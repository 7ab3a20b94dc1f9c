//! Number and count grammar: "more than 26,000 items", "1,5 millones de euros",
//! "nine online service providers", "€23 million", "rund 17 Server".
//!
//! Numbers are read with the conventions of the report's language (English `26,000` and
//! `1.5`; Dutch/French/German/Spanish `26.000` and `1,5`; a space groups thousands in
//! every language), spelled numbers up to the tens (and a dozen) are understood in all
//! five languages, a qualifier before the number becomes a [`Qualifier`], and the head
//! noun after it becomes the unit, mapped to a singular English lemma when known.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::extract::dates::{is_month_name, tokenize_lines, Tok, TokKind};
use crate::model::{Lang, Qualifier, Span};

/// A number the text gives, with what it counts.
#[derive(Debug, Clone, PartialEq)]
pub struct CountMention {
    /// The value expression: qualifier, number and multiplier ("more than 26,000",
    /// "1,5 millones", "€23 million").
    pub span: Span,
    /// The number (103.5 stays 103.5; "2 millions" is 2 000 000).
    pub value: f64,
    pub qualifier: Qualifier,
    /// Singular lower-case English lemma when known (`item`, `arrest`, `euro`), else the
    /// head noun as written, lower-cased; `None` when no noun follows.
    pub unit: Option<String>,
    /// Where the unit phrase is.
    pub unit_span: Option<Span>,
    /// Which pattern produced it (`count:digits`, `count:word`, `count:currency`).
    pub rule: &'static str,
}

// ---------------------------------------------------------------------------------------
// spelled numbers

const WORDS_EN: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("hundred", 100),
    ("dozen", 12),
];
const WORDS_NL: &[(&str, u32)] = &[
    ("een", 1),
    ("één", 1),
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("zes", 6),
    ("zeven", 7),
    ("acht", 8),
    ("negen", 9),
    ("tien", 10),
    ("elf", 11),
    ("twaalf", 12),
    ("dertien", 13),
    ("veertien", 14),
    ("vijftien", 15),
    ("zestien", 16),
    ("zeventien", 17),
    ("achttien", 18),
    ("negentien", 19),
    ("twintig", 20),
    ("dertig", 30),
    ("veertig", 40),
    ("vijftig", 50),
    ("zestig", 60),
    ("zeventig", 70),
    ("tachtig", 80),
    ("negentig", 90),
    ("honderd", 100),
    ("dozijn", 12),
];
const WORDS_FR: &[(&str, u32)] = &[
    ("un", 1),
    ("une", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("six", 6),
    ("sept", 7),
    ("huit", 8),
    ("neuf", 9),
    ("dix", 10),
    ("onze", 11),
    ("douze", 12),
    ("treize", 13),
    ("quatorze", 14),
    ("quinze", 15),
    ("seize", 16),
    ("vingt", 20),
    ("trente", 30),
    ("quarante", 40),
    ("cinquante", 50),
    ("soixante", 60),
    ("cent", 100),
    ("douzaine", 12),
    ("dizaine", 10),
];
const WORDS_DE: &[(&str, u32)] = &[
    ("ein", 1),
    ("eine", 1),
    ("eins", 1),
    ("zwei", 2),
    ("drei", 3),
    ("vier", 4),
    ("fünf", 5),
    ("sechs", 6),
    ("sieben", 7),
    ("acht", 8),
    ("neun", 9),
    ("zehn", 10),
    ("elf", 11),
    ("zwölf", 12),
    ("dreizehn", 13),
    ("vierzehn", 14),
    ("fünfzehn", 15),
    ("sechzehn", 16),
    ("siebzehn", 17),
    ("achtzehn", 18),
    ("neunzehn", 19),
    ("zwanzig", 20),
    ("dreißig", 30),
    ("vierzig", 40),
    ("fünfzig", 50),
    ("sechzig", 60),
    ("siebzig", 70),
    ("achtzig", 80),
    ("neunzig", 90),
    ("hundert", 100),
    ("dutzend", 12),
];
const WORDS_ES: &[(&str, u32)] = &[
    ("uno", 1),
    ("una", 1),
    ("un", 1),
    ("dos", 2),
    ("tres", 3),
    ("cuatro", 4),
    ("cinco", 5),
    ("seis", 6),
    ("siete", 7),
    ("ocho", 8),
    ("nueve", 9),
    ("diez", 10),
    ("once", 11),
    ("doce", 12),
    ("trece", 13),
    ("catorce", 14),
    ("quince", 15),
    ("dieciséis", 16),
    ("diecisiete", 17),
    ("dieciocho", 18),
    ("diecinueve", 19),
    ("veinte", 20),
    ("treinta", 30),
    ("cuarenta", 40),
    ("cincuenta", 50),
    ("sesenta", 60),
    ("setenta", 70),
    ("ochenta", 80),
    ("noventa", 90),
    ("cien", 100),
    ("ciento", 100),
    ("docena", 12),
    ("veintiuno", 21),
    ("veintidós", 22),
    ("veintitrés", 23),
    ("veinticuatro", 24),
    ("veinticinco", 25),
    ("veintiséis", 26),
    ("veintisiete", 27),
    ("veintiocho", 28),
    ("veintinueve", 29),
];

fn table(lang: Lang) -> &'static [(&'static str, u32)] {
    match lang {
        Lang::En | Lang::Other => WORDS_EN,
        Lang::Nl => WORDS_NL,
        Lang::Fr => WORDS_FR,
        Lang::De => WORDS_DE,
        Lang::Es => WORDS_ES,
    }
}

/// The value of a number word of `lang`'s table. The tables are hashed once (the first
/// entry of a word wins, as in a scan): durations and counts ask about every word.
fn simple_word(w: &str, lang: Lang) -> Option<u32> {
    static MAPS: OnceLock<[FxHashMap<&'static str, u32>; 6]> = OnceLock::new();
    let maps = MAPS.get_or_init(|| {
        [Lang::En, Lang::Nl, Lang::Fr, Lang::De, Lang::Es, Lang::Other].map(|l| {
            let mut map = FxHashMap::default();
            for &(word, v) in table(l) {
                map.entry(word).or_insert(v);
            }
            map
        })
    });
    maps.get(lang.index())?.get(w).copied()
}

/// The value of a spelled number in `lang` (lower-case): "nine", "twenty-five",
/// "vijfentwintig", "vingt-cinq", "quatre-vingts", "fünfundzwanzig", "veinticinco".
pub(crate) fn word_value(w: &str, lang: Lang) -> Option<u32> {
    if w.is_empty() || w.len() > 40 {
        return None;
    }
    if let Some(v) = simple_word(w, lang) {
        return Some(v);
    }
    match lang {
        Lang::En | Lang::Other | Lang::Fr => {
            // Without a hyphen only "80" gets through the loop below (any other single
            // part was looked up above): skip the copies, this runs on every word.
            if !w.contains('-') {
                return (w == "80").then_some(80);
            }
            let w = w.replace("quatre-vingts", "80").replace("quatre-vingt", "80");
            let mut sum = 0;
            let mut parts = 0;
            for p in w.split('-') {
                if p == "et" {
                    continue;
                }
                let v = if p == "80" { 80 } else { simple_word(p, lang)? };
                sum += v;
                parts += 1;
            }
            (parts > 1 || sum == 80).then_some(sum)
        }
        Lang::Nl | Lang::De => {
            let sep = if lang == Lang::Nl { "en" } else { "und" };
            // units + "en"/"und" + tens: "vijfentwintig", "fünfundzwanzig"
            for (tens, tv) in table(lang).iter().filter(|(_, v)| (20..=90).contains(v)) {
                if let Some(stem) = w.strip_suffix(tens).and_then(|s| s.strip_suffix(sep)) {
                    let stem = stem.strip_suffix('ë').map_or(stem.to_string(), |s| format!("{s}e"));
                    let u = simple_word(&stem, lang).or(if stem == "ein" { Some(1) } else { None })?;
                    return (u < 10).then_some(u + tv);
                }
            }
            None
        }
        Lang::Es => None,
    }
}

// ---------------------------------------------------------------------------------------
// digits

/// Parses a number as written in `lang`: digits with thousands separators and a decimal
/// mark ("26,000", "26.000", "26 000", "1.5", "1,5", "103.5"), optionally followed by a
/// multiplier word ("1.5 million", "2 millions", "23 Millionen", "$2m" without the `$`),
/// or a spelled number ("nine", "twaalf", "a dozen").
pub fn parse_number(s: &str, lang: Lang) -> Option<f64> {
    let s = s.trim();
    let lower = s.to_lowercase();
    let lower = lower.strip_prefix("a ").unwrap_or(&lower).trim();
    if let Some(v) = word_value(lower, lang) {
        return Some(f64::from(v));
    }
    // split off a multiplier
    let (num, mult) = match lower.rsplit_once(' ') {
        Some((n, m)) if multiplier(m, lang).is_some() => (n.trim(), multiplier(m, lang).unwrap_or(1.0)),
        _ => {
            let end = lower.trim_end_matches(|c: char| c.is_alphabetic());
            let suffix = lower.get(end.len()..).unwrap_or("");
            match multiplier_suffix(suffix) {
                Some(m) if !suffix.is_empty() => (end.trim(), m),
                _ => (lower, 1.0),
            }
        }
    };
    if let Some(v) = word_value(num, lang) {
        return Some(f64::from(v) * mult);
    }
    digits_value(num, lang).map(|v| v * mult)
}

/// Units of measure and of money, which take fractions ("1,5 kilo", "2.5 million
/// euros"); every other unit counts things one by one.
fn is_measure(unit: &str) -> bool {
    matches!(
        unit,
        "kilo" | "tonne" | "percent" | "dollar" | "euro" | "pound" | "bitcoin"
    ) || unit.starts_with("year")
}

/// One to three digits, one separator, three digits: "1,200", "1.200".
fn thousands_shape(literal: &str) -> bool {
    let b = literal.as_bytes();
    let Some(sep) = b.iter().position(|c| matches!(c, b',' | b'.')) else {
        return false;
    };
    (1..=3).contains(&sep) && b.len() == sep + 4 && b.iter().enumerate().all(|(i, c)| i == sep || c.is_ascii_digit())
}

/// "26,000" / "26.000" / "26 000" / "1,5" / "1.5".
fn digits_value(s: &str, lang: Lang) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) || s.len() > 40 {
        return None;
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\''))
    {
        return None;
    }
    let seps: Vec<(usize, char)> = s.char_indices().filter(|(_, c)| !c.is_ascii_digit()).collect();
    let english = matches!(lang, Lang::En | Lang::Other);
    let mut decimal: Option<usize> = None;
    if let Some(&(last_i, last_c)) = seps.last() {
        let after = s.get(last_i + last_c.len_utf8()..).unwrap_or("");
        let same_count = seps.iter().filter(|(_, c)| *c == last_c).count();
        let mixed = seps.iter().any(|(_, c)| *c != last_c);
        if matches!(last_c, ',' | '.') {
            if mixed || (same_count == 1 && after.len() != 3) {
                decimal = Some(last_i);
            } else if same_count == 1 {
                // "26,000" vs "1,029" vs "3,300": language decides
                let is_dec = if english { last_c == '.' } else { last_c == ',' };
                if is_dec {
                    decimal = Some(last_i);
                }
            }
        }
    }
    let mut clean = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_ascii_digit() {
            clean.push(c);
        } else if Some(i) == decimal {
            clean.push('.');
        } else {
            // a group separator must be followed by exactly three digits
            let rest = s.get(i + c.len_utf8()..).unwrap_or("");
            let grp = rest.chars().take_while(char::is_ascii_digit).count();
            if grp != 3 {
                return None;
            }
        }
    }
    clean.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn multiplier(w: &str, lang: Lang) -> Option<f64> {
    let w = w.trim_end_matches('.');
    Some(match w {
        // "two dozen", "deux douzaines", "zwei Dutzend", "dos docenas"
        "dozen" | "dozijn" | "douzaine" | "douzaines" | "dutzend" | "docena" | "docenas" => 12.0,
        "thousand" | "duizend" | "mille" | "tausend" | "mil" => 1e3,
        "million" | "millions" | "mio" | "mln" | "miljoen" | "miljoenen" | "millón" | "millon" | "millones"
        | "millionen" => 1e6,
        "billion" | "billions" | "bn" | "miljard" | "miljarden" | "milliard" | "milliards" | "milliarde"
        | "milliarden" | "mrd" => 1e9,
        "m" if lang == Lang::En => 1e6,
        _ => return None,
    })
}

fn multiplier_suffix(s: &str) -> Option<f64> {
    match s {
        "" => Some(1.0),
        "m" | "mn" | "mln" => Some(1e6),
        "bn" | "b" => Some(1e9),
        "k" => Some(1e3),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// qualifiers and units

/// Phrases before a number, longest first within each qualifier (lower case).
const QUALIFIERS: &[(&str, Qualifier)] = &[
    ("some more than", Qualifier::MoreThan),
    ("well over", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("in excess of", Qualifier::MoreThan),
    ("at least", Qualifier::MoreThan),
    ("upwards of", Qualifier::MoreThan),
    ("no fewer than", Qualifier::MoreThan),
    ("no less than", Qualifier::MoreThan),
    ("over", Qualifier::MoreThan),
    ("meer dan", Qualifier::MoreThan),
    ("ruim", Qualifier::MoreThan),
    ("minstens", Qualifier::MoreThan),
    ("ten minste", Qualifier::MoreThan),
    ("tenminste", Qualifier::MoreThan),
    ("minimaal", Qualifier::MoreThan),
    ("plus de", Qualifier::MoreThan),
    ("plus d'", Qualifier::MoreThan),
    ("au moins", Qualifier::MoreThan),
    ("mehr als", Qualifier::MoreThan),
    ("über", Qualifier::MoreThan),
    ("mindestens", Qualifier::MoreThan),
    ("gut", Qualifier::MoreThan),
    ("más de", Qualifier::MoreThan),
    ("al menos", Qualifier::MoreThan),
    ("por lo menos", Qualifier::MoreThan),
    ("mas de", Qualifier::MoreThan),
    ("less than", Qualifier::LessThan),
    ("fewer than", Qualifier::LessThan),
    ("up to", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("minder dan", Qualifier::LessThan),
    ("maximaal", Qualifier::LessThan),
    ("hooguit", Qualifier::LessThan),
    ("tot wel", Qualifier::LessThan),
    ("moins de", Qualifier::LessThan),
    ("jusqu'à", Qualifier::LessThan),
    ("weniger als", Qualifier::LessThan),
    ("bis zu", Qualifier::LessThan),
    ("höchstens", Qualifier::LessThan),
    ("menos de", Qualifier::LessThan),
    ("hasta", Qualifier::LessThan),
    ("an estimated", Qualifier::About),
    ("nearly", Qualifier::About),
    ("almost", Qualifier::About),
    ("about", Qualifier::About),
    ("around", Qualifier::About),
    ("approximately", Qualifier::About),
    ("roughly", Qualifier::About),
    ("close to", Qualifier::About),
    ("some", Qualifier::About),
    ("estimated", Qualifier::About),
    ("circa", Qualifier::About),
    ("ca.", Qualifier::About),
    ("bijna", Qualifier::About),
    ("ongeveer", Qualifier::About),
    ("zo'n", Qualifier::About),
    ("zo’n", Qualifier::About),
    ("rond de", Qualifier::About),
    ("rond", Qualifier::About),
    ("een kleine", Qualifier::About),
    ("près de", Qualifier::About),
    ("environ", Qualifier::About),
    ("quelque", Qualifier::About),
    ("quelques", Qualifier::About),
    ("rund", Qualifier::About),
    ("etwa", Qualifier::About),
    ("fast", Qualifier::About),
    ("knapp", Qualifier::About),
    ("ungefähr", Qualifier::About),
    ("zirka", Qualifier::About),
    ("casi", Qualifier::About),
    ("alrededor de", Qualifier::About),
    ("unos", Qualifier::About),
    ("unas", Qualifier::About),
    ("cerca de", Qualifier::About),
    ("aproximadamente", Qualifier::About),
    ("en torno a", Qualifier::About),
];

/// Known unit phrases → lemma. Multi-word phrases first.
const UNITS: &[(&str, &str)] = &[
    ("online service providers", "online service provider"),
    ("online service provider", "online service provider"),
    ("service providers", "online service provider"),
    ("online-dienstenaanbieders", "online service provider"),
    ("dienstenaanbieders", "online service provider"),
    ("member states", "member state"),
    ("member state", "member state"),
    ("lidstaten", "member state"),
    ("états membres", "member state"),
    ("etats membres", "member state"),
    ("mitgliedstaaten", "member state"),
    ("estados miembros", "member state"),
    ("pieces of content", "item"),
    ("piece of content", "item"),
    ("content articles", "item"),
    ("content items", "item"),
    ("house searches", "search"),
    ("house search", "search"),
    ("search warrants", "search"),
    ("years in prison", "year of imprisonment"),
    ("years of imprisonment", "year of imprisonment"),
    ("social media accounts", "account"),
    ("media content", "item"),
    // single words
    ("items", "item"),
    ("item", "item"),
    ("pieces", "item"),
    ("topics", "item"),
    ("posts", "item"),
    ("contents", "item"),
    ("inhalte", "item"),
    ("contenus", "item"),
    ("contenidos", "item"),
    ("elementen", "item"),
    ("éléments", "item"),
    ("elementos", "item"),
    ("artículos", "item"),
    ("beiträge", "item"),
    ("publicaciones", "item"),
    ("publications", "item"),
    ("arrests", "arrest"),
    ("arrest", "arrest"),
    ("arrested", "arrest"),
    ("detenidos", "arrest"),
    ("detenidas", "arrest"),
    ("aprehendidos", "arrest"),
    ("aprehendidas", "arrest"),
    ("detenciones", "arrest"),
    ("detención", "arrest"),
    ("festnahmen", "arrest"),
    ("festnahme", "arrest"),
    ("verhaftungen", "arrest"),
    ("arrestations", "arrest"),
    ("interpellations", "arrest"),
    ("interpellés", "arrest"),
    ("aanhoudingen", "arrest"),
    ("arrestaties", "arrest"),
    ("arrestanten", "arrest"),
    ("aangehouden", "arrest"),
    ("festgenommen", "arrest"),
    ("searches", "search"),
    ("search", "search"),
    ("perquisitions", "search"),
    ("registros", "search"),
    ("durchsuchungen", "search"),
    ("huiszoekingen", "search"),
    ("huiszoeking", "search"),
    ("doorzoekingen", "search"),
    ("doorzoeking", "search"),
    ("perquisition", "search"),
    ("durchsuchung", "search"),
    ("servers", "server"),
    ("server", "server"),
    ("serveurs", "server"),
    ("servidores", "server"),
    ("countries", "country"),
    ("country", "country"),
    ("landen", "country"),
    ("land", "country"),
    ("pays", "country"),
    ("länder", "country"),
    ("ländern", "country"),
    ("staaten", "country"),
    ("países", "country"),
    ("paises", "country"),
    ("users", "user"),
    ("user", "user"),
    ("gebruikers", "user"),
    ("utilisateurs", "user"),
    ("nutzer", "user"),
    ("nutzern", "user"),
    ("benutzer", "user"),
    ("usuarios", "user"),
    ("accounts", "account"),
    ("account", "account"),
    ("comptes", "account"),
    ("konten", "account"),
    ("cuentas", "account"),
    ("members", "member"),
    ("member", "member"),
    ("leden", "member"),
    ("membres", "member"),
    ("membre", "member"),
    ("mitglieder", "member"),
    ("mitgliedern", "member"),
    ("miembros", "member"),
    ("miembro", "member"),
    ("suspects", "suspect"),
    ("suspect", "suspect"),
    ("verdachten", "suspect"),
    ("verdachte", "suspect"),
    ("suspects.", "suspect"),
    ("verdächtige", "suspect"),
    ("tatverdächtige", "suspect"),
    ("sospechosos", "suspect"),
    ("people", "person"),
    ("persons", "person"),
    ("person", "person"),
    ("individuals", "person"),
    ("personen", "person"),
    ("mensen", "person"),
    ("personnes", "person"),
    ("menschen", "person"),
    ("personas", "person"),
    // "seven men", "zwei Frauen", "cinq hommes": people, as counts of arrests tell them
    ("men", "person"),
    ("women", "person"),
    ("mannen", "person"),
    ("vrouwen", "person"),
    ("hommes", "person"),
    ("femmes", "person"),
    ("individus", "person"),
    ("männer", "person"),
    ("frauen", "person"),
    ("hombres", "person"),
    ("mujeres", "person"),
    ("individuos", "person"),
    ("officers", "officer"),
    ("officer", "officer"),
    ("agents", "officer"),
    ("policiers", "officer"),
    ("gendarmes", "officer"),
    ("agentes", "officer"),
    ("beamte", "officer"),
    ("beamten", "officer"),
    ("polizisten", "officer"),
    ("agenten", "officer"),
    ("politieagenten", "officer"),
    ("investigators", "investigator"),
    ("rechercheurs", "investigator"),
    ("enquêteurs", "investigator"),
    ("ermittler", "investigator"),
    ("investigadores", "investigator"),
    ("officiers", "officer"),
    ("wetshandhavers", "officer"),
    ("einsatzkräfte", "officer"),
    ("criminelen", "person"),
    ("criminals", "person"),
    ("criminels", "person"),
    ("kriminelle", "person"),
    ("delincuentes", "person"),
    ("domains", "domain"),
    ("domain", "domain"),
    ("domeinen", "domain"),
    ("domaines", "domain"),
    ("domains.", "domain"),
    ("dominios", "domain"),
    ("websites", "website"),
    ("website", "website"),
    ("sites", "website"),
    ("webseiten", "website"),
    ("internetseiten", "website"),
    ("sitios", "website"),
    ("languages", "language"),
    ("talen", "language"),
    ("langues", "language"),
    ("sprachen", "language"),
    ("idiomas", "language"),
    ("euros", "euro"),
    ("euro", "euro"),
    ("eur", "euro"),
    ("€", "euro"),
    ("dollars", "dollar"),
    ("dollar", "dollar"),
    ("dólares", "dollar"),
    ("usd", "dollar"),
    ("$", "dollar"),
    ("pounds", "pound"),
    ("£", "pound"),
    ("bitcoins", "bitcoin"),
    ("bitcoin", "bitcoin"),
    ("bitcoines", "bitcoin"),
    ("btc", "bitcoin"),
    ("tonnes", "tonne"),
    ("tonne", "tonne"),
    ("tons", "tonne"),
    ("ton", "tonne"),
    ("toneladas", "tonne"),
    ("tonelada", "tonne"),
    ("tonnen", "tonne"),
    ("kilos", "kilo"),
    ("kilo", "kilo"),
    ("kilo's", "kilo"),
    ("kilograms", "kilo"),
    ("kilogram", "kilo"),
    ("kilogrammes", "kilo"),
    ("kilogramme", "kilo"),
    ("kilogramm", "kilo"),
    ("kilogramos", "kilo"),
    ("kilogramo", "kilo"),
    ("kg", "kilo"),
    ("years", "year"),
    ("year", "year"),
    ("jaar", "year"),
    ("ans", "year"),
    ("jahre", "year"),
    ("jahren", "year"),
    ("años", "year"),
    ("percent", "percent"),
    ("per cent", "percent"),
    ("procent", "percent"),
    ("prozent", "percent"),
    ("%", "percent"),
    ("videos", "video"),
    ("video's", "video"),
    ("vidéos", "video"),
    ("vídeos", "video"),
    ("messages", "message"),
    ("berichten", "message"),
    ("nachrichten", "message"),
    ("mensajes", "message"),
    ("devices", "device"),
    ("phones", "phone"),
    ("smartphones", "phone"),
    ("telefoons", "phone"),
    ("téléphones", "phone"),
    ("teléfonos", "phone"),
    ("telefone", "phone"),
    ("handys", "phone"),
    ("mobiltelefone", "phone"),
    ("files", "file"),
    ("bestanden", "file"),
    ("fichiers", "file"),
    ("dateien", "file"),
    ("archivos", "file"),
    ("vendors", "vendor"),
    ("channels", "channel"),
    ("kanäle", "channel"),
    ("kanalen", "channel"),
    ("canales", "channel"),
    ("operations", "operation"),
    ("operation", "operation"),
    ("raids", "raid"),
    ("vehicles", "vehicle"),
    ("voertuigen", "vehicle"),
    ("wagens", "vehicle"),
    ("véhicules", "vehicle"),
    ("fahrzeuge", "vehicle"),
    ("vehículos", "vehicle"),
    ("cars", "vehicle"),
    ("victims", "victim"),
    ("slachtoffers", "victim"),
    ("victimes", "victim"),
    ("opfer", "victim"),
    ("víctimas", "victim"),
    ("weapons", "weapon"),
    ("firearms", "firearm"),
    ("wapens", "weapon"),
    ("armes", "weapon"),
    ("waffen", "weapon"),
    ("armas", "weapon"),
    ("agencies", "agency"),
    ("organisations", "organisation"),
    ("packages", "package"),
    ("parcels", "package"),
    ("pakketten", "package"),
    ("pakketjes", "package"),
    ("colis", "package"),
    ("paquets", "package"),
    ("pakete", "package"),
    ("päckchen", "package"),
    ("paquetes", "package"),
    ("links", "link"),
    ("liens", "link"),
    ("enlaces", "link"),
];

/// French and Spanish words that may stand before the noun a figure counts.
const QUALIFIERS_BEFORE: &[&str] = &[
    "présumés",
    "présumées",
    "présumé",
    "présumée",
    "nouveaux",
    "nouvelles",
    "autres",
    "presuntos",
    "presuntas",
    "supuestos",
    "supuestas",
    "nuevos",
    "nuevas",
    "otros",
    "otras",
];

/// The words of a ratio ("ten times smaller", "diez veces menor"): no count follows.
const TIMES: &[&str] = &["times", "fold", "keer", "maal", "fois", "mal", "veces"];

/// "and", "or" in English and Dutch: modifiers coordinated before a shared noun.
const CONJUNCTIONS: &[&str] = &["and", "or", "en"];

/// Words that end the search for a unit.
const STOP: &[&str] = &[
    // "four each in Italy and the Netherlands": a share, its unit told before
    "each", "apiece", "chacun", "chacune", "jeweils", "elk", "cada", "of", "and", "or", "in", "on", "at", "to", "for",
    "from", "by", "with", "the", "a", "an", "were", "was", "are", "is", "have", "had", "has", "been", "who", "which",
    "that", "de", "del", "des", "du", "la", "le", "les", "et", "en", "y", "o", "van", "het", "een", "op", "met",
    "voor", "door", "und", "der", "die", "das", "im", "am", "mit", "von", "bei", "für", "aus", "zu", "el", "los",
    "las", "con", "por", "para", "que", "qui", "à", "au", "aux", "par", "pour", "sur", "dans", "per", "als", "than",
    "as", "zijn", "werden", "wurden", "sind", "ont", "sont", "han", "fueron", "d'", "l'", "it", "they", "he", "she",
    "we", "this", "these", "those",
];

/// Words before a number that make it a label, not a count.
const LABEL_BEFORE: &[&str] = &[
    "number",
    "no",
    "nr",
    "nº",
    "n°",
    "núm",
    "num",
    "art",
    "article",
    "artikel",
    "articles",
    "section",
    "paragraph",
    "chapter",
    "page",
    "p",
    "pp",
    "version",
    "v",
    "level",
    "phase",
    "flight",
    "room",
    "case",
    "code",
    "line",
    "route",
    "lot",
    "tel",
    "phone",
    "telefoon",
    "téléphone",
    "telefon",
    "teléfono",
    "fax",
    "aged",
    "age",
    "âgé",
    "âgée",
    "âgés",
    "alter",
    "leeftijd",
    "edad",
    "hoofdstuk",
    "kapitel",
    "capítulo",
    "apartado",
    "alinéa",
    "§",
    "at",
    "om",
    "à",
    "um",
    "a",
    "las",
    "los",
    "top",
    "tier",
    "grade",
    "stage",
    "season",
    "episode",
    "nummer",
    "numéro",
];

/// Is `u` one of the known unit lemmas?
fn is_lemma(u: &str) -> bool {
    UNITS.iter().any(|(_, l)| *l == u)
}

/// Is `w` (lower case) a noun that is counted ("items", "arrests", "personas")? Used by
/// the date grammar to tell "1953 items" from "in 1953".
pub(crate) fn is_count_noun(w: &str) -> bool {
    UNITS.iter().any(|(p, _)| *p == w)
}

fn lemma_at(words: &[String], lang: Lang) -> Option<(usize, String)> {
    if let Some(found) = measure_of_substance(words) {
        return Some(found);
    }
    // multi-word phrase starting at words[0]
    for n in (1..=3).rev() {
        if words.len() < n {
            continue;
        }
        let phrase = words.get(..n).map(|w| w.join(" ")).unwrap_or_default();
        if let Some((_, l)) = UNITS.iter().find(|(p, _)| *p == phrase) {
            let _ = lang;
            return Some((n, (*l).to_string()));
        }
    }
    None
}

/// Drugs, as seizures name them in the five languages.
const SUBSTANCES: &[(&str, &str)] = &[
    ("cocaine", "cocaine"),
    ("cocaïne", "cocaine"),
    ("cocaína", "cocaine"),
    ("kokain", "cocaine"),
    ("heroin", "heroin"),
    ("héroïne", "heroin"),
    ("heroïne", "heroin"),
    ("heroína", "heroin"),
    ("cannabis", "cannabis"),
    ("cánnabis", "cannabis"),
    ("hashish", "hashish"),
    ("hasj", "hashish"),
    ("haschisch", "hashish"),
    ("haschich", "hashish"),
    ("hachís", "hashish"),
    ("marijuana", "marijuana"),
    ("marihuana", "marijuana"),
    ("methamphetamine", "methamphetamine"),
    ("méthamphétamine", "methamphetamine"),
    ("metamfetamine", "methamphetamine"),
    ("methamfetamine", "methamphetamine"),
    ("methamphetamin", "methamphetamine"),
    ("metanfetamina", "methamphetamine"),
    ("amphetamine", "amphetamine"),
    ("amphétamine", "amphetamine"),
    ("amfetamine", "amphetamine"),
    ("amphetamin", "amphetamine"),
    ("anfetamina", "amphetamine"),
    ("mdma", "mdma"),
    ("fentanyl", "fentanyl"),
];

/// "163.4 tonnes of cannabis", "1,5 tonne d'héroïne", "2 Tonnen Kokain", "300 kilo
/// cocaïne": a measure and the drug it weighs, as one unit ("tonne of cannabis").
fn measure_of_substance(words: &[String]) -> Option<(usize, String)> {
    let first = words.first()?;
    let (_, measure) = UNITS
        .iter()
        .find(|(w, lemma)| w == first && matches!(*lemma, "tonne" | "kilo"))?;
    // "of", "de", "van", "aan" may stand between ("d'" is stripped already).
    let connector = words
        .get(1)
        .is_some_and(|w| matches!(w.as_str(), "of" | "de" | "van" | "aan"));
    let at = if connector { 2 } else { 1 };
    let word = words.get(at)?;
    let (_, substance) = SUBSTANCES.iter().find(|(w, _)| w == word)?;
    Some((at + 1, format!("{measure} of {substance}")))
}

// ---------------------------------------------------------------------------------------
// finding counts

/// Find the counts in `text`, skipping numbers inside any span of `exclude` (date spans).
/// Not counts: years (a 4-digit 1900–2100 number without a known unit), times
/// ("18:30", "1830 UTC"), ordinals ("3rd", "11e", German "3."), labels ("number 3",
/// "Article 5", "Nr. 5"), phone numbers, ages ("aged 23", "23-year-old"), numbers glued
/// to letters ("G7", "COVID-19"), numbers next to a month name (dates), "1990s".
/// Percentages are kept with unit `percent`.
pub fn find_counts(text: &str, lang: Lang, exclude: &[Span]) -> Vec<CountMention> {
    find_counts_in(text, &tokenize_lines(text), lang, exclude)
}

/// [`find_counts`] over the lines of `text` as [`tokenize_lines`] gives them.
pub(crate) fn find_counts_in(text: &str, lines: &[Vec<Tok>], lang: Lang, exclude: &[Span]) -> Vec<CountMention> {
    let mut out = Vec::new();
    let exclude = Excluder::new(exclude);
    for toks in lines {
        let from = out.len();
        count_line(text, toks, lang, &exclude, &mut out);
        people_by_place(text, &mut out[from..]);
    }
    out.retain(|c| !counts_others(text, c) && !exchange_rate(text, c));
    out
}

/// "51 suspects were arrested, 38 in Australia and 11 in Ireland", "51 sospechosos
/// detenidos: 38 en Australia": a bare figure before a place counts the people an
/// earlier figure of the line counted.
fn people_by_place(text: &str, counts: &mut [CountMention]) {
    const PEOPLE: &[&str] = &["person", "suspect", "arrest"];
    let place_after =
        static_regex!(r"^\s+(?:in|en|à|au|aux|im|op)\s+(?:(?:la|le|les|el|het|de|der|den|the)\s+)?\p{Lu}");
    for k in 1..counts.len() {
        let (before, rest) = counts.split_at_mut(k);
        let c = &mut rest[0];
        if c.unit.is_some() || c.value.fract() != 0.0 {
            continue;
        }
        let Some(people) = before.iter().rev().find(|p| {
            p.unit.as_deref().is_some_and(|u| PEOPLE.contains(&u)) && c.span.start.saturating_sub(p.span.end) < 200
        }) else {
            continue;
        };
        if text.get(c.span.end..).is_some_and(|after| place_after.is_match(after)) {
            c.unit = people.unit.clone();
        }
    }
}

/// "($1 = 0.9268 euros)": the figures either side of an equals sign are a rate of
/// exchange.
fn exchange_rate(text: &str, c: &CountMention) -> bool {
    let end = c.unit_span.map_or(c.span.end, |u| u.end.max(c.span.end));
    text.get(..c.span.start)
        .unwrap_or("")
        .trim_end()
        .trim_end_matches(['$', '€', '£'])
        .ends_with('=')
        || text.get(end..).unwrap_or("").trim_start().starts_with('=')
}

/// "ten other countries", "otros diez países", "dix autres pays", "zehn weitere Länder":
/// the figure counts the others, not the whole, and is no figure of the operation.
fn counts_others(text: &str, c: &CountMention) -> bool {
    const OTHER: &[&str] = &[
        "other", "others", "andere", "anderen", "overige", "autres", "otros", "otras", "weitere", "weiteren",
    ];
    let is_other = |w: &str| OTHER.iter().any(|o| w.eq_ignore_ascii_case(o));
    let before = text.get(..c.span.start).unwrap_or("");
    let word_before = before
        .trim_end()
        .rsplit(|ch: char| !ch.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = c.unit_span.and_then(|u| text.get(c.span.end..u.end)).unwrap_or("");
    let word_after = after
        .split(|ch: char| !ch.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    is_other(word_before) || is_other(word_after)
}

/// A token lower-cased, with `’` as `'`. One allocation: ASCII words (most) need no
/// Unicode mapping, and the replacement only runs when there is a `’`.
fn lower_word(text: &str, t: &Tok) -> String {
    let s = text.get(t.start..t.end).unwrap_or("");
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let lower = s.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

fn count_line(text: &str, toks: &[Tok], lang: Lang, exclude: &Excluder, out: &mut Vec<CountMention>) {
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i).copied() else { break };
        let consumed = match t.kind {
            TokKind::Num => digit_count(text, toks, i, lang, exclude, out),
            TokKind::Word => word_count(text, toks, i, lang, exclude, out),
            TokKind::Punct(_) => None,
        };
        i = consumed.unwrap_or(i + 1).max(i + 1);
    }
}

/// Spans to skip, sorted, with a running maximum of their ends: an overlap test is a
/// binary search (no quadratic scans on texts with many dates).
struct Excluder {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl Excluder {
    fn new(spans: &[Span]) -> Excluder {
        let mut v = spans.to_vec();
        v.sort_unstable();
        let mut max_end = Vec::with_capacity(v.len());
        let mut m = 0;
        for s in &v {
            m = m.max(s.end);
            max_end.push(m);
        }
        Excluder {
            starts: v.iter().map(|s| s.start).collect(),
            max_end,
        }
    }
}

fn excluded(span: Span, exclude: &Excluder) -> bool {
    // spans starting before span.end; one of them overlaps iff the largest end passes span.start
    let idx = exclude.starts.partition_point(|&s| s < span.end);
    idx > 0 && exclude.max_end.get(idx - 1).is_some_and(|&e| e > span.start)
}

/// The qualifier phrase ending right before byte `at`: (qualifier, start of phrase).
fn qualifier_before(text: &str, at: usize) -> Option<(Qualifier, usize)> {
    let before = super::text_before(text, at, 40);
    let from = at - before.len();
    let trimmed = before.trim_end();
    let lower = trimmed.to_lowercase();
    if lower.len() != trimmed.len() {
        return None; // case mapping changed lengths: do not guess offsets
    }
    for (p, q) in QUALIFIERS {
        if let Some(rest) = lower.strip_suffix(p) {
            if rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric()) {
                return Some((*q, from + rest.len()));
            }
        }
    }
    None
}

fn word_before(text: &str, toks: &[Tok], i: usize) -> Option<String> {
    let j = i.checked_sub(1)?;
    let t = toks.get(j)?;
    match t.kind {
        TokKind::Word => Some(lower_word(text, t)),
        TokKind::Punct('.') => {
            let w = toks.get(j.checked_sub(1)?)?;
            (w.kind == TokKind::Word).then(|| lower_word(text, w))
        }
        TokKind::Punct(c) => Some(c.to_string()),
        TokKind::Num => None,
    }
}

/// Reads the unit after token `k`: (lemma or noun, unit span, tokens used after k).
fn unit_after(text: &str, toks: &[Tok], k: usize, lang: Lang) -> Option<(String, Span)> {
    let mut words: Vec<String> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    // Words joined by a hyphen to the next ("IS-Mitglieder", "EU-Staaten"): the first
    // part of a compound, never a stop word.
    let mut compound: Vec<bool> = Vec::new();
    let mut j = k;
    // "%" right after the number
    if let Some(t) = toks.get(j) {
        if t.kind == TokKind::Punct('%') {
            return Some(("percent".into(), Span::new(t.start, t.end)));
        }
    }
    while words.len() < 8 {
        let Some(t) = toks.get(j) else { break };
        match t.kind {
            TokKind::Word => {
                let w = lower_word(text, t);
                let w = w
                    .strip_prefix("d'")
                    .or_else(|| w.strip_prefix("l'"))
                    .map(str::to_string)
                    .unwrap_or(w);
                words.push(w);
                spans.push(Span::new(t.start, t.end));
                compound.push(false);
            }
            TokKind::Punct('-') if !t.space_before => {
                let joins = toks
                    .get(j + 1)
                    .is_some_and(|n| n.kind == TokKind::Word && !n.space_before);
                if let Some(last) = compound.last_mut() {
                    *last = joins;
                }
            }
            _ => break,
        }
        j += 1;
    }
    let head = words.len().min(4);
    // a known unit within the first four words (skipping up to three modifiers)
    for s in 0..head {
        if words
            .get(s)
            .is_some_and(|w| STOP.contains(&w.as_str()) && !(s > 0 && w == "of"))
            && !compound.get(s).copied().unwrap_or(false)
        {
            // Modifiers coordinated before the noun they share ("13 social media and
            // online service providers"): the known unit after the conjunction.
            // Only where modifiers come first (English, Dutch) and none of them is a
            // plural noun of its own ("40 laptops and servers").
            let modifiers = words.get(..s).unwrap_or_default();
            let plural =
                |w: &String| (w.ends_with('s') && !w.ends_with("ss")) || (lang == Lang::Nl && w.ends_with("en"));
            if s > 0
                && matches!(lang, Lang::En | Lang::Nl)
                && !modifiers.iter().any(plural)
                && words.get(s).is_some_and(|w| CONJUNCTIONS.contains(&w.as_str()))
            {
                for t in s + 1..words.len().min(s + 5) {
                    if let Some((n, lemma)) = words.get(t..).and_then(|w| lemma_at(w, lang)) {
                        let start = spans.get(t)?.start;
                        let end = spans.get(t + n - 1)?.end;
                        return Some((lemma, Span::new(start, end)));
                    }
                }
            }
            break;
        }
        if let Some((n, lemma)) = words.get(s..).and_then(|w| lemma_at(w, lang)) {
            let start = spans.get(s)?.start;
            let end = spans.get(s + n - 1)?.end;
            // "tonnes of cocaine" style extension
            return Some((lemma, Span::new(start, end)));
        }
    }
    words.truncate(head);
    spans.truncate(head);
    // unknown noun: English/Dutch/German put modifiers first, French/Spanish after
    let run = words
        .iter()
        .take_while(|w| !STOP.contains(&w.as_str()) && (lang != Lang::En || w.len() <= 5 || !w.ends_with("ing")))
        .count()
        .min(4);
    if run == 0 {
        return None;
    }
    let run_words = words.get(..run)?;
    let idx = match lang {
        // "tres presuntos líderes", "deux autres suspects": a qualifier before the noun
        Lang::Fr | Lang::Es => usize::from(run > 1 && QUALIFIERS_BEFORE.contains(&run_words[0].as_str())),
        // German nouns are capitalised: the first capitalised word is the head
        Lang::De => spans
            .iter()
            .take(run)
            .position(|sp| sp.slice(text).starts_with(char::is_uppercase))
            .unwrap_or(run - 1),
        // plural nouns: English "-s", Dutch "-en"/"-s"
        Lang::Nl => run_words
            .iter()
            .position(|w| w.ends_with("en") || w.ends_with('s'))
            .unwrap_or(run - 1),
        _ => run_words
            .iter()
            .position(|w| w.ends_with('s') && !w.ends_with("ss"))
            .unwrap_or(run - 1),
    };
    let w = words.get(idx)?;
    if w.chars().count() < 2 || is_month_name(w) {
        return None;
    }
    Some((w.clone(), *spans.get(idx)?))
}

/// Does `before` (the text before a figure) end with an age's preposition, or with the
/// first figure of an age range ("im Alter von", "aged between 20 and", "à l'âge de",
/// "met een leeftijd van", "con edades de entre 20 y")?
fn age_before(before: &str) -> bool {
    let re = static_regex!(
        r"(?i)\b(?:alter|edad(?:es)?|leeftijd|ages?|aged|âge|âgée?s?)\s+(?:(?:von|de|of|van|d['’]|entre|zwischen|between|tussen)\s+){0,2}(?:\d+\s*(?:bis|to|tot|à|a|al|hasta|y|und|and|et|en|-|–)\s*)?$"
    );
    re.is_match(before)
}

/// Does `before` end with an article, a person (a word for one, or a capitalised
/// demonym) and "de/van/von" ("un Lituanien de", "un hombre de", "een man van", "ein
/// Mann von")? Years after it are that person's age ("una pena de 12 años" is not).
fn person_of_before(before: &str) -> bool {
    let re = static_regex!(
        r"\b(?i:un|une|uno|una|el|la|le|een|ein|eine|einen|einem)\s+(?:\p{Lu}[\p{L}-]+|(?i:homme|femme|individu|suspect|ressortissant|jeune|hombre|mujer|individuo|sospechoso|joven|var[óo]n|man|vrouw|jongen|verdachte|Mann|Frau|Verdächtige[nr]?|Jugendliche[nr]?))\s+(?i:de|van|von)\s+$"
    );
    re.is_match(before)
}

/// A count written with digits at token `i`; returns the next token index when consumed.
fn digit_count(
    text: &str,
    toks: &[Tok],
    i: usize,
    lang: Lang,
    exclude: &Excluder,
    out: &mut Vec<CountMention>,
) -> Option<usize> {
    let t = *toks.get(i)?;
    // glued to a letter or a number-ish mark before: "G7", "COVID-19", "v2", "+31", "#3", "/7"
    if let Some(p) = i.checked_sub(1).and_then(|j| toks.get(j)) {
        if !t.space_before {
            match p.kind {
                TokKind::Word => {
                    let w = lower_word(text, p);
                    if !matches!(w.as_str(), "eur" | "usd" | "us") {
                        return None;
                    }
                }
                TokKind::Punct('+' | '#' | '/' | '-' | '.' | ',' | ':' | '§' | '\'' | '°' | '_') => return None,
                _ => {}
            }
        }
        // a digit sequence ("+31 70 302 5000"): a number right after another number
        if p.kind == TokKind::Num {
            return None;
        }
    }
    // greedily read the number literal: groups and decimal part
    let mut j = i + 1;
    let mut end = t.end;
    let first_len = t.end - t.start;
    while let (Some(sep), Some(n)) = (toks.get(j), toks.get(j + 1)) {
        let glued = !sep.space_before && !n.space_before;
        if n.kind != TokKind::Num || !glued || !matches!(sep.kind, TokKind::Punct(',' | '.')) {
            break;
        }
        end = n.end;
        j += 2;
    }
    // space-grouped thousands: "350 000", "1 029" (first group 1-3 digits, then 3-digit groups)
    if j == i + 1 && first_len <= 3 {
        while let Some(n) = toks.get(j) {
            if n.kind == TokKind::Num
                && n.space_before
                && n.end - n.start == 3
                && text.get(end..n.start).is_some_and(|g| g == " ")
            {
                // not followed by ',5' etc.: fine; but stop when the next group is a year after a date
                end = n.end;
                j += 1;
            } else {
                break;
            }
        }
    }
    let literal = text.get(t.start..end)?;
    // trailing dot / comma that is sentence punctuation, not a decimal: "22." handled by tokens
    let span0 = Span::new(t.start, end);
    if excluded(span0, exclude) {
        return Some(j);
    }
    // version numbers, IPs: more than one '.' without being 3-digit groups are rejected by digits_value
    let mut value = digits_value(literal, lang)?;
    // times: "18:30", "18h30", "1830 UTC"
    if let Some(n) = toks.get(j) {
        if !n.space_before && matches!(n.kind, TokKind::Punct(':')) {
            return Some(j + 1);
        }
    }
    let next_word = toks
        .get(j)
        .filter(|n| n.kind == TokKind::Word)
        .map(|n| lower_word(text, n));
    if let Some(w) = &next_word {
        let glued = toks.get(j).is_some_and(|n| !n.space_before);
        if matches!(
            w.as_str(),
            "utc" | "gmt" | "cet" | "cest" | "uhr" | "hrs" | "am" | "pm" | "h" | "u"
        ) && (glued || matches!(w.as_str(), "utc" | "gmt" | "cet" | "cest" | "uhr" | "hrs"))
        {
            return Some(j + 1);
        }
        if glued {
            // ordinals and decades: "3rd", "11e", "1er", "1990s", "5º"
            if matches!(
                w.as_str(),
                "st" | "nd"
                    | "rd"
                    | "th"
                    | "e"
                    | "er"
                    | "ère"
                    | "ème"
                    | "eme"
                    | "de"
                    | "ste"
                    | "s"
                    | "o"
                    | "a"
                    | "te"
                    | "en"
            ) {
                return Some(j + 1);
            }
        }
        if is_month_name(w) {
            return Some(j);
        }
        // durations are not counts: "36 hour period", "48 Stunden"
        if matches!(
            w.as_str(),
            "hour" | "hours" | "minutes" | "minute" | "uur" | "heures" | "stunden" | "horas" | "seconds"
        ) {
            return Some(j + 1);
        }
    }
    if let Some(n) = toks.get(j) {
        if matches!(n.kind, TokKind::Punct('º' | 'ª' | '°')) && !n.space_before {
            return Some(j + 1);
        }
        // compound adjectives: "23-year-old", "36-hour", "1,000-euro devices", "28-jarige"
        if n.kind == TokKind::Punct('-') && !n.space_before {
            if let Some(w) = toks.get(j + 1).filter(|x| x.kind == TokKind::Word && !x.space_before) {
                let w = lower_word(text, w);
                if !matches!(
                    w.as_str(),
                    "million" | "millions" | "billion" | "miljoen" | "millionen" | "millones"
                ) {
                    return Some(j + 2);
                }
            }
        }
        // German ordinal "die 11. Aktion": "N." followed by a lower-case word or a month
        if n.kind == TokKind::Punct('.') && !n.space_before && matches!(lang, Lang::De) {
            if let Some(w) = toks.get(j + 1).filter(|x| x.kind == TokKind::Word) {
                let s = text.get(w.start..w.end).unwrap_or("");
                if s.starts_with(char::is_lowercase) || is_month_name(&s.to_lowercase()) {
                    return Some(j + 1);
                }
            }
        }
    }
    // a version after a name: "Operation Endgame 2.0", "Emotet 4.0"
    let after_name = i
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .filter(|p| p.kind == TokKind::Word)
        .is_some_and(|p| {
            text.get(p.start..p.end)
                .is_some_and(|w| w.starts_with(char::is_uppercase))
        });
    if after_name && (literal.ends_with(".0") || literal.ends_with(",0")) {
        return Some(j);
    }
    // ages given with a preposition, alone or as a range: "im Alter von 22 bis 31
    // Jahren", "aged between 20 and 30", "à l'âge de 40 ans"; and a person's years
    // after "de/van/von": "un Lituanien de 48 ans", "un hombre de 30 años"
    let years_after = next_word
        .as_deref()
        .is_some_and(|w| matches!(w, "ans" | "años" | "jaar" | "jahren" | "jahre"));
    let before = super::text_before(text, t.start, 60);
    if age_before(before) || (years_after && person_of_before(before)) {
        return Some(j);
    }
    // labels and ages before: "number 3", "Nr. 5", "aged 23", "at 1830"
    let prev = word_before(text, toks, i);
    if let Some(p) = &prev {
        // "at 1830", "a las 10", but Spanish "detuvo a 22 personas": a preposition before
        // a figure is a time or place label unless a counted noun follows.
        let preposition = matches!(p.as_str(), "at" | "om" | "à" | "um" | "a");
        let counted = next_word.as_deref().is_some_and(is_count_noun);
        if LABEL_BEFORE.contains(&p.as_str()) && !(preposition && counted) {
            return Some(j);
        }
        if is_month_name(p) {
            return Some(j);
        }
    }
    // phone numbers: leading zero with more digits, or long space-separated runs
    if literal.starts_with('0') && literal.len() > 1 && !literal.starts_with("0,") && !literal.starts_with("0.") {
        return Some(j);
    }
    // currency before the number
    let mut span_start = t.start;
    let mut unit: Option<(String, Span)> = None;
    let mut rule = "count:digits";
    if let Some(p) = i.checked_sub(1).and_then(|k| toks.get(k)) {
        let cur = match p.kind {
            TokKind::Punct('€') => Some("euro"),
            TokKind::Punct('$') => Some("dollar"),
            TokKind::Punct('£') => Some("pound"),
            TokKind::Word => match lower_word(text, p).as_str() {
                "eur" => Some("euro"),
                "usd" => Some("dollar"),
                _ => None,
            },
            _ => None,
        };
        if let Some(c) = cur {
            // "US$" → dollar too
            unit = Some((c.to_string(), Span::new(p.start, p.end)));
            span_start = p.start;
            rule = "count:currency";
        }
    }
    // multiplier: "1.5 million", "23 Millionen", "$2m", "2bn"
    let mut k = j;
    let mut span_end = end;
    if let Some(n) = toks.get(k).filter(|n| n.kind == TokKind::Word) {
        let w = lower_word(text, n);
        let m = if n.space_before {
            multiplier(&w, lang)
        } else {
            multiplier_suffix(&w).filter(|_| !w.is_empty())
        };
        if let Some(m) = m {
            value *= m;
            span_end = n.end;
            k += 1;
            if toks
                .get(k)
                .is_some_and(|d| d.kind == TokKind::Punct('.') && !d.space_before)
                && matches!(w.as_str(), "mio" | "mrd" | "mln")
            {
                k += 1;
            }
            // Spanish "mil millones" = 10^9
            if w == "mil" {
                if let Some(n2) = toks.get(k).filter(|n| n.kind == TokKind::Word) {
                    if let Some(m2) = multiplier(&lower_word(text, n2), lang).filter(|m| *m >= 1e6) {
                        value *= m2;
                        span_end = n2.end;
                        k += 1;
                    }
                }
            }
        }
    }
    // "de" between the number and the unit in es/fr ("1,5 millones de euros", "2 millions d'euros")
    if unit.is_none() {
        let mut u = k;
        if span_end != end
            && toks
                .get(u)
                .is_some_and(|x| matches!(lower_word(text, x).as_str(), "de" | "d'" | "of" | "van" | "an"))
        {
            u += 1;
        }
        unit = unit_after(text, toks, u, lang);
        if let Some((w, _)) = &unit {
            if w == "percent" {
                rule = "count:percent";
            }
        }
    }
    // "ten times smaller": a ratio, not a count
    if unit.as_ref().is_some_and(|(u, _)| TIMES.contains(&u.as_str())) {
        return Some(j);
    }
    // "1,200 servidores", "1.200 servers": things counted one by one are no fraction, so
    // a single separator before three digits groups thousands in any language.
    if value.fract() != 0.0
        && span_end == end
        && thousands_shape(literal)
        && unit.as_ref().is_some_and(|(u, _)| is_lemma(u) && !is_measure(u))
    {
        value *= 1000.0;
    }
    // times written "19.00" / "7.30" without a currency
    if rule != "count:currency" && span_end == end {
        if let Some((h, m)) = literal.split_once(['.', ':']) {
            let hh: u32 = h.parse().unwrap_or(99);
            if m.len() == 2
                && hh <= 24
                && m.parse::<u32>().is_ok_and(|m| m < 60)
                && !unit.as_ref().is_some_and(|(u, _)| is_lemma(u))
            {
                return Some(j);
            }
        }
    }
    // "number 3 and 5": the second of a list of labels
    if let Some(p) = &prev {
        if matches!(p.as_str(), "and" | "or" | "en" | "et" | "und" | "y" | "," | "&") {
            let label = i
                .checked_sub(2)
                .filter(|&k| toks.get(k).is_some_and(|t| t.kind == TokKind::Num))
                .and_then(|k| word_before(text, toks, k))
                .is_some_and(|w| LABEL_BEFORE.contains(&w.as_str()));
            if label {
                return Some(j);
            }
        }
    }
    // partitive: "close to 200 of the arrests", "200 van de verdachten"
    if unit.is_none() {
        let of = toks.get(k).map(|x| lower_word(text, x)).unwrap_or_default();
        let the = toks.get(k + 1).map(|x| lower_word(text, x)).unwrap_or_default();
        if matches!(of.as_str(), "of" | "van" | "de" | "der" | "des" | "del")
            && matches!(
                the.as_str(),
                "the" | "de" | "het" | "los" | "las" | "les" | "die" | "der" | "these" | "those"
            )
        {
            unit = unit_after(text, toks, k + 2, lang).filter(|(u, _)| is_lemma(u));
        }
    }
    // years: a bare 4-digit year without a counted noun
    let is_yearish =
        literal.len() == 4 && literal.chars().all(|c| c.is_ascii_digit()) && (1900.0..=2100.0).contains(&value);
    let known = unit.as_ref().is_some_and(|(u, _)| UNITS.iter().any(|(_, l)| l == u));
    if is_yearish && !known && span_end == end {
        return Some(j);
    }
    // ages written "28 years old" / "28 jaar oud" / "28 años de edad"
    if let Some((u, us)) = &unit {
        if u == "year" {
            let after = text
                .get(us.end..us.end.saturating_add(12).min(text.len()))
                .unwrap_or("")
                .trim_start()
                .to_lowercase();
            if after.starts_with("old")
                || after.starts_with("oud")
                || after.starts_with("de edad")
                || after.starts_with("alt")
            {
                return Some(j);
            }
        }
    }
    let (qualifier, qstart) = match qualifier_before(text, span_start) {
        Some((q, s)) => (q, s),
        None => (Qualifier::Exact, span_start),
    };
    let span = Span::new(qstart, span_end);
    if excluded(span, exclude) {
        return Some(j);
    }
    out.push(CountMention {
        span,
        value,
        qualifier,
        unit_span: unit.as_ref().map(|u| u.1),
        unit: unit.map(|u| u.0),
        rule,
    });
    Some(k)
}

/// A spelled count at token `i` ("nine online service providers", "drie verdachten").
fn word_count(
    text: &str,
    toks: &[Tok],
    i: usize,
    lang: Lang,
    exclude: &Excluder,
    out: &mut Vec<CountMention>,
) -> Option<usize> {
    let t = *toks.get(i)?;
    let mut w = lower_word(text, &t);
    let mut j = i + 1;
    // hyphenated compounds: "twenty-five", "vingt-cinq"
    while let (Some(h), Some(n)) = (toks.get(j), toks.get(j + 1)) {
        if h.kind == TokKind::Punct('-') && !h.space_before && !n.space_before && n.kind == TokKind::Word {
            let cand = format!("{w}-{}", lower_word(text, n));
            if word_value(&cand, lang).is_some() || matches!(cand.as_str(), "quatre-vingt" | "quatre-vingts") {
                w = cand;
                j += 2;
                continue;
            }
        }
        break;
    }
    let mut start = t.start;
    let value = if w == "dozen" || w == "dozijn" || w == "douzaine" || w == "dutzend" || w == "docena" {
        // only "a dozen" / "une douzaine" / "ein Dutzend" / "una docena"
        let p = word_before(text, toks, i)?;
        if !matches!(p.as_str(), "a" | "een" | "une" | "ein" | "una") {
            return None;
        }
        start = toks.get(i - 1)?.start;
        12
    } else {
        word_value(&w, lang)?
    };
    // articles that double as "one" are not counts
    if value == 1 && !(lang == Lang::En && w == "one") {
        return None;
    }
    if value == 100 {
        // "hundred" alone is vague; "a hundred"/"one hundred" fine
        let p = word_before(text, toks, i).unwrap_or_default();
        if !matches!(p.as_str(), "a" | "one" | "een" | "ein" | "einhundert") && lang == Lang::En {
            return None;
        }
    }
    // "twenty-five" handled; "two hundred", "three thousand", "two million"
    let mut end = toks.get(j - 1)?.end;
    if let Some(n) = toks.get(j).filter(|n| n.kind == TokKind::Word) {
        let nw = lower_word(text, n);
        let m = if matches!(nw.as_str(), "hundred" | "honderd" | "cent" | "hundert" | "cientos") {
            Some(100.0)
        } else {
            multiplier(&nw, lang).filter(|_| nw != "m")
        };
        if let Some(m) = m {
            end = n.end;
            j += 1;
            let v = f64::from(value) * m;
            return finish_word(text, toks, start, end, j, v, lang, exclude, out);
        }
    }
    // "four-day", "two-fold": a compound adjective, not a count
    if toks
        .get(j)
        .is_some_and(|h| h.kind == TokKind::Punct('-') && !h.space_before)
        && toks
            .get(j + 1)
            .is_some_and(|n| !n.space_before && n.kind == TokKind::Word)
    {
        return None;
    }
    // "one of", "twee van", "deux des": partitive, not a count of its own
    if let Some(n) = toks.get(j).filter(|n| n.kind == TokKind::Word) {
        if matches!(
            lower_word(text, n).as_str(),
            "of" | "van" | "des" | "der" | "de" | "del"
        ) && value < 12
            && w != "dozen"
        {
            return None;
        }
    }
    finish_word(text, toks, start, end, j, f64::from(value), lang, exclude, out)
}

#[allow(clippy::too_many_arguments)]
fn finish_word(
    text: &str,
    toks: &[Tok],
    start: usize,
    end: usize,
    j: usize,
    value: f64,
    lang: Lang,
    exclude: &Excluder,
    out: &mut Vec<CountMention>,
) -> Option<usize> {
    let mut u = j;
    if toks
        .get(u)
        .is_some_and(|x| matches!(lower_word(text, x).as_str(), "de" | "d'" | "of"))
        && value >= 1e6
    {
        u += 1;
    }
    let unit = unit_after(text, toks, u, lang);
    // spelled numbers need a noun after them ("two" alone is too vague)
    let (unit, uspan) = unit?;
    if is_month_name(&unit) || TIMES.contains(&unit.as_str()) {
        return None;
    }
    // "one" is a count only of something known ("one server"), not "one particular type"
    if value == 1.0 && !is_lemma(&unit) {
        return None;
    }
    let (qualifier, qstart) = qualifier_before(text, start).unwrap_or((Qualifier::Exact, start));
    let span = Span::new(qstart, end);
    if excluded(span, exclude) {
        return Some(j);
    }
    out.push(CountMention {
        span,
        value,
        qualifier,
        unit: Some(unit),
        unit_span: Some(uspan),
        rule: "count:word",
    });
    Some(j)
}

/// Words that, right before a figure, make it a description of what was targeted
/// rather than something the operation did: possession ("a market which had 500,000
/// users", "its 60,000 users") and estimates of size ("an estimated 60,000 users").
const DESCRIBING_WORDS: &[&str] = &[
    // en
    "had",
    "has",
    "have",
    "its",
    "their",
    "estimated",
    "counted",
    "boasted",
    // nl
    "telde",
    "telt",
    "heeft",
    "hadden",
    "geschatte",
    "geschat",
    // fr
    "avait",
    "comptait",
    "compte",
    "ses",
    "leurs",
    "estimé",
    "estimés",
    "estimées",
    // de
    "hatte",
    "hatten",
    "hat",
    "seine",
    "seinen",
    "ihre",
    "ihren",
    "geschätzt",
    "geschätzte",
    "geschätzten",
    // es
    "tenía",
    "tenían",
    "contaba",
    "sus",
    "estimados",
    "estimadas",
    // What the target did to its victims: "had infected some 90,000 computers",
    // "defrauded more than 2,000 people".
    "infected",
    "compromised",
    "defrauded",
    "besmette",
    "besmetten",
    "infecté",
    "infectés",
    "escroqué",
    "infizierte",
    "infizierten",
    "betrog",
    "infectado",
    "infectó",
    "estafado",
    "estafó",
];

/// Words that make an amount of money in the same clause a size of the targeted business
/// or of its harm (turnover, sales, damage), not money seized.
const MONEY_CONTEXT_STEMS: &[&str] = &[
    "turnover",
    "revenue",
    "sales",
    "damage",
    "losses", // en
    "omzet",
    "schade",
    "verkopen", // nl
    "chiffre d'affaires",
    "ventes",
    "préjudice",
    "dommages",
    "pertes", // fr
    "umsatz",
    "umsätze",
    "schaden",
    "verluste", // de
    "facturación",
    "ventas",
    "daños",
    "pérdidas",
    "ingresos", // es
];

/// Qualifier and article words skipped when looking for a describing word before a figure.
const SKIPPED_BEFORE_FIGURE: &[&str] = &[
    "an",
    "a",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "roughly",
    "some",
    "over",
    "more",
    "than",
    "at",
    "least",
    "up",
    "to",
    "ongeveer",
    "bijna",
    "ruim",
    "meer",
    "dan",
    "circa",
    "environ",
    "près",
    "de",
    "plus",
    "quelque",
    "rund",
    "etwa",
    "fast",
    "mehr",
    "als",
    "über",
    "mindestens",
    "casi",
    "unos",
    "unas",
    "más",
    "alrededor",
];

/// Whether a count found in `sentence` describes what was targeted rather than what the
/// operation did: the figure follows a describing word ([`DESCRIBING_WORDS`]), its
/// clause counts since a year ([`SINCE_WORDS`]) or states a goal ([`GOAL_PHRASES`]), an
/// amount of money is the size of a business or of its harm ([`MONEY_CONTEXT_STEMS`] in
/// its clause), or an amount of money in brackets converts the one before it ("23
/// million euros ($25 million)").
pub(crate) fn describes_target(sentence: &str, c: &CountMention) -> bool {
    let before = sentence.get(..c.span.start).unwrap_or("");
    let lower = before.to_lowercase();
    let words: Vec<&str> = lower
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '\'' || ch == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut back = words
        .iter()
        .rev()
        .enumerate()
        .filter(|(_, w)| !SKIPPED_BEFORE_FIGURE.contains(*w));
    match back.next() {
        Some((_, w)) if DESCRIBING_WORDS.contains(w) => return true,
        // "had 500,000 users and 2,400 vendors": the second figure is coordinated with a
        // described one; look past it (a few words back) for the describing word.
        Some((k, w)) if ["and", "en", "et", "und", "y"].contains(w) => {
            let rest: Vec<&str> = words.iter().rev().skip(k + 1).take(8).copied().collect();
            if let Some(fig) = rest.iter().position(|w| w.chars().any(|ch| ch.is_ascii_digit())) {
                let earlier = rest[fig..]
                    .iter()
                    .find(|w| !w.chars().all(|ch| ch.is_ascii_digit()) && !SKIPPED_BEFORE_FIGURE.contains(*w));
                if earlier.is_some_and(|w| DESCRIBING_WORDS.contains(w)) {
                    return true;
                }
            }
        }
        _ => {}
    }
    // Totals over a longer period ("162,447 pieces removed since 2010") and goals ("on
    // course to remove 100,000 items") are not one operation's figures.
    let clause = clause_of(sentence, c);
    let since_year = clause.split_whitespace().collect::<Vec<_>>().windows(2).any(|w| {
        SINCE_WORDS.contains(&w[0])
            && w[1].trim_matches(|ch: char| !ch.is_ascii_digit()).len() == 4
            && w[1].starts_with(['1', '2'])
    });
    let figure_at = c.span.start.saturating_sub(clause_start(sentence, c));
    let head = clause.get(..figure_at.min(clause.len())).unwrap_or("");
    let goal = GOAL_PHRASES.iter().any(|g| head.contains(g));
    // What the target did or used: "responsible for the trading of 350,000 goods", "two
    // phone systems used by the criminals".
    let activity = TARGET_ACTIVITY_PHRASES.iter().any(|g| head.contains(g)) || {
        let near = head.trim_end();
        let near = super::text_before(near, near.len(), 24);
        LAUNDERED.iter().any(|g| near.contains(g))
    };
    let after = sentence
        .get(c.unit_span.map_or(c.span.end, |u| u.end)..)
        .unwrap_or("")
        .trim_start();
    let after: String = after.chars().take(16).flat_map(char::to_lowercase).collect();
    let used = USED_BY.iter().any(|u| after.starts_with(u));
    if since_year || goal || activity || used {
        return true;
    }
    let money = matches!(c.unit.as_deref(), Some("euro" | "dollar" | "pound" | "bitcoin"));
    if !money {
        return false;
    }
    // "(... " right after an amount ("23 million euros ($25 million)"): a conversion.
    if let Some(prev) = before.trim_end().strip_suffix('(') {
        let prev = prev.trim_end().to_lowercase();
        let currency_or_scale = [
            "euro",
            "euros",
            "eur",
            "dollar",
            "dollars",
            "usd",
            "pounds",
            "million",
            "millions",
            "millionen",
            "millones",
            "billion",
            "miljoen",
        ];
        if currency_or_scale.iter().any(|w| prev.ends_with(w)) {
            return true;
        }
    }
    MONEY_CONTEXT_STEMS.iter().any(|w| clause.contains(w))
}

/// Where the clause of a figure starts: after the last clause break before it.
fn clause_start(sentence: &str, c: &CountMention) -> usize {
    let before = sentence.get(..c.span.start).unwrap_or("");
    before.rfind([',', ';', ':', '(']).map_or(0, |i| i + 1)
}

/// The clause of a figure, lower-cased: from the last clause break before it to the next
/// after it.
fn clause_of(sentence: &str, c: &CountMention) -> String {
    let start = clause_start(sentence, c);
    let after = sentence.get(c.span.end..).unwrap_or("");
    let end = c.span.end + after.find([',', ';', ':', ')']).unwrap_or(after.len());
    sentence.get(start..end).unwrap_or("").to_lowercase()
}

/// "since 2010" and its translations: a total over years, not one operation's.
const SINCE_WORDS: &[&str] = &["since", "sinds", "sedert", "depuis", "seit", "desde"];

/// Phrases that make the figure after them a goal, not a result.
const GOAL_PHRASES: &[&str] = &[
    "on course to",
    "on track to",
    "aims to",
    "aim to",
    "expects to",
    "expected to",
    "plans to",
    "hopes to",
    "streeft naar",
    "wil ",
    "prévoit de",
    "vise à",
    "plant ",
    "prevé ",
];

/// Phrases that open what a target did ("a network responsible for the sale of ..."):
/// figures after them in the clause are its size, not the operation's results.
const TARGET_ACTIVITY_PHRASES: &[&str] = &[
    "responsible for",
    "verantwoordelijk voor",
    "responsable de",
    "responsables de",
    "verantwortlich für",
];

/// Right before a figure: what a service laundered ("ChipMixer allegedly laundered
/// 152,000 bitcoin", "a facilité le blanchiment de 152 000 BTC"), not what police seized.
const LAUNDERED: &[&str] = &[
    "laundered",
    "laundering of",
    "witgewassen",
    "witwassen van",
    "a blanchi",
    "ont blanchi",
    "blanchiment de",
    "gewaschen",
    "geldwäsche von",
    "blanqueado",
    "blanqueó",
    "blanqueo de",
    "lavado de",
];

/// Right after a counted noun: what the target used or ran ("systems used by the gang").
const USED_BY: &[&str] = &[
    "used by",
    "operated by",
    "run by",
    "gebruikt door",
    "utilisés par",
    "utilisées par",
    "genutzt von",
    "verwendet von",
    "utilizados por",
    "utilizadas por",
    "usados por",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str, lang: Lang) -> Vec<(f64, Qualifier, Option<String>)> {
        find_counts(text, lang, &[])
            .into_iter()
            .map(|c| (c.value, c.qualifier, c.unit))
            .collect()
    }
    fn c(v: f64, q: Qualifier, u: &str) -> (f64, Qualifier, Option<String>) {
        (v, q, Some(u.to_string()))
    }

    /// The values of the counts of `text` that [`describes_target`] keeps.
    fn results(text: &str, lang: Lang) -> Vec<f64> {
        find_counts(text, lang, &[])
            .into_iter()
            .filter(|c| !describes_target(text, c))
            .map(|c| c.value)
            .collect()
    }

    #[test]
    fn modifiers_coordinated_before_a_unit_share_it() {
        assert_eq!(
            counts(
                "content hosted by 13 social media and online service providers",
                Lang::En
            ),
            vec![c(13.0, Exact, "online service provider")]
        );
        assert_eq!(
            counts("40 laptops and servers were seized", Lang::En),
            vec![c(40.0, Exact, "laptops")]
        );
        assert_eq!(
            counts("ruim 20 sociale media en online dienstenaanbieders", Lang::Nl),
            vec![c(20.0, MoreThan, "online service provider")]
        );
        // A second figure keeps its own unit.
        assert_eq!(
            counts("12 suspects and 30 servers", Lang::En),
            vec![c(12.0, Exact, "suspect"), c(30.0, Exact, "server")]
        );
    }

    /// The first part of a hyphenated compound is no stop word ("IS" is English "is"),
    /// and men and women are people.
    #[test]
    fn compounds_and_people_nouns_give_the_unit() {
        assert_eq!(
            counts("Vier mutmaßliche IS-Mitglieder wurden festgenommen", Lang::De),
            vec![c(4.0, Exact, "member")]
        );
        assert_eq!(
            counts("police detained 3 IS-members", Lang::En),
            vec![c(3.0, Exact, "member")]
        );
        assert_eq!(
            counts("Drei Männer und zwei Frauen", Lang::De),
            vec![c(3.0, Exact, "person"), c(2.0, Exact, "person")]
        );
        assert_eq!(
            counts("cinq hommes interpellés", Lang::Fr),
            vec![c(5.0, Exact, "person")]
        );
        // A qualifier before a noun the lexicon does not know.
        assert_eq!(
            counts("tres presuntos cabecillas", Lang::Es),
            vec![c(3.0, Exact, "cabecillas")]
        );
        assert_eq!(
            counts("sept présumés commanditaires", Lang::Fr),
            vec![c(7.0, Exact, "commanditaires")]
        );
        // A ratio is no count.
        assert_eq!(counts("diez veces menor que AlphaBay", Lang::Es), vec![]);
        assert_eq!(counts("10 times larger", Lang::En), vec![]);
        // A stop word apart from the next word still ends the search.
        assert_eq!(counts("4 is the number", Lang::En), vec![(4.0, Exact, None)]);
    }

    /// Each text keeps exactly the listed figures as results.
    fn check_results(cases: &[(&str, Lang, &[f64])]) {
        for (text, lang, want) in cases {
            assert_eq!(results(text, *lang), *want, "{text}");
        }
    }

    #[test]
    fn what_the_target_did_or_used_is_not_a_result() {
        check_results(&[
            (
                "Police closed a market responsible for the sale of 90,000 stolen cards and arrested 4 people.",
                Lang::En,
                &[4.0],
            ),
            (
                "Data came from three phone networks used by the gang; 12 suspects were held.",
                Lang::En,
                &[12.0],
            ),
            (
                "Le réseau, responsable de la vente de 500 armes, a été démantelé.",
                Lang::Fr,
                &[],
            ),
        ]);
    }

    #[test]
    fn counts_that_describe_the_target_are_not_results() {
        check_results(&[
            // Possession and estimates of size, also across "and".
            (
                "The forum, which had some 40,000 members and over 900 sellers, was closed; 12 people were arrested.",
                Lang::En,
                &[12.0],
            ),
            ("The shop warned its estimated 8,000 buyers.", Lang::En, &[]),
            (
                "Die Plattform hatte rund 3.000 Nutzer. Es gab 7 Festnahmen.",
                Lang::De,
                &[7.0],
            ),
            ("Le site comptait plus de 5 000 utilisateurs.", Lang::Fr, &[]),
            // What the target did to its victims.
            (
                "The botnet had infected some 90,000 computers; police arrested four men.",
                Lang::En,
                &[4.0],
            ),
            ("Das Botnetz infizierte rund 90.000 Rechner.", Lang::De, &[]),
            ("La red había estafado a más de 300 personas.", Lang::Es, &[]),
            // What a service laundered, right before the figure; not an arrest count
            // after money laundering was named.
            (
                "The mixer allegedly laundered 150,000 bitcoin; police seized 4 servers.",
                Lang::En,
                &[4.0],
            ),
            ("Le service a facilité le blanchiment de 150 000 BTC.", Lang::Fr, &[]),
            (
                "Trafic de drogue et blanchiment d'argent : 44 arrestations.",
                Lang::Fr,
                &[44.0],
            ),
            // Money: the size of a business or its harm, and a conversion in brackets.
            (
                "Its sales reached 2 million euros; agents seized 40,000 euros in cash.",
                Lang::En,
                &[40_000.0],
            ),
            (
                "Officers froze assets worth 5 million euros ($5.4 million).",
                Lang::En,
                &[5_000_000.0],
            ),
            ("Der Schaden betrug 3 Millionen Euro.", Lang::De, &[]),
            // Totals since a year and goals are not an operation's figures.
            (
                "The unit has removed 70,000 posts since 2015; this week it flagged 640 accounts.",
                Lang::En,
                &[640.0],
            ),
            ("The team is on course to remove 9,000 videos.", Lang::En, &[]),
            ("Seit 2019 wurden 5.000 Konten gesperrt.", Lang::De, &[]),
            // What an operation did stays, with or without a possessive verb far before it.
            (
                "Police had arrested 45 suspects and seized 300 phones.",
                Lang::En,
                &[45.0, 300.0],
            ),
            (
                "La policía detuvo a 22 personas e intervino 8 armas.",
                Lang::Es,
                &[22.0, 8.0],
            ),
        ]);
    }
    use Qualifier::*;

    #[test]
    fn parse_number_notations() {
        assert_eq!(parse_number("26,000", Lang::En), Some(26000.0));
        assert_eq!(parse_number("26.000", Lang::Nl), Some(26000.0));
        assert_eq!(parse_number("26 000", Lang::Fr), Some(26000.0));
        assert_eq!(parse_number("1,029", Lang::En), Some(1029.0));
        assert_eq!(parse_number("1.5 million", Lang::En), Some(1_500_000.0));
        assert_eq!(parse_number("1,5 millones", Lang::Es), Some(1_500_000.0));
        assert_eq!(parse_number("2 millions", Lang::Fr), Some(2_000_000.0));
        assert_eq!(parse_number("3,3", Lang::Es), Some(3.3));
        assert_eq!(parse_number("103.5", Lang::En), Some(103.5));
        assert_eq!(parse_number("2m", Lang::En), Some(2_000_000.0));
        assert_eq!(parse_number("1.234.567,5", Lang::De), Some(1_234_567.5));
        assert_eq!(parse_number("nine", Lang::En), Some(9.0));
        assert_eq!(parse_number("twenty-five", Lang::En), Some(25.0));
        assert_eq!(parse_number("twaalf", Lang::Nl), Some(12.0));
        assert_eq!(parse_number("vijfentwintig", Lang::Nl), Some(25.0));
        assert_eq!(parse_number("douze", Lang::Fr), Some(12.0));
        assert_eq!(parse_number("quatre-vingt-dix", Lang::Fr), Some(90.0));
        assert_eq!(parse_number("zwölf", Lang::De), Some(12.0));
        assert_eq!(parse_number("dreiundzwanzig", Lang::De), Some(23.0));
        assert_eq!(parse_number("doce", Lang::Es), Some(12.0));
        assert_eq!(parse_number("a dozen", Lang::En), Some(12.0));
        assert_eq!(parse_number("two dozen", Lang::En), Some(24.0));
        assert_eq!(parse_number("1.2.3", Lang::En), None);
        assert_eq!(parse_number("abc", Lang::En), None);
    }

    #[test]
    fn english_counts() {
        assert_eq!(
            counts(
                "Investigators flagged more than 26,000 content articles across 12 Member States and 9 online servers.",
                Lang::En
            ),
            vec![
                c(26000.0, MoreThan, "item"),
                c(12.0, Exact, "member state"),
                c(9.0, Exact, "server")
            ]
        );
        assert_eq!(
            counts(
                "They alerted nine online service providers about 52,000 potential users.",
                Lang::En
            ),
            vec![c(9.0, Exact, "online service provider"), c(52000.0, About, "user")]
        );
        assert_eq!(
            counts("Officers seized 103.5 tonnes of cocaine.", Lang::En),
            vec![c(103.5, Exact, "tonne of cocaine")]
        );
        // A measure and the drug it weighs, in each language, singular or plural.
        for (text, lang, unit) in [
            (
                "Officers seized 163.4 tonnes of cannabis.",
                Lang::En,
                "tonne of cannabis",
            ),
            (
                "Les enquêteurs ont saisi 1,5 tonne d'héroïne.",
                Lang::Fr,
                "tonne of heroin",
            ),
            (
                "Les enquêteurs ont saisi 1,5 tonne de cocaïne.",
                Lang::Fr,
                "tonne of cocaine",
            ),
            (
                "Die Ermittler stellten 2,5 Tonnen Haschisch sicher.",
                Lang::De,
                "tonne of hashish",
            ),
            (
                "De recherche nam 300 kilo cocaïne in beslag.",
                Lang::Nl,
                "kilo of cocaine",
            ),
            (
                "Se incautaron 1,5 toneladas de metanfetamina.",
                Lang::Es,
                "tonne of methamphetamine",
            ),
        ] {
            let found = counts(text, lang);
            assert!(
                found.iter().any(|(_, _, u)| u.as_deref() == Some(unit)),
                "{text}: {found:?}"
            );
        }
        // A measure of something else keeps its own unit.
        assert_eq!(
            counts("Officers seized 4 tonnes of tobacco.", Lang::En),
            vec![c(4.0, Exact, "tonne")]
        );
        assert_eq!(
            counts("Bitcoins worth €23 million were seized.", Lang::En),
            vec![c(23e6, Exact, "euro")]
        );
        assert_eq!(counts("a fine of $2m", Lang::En), vec![c(2e6, Exact, "dollar")]);
        assert_eq!(
            counts("Die Polizei beschlagnahmte knapp 1.900 Bitcoins.", Lang::De),
            vec![c(1900.0, About, "bitcoin")]
        );
        // Servers are counted one by one: "1,200" groups thousands even in Spanish; kilos
        // take fractions.
        assert_eq!(
            counts("Se desmantelaron 1,200 servidores.", Lang::Es),
            vec![c(1200.0, Exact, "server")]
        );
        assert_eq!(
            counts("Police took down 1.200 servers.", Lang::En),
            vec![c(1200.0, Exact, "server")]
        );
        assert_eq!(
            counts("Se incautaron 1,500 kilos.", Lang::Es),
            vec![c(1.5, Exact, "kilo")]
        );
        // A bare figure before a place counts the people counted before it.
        assert_eq!(
            counts("51 suspects were held, 38 in Australia and 11 in Ireland.", Lang::En),
            vec![
                c(51.0, Exact, "suspect"),
                c(38.0, Exact, "suspect"),
                c(11.0, Exact, "suspect")
            ]
        );
        assert_eq!(
            counts("Se incautaron 40 kilos: 30 en Vigo.", Lang::Es),
            vec![c(40.0, Exact, "kilo"), (30.0, Exact, None)]
        );
        // Links and parcels are counted one by one too.
        assert_eq!(
            counts("Die Behörden sperrten 3,671 Links.", Lang::De),
            vec![c(3671.0, Exact, "link")]
        );
        assert_eq!(
            counts("De douane controleerde 12.345 pakketten.", Lang::Nl),
            vec![c(12345.0, Exact, "package")]
        );
        assert_eq!(
            counts("nearly 900 arrests and up to 40 searches", Lang::En),
            vec![c(900.0, About, "arrest"), c(40.0, LessThan, "search")]
        );
        assert_eq!(
            counts("some 1 622 pieces of content in 4 languages", Lang::En),
            vec![c(1622.0, About, "item"), c(4.0, Exact, "language")]
        );
        assert_eq!(
            counts("over 350 000 illicit commodities", Lang::En),
            vec![c(350000.0, MoreThan, "commodities")]
        );
        assert_eq!(counts("a dozen suspects", Lang::En), vec![c(12.0, Exact, "suspect")]);
        assert_eq!(counts("two dozen suspects", Lang::En), vec![c(24.0, Exact, "suspect")]);
        // Members and searches in the other languages.
        assert_eq!(counts("25 doorzoekingen", Lang::Nl), vec![c(25.0, Exact, "search")]);
        assert_eq!(
            counts("vier Mitglieder der Gruppe", Lang::De),
            vec![c(4.0, Exact, "member")]
        );
        assert_eq!(
            counts("neuf membres du réseau", Lang::Fr),
            vec![c(9.0, Exact, "member")]
        );
        assert_eq!(
            counts("12 miembros de la organización", Lang::Es),
            vec![c(12.0, Exact, "member")]
        );
        assert_eq!(
            counts("the 27 member states", Lang::En),
            vec![c(27.0, Exact, "member state")]
        );
        assert_eq!(
            counts("deux douzaines d'interpellations", Lang::Fr),
            vec![c(24.0, Exact, "arrest")]
        );
        assert_eq!(
            counts("zwei Dutzend Verdächtige", Lang::De),
            vec![c(24.0, Exact, "suspect")]
        );
        assert_eq!(
            counts("rose by 15% this year", Lang::En),
            vec![c(15.0, Exact, "percent")]
        );
    }

    #[test]
    fn other_language_counts() {
        assert_eq!(
            counts("In totaal werden meer dan 26.000 topics verwijderd.", Lang::Nl),
            vec![c(26000.0, MoreThan, "item")]
        );
        assert_eq!(
            counts(
                "De politie verrichtte twaalf huiszoekingen en ruim 30 aanhoudingen.",
                Lang::Nl
            ),
            vec![c(12.0, Exact, "search"), c(30.0, MoreThan, "arrest")]
        );
        assert_eq!(counts("bijna 40 landen", Lang::Nl), vec![c(40.0, About, "country")]);
        // Counts of "the others" are not the operation's.
        for (text, lang) in [
            ("police from ten other countries", Lang::En),
            ("la policía de otros diez países", Lang::Es),
            ("les polices de dix autres pays", Lang::Fr),
            ("Polizisten aus zehn weiteren Ländern", Lang::De),
            ("agenten uit tien andere landen", Lang::Nl),
        ] {
            assert_eq!(counts(text, lang), vec![], "{text}");
        }
        assert_eq!(
            counts("plus de 800 interpellations dans neuf pays", Lang::Fr),
            vec![c(800.0, MoreThan, "arrest"), c(9.0, Exact, "country")]
        );
        assert_eq!(
            counts("environ 2 millions d'euros", Lang::Fr),
            vec![c(2e6, About, "euro")]
        );
        assert_eq!(
            counts(
                "Es wurden rund 17 Server und mindestens 14,5 Millionen Euro beschlagnahmt.",
                Lang::De
            ),
            vec![c(17.0, About, "server"), c(14.5e6, MoreThan, "euro")]
        );
        assert_eq!(
            counts("zwölf Festnahmen in drei Ländern", Lang::De),
            vec![c(12.0, Exact, "arrest"), c(3.0, Exact, "country")]
        );
        assert_eq!(
            counts("la detención de 45 personas en siete países", Lang::Es),
            vec![c(45.0, Exact, "person"), c(7.0, Exact, "country")]
        );
        assert_eq!(
            counts("más de 3,3 toneladas de cocaína y 1,5 millones de euros", Lang::Es),
            vec![c(3.3, MoreThan, "tonne of cocaine"), c(1.5e6, Exact, "euro")]
        );
        assert_eq!(counts("casi doce registros", Lang::Es), vec![c(12.0, About, "search")]);
        // Words of real reports for content, vehicles, victims and officers.
        for (text, lang, want) in [
            (
                "se retiraron más de 9.000 artículos de contenido",
                Lang::Es,
                vec![c(9000.0, MoreThan, "item")],
            ),
            (
                "de politie controleerde 1.200 voertuigen en hield 40 criminelen aan",
                Lang::Nl,
                vec![c(1200.0, Exact, "vehicle"), c(40.0, Exact, "person")],
            ),
            (
                "Die Polizei befreite 52 Opfer und setzte 900 Einsatzkräfte ein.",
                Lang::De,
                vec![c(52.0, Exact, "victim"), c(900.0, Exact, "officer")],
            ),
            (
                "plus de 300 officiers et 20 enquêteurs",
                Lang::Fr,
                vec![c(300.0, MoreThan, "officer"), c(20.0, Exact, "investigator")],
            ),
        ] {
            assert_eq!(counts(text, lang), want, "{text}");
        }
    }

    #[test]
    fn non_counts_are_skipped() {
        for t in [
            "The campaign started in 2015 and ended in 2019.",
            "Each evening at 1830 UTC, and at 18:30.",
            "It was the 11th operation and the 3rd phase.",
            "Call number 3 or Article 5 of the law.",
            "A man aged 23 and a 28-year-old woman.",
            "The suspects, aged between 20 and 30, were held.",
            "Covid-19 and the G7 summit in the 1990s.",
            "Contact +31 70 302 5000 for details.",
        ] {
            assert!(counts(t, Lang::En).is_empty(), "{t}: {:?}", counts(t, Lang::En));
        }
        assert!(counts("die 11. gemeinsame Aktion", Lang::De).is_empty());
        assert!(counts("($1 = 0.9268 euros)", Lang::En).is_empty());
        assert!(counts("and four each in Italy and Spain", Lang::En).is_empty());
        assert!(counts("Mit der Operation Endgame 2.0 haben wir erneut gezeigt", Lang::De).is_empty());
        assert_eq!(counts("mehr als 2.0 Tonnen", Lang::De), vec![c(2.0, MoreThan, "tonne")]);
        assert!(counts("le chef, un Lituanien de 48 ans", Lang::Fr).is_empty());
        assert!(counts("detuvieron a un hombre de 30 años", Lang::Es).is_empty());
        assert_eq!(
            counts("condenado a una pena de 12 años", Lang::Es),
            vec![c(12.0, Exact, "year")]
        );
        assert_eq!(
            counts("drei Betreiber im Alter von 22 bis 31 Jahren", Lang::De),
            vec![c(3.0, Exact, "betreiber")]
        );
        assert!(counts("deux hommes âgés de 25 et 31 ans", Lang::Fr).len() == 1);
        assert!(counts("le 1er juillet", Lang::Fr).is_empty());
        assert!(counts("one of the largest markets", Lang::En).is_empty());
        assert!(counts("One particular type of malware", Lang::En).is_empty());
        assert!(counts(
            "a four-day operation and a 36-hour campaign with 1,000-euro phones",
            Lang::En
        )
        .is_empty());
        assert!(counts(
            "from 07.00 until 19.00 on Saturday, during the 36 hour period",
            Lang::En
        )
        .is_empty());
        assert!(counts("the court number 3 and 5 of the city", Lang::En).is_empty());
        assert_eq!(
            counts("Close to 200 of the arrests were notable.", Lang::En),
            vec![c(200.0, About, "arrest")]
        );
        assert_eq!(
            counts("Two major law enforcement operations", Lang::En),
            vec![c(2.0, Exact, "operation")]
        );
        assert_eq!(
            counts("350 000 illicit commodities including drugs", Lang::En),
            vec![c(350000.0, Exact, "commodities")]
        );
        assert_eq!(
            counts("17 beschlagnahmte Rechner", Lang::De),
            vec![c(17.0, Exact, "rechner")]
        );
        assert_eq!(counts("40 illegale wapens", Lang::Nl), vec![c(40.0, Exact, "weapon")]);
        // excluded spans (dates) are skipped
        let t = "On 21 November 2019 police removed 300 items.";
        let ex = [Span::new(3, 19)];
        let v = find_counts(t, Lang::En, &ex);
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].value, 300.0);
        assert_eq!(v[0].span.slice(t), "300");
        assert_eq!(v[0].unit_span.map(|s| s.slice(t)), Some("items"));
    }

    #[test]
    fn spans_cover_qualifier_and_multiplier() {
        let t = "worth more than 1.5 million euros";
        let v = find_counts(t, Lang::En, &[]);
        assert_eq!(v[0].span.slice(t), "more than 1.5 million");
        assert_eq!(v[0].unit.as_deref(), Some("euro"));
    }
}

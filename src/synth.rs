//! Synthetic corpora for benchmarks, scale runs and self-scoring tests.
//!
//! [`generate`] writes `N` news-like reports about invented law-enforcement operations in
//! English, Dutch, French, German and Spanish, built from templates written for this
//! project and a small built-in vocabulary of real agency, country, group, outlet,
//! market and platform names (plus invented spokespersons). Several reports tell each
//! operation — different languages, different subsets of the facts, dates at different
//! precisions — so that the cross-report merge is exercised.
//!
//! Next to the reports it writes `gold.json` (the digest/gold shape of
//! `../shared/gold/SCHEMA.md`: exactly the facts the generated texts state, so a
//! perfect extractor scores 1.0) and a `sources.json` manifest (title, published date,
//! language per file). With `jsonl` the reports go to one `corpus.jsonl` instead of one
//! file each; ids and gold are the same in both modes.
//!
//! The output is a pure function of the options: the same seed gives byte-identical
//! files ([`rand_chacha::ChaCha8Rng`], ordered maps only). Reports stream to disk; what
//! stays in memory is one operation at a time plus, per vocabulary entity, the indices
//! of the reports naming it (a few bytes per report), so 100k reports need a few MB.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::digest::{DigestCount, DigestEntity, DigestOperation};
use crate::error::{Error, Result};
use crate::model::{EntityType, Lang, PartialDate, Qualifier, Role};

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

/// What part an entity of the vocabulary can play in a generated operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    /// An EU agency or unit: coordinates, supports, speaks.
    EuAgency,
    /// A national agency: leads.
    NatAgency,
    Country,
    /// A terrorist group whose propaganda is targeted.
    PropGroup,
    /// A propaganda outlet of such a group.
    Outlet,
    /// A darknet market.
    Market,
    /// A botnet (a Group named after its malware).
    Botnet,
    /// An online platform content is referred to.
    Platform,
    /// A city for datelines.
    Place,
    /// An invented spokesperson.
    Person,
}

/// One vocabulary entry. Arrays are indexed by language: en, nl, fr, de, es.
#[derive(Debug)]
struct Ent {
    key: &'static str,
    etype: EntityType,
    cat: Cat,
    /// The bare name in each language.
    names: [&'static str; 5],
    /// The form used after a preposition or in a list (article, German dative).
    form: [&'static str; 5],
    /// "in X" (countries only).
    inside: [&'static str; 5],
    /// Country key of a national agency.
    country: &'static str,
}

const NO5: [&str; 5] = ["", "", "", "", ""];

const fn plain(key: &'static str, etype: EntityType, cat: Cat, name: &'static str) -> Ent {
    let n = [name, name, name, name, name];
    Ent {
        key,
        etype,
        cat,
        names: n,
        form: n,
        inside: NO5,
        country: "",
    }
}

const fn named(
    key: &'static str,
    etype: EntityType,
    cat: Cat,
    names: [&'static str; 5],
    form: [&'static str; 5],
) -> Ent {
    Ent {
        key,
        etype,
        cat,
        names,
        form,
        inside: NO5,
        country: "",
    }
}

const fn nat(key: &'static str, country: &'static str, names: [&'static str; 5], form: [&'static str; 5]) -> Ent {
    Ent {
        key,
        etype: EntityType::Agency,
        cat: Cat::NatAgency,
        names,
        form,
        inside: NO5,
        country,
    }
}

const fn country(
    key: &'static str,
    names: [&'static str; 5],
    form: [&'static str; 5],
    inside: [&'static str; 5],
) -> Ent {
    Ent {
        key,
        etype: EntityType::Country,
        cat: Cat::Country,
        names,
        form,
        inside,
        country: "",
    }
}

const fn place(key: &'static str, names: [&'static str; 5]) -> Ent {
    named(key, EntityType::Place, Cat::Place, names, names)
}

const fn person(key: &'static str, name: &'static str) -> Ent {
    plain(key, EntityType::Person, Cat::Person, name)
}

use EntityType as T;

/// The vocabulary: real names (keys follow the project gazetteer's slugs), invented persons.
static VOCAB: &[Ent] = &[
    // EU agencies and units.
    plain("europol", T::Agency, Cat::EuAgency, "Europol"),
    plain("eurojust", T::Agency, Cat::EuAgency, "Eurojust"),
    named(
        "eu-iru",
        T::Agency,
        Cat::EuAgency,
        [
            "EU Internet Referral Unit",
            "Internet Referral Unit van Europol",
            "Unité de signalement des contenus sur internet de l'UE",
            "EU-Meldestelle für Internetinhalte",
            "Unidad de Referencia de Internet de la UE",
        ],
        [
            "the EU Internet Referral Unit",
            "de Internet Referral Unit van Europol",
            "l'Unité de signalement des contenus sur internet de l'UE",
            "der EU-Meldestelle für Internetinhalte",
            "la Unidad de Referencia de Internet de la UE",
        ],
    ),
    named(
        "ec3",
        T::Agency,
        Cat::EuAgency,
        [
            "European Cybercrime Centre",
            "Europees Cybercrimecentrum",
            "Centre européen de lutte contre la cybercriminalité",
            "Europäisches Zentrum zur Bekämpfung der Cyberkriminalität",
            "Centro Europeo de Ciberdelincuencia",
        ],
        [
            "the European Cybercrime Centre",
            "het Europees Cybercrimecentrum",
            "le Centre européen de lutte contre la cybercriminalité",
            "dem Europäischen Zentrum zur Bekämpfung der Cyberkriminalität",
            "el Centro Europeo de Ciberdelincuencia",
        ],
    ),
    named(
        "ectc",
        T::Agency,
        Cat::EuAgency,
        [
            "European Counter Terrorism Centre",
            "Europees Centrum voor terrorismebestrijding",
            "Centre européen de la lutte contre le terrorisme",
            "Europäisches Zentrum zur Terrorismusbekämpfung",
            "Centro Europeo contra el Terrorismo",
        ],
        [
            "the European Counter Terrorism Centre",
            "het Europees Centrum voor terrorismebestrijding",
            "le Centre européen de la lutte contre le terrorisme",
            "dem Europäischen Zentrum zur Terrorismusbekämpfung",
            "el Centro Europeo contra el Terrorismo",
        ],
    ),
    // National agencies.
    nat(
        "be-federal-prosecutor",
        "belgium",
        [
            "Belgian Federal Prosecutor's Office",
            "federaal parket",
            "parquet fédéral belge",
            "belgische Bundesanwaltschaft",
            "Fiscalía Federal belga",
        ],
        [
            "the Belgian Federal Prosecutor's Office",
            "het federaal parket",
            "le parquet fédéral belge",
            "der belgischen Bundesanwaltschaft",
            "la Fiscalía Federal belga",
        ],
    ),
    nat(
        "be-federal-police",
        "belgium",
        [
            "Belgian Federal Police",
            "Federale Politie",
            "police fédérale belge",
            "belgische Bundespolizei",
            "Policía Federal belga",
        ],
        [
            "the Belgian Federal Police",
            "de Federale Politie",
            "la police fédérale belge",
            "der belgischen Bundespolizei",
            "la Policía Federal belga",
        ],
    ),
    nat(
        "guardia-civil",
        "spain",
        [
            "Guardia Civil",
            "Guardia Civil",
            "Guardia Civil",
            "Guardia Civil",
            "Guardia Civil",
        ],
        [
            "the Spanish Guardia Civil",
            "de Spaanse Guardia Civil",
            "la Guardia Civil espagnole",
            "der spanischen Guardia Civil",
            "la Guardia Civil",
        ],
    ),
    nat(
        "es-policia-nacional",
        "spain",
        [
            "Spanish National Police",
            "Spaanse nationale politie",
            "police nationale espagnole",
            "spanische Nationalpolizei",
            "Policía Nacional",
        ],
        [
            "the Spanish National Police",
            "de Spaanse nationale politie",
            "la police nationale espagnole",
            "der spanischen Nationalpolizei",
            "la Policía Nacional",
        ],
    ),
    nat(
        "bka",
        "germany",
        [
            "German Federal Criminal Police Office",
            "Duitse federale recherche",
            "Office fédéral de police criminelle",
            "Bundeskriminalamt",
            "Oficina Federal de Policía Criminal",
        ],
        [
            "the German Federal Criminal Police Office",
            "de Duitse federale recherche",
            "l'Office fédéral de police criminelle",
            "dem Bundeskriminalamt",
            "la Oficina Federal de Policía Criminal",
        ],
    ),
    nat(
        "fr-gendarmerie-nationale",
        "france",
        [
            "French National Gendarmerie",
            "Franse Gendarmerie",
            "Gendarmerie nationale",
            "französische Gendarmerie",
            "Gendarmería Nacional francesa",
        ],
        [
            "the French National Gendarmerie",
            "de Franse Gendarmerie",
            "la Gendarmerie nationale",
            "der französischen Gendarmerie",
            "la Gendarmería Nacional francesa",
        ],
    ),
    nat(
        "fbi",
        "united-states",
        ["FBI", "FBI", "FBI", "FBI", "FBI"],
        ["the FBI", "de FBI", "le FBI", "dem FBI", "el FBI"],
    ),
    nat(
        "nl-national-police",
        "netherlands",
        [
            "Dutch National Police",
            "Nationale Politie",
            "police nationale néerlandaise",
            "niederländische Nationalpolizei",
            "Policía Nacional neerlandesa",
        ],
        [
            "the Dutch National Police",
            "de Nationale Politie",
            "la police nationale néerlandaise",
            "der niederländischen Nationalpolizei",
            "la Policía Nacional neerlandesa",
        ],
    ),
    nat(
        "uk-ctiru",
        "united-kingdom",
        [
            "Counter Terrorism Internet Referral Unit",
            "Counter Terrorism Internet Referral Unit",
            "Counter Terrorism Internet Referral Unit",
            "Counter Terrorism Internet Referral Unit",
            "Counter Terrorism Internet Referral Unit",
        ],
        [
            "the UK Counter Terrorism Internet Referral Unit",
            "de Britse Counter Terrorism Internet Referral Unit",
            "la Counter Terrorism Internet Referral Unit britannique",
            "der britischen Counter Terrorism Internet Referral Unit",
            "la Counter Terrorism Internet Referral Unit británica",
        ],
    ),
    nat(
        "pt-policia-judiciaria",
        "portugal",
        [
            "Polícia Judiciária",
            "Polícia Judiciária",
            "Polícia Judiciária",
            "Polícia Judiciária",
            "Polícia Judiciária",
        ],
        [
            "the Portuguese Polícia Judiciária",
            "de Portugese Polícia Judiciária",
            "la Polícia Judiciária portugaise",
            "der portugiesischen Polícia Judiciária",
            "la Polícia Judiciária portuguesa",
        ],
    ),
    nat(
        "it-polizia-di-stato",
        "italy",
        [
            "Polizia di Stato",
            "Polizia di Stato",
            "Polizia di Stato",
            "Polizia di Stato",
            "Polizia di Stato",
        ],
        [
            "the Italian Polizia di Stato",
            "de Italiaanse Polizia di Stato",
            "la Polizia di Stato italienne",
            "der italienischen Polizia di Stato",
            "la Polizia di Stato italiana",
        ],
    ),
    // Countries.
    country(
        "belgium",
        ["Belgium", "België", "Belgique", "Belgien", "Bélgica"],
        ["Belgium", "België", "la Belgique", "Belgien", "Bélgica"],
        ["in Belgium", "in België", "en Belgique", "in Belgien", "en Bélgica"],
    ),
    country(
        "netherlands",
        ["Netherlands", "Nederland", "Pays-Bas", "Niederlande", "Países Bajos"],
        [
            "the Netherlands",
            "Nederland",
            "les Pays-Bas",
            "die Niederlande",
            "los Países Bajos",
        ],
        [
            "in the Netherlands",
            "in Nederland",
            "aux Pays-Bas",
            "in den Niederlanden",
            "en los Países Bajos",
        ],
    ),
    country(
        "france",
        ["France", "Frankrijk", "France", "Frankreich", "Francia"],
        ["France", "Frankrijk", "la France", "Frankreich", "Francia"],
        ["in France", "in Frankrijk", "en France", "in Frankreich", "en Francia"],
    ),
    country(
        "germany",
        ["Germany", "Duitsland", "Allemagne", "Deutschland", "Alemania"],
        ["Germany", "Duitsland", "l'Allemagne", "Deutschland", "Alemania"],
        [
            "in Germany",
            "in Duitsland",
            "en Allemagne",
            "in Deutschland",
            "en Alemania",
        ],
    ),
    country(
        "spain",
        ["Spain", "Spanje", "Espagne", "Spanien", "España"],
        ["Spain", "Spanje", "l'Espagne", "Spanien", "España"],
        ["in Spain", "in Spanje", "en Espagne", "in Spanien", "en España"],
    ),
    country(
        "italy",
        ["Italy", "Italië", "Italie", "Italien", "Italia"],
        ["Italy", "Italië", "l'Italie", "Italien", "Italia"],
        ["in Italy", "in Italië", "en Italie", "in Italien", "en Italia"],
    ),
    country(
        "united-kingdom",
        [
            "United Kingdom",
            "Verenigd Koninkrijk",
            "Royaume-Uni",
            "Großbritannien",
            "Reino Unido",
        ],
        [
            "the United Kingdom",
            "het Verenigd Koninkrijk",
            "le Royaume-Uni",
            "Großbritannien",
            "el Reino Unido",
        ],
        [
            "in the United Kingdom",
            "in het Verenigd Koninkrijk",
            "au Royaume-Uni",
            "in Großbritannien",
            "en el Reino Unido",
        ],
    ),
    country(
        "united-states",
        [
            "United States",
            "Verenigde Staten",
            "États-Unis",
            "USA",
            "Estados Unidos",
        ],
        [
            "the United States",
            "de Verenigde Staten",
            "les États-Unis",
            "die USA",
            "Estados Unidos",
        ],
        [
            "in the United States",
            "in de Verenigde Staten",
            "aux États-Unis",
            "in den USA",
            "en Estados Unidos",
        ],
    ),
    country(
        "canada",
        ["Canada", "Canada", "Canada", "Kanada", "Canadá"],
        ["Canada", "Canada", "le Canada", "Kanada", "Canadá"],
        ["in Canada", "in Canada", "au Canada", "in Kanada", "en Canadá"],
    ),
    country(
        "bulgaria",
        ["Bulgaria", "Bulgarije", "Bulgarie", "Bulgarien", "Bulgaria"],
        ["Bulgaria", "Bulgarije", "la Bulgarie", "Bulgarien", "Bulgaria"],
        [
            "in Bulgaria",
            "in Bulgarije",
            "en Bulgarie",
            "in Bulgarien",
            "en Bulgaria",
        ],
    ),
    country(
        "romania",
        ["Romania", "Roemenië", "Roumanie", "Rumänien", "Rumanía"],
        ["Romania", "Roemenië", "la Roumanie", "Rumänien", "Rumanía"],
        ["in Romania", "in Roemenië", "en Roumanie", "in Rumänien", "en Rumanía"],
    ),
    country(
        "portugal",
        ["Portugal", "Portugal", "Portugal", "Portugal", "Portugal"],
        ["Portugal", "Portugal", "le Portugal", "Portugal", "Portugal"],
        [
            "in Portugal",
            "in Portugal",
            "au Portugal",
            "in Portugal",
            "en Portugal",
        ],
    ),
    country(
        "poland",
        ["Poland", "Polen", "Pologne", "Polen", "Polonia"],
        ["Poland", "Polen", "la Pologne", "Polen", "Polonia"],
        ["in Poland", "in Polen", "en Pologne", "in Polen", "en Polonia"],
    ),
    country(
        "austria",
        ["Austria", "Oostenrijk", "Autriche", "Österreich", "Austria"],
        ["Austria", "Oostenrijk", "l'Autriche", "Österreich", "Austria"],
        [
            "in Austria",
            "in Oostenrijk",
            "en Autriche",
            "in Österreich",
            "en Austria",
        ],
    ),
    country(
        "sweden",
        ["Sweden", "Zweden", "Suède", "Schweden", "Suecia"],
        ["Sweden", "Zweden", "la Suède", "Schweden", "Suecia"],
        ["in Sweden", "in Zweden", "en Suède", "in Schweden", "en Suecia"],
    ),
    country(
        "ireland",
        ["Ireland", "Ierland", "Irlande", "Irland", "Irlanda"],
        ["Ireland", "Ierland", "l'Irlande", "Irland", "Irlanda"],
        ["in Ireland", "in Ierland", "en Irlande", "in Irland", "en Irlanda"],
    ),
    // Groups whose propaganda is targeted.
    named(
        "islamic-state",
        T::Group,
        Cat::PropGroup,
        [
            "Islamic State",
            "Islamitische Staat",
            "État islamique",
            "Islamischer Staat",
            "Estado Islámico",
        ],
        [
            "Islamic State",
            "Islamitische Staat",
            "État islamique",
            "Islamischer Staat",
            "Estado Islámico",
        ],
    ),
    named(
        "al-qaeda",
        T::Group,
        Cat::PropGroup,
        ["al-Qaeda", "al-Qaida", "Al-Qaïda", "al-Qaida", "Al Qaeda"],
        ["al-Qaeda", "al-Qaida", "Al-Qaïda", "al-Qaida", "Al Qaeda"],
    ),
    // Outlets.
    plain("amaq", T::Outlet, Cat::Outlet, "Amaq"),
    plain("nashir", T::Outlet, Cat::Outlet, "Nashir"),
    plain("al-bayan", T::Outlet, Cat::Outlet, "al-Bayan"),
    plain("al-furqan", T::Outlet, Cat::Outlet, "Al-Furqan"),
    plain("al-hayat", T::Outlet, Cat::Outlet, "Al-Hayat Media Center"),
    // Darknet markets.
    plain("alphabay", T::Company, Cat::Market, "AlphaBay"),
    plain("hansa", T::Company, Cat::Market, "Hansa"),
    plain("dream-market", T::Company, Cat::Market, "Dream Market"),
    plain("empire-market", T::Company, Cat::Market, "Empire Market"),
    plain("genesis-market", T::Company, Cat::Market, "Genesis Market"),
    plain("darkmarket", T::Company, Cat::Market, "DarkMarket"),
    // Botnets.
    plain("emotet", T::Group, Cat::Botnet, "Emotet"),
    plain("trickbot", T::Group, Cat::Botnet, "TrickBot"),
    plain("qakbot", T::Group, Cat::Botnet, "Qakbot"),
    plain("icedid", T::Group, Cat::Botnet, "IcedID"),
    plain("smokeloader", T::Group, Cat::Botnet, "Smokeloader"),
    plain("dridex", T::Group, Cat::Botnet, "Dridex"),
    // Platforms.
    plain("telegram", T::Company, Cat::Platform, "Telegram"),
    plain("google", T::Company, Cat::Platform, "Google"),
    plain("facebook", T::Company, Cat::Platform, "Facebook"),
    plain("microsoft", T::Company, Cat::Platform, "Microsoft"),
    plain("tiktok", T::Company, Cat::Platform, "TikTok"),
    // Dateline places.
    place("the-hague", ["The Hague", "Den Haag", "La Haye", "Den Haag", "La Haya"]),
    place("brussels", ["Brussels", "Brussel", "Bruxelles", "Brüssel", "Bruselas"]),
    place("madrid", ["Madrid", "Madrid", "Madrid", "Madrid", "Madrid"]),
    place("paris", ["Paris", "Parijs", "Paris", "Paris", "París"]),
    place("berlin", ["Berlin", "Berlijn", "Berlin", "Berlin", "Berlín"]),
    place("lisbon", ["Lisbon", "Lissabon", "Lisbonne", "Lissabon", "Lisboa"]),
    // Invented spokespersons.
    person("person-marta-lindqvist", "Marta Lindqvist"),
    person("person-jan-de-smet", "Jan De Smet"),
    person("person-claire-dubois", "Claire Dubois"),
    person("person-stefan-kramer", "Stefan Krämer"),
    person("person-lucia-ortega", "Lucía Ortega"),
    person("person-pieter-van-dam", "Pieter van Dam"),
    person("person-sofia-marques", "Sofia Marques"),
    person("person-tomasz-nowak", "Tomasz Nowak"),
    person("person-helen-ward", "Helen Ward"),
    person("person-marco-bellini", "Marco Bellini"),
    person("person-ingrid-hoffmann", "Ingrid Hoffmann"),
    person("person-raul-dominguez", "Raúl Domínguez"),
];

fn of_cat(cat: Cat) -> Vec<usize> {
    VOCAB
        .iter()
        .enumerate()
        .filter(|(_, e)| e.cat == cat)
        .map(|(i, _)| i)
        .collect()
}

fn index_of(key: &str) -> Option<usize> {
    VOCAB.iter().position(|e| e.key == key)
}

/// Leading articles stripped from list/preposition forms to get gold names.
const ARTICLES: &[&str] = &[
    "the ", "het ", "de ", "le ", "la ", "l'", "les ", "der ", "dem ", "den ", "die ", "das ", "el ", "los ", "las ",
];

fn strip_article(s: &str) -> &str {
    for a in ARTICLES {
        if let Some(rest) = s.strip_prefix(a) {
            return rest;
        }
    }
    s
}

/// Every name the generator can write for a vocabulary entry.
fn gold_names(e: &Ent) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for n in e.names.iter().chain(e.form.iter()) {
        let n = strip_article(n);
        if !n.is_empty() && seen.insert(n) {
            out.push(n.to_string());
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Language packs (templates written for this project)
// ---------------------------------------------------------------------------------------

/// Units of generated counts, with their digest name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Item,
    Account,
    Server,
    Domain,
    Arrest,
}

impl Unit {
    fn as_str(self) -> &'static str {
        match self {
            Unit::Item => "item",
            Unit::Account => "account",
            Unit::Server => "server",
            Unit::Domain => "domain",
            Unit::Arrest => "arrest",
        }
    }
    fn idx(self) -> usize {
        self as usize
    }
}

/// The kind of operation, which decides targets, counts and wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scenario {
    Propaganda,
    Market,
    Botnet,
}

/// The templates of one language. `{x}` placeholders are filled by [`fill`]; a
/// placeholder written with a capital (`{When}`) gets its first letter capitalised.
struct Pack {
    lang: Lang,
    months: [&'static str; 12],
    and: &'static str,
    headline: [&'static [&'static str]; 3],
    lead: [&'static [&'static str]; 3],
    outlets: &'static [&'static str],
    led: &'static [&'static str],
    coord: &'static [&'static str],
    support: &'static [&'static str],
    participants: &'static [&'static str],
    partners: &'static [&'static str],
    /// Nouns of the units, in unit order (item, account, server, domain, arrest).
    nouns: [&'static str; 5],
    /// A sentence per unit (arrest: with `{inside}`).
    count_sentence: [&'static [&'static str]; 5],
    /// A location sentence without a count.
    arrests_no_count: &'static [&'static str],
    more_than: &'static [&'static str],
    about: &'static [&'static str],
    quote: &'static [&'static str],
    quote_text: &'static [&'static str],
    boilerplate: &'static [&'static str],
    /// Context sentences without entities, numbers, dates or role cues.
    background: &'static [&'static str],
}

static PACKS: [Pack; 5] = [
    Pack {
        lang: Lang::En,
        months: [
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December",
        ],
        and: "and",
        headline: [
            &[
                "Police hit {group} propaganda online",
                "Joint action takes {group} media offline",
            ],
            &[
                "Darknet market {target} taken offline",
                "Police shut down darknet market {target}",
            ],
            &[
                "Investigators disrupt {target} botnet",
                "International action dismantles {target} botnet",
            ],
        ],
        lead: [
            &[
                "{When}, law enforcement agencies from several countries took action against the online propaganda of the terrorist group {group}.",
                "{When}, police and prosecutors carried out a coordinated referral action targeting the terrorist group {group}.",
            ],
            &[
                "{When}, police took down the darknet market {target}.",
                "{When}, investigators seized the infrastructure of the darknet market {target}.",
            ],
            &[
                "{When}, investigators disrupted the infrastructure of the {target} botnet.",
                "{When}, police dismantled the {target} botnet in a coordinated action.",
            ],
        ],
        outlets: &[
            "The action also hit its outlets {list}.",
            "Its media outlets {list} were targeted as well.",
        ],
        led: &[
            "The operation was led by {x}.",
            "The investigation was conducted under the direction of {x}.",
        ],
        coord: &[
            "The action was coordinated by {x}.",
            "It was coordinated through {x}.",
        ],
        support: &[
            "Investigators worked with the support of {x}.",
            "The operation was supported by {x}.",
        ],
        participants: &[
            "Authorities from {list} took part.",
            "Police forces from {list} were involved.",
        ],
        partners: &[
            "The material was referred to online service providers including {list}.",
        ],
        nouns: ["items", "accounts", "servers", "domains", "arrests"],
        count_sentence: [
            &["{N} were referred for removal.", "Investigators flagged {n} for removal."],
            &["{N} were suspended.", "In addition, {n} were suspended."],
            &["Investigators seized {n}.", "Police seized {n}."],
            &["{N} were taken over by law enforcement.", "Police also seized {n}."],
            &["{N} were made {inside}."],
        ],
        arrests_no_count: &["Suspects were arrested {inside}.", "Arrests were made {inside}."],
        more_than: &["more than", "over"],
        about: &["about", "some"],
        quote: &["\"{q}\", said {p}, a spokesperson for {agency}."],
        quote_text: &[
            "This action shows what close cooperation between our partners can achieve",
            "We will keep pursuing those who spread this material",
            "Criminals should know that the internet is not a safe haven",
        ],
        boilerplate: &[
            "Share this article",
            "Related: more news on cybercrime",
            "All rights reserved.",
            "Subscribe to our newsletter",
        ],
        background: &[
            "Investigators had been monitoring the infrastructure for months before the action.",
            "Such networks rely on a small number of administrators and many anonymous users.",
            "Experts say that the material often reappears on smaller platforms within days.",
            "Cross-border cooperation has become routine in cases of this kind.",
            "The suspects are presumed innocent until proven guilty.",
            "Further investigative steps are expected in the coming weeks.",
        ],
    },
    Pack {
        lang: Lang::Nl,
        months: [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
            "september", "oktober", "november", "december",
        ],
        and: "en",
        headline: [
            &[
                "Internationale actie tegen propaganda van {group}",
                "Politie legt propaganda van {group} stil",
            ],
            &[
                "Darkwebmarkt {target} offline gehaald",
                "Politie sluit darkwebmarkt {target}",
            ],
            &["Botnet {target} ontmanteld", "Internationale actie tegen botnet {target}"],
        ],
        lead: [
            &[
                "{When} voerden politiediensten uit verschillende landen een actie uit tegen de online propaganda van terreurgroep {group}.",
                "{When} werd een gezamenlijke actie gehouden tegen de propaganda van terreurgroep {group}.",
            ],
            &[
                "{When} haalde de politie de darkwebmarkt {target} offline.",
                "{When} nam de recherche de infrastructuur van de darkwebmarkt {target} over.",
            ],
            &[
                "{When} legden rechercheurs de infrastructuur van het botnet {target} plat.",
                "{When} werd het botnet {target} bij een gezamenlijke actie ontmanteld.",
            ],
        ],
        outlets: &[
            "Ook de kanalen {list} werden getroffen.",
            "De actie trof ook de propagandakanalen {list}.",
        ],
        led: &[
            "De actie stond onder leiding van {x}.",
            "Het onderzoek werd geleid door {x}.",
        ],
        coord: &[
            "De actie werd gecoördineerd door {x}.",
            "De coördinatie lag in handen van {x}.",
        ],
        support: &[
            "Dat gebeurde met steun van {x}.",
            "De actie werd ondersteund door {x}.",
        ],
        participants: &[
            "Ook {list} namen deel aan de actie.",
            "Aan de actie werkten politiediensten uit {list} mee.",
        ],
        partners: &["Het materiaal werd doorgestuurd naar onlinediensten zoals {list}."],
        nouns: ["items", "accounts", "servers", "domeinen", "aanhoudingen"],
        count_sentence: [
            &["Er werden {n} gemarkeerd voor verwijdering.", "In totaal werden {n} verwijderd."],
            &["Daarnaast werden {n} geblokkeerd.", "Er werden {n} geschorst."],
            &["De politie nam {n} in beslag.", "Rechercheurs namen {n} in beslag."],
            &["Ook werden {n} overgenomen.", "De politie nam {n} over."],
            &["{Inside} werden {n} verricht."],
        ],
        arrests_no_count: &[
            "{Inside} werden verdachten aangehouden.",
            "{Inside} volgden aanhoudingen.",
        ],
        more_than: &["meer dan", "ruim"],
        about: &["ongeveer", "zo'n"],
        quote: &["\"{q}\", zei {p}, woordvoerder van {agency}."],
        quote_text: &[
            "Deze actie laat zien wat nauwe samenwerking kan opleveren",
            "We blijven de verspreiders van dit materiaal opsporen",
            "Criminelen moeten weten dat het internet geen vrijhaven is",
        ],
        boilerplate: &[
            "Deel dit artikel",
            "Lees ook: meer nieuws over cybercrime",
            "Alle rechten voorbehouden.",
        ],
        background: &[
            "Rechercheurs hielden de infrastructuur al maanden in het oog.",
            "Zulke netwerken draaien op een kleine groep beheerders en veel anonieme gebruikers.",
            "Volgens experts duikt het materiaal vaak snel weer op kleinere platforms op.",
            "Grensoverschrijdende samenwerking is in dit soort zaken inmiddels gebruikelijk.",
            "Voor de verdachten geldt het vermoeden van onschuld.",
            "Het onderzoek loopt verder.",
        ],
    },
    Pack {
        lang: Lang::Fr,
        months: [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
            "septembre", "octobre", "novembre", "décembre",
        ],
        and: "et",
        headline: [
            &[
                "Propagande de l'organisation {group} : une opération européenne",
                "Coup dur pour la propagande de l'organisation {group}",
            ],
            &[
                "Le marché du darknet {target} démantelé",
                "La police ferme le marché du darknet {target}",
            ],
            &["Le botnet {target} démantelé", "Opération internationale contre le botnet {target}"],
        ],
        lead: [
            &[
                "{When}, des services de police de plusieurs pays ont mené une opération contre la propagande en ligne de l'organisation {group}.",
                "{When}, une action coordonnée a visé la propagande de l'organisation {group}.",
            ],
            &[
                "{When}, la police a démantelé le marché du darknet {target}.",
                "{When}, les enquêteurs ont saisi l'infrastructure du marché du darknet {target}.",
            ],
            &[
                "{When}, les enquêteurs ont démantelé l'infrastructure du botnet {target}.",
                "{When}, le botnet {target} a été mis hors service lors d'une action coordonnée.",
            ],
        ],
        outlets: &[
            "L'opération a aussi visé ses médias {list}.",
            "Ses organes de propagande {list} ont également été touchés.",
        ],
        led: &[
            "L'opération a été dirigée par {x}.",
            "L'enquête a été menée sous la direction de {x}.",
        ],
        coord: &[
            "Elle a été coordonnée par {x}.",
            "L'action a été coordonnée par {x}.",
        ],
        support: &[
            "Les enquêteurs ont bénéficié du soutien de {x}.",
            "L'opération a été menée avec le soutien de {x}.",
        ],
        participants: &[
            "Plusieurs pays ont participé, dont {list}.",
            "Des enquêteurs de {list} y ont pris part.",
        ],
        partners: &["Les contenus ont été signalés à des plateformes comme {list}."],
        nouns: ["contenus", "comptes", "serveurs", "domaines", "arrestations"],
        count_sentence: [
            &["{N} ont été signalés pour suppression.", "Au total, {n} ont été retirés."],
            &["{N} ont été suspendus.", "Par ailleurs, {n} ont été suspendus."],
            &["Les enquêteurs ont saisi {n}.", "La police a saisi {n}."],
            &["{N} ont été saisis.", "La police a également saisi {n}."],
            &["{N} ont eu lieu {inside}."],
        ],
        arrests_no_count: &[
            "Des suspects ont été interpellés {inside}.",
            "Des arrestations ont eu lieu {inside}.",
        ],
        more_than: &["plus de"],
        about: &["environ", "quelque"],
        quote: &["« {q} », a déclaré {p}, porte-parole de {agency}."],
        quote_text: &[
            "Cette action montre ce que permet une coopération étroite",
            "Nous continuerons à poursuivre ceux qui diffusent ces contenus",
            "Internet n'est pas une zone de non-droit",
        ],
        boilerplate: &[
            "Partager cet article",
            "À lire aussi : plus d'actualités",
            "Tous droits réservés.",
        ],
        background: &[
            "Les enquêteurs surveillaient l'infrastructure depuis des mois.",
            "Ces réseaux reposent sur quelques administrateurs et de nombreux utilisateurs anonymes.",
            "Selon des experts, les contenus réapparaissent souvent rapidement sur de plus petites plateformes.",
            "La coopération transfrontalière est devenue habituelle dans ce type d'affaires.",
            "Les suspects sont présumés innocents.",
            "L'enquête se poursuit.",
        ],
    },
    Pack {
        lang: Lang::De,
        months: [
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
            "September", "Oktober", "November", "Dezember",
        ],
        and: "und",
        headline: [
            &[
                "Schlag gegen Propaganda der Terrormiliz {group}",
                "Ermittler legen Propaganda der Terrormiliz {group} lahm",
            ],
            &[
                "Darknet-Marktplatz {target} abgeschaltet",
                "Polizei schließt Darknet-Marktplatz {target}",
            ],
            &["Botnetz {target} zerschlagen", "Internationaler Schlag gegen Botnetz {target}"],
        ],
        lead: [
            &[
                "{When} gingen Ermittler aus mehreren Ländern gegen die Online-Propaganda der Terrormiliz {group} vor.",
                "{When} richtete sich eine koordinierte Aktion gegen die Propaganda der Terrormiliz {group}.",
            ],
            &[
                "{When} nahmen Ermittler den Darknet-Marktplatz {target} vom Netz.",
                "{When} beschlagnahmte die Polizei die Infrastruktur des Darknet-Marktplatzes {target}.",
            ],
            &[
                "{When} zerschlugen Ermittler die Infrastruktur des Botnetzes {target}.",
                "{When} wurde das Botnetz {target} in einer koordinierten Aktion abgeschaltet.",
            ],
        ],
        outlets: &[
            "Getroffen wurden auch die Sprachrohre {list}.",
            "Die Aktion traf auch die Propagandakanäle {list}.",
        ],
        led: &[
            "Die Aktion wurde von {x} geleitet.",
            "Geleitet wurde der Einsatz von {x}.",
        ],
        coord: &[
            "Koordiniert wurde die Aktion von {x}.",
            "Die Aktion wurde von {x} koordiniert.",
        ],
        support: &[
            "Unterstützt wurden die Ermittler von {x}.",
            "Die Ermittlungen wurden von {x} unterstützt.",
        ],
        participants: &[
            "Beteiligt waren unter anderem {list}.",
            "Zu den beteiligten Staaten gehörten {list}.",
        ],
        partners: &["Die Inhalte wurden an Plattformen wie {list} gemeldet."],
        nouns: ["Inhalte", "Konten", "Server", "Domains", "Festnahmen"],
        count_sentence: [
            &["Insgesamt wurden {n} zur Löschung gemeldet.", "Es wurden {n} entfernt."],
            &["Außerdem wurden {n} gesperrt.", "Gesperrt wurden {n}."],
            &["Die Ermittler beschlagnahmten {n}.", "Die Polizei stellte {n} sicher."],
            &["Zudem wurden {n} übernommen.", "Die Polizei beschlagnahmte {n}."],
            &["{Inside} gab es {n}."],
        ],
        arrests_no_count: &[
            "{Inside} wurden Verdächtige festgenommen.",
            "{Inside} kam es zu Festnahmen.",
        ],
        more_than: &["mehr als", "über"],
        about: &["rund", "etwa"],
        quote: &["„{q}“, sagte {p}, Sprecher von {agency}."],
        quote_text: &[
            "Diese Aktion zeigt, was enge Zusammenarbeit erreichen kann",
            "Wir verfolgen weiterhin alle, die dieses Material verbreiten",
            "Das Internet ist kein rechtsfreier Raum",
        ],
        boilerplate: &[
            "Artikel teilen",
            "Mehr zum Thema Cyberkriminalität",
            "Alle Rechte vorbehalten.",
        ],
        background: &[
            "Die Ermittler hatten die Infrastruktur bereits seit Monaten beobachtet.",
            "Solche Netzwerke stützen sich auf wenige Administratoren und viele anonyme Nutzer.",
            "Fachleuten zufolge taucht das Material oft rasch auf kleineren Plattformen wieder auf.",
            "Grenzüberschreitende Zusammenarbeit ist in solchen Fällen inzwischen Routine.",
            "Für die Verdächtigen gilt die Unschuldsvermutung.",
            "Die Ermittlungen dauern an.",
        ],
    },
    Pack {
        lang: Lang::Es,
        months: [
            "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "septiembre", "octubre", "noviembre", "diciembre",
        ],
        and: "y",
        headline: [
            &[
                "Golpe a la propaganda del grupo {group}",
                "Operación europea contra la propaganda del grupo {group}",
            ],
            &[
                "Desmantelado el mercado {target} de la web oscura",
                "La policía cierra el mercado {target} de la web oscura",
            ],
            &["Desmantelada la botnet {target}", "Golpe internacional a la botnet {target}"],
        ],
        lead: [
            &[
                "{When}, agentes de varios países llevaron a cabo una operación contra la propaganda en línea del grupo {group}.",
                "{When}, una acción coordinada se dirigió contra la propaganda del grupo {group}.",
            ],
            &[
                "{When}, la policía desmanteló el mercado de la web oscura {target}.",
                "{When}, los investigadores intervinieron la infraestructura del mercado {target}.",
            ],
            &[
                "{When}, los investigadores desmantelaron la infraestructura de la botnet {target}.",
                "{When}, la botnet {target} quedó fuera de servicio en una acción coordinada.",
            ],
        ],
        outlets: &[
            "La operación afectó también a sus medios {list}.",
            "También fueron atacados sus canales de propaganda {list}.",
        ],
        led: &[
            "La operación fue dirigida por {x}.",
            "La investigación fue liderada por {x}.",
        ],
        coord: &[
            "La acción fue coordinada por {x}.",
            "La operación estuvo coordinada por {x}.",
        ],
        support: &[
            "La operación contó con el apoyo de {x}.",
            "Los investigadores trabajaron con el apoyo de {x}.",
        ],
        participants: &[
            "Participaron también {list}.",
            "En la operación participaron autoridades de {list}.",
        ],
        partners: &["El material se remitió a plataformas como {list}."],
        nouns: ["contenidos", "cuentas", "servidores", "dominios", "detenciones"],
        count_sentence: [
            &["Se señalaron {n} para su retirada.", "En total se retiraron {n}."],
            &["Además, se suspendieron {n}.", "Se bloquearon {n}."],
            &["Los investigadores intervinieron {n}.", "La policía incautó {n}."],
            &["También se intervinieron {n}.", "La policía se hizo con {n}."],
            &["Se practicaron {n} {inside}."],
        ],
        arrests_no_count: &["Hubo detenciones {inside}.", "Se detuvo a varios sospechosos {inside}."],
        more_than: &["más de"],
        about: &["alrededor de", "unos"],
        quote: &["\"{q}\", afirmó {p}, portavoz de {agency}."],
        quote_text: &[
            "Esta acción demuestra lo que permite una cooperación estrecha",
            "Seguiremos persiguiendo a quienes difunden este material",
            "Internet no es un espacio sin ley",
        ],
        boilerplate: &[
            "Compartir este artículo",
            "Más noticias sobre ciberdelincuencia",
            "Todos los derechos reservados.",
        ],
        background: &[
            "Los investigadores vigilaban la infraestructura desde hacía meses.",
            "Estas redes dependen de unos pocos administradores y de muchos usuarios anónimos.",
            "Según los expertos, el material suele reaparecer con rapidez en plataformas más pequeñas.",
            "La cooperación transfronteriza se ha vuelto habitual en casos de este tipo.",
            "Los sospechosos gozan de la presunción de inocencia.",
            "La investigación sigue abierta.",
        ],
    },
];

/// The row of the per-language tables (their five languages; anything else writes English).
fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Other => 0,
        l => l.index(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Fills `{name}` / `{Name}` placeholders; unknown names are left as they are.
fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let name = &after[..close];
        let lower = name.to_lowercase();
        match vars.iter().find(|(k, _)| *k == lower) {
            Some((_, v)) if name.starts_with(|c: char| c.is_uppercase()) => out.push_str(&capitalise(v)),
            Some((_, v)) => out.push_str(v),
            None => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// French and Spanish contractions after the fill ("de le" → "du", "de Europol" → "d'Europol").
fn contract(lang: Lang, s: String) -> String {
    match lang {
        Lang::Fr => {
            let mut s = s
                .replace(" de le ", " du ")
                .replace(" de les ", " des ")
                .replace(" à le ", " au ")
                .replace(" à les ", " aux ");
            for v in ["A", "E", "I", "O", "U", "É"] {
                s = s.replace(&format!(" de {v}"), &format!(" d'{v}"));
            }
            s
        }
        Lang::Es => s.replace(" de el ", " del ").replace(" a el ", " al "),
        _ => s,
    }
}

fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// A number with the thousands separator of the language.
fn format_number(v: u64, lang: Lang) -> String {
    let digits = v.to_string();
    if digits.len() <= 3 {
        return digits;
    }
    let sep = match lang {
        Lang::En | Lang::Other => ',',
        Lang::Fr => ' ',
        _ => '.',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// How precisely a report gives the operation's dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DateStyle {
    /// The start day (and the end day when the operation lasted several days).
    Full,
    /// The start day only.
    Day,
    /// The month only.
    Month,
}

fn date_phrase(p: &Pack, start: NaiveDate, end: NaiveDate, style: DateStyle, us: bool) -> String {
    let (d, m, y) = (start.day(), p.months[start.month0() as usize], start.year());
    let d2 = end.day();
    let range = style == DateStyle::Full && end > start;
    match (p.lang, style, range) {
        (Lang::Nl, DateStyle::Month, _) => format!("in {m} {y}"),
        (Lang::Nl, _, true) => format!("van {d} tot en met {d2} {m} {y}"),
        (Lang::Nl, _, false) => format!("op {d} {m} {y}"),
        (Lang::Fr, DateStyle::Month, _) => format!("en {m} {y}"),
        (Lang::Fr, _, true) => format!("du {} au {d2} {m} {y}", fr_day(d)),
        (Lang::Fr, _, false) => format!("le {} {m} {y}", fr_day(d)),
        (Lang::De, DateStyle::Month, _) => format!("im {m} {y}"),
        (Lang::De, _, true) => format!("vom {d}. bis {d2}. {m} {y}"),
        (Lang::De, _, false) => format!("am {d}. {m} {y}"),
        (Lang::Es, DateStyle::Month, _) => format!("en {m} de {y}"),
        (Lang::Es, _, true) => format!("entre el {d} y el {d2} de {m} de {y}"),
        (Lang::Es, _, false) => format!("el {d} de {m} de {y}"),
        (_, DateStyle::Month, _) => format!("in {m} {y}"),
        (_, _, true) if us => format!("between {m} {d} and {d2}, {y}"),
        (_, _, true) => format!("between {d} and {d2} {m} {y}"),
        (_, _, false) if us => format!("on {m} {d}, {y}"),
        (_, _, false) => format!("on {d} {m} {y}"),
    }
}

fn fr_day(d: u32) -> String {
    if d == 1 {
        "1er".into()
    } else {
        d.to_string()
    }
}

/// The publication date as a dateline, in the language's notation.
fn dateline(p: &Pack, date: NaiveDate, place: Option<&str>, variant: u32) -> String {
    let (d, mo, m, y) = (date.day(), date.month(), p.months[date.month0() as usize], date.year());
    let when = match (p.lang, variant % 2) {
        (Lang::En, 0) => format!("{d} {m} {y}"),
        (Lang::En, _) => format!("{m} {d}, {y}"),
        (Lang::Nl, 0) => format!("{d:02}/{mo:02}/{y}"),
        (Lang::Nl, _) => format!("{d} {m} {y}"),
        (Lang::Fr, _) => format!("{} {m} {y}", fr_day(d)),
        (Lang::De, 0) => format!("{d:02}.{mo:02}.{y}"),
        (Lang::De, _) => format!("{d}. {m} {y}"),
        (Lang::Es, _) => format!("{d} de {m} de {y}"),
        (Lang::Other, _) => date.to_string(),
    };
    match place {
        Some(pl) if p.lang == Lang::Nl => format!("{when}, {}. -", pl.to_uppercase()),
        Some(pl) => format!("{}, {when}", pl.to_uppercase()),
        None => when,
    }
}

// ---------------------------------------------------------------------------------------
// Operations and reports
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Count {
    value: u64,
    unit: Unit,
    qualifier: Qualifier,
}

/// One invented operation: the truth several reports tell parts of.
#[derive(Debug, Clone)]
struct Op {
    key: String,
    scenario: Scenario,
    start: NaiveDate,
    end: NaiveDate,
    leader: usize,
    coordinator: usize,
    supporters: Vec<usize>,
    participants: Vec<usize>,
    /// Main target (group, market or botnet).
    target: usize,
    outlets: Vec<usize>,
    partners: Vec<usize>,
    location: Option<usize>,
    counts: Vec<Count>,
    spokesperson: usize,
    spokes_agency: usize,
}

/// What the reports of an operation said so far (the gold operation).
#[derive(Debug, Default)]
struct Told {
    reports: Vec<String>,
    roles: BTreeMap<Role, BTreeSet<usize>>,
    counts: Vec<Count>,
    day: bool,
    range: bool,
}

/// One generated report.
#[derive(Debug, Clone)]
pub struct SynthReport {
    /// File name (`000001-en.txt`, `000002-fr.html`); also the report id.
    pub id: String,
    pub language: Lang,
    pub title: String,
    pub published: PartialDate,
    /// Plain text.
    pub text: String,
    /// The HTML page for reports written as HTML.
    pub html: Option<String>,
    /// Key of the gold operation it tells.
    pub operation: String,
}

/// Streaming generator: an iterator of reports; the gold operations are handed out as
/// they are completed ([`Generator::take_finished`]) and the gold entities at the end
/// ([`Generator::gold_entities`]).
pub struct Generator {
    rng: ChaCha8Rng,
    html_share: f64,
    produced: usize,
    ops: usize,
    current: Option<(Op, u32, Told)>,
    finished: Vec<(String, DigestOperation)>,
    /// Per vocabulary entry, the (sorted) indices of the reports naming it.
    entity_reports: Vec<Vec<u32>>,
    /// Report names by index (for the gold entity `reports`).
    names: Vec<String>,
    cats: BTreeMap<&'static str, Vec<usize>>,
}

fn cat_name(c: Cat) -> &'static str {
    match c {
        Cat::EuAgency => "eu",
        Cat::NatAgency => "nat",
        Cat::Country => "country",
        Cat::PropGroup => "group",
        Cat::Outlet => "outlet",
        Cat::Market => "market",
        Cat::Botnet => "botnet",
        Cat::Platform => "platform",
        Cat::Place => "place",
        Cat::Person => "person",
    }
}

impl Generator {
    /// A generator for `seed`; `html_share` (0..=1) of the reports are HTML pages.
    pub fn new(seed: u64, html_share: f64) -> Generator {
        let mut cats = BTreeMap::new();
        for c in [
            Cat::EuAgency,
            Cat::NatAgency,
            Cat::Country,
            Cat::PropGroup,
            Cat::Outlet,
            Cat::Market,
            Cat::Botnet,
            Cat::Platform,
            Cat::Place,
            Cat::Person,
        ] {
            cats.insert(cat_name(c), of_cat(c));
        }
        Generator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            html_share: html_share.clamp(0.0, 1.0),
            produced: 0,
            ops: 0,
            current: None,
            finished: Vec::new(),
            entity_reports: vec![Vec::new(); VOCAB.len()],
            names: Vec::new(),
            cats,
        }
    }

    fn pick(&mut self, cat: Cat) -> usize {
        let v = &self.cats[cat_name(cat)];
        v.choose(&mut self.rng).copied().unwrap_or(0)
    }

    fn pick_n(&mut self, cat: Cat, n: usize, exclude: &[usize]) -> Vec<usize> {
        let mut v: Vec<usize> = self.cats[cat_name(cat)]
            .iter()
            .copied()
            .filter(|i| !exclude.contains(i))
            .collect();
        v.shuffle(&mut self.rng);
        v.truncate(n);
        v
    }

    fn plan_op(&mut self) -> Op {
        self.ops += 1;
        let r = &mut self.rng;
        let scenario = match r.random_range(0..10u32) {
            0..=4 => Scenario::Propaganda,
            5..=7 => Scenario::Market,
            _ => Scenario::Botnet,
        };
        let year = r.random_range(2015..=2024);
        let month = r.random_range(1..=12u32);
        let day = r.random_range(1..=24u32);
        let len = r.random_range(0..=3u32);
        let start = NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN);
        let end = start + chrono::Days::new(len as u64);
        let leader = self.pick(Cat::NatAgency);
        let eu = self.cats["eu"].clone();
        let coordinator = match scenario {
            Scenario::Propaganda => ["europol", "eu-iru", "ectc"],
            Scenario::Market | Scenario::Botnet => ["europol", "ec3", "eurojust"],
        }
        .choose(&mut self.rng)
        .and_then(|k| index_of(k))
        .unwrap_or(eu[0]);
        let n_sup = self.rng.random_range(0..=2usize);
        // Referral units and the counter-terrorism centre only support propaganda actions.
        let mut not_supporting = vec![coordinator];
        if scenario != Scenario::Propaganda {
            not_supporting.extend(["eu-iru", "ectc"].iter().filter_map(|k| index_of(k)));
        }
        let supporters = self.pick_n(Cat::EuAgency, n_sup, &not_supporting);
        let leader_country = index_of(VOCAB[leader].country);
        let n_part = self.rng.random_range(2..=7usize);
        let mut participants: Vec<usize> = leader_country.into_iter().collect();
        let more = self.pick_n(Cat::Country, n_part, &participants);
        participants.extend(more);
        participants.truncate(n_part.max(2));
        let (target, outlets, partners) = match scenario {
            Scenario::Propaganda => {
                let g = self.pick(Cat::PropGroup);
                let n_out = self.rng.random_range(0..=3usize);
                let outlets = self.pick_n(Cat::Outlet, n_out, &[]);
                let n_par = self.rng.random_range(0..=3usize);
                let partners = self.pick_n(Cat::Platform, n_par, &[]);
                (g, outlets, partners)
            }
            Scenario::Market => (self.pick(Cat::Market), Vec::new(), Vec::new()),
            Scenario::Botnet => (self.pick(Cat::Botnet), Vec::new(), Vec::new()),
        };
        let location = if self.rng.random_bool(0.6) {
            participants.choose(&mut self.rng).copied()
        } else {
            None
        };
        let mut counts = Vec::new();
        let units: &[Unit] = match scenario {
            Scenario::Propaganda => &[Unit::Item, Unit::Account],
            Scenario::Market => &[Unit::Server, Unit::Domain],
            Scenario::Botnet => &[Unit::Server, Unit::Domain],
        };
        for &u in units {
            if !self.rng.random_bool(0.75) {
                continue;
            }
            let r = &mut self.rng;
            let (value, qualifier) = match u {
                Unit::Item => (
                    r.random_range(5..600u64) * 100,
                    if r.random_bool(0.6) {
                        Qualifier::MoreThan
                    } else if r.random_bool(0.5) {
                        Qualifier::About
                    } else {
                        Qualifier::Exact
                    },
                ),
                Unit::Account => (
                    r.random_range(50..3000u64),
                    if r.random_bool(0.4) {
                        Qualifier::MoreThan
                    } else {
                        Qualifier::Exact
                    },
                ),
                _ => (r.random_range(3..150u64), Qualifier::Exact),
            };
            counts.push(Count {
                value,
                unit: u,
                qualifier,
            });
        }
        if location.is_some() {
            let value = self.rng.random_range(1..40u64);
            counts.push(Count {
                value,
                unit: Unit::Arrest,
                qualifier: Qualifier::Exact,
            });
        }
        let spokesperson = self.pick(Cat::Person);
        let spokes_agency = index_of(if self.rng.random_bool(0.7) {
            "europol"
        } else {
            "eurojust"
        })
        .unwrap_or(0);
        let target_key = VOCAB[target].key;
        Op {
            key: format!(
                "op-{:04}-{:02}-{target_key}-{:06}",
                start.year(),
                start.month(),
                self.ops
            ),
            scenario,
            start,
            end,
            leader,
            coordinator,
            supporters,
            participants,
            target,
            outlets,
            partners,
            location,
            counts,
            spokesperson,
            spokes_agency,
        }
    }

    /// Gold operations completed since the last call, in generation order.
    pub fn take_finished(&mut self) -> Vec<(String, DigestOperation)> {
        std::mem::take(&mut self.finished)
    }

    /// Closes the operation in progress (call once the last report was taken).
    pub fn finish(&mut self) {
        if let Some((op, _, told)) = self.current.take() {
            self.finished.push((op.key.clone(), gold_operation(&op, told)));
        }
    }

    /// The gold entities: every vocabulary entry some report names.
    pub fn gold_entities(&self) -> BTreeMap<String, DigestEntity> {
        let mut out = BTreeMap::new();
        for (i, reps) in self.entity_reports.iter().enumerate() {
            if reps.is_empty() {
                continue;
            }
            let e = &VOCAB[i];
            out.insert(
                e.key.to_string(),
                DigestEntity {
                    etype: e.etype.as_str().to_string(),
                    names: gold_names(e),
                    reports: reps
                        .iter()
                        .filter_map(|r| self.names.get(*r as usize).cloned())
                        .collect(),
                },
            );
        }
        out
    }

    fn next_report(&mut self) -> SynthReport {
        let need_new = match &self.current {
            Some((_, left, _)) => *left == 0,
            None => true,
        };
        if need_new {
            self.finish();
            let op = self.plan_op();
            let n = self.rng.random_range(1..=4u32);
            self.current = Some((op, n, Told::default()));
        }
        let Some((op, left, mut told)) = self.current.take() else {
            // Unreachable: set just above.
            return self.next_report();
        };
        let primary = told.reports.is_empty();
        let index = self.produced;
        self.produced += 1;
        let lang = [Lang::En, Lang::Nl, Lang::Fr, Lang::De, Lang::Es]
            .choose(&mut self.rng)
            .copied()
            .unwrap_or(Lang::En);
        let html = self.rng.random_bool(self.html_share);
        let id = format!("{:06}-{}.{}", index + 1, lang.code(), if html { "html" } else { "txt" });
        let mut mentioned = BTreeSet::new();
        let (title, published, paragraphs, boiler) = self.render(&op, lang, primary, &mut told, &mut mentioned);
        for e in &mentioned {
            self.entity_reports[*e].push(index as u32);
        }
        self.names.push(id.clone());
        told.reports.push(id.clone());
        let mut text = String::new();
        text.push_str(&title);
        text.push_str("\n\n");
        for p in &paragraphs {
            text.push_str(p);
            text.push_str("\n\n");
        }
        for b in &boiler {
            text.push_str(b);
            text.push('\n');
        }
        let html_page = html.then(|| html_page(lang, &title, &paragraphs, &boiler));
        let key = op.key.clone();
        self.current = Some((op, left - 1, told));
        SynthReport {
            id,
            language: lang,
            title,
            published: PartialDate::Day(published.year(), published.month(), published.day()),
            text,
            html: html_page,
            operation: key,
        }
    }

    /// Renders one report: title, publication date, paragraphs (dateline first), boilerplate.
    fn render(
        &mut self,
        op: &Op,
        lang: Lang,
        primary: bool,
        told: &mut Told,
        mentioned: &mut BTreeSet<usize>,
    ) -> (String, NaiveDate, Vec<String>, Vec<String>) {
        let li = lang_index(lang);
        let p = &PACKS[li];
        let rng = &mut self.rng;
        let sc = op.scenario as usize;
        // Partial facts: the first report of an operation tells everything.
        let tell = |rng: &mut ChaCha8Rng, prob: f64| primary || rng.random_bool(prob);
        let form = |i: usize| VOCAB[i].form[li];
        let s = |rng: &mut ChaCha8Rng, v: &[&'static str]| -> &'static str { v.choose(rng).copied().unwrap_or("") };
        let role = |told: &mut Told, mentioned: &mut BTreeSet<usize>, r: Role, e: usize| {
            told.roles.entry(r).or_default().insert(e);
            mentioned.insert(e);
        };

        // Title.
        let target_name = VOCAB[op.target].names[li];
        let title = fill(
            s(rng, p.headline[sc]),
            &[("group", target_name), ("target", target_name)],
        );
        // Dateline.
        let published = op.end + chrono::Days::new(rng.random_range(0..=3u64));
        let place = if rng.random_bool(0.5) {
            let pl = self.cats["place"].choose(rng).copied().unwrap_or(0);
            mentioned.insert(pl);
            Some(VOCAB[pl].names[li])
        } else {
            None
        };
        let dl = dateline(p, published, place, rng.random_range(0..2u32));
        // Lead.
        let style = if primary {
            DateStyle::Full
        } else {
            *[DateStyle::Full, DateStyle::Day, DateStyle::Month]
                .choose(rng)
                .unwrap_or(&DateStyle::Full)
        };
        told.day |= style != DateStyle::Month;
        told.range |= style == DateStyle::Full && op.end > op.start;
        let when = date_phrase(p, op.start, op.end, style, rng.random_bool(0.5));
        let target_form = form(op.target);
        let mut lead = vec![contract(
            lang,
            fill(
                s(rng, p.lead[sc]),
                &[("when", &when), ("group", target_form), ("target", target_form)],
            ),
        )];
        role(told, mentioned, Role::Target, op.target);
        if !op.outlets.is_empty() && tell(rng, 0.6) {
            let list: Vec<String> = op.outlets.iter().map(|&o| form(o).to_string()).collect();
            lead.push(fill(s(rng, p.outlets), &[("list", &join_list(&list, p.and))]));
            for &o in &op.outlets {
                role(told, mentioned, Role::Target, o);
            }
        }
        if tell(rng, 0.6) {
            lead.push(contract(lang, fill(s(rng, p.coord), &[("x", form(op.coordinator))])));
            role(told, mentioned, Role::CoordinatedBy, op.coordinator);
        }
        // Roles.
        let mut roles = Vec::new();
        if tell(rng, 0.7) {
            roles.push(contract(lang, fill(s(rng, p.led), &[("x", form(op.leader))])));
            role(told, mentioned, Role::LedBy, op.leader);
        }
        if !op.supporters.is_empty() && tell(rng, 0.5) {
            let list: Vec<String> = op.supporters.iter().map(|&a| form(a).to_string()).collect();
            roles.push(contract(
                lang,
                fill(s(rng, p.support), &[("x", &join_list(&list, p.and))]),
            ));
            for &a in &op.supporters {
                role(told, mentioned, Role::SupportedBy, a);
            }
        }
        if tell(rng, 0.6) {
            let mut part = op.participants.clone();
            if !primary {
                part.shuffle(rng);
                let k = rng.random_range(2..=part.len().max(2));
                part.truncate(k);
            }
            let list: Vec<String> = part.iter().map(|&c| form(c).to_string()).collect();
            roles.push(contract(
                lang,
                fill(s(rng, p.participants), &[("list", &join_list(&list, p.and))]),
            ));
            for &c in &part {
                role(told, mentioned, Role::Participant, c);
            }
        }
        // Counts, arrests, referrals.
        let mut facts = Vec::new();
        for c in &op.counts {
            if c.unit == Unit::Arrest || !tell(rng, 0.6) {
                continue;
            }
            facts.push(count_sentence(p, c, None, rng));
            if !told.counts.contains(c) {
                told.counts.push(*c);
            }
        }
        if let Some(loc) = op.location {
            if tell(rng, 0.6) {
                let inside = VOCAB[loc].inside[li];
                let arrests = op.counts.iter().find(|c| c.unit == Unit::Arrest);
                match arrests {
                    Some(c) if tell(rng, 0.7) => {
                        facts.push(count_sentence(p, c, Some(inside), rng));
                        if !told.counts.contains(c) {
                            told.counts.push(*c);
                        }
                    }
                    _ => facts.push(fill(s(rng, p.arrests_no_count), &[("inside", inside)])),
                }
                role(told, mentioned, Role::Location, loc);
            }
        }
        if !op.partners.is_empty() && tell(rng, 0.5) {
            let list: Vec<String> = op.partners.iter().map(|&c| form(c).to_string()).collect();
            facts.push(fill(s(rng, p.partners), &[("list", &join_list(&list, p.and))]));
            for &c in &op.partners {
                role(told, mentioned, Role::Partner, c);
            }
        }
        // Quote.
        let mut quote = Vec::new();
        if tell(rng, 0.5) {
            let q = s(rng, p.quote_text);
            quote.push(contract(
                lang,
                fill(
                    s(rng, p.quote),
                    &[
                        ("q", q),
                        ("p", VOCAB[op.spokesperson].names[li]),
                        ("agency", form(op.spokes_agency)),
                    ],
                ),
            ));
            mentioned.insert(op.spokesperson);
            mentioned.insert(op.spokes_agency);
        }
        let n_bg = rng.random_range(2..=4usize);
        let background: Vec<&str> = p.background.choose_multiple(rng, n_bg).copied().collect();
        let background = vec![background.join(" ")];
        let mut paragraphs = vec![dl, lead.join(" ")];
        for block in [roles, background, facts, quote] {
            if !block.is_empty() {
                paragraphs.push(block.join(" "));
            }
        }
        let n_boiler = rng.random_range(1..=3usize);
        let mut boiler: Vec<String> = p
            .boilerplate
            .choose_multiple(rng, n_boiler)
            .map(|b| b.to_string())
            .collect();
        boiler.sort();
        (title, published, paragraphs, boiler)
    }
}

fn count_sentence(p: &Pack, c: &Count, inside: Option<&str>, rng: &mut ChaCha8Rng) -> String {
    let qual = match c.qualifier {
        Qualifier::MoreThan => p.more_than.choose(rng).copied().unwrap_or(""),
        Qualifier::About => p.about.choose(rng).copied().unwrap_or(""),
        _ => "",
    };
    let number = format_number(c.value, p.lang);
    let phrase = if qual.is_empty() {
        format!("{number} {}", p.nouns[c.unit.idx()])
    } else {
        format!("{qual} {number} {}", p.nouns[c.unit.idx()])
    };
    let t = p.count_sentence[c.unit.idx()].choose(rng).copied().unwrap_or("{n}");
    fill(t, &[("n", &phrase), ("inside", inside.unwrap_or(""))])
}

fn gold_operation(op: &Op, told: Told) -> DigestOperation {
    let start = if told.day {
        PartialDate::Day(op.start.year(), op.start.month(), op.start.day())
    } else {
        PartialDate::YearMonth(op.start.year(), op.start.month())
    };
    let end = (told.range && op.end > op.start)
        .then(|| PartialDate::Day(op.end.year(), op.end.month(), op.end.day()).to_string());
    DigestOperation {
        start: Some(start.to_string()),
        end,
        reports: told.reports,
        roles: told
            .roles
            .into_iter()
            .map(|(r, es)| {
                let mut keys: Vec<String> = es.iter().map(|&e| VOCAB[e].key.to_string()).collect();
                keys.sort();
                (r.as_str().to_string(), keys)
            })
            .collect(),
        counts: told
            .counts
            .iter()
            .map(|c| DigestCount {
                value: serde_json::Number::from(c.value),
                unit: c.unit.as_str().to_string(),
                qualifier: c.qualifier.as_str().to_string(),
            })
            .collect(),
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn html_page(lang: Lang, title: &str, paragraphs: &[String], boiler: &[String]) -> String {
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
         <script>window.analytics = window.analytics || [];</script>\n</head>\n<body>\n\
         <nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | <a href=\"/tech\">Tech</a></nav>\n\
         <article>\n<h1>{}</h1>\n",
        lang.code(),
        escape_html(title),
        escape_html(title)
    );
    for p in paragraphs {
        h.push_str("<p>");
        h.push_str(&escape_html(p));
        h.push_str("</p>\n");
    }
    h.push_str("</article>\n<footer>\n");
    for b in boiler {
        h.push_str("<p>");
        h.push_str(&escape_html(b));
        h.push_str("</p>\n");
    }
    h.push_str("</footer>\n</body>\n</html>\n");
    h
}

impl Iterator for Generator {
    type Item = SynthReport;
    /// Never ends; take as many as needed, then call [`Generator::finish`].
    fn next(&mut self) -> Option<SynthReport> {
        Some(self.next_report())
    }
}

// ---------------------------------------------------------------------------------------
// Writing a corpus
// ---------------------------------------------------------------------------------------

/// What to generate.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Number of reports.
    pub reports: usize,
    pub seed: u64,
    /// Share of the reports written as HTML pages (0..=1; folder mode only).
    pub html_share: f64,
    /// Write one `corpus.jsonl` instead of one file per report.
    pub jsonl: bool,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            reports: 100,
            seed: 42,
            html_share: 0.1,
            jsonl: false,
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct SynthSummary {
    pub reports: usize,
    pub operations: usize,
    pub html: usize,
    pub entities: usize,
    /// Bytes of report content written (text or HTML; JSON Lines: the rows).
    pub bytes: u64,
}

#[derive(Serialize)]
struct SourceRow<'a> {
    url: String,
    title: &'a str,
    published: String,
    language: &'a str,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    id: &'a str,
    title: &'a str,
    published: String,
    url: String,
    language: &'a str,
    text: &'a str,
}

fn create(path: &Path) -> Result<BufWriter<File>> {
    Ok(BufWriter::new(File::create(path).map_err(|e| Error::io(path, e))?))
}

fn json<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Invalid(format!("json: {e}")))
}

/// Writes a synthetic corpus to `dir` (created if needed): the reports (or
/// `corpus.jsonl`), `sources.json` and `gold.json`. Same options → same bytes.
pub fn generate(dir: &Path, opts: &SynthOptions) -> Result<SynthSummary> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e: std::io::Error| Error::io(&p, e)
    };
    let gold_path = dir.join("gold.json");
    let sources_path = dir.join("sources.json");
    let jsonl_path = dir.join("corpus.jsonl");
    let mut gold = create(&gold_path)?;
    let mut sources = create(&sources_path)?;
    let mut jsonl = if opts.jsonl { Some(create(&jsonl_path)?) } else { None };
    let corpus = format!("synth-{}-{}", opts.seed, opts.reports);
    write!(gold, "{{\n \"corpus\": {},\n \"operations\": {{", json(&corpus)?).map_err(io(&gold_path))?;
    write!(sources, "{{").map_err(io(&sources_path))?;
    let mut summary = SynthSummary::default();
    let mut gen = Generator::new(opts.seed, if opts.jsonl { 0.0 } else { opts.html_share });
    let mut first_op = true;
    let mut write_ops = |ops: Vec<(String, DigestOperation)>, gold: &mut BufWriter<File>| -> Result<usize> {
        let n = ops.len();
        for (k, op) in ops {
            let sep = if first_op { "" } else { "," };
            first_op = false;
            write!(gold, "{sep}\n  {}: {}", json(&k)?, json(&op)?).map_err(io(&gold_path))?;
        }
        Ok(n)
    };
    for i in 0..opts.reports {
        let r = gen.next_report();
        let lang = r.language.code();
        let published = r.published.to_string();
        let url = format!("https://news.example.org/{}/{}", lang, r.id);
        let row = SourceRow {
            url: url.clone(),
            title: &r.title,
            published: published.clone(),
            language: lang,
        };
        let sep = if i == 0 { "" } else { "," };
        write!(sources, "{sep}\n  {}: {}", json(&r.id)?, json(&row)?).map_err(io(&sources_path))?;
        if let Some(out) = jsonl.as_mut() {
            let line = json(&JsonRow {
                id: &r.id,
                title: &r.title,
                published,
                url,
                language: lang,
                text: &r.text,
            })?;
            summary.bytes += line.len() as u64 + 1;
            writeln!(out, "{line}").map_err(io(&jsonl_path))?;
        } else {
            let path = dir.join(&r.id);
            let body = r.html.as_deref().unwrap_or(&r.text);
            summary.bytes += body.len() as u64;
            std::fs::write(&path, body).map_err(|e| Error::io(&path, e))?;
        }
        summary.html += usize::from(r.html.is_some());
        summary.reports += 1;
        summary.operations += write_ops(gen.take_finished(), &mut gold)?;
    }
    gen.finish();
    summary.operations += write_ops(gen.take_finished(), &mut gold)?;
    let entities = gen.gold_entities();
    summary.entities = entities.len();
    write!(gold, "\n }},\n \"entities\": {{").map_err(io(&gold_path))?;
    for (i, (k, e)) in entities.iter().enumerate() {
        let sep = if i == 0 { "" } else { "," };
        write!(gold, "{sep}\n  {}: {}", json(k)?, json(e)?).map_err(io(&gold_path))?;
    }
    writeln!(gold, "\n }}\n}}").map_err(io(&gold_path))?;
    writeln!(sources, "\n}}").map_err(io(&sources_path))?;
    gold.flush().map_err(io(&gold_path))?;
    sources.flush().map_err(io(&sources_path))?;
    if let Some(mut out) = jsonl {
        out.flush().map_err(io(&jsonl_path))?;
    }
    Ok(summary)
}

/// `n` reports of `seed` in memory (benchmarks): the plain texts with their metadata.
pub fn reports(seed: u64, n: usize) -> Vec<SynthReport> {
    Generator::new(seed, 0.0).take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_capitalises_and_keeps_unknown() {
        assert_eq!(
            fill("{When}, {x} and {y}", &[("when", "on 3 May"), ("x", "a")]),
            "On 3 May, a and {y}"
        );
    }

    #[test]
    fn numbers_and_contractions_follow_the_language() {
        assert_eq!(format_number(26000, Lang::En), "26,000");
        assert_eq!(format_number(1200, Lang::Nl), "1.200");
        assert_eq!(format_number(1200, Lang::Fr), "1 200");
        assert_eq!(format_number(999, Lang::De), "999");
        assert_eq!(
            contract(Lang::Fr, "porte-parole de Europol, soutien de le FBI".into()),
            "porte-parole d'Europol, soutien du FBI"
        );
        assert_eq!(contract(Lang::Es, "apoyo de el Centro".into()), "apoyo del Centro");
    }

    #[test]
    fn dates_in_each_notation() {
        let s = NaiveDate::from_ymd_opt(2019, 11, 21).unwrap_or(NaiveDate::MIN);
        let e = NaiveDate::from_ymd_opt(2019, 11, 24).unwrap_or(NaiveDate::MIN);
        let got: Vec<String> = PACKS
            .iter()
            .map(|p| date_phrase(p, s, e, DateStyle::Full, false))
            .collect();
        assert_eq!(
            got,
            [
                "between 21 and 24 November 2019",
                "van 21 tot en met 24 november 2019",
                "du 21 au 24 novembre 2019",
                "vom 21. bis 24. November 2019",
                "entre el 21 y el 24 de noviembre de 2019"
            ]
        );
        assert_eq!(dateline(&PACKS[1], e, Some("Brussel"), 0), "24/11/2019, BRUSSEL. -");
        assert_eq!(dateline(&PACKS[3], e, None, 0), "24.11.2019");
    }

    #[test]
    fn gold_names_strip_articles_and_keep_inflections() {
        let i = index_of("bka").unwrap_or(0);
        let names = gold_names(&VOCAB[i]);
        assert!(names.contains(&"Bundeskriminalamt".to_string()));
        assert!(names.contains(&"Office fédéral de police criminelle".to_string()));
        assert!(!names.iter().any(|n| n.starts_with("dem ")));
    }

    #[test]
    fn every_report_tells_its_target_and_the_gold_knows_it() {
        let mut g = Generator::new(7, 0.0);
        let rs: Vec<SynthReport> = (&mut g).take(20).collect();
        g.finish();
        let ops = g.take_finished();
        let ents = g.gold_entities();
        for r in &rs {
            let (_, op) = ops
                .iter()
                .find(|(k, _)| *k == r.operation)
                .unwrap_or_else(|| panic!("no gold op for {}", r.id));
            assert!(op.reports.contains(&r.id));
            let targets = &op.roles["target"];
            assert!(targets.iter().any(|t| {
                ents[t].names.iter().any(|n| r.text.contains(n.as_str())) && ents[t].reports.contains(&r.id)
            }));
        }
        assert_eq!(ops.iter().map(|(_, o)| o.reports.len()).sum::<usize>(), 20);
    }
}

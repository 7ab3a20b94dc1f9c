//! The shared vocabulary of the pipeline: the types every stage hands to the next.
//!
//! `text → mentions → entities/operations → triples → store`: an input file becomes a
//! [`Report`]; the extractor turns a report into an [`Extraction`] (entities with their
//! mentions, operations with roles, dates and counts, each fact with its [`Evidence`]);
//! the RDF mapping turns an extraction into one named graph of the store.
//!
//! Offsets are **byte** offsets into [`Report::text`] (the normalised text), so that a
//! sentence or a mention can always be cut out of the stored text again.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The closed set of entity types (see `ontology/opgraph.ttl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    Agency,
    Country,
    Place,
    Group,
    Outlet,
    Company,
    Person,
    Organization,
}

impl EntityType {
    pub const ALL: [EntityType; 8] = [
        EntityType::Agency,
        EntityType::Country,
        EntityType::Place,
        EntityType::Group,
        EntityType::Outlet,
        EntityType::Company,
        EntityType::Person,
        EntityType::Organization,
    ];

    /// The class name, which is also the local name of the ontology class.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Agency => "Agency",
            EntityType::Country => "Country",
            EntityType::Place => "Place",
            EntityType::Group => "Group",
            EntityType::Outlet => "Outlet",
            EntityType::Company => "Company",
            EntityType::Person => "Person",
            EntityType::Organization => "Organization",
        }
    }

    /// Actors are what the collaboration network is made of.
    pub fn is_actor(self) -> bool {
        matches!(self, EntityType::Agency | EntityType::Country)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EntityType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| format!("unknown entity type {s:?}"))
    }
}

/// The closed set of roles an entity plays in an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    LedBy,
    CoordinatedBy,
    SupportedBy,
    Participant,
    Target,
    Partner,
    Location,
}

impl Role {
    pub const ALL: [Role; 7] = [
        Role::LedBy,
        Role::CoordinatedBy,
        Role::SupportedBy,
        Role::Participant,
        Role::Target,
        Role::Partner,
        Role::Location,
    ];

    /// The digest key (`led_by`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::LedBy => "led_by",
            Role::CoordinatedBy => "coordinated_by",
            Role::SupportedBy => "supported_by",
            Role::Participant => "participant",
            Role::Target => "target",
            Role::Partner => "partner",
            Role::Location => "location",
        }
    }

    /// The local name of the ontology property (`ledBy`, ...).
    pub fn property(self) -> &'static str {
        match self {
            Role::LedBy => "ledBy",
            Role::CoordinatedBy => "coordinatedBy",
            Role::SupportedBy => "supportedBy",
            Role::Participant => "participant",
            Role::Target => "target",
            Role::Partner => "partner",
            Role::Location => "location",
        }
    }

    pub fn from_property(p: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.property() == p)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s || r.property() == s)
            .ok_or_else(|| format!("unknown role {s:?}"))
    }
}

/// Languages the extractor has patterns for; anything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Nl,
    Fr,
    De,
    Es,
    Other,
}

impl Lang {
    /// Position in declaration order (en 0 … es 4, other 5), for per-language tables.
    pub fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Nl => 1,
            Lang::Fr => 2,
            Lang::De => 3,
            Lang::Es => 4,
            Lang::Other => 5,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Other => "und",
        }
    }

    pub fn from_code(code: &str) -> Lang {
        match code.trim().to_ascii_lowercase().as_str() {
            "en" | "eng" | "english" => Lang::En,
            "nl" | "nld" | "dut" | "dutch" => Lang::Nl,
            "fr" | "fra" | "fre" | "french" => Lang::Fr,
            "de" | "deu" | "ger" | "german" => Lang::De,
            "es" | "spa" | "spanish" => Lang::Es,
            _ => Lang::Other,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A byte range `[start, end)` in a report's normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The text of the span, or "" when it does not fall on char boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A calendar date at the precision the evidence allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum PartialDate {
    Year(i32),
    YearMonth(i32, u32),
    Day(i32, u32, u32),
}

impl PartialDate {
    pub fn year(&self) -> i32 {
        match *self {
            PartialDate::Year(y) | PartialDate::YearMonth(y, _) | PartialDate::Day(y, _, _) => y,
        }
    }
    pub fn month(&self) -> Option<u32> {
        match *self {
            PartialDate::Year(_) => None,
            PartialDate::YearMonth(_, m) | PartialDate::Day(_, m, _) => Some(m),
        }
    }
    pub fn day(&self) -> Option<u32> {
        match *self {
            PartialDate::Day(_, _, d) => Some(d),
            _ => None,
        }
    }

    /// Parses `2019`, `2019-11`, `2019-11-21` (and a full timestamp, of which the date is kept).
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let s = s.get(..10.min(s.len())).unwrap_or(s);
        let mut parts = s.split('-');
        let y: i32 = parts.next()?.parse().ok()?;
        if !(1000..=9999).contains(&y) {
            return None;
        }
        let Some(m) = parts.next() else {
            return Some(PartialDate::Year(y));
        };
        let m: u32 = m.parse().ok()?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let Some(d) = parts.next() else {
            return Some(PartialDate::YearMonth(y, m));
        };
        let d: u32 = d.parse().ok()?;
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        Some(PartialDate::Day(y, m, d))
    }

    /// Does `self` (a possibly more precise date) fall within `other`?
    pub fn within(&self, other: &PartialDate) -> bool {
        // Compared field by field: the merge asks this for every pair of candidate
        // mentions, and formatting both dates took a fifth of a 10k-report merge.
        self.year() == other.year()
            && other.month().is_none_or(|m| self.month() == Some(m))
            && other.day().is_none_or(|d| self.day() == Some(d))
    }

    /// The XSD datatype that carries this precision.
    pub fn xsd_type(&self) -> &'static str {
        match self {
            PartialDate::Year(_) => "gYear",
            PartialDate::YearMonth(..) => "gYearMonth",
            PartialDate::Day(..) => "date",
        }
    }

    /// First day covered by this date (for ordering and windows).
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year(), self.month().unwrap_or(1), self.day().unwrap_or(1))
    }

    /// Last day covered by this date: 31 December of a year, a month's last day, the day.
    pub fn last_day(&self) -> Option<chrono::NaiveDate> {
        match *self {
            PartialDate::Year(y) => chrono::NaiveDate::from_ymd_opt(y, 12, 31),
            PartialDate::YearMonth(..) => self
                .first_day()?
                .checked_add_months(chrono::Months::new(1))
                .map(|next| next - chrono::Duration::days(1)),
            PartialDate::Day(..) => self.first_day(),
        }
    }

    /// The months since year 0 of a date with a month (consecutive months differ by one).
    pub fn month_index(&self) -> Option<i64> {
        Some(i64::from(self.year()) * 12 + i64::from(self.month()?))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PartialDate::Year(y) => write!(f, "{y:04}"),
            PartialDate::YearMonth(y, m) => write!(f, "{y:04}-{m:02}"),
            PartialDate::Day(y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

/// How a count is qualified in the text ("more than 26,000").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub enum Qualifier {
    #[default]
    #[serde(rename = "exact")]
    Exact,
    #[serde(rename = "more than")]
    MoreThan,
    #[serde(rename = "less than")]
    LessThan,
    #[serde(rename = "about")]
    About,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more than",
            Qualifier::LessThan => "less than",
            Qualifier::About => "about",
        }
    }
    pub fn parse(s: &str) -> Option<Qualifier> {
        [
            Qualifier::Exact,
            Qualifier::MoreThan,
            Qualifier::LessThan,
            Qualifier::About,
        ]
        .into_iter()
        .find(|q| q.as_str() == s)
    }
}

/// Which input format a report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    Text,
    Markdown,
    Html,
    Jsonl,
}

impl InputFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Markdown => "markdown",
            InputFormat::Html => "html",
            InputFormat::Jsonl => "jsonl",
        }
    }
}

/// One report, decoded and normalised, with its metadata.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Stable identifier: the file's base name, or the `id` of a JSON Lines row.
    pub id: String,
    /// Where it was read from (path, or `path#line` for JSON Lines).
    pub source: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Publication date (metadata, not text); anchors relative dates.
    pub published: Option<PartialDate>,
    /// Declared language, else detected.
    pub language: Lang,
    /// True when `language` was detected rather than declared.
    pub language_detected: bool,
    pub format: InputFormat,
    /// Normalised text (HTML stripped, NFC): every offset refers to it.
    pub text: String,
    /// SHA-256 (hex) of the raw input bytes.
    pub sha256: String,
    /// Length of the raw input in bytes.
    pub byte_len: usize,
    /// Name of the encoding the input was decoded from (`UTF-8`, `windows-1252`, ...).
    pub encoding: String,
}

/// Where a fact comes from: the sentence that states it, the exact span, and the
/// rule or gazetteer entry that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index into [`Extraction::sentences`].
    pub sentence: usize,
    /// The span of the cue or value within the report text.
    pub span: Span,
    /// Identifier of the producing rule (`gazetteer:europol`, `cue:en:led-by`, `date:dmy`...).
    pub rule: String,
    /// 0..=1
    pub confidence: f32,
}

/// One occurrence of an entity in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// The text as written.
    pub surface: String,
    pub sentence: usize,
    pub rule: String,
    pub confidence: f32,
}

/// An entity as seen in one report. `key` is the same in every report for the same
/// real entity: a gazetteer slug (`europol`) or a minted slug (`person/rob-wainwright`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedEntity {
    pub key: String,
    pub etype: EntityType,
    /// Preferred label (gazetteer prefLabel, or the longest surface form).
    pub label: String,
    /// True when the entity comes from the gazetteer.
    pub from_gazetteer: bool,
    pub mentions: Vec<Mention>,
}

/// A role an entity plays in an operation, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleFact {
    pub role: Role,
    /// Key of an [`ExtractedEntity`] of the same extraction.
    pub entity: String,
    pub evidence: Evidence,
}

/// A number the report gives about an operation ("more than 26,000 items").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountFact {
    /// The number (103.5 tonnes is not rounded).
    pub value: f64,
    /// Singular, lower-case English unit when known (`item`, `arrest`, `country`), else the noun as written.
    pub unit: String,
    pub qualifier: Qualifier,
    pub evidence: Evidence,
}

/// One operation as told by one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedOperation {
    /// Index within the report, stable for the same text and extractor version.
    pub local_id: usize,
    /// What kind of action (`takedown`, `action day`, `arrest`, `referral action`...), as the trigger says.
    pub kind: String,
    /// A short human label ("takedown against Amaq, 2018-04").
    pub label: String,
    /// The phrase that signals the operation.
    pub trigger: Evidence,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// Month and day when the report gives no year and none could be inferred
    /// ("on 21 November" in an undated report); merging may place it in a year.
    pub start_month_day: Option<(u32, u32)>,
    /// The weekday written with that month and day (0 = Monday: "Friday 15th April"):
    /// merging places the day only in a year where it falls on that weekday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_weekday: Option<u32>,
    pub date_evidence: Option<Evidence>,
    pub roles: Vec<RoleFact>,
    pub counts: Vec<CountFact>,
    /// The code names the report gives it ("Endgame", "Cookie Monster"), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub code_names: Vec<String>,
}

/// Everything the extractor found in one report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extraction {
    pub report: Report,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    pub entities: Vec<ExtractedEntity>,
    pub operations: Vec<ExtractedOperation>,
    /// Non-fatal remarks (e.g. "language xx: only language-neutral extraction").
    pub warnings: Vec<String>,
}

impl Extraction {
    pub fn sentence_text(&self, i: usize) -> &str {
        self.sentences.get(i).map(|s| s.slice(&self.report.text)).unwrap_or("")
    }
    pub fn entity(&self, key: &str) -> Option<&ExtractedEntity> {
        self.entities.iter().find(|e| e.key == key)
    }
}

/// Version of the extractor, recorded in every report graph.
pub const EXTRACTOR_VERSION: &str = concat!("opgraph-extract/", env!("CARGO_PKG_VERSION"));

/// Wall-clock seconds per stage, in the order the stages ran; a JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stages(pub Vec<(&'static str, f64)>);

impl Stages {
    /// Records `stage` as the time since `*since`, and restarts the clock.
    pub fn lap(&mut self, stage: &'static str, since: &mut std::time::Instant) {
        let now = std::time::Instant::now();
        self.0.push((stage, (now - *since).as_secs_f64()));
        *since = now;
    }
}

impl Serialize for Stages {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = ser.serialize_map(Some(self.0.len()))?;
        for (stage, seconds) in &self.0 {
            map.serialize_entry(stage, seconds)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_days_and_month_indexes() {
        let last = |s: &str| PartialDate::parse(s).and_then(|d| d.last_day()).map(|d| d.to_string());
        assert_eq!(last("2024-02").as_deref(), Some("2024-02-29"));
        assert_eq!(last("2023-02").as_deref(), Some("2023-02-28"));
        assert_eq!(last("2023-12").as_deref(), Some("2023-12-31"));
        assert_eq!(last("2023").as_deref(), Some("2023-12-31"));
        assert_eq!(last("2023-06-07").as_deref(), Some("2023-06-07"));
        let index = |s: &str| PartialDate::parse(s).and_then(|d| d.month_index());
        assert_eq!(index("2024-01").zip(index("2023-12")).map(|(a, b)| a - b), Some(1));
        assert_eq!(index("2024"), None);
    }

    #[test]
    fn partial_dates_round_trip_and_nest() {
        for s in ["2019", "2019-11", "2019-11-21"] {
            assert_eq!(PartialDate::parse(s).map(|d| d.to_string()).as_deref(), Some(s));
        }
        assert_eq!(PartialDate::parse("2019-13"), None);
        assert_eq!(PartialDate::parse("2019-02-30"), None);
        let day = PartialDate::Day(2019, 11, 21);
        assert!(day.within(&PartialDate::YearMonth(2019, 11)));
        assert!(!PartialDate::YearMonth(2019, 11).within(&day));
        // `within` is "the ISO text of other is a prefix of mine", on every pair.
        let dates: Vec<PartialDate> = [2018, 2019]
            .into_iter()
            .flat_map(|y| {
                [
                    PartialDate::Year(y),
                    PartialDate::YearMonth(y, 1),
                    PartialDate::YearMonth(y, 11),
                ]
                .into_iter()
                .chain([1, 11].map(|m| PartialDate::Day(y, m, 1)))
                .chain([PartialDate::Day(y, 11, 21)])
            })
            .collect();
        for a in &dates {
            for b in &dates {
                assert_eq!(a.within(b), a.to_string().starts_with(&b.to_string()), "{a} within {b}");
            }
        }
    }

    #[test]
    fn roles_and_types_parse_back() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
            assert_eq!(Role::from_property(r.property()), Some(r));
        }
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>(), Ok(t));
        }
    }
}

//! Operations: which sentences tell which operation, and the roles, dates and counts
//! each sentence gives it.
//!
//! A report usually tells one main operation (its news) and may recount earlier ones
//! ("In June 2017, a second action ..."). Sentences are walked in order:
//! - a sentence whose trigger clause (or opening phrase) carries a date joins the
//!   operation with a compatible date, or starts a new operation when it also names an
//!   action — the first recent one (close to the publication date, or the first one when
//!   that is unknown) is the main operation;
//! - a sentence without such a date continues the operation of the sentence before it in
//!   the same paragraph, and otherwise belongs to the main operation.
//!
//! Roles come from cue phrases ([`super::cues`]) scoped to the mentions they govern:
//! a chain of entity mentions joined by list punctuation and short filler, broken by a
//! clause boundary or another cue.

use std::sync::OnceLock;

use regex::Regex;

use super::cues::{self, Direction};
use super::dates::{self, DateMention};
use super::mentions::RawMention;
use super::numbers;
use super::wordre::WordRegex;
use crate::model::{CountFact, EntityType, Evidence, ExtractedOperation, Lang, PartialDate, Role, RoleFact, Span};

/// A trigger in a sentence: (start, end, kind), as [`cues::find_trigger`] gives it.
type Trigger = (usize, usize, &'static str);

/// Everything the operation stage needs about one report.
pub struct Context<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    pub paragraphs: &'a [Span],
    pub lang: Lang,
    /// Publication date (or a dateline date), anchors relative dates.
    pub anchor: Option<PartialDate>,
    /// Top-level mentions, sorted by start.
    pub mentions: &'a [RawMention],
    /// The dateline (publication) date's span, never an operation date.
    pub dateline: Option<Span>,
}

/// The rule of a date taken from the report's publication, the text giving none.
pub const PUBLICATION_FALLBACK: &str = "date:publication-fallback";

/// A date as far as the text fixes it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum OpDate {
    Full(PartialDate, Option<PartialDate>),
    /// Month, day and the weekday written with them, when the report gives no year.
    MonthDay(u32, u32, Option<u32>),
}

impl OpDate {
    fn from_mention(d: &DateMention) -> Option<OpDate> {
        match (d.start, d.month_day) {
            (Some(s), _) => Some(OpDate::Full(s, d.end)),
            (None, Some((m, Some(day)))) => Some(OpDate::MonthDay(m, day, d.weekday)),
            _ => None,
        }
    }

    fn compatible(&self, other: &OpDate) -> bool {
        match (self, other) {
            (OpDate::Full(a, ae), OpDate::Full(b, be)) => full_compatible(a, ae.as_ref(), b, be.as_ref()),
            (OpDate::MonthDay(m1, d1, _), OpDate::MonthDay(m2, d2, _)) => m1 == m2 && d1.abs_diff(*d2) <= 4,
            (OpDate::Full(a, _), OpDate::MonthDay(m, d, _)) | (OpDate::MonthDay(m, d, _), OpDate::Full(a, _)) => {
                a.month().is_none_or(|am| am == *m) && a.day().is_none_or(|ad| ad.abs_diff(*d) <= 4)
            }
        }
    }

    /// The same date, whether or not a weekday was written with it.
    fn same_day(&self, other: &OpDate) -> bool {
        match (self, other) {
            (OpDate::MonthDay(m1, d1, _), OpDate::MonthDay(m2, d2, _)) => (m1, d1) == (m2, d2),
            _ => self == other,
        }
    }

    /// This date made as precise as `finer`: "31 January" after "late January 2025" is
    /// 31 January 2025, not a day of no year.
    fn refined_by(self, finer: OpDate) -> OpDate {
        match (self, finer) {
            (OpDate::Full(a, _), OpDate::MonthDay(m, d, _)) if a.month().is_none_or(|am| am == m) => {
                chrono::NaiveDate::from_ymd_opt(a.year(), m, d)
                    .map_or(finer, |_| OpDate::Full(PartialDate::Day(a.year(), m, d), None))
            }
            _ => finer,
        }
    }

    fn precision(&self) -> u8 {
        match self {
            OpDate::Full(PartialDate::Day(..), _) | OpDate::MonthDay(..) => 3,
            OpDate::Full(PartialDate::YearMonth(..), _) => 2,
            OpDate::Full(PartialDate::Year(_), _) => 1,
        }
    }
}

fn full_compatible(a: &PartialDate, ae: Option<&PartialDate>, b: &PartialDate, be: Option<&PartialDate>) -> bool {
    if a.within(b) || b.within(a) {
        return true;
    }
    // Day-level dates a few days apart, or inside each other's range.
    let (Some(a0), Some(b0)) = (a.first_day(), b.first_day()) else {
        return false;
    };
    let a1 = ae.and_then(|e| e.first_day()).unwrap_or(a0);
    let b1 = be.and_then(|e| e.first_day()).unwrap_or(b0);
    if a.day().is_some() && b.day().is_some() {
        return (a0 - chrono::Duration::days(7)) <= b1 && b0 <= (a1 + chrono::Duration::days(7));
    }
    false
}

fn is_recent(d: &OpDate, anchor: Option<PartialDate>) -> bool {
    let Some(anchor) = anchor.and_then(|a| a.first_day().map(|f| (a, f))) else {
        return true;
    };
    match d {
        OpDate::MonthDay(..) => true,
        // "met a similar end in 2020": a year alone is background in a report dated to the
        // month or day, not when its main operation acted.
        OpDate::Full(PartialDate::Year(_), None) if anchor.0.month().is_some() => false,
        OpDate::Full(s, e) => {
            let Some(first) = s.first_day() else {
                return false;
            };
            // The whole period of the date must reach the last 60 days before publication
            // (a span to its end: "from March to May 2023" is recent in June).
            let until = e.as_ref().unwrap_or(s);
            let last = until.last_day().unwrap_or(first);
            let a = anchor.1;
            let end_ok = last >= a - chrono::Duration::days(60);
            // A report dated to the month may tell any day of it.
            let anchor_last = match anchor.0 {
                PartialDate::YearMonth(..) => anchor.0.last_day().unwrap_or(a),
                _ => a,
            };
            let start_ok = first <= anchor_last + chrono::Duration::days(3) || matches!(anchor.0, PartialDate::Year(_));
            end_ok && start_ok
        }
    }
}

struct OpBuilder {
    date: Option<OpDate>,
    /// The date is a vague relative one ("last week"): an explicit date replaces it.
    date_vague: bool,
    /// The date is the day the operation ended ("the three-day operation, which ended on
    /// Wednesday"): with a duration, the start is counted back from it.
    date_ends: bool,
    date_evidence: Option<Evidence>,
    kind: Option<&'static str>,
    trigger: Option<Evidence>,
    sentences: Vec<usize>,
    main: bool,
}

/// Does `text` match the case-insensitive word pattern `core` (boundaries at its start
/// and end as `lead` and `trail` say)? The pattern is compiled into `cell` on first use.
fn matches_once(cell: &'static OnceLock<WordRegex>, core: &str, lead: bool, trail: bool, text: &str) -> bool {
    cell.get_or_init(|| WordRegex::new("(?i)", core, lead, trail).expect("static regex"))
        .is_match(text)
}

fn speech_before(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"(?:said|says|announced|announces|reported|told|welcomed|posted|stated|statement|published|zei|meldde|meldt|maakte\s+bekend|annoncée?s?|annonce|annoncent|déclarée?s?|indiquée?s?|indique|teilte|teilt|mitgeteilt|erklärte|sagte|anunció|anuncia|informó|informa|dijo|last\s+posted|on\s+its\s+website|made\s+public|rendue?s?\s+publi(?:c|que)s?|hech[oa]s?\s+públic[oa]s?|openbaar\s+gemaakt)\W+(?:\w+\W+){0,2}$",
        true,
        false,
        s,
    )
}

/// Does `s` (the text after a date) go on with a verb of telling that ends its clause,
/// as German and Dutch subordinate clauses put it ("wie das BKA am Donnerstag
/// mitteilte", "dat de politie woensdag bekendmaakte"), or with the particle of a
/// separable one ("maakt Europol maandag bekend", "gab das BKA am Montag bekannt")? Like
/// [`speech_before`], the date is the telling's.
fn speech_after(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"^[^\S\n]*(?:[\w.]+[^\S\n]+)?(?:mitteilten?|mitgeteilt|bekanntgab(?:en)?|bekannt\s+gab(?:en)?|berichteten?|erklärten?|sagten?|meldeten?|bekendmaakten?|bekend\s+maakten?|meldden?|zei(?:den)?|bekend|bekannt|bekanntgegeben|openbaar\s+gemaakt)",
        false,
        true,
        s,
    )
}

/// Does `s` (the text before a date) end with a verb of ending ("which ended on",
/// "endete am", "eindigde op", "s'est terminée le", "finalizó el")? The date is the
/// operation's last day.
fn ended_before(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"(?:ended|concluded|finished|endete|endeten|eindigde|eindigden|(?:s['’]est|se\s+sont)\s+(?:terminée?s?|achevée?s?)|finaliz(?:ó|aron)|termin(?:ó|aron)|conclu(?:yó|yeron))\s+(?:on\s+|am\s+|op\s+|le\s+|el\s+)?$",
        true,
        false,
        s,
    )
}

/// Does `s` (the text before a year or month) end with the founding of a body or a
/// programme ("the unit was set up in", "werd opgericht in", "fondé en", "gegründet im",
/// "creada en", "depuis la création en")? That date is the body's, not the operation's.
fn founded_before(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"(?:founded|established|set\s+up|created|creation|founding|creatie|oprichting|création|fondation|Gründung|creación|fundación|opgericht|ingesteld|fondée?s?|créée?s?|mise?\s+en\s+place|gegründet|eingerichtet|ins\s+Leben\s+gerufen|fundad[oa]s?|cread[oa]s?|constituid[oa]s?)\s+(?:in|en|im|op|el)(?:\s+(?:the\s+year|(?:het\s+)?jaar|l['’]an|el\s+año|(?:dem\s+)?Jahre?))?\s+$",
        true,
        false,
        s,
    )
}

/// Does `s` (the text before a year or month) end with "since" ("used since 2019",
/// "seit 2015 aktiv", "depuis 2021")? The year a state began — a botnet in use, a
/// network active — is no operation's date.
fn since_before(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    // "seit Sommer 2022", "depuis l'automne 2016": a season before the year, as dates reads it.
    matches_once(
        &RE,
        r"(?:since|seit|sinds|sedert|depuis|desde)\s+(?:(?:(?:the|dem|het|de|le|l['’]|el)\s*)?(?:spring|summer|autumn|winter|Frühjahr|Frühling|Sommer|Herbst|voorjaar|lente|zomer|najaar|herfst|printemps|automne|hiver|primavera|verano|otoño|invierno)\s+(?:(?:of|van|de|del)\s+)?)?$",
        true,
        false,
        s,
    )
}

/// Does `s` (the text before a date) end with the start of an investigation
/// ("investigations of the market started in", "las investigaciones se iniciaron en",
/// "the investigation was initiated by the Dutch police in",
/// "the investigation, opened in", "l'enquête conjointe, saisie en", "launched the
/// investigation in", "ont ouvert une enquête en", "La investigación, dirigida por el
/// Juzgado Central, comenzó en")? That date is when the case was opened,
/// not when the operation acted.
fn investigation_start_before(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"(?:launched|opened|started|began|initiated|ouvert|lancé|engagé|gestart|geopend|startte|begon|abri(?:ó|o|eron)|inici(?:ó|o|aron)|eingeleitet|aufgenommen)\s+(?:[\w’'-]+\s+){0,3}?(?:investigations?|inquiry|probe|enquêtes?|information\s+judiciaire|onderzoek|investigaci(?:ón|on|ones)|Ermittlungen|Ermittlungsverfahren)\W+(?:\w+\W+){0,2}$|(?:investigations?|inquiry|probe|investigaci(?:ón|on|ones)|enquêtes?|Ermittlungen|Ermittlungsverfahren|onderzoek)(?:,[^,.;]{1,160},\s+|\W+)(?:[\w’'-]+[,;]?\s+){0,6}?(?:started|began|begun|commenced|(?:was|were)\s+(?:launched|opened)|launched|opened|se\s+inici(?:ó|o|aron)|comenz(?:ó|o|aron)|empez(?:ó|o|aron)|abiertas?|iniciadas?|(?:a|ont|avait|avaient)\s+(?:commencé|débuté)|(?:a|avait)\s+été\s+ouverte|ouvertes?|lancées?|saisie?s?|begannen|starteten|hatten\s+begonnen|eingeleitet|begon|startte|was\s+gestart|gestart|geopend)\W+(?:\w+\W+){0,2}$|(?:investigations?|inquiry|probe|enquêtes?|investigaci(?:ón|on|ones)|Ermittlungen|Ermittlungsverfahren|onderzoek)\s+(?:was|were|a\s+été|ont\s+été|fue|fueron|wurde|wurden|werd|werden)\s+(?:initiated|launched|opened|started|ouverte?s?|lancée?s?|iniciad[oa]s?|abiert[oa]s?|eingeleitet|gestart|geopend)\s+(?:by|par|por|von|door)\s+(?:[\w’'-]+\s+){1,6}?(?:in|en|im|op|el|le)\s+$|(?:joint\s+investigation\s+team|JIT|équipe\s+commune\s+d['’]enquête|gemeenschappelijk\s+onderzoeksteam|gemeinsamen?\s+Ermittlungsgruppe|equipo\s+conjunto\s+de\s+investigación)(?:\s+\([^)]{1,10}\))?(?:\s+[\w’'-]+){0,5}?\s+(?:was|were|has\s+been|a\s+été|werd|is|wurde|fue|se)\s+(?:set\s+up|established|created|formed|signed|mise?\s+en\s+place|créée|constituée|opgericht|ingesteld|eingerichtet|gegründet|constituido|cread[oa]|constituyó)(?:\s+[\w’'-]+){0,4}?\s+(?:in|en|im|op|el|le|on)\s+$",
        true,
        false,
        s,
    )
}

/// Does `s` (the text after a date) go on with the start of an investigation ("In 2019
/// began an investigation into", "En 2019 débute une enquête", "In 2017 startte het
/// onderzoek")? Like [`investigation_start_before`], the date opened the case.
fn investigation_start_after(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"^\W*(?:began|started|opened|commenced|début(?:e|a|ait)|commen(?:ce|ça|çait)|s['’]ouvr(?:e|it)|begann|begannen|startete|begon|startte|comenz(?:ó|o)|empez(?:ó|o)|se\s+inici(?:ó|o))\s+(?:[\w’'-]+\s+){0,5}?(?:an?\s+|the\s+|une\s+|l'|het\s+|een\s+|die\s+|eine\s+|una\s+|la\s+)?(?:investigations?|inquiry|probe|enquêtes?|Ermittlungen|Ermittlungsverfahren|onderzoek|investigaci(?:ón|on|ones))",
        false,
        true,
        s,
    )
}

/// Does `s` (the text after a year) go on with a verb of beginning ("In 2017 startte in
/// Frankrijk een groot onderzoek", "In 2019 began a joint effort", "En 2018 comenzó"),
/// or end a Dutch or German clause with one ("een onderzoek dat in 2016 is begonnen",
/// "Ermittlungen, die 2019 eingeleitet")?
/// A year alone that something began in is a case's start, whatever the case is called;
/// the operation it led to is dated elsewhere.
fn year_began_after(s: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        r"^[^\S\n]*(?:began|started|commenced|startte|begon|begann|startete|comenz(?:ó|o)|empez(?:ó|o)|se\s+inici(?:ó|o)|début(?:a|e)|a\s+(?:débuté|commencé)|commen(?:ça|ce)|(?:is|was|zijn|waren|ist|war|sind)\s+(?:begonnen|gestart|gestartet|angelaufen|eingeleitet))",
        false,
        true,
        s,
    )
}

/// Where the clauses of `s` break: ", which", ", qui", "; ", " – ", ": ".
fn clause_breaks(s: &str) -> Vec<usize> {
    static RELATIVE: OnceLock<WordRegex> = OnceLock::new();
    let relative = RELATIVE.get_or_init(|| {
        WordRegex::new(
            "(?i)",
            r",\s+(?:which|who|whose|where|when|while|whereas|although|because|dat|waar|welke|terwijl|qui|dont|où|lorsque|tandis|welche|wobei|während|que|quien|donde|cuando|mientras)",
            false,
            true,
        )
        .expect("static regex")
    });
    let punct = static_regex!(r";\s|\s[–—]\s|:\s");
    // The two never overlap (one starts with a comma, the other never contains one), so
    // together they find what one alternation of both finds.
    let mut breaks: Vec<usize> = relative.find_iter(s).map(|m| m.start).collect();
    breaks.extend(punct.find_iter(s).map(|m| m.start()));
    breaks.sort_unstable();
    breaks
}

/// The clause of `s` that contains byte `at` (relative to `s`).
fn clause_of(breaks: &[usize], at: usize, len: usize) -> (usize, usize) {
    let start = breaks.iter().rev().find(|b| **b <= at).copied().unwrap_or(0);
    let end = breaks.iter().find(|b| **b > at).copied().unwrap_or(len);
    (start, end)
}

/// Does `head` (the text before a date) end by saying the date closes a span: "and
/// ending at 19.00 on", "until", "jusqu'au", "bis zum", "tot en met", "hasta el"? Then
/// an earlier date of the sentence is where the operation starts.
fn span_end_before(head: &str) -> bool {
    static RE: OnceLock<WordRegex> = OnceLock::new();
    matches_once(
        &RE,
        // A verb may stand a few words before its date ("ending at 19.00 on"), a
        // preposition right before it ("until", "bis zum"): "coordinated through Europol
        // on 3 May" ends no span.
        r"(?:(?:ending|ended|ends|finishing|wrapping\s+up|concluding|se\s+terminant|endete|terminando|finalizando)\W+(?:[\w.:]+\W+){0,3}|(?:until|till|through|jusqu['’]\s*(?:au|à|a)|bis|tot(?:\s+en\s+met)?|hasta)\W+(?:\w+\W+)?)$",
        true,
        false,
        head,
    )
}

/// Do at most two words come before the date at `date_start` ("In June 2017, ...")?
fn sentence_opening(s: &str, date_start: usize) -> bool {
    let head = s.get(..date_start).unwrap_or("").trim();
    // At most two words: stop at the third (counting them all made a long sentence
    // with many dates quadratic).
    head.split_whitespace().nth(2).is_none()
        && head
            .split_whitespace()
            .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '–'))
}

/// The role cues of each sentence, found on first need: the date logic asks whether a
/// sentence has any and the role stage which ones, and each answer is a pass of the cue
/// set over the sentence.
struct SentenceCues(Vec<Option<Vec<&'static cues::RoleCue>>>);

impl SentenceCues {
    fn new(sentences: usize) -> SentenceCues {
        SentenceCues(vec![None; sentences])
    }

    /// The cues that occur in sentence `i` (text `s`), in table order.
    fn of(&mut self, i: usize, s: &str) -> &[&'static cues::RoleCue] {
        match self.0.get_mut(i) {
            Some(slot) => slot.get_or_insert_with(|| cues::matching_cues(s).collect()),
            None => &[],
        }
    }

    /// Does any role cue occur in sentence `i`?
    fn any(&mut self, i: usize, s: &str) -> bool {
        !self.of(i, s).is_empty()
    }
}

/// Extracts the operations of a report.
pub fn extract_operations(cx: &Context<'_>) -> Vec<ExtractedOperation> {
    let mut sentence_cues = SentenceCues::new(cx.sentences.len());
    let mut ops: Vec<OpBuilder> = Vec::new();
    let mut main: Option<usize> = None;
    let mut prev: Option<(usize, Option<usize>)> = None; // (paragraph, assignment)
    let mut assignment: Vec<Option<usize>> = vec![None; cx.sentences.len()];
    let mut sentence_dates: Vec<Vec<DateMention>> = Vec::with_capacity(cx.sentences.len());
    // Each sentence's first trigger, found once (the role and count stages ask again).
    let mut sentence_triggers: Vec<Option<Trigger>> = Vec::with_capacity(cx.sentences.len());
    // Each sentence's tokens, line by line: the date, duration and count grammars share them.
    let mut sentence_tokens: Vec<Vec<Vec<dates::Tok>>> = Vec::with_capacity(cx.sentences.len());
    // A report with no publication date that has told its news as recent ("this week",
    // "on Friday", "said on Tuesday"): a month or year it names later is background.
    let mut told_recent = false;
    // The report's publication date; in a report without one, the first day a sentence
    // tells as its telling's ("Europol a annoncé, le 3 décembre 2024, que ...") stands in
    // for it from the next sentence on, with where it was told.
    let mut anchor = cx.anchor;
    let mut told_anchor: Option<(usize, Span)> = None;

    for (i, span) in cx.sentences.iter().enumerate() {
        let s = span.slice(cx.text);
        let para = cx.paragraphs.partition_point(|p| p.end <= span.start);
        let tokens = dates::tokenize_lines(s);
        let mut all_dates = dates::find_dates_in(s, &tokens, cx.lang, anchor);
        // A weekday in a report dated only to the month: the operation is in that month.
        if let Some(a @ (PartialDate::YearMonth(..) | PartialDate::Year(_))) = anchor {
            for d in &mut all_dates {
                if d.relative && d.start.is_none() && d.month_day.is_none() {
                    d.start = Some(a);
                }
            }
        }
        let on_dateline = |d: &DateMention| {
            cx.dateline
                .is_some_and(|dl| dl.overlaps(Span::new(span.start + d.span.start, span.start + d.span.end)))
        };
        // "said on Monday", "reported Nov. 22": the date of the telling, not of the
        // operation. "announced in July 2020 that ..." still dates what it announces.
        let told: Vec<bool> = all_dates
            .iter()
            .map(|d| {
                let day_like = d.relative || d.start.is_some_and(|x| x.day().is_some()) || d.month_day.is_some();
                day_like
                    && (speech_before(s.get(..d.span.start).unwrap_or(""))
                        || speech_after(s.get(d.span.end..).unwrap_or("")))
            })
            .collect();
        let usable: Vec<&DateMention> = all_dates
            .iter()
            .zip(&told)
            .filter(|&(d, &told)| {
                let head = s.get(..d.span.start).unwrap_or("");
                let tail = s.get(d.span.end..).unwrap_or("");
                let year_only = matches!(d.start, Some(PartialDate::Year(_))) && d.end.is_none();
                let background_year = year_only && year_began_after(tail);
                // "die Ermittlungen laufen seit August 2021", "active since 2015": when a
                // state began, not when the operation acted.
                let since = d.start.is_some_and(|x| x.day().is_none()) && d.end.is_none() && since_before(head);
                let founding = d.start.is_some_and(|x| x.day().is_none()) && founded_before(head);
                !(told
                    || background_year
                    || since
                    || founding
                    || on_dateline(d)
                    || investigation_start_before(head)
                    || investigation_start_after(tail))
            })
            .map(|(d, _)| d)
            .collect();
        let trigger = cues::find_trigger(s);
        // "Les sept suspects appréhendés sont arrivés en février 2022": a participle
        // that describes people tells no action of its sentence's date.
        let dating = trigger.filter(|(a, b, _)| !describes_people(s, *a, *b));
        let breaks = clause_breaks(s);
        // The date that fixes this sentence's operation.
        let anchored: Option<&DateMention> = match dating {
            Some((ts, _, _)) => {
                let (cs, ce) = clause_of(&breaks, ts, s.len());
                usable
                    .iter()
                    .filter(|d| d.span.start >= cs && d.span.end <= ce && OpDate::from_mention(d).is_some())
                    .min_by_key(|d| d.span.start.abs_diff(ts))
                    .copied()
                    .or_else(|| {
                        // The only date of the sentence, wherever it stands.
                        let dated: Vec<&&DateMention> =
                            usable.iter().filter(|d| OpDate::from_mention(d).is_some()).collect();
                        (dated.len() == 1).then(|| *dated[0])
                    })
                    .or_else(|| {
                        usable
                            .iter()
                            .find(|d| sentence_opening(s, d.span.start) && OpDate::from_mention(d).is_some())
                            .copied()
                    })
            }
            None => usable
                .iter()
                .find(|d| sentence_opening(s, d.span.start) && OpDate::from_mention(d).is_some())
                .copied()
                .or_else(|| {
                    // No action word, but the sentence gives roles and one date.
                    let dated: Vec<&&DateMention> =
                        usable.iter().filter(|d| OpDate::from_mention(d).is_some()).collect();
                    let has_cue = sentence_cues.any(i, s);
                    (dated.len() == 1 && has_cue).then(|| *dated[0])
                }),
        };
        // "Starting on Friday 15 April and ending on Saturday, the unit referred ...":
        // the date nearest the action word closes the span; the operation starts at the
        // date before it.
        let anchored = anchored.map(|d| {
            let head = s.get(..d.span.start).unwrap_or("");
            let earlier = usable
                .iter()
                .filter(|e| e.span.end <= d.span.start && OpDate::from_mention(e).is_some())
                .max_by_key(|e| e.span.end);
            match earlier {
                Some(e) if span_end_before(head) => *e,
                _ => d,
            }
        });
        let trig_ev = trigger.map(|(a, b, _)| Evidence {
            sentence: i,
            span: Span::new(span.start + a, span.start + b),
            rule: format!("trigger:{}", trigger.map(|t| t.2).unwrap_or("")),
            confidence: 0.7,
        });
        let target: Option<usize> = if let Some(d) = anchored {
            let od = OpDate::from_mention(d);
            let ev = Evidence {
                sentence: i,
                span: Span::new(span.start + d.span.start, span.start + d.span.end),
                rule: format!("date:{}", d.rule),
                confidence: if d.relative { 0.6 } else { 0.85 },
            };
            // "last week" is vaguer than any explicit date of the same operation.
            let vague = d.rule.contains("last-week") || d.rule.contains("last-month");
            let ends = d.end.is_none() && ended_before(s.get(..d.span.start).unwrap_or(""));
            let precision = |o: &OpDate| if vague { 0 } else { o.precision() };
            let found = od.and_then(|od| ops.iter().position(|o| o.date.is_some_and(|x| x.compatible(&od))));
            match (found, od) {
                (Some(k), Some(od)) => {
                    if ops[k].date.is_none()
                        || (ops[k].date_vague && !vague)
                        || precision(&od) > ops[k].date.map_or(0, |x| x.precision())
                    {
                        ops[k].date_vague = vague;
                        ops[k].date_ends = ends;
                        ops[k].date = Some(ops[k].date.map_or(od, |x| x.refined_by(od)));
                        ops[k].date_evidence = Some(ev);
                    }
                    Some(k)
                }
                (None, Some(od)) => {
                    // "una operación anterior", "an earlier investigation": another operation.
                    let earlier = trigger.is_some_and(|(a, b, _)| earlier_action(s, a, b))
                        || (already_before(s.get(..d.span.start).unwrap_or(""), cx.lang) && pluperfect(s, cx.lang));
                    // "In May 2022, British authorities arrested ..." in a report of 6 July:
                    // a past month alone is background to a report dated to the day.
                    let past_month = match od {
                        OpDate::Full(PartialDate::YearMonth(y, m), None) => {
                            anchor.is_some_and(|a| a.day().is_some() && (a.year(), a.month()) != (y, Some(m)))
                        }
                        _ => false,
                    };
                    // "... dismantled servers this week. [...] In April 2018, a multinational
                    // operation took down ...": with no publication date to place either, the
                    // month of a later sentence is not the week the report tells.
                    let recalled = told_recent && od.precision() < 3;
                    let recent = is_recent(&od, anchor)
                        && !earlier
                        && !past_month
                        && !recalled
                        && (anchor.is_some() || main.is_none_or(|m| ops[m].date.is_none()));
                    // A recent day that opens the sentence ("Between 13 and 15 November,
                    // ...") in a dated report tells when the undated main operation acted
                    // (a month alone, "In January, ...", is as likely background).
                    let opening = anchor.is_some() && od.precision() == 3 && sentence_opening(s, d.span.start);
                    match main {
                        Some(m)
                            if ops[m].date.is_none()
                                && recent
                                && (dating.is_some() || opening || sentence_cues.any(i, s)) =>
                        {
                            ops[m].date_vague = vague;
                            ops[m].date_ends = ends;
                            ops[m].date = Some(od);
                            ops[m].date_evidence = Some(ev);
                            Some(m)
                        }
                        _ if dating.is_some() || main.is_none() => {
                            ops.push(OpBuilder {
                                date: Some(od),
                                date_vague: vague,
                                date_ends: ends,
                                date_evidence: Some(ev),
                                kind: None,
                                trigger: None,
                                sentences: Vec::new(),
                                main: false,
                            });
                            let k = ops.len() - 1;
                            if main.is_none() && recent {
                                main = Some(k);
                                ops[k].main = true;
                            }
                            Some(k)
                        }
                        _ => None,
                    }
                }
                _ => None,
            }
        } else {
            match prev {
                Some((p, Some(a))) if p == para => Some(a),
                // An undated sentence after one that told no operation: its trigger may
                // start the main one ("Items were processed. X joined Y on an operation.").
                _ => {
                    if main.is_none() && trigger.is_some() {
                        ops.push(OpBuilder {
                            date: None,
                            date_vague: false,
                            date_ends: false,
                            date_evidence: None,
                            kind: None,
                            trigger: None,
                            sentences: Vec::new(),
                            main: true,
                        });
                        main = Some(ops.len() - 1);
                    }
                    main
                }
            }
        };
        if let Some(k) = target {
            let op = &mut ops[k];
            op.sentences.push(i);
            if op.trigger.is_none() {
                if let (Some(ev), Some((_, _, kind))) = (&trig_ev, trigger) {
                    op.trigger = Some(ev.clone());
                    op.kind = Some(kind);
                }
            }
        }
        assignment[i] = target;
        prev = Some((para, target));
        told_recent |= anchor.is_none() && all_dates.iter().any(recent_day);
        if anchor.is_none() {
            let telling = all_dates.iter().zip(&told).find(|&(d, &told)| {
                told && matches!(d.start, Some(PartialDate::Day(..))) && d.end.is_none() && !d.relative
            });
            if let Some((d, _)) = telling {
                anchor = d.start;
                told_anchor = Some((i, Span::new(span.start + d.span.start, span.start + d.span.end)));
            }
        }
        sentence_dates.push(all_dates);
        sentence_triggers.push(trigger);
        sentence_tokens.push(tokens);
    }
    // Sentences before the main operation existed belong to it too (headlines, leads).
    if let Some(m) = main {
        for (i, a) in assignment.iter_mut().enumerate() {
            if a.is_none() && i < ops[m].sentences.first().copied().unwrap_or(0) {
                *a = Some(m);
                ops[m].sentences.push(i);
            }
        }
        ops[m].sentences.sort_unstable();
        // An undated report whose main operation got no date: when the text gives exactly
        // one day-precise date, and no other operation took it, that is the operation's day
        // ("Until April 8, 2015, the botnet ...").
        if anchor.is_none() && ops[m].date.is_none() {
            if let Some((i, at, date)) = only_day_date(&sentence_dates) {
                let taken = ops.iter().any(|o| o.date.is_some_and(|x| x.compatible(&date)));
                if !taken {
                    let span = cx.sentences[i];
                    ops[m].date = Some(date);
                    ops[m].date_evidence = Some(Evidence {
                        sentence: i,
                        span: Span::new(span.start + at.start, span.start + at.end),
                        rule: "date:only-day-in-report".into(),
                        confidence: 0.5,
                    });
                }
            }
        }
    }

    // A code name belongs to the operation of its sentence, or to the report's main
    // operation ("Operation Endgame: police took down ...").
    let code_names = super::codenames::find_code_names(cx.text, cx.sentences, cx.mentions, cx.lang);
    let names_of = |op: &OpBuilder| -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for c in &code_names {
            let here = op.sentences.contains(&c.sentence)
                || (op.main && !ops.iter().any(|o| o.sentences.contains(&c.sentence)));
            let key = super::codenames::code_name_key(&c.name);
            if here && !names.iter().any(|n| super::codenames::code_name_key(n) == key) {
                names.push(c.name.clone());
            }
        }
        names
    };
    let mut out = Vec::new();
    for op in &ops {
        let mut roles: Vec<RoleFact> = Vec::new();
        let mut counts: Vec<CountFact> = Vec::new();
        let mut duration: Option<u32> = None;
        let mut pending = None;
        for &i in &op.sentences {
            let span = cx.sentences[i];
            let trigger = sentence_triggers.get(i).copied().flatten();
            let cues_here = sentence_cues.of(i, span.slice(cx.text));
            sentence_roles(cx, i, span, trigger, cues_here, &mut roles, &mut pending);
            let tokens = sentence_tokens.get(i).map(Vec::as_slice).unwrap_or(&[]);
            let durations = dates::find_durations_in(span.slice(cx.text), tokens, cx.lang);
            let scan = SentenceScan {
                tokens,
                dates: sentence_dates.get(i).map(Vec::as_slice).unwrap_or(&[]),
                durations: &durations,
            };
            sentence_counts(cx, i, span, &scan, trigger.is_some(), &mut counts);
            // "a two-day action", not "messages were kept for 48 hours": a length tells
            // the operation's only where the sentence names it.
            if duration.is_none() && trigger.is_some() {
                duration = durations.first().map(|(_, d)| *d);
            }
        }
        // "Four people were arrested in an operation that broke up the platform": a
        // takedown told after the arrests still makes the named platform its target.
        // The sentences are searched again only when such a role is there to keep.
        let named = roles.iter().any(|r| r.evidence.rule == NAMED_PLATFORM);
        let takedown = || {
            op.kind == Some("takedown")
                || op
                    .sentences
                    .iter()
                    .any(|&i| cues::tells_kind(cx.sentences[i].slice(cx.text), "takedown"))
        };
        if named && !takedown() {
            roles.retain(|r| r.evidence.rule != NAMED_PLATFORM);
        }
        // What the operation acted against did not cooperate with it: a partner cue's
        // list ("services such as ...") that runs into the target names no partner.
        let targets: Vec<String> = roles
            .iter()
            .filter(|r| r.role == Role::Target)
            .map(|r| r.entity.clone())
            .collect();
        roles.retain(|r| r.role != Role::Partner || !targets.contains(&r.entity));
        if roles.is_empty() && counts.is_empty() {
            continue;
        }
        if op.trigger.is_none() && roles.iter().all(|r| r.role == Role::Location) {
            continue;
        }
        // A report's main operation with no date of its own happened when it was reported.
        let mut date_evidence = op.date_evidence.clone();
        let mut op_date = op.date;
        if op_date.is_none() && op.main {
            if let Some(a) = anchor {
                op_date = Some(OpDate::Full(a, None));
                // Where the anchor was told: the dateline, or the telling's sentence.
                let (sentence, span) = match (cx.dateline, told_anchor) {
                    (None, Some(told)) => told,
                    (dateline, _) => (op.sentences.first().copied().unwrap_or(0), dateline.unwrap_or_default()),
                };
                date_evidence = Some(Evidence {
                    sentence,
                    span,
                    rule: PUBLICATION_FALLBACK.into(),
                    confidence: 0.4,
                });
            }
        }
        let (start, mut end, month_day, weekday) = match op_date {
            Some(OpDate::Full(s, e)) => (Some(s), e, None, None),
            Some(OpDate::MonthDay(m, d, wd)) => (None, None, Some((m, d)), wd),
            None => (None, None, None, None),
        };
        let mut start = start;
        if end.is_none() {
            if let (Some(PartialDate::Day(y, m, d)), Some(n)) = (start, duration) {
                if n >= 2 {
                    // The day told is the first, or (after "ended on") the last.
                    let shift = |from: chrono::NaiveDate, days: i64| {
                        use chrono::Datelike;
                        let to = from.checked_add_signed(chrono::Duration::try_days(days)?)?;
                        Some(PartialDate::Day(to.year(), to.month(), to.day()))
                    };
                    if let Some(day) = chrono::NaiveDate::from_ymd_opt(y, m, d) {
                        let span = i64::from(n) - 1;
                        if !op.date_ends {
                            end = shift(day, span);
                        } else if let Some(first) = shift(day, -span) {
                            (start, end) = (Some(first), start);
                        }
                    }
                }
            }
        }
        let kind = op.kind.unwrap_or("operation").to_string();
        let label = op_label(&kind, &roles, cx.mentions, start, month_day);
        let trigger = op
            .trigger
            .clone()
            .or_else(|| op.date_evidence.clone())
            .unwrap_or(Evidence {
                sentence: op.sentences.first().copied().unwrap_or(0),
                span: cx
                    .sentences
                    .get(op.sentences.first().copied().unwrap_or(0))
                    .copied()
                    .unwrap_or_default(),
                rule: "context".into(),
                confidence: 0.4,
            });
        out.push(ExtractedOperation {
            local_id: out.len(),
            kind,
            label,
            trigger,
            start,
            end,
            start_month_day: month_day,
            start_weekday: weekday,
            date_evidence,
            roles,
            counts,
            code_names: names_of(op),
        });
    }
    out
}

/// The one day-precise date a report gives (its sentence, span and date), if all its
/// day-precise dates agree: an absolute one ("April 8, 2015"), or a day without a year
/// ("Friday 15th April") when the report gives no year either.
fn only_day_date(sentence_dates: &[Vec<DateMention>]) -> Option<(usize, Span, OpDate)> {
    let mut found: Option<(usize, Span, OpDate)> = None;
    for (i, ds) in sentence_dates.iter().enumerate() {
        for d in ds.iter().filter(|d| !d.relative) {
            let od = match (d.start, d.month_day) {
                (Some(start @ PartialDate::Day(..)), _) => OpDate::Full(start, d.end),
                (None, Some((m, Some(day)))) => OpDate::MonthDay(m, day, d.weekday),
                _ => continue,
            };
            match &mut found {
                Some((_, _, f)) if !f.same_day(&od) => return None,
                // "15 April" again, or "Friday 15th April": keep the weekday where told.
                Some((_, _, f)) => {
                    if let (OpDate::MonthDay(.., wd @ None), OpDate::MonthDay(.., Some(w))) = (f, od) {
                        *wd = Some(w);
                    }
                }
                None => found = Some((i, d.span, od)),
            }
        }
    }
    found
}

fn op_label(
    kind: &str,
    roles: &[RoleFact],
    mentions: &[RawMention],
    start: Option<PartialDate>,
    md: Option<(u32, u32)>,
) -> String {
    let name = |key: &str| mentions.iter().find(|m| m.key == key).map(|m| m.label.clone());
    let target = roles
        .iter()
        .find(|r| r.role == Role::Target)
        .and_then(|r| name(&r.entity));
    let lead = roles
        .iter()
        .find(|r| r.role == Role::LedBy)
        .and_then(|r| name(&r.entity));
    let mut label = kind.to_string();
    if let Some(t) = target {
        label.push_str(&format!(" against {t}"));
    } else if let Some(l) = lead {
        label.push_str(&format!(" led by {l}"));
    }
    match (start, md) {
        (Some(s), _) => label.push_str(&format!(", {s}")),
        (None, Some((m, d))) => label.push_str(&format!(", --{m:02}-{d:02}")),
        _ => {}
    }
    label
}

/// Phrases that continue a list of entities ("X, but also Y", "X together with Y").
const LIST_CONTINUERS: &[&str] = &[
    "such as",
    "but also",
    "as well as",
    "including",
    "like",
    "together with",
    "along with",
    "jointly with",
    "and also",
    "samen met",
    "evenals",
    "alsook",
    "ainsi que",
    "avec",
    "sowie",
    "zusammen mit",
    "gemeinsam mit",
    "junto con",
    "junto a",
    "así como",
];

const GAP_BREAKERS: &[&str] = &[
    "which", "who", "whom", "whose", "while", "whereas", "but", "because", "although", "after", "before", "when",
    "where", "that", "if", "die", "dat", "welke", "terwijl", "maar", "omdat", "nadat", "qui", "que", "dont", "mais",
    "tandis", "parce", "welche", "während", "aber", "weil", "dass", "quien", "cual", "mientras", "pero", "porque",
    "cuando", "since", "until", "sinds", "depuis", "seit", "desde", "waarbij", "waarmee", "waarin", "waardoor",
    "waarna", "wobei", "wodurch", "womit", "lorsque", "donde",
];

/// Does `gap` hold a finite auxiliary of `lang` ("hebben", "haben", "have", "ont", "han")?
/// Between two names of a list it is the main clause's verb after an opening phrase:
/// "Onder leiding van het parket hebben speurders uit België ...": the investigators
/// are not led by, they are who acted.
fn has_auxiliary(gap: &str, lang: Lang) -> bool {
    let words: &[&str] = match lang {
        Lang::En => &["has", "have", "had", "is", "are", "was", "were"],
        Lang::Nl => &[
            "heeft", "hebben", "had", "hadden", "is", "zijn", "was", "waren", "werd", "werden",
        ],
        Lang::De => &["hat", "haben", "hatte", "hatten", "ist", "sind", "wurde", "wurden"],
        Lang::Fr => &["a", "ont", "avait", "avaient", "sont", "était", "étaient"],
        Lang::Es => &["ha", "han", "había", "habían", "fue", "fueron"],
        _ => &[],
    };
    has_word(gap, words)
}

/// Does `before` (the sentence up to a verb) end with a passive auxiliary ("were",
/// "a été", "fueron", "werden", "wurden")?
fn passive_before(before: &str, lang: Lang) -> bool {
    let words: &[&str] = match lang {
        Lang::En => &["was", "were", "been", "being", "be", "is", "are"],
        Lang::Nl => &["werd", "werden", "worden", "wordt"],
        Lang::De => &["wurde", "wurden", "worden", "wird", "werden"],
        Lang::Fr => &["été"],
        Lang::Es => &["fue", "fueron", "sido", "son", "es"],
        _ => &[],
    };
    before
        .split(|c: char| !c.is_alphabetic())
        .rfind(|w| !w.is_empty())
        .is_some_and(|w| words.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// Is `gap`, between a name and a verb, the name's saying that it (or they) did it: "said
/// on Wednesday they had", "a annoncé qu'elle avait", "informó de que habían", "teilte
/// am Mittwoch mit, es habe"?
fn reported_subject(gap: &str, lang: Lang) -> bool {
    static RE: OnceLock<[Regex; 4]> = OnceLock::new();
    let [en, fr, es, de] = RE.get_or_init(|| {
        [
            r"^\s*(?:(?:has|have|had)\s+)?(?:said|says|announced|reported|stated|confirmed|told\s+\w+)(?:\s+(?:on|late\s+on|early\s+on)\s+\w+)?(?:\s+that)?\s+(?:they|it|she|he)(?:\s+(?:had|have|has|were|was|would))?\s*$",
            r"^\s*(?:a|ont)\s+(?:annoncé|indiqué|déclaré|affirmé|expliqué|précisé)(?:\s+[\w-]+){0,3}?\s+qu['’](?:ils|elles|il|elle)(?:\s+(?:avait|avaient|a|ont))?\s*$",
            r"^\s*(?:(?:ha|han)\s+)?(?:informó|informaron|anunció|anunciaron|informado|anunciado|explicó|señaló|confirmó)(?:\s+\w+){0,3}?\s+(?:de\s+)?que(?:\s+(?:ha|han|había|habían))?\s*$",
            // "Das BKA teilte am Mittwoch mit, es habe ...": reported speech.
            r"^\s*(?:(?:teilte|teilten|gab|gaben)(?:\s+[\w.]+){0,3}?\s+(?:mit|bekannt)|(?:erklärte|erklärten|sagte|sagten|berichtete|berichteten|meldete|meldeten)(?:\s+[\w.]+){0,3}?)\s*,\s*(?:es|sie|er)\s*$",
        ]
        .map(|p| Regex::new(&format!("(?i){p}")).expect("static regex"))
    });
    match lang {
        Lang::En => en.is_match(gap),
        Lang::Fr => fr.is_match(gap),
        Lang::Es => es.is_match(gap),
        Lang::De => de.is_match(gap),
        _ => false,
    }
}

/// Is the cue at `cue` negated: a negation inside it ("deed niet mee", "nahm nicht
/// teil") or among the two words before it ("did not take part", "no participó")? "Not
/// only" is none.
fn negated(text: &str, sentence_start: usize, cue: Span, lang: Lang) -> bool {
    let negations: &[&str] = match lang {
        Lang::En => &["not", "never"],
        Lang::Nl => &["niet", "nooit", "geen"],
        Lang::De => &["nicht", "nie", "niemals", "kein", "keine"],
        Lang::Fr => &["pas", "jamais"],
        Lang::Es => &["no", "nunca"],
        _ => &[],
    };
    const ONLY: &[&str] = &["only", "alleen", "enkel", "nur", "seulement", "solo", "sólo"];
    let is_negation = |w: &str| {
        negations.iter().any(|n| w.eq_ignore_ascii_case(n))
            || (lang == Lang::En && (w.ends_with("n't") || w.ends_with("n’t")))
    };
    fn split(t: &str) -> impl DoubleEndedIterator<Item = &str> {
        t.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '’')
            .filter(|w| !w.is_empty())
    }
    // The two words before the cue (from a short window), the cue's, the word after it.
    let before = super::text_before(text, cue.start, 40.min(cue.start.saturating_sub(sentence_start)));
    let mut ws: Vec<&str> = split(before).rev().take(2).collect();
    ws.reverse();
    ws.extend(text.get(cue.start..cue.end).map(split).into_iter().flatten());
    ws.extend(text.get(cue.end..).and_then(|t| split(t).next()));
    ws.windows(2)
        .any(|w| is_negation(w[0]) && !ONLY.iter().any(|o| w[1].eq_ignore_ascii_case(o)))
}

/// ", dont l'" at the end of a gap (lower case).
fn dont_before_name() -> &'static Regex {
    static_regex!(r",\s*dont\s+(?:(?:l['’]|la|le|les)\s*)?$")
}

/// Is `gap` between two names just "of" and an article ("the Team High Tech Crime van de
/// Nederlandse politie", "la unidad de la Policía Nacional")? The second name owns the
/// first; it is no new item of a list.
fn owner_gap(gap: &str) -> bool {
    const OF: &[&str] = &["of", "van", "de", "du", "des", "del", "von", "vom", "der", "d'", "d’"];
    const ARTICLES: &[&str] = &[
        "the", "de", "het", "la", "le", "les", "l'", "l’", "el", "los", "las", "der", "des", "dem", "den", "die",
    ];
    let mut words = gap.split_whitespace().map(str::to_lowercase).peekable();
    // "Juzgado Central de Instrucción número 2 de la Audiencia Nacional": the court's
    // number first.
    if words.peek().is_some_and(|w| {
        [
            "no", "no.", "nº", "n°", "nr", "nr.", "number", "número", "núm.", "numéro", "nummer",
        ]
        .contains(&w.as_str())
    }) {
        words.next();
        if !words.next().is_some_and(|n| n.chars().all(|c| c.is_ascii_digit())) {
            return false;
        }
    }
    let Some(first) = words.next() else {
        return false;
    };
    let rest: Vec<String> = words.collect();
    OF.contains(&first.as_str()) && rest.len() <= 1 && rest.iter().all(|w| ARTICLES.contains(&w.as_str()))
}

/// Is `gap` "and" with perhaps an article and an adjective, before the noun of a
/// generic actor ("Europol and national authorities from", "Europol en de autoriteiten
/// van", "Europol et les autorités de")?
fn joined_to_authorities(gap: &str) -> bool {
    const JOINERS: &[&str] = &["and", "en", "et", "und", "y"];
    const FILLERS: &[&str] = &[
        "the",
        "de",
        "het",
        "les",
        "la",
        "le",
        "die",
        "den",
        "las",
        "los",
        "national",
        "nationale",
        "nationalen",
        "nationales",
        "nacionales",
        "local",
        "lokale",
        "locales",
        "competent",
        "bevoegde",
        "compétentes",
        "zuständigen",
        "competentes",
        "relevant",
    ];
    let words: Vec<String> = gap.split_whitespace().map(str::to_lowercase).collect();
    words.first().is_some_and(|w| JOINERS.contains(&w.as_str()))
        && words.len() <= 3
        && words[1..].iter().all(|w| FILLERS.contains(&w.as_str()))
}

/// ", die" with words after it: a German relative clause. At the end of a gap, right
/// before the next name, "die" is that name's article ("Japan, die Schweiz, Finnland").
fn comma_die() -> &'static Regex {
    static_regex!(r",\s*die\s+\S")
}

/// Is the text between two linked mentions (or a cue and a mention) short filler? In
/// German "die" is mostly an article ("führte die Staatsanwaltschaft"), a relative
/// pronoun only after a comma; in Dutch it opens a relative clause.
fn gap_ok(gap: &str, max_words: usize, lang: Lang) -> bool {
    // A quote that closes right after the name before or opens right before the name
    // after quotes that name ("die Plattform „Nachtfalter“ abgeschaltet"), and a dot after
    // a digit is an ordinal's ("am 12. Juni"): neither ends the clause.
    let gap = gap
        .trim_start_matches(['"', '”', '“', '»'])
        .trim_end_matches(['"', '“', '„', '«']);
    let ordinal_dot = |i: usize| i > 0 && gap.as_bytes()[i - 1].is_ascii_digit();
    if gap.contains([';', '?', '!', '\n', '“', '”', '"']) || gap.match_indices('.').any(|(i, _)| !ordinal_dot(i)) {
        return false;
    }
    let mut gap_owned = gap.to_lowercase();
    for c in LIST_CONTINUERS {
        if let Some(i) = gap_owned.find(c) {
            let before_ok = gap_owned[..i].chars().last().is_none_or(|ch| !ch.is_alphanumeric());
            let after_ok = gap_owned[i + c.len()..]
                .chars()
                .next()
                .is_none_or(|ch| !ch.is_alphanumeric());
            if before_ok && after_ok {
                gap_owned.replace_range(i..i + c.len(), " , ");
            }
        }
    }
    // ", dont l'Allemagne": "dont" right before a name is "including", no relative
    // clause ("dont le siège est à La Haye" has more words before the next name).
    if lang == Lang::Fr {
        if let Some(m) = dont_before_name().find(&gap_owned) {
            gap_owned.replace_range(m.start().., " , ");
        }
    }
    let german_relative = lang == Lang::De && comma_die().is_match(&gap_owned);
    // Too many words, or a clause-breaking one: either says no. The words are lower
    // case already; only non-ASCII ones are mapped again (as `str::to_lowercase` did).
    let mut words = 0;
    for w in gap_owned
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
    {
        words += 1;
        let breaker = if w == "die" && lang == Lang::De {
            german_relative
        } else if w.is_ascii() {
            GAP_BREAKERS.contains(&w)
        } else {
            GAP_BREAKERS.contains(&w.to_lowercase().as_str())
        };
        if words > max_words || breaker {
            return false;
        }
    }
    true
}

/// Is `cue` one clause ("heeft de servers offline gehaald", not "heeft gemeld dat Hydra
/// is opgerold", whose subject only reported it)?
/// A verb of taking part has no object, so its commas separate the names of a list
/// ("namen ook Frankrijk, Bulgarije en Roemenië deel"); a comma right before the agent's
/// preposition sets the agent apart ("l'interpellation, par les autorités").
fn one_clause(cue: &str) -> bool {
    const SUBORDINATORS: &[&str] = &[
        "dat", "omdat", "nadat", "waarna", "terwijl", "wat", "dass", "weil", "nachdem", "wobei", "während", "was",
    ];
    let cue = match cue.rsplit_once(',') {
        Some((head, agent)) if matches!(agent.trim(), "par" | "por" | "by" | "door" | "durch") => head,
        _ => cue,
    };
    let marks: &[char] = if taking_part(cue) {
        &[';', ':']
    } else {
        &[',', ';', ':']
    };
    !cue.contains(marks) && !has_word(cue, SUBORDINATORS)
}

/// Does `cue` end with the particle of a separable verb of taking part ("namen ...
/// deel", "werkten ... mee", "nahmen ... teil", "wirkten ... mit") or the participle of
/// being involved ("war ... beteiligt", "waren ... betrokken")?
fn taking_part(cue: &str) -> bool {
    cue.rsplit(char::is_whitespace).next().is_some_and(|w| {
        ["mee", "deel", "teil", "mit", "beteiligt", "betrokken"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
    })
}

/// Does `text` hold one of `words` (lower case) as a word of its own, in any case?
fn has_word(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| {
            // Lower-cased once, and only when ASCII case folding does not say.
            if w.is_ascii() {
                words.iter().any(|v| w.eq_ignore_ascii_case(v))
            } else {
                words.contains(&w.to_lowercase().as_str())
            }
        })
}

/// The role a cue gives an entity of type `t`, if any ([`role_accepts`], and only actors
/// for an actors-only cue).
/// Does the gap between two names join them into one subject ("X en Y", "X, die Y und
/// der Z", "X and the Y", "X y la Y")? An article alone does not: "heeft de Duitse politie
/// de Nederlandse servers".
fn joins_subjects(gap: &str) -> bool {
    const JOINERS: &[&str] = &["en", "und", "sowie", "and", "et", "y", "e"];
    const ARTICLES: &[&str] = &[
        "de", "het", "die", "der", "das", "den", "dem", "the", "le", "la", "les", "l'", "el", "los", "las",
    ];
    let words: Vec<String> = gap
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let joined = gap.contains(',') || words.iter().any(|w| JOINERS.contains(&w.as_str()));
    joined
        && words
            .iter()
            .all(|w| JOINERS.contains(&w.as_str()) || ARTICLES.contains(&w.as_str()))
}

/// Does a participant cue say "together with" ("samen met", "gemeinsam mit", "en
/// colaboración con", "en collaboration avec", "in cooperation with")?
fn comitative(cue: &str) -> bool {
    let re = static_regex!(
        r"(?i)^(?:together\s+with|jointly\s+with|alongside|in\s+(?:close\s+)?(?:collaboration|cooperation|co-operation|partnership|conjunction)\s+with|in\s+(?:nauwe\s+|goede\s+)?samenwerking\s+met|samen\s+met|gemeinsam\s+mit|zusammen\s+mit|in\s+(?:enger\s+|engster\s+|guter\s+)?Zusammenarbeit\s+mit|en\s+(?:estrecha\s+)?(?:colaboración|colaboracion|cooperación|cooperacion|coordinación)\s+con|junto\s+(?:con|a)|en\s+(?:étroite\s+|etroite\s+)?(?:collaboration|coopération|cooperation|lien)\s+avec|conjointement\s+avec)$"
    );
    re.is_match(cue.trim())
}

/// Is the gap between a subject and a "together with" cue at most a comma and an
/// auxiliary ("X heeft samen met", "X haben gemeinsam mit", "X, en colaboración con")?
fn before_comitative(gap: &str, lang: Lang) -> bool {
    let words: Vec<&str> = gap.split([' ', ',']).filter(|w| !w.trim().is_empty()).collect();
    words.len() <= 1 && words.iter().all(|w| has_auxiliary(w, lang))
}

/// `gap` without the generic noun that opens it ("Belgian police", "die deutschen
/// Behörden": the demonym before it names the actor).
fn after_generic_noun(gap: &str) -> &str {
    const NOUNS: &[&str] = &[
        "police",
        "politie",
        "polizei",
        "policía",
        "policia",
        "authorities",
        "autoriteiten",
        "autorités",
        "behörden",
        "autoridades",
        "officers",
        "investigators",
        "rechercheurs",
        "enquêteurs",
        "ermittler",
        "investigadores",
        "prosecutors",
        "justice",
        "justitie",
        "justiz",
        "gendarmerie",
        "forces",
    ];
    let trimmed = gap.trim_start();
    let end = trimmed.find(|c: char| !c.is_alphabetic()).unwrap_or(trimmed.len());
    if NOUNS.contains(&trimmed[..end].to_lowercase().as_str()) {
        &trimmed[end..]
    } else {
        gap
    }
}

fn cue_accepts(cue: &cues::RoleCue, t: EntityType) -> Option<Role> {
    role_accepts(cue.role, t).filter(|_| !cue.actors_only || is_actor(t))
}

/// Can an entity of type `t` act in an operation (an agency or a country)?
fn is_actor(t: EntityType) -> bool {
    matches!(t, EntityType::Agency | EntityType::Country)
}

/// Does a gap hold a verb of saying ("Europol said Spanish police have shut down")? The
/// speaker before it is not the one who acted.
fn speech_in(gap: &str) -> bool {
    const SPEECH: &[&str] = &[
        "said",
        "says",
        "announced",
        "reported",
        "told",
        "according",
        "zei",
        "zegt",
        "meldde",
        "déclaré",
        "annoncé",
        "selon",
        "sagte",
        "teilte",
        "erklärte",
        "dijo",
        "informó",
        "según",
        "anunció",
        "added",
        "maakt",
        "maakte",
        "aldus",
        "sagt",
        "meldete",
        "indiqué",
        "précisé",
        "señaló",
        "explicó",
        // the plural forms ("maakten het OM en Europol bekend", "teilten ... mit")
        "zeiden",
        "meldden",
        "maakten",
        "lieten",
        "sagten",
        "teilten",
        "erklärten",
        "meldeten",
        "dijeron",
        "informaron",
        "anunciaron",
        "señalaron",
        "explicaron",
    ];
    has_word(gap, SPEECH)
}

fn role_accepts(role: Role, t: EntityType) -> Option<Role> {
    use EntityType::*;
    match role {
        Role::LedBy | Role::CoordinatedBy | Role::SupportedBy | Role::Participant => match t {
            Agency | Country => Some(role),
            Company if role == Role::Participant || role == Role::SupportedBy => Some(Role::Partner),
            _ => None,
        },
        Role::Target => matches!(t, Group | Outlet | Company).then_some(role),
        Role::Partner => matches!(t, Company).then_some(role),
        Role::Location => matches!(t, Country | Place).then_some(role),
    }
}

fn push_role(roles: &mut Vec<RoleFact>, role: Role, m: &RawMention, sentence: usize, cue: Span, rule: &str, conf: f32) {
    let evidence = Evidence {
        sentence,
        span: Span::new(cue.start.min(m.span.start), cue.end.max(m.span.end)),
        rule: rule.to_string(),
        confidence: conf * m.confidence,
    };
    match roles.iter_mut().find(|r| r.role == role && r.entity == m.key) {
        // A named platform's role is dropped outside takedowns: a cue's evidence for the
        // same fact, found later, must not be lost with it.
        Some(r) if r.evidence.rule == NAMED_PLATFORM && rule != NAMED_PLATFORM => r.evidence = evidence,
        Some(_) => {}
        None => roles.push(RoleFact {
            role,
            entity: m.key.clone(),
            evidence,
        }),
    }
}

/// [`push_role`] for a name a cue reaches through a construction (a joined subject, an
/// inverted one, a pronoun...): the rule is the cue's with `+how`, the confidence lower.
fn push_derived(
    roles: &mut Vec<RoleFact>,
    role: Role,
    m: &RawMention,
    sentence: usize,
    cue_span: Span,
    cue: &cues::RoleCue,
    how: &str,
) {
    let rule = format!("{}+{how}", cue.rule);
    push_role(roles, role, m, sentence, cue_span, &rule, cue.confidence * 0.9);
}

/// A cue whose chain found nothing and that ends its sentence with ':' governs the
/// bullet lines that follow ("That was done with the help of:" / "• X" / "• Y").
#[derive(Debug, Clone)]
struct PendingList {
    role: Role,
    rule: String,
    cue: Span,
}

/// A line of a list: a bullet ("• X", "- X", "1. X") or a label before a colon
/// ("Germany: State Criminal Police Office; Public Prosecutor's Office").
fn is_bullet(s: &str) -> bool {
    let t = s.trim_start();
    let labelled = t.split_once(": ").is_some_and(|(label, _)| {
        label.chars().count() <= 40
            && label.chars().next().is_some_and(char::is_uppercase)
            && !label.contains(['.', ',', '\n'])
    });
    labelled
        || t.starts_with(['•', '-', '*', '–', '·', '▪', '◦'])
        || t.split_once(". ")
            .is_some_and(|(n, _)| n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
}

fn sentence_roles(
    cx: &Context<'_>,
    i: usize,
    span: Span,
    trigger: Option<Trigger>,
    cues_here: &[&'static cues::RoleCue],
    roles: &mut Vec<RoleFact>,
    pending: &mut Option<PendingList>,
) {
    let s = span.slice(cx.text);
    // Mentions are sorted by start: take the sentence's slice.
    let lo = cx.mentions.partition_point(|m| m.span.start < span.start);
    let hi = lo + cx.mentions[lo..].partition_point(|m| m.span.start < span.end);
    let ms: Vec<&RawMention> = cx.mentions[lo..hi]
        .iter()
        .filter(|m| !m.nested && span.contains(m.span))
        .collect();
    // "the Portuguese Polícia Judiciária", "la Polizia di Stato italienne": a demonym
    // right next to a named agency says whose agency acts; the agency takes the role,
    // not its country (a country acts for unnamed authorities only: "Portuguese police").
    let adjacent = |a: Span, b: Span| {
        cx.text
            .get(a.end..b.start)
            .is_some_and(|g| g.len() <= 3 && g.chars().all(|c| c.is_whitespace() || c == '-'))
    };
    let owner_of_next = |m: &RawMention| {
        m.demonym
            && (ms
                .iter()
                .find(|n| n.span.start >= m.span.end)
                .is_some_and(|n| n.etype == EntityType::Agency && adjacent(m.span, n.span))
                || ms
                    .iter()
                    .rev()
                    .find(|n| n.span.end <= m.span.start)
                    .is_some_and(|n| n.etype == EntityType::Agency && adjacent(n.span, m.span)))
    };
    if let Some(p) = pending.clone() {
        if is_bullet(s) {
            for m in &ms {
                if let Some(role) = role_accepts(p.role, m.etype) {
                    push_role(roles, role, m, i, p.cue, &p.rule, 0.6);
                }
            }
        } else {
            *pending = None;
        }
    }
    // Every cue occurrence in the sentence, absolute spans.
    let mut hits: Vec<(Span, &cues::RoleCue)> = Vec::new();
    for &c in cues_here {
        for m in c.re.find_iter(s) {
            hits.push((Span::new(span.start + m.start, span.start + m.end), c));
        }
    }
    // A cue inside a mention ("Counter Terrorism Internet Referral Unit") is no cue. An
    // actors-only cue may hold names between its auxiliary and its participle ("heeft de
    // servers van Hydra offline gehaald"), any cue a place in its gap ("organised at its
    // seat in Lyon the action days"); a cue only must not start or end inside a name.
    hits.retain(|(h, c)| {
        let (first, last) = (
            Span::new(h.start, h.start + 1),
            Span::new(h.end.saturating_sub(1), h.end),
        );
        let edges_free = !ms.iter().any(|m| m.span.overlaps(first) || m.span.overlaps(last));
        if c.actors_only {
            edges_free && one_clause(h.slice(cx.text))
        } else {
            edges_free
                && !ms
                    .iter()
                    .any(|m| m.span.overlaps(*h) && m.etype != EntityType::Place && m.etype != EntityType::Country)
        }
    });
    // "Nederland deed niet mee", "did not take part", "no participó": a negated cue says
    // nothing of who acted.
    hits.retain(|(h, _)| !negated(cx.text, span.start, *h, cx.lang));
    // "De dienst werd na het kraken van EncroChat populair", "verwijzend naar het kraken
    // van EncroChat": what was targeted before, not in this operation. With an action of
    // its own in the clause ("nahm 40 Verdächtige fest, nach der Entschlüsselung von
    // Sky ECC") the event is this operation's.
    let acting: Vec<Span> = hits.iter().filter(|(_, c)| c.actors_only).map(|(h, _)| *h).collect();
    hits.retain(|(h, c)| {
        if c.role != Role::Target {
            return true;
        }
        // A cue may open with its article ("the takedown of"): read the preposition
        // before it together with the article.
        let lead = leading_article(h.slice(cx.text));
        let before = super::text_before(cx.text, h.start + lead, 30 + lead);
        if reference_before(before) {
            return false;
        }
        if !event_before(before) && !after_clause_before(before) {
            return true;
        }
        let (at, end) = (h.start - span.start, h.end - span.start);
        let (cs, ce) = clause_of(&clause_breaks(s), at, s.len());
        let acts = |a: usize, b: usize| s.get(a..b).is_some_and(|t| cues::find_trigger(t).is_some());
        let clause = Span::new(span.start + cs, span.start + ce);
        acts(cs, at) || acts(end, ce) || acting.iter().any(|a| clause.contains(*a) && !a.overlaps(*h))
    });
    // Longer cues win over cues they overlap ("worked with the support of X": X is
    // supported by, not worked with). The same words may cue both ways: "police
    // dismantled X" makes the police a participant and X the target, "Europol partnered
    // with the FBI" makes both participants.
    // On the same words a named part beats taking part: "speelde een ondersteunende rol"
    // is support, though "speelde een ... rol" also reads as taking part.
    hits.sort_by_key(|(h, c)| (std::cmp::Reverse(h.end - h.start), h.start, c.role == Role::Participant));
    // An actors-only cue ("have shut down") neither hides nor is hidden: the target cue
    // it overlaps still gives what was shut down. Nor do two cues that read opposite
    // ways and share only some words: "X avaient coordonné le démantèlement de Y" reads
    // its coordinators before and its target after.
    let mut kept: Vec<(Span, &cues::RoleCue)> = Vec::new();
    for h in hits {
        let hides = |k: &Span, c: &cues::RoleCue| {
            let opposite = c.direction != h.1.direction;
            !c.actors_only
                && k.overlaps(h.0)
                && !(*k == h.0 && opposite)
                && !(opposite && !k.contains(h.0) && !h.0.contains(*k))
        };
        if h.1.actors_only || !kept.iter().any(|(k, c)| hides(k, c)) {
            kept.push(h);
        }
    }
    kept.sort_by_key(|(h, _)| h.start);
    let cue_spans: Vec<Span> = kept.iter().map(|(h, _)| *h).collect();
    // A list continuer ("together with") inside a chain is no new cue.
    let continuer = |c: &Span| {
        let t = c.slice(cx.text).to_lowercase();
        LIST_CONTINUERS.iter().any(|l| t == *l)
    };
    // "authorities in X", "experts from X": a participant cue that only says X acts as a
    // country. Right after another cue ("with the help of authorities in X", "led by
    // police from X", "coordinated by the judicial cooperation agencies of the EU - X")
    // it is part of that cue's phrase, and X takes the outer role.
    // But a sentence that opens with a cue's phrase ("Supported by Europol, investigators
    // from Spain took down ...") ends the phrase at a comma: the main clause follows.
    let opening_phrase = kept.first().is_some_and(|(h, c)| {
        c.direction == Direction::Forward
            && cx.text.get(span.start..h.start).is_some_and(|before| {
                let before = before.trim();
                before.is_empty() || (before.ends_with(',') && before.split_whitespace().count() <= 4)
            })
    });
    let generic: Vec<Span> = kept.iter().filter(|(_, c)| c.generic).map(|(h, _)| *h).collect();
    let absorbed: Vec<Span> = generic
        .iter()
        .filter(|g| {
            kept.iter().any(|(h, c)| {
                c.direction == Direction::Forward
                    && h.end <= g.start
                    && !generic.contains(h)
                    && cx.text.get(h.end..g.start).is_some_and(|gap| {
                        gap_ok(gap, 6, cx.lang) && !(opening_phrase && gap.trim_end().ends_with(','))
                    })
            })
        })
        .copied()
        .collect();
    let blocked = |a: usize, b: usize| {
        cue_spans
            .iter()
            .any(|c| c.start >= a && c.end <= b && !continuer(c) && !absorbed.contains(c))
    };
    let mut chained: Vec<Span> = Vec::new();
    let ends_with_colon = s.trim_end().ends_with(':');
    for (h, cue) in &kept {
        if absorbed.contains(h) {
            continue;
        }
        // Not after an auxiliary: "De FIOD heeft samen met de douane ... opgerold" is a
        // subject and its verb, then who acted with it.
        if continuer(h)
            && chained.iter().any(|c| {
                let gap = cx.text.get(c.end..h.start).unwrap_or(".");
                c.end <= h.start && gap_ok(gap, 2, cx.lang) && !has_auxiliary(gap, cx.lang)
            })
        {
            continue;
        }
        let mut found = false;
        match cue.direction {
            Direction::Forward => {
                // "La red, dirigida por ciudadanos alemanes": who leads a criminal network
                // does not lead the operation against it.
                if cue.role == Role::LedBy && network_before(super::text_before(cx.text, h.start, 40)) {
                    continue;
                }
                let mut boundary = h.end;
                let mut first = true;
                // "led by the federal prosecutor's office of X" may run long before its
                // actor; "authorities from X" (a generic cue ends in its preposition) may
                // not: "police from two systems used by the criminals, X" is no actor.
                // An agent cue ("raided by", "an operation of") is right before its
                // agent, and a place after it is where, not who ("a raid of customs in
                // Spain").
                let first_gap = if cue.generic || cue.actors_only { 4 } else { 10 };
                // "officiers en Pologne, au Royaume-Uni et en Espagne": after a cue that
                // ends in a preposition of place, the same preposition again goes on with
                // the list.
                let cue_in_place = || place_before(&format!("{} ", h.slice(cx.text)), cx.lang);
                for m in ms.iter().filter(|m| m.span.start >= h.end) {
                    let gap = cx.text.get(boundary..m.span.start).unwrap_or(".");
                    // "coordinated by Europol, ... the botnet Emotet in Spain": a place after
                    // its preposition, further down the chain, is where, not who (unless an
                    // absorbed generic cue says who: "and authorities in Spain").
                    let place = (!first || cue.actors_only)
                        && place_before(gap, cx.lang)
                        && !(repeated_preposition(gap) && cue_in_place())
                        && !absorbed.iter().any(|g| g.start >= boundary && g.end <= m.span.start);
                    // "led by the German police, Europol announced": a name that speaks
                    // after a comma is the telling's subject, not the list's next item.
                    // "onder leiding van België, maakt Europol-hoofd X bekend": nor one
                    // after a verb of telling that opens the next clause.
                    let speaker = !first
                        && gap.contains(',')
                        && (speaks_after(cx.text.get(m.span.end..).unwrap_or("")) || speech_in(gap));
                    // "gegen IS-Propaganda-Kanäle auf Telegram": the platform the
                    // target used, not a target.
                    let platform =
                        cue.role == Role::Target && m.etype == EntityType::Company && platform_preposition(gap);
                    if !gap_ok(gap, if first { first_gap } else { 6 }, cx.lang)
                        || blocked(boundary, m.span.start)
                        || place
                        || platform
                        || speaker
                        || (!first && has_auxiliary(gap, cx.lang))
                        || (!first && owner_gap(gap))
                    {
                        break;
                    }
                    if let Some(role) = cue_accepts(cue, m.etype).filter(|_| !owner_of_next(m)) {
                        push_role(roles, role, m, i, *h, &cue.rule, cue.confidence);
                        found = true;
                    }
                    chained.push(m.span);
                    boundary = m.span.end;
                    first = false;
                }
                // "Europol and national authorities from Belgium and France disrupted":
                // the name joined to the authorities' noun takes part with them.
                let cue_text = h.slice(cx.text);
                if found && cue.role == Role::Participant && after_generic_noun(cue_text).len() < cue_text.len() {
                    if let Some(m) = ms.iter().rev().find(|m| m.span.end <= h.start) {
                        let joined = cx.text.get(m.span.end..h.start).is_some_and(joined_to_authorities);
                        if joined && !chained.contains(&m.span) {
                            if let Some(role) = cue_accepts(cue, m.etype).filter(|_| !owner_of_next(m)) {
                                push_derived(roles, role, m, i, *h, cue, "joined");
                                chained.push(m.span);
                            }
                        }
                    }
                }
                if !found && ends_with_colon {
                    *pending = Some(PendingList {
                        role: cue.role,
                        rule: cue.rule.clone(),
                        cue: *h,
                    });
                }
                // "De Nederlandse politie heeft samen met de FBI ... uit de lucht gehaald",
                // "La Guardia Civil, en colaboración con la Policía de Colombia, ha
                // desarticulado": who acts together with the cue's names is the clause's
                // subject, right before the cue, and takes part too.
                if cue.role == Role::Participant && comitative(h.slice(cx.text)) {
                    let mut subjects: Vec<(&RawMention, Role)> = Vec::new();
                    let mut boundary = h.start;
                    for m in ms.iter().rev().filter(|m| m.span.end <= h.start) {
                        let gap = cx.text.get(m.span.end..boundary).unwrap_or(".");
                        let joined = if subjects.is_empty() && boundary == h.start {
                            // "de Belgische politie samen met": the demonym is the mention.
                            let gap = if m.demonym { after_generic_noun(gap) } else { gap };
                            before_comitative(gap, cx.lang)
                        } else {
                            joins_subjects(gap)
                        };
                        if !joined || chained.contains(&m.span) || blocked(m.span.end, boundary) {
                            break;
                        }
                        boundary = m.span.start;
                        // "the Portuguese Polícia Judiciária": the agency acts, not its country.
                        if owner_of_next(m) {
                            continue;
                        }
                        match cue_accepts(cue, m.etype) {
                            Some(role) => subjects.push((m, role)),
                            None => break,
                        }
                    }
                    // Not "arrested in Spain together with ...": a place, or a passive's agent.
                    let before = cx.text.get(span.start..boundary).unwrap_or("");
                    let tail: Vec<&str> = before.split_whitespace().rev().take(2).collect();
                    if !location_prep().is_match(before) && !agent_preposition(&tail.join(" ")) {
                        for (m, role) in subjects {
                            push_derived(roles, role, m, i, *h, cue, "subject");
                            chained.push(m.span);
                        }
                    }
                }
            }
            Direction::Backward => {
                // "servers in Finland were seized": a verb of acting in the passive has
                // what was acted on before it, not who acted.
                if cue.role == Role::Participant
                    && !cue.needs_agent
                    && passive_before(cx.text.get(span.start..h.start).unwrap_or(""), cx.lang)
                {
                    continue;
                }
                let mut boundary = h.start;
                let mut first = true;
                let mut agents: Vec<(&RawMention, Role)> = Vec::new();
                // "seized the marketplace X and arrested 288 suspects": a company does not
                // arrest, raid or seize; before such a verb it is another verb's object.
                let acts = acting_verb(h.slice(cx.text));
                for m in ms.iter().rev().filter(|m| m.span.end <= h.start) {
                    if m.span.end > boundary {
                        continue; // inside a phrase set off by commas, skipped below
                    }
                    let gap = cx.text.get(m.span.end..boundary).unwrap_or(".");
                    // "DoubleVPN, met zeshonderd gebruikers, is ... uit de lucht gehaald":
                    // a phrase of what the subject has, between commas, is the subject's.
                    let gap = if first { skip_with_phrase(gap) } else { gap };
                    // "in den Vereinigten Arabischen Emiraten koordinierte Razzien": a place
                    // after its preposition neither leads, coordinates nor supports.
                    if first
                        && matches!(cue.role, Role::LedBy | Role::CoordinatedBy | Role::SupportedBy)
                        && matches!(m.etype, EntityType::Country | EntityType::Place)
                        && place_before(super::text_before(cx.text, m.span.start, 30), cx.lang)
                    {
                        break;
                    }
                    // "La police espagnole, avec le soutien d'Europol, a démantelé": the
                    // phrase between commas right before the verb is another cue's; the
                    // subject stands before its opening comma.
                    // "X, supported by Europol, have dismantled": the comma, perhaps the
                    // auxiliary.
                    let comma_gap = gap.trim().strip_prefix(',').is_some_and(|rest| {
                        rest.trim().is_empty() || (rest.split_whitespace().count() == 1 && has_auxiliary(rest, cx.lang))
                    });
                    if first && chained.contains(&m.span) && comma_gap {
                        // The phrase may hold several cues ("working alongside Europol and
                        // officers in Germany"): it opens at the last one after a comma. A
                        // few words without a name may come first ("La Guardia Civil, en el
                        // marco de una operación coordinada por Europol, ha detenido").
                        let opening = cue_spans
                            .iter()
                            .filter(|c| c.end <= m.span.start && c.start >= span.start)
                            .filter_map(|c| {
                                let comma = span.start + cx.text.get(span.start..c.start)?.rfind(',')?;
                                let lead = cx.text.get(comma + 1..c.start)?;
                                let named = ms.iter().any(|n| n.span.start > comma && n.span.end <= c.start);
                                (lead.split_whitespace().count() <= 6 && !named).then_some(comma)
                            })
                            .max();
                        if let Some(comma) = opening {
                            boundary = comma;
                            continue;
                        }
                    }
                    // "Europol, which coordinated the effort": the name the relative
                    // clause opens on, and nothing before it.
                    if first && relative_opening(gap) && !blocked(m.span.end, boundary) {
                        if let Some(role) = cue_accepts(cue, m.etype).filter(|_| !owner_of_next(m)) {
                            push_role(roles, role, m, i, *h, &cue.rule, cue.confidence);
                        }
                        first = false;
                        break;
                    }
                    // "Das BKA wurde von Europol unterstützt": the agent phrase starts at
                    // its preposition; what comes before it is not the agent.
                    // "German police said on Wednesday they had shut down": the speaker
                    // is who the pronoun stands for.
                    let reported =
                        || first && reported_subject(if m.demonym { after_generic_noun(gap) } else { gap }, cx.lang);
                    // "el FBI, Europol y empresas del sector privado desmantelaron": the
                    // list of who acted may end on a conjunct no name stands for.
                    let unnamed_conjunct =
                        || first && cue.role == Role::Participant && trailing_conjunct(gap) && gap_ok(gap, 8, cx.lang);
                    if !(gap_ok(gap, if first { 4 } else { 3 }, cx.lang) || reported() || unnamed_conjunct())
                        || blocked(m.span.end, boundary)
                        || (!first && agent_preposition(gap))
                        // "police from Spain and Italy, with Europol playing a coordinating
                        // role": the cue's subject opens its own phrase.
                        || (!first && opens_with_phrase(gap))
                        // "servidores en Alemania e Islandia, y las autoridades españolas
                        // han arrestado": outside English a list takes no comma before its
                        // last "and"; with one, a new clause begins.
                        || (!first && cx.lang != Lang::En && comma_and(gap))
                        || (!first && cue.actors_only && speech_in(gap))
                        // "supported by Europol and Eurojust, took down": who another cue
                        // named is not the subject of a takedown verb. A passive's agent
                        // ("door de Belgische politie opgerold") may have been passed over
                        // by the target cue of the same participle: only a role given in this
                        // sentence ("mit Unterstützung von Europol zerschlagen") stops it.
                        || (cue.actors_only && !cue.needs_agent && chained.contains(&m.span))
                        || (cue.needs_agent && roles.iter().any(|r| r.entity == m.key && r.evidence.sentence == i))
                    {
                        break;
                    }
                    if let Some(role) = cue_accepts(cue, m.etype)
                        .filter(|_| !owner_of_next(m))
                        .filter(|r| !(acts && *r == Role::Partner))
                    {
                        if cue.needs_agent {
                            agents.push((*m, role));
                        } else {
                            push_role(roles, role, m, i, *h, &cue.rule, cue.confidence);
                        }
                    }
                    chained.push(m.span);
                    boundary = m.span.start;
                    first = false;
                }
                // "von der Bundespolizei und dem BKA durchgeführt": the names are the
                // agent's when the preposition opens their list.
                if agents
                    .last()
                    .is_some_and(|(m, _)| opens_agent(super::text_before(cx.text, m.span.start, 40)))
                {
                    for (m, role) in agents.drain(..) {
                        push_role(roles, role, m, i, *h, &cue.rule, cue.confidence);
                    }
                }
                // "Participaron también España y Bélgica", "Plusieurs pays ont participé,
                // dont la Belgique": nothing before the verb, its subjects follow it. Only
                // right after it, and not after a preposition of place ("arrested two
                // in Spain" names where, not who). After a takedown verb stands what was
                // taken down ("Police shut down Hydra Market").
                // Nor when the same words also cue forward ("Europol supported the
                // Spanish police"): what follows is that cue's.
                let forward_twin = kept.iter().any(|(k, c)| k == h && c.direction == Direction::Forward);
                // "Op 3 juni heeft de Duitse politie de servers offline gehaald", "Am
                // Dienstag hat das BKA die Server abgeschaltet": a Dutch or German clause
                // that opens with anything but its subject puts the subject right after
                // the auxiliary, inside the cue. Only actors, and only the first names.
                // A verb of taking part has no object: its names are subjects even after
                // a name before it ("Naast België namen ook Frankrijk en Roemenië deel").
                let cue_text = h.slice(cx.text);
                if (first || taking_part(cue_text)) && cue.actors_only {
                    let aux_end = h.start + cue_text.find(char::is_whitespace).unwrap_or(cue_text.len());
                    let mut boundary = aux_end;
                    let mut owner_before = false;
                    for m in ms.iter().filter(|m| m.span.start >= aux_end && m.span.end <= h.end) {
                        let gap = cx.text.get(boundary..m.span.start).unwrap_or(".");
                        let owner = owner_of_next(m);
                        let role = cue_accepts(cue, m.etype).filter(|_| !owner);
                        let subject = role.is_some() || owner;
                        // "de Italiaanse Carabinieri": the agency right after its demonym.
                        let joined = if boundary == aux_end {
                            gap_ok(gap, 2, cx.lang)
                        } else if owner_before {
                            gap.trim().is_empty()
                        } else {
                            joins_subjects(gap)
                        };
                        owner_before = owner;
                        if !subject || !joined || blocked(boundary, m.span.start) {
                            break;
                        }
                        if let Some(role) = role {
                            push_derived(roles, role, m, i, *h, cue, "inverted");
                        }
                        chained.push(m.span);
                        boundary = m.span.end;
                    }
                }
                // A separable verb of taking part ends its clause: the names after it are
                // its subjects only as a list that opens with "including" ("Aan de actie
                // namen diensten uit 116 landen deel, waaronder Nederland en België").
                let including_after = cue.actors_only && taking_part(cue_text) && {
                    let after = cx.text.get(h.end..span.end).unwrap_or("");
                    strip_including(after).len() < after.len()
                };
                if first && (!cue.actors_only || including_after) && !forward_twin {
                    let mut boundary = h.end;
                    for m in ms.iter().filter(|m| m.span.start >= h.end) {
                        let gap = cx.text.get(boundary..m.span.start).unwrap_or(".");
                        let lead = boundary == h.end;
                        let gap = if lead { strip_including(gap) } else { gap };
                        // Not across a colon or a dash ("network cracked: Europol" quotes).
                        // Nor past a source ("..., según informó Europol"). Cues among the
                        // counted actors before "including" ("las autoridades de aduanas de
                        // 30 países, entre ellos") block nothing.
                        if !gap_ok(gap, if lead { 2 } else { 3 }, cx.lang)
                            || (lead && (location_prep().is_match(gap) || gap.contains([':', '–', '—', '('])))
                            || speech_in(gap)
                            || blocked(m.span.start - gap.len(), m.span.start)
                        {
                            break;
                        }
                        if let Some(role) = cue_accepts(cue, m.etype).filter(|_| !owner_of_next(m)) {
                            push_derived(roles, role, m, i, *h, cue, "after");
                            found = true;
                        }
                        chained.push(m.span);
                        boundary = m.span.end;
                    }
                }
                // "It coordinated the action": the subject pronoun stands for the actor
                // the previous sentence opened with.
                if first && !found && opens_with_pronoun(cx.text.get(span.start..h.start).unwrap_or("")) {
                    if let Some(m) = i.checked_sub(1).and_then(|p| opening_actor(cx, p)) {
                        if let Some(role) = cue_accepts(cue, m.etype) {
                            push_role(
                                roles,
                                role,
                                m,
                                i,
                                *h,
                                &format!("{}+pronoun", cue.rule),
                                cue.confidence * 0.8,
                            );
                        }
                    }
                }
            }
        }
    }
    colon_list_roles(cx, i, span, &kept, &ms, roles);
    target_by_type(cx, i, span, trigger, &ms, roles);
    location_roles(cx, i, span, &ms, roles);
    adjective_roles(cx, i, &ms, roles);
    named_platform_roles(cx, i, &ms, roles);
}

/// "Authorities from 14 countries took part in the operation: France, Germany, ...",
/// "Douze pays ont participé à Cronos : Allemagne, Australie, ...": a cue of taking part
/// whose subject or object is only counted names its actors in a list after a colon,
/// later in its clause. The list must hold two names or more, each an actor, joined as a
/// list.
fn colon_list_roles(
    cx: &Context<'_>,
    i: usize,
    span: Span,
    kept: &[(Span, &cues::RoleCue)],
    ms: &[&RawMention],
    roles: &mut Vec<RoleFact>,
) {
    const MAX_WORDS_TO_COLON: usize = 10;
    for (h, cue) in kept {
        if cue.role != Role::Participant || cue.generic || !says_taking_part(h.slice(cx.text)) {
            continue;
        }
        let Some(rest) = cx.text.get(h.end..span.end) else {
            continue;
        };
        let Some(colon) = rest.find(':') else {
            continue;
        };
        let before = &rest[..colon];
        // The cue's own clause runs to the colon: no other clause, no name of an actor in
        // between (that one is what the cue governs).
        if before.contains([';', '.', '!', '?', '"', '“', '”'])
            || before.split_whitespace().count() > MAX_WORDS_TO_COLON
            || ms
                .iter()
                .any(|m| m.span.start >= h.end && m.span.end <= h.end + colon && is_actor(m.etype))
        {
            continue;
        }
        let after = h.end + colon + 1;
        let mut boundary = after;
        let mut list: Vec<&RawMention> = Vec::new();
        for m in ms.iter().filter(|m| m.span.start >= after) {
            let gap = cx.text.get(boundary..m.span.start).unwrap_or(".");
            // "zijn vier mensen aangehouden: drie in Oekraïne en een in Armenië": where.
            if !gap_ok(gap, 3, cx.lang) || place_before(gap, cx.lang) || !is_actor(m.etype) {
                break;
            }
            list.push(m);
            boundary = m.span.end;
        }
        if list.len() >= 2 {
            for m in list {
                push_role(
                    roles,
                    Role::Participant,
                    m,
                    i,
                    *h,
                    &format!("{}+colon-list", cue.rule),
                    cue.confidence * 0.9,
                );
            }
        }
    }
}

/// Does a cue say that someone took part ("took part", "participé", "beteiligten sich",
/// "were involved", "namen deel"), rather than what they did (arrested, seized)? (Not
/// [`taking_part`], which asks for the particle of a separable verb at the cue's end.)
fn says_taking_part(cue: &str) -> bool {
    static_regex!(r"(?i)\b(?:part|particip\w*|involv\w*|impliqu\w*|betrokken|deel|beteiligt\w*|teil\w*|colabor\w*|collabor\w*|mitgewirkt|mee)\b")
        .is_match(cue)
}

/// The rule of [`named_platform_roles`]: kept only in takedowns.
const NAMED_PLATFORM: &str = "context:named-platform";

/// "... took down one of the largest marketplaces. The marketplace, known as X, had
/// 200,000 users": a platform named after its head ("the marketplace, known as", "la
/// plateforme, baptisée", "die Plattform namens", "una plataforma ... llamada", "der
/// Darknetplattform „X“", "la página web X") is the one the report is about. Its target
/// role is kept only when the operation tells a takedown.
fn named_platform_roles(cx: &Context<'_>, i: usize, ms: &[&RawMention], roles: &mut Vec<RoleFact>) {
    let re = static_regex!(format!(
        r#"(?i)\b(?:l['’]\s*|(?:the|this|that|a|an|de|het|deze|dit|een|la|le|cette|ce|une?|die|diese|dieses|das|der|dem|den|des|eine[rnm]?|el|esta|este|una?)\s+)(?:[\w-]+\s+){{0,3}}?(?:(?:platform|plattform|plateforme|plataforma|marketplace|market|marktplaats|marktplatz|marché|mercado|forum|app|service|dienst|chatdienst|site|website|portal|portail|portaal|seite|webseite|internetseite|sitio\s+web|página\s+web|site\s+(?:web|internet))|[\w-]+(?:platform|plattform|markt|forum|dienst|portal))(?:\s*,?\s+(?:[^\s.;!?]+\s+){{0,12}}?(?:{})\s+["“«„]?|\s*["“«„]|(\s+|\s*,\s*))\s*$"#,
        super::mentions::KNOWN_AS
    ));
    for m in ms.iter().filter(|m| m.etype == EntityType::Company) {
        let before = super::text_before(cx.text, m.span.start, 160);
        let Some(caps) = re.captures(before) else {
            continue;
        };
        // Right after its head ("the website X"), not where something else was: "removed
        // channels on the platform Telegram", "auf der Plattform X".
        let direct = caps.get(1).is_some();
        let start = caps.get(0).map_or(0, |c| c.start());
        if !(direct && platform_preposition(before.get(..start).unwrap_or(""))) {
            push_role(roles, Role::Target, m, i, m.span, NAMED_PLATFORM, 0.55);
        }
    }
}

/// `gap` after a phrase of what its subject has or comes with, set off by commas
/// (", with 600 users,", ", met zeshonderd gebruikers,", ", mit 600 Nutzern,", ", avec
/// ses 600 utilisateurs,", ", con 600 usuarios,"); else `gap` itself.
pub(super) fn skip_with_phrase(gap: &str) -> &str {
    const WITH: &[&str] = &["with", "met", "mit", "avec", "con"];
    let Some(rest) = gap.trim_start().strip_prefix(',') else {
        return gap;
    };
    let opens = rest
        .split_whitespace()
        .next()
        .is_some_and(|w| WITH.contains(&w.to_lowercase().as_str()));
    match rest.find(',') {
        Some(close) if opens && !rest[..close].contains(['.', ';']) => &rest[close + 1..],
        _ => gap,
    }
}

/// The last `n` words of `text`, lower-cased, the last first.
fn last_words(text: &str, n: usize) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(n)
        .map(str::to_lowercase)
}

/// Is `d` a day told relative to the report's publication ("yesterday", "today", "this
/// week", "last week", a weekday) and not placed by it?
fn recent_day(d: &DateMention) -> bool {
    d.relative
        && d.start.is_none()
        && matches!(
            d.rule,
            "date:yesterday" | "date:today" | "date:this-week" | "date:last-week" | "date:weekday"
        )
}

/// Does `before` (the text before a date) end with "already" ("Bereits im Mai", "already
/// in May", "al in mei", "déjà en mai", "ya en mayo")? With a pluperfect ([`pluperfect`])
/// it tells what had happened before the report's main action.
fn already_before(before: &str, lang: Lang) -> bool {
    const ALREADY: &[&str] = &["already", "bereits", "schon", "déjà", "ya"];
    // The date's preposition and article, then the word before them. Dutch "al" only in
    // Dutch (Spanish "al" is "to the").
    last_words(before, 3).any(|w| ALREADY.contains(&w.as_str()) || (lang == Lang::Nl && w == "al"))
}

/// Does sentence `s` use a pluperfect auxiliary ("had", "hadden", "hatte", "war ...
/// worden", "avait", "había")? With "already" before its date ("Bereits im Mai war ...
/// gefasst worden"), it tells what had happened before the report's action; alone it is
/// as often reported speech ("police said they had arrested").
fn pluperfect(s: &str, lang: Lang) -> bool {
    let words: Vec<String> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    match lang {
        Lang::En => has(&["had"]),
        Lang::Nl => has(&["had", "hadden"]),
        Lang::De => has(&["hatte", "hatten"]) || (has(&["war", "waren"]) && has(&["worden"])),
        Lang::Fr => has(&["avait", "avaient"]),
        Lang::Es => has(&["había", "habían"]),
        Lang::Other => false,
    }
}

/// Is the action word at `a..b` of `s` told as an earlier one ("una operación anterior",
/// "an earlier operation", "une précédente enquête", "einer früheren Aktion", "een
/// eerdere actie")?
fn earlier_action(s: &str, a: usize, b: usize) -> bool {
    const EARLIER: &[&str] = &[
        "earlier",
        "previous",
        "prior",
        "eerdere",
        "vorige",
        "précédente",
        "précédent",
        "antérieure",
        "antérieur",
        "früheren",
        "frühere",
        "früherer",
        "vorherigen",
        "vorherige",
        "anterior",
        "previa",
        "previo",
    ];
    // After the noun only the French and Spanish adjectives: "an operation earlier this
    // week" is this week's.
    const EARLIER_AFTER: &[&str] = &[
        "précédente",
        "précédent",
        "antérieure",
        "antérieur",
        "anterior",
        "previa",
        "previo",
    ];
    let after = s
        .get(b..)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    last_words(super::text_before(s, a, 24), 1).any(|w| EARLIER.contains(&w.as_str()))
        || after.is_some_and(|w| EARLIER_AFTER.contains(&w.as_str()))
}

/// Does `before` end with a preposition of where content was ("on", "sur", "auf", "en",
/// "via")?
fn platform_preposition(before: &str) -> bool {
    last_words(before, 1).any(|w| {
        matches!(
            w.as_str(),
            "on" | "onto" | "via" | "through" | "across" | "in" | "op" | "sur" | "dans" | "auf" | "bei" | "über" | "en"
        )
    })
}

/// The countries an operation is named after take part in it: "a Spanish operation",
/// "a joint Belgian-Dutch investigation", "een Nederlandse actie", "eine
/// niederländische Aktion", and, the adjective after its noun, "une opération
/// franco-néerlandaise", "una operación antidroga española".
fn adjective_roles(cx: &Context<'_>, i: usize, ms: &[&RawMention], roles: &mut Vec<RoleFact>) {
    // The demonym, the rest of its compound ("-Dutch", "-led") and at most one word, then
    // the operation noun.
    let after = static_regex!(
        r"^(?:[-\u{2010}\u{2011}]\p{L}+)*[^\S\n]+(?:\p{Ll}+[^\S\n]+)?(?i:operations?|investigations?|crackdown|operaties?|acties?|onderzoek|aktionen|aktion|ermittlungen|razzia)\b"
    );
    // The operation noun, at most one word, and the compound's first parts ("franco-").
    let before = static_regex!(
        r"(?i:\b(?:opérations?|enquêtes?|actions?|operaci(?:ón|ones)|investigaci(?:ón|ones)|actuaci(?:ón|ones)|operativos?))[^\S\n]+(?:\p{Ll}+[^\S\n]+)?(?:\p{L}+[-\u{2010}\u{2011}])*$"
    );
    for m in ms.iter().filter(|m| m.demonym && m.etype == EntityType::Country) {
        let named = match cx.lang {
            Lang::Fr | Lang::Es => before.is_match(super::text_before(cx.text, m.span.start, 60)),
            _ => cx.text.get(m.span.end..).is_some_and(|rest| after.is_match(rest)),
        };
        if named {
            push_role(roles, Role::Participant, m, i, m.span, "cue:adjective", 0.7);
        }
    }
}

/// Groups and their outlets named in a sentence about the operation are what it acts
/// against, even without a cue ("the botnet, Emotet, has been disrupted").
fn target_by_type(
    cx: &Context<'_>,
    i: usize,
    span: Span,
    trigger: Option<Trigger>,
    ms: &[&RawMention],
    roles: &mut Vec<RoleFact>,
) {
    static CONTEXT: OnceLock<WordRegex> = OnceLock::new();
    let re = CONTEXT.get_or_init(|| {
        WordRegex::words(r"propaganda|content|material|terrorist|terror|Terror(?:organisation|miliz|gruppe|netzwerk)(?:en)?|terreur(?:organisatie|groep|netwerk)(?:s|en)?|botnets?|malware|network|infrastructure|servers?|affiliated|linked|propagandamachine|propagandanetwerk|propagande|Schadsoftware|Propaganda")
            .expect("static regex")
    });
    let s = span.slice(cx.text);
    if trigger.is_none() && !re.is_match(s) {
        return;
    }
    for m in ms {
        if matches!(m.etype, EntityType::Group | EntityType::Outlet)
            && !speaks_after(cx.text.get(m.span.end..).unwrap_or(""))
            && !(trigger.is_none()
                && m.etype == EntityType::Group
                && payload_before(cx.text.get(span.start..m.span.start).unwrap_or("")))
        {
            let cue = Span::new(m.span.start, m.span.end);
            push_role(roles, Role::Target, m, i, cue, "context:group-in-operation", 0.55);
        }
    }
}

fn location_roles(cx: &Context<'_>, i: usize, span: Span, ms: &[&RawMention], roles: &mut Vec<RoleFact>) {
    static ACT: OnceLock<WordRegex> = OnceLock::new();
    let act = ACT.get_or_init(|| WordRegex::words(cues::LOCATION_ACTIONS).expect("static regex"));
    let s = span.slice(cx.text);
    let actions: Vec<Span> = act
        .find_iter(s)
        .map(|m| Span::new(span.start + m.start, span.start + m.end))
        .collect();
    if actions.is_empty() {
        return;
    }
    let mut chain_end: Option<usize> = None;
    for m in ms {
        if !matches!(m.etype, EntityType::Country | EntityType::Place) || m.demonym {
            chain_end = None;
            continue;
        }
        // Up to 30 bytes, within the sentence (its start is a char boundary).
        let before = super::text_before(cx.text, m.span.start, 30.min(m.span.start.saturating_sub(span.start)));
        let before = before
            .strip_suffix("the ")
            .or_else(|| before.strip_suffix("de "))
            .unwrap_or(before);
        // Dutch "en" is "and", no place's preposition ("uit België, Spanje en Roemenië").
        let introduced = place_before(before, cx.lang)
            && !after_generic_actor(before)
            && !seat_before(before)
            && (m.etype != EntityType::Place || !seat_of_agency(cx.text, ms, m.span.start));
        let continued = chain_end.is_some_and(|e| gap_ok(cx.text.get(e..m.span.start).unwrap_or("."), 3, cx.lang));
        // Within 120 bytes after the action word: a list of what was seized where ("servers
        // in A, B and C, as well as equipment in D and E") runs long.
        let near = actions.iter().any(|a| {
            a.end <= m.span.start && m.span.start - a.end <= 120 || m.span.end <= a.start && a.start - m.span.end <= 60
        });
        if (introduced || continued) && near {
            let a = actions[0];
            push_role(roles, Role::Location, m, i, a, "cue:location", 0.7);
            chain_end = Some(m.span.end);
        } else {
            chain_end = None;
        }
    }
}

/// Does a place at `start` follow an agency's name and a preposition ("das
/// Bundeskriminalamt (BKA) in Wiesbaden", "the prosecutor's office in Ghent", "le parquet
/// de Paris")? It is the agency's seat, not where the operation acted.
fn seat_of_agency(text: &str, ms: &[&RawMention], start: usize) -> bool {
    let re = static_regex!(r"^\s*(?:\([^()]{1,12}\)\s*)?(?:in|im|à|en|aus|de|te|bei|at)\s+$");
    ms.iter().any(|n| {
        n.etype == EntityType::Agency
            && n.span.end <= start
            && start - n.span.end <= 24
            && text.get(n.span.end..start).is_some_and(|gap| re.is_match(gap))
    })
}

/// A preposition of place ending the text before a mention ([`cues::LOCATION_PREPS`]).
fn location_prep() -> &'static Regex {
    static_regex!(cues::LOCATION_PREPS)
}

/// Does `gap` end with a preposition of place ("in", "en", "à", "im")? In Dutch "en" is
/// "and", a list going on.
fn place_before(gap: &str, lang: Lang) -> bool {
    let dutch_and = lang == Lang::Nl
        && gap
            .split(|c: char| !c.is_alphabetic())
            .rfind(|w| !w.is_empty())
            .is_some_and(|w| w.eq_ignore_ascii_case("en"));
    !dutch_and && location_prep().is_match(gap)
}

/// Is `gap` (between a name and a cue's verb) the opening of a relative clause about that
/// name: "Europol, which coordinated the effort", "Eurojust, qui a coordonné",
/// "Europol, que coordinó"? The name is the verb's subject.
fn relative_opening(gap: &str) -> bool {
    let re = static_regex!(
        r"(?i)^\s*,\s*(?:which|who|qui|que|quien|quienes)\s+(?:(?:also|too|then|également|aussi|ensuite|también|además)\s+)?$"
    );
    re.is_match(gap)
}

/// Does `gap` contain the preposition of a passive's agent ("von", "door", "by", "par",
/// "por", "durch")?
fn agent_preposition(gap: &str) -> bool {
    has_word(gap, &["von", "door", "by", "par", "por", "durch"])
}

/// Does `before` (the text before a name) end with a passive's agent preposition, up
/// to two words before the name ("von der ", "von Beamten des ", "door de ")?
fn opens_agent(before: &str) -> bool {
    before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|w| matches!(w, "von" | "vom" | "durch" | "door"))
}

/// `gap` without the ", including" that opens it (", dont", ", darunter", ", waaronder",
/// ", entre ellos", "otros países, como"), and without the counted actors before it
/// ("las autoridades de policía, aduanas y salud de 116 países, entre ellos"): the list
/// of who took part follows. Not when those words say where ("arrests in several
/// countries, including Spain" names places).
fn strip_including(gap: &str) -> &str {
    let re = static_regex!(
        r"^\s*(?i:(?P<pre>(?:[\w'’-]+,?\s+){0,10}?)(?:countries|países|pays|landen|Länder|Ländern|Staaten|states|Estados|nations|naciones|agencies|agencias|authorities|autoridades|autorités|Behörden|instanties|diensten)\s*)?,?\s*(?i:dont|including|among\s+them|notamment|darunter|waaronder|onder\s+meer|entre\s+ell[oa]s|como|such\s+as|comme|tels\s+que|wie|zoals)\b"
    );
    match re.captures(gap) {
        Some(c) if !c.name("pre").is_some_and(|p| has_word(p.as_str(), PLACE_PREPOSITIONS)) => {
            c.get(0).map_or(gap, |m| &gap[m.end()..])
        }
        _ => gap,
    }
}

/// Prepositions of place, as words ([`strip_including`]).
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "across",
    "throughout",
    "en",
    "dans",
    "à",
    "au",
    "aux",
    "im",
    "bei",
    "op",
    "te",
];

/// Subject pronouns that stand for an organisation, in the five languages.
const SUBJECT_PRONOUNS: &[&str] = &[
    "it", "they", "het", "zij", "ze", "il", "elle", "ils", "elles", "sie", "er", "es", "ella", "ellos",
];

/// Is `head` (the words before a cue) just a subject pronoun, at the sentence start?
fn opens_with_pronoun(head: &str) -> bool {
    let head = head.trim().to_lowercase();
    let head = head.trim_start_matches(|c: char| !c.is_alphanumeric());
    SUBJECT_PRONOUNS.contains(&head)
}

/// The actor (agency or country) sentence `p` opens with: its first mention, when no
/// more than a few words ("During the two-day event, ...") come before it.
fn opening_actor<'a>(cx: &Context<'a>, p: usize) -> Option<&'a RawMention> {
    let span = *cx.sentences.get(p)?;
    let lo = cx.mentions.partition_point(|m| m.span.start < span.start);
    // Not a possessive ("Europol's headquarters") or a place ("at Europol").
    let subject = |m: &&RawMention| {
        let after = cx.text.get(m.span.end..).unwrap_or("");
        let before = cx.text.get(span.start..m.span.start).unwrap_or("");
        let before = before.strip_suffix("the ").unwrap_or(before);
        !after.starts_with("’s") && !after.starts_with("'s") && !location_prep().is_match(before)
    };
    let m = cx.mentions[lo..]
        .iter()
        .take_while(|m| m.span.start < span.end)
        .filter(|m| !m.nested && is_actor(m.etype))
        .find(subject)?;
    let head = cx.text.get(span.start..m.span.start)?;
    (head.split_whitespace().count() <= 12).then_some(m)
}

/// Does `after` (the text after a group or outlet) start with a reporting verb ("outlet
/// Quraysh was reporting the deletion of accounts")? The outlet is then a source the
/// report quotes, not what the operation acted against.
fn speaks_after(after: &str) -> bool {
    let re = static_regex!(
        r"^\W{0,3}\s*(?:(?:was|were|has|had|is|have)\s+)?(?:reporting|reported|reports|said|says|claimed|claims|announced|wrote|posted|meldde|meldt|schreef|a\s+annoncé|annonçait|rapportait|a\s+rapporté|berichtete|meldete|schrieb|informó|informaba|anunció)\b"
    );
    re.is_match(after)
}

/// Is the trigger at `a..b` of `s` one participle right after a noun for people ("the
/// suspects arrested", "les suspects appréhendés", "de verdachten opgepakt", "die
/// Männer festgenommen", "los sospechosos detenidos")? It describes them.
fn describes_people(s: &str, a: usize, b: usize) -> bool {
    const PEOPLE: &[&str] = &[
        "suspects",
        "men",
        "people",
        "persons",
        "members",
        "individuals",
        "suspecten",
        "verdachten",
        "personen",
        "mannen",
        "leden",
        "personnes",
        "individus",
        "hommes",
        "membres",
        "verdächtige",
        "verdächtigen",
        "männer",
        "mitglieder",
        "sospechosos",
        "personas",
        "hombres",
        "miembros",
        "detenidos",
    ];
    let word = s.get(a..b).unwrap_or(" ");
    if word.contains(char::is_whitespace) {
        return false;
    }
    let before = s.get(..a).unwrap_or("").trim_end();
    before.ends_with(char::is_alphanumeric) && last_words(before, 1).any(|w| PEOPLE.contains(&w.as_str()))
}

/// An article in the five languages, with the space after it ("the ", "het ", "l'").
const ARTICLE: &str = r"(?:(?:the|het|de|der|die|dem|des|den|le|la|les|el|los|las)\s+|l['’])";

/// The length of the article `cue` opens with ("the takedown of": 4), else 0.
fn leading_article(cue: &str) -> usize {
    let re = static_regex!(format!("^(?i){ARTICLE}"));
    re.find(cue).map_or(0, |m| m.end())
}

/// Does `before` (the text before a target cue) end with a preposition of time and an
/// article that put the cue's event before or after another ("after the", "na het",
/// "nach der", "après le", "tras el")? Not a verb's gerund: "arrested 40 suspects after
/// unlocking the encryption of X" tells one operation.
fn event_before(before: &str) -> bool {
    let re = static_regex!(format!(
        r"(?i)\b(?:after|following|since|before|na|sinds|nach|seit|vor|après|depuis|avant|tras|después\s+del?|desde|antes\s+del?)\s+{ARTICLE}$"
    ));
    re.is_match(before)
}

/// Does `before` (the text before a target cue) end with a clause of time opened
/// mid-sentence, its subject at most three words ("X became popular after law
/// enforcement shut down", "nadat de politie ... had opgerold", "après que la police a
/// démantelé")? Like [`event_before`], the cue tells what came before unless its
/// sentence acts itself.
fn after_clause_before(before: &str) -> bool {
    let re = static_regex!(
        r"(?i)\w[,;]?\s+(?:after|nadat|nachdem|après\s+(?:que|qu['’]|avoir)|después\s+de(?:\s+que)?|tras)\s+(?:[\w'’-]+\s+){0,3}$"
    );
    re.is_match(before)
}

/// Does `before` (the text before a target cue) end with a reference to an event told
/// before ("referring to the", "verwijzend naar het", "en référence à la")?
fn reference_before(before: &str) -> bool {
    let re = static_regex!(format!(
        r"(?i)\b(?:referring\s+to|verwijzend\s+naar|en\s+référence\s+à|in\s+Anspielung\s+auf|en\s+referencia\s+a)\s+{ARTICLE}?$"
    ));
    re.is_match(before)
}

/// Does `before` (the text before a led-by cue) end with a criminal network's noun ("the
/// network, ", "la red, ", "le réseau ", "die Bande, "), perhaps with its adjectives and
/// a hedge ("un réseau criminel présumé dirigé par", "a network allegedly led by")?
fn network_before(before: &str) -> bool {
    let re = static_regex!(
        r"(?i)\b(?:network|gang|ring|cartel|red|organización\s+criminal|banda|cártel|réseau|bande|netwerk|bende|Netzwerk|Kartell)(?:\s+(?:criminal|criminel|criminelle|delictiva|crimineel|criminele|kriminelle[ns]?|international|internationale|internacional|présumé|supuesta|presunta|mutmaßliche[ns]?)){0,2}\s*,?(?:\s+(?:allegedly|reportedly|apparently|presuntamente|supuestamente|présumément|prétendument|mutmaßlich|vermutlich|vermoedelijk|naar\s+verluidt))?\s*$"
    );
    re.is_match(before)
}

/// Is `gap` (between two names of a list) a comma or "and" and a preposition of place
/// alone (", au ", " et en ", ", in ", " and in the ")?
fn repeated_preposition(gap: &str) -> bool {
    let re = static_regex!(
        r"(?i)^\s*,?\s*(?:(?:and|et|y|und|en|e)\s+)?(?:in|en|au|aux|à|im|en\s+el|in\s+de|in\s+het)\s+(?:(?:the|le|la|les|l['’]|der|den|de|het|el)\s*)?$"
    );
    re.is_match(gap)
}

/// Is `gap` (between the last name of a list and its verb) a conjunct of lower-case
/// words only (" y empresas del sector privado, ", " and private sector partners ")?
fn trailing_conjunct(gap: &str) -> bool {
    let re = static_regex!(
        r"^\s*(?:and|y|e|et|en|und|sowie|as\s+well\s+as|ainsi\s+que|así\s+como)\s+(?:[\p{Ll}'’-]+\s+){0,5}[\p{Ll}'’-]+\s*,?\s*$"
    );
    re.is_match(gap)
}

/// Is `cue` (a cue's text) a verb of acting on people or things: arresting, raiding,
/// seizing, dismantling?
fn acting_verb(cue: &str) -> bool {
    has_word(
        cue,
        &[
            "arrested",
            "raided",
            "detained",
            "seized",
            "hacked",
            "infiltrated",
            "cracked",
            "dismantled",
            "detuvieron",
            "detuvo",
            "detenido",
            "arrestaron",
            "arrestó",
            "arrestado",
            "desarticularon",
            "desmantelaron",
        ],
    )
}

/// Does `gap` (between two names) open with a comma and "and" (", y", ", et", ", und",
/// ", en")?
fn comma_and(gap: &str) -> bool {
    after_comma(gap)
        .and_then(|rest| rest.split_whitespace().next())
        .is_some_and(|w| matches!(w.to_lowercase().as_str(), "y" | "e" | "et" | "und" | "en" | "and"))
}

/// Is `gap` (between two names) a comma and "with" ("..., with Europol playing")?
fn opens_with_phrase(gap: &str) -> bool {
    after_comma(gap).is_some_and(|rest| {
        matches!(
            rest.trim().to_lowercase().as_str(),
            "with" | "avec" | "met" | "mit" | "con"
        )
    })
}

/// What follows the comma `gap` opens with, if it opens with one.
fn after_comma(gap: &str) -> Option<&str> {
    gap.trim_start().strip_prefix(',')
}

/// Does `before` (a sentence up to a group's name) end with what a piece of malware
/// spread, given by example ("used to spread ransomware such as", "om ransomware te
/// verspreiden, waaronder", "pour diffuser des rançongiciels comme")? The groups named
/// are its payloads, not what the operation acted against.
fn payload_before(before: &str) -> bool {
    let re = static_regex!(
        r"(?i)\b(?:spread|distribu|deliver|deploy|instal|drop|verspreid|verbreit|verteil|diffus(?:er|é|ait|aient)|propag(?:ar|er|ated?|ating|é|ó|aron))\w*\b[^.;:]{0,80}?\b(?:such\s+as|including|like|waaronder|zoals|comme|tels?\s+que|dont|wie|darunter|como|incluid[oa]s?|entre\s+(?:ellos|ellas|otros))\s+(?:[\w'’-]+(?:,\s+|\s+(?:and|or|en|of|et|ou|und|oder|y|o)\s+))*$"
    );
    re.is_match(before)
}

/// Does `before` end with the seat of an organisation ("Europol's headquarters in ",
/// "een commandopost bij Europol in ")? That place is where the action was run from,
/// not where it acted.
fn seat_before(before: &str) -> bool {
    let re = static_regex!(
        r"(?i)\b(?:headquarters|head\s+office|HQ|command\s+(?:post|centre|center)|hoofdkwartier|hoofdkantoor|commandopost|siège|quartier\s+général|poste\s+de\s+commandement|Hauptsitz|Hauptquartier|Zentrale|Kommandozentrale|sede|cuartel\s+general|puesto\s+de\s+mando)(?:\s+(?:of|bij|van|at|de|du|von|der|del)\s+\S+)?\s+(?:in|at|te|à|en|bei|im|in\s+der)\s+$"
    );
    re.is_match(before)
}

/// Does `before` end with a generic-actor cue ("with the help of authorities in ")? The
/// country after it is who acted, not where.
fn after_generic_actor(before: &str) -> bool {
    let b = before.trim_end();
    // The French and Spanish nouns of those cues with a preposition of place and an
    // adjective ("les autorités policières en", "las autoridades en") say who acted too.
    let romance = static_regex!(
        r"(?i)\b(?:autorités|polices?|policiers|enquêteurs|gendarmes|autoridades|polic[ií]as?|agentes|investigadores)(?:\s+(?:policières|judiciaires|compétentes|locales|nationales|policiales|judiciales|competentes|nacionales))?\s+(?:en|au|aux|dans)$"
    );
    romance.is_match(b)
        || cues::role_cues()
            .iter()
            .filter(|c| c.generic)
            .any(|c| c.re.find_iter(b).any(|m| m.end == b.len()))
}

/// Units worth keeping as operation counts when the sentence itself names no action.
/// Units that count the operations themselves ("two major law enforcement operations",
/// "trois opérations"): a report telling several actions, not a figure of one of them.
const EVENT_UNITS: &[&str] = &[
    "operation",
    "opération",
    "opérations",
    "operatie",
    "operaties",
    "operationen",
    "operación",
    "operaciones",
    "action",
    "actions",
    "actie",
    "acties",
    "aktion",
    "aktionen",
    "acción",
    "acciones",
];

/// Units of time and shares: "over 1.5 years", "two years after", "25% of all
/// subscriptions" measure a span or a part, not what an operation did ("12 years of
/// imprisonment" keeps its own unit).
const SPAN_UNITS: &[&str] = &[
    "year", "month", "months", "maanden", "mois", "monate", "monaten", "meses", "week", "weeks", "weken", "semaines",
    "wochen", "semanas", "day", "days", "dagen", "jours", "tage", "tagen", "días", "hour", "hours", "percent",
];

const OPERATION_UNITS: &[&str] = &[
    "item",
    "arrest",
    "search",
    "server",
    "account",
    "suspect",
    "member state",
    "online service provider",
    "service provider",
    "website",
    "domain",
    "country",
    "user",
    "access",
    "euro",
    "dollar",
    "officer",
    "person",
    "language",
    "video",
    "post",
    "url",
    "message",
    "device",
    "phone",
    "weapon",
    "vehicle",
    "kilo",
    "file",
    "tonne",
    "referral",
    "content",
    "individual",
    "people",
    "channel",
    "bank account",
    "victim",
    "bitcoin",
];

/// What the count stage reads of a sentence besides its text.
struct SentenceScan<'a> {
    /// The sentence's tokens, line by line (shared with the date and duration grammars).
    tokens: &'a [Vec<dates::Tok>],
    /// Its dates: never counts.
    dates: &'a [DateMention],
    /// Its durations ("two-day"): never counts.
    durations: &'a [(Span, u32)],
}

/// The counts of sentence `i`; `has_trigger` says whether it names an action.
fn sentence_counts(
    cx: &Context<'_>,
    i: usize,
    span: Span,
    scan: &SentenceScan<'_>,
    has_trigger: bool,
    counts: &mut Vec<CountFact>,
) {
    let s = span.slice(cx.text);
    let mut exclude: Vec<Span> = scan.dates.iter().map(|d| d.span).collect();
    exclude.extend(scan.durations.iter().map(|(sp, _)| *sp));
    for c in numbers::find_counts_in(s, scan.tokens, cx.lang, &exclude) {
        let Some(unit) = c.unit.clone() else { continue };
        if numbers::describes_target(s, &c) {
            continue;
        }
        if EVENT_UNITS.contains(&unit.as_str()) || SPAN_UNITS.contains(&unit.as_str()) {
            continue;
        }
        let known = OPERATION_UNITS
            .iter()
            .any(|u| unit == *u || unit.starts_with(&format!("{u} ")));
        if !(known || has_trigger) || unit.is_empty() {
            continue;
        }
        if counts.iter().any(|x| x.value == c.value && x.unit == unit) {
            continue;
        }
        counts.push(CountFact {
            value: c.value,
            unit,
            qualifier: c.qualifier,
            evidence: Evidence {
                sentence: i,
                span: Span::new(
                    span.start + c.span.start,
                    span.start + c.unit_span.map_or(c.span.end, |u| u.end),
                ),
                rule: format!("count:{}", c.rule),
                confidence: if known { 0.8 } else { 0.6 },
            },
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cue's evidence replaces a named platform's for the same fact (the latter is
    /// dropped outside takedowns); any other first evidence stays.
    #[test]
    fn a_cue_outranks_a_named_platform_for_one_fact() {
        let m = RawMention {
            span: Span::new(10, 17),
            key: "company/vexmoor".into(),
            etype: EntityType::Company,
            label: "Vexmoor".into(),
            rule: "pattern:company-before".into(),
            confidence: 1.0,
            from_gazetteer: false,
            demonym: false,
            nested: false,
        };
        let mut roles = Vec::new();
        push_role(&mut roles, Role::Target, &m, 0, m.span, NAMED_PLATFORM, 0.55);
        push_role(&mut roles, Role::Target, &m, 2, m.span, "cue:nl:target:7", 0.8);
        assert_eq!(roles.len(), 1);
        assert_eq!(roles[0].evidence.rule, "cue:nl:target:7");
        assert_eq!(roles[0].evidence.sentence, 2);
        push_role(&mut roles, Role::Target, &m, 3, m.span, "cue:nl:target:9", 0.8);
        assert_eq!(roles[0].evidence.rule, "cue:nl:target:7");
    }

    #[test]
    fn gaps_allow_lists_and_stop_at_clauses() {
        assert!(gap_ok(", ", 5, Lang::En));
        assert!(gap_ok(" and the ", 5, Lang::En));
        assert!(gap_ok(" police and prosecutors from ", 7, Lang::En));
        assert!(!gap_ok(", which ", 5, Lang::En));
        assert!(!gap_ok(". The ", 5, Lang::En));
        assert!(!gap_ok(" a b c d e f g h ", 7, Lang::En));
        // German "die" is an article, a relative pronoun after a comma; Dutch "die" is "who".
        assert!(gap_ok(" und die ", 3, Lang::De));
        assert!(!gap_ok(", die von ", 3, Lang::De));
        assert!(gap_ok(", die ", 3, Lang::De));
        assert!(!gap_ok(" die ", 3, Lang::Nl));
    }

    /// A year alone is background in a report dated to the day or month; an earlier
    /// operation is told as such in each language.
    #[test]
    fn background_years_and_earlier_operations() {
        let year = OpDate::Full(PartialDate::Year(2020), None);
        assert!(!is_recent(&year, PartialDate::parse("2021-01-12")));
        assert!(!is_recent(&year, PartialDate::parse("2020-03")));
        assert!(is_recent(&year, PartialDate::parse("2020")));
        assert!(is_recent(&year, None));
        // Any day of the month a report is dated to is recent; a day of the next month is not.
        let day = |s: &str| OpDate::Full(PartialDate::parse(s).expect("date"), None);
        assert!(is_recent(&day("2024-05-30"), PartialDate::parse("2024-05")));
        assert!(!is_recent(&day("2024-06-20"), PartialDate::parse("2024-05")));
        assert!(!is_recent(&day("2024-05-30"), PartialDate::parse("2024-05-02")));
        // "Already" with a pluperfect: what had happened before.
        assert!(already_before("Bereits im ", Lang::De));
        assert!(already_before("De verdachte was al in ", Lang::Nl));
        assert!(!already_before("correspondiente al ", Lang::Es));
        assert!(!already_before("Die Polizei hat im ", Lang::De));
        assert!(pluperfect("Bereits im Mai war er in London gefasst worden.", Lang::De));
        assert!(!pluperfect(
            "Die Ermittler konnten bereits im April drei Verdächtige festnehmen.",
            Lang::De
        ));
        assert!(pluperfect("Police had already arrested him in May.", Lang::En));
        // Present-tense telling dates the telling: "Europol annonce jeudi 30 mai avoir mené".
        assert!(speech_before("Europol annonce jeudi "));
        assert!(speech_before("La Policía informa este "));
        // A telling in any person or tense, and a making public.
        assert!(speech_before("a été démantelée, ont annoncé "));
        assert!(speech_before("qui vient d'être démantelée, a-t-elle indiqué "));
        assert!(speech_before("it was made public on "));
        // The founding of a body named by its noun: "depuis la création en 1999 d'Europol".
        assert!(founded_before("depuis la création en "));
        assert!(founded_before("seit der Gründung im Jahr "));
        assert!(!founded_before("lors d'une opération en "));
        for s in [
            "The site was found during an earlier operation against a data centre.",
            "resultado de una operación anterior sobre un centro de datos",
            "lors d'une précédente opération",
            "bei einer früheren Aktion",
            "na een eerdere actie",
        ] {
            let (a, b, _) = cues::find_trigger(s).expect(s);
            assert!(earlier_action(s, a, b), "{s}");
        }
        for s in [
            "an operation earlier this week",
            "during the joint operation of the two countries",
        ] {
            let (a, b, _) = cues::find_trigger(s).expect(s);
            assert!(!earlier_action(s, a, b), "{s}");
        }
    }

    /// A report of 12 January 2021 that recalls another market's end "in 2020": its main
    /// operation is of the report's day, and the 2020 one is another.
    #[test]
    fn a_recalled_year_does_not_date_the_main_operation() {
        let ex = crate::extract::Extractor::builtin().expect("extractor");
        let ops = |text: &str, published: Option<&str>| {
            let report =
                crate::input::report_from_str("t", text, Some(Lang::En), published.and_then(PartialDate::parse));
            ex.extract(report).operations
        };
        // The start dates of the operations with a role of `entity`.
        let starts = |ops: &[ExtractedOperation], entity: &str| -> Vec<Option<PartialDate>> {
            ops.iter()
                .filter(|o| o.roles.iter().any(|r| r.entity.ends_with(entity)))
                .map(|o| o.start)
                .collect()
        };
        let text = "Vexmoor, the largest dark web market, has been taken offline by an international \
                    operation coordinated by Europol. Corvid Market, another marketplace, met a similar end \
                    in 2020 during a European investigation.";
        let found = ops(text, Some("2021-01-12"));
        assert_eq!(
            starts(&found, "europol"),
            [PartialDate::parse("2021-01-12")],
            "{found:?}"
        );
        // A past month in a report dated to the day is background; this month is not.
        let text = "Police dismantled a smuggling network in an operation supported by Europol. In \
                    May 2022, British police arrested a suspect in London.";
        let found = ops(text, Some("2022-07-06"));
        assert_eq!(
            starts(&found, "europol"),
            [PartialDate::parse("2022-07-06")],
            "{found:?}"
        );
        // With no publication date, an earlier operation's month does not date the main one.
        let text = "Police took down the marketplace Vexmoor on Tuesday in an operation coordinated by \
                    Europol. The case grew out of an earlier operation against a data centre, in \
                    September 2019.";
        let found = ops(text, None);
        assert_eq!(starts(&found, "vexmoor"), [None], "{found:?}");
        // Nor, once the report has told its news as this week's, a month recalled in a
        // later paragraph without a word of 'earlier'; a day it names still dates it.
        let text = "Police took down the servers of Vexmoor this week in an operation coordinated by \
                    Europol.\n\nIn April 2018, a multinational operation supported by Eurojust took \
                    down the web infrastructure of Corvid.";
        let found = ops(text, None);
        assert_eq!(starts(&found, "europol"), [None], "{found:?}");
        assert_eq!(starts(&found, "eurojust"), [PartialDate::parse("2018-04")], "{found:?}");
        // The day a report tells as its telling's stands in for a missing publication date.
        let text = "Europol announced on 1 October 2024 that police had arrested four suspects in an \
                    operation coordinated by Eurojust.\n\nIn February 2024, a first phase of the \
                    operation, supported by the FBI, took down the servers of Vexmoor.";
        let found = ops(text, None);
        assert_eq!(
            starts(&found, "eurojust"),
            [PartialDate::parse("2024-10-01")],
            "{found:?}"
        );
        assert_eq!(starts(&found, "fbi"), [PartialDate::parse("2024-02")], "{found:?}");
        // Its evidence is where the day was told.
        let main = found
            .iter()
            .find(|o| o.roles.iter().any(|r| r.entity.ends_with("eurojust")))
            .and_then(|o| o.date_evidence.clone())
            .expect("the main operation's date evidence");
        assert_eq!(main.rule, PUBLICATION_FALLBACK);
        assert_eq!(
            text.get(main.span.start..main.span.end),
            Some("1 October 2024"),
            "{main:?}"
        );
        assert_eq!(main.sentence, 0, "{main:?}");
        let text = "Police took down the servers of Vexmoor this week in an operation coordinated by \
                    Europol.\n\nThe servers were seized on 12 March 2024 in Germany.";
        let found = ops(text, None);
        assert_eq!(
            starts(&found, "europol"),
            [PartialDate::parse("2024-03-12")],
            "{found:?}"
        );
    }

    #[test]
    fn date_compatibility() {
        let d = |s: &str| OpDate::Full(PartialDate::parse(s).unwrap(), None);
        assert!(d("2019-11-21").compatible(&d("2019-11")));
        assert!(d("2019-11-21").compatible(&d("2019-11-24")));
        assert!(!d("2019-11-21").compatible(&d("2018-04")));
        assert!(OpDate::MonthDay(11, 21, None).compatible(&d("2019-11-22")));
        // A day without a year takes the year of the month it refines.
        assert_eq!(d("2025-01").refined_by(OpDate::MonthDay(1, 31, None)), d("2025-01-31"));
        assert_eq!(
            d("2025").refined_by(OpDate::MonthDay(2, 30, None)),
            OpDate::MonthDay(2, 30, None)
        );
        assert!(!OpDate::MonthDay(11, 21, None).compatible(&d("2016-08")));
    }

    #[test]
    fn recency_against_publication() {
        let a = PartialDate::parse("2019-11-25");
        let d = |s: &str| OpDate::Full(PartialDate::parse(s).unwrap(), None);
        assert!(is_recent(&d("2019-11-21"), a));
        assert!(is_recent(&d("2019-11"), a));
        assert!(!is_recent(&d("2017-06"), a));
        assert!(!is_recent(&d("2016"), a));
        assert!(is_recent(&d("2016"), None));
    }
}

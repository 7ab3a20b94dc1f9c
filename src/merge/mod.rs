//! Cross-report merging: the operation mentions of all reports become corpus-level
//! operations, one per real operation, in the corpus graph.
//!
//! Two mentions from different reports are candidates when they share a blocking key
//! (a target, a month, a count value); a candidate pair is scored on what the reports
//! agree on — compatible dates (a hard constraint: incompatible dates never merge),
//! shared targets and actors, equal counts — and pairs are merged greedily, best first,
//! never putting two mentions of one report, or two incompatible dates, in one cluster.
//! A mention whose report gives no year ("on 21 November") takes its year from the
//! reports it merges with. Disagreements (two leaders, two dates) stay visible: each
//! mention keeps its own facts in its report graph, linked with `opg:mentionOf`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use crate::extract::codenames::code_name_key;
use crate::model::{PartialDate, Qualifier, Role};
use crate::rdf::slugify;

mod corpus;
mod disagreements;
pub mod record;
mod summary;

pub use corpus::{read_mentions, rebuild_corpus, update_corpus, CountChange, MergeUpdate, Touched};
pub use disagreements::{disagreements, Aspect, Disagreement};

/// An operation mention as read back from a report graph.
#[derive(Debug, Clone, PartialEq)]
pub struct OpMention {
    pub iri: String,
    pub report: String,
    pub report_iri: String,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub month_day: Option<(u32, u32)>,
    /// The weekday written with `month_day` (0 = Monday), if any.
    pub weekday: Option<u32>,
    /// The start is the report's publication date, the text giving none: weaker
    /// evidence than a day the text tells.
    pub dated_by_publication: bool,
    pub kind: String,
    pub label: String,
    pub roles: BTreeSet<(Role, String)>,
    pub counts: Vec<(f64, String, Qualifier)>,
    /// The country of each leader that is a national body (from the gazetteer's
    /// `opg:country`): "led by Belgium" and "led by the Belgian Federal Prosecutor's
    /// Office" name one leader.
    pub leader_countries: BTreeMap<String, String>,
    /// The code names the report gives the operation, as written.
    pub code_names: BTreeSet<String>,
}

/// A corpus-level operation: a cluster of mentions with its consensus facts.
#[derive(Debug, Clone, PartialEq)]
pub struct MergedOperation {
    pub slug: String,
    pub members: Vec<usize>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub kind: String,
    pub label: String,
    pub roles: BTreeSet<(Role, String)>,
    pub counts: Vec<(f64, String, Qualifier)>,
    pub reports: BTreeSet<String>,
    /// Its members' code names, one writing of each.
    pub code_names: BTreeSet<String>,
}

fn md_of(d: &PartialDate) -> Option<(u32, u32)> {
    Some((d.month()?, d.day()?))
}

impl OpMention {
    /// A mention with nothing read yet but its IRI.
    pub(crate) fn stub(iri: &str) -> Self {
        OpMention {
            iri: iri.to_string(),
            report: String::new(),
            report_iri: String::new(),
            start: None,
            end: None,
            month_day: None,
            weekday: None,
            dated_by_publication: false,
            kind: "operation".into(),
            label: String::new(),
            roles: BTreeSet::new(),
            counts: Vec::new(),
            leader_countries: BTreeMap::new(),
            code_names: BTreeSet::new(),
        }
    }

    /// The keys of its code names ([`code_name_key`]).
    fn code_name_keys(&self) -> BTreeSet<String> {
        self.code_names.iter().map(|n| code_name_key(n)).collect()
    }

    fn entities(&self, role: Role) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(move |(r, _)| *r == role)
            .map(|(_, e)| e.as_str())
    }

    fn has(&self, role: Role, entity: &str) -> bool {
        self.entities(role).any(|e| e == entity)
    }

    fn has_role(&self, role: Role) -> bool {
        self.entities(role).next().is_some()
    }

    /// The entities acting in the operation (every role but target and location).
    fn actors(&self) -> impl Iterator<Item = &str> {
        self.roles
            .iter()
            .filter(|(r, _)| {
                matches!(
                    r,
                    Role::LedBy | Role::CoordinatedBy | Role::SupportedBy | Role::Participant | Role::Partner
                )
            })
            .map(|(_, e)| e.as_str())
    }

    /// Whether `other` names `leader`, one of this mention's leaders, as a leader too:
    /// the same entity, or a country and one of its national bodies.
    pub(crate) fn leader_named_by(&self, leader: &str, other: &OpMention) -> bool {
        other.has(Role::LedBy, leader)
            || self
                .leader_countries
                .get(leader)
                .is_some_and(|c| other.has(Role::LedBy, c))
            || other.leader_countries.values().any(|c| c == leader)
    }

    /// Both mentions name leaders and none of one's is named by the other.
    fn leaders_disjoint(&self, other: &OpMention) -> bool {
        self.has_role(Role::LedBy)
            && other.has_role(Role::LedBy)
            && !self.entities(Role::LedBy).any(|l| self.leader_named_by(l, other))
    }

    /// Both mentions name entities in `role` and none is shared.
    fn disjoint(&self, other: &OpMention, role: Role) -> bool {
        self.has_role(role) && other.has_role(role) && !self.entities(role).any(|e| other.has(role, e))
    }
}

/// Both texts tell their dates (neither is only its report's publication date).
fn told_by_both(a: &OpMention, b: &OpMention) -> bool {
    !a.dated_by_publication && !b.dated_by_publication
}

/// Whether two mentions tell two operations although their dates are compatible: two
/// disagreements of different kinds — different days, different targets, different
/// leaders — are taken as two operations (of the same month, say), one alone as two
/// reports telling one operation differently.
fn must_separate(a: &OpMention, b: &OpMention, date_score: Option<i8>) -> bool {
    let both_days = a.start.is_some_and(|d| d.day().is_some()) && b.start.is_some_and(|d| d.day().is_some());
    // Days differ when both texts tell theirs: a report published the day after an
    // action, telling no day, does not disagree with it.
    let days_differ = both_days && told_by_both(a, b) && date_score.is_some_and(|s| s < 3);
    // One code name says one operation whatever else each report names as its target
    // ("the 'Ndrangheta" and "the Morabito clan").
    let targets_differ = a.disjoint(b, Role::Target) && !shares_code_name(a, b);
    let leaders_differ = a.leaders_disjoint(b);
    let kinds = u8::from(days_differ) + u8::from(targets_differ) + u8::from(leaders_differ);
    kinds >= 2 || (kinds == 1 && counts_differ(a, b))
}

/// Both mentions count the same unit and no two of their figures agree within 10 %
/// (rounding: "more than 20,000" and "20,300" agree).
fn counts_differ(a: &OpMention, b: &OpMention) -> bool {
    let mut shared_unit = false;
    for (v, unit, _) in &a.counts {
        for (w, _, _) in b.counts.iter().filter(|(_, u, _)| u == unit) {
            if (v - w).abs() <= 0.1 * v.max(*w) {
                return false;
            }
            shared_unit = true;
        }
    }
    shared_unit
}

/// Two mentions that can never be in one cluster: one report, incompatible dates, or
/// two disagreements ([`must_separate`]). Checked for every pair of members
/// when two clusters merge, so that vague mentions ("in January") cannot chain
/// distinct operations of one month into one.
fn cannot_link(a: &OpMention, b: &OpMention) -> bool {
    a.report == b.report || dates_agree(a, b).is_none_or(|s| must_separate(a, b, s))
}

/// How the dates of two mentions agree: `None` when they cannot be one operation
/// (different months, or more than a month apart), else a score — negative when both
/// are precise but days apart within the same month (reports often date the same
/// action by its start, its announcement or "last week").
pub(crate) fn dates_agree(a: &OpMention, b: &OpMention) -> Option<Option<i8>> {
    let r = match (a.start, b.start, a.month_day, b.month_day) {
        (Some(x), Some(y), _, _) => {
            if x.within(&y) || y.within(&x) {
                // The same day is strong evidence when the texts tell it; a day only
                // because both were published then agrees no more than a month.
                Some(if x.day().is_some() && y.day().is_some() && told_by_both(a, b) {
                    3
                } else {
                    2
                })
            } else if let (Some(x0), Some(y0)) = (x.first_day(), y.first_day()) {
                let xe = a.end.and_then(|e| e.first_day()).unwrap_or(x0);
                let ye = b.end.and_then(|e| e.first_day()).unwrap_or(y0);
                let near = |slack: i64| {
                    let slack = chrono::Duration::days(slack);
                    x0 - slack <= ye && y0 <= xe + slack
                };
                // Two spans of days ("from 2 to 3 May", "7-9 May") are each an
                // operation's own: apart, they are two operations. A single day may be
                // the announcement of the action another report spans.
                let both_spans = a.end.is_some() && b.end.is_some();
                if x.day().is_some() && y.day().is_some() && near(3) {
                    Some(2)
                } else if x.day().is_some() && y.day().is_some() && published_within_week(a, b) {
                    Some(PUBLISHED_AFTER)
                } else if x.day().is_some() && y.day().is_some() && near(31) && !both_spans {
                    Some(FAR_DAYS)
                } else if x.day().is_none() && y.day().is_none() && months_apart(&x, &y) == Some(1) {
                    Some(NEXT_MONTH)
                } else if across_border(&x, &y) || across_border(&y, &x) {
                    Some(ACROSS_BORDER)
                } else {
                    None
                }
            } else {
                None
            }
        }
        (Some(x), None, _, Some((m, d))) | (None, Some(x), Some((m, d)), _) => {
            // A report dated only by its publication may tell an action of the week before.
            let published = if a.start.is_some() { a } else { b }.dated_by_publication;
            let week_before = published
                && x.day().is_some()
                && x.first_day()
                    .zip(chrono::NaiveDate::from_ymd_opt(x.year(), m, d))
                    .is_some_and(|(p, told)| {
                        let days = (p - told).num_days();
                        (0..=PUBLISHED_WITHIN_DAYS).contains(&days)
                    });
            let ok =
                week_before || (x.month().is_none_or(|xm| xm == m) && x.day().is_none_or(|xd| xd.abs_diff(d) <= 3));
            let weekday = if a.start.is_none() { a.weekday } else { b.weekday };
            // "Friday 15th April" is in a year where 15 April is a Friday: one year in
            // seven agrees, which speaks for the dated report's year; any other is ruled out.
            let falls = weekday.map(|w| weekday_of(x.year(), m, d) == Some(w));
            match falls {
                Some(false) => None,
                Some(true) => ok.then_some(4),
                None => ok.then_some(3),
            }
        }
        (None, None, Some((m1, d1)), Some((m2, d2))) => {
            // Two weekdays told with days of one month must be as far apart as the days.
            let weekdays_fit = match (a.weekday, b.weekday) {
                (Some(w1), Some(w2)) => (w1 + 7 * 5 + d2 - d1) % 7 == w2 % 7,
                _ => true,
            };
            (m1 == m2 && d1.abs_diff(d2) <= 3 && weekdays_fit).then_some(2)
        }
        _ => return Some(None),
    };
    r.map(Some)
}

/// How many days after a told day a report dated only by its publication may tell it.
const PUBLISHED_WITHIN_DAYS: i64 = 7;

/// Is one mention dated only by its report's publication, at most a week after the day
/// (or the last day) the other's text tells? A report published on Friday that tells no
/// day ("made public on Friday", "this week") may tell an action of Monday.
fn published_within_week(a: &OpMention, b: &OpMention) -> bool {
    let after = |told: &OpMention, published: &OpMention| {
        let (Some((from, to)), Some(p)) = (
            told.start.and_then(|s| s.first_day()).map(|f| {
                let last = told.end.and_then(|e| e.first_day()).unwrap_or(f).max(f);
                (f, last)
            }),
            published
                .start
                .filter(|s| s.day().is_some())
                .and_then(|s| s.first_day()),
        ) else {
            return false;
        };
        published.dated_by_publication
            && !told.dated_by_publication
            && told.start.is_some_and(|s| s.day().is_some())
            && from <= p
            && p <= to + chrono::Duration::days(PUBLISHED_WITHIN_DAYS)
    };
    after(a, b) || after(b, a)
}

/// The weekday (0 = Monday) of a day, if it is one.
fn weekday_of(year: i32, month: u32, day: u32) -> Option<u32> {
    use chrono::Datelike;
    chrono::NaiveDate::from_ymd_opt(year, month, day).map(|d| d.weekday().num_days_from_monday())
}

/// [`dates_agree`]'s score for two single days of one month more than three days apart.
pub(crate) const FAR_DAYS: i8 = -2;

/// [`dates_agree`]'s mark for two months in a row, neither with a day ("in June", "in
/// July"): a takedown at the end of one month is often told by the month it was
/// announced in. Such a pair merges only on a shared target, and then as if of one month.
pub(crate) const NEXT_MONTH: i8 = -1;

/// [`dates_agree`]'s mark for a day a report tells and a report dated only by its
/// publication up to a week later ([`published_within_week`]): as two days that meet,
/// but only on a shared target or a large figure, like [`FAR_DAYS`].
pub(crate) const PUBLISHED_AFTER: i8 = -4;

/// [`dates_agree`]'s mark for a month and a day just across its border
/// ([`across_border`]): "taken down in April", "announced on 3 May". Like
/// [`NEXT_MONTH`], only on a shared target, and weaker than a day of the month itself.
pub(crate) const ACROSS_BORDER: i8 = -3;

/// Days from the border of a month within which a day of the month next to it agrees
/// with it ([`across_border`]).
pub(crate) const BORDER_DAYS: u32 = 7;

/// Is `day` (dated to the day) within [`BORDER_DAYS`] of `month`'s border (dated to the
/// month only), on the other side: "taken down in April" and "announced on 3 May", "in
/// May" and "on 28 April" ([`ACROSS_BORDER`]).
fn across_border(month: &PartialDate, day: &PartialDate) -> bool {
    let (Some(d), None) = (day.day(), month.day()) else {
        return false;
    };
    let (Some(m), Some(dm)) = (month.month_index(), day.month_index()) else {
        return false;
    };
    match dm - m {
        1 => d <= BORDER_DAYS,
        -1 => near_month_end(day),
        _ => false,
    }
}

/// Is a day within [`BORDER_DAYS`] of its month's last day?
pub(crate) fn near_month_end(day: &PartialDate) -> bool {
    use chrono::Datelike;
    let month = day.month().map(|m| PartialDate::YearMonth(day.year(), m));
    match (day.day(), month.and_then(|m| m.last_day())) {
        (Some(d), Some(last)) => d + BORDER_DAYS > last.day(),
        _ => false,
    }
}

/// How many months `b`'s month is from `a`'s (both with a month).
fn months_apart(a: &PartialDate, b: &PartialDate) -> Option<u32> {
    u32::try_from(a.month_index()?.abs_diff(b.month_index()?)).ok()
}

/// Do the two mentions give one figure of at least [`MIN_BLOCKING_COUNT`]?
fn shares_large_count(a: &OpMention, b: &OpMention) -> bool {
    a.counts
        .iter()
        .any(|(v, u, _)| *v >= MIN_BLOCKING_COUNT && b.counts.iter().any(|(w, x, _)| w == v && units_agree(u, x)))
}

/// What a count's unit counts, where the extractor's lemmas tell it: people (arrests,
/// suspects, members), sums in each currency, weights of drugs, states, online content,
/// infrastructure, and a few lemmas on their own (vehicles, weapons, victims). Other
/// units (a rare lemma, or a word the count grammar's lexicon does not know) have no
/// class.
fn unit_class(unit: &str) -> Option<&'static str> {
    if unit.starts_with("kilo") || unit.starts_with("tonne") || unit.starts_with("gram") {
        return Some("weight");
    }
    Some(match unit {
        "person" | "arrest" | "suspect" | "member" | "vendor" | "user" => "people",
        "officer" | "investigator" => "officers",
        // A sum in one currency is not the same figure in another ("€5 million", "£5m").
        "euro" => "euro",
        "dollar" => "dollar",
        "pound" => "pound",
        "bitcoin" => "bitcoin",
        "country" | "member state" => "states",
        "item" | "account" | "video" | "file" | "website" | "channel" | "message" | "url" => "content",
        "server" | "domain" | "device" | "phone" => "infrastructure",
        "search" | "raid" => "searches",
        "year" | "year of imprisonment" => "years",
        "vehicle" => "vehicles",
        "weapon" | "firearm" => "weapons",
        "victim" => "victims",
        "language" => "languages",
        "percent" => "percent",
        "online service provider" => "providers",
        _ => return None,
    })
}

/// May two counts of one value be the same figure? Not when their units count different
/// things ("1,000 items" and "1,000 arrests" of two operations).
fn units_agree(a: &str, b: &str) -> bool {
    a == b
        || match (unit_class(a), unit_class(b)) {
            (Some(x), Some(y)) => x == y,
            _ => true,
        }
}

/// Do both mentions give one code name ([`code_name_key`])?
fn shares_code_name(a: &OpMention, b: &OpMention) -> bool {
    !a.code_names.is_empty() && !b.code_names.is_empty() && !a.code_name_keys().is_disjoint(&b.code_name_keys())
}

/// How much two mentions from different reports agree; `None` when they must not merge.
pub fn pair_score(a: &OpMention, b: &OpMention) -> Option<f64> {
    if a.report == b.report {
        return None;
    }
    let date_score = dates_agree(a, b)?;
    if must_separate(a, b, date_score) {
        return None;
    }
    // One code name on both sides ("Operation Endgame", "opération Endgame") names one
    // operation as surely as a shared target: it counts as one.
    let shared_name = shares_code_name(a, b);
    let shared_targets = a.entities(Role::Target).filter(|e| b.has(Role::Target, e)).count() + usize::from(shared_name);
    if matches!(date_score, Some(NEXT_MONTH | ACROSS_BORDER)) && shared_targets == 0 {
        return None;
    }
    let mut score = match date_score {
        Some(NEXT_MONTH | PUBLISHED_AFTER) => 2.0,
        Some(ACROSS_BORDER) => 1.0,
        s => f64::from(s.unwrap_or(0)),
    };
    // Different targets on both sides speak against one operation.
    if a.has_role(Role::Target) && b.has_role(Role::Target) && shared_targets == 0 {
        score -= 2.0;
    }
    score += (2.0 * shared_targets as f64).min(6.0);
    if shared_name {
        score += 4.0;
    }
    let (aa, ba): (BTreeSet<&str>, BTreeSet<&str>) = (a.actors().collect(), b.actors().collect());
    // A leader the other names through its country ("Belgium" and its prosecutor's
    // office) is shared too.
    let through_country = a
        .entities(Role::LedBy)
        .filter(|l| !ba.contains(l) && a.leader_named_by(l, b))
        .count();
    let shared_actors = aa.intersection(&ba).count() + through_country;
    score += (shared_actors as f64).min(4.0);
    // Arrests on one day in the same two places ("in Germany and the Netherlands on
    // Thursday"): a terror cell's arrests name no target. One place is too common.
    let shared_places = a.entities(Role::Location).filter(|e| b.has(Role::Location, e)).count();
    if date_score.is_some() && shared_places >= 2 {
        score += 1.0;
    }
    let equal_counts = a
        .counts
        .iter()
        .filter(|(v, u, _)| *v >= 10.0 && b.counts.iter().any(|(w, x, _)| w == v && units_agree(u, x)))
        .count();
    score += 3.0 * equal_counts as f64;
    // Days apart in one month ([`dates_agree`]'s -2) are one operation only with a shared
    // target or a figure large enough to name it: actors alone are too common, and the
    // incremental merge can then leave out, before reading their roles, the many mentions
    // of a month that share neither with a new one.
    if matches!(date_score, Some(FAR_DAYS | PUBLISHED_AFTER)) && shared_targets == 0 && !shares_large_count(a, b) {
        return None;
    }
    // Without dates on one side or both, actors alone are too common to tell one
    // operation (Europol, Germany and Spain act together every month): a shared target
    // or figure must say it.
    if date_score.is_none() && shared_targets == 0 && equal_counts == 0 {
        return None;
    }
    // Two reports with no date at all and no shared target: figures under a hundred
    // ("44 arrests", "11 countries") are common, and two of them must agree.
    if is_undated(a) && is_undated(b) && shared_targets == 0 && equal_counts < 2 && !shares_large_count(a, b) {
        return None;
    }
    let threshold = 4.0;
    (score >= threshold).then_some(score)
}

struct Dsu {
    parent: Vec<usize>,
}

impl Dsu {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let n = self.parent[y];
            self.parent[y] = r;
            y = n;
        }
        r
    }
}

/// Mentions sharing no blocking key are never compared; a key shared by more than
/// this many mentions is too common to block on (and skipped).
pub(crate) const MAX_BLOCK: usize = 3000;

/// The smallest count value that is a blocking key.
pub(crate) const MIN_BLOCKING_COUNT: f64 = 100.0;

/// What two mentions must share to be compared at all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum BlockKey {
    /// The same target entity.
    Target(String),
    /// The same year and month (or the same year, both without month).
    Month(i32, Option<u32>),
    /// The same month and day, with or without a year.
    MonthDay(u32, u32),
    /// The same count value (100 or more), as its bit pattern.
    Count(u64),
    /// The same smaller count value ([`MIN_UNDATED_COUNT`] or more), between mentions
    /// with no date at all: such reports have no month to meet in.
    UndatedCount(u64),
    /// The same code name ([`code_name_key`]).
    CodeName(String),
}

/// The smallest count value that blocks two undated mentions ([`BlockKey::UndatedCount`]).
pub(crate) const MIN_UNDATED_COUNT: f64 = 10.0;

/// The blocking keys of a mention: its targets, its month, its month-day, its counts.
pub(crate) fn blocking_keys(m: &OpMention) -> BTreeSet<BlockKey> {
    let mut keys = BTreeSet::new();
    for (r, e) in &m.roles {
        if *r == Role::Target {
            keys.insert(BlockKey::Target(e.clone()));
        }
    }
    keys.extend(m.code_name_keys().into_iter().map(BlockKey::CodeName));
    if let Some(s) = m.start {
        if let Some((mo, d)) = md_of(&s) {
            keys.insert(BlockKey::MonthDay(mo, d));
        }
        keys.insert(BlockKey::Month(s.year(), s.month()));
    }
    if let Some((mo, d)) = m.month_day {
        keys.insert(BlockKey::MonthDay(mo, d));
    }
    // A count blocks only when it is large enough to say which operation it is from
    // ("26,000 items"): "16 servers" is in a thousand operations of a big corpus, and
    // reading such a block for every new report that says it made adds slow.
    for (v, _, _) in &m.counts {
        if *v >= MIN_BLOCKING_COUNT {
            keys.insert(BlockKey::Count(v.to_bits()));
        } else if *v >= MIN_UNDATED_COUNT && is_undated(m) {
            keys.insert(BlockKey::UndatedCount(v.to_bits()));
        }
    }
    keys
}

/// Clusters mentions into operations.
pub fn cluster(mentions: &[OpMention]) -> Vec<MergedOperation> {
    let clusters = cluster_members(mentions, &sole_targets(mentions));
    let mut ops: Vec<MergedOperation> = clusters.into_iter().map(|c| consensus(mentions, c)).collect();
    // Stable, readable, unique slugs.
    ops.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(a.slug.cmp(&b.slug))
            .then(a.members.cmp(&b.members))
    });
    let mut seen: HashMap<String, usize> = HashMap::new();
    for op in &mut ops {
        let n = seen.entry(op.slug.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            op.slug = format!("{}-{}", op.slug, n);
        }
    }
    ops
}

/// A target told by at most this many mentions can have an only operation against it
/// ([`join_undated`]); one told more often is not looked at.
pub(crate) const SOLE_TARGET_BLOCK: usize = 50;

/// The targets told by at most [`SOLE_TARGET_BLOCK`] of `mentions`.
pub(crate) fn sole_targets(mentions: &[OpMention]) -> BTreeSet<String> {
    let mut told: HashMap<&str, usize> = HashMap::new();
    for m in mentions {
        for t in m.entities(Role::Target) {
            *told.entry(t).or_default() += 1;
        }
    }
    told.into_iter()
        .filter(|(_, n)| *n <= SOLE_TARGET_BLOCK)
        .map(|(t, _)| t.to_string())
        .collect()
}

/// A mention with no date at all: no start, no year-less day.
pub(crate) fn is_undated(m: &OpMention) -> bool {
    m.start.is_none() && m.month_day.is_none()
}

/// A report with no date of its own (no publication date, no date in its text) cannot
/// agree on dates, and a shared target alone is too weak to merge it ([`pair_score`]).
/// But when every dated mention of its targets is in a single operation, that is the only
/// operation the corpus knows against them, and the undated cluster joins it (unless a
/// member [cannot link](cannot_link) with one of it). A target no dated operation names
/// ("Avalanche and the TeslaCrypt ransomware it spread") does not stand in the way.
///
/// `sole` are the targets the rule may look at ([`sole_targets`]): a target told by many
/// mentions is left out, so that the incremental merge, which must read every operation
/// against such a target, reads few.
fn join_undated(mentions: &[OpMention], clusters: &mut Vec<Vec<usize>>, sole: &BTreeSet<String>) {
    let mut cluster_of = vec![0; mentions.len()];
    for (k, c) in clusters.iter().enumerate() {
        for &i in c {
            cluster_of[i] = k;
        }
    }
    let dated = |k: usize| clusters[k].iter().any(|&i| !is_undated(&mentions[i]));
    // The dated clusters naming each target the rule may look at.
    let mut hosts: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        for t in m.entities(Role::Target).filter(|t| sole.contains(*t)) {
            if dated(cluster_of[i]) {
                hosts.entry(t).or_default().insert(cluster_of[i]);
            }
        }
    }
    let mut moves = Vec::new();
    for (k, c) in clusters.iter().enumerate() {
        if dated(k) {
            continue;
        }
        let targets: BTreeSet<&str> = c.iter().flat_map(|&i| mentions[i].entities(Role::Target)).collect();
        if targets.is_empty() || !targets.iter().all(|t| sole.contains(*t)) {
            continue;
        }
        let named: BTreeSet<usize> = targets.iter().filter_map(|t| hosts.get(t)).flatten().copied().collect();
        if let [host] = Vec::from_iter(named)[..] {
            moves.push((k, host));
        }
    }
    if moves.is_empty() {
        return;
    }
    for (k, host) in moves {
        let conflict = clusters[k]
            .iter()
            .any(|&x| clusters[host].iter().any(|&y| cannot_link(&mentions[x], &mentions[y])));
        if !conflict {
            let moved = std::mem::take(&mut clusters[k]);
            clusters[host].extend(moved);
        }
    }
    clusters.retain(|c| !c.is_empty());
    for c in clusters.iter_mut() {
        c.sort_unstable();
    }
    clusters.sort();
}

/// The greedy clustering itself: indexes of `mentions`, one sorted list per operation,
/// the lists sorted. Undated clusters then join the only operation against their targets
/// ([`join_undated`], for the targets in `sole`).
pub(crate) fn cluster_members(mentions: &[OpMention], sole: &BTreeSet<String>) -> Vec<Vec<usize>> {
    let mut blocks: HashMap<BlockKey, Vec<usize>> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        for k in blocking_keys(m) {
            blocks.entry(k).or_default().push(i);
        }
    }
    // Each mention's blocks as sorted numbers, the blocks too common to use left out: a
    // pair is scored in the first block both share only, so that no map of the pairs
    // seen is needed (millions of pairs on 100k reports).
    let blocks: Vec<Vec<usize>> = blocks.into_values().filter(|m| m.len() <= MAX_BLOCK).collect();
    let small = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut blocks_of: Vec<Vec<u32>> = vec![Vec::new(); mentions.len()];
    for (b, members) in blocks.iter().enumerate() {
        let b = small(b);
        for &i in members {
            blocks_of[i].push(b); // ascending: blocks are visited in order
        }
    }
    let first_shared = |i: usize, j: usize| -> Option<u32> {
        let (x, y) = (&blocks_of[i], &blocks_of[j]);
        let (mut p, mut q) = (0, 0);
        while p < x.len() && q < y.len() {
            match x[p].cmp(&y[q]) {
                std::cmp::Ordering::Less => p += 1,
                std::cmp::Ordering::Greater => q += 1,
                std::cmp::Ordering::Equal => return Some(x[p]),
            }
        }
        None
    };
    // Scores are small whole numbers: exact as f32, in 12 bytes a pair with the indexes.
    // Blocks are scored on rayon's threads; the sort below fixes the order.
    let mut ranked: Vec<(f32, u32, u32)> = blocks
        .par_iter()
        .enumerate()
        .flat_map_iter(|(b, members)| {
            let b = small(b);
            let mut out = Vec::new();
            for (x, &i) in members.iter().enumerate() {
                for &j in &members[x + 1..] {
                    if first_shared(i, j) != Some(b) {
                        continue; // scored in an earlier block
                    }
                    if let Some(s) = pair_score(&mentions[i], &mentions[j]) {
                        out.push((s as f32, small(i), small(j)));
                    }
                }
            }
            out
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    let mut dsu = Dsu {
        parent: (0..mentions.len()).collect(),
    };
    let mut members: HashMap<usize, Vec<usize>> = (0..mentions.len()).map(|i| (i, vec![i])).collect();
    for (_, i, j) in ranked {
        let (i, j) = (i as usize, j as usize);
        let (ri, rj) = (dsu.find(i), dsu.find(j));
        if ri == rj {
            continue;
        }
        let (a, b) = (&members[&ri], &members[&rj]);
        let conflict = a
            .iter()
            .any(|&x| b.iter().any(|&y| cannot_link(&mentions[x], &mentions[y])));
        if conflict {
            continue;
        }
        let moved = members.remove(&rj).unwrap_or_default();
        dsu.parent[rj] = ri;
        members.entry(ri).or_default().extend(moved);
    }
    let mut clusters: Vec<Vec<usize>> = members.into_values().collect();
    for c in &mut clusters {
        c.sort_unstable();
    }
    clusters.sort();
    join_undated(mentions, &mut clusters, sole);
    clusters
}

/// The consensus facts of one cluster; its slug is the readable base, not yet made unique.
pub(crate) fn consensus(mentions: &[OpMention], members: Vec<usize>) -> MergedOperation {
    let ms: Vec<&OpMention> = members.iter().map(|&i| &mentions[i]).collect();
    // Start: the most precise date; among equals the most frequent, then the earliest.
    let mut dates: BTreeMap<PartialDate, usize> = BTreeMap::new();
    for m in &ms {
        if let Some(s) = m.start {
            *dates.entry(s).or_default() += 1;
        }
    }
    let best = dates
        .iter()
        .max_by(|(a, na), (b, nb)| {
            let pa = u8::from(a.month().is_some()) + u8::from(a.day().is_some());
            let pb = u8::from(b.month().is_some()) + u8::from(b.day().is_some());
            pa.cmp(&pb).then(na.cmp(nb)).then(b.cmp(a))
        })
        .map(|(d, _)| *d);
    // A year-less "21 November" refines a month-precision date of another report.
    let mut start = best;
    if let Some(PartialDate::YearMonth(y, m)) = best {
        if let Some((_, d)) = ms.iter().filter_map(|x| x.month_day).find(|(mm, _)| *mm == m) {
            start = Some(PartialDate::Day(y, m, d));
        }
    }
    let end = ms
        .iter()
        .filter(|m| m.start.is_none() || m.start == start)
        .filter_map(|m| m.end)
        .max()
        .or_else(|| {
            // A year-less range ("between November 21 and 24") placed by the others' year.
            let y = start.map(|s| s.year())?;
            ms.iter().find_map(|m| match (m.start, m.month_day, m.end) {
                (None, Some(_), Some(e)) => Some(PartialDate::Day(y, e.month()?, e.day()?)),
                _ => None,
            })
        })
        .filter(|e| start.is_none_or(|s| *e > s));
    let mut roles = BTreeSet::new();
    let mut counts: Vec<(f64, String, Qualifier)> = Vec::new();
    let mut reports = BTreeSet::new();
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut code_names: BTreeMap<String, String> = BTreeMap::new();
    for m in &ms {
        for n in &m.code_names {
            code_names.entry(code_name_key(n)).or_insert_with(|| n.clone());
        }
        roles.extend(m.roles.iter().cloned());
        for c in &m.counts {
            if !counts.iter().any(|x| x.0 == c.0 && x.1 == c.1) {
                counts.push(c.clone());
            }
        }
        reports.insert(m.report.clone());
        *kinds.entry(m.kind.as_str()).or_default() += 1;
    }
    // The coordinator of an operation is not one of its participants as well: one report
    // says "Europol coordinated", another "Europol took part", and both tell one role.
    let coordinators: BTreeSet<String> = roles
        .iter()
        .filter(|(r, _)| *r == Role::CoordinatedBy)
        .map(|(_, e)| e.clone())
        .collect();
    roles.retain(|(r, e)| !(*r == Role::Participant && coordinators.contains(e)));
    let kind = kinds
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
        .unwrap_or_else(|| "operation".into());
    let rep = ms.iter().max_by_key(|m| m.roles.len()).copied();
    let base_label = rep
        .map(|m| m.label.split(", ").next().unwrap_or(&m.label).to_string())
        .unwrap_or_else(|| kind.clone());
    let label = match start {
        Some(s) => format!("{base_label}, {s}"),
        None => base_label,
    };
    let focus = roles
        .iter()
        .find(|(r, _)| *r == Role::Target)
        .or_else(|| roles.iter().find(|(r, _)| *r == Role::LedBy))
        .map(|(_, e)| e.rsplit('/').next().unwrap_or(e).to_string())
        .unwrap_or_else(|| slugify(&kind));
    let slug = format!(
        "{}-{}",
        start.map(|s| s.to_string()).unwrap_or_else(|| "undated".into()),
        slugify(&focus)
    );
    MergedOperation {
        slug,
        members,
        start,
        end,
        kind,
        label,
        roles,
        counts,
        reports,
        code_names: code_names.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(
        report: &str,
        start: Option<&str>,
        md: Option<(u32, u32)>,
        roles: &[(Role, &str)],
        counts: &[f64],
    ) -> OpMention {
        OpMention {
            iri: format!("urn:x:{report}:{start:?}"),
            report: report.into(),
            report_iri: format!("urn:r:{report}"),
            start: start.and_then(PartialDate::parse),
            end: None,
            month_day: md,
            weekday: None,
            dated_by_publication: false,
            kind: "operation".into(),
            label: "operation".into(),
            roles: roles.iter().map(|(r, e)| (*r, e.to_string())).collect(),
            counts: counts
                .iter()
                .map(|v| (*v, "item".to_string(), Qualifier::Exact))
                .collect(),
            leader_countries: BTreeMap::new(),
            code_names: BTreeSet::new(),
        }
    }

    /// One code name, however written, names one operation: an undated report joins a
    /// dated one through it alone, and the name is a blocking key.
    #[test]
    fn one_code_name_names_one_operation() {
        let mut a = m("a", None, None, &[(Role::Participant, "de")], &[]);
        let mut b = m("b", Some("2024-12-10"), None, &[(Role::Participant, "nl")], &[]);
        assert!(pair_score(&a, &b).is_none());
        a.code_names.insert("PowerOFF".into());
        b.code_names.insert("Power-Off".into());
        assert!(pair_score(&a, &b).is_some());
        assert!(blocking_keys(&a).contains(&BlockKey::CodeName("poweroff".into())));
        // Another name is no evidence; dates that disagree still keep two apart.
        b.code_names = BTreeSet::from(["Endgame".to_string()]);
        assert!(pair_score(&a, &b).is_none());
        let mut c = m("c", Some("2023-05-02"), None, &[], &[]);
        c.code_names.insert("PowerOFF".into());
        let mut d = m("d", Some("2024-12-10"), None, &[], &[]);
        d.code_names.insert("PowerOFF".into());
        assert!(pair_score(&c, &d).is_none());
        let merged = consensus(&[a.clone(), c], vec![0, 1]);
        assert_eq!(merged.code_names, BTreeSet::from(["PowerOFF".to_string()]));
        // Other targets and other leaders on one day do not part two reports of one name.
        let mut e = m(
            "e",
            Some("2023-05-03"),
            None,
            &[(Role::Target, "clan-a"), (Role::LedBy, "it")],
            &[],
        );
        let mut f = m(
            "f",
            Some("2023-05-03"),
            None,
            &[(Role::Target, "clan-b"), (Role::LedBy, "be")],
            &[],
        );
        assert!(pair_score(&e, &f).is_none());
        e.code_names.insert("Vexmoor".into());
        f.code_names.insert("Vexmoor".into());
        assert!(pair_score(&e, &f).is_some());
        assert_eq!(cluster(&[e, f]).len(), 1);
    }

    /// An equal figure is evidence of one operation only when it counts the same kind of
    /// thing: "1,000 items" removed and "1,000 persons" arrested are two operations'.
    #[test]
    fn an_equal_figure_of_another_unit_is_no_evidence() {
        let actors = [(Role::CoordinatedBy, "europol"), (Role::Participant, "es")];
        let with_unit = |report: &str, unit: &str| {
            let mut x = m(report, None, None, &actors, &[1000.0]);
            x.counts[0].1 = unit.to_string();
            x
        };
        assert!(pair_score(&with_unit("a", "item"), &with_unit("b", "person")).is_none());
        assert!(pair_score(&with_unit("a", "arrest"), &with_unit("b", "euro")).is_none());
        assert!(pair_score(&with_unit("a", "pound"), &with_unit("b", "euro")).is_none());
        // Arrests and persons count people; a unit the lexicon does not know may be either.
        assert!(pair_score(&with_unit("a", "arrest"), &with_unit("b", "person")).is_some());
        assert!(pair_score(&with_unit("a", "item"), &with_unit("b", "contenidos")).is_some());
        assert_eq!(cluster(&[with_unit("a", "item"), with_unit("b", "person")]).len(), 2);
    }

    /// A report that tells no day, dated by its publication the day after, does not
    /// disagree on the day: with other figures, it still tells the same takedown. Two
    /// texts that tell different days and different figures are two operations.
    #[test]
    fn a_publication_day_is_no_disagreement_on_the_day() {
        let roles = [(Role::Target, "vexmoor"), (Role::Participant, "nl")];
        let told = m("a", Some("2021-03-09"), None, &roles, &[30.0]);
        let mut published = m("b", Some("2021-03-10"), None, &roles, &[48.0]);
        published.dated_by_publication = true;
        assert!(pair_score(&told, &published).is_some());
        published.dated_by_publication = false;
        assert!(pair_score(&told, &published).is_none());
    }

    /// Arrests told on one day in the same two places are one operation, even without a
    /// target; one shared place, or two places without a date, is not enough.
    #[test]
    fn one_day_in_the_same_two_places_is_one_operation() {
        let places = [(Role::Location, "de"), (Role::Location, "nl")];
        let a = m("a", Some("2023-07-06"), None, &places, &[]);
        let b = m(
            "b",
            Some("2023-07-06"),
            None,
            &[(Role::Location, "de"), (Role::Location, "nl"), (Role::LedBy, "be")],
            &[],
        );
        assert!(pair_score(&a, &b).is_some());
        let one = m(
            "b",
            Some("2023-07-06"),
            None,
            &[(Role::Location, "de"), (Role::LedBy, "be")],
            &[],
        );
        assert!(pair_score(&a, &one).is_none());
        let undated = m("b", None, None, &places, &[]);
        assert!(pair_score(&a, &undated).is_none());
    }

    /// Undated, two reports that name the same four actors are not one operation for that
    /// alone; a shared target makes them one.
    #[test]
    fn undated_mentions_need_more_than_shared_actors() {
        let actors = [
            (Role::CoordinatedBy, "europol"),
            (Role::Participant, "de"),
            (Role::Participant, "es"),
            (Role::Participant, "us"),
        ];
        let a = m("a", None, None, &actors, &[]);
        let b = m("b", None, None, &actors, &[]);
        assert!(pair_score(&a, &b).is_none());
        let mut with_target = actors.to_vec();
        with_target.push((Role::Target, "vexmoor"));
        let a = m("a", None, None, &with_target, &[]);
        let b = m("b", None, None, &with_target, &[]);
        assert!(pair_score(&a, &b).is_some());
        // Dated alike, the actors are evidence enough.
        let a = m("a", Some("2022-05"), None, &actors, &[]);
        let b = m("b", Some("2022-05"), None, &actors, &[]);
        assert!(pair_score(&a, &b).is_some());
    }

    #[test]
    fn same_operation_across_reports_merges_and_takes_the_year() {
        let ms = vec![
            m(
                "a",
                Some("2019-11-21"),
                None,
                &[(Role::Target, "amaq"), (Role::LedBy, "be")],
                &[26000.0],
            ),
            m("b", None, Some((11, 21)), &[(Role::Target, "amaq")], &[26000.0]),
            m("c", Some("2016-08"), None, &[(Role::Target, "amaq")], &[]),
        ];
        let ops = cluster(&ms);
        assert_eq!(ops.len(), 2);
        let big = ops.iter().find(|o| o.members.len() == 2).unwrap();
        assert_eq!(big.start, PartialDate::parse("2019-11-21"));
        assert_eq!(big.reports.len(), 2);
        let old = ops.iter().find(|o| o.members == vec![2]).unwrap();
        assert_eq!(old.start, PartialDate::parse("2016-08"));
    }

    #[test]
    fn two_spans_of_days_apart_are_two_operations() {
        let span = |report: &str, start: &str, end: &str| {
            let mut x = m(
                report,
                Some(start),
                None,
                &[(Role::Target, "amaq"), (Role::LedBy, "be")],
                &[],
            );
            x.end = PartialDate::parse(end);
            x
        };
        let a = span("a", "2019-05-02", "2019-05-03");
        let b = span("b", "2019-05-07", "2019-05-09");
        assert_eq!(dates_agree(&a, &b), None);
        // A single day a few days after a span may be the day it was announced.
        let c = m(
            "c",
            Some("2019-05-07"),
            None,
            &[(Role::Target, "amaq"), (Role::LedBy, "be")],
            &[],
        );
        assert_eq!(dates_agree(&a, &c), Some(Some(FAR_DAYS)));
    }

    #[test]
    fn days_apart_need_a_shared_target_or_a_large_figure() {
        let actors = [
            (Role::SupportedBy, "europol"),
            (Role::Participant, "de"),
            (Role::Participant, "fr"),
            (Role::Participant, "nl"),
        ];
        let with = |extra: &[(Role, &'static str)]| -> Vec<(Role, &'static str)> {
            actors.iter().chain(extra).copied().collect()
        };
        let a = m("a", Some("2021-03-03"), None, &with(&[]), &[40.0]);
        // Four shared actors and an equal small figure: once enough, no longer.
        let b = m("b", Some("2021-03-20"), None, &with(&[]), &[40.0]);
        assert_eq!(dates_agree(&a, &b), Some(Some(FAR_DAYS)));
        assert_eq!(pair_score(&a, &b), None);
        // A shared target, or a figure of 100 or more, still makes one operation.
        let t = |r: &str, d: &str| m(r, Some(d), None, &with(&[(Role::Target, "amaq")]), &[]);
        assert!(pair_score(&t("c", "2021-03-03"), &t("d", "2021-03-20")).is_some());
        let big = |r: &str, d: &str| m(r, Some(d), None, &with(&[]), &[1200.0]);
        assert!(pair_score(&big("e", "2021-03-03"), &big("f", "2021-03-20")).is_some());
        // Days that meet need neither.
        assert!(pair_score(&a, &m("g", Some("2021-03-05"), None, &with(&[]), &[])).is_some());
    }

    /// A report dated only by its publication on Friday may tell Monday's arrest: within a
    /// week after a told day it agrees, on a shared target; before it, or later, it does not.
    #[test]
    fn a_publication_up_to_a_week_after_a_told_day_agrees_on_a_target() {
        let roles = [(Role::Target, "ragnar"), (Role::CoordinatedBy, "europol")];
        let told = m("a", Some("2023-10-16"), None, &roles, &[]);
        let published = |day: &str| {
            let mut x = m("b", Some(day), None, &roles, &[]);
            x.dated_by_publication = true;
            x
        };
        for day in ["2023-10-20", "2023-10-23"] {
            assert_eq!(
                dates_agree(&told, &published(day)),
                Some(Some(PUBLISHED_AFTER)),
                "{day}"
            );
            assert!(pair_score(&published(day), &told).is_some(), "{day}");
        }
        assert_eq!(dates_agree(&told, &published("2023-10-24")), Some(Some(FAR_DAYS)));
        assert_eq!(dates_agree(&told, &published("2023-10-12")), Some(Some(FAR_DAYS)));
        // Both told, the days are the texts' own: apart.
        let other = m("c", Some("2023-10-20"), None, &roles, &[]);
        assert_eq!(dates_agree(&told, &other), Some(Some(FAR_DAYS)));
        // Without a shared target, the publication's day says too little.
        let actors = [
            (Role::CoordinatedBy, "europol"),
            (Role::Participant, "fr"),
            (Role::Participant, "es"),
        ];
        let mut p = m("d", Some("2023-10-20"), None, &actors, &[]);
        p.dated_by_publication = true;
        assert_eq!(pair_score(&m("e", Some("2023-10-16"), None, &actors, &[]), &p), None);
        // A day told without its year ("16 October") and a publication four days later.
        let yearless = m("f", None, Some((10, 16)), &roles, &[]);
        assert!(dates_agree(&yearless, &published("2023-10-20")).is_some());
        assert_eq!(
            dates_agree(&yearless, &m("g", Some("2023-10-20"), None, &roles, &[])),
            None
        );
    }

    /// "Taken down in April" and "announced on 3 May": a month and a day a few days across
    /// its border agree as months in a row do, on a shared target only, and a day within
    /// the month outranks them.
    #[test]
    fn a_day_just_across_a_month_border_agrees_on_a_shared_target() {
        let target = [(Role::Target, "boyz"), (Role::Participant, "de")];
        let april = m("a", Some("2021-04"), None, &target, &[]);
        for day in ["2021-05-03", "2021-05-07", "2021-03-28", "2021-03-25"] {
            let d = m("b", Some(day), None, &target, &[]);
            assert_eq!(dates_agree(&april, &d), Some(Some(ACROSS_BORDER)), "{day}");
            assert_eq!(dates_agree(&d, &april), Some(Some(ACROSS_BORDER)), "{day}");
            assert!(pair_score(&april, &d).is_some(), "{day}");
        }
        for day in ["2021-05-08", "2021-03-24", "2021-06-01", "2020-05-03"] {
            let d = m("b", Some(day), None, &target, &[]);
            assert_eq!(dates_agree(&april, &d), None, "{day}");
        }
        // February's last week in a leap year and in another.
        let march = m("a", Some("2024-03"), None, &target, &[]);
        assert!(dates_agree(&march, &m("b", Some("2024-02-23"), None, &target, &[])).is_some());
        assert!(dates_agree(&march, &m("b", Some("2023-02-22"), None, &[], &[])).is_none());
        // Actors alone do not say it.
        let actors = [(Role::CoordinatedBy, "europol"), (Role::Participant, "de")];
        let (a, b) = (
            m("a", Some("2021-04"), None, &actors, &[]),
            m("b", Some("2021-05-03"), None, &actors, &[]),
        );
        assert_eq!(pair_score(&a, &b), None);
        // The month's report joins a day of its own month before one across its border.
        let (told, led) = ((Role::Participant, "fr"), (Role::LedBy, "pt"));
        let inside = m(
            "c",
            Some("2021-04-20"),
            None,
            &[target[0], told, (Role::LedBy, "es")],
            &[],
        );
        let across = m("d", Some("2021-05-01"), None, &[target[0], told, led], &[]);
        let month = m("e", Some("2021-04"), None, &[target[0], told], &[]);
        let ops = cluster(&[across, inside, month]);
        assert_eq!(ops.len(), 2, "{ops:?}");
        assert!(ops
            .iter()
            .any(|o| o.reports == BTreeSet::from(["c".to_string(), "e".to_string()])));
    }

    /// A report with no date names the target of one dated operation and nothing of it
    /// else: it joins that operation, the only one the corpus knows against the target.
    /// Not when a second dated operation names the target or another target it names, and
    /// not when its target is too common to look at.
    #[test]
    fn an_undated_report_joins_the_only_operation_against_its_target() {
        let told = |r: &str, start: &str| {
            m(
                r,
                Some(start),
                None,
                &[
                    (Role::Target, "hivex"),
                    (Role::Participant, "us"),
                    (Role::Participant, "de"),
                ],
                &[],
            )
        };
        let (a, b) = (told("a", "2023-01-26"), told("b", "2023-01"));
        let undated = m(
            "u",
            None,
            None,
            &[(Role::Target, "hivex"), (Role::CoordinatedBy, "europol")],
            &[],
        );
        // The pair alone is too weak.
        assert_eq!(pair_score(&a, &undated), None);
        let ops = cluster(&[a.clone(), b.clone(), undated.clone()]);
        assert_eq!(ops.len(), 1, "{ops:?}");
        assert_eq!(ops[0].reports.len(), 3);
        // A second operation against the target, a year later: which is unknown.
        let later = told("c", "2024-03-02");
        assert_eq!(cluster(&[a.clone(), b.clone(), later, undated.clone()]).len(), 3);
        // A second target no dated operation names does not stand in the way; one that
        // another operation names does.
        let mut two = undated.clone();
        two.roles.insert((Role::Target, "qbot".into()));
        assert_eq!(cluster(&[a.clone(), b.clone(), two.clone()]).len(), 1);
        let qbot = m("q", Some("2022-05-02"), None, &[(Role::Target, "qbot")], &[]);
        assert_eq!(cluster(&[a.clone(), b.clone(), two, qbot]).len(), 3);
        // Nor when the undated mention is of a report the operation has already.
        let mut same_report = undated.clone();
        same_report.report = "a".into();
        assert_eq!(cluster(&[a.clone(), b.clone(), same_report]).len(), 2);
        // A target too common to look at.
        let ms = [a, b, undated];
        assert_eq!(cluster_members(&ms, &BTreeSet::new()).len(), 2);
        let common: Vec<OpMention> = (0..SOLE_TARGET_BLOCK)
            .map(|k| {
                m(
                    &format!("r{k}"),
                    Some("2023-01-26"),
                    None,
                    &[(Role::Target, "hivex")],
                    &[],
                )
            })
            .chain([ms[2].clone()])
            .collect();
        assert!(!sole_targets(&common).contains("hivex"));
        assert!(sole_targets(&common[1..]).contains("hivex"));
    }

    /// "Shut down in June" and "announced in July that it had been shut down": months in
    /// a row are one operation when the target says so, even across a new year; two
    /// months apart, or a told day on either side, they are not.
    #[test]
    fn months_in_a_row_merge_on_a_shared_target() {
        let june = m("a", Some("2020-06"), None, &[(Role::Target, "encro")], &[]);
        let july = m("b", Some("2020-07"), None, &[(Role::Target, "encro")], &[]);
        assert_eq!(dates_agree(&june, &july), Some(Some(NEXT_MONTH)));
        assert!(pair_score(&june, &july).is_some());
        assert_eq!(cluster(&[june.clone(), july.clone()]).len(), 1);
        let december = m("c", Some("2019-12"), None, &[(Role::Target, "encro")], &[]);
        let january = m("d", Some("2020-01"), None, &[(Role::Target, "encro")], &[]);
        assert!(pair_score(&december, &january).is_some());
        // Shared actors alone do not say it.
        let actors = [
            (Role::CoordinatedBy, "europol"),
            (Role::Participant, "fr"),
            (Role::Participant, "nl"),
        ];
        let (a, b) = (
            m("e", Some("2020-06"), None, &actors, &[]),
            m("f", Some("2020-07"), None, &actors, &[]),
        );
        assert_eq!(pair_score(&a, &b), None);
        // Two months apart, or a day told on one side past the month's first week
        // ([`across_border`]), never agree.
        let august = m("g", Some("2020-08"), None, &[(Role::Target, "encro")], &[]);
        assert_eq!(dates_agree(&june, &august), None);
        let mid_july = m("h", Some("2020-07-15"), None, &[(Role::Target, "encro")], &[]);
        assert_eq!(dates_agree(&june, &mid_july), None);
        // June, July and August do not chain into one operation.
        assert_eq!(cluster(&[june, july, august]).len(), 2);
    }

    #[test]
    fn only_large_counts_are_blocking_keys() {
        let a = m("a", None, None, &[], &[16.0, 26000.0]);
        let keys = blocking_keys(&a);
        assert!(keys.contains(&BlockKey::Count(26000f64.to_bits())), "{keys:?}");
        assert!(!keys.contains(&BlockKey::Count(16f64.to_bits())), "{keys:?}");
        // A mention with no date blocks on figures from ten, for other undated ones.
        assert!(keys.contains(&BlockKey::UndatedCount(16f64.to_bits())), "{keys:?}");
        assert!(!keys.contains(&BlockKey::UndatedCount(26000f64.to_bits())), "{keys:?}");
        let dated = m("b", Some("2022-11"), None, &[], &[16.0]);
        assert!(!blocking_keys(&dated).contains(&BlockKey::UndatedCount(16f64.to_bits())));
        assert!(!blocking_keys(&m("c", None, None, &[], &[9.0])).contains(&BlockKey::UndatedCount(9f64.to_bits())));
    }

    /// Two reports with no date and no target, of one operation: "44 arrests in 11
    /// countries". Two equal figures say it; one is too common.
    #[test]
    fn undated_reports_meet_on_two_small_figures() {
        let with = |r: &str, figures: &[(f64, &str)]| {
            let mut x = m(r, None, None, &[(Role::CoordinatedBy, "europol")], &[]);
            x.counts = figures
                .iter()
                .map(|(v, u)| (*v, u.to_string(), Qualifier::Exact))
                .collect();
            x
        };
        let a = with("a", &[(44.0, "arrest"), (11.0, "country"), (94.0, "search")]);
        let b = with("b", &[(44.0, "person"), (11.0, "country")]);
        let c = with("c", &[(44.0, "arrest"), (10.0, "country")]);
        assert!(pair_score(&a, &b).is_some());
        assert_eq!(pair_score(&a, &c), None);
        assert_eq!(cluster(&[a.clone(), b.clone(), c.clone()]).len(), 2);
        // Dated on one side, two figures under a hundred make no blocking key to meet in.
        let mut dated = b.clone();
        dated.start = PartialDate::parse("2022-11-22");
        assert_eq!(cluster(&[a, dated]).len(), 2);
    }

    #[test]
    fn a_coordinator_is_not_also_a_participant() {
        let ms = vec![
            m(
                "a",
                Some("2019-11-21"),
                None,
                &[(Role::Target, "amaq"), (Role::CoordinatedBy, "europol")],
                &[26000.0],
            ),
            m(
                "b",
                Some("2019-11-21"),
                None,
                &[
                    (Role::Target, "amaq"),
                    (Role::Participant, "europol"),
                    (Role::Participant, "be"),
                ],
                &[26000.0],
            ),
        ];
        let ops = cluster(&ms);
        assert_eq!(ops.len(), 1);
        let roles: Vec<(Role, &str)> = ops[0].roles.iter().map(|(r, e)| (*r, e.as_str())).collect();
        assert_eq!(
            roles,
            [
                (Role::CoordinatedBy, "europol"),
                (Role::Participant, "be"),
                (Role::Target, "amaq")
            ]
            .iter()
            .copied()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn incompatible_dates_and_same_report_never_merge() {
        let a = m("a", Some("2018-04-25"), None, &[(Role::Target, "amaq")], &[100.0]);
        let b = m("b", Some("2017-06"), None, &[(Role::Target, "amaq")], &[100.0]);
        assert_eq!(pair_score(&a, &b), None);
        let c = m("a", Some("2018-04-25"), None, &[(Role::Target, "amaq")], &[100.0]);
        assert_eq!(pair_score(&a, &c), None);
    }

    #[test]
    fn vague_mentions_do_not_chain_two_operations_of_one_month() {
        let actors = [
            (Role::CoordinatedBy, "europol"),
            (Role::Participant, "be"),
            (Role::Participant, "es"),
            (Role::Participant, "fr"),
        ];
        let with = |extra: &[(Role, &'static str)]| -> Vec<(Role, &'static str)> {
            actors.iter().chain(extra).copied().collect()
        };
        // Two operations of January 2015: different days and targets. A report dating its
        // action only "in January" and naming no target agrees with both.
        let ms = vec![
            m(
                "a",
                Some("2015-01-09"),
                None,
                &with(&[(Role::Target, "icedid")]),
                &[70.0],
            ),
            m("b", Some("2015-01-05"), None, &with(&[(Role::Target, "al-qaeda")]), &[]),
            m("c", Some("2015-01"), None, &with(&[]), &[]),
        ];
        assert!(pair_score(&ms[0], &ms[2]).is_some());
        assert!(pair_score(&ms[1], &ms[2]).is_some());
        assert_eq!(pair_score(&ms[0], &ms[1]), None);
        let ops = cluster(&ms);
        assert_eq!(ops.len(), 2, "{ops:?}");
        assert!(ops.iter().all(|o| o.members.len() <= 2));
        // One disagreement alone (the targets) is two reports telling one operation.
        let same_day = m("d", Some("2015-01-05"), None, &with(&[(Role::Target, "amaq")]), &[]);
        assert!(pair_score(&ms[1], &same_day).is_some());
        // With the counts disagreeing too, they are two operations.
        let x = m(
            "x",
            Some("2015-01-05"),
            None,
            &with(&[(Role::Target, "amaq")]),
            &[500.0],
        );
        let y = m(
            "y",
            Some("2015-01-05"),
            None,
            &with(&[(Role::Target, "isis")]),
            &[9000.0],
        );
        assert_eq!(pair_score(&x, &y), None);
        let z = m(
            "z",
            Some("2015-01-05"),
            None,
            &with(&[(Role::Target, "isis")]),
            &[520.0],
        );
        assert!(pair_score(&x, &z).is_some(), "figures within 10 % agree");
    }

    /// "Friday 15th April" without a year is in a year where 15 April is a Friday (2016,
    /// not 2017): that agreement alone is enough to merge with a report of that day, and
    /// any other year is ruled out, whatever else the reports share.
    #[test]
    fn a_weekday_told_with_a_yearless_day_picks_its_year() {
        let friday = |wd| OpMention {
            weekday: wd,
            ..m("a", None, Some((4, 15)), &[(Role::Target, "t")], &[])
        };
        let day = |d| m("b", Some(d), None, &[], &[]);
        assert_eq!(dates_agree(&friday(Some(4)), &day("2016-04-15")), Some(Some(4)));
        assert_eq!(dates_agree(&day("2016-04-15"), &friday(Some(4))), Some(Some(4)));
        assert_eq!(dates_agree(&friday(None), &day("2016-04-15")), Some(Some(3)));
        assert!(pair_score(&friday(Some(4)), &day("2016-04-15")).is_some());
        assert!(pair_score(&friday(None), &day("2016-04-15")).is_none());
        // 15 April 2017 was a Saturday: never, even with the target shared.
        let shared = m("b", Some("2017-04-15"), None, &[(Role::Target, "t")], &[]);
        assert_eq!(dates_agree(&friday(Some(4)), &shared), None);
        assert!(pair_score(&friday(None), &shared).is_some());
        // A month or a year is checked on the day told: April 2016 fits, 2017 does not.
        assert_eq!(dates_agree(&friday(Some(4)), &day("2016-04")), Some(Some(4)));
        assert_eq!(dates_agree(&friday(Some(4)), &day("2017")), None);
        // Two yearless days: "Friday 15" and "Sunday 17" fit one week, "Monday 17" does not.
        let other = |d, wd| OpMention {
            weekday: Some(wd),
            ..m("c", None, Some((4, d)), &[], &[])
        };
        assert_eq!(dates_agree(&friday(Some(4)), &other(17, 6)), Some(Some(2)));
        assert_eq!(dates_agree(&friday(Some(4)), &other(17, 0)), None);
        assert_eq!(dates_agree(&other(17, 0), &friday(Some(4))), None);
    }

    /// A country and one of its national bodies are one leader ("led by Belgium", "led by
    /// the Belgian Federal Prosecutor's Office"): not a disagreement that keeps two reports
    /// apart, and an actor they share. Another country's body is another leader.
    #[test]
    fn a_country_and_its_national_body_are_one_leader() {
        let a = m(
            "a",
            Some("2019-11"),
            None,
            &[(Role::LedBy, "be"), (Role::Participant, "x")],
            &[],
        );
        let b = |country: Option<&str>| {
            let mut b = m(
                "b",
                Some("2019-11-21"),
                None,
                &[(Role::LedBy, "be-office"), (Role::Participant, "x")],
                &[],
            );
            b.leader_countries
                .extend(country.map(|c| ("be-office".to_string(), c.to_string())));
            b
        };
        // Month agreement 2, the participant 1, the leader 1.
        assert_eq!(pair_score(&a, &b(Some("be"))), Some(4.0));
        assert_eq!(pair_score(&b(Some("be")), &a), Some(4.0));
        assert_eq!(pair_score(&a, &b(None)), None);
        assert_eq!(pair_score(&a, &b(Some("nl"))), None);
        // With another disagreement (two targets), one leader merges, two do not.
        let target = |mut x: OpMention, t: &str| {
            x.roles.insert((Role::Target, t.to_string()));
            x
        };
        let (a, b_be, b_nl) = (
            target(a, "t1"),
            target(b(Some("be")), "t2"),
            target(b(Some("nl")), "t2"),
        );
        assert!(!must_separate(&a, &b_be, Some(2)));
        assert!(!must_separate(&b_be, &a, Some(2)));
        assert!(must_separate(&a, &b_nl, Some(2)));
    }

    #[test]
    fn month_day_refines_month() {
        let ms = vec![
            m(
                "a",
                Some("2018-04"),
                None,
                &[(Role::Target, "t"), (Role::LedBy, "x")],
                &[],
            ),
            m(
                "b",
                None,
                Some((4, 25)),
                &[(Role::Target, "t"), (Role::LedBy, "x")],
                &[],
            ),
        ];
        let ops = cluster(&ms);
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].start, PartialDate::parse("2018-04-25"));
    }
}

//! The merge record: what the merge compares of an operation mention (its report, dates,
//! kind, label, roles, counts and code names) as one JSON string, stored beside the
//! mention's statements in its report graph (`opg:mergeRecord`).
//!
//! It is an index, derived from the statements: the merge writes it whenever it reads a
//! mention's statements and finds the record missing or different
//! ([`super::corpus::rebuild_corpus`] for every mention, the incremental merge for the
//! mentions it reads), and the incremental merge reads a candidate by its record, one
//! look-up, instead of its two dozen statements and the count nodes behind them.
//!
//! The incremental merge trusts records only while the store node says they are current
//! (`opg:mergeRecordStatus`, [`crate::store::GraphStore::records_current`]). A full merge
//! sets it, having rewritten every record that went stale; a write from outside a build
//! (the endpoint's SPARQL Update and graph store protocol), which may change a mention's
//! statements, drops it ([`crate::store::drop_kept_state`]), and until the next full
//! merge the incremental merge reads mentions from their statements.
//!
//! The leaders' countries are not recorded: they come from the gazetteer graph, which a
//! build may replace, and are looked up when the mention is read.

use serde::{Deserialize, Serialize};

use super::OpMention;
use crate::model::{PartialDate, Qualifier, Role};

/// The record's format; a record of another version is read as missing (and rewritten).
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Record {
    v: u32,
    /// The mention's IRI.
    m: String,
    /// The report's id and IRI.
    r: String,
    ri: String,
    /// Start and end dates, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    e: Option<String>,
    /// A year-less month and day, and its weekday (0 = Monday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    md: Option<(u32, u32)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wd: Option<u32>,
    /// Dated by its publication only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    p: bool,
    k: String,
    l: String,
    #[serde(default)]
    roles: Vec<(Role, String)>,
    #[serde(default)]
    counts: Vec<(f64, String, Qualifier)>,
    #[serde(default)]
    names: Vec<String>,
}

/// Just the IRI of a record, for one that is not of this version.
#[derive(Deserialize)]
struct Named {
    m: String,
}

/// The record of a mention as read from its statements; `None` when it has a figure
/// JSON cannot hold (not finite).
pub fn encode(m: &OpMention) -> Option<String> {
    if m.counts.iter().any(|(v, _, _)| !v.is_finite()) {
        return None;
    }
    let record = Record {
        v: VERSION,
        m: m.iri.clone(),
        r: m.report.clone(),
        ri: m.report_iri.clone(),
        s: m.start.as_ref().map(PartialDate::to_string),
        e: m.end.as_ref().map(PartialDate::to_string),
        md: m.month_day,
        wd: m.weekday,
        p: m.dated_by_publication,
        k: m.kind.clone(),
        l: m.label.clone(),
        roles: m.roles.iter().cloned().collect(),
        counts: m.counts.clone(),
        names: m.code_names.iter().cloned().collect(),
    };
    serde_json::to_string(&record).ok()
}

/// What a record read back says: the whole mention (without its leaders' countries), or
/// only its IRI when the record is of another version or damaged; `None` when not even
/// that can be read.
pub(crate) enum Decoded {
    Mention(Box<OpMention>),
    Iri(String),
}

pub(crate) fn decode(text: &str) -> Option<Decoded> {
    let Ok(r) = serde_json::from_str::<Record>(text) else {
        return serde_json::from_str::<Named>(text).ok().map(|n| Decoded::Iri(n.m));
    };
    let date = |d: &Option<String>| -> Result<Option<PartialDate>, ()> {
        d.as_deref().map(|d| PartialDate::parse(d).ok_or(())).transpose()
    };
    let (Ok(start), Ok(end)) = (date(&r.s), date(&r.e)) else {
        return Some(Decoded::Iri(r.m));
    };
    if r.v != VERSION {
        return Some(Decoded::Iri(r.m));
    }
    let mut m = OpMention::stub(&r.m);
    m.report = r.r;
    m.report_iri = r.ri;
    m.start = start;
    m.end = end;
    m.month_day = r.md;
    m.weekday = r.wd;
    m.dated_by_publication = r.p;
    m.kind = r.k;
    m.label = r.l;
    m.roles = r.roles.into_iter().collect();
    m.counts = r.counts;
    m.code_names = r.names.into_iter().collect();
    Some(Decoded::Mention(Box::new(m)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention() -> OpMention {
        let mut m = OpMention::stub("https://example.org/report/ab/op/0");
        m.report = "r1".into();
        m.report_iri = "https://example.org/report/ab".into();
        m.start = Some(PartialDate::Day(2020, 6, 15));
        m.end = Some(PartialDate::YearMonth(2020, 7));
        m.month_day = Some((6, 15));
        m.weekday = Some(0);
        m.dated_by_publication = true;
        m.kind = "takedown".into();
        m.label = "Takedown of \"Amaq\" – juin".into();
        m.roles.insert((Role::LedBy, "https://example.org/e/belgium".into()));
        m.roles.insert((Role::Target, "https://example.org/e/amaq".into()));
        m.counts.push((26000.0, "items".into(), Qualifier::MoreThan));
        m.counts.push((0.5, String::new(), Qualifier::Exact));
        m.code_names.insert("Endgame".into());
        m
    }

    #[test]
    fn a_record_reads_back_as_the_mention_it_was_made_of() {
        let m = mention();
        let text = encode(&m).expect("encodes");
        match decode(&text) {
            Some(Decoded::Mention(back)) => assert_eq!(*back, m),
            _ => panic!("not read back: {text}"),
        }
        // Absent fields stay absent.
        let bare = OpMention::stub("https://example.org/report/cd/op/1");
        match decode(&encode(&bare).expect("encodes")) {
            Some(Decoded::Mention(back)) => assert_eq!(*back, bare),
            _ => panic!("bare mention not read back"),
        }
    }

    #[test]
    fn a_record_of_another_version_or_damaged_gives_its_iri_or_nothing() {
        let text = encode(&mention()).expect("encodes").replacen("\"v\":1", "\"v\":99", 1);
        assert!(matches!(decode(&text), Some(Decoded::Iri(i)) if i == "https://example.org/report/ab/op/0"));
        let text = encode(&mention()).expect("encodes").replace("2020-06-15", "2020-13-40");
        assert!(matches!(decode(&text), Some(Decoded::Iri(_))));
        assert!(decode("{\"v\":1}").is_none());
        assert!(decode("not json").is_none());
    }

    #[test]
    fn a_figure_json_cannot_hold_gives_no_record() {
        let mut m = mention();
        m.counts.push((f64::NAN, String::new(), Qualifier::Exact));
        assert!(encode(&m).is_none());
    }
}

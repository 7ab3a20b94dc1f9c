//! Where the reports of one merged operation disagree: different start dates, leaders
//! or counts, each claim with its report. Computed by the merge from the mentions it
//! clusters and written next to the operation in the corpus graph, so the canned query
//! `disagreements` reads a few triples per disagreement instead of joining every pair of
//! mentions of every operation (over 300 s on 100k reports).
//!
//! ```text
//! <op> opg:disagreement <op/disagreement/0> .
//! <op/disagreement/0> a opg:Disagreement ; opg:aspect "start date" ;
//!     opg:claim "2019-11-21"^^xsd:date ; opg:claimReport <report a> ;
//!     opg:otherClaim "2019-11-25"^^xsd:date ; opg:otherReport <report b> .
//! ```

use std::collections::BTreeSet;

use oxigraph::model::{Literal, NamedNode, Term};

use super::OpMention;
use crate::model::Role;
use crate::rdf::mapping::{date_literal, number_literal};

/// What two reports disagree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Aspect {
    StartDate,
    LedBy,
    Count,
}

impl Aspect {
    /// The label the canned query shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Aspect::StartDate => "start date",
            Aspect::LedBy => "led by",
            Aspect::Count => "count",
        }
    }
}

/// One claim against another: `claim` from the mention `member`, `other_claim` from
/// `other_member` (indexes into the merge's mentions), the first report's id sorting
/// before the second's.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub aspect: Aspect,
    pub member: usize,
    pub claim: Term,
    pub other_member: usize,
    pub other_claim: Term,
}

/// The disagreements among the `members` of one operation: every pair of mentions from
/// two reports whose start dates do not contain one another, whose leaders are named by
/// neither for the other (a country names its own national bodies, and they it), or whose counts of one unit differ (a figure both reports give,
/// in any unit, is not a disagreement).
pub fn disagreements(mentions: &[OpMention], members: &[usize]) -> Vec<Disagreement> {
    let mut out = Vec::new();
    let mut sorted: Vec<usize> = members.to_vec();
    sorted.sort_by(|&a, &b| mentions[a].report.cmp(&mentions[b].report));
    for (x, &i) in sorted.iter().enumerate() {
        for &j in &sorted[x + 1..] {
            let (a, b) = (&mentions[i], &mentions[j]);
            if a.report == b.report {
                continue;
            }
            let mut push = |aspect, claim: Term, other_claim: Term| {
                out.push(Disagreement {
                    aspect,
                    member: i,
                    claim,
                    other_member: j,
                    other_claim,
                })
            };
            if let (Some(x), Some(y)) = (a.start, b.start) {
                if !x.within(&y) && !y.within(&x) {
                    push(Aspect::StartDate, date_literal(&x).into(), date_literal(&y).into());
                }
            }
            let la: BTreeSet<&str> = a.entities(Role::LedBy).collect();
            let lb: BTreeSet<&str> = b.entities(Role::LedBy).collect();
            for l1 in la.iter().filter(|l| !a.leader_named_by(l, b)) {
                for l2 in lb.iter().filter(|l| !b.leader_named_by(l, a)) {
                    if let (Ok(n1), Ok(n2)) = (NamedNode::new(*l1), NamedNode::new(*l2)) {
                        push(Aspect::LedBy, n1.into(), n2.into());
                    }
                }
            }
            for (v1, unit, _) in &a.counts {
                if b.counts.iter().any(|(w, _, _)| w == v1) {
                    continue;
                }
                let differs = |v2: &f64| v2 != v1 && !a.counts.iter().any(|(w, _, _)| w == v2);
                for (v2, _, _) in b.counts.iter().filter(|(v2, u, _)| u == unit && differs(v2)) {
                    push(Aspect::Count, count_claim(*v1, unit), count_claim(*v2, unit));
                }
            }
        }
    }
    out
}

/// "26000 item": the figure as the store writes it, and its unit.
fn count_claim(v: f64, unit: &str) -> Term {
    Literal::new_simple_literal(format!("{} {unit}", number_literal(v).value())).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PartialDate, Qualifier};
    use std::collections::BTreeMap;

    fn m(report: &str, start: Option<&str>, leaders: &[&str], counts: &[(f64, &str)]) -> OpMention {
        OpMention {
            iri: format!("urn:m:{report}"),
            report: report.into(),
            report_iri: format!("urn:r:{report}"),
            start: start.and_then(PartialDate::parse),
            end: None,
            month_day: None,
            weekday: None,
            dated_by_publication: false,
            kind: "operation".into(),
            label: "operation".into(),
            roles: leaders.iter().map(|l| (Role::LedBy, format!("urn:e:{l}"))).collect(),
            counts: counts
                .iter()
                .map(|(v, u)| (*v, u.to_string(), Qualifier::Exact))
                .collect(),
            leader_countries: BTreeMap::new(),
            code_names: BTreeSet::new(),
        }
    }

    fn rows(ms: &[OpMention]) -> Vec<(Aspect, String, String, String, String)> {
        let members: Vec<usize> = (0..ms.len()).rev().collect();
        disagreements(ms, &members)
            .into_iter()
            .map(|d| {
                let v = |t: &Term| match t {
                    Term::Literal(l) => l.value().to_string(),
                    other => other.to_string(),
                };
                (
                    d.aspect,
                    ms[d.member].report.clone(),
                    v(&d.claim),
                    ms[d.other_member].report.clone(),
                    v(&d.other_claim),
                )
            })
            .collect()
    }

    #[test]
    fn dates_leaders_and_counts_that_differ_are_listed_once_per_pair() {
        let ms = vec![
            m("b", Some("2019-11-25"), &["es"], &[(26000.0, "item"), (9.0, "arrest")]),
            m("a", Some("2019-11-21"), &["be", "es"], &[(26000.0, "item")]),
            m("c", Some("2019-11"), &["nl"], &[(20000.0, "item")]),
        ];
        let got = rows(&ms);
        let dates: Vec<_> = got.iter().filter(|r| r.0 == Aspect::StartDate).collect();
        // 2019-11 contains both precise dates: only a and b disagree.
        assert_eq!(dates.len(), 1, "{got:?}");
        assert_eq!((dates[0].1.as_str(), dates[0].2.as_str()), ("a", "2019-11-21"));
        assert_eq!((dates[0].3.as_str(), dates[0].4.as_str()), ("b", "2019-11-25"));
        let leaders: Vec<_> = got
            .iter()
            .filter(|r| r.0 == Aspect::LedBy)
            .map(|r| (r.1.as_str(), r.2.as_str(), r.3.as_str(), r.4.as_str()))
            .collect();
        // a names es too, so a and b agree; c's leader is named by neither.
        assert_eq!(
            leaders,
            [
                ("a", "<urn:e:be>", "c", "<urn:e:nl>"),
                ("a", "<urn:e:es>", "c", "<urn:e:nl>"),
                ("b", "<urn:e:es>", "c", "<urn:e:nl>"),
            ]
        );
        let counts: Vec<_> = got
            .iter()
            .filter(|r| r.0 == Aspect::Count)
            .map(|r| (r.1.as_str(), r.2.as_str(), r.4.as_str()))
            .collect();
        assert_eq!(
            counts,
            [("a", "26000 item", "20000 item"), ("b", "26000 item", "20000 item")]
        );
    }

    #[test]
    fn agreeing_reports_have_no_disagreements() {
        let ms = vec![
            m("a", Some("2019-11-21"), &["be"], &[(26000.0, "item")]),
            m("b", Some("2019-11"), &["be"], &[(26000.0, "item")]),
            m("c", None, &[], &[]),
        ];
        assert!(rows(&ms).is_empty());
    }

    /// A country and its national body lead together; another country's body does not.
    #[test]
    fn a_country_and_its_national_body_are_not_two_leaders() {
        let body_of = |country: &str| {
            let mut x = m("b", None, &["office"], &[]);
            x.leader_countries
                .insert("urn:e:office".into(), format!("urn:e:{country}"));
            x
        };
        assert!(rows(&[m("a", None, &["be"], &[]), body_of("be")]).is_empty());
        assert!(rows(&[body_of("be"), m("a", None, &["be"], &[])]).is_empty());
        let got = rows(&[m("a", None, &["be"], &[]), body_of("nl")]);
        assert_eq!(got.len(), 1, "{got:?}");
    }
}

//! Time windows: the network and its scores over consecutive periods, so that one
//! sees how an actor's centrality moved from year to year.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::Serialize;

use super::{
    centrality, project, CentralityParams, CollabNetwork, Metric, NetworkInput, NodeScores, ProjectionOptions,
};
use crate::model::PartialDate;

/// The unit of a [`WindowSpec`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WindowUnit {
    Day,
    Month,
    Year,
}

/// A window length: `1y`, `2y`, `6m`, `90d`, `2w` (= 14 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct WindowSpec {
    /// How many units (≥ 1).
    pub amount: u32,
    /// Days, months or years.
    pub unit: WindowUnit,
}

impl WindowSpec {
    /// A window of `amount` years.
    pub fn years(amount: u32) -> WindowSpec {
        WindowSpec {
            amount,
            unit: WindowUnit::Year,
        }
    }

    /// The first day after a window starting on `start`, or `None` past the calendar.
    pub fn advance(&self, start: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            WindowUnit::Day => start.checked_add_days(Days::new(u64::from(self.amount))),
            WindowUnit::Month => start.checked_add_months(Months::new(self.amount)),
            WindowUnit::Year => start.checked_add_months(Months::new(self.amount.checked_mul(12)?)),
        }
    }

    /// The natural start of the window containing `day`: 1 January for years, the
    /// first of the month for months, the day itself for days.
    pub fn align(&self, day: NaiveDate) -> NaiveDate {
        match self.unit {
            WindowUnit::Day => day,
            WindowUnit::Month => day.with_day(1).unwrap_or(day),
            WindowUnit::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }
}

impl fmt::Display for WindowSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = match self.unit {
            WindowUnit::Day => 'd',
            WindowUnit::Month => 'm',
            WindowUnit::Year => 'y',
        };
        write!(f, "{}{u}", self.amount)
    }
}

impl FromStr for WindowSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (num, unit) = t.split_at(split);
        let bad = || format!("bad window {s:?}: expected a count and a unit, like 1y, 6m, 90d or 2w");
        let amount: u32 = if num.is_empty() {
            1
        } else {
            num.parse().map_err(|_| bad())?
        };
        let (amount, unit) = match unit.trim() {
            "y" | "year" | "years" => (Some(amount), WindowUnit::Year),
            "m" | "month" | "months" => (Some(amount), WindowUnit::Month),
            "w" | "week" | "weeks" => (amount.checked_mul(7), WindowUnit::Day),
            "d" | "day" | "days" => (Some(amount), WindowUnit::Day),
            _ => return Err(bad()),
        };
        match amount {
            Some(amount) if amount > 0 => Ok(WindowSpec { amount, unit }),
            _ => Err(bad()),
        }
    }
}

/// The network of one window and its scores.
#[derive(Debug, Clone)]
pub struct WindowResult {
    /// First day of the window.
    pub start: NaiveDate,
    /// Last day of the window (inclusive).
    pub end: NaiveDate,
    /// `2019` for a calendar year, `2019-03` for a calendar month, else `start..end`.
    pub label: String,
    /// The network of the operations that started within the window.
    pub network: CollabNetwork,
    /// Its scores (node-index order).
    pub scores: Vec<NodeScores>,
}

impl WindowResult {
    /// The score of an actor in this window, `None` when it was not active.
    pub fn score(&self, iri: &str, metric: Metric) -> Option<f64> {
        self.scores.iter().find(|s| s.iri == iri).map(|s| metric.value(s))
    }
}

/// At most this many windows are computed (a guard against `1d` over a century).
pub const MAX_WINDOWS: usize = 5000;

/// [`windows_with`] using the default [`CentralityParams`].
pub fn windows(
    input: &NetworkInput,
    opts: &ProjectionOptions,
    window: WindowSpec,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<WindowResult> {
    windows_with(input, opts, window, from, to, &CentralityParams::default())
}

/// Cuts `[from, to]` into consecutive windows of length `window` and projects and
/// scores each (the `from`/`to` of `opts` are replaced by the window's). Without
/// `from`, windows start at the aligned start (see [`WindowSpec::align`]) of the
/// earliest dated operation; without `to`, they run until the latest one. Undated
/// operations belong to no window. Empty windows are kept (with an empty network),
/// so that the sequence has no holes.
pub fn windows_with(
    input: &NetworkInput,
    opts: &ProjectionOptions,
    window: WindowSpec,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    params: &CentralityParams,
) -> Vec<WindowResult> {
    let days: Vec<NaiveDate> = input
        .operations
        .iter()
        .filter_map(|o| o.start.as_ref().and_then(PartialDate::first_day))
        .collect();
    let Some(start) = from.or_else(|| days.iter().min().map(|d| window.align(*d))) else {
        return Vec::new();
    };
    let Some(end) = to.or_else(|| days.iter().max().copied()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut w_start = start;
    while w_start <= end && out.len() < MAX_WINDOWS {
        let next = window.advance(w_start);
        // the last window is cut at an explicit `to`, else it runs its full length
        let full_end = next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX);
        let w_end = to.map_or(full_end, |t| full_end.min(t));
        let wopts = ProjectionOptions {
            from: Some(w_start),
            to: Some(w_end),
            ..opts.clone()
        };
        let network = project(input, &wopts);
        let scores = centrality(&network, params);
        out.push(WindowResult {
            start: w_start,
            end: w_end,
            label: window_label(w_start, w_end, window),
            network,
            scores,
        });
        match next {
            Some(n) => w_start = n,
            None => break,
        }
    }
    out
}

fn window_label(start: NaiveDate, end: NaiveDate, spec: WindowSpec) -> String {
    let full = spec.advance(start).and_then(|d| d.pred_opt()) == Some(end);
    match spec {
        WindowSpec {
            amount: 1,
            unit: WindowUnit::Year,
        } if full && start.ordinal() == 1 => {
            format!("{}", start.year())
        }
        WindowSpec {
            amount: 1,
            unit: WindowUnit::Month,
        } if full && start.day() == 1 => {
            format!("{:04}-{:02}", start.year(), start.month())
        }
        _ => format!("{start}..{end}"),
    }
}

/// The trajectory of one actor's score across windows: `(label, value)`, `None` where
/// the actor was not active.
pub fn trajectory(results: &[WindowResult], iri: &str, metric: Metric) -> Vec<(String, Option<f64>)> {
    results
        .iter()
        .map(|w| (w.label.clone(), w.score(iri, metric)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_specs() {
        assert_eq!("1y".parse(), Ok(WindowSpec::years(1)));
        assert_eq!(
            "6m".parse(),
            Ok(WindowSpec {
                amount: 6,
                unit: WindowUnit::Month
            })
        );
        assert_eq!(
            "90d".parse(),
            Ok(WindowSpec {
                amount: 90,
                unit: WindowUnit::Day
            })
        );
        assert_eq!(
            "2w".parse(),
            Ok(WindowSpec {
                amount: 14,
                unit: WindowUnit::Day
            })
        );
        assert_eq!(" 2Y ".parse(), Ok(WindowSpec::years(2)));
        for bad in ["", "0y", "y2", "3x", "-1y", "1.5y"] {
            assert!(bad.parse::<WindowSpec>().is_err(), "{bad}");
        }
        assert_eq!(WindowSpec::years(2).to_string(), "2y");
    }

    #[test]
    fn yearly_windows_over_the_sample() {
        let input = crate::network::project::tests::sample();
        let ws = windows(&input, &ProjectionOptions::default(), WindowSpec::years(1), None, None);
        let labels: Vec<&str> = ws.iter().map(|w| w.label.as_str()).collect();
        assert_eq!(labels, ["2018", "2019"]);
        // 2018: op1 with EC3, FBI, Germany: a triangle
        assert_eq!(ws[0].network.node_count(), 3);
        assert_eq!(ws[0].network.edge_count(), 3);
        // 2019: op2 with Europol, EC3, FBI
        assert!(ws[1].network.node_index("ex:germany").is_none());
        assert_eq!(ws[1].score("ex:germany", Metric::Degree), None);
        assert_eq!(ws[1].score("ex:fbi", Metric::Degree), Some(2.0));
        let t = trajectory(&ws, "ex:germany", Metric::Degree);
        assert_eq!(t, vec![("2018".to_owned(), Some(2.0)), ("2019".to_owned(), None)]);
    }

    #[test]
    fn explicit_bounds_and_month_windows() {
        let input = crate::network::project::tests::sample();
        let from = NaiveDate::from_ymd_opt(2018, 3, 1);
        let to = NaiveDate::from_ymd_opt(2018, 8, 15);
        let spec: WindowSpec = "3m".parse().unwrap();
        let ws = windows(&input, &ProjectionOptions::default(), spec, from, to);
        assert_eq!(ws.len(), 2);
        assert_eq!(ws[0].label, "2018-03-01..2018-05-31");
        assert_eq!(ws[1].end, NaiveDate::from_ymd_opt(2018, 8, 15).unwrap());
        assert_eq!(ws[0].network.node_count(), 3);
        assert_eq!(ws[1].network.node_count(), 0);
        assert!(windows(
            &crate::network::NetworkInput::default(),
            &ProjectionOptions::default(),
            spec,
            None,
            None
        )
        .is_empty());
    }
}

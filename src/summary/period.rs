//! Periods: the weeks or months a summary is grouped by.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};

use super::By;
use super::report::Period;
use crate::time::first_of_month;

/// The first day of the period `d` falls in.
pub fn period_start(d: NaiveDate, by: By) -> NaiveDate {
    match by {
        By::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        By::Month => first_of_month(d),
    }
}

fn next_period(start: NaiveDate, by: By) -> NaiveDate {
    match by {
        By::Week => start + Duration::days(7),
        By::Month => start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX),
    }
}

/// The empty periods covering `since..=until`, the first and last cut to it.
pub fn periods(since: NaiveDate, until: NaiveDate, by: By) -> Vec<Period> {
    let mut periods = Vec::new();
    let mut start = period_start(since, by);
    while start <= until {
        let next = next_period(start, by);
        let (first, last) = (start.max(since), (next - Duration::days(1)).min(until));
        periods.push(Period {
            label: match by {
                By::Week => format!("w/c {}", start.format("%-d %b %Y")),
                By::Month => start.format("%b %Y").to_string(),
            },
            start: first,
            end: last,
            entries: 0,
            checkin_days: 0,
            met_target: None,
            motivation: None,
            behaviours: BTreeMap::new(),
            self_answered: 0,
            needs: BTreeMap::new(),
            actions_opened: 0,
            actions_done: 0,
            completion: None,
            readings_started: 0,
            readings_finished: 0,
        });
        start = next;
    }
    periods
}

/// Whether a period is a whole week (weekly targets count only those).
pub fn is_whole_week(p: &Period, by: By) -> bool {
    by == By::Week && (p.end - p.start).num_days() == 6
}

/// Which period a day falls in. Periods are in order, so it is a binary
/// search away (an all-time summary by week can have thousands).
pub struct Finder(Vec<(NaiveDate, NaiveDate)>);

impl Finder {
    pub fn of(periods: &[Period]) -> Finder {
        Finder(periods.iter().map(|p| (p.start, p.end)).collect())
    }

    pub fn find(&self, d: NaiveDate) -> Option<usize> {
        let i = self
            .0
            .partition_point(|(start, _)| *start <= d)
            .checked_sub(1)?;
        (d <= self.0[i].1).then_some(i)
    }
}

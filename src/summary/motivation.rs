//! Motivation: one number a day, and every average over days.
//!
//! A day's value is the mean of that day's ratings ([`day_value`]); every
//! average tend shows (the headline, what tend noticed, the period tables,
//! the calendar, JSON and exports) is the mean of day values
//! ([`average_of_days`]), so a day with two check-ins counts once, like any
//! other day. Lowest and highest are single ratings, as the leader gave them.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::report::{Motivation, Period, Stats};
use super::{Settings, day_of, round1};
use crate::journal::facts::Facts;

/// The value of one day: the mean of its ratings (None for a day without).
pub fn day_value(ratings: &[i64]) -> Option<f64> {
    (!ratings.is_empty()).then(|| ratings.iter().sum::<i64>() as f64 / ratings.len() as f64)
}

/// The average of day values (None when there are none), unrounded.
pub fn average_of_days(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Each day's ratings, by journal day.
fn ratings_by_day<'a>(
    facts: impl Iterator<Item = &'a &'a Facts>,
    s: &Settings,
) -> BTreeMap<NaiveDate, Vec<i64>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<i64>> = BTreeMap::new();
    for f in facts {
        if let Some(v) = f.measured.motivation {
            by_day.entry(day_of(f, s)).or_default().push(v);
        }
    }
    by_day
}

/// Each day's value over these facts (noticing and the calendar look past
/// the period, so they ask for the whole journal), unrounded.
pub fn daily(facts: &[&Facts], s: &Settings) -> BTreeMap<NaiveDate, f64> {
    ratings_by_day(facts.iter(), s)
        .into_iter()
        .filter_map(|(d, v)| day_value(&v).map(|x| (d, x)))
        .collect()
}

/// The figures of a set of days: the average of their values (to one
/// decimal), the lowest and highest single rating, and how many ratings and
/// days.
fn stats<'a>(days: impl Iterator<Item = &'a Vec<i64>>) -> Option<Stats> {
    let mut values = Vec::new();
    let (mut lowest, mut highest, mut count) = (i64::MAX, i64::MIN, 0);
    for ratings in days {
        let Some(v) = day_value(ratings) else {
            continue;
        };
        values.push(v);
        lowest = lowest.min(*ratings.iter().min().unwrap_or(&lowest));
        highest = highest.max(*ratings.iter().max().unwrap_or(&highest));
        count += ratings.len();
    }
    Some(Stats {
        average: round1(average_of_days(values.iter().copied())?),
        lowest,
        highest,
        count,
        days: values.len(),
    })
}

pub struct Tally {
    daily: BTreeMap<NaiveDate, Vec<i64>>,
    /// The period of each day with a rating.
    period_of: BTreeMap<NaiveDate, usize>,
}

impl Tally {
    pub fn new() -> Tally {
        Tally {
            daily: BTreeMap::new(),
            period_of: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, f: &Facts, day: NaiveDate, pi: usize) {
        if let Some(v) = f.measured.motivation {
            self.daily.entry(day).or_default().push(v);
            self.period_of.insert(day, pi);
        }
    }

    pub fn finish(self, periods: &mut [Period]) -> Motivation {
        let mut per_period: Vec<Vec<&Vec<i64>>> = vec![Vec::new(); periods.len()];
        for (d, ratings) in &self.daily {
            if let Some(pi) = self.period_of.get(d) {
                per_period[*pi].push(ratings);
            }
        }
        for (p, days) in periods.iter_mut().zip(per_period) {
            p.motivation = stats(days.into_iter());
        }
        Motivation {
            overall: stats(self.daily.values()),
            daily: self
                .daily
                .iter()
                .filter_map(|(d, v)| day_value(v).map(|x| (*d, round1(x))))
                .collect(),
        }
    }
}

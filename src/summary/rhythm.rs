//! Rhythm: the days with a check-in, per period and against a weekly target.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::report::{Period, Rhythm};
use super::{By, Settings, day_of, period, streak};
use crate::journal::facts::Facts;
use crate::model::Kind;

pub struct Tally {
    days: BTreeSet<NaiveDate>,
    per_period: Vec<BTreeSet<NaiveDate>>,
}

impl Tally {
    pub fn new(periods: usize) -> Tally {
        Tally {
            days: BTreeSet::new(),
            per_period: vec![BTreeSet::new(); periods],
        }
    }

    pub fn add(&mut self, f: &Facts, day: NaiveDate, pi: usize) {
        if f.kind == Some(Kind::Checkin) {
            self.days.insert(day);
            self.per_period[pi].insert(day);
        }
    }

    /// Fills each period's check-in days and whether it met the target. A
    /// streak runs back past the period's start, so it reads every fact.
    pub fn finish(
        self,
        periods: &mut [Period],
        by: By,
        s: &Settings,
        readable: &[&Facts],
        until: NaiveDate,
        today: NaiveDate,
    ) -> Rhythm {
        for (p, days) in periods.iter_mut().zip(&self.per_period) {
            p.checkin_days = days.len();
            let whole_week = period::is_whole_week(p, by);
            p.met_target = s
                .weekly_target
                .filter(|_| whole_week)
                .map(|t| p.checkin_days >= t as usize);
        }
        Rhythm {
            checkin_days: self.days.len(),
            last_checkin: self.days.last().copied(),
            rest_days: s.rest_days.iter().map(|d| d.to_string()).collect(),
            streak: s.streaks.then(|| {
                let all: BTreeSet<NaiveDate> = readable
                    .iter()
                    .filter(|f| f.kind == Some(Kind::Checkin))
                    .map(|f| day_of(f, s))
                    .filter(|d| *d <= until)
                    .collect();
                streak::streak(&all, s, until.min(today))
            }),
        }
    }
}

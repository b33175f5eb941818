//! Motivation: each day's ratings, per period and overall.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::report::{Motivation, Period};
use super::{round1, stats};
use crate::journal::facts::Facts;

pub struct Tally {
    all: Vec<i64>,
    daily: BTreeMap<NaiveDate, Vec<i64>>,
    per_period: Vec<Vec<i64>>,
}

impl Tally {
    pub fn new(periods: usize) -> Tally {
        Tally {
            all: Vec::new(),
            daily: BTreeMap::new(),
            per_period: vec![Vec::new(); periods],
        }
    }

    pub fn add(&mut self, f: &Facts, day: NaiveDate, pi: usize) {
        if let Some(v) = f.measured.motivation {
            self.all.push(v);
            self.daily.entry(day).or_default().push(v);
            self.per_period[pi].push(v);
        }
    }

    pub fn finish(self, periods: &mut [Period]) -> Motivation {
        for (p, values) in periods.iter_mut().zip(&self.per_period) {
            p.motivation = stats(values.iter().copied());
        }
        Motivation {
            overall: stats(self.all.into_iter()),
            daily: self
                .daily
                .into_iter()
                .map(|(d, v)| (d, round1(v.iter().sum::<i64>() as f64 / v.len() as f64)))
                .collect(),
        }
    }
}

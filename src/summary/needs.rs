//! Core needs: their average ratings in weekly check-ins, and what strained them.

use std::collections::BTreeMap;

use super::report::{Needs, Period};
use super::{round1, top};
use crate::journal::facts::Facts;

pub struct Tally {
    weekly_checkins: usize,
    all: BTreeMap<String, Vec<i64>>,
    per_period: Vec<BTreeMap<String, Vec<i64>>>,
    strain: BTreeMap<String, usize>,
}

fn averages(values: &BTreeMap<String, Vec<i64>>) -> BTreeMap<String, f64> {
    values
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                round1(v.iter().sum::<i64>() as f64 / v.len() as f64),
            )
        })
        .collect()
}

impl Tally {
    pub fn new(periods: usize) -> Tally {
        Tally {
            weekly_checkins: 0,
            all: BTreeMap::new(),
            per_period: vec![BTreeMap::new(); periods],
            strain: BTreeMap::new(),
        }
    }

    pub fn add(&mut self, f: &Facts, pi: usize) {
        let m = &f.measured;
        if !m.needs.is_empty() {
            self.weekly_checkins += 1;
        }
        for (need, v) in &m.needs {
            let name = need.as_str().to_string();
            self.all.entry(name.clone()).or_default().push(*v);
            self.per_period[pi].entry(name).or_default().push(*v);
        }
        for x in &m.strain {
            *self.strain.entry(x.clone()).or_default() += 1;
        }
    }

    pub fn finish(self, periods: &mut [Period]) -> Needs {
        for (p, values) in periods.iter_mut().zip(&self.per_period) {
            p.needs = averages(values);
        }
        Needs {
            weekly_checkins: self.weekly_checkins,
            averages: averages(&self.all),
            strain_factors: top(self.strain, 8, 1),
        }
    }
}

//! The four behaviours: how many check-ins reflected on each.

use std::collections::BTreeMap;

use super::report::{Behaviours, Period};
use crate::journal::facts::Facts;
use crate::model::{Behaviour, Kind, Measure};

pub struct Tally {
    counts: BTreeMap<String, usize>,
    per_period: Vec<BTreeMap<String, usize>>,
    checkins: usize,
}

impl Tally {
    pub fn new(periods: usize) -> Tally {
        Tally {
            counts: Behaviour::ALL
                .iter()
                .map(|b| (b.as_str().to_string(), 0))
                .collect(),
            per_period: vec![BTreeMap::new(); periods],
            checkins: 0,
        }
    }

    pub fn add(&mut self, f: &Facts, pi: usize) {
        if f.kind == Some(Kind::Checkin) {
            self.checkins += 1;
        }
        for b in Behaviour::ALL {
            if f.measured.answered(Measure::Behaviour(b)) {
                *self.counts.entry(b.as_str().to_string()).or_default() += 1;
                *self.per_period[pi]
                    .entry(b.as_str().to_string())
                    .or_default() += 1;
            }
        }
    }

    pub fn finish(self, periods: &mut [Period]) -> Behaviours {
        for (p, counts) in periods.iter_mut().zip(self.per_period) {
            p.behaviours = counts;
        }
        // Every behaviour tied for least, in the order they are asked.
        let fewest = self.counts.values().min().copied().unwrap_or(0);
        let least = if self.checkins == 0 {
            Vec::new()
        } else {
            Behaviour::ALL
                .iter()
                .map(|b| b.as_str())
                .filter(|b| self.counts.get(*b) == Some(&fewest))
                .map(str::to_string)
                .collect()
        };
        Behaviours {
            counts: self.counts,
            least,
            checkins: self.checkins,
        }
    }
}

//! Yourself: how often `self` was answered, of the times it was asked.

use super::report::{Counted, Period};
use crate::journal::facts::Facts;
use crate::model::Measure;

pub struct Tally {
    counted: Counted,
    per_period: Vec<usize>,
}

impl Tally {
    pub fn new(periods: usize) -> Tally {
        Tally {
            counted: Counted {
                answered: 0,
                asked: 0,
            },
            per_period: vec![0; periods],
        }
    }

    pub fn add(&mut self, f: &Facts, pi: usize) {
        if f.measured.answered(Measure::SelfCare) {
            self.counted.answered += 1;
            self.per_period[pi] += 1;
        }
        if f.measured.asked(Measure::SelfCare) {
            self.counted.asked += 1;
        }
    }

    pub fn finish(self, periods: &mut [Period]) -> Counted {
        for (p, n) in periods.iter_mut().zip(self.per_period) {
            p.self_answered = n;
        }
        self.counted
    }
}

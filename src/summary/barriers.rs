//! What got in the way: each barrier named, and how often.

use std::collections::BTreeMap;

use super::report::Count;
use super::top;
use crate::journal::facts::Facts;

#[derive(Default)]
pub struct Tally(BTreeMap<String, usize>);

impl Tally {
    pub fn add(&mut self, f: &Facts) {
        for x in &f.measured.barriers {
            *self.0.entry(x.clone()).or_default() += 1;
        }
    }

    pub fn finish(self) -> Vec<Count> {
        top(self.0, 10, 1)
    }
}

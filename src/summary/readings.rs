//! Readings: started and finished in the period, and those open now.

use super::report::{Period, Readings};
use crate::journal::facts::Facts;
use crate::journal::state::State;
use crate::model::Kind;

pub struct Tally {
    readings: Readings,
    per_period: Vec<(usize, usize)>,
}

impl Tally {
    pub fn new(periods: usize) -> Tally {
        Tally {
            readings: Readings {
                started: 0,
                finished: 0,
                open_count: 0,
                open: Vec::new(),
                finished_titles: Vec::new(),
                discussed_with: Vec::new(),
            },
            per_period: vec![(0, 0); periods],
        }
    }

    pub fn add(&mut self, f: &Facts, pi: usize) {
        let r = &mut self.readings;
        match f.kind {
            Some(Kind::Reading) => {
                r.started += 1;
                self.per_period[pi].0 += 1;
            }
            Some(Kind::ReadingAfter) => {
                r.finished += 1;
                self.per_period[pi].1 += 1;
                if let Some(t) = &f.title {
                    r.finished_titles.push(t.clone());
                }
                r.discussed_with
                    .extend(f.measured.discussed.iter().cloned());
            }
            Some(Kind::Checkin | Kind::Weekly | Kind::Note | Kind::Action | Kind::Followup)
            | None => {}
        }
    }

    pub fn finish(self, periods: &mut [Period], state: &State) -> Readings {
        for (p, (started, finished)) in periods.iter_mut().zip(&self.per_period) {
            p.readings_started = *started;
            p.readings_finished = *finished;
        }
        let mut r = self.readings;
        let mut open: Vec<_> = state.open_readings.values().collect();
        open.sort_by(|a, b| a.id.cmp(&b.id));
        r.open = open.iter().map(|x| x.title.clone()).collect();
        r.open_count = r.open.len();
        r
    }
}

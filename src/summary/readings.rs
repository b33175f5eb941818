//! Readings: started and finished in the period, and those open now.

use super::report::{Count, Period, Readings};
use crate::journal::facts::Facts;
use crate::journal::state::State;
use crate::model::Kind;

pub struct Tally {
    readings: Readings,
    per_period: Vec<(usize, usize)>,
    /// Every role typed, in order.
    discussed: Vec<String>,
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
            discussed: Vec::new(),
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
                self.discussed.extend(f.measured.discussed.iter().cloned());
            }
            Some(
                Kind::Checkin
                | Kind::Weekly
                | Kind::Note
                | Kind::Action
                | Kind::Followup
                | Kind::Feedback,
            )
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
        r.discussed_with = once_each(&self.discussed);
        r
    }
}

/// Each role once, ignoring case, named as most often typed (the first of
/// a tie), with how many times; most first, then in the order first typed.
fn once_each(roles: &[String]) -> Vec<Count> {
    // (key, spellings with their counts in first-typed order, total)
    type Group<'a> = (String, Vec<(&'a str, usize)>, usize);
    let mut groups: Vec<Group> = Vec::new();
    for role in roles {
        let key = role.trim().to_lowercase();
        if key.is_empty() {
            continue;
        }
        let i = match groups.iter().position(|g| g.0 == key) {
            Some(i) => i,
            None => {
                groups.push((key, Vec::new(), 0));
                groups.len() - 1
            }
        };
        let g = &mut groups[i];
        g.2 += 1;
        match g.1.iter_mut().find(|(s, _)| *s == role.trim()) {
            Some(s) => s.1 += 1,
            None => g.1.push((role.trim(), 1)),
        }
    }
    let mut out: Vec<Count> = groups
        .into_iter()
        .map(|(_, spellings, count)| {
            let most = spellings.iter().map(|s| s.1).max().unwrap_or(0);
            let name = spellings
                .iter()
                .find(|s| s.1 == most)
                .map_or("", |s| s.0)
                .to_string();
            Count { name, count }
        })
        .collect();
    // A stable sort keeps first-typed order among equals.
    out.sort_by_key(|c| std::cmp::Reverse(c.count));
    out
}

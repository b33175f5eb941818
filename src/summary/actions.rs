//! Actions: set and followed up in the period, and what is open now.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::ratio;
use super::report::{Actions, Overdue, Period};
use crate::journal::entry::FollowStatus;
use crate::journal::facts::Facts;
use crate::journal::state::State;

pub struct Tally<'a> {
    /// What became of every action, as of now: the fold over all follow-ups.
    last_status: BTreeMap<&'a str, FollowStatus>,
    actions: Actions,
    opened_done: usize,
    per_period: Vec<(usize, usize)>,
}

impl<'a> Tally<'a> {
    pub fn new(readable: &[&'a Facts], periods: usize) -> Tally<'a> {
        let mut last_status = BTreeMap::new();
        // Facts come in time order (the index sorts them), so the last
        // follow-up seen for an action is its latest.
        for f in readable {
            if let Some(fu) = &f.follow {
                last_status.insert(fu.action.as_str(), fu.status);
            }
        }
        Tally {
            last_status,
            actions: Actions {
                opened: 0,
                done: 0,
                partly: 0,
                still_going: 0,
                dropped: 0,
                open_now: 0,
                overdue: Vec::new(),
                completion: None,
            },
            opened_done: 0,
            per_period: vec![(0, 0); periods],
        }
    }

    pub fn add(&mut self, f: &Facts, pi: usize) {
        for a in &f.actions {
            self.actions.opened += 1;
            self.per_period[pi].0 += 1;
            if self.last_status.get(a.id.as_str()) == Some(&FollowStatus::Done) {
                self.opened_done += 1;
                self.per_period[pi].1 += 1;
            }
        }
        if let Some(fu) = &f.follow {
            match fu.status {
                FollowStatus::Done => self.actions.done += 1,
                FollowStatus::Partly => self.actions.partly += 1,
                FollowStatus::Going => self.actions.still_going += 1,
                FollowStatus::Dropped => self.actions.dropped += 1,
                FollowStatus::Snoozed | FollowStatus::Reopened => {}
            }
        }
    }

    /// Open actions come from the journal's derived state, which covers
    /// entries older than the facts loaded for this period.
    pub fn finish(self, periods: &mut [Period], state: &State, today: NaiveDate) -> Actions {
        for (p, (opened, done)) in periods.iter_mut().zip(&self.per_period) {
            p.actions_opened = *opened;
            p.actions_done = *done;
            p.completion = ratio(*done, *opened);
        }
        let mut a = self.actions;
        a.completion = ratio(self.opened_done, a.opened);
        a.open_now = state.open.len();
        // Past a day the leader set; undated ones never are.
        for open in state.open_in_order() {
            if let Some(due) = open.due
                && due < today
            {
                a.overdue.push(Overdue {
                    id: open.id.clone(),
                    text: open.text.clone(),
                    due,
                });
            }
        }
        a
    }
}

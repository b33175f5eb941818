//! The journal's current state, derived from its entries in id order and
//! never stored in them: open actions, readings, the last weekly check-in.
//! Entries are append-only events; this is the fold over them.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::entry::FollowStatus;
use super::facts::Facts;
use crate::model::Kind;

/// Finished readings kept in the state for `read --list`; older ones are
/// still in the index shards.
const RECENT_FINISHED: usize = 50;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    /// Open actions by id.
    pub open: BTreeMap<String, Action>,
    pub closed_count: usize,
    /// Readings not yet followed by an after-reading entry, by entry id.
    pub open_readings: BTreeMap<String, Reading>,
    /// The most recently finished readings, newest last.
    pub finished_readings: Vec<Reading>,
    pub last_weekly: Option<DateTime<FixedOffset>>,
    pub last_checkin: Option<DateTime<FixedOffset>>,
    pub first_created: Option<DateTime<FixedOffset>>,
    /// The earliest local time any entry was written at, each in its own
    /// offset: which journal day came first (an earlier instant can be a
    /// later local day).
    #[serde(default)]
    pub first_local: Option<NaiveDateTime>,
    pub entries: usize,
    pub unreadable: usize,
    /// The latest (created, id) applied so far: later ones can be applied on
    /// top; anything earlier needs a full derivation.
    pub last: Option<(DateTime<FixedOffset>, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub text: String,
    pub due: Option<NaiveDate>,
    pub created: DateTime<FixedOffset>,
    /// The latest follow-up, if any.
    pub status: Option<FollowStatus>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub snoozed_until: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub id: String,
    pub title: String,
    pub created: DateTime<FixedOffset>,
    pub finished: Option<DateTime<FixedOffset>>,
}

/// The order events happened in: their time, then their id.
pub fn order(f: &Facts) -> (DateTime<FixedOffset>, &str) {
    (f.created, f.id.as_str())
}

/// Applying a fact out of order, or one that needs history the state does not
/// keep (reopening a closed action), needs a full derivation instead.
#[derive(Debug)]
pub struct NeedsFull;

impl State {
    /// The state of a whole journal, from all its facts in any order.
    pub fn derive<'a>(facts: impl Iterator<Item = &'a Facts>) -> State {
        let mut all: Vec<&Facts> = facts.collect();
        all.sort_by(|a, b| order(a).cmp(&order(b)));
        let mut state = State::default();
        // Every action ever created, so a reopen can bring a closed one back.
        let mut ever: BTreeMap<&str, Action> = BTreeMap::new();
        for f in all {
            if let Some(follow) = &f.follow
                && follow.status == FollowStatus::Reopened
                && !state.open.contains_key(&follow.action)
                && let Some(a) = ever.get(follow.action.as_str())
            {
                state.open.insert(a.id.clone(), a.clone());
                state.closed_count = state.closed_count.saturating_sub(1);
            }
            // In id order nothing is refused but a duplicate id or a follow-up
            // of an action that no longer exists; both are left out.
            let _ = state.apply(f);
            for a in &f.actions {
                if let Some(open) = state.open.get(&a.id) {
                    ever.insert(&a.id, open.clone());
                }
            }
        }
        state
    }

    /// Applies one entry's facts on top of the state. Facts must come in
    /// (created, id) order; anything else is refused so the caller derives
    /// afresh.
    pub fn apply(&mut self, f: &Facts) -> Result<(), NeedsFull> {
        if f.problem.is_some() {
            self.unreadable += 1;
            return Ok(());
        }
        let key = (f.created, f.id.clone());
        if self.last.as_ref().is_some_and(|last| key <= *last) {
            return Err(NeedsFull);
        }
        self.last = Some(key);
        self.entries += 1;
        if self.first_created.is_none_or(|c| f.created < c) {
            self.first_created = Some(f.created);
        }
        let local = f.created.naive_local();
        if self.first_local.is_none_or(|c| local < c) {
            self.first_local = Some(local);
        }
        match f.kind {
            Some(Kind::Checkin) if self.last_checkin.is_none_or(|c| f.created > c) => {
                self.last_checkin = Some(f.created)
            }
            Some(Kind::Weekly) if self.last_weekly.is_none_or(|c| f.created > c) => {
                self.last_weekly = Some(f.created)
            }
            Some(Kind::Reading) => {
                self.open_readings.insert(
                    f.id.clone(),
                    Reading {
                        id: f.id.clone(),
                        title: f.title.clone().unwrap_or_default(),
                        created: f.created,
                        finished: None,
                    },
                );
            }
            Some(Kind::ReadingAfter) => {
                if let Some(r) = f
                    .reading
                    .as_ref()
                    .and_then(|r| self.open_readings.remove(r))
                {
                    self.finished_readings.push(Reading {
                        finished: Some(f.created),
                        ..r
                    });
                    if self.finished_readings.len() > RECENT_FINISHED {
                        self.finished_readings.remove(0);
                    }
                }
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
        for a in &f.actions {
            self.open.insert(
                a.id.clone(),
                Action {
                    id: a.id.clone(),
                    text: a.text.clone(),
                    due: a.due,
                    created: f.created,
                    status: None,
                    updated: None,
                    snoozed_until: None,
                },
            );
        }
        if let Some(follow) = &f.follow {
            match self.open.get_mut(&follow.action) {
                Some(_) if follow.status.closes() => {
                    self.open.remove(&follow.action);
                    self.closed_count += 1;
                }
                Some(a) => {
                    a.status = Some(follow.status);
                    a.updated = Some(f.created);
                    a.snoozed_until = match follow.status {
                        FollowStatus::Snoozed => follow.until,
                        FollowStatus::Done
                        | FollowStatus::Partly
                        | FollowStatus::Going
                        | FollowStatus::Dropped
                        | FollowStatus::Reopened => None,
                    };
                }
                // Reopening (or following up) an action that is closed: the
                // state no longer holds it.
                None if follow.status == FollowStatus::Reopened => return Err(NeedsFull),
                None => {}
            }
        }
        Ok(())
    }

    /// The journal day of the first entry.
    pub fn first_day(&self, day_starts: NaiveTime) -> Option<NaiveDate> {
        self.first_local
            .map(|l| crate::time::journal_day_of_local(l, day_starts))
    }

    /// Open actions in the order a check-in asks about them: due first
    /// (soonest), then those without a date, oldest first.
    pub fn open_in_order(&self) -> Vec<&Action> {
        let mut v: Vec<&Action> = self.open.values().collect();
        v.sort_by(|a, b| {
            (a.due.is_none(), a.due, a.created, &a.id).cmp(&(
                b.due.is_none(),
                b.due,
                b.created,
                &b.id,
            ))
        });
        v
    }
}

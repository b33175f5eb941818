//! The shape of a summary: one serialisable value, the same for a person
//! (table), a document (Markdown) and a script (JSON). Field order is the
//! JSON's order.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::{By, notice};

#[derive(Debug, Serialize)]
pub struct Summary {
    pub schema: &'static str,
    pub version: u32,
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// Whether `since` is the day of the journal's first entry (a period
    /// asked for from earlier starts there).
    pub from_first_entry: bool,
    /// The day open actions and readings, and days past due, are judged at:
    /// the period's end, or today if earlier.
    pub judged_at: NaiveDate,
    /// Whether that day is today (open actions are then open "now").
    #[serde(skip)]
    pub judged_today: bool,
    pub by: By,
    pub headline: Headline,
    pub noticed: Vec<notice::Notice>,
    /// Where there was too little to go on, said plainly.
    pub not_enough_data: Vec<super::notice::Sparse>,
    pub periods: Vec<Period>,
    pub rhythm: Rhythm,
    pub motivation: Motivation,
    pub behaviours: Behaviours,
    pub self_care: Counted,
    pub needs: Needs,
    pub barriers: Vec<Count>,
    pub actions: Actions,
    pub readings: Readings,
    pub themes: Vec<Count>,
    pub tags: Vec<Count>,
    pub unreadable: Unreadable,
}

#[derive(Debug, Serialize)]
pub struct Headline {
    pub checkin_days: usize,
    pub days: usize,
    pub weekly_target: Option<u8>,
    /// Whole weeks in the period, and how many met the target.
    pub weeks: usize,
    pub weeks_meeting_target: Option<usize>,
    pub motivation_average: Option<f64>,
    /// "up", "down", "steady", or null when there is too little to tell.
    pub motivation_direction: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Period {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub entries: usize,
    pub checkin_days: usize,
    pub met_target: Option<bool>,
    pub motivation: Option<Stats>,
    pub behaviours: BTreeMap<String, usize>,
    pub self_answered: usize,
    pub needs: BTreeMap<String, f64>,
    pub actions_opened: usize,
    pub actions_done: usize,
    /// Of the actions opened in this period, the share done by now.
    pub completion: Option<f64>,
    pub readings_started: usize,
    pub readings_finished: usize,
}

/// Motivation over some days.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Stats {
    /// The mean of the days' values, each day the mean of its ratings.
    pub average: f64,
    /// The lowest and highest single rating.
    pub lowest: i64,
    pub highest: i64,
    /// How many ratings, and on how many days.
    pub count: usize,
    pub days: usize,
}

#[derive(Debug, Serialize)]
pub struct Rhythm {
    pub checkin_days: usize,
    /// The last day in the period with a check-in.
    pub last_checkin: Option<NaiveDate>,
    pub rest_days: Vec<String>,
    /// Only when streaks are switched on in the config.
    pub streak: Option<Streak>,
}

#[derive(Debug, Serialize)]
pub struct Streak {
    /// "days" (rest days never break one) or "weeks" (weeks that met the target).
    pub unit: &'static str,
    pub current: usize,
    pub longest: usize,
}

#[derive(Debug, Serialize)]
pub struct Motivation {
    pub overall: Option<Stats>,
    /// One value a day (the day's average), oldest first.
    pub daily: Vec<(NaiveDate, f64)>,
}

#[derive(Debug, Serialize)]
pub struct Behaviours {
    pub counts: BTreeMap<String, usize>,
    /// Of the four, those reflected on least (all of them when tied, in the
    /// order they are asked; empty without check-ins).
    pub least: Vec<String>,
    pub checkins: usize,
}

#[derive(Debug, Serialize)]
pub struct Counted {
    pub answered: usize,
    pub asked: usize,
}

#[derive(Debug, Serialize)]
pub struct Needs {
    pub weekly_checkins: usize,
    pub averages: BTreeMap<String, f64>,
    pub strain_factors: Vec<Count>,
}

#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Actions {
    pub opened: usize,
    pub done: usize,
    pub partly: usize,
    pub still_going: usize,
    pub dropped: usize,
    pub open_now: usize,
    /// Open actions past the day the leader set; undated ones never are.
    pub overdue: Vec<Overdue>,
    pub completion: Option<f64>,
}

#[derive(Debug, Serialize, Clone)]
pub struct Overdue {
    pub id: String,
    pub text: String,
    pub due: NaiveDate,
}

#[derive(Debug, Serialize)]
pub struct Readings {
    pub started: usize,
    pub finished: usize,
    /// How many are open now (their titles are in `open`, above `summary`).
    pub open_count: usize,
    pub open: Vec<String>,
    pub finished_titles: Vec<String>,
    /// Who readings were talked over with: each role once (whatever its
    /// case), as most often typed, with how many times.
    pub discussed_with: Vec<Count>,
}

#[derive(Debug, Serialize)]
pub struct Unreadable {
    pub count: usize,
    pub files: Vec<String>,
}

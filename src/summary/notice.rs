//! What tend noticed: a few plain, rule-based observations, each with the
//! numbers behind it. Observations, never diagnoses or advice; and where the
//! data is too thin for a rule, it says so rather than guess.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::motivation::average_of_days;
use super::render::plural;
use super::{Overdue, Settings, day_of, round1};
use crate::journal::facts::Facts;
use crate::model::Kind;
use crate::model::{Behaviour, Measure, Need, Part};

/// The fewest values a window needs before tend speaks of a trend.
const ENOUGH: usize = 4;
/// A change in average motivation this large (on 1-10) counts as sustained.
const MOTIVATION_CHANGE: f64 = 1.0;

/// The noticing rules; each speaks about one part of the summary.
#[derive(Debug, Serialize, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    MotivationChange,
    BehaviourQuiet,
    ActionsPastDue,
    NeedFalling,
}

impl Rule {
    /// The part a notice speaks about: left out with that part.
    pub fn part(self) -> Part {
        match self {
            Rule::MotivationChange => Part::Motivation,
            Rule::BehaviourQuiet => Part::Behaviours,
            Rule::ActionsPastDue => Part::Actions,
            Rule::NeedFalling => Part::Needs,
        }
    }
}

/// A line saying the data is too thin for a rule, and which part it is
/// about. In JSON it is just the line.
#[derive(Debug, Serialize, Clone, PartialEq)]
#[serde(into = "String")]
pub struct Sparse {
    pub part: Part,
    pub text: String,
}

impl From<Sparse> for String {
    fn from(s: Sparse) -> String {
        s.text
    }
}

#[derive(Debug, Serialize, Clone, PartialEq)]
pub struct Notice {
    pub rule: Rule,
    pub text: String,
    pub numbers: BTreeMap<String, Number>,
    /// For a quiet behaviour, the last day it was reflected on (none if it
    /// never was), so a coach's review can say "quiet since".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<NaiveDate>,
    /// The behaviour or need a notice is about, by its name on disk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<&'static str>,
}

/// A number behind a notice: a count or a rating is whole (JSON `3`, never
/// `3.0`); an average is a number with one decimal.
#[derive(Debug, Serialize, Clone, Copy, PartialEq)]
#[serde(untagged)]
pub enum Number {
    Whole(i64),
    Average(f64),
}

impl From<usize> for Number {
    fn from(n: usize) -> Self {
        Number::Whole(n as i64)
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number::Whole(n)
    }
}

impl From<f64> for Number {
    fn from(x: f64) -> Self {
        Number::Average(round1(x))
    }
}

fn nums(pairs: &[(&str, Number)]) -> BTreeMap<String, Number> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Runs every rule as of `as_of` (the period's end, or today if earlier),
/// for the period from `since`. Returns the notices, the "not enough data"
/// lines, and motivation's direction ("up", "down", "steady") when known.
pub fn notice(
    facts: &[&Facts],
    daily: &BTreeMap<NaiveDate, f64>,
    since: NaiveDate,
    as_of: NaiveDate,
    s: &Settings,
    overdue: &[Overdue],
) -> (Vec<Notice>, Vec<Sparse>, Option<String>) {
    let mut out = Vec::new();
    let mut sparse = Vec::new();

    // 1. Motivation: the last two weeks against the four before.
    let recent: Vec<f64> = daily
        .range(as_of - Duration::days(13)..=as_of)
        .map(|(_, v)| *v)
        .collect();
    let before: Vec<f64> = daily
        .range(as_of - Duration::days(41)..=as_of - Duration::days(14))
        .map(|(_, v)| *v)
        .collect();
    let direction = if recent.len() >= ENOUGH && before.len() >= ENOUGH {
        // Rounded as the headline rounds its average, so the two agree.
        let r = round1(average_of_days(recent.iter().copied()).unwrap_or(0.0));
        let b = round1(average_of_days(before.iter().copied()).unwrap_or(0.0));
        let diff = r - b;
        if diff.abs() >= MOTIVATION_CHANGE {
            out.push(Notice {
                rule: Rule::MotivationChange,
                text: format!(
                    "Motivation averaged {:.1} over the last two weeks, {} from {:.1} in the four weeks before ({} and {} days with a rating).",
                    r,
                    if diff > 0.0 { "up" } else { "down" },
                    b,
                    recent.len(),
                    before.len()
                ),
                numbers: nums(&[
                    ("recent_average", r.into()),
                    ("before_average", b.into()),
                    ("recent_days", recent.len().into()),
                    ("before_days", before.len().into()),
                ]),
                last: None,
                about: None,
            });
            Some(if diff > 0.0 { "up" } else { "down" }.to_string())
        } else {
            Some("steady".to_string())
        }
    } else {
        sparse.push(Sparse {
            part: Part::Motivation,
            text: format!(
            "Not enough motivation ratings yet to see a direction: {} in the last two weeks and {} in the four weeks before (tend looks for at least {ENOUGH} in each).",
            recent.len(),
            before.len()
        ),
        });
        None
    };

    // 2. A behaviour not reflected on for three weeks, while checking in:
    // said with how long it has really been, and how many check-ins since.
    let window_start = as_of - Duration::days(20);
    let checkin_days: Vec<NaiveDate> = facts
        .iter()
        .filter(|f| f.kind == Some(Kind::Checkin))
        .map(|f| day_of(f, s))
        .filter(|d| *d <= as_of)
        .collect();
    let checkins_after = |from: NaiveDate| checkin_days.iter().filter(|d| **d > from).count();
    let checkins_in_window = checkins_after(window_start - Duration::days(1));
    if checkins_in_window >= 3 {
        for b in Behaviour::ALL {
            let last = facts
                .iter()
                .filter(|f| f.measured.answered(Measure::Behaviour(b)))
                .map(|f| day_of(f, s))
                .filter(|d| *d <= as_of)
                .max();
            if last.is_some_and(|d| d >= window_start) {
                continue;
            }
            let name = format!("{}{}", b.as_str()[..1].to_uppercase(), &b.as_str()[1..]);
            out.push(match last {
                Some(d) => {
                    let (days, checkins) = ((as_of - d).num_days(), checkins_after(d));
                    Notice {
                        rule: Rule::BehaviourQuiet,
                        text: format!(
                            "“{name}” hasn't come up since {} ({days} days, {}).",
                            short_date(d, as_of),
                            plural(checkins, "check-in", "check-ins")
                        ),
                        numbers: nums(&[("days", days.into()), ("checkins", checkins.into())]),
                        last: Some(d),
                        about: Some(b.as_str()),
                    }
                }
                None => {
                    let checkins = checkins_after(since - Duration::days(1));
                    Notice {
                        rule: Rule::BehaviourQuiet,
                        text: format!(
                            "“{name}” hasn't come up, not once in this period ({}).",
                            plural(checkins, "check-in", "check-ins")
                        ),
                        numbers: nums(&[("checkins", checkins.into())]),
                        last: None,
                        about: Some(b.as_str()),
                    }
                }
            });
        }
    } else if !facts.is_empty() {
        sparse.push(Sparse {
            part: Part::Behaviours,
            text: format!(
            "Fewer than 3 check-ins in the last three weeks ({checkins_in_window}), so tend doesn't look for quiet behaviours."
        ),
        });
    }

    // 3. Actions past a day the leader set (undated ones never are).
    if !overdue.is_empty() {
        let shown: Vec<String> = overdue
            .iter()
            .take(3)
            .map(|o| format!("“{}” (for {})", o.text, o.due.format("%-d %b")))
            .collect();
        out.push(Notice {
            rule: Rule::ActionsPastDue,
            text: format!(
                "{} past the day you set: {}{}.",
                if overdue.len() == 1 {
                    "1 action is".to_string()
                } else {
                    format!("{} actions are", overdue.len())
                },
                shown.join(", "),
                if overdue.len() > 3 { ", …" } else { "" }
            ),
            numbers: nums(&[("count", overdue.len().into())]),
            last: None,
            about: None,
        });
    }

    // 4. A core need falling over the last month of weekly check-ins.
    let month_ago = as_of - Duration::days(30);
    let mut weekly: Vec<&&Facts> = facts
        .iter()
        .filter(|f| !f.measured.needs.is_empty())
        .filter(|f| (month_ago..=as_of).contains(&day_of(f, s)))
        .collect();
    weekly.sort_by_key(|f| f.created);
    if weekly.len() >= 3 {
        for need in Need::ALL {
            let values: Vec<i64> = weekly
                .iter()
                .filter_map(|f| {
                    f.measured
                        .needs
                        .iter()
                        .find(|(n, _)| *n == need)
                        .map(|(_, v)| *v)
                })
                .collect();
            if values.len() >= 3 && values[values.len() - 1] < values[0] {
                let (first, last) = (values[0], values[values.len() - 1]);
                out.push(Notice {
                    rule: Rule::NeedFalling,
                    text: format!(
                        "{}{} went from {first} to {last} across your last {} weekly check-ins.",
                        need.as_str()[..1].to_uppercase(),
                        &need.as_str()[1..],
                        values.len()
                    ),
                    numbers: nums(&[
                        ("from", first.into()),
                        ("to", last.into()),
                        ("weekly_checkins", values.len().into()),
                    ]),
                    last: None,
                    about: Some(need.as_str()),
                });
            }
        }
    } else if facts.iter().any(|f| !f.measured.needs.is_empty()) {
        sparse.push(Sparse {
            part: Part::Needs,
            text: format!(
            "{} weekly check-in{} in the last month, so no trend in core needs yet (tend looks for 3).",
            weekly.len(),
            if weekly.len() == 1 { "" } else { "s" }
        ),
        });
    }
    (out, sparse, direction)
}

/// "30 Oct", with the year when it is not the year of `as_of`.
fn short_date(d: NaiveDate, as_of: NaiveDate) -> String {
    if d.year() == as_of.year() {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

//! One leader in depth: what tend noticed and the openers it suggests, each
//! behaviour in the last four weeks against the weeks before, core needs
//! over time, actions, and the words the leader chose to share, with dates.

use chrono::{Duration, NaiveDate};
use serde_json::Value;

use super::read::{Answer, Loose};
use super::triage::Cell;
use super::{Leader, openers};
use crate::model::{Behaviour, Need, Part};

/// A behaviour's reflections in the last four weeks and in the weeks before.
#[derive(Debug, Clone, PartialEq)]
pub struct BehaviourSpan {
    pub behaviour: Behaviour,
    pub recent: u64,
    pub before: u64,
}

/// Behaviours over two spans of the period, with their lengths in days.
#[derive(Debug, Clone, PartialEq)]
pub struct Behaviours {
    pub recent_days: i64,
    pub before_days: i64,
    pub each: Vec<BehaviourSpan>,
}

/// A core need's average per period (a gap where there was none).
#[derive(Debug, Clone, PartialEq)]
pub struct NeedOverTime {
    pub need: Need,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Actions {
    pub opened: u64,
    pub done: u64,
    pub partly: u64,
    pub dropped: u64,
    pub open_now: u64,
    /// Actions past their day, with the leader's words when shared.
    pub past_their_day: Vec<(Option<String>, NaiveDate)>,
}

/// Something the leader wrote and chose to share.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub date: NaiveDate,
    pub kind: String,
    pub title: Option<String>,
    pub question: String,
    pub text: String,
}

impl Words {
    /// The words of one exported answer: a text or an action the leader
    /// shared, with something written and a date; none otherwise.
    pub(super) fn of(x: &Answer) -> Option<Words> {
        if x.shared == Loose::False || !matches!(x.kind_of_answer.as_str(), Some("text" | "action"))
        {
            return None;
        }
        Some(Words {
            date: x.date.as_str()?.parse().ok()?,
            // As a person reads it ("check-in"); a kind from a newer tend as written.
            kind: x
                .kind
                .as_str()
                .map(|k| {
                    <crate::model::Kind as clap::ValueEnum>::from_str(k, false)
                        .map_or(k.to_string(), |kind| kind.label().to_string())
                })
                .unwrap_or_default(),
            title: x.title.as_str().map(String::from),
            question: x.question.as_str().unwrap_or("").to_string(),
            text: x.value.as_str().filter(|t| !t.trim().is_empty())?.into(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct Depth {
    pub label: String,
    pub level: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// What each period is: "week" or "month".
    pub by: String,
    /// When the export was made, with which tend, and how it averaged
    /// motivation, said under the title.
    pub made: String,
    pub noticed: Cell<Vec<String>>,
    pub openers: Vec<String>,
    pub behaviours: Cell<Behaviours>,
    /// The periods' labels ("w/c 5 Oct 2026"), oldest first.
    pub periods: Vec<String>,
    pub needs: Cell<Vec<NeedOverTime>>,
    pub actions: Cell<Actions>,
    /// The leader's own words, oldest first; not shared at the `summary`
    /// level.
    pub words: Cell<Vec<Words>>,
}

fn u(v: &Value) -> u64 {
    v.as_u64().unwrap_or(0)
}

fn date(v: &Value) -> Option<NaiveDate> {
    v.as_str()?.parse().ok()
}

impl Depth {
    pub fn of(l: &Leader) -> Depth {
        let v = &l.json;
        let periods: Vec<&Value> = v["periods"]
            .as_array()
            .map_or(vec![], |a| a.iter().collect());
        let noticed = Cell::of(
            l.shares(Part::Noticed),
            Some(l.noticed.clone()).filter(|n| !n.is_empty()),
        );
        // The last four weeks of the period, against what came before.
        let cut = l.until - Duration::days(27);
        let behaviours = {
            let mut each: Vec<BehaviourSpan> = Behaviour::ALL
                .into_iter()
                .map(|b| BehaviourSpan {
                    behaviour: b,
                    recent: 0,
                    before: 0,
                })
                .collect();
            let (mut recent_days, mut before_days) = (0, 0);
            for p in &periods {
                let (Some(start), Some(end)) = (date(&p["start"]), date(&p["end"])) else {
                    continue;
                };
                let recent = start >= cut;
                let len = (end - start).num_days() + 1;
                if recent {
                    recent_days += len;
                } else {
                    before_days += len;
                }
                for e in &mut each {
                    let n = u(&p["behaviours"][e.behaviour.as_str()]);
                    if recent {
                        e.recent += n;
                    } else {
                        e.before += n;
                    }
                }
            }
            Some(Behaviours {
                recent_days,
                before_days,
                each,
            })
            .filter(|b| b.recent_days + b.before_days > 0)
        };
        let needs = Some(
            Need::ALL
                .into_iter()
                .map(|n| NeedOverTime {
                    need: n,
                    values: periods
                        .iter()
                        .map(|p| p["needs"][n.as_str()].as_f64())
                        .collect(),
                })
                .collect::<Vec<_>>(),
        )
        .filter(|ns| ns.iter().any(|n| n.values.iter().any(Option::is_some)));
        let a = &v["actions"];
        let actions = a.is_object().then(|| Actions {
            opened: u(&a["opened"]),
            done: u(&a["done"]),
            partly: u(&a["partly"]),
            dropped: u(&a["dropped"]),
            open_now: u(&a["open_now"]),
            past_their_day: a["overdue"].as_array().map_or(vec![], |o| {
                o.iter()
                    .filter_map(|x| {
                        let text = x["text"].as_str().filter(|t| !t.is_empty());
                        Some((text.map(String::from), date(&x["due"])?))
                    })
                    .collect()
            }),
        });
        Depth {
            label: l.label.clone(),
            level: l.level.clone(),
            since: l.since,
            until: l.until,
            by: l.by.clone(),
            made: made(l),
            noticed,
            openers: openers::openers(l),
            behaviours: Cell::of(l.shares(Part::Behaviours), behaviours),
            periods: periods
                .iter()
                .map(|p| p["label"].as_str().unwrap_or("").to_string())
                .collect(),
            needs: Cell::of(l.shares(Part::Needs), needs),
            actions: Cell::of(l.shares(Part::Actions), actions),
            words: Cell::of(
                l.shares(Part::Answers),
                Some(l.words.clone()).filter(|w| !w.is_empty()),
            ),
        }
    }
}

/// "Made on 26 Nov 2026 with tend 0.1.0", as far as the export says.
fn made(l: &Leader) -> String {
    let mut m = match l.made {
        Some(t) => format!("Made on {}", t.format("%-d %b %Y")),
        None => "Made on a day it does not say".into(),
    };
    if let Some(v) = &l.tend_version {
        m += &format!(" with tend {v}");
    }
    m += ".";
    // Version 1 averaged motivation over ratings, not days.
    if l.version == 1 {
        m += " An older export: its motivation averages are per rating, not per day.";
    }
    m
}

//! The coach's side: several leaders' exports read, checked, and turned
//! into what a coach needs: who might want a conversation and about what
//! (triage), one leader in depth, and open questions to begin with. Each
//! leader is only ever compared with their own earlier weeks; nothing here
//! ranks one leader against another.
//!
//! The data (rows, flags, openers, depth) is kept apart from how it is
//! drawn (`text` for a terminal and Markdown, `page` for HTML), so every
//! format draws the same data.

pub mod depth;
pub mod openers;
pub mod page;
pub mod read;
pub mod text;
pub mod triage;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use serde_json::Value;

use crate::model::{Behaviour, Need, Part};
use crate::summary::notice::Rule;
pub use read::{Received, read};

/// Something tend noticed, as a flag a coach can scan: what changed, with
/// the leader's own numbers. Only ever raised from a part the leader shared.
#[derive(Debug, Clone, PartialEq)]
pub enum Flag {
    /// Average motivation over the last two weeks against the four before.
    Motivation { before: f64, recent: f64 },
    /// A behaviour not reflected on for three weeks or more; `last` is the
    /// last day it was (none: not once in the period, or an older export).
    Quiet {
        behaviour: Behaviour,
        last: Option<NaiveDate>,
    },
    /// A core need lower at the end of the last month's weekly check-ins.
    Falling { need: Need, from: f64, to: f64 },
    /// Actions past the day the leader set for them.
    PastTheirDay { count: u64 },
}

impl Flag {
    /// The part of an export the flag speaks about.
    pub fn part(&self) -> Part {
        match self {
            Flag::Motivation { .. } => Part::Motivation,
            Flag::Quiet { .. } => Part::Behaviours,
            Flag::Falling { .. } => Part::Needs,
            Flag::PastTheirDay { .. } => Part::Actions,
        }
    }

    /// A few words for the triage row, with days drawn by `day`.
    pub fn short(&self, day: impl Fn(&NaiveDate) -> String) -> String {
        match self {
            Flag::Motivation { before, recent } if recent < before => "motivation falling".into(),
            Flag::Motivation { .. } => "motivation rising".into(),
            Flag::Quiet {
                behaviour,
                last: Some(d),
            } => format!("{} quiet since {}", behaviour.as_str(), day(d)),
            Flag::Quiet { behaviour, .. } => format!("{} quiet all period", behaviour.as_str()),
            Flag::Falling { need, .. } => format!("{} falling", need.as_str()),
            Flag::PastTheirDay { count } => format!("{count} past their day"),
        }
    }

    /// The flag a noticed line of an export stands for, if any.
    fn of(notice: &Value) -> Option<Flag> {
        let n = |k: &str| notice["numbers"][k].as_f64();
        // Exports before `about` name the behaviour or need only in the text.
        let about = |names: &[&'static str]| -> Option<&'static str> {
            if let Some(a) = notice["about"].as_str() {
                return names.iter().copied().find(|n| *n == a);
            }
            let text = notice["text"].as_str()?.to_lowercase();
            names.iter().copied().find(|n| text.contains(n))
        };
        // A rule this tend doesn't know (from a newer tend) raises no flag.
        let rule: Rule = serde_json::from_value(notice["rule"].clone()).ok()?;
        match rule {
            Rule::MotivationChange => Some(Flag::Motivation {
                before: n("before_average")?,
                recent: n("recent_average")?,
            }),
            Rule::BehaviourQuiet => {
                let name = about(&Behaviour::ALL.map(Behaviour::as_str))?;
                Some(Flag::Quiet {
                    behaviour: Behaviour::ALL.into_iter().find(|b| b.as_str() == name)?,
                    last: notice["last"].as_str().and_then(|s| s.parse().ok()),
                })
            }
            Rule::NeedFalling => {
                let name = about(&Need::ALL.map(Need::as_str))?;
                Some(Flag::Falling {
                    need: Need::ALL.into_iter().find(|x| x.as_str() == name)?,
                    from: n("from")?,
                    to: n("to")?,
                })
            }
            Rule::ActionsPastDue => Some(Flag::PastTheirDay {
                count: n("count")? as u64,
            }),
        }
    }
}

/// Motivation as the triage shows it: the last two weeks' average, and the
/// four weeks before when there were enough ratings to say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Motivation {
    pub recent: f64,
    pub before: Option<f64>,
}

/// The fewest days with a rating in a window before tend gives its average
/// as "was" (the noticing rule's own threshold).
const ENOUGH: usize = 4;

/// One leader's export, as the coach's views read it.
#[derive(Debug, Clone)]
pub struct Leader {
    pub path: PathBuf,
    pub version: u64,
    pub label: String,
    pub level: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub by: String,
    pub made: Option<DateTime<FixedOffset>>,
    pub tend_version: Option<String>,
    /// The parts the export holds.
    pub parts: Vec<String>,
    pub last_checkin: Option<NaiveDate>,
    /// Days with a check-in, of the days in the period.
    pub checkin_days: Option<(u64, u64)>,
    pub motivation: Option<Motivation>,
    /// Average motivation per period (week or month), a gap where none.
    pub trend: Vec<Option<f64>>,
    pub flags: Vec<Flag>,
    /// What tend noticed, in its words.
    pub noticed: Vec<String>,
    pub readings_finished: Option<u64>,
    pub json: Value,
    /// The words the leader shared (see [`Received::words`]).
    pub words: Vec<depth::Words>,
}

impl Leader {
    pub fn from(r: Received) -> Leader {
        let v = &r.json;
        let s = |x: &Value| x.as_str().map(str::to_string);
        let parts: Vec<String> = match v["export"]["includes"].as_array() {
            Some(a) => a
                .iter()
                .filter_map(|p| p.as_str().map(String::from))
                .collect(),
            None => Part::ALL
                .into_iter()
                .filter(|p| !v[p.as_str()].is_null())
                .map(|p| p.as_str().to_string())
                .collect(),
        };
        let has = |p: Part| parts.iter().any(|x| x == p.as_str());
        let label = s(&v["export"]["label"])
            .filter(|l| !l.trim().is_empty())
            .unwrap_or_else(|| {
                r.path
                    .file_stem()
                    .map_or("a leader".into(), |f| f.to_string_lossy().into_owned())
            });
        let notices: Vec<&Value> = v["noticed"]
            .as_array()
            .map_or(vec![], |a| a.iter().collect());
        let flags: Vec<Flag> = if has(Part::Noticed) {
            notices
                .iter()
                .filter_map(|n| Flag::of(n))
                // A part withheld never raises a flag.
                .filter(|f| has(f.part()))
                .collect()
        } else {
            Vec::new()
        };
        let motivation = has(Part::Motivation)
            .then(|| motivation(v, r.until, &flags))
            .flatten();
        let checkin_days = has(Part::Rhythm)
            .then(|| {
                let h = &v["headline"];
                Some((h["checkin_days"].as_u64()?, h["days"].as_u64()?))
            })
            .flatten();
        let trend = if has(Part::Motivation) {
            v["periods"].as_array().map_or(vec![], |ps| {
                ps.iter()
                    .map(|p| p["motivation"]["average"].as_f64())
                    .collect()
            })
        } else {
            Vec::new()
        };
        Leader {
            version: r.version,
            level: s(&v["export"]["level"]).unwrap_or_default(),
            since: r.since,
            until: r.until,
            by: s(&v["by"]).unwrap_or_else(|| "week".into()),
            made: s(&v["export"]["generated"]).and_then(|g| DateTime::parse_from_rfc3339(&g).ok()),
            tend_version: s(&v["export"]["tend_version"]),
            last_checkin: s(&v["rhythm"]["last_checkin"]).and_then(|d| d.parse().ok()),
            checkin_days,
            motivation,
            trend,
            noticed: if has(Part::Noticed) {
                notices.iter().filter_map(|n| s(&n["text"])).collect()
            } else {
                Vec::new()
            },
            readings_finished: v["readings"]["finished"].as_u64(),
            flags,
            label,
            parts,
            path: r.path,
            json: r.json,
            words: r.words,
        }
    }

    /// Whether the leader shared this part.
    pub fn shares(&self, part: Part) -> bool {
        self.parts.iter().any(|p| p == part.as_str())
    }
}

/// The last two weeks' average motivation against the four before, as of
/// the export's last day: the noticed numbers when tend noticed a change
/// (so the row and the flag agree), else from the daily averages.
fn motivation(v: &Value, until: NaiveDate, flags: &[Flag]) -> Option<Motivation> {
    if let Some(Flag::Motivation { before, recent }) =
        flags.iter().find(|f| matches!(f, Flag::Motivation { .. }))
    {
        return Some(Motivation {
            recent: *recent,
            before: Some(*before),
        });
    }
    let daily: BTreeMap<NaiveDate, f64> = v["motivation"]["daily"]
        .as_array()?
        .iter()
        .filter_map(|d| Some((d[0].as_str()?.parse().ok()?, d[1].as_f64()?)))
        .collect();
    let window = |from: i64, to: i64| -> Vec<f64> {
        daily
            .range(until - Duration::days(from)..=until - Duration::days(to))
            .map(|(_, v)| *v)
            .collect()
    };
    let (recent, before) = (window(13, 0), window(41, 14));
    let avg = |v: &[f64]| crate::summary::round1(v.iter().sum::<f64>() / v.len() as f64);
    if recent.is_empty() {
        return None;
    }
    Some(Motivation {
        recent: avg(&recent),
        before: (recent.len() >= ENOUGH && before.len() >= ENOUGH).then(|| avg(&before)),
    })
}

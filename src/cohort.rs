//! The cohort view, for an organisation's development team: figures put
//! together across many leaders' cohort exports, never one leader's own.
//!
//! A cohort export (`tend export --for cohort`) is a separate choice from
//! sharing with a coach. It holds counts and averages only: no label, no
//! words the leader typed, no entry names, and only the barrier and strain
//! names tend itself offers (a choice from a person's own prompt pack could
//! be anything, so it is left out, both when written and when read).
//!
//! As staff surveys do, any figure drawn from fewer than [`FEWEST`] leaders
//! is held back, so no one can be singled out. Motivation is shown as the
//! median and the middle half of the leaders' averages: never a lowest or a
//! highest, which would be one person's number.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::model::{Behaviour, Measure, Need, Part};
use crate::summary::{Summary, round1};

pub const SCHEMA: &str = "tend.cohort";
pub const VERSION: u32 = 1;
/// Marks a file as made for a cohort, so nothing else is mistaken for one.
pub const FOR: &str = "cohort";

/// The fewest leaders a figure may be drawn from before it is shown.
pub const FEWEST: usize = 10;
/// What a held-back figure says, in every format.
pub const HELD_BACK: &str = "fewer than 10";
const _: () = assert!(FEWEST == 10, "HELD_BACK names the number");

/// The parts a cohort export can hold, in the order the view shows them.
pub const PARTS: [Part; 6] = [
    Part::Rhythm,
    Part::Motivation,
    Part::Behaviours,
    Part::Needs,
    Part::Barriers,
    Part::Actions,
];

/// The last weeks of the period that core needs are compared over, against
/// the weeks before them.
const RECENT_WEEKS: usize = 4;

/// What one leader contributes to a cohort: figures only. Unknown keys are
/// ignored when read (new keys need no new version), and never shown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub schema: String,
    pub version: u32,
    #[serde(rename = "for")]
    pub audience: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub includes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rhythm: Option<Rhythm>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<Motivation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behaviours: Option<Behaviours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs: Option<Needs>,
    /// The barriers named at least once in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barriers: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Actions>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rhythm {
    /// Weeks in the period, and how many had at least one check-in.
    pub weeks: usize,
    pub weeks_with_checkin: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Motivation {
    /// The leader's average over the period (each day the mean of its
    /// ratings), or null with no rating.
    pub average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Behaviours {
    pub checkins: usize,
    /// Check-ins reflecting on each behaviour.
    pub counts: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Needs {
    /// Averages (1 to 5) over the whole period, over its last four weeks,
    /// and over the weeks before; a need with no rating is left out.
    pub averages: BTreeMap<String, f64>,
    pub recent: BTreeMap<String, f64>,
    pub earlier: BTreeMap<String, f64>,
    /// The strain factors named at least once in the period.
    pub strain_factors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actions {
    pub opened: usize,
    pub done: usize,
}

/// The choices tend itself offers for a barrier or a strain factor: the
/// only names a cohort export carries or the cohort view counts.
fn offered(measure: Measure) -> BTreeSet<String> {
    let Ok(packs) = crate::prompts::Packs::load(None) else {
        return BTreeSet::new();
    };
    packs
        .packs
        .values()
        .flat_map(|p| &p.questions)
        .filter(|q| q.measures == measure)
        .flat_map(|q| q.choices.iter().cloned())
        .filter(|c| !crate::prompts::is_something_else(c))
        .collect()
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

impl Contribution {
    /// A cohort export of a summary built week by week, holding `parts`
    /// (those of [`PARTS`] the leader keeps).
    pub fn from_summary(s: &Summary, parts: &[Part]) -> Contribution {
        let has = |p: Part| parts.contains(&p);
        let includes: Vec<String> = PARTS
            .iter()
            .filter(|p| has(**p))
            .map(|p| p.as_str().to_string())
            .collect();
        let needs_over = |periods: &[crate::summary::Period]| {
            Need::ALL
                .iter()
                .filter_map(|n| {
                    let v: Vec<f64> = periods
                        .iter()
                        .filter_map(|p| p.needs.get(n.as_str()).copied())
                        .collect();
                    mean(&v).map(|m| (n.as_str().to_string(), round1(m)))
                })
                .collect::<BTreeMap<_, _>>()
        };
        let split = s.periods.len().saturating_sub(RECENT_WEEKS);
        let (earlier, recent) = s.periods.split_at(split);
        let barriers = offered(Measure::Barrier);
        let strain = offered(Measure::StrainFactor);
        Contribution {
            schema: SCHEMA.into(),
            version: VERSION,
            audience: FOR.into(),
            since: s.since,
            until: s.until,
            includes,
            rhythm: has(Part::Rhythm).then(|| Rhythm {
                weeks: s.periods.len(),
                weeks_with_checkin: s.periods.iter().filter(|p| p.checkin_days > 0).count(),
            }),
            motivation: has(Part::Motivation).then(|| Motivation {
                average: s.motivation.overall.map(|m| m.average),
            }),
            behaviours: has(Part::Behaviours).then(|| Behaviours {
                checkins: s.behaviours.checkins,
                counts: Behaviour::ALL
                    .iter()
                    .map(|b| {
                        let n = s.behaviours.counts.get(b.as_str()).copied().unwrap_or(0);
                        (b.as_str().to_string(), n)
                    })
                    .collect(),
            }),
            needs: has(Part::Needs).then(|| Needs {
                averages: s
                    .needs
                    .averages
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
                recent: needs_over(recent),
                earlier: needs_over(earlier),
                strain_factors: s
                    .needs
                    .strain_factors
                    .iter()
                    .map(|c| c.name.clone())
                    .filter(|n| strain.contains(n))
                    .collect(),
            }),
            barriers: has(Part::Barriers).then(|| {
                s.barriers
                    .iter()
                    .map(|c| c.name.clone())
                    .filter(|n| barriers.contains(n))
                    .collect()
            }),
            actions: has(Part::Actions).then_some(Actions {
                opened: s.actions.opened,
                done: s.actions.done,
            }),
        }
    }

    /// What the leader is told about this export before it is written:
    /// who it is for, what it holds (every figure), and what it never holds.
    pub fn preview(&self) -> Vec<String> {
        let mut o = vec![
            "This export is for a cohort: an organisation's development team putting together a picture of a whole programme from many leaders' figures. It is not for a coach.".to_string(),
            "It holds no name or label, no words you typed, no titles and no entry names: only the figures below. In the cohort view no one's figures are shown on their own, and any figure drawn from fewer than 10 leaders is held back.".to_string(),
            format!(
                "Period: {} to {}.",
                self.since.format("%-d %b %Y"),
                self.until.format("%-d %b %Y")
            ),
        ];
        let left_out: Vec<&str> = PARTS
            .iter()
            .map(|p| p.as_str())
            .filter(|p| !self.includes.iter().any(|i| i == p))
            .collect();
        if let Some(r) = &self.rhythm {
            o.push(format!(
                "Rhythm: {} of {} weeks with a check-in.",
                r.weeks_with_checkin, r.weeks
            ));
        }
        if let Some(m) = &self.motivation {
            o.push(match m.average {
                Some(a) => format!("Motivation: your average, {a:.1} (1 to 10)."),
                None => "Motivation: no rating in this period.".into(),
            });
        }
        if let Some(b) = &self.behaviours {
            let counts: Vec<String> = b.counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
            o.push(format!(
                "Behaviours: of {} check-ins, {}.",
                b.checkins,
                counts.join(", ")
            ));
        }
        if let Some(n) = &self.needs {
            let show = |m: &BTreeMap<String, f64>| {
                let v: Vec<String> = m.iter().map(|(k, x)| format!("{k} {x:.1}")).collect();
                if v.is_empty() {
                    "none".to_string()
                } else {
                    v.join(", ")
                }
            };
            o.push(format!(
                "Core needs: averages {}; last four weeks {}; the weeks before {}.",
                show(&n.averages),
                show(&n.recent),
                show(&n.earlier)
            ));
            o.push(format!(
                "Strain factors named: {}.",
                list_or_none(&n.strain_factors)
            ));
        }
        if let Some(b) = &self.barriers {
            o.push(format!("Barriers named: {}.", list_or_none(b)));
        }
        if let Some(a) = &self.actions {
            o.push(format!("Actions: {} set, {} done.", a.opened, a.done));
        }
        if !left_out.is_empty() {
            o.push(format!("Left out: {}.", left_out.join(", ")));
        }
        o
    }
}

fn list_or_none(v: &[String]) -> String {
    if v.is_empty() {
        "none".into()
    } else {
        v.join(", ")
    }
}

/// A file that is not a cohort export: why, in words that repeat nothing
/// from inside the file (a coach's export holds a label).
pub fn accept(v: Value) -> Result<Contribution, String> {
    if v["schema"] == "tend.summary" {
        return Err(
            "an export for a coach, not for a cohort; the cohort view reads only exports made with `tend export --for cohort`"
                .into(),
        );
    }
    if v["schema"] != SCHEMA || v["for"] != FOR {
        return Err("not a cohort export (`tend export --for cohort` makes one)".into());
    }
    match v["version"].as_u64() {
        Some(n) if n == u64::from(VERSION) => {}
        Some(n) if n > u64::from(VERSION) => {
            return Err(format!(
                "written by a newer tend (cohort export version {n}; this tend reads version {VERSION}); update tend to include it"
            ));
        }
        _ => return Err("a cohort export without a version this tend knows".into()),
    }
    // serde's message could quote a value from the file; say only where.
    serde_json::from_value(v)
        .map_err(|_| "a cohort export whose figures are not in the shape tend writes".into())
}

/// A figure, or held back because it would be drawn from too few leaders.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure<T> {
    Shown(T),
    HeldBack,
}

impl<T> Figure<T> {
    fn from(leaders: usize, value: impl FnOnce() -> T) -> Figure<T> {
        if leaders >= FEWEST {
            Figure::Shown(value())
        } else {
            Figure::HeldBack
        }
    }
}

/// The median and the middle half (first to third quartile) of the
/// leaders' values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The value `q` (0 to 1) of the way through `sorted`, between the two
/// nearest values in proportion (the common "linear" method, as
/// spreadsheets' QUARTILE.INC and numpy's default).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let at = q * (sorted.len() - 1) as f64;
    let (lo, hi) = (at.floor() as usize, at.ceil() as usize);
    sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo as f64)
}

/// The spread of `values`; None when there are none.
pub fn spread(values: &[f64]) -> Option<Spread> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Some(Spread {
        median: quantile(&v, 0.5),
        lower: quantile(&v, 0.25),
        upper: quantile(&v, 0.75),
    })
}

/// How many leaders drew a figure, and the figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Of<T> {
    pub leaders: usize,
    pub value: T,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NeedFigure {
    pub average: f64,
    /// Across leaders with ratings in both: the last four weeks, the weeks
    /// before, and whether it fell (as shown, to one decimal).
    pub recent: Figure<(f64, f64, bool)>,
}

/// Everything the cohort view shows, each figure already held back or not.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub leaders: Figure<usize>,
    /// The period most exports cover, and how many cover it.
    pub period: Figure<Of<(NaiveDate, NaiveDate)>>,
    /// Leaders with a check-in in every week of their period.
    pub weekly: Figure<Of<usize>>,
    pub motivation: Figure<Of<Spread>>,
    /// Per behaviour, the spread of the share of a leader's check-ins that
    /// reflected on it.
    pub behaviours: Figure<Of<Vec<(Behaviour, Spread)>>>,
    pub needs: Figure<Of<Vec<(Need, NeedFigure)>>>,
    /// The most named, with how many leaders named each.
    pub barriers: Figure<Of<Vec<(String, usize)>>>,
    pub strain_factors: Figure<Of<Vec<(String, usize)>>>,
    /// The spread of leaders' completion, and done of set across all.
    pub actions: Figure<Of<(Spread, usize, usize)>>,
}

/// How many of the most named barriers and strain factors are shown.
const MOST_NAMED: usize = 5;

/// Names by how many leaders named each, most first (then alphabetically),
/// counting only the names tend offers.
fn most_named<'a>(
    lists: impl Iterator<Item = &'a Vec<String>>,
    known: &BTreeSet<String>,
) -> Vec<(String, usize)> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for l in lists {
        let once: BTreeSet<&str> = l.iter().map(String::as_str).collect();
        for n in once.into_iter().filter(|n| known.contains(*n)) {
            *count.entry(n).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = count.into_iter().map(|(n, c)| (n.to_string(), c)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(MOST_NAMED);
    v
}

impl View {
    pub fn of(all: &[Contribution]) -> View {
        let leaders = all.len();
        let mut periods: BTreeMap<(NaiveDate, NaiveDate), usize> = BTreeMap::new();
        for c in all {
            *periods.entry((c.since, c.until)).or_default() += 1;
        }
        let period = periods.into_iter().max_by_key(|(_, n)| *n);
        let period = match period {
            Some((p, n)) => Figure::from(n, || Of {
                leaders: n,
                value: p,
            }),
            None => Figure::HeldBack,
        };

        let rhythms: Vec<&Rhythm> = all.iter().filter_map(|c| c.rhythm.as_ref()).collect();
        let weekly = Figure::from(rhythms.len(), || Of {
            leaders: rhythms.len(),
            value: rhythms
                .iter()
                .filter(|r| r.weeks > 0 && r.weeks_with_checkin >= r.weeks)
                .count(),
        });

        let averages: Vec<f64> = all
            .iter()
            .filter_map(|c| c.motivation.as_ref()?.average)
            .filter(|a| a.is_finite())
            .collect();
        let motivation = figure_of_spread(&averages);

        let reflecting: Vec<&Behaviours> = all
            .iter()
            .filter_map(|c| c.behaviours.as_ref())
            .filter(|b| b.checkins > 0)
            .collect();
        let behaviours = Figure::from(reflecting.len(), || Of {
            leaders: reflecting.len(),
            value: Behaviour::ALL
                .iter()
                .filter_map(|b| {
                    let shares: Vec<f64> = reflecting
                        .iter()
                        .map(|r| {
                            let n = r.counts.get(b.as_str()).copied().unwrap_or(0);
                            (n as f64 / r.checkins as f64).min(1.0)
                        })
                        .collect();
                    spread(&shares).map(|s| (*b, s))
                })
                .collect(),
        });

        let rated: Vec<&Needs> = all
            .iter()
            .filter_map(|c| c.needs.as_ref())
            .filter(|n| !n.averages.is_empty())
            .collect();
        let needs = Figure::from(rated.len(), || Of {
            leaders: rated.len(),
            value: Need::ALL
                .iter()
                .filter_map(|need| {
                    let k = need.as_str();
                    let avgs: Vec<f64> = rated
                        .iter()
                        .filter_map(|n| n.averages.get(k).copied())
                        .collect();
                    if avgs.len() < FEWEST {
                        return None;
                    }
                    let both: Vec<(f64, f64)> = rated
                        .iter()
                        .filter_map(|n| Some((*n.recent.get(k)?, *n.earlier.get(k)?)))
                        .collect();
                    let recent = Figure::from(both.len(), || {
                        let r: Vec<f64> = both.iter().map(|b| b.0).collect();
                        let e: Vec<f64> = both.iter().map(|b| b.1).collect();
                        let (r, e) = (
                            round1(mean(&r).unwrap_or(0.0)),
                            round1(mean(&e).unwrap_or(0.0)),
                        );
                        (r, e, r < e)
                    });
                    Some((
                        *need,
                        NeedFigure {
                            average: round1(mean(&avgs).unwrap_or(0.0)),
                            recent,
                        },
                    ))
                })
                .collect(),
        });

        let barrier_lists: Vec<&Vec<String>> =
            all.iter().filter_map(|c| c.barriers.as_ref()).collect();
        let known = offered(Measure::Barrier);
        let barriers = Figure::from(barrier_lists.len(), || Of {
            leaders: barrier_lists.len(),
            value: most_named(barrier_lists.iter().copied(), &known),
        });
        let strain_lists: Vec<&Vec<String>> = rated.iter().map(|n| &n.strain_factors).collect();
        let known = offered(Measure::StrainFactor);
        let strain_factors = Figure::from(strain_lists.len(), || Of {
            leaders: strain_lists.len(),
            value: most_named(strain_lists.iter().copied(), &known),
        });

        let set: Vec<&Actions> = all
            .iter()
            .filter_map(|c| c.actions.as_ref())
            .filter(|a| a.opened > 0)
            .collect();
        let actions = match spread(
            &set.iter()
                .map(|a| (a.done as f64 / a.opened as f64).min(1.0))
                .collect::<Vec<_>>(),
        ) {
            Some(s) => Figure::from(set.len(), || Of {
                leaders: set.len(),
                value: (
                    s,
                    set.iter().map(|a| a.done.min(a.opened)).sum(),
                    set.iter().map(|a| a.opened).sum(),
                ),
            }),
            None => Figure::HeldBack,
        };

        View {
            leaders: Figure::from(leaders, || leaders),
            period,
            weekly,
            motivation,
            behaviours,
            needs,
            barriers,
            strain_factors,
            actions,
        }
    }

    /// The view as sections of (what, figure) rows, the same in every
    /// prose format.
    pub fn sections(&self) -> Vec<Section> {
        let mut o = Vec::new();
        let held = || HELD_BACK.to_string();
        let row = |o: &mut Vec<Section>, what: &str, value: String| {
            if let Some(last) = o.last_mut() {
                last.rows.push((what.to_string(), value));
            }
        };
        o.push(section(
            "The cohort".into(),
            "Each leader counts once, whatever their number of check-ins.".into(),
        ));
        row(
            &mut o,
            "leaders",
            match &self.leaders {
                Figure::Shown(n) => n.to_string(),
                Figure::HeldBack => held(),
            },
        );
        row(
            &mut o,
            "period most cover",
            match &self.period {
                Figure::Shown(p) => format!(
                    "{} to {} ({} leaders)",
                    p.value.0.format("%-d %b %Y"),
                    p.value.1.format("%-d %b %Y"),
                    p.leaders
                ),
                Figure::HeldBack => held(),
            },
        );
        row(
            &mut o,
            "checked in at least weekly",
            match &self.weekly {
                Figure::Shown(w) => format!("{} of {} leaders", w.value, w.leaders),
                Figure::HeldBack => held(),
            },
        );
        o.push(section(
            "Motivation (1 to 10)".into(),
            "Each leader's average over their period; the median, and the middle half of leaders between the two numbers.".into(),
        ));
        match &self.motivation {
            Figure::Shown(m) => {
                row(
                    &mut o,
                    "median",
                    format!("{} ({} leaders)", one(m.value.median), m.leaders),
                );
                row(
                    &mut o,
                    "middle half",
                    format!("{} to {}", one(m.value.lower), one(m.value.upper)),
                );
            }
            Figure::HeldBack => row(&mut o, "median", held()),
        }
        o.push(section(
            "Behaviours".into(),
            "The share of a leader's check-ins that reflected on each; the median, then the middle half.".into(),
        ));
        match &self.behaviours {
            Figure::Shown(b) => {
                for (which, s) in &b.value {
                    row(
                        &mut o,
                        which.as_str(),
                        format!(
                            "{} (middle half {} to {})",
                            pct(s.median),
                            pct(s.lower),
                            pct(s.upper)
                        ),
                    );
                }
                row(&mut o, "leaders", b.leaders.to_string());
            }
            Figure::HeldBack => row(&mut o, "behaviours", held()),
        }
        o.push(section(
            "Core needs (1 to 5)".into(),
            "The average of leaders' averages; falling when the last four weeks are lower than the weeks before.".into(),
        ));
        match &self.needs {
            Figure::Shown(n) => {
                for (need, f) in &n.value {
                    let trend = match &f.recent {
                        Figure::Shown((r, e, falling)) => format!(
                            "; last four weeks {r:.1}, before {e:.1}{}",
                            if *falling { ", falling" } else { "" }
                        ),
                        Figure::HeldBack => format!("; change over time: {HELD_BACK}"),
                    };
                    row(&mut o, need.as_str(), format!("{:.1}{trend}", f.average));
                }
                if n.value.len() < Need::ALL.len() {
                    row(&mut o, "other needs", held());
                }
                row(&mut o, "leaders", n.leaders.to_string());
            }
            Figure::HeldBack => row(&mut o, "core needs", held()),
        }
        for (title, figure) in [
            ("Most named barriers", &self.barriers),
            ("Most named strain factors", &self.strain_factors),
        ] {
            o.push(section(
                title.into(),
                "How many leaders named each at least once.".into(),
            ));
            match figure {
                Figure::Shown(b) if b.value.is_empty() => row(&mut o, "none named", String::new()),
                Figure::Shown(b) => {
                    for (name, n) in &b.value {
                        row(&mut o, name, format!("{n} of {}", b.leaders));
                    }
                }
                Figure::HeldBack => row(&mut o, "named", held()),
            }
        }
        o.push(section(
            "Actions".into(),
            "Of the actions each leader set, the share done; the median, then the middle half."
                .into(),
        ));
        match &self.actions {
            Figure::Shown(a) => {
                let (s, done, set) = a.value;
                row(
                    &mut o,
                    "completion",
                    format!(
                        "{} (middle half {} to {})",
                        pct(s.median),
                        pct(s.lower),
                        pct(s.upper)
                    ),
                );
                row(
                    &mut o,
                    "done of set",
                    format!("{done} of {set}, across {} leaders", a.leaders),
                );
            }
            Figure::HeldBack => row(&mut o, "completion", held()),
        }
        o
    }

    /// The view for software: the same figures (unrounded), a held-back one
    /// as the string "fewer than 10".
    pub fn json(&self) -> Value {
        fn fig<T>(f: &Figure<T>, show: impl FnOnce(&T) -> Value) -> Value {
            match f {
                Figure::Shown(v) => show(v),
                Figure::HeldBack => Value::String(HELD_BACK.into()),
            }
        }
        let spread = |s: &Spread| json!({"median": s.median, "lower_quartile": s.lower, "upper_quartile": s.upper});
        json!({
            "schema": "tend.cohort_view",
            "version": 1,
            "for": FOR,
            "held_back_below": FEWEST,
            "leaders": fig(&self.leaders, |n| json!(n)),
            "period": fig(&self.period, |p| json!({"since": p.value.0, "until": p.value.1, "leaders": p.leaders})),
            "checked_in_weekly": fig(&self.weekly, |w| json!({"count": w.value, "leaders": w.leaders})),
            "motivation": fig(&self.motivation, |m| {
                let mut v = spread(&m.value);
                v["leaders"] = json!(m.leaders);
                v
            }),
            "behaviours": fig(&self.behaviours, |b| json!({
                "leaders": b.leaders,
                "share_of_checkins": b.value.iter().map(|(k, s)| (k.as_str().to_string(), spread(s))).collect::<serde_json::Map<_, _>>(),
            })),
            "needs": fig(&self.needs, |n| json!({
                "leaders": n.leaders,
                "averages": n.value.iter().map(|(k, f)| (k.as_str().to_string(), json!({
                    "average": f.average,
                    "over_time": fig(&f.recent, |(r, e, falling)| json!({"recent": r, "earlier": e, "falling": falling})),
                }))).collect::<serde_json::Map<_, _>>(),
            })),
            "barriers": fig(&self.barriers, named),
            "strain_factors": fig(&self.strain_factors, named),
            "actions": fig(&self.actions, |a| {
                let mut v = json!({"leaders": a.leaders, "done": a.value.1, "set": a.value.2});
                v["completion"] = spread(&a.value.0);
                v
            }),
        })
    }
}

fn section(heading: String, about: String) -> Section {
    Section {
        heading,
        about,
        rows: Vec::new(),
    }
}

fn named(b: &Of<Vec<(String, usize)>>) -> Value {
    json!({
        "leaders": b.leaders,
        "most_named": b.value.iter().map(|(n, c)| json!({"name": n, "leaders": c})).collect::<Vec<_>>(),
    })
}

fn figure_of_spread(values: &[f64]) -> Figure<Of<Spread>> {
    match spread(values) {
        Some(s) => Figure::from(values.len(), || Of {
            leaders: values.len(),
            value: s,
        }),
        None => Figure::HeldBack,
    }
}

/// A 1-10 figure to one decimal, halves rounded up as people expect.
fn one(x: f64) -> String {
    format!("{:.1}", round1(x))
}

fn pct(x: f64) -> String {
    format!("{}%", (x * 100.0).round())
}

/// A part of the view: a heading, what its figures mean, and its rows of
/// (what, figure).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: String,
    pub about: String,
    pub rows: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_quartiles_are_exact_on_planted_values() {
        let s = spread(&[10.0, 1.0, 9.0, 2.0, 8.0, 3.0, 7.0, 4.0, 6.0, 5.0]).unwrap();
        assert_eq!((s.median, s.lower, s.upper), (5.5, 3.25, 7.75));
        let s = spread(&[4.0, 1.0, 3.0, 2.0, 5.0]).unwrap();
        assert_eq!((s.median, s.lower, s.upper), (3.0, 2.0, 4.0));
        assert_eq!(spread(&[]), None);
    }
}

//! Triage: one row per leader, so a coach sees at a glance who might want a
//! conversation and about what. Every figure is the leader's own, against
//! their own earlier weeks. The order is only a reading order: leaders with
//! something noticed first, then the rest, each group by name. Nothing
//! ranks leaders, and how often someone checks in never sets the order.

use chrono::NaiveDate;

use super::{Flag, Leader, Motivation};
use crate::model::Part;

/// A value a leader shared, or the words for one they did not.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<T> {
    Shared(T),
    /// The leader kept this part out of the export.
    NotShared,
    /// Shared, but there is nothing to show (or an older export lacks it).
    Nothing,
}

impl<T> Cell<T> {
    /// Shared with a value, shared with nothing to show, or not shared.
    pub fn of(shared: bool, value: Option<T>) -> Cell<T> {
        match (shared, value) {
            (false, _) => Cell::NotShared,
            (true, Some(v)) => Cell::Shared(v),
            (true, None) => Cell::Nothing,
        }
    }
}

/// One leader's row.
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub level: String,
    /// What each period is: "week" or "month".
    pub by: String,
    pub last_checkin: Cell<NaiveDate>,
    /// Days with a check-in, of the days in the period.
    pub checkin_days: Cell<(u64, u64)>,
    pub motivation: Cell<Motivation>,
    /// Average motivation per week or month, gaps kept.
    pub trend: Cell<Vec<Option<f64>>>,
    /// What changed; empty when nothing was noticed.
    pub flags: Vec<Flag>,
    /// Whether what tend noticed was shared at all.
    pub noticed_shared: bool,
    pub readings_finished: Cell<u64>,
}

impl Row {
    pub fn of(l: &Leader) -> Row {
        Row {
            label: l.label.clone(),
            level: l.level.clone(),
            by: l.by.clone(),
            last_checkin: Cell::of(l.shares(Part::Rhythm), l.last_checkin),
            checkin_days: Cell::of(l.shares(Part::Rhythm), l.checkin_days),
            motivation: Cell::of(l.shares(Part::Motivation), l.motivation),
            trend: Cell::of(
                l.shares(Part::Motivation),
                Some(l.trend.clone()).filter(|t| t.iter().any(Option::is_some)),
            ),
            flags: l.flags.clone(),
            noticed_shared: l.shares(Part::Noticed),
            readings_finished: Cell::of(l.shares(Part::Readings), l.readings_finished),
        }
    }
}

/// The order rows are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Leaders with something noticed first, then the rest; by name in each.
    Noticed,
    /// By name only.
    Name,
}

/// The leaders' indices in the order to show them.
pub fn order(leaders: &[Leader], by: Order) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..leaders.len()).collect();
    let name = |i: &usize| {
        (
            leaders[*i].label.to_lowercase(),
            leaders[*i].label.clone(),
            leaders[*i].path.clone(),
        )
    };
    match by {
        Order::Name => idx.sort_by_key(name),
        Order::Noticed => idx.sort_by_key(|i| (leaders[*i].flags.is_empty(), name(i))),
    }
    idx
}

/// The rows, in order.
pub fn rows(leaders: &[Leader], by: Order) -> Vec<Row> {
    order(leaders, by)
        .into_iter()
        .map(|i| Row::of(&leaders[i]))
        .collect()
}

/// What the short forms in the table mean, and what is never compared.
pub const KEY: &str = "Each leader is compared only with their own earlier weeks, never with anyone else, \
and the order is not a ranking: leaders with something noticed come first, then the rest, each by name. \
Last: the last day with a check-in. Days: days with a check-in, of the days in the period. \
Motivation (1 to 10): the average of the last two weeks, and what it was in the four weeks before. \
Read: readings finished. \"not shared\": the leader kept that part to themselves.";

/// An export made this many days before the review is pointed out.
pub const STALE_AFTER_DAYS: i64 = 14;

fn span(l: &Leader) -> String {
    format!(
        "{} to {}",
        l.since.format("%-d %b %Y"),
        l.until.format("%-d %b %Y")
    )
}

/// Lines pointing out what makes exports harder to read side by side: a
/// period or grouping that differs from most of the others, and exports
/// made more than two weeks before `today`.
pub fn notes(leaders: &[Leader], today: NaiveDate) -> Vec<String> {
    let mut out = Vec::new();
    let most_common = |key: &dyn Fn(&Leader) -> String| -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for l in leaders {
            let k = key(l);
            match counts.iter_mut().find(|(x, _)| *x == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
        // Ties go to the first seen, so the note is stable.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(k, _)| k)
    };
    if leaders.len() > 1 {
        let usual = most_common(&span).unwrap_or_default();
        let mut differ: Vec<&Leader> = leaders.iter().filter(|l| span(l) != usual).collect();
        differ.sort_by_key(|l| l.label.to_lowercase());
        for l in &differ {
            out.push(format!(
                "{} covers {}; {} {usual}.",
                l.label,
                span(l),
                if leaders.len() - differ.len() == 1 {
                    "the other"
                } else {
                    "the others"
                }
            ));
        }
        let usual_by = most_common(&|l: &Leader| l.by.clone()).unwrap_or_default();
        for l in leaders.iter().filter(|l| l.by != usual_by) {
            out.push(format!(
                "{} is grouped by {}; the others by {usual_by}.",
                l.label, l.by
            ));
        }
    }
    let mut stale: Vec<(&Leader, i64)> = leaders
        .iter()
        .filter_map(|l| {
            let made = l.made?.date_naive();
            let age = (today - made).num_days();
            (age > STALE_AFTER_DAYS).then_some((l, age))
        })
        .collect();
    stale.sort_by_key(|(l, _)| l.label.to_lowercase());
    for (l, age) in stale {
        out.push(format!(
            "{}'s export was made on {}, {age} days ago; a newer one would show the weeks since.",
            l.label,
            l.made
                .map_or(String::new(), |m| m.format("%-d %b %Y").to_string())
        ));
    }
    out
}

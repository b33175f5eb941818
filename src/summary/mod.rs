//! The journal over time: numbers per period, a headline, and what tend
//! noticed. Everything is found through what questions measure, so a
//! person's own packs are summarised like the built-in ones. The result is
//! one serialisable shape (`Summary`), the same for a person (table), a
//! document (Markdown) and a script (JSON).

mod actions;
mod barriers;
mod behaviours;
pub mod brief;
pub mod motivation;
mod needs;
pub mod notice;
mod period;
mod readings;
pub mod render;
mod report;
mod rhythm;
mod self_care;
mod streak;
mod themes;

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};

use crate::journal::facts::Facts;
use crate::journal::index::MonthThemes;
use crate::time::{self, first_of_month};

/// The JSON shape's version. Additions keep it; a change that could break a
/// reader bumps it.
pub const VERSION: u32 = 2;

pub use crate::model::By;

/// What a summary reads: the facts of the months it needs (oldest first),
/// their theme counts, and the journal's current state (open actions and
/// readings, derived from every entry).
#[derive(Clone, Copy)]
pub struct Loaded<'a> {
    pub facts: &'a [Facts],
    pub months: &'a BTreeMap<String, MonthThemes>,
    pub state: &'a crate::journal::state::State,
}

/// The month folder a summary must read from: six weeks before the period
/// (noticing looks that far back), or a year before its end for the
/// calendar, less a month for entries filed by local time near midnight.
/// None means every month: the whole journal, streaks, which run back, or a
/// period that ended before `today`, whose open actions and readings are
/// worked out from every entry up to its end.
pub fn first_month(span: Span, today: NaiveDate, calendar: bool, whole: bool) -> Option<String> {
    let Span { since, until, .. } = span;
    if whole || until < today {
        return None;
    }
    let mut from = since - Duration::days(42);
    if calendar {
        from = from.min(until - Duration::days(372));
    }
    let from = first_of_month(from)
        .checked_sub_months(chrono::Months::new(1))
        .unwrap_or(from);
    Some(format!("{:04}/{:02}", from.year(), from.month()))
}

/// The days a summary covers (inclusive) and how they are grouped.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub by: By,
}

/// What the summary needs from the config.
#[derive(Clone, Debug)]
pub struct Settings {
    pub day_starts: NaiveTime,
    pub weekly_target: Option<u8>,
    pub rest_days: Vec<Weekday>,
    pub streaks: bool,
    /// Names that are never themes.
    pub watch_list: Vec<String>,
}

impl From<&crate::config::Config> for Settings {
    fn from(c: &crate::config::Config) -> Settings {
        Settings {
            day_starts: c.day_starts,
            weekly_target: c.weekly_target,
            rest_days: c.rest_days.clone(),
            streaks: c.streaks,
            watch_list: c.watch_list.clone(),
        }
    }
}

pub use period::period_start;
pub use report::*;
pub use themes::themes_of;

/// Journal day of a fact.
pub(crate) fn day_of(f: &Facts, s: &Settings) -> NaiveDate {
    time::journal_day(&f.created, s.day_starts)
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

pub(crate) fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| (a as f64 / b as f64 * 100.0).round() / 100.0)
}

pub(crate) fn top(counts: BTreeMap<String, usize>, n: usize, min: usize) -> Vec<Count> {
    let mut v: Vec<Count> = counts
        .into_iter()
        .filter(|(_, c)| *c >= min)
        .map(|(name, count)| Count { name, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    v.truncate(n);
    v
}

/// Builds the summary of `facts` (the whole journal, oldest first) for the
/// days `since..=until`, as of `now`. Each section has its own tally; this
/// only hands every entry in the period to each of them.
///
/// What is open, done or past its day is judged as of the period's end (or
/// today, if earlier): entries after that day are not yet written as far as
/// the period is concerned.
pub fn build(
    journal: Loaded,
    span: Span,
    s: &Settings,
    now: &DateTime<FixedOffset>,
    learning_words_only: bool,
) -> Summary {
    let Span { since, until, by } = span;
    let Loaded {
        facts: all,
        months,
        state,
    } = journal;
    let today = time::journal_day(now, s.day_starts);
    let judged_at = until.min(today);
    let readable: Vec<&Facts> = all
        .iter()
        .filter(|f| f.problem.is_none() && day_of(f, s) <= judged_at)
        .collect();
    // The journal's state as it was on that day; for a period that ends
    // today, the state kept in the index is that.
    let judged_state;
    let state = if judged_at < today {
        judged_state = crate::journal::state::State::derive(readable.iter().copied());
        &judged_state
    } else {
        state
    };
    let first_entry = journal.state.first_day(s.day_starts);
    let in_range: Vec<&Facts> = readable
        .iter()
        .copied()
        .filter(|f| {
            let d = day_of(f, s);
            since <= d && d <= until
        })
        .collect();

    let mut periods = period::periods(since, until, by);
    let finder = period::Finder::of(&periods);
    let n = periods.len();
    let mut rhythm = rhythm::Tally::new(n);
    let mut motivation = motivation::Tally::new();
    let mut behaviours = behaviours::Tally::new(n);
    let mut self_care = self_care::Tally::new(n);
    let mut needs = needs::Tally::new(n);
    let mut barriers = barriers::Tally::default();
    let mut actions = actions::Tally::new(&readable, n);
    let mut readings = readings::Tally::new(n);
    // Whole months are told apart by every file in them, judged or not.
    let every_readable: Vec<&Facts> = all.iter().filter(|f| f.problem.is_none()).collect();
    let mut themes = themes::Tally::new(&every_readable, &in_range, months, learning_words_only);
    let mut tags = themes::Tags::default();
    for f in &in_range {
        let d = day_of(f, s);
        let Some(pi) = finder.find(d) else { continue };
        periods[pi].entries += 1;
        rhythm.add(f, d, pi);
        motivation.add(f, d, pi);
        behaviours.add(f, pi);
        self_care.add(f, pi);
        needs.add(f, pi);
        barriers.add(f);
        actions.add(f, pi);
        readings.add(f, pi);
        themes.add(f);
        tags.add(f);
    }

    let rhythm = rhythm.finish(&mut periods, by, s, &readable, until, today);
    let motivation = motivation.finish(&mut periods);
    let behaviours = behaviours.finish(&mut periods);
    let self_care = self_care.finish(&mut periods);
    let needs = needs.finish(&mut periods);
    let actions = actions.finish(&mut periods, state, judged_at);
    let readings = readings.finish(&mut periods, state);

    let (notices, sparse, direction) = notice::notice(
        &readable,
        &motivation::daily(&readable, s),
        since,
        judged_at,
        s,
        &actions.overdue,
    );
    let problems: Vec<String> = all
        .iter()
        .filter(|f| f.problem.is_some())
        .map(|f| f.path.clone())
        .collect();

    Summary {
        schema: "tend.summary",
        version: VERSION,
        since,
        until,
        from_first_entry: first_entry == Some(since),
        judged_at,
        judged_today: judged_at == today,
        by,
        headline: Headline {
            checkin_days: rhythm.checkin_days,
            days: ((until - since).num_days() + 1).max(0) as usize,
            weekly_target: s.weekly_target,
            weeks: periods
                .iter()
                .filter(|p| period::is_whole_week(p, by))
                .count(),
            weeks_meeting_target: s.weekly_target.map(|_| {
                periods
                    .iter()
                    .filter(|p| p.met_target == Some(true))
                    .count()
            }),
            motivation_average: motivation.overall.map(|o| o.average),
            motivation_direction: direction,
        },
        noticed: notices,
        not_enough_data: sparse,
        rhythm,
        periods,
        motivation,
        behaviours,
        self_care,
        needs,
        barriers: barriers.finish(),
        actions,
        readings,
        themes: themes.finish(&s.watch_list),
        tags: tags.finish(),
        unreadable: Unreadable {
            count: problems.len(),
            files: problems,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::facts::Measured;
    use crate::model::Kind;

    fn fact(id: &str, day: &str, learning: &str, full: &str) -> Facts {
        let created = DateTime::parse_from_rfc3339(&format!("{day}T10:00:00+00:00")).unwrap();
        let mut f = Facts::unreadable(
            format!("{}/{}/{id}.toml", &day[..4], &day[5..7]),
            0,
            0,
            String::new(),
        );
        f.problem = None;
        f.id = id.into();
        f.kind = Some(Kind::Checkin);
        f.created = created;
        f.measured = Measured {
            words_learning: learning.into(),
            words_full: full.into(),
            ..Measured::default()
        };
        f
    }

    /// Monthly theme counts from the index must give exactly what counting
    /// entry by entry gives, whole months or not.
    #[test]
    fn themes_from_monthly_counts_match_entry_by_entry() {
        let facts = vec![
            fact("a", "2026-10-02", "listened rota", "listening worries"),
            fact("b", "2026-10-20", "listens", "rota rotas"),
            fact("c", "2026-11-03", "worried", "listened handover"),
            fact("d", "2026-11-28", "handover", "rota"),
        ];
        let mut months = BTreeMap::new();
        months.insert("2026/10".to_string(), MonthThemes::of(&facts[..2]));
        months.insert("2026/11".to_string(), MonthThemes::of(&facts[2..]));
        let s = Settings {
            day_starts: NaiveTime::MIN,
            weekly_target: None,
            rest_days: vec![],
            streaks: false,
            watch_list: vec![],
        };
        let now = DateTime::parse_from_rfc3339("2026-11-30T12:00:00+00:00").unwrap();
        let state = crate::journal::state::State::derive(facts.iter());
        let d = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").unwrap();
        for (since, until) in [
            ("2026-10-01", "2026-11-30"),
            ("2026-10-15", "2026-11-30"),
            ("2026-10-01", "2026-11-10"),
        ] {
            for learning in [false, true] {
                let with = build(
                    Loaded {
                        facts: &facts,
                        months: &months,
                        state: &state,
                    },
                    Span {
                        since: d(since),
                        until: d(until),
                        by: By::Month,
                    },
                    &s,
                    &now,
                    learning,
                );
                let empty = BTreeMap::new();
                let without = build(
                    Loaded {
                        facts: &facts,
                        months: &empty,
                        state: &state,
                    },
                    Span {
                        since: d(since),
                        until: d(until),
                        by: By::Month,
                    },
                    &s,
                    &now,
                    learning,
                );
                assert_eq!(
                    with.themes, without.themes,
                    "{since}..{until}, learning only: {learning}"
                );
            }
        }
        let all = build(
            Loaded {
                facts: &facts,
                months: &months,
                state: &state,
            },
            Span {
                since: d("2026-10-01"),
                until: d("2026-11-30"),
                by: By::Month,
            },
            &s,
            &now,
            false,
        )
        .themes;
        // listened/listening/listens: one theme in three entries; rota in three.
        assert!(
            all.contains(&Count {
                name: "listened".into(),
                count: 3
            }),
            "{all:?}"
        );
        assert!(
            all.contains(&Count {
                name: "rota".into(),
                count: 3
            }),
            "{all:?}"
        );
        assert!(
            all.contains(&Count {
                name: "handover".into(),
                count: 2
            }),
            "{all:?}"
        );
    }
}

//! The journal over time: numbers per period, a headline, and what tend
//! noticed. Everything is found through what questions measure, so a
//! person's own packs are summarised like the built-in ones. The result is
//! one serialisable shape (`Summary`), the same for a person (table), a
//! document (Markdown) and a script (JSON).

pub mod notice;
pub mod render;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, Weekday};
use serde::Serialize;

use crate::fnv::FastMap;
use crate::journal::entry::FollowStatus;
use crate::journal::facts::Facts;
use crate::journal::index::MonthThemes;
use crate::model::{Behaviour, Kind, Measure};
use crate::time::{self, first_of_month};
use crate::words;

/// The JSON shape's version. Additions keep it; a change that could break a
/// reader bumps it.
pub const VERSION: u32 = 1;

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
/// None means every month: the whole journal, or streaks, which run back.
pub fn first_month(
    since: NaiveDate,
    until: NaiveDate,
    calendar: bool,
    whole: bool,
) -> Option<String> {
    if whole {
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
}

impl From<&crate::config::Config> for Settings {
    fn from(c: &crate::config::Config) -> Settings {
        Settings {
            day_starts: c.day_starts,
            weekly_target: c.weekly_target,
            rest_days: c.rest_days.clone(),
            streaks: c.streaks,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub schema: &'static str,
    pub version: u32,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub by: By,
    pub headline: Headline,
    pub noticed: Vec<notice::Notice>,
    /// Where there was too little to go on, said plainly.
    pub not_enough_data: Vec<String>,
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

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Stats {
    pub average: f64,
    pub lowest: i64,
    pub highest: i64,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct Rhythm {
    pub checkin_days: usize,
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
    /// Of the four, the one reflected on least (null if none were).
    pub least: Option<String>,
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
    pub discussed_with: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Unreadable {
    pub count: usize,
    pub files: Vec<String>,
}

/// Counts entries per stem. Each distinct word is looked up once and given
/// a word id and a stem id; after that, counting is indexing into vectors
/// (an all-time summary can see every word of every entry).
#[derive(Default)]
struct ThemeCounter<'a> {
    word_ids: FastMap<&'a str, (usize, usize)>,
    stem_ids: FastMap<String, usize>,
    word_text: Vec<&'a str>,
    word_uses: Vec<usize>,
    word_stem: Vec<usize>,
    stem_text: Vec<String>,
    stem_entries: Vec<usize>,
}

impl<'a> ThemeCounter<'a> {
    fn stem(&mut self, st: &str) -> usize {
        if let Some(id) = self.stem_ids.get(st) {
            return *id;
        }
        self.stem_text.push(st.to_string());
        self.stem_entries.push(0);
        self.stem_ids
            .insert(st.to_string(), self.stem_text.len() - 1);
        self.stem_text.len() - 1
    }

    fn word(&mut self, w: &'a str) -> (usize, usize) {
        if let Some(ids) = self.word_ids.get(w) {
            return *ids;
        }
        let stem = self.stem(&words::stem(w));
        self.word_text.push(w);
        self.word_uses.push(0);
        self.word_stem.push(stem);
        let ids = (self.word_text.len() - 1, stem);
        self.word_ids.insert(w, ids);
        ids
    }

    /// Entries per theme, each named by the spelling people used most.
    fn named(&self) -> BTreeMap<String, usize> {
        let mut best: Vec<Option<usize>> = vec![None; self.stem_text.len()];
        for (w, st) in self.word_stem.iter().enumerate() {
            let key = |i: usize| (self.word_uses[i], std::cmp::Reverse(self.word_text[i]));
            if best[*st].is_none_or(|b| key(w) > key(b)) {
                best[*st] = Some(w);
            }
        }
        self.stem_entries
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(st, n)| {
                let name = best[st].map_or_else(
                    || self.stem_text[st].clone(),
                    |w| self.word_text[w].to_string(),
                );
                (name, *n)
            })
            .collect()
    }
}

/// Themes of a set of texts, each (entry, text): entries per stem, named by
/// the spelling used most, recurring (two entries or more), most first.
pub fn themes_of(texts: &[(&str, &str)]) -> Vec<Count> {
    let words: Vec<(&str, Vec<String>)> = texts
        .iter()
        .map(|(e, t)| (*e, words::words(t).into_iter().collect()))
        .collect();
    let mut counter = ThemeCounter::default();
    let mut per_entry: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (entry, ws) in &words {
        for w in ws {
            let (word, stem) = counter.word(w);
            counter.word_uses[word] += 1;
            per_entry.entry(entry).or_default().insert(stem);
        }
    }
    for stems in per_entry.values() {
        for st in stems {
            counter.stem_entries[*st] += 1;
        }
    }
    top(counter.named(), 15, 2)
}

/// Journal day of a fact.
fn day_of(f: &Facts, s: &Settings) -> NaiveDate {
    time::journal_day(&f.created, s.day_starts)
}

/// The first day of the period `d` falls in.
pub fn period_start(d: NaiveDate, by: By) -> NaiveDate {
    match by {
        By::Week => d - Duration::days(d.weekday().num_days_from_monday() as i64),
        By::Month => first_of_month(d),
    }
}

fn next_period(start: NaiveDate, by: By) -> NaiveDate {
    match by {
        By::Week => start + Duration::days(7),
        By::Month => start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(NaiveDate::MAX),
    }
}

fn stats(values: impl Iterator<Item = i64>) -> Option<Stats> {
    let v: Vec<i64> = values.collect();
    if v.is_empty() {
        return None;
    }
    let sum: i64 = v.iter().sum();
    Some(Stats {
        average: round1(sum as f64 / v.len() as f64),
        lowest: *v.iter().min().unwrap_or(&0),
        highest: *v.iter().max().unwrap_or(&0),
        count: v.len(),
    })
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| (a as f64 / b as f64 * 100.0).round() / 100.0)
}

fn top(counts: BTreeMap<String, usize>, n: usize, min: usize) -> Vec<Count> {
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
/// days `since..=until`, as of `now`.
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
    let readable: Vec<&Facts> = all.iter().filter(|f| f.problem.is_none()).collect();
    let in_range: Vec<&Facts> = readable
        .iter()
        .copied()
        .filter(|f| {
            let d = day_of(f, s);
            since <= d && d <= until
        })
        .collect();

    // Month folders whose every entry is in range: their themes come from
    // the index's monthly counts instead of entry by entry.
    let folder = |f: &Facts| f.path.get(..7).unwrap_or("").to_string();
    let mut folder_total: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for f in &readable {
        folder_total.entry(folder(f)).or_default().0 += 1;
    }
    for f in &in_range {
        folder_total.entry(folder(f)).or_default().1 += 1;
    }
    let whole: BTreeSet<String> = folder_total
        .into_iter()
        .filter(|(k, (total, inside))| total == inside && months.contains_key(k))
        .map(|(k, _)| k)
        .collect();

    // Periods, each with its entries.
    let mut periods: Vec<Period> = Vec::new();
    let mut start = period_start(since, by);
    while start <= until {
        let next = next_period(start, by);
        let (first, last) = (start.max(since), (next - Duration::days(1)).min(until));
        periods.push(Period {
            label: match by {
                By::Week => format!("w/c {}", start.format("%-d %b %Y")),
                By::Month => start.format("%b %Y").to_string(),
            },
            start: first,
            end: last,
            entries: 0,
            checkin_days: 0,
            met_target: None,
            motivation: None,
            behaviours: BTreeMap::new(),
            self_answered: 0,
            needs: BTreeMap::new(),
            actions_opened: 0,
            actions_done: 0,
            completion: None,
            readings_started: 0,
            readings_finished: 0,
        });
        start = next;
    }
    // Periods are in order, so the one a day falls in is a binary search away
    // (an all-time summary by week can have thousands).
    let bounds: Vec<(NaiveDate, NaiveDate)> = periods.iter().map(|p| (p.start, p.end)).collect();
    let period_of = |d: NaiveDate| {
        let i = bounds
            .partition_point(|(start, _)| *start <= d)
            .checked_sub(1)?;
        (d <= bounds[i].1).then_some(i)
    };

    // What became of every action, as of now: the fold over all follow-ups.
    let mut last_status: BTreeMap<&str, FollowStatus> = BTreeMap::new();
    // Facts come in time order (the index sorts them), so the last
    // follow-up seen for an action is its latest.
    for f in &readable {
        if let Some(fu) = &f.follow {
            last_status.insert(fu.action.as_str(), fu.status);
        }
    }

    let mut checkin_days: BTreeSet<NaiveDate> = BTreeSet::new();
    let mut daily: BTreeMap<NaiveDate, Vec<i64>> = BTreeMap::new();
    let mut per_period_motivation: Vec<Vec<i64>> = vec![Vec::new(); periods.len()];
    let mut per_period_days: Vec<BTreeSet<NaiveDate>> = vec![BTreeSet::new(); periods.len()];
    let mut per_period_needs: Vec<BTreeMap<String, Vec<i64>>> =
        vec![BTreeMap::new(); periods.len()];
    let mut behaviours: BTreeMap<String, usize> = Behaviour::ALL
        .iter()
        .map(|b| (b.as_str().to_string(), 0))
        .collect();
    let mut checkins = 0;
    let mut self_care = Counted {
        answered: 0,
        asked: 0,
    };
    let mut needs_all: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut strain: BTreeMap<String, usize> = BTreeMap::new();
    let mut barriers: BTreeMap<String, usize> = BTreeMap::new();
    let mut weekly_checkins = 0;
    let mut actions = Actions {
        opened: 0,
        done: 0,
        partly: 0,
        still_going: 0,
        dropped: 0,
        open_now: 0,
        overdue: Vec::new(),
        completion: None,
    };
    let mut opened_done = 0;
    let mut readings = Readings {
        started: 0,
        finished: 0,
        open_count: 0,
        open: Vec::new(),
        finished_titles: Vec::new(),
        discussed_with: Vec::new(),
    };
    let mut counter = ThemeCounter::default();
    let mut entry_stems: Vec<usize> = Vec::new();
    let mut tags: BTreeMap<String, usize> = BTreeMap::new();

    for f in &in_range {
        let d = day_of(f, s);
        let Some(pi) = period_of(d) else { continue };
        let m = &f.measured;
        periods[pi].entries += 1;
        if f.kind == Some(Kind::Checkin) {
            checkin_days.insert(d);
            per_period_days[pi].insert(d);
            checkins += 1;
        }
        if let Some(v) = m.motivation {
            daily.entry(d).or_default().push(v);
            per_period_motivation[pi].push(v);
        }
        if m.answered != 0 {
            for b in Behaviour::ALL {
                if m.answered(Measure::Behaviour(b)) {
                    *behaviours.entry(b.as_str().to_string()).or_default() += 1;
                    *periods[pi]
                        .behaviours
                        .entry(b.as_str().to_string())
                        .or_default() += 1;
                }
            }
            if m.answered(Measure::SelfCare) {
                self_care.answered += 1;
                periods[pi].self_answered += 1;
            }
        }
        if m.asked(Measure::SelfCare) {
            self_care.asked += 1;
        }
        if !m.needs.is_empty() {
            weekly_checkins += 1;
        }
        for (need, v) in &m.needs {
            needs_all
                .entry(need.as_str().to_string())
                .or_default()
                .push(*v);
            per_period_needs[pi]
                .entry(need.as_str().to_string())
                .or_default()
                .push(*v);
        }
        for x in &m.strain {
            *strain.entry(x.clone()).or_default() += 1;
        }
        for x in &m.barriers {
            *barriers.entry(x.clone()).or_default() += 1;
        }
        for a in &f.actions {
            actions.opened += 1;
            periods[pi].actions_opened += 1;
            if last_status.get(a.id.as_str()) == Some(&FollowStatus::Done) {
                opened_done += 1;
                periods[pi].actions_done += 1;
            }
        }
        if let Some(fu) = &f.follow {
            match fu.status {
                FollowStatus::Done => actions.done += 1,
                FollowStatus::Partly => actions.partly += 1,
                FollowStatus::Going => actions.still_going += 1,
                FollowStatus::Dropped => actions.dropped += 1,
                FollowStatus::Snoozed | FollowStatus::Reopened => {}
            }
        }
        match f.kind {
            Some(Kind::Reading) => {
                readings.started += 1;
                periods[pi].readings_started += 1;
            }
            Some(Kind::ReadingAfter) => {
                readings.finished += 1;
                periods[pi].readings_finished += 1;
                if let Some(t) = &f.title {
                    readings.finished_titles.push(t.clone());
                }
                readings.discussed_with.extend(m.discussed.iter().cloned());
            }
            Some(Kind::Checkin | Kind::Weekly | Kind::Note | Kind::Action | Kind::Followup)
            | None => {}
        }
        if !whole.contains(f.path.get(..7).unwrap_or("")) {
            entry_stems.clear();
            let full = if learning_words_only {
                ""
            } else {
                m.words_full.as_str()
            };
            for w in m.words_learning.split(' ').chain(full.split(' ')) {
                if !w.is_empty() {
                    let (word, stem) = counter.word(w);
                    counter.word_uses[word] += 1;
                    entry_stems.push(stem);
                }
            }
            entry_stems.sort_unstable();
            entry_stems.dedup();
            for st in &entry_stems {
                counter.stem_entries[*st] += 1;
            }
        }
        for t in &f.tags {
            *tags.entry(t.clone()).or_default() += 1;
        }
    }

    for (i, p) in periods.iter_mut().enumerate() {
        p.checkin_days = per_period_days[i].len();
        p.motivation = stats(per_period_motivation[i].iter().copied());
        p.needs = per_period_needs[i]
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    round1(v.iter().sum::<i64>() as f64 / v.len() as f64),
                )
            })
            .collect();
        p.completion = ratio(p.actions_done, p.actions_opened);
        let whole_week = by == By::Week && (p.end - p.start).num_days() == 6;
        p.met_target = s
            .weekly_target
            .filter(|_| whole_week)
            .map(|t| p.checkin_days >= t as usize);
    }
    actions.completion = ratio(opened_done, actions.opened);

    // Actions open now, and those past a day the leader set.
    // Open actions and readings come from the journal's derived state, which
    // covers entries older than the facts loaded for this period.
    actions.open_now = state.open.len();
    for a in state.open_in_order() {
        if let Some(due) = a.due
            && due < today
        {
            actions.overdue.push(Overdue {
                id: a.id.clone(),
                text: a.text.clone(),
                due,
            });
        }
    }
    let mut open_readings: Vec<_> = state.open_readings.values().collect();
    open_readings.sort_by(|a, b| a.id.cmp(&b.id));
    readings.open = open_readings.iter().map(|r| r.title.clone()).collect();
    readings.open_count = readings.open.len();

    let daily: Vec<(NaiveDate, f64)> = daily
        .into_iter()
        .map(|(d, v)| (d, round1(v.iter().sum::<i64>() as f64 / v.len() as f64)))
        .collect();
    let least = behaviours
        .iter()
        .min_by_key(|(name, c)| (**c, Behaviour::ALL.iter().position(|b| b.as_str() == *name)))
        .filter(|_| checkins > 0)
        .map(|(n, _)| n.clone());

    // Whole months: add their counts.
    for t in whole.iter().filter_map(|k| months.get(k)) {
        let counts = if learning_words_only {
            &t.learning
        } else {
            &t.all
        };
        for (st, n) in counts {
            let id = counter.stem(st);
            counter.stem_entries[id] += *n as usize;
        }
        for (w, n) in &t.forms {
            let (word, _) = counter.word(w);
            counter.word_uses[word] += *n as usize;
        }
    }
    let themes = top(counter.named(), 15, 2);

    let whole_weeks = periods
        .iter()
        .filter(|p| by == By::Week && (p.end - p.start).num_days() == 6)
        .count();
    let overall = stats(in_range.iter().filter_map(|f| f.measured.motivation));
    let (notices, sparse, direction) = notice::notice(
        &readable,
        &daily_all(&readable, s),
        until.min(today),
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
        by,
        headline: Headline {
            checkin_days: checkin_days.len(),
            days: ((until - since).num_days() + 1).max(0) as usize,
            weekly_target: s.weekly_target,
            weeks: whole_weeks,
            weeks_meeting_target: s.weekly_target.map(|_| {
                periods
                    .iter()
                    .filter(|p| p.met_target == Some(true))
                    .count()
            }),
            motivation_average: overall.map(|o| o.average),
            motivation_direction: direction,
        },
        noticed: notices,
        not_enough_data: sparse,
        rhythm: Rhythm {
            checkin_days: checkin_days.len(),
            rest_days: s.rest_days.iter().map(|d| d.to_string()).collect(),
            // A streak runs back past the period's start.
            streak: s.streaks.then(|| {
                let all: BTreeSet<NaiveDate> = readable
                    .iter()
                    .filter(|f| f.kind == Some(Kind::Checkin))
                    .map(|f| day_of(f, s))
                    .filter(|d| *d <= until)
                    .collect();
                streak(&all, s, until.min(today))
            }),
        },
        periods,
        motivation: Motivation { overall, daily },
        behaviours: Behaviours {
            counts: behaviours,
            least,
            checkins,
        },
        self_care,
        needs: Needs {
            weekly_checkins,
            averages: needs_all
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        round1(v.iter().sum::<i64>() as f64 / v.len() as f64),
                    )
                })
                .collect(),
            strain_factors: top(strain, 8, 1),
        },
        barriers: top(barriers, 10, 1),
        actions,
        readings,
        themes,
        tags: top(tags, 10, 1),
        unreadable: Unreadable {
            count: problems.len(),
            files: problems,
        },
    }
}

/// Daily motivation over the whole journal (noticing looks past the period).
pub fn daily_all(facts: &[&Facts], s: &Settings) -> BTreeMap<NaiveDate, f64> {
    let mut by_day: BTreeMap<NaiveDate, Vec<i64>> = BTreeMap::new();
    for f in facts {
        if let Some(v) = f.measured.motivation {
            by_day.entry(day_of(f, s)).or_default().push(v);
        }
    }
    by_day
        .into_iter()
        .map(|(d, v)| (d, v.iter().sum::<i64>() as f64 / v.len() as f64))
        .collect()
}

/// Streaks, counted kindly: in weeks that met the target when one is set,
/// otherwise in days where rest days never break a run. Today (or this
/// week) not done yet does not break one either.
fn streak(days: &BTreeSet<NaiveDate>, s: &Settings, today: NaiveDate) -> Streak {
    if let Some(target) = s.weekly_target {
        let Some(first) = days.iter().next().copied() else {
            return Streak {
                unit: "weeks",
                current: 0,
                longest: 0,
            };
        };
        let mut week = period_start(first, By::Week);
        let this_week = period_start(today, By::Week);
        let (mut run, mut longest, mut current) = (0, 0, 0);
        while week <= this_week {
            let n = days.range(week..week + Duration::days(7)).count();
            if n >= target as usize {
                run += 1;
            } else if week != this_week {
                run = 0;
            }
            longest = longest.max(run);
            current = run;
            week += Duration::days(7);
        }
        return Streak {
            unit: "weeks",
            current,
            longest,
        };
    }
    let (mut run, mut longest) = (0usize, 0usize);
    let mut current = 0;
    if let Some(first) = days.iter().next().copied() {
        let mut d = first;
        while d <= today {
            if days.contains(&d) {
                run += 1;
            } else if !s.rest_days.contains(&d.weekday()) && d != today {
                run = 0;
            }
            longest = longest.max(run);
            current = run;
            d += Duration::days(1);
        }
    }
    Streak {
        unit: "days",
        current,
        longest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::facts::Measured;

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

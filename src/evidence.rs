//! What `tend cpd` and `tend portfolio` gather from the index: CPD from
//! finished readings, pieces of feedback, entries ready to become a
//! reflective account, and who readings were talked over with, in one
//! window: the three years up to `revalidation_due`, or the last three
//! years, or from `--since`. It is the leader's own record; nothing here is
//! an official form.

use anyhow::Result;
use chrono::{Months, NaiveDate};

use crate::app::{App, Problems};
use crate::config::Regulator;
use crate::journal::facts::Facts;
use crate::journal::index::Depth;
use crate::model::Kind;
use crate::time;

/// The days counted, and a sentence saying why those.
pub struct Window {
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// "revalidation_due", "last_three_years" or "since", for JSON.
    pub basis: &'static str,
    pub sentence: String,
}

pub fn window(app: &App, since: Option<&str>) -> Result<Window> {
    let today = app.today();
    let three_years = Months::new(36);
    let short = |d: NaiveDate| d.format("%-d %b %Y").to_string();
    if let Some(typed) = since {
        let since = time::parse_days(typed, today)?.first;
        if since > today {
            anyhow::bail!(
                "--since {}: {} hasn't come yet; give today or an earlier day",
                typed.trim(),
                short(since)
            );
        }
        return Ok(Window {
            since,
            until: today,
            basis: "since",
            sentence: format!("From {} to today (--since).", short(since)),
        });
    }
    if let Some(due) = app.config.revalidation_due {
        let since = due.checked_sub_months(three_years).unwrap_or(due);
        return Ok(Window {
            since,
            until: due,
            basis: "revalidation_due",
            sentence: format!(
                "The three years up to your revalidation on {} (revalidation_due in your config): from {}.",
                short(due),
                short(since)
            ),
        });
    }
    let since = today.checked_sub_months(three_years).unwrap_or(today);
    Ok(Window {
        since,
        until: today,
        basis: "last_three_years",
        sentence: format!(
            "The last three years, from {} to today. Set revalidation_due in your config (tend config) to count the three years up to your revalidation date.",
            short(since)
        ),
    })
}

/// One piece of CPD: a finished reading with hours.
pub struct CpdItem {
    pub day: NaiveDate,
    pub id: String,
    pub title: String,
    pub activity: String,
    pub hours: f64,
    pub participatory: f64,
}

/// An entry counted as evidence, with a few words to know it by.
pub struct Item {
    pub day: NaiveDate,
    pub id: String,
    pub words: String,
}

pub struct Evidence {
    pub window: Window,
    pub cpd: Vec<CpdItem>,
    pub feedback: Vec<Item>,
    /// Entries with a learning answer and a change or an action.
    pub accounts: Vec<Item>,
    /// The export level the newest of `accounts` needs to be shared whole.
    pub account_level: Option<crate::prompts::Level>,
    /// Who a reading was talked over with (by role), and when.
    pub discussions: Vec<Item>,
}

/// What NMC revalidation asks for in three years.
pub struct Targets {
    pub hours: f64,
    pub participatory: f64,
    pub feedback: usize,
    pub accounts: usize,
    pub discussions: usize,
}

pub fn targets(regulator: Option<Regulator>) -> Option<Targets> {
    match regulator? {
        Regulator::Nmc => Some(Targets {
            hours: 35.0,
            participatory: 20.0,
            feedback: 5,
            accounts: 5,
            discussions: 1,
        }),
    }
}

impl Evidence {
    /// Reads the window's entries through the index, oldest first.
    pub fn gather(app: &App, window: Window) -> Result<Evidence> {
        let index = app.index(Depth::Quick, Problems::Warn)?;
        // An entry's folder is its local month; the month before `since`
        // may hold the small hours of its first day.
        let from = window
            .since
            .checked_sub_months(Months::new(1))
            .unwrap_or(window.since)
            .format("%Y/%m")
            .to_string();
        let (facts, _) = index.into_parts(Some(&from));
        let mut e = Evidence {
            window,
            cpd: Vec::new(),
            feedback: Vec::new(),
            accounts: Vec::new(),
            account_level: None,
            discussions: Vec::new(),
        };
        for f in facts.into_iter().filter(|f| f.problem.is_none()) {
            let day = time::journal_day(&f.created, app.config.day_starts);
            if day < e.window.since || day > e.window.until {
                continue;
            }
            e.add(f, day);
        }
        Ok(e)
    }

    fn add(&mut self, f: Facts, day: NaiveDate) {
        let item = |words: String| Item {
            day,
            id: f.id.clone(),
            words,
        };
        if let Some(c) = &f.measured.cpd {
            self.cpd.push(CpdItem {
                day,
                id: f.id.clone(),
                title: f.title.clone().unwrap_or_default(),
                activity: c.activity.clone().unwrap_or_default(),
                hours: c.hours,
                participatory: c.participatory,
            });
        }
        // A feedback entry with every question skipped holds no feedback:
        // it is kept in the journal, but it is not evidence.
        let said_something = f.measured.feedback_from.is_some()
            || !f.measured.words_learning.is_empty()
            || !f.measured.words_full.is_empty();
        if f.kind == Some(Kind::Feedback) && said_something {
            let from = f.measured.feedback_from.clone().unwrap_or_default();
            self.feedback.push(item(from));
        }
        if let Some(level) = f.measured.account_level {
            self.account_level = Some(level);
            let words = match &f.title {
                Some(t) => format!("{}: “{t}”", f.kind_label()),
                None => f.kind_label().to_string(),
            };
            self.accounts.push(item(words));
        }
        for who in &f.measured.discussed {
            self.discussions.push(item(who.clone()));
        }
    }

    pub fn hours(&self) -> f64 {
        self.cpd.iter().map(|c| c.hours).sum()
    }

    pub fn participatory(&self) -> f64 {
        self.cpd.iter().map(|c| c.participatory).sum()
    }
}

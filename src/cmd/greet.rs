//! `tend` alone: what it is, where the journal lives, today, what to do next.

use anyhow::Result;
use console::style;

use crate::app::{App, Problems};
use crate::journal::draft::Draft;
use crate::journal::index::{Depth, Status};
use crate::model::Kind;
use crate::output;

/// Labels stand in a column this wide; a value's later lines start under it.
const LABEL: usize = 15;

/// A "Label:  value" line, wrapped to the terminal with the value's later
/// lines under its start.
fn field(label: &str, value: &str) {
    let first = format!("{label:<LABEL$}");
    out!(
        "{}",
        output::wrap(value, &first, &" ".repeat(LABEL), output::width())
    );
}

/// A command and what it does; the description's later lines stay under it.
fn next(label: &str, command: &str, what: &str) {
    let first = format!("{label:<LABEL$}{command:<18}");
    let hang = " ".repeat(LABEL + 18);
    out!("{}", output::wrap(what, &first, &hang, output::width()));
}

/// What the greeting says of the journal.
struct Seen {
    entries: usize,
    today: String,
    checked_in: bool,
    draft: Option<String>,
}

fn plain(app: &App) -> Result<Seen> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let todays = index.on_day(app.today(), app.config.day_starts);
    let checkin = todays.iter().rev().find(|f| f.kind == Some(Kind::Checkin));
    let today = match checkin {
        Some(f) => format!("checked in at {}", f.created.format("%H:%M")),
        None if todays.is_empty() => "no check-in yet".to_string(),
        None => format!(
            "no check-in yet ({} {} so far)",
            todays.len(),
            if todays.len() == 1 {
                todays[0].kind_label().to_string()
            } else {
                "entries".into()
            }
        ),
    };
    let draft = Draft::all(&app.journal).first().map(|d| {
        format!(
            "a {} from {}; `tend checkin` offers to carry on",
            d.entry.kind.label(),
            super::when(&d.entry.created)
        )
    });
    Ok(Seen {
        entries: index.state.entries,
        today,
        checked_in: checkin.is_some(),
        draft,
    })
}

/// An encrypted journal: from `index/status.json` and the drafts folder's
/// file names only, so the greeting never asks for the passphrase.
fn encrypted(app: &App) -> Seen {
    let s = Status::read(&app.journal).unwrap_or_default();
    let checkin = s
        .last_checkin
        .filter(|c| crate::time::journal_day(c, app.config.day_starts) == app.today());
    let drafts = std::fs::read_dir(app.journal.drafts_dir())
        .map(|r| {
            r.flatten()
                .filter(|e| crate::journal::load::is_entry_name(&e.path()))
                .count()
        })
        .unwrap_or(0);
    Seen {
        entries: s.entries,
        today: match checkin {
            Some(c) => format!("checked in at {}", c.format("%H:%M")),
            None => "no check-in yet".to_string(),
        },
        checked_in: checkin.is_some(),
        draft: (drafts > 0)
            .then(|| "an unfinished check-in; `tend checkin` offers to carry on".to_string()),
    }
}

pub fn run(app: &App) -> Result<()> {
    out!(
        "{}",
        output::wrap(
            &format!(
                "{} · a reflective journal for compassionate leadership",
                style("tend").bold()
            ),
            "",
            "",
            output::width()
        )
    );
    outln!();
    let root = &app.journal.root;
    let seen = if app.journal.is_encrypted()? {
        encrypted(app)
    } else {
        plain(app)?
    };
    if root.exists() {
        let n = seen.entries;
        field(
            "Your journal:",
            &format!(
                "{} ({n} {})",
                root.display(),
                if n == 1 { "entry" } else { "entries" }
            ),
        );
    } else {
        field(
            "Your journal:",
            &format!("{} (nothing written yet)", root.display()),
        );
    }
    field("Today:", &seen.today);
    if let Some(d) = &seen.draft {
        field("Unfinished:", d);
    }
    outln!();
    if seen.checked_in {
        next(
            "Next:",
            "tend note \"...\"",
            "a quick line, if something else comes up",
        );
    } else {
        next(
            "Next:",
            "tend checkin",
            "the daily check-in, about three minutes (--quick for less)",
        );
    }
    next("", "tend about", "the ideas behind the questions");
    next("", "tend --help", "every command");
    Ok(())
}

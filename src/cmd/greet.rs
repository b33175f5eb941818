//! `tend` alone: what it is, where the journal lives, today, what to do next.

use anyhow::Result;
use console::style;

use crate::app::{App, Problems};
use crate::journal::draft::Draft;
use crate::journal::index::Depth;
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
    let index = app.index(Depth::Quick, Problems::Warn);
    if root.exists() {
        let n = index.state.entries;
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
    let todays = index.on_day(app.today(), app.config.day_starts);
    let checkin = todays.iter().rev().find(|f| f.kind == Some(Kind::Checkin));
    match checkin {
        Some(f) => field(
            "Today:",
            &format!("checked in at {}", f.created.format("%H:%M")),
        ),
        None if todays.is_empty() => field("Today:", "no check-in yet"),
        None => field(
            "Today:",
            &format!(
                "no check-in yet ({} {} so far)",
                todays.len(),
                if todays.len() == 1 {
                    todays[0].kind_label().to_string()
                } else {
                    "entries".into()
                }
            ),
        ),
    }
    if let Some(d) = Draft::all(&app.journal).first() {
        field(
            "Unfinished:",
            &format!(
                "a {} from {}; `tend checkin` offers to carry on",
                d.entry.kind.label(),
                super::when(&d.entry.created)
            ),
        );
    }
    outln!();
    if checkin.is_some() {
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

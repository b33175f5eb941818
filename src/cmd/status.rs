//! `tend status`: one neutral line for a shell prompt. Always exits 0 and
//! reads only the index, so it can run before every prompt.

use anyhow::Result;

use crate::app::{App, Problems};
use crate::cli::{StatusArgs, TextOrJson};
use crate::journal::index::{Depth, Status};
use crate::model::Kind;

/// `problem`: what is wrong with the config file, if anything; it becomes a
/// short note in the line rather than an error.
pub fn run(app: &App, args: StatusArgs, problem: Option<&anyhow::Error>) -> Result<()> {
    let s = if app.journal.is_encrypted()? {
        encrypted(app)
    } else {
        plain(app)?
    };
    let note = problem.map(|_| "config needs a look: tend config".to_string());
    let (checked_in, actions, readings) = (s.checked_in, s.actions, s.readings);
    let sync = crate::synced::Standing::of(&app.journal, &app.now);
    if args.format == TextOrJson::Json {
        let json = serde_json::json!({
            "checked_in_today": checked_in,
            "last_checkin": s.last_checkin.map(|c| c.to_rfc3339()),
            "open_actions": actions,
            "open_readings": readings,
            "last_weekly": s.last_weekly.map(|c| c.to_rfc3339()),
            "entries": s.entries,
            "unreadable": s.unreadable,
            "config_problem": problem.map(|e| format!("{e:#}")),
            "sync": sync.as_ref().map(crate::synced::Standing::json),
        });
        outln!("{json}");
        return Ok(());
    }
    let mut parts = vec![if checked_in {
        "checked in today".to_string()
    } else {
        "no check-in yet today".to_string()
    }];
    if actions > 0 {
        parts.push(format!(
            "{actions} action{} open",
            if actions == 1 { "" } else { "s" }
        ));
    }
    if readings > 0 {
        parts.push(format!(
            "{readings} reading{} open",
            if readings == 1 { "" } else { "s" }
        ));
    }
    if s.unreadable > 0 {
        parts.push(format!(
            "{} file{} unreadable",
            s.unreadable,
            if s.unreadable == 1 { "" } else { "s" }
        ));
    }
    parts.extend(sync.and_then(|s| s.phrase(&app.now)));
    parts.extend(note);
    outln!("{}", parts.join(" · "));
    Ok(())
}

/// What the status line says.
struct Line {
    checked_in: bool,
    actions: usize,
    readings: usize,
    last_checkin: Option<chrono::DateTime<chrono::FixedOffset>>,
    last_weekly: Option<chrono::DateTime<chrono::FixedOffset>>,
    entries: usize,
    unreadable: usize,
}

/// Straight from the index, without the per-file warnings of other
/// commands: a prompt line is no place for them.
fn plain(app: &App) -> Result<Line> {
    let index = app.index(Depth::Quick, Problems::Shown)?;
    let s = &index.state;
    // The same question `tend` and `list --since today` answer, the same way.
    let checked_in = index
        .on_day(app.today(), app.config.day_starts)
        .iter()
        .any(|f| f.kind == Some(Kind::Checkin));
    Ok(Line {
        checked_in,
        actions: s.open.len(),
        readings: s.open_readings.len(),
        last_checkin: s.last_checkin,
        last_weekly: s.last_weekly,
        entries: s.entries,
        unreadable: s.unreadable,
    })
}

/// An encrypted journal: only `index/status.json`, in the clear, as the
/// last write left it. Never unlocks, never runs the passphrase command,
/// never rebuilds the index.
fn encrypted(app: &App) -> Line {
    let s = Status::read(&app.journal).unwrap_or_default();
    Line {
        checked_in: s
            .last_checkin
            .is_some_and(|c| crate::time::journal_day(&c, app.config.day_starts) == app.today()),
        actions: s.open_actions,
        readings: s.open_readings,
        last_checkin: s.last_checkin,
        last_weekly: s.last_weekly,
        entries: s.entries,
        unreadable: s.unreadable,
    }
}

/// The first line of an error, for a one-line status.
pub fn short(e: &anyhow::Error) -> String {
    format!("{e:#}")
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

//! `tend show`: one entry, readable, or exactly as on disk with `--raw`.

use std::fmt::Write;

use anyhow::{Context, Result};
use console::style;

use crate::app::{App, Problems};
use crate::cli::ShowArgs;
use std::path::Path;

use crate::journal::Entry;
use crate::journal::index::{Depth, Index};
use crate::journal::load;
use crate::output::{self, Shown, shown};
use crate::time;

pub fn run(app: &App, args: ShowArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let query = args.id.trim();
    let facts = if query.eq_ignore_ascii_case("last") {
        let mut newest = index.newest(1, |_| true);
        newest.reverse();
        newest
    } else {
        index.all_facts()
    };
    // A day ("yesterday", "2026-11-26") shows that day's entries; a handle
    // that happens to read as a day ("sunday") is still that entry.
    let day = time::parse_day(query, app.today())
        .ok()
        .filter(|_| !facts.iter().any(|f| f.handle() == query || f.id == query));
    let paths = match day {
        Some(day) => {
            let on_day = index.on_day(day, app.config.day_starts);
            if on_day.is_empty() {
                outln!(
                    "Nothing was written on {}. `tend list` shows the days you wrote.",
                    time::day_name(day)
                );
                return Ok(());
            }
            if args.raw && on_day.len() > 1 {
                return Err(crate::fail::Fail::usage(format!(
                    "{} has {} entries and --raw shows one file; give one of their handles: {}",
                    time::day_name(day),
                    on_day.len(),
                    on_day
                        .iter()
                        .map(|f| f.handle())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            on_day
                .iter()
                .map(|f| app.journal.entries_dir().join(&f.path))
                .collect::<Vec<_>>()
        }
        None => vec![load::locate(&app.journal, &facts, query)?.path],
    };
    if args.raw {
        let path = &paths[0];
        // The TOML as written: opened first, if the entry is sealed.
        let bytes = app.journal.read_opened(path)?;
        let text = std::str::from_utf8(&bytes)
            .with_context(|| format!("{}: not UTF-8 text", path.display()))?;
        output::file_as_is(text);
        return Ok(());
    }
    let mut shown_all = Vec::new();
    for path in &paths {
        shown_all.push(render(&index, &load::read_entry(&app.journal, path)?, path));
    }
    // Built whole, then shown at once (through the pager when long).
    output::page(&shown_all.join("\n"))?;
    Ok(())
}

/// One entry in full, as lines to show.
fn render(index: &Index, e: &Entry, path: &Path) -> String {
    let mut title = format!(
        "{} · {}",
        crate::summary::render::cap(e.kind.label()),
        super::when(&e.created)
    );
    if let Some(t) = &e.title {
        title += &format!(" · “{}”", Shown(t));
    }
    if !e.tags.is_empty() {
        title += &format!(
            " · {}",
            e.tags
                .iter()
                .map(|t| format!("#{}", Shown(t)))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    let width = output::width();
    let mut o = String::new();
    for line in output::wrap(&title, "", "  ", width).lines() {
        let _ = writeln!(o, "{}", style(line).bold());
    }
    let ids = format!("{} · {}", e.id, Shown(&path.display().to_string()));
    for line in output::wrap(&ids, "", "  ", width).lines() {
        let _ = writeln!(o, "{}", style(line).dim());
    }
    if let Some(s) = &e.source {
        o += &output::wrap(&format!("Source: {}", Shown(s)), "", "  ", width);
    }
    if let (Some(action), Some(status)) = (&e.action, e.status) {
        // Open actions are in the index's state; only a closed one needs
        // the whole journal's facts.
        let text = index
            .action_text(action)
            .map(|t| format!("“{}”", Shown(&t)))
            .unwrap_or_else(|| format!("an action no longer in the journal ({action})"));
        o += &output::wrap(
            &format!("Follow-up on {text}: {}", status.label()),
            "",
            "  ",
            width,
        );
        if let Some(u) = e.until {
            let _ = writeln!(o, "Back on {}", u.format("%a %-d %b %Y"));
        }
    }
    if let Some(r) = &e.reading {
        o += &output::wrap(&format!("After reading {}", Shown(r)), "", "  ", width);
    }
    for a in &e.answers {
        o.push('\n');
        for line in output::wrap(&shown(&a.question), "", "", width).lines() {
            let _ = writeln!(o, "{}", style(line).bold());
        }
        match a.display() {
            Some(text) => {
                // Indented under its question; blank lines between
                // paragraphs stay.
                o += &output::wrap(&shown(&text), "  ", "  ", width);
                if let Some(due) = a.due {
                    let _ = writeln!(
                        o,
                        "  {}",
                        style(format!("by {}", due.format("%a %-d %b %Y"))).dim()
                    );
                }
            }
            None => {
                let _ = writeln!(o, "  {}", style("(skipped)").dim());
            }
        }
    }
    o
}

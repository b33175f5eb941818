//! `tend show`: one entry, readable, or exactly as on disk with `--raw`.

use std::fmt::Write;

use anyhow::{Context, Result};
use console::style;

use crate::app::{App, Problems};
use crate::cli::ShowArgs;
use crate::journal::index::Depth;
use crate::journal::load;
use crate::output::{self, Shown, shown};

pub fn run(app: &App, args: ShowArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn);
    let facts = if args.id.trim().eq_ignore_ascii_case("last") {
        let mut newest = index.newest(1, |_| true);
        newest.reverse();
        newest
    } else {
        index.all_facts()
    };
    let path = load::locate(&app.journal, &facts, &args.id)?.path;
    if args.raw {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        output::file_as_is(&text);
        return Ok(());
    }
    let e = load::read_entry(&path)?;
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
    // Built whole, then shown at once (through the pager when long).
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
            .state
            .open
            .get(action)
            .map(|a| a.text.clone())
            .or_else(|| {
                index
                    .all_facts()
                    .iter()
                    .flat_map(|f| f.actions.iter())
                    .find(|a| &a.id == action)
                    .map(|a| a.text.clone())
            })
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
    output::page(&o)?;
    Ok(())
}

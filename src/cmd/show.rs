//! `tend show`: one entry, readable, or exactly as on disk with `--raw`.

use anyhow::{Context, Result};
use console::style;

use crate::app::App;
use crate::cli::ShowArgs;
use crate::journal::index::Depth;
use crate::journal::load;

pub fn run(app: &App, args: ShowArgs) -> Result<()> {
    let index = app.index(Depth::Quick);
    let facts = if args.id.trim().eq_ignore_ascii_case("last") {
        let mut newest = index.newest(1, |_| true);
        newest.reverse();
        newest
    } else {
        index.all_facts()
    };
    let found = load::find(&facts, &args.id)?;
    let path = app.journal.entries_dir().join(&found.path);
    if args.raw {
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("could not read {}", path.display()))?;
        print!("{text}");
        return Ok(());
    }
    let e = load::read_entry(&path)?;
    let mut title = format!(
        "{} · {}",
        crate::summary::render::cap(e.kind.label()),
        super::when(&e.created)
    );
    if let Some(t) = &e.title {
        title += &format!(" · “{t}”");
    }
    if !e.tags.is_empty() {
        title += &format!(
            " · {}",
            e.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
    println!("{}", style(title).bold());
    println!("{}", style(format!("{} · {}", e.id, path.display())).dim());
    if let Some(s) = &e.source {
        println!("Source: {s}");
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
            .map(|t| format!("“{t}”"))
            .unwrap_or_else(|| format!("an action no longer in the journal ({action})"));
        println!("Follow-up on {text}: {}", status.label());
        if let Some(u) = e.until {
            println!("Back on {}", u.format("%a %-d %b %Y"));
        }
    }
    if let Some(r) = &e.reading {
        println!("After reading {r}");
    }
    for a in &e.answers {
        println!();
        println!("{}", style(&a.question).bold());
        match a.display() {
            Some(text) => {
                // Wrapped at word boundaries to the terminal, indented.
                let width = console::Term::stdout()
                    .size_checked()
                    .map_or(100, |(_, w)| w as usize)
                    .clamp(40, 120)
                    - 2;
                for line in text.lines() {
                    for part in crate::ask::wrap(line, width) {
                        println!("  {part}");
                    }
                    if line.trim().is_empty() {
                        println!();
                    }
                }
                if let Some(due) = a.due {
                    println!(
                        "  {}",
                        style(format!("by {}", due.format("%a %-d %b %Y"))).dim()
                    );
                }
            }
            None => println!("  {}", style("(skipped)").dim()),
        }
    }
    Ok(())
}

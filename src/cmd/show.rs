//! `tend show`: one entry, readable, or exactly as on disk with `--raw`.

use anyhow::{Context, Result};
use console::style;

use crate::app::App;
use crate::cli::ShowArgs;
use crate::journal::load;

pub fn run(app: &App, args: ShowArgs) -> Result<()> {
    let scan = load::scan(&app.journal);
    scan.warn_problems();
    let found = load::find(&scan.entries, &args.id)?;
    if args.raw {
        let text = std::fs::read_to_string(&found.path)
            .with_context(|| format!("could not read {}", found.path.display()))?;
        print!("{text}");
        return Ok(());
    }
    let e = &found.entry;
    let mut title = format!(
        "{} · {}",
        capitalise(e.kind_label()),
        super::when(&e.created)
    );
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
    println!(
        "{}",
        style(format!("{} · {}", e.id, found.path.display())).dim()
    );
    for a in &e.answers {
        println!();
        println!("{}", style(&a.question).bold());
        match a.display() {
            Some(text) => {
                for line in text.lines() {
                    println!("  {line}");
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

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

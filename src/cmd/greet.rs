//! `tend` alone: what it is, where the journal lives, today, what to do next.

use anyhow::Result;
use console::style;

use crate::app::App;
use crate::journal::draft::Draft;
use crate::journal::index::Depth;
use crate::model::Kind;

pub fn run(app: &App) -> Result<()> {
    println!(
        "{} · a reflective journal for compassionate leadership",
        style("tend").bold()
    );
    println!();
    let root = &app.journal.root;
    let index = app.index(Depth::Quick);
    if root.exists() {
        let n = index.state.entries;
        println!(
            "Your journal:  {} ({n} {})",
            root.display(),
            if n == 1 { "entry" } else { "entries" }
        );
    } else {
        println!("Your journal:  {} (nothing written yet)", root.display());
    }
    let todays = index.on_day(app.today(), app.config.day_starts);
    let checkin = todays.iter().rev().find(|f| f.kind == Some(Kind::Checkin));
    match checkin {
        Some(f) => println!("Today:         checked in at {}", f.created.format("%H:%M")),
        None if todays.is_empty() => println!("Today:         no check-in yet"),
        None => println!(
            "Today:         no check-in yet ({} {} so far)",
            todays.len(),
            if todays.len() == 1 {
                todays[0].kind_label().to_string()
            } else {
                "entries".into()
            }
        ),
    }
    if let Some(d) = Draft::all(&app.journal).first() {
        println!(
            "Unfinished:    a {} from {}; `tend checkin` offers to carry on",
            d.entry.kind.label(),
            super::when(&d.entry.created)
        );
    }
    println!();
    let next = if checkin.is_some() {
        "tend note \"...\"   a quick line, if something else comes up"
    } else {
        "tend checkin      the daily check-in, about three minutes (--quick for less)"
    };
    println!("Next:          {next}");
    println!("               tend about        the ideas behind the questions");
    println!("               tend --help       every command");
    Ok(())
}

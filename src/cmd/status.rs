//! `tend status`: one neutral line for a shell prompt. Always exits 0 and
//! reads only the index, so it can run before every prompt.

use anyhow::Result;

use crate::app::App;
use crate::cli::{StatusArgs, TextOrJson};
use crate::journal::index::{Depth, Index};
use crate::time;

pub fn run(app: &App, args: StatusArgs) -> Result<()> {
    // Straight from the index, without the per-file warnings of other
    // commands: a prompt line is no place for them.
    let index = Index::open(&app.journal, Depth::Quick, &app.now);
    let today = app.today();
    let s = &index.state;
    let checked_in = s
        .last_checkin
        .is_some_and(|c| time::journal_day(&c, app.config.day_starts) == today);
    let actions = s.open.len();
    let readings = s.open_readings.len();
    if args.format == TextOrJson::Json {
        let json = serde_json::json!({
            "checked_in_today": checked_in,
            "last_checkin": s.last_checkin.map(|c| c.to_rfc3339()),
            "open_actions": actions,
            "open_readings": readings,
            "last_weekly": s.last_weekly.map(|c| c.to_rfc3339()),
            "entries": s.entries,
            "unreadable": s.unreadable,
        });
        println!("{json}");
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
    println!("{}", parts.join(" · "));
    Ok(())
}

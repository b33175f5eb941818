//! `tend list`: entries newest first, with a short handle to type.

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use console::style;

use crate::app::App;
use crate::cli::ListArgs;
use crate::journal::entry::kind_label;
use crate::journal::index::Depth;
use crate::time;

pub fn run(app: &App, args: ListArgs) -> Result<()> {
    let index = app.index(Depth::Quick);
    let today = app.today();
    let since = args
        .since
        .as_deref()
        .map(|s| time::parse_days(s, today))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| time::parse_days(s, today))
        .transpose()?;
    let keep = |f: &crate::journal::facts::Facts| {
        let day = time::journal_day(&f.created, app.config.day_starts);
        args.kind
            .as_ref()
            .is_none_or(|k| &f.kind == k || kind_label(&f.kind) == k)
            && args
                .tag
                .as_ref()
                .is_none_or(|t| f.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
            && since.is_none_or(|s| day >= s.first)
            && until.is_none_or(|u| day <= u.last)
    };
    // One more than asked, to know whether to say there are more.
    let want = if args.limit == 0 { 0 } else { args.limit + 1 };
    let mut found = index.newest(want, keep);
    if found.is_empty() {
        if index.state.entries == 0 {
            println!("No entries yet. `tend checkin` starts your first one.");
        } else {
            println!("No entries match. `tend list` with no options shows the most recent.");
        }
        return Ok(());
    }
    let more = args.limit > 0 && found.len() > args.limit;
    found.truncate(if args.limit == 0 {
        found.len()
    } else {
        args.limit
    });
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic);
    for f in &found {
        table.add_row(vec![
            f.handle().to_string(),
            super::when(&f.created),
            kind_label(&f.kind).to_string(),
            f.gist.clone(),
            f.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        ]);
    }
    println!("{table}");
    if more {
        println!(
            "{}",
            style(format!(
                "The {} most recent shown; -n 0 shows them all",
                found.len()
            ))
            .dim()
        );
    }
    Ok(())
}

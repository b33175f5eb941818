//! `tend list`: entries newest first, with a short handle to type.

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use console::style;

use crate::app::App;
use crate::cli::ListArgs;
use crate::journal::entry::kind_label;
use crate::journal::{Entry, Value, id, load};
use crate::time;

pub fn run(app: &App, args: ListArgs) -> Result<()> {
    let scan = load::scan(&app.journal);
    scan.warn_problems();
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
    let handles = id::short_handles(scan.entries.iter().map(|l| l.entry.id.as_str()));
    let matching: Vec<&Entry> = scan
        .entries
        .iter()
        .rev()
        .map(|l| &l.entry)
        .filter(|e| {
            args.kind
                .as_ref()
                .is_none_or(|k| &e.kind == k || kind_label(&e.kind) == k)
        })
        .filter(|e| {
            args.tag
                .as_ref()
                .is_none_or(|t| e.tags.iter().any(|x| x.eq_ignore_ascii_case(t)))
        })
        .filter(|e| {
            let day = time::journal_day(&e.created, app.config.day_starts);
            since.is_none_or(|s| day >= s.first) && until.is_none_or(|u| day <= u.last)
        })
        .collect();
    if matching.is_empty() {
        if scan.entries.is_empty() {
            println!("No entries yet. `tend checkin` starts your first one.");
        } else {
            println!("No entries match. `tend list` with no options shows the most recent.");
        }
        return Ok(());
    }
    let shown = if args.limit == 0 {
        matching.len()
    } else {
        args.limit.min(matching.len())
    };
    let mut table = Table::new();
    table
        .load_style(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic);
    for e in &matching[..shown] {
        table.add_row(vec![
            handles.get(&e.id).cloned().unwrap_or_else(|| e.id.clone()),
            super::when(&e.created),
            kind_label(&e.kind).to_string(),
            gist(e),
            e.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        ]);
    }
    println!("{table}");
    if shown < matching.len() {
        println!(
            "{}",
            style(format!(
                "{shown} of {} shown; -n 0 shows them all",
                matching.len()
            ))
            .dim()
        );
    }
    Ok(())
}

/// A few words that tell entries apart: motivation, then the first words typed.
fn gist(e: &Entry) -> String {
    let mut parts = Vec::new();
    if let Some(a) = e.answers.iter().find(|a| a.measures == "motivation")
        && let Some(Value::Int(n)) = a.value
    {
        parts.push(format!("motivation {n}"));
    }
    if let Some(Value::Text(t)) = e
        .answers
        .iter()
        .find(|a| matches!(a.value, Some(Value::Text(_))))
        .and_then(|a| a.value.as_ref())
    {
        parts.push(shorten(t, 48));
    }
    let skipped = e.answers.iter().filter(|a| a.skipped).count();
    if parts.is_empty() && skipped > 0 {
        parts.push("all skipped".into());
    }
    parts.join(" · ")
}

fn shorten(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max - 1).collect::<String>())
    }
}

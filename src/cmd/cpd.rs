//! `tend cpd`: each piece of CPD in the window, and the totals; with a
//! regulator set, progress towards its hours, never a shortfall.

use anyhow::Result;
use console::style;
use serde_json::json;

use crate::app::App;
use crate::cli::{CpdArgs, CpdFormat};
use crate::evidence::{Evidence, targets, window};
use crate::export::data::line;
use crate::journal::id;
use crate::output;
use crate::prompts::number;
use crate::summary::render::{md_cell, md_text};

pub fn run(app: &App, args: CpdArgs) -> Result<()> {
    let w = window(app, args.since.as_deref())?;
    let e = Evidence::gather(app, w)?;
    match args.format {
        CpdFormat::Text => text(app, &e),
        CpdFormat::Markdown => output::to_stdout(&markdown(app, &e)),
        CpdFormat::Csv => output::csv_to_stdout(&csv(&e)),
        CpdFormat::Json => outln!("{}", output::json(&as_json(app, &e))?),
    }
    Ok(())
}

/// "12 hours, 6 of them participatory".
pub fn totals(e: &Evidence) -> String {
    format!(
        "{} {}, {} of them participatory",
        number(e.hours()),
        if e.hours() == 1.0 { "hour" } else { "hours" },
        number(e.participatory())
    )
}

/// "Recorded so far: 12 of 35 hours, 6 of 20 participatory." Progress,
/// never what is left to do.
pub fn progress(app: &App, e: &Evidence) -> Option<String> {
    let t = targets(app.config.regulator)?;
    // Progress, never a shortfall; past the target, "40 hours (35 asked
    // for)" rather than "40 of 35".
    let of = |n: f64, t: f64, unit: &str| {
        if n < t {
            format!("{} of {} {unit}", number(n), number(t))
        } else {
            format!("{} {unit} ({} asked for)", number(n), number(t))
        }
    };
    Some(format!(
        "Recorded so far: {}, {}.",
        of(e.hours(), t.hours, "hours"),
        of(e.participatory(), t.participatory, "participatory")
    ))
}

const NONE_YET: &str = "No CPD recorded in this window yet. When you finish a reading, course or talk, `tend read --after` asks for its hours.";

fn text(app: &App, e: &Evidence) {
    let width = output::width();
    outln!("{}", style("CPD").bold());
    out!("{}", output::wrap(&e.window.sentence, "", "", width));
    outln!();
    if e.cpd.is_empty() {
        out!("{}", output::wrap(NONE_YET, "", "", width));
    } else {
        let mut t = output::Table::new(&[
            "day",
            "title",
            "activity",
            "hours",
            "participatory",
            "handle",
        ]);
        for c in &e.cpd {
            t.row(vec![
                c.day.format("%-d %b %Y").to_string(),
                format!("“{}”", c.title),
                c.activity.clone(),
                number(c.hours),
                number(c.participatory),
                id::handle(&c.id).to_string(),
            ]);
        }
        out!("{}", t.shorten_column(1).render(width));
        outln!();
        outln!(
            "Total: {} ({} {}).",
            totals(e),
            e.cpd.len(),
            if e.cpd.len() == 1 {
                "activity"
            } else {
                "activities"
            }
        );
    }
    if let Some(p) = progress(app, e) {
        outln!("{p}");
    }
    outln!(
        "{}",
        style("Your own record, to copy into your regulator's forms; `tend cpd --format csv` for a spreadsheet.").dim()
    );
}

fn markdown(app: &App, e: &Evidence) -> String {
    let mut o = format!("# CPD record\n\n{}\n\n", md_text(&e.window.sentence));
    if e.cpd.is_empty() {
        o += &format!("{}\n", md_text(NONE_YET));
    } else {
        o += "| Day | Title | Activity | Hours | Participatory hours |\n|---|---|---|---:|---:|\n";
        for c in &e.cpd {
            o += &format!(
                "| {} | {} | {} | {} | {} |\n",
                c.day,
                md_cell(&c.title),
                md_cell(&c.activity),
                number(c.hours),
                number(c.participatory)
            );
        }
        o += &format!("\n**Total:** {}.\n", totals(e));
    }
    if let Some(p) = progress(app, e) {
        o += &format!("\n{p}\n");
    }
    o += "\n_The leader's own record, not an official form._\n";
    o
}

fn csv(e: &Evidence) -> String {
    let mut o = format!("# CPD: {} Total: {}.\r\n", e.window.sentence, totals(e));
    o += &line(
        &[
            "day",
            "entry",
            "title",
            "activity",
            "hours",
            "participatory_hours",
        ]
        .map(String::from),
    );
    for c in &e.cpd {
        o += &line(&[
            c.day.to_string(),
            c.id.clone(),
            c.title.clone(),
            c.activity.clone(),
            number(c.hours),
            number(c.participatory),
        ]);
    }
    o
}

fn as_json(app: &App, e: &Evidence) -> serde_json::Value {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    json!({
        "window": {
            "since": e.window.since,
            "until": e.window.until,
            "basis": e.window.basis,
            "sentence": e.window.sentence,
        },
        "items": e.cpd.iter().map(|c| json!({
            "day": c.day,
            "entry": c.id,
            "title": c.title,
            "activity": c.activity,
            "hours": c.hours,
            "participatory_hours": c.participatory,
        })).collect::<Vec<_>>(),
        "totals": {
            "hours": round(e.hours()),
            "participatory_hours": round(e.participatory()),
        },
        "targets": targets(app.config.regulator).map(|t| json!({
            "regulator": app.config.regulator.map(|r| r.name()),
            "hours": t.hours,
            "participatory_hours": t.participatory,
        })),
    })
}

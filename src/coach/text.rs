//! The coach's views drawn as text for a terminal, and as Markdown and a
//! plain HTML page. Everything from a file (labels, noticed lines, the
//! leader's words) goes through `safe` before it is drawn.

use std::fmt::Write;

use super::Motivation;
use super::depth::{Depth, Words};
use super::triage::{Cell, KEY, Row};
use crate::export::html::esc;
use crate::output::{self, Table};
use crate::summary::render::{md_cell, sparkline_gaps};

/// Text from an export as it may be shown (see `output::shown`): every
/// character that would drive a terminal written as a visible escape.
fn safe(text: &str) -> String {
    output::shown(text).into_owned()
}

pub const NOT_SHARED: &str = "not shared";

/// A day in a table cell: "28 Oct", with a no-break space, so a narrow
/// column never parts the day from its month.
fn day(d: &chrono::NaiveDate) -> String {
    d.format("%-d\u{a0}%b").to_string()
}
const NONE: &str = "–";

fn cell<T>(c: &Cell<T>, show: impl Fn(&T) -> String) -> String {
    match c {
        Cell::Shared(v) => show(v),
        Cell::NotShared => NOT_SHARED.into(),
        Cell::Nothing => NONE.into(),
    }
}

pub fn motivation(m: &Motivation) -> String {
    match m.before {
        Some(b) => format!("{:.1}, was {b:.1}", m.recent),
        None => format!("{:.1}", m.recent),
    }
}

/// The flags of a row, one a line; "not shared" when the leader kept
/// what tend noticed to themselves.
pub fn flags(r: &Row) -> String {
    if !r.noticed_shared {
        return NOT_SHARED.into();
    }
    if r.flags.is_empty() {
        return NONE.into();
    }
    r.flags
        .iter()
        .map(|f| f.short(day))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cells of a row; `wide` adds the level and the trend.
pub fn cells(r: &Row, wide: bool) -> Vec<String> {
    let mut c = vec![
        safe(&r.label),
        cell(&r.last_checkin, day),
        cell(&r.checkin_days, |(c, d)| format!("{c} of {d}")),
        cell(&r.motivation, motivation),
        flags(r),
        cell(&r.readings_finished, u64::to_string),
    ];
    if wide {
        c.insert(1, safe(&r.level));
        c.push(cell(&r.trend, |t| sparkline_gaps(t)));
    }
    c
}

pub fn header(wide: bool) -> Vec<&'static str> {
    let mut h = vec![
        "leader",
        "last",
        "days",
        "motivation",
        "what changed",
        "read",
    ];
    if wide {
        h.insert(1, "level");
        h.push("trend");
    }
    h
}

/// From this width the table adds each leader's level and trend.
pub const WIDE_FROM: usize = 110;

/// The triage: the table, its key, and what to know about the files.
pub fn triage(rows: &[Row], notes: &[String], width: usize) -> String {
    let wide = width >= WIDE_FROM;
    let mut t = Table::new(&header(wide));
    for r in rows {
        t.row(cells(r, wide));
    }
    let mut o = t.render(width);
    o.push('\n');
    o += &output::wrap(KEY, "", "", width);
    if !notes.is_empty() {
        o += "\nWorth knowing:\n";
        for n in notes {
            o += &output::wrap(&safe(n), "  · ", "    ", width);
        }
    }
    o += "\n";
    o += &output::wrap(
        "One leader in depth, with questions to begin a conversation: tend review FILES --leader LABEL (or --detail for everyone).",
        "",
        "",
        width,
    );
    o
}

fn weeks(days: i64) -> String {
    let w = days as f64 / 7.0;
    if w.fract() == 0.0 {
        format!("{w:.0} week{}", if w == 1.0 { "" } else { "s" })
    } else {
        format!("{w:.1} weeks")
    }
}

fn per_week(n: u64, days: i64) -> String {
    if days == 0 {
        return NONE.into();
    }
    format!("{n} ({:.1} a week)", n as f64 / days as f64 * 7.0)
}

fn words_heading(w: &Words) -> String {
    let mut h = format!("{} · {}", w.date.format("%a %-d %b %Y"), w.kind);
    if let Some(t) = &w.title {
        h += &format!(" · “{t}”");
    }
    h
}

/// Each part of one leader in depth as (heading, lines), for every format.
fn depth_parts(d: &Depth) -> Vec<(String, Vec<String>)> {
    let mut parts = Vec::new();
    let not_shared = || vec![format!("{NOT_SHARED}.")];
    parts.push((
        "What tend noticed".to_string(),
        match &d.noticed {
            Cell::Shared(n) => n.iter().map(|x| safe(x)).collect(),
            Cell::NotShared => not_shared(),
            Cell::Nothing => vec!["Nothing in this period.".into()],
        },
    ));
    if !d.openers.is_empty() {
        parts.push(("Questions to begin with".to_string(), d.openers.clone()));
    }
    parts.push((
        "Behaviours reflected on".to_string(),
        match &d.behaviours {
            Cell::Shared(b) => b
                .each
                .iter()
                .map(|e| {
                    format!(
                        "{}: {} in the last {}; {} in the {} before",
                        e.behaviour.as_str(),
                        per_week(e.recent, b.recent_days),
                        weeks(b.recent_days),
                        per_week(e.before, b.before_days),
                        weeks(b.before_days),
                    )
                })
                .collect(),
            Cell::NotShared => not_shared(),
            Cell::Nothing => vec!["None in this period.".into()],
        },
    ));
    let span = match (d.periods.first(), d.periods.last()) {
        (Some(a), Some(b)) => format!(" ({} to {}, oldest first)", safe(a), safe(b)),
        _ => String::new(),
    };
    parts.push((
        format!("Core needs, 1 to 5{span}"),
        match &d.needs {
            Cell::Shared(ns) => ns
                .iter()
                .map(|n| {
                    let vals: Vec<String> = n
                        .values
                        .iter()
                        .map(|v| v.map_or("·".into(), |x| format!("{x:.1}")))
                        .collect();
                    format!("{}: {}", n.need.as_str(), vals.join(" "))
                })
                .collect(),
            Cell::NotShared => not_shared(),
            Cell::Nothing => vec!["No weekly check-ins in this period.".into()],
        },
    ));
    parts.push((
        "Actions".to_string(),
        match &d.actions {
            Cell::Shared(a) => {
                let mut l = vec![format!(
                    "{} set: {} done, {} partly, {} dropped; {} open now.",
                    a.opened, a.done, a.partly, a.dropped, a.open_now
                )];
                for (text, due) in &a.past_their_day {
                    l.push(match text {
                        Some(t) => {
                            format!("Past its day: “{}” (for {})", safe(t), due.format("%-d %b"))
                        }
                        None => format!("Past its day: one set for {}", due.format("%-d %b")),
                    });
                }
                l
            }
            Cell::NotShared => not_shared(),
            Cell::Nothing => vec!["None in this period.".into()],
        },
    ));
    parts
}

fn depth_title(d: &Depth) -> String {
    format!(
        "{} · {} level · {} to {}",
        safe(&d.label),
        safe(&d.level),
        d.since.format("%-d %b %Y"),
        d.until.format("%-d %b %Y")
    )
}

const WORDS_HEADING: &str = "In their own words";

/// One leader in depth, for a terminal.
pub fn depth(d: &Depth, width: usize) -> String {
    let mut o = output::wrap(&depth_title(d), "", "", width);
    o += &output::wrap(&safe(&d.made), "", "", width);
    for (head, lines) in depth_parts(d) {
        o += "\n";
        o += &output::wrap(&head, "", "", width);
        for l in lines {
            o += &output::wrap(&l, "  · ", "    ", width);
        }
    }
    o += "\n";
    o += &output::wrap(WORDS_HEADING, "", "", width);
    match &d.words {
        Cell::Shared(ws) => {
            for w in ws {
                o += &output::wrap(&words_heading(w), "  ", "  ", width);
                o += &output::wrap(&safe(&w.question), "    ", "    ", width);
                o += &output::wrap(&safe(&w.text), "    > ", "      ", width);
            }
        }
        Cell::NotShared => o += "  · not shared at this level.\n",
        Cell::Nothing => o += "  · Nothing written in this period.\n",
    }
    o
}

/// The review as Markdown: the triage, then each leader asked for in depth.
pub fn markdown(rows: &[Row], notes: &[String], depths: &[Depth]) -> String {
    let mut o = String::from("# Review\n\n");
    let h = header(true);
    let _ = writeln!(o, "| {} |", h.join(" | "));
    let _ = writeln!(o, "|{}", "---|".repeat(h.len()));
    for r in rows {
        let c: Vec<String> = cells(r, true)
            .iter()
            .map(|c| md_cell(&c.replace('\n', "; ")))
            .collect();
        let _ = writeln!(o, "| {} |", c.join(" | "));
    }
    let _ = writeln!(o, "\n_{KEY}_");
    if !notes.is_empty() {
        o += "\n";
        for n in notes {
            let _ = writeln!(o, "- {}", md_cell(&safe(n)));
        }
    }
    for d in depths {
        let _ = write!(
            o,
            "\n## {}\n\n{}\n",
            md_cell(&depth_title(d)),
            md_cell(&safe(&d.made))
        );
        for (head, lines) in depth_parts(d) {
            let _ = write!(o, "\n### {}\n\n", md_cell(&head));
            for l in lines {
                let _ = writeln!(o, "- {}", md_cell(&l));
            }
        }
        let _ = write!(o, "\n### {WORDS_HEADING}\n\n");
        match &d.words {
            Cell::Shared(ws) => {
                for w in ws {
                    let _ = writeln!(
                        o,
                        "- **{}**, {}: {}",
                        md_cell(&words_heading(w)),
                        md_cell(&safe(&w.question)),
                        md_cell(&safe(&w.text))
                    );
                }
            }
            Cell::NotShared => o += "- not shared at this level.\n",
            Cell::Nothing => o += "- Nothing written in this period.\n",
        }
    }
    o
}

/// The review as one plain, self-contained HTML page.
pub fn html(rows: &[Row], notes: &[String], depths: &[Depth]) -> String {
    let mut o = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Review</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:0 auto;padding:1rem;color:#1f2933}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}.scroll{overflow-x:auto}</style></head><body><h1>Review</h1><div class=\"scroll\"><table><thead><tr>",
    );
    for h in header(true) {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    o += "</tr></thead><tbody>";
    for r in rows {
        o += "<tr>";
        for c in cells(r, true) {
            let _ = write!(o, "<td>{}</td>", esc(&c.replace('\n', "; ")));
        }
        o += "</tr>";
    }
    o += "</tbody></table></div>";
    let _ = write!(o, "<p>{}</p>", esc(KEY));
    if !notes.is_empty() {
        o += "<ul>";
        for n in notes {
            let _ = write!(o, "<li>{}</li>", esc(n));
        }
        o += "</ul>";
    }
    for d in depths {
        let _ = write!(
            o,
            "<section><h2>{}</h2><p>{}</p>",
            esc(&d.label),
            esc(&d.made)
        );
        for (head, lines) in depth_parts(d) {
            let _ = write!(o, "<h3>{}</h3><ul>", esc(&head));
            for l in lines {
                let _ = write!(o, "<li>{}</li>", esc(&l));
            }
            o += "</ul>";
        }
        let _ = write!(o, "<h3>{WORDS_HEADING}</h3><ul>");
        match &d.words {
            Cell::Shared(ws) => {
                for w in ws {
                    let _ = write!(
                        o,
                        "<li>{}, {}: {}</li>",
                        esc(&words_heading(w)),
                        esc(&w.question),
                        esc(&w.text)
                    );
                }
            }
            Cell::NotShared => o += "<li>not shared at this level.</li>",
            Cell::Nothing => o += "<li>Nothing written in this period.</li>",
        }
        o += "</ul></section>";
    }
    o += "</body></html>\n";
    o
}

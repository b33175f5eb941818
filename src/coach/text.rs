//! The coach's views drawn as text for a terminal and as Markdown (the
//! page is `page`). Everything from a file (labels, noticed lines, the
//! leader's words) goes through `safe` before it is drawn.

use std::fmt::Write;

use super::Motivation;
use super::depth::{Depth, Words};
use super::triage::{Cell, KEY, Row};
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
pub(super) fn day(d: &chrono::NaiveDate) -> String {
    d.format("%-d\u{a0}%b").to_string()
}
const NONE: &str = "–";

pub(super) fn cell<T>(c: &Cell<T>, show: impl Fn(&T) -> String) -> String {
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

/// A span as a person says it: whole weeks, or else days ("25 days", never
/// "3.6 weeks").
fn weeks(days: i64) -> String {
    match (days % 7, days / 7) {
        (0, 1) => "week".into(),
        (0, w) => format!("{w} weeks"),
        _ => format!("{days} days"),
    }
}

fn per_week(n: u64, days: i64) -> String {
    if days == 0 {
        return NONE.into();
    }
    format!("{n} ({:.1} a week)", n as f64 / days as f64 * 7.0)
}

pub(super) fn words_heading(w: &Words) -> String {
    let mut h = format!("{} · {}", w.date.format("%a %-d %b %Y"), w.kind);
    if let Some(t) = &w.title {
        h += &format!(" · “{t}”");
    }
    h
}

/// Each behaviour in the last four weeks against the weeks before.
pub(super) fn behaviour_lines(d: &Depth) -> Vec<String> {
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
        Cell::NotShared => vec![format!("{NOT_SHARED}.")],
        Cell::Nothing => vec!["None in this period.".into()],
    }
}

/// How the actions went, and each one past its day.
pub(super) fn action_lines(d: &Depth) -> Vec<String> {
    match &d.actions {
        Cell::Shared(a) => {
            let mut l = vec![format!(
                "{} set: {} done, {} partly, {} dropped; {} open now.",
                a.opened, a.done, a.partly, a.dropped, a.open_now
            )];
            for (text, due) in &a.past_their_day {
                l.push(match text {
                    Some(t) => format!("Past its day: “{t}” (for {})", due.format("%-d %b")),
                    None => format!("Past its day: one set for {}", due.format("%-d %b")),
                });
            }
            l
        }
        Cell::NotShared => vec![format!("{NOT_SHARED}.")],
        Cell::Nothing => vec!["None in this period.".into()],
    }
}

/// What tend noticed, or why there is nothing to say.
pub(super) fn noticed_lines(d: &Depth) -> Vec<String> {
    match &d.noticed {
        Cell::Shared(n) => n.clone(),
        Cell::NotShared => vec![format!("{NOT_SHARED}.")],
        Cell::Nothing => vec!["Nothing in this period.".into()],
    }
}

pub(super) const NOTICED_HEADING: &str = "What tend noticed";
pub(super) const OPENERS_HEADING: &str = "Questions to begin with";
pub(super) const BEHAVIOURS_HEADING: &str = "Behaviours reflected on";
pub(super) const ACTIONS_HEADING: &str = "Actions";

/// Each part of one leader in depth as (heading, lines), for every format.
/// The lines hold the export's text as it is: each format makes it safe
/// for where it goes.
fn depth_parts(d: &Depth) -> Vec<(String, Vec<String>)> {
    let mut parts = vec![(NOTICED_HEADING.to_string(), noticed_lines(d))];
    if !d.openers.is_empty() {
        parts.push((OPENERS_HEADING.to_string(), d.openers.clone()));
    }
    parts.push((BEHAVIOURS_HEADING.to_string(), behaviour_lines(d)));
    let span = match (d.periods.first(), d.periods.last()) {
        (Some(a), Some(b)) => format!(" ({a} to {b}, oldest first)"),
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
            Cell::NotShared => vec![format!("{NOT_SHARED}.")],
            Cell::Nothing => vec!["No weekly check-ins in this period.".into()],
        },
    ));
    parts.push((ACTIONS_HEADING.to_string(), action_lines(d)));
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

pub(super) const WORDS_HEADING: &str = "In their own words";

/// One leader in depth, for a terminal.
pub fn depth(d: &Depth, width: usize) -> String {
    let mut o = output::wrap(&depth_title(d), "", "", width);
    o += &output::wrap(&safe(&d.made), "", "", width);
    for (head, lines) in depth_parts(d) {
        o += "\n";
        o += &output::wrap(&safe(&head), "", "", width);
        for l in lines {
            o += &output::wrap(&safe(&l), "  · ", "    ", width);
        }
    }
    o += "\n";
    o += &output::wrap(WORDS_HEADING, "", "", width);
    match &d.words {
        Cell::Shared(ws) => {
            for w in ws {
                o += &output::wrap(&safe(&words_heading(w)), "  ", "  ", width);
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
            let _ = write!(o, "\n### {}\n\n", md_cell(&safe(&head)));
            for l in lines {
                let _ = writeln!(o, "- {}", md_cell(&safe(&l)));
            }
        }
        let _ = write!(o, "\n### {WORDS_HEADING}\n\n");
        match &d.words {
            Cell::Shared(ws) => {
                for w in ws {
                    let _ = writeln!(
                        o,
                        "- **{}**, {}: {}",
                        md_cell(&safe(&words_heading(w))),
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

#[cfg(test)]
mod tests {
    #[test]
    fn spans_are_whole_weeks_or_days() {
        assert_eq!(super::weeks(7), "week");
        assert_eq!(super::weeks(28), "4 weeks");
        assert_eq!(super::weeks(25), "25 days");
    }
}

//! The review as one page a coach can open, keep or print: the triage
//! table with a motivation sparkline per leader, the key, then a card per
//! leader with what tend noticed, questions to begin with and the words
//! the leader chose to share. Drawn from the same data as the text views;
//! nothing is worked out again here. The page's building blocks (shell,
//! shared style, sparklines, escaping) are `crate::export::html`'s.
//!
//! Every piece of text from an export goes through `esc`, which also leaves
//! out control characters. Printed, each card starts a new page; under
//! 600 pixels wide, each table row stacks into a block of labelled lines.

use std::fmt::Write;

use super::depth::{Depth, Words};
use super::text::{
    self, ACTIONS_HEADING, BEHAVIOURS_HEADING, NOT_SHARED, NOTICED_HEADING, OPENERS_HEADING,
    WORDS_HEADING,
};
use super::triage::{Cell, KEY, Row};
use crate::export::html::{BASE_STYLE, esc, page, sparkline};
use crate::summary::render::cap;

const STYLE: &str = "
body{max-width:72rem}
h2{margin-top:1rem}
.triage th[scope=row]{font-weight:600}
.triage td ul{margin:0;padding-left:1rem}
svg.spark{display:block;width:120px;height:28px}
.key{color:#52606d;font-size:.9rem}
.notes li{margin:.2rem 0}
.card{border:1px solid #d9e2ec;border-radius:6px;padding:0 1.25rem 1rem;margin:2rem 0}
.card h2{border-bottom:0}
.card li{margin:.25rem 0}
.openers li{font-style:italic}
.needs{width:auto}.needs th{font-weight:400;padding-right:1rem}.needs td,.needs th{border:0;padding:.1rem .5rem .1rem 0;vertical-align:middle}
.when{color:#52606d;font-size:.85rem;margin:.8rem 0 0}
@media (max-width:600px){
body{padding:.5rem}
.triage thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.triage,.triage tbody,.triage tr{display:block;width:auto}
.triage tr{border:1px solid #d9e2ec;border-radius:6px;margin:.75rem 0;padding:.4rem .6rem}
.triage th,.triage td{display:grid;grid-template-columns:6.5rem 1fr;gap:.5rem;border:0;padding:.15rem 0}
.triage th::before,.triage td::before{content:attr(data-label);color:#52606d;font-weight:400}
.card{padding:0 .75rem .75rem;margin:1.5rem 0}
}
@media print{
body{max-width:none;font-size:11pt;padding:0}
.scroll{overflow:visible}.triage tr{break-inside:avoid}
.card{break-before:page;border:0;padding:0;margin:0}
.card h3{break-after:avoid}.card li,.words,.needs{break-inside:avoid}
}
";

/// The columns of the triage table, with what each says when stacked.
const COLUMNS: [&str; 8] = [
    "leader",
    "level",
    "last",
    "days",
    "motivation",
    "trend",
    "what changed",
    "read",
];

/// Text from an export or tend's own, as a table cell labelled for the
/// stacked view.
fn td(o: &mut String, column: usize, inner: &str) {
    let _ = write!(o, "<td data-label=\"{}\">{inner}</td>", COLUMNS[column]);
}

fn row(o: &mut String, r: &Row) {
    o.push_str("<tr>");
    let _ = write!(
        o,
        "<th scope=\"row\" data-label=\"{}\">{}</th>",
        COLUMNS[0],
        esc(&r.label)
    );
    td(o, 1, &esc(&r.level));
    td(o, 2, &esc(&text::cell(&r.last_checkin, text::day)));
    td(
        o,
        3,
        &esc(&text::cell(&r.checkin_days, |(c, d)| format!("{c} of {d}"))),
    );
    td(o, 4, &esc(&text::cell(&r.motivation, text::motivation)));
    td(
        o,
        5,
        &match &r.trend {
            Cell::Shared(t) => sparkline(
                &format!("Motivation by {}, oldest first", r.by),
                "no rating",
                t,
                1.0,
                10.0,
            ),
            other @ (Cell::NotShared | Cell::Nothing) => esc(&text::cell(other, |_| String::new())),
        },
    );
    let changed = if r.noticed_shared && !r.flags.is_empty() {
        let mut l = String::from("<ul>");
        for f in &r.flags {
            let _ = write!(l, "<li>{}</li>", esc(&f.short(text::day)));
        }
        l + "</ul>"
    } else {
        esc(&text::flags(r))
    };
    td(o, 6, &changed);
    td(
        o,
        7,
        &esc(&text::cell(&r.readings_finished, u64::to_string)),
    );
    o.push_str("</tr>");
}

fn list(o: &mut String, heading: &str, class: &str, lines: &[String]) {
    let _ = write!(o, "<h3>{}</h3><ul class=\"{class}\">", esc(heading));
    for l in lines {
        let _ = write!(o, "<li>{}</li>", esc(l));
    }
    o.push_str("</ul>");
}

fn needs(o: &mut String, d: &Depth) {
    let span = match (d.periods.first(), d.periods.last()) {
        (Some(a), Some(b)) => format!(", {a} to {b}"),
        _ => String::new(),
    };
    let _ = write!(o, "<h3>{}</h3>", esc(&format!("Core needs, 1 to 5{span}")));
    match &d.needs {
        Cell::Shared(ns) => {
            o.push_str("<table class=\"needs\"><tbody>");
            for n in ns {
                let name = n.need.as_str();
                let _ = write!(
                    o,
                    "<tr><th scope=\"row\">{name}</th><td>{}</td></tr>",
                    sparkline(
                        &format!("{} by {}, oldest first", cap(name), d.by),
                        "no weekly check-in",
                        &n.values,
                        1.0,
                        5.0
                    )
                );
            }
            o.push_str("</tbody></table>");
        }
        Cell::NotShared => {
            let _ = write!(o, "<p class=\"sparse\">{NOT_SHARED}.</p>");
        }
        Cell::Nothing => o.push_str("<p class=\"sparse\">No weekly check-ins in this period.</p>"),
    }
}

fn words(o: &mut String, w: &Words) {
    let _ = write!(
        o,
        "<div class=\"words\"><p class=\"when\">{}</p><p class=\"q\">{}</p><blockquote>{}</blockquote></div>",
        esc(&text::words_heading(w)),
        esc(&w.question),
        esc(&w.text)
    );
}

fn card(o: &mut String, d: &Depth) {
    let _ = write!(
        o,
        "<section class=\"card\"><h2>{}</h2><p class=\"meta\">{}</p><p class=\"meta\">{}</p>",
        esc(&d.label),
        esc(&format!(
            "{} level · {} to {}",
            d.level,
            d.since.format("%-d %b %Y"),
            d.until.format("%-d %b %Y")
        )),
        esc(&d.made)
    );
    list(o, NOTICED_HEADING, "noticed", &text::noticed_lines(d));
    if !d.openers.is_empty() {
        list(o, OPENERS_HEADING, "openers", &d.openers);
    }
    list(
        o,
        BEHAVIOURS_HEADING,
        "behaviours",
        &text::behaviour_lines(d),
    );
    needs(o, d);
    list(o, ACTIONS_HEADING, "actions", &text::action_lines(d));
    let _ = write!(o, "<h3>{WORDS_HEADING}</h3>");
    match &d.words {
        Cell::Shared(ws) => ws.iter().for_each(|w| words(o, w)),
        Cell::NotShared => {
            let _ = write!(o, "<p class=\"sparse\">{NOT_SHARED} at this level.</p>");
        }
        Cell::Nothing => o.push_str("<p class=\"sparse\">Nothing written in this period.</p>"),
    }
    o.push_str("</section>");
}

/// The grouping most exports share, for the key ("week" or "month").
fn by(rows: &[Row]) -> &str {
    let months = rows.iter().filter(|r| r.by == "month").count();
    if months * 2 > rows.len() {
        "month"
    } else {
        "week"
    }
}

/// The review as one self-contained HTML page: the triage for every
/// leader, its key and notes, then a card for each leader in `depths`.
pub fn html(rows: &[Row], notes: &[String], depths: &[Depth]) -> String {
    let mut o = String::from("<h1>Review</h1>");
    let _ = write!(
        o,
        "<p class=\"meta\">{} leader{}. A card for each follows the table; printed, each card is a page of its own.</p>",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    );
    o.push_str("<div class=\"scroll\"><table class=\"triage\"><thead><tr>");
    for h in COLUMNS {
        let _ = write!(o, "<th scope=\"col\">{h}</th>");
    }
    o.push_str("</tr></thead><tbody>");
    for r in rows {
        row(&mut o, r);
    }
    o.push_str("</tbody></table></div>");
    let _ = write!(
        o,
        "<p class=\"key\">{} Trend: average motivation per {}, oldest first, on the same 1 to 10 scale for everyone; a break in the line is a {} without a rating.</p>",
        esc(KEY),
        by(rows),
        by(rows)
    );
    if !notes.is_empty() {
        o.push_str("<h3>Worth knowing</h3><ul class=\"notes\">");
        for n in notes {
            let _ = write!(o, "<li>{}</li>", esc(n));
        }
        o.push_str("</ul>");
    }
    for d in depths {
        card(&mut o, d);
    }
    page("Review", &[BASE_STYLE, STYLE], &o)
}

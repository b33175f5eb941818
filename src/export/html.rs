//! The export as one self-contained HTML file: inline CSS and SVG charts, no
//! scripts and nothing fetched from anywhere. Every piece of text from the
//! journal is escaped. It prints cleanly and reads on a phone.

use std::fmt::Write;

use super::{Export, NOTHING_WRITTEN};
use crate::model::{Behaviour, Need, Part};
use crate::summary::render::{cap, headline, sections};

/// Text made safe to place in HTML, in elements and in attributes alike,
/// with control characters (and bidi overrides) left out.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Control characters mean nothing in a page and could drive a
            // terminal that shows its source; they are left out.
            c if crate::output::is_unsafe(c) => {}
            _ => o.push(c),
        }
    }
    o
}

/// What every page tend writes shares: type, colour, headings, tables and
/// quotes. Each page adds its own rules after it.
pub const BASE_STYLE: &str = "
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;background:#fff;max-width:50rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin-top:2rem;padding-bottom:.2rem;border-bottom:1px solid #d9e2ec}
h3{font-size:1rem;margin:1.2rem 0 .3rem}.meta{color:#52606d;font-size:.9rem;margin:.2rem 0}.sparse{color:#616e7c;font-style:italic}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}th{font-weight:600}
blockquote{margin:.3rem 0 .8rem;padding-left:.75rem;border-left:3px solid #9fb3c8;white-space:pre-wrap}
.q{font-weight:600;margin:.5rem 0 0}
";

const STYLE: &str = "
.noticed li{margin:.3rem 0}
svg{display:block;max-width:100%;height:auto;margin:.5rem 0}svg text{font:11px system-ui,sans-serif;fill:#52606d}
.entry{margin-bottom:1.2rem}
@media print{body{max-width:none;font-size:11pt;padding:0}h2{break-after:avoid}.entry,svg,table{break-inside:avoid}}
";

/// A whole page around `body`: one file that needs nothing else, with the
/// styles given (in order) inline, no scripts, nothing fetched, and a
/// viewport so it reads on a phone.
pub fn page(title: &str, styles: &[&str], body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{}</style></head><body>{body}</body></html>\n",
        esc(title),
        styles.concat()
    )
}

const COLOURS: [&str; 4] = ["#2f6f8f", "#b5651d", "#4c8c4a", "#8a4f9e"];

/// A line chart of one or more series over shared labels, on a fixed scale.
/// Gaps (None) break the line.
fn line_chart(
    title: &str,
    labels: &[String],
    series: &[(&str, Vec<Option<f64>>)],
    lo: f64,
    hi: f64,
) -> String {
    let (w, h, left, bottom, top) = (640.0, 200.0, 32.0, 24.0, 10.0);
    let n = labels.len().max(1);
    let x = |i: usize| {
        left + (w - left - 10.0)
            * if n == 1 {
                0.5
            } else {
                i as f64 / (n - 1) as f64
            }
    };
    let y = |v: f64| top + (h - top - bottom) * (1.0 - (v - lo) / (hi - lo));
    let mut o = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    let step = if hi - lo > 5.0 { 2.0 } else { 1.0 };
    let mut v = lo;
    while v <= hi {
        let _ = write!(
            o,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#e4e7eb\"/><text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>",
            w - 10.0,
            left - 6.0,
            y(v) + 4.0,
            y = y(v)
        );
        v += step;
    }
    for (i, l) in labels.iter().enumerate() {
        if i == 0 || i == n - 1 || (n > 2 && i == n / 2) {
            // The end labels lean inwards so they are never cut off.
            let anchor = if i == 0 && n > 1 {
                "start"
            } else if i == n - 1 && n > 1 {
                "end"
            } else {
                "middle"
            };
            let _ = write!(
                o,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
                x(i),
                h - 6.0,
                esc(l)
            );
        }
    }
    for (si, (name, values)) in series.iter().enumerate() {
        let colour = COLOURS[si % COLOURS.len()];
        for run in runs(values) {
            o += &polyline(&run, &x, &y, colour, 2.0);
        }
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(
                    o,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{colour}\"><title>{}: {v:.1}</title></circle>",
                    x(i),
                    y(*v),
                    esc(name)
                );
            }
        }
        if series.len() > 1 {
            let _ = write!(
                o,
                "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\">{}</text>",
                left + 8.0 + si as f64 * 120.0,
                h - bottom + 4.0,
                left + 22.0 + si as f64 * 120.0,
                h - bottom + 13.0,
                esc(name)
            );
        }
    }
    o.push_str("</svg>");
    o
}

/// The unbroken stretches of a series, each as (index, value): a gap
/// (None) ends one, so a line is never drawn across a period without a
/// value.
fn runs(values: &[Option<f64>]) -> Vec<Vec<(usize, f64)>> {
    let mut out: Vec<Vec<(usize, f64)>> = vec![Vec::new()];
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => out.last_mut().expect("never empty").push((i, *v)),
            None if out.last().is_some_and(|r| !r.is_empty()) => out.push(Vec::new()),
            None => {}
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// One stretch of a series as a line; a stretch of one point draws nothing
/// (a dot shows it).
fn polyline(
    run: &[(usize, f64)],
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
    colour: &str,
    width: f64,
) -> String {
    if run.len() < 2 {
        return String::new();
    }
    let points: Vec<String> = run
        .iter()
        .map(|(i, v)| format!("{:.1},{:.1}", x(*i), y(*v)))
        .collect();
    format!(
        "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"{width}\" stroke-linejoin=\"round\" points=\"{}\"/>",
        points.join(" ")
    )
}

/// A small line of values for a table cell, on a fixed scale so it never
/// exaggerates a change. A period without a value stays a gap: the line
/// breaks there rather than joining across it. Its label reads the
/// numbers out, oldest first, with `gap` for each empty period ("Motivation
/// by week: 5.2, 6.0, no rating, 4.8").
pub fn sparkline(what: &str, gap: &str, values: &[Option<f64>], lo: f64, hi: f64) -> String {
    let (w, h, pad) = (120.0, 28.0, 3.0);
    let n = values.len().max(1);
    let x = |i: usize| {
        pad + (w - 2.0 * pad)
            * if n == 1 {
                0.5
            } else {
                i as f64 / (n - 1) as f64
            }
    };
    let y = |v: f64| pad + (h - 2.0 * pad) * (1.0 - (v.clamp(lo, hi) - lo) / (hi - lo));
    let said: Vec<String> = values
        .iter()
        .map(|v| v.map_or(gap.to_string(), |v| format!("{v:.1}")))
        .collect();
    let label = esc(&format!("{what}: {}", said.join(", ")));
    let mut o = format!(
        "<svg class=\"spark\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{label}\"><title>{label}</title><line x1=\"0\" x2=\"{w}\" y1=\"{b}\" y2=\"{b}\" stroke=\"#e4e7eb\"/>",
        b = h - pad
    );
    let runs = runs(values);
    for run in &runs {
        o += &polyline(run, &x, &y, COLOURS[0], 1.5);
    }
    // A point alone between gaps, and the latest value, as dots.
    let last = values.iter().rposition(Option::is_some);
    for run in &runs {
        for (i, v) in run {
            if run.len() == 1 || Some(*i) == last {
                let _ = write!(
                    o,
                    "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2\" fill=\"{}\"/>",
                    x(*i),
                    y(*v),
                    COLOURS[0]
                );
            }
        }
    }
    o.push_str("</svg>");
    o
}

/// Horizontal bars with their values written beside them.
fn bar_chart(title: &str, items: &[(String, f64, String)], max: f64) -> String {
    let (w, row) = (640.0, 24.0);
    let h = row * items.len().max(1) as f64 + 8.0;
    let mut o = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\"><title>{}</title>",
        esc(title),
        esc(title)
    );
    for (i, (label, v, shown)) in items.iter().enumerate() {
        let y = 4.0 + i as f64 * row;
        let len = if max > 0.0 {
            (w - 260.0) * v / max
        } else {
            0.0
        };
        let _ = write!(
            o,
            "<text x=\"150\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"158\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"{}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            y + 15.0,
            esc(label),
            row - 8.0,
            COLOURS[0],
            164.0 + len,
            y + 15.0,
            esc(shown)
        );
    }
    o.push_str("</svg>");
    o
}

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut o = String::from("<div class=\"scroll\"><table><thead><tr>");
    for h in header {
        let _ = write!(o, "<th>{}</th>", esc(h));
    }
    o.push_str("</tr></thead><tbody>");
    for r in rows {
        o.push_str("<tr>");
        for c in r {
            let _ = write!(o, "<td>{}</td>", esc(c));
        }
        o.push_str("</tr>");
    }
    o.push_str("</tbody></table></div>");
    o
}

/// The whole export as one HTML page.
pub fn html(x: &Export) -> String {
    let s = &x.summary;
    let title = format!("Reflective journal: {}", x.label);
    let mut o = String::new();
    let _ = write!(o, "<h1>{}</h1>", esc(&title));
    let _ = write!(
        o,
        "<p class=\"meta\">{}</p><p class=\"meta\">{}</p>",
        esc(&x.statement()),
        esc(Export::REMINDER)
    );
    o.push_str("<h2>In short</h2>");
    for (line, key) in headline(s)
        .into_iter()
        .zip([Part::Rhythm, Part::Motivation])
    {
        if x.includes(key) {
            let _ = write!(o, "<p>{}</p>", esc(&line));
        }
    }
    if !s.noticed.is_empty() {
        o.push_str("<h3>What tend noticed</h3><ul class=\"noticed\">");
        for n in &s.noticed {
            let _ = write!(o, "<li>{}</li>", esc(&n.text));
        }
        o.push_str("</ul>");
    }
    for l in &s.not_enough_data {
        let _ = write!(o, "<p class=\"sparse\">{}</p>", esc(&l.text));
    }
    let labels: Vec<String> = s
        .periods
        .iter()
        .map(|p| p.label.trim_start_matches("w/c ").to_string())
        .collect();
    for sec in sections(s).into_iter().filter(|sec| x.includes(sec.key)) {
        let _ = write!(
            o,
            "<section><h2>{}</h2><p>{}</p>",
            esc(&sec.title),
            esc(&sec.sentence)
        );
        match sec.key {
            Part::Motivation if s.motivation.overall.is_some() => {
                let v: Vec<Option<f64>> = s
                    .periods
                    .iter()
                    .map(|p| p.motivation.map(|m| m.average))
                    .collect();
                o += &line_chart(
                    "Average motivation per period, 1 to 10",
                    &labels,
                    &[("motivation", v)],
                    1.0,
                    10.0,
                );
            }
            Part::Behaviours if s.behaviours.checkins > 0 => {
                let items: Vec<(String, f64, String)> = Behaviour::ALL
                    .map(Behaviour::as_str)
                    .iter()
                    .map(|b| {
                        let n = s.behaviours.counts.get(*b).copied().unwrap_or(0);
                        (b.to_string(), n as f64, n.to_string())
                    })
                    .collect();
                let max = items.iter().map(|i| i.1).fold(0.0, f64::max);
                o += &bar_chart("How often each behaviour was reflected on", &items, max);
            }
            Part::Needs if s.needs.weekly_checkins > 0 => {
                let series: Vec<(&str, Vec<Option<f64>>)> = Need::ALL
                    .map(Need::as_str)
                    .iter()
                    .map(|n| {
                        (
                            *n,
                            s.periods.iter().map(|p| p.needs.get(*n).copied()).collect(),
                        )
                    })
                    .collect();
                o += &line_chart("Core needs per period, 1 to 5", &labels, &series, 1.0, 5.0);
            }
            Part::Actions if s.actions.opened > 0 => {
                let items: Vec<(String, f64, String)> = s
                    .periods
                    .iter()
                    .filter(|p| p.actions_opened > 0)
                    .map(|p| {
                        let c = p.completion.unwrap_or(0.0);
                        (
                            p.label.clone(),
                            c * 100.0,
                            format!("{:.0}% of {}", c * 100.0, p.actions_opened),
                        )
                    })
                    .collect();
                o += &bar_chart("Share of each period's actions done", &items, 100.0);
            }
            // Parts whose table and lines say it all, and parts with nothing to chart.
            Part::Noticed
            | Part::Rhythm
            | Part::Motivation
            | Part::Behaviours
            | Part::SelfCare
            | Part::Needs
            | Part::Barriers
            | Part::Actions
            | Part::Readings
            | Part::Themes
            | Part::Answers => {}
        }
        for l in &sec.lines {
            let _ = write!(o, "<p>{}</p>", esc(l));
        }
        if !sec.rows.is_empty() {
            o += &table(&sec.header, &sec.rows);
        }
        o.push_str("</section>");
    }
    if let Some(line) = x.held_back_line() {
        let _ = write!(
            o,
            "<section><h2>Not shared</h2><p>{}</p></section>",
            esc(&line)
        );
    }
    o.push_str("<section><h2>In the leader's own words</h2>");
    let own = x.own_words();
    if let Some(why) = x.held_back(Part::Answers) {
        let _ = write!(o, "<p class=\"sparse\">{}.</p>", esc(&cap(why.words())));
    } else if own.is_empty() {
        let _ = write!(
            o,
            "<p class=\"sparse\">{} in this period.</p>",
            esc(&cap(NOTHING_WRITTEN))
        );
    }
    for (head, answers) in own {
        let _ = write!(o, "<div class=\"entry\"><h3>{}</h3>", esc(&head));
        for a in answers {
            let _ = write!(o, "<p class=\"q\">{}</p>", esc(&a.question));
            match a.withheld {
                Some(why) => {
                    let _ = write!(o, "<p class=\"sparse\">{}.</p>", esc(&cap(why.words())));
                }
                None => {
                    let _ = write!(o, "<blockquote>{}</blockquote>", esc(&a.value));
                }
            }
        }
        o.push_str("</div>");
    }
    o.push_str("</section>");
    page(&title, &[BASE_STYLE, STYLE], &o)
}

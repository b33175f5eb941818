//! Turning a summary into words: one document model (sections with a plain
//! sentence and a small table), drawn for a terminal or as Markdown, so both
//! always say the same thing.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use console::style;

use super::{By, Summary};
use crate::model::{Behaviour, Need, Part};

pub struct Section {
    /// Which part of the summary this is.
    pub key: Part,
    pub title: String,
    pub sentence: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub lines: Vec<String>,
}

impl Section {
    fn new(key: Part, title: &str, sentence: String) -> Section {
        Section {
            key,
            title: title.into(),
            sentence,
            header: Vec::new(),
            rows: Vec::new(),
            lines: Vec::new(),
        }
    }
}

/// Periods shown per table in a terminal (two years of weeks).
const TERMINAL_ROWS: usize = 104;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Values on 1-10 as a run of block characters, or in plain mode as
/// numbers ("6, 7.5, 5"), which a screen reader can read.
pub fn sparkline(values: &[f64]) -> String {
    let cells: Vec<String> = values.iter().map(|v| spark_cell(Some(*v), "")).collect();
    spark_join(&cells)
}

/// A sparkline over periods, where a period with no value stays a gap (a
/// dot; a dash in plain mode), so empty weeks are not squeezed out of the line.
pub fn sparkline_gaps(values: &[Option<f64>]) -> String {
    let cells: Vec<String> = values.iter().map(|v| spark_cell(*v, "·")).collect();
    spark_join(&cells)
}

/// One value of a sparkline: a bar, or `gap` when there is none; in plain
/// mode the number, or "–".
pub fn spark_cell(v: Option<f64>, gap: &str) -> String {
    match (v, crate::output::plain()) {
        (Some(v), false) => bar(v).to_string(),
        (None, false) => gap.to_string(),
        (Some(v), true) => format!("{}", (v * 10.0).round() / 10.0),
        (None, true) => "–".to_string(),
    }
}

/// What goes between a sparkline's cells: nothing between bars, a comma
/// between numbers.
pub fn spark_sep() -> &'static str {
    if crate::output::plain() { ", " } else { "" }
}

pub fn spark_join(cells: &[String]) -> String {
    cells.join(spark_sep())
}

fn bar(v: f64) -> char {
    let i = ((v.clamp(1.0, 10.0) - 1.0) / 9.0 * 7.0).round() as usize;
    BARS[i.min(7)]
}

pub fn cap(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "–".into())
}

/// The headline: a few lines a tired person can read first.
pub fn headline(s: &Summary) -> Vec<String> {
    let h = &s.headline;
    let mut lines = Vec::new();
    let mut first = format!(
        "Checked in on {} of {}.",
        h.checkin_days,
        plural(h.days, "day", "days")
    );
    if let (Some(t), Some(met)) = (h.weekly_target, h.weeks_meeting_target)
        && h.weeks > 0
    {
        first = format!(
            "Checked in on {} of {}; {met} of {} met your target of {t} days.",
            h.checkin_days,
            plural(h.days, "day", "days"),
            plural(h.weeks, "whole week", "whole weeks")
        );
    }
    lines.push(first);
    lines.push(match (h.motivation_average, &h.motivation_direction) {
        (Some(a), Some(d)) if d == "steady" => {
            format!("Motivation averaged {a:.1}, about steady lately.")
        }
        (Some(a), Some(d)) => format!("Motivation averaged {a:.1}, {d} lately."),
        (Some(a), None) => format!("Motivation averaged {a:.1}."),
        (None, _) => "No motivation ratings in this period.".into(),
    });
    lines
}

/// Every part of the summary as sections, in reading order.
pub fn sections(s: &Summary) -> Vec<Section> {
    let unit = match s.by {
        By::Week => "week",
        By::Month => "month",
    };
    vec![
        rhythm(s, unit),
        motivation(s, unit),
        behaviours(s, unit),
        self_care(s),
        needs(s, unit),
        barriers(s),
        actions(s, unit),
        readings(s),
        themes(s),
    ]
}

/// Rhythm: check-in days per period, the target and any streak.
fn rhythm(s: &Summary, unit: &str) -> Section {
    let mut sec = Section::new(
        Part::Rhythm,
        "Rhythm",
        format!(
            "You checked in on {} in this period.",
            plural(s.rhythm.checkin_days, "day", "days")
        ),
    );
    sec.header = vec![cap(unit), "check-in days".into()];
    if s.headline.weekly_target.is_some() {
        sec.header.push("target met".into());
    }
    for p in &s.periods {
        let mut row = vec![p.label.clone(), p.checkin_days.to_string()];
        if s.headline.weekly_target.is_some() {
            row.push(match p.met_target {
                Some(true) => "yes".into(),
                Some(false) => "not this time".into(),
                None => "–".into(),
            });
        }
        sec.rows.push(row);
    }
    if let Some(st) = &s.rhythm.streak {
        sec.lines.push(format!(
            "Streak: {} (longest {}).",
            plural(st.current, &st.unit[..st.unit.len() - 1], st.unit),
            st.longest
        ));
    }
    if !s.rhythm.rest_days.is_empty() {
        sec.lines
            .push(format!("Rest days: {}.", s.rhythm.rest_days.join(", ")));
    }
    sec
}

/// Motivation: the pulse, day by day and per period.
fn motivation(s: &Summary, unit: &str) -> Section {
    let m = &s.motivation;
    let mut sec = Section::new(
        Part::Motivation,
        "Motivation",
        match m.overall {
            // The average is over days; when some day had more than one
            // rating, say how many days.
            Some(o) => format!(
                "A pulse, not a verdict: {:.1} on average, from {} to {}, over {}{}.",
                o.average,
                o.lowest,
                o.highest,
                plural(o.count, "rating", "ratings"),
                if o.days == o.count {
                    String::new()
                } else {
                    format!(" on {}", plural(o.days, "day", "days"))
                }
            ),
            None => "No motivation ratings in this period.".into(),
        },
    );
    if !m.daily.is_empty() {
        let values: Vec<f64> = m.daily.iter().map(|(_, v)| *v).collect();
        if values.len() <= 120 {
            sec.lines
                .push(format!("Day by day: {}", sparkline(&values)));
        } else {
            let per: Vec<f64> = s
                .periods
                .iter()
                .filter_map(|p| p.motivation.map(|x| x.average))
                .collect();
            // A line a screen wide: the most recent periods.
            let recent = &per[per.len().saturating_sub(TERMINAL_ROWS)..];
            sec.lines.push(format!(
                "Average by {unit}{}: {}",
                if recent.len() < per.len() {
                    ", most recent"
                } else {
                    ""
                },
                sparkline(recent)
            ));
        }
    }
    sec.header = vec![
        cap(unit),
        "average".into(),
        "lowest".into(),
        "highest".into(),
        "ratings".into(),
    ];
    for p in &s.periods {
        sec.rows.push(match p.motivation {
            Some(x) => vec![
                p.label.clone(),
                format!("{:.1}", x.average),
                x.lowest.to_string(),
                x.highest.to_string(),
                x.count.to_string(),
            ],
            None => vec![
                p.label.clone(),
                "–".into(),
                "–".into(),
                "–".into(),
                "0".into(),
            ],
        });
    }
    sec
}

/// The four behaviours, and the one that came up least.
fn behaviours(s: &Summary, unit: &str) -> Section {
    let b = &s.behaviours;
    let sentence = match b.least.first() {
        Some(first) => {
            let n = b.counts.get(first).copied().unwrap_or(0);
            let times = plural(n, "time", "times");
            format!(
                "Across {}, {} came up least{}.",
                plural(b.checkins, "check-in", "check-ins"),
                and_list(&b.least),
                if b.least.len() > 1 {
                    format!(", {times} each")
                } else {
                    format!(" ({times})")
                }
            )
        }
        None => "No check-ins in this period.".into(),
    };
    let mut sec = Section::new(Part::Behaviours, "The four behaviours", sentence);
    sec.header = std::iter::once(cap(unit))
        .chain(
            Behaviour::ALL
                .map(Behaviour::as_str)
                .iter()
                .map(|b| b.to_string()),
        )
        .collect();
    for p in &s.periods {
        let mut row = vec![p.label.clone()];
        row.extend(
            Behaviour::ALL
                .map(Behaviour::as_str)
                .iter()
                .map(|b| p.behaviours.get(*b).copied().unwrap_or(0).to_string()),
        );
        sec.rows.push(row);
    }
    sec.rows.push(
        std::iter::once("all".to_string())
            .chain(
                Behaviour::ALL
                    .map(Behaviour::as_str)
                    .iter()
                    .map(|x| b.counts.get(*x).copied().unwrap_or(0).to_string()),
            )
            .collect(),
    );
    sec
}

/// Yourself: how often the question about yourself was answered.
fn self_care(s: &Summary) -> Section {
    Section::new(
        Part::SelfCare,
        "Yourself",
        if s.self_care.asked > 0 {
            format!(
                "You answered the question about yourself {} of {} times it was asked.",
                s.self_care.answered, s.self_care.asked
            )
        } else {
            "The question about yourself wasn't asked in this period.".into()
        },
    )
}

/// Core needs from weekly check-ins, and what strained them.
fn needs(s: &Summary, unit: &str) -> Section {
    let n = &s.needs;
    let mut sec = Section::new(
        Part::Needs,
        "Core needs (weekly check-ins)",
        if n.weekly_checkins == 0 {
            "No weekly check-ins in this period (tend checkin --pack weekly).".into()
        } else {
            format!(
                "From {}, on 1 to 5: {}.",
                plural(n.weekly_checkins, "weekly check-in", "weekly check-ins"),
                Need::ALL
                    .map(Need::as_str)
                    .iter()
                    .filter_map(|k| n.averages.get(*k).map(|v| format!("{k} {v:.1}")))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    );
    if n.weekly_checkins > 0 {
        sec.header = std::iter::once(cap(unit))
            .chain(Need::ALL.map(Need::as_str).iter().map(|x| x.to_string()))
            .collect();
        for p in s.periods.iter().filter(|p| !p.needs.is_empty()) {
            let mut row = vec![p.label.clone()];
            row.extend(Need::ALL.map(Need::as_str).iter().map(|k| {
                p.needs
                    .get(*k)
                    .map(|v| format!("{v:.1}"))
                    .unwrap_or("–".into())
            }));
            sec.rows.push(row);
        }
        if !n.strain_factors.is_empty() {
            sec.lines.push(format!(
                "Most often under strain: {}.",
                n.strain_factors
                    .iter()
                    .take(3)
                    .map(|c| format!("{} ({})", c.name, c.count))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    sec
}

/// What got in the way.
fn barriers(s: &Summary) -> Section {
    let mut sec = Section::new(
        Part::Barriers,
        "What got in the way",
        match s.barriers.first() {
            Some(c) => {
                let tied: Vec<String> = s
                    .barriers
                    .iter()
                    .take_while(|b| b.count == c.count)
                    .map(|b| b.name.clone())
                    .collect();
                format!(
                    "Named most often: {} ({}{}).",
                    and_list(&tied),
                    plural(c.count, "week", "weeks"),
                    if tied.len() > 1 { " each" } else { "" }
                )
            }
            None => "No barriers named in this period.".into(),
        },
    );
    if !s.barriers.is_empty() {
        sec.header = vec!["barrier".into(), "times".into()];
        sec.rows = s
            .barriers
            .iter()
            .map(|c| vec![c.name.clone(), c.count.to_string()])
            .collect();
    }
    sec
}

/// Actions set, followed up and past their day.
fn actions(s: &Summary, unit: &str) -> Section {
    let a = &s.actions;
    let follow_ups = if a.done + a.partly + a.still_going + a.dropped == 0 {
        "No follow-ups recorded yet.".to_string()
    } else {
        format!(
            "Follow-ups: {} done, {} partly, {} still going, {} let go.",
            a.done, a.partly, a.still_going, a.dropped
        )
    };
    let mut sec = Section::new(
        Part::Actions,
        "Actions",
        format!(
            "{} set in this period; {} done so far ({}). {follow_ups} {} open {}.",
            plural(a.opened, "action", "actions"),
            s.periods.iter().map(|p| p.actions_done).sum::<usize>(),
            pct(a.completion),
            a.open_now,
            open_at(s)
        ),
    );
    sec.header = vec![cap(unit), "set".into(), "done".into(), "completion".into()];
    for p in s.periods.iter().filter(|p| p.actions_opened > 0) {
        sec.rows.push(vec![
            p.label.clone(),
            p.actions_opened.to_string(),
            p.actions_done.to_string(),
            pct(p.completion),
        ]);
    }
    for o in &a.overdue {
        // At the summary export level the action's words are left out.
        sec.lines.push(if o.text.is_empty() {
            format!(
                "An action is past the day set for it ({}).",
                o.due.format("%-d %b %Y")
            )
        } else {
            format!(
                "Past the day you set: “{}” (for {}).",
                o.text,
                o.due.format("%-d %b %Y")
            )
        });
    }
    sec
}

/// Readings started, finished and open.
fn readings(s: &Summary) -> Section {
    let r = &s.readings;
    let mut sec = Section::new(
        Part::Readings,
        "Readings",
        format!(
            "{} started and {} finished in this period; {} open{}.",
            r.started,
            r.finished,
            r.open_count,
            if s.judged_today {
                String::new()
            } else {
                format!(" {}", open_at(s))
            }
        ),
    );
    for t in &r.open {
        sec.lines.push(format!("Open: “{t}”"));
    }
    for t in &r.finished_titles {
        sec.lines.push(format!("Finished: “{t}”"));
    }
    if !r.discussed_with.is_empty() {
        sec.lines.push(format!(
            "Talked over with: {}.",
            r.discussed_with
                .iter()
                .map(|c| format!("{} ({})", c.name, c.count))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    sec
}

/// Themes and tags.
fn themes(s: &Summary) -> Section {
    let mut sec = Section::new(
        Part::Themes,
        "Themes",
        if s.themes.is_empty() {
            "No words recur across entries yet.".into()
        } else {
            "Words that recur across your entries, with how many entries each is in.".into()
        },
    );
    if !s.themes.is_empty() {
        sec.lines.push(
            s.themes
                .iter()
                .map(|c| format!("{} ({})", c.name, c.count))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if !s.tags.is_empty() {
        sec.lines.push(format!(
            "Tags: {}",
            s.tags
                .iter()
                .map(|c| format!("#{} ({})", c.name, c.count))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    sec
}

pub fn title(s: &Summary) -> String {
    if s.from_first_entry {
        format!(
            "Your journal, from your first entry on {} to {}",
            s.since.format("%-d %b %Y"),
            s.until.format("%-d %b %Y")
        )
    } else {
        format!(
            "Your journal, {} to {}",
            s.since.format("%-d %b %Y"),
            s.until.format("%-d %b %Y")
        )
    }
}

/// When open actions and readings were judged: "now", or on the period's
/// last day for a period in the past.
pub(crate) fn open_at(s: &Summary) -> String {
    if s.judged_today {
        "now".into()
    } else {
        format!("on {}", s.judged_at.format("%-d %b %Y"))
    }
}

/// For a terminal `width` columns wide: headline and noticing first, then
/// each section. Prose is wrapped to the width.
pub fn table(s: &Summary, width: usize) -> String {
    let wrap = |text: &str, first: &str, rest: &str| crate::output::wrap(text, first, rest, width);
    let unit = match s.by {
        By::Week => "week",
        By::Month => "month",
    };
    let mut o = String::new();
    // The title can be long ("from your first entry on ..."): wrapped too.
    o += &format!("{}\n\n", style(wrap(&title(s), "", "").trim_end()).bold());
    for l in headline(s) {
        o += &wrap(&l, "  ", "  ");
    }
    if !s.noticed.is_empty() {
        o += &format!("\n  {}\n", style("What tend noticed").bold());
        for n in &s.noticed {
            o += &wrap(&n.text, "  · ", "    ");
        }
    }
    for l in &s.not_enough_data {
        for line in crate::output::wrap(&l.text, "", "", width.saturating_sub(2)).lines() {
            o += &format!("  {}\n", style(line).dim());
        }
    }
    for sec in sections(s) {
        o += &format!("\n{}\n", style(&sec.title).bold());
        o += &wrap(&sec.sentence, "  ", "  ");
        for l in &sec.lines {
            o += &wrap(l, "  ", "  ");
        }
        if !sec.rows.is_empty() {
            let mut t = crate::output::Table::new(&sec.header);
            // In a terminal, the most recent periods; an all-time summary by
            // week would otherwise scroll past thousands of rows. The "all"
            // row of a section stays.
            let periods = sec.rows.iter().filter(|r| r[0] != "all").count();
            let hidden = periods.saturating_sub(TERMINAL_ROWS);
            for r in sec.rows.iter().skip(hidden) {
                t.row(r.clone());
            }
            if hidden > 0 {
                o += &format!(
                    "  {}\n",
                    style(format!(
                        "The {hidden} earlier {unit}s are left out here; --by month groups them, and --format markdown or json has every one."
                    ))
                    .dim()
                );
            }
            // Side by side when the columns fit, else a block per period.
            o += &t.render_indented(width, 2);
        }
    }
    if s.unreadable.count > 0 {
        o += &format!(
            "\n{}\n",
            style(format!(
                "{} could not be read and {} left out (and untouched):",
                plural(s.unreadable.count, "file", "files"),
                if s.unreadable.count == 1 {
                    "was"
                } else {
                    "were"
                }
            ))
            .bold()
        );
        for f in &s.unreadable.files {
            o += &format!("  {f}\n");
        }
    }
    o
}

pub fn md_cell(s: &str) -> String {
    md_text(s).replace('|', "\\|").replace('\n', " ")
}

/// Text from a journal made inert in Markdown, and still readable: `<`,
/// `>` and `\` are backslash-escaped, and so are `!` before `[` and `]`
/// before `(`, `[` or `:`, so no HTML tag, image, link or link definition
/// is made of the leader's words and a rendered document loads nothing
/// (`[redacted]` stays as it is); control characters are shown as `\u{..}`
/// escapes.
pub fn md_text(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let opens = match c {
            '<' | '>' | '\\' => true,
            '!' => next == Some('['),
            ']' => matches!(next, Some('(' | '[' | ':')),
            _ => false,
        };
        if opens {
            o.push('\\');
        }
        o.push_str(&crate::output::shown(c.encode_utf8(&mut [0; 4])));
    }
    o
}

/// For a document: the same content as headings, lists and tables.
pub fn markdown(s: &Summary) -> String {
    format!("# {}\n\n{}", title(s), markdown_body(s, &|_| true))
}

/// The Markdown of the summary's parts that `keep` keeps (by section key),
/// without a title.
pub fn markdown_body(s: &Summary, keep: &dyn Fn(Part) -> bool) -> String {
    let mut o = String::new();
    for (l, key) in headline(s)
        .into_iter()
        .zip([Part::Rhythm, Part::Motivation])
    {
        if keep(key) {
            o += &format!("{l}\n");
        }
    }
    o += "\n";
    if !s.noticed.is_empty() {
        o += "## What tend noticed\n\n";
        for n in &s.noticed {
            o += &format!("- {}\n", md_text(&n.text));
        }
        o += "\n";
    }
    for l in &s.not_enough_data {
        o += &format!("_{}_\n\n", l.text);
    }
    for sec in sections(s).into_iter().filter(|sec| keep(sec.key)) {
        o += &format!("## {}\n\n{}\n\n", sec.title, sec.sentence);
        for l in &sec.lines {
            o += &format!("- {}\n", md_cell(l));
        }
        if !sec.lines.is_empty() {
            o += "\n";
        }
        if !sec.rows.is_empty() {
            o += &format!(
                "| {} |\n",
                sec.header
                    .iter()
                    .map(|h| md_cell(h))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            o += &format!("|{}\n", "---|".repeat(sec.header.len()));
            for r in &sec.rows {
                o += &format!(
                    "| {} |\n",
                    r.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | ")
                );
            }
            o += "\n";
        }
    }
    if s.unreadable.count > 0 {
        o += "## Files left out\n\n";
        for f in &s.unreadable.files {
            o += &format!("- `{f}`\n");
        }
    }
    o
}

/// A year of journal days, weeks as columns, shaded by motivation. The
/// shades are characters, so it reads the same without colour.
pub fn calendar(
    daily: &BTreeMap<NaiveDate, f64>,
    checkin_days: &[NaiveDate],
    until: NaiveDate,
) -> String {
    if crate::output::plain() {
        return calendar_in_words(daily, checkin_days, until);
    }
    let last_monday = until - Duration::days(until.weekday().num_days_from_monday() as i64);
    let first = last_monday - Duration::weeks(52);
    let weeks = 53;
    let mut o = String::new();
    // Month labels where a month starts.
    // One character a week, so a year fits an 80-column terminal.
    let mut labels = vec![' '; weeks + 3];
    for w in 0..weeks {
        let d = first + Duration::weeks(w as i64);
        if d.day() <= 7 {
            for (i, ch) in d.format("%b").to_string().chars().enumerate() {
                if let Some(c) = labels.get_mut(w + i) {
                    *c = ch;
                }
            }
        }
    }
    o += &format!("     {}\n", labels.iter().collect::<String>().trim_end());
    for (row, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
        o += &format!("{name}  ");
        for w in 0..weeks {
            let d = first + Duration::weeks(w as i64) + Duration::days(row as i64);
            let c = if d > until {
                ' '
            } else if let Some(v) = daily.get(&d) {
                match *v {
                    x if x < 4.0 => '░',
                    x if x < 6.0 => '▒',
                    x if x < 8.0 => '▓',
                    _ => '█',
                }
            } else if checkin_days.contains(&d) {
                '•'
            } else {
                '·'
            };
            o.push(c);
        }
        o = o.trim_end().to_string();
        o.push('\n');
    }
    o += "\n     · no check-in   • check-in, no rating   ░ 1-3   ▒ 4-5   ▓ 6-7   █ 8-10\n";
    o
}

/// The calendar's year in words, for plain mode: a line for each month with
/// a check-in, giving each day's motivation ("2 Nov: 6; 3 Nov: no rating").
fn calendar_in_words(
    daily: &BTreeMap<NaiveDate, f64>,
    checkin_days: &[NaiveDate],
    until: NaiveDate,
) -> String {
    let last_monday = until - Duration::days(until.weekday().num_days_from_monday() as i64);
    let first = last_monday - Duration::weeks(52);
    let mut days: Vec<NaiveDate> = checkin_days
        .iter()
        .chain(daily.keys())
        .copied()
        .filter(|d| (first..=until).contains(d))
        .collect();
    days.sort_unstable();
    days.dedup();
    if days.is_empty() {
        return "No check-ins in this year.\n".into();
    }
    let mut o = String::new();
    let mut i = 0;
    while i < days.len() {
        let month = days[i].format("%B %Y").to_string();
        let mut said = Vec::new();
        while i < days.len() && days[i].format("%B %Y").to_string() == month {
            let d = days[i];
            said.push(match daily.get(&d) {
                Some(v) => format!("{}: {}", d.format("%-d %b"), (v * 10.0).round() / 10.0),
                None => format!("{}: no rating", d.format("%-d %b")),
            });
            i += 1;
        }
        o += &format!(
            "{month}: {}. Motivation by day: {}.\n",
            plural(said.len(), "check-in day", "check-in days"),
            said.join("; ")
        );
    }
    o
}

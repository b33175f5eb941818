//! The summary on one screen: the period, the headline, what tend noticed,
//! then one line for each part, so nothing a tired leader came for scrolls
//! away before it is read. Every number is one the report already holds;
//! `--detail` (render::table) shows each part in full.

use console::{measure_text_width, style};

use super::render::{self, plural};
use super::{By, Summary};
use crate::model::{Behaviour, Need};
use crate::output;

/// What fits a 24-row terminal whole: `less -F` quits at once (rather than
/// wait for a key) only when the text leaves two rows free (less 590, tried
/// by hand), and then the line `tend summary` was typed on stays in view.
pub const LINES: usize = 22;

/// Labels sit in a column this wide, values to their right.
const LABEL: usize = 12;

/// The one-screen summary for a terminal `width` columns wide: at most
/// `LINES` lines, none wider than `width`.
pub fn one_screen(s: &Summary, width: usize) -> String {
    let wrap = |text: &str, first: &str, rest: &str| output::wrap(text, first, rest, width);
    let room = width.saturating_sub(LABEL);

    // A title from the first entry can be longer than a narrow screen.
    let mut top: String = wrap(&render::title(s), "", "")
        .lines()
        .map(|l| format!("{}\n", style(l).bold()))
        .collect();
    top.push('\n');
    for l in render::headline(s) {
        top += &wrap(&l, "  ", "  ");
    }

    let mut parts = String::new();
    for (label, value) in lines(s, room) {
        let text = wrap(&value, &format!("{label:LABEL$}"), &" ".repeat(LABEL));
        // The label is made bold after wrapping, so wrapping measures
        // plain text.
        parts += &format!("{}{}", style(label).bold(), &text[label.len()..]);
    }
    let mut end = String::new();
    // Nothing is lost quietly: a file left out is named, or counted.
    match s.unreadable.files.as_slice() {
        [] => {}
        [one] => {
            end += &wrap(
                &format!("1 file could not be read and was left out (and untouched): {one}"),
                "",
                "  ",
            );
        }
        files => {
            end += &wrap(
                &format!(
                    "{} files could not be read and were left out (and untouched); tend summary --detail names them.",
                    files.len()
                ),
                "",
                "",
            );
        }
    }
    let unit = match s.by {
        By::Week => "week",
        By::Month => "month",
    };
    for l in wrap(
        &format!("Each {unit} in full: tend summary --detail"),
        "",
        "",
    )
    .lines()
    {
        end += &format!("{}\n", style(l).dim());
    }

    // What tend noticed gets the lines the rest leaves: each notice whole,
    // in the order noticed, and a pointer to the rest if some do not fit.
    let count = |t: &str| t.lines().count();
    if !parts.is_empty() {
        parts.insert(0, '\n');
    }
    let fixed = count(&top) + count(&parts) + 1 + count(&end);
    let mut budget = LINES.saturating_sub(fixed);
    let mut noticed = String::new();
    if !s.noticed.is_empty() && budget >= 3 {
        let mut shown = format!("\n  {}\n", style("What tend noticed").bold());
        budget -= 2;
        for (i, n) in s.noticed.iter().enumerate() {
            let text = wrap(&n.text, "  · ", "    ");
            let left = s.noticed.len() - i - 1;
            // The last line of room is kept for "more" while notices remain.
            let needs = count(&text) + usize::from(left > 0);
            if needs > budget {
                let more = s.noticed.len() - i;
                let pointer = if i == 0 {
                    format!("{more} things, all in tend summary --detail")
                } else {
                    format!("and {more} more in tend summary --detail")
                };
                shown += &wrap(&pointer, "  · ", "    ");
                budget = 0;
                break;
            }
            shown += &text;
            budget -= count(&text);
        }
        noticed = shown;
    }
    // "Not enough data" lines are the least needed: only if they fit.
    for l in &s.not_enough_data {
        let text = output::wrap(&l.text, "  ", "  ", width);
        if count(&text) <= budget {
            budget -= count(&text);
            for line in text.lines() {
                noticed += &format!("{}\n", style(line).dim());
            }
        }
    }
    format!("{top}{noticed}{parts}\n{end}")
}

/// One (label, value) for each part that has something to say, each value
/// the fullest wording that fits `room` columns on one line.
fn lines(s: &Summary, room: usize) -> Vec<(&'static str, String)> {
    let unit = match s.by {
        By::Week => "week",
        By::Month => "month",
    };
    let fit = |wordings: &[String]| fullest(wordings, room);
    let mut out = Vec::new();

    // Rhythm: check-in days in each period (the latest that fit), and the
    // streak when streaks are on.
    if s.rhythm.checkin_days > 0 {
        let streak = s.rhythm.streak.as_ref().map_or(String::new(), |st| {
            format!(
                " · streak {} (longest {})",
                plural(st.current, &st.unit[..st.unit.len() - 1], st.unit),
                st.longest
            )
        });
        let days: Vec<String> = s
            .periods
            .iter()
            .map(|p| p.checkin_days.to_string())
            .collect();
        let all = format!("days each {unit}: {}{streak}", days.join(" "));
        let lead = format!("days each {unit}, latest: ");
        let latest = latest_that_fit(&days, " ", room.saturating_sub(lead.len() + streak.len()));
        out.push((
            "Rhythm",
            fit(&[all, format!("{lead}{}{streak}", latest.join(" "))]),
        ));
    }

    // Motivation: the average over days, each period's average as a bar
    // (a gap where a period had no rating), and which way it is going.
    if let Some(avg) = s.headline.motivation_average {
        let direction = match s.headline.motivation_direction.as_deref() {
            Some("steady") => " · steady over 6 weeks".to_string(),
            Some(d) => format!(" · {d} in the last 2 weeks"),
            None => String::new(),
        };
        let bars: Vec<String> = s
            .periods
            .iter()
            .map(|p| render::spark_cell(p.motivation.map(|m| m.average), " "))
            .collect();
        let head = format!("{avg:.1}  ");
        let sep = render::spark_sep();
        let latest = latest_that_fit(
            &bars,
            sep,
            room.saturating_sub(head.len() + direction.len()),
        );
        let all = render::spark_join(&bars);
        out.push((
            "Motivation",
            fit(&[
                format!("{head}{all} by {unit}{direction}"),
                format!("{head}{all}{direction}"),
                format!("{head}{}{direction}", latest.join(sep).trim_start()),
            ]),
        ));
    } else if s.rhythm.checkin_days > 0 {
        out.push(("Motivation", "no ratings in this period".into()));
    }

    // The four behaviours, in the order they are asked.
    let b = &s.behaviours;
    if b.checkins > 0 {
        let counts: Vec<String> = Behaviour::ALL
            .iter()
            .map(|x| {
                let name = x.as_str();
                format!("{name} {}", b.counts.get(name).copied().unwrap_or(0))
            })
            .collect();
        let checkins = plural(b.checkins, "check-in", "check-ins");
        let none = b.counts.values().all(|&c| c == 0);
        out.push((
            "Behaviours",
            fit(&[
                if none {
                    format!("none of the four came up in {checkins}")
                } else {
                    format!("{} ({checkins})", counts.join(" · "))
                },
                counts.join(" · "),
                counts.join(", "),
            ]),
        ));
    }

    if s.self_care.asked > 0 {
        out.push((
            "Yourself",
            match s.self_care.answered {
                0 => format!(
                    "asked {}, not answered yet",
                    plural(s.self_care.asked, "time", "times")
                ),
                n => format!(
                    "answered {n} of {} asked",
                    plural(s.self_care.asked, "time", "times")
                ),
            },
        ));
    }

    let n = &s.needs;
    if n.weekly_checkins > 0 {
        let values: Vec<String> = Need::ALL
            .iter()
            .filter_map(|k| {
                let k = k.as_str();
                n.averages.get(k).map(|v| format!("{k} {v:.1}"))
            })
            .collect();
        out.push((
            "Core needs",
            fit(&[
                format!("{} out of 5", values.join(" · ")),
                values.join(" · "),
                values.join(", "),
            ]),
        ));
    }

    let a = &s.actions;
    if a.opened > 0 || a.open_now > 0 {
        // A past period is judged as of its end: "open on 31 Oct 2026".
        let at = render::open_at(s);
        let (set, done) = if a.opened > 0 {
            (
                format!("{} set", a.opened),
                format!(" · {} done", render::pct(a.completion)),
            )
        } else {
            ("none set in this period".into(), String::new())
        };
        let so_far = if s.judged_today && a.opened > 0 {
            " so far"
        } else {
            ""
        };
        let late = a.overdue.len();
        let past = |words: &str| {
            if late > 0 {
                format!(" · {late} {words}")
            } else {
                String::new()
            }
        };
        out.push((
            "Actions",
            fit(&[
                format!(
                    "{set}{done}{so_far} · {} open {at}{}",
                    a.open_now,
                    past("past the day you set")
                ),
                format!("{set}{done} · {} open{}", a.open_now, past("past due")),
            ]),
        ));
    }

    let r = &s.readings;
    if r.started + r.finished + r.open_count > 0 {
        let counts = format!("{} started · {} finished", r.started, r.finished);
        let open = match r.open.as_slice() {
            [] if s.judged_today => "none open".to_string(),
            [] => format!("none open {}", render::open_at(s)),
            [one] => format!("open: “{one}”"),
            _ => format!("{} open", r.open_count),
        };
        out.push((
            "Readings",
            output::shorten(&format!("{counts} · {open}"), room),
        ));
    }

    if !s.themes.is_empty() {
        let names: Vec<String> = s.themes.iter().map(|c| c.name.clone()).collect();
        out.push(("Themes", first_that_fit(&names, ", ", room)));
    }
    out
}

/// The first of `wordings` (fullest first) that fits in `room` columns, or
/// the last, plainest one, to be wrapped.
fn fullest(wordings: &[String], room: usize) -> String {
    wordings
        .iter()
        .find(|w| measure_text_width(w) <= room)
        .or(wordings.last())
        .cloned()
        .unwrap_or_default()
}

/// The most items from the end of `items` that fit in `room` columns
/// joined by `sep`, oldest of them first.
fn latest_that_fit(items: &[String], sep: &str, room: usize) -> Vec<String> {
    let mut used = 0;
    let mut kept = Vec::new();
    for item in items.iter().rev() {
        let w = measure_text_width(item)
            + if kept.is_empty() {
                0
            } else {
                measure_text_width(sep)
            };
        if used + w > room {
            break;
        }
        used += w;
        kept.push(item.clone());
    }
    kept.reverse();
    kept
}

/// As many items from the start as fit in `room` columns joined by `sep`,
/// with "…" when some are left out.
fn first_that_fit(items: &[String], sep: &str, room: usize) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let next = if i == 0 {
            item.clone()
        } else {
            format!("{out}{sep}{item}")
        };
        // While more remain, room for the "…" that says so.
        let more = if i + 1 < items.len() {
            measure_text_width(sep) + 1
        } else {
            0
        };
        if measure_text_width(&next) + more > room {
            if i == 0 {
                return output::shorten(item, room);
            }
            return format!("{out}{sep}…");
        }
        out = next;
    }
    out
}

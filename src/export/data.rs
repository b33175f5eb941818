//! Exports for software: CSV (RFC 4180) and JSON (the summary's versioned
//! shape, with what the export includes).

use serde_json::{Value, json};

use super::Export;
use crate::model::{Behaviour, Need, Part};

/// One CSV field, quoted when it must be. A cell a spreadsheet would take
/// as a formula (one starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return, and not a plain number) gets a leading apostrophe, as
/// spreadsheets expect, so it shows as the text it is; a number, negative
/// or not, stays a number. Control characters are shown as `\u{..}`
/// escapes, as in the terminal.
fn field(s: &str) -> String {
    let is_number = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.' | 'e' | 'E'))
        && s.parse::<f64>().is_ok_and(f64::is_finite);
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number;
    // A CRLF inside a cell is the leader's line end, kept exactly.
    let s = s
        .split("\r\n")
        .map(crate::output::shown)
        .collect::<Vec<_>>()
        .join("\r\n");
    let s = if formula { format!("'{s}") } else { s };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn line(fields: &[String]) -> String {
    let mut l = fields
        .iter()
        .map(|f| field(f))
        .collect::<Vec<_>>()
        .join(",");
    l.push_str("\r\n");
    l
}

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

/// At `summary` level one row per period with the numbers; above it, one row
/// per shared answer.
pub fn csv(x: &Export) -> String {
    // What this is, first, as comment lines (CSV readers skip lines starting
    // with '#' when told to; the csv crate's `comment(Some(b'#'))`).
    let mut o = format!("# {}\r\n# {}\r\n", x.statement(), Export::REMINDER);
    if let Some(line) = x.held_back_line() {
        o += &format!("# {line}\r\n");
    }
    if x.level != crate::prompts::Level::Summary {
        o += &line(
            &[
                "entry",
                "date",
                "kind",
                "section",
                "question_id",
                "type",
                "value",
                "shared",
            ]
            .map(String::from),
        );
        for s in x.answers() {
            o += &line(&[
                s.entry.clone(),
                s.date.to_string(),
                s.kind.to_string(),
                s.section.clone(),
                s.question_id.clone(),
                s.qtype.name().to_string(),
                s.value.clone(),
                s.withheld.map_or("yes", |w| w.words()).to_string(),
            ]);
        }
        return o;
    }
    let has = |p: Part| x.includes(p);
    let mut head: Vec<String> = vec!["period".into(), "start".into(), "end".into()];
    if has(Part::Rhythm) {
        head.extend(["entries", "checkin_days", "met_target"].map(String::from));
    }
    if has(Part::Motivation) {
        head.extend(
            [
                "motivation_average",
                "motivation_lowest",
                "motivation_highest",
                "motivation_ratings",
            ]
            .map(String::from),
        );
    }
    if has(Part::Behaviours) {
        head.extend(Behaviour::ALL.map(Behaviour::as_str).map(String::from));
    }
    if has(Part::SelfCare) {
        head.push("self_answered".into());
    }
    if has(Part::Needs) {
        head.extend(Need::ALL.map(Need::as_str).map(String::from));
    }
    if has(Part::Actions) {
        head.extend(["actions_set", "actions_done", "completion"].map(String::from));
    }
    if has(Part::Readings) {
        head.extend(["readings_started", "readings_finished"].map(String::from));
    }
    o += &line(&head);
    for p in &x.summary.periods {
        let mut row = vec![p.label.clone(), p.start.to_string(), p.end.to_string()];
        if has(Part::Rhythm) {
            row.push(p.entries.to_string());
            row.push(p.checkin_days.to_string());
            row.push(p.met_target.map(|m| m.to_string()).unwrap_or_default());
        }
        if has(Part::Motivation) {
            row.push(num(p.motivation.map(|m| m.average)));
            row.push(
                p.motivation
                    .map(|m| m.lowest.to_string())
                    .unwrap_or_default(),
            );
            row.push(
                p.motivation
                    .map(|m| m.highest.to_string())
                    .unwrap_or_default(),
            );
            row.push(p.motivation.map(|m| m.count).unwrap_or(0).to_string());
        }
        if has(Part::Behaviours) {
            row.extend(
                Behaviour::ALL
                    .map(Behaviour::as_str)
                    .iter()
                    .map(|b| p.behaviours.get(*b).copied().unwrap_or(0).to_string()),
            );
        }
        if has(Part::SelfCare) {
            row.push(p.self_answered.to_string());
        }
        if has(Part::Needs) {
            row.extend(
                Need::ALL
                    .map(Need::as_str)
                    .iter()
                    .map(|n| num(p.needs.get(*n).copied())),
            );
        }
        if has(Part::Actions) {
            row.push(p.actions_opened.to_string());
            row.push(p.actions_done.to_string());
            row.push(num(p.completion));
        }
        if has(Part::Readings) {
            row.push(p.readings_started.to_string());
            row.push(p.readings_finished.to_string());
        }
        o += &line(&row);
    }
    o
}

/// Keys of the summary's JSON that belong to a part: at the top, in each
/// period, and in the headline.
fn keys_of(part: Part) -> [&'static [&'static str]; 3] {
    match part {
        Part::Noticed => [&["noticed", "not_enough_data"], &[], &[]],
        Part::Rhythm => [
            &["rhythm"],
            &["entries", "checkin_days", "met_target"],
            &[
                "checkin_days",
                "days",
                "weeks",
                "weeks_meeting_target",
                "weekly_target",
            ],
        ],
        Part::Motivation => [
            &["motivation"],
            &["motivation"],
            &["motivation_average", "motivation_direction"],
        ],
        Part::Behaviours => [&["behaviours"], &["behaviours"], &[]],
        Part::SelfCare => [&["self_care"], &["self_answered"], &[]],
        Part::Needs => [&["needs"], &["needs"], &[]],
        Part::Barriers => [&["barriers"], &[], &[]],
        Part::Actions => [
            &["actions"],
            &["actions_opened", "actions_done", "completion"],
            &[],
        ],
        Part::Readings => [
            &["readings"],
            &["readings_started", "readings_finished"],
            &[],
        ],
        Part::Themes => [&["themes", "tags"], &[], &[]],
        // Answers are added below, only when shared.
        Part::Answers => [&[], &[], &[]],
    }
}

/// The summary's JSON shape, less the parts left out, plus `export` (what
/// this is) and, above `summary` level, `answers`.
pub fn json(x: &Export) -> anyhow::Result<String> {
    let mut v = serde_json::to_value(&x.summary)?;
    for part in Part::ALL.into_iter().filter(|p| !x.includes(*p)) {
        let [top, per_period, headline] = keys_of(part);
        if let Some(obj) = v.as_object_mut() {
            for k in top {
                obj.remove(*k);
            }
            if let Some(Value::Array(periods)) = obj.get_mut("periods") {
                for p in periods.iter_mut().filter_map(Value::as_object_mut) {
                    for k in per_period {
                        p.remove(*k);
                    }
                }
            }
            if let Some(Value::Object(h)) = obj.get_mut("headline") {
                for k in headline {
                    h.remove(*k);
                }
            }
        }
    }
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "export".into(),
            json!({
                "level": x.level.to_string(),
                "label": x.label,
                "generated": x.generated.to_rfc3339(),
                "tend_version": env!("CARGO_PKG_VERSION"),
                "includes": x.shown_parts(),
                "withheld": x
                    .held_back_parts()
                    .into_iter()
                    .map(|(part, why)| json!({"part": part, "why": why}))
                    .collect::<Vec<_>>(),
                "statement": x.statement(),
                "reminder": Export::REMINDER,
            }),
        );
        if x.held_back(Part::Answers).is_none() {
            obj.insert("answers".into(), serde_json::to_value(x.answers())?);
        }
    }
    Ok(crate::output::json(&v)?)
}

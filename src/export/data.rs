//! Exports for software: CSV (RFC 4180) and JSON (the summary's versioned
//! shape, with what the export includes).

use serde_json::{Value, json};

use super::Export;
use crate::model::{Behaviour, Need};

/// One CSV field, quoted when it must be.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn line(fields: &[String]) -> String {
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
                s.qtype.clone(),
                s.value.clone(),
                s.withheld.map_or("yes", |w| w.words()).to_string(),
            ]);
        }
        return o;
    }
    let has = |k: &str| x.includes(k);
    let mut head: Vec<String> = vec!["period".into(), "start".into(), "end".into()];
    if has("rhythm") {
        head.extend(["entries", "checkin_days", "met_target"].map(String::from));
    }
    if has("motivation") {
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
    if has("behaviours") {
        head.extend(Behaviour::ALL.map(Behaviour::as_str).map(String::from));
    }
    if has("self") {
        head.push("self_answered".into());
    }
    if has("needs") {
        head.extend(Need::ALL.map(Need::as_str).map(String::from));
    }
    if has("actions") {
        head.extend(["actions_set", "actions_done", "completion"].map(String::from));
    }
    if has("readings") {
        head.extend(["readings_started", "readings_finished"].map(String::from));
    }
    o += &line(&head);
    for p in &x.summary.periods {
        let mut row = vec![p.label.clone(), p.start.to_string(), p.end.to_string()];
        if has("rhythm") {
            row.push(p.entries.to_string());
            row.push(p.checkin_days.to_string());
            row.push(p.met_target.map(|m| m.to_string()).unwrap_or_default());
        }
        if has("motivation") {
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
        if has("behaviours") {
            row.extend(
                Behaviour::ALL
                    .map(Behaviour::as_str)
                    .iter()
                    .map(|b| p.behaviours.get(*b).copied().unwrap_or(0).to_string()),
            );
        }
        if has("self") {
            row.push(p.self_answered.to_string());
        }
        if has("needs") {
            row.extend(
                Need::ALL
                    .map(Need::as_str)
                    .iter()
                    .map(|n| num(p.needs.get(*n).copied())),
            );
        }
        if has("actions") {
            row.push(p.actions_opened.to_string());
            row.push(p.actions_done.to_string());
            row.push(num(p.completion));
        }
        if has("readings") {
            row.push(p.readings_started.to_string());
            row.push(p.readings_finished.to_string());
        }
        o += &line(&row);
    }
    o
}

/// Keys of the summary's JSON (and of each period) that belong to a part.
fn keys_of(section: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match section {
        "noticed" => (&["noticed", "not_enough_data"], &[]),
        "rhythm" => (&["rhythm"], &["entries", "checkin_days", "met_target"]),
        "motivation" => (&["motivation"], &["motivation"]),
        "behaviours" => (&["behaviours"], &["behaviours"]),
        "self" => (&["self_care"], &["self_answered"]),
        "needs" => (&["needs"], &["needs"]),
        "barriers" => (&["barriers"], &[]),
        "actions" => (
            &["actions"],
            &["actions_opened", "actions_done", "completion"],
        ),
        "readings" => (&["readings"], &["readings_started", "readings_finished"]),
        "themes" => (&["themes", "tags"], &[]),
        _ => (&[], &[]),
    }
}

/// The summary's JSON shape, less the parts left out, plus `export` (what
/// this is) and, above `summary` level, `answers`.
pub fn json(x: &Export) -> anyhow::Result<String> {
    let mut v = serde_json::to_value(&x.summary)?;
    for section in super::SECTIONS.iter().filter(|s| !x.includes(s)) {
        let (top, per_period) = keys_of(section);
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
                let keys: &[&str] = match *section {
                    "motivation" => &["motivation_average", "motivation_direction"],
                    "rhythm" => &[
                        "checkin_days",
                        "days",
                        "weeks",
                        "weeks_meeting_target",
                        "weekly_target",
                    ],
                    _ => &[],
                };
                for k in keys {
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
        if x.held_back("answers").is_none() {
            obj.insert("answers".into(), serde_json::to_value(x.answers())?);
        }
    }
    Ok(serde_json::to_string_pretty(&v)?)
}

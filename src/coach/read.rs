//! The one way a coach's tend reads an export file: through a size cap, as
//! JSON, as a `tend.summary` of a version this tend knows, and with every
//! number it shows checked for being possible at all. A file that fails is
//! named with why; the caller leaves it out and goes on with the rest.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use serde_json::Value;

use crate::summary::VERSION;

/// The largest export read. A year's export at the `full` level is a few
/// megabytes; this is the journal's own limit for one file, and it keeps
/// memory bounded whatever is named (`/dev/zero`, a 1 GB file).
pub const MAX_EXPORT_BYTES: u64 = crate::journal::store::MAX_ENTRY_BYTES;

/// The export versions this tend reads. Version 1 averaged motivation over
/// ratings; version 2 over days (each day the mean of its ratings). Every
/// field review shows is read the same way from both.
pub const READS: [u64; 2] = [1, 2];
// A new export version must be taught to review before it ships.
const _: () = assert!(READS[READS.len() - 1] == VERSION as u64);

/// An export as read and checked: where it came from, its version and its
/// JSON. What each view makes of it is up to the view.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: PathBuf,
    pub version: u64,
    pub since: NaiveDate,
    pub until: NaiveDate,
    pub json: Value,
}

/// Reads one export. Errors name the file first, so they can be printed
/// as they are ("left out …").
pub fn read(path: &Path) -> Result<Received> {
    accept(path, read_json(path)?)
}

/// One file's JSON, read through the size cap, before anything is checked
/// (the cohort view checks it its own way). Errors name the file first.
pub fn read_json(path: &Path) -> Result<Value> {
    let at = path.display();
    let bytes = capped(path).map_err(|e| anyhow!("{at}: {e}"))?;
    serde_json::from_slice(&bytes).map_err(|e| anyhow!("{at}: not a tend export (not JSON: {e})"))
}

/// An export's JSON, checked as [`read`] checks a file's (the leader's
/// preview checks what it is about to write the same way).
pub fn accept(path: &Path, json: Value) -> Result<Received> {
    let at = path.display();
    if json["schema"] == crate::cohort::SCHEMA {
        bail!(
            "{at}: a cohort export, made for a programme's cohort view (tend review --cohort), not for a coach"
        );
    }
    if json["schema"] != "tend.summary" || !json["export"].is_object() {
        bail!("{at}: not a tend export (tend export --format json makes one)");
    }
    let version = version(&json).map_err(|e| anyhow!("{at}: {e}"))?;
    let (since, until) = period(&json).map_err(|e| anyhow!("{at}: {e}"))?;
    check(&json, since, until).map_err(|e| anyhow!("{at}: {e}; it is left out"))?;
    Ok(Received {
        path: path.to_path_buf(),
        version,
        since,
        until,
        json,
    })
}

/// The file's bytes, refusing more than [`MAX_EXPORT_BYTES`]: a regular
/// file by its size before reading, anything else (a device, a pipe) by
/// reading no more than one byte past the cap.
fn capped(path: &Path) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|e| anyhow!("could not read it ({e})"))?;
    let too_big = || {
        anyhow!(
            "larger than an export can be ({} MB), so it was not read",
            MAX_EXPORT_BYTES / 1024 / 1024
        )
    };
    if let Ok(m) = file.metadata()
        && m.is_file()
        && m.len() > MAX_EXPORT_BYTES
    {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(MAX_EXPORT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| anyhow!("could not read it ({e})"))?;
    if bytes.len() as u64 > MAX_EXPORT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

fn reads() -> String {
    READS.map(|n| n.to_string()).join(" and ")
}

fn version(v: &Value) -> Result<u64> {
    let raw = &v["version"];
    if raw.is_null() {
        bail!("a tend export without a version number, so tend cannot tell how to read it");
    }
    // A version is a small whole number; 2.0, "2" or 1e300 are not.
    let Some(n) = raw.as_u64().filter(|n| *n < 1000) else {
        bail!("its version is {raw}, not a small whole number, so tend cannot tell how to read it");
    };
    if READS.contains(&n) {
        Ok(n)
    } else if n > VERSION as u64 {
        bail!(
            "written by a newer tend (export version {n}; this tend reads versions {}); update tend to review it",
            reads()
        )
    } else {
        bail!(
            "export version {n}, which this tend does not know (it reads versions {})",
            reads()
        )
    }
}

fn date(v: &Value, field: &str) -> Result<NaiveDate> {
    v[field]
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or_else(|| anyhow!("its {field} is {}, not a date; it is left out", v[field]))
}

fn period(v: &Value) -> Result<(NaiveDate, NaiveDate)> {
    let (since, until) = (date(v, "since")?, date(v, "until")?);
    if since > until {
        bail!("its period runs backwards ({since} to {until}); it is left out");
    }
    Ok((since, until))
}

/// One reason a value cannot be right, naming the field.
fn impossible(field: &str, value: &Value, why: &str) -> anyhow::Error {
    anyhow!("{field} is {value}, which cannot be right ({why})")
}

/// A whole number from 0 to `most` (or absent or null, which views show as
/// not there). Version 1 wrote some counts as 2.0, which is still whole.
fn count(v: &Value, field: &str, most: u64, of: &str) -> Result<()> {
    let x = at(v, field);
    if x.is_null() {
        return Ok(());
    }
    let whole = x
        .as_f64()
        .filter(|n| *n >= 0.0 && n.fract() == 0.0)
        .ok_or_else(|| impossible(field, x, "a count is a whole number, 0 or more"))?;
    if whole > most as f64 {
        return Err(impossible(field, x, &format!("at most {most}, {of}")));
    }
    Ok(())
}

/// A number on a scale from `lo` to `hi` (or absent or null).
fn scale(v: &Value, field: &str, lo: f64, hi: f64, what: &str) -> Result<()> {
    let x = at(v, field);
    if x.is_null() {
        return Ok(());
    }
    match x.as_f64() {
        Some(n) if (lo..=hi).contains(&n) => Ok(()),
        _ => Err(impossible(
            field,
            x,
            &format!("{what} runs from {lo} to {hi}"),
        )),
    }
}

/// The value at a dotted field name ("periods.3.motivation.average").
fn at<'a>(v: &'a Value, field: &str) -> &'a Value {
    let pointer = format!("/{}", field.replace('.', "/"));
    v.pointer(&pointer).unwrap_or(&Value::Null)
}

/// The keys of an object at `field` (none if it is not one).
fn keys(v: &Value, field: &str) -> Vec<String> {
    at(v, field)
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn len(v: &Value, field: &str) -> usize {
    at(v, field).as_array().map_or(0, Vec::len)
}

/// Every number a view shows, checked against what the period allows: no
/// count below 0 or above the days (or check-ins) there were, no average
/// outside its scale.
fn check(v: &Value, since: NaiveDate, until: NaiveDate) -> Result<()> {
    let days = (until - since).num_days() as u64 + 1;
    let in_period = format!("the export covers {days} days");
    const MOTIVATION: (f64, f64, &str) = (1.0, 10.0, "motivation");
    const NEED: (f64, f64, &str) = (1.0, 5.0, "a core need");
    let share = (0.0, 1.0, "a share");
    let scaled = |field: &str, (lo, hi, what): (f64, f64, &str)| scale(v, field, lo, hi, what);

    for f in [
        "headline.checkin_days",
        "headline.days",
        "rhythm.checkin_days",
    ] {
        count(v, f, days, &in_period)?;
    }
    count(v, "headline.weeks", days.div_ceil(7) + 1, &in_period)?;
    count(v, "needs.weekly_checkins", days, &in_period)?;
    // A check-in is a day's entry; a person might make a few in a day,
    // never hundreds.
    let most_checkins = days * 100;
    count(v, "behaviours.checkins", most_checkins, &in_period)?;
    let checkins = at(v, "behaviours.checkins")
        .as_u64()
        .unwrap_or(most_checkins);
    for b in keys(v, "behaviours.counts") {
        count(
            v,
            &format!("behaviours.counts.{b}"),
            checkins,
            "one for each check-in at most",
        )?;
    }
    for f in [
        "motivation.overall.count",
        "self_care.asked",
        "self_care.answered",
        "actions.opened",
        "actions.done",
        "actions.partly",
        "actions.dropped",
        "actions.open_now",
        "actions.still_going",
        "readings.started",
        "readings.finished",
        "readings.open_count",
    ] {
        count(v, f, u64::MAX, "")?;
    }
    for f in [
        "headline.motivation_average",
        "motivation.overall.average",
        "motivation.overall.lowest",
        "motivation.overall.highest",
    ] {
        scaled(f, MOTIVATION)?;
    }
    for i in 0..len(v, "motivation.daily") {
        scaled(&format!("motivation.daily.{i}.1"), MOTIVATION)?;
    }
    for n in keys(v, "needs.averages") {
        scaled(&format!("needs.averages.{n}"), NEED)?;
    }
    scaled("actions.completion", share)?;
    for i in 0..len(v, "periods") {
        let p = format!("periods.{i}");
        let span = match (date(at(v, &p), "start"), date(at(v, &p), "end")) {
            (Ok(s), Ok(e)) if s <= e => (e - s).num_days() as u64 + 1,
            _ => days,
        };
        count(
            v,
            &format!("{p}.checkin_days"),
            span,
            &format!("the period has {span} days"),
        )?;
        count(v, &format!("{p}.entries"), u64::MAX, "")?;
        for b in keys(v, &format!("{p}.behaviours")) {
            count(v, &format!("{p}.behaviours.{b}"), u64::MAX, "")?;
        }
        for f in ["average", "lowest", "highest"] {
            scaled(&format!("{p}.motivation.{f}"), MOTIVATION)?;
        }
        for n in keys(v, &format!("{p}.needs")) {
            scaled(&format!("{p}.needs.{n}"), NEED)?;
        }
        scaled(&format!("{p}.completion"), share)?;
    }
    for i in 0..len(v, "noticed") {
        let n = format!("noticed.{i}.numbers");
        for f in ["recent_average", "before_average"] {
            scaled(&format!("{n}.{f}"), MOTIVATION)?;
        }
        if at(v, &format!("noticed.{i}.rule")) == "need_falling" {
            for f in ["from", "to"] {
                scaled(&format!("{n}.{f}"), NEED)?;
            }
        }
        for f in [
            "count",
            "checkins",
            "weekly_checkins",
            "recent_days",
            "before_days",
        ] {
            count(v, &format!("{n}.{f}"), u64::MAX, "")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn export() -> Value {
        json!({
            "schema": "tend.summary", "version": 2, "export": {"label": "leader-x"},
            "since": "2026-11-01", "until": "2026-11-28",
            "headline": {"checkin_days": 20, "days": 28},
            "behaviours": {"checkins": 20, "counts": {"attend": 20}},
            "motivation": {"overall": {"average": 5.5}, "daily": [["2026-11-02", 4.0]]},
            "needs": {"averages": {"autonomy": 3.0}},
            "periods": [{"start": "2026-11-01", "end": "2026-11-07", "checkin_days": 7,
                         "motivation": {"average": 6.0}}],
        })
    }

    fn problem(change: impl Fn(&mut Value)) -> String {
        let mut v = export();
        change(&mut v);
        let (s, u) = period(&v).unwrap();
        check(&v, s, u)
            .map(|()| String::new())
            .unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn possible_numbers_pass() {
        assert_eq!(problem(|_| {}), "");
    }

    #[test]
    fn impossible_numbers_name_their_field() {
        type Change = Box<dyn Fn(&mut Value)>;
        let cases: [(&str, Change); 7] = [
            (
                "headline.checkin_days is 29",
                Box::new(|v| v["headline"]["checkin_days"] = json!(29)),
            ),
            (
                "headline.checkin_days is -1",
                Box::new(|v| v["headline"]["checkin_days"] = json!(-1)),
            ),
            (
                "behaviours.counts.attend is 21",
                Box::new(|v| v["behaviours"]["counts"]["attend"] = json!(21)),
            ),
            (
                "motivation.overall.average is 11",
                Box::new(|v| v["motivation"]["overall"]["average"] = json!(11)),
            ),
            (
                "motivation.daily.0.1 is 0.0",
                Box::new(|v| v["motivation"]["daily"][0][1] = json!(0.0)),
            ),
            (
                "needs.averages.autonomy is 6.0",
                Box::new(|v| v["needs"]["averages"]["autonomy"] = json!(6.0)),
            ),
            (
                "periods.0.checkin_days is 8",
                Box::new(|v| v["periods"][0]["checkin_days"] = json!(8)),
            ),
        ];
        for (want, change) in cases {
            let got = problem(change);
            assert!(got.starts_with(want), "{want}: {got}");
        }
    }

    #[test]
    fn version_is_a_small_whole_number() {
        for bad in [json!(2.5), json!("2"), json!(1e300), json!(-1)] {
            let e = version(&json!({ "version": bad })).unwrap_err().to_string();
            assert!(e.contains("not a small whole number"), "{e}");
        }
        assert_eq!(version(&json!({"version": 2})).unwrap(), 2);
    }
}

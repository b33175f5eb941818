//! The one way a coach's tend reads an export file: through a size cap, as
//! JSON, as a `tend.summary` of a version this tend knows, and with every
//! number it shows checked for being possible at all. A file that fails is
//! named with why; the caller leaves it out and goes on with the rest.

use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use chrono::NaiveDate;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::depth::Words;

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

/// An export as read and checked: where it came from, its version, its
/// JSON and the words its answers hold. What each view makes of it is up
/// to the view.
#[derive(Debug, Clone)]
pub struct Received {
    pub path: PathBuf,
    pub version: u64,
    pub since: NaiveDate,
    pub until: NaiveDate,
    /// The export's JSON, but for its `answers`, which are read straight
    /// into `words` (an empty list stands in for them, so the part still
    /// shows as there).
    pub json: Value,
    /// The words the leader wrote and shared, oldest first as exported.
    pub words: Vec<Words>,
}

/// Reads one export. Errors name the file first, so they can be printed
/// as they are ("left out …").
pub fn read(path: &Path) -> Result<Received> {
    let bytes = capped(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    parse(path, &bytes)
}

/// An export's bytes, read and checked as [`read`] reads a file's (the
/// leader's preview reads what it is about to write the same way).
///
/// A learning-level export is mostly its answers: building a generic JSON
/// tree of them was most of review's time, so they are read straight into
/// the [`Words`] review shows, borrowing the text until it is kept.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Received> {
    let not_json =
        |e: serde_json::Error| anyhow!("{}: not a tend export (not JSON: {e})", path.display());
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (json, words) = de.deserialize_any(TopLevel).map_err(not_json)?;
    de.end().map_err(not_json)?;
    accept(path, Value::Object(json), words)
}

/// One file's JSON, read through the size cap, before anything is checked
/// (the cohort view checks it its own way). Errors name the file first.
pub fn read_json(path: &Path) -> Result<Value> {
    let at = path.display();
    let bytes = capped(path).map_err(|e| anyhow!("{at}: {e}"))?;
    serde_json::from_slice(&bytes).map_err(|e| anyhow!("{at}: not a tend export (not JSON: {e})"))
}

fn accept(path: &Path, json: Value, words: Vec<Words>) -> Result<Received> {
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
        words,
    })
}

/// The top level of an export: every field as JSON but `answers`. Anything
/// other than an object reads as an empty one, which is then not a tend
/// export.
struct TopLevel;

impl<'de> Visitor<'de> for TopLevel {
    type Value = (Map<String, Value>, Vec<Words>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut json, mut words) = (Map::new(), Vec::new());
        while let Some(key) = map.next_key::<String>()? {
            if key == "answers" {
                let answers: Answers = map.next_value()?;
                let stand_in = match answers.0 {
                    Some(w) => {
                        words = w;
                        Value::Array(Vec::new())
                    }
                    None => {
                        words = Vec::new();
                        Value::Null
                    }
                };
                json.insert(key, stand_in);
            } else {
                json.insert(key, map.next_value()?);
            }
        }
        Ok((json, words))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Default::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Default::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Default::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Default::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Default::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Default::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Default::default())
    }
}

/// An export's `answers`: none when null, else the words of each answer
/// that holds some (anything that is not a list of answers holds none).
struct Answers(Option<Vec<Words>>);

impl<'de> de::Deserialize<'de> for Answers {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnswersVisitor)
    }
}

struct AnswersVisitor;

impl<'de> Visitor<'de> for AnswersVisitor {
    type Value = Answers;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of answers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answers, A::Error> {
        let mut words = Vec::new();
        while let Some(answer) = seq.next_element::<Answer>()? {
            words.extend(Words::of(&answer));
        }
        Ok(Answers(Some(words)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answers, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Answers(Some(Vec::new())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answers, E> {
        Ok(Answers(None))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Answers, E> {
        Ok(Answers(Some(Vec::new())))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Answers, E> {
        Ok(Answers(Some(Vec::new())))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Answers, E> {
        Ok(Answers(Some(Vec::new())))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Answers, E> {
        Ok(Answers(Some(Vec::new())))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Answers, E> {
        Ok(Answers(Some(Vec::new())))
    }
}

/// The fields of one answer the depth view reads, each as [`Loose`]; the
/// rest are skipped unread. Anything but an object has none of them.
#[derive(Default)]
pub struct Answer<'a> {
    pub date: Loose<'a>,
    pub kind: Loose<'a>,
    pub title: Loose<'a>,
    pub question: Loose<'a>,
    pub value: Loose<'a>,
    pub shared: Loose<'a>,
    pub kind_of_answer: Loose<'a>,
}

impl<'de> de::Deserialize<'de> for Answer<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an answer")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Answer<'de>, A::Error> {
        let mut a = Answer::default();
        while let Some(key) = map.next_key::<Loose>()? {
            let field = match key.as_str() {
                Some("date") => &mut a.date,
                Some("kind") => &mut a.kind,
                Some("title") => &mut a.title,
                Some("question") => &mut a.question,
                Some("value") => &mut a.value,
                Some("shared") => &mut a.shared,
                Some("type") => &mut a.kind_of_answer,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *field = map.next_value()?;
        }
        Ok(a)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Answer::default())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Answer<'de>, E> {
        Ok(Answer::default())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Answer<'de>, E> {
        Ok(Answer::default())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Answer<'de>, E> {
        Ok(Answer::default())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Answer<'de>, E> {
        Ok(Answer::default())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Answer<'de>, E> {
        Ok(Answer::default())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Answer<'de>, E> {
        Ok(Answer::default())
    }
}

/// One field of an answer as the depth view tells it apart: text (borrowed
/// from the file when it holds no escapes), `false`, or anything else.
#[derive(Default, Debug, PartialEq)]
pub enum Loose<'a> {
    Text(Cow<'a, str>),
    False,
    #[default]
    Other,
}

impl Loose<'_> {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Loose::Text(t) => Some(t),
            Loose::False | Loose::Other => None,
        }
    }
}

impl<'de> de::Deserialize<'de> for Loose<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Borrowed(s)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Text(Cow::Owned(s.to_string())))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Loose<'de>, E> {
        Ok(if b { Loose::Other } else { Loose::False })
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
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
    fn answers_are_read_into_words_and_odd_ones_left_out() {
        let mut v = export();
        v["answers"] = json!([
            {"date": "2026-11-03", "kind": "checkin", "type": "text", "question": "What helped?",
             "value": "A \"quiet\" chat", "section": {"deep": [1, 2]}},
            {"date": "2026-11-04", "type": "text", "value": "kept to myself", "shared": false},
            {"date": "2026-11-05", "type": "scale", "value": "7"},
            {"date": 5, "type": "text", "value": "no date"},
            "not an answer", [1, 2], null,
        ]);
        let r = parse(Path::new("x.json"), v.to_string().as_bytes()).unwrap();
        let texts: Vec<&str> = r.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["A \"quiet\" chat"]);
        assert_eq!(r.words[0].kind, "check-in");
        assert_eq!(r.json["answers"], json!([]));
        v["answers"] = Value::Null;
        let r = parse(Path::new("x.json"), v.to_string().as_bytes()).unwrap();
        assert!(r.words.is_empty() && r.json["answers"].is_null());
        let e = parse(Path::new("x.json"), b"[1] trailing").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("x.json: not a tend export (not JSON"),
            "{e}"
        );
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

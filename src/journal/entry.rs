//! One journal entry: what is on disk, and the checks that say whether a file
//! really is one. The question text is stored with each answer so that an old
//! entry still reads right after the prompts change.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::journal::id;
use crate::model::{Kind, Measure};
use crate::prompts::{Level, QType, Question};
use crate::toml_errors;

/// The newest entry format this tend reads; it reads every older one too.
pub const SCHEMA: u32 = 2;

/// Each entry is written in the oldest format that can hold it, so an older
/// tend still reads everything it could before, and says "written by a
/// newer tend" (never "broken") about the rest. Format 2 adds the
/// `feedback` kind, the `cpd:*` and `feedback:*` measures and `number`
/// questions with their decimal values.
const FIRST: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub schema: u32,
    pub id: String,
    pub kind: Kind,
    pub pack: String,
    pub pack_version: u32,
    pub created: DateTime<FixedOffset>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Readings: what is being read, and where it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// After-reading entries: the id of the reading they close.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// Follow-ups: the action they are about (`ENTRY_ID:ANSWER_ID`), what
    /// became of it, and for a snooze, the day it comes back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FollowStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(default)]
    pub answers: Vec<Answer>,
}

/// What a follow-up says about an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FollowStatus {
    Done,
    Partly,
    /// Still going: a fine answer, not a failure.
    Going,
    Dropped,
    Snoozed,
    Reopened,
}

impl FollowStatus {
    pub fn closes(self) -> bool {
        matches!(self, FollowStatus::Done | FollowStatus::Dropped)
    }
    pub fn label(self) -> &'static str {
        match self {
            FollowStatus::Done => "done",
            FollowStatus::Partly => "partly done",
            FollowStatus::Going => "still going",
            FollowStatus::Dropped => "dropped",
            FollowStatus::Snoozed => "snoozed",
            FollowStatus::Reopened => "reopened",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: String,
    pub section: String,
    /// The question as it was asked.
    pub question: String,
    #[serde(rename = "type")]
    pub qtype: QType,
    pub measures: Measure,
    pub level: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Only on actions: the day the leader means to have it done by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

/// An answer's value. TOML has no null, so a skipped answer has no value and
/// `skipped = true` instead.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Int(i64),
    /// Number answers (hours: 3.5); written with a decimal point.
    Float(f64),
    Text(String),
    List(Vec<String>),
}

impl Answer {
    pub fn new(q: &Question, value: Option<Value>, due: Option<NaiveDate>) -> Answer {
        Answer {
            id: q.id.clone(),
            section: q.section.clone(),
            question: q.text.clone(),
            qtype: q.qtype,
            measures: q.measures,
            level: q.level,
            skipped: value.is_none(),
            value,
            due,
        }
    }

    /// The answer as a person reads it, or None when skipped.
    pub fn display(&self) -> Option<String> {
        let v = self.value.as_ref()?;
        Some(match v {
            Value::Bool(true) => "yes".into(),
            Value::Bool(false) => "no".into(),
            Value::Int(n) => n.to_string(),
            Value::Float(x) => crate::prompts::number(*x),
            Value::Text(s) => s.clone(),
            Value::List(items) => items.join(", "),
        })
    }
}

impl Entry {
    /// A new, empty entry for `pack`, created at `created`. Milliseconds are
    /// kept so that events in the same second (a follow-up, then a reopen)
    /// keep their order; ids stop at the second.
    pub fn start(
        pack: &crate::prompts::Pack,
        created: DateTime<FixedOffset>,
        tags: &[String],
    ) -> Entry {
        use chrono::Timelike;
        let ms = created.nanosecond() / 1_000_000 * 1_000_000;
        let created = created.with_nanosecond(ms).unwrap_or(created);
        Entry {
            schema: FIRST,
            id: id::new_id(&created),
            kind: pack.kind,
            pack: pack.id.clone(),
            pack_version: pack.version,
            created,
            tags: clean_tags(tags),
            title: None,
            source: None,
            reading: None,
            action: None,
            status: None,
            until: None,
            answers: Vec::new(),
        }
    }

    /// The TOML of the entry, in the oldest format that holds all of it.
    pub fn to_toml(&self) -> Result<String> {
        let needed = self.needs_schema();
        if needed > self.schema {
            let mut raised = self.clone();
            raised.schema = needed;
            return Ok(toml::to_string(&raised)?);
        }
        Ok(toml::to_string(self)?)
    }

    /// The oldest entry format that can hold this entry (see [`FIRST`]).
    pub fn needs_schema(&self) -> u32 {
        let new_kind = match self.kind {
            Kind::Feedback => true,
            Kind::Checkin
            | Kind::Weekly
            | Kind::Note
            | Kind::Reading
            | Kind::ReadingAfter
            | Kind::Action
            | Kind::Followup => false,
        };
        let new_answer = self.answers.iter().any(|a| {
            a.qtype == QType::Number
                || matches!(a.value, Some(Value::Float(_)))
                || match a.measures {
                    Measure::Cpd(_) | Measure::Feedback(_) => true,
                    Measure::Motivation
                    | Measure::Behaviour(_)
                    | Measure::SelfCare
                    | Measure::Action
                    | Measure::Learning
                    | Measure::Need(_)
                    | Measure::StrainFactor
                    | Measure::Barrier
                    | Measure::Reading(_)
                    | Measure::Other => false,
                }
        });
        if new_kind || new_answer { 2 } else { FIRST }
    }

    /// The number an answer holds, if it is a number question's.
    pub fn number(&self, m: Measure) -> Option<f64> {
        self.answers
            .iter()
            .find(|a| a.measures == m)
            .and_then(|a| match a.value {
                Some(Value::Float(x)) => Some(x),
                Some(Value::Int(n)) if a.qtype == QType::Number => Some(n as f64),
                Some(Value::Int(_) | Value::Bool(_) | Value::Text(_) | Value::List(_)) | None => {
                    None
                }
            })
    }

    /// Relative path inside `entries/`: the local year and month of `created`.
    pub fn rel_path(&self) -> String {
        format!("{}/{}.toml", self.created.format("%Y/%m"), self.id)
    }

    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// Reads an entry from its TOML text; `path` only names it in messages.
    pub fn parse(path: &Path, text: &str) -> Result<Entry> {
        let text = &*crate::toml_errors::unix_line_ends(text);
        let entry: Entry = match toml::from_str(text) {
            Ok(e) => e,
            Err(err) => {
                // A newer tend may have added fields; say so rather than
                // reporting the first field this version does not know.
                #[derive(Deserialize)]
                struct Version {
                    schema: u32,
                }
                if let Ok(v) = toml::from_str::<Version>(text)
                    && v.schema > SCHEMA
                {
                    bail!(newer(path, v.schema));
                }
                bail!(toml_errors::describe(path, text, &err));
            }
        };
        if entry.schema > SCHEMA {
            bail!(newer(path, entry.schema));
        }
        entry.check().map_err(|e| {
            let reason = e.to_string();
            match answer_line(text, &reason) {
                Some(line) => anyhow!("{}, line {line}: {reason}", path.display()),
                None => anyhow!("{}: {reason}", path.display()),
            }
        })?;
        Ok(entry)
    }

    /// The rules a file must follow beyond its TOML shape.
    pub fn check(&self) -> Result<()> {
        if self.schema == 0 {
            bail!("schema must be 1 or more");
        }
        if !id::is_valid(&self.id) {
            bail!("the id \"{}\" is not a valid entry id", self.id);
        }
        match self.kind {
            Kind::Followup if self.action.is_none() || self.status.is_none() => {
                bail!("a follow-up needs action and status")
            }
            Kind::Reading if self.title.as_deref().is_none_or(|t| t.trim().is_empty()) => {
                bail!("a reading needs a title")
            }
            Kind::ReadingAfter if self.reading.is_none() => {
                bail!("an after-reading entry needs reading = \"ID\" (the reading it closes)")
            }
            Kind::Checkin
            | Kind::Weekly
            | Kind::Note
            | Kind::Reading
            | Kind::ReadingAfter
            | Kind::Action
            | Kind::Followup
            | Kind::Feedback => {}
        }
        for a in &self.answers {
            let ok = match (&a.value, a.skipped) {
                (None, true) => true,
                (Some(_), true) => bail!("answer \"{}\" has a value but says skipped", a.id),
                (None, false) => {
                    bail!(
                        "answer \"{}\" has no value; write skipped = true if it was skipped",
                        a.id
                    )
                }
                (Some(v), false) => matches!(
                    (a.qtype, v),
                    (QType::Scale, Value::Int(_))
                        | (QType::Number, Value::Int(_) | Value::Float(_))
                        | (QType::YesNo, Value::Bool(_))
                        | (QType::MultiChoice, Value::List(_))
                        | (
                            QType::Text | QType::SingleChoice | QType::Action,
                            Value::Text(_)
                        )
                ),
            };
            if !ok {
                bail!(
                    "answer \"{}\" is a {} question but its value is of another type",
                    a.id,
                    a.qtype.name()
                );
            }
            // Packs allow scales spanning at most 100 points; anything far
            // beyond is a hand edit gone wrong, and would upset every sum.
            if let (QType::Scale, Some(Value::Int(n))) = (a.qtype, &a.value)
                && !(-10_000..=10_000).contains(n)
            {
                bail!("answer \"{}\" is {n}, which no scale allows", a.id);
            }
            if let (QType::Number, Some(Value::Float(x))) = (a.qtype, &a.value)
                && !x.is_finite()
            {
                bail!(
                    "answer \"{}\" is {x}, which is not a number tend can count",
                    a.id
                );
            }
            if a.due.is_some() && a.qtype != QType::Action {
                bail!("answer \"{}\" has a due date but is not an action", a.id);
            }
        }
        Ok(())
    }
}

/// Tags as people type them, tidied: no leading '#', no blanks, no repeats.
pub fn clean_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim().trim_start_matches('#').trim().to_string();
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The line a check about `answer "ID"` points at: that answer's value (or
/// its id when it has none), so hand edits are told where to look.
fn answer_line(text: &str, reason: &str) -> Option<usize> {
    let id = reason.strip_prefix("answer \"")?.split('"').next()?;
    let mut in_block = false;
    let mut id_line = None;
    for (n, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.starts_with("[[answers]]") {
            if id_line.is_some() {
                break;
            }
            in_block = true;
            continue;
        }
        if in_block && l.replace(' ', "") == format!("id=\"{id}\"") {
            id_line = Some(n + 1);
        } else if id_line.is_some() && (l.starts_with("value") || l.starts_with("skipped")) {
            return Some(n + 1);
        }
    }
    id_line
}

fn newer(path: &Path, schema: u32) -> String {
    format!(
        "{}: written by a newer tend (entry format {schema}; this tend reads up to {SCHEMA}). \
         tend will leave it as it is; update tend to read it.",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry_with(text: String, tag: String) -> Entry {
        let created = DateTime::parse_from_rfc3339("2026-11-26T23:30:00+01:00").unwrap();
        Entry {
            schema: SCHEMA,
            id: id::new_id(&created),
            kind: Kind::Checkin,
            pack: "checkin".into(),
            pack_version: 1,
            created,
            tags: vec![tag.clone()],
            title: Some(tag),
            source: None,
            reading: None,
            action: None,
            status: None,
            until: None,
            answers: vec![Answer {
                id: "attend".into(),
                section: "attend".into(),
                question: "Q?".into(),
                qtype: QType::Text,
                measures: Measure::Behaviour(crate::model::Behaviour::Attend),
                level: Level::Full,
                value: Some(Value::Text(text)),
                due: None,
                skipped: false,
            }],
        }
    }

    /// Files on disk never change shape under a refactor: every entry in the
    /// fixture journal (written by tend before the typed model) loads and
    /// saves back to the very same bytes.
    #[test]
    fn fixture_journal_resaves_byte_identical() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journal-v1");
        let mut seen = 0;
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for item in std::fs::read_dir(&dir).unwrap() {
                let path = item.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let entry = Entry::parse(&path, &text).unwrap();
                entry.check().unwrap();
                assert_eq!(entry.to_toml().unwrap(), text, "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 38, "only {seen} fixture entries");
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// The writer and the loader agree on every string.
        #[test]
        fn any_text_round_trips(text in any::<String>(), tag in any::<String>()) {
            let e = entry_with(text, tag);
            let toml = e.to_toml().unwrap();
            let back = Entry::parse(Path::new("x.toml"), &toml).unwrap();
            prop_assert_eq!(back, e);
        }
    }
}

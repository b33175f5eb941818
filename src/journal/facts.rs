//! What one entry file contributes to the derived views: enough to list it,
//! and to work out open actions, readings and the last weekly check-in
//! without parsing the file again. Facts are what the index stores.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::entry::{Entry, FollowStatus};
use super::{Value, id};
use crate::model::{AccountRole, CpdPart, FeedbackPart, Kind, Measure, Need, ReadingPart};
use crate::prompts::QType;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub id: String,
    /// Relative to `entries/`.
    pub path: String,
    pub size: u64,
    /// Nanoseconds since the epoch; with the size, how the index knows a file
    /// is unchanged.
    pub mtime: i64,
    /// Set when the file could not be read; everything below is then empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    /// None when the file could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default = "epoch")]
    pub created: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default)]
    pub gist: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<ActionFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow: Option<FollowFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
    /// What the answers measure, for summaries.
    #[serde(default, skip_serializing_if = "Measured::is_empty")]
    pub measured: Measured,
}

/// The numbers and words of one entry, found through what each question
/// measures, so a person's own pack is summarised like the built-in ones.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motivation: Option<i64>,
    /// The behaviours and `self` reflected on (answered), as bits of
    /// [`SECTIONS`]: a number loads faster than a list of names.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub answered: u8,
    /// The same sections, asked (answered or not).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub asked: u8,
    /// Core needs: (autonomy, 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<(Need, i64)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strain: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub barriers: Vec<String>,
    /// Who a reading was talked over with (as typed, by role).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discussed: Vec<String>,
    /// CPD recorded with a finished reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpd: Option<Cpd>,
    /// Feedback: where it came from, by role (`feedback:source`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_from: Option<String>,
    /// A learning answer together with a change or an action: an entry
    /// ready to become a reflective account, with the export level that
    /// shares both (a check-in keeps "understand" at `full`, so suggesting
    /// `learning` would export an account missing what was learned).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_level: Option<crate::prompts::Level>,
    /// Distinct lowercase words typed in answers shared from `learning` up,
    /// space-separated: one string parses far faster than a list of many.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words_learning: String,
    /// Distinct words typed only in answers shared at `full`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub words_full: String,
}

/// The CPD details of one entry (`cpd:*` answers).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Cpd {
    pub hours: f64,
    #[serde(default)]
    pub participatory: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}

/// The bit of a measure in `answered` and `asked`: the four behaviours, bit 0
/// first, then `self`; other measures have none.
fn section_bit(m: Measure) -> Option<u8> {
    match m {
        Measure::Behaviour(b) => Some(1 << b as u8),
        Measure::SelfCare => Some(1 << 4),
        Measure::Motivation
        | Measure::Action
        | Measure::Learning
        | Measure::Need(_)
        | Measure::StrainFactor
        | Measure::Barrier
        | Measure::Reading(_)
        | Measure::Cpd(_)
        | Measure::Feedback(_)
        | Measure::Other => None,
    }
}

impl Measured {
    /// Whether a behaviour or `self` was answered.
    pub fn answered(&self, m: Measure) -> bool {
        section_bit(m).is_some_and(|b| self.answered & b != 0)
    }

    pub fn asked(&self, m: Measure) -> bool {
        section_bit(m).is_some_and(|b| self.asked & b != 0)
    }

    pub fn is_empty(&self) -> bool {
        *self == Measured::default()
    }

    fn from_entry(e: &Entry) -> Measured {
        let mut m = Measured::default();
        let mut learning = std::collections::BTreeSet::new();
        let mut full = std::collections::BTreeSet::new();
        let (mut learned, mut changes) = (false, false);
        let mut account_level = crate::prompts::Level::Summary;
        for a in &e.answers {
            if let Some(bit) = section_bit(a.measures) {
                m.asked |= bit;
                if !a.skipped {
                    m.answered |= bit;
                }
            }
            let Some(v) = &a.value else { continue };
            if a.display().is_some_and(|t| !t.trim().is_empty()) {
                let role = a.measures.account_role();
                match role {
                    Some(AccountRole::Learned) => learned = true,
                    Some(AccountRole::Change) => changes = true,
                    None => {}
                }
                if role.is_some() {
                    account_level = account_level.max(a.level);
                }
            }
            match (a.measures, v) {
                (Measure::Feedback(FeedbackPart::Source), Value::Text(t)) => {
                    m.feedback_from = Some(t.clone())
                }
                (Measure::Cpd(CpdPart::Activity), Value::Text(t)) => {
                    m.cpd.get_or_insert_with(Cpd::default).activity = Some(t.clone())
                }
                (Measure::Motivation, Value::Int(n)) if m.motivation.is_none() => {
                    m.motivation = Some(*n)
                }
                (Measure::Need(need), Value::Int(n)) => m.needs.push((need, *n)),
                (Measure::StrainFactor, Value::Text(t)) => m.strain.push(t.clone()),
                (Measure::StrainFactor, Value::List(l)) => m.strain.extend(l.iter().cloned()),
                (Measure::Barrier, Value::List(l)) => m.barriers.extend(l.iter().cloned()),
                (Measure::Barrier, Value::Text(t)) => m.barriers.push(t.clone()),
                (Measure::Reading(ReadingPart::DiscussWith), Value::Text(t)) => {
                    m.discussed.push(shorten(t, 60))
                }
                // Only these pairs of measure and value hold a number or
                // words a summary counts.
                _ => {}
            }
            if let Value::Text(t) = v
                && a.qtype.is_free_text()
            {
                let into = if a.level <= crate::prompts::Level::Learning {
                    &mut learning
                } else {
                    &mut full
                };
                into.extend(crate::words::words(t));
            }
        }
        // Hours are what make CPD; an activity alone is not counted.
        if let Some(hours) = e.number(Measure::Cpd(CpdPart::Hours)) {
            let cpd = m.cpd.get_or_insert_with(Cpd::default);
            cpd.hours = hours;
            cpd.participatory = e
                .number(Measure::Cpd(CpdPart::ParticipatoryHours))
                .unwrap_or(0.0);
        } else {
            m.cpd = None;
        }
        m.account_level = (learned && changes).then_some(account_level);
        m.words_full = full
            .difference(&learning)
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        m.words_learning = learning.into_iter().collect::<Vec<_>>().join(" ");
        m
    }
}

fn epoch() -> DateTime<FixedOffset> {
    DateTime::UNIX_EPOCH.fixed_offset()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionFact {
    /// `ENTRY_ID:ANSWER_ID`
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowFact {
    pub action: String,
    pub status: FollowStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An action's id: the entry that holds it and the question it answered.
pub fn action_id(entry_id: &str, answer_id: &str) -> String {
    format!("{entry_id}:{answer_id}")
}

impl Facts {
    pub fn from_entry(e: &Entry, path: String, size: u64, mtime: i64) -> Facts {
        let actions = if e.kind == Kind::Followup {
            Vec::new()
        } else {
            e.answers
                .iter()
                .filter(|a| a.qtype == QType::Action)
                .filter_map(|a| match &a.value {
                    Some(Value::Text(t)) => Some(ActionFact {
                        id: action_id(&e.id, &a.id),
                        text: t.clone(),
                        due: a.due,
                    }),
                    _ => None,
                })
                .collect()
        };
        let follow = match (&e.action, e.status) {
            (Some(action), Some(status)) if e.kind == Kind::Followup => Some(FollowFact {
                action: action.clone(),
                status,
                until: e.until,
                note: e.answers.iter().find_map(|a| match &a.value {
                    Some(Value::Text(t)) => Some(t.clone()),
                    _ => None,
                }),
            }),
            _ => None,
        };
        Facts {
            id: e.id.clone(),
            path,
            size,
            mtime,
            problem: None,
            kind: Some(e.kind),
            created: e.created,
            tags: e.tags.clone(),
            gist: gist(e),
            actions,
            follow,
            title: e.title.clone(),
            reading: e.reading.clone(),
            measured: Measured::from_entry(e),
        }
    }

    pub fn unreadable(path: String, size: u64, mtime: i64, problem: String) -> Facts {
        let file_id = path
            .rsplit('/')
            .next()
            .unwrap_or(&path)
            .trim_end_matches(crate::crypt::SUFFIX)
            .trim_end_matches(".toml")
            .to_string();
        Facts {
            id: file_id,
            path,
            size,
            mtime,
            problem: Some(problem),
            kind: None,
            created: epoch(),
            tags: Vec::new(),
            gist: String::new(),
            actions: Vec::new(),
            follow: None,
            title: None,
            reading: None,
            measured: Measured::default(),
        }
    }

    /// Words for the kind, as a person reads them; nothing for an unreadable file.
    pub fn kind_label(&self) -> &'static str {
        self.kind.map_or("", Kind::label)
    }

    pub fn handle(&self) -> &str {
        id::handle(&self.id)
    }

    /// What this entry is, for a question or a listing about it.
    pub fn what(&self) -> String {
        what(self.kind_label(), &self.created, &self.gist)
    }
}

/// What an entry is, in a few words people recognise: its kind, its day and
/// time, and its first words ("the check-in from Thu 26 Nov 2026, 13:20:
/// motivation 6 · Sat with a new starter").
pub fn what(kind: &str, created: &DateTime<FixedOffset>, gist: &str) -> String {
    let mut out = format!("the {kind} from {}", crate::time::when(created));
    if !gist.is_empty() {
        out += &format!(": {}", shorten(gist, 60));
    }
    out
}

/// A few words that tell entries apart in a listing: motivation, a title,
/// a follow-up's outcome, then the first words typed.
pub fn gist(e: &Entry) -> String {
    let mut parts = Vec::new();
    if let Some(t) = &e.title {
        parts.push(format!("“{}”", shorten(t, 40)));
    }
    if let Some(s) = e.status {
        parts.push(s.label().to_string());
    }
    if let Some(a) = e.answers.iter().find(|a| a.measures == Measure::Motivation)
        && let Some(Value::Int(n)) = a.value
    {
        parts.push(format!("motivation {n}"));
    }
    if let Some(Value::Text(t)) = e
        .answers
        .iter()
        .find(|a| matches!(a.value, Some(Value::Text(_))) && a.qtype != QType::SingleChoice)
        .and_then(|a| a.value.as_ref())
    {
        parts.push(shorten(t, 48));
    }
    if parts.is_empty() && e.answers.iter().any(|a| a.skipped) {
        parts.push("all skipped".into());
    }
    parts.join(" · ")
}

/// One line, at most `max` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!(
            "{}…",
            one_line
                .chars()
                .take(max.saturating_sub(1))
                .collect::<String>()
        )
    }
}

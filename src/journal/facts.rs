//! What one entry file contributes to the derived views: enough to list it,
//! and to work out open actions, readings and the last weekly check-in
//! without parsing the file again. Facts are what the index stores.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::entry::{Entry, FollowStatus};
use super::{Value, id};
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
    #[serde(default)]
    pub kind: String,
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
        let actions = if e.kind == "followup" {
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
            (Some(action), Some(status)) if e.kind == "followup" => Some(FollowFact {
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
            kind: e.kind.clone(),
            created: e.created,
            tags: e.tags.clone(),
            gist: gist(e),
            actions,
            follow,
            title: e.title.clone(),
            reading: e.reading.clone(),
        }
    }

    pub fn unreadable(path: String, size: u64, mtime: i64, problem: String) -> Facts {
        let file_id = path
            .rsplit('/')
            .next()
            .unwrap_or(&path)
            .trim_end_matches(".toml")
            .to_string();
        Facts {
            id: file_id,
            path,
            size,
            mtime,
            problem: Some(problem),
            kind: String::new(),
            created: epoch(),
            tags: Vec::new(),
            gist: String::new(),
            actions: Vec::new(),
            follow: None,
            title: None,
            reading: None,
        }
    }

    pub fn handle(&self) -> &str {
        id::handle(&self.id)
    }
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
    if let Some(a) = e.answers.iter().find(|a| a.measures == "motivation")
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

//! Actions and their follow-ups: short handles people can type, finding an
//! action from one, and recording what became of it as a new small entry.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::app::App;
use crate::journal::entry::FollowStatus;
use crate::journal::facts::Facts;
use crate::journal::index::Index;
use crate::journal::state::Action;
use crate::journal::{Answer, Entry, Value, id};

/// Handles for the open actions: the handle of the entry each came from (as
/// `tend list` shows it), with `:question` added when one entry holds more
/// than one action. Any unique start of it works when typed.
pub fn handles(open: &[&Action]) -> HashMap<String, String> {
    let entry_of = |a: &Action| {
        a.id.split_once(':')
            .map(|(e, _)| e.to_string())
            .unwrap_or_default()
    };
    let entries: Vec<String> = open.iter().map(|a| entry_of(a)).collect();
    let short: HashMap<String, String> = entries
        .iter()
        .map(|e| (e.clone(), id::handle(e).to_string()))
        .collect();
    let mut per_entry: HashMap<String, usize> = HashMap::new();
    for e in &entries {
        *per_entry.entry(e.clone()).or_default() += 1;
    }
    open.iter()
        .map(|a| {
            let e = entry_of(a);
            let mut h = short.get(&e).cloned().unwrap_or_else(|| e.clone());
            if per_entry.get(&e).copied().unwrap_or(0) > 1 {
                h = format!("{h}:{}", a.id.split_once(':').map(|(_, q)| q).unwrap_or(""));
            }
            (a.id.clone(), h)
        })
        .collect()
}

/// Whether what a person typed points at this action id.
fn matches(action_id: &str, typed: &str) -> bool {
    let (entry, question) = action_id.split_once(':').unwrap_or((action_id, ""));
    let (t_entry, t_question) = match typed.split_once(':') {
        Some((e, q)) => (e, Some(q)),
        None => (typed, None),
    };
    (entry.starts_with(t_entry) || id::handle(entry).starts_with(t_entry))
        && t_question.is_none_or(|q| q == question)
}

/// The open action a handle points at.
pub fn find_open<'a>(index: &'a Index, typed: &str) -> Result<&'a Action> {
    let typed = typed.trim();
    if typed.is_empty() {
        bail!("give the action's handle, as `tend actions` shows it");
    }
    let hits: Vec<&Action> = index
        .state
        .open
        .values()
        .filter(|a| a.id == typed || matches(&a.id, typed))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => {
            // Say so plainly when it is an action already closed.
            if let Ok((_, text)) = find_closed(index, typed) {
                bail!(
                    "“{text}” is already done or let go; `tend actions reopen {typed}` opens it again"
                );
            }
            bail!("no open action matches \"{typed}\" (`tend actions` lists them)")
        }
        many => bail!(
            "\"{typed}\" matches {} open actions: {}; type a few more characters",
            many.len(),
            many.iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// A closed action a handle points at, looked up in every entry (rare: only
/// reopening needs it).
pub fn find_closed(index: &Index, typed: &str) -> Result<(String, String)> {
    let typed = typed.trim();
    let all = index.all_facts();
    let hits: Vec<(String, String)> = all
        .iter()
        .flat_map(|f: &Facts| f.actions.iter())
        .filter(|a| !index.state.open.contains_key(&a.id))
        .filter(|a| a.id == typed || matches(&a.id, typed))
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("no finished action matches \"{typed}\""),
        many => bail!(
            "\"{typed}\" matches {} actions: {}; type a few more characters",
            many.len(),
            many.iter()
                .map(|a| a.0.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Saves a follow-up entry for `action_id`.
pub fn record(
    app: &App,
    action_id: &str,
    status: FollowStatus,
    until: Option<NaiveDate>,
    note: Option<String>,
    created: DateTime<FixedOffset>,
) -> Result<PathBuf> {
    let packs = app.packs()?;
    let pack = packs.get("followup")?;
    let mut entry = Entry::start(pack, created, &[]);
    entry.action = Some(action_id.to_string());
    entry.status = Some(status);
    entry.until = until;
    let note = note.filter(|n| !n.trim().is_empty()).map(Value::Text);
    entry
        .answers
        .push(Answer::new(&pack.questions[0], note, None));
    app.journal.save_new(&mut entry)
}

/// "today", "3 days ago", "2 weeks ago": how long ago, in words.
pub fn age(from: &DateTime<FixedOffset>, now: &DateTime<FixedOffset>) -> String {
    let days = (now.date_naive() - from.date_naive()).num_days();
    match days {
        i64::MIN..=0 => "today".into(),
        1 => "yesterday".into(),
        2..=13 => format!("{days} days ago"),
        14..=59 => format!("{} weeks ago", days / 7),
        _ => format!("{} months ago", days / 30),
    }
}

/// Parses a status word from an answers file or a prompt.
pub fn parse_status(s: &str) -> Option<FollowStatus> {
    Some(match s.trim().to_lowercase().as_str() {
        "done" => FollowStatus::Done,
        "partly" | "partly done" => FollowStatus::Partly,
        "going" | "still going" | "still_going" => FollowStatus::Going,
        "drop" | "dropped" => FollowStatus::Dropped,
        _ => return None,
    })
}

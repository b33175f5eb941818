//! What tend remembers of the last sync, and how far the journal has moved
//! since: for `tend status` (before every shell prompt) and `tend doctor`.
//!
//! Why a small file under `.git/` read without git: `tend status` runs before
//! every prompt and takes a few milliseconds; starting git even once costs
//! about as much again (and more on Windows), and asking it to count commits
//! ahead of the remote costs two runs. So `tend sync` writes
//! `.git/tend-sync.toml` (when it last finished and the commit it sent), and
//! status compares that commit with HEAD, read from `.git`'s own small files,
//! and counts the commits since in HEAD's reflog. Nothing here unlocks an
//! encrypted journal: commit ids and times are all it reads. The file lives
//! in `.git/`, so it is never committed nor sent anywhere. (status.json
//! could not carry it: it is rebuilt with the index, which sync does not
//! always touch, and it is about entries, not commits.)

use std::fs;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::git::{Git, REMOTE};
use crate::journal::Journal;
use crate::journal::store::{Mode, write_atomic};

const FILE: &str = "tend-sync.toml";

/// A journal with a remote that has not synced for this long is mentioned.
pub const STALE_DAYS: i64 = 7;

/// The last sync that finished: when, and the commit the remote has since.
#[derive(Debug, Serialize, Deserialize)]
struct Record {
    last_sync: DateTime<FixedOffset>,
    pushed: String,
}

fn git_dir(journal: &Journal) -> PathBuf {
    journal.root.join(".git")
}

/// Records a sync that just finished, HEAD being what the remote has now.
/// Called with the journal's lock or right after a push; a failure to write
/// it only means status says less.
pub fn record(journal: &Journal, git: &Git, now: &DateTime<FixedOffset>) -> Result<()> {
    let record = Record {
        last_sync: *now,
        pushed: git.line(["rev-parse", "HEAD"])?,
    };
    write_atomic(
        &git_dir(journal).join(FILE),
        toml::to_string(&record)?.as_bytes(),
        Mode::Replace,
    )
}

fn load(journal: &Journal) -> Option<Record> {
    let text = fs::read_to_string(git_dir(journal).join(FILE)).ok()?;
    toml::from_str(&text).ok()
}

/// Where the journal stands with its remote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// When the last sync finished, if tend has a record of one.
    pub last_sync: Option<DateTime<FixedOffset>>,
    /// Commits here that the remote does not have: None when tend cannot
    /// tell (no sync recorded yet, or HEAD's reflog does not reach back).
    pub unsent: Option<usize>,
    /// No sync for [`STALE_DAYS`] days, or none recorded at all.
    pub stale: bool,
}

impl Standing {
    /// The journal's standing, when it is a repository with a remote; None
    /// otherwise (nothing to sync with, so nothing to say). Reads a few
    /// small files and never runs git.
    pub fn of(journal: &Journal, now: &DateTime<FixedOffset>) -> Option<Standing> {
        let dir = git_dir(journal);
        let config = fs::read_to_string(dir.join("config")).ok()?;
        if !config.contains(&format!("[remote \"{REMOTE}\"]")) {
            return None;
        }
        let record = load(journal);
        let head = head(&dir);
        let unsent = match (&record, &head) {
            (Some(r), Some(h)) if *h == r.pushed => Some(0),
            (Some(r), Some(h)) => since_in_reflog(&dir, &r.pushed, h),
            _ => None,
        };
        let stale = record
            .as_ref()
            .is_none_or(|r| *now - r.last_sync >= Duration::days(STALE_DAYS));
        Some(Standing {
            last_sync: record.map(|r| r.last_sync),
            unsent,
            stale,
        })
    }

    /// A short, kind phrase for the status line and doctor, if there is
    /// something to say.
    pub fn phrase(&self, now: &DateTime<FixedOffset>) -> Option<String> {
        match (self.unsent, self.last_sync) {
            (Some(n), _) if n > 0 => Some(format!(
                "{n} change{} not sent yet — tend sync sends {}",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            )),
            (_, None) => Some("not synced yet — tend sync sends the journal".to_string()),
            (_, Some(last)) if self.stale => Some(format!(
                "last synced {} days ago — tend sync brings both computers up to date",
                (*now - last).num_days()
            )),
            _ => None,
        }
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "last_sync": self.last_sync.map(|t| t.to_rfc3339()),
            "unsent_changes": self.unsent,
            "stale": self.stale,
        })
    }
}

/// The commit HEAD names, from `.git/HEAD` and the branch's file (or
/// `packed-refs`, where `git gc` moves it). None if it cannot be read this
/// way (a reftable repository, say).
fn head(dir: &Path) -> Option<String> {
    let text = fs::read_to_string(dir.join("HEAD")).ok()?;
    let text = text.trim();
    let Some(name) = text.strip_prefix("ref: ") else {
        return is_commit_id(text).then(|| text.to_string());
    };
    if let Ok(id) = fs::read_to_string(dir.join(name)) {
        let id = id.trim();
        return is_commit_id(id).then(|| id.to_string());
    }
    let packed = fs::read_to_string(dir.join("packed-refs")).ok()?;
    packed.lines().find_map(|l| {
        let (id, r) = l.split_once(' ')?;
        (r == name && is_commit_id(id)).then(|| id.to_string())
    })
}

fn is_commit_id(s: &str) -> bool {
    (s.len() == 40 || s.len() == 64) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// How many commits were made here since HEAD was `pushed` (one reflog
/// line each; a merge of what came in is not one of them), reading only the
/// end of the log so a long history costs no more. None if the log does not
/// reach back that far or does not end at `head`.
fn since_in_reflog(dir: &Path, pushed: &str, head: &str) -> Option<usize> {
    const TAIL: u64 = 256 * 1024;
    let mut file = fs::File::open(dir.join("logs").join("HEAD")).ok()?;
    let len = file.metadata().ok()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL))).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    // "OLD NEW who when zone\tmessage"
    let moves: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|l| {
            let (ids, message) = l.split_once('\t')?;
            let id = ids.split(' ').nth(1)?;
            is_commit_id(id).then_some((id, message))
        })
        .collect();
    if moves.last().map(|m| m.0) != Some(head) {
        return None;
    }
    let at = moves.iter().rposition(|m| m.0 == pushed)?;
    Some(
        moves[at + 1..]
            .iter()
            .filter(|m| m.1.starts_with("commit") && !m.1.starts_with("commit (merge)"))
            .count(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reflog_counts_moves_since_the_pushed_commit() {
        let tmp = tempfile::TempDir::new().unwrap();
        let (a, b, c) = ("a".repeat(40), "b".repeat(40), "c".repeat(40));
        let zero = "0".repeat(40);
        fs::create_dir_all(tmp.path().join("logs")).unwrap();
        let log = format!(
            "{zero} {a} tend <> 1 +0000\tcommit (initial): tend: add\n\
             {a} {b} tend <> 2 +0000\tcommit: tend: add\n\
             {b} {c} tend <> 3 +0000\tcommit: tend: edit\n"
        );
        let d = "d".repeat(40);
        fs::write(tmp.path().join("logs/HEAD"), log).unwrap();
        assert_eq!(since_in_reflog(tmp.path(), &a, &c), Some(2));
        assert_eq!(since_in_reflog(tmp.path(), &c, &c), Some(0));
        assert_eq!(since_in_reflog(tmp.path(), &zero[1..], &c), None);
        assert_eq!(since_in_reflog(tmp.path(), &a, &b), None, "HEAD moved");
        let merged = format!("{c} {d} tend <> 4 +0000\tmerge origin/main: Fast-forward\n");
        let mut file = fs::OpenOptions::new()
            .append(true)
            .open(tmp.path().join("logs/HEAD"))
            .unwrap();
        std::io::Write::write_all(&mut file, merged.as_bytes()).unwrap();
        assert_eq!(
            since_in_reflog(tmp.path(), &a, &d),
            Some(2),
            "what came in is not counted"
        );
    }

    #[test]
    fn head_is_read_from_a_loose_or_a_packed_branch() {
        let tmp = tempfile::TempDir::new().unwrap();
        let a = "a".repeat(40);
        fs::write(tmp.path().join("HEAD"), "ref: refs/heads/main\n").unwrap();
        assert_eq!(head(tmp.path()), None);
        fs::write(
            tmp.path().join("packed-refs"),
            format!("# pack-refs with: peeled\n{a} refs/heads/main\n"),
        )
        .unwrap();
        assert_eq!(head(tmp.path()), Some(a.clone()));
        let b = "b".repeat(40);
        fs::create_dir_all(tmp.path().join("refs/heads")).unwrap();
        fs::write(tmp.path().join("refs/heads/main"), format!("{b}\n")).unwrap();
        assert_eq!(head(tmp.path()), Some(b));
    }
}

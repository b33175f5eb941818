//! `tend doctor`: checks every entry, permissions, drafts, links between
//! entries, and the index. It repairs permissions when asked (`--fix`) and
//! nothing else: a person decides what happens to their words.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::Duration;
use console::style;
use serde::Serialize;
use serde_json::json;

use crate::app::{App, Problems};
use crate::cli::{DoctorArgs, TextOrJson};
use crate::journal::draft::Draft;
use crate::journal::index::Depth;
use crate::model::Kind;
use crate::summary::render::plural;

#[derive(Serialize)]
struct Finding {
    /// unreadable, id_mismatch, duplicate_id, stray, permissions, link,
    /// stale_draft, broken_link, leftover, place, half_converted, plaintext,
    /// recipients_changed, unfinished_merge, names_in_config,
    /// key_change_unfinished
    kind: &'static str,
    path: String,
    message: String,
    /// Whether `--fix` repaired it.
    fixed: bool,
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, fs::FileType)>) {
    if let Ok(read) = fs::read_dir(dir) {
        for e in read.flatten() {
            let Ok(t) = e.file_type() else { continue };
            out.push((e.path(), t));
            if t.is_dir() {
                walk(&e.path(), out);
            }
        }
    }
}

/// What sits in `entries/` and is not an entry where tend looks for one:
/// anything outside month folders (`YYYY/MM/`), and files in them not named
/// like entries. A stray folder is named once, not each file in it. Links
/// are reported as links, and temporary files belong to a save under way.
fn strays(dir: &Path, depth: usize, out: &mut Vec<(PathBuf, bool)>) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for e in read.flatten() {
        let Ok(t) = e.file_type() else { continue };
        let name = e.file_name().to_string_lossy().into_owned();
        if t.is_symlink() || name.starts_with(".tend-") {
            continue;
        }
        let digits = |n: usize| name.len() == n && name.bytes().all(|b| b.is_ascii_digit());
        let fits = match depth {
            0 => t.is_dir() && digits(4),
            1 => t.is_dir() && digits(2),
            _ => t.is_file() && crate::journal::load::is_entry_name(&e.path()),
        };
        if !fits {
            out.push((e.path(), t.is_dir()));
        } else if t.is_dir() {
            strays(&e.path(), depth + 1, out);
        }
    }
}

/// An encrypted journal's own checks: files in the clear (an older tend, or
/// an interrupted `tend encrypt`), sealed files in a plain journal (an
/// interrupted `tend decrypt`), and a changed `key/recipients.txt`.
fn encryption(app: &App, found: &mut Vec<Finding>) -> Result<()> {
    use crate::crypt::convert::{Direction, pending};
    let journal = &app.journal;
    let encrypted = journal.is_encrypted()?;
    let plain = pending(journal, Direction::Seal);
    let sealed = pending(journal, Direction::Open);
    if !plain.is_empty() && !sealed.is_empty() {
        found.push(Finding {
            kind: "half_converted",
            path: journal.root.display().to_string(),
            message: format!(
                "{} file{} sealed and {} in the clear: a `tend {}` that did not finish? Running it again finishes the job, losing nothing",
                sealed.len(),
                if sealed.len() == 1 { " is" } else { "s are" },
                plain.len(),
                if encrypted { "encrypt" } else { "decrypt" }
            ),
            fixed: false,
        });
    }
    if encrypted {
        for p in &plain {
            found.push(Finding {
                kind: "plaintext",
                path: p.display().to_string(),
                message: "in the clear in an encrypted journal (an older tend may have written it); `tend encrypt` seals it".into(),
                fixed: false,
            });
        }
        if !app.config.watch_list.is_empty() {
            found.push(Finding {
                kind: "names_in_config",
                path: app.config.path.display().to_string(),
                message: "its watch_list holds names in the clear, beside an encrypted journal; `tend encrypt` moves them into the journal's sealed settings (`tend watch` lists them there)".into(),
                fixed: false,
            });
        }
        if let Some(changed) = journal.unlocked()?.recipients_changed() {
            let own: Vec<String> = journal
                .unlocked()?
                .recipients()
                .iter()
                .map(|r| r.to_string())
                .collect();
            found.push(Finding {
                kind: "recipients_changed",
                path: changed.path.display().to_string(),
                message: format!(
                    "it no longer lists only this journal's own keys, so tend writes nothing until it does. \
                     Someone may have added a reader; new entries are never encrypted to anyone but these two: {}. \
                     Put those two lines back (in that order) to carry on",
                    own.join(" and ")
                ),
                fixed: false,
            });
        }
    }
    interrupted_key_change(app, found);
    Ok(())
}

/// A `key/next.age` left behind: `tend key rotate` or `tend key recovery`
/// was stopped before it finished. The new keys in it say which one (the
/// same command finishes it; either would, since both carry on with the
/// keys recorded there).
fn interrupted_key_change(app: &App, found: &mut Vec<Finding>) {
    use crate::crypt::keys::KeyDir;
    let keys = KeyDir::new(&app.journal);
    let next = keys.next_path();
    if std::fs::symlink_metadata(&next).is_err() {
        return;
    }
    let current = app.journal.unlocked().ok();
    if let Some(Err(e)) = current.as_ref().map(|c| keys.pending_change(c)) {
        found.push(Finding {
            kind: "key_change_foreign",
            path: next.display().to_string(),
            message: format!("{e:#}"),
            fixed: false,
        });
        return;
    }
    let which = current
        .and_then(|current| {
            let pending = keys.pending_change(&current).ok()??;
            let [journal, recovery] = current.recipients();
            let [new_journal, new_recovery] = pending.recipients();
            Some(if new_recovery.to_string() != recovery.to_string() {
                "`tend key recovery`"
            } else if new_journal.to_string() != journal.to_string() {
                "`tend key rotate`"
            } else {
                "`tend key rotate` or `tend key recovery`, whichever was running,"
            })
        })
        .unwrap_or("`tend key rotate` or `tend key recovery`, whichever was running,");
    found.push(Finding {
        kind: "key_change_unfinished",
        path: next.display().to_string(),
        message: format!(
            "a change of keys was stopped before it finished. Nothing is lost and the journal still opens with your passphrase; \
             running {which} again finishes it with the same new keys"
        ),
        fixed: false,
    });
}

pub fn run(app: &App, args: DoctorArgs) -> Result<()> {
    let root = &app.journal.root;
    let mut found: Vec<Finding> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if !root.exists() {
        outln!("No journal at {} yet: nothing to check.", root.display());
        return Ok(());
    }
    let index = app.index(Depth::Thorough, Problems::Shown)?;
    if index.refreshed_months > 0 {
        notes.push(format!(
            "The index was out of date in {} month folder{} and has been brought up to date.",
            index.refreshed_months,
            if index.refreshed_months == 1 { "" } else { "s" }
        ));
    }
    let facts = index.all_facts();
    let entries_dir = app.journal.entries_dir();
    let ids: BTreeSet<&str> = facts
        .iter()
        .filter(|f| f.problem.is_none())
        .map(|f| f.id.as_str())
        .collect();
    let readings: BTreeSet<&str> = facts
        .iter()
        .filter(|f| f.kind == Some(Kind::Reading))
        .map(|f| f.id.as_str())
        .collect();
    let mut claims: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    for f in facts.iter().filter(|f| f.problem.is_none()) {
        claims
            .entry(f.id.as_str())
            .or_default()
            .push(app.journal.entry_path(&f.path).display().to_string());
    }
    for (id, paths) in claims.iter().filter(|(_, p)| p.len() > 1) {
        for p in paths {
            let others: Vec<&str> = paths
                .iter()
                .filter(|o| *o != p)
                .map(String::as_str)
                .collect();
            found.push(Finding {
                kind: "duplicate_id",
                path: p.clone(),
                message: format!(
                    "claims the id {id}, as {} also does, so an id alone cannot say which is meant (a copy, or a file put back by hand?). Compare them with `tend show PATH`, then `tend delete PATH` moves the one you do not want to the trash",
                    others.join(" and ")
                ),
                fixed: false,
            });
        }
    }
    encryption(app, &mut found)?;
    if crate::git::is_repository(&app.journal)
        && let Ok(git) = crate::git::Git::new(root)
        && git.merging()
    {
        found.push(Finding {
            kind: "unfinished_merge",
            path: root.display().to_string(),
            message: "a sync was interrupted in the middle of a merge, so changes wait to be committed; the next `tend sync` takes that merge back and syncs again, losing nothing".into(),
            fixed: false,
        });
    }
    let mut stray = Vec::new();
    strays(&entries_dir, 0, &mut stray);
    for (p, is_dir) in stray {
        found.push(Finding {
            kind: "stray",
            path: p.display().to_string(),
            message: format!(
                "not an entry: entries are files named ID.toml in month folders (entries/YYYY/MM/), so tend leaves this {} alone; if it is yours, it is safer outside the journal",
                if is_dir { "folder" } else { "file" }
            ),
            fixed: false,
        });
    }
    for f in &facts {
        let path = app.journal.entry_path(&f.path).display().to_string();
        if let Some(p) = &f.problem {
            found.push(Finding {
                kind: "unreadable",
                path,
                message: p.clone(),
                fixed: false,
            });
            continue;
        }
        let stem = f
            .path
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(crate::crypt::SUFFIX)
            .trim_end_matches(".toml");
        if stem != f.id {
            found.push(Finding {
                kind: "id_mismatch",
                path: path.clone(),
                message: format!(
                    "its id is \"{}\" but the file is named \"{stem}.toml\"",
                    f.id
                ),
                fixed: false,
            });
        }
        if f.kind == Some(Kind::ReadingAfter)
            && let Some(r) = &f.reading
            && !readings.contains(r.as_str())
        {
            found.push(Finding {
                kind: "broken_link",
                path: path.clone(),
                message: format!(
                    "an after-reading entry whose reading ({r}) is not in the journal"
                ),
                fixed: false,
            });
        }
        if let Some(fu) = &f.follow {
            let entry = fu.action.split(':').next().unwrap_or("");
            if !ids.contains(entry) {
                found.push(Finding {
                    kind: "broken_link",
                    path,
                    message: format!(
                        "a follow-up of an action ({}) whose entry is not in the journal",
                        fu.action
                    ),
                    fixed: false,
                });
            }
        }
    }
    // Permissions, links and leftovers, anywhere in the journal folder.
    let mut all = Vec::new();
    walk(root, &mut all);
    // git's own folder (a synced journal) is git's to keep: its files are
    // not tend's, and the journal folder's own privacy covers them.
    let git_dir = root.join(".git");
    all.retain(|(p, _)| !p.starts_with(&git_dir));
    // The journal folder itself may be a link (to a synced or encrypted
    // folder, say): what it leads to is the journal, so it is followed here.
    all.push((root.clone(), fs::metadata(root)?.file_type()));
    for (p, t) in &all {
        let shown = p.display().to_string();
        if t.is_symlink() {
            found.push(Finding {
                kind: "link",
                path: shown,
                message:
                    "a link; tend never follows it, so what it points to is not part of the journal"
                        .into(),
                fixed: false,
            });
            continue;
        }
        let want = if t.is_dir() { 0o700 } else { 0o600 };
        let meta = if p == root {
            fs::metadata(p)
        } else {
            fs::symlink_metadata(p)
        };
        let Ok(meta) = meta else {
            continue;
        };
        if let Some(mode) = crate::platform::mode(&meta)
            && mode != want
        {
            let fixed = args.fix && crate::platform::set_mode(p, want).is_ok();
            found.push(Finding {
                kind: "permissions",
                path: shown.clone(),
                message: format!("permissions are {mode:o}; private is {want:o}"),
                fixed,
            });
        }
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|e| e.as_secs() > 3600);
        if t.is_file() && (name.starts_with(".tend-") || name.starts_with(".edit-")) && old {
            found.push(Finding {
                kind: "leftover",
                path: shown,
                message: "a temporary file left by an interrupted save; the entry it belonged to is either saved or still a draft, so this can be deleted".into(),
                fixed: false,
            });
        }
    }
    if let Some(message) = crate::platform::place_note(root) {
        found.push(Finding {
            kind: "place",
            path: root.display().to_string(),
            message,
            fixed: false,
        });
    }
    for d in Draft::all(&app.journal) {
        // When the draft was last written, not the day it is for: a catch-up
        // check-in for last month, started today, is not stale.
        let written = fs::metadata(d.path(&app.journal))
            .and_then(|m| m.modified())
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(app.now.timestamp(), |d| d.as_secs() as i64);
        if app.now.timestamp() - written > Duration::days(7).num_seconds() {
            found.push(Finding {
                kind: "stale_draft",
                path: d.path(&app.journal).display().to_string(),
                message: format!(
                    "an unfinished {} from {}; `tend checkin` offers to carry on or set it aside",
                    d.entry.kind.label(),
                    super::when(&d.entry.created)
                ),
                fixed: false,
            });
        }
    }
    // Not a problem (nothing is at risk on this computer), but worth
    // knowing: what is not sent yet is on this computer only.
    let sync = crate::synced::Standing::of(&app.journal, &app.now);
    if let Some(phrase) = sync.as_ref().and_then(|s| s.phrase(&app.now)) {
        notes.push(format!("Sync: {phrase}."));
    }
    let problems = found.iter().filter(|f| !f.fixed).count();
    if args.format == TextOrJson::Json {
        outln!(
            "{}",
            crate::output::json(&json!({
                "journal": root,
                "entries": index.state.entries,
                "problems": problems,
                "findings": found,
                "notes": notes,
                "sync": sync.as_ref().map(crate::synced::Standing::json),
            }))?
        );
    } else {
        outln!(
            "Checked {} in {}.",
            plural(index.state.entries, "entry", "entries"),
            root.display()
        );
        for n in &notes {
            outln!("  {n}");
        }
        if found.is_empty() {
            outln!("{}", style("Everything looks right.").bold());
        }
        for f in &found {
            let tag = if f.fixed { "fixed" } else { f.kind };
            outln!(
                "  {} {}: {}",
                style(format!("[{tag}]")).bold(),
                f.path,
                f.message
            );
        }
        if found.iter().any(|f| f.kind == "permissions" && !f.fixed) {
            outln!(
                "`tend doctor --fix` makes files and folders private again (it changes nothing else)."
            );
        }
    }
    if problems > 0 {
        return Err(crate::fail::Fail {
            code: 1,
            message: format!(
                "{problems} thing{} need{} a look",
                if problems == 1 { "" } else { "s" },
                if problems == 1 { "s" } else { "" }
            ),
        }
        .into());
    }
    Ok(())
}

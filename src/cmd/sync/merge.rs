//! Putting two computers' changes together so nothing is lost (issue 15 §3).
//!
//! tend does not trust git's own merge with entries: git follows a deleted
//! entry into the trash as a rename and applies the other side's edit to
//! the trashed copy, and it would splice two edits of one entry line by
//! line. So tend compares each side with the merge base itself (`git diff
//! --no-renames`), starts a merge that changes nothing (`-s ours
//! --no-commit`), writes what came in path by path, decides each path both
//! sides changed, and commits. Anything it cannot decide is found before
//! the merge starts; a failure after it aborts the merge, so both sides stay
//! as they were and no half-finished merge is left behind.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, bail};

use crate::app::App;
use crate::git::Git;
use crate::journal::Journal;
use crate::journal::id;
use crate::journal::trash::{self, Why};

/// What happens to a path both sides changed.
enum Both {
    /// The other side's version goes in place; this side's, when it was an
    /// edit, is kept in the trash as "not applied".
    Theirs { keep_ours: bool },
    /// This side's version stays; the other side's edit, if it was one, is
    /// kept in the trash as "not applied".
    Ours { keep_theirs: bool },
}

/// The whole merge, decided before anything is touched.
struct Plan {
    /// Paths only the other side changed: taken as they are there.
    incoming: Vec<String>,
    /// Paths only the other side deleted.
    gone: Vec<String>,
    /// Paths both sides changed differently, and what becomes of them.
    both: Vec<(String, Both)>,
    /// What the leader is told, one line each.
    notes: Vec<String>,
    /// Whether any entry's words must be opened (a sealed version to keep).
    needs_keys: bool,
}

/// Merges `theirs` into this computer's branch, under the journal lock, and
/// commits the merge. Returns what the leader should know (empty when
/// nothing needed deciding).
pub fn merge(app: &App, git: &Git, theirs: &str) -> Result<Vec<String>> {
    let j = &app.journal;
    let head = git.line(["rev-parse", "HEAD"])?;
    let theirs = git.line(["rev-parse", theirs])?;
    let plan = plan(j, git, &head, &theirs)?;
    // The passphrase (if one is needed) is asked before the lock is taken,
    // so no other tend waits on a person typing.
    if plan.needs_keys {
        j.unlocked()?;
    }
    let _lock = j.lock()?;
    if git.line(["rev-parse", "HEAD"])? != head {
        bail!(
            "another tend changed the journal while this sync was deciding what to do, so nothing was merged. Please run tend sync again."
        );
    }
    git.run([
        "merge",
        "-q",
        "--no-ff",
        "--no-commit",
        "-s",
        "ours",
        &theirs,
    ])?;
    let mut kept = Vec::new();
    let done = apply(app, git, &head, &theirs, &plan, &mut kept);
    if let Err(e) = done {
        let _ = git.run(["merge", "--abort"]);
        for k in &kept {
            let _ = std::fs::remove_file(k);
        }
        bail!(
            "could not finish putting the two computers' changes together, so everything was put back as it was \
             (this computer's journal as before, the other's still at the remote) and nothing was lost. What stopped it: {e:#}"
        );
    }
    Ok(plan.notes)
}

/// Where a path lives in the journal.
#[derive(PartialEq, Eq)]
enum Area {
    Entry,
    Key,
    Other,
}

fn area(path: &str) -> Area {
    if crate::git::entry_name(path).is_some() {
        Area::Entry
    } else if path.starts_with("key/") {
        Area::Key
    } else {
        Area::Other
    }
}

fn plan(j: &Journal, git: &Git, head: &str, theirs: &str) -> Result<Plan> {
    let base = git.line(["merge-base", head, theirs])?;
    let ours: BTreeMap<String, u8> = git
        .changes(&base, head)?
        .into_iter()
        .map(|(s, p)| (p, s))
        .collect();
    let mut plan = Plan {
        incoming: Vec::new(),
        gone: Vec::new(),
        both: Vec::new(),
        notes: Vec::new(),
        needs_keys: false,
    };
    let mut keys = Vec::new();
    let mut stuck = Vec::new();
    for (state, path) in git.changes(&base, theirs)? {
        if !ours.contains_key(&path) {
            match state {
                b'D' => plan.gone.push(path),
                _ => plan.incoming.push(path),
            }
            continue;
        }
        let mine = git.blob(head, &path)?;
        let other = git.blob(theirs, &path)?;
        if mine == other {
            continue; // the same change on both computers
        }
        match area(&path) {
            Area::Entry => entry(j, git, head, theirs, path, mine, other, &mut plan)?,
            Area::Key => keys.push(path),
            Area::Other => stuck.push(path),
        }
    }
    if !stuck.is_empty() {
        bail!(
            "{} changed on both computers in different ways, and tend does not know how to put {} together. \
             Nothing was merged and nothing was lost: this computer's journal is as it was, and the other's is still at the remote. \
             If you did not change {} yourself, please make {} match on both computers (or ask someone who knows git), then tend sync again.",
            stuck.join(", "),
            if stuck.len() == 1 { "it" } else { "them" },
            if stuck.len() == 1 { "it" } else { "them" },
            if stuck.len() == 1 { "it" } else { "them" },
        );
    }
    if !keys.is_empty() {
        key_files(git, head, theirs, keys, &mut plan)?;
    }
    Ok(plan)
}

/// An entry both computers changed.
#[allow(clippy::too_many_arguments)]
fn entry(
    j: &Journal,
    git: &Git,
    head: &str,
    theirs: &str,
    path: String,
    mine: Option<Vec<u8>>,
    other: Option<Vec<u8>>,
    plan: &mut Plan,
) -> Result<()> {
    let name = crate::git::entry_name(&path).unwrap_or_else(|| path.clone());
    let handle = entry_id(&path).map(|i| id::handle(&i).to_string());
    let handle = handle.unwrap_or_default();
    let what = match (&mine, &other) {
        (None, None) => return Ok(()),
        (None, Some(_)) => {
            plan.notes.push(format!(
                "{name} was deleted here and changed on the other computer, so tend brought it back with that change. \
                 The copy deleted here is still in the trash."
            ));
            Both::Theirs { keep_ours: false }
        }
        (Some(_), None) => {
            plan.notes.push(format!(
                "{name} was deleted on the other computer and changed here, so it stays in place with the change made here \
                 (the other computer gets it back at its next sync; its deleted copy is in the trash)."
            ));
            Both::Ours { keep_theirs: false }
        }
        (Some(a), Some(b)) => {
            // Compared as words: sealing the same words twice never gives
            // the same bytes.
            if crate::journal::store::is_sealed(Path::new(&path)) {
                plan.needs_keys = true;
                let (a, b) = (opened(j, &path, a)?, opened(j, &path, b)?);
                if a == b {
                    return Ok(());
                }
            }
            // The version saved last stays in place (each save is committed
            // as it lands); on a tie, this computer's.
            let newer = git.last_touched(theirs, &path)? > git.last_touched(head, &path)?;
            let (kept_where, placed_where) = if newer {
                ("this computer's", "the other computer's")
            } else {
                ("the other computer's", "this computer's")
            };
            plan.notes.push(format!(
                "{name} was changed on both computers. The version saved last ({placed_where}) is in place; \
                 {kept_where} is in the trash as \"not applied\". `tend restore {handle}` swaps them; nothing is lost."
            ));
            if newer {
                Both::Theirs { keep_ours: true }
            } else {
                Both::Ours { keep_theirs: true }
            }
        }
    };
    plan.both.push((path, what));
    Ok(())
}

/// Key files both computers changed (`key/`, an encrypted journal). When
/// both still list the same public keys (the journal key and the recovery
/// key, in `recipients.txt`) they open the same journal, and only the
/// passphrase wrapping them differs: the side changed last is taken. Keys
/// that differ are never put together: that would leave entries sealed to
/// a key one computer lacks.
fn key_files(
    git: &Git,
    head: &str,
    theirs: &str,
    keys: Vec<String>,
    plan: &mut Plan,
) -> Result<()> {
    let recipients = "key/recipients.txt";
    let next = "key/next.age";
    let same = git.blob(head, recipients)? == git.blob(theirs, recipients)?
        && git.blob(head, next)?.is_none()
        && git.blob(theirs, next)?.is_none();
    if !same {
        bail!(
            "the journal's keys were changed on both computers, and they no longer open the same journal (a key rotate or key recovery on one of them, most likely). \
             tend does not mix two sets of keys, so nothing was merged and nothing was lost: each computer's journal is as it was, and the other's is still at the remote. \
             To carry on, choose one computer's journal: on the others, move the journal folder aside and join afresh with tend sync init REMOTE \
             (first copy over any entry written only there, with tend export or by hand)."
        );
    }
    let newer = git.last_touched(theirs, "key")? > git.last_touched(head, "key")?;
    let side = if newer {
        "took the other computer's"
    } else {
        "kept this computer's, so the passphrase set here opens the journal on both computers after the other's next sync"
    };
    plan.notes.push(format!(
        "The journal's key files were changed on both computers (a new passphrase, most likely), and both hold the same journal key: \
         tend {side}, changed last."
    ));
    for path in keys {
        let what = if newer {
            Both::Theirs { keep_ours: false }
        } else {
            Both::Ours { keep_theirs: false }
        };
        plan.both.push((path, what));
    }
    Ok(())
}

/// An entry's id from its path (`entries/YYYY/MM/ID.toml[.age]`).
fn entry_id(path: &str) -> Option<String> {
    let file = path.rsplit('/').next()?;
    Some(file.split('.').next()?.to_string())
}

/// A committed version's words: opened with the journal's keys if sealed.
fn opened(j: &Journal, path: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    if crate::journal::store::is_sealed(Path::new(path)) {
        Ok(j.unlocked()?.open(&j.root.join(path), bytes)?.to_vec())
    } else {
        Ok(bytes.to_vec())
    }
}

/// Carries out the plan inside the started merge, then commits it. Trash
/// copies written are listed in `kept`, so an abort can take them away.
fn apply(
    app: &App,
    git: &Git,
    head: &str,
    theirs: &str,
    plan: &Plan,
    kept: &mut Vec<std::path::PathBuf>,
) -> Result<()> {
    let j = &app.journal;
    let mut add: Vec<String> = Vec::new();
    // The versions that step aside go to the trash first, through the
    // trash's one writer (sealed in an encrypted journal).
    for (path, what) in &plan.both {
        let (keep, from) = match what {
            Both::Theirs { keep_ours: true } => (true, head),
            Both::Ours { keep_theirs: true } => (true, theirs),
            Both::Theirs { .. } | Both::Ours { .. } => (false, head),
        };
        if keep {
            let bytes = git.blob(from, path)?.unwrap_or_default();
            let words = opened(j, path, &bytes)?;
            let id = entry_id(path).unwrap_or_default();
            let written = trash::keep(j, &id, &words, Why::Unapplied, &app.now)?;
            kept.push(written.clone());
            add.push(relative(j, &written)?);
        }
    }
    // What the other side changed alone, and the versions of theirs that
    // go in place, as committed there (sealed stays sealed); git writes
    // them private, like everything in the journal.
    let mut take: Vec<&str> = plan.incoming.iter().map(String::as_str).collect();
    take.extend(
        plan.both
            .iter()
            .filter(|(_, w)| matches!(w, Both::Theirs { .. }))
            .map(|(p, _)| p.as_str()),
    );
    for chunk in take.chunks(100) {
        let mut args: Vec<&str> = vec!["--literal-pathspecs", "checkout", theirs, "--"];
        args.extend(chunk);
        git.run(&args)?;
    }
    for chunk in plan.gone.chunks(100) {
        let mut args: Vec<&str> = vec!["--literal-pathspecs", "rm", "-q", "--ignore-unmatch", "--"];
        args.extend(chunk.iter().map(String::as_str));
        git.run(&args)?;
    }
    for chunk in add.chunks(100) {
        let mut args: Vec<&str> = vec!["--literal-pathspecs", "add", "-f", "--"];
        args.extend(chunk.iter().map(String::as_str));
        git.run(&args)?;
    }
    let names: Vec<String> = plan
        .both
        .iter()
        .filter_map(|(p, _)| crate::git::entry_name(p))
        .collect();
    let message = if names.is_empty() {
        "tend: merge".to_string()
    } else {
        format!("tend: merge, both sides kept for {}", names.join(", "))
    };
    git.run(["commit", "-q", "--no-verify", "-m", &message])?;
    Ok(())
}

/// A path inside the journal as git names it (with `/`).
fn relative(j: &Journal, path: &Path) -> Result<String> {
    let rel = path
        .strip_prefix(&j.root)
        .map_err(|_| anyhow::anyhow!("{} is not inside the journal", path.display()))?;
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

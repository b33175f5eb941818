//! Turning a journal's files from plain to sealed and back, one file at a
//! time, so a kill at any moment loses nothing: the new form is written and
//! flushed (file and folder), read back and compared as words, and only then
//! is the old form removed. Running again finishes the job; files already
//! converted are skipped, and a file in both forms (a kill between writing
//! and removing) is converted again from the old form, which was not yet
//! removed because the new one was not yet known to be good.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::Unlocked;
use crate::journal::Journal;
use crate::journal::store::{Mode, is_sealed, plain_path, sealed_path, write_atomic_checked};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Seal,
    Open,
    /// Sealed to sealed, for the key ring's current recipients (`tend key
    /// rotate`, `tend key recovery`): the file keeps its name.
    Reseal,
}

/// The folders whose files hold words: entries, drafts and the trash. (The
/// index is derived: it is removed and rebuilt instead; the key folder is
/// never converted.) The journal's settings file, holding names, is
/// converted with them (see [`pending`]).
fn word_folders(journal: &Journal) -> [PathBuf; 3] {
    [
        journal.entries_dir(),
        journal.drafts_dir(),
        journal.trash_dir(),
    ]
}

/// Files still to convert in `direction`, in a stable order. Links and
/// temporary or lock files (starting with a dot) are never touched.
pub fn pending(journal: &Journal, direction: Direction) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in word_folders(journal) {
        walk(&dir, &mut found);
    }
    let settings = crate::journal::settings::path(journal);
    for file in [crate::journal::store::sealed_path(&settings), settings] {
        if fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
            found.push(file);
        }
    }
    found.retain(|p| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let toml = plain_path(p)
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".toml"));
        !name.starts_with('.')
            && toml
            && match direction {
                Direction::Seal => !is_sealed(p),
                Direction::Open | Direction::Reseal => is_sealed(p),
            }
    });
    found.sort();
    found
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for e in read.flatten() {
        let Ok(t) = e.file_type() else { continue };
        if t.is_dir() {
            walk(&e.path(), out);
        } else if t.is_file() {
            out.push(e.path());
        }
    }
}

/// Converts one file; returns where its words are now.
pub fn convert(
    journal: &Journal,
    unlocked: &Unlocked,
    path: &Path,
    direction: Direction,
) -> Result<PathBuf> {
    journal.guard(path)?;
    let old = journal.read(path)?;
    let (words, target, new) = match direction {
        Direction::Seal => {
            let words = zeroize::Zeroizing::new(old);
            let new = unlocked.seal(&words)?;
            (words, sealed_path(path), new)
        }
        Direction::Open => {
            let words = unlocked.open(path, &old)?;
            let new = words.to_vec();
            (words, plain_path(path), new)
        }
        Direction::Reseal => {
            let words = unlocked.open(path, &old)?;
            let new = unlocked.seal(&words)?;
            (words, path.to_path_buf(), new)
        }
    };
    journal.guard(&target)?;
    // Flushes the file and its folder; the flushed bytes are read back and
    // compared as words before they take the name.
    let same_words = |back: &[u8]| -> Result<()> {
        let back_words = match direction {
            Direction::Seal | Direction::Reseal => unlocked.open(&target, back)?,
            Direction::Open => zeroize::Zeroizing::new(back.to_vec()),
        };
        if back_words[..] != words[..] {
            bail!(
                "{}: what was written does not read back the same, so {} was kept as it is",
                target.display(),
                path.display()
            );
        }
        Ok(())
    };
    write_atomic_checked(&target, &new, Mode::Replace, &same_words)?;
    if target == path {
        return Ok(target);
    }
    fs::remove_file(path).map_err(|e| {
        anyhow::anyhow!(
            "{} was converted to {}, but the old form could not be removed ({e})",
            path.display(),
            target.display()
        )
    })?;
    if let Some(dir) = path.parent() {
        crate::platform::sync_dir(dir);
    }
    Ok(target)
}

/// Converts everything still to convert, then looks again until nothing is
/// left (a check-in saved by another terminal meanwhile is caught by the
/// next sweep). Returns how many files were converted.
///
/// Resealing makes one pass: a resealed file is still sealed, so the list
/// would never empty. (A check-in saved meanwhile is sealed by the new key
/// ring already, which the command puts in place before it starts.)
pub fn convert_all(journal: &Journal, unlocked: &Unlocked, direction: Direction) -> Result<usize> {
    if direction == Direction::Reseal {
        let todo = pending(journal, direction);
        for path in &todo {
            convert(journal, unlocked, path, direction)?;
        }
        return Ok(todo.len());
    }
    let mut done = 0;
    loop {
        let todo = pending(journal, direction);
        if todo.is_empty() {
            return Ok(done);
        }
        for path in &todo {
            convert(journal, unlocked, path, direction)?;
            done += 1;
        }
    }
}

/// The git repository folder (`.git`) at or above the journal, if any,
/// found without running git.
pub fn git_above(root: &Path) -> Option<PathBuf> {
    let start = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    start
        .ancestors()
        .map(|dir| dir.join(".git"))
        .find(|git| fs::symlink_metadata(git).is_ok())
}

/// Whether the git repository holding the journal has a remote: a `[remote`
/// section in its config, read without running git. (`.git` may be a file
/// naming the real folder, as in a worktree or submodule.)
pub fn git_remote_above(root: &Path) -> Option<PathBuf> {
    let git = git_above(root)?;
    let dir = if git.is_file() {
        let text = fs::read_to_string(&git).ok()?;
        let named = text.trim().strip_prefix("gitdir:")?.trim();
        git.parent()?.join(named)
    } else {
        git
    };
    let mut configs = vec![dir.join("config")];
    if let Ok(common) = fs::read_to_string(dir.join("commondir")) {
        configs.push(dir.join(common.trim()).join("config"));
    }
    configs.into_iter().find(|config| {
        fs::read_to_string(config)
            .is_ok_and(|text| text.lines().any(|l| l.trim_start().starts_with("[remote")))
    })
}

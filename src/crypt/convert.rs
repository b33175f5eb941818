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
use crate::journal::store::{Mode, is_sealed, plain_path, sealed_path, write_atomic};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Seal,
    Open,
}

/// The folders whose files hold words: entries, drafts and the trash. (The
/// index is derived: it is removed and rebuilt instead; the key folder is
/// never converted.)
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
    found.retain(|p| {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        let toml = plain_path(p)
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(".toml"));
        !name.starts_with('.')
            && toml
            && match direction {
                Direction::Seal => !is_sealed(p),
                Direction::Open => is_sealed(p),
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
    };
    journal.guard(&target)?;
    // Flushes the file and its folder before returning.
    write_atomic(&target, &new, Mode::Replace)?;
    let back = journal.read(&target)?;
    let back_words = match direction {
        Direction::Seal => unlocked.open(&target, &back)?,
        Direction::Open => zeroize::Zeroizing::new(back),
    };
    if back_words[..] != words[..] {
        bail!(
            "{}: what was written does not read back the same, so {} was kept as it is",
            target.display(),
            path.display()
        );
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
pub fn convert_all(journal: &Journal, unlocked: &Unlocked, direction: Direction) -> Result<usize> {
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

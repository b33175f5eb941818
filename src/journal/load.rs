//! The one loader. It reads entries, never writes them: a file that cannot be
//! read is reported by name and line and left exactly as it is.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::entry::Entry;
use super::facts::Facts;
use super::store::Journal;

use super::store::{MAX_ENTRY_BYTES, megabytes};

/// Reads one entry file, with the reason it cannot be used if it cannot:
/// its bytes, opened if its name ends in `.age`, then parsed. The size
/// check is on the bytes on disk (sealed, if sealed).
pub fn read_entry(journal: &Journal, path: &Path) -> Result<Entry> {
    let meta = fs::symlink_metadata(path)
        .map_err(|e| anyhow::anyhow!("{}: could not read it ({e})", path.display()))?;
    if !meta.file_type().is_file() {
        bail!(
            "{}: not a plain file (tend reads no links, so nothing outside the journal is read)",
            path.display()
        );
    }
    if meta.len() > MAX_ENTRY_BYTES {
        bail!(
            "{}: {} bytes is too large for an entry (more than {}), so it is not read",
            path.display(),
            meta.len(),
            megabytes(MAX_ENTRY_BYTES)
        );
    }
    let bytes = fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: could not read it ({e})", path.display()))?;
    if super::store::is_sealed(path) {
        let text = journal.unlocked()?.open_text(path, &bytes)?;
        return Entry::parse(path, &text);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line =
                crate::toml_errors::line_of(&String::from_utf8_lossy(&e.into_bytes()[..at]), at);
            bail!(
                "{}, line {line}: not UTF-8 text (bad byte at offset {at})",
                path.display()
            );
        }
    };
    Entry::parse(path, &text)
}

impl Journal {
    /// Reads the entry the index describes, through [`Journal::entry_file`].
    pub fn read_entry(&self, f: &Facts) -> Result<Entry> {
        read_entry(self, &self.entry_file(&f.path, &f.id)?)
    }
}

/// Entry files are `ID.toml`, or `ID.toml.age` sealed; temporary files
/// start with a dot and are skipped.
pub fn is_entry_name(p: &Path) -> bool {
    p.file_name().is_some_and(is_entry_file_name)
}

/// The same test on a bare file name, without allocating: the index runs it
/// on every file of the journal.
pub fn is_entry_file_name(name: &std::ffi::OsStr) -> bool {
    // Encoded bytes are the name's own bytes on Unix and WTF-8 on Windows;
    // either way an ASCII prefix and suffix are found as themselves.
    let b = name.as_encoded_bytes();
    let b = b.strip_suffix(crate::crypt::SUFFIX.as_bytes()).unwrap_or(b);
    b.len() > 5 && b.ends_with(b".toml") && !b.starts_with(b".")
}

/// Finds one entry by what a person typed: `last`, a full id, a unique start
/// of the id, or a unique start of its handle (the part after the dash).
/// `facts` must be oldest first.
pub fn find<'a>(facts: &'a [Facts], query: &str) -> Result<&'a Facts> {
    let readable: Vec<&Facts> = facts.iter().filter(|f| f.problem.is_none()).collect();
    let q = query.trim();
    if q.eq_ignore_ascii_case("last") {
        return readable
            .last()
            .copied()
            .ok_or_else(|| anyhow::anyhow!("the journal has no entries yet"));
    }
    if q.is_empty() {
        bail!("give an entry id, a short handle, or `last`");
    }
    if let Some(exact) = readable.iter().find(|f| f.id == q) {
        return Ok(exact);
    }
    let matches: Vec<&Facts> = readable
        .into_iter()
        .filter(|f| f.id.starts_with(q) || f.handle().starts_with(q))
        .collect();
    // Two files claiming one id are one match here; `locate` says which.
    let one_id = matches.windows(2).all(|w| w[0].id == w[1].id);
    match matches.as_slice() {
        [one, ..] if one_id => Ok(one),
        [] => {
            // An entry that is there but cannot be read says why.
            if let Some(f) = facts
                .iter()
                .filter(|f| f.problem.is_some())
                .find(|f| f.id.starts_with(q) || f.handle().starts_with(q))
            {
                bail!(
                    "that entry can't be used: {}",
                    f.problem.clone().unwrap_or_default()
                );
            }
            bail!("no entry matches \"{q}\" (see `tend list` for ids)")
        }
        many => bail!(
            "\"{q}\" matches {} entries: {}{}; type a few more characters",
            many.len(),
            many.iter()
                .take(5)
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if many.len() > 5 { ", ..." } else { "" }
        ),
    }
}

/// An entry a person named, and its file, checked by [`Journal::entry_file`].
pub struct Found<'a> {
    pub facts: &'a Facts,
    pub path: PathBuf,
    /// The id the file is named for: what the trash files it under.
    pub id: String,
}

/// Finds one entry by what a person typed, as [`find`] does, or by the path
/// of its file inside the journal; two files claiming one id can only be
/// told apart by path, and the message says so.
pub fn locate<'a>(journal: &Journal, facts: &'a [Facts], query: &str) -> Result<Found<'a>> {
    let q = query.trim();
    if q.contains('/') || q.ends_with(".toml") || q.ends_with(".toml.age") {
        let rel = journal.typed_entry_path(q).ok_or_else(|| {
            anyhow::anyhow!(
                "{q} is not a file in {} (`tend list` shows each entry's handle)",
                journal.entries_dir().display()
            )
        })?;
        let Some(f) = facts.iter().find(|f| f.path == rel) else {
            bail!(
                "{q} is not an entry tend knows (`tend doctor` checks every file in the journal)"
            );
        };
        if let Some(p) = &f.problem {
            bail!("that entry can't be used: {p}");
        }
        let id = rel
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim_end_matches(crate::crypt::SUFFIX)
            .trim_end_matches(".toml")
            .to_string();
        let path = journal.entry_file(&rel, &id)?;
        return Ok(Found { facts: f, path, id });
    }
    let f = find(facts, q)?;
    let claiming: Vec<String> = facts
        .iter()
        .filter(|g| g.problem.is_none() && g.id == f.id)
        .map(|g| journal.entry_path(&g.path).display().to_string())
        .collect();
    if claiming.len() > 1 {
        bail!(
            "{} files claim the id {}: {}. Give the path of the one you mean, for example `tend show {}` (`tend doctor` explains)",
            claiming.len(),
            f.id,
            claiming.join(" and "),
            claiming[0]
        );
    }
    let path = journal.entry_file(&f.path, &f.id)?;
    Ok(Found {
        facts: f,
        path,
        id: f.id.clone(),
    })
}

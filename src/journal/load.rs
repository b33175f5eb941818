//! The one loader. It reads entries, never writes them: a file that cannot be
//! read is reported by name and line and left exactly as it is.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::entry::Entry;
use super::store::Journal;

/// Larger than any entry a person writes; anything bigger is not read whole.
const MAX_ENTRY_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub entry: Entry,
}

/// A file that looked like an entry and could not be read as one.
#[derive(Debug)]
pub struct Problem {
    #[allow(dead_code, reason = "summaries list unreadable files by path")]
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Scan {
    /// Oldest first (ids start with the UTC instant).
    pub entries: Vec<Loaded>,
    pub problems: Vec<Problem>,
}

impl Scan {
    /// Prints each unreadable file on stderr, so every command that reads the
    /// journal says the same thing about them.
    pub fn warn_problems(&self) {
        for p in &self.problems {
            eprintln!(
                "tend: skipped an entry it could not read (left untouched): {}",
                p.reason
            );
        }
    }
}

/// Reads one entry file, with the reason it cannot be used if it cannot.
pub fn read_entry(path: &Path) -> Result<Entry> {
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
            "{}: {} bytes is too large for an entry",
            path.display(),
            meta.len()
        );
    }
    let bytes = fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: could not read it ({e})", path.display()))?;
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

/// Every `*.toml` under `entries/YYYY/MM/`, in id order.
pub fn entry_files(journal: &Journal) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for year in sorted_dirs(&journal.entries_dir()) {
        for month in sorted_dirs(&year) {
            if let Ok(read) = fs::read_dir(&month) {
                files.extend(
                    read.filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| is_entry_name(p)),
                );
            }
        }
    }
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    files
}

/// Entry files are `ID.toml`; temporary files start with a dot and are skipped.
pub fn is_entry_name(p: &Path) -> bool {
    p.extension().is_some_and(|x| x == "toml")
        && p.file_name()
            .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(read) => read
            .filter_map(|e| e.ok())
            // file_type() does not follow links: a linked folder is not walked.
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .collect(),
        Err(_) => Vec::new(),
    };
    dirs.sort();
    dirs
}

/// Reads the whole journal.
pub fn scan(journal: &Journal) -> Scan {
    let mut scan = Scan::default();
    for path in entry_files(journal) {
        match read_entry(&path) {
            Ok(entry) => scan.entries.push(Loaded { path, entry }),
            Err(e) => scan.problems.push(Problem {
                path,
                reason: format!("{e:#}"),
            }),
        }
    }
    scan.entries.sort_by(|a, b| a.entry.id.cmp(&b.entry.id));
    scan
}

/// Finds one entry by what a person typed: `last`, a full id, a unique prefix
/// of the id, or a unique prefix of its short handle (the part after the dash).
pub fn find<'a>(entries: &'a [Loaded], query: &str) -> Result<&'a Loaded> {
    let q = query.trim();
    if q.eq_ignore_ascii_case("last") {
        return entries
            .last()
            .ok_or_else(|| anyhow::anyhow!("the journal has no entries yet"));
    }
    if q.is_empty() {
        bail!("give an entry id, a short handle, or `last`");
    }
    if let Some(exact) = entries.iter().find(|l| l.entry.id == q) {
        return Ok(exact);
    }
    let matches: Vec<&Loaded> = entries
        .iter()
        .filter(|l| l.entry.id.starts_with(q) || super::id::handle(&l.entry.id).starts_with(q))
        .collect();
    match matches.as_slice() {
        [one] => Ok(one),
        [] => bail!("no entry matches \"{q}\" (see `tend list` for ids)"),
        many => bail!(
            "\"{q}\" matches {} entries: {}{}; type a few more characters",
            many.len(),
            many.iter()
                .take(5)
                .map(|l| l.entry.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if many.len() > 5 { ", ..." } else { "" }
        ),
    }
}

//! Drafts: a check-in in progress, saved after every answer so that Ctrl-C,
//! a closed terminal or a crash loses at most the answer being typed.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::entry::Entry;
use super::store::{Journal, Mode};

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// The question ids this check-in means to ask, in order; those with an
    /// answer in `entry` are done.
    pub plan: Vec<String>,
    pub entry: Entry,
}

impl Draft {
    pub fn path(&self, journal: &Journal) -> PathBuf {
        journal.drafts_dir().join(format!("{}.toml", self.entry.id))
    }

    /// The draft's file as it is on disk: sealed (`ID.toml.age`) in an
    /// encrypted journal.
    fn file(&self, journal: &Journal) -> PathBuf {
        journal.written_form(&self.path(journal))
    }

    pub fn save(&self, journal: &Journal) -> Result<()> {
        let text = zeroize::Zeroizing::new(toml::to_string(self)?);
        let written = journal.write_entry(&self.path(journal), text.as_bytes(), Mode::Replace)?;
        // A plain copy from before the journal was encrypted goes once the
        // sealed one is safely written.
        if written != self.path(journal) {
            let _ = fs::remove_file(self.path(journal));
        }
        Ok(())
    }

    /// The draft's own lock file. The draft itself is replaced on every
    /// save, so a lock on it would not last; this file does.
    fn lock_path(&self, journal: &Journal) -> PathBuf {
        journal
            .drafts_dir()
            .join(format!(".{}.lock", self.entry.id))
    }

    /// Marks the draft as open in this terminal for as long as the returned
    /// hold lives, or says it is already open in another one.
    pub fn hold(&self, journal: &Journal) -> Result<Held> {
        let path = self.lock_path(journal);
        journal.guard(&path)?;
        super::store::private_dir(&journal.drafts_dir())?;
        loop {
            let file = crate::platform::open_lock_file(&path)
                .with_context(|| format!("could not open {}", path.display()))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => anyhow::bail!(
                    "this unfinished {} is open in another terminal; carry on there (nothing was changed here)",
                    self.entry.kind.label()
                ),
                Err(fs::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("could not lock {}", path.display()));
                }
            }
            // The terminal that held it last removes the lock file as it
            // lets go; a lock on a file no longer there is no lock, so try
            // again on the one that is.
            if crate::platform::is_same_file(&file, &path) {
                return Ok(Held {
                    _file: file,
                    lock: path,
                });
            }
        }
    }

    /// True while another terminal holds the draft.
    pub fn open_elsewhere(&self, journal: &Journal) -> bool {
        self.hold(journal).is_err()
    }

    /// The plan's questions not answered yet. (What "Something else" was is
    /// an answer outside the plan, recorded with its choice.)
    pub fn remaining(&self) -> Vec<String> {
        self.plan
            .iter()
            .filter(|id| self.entry.answer(id).is_none())
            .cloned()
            .collect()
    }

    /// Drafts on disk, oldest first. Unreadable ones are reported and kept.
    pub fn all(journal: &Journal) -> Vec<Draft> {
        let mut files: Vec<PathBuf> = match fs::read_dir(journal.drafts_dir()) {
            Ok(read) => read
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| super::load::is_entry_name(p))
                .collect(),
            Err(_) => return Vec::new(),
        };
        files.sort();
        let mut drafts = Vec::new();
        for path in files {
            // Never through a link: a linked draft is reported, not read.
            let parsed = journal.read_opened(&path).and_then(|b| {
                let t = std::str::from_utf8(&b).map_err(|_| anyhow::anyhow!("not UTF-8 text"))?;
                toml::from_str::<Draft>(t)
                    .map_err(|e| anyhow::anyhow!(crate::toml_errors::describe(&path, t, &e)))
            });
            match parsed {
                Ok(d) => drafts.push(d),
                Err(e) => errln!(
                    "tend: a draft could not be read and was left as it is: {} ({e:#})",
                    path.display()
                ),
            }
        }
        drafts
    }

    /// Moves the draft into the trash: set aside, never thrown away.
    pub fn set_aside(&self, journal: &Journal) -> Result<PathBuf> {
        let file = self.file(journal);
        let name = file.file_name().unwrap_or_default();
        let dest = journal.trash_dir().join("drafts").join(name);
        journal.guard(&dest)?;
        journal.guard(&file)?;
        super::store::private_dir(dest.parent().unwrap_or(&journal.trash_dir()))?;
        fs::rename(&file, &dest)
            .with_context(|| format!("could not move the draft to {}", dest.display()))?;
        Ok(dest)
    }

    /// Called only once the entry it became is safely on disk.
    pub fn remove(&self, journal: &Journal) -> Result<()> {
        let plain = self.path(journal);
        for path in [super::store::sealed_path(&plain), plain] {
            match fs::remove_file(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(e).with_context(|| {
                        format!("could not tidy away the draft {}", path.display())
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// A draft open in this terminal; its lock file goes when the hold does,
/// so the drafts folder holds only drafts.
pub struct Held {
    _file: fs::File,
    lock: PathBuf,
}

impl Drop for Held {
    fn drop(&mut self) {
        // Removed while still locked, so no one else can lock it meanwhile.
        let _ = fs::remove_file(&self.lock);
    }
}

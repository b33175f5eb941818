//! Drafts: a check-in in progress, saved after every answer so that Ctrl-C,
//! a closed terminal or a crash loses at most the answer being typed.

use std::fs;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::entry::Entry;
use super::store::{Journal, Mode, write_entry};

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

    pub fn save(&self, journal: &Journal) -> Result<()> {
        journal.guard(&self.path(journal))?;
        let text = toml::to_string(self)?;
        write_entry(&self.path(journal), text.as_bytes(), Mode::Replace)
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
            let parsed = fs::read_to_string(&path)
                .map_err(anyhow::Error::from)
                .and_then(|t| {
                    toml::from_str::<Draft>(&t)
                        .map_err(|e| anyhow::anyhow!(crate::toml_errors::describe(&path, &t, &e)))
                });
            match parsed {
                Ok(d) => drafts.push(d),
                Err(e) => eprintln!(
                    "tend: a draft could not be read and was left as it is: {} ({e:#})",
                    path.display()
                ),
            }
        }
        drafts
    }

    /// Moves the draft into the trash: set aside, never thrown away.
    pub fn set_aside(&self, journal: &Journal) -> Result<PathBuf> {
        let dest = journal
            .trash_dir()
            .join("drafts")
            .join(format!("{}.toml", self.entry.id));
        super::store::private_dir(dest.parent().unwrap_or(&journal.trash_dir()))?;
        fs::rename(self.path(journal), &dest)
            .with_context(|| format!("could not move the draft to {}", dest.display()))?;
        Ok(dest)
    }

    /// Called only once the entry it became is safely on disk.
    pub fn remove(&self, journal: &Journal) -> Result<()> {
        let path = self.path(journal);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("could not tidy away the draft {}", path.display()))
            }
            _ => Ok(()),
        }
    }
}

//! The settings a journal keeps for itself: `JOURNAL/settings.toml`, or
//! `settings.toml.age` in an encrypted journal. Today that is the watch list,
//! which holds names of colleagues and patients: in an encrypted journal those
//! belong with the entries, sealed, not in the plain config file.
//!
//! It is written through the one writer (`Journal::write`, which seals it in
//! an encrypted journal) and read through the one reader
//! (`Journal::read_opened`); `tend encrypt` and `tend decrypt` convert it
//! with the entries.

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};

use super::store::{Journal, Mode, is_sealed, plain_path, sealed_path};

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalSettings {
    /// Names the export's identifier check looks for, and that are never themes.
    #[serde(default)]
    pub watch_list: Vec<String>,
}

/// `JOURNAL/settings.toml` (the plain name; the sealed one adds `.age`).
pub fn path(j: &Journal) -> PathBuf {
    j.root.join("settings.toml")
}

/// Where the settings are now, in either form, if anywhere.
pub fn existing(j: &Journal) -> Option<PathBuf> {
    let written = j.written_form(&path(j));
    std::fs::symlink_metadata(&written)
        .is_ok()
        .then_some(written)
}

/// The journal's settings; none written yet means the defaults. Opening the
/// sealed form unlocks the journal (asking once, as for entries).
pub fn load(j: &Journal) -> Result<JournalSettings> {
    let Some(file) = existing(j) else {
        return Ok(JournalSettings::default());
    };
    let bytes = j.read_opened(&file)?;
    let text =
        std::str::from_utf8(&bytes).map_err(|_| anyhow!("{}: not UTF-8 text", file.display()))?;
    let text = crate::toml_errors::unix_line_ends(text);
    toml::from_str(&text).map_err(|e| anyhow!(crate::toml_errors::describe(&file, &text, &e)))
}

/// Saves the settings through the one writer, under the journal lock (the
/// caller loads, changes and saves while holding it). If the other form is
/// there too (written before `tend encrypt` or `decrypt`), it is removed
/// once the new one is safely written: it held an older copy of the same
/// settings.
pub fn save(j: &Journal, settings: &JournalSettings) -> Result<PathBuf> {
    let text = format!(
        "# This journal's own settings (`tend watch` changes the watch list).\n{}",
        toml::to_string(settings)?
    );
    let written = j.write(&path(j), text.as_bytes(), Mode::Replace)?;
    let other = if is_sealed(&written) {
        plain_path(&written)
    } else {
        sealed_path(&written)
    };
    match std::fs::remove_file(&other) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(anyhow!(
                "{} is saved, but an older copy, {}, could not be removed ({e})",
                written.display(),
                other.display()
            ));
        }
        _ => crate::platform::sync_dir(&j.root),
    }
    Ok(written)
}

//! The trash: where deleted entries, the versions an edit replaced, and
//! drafts set aside wait. Nothing leaves it except by an explicit purge.
//! Layout: `trash/entries/ID/STAMP-WHY.toml` (STAMP is the UTC time it was
//! trashed, WHY is `deleted` or `edited`), and `trash/drafts/ID.toml`; in an
//! encrypted journal each name ends in `.age` as well.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset, Utc};

use super::store::{Journal, private_dir};

#[derive(Debug, Clone)]
pub struct Trashed {
    pub id: String,
    pub path: PathBuf,
    /// When it went to the trash, as its file name says (UTC).
    pub stamp: String,
    pub why: Why,
}

/// Why a version is in the trash; the word is part of its file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    Deleted,
    /// An earlier version, replaced by an edit.
    Edited,
    /// The version in place when an older one was restored.
    Replaced,
    /// An edit that was not applied: the entry changed meanwhile.
    Unapplied,
    /// An unfinished check-in, set aside.
    Draft,
}

impl Why {
    pub fn as_str(self) -> &'static str {
        match self {
            Why::Deleted => "deleted",
            Why::Edited => "edited",
            Why::Replaced => "replaced",
            Why::Unapplied => "unapplied",
            Why::Draft => "draft",
        }
    }

    /// What `tend trash` says of it.
    pub fn label(self) -> &'static str {
        match self {
            Why::Deleted => "deleted",
            Why::Edited => "an earlier version (replaced by an edit)",
            Why::Replaced => "a version replaced when an older one was restored",
            Why::Unapplied => "not applied: the entry changed meanwhile",
            Why::Draft => "an unfinished check-in, set aside",
        }
    }

    /// From a file name's word; a name tend didn't write counts as deleted,
    /// so the file is still listed and can be restored.
    fn from_name(word: &str) -> Why {
        [Why::Edited, Why::Replaced, Why::Unapplied, Why::Draft]
            .into_iter()
            .find(|w| w.as_str() == word)
            .unwrap_or(Why::Deleted)
    }
}

impl Trashed {
    /// What the trashed file holds ("the note from Thu 26 Nov 2026, 13:20:
    /// first words"), or None if it cannot be read as an entry or a draft.
    pub fn what(&self, j: &Journal) -> Option<String> {
        let entry = match self.why {
            Why::Draft => {
                let bytes = j.read_opened(&self.path).ok()?;
                let text = std::str::from_utf8(&bytes).ok()?;
                toml::from_str::<super::draft::Draft>(text).ok()?.entry
            }
            Why::Deleted | Why::Edited | Why::Replaced | Why::Unapplied => {
                super::load::read_entry(j, &self.path).ok()?
            }
        };
        Some(super::facts::what(
            entry.kind.label(),
            &entry.created,
            &super::facts::gist(&entry),
        ))
    }

    /// When it went to the trash, in the same local time as everything else.
    pub fn when(&self, offset: &FixedOffset) -> String {
        chrono::NaiveDateTime::parse_from_str(&self.stamp, "%Y%m%dT%H%M%S%.3fZ")
            .or_else(|_| chrono::NaiveDateTime::parse_from_str(&self.stamp, "%Y%m%dT%H%M%SZ"))
            .map(|t| {
                t.and_utc()
                    .with_timezone(offset)
                    .format("%-d %b %Y, %H:%M")
                    .to_string()
            })
            .unwrap_or_else(|_| self.stamp.clone())
    }
}

fn entries_trash(j: &Journal) -> PathBuf {
    j.trash_dir().join("entries")
}

/// Moves `file` (an entry) into the trash as a version of `id`.
pub fn put(
    j: &Journal,
    id: &str,
    file: &Path,
    why: Why,
    now: &DateTime<FixedOffset>,
) -> Result<PathBuf> {
    let dir = entries_trash(j).join(id);
    if !super::id::is_valid(id) {
        anyhow::bail!("\"{id}\" is not an entry id, so nothing was moved to the trash");
    }
    j.guard(&dir.join("x"))?;
    j.guard(file)?;
    private_dir(&dir)?;
    let stamp = now.with_timezone(&Utc).format("%Y%m%dT%H%M%S%.3fZ");
    // A sealed entry stays sealed in the trash.
    let age = if super::store::is_sealed(file) {
        crate::crypt::SUFFIX
    } else {
        ""
    };
    let mut dest = dir.join(format!("{stamp}-{}.toml{age}", why.as_str()));
    let mut n = 1;
    while dest.exists() {
        n += 1;
        dest = dir.join(format!("{stamp}-{}-{n}.toml{age}", why.as_str()));
    }
    fs::rename(file, &dest)
        .with_context(|| format!("could not move {} to the trash", file.display()))?;
    crate::platform::sync_dir(&dir);
    Ok(dest)
}

/// Keeps a copy of an entry's bytes in the trash (an edit's previous
/// version), through the one writer.
pub fn keep(
    j: &Journal,
    id: &str,
    bytes: &[u8],
    why: Why,
    now: &DateTime<FixedOffset>,
) -> Result<PathBuf> {
    let dir = entries_trash(j).join(id);
    if !super::id::is_valid(id) {
        anyhow::bail!("\"{id}\" is not an entry id, so nothing was kept in the trash");
    }
    let stamp = now.with_timezone(&Utc).format("%Y%m%dT%H%M%S%.3fZ");
    for n in 1..100 {
        let name = if n == 1 {
            format!("{stamp}-{}.toml", why.as_str())
        } else {
            format!("{stamp}-{}-{n}.toml", why.as_str())
        };
        let dest = dir.join(name);
        match j.write_entry(&dest, bytes, super::store::Mode::Create) {
            Ok(written) => return Ok(written),
            Err(e) if super::store::is_already_exists(&e) => continue,
            Err(e) => return Err(e),
        }
    }
    anyhow::bail!("could not find a free name in {}", dir.display())
}

/// Everything in the trash, oldest first. Only plain files in real folders
/// of the trash count: a link there is never followed, listed or erased.
pub fn list(j: &Journal) -> Vec<Trashed> {
    let mut out = Vec::new();
    let plain =
        |f: &fs::DirEntry| f.file_type().is_ok_and(|t| t.is_file()) && j.guard(&f.path()).is_ok();
    if let Ok(ids) = fs::read_dir(entries_trash(j)) {
        for id in ids
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        {
            let name = id.file_name().to_string_lossy().into_owned();
            if let Ok(files) = fs::read_dir(id.path()) {
                for f in files.flatten().filter(plain) {
                    let file = f.file_name().to_string_lossy().into_owned();
                    let plain = file.strip_suffix(crate::crypt::SUFFIX).unwrap_or(&file);
                    let Some(stem) = plain.strip_suffix(".toml") else {
                        continue;
                    };
                    let (stamp, why) = stem.split_once('-').unwrap_or((stem, "deleted"));
                    out.push(Trashed {
                        id: name.clone(),
                        path: f.path(),
                        stamp: stamp.to_string(),
                        why: Why::from_name(why.split('-').next().unwrap_or(why)),
                    });
                }
            }
        }
    }
    if let Ok(drafts) = fs::read_dir(j.trash_dir().join("drafts")) {
        for f in drafts.flatten().filter(plain) {
            let file = f.file_name().to_string_lossy().into_owned();
            let plain = file.strip_suffix(crate::crypt::SUFFIX).unwrap_or(&file);
            if let Some(id) = plain.strip_suffix(".toml") {
                let stamp = f
                    .metadata()
                    .and_then(|m| m.modified())
                    .map(|t| {
                        DateTime::<Utc>::from(t)
                            .format("%Y%m%dT%H%M%SZ")
                            .to_string()
                    })
                    .unwrap_or_default();
                out.push(Trashed {
                    id: id.to_string(),
                    path: f.path(),
                    stamp,
                    why: Why::Draft,
                });
            }
        }
    }
    out.sort_by(|a, b| (&a.stamp, &a.id).cmp(&(&b.stamp, &b.id)));
    out
}

/// The trashed versions whose id matches what a person typed (a full id, a
/// unique start of it, or of its handle).
pub fn matching(j: &Journal, typed: &str) -> Vec<Trashed> {
    let t = typed.trim();
    let all = list(j);
    let exact: Vec<Trashed> = all.iter().filter(|x| x.id == t).cloned().collect();
    if !exact.is_empty() || t.is_empty() {
        return exact;
    }
    let hits: Vec<Trashed> = all
        .into_iter()
        .filter(|x| x.id.starts_with(t) || super::id::handle(&x.id).starts_with(t))
        .collect();
    // A prefix matching several different entries is no match at all.
    let mut ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
    ids.dedup();
    if ids.len() > 1 { Vec::new() } else { hits }
}

/// Erases trashed files for good, tidying empty folders, under the
/// journal's lock. Only what is inside the trash is ever erased.
pub fn erase(j: &Journal, items: &[Trashed]) -> Result<()> {
    let _lock = j.lock()?;
    for t in items {
        if !t.path.starts_with(j.trash_dir()) {
            anyhow::bail!(
                "{} is not in the trash, so it was not erased",
                t.path.display()
            );
        }
        j.guard(&t.path)?;
        match fs::remove_file(&t.path) {
            // Already gone (another tend erased it): nothing left to do.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            other => other.with_context(|| format!("could not erase {}", t.path.display()))?,
        }
        if let Some(parent) = t.path.parent() {
            let _ = fs::remove_dir(parent); // only succeeds when empty
        }
    }
    Ok(())
}

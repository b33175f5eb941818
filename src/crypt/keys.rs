//! The key files in `JOURNAL/key/`: making them once, unlocking, recovering
//! and rewrapping, and the mode marker.

use std::path::{Path, PathBuf};

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use anyhow::{Context, Result, anyhow, bail};

use super::{KeyRing, NewPassphrase, RecipientsChanged, Unlocked};
use crate::journal::Journal;
use crate::journal::store::Mode;

/// Whether a journal is encrypted, as its mode marker says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    Plain,
    Encrypted,
}

/// Fresh keys, made in memory so the recovery key can be shown and typed
/// back before anything is written: a crash after writing then never leaves
/// keys whose recovery key nobody has.
pub struct NewKeys {
    ring: KeyRing,
    recovery: x25519::Identity,
}

impl NewKeys {
    pub fn generate() -> NewKeys {
        let recovery = x25519::Identity::generate();
        NewKeys {
            ring: KeyRing {
                journal: x25519::Identity::generate(),
                retired: Vec::new(),
                recovery: recovery.to_public(),
            },
            recovery,
        }
    }

    /// A new recovery key for the ring in `current`; the journal key and
    /// retired keys stay.
    pub fn new_recovery(current: &Unlocked) -> NewKeys {
        let recovery = x25519::Identity::generate();
        NewKeys {
            ring: KeyRing {
                journal: current.ring.journal.clone(),
                retired: current.ring.retired.clone(),
                recovery: recovery.to_public(),
            },
            recovery,
        }
    }

    /// The ring after the change, once the recovery key has been kept:
    /// what `KeyDir::begin_change` records.
    pub fn into_ring(self) -> KeyRing {
        self.ring
    }

    /// The recovery key, `AGE-SECRET-KEY-1…`, to show once.
    pub fn recovery_key(&self) -> SecretString {
        self.recovery.to_string()
    }

    /// Whether what a person typed (or pasted) back is the recovery key;
    /// spaces, line breaks and case are forgiven.
    pub fn is_recovery_key(&self, typed: &str) -> bool {
        parse_recovery_key(typed)
            .is_ok_and(|k| k.to_public().to_string() == self.recovery.to_public().to_string())
    }
}

/// A recovery key as a person typed it: spaces and line breaks dropped,
/// upper case as age writes it.
fn parse_recovery_key(typed: &str) -> Result<x25519::Identity> {
    let cleaned: zeroize::Zeroizing<String> = zeroize::Zeroizing::new(
        typed
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_uppercase(),
    );
    cleaned.parse::<x25519::Identity>().map_err(|_| {
        anyhow!(
            "that is not a recovery key: it starts with AGE-SECRET-KEY-1 and is one long line (spaces are fine)"
        )
    })
}

/// The folder `JOURNAL/key/` and what is in it.
pub struct KeyDir<'a> {
    journal: &'a Journal,
}

impl<'a> KeyDir<'a> {
    pub fn new(journal: &'a Journal) -> KeyDir<'a> {
        KeyDir { journal }
    }
    pub fn dir(&self) -> PathBuf {
        self.journal.root.join("key")
    }
    pub fn identity_path(&self) -> PathBuf {
        self.dir().join("identity.age")
    }
    pub fn recovery_path(&self) -> PathBuf {
        self.dir().join("journal-key.recovery.age")
    }
    pub fn recipients_path(&self) -> PathBuf {
        self.dir().join("recipients.txt")
    }
    pub fn marker_path(&self) -> PathBuf {
        self.dir().join("journal.toml")
    }

    /// Whether the keys have been made (identity.age is written last, so
    /// its presence means all of them are there): a rerun of `tend encrypt`
    /// after a crash unlocks them instead of making new ones.
    pub fn has_keys(&self) -> bool {
        self.identity_path().is_file()
    }

    /// Writes the keys: the recovery file, then recipients.txt, then
    /// identity.age last. Refuses if keys are already there (keys are made
    /// once; a rerun unlocks them).
    pub fn create(&self, keys: NewKeys, passphrase: &NewPassphrase) -> Result<Unlocked> {
        if self.has_keys() {
            bail!(
                "{} already holds this journal's keys, so no new ones were made",
                self.dir().display()
            );
        }
        crate::platform::no_core_dumps();
        let ring_toml = keys.ring.to_toml()?;
        let recovery = keys.recovery.to_public();
        let for_recovery = super::seal_to(
            std::iter::once(&recovery as &dyn age::Recipient),
            ring_toml.as_bytes(),
        )?;
        self.journal
            .write(&self.recovery_path(), &for_recovery, Mode::Replace)?;
        self.journal.write(
            &self.recipients_path(),
            keys.ring.recipients_text().as_bytes(),
            Mode::Replace,
        )?;
        let wrapped = super::wrap_with_passphrase(ring_toml.as_bytes(), passphrase)?;
        self.journal
            .write(&self.identity_path(), &wrapped, Mode::Create)?;
        Ok(Unlocked {
            ring: keys.ring,
            changed: None,
            identity: Some(identity_digest(&wrapped)),
        })
    }

    /// Opens identity.age with the passphrase.
    pub fn unlock(&self, passphrase: &SecretString) -> Result<Unlocked> {
        let path = self.identity_path();
        let wrapped = self.read_key_file(&path)?;
        crate::platform::no_core_dumps();
        let plain = super::unwrap_with_passphrase(&path, &wrapped, passphrase)?;
        let mut unlocked = self.unlocked_from(&path, &plain)?;
        unlocked.identity = Some(identity_digest(&wrapped));
        Ok(unlocked)
    }

    /// Whether `unlocked` came from the `identity.age` on disk now (or
    /// there is none to compare with): if another tend changed the keys
    /// since, it did not.
    pub fn is_current(&self, unlocked: &Unlocked) -> bool {
        let (Some(had), Ok(now)) = (&unlocked.identity, self.journal.read(&self.identity_path()))
        else {
            return true;
        };
        *had == identity_digest(&now)
    }

    /// The same keys, taken as current for the `identity.age` on disk now:
    /// when the new one could not be opened, writing goes on with the keys
    /// in hand without asking again at every write.
    pub fn kept_as_current(&self, unlocked: &Unlocked) -> Unlocked {
        Unlocked {
            ring: unlocked.ring.clone(),
            changed: unlocked.changed.clone(),
            identity: self
                .journal
                .read(&self.identity_path())
                .ok()
                .map(|now| identity_digest(&now)),
        }
    }

    /// The unwrapped key ring as the keyring cache keeps it: the key ring's
    /// TOML, after a line naming the `identity.age` it came from (a digest
    /// of its bytes), so a cache left from before `key passphrase`, `key
    /// rotate` or `key recover` (here or on another machine) is never used.
    pub fn cache_secret(&self, unlocked: &Unlocked) -> Result<SecretString> {
        let wrapped = self.read_key_file(&self.identity_path())?;
        let ring = unlocked.ring.to_toml()?;
        let mut text = zeroize::Zeroizing::new(format!("{}\n", identity_digest(&wrapped)));
        text.push_str(&ring);
        Ok(SecretString::from(text.as_str()))
    }

    /// Unlocks with a key ring from the keyring cache, checked against
    /// `recipients.txt` as [`KeyDir::unlock`] checks it. None when the cache
    /// is stale (identity.age changed since it was cached, or the journal's
    /// recipients no longer match it) or unreadable: the caller then
    /// clears it and asks for the passphrase. Never says why in words that
    /// could quote the secret.
    pub fn unlock_with_cached(&self, cached: &SecretString) -> Option<Unlocked> {
        let (digest, ring) = cached.expose_secret().split_once('\n')?;
        let wrapped = self.read_key_file(&self.identity_path()).ok()?;
        if digest != identity_digest(&wrapped) {
            return None;
        }
        crate::platform::no_core_dumps();
        let mut unlocked = self
            .unlocked_from(&self.identity_path(), ring.as_bytes())
            .ok()?;
        unlocked.identity = Some(digest.to_string());
        // A cached ring that no longer fits recipients.txt is more likely
        // stale than tampered with; the passphrase decides which.
        unlocked.changed.is_none().then_some(unlocked)
    }

    /// Opens `journal-key.recovery.age` with the recovery key (for `tend key
    /// recover`, which then sets a new passphrase with [`KeyDir::set_passphrase`]).
    pub fn open_with_recovery_key(&self, recovery_key: &SecretString) -> Result<Unlocked> {
        let identity = parse_recovery_key(recovery_key.expose_secret())?;
        let path = self.recovery_path();
        let sealed = self.read_key_file(&path)?;
        crate::platform::no_core_dumps();
        let plain = super::open_with(std::iter::once(&identity as &dyn age::Identity), &sealed)
            .map_err(|e| {
                if let age::DecryptError::NoMatchingKeys = e {
                    anyhow!(
                        "that recovery key does not open this journal (each journal has its own), so nothing was changed"
                    )
                } else {
                    super::describe(&path, e)
                }
            })?;
        let unlocked = self.unlocked_from(&path, &plain)?;
        if unlocked.ring.recovery.to_string() != identity.to_public().to_string() {
            bail!(
                "{}: opened, but it names another recovery key; `tend doctor` looks into it",
                path.display()
            );
        }
        Ok(unlocked)
    }

    /// Rewraps identity.age under a new passphrase. Nothing else changes: no
    /// entry, not the recovery file. (An old copy of identity.age in a backup
    /// still opens with the old passphrase.)
    pub fn set_passphrase(&self, unlocked: &Unlocked, passphrase: &NewPassphrase) -> Result<()> {
        let ring_toml = unlocked.ring.to_toml()?;
        let wrapped = super::wrap_with_passphrase(ring_toml.as_bytes(), passphrase)?;
        self.journal
            .write(&self.identity_path(), &wrapped, Mode::Replace)?;
        Ok(())
    }

    /// `key/next.age`: a change of keys recorded but not yet finished.
    pub fn next_path(&self) -> PathBuf {
        self.dir().join("next.age")
    }

    /// The key ring a change of keys (`tend key rotate`, `tend key recovery`)
    /// recorded and has not finished, opened with the keys in hand.
    pub fn pending_change(&self, current: &Unlocked) -> Result<Option<KeyRing>> {
        let path = self.next_path();
        if !path.exists() {
            return Ok(None);
        }
        let sealed = self.journal.read(&path)?;
        let plain = current.open_text(&path, &sealed)?;
        let ring = KeyRing::from_toml(&path, &plain)?;
        // next.age is sealed to public keys, so anyone who can write to
        // key/ could leave one naming keys of their own; a real one keeps
        // the journal key it replaces (see begin_change), whose secret only
        // the passphrase or the recovery key opens.
        if !ring.holds(&current.ring.journal) {
            anyhow::bail!(
                "{}: records a change to keys that were not made from this journal's own, so tend will not use it.                  Nothing was changed. If you did not start a key change, someone else may have written to {};                  move next.age out of the folder and run `tend doctor`.",
                path.display(),
                self.dir().display()
            );
        }
        Ok(Some(ring))
    }

    /// Changes the journal's keys to `next`, in an order a kill at any
    /// moment cannot hurt (the command then re-encrypts every file, and
    /// [`KeyDir::finish_change`] removes next.age last):
    ///
    /// 1. `next.age`: the new key ring, sealed to the current journal key
    ///    and recovery key, written once (a rerun finds it and carries on
    ///    with the same keys instead of making others). The new ring keeps
    ///    the current journal key (as the journal key, or retired), so
    ///    next.age opens with whatever identity.age holds at any step.
    /// 2. `journal-key.recovery.age`, for the new recovery key;
    /// 3. `identity.age`, the new ring under the same passphrase: from here
    ///    every writer seals to the new recipients, and every file, old or
    ///    new, opens (the old journal key is in the ring);
    /// 4. `recipients.txt`. Between 3 and 4 other commands refuse to write
    ///    (recipients.txt differs); the rerun, which finds next.age and
    ///    writes the list from it, puts it right.
    ///
    /// At every step the passphrase opens identity.age, and its ring opens
    /// every file written so far.
    pub fn begin_change(&self, current: &Unlocked, next: &KeyRing) -> Result<()> {
        let toml = next.to_toml()?;
        let recipients = current.recipients();
        let sealed = super::seal_to(
            recipients.iter().map(|r| r as &dyn age::Recipient),
            toml.as_bytes(),
        )?;
        self.journal
            .write(&self.next_path(), &sealed, Mode::Create)?;
        Ok(())
    }

    /// Steps 2 to 4 of [`KeyDir::begin_change`]; safe to repeat.
    pub fn switch_to(&self, next: KeyRing, passphrase: &NewPassphrase) -> Result<Unlocked> {
        crate::platform::no_core_dumps();
        let toml = next.to_toml()?;
        let for_recovery = super::seal_to(
            std::iter::once(&next.recovery as &dyn age::Recipient),
            toml.as_bytes(),
        )?;
        self.journal
            .write(&self.recovery_path(), &for_recovery, Mode::Replace)?;
        let wrapped = super::wrap_with_passphrase(toml.as_bytes(), passphrase)?;
        self.journal
            .write(&self.identity_path(), &wrapped, Mode::Replace)?;
        self.journal.write(
            &self.recipients_path(),
            next.recipients_text().as_bytes(),
            Mode::Replace,
        )?;
        Ok(Unlocked {
            ring: next,
            changed: None,
            identity: Some(identity_digest(&wrapped)),
        })
    }

    /// The last step of a change of keys, once every file is resealed.
    pub fn finish_change(&self) -> Result<()> {
        match std::fs::remove_file(self.next_path()) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(e).with_context(|| format!("could not remove {}", self.next_path().display()))
            }
            _ => {
                crate::platform::sync_dir(&self.dir());
                Ok(())
            }
        }
    }

    /// What the mode marker says. No marker: a plain journal. A marker that
    /// cannot be read is an error, never "plain": writing in the clear into
    /// an encrypted journal is the one thing this must not get wrong.
    pub fn protection(&self) -> Result<Protection> {
        let path = self.marker_path();
        // Through the journal's reader: a marker (or key folder) that is a
        // link is refused, not followed to a file that says "plain".
        let text = match self.journal.read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e)
                if e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) =>
            {
                return Ok(Protection::Plain);
            }
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "{} says whether this journal is encrypted and could not be read, so nothing was written",
                        path.display()
                    )
                });
            }
        };
        #[derive(serde::Deserialize)]
        struct Marker {
            encrypted: bool,
        }
        let marker: Marker = toml::from_str(&text).map_err(|e| {
            anyhow!(
                "{}: {} (it says whether this journal is encrypted, so nothing was written)",
                path.display(),
                e.message()
            )
        })?;
        Ok(if marker.encrypted {
            Protection::Encrypted
        } else {
            Protection::Plain
        })
    }

    /// Writes the mode marker saying the journal is encrypted.
    pub fn mark_encrypted(&self) -> Result<()> {
        self.journal.write(
            &self.marker_path(),
            b"# This journal is encrypted: tend writes every entry as ID.toml.age.\n\
              # Please leave this file here; without it an older tend could write in the clear.\n\
              encrypted = true\n",
            Mode::Replace,
        )?;
        Ok(())
    }

    /// Reads a key file, naming it when it is missing.
    fn read_key_file(&self, path: &Path) -> Result<Vec<u8>> {
        if !path.exists() {
            bail!(
                "{} is missing, so the journal cannot be unlocked with it{}",
                path.display(),
                if path == self.identity_path() {
                    " (if it was lost, `tend key recover` opens the journal with the recovery key)"
                } else {
                    ""
                }
            );
        }
        self.journal.read(path)
    }

    /// The handle for a key ring just opened, noting whether recipients.txt
    /// still lists exactly its keys.
    fn unlocked_from(&self, path: &Path, plain: &[u8]) -> Result<Unlocked> {
        let text = std::str::from_utf8(plain)
            .map_err(|_| anyhow!("{}: opened, but it is not text", path.display()))?;
        let ring = KeyRing::from_toml(path, text)?;
        let changed = self.recipients_differ(&ring).then(|| RecipientsChanged {
            path: self.recipients_path(),
        });
        Ok(Unlocked {
            ring,
            changed,
            identity: None,
        })
    }

    /// True when recipients.txt (comments and blank lines aside) is not
    /// exactly the key ring's two recipients, in order. A missing file
    /// counts as changed too: it is written with the keys and never removed.
    fn recipients_differ(&self, ring: &KeyRing) -> bool {
        let Ok(bytes) = self.journal.read(&self.recipients_path()) else {
            return true;
        };
        let listed: Vec<String> = String::from_utf8_lossy(&bytes)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let own: Vec<String> = ring.recipients().iter().map(|r| r.to_string()).collect();
        listed != own
    }
}

/// Names an `identity.age` by its bytes (FNV-1a, 64 bits): only to notice
/// that it changed, not to authenticate it (the passphrase does that).
fn identity_digest(wrapped: &[u8]) -> String {
    use std::hash::Hasher;
    let mut h = crate::fnv::Fnv::default();
    h.write(wrapped);
    format!("identity.age {:016x}", h.finish())
}

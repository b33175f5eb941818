//! The optional keyring cache of the unwrapped journal key (`keyring = true`
//! in the config; off unless set). With it, a command that needs words
//! unlocks without asking for the passphrase while the system's keyring
//! holds the key; `tend lock` (and every command that changes the keys)
//! clears it.
//!
//! For the lazily unlocked handle: try [`KeyCache::unlock`] first; after an
//! unlock with the passphrase, call [`KeyCache::remember`]. With the cache
//! off, neither touches the keyring.

use age::secrecy::SecretString;
use anyhow::Result;

use super::Unlocked;
use super::keys::KeyDir;
use crate::journal::Journal;
use crate::platform;

/// The keyring entry for one journal (named by its folder).
pub struct KeyCache {
    enabled: bool,
    account: String,
}

/// What `clear` found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cleared {
    /// A key was kept and has been removed.
    Removed,
    /// Nothing was kept for this journal.
    NothingKept,
    /// The cache is off (`keyring = false`); the keyring was not touched.
    Off,
}

impl KeyCache {
    pub fn new(enabled: bool, journal: &Journal) -> KeyCache {
        let root = std::fs::canonicalize(&journal.root).unwrap_or_else(|_| journal.root.clone());
        KeyCache {
            enabled: enabled && platform::NO_KEYRING.is_none(),
            account: format!("journal key {}", root.display()),
        }
    }

    /// The journal unlocked from the keyring, if the cache is on and holds
    /// a key that still fits. A stale or unreadable one is cleared.
    pub fn unlock(&self, keys: &KeyDir) -> Option<Unlocked> {
        if !self.enabled {
            return None;
        }
        let cached: SecretString = platform::keyring_read(&self.account).ok()??;
        let unlocked = keys.unlock_with_cached(&cached);
        if unlocked.is_none() {
            let _ = platform::keyring_delete(&self.account);
        }
        unlocked
    }

    /// Keeps the unwrapped key in the keyring, when the cache is on. A
    /// keyring that cannot take it is not an error: the passphrase is asked
    /// again next time, and tend says why once.
    pub fn remember(&self, keys: &KeyDir, unlocked: &Unlocked) {
        if !self.enabled {
            return;
        }
        if let Err(e) = keys
            .cache_secret(unlocked)
            .and_then(|s| platform::keyring_write(&self.account, &s))
        {
            errln!(
                "tend: the key is not kept for next time ({e:#}); the passphrase will be asked again"
            );
        }
    }

    /// Removes the kept key. With the cache off, the keyring is not
    /// touched at all.
    pub fn clear(&self) -> Result<Cleared> {
        if !self.enabled {
            return Ok(Cleared::Off);
        }
        Ok(if platform::keyring_delete(&self.account)? {
            Cleared::Removed
        } else {
            Cleared::NothingKept
        })
    }
}

//! The optional keyring cache of the unwrapped journal key (`keyring = true`
//! in the config; off unless set). With it, a command that needs words
//! unlocks without asking for the passphrase while the system's keyring
//! holds the key; `tend lock` (and every command that changes the keys)
//! clears it.
//!
//! For the lazily unlocked handle: try [`KeyringCache::unlock`] first; after an
//! unlock with the passphrase, call [`KeyringCache::remember`]. With the cache
//! off, neither touches the keyring.

use age::secrecy::SecretString;
use anyhow::Result;

use super::Unlocked;
use super::keys::KeyDir;
use crate::journal::Journal;
use crate::platform;

/// The keyring entry for one journal (named by its folder).
pub struct KeyringCache {
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

impl KeyringCache {
    pub fn new(enabled: bool, journal: &Journal) -> KeyringCache {
        let root = std::fs::canonicalize(&journal.root).unwrap_or_else(|_| journal.root.clone());
        KeyringCache {
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

    /// Before a command that changes the keys or the journal's form (`key
    /// passphrase`, `key recover`, `decrypt`): the kept key goes, so the
    /// command asks for the passphrase itself and nothing stale stays kept.
    pub fn forget(&self) {
        if let Err(e) = self.clear() {
            errln!("tend: {e:#}; `tend lock` tries again");
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

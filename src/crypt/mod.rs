//! Encryption at rest (issue 14): the key material and the file format.
//!
//! Design, in short:
//! - Every encrypted file is a binary age file (the `age` crate, pinned
//!   exactly because it is pre-1.0), so a person holding the recovery key can
//!   open any of them with the standard `age` command alone.
//! - One X25519 *journal key* encrypts everything. Its secret lives only in
//!   `JOURNAL/key/`, twice, as the same small TOML (the [`KeyRing`]: the
//!   journal key, retired keys kept for reading old files, and the recovery
//!   key's public half):
//!   - `identity.age`, wrapped by the passphrase (age's scrypt recipient,
//!     which age allows only as a file's one recipient);
//!   - `journal-key.recovery.age`, encrypted to the recovery key alone, so a
//!     forgotten passphrase never loses the journal.
//! - Every other file is encrypted to two recipients, the journal key and the
//!   recovery key, taken only from inside the key ring (authenticated by the
//!   passphrase). `key/recipients.txt` is for people and `doctor`; when it
//!   differs from the key ring someone may be trying to add a reader, so
//!   [`Unlocked::seal`] refuses with [`RecipientsChanged`] (reading still works).
//! - `key/journal.toml` is the mode marker. The one writer (`Journal::write`)
//!   already checks it at every write and refuses to write in the clear into
//!   an encrypted journal; a marker it cannot read counts as encrypted.
//! - Secrets live only in `SecretString` (age's re-export of `secrecy`, so
//!   the type is the one age's API takes) and `Zeroizing` buffers, never in
//!   an error or `Debug` output; core dumps are switched off once a key is
//!   held.
//!
//! How the one writer and the one loader use it: `Journal::write` reads the
//! marker at every write and, in an encrypted journal, seals the bytes and
//! writes `NAME.age` (all but the key files and `index/status.json`); the
//! loader reads a file's bytes and opens them when the name ends in `.age`
//! (`Journal::read_opened`, `load::read_entry`), then parses. The keys are
//! unlocked once per command, the first time they are needed
//! (`Journal::unlocked`), and never by `status` or the greeting.
//! `convert` turns a journal's files from one form to the other.

pub mod cache;
pub mod convert;
pub mod keys;
pub mod passphrase;
#[cfg(test)]
mod tests;

use std::fmt;
use std::io::{Read, Write};
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use anyhow::{Context, Result, anyhow, bail};
use zeroize::{Zeroize, Zeroizing};

pub use passphrase::NewPassphrase;

/// What an encrypted file's name ends with: `ID.toml` becomes `ID.toml.age`.
pub const SUFFIX: &str = ".age";

/// The scrypt work factor (N = 2^18) tend wraps the journal key with, as the
/// `age` command does: about a second on a laptop, and 256 MiB of memory for
/// every guess an attacker makes.
pub const WORK_FACTOR: u8 = 18;

/// The most work tend accepts when reading a passphrase-wrapped file (N =
/// 2^20: four times what it writes, 1 GiB). A file demanding more was not
/// written by tend and would otherwise keep a person waiting for hours.
pub const MAX_WORK_FACTOR: u8 = 20;

/// The work factor for wrapping the journal key.
///
/// Tests lower it, or every test that sets a passphrase would spend a second
/// and 256 MiB. The seam cannot weaken a release build: unit tests get the
/// low figure through `cfg(test)`, which exists only in the test harness, and
/// the environment variable is read only under `cfg(debug_assertions)`, so
/// in a release build (`cargo build --release`, `cargo install`) neither
/// branch is compiled and the constant is all there is. A file wrapped with
/// less by a debug build still opens; it is only weaker, and a test journal.
pub fn write_work_factor() -> u8 {
    if cfg!(test) {
        return 10;
    }
    #[cfg(debug_assertions)]
    if let Some(n) = std::env::var("TEND_TEST_WORK_FACTOR")
        .ok()
        .and_then(|v| v.parse::<u8>().ok())
        .filter(|n| (1..=WORK_FACTOR).contains(n))
    {
        return n;
    }
    WORK_FACTOR
}

/// The journal key, retired keys and the recovery key's public half: what
/// `identity.age` and `journal-key.recovery.age` each hold.
#[derive(Clone)]
pub struct KeyRing {
    journal: x25519::Identity,
    retired: Vec<x25519::Identity>,
    recovery: x25519::Recipient,
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Public halves only: a key ring must never print a secret.
        f.debug_struct("KeyRing")
            .field("journal", &self.journal.to_public())
            .field("retired", &self.retired.len())
            .field("recovery", &self.recovery)
            .finish()
    }
}

/// The key ring as TOML. The strings are wiped when it is dropped.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyRingToml {
    format: u32,
    journal_key: String,
    #[serde(default)]
    retired_keys: Vec<String>,
    recovery_recipient: String,
}

impl Drop for KeyRingToml {
    fn drop(&mut self) {
        self.journal_key.zeroize();
        self.retired_keys.zeroize();
    }
}

const KEY_RING_FORMAT: u32 = 1;

impl KeyRing {
    /// Whether this ring holds `key`'s secret, as the journal key or a
    /// retired one: what proves a recorded key change was made by someone
    /// who held the journal's keys (its public half is no secret).
    fn holds(&self, key: &x25519::Identity) -> bool {
        let secret = key.to_string();
        std::iter::once(&self.journal)
            .chain(&self.retired)
            .any(|k| k.to_string().expose_secret() == secret.expose_secret())
    }

    /// The TOML `identity.age` and the recovery file hold.
    fn to_toml(&self) -> Result<Zeroizing<String>> {
        let file = KeyRingToml {
            format: KEY_RING_FORMAT,
            journal_key: self.journal.to_string().expose_secret().to_string(),
            retired_keys: self
                .retired
                .iter()
                .map(|k| k.to_string().expose_secret().to_string())
                .collect(),
            recovery_recipient: self.recovery.to_string(),
        };
        Ok(Zeroizing::new(toml::to_string(&file)?))
    }

    fn from_toml(what: &Path, text: &str) -> Result<KeyRing> {
        // The message names the file only: toml's own error would quote the
        // line, and the line holds a secret key.
        let unreadable = || {
            anyhow!(
                "{}: opened, but what is inside is not a key ring this tend can read",
                what.display()
            )
        };
        let file: KeyRingToml = toml::from_str(text).map_err(|_| unreadable())?;
        if file.format != KEY_RING_FORMAT {
            bail!(
                "{}: written by a newer tend (key format {}); please update tend to open this journal",
                what.display(),
                file.format
            );
        }
        let identity = |s: &str| s.parse::<x25519::Identity>().map_err(|_| unreadable());
        Ok(KeyRing {
            journal: identity(&file.journal_key)?,
            retired: file
                .retired_keys
                .iter()
                .map(|k| identity(k))
                .collect::<Result<_>>()?,
            recovery: file.recovery_recipient.parse().map_err(|_| unreadable())?,
        })
    }

    /// A new journal key; the current one is retired (kept for opening old
    /// files and backups, never for sealing), and the recovery key stays.
    pub fn rotated(&self) -> KeyRing {
        let mut retired = vec![self.journal.clone()];
        retired.extend(self.retired.iter().cloned());
        KeyRing {
            journal: x25519::Identity::generate(),
            retired,
            recovery: self.recovery.clone(),
        }
    }

    /// The two recipients of every file but the key files: the journal key
    /// and the recovery key.
    pub fn recipients(&self) -> [x25519::Recipient; 2] {
        [self.journal.to_public(), self.recovery.clone()]
    }

    /// `recipients.txt`: the same two public keys, one a line.
    fn recipients_text(&self) -> String {
        let [journal, recovery] = self.recipients();
        format!(
            "# Who can read this journal's files: the journal key, then the recovery key.\n\
             # For information only: tend takes its recipients from identity.age, and\n\
             # stops writing if this file is changed (`tend doctor` explains).\n\
             {journal}\n{recovery}\n"
        )
    }
}

/// `key/recipients.txt` no longer lists exactly the recipients inside
/// `identity.age`. Writing stops (someone may be trying to add a reader of
/// new entries); `doctor` reports it by downcasting to this type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipientsChanged {
    pub path: std::path::PathBuf,
}

impl fmt::Display for RecipientsChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} has been changed and no longer lists only this journal's own keys, so tend is not writing anything until it is looked at. \
             Your entries are safe and still open; `tend doctor` shows what differs.",
            self.path.display()
        )
    }
}

impl std::error::Error for RecipientsChanged {}

/// An unlocked journal: the key ring, for sealing new files and opening old
/// ones. Made only by [`KeyDir::unlock`], [`KeyDir::open_with_recovery_key`]
/// and [`KeyDir::create`].
pub struct Unlocked {
    ring: KeyRing,
    /// Set when `recipients.txt` differed at unlock: reading works, writing not.
    changed: Option<RecipientsChanged>,
    /// Which `identity.age` the ring came from (a digest of its bytes), so a
    /// writer notices when another tend changed the keys since (see
    /// `Journal::sealing_keys`). None when opened with the recovery key.
    identity: Option<String>,
}

impl fmt::Debug for Unlocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Unlocked")
            .field("ring", &self.ring)
            .field("changed", &self.changed)
            .field("identity", &self.identity)
            .finish()
    }
}

impl Unlocked {
    /// Encrypts a file's bytes (an entry's whole TOML) to the journal key and
    /// the recovery key, as binary age.
    pub fn seal(&self, plain: &[u8]) -> Result<Vec<u8>> {
        if let Some(changed) = &self.changed {
            return Err(changed.clone().into());
        }
        let recipients = self.ring.recipients();
        seal_to(recipients.iter().map(|r| r as &dyn age::Recipient), plain)
    }

    /// Decrypts a file sealed by [`Unlocked::seal`] with the journal key or a
    /// retired one. `path` is only for the message.
    pub fn open(&self, path: &Path, sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let identities = std::iter::once(&self.ring.journal)
            .chain(&self.ring.retired)
            .map(|k| k as &dyn age::Identity);
        open_with(identities, sealed).map_err(|e| describe(path, e))
    }

    /// [`Unlocked::open`] for a text file (an entry's TOML).
    pub fn open_text(&self, path: &Path, sealed: &[u8]) -> Result<Zeroizing<String>> {
        let mut bytes = self.open(path, sealed)?;
        match String::from_utf8(std::mem::take(&mut *bytes)) {
            Ok(text) => Ok(Zeroizing::new(text)),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                e.into_bytes().zeroize();
                bail!(
                    "{}: opened, but what is inside is not UTF-8 text (bad byte at offset {at})",
                    path.display()
                )
            }
        }
    }

    /// Why writing is refused, if `recipients.txt` was changed: for `doctor`.
    pub fn recipients_changed(&self) -> Option<&RecipientsChanged> {
        self.changed.as_ref()
    }

    /// The key ring, for a change of keys.
    pub fn ring(&self) -> &KeyRing {
        &self.ring
    }

    /// The public keys every new file is encrypted to, journal key first.
    pub fn recipients(&self) -> [x25519::Recipient; 2] {
        self.ring.recipients()
    }
}

/// Encrypts `plain` to `recipients` as a binary age file.
fn seal_to<'a>(
    recipients: impl Iterator<Item = &'a dyn age::Recipient>,
    plain: &[u8],
) -> Result<Vec<u8>> {
    let encryptor = age::Encryptor::with_recipients(recipients)
        .map_err(|e| anyhow!("could not encrypt: {e}"))?;
    let mut sealed = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor.wrap_output(&mut sealed)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(sealed)
}

/// Decrypts a binary age file with the first of `identities` that fits.
fn open_with<'a>(
    identities: impl Iterator<Item = &'a dyn age::Identity>,
    sealed: &[u8],
) -> std::result::Result<Zeroizing<Vec<u8>>, age::DecryptError> {
    let decryptor = age::Decryptor::new_buffered(sealed)?;
    let mut reader = decryptor.decrypt(identities)?;
    let mut plain = Zeroizing::new(Vec::with_capacity(sealed.len()));
    reader.read_to_end(&mut plain)?;
    Ok(plain)
}

/// age's errors in tend's words, naming the file.
fn describe(path: &Path, e: age::DecryptError) -> anyhow::Error {
    use age::DecryptError as E;
    let why = match e {
        E::NoMatchingKeys => {
            "this journal's keys do not open it (it was encrypted for someone else)".to_string()
        }
        E::ExcessiveWork { required, .. } => format!(
            "it asks for a passphrase work factor of {required}, far more than tend ever writes ({WORK_FACTOR}), so it was not tried"
        ),
        E::DecryptionFailed | E::InvalidMac | E::KeyDecryptionFailed => {
            "it does not decrypt: it has been damaged or changed since it was written".to_string()
        }
        E::InvalidHeader | E::UnknownFormat => "it is not an age file tend can read".to_string(),
        // The payload's own check failing shows up as an I/O error.
        E::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            "it does not decrypt: it has been damaged or changed since it was written".to_string()
        }
        E::Io(io) => format!("could not read it ({io})"),
        other => other.to_string(),
    };
    anyhow!("{}: {why}", path.display())
}

/// Reads a passphrase-wrapped file's bytes (identity.age) with `passphrase`,
/// refusing any other kind of age file and any work factor above the cap.
fn unwrap_with_passphrase(
    path: &Path,
    wrapped: &[u8],
    passphrase: &SecretString,
) -> Result<Zeroizing<Vec<u8>>> {
    let decryptor = age::Decryptor::new_buffered(wrapped).map_err(|e| describe(path, e))?;
    if !decryptor.is_scrypt() {
        bail!(
            "{}: not wrapped by a passphrase as tend writes it, so it was not opened (`tend doctor` looks into it)",
            path.display()
        );
    }
    let mut identity = age::scrypt::Identity::new(passphrase.clone());
    identity.set_max_work_factor(MAX_WORK_FACTOR);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|e| {
            // A wrong passphrase fails the stanza's own check.
            if let age::DecryptError::DecryptionFailed | age::DecryptError::KeyDecryptionFailed = e
            {
                wrong_passphrase()
            } else {
                describe(path, e)
            }
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .with_context(|| format!("{}: damaged after its first lines", path.display()))?;
    Ok(plain)
}

fn wrong_passphrase() -> anyhow::Error {
    anyhow!(
        "that passphrase does not open this journal, so nothing was read or changed. \
         Please try again; if it is lost, `tend key recover` opens the journal with the recovery key."
    )
}

/// Wraps `plain` with the passphrase as the only recipient.
fn wrap_with_passphrase(plain: &[u8], passphrase: &NewPassphrase) -> Result<Vec<u8>> {
    let mut recipient = age::scrypt::Recipient::new(passphrase.secret().clone());
    let log_n = write_work_factor();
    // The one place a work factor is chosen; a release build can only get
    // WORK_FACTOR here (see write_work_factor).
    debug_assert!(log_n <= WORK_FACTOR);
    recipient.set_work_factor(log_n);
    seal_to(std::iter::once(&recipient as &dyn age::Recipient), plain)
}

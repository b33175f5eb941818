//! The one way tend puts bytes on disk, and the journal's folder layout.
//! Every file goes through `write_atomic`: a temporary file in the same folder,
//! flushed to disk, then linked or renamed into place, so a crash or a full
//! disk leaves either the old file or the new one, never half of either.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// The most an entry (or a draft of one) may take on disk. The loader reads
/// nothing larger, so every writer of entries refuses more, before writing
/// anything: what tend says is saved can always be read back.
pub const MAX_ENTRY_BYTES: u64 = 16 * 1024 * 1024;

/// "16 MB", for messages.
pub fn megabytes(bytes: u64) -> String {
    format!("{} MB", bytes.div_ceil(1024 * 1024))
}

/// Refuses an entry or draft larger than the loader reads.
pub fn check_entry_size(path: &Path, len: usize) -> Result<()> {
    if len as u64 > MAX_ENTRY_BYTES {
        anyhow::bail!(
            "{}: this would be {}, more than the {} tend can read back for one entry, so nothing was saved. \
             A very long answer is better kept in a document of its own, with a line about it here.",
            path.display(),
            megabytes(len as u64),
            megabytes(MAX_ENTRY_BYTES)
        );
    }
    Ok(())
}

/// How a write treats a file already at the destination.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// For entries: never replace; an existing file is an `AlreadyExists` error.
    Create,
    /// For drafts, the index and an entry being edited.
    Replace,
}

/// Creates `dir` and any missing parents as private (0700) folders.
pub fn private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    crate::platform::create_private_dir(dir)
        .with_context(|| format!("could not create the folder {}", dir.display()))
}

/// Writes `bytes` to `path` atomically, as a private (0600) file.
/// Returns an `io::ErrorKind::AlreadyExists` error (inside anyhow) in `Create`
/// mode when something is already there; callers that can pick another name
/// check for it with [`is_already_exists`].
pub fn write_atomic(path: &Path, bytes: &[u8], mode: Mode) -> Result<()> {
    write_inner(path, bytes, mode, None)
}

/// [`write_atomic`], reading the flushed temporary file back and handing its
/// bytes to `check` before it takes the name: converting a file (`tend
/// encrypt`, `decrypt`, `key rotate`) compares the words there, so a file
/// that does not read back the same never replaces anything.
pub fn write_atomic_checked(path: &Path, bytes: &[u8], mode: Mode, check: ReadBack) -> Result<()> {
    write_inner(path, bytes, mode, Some(check))
}

/// What [`write_atomic_checked`] does with the bytes it read back.
pub type ReadBack<'a> = &'a dyn Fn(&[u8]) -> Result<()>;

fn write_inner(path: &Path, bytes: &[u8], mode: Mode, check: Option<ReadBack>) -> Result<()> {
    let dir = path
        .parent()
        .with_context(|| format!("{} has no parent folder", path.display()))?;
    private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tend-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("could not start writing in {}", dir.display()))?;
    // tempfile already creates 0600 files; set it anyway so the promise does not
    // hang on another crate's default.
    crate::platform::make_file_private(tmp.as_file())
        .with_context(|| format!("could not make {} private", path.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("could not write {} (is the disk full?)", path.display()))?;
    if let Some(check) = check {
        let back = fs::read(tmp.path()).with_context(|| {
            format!(
                "could not read back what was written for {}",
                path.display()
            )
        })?;
        check(&back)?;
    }
    match mode {
        // persist_noclobber links the new name in; the kernel refuses if the name
        // is taken, so two processes racing for one id cannot both win.
        Mode::Create => tmp
            .persist_noclobber(path)
            .map_err(|e| e.error)
            .map_err(|e| {
                if e.kind() == io::ErrorKind::AlreadyExists {
                    anyhow::Error::new(e)
                } else {
                    anyhow::Error::new(e).context(format!("could not save {}", path.display()))
                }
            })?,
        Mode::Replace => tmp
            .persist(path)
            .map_err(|e| e.error)
            .with_context(|| format!("could not save {}", path.display()))?,
    };
    crate::platform::sync_dir(dir);
    Ok(())
}

/// True when an error from [`write_atomic`] means "a file is already there".
pub fn is_already_exists(err: &anyhow::Error) -> bool {
    err.downcast_ref::<io::Error>()
        .is_some_and(|e| e.kind() == io::ErrorKind::AlreadyExists)
}

/// The journal folder and the places inside it.
#[derive(Clone, Debug)]
pub struct Journal {
    pub root: PathBuf,
    /// The journal's keys once unlocked, shared by every clone (the index
    /// keeps one, and reads on all cores), so a command asks at most once.
    keys: std::sync::Arc<KeyCache>,
    /// Whether unlocking may use the system's keyring (`keyring = true`).
    pub keyring: bool,
    /// Whether this process holds the journal's lock (shared by every
    /// clone): a sealed write takes the lock unless its caller holds it.
    locked: Arc<std::sync::atomic::AtomicBool>,
}

/// The unlocked keys, or why unlocking failed (so the passphrase is not
/// asked again after a wrong one).
#[derive(Default)]
struct KeyCache(std::sync::Mutex<Option<std::result::Result<Arc<Unlocked>, Failed>>>);

/// Why unlocking failed, kept to say again: the message and the exit code.
#[derive(Clone)]
struct Failed(String, i32);

impl Failed {
    fn of(e: &anyhow::Error) -> Failed {
        let code = e.downcast_ref::<crate::fail::Fail>().map_or(1, |f| f.code);
        Failed(format!("{e:#}"), code)
    }
    fn error(self) -> anyhow::Error {
        crate::fail::Fail {
            code: self.1,
            message: self.0,
        }
        .into()
    }
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyCache")
    }
}

use std::sync::Arc;

use crate::crypt::Unlocked;
use crate::crypt::keys::{KeyDir, Protection};

/// `name.age` for `name`; a path already ending in `.age` is kept.
pub fn sealed_path(path: &Path) -> PathBuf {
    if is_sealed(path) {
        return path.to_path_buf();
    }
    let mut s = path.as_os_str().to_owned();
    s.push(crate::crypt::SUFFIX);
    PathBuf::from(s)
}

/// The plain name of a sealed file (`ID.toml.age` → `ID.toml`).
pub fn plain_path(path: &Path) -> PathBuf {
    match path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(crate::crypt::SUFFIX))
    {
        Some(plain) => path.with_file_name(plain),
        None => path.to_path_buf(),
    }
}

/// Whether a file is sealed, by its name.
pub fn is_sealed(path: &Path) -> bool {
    path.as_os_str()
        .as_encoded_bytes()
        .ends_with(crate::crypt::SUFFIX.as_bytes())
}

impl Journal {
    pub fn new(root: PathBuf) -> Self {
        Journal {
            root,
            keys: Arc::default(),
            keyring: false,
            locked: Arc::default(),
        }
    }

    /// What the mode marker says (an unreadable marker is an error).
    pub fn protection(&self) -> Result<Protection> {
        KeyDir::new(self).protection()
    }

    pub fn is_encrypted(&self) -> Result<bool> {
        Ok(self.protection()? == Protection::Encrypted)
    }

    /// The unlocked keys: asked for once per command (in the terminal, or
    /// from `TEND_PASSPHRASE_COMMAND`), the first time something needs them.
    /// A wrong passphrase is remembered, so it is not asked again.
    pub fn unlocked(&self) -> Result<Arc<Unlocked>> {
        let mut cache = self.keys.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(done) = cache.as_ref() {
            return done.clone().map_err(Failed::error);
        }
        let keys = KeyDir::new(self);
        let kept = crate::crypt::cache::KeyringCache::new(self.keyring, self);
        let tried = match kept.unlock(&keys) {
            Some(unlocked) => Ok(Arc::new(unlocked)),
            None => crate::crypt::passphrase::for_unlocking(console::colors_enabled_stderr())
                .and_then(|p| keys.unlock(&p))
                .inspect(|unlocked| kept.remember(&keys, unlocked))
                .map(Arc::new)
                .map_err(|e| Failed::of(&e)),
        };
        *cache = Some(tried.clone());
        tried.map_err(Failed::error)
    }

    /// The keys to seal with now. A command unlocks once, but another tend
    /// may change the keys meanwhile (`tend key recovery`, `key rotate`,
    /// `key passphrase`, while a check-in waits for its last answer), so
    /// before sealing, `key/identity.age` is compared with the one this
    /// command unlocked. If it changed, the journal is unlocked again (the
    /// passphrase asked once more, or `TEND_PASSPHRASE_COMMAND` run again)
    /// and the file is sealed to the new recipients.
    ///
    /// Why not take the new recipients from `key/recipients.txt`, which
    /// needs no secret: nothing on disk but `identity.age` is vouched for
    /// by the passphrase, and anyone able to write to `key/` could list
    /// their own key there. So if the new `identity.age` cannot be opened
    /// (a new passphrase this tend does not know, no terminal to ask on),
    /// the file is sealed with the keys unlocked at the start: they were
    /// vouched for by the passphrase, every key change keeps the journal key
    /// they hold (as the key, or retired) so the passphrase still opens the
    /// file, and the words are never lost; the leader is told how to bring
    /// it under the new keys.
    fn sealing_keys(&self) -> Result<Arc<Unlocked>> {
        let unlocked = self.unlocked()?;
        let keys = KeyDir::new(self);
        if keys.is_current(&unlocked) {
            return Ok(unlocked);
        }
        *self.keys.0.lock().unwrap_or_else(|e| e.into_inner()) = None;
        match self.unlocked() {
            Ok(fresh) => Ok(fresh),
            Err(e) => {
                errln!(
                    "tend: the journal's keys were changed by another tend while this one was open, and they could not be opened ({e:#}). \
                     So this is saved with the keys this tend started with: your passphrase still opens it. \
                     `tend key rotate` later re-encrypts everything to the keys of the day."
                );
                Ok(self.keep_unlocked(keys.kept_as_current(&unlocked)))
            }
        }
    }

    /// Whether this command has unlocked the keys.
    pub fn was_unlocked(&self) -> bool {
        let cache = self.keys.0.lock().unwrap_or_else(|e| e.into_inner());
        matches!(cache.as_ref(), Some(Ok(_)))
    }

    /// Keys just made or opened another way (`tend encrypt`, `key recover`).
    pub fn keep_unlocked(&self, unlocked: Unlocked) -> Arc<Unlocked> {
        let unlocked = Arc::new(unlocked);
        *self.keys.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Ok(unlocked.clone()));
        unlocked
    }
    pub fn entries_dir(&self) -> PathBuf {
        self.root.join("entries")
    }
    pub fn drafts_dir(&self) -> PathBuf {
        self.root.join("drafts")
    }
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join("trash")
    }

    /// Where a path inside `entries/` as the index and entries spell it
    /// ("2026/11/ID.toml", always with `/`) is on this computer, with the
    /// platform's own separators.
    pub fn entry_path(&self, rel: &str) -> PathBuf {
        let mut path = self.entries_dir();
        path.extend(rel.split('/'));
        path
    }

    /// Refuses a path reached through a link inside the journal, or not
    /// inside it at all: a linked month, index, drafts or trash folder could
    /// point anywhere, and nothing outside the journal folder is ever read
    /// from it, written or moved. (The journal folder itself may be a link;
    /// what is inside it may not.) Every folder tend writes into is checked
    /// here, through [`Journal::write`] or directly.
    pub fn guard(&self, path: &Path) -> Result<()> {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            anyhow::bail!(
                "{} is not inside the journal {}, so tend leaves it alone",
                path.display(),
                self.root.display()
            );
        };
        if rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            anyhow::bail!(
                "{} is not a plain path inside the journal, so tend leaves it alone",
                path.display()
            );
        }
        let mut at = self.root.clone();
        for part in rel.parent().into_iter().flat_map(|p| p.components()) {
            at.push(part);
            if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                anyhow::bail!(
                    "{} is a link out of the journal; tend reads and writes only real folders inside {}, so nothing there was read or written",
                    at.display(),
                    self.root.display()
                );
            }
        }
        Ok(())
    }
}

/// How long a writer waits for another tend to finish changing the journal.
const LOCK_WAIT: Duration = Duration::from_secs(2);

/// How long a writer waits for the lock.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wait {
    /// Not at all: the index is derived, and a reader never waits to save it.
    Never,
    /// [`LOCK_WAIT`], then nothing is changed: a person asked for a change
    /// and can ask again.
    Brief,
    /// Until the holder finishes, saying so once: words that are nowhere
    /// else yet (a draft's answer, a new entry, sealed in an encrypted
    /// journal) would be lost by giving up, and the operating-system lock
    /// cannot outlive its holder (a key change on a large journal takes a
    /// while).
    UntilFree,
}

/// The journal's write lock, held until dropped. Only what changes an
/// existing file takes it, and only for the compare-and-replace: never while
/// a person is typing or an editor is open. Readers never take it.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
    held: Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for Lock {
    fn drop(&mut self) {
        self.held.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

impl Journal {
    /// Takes the journal's one lock (`JOURNAL/.lock`, an operating-system
    /// lock released when the process ends, however it ends). Waits up to
    /// two seconds for another tend, then gives up, changing nothing.
    pub fn lock(&self) -> Result<Lock> {
        self.lock_waiting(Wait::Brief)
    }

    fn lock_waiting(&self, wait: Wait) -> Result<Lock> {
        private_dir(&self.root)?;
        let path = self.root.join(".lock");
        let file = crate::platform::open_lock_file(&path)
            .with_context(|| format!("could not open the journal's lock {}", path.display()))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => {
                    self.locked.store(true, std::sync::atomic::Ordering::SeqCst);
                    return Ok(Lock {
                        _file: file,
                        held: self.locked.clone(),
                    });
                }
                Err(fs::TryLockError::WouldBlock)
                    if wait != Wait::Never && start.elapsed() < LOCK_WAIT =>
                {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(fs::TryLockError::WouldBlock) if wait == Wait::UntilFree => {
                    if !told {
                        told = true;
                        errln!(
                            "tend: another tend is changing the journal (a key change takes a while); your words are saved as soon as it finishes."
                        );
                    }
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(fs::TryLockError::WouldBlock) => anyhow::bail!(
                    "another tend is changing the journal right now and has not finished after {} seconds, so nothing was changed. Please try again in a moment.",
                    LOCK_WAIT.as_secs()
                ),
                Err(fs::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| {
                        format!("could not lock the journal ({})", path.display())
                    });
                }
            }
        }
    }

    /// The one way a path that names an entry (from the index, or typed by a
    /// person) becomes a file to read, move or replace. The index is derived
    /// and could have been tampered with, so nothing it says is trusted: the
    /// path must be `YYYY/MM/ID.toml` (or `ID.toml.age`) inside `entries/` for the id it claims,
    /// with no link on the way, and the file (if there) a plain file.
    pub fn entry_file(&self, rel: &str, id: &str) -> Result<PathBuf> {
        let refuse = |why: String| {
            anyhow::anyhow!(
                "{rel}: {why}. tend only touches entry files inside {}, so nothing was read or changed (`tend doctor` looks into it)",
                self.entries_dir().display()
            )
        };
        let parts: Vec<&str> = rel.split('/').collect();
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        match parts.as_slice() {
            [year, month, _] if digits(year, 4) && digits(month, 2) => {}
            _ => return Err(refuse("not an entry in a month folder".into())),
        }
        let sealed = format!("{id}.toml{}", crate::crypt::SUFFIX);
        if !super::id::is_valid(id) || (parts[2] != format!("{id}.toml") && parts[2] != sealed) {
            return Err(refuse(format!(
                "the file is not named for the id it claims (\"{id}\")"
            )));
        }
        let path = self.entry_path(rel);
        self.guard(&path)?;
        if let Ok(meta) = fs::symlink_metadata(&path)
            && !meta.file_type().is_file()
        {
            return Err(refuse("not a plain file".into()));
        }
        Ok(path)
    }

    /// Where a path a person typed lies inside `entries/`, relative to it
    /// ("2026/11/ID.toml"), if it does. A relative path is taken from the
    /// current folder, then from the journal folder, then from `entries/`.
    pub fn typed_entry_path(&self, typed: &str) -> Option<String> {
        let typed = Path::new(typed);
        let name = typed.file_name()?;
        let parent = typed.parent().unwrap_or(Path::new(""));
        let entries = fs::canonicalize(self.entries_dir()).ok()?;
        let candidates = if typed.is_absolute() {
            vec![parent.to_path_buf()]
        } else {
            let cwd = std::env::current_dir().unwrap_or_default();
            vec![
                cwd.join(parent),
                self.root.join(parent),
                self.entries_dir().join(parent),
            ]
        };
        candidates.into_iter().find_map(|dir| {
            // The folder is resolved to where it really is; `entry_file`
            // then refuses it if any link was on the way.
            let real = fs::canonicalize(dir).ok()?;
            let rel = real.strip_prefix(&entries).ok()?.join(name);
            // Spelled as the index spells it, with `/`, whatever the
            // platform's separator is.
            let parts: Option<Vec<&str>> =
                rel.components().map(|c| c.as_os_str().to_str()).collect();
            parts.map(|p| p.join("/"))
        })
    }

    /// The one writer of files inside the journal, refusing any folder on
    /// the way that is a link. In an encrypted journal (the mode marker is
    /// read at every write, so a check-in started before `tend encrypt`
    /// still ends encrypted) the bytes are sealed and written to `NAME.age`;
    /// only the key files and `index/status.json` stay in the clear. Returns
    /// the path written.
    pub fn write(&self, path: &Path, bytes: &[u8], mode: Mode) -> Result<PathBuf> {
        self.put(path, bytes, mode, false)
    }

    /// [`Journal::write`] for an entry, draft or kept version: refused whole
    /// when larger than the loader reads (sealed, if it is sealed).
    pub fn write_entry(&self, path: &Path, bytes: &[u8], mode: Mode) -> Result<PathBuf> {
        self.put(path, bytes, mode, true)
    }

    fn put(&self, path: &Path, bytes: &[u8], mode: Mode, entry: bool) -> Result<PathBuf> {
        self.guard(path)?;
        let keys = KeyDir::new(self);
        let clear = path.starts_with(keys.dir()) || path == self.status_path();
        let seal = !clear && (is_sealed(path) || keys.protection()? == Protection::Encrypted);
        let (target, sealed);
        // Sealed under the journal lock, to the keys as they are now: a
        // change of keys (which holds the lock from start to finish) is
        // then either not begun, so the file is resealed with the rest, or
        // finished, so `sealing_keys` sees the new identity.age. Unlocked
        // first, outside the lock: a passphrase is never typed while other
        // tends wait, and one that does not come touches nothing.
        let _lock = match seal {
            true => {
                self.sealing_keys()?;
                let held = self.locked.load(std::sync::atomic::Ordering::SeqCst);
                let wait = if path.starts_with(self.root.join("index")) {
                    Wait::Never
                } else {
                    Wait::UntilFree
                };
                (!held).then(|| self.lock_waiting(wait)).transpose()?
            }
            false => None,
        };
        let bytes = if seal {
            sealed = self.sealing_keys()?.seal(bytes)?;
            target = sealed_path(path);
            &sealed[..]
        } else {
            target = path.to_path_buf();
            bytes
        };
        if entry {
            check_entry_size(&target, bytes.len())?;
        }
        write_atomic(&target, bytes, mode)?;
        Ok(target)
    }

    /// `index/status.json`: the one index file left in the clear in an
    /// encrypted journal, holding only what `status` and the greeting need.
    pub fn status_path(&self) -> PathBuf {
        self.root.join("index").join("status.json")
    }

    /// A file's sealed form if there is one, else the path as given: how a
    /// file written through [`Journal::write`] is found again.
    pub fn written_form(&self, path: &Path) -> PathBuf {
        let sealed = sealed_path(path);
        if fs::symlink_metadata(&sealed).is_ok() {
            sealed
        } else {
            path.to_path_buf()
        }
    }

    /// The one way a file's words are read: its bytes, opened with the
    /// journal's keys when its name ends in `.age`. Never through a link.
    pub fn read_opened(&self, path: &Path) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        let bytes = self.read(path)?;
        if is_sealed(path) {
            self.unlocked()?.open(path, &bytes)
        } else {
            Ok(zeroize::Zeroizing::new(bytes))
        }
    }

    /// Reads a small file inside the journal (a draft, part of the index),
    /// never through a link: not the file, nor any folder on the way.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>> {
        self.guard(path)?;
        let mut file = crate::platform::open_no_follow(path)
            .with_context(|| format!("could not read {}", path.display()))?;
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut file, &mut bytes)
            .with_context(|| format!("could not read {}", path.display()))?;
        Ok(bytes)
    }
}

impl Journal {
    /// Saves a new entry without ever replacing a file. If its id is taken
    /// (two saves in the same second, or a test forcing a clash), it takes a
    /// new id and tries again; the entry's `id` is updated to match.
    /// Refuses, before anything is written, an entry too large to read back.
    /// `save_new` checks each entry itself; a batch (an import) checks every
    /// entry first so it is saved whole or not at all.
    pub fn check_fits(&self, entry: &super::Entry) -> Result<()> {
        let path = self.entry_path(&entry.rel_path());
        check_entry_size(&path, entry.to_toml()?.len())
    }

    pub fn save_new(&self, entry: &mut super::Entry) -> Result<PathBuf> {
        for _ in 0..20 {
            let path = self.entry_path(&entry.rel_path());
            // A plain file of this id (written before encryption) is taken
            // too: one id, one file.
            if fs::symlink_metadata(&path).is_ok() {
                entry.id = super::id::new_id(&entry.created);
                continue;
            }
            match self.write_entry(&path, entry.to_toml()?.as_bytes(), Mode::Create) {
                Ok(written) => return Ok(written),
                Err(e) if is_already_exists(&e) => {
                    entry.id = super::id::new_id(&entry.created);
                }
                Err(e) => return Err(e),
            }
        }
        anyhow::bail!("could not find a free id for the entry after 20 tries")
    }
}

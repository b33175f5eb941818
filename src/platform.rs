//! Everything tend does differently on Unix and on Windows, in one place, so
//! the rest of the code asks for what it needs ("a private folder", "flush
//! this folder") and never for how. Privacy on disk lives here: what makes a
//! file or folder private, and (later) what keeps a journal's words out of
//! places the operating system writes on its own.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use imp::*;
pub use keyring_store::*;

/// The system's keyring, for the optional cache of the unwrapped journal key
/// (`keyring = true`). Only where the `keyring` crate is built with a real
/// store for the system (its features are chosen per system in Cargo.toml):
/// everywhere else the crate would quietly use its in-memory mock, so tend
/// does not call it at all there.
#[cfg(any(target_os = "linux", target_os = "macos"))]
mod keyring_store {
    use age::secrecy::{ExposeSecret, SecretString};
    use anyhow::{Result, anyhow};

    /// Why there is no keyring cache on this system; None where there is.
    pub const NO_KEYRING: Option<&str> = None;

    /// How many times tend has gone to the keyring, for the tests that
    /// prove `keyring = false` never does.
    #[cfg(test)]
    pub static KEYRING_CALLS: std::sync::atomic::AtomicUsize =
        std::sync::atomic::AtomicUsize::new(0);

    fn entry(account: &str) -> Result<keyring::Entry> {
        #[cfg(test)]
        KEYRING_CALLS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        keyring::Entry::new("tend", account).map_err(|e| anyhow!("the keyring: {e}"))
    }

    /// The secret kept for `account`, if any. Errors never quote it.
    pub fn keyring_read(account: &str) -> Result<Option<SecretString>> {
        match entry(account)?.get_password() {
            Ok(secret) => Ok(Some(SecretString::from(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(anyhow!("could not read the keyring: {e}")),
        }
    }

    pub fn keyring_write(account: &str, secret: &SecretString) -> Result<()> {
        entry(account)?
            .set_password(secret.expose_secret())
            .map_err(|e| anyhow!("could not keep the key in the keyring: {e}"))
    }

    /// Removes what is kept for `account`: true if there was something.
    pub fn keyring_delete(account: &str) -> Result<bool> {
        match entry(account)?.delete_credential() {
            Ok(()) => Ok(true),
            Err(keyring::Error::NoEntry) => Ok(false),
            Err(e) => Err(anyhow!("could not clear the keyring: {e}")),
        }
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos")))]
mod keyring_store {
    use age::secrecy::SecretString;
    use anyhow::{Result, bail};

    /// The `keyring` crate keeps a Windows credential with enterprise
    /// persistence, which a roaming profile copies to the organisation's
    /// servers; it offers no local-only choice, so tend keeps no key there.
    #[cfg(windows)]
    pub const NO_KEYRING: Option<&str> = Some(
        "on Windows the key is not kept in the Credential Manager: it would roam with your profile to your organisation's servers",
    );
    #[cfg(not(windows))]
    pub const NO_KEYRING: Option<&str> =
        Some("tend has no keyring for this system, so the key is not kept");

    pub fn keyring_read(_account: &str) -> Result<Option<SecretString>> {
        Ok(None)
    }

    pub fn keyring_write(_account: &str, _secret: &SecretString) -> Result<()> {
        bail!("{}", NO_KEYRING.unwrap_or_default())
    }

    pub fn keyring_delete(_account: &str) -> Result<bool> {
        Ok(false)
    }
}

#[cfg(unix)]
mod imp {
    use super::*;
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};

    /// Creates `dir` and any missing parents, readable by their owner only.
    pub fn create_private_dir(dir: &Path) -> io::Result<()> {
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }

    /// Makes an open file readable and writable by its owner only.
    pub fn make_file_private(file: &fs::File) -> io::Result<()> {
        file.set_permissions(fs::Permissions::from_mode(0o600))
    }

    /// A rename or link is durable only once its folder is flushed too.
    pub fn sync_dir(dir: &Path) {
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }

    /// Opens an existing file to read, refusing a link in its place.
    pub fn open_no_follow(path: &Path) -> io::Result<fs::File> {
        fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
    }

    /// Opens (or makes) a private file to hold a lock on, never emptied and
    /// never through a link.
    pub fn open_lock_file(path: &Path) -> io::Result<fs::File> {
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW)
            .open(path)
    }

    /// Whether the open `file` is still the one at `path` (not replaced or
    /// removed since it was opened).
    pub fn is_same_file(file: &fs::File, path: &Path) -> bool {
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.ino() == b.ino() && a.dev() == b.dev(),
            _ => false,
        }
    }

    /// The permission bits doctor compares with private ones; `None` where
    /// the system has none to check.
    pub fn mode(meta: &fs::Metadata) -> Option<u32> {
        Some(meta.permissions().mode() & 0o777)
    }

    pub fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
    }

    /// A program started with this writes private files and folders (umask
    /// 077): what git checks out or merges into the journal is 0600 and
    /// 0700 from the start, as everything tend writes itself.
    pub fn private_files(command: &mut std::process::Command) {
        use std::os::unix::process::CommandExt;
        // SAFETY: umask is async-signal-safe, allocates nothing and changes
        // only the child's own mask, between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::umask(0o077);
                Ok(())
            });
        }
    }

    /// Switches core dumps off for the rest of the process: a crash while a
    /// key is held must not leave it in a core file.
    pub fn no_core_dumps() {
        let off = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads a valid, initialised struct and changes
        // only this process's limit. Failing leaves the limit as it was,
        // which we accept (the key is still never written out on purpose).
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &off);
        }
    }

    /// `tend list | head` should end quietly when head has read enough, as
    /// other command-line tools do; Rust ignores SIGPIPE by default and
    /// would report (or panic on) every later write instead.
    pub fn quiet_closed_pipe() {
        // SAFETY: setting a signal's disposition to its default before any
        // other thread exists has no memory-safety preconditions.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }

    /// While a pager runs: quitting it early must not kill tend with
    /// SIGPIPE, and Ctrl-C is the pager's to handle (less uses it to stop a
    /// search). Set after the spawn, so the pager keeps the defaults; undone
    /// when the guard is dropped.
    pub struct PagerSignals;

    impl PagerSignals {
        pub fn hold() -> PagerSignals {
            // SAFETY: changing signal dispositions has no memory-safety
            // preconditions; tend runs no other threads here.
            unsafe {
                libc::signal(libc::SIGPIPE, libc::SIG_IGN);
                libc::signal(libc::SIGINT, libc::SIG_IGN);
            }
            PagerSignals
        }
    }

    impl Drop for PagerSignals {
        fn drop(&mut self) {
            // SAFETY: as above.
            unsafe {
                libc::signal(libc::SIGINT, libc::SIG_DFL);
                libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            }
        }
    }

    /// The pager when `$PAGER` is unset: less, which quits at once when the
    /// text fits on one screen, keeps colour, and leaves the text on the
    /// screen afterwards. If it is missing, the text is printed instead.
    pub const DEFAULT_PAGER: Option<&str> = Some("less -FRX");

    /// Runs a command line the way the person's shell would.
    pub fn shell_command(line: &str) -> std::process::Command {
        let mut c = std::process::Command::new("sh");
        c.arg("-c").arg(line);
        c
    }

    /// Whether a shell started by [`shell_command`] said it could not find
    /// or run the program (so nothing was shown).
    pub fn shell_could_not_start(code: Option<i32>) -> bool {
        matches!(code, Some(126 | 127))
    }

    /// A command line the person wrote for tend to run and read from
    /// (`TEND_PASSPHRASE_COMMAND`), through their shell, as a password
    /// manager's instructions write it.
    pub fn command_line(line: &str) -> std::process::Command {
        shell_command(line)
    }

    /// The one folder where words wait while an editor has them: outside
    /// the journal, in memory where the system offers it
    /// (`$XDG_RUNTIME_DIR`, a per-login tmpfs, emptied at logout), else a
    /// folder of this user's own under the system's temporary folder.
    pub fn scratch_dir() -> Option<PathBuf> {
        if let Some(run) = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from)
            && run.is_absolute()
            && run.is_dir()
        {
            return Some(run.join("tend"));
        }
        // SAFETY: geteuid has no preconditions and cannot fail.
        let uid = unsafe { libc::geteuid() };
        Some(std::env::temp_dir().join(format!("tend-{uid}")))
    }

    /// Refuses a scratch folder that is not this user's private folder: in
    /// a shared /tmp someone else could have made it first, or put a link
    /// there. A folder of ours that is merely too open is closed.
    pub fn check_private_dir(dir: &Path) -> io::Result<()> {
        let meta = fs::symlink_metadata(dir)?;
        // SAFETY: as above.
        let uid = unsafe { libc::geteuid() };
        if !meta.is_dir() || meta.uid() != uid {
            return Err(io::Error::other(
                "it is not a folder of your own, so tend will not put your words there",
            ));
        }
        if meta.mode() & 0o077 != 0 {
            set_mode(dir, 0o700)?;
        }
        Ok(())
    }

    /// Whether the process `pid` is still running (a scratch file named
    /// for it is then still in use).
    pub fn process_alive(pid: u32) -> bool {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 only asks whether the process exists.
        let r = unsafe { libc::kill(pid, 0) };
        r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }

    /// Asks the editor tend started to close, when tend itself is stopped:
    /// otherwise it could save the words again after tend removed them.
    pub fn end_process(pid: u32) {
        if let Ok(pid) = libc::pid_t::try_from(pid) {
            // SAFETY: sends a signal; no memory is involved.
            unsafe {
                libc::kill(pid, libc::SIGTERM);
            }
        }
    }

    /// The editor when neither `$VISUAL` nor `$EDITOR` is set: none; tend
    /// says how to set one rather than leave a tired person inside vi.
    pub const DEFAULT_EDITOR: Option<&str> = None;

    /// What tend can promise about who reads a file it wrote.
    pub const WHO_CAN_READ_NOTE: &str = " (readable only by you)";

    /// What doctor says about where the journal lives, when there is
    /// anything to say. Nothing on Unix: its privacy is the permissions
    /// doctor checks.
    pub fn place_note(_root: &Path) -> Option<String> {
        None
    }
}

#[cfg(windows)]
mod imp {
    use super::*;
    use std::os::windows::fs::OpenOptionsExt;

    /// Opens a link itself rather than what it points to (winbase.h).
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;

    /// Folders on Windows take their access from the folder they are in: the
    /// journal's home, `%LOCALAPPDATA%`, is the person's own (and readable
    /// by the computer's administrators, as the README says).
    pub fn create_private_dir(dir: &Path) -> io::Result<()> {
        fs::create_dir_all(dir)
    }

    /// Files, too, take their folder's access; nothing to change.
    pub fn make_file_private(_file: &fs::File) -> io::Result<()> {
        Ok(())
    }

    /// Windows makes a rename durable with the file's own flush; a folder
    /// cannot be opened as a file to flush it.
    pub fn sync_dir(_dir: &Path) {}

    /// Opens an existing file to read; a link in its place is opened as
    /// itself (and then refused by the caller's checks), never followed.
    pub fn open_no_follow(path: &Path) -> io::Result<fs::File> {
        let file = fs::OpenOptions::new()
            .read(true)
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
            .open(path)?;
        refuse_link(file)
    }

    pub fn open_lock_file(path: &Path) -> io::Result<fs::File> {
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
            .open(path)?;
        refuse_link(file)
    }

    fn refuse_link(file: fs::File) -> io::Result<fs::File> {
        if file.metadata()?.file_type().is_symlink() {
            return Err(io::Error::other("a link, which tend never follows"));
        }
        Ok(file)
    }

    /// Windows has no stable file identity in std yet, so the file's
    /// creation time (to the 100 ns) and size stand in for it: a lock file
    /// removed and made again has a new creation time.
    pub fn is_same_file(file: &fs::File, path: &Path) -> bool {
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => {
                a.created().ok() == b.created().ok() && a.len() == b.len() && b.is_file()
            }
            _ => false,
        }
    }

    /// Windows files have no permission bits to compare; access follows the
    /// folder (see [`place_note`]).
    pub fn mode(_meta: &fs::Metadata) -> Option<u32> {
        None
    }

    pub fn set_mode(_path: &Path, _mode: u32) -> io::Result<()> {
        Ok(())
    }

    /// Windows files have no permission bits to set for a child program.
    pub fn private_files(_command: &mut std::process::Command) {}

    /// Windows writes no core files; a crash report (Windows Error
    /// Reporting) may hold memory, and switching it off is a setting for
    /// the computer's administrators, not for one program.
    pub fn no_core_dumps() {}

    /// Windows has no SIGPIPE: a write to a closed pipe is an error, on
    /// which the printing functions in `output` end tend quietly.
    pub fn quiet_closed_pipe() {}

    /// Nothing to hold: a Windows pager gets the console's Ctrl-C itself.
    pub struct PagerSignals;

    impl PagerSignals {
        pub fn hold() -> PagerSignals {
            PagerSignals
        }
    }

    /// No pager unless `$PAGER` names one: Windows has no `less`, and
    /// `more` cannot show colour or go back up.
    pub const DEFAULT_PAGER: Option<&str> = None;

    /// Runs `$PAGER` directly, split on spaces (no shell to interpret it).
    pub fn shell_command(line: &str) -> std::process::Command {
        let mut parts = line.split_whitespace();
        let mut c = std::process::Command::new(parts.next().unwrap_or_default());
        c.args(parts);
        c
    }

    /// A program that cannot start fails at spawn on Windows.
    pub fn shell_could_not_start(_code: Option<i32>) -> bool {
        false
    }

    /// A command line the person wrote for tend to run and read from
    /// (`TEND_PASSPHRASE_COMMAND`), through cmd.exe, so a `.cmd` file, a
    /// path with spaces in quotes, or a password manager's `op read ...`
    /// runs as it would at their prompt (there is no `sh` on Windows). The
    /// line goes to cmd.exe as written (`/S /C "LINE"`: cmd takes off the
    /// outer quotes only); `/D` skips AutoRun commands.
    pub fn command_line(line: &str) -> std::process::Command {
        use std::os::windows::process::CommandExt;
        let mut c = std::process::Command::new("cmd.exe");
        c.raw_arg(format!("/D /S /C \"{line}\""));
        c
    }

    /// The one folder where words wait while an editor has them: outside
    /// the journal, in the person's own local (never roaming) application
    /// data, which only they and the computer's administrators can read.
    pub fn scratch_dir() -> Option<PathBuf> {
        dirs::data_local_dir().map(|d| d.join("tend-tmp"))
    }

    /// The folder takes `%LOCALAPPDATA%`'s access; a link is refused.
    pub fn check_private_dir(dir: &Path) -> io::Result<()> {
        let meta = fs::symlink_metadata(dir)?;
        if !meta.is_dir() {
            return Err(io::Error::other(
                "it is not a plain folder, so tend will not put your words there",
            ));
        }
        Ok(())
    }

    /// Windows gives no cheap, dependency-free way to ask; scratch files are
    /// then swept by age alone.
    pub fn process_alive(_pid: u32) -> bool {
        true
    }

    /// Nothing to send: a Windows editor is closed by the person (the file
    /// it may save again is swept at the next start).
    pub fn end_process(_pid: u32) {}

    /// Every Windows has Notepad.
    pub const DEFAULT_EDITOR: Option<&str> = Some("notepad.exe");

    /// A Windows file takes its folder's access, which tend does not
    /// change, so it promises nothing.
    pub const WHO_CAN_READ_NOTE: &str = "";

    /// A journal outside `%LOCALAPPDATA%` may be in a folder Windows copies
    /// to a server (a roaming profile) or to the cloud (OneDrive).
    pub fn place_note(root: &Path) -> Option<String> {
        let real = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let lower = real.display().to_string().to_lowercase();
        if lower.contains("onedrive") {
            return Some(
                "this looks like a OneDrive folder, so every entry is copied to the cloud; the usual place, %LOCALAPPDATA%\\tend, stays on this computer".into(),
            );
        }
        let local = dirs::data_local_dir()
            .map(|d| fs::canonicalize(&d).unwrap_or(d))
            .map(|d| d.display().to_string().to_lowercase());
        if let Some(local) = local
            && !lower.starts_with(&local)
        {
            return Some(
                "not under %LOCALAPPDATA%, so it may be copied to a server with a roaming profile; the usual place, %LOCALAPPDATA%\\tend, stays on this computer".into(),
            );
        }
        None
    }
}

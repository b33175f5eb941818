//! Words open in the person's editor: `tend edit`, `tend note --editor` and
//! long answers in a check-in all go through [`Scratch`], the one routine.
//!
//! While the editor has them, the words sit in a file of their own (0600)
//! in one private folder outside the journal (see
//! [`crate::platform::scratch_dir`]), so an encrypted journal never holds a
//! readable copy, and a synced journal folder never carries one away. The
//! file is removed when it is dropped (a normal end or an error), and when
//! tend is stopped by Ctrl-C, SIGHUP or SIGTERM: the one signal handler
//! (`ask::catch_signals`) calls [`stop`]. A SIGKILL or a power cut leaves it
//! behind; [`sweep`], at the next start, removes any file whose tend is no
//! longer running (its pid begins the name) or that is over a day old.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use anyhow::{Context, Result};
use zeroize::Zeroizing;

use crate::platform;

/// Every scratch file this tend has made and not yet removed, with what to
/// say if tend is stopped while it exists.
static LIVE: Mutex<Vec<(PathBuf, &'static str)>> = Mutex::new(Vec::new());

/// The running editor's process id, 0 when none is open.
static EDITOR: AtomicU32 = AtomicU32::new(0);

/// A leftover older than this is removed even if a process with its pid
/// runs (pids are reused).
const SWEEP_AFTER: Duration = Duration::from_secs(24 * 3600);

/// $VISUAL, then $EDITOR, then the platform's own (Notepad on Windows;
/// none on Unix, where tend says how to set one), split into a program
/// and its arguments.
pub fn editor() -> Result<(String, Vec<String>)> {
    let raw = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .or_else(|| platform::DEFAULT_EDITOR.map(String::from))
        .context("tend opens your editor here, and neither $VISUAL nor $EDITOR is set (for example: export EDITOR=nano)")?;
    let mut parts = raw.split_whitespace().map(String::from);
    let program = parts.next().unwrap_or_default();
    Ok((program, parts.collect()))
}

/// The private folder, made if needed and checked to be ours.
fn folder() -> Result<PathBuf> {
    let dir = platform::scratch_dir()
        .context("could not find a private folder for the copy your editor opens")?;
    platform::create_private_dir(&dir)
        .and_then(|()| platform::check_private_dir(&dir))
        .with_context(|| {
            format!(
                "{}: could not use it for the copy your editor opens",
                dir.display()
            )
        })?;
    Ok(dir)
}

/// A file of words open in the editor, removed when dropped.
pub struct Scratch {
    path: PathBuf,
    on_stop: &'static str,
}

impl Scratch {
    /// A private file holding `contents`, its name ending in `suffix` (so
    /// the editor knows the kind of text). `on_stop` is what tend says if
    /// it is stopped while the file exists.
    pub fn new(contents: &[u8], suffix: &str, on_stop: &'static str) -> Result<Scratch> {
        crate::ask::catch_signals();
        let dir = folder()?;
        let (mut file, path) = tempfile::Builder::new()
            .prefix(&format!("{}-", std::process::id()))
            .suffix(suffix)
            .tempfile_in(&dir)
            .and_then(|f| f.keep().map_err(|e| e.error))
            .with_context(|| format!("{}: could not make a private copy to edit", dir.display()))?;
        // Known before the words are in it, so a signal from here on removes it.
        lock_live().push((path.clone(), on_stop));
        let scratch = Scratch { path, on_stop };
        platform::make_file_private(&file)
            .and_then(|()| file.write_all(contents))
            .with_context(|| {
                format!(
                    "{}: could not write the copy to edit",
                    scratch.path.display()
                )
            })?;
        Ok(scratch)
    }

    /// Opens the person's editor on the file and waits for it to close.
    /// Whether it ended well is the caller's to judge.
    pub fn edit(&self) -> Result<std::process::ExitStatus> {
        let (program, extra) = editor()?;
        if crate::ask::stopping() {
            return Err(crate::ask::interrupted());
        }
        let mut child = Command::new(&program)
            .args(&extra)
            .arg(&self.path)
            .spawn()
            .with_context(|| format!("could not start the editor \"{program}\""))?;
        EDITOR.store(child.id(), Ordering::SeqCst);
        let status = child.wait();
        EDITOR.store(0, Ordering::SeqCst);
        if crate::ask::stopping() {
            // The editor ended because tend is being stopped: the same
            // words as the signal handler's, which may be saying them.
            return Err(crate::fail::Fail::interrupted(self.on_stop));
        }
        status.with_context(|| format!("lost track of the editor \"{program}\""))
    }

    /// What the editor left in the file, wiped from memory when dropped.
    pub fn read(&self) -> Result<Zeroizing<Vec<u8>>> {
        std::fs::read(&self.path)
            .map(Zeroizing::new)
            .with_context(|| format!("could not read back {}", self.path.display()))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
        lock_live().retain(|(p, _)| p != &self.path);
    }
}

fn lock_live() -> std::sync::MutexGuard<'static, Vec<(PathBuf, &'static str)>> {
    // A panic while holding it cannot leave the list half-changed.
    LIVE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Whether an editor tend started is open now.
pub fn editor_open() -> bool {
    EDITOR.load(Ordering::SeqCst) != 0
}

/// tend is being stopped: closes the editor, removes every scratch file,
/// and gives what to say about the newest (None when there was none).
pub fn stop() -> Option<&'static str> {
    let pid = EDITOR.swap(0, Ordering::SeqCst);
    if pid != 0 {
        platform::end_process(pid);
    }
    let mut live = lock_live();
    let said = live.last().map(|(_, s)| *s);
    for (p, _) in live.drain(..) {
        let _ = std::fs::remove_file(p);
    }
    said
}

/// Removes what an earlier tend left when it could not clean up (a
/// SIGKILL, a power cut): files whose tend no longer runs, or over a day
/// old. Only looks; makes no folder.
pub fn sweep() {
    let Some(dir) = platform::scratch_dir() else {
        return;
    };
    let Ok(files) = std::fs::read_dir(&dir) else {
        return;
    };
    if platform::check_private_dir(&dir).is_err() {
        return;
    }
    let me = std::process::id();
    for f in files.flatten() {
        let name = f.file_name().to_string_lossy().into_owned();
        // An editor's own files beside the copy (vim's `.PID-….toml.swp`)
        // carry the same pid.
        let pid = name
            .trim_start_matches('.')
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let old = f
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > SWEEP_AFTER);
        let orphaned = pid.is_some_and(|pid| pid != me && !platform::process_alive(pid));
        if old || orphaned {
            let _ = std::fs::remove_file(f.path());
        }
    }
}

//! The installed `git` program, as tend runs it for sync (issue 15). git is
//! run, never linked (libgit2 ignores SSH config and agents on Windows), always
//! with line-ending conversion off and paths unquoted, its porcelain output
//! read NUL-separated, and every commit by the repository-local author `tend`
//! with no e-mail. Commit messages name months and handles, never words.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{Context, Result};

use crate::journal::Journal;

/// The remote tend pushes to and fetches from.
pub const REMOTE: &str = "origin";

/// git, run in one folder.
pub struct Git {
    dir: PathBuf,
}

/// What git said when it failed: its own last words, for the message.
fn said(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines
        .iter()
        .rev()
        .take(2)
        .rev()
        .copied()
        .collect::<Vec<_>>()
        .join(" / ")
}

/// Why git could not reach or update a remote, in one line for a message:
/// the first thing it said (the cause; what follows is advice), without its
/// `fatal:` or `error:` label.
pub fn reason(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let first = first.unwrap_or("no reason given");
    let said = ["fatal: ", "error: "]
        .iter()
        .fold(first, |l, label| l.strip_prefix(label).unwrap_or(l));
    // git's words can carry a remote's (`remote: …`): shown, never obeyed.
    crate::output::shown(said).into_owned()
}

impl Git {
    /// git in `dir`, once `git --version` has answered: without git, a plain
    /// message and nothing changed.
    pub fn new(dir: &Path) -> Result<Git> {
        let found = Command::new("git")
            .arg("--version")
            .output()
            .map(|o| o.status.success());
        if !matches!(found, Ok(true)) {
            anyhow::bail!(
                "tend sync uses git, and git was not found on this computer (it is not on PATH). \
                 Please install git (https://git-scm.com) and try again; nothing was changed."
            );
        }
        Ok(Git {
            dir: dir.to_path_buf(),
        })
    }

    /// The command with tend's fixed settings: no line endings converted,
    /// paths as they are, tend as the author, no signing prompt, no editor.
    fn command<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = Command::new("git");
        c.arg("-C").arg(&self.dir);
        for setting in [
            "core.autocrlf=false",
            "core.quotepath=off",
            "core.safecrlf=false",
            "user.name=tend",
            "user.email=",
            "commit.gpgsign=false",
            "merge.renames=false",
        ] {
            c.arg("-c").arg(setting);
        }
        c.args(args)
            .env("GIT_EDITOR", ":")
            .env("GIT_MERGE_AUTOEDIT", "no");
        crate::platform::private_files(&mut c);
        c
    }

    /// Runs git; what it printed, or an error with git's own words.
    pub fn run<I, S>(&self, args: I) -> Result<Vec<u8>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let out = self.output(args)?;
        if !out.status.success() {
            anyhow::bail!("git said: {}", said(&out));
        }
        Ok(out.stdout)
    }

    /// Runs git and hands back whatever happened.
    pub fn output<I, S>(&self, args: I) -> Result<Output>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut c = self.command(args);
        c.output().context("could not run git")
    }

    /// One line of git's output, trimmed.
    pub fn line<I, S>(&self, args: I) -> Result<String>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Ok(String::from_utf8_lossy(&self.run(args)?).trim().to_string())
    }

    /// Whether git can answer (a reference exists, a check passes).
    pub fn ok<I, S>(&self, args: I) -> bool
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.output(args).is_ok_and(|o| o.status.success())
    }

    /// What is changed and not committed, from `status --porcelain=v1 -z`:
    /// each path (with `/`) and its two-letter state.
    pub fn pending(&self) -> Result<Vec<Change>> {
        let out = self.run(["status", "--porcelain=v1", "-z", "--untracked-files=all"])?;
        Ok(parse_status(&out))
    }

    /// Paths (with `/`) that a diff between two commits touches.
    pub fn changed(&self, range: &str) -> Result<Vec<String>> {
        let out = self.run(["diff", "--no-renames", "--name-only", "-z", range])?;
        Ok(split_nul(&out))
    }

    /// Each path changed from `from` to `to` and how (`A`dded, `D`eleted,
    /// `M`odified), renames never followed: a deleted entry and its copy in
    /// the trash stay two paths.
    pub fn changes(&self, from: &str, to: &str) -> Result<Vec<(u8, String)>> {
        let out = self.run(["diff", "--no-renames", "--name-status", "-z", from, to])?;
        let fields = split_nul(&out);
        Ok(fields
            .chunks(2)
            .filter(|p| p.len() == 2)
            .map(|p| (p[0].bytes().next().unwrap_or(b'M'), p[1].clone()))
            .collect())
    }

    /// Every file under `dir` at a commit (paths with `/`).
    pub fn files(&self, rev: &str, dir: &str) -> Result<Vec<String>> {
        let out = self.run(["ls-tree", "-r", "--name-only", "-z", rev, "--", dir])?;
        Ok(split_nul(&out))
    }

    /// A file's bytes at a commit, as committed; None where it is absent.
    pub fn blob(&self, rev: &str, path: &str) -> Result<Option<Vec<u8>>> {
        let spec = format!("{rev}:{path}");
        if !self.ok(["cat-file", "-e", &spec]) {
            return Ok(None);
        }
        Ok(Some(self.run(["cat-file", "blob", &spec])?))
    }

    /// When the last commit up to `rev` that touched `path` was made (Unix
    /// seconds; 0 if none did).
    pub fn last_touched(&self, rev: &str, path: &str) -> Result<i64> {
        let line = self.line(["log", "-1", "--format=%ct", rev, "--", path])?;
        Ok(line.parse().unwrap_or(0))
    }

    /// Whether a merge is under way or left unfinished: `MERGE_HEAD`, or
    /// paths in conflict in git's index.
    /// Takes away git's `.git/index.lock` when a git that was killed (a
    /// crash, a power cut, tend and its git stopped together) left it behind;
    /// otherwise it stops every later commit and sync. For a caller holding
    /// the journal's lock, under which tend runs its git: tend's own git
    /// holds that file for milliseconds, so one older than [`STALE_LOCK`]
    /// has no git behind it. A younger one is left alone (a git may still be
    /// finishing), and the message says to try again in a minute.
    pub fn clear_stale_lock(&self) -> Result<()> {
        let lock = self.dir.join(".git").join("index.lock");
        let Ok(meta) = std::fs::symlink_metadata(&lock) else {
            return Ok(());
        };
        let age = meta.modified().ok().and_then(|m| m.elapsed().ok());
        if age.is_some_and(|age| age >= STALE_LOCK) {
            std::fs::remove_file(&lock)
                .with_context(|| format!("could not remove {}", lock.display()))?;
            return Ok(());
        }
        anyhow::bail!(
            "git is still at work in the journal folder, or was stopped a moment ago ({} is there); \
             everything is saved here, so please try tend sync again in a minute",
            lock.display()
        )
    }

    pub fn merging(&self) -> bool {
        self.ok(["rev-parse", "-q", "--verify", "MERGE_HEAD"])
            || self
                .run(["ls-files", "-u", "-z"])
                .is_ok_and(|out| !out.is_empty())
    }
}

/// How old a `.git/index.lock` must be before tend takes it for one a
/// killed git left (see [`Git::clear_stale_lock`]).
const STALE_LOCK: std::time::Duration = std::time::Duration::from_secs(60);

/// One changed path, as `git status` reports it.
#[derive(Debug, PartialEq, Eq)]
pub struct Change {
    pub state: [u8; 2],
    pub path: String,
}

fn split_nul(out: &[u8]) -> Vec<String> {
    out.split(|b| *b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect()
}

/// `XY PATH\0`, where a rename or copy is followed by its old path.
fn parse_status(out: &[u8]) -> Vec<Change> {
    let mut fields = out.split(|b| *b == 0).filter(|f| !f.is_empty());
    let mut changes = Vec::new();
    while let Some(field) = fields.next() {
        if field.len() < 4 {
            continue;
        }
        let state = [field[0], field[1]];
        if state[0] == b'R' || state[0] == b'C' {
            fields.next();
        }
        changes.push(Change {
            state,
            path: String::from_utf8_lossy(&field[3..]).into_owned(),
        });
    }
    changes
}

/// "2026/11 k3f9" for `entries/2026/11/20261126T132005Z-k3f9ae.toml[.age]`;
/// None for anything else.
pub fn entry_name(path: &str) -> Option<String> {
    let rest = path.strip_prefix("entries/")?;
    let (month, file) = rest.rsplit_once('/')?;
    let id = file.split('.').next()?;
    Some(format!("{month} {}", crate::journal::id::handle(id)))
}

/// The commit message for these changes: what happened to which entries
/// (months and handles), never a word of them.
fn message(changes: &[Change]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut other = false;
    for c in changes {
        let Some(name) = entry_name(&c.path) else {
            other = true;
            continue;
        };
        let verb = match c.state {
            [b'?', b'?'] | [b'A', _] => "add",
            [b'D', _] | [_, b'D'] => "delete",
            _ => "edit",
        };
        parts.push(format!("{verb} {name}"));
    }
    let shown = parts.len().min(3);
    let mut text = parts[..shown].join(", ");
    if parts.len() > shown {
        text.push_str(&format!(" and {} more", parts.len() - shown));
    }
    if text.is_empty() {
        text = if changes.iter().any(|c| c.path.starts_with("trash/")) {
            "trash".into()
        } else if changes.iter().any(|c| c.path.starts_with("key/")) {
            "key change".into()
        } else {
            "journal files".into()
        };
    } else if other {
        text.push_str(" and journal files");
    }
    format!("tend: {text}")
}

/// Where a sync leaves what it decided, for the next command to say (in
/// git's own folder: never committed, never sent).
fn notes_path(journal: &Journal) -> PathBuf {
    journal.root.join(".git").join("tend-sync-notes")
}

/// Keeps what a sync decided (one line each) for the next command to say.
pub fn leave_notes(journal: &Journal, notes: &[String]) -> Result<()> {
    let path = notes_path(journal);
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    for n in notes {
        text.push_str(n);
        text.push('\n');
    }
    crate::journal::store::write_atomic(
        &path,
        text.as_bytes(),
        crate::journal::store::Mode::Replace,
    )
}

/// What the last sync decided, once: the notes are gone after this.
pub fn take_notes(journal: &Journal) -> Vec<String> {
    let path = notes_path(journal);
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    if std::fs::remove_file(&path).is_err() {
        return Vec::new(); // said next time, rather than every time
    }
    // A file in .git anyone with the folder can write: shown, never obeyed.
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| crate::output::shown(l).into_owned())
        .collect()
}

/// Whether the journal folder is a git repository of its own (not merely
/// inside one: a journal in a dotfiles repository is left alone).
pub fn is_repository(journal: &Journal) -> bool {
    std::fs::symlink_metadata(journal.root.join(".git")).is_ok()
}

/// Commits whatever has changed in the journal, under its lock, when the
/// journal is a repository: the one place every write becomes a commit
/// (called once each command is done, and by `tend sync`). Only what
/// `.gitignore` lets through is committed, named path by path.
pub fn commit_pending(journal: &Journal) -> Result<bool> {
    if !is_repository(journal) {
        return Ok(false);
    }
    let git = Git::new(&journal.root)?;
    let _lock = journal.lock()?;
    commit_locked(&git)
}

/// [`commit_pending`] for a caller that holds the journal's lock.
pub fn commit_locked(git: &Git) -> Result<bool> {
    git.clear_stale_lock()?;
    let changes = git.pending()?;
    if changes.is_empty() {
        return Ok(false);
    }
    // A commit now would finish a merge an interrupted sync left half done.
    if git.merging() {
        anyhow::bail!(
            "a sync was interrupted in the middle of a merge; tend sync takes that merge back and syncs again"
        );
    }
    let mut add = vec![
        "--literal-pathspecs".to_string(),
        "add".into(),
        "-A".into(),
        "--".into(),
    ];
    add.extend(changes.iter().map(|c| c.path.clone()));
    git.run(&add)?;
    git.run(["commit", "-q", "--no-verify", "-m", &message(&changes)])?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_read_nul_separated_with_renames() {
        let out = b"?? entries/2026/11/20261126T132005Z-k3f9ae.toml\0R  new name\0old name\0 M trash/a b.toml\0";
        let got = parse_status(out);
        assert_eq!(got.len(), 3);
        assert_eq!(got[1].path, "new name");
        assert_eq!(got[2].path, "trash/a b.toml");
        assert_eq!(
            message(&got[..1]),
            "tend: add 2026/11 k3f9ae",
            "a message names the month and the handle"
        );
    }

    #[test]
    fn a_reason_is_the_first_thing_git_said_in_one_line() {
        let stderr = b"fatal: '/media/usb/journal.git' does not appear to be a git repository\n\
                fatal: Could not read from remote repository.\n\n\
                Please make sure you have the correct access rights\n";
        assert_eq!(
            reason(stderr),
            "'/media/usb/journal.git' does not appear to be a git repository"
        );
    }

    #[test]
    fn a_remotes_words_in_a_reason_are_shown_not_obeyed() {
        let stderr = b"remote: \x1b]0;owned\x07\x1b[2Jrefused\n";
        let said = reason(stderr);
        assert!(!said.contains('\u{1b}'), "{said:?}");
        assert!(said.contains("\\u{1b}]0;owned"), "{said:?}");
    }

    #[test]
    fn a_message_never_holds_more_than_names() {
        let changes: Vec<Change> = (0..5)
            .map(|i| Change {
                state: *b" M",
                path: format!("entries/2026/11/20261126T13200{i}Z-aaaa{i}.toml.age"),
            })
            .collect();
        assert_eq!(
            message(&changes),
            "tend: edit 2026/11 aaaa0, edit 2026/11 aaaa1, edit 2026/11 aaaa2 and 2 more"
        );
    }
}

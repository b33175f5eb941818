//! `tend sync init [REMOTE]` and `tend sync`: one journal on two computers,
//! through the installed git (issue 15). Every change is already a commit
//! (see `git::commit_pending`); sync fetches, merges (never rebases), pushes,
//! and on a merge it cannot finish, puts everything back as it was.

use std::fs;

use anyhow::Result;

use crate::app::App;
use crate::cli::{SyncArgs, SyncCommand};
use crate::git::{self, Git, REMOTE};
use crate::journal::Journal;
use crate::journal::store::{Mode, private_dir, write_atomic};

/// Kept out of git: the derived index (status.json too: it is rebuilt on
/// each computer), drafts in progress, the lock, half-written files.
const GITIGNORE: &str = "# tend journal: what is not shared between computers\n\
/index/\n/drafts/\n/.lock\n.tend-*.tmp\n";

/// No line ending is ever converted: entries are stored byte for byte.
const GITATTRIBUTES: &str = "# tend journal: files are stored byte for byte\n* -text\n";

/// Where tend remembers the remote a plain journal may be sent to.
const PLAIN_OK: &str = "tend.plainRemote";

pub fn run(app: &App, args: SyncArgs) -> Result<()> {
    match args.command {
        Some(SyncCommand::Init { remote, yes }) => init(app, remote.as_deref(), yes),
        None => sync(app),
    }
}

fn init(app: &App, remote: Option<&str>, yes: bool) -> Result<()> {
    let j = &app.journal;
    // git is checked before anything else is touched.
    let probe = Git::new(&std::env::temp_dir())?;
    let Some(remote) = remote else {
        let git = set_up(j)?;
        git::commit_locked(&git)?;
        outln!(
            "The journal at {} is a git repository now: every change is committed as it is saved. To keep a copy elsewhere: tend sync init REMOTE",
            j.root.display()
        );
        return Ok(());
    };
    let heads = probe.output(["ls-remote", "--symref", remote]);
    let heads = match heads {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => anyhow::bail!(
            "could not reach {remote} ({}). Nothing was changed; please check the address (and that a USB stick or share is mounted) and try again.",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
        Err(e) => return Err(e),
    };
    if heads.trim().is_empty() {
        // An empty remote: this journal goes there.
        if !j.is_encrypted()? {
            confirm_plain(app, remote, yes)?;
        }
        let git = set_up(j)?;
        point_at(&git, remote)?;
        if !j.is_encrypted()? {
            git.run(["config", PLAIN_OK, remote])?;
        }
        git::commit_locked(&git)?;
        git.run(["push", "-q", "-u", REMOTE, "HEAD:refs/heads/main"])?;
        outln!("The journal is at {remote} now. On another computer: tend sync init {remote}");
        return Ok(());
    }
    join(j, remote, &heads)
}

/// A remote that holds a journal: this computer joins it, if its own
/// journal folder is empty (or missing).
fn join(j: &Journal, remote: &str, heads: &str) -> Result<()> {
    let branch = heads
        .lines()
        .find_map(|l| l.strip_prefix("ref: refs/heads/")?.split('\t').next())
        .unwrap_or("main")
        .to_string();
    if has_journal(j) {
        anyhow::bail!(
            "this journal ({}) already has entries, and {remote} holds a journal too; tend cannot make two journals one yet, so nothing was changed. \
             To join the journal at {remote}, point tend at an empty folder (--dir) and run tend sync init {remote} there.",
            j.root.display()
        );
    }
    let created = !git::is_repository(j);
    let git = set_up_repository(j)?;
    let done = (|| -> Result<()> {
        point_at(&git, remote)?;
        git.run(["fetch", "-q", REMOTE])?;
        let theirs = format!("{REMOTE}/{branch}");
        let tree = git.run(["ls-tree", "--name-only", "-z", &theirs])?;
        let names: Vec<&[u8]> = tree.split(|b| *b == 0).collect();
        let ignore = git.output(["show", &format!("{theirs}:.gitignore")])?;
        if !names.contains(&&b"entries"[..]) && !ignore.stdout.starts_with(b"# tend journal") {
            anyhow::bail!(
                "{remote} holds something other than a tend journal, so tend leaves it alone and nothing was changed here"
            );
        }
        git.run(["checkout", "-q", "-B", "main", "--track", &theirs])?;
        Ok(())
    })();
    if let Err(e) = done {
        if created {
            // Only what this command made a moment ago is taken away.
            let _ = fs::remove_dir_all(j.root.join(".git"));
        }
        return Err(e);
    }
    if !j.is_encrypted()? {
        git.run(["config", PLAIN_OK, remote])?;
    }
    let count = git.run(["ls-files", "-z", "--", "entries"])?;
    let entries = count.split(|b| *b == 0).filter(|p| !p.is_empty()).count();
    outln!(
        "Joined the journal at {remote}: {} here now. Every change is committed as it is saved; tend sync exchanges them.",
        plural(entries, "entry", "entries")
    );
    Ok(())
}

/// Whether the journal folder holds entries or keys of its own.
fn has_journal(j: &Journal) -> bool {
    let mut files = Vec::new();
    collect_files(&j.entries_dir(), &mut files);
    !files.is_empty() || j.root.join("key").exists()
}

fn collect_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for e in read.flatten() {
        let path = e.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The journal folder as a repository (made, or adopted), with tend's
/// ignore and attribute files.
fn set_up(j: &Journal) -> Result<Git> {
    let git = set_up_repository(j)?;
    write_atomic(
        &j.root.join(".gitignore"),
        GITIGNORE.as_bytes(),
        Mode::Replace,
    )?;
    write_atomic(
        &j.root.join(".gitattributes"),
        GITATTRIBUTES.as_bytes(),
        Mode::Replace,
    )?;
    Ok(git)
}

fn set_up_repository(j: &Journal) -> Result<Git> {
    private_dir(&j.root)?;
    let git = Git::new(&j.root)?;
    if !git::is_repository(j) {
        git.run(["init", "-q"])?;
        git.run(["symbolic-ref", "HEAD", "refs/heads/main"])?;
    }
    // The author and line endings live in the repository too, so a git run
    // by hand in the journal folder behaves as tend's own.
    for (key, value) in [
        ("user.name", "tend"),
        ("user.email", ""),
        ("core.autocrlf", "false"),
        ("core.quotepath", "off"),
    ] {
        git.run(["config", key, value])?;
    }
    Ok(git)
}

fn point_at(git: &Git, remote: &str) -> Result<()> {
    if git.ok(["remote", "get-url", REMOTE]) {
        git.run(["remote", "set-url", REMOTE, remote])?;
    } else {
        git.run(["remote", "add", REMOTE, remote])?;
    }
    Ok(())
}

fn confirm_plain(app: &App, remote: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    let question = format!(
        "This journal is not encrypted: anyone who can read {remote} can read every entry. Send it there?"
    );
    if !App::interactive() {
        return Err(crate::fail::Fail::usage(format!(
            "this journal is not encrypted, so every entry would be readable at {remote}. Nothing was changed. \
             To send it anyway, add --yes; to encrypt it first: tend encrypt"
        )));
    }
    if !crate::ask::confirm(app.color, &question, false)? {
        return Err(crate::fail::Fail::usage(
            "nothing was sent and nothing was changed. tend encrypt first, if you like, then tend sync init again",
        ));
    }
    Ok(())
}

fn sync(app: &App) -> Result<()> {
    let j = &app.journal;
    let git = Git::new(&j.root)?;
    if !git::is_repository(j) {
        return Err(crate::fail::Fail::usage(
            "this journal is not set up for sync yet: tend sync init REMOTE sets it up",
        ));
    }
    git::commit_pending(j)?;
    let Ok(url) = git.line(["remote", "get-url", REMOTE]) else {
        return Err(crate::fail::Fail::usage(
            "every change is committed here, but there is no remote to sync with yet: tend sync init REMOTE adds one",
        ));
    };
    if !j.is_encrypted()? && git.line(["config", "--get", PLAIN_OK]).ok().as_deref() != Some(&url) {
        return Err(crate::fail::Fail::usage(format!(
            "this journal is not encrypted, and sending it in the clear to {url} was not confirmed; nothing was sent. \
             tend sync init {url} asks, or tend encrypt first"
        )));
    }
    let branch = git.line(["symbolic-ref", "--short", "HEAD"])?;
    let theirs = format!("{REMOTE}/{branch}");
    let mut came_in = 0;
    for attempt in 0..2 {
        fetch(&git, &url)?;
        if git.ok(["rev-parse", "-q", "--verify", &theirs]) {
            came_in += merge(app, &git, &theirs)?;
        }
        let went = if git.ok(["rev-parse", "-q", "--verify", &theirs]) {
            entries_in(&git, &format!("{theirs}...HEAD"))?
        } else {
            entries_in(&git, "HEAD")?
        };
        let push = git.output([
            "push",
            "-q",
            "-u",
            REMOTE,
            &format!("HEAD:refs/heads/{branch}"),
        ])?;
        if push.status.success() {
            outln!(
                "Synced with {url}: {} came in, {} went out.",
                plural(came_in, "entry", "entries"),
                plural(went, "entry", "entries")
            );
            return Ok(());
        }
        if attempt == 1 {
            anyhow::bail!(
                "could not send the journal to {url} ({}). Everything is committed here and goes at the next tend sync.",
                String::from_utf8_lossy(&push.stderr).trim()
            );
        }
        // The remote moved meanwhile: fetch and merge once more, then push.
    }
    unreachable!("the loop returns or fails on its second round")
}

fn fetch(git: &Git, url: &str) -> Result<()> {
    let out = git.output(["fetch", "-q", REMOTE])?;
    if !out.status.success() {
        anyhow::bail!(
            "could not reach {url} ({}). Everything is committed here and goes at the next tend sync.",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

/// How many entry files differ across `range` (`git diff` form).
fn entries_in(git: &Git, range: &str) -> Result<usize> {
    let paths = if range == "HEAD" {
        let out = git.run([
            "ls-tree",
            "-r",
            "--name-only",
            "-z",
            "HEAD",
            "--",
            "entries",
        ])?;
        out.split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect()
    } else {
        git.changed(range)?
    };
    Ok(paths
        .iter()
        .filter(|p| git::entry_name(p).is_some())
        .count())
}

/// Merges what came in (never a rebase); on a conflict, aborts the merge so
/// both sides stay as they were, and says which entries. Returns how many
/// entries came in.
fn merge(app: &App, git: &Git, theirs: &str) -> Result<usize> {
    let j = &app.journal;
    let incoming = entries_in(git, &format!("HEAD...{theirs}"))?;
    if git.ok(["merge-base", "--is-ancestor", theirs, "HEAD"]) {
        return Ok(0);
    }
    let _lock = j.lock()?;
    // git's merge follows a deleted entry into the trash (as a rename) and
    // applies the other side's edit there, quietly: tend looks for an entry
    // deleted on one side and changed on the other itself, and merges nothing.
    let base = git.line(["merge-base", "HEAD", theirs])?;
    let one_way = |deleted: &str, edited: &str| -> Result<Vec<String>> {
        let gone = git.changed_filtered("D", &format!("{base}..{deleted}"))?;
        let changed = git.changed_filtered("M", &format!("{base}..{edited}"))?;
        Ok(gone.into_iter().filter(|p| changed.contains(p)).collect())
    };
    let mut conflicted = one_way(theirs, "HEAD")?;
    conflicted.extend(one_way("HEAD", theirs)?);
    let out = if conflicted.is_empty() {
        Some(git.output(["merge", "-q", "--no-edit", "--no-verify", theirs])?)
    } else {
        None
    };
    if out.as_ref().is_none_or(|o| !o.status.success()) {
        if out.is_some() {
            conflicted = git.changed_conflicts().unwrap_or_default();
            let _ = git.run(["merge", "--abort"]);
        }
        let names: Vec<String> = conflicted
            .iter()
            .map(|p| git::entry_name(p).unwrap_or_else(|| p.clone()))
            .collect();
        anyhow::bail!(
            "the same {} changed on both computers, or deleted on one and changed on the other ({}), and tend cannot put the two together yet. \
             Nothing was lost: this computer's version is here as it was, and the other is still at the remote. \
             Make one side match the other (tend show, tend edit, tend restore), then tend sync again.",
            if names.len() == 1 {
                "entry was"
            } else {
                "entries were"
            },
            names.join(", ")
        );
    }
    // The index notices changed files by their times; it is brought up to
    // date now so the next command does not wait for it.
    if !j.is_encrypted()? {
        let _ =
            crate::journal::index::Index::open(j, crate::journal::index::Depth::Quick, &app.now);
    }
    Ok(incoming)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

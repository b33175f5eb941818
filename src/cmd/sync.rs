//! `tend sync init [REMOTE]` and `tend sync`: one journal on two computers,
//! through the installed git (issue 15). Every change is already a commit
//! (see `git::commit_pending`); sync fetches, merges (never rebases), pushes,
//! and on a merge it cannot finish, puts everything back as it was.

use std::collections::BTreeSet;
use std::fs;

use anyhow::Result;

use crate::app::App;
use crate::cli::{SyncArgs, SyncCommand};
use crate::git::{self, Git, REMOTE};
use crate::journal::Journal;
use crate::journal::store::{Mode, private_dir, write_atomic};
use crate::journal::trash::Why;

mod merge;

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
            git::reason(&out.stderr)
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
    {
        let _lock = j.lock()?;
        if git.merging() {
            // A sync interrupted mid-merge: that merge is taken back (it was
            // never committed) and this sync does it again from the start.
            recover(&git)?;
            outln!(
                "A merge left unfinished by an interrupted sync was taken back; this sync does it again."
            );
        }
        git::commit_locked(&git)?;
    }
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
                git::reason(&push.stderr)
            );
        }
        // The remote moved meanwhile: fetch and merge once more, then push.
    }
    unreachable!("the loop returns or fails on its second round")
}

/// Takes back a merge that was never committed: git's own abort, which
/// leaves changes made since (not part of the merge) where they are.
fn recover(git: &Git) -> Result<()> {
    let merge_head = git.ok(["rev-parse", "-q", "--verify", "MERGE_HEAD"]);
    let out = if merge_head {
        git.output(["merge", "--abort"])?
    } else {
        git.output(["reset", "-q", "--merge"])?
    };
    if !out.status.success() || git.merging() {
        anyhow::bail!(
            "a merge left unfinished by an interrupted sync is still in the journal folder, and tend could not take it back safely \
             (git said: {}). Nothing was changed. In the journal folder, `git status` shows what is there; `git merge --abort` takes the merge back.",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}

fn fetch(git: &Git, url: &str) -> Result<()> {
    let out = git.output(["fetch", "-q", REMOTE])?;
    if !out.status.success() {
        anyhow::bail!(
            "could not reach {url} ({}). Everything is committed here and goes at the next tend sync.",
            git::reason(&out.stderr)
        );
    }
    Ok(())
}

/// How many entry files differ across `range` (`git diff` form).
fn entries_in(git: &Git, range: &str) -> Result<usize> {
    let paths = if range == "HEAD" {
        git.files("HEAD", "entries")?
    } else {
        git.changed(range)?
    };
    Ok(paths
        .iter()
        .filter(|p| git::entry_name(p).is_some())
        .count())
}

/// Brings in what came from the other computer (never a rebase): a fast
/// forward when only the other side moved, else tend's own merge (see
/// `merge`), which decides what both sides changed. Tells the leader what
/// was decided, here and at the next command. Returns how many entries
/// came in.
fn merge(app: &App, git: &Git, theirs: &str) -> Result<usize> {
    let j = &app.journal;
    let incoming = entries_in(git, &format!("HEAD...{theirs}"))?;
    if git.ok(["merge-base", "--is-ancestor", theirs, "HEAD"]) {
        return Ok(0);
    }
    let before = git.line(["rev-parse", "HEAD"])?;
    let mut notes = if git.ok(["merge-base", "--is-ancestor", "HEAD", theirs]) {
        let _lock = j.lock()?;
        git.run(["merge", "-q", "--ff-only", theirs])?;
        Vec::new()
    } else {
        merge::merge(app, git, theirs)?
    };
    notes.extend(decided_elsewhere(app, git, &before, theirs)?);
    if !notes.is_empty() {
        for n in &notes {
            outln!("{n}");
        }
        git::leave_notes(j, &notes)?;
    }
    // The index notices changed files by their times; it is brought up to
    // date now so the next command does not wait for it.
    if !j.is_encrypted()? {
        let _ =
            crate::journal::index::Index::open(j, crate::journal::index::Depth::Quick, &app.now);
    }
    Ok(incoming)
}

/// What the other computer's sync decided and this one now receives: an
/// entry's version kept in the trash as "not applied", or an entry deleted
/// here and brought back because it was changed there.
fn decided_elsewhere(app: &App, git: &Git, before: &str, theirs: &str) -> Result<Vec<String>> {
    let base = git.line(["merge-base", before, theirs])?;
    let mut notes = Vec::new();
    let identity = "key/identity.age";
    if git.blob(before, identity)? != git.blob("HEAD", identity)? {
        notes.push(
            "The journal's keys (key/identity.age) were changed on the other computer: the passphrase set there opens the journal here now."
                .to_string(),
        );
    }
    // Looked up in two listings, not a git run per entry: a first sync can
    // bring in years of entries.
    let deleted = format!("-{}", Why::Deleted.as_str());
    let trashed_here: BTreeSet<String> = git
        .files("HEAD", "trash/entries")?
        .into_iter()
        .filter(|p| p.rsplit('/').next().is_some_and(|f| f.contains(&deleted)))
        .filter_map(|p| p.split('/').nth(2).map(str::to_string))
        .collect();
    let there_before: BTreeSet<String> = git.files(before, "entries")?.into_iter().collect();
    for (state, path) in git.changes(&base, theirs)? {
        if state != b'A' {
            continue;
        }
        if let Some(rest) = path.strip_prefix("trash/entries/") {
            let Some((id, file)) = rest.split_once('/') else {
                continue;
            };
            if file.contains(&format!("-{}", Why::Unapplied.as_str())) {
                let handle = crate::journal::id::handle(id);
                notes.push(format!(
                    "From the other computer: a version of {handle} that was not applied is in the trash ({}). \
                     `tend restore {handle}` puts it in place (the version there now goes to the trash; nothing is lost).",
                    app.journal.root.join(&path).display()
                ));
            }
        } else if let Some(name) = git::entry_name(&path) {
            // Deleted here (its deleted copy is still in this trash) and back
            // now: the other computer changed it meanwhile.
            let id = path.rsplit('/').next().and_then(|f| f.split('.').next());
            if id.is_some_and(|id| trashed_here.contains(id)) && !there_before.contains(&path) {
                notes.push(format!(
                    "{name}, deleted here, was changed on the other computer, so it is back in place with that change. \
                     The deleted copy is still in the trash."
                ));
            }
        }
    }
    Ok(notes)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

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
        let _ = crate::synced::record(j, &git, &app.now);
        outln!("The journal is at {remote} now. On another computer: tend sync init {remote}");
        return Ok(());
    }
    join(app, remote, &heads, yes)
}

/// A remote that holds a journal: this computer joins it. An empty (or
/// missing) journal folder takes the remote's journal as it is; one with
/// entries of its own is put together with it ([`join_both`]).
fn join(app: &App, remote: &str, heads: &str, yes: bool) -> Result<()> {
    let j = &app.journal;
    let branch = heads
        .lines()
        .find_map(|l| l.strip_prefix("ref: refs/heads/")?.split('\t').next())
        .unwrap_or("main")
        .to_string();
    let both = has_journal(j);
    let before = Before::of(j);
    let git = set_up_repository(j)?;
    let theirs = format!("{REMOTE}/{branch}");
    let done = (|| -> Result<bool> {
        point_at(&git, remote)?;
        git.run(["fetch", "-q", REMOTE])?;
        let tree = git.run(["ls-tree", "--name-only", "-z", &theirs])?;
        let names: Vec<&[u8]> = tree.split(|b| *b == 0).collect();
        let ignore = git.output(["show", &format!("{theirs}:.gitignore")])?;
        if !names.contains(&&b"entries"[..]) && !ignore.stdout.starts_with(b"# tend journal") {
            anyhow::bail!(
                "{remote} holds something other than a tend journal, so tend leaves it alone and nothing was changed here"
            );
        }
        if both {
            join_both(app, &git, remote, &theirs, &branch, yes)
        } else {
            git.run(["checkout", "-q", "-B", "main", "--track", &theirs])?;
            Ok(false)
        }
    })();
    let their_keys = match done {
        Ok(took) => took,
        Err(e) => {
            before.put_back(j, &git);
            return Err(e);
        }
    };
    if !j.is_encrypted()? {
        git.run(["config", PLAIN_OK, remote])?;
    }
    if git.line(["rev-parse", "HEAD"])? == git.line(["rev-parse", &theirs])? {
        let _ = crate::synced::record(j, &git, &app.now);
    }
    let count = git.run(["ls-files", "-z", "--", "entries"])?;
    let entries = count.split(|b| *b == 0).filter(|p| !p.is_empty()).count();
    if their_keys {
        // The index waits for the next command, which asks for the
        // passphrase that opens the journal now.
        outln!(
            "The two journals had the same keys under different passphrases: from now on the passphrase used at {remote} opens this one too."
        );
    } else if both {
        refresh_index(app);
    }
    if both {
        outln!(
            "Put this journal together with the one at {remote}: {} here and there now. Every change is committed as it is saved; tend sync exchanges them.",
            plural(entries, "entry", "entries")
        );
    } else {
        outln!(
            "Joined the journal at {remote}: {} here now. Every change is committed as it is saved; tend sync exchanges them.",
            plural(entries, "entry", "entries")
        );
    }
    Ok(())
}

/// What the journal folder was before a join, so a join that cannot finish
/// leaves it exactly so: the repository (if there was none, the one made is
/// taken away again), tend's two git files, and the remote.
struct Before {
    repository: bool,
    files: Vec<(&'static str, Option<Vec<u8>>)>,
    remote: Option<String>,
}

impl Before {
    fn of(j: &Journal) -> Before {
        let repository = git::is_repository(j);
        let remote = repository
            .then(|| {
                Git::new(&j.root)
                    .ok()?
                    .line(["remote", "get-url", REMOTE])
                    .ok()
            })
            .flatten();
        Before {
            repository,
            files: [".gitignore", ".gitattributes"]
                .into_iter()
                .map(|name| (name, fs::read(j.root.join(name)).ok()))
                .collect(),
            remote,
        }
    }

    fn put_back(&self, j: &Journal, git: &Git) {
        if fs::symlink_metadata(j.root.join(".git/MERGE_HEAD")).is_ok() {
            let _ = git.run(["merge", "--abort"]);
        }
        if self.repository {
            // Its history keeps what was committed (this journal's own
            // files, nothing of the remote's); only the remote is as it was.
            let _ = match &self.remote {
                Some(url) => git.run(["remote", "set-url", REMOTE, url]),
                None => git.run(["remote", "remove", REMOTE]),
            };
            return;
        }
        // Only what this command made a moment ago is taken away.
        let _ = fs::remove_dir_all(j.root.join(".git"));
        for (name, bytes) in &self.files {
            let path = j.root.join(name);
            let _ = match bytes {
                Some(b) => write_atomic(&path, b, Mode::Replace),
                None => fs::remove_file(&path).map_err(Into::into),
            };
        }
    }
}

/// Two journals with entries of their own become one: the histories are
/// unrelated, but every entry has its own id (and file), so a merge keeps
/// every entry from both. Both must be plain, or both encrypted with the
/// same journal key. Where both have a file at the same path with other
/// bytes, tend's own `.gitignore` and `.gitattributes` are kept, and in an
/// encrypted journal the remote's key files (the same keys, perhaps under
/// another passphrase); anything else stops the join with both as they were.
/// True when the remote's key files were taken.
fn join_both(
    app: &App,
    git: &Git,
    remote: &str,
    theirs: &str,
    branch: &str,
    yes: bool,
) -> Result<bool> {
    let j = &app.journal;
    let ours_encrypted = j.is_encrypted()?;
    let shown = |path: &str| git.blob(theirs, path).ok().flatten();
    let theirs_encrypted = shown("key/journal.toml")
        .and_then(|b| toml::from_str::<toml::Table>(&String::from_utf8_lossy(&b)).ok())
        .and_then(|t| t.get("encrypted")?.as_bool())
        .unwrap_or(false);
    let here = j.root.display();
    match (ours_encrypted, theirs_encrypted) {
        (false, true) => anyhow::bail!(
            "this journal ({here}) is not encrypted and the one at {remote} is, so tend will not put them together; nothing was changed. \
             To bring these entries over: join {remote} from an empty folder (tend --dir NEW-FOLDER sync init {remote}), \
             copy this journal's entries folder into NEW-FOLDER, then tend --dir NEW-FOLDER encrypt seals them and tend --dir NEW-FOLDER sync sends them."
        ),
        (true, false) => anyhow::bail!(
            "this journal ({here}) is encrypted and the one at {remote} is not, so tend will not put them together; nothing was changed. \
             To join them, tend decrypt here first (and encrypt again once they are one, before the next sync init), \
             or join {remote} from an empty folder and copy the entries over."
        ),
        (true, true) => {
            let ours = fs::read(j.root.join("key/recipients.txt")).ok();
            if ours.is_none() || ours != shown("key/recipients.txt") {
                anyhow::bail!(
                    "this journal ({here}) and the one at {remote} are both encrypted, but with different keys, so they cannot be one journal; nothing was changed. \
                     To put them together: tend decrypt here, join {remote} from an empty folder (tend --dir NEW-FOLDER sync init {remote}), \
                     copy this journal's entries folder into NEW-FOLDER, then tend --dir NEW-FOLDER encrypt seals them with the shared key."
                );
            }
        }
        (false, false) => confirm_plain(app, remote, yes)?,
    }
    let _lock = j.lock()?;
    write_git_files(j)?;
    git::commit_locked(git)?;
    // Where both have the branch under another name, the remote's wins.
    if git.line(["symbolic-ref", "--short", "HEAD"])? != branch {
        git.run(["branch", "-M", branch])?;
    }
    let mut their_keys = false;
    let merged = git.output([
        "merge",
        "-q",
        "--no-edit",
        "--no-verify",
        "--allow-unrelated-histories",
        theirs,
    ])?;
    if !merged.status.success() {
        let out = git.run(["diff", "--name-only", "--diff-filter=U", "-z"])?;
        let conflicts: Vec<String> = out
            .split(|b| *b == 0)
            .filter(|p| !p.is_empty())
            .map(|p| String::from_utf8_lossy(p).into_owned())
            .collect();
        if conflicts.is_empty() {
            anyhow::bail!(
                "git could not merge the two journals ({}); nothing was changed",
                git::reason(&merged.stderr)
            );
        }
        let (resolved, other): (Vec<&String>, Vec<&String>) = conflicts.iter().partition(|p| {
            *p == ".gitignore"
                || *p == ".gitattributes"
                || (ours_encrypted && p.starts_with("key/"))
        });
        if !other.is_empty() {
            let names: Vec<String> = other
                .iter()
                .map(|p| git::entry_name(p).unwrap_or_else(|| p.to_string()))
                .collect();
            anyhow::bail!(
                "both journals have {} with different contents ({}), so tend cannot tell which to keep; nothing was changed here or at {remote}. \
                 Were they copies of one journal once? Make the two match (or move one aside), then tend sync init {remote} again.",
                if names.len() == 1 { "a file" } else { "files" },
                names.join(", ")
            );
        }
        their_keys = resolved.iter().any(|p| p.starts_with("key/"));
        for path in resolved {
            let side = if path.starts_with("key/") {
                "--theirs"
            } else {
                "--ours"
            };
            git.run(["checkout", side, "--", path])?;
            git.run(["add", "--", path])?;
        }
        git.run(["commit", "-q", "--no-edit", "--no-verify"])?;
    }
    git.run(["branch", "-q", "--set-upstream-to", theirs])?;
    let push = git.output([
        "push",
        "-q",
        "-u",
        REMOTE,
        &format!("HEAD:refs/heads/{branch}"),
    ])?;
    if !push.status.success() {
        // Both journals are one here already; the next tend sync sends it.
        errln!(
            "tend: put together here, but not sent to {remote} yet ({}); tend sync sends it.",
            git::reason(&push.stderr)
        );
    }
    Ok(their_keys)
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
    write_git_files(j)?;
    Ok(git)
}

/// tend's `.gitignore` and `.gitattributes`, as every journal has them.
fn write_git_files(j: &Journal) -> Result<()> {
    for (name, text) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        write_atomic(&j.root.join(name), text.as_bytes(), Mode::Replace)?;
    }
    Ok(())
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
    let done = exchange(app)?;
    outln!("{}", done.line());
    Ok(())
}

/// What one exchange did, for its one line.
struct Exchanged {
    url: String,
    came_in: usize,
    went: usize,
}

impl Exchanged {
    fn line(&self) -> String {
        format!(
            "Synced with {}: {} came in, {} went out.",
            self.url,
            plural(self.came_in, "entry", "entries"),
            plural(self.went, "entry", "entries")
        )
    }
}

/// The journal's repository, the remote's address and the branch, once
/// sync may go ahead: a repository, a remote, and for a plain journal the
/// leader's yes to sending it there. Anything not yet committed is
/// committed first when `commit` says so (a pull before a check-in skips
/// it: every command commits as it ends, and `git status` costs a noticeable
/// moment in a large journal).
fn ready(app: &App, commit: bool) -> Result<(Git, String, String)> {
    let j = &app.journal;
    let git = Git::new(&j.root)?;
    if !git::is_repository(j) {
        return Err(crate::fail::Fail::usage(
            "this journal is not set up for sync yet: tend sync init REMOTE sets it up",
        ));
    }
    if commit {
        let _lock = j.lock()?;
        git.clear_stale_lock()?;
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
    Ok((git, url, branch))
}

/// `tend sync` without its printing: commit, fetch, merge, push (once more
/// if the remote moved meanwhile), then record the sync and bring the index
/// up to date with what came in.
fn exchange(app: &App) -> Result<Exchanged> {
    let j = &app.journal;
    let (git, url, branch) = ready(app, true)?;
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
            // Only status and doctor read the record; a sync that worked
            // is not made to fail by it.
            let _ = crate::synced::record(j, &git, &app.now);
            if came_in > 0 {
                refresh_index(app);
            }
            return Ok(Exchanged { url, came_in, went });
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

/// After entries came in: the index, and `index/status.json` that `tend
/// status` and the greeting read without unlocking, are brought up to date
/// now. `merge` does it for a plain journal; an encrypted one needs the key,
/// asked for the way every command asks (the keyring cache, the passphrase
/// command, or the prompt). Without it, the sync still stands: the next
/// command that opens the journal catches the index up.
fn refresh_index(app: &App) {
    let j = &app.journal;
    if !j.is_encrypted().unwrap_or(false) {
        return;
    }
    match j.unlocked() {
        Ok(_) => {
            let _ = crate::journal::index::Index::open(
                j,
                crate::journal::index::Depth::Quick,
                &app.now,
            );
        }
        Err(e) => errln!(
            "tend: what came in is here, but the index waits for the passphrase ({}); the next command that opens the journal brings it up to date.",
            one_line(&e)
        ),
    }
}

/// `sync = "auto"`, before a check-in: what the other computer sent is
/// fetched and merged (nothing is sent yet), so follow-ups and "checked in
/// today" are true. Anything that goes wrong is one line on stderr and the
/// check-in carries on with what is here; false then, and nothing is tried
/// after the check-in either, so a network that is down says so once.
pub fn pull_before(app: &App) -> bool {
    let pulled = (|| -> Result<usize> {
        let (git, url, branch) = ready(app, false)?;
        let theirs = format!("{REMOTE}/{branch}");
        fetch(&git, &url)?;
        // Level with the remote (nothing new on either side, or a
        // fast-forward): that is a finished sync as much as `tend sync` is.
        // One git run tells, so the usual case costs no more.
        let level = || {
            git.run(["rev-parse", "HEAD", &theirs]).is_ok_and(|ids| {
                ids.split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
                    == 1
            })
        };
        if level() {
            let _ = crate::synced::record(&app.journal, &git, &app.now);
            return Ok(0);
        }
        if !git.ok(["rev-parse", "-q", "--verify", &theirs]) {
            return Ok(0);
        }
        let came_in = merge(app, &git, &theirs)?;
        if level() {
            let _ = crate::synced::record(&app.journal, &git, &app.now);
        }
        Ok(came_in)
    })();
    match pulled {
        Ok(n) => {
            if n > 0 {
                errln!(
                    "{} came in from the other computer.",
                    plural(n, "entry", "entries")
                );
                refresh_index(app);
            }
            true
        }
        Err(e) => {
            errln!(
                "tend: could not sync before this check-in (it is kept here as usual): {}",
                one_line(&e)
            );
            false
        }
    }
}

/// `sync = "auto"`, after a command that saved something: the same
/// exchange as `tend sync`. What was saved stays saved and committed here
/// whatever happens; a failure is one line on stderr, never an error.
pub fn send_after(app: &App) {
    match exchange(app) {
        Ok(done) => errln!("{}", done.line()),
        Err(e) => errln!("tend: saved here, not sent yet: {}", one_line(&e)),
    }
}

/// An error as one line, for a warning that must stay one line.
fn one_line(e: &anyhow::Error) -> String {
    format!("{e:#}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
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

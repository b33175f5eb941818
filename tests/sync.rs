//! Sync through git (issue 15), all offline: two journal folders ("two
//! computers") and a bare repository on local disk, with HOME and git's
//! global config inside a temporary folder.
// sh for the passphrase command, Unix paths on PATH.
#![cfg(unix)]

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command as Std;

use tempfile::TempDir;

const CANARY: &str = "CANARY-sync-5d1";

struct World {
    tmp: TempDir,
}

impl World {
    fn new() -> World {
        let w = World {
            tmp: TempDir::new().unwrap(),
        };
        fs::write(w.path("gitconfig"), "").unwrap();
        fs::write(w.path("pass"), "lantern orchard quietly\n").unwrap();
        let out = w.git(w.tmp.path(), &["init", "-q", "--bare", "remote.git"]);
        assert!(out.status.success());
        w
    }
    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }
    fn remote(&self) -> String {
        self.path("remote.git").display().to_string()
    }
    fn tend(&self, machine: &str) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("tend").unwrap();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TEND_DIR", self.path(machine))
            .env("TEND_CONFIG", self.path("config.toml"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("COLUMNS", "200")
            .env("TEND_TEST_WORK_FACTOR", "2")
            .env(
                "TEND_PASSPHRASE_COMMAND",
                format!("cat '{}'", self.path("pass").display()),
            );
        c
    }
    fn run(&self, machine: &str, args: &[&str]) -> std::process::Output {
        self.tend(machine).args(args).output().unwrap()
    }
    fn ok(&self, machine: &str, args: &[&str]) -> String {
        let out = self.run(machine, args);
        assert!(
            out.status.success(),
            "tend {args:?} on {machine} failed: {}",
            common::stderr(&out)
        );
        common::stdout(&out)
    }
    fn git(&self, dir: &Path, args: &[&str]) -> std::process::Output {
        Std::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("HOME", self.tmp.path())
            .env("GIT_CONFIG_GLOBAL", self.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap()
    }
    fn git_text(&self, dir: &Path, args: &[&str]) -> String {
        let out = self.git(dir, args);
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            common::stderr(&out)
        );
        common::stdout(&out)
    }
    /// Machine a with one note, sent to the remote; machine b joined.
    fn two_machines(&self) {
        self.ok("a", &["note", "first from a"]);
        self.ok("a", &["sync", "init", &self.remote(), "--yes"]);
        let joined = self.ok("b", &["sync", "init", &self.remote()]);
        assert!(joined.contains("Joined the journal"), "{joined}");
    }
    fn entry_files(&self, machine: &str) -> Vec<PathBuf> {
        let mut files = Vec::new();
        common::walk(&self.path(machine).join("entries"), &mut files);
        files.sort();
        files
    }
}

#[test]
fn check_ins_on_both_machines_merge_and_both_lists_show_both() {
    let w = World::new();
    w.two_machines();
    w.ok("a", &["note", "second from a"]);
    w.ok("b", &["note", "one from b"]);
    let b = w.ok("b", &["sync"]);
    assert!(b.contains("0 entries came in, 1 entry went out"), "{b}");
    let a = w.ok("a", &["sync"]);
    assert!(a.contains("1 entry came in, 1 entry went out"), "{a}");
    w.ok("b", &["sync"]);
    for machine in ["a", "b"] {
        let list = w.ok(machine, &["list"]);
        for text in ["first from a", "second from a", "one from b"] {
            assert!(list.contains(text), "{machine} lacks {text}: {list}");
        }
        let dir = w.path(machine);
        let files = w.git_text(&dir, &["ls-files"]);
        assert!(files.contains("entries/"), "{files}");
        for line in files.lines() {
            assert!(
                !line.starts_with("index/") && !line.starts_with("drafts/") && line != ".lock",
                "{machine} commits {line}"
            );
        }
        // Every commit is by tend, with no e-mail, and no words of an entry.
        let log = w.git_text(&dir, &["log", "--format=%an <%ae> %s"]);
        for line in log.lines() {
            assert!(line.starts_with("tend <> "), "{line}");
            assert!(!line.contains("from"), "entry text in a commit: {line}");
        }
        assert!(log.contains("tend: add 20"), "{log}");
        let status = w.git_text(&dir, &["status", "--porcelain"]);
        assert_eq!(status, "", "{machine} has uncommitted changes");
    }
}

#[test]
fn a_draft_in_progress_and_the_index_are_never_committed() {
    let w = World::new();
    w.two_machines();
    // A draft and the index exist on a: a check-in was started, `list` ran.
    fs::create_dir_all(w.path("a").join("drafts")).unwrap();
    fs::write(w.path("a").join("drafts/x.toml"), "draft").unwrap();
    w.ok("a", &["list"]);
    assert!(w.path("a").join("index").exists());
    w.ok("a", &["note", "with a draft about"]);
    w.ok("a", &["sync"]);
    let files = w.git_text(
        &w.path("remote.git"),
        &["ls-tree", "-r", "--name-only", "main"],
    );
    assert!(files.contains("entries/"), "{files}");
    assert!(
        !files.contains("index/") && !files.contains("drafts/"),
        "{files}"
    );
}

#[test]
fn a_global_autocrlf_changes_no_byte() {
    let w = World::new();
    fs::write(w.path("gitconfig"), "[core]\n\tautocrlf = true\n").unwrap();
    w.ok("a", &["note", "line one\nline two"]);
    w.ok("a", &["sync", "init", &w.remote(), "--yes"]);
    w.ok("b", &["sync", "init", &w.remote()]);
    w.ok("b", &["note", "from b\nin two lines"]);
    w.ok("b", &["sync"]);
    w.ok("a", &["sync"]);
    let (a, b) = (w.entry_files("a"), w.entry_files("b"));
    assert_eq!(a.len(), 2);
    assert_eq!(b.len(), 2);
    for (fa, fb) in a.iter().zip(&b) {
        let (ba, bb) = (fs::read(fa).unwrap(), fs::read(fb).unwrap());
        assert_eq!(ba, bb, "{} differs", fa.display());
        assert!(!ba.contains(&b'\r'), "{} gained a CR", fa.display());
    }
}

#[test]
fn a_conflicting_edit_aborts_the_merge_and_loses_nothing() {
    let w = World::new();
    w.two_machines();
    let a_file = w.entry_files("a").remove(0);
    let b_file = w.entry_files("b").remove(0);
    let edit = |file: &Path, words: &str| {
        let text = fs::read_to_string(file).unwrap();
        fs::write(file, text.replace("first from a", words)).unwrap();
    };
    edit(&b_file, "edited on b");
    w.ok("b", &["sync"]);
    edit(&a_file, "edited on a");
    let a_before = fs::read(&a_file).unwrap();
    let out = w.run("a", &["sync"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("changed on both computers"), "{err}");
    assert!(err.contains("Nothing was lost"), "{err}");
    let handle = a_file.file_stem().unwrap().to_str().unwrap();
    let handle = handle
        .split('.')
        .next()
        .unwrap()
        .rsplit('-')
        .next()
        .unwrap();
    assert!(err.contains(handle), "the message names the entry: {err}");
    // Both sides as they were: a's edit in place, b's at the remote, no
    // half-finished merge.
    assert_eq!(fs::read(&a_file).unwrap(), a_before);
    let dir = w.path("a");
    assert!(!dir.join(".git/MERGE_HEAD").exists());
    assert_eq!(w.git_text(&dir, &["status", "--porcelain"]), "");
    let theirs = w.git_text(&w.path("remote.git"), &["log", "-p", "main"]);
    assert!(theirs.contains("edited on b"));
    assert!(w.ok("a", &["list"]).contains("edited on a"));
}

#[test]
fn deleted_on_one_edited_on_the_other_aborts_and_loses_nothing() {
    let w = World::new();
    w.two_machines();
    let a_file = w.entry_files("a").remove(0);
    let id = a_file.file_stem().unwrap().to_str().unwrap().to_string();
    let handle = id.rsplit('-').next().unwrap().to_string();
    w.ok("b", &["delete", &handle, "--yes"]);
    w.ok("b", &["sync"]);
    let text = fs::read_to_string(&a_file).unwrap();
    fs::write(&a_file, text.replace("first from a", "edited on a")).unwrap();
    let out = w.run("a", &["sync"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("Nothing was lost") && err.contains(&handle),
        "{err}"
    );
    assert!(fs::read_to_string(&a_file).unwrap().contains("edited on a"));
    assert!(!w.path("a").join(".git/MERGE_HEAD").exists());
    // b's deletion is in b's trash, as it was.
    assert!(w.ok("b", &["trash"]).contains("first from a"));
}

#[test]
fn without_git_on_path_the_message_is_plain() {
    let w = World::new();
    w.ok("a", &["note", "kept"]);
    let empty = w.path("nogit");
    fs::create_dir_all(&empty).unwrap();
    for args in [vec!["sync", "init"], vec!["sync"]] {
        let out = w
            .tend("a")
            .env("PATH", &empty)
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = common::stderr(&out);
        assert!(err.contains("git was not found"), "{err}");
        assert!(!w.path("a").join(".git").exists());
    }
}

#[test]
fn a_plain_journal_is_not_sent_without_a_yes() {
    let w = World::new();
    w.ok("a", &["note", "not to be sent"]);
    let out = w.run("a", &["sync", "init", &w.remote()]);
    assert_eq!(out.status.code(), Some(2));
    let err = common::stderr(&out);
    assert!(
        err.contains("not encrypted") && err.contains("--yes"),
        "{err}"
    );
    assert!(!w.path("a").join(".git").exists(), "nothing changed");
    let objects = w.git_text(&w.path("remote.git"), &["count-objects"]);
    assert!(objects.starts_with("0 objects"), "{objects}");
}

#[test]
fn an_encrypted_journal_pushes_no_plaintext() {
    let w = World::new();
    w.ok("a", &["note", &format!("before encrypting {CANARY}")]);
    let recovery = w.path("recovery.txt");
    w.ok(
        "a",
        &["encrypt", "--recovery-key-out", recovery.to_str().unwrap()],
    );
    // No --yes: an encrypted journal needs no confirmation.
    w.ok("a", &["sync", "init", &w.remote()]);
    w.ok("b", &["sync", "init", &w.remote()]);
    w.ok("b", &["note", &format!("from b {CANARY}")]);
    w.ok("b", &["sync"]);
    w.ok("a", &["sync"]);
    assert!(w.ok("a", &["list"]).contains("from b"));
    let files = w.git_text(&w.path("a"), &["ls-files"]);
    assert!(files.contains("key/"), "key files are shared: {files}");
    assert!(!files.contains("index/"), "{files}");
    let all = w.git(
        &w.path("remote.git"),
        &["cat-file", "--batch-all-objects", "--batch"],
    );
    assert!(all.status.success());
    assert!(all.stdout.len() > 1000, "the remote holds the journal");
    let canary = CANARY.as_bytes();
    assert!(
        !all.stdout.windows(canary.len()).any(|w| w == canary),
        "plaintext reached the remote"
    );
}

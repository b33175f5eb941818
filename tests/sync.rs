//! Sync through git (issue 15), all offline: two journal folders ("two
//! computers") and a bare repository on local disk, with HOME and git's
//! global config inside a temporary folder.
// sh for the passphrase command, Unix paths on PATH.
#![cfg(unix)]

mod common;

use std::fs;

use common::sync::World;

const CANARY: &str = "CANARY-sync-5d1";

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

//! Sync through git, day to day (issue 15 §1 and §2): `sync = "auto"`
//! around a check-in, what `status` and `doctor` say about changes not sent
//! yet, the index after what came in, joining two journals that both have
//! entries, and a new passphrase reaching the other computer. All offline:
//! two journal folders and a bare repository on local disk.
// sh for the passphrase command, Unix paths on PATH.
#![cfg(unix)]

mod common;

use std::fs;

use common::sync::World;
use common::{stderr, stdout};

const ANSWERS: &str = "motivation = 6\nattend = \"A calm handover with the night team\"\n";

fn check_in(w: &World, machine: &str) -> std::process::Output {
    let answers = w.path(&format!("answers-{machine}.toml"));
    fs::write(&answers, ANSWERS).unwrap();
    w.run(
        machine,
        &["checkin", "--answers", answers.to_str().unwrap()],
    )
}

fn status_json(w: &World, machine: &str) -> serde_json::Value {
    serde_json::from_str(&w.ok(machine, &["status", "--format", "json"])).unwrap()
}

#[test]
fn auto_brings_in_before_a_check_in_and_sends_it_after() {
    let w = World::new();
    w.two_machines();
    w.config("sync = \"auto\"\n");
    // A note on b is sent as it is saved.
    let out = w.run("b", &["note", "a word from b"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("1 entry went out"),
        "{}",
        stderr(&out)
    );
    // a's check-in first brings in b's note, then sends itself.
    let out = check_in(&w, "a");
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("1 entry came in from the other computer"),
        "{err}"
    );
    assert!(err.contains("1 entry went out"), "{err}");
    assert!(w.ok("a", &["list"]).contains("a word from b"));
    // b, syncing by hand, sees a's check-in, and says so in its status.
    w.ok("b", &["sync"]);
    assert!(w.ok("b", &["list"]).contains("A calm handover"));
    assert_eq!(status_json(&w, "b")["checked_in_today"], true);
    assert_eq!(status_json(&w, "a")["sync"]["unsent_changes"], 0);
}

#[test]
fn auto_with_the_remote_gone_keeps_the_check_in_and_warns_in_one_line() {
    let w = World::new();
    w.two_machines();
    w.config("sync = \"auto\"\n");
    fs::rename(w.path("remote.git"), w.path("moved.git")).unwrap();
    let out = check_in(&w, "a");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with("tend: could not sync") && err.contains("tend sync"),
        "{err}"
    );
    assert!(stdout(&out).contains("entries/"), "{}", stdout(&out));
    assert_eq!(w.entry_files("a").len(), 2, "the check-in is saved");
    let dir = w.path("a");
    assert_eq!(w.git_text(&dir, &["status", "--porcelain"]), "");
    assert_eq!(status_json(&w, "a")["sync"]["unsent_changes"], 1);
    // Back again: the next tend sync sends it.
    fs::rename(w.path("moved.git"), w.path("remote.git")).unwrap();
    assert!(w.ok("a", &["sync"]).contains("1 entry went out"));
}

#[test]
fn auto_without_a_remote_or_git_never_blocks_a_check_in() {
    let w = World::new();
    w.config("sync = \"auto\"\n");
    let out = check_in(&w, "a");
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("tend sync init REMOTE"), "{err}");
    // No git at all.
    w.two_machines();
    let empty = w.path("nogit");
    fs::create_dir_all(&empty).unwrap();
    let answers = w.path("answers-a.toml");
    let out = w
        .tend("b")
        .env("PATH", &empty)
        .args(["checkin", "--answers", answers.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("git was not found"),
        "{}",
        stderr(&out)
    );
    assert_eq!(w.entry_files("b").len(), 3, "a's two and b's check-in");
}

#[test]
fn a_config_sync_value_tend_does_not_know_is_named() {
    let w = World::new();
    w.config("sync = \"always\"\n");
    let out = w.run("a", &["note", "kept back"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("sync") && err.contains("\"auto\""), "{err}");
    assert!(!w.path("a").join("entries").exists());
}

#[test]
fn status_and_doctor_say_what_is_not_sent_and_a_week_without_sync() {
    let w = World::new();
    w.ok("a", &["note", "no remote yet"]);
    assert_eq!(status_json(&w, "a")["sync"], serde_json::Value::Null);
    w.ok("a", &["sync", "init"]);
    assert_eq!(
        status_json(&w, "a")["sync"],
        serde_json::Value::Null,
        "a history but no remote: nothing to send"
    );
    w.ok("a", &["sync", "init", &w.remote(), "--yes"]);
    let s = status_json(&w, "a");
    assert_eq!(s["sync"]["unsent_changes"], 0, "{s}");
    assert_eq!(s["sync"]["stale"], false, "{s}");
    w.ok("a", &["note", "one"]);
    w.ok("a", &["note", "two"]);
    w.ok("a", &["note", "three"]);
    // status reads .git's files only: it answers without git on PATH.
    let empty = w.path("nogit");
    fs::create_dir_all(&empty).unwrap();
    let run_status = |args: &[&str]| {
        let out = w.tend("a").env("PATH", &empty).args(args).output().unwrap();
        assert!(out.status.success());
        stdout(&out)
    };
    let s: serde_json::Value =
        serde_json::from_str(&run_status(&["status", "--format", "json"])).unwrap();
    assert_eq!(s["sync"]["unsent_changes"], 3, "{s}");
    let line = run_status(&["status"]);
    assert!(
        line.contains("3 changes not sent yet — tend sync sends them"),
        "{line}"
    );
    // git's files in the journal are private too (its objects hold the
    // entries), and doctor, which checks that, finds nothing else amiss.
    let mut git_files = Vec::new();
    common::walk(&w.path("a").join(".git"), &mut git_files);
    assert!(git_files.len() > 10);
    for f in &git_files {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(f).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{} is {mode:o}", f.display());
    }
    let doctor = w.ok("a", &["doctor"]);
    assert!(
        doctor.contains("Sync: 3 changes not sent yet — tend sync sends them"),
        "{doctor}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&w.ok("a", &["doctor", "--format", "json"])).unwrap();
    assert_eq!(json["sync"]["unsent_changes"], 3, "{json}");
    w.ok("a", &["sync"]);
    assert_eq!(status_json(&w, "a")["sync"]["unsent_changes"], 0);
    assert!(!w.ok("a", &["status"]).contains("not sent"));
    // Eight days without a sync.
    let record = w.path("a").join(".git/tend-sync.toml");
    let text = fs::read_to_string(&record).unwrap();
    let when = chrono::Utc::now() - chrono::Duration::days(8);
    let old: String = text
        .lines()
        .map(|l| {
            if l.starts_with("last_sync") {
                format!("last_sync = \"{}\"\n", when.to_rfc3339())
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert_ne!(old, text);
    fs::write(&record, old).unwrap();
    let s = status_json(&w, "a");
    assert_eq!(s["sync"]["stale"], true, "{s}");
    assert!(
        w.ok("a", &["status"]).contains("last synced 8 days ago"),
        "{}",
        w.ok("a", &["status"])
    );
    assert!(
        w.ok("a", &["doctor"])
            .contains("last synced 8 days ago — tend sync")
    );
    w.ok("a", &["sync"]);
    assert_eq!(status_json(&w, "a")["sync"]["stale"], false);
}

#[test]
fn status_after_sync_shows_the_other_computers_check_in_today() {
    let w = World::new();
    w.two_machines();
    assert_eq!(status_json(&w, "a")["checked_in_today"], false);
    assert!(check_in(&w, "b").status.success());
    w.ok("b", &["sync"]);
    w.ok("a", &["sync"]);
    assert_eq!(status_json(&w, "a")["checked_in_today"], true);
    assert!(w.ok("a", &["status"]).starts_with("checked in today"));
}

#[test]
fn status_after_sync_shows_the_other_computers_check_in_today_encrypted() {
    let w = World::new();
    w.two_encrypted_machines();
    // a's status.json as a's last write left it: no check-in today.
    assert_eq!(status_json(&w, "a")["checked_in_today"], false);
    assert!(check_in(&w, "b").status.success());
    w.ok("b", &["sync"]);
    w.ok("a", &["sync"]);
    // status never unlocks: without the passphrase command it still knows.
    let out = w
        .tend("a")
        .env_remove("TEND_PASSPHRASE_COMMAND")
        .args(["status", "--format", "json"])
        .output()
        .unwrap();
    let s: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(s["checked_in_today"], true, "{s}");
    assert_eq!(s["entries"], 2, "{s}");
}

#[test]
fn joining_two_journals_with_entries_keeps_every_entry_on_both() {
    let w = World::new();
    w.ok("a", &["note", "first from a"]);
    w.ok("a", &["sync", "init", &w.remote(), "--yes"]);
    // An older .gitignore at the remote: tend's own wins on joining.
    let ignore = w.path("a").join(".gitignore");
    let mut text = fs::read_to_string(&ignore).unwrap();
    text.push_str("# a line of an older tend\n");
    fs::write(&ignore, text).unwrap();
    w.ok("a", &["sync"]);
    w.ok("b", &["note", "own from b"]);
    w.ok("b", &["note", "second from b"]);
    // A plain journal is sent only with a yes.
    let before = w.snapshot("b");
    let out = w.run("b", &["sync", "init", &w.remote()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(w.snapshot("b"), before, "nothing changed on b");
    assert!(!w.path("b").join(".git").exists());
    let joined = w.ok("b", &["sync", "init", &w.remote(), "--yes"]);
    assert!(joined.contains("3 entries here and there now"), "{joined}");
    w.ok("a", &["sync"]);
    for machine in ["a", "b"] {
        let list = w.ok(machine, &["list"]);
        for words in ["first from a", "own from b", "second from b"] {
            assert!(list.contains(words), "{machine} lacks {words}: {list}");
        }
        assert_eq!(w.entry_files(machine).len(), 3);
        assert!(
            !fs::read_to_string(w.path(machine).join(".gitignore"))
                .unwrap()
                .contains("older tend"),
            "{machine} keeps tend's own .gitignore"
        );
        let dir = w.path(machine);
        assert_eq!(w.git_text(&dir, &["status", "--porcelain"]), "");
    }
    assert_eq!(status_json(&w, "b")["sync"]["unsent_changes"], 0);
}

#[test]
fn joining_two_copies_that_differ_in_an_entry_stops_with_both_as_they_were() {
    let w = World::new();
    w.ok("a", &["note", "first from a"]);
    w.ok("a", &["sync", "init", &w.remote(), "--yes"]);
    // b is an old copy of a's folder whose entry was changed since.
    let file = w.entry_files("a").remove(0);
    let rel = file.strip_prefix(w.path("a")).unwrap();
    let copy = w.path("b").join(rel);
    fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&copy, text.replace("first from a", "changed on b")).unwrap();
    w.ok("b", &["note", "another from b"]);
    let before = w.snapshot("b");
    let remote_before = w.remote_main();
    let out = w.run("b", &["sync", "init", &w.remote(), "--yes"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("different contents"), "{err}");
    let handle = rel.to_str().unwrap().rsplit('-').next().unwrap();
    let handle = handle.split('.').next().unwrap();
    assert!(err.contains(handle), "names the entry: {err}");
    assert_eq!(w.snapshot("b"), before, "b as it was");
    assert!(!w.path("b").join(".git").exists());
    assert_eq!(w.remote_main(), remote_before, "the remote as it was");
}

#[test]
fn encrypted_journals_with_other_keys_or_a_plain_one_are_not_joined() {
    let w = World::new();
    w.ok("a", &["note", "sealed from a"]);
    let recovery = w.path("recovery-a.txt");
    w.ok(
        "a",
        &["encrypt", "--recovery-key-out", recovery.to_str().unwrap()],
    );
    w.ok("a", &["sync", "init", &w.remote()]);
    let remote_before = w.remote_main();
    // b: encrypted too, with keys of its own (the same passphrase).
    w.ok("b", &["note", "sealed from b"]);
    let recovery = w.path("recovery-b.txt");
    w.ok(
        "b",
        &["encrypt", "--recovery-key-out", recovery.to_str().unwrap()],
    );
    let before = w.snapshot("b");
    let out = w.run("b", &["sync", "init", &w.remote()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("different keys"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(w.snapshot("b"), before);
    assert!(!w.path("b").join(".git").exists());
    // c: plain, with an entry.
    w.ok("c", &["note", "plain from c"]);
    let before = w.snapshot("c");
    let out = w.run("c", &["sync", "init", &w.remote(), "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("is not encrypted and the one at"), "{err}");
    assert_eq!(w.snapshot("c"), before);
    assert!(!w.path("c").join(".git").exists());
    assert_eq!(w.remote_main(), remote_before);
}

#[test]
fn a_new_passphrase_on_one_computer_opens_the_journal_on_the_other() {
    let w = World::new();
    w.two_encrypted_machines();
    let new = w.path("new-pass");
    fs::write(&new, "a brand new passphrase here\n").unwrap();
    let out = w
        .tend("a")
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", new.display()),
        )
        .args(["key", "passphrase"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let dir = w.path("a");
    assert_eq!(
        w.git_text(&dir, &["status", "--porcelain"]),
        "",
        "the change is committed"
    );
    w.ok("a", &["sync"]);
    w.ok("b", &["sync"]);
    // b: the old passphrase no longer opens it, the new one does.
    let out = w.run("b", &["list"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    fs::write(w.path("pass"), "a brand new passphrase here\n").unwrap();
    assert!(w.ok("b", &["list"]).contains("sealed from a"));
}

#[test]
fn two_copies_of_one_encrypted_journal_join_and_the_remotes_passphrase_opens_both() {
    let w = World::new();
    w.ok("a", &["note", "sealed from a"]);
    let recovery = w.path("recovery.txt");
    w.ok(
        "a",
        &["encrypt", "--recovery-key-out", recovery.to_str().unwrap()],
    );
    w.ok("a", &["sync", "init", &w.remote()]);
    // b: a copy of a's folder made before sync (same keys), which went on
    // with a note and a passphrase of its own.
    let mut files = Vec::new();
    common::walk(&w.path("a"), &mut files);
    for f in files {
        let rel = f.strip_prefix(w.path("a")).unwrap();
        if rel.starts_with(".git") || rel.starts_with("index") {
            continue;
        }
        let to = w.path("b").join(rel);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(&f, &to).unwrap();
    }
    w.ok("b", &["note", "sealed from b"]);
    let new = w.path("b-pass");
    fs::write(&new, "the passphrase b had\n").unwrap();
    let out = w
        .tend("b")
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", new.display()),
        )
        .args(["key", "passphrase"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let joined = w
        .tend("b")
        .env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", new.display()),
        )
        .args(["sync", "init", &w.remote()])
        .output()
        .unwrap();
    assert!(joined.status.success(), "{}", stderr(&joined));
    assert!(
        stdout(&joined).contains("the passphrase used at"),
        "{}",
        stdout(&joined)
    );
    assert_eq!(stderr(&joined), "", "no warning about the index");
    assert!(
        stdout(&joined).contains("2 entries here and there now"),
        "{}",
        stdout(&joined)
    );
    // The remote's passphrase (a's, in "pass") opens b's journal now.
    let list = w.ok("b", &["list"]);
    assert!(
        list.contains("sealed from a") && list.contains("sealed from b"),
        "{list}"
    );
    w.ok("a", &["sync"]);
    assert!(w.ok("a", &["list"]).contains("sealed from b"));
}

/// `key rotate` is refused with a remote, and the message gives the way
/// round: the README's recipe, followed here on two computers, ends with
/// both on the new keys and every entry on both.
#[test]
fn a_key_rotate_in_a_synced_journal_follows_the_recipe_and_loses_nothing() {
    let w = World::new();
    w.two_encrypted_machines();
    w.ok("b", &["note", "sealed from b"]);
    let before: Vec<std::path::PathBuf> = {
        let mut files = Vec::new();
        common::walk(&w.path("a"), &mut files);
        files
    };
    let out = w.run("a", &["key", "rotate"]);
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(
        said.contains("remote remove origin") && said.contains("tend sync init NEW-EMPTY-REMOTE"),
        "{said}"
    );
    let mut after = Vec::new();
    common::walk(&w.path("a"), &mut after);
    assert_eq!(before, after, "nothing changed");

    // The recipe.
    w.ok("b", &["sync"]);
    w.ok("a", &["sync"]);
    let a = w.path("a");
    w.git_text(&a, &["remote", "remove", "origin"]);
    w.ok("a", &["key", "rotate"]);
    let out = w.git(w.tmp.path(), &["init", "-q", "--bare", "remote-2.git"]);
    assert!(out.status.success());
    let second = w.path("remote-2.git").display().to_string();
    w.ok("a", &["sync", "init", &second]);
    fs::rename(w.path("b"), w.path("b-old")).unwrap();
    w.ok("b", &["sync", "init", &second]);
    for m in ["a", "b"] {
        let list = w.ok(m, &["list"]);
        assert!(
            list.contains("sealed from a") && list.contains("sealed from b"),
            "{m}: {list}"
        );
    }
    // Both on the new journal key: b's recipients are a's, and differ from
    // the old folder's.
    let recipients = |m: &str| fs::read_to_string(w.path(m).join("key/recipients.txt")).unwrap();
    assert_eq!(recipients("a"), recipients("b"));
    assert_ne!(recipients("b"), recipients("b-old"));
    w.ok("b", &["note", "after the new keys"]);
    w.ok("b", &["sync"]);
    w.ok("a", &["sync"]);
    assert!(w.ok("a", &["list"]).contains("after the new keys"));
}

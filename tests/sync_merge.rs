//! Merges that lose nothing (issue 15 §3), all offline: two journal folders
//! ("two computers") and a bare repository on local disk. Each test looks at
//! what the leader is told and at what is on disk on both computers once
//! both have synced.
// sh for the scripted editor and the passphrase command.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::sync::World;

/// The handle of the one entry machine a started with.
fn first_handle(w: &World, machine: &str) -> String {
    let file = w.entry_files(machine).remove(0);
    let name = file.file_name().unwrap().to_str().unwrap();
    let id = name.split('.').next().unwrap();
    id.rsplit('-').next().unwrap().to_string()
}

/// `tend edit HANDLE` with a scripted editor replacing `from` by `to`, its
/// commit dated `when` (what "saved last" is decided by).
fn edit(w: &World, machine: &str, handle: &str, from: &str, to: &str, when: &str) {
    let script = w.path(&format!("editor-{machine}.sh"));
    fs::write(
        &script,
        format!("#!/bin/sh\nsed -i 's/{from}/{to}/' \"$1\"\n"),
    )
    .unwrap();
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    let out = w
        .tend(machine)
        .env("EDITOR", &script)
        .env("GIT_COMMITTER_DATE", when)
        .args(["edit", handle])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "edit on {machine}: {}",
        common::stderr(&out)
    );
}

/// Which computer saved its edit last.
enum Later {
    A,
    B,
}

/// The first entry edited on b (and sent), then on a (not yet synced):
/// "edited on b", "edited on a", with `later` saved last.
fn edited_on_both(w: &World, handle: &str, later: Later) {
    let (early, late) = ("2026-11-28T09:00:00Z", "2026-11-28T10:00:00Z");
    let (b, a) = match later {
        Later::A => (early, late),
        Later::B => (late, early),
    };
    edit(w, "b", handle, "first from a", "edited on b", b);
    w.ok("b", &["sync"]);
    edit(w, "a", handle, "first from a", "edited on a", a);
}

/// Both computers' journals agree with each other and with the remote, and
/// neither has anything uncommitted or a merge under way.
fn both_settled(w: &World) {
    let remote = w.remote_main();
    for machine in ["a", "b"] {
        let dir = w.path(machine);
        assert_eq!(
            w.git_text(&dir, &["rev-parse", "HEAD"]),
            remote,
            "{machine} is not where the remote is"
        );
        assert_eq!(
            w.git_text(&dir, &["status", "--porcelain"]),
            "",
            "{machine} has uncommitted changes"
        );
        assert!(!dir.join(".git/MERGE_HEAD").exists(), "{machine} merging");
    }
    assert_eq!(
        files_of(w, "a"),
        files_of(w, "b"),
        "the two journals differ"
    );
    // What git wrote (a join, a merge) is as private as what tend writes.
    for machine in ["a", "b"] {
        for (name, _) in files_of(w, machine) {
            let path = w.path(machine).join(&name);
            assert_eq!(common::mode(&path), 0o600, "{machine}: {name}");
            assert_eq!(
                common::mode(path.parent().unwrap()),
                0o700,
                "{machine}: {name}"
            );
        }
    }
}

/// Every committed file of a machine's journal and its bytes.
fn files_of(w: &World, machine: &str) -> Vec<(String, Vec<u8>)> {
    let dir = w.path(machine);
    let names = w.git_text(&dir, &["ls-files"]);
    names
        .lines()
        .map(|n| (n.to_string(), fs::read(dir.join(n)).unwrap()))
        .collect()
}

/// Files in a machine's trash for this handle.
fn trashed(w: &World, machine: &str, handle: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    common::walk(&w.path(machine).join("trash/entries"), &mut files);
    files.retain(|f| f.to_string_lossy().contains(handle));
    files.sort();
    files
}

fn unapplied(files: &[PathBuf]) -> Vec<&PathBuf> {
    files
        .iter()
        .filter(|f| {
            f.file_name()
                .unwrap()
                .to_string_lossy()
                .contains("-unapplied")
        })
        .collect()
}

fn read_text(p: &Path) -> String {
    fs::read_to_string(p).unwrap()
}

fn encrypted_machines(w: &World) {
    w.ok("a", &["note", "first from a"]);
    let recovery = w.path("recovery.txt");
    w.ok(
        "a",
        &["encrypt", "--recovery-key-out", recovery.to_str().unwrap()],
    );
    w.ok("a", &["sync", "init", &w.remote()]);
    let joined = w.ok("b", &["sync", "init", &w.remote()]);
    assert!(joined.contains("Joined the journal"), "{joined}");
}

#[test]
fn the_same_entry_edited_on_both_keeps_the_later_in_place_and_the_other_in_the_trash() {
    let w = World::new();
    w.two_machines();
    let handle = first_handle(&w, "a");
    edited_on_both(&w, &handle, Later::B);
    let out = w.run("a", &["sync"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(said.contains("changed on both computers"), "{said}");
    assert!(said.contains(&handle), "names the entry: {said}");
    assert!(
        said.contains("(the other computer's) is in place"),
        "b's edit was saved last: {said}"
    );
    assert!(said.contains(&format!("tend restore {handle}")), "{said}");
    // On a: b's version in place, a's kept in the trash as "not applied".
    let entry = w.entry_files("a").remove(0);
    assert!(read_text(&entry).contains("edited on b"));
    let kept = trashed(&w, "a", &handle);
    let kept = unapplied(&kept);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(read_text(kept[0]).contains("edited on a"));
    assert_eq!(common::mode(kept[0]), 0o600);
    // The next command says it once more, and only once.
    let next = w.run("a", &["trash"]);
    let told = common::stderr(&next);
    assert!(
        told.contains("at the last sync") && told.contains(&handle),
        "{told}"
    );
    assert!(
        common::stdout(&next).contains("not applied"),
        "{}",
        common::stdout(&next)
    );
    let again = w.run("a", &["list"]);
    assert!(!common::stderr(&again).contains("at the last sync"));
    assert!(common::stdout(&again).contains("edited on b"));

    // b receives the same result, told too, with no conflict of its own.
    let b = w.ok("b", &["sync"]);
    assert!(b.contains("not applied") && b.contains(&handle), "{b}");
    both_settled(&w);
    assert!(read_text(&w.entry_files("b").remove(0)).contains("edited on b"));
    assert!(common::stderr(&w.run("b", &["list"])).contains("at the last sync"));

    // `tend restore` swaps them: a's words in place, b's in the trash.
    w.ok("a", &["restore", &handle]);
    assert!(read_text(&w.entry_files("a").remove(0)).contains("edited on a"));
    let all = trashed(&w, "a", &handle);
    assert!(
        all.iter().any(|f| read_text(f).contains("edited on b")),
        "b's version is kept: {all:?}"
    );
    w.ok("a", &["sync"]);
    w.ok("b", &["sync"]);
    both_settled(&w);
    assert!(w.ok("b", &["list"]).contains("edited on a"));
}

#[test]
fn deleted_on_one_computer_edited_on_the_other_comes_back_on_both() {
    let w = World::new();
    w.two_machines();
    let handle = first_handle(&w, "a");
    w.ok("b", &["delete", &handle, "--yes"]);
    w.ok("b", &["sync"]);
    edit(
        &w,
        "a",
        &handle,
        "first from a",
        "edited on a",
        "2026-11-28T09:00:00Z",
    );
    let a = w.ok("a", &["sync"]);
    assert!(
        a.contains(&handle) && a.contains("deleted on the other computer and changed here"),
        "{a}"
    );
    let entry = w.entry_files("a").remove(0);
    assert!(read_text(&entry).contains("edited on a"));
    // b: the entry is back with a's edit, and says so; the deleted copy
    // stays in the trash, as the words were when deleted.
    let b = w.ok("b", &["sync"]);
    assert!(b.contains(&handle) && b.contains("back in place"), "{b}");
    both_settled(&w);
    let on_b = w.entry_files("b");
    assert_eq!(on_b.len(), 1);
    assert!(read_text(&on_b[0]).contains("edited on a"));
    let kept = trashed(&w, "b", &handle);
    let deleted: Vec<&PathBuf> = kept
        .iter()
        .filter(|f| f.to_string_lossy().ends_with("-deleted.toml"))
        .collect();
    assert_eq!(deleted.len(), 1, "{kept:?}");
    assert!(read_text(deleted[0]).contains("first from a"));
    assert!(
        !read_text(deleted[0]).contains("edited"),
        "the trashed copy was not edited"
    );
    let list = w.run("b", &["list"]);
    assert!(common::stdout(&list).contains("edited on a"));
    let told = common::stderr(&list);
    assert!(
        told.contains("at the last sync") && told.contains(&handle),
        "{told}"
    );
}

#[test]
fn an_encrypted_journal_keeps_both_versions_sealed() {
    let w = World::new();
    encrypted_machines(&w);
    let handle = first_handle(&w, "a");
    // a's edit is the later one this time: it stays in place.
    edited_on_both(&w, &handle, Later::A);
    let a = w.ok("a", &["sync"]);
    assert!(a.contains("(this computer's) is in place"), "{a}");
    let kept = trashed(&w, "a", &handle);
    let kept = unapplied(&kept);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].to_string_lossy().ends_with(".toml.age"), "{kept:?}");
    let bytes = fs::read(kept[0]).unwrap();
    assert!(
        !bytes.windows(6).any(|w| w == b"edited"),
        "sealed in the trash"
    );
    w.ok("b", &["sync"]);
    both_settled(&w);
    for machine in ["a", "b"] {
        let show = w.ok(machine, &["show", &handle]);
        assert!(show.contains("edited on a"), "{machine}: {show}");
    }
    // Restoring on b brings b's own words back.
    w.ok("b", &["restore", &handle]);
    assert!(w.ok("b", &["show", &handle]).contains("edited on b"));
}

#[test]
fn an_encrypted_entry_deleted_here_and_edited_there_comes_back() {
    let w = World::new();
    encrypted_machines(&w);
    let handle = first_handle(&w, "a");
    edit(
        &w,
        "b",
        &handle,
        "first from a",
        "edited on b",
        "2026-11-28T09:00:00Z",
    );
    w.ok("b", &["sync"]);
    w.ok("a", &["delete", &handle, "--yes"]);
    let a = w.ok("a", &["sync"]);
    assert!(a.contains(&handle) && a.contains("brought it back"), "{a}");
    assert!(w.ok("a", &["show", &handle]).contains("edited on b"));
    assert!(w.ok("a", &["trash"]).contains("deleted"));
    w.ok("b", &["sync"]);
    both_settled(&w);
    assert!(w.ok("b", &["show", &handle]).contains("edited on b"));
}

#[test]
fn a_new_passphrase_on_both_computers_merges_and_the_later_one_opens() {
    let w = World::new();
    encrypted_machines(&w);
    fs::write(w.path("pass-a"), "copper kettle morning\n").unwrap();
    fs::write(w.path("pass-b"), "willow bridge evening\n").unwrap();
    let with = |machine: &str, pass: &str| {
        let mut c = w.tend(machine);
        c.env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", w.path(pass).display()),
        );
        c
    };
    let passphrase = |machine: &str, new: &str, when: &str| {
        let out = w
            .tend(machine)
            .env(
                "TEND_NEW_PASSPHRASE_COMMAND",
                format!("cat '{}'", w.path(new).display()),
            )
            .env("GIT_COMMITTER_DATE", when)
            .args(["key", "passphrase"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
    };
    passphrase("a", "pass-a", "2026-11-28T10:00:00Z");
    with("a", "pass-a").args(["sync"]).assert().success();
    passphrase("b", "pass-b", "2026-11-28T09:00:00Z");
    with("b", "pass-b")
        .args(["note", "from b"])
        .assert()
        .success();
    let out = with("b", "pass-b").args(["sync"]).output().unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(
        said.contains("key files were changed on both computers")
            && said.contains("the passphrase set there opens the journal"),
        "{said}"
    );
    with("a", "pass-a").args(["sync"]).assert().success();
    both_settled(&w);
    // a's passphrase (set last) opens both; b's no longer does.
    for machine in ["a", "b"] {
        let out = with(machine, "pass-a").args(["list"]).output().unwrap();
        assert!(out.status.success(), "{}", common::stderr(&out));
        assert!(common::stdout(&out).contains("from b"));
    }
    assert!(
        !with("b", "pass-b")
            .args(["list"])
            .output()
            .unwrap()
            .status
            .success()
    );
    // A new passphrase on one computer alone comes across, and is said.
    fs::write(w.path("pass-c"), "amber lantern noon\n").unwrap();
    let out = w
        .tend("b")
        .env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", w.path("pass-a").display()),
        )
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", w.path("pass-c").display()),
        )
        .args(["key", "passphrase"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    with("b", "pass-c").args(["sync"]).assert().success();
    let out = with("a", "pass-a").args(["sync"]).output().unwrap();
    let said = common::stdout(&out);
    assert!(said.contains("changed on the other computer"), "{said}");
    with("a", "pass-c").args(["list"]).assert().success();
}

#[test]
fn different_journal_keys_stop_the_merge_and_leave_both_as_they_were() {
    let w = World::new();
    encrypted_machines(&w);
    fs::write(w.path("pass-a"), "copper kettle morning\n").unwrap();
    let out = w
        .tend("a")
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", w.path("pass-a").display()),
        )
        .args(["key", "passphrase"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", common::stderr(&out));
    w.tend("a")
        .env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", w.path("pass-a").display()),
        )
        .args(["sync"])
        .assert()
        .success();
    // b makes a new journal key (refused with a remote, so without one).
    let dir_b = w.path("b");
    w.git_text(&dir_b, &["remote", "remove", "origin"]);
    w.ok("b", &["key", "rotate"]);
    w.git_text(&dir_b, &["remote", "add", "origin", &w.remote()]);
    let head_b = w.git_text(&dir_b, &["rev-parse", "HEAD"]);
    let before_b = files_of(&w, "b");
    let remote = w.remote_main();
    let out = w.run("b", &["sync"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("keys were changed on both computers") && err.contains("nothing was lost"),
        "{err}"
    );
    assert_eq!(w.git_text(&dir_b, &["rev-parse", "HEAD"]), head_b);
    assert_eq!(files_of(&w, "b"), before_b, "b's files as they were");
    assert_eq!(w.git_text(&dir_b, &["status", "--porcelain"]), "");
    assert!(!dir_b.join(".git/MERGE_HEAD").exists());
    assert_eq!(w.remote_main(), remote, "nothing was sent");
    assert!(w.ok("b", &["list"]).contains("first from a"));
}

#[test]
fn a_merge_left_by_hand_is_reported_by_doctor_and_recovered_by_sync() {
    let w = World::new();
    w.two_machines();
    let handle = first_handle(&w, "a");
    edited_on_both(&w, &handle, Later::B);
    // An interrupted merge, made by hand: git stops at the conflict.
    let dir = w.path("a");
    w.git_text(&dir, &["fetch", "-q", "origin"]);
    let merge = w.git(&dir, &["merge", "origin/main"]);
    assert!(!merge.status.success());
    assert!(dir.join(".git/MERGE_HEAD").exists());

    let doctor = w.run("a", &["doctor"]);
    assert!(!doctor.status.success());
    let said = common::stdout(&doctor);
    assert!(
        said.contains("unfinished_merge") && said.contains("tend sync"),
        "{said}"
    );
    // A note written meanwhile is kept, and waits for the sync.
    let note = w.run("a", &["note", "written during the merge"]);
    assert!(note.status.success(), "{}", common::stderr(&note));
    assert!(common::stderr(&note).contains("tend sync"));

    let out = w.run("a", &["sync"]);
    assert!(out.status.success(), "{}", common::stderr(&out));
    let said = common::stdout(&out);
    assert!(said.contains("taken back"), "{said}");
    assert!(said.contains("changed on both computers"), "{said}");
    w.ok("b", &["sync"]);
    both_settled(&w);
    for machine in ["a", "b"] {
        let list = w.ok(machine, &["list"]);
        assert!(
            list.contains("edited on b") && list.contains("written during the merge"),
            "{machine}: {list}"
        );
        let kept = trashed(&w, machine, &handle);
        let kept = unapplied(&kept);
        assert_eq!(kept.len(), 1, "{machine}: {kept:?}");
        assert!(read_text(kept[0]).contains("edited on a"));
        let doctor = common::stdout(&w.run(machine, &["doctor"]));
        assert!(
            doctor.contains("Checked") && !doctor.contains("unfinished_merge"),
            "{doctor}"
        );
    }
}

/// What a failed sync must leave: this computer's commit and files as they
/// were, nothing uncommitted, no merge under way, and nothing sent.
struct Before {
    head: String,
    files: Vec<(String, Vec<u8>)>,
    remote: String,
}

impl Before {
    fn of(w: &World, machine: &str) -> Before {
        Before {
            head: w.git_text(&w.path(machine), &["rev-parse", "HEAD"]),
            files: files_of(w, machine),
            remote: w.remote_main(),
        }
    }

    fn still(&self, w: &World, machine: &str) {
        let dir = w.path(machine);
        assert_eq!(w.git_text(&dir, &["rev-parse", "HEAD"]), self.head);
        assert_eq!(
            files_of(w, machine),
            self.files,
            "{machine}'s files as they were"
        );
        assert_eq!(w.git_text(&dir, &["status", "--porcelain"]), "");
        assert!(!dir.join(".git/MERGE_HEAD").exists());
        assert_eq!(w.remote_main(), self.remote, "nothing was sent");
    }
}

#[test]
fn a_file_tend_does_not_know_changed_on_both_stops_and_leaves_both_as_they_were() {
    let w = World::new();
    w.two_machines();
    for (machine, line) in [("b", "/from-b\n"), ("a", "/from-a\n")] {
        let path = w.path(machine).join(".gitignore");
        let mut text = fs::read_to_string(&path).unwrap();
        text.push_str(line);
        fs::write(&path, text).unwrap();
        w.ok(machine, &["note", &format!("a note on {machine}")]);
    }
    w.ok("b", &["sync"]);
    let before = Before::of(&w, "a");
    let out = w.run("a", &["sync"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains(".gitignore changed on both computers") && err.contains("nothing was lost"),
        "{err}"
    );
    before.still(&w, "a");
}

#[test]
fn a_merge_that_cannot_finish_is_taken_back_whole() {
    let w = World::new();
    w.two_machines();
    let handle = first_handle(&w, "a");
    edited_on_both(&w, &handle, Later::B);
    // Where a's version would be kept, a file stands instead of a folder,
    // so keeping it fails after the merge has begun.
    let id = w.entry_files("a")[0]
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .to_string();
    let blocker = w.path("a").join("trash/entries").join(&id);
    fs::rename(&blocker, w.path("moved-aside")).unwrap();
    fs::write(&blocker, "not a folder").unwrap();
    w.ok("a", &["note", "commits the blocker"]);
    let before = Before::of(&w, "a");
    let out = w.run("a", &["sync"]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(
        err.contains("put back as it was") && err.contains("nothing was lost"),
        "{err}"
    );
    before.still(&w, "a");
    assert!(w.ok("a", &["list"]).contains("edited on a"));
}

#[test]
fn many_entries_from_the_other_computer_merge_with_a_note_written_here() {
    let w = World::new();
    w.two_machines();
    // More files than one git run takes at a time (100).
    w.ok("b", &["generate", "--days", "80", "--into-existing"]);
    w.ok("b", &["sync"]);
    w.ok("a", &["note", "one on a meanwhile"]);
    let a = w.ok("a", &["sync"]);
    let came = w.entry_files("b").len() - 1;
    assert!(came > 100, "{came}");
    assert!(a.contains(&format!("{came} entries came in")), "{a}");
    w.ok("b", &["sync"]);
    both_settled(&w);
    assert_eq!(w.entry_files("a").len(), came + 2);
    assert!(
        w.ok("b", &["list", "--grep", "meanwhile"])
            .contains("one on a meanwhile")
    );
}

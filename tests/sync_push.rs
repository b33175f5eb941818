//! Sync when the remote misbehaves (issue 15 §2, §4): a push race retried
//! once, a push refused twice, a remote that has gone away. Offline: two
//! journal folders and a bare repository on local disk.
// A shell script stands in for git on PATH; a shell hook in the remote.
#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::sync::World;

/// The git that tend would find on PATH.
fn real_git() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("git"))
        .find(|g| g.is_file())
        .expect("git on PATH")
}

fn write_script(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

/// PATH with `bin` searched first.
fn path_with(bin: &Path) -> std::ffi::OsString {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&path)))
        .unwrap()
}

/// The subjects of the remote's commits on main.
fn remote_log(w: &World) -> String {
    w.git_text(&w.path("remote.git"), &["log", "--format=%s", "main"])
}

/// How many entry files the remote's main holds.
fn remote_entries(w: &World) -> usize {
    let files = w.git_text(
        &w.path("remote.git"),
        &["ls-tree", "-r", "--name-only", "main", "--", "entries"],
    );
    files.lines().count()
}

/// Both computers list every one of `texts`.
fn both_list(w: &World, texts: &[&str]) {
    for machine in ["a", "b"] {
        let list = w.ok(machine, &["list"]);
        for text in texts {
            assert!(list.contains(text), "{machine} lacks {text:?}:\n{list}");
        }
    }
}

/// The remote moves between tend's fetch and its push: a stand-in `git`
/// (first on PATH) pushes computer b's waiting commit into the remote just
/// before a's first push runs, so that push is refused as out of date. tend
/// fetches, merges and pushes again, and both entries end up everywhere.
#[test]
fn a_push_race_is_fetched_merged_and_pushed_again() {
    let w = World::new();
    w.two_machines();
    w.ok("b", &["note", "written on b during the race"]);
    w.ok("a", &["note", "written on a during the race"]);
    assert_eq!(
        remote_entries(&w),
        1,
        "nothing but the first note is at the remote yet"
    );
    let bin = w.path("bin");
    fs::create_dir_all(&bin).unwrap();
    let pushes = w.path("pushes");
    write_script(
        &bin.join("git"),
        &format!(
            "#!/bin/sh\n\
             # git, except that before a's first push, b pushes.\n\
             case \" $* \" in *' push '*)\n\
               echo push >> '{pushes}'\n\
               if [ \"$(wc -l < '{pushes}')\" -eq 1 ]; then\n\
                 '{git}' -C '{b}' push -q origin main || exit 99\n\
               fi;;\n\
             esac\n\
             exec '{git}' \"$@\"\n",
            pushes = pushes.display(),
            git = real_git().display(),
            b = w.path("b").display(),
        ),
    );
    let out = w
        .tend("a")
        .env("PATH", path_with(&bin))
        .arg("sync")
        .output()
        .unwrap();
    let said = common::stdout(&out);
    assert!(
        out.status.success(),
        "the second push succeeds: {said}{}",
        common::stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(&pushes).unwrap().lines().count(),
        2,
        "a pushed twice: once into the race, once after merging"
    );
    assert!(
        said.contains("1 entry came in, 1 entry went out"),
        "one line of what came in and went out: {said}"
    );
    assert_eq!(
        remote_entries(&w),
        3,
        "both computers' entries at the remote"
    );
    w.ok("b", &["sync"]);
    both_list(
        &w,
        &[
            "first from a",
            "written on b during the race",
            "written on a during the race",
        ],
    );
}

/// A remote that refuses every push (here its pre-receive hook): tend tries
/// twice, then says everything is committed here and goes next time; the
/// next sync, once the remote takes pushes again, sends it.
#[test]
fn a_push_refused_twice_keeps_the_commit_for_next_time() {
    let w = World::new();
    w.two_machines();
    let hook = w.path("remote.git").join("hooks/pre-receive");
    let tries = w.path("tries");
    write_script(
        &hook,
        &format!(
            "#!/bin/sh\necho try >> '{}'\necho 'this remote takes no pushes today' >&2\nexit 1\n",
            tries.display()
        ),
    );
    w.ok("a", &["note", "kept through a refused push"]);
    let before = remote_log(&w);
    let out = w.run("a", &["sync"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("could not send the journal to")
            && err.contains("Everything is committed here and goes at the next tend sync"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("this remote takes no pushes today"), "{err}");
    assert_eq!(
        fs::read_to_string(&tries).unwrap().lines().count(),
        2,
        "one push and one retry"
    );
    assert_eq!(remote_log(&w), before, "the remote has nothing new");
    let a = w.path("a");
    assert!(
        w.git_text(&a, &["log", "-1", "--format=%s"])
            .starts_with("tend: add"),
        "the note is committed here"
    );
    assert_eq!(w.git_text(&a, &["status", "--porcelain"]), "");
    assert!(w.ok("a", &["list"]).contains("kept through a refused push"));

    fs::remove_file(&hook).unwrap();
    let again = w.ok("a", &["sync"]);
    assert!(again.contains("1 entry went out"), "{again}");
    w.ok("b", &["sync"]);
    both_list(&w, &["first from a", "kept through a refused push"]);
}

/// The remote's folder is gone (a USB stick not plugged in): tend says it
/// could not reach it, exits non-zero, and keeps the new entry committed
/// here; with the remote back, the next sync sends it.
#[test]
fn a_missing_remote_warns_and_keeps_the_commit() {
    let w = World::new();
    w.two_machines();
    w.ok("a", &["note", "written while the stick was out"]);
    let entries_before = w.entry_files("a");
    fs::rename(w.path("remote.git"), w.path("remote-away.git")).unwrap();
    let out = w.run("a", &["sync"]);
    let err = common::stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("could not reach {}", w.remote())),
        "names the remote plainly: {err}"
    );
    assert!(
        err.contains("Everything is committed here and goes at the next tend sync"),
        "{err}"
    );
    assert_eq!(
        err.trim().lines().count(),
        1,
        "one line, not git's advice: {err}"
    );
    assert!(
        err.contains("does not appear to be a git repository"),
        "git's reason, once: {err}"
    );
    let a = w.path("a");
    let log = w.git_text(&a, &["log", "--format=%s"]);
    assert_eq!(
        log.lines().filter(|l| l.starts_with("tend: add")).count(),
        2,
        "{log}"
    );
    assert_eq!(w.git_text(&a, &["status", "--porcelain"]), "");
    assert_eq!(w.entry_files("a"), entries_before, "the entry is on disk");
    assert!(
        w.ok("a", &["list"])
            .contains("written while the stick was out")
    );

    fs::rename(w.path("remote-away.git"), w.path("remote.git")).unwrap();
    let again = w.ok("a", &["sync"]);
    assert!(
        again.contains("0 entries came in, 1 entry went out"),
        "{again}"
    );
    w.ok("b", &["sync"]);
    both_list(&w, &["first from a", "written while the stick was out"]);
}

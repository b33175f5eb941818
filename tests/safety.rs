//! Safe at every edge (issue 10, parts 2 to 4): racing edits lose nothing,
//! nothing outside the journal is read through a link, moved or erased, the
//! journal folder is where the config says, and doctor explains two files
//! claiming one id and stray files.
//!
//! The racing tests run two real `tend` processes at once. Their editor is a
//! shell script that says it has started and then waits for a signal file,
//! so the test decides exactly which one finishes first.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::*;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T13:20:05+00:00";
const LATER: &str = "2026-11-26T13:40:00+00:00";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A note at NOW; its id.
fn note(env: &Env, text: &str) -> String {
    let out = env.ok_at(NOW, &["note", text]);
    assert!(out.contains("Saved your note"), "{out}");
    let files = env.entry_files();
    files
        .iter()
        .max_by_key(|p| p.file_name().unwrap().to_owned())
        .unwrap()
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// An editor that announces `NAME.started`, waits for `NAME.go`, then
/// replaces OLD with NEW in the file it was given.
fn waiting_editor(env: &Env, name: &str, old: &str, new: &str) -> PathBuf {
    let signals = env.tmp.path();
    let body = format!(
        "#!/bin/sh\ntouch '{dir}/{name}.started'\nwhile [ ! -e '{dir}/{name}.go' ]; do sleep 0.02; done\nsed -i 's/{old}/{new}/' \"$1\"\n",
        dir = signals.display()
    );
    let p = env.file(&format!("{name}.sh"), &body);
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// Starts `tend edit ID` with `editor`; returns once the editor is open.
fn start_edit(env: &Env, editor: &Path, name: &str, id: &str) -> Child {
    let child = env
        .std_tend()
        .env("TEND_TEST_NOW", LATER)
        .env("EDITOR", editor)
        .args(["edit", id])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for(&env.tmp.path().join(format!("{name}.started")));
    child
}

fn wait_for(p: &Path) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !p.exists() {
        assert!(Instant::now() < deadline, "{} never appeared", p.display());
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Lets the editor called NAME finish, and waits for its tend.
fn release(env: &Env, name: &str, child: Child) -> Output {
    fs::write(env.tmp.path().join(format!("{name}.go")), "").unwrap();
    child.wait_with_output().unwrap()
}

/// Every trashed version of `id`, with its bytes.
fn trashed(env: &Env, id: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    walk(&env.dir().join("trash/entries").join(id), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let t = fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Racing edits

#[test]
fn two_racing_edits_both_survive_one_in_place_one_in_the_trash() {
    let env = Env::new();
    let id = note(&env, "The original words");
    let path = env.path_of(&id);
    let a = waiting_editor(&env, "a", "original", "first");
    let b = waiting_editor(&env, "b", "original", "second");
    let edit_a = start_edit(&env, &a, "a", &id);
    let edit_b = start_edit(&env, &b, "b", &id);
    let out_a = release(&env, "a", edit_a);
    assert!(out_a.status.success(), "{}", stderr(&out_a));
    assert!(stdout(&out_a).contains("Saved your changes"));
    let out_b = release(&env, "b", edit_b);

    // The first edit is in place; the second did not overwrite it.
    let now = fs::read_to_string(&path).unwrap();
    assert!(now.contains("The first words"), "{now}");
    assert_eq!(out_b.status.code(), Some(1), "{}", stdout(&out_b));
    let said = stderr(&out_b);
    assert!(
        said.contains("your edit was not applied") && said.contains("nothing was overwritten"),
        "{said}"
    );
    assert!(
        said.contains(&format!("tend restore {}", handle_of_id(&id))),
        "{said}"
    );
    // Both versions, and the original, can be had back.
    let kept = trashed(&env, &id);
    assert!(
        kept.iter()
            .any(|(p, t)| t.contains("The second words") && s(p).contains("-unapplied")),
        "{kept:?}"
    );
    assert!(kept.iter().any(|(_, t)| t.contains("The original words")));
    let listing = env.ok_at(LATER, &["trash"]);
    assert!(
        listing.contains("not applied: the entry changed meanwhile"),
        "{listing}"
    );

    // Restoring it puts the second version in place; the first goes to the
    // trash, so still nothing is lost.
    env.ok_at(LATER, &["restore", &handle_of_id(&id), "--latest"]);
    let now = fs::read_to_string(&path).unwrap();
    assert!(now.contains("The second words"), "{now}");
    assert!(
        trashed(&env, &id)
            .iter()
            .any(|(_, t)| t.contains("The first words"))
    );
}

#[test]
fn an_edit_that_began_before_a_delete_does_not_bring_the_entry_back() {
    let env = Env::new();
    let id = note(&env, "The original words");
    let path = env.path_of(&id);
    let a = waiting_editor(&env, "a", "original", "edited");
    let edit = start_edit(&env, &a, "a", &id);
    env.ok_at(LATER, &["delete", &id, "--yes"]);
    assert!(!path.exists());
    let out = release(&env, "a", edit);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(stderr(&out).contains("was deleted"), "{}", stderr(&out));
    assert!(!path.exists(), "the deleted entry came back");
    assert!(env.entry_files().is_empty());
    let kept = trashed(&env, &id);
    assert!(
        kept.iter().any(|(_, t)| t.contains("The original words")),
        "{kept:?}"
    );
    assert!(
        kept.iter().any(|(_, t)| t.contains("The edited words")),
        "{kept:?}"
    );
}

/// The journal's lock, held by another process until dropped (also when
/// the test fails, so nothing is left running).
struct Holder {
    child: Child,
    release: PathBuf,
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = fs::write(&self.release, "");
        let _ = self.child.wait();
    }
}

/// Holds the journal's lock from another process (flock(1) takes the same
/// operating-system lock as tend) until the holder is dropped.
fn hold_lock(env: &Env) -> Holder {
    let lock = env.dir().join(".lock");
    let dir = env.tmp.path().display().to_string();
    let child = Command::new("flock")
        .arg(&lock)
        .args([
            "-c",
            &format!("touch '{dir}/held'; while [ ! -e '{dir}/release' ]; do sleep 0.02; done"),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for(&env.tmp.path().join("held"));
    Holder {
        child,
        release: env.tmp.path().join("release"),
    }
}

#[test]
fn a_writer_gives_up_after_two_seconds_and_readers_never_wait() {
    let env = Env::new();
    let id = note(&env, "Words to keep");
    let before = env.snapshot();
    let holder = hold_lock(&env);

    let start = Instant::now();
    let out = env.run_at(LATER, &["delete", &id, "--yes"]);
    let waited = start.elapsed();
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(
        said.contains("another tend is changing the journal")
            && said.contains("nothing was changed"),
        "{said}"
    );
    assert!(
        waited >= Duration::from_millis(1900) && waited < Duration::from_secs(8),
        "{waited:?}"
    );
    assert!(env.path_of(&id).exists());

    // Readers do not take the lock.
    for args in [&["status"][..], &["list"], &["show", &id]] {
        let start = Instant::now();
        env.ok_at(LATER, args);
        assert!(
            start.elapsed() < Duration::from_millis(1500),
            "{args:?} waited"
        );
    }
    drop(holder);
    let after: Vec<_> = env
        .snapshot()
        .into_iter()
        .filter(|(p, _)| !p.ends_with("held") && !p.ends_with("release") && !p.ends_with(".lock"))
        .collect();
    let before: Vec<_> = before
        .into_iter()
        .filter(|(p, _)| !p.ends_with("held") && !p.ends_with(".lock"))
        .collect();
    assert_eq!(before, after, "nothing changed while the lock was held");
    // Once it is free, the delete goes ahead.
    env.ok_at(LATER, &["delete", &id, "--yes"]);
    assert!(env.entry_files().is_empty());
}

// ---------------------------------------------------------------------------
// Nothing outside the journal

/// The index shard of November 2026, as JSON.
fn shard(env: &Env) -> PathBuf {
    env.dir().join("index/months/2026-11.json")
}

#[test]
fn a_tampered_index_cannot_send_delete_or_trash_empty_outside_the_journal() {
    let env = Env::new();
    let id = note(&env, "A real note");
    env.ok_at(NOW, &["list"]);
    // A file outside the journal, named like the entry, same size and
    // mtime, so the index believes nothing changed.
    let outside_dir = env.tmp.path().join("outside");
    fs::create_dir_all(&outside_dir).unwrap();
    let outside = outside_dir.join(format!("{id}.toml"));
    fs::copy(env.path_of(&id), &outside).unwrap();
    let before = fs::read(&outside).unwrap();
    for rel in [
        format!("../../outside/{id}.toml"),
        format!("{}", outside.display()),
        format!("2026/11/../../../../outside/{id}.toml"),
    ] {
        let text = fs::read_to_string(shard(&env)).unwrap();
        let tampered = text.replace(&format!("2026/11/{id}.toml"), &rel);
        assert_ne!(text, tampered);
        fs::write(shard(&env), tampered).unwrap();
        let out = env.run_at(LATER, &["delete", &id, "--yes"]);
        assert_eq!(out.status.code(), Some(1), "{rel}: {}", stdout(&out));
        assert!(
            stderr(&out).contains("nothing was read or changed"),
            "{}",
            stderr(&out)
        );
        env.run_at(LATER, &["trash", "empty", "--yes"]);
        assert_eq!(fs::read(&outside).unwrap(), before, "{rel}");
        assert!(env.path_of(&id).exists());
        // Put the real path back for the next round.
        let text = fs::read_to_string(shard(&env)).unwrap();
        fs::write(
            shard(&env),
            text.replace(&rel, &format!("2026/11/{id}.toml")),
        )
        .unwrap();
    }
    // A tampered id cannot lead the trash out either.
    let text = fs::read_to_string(shard(&env)).unwrap();
    fs::write(
        shard(&env),
        text.replace(&format!("\"{id}\""), "\"../../../outside/x\""),
    )
    .unwrap();
    env.run_at(LATER, &["delete", "last", "--yes"]);
    env.run_at(LATER, &["trash", "empty", "--yes"]);
    assert_eq!(fs::read(&outside).unwrap(), before);
    assert_eq!(fs::read_dir(&outside_dir).unwrap().count(), 1);
}

#[test]
fn a_linked_index_folder_is_never_written_through() {
    let env = Env::new();
    note(&env, "A note");
    let outside = env.tmp.path().join("outside-index");
    fs::create_dir_all(outside.join("months")).unwrap();
    let victim = outside.join("state.json");
    fs::write(&victim, "precious\n").unwrap();
    fs::write(outside.join("months/2026-11.json"), "also precious\n").unwrap();
    env.ok_at(NOW, &["list"]);
    fs::remove_dir_all(env.dir().join("index")).unwrap();
    symlink(&outside, env.dir().join("index")).unwrap();
    for args in [&["list"][..], &["index", "--rebuild"], &["status"]] {
        let out = env.run_at(LATER, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("link"), "{args:?}: {}", stderr(&out));
    }
    let listed = env.ok_at(LATER, &["list"]);
    assert!(
        listed.contains("A note"),
        "still works from the entries: {listed}"
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious\n");
    assert_eq!(
        fs::read_to_string(outside.join("months/2026-11.json")).unwrap(),
        "also precious\n"
    );
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 2);
}

#[test]
fn a_linked_draft_is_not_read_through_the_link() {
    let env = Env::new();
    note(&env, "A note");
    let secret = "MARKER-outside-the-journal";
    let outside = env.file(
        "outside-draft.toml",
        &format!(
            "plan = [\"motivation\"]\n[entry]\nschema = 1\nid = \"20261126T120000Z-lnk001\"\nkind = \"checkin\"\npack = \"checkin\"\npack_version = 1\ncreated = \"2026-11-26T12:00:00Z\"\ntitle = \"{secret}\"\n"
        ),
    );
    fs::create_dir_all(env.dir().join("drafts")).unwrap();
    symlink(
        &outside,
        env.dir().join("drafts/20261126T120000Z-lnk001.toml"),
    )
    .unwrap();
    let mut t = pty::spawn(&env, &["checkin"], pty::Extra::default());
    t.expect("1/7 How motivated");
    // Ctrl-C once the question reads keys, as a person's would arrive; one
    // sent sooner can be lost while the terminal is still being set up.
    t.interrupt_while_typing("");
    let exit = t.finish();
    assert!(!exit.all.contains(secret), "{}", exit.all);
    assert!(!exit.all.contains("You have an unfinished"), "{}", exit.all);
    assert!(exit.all.contains("could not be read"), "{}", exit.all);
}

#[test]
fn a_second_terminal_is_told_the_draft_is_open_in_the_first() {
    let env = Env::new().at(NOW);
    let mut first = pty::spawn(&env, &["checkin"], pty::Extra::default());
    first.answer("1/7 How motivated", "6");
    first.answer("2/7 Attend:", "Sat with the night team");
    first.expect("3/7 Understand:");
    first.expect("): ");
    let mut second = pty::spawn(&env, &["checkin"], pty::Extra::default());
    let shown = second.expect("1/7 How motivated");
    assert!(shown.contains("open in another terminal"), "{shown}");
    assert!(!shown.contains("Carry on"), "{shown}");
    // As a person would: Ctrl-C once the question is waiting for keys (a
    // Ctrl-C sent sooner was sometimes lost under load).
    second.interrupt_while_typing("");
    second.finish();
    // The first carries on undisturbed.
    first.keys(&format!("Asked what the night had been like{}", pty::ENTER));
    first.expect("4/7 Empathise:");
    first.expect("): ");
    first.interrupt_while_typing("");
    first.finish();
    let mut third = pty::spawn(&env, &["checkin"], pty::Extra::default());
    // Once both have stopped, the draft is offered again.
    third.expect("You have an unfinished check-in");
    third.expect("(3 of 7 questions done)");
    third.expect("> Carry on where I left off");
    third.interrupt_while_typing("");
    third.finish();
}

#[test]
fn tend_dir_pointing_at_a_file_is_an_error_that_says_so() {
    let env = Env::new();
    let file = env.file("not-a-folder", "hello\n");
    // `status` answers a prompt line, so it says so on stdout with exit 0.
    for (args, code) in [(&["list"][..], 2), (&["note", "hi"], 2), (&["status"], 0)] {
        let out = env
            .tend()
            .env("TEND_DIR", &file)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{args:?}");
        let said = stderr(&out) + &stdout(&out);
        assert!(
            said.contains(s(&file)) && said.contains("is a file") && said.contains("TEND_DIR"),
            "{said}"
        );
        assert!(!stdout(&out).contains("No entries yet"));
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "hello\n");
}

/// `tend note` with only the config deciding the journal folder, started
/// from `cwd`.
fn note_with_config(env: &Env, dir_line: &str, cwd: &Path) -> Output {
    env.write_config(dir_line);
    let mut c = env.std_tend();
    c.env_remove("TEND_DIR")
        .env("TEND_TEST_NOW", NOW)
        .current_dir(cwd)
        .args(["note", "Where does this go?"]);
    c.output().unwrap()
}

fn notes_under(dir: &Path) -> usize {
    let mut files = Vec::new();
    walk(&dir.join("entries"), &mut files);
    files.len()
}

#[test]
fn config_dir_tilde_means_home_and_relative_means_beside_the_config() {
    let env = Env::new();
    let home = env.tmp.path();
    let cwd = home.join("somewhere");
    fs::create_dir_all(&cwd).unwrap();

    let out = note_with_config(&env, "dir = \"~/journal2\"\n", &cwd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(notes_under(&home.join("journal2")), 1);

    let out = note_with_config(&env, "dir = \"~\"\n", &cwd);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(notes_under(home), 1);

    let out = note_with_config(&env, "dir = \"journal3\"\n", &cwd);
    assert!(out.status.success(), "{}", stderr(&out));
    let beside = env.config_path().parent().unwrap().join("journal3");
    assert_eq!(notes_under(&beside), 1);

    // Nothing at all was written under the folder tend was started from.
    assert_eq!(fs::read_dir(&cwd).unwrap().count(), 0);
}

#[test]
fn an_empty_config_dir_is_an_error_naming_the_config_file() {
    let env = Env::new();
    let cwd = env.tmp.path().join("somewhere");
    fs::create_dir_all(&cwd).unwrap();
    for line in ["dir = \"\"\n", "dir = \"  \"\n"] {
        let out = note_with_config(&env, line, &cwd);
        assert_eq!(out.status.code(), Some(1));
        let said = stderr(&out);
        assert!(
            said.contains(s(&env.config_path())) && said.contains("dir") && said.contains("empty"),
            "{said}"
        );
        assert_eq!(fs::read_dir(&cwd).unwrap().count(), 0);
    }
}

#[test]
fn a_journal_folder_that_is_a_link_is_fine_and_doctor_says_so() {
    let env = Env::new();
    note(&env, "A note");
    let link = env.tmp.path().join("linked-journal");
    symlink(env.dir(), &link).unwrap();
    let out = env
        .tend()
        .env("TEND_DIR", &link)
        .env("TEND_TEST_NOW", LATER)
        .arg("doctor")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("Everything looks right"),
        "{}",
        stdout(&out)
    );
    let out = env
        .tend()
        .env("TEND_DIR", &link)
        .env("TEND_TEST_NOW", LATER)
        .args(["note", "Through the linked folder"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(env.entry_files().len(), 2);
}

// ---------------------------------------------------------------------------
// Two files claiming one id, and strays

#[test]
fn two_files_claiming_one_id_are_listed_by_path_and_handled_by_path() {
    let env = Env::new();
    let id = note(&env, "The one in November");
    let nov = env.path_of(&id);
    // A copy put back by hand into another month folder, changed a little.
    let oct = env.dir().join(format!("entries/2026/10/{id}.toml"));
    fs::create_dir_all(oct.parent().unwrap()).unwrap();
    fs::write(
        &oct,
        fs::read_to_string(&nov)
            .unwrap()
            .replace("The one in November", "The copy in October"),
    )
    .unwrap();

    let listed = env.ok_at(LATER, &["list"]);
    assert!(
        listed.contains(s(&nov)) && listed.contains(s(&oct)),
        "{listed}"
    );

    let out = env.run_at(LATER, &["show", &handle_of_id(&id)]);
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(
        said.contains("2 files claim the id") && said.contains(s(&nov)) && said.contains(s(&oct)),
        "{said}"
    );

    let shown = env.ok_at(LATER, &["show", s(&oct)]);
    assert!(shown.contains("The copy in October"), "{shown}");
    // A path relative to the journal folder works too.
    let shown = env.ok_at(LATER, &["show", &format!("entries/2026/11/{id}.toml")]);
    assert!(shown.contains("The one in November"), "{shown}");

    let (code, doctor_out) = {
        let out = env.run_at(LATER, &["doctor"]);
        (out.status.code(), stdout(&out))
    };
    assert_eq!(code, Some(1));
    let dup: Vec<&str> = doctor_out
        .lines()
        .filter(|l| l.contains("[duplicate_id]"))
        .collect();
    assert_eq!(dup.len(), 2, "{doctor_out}");
    assert!(
        dup.iter().all(|l| l.contains("tend delete PATH")),
        "{doctor_out}"
    );

    env.ok_at(LATER, &["delete", s(&oct), "--yes"]);
    assert!(!oct.exists());
    assert!(
        fs::read_to_string(&nov)
            .unwrap()
            .contains("The one in November")
    );
    assert!(
        trashed(&env, &id)
            .iter()
            .any(|(_, t)| t.contains("The copy in October"))
    );
    let out = env.run_at(LATER, &["doctor"]);
    assert!(!stdout(&out).contains("duplicate_id"), "{}", stdout(&out));

    // A path outside the journal is refused, and the file left alone.
    let outside = env.file("elsewhere.toml", "not an entry\n");
    let out = env.run_at(LATER, &["delete", s(&outside), "--yes"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&outside).unwrap(), "not an entry\n");
}

#[test]
fn doctor_reports_stray_files_in_entries() {
    let env = Env::new();
    note(&env, "A note");
    let entries = env.dir().join("entries");
    let strays = [
        entries.join("notes.txt"),
        entries.join("2026/11/README"),
        entries.join("2026/shopping.toml"),
    ];
    for p in &strays {
        fs::write(p, "mine\n").unwrap();
        fs::set_permissions(p, fs::Permissions::from_mode(0o600)).unwrap();
    }
    let folder = entries.join("old stuff");
    fs::create_dir(&folder).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o700)).unwrap();
    fs::write(folder.join("a.toml"), "x").unwrap();
    fs::set_permissions(folder.join("a.toml"), fs::Permissions::from_mode(0o600)).unwrap();
    let out = env.run_at(LATER, &["doctor"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    let stray: Vec<&str> = said.lines().filter(|l| l.contains("[stray]")).collect();
    assert_eq!(stray.len(), 4, "{said}");
    for p in strays.iter().chain([&folder]) {
        assert!(
            stray.iter().any(|l| l.contains(s(p))),
            "{} not in {said}",
            p.display()
        );
    }
    for p in &strays {
        assert_eq!(fs::read_to_string(p).unwrap(), "mine\n");
    }
}

//! Words open in an editor wait in one private scratch folder outside the
//! journal, and nothing is left there or in the journal afterwards: after
//! `edit`, `note --editor` and a check-in answer in the editor, after SIGHUP
//! or SIGTERM while the editor is open, and (swept at the next start) after
//! a SIGKILL.
// Needs Unix: shell-script editors, signals, file modes and a pseudo-terminal.
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T13:20:05+00:00";

fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "{}", stderr(out));
}

fn script(env: &Env, name: &str, body: &str) -> PathBuf {
    let p = env.file(name, &format!("#!/bin/sh\n{body}\n"));
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// Files named like the old in-journal copies, or tend's own temporary files.
fn journal_leftovers(env: &Env) -> Vec<PathBuf> {
    let mut all = Vec::new();
    walk(&env.dir(), &mut all);
    all.retain(|p| {
        let n = p.file_name().unwrap().to_string_lossy();
        n.starts_with(".edit-") || n.starts_with(".tend-")
    });
    all
}

fn assert_nothing_left(env: &Env) {
    assert!(
        env.scratch_files().is_empty(),
        "left in the scratch folder: {:?}",
        env.scratch_files()
    );
    assert!(
        journal_leftovers(env).is_empty(),
        "{:?}",
        journal_leftovers(env)
    );
}

fn wait_for(p: &Path) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(s) = fs::read_to_string(p)
            && s.ends_with('\n')
        {
            return s;
        }
        assert!(Instant::now() < deadline, "{} never appeared", p.display());
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn alive(pid: &str) -> bool {
    Command::new("kill")
        .args(["-0", pid.trim()])
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap()
        .success()
}

fn gone_soon(pid: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(5);
    while alive(pid) {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    true
}

fn signal(pid: u32, sig: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "could not send SIG{sig}");
}

#[test]
fn edit_works_on_a_private_copy_outside_the_journal_and_removes_it() {
    let env = Env::new().at(NOW);
    ok(&env.run_at(NOW, &["note", "Asked about the rota"]));
    let seen = env.tmp.path().join("seen.txt");
    let ed = script(
        &env,
        "ed.sh",
        &format!(
            r#"sed -i 's/the rota/the new rota/' "$1"
echo "$1 $(stat -c %a "$1") $(stat -c %a "$(dirname "$1")")" > "{}""#,
            seen.display()
        ),
    );
    let out = env
        .tend()
        .env("EDITOR", &ed)
        .args(["edit", "last"])
        .output()
        .unwrap();
    ok(&out);
    let seen = fs::read_to_string(&seen).unwrap();
    let parts: Vec<&str> = seen.split_whitespace().collect();
    assert!(
        Path::new(parts[0]).starts_with(env.scratch_dir()),
        "the copy was at {}",
        parts[0]
    );
    assert_eq!(&parts[1..], ["600", "700"], "file and folder modes");
    let text = fs::read_to_string(&env.entry_files()[0]).unwrap();
    assert!(text.contains("Asked about the new rota"), "{text}");
    assert_nothing_left(&env);
}

#[test]
fn note_in_the_editor_leaves_nothing_behind() {
    let env = Env::new().at(NOW);
    let ed = script(&env, "ed.sh", r#"echo "Written in the editor" > "$1""#);
    let mut t = spawn(
        &env,
        &["note", "--editor"],
        Extra {
            editor: Some(&ed),
            ..Extra::default()
        },
    );
    t.expect("Saved your note");
    t.finish().assert_code(0);
    let text = fs::read_to_string(&env.entry_files()[0]).unwrap();
    assert!(text.contains("Written in the editor"), "{text}");
    assert_nothing_left(&env);
}

#[test]
fn a_checkin_answer_in_the_editor_leaves_nothing_behind() {
    let env = Env::new().at(NOW);
    env.write_pack("two.toml", TWO_QUESTIONS);
    let ed = script(&env, "ed.sh", r#"echo "Handover went well" > "$1""#);
    let mut t = spawn(
        &env,
        &["checkin", "--pack", "two", "--editor"],
        Extra {
            editor: Some(&ed),
            ..Extra::default()
        },
    );
    t.answer("1/2 How much energy", "3");
    t.expect("2/2 Anything on your mind?");
    t.expect("Saved your");
    t.finish().assert_code(0);
    let text = fs::read_to_string(&env.entry_files()[0]).unwrap();
    assert!(text.contains("Handover went well"), "{text}");
    assert_nothing_left(&env);
}

/// A check-in whose second answer is in an editor that writes some words,
/// then waits; tend gets `sig` while it waits.
fn stopped_in_the_editor(sig: &str) {
    let env = Env::new().at(NOW);
    env.write_pack("two.toml", TWO_QUESTIONS);
    let pid_file = env.tmp.path().join("editor.pid");
    let ed = script(
        &env,
        "slow.sh",
        &format!(
            r#"echo "Half a thought" > "$1"
echo $$ > "{}"
exec sleep 30"#,
            pid_file.display()
        ),
    );
    let mut t = spawn(
        &env,
        &["checkin", "--pack", "two", "--editor"],
        Extra {
            editor: Some(&ed),
            ..Extra::default()
        },
    );
    t.answer("1/2 How much energy", "3");
    let editor = wait_for(&pid_file);
    assert_eq!(
        env.scratch_files().len(),
        1,
        "the editor's copy exists meanwhile"
    );
    signal(t.session.get_process().pid().as_raw() as u32, sig);
    let exit = t.finish();
    assert!(exit.all.contains("Paused"), "SIG{sig}: {}", exit.all);
    exit.assert_code(130);
    assert_nothing_left(&env);
    assert!(gone_soon(&editor), "SIG{sig}: the editor was left running");
    // The finished answer is kept in the draft, as after Ctrl-C.
    let drafts: Vec<String> = fs::read_dir(env.dir().join("drafts"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(
        drafts.len(),
        1,
        "SIG{sig}: {:?}",
        fs::read_dir(env.dir().join("drafts"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect::<Vec<_>>()
    );
    assert!(drafts[0].contains("energy"), "{}", drafts[0]);
    assert!(!drafts[0].contains("Half a thought"), "{}", drafts[0]);
    assert!(env.entry_files().is_empty());
}

#[test]
fn sighup_while_the_editor_is_open_keeps_the_draft_and_leaves_no_copy() {
    stopped_in_the_editor("HUP");
}

#[test]
fn sigterm_while_the_editor_is_open_keeps_the_draft_and_leaves_no_copy() {
    stopped_in_the_editor("TERM");
}

/// `tend edit` with an editor that waits; returns tend and the editor's pid.
fn edit_waiting(env: &Env) -> (std::process::Child, String) {
    let pid_file = env.tmp.path().join("editor.pid");
    let _ = fs::remove_file(&pid_file);
    let ed = script(
        env,
        "slow.sh",
        &format!(
            r#"sed -i 's/rota/roster/' "$1"
echo $$ > "{}"
exec sleep 30"#,
            pid_file.display()
        ),
    );
    let child = env
        .std_tend()
        .env("EDITOR", &ed)
        .args(["edit", "last"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let editor = wait_for(&pid_file);
    (child, editor)
}

#[test]
fn sigterm_during_edit_changes_nothing_and_leaves_no_copy() {
    let env = Env::new().at(NOW);
    ok(&env.run_at(NOW, &["note", "Asked about the rota"]));
    let before = env.snapshot();
    let (child, editor) = edit_waiting(&env);
    assert_eq!(env.scratch_files().len(), 1);
    signal(child.id(), "TERM");
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Stopped before your edit was saved, so the entry is as it was."),
        "{}",
        stderr(&out)
    );
    assert!(gone_soon(&editor));
    assert_nothing_left(&env);
    let mut after = env.snapshot();
    after.retain(|(p, _)| !p.ends_with("editor.pid") && !p.ends_with("slow.sh"));
    let mut before = before;
    before.retain(|(p, _)| !p.ends_with("editor.pid") && !p.ends_with("slow.sh"));
    assert_eq!(before, after, "every file as it was");
}

#[test]
fn a_copy_left_by_a_killed_tend_is_swept_at_the_next_start() {
    let env = Env::new().at(NOW);
    ok(&env.run_at(NOW, &["note", "Asked about the rota"]));
    let (mut child, editor) = edit_waiting(&env);
    signal(child.id(), "KILL");
    child.wait().unwrap();
    signal(editor.trim().parse().unwrap(), "KILL");
    let left = env.scratch_files();
    assert_eq!(left.len(), 1, "a SIGKILL cannot clean up");
    // As vim names its swap file beside the copy.
    let name = left[0].file_name().unwrap().to_string_lossy().into_owned();
    fs::write(env.scratch_dir().join(format!(".{name}.swp")), "swap").unwrap();
    // A copy belonging to a tend that is still running is not touched.
    let running = env
        .scratch_dir()
        .join(format!("{}-keep.toml", std::process::id()));
    fs::write(&running, "in use").unwrap();

    ok(&env.run_at(NOW, &["list"]));
    assert_eq!(env.scratch_files(), vec![running.clone()]);
    // Unless it is over a day old (pids are reused).
    let old = std::time::SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
    fs::File::options()
        .write(true)
        .open(&running)
        .unwrap()
        .set_modified(old)
        .unwrap();
    ok(&env.run_at(NOW, &["list"]));
    assert!(env.scratch_files().is_empty(), "{:?}", env.scratch_files());
}

#[test]
fn a_scratch_folder_someone_else_could_read_is_closed_first() {
    let env = Env::new().at(NOW);
    fs::create_dir(env.scratch_dir()).unwrap();
    fs::set_permissions(env.scratch_dir(), fs::Permissions::from_mode(0o777)).unwrap();
    ok(&env.run_at(NOW, &["note", "Asked about the rota"]));
    let ed = script(&env, "ed.sh", r#"sed -i 's/rota/roster/' "$1""#);
    ok(&env
        .tend()
        .env("EDITOR", &ed)
        .args(["edit", "last"])
        .output()
        .unwrap());
    assert_eq!(mode(&env.scratch_dir()), 0o700);
}

#[test]
fn sigterm_at_a_prompt_ends_tend_and_keeps_the_draft() {
    // The one handler catches SIGTERM now; it must still end a waiting tend.
    let env = Env::new().at(NOW);
    env.write_pack("two.toml", TWO_QUESTIONS);
    let mut t = spawn(&env, &["checkin", "--pack", "two"], Extra::default());
    t.answer("1/2 How much energy", "3");
    t.expect("2/2 Anything on your mind?");
    t.expect("): ");
    signal(t.session.get_process().pid().as_raw() as u32, "TERM");
    let exit = t.finish();
    assert!(exit.all.contains("Paused"), "{}", exit.all);
    exit.assert_code(130);
    let drafts: Vec<String> = fs::read_dir(env.dir().join("drafts"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .collect();
    assert_eq!(drafts.len(), 1);
    assert!(drafts[0].contains("energy"), "{}", drafts[0]);
}

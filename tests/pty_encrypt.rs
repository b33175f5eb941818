//! `tend encrypt` in a real terminal, as a person does it: a passphrase too
//! short is refused kindly, the passphrase typed twice, the recovery key
//! shown once, a wrong copy of it refused (nothing changed yet), the right
//! one pasted back; then every entry is sealed, and the passphrase typed in
//! the terminal opens it again.
// Needs Unix: a pseudo-terminal.
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";
const CANARY: &str = "CANARY-pty-91d0";
/// The recovery key tend showed, from the screen.
fn recovery_key_in(shown: &str) -> String {
    shown
        .split_whitespace()
        .find(|w| w.starts_with("AGE-SECRET-KEY-1"))
        .expect("the recovery key is shown")
        .to_string()
}

const PASSPHRASE: &str = "copper kettle morning walk";

/// Types an answer once its prompt is drawn. For a secret the terminal is
/// switched to not echoing after the prompt is drawn, and that switch
/// discards keys typed before it (as it would a person's typing ahead), so
/// wait for it first.
fn type_at(t: &mut Tty, prompt: &str, secret: &str) {
    t.expect(prompt);
    std::thread::sleep(std::time::Duration::from_millis(300));
    t.keys(&format!("{secret}{ENTER}"));
}

fn sealed_env() -> [(&'static str, &'static str); 1] {
    [("TEND_TEST_WORK_FACTOR", "2")]
}

#[test]
fn encrypt_in_a_terminal_asks_twice_and_wants_the_recovery_key_back() {
    let env = Env::new().at(NOW);
    env.ok_at(NOW, &["note", &format!("{CANARY} with Sam Example")]);
    let plain = std::fs::read(&env.entry_files()[0]).unwrap();
    let vars = sealed_env();
    let mut t = spawn(
        &env,
        &["encrypt"],
        Extra {
            now: Some(NOW),
            vars: &vars,
            ..Extra::default()
        },
    );
    type_at(&mut t, "New passphrase: ", "too short");
    t.expect("A few ordinary words");
    type_at(&mut t, "New passphrase: ", PASSPHRASE);
    type_at(&mut t, "The same passphrase again: ", PASSPHRASE);
    t.expect("shown only this once");
    let shown = t.expect("never beside the journal");
    let key = recovery_key_in(&shown);
    // A key with one character wrong: asked again, nothing changed yet.
    let mut wrong = key.clone();
    let last = if wrong.ends_with('Q') { 'P' } else { 'Q' };
    wrong.pop();
    wrong.push(last);
    type_at(&mut t, "type or paste the recovery key here", &wrong);
    t.expect("not quite the same key");
    assert!(!env.dir().join("key").exists(), "keys were written early");
    assert_eq!(env.entry_files().len(), 1);
    // Pasted in lower case with spaces: forgiven.
    let pasted = format!("{} {}", &key[..20], &key[20..]).to_lowercase();
    type_at(&mut t, "type or paste the recovery key here", &pasted);
    t.expect("The journal is encrypted: 1 file sealed");
    t.finish().assert_code(0);

    assert!(env.entry_files().is_empty(), "a plain entry is left");
    let mut files = Vec::new();
    walk(&env.dir(), &mut files);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(CANARY),
            "{} holds the words",
            f.display()
        );
    }

    // The passphrase, typed in the terminal, opens it again.
    let mut t = spawn(
        &env,
        &["show", "last", "--raw"],
        Extra {
            now: Some(NOW),
            vars: &vars,
            ..Extra::default()
        },
    );
    type_at(&mut t, "Passphrase for this journal: ", PASSPHRASE);
    t.expect(CANARY);
    let exit = t.finish();
    exit.assert_code(0);
    let shown = exit.all.replace("\r\n", "\n");
    assert!(
        shown.contains(String::from_utf8_lossy(&plain).trim_end()),
        "{shown}"
    );
}

const PASS_FILE: &str = "pass";

/// An encrypted journal with one note holding the canary, made without a
/// terminal; the recovery key is in `recovery.txt`, the passphrase in `pass`.
fn encrypted_journal() -> Env {
    let env = Env::new().at(NOW);
    env.file(PASS_FILE, &format!("{PASSPHRASE}\n"));
    env.ok_at(NOW, &["note", &format!("{CANARY} before")]);
    let out = env
        .tend()
        .env("TEND_TEST_WORK_FACTOR", "2")
        .env("TEND_PASSPHRASE_COMMAND", pass_command(&env))
        .args(["encrypt", "--recovery-key-out"])
        .arg(env.tmp.path().join("recovery.txt"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    env
}

fn pass_command(env: &Env) -> String {
    format!("cat '{}'", env.tmp.path().join(PASS_FILE).display())
}

/// `tend ARGS` without a terminal, the passphrase from its command.
fn tend_ok(env: &Env, args: &[&str]) -> String {
    let out = env
        .tend()
        .env("TEND_TEST_WORK_FACTOR", "2")
        .env("TEND_PASSPHRASE_COMMAND", pass_command(env))
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "tend {args:?}: {}", stderr(&out));
    stdout(&out)
}

/// Whether the standard `age` command opens `file` with the key in `key`.
fn age_opens(key: &std::path::Path, file: &std::path::Path) -> bool {
    std::process::Command::new("age")
        .args(["-d", "-i"])
        .arg(key)
        .arg(file)
        .output()
        .expect("the `age` command is needed (Debian's package `age`)")
        .status
        .success()
}

/// Every sealed file of the journal but the key files.
fn sealed(env: &Env) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    walk(&env.dir(), &mut files);
    files
        .retain(|f| f.to_string_lossy().ends_with(".age") && !f.starts_with(env.dir().join("key")));
    assert!(!files.is_empty());
    files
}

fn script(env: &Env, name: &str, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = env.file(name, &format!("#!/bin/sh\n{body}\n"));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    p
}

#[test]
fn key_recovery_in_a_terminal_shows_the_new_key_once_and_wants_it_back() {
    let env = encrypted_journal();
    let old = env.tmp.path().join("recovery.txt");
    let vars = sealed_env();
    let mut t = spawn(
        &env,
        &["key", "recovery"],
        Extra {
            now: Some(NOW),
            vars: &vars,
            ..Extra::default()
        },
    );
    type_at(&mut t, "Passphrase for this journal: ", PASSPHRASE);
    t.expect("shown only this once");
    let shown = t.expect("never beside the journal");
    let key = recovery_key_in(&shown);
    // The old recovery key typed back by mistake: asked again, nothing changed.
    let old_key = std::fs::read_to_string(&old).unwrap();
    let old_key = old_key.lines().find(|l| l.starts_with("AGE-")).unwrap();
    let before: Vec<Vec<u8>> = sealed(&env)
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    type_at(&mut t, "type or paste the recovery key here", old_key);
    t.expect("not quite the same key");
    let now: Vec<Vec<u8>> = sealed(&env)
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    assert!(before == now, "files changed before the key was typed back");
    assert!(!env.dir().join("key/next.age").exists());
    type_at(&mut t, "type or paste the recovery key here", &key);
    t.expect("The journal has a new recovery key");
    t.finish().assert_code(0);

    let new = env.file("new-recovery.txt", &format!("{key}\n"));
    for f in sealed(&env) {
        assert!(
            age_opens(&new, &f),
            "{} does not open with the new key",
            f.display()
        );
        assert!(
            !age_opens(&old, &f),
            "{} opens with the old key",
            f.display()
        );
    }
    assert!(tend_ok(&env, &["list", "--grep", CANARY]).contains(CANARY));
}

#[test]
fn a_checkin_open_during_key_recovery_is_sealed_to_the_new_recovery_key() {
    let env = encrypted_journal();
    env.write_pack("two.toml", TWO_QUESTIONS);
    let open = env.tmp.path().join("editor-open");
    let go = env.tmp.path().join("go");
    // The editor writes its words, then waits until the test lets it close.
    let ed = script(
        &env,
        "ed.sh",
        &format!(
            "echo \"{CANARY} during\" > \"$1\"; touch '{}'; while [ ! -f '{}' ]; do sleep 0.05; done",
            open.display(),
            go.display()
        ),
    );
    let pass = pass_command(&env);
    let vars = [
        ("TEND_TEST_WORK_FACTOR", "2"),
        ("TEND_PASSPHRASE_COMMAND", pass.as_str()),
    ];
    let mut t = spawn(
        &env,
        &["checkin", "--pack", "two", "--editor"],
        Extra {
            now: Some(NOW),
            editor: Some(&ed),
            vars: &vars,
            ..Extra::default()
        },
    );
    t.answer("1/2 How much energy", "3");
    t.expect("2/2 Anything on your mind?");
    let start = std::time::Instant::now();
    while !open.exists() {
        assert!(start.elapsed() < TIMEOUT, "the editor never opened");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The check-in has unlocked the journal (its draft is sealed) and waits
    // in the editor; meanwhile the recovery key changes.
    assert!(
        std::fs::read_dir(env.dir().join("drafts"))
            .unwrap()
            .flatten()
            .any(|d| d.file_name().to_string_lossy().ends_with(".toml.age")),
        "no sealed draft yet"
    );
    let new = env.tmp.path().join("new-recovery.txt");
    tend_ok(
        &env,
        &[
            "key",
            "recovery",
            "--recovery-key-out",
            new.to_str().unwrap(),
        ],
    );
    std::fs::write(&go, "").unwrap();
    t.expect("Saved your");
    t.finish().assert_code(0);

    let old = env.tmp.path().join("recovery.txt");
    let entries: Vec<_> = sealed(&env)
        .into_iter()
        .filter(|f| f.starts_with(env.dir().join("entries")))
        .collect();
    assert_eq!(entries.len(), 2);
    for f in &entries {
        assert!(
            age_opens(&new, f),
            "{} does not open with the new recovery key",
            f.display()
        );
        assert!(
            !age_opens(&old, f),
            "{} opens with the old recovery key",
            f.display()
        );
    }
    assert_eq!(
        tend_ok(&env, &["list", "--grep", CANARY])
            .matches(CANARY)
            .count(),
        2
    );
}

#[test]
fn a_checkin_with_an_editor_answer_leaves_no_words_in_the_clear() {
    let env = encrypted_journal();
    env.write_pack("two.toml", TWO_QUESTIONS);
    let ed = script(
        &env,
        "ed.sh",
        &format!("echo \"{CANARY} in the editor\" > \"$1\""),
    );
    let vars = sealed_env();
    let mut t = spawn(
        &env,
        &["checkin", "--pack", "two", "--editor"],
        Extra {
            now: Some(NOW),
            editor: Some(&ed),
            vars: &vars,
            ..Extra::default()
        },
    );
    type_at(&mut t, "Passphrase for this journal: ", PASSPHRASE);
    t.answer("1/2 How much energy", "3");
    t.expect("2/2 Anything on your mind?");
    t.expect("Saved your");
    t.finish().assert_code(0);

    let mut files = Vec::new();
    walk(&env.dir(), &mut files);
    walk(&env.scratch_dir(), &mut files);
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(CANARY),
            "{} holds the words",
            f.display()
        );
    }
    assert!(env.scratch_files().is_empty(), "{:?}", env.scratch_files());
    let found = tend_ok(&env, &["list", "--grep", CANARY]);
    assert!(
        found.contains(&format!("{CANARY} in the editor")),
        "{found}"
    );
}

//! Encryption at rest, end to end (issue 14): every kind of entry survives
//! `tend encrypt` word for word; after it, and after every command on an
//! encrypted journal, not a byte of what was written is on disk in the clear,
//! while tend itself still finds and shows it; `status` and the greeting
//! never ask for the passphrase; a wrong passphrase changes nothing; the
//! standard `age` command opens an entry with the recovery key; and a kill
//! at any moment of `encrypt` or `decrypt` loses nothing.
// Passphrase commands through sh, the age command, SIGKILL, Unix permissions.
#![cfg(unix)]

mod common;
use common::*;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Std;
use std::time::{Duration, Instant};

const CANARY: &str = "CANARY-7f3e";
const PASSPHRASE: &str = "lantern orchard quietly";

/// The test environment plus a passphrase file, and the recovery key's file.
struct Enc {
    env: Env,
}

impl Enc {
    fn new() -> Enc {
        let env = Env::new().at("2026-11-26T13:20:05+00:00");
        let enc = Enc { env };
        enc.set_passphrase(PASSPHRASE);
        enc
    }
    fn pass_file(&self) -> PathBuf {
        self.env.tmp.path().join("pass")
    }
    fn set_passphrase(&self, p: &str) {
        fs::write(self.pass_file(), format!("{p}\n")).unwrap();
    }
    fn recovery(&self) -> PathBuf {
        self.env.tmp.path().join("recovery.txt")
    }
    /// `tend`, with a low work factor and the passphrase from a command.
    fn tend(&self) -> assert_cmd::Command {
        let mut c = self.env.tend();
        c.env("TEND_TEST_WORK_FACTOR", "2").env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", self.pass_file().display()),
        );
        c
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.tend().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "tend {args:?} failed: {}",
            stderr(&out)
        );
        stdout(&out)
    }
    fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let out = self
            .tend()
            .env("TEND_TEST_NOW", now)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tend {args:?} failed: {}",
            stderr(&out)
        );
        stdout(&out)
    }
    fn encrypt(&self) {
        let out = self.recovery();
        self.ok(&["encrypt", "--recovery-key-out", out.to_str().unwrap()]);
    }
    /// Every file under the journal folder.
    fn files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        walk(&self.env.dir(), &mut files);
        files.sort();
        files
    }
    /// Not a byte of the canary anywhere under the journal, and no entry,
    /// draft or trashed file in the clear; nothing in the scratch folder.
    fn sealed_everywhere(&self, after: &str) {
        // The editor's copy is gone from the scratch folder too.
        let scratch = self.env.scratch_files();
        assert!(scratch.is_empty(), "after {after}: left {scratch:?}");
        let files = self.files();
        assert!(!files.is_empty());
        for path in files {
            let bytes = fs::read(&path).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains(CANARY),
                "after {after}: {} holds the canary",
                path.display()
            );
            let name = path.file_name().unwrap().to_string_lossy();
            if name.ends_with(".toml") && !path.starts_with(self.env.dir().join("key")) {
                panic!("after {after}: {} is in the clear", path.display());
            }
        }
    }
    fn found_by_grep(&self) -> usize {
        self.ok(&["list", "--grep", CANARY])
            .lines()
            .filter(|l| l.contains(CANARY))
            .count()
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const FEEDBACK_PACK: &str = r#"
id = "fb"
version = 1
title = "Feedback"
kind = "feedback"
description = "Feedback on my practice."

[[questions]]
id = "said"
type = "text"
text = "What was said?"
measures = "feedback:content"
level = "full"
"#;

/// One entry of every kind, each holding the canary.
fn every_kind(enc: &Enc) {
    let env = &enc.env;
    env.write_pack("fb.toml", FEEDBACK_PACK);
    let before = env.file("before.toml", &format!("hope = \"{CANARY} hope\"\n"));
    enc.ok_at(
        "2026-11-10T09:00:00+00:00",
        &["read", &format!("{CANARY} title"), "--answers", s(&before)],
    );
    let after = env.file("after.toml", &format!("learned = \"{CANARY} learned\"\n"));
    enc.ok_at(
        "2026-11-12T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let c = env.file(
        "c.toml",
        &format!(
            "motivation = 4\nattend = \"{CANARY} Sam Example\"\nnext_action = \"{CANARY} action\"\n"
        ),
    );
    enc.ok_at(
        "2026-11-16T09:00:00+00:00",
        &["checkin", "--answers", s(&c)],
    );
    enc.ok_at(
        "2026-11-19T09:00:00+00:00",
        &["actions", "add", &format!("{CANARY} added")],
    );
    let w = env.file("w.toml", &format!("learning = \"{CANARY} weekly\"\n"));
    enc.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&w)],
    );
    enc.ok_at(
        "2026-11-21T09:00:00+00:00",
        &["note", &format!("{CANARY} note")],
    );
    let f = env.file("f.toml", &format!("said = \"{CANARY} feedback\"\n"));
    enc.ok_at(
        "2026-11-22T09:00:00+00:00",
        &["checkin", "--pack", "fb", "--answers", s(&f)],
    );
    let listing = enc.ok_at("2026-11-23T09:00:00+00:00", &["actions"]);
    let line = listing
        .lines()
        .find(|l| l.contains("added"))
        .unwrap_or_else(|| panic!("no action in {listing}"));
    let handle = line.split_whitespace().next().unwrap().to_string();
    enc.ok_at(
        "2026-11-23T09:00:00+00:00",
        &[
            "actions",
            "done",
            &handle,
            "--note",
            &format!("{CANARY} done"),
        ],
    );
}

/// Each entry file's id and bytes.
fn plain_entries(enc: &Enc) -> Vec<(String, Vec<u8>)> {
    enc.env
        .entry_files()
        .into_iter()
        .map(|p| {
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (id, fs::read(&p).unwrap())
        })
        .collect()
}

fn sealed_files(enc: &Enc) -> Vec<PathBuf> {
    let mut files = Vec::new();
    walk(&enc.env.dir().join("entries"), &mut files);
    files.retain(|p| p.to_string_lossy().ends_with(".toml.age"));
    files.sort();
    files
}

#[test]
fn every_kind_survives_encryption_word_for_word_and_nothing_is_left_in_the_clear() {
    let enc = Enc::new();
    every_kind(&enc);
    let before = plain_entries(&enc);
    let kinds: std::collections::BTreeSet<String> = enc
        .env
        .entries()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "action",
            "checkin",
            "feedback",
            "followup",
            "note",
            "reading",
            "reading_after",
            "weekly"
        ]
    );
    let found = enc.found_by_grep();
    assert!(found >= 8, "grep found {found} before");

    enc.encrypt();
    enc.sealed_everywhere("tend encrypt");
    assert_eq!(sealed_files(&enc).len(), before.len());
    for (id, bytes) in &before {
        let raw = enc.tend().args(["show", id, "--raw"]).output().unwrap();
        assert!(raw.status.success(), "{}", stderr(&raw));
        assert_eq!(&raw.stdout, bytes, "{id} changed");
    }
    assert_eq!(enc.found_by_grep(), found);
    let shown = enc.ok(&["show", &before[0].0]);
    assert!(shown.contains(CANARY), "{shown}");
    // The recovery key file is private.
    assert_eq!(mode(&enc.recovery()) & 0o777, 0o600);
    for f in enc.files() {
        assert_eq!(mode(&f) & 0o077, 0, "{} is not private", f.display());
    }
}

#[test]
fn commands_on_an_encrypted_journal_never_write_words_in_the_clear() {
    let enc = Enc::new();
    enc.ok(&["note", "a first note"]);
    enc.encrypt();
    enc.ok(&["note", &format!("{CANARY} a note")]);
    enc.sealed_everywhere("note");
    assert_eq!(enc.found_by_grep(), 1);

    let answers = enc.env.file(
        "a.toml",
        &format!("motivation = 3\nattend = \"{CANARY} checkin\"\n"),
    );
    enc.ok_at(
        "2026-11-26T14:00:00+00:00",
        &["checkin", "--answers", s(&answers)],
    );
    fs::remove_file(&answers).unwrap();
    enc.sealed_everywhere("checkin --answers");
    assert_eq!(enc.found_by_grep(), 2);

    // A scripted editor adds a line to the note's answer.
    let editor = enc.env.file(
        "editor.sh",
        &format!("#!/bin/sh\nsed -i 's/a note/a note, {CANARY} edited/' \"$1\"\n"),
    );
    fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let list = enc.ok(&["list", "--grep", "a note"]);
    let handle = list.split_whitespace().next().unwrap().to_string();
    let out = enc
        .tend()
        .env("EDITOR", &editor)
        .args(["edit", &handle])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    enc.sealed_everywhere("edit");
    let shown = enc.ok(&["show", &handle]);
    assert!(shown.contains("edited"), "{shown}");

    enc.ok(&["delete", &handle, "--yes"]);
    enc.sealed_everywhere("delete");
    assert_eq!(enc.found_by_grep(), 1);
    let trash = enc.ok(&["trash"]);
    assert!(
        trash.contains(CANARY),
        "the trash names what it holds: {trash}"
    );
    enc.ok(&["restore", &handle]);
    enc.sealed_everywhere("restore");
    assert_eq!(enc.found_by_grep(), 2);
    let doctor = enc.ok(&["doctor"]);
    assert!(doctor.contains("Everything looks right"), "{doctor}");
}

#[test]
fn a_wrong_passphrase_reads_nothing_and_writes_nothing() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} kept")]);
    enc.encrypt();
    let snapshot = || {
        enc.files()
            .into_iter()
            .filter(|p| !p.ends_with(".lock"))
            .map(|p| (fs::read(&p).unwrap(), p))
            .collect::<Vec<_>>()
    };
    let before = snapshot();
    enc.set_passphrase("not the right words at all");
    for args in [
        vec!["note", "more words"],
        vec!["list"],
        vec!["show", "last"],
        vec!["summary"],
        vec!["index", "--rebuild"],
        vec!["key", "passphrase"],
    ] {
        let out = enc.tend().args(&args).output().unwrap();
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("that passphrase does not open this journal"),
            "{args:?}: {err}"
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains(CANARY));
        assert_eq!(snapshot(), before, "{args:?} changed something");
    }
}

#[test]
fn status_and_the_greeting_never_ask_for_the_passphrase() {
    let enc = Enc::new();
    enc.encrypt();
    let answers = enc
        .env
        .file("a.toml", "motivation = 3\nnext_action = \"Call Sam\"\n");
    enc.ok(&["checkin", "--answers", s(&answers)]);
    let marker = enc.env.tmp.path().join("asked");
    let watched = |args: &[&str]| {
        let out = enc
            .env
            .tend()
            .env(
                "TEND_PASSPHRASE_COMMAND",
                format!(
                    "touch '{}'; cat '{}'",
                    marker.display(),
                    enc.pass_file().display()
                ),
            )
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let index_before: Vec<PathBuf> = {
        let mut f = Vec::new();
        walk(&enc.env.dir().join("index"), &mut f);
        f.sort();
        f
    };
    let status = watched(&["status"]);
    assert_eq!(status.trim(), "checked in today · 1 action open");
    let json = watched(&["status", "--format", "json"]);
    assert!(json.contains("\"open_actions\":1"), "{json}");
    let greeting = watched(&[]);
    assert!(greeting.contains("checked in at 13:20"), "{greeting}");
    assert!(greeting.contains("(1 entry)"), "{greeting}");
    assert!(
        !marker.exists(),
        "status or the greeting ran the passphrase command"
    );
    // Even with the sealed index gone, status does not rebuild it.
    fs::remove_file(enc.env.dir().join("index/state.json.age")).unwrap();
    watched(&["status"]);
    assert!(!marker.exists());
    let mut index_after = Vec::new();
    walk(&enc.env.dir().join("index"), &mut index_after);
    index_after.sort();
    assert_eq!(index_after.len() + 1, index_before.len());
    // A command that needs words does ask, once.
    watched(&["list"]);
    assert!(marker.exists());
}

#[test]
fn a_new_passphrase_changes_no_entry_and_the_recovery_key_sets_another() {
    let enc = Enc::new();
    every_kind(&enc);
    enc.encrypt();
    let bytes = |enc: &Enc| {
        sealed_files(enc)
            .into_iter()
            .map(|p| fs::read(p).unwrap())
            .collect::<Vec<_>>()
    };
    let before = bytes(&enc);
    let identity_before = fs::read(enc.env.dir().join("key/identity.age")).unwrap();
    let new = enc.env.file("new", "a brand new passphrase here\n");
    let out = enc
        .tend()
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", new.display()),
        )
        .args(["key", "passphrase"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(bytes(&enc), before, "an entry changed");
    assert_ne!(
        fs::read(enc.env.dir().join("key/identity.age")).unwrap(),
        identity_before
    );
    // The old passphrase no longer opens it; the new one does.
    let out = enc.tend().args(["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    enc.set_passphrase("a brand new passphrase here");
    assert!(enc.ok(&["list", "--grep", CANARY]).contains(CANARY));

    // Forgotten: the recovery key sets a third.
    enc.set_passphrase("the third passphrase, typed");
    let out = enc
        .tend()
        .args(["key", "recover", "--recovery-key-file", s(&enc.recovery())])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(bytes(&enc), before, "an entry changed");
    assert!(enc.ok(&["list", "--grep", CANARY]).contains(CANARY));
    // A short passphrase is refused, kindly, changing nothing.
    let identity = fs::read(enc.env.dir().join("key/identity.age")).unwrap();
    let short = enc.env.file("short", "too short\n");
    let out = enc
        .tend()
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", short.display()),
        )
        .args(["key", "passphrase"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("A few ordinary words"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read(enc.env.dir().join("key/identity.age")).unwrap(),
        identity
    );
}

#[test]
fn the_age_command_opens_an_entry_with_the_recovery_key() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} for age")]);
    let plain = fs::read(&enc.env.entry_files()[0]).unwrap();
    enc.encrypt();
    let sealed = &sealed_files(&enc)[0];
    let out = Std::new("age")
        .args(["-d", "-i"])
        .arg(enc.recovery())
        .arg(sealed)
        .output()
        .expect("the `age` command is needed (Debian's package `age`; .ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.stdout, plain);
}

#[test]
fn inside_a_git_repository_encrypt_asks_for_new_history_and_never_touches_git() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} in git")]);
    fs::create_dir_all(enc.env.tmp.path().join(".git/objects")).unwrap();
    fs::write(
        enc.env.tmp.path().join(".git/HEAD"),
        "ref: refs/heads/main\n",
    )
    .unwrap();
    let before = enc.env.snapshot();
    let out = enc
        .tend()
        .args(["encrypt", "--recovery-key-out", s(&enc.recovery())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--new-history"), "{}", stderr(&out));
    assert_eq!(enc.env.snapshot(), before, "something changed");
    enc.ok(&[
        "encrypt",
        "--new-history",
        "--recovery-key-out",
        s(&enc.recovery()),
    ]);
    enc.sealed_everywhere("encrypt --new-history");
    assert!(enc.env.tmp.path().join(".git/HEAD").exists());
}

#[test]
fn without_a_terminal_the_recovery_key_goes_to_a_new_file_outside_the_journal() {
    let enc = Enc::new();
    enc.ok(&["note", "words"]);
    let before = enc.env.snapshot();
    let out = enc.tend().arg("encrypt").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--recovery-key-out"),
        "{}",
        stderr(&out)
    );
    let inside = enc.env.dir().join("recovery.txt");
    let out = enc
        .tend()
        .args(["encrypt", "--recovery-key-out", s(&inside)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("inside the journal"),
        "{}",
        stderr(&out)
    );
    assert!(!inside.exists());
    assert_eq!(enc.env.snapshot(), before, "something changed");
}

#[test]
fn decrypt_gives_back_the_plain_files_exactly() {
    let enc = Enc::new();
    every_kind(&enc);
    let before = plain_entries(&enc);
    enc.encrypt();
    enc.ok(&["decrypt"]);
    assert_eq!(plain_entries(&enc), before);
    assert!(sealed_files(&enc).is_empty());
    assert!(!enc.env.dir().join("key/journal.toml").exists());
    // A plain journal again: a new note is written in the clear.
    enc.ok(&["note", "plain again"]);
    assert_eq!(enc.env.entry_files().len(), before.len() + 1);
}

#[test]
fn keys_made_before_a_crash_are_used_again() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} before")]);
    enc.encrypt();
    // Decrypt keeps key/ and clears the marker: the very state a kill
    // between making the keys and converting leaves.
    enc.ok(&["decrypt"]);
    let recipients = fs::read(enc.env.dir().join("key/recipients.txt")).unwrap();
    let other = enc.env.tmp.path().join("second-recovery.txt");
    enc.ok(&["encrypt", "--recovery-key-out", s(&other)]);
    assert!(!other.exists(), "a second recovery key was made");
    assert_eq!(
        fs::read(enc.env.dir().join("key/recipients.txt")).unwrap(),
        recipients
    );
    enc.sealed_everywhere("encrypt again");
    // The first recovery key still opens what the rerun sealed.
    let out = Std::new("age")
        .args(["-d", "-i"])
        .arg(enc.recovery())
        .arg(&sealed_files(&enc)[0])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn doctor_reports_plaintext_a_renamed_ciphertext_and_changed_recipients() {
    let enc = Enc::new();
    enc.ok(&["note", "one"]);
    enc.ok_at("2026-11-26T14:00:00+00:00", &["note", "two"]);
    let stray = enc.env.entry_files()[0].clone();
    let plain = fs::read(&stray).unwrap();
    enc.encrypt();
    // An older tend writes an entry in the clear into the encrypted journal.
    fs::write(&stray, plain).unwrap();
    let sealed = sealed_files(&enc);
    let renamed = sealed[1].with_file_name("20261126T160000Z-bbbbbb.toml.age");
    fs::rename(&sealed[1], &renamed).unwrap();
    let out = enc
        .tend()
        .args(["doctor", "--format", "json"])
        .output()
        .unwrap();
    let json = stdout(&out);
    assert!(json.contains("\"plaintext\""), "{json}");
    assert!(json.contains("\"id_mismatch\""), "{json}");
    assert!(json.contains("bbbbbb"), "{json}");

    fs::remove_file(&stray).unwrap();
    let recipients = enc.env.dir().join("key/recipients.txt");
    let mut text = fs::read_to_string(&recipients).unwrap();
    text.push_str("age1lggyhqrw2nlhcxprm67z43rta597azn8gknawjehu9d9dl0jq3yqqvfafg\n");
    fs::write(&recipients, text).unwrap();
    let files = sealed_files(&enc);
    let out = enc.tend().args(["note", "three"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("recipients.txt"), "{}", stderr(&out));
    assert_eq!(sealed_files(&enc), files, "an entry was written");
    let out = enc
        .tend()
        .args(["doctor", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("\"recipients_changed\""),
        "{}",
        stdout(&out)
    );
}

// ---- kills at random moments ----

/// A small, seeded stream of numbers (no crate needed for this).
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Every entry's words, by id, as tend shows them (`show --raw`).
fn words_by_id(enc: &Enc, ids: &[String]) -> Vec<Vec<u8>> {
    ids.iter()
        .map(|id| {
            let out = enc.tend().args(["show", id, "--raw"]).output().unwrap();
            assert!(out.status.success(), "{id}: {}", stderr(&out));
            out.stdout
        })
        .collect()
}

fn spawn_killed(enc: &Enc, args: &[&str], after: Duration) {
    let bin = env!("CARGO_BIN_EXE_tend");
    let mut cmd = Std::new(bin);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", enc.env.tmp.path())
        .env("TEND_DIR", enc.env.dir())
        .env("TEND_CONFIG", enc.env.config_path())
        .env("TZ", "UTC")
        .env("TEND_TEST_WORK_FACTOR", "2")
        .env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", enc.pass_file().display()),
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(after);
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
}

fn kills(runs: u64) {
    // One journal of a month of check-ins, copied for every run.
    let template = Enc::new();
    template.ok(&["generate", "--days", "30"]);
    template.ok(&["note", &format!("{CANARY} a note")]);
    let ids: Vec<String> = plain_entries(&template)
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let words = words_by_id(&template, &ids);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    // How many kills landed with the journal half converted, for the log.
    let mut midway = 0;
    for run in 0..runs {
        let enc = copy_of(&template);
        let rec = enc.recovery();
        // How long a whole run takes, to kill anywhere within it.
        let full = {
            let start = Instant::now();
            let probe = copy_of(&template);
            probe.ok(&["encrypt", "--recovery-key-out", s(&probe.recovery())]);
            start.elapsed()
        };
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 + 1));
        spawn_killed(&enc, &["encrypt", "--recovery-key-out", s(&rec)], at);
        let half = !sealed_files(&enc).is_empty() && !enc.env.entry_files().is_empty();
        midway += usize::from(half);
        // Keys count as made once identity.age, the last key file, is
        // written; a kill before it leaves nothing encrypted, and the rerun
        // makes new keys (the README says so).
        let recipients = enc
            .env
            .dir()
            .join("key/identity.age")
            .is_file()
            .then(|| fs::read(enc.env.dir().join("key/recipients.txt")).unwrap());
        // The rerun finishes the job with the same keys (a recovery key
        // file is needed only if none was made).
        let second = enc.env.tmp.path().join("second.txt");
        enc.ok(&["encrypt", "--recovery-key-out", s(&second)]);
        if let Some(r) = &recipients {
            assert_eq!(
                &fs::read(enc.env.dir().join("key/recipients.txt")).unwrap(),
                r,
                "run {run}: new keys were made"
            );
            assert!(!second.exists(), "run {run}: a second recovery key");
        }
        enc.sealed_everywhere(&format!("run {run}, encrypt killed at {at:?}"));
        assert_eq!(words_by_id(&enc, &ids), words, "run {run}: words changed");

        // And a kill during decrypt.
        let full = {
            let start = Instant::now();
            let probe = copy_of(&enc);
            probe.ok(&["decrypt"]);
            start.elapsed()
        };
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 + 1));
        spawn_killed(&enc, &["decrypt"], at);
        enc.ok(&["decrypt"]);
        assert!(sealed_files(&enc).is_empty(), "run {run}");
        assert_eq!(
            plain_entries(&enc)
                .into_iter()
                .map(|(_, b)| b)
                .collect::<Vec<_>>(),
            words,
            "run {run}: decrypt changed words"
        );
    }
    // Shown with --nocapture; the test harness's own stderr, not tend's.
    let _ = writeln!(
        std::io::stderr(),
        "{runs} runs; {midway} encrypt kills landed half way through converting"
    );
}

/// A copy of another test journal (journal, config and passphrase).
fn copy_of(from: &Enc) -> Enc {
    let to = Enc {
        env: Env::new().at("2026-11-26T13:20:05+00:00"),
    };
    let status = Std::new("cp")
        .arg("-a")
        .arg(format!("{}/.", from.env.tmp.path().display()))
        .arg(to.env.tmp.path())
        .status()
        .unwrap();
    assert!(status.success());
    to
}

#[test]
fn a_kill_at_any_moment_of_encrypt_or_decrypt_loses_nothing() {
    kills(8);
}

/// The issue's full count, too slow for every CI run, so run by hand:
/// `cargo test --test encrypted -- --ignored --nocapture`. On 2026-11-29 it
/// passed in 392 s (2 shared cores), 58 of the 100 encrypt kills landing
/// with the journal half converted.
#[test]
#[ignore]
fn a_kill_at_any_moment_of_encrypt_or_decrypt_loses_nothing_100_times() {
    kills(100);
}

// ---- a new recovery key, a new journal key ----

/// Opens `file` with the standard `age` command and the key in `key_file`.
fn age_open(key_file: &Path, file: &Path) -> Option<Vec<u8>> {
    let out = Std::new("age")
        .args(["-d", "-i"])
        .arg(key_file)
        .arg(file)
        .output()
        .expect("the `age` command is needed (Debian's package `age`; .ci/run installs it)");
    out.status.success().then_some(out.stdout)
}

/// The key ring inside `journal-key.recovery.age` (or next.age), opened with
/// the recovery key in `key_file`.
fn ring_text(key_file: &Path, file: &Path) -> Option<String> {
    age_open(key_file, file).map(|b| String::from_utf8(b).unwrap())
}

/// The journal key in a key ring's TOML, as an age identity file.
fn journal_key_of(enc: &Enc, ring: &str, name: &str) -> PathBuf {
    let key = ring
        .lines()
        .find_map(|l| l.strip_prefix("journal_key = "))
        .unwrap()
        .trim_matches('"');
    enc.env.file(name, &format!("{key}\n"))
}

fn entry_words(enc: &Enc) -> (Vec<String>, Vec<Vec<u8>>) {
    let ids: Vec<String> = sealed_files(enc)
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.trim_end_matches(".toml.age").to_string()
        })
        .collect();
    let words = words_by_id(enc, &ids);
    (ids, words)
}

#[test]
fn after_key_recovery_the_old_recovery_key_opens_nothing_and_the_new_one_everything() {
    let enc = Enc::new();
    every_kind(&enc);
    enc.encrypt();
    let old = enc.recovery();
    let (ids, words) = entry_words(&enc);
    let backup = fs::read(&sealed_files(&enc)[0]).unwrap();
    let new = enc.env.tmp.path().join("new-recovery.txt");
    let said = enc.ok(&["key", "recovery", "--recovery-key-out", s(&new)]);
    assert!(said.contains("new recovery key"), "{said}");
    assert!(!enc.env.dir().join("key/next.age").exists());
    let files = sealed_files(&enc);
    assert_eq!(files.len(), ids.len());
    for file in &files {
        assert!(
            age_open(&old, file).is_none(),
            "{} opens with the old recovery key",
            file.display()
        );
        assert!(
            age_open(&new, file).is_some(),
            "{} does not open with the new one",
            file.display()
        );
    }
    // Drafts, the trash and the index too.
    for file in enc.files() {
        if file.to_string_lossy().ends_with(".age") && !file.starts_with(enc.env.dir().join("key"))
        {
            assert!(age_open(&old, &file).is_none(), "{}", file.display());
        }
    }
    assert_eq!(words_by_id(&enc, &ids), words);
    enc.sealed_everywhere("key recovery");
    assert!(enc.found_by_grep() > 0);
    // The old key no longer recovers the journal; the new one does.
    enc.set_passphrase("a passphrase after recovery");
    let out = enc
        .tend()
        .args(["key", "recover", "--recovery-key-file", s(&old)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    enc.ok(&["key", "recover", "--recovery-key-file", s(&new)]);
    assert_eq!(words_by_id(&enc, &ids), words);
    // A backup made before still opens with the old recovery key (the README says so).
    let kept = enc.env.file("backup.toml.age", "");
    fs::write(&kept, &backup).unwrap();
    assert!(age_open(&old, &kept).is_some());
}

#[test]
fn after_key_rotate_every_entry_opens_with_the_new_key_and_old_backups_still_open() {
    let enc = Enc::new();
    every_kind(&enc);
    enc.encrypt();
    let rec = enc.recovery();
    let ring_file = enc.env.dir().join("key/journal-key.recovery.age");
    let before = ring_text(&rec, &ring_file).unwrap();
    let old_key = journal_key_of(&enc, &before, "old-key.txt");
    let (ids, words) = entry_words(&enc);
    let first = sealed_files(&enc)[0].clone();
    let backup = fs::read(&first).unwrap();
    let said = enc.ok(&["key", "rotate"]);
    assert!(said.contains("new key"), "{said}");
    let after = ring_text(&rec, &ring_file).unwrap();
    let new_key = journal_key_of(&enc, &after, "new-key.txt");
    assert_ne!(fs::read(&old_key).unwrap(), fs::read(&new_key).unwrap());
    for file in sealed_files(&enc) {
        assert!(age_open(&new_key, &file).is_some(), "{}", file.display());
        assert!(age_open(&old_key, &file).is_none(), "{}", file.display());
        assert!(age_open(&rec, &file).is_some(), "{}", file.display());
    }
    assert_eq!(words_by_id(&enc, &ids), words);
    enc.sealed_everywhere("key rotate");
    // An old backup put back still opens, through the retired key.
    fs::write(&first, &backup).unwrap();
    assert_eq!(words_by_id(&enc, &ids), words);
    assert!(age_open(&new_key, &first).is_none());
}

#[test]
fn with_a_git_remote_rotate_and_recovery_are_refused_kindly() {
    let enc = Enc::new();
    enc.ok(&["note", "a note about the rota"]);
    enc.encrypt();
    let git = enc.env.dir().join(".git");
    fs::create_dir_all(&git).unwrap();
    fs::write(
        git.join("config"),
        "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@example.invalid:me/journal.git\n",
    )
    .unwrap();
    let before: Vec<Vec<u8>> = enc.files().iter().map(|p| fs::read(p).unwrap()).collect();
    let new = enc.env.tmp.path().join("new-recovery.txt");
    for args in [
        vec!["key", "rotate"],
        vec!["key", "recovery", "--recovery-key-out", s(&new)],
    ] {
        let out = enc.tend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("remote"), "{}", stderr(&out));
        assert!(stderr(&out).contains("README"), "{}", stderr(&out));
    }
    let after: Vec<Vec<u8>> = enc.files().iter().map(|p| fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
    assert!(!new.exists());
    // Without the remote, it goes ahead.
    fs::write(git.join("config"), "[core]\n\tbare = false\n").unwrap();
    enc.ok(&["key", "rotate"]);
}

#[derive(Clone, Copy, Debug)]
enum KeyOp {
    Rotate,
    Recovery,
    Passphrase,
    Recover,
}

/// Kills `tend key …` at random moments; after each, the journal opens
/// (with the old or the new passphrase), no words are lost, and a rerun
/// finishes with the keys the killed run recorded.
fn key_kills(op: KeyOp, runs: u64) {
    let template = Enc::new();
    template.ok(&["generate", "--days", "20"]);
    template.ok(&["note", &format!("{CANARY} a note")]);
    template.encrypt();
    let (ids, words) = entry_words(&template);
    let new_pass = template.env.file("new-pass", "the new passphrase, long\n");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d ^ op as u64);
    let mut recorded = 0;
    // Kills after which the new passphrase already opened the journal.
    let mut switched = 0;
    // How long a whole run takes, to kill anywhere within it (measured once).
    let full = {
        let probe = copy_of(&template);
        if let KeyOp::Recover = op {
            probe.set_passphrase("the new passphrase, long");
        }
        let out1 = probe.env.tmp.path().join("rec1.txt");
        let args = key_args(op, &probe.recovery(), &out1);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let start = Instant::now();
        let out = probe
            .tend()
            .env(
                "TEND_NEW_PASSPHRASE_COMMAND",
                format!("cat '{}'", new_pass.display()),
            )
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        start.elapsed()
    };
    for run in 0..runs {
        let enc = copy_of(&template);
        let rec = enc.recovery();
        let ring_file = enc.env.dir().join("key/journal-key.recovery.age");
        let out1 = enc.env.tmp.path().join("rec1.txt");
        let out2 = enc.env.tmp.path().join("rec2.txt");
        let args: Vec<String> = match op {
            KeyOp::Rotate => vec!["key".into(), "rotate".into()],
            KeyOp::Recovery => vec![
                "key".into(),
                "recovery".into(),
                "--recovery-key-out".into(),
                s(&out1).into(),
            ],
            KeyOp::Passphrase => vec!["key".into(), "passphrase".into()],
            KeyOp::Recover => vec![
                "key".into(),
                "recover".into(),
                "--recovery-key-file".into(),
                s(&rec).into(),
            ],
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        if let KeyOp::Recover = op {
            enc.set_passphrase("the new passphrase, long");
        }
        let at = Duration::from_micros(rng.below(full.as_micros() as u64 + 1));
        spawn_killed_with(&enc, &args, at, &new_pass);
        // The journal still opens, with one passphrase or the other.
        enc.set_passphrase(PASSPHRASE);
        if enc.tend().args(["list"]).output().unwrap().status.code() != Some(0) {
            enc.set_passphrase("the new passphrase, long");
            switched += 1;
        }
        assert_eq!(
            words_by_id(&enc, &ids),
            words,
            "run {run} ({op:?} at {at:?}): words changed"
        );
        // What the killed run recorded, if it got that far.
        let next = enc.env.dir().join("key/next.age");
        let planned = match op {
            KeyOp::Rotate | KeyOp::Recovery => ring_text(&rec, &next),
            _ => None,
        };
        recorded += usize::from(planned.is_some());
        let ring_before = fs::read(&ring_file).unwrap();
        // The rerun.
        let rerun: Vec<&str> = match op {
            KeyOp::Recovery => vec!["key", "recovery", "--recovery-key-out", s(&out2)],
            KeyOp::Recover => {
                enc.set_passphrase("the new passphrase, long");
                args.clone()
            }
            _ => args.clone(),
        };
        let out = enc
            .tend()
            .env(
                "TEND_NEW_PASSPHRASE_COMMAND",
                format!("cat '{}'", new_pass.display()),
            )
            .args(&rerun)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "run {run} ({op:?} at {at:?}): {}",
            stderr(&out)
        );
        assert!(!next.exists(), "run {run}");
        match op {
            KeyOp::Rotate => {
                let now = ring_text(&rec, &ring_file).unwrap();
                if let Some(planned) = planned {
                    assert_eq!(now, planned, "run {run}: other keys than recorded");
                }
            }
            KeyOp::Recovery => {
                if let Some(planned) = planned {
                    assert!(!out2.exists(), "run {run}: a second new recovery key");
                    assert_eq!(ring_text(&out1, &ring_file).unwrap(), planned, "run {run}");
                } else {
                    assert!(ring_text(&out2, &ring_file).is_some(), "run {run}");
                }
                let key = if out2.exists() { &out2 } else { &out1 };
                for file in sealed_files(&enc) {
                    assert!(
                        age_open(key, &file).is_some(),
                        "run {run}: {}",
                        file.display()
                    );
                    assert!(
                        age_open(&rec, &file).is_none(),
                        "run {run}: {}",
                        file.display()
                    );
                }
            }
            // The keys themselves never change, only their wrapping.
            KeyOp::Passphrase | KeyOp::Recover => {
                assert_eq!(fs::read(&ring_file).unwrap(), ring_before, "run {run}");
            }
        }
        enc.set_passphrase("the new passphrase, long");
        if let KeyOp::Rotate | KeyOp::Recovery = op {
            enc.set_passphrase(PASSPHRASE);
        }
        assert_eq!(
            words_by_id(&enc, &ids),
            words,
            "run {run} ({op:?} at {at:?}): after the rerun"
        );
        enc.sealed_everywhere(&format!("run {run}, {op:?} killed at {at:?}"));
    }
    let _ = writeln!(
        std::io::stderr(),
        "{op:?}: {runs} runs; {recorded} kills landed after the new keys were recorded, \
         {switched} after the new passphrase took over"
    );
}

fn key_args(op: KeyOp, rec: &Path, out: &Path) -> Vec<String> {
    let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect();
    match op {
        KeyOp::Rotate => v(&["key", "rotate"]),
        KeyOp::Recovery => v(&["key", "recovery", "--recovery-key-out", s(out)]),
        KeyOp::Passphrase => v(&["key", "passphrase"]),
        KeyOp::Recover => v(&["key", "recover", "--recovery-key-file", s(rec)]),
    }
}

fn spawn_killed_with(enc: &Enc, args: &[&str], after: Duration, new_pass: &Path) {
    let bin = env!("CARGO_BIN_EXE_tend");
    let mut child = Std::new(bin)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", enc.env.tmp.path())
        .env("TEND_DIR", enc.env.dir())
        .env("TEND_CONFIG", enc.env.config_path())
        .env("TZ", "UTC")
        .env("TEND_TEST_WORK_FACTOR", "2")
        .env(
            "TEND_PASSPHRASE_COMMAND",
            format!("cat '{}'", enc.pass_file().display()),
        )
        .env(
            "TEND_NEW_PASSPHRASE_COMMAND",
            format!("cat '{}'", new_pass.display()),
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
}

#[test]
fn a_kill_at_any_moment_of_a_key_change_loses_nothing() {
    for op in [
        KeyOp::Rotate,
        KeyOp::Recovery,
        KeyOp::Passphrase,
        KeyOp::Recover,
    ] {
        key_kills(op, 3);
    }
}

/// The issue's full count, 100 runs of each, too slow for every CI run, so
/// run by hand: `cargo test --test encrypted -- --ignored key_change
/// --nocapture`. On 2026-11-29 it passed in 3096 s (niced, on 2 cores shared
/// with four builds): 67 of the rotate kills and 80 of the recovery kills
/// landed after the new key ring was recorded in next.age.
#[test]
#[ignore]
fn a_kill_at_any_moment_of_a_key_change_loses_nothing_100_times() {
    for op in [
        KeyOp::Rotate,
        KeyOp::Recovery,
        KeyOp::Passphrase,
        KeyOp::Recover,
    ] {
        key_kills(op, 100);
    }
}

// ---------------------------------------------------------------------------
// The watch list, kept sealed in an encrypted journal

const CONFIG_WITH_NAMES: &str = "# my tend settings\n\
color = \"never\"   # no colour, thanks\n\
watch_list = [\n  \"Alex Example\",  # a colleague\n  \"Sam Example\",\n]\n\
# exports\n\
label = \"leader-a\"\n";

/// What `export --level full` says of the identifiers in the period.
fn export_refusal(enc: &Enc) -> String {
    let out_file = enc.env.tmp.path().join("out.md");
    let out = enc
        .tend()
        .args(["export", "--level", "full", "-o", s(&out_file)])
        .args(["--since", "2026-11-01", "--until", "2026-11-26"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "exported despite a watched name");
    assert!(!out_file.exists());
    stderr(&out)
}

#[test]
fn encrypt_moves_the_watch_list_into_sealed_settings_and_the_check_still_uses_it() {
    let enc = Enc::new();
    enc.env.write_config(CONFIG_WITH_NAMES);
    enc.ok(&[
        "note",
        &format!("{CANARY}: spoke with Sam Example and Pat Example"),
    ]);
    enc.encrypt();
    let settings = enc.env.dir().join("settings.toml.age");
    assert!(settings.exists(), "no sealed settings");
    assert!(!enc.env.dir().join("settings.toml").exists());
    // The config keeps every other line and comment, byte for byte.
    assert_eq!(
        fs::read_to_string(enc.env.config_path()).unwrap(),
        "# my tend settings\ncolor = \"never\"   # no colour, thanks\n# exports\nlabel = \"leader-a\"\n"
    );
    // The names are nowhere in the clear, in the journal or the config.
    let mut everywhere = enc.files();
    everywhere.push(enc.env.config_path());
    for f in &everywhere {
        let text = String::from_utf8_lossy(&fs::read(f).unwrap()).into_owned();
        assert!(
            !text.contains("Sam Example") && !text.contains("Alex Example"),
            "{} holds a name",
            f.display()
        );
    }
    // The standard age command opens the settings with the recovery key.
    let opened = String::from_utf8(age_open(&enc.recovery(), &settings).unwrap()).unwrap();
    assert!(opened.contains("\"Sam Example\""), "{opened}");
    // `tend watch` lists them; the export's check still finds them.
    let listed = enc.ok(&["watch"]);
    assert!(
        listed.contains("Alex Example") && listed.contains("Sam Example"),
        "{listed}"
    );
    assert!(export_refusal(&enc).contains("[Sam Example]"));
    // Adding a name: sealed too, and the check finds it.
    let said = enc.ok(&["watch", "add", "Pat Example"]);
    assert!(said.contains("Added to the watch list"), "{said}");
    assert!(said.contains("settings.toml.age"), "{said}");
    assert!(export_refusal(&enc).contains("[Pat Example]"));
    let said = enc.ok(&["watch", "remove", "sam example"]);
    assert!(said.contains("Taken off the watch list"), "{said}");
    let listed = enc.ok(&["watch", "list"]);
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        ["Alex Example", "Pat Example"]
    );
    enc.sealed_everywhere("watch add");
    for f in enc.files() {
        assert!(
            !String::from_utf8_lossy(&fs::read(&f).unwrap()).contains("Pat Example"),
            "{} holds a name",
            f.display()
        );
    }
    // decrypt brings them back as a plain settings file.
    enc.ok(&["decrypt"]);
    assert!(!settings.exists());
    let plain = fs::read_to_string(enc.env.dir().join("settings.toml")).unwrap();
    assert!(
        plain.contains("\"Alex Example\"") && plain.contains("\"Pat Example\""),
        "{plain}"
    );
    let out = enc
        .tend()
        .env_remove("TEND_PASSPHRASE_COMMAND")
        .args(["watch"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Pat Example"), "{}", stderr(&out));
}

#[test]
fn a_watch_list_left_in_the_config_of_an_encrypted_journal_is_reported_and_still_counts() {
    let enc = Enc::new();
    enc.ok(&["note", "Sam Example was kind"]);
    enc.encrypt();
    // Put back by hand after encrypting.
    enc.env.write_config("watch_list = [\"Sam Example\"]\n");
    assert!(export_refusal(&enc).contains("[Sam Example]"));
    let out = enc.tend().args(["doctor"]).output().unwrap();
    let said = stdout(&out) + &stderr(&out);
    assert!(
        said.contains("watch_list holds names in the clear"),
        "{said}"
    );
    // A rerun of encrypt moves them.
    enc.encrypt();
    assert_eq!(fs::read_to_string(enc.env.config_path()).unwrap(), "");
    assert!(enc.ok(&["watch"]).contains("Sam Example"));
}

#[test]
fn watch_add_with_a_wrong_passphrase_changes_nothing() {
    let enc = Enc::new();
    enc.env.write_config(CONFIG_WITH_NAMES);
    enc.ok(&["note", "a note"]);
    enc.encrypt();
    enc.set_passphrase("not the passphrase at all");
    let before = enc.env.snapshot();
    let out = enc
        .tend()
        .args(["watch", "add", "Pat Example"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("that passphrase does not open"),
        "{}",
        stderr(&out)
    );
    assert!(enc.env.snapshot() == before, "a file changed");
}

// ---------------------------------------------------------------------------
// Restoring an entry whose other form is there

/// The one entry's file, in whichever form.
fn only_entry(enc: &Enc) -> PathBuf {
    let mut files = Vec::new();
    walk(&enc.env.dir().join("entries"), &mut files);
    assert_eq!(files.len(), 1, "one id, one file: {files:?}");
    files.remove(0)
}

#[test]
fn restoring_a_plain_version_into_an_encrypted_journal_keeps_one_sealed_file() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} first words")]);
    let plain = only_entry(&enc);
    let id = plain
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".toml", "");
    let older = fs::read_to_string(&plain)
        .unwrap()
        .replace("first words", "older words");
    enc.encrypt();
    // A version trashed before `tend encrypt`, which stopped before the
    // trash was sealed (or an older tend wrote it).
    let trashed = enc.env.dir().join(format!(
        "trash/entries/{id}/20261120T090000.000Z-edited.toml"
    ));
    fs::create_dir_all(trashed.parent().unwrap()).unwrap();
    fs::write(&trashed, &older).unwrap();
    let said = enc.ok(&["restore", &id]);
    assert!(said.contains("Restored"), "{said}");
    let now = only_entry(&enc);
    assert!(
        now.to_string_lossy().ends_with(".toml.age"),
        "{}",
        now.display()
    );
    assert!(enc.ok(&["show", &id, "--raw"]).contains("older words"));
    // The version it replaced is in the trash, sealed, and comes back.
    assert!(!trashed.exists());
    enc.sealed_everywhere("restore");
    let listed = enc.ok(&["trash"]);
    assert!(listed.contains("replaced"), "{listed}");
    enc.ok(&["restore", &id]);
    assert!(enc.ok(&["show", &id, "--raw"]).contains("first words"));
    only_entry(&enc);
}

#[test]
fn restoring_a_sealed_version_into_a_decrypted_journal_keeps_one_plain_file() {
    let enc = Enc::new();
    enc.ok(&["note", "first words"]);
    enc.encrypt();
    let sealed = only_entry(&enc);
    let id = sealed
        .file_name()
        .unwrap()
        .to_string_lossy()
        .replace(".toml.age", "");
    let sealed_bytes = fs::read(&sealed).unwrap();
    enc.ok(&["decrypt"]);
    let plain = only_entry(&enc);
    // Changed by hand since.
    let text = fs::read_to_string(&plain)
        .unwrap()
        .replace("first words", "newer words");
    fs::write(&plain, text).unwrap();
    // A version trashed while the journal was encrypted, which `tend
    // decrypt` did not reach.
    let trashed = enc.env.dir().join(format!(
        "trash/entries/{id}/20261120T090000.000Z-edited.toml.age"
    ));
    fs::create_dir_all(trashed.parent().unwrap()).unwrap();
    fs::write(&trashed, &sealed_bytes).unwrap();
    enc.ok(&["restore", &id]);
    let now = only_entry(&enc);
    assert_eq!(now, plain);
    assert!(fs::read_to_string(&now).unwrap().contains("first words"));
    assert!(!trashed.exists());
    // Nothing lost: the hand-changed version waits in the trash, plain.
    let mut kept = Vec::new();
    walk(&enc.env.dir().join("trash"), &mut kept);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(!kept[0].to_string_lossy().ends_with(".age"));
    assert!(
        fs::read_to_string(&kept[0])
            .unwrap()
            .contains("newer words")
    );
}

// ---------------------------------------------------------------------------
// A change of keys left unfinished

/// Writes `key/next.age` as a key change records it: `ring` sealed with the
/// `age` command to the public keys `recipients.txt` lists.
fn seal_next(key: &Path, ring: &str) {
    let mut age = Std::new("age");
    for r in fs::read_to_string(key.join("recipients.txt"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("age1"))
    {
        age.args(["-r", r]);
    }
    let mut child = age
        .args(["-o", s(&key.join("next.age"))])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ring.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn doctor_names_an_unfinished_key_recovery_and_the_command_finishes_it() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} words")]);
    enc.encrypt();
    let key = enc.env.dir().join("key");
    // What `tend key recovery` records first: the new key ring, sealed to the
    // keys in use (made here with the age command, as tend makes it).
    let ring = ring_text(&enc.recovery(), &key.join("journal-key.recovery.age")).unwrap();
    let keygen = Std::new("age-keygen").output().unwrap();
    let new_key = String::from_utf8(keygen.stdout).unwrap();
    let new_public = String::from_utf8(keygen.stderr)
        .unwrap()
        .trim()
        .trim_start_matches("Public key: ")
        .to_string();
    let old_public = ring
        .lines()
        .find_map(|l| l.strip_prefix("recovery_recipient = "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    let next_ring = ring.replace(&old_public, &new_public);
    seal_next(&key, &next_ring);

    let out = enc.tend().args(["doctor"]).output().unwrap();
    let said = stdout(&out);
    assert!(said.contains("next.age"), "{said}");
    assert!(
        said.contains("a change of keys was stopped before it finished")
            && said.contains("running `tend key recovery` again finishes it"),
        "{said}"
    );
    let out_file = enc.env.tmp.path().join("unused-recovery.txt");
    let err = stderr(
        &enc.tend()
            .args(["key", "recovery", "--recovery-key-out", s(&out_file)])
            .output()
            .unwrap(),
    );
    assert!(err.contains("finishing it with the same keys"), "{err}");
    assert!(!key.join("next.age").exists());
    let new_key_file = enc.env.file("new.txt", &new_key);
    for f in sealed_files(&enc) {
        assert!(age_open(&new_key_file, &f).is_some(), "{}", f.display());
    }
    let said = enc.ok(&["doctor"]);
    assert!(!said.contains("next.age"), "{said}");
}

/// In an encrypted journal a new entry is sealed under the journal lock. If
/// another tend holds it (a key change on a large journal takes a while),
/// the words wait for it rather than being refused after two seconds, and
/// say so; a reader's index save never waits for it.
#[test]
fn new_words_wait_for_a_busy_lock_and_readers_do_not() {
    let enc = Enc::new();
    enc.ok(&["note", "First words"]);
    enc.encrypt();
    let dir = enc.env.tmp.path();
    let mut holder = Std::new("flock")
        .arg(enc.env.dir().join(".lock"))
        .args(["-c", &format!("touch '{0}/held'; sleep 4", dir.display())])
        .spawn()
        .unwrap();
    while !dir.join("held").exists() {
        std::thread::sleep(Duration::from_millis(20));
    }
    let start = Instant::now();
    let out = enc.tend().args(["list"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_millis(1500), "list waited");

    let start = Instant::now();
    let out = enc
        .tend()
        .args([
            "note",
            "--",
            &format!("{CANARY} kept while the lock was busy"),
        ])
        .output()
        .unwrap();
    let waited = start.elapsed();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(waited >= Duration::from_secs(2), "{waited:?}");
    assert!(
        stderr(&out).contains("your words are saved as soon as it finishes"),
        "{}",
        stderr(&out)
    );
    holder.wait().unwrap();
    assert_eq!(enc.found_by_grep(), 1);
    enc.sealed_everywhere("a note that waited for the lock");
}

/// `key/next.age` is sealed to public keys, so anyone who can write to
/// `key/` could leave one naming keys of their own; tend uses a recorded key
/// change only when it keeps the journal's own key, which only the
/// passphrase or the recovery key opens.
#[test]
fn a_next_age_with_keys_not_made_from_the_journal_is_refused() {
    let enc = Enc::new();
    enc.ok(&["note", &format!("{CANARY} words")]);
    enc.encrypt();
    let key = enc.env.dir().join("key");
    let public = |out: &std::process::Output| {
        String::from_utf8_lossy(&out.stderr)
            .trim()
            .trim_start_matches("Public key: ")
            .to_string()
    };
    let theirs = Std::new("age-keygen").output().unwrap();
    let their_key = String::from_utf8(theirs.stdout.clone()).unwrap();
    let their_secret = their_key
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap();
    // A ring of someone else's keys, sealed to the journal's public keys,
    // which recipients.txt lists for anyone to read.
    let ring = format!(
        "format = 1\njournal_key = \"{their_secret}\"\nrecovery_recipient = \"{}\"\n",
        public(&theirs)
    );
    seal_next(&key, &ring);
    let before = enc.env.snapshot();

    for op in [
        vec!["key", "rotate"],
        vec![
            "key",
            "recovery",
            "--recovery-key-out",
            s(&enc.env.tmp.path().join("r.txt")),
        ],
    ] {
        let out = enc.tend().args(&op).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{op:?}");
        assert!(
            stderr(&out).contains("not made from this journal's own"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(enc.env.snapshot(), before, "nothing changed");
    let said = stdout(&enc.tend().args(["doctor"]).output().unwrap());
    assert!(said.contains("not made from this journal's own"), "{said}");
    let their_file = enc.env.file("theirs.txt", &their_key);
    for f in sealed_files(&enc) {
        assert!(age_open(&their_file, &f).is_none(), "{}", f.display());
    }
}

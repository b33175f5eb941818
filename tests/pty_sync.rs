//! `tend sync init REMOTE` on a plain (unencrypted) journal, in a real
//! pseudo-terminal (issue 15 §1): the question names the remote; no sends
//! nothing, yes sends the journal.
#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::Env;
use common::pty::{self, Extra};

/// A journal with one note, a bare repository beside it, and a global git
/// config of the test's own.
fn journal_and_remote() -> (Env, String) {
    let env = Env::new();
    env.file("gitconfig", "");
    env.ok_at(
        "2026-11-29T09:00:00+00:00",
        &["note", "Walked the ward with the new matron"],
    );
    let remote = env.tmp.path().join("remote.git");
    let out = git(
        env.tmp.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    assert!(out.status.success());
    (env, remote.display().to_string())
}

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap()
}

/// `tend sync init REMOTE` in a terminal, waiting at the question, which
/// must name the remote.
fn asked(env: &Env, remote: &str) -> pty::Tty {
    let global = env.tmp.path().join("gitconfig");
    let global = global.to_str().unwrap();
    let vars = [("GIT_CONFIG_GLOBAL", global), ("GIT_CONFIG_NOSYSTEM", "1")];
    let mut t = pty::spawn(
        env,
        &["sync", "init", remote],
        Extra {
            vars: &vars,
            ..Extra::default()
        },
    );
    let shown = t.expect("Send it there?");
    let screen = pty::screen(&shown, 200, 24);
    assert!(
        screen.contains(&format!(
            "anyone who can read {remote} can read every entry"
        )),
        "the question names the remote:\n{screen}"
    );
    t
}

#[test]
fn answering_no_sends_nothing() {
    let (env, remote) = journal_and_remote();
    let before = env.snapshot();
    let mut t = asked(&env, &remote);
    t.keys("n");
    let exit = t.finish();
    exit.assert_code(2);
    assert!(
        exit.all
            .contains("nothing was sent and nothing was changed"),
        "{}",
        exit.all
    );
    let heads = git(Path::new(&remote), &["rev-parse", "-q", "--verify", "main"]);
    assert!(!heads.status.success(), "the remote has no commits");
    let objects = common::stdout(&git(Path::new(&remote), &["count-objects"]));
    assert!(objects.starts_with("0 objects"), "{objects}");
    assert!(
        !env.dir().join(".git").exists(),
        "the journal is no repository"
    );
    assert_eq!(env.snapshot(), before, "nothing in the journal changed");
}

#[test]
fn answering_yes_sends_the_journal() {
    let (env, remote) = journal_and_remote();
    let mut t = asked(&env, &remote);
    t.keys("y");
    t.expect(&format!("The journal is at {remote} now."));
    t.finish().assert_code(0);
    let files = common::stdout(&git(
        Path::new(&remote),
        &["ls-tree", "-r", "--name-only", "main"],
    ));
    let entries: Vec<&str> = files
        .lines()
        .filter(|l| l.starts_with("entries/"))
        .collect();
    assert_eq!(entries.len(), 1, "the note is at the remote: {files}");
    let blob = common::stdout(&git(
        Path::new(&remote),
        &["show", &format!("main:{}", entries[0])],
    ));
    assert!(
        blob.contains("Walked the ward with the new matron"),
        "{blob}"
    );
}

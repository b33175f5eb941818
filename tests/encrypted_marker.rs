//! A journal marked encrypted (`key/journal.toml`) is never written in the
//! clear by this tend: not an entry, a draft nor the index.

mod common;
use common::*;

const WORDS: &str = "Talked with Sam Example (synthetic) about the rota, canary-51c2";

fn mark(env: &Env, text: &str) {
    let key = env.dir().join("key");
    std::fs::create_dir_all(&key).unwrap();
    std::fs::write(key.join("journal.toml"), text).unwrap();
}

/// Not a byte of `words` under the journal folder, the index included.
fn nowhere_on_disk(env: &Env, words: &str) {
    let mut files = Vec::new();
    walk(&env.dir(), &mut files);
    assert!(!files.is_empty());
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(words),
            "{} holds the words",
            path.display()
        );
    }
}

#[test]
fn an_encrypted_journal_is_never_written_in_the_clear() {
    let env = Env::new();
    env.tend()
        .args(["note", "an earlier note"])
        .assert()
        .success();
    mark(&env, "encrypted = true\n");
    let before = env.snapshot();

    // Without a passphrase (no terminal, no TEND_PASSPHRASE_COMMAND) it
    // cannot be sealed, so it is not written at all.
    let out = env.tend().args(["note", WORDS]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("journal is encrypted"), "{err}");
    assert!(err.contains("nothing was read or written"), "{err}");
    nowhere_on_disk(&env, "canary-51c2");

    let answers = env.file("a.toml", "motivation = 5\nwin = \"canary-51c2\"\n");
    let out = env
        .tend()
        .args(["checkin", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    nowhere_on_disk(&env, "canary-51c2");

    // The prompt line still answers (its index writes are best effort).
    env.tend().arg("status").assert().success();
    let after: Vec<_> = env
        .snapshot()
        .into_iter()
        .filter(|(p, _)| !p.ends_with("a.toml"))
        .collect();
    assert_eq!(after, before);
}

#[test]
fn a_marker_that_cannot_be_read_stops_writing_too() {
    let env = Env::new();
    mark(&env, "encrypted = perhaps\n");
    let out = env.tend().args(["note", WORDS]).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("journal.toml"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    nowhere_on_disk(&env, "canary-51c2");
}

#[test]
fn a_marker_saying_plain_changes_nothing() {
    let env = Env::new();
    mark(&env, "encrypted = false\n");
    env.tend().args(["note", WORDS]).assert().success();
    assert_eq!(env.entry_files().len(), 1);
}

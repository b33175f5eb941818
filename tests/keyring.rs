//! The keyring cache's switch and `tend lock`, without a live keyring (this
//! machine has none, and a test must not need one).

mod common;
use common::*;

#[test]
fn the_keyring_cache_is_off_unless_the_config_says_so() {
    let env = Env::new();
    let out = env.tend().args(["config", "show"]).output().unwrap();
    let shown = stdout(&out);
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("keyring") && l.contains("false")),
        "{shown}"
    );
    env.write_config("keyring = true\n");
    let out = env.tend().args(["config", "show"]).output().unwrap();
    let shown = stdout(&out);
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("keyring") && l.contains("true")),
        "{shown}"
    );
    env.write_config("keyring = \"yes\"\n");
    let out = env.tend().args(["config", "show"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("line 1: invalid type: string \"yes\", expected a boolean"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn lock_with_no_cache_says_so_kindly_and_changes_nothing() {
    let env = Env::new();
    env.tend()
        .args(["note", "Asked about the rota"])
        .assert()
        .success();
    let before = env.snapshot();
    for config in ["", "keyring = false\n"] {
        env.write_config(config);
        let out = env.tend().arg("lock").output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(
            stdout(&out).trim(),
            format!(
                "Nothing to clear: tend keeps no key in your keyring unless `keyring = true` is in {}.",
                env.config_path().display()
            )
        );
        assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    }
    let mut after = env.snapshot();
    after.retain(|(p, _)| p != &env.config_path());
    let mut before = before;
    before.retain(|(p, _)| p != &env.config_path());
    assert_eq!(before, after);
}

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
    let key: String = shown
        .split_whitespace()
        .find(|w| w.starts_with("AGE-SECRET-KEY-1"))
        .expect("the recovery key is shown")
        .to_string();
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

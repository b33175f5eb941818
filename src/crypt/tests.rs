//! The key files and the file format, on disk, as a person (or an attacker)
//! would find them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use age::secrecy::{ExposeSecret, SecretString};

use super::keys::{KeyDir, NewKeys, Protection};
use super::passphrase::{NewPassphrase, from_command};
use super::*;
use crate::journal::Journal;

const PASS: &str = "kettle harbour lantern tuesday";
const ENTRY: &str = "id = \"20261129T083000-ab12\"\nkind = \"checkin\"\n\n[answers]\nwin = \"Sat with Alex Example (synthetic) after the canary-7f3a handover\"\n";

fn pass(s: &str) -> NewPassphrase {
    NewPassphrase::new(SecretString::from(s)).unwrap()
}

/// A journal with keys made, and the recovery key that was shown.
fn encrypted_journal() -> (tempfile::TempDir, Journal, SecretString) {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().join("journal"));
    let keys = NewKeys::generate();
    let recovery = keys.recovery_key();
    KeyDir::new(&journal).create(keys, &pass(PASS)).unwrap();
    KeyDir::new(&journal).mark_encrypted().unwrap();
    (dir, journal, recovery)
}

/// Every file under `root` and its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != ".lock") {
                files.insert(p.clone(), std::fs::read(&p).unwrap());
            }
        }
    }
    files
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn crypt_round_trip_through_the_key_files_on_disk() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    journal.keep_unlocked(keys.unlock(&SecretString::from(PASS)).unwrap());
    // The one writer seals an entry of an encrypted journal, under `.age`.
    let path = journal
        .write_entry(
            &journal
                .entries_dir()
                .join("2026/11/20261129T083000-ab12.toml"),
            ENTRY.as_bytes(),
            crate::journal::store::Mode::Create,
        )
        .unwrap();
    assert!(path.ends_with("20261129T083000-ab12.toml.age"));
    let sealed = std::fs::read(&path).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
    assert!(!contains(&sealed, "canary-7f3a"));

    // A fresh unlock, as the next command would do.
    let again = keys.unlock(&SecretString::from(PASS)).unwrap();
    let text = again
        .open_text(&path, &std::fs::read(&path).unwrap())
        .unwrap();
    assert_eq!(text.as_str(), ENTRY);

    // No key file or entry holds a word of the entry or a secret key.
    for (file, bytes) in snapshot(&journal.root) {
        assert!(!contains(&bytes, "canary-7f3a"), "{}", file.display());
        assert!(!contains(&bytes, "AGE-SECRET-KEY"), "{}", file.display());
        if let Some(mode) = crate::platform::mode(&std::fs::metadata(&file).unwrap()) {
            assert_eq!(mode, 0o600, "{}", file.display());
        }
    }
    let names: Vec<_> = std::fs::read_dir(keys.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for name in ["identity.age", "journal-key.recovery.age", "recipients.txt"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
}

#[test]
fn crypt_wrong_passphrase_is_a_clear_error_and_changes_nothing() {
    let (_d, journal, _) = encrypted_journal();
    let before = snapshot(&journal.root);
    let err = KeyDir::new(&journal)
        .unlock(&SecretString::from("kettle harbour lantern monday"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("that passphrase does not open this journal"),
        "{err}"
    );
    assert!(err.contains("tend key recover"), "{err}");
    assert_eq!(snapshot(&journal.root), before);
}

#[test]
fn crypt_a_file_demanding_work_factor_40_fails_fast() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let wrapped = std::fs::read(keys.identity_path()).unwrap();
    // The stanza line is `-> scrypt SALT 10`; ask for 2^40 instead.
    let text = String::from_utf8_lossy(&wrapped).into_owned();
    let line = text.lines().find(|l| l.starts_with("-> scrypt ")).unwrap();
    let greedy = format!("{} 40", line.rsplit_once(' ').unwrap().0);
    let mut bytes = wrapped.clone();
    let at = bytes
        .windows(line.len())
        .position(|w| w == line.as_bytes())
        .unwrap();
    bytes.splice(at..at + line.len(), greedy.bytes());
    std::fs::write(keys.identity_path(), &bytes).unwrap();

    let start = Instant::now();
    let err = keys
        .unlock(&SecretString::from(PASS))
        .unwrap_err()
        .to_string();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(err.contains("work factor of 40"), "{err}");
}

#[test]
fn crypt_a_changed_recipients_file_stops_writing_but_not_reading() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let unlocked = keys.unlock(&SecretString::from(PASS)).unwrap();
    let sealed = unlocked.seal(ENTRY.as_bytes()).unwrap();
    assert!(unlocked.recipients_changed().is_none());

    // Someone adds their own key, hoping new entries will be readable to it.
    let stranger = age::x25519::Identity::generate().to_public();
    let mut listed = std::fs::read_to_string(keys.recipients_path()).unwrap();
    listed.push_str(&format!("{stranger}\n"));
    std::fs::write(keys.recipients_path(), listed).unwrap();

    let unlocked = keys.unlock(&SecretString::from(PASS)).unwrap();
    let err = unlocked.seal(ENTRY.as_bytes()).unwrap_err();
    let changed = err.downcast_ref::<RecipientsChanged>().unwrap();
    assert_eq!(changed.path, keys.recipients_path());
    assert!(err.to_string().contains("not writing anything"), "{err}");
    // What was written before still opens.
    let p = Path::new("x.toml.age");
    assert_eq!(unlocked.open_text(p, &sealed).unwrap().as_str(), ENTRY);
    // And the recipients are the key ring's, whatever the file says.
    let own: Vec<String> = unlocked
        .recipients()
        .iter()
        .map(|r| r.to_string())
        .collect();
    assert!(!own.contains(&stranger.to_string()));

    // A missing recipients file is a change too.
    std::fs::remove_file(keys.recipients_path()).unwrap();
    let unlocked = keys.unlock(&SecretString::from(PASS)).unwrap();
    assert!(unlocked.seal(b"x").is_err());
}

/// The recovery key alone, with the standard `age` command (Debian's
/// package `age`, which .ci/run installs), opens a file tend wrote.
#[test]
fn crypt_the_age_command_opens_an_entry_with_the_recovery_key() {
    let (dir, journal, recovery) = encrypted_journal();
    let unlocked = KeyDir::new(&journal)
        .unlock(&SecretString::from(PASS))
        .unwrap();
    let entry = dir.path().join("entry.toml.age");
    std::fs::write(&entry, unlocked.seal(ENTRY.as_bytes()).unwrap()).unwrap();
    let key_file = dir.path().join("recovery.txt");
    std::fs::write(&key_file, format!("{}\n", recovery.expose_secret())).unwrap();

    let out = std::process::Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&key_file)
        .arg(&entry)
        .output()
        .expect("the `age` command (Debian package `age`) is needed for this test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap(), ENTRY);
}

#[test]
fn crypt_changing_the_passphrase_rewraps_identity_age_only() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let unlocked = journal.keep_unlocked(keys.unlock(&SecretString::from(PASS)).unwrap());
    let path = journal
        .write_entry(
            &journal.entries_dir().join("2026/11/a.toml"),
            ENTRY.as_bytes(),
            crate::journal::store::Mode::Create,
        )
        .unwrap();
    let before = snapshot(&journal.root);

    let new = "harbour kettle tuesday lantern";
    keys.set_passphrase(&unlocked, &pass(new)).unwrap();

    let after = snapshot(&journal.root);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &before {
        if *file == keys.identity_path() {
            assert_ne!(&after[file], bytes, "identity.age was not rewrapped");
        } else {
            assert_eq!(&after[file], bytes, "{} changed", file.display());
        }
    }
    assert!(keys.unlock(&SecretString::from(PASS)).is_err());
    let reopened = keys.unlock(&SecretString::from(new)).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert_eq!(reopened.open_text(&path, &bytes).unwrap().as_str(), ENTRY);
}

#[test]
fn crypt_the_recovery_key_reopens_the_journal_under_a_new_passphrase() {
    let (_d, journal, recovery) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let sealed = keys
        .unlock(&SecretString::from(PASS))
        .unwrap()
        .seal(ENTRY.as_bytes())
        .unwrap();

    // Typed back with spaces and in lower case, as a person might.
    let typed = recovery
        .expose_secret()
        .to_lowercase()
        .chars()
        .collect::<Vec<_>>()
        .chunks(10)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ");
    let recovered = keys
        .open_with_recovery_key(&SecretString::from(typed))
        .unwrap();
    keys.set_passphrase(&recovered, &pass("a whole new passphrase"))
        .unwrap();
    let unlocked = keys
        .unlock(&SecretString::from("a whole new passphrase"))
        .unwrap();
    let p = Path::new("e.toml.age");
    assert_eq!(unlocked.open_text(p, &sealed).unwrap().as_str(), ENTRY);

    let other = NewKeys::generate().recovery_key();
    let err = keys.open_with_recovery_key(&other).unwrap_err().to_string();
    assert!(err.contains("does not open this journal"), "{err}");
    let err = keys
        .open_with_recovery_key(&SecretString::from("my cat's name"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("not a recovery key"), "{err}");
}

#[test]
fn crypt_keys_are_made_once() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    assert!(keys.has_keys());
    let before = snapshot(&journal.root);
    let err = keys
        .create(NewKeys::generate(), &pass(PASS))
        .unwrap_err()
        .to_string();
    assert!(err.contains("already holds this journal's keys"), "{err}");
    assert_eq!(snapshot(&journal.root), before);
}

#[test]
fn crypt_a_recovery_key_typed_back_is_checked() {
    let keys = NewKeys::generate();
    let shown = keys.recovery_key();
    assert!(shown.expose_secret().starts_with("AGE-SECRET-KEY-1"));
    assert!(keys.is_recovery_key(&format!("  {}\n", shown.expose_secret())));
    let mut wrong = shown.expose_secret().to_string();
    wrong.pop();
    assert!(!keys.is_recovery_key(&wrong));
    assert!(!keys.is_recovery_key(NewKeys::generate().recovery_key().expose_secret()));
}

#[test]
fn crypt_short_passphrases_are_refused_kindly() {
    let err = NewPassphrase::new(SecretString::from("elevenchars"))
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("shorter than 12 characters"), "{err}");
    assert!(err.contains("A few ordinary words"), "{err}");
    // Twelve characters, counted as characters, not bytes.
    assert!(NewPassphrase::new(SecretString::from("ééééééééééé")).is_err());
    assert!(NewPassphrase::new(SecretString::from("éééééééééééé")).is_ok());
}

#[test]
fn crypt_the_mode_marker_says_plain_or_encrypted_and_never_guesses() {
    let dir = tempfile::tempdir().unwrap();
    let journal = Journal::new(dir.path().to_path_buf());
    let keys = KeyDir::new(&journal);
    assert_eq!(keys.protection().unwrap(), Protection::Plain);
    keys.mark_encrypted().unwrap();
    assert_eq!(keys.protection().unwrap(), Protection::Encrypted);
    std::fs::write(keys.marker_path(), "encrypted = maybe\n").unwrap();
    let err = keys.protection().unwrap_err().to_string();
    assert!(err.contains("journal.toml"), "{err}");

    // A marker that is a link to a file saying "plain" is not believed.
    #[cfg(unix)]
    {
        let elsewhere = dir.path().join("plain.toml");
        std::fs::write(&elsewhere, "encrypted = false\n").unwrap();
        std::fs::remove_file(keys.marker_path()).unwrap();
        std::os::unix::fs::symlink(&elsewhere, keys.marker_path()).unwrap();
        let err = format!("{:#}", keys.protection().unwrap_err());
        assert!(err.contains("could not be read"), "{err}");
    }
}

#[test]
fn crypt_secrets_never_show_in_debug_output() {
    let (_d, journal, recovery) = encrypted_journal();
    let unlocked = KeyDir::new(&journal)
        .unlock(&SecretString::from(PASS))
        .unwrap();
    let shown = format!("{unlocked:?}");
    assert!(!shown.contains("AGE-SECRET-KEY"), "{shown}");
    assert!(shown.contains("age1"), "{shown}");
    assert!(!format!("{recovery:?}").contains("AGE-SECRET-KEY"));
}

#[test]
fn crypt_retired_keys_still_open_old_files() {
    let old = age::x25519::Identity::generate();
    let sealed = seal_to(
        std::iter::once(&old.to_public() as &dyn age::Recipient),
        ENTRY.as_bytes(),
    )
    .unwrap();
    let ring = KeyRing {
        journal: age::x25519::Identity::generate(),
        retired: vec![old],
        recovery: age::x25519::Identity::generate().to_public(),
    };
    // Through the TOML, as it would come out of identity.age.
    let ring = KeyRing::from_toml(Path::new("identity.age"), &ring.to_toml().unwrap()).unwrap();
    let unlocked = Unlocked {
        ring,
        changed: None,
        identity: None,
    };
    let p = Path::new("old.toml.age");
    assert_eq!(unlocked.open_text(p, &sealed).unwrap().as_str(), ENTRY);
    // New files go to the current key, not the retired one.
    let new = unlocked.seal(b"new").unwrap();
    let only_old = Unlocked {
        ring: KeyRing {
            journal: age::x25519::Identity::generate(),
            retired: vec![],
            recovery: age::x25519::Identity::generate().to_public(),
        },
        changed: None,
        identity: None,
    };
    assert!(only_old.open(p, &new).is_err());
}

#[test]
fn crypt_a_damaged_entry_is_named_not_guessed_at() {
    let (_d, journal, _) = encrypted_journal();
    let unlocked = KeyDir::new(&journal)
        .unlock(&SecretString::from(PASS))
        .unwrap();
    let mut sealed = unlocked.seal(ENTRY.as_bytes()).unwrap();
    let last = sealed.len() - 1;
    sealed[last] ^= 1;
    let err = unlocked
        .open(Path::new("2026/11/x.toml.age"), &sealed)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("2026/11/x.toml.age: "), "{err}");
    assert!(err.contains("damaged or changed"), "{err}");
}

#[test]
fn crypt_the_passphrase_command_strips_one_newline() {
    let p = from_command("printf 'two words here\\n\\n'", Duration::from_secs(5)).unwrap();
    assert_eq!(p.expose_secret(), "two words here\n");
    let p = from_command("printf 'no newline'", Duration::from_secs(5)).unwrap();
    assert_eq!(p.expose_secret(), "no newline");
}

#[test]
fn crypt_the_passphrase_command_failing_is_an_error_that_never_echoes() {
    let err = from_command("printf 'secret-words'; exit 3", Duration::from_secs(5))
        .unwrap_err()
        .to_string();
    assert!(err.contains("TEND_PASSPHRASE_COMMAND ended with"), "{err}");
    assert!(!err.contains("secret-words"), "{err}");
    let err = from_command("printf '\\n'", Duration::from_secs(5))
        .unwrap_err()
        .to_string();
    assert!(err.contains("printed nothing"), "{err}");
}

#[test]
fn crypt_the_passphrase_command_is_stopped_when_it_takes_too_long() {
    let start = Instant::now();
    let err = from_command("sleep 30", Duration::from_millis(300))
        .unwrap_err()
        .to_string();
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(err.contains("gave no passphrase within"), "{err}");
}

/// The unwrap at the real work factor: `cargo test --bin tend crypt_time -- --ignored --nocapture`.
#[cfg(unix)] // libc's thread CPU clock
#[test]
#[ignore]
fn crypt_time_the_unwrap_at_work_factor_18() {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(PASS));
    recipient.set_work_factor(WORK_FACTOR);
    let wrapped = seal_to(std::iter::once(&recipient as &dyn age::Recipient), b"ring").unwrap();
    // CPU time as well as wall time: on a shared machine the wall time
    // says more about the other users than about the unwrap.
    let cpu = || {
        let mut t = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec we own.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    };
    for _ in 0..3 {
        let (wall, used) = (Instant::now(), cpu());
        unwrap_with_passphrase(
            Path::new("identity.age"),
            &wrapped,
            &SecretString::from(PASS),
        )
        .unwrap();
        errln!(
            "unwrap at log_n {WORK_FACTOR}: {:?} wall, {:?} CPU",
            wall.elapsed(),
            cpu() - used
        );
    }
}

#[test]
fn crypt_a_cached_key_ring_unlocks_until_identity_age_changes() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let unlocked = keys.unlock(&SecretString::from(PASS)).unwrap();
    let cached = keys.cache_secret(&unlocked).unwrap();
    let sealed = unlocked.seal(ENTRY.as_bytes()).unwrap();

    let again = keys.unlock_with_cached(&cached).expect("the cache unlocks");
    assert_eq!(
        &*again.open_text(Path::new("e.toml.age"), &sealed).unwrap(),
        ENTRY
    );
    assert_eq!(again.recipients(), unlocked.recipients());
    // What the cache holds never shows in Debug output.
    let journal_secret = unlocked.ring.journal.to_string();
    assert!(!format!("{again:?}").contains(journal_secret.expose_secret()));

    // A new passphrase rewraps identity.age: the old cache is stale.
    keys.set_passphrase(&unlocked, &pass("another four plain words"))
        .unwrap();
    assert!(keys.unlock_with_cached(&cached).is_none());
    // Damaged or foreign text is no key either.
    assert!(
        keys.unlock_with_cached(&SecretString::from("nonsense"))
            .is_none()
    );
    let fresh = keys.cache_secret(&unlocked).unwrap();
    assert!(keys.unlock_with_cached(&fresh).is_some());
}

#[test]
fn crypt_a_cached_key_ring_is_refused_when_recipients_differ() {
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let unlocked = keys.unlock(&SecretString::from(PASS)).unwrap();
    let cached = keys.cache_secret(&unlocked).unwrap();
    let other = x25519::Identity::generate().to_public();
    let text = std::fs::read_to_string(keys.recipients_path()).unwrap();
    std::fs::write(keys.recipients_path(), format!("{text}{other}\n")).unwrap();
    assert!(keys.unlock_with_cached(&cached).is_none());
}

#[cfg(any(target_os = "linux", target_os = "macos"))]
#[test]
fn crypt_the_keyring_cache_off_never_touches_the_keyring() {
    use crate::platform::KEYRING_CALLS;
    use std::sync::atomic::Ordering;
    let (_d, journal, _) = encrypted_journal();
    let keys = KeyDir::new(&journal);
    let unlocked = keys.unlock(&SecretString::from(PASS)).unwrap();
    let before = KEYRING_CALLS.load(Ordering::SeqCst);
    let off = cache::KeyringCache::new(false, &journal);
    assert!(off.unlock(&keys).is_none());
    off.remember(&keys, &unlocked);
    assert_eq!(off.clear().unwrap(), cache::Cleared::Off);
    assert_eq!(KEYRING_CALLS.load(Ordering::SeqCst), before);
    // The same calls with the cache on do go to the keyring (whether or not
    // this machine has one running: a keyring that fails just means the
    // passphrase is asked).
    let on = cache::KeyringCache::new(true, &journal);
    let _ = on.unlock(&keys);
    assert!(KEYRING_CALLS.load(Ordering::SeqCst) > before);
}

//! Living with the journal, in a terminal: an edit that can't be saved and
//! the choice it offers, deleting and restoring with a question first,
//! emptying the trash, and search results highlighted. The real `tend` runs
//! in a pseudo-terminal, typed at key by key; then the test looks on disk.
//! The same commands without a terminal are in tests/long_run.rs.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

const NOW: &str = "2026-11-26T13:20:05+00:00";
const T1: &str = "2026-11-26T13:30:00+00:00";
const T2: &str = "2026-11-26T13:40:00+00:00";
const T3: &str = "2026-11-26T13:50:00+00:00";
fn tend_at(env: &Env, now: &str, args: &[&str], extra: Extra) -> Tty {
    spawn(
        env,
        args,
        Extra {
            now: Some(now),
            ..extra
        },
    )
}

const CHECKIN: &str = r#"
motivation = 7
attend = "Coffee at the Café with a band 5 nurse"
help = "Moved the rota meeting so she could rest"
"#;

const EDIT_AGAIN: &str = "Edit it again";
const LEAVE_IT: &str = "Leave the entry as it was";

impl Tty {
    /// Waits for the choice an unsaveable edit offers, with the first item
    /// selected.
    fn expect_edit_choice(&mut self) {
        self.expect("What would you like to do?");
        self.expect(&format!("> {EDIT_AGAIN}"));
        self.expect(LEAVE_IT);
    }
}

// ---------------------------------------------------------------------------
// Helpers

/// A shell script in the temporary folder (outside the journal), executable.
fn script(env: &Env, name: &str, body: &str) -> PathBuf {
    let p = env.file(name, &format!("#!/bin/sh\n{body}\n"));
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// A check-in saved from an answers file at `now`; its id.
fn checkin(env: &Env, now: &str) -> String {
    let answers = env.file("checkin.toml", CHECKIN);
    env.ok_at(now, &["checkin", "--answers", answers.to_str().unwrap()]);
    newest_id(env)
}

/// The id of the entry created last (ids start with the UTC instant).
fn newest_id(env: &Env) -> String {
    let files = env.entry_files();
    let newest = files
        .iter()
        .max_by_key(|p| p.file_name().unwrap().to_owned())
        .expect("an entry on disk");
    newest.file_stem().unwrap().to_string_lossy().into_owned()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn trashed(env: &Env, id: &str) -> Vec<PathBuf> {
    files_under(&env.dir().join("trash").join("entries").join(id))
}

/// Every file of the journal with its bytes, leaving out the derived index.
fn journal_bytes(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    env.snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with(env.dir()))
        .collect()
}

/// Private copies an edit left in the journal folder.
fn leftovers(env: &Env) -> Vec<PathBuf> {
    files_under(&env.dir())
        .into_iter()
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(".edit-") || n.starts_with(".tend-")
        })
        .collect()
}

/// An editor that counts its runs in `runs.txt`: the first puts the
/// motivation out of its scale, the second mends it to 8.
fn breaks_then_fixes(env: &Env) -> (PathBuf, PathBuf) {
    let count = env.tmp.path().join("runs.txt");
    let ed = script(
        env,
        "twice.sh",
        &format!(
            r#"n=$(cat "{c}" 2>/dev/null || echo 0)
n=$((n + 1))
echo "$n" > "{c}"
if [ "$n" -eq 1 ]; then
  sed -i 's/^value = 7$/value = 11/' "$1"
else
  sed -i 's/^value = 11$/value = 8/' "$1"
fi"#,
            c = count.display()
        ),
    );
    (ed, count)
}

// ---------------------------------------------------------------------------
// tend edit

#[test]
fn an_edit_that_cant_be_saved_offers_a_choice_and_leaving_it_changes_nothing() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let before = journal_bytes(&env);
    let ed = script(
        &env,
        "scale.sh",
        r#"sed -i 's/^value = 7$/value = 11/' "$1""#,
    );

    let mut t = tend_at(
        &env,
        T1,
        &["edit", &id],
        Extra {
            editor: Some(&ed),
            ..Extra::default()
        },
    );
    t.expect(
        "tend: that edit can't be saved: answer \"motivation\" is 11, outside its scale of 1 to 10",
    );
    t.expect_edit_choice();
    t.keys(DOWN);
    t.expect(&format!("> {LEAVE_IT}"));
    t.keys(ENTER);
    t.expect("Nothing was changed.");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(!exit.all.contains("Saved"), "{}", exit.all);

    assert_eq!(journal_bytes(&env), before, "the entry is as it was");
    assert!(trashed(&env, &id).is_empty(), "nothing in the trash");
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));
}

#[test]
fn choosing_to_edit_again_opens_the_editor_again_and_a_good_edit_is_saved() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let path = env.path_of(&id);
    let original = fs::read(&path).unwrap();
    let (ed, runs) = breaks_then_fixes(&env);

    let mut t = tend_at(
        &env,
        T1,
        &["edit", &id],
        Extra {
            editor: Some(&ed),
            ..Extra::default()
        },
    );
    t.expect("that edit can't be saved");
    t.expect("outside its scale of 1 to 10");
    t.expect_edit_choice();
    t.keys(ENTER);
    t.expect("Saved your changes to");
    t.expect("The previous version is in the trash");
    let exit = t.finish();
    exit.assert_code(0);

    assert_eq!(fs::read_to_string(&runs).unwrap().trim(), "2", "two runs");
    let e = read_entry(&path);
    assert_eq!(id_of(&e), id);
    assert_eq!(answer(&e, "motivation")["value"].as_integer(), Some(8));
    assert_eq!(
        answer(&e, "help")["value"].as_str(),
        Some("Moved the rota meeting so she could rest")
    );
    let kept = trashed(&env, &id);
    assert_eq!(kept.len(), 1, "one previous version, not the bad edit");
    assert_eq!(fs::read(&kept[0]).unwrap(), original, "byte for byte");
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));
}

#[test]
fn editing_again_and_then_leaving_it_changes_nothing() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let before = journal_bytes(&env);
    // Breaks the TOML every time.
    let ed = script(
        &env,
        "break.sh",
        r#"sed -i 's/^kind = "checkin"$/kind = "checkin/' "$1""#,
    );
    let mut t = tend_at(
        &env,
        T1,
        &["edit", &id],
        Extra {
            editor: Some(&ed),
            ..Extra::default()
        },
    );
    t.expect("that edit can't be saved");
    t.expect("line 3");
    t.expect_edit_choice();
    t.keys(ENTER);
    // The copy still has the broken line; the editor runs on it again.
    t.expect("that edit can't be saved");
    t.expect("line 3");
    t.expect_edit_choice();
    t.keys(DOWN);
    t.expect(&format!("> {LEAVE_IT}"));
    t.keys(ENTER);
    t.expect("Nothing was changed.");
    t.finish().assert_code(0);
    assert_eq!(journal_bytes(&env), before);
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));
}

fn read_entry(p: &Path) -> toml::Table {
    fs::read_to_string(p)
        .unwrap()
        .parse::<toml::Table>()
        .unwrap()
}

// ---------------------------------------------------------------------------
// delete, restore and the trash

#[test]
fn delete_asks_first_and_no_keeps_the_entry() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let path = env.path_of(&id);
    let before = journal_bytes(&env);

    let mut t = tend_at(&env, T1, &["delete", &id], Extra::default());
    // What it is: kind, day and first words.
    t.expect("Move the check-in from Thu 26 Nov 2026, 13:20: motivation");
    t.expect("to the trash?");
    t.expect("[y/N]");
    t.keys("n");
    t.expect("Nothing was deleted.");
    t.finish().assert_code(0);
    assert_eq!(journal_bytes(&env), before);
    assert!(path.exists());

    // Enter takes the default, which is no.
    let mut t = tend_at(&env, T1, &["delete", &id], Extra::default());
    t.expect("[y/N]");
    t.keys(ENTER);
    t.expect("Nothing was deleted.");
    t.finish().assert_code(0);
    assert_eq!(journal_bytes(&env), before);

    let original = fs::read(&path).unwrap();
    let mut t = tend_at(&env, T2, &["delete", &id], Extra::default());
    t.expect("[y/N]");
    t.keys("y");
    t.expect("to the trash (");
    t.finish().assert_code(0);
    assert!(!path.exists());
    let kept = trashed(&env, &id);
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).unwrap(), original);
}

#[test]
fn restore_in_a_terminal_asks_which_version_when_there_are_several() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let path = env.path_of(&id);
    let original = fs::read(&path).unwrap();
    let ed = script(
        &env,
        "ed.sh",
        r#"sed -i 's/rota meeting/staff meeting/' "$1""#,
    );
    let out = env
        .tend()
        .env("TEND_TEST_NOW", T1)
        .env("EDITOR", &ed)
        .args(["edit", &id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let edited = fs::read(&path).unwrap();
    env.ok_at(T2, &["delete", &id, "--yes"]);

    let mut t = tend_at(&env, T3, &["restore", &handle_of_id(&id)], Extra::default());
    // Newest first: the deleted one is offered first; Down picks the older.
    t.expect("2 versions are in the trash; which one?");
    t.expect(&format!("> {id} (deleted on 26 Nov 2026, 13:40)"));
    t.expect(&format!("{id} (edited on 26 Nov 2026, 13:30)"));
    t.keys(DOWN);
    t.expect(&format!("> {id} (edited"));
    t.keys(ENTER);
    t.expect("Restored the check-in");
    t.finish().assert_code(0);
    // The version an edit replaced is the original.
    assert_eq!(fs::read(&path).unwrap(), original, "the version chosen");
    let kept = trashed(&env, &id);
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read(&kept[0]).unwrap(), edited, "the other one stays");
}

#[test]
fn emptying_the_trash_in_a_terminal_asks_and_no_erases_nothing() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    env.ok_at(T1, &["delete", &id, "--yes"]);
    let before = journal_bytes(&env);

    for args in [&["trash", "empty"][..], &["trash", "purge", &id]] {
        let mut t = tend_at(&env, T2, args, Extra::default());
        t.expect("This cannot be undone.");
        t.expect("[y/N]");
        t.keys("n");
        t.expect("Nothing was erased.");
        t.finish().assert_code(0);
        assert_eq!(journal_bytes(&env), before, "{args:?}");
    }

    let mut t = tend_at(&env, T2, &["trash", "empty"], Extra::default());
    t.expect("[y/N]");
    t.keys("y");
    t.expect("The trash is empty.");
    t.finish().assert_code(0);
    assert!(trashed(&env, &id).is_empty());
}

// ---------------------------------------------------------------------------
// search

/// `s` with every escape sequence taken out.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether `word` is shown with an escape sequence right before it and a
/// reset right after it.
fn highlighted(shown: &str, word: &str) -> bool {
    shown.match_indices(word).any(|(at, _)| {
        let before = &shown[..at];
        let after = &shown[at + word.len()..];
        let starts = before.rfind('\x1b').is_some_and(|esc| {
            before[esc..].starts_with("\x1b[")
                && before.ends_with('m')
                && !before[esc..].contains(' ')
        });
        starts && after.starts_with("\x1b[0m")
    })
}

#[test]
fn a_search_in_a_terminal_highlights_what_matched() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let mut t = tend_at(
        &env,
        T1,
        &["list", "--grep", "CAFÉ"],
        Extra {
            colour: true,
            ..Extra::default()
        },
    );
    t.expect(&handle_of_id(&id));
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        highlighted(&exit.all, "Café"),
        "the match, as written, is highlighted: {:?}",
        exit.all
    );
    assert!(
        !highlighted(&exit.all, "Coffee"),
        "the rest is not: {:?}",
        exit.all
    );
    assert!(
        plain(&exit.all).contains("attend: Coffee at the Café with a band 5 nurse"),
        "{:?}",
        exit.all
    );

    // With NO_COLOR, the same search in a terminal is plain text.
    let mut t = tend_at(&env, T1, &["list", "--grep", "CAFÉ"], Extra::default());
    t.expect(&handle_of_id(&id));
    let exit = t.finish();
    exit.assert_code(0);
    assert!(!exit.all.contains('\x1b'), "{:?}", exit.all);
    assert!(
        exit.all
            .contains("attend: Coffee at the Café with a band 5 nurse"),
        "{:?}",
        exit.all
    );
}

// ---------------------------------------------------------------------------
// doctor and drafts

#[test]
fn a_catch_up_checkin_paused_minutes_ago_is_not_a_stale_draft() {
    let env = Env::new();
    let mut t = tend_at(
        &env,
        NOW,
        &["checkin", "--date", "2026-11-10"],
        Extra::default(),
    );
    t.expect("1/7 How motivated");
    t.expect("): ");
    t.keys(&format!("6{ENTER}"));
    t.expect("2/7 Attend:");
    t.expect("): ");
    // dialoguer reads keys in raw mode; let it get back to its read.
    std::thread::sleep(Duration::from_millis(200));
    t.keys("\x03");
    t.finish().assert_code(130);
    let drafts = files_under(&env.dir().join("drafts"));
    assert_eq!(drafts.len(), 1, "the paused check-in is a draft");

    // Ten minutes later.
    let out = env.run_at(T1, &["doctor"]);
    assert!(
        out.status.success(),
        "a draft started ten minutes ago has not been waiting long:\n{}",
        stdout(&out)
    );
}

#[test]
fn a_draft_set_aside_can_be_brought_back_as_the_trash_listing_says() {
    let env = Env::new();
    let mut t = tend_at(&env, NOW, &["checkin"], Extra::default());
    t.expect("1/7 How motivated");
    t.expect("): ");
    t.keys(&format!("6{ENTER}"));
    t.expect("2/7 Attend:");
    t.expect("): ");
    std::thread::sleep(Duration::from_millis(200));
    t.keys("\x03");
    t.finish().assert_code(130);
    let draft = files_under(&env.dir().join("drafts"));
    assert_eq!(draft.len(), 1);
    let id = draft[0].file_stem().unwrap().to_string_lossy().into_owned();
    let bytes = fs::read(&draft[0]).unwrap();

    // The next check-in: set it aside, then stop.
    let mut t = tend_at(&env, T1, &["checkin"], Extra::default());
    t.expect("You have an unfinished check-in");
    t.expect("> Carry on where I left off");
    t.keys(DOWN);
    t.expect("> Set it aside");
    t.keys(ENTER);
    t.expect("Set aside in");
    t.expect("1/7 How motivated");
    t.expect("): ");
    std::thread::sleep(Duration::from_millis(200));
    t.keys("\x03");
    t.finish();
    let aside = env.dir().join("trash/drafts").join(format!("{id}.toml"));
    assert_eq!(fs::read(&aside).unwrap(), bytes, "kept in the trash");

    let listing = env.ok_at(T2, &["trash"]);
    let handle = handle_of_id(&id);
    assert!(
        line_with(&listing, &handle).contains("an unfinished check-in, set aside"),
        "{listing}"
    );
    assert!(
        listing.contains("`tend restore HANDLE` brings one back"),
        "{listing}"
    );
    let out = env.run_at(T2, &["restore", &handle]);
    assert!(
        out.status.success(),
        "what the listing promises: {}",
        stderr(&out)
    );
}

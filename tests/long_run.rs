//! Living with the journal over months: fixing an entry in an editor, the
//! trash, searching, `tend doctor`, shell completions and the manual page,
//! `tend config`, importing from jrnl, and entries written by a newer tend.
//!
//! Everything runs the real binary without a terminal (stdin is closed and
//! the output is captured), each step at its own pinned time a minute or
//! more after the one before. `tend edit` opens $EDITOR, which here is a
//! small shell script written into the test's temporary folder, so every
//! edit is scripted. The interactive halves of these commands are in
//! tests/pty_long_run.rs.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::*;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value as Json;

/// The clock for the first entry; later steps run at later times.
const NOW: &str = "2026-11-26T13:20:05+00:00";
const T1: &str = "2026-11-26T13:30:00+00:00";
const T2: &str = "2026-11-26T13:40:00+00:00";
const T3: &str = "2026-11-26T13:50:00+00:00";
const T4: &str = "2026-11-26T14:00:00+00:00";
const T5: &str = "2026-11-26T14:10:00+00:00";

const CHECKIN: &str = r#"
motivation = 7
attend = "Sat with a new band 5 nurse at handover"
help = "Moved the rota meeting so she could rest"
next_action = { text = "Ask the team what would make handover easier", due = "2026-12-01" }
"#;

// ---------------------------------------------------------------------------
// Helpers

/// A path as an argument.
fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A shell script in the temporary folder (outside the journal), executable:
/// an editor for `tend edit`.
fn script(env: &Env, name: &str, body: &str) -> PathBuf {
    let p = env.file(name, &format!("#!/bin/sh\n{body}\n"));
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// A check-in from `CHECKIN` at `now`; its id.
fn checkin(env: &Env, now: &str) -> String {
    let answers = env.file("checkin.toml", CHECKIN);
    let out = env.ok_at(now, &["checkin", "--answers", s(&answers)]);
    assert!(out.contains("Saved your check-in"), "{out}");
    newest_id(env)
}

/// A note at `now`; its id.
fn note(env: &Env, now: &str, text: &str, tags: &[&str]) -> String {
    let mut args = vec!["note", text];
    for t in tags {
        args.extend(["--tag", t]);
    }
    let out = env.ok_at(now, &args);
    assert!(out.contains("Saved your note"), "{out}");
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

/// `tend edit ID` at `now`, with `editor` as $EDITOR.
fn edit(env: &Env, now: &str, editor: &Path, id: &str) -> Output {
    env.tend()
        .env("TEND_TEST_NOW", now)
        .env("EDITOR", editor)
        .args(["edit", id])
        .output()
        .unwrap()
}

/// Every file under `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn trash_dir(env: &Env) -> PathBuf {
    env.dir().join("trash")
}

/// The trashed versions of one entry, oldest first (their names start with
/// the time they were trashed).
fn trashed(env: &Env, id: &str) -> Vec<PathBuf> {
    files_under(&trash_dir(env).join("entries").join(id))
}

/// Every file of the journal (entries, trash, drafts) with its bytes, but
/// not the index, which is derived and may be refreshed by any command.
fn journal_bytes(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    env.snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with(env.dir()))
        .collect()
}

/// The contents of every entry file and trashed version, as a sorted list:
/// what a person could get back, wherever it sits.
fn every_version(env: &Env) -> Vec<Vec<u8>> {
    let mut all: Vec<Vec<u8>> = env
        .entry_files()
        .iter()
        .chain(files_under(&trash_dir(env)).iter())
        .map(|p| fs::read(p).unwrap())
        .collect();
    all.sort();
    all
}

/// Temporary files left in the journal folder (an edit's private copy, a
/// half-finished write).
fn leftovers(env: &Env) -> Vec<PathBuf> {
    files_under(&env.dir())
        .into_iter()
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with(".edit-") || n.starts_with(".tend-")
        })
        .collect()
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

fn parse_json(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn read_table(p: &Path) -> toml::Table {
    fs::read_to_string(p)
        .unwrap()
        .parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}", p.display()))
}

// ---------------------------------------------------------------------------
// 1. tend edit

#[test]
fn a_valid_edit_is_saved_and_the_previous_version_goes_to_the_trash() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let path = env.path_of(&id);
    let original = fs::read(&path).unwrap();
    let ed = script(
        &env,
        "fix.sh",
        r#"sed -i 's/rota meeting so she could rest/rota meeting to Friday/' "$1""#,
    );

    let out = edit(&env, T1, &ed, handle_of_id(&id).as_str());
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(said.contains("Saved your changes to"), "{said}");
    assert!(said.contains(&path.display().to_string()), "{said}");
    assert!(
        said.contains("The previous version is in the trash"),
        "{said}"
    );

    // The file is changed in place, keeps its id and stays private.
    assert_eq!(env.entry_files(), vec![path.clone()], "still one entry");
    let now = fs::read(&path).unwrap();
    assert_ne!(now, original, "the edit was saved");
    let e = read_table(&path);
    assert_eq!(id_of(&e), id, "the id is unchanged");
    assert_eq!(
        answer(&e, "help")["value"].as_str(),
        Some("Moved the rota meeting to Friday")
    );
    assert_eq!(
        answer(&e, "attend")["value"].as_str(),
        Some("Sat with a new band 5 nurse at handover"),
        "the rest is as it was"
    );
    assert_eq!(mode(&path), 0o600);

    // The previous version, byte for byte, in trash/entries/ID/.
    let kept = trashed(&env, &id);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(fs::read(&kept[0]).unwrap(), original);
    let name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.ends_with("-edited.toml"), "{name}");
    assert!(said.contains(&kept[0].display().to_string()), "{said}");
    assert_eq!(mode(&kept[0]), 0o600);
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));

    // What a person sees afterwards is the edited entry.
    let shown = env.ok_at(T2, &["show", &id]);
    assert!(
        shown.contains("Moved the rota meeting to Friday"),
        "{shown}"
    );
    assert!(
        !shown.contains("so she could rest"),
        "the old answer is not shown: {shown}"
    );
    let found = env.ok_at(T2, &["list", "--grep", "friday"]);
    assert!(found.contains(&handle_of_id(&id)), "{found}");
}

#[test]
fn an_edit_that_changes_nothing_writes_nothing() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let before = journal_bytes(&env);
    // Opens and "saves" without changing a byte.
    let ed = script(&env, "touch.sh", r#"touch "$1""#);
    let out = edit(&env, T1, &ed, &id);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("No changes, so nothing was written."),
        "{}",
        stdout(&out)
    );
    assert_eq!(journal_bytes(&env), before, "file and trash unchanged");
    assert!(!trash_dir(&env).exists(), "no trash folder");
    assert!(leftovers(&env).is_empty(), "{:?}", leftovers(&env));
}

/// An edit that must be refused: non-zero exit, a message saying why, the
/// file byte for byte as it was, nothing in the trash, no copy left behind.
fn assert_refused(env: &Env, id: &str, editor: &Path, why: &[&str]) {
    let path = env.path_of(id);
    let before = journal_bytes(env);
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let out = edit(env, T1, editor, id);
    let err = stderr(&out);
    assert_eq!(code(&out), Some(1), "refused: {err}");
    for w in why {
        assert!(err.contains(w), "the message says {w:?}: {err}");
    }
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(
        !stdout(&out).contains("Saved"),
        "nothing claims to be saved: {}",
        stdout(&out)
    );
    assert_eq!(journal_bytes(env), before, "the journal is as it was");
    assert_eq!(
        fs::metadata(&path).unwrap().modified().unwrap(),
        modified,
        "the entry was not even rewritten"
    );
    assert!(trashed(env, id).is_empty(), "nothing in the trash");
    assert!(leftovers(env).is_empty(), "{:?}", leftovers(env));
}

#[test]
fn an_edit_that_breaks_the_toml_is_refused_naming_the_line() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    // Line 3 is `kind = "checkin"`; the closing quote goes.
    let ed = script(
        &env,
        "break.sh",
        r#"sed -i 's/^kind = "checkin"$/kind = "checkin/' "$1""#,
    );
    let path = env.path_of(&id);
    assert_refused(
        &env,
        &id,
        &ed,
        &[
            "that edit can't be saved",
            &path.display().to_string(),
            "line 3",
        ],
    );
}

#[test]
fn an_edit_with_a_scale_out_of_range_is_refused() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let ed = script(
        &env,
        "scale.sh",
        r#"sed -i 's/^value = 7$/value = 11/' "$1""#,
    );
    assert_refused(
        &env,
        &id,
        &ed,
        &["\"motivation\" is 11, outside its scale of 1 to 10"],
    );
}

#[test]
fn an_edit_that_changes_the_id_is_refused() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let other = format!("{}-zq2zq2", id.rsplit_once('-').unwrap().0);
    let ed = script(&env, "id.sh", &format!(r#"sed -i 's/{id}/{other}/' "$1""#));
    assert_refused(&env, &id, &ed, &[&format!("the id must stay \"{id}\"")]);
    assert!(
        !env.entry_files().iter().any(|p| s(p).contains(&other)),
        "no file for the new id"
    );
}

#[test]
fn an_edit_that_moves_the_entry_to_another_month_is_refused() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let ed = script(
        &env,
        "month.sh",
        r#"sed -i 's/^created = "2026-11-26T13:20:05Z"$/created = "2026-10-26T13:20:05Z"/' "$1""#,
    );
    assert_refused(&env, &id, &ed, &["another month"]);
}

#[test]
fn when_the_editor_fails_nothing_is_saved_even_if_it_wrote() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    // It changes the copy, then reports an error.
    let ed = script(
        &env,
        "fail.sh",
        "sed -i 's/rota meeting/staff meeting/' \"$1\"\nexit 3",
    );
    assert_refused(&env, &id, &ed, &["the editor stopped with an error"]);
}

#[test]
fn an_edit_that_turns_a_scale_answer_into_text_is_refused() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let ed = script(
        &env,
        "text.sh",
        r#"sed -i -e 's/^type = "scale"$/type = "text"/' -e 's/^value = 7$/value = "lots"/' "$1""#,
    );
    assert_refused(&env, &id, &ed, &["motivation"]);
}

#[test]
fn edit_without_an_editor_says_how_to_set_one_and_changes_nothing() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let before = journal_bytes(&env);
    let out = env.run_at(T1, &["edit", &id]);
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("EDITOR"), "{}", stderr(&out));
    assert_eq!(journal_bytes(&env), before);
}

// ---------------------------------------------------------------------------
// 2. delete, restore and the trash

#[test]
fn delete_without_a_terminal_and_without_yes_changes_nothing() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let before = journal_bytes(&env);
    let out = env.run_at(T1, &["delete", &id]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("--yes"), "{err}");
    assert!(err.contains("Nothing was changed"), "{err}");
    assert_eq!(journal_bytes(&env), before);
    assert!(!trash_dir(&env).exists());
    let list = env.ok_at(T2, &["list"]);
    assert!(list.contains(&handle_of_id(&id)), "{list}");
}

#[test]
fn delete_moves_the_entry_to_the_trash_and_restore_brings_it_back() {
    let env = Env::new();
    let keep = note(&env, NOW, "A note that stays", &[]);
    let id = checkin(&env, T1);
    let path = env.path_of(&id);
    let original = fs::read(&path).unwrap();
    let handle = handle_of_id(&id);

    let out = env.ok_at(T2, &["delete", &handle, "--yes"]);
    assert!(out.contains("to the trash"), "{out}");
    assert!(out.contains(&format!("tend restore {handle}")), "{out}");
    assert!(!path.exists(), "gone from entries/");
    assert_eq!(env.entry_files(), vec![env.path_of(&keep)]);
    let list = env.ok_at(T2, &["list"]);
    assert!(!list.contains(&handle), "not listed: {list}");
    assert!(list.contains(&handle_of_id(&keep)), "{list}");
    let gone = env.run_at(T2, &["show", &handle]);
    assert_ne!(code(&gone), Some(0), "show can't find it");

    let kept = trashed(&env, &id);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(s(&kept[0]).ends_with("-deleted.toml"), "{kept:?}");
    assert_eq!(fs::read(&kept[0]).unwrap(), original, "byte for byte");
    assert!(out.contains(&kept[0].display().to_string()), "{out}");

    let listing = env.ok_at(T2, &["trash"]);
    let line = line_with(&listing, &handle);
    assert!(line.contains("deleted"), "{line}");
    assert!(line.contains("26 Nov 2026, 13:40"), "{line}");

    let out = env.ok_at(T3, &["restore", &handle]);
    assert!(out.contains("Restored the check-in"), "{out}");
    assert!(out.contains(&path.display().to_string()), "{out}");
    assert_eq!(
        fs::read(&path).unwrap(),
        original,
        "the same path, the same bytes"
    );
    assert!(trashed(&env, &id).is_empty(), "no longer in the trash");
    assert!(!trash_dir(&env).join("entries").join(&id).exists());
    let list = env.ok_at(T3, &["list"]);
    assert!(list.contains(&handle), "listed again: {list}");
    let trash = env.ok_at(T3, &["trash"]);
    assert!(trash.contains("The trash is empty."), "{trash}");
}

#[test]
fn restore_latest_takes_the_newest_version_and_nothing_is_ever_lost() {
    let env = Env::new();
    let id = checkin(&env, NOW);
    let path = env.path_of(&id);
    let v0 = fs::read(&path).unwrap();
    let one = script(
        &env,
        "one.sh",
        r#"sed -i 's/so she could rest/on Friday/' "$1""#,
    );
    let two = script(&env, "two.sh", r#"sed -i 's/on Friday/on Monday/' "$1""#);
    assert_eq!(code(&edit(&env, T1, &one, &id)), Some(0));
    let v1 = fs::read(&path).unwrap();
    assert_eq!(code(&edit(&env, T2, &two, &id)), Some(0));
    let v2 = fs::read(&path).unwrap();
    assert!(v0 != v1 && v1 != v2 && v0 != v2);
    assert_eq!(trashed(&env, &id).len(), 2);

    env.ok_at(T3, &["delete", &id, "--yes"]);
    assert!(!path.exists());
    let versions = every_version(&env);
    assert_eq!(versions.len(), 3, "v0, v1 and v2, all in the trash");

    let listing = env.ok_at(T3, &["trash"]);
    let handle = handle_of_id(&id);
    let lines: Vec<&str> = listing.lines().filter(|l| l.contains(&handle)).collect();
    assert_eq!(lines.len(), 3, "{listing}");
    assert_eq!(
        listing
            .matches("an earlier version (replaced by an edit)")
            .count(),
        2,
        "{listing}"
    );

    // The newest is v2, the version deleted.
    env.ok_at(T4, &["restore", &id, "--latest"]);
    assert_eq!(fs::read(&path).unwrap(), v2);
    assert_eq!(every_version(&env), versions, "nothing lost, nothing new");
    assert_eq!(trashed(&env, &id).len(), 2);

    // Again, with the entry there: the current one (v2) goes to the trash
    // first, and the newest in the trash (v1, replaced at T2) comes back.
    let count_before = env.entry_files().len() + files_under(&trash_dir(&env)).len();
    let out = env.ok_at(T5, &["restore", &id, "--latest"]);
    assert!(out.contains("Restored"), "{out}");
    assert_eq!(fs::read(&path).unwrap(), v1, "the newest trashed version");
    let count_after = env.entry_files().len() + files_under(&trash_dir(&env)).len();
    assert_eq!(count_after, count_before, "as many files as before");
    assert_eq!(every_version(&env), versions, "every version still there");
    let in_trash: Vec<Vec<u8>> = trashed(&env, &id)
        .iter()
        .map(|p| fs::read(p).unwrap())
        .collect();
    assert!(in_trash.contains(&v0), "the original is still in the trash");
    assert!(in_trash.contains(&v2), "the one replaced is in the trash");
    assert_eq!(in_trash.len(), 2);
}

#[test]
fn restoring_something_not_in_the_trash_says_so() {
    let env = Env::new();
    checkin(&env, NOW);
    let before = journal_bytes(&env);
    let out = env.run_at(T1, &["restore", "nosuch"]);
    assert_eq!(code(&out), Some(1));
    assert!(
        stderr(&out).contains("nothing in the trash matches \"nosuch\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(journal_bytes(&env), before);
}

/// Two entries in the trash: `a` with an edited version and its deleted
/// one, `b` deleted. Returns (a, b).
fn two_in_the_trash(env: &Env) -> (String, String) {
    let a = note(env, NOW, "First synthetic note", &[]);
    let b = note(env, T1, "Second synthetic note", &[]);
    let ed = script(env, "ed.sh", r#"sed -i 's/synthetic/made-up/' "$1""#);
    assert_eq!(code(&edit(env, T2, &ed, &a)), Some(0));
    env.ok_at(T3, &["delete", &b, "--yes"]);
    env.ok_at(T4, &["delete", &a, "--yes"]);
    assert_eq!(trashed(env, &a).len(), 2);
    assert_eq!(trashed(env, &b).len(), 1);
    (a, b)
}

#[test]
fn purge_and_empty_need_yes_without_a_terminal_and_erase_only_what_they_name() {
    let env = Env::new();
    let (a, b) = two_in_the_trash(&env);
    let c = note(&env, T4, "A third note, not deleted", &[]);
    let before = journal_bytes(&env);

    let out = env.run_at(T5, &["trash", "purge", &a]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Erase 2 trashed versions"),
        "{}",
        stderr(&out)
    );
    let out = env.run_at(T5, &["trash", "empty"]);
    assert_eq!(code(&out), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(journal_bytes(&env), before, "nothing erased");

    // Purge erases every version of `a`, and only those.
    let out = env.ok_at(T5, &["trash", "purge", &handle_of_id(&a), "--yes"]);
    assert!(out.contains("Erased 2 files for good."), "{out}");
    assert!(trashed(&env, &a).is_empty());
    assert_eq!(trashed(&env, &b).len(), 1, "b's version is still there");
    assert_eq!(
        env.entry_files(),
        vec![env.path_of(&c)],
        "entries untouched"
    );
    let listing = env.ok_at(T5, &["trash"]);
    assert!(!listing.contains(&handle_of_id(&a)), "{listing}");
    assert!(listing.contains(&handle_of_id(&b)), "{listing}");
    let out = env.run_at(T5, &["restore", &a]);
    assert_ne!(code(&out), Some(0), "a is gone for good");

    // Empty erases the rest of the trash, and no entry.
    let entry_bytes = fs::read(env.path_of(&c)).unwrap();
    let out = env.ok_at(T5, &["trash", "empty", "--yes"]);
    assert!(out.contains("The trash is empty."), "{out}");
    assert!(files_under(&trash_dir(&env)).is_empty());
    assert_eq!(env.entry_files(), vec![env.path_of(&c)]);
    assert_eq!(fs::read(env.path_of(&c)).unwrap(), entry_bytes);
    let out = env.ok_at(T5, &["trash", "empty", "--yes"]);
    assert!(out.contains("already empty"), "{out}");
}

#[test]
fn trash_empty_counts_each_entry_once() {
    let env = Env::new();
    // In time order: a edited, b deleted, a deleted: 3 files of 2 entries.
    two_in_the_trash(&env);
    let out = env.run_at(T5, &["trash", "empty"]);
    assert_eq!(code(&out), Some(2));
    let err = stderr(&out);
    assert!(err.contains("3 files from 2 entries"), "{err}");
}

// ---------------------------------------------------------------------------
// 3. search

/// Four entries over three weeks. Thursday 26 November is "now"; last week
/// is Monday 16 to Sunday 22 November.
fn searchable(env: &Env) -> BTreeMap<&'static str, String> {
    let mut ids = BTreeMap::new();
    let a = env.file(
        "old.toml",
        r#"
motivation = 6
attend = "Coffee at the Café with a band 5 nurse"
help = "Covered the phones"
"#,
    );
    env.ok_at(
        "2026-11-10T08:00:00+00:00",
        &["checkin", "--answers", s(&a), "--tag", "night"],
    );
    ids.insert("old", newest_id(env));
    let b = env.file(
        "lastweek.toml",
        r#"
motivation = 5
attend = "Listened at handover"
help = "Booked the café room for the team debrief"
"#,
    );
    env.ok_at(
        "2026-11-18T08:00:00+00:00",
        &["checkin", "--answers", s(&b), "--tag", "ward-7"],
    );
    ids.insert("lastweek", newest_id(env));
    ids.insert(
        "note",
        note(
            env,
            "2026-11-19T17:00:00+00:00",
            "CAFÉ closed early; handover in the corridor",
            &["night"],
        ),
    );
    let d = env.file(
        "today.toml",
        r#"
motivation = 8
attend = "A quiet word with the ward clerk"
"#,
    );
    env.ok_at(
        "2026-11-26T08:00:00+00:00",
        &["checkin", "--answers", s(&d)],
    );
    ids.insert("today", newest_id(env));
    ids
}

/// The handles a search listing shows (lines that start with one).
fn listed(out: &str, ids: &BTreeMap<&'static str, String>) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (name, id) in ids {
        if out
            .lines()
            .any(|l| l.trim_start().starts_with(&handle_of_id(id)))
        {
            found.push(*name);
        }
    }
    found
}

#[test]
fn grep_is_case_insensitive_over_answers_including_accented_letters() {
    let env = Env::new();
    let ids = searchable(&env);
    for needle in ["café", "CAFÉ", "Café", "cAfÉ"] {
        let out = env.ok_at(NOW, &["list", "--grep", needle]);
        assert_eq!(
            listed(&out, &ids),
            ["lastweek", "note", "old"],
            "{needle}: {out}"
        );
        // The answer that matched is shown, as it was written.
        assert!(
            out.contains("attend: Coffee at the Café with a band 5 nurse"),
            "{out}"
        );
        assert!(
            out.contains("help: Booked the café room for the team debrief"),
            "{out}"
        );
        assert!(
            out.contains("note: CAFÉ closed early; handover in the corridor"),
            "{out}"
        );
        // Answers of a matching entry that do not match are not shown.
        assert!(!out.contains("Covered the phones"), "{out}");
        assert!(!out.contains("Listened at handover"), "{out}");
    }
    let out = env.ok_at(NOW, &["list", "--grep", "HANDOVER"]);
    assert_eq!(listed(&out, &ids), ["lastweek", "note"], "{out}");
    let out = env.ok_at(NOW, &["list", "--grep", "nothing like this"]);
    assert!(out.contains("No entries match."), "{out}");
    // Without a terminal there are no escape codes, even with colour allowed.
    let out = env
        .tend()
        .env_remove("NO_COLOR")
        .env("TEND_TEST_NOW", NOW)
        .args(["list", "--grep", "café"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!stdout(&out).contains('\x1b'), "{:?}", stdout(&out));
    assert!(stdout(&out).contains("Café"), "{}", stdout(&out));
}

#[test]
fn section_kind_tag_and_dates_narrow_a_search() {
    let env = Env::new();
    let ids = searchable(&env);
    let run = |args: &[&str]| {
        let mut all = vec!["list"];
        all.extend(args);
        env.ok_at(NOW, &all)
    };

    // --section: only answers in that section.
    let out = run(&["--grep", "CAFÉ", "--section", "help"]);
    assert_eq!(listed(&out, &ids), ["lastweek"], "{out}");
    assert!(out.contains("help: Booked the café room"), "{out}");
    assert!(!out.contains("attend:"), "{out}");
    let out = run(&["--grep", "café", "--section", "attend"]);
    assert_eq!(listed(&out, &ids), ["old"], "{out}");
    assert!(!out.contains("help:"), "{out}");
    // --section alone lists the answers in it.
    let out = run(&["--section", "help"]);
    assert_eq!(listed(&out, &ids), ["lastweek", "old"], "{out}");
    assert!(out.contains("help: Covered the phones"), "{out}");
    assert!(!out.contains("attend:"), "{out}");

    // With --kind and --tag.
    let out = run(&["--grep", "café", "--kind", "note"]);
    assert_eq!(listed(&out, &ids), ["note"], "{out}");
    let out = run(&["--grep", "café", "--kind", "checkin"]);
    assert_eq!(listed(&out, &ids), ["lastweek", "old"], "{out}");
    let out = run(&["--grep", "café", "--tag", "night"]);
    assert_eq!(listed(&out, &ids), ["note", "old"], "{out}");
    let out = run(&["--grep", "café", "--tag", "NIGHT", "--kind", "checkin"]);
    assert_eq!(listed(&out, &ids), ["old"], "{out}");

    // With dates: from Monday of last week on; last week only.
    let out = run(&["--grep", "café", "--since", "last week"]);
    assert_eq!(listed(&out, &ids), ["lastweek", "note"], "{out}");
    let out = run(&[
        "--grep",
        "handover",
        "--since",
        "last week",
        "--until",
        "2026-11-18",
    ]);
    assert_eq!(listed(&out, &ids), ["lastweek"], "{out}");
    let out = run(&["--grep", "café", "--until", "2026-11-15"]);
    assert_eq!(listed(&out, &ids), ["old"], "{out}");
    let out = run(&["--section", "attend", "--since", "today"]);
    assert_eq!(listed(&out, &ids), ["today"], "{out}");
}

#[test]
fn a_search_as_json_lists_the_matches_with_section_and_text() {
    let env = Env::new();
    let ids = searchable(&env);
    let out = env.ok_at(NOW, &["list", "--grep", "CAFÉ", "--format", "json"]);
    let v = parse_json(&out);
    let items = v.as_array().expect("an array");
    let got: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(
        got,
        [&ids["note"], &ids["lastweek"], &ids["old"]],
        "newest first"
    );
    let last_week = &items[1];
    assert_eq!(last_week["kind"], "checkin");
    assert_eq!(last_week["handle"], handle_of_id(&ids["lastweek"]).as_str());
    assert_eq!(last_week["tags"], serde_json::json!(["ward-7"]));
    assert_eq!(
        last_week["path"].as_str().unwrap(),
        s(&env.path_of(&ids["lastweek"]))
    );
    let m = last_week["matches"].as_array().unwrap();
    assert_eq!(m.len(), 1, "only the answer that matched: {m:?}");
    assert_eq!(m[0]["section"], "help");
    assert_eq!(m[0]["text"], "Booked the café room for the team debrief");
    assert!(
        m[0]["question"].as_str().unwrap().starts_with("Help:"),
        "{m:?}"
    );
    let n = items[0]["matches"].as_array().unwrap();
    assert_eq!(n[0]["section"], "note");
    assert_eq!(n[0]["text"], "CAFÉ closed early; handover in the corridor");

    let out = env.ok_at(
        NOW,
        &[
            "list",
            "--grep",
            "café",
            "--section",
            "attend",
            "--format",
            "json",
        ],
    );
    let v = parse_json(&out);
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 1, "{out}");
    assert_eq!(items[0]["id"].as_str(), Some(ids["old"].as_str()));
    assert_eq!(items[0]["matches"][0]["section"], "attend");
    let out = env.ok_at(
        NOW,
        &["list", "--grep", "no such words", "--format", "json"],
    );
    assert_eq!(parse_json(&out), serde_json::json!([]));
}

// ---------------------------------------------------------------------------
// 4. tend doctor

/// A journal with one of everything: check-ins, a note, a reading and its
/// after-reading, an action and its follow-up, an edit and a deletion.
/// Returns the ids by name.
fn lived_in(env: &Env) -> BTreeMap<&'static str, String> {
    let mut ids = BTreeMap::new();
    ids.insert("checkin", checkin(env, "2026-11-20T08:00:00+00:00"));
    let before = env.file(
        "before.toml",
        "hope = \"How to notice difficulty sooner\"\n",
    );
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &[
            "read",
            "A synthetic book about handover",
            "--answers",
            s(&before),
        ],
    );
    ids.insert("reading", newest_id(env));
    let after = env.file("after.toml", "learned = \"Attending comes first\"\n");
    env.ok_at(
        "2026-11-21T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    ids.insert("after", newest_id(env));
    env.ok_at(
        "2026-11-22T09:00:00+00:00",
        &["actions", "add", "Book a debrief with the night team"],
    );
    ids.insert("action", newest_id(env));
    let listing = env.ok_at("2026-11-22T09:01:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Book a debrief");
    env.ok_at(
        "2026-11-23T09:00:00+00:00",
        &["actions", "done", &h, "--note", "It went well"],
    );
    ids.insert("followup", newest_id(env));
    ids.insert(
        "note",
        note(
            env,
            "2026-11-24T09:00:00+00:00",
            "A short synthetic note",
            &[],
        ),
    );
    let gone = note(env, "2026-11-24T10:00:00+00:00", "To be deleted", &[]);
    env.ok_at("2026-11-24T11:00:00+00:00", &["delete", &gone, "--yes"]);
    let ed = script(env, "doctor-ed.sh", r#"sed -i 's/short/brief/' "$1""#);
    assert_eq!(
        code(&edit(env, "2026-11-24T12:00:00+00:00", &ed, &ids["note"])),
        Some(0)
    );
    ids
}

/// `tend doctor ARGS` at NOW: exit code, stdout, stderr.
fn doctor(env: &Env, args: &[&str]) -> (Option<i32>, String, String) {
    let mut all = vec!["doctor"];
    all.extend(args);
    let out = env.run_at(NOW, &all);
    (code(&out), stdout(&out), stderr(&out))
}

/// One entry is "1 entry", in doctor and in the index's own line.
#[test]
fn one_entry_is_counted_in_the_singular() {
    let env = Env::new();
    env.ok_at(NOW, &["note", "A quiet shift."]);
    let (c, out, err) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}{err}");
    assert!(out.contains("Checked 1 entry in"), "{out}");
    let out = env.ok_at(NOW, &["index"]);
    assert!(
        out.contains("The index covers 1 entry in 1 month folder (0 unreadable)"),
        "{out}"
    );
}

/// `tend doctor --format json`'s findings as (kind, path, message).
fn findings(env: &Env) -> Vec<(String, String, String)> {
    let out = env.run_at(NOW, &["doctor", "--format", "json"]);
    let v = parse_json(&stdout(&out));
    let list = v["findings"].as_array().expect("findings");
    assert_eq!(
        v["problems"].as_u64(),
        Some(list.iter().filter(|f| f["fixed"] == false).count() as u64)
    );
    assert_eq!(
        code(&out),
        Some(if v["problems"] == 0 { 0 } else { 1 }),
        "exit code follows the problems: {}",
        stdout(&out)
    );
    list.iter()
        .map(|f| {
            (
                f["kind"].as_str().expect("kind").to_string(),
                f["path"].as_str().expect("path").to_string(),
                f["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

#[test]
fn doctor_finds_nothing_wrong_in_a_healthy_journal() {
    let env = Env::new();
    lived_in(&env);
    let before = journal_bytes(&env);
    let (c, out, err) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}{err}");
    assert!(out.contains("Everything looks right."), "{out}");
    assert!(out.contains("Checked 6 entries"), "{out}");
    assert!(findings(&env).is_empty());
    assert_eq!(journal_bytes(&env), before, "doctor writes no entry");
}

#[test]
fn doctor_with_no_journal_says_so_and_creates_nothing() {
    let env = Env::new();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0));
    assert!(out.contains("No journal at"), "{out}");
    assert!(!env.dir().exists());
}

#[test]
fn doctor_reports_an_unreadable_entry_and_leaves_it_alone() {
    let env = Env::new();
    lived_in(&env);
    let bad = env
        .dir()
        .join("entries/2026/11/20261125T100000Z-bbbbbb.toml");
    fs::write(&bad, "schema = 1\nid = \"unfinished\n").unwrap();
    fs::set_permissions(&bad, fs::Permissions::from_mode(0o600)).unwrap();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = line_with(&out, "[unreadable]");
    assert!(line.contains(s(&bad)), "{line}");
    assert!(line.contains("line 2"), "{line}");
    let f = findings(&env);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "unreadable");
    assert_eq!(f[0].1, s(&bad));
    assert_eq!(
        fs::read_to_string(&bad).unwrap(),
        "schema = 1\nid = \"unfinished\n"
    );
}

#[test]
fn doctor_reports_a_file_named_differently_from_its_id() {
    let env = Env::new();
    let ids = lived_in(&env);
    let right = env.path_of(&ids["note"]);
    let wrong = right.with_file_name("20261124T090000Z-wrongn.toml");
    fs::rename(&right, &wrong).unwrap();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = line_with(&out, "[id_mismatch]");
    assert!(line.contains(s(&wrong)), "{line}");
    assert!(line.contains(&ids["note"]), "{line}");
    let f = findings(&env);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].0.as_str(), f[0].1.as_str()),
        ("id_mismatch", s(&wrong))
    );
}

#[test]
fn doctor_fix_makes_files_and_folders_private_again_and_changes_nothing_else() {
    let env = Env::new();
    let ids = lived_in(&env);
    let file = env.path_of(&ids["checkin"]);
    let folder = file.parent().unwrap().to_path_buf();
    let trash_file = files_under(&trash_dir(&env))[0].clone();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&trash_file, fs::Permissions::from_mode(0o640)).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
    let before = journal_bytes(&env);

    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    assert!(
        line_with(&out, s(&file)).contains("permissions are 644; private is 600"),
        "{out}"
    );
    assert!(
        line_with(&out, &format!("{}:", folder.display()))
            .contains("permissions are 755; private is 700"),
        "{out}"
    );
    assert!(line_with(&out, s(&trash_file)).contains("640"), "{out}");
    assert!(out.contains("tend doctor --fix"), "{out}");
    let f = findings(&env);
    assert_eq!(f.len(), 3, "{f:?}");
    assert!(f.iter().all(|x| x.0 == "permissions"), "{f:?}");
    assert_eq!(mode(&file), 0o644, "doctor alone changes nothing");

    let (c, out, _) = doctor(&env, &["--fix"]);
    assert_eq!(c, Some(0), "everything found was fixed: {out}");
    assert_eq!(out.matches("[fixed]").count(), 3, "{out}");
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&trash_file), 0o600);
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(journal_bytes(&env), before, "not a byte changed");

    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}");
    assert!(out.contains("Everything looks right."), "{out}");
}

#[test]
fn doctor_fix_repairs_permissions_but_still_fails_on_other_problems() {
    let env = Env::new();
    let ids = lived_in(&env);
    let file = env.path_of(&ids["note"]);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    fs::remove_file(env.path_of(&ids["reading"])).unwrap();
    let (c, out, _) = doctor(&env, &["--fix"]);
    assert_eq!(c, Some(1), "the broken link is still there: {out}");
    assert_eq!(mode(&file), 0o600);
    assert!(out.contains("[broken_link]"), "{out}");
}

#[test]
fn doctor_reports_an_after_reading_whose_reading_is_gone() {
    let env = Env::new();
    let ids = lived_in(&env);
    fs::remove_file(env.path_of(&ids["reading"])).unwrap();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = line_with(&out, "[broken_link]");
    assert!(line.contains(s(&env.path_of(&ids["after"]))), "{line}");
    assert!(line.contains(&ids["reading"]), "names the reading: {line}");
    let f = findings(&env);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "broken_link");
    assert_eq!(f[0].1, s(&env.path_of(&ids["after"])));
}

#[test]
fn doctor_reports_a_followup_whose_action_is_gone() {
    let env = Env::new();
    let ids = lived_in(&env);
    fs::remove_file(env.path_of(&ids["action"])).unwrap();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = line_with(&out, "[broken_link]");
    assert!(line.contains(s(&env.path_of(&ids["followup"]))), "{line}");
    assert!(line.contains(&ids["action"]), "{line}");
    let f = findings(&env);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "broken_link");
    assert!(f[0].2.contains("follow-up"), "{f:?}");
}

#[test]
fn doctor_reports_a_followup_whose_action_was_deleted_until_it_is_restored() {
    let env = Env::new();
    let ids = lived_in(&env);
    env.ok_at(T1, &["delete", &ids["action"], "--yes"]);
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    assert!(
        line_with(&out, "[broken_link]").contains(&ids["action"]),
        "{out}"
    );
    env.ok_at(T2, &["restore", &ids["action"]]);
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}");
}

/// A draft check-in with one answer, created at `created`, as a check-in
/// interrupted then would have left it.
fn write_draft(env: &Env, id: &str, created: &str) -> PathBuf {
    let dir = env.dir().join("drafts");
    fs::create_dir_all(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    let p = dir.join(format!("{id}.toml"));
    fs::write(
        &p,
        format!(
            r#"plan = ["motivation", "attend", "understand", "empathise", "help", "self", "next_action"]

[entry]
schema = 1
id = "{id}"
kind = "checkin"
pack = "checkin"
pack_version = 1
created = "{created}"
tags = []

[[entry.answers]]
id = "motivation"
section = "motivation"
question = "How motivated do you feel about work today?"
type = "scale"
measures = "motivation"
level = "summary"
value = 6
"#
        ),
    )
    .unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
    // The draft was last written when it was started.
    let started = chrono::DateTime::parse_from_rfc3339(created).unwrap();
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(started.timestamp() as u64);
    fs::File::options()
        .write(true)
        .open(&p)
        .unwrap()
        .set_modified(when)
        .unwrap();
    p
}

#[test]
fn doctor_reports_a_draft_waiting_more_than_a_week() {
    let env = Env::new();
    lived_in(&env);
    // Yesterday's draft is not stale.
    write_draft(&env, "20261125T090000Z-fresh2", "2026-11-25T09:00:00Z");
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "a day-old draft is fine: {out}");

    let old = write_draft(&env, "20261101T090000Z-stale2", "2026-11-01T09:00:00Z");
    let before = journal_bytes(&env);
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = line_with(&out, "[stale_draft]");
    assert!(line.contains(s(&old)), "{line}");
    assert!(line.contains("Sun 1 Nov 2026"), "{line}");
    assert!(line.contains("tend checkin"), "says what to do: {line}");
    let f = findings(&env);
    assert_eq!(f.len(), 1, "only the old one: {f:?}");
    assert_eq!((f[0].0.as_str(), f[0].1.as_str()), ("stale_draft", s(&old)));
    assert_eq!(journal_bytes(&env), before, "the draft is left as it is");
}

#[test]
fn doctor_reports_a_link_and_fix_never_follows_it() {
    let env = Env::new();
    lived_in(&env);
    let outside = env.file("outside.toml", "not part of the journal\n");
    fs::set_permissions(&outside, fs::Permissions::from_mode(0o644)).unwrap();
    let link = env
        .dir()
        .join("entries/2026/11/20261125T090000Z-linked.toml");
    std::os::unix::fs::symlink(&outside, &link).unwrap();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = out
        .lines()
        .find(|l| l.contains("[link]"))
        .unwrap_or_else(|| panic!("no [link] in {out}"));
    assert!(line.contains(s(&link)), "{line}");
    let f = findings(&env);
    assert!(f.iter().any(|x| x.0 == "link" && x.1 == s(&link)), "{f:?}");
    let (c, _, _) = doctor(&env, &["--fix"]);
    assert_eq!(c, Some(1), "a link is not a permission to fix");
    assert_eq!(mode(&outside), 0o644, "what it points to is untouched");
    assert_eq!(
        fs::read_to_string(&outside).unwrap(),
        "not part of the journal\n"
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn doctor_reports_a_temporary_file_left_by_an_interrupted_save() {
    let env = Env::new();
    lived_in(&env);
    let tmp = env.dir().join("entries/2026/11/.tend-abc123.tmp");
    fs::write(&tmp, "half").unwrap();
    fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600)).unwrap();
    // A new one may belong to a save going on now.
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}");
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    fs::File::options()
        .write(true)
        .open(&tmp)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    assert!(line_with(&out, "[leftover]").contains(s(&tmp)), "{out}");
    assert!(tmp.exists(), "reported, not deleted");
}

#[test]
fn doctor_as_json_has_every_finding_with_kind_path_and_message() {
    let env = Env::new();
    let ids = lived_in(&env);
    fs::remove_file(env.path_of(&ids["reading"])).unwrap();
    fs::set_permissions(
        env.path_of(&ids["checkin"]),
        fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    write_draft(&env, "20261101T090000Z-stale2", "2026-11-01T09:00:00Z");
    let out = env.run_at(NOW, &["doctor", "--format", "json"]);
    assert_eq!(code(&out), Some(1));
    let v = parse_json(&stdout(&out));
    assert_eq!(v["journal"].as_str(), Some(s(&env.dir())));
    assert_eq!(v["entries"], 5);
    assert_eq!(v["problems"], 3);
    let mut kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            assert!(
                f["path"]
                    .as_str()
                    .is_some_and(|p| p.starts_with(s(&env.dir())))
            );
            assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
            assert_eq!(f["fixed"], false);
            f["kind"].as_str().unwrap()
        })
        .collect();
    kinds.sort();
    assert_eq!(kinds, ["broken_link", "permissions", "stale_draft"]);
}

// ---------------------------------------------------------------------------
// 5. completions and the manual page

#[test]
fn completions_for_every_shell_need_no_journal_and_create_nothing() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = env.tend().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.len() > 500, "{shell}: {script}");
        for word in ["tend", "checkin", "doctor", "restore", "trash"] {
            assert!(script.contains(word), "{shell} mentions {word}");
        }
        assert!(stderr(&out).is_empty(), "{shell}: {}", stderr(&out));
    }
    assert!(
        files_under(env.tmp.path()).is_empty(),
        "nothing created: {:?}",
        files_under(env.tmp.path())
    );
    assert!(!env.dir().exists());
}

#[test]
fn the_manual_page_is_roff_and_needs_no_journal() {
    let env = Env::new();
    let out = env.tend().arg("man").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let page = stdout(&out);
    assert!(
        page.starts_with(".TH") || page.contains(".SH NAME"),
        "{page}"
    );
    assert!(page.contains(".TH tend 1"), "{page}");
    assert!(
        page.contains("tend\\-checkin"),
        "lists the commands: {page}"
    );
    assert!(files_under(env.tmp.path()).is_empty());
    assert!(!env.dir().exists());
}

#[test]
fn completions_and_man_work_even_with_a_broken_config() {
    let env = Env::new();
    env.write_config("this is = = not toml\n");
    let before = env.snapshot();
    for args in [&["completions", "bash"][..], &["man"][..]] {
        let out = env.tend().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(!stdout(&out).is_empty());
    }
    assert_eq!(env.snapshot(), before);
    // While a command that reads the config names it.
    let out = env.tend().args(["config", "show"]).output().unwrap();
    assert_eq!(code(&out), Some(1));
    assert!(
        stderr(&out).contains(s(&env.config_path())),
        "{}",
        stderr(&out)
    );
}

// ---------------------------------------------------------------------------
// 6. tend config

/// `tend config show` as key to (value, source).
fn config_rows(out: &str) -> BTreeMap<String, (String, String)> {
    out.lines()
        .skip(1)
        .map(|l| {
            let (left, source) = l.rsplit_once(" # ").unwrap_or_else(|| panic!("{l}"));
            let left = left.trim_end();
            let (key, value) = left.split_once(' ').unwrap_or((left, ""));
            (
                key.to_string(),
                (value.trim().to_string(), source.trim().to_string()),
            )
        })
        .collect()
}

const KEYS: [&str; 14] = [
    "dir",
    "editor_for_long_answers",
    "day_starts",
    "weekly_target",
    "rest_days",
    "streaks",
    "default_pack",
    "label",
    "watch_list",
    "color",
    "keyring",
    "revalidation_due",
    "regulator",
    "sync",
];

#[test]
fn config_path_prints_tend_config_and_creates_nothing() {
    let env = Env::new();
    let out = env.tend().args(["config", "path"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(stdout(&out).trim_end(), s(&env.config_path()));
    assert!(
        stderr(&out).contains("no file there yet"),
        "{}",
        stderr(&out)
    );
    env.write_config("label = \"leader-a\"\n");
    let out = env.tend().args(["config", "path"]).output().unwrap();
    assert_eq!(stdout(&out).trim_end(), s(&env.config_path()));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    assert!(!env.dir().exists());
}

#[test]
fn config_show_lists_every_key_with_its_default_source() {
    let env = Env::new();
    let out = env.tend().args(["config", "show"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("# {}", env.config_path().display())),
        "{text}"
    );
    assert!(
        text.lines().next().unwrap().contains("all defaults"),
        "{text}"
    );
    let rows = config_rows(&text);
    assert_eq!(rows.len(), KEYS.len(), "{text}");
    for k in KEYS {
        assert!(rows.contains_key(k), "{k} is listed: {text}");
    }
    assert_eq!(
        rows["dir"],
        (s(&env.dir()).to_string(), "--dir or TEND_DIR".into())
    );
    assert_eq!(
        rows["color"],
        ("auto".into(), "environment (NO_COLOR)".into())
    );
    for k in &KEYS[1..9] {
        assert_eq!(rows[*k].1, "default", "{k}: {text}");
    }
    assert_eq!(rows["day_starts"].0, "00:00");
    assert_eq!(rows["default_pack"].0, "checkin");
    assert_eq!(rows["weekly_target"].0, "none");
    assert_eq!(rows["keyring"], ("false".into(), "default".into()));
    assert_eq!(
        rows["revalidation_due"],
        (
            "none (CPD counts the last three years)".into(),
            "default".into()
        )
    );
    assert_eq!(rows["regulator"].1, "default");
    assert_eq!(rows["sync"], ("manual".into(), "default".into()));
    assert!(!env.dir().exists(), "showing the config creates no journal");
    assert!(!env.config_path().exists(), "nor a config file");
}

#[test]
fn config_show_says_which_keys_come_from_the_file() {
    let env = Env::new();
    env.write_config(
        r#"
weekly_target = 3
rest_days = ["sat", "sun"]
label = "leader-a"
watch_list = ["Ward 7"]
day_starts = "04:00"
"#,
    );
    let out = env.tend().args(["config", "show"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().contains("(read)"), "{text}");
    let rows = config_rows(&text);
    assert_eq!(rows["weekly_target"], ("3".into(), "file".into()));
    assert_eq!(
        rows["rest_days"],
        ("[\"sat\", \"sun\"]".into(), "file".into())
    );
    assert_eq!(rows["label"], ("leader-a".into(), "file".into()));
    assert_eq!(rows["watch_list"], ("[\"Ward 7\"]".into(), "file".into()));
    assert_eq!(rows["day_starts"], ("04:00".into(), "file".into()));
    for k in ["editor_for_long_answers", "streaks", "default_pack"] {
        assert_eq!(rows[k].1, "default", "{k}: {text}");
    }
    assert_eq!(rows["dir"].1, "--dir or TEND_DIR");
    assert_eq!(rows["color"].1, "environment (NO_COLOR)");
}

#[test]
fn config_show_names_the_source_of_the_journal_folder() {
    let env = Env::new();
    let from_file = env.tmp.path().join("journal-from-file");
    // Neither the file nor the environment: the platform's data folder.
    let out = env
        .tend()
        .env_remove("TEND_DIR")
        .args(["config", "show"])
        .output()
        .unwrap();
    let rows = config_rows(&stdout(&out));
    assert_eq!(
        rows["dir"],
        (
            s(&env.tmp.path().join(".local/share/tend")).to_string(),
            "default".into()
        )
    );
    // The file.
    env.write_config(&format!("dir = \"{}\"\n", from_file.display()));
    let out = env
        .tend()
        .env_remove("TEND_DIR")
        .args(["config", "show"])
        .output()
        .unwrap();
    let rows = config_rows(&stdout(&out));
    assert_eq!(rows["dir"], (s(&from_file).to_string(), "file".into()));
    // TEND_DIR wins over the file, and so does --dir.
    let out = env.tend().args(["config", "show"]).output().unwrap();
    let rows = config_rows(&stdout(&out));
    assert_eq!(
        rows["dir"],
        (s(&env.dir()).to_string(), "--dir or TEND_DIR".into())
    );
    let flag = env.tmp.path().join("journal-from-flag");
    let out = env
        .tend()
        .env_remove("TEND_DIR")
        .args(["--dir", s(&flag), "config", "show"])
        .output()
        .unwrap();
    let rows = config_rows(&stdout(&out));
    assert_eq!(
        rows["dir"],
        (s(&flag).to_string(), "--dir or TEND_DIR".into())
    );
    assert!(!from_file.exists() && !flag.exists(), "no folder created");
}

#[test]
fn config_show_names_no_color_only_when_it_decides_the_colour() {
    let env = Env::new();
    let out = env
        .tend()
        .env_remove("NO_COLOR")
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(
        config_rows(&stdout(&out))["color"],
        ("auto".into(), "default".into())
    );
    env.write_config("color = \"always\"\n");
    let out = env.tend().args(["config", "show"]).output().unwrap();
    assert_eq!(
        config_rows(&stdout(&out))["color"],
        ("always".into(), "file".into()),
        "a choice in the file is not NO_COLOR's"
    );
}

// ---------------------------------------------------------------------------
// 7. tend import jrnl

const JRNL: &str = r#"{
  "tags": {"@work": 2, "@night": 1},
  "entries": [
    {
      "title": "Handover went long",
      "body": "Stayed with a band 5 nurse after handover.\nShe wants written notes.",
      "date": "2025-03-04",
      "time": "18:45",
      "tags": ["@work", "@night"],
      "starred": false
    },
    {
      "title": "Quiet day",
      "body": "",
      "date": "2025-03-05",
      "time": "09:05",
      "tags": ["@work"],
      "starred": true
    }
  ]
}"#;

#[test]
fn import_jrnl_makes_notes_with_title_body_tags_date_and_time() {
    let env = Env::new();
    let file = env.file("jrnl.json", JRNL);
    let out = env.ok_at(NOW, &["import", "jrnl", s(&file)]);
    assert!(out.contains("Imported 2 notes"), "{out}");
    assert!(out.contains(s(&file)), "{out}");
    let entries = env.entries();
    assert_eq!(entries.len(), 2);
    let first = &entries[0];
    assert_eq!(first["kind"].as_str(), Some("note"));
    assert_eq!(first["title"].as_str(), Some("Handover went long"));
    assert_eq!(first["created"].as_str(), Some("2025-03-04T18:45:00Z"));
    assert_eq!(
        first["tags"],
        toml::Value::Array(vec!["work".into(), "night".into()])
    );
    assert_eq!(
        answer(first, "note")["value"].as_str(),
        Some("Stayed with a band 5 nurse after handover.\nShe wants written notes.")
    );
    assert!(
        s(&env.entry_files()[0]).contains("/entries/2025/03/20250304T184500Z-"),
        "{:?}",
        env.entry_files()
    );
    let second = &entries[1];
    assert_eq!(second["title"].as_str(), Some("Quiet day"));
    assert_eq!(second["created"].as_str(), Some("2025-03-05T09:05:00Z"));
    assert_eq!(second["tags"], toml::Value::Array(vec!["work".into()]));
    assert_eq!(answer(second, "note")["skipped"].as_bool(), Some(true));
    for p in env.entry_files() {
        assert_eq!(mode(&p), 0o600);
    }

    // They are ordinary notes from then on.
    let list = env.ok_at(NOW, &["list", "--tag", "night"]);
    assert!(list.contains("Handover went long"), "{list}");
    assert!(!list.contains("Quiet day"), "{list}");
    let found = env.ok_at(NOW, &["list", "--grep", "WRITTEN NOTES"]);
    assert!(found.contains("Tue 4 Mar 2025, 18:45"), "{found}");
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}");
}

#[test]
fn import_jrnl_dry_run_writes_nothing() {
    let env = Env::new();
    let file = env.file("jrnl.json", JRNL);
    let before = env.snapshot();
    let out = env.ok_at(NOW, &["import", "jrnl", s(&file), "--dry-run"]);
    assert!(out.contains("Would import 2 notes"), "{out}");
    assert!(out.contains("nothing was written"), "{out}");
    assert!(
        out.contains("Tue 4 Mar 2025, 18:45  Handover went long"),
        "{out}"
    );
    assert_eq!(env.snapshot(), before);
    assert!(!env.dir().exists(), "no journal folder either");
}

#[test]
fn importing_the_same_file_twice_adds_nothing_new() {
    let env = Env::new();
    let file = env.file("jrnl.json", JRNL);
    env.ok_at(NOW, &["import", "jrnl", s(&file)]);
    let before = journal_bytes(&env);
    let out = env.ok_at(T1, &["import", "jrnl", s(&file)]);
    assert!(out.contains("Imported 0 notes"), "{out}");
    assert!(out.contains("2 already here"), "{out}");
    assert_eq!(journal_bytes(&env), before);
    let out = env.ok_at(T1, &["import", "jrnl", s(&file), "--dry-run"]);
    assert!(
        out.contains("Would import 0 notes (2 already here"),
        "{out}"
    );

    // A later export with one more entry brings in just that one.
    let more = JRNL.replace(
        "  ]\n}",
        r#"  ,{"title": "Rota", "body": "Swapped a shift.", "date": "2025-03-06", "time": "07:30", "tags": [], "starred": false}
  ]
}"#,
    );
    assert_ne!(more, JRNL);
    let file2 = env.file("jrnl2.json", &more);
    let out = env.ok_at(T2, &["import", "jrnl", s(&file2)]);
    assert!(out.contains("Imported 1 note "), "{out}");
    assert_eq!(env.entries().len(), 3);
}

#[test]
fn a_broken_or_foreign_file_is_refused_by_name_and_nothing_is_written() {
    let env = Env::new();
    let broken = env.file("broken.json", "{\"entries\": [\n");
    let foreign = env.file("foreign.json", "{\"leaders\": [1, 2, 3]}\n");
    let not_json = env.file("notes.txt", "Dear diary\n");
    let bad_date = env.file(
        "bad-date.json",
        &JRNL.replace("\"2025-03-05\"", "\"5 March 2025\""),
    );
    let before = env.snapshot();
    for (file, why) in [
        (&broken, "not a jrnl JSON export"),
        (&foreign, "not a jrnl JSON export"),
        (&not_json, "not a jrnl JSON export"),
        (&bad_date, "entry 2"),
    ] {
        let out = env.run_at(NOW, &["import", "jrnl", s(file)]);
        let err = stderr(&out);
        assert_eq!(code(&out), Some(1), "{}: {err}", file.display());
        assert!(err.contains(s(file)), "names the file: {err}");
        assert!(err.contains(why), "{err}");
        assert_eq!(
            env.snapshot(),
            before,
            "{}: nothing written",
            file.display()
        );
    }
    assert!(
        env.entry_files().is_empty(),
        "not even the good first entry"
    );
    let out = env.run_at(NOW, &["import", "jrnl", "/nonexistent/jrnl.json"]);
    assert_eq!(code(&out), Some(1));
    assert!(stderr(&out).contains("/nonexistent/jrnl.json"));
}

// ---------------------------------------------------------------------------
// 8. entries written by a newer tend, and the oldest shape

const NEWER: &str = r#"schema = 3
id = "20261124T100000Z-nwr2nw"
kind = "note"
pack = "note"
pack_version = 1
created = "2026-11-24T10:00:00Z"
tags = []
mood_colour = "teal"

[[answers]]
id = "note"
section = "note"
question = "What would you like to note?"
type = "text"
measures = "other"
level = "full"
value = "Written by tend 2"
shared_with = ["coach"]
"#;

#[test]
fn an_entry_from_a_newer_tend_is_named_and_never_rewritten() {
    let env = Env::new();
    let mine = checkin(&env, NOW);
    let newer = env
        .dir()
        .join("entries/2026/11/20261124T100000Z-nwr2nw.toml");
    fs::write(&newer, NEWER).unwrap();
    fs::set_permissions(&newer, fs::Permissions::from_mode(0o600)).unwrap();
    let modified = fs::metadata(&newer).unwrap().modified().unwrap();
    let unchanged = |after: &str| {
        assert_eq!(fs::read_to_string(&newer).unwrap(), NEWER, "after {after}");
        assert_eq!(
            fs::metadata(&newer).unwrap().modified().unwrap(),
            modified,
            "not even rewritten with the same bytes, after {after}"
        );
        assert!(trashed(&env, "20261124T100000Z-nwr2nw").is_empty());
    };
    let newer_msg = "written by a newer tend (entry format 3; this tend reads up to 2)";

    let out = env.run_at(T1, &["list"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains(newer_msg), "{}", stderr(&out));
    assert!(stderr(&out).contains(s(&newer)), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&handle_of_id(&mine)),
        "the rest is listed"
    );
    unchanged("list");

    for args in [
        &["show", "last"][..],
        &["show", &mine],
        &["list", "--grep", "tend 2"],
        &["status"],
        &["actions"],
        &["index"],
        &["index", "--rebuild"],
        &["export", "--all", "--format", "json", "--level", "full"],
    ] {
        let out = env.run_at(T1, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            !stdout(&out).contains("Written by tend 2"),
            "{args:?} does not guess at it: {}",
            stdout(&out)
        );
        unchanged(&format!("{args:?}"));
    }
    let out = env.ok_at(T1, &["summary", "--all"]);
    assert!(out.contains("1 file could not be read"), "{out}");
    assert!(
        out.contains("2026/11/20261124T100000Z-nwr2nw.toml"),
        "{out}"
    );
    unchanged("summary --all");

    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(1), "{out}");
    let line = line_with(&out, "[unreadable]");
    assert!(line.contains(newer_msg), "{line}");
    unchanged("doctor");
    let (c, _, _) = doctor(&env, &["--fix"]);
    assert_eq!(c, Some(1));
    unchanged("doctor --fix");

    // Editing another entry in the same month folder leaves it alone.
    let ed = script(
        &env,
        "ed.sh",
        r#"sed -i 's/rota meeting/staff meeting/' "$1""#,
    );
    let out = edit(&env, T2, &ed, &mine);
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    unchanged("edit of another entry");

    // Editing it, or deleting it, is refused and says why.
    let out = edit(&env, T3, &ed, "nwr2nw");
    assert_ne!(code(&out), Some(0), "{}", stdout(&out));
    assert!(stderr(&out).contains(newer_msg), "{}", stderr(&out));
    unchanged("edit");
    let out = env.run_at(T3, &["delete", "nwr2nw", "--yes"]);
    assert_ne!(code(&out), Some(0), "{}", stdout(&out));
    unchanged("delete");
    // A check-in and a note later, still untouched.
    note(&env, T4, "Another synthetic note", &[]);
    unchanged("note");
}

#[test]
fn an_entry_with_no_optional_fields_still_loads() {
    let env = Env::new();
    let dir = env.dir().join("entries/2024/01");
    fs::create_dir_all(&dir).unwrap();
    for d in [
        env.dir(),
        env.dir().join("entries"),
        env.dir().join("entries/2024"),
        dir.clone(),
    ] {
        fs::set_permissions(&d, fs::Permissions::from_mode(0o700)).unwrap();
    }
    // Only what every entry must have.
    let bare = dir.join("20240105T080000Z-bare22.toml");
    let bare_text = "schema = 1\nid = \"20240105T080000Z-bare22\"\nkind = \"note\"\npack = \"note\"\npack_version = 1\ncreated = \"2024-01-05T08:00:00Z\"\n";
    fs::write(&bare, bare_text).unwrap();
    // The smallest check-in the first tend wrote: tags, one answer, one skip.
    let small = dir.join("20240106T080000Z-small2.toml");
    let small_text = r#"schema = 1
id = "20240106T080000Z-small2"
kind = "checkin"
pack = "checkin"
pack_version = 1
created = "2024-01-06T08:00:00Z"
tags = []

[[answers]]
id = "motivation"
section = "motivation"
question = "How motivated do you feel about work today?"
type = "scale"
measures = "motivation"
level = "summary"
value = 4

[[answers]]
id = "attend"
section = "attend"
question = "Attend: when were you really present with someone today?"
type = "text"
measures = "behaviour:attend"
level = "full"
skipped = true
"#;
    fs::write(&small, small_text).unwrap();
    for p in [&bare, &small] {
        fs::set_permissions(p, fs::Permissions::from_mode(0o600)).unwrap();
    }

    let out = env.run_at(NOW, &["list", "-n", "0"]);
    assert!(out.status.success());
    assert!(stderr(&out).is_empty(), "no complaint: {}", stderr(&out));
    assert!(stdout(&out).contains("bare22"), "{}", stdout(&out));
    assert!(stdout(&out).contains("small2"), "{}", stdout(&out));
    let shown = env.ok_at(NOW, &["show", "bare22"]);
    assert!(shown.contains("20240105T080000Z-bare22"), "{shown}");
    let shown = env.ok_at(NOW, &["show", "small2"]);
    assert!(
        shown.contains("How motivated do you feel about work today?\n  4"),
        "{shown}"
    );
    let summary = env.ok_at(NOW, &["summary", "--all"]);
    assert!(!summary.contains("could not be read"), "{summary}");
    let (c, out, _) = doctor(&env, &[]);
    assert_eq!(c, Some(0), "{out}");
    assert!(out.contains("Checked 2 entries"), "{out}");
    assert_eq!(fs::read_to_string(&bare).unwrap(), bare_text);
    assert_eq!(fs::read_to_string(&small).unwrap(), small_text);

    // It can be edited like any other.
    let ed = script(
        &env,
        "tag.sh",
        r#"sed -i 's/^created = \(.*\)$/created = \1\ntags = ["old"]/' "$1""#,
    );
    let out = edit(&env, NOW, &ed, "bare22");
    assert_eq!(code(&out), Some(0), "{}", stderr(&out));
    let list = env.ok_at(T1, &["list", "--tag", "old"]);
    assert!(list.contains("bare22"), "{list}");
    assert_eq!(
        fs::read_to_string(&trashed(&env, "20240105T080000Z-bare22")[0]).unwrap(),
        bare_text
    );
}

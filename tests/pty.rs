//! The check-in as a person meets it: the real `tend` binary in a
//! pseudo-terminal, typed at key by key, and then what landed on disk.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-26T13:20:05+00:00";

fn tend(env: &Env, args: &[&str]) -> Tty {
    spawn(env, args, Extra::default())
}

/// The files directly or deeply under `dir`, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

fn read_toml(path: &Path) -> toml::Table {
    std::fs::read_to_string(path)
        .unwrap()
        .parse::<toml::Table>()
        .unwrap_or_else(|e| panic!("{} is not TOML: {e}", path.display()))
}

/// The only draft on disk, parsed.
fn only_draft(env: &Env) -> (PathBuf, toml::Table) {
    let drafts = files_under(&env.dir().join("drafts"));
    assert_eq!(drafts.len(), 1, "one draft on disk: {drafts:?}");
    let t = read_toml(&drafts[0]);
    (drafts[0].clone(), t)
}

fn ids(entry: &toml::Table) -> Vec<String> {
    answers(entry)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

fn assert_text(entry: &toml::Table, id: &str, want: &str) {
    let a = answer(entry, id);
    assert_eq!(a["value"].as_str(), Some(want), "{id}: {a:?}");
    assert!(!a.contains_key("skipped"), "{id} is answered: {a:?}");
}

fn assert_skipped(entry: &toml::Table, id: &str) {
    let a = answer(entry, id);
    assert_eq!(a["skipped"].as_bool(), Some(true), "{id}: {a:?}");
    assert!(!a.contains_key("value"), "{id} has no value: {a:?}");
    assert!(!a.contains_key("due"), "{id} has no due day: {a:?}");
}

const ALL_SEVEN: [&str; 7] = [
    "motivation",
    "attend",
    "understand",
    "empathise",
    "help",
    "self",
    "next_action",
];

#[test]
fn a_full_checkin_typed_in_the_terminal_is_saved_answer_by_answer() {
    let env = Env::new().at(NOW);
    let mut t = tend(&env, &["checkin"]);
    t.expect("Daily check-in");
    t.expect("1/7 How motivated do you feel about work today?");
    t.expect("1 running on empty … 10 full of energy (Enter to skip): ");
    // A slip of the finger first: refused, and asked again.
    t.keys(&format!("11{ENTER}"));
    t.expect("a whole number from 1 to 10, or Enter to skip");
    t.expect("(Enter to skip): ");
    t.keys(&format!("8{ENTER}"));
    t.answer(
        "2/7 Attend: when were you really present",
        "Sat with a new band 5 nurse at handover",
    );
    t.answer("3/7 Understand:", "");
    t.answer(
        "4/7 Empathise:",
        "Felt how tired the night team were after the second admission",
    );
    t.answer("5/7 Help:", "Moved the rota meeting so she could rest");
    t.answer("6/7 And you:", "Took my full lunch break, outside");
    t.answer(
        "7/7 Is there one small thing",
        "Ask the team what would make handover easier",
    );
    t.expect("By when?");
    t.expect("): ");
    // A day already gone is refused; then a good one.
    t.keys(&format!("2026-11-01{ENTER}"));
    t.expect("comes before Thu 26 Nov 2026, the day this is for");
    t.answer("By when?", "2026-12-01");
    let exit = t.finish();
    exit.assert_code(0);

    let files = env.entry_files();
    assert_eq!(files.len(), 1, "one entry saved: {files:?}");
    assert!(
        exit.all
            .contains("Saved your check-in (6 of 7 answered) to"),
        "{}",
        exit.all
    );
    assert!(
        exit.all.contains(&files[0].display().to_string()),
        "says where it saved: {}",
        exit.all
    );
    let e = &env.entries()[0];
    assert_eq!(e["pack"].as_str(), Some("checkin"));
    assert_eq!(e["created"].as_str(), Some("2026-11-26T13:20:05Z"));
    assert_eq!(ids(e), ALL_SEVEN, "every question, in the pack's order");
    let m = answer(e, "motivation");
    assert_eq!(m["value"].as_integer(), Some(8));
    assert_eq!(m["type"].as_str(), Some("scale"));
    assert!(!m.contains_key("skipped"));
    assert_text(e, "attend", "Sat with a new band 5 nurse at handover");
    assert_skipped(e, "understand");
    assert_text(
        e,
        "empathise",
        "Felt how tired the night team were after the second admission",
    );
    assert_text(e, "help", "Moved the rota meeting so she could rest");
    assert_text(e, "self", "Took my full lunch break, outside");
    assert_text(
        e,
        "next_action",
        "Ask the team what would make handover easier",
    );
    assert_eq!(answer(e, "next_action")["due"].as_str(), Some("2026-12-01"));
    assert!(
        files_under(&env.dir().join("drafts")).is_empty(),
        "the draft is gone once the entry is saved"
    );
}

#[test]
fn a_quick_checkin_asks_four_questions_and_saves_four_answers() {
    let env = Env::new().at(NOW);
    let mut t = tend(&env, &["checkin", "--quick"]);
    t.answer("1/4 How motivated", "6");
    // 2026-11-26 is day 739946 of the common era; 739946 mod 4 = 2, so the
    // third behaviour takes its turn.
    t.answer(
        "2/4 Empathise:",
        "Felt the weight of the night shift with Ana",
    );
    t.answer("3/4 And you:", "A short walk at lunch");
    t.answer("4/4 Is there one small thing", "Book a debrief");
    t.answer("By when?", "friday");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        exit.all
            .contains("Saved your check-in (4 of 4 answered) to"),
        "{}",
        exit.all
    );
    // A fifth question would start a line with "5/" (the saved path, with
    // its random temporary folder name, may hold "5/" anywhere).
    assert!(
        !exit.all.lines().any(|l| l.trim_start().starts_with("5/")),
        "no fifth question: {}",
        exit.all
    );

    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    let got = ids(e);
    assert_eq!(got.len(), 4, "exactly four answers: {got:?}");
    for id in ["motivation", "self", "next_action"] {
        assert!(got.iter().any(|g| g == id), "{id} is asked: {got:?}");
    }
    assert_eq!(got, ["motivation", "empathise", "self", "next_action"]);
    assert_eq!(answer(e, "motivation")["value"].as_integer(), Some(6));
    assert_text(
        e,
        "empathise",
        "Felt the weight of the night shift with Ana",
    );
    assert_text(e, "self", "A short walk at lunch");
    assert_text(e, "next_action", "Book a debrief");
    // Thursday 26 November: the coming Friday.
    assert_eq!(answer(e, "next_action")["due"].as_str(), Some("2026-11-27"));
}

#[test]
fn ctrl_c_keeps_a_draft_and_the_next_run_carries_on_from_it() {
    let mut env = Env::new().at(NOW);
    let mut t = tend(&env, &["checkin"]);
    t.answer("1/7 How motivated", "7");
    t.answer("2/7 Attend:", "Listened to Sam after the incident");
    t.expect("3/7 Understand:");
    t.expect("): ");
    t.interrupt_while_typing("Half a thou");
    let exit = t.finish();
    exit.assert_code(130);
    assert!(exit.rest.contains("Paused"), "{}", exit.all);
    assert!(
        exit.rest.contains(SHOW_CURSOR),
        "the cursor is shown again after Ctrl-C: {:?}",
        exit.rest
    );

    assert!(env.entry_files().is_empty(), "no entry yet");
    let (draft_path, draft) = only_draft(&env);
    let d = draft["entry"].as_table().unwrap();
    assert_eq!(ids(d), ["motivation", "attend"], "exactly the two answers");
    assert_eq!(answer(d, "motivation")["value"].as_integer(), Some(7));
    assert_text(d, "attend", "Listened to Sam after the incident");
    assert_eq!(draft["plan"].as_array().unwrap().len(), 7);
    assert!(
        !std::fs::read_to_string(&draft_path)
            .unwrap()
            .contains("Half a thou"),
        "the half-typed answer was not kept"
    );

    // Later the same day: carry on.
    env.now = Some("2026-11-26T13:45:00+00:00".into());
    let mut t = tend(&env, &["checkin"]);
    t.expect("You have an unfinished check-in");
    t.expect("(2 of 7 questions done)");
    t.expect("> Carry on where I left off");
    t.keys(ENTER);
    t.answer(
        "3/7 Understand:",
        "Asked what blocks the rota; it is the swaps",
    );
    t.answer("4/7 Empathise:", "");
    t.answer("5/7 Help:", "Found cover for Sam's Friday");
    t.answer("6/7 And you:", "Early night");
    t.answer("7/7 Is there one small thing", "");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(!exit.all.contains("1/7"), "not asked again: {}", exit.all);
    assert!(!exit.all.contains("2/7"), "not asked again: {}", exit.all);
    assert!(
        exit.all
            .contains("Saved your check-in (5 of 7 answered) to"),
        "{}",
        exit.all
    );

    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(
        e["id"].as_str(),
        d["id"].as_str(),
        "the entry is the one begun"
    );
    assert_eq!(
        e["created"].as_str(),
        Some("2026-11-26T13:20:05Z"),
        "created when it was begun"
    );
    assert_eq!(ids(e), ALL_SEVEN);
    assert_eq!(answer(e, "motivation")["value"].as_integer(), Some(7));
    assert_text(e, "attend", "Listened to Sam after the incident");
    assert_text(
        e,
        "understand",
        "Asked what blocks the rota; it is the swaps",
    );
    assert_skipped(e, "empathise");
    assert_text(e, "help", "Found cover for Sam's Friday");
    assert_text(e, "self", "Early night");
    assert_skipped(e, "next_action");
    assert!(!draft_path.exists());
    assert!(
        files_under(&env.dir().join("drafts")).is_empty(),
        "the drafts folder is empty"
    );
    assert!(files_under(&env.dir().join("trash")).is_empty());
}

#[test]
fn a_draft_set_aside_goes_to_the_trash_and_a_new_checkin_starts() {
    let mut env = Env::new().at(NOW);
    let mut t = tend(&env, &["checkin"]);
    t.answer("1/7 How motivated", "3");
    t.answer("2/7 Attend:", "Old answer from the first run");
    t.expect("3/7 Understand:");
    t.expect("): ");
    t.interrupt_while_typing("");
    t.finish().assert_code(130);
    let (old_path, old) = only_draft(&env);
    let old_id = old["entry"]["id"].as_str().unwrap().to_string();

    env.now = Some("2026-11-26T18:02:10+00:00".into());
    let mut t = tend(&env, &["checkin"]);
    t.expect("You have an unfinished check-in");
    t.expect("> Carry on where I left off");
    t.keys(DOWN);
    t.expect("> Set it aside");
    t.keys(ENTER);
    t.expect("Set aside in");
    t.answer("1/7 How motivated", "9");
    for header in [
        "2/7 Attend:",
        "3/7 Understand:",
        "4/7 Empathise:",
        "5/7 Help:",
    ] {
        t.answer(header, "");
    }
    t.answer("6/7 And you:", "New day, new answer");
    t.answer("7/7 Is there one small thing", "");
    let exit = t.finish();
    exit.assert_code(0);

    let trashed = files_under(&env.dir().join("trash").join("drafts"));
    assert_eq!(
        trashed.len(),
        1,
        "the old draft is in the trash: {trashed:?}"
    );
    assert_eq!(trashed[0].file_name(), old_path.file_name());
    let kept = read_toml(&trashed[0]);
    assert_eq!(kept["entry"]["id"].as_str(), Some(old_id.as_str()));
    assert_text(
        kept["entry"].as_table().unwrap(),
        "attend",
        "Old answer from the first run",
    );
    assert!(!old_path.exists());
    assert!(files_under(&env.dir().join("drafts")).is_empty());

    let files = env.entry_files();
    assert_eq!(files.len(), 1);
    let on_disk = std::fs::read_to_string(&files[0]).unwrap();
    assert!(
        !on_disk.contains("Old answer"),
        "the new entry has none of the old answers:\n{on_disk}"
    );
    let e = &env.entries()[0];
    assert_ne!(e["id"].as_str(), Some(old_id.as_str()));
    assert_eq!(e["created"].as_str(), Some("2026-11-26T18:02:10Z"));
    assert_eq!(ids(e), ALL_SEVEN);
    assert_eq!(answer(e, "motivation")["value"].as_integer(), Some(9));
    for id in ["attend", "understand", "empathise", "help", "next_action"] {
        assert_skipped(e, id);
    }
    assert_text(e, "self", "New day, new answer");
}

#[test]
fn awkward_text_typed_in_the_terminal_is_saved_byte_for_byte() {
    let env = Env::new().at(NOW);
    let typed = [
        ("2/7 Attend:", "attend", "café “quotes” and 'single'"),
        (
            "3/7 Understand:",
            "understand",
            r#"back\slash and """triple""" and \n not a newline"#,
        ),
        (
            "4/7 Empathise:",
            "empathise",
            "emoji 🌱 and 日本語 and 👩\u{200d}⚕\u{fe0f} and e\u{301}",
        ),
        (
            "5/7 Help:",
            "help",
            "tab-free text with = and [brackets] and # hash",
        ),
        (
            "6/7 And you:",
            "self",
            "  spaces either side, and '''literal'''  ",
        ),
        (
            "7/7 Is there one small thing",
            "next_action",
            "key = \"value\" # not a comment ${HOME} $(true) `tick`",
        ),
    ];
    let mut t = tend(&env, &["checkin"]);
    t.answer("1/7 How motivated", "");
    for (header, _, s) in &typed {
        t.answer(header, s);
    }
    t.answer("By when?", "");
    t.finish().assert_code(0);

    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_skipped(e, "motivation");
    for (_, id, s) in &typed {
        assert_text(e, id, s);
    }
    assert!(!answer(e, "next_action").contains_key("due"));
}

const EVERY: &str = r#"
id = "every"
version = 1
title = "Every type"
kind = "checkin"

[[questions]]
id = "energy"
type = "scale"
text = "How much energy do you have left?"
min = 0
max = 5
labels = ["none", "plenty"]
measures = "motivation"
level = "summary"

[[questions]]
id = "note"
type = "text"
text = "Anything on your mind?"
measures = "other"
level = "full"

[[questions]]
id = "blocker"
type = "single_choice"
text = "What got in the way most?"
choices = ["Time", "Staffing", "Equipment"]
measures = "barrier"
level = "summary"

[[questions]]
id = "strains"
type = "multi_choice"
text = "Which of these weighed on you?"
choices = ["Workload", "Conflict", "Missed breaks", "Travel"]
measures = "strain_factor"
level = "summary"

[[questions]]
id = "learned"
type = "yes_no"
text = "Did you learn something new today?"
measures = "learning"
level = "summary"

[[questions]]
id = "step"
type = "action"
text = "What will you try next?"
measures = "action"
level = "learning"
"#;

#[test]
fn a_pack_with_every_question_type_is_answered_in_the_terminal() {
    let env = Env::new().at(NOW);
    env.write_pack("every.toml", EVERY);
    let mut t = tend(&env, &["checkin", "--pack", "every"]);
    t.expect("Every type");
    // A scale that starts at 0, and its lowest value.
    t.expect("1/6 How much energy do you have left?");
    t.expect("0 none … 5 plenty (Enter to skip): ");
    t.keys(&format!("6{ENTER}"));
    t.expect("a whole number from 0 to 5, or Enter to skip");
    t.expect("(Enter to skip): ");
    t.keys(&format!("0{ENTER}"));
    t.answer("2/6 Anything on your mind?", "The new rota");
    // One choice: arrows, then Enter; the list starts on "(skip this one)",
    // never on a real choice.
    t.expect("3/6 What got in the way most?");
    t.expect("> (skip this one)");
    t.expect("  Time");
    t.keys(DOWN);
    t.expect("> Time");
    t.keys(DOWN);
    t.expect("> Staffing");
    t.keys(DOWN);
    t.expect("> Equipment");
    t.keys(ENTER);
    // Several choices: Space picks, Enter confirms.
    t.expect("4/6 Which of these weighed on you?");
    t.expect("> [ ] Workload");
    t.expect("  [ ] Travel");
    t.keys(SPACE);
    t.expect("> [x] Workload");
    t.keys(DOWN);
    t.expect("> [ ] Conflict");
    t.keys(DOWN);
    t.expect("> [ ] Missed breaks");
    t.keys(SPACE);
    t.expect("> [x] Missed breaks");
    t.keys(ENTER);
    // Yes or no: a word it doesn't know is refused.
    t.expect("5/6 Did you learn something new today?");
    t.expect("y or n (Enter to skip): ");
    t.keys(&format!("maybe{ENTER}"));
    t.expect("y, n, or Enter to skip");
    t.expect("(Enter to skip): ");
    t.keys(&format!("y{ENTER}"));
    t.answer("6/6 What will you try next?", "Swap the handover room");
    t.answer("By when?", "friday");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(exit.all.contains("(6 of 6 answered)"), "{}", exit.all);

    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e["pack"].as_str(), Some("every"));
    assert_eq!(e["pack_version"].as_integer(), Some(1));
    assert_eq!(e["kind"].as_str(), Some("checkin"));
    assert_eq!(
        ids(e),
        ["energy", "note", "blocker", "strains", "learned", "step"]
    );
    let expect = [
        ("energy", "scale", "motivation", "summary"),
        ("note", "text", "other", "full"),
        ("blocker", "single_choice", "barrier", "summary"),
        ("strains", "multi_choice", "strain_factor", "summary"),
        ("learned", "yes_no", "learning", "summary"),
        ("step", "action", "action", "learning"),
    ];
    for (id, qtype, measures, level) in expect {
        let a = answer(e, id);
        assert_eq!(a["type"].as_str(), Some(qtype), "{id}");
        assert_eq!(a["measures"].as_str(), Some(measures), "{id}");
        assert_eq!(a["level"].as_str(), Some(level), "{id}");
        assert!(!a.contains_key("skipped"), "{id} is answered: {a:?}");
    }
    assert_eq!(answer(e, "energy")["value"].as_integer(), Some(0));
    assert_text(e, "note", "The new rota");
    assert_text(e, "blocker", "Equipment");
    let strains = answer(e, "strains");
    let strains: Vec<&str> = strains["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(strains, ["Workload", "Missed breaks"]);
    assert_eq!(answer(e, "learned")["value"].as_bool(), Some(true));
    assert_text(e, "step", "Swap the handover room");
    assert_eq!(answer(e, "step")["due"].as_str(), Some("2026-11-27"));
}

#[test]
fn enter_alone_skips_every_type_of_question() {
    let env = Env::new().at(NOW);
    env.write_pack("every.toml", EVERY);
    let mut t = tend(&env, &["checkin", "--pack", "every"]);
    t.answer("1/6 How much energy", "");
    t.answer("2/6 Anything on your mind?", "");
    // A choice list starts on "skip", so Enter alone records nothing (it
    // used to save the first choice).
    t.expect("3/6 What got in the way most?");
    t.expect("> (skip this one)");
    t.keys(ENTER);
    t.expect("4/6 Which of these weighed on you?");
    t.expect("  [ ] Travel");
    t.keys(ENTER);
    t.answer("5/6 Did you learn something new today?", "");
    t.answer("6/6 What will you try next?", "");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(exit.all.contains("(0 of 6 answered)"), "{}", exit.all);

    let e = &env.entries()[0];
    for id in ["energy", "note", "blocker", "strains", "learned", "step"] {
        assert_skipped(e, id);
    }
    assert_eq!(ids(e).len(), 6);
}

#[test]
fn ctrl_c_in_a_menu_shows_the_hidden_cursor_and_keeps_the_draft() {
    let env = Env::new().at(NOW);
    env.write_pack("every.toml", EVERY);
    let mut t = tend(&env, &["checkin", "--pack", "every"]);
    t.answer("1/6 How much energy", "4");
    t.answer("2/6 Anything on your mind?", "Short staffed again");
    t.expect("3/6 What got in the way most?");
    // The menu hides the cursor while it is up.
    t.expect(HIDE_CURSOR);
    t.expect("(skip this one)");
    t.interrupt_while_typing("");
    let exit = t.finish();
    exit.assert_code(130);
    assert!(exit.rest.contains("Paused"), "{}", exit.all);
    assert!(
        exit.rest.contains(SHOW_CURSOR),
        "the cursor is shown again: {:?}",
        exit.rest
    );
    assert!(env.entry_files().is_empty());
    let (_, draft) = only_draft(&env);
    let d = draft["entry"].as_table().unwrap();
    assert_eq!(ids(d), ["energy", "note"]);
    assert_eq!(answer(d, "energy")["value"].as_integer(), Some(4));
    assert_text(d, "note", "Short staffed again");
}

#[test]
fn ctrl_c_at_the_carry_on_menu_pauses_and_shows_the_cursor() {
    let env = Env::new().at(NOW);
    let mut t = tend(&env, &["checkin"]);
    t.answer("1/7 How motivated", "5");
    t.expect("2/7 Attend:");
    t.expect("): ");
    t.interrupt_while_typing("");
    t.finish().assert_code(130);
    let (draft_path, before) = only_draft(&env);

    let mut t = tend(&env, &["checkin"]);
    t.expect("You have an unfinished check-in");
    t.expect(HIDE_CURSOR);
    t.expect("Set it aside");
    t.interrupt_while_typing("");
    let exit = t.finish();
    exit.assert_code(130);
    assert!(exit.rest.contains("Paused"), "{}", exit.all);
    assert!(
        exit.rest.contains(SHOW_CURSOR),
        "the cursor is shown again: {:?}",
        exit.rest
    );
    assert_eq!(read_toml(&draft_path), before, "the draft is untouched");
}

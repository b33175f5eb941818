//! Readings, actions and their follow-ups, the weekly pack, the index and
//! `tend status`, driven through the real binary with answers files and plain
//! commands, then checked on disk and in what a person sees.
//!
//! Each step runs at its own pinned time (`TEND_TEST_NOW`), a minute or more
//! after the one before, as a person's commands would: entries are ordered by
//! their creation time first.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-11-26T13:20:05+00:00";

const TITLE: &str = "What is compassionate leadership?";
const URL: &str = "https://example.com/explainer";

const BEFORE: &str = r#"
hope = "How to notice difficulty sooner"
assumption = "That it is mostly about being kind"
"#;

const AFTER: &str = r#"
learned = "Attending comes first; listening is where helping starts"
discuss_with = "my practice educator"
change = { text = "Start a five-minute huddle after handover", due = "2026-12-03" }
"#;

/// A path as an argument.
fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The value of an answer, as text.
fn text_answer(entry: &toml::Table, id: &str) -> String {
    answer(entry, id)["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{id} has no text value: {entry:?}"))
        .to_string()
}

/// The entries that are not in `before` (by id).
fn new_entries(env: &Env, before: &[toml::Table]) -> Vec<toml::Table> {
    env.entries()
        .into_iter()
        .filter(|e| !before.iter().any(|b| b["id"] == e["id"]))
        .collect()
}

/// The only follow-up about `action`, after a command.
fn followups_of(env: &Env, action: &str) -> Vec<toml::Table> {
    env.entries_of_kind("followup")
        .into_iter()
        .filter(|e| e["action"].as_str() == Some(action))
        .collect()
}

/// The snapshot without the index, minus one path (answers files, say).
fn journal_bytes(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    env.snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with(env.dir()))
        .collect()
}

/// A follow-up's note (the answer `what_happened`), if it has one.
fn followup_note(e: &toml::Table) -> Option<String> {
    let a = answer(e, "what_happened");
    match a.get("value") {
        Some(v) => Some(v.as_str().unwrap().to_string()),
        None => {
            assert_eq!(a["skipped"].as_bool(), Some(true), "{a:?}");
            None
        }
    }
}

// ---------------------------------------------------------------------------
// Readings

#[test]
fn a_reading_before_and_after_are_saved_linked_and_listed() {
    let env = Env::new();
    let before = env.file("before.toml", BEFORE);
    let after = env.file("after.toml", AFTER);

    let out = env.ok_at(
        "2026-11-24T08:10:00+00:00",
        &["read", TITLE, "--source", URL, "--answers", s(&before)],
    );
    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    let r = &entries[0];
    let rid = id_of(r);
    let rpath = env.path_of(&rid);
    assert!(out.contains("Saved your reading to"), "{out}");
    assert!(out.contains(&rpath.display().to_string()), "{out}");
    assert_eq!(r["kind"].as_str(), Some("reading"));
    assert_eq!(r["pack"].as_str(), Some("reading"));
    assert_eq!(r["title"].as_str(), Some(TITLE));
    assert_eq!(r["source"].as_str(), Some(URL));
    assert_eq!(r["created"].as_str(), Some("2026-11-24T08:10:00Z"));
    assert_eq!(text_answer(r, "hope"), "How to notice difficulty sooner");
    assert_eq!(
        text_answer(r, "assumption"),
        "That it is mostly about being kind"
    );
    assert_eq!(answer(r, "hope")["measures"].as_str(), Some("reading:hope"));
    let reading_bytes = fs::read(&rpath).unwrap();

    let rh = handle_of_id(&rid);
    let list = env.ok_at("2026-11-25T09:00:00+00:00", &["read", "--list"]);
    assert!(list.starts_with("Open"), "{list}");
    assert!(!list.contains("Finished"), "{list}");
    let line = line_with(&list, &rh);
    assert!(line.contains(&format!("“{TITLE}”")), "{line}");
    assert!(line.contains("started yesterday"), "{line}");
    let status = env.ok_at("2026-11-25T09:00:00+00:00", &["status"]);
    assert!(status.contains("1 reading open"), "{status}");

    // Days later, the one open reading is finished without naming it.
    let out = env.run_at(
        "2026-11-29T18:30:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("After reading “{TITLE}”")),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("Saved your after-reading reflection to"));
    let entries = env.entries();
    assert_eq!(entries.len(), 2);
    let a = entries.iter().find(|e| e["id"] != r["id"]).unwrap();
    let aid = id_of(a);
    assert_eq!(a["kind"].as_str(), Some("reading_after"));
    assert_eq!(a["pack"].as_str(), Some("reading_after"));
    assert_eq!(a["reading"].as_str(), Some(rid.as_str()), "linked: {a:?}");
    assert_eq!(a["title"].as_str(), Some(TITLE));
    assert_eq!(a["created"].as_str(), Some("2026-11-29T18:30:00Z"));
    assert_eq!(
        text_answer(a, "learned"),
        "Attending comes first; listening is where helping starts"
    );
    assert_eq!(text_answer(a, "discuss_with"), "my practice educator");
    let change = answer(a, "change");
    assert_eq!(change["type"].as_str(), Some("action"));
    assert_eq!(
        change["value"].as_str(),
        Some("Start a five-minute huddle after handover")
    );
    assert_eq!(change["due"].as_str(), Some("2026-12-03"));
    assert_eq!(
        fs::read(&rpath).unwrap(),
        reading_bytes,
        "the reading itself is not touched"
    );

    let at = "2026-11-30T08:00:00+00:00";
    let list = env.ok_at(at, &["read", "--list"]);
    assert!(!list.contains("Open"), "nothing open now: {list}");
    assert!(list.starts_with("Finished"), "{list}");
    let line = line_with(&list, &rh);
    assert!(line.contains(&format!("“{TITLE}”")), "{line}");
    assert!(line.contains("finished 29 Nov 2026"), "{line}");
    let status = env.ok_at(at, &["status"]);
    assert!(!status.contains("reading"), "{status}");
    assert!(status.contains("1 action open"), "{status}");

    // The change became an action, with its handle from the after entry.
    let actions = env.ok_at(at, &["actions"]);
    let line = line_with(&actions, "Start a five-minute huddle after handover");
    let h = action_handle(&actions, "Start a five-minute huddle");
    assert!(h.len() >= 4, "{h}");
    assert!(handle_of_id(&aid).starts_with(&h), "{h} is from {aid}");
    assert!(line.contains("for Thu 3 Dec"), "{line}");
    assert!(!line.contains("was for"), "{line}");
    env.ok_at("2026-11-30T08:01:00+00:00", &["actions", "done", &h]);
    let f = env.entries_of_kind("followup");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0]["action"].as_str(),
        Some(format!("{aid}:change").as_str())
    );
}

#[test]
fn with_several_open_readings_a_scripted_after_must_say_which() {
    let env = Env::new();
    let before = env.file("before.toml", BEFORE);
    let after = env.file("after.toml", AFTER);
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["read", "The first book", "--answers", s(&before)],
    );
    env.ok_at(
        "2026-11-21T09:00:00+00:00",
        &["read", "The second talk", "--answers", s(&before)],
    );
    let readings = env.entries_of_kind("reading");
    let (one, two) = (id_of(&readings[0]), id_of(&readings[1]));
    assert_eq!(readings[0]["title"].as_str(), Some("The first book"));
    let (h1, h2) = (handle_of_id(&one), handle_of_id(&two));

    // No handle, two open: refused, naming both, and nothing written.
    let was = journal_bytes(&env);
    let out = env.run_at(
        "2026-11-26T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("2 readings are open"), "{err}");
    assert!(err.contains("--after HANDLE"), "{err}");
    for (h, title) in [(&h1, "The first book"), (&h2, "The second talk")] {
        let line = line_with(&err, h);
        assert!(line.contains(&format!("“{title}”")), "{err}");
    }
    assert_eq!(journal_bytes(&env), was, "nothing written");

    // A handle nothing has: refused too.
    let out = env.run_at(
        "2026-11-26T09:01:00+00:00",
        &["read", "--after", "0000", "--answers", s(&after)],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no open reading matches \"0000\""),
        "{}",
        stderr(&out)
    );
    assert_eq!(journal_bytes(&env), was, "nothing written");

    // With the start of a handle: that one.
    env.ok_at(
        "2026-11-26T09:02:00+00:00",
        &["read", "--after", &h2[..4], "--answers", s(&after)],
    );
    let afters = env.entries_of_kind("reading_after");
    assert_eq!(afters.len(), 1);
    assert_eq!(afters[0]["reading"].as_str(), Some(two.as_str()));
    assert_eq!(afters[0]["title"].as_str(), Some("The second talk"));

    // Open readings first, then finished ones.
    let list = env.ok_at("2026-11-26T09:03:00+00:00", &["read", "--list"]);
    let open_at = list.find("Open").expect("an Open heading");
    let finished_at = list.find("Finished").expect("a Finished heading");
    assert!(open_at < finished_at, "{list}");
    let p1 = list.find(&h1).unwrap();
    let p2 = list.find(&h2).unwrap();
    assert!(
        open_at < p1 && p1 < finished_at,
        "the first is open: {list}"
    );
    assert!(finished_at < p2, "the second is finished: {list}");
    assert!(
        line_with(&list, &h1).contains("started 6 days ago"),
        "{list}"
    );
    assert!(
        line_with(&list, &h2).contains("finished 26 Nov 2026"),
        "{list}"
    );

    // Now one is open: no handle needed.
    env.ok_at(
        "2026-11-27T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let afters = env.entries_of_kind("reading_after");
    assert_eq!(afters.len(), 2);
    assert!(
        afters
            .iter()
            .any(|a| a["reading"].as_str() == Some(one.as_str())),
        "{afters:?}"
    );
    let list = env.ok_at("2026-11-27T09:01:00+00:00", &["read", "--list"]);
    assert!(!list.contains("Open"), "{list}");
    let p1 = list.find(&h1).unwrap();
    let p2 = list.find(&h2).unwrap();
    assert!(p1 < p2, "the most recently finished first: {list}");

    // None open: refused, nothing written.
    let was = journal_bytes(&env);
    let out = env.run_at(
        "2026-11-28T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("there is no open reading to finish"),
        "{}",
        stderr(&out)
    );
    assert_eq!(journal_bytes(&env), was);
}

// ---------------------------------------------------------------------------
// Actions

#[test]
fn actions_come_from_a_checkin_a_reading_and_actions_add() {
    let env = Env::new();
    let checkin = env.file(
        "checkin.toml",
        r#"
motivation = 6
next_action = { text = "Ask the team what would make handover easier", due = "2026-11-30" }
"#,
    );
    let before = env.file("before.toml", BEFORE);
    let after = env.file("after.toml", AFTER);
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["checkin", "--answers", s(&checkin)],
    );
    env.ok_at(
        "2026-11-21T09:00:00+00:00",
        &["read", TITLE, "--answers", s(&before)],
    );
    env.ok_at(
        "2026-11-22T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let out = env.ok_at(
        "2026-11-23T09:00:00+00:00",
        &["actions", "add", "Book a debrief with the night team"],
    );
    let added = env.entries_of_kind("action");
    assert_eq!(added.len(), 1);
    let add_id = id_of(&added[0]);
    assert!(
        out.contains(&format!("Added the action {}", handle_of_id(&add_id))),
        "{out}"
    );
    assert_eq!(
        text_answer(&added[0], "action"),
        "Book a debrief with the night team"
    );
    assert!(!answer(&added[0], "action").contains_key("due"));
    let checkin_id = id_of(&env.entries_of_kind("checkin")[0]);
    let after_id = id_of(&env.entries_of_kind("reading_after")[0]);

    let listing = env.ok_at(NOW, &["actions"]);
    let texts = [
        ("Ask the team what would make handover easier", &checkin_id),
        ("Start a five-minute huddle after handover", &after_id),
        ("Book a debrief with the night team", &add_id),
    ];
    // Soonest due first, then those without a date.
    let at: Vec<usize> = texts
        .iter()
        .map(|(t, _)| listing.find(t).unwrap_or_else(|| panic!("{t}: {listing}")))
        .collect();
    assert!(at[0] < at[1] && at[1] < at[2], "{listing}");
    assert!(line_with(&listing, texts[0].0).contains("for Mon 30 Nov"));
    assert!(line_with(&listing, texts[1].0).contains("for Thu 3 Dec"));
    assert!(line_with(&listing, texts[0].0).contains("added 6 days ago"));
    let status = env.ok_at(NOW, &["status"]);
    assert!(status.contains("3 actions open"), "{status}");

    // Each action's id is ENTRY_ID:QUESTION_ID, as its follow-up shows.
    let questions = ["next_action", "change", "action"];
    for (i, ((text, entry), question)) in texts.iter().zip(questions).enumerate() {
        let h = action_handle(&listing, text);
        assert!(handle_of_id(entry).starts_with(&h), "{h} for {entry}");
        env.ok_at(
            &format!("2026-11-26T13:3{i}:00+00:00"),
            &["actions", "done", &h],
        );
        let f = followups_of(&env, &format!("{entry}:{question}"));
        assert_eq!(f.len(), 1, "a follow-up of {entry}:{question}");
        assert_eq!(f[0]["status"].as_str(), Some("done"));
    }
    let listing = env.ok_at("2026-11-26T14:00:00+00:00", &["actions"]);
    assert!(listing.contains("No open actions"), "{listing}");
}

#[test]
fn done_drop_partly_snooze_and_reopen_each_leave_a_followup_and_change_nothing_else() {
    let env = Env::new();
    let items = [
        ("Call the ward manager", Some("2026-11-25")),
        ("Tidy the rota folder", None),
        ("Write up the huddle idea", Some("2026-12-04")),
        ("Read the sickness policy", None),
    ];
    for (i, (text, due)) in items.iter().enumerate() {
        let at = format!("2026-11-20T09:0{i}:00+00:00");
        let mut args = vec!["actions", "add", *text];
        if let Some(d) = due {
            args.extend(["--due", d]);
        }
        env.ok_at(&at, &args);
    }
    let sources = env.entries();
    assert_eq!(sources.len(), 4);
    let source_bytes: Vec<(PathBuf, Vec<u8>)> = env
        .entry_files()
        .into_iter()
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    let action_of = |text: &str| {
        let e = sources
            .iter()
            .find(|e| text_answer(e, "action") == text)
            .unwrap();
        format!("{}:action", id_of(e))
    };
    let listing = env.ok_at("2026-11-26T09:59:00+00:00", &["actions"]);
    let h = |text: &str| action_handle(&listing, text);
    let (call, tidy, write, read) = (
        h("Call the ward manager"),
        h("Tidy the rota folder"),
        h("Write up the huddle idea"),
        h("Read the sickness policy"),
    );

    let out = env.ok_at(
        "2026-11-26T10:00:00+00:00",
        &[
            "actions",
            "done",
            &call,
            "--note",
            "She agreed to a monthly slot",
        ],
    );
    assert!(
        out.contains("“Call the ward manager”: marked done."),
        "{out}"
    );
    let out = env.ok_at("2026-11-26T10:01:00+00:00", &["actions", "drop", &tidy]);
    assert!(out.contains("“Tidy the rota folder”: let go;"), "{out}");
    let out = env.ok_at(
        "2026-11-26T10:02:00+00:00",
        &["actions", "partly", &write, "--note", "Drafted half"],
    );
    assert!(out.contains("partly done, and still open"), "{out}");
    let out = env.ok_at(
        "2026-11-26T10:03:00+00:00",
        &["actions", "snooze", &read, "3"],
    );
    assert!(
        out.contains("“Read the sickness policy” is out of sight until Sun 29 Nov."),
        "{out}"
    );

    let listing = env.ok_at("2026-11-26T10:04:00+00:00", &["actions"]);
    assert!(!listing.contains("Call the ward manager"), "{listing}");
    assert!(!listing.contains("Tidy the rota folder"), "{listing}");
    assert!(line_with(&listing, "Write up the huddle idea").contains("partly done"));
    assert!(
        line_with(&listing, "Read the sickness policy").contains("snoozed until Sun 29 Nov"),
        "{listing}"
    );

    // Following up a closed action, or reopening an open one, is refused.
    let was = journal_bytes(&env);
    let out = env.run_at("2026-11-26T10:05:00+00:00", &["actions", "done", &tidy]);
    assert!(!out.status.success());
    // It says the action is already closed, and how to open it again.
    assert!(
        stderr(&out).contains("is already done or let go")
            && stderr(&out).contains("tend actions reopen"),
        "{}",
        stderr(&out)
    );
    let out = env.run_at("2026-11-26T10:05:00+00:00", &["actions", "reopen", &write]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("no finished action matches"),
        "{}",
        stderr(&out)
    );
    assert_eq!(journal_bytes(&env), was, "refusals write nothing");

    let out = env.ok_at(
        "2026-11-26T10:06:00+00:00",
        &["actions", "reopen", &call, "--note", "They want it weekly"],
    );
    assert!(
        out.contains("“Call the ward manager” is open again."),
        "{out}"
    );
    let listing = env.ok_at("2026-11-26T10:07:00+00:00", &["actions"]);
    let line = line_with(&listing, "Call the ward manager");
    assert!(line.contains("reopened"), "{line}");
    assert!(line.contains("was for Wed 25 Nov"), "{line}");

    // One follow-up entry per command, each with its status.
    let expect = [
        (
            "Call the ward manager",
            vec![
                ("done", Some("She agreed to a monthly slot")),
                ("reopened", Some("They want it weekly")),
            ],
        ),
        ("Tidy the rota folder", vec![("dropped", None)]),
        (
            "Write up the huddle idea",
            vec![("partly", Some("Drafted half"))],
        ),
        ("Read the sickness policy", vec![("snoozed", None)]),
    ];
    assert_eq!(env.entries_of_kind("followup").len(), 5);
    assert_eq!(env.entries().len(), 9);
    for (text, want) in expect {
        let action = action_of(text);
        let f = followups_of(&env, &action);
        assert_eq!(f.len(), want.len(), "{text}: {f:?}");
        for (e, (status, note)) in f.iter().zip(want) {
            assert_eq!(e["kind"].as_str(), Some("followup"));
            assert_eq!(e["pack"].as_str(), Some("followup"));
            assert_eq!(e["status"].as_str(), Some(status), "{text}");
            assert_eq!(followup_note(e).as_deref(), note, "{text}");
            if status == "snoozed" {
                assert_eq!(e["until"].as_str(), Some("2026-11-29"));
            } else {
                assert!(!e.contains_key("until"), "{e:?}");
            }
        }
    }

    // The entries the actions came from are exactly as they were written.
    for (p, b) in &source_bytes {
        assert_eq!(&fs::read(p).unwrap(), b, "{} changed", p.display());
    }
}

#[test]
fn a_snoozed_action_is_out_of_sight_until_its_day() {
    let env = Env::new();
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["actions", "add", "Read the sickness policy"],
    );
    let listing = env.ok_at("2026-11-26T10:00:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Read the sickness policy");
    env.ok_at("2026-11-26T10:01:00+00:00", &["actions", "snooze", &h, "3"]);
    for day in ["2026-11-26", "2026-11-28"] {
        let listing = env.ok_at(&format!("{day}T23:00:00+00:00"), &["actions"]);
        let line = line_with(&listing, "Read the sickness policy");
        assert!(line.contains("snoozed until Sun 29 Nov"), "{day}: {line}");
    }
    let listing = env.ok_at("2026-11-29T08:00:00+00:00", &["actions"]);
    let line = line_with(&listing, "Read the sickness policy");
    assert!(!line.contains("snoozed until"), "back on its day: {line}");
    let status = env.ok_at("2026-11-29T08:00:00+00:00", &["status"]);
    assert!(status.contains("1 action open"), "{status}");
}

#[test]
fn reopen_makes_a_done_action_open_again() {
    let env = Env::new();
    env.ok_at(
        "2026-11-24T09:00:00+00:00",
        &["actions", "add", "Ask Sam about nights"],
    );
    let listing = env.ok_at("2026-11-24T09:01:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Ask Sam about nights");
    let json = flat_json(&env.ok_at("2026-11-24T09:01:00+00:00", &["status", "--format", "json"]));
    assert_eq!(json["open_actions"], "1");

    env.ok_at("2026-11-25T09:00:00+00:00", &["actions", "done", &h]);
    let listing = env.ok_at("2026-11-25T09:01:00+00:00", &["actions"]);
    assert!(listing.contains("No open actions"), "{listing}");
    let json = flat_json(&env.ok_at("2026-11-25T09:01:00+00:00", &["status", "--format", "json"]));
    assert_eq!(json["open_actions"], "0");

    env.ok_at("2026-11-26T09:00:00+00:00", &["actions", "reopen", &h]);
    let listing = env.ok_at("2026-11-26T09:01:00+00:00", &["actions"]);
    let line = line_with(&listing, "Ask Sam about nights");
    assert!(
        line.starts_with(&format!(" {h}")) || line.starts_with(&h),
        "{line}"
    );
    assert!(line.contains("reopened"), "{line}");
    let json = flat_json(&env.ok_at("2026-11-26T09:01:00+00:00", &["status", "--format", "json"]));
    assert_eq!(json["open_actions"], "1");
    // And it can be closed again.
    env.ok_at("2026-11-26T09:02:00+00:00", &["actions", "done", &h]);
    let statuses: Vec<String> = env
        .entries_of_kind("followup")
        .iter()
        .map(|e| e["status"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(statuses, ["done", "reopened", "done"]);
    let listing = env.ok_at("2026-11-26T09:03:00+00:00", &["actions"]);
    assert!(listing.contains("No open actions"), "{listing}");
}

#[test]
fn an_action_without_a_due_date_is_never_overdue() {
    let env = Env::new();
    env.ok_at(
        "2026-11-01T09:00:00+00:00",
        &["actions", "add", "Undated: learn the new rota tool"],
    );
    env.ok_at(
        "2026-11-01T09:01:00+00:00",
        &[
            "actions",
            "add",
            "Dated: send the audit",
            "--due",
            "2026-11-05",
        ],
    );
    // On the day itself it is not yet past.
    let listing = env.ok_at("2026-11-05T20:00:00+00:00", &["actions"]);
    let dated = line_with(&listing, "Dated: send the audit");
    assert!(dated.contains("for Thu 5 Nov"), "{dated}");
    assert!(!dated.contains("was for"), "{dated}");
    for now in [
        "2026-11-06T09:00:00+00:00",
        "2026-12-25T09:00:00+00:00",
        "2027-06-01T09:00:00+00:00",
    ] {
        let listing = env.ok_at(now, &["actions"]);
        let dated = line_with(&listing, "Dated: send the audit");
        assert!(dated.contains("was for Thu 5 Nov"), "{now}: {dated}");
        let undated = line_with(&listing, "Undated: learn the new rota tool");
        assert!(!undated.contains("was for"), "{now}: {undated}");
        assert!(!undated.contains(" for "), "{now}: {undated}");
        assert!(!undated.contains("overdue"), "{now}: {undated}");
    }
}

// ---------------------------------------------------------------------------
// Follow-ups in an answers file

/// Three open actions added on the 24th; their handles, in order.
fn three_actions(env: &Env) -> [String; 3] {
    let texts = [
        "Call the ward manager",
        "Write up the huddle idea",
        "Ask Sam about nights",
    ];
    for (i, t) in texts.iter().enumerate() {
        env.ok_at(
            &format!("2026-11-24T09:0{i}:00+00:00"),
            &["actions", "add", t],
        );
    }
    let listing = env.ok_at("2026-11-24T10:00:00+00:00", &["actions"]);
    texts.map(|t| action_handle(&listing, t))
}

#[test]
fn followups_in_a_checkin_answers_file_are_recorded_with_the_checkin() {
    let env = Env::new();
    let [call, write, ask] = three_actions(&env);
    let file = env.file(
        "today.toml",
        &format!(
            r#"
motivation = 6
self = "A proper lunch"

[followups]
{call} = "done"
{write} = {{ status = "partly", note = "Spoke to two of five" }}
{ask} = "going"
"#
        ),
    );
    let before = env.entries();
    let out = env.ok_at(NOW, &["checkin", "--answers", s(&file)]);
    assert!(out.contains("Saved your check-in to"), "{out}");
    let added = new_entries(&env, &before);
    assert_eq!(added.len(), 4, "the check-in and three follow-ups");
    let checkins: Vec<_> = added
        .iter()
        .filter(|e| e["kind"].as_str() == Some("checkin"))
        .collect();
    assert_eq!(checkins.len(), 1);
    assert_eq!(text_answer(checkins[0], "self"), "A proper lunch");
    let source = |text: &str| {
        let e = before
            .iter()
            .find(|e| text_answer(e, "action") == text)
            .unwrap();
        format!("{}:action", id_of(e))
    };
    for (text, status, note) in [
        ("Call the ward manager", "done", None),
        (
            "Write up the huddle idea",
            "partly",
            Some("Spoke to two of five"),
        ),
        ("Ask Sam about nights", "going", None),
    ] {
        let f = followups_of(&env, &source(text));
        assert_eq!(f.len(), 1, "{text}");
        assert_eq!(f[0]["status"].as_str(), Some(status), "{text}");
        assert_eq!(followup_note(&f[0]).as_deref(), note, "{text}");
        assert_eq!(f[0]["created"].as_str(), Some("2026-11-26T13:20:05Z"));
    }
    let listing = env.ok_at("2026-11-26T14:00:00+00:00", &["actions"]);
    assert!(!listing.contains("Call the ward manager"), "{listing}");
    assert!(line_with(&listing, "Write up the huddle idea").contains("partly done"));
    assert!(line_with(&listing, "Ask Sam about nights").contains("still going"));
}

#[test]
fn an_unknown_handle_in_followups_writes_nothing_and_names_the_file_and_line() {
    let env = Env::new();
    let [call, _, _] = three_actions(&env);
    let file = env.file(
        "today.toml",
        &format!(
            r#"motivation = 6

[followups]
{call} = "done"
nosuch = "done"
"#
        ),
    );
    let was = env.snapshot();
    let out = env.run_at(NOW, &["checkin", "--answers", s(&file)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}, line ", file.display())),
        "names the file and a line: {err}"
    );
    assert!(err.contains("no open action matches \"nosuch\""), "{err}");
    assert_eq!(env.snapshot(), was, "nothing at all is written");
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    let listing = env.ok_at(NOW, &["actions"]);
    assert!(listing.contains("Call the ward manager"), "still open");

    // A status it does not know: refused the same way.
    let file = env.file(
        "today2.toml",
        &format!("motivation = 6\n\n[followups]\n{call} = \"finished\"\n"),
    );
    let was = env.snapshot();
    let out = env.run_at(NOW, &["checkin", "--answers", s(&file)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains(&format!("{}, line ", file.display())), "{err}");
    assert!(
        err.contains("\"finished\" should be done, partly, going or drop"),
        "{err}"
    );
    assert_eq!(env.snapshot(), was, "nothing at all is written");
}

#[test]
fn an_unknown_handle_in_followups_names_its_own_line() {
    let env = Env::new();
    let [call, _, _] = three_actions(&env);
    let file = env.file(
        "today.toml",
        &format!("motivation = 6\n\n[followups]\n{call} = \"done\"\nnosuch = \"done\"\n"),
    );
    let out = env.run_at(NOW, &["checkin", "--answers", s(&file)]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}, line 5:", file.display())),
        "`nosuch` is on line 5: {err}"
    );
    let file = env.file(
        "today2.toml",
        &format!("motivation = 6\n\n[followups]\n\n{call} = \"finished\"\n"),
    );
    let out = env.run_at(NOW, &["checkin", "--answers", s(&file)]);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}, line 5:", file.display())),
        "the bad status is on line 5: {err}"
    );
}

// ---------------------------------------------------------------------------
// Weekly

const WEEKLY: &str = r#"
autonomy = 3
belonging = 4
contribution = 2
strain_factor = "workload"
barriers = ["Too much work", "time pressure"]
learning = "Ask for help before the week runs away"
"#;

#[test]
fn a_scripted_checkin_never_offers_the_weekly() {
    let env = Env::new();
    env.ok_at(
        "2026-11-16T09:00:00+00:00",
        &["note", "Ten days ago: started the journal"],
    );
    let file = env.file("today.toml", "motivation = 7\n");
    let before = env.entries();
    let out = env.run_at(NOW, &["checkin", "--answers", s(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let added = new_entries(&env, &before);
    assert_eq!(added.len(), 1, "exactly one entry: {added:?}");
    assert_eq!(added[0]["kind"].as_str(), Some("checkin"));
    let said = format!("{}{}", stdout(&out), stderr(&out)).to_lowercase();
    assert!(!said.contains("weekly"), "no offer: {said}");
    assert!(!said.contains("do one now"), "no offer: {said}");
}

#[test]
fn the_weekly_pack_from_an_answers_file_saves_each_answer() {
    let env = Env::new();
    let file = env.file("week.toml", WEEKLY);
    let out = env.ok_at(NOW, &["checkin", "--pack", "weekly", "--answers", s(&file)]);
    assert!(out.contains("Saved your weekly check-in to"), "{out}");
    let entries = env.entries();
    assert_eq!(entries.len(), 1);
    let w = &entries[0];
    assert_eq!(w["kind"].as_str(), Some("weekly"));
    assert_eq!(w["pack"].as_str(), Some("weekly"));
    let ids: Vec<&str> = w["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "autonomy",
            "belonging",
            "contribution",
            "strain_factor",
            "barriers",
            "learning"
        ]
    );
    for (id, n, measures) in [
        ("autonomy", 3, "need:autonomy"),
        ("belonging", 4, "need:belonging"),
        ("contribution", 2, "need:contribution"),
    ] {
        let a = answer(w, id);
        assert_eq!(a["value"].as_integer(), Some(n), "{id}");
        assert_eq!(a["type"].as_str(), Some("scale"), "{id}");
        assert_eq!(a["measures"].as_str(), Some(measures), "{id}");
    }
    let strain = answer(w, "strain_factor");
    assert_eq!(
        strain["value"].as_str(),
        Some("Workload"),
        "as the pack spells it"
    );
    assert_eq!(strain["type"].as_str(), Some("single_choice"));
    let barriers = answer(w, "barriers");
    let picked: Vec<&str> = barriers["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(picked, ["Too much work", "Time pressure"]);
    assert_eq!(barriers["type"].as_str(), Some("multi_choice"));
    assert_eq!(
        text_answer(w, "learning"),
        "Ask for help before the week runs away"
    );
    let json = flat_json(&env.ok_at(NOW, &["status", "--format", "json"]));
    assert_eq!(json["last_weekly"], "2026-11-26T13:20:05+00:00");
    assert_eq!(
        json["checked_in_today"], "false",
        "a weekly is not the daily"
    );

    // A scale out of range is refused, naming the question; nothing written.
    let bad = env.file("bad.toml", "autonomy = 6\n");
    let was = env.snapshot();
    let out = env.run_at(NOW, &["checkin", "--pack", "weekly", "--answers", s(&bad)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("autonomy"), "{}", stderr(&out));
    assert_eq!(env.snapshot(), was);
}

// ---------------------------------------------------------------------------
// The index

/// An `action` entry as a person might write one by hand.
fn hand_action(id: &str, created: &str, text: &str) -> String {
    format!(
        r#"schema = 1
id = "{id}"
kind = "action"
pack = "action"
pack_version = 1
created = "{created}"
tags = []

[[answers]]
id = "action"
section = "action"
question = "What will you do?"
type = "action"
measures = "action"
level = "learning"
value = "{text}"
"#
    )
}

fn status_json(env: &Env, now: &str) -> std::collections::BTreeMap<String, String> {
    flat_json(&env.ok_at(now, &["status", "--format", "json"]))
}

#[test]
fn entries_added_deleted_or_broken_by_hand_show_on_the_next_quick_command() {
    let env = Env::new();
    let checkin = env.file(
        "c.toml",
        "motivation = 5\nnext_action = \"Ask about the rota swaps\"\n",
    );
    env.ok_at(
        "2026-11-24T09:00:00+00:00",
        &["checkin", "--answers", s(&checkin)],
    );
    env.ok_at("2026-11-25T09:00:00+00:00", &["note", "A first note"]);
    env.ok_at(
        "2026-11-25T10:00:00+00:00",
        &["actions", "add", "Book a debrief"],
    );
    let j = status_json(&env, NOW);
    assert_eq!(
        (j["entries"].as_str(), j["open_actions"].as_str()),
        ("3", "2")
    );
    assert_eq!(j["unreadable"], "0");
    let list = env.ok_at(NOW, &["list", "-n", "0"]);
    assert_eq!(list.lines().count(), 3, "{list}");

    // Added by hand.
    let folder = env.dir().join("entries/2026/11");
    let hand = folder.join("20261125T180000Z-hndmde.toml");
    fs::write(
        &hand,
        hand_action(
            "20261125T180000Z-hndmde",
            "2026-11-25T18:00:00Z",
            "Written by hand",
        ),
    )
    .unwrap();
    let list = env.ok_at(NOW, &["list", "-n", "0"]);
    assert_eq!(list.lines().count(), 4, "{list}");
    assert!(
        line_with(&list, "hndmde").contains("Written by hand"),
        "{list}"
    );
    let j = status_json(&env, NOW);
    assert_eq!(
        (j["entries"].as_str(), j["open_actions"].as_str()),
        ("4", "3")
    );
    let actions = env.ok_at(NOW, &["actions"]);
    assert!(actions.contains("Written by hand"), "{actions}");

    // Deleted by hand.
    let note = env.entries_of_kind("note");
    let note_id = id_of(&note[0]);
    fs::remove_file(env.path_of(&note_id)).unwrap();
    let list = env.ok_at(NOW, &["list", "-n", "0"]);
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(!list.contains(&handle_of_id(&note_id)), "{list}");
    let j = status_json(&env, NOW);
    assert_eq!(j["entries"], "3");

    // Broken by hand: skipped and named, the rest still there.
    let added = env.entries_of_kind("action");
    let book = added
        .iter()
        .find(|e| text_answer(e, "action") == "Book a debrief")
        .unwrap();
    let book_path = env.path_of(&id_of(book));
    fs::write(&book_path, "this is = = not toml\n").unwrap();
    let out = env.run_at(NOW, &["list", "-n", "0"]);
    assert!(out.status.success());
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    assert!(
        stderr(&out).contains(&book_path.display().to_string()),
        "names the file: {}",
        stderr(&out)
    );
    let j = status_json(&env, NOW);
    assert_eq!(
        (
            j["entries"].as_str(),
            j["open_actions"].as_str(),
            j["unreadable"].as_str()
        ),
        ("2", "2", "1")
    );
    let status = env.ok_at(NOW, &["status"]);
    assert!(status.contains("2 actions open"), "{status}");
    assert!(status.contains("1 file unreadable"), "{status}");
    let actions = env.ok_at(NOW, &["actions"]);
    assert!(!actions.contains("Book a debrief"), "{actions}");
    assert!(actions.contains("Ask about the rota swaps"), "{actions}");
    assert!(actions.contains("Written by hand"), "{actions}");
    assert_eq!(
        fs::read_to_string(&book_path).unwrap(),
        "this is = = not toml\n",
        "a broken file is left alone"
    );
}

#[test]
fn an_old_entry_edited_in_place_shows_after_tend_index() {
    let env = Env::new();
    env.ok_at(
        "2026-08-10T09:00:00+00:00",
        &["actions", "add", "Old text from August"],
    );
    env.ok_at("2026-11-25T09:00:00+00:00", &["note", "Recent note"]);
    let actions = env.ok_at(NOW, &["actions"]);
    assert!(actions.contains("Old text from August"), "{actions}");

    // Added by hand to an old month: its folder changes, so a quick command
    // sees it.
    let august = env.dir().join("entries/2026/08");
    fs::write(
        august.join("20260812T090000Z-hndmde.toml"),
        hand_action(
            "20260812T090000Z-hndmde",
            "2026-08-12T09:00:00Z",
            "Also from August, by hand",
        ),
    )
    .unwrap();
    let actions = env.ok_at(NOW, &["actions"]);
    assert!(actions.contains("Also from August, by hand"), "{actions}");

    // Edited in place: the folder's mtime stays the same.
    let old = env.entries_of_kind("action");
    let old = old
        .iter()
        .find(|e| text_answer(e, "action") == "Old text from August")
        .unwrap();
    let path = env.path_of(&id_of(old));
    let folder_mtime = fs::metadata(&august).unwrap().modified().unwrap();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replace("Old text from August", "Edited by hand in place"),
    )
    .unwrap();
    assert_eq!(
        fs::metadata(&august).unwrap().modified().unwrap(),
        folder_mtime,
        "an in-place edit leaves the folder alone"
    );
    // A quick command may or may not see it yet, but it works either way.
    let actions = env.ok_at(NOW, &["actions"]);
    assert!(
        actions.contains("Old text from August") || actions.contains("Edited by hand in place"),
        "{actions}"
    );

    // A whole-journal check does.
    let out = env.ok_at(NOW, &["index"]);
    assert!(
        out.contains("The index covers 3 entries in 2 month folders (0 unreadable)"),
        "{out}"
    );
    let actions = env.ok_at(NOW, &["actions"]);
    assert!(actions.contains("Edited by hand in place"), "{actions}");
    assert!(!actions.contains("Old text from August"), "{actions}");
    let list = env.ok_at(NOW, &["list", "-n", "0"]);
    assert!(list.contains("Edited by hand in place"), "{list}");
    assert!(!list.contains("Old text from August"), "{list}");
}

/// What the quick commands show: stdout and stderr of each.
fn views(env: &Env) -> Vec<(String, String, String)> {
    [
        &["list", "-n", "0"][..],
        &["actions"],
        &["read", "--list"],
        &["status", "--format", "json"],
        &["status"],
    ]
    .iter()
    .map(|args| {
        let out = env.run_at(NOW, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        (args.join(" "), stdout(&out), stderr(&out))
    })
    .collect()
}

/// A journal across three months with every kind of entry, follow-ups of
/// each sort and one broken file.
fn rich_journal(env: &Env) {
    let checkin = env.file(
        "c.toml",
        "motivation = 5\nnext_action = { text = \"Ask the team about handover\", due = \"2026-08-20\" }\n",
    );
    let before = env.file("before.toml", BEFORE);
    let after = env.file("after.toml", AFTER);
    let week = env.file("week.toml", WEEKLY);
    let today = env.file("today.toml", "motivation = 6\n");
    env.ok_at(
        "2026-08-10T09:00:00+00:00",
        &["checkin", "--answers", s(&checkin)],
    );
    env.ok_at(
        "2026-08-11T09:00:00+00:00",
        &["actions", "add", "Tidy the rota folder"],
    );
    env.ok_at(
        "2026-08-12T09:00:00+00:00",
        &["actions", "add", "Call the ward manager"],
    );
    env.ok_at(
        "2026-08-13T09:00:00+00:00",
        &["read", "An old book", "--answers", s(&before)],
    );
    env.ok_at(
        "2026-10-02T09:00:00+00:00",
        &["read", TITLE, "--answers", s(&before)],
    );
    env.ok_at(
        "2026-10-03T09:00:00+00:00",
        &["note", "October note", "--tag", "night"],
    );
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &[
            "read",
            "--after",
            &handle_of_id(&id_of(&env.entries_of_kind("reading")[1])),
            "--answers",
            s(&after),
        ],
    );
    let listing = env.ok_at("2026-11-21T09:00:00+00:00", &["actions"]);
    let h = |t: &str| action_handle(&listing, t);
    env.ok_at(
        "2026-11-21T09:01:00+00:00",
        &["actions", "done", &h("Tidy the rota folder")],
    );
    env.ok_at(
        "2026-11-21T09:02:00+00:00",
        &["actions", "partly", &h("Ask the team"), "--note", "Half"],
    );
    env.ok_at(
        "2026-11-21T09:03:00+00:00",
        &["actions", "snooze", &h("Start a five-minute"), "10"],
    );
    env.ok_at(
        "2026-11-21T09:04:00+00:00",
        &["actions", "drop", &h("Call the ward manager")],
    );
    env.ok_at(
        "2026-11-22T09:00:00+00:00",
        &["actions", "reopen", &h("Call the ward manager")],
    );
    env.ok_at(
        "2026-11-23T09:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&week)],
    );
    env.ok_at(
        "2026-11-26T09:00:00+00:00",
        &["checkin", "--answers", s(&today)],
    );
    fs::write(
        env.dir()
            .join("entries/2026/10/20261004T090000Z-brkenf.toml"),
        "schema = 1\nid = [not valid\n",
    )
    .unwrap();
}

#[test]
fn the_index_deleted_garbled_or_rebuilt_gives_identical_results() {
    let env = Env::new();
    rich_journal(&env);
    let fresh = views(&env);
    // A sanity check that the views hold what they should.
    let json = flat_json(&fresh[3].1);
    assert_eq!(json["entries"], "14", "{json:?}");
    assert_eq!(json["unreadable"], "1", "{json:?}");
    assert_eq!(json["open_actions"], "3", "{json:?}");
    assert_eq!(json["open_readings"], "1", "{json:?}");
    assert_eq!(json["checked_in_today"], "true", "{json:?}");
    assert_eq!(json["last_weekly"], "2026-11-23T09:00:00+00:00", "{json:?}");
    assert!(fresh[1].1.contains("reopened"), "{}", fresh[1].1);
    assert!(fresh[1].1.contains("snoozed until"), "{}", fresh[1].1);
    assert!(fresh[2].1.contains("Finished"), "{}", fresh[2].1);
    assert_eq!(fresh[0].1.lines().count(), 14, "{}", fresh[0].1);
    assert!(
        fresh[0].2.contains("brkenf"),
        "names the broken file: {}",
        fresh[0].2
    );
    assert_eq!(views(&env), fresh, "stable from one run to the next");

    let index = env.dir().join("index");
    fs::remove_dir_all(&index).unwrap();
    assert_eq!(views(&env), fresh, "after deleting the index");
    assert!(index.join("state.json").is_file(), "the index is back");

    fs::write(index.join("state.json"), "{ this is not json").unwrap();
    assert_eq!(views(&env), fresh, "after garbling state.json");
    let state = fs::read_to_string(index.join("state.json")).unwrap();
    assert!(
        state.starts_with('{') && state.contains("\"version\""),
        "rebuilt"
    );

    fs::write(index.join("state.json"), b"\x00\xff garbage \xfe").unwrap();
    assert_eq!(views(&env), fresh, "after binary garbage in state.json");

    let out = env.ok_at(NOW, &["index", "--rebuild"]);
    assert!(out.contains("rebuilt"), "{out}");
    assert!(
        out.contains("14 entries in 3 month folders (1 unreadable)"),
        "{out}"
    );
    assert_eq!(views(&env), fresh, "after tend index --rebuild");

    let out = env.ok_at(NOW, &["index"]);
    assert!(out.contains("nothing: it was up to date"), "{out}");
    assert_eq!(views(&env), fresh, "after tend index");
}

#[test]
fn a_garbled_old_month_shard_does_not_hide_its_entries() {
    let env = Env::new();
    rich_journal(&env);
    let fresh = views(&env);
    let shard = env.dir().join("index/months/2026-08.json");
    assert!(shard.is_file());
    fs::write(&shard, "garbage").unwrap();
    assert_eq!(views(&env), fresh, "after garbling the August shard");
    fs::remove_file(&shard).unwrap();
    assert_eq!(views(&env), fresh, "after deleting the August shard");
}

#[test]
fn events_in_one_second_keep_their_order_by_the_millisecond() {
    // Ids stop at the second, and their random parts here sort against the
    // order of events: the milliseconds of `created` must settle it.
    let env = Env::new();
    let run = |now: &str, random: &str, args: &[&str]| {
        env.tend()
            .env("TEND_TEST_NOW", now)
            .env("TEND_TEST_RANDOM", random)
            .args(args)
            .assert()
            .success();
    };
    run(
        "2026-11-26T13:20:05.100+00:00",
        "zzzzzz",
        &["actions", "add", "Quick one"],
    );
    run(
        "2026-11-26T13:20:05.200+00:00",
        "mmmmmm",
        &["actions", "done", "zzzz"],
    );
    let listing = env.ok_at(NOW, &["actions"]);
    assert!(listing.contains("No open actions"), "done: {listing}");
    run(
        "2026-11-26T13:20:05.300+00:00",
        "aaaaaa",
        &["actions", "reopen", "zzzz"],
    );
    let listing = env.ok_at(NOW, &["actions"]);
    assert!(
        line_with(&listing, "Quick one").contains("reopened"),
        "{listing}"
    );
    let created: Vec<String> = env
        .entries()
        .iter()
        .map(|e| e["created"].as_str().unwrap().to_string())
        .collect();
    assert!(
        created.contains(&"2026-11-26T13:20:05.200Z".to_string()),
        "milliseconds are kept: {created:?}"
    );
    // The same after a rebuild, which orders everything afresh.
    env.ok_at(NOW, &["index", "--rebuild"]);
    let listing = env.ok_at(NOW, &["actions"]);
    assert!(
        line_with(&listing, "Quick one").contains("reopened"),
        "{listing}"
    );
}

#[test]
fn followups_in_a_backdated_checkin_still_count() {
    let env = Env::new();
    env.ok_at(
        "2026-11-24T09:00:00+00:00",
        &["actions", "add", "Call the ward manager"],
    );
    let listing = env.ok_at("2026-11-24T09:01:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Call the ward manager");
    let file = env.file(
        "yesterday.toml",
        &format!("motivation = 5\n\n[followups]\n{h} = \"done\"\n"),
    );
    // Catching up on yesterday's check-in, and saying the action set the day
    // before is done: the follow-up is dated with yesterday's check-in.
    env.ok_at(
        NOW,
        &["checkin", "--date", "yesterday", "--answers", s(&file)],
    );
    let f = env.entries_of_kind("followup");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["status"].as_str(), Some("done"));
    assert!(f[0]["created"].as_str().unwrap().starts_with("2026-11-25"));
    let listing = env.ok_at("2026-11-26T14:00:00+00:00", &["actions"]);
    assert!(
        listing.contains("No open actions"),
        "the follow-up was recorded, so the action is done: {listing}"
    );

    // A step set this morning did not exist yesterday: following it up from
    // yesterday's check-in is refused, saying why, and nothing is written.
    env.ok_at(
        "2026-11-26T09:00:00+00:00",
        &["actions", "add", "Book the debrief"],
    );
    let listing = env.ok_at("2026-11-26T09:01:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Book the debrief");
    let file = env.file(
        "yesterday.toml",
        &format!("motivation = 5\n\n[followups]\n{h} = \"done\"\n"),
    );
    let before = env.entry_files();
    let out = env.run_at(
        NOW,
        &["checkin", "--date", "yesterday", "--answers", s(&file)],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("was set on Thu 26 Nov 2026, 09:00"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.entry_files(), before);
}

// ---------------------------------------------------------------------------
// tend status

#[test]
fn status_of_an_empty_journal_says_so_and_creates_nothing() {
    let env = Env::new();
    let out = env.run_at(NOW, &["status"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "no check-in yet today\n");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let out = env.run_at(NOW, &["status", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let j = flat_json(&stdout(&out));
    for (k, v) in [
        ("checked_in_today", "false"),
        ("open_actions", "0"),
        ("open_readings", "0"),
        ("last_weekly", "null"),
        ("entries", "0"),
        ("unreadable", "0"),
    ] {
        assert_eq!(j.get(k).map(String::as_str), Some(v), "{k}: {j:?}");
    }
    assert!(!env.dir().exists(), "no journal folder is created");
}

#[test]
fn status_counts_todays_checkin_open_actions_and_readings() {
    let env = Env::new();
    let checkin = env.file(
        "c.toml",
        "motivation = 8\nnext_action = \"Ask the team about handover\"\n",
    );
    let before = env.file("before.toml", BEFORE);
    env.ok_at(
        "2026-11-25T18:00:00+00:00",
        &["read", TITLE, "--answers", s(&before)],
    );
    env.ok_at(
        "2026-11-26T08:00:00+00:00",
        &["actions", "add", "Book a debrief"],
    );
    assert_eq!(
        env.ok_at("2026-11-26T08:01:00+00:00", &["status"]),
        "no check-in yet today · 1 action open · 1 reading open\n"
    );
    env.ok_at(
        "2026-11-26T09:00:00+00:00",
        &["checkin", "--answers", s(&checkin)],
    );
    assert_eq!(
        env.ok_at(NOW, &["status"]),
        "checked in today · 2 actions open · 1 reading open\n"
    );
    let j = status_json(&env, NOW);
    for (k, v) in [
        ("checked_in_today", "true"),
        ("last_checkin", "2026-11-26T09:00:00+00:00"),
        ("open_actions", "2"),
        ("open_readings", "1"),
        ("last_weekly", "null"),
        ("entries", "3"),
        ("unreadable", "0"),
    ] {
        assert_eq!(j.get(k).map(String::as_str), Some(v), "{k}: {j:?}");
    }
    // The next day the check-in is yesterday's.
    assert_eq!(
        env.ok_at("2026-11-27T09:00:00+00:00", &["status"]),
        "no check-in yet today · 2 actions open · 1 reading open\n"
    );
    let j = status_json(&env, "2026-11-27T09:00:00+00:00");
    assert_eq!(j["checked_in_today"], "false");
}

#[test]
fn with_day_starts_at_four_a_two_am_checkin_counts_for_the_day_before() {
    let env = Env::new();
    env.write_config("day_starts = \"04:00\"\n");
    let checkin = env.file("c.toml", "motivation = 4\n");
    env.ok_at(
        "2026-11-27T02:00:00+00:00",
        &["checkin", "--answers", s(&checkin)],
    );
    let e = &env.entries()[0];
    assert_eq!(e["created"].as_str(), Some("2026-11-27T02:00:00Z"));
    for (now, today) in [
        ("2026-11-27T02:30:00+00:00", true),
        ("2026-11-27T03:59:00+00:00", true),
        ("2026-11-27T04:00:00+00:00", false),
        ("2026-11-27T09:00:00+00:00", false),
    ] {
        let line = env.ok_at(now, &["status"]);
        let want = if today {
            "checked in today\n"
        } else {
            "no check-in yet today\n"
        };
        assert_eq!(line, want, "at {now}");
        let j = status_json(&env, now);
        assert_eq!(j["checked_in_today"], today.to_string(), "at {now}");
    }

    // Without the setting, the same check-in is the 27th's.
    let plain = Env::new();
    plain.ok_at(
        "2026-11-27T02:00:00+00:00",
        &["checkin", "--answers", s(&checkin)],
    );
    assert_eq!(
        plain.ok_at("2026-11-27T09:00:00+00:00", &["status"]),
        "checked in today\n"
    );
}

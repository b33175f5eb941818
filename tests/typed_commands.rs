//! The commands people type on a first try (issue 13, section 5): a day
//! where a command takes it by an option, `show` by day, `actions list`,
//! due dates at the end of a week or month, the trash saying what each item
//! is, and follow-ups in `list` naming their action.

mod common;
use common::*;

/// A Thursday.
const NOW: &str = "2026-11-26T13:20:05+00:00";

fn note(env: &Env, now: &str, text: &str) -> String {
    env.ok_at(now, &["note", text]);
    let notes = env.entries_of_kind("note");
    let e = notes
        .iter()
        .find(|e| answers(e).iter().any(|a| a["value"].as_str() == Some(text)))
        .unwrap();
    id_of(e)
}

#[test]
fn a_day_typed_without_its_option_gets_a_tip_naming_the_option() {
    let env = Env::new();
    for (args, tip) in [
        (vec!["checkin", "yesterday"], "--date yesterday"),
        (vec!["checkin", "last", "friday"], "--date \"last friday\""),
        (vec!["checkin", "2026-11-24"], "--date 2026-11-24"),
        (vec!["list", "monday"], "--since monday"),
        (vec!["summary", "last", "month"], "--since \"last month\""),
        (
            vec!["actions", "add", "Book a debrief", "friday"],
            "--due friday",
        ),
    ] {
        let out = env.run_at(NOW, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!("tip: to say which day, use '{tip}'")),
            "{args:?}:\n{err}"
        );
    }
    // A stray word that is not a day gets clap's message, and no tip.
    let out = env.run_at(NOW, &["checkin", "banana"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unexpected argument 'banana'"));
    assert!(!stderr(&out).contains("to say which day"));
    assert!(env.entry_files().is_empty(), "nothing was written");
}

#[test]
fn show_takes_a_day_and_shows_each_of_its_entries() {
    let env = Env::new();
    note(
        &env,
        "2026-11-25T09:00:00+00:00",
        "Quiet handover on the early shift",
    );
    note(
        &env,
        "2026-11-25T17:30:00+00:00",
        "Asked the night team what would help",
    );
    note(&env, NOW, "Today's note, not yesterday's");
    for day in ["yesterday", "2026-11-25", "25/11/2026", "Wednesday"] {
        let out = env.ok_at(NOW, &["show", day]);
        assert!(
            out.contains("Quiet handover on the early shift"),
            "{day}:\n{out}"
        );
        assert!(
            out.contains("Asked the night team what would help"),
            "{day}:\n{out}"
        );
        assert!(!out.contains("Today's note"), "{day}:\n{out}");
        assert!(out.contains("Wed 25 Nov 2026, 09:00"), "{day}:\n{out}");
    }
    let out = env.ok_at(NOW, &["show", "2026-11-20"]);
    assert!(
        out.contains("Nothing was written on Fri 20 Nov 2026"),
        "{out}"
    );
    // --raw needs one file: a day of two names their handles.
    let out = env.run_at(NOW, &["show", "yesterday", "--raw"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("has 2 entries"), "{}", stderr(&out));
    let raw = env.ok_at(NOW, &["show", "today", "--raw"]);
    assert!(raw.contains("schema = 1"), "{raw}");
}

#[test]
fn actions_list_is_tend_actions() {
    let env = Env::new();
    env.ok_at(
        NOW,
        &["actions", "add", "Book a debrief with the night team"],
    );
    let plain = env.ok_at(NOW, &["actions"]);
    let listed = env.ok_at(NOW, &["actions", "list"]);
    assert!(
        listed.contains("Book a debrief with the night team"),
        "{listed}"
    );
    assert_eq!(plain, listed);
}

#[test]
fn due_dates_take_the_end_of_the_week_and_of_the_month() {
    let env = Env::new();
    env.ok_at(
        NOW,
        &["actions", "add", "Week task", "--due", "end of week"],
    );
    env.ok_at(
        NOW,
        &["actions", "add", "Month task", "--due", "end of month"],
    );
    let due: Vec<(String, String)> = env
        .entries_of_kind("action")
        .iter()
        .map(|e| {
            let a = &answers(e)[0];
            (
                a["value"].as_str().unwrap().to_string(),
                a["due"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        due.contains(&("Week task".into(), "2026-11-29".into())),
        "{due:?}"
    );
    assert!(
        due.contains(&("Month task".into(), "2026-11-30".into())),
        "{due:?}"
    );
    // On a Sunday the end of the week is that day.
    env.ok_at(
        "2026-11-29T10:00:00+00:00",
        &["actions", "add", "Sunday task", "--due", "end of week"],
    );
    let listing = env.ok_at("2026-11-29T10:00:00+00:00", &["actions"]);
    assert!(
        line_with(&listing, "Sunday task").contains("for Sun 29 Nov"),
        "{listing}"
    );
}

#[test]
fn the_trash_and_the_delete_prompt_say_what_each_item_is() {
    let env = Env::new();
    let id = note(
        &env,
        "2026-11-25T09:00:00+00:00",
        "Quiet handover on the early shift",
    );
    let handle = handle_of_id(&id);
    // Without a terminal the question is in the message that stops it.
    let out = env.run_at(NOW, &["delete", &handle]);
    assert_ne!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(
        err.contains("Move the note from Wed 25 Nov 2026, 09:00: Quiet handover on the early shift to the trash?"),
        "{err}"
    );
    env.ok_at(NOW, &["delete", &handle, "--yes"]);
    let trash = env.ok_at(NOW, &["trash"]);
    let row = line_with(&trash, &handle);
    for part in [
        "note",
        "Wed 25 Nov 2026",
        "Quiet handover on the early shift",
        "deleted",
    ] {
        assert!(row.contains(part), "{part} in:\n{trash}");
    }
}

#[test]
fn list_rows_for_follow_ups_name_their_action() {
    let env = Env::new();
    env.ok_at(
        "2026-10-02T09:00:00+00:00",
        &["actions", "add", "Book a debrief with the night team"],
    );
    let listing = env.ok_at("2026-10-02T09:01:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Book a debrief");
    env.ok_at(
        "2026-10-03T09:00:00+00:00",
        &["actions", "partly", &h, "--note", "Room booked"],
    );
    // Done a month later: the action is closed, and in another month's folder.
    env.ok_at(NOW, &["actions", "done", &h, "--note", "They liked it"]);
    let list = env.ok_at(NOW, &["list"]);
    let done = line_with(&list, "They liked it");
    assert!(
        done.contains("“Book a debrief with the night team”"),
        "{list}"
    );
    let partly = line_with(&list, "Room booked");
    assert!(
        partly.contains("“Book a debrief with the night team”"),
        "{list}"
    );
}

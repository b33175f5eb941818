//! tend records only what was said: "Something else" is its own answer,
//! a backdated check-in means that day, nothing comes from the future, one
//! rule for today, and nothing is "saved" that cannot be read back.

mod common;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";

fn ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status,
        stdout(out),
        stderr(out)
    );
}

fn failed(out: &std::process::Output) -> String {
    assert!(
        !out.status.success(),
        "should have failed\n--- stdout ---\n{}",
        stdout(out)
    );
    stderr(out)
}

fn checkin_with(env: &Env, now: &str, answers: &str, extra: &[&str]) -> std::process::Output {
    let file = env.file("answers.toml", answers);
    let mut args = vec!["checkin", "--answers", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.run_at(now, &args)
}

// ---------------------------------------------------------------------------
// "Something else"

const WEEKLY: &str = r#"
autonomy = 3
barriers = ["Too much work", "Something else"]
barriers_other = "The lift to ward 7 was broken all week"
"#;

#[test]
fn something_else_is_its_own_text_answer_at_full_and_never_a_barrier() {
    let env = Env::new().at(NOW);
    ok(&checkin_with(&env, NOW, WEEKLY, &["--pack", "weekly"]));
    let e = &env.entries()[0];
    let barriers = answer(e, "barriers");
    let picked: Vec<&str> = barriers["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(picked, ["Too much work", "Something else"]);
    let other = answer(e, "barriers_other");
    assert_eq!(
        other["value"].as_str(),
        Some("The lift to ward 7 was broken all week")
    );
    assert_eq!(other["type"].as_str(), Some("text"));
    assert_eq!(other["level"].as_str(), Some("full"));
    assert_eq!(other["measures"].as_str(), Some("other"));
    // It follows its choice in the file.
    let order: Vec<String> = answers(e)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let at = order.iter().position(|i| i == "barriers").unwrap();
    assert_eq!(order[at + 1], "barriers_other");

    // The file reads back: shown whole, and no problem for the index.
    let show = env.ok_at(NOW, &["show", "last"]);
    assert!(show.contains("The lift to ward 7"), "{show}");
    let doctor = env.run_at(NOW, &["doctor"]);
    assert!(
        !stdout(&doctor).contains("could not"),
        "{}",
        stdout(&doctor)
    );

    // Summaries count the choice, never the words as a barrier.
    for args in [
        &["summary", "--since", "this month"][..],
        &["summary", "--since", "this month", "--format", "json"][..],
        &["export", "--since", "this month", "--format", "json"][..],
    ] {
        let out = env.ok_at(NOW, args);
        assert!(!out.contains("The lift"), "{args:?}:\n{out}");
    }
}

#[test]
fn what_something_else_was_needs_it_picked() {
    let env = Env::new().at(NOW);
    let out = checkin_with(
        &env,
        NOW,
        "barriers = [\"Too much work\"]\nbarriers_other = \"The lift\"\n",
        &["--pack", "weekly"],
    );
    let err = failed(&out);
    assert!(err.contains("answers.toml, line 2"), "{err}");
    assert!(err.contains("\"Something else\" picked"), "{err}");
    assert!(env.entry_files().is_empty());
}

// ---------------------------------------------------------------------------
// Backdating means that day

#[test]
fn a_backdated_checkin_judges_due_days_against_its_own_day() {
    let env = Env::new().at(NOW);
    // 3 Nov has passed today, but not on 27 Oct, the day this is for.
    let out = checkin_with(
        &env,
        NOW,
        "next_action = { text = \"Book the rota review\", due = \"2026-11-03\" }\n",
        &["--date", "2026-10-27"],
    );
    ok(&out);
    let e = &env.entries()[0];
    assert_eq!(answer(e, "next_action")["due"].as_str(), Some("2026-11-03"));
    // A day before the entry's own day is the error, naming both days.
    let out = checkin_with(
        &env,
        NOW,
        "next_action = { text = \"Too early\", due = \"2026-10-20\" }\n",
        &["--date", "2026-10-27"],
    );
    let err = failed(&out);
    assert!(
        err.contains("Tue 20 Oct 2026 comes before Tue 27 Oct 2026"),
        "{err}"
    );
    assert_eq!(env.entry_files().len(), 1);
}

#[test]
fn follow_ups_in_a_backdated_answers_file_are_dated_with_the_entry() {
    let env = Env::new().at(NOW);
    ok(&checkin_with(
        &env,
        NOW,
        "next_action = \"Ask about the night rota\"\n",
        &["--date", "2026-10-20"],
    ));
    let list = env.ok_at(NOW, &["actions"]);
    let handle = action_handle(&list, "night rota");
    let later = format!("motivation = 6\n\n[followups]\n{handle} = \"done\"\n");
    ok(&checkin_with(&env, NOW, &later, &["--date", "2026-10-27"]));
    let follow = &env.entries_of_kind("followup")[0];
    let created = follow["created"].as_str().unwrap();
    assert!(created.starts_with("2026-10-27T13:20:05"), "{created}");
    assert!(env.ok_at(NOW, &["actions"]).contains("No open actions"));
}

#[test]
fn a_backdated_answers_file_cannot_follow_up_a_later_action() {
    let env = Env::new().at(NOW);
    ok(&checkin_with(
        &env,
        NOW,
        "next_action = \"Ask about the night rota\"\n",
        &["--date", "2026-11-01"],
    ));
    let handle = action_handle(&env.ok_at(NOW, &["actions"]), "night rota");
    let journal = |env: &Env| {
        let mut files = Vec::new();
        walk(&env.dir().join("entries"), &mut files);
        files.sort();
        files
            .iter()
            .map(|f| (f.clone(), std::fs::read(f).unwrap()))
            .collect::<Vec<_>>()
    };
    let before = journal(&env);
    let out = checkin_with(
        &env,
        NOW,
        &format!("[followups]\n{handle} = \"done\"\n"),
        &["--date", "2026-10-27"],
    );
    let err = failed(&out);
    assert!(err.contains("was set on Sun 1 Nov 2026"), "{err}");
    assert_eq!(journal(&env), before, "nothing was written");
}

// ---------------------------------------------------------------------------
// No check-ins from the future; a second one on a day is said

#[test]
fn a_date_after_today_is_refused_naming_the_day() {
    let env = Env::new().at(NOW);
    for args in [
        &["checkin", "--date", "2026-11-27"][..],
        &["note", "Hello", "--date", "tomorrow"][..],
        &["read", "A book", "--date", "2026-11-27"][..],
    ] {
        let file = env.file("a.toml", "motivation = 5\n");
        let mut args = args.to_vec();
        if args[0] == "checkin" {
            args.extend(["--answers", file.to_str().unwrap()]);
        }
        let err = failed(&env.run_at(NOW, &args));
        assert!(err.contains("Fri 27 Nov 2026 hasn't come yet"), "{err}");
    }
    assert!(env.entry_files().is_empty());
    // Today itself is fine.
    ok(&env.run_at(NOW, &["note", "Hello", "--date", "2026-11-26"]));
}

#[test]
fn a_second_checkin_on_a_day_is_said_first_on_stderr() {
    let env = Env::new().at(NOW);
    let first = checkin_with(&env, "2026-11-26T08:10:00+00:00", "motivation = 5\n", &[]);
    ok(&first);
    assert!(!stderr(&first).contains("this adds another"));
    let second = checkin_with(&env, NOW, "motivation = 6\n", &[]);
    ok(&second);
    assert!(
        stderr(&second).contains("You checked in today at 08:10; this adds another."),
        "{}",
        stderr(&second)
    );
    assert!(!stdout(&second).contains("adds another"));
    assert_eq!(env.entries_of_kind("checkin").len(), 2);
    // A backdated one names its day.
    let third = checkin_with(&env, NOW, "motivation = 6\n", &["--date", "2026-11-26"]);
    assert!(stderr(&third).contains("at 13:20; this adds another"));
}

// ---------------------------------------------------------------------------
// Today is one thing

#[test]
fn greeting_status_and_list_agree_on_today_across_time_zones() {
    let env = Env::new();
    // Written at 01:00 on the 27th in London...
    ok(&checkin_with(
        &env,
        "2026-11-27T01:00:00+00:00",
        "motivation = 5\n",
        &[],
    ));
    // ...and later in absolute time, at 21:00 on the 26th in California:
    // that one belongs to the 26th, the day on the clock it was written by.
    ok(&checkin_with(
        &env,
        "2026-11-26T21:00:00-08:00",
        "motivation = 6\n",
        &[],
    ));
    let now = "2026-11-27T10:00:00+00:00";
    let greet = env.ok_at(now, &[]);
    assert!(greet.contains("checked in at 01:00"), "{greet}");
    let status = env.ok_at(now, &["status"]);
    assert!(status.starts_with("checked in today"), "{status}");
    let json = env.ok_at(now, &["status", "--format", "json"]);
    assert_eq!(flat_json(&json)["checked_in_today"], "true", "{json}");
    let list = env.ok_at(now, &["list", "--since", "today"]);
    assert_eq!(list.matches("check-in").count(), 1, "{list}");

    // The next morning in California, its 27th has no check-in of its own
    // until one is made; all three say so.
    let env = Env::new();
    ok(&checkin_with(
        &env,
        "2026-11-26T21:00:00-08:00",
        "motivation = 6\n",
        &[],
    ));
    let now = "2026-11-27T09:00:00+00:00";
    assert!(env.ok_at(now, &[]).contains("no check-in yet"));
    assert!(
        env.ok_at(now, &["status"])
            .starts_with("no check-in yet today")
    );
    assert!(
        env.ok_at(now, &["list", "--since", "today"])
            .contains("No entries match")
    );
}

// ---------------------------------------------------------------------------
// Saved means readable

#[cfg(unix)]
fn huge(bytes: usize) -> String {
    "word ".repeat(bytes / 5)
}

#[cfg(unix)] // a shell-script editor
#[test]
fn an_answer_larger_than_the_loader_reads_is_refused_before_anything_is_written() {
    let env = Env::new().at(NOW);
    let big = huge(50 * 1024 * 1024);
    let out = checkin_with(&env, NOW, &format!("attend = \"{big}\"\n"), &[]);
    let err = failed(&out);
    assert!(err.contains("16 MB"), "{}", &err[..err.len().min(500)]);
    assert!(!stdout(&out).contains("Saved"));
    assert!(env.entry_files().is_empty());

    let over = huge(16 * 1024 * 1024 + 100);
    // An import is saved whole or not at all.
    let jrnl = serde_json::json!({
        "entries": [
            {"title": "Small", "body": "fine", "date": "2026-11-20", "time": "09:00", "tags": []},
            {"title": "Huge", "body": over, "date": "2026-11-21", "time": "09:00", "tags": []},
        ]
    });
    let file = env.file("jrnl.json", &jrnl.to_string());
    let out = env
        .tend()
        .args(["import", "jrnl"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(failed(&out).contains("16 MB"));
    assert!(env.entry_files().is_empty());

    // An edit that would make an entry too large keeps the entry as it was,
    // and keeps no copy in the trash either.
    ok(&env.run_at(NOW, &["note", "A short one"]));
    let file = env.entry_files()[0].clone();
    let before = std::fs::read(&file).unwrap();
    let editor = env.file(
        "grow.sh",
        "#!/bin/sh
head -c 17000000 /dev/zero | tr '\\0' 'a' | sed 's/^/# /' >> \"$1\"\n",
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env
        .tend()
        .env("EDITOR", &editor)
        .args(["edit", "last"])
        .output()
        .unwrap();
    let err = failed(&out);
    assert!(err.contains("16 MB"), "{}", &err[..err.len().min(500)]);
    assert_eq!(std::fs::read(&file).unwrap(), before);
    assert!(!env.dir().join("trash").exists());
}

// ---------------------------------------------------------------------------
// Status always answers

#[test]
fn status_with_a_broken_config_exits_0_with_a_short_note() {
    let env = Env::new().at(NOW);
    ok(&checkin_with(&env, NOW, "motivation = 5\n", &[]));
    env.write_config("day_starts = \"four\"\n");
    // Other commands say what is wrong...
    assert!(!env.run_at(NOW, &["list"]).status.success());
    // ...status still answers, from the same journal, with a note.
    let out = env.run_at(NOW, &["status"]);
    ok(&out);
    let line = stdout(&out);
    assert!(line.starts_with("checked in today"), "{line}");
    assert!(line.contains("config needs a look"), "{line}");
    assert_eq!(line.lines().count(), 1, "{line}");

    env.write_config("this is not toml [");
    let out = env.run_at(NOW, &["status", "--format", "json"]);
    ok(&out);
    assert!(
        stdout(&out).contains("\"config_problem\":"),
        "{}",
        stdout(&out)
    );
}

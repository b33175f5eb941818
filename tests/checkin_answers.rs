//! The check-in through answers files: what lands on disk.

mod common;
use common::*;

const FULL: &str = r#"
motivation = 7
attend = "Sat with a new band 5 nurse at handover"
understand = ""
help = "Moved the rota meeting so she could rest"
next_action = { text = "Ask the team what would make handover easier", due = "2026-12-01" }
"#;

#[test]
fn a_scripted_checkin_is_saved_with_every_answer_and_skip() {
    let env = Env::new().at("2026-11-26T13:20:05+00:00");
    let file = env.file("a.toml", FULL);
    let out = env
        .tend()
        .args(["checkin", "--answers"])
        .arg(&file)
        .args(["--tag", "night", "--tag", "#ward-7"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let files = env.entry_files();
    assert_eq!(files.len(), 1);
    let path = &files[0];
    assert!(
        stdout(&out).contains(&path.display().to_string()),
        "says where it saved"
    );
    // Layout: entries/YYYY/MM/ID.toml, id from the UTC instant.
    let rel = path
        .strip_prefix(env.dir())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(
        rel.starts_with("entries/2026/11/20261126T132005Z-"),
        "{rel}"
    );
    let e = &env.entries()[0];
    assert_eq!(e["schema"].as_integer(), Some(1));
    assert_eq!(e["kind"].as_str(), Some("checkin"));
    assert_eq!(e["pack"].as_str(), Some("checkin"));
    assert_eq!(e["created"].as_str(), Some("2026-11-26T13:20:05Z"));
    assert_eq!(e["tags"].as_array().unwrap().len(), 2);
    assert_eq!(e["tags"][1].as_str(), Some("ward-7"));
    assert_eq!(
        format!("{}.toml", e["id"].as_str().unwrap()),
        path.file_name().unwrap().to_string_lossy()
    );
    let all = answers(e);
    assert_eq!(
        all.len(),
        7,
        "every question is recorded, answered or skipped"
    );
    let m = answer(e, "motivation");
    assert_eq!(m["value"].as_integer(), Some(7));
    assert_eq!(m["type"].as_str(), Some("scale"));
    assert_eq!(m["measures"].as_str(), Some("motivation"));
    assert_eq!(m["level"].as_str(), Some("summary"));
    assert!(m["question"].as_str().unwrap().contains("motivated"));
    for skipped in ["understand", "empathise", "self"] {
        let a = answer(e, skipped);
        assert_eq!(a["skipped"].as_bool(), Some(true), "{skipped}");
        assert!(!a.contains_key("value"), "{skipped} has no invented value");
    }
    let act = answer(e, "next_action");
    assert_eq!(act["section"].as_str(), Some("action"));
    assert_eq!(act["due"].as_str(), Some("2026-12-01"));
    // Private files and folders.
    assert_eq!(mode(path), 0o600);
    for d in [
        env.dir(),
        env.dir().join("entries"),
        path.parent().unwrap().to_path_buf(),
    ] {
        assert_eq!(mode(&d), 0o700, "{}", d.display());
    }
}

#[test]
fn list_and_show_find_the_entry() {
    let env = Env::new().at("2026-11-26T13:20:05+00:00");
    let file = env.file("a.toml", FULL);
    env.tend()
        .args(["checkin", "--answers"])
        .arg(&file)
        .assert()
        .success();
    let list = env.tend().arg("list").output().unwrap();
    let text = stdout(&list);
    assert!(text.contains("Thu 26 Nov 2026, 13:20"), "{text}");
    assert!(text.contains("motivation 7"), "{text}");
    let id = env.entries()[0]["id"].as_str().unwrap().to_string();
    let handle = &id[id.len() - 6..id.len() - 2];
    assert!(
        text.contains(handle),
        "list shows the handle {handle}: {text}"
    );
    let show = env.tend().args(["show", handle]).output().unwrap();
    assert!(show.status.success(), "{}", stderr(&show));
    let s = stdout(&show);
    assert!(s.contains("Moved the rota meeting"), "{s}");
    assert!(s.contains("(skipped)"), "{s}");
    let raw = env.tend().args(["show", "last", "--raw"]).output().unwrap();
    assert_eq!(raw.stdout, std::fs::read(&env.entry_files()[0]).unwrap());
}

#[test]
fn without_a_terminal_or_answers_it_stops_at_once_and_writes_nothing() {
    let env = Env::new();
    let before = env.snapshot();
    let started = std::time::Instant::now();
    let out = env.tend().arg("checkin").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--answers"), "{}", stderr(&out));
    assert!(started.elapsed().as_secs() < 5);
    assert_eq!(env.snapshot(), before);
    assert!(!env.dir().exists());
}

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

#[cfg(unix)] // file modes
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

/// A user pack with every question type, answered from a file.
pub const EVERY: &str = r#"
id = "every"
version = 2
title = "Every type"
kind = "checkin"

[[questions]]
id = "energy"
type = "scale"
text = "Energy?"
min = 0
max = 4
labels = ["flat", "buzzing"]
measures = "motivation"
level = "summary"

[[questions]]
id = "story"
type = "text"
text = "What happened?"
measures = "other"
level = "full"

[[questions]]
id = "factor"
type = "single_choice"
text = "Which strained most?"
choices = ["Workload", "Teamworking", "Rotas"]
measures = "strain_factor"
level = "summary"

[[questions]]
id = "barriers"
type = "multi_choice"
text = "What got in the way?"
choices = ["Time pressure", "Role confusion", "Other"]
measures = "barrier"
level = "summary"

[[questions]]
id = "talked"
type = "yes_no"
text = "Did you talk it over with someone?"
measures = "learning"
level = "summary"

[[questions]]
id = "step"
type = "action"
text = "Next step?"
measures = "action"
level = "learning"
"#;

#[test]
fn a_user_pack_with_every_type_lands_on_disk_with_measure_and_level() {
    let env = Env::new().at("2026-11-26T09:00:00+00:00");
    env.write_pack("every.toml", EVERY);
    let file = env.file(
        "a.toml",
        r#"
energy = 3
story = "A long shift"
factor = "rotas"
barriers = ["Time pressure", "Other"]
talked = true
step = "Book a debrief"
"#,
    );
    let out = env
        .tend()
        .args(["checkin", "--pack", "every", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let e = &env.entries()[0];
    assert_eq!(e["pack"].as_str(), Some("every"));
    assert_eq!(e["pack_version"].as_integer(), Some(2));
    let expect = [
        (
            "energy",
            "scale",
            "motivation",
            "summary",
            toml::Value::Integer(3),
        ),
        (
            "story",
            "text",
            "other",
            "full",
            toml::Value::String("A long shift".into()),
        ),
        (
            "factor",
            "single_choice",
            "strain_factor",
            "summary",
            toml::Value::String("Rotas".into()),
        ),
        (
            "barriers",
            "multi_choice",
            "barrier",
            "summary",
            toml::Value::Array(vec!["Time pressure".into(), "Other".into()]),
        ),
        (
            "talked",
            "yes_no",
            "learning",
            "summary",
            toml::Value::Boolean(true),
        ),
        (
            "step",
            "action",
            "action",
            "learning",
            toml::Value::String("Book a debrief".into()),
        ),
    ];
    for (id, ty, measures, level, value) in expect {
        let a = answer(e, id);
        assert_eq!(a["type"].as_str(), Some(ty), "{id}");
        assert_eq!(a["measures"].as_str(), Some(measures), "{id}");
        assert_eq!(a["level"].as_str(), Some(level), "{id}");
        assert_eq!(a["value"], value, "{id}");
    }
}

#[test]
fn a_forced_id_clash_leaves_the_existing_file_alone() {
    let env = Env::new().at("2026-11-26T13:20:05+00:00");
    let taken = env
        .dir()
        .join("entries/2026/11/20261126T132005Z-abcdef.toml");
    std::fs::create_dir_all(taken.parent().unwrap()).unwrap();
    let original = b"# someone's entry, whatever it holds\nschema = 1\n".to_vec();
    std::fs::write(&taken, &original).unwrap();
    let file = env.file("a.toml", "motivation = 5\n");
    let out = env
        .tend()
        .env("TEND_TEST_RANDOM", "abcdef")
        .args(["checkin", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&taken).unwrap(),
        original,
        "existing file byte-identical"
    );
    let files = env.entry_files();
    assert_eq!(files.len(), 2);
    let new = files.iter().find(|p| **p != taken).unwrap();
    let name = new.file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with("20261126T132005Z-") && !name.contains("abcdef"),
        "{name}"
    );
    let text = std::fs::read_to_string(new).unwrap();
    assert!(
        text.contains(&format!("id = \"{}\"", name.trim_end_matches(".toml"))),
        "id matches file name"
    );
}

#[test]
fn processes_saving_at_the_same_moment_all_save_with_distinct_ids() {
    let env = Env::new().at("2026-11-26T13:20:05+00:00");
    let file = env.file("a.toml", "motivation = 6\nself = \"ok\"\n");
    // Same clock and same first random part: every process aims at one name.
    let children: Vec<_> = (0..8)
        .map(|_| {
            std::process::Command::new(env!("CARGO_BIN_EXE_tend"))
                .env_clear()
                .env("TEND_DIR", env.dir())
                .env("TEND_CONFIG", env.config_path())
                .env("TEND_TEST_NOW", "2026-11-26T13:20:05+00:00")
                .env("TEND_TEST_RANDOM", "samesa")
                .args(["checkin", "--date", "2026-11-20", "--answers"])
                .arg(&file)
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    let files = env.entry_files();
    assert_eq!(files.len(), 8);
    let mut ids: Vec<String> = env
        .entries()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8);
    assert!(
        ids.iter().all(|i| i.starts_with("20261120T132005Z-")),
        "{ids:?}"
    );
}

#[test]
fn backdating_keeps_the_time_and_files_the_entry_under_that_month() {
    let env = Env::new().at("2026-12-02T08:15:00+00:00");
    let file = env.file("a.toml", "motivation = 4\n");
    env.tend()
        .args(["checkin", "--date", "28/11/2026", "--answers"])
        .arg(&file)
        .assert()
        .success();
    env.tend()
        .args(["checkin", "--date", "yesterday", "--answers"])
        .arg(&file)
        .assert()
        .success();
    let created: Vec<String> = env
        .entries()
        .iter()
        .map(|e| e["created"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(created, ["2026-11-28T08:15:00Z", "2026-12-01T08:15:00Z"]);
    assert!(
        env.entry_files()[0]
            .to_string_lossy()
            .contains("entries/2026/11/")
    );
}

#[test]
fn quick_with_answers_saves_only_the_quick_questions() {
    let env = Env::new().at("2026-11-26T13:20:05+00:00");
    let file = env.file("a.toml", "motivation = 6\nself = \"A walk at lunch\"\n");
    env.tend()
        .args(["checkin", "--quick", "--answers"])
        .arg(&file)
        .assert()
        .success();
    let e = &env.entries()[0];
    let ids: Vec<String> = answers(e)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert_eq!(ids[0], "motivation");
    assert!(["attend", "understand", "empathise", "help"].contains(&ids[1].as_str()));
    assert_eq!(&ids[2..], ["self", "next_action"]);
}

#[test]
fn a_note_is_saved_with_its_tags() {
    let env = Env::new().at("2026-11-26T18:00:00+00:00");
    env.tend()
        .args([
            "note",
            "Asked the night team what would help",
            "--tag",
            "handover",
        ])
        .assert()
        .success();
    let e = &env.entries()[0];
    assert_eq!(e["kind"].as_str(), Some("note"));
    assert_eq!(e["tags"][0].as_str(), Some("handover"));
    assert_eq!(
        answer(e, "note")["value"].as_str(),
        Some("Asked the night team what would help")
    );
    let list = env
        .tend()
        .args(["list", "--kind", "note"])
        .output()
        .unwrap();
    assert!(stdout(&list).contains("Asked the night team"));
    let none = env
        .tend()
        .args(["list", "--kind", "checkin"])
        .output()
        .unwrap();
    assert!(stdout(&none).contains("No entries match"));
}

#[test]
fn list_filters_by_tag_and_inclusive_dates() {
    let env = Env::new().at("2026-12-02T18:00:00+00:00");
    for (day, tag) in [
        ("2026-11-01", "a"),
        ("2026-11-15", "b"),
        ("2026-11-30", "a"),
        ("2026-12-01", "a"),
    ] {
        env.tend()
            .args(["note", &format!("on {day}"), "--date", day, "--tag", tag])
            .assert()
            .success();
    }
    let out = env
        .tend()
        .args(["list", "--since", "2026-11-15", "--until", "2026-11-30"])
        .output()
        .unwrap();
    let s = stdout(&out);
    assert!(
        s.contains("on 2026-11-15") && s.contains("on 2026-11-30"),
        "{s}"
    );
    assert!(
        !s.contains("on 2026-11-01") && !s.contains("on 2026-12-01"),
        "{s}"
    );
    let out = env
        .tend()
        .args(["list", "--tag", "a", "-n", "2"])
        .output()
        .unwrap();
    let s = stdout(&out);
    let first = s.find("on 2026-12-01").unwrap();
    let second = s.find("on 2026-11-30").unwrap();
    assert!(first < second, "newest first: {s}");
    assert!(!s.contains("on 2026-11-01"), "{s}");
    assert!(s.contains("The 2 most recent shown"), "{s}");
}

#[test]
fn the_greeting_says_where_the_journal_is_and_what_next() {
    let env = Env::new().at("2026-11-26T18:00:00+00:00");
    let out = env.tend().output().unwrap();
    let s = stdout(&out);
    assert!(s.contains(&env.dir().display().to_string()), "{s}");
    assert!(s.contains("no check-in yet"), "{s}");
    assert!(s.contains("tend checkin"), "{s}");
    let file = env.file("a.toml", "motivation = 6\n");
    env.tend()
        .args(["checkin", "--answers"])
        .arg(&file)
        .assert()
        .success();
    let s = stdout(&env.tend().output().unwrap());
    assert!(s.contains("checked in at 18:00"), "{s}");
}

/// Notepad and many Windows tools save CRLF line ends; the same file must
/// work everywhere, and a multi-line answer keeps its lines as typed.
#[test]
fn an_answers_file_with_crlf_line_ends_is_read_as_the_same_answers() {
    let env = Env::new().at("2026-11-26T13:20:05+00:00");
    let crlf = [
        "motivation = 7",
        "attend = \"Sat with a new band 5 nurse at handover\"",
        "help = \"\"\"Moved the rota meeting",
        "so she could rest\"\"\"",
        "next_action = { text = \"Ask the team\", due = \"2026-12-01\" }",
        "",
    ]
    .join("\r\n");
    let file = env.file("crlf.toml", &crlf);
    let out = env
        .tend()
        .args(["checkin", "--answers"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let e = &env.entries()[0];
    assert_eq!(answer(e, "motivation")["value"].as_integer(), Some(7));
    assert_eq!(
        answer(e, "attend")["value"].as_str(),
        Some("Sat with a new band 5 nurse at handover"),
        "no carriage return is left at the end of an answer"
    );
    // TOML reads a CRLF inside a multi-line string as a plain line end.
    assert_eq!(
        answer(e, "help")["value"].as_str(),
        Some("Moved the rota meeting\nso she could rest")
    );
    assert_eq!(answer(e, "next_action")["due"].as_str(), Some("2026-12-01"));
}

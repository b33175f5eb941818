//! `tend export --for cohort` and `tend review --cohort`: figures only, no
//! label or file name anywhere, and any figure from fewer than 10 leaders
//! held back. Every person here is made up.

mod common;

use std::path::{Path, PathBuf};

use common::{Env, stderr, stdout};
use serde_json::{Value, json};

const NOW: &str = "2026-11-29T09:00:00Z";
const FORMATS: [&str; 4] = ["text", "markdown", "html", "json"];

/// Words that would identify a leader or their file: none may appear in any
/// output of the cohort view.
const SECRETS: [&str; 5] = ["Zebedee", "Quill", "Wobble", "leader-", ".json"];

/// A planted cohort export: motivation average `m`, the rest steady.
fn planted(m: f64) -> Value {
    json!({
        "schema": "tend.cohort",
        "version": 1,
        "for": "cohort",
        "since": "2026-09-07",
        "until": "2026-11-29",
        "includes": ["rhythm", "motivation", "behaviours", "needs", "barriers", "actions"],
        // Neither key is one tend writes; a hand-edited file could hold them.
        "label": "Zebedee Quill",
        "note": "Wobble ward",
        "rhythm": {"weeks": 12, "weeks_with_checkin": 12},
        "motivation": {"average": m},
        "behaviours": {"checkins": 40, "counts": {"attend": 20, "understand": 30, "empathise": 10, "help": 40}},
        "needs": {
            "averages": {"autonomy": 3.0, "belonging": 3.5, "contribution": 2.0},
            "recent": {"autonomy": 3.0, "belonging": 3.0, "contribution": 2.0},
            "earlier": {"autonomy": 3.0, "belonging": 4.0, "contribution": 2.0},
            "strain_factors": ["Workload", "Zebedee Quill"]
        },
        "barriers": ["Time pressure", "Zebedee Quill's rota"],
        "actions": {"opened": 10, "done": 5}
    })
}

/// `n` planted exports (motivation 1, 2, 3, ...) in a folder and file names
/// that would identify their leaders; their paths.
fn cohort(env: &Env, n: usize) -> Vec<PathBuf> {
    let dir = env.tmp.path().join("Wobble-team");
    std::fs::create_dir_all(&dir).unwrap();
    (1..=n)
        .map(|i| {
            let p = dir.join(format!("leader-Zebedee-Quill-{i}.json"));
            std::fs::write(
                &p,
                serde_json::to_string_pretty(&planted(i as f64)).unwrap(),
            )
            .unwrap();
            p
        })
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn review(env: &Env, files: &[PathBuf], format: &str) -> std::process::Output {
    let mut args = vec!["review", "--cohort", "--format", format];
    args.extend(files.iter().map(|p| s(p)));
    env.run_at(NOW, &args)
}

fn assert_no_secret(text: &str, what: &str) {
    for w in SECRETS {
        assert!(!text.contains(w), "{what} holds {w:?}:\n{text}");
    }
}

#[test]
fn nine_leaders_are_held_back_and_ten_are_shown_in_every_format() {
    let env = Env::new();
    let files = cohort(&env, 10);
    for format in FORMATS {
        let nine = review(&env, &files[..9], format);
        assert!(nine.status.success(), "{}", stderr(&nine));
        let out = stdout(&nine);
        assert!(out.contains("fewer than 10"), "{format}, 9 leaders:\n{out}");
        // Not one figure of the nine: no median, no count of leaders.
        for figure in [
            "5.0",
            "9 of",
            "50%",
            "Time pressure",
            "Workload",
            ", falling",
            "\"falling\"",
        ] {
            assert!(
                !out.contains(figure),
                "{format}, 9 leaders, shows {figure:?}:\n{out}"
            );
        }

        let ten = review(&env, &files, format);
        assert!(ten.status.success(), "{}", stderr(&ten));
        let out = stdout(&ten);
        assert_eq!(
            stderr(&ten),
            "",
            "{format}: nothing on stderr for good files"
        );
        if format == "json" {
            let v: Value = serde_json::from_str(&out).unwrap();
            assert_eq!(v["leaders"], 10);
            assert_eq!(v["checked_in_weekly"]["count"], 10);
            assert_eq!(v["motivation"]["median"], 5.5);
            assert_eq!(
                v["barriers"]["most_named"][0],
                json!({"name": "Time pressure", "leaders": 10})
            );
            assert_eq!(
                v["needs"]["averages"]["belonging"]["over_time"]["falling"],
                true
            );
            assert_eq!(
                v["needs"]["averages"]["autonomy"]["over_time"]["falling"],
                false
            );
            assert_eq!(v["actions"]["completion"]["median"], 0.5);
        } else {
            for figure in [
                "5.5",
                "10 of 10",
                "Time pressure",
                "Workload",
                "before 4.0, falling",
                "50%",
            ] {
                assert!(
                    out.contains(figure),
                    "{format}, 10 leaders, lacks {figure:?}:\n{out}"
                );
            }
        }
    }
}

#[test]
fn motivation_median_and_middle_half_are_exact_and_never_lowest_or_highest() {
    let env = Env::new();
    let files = cohort(&env, 10);
    let out = stdout(&review(&env, &files, "json"));
    let v: Value = serde_json::from_str(&out).unwrap();
    // Planted averages 1 to 10: the median 5.5, quartiles 3.25 and 7.75.
    assert_eq!(v["motivation"]["median"], 5.5);
    assert_eq!(v["motivation"]["lower_quartile"], 3.25);
    assert_eq!(v["motivation"]["upper_quartile"], 7.75);
    assert_eq!(v["motivation"]["leaders"], 10);
    let text = stdout(&review(&env, &files, "text"));
    assert!(text.contains("3.3 to 7.8"), "{text}");
    // One person's number, the lowest or the highest, is never shown.
    for f in FORMATS {
        let out = stdout(&review(&env, &files, f));
        let numbers: &[&str] = if f == "json" {
            &["\"min", "\"max"]
        } else {
            &["10.0", " 1.0"]
        };
        for word in ["lowest", "highest", "minimum", "maximum"]
            .iter()
            .chain(numbers)
        {
            assert!(!out.contains(word), "{f} says {word:?}:\n{out}");
        }
    }
    // Behaviours: the share of each leader's check-ins, the same for all.
    let b = &v["behaviours"]["share_of_checkins"];
    assert_eq!(b["attend"]["median"], 0.5);
    assert_eq!(b["help"]["median"], 1.0);
}

#[test]
fn no_label_or_file_name_appears_in_any_format() {
    let env = Env::new();
    let mut files = cohort(&env, 12);
    // A coach's export, with its label, among them: refused by name on
    // stderr, and nothing of it in the view.
    let coach = env.tmp.path().join("Wobble-team").join("coach-Pim.json");
    std::fs::copy("tests/fixtures/exports/v2-learning.json", &coach).unwrap();
    files.push(coach.clone());
    for format in FORMATS {
        let out = review(&env, &files, format);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_no_secret(&stdout(&out), format);
        assert!(
            !stdout(&out).contains("leader-b"),
            "{format}: the coach export's label"
        );
        assert!(
            !stdout(&out).contains("coach-Pim"),
            "{format}: a refused file's name on stdout"
        );
        let err = stderr(&out);
        assert_eq!(
            err.lines().count(),
            1,
            "{format}: only the refused file on stderr:\n{err}"
        );
        assert!(
            err.contains("coach-Pim.json") && err.contains("for a coach"),
            "{err}"
        );
        assert!(!err.contains("leader-b"), "stderr repeats the label: {err}");
        if format == "html" {
            let page = stdout(&out).to_lowercase();
            for bad in ["<script", "http://", "https://", "src=", "href=", "<link"] {
                assert!(!page.contains(bad), "html holds {bad}");
            }
        }
    }
}

#[test]
fn a_coach_export_alone_is_refused_with_its_name_and_a_non_zero_exit() {
    let env = Env::new();
    let coach = env.file(
        "coach-Pim.json",
        &std::fs::read_to_string("tests/fixtures/exports/v2-learning.json").unwrap(),
    );
    let not_json = env.file("notes.json", "hello");
    let out = review(&env, &[coach, not_json], "text");
    assert!(!out.status.success());
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.contains("coach-Pim.json: an export for a coach, not for a cohort"),
        "{err}"
    );
    assert!(err.contains("notes.json: not a tend export"), "{err}");
    assert!(
        err.contains("none of the files is a cohort export"),
        "{err}"
    );
}

#[test]
fn a_cohort_export_is_not_read_as_a_coach_export() {
    let env = Env::new();
    let files = cohort(&env, 1);
    let out = env.run_at(NOW, &["review", s(&files[0])]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("a cohort export, made for a programme"),
        "{}",
        stderr(&out)
    );
}

/// A small journal kept by a leader with a label and identifying words in
/// what they typed.
fn leader(env: &Env) {
    env.write_config("label = \"Zebedee Quill\"\n");
    env.ok_at(NOW, &["generate", "--days", "40", "--seed", "7"]);
    env.ok_at(NOW, &["note", "Talked with Zebedee Quill on Wobble ward"]);
}

#[cfg(unix)] // file modes
#[test]
fn a_cohort_export_holds_figures_only_and_is_marked_for_a_cohort() {
    let env = Env::new();
    leader(&env);
    let file = env.tmp.path().join("mine.json");
    let out = env.run_at(NOW, &["export", "--for", "cohort", "-o", s(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(common::mode(&file) & 0o777, 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_no_secret(&text, "the cohort export");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["for"], "cohort");
    assert_eq!(v["schema"], "tend.cohort");
    // Every string in it is a date, a part, a marker, or a name tend offers.
    let weekly = std::fs::read_to_string("prompts/weekly.toml").unwrap();
    let mut strings = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => o.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    walk(&v, &mut strings);
    for s in strings {
        let fixed = [
            "tend.cohort",
            "cohort",
            "rhythm",
            "motivation",
            "behaviours",
            "needs",
            "barriers",
            "actions",
        ];
        let date = chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").is_ok();
        assert!(
            fixed.contains(&s.as_str()) || date || weekly.contains(&format!("\"{s}\"")),
            "a string tend did not choose: {s:?}"
        );
    }
    // Read back by the cohort view (held back: one leader).
    let out = review(&env, &[file], "json");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        serde_json::from_str::<Value>(&stdout(&out)).unwrap()["leaders"],
        "fewer than 10"
    );
}

#[test]
fn the_preview_says_who_it_is_for_and_what_it_holds_and_writes_nothing() {
    let env = Env::new();
    leader(&env);
    let before = env.snapshot();
    let out = env.ok_at(
        NOW,
        &[
            "export",
            "--for",
            "cohort",
            "--preview",
            "--without",
            "barriers",
        ],
    );
    assert_eq!(env.snapshot(), before);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for said in [
        "Preview: nothing has been written or shared.",
        "for a cohort",
        "not for a coach",
        "no name or label, no words you typed",
        "fewer than 10 leaders is held back",
        "Motivation: your average",
        "Left out: barriers.",
    ] {
        assert!(flat.contains(said), "preview lacks {said:?}:\n{out}");
    }
    assert_no_secret(&out, "the preview");
}

#[test]
fn a_cohort_export_is_json_only_and_never_takes_a_label() {
    let env = Env::new();
    leader(&env);
    let file = env.tmp.path().join("mine.html");
    let out = env.run_at(
        NOW,
        &[
            "export",
            "--for",
            "cohort",
            "--format",
            "html",
            "-o",
            s(&file),
        ],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("always JSON"), "{}", stderr(&out));
    assert!(!file.exists());
    let out = env.run_at(NOW, &["export", "--for", "cohort", "--label", "x"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    // --format json is what it is anyway.
    env.ok_at(NOW, &["export", "--for", "cohort", "--format", "json"]);
}

#[test]
fn a_part_shared_by_fewer_than_10_is_held_back_on_its_own() {
    let env = Env::new();
    let files = cohort(&env, 12);
    // Three leaders left core needs out: 9 shared them.
    for f in &files[..3] {
        let mut v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("needs");
        std::fs::write(f, v.to_string()).unwrap();
    }
    let v: Value = serde_json::from_str(&stdout(&review(&env, &files, "json"))).unwrap();
    assert_eq!(v["leaders"], 12);
    assert_eq!(v["needs"], "fewer than 10");
    assert_eq!(v["strain_factors"], "fewer than 10");
    assert_eq!(v["motivation"]["leaders"], 12);
}

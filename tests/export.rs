//! `tend export` and `tend review`, driven through the real binary on small
//! journals built as a person would (answers files, `tend read`, `tend
//! actions`, `tend note`). Every typed answer carries a MARKER string, so a
//! test can say exactly where the leader's words appear and where they must
//! not: what a coach would see, in each format and at each level.
//!
//! Every person here is synthetic: example.com addresses, Ofcom drama
//! numbers (07700 900xxx, 020 7946 0xxx), an NHS number from the published
//! test range, SW1A 1AA, and "Alex Example".
//!
//! The clock is pinned to Thursday 26 Nov 2026; the exports cover
//! 2 Nov 2026 to 26 Nov 2026 (25 days) unless a test says otherwise.

mod common;
use common::*;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use scraper::{Html, Selector};
use serde_json::Value;

const NOW: &str = "2026-11-26T12:00:00+00:00";
const PERIOD: [&str; 4] = ["--since", "2026-11-02", "--until", "2026-11-26"];
const PERIOD_TEXT: &str = "2 Nov 2026 to 26 Nov 2026";
const ALL_PARTS: &str = "noticed, rhythm, motivation, behaviours, self, needs, barriers, actions, readings, themes, answers";
/// At the summary level no typed words are shared, so the statement does not
/// claim the parts made of them (themes, answers).
const SUMMARY_PARTS: &str =
    "noticed, rhythm, motivation, behaviours, self, needs, barriers, actions, readings";

fn parts_for(level: &str) -> &'static str {
    if level == "summary" {
        SUMMARY_PARTS
    } else {
        ALL_PARTS
    }
}
const REMINDER: &str = "A reminder: reflective notes should be anonymised, with roles rather than names and no patient or colleague identifiers; tend checks for the common ones but cannot promise it found them all.";

/// Answers that only the `full` level may share (attend, understand,
/// empathise, help, self, notes).
const FULL_ONLY: [&str; 8] = [
    "MARKER-ATTEND-1",
    "MARKER-UNDERSTAND-1",
    "MARKER-EMPATHISE-1",
    "MARKER-HELP-1",
    "MARKER-SELF-1",
    "MARKER-ATTEND-2",
    "MARKER-SELF-2",
    "MARKER-NOTE-1",
];

/// Answers to questions with level "learning": actions, the weekly learning,
/// the reading questions, a follow-up's note.
const LEARNING: [&str; 12] = [
    "MARKER-ACTION-1",
    "MARKER-ACTION-2",
    "MARKER-LEARNING-1",
    "MARKER-HOPE-1",
    "MARKER-ASSUMPTION-1",
    "MARKER-HOPE-2",
    "MARKER-ASSUMPTION-2",
    "MARKER-LEARNED-1",
    "MARKER-DISCUSS-1",
    "MARKER-CHANGE-1",
    "MARKER-ADDED-1",
    "MARKER-FOLLOWUP-1",
];

const TITLES: [&str; 2] = ["MARKER-TITLE-DONE", "MARKER-TITLE-OPEN"];

/// A word in four learning-level answers: a theme from `learning` up.
const LEARNING_WORD: &str = "quokka";
/// Words only in full-level answers (in three and two entries): themes only
/// at `full`. "pelican" is only ever in answers about yourself.
const FULL_WORD: &str = "walrus";
const SELF_WORD: &str = "pelican";

// ---------------------------------------------------------------------------
// The journal

/// A path as an argument.
fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The ids of the fixture's entries.
struct Fixture {
    checkin1: String,
    checkin2: String,
    weekly: String,
    reading_done: String,
    after: String,
    note: String,
}

/// Ten entries in November 2026, each answer carrying a MARKER:
///
/// - 10 Nov: a reading "MARKER-TITLE-DONE" (hope, assumption);
/// - 12 Nov: after it (learned, discussed with "my practice educator",
///   a change due 15 Nov);
/// - 16 Nov: a check-in, motivation 4, all four behaviours, yourself, an
///   action due 20 Nov, tag `markertag`;
/// - 18 Nov: a check-in, motivation 8, attend, yourself, an action;
/// - 19 Nov: a reading "MARKER-TITLE-OPEN" (left open); an action of its own
///   due 21 Nov;
/// - 20 Nov: a weekly check-in, needs 3, 4 and 5, Workload, Time pressure,
///   a learning;
/// - 21 Nov: a note;
/// - 23 Nov: the action of 19 Nov done, with a note.
///
/// So by 26 Nov: 4 actions set, 1 done, 2 past their day (15 and 20 Nov);
/// motivation 6.0 on average from 4 to 8; attend 2, the other three 1;
/// readings 2 started, 1 finished, 1 open; 2 check-in days.
fn journal(env: &Env) -> Fixture {
    let before1 = env.file(
        "before1.toml",
        "hope = \"MARKER-HOPE-1\"\nassumption = \"MARKER-ASSUMPTION-1\"\n",
    );
    env.ok_at(
        "2026-11-10T09:00:00+00:00",
        &["read", "MARKER-TITLE-DONE", "--answers", s(&before1)],
    );
    let after = env.file(
        "after.toml",
        r#"
learned = "MARKER-LEARNED-1 quokka"
discuss_with = "MARKER-DISCUSS-1 my practice educator"
change = { text = "MARKER-CHANGE-1", due = "2026-11-15" }
"#,
    );
    env.ok_at(
        "2026-11-12T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let c1 = env.file(
        "c1.toml",
        r#"
motivation = 4
attend = "MARKER-ATTEND-1 walrus"
understand = "MARKER-UNDERSTAND-1"
empathise = "MARKER-EMPATHISE-1"
help = "MARKER-HELP-1"
self = "MARKER-SELF-1 pelican"
next_action = { text = "MARKER-ACTION-1 quokka", due = "2026-11-20" }
"#,
    );
    env.ok_at(
        "2026-11-16T09:00:00+00:00",
        &["checkin", "--answers", s(&c1), "--tag", "markertag"],
    );
    let c2 = env.file(
        "c2.toml",
        r#"
motivation = 8
attend = "MARKER-ATTEND-2 walrus"
self = "MARKER-SELF-2 pelican"
next_action = "MARKER-ACTION-2 quokka"
"#,
    );
    env.ok_at(
        "2026-11-18T09:00:00+00:00",
        &["checkin", "--answers", s(&c2)],
    );
    let before2 = env.file(
        "before2.toml",
        "hope = \"MARKER-HOPE-2\"\nassumption = \"MARKER-ASSUMPTION-2\"\n",
    );
    env.ok_at(
        "2026-11-19T09:00:00+00:00",
        &["read", "MARKER-TITLE-OPEN", "--answers", s(&before2)],
    );
    env.ok_at(
        "2026-11-19T10:00:00+00:00",
        &["actions", "add", "MARKER-ADDED-1", "--due", "2026-11-21"],
    );
    let w = env.file(
        "weekly.toml",
        r#"
autonomy = 3
belonging = 4
contribution = 5
strain_factor = "Workload"
barriers = ["Time pressure"]
learning = "MARKER-LEARNING-1 quokka"
"#,
    );
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&w)],
    );
    env.ok_at(
        "2026-11-21T09:00:00+00:00",
        &["note", "MARKER-NOTE-1 walrus"],
    );
    let listing = env.ok_at("2026-11-23T09:00:00+00:00", &["actions"]);
    let h = action_handle(&listing, "MARKER-ADDED-1");
    env.ok_at(
        "2026-11-23T09:00:00+00:00",
        &["actions", "done", &h, "--note", "MARKER-FOLLOWUP-1"],
    );

    let one = |kind: &str, i: usize| id_of(&env.entries_of_kind(kind)[i]);
    Fixture {
        checkin1: one("checkin", 0),
        checkin2: one("checkin", 1),
        weekly: one("weekly", 0),
        reading_done: one("reading", 0),
        after: one("reading_after", 0),
        note: one("note", 0),
    }
}

// ---------------------------------------------------------------------------
// Running and reading exports

/// `tend ARGS` at NOW; the output, whatever the exit.
fn run(env: &Env, args: &[&str]) -> Output {
    env.run_at(NOW, args)
}

/// `tend export ARGS PERIOD` at NOW, which must succeed; its stdout.
fn export(env: &Env, args: &[&str]) -> String {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&PERIOD);
    env.ok_at(NOW, &all)
}

fn html_doc(text: &str) -> Html {
    Html::parse_document(text)
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Every text node of an HTML page, one per line: what a reader sees.
fn html_text(doc: &Html) -> String {
    doc.root_element().text().collect::<Vec<_>>().join("\n")
}

/// The texts of the elements `css` selects.
fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css))
        .map(|e| e.text().collect::<String>())
        .collect()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Every key and every string value in a JSON document, one per line.
fn json_text(v: &Value) -> String {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                for (k, x) in o {
                    out.push(k.clone());
                    walk(x, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut out);
    out.join("\n")
}

/// Every key anywhere in a JSON document.
fn json_keys(v: &Value) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                for (k, x) in o {
                    out.insert(k.clone());
                    walk(x, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(v, &mut out);
    out
}

/// A CSV document through the `csv` crate: its header and records. Lines
/// starting with `#` are read as comments, so a note at the top would not
/// change the data.
fn csv_table(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let head = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (head, rows)
}

/// A CSV document as one text (header and every field, one per line).
fn csv_text(text: &str) -> String {
    let (head, rows) = csv_table(text);
    let mut all = head;
    for r in rows {
        all.extend(r);
    }
    all.join("\n")
}

/// The column of `name` in a header.
fn col(head: &[String], name: &str) -> usize {
    head.iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {head:?}"))
}

/// What a reader of the export sees, as plain text, in each format.
fn visible(format: &str, out: &str) -> String {
    match format {
        "html" => html_text(&html_doc(out)),
        "json" => json_text(&json(out)),
        "csv" => csv_text(out),
        _ => out.to_string(),
    }
}

fn assert_has(text: &str, needles: &[&str], what: &str) {
    for n in needles {
        assert!(text.contains(n), "{what}: {n:?} missing from:\n{text}");
    }
}

fn assert_lacks(text: &str, needles: &[&str], what: &str) {
    for n in needles {
        assert!(!text.contains(n), "{what}: {n:?} must not be in:\n{text}");
    }
}

/// The opening statement: level, period, parts.
fn assert_statement(line: &str, level: &str, parts: &str, what: &str) {
    assert!(line.starts_with("Shared by "), "{what}: {line}");
    assert!(
        line.contains(&format!("at the {level} level")),
        "{what}: {line}"
    );
    assert!(line.contains(PERIOD_TEXT), "{what}: {line}");
    assert!(
        line.contains(&format!("Includes: {parts}.")),
        "{what}: {line}"
    );
}

// ---------------------------------------------------------------------------
// 1. Each format at each level

/// The numbers of the fixture, as each format shows them.
fn assert_numbers(format: &str, out: &str) {
    match format {
        "markdown" | "html" => {
            let text = visible(format, out);
            assert_has(
                &text,
                &[
                    "Checked in on 2 of 25 days.",
                    "Motivation averaged 6.0.",
                    "A pulse, not a verdict: 6.0 on average, from 4 to 8, over 2 ratings.",
                    "Across 2 check-ins, understand, empathise and help came up least, 1 time each.",
                    "You answered the question about yourself 2 of 2 times it was asked.",
                    "autonomy 3.0, belonging 4.0, contribution 5.0",
                    "4 actions set in this period; 1 done so far (25%).",
                    "2 started and 1 finished in this period; 1 open.",
                ],
                format,
            );
        }
        "json" => {
            let v = json(out);
            assert_eq!(v["headline"]["checkin_days"], 2);
            assert_eq!(v["headline"]["days"], 25);
            assert_eq!(v["motivation"]["overall"]["average"], 6.0);
            assert_eq!(v["motivation"]["overall"]["lowest"], 4);
            assert_eq!(v["motivation"]["overall"]["highest"], 8);
            assert_eq!(v["behaviours"]["counts"]["attend"], 2);
            assert_eq!(v["behaviours"]["counts"]["help"], 1);
            assert_eq!(v["self_care"]["answered"], 2);
            assert_eq!(v["needs"]["averages"]["autonomy"], 3.0);
            assert_eq!(v["needs"]["averages"]["contribution"], 5.0);
            assert_eq!(v["actions"]["opened"], 4);
            assert_eq!(v["actions"]["done"], 1);
            assert_eq!(v["actions"]["overdue"].as_array().unwrap().len(), 2);
            assert_eq!(v["readings"]["started"], 2);
            assert_eq!(v["readings"]["finished"], 1);
            assert_eq!(v["readings"]["open_count"], 1);
        }
        _ => {}
    }
}

/// One format at one level: the statement at the top, the numbers, and
/// exactly the words the level allows.
fn check_level(format: &str, level: &str) {
    let env = Env::new().at(NOW);
    journal(&env);
    let out = export(&env, &["--format", format, "--level", level]);
    let what = format!("{format} at {level}");
    let text = visible(format, &out);

    // The statement and the reminder, at the top.
    match format {
        "markdown" => {
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines[0], "# Reflective journal: a leader", "{what}");
            let top: Vec<&str> = lines[1..6]
                .iter()
                .filter(|l| !l.is_empty())
                .map(|l| l.trim_matches('_'))
                .collect();
            assert_eq!(top.len(), 2, "{what}: {top:?}");
            assert_statement(top[0], level, parts_for(level), &what);
            assert_eq!(top[1], REMINDER, "{what}");
        }
        "html" => {
            let doc = html_doc(&out);
            let body: Vec<_> = doc.select(&sel("body > *")).collect();
            assert_eq!(body[0].value().name(), "h1", "{what}");
            let first: Vec<String> = body[1..3]
                .iter()
                .map(|e| {
                    assert_eq!(e.value().name(), "p", "{what}");
                    e.text().collect()
                })
                .collect();
            assert_statement(&first[0], level, parts_for(level), &what);
            assert_eq!(first[1], REMINDER, "{what}");
        }
        "json" => {
            let v = json(&out);
            let x = &v["export"];
            assert_eq!(x["level"], level, "{what}");
            assert_eq!(x["label"], "a leader", "{what}");
            assert_eq!(x["reminder"], REMINDER, "{what}");
            assert_statement(
                x["statement"].as_str().unwrap(),
                level,
                parts_for(level),
                &what,
            );
            let parts: Vec<&str> = x["includes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap())
                .collect();
            assert_eq!(parts.join(", "), parts_for(level), "{what}");
            assert_eq!(v["since"], "2026-11-02");
            assert_eq!(v["until"], "2026-11-26");
            assert_eq!(v["schema"], "tend.summary");
        }
        _ => {}
    }

    assert_numbers(format, &out);
    // Titles and themes are not part of the CSV's columns.
    let titles_and_themes = format != "csv";

    match level {
        "summary" => {
            // Not a word the leader typed, in any case: every typed answer,
            // title and tag holds "marker", and the theme words too.
            let lower = text.to_lowercase();
            assert_lacks(
                &lower,
                &["marker", LEARNING_WORD, FULL_WORD, SELF_WORD],
                &what,
            );
            if format == "csv" {
                let (head, rows) = csv_table(&out);
                assert_eq!(&head[..3], ["period", "start", "end"], "{what}");
                assert!(!head.contains(&"value".to_string()), "{what}: {head:?}");
                assert_eq!(rows.len(), 4, "{what}: one row a week");
            } else {
                // The notice about actions past their day is still there,
                // as a count.
                assert!(
                    text.contains("2 actions are past the day they set."),
                    "{what}:\n{text}"
                );
            }
            if format == "json" {
                let v = json(&out);
                assert!(v.get("answers").is_none(), "{what}: answers at summary");
                for o in v["actions"]["overdue"].as_array().unwrap() {
                    assert_eq!(o["text"], "", "{what}: {o}");
                }
            }
        }
        "learning" => {
            assert_has(&text, &LEARNING, &what);
            assert_lacks(&text, &FULL_ONLY, &what);
            let lower = text.to_lowercase();
            assert_lacks(&lower, &[FULL_WORD, SELF_WORD], &what);
            if titles_and_themes {
                assert_has(&text, &TITLES, &what);
                assert_has(&lower, &[LEARNING_WORD], &what);
            }
        }
        _ => {
            assert_has(&text, &LEARNING, &what);
            assert_has(&text, &FULL_ONLY, &what);
            if titles_and_themes {
                assert_has(&text, &TITLES, &what);
                let lower = text.to_lowercase();
                assert_has(&lower, &[LEARNING_WORD, FULL_WORD, SELF_WORD], &what);
            }
        }
    }

    // Where titles and themes sit, in JSON.
    if format == "json" && level != "summary" {
        let v = json(&out);
        assert_eq!(
            v["readings"]["open"],
            serde_json::json!(["MARKER-TITLE-OPEN"])
        );
        assert_eq!(
            v["readings"]["finished_titles"],
            serde_json::json!(["MARKER-TITLE-DONE"])
        );
        let themes: Vec<&str> = v["themes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert!(themes.contains(&LEARNING_WORD), "{themes:?}");
        assert_eq!(themes.contains(&FULL_WORD), level == "full", "{themes:?}");
    }
}

#[test]
fn markdown_at_summary_level_has_numbers_and_no_words() {
    check_level("markdown", "summary");
}

#[test]
fn markdown_at_learning_level_adds_learning_actions_readings() {
    check_level("markdown", "learning");
}

#[test]
fn markdown_at_full_level_has_every_answer() {
    check_level("markdown", "full");
}

#[test]
fn html_at_summary_level_has_numbers_and_no_words() {
    check_level("html", "summary");
}

#[test]
fn html_at_learning_level_adds_learning_actions_readings() {
    check_level("html", "learning");
}

#[test]
fn html_at_full_level_has_every_answer() {
    check_level("html", "full");
}

#[test]
fn csv_at_summary_level_has_numbers_and_no_words() {
    check_level("csv", "summary");
}

#[test]
fn csv_at_learning_level_adds_learning_actions_readings() {
    check_level("csv", "learning");
}

#[test]
fn csv_at_full_level_has_every_answer() {
    check_level("csv", "full");
}

#[test]
fn json_at_summary_level_has_numbers_and_no_words() {
    check_level("json", "summary");
}

#[test]
fn json_at_learning_level_adds_learning_actions_readings() {
    check_level("json", "learning");
}

#[test]
fn json_at_full_level_has_every_answer() {
    check_level("json", "full");
}

#[test]
fn the_default_level_is_summary_and_the_label_comes_from_the_config() {
    let env = Env::new().at(NOW);
    journal(&env);
    env.write_config("label = \"leader-from-config\"\n");
    let out = export(&env, &[]);
    assert!(
        out.starts_with("# Reflective journal: leader-from-config\n"),
        "{out}"
    );
    assert!(out.contains("at the summary level"), "{out}");
    assert!(!out.to_lowercase().contains("marker"), "{out}");
    // --label wins over the config.
    let out = export(&env, &["--label", "leader-z"]);
    assert!(out.starts_with("# Reflective journal: leader-z\n"), "{out}");
}

#[test]
fn themes_at_learning_level_never_count_full_level_words() {
    // A period that takes in part of November (themes entry by entry) and
    // one that takes it whole (themes from the index's monthly counts).
    let env = Env::new().at(NOW);
    journal(&env);
    for since in ["2026-11-11", "2026-11-01"] {
        let args = [
            "export", "--format", "json", "--level", "learning", "--since", since,
        ];
        let v = json(&env.ok_at(NOW, &args));
        let themes = json_text(&v["themes"]);
        assert!(themes.contains(LEARNING_WORD), "since {since}: {themes}");
        assert!(!themes.contains(FULL_WORD), "since {since}: {themes}");
        assert!(!themes.contains(SELF_WORD), "since {since}: {themes}");
    }
}

#[test]
fn csv_states_its_level_period_parts_and_the_reminder() {
    let env = Env::new().at(NOW);
    journal(&env);
    let file = env.tmp.path().join("out.csv");
    for level in ["summary", "learning", "full"] {
        let _ = fs::remove_file(&file);
        let mut args = vec![
            "export",
            "--format",
            "csv",
            "--level",
            level,
            "-o",
            s(&file),
        ];
        args.extend_from_slice(&PERIOD);
        let out = run(&env, &args);
        assert!(out.status.success(), "{}", stderr(&out));
        let csv = fs::read_to_string(&file).unwrap();
        // Comment lines at the top of the file, or the message beside it.
        let top: String = csv
            .lines()
            .take_while(|l| l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let said = format!("{top}\n{}", stderr(&out));
        assert!(said.contains(&format!("at the {level} level")), "{said}");
        assert!(said.contains(PERIOD_TEXT), "{said}");
        assert!(
            said.contains(&format!("Includes: {}.", parts_for(level))),
            "{said}"
        );
        assert!(said.contains(REMINDER), "{said}");
    }
}

#[test]
fn summary_level_overdue_actions_are_counted_not_shown_as_empty_quotes() {
    let env = Env::new().at(NOW);
    journal(&env);
    for format in ["markdown", "html"] {
        let text = visible(format, &export(&env, &["--format", format]));
        assert!(
            !text.contains("“”"),
            "{format}: an empty title for each overdue action:\n{text}"
        );
        // The two actions past their day (15 and 20 Nov) are still told.
        assert!(text.contains("15 Nov 2026"), "{format}:\n{text}");
        assert!(text.contains("20 Nov 2026"), "{format}:\n{text}");
    }
}

// ---------------------------------------------------------------------------
// 2. --only and --without

#[test]
fn without_motivation_and_self_leaves_them_out_of_every_format() {
    let env = Env::new().at(NOW);
    journal(&env);
    let without = ["--level", "full", "--without", "motivation,self"];
    let with = |format: &str| {
        let mut a = vec!["--format", format];
        a.extend_from_slice(&without);
        export(&env, &a)
    };

    // JSON: no key of either part, anywhere; no answer from either.
    let v = json(&with("json"));
    let keys = json_keys(&v);
    for k in [
        "motivation",
        "motivation_average",
        "motivation_direction",
        "self_care",
        "self_answered",
    ] {
        assert!(!keys.contains(k), "JSON key {k} is still there: {keys:?}");
    }
    for k in ["behaviours", "needs", "actions", "rhythm", "answers"] {
        assert!(keys.contains(k), "JSON key {k} is gone: {keys:?}");
    }
    let parts = json_text(&v["export"]["includes"]);
    assert!(
        !parts.contains("motivation") && !parts.contains("self"),
        "{parts}"
    );
    let answers = v["answers"].as_array().unwrap();
    assert!(!answers.is_empty());
    for a in answers {
        if a["question_id"] == "motivation" || a["question_id"] == "self" {
            // Written, and marked as kept back: no value.
            assert_eq!(a["shared"], false, "{a}");
            assert_eq!(a["withheld"], "left_out", "{a}");
            assert!(a.get("value").is_none(), "{a}");
        } else {
            assert_eq!(a["shared"], true, "{a}");
        }
    }
    let text = json_text(&v);
    assert_lacks(&text, &["MARKER-SELF-1", "MARKER-SELF-2"], "JSON");
    assert_has(&text, &["MARKER-ATTEND-1", "MARKER-ACTION-1"], "JSON");
    assert!(
        v["export"]["statement"]
            .as_str()
            .unwrap()
            .contains("Includes: noticed, rhythm, behaviours, needs, barriers, actions, readings, themes, answers."),
        "{}",
        v["export"]["statement"]
    );

    // CSV at summary level: no columns of either part.
    let mut a = vec!["--format", "csv", "--without", "motivation,self"];
    a.extend_from_slice(&["--level", "summary"]);
    let (head, _) = csv_table(&export(&env, &a));
    for h in &head {
        assert!(
            !h.starts_with("motivation") && h != "self_answered",
            "CSV column {h}: {head:?}"
        );
    }
    for h in ["attend", "autonomy", "actions_set", "checkin_days"] {
        assert!(head.contains(&h.to_string()), "no column {h}: {head:?}");
    }
    // CSV at full level: no values from either part (their answers are
    // rows marked as left out, with no value).
    let (head, rows) = csv_table(&with("csv"));
    let q = col(&head, "question_id");
    let (shared, value) = (col(&head, "shared"), col(&head, "value"));
    for r in rows.iter().filter(|r| r[shared] != "yes") {
        assert_eq!(r[shared], "left out of this export", "{r:?}");
        assert_eq!(r[value], "", "{r:?}");
        assert!(["motivation", "self"].contains(&r[q].as_str()), "{r:?}");
    }
    let ids: BTreeSet<&str> = rows
        .iter()
        .filter(|r| r[shared] == "yes")
        .map(|r| r[q].as_str())
        .collect();
    assert!(
        !ids.contains("motivation") && !ids.contains("self"),
        "{ids:?}"
    );
    assert!(
        ids.contains("attend") && ids.contains("autonomy"),
        "{ids:?}"
    );

    // HTML: neither part's heading, chart, sentence or answers.
    let out = with("html");
    let doc = html_doc(&out);
    let h2 = texts(&doc, "h2");
    assert!(
        !h2.iter().any(|h| h == "Motivation" || h == "Yourself"),
        "{h2:?}"
    );
    assert!(h2.iter().any(|h| h == "The four behaviours"), "{h2:?}");
    let svg_titles = texts(&doc, "svg > title");
    assert!(
        !svg_titles.iter().any(|t| t.contains("motivation")),
        "{svg_titles:?}"
    );
    let text = html_text(&doc);
    assert_lacks(
        &text,
        &[
            "Motivation averaged",
            "A pulse, not a verdict",
            "question about yourself",
            "How motivated",
            "And you: how are you treating yourself",
            "MARKER-SELF-1",
            "MARKER-SELF-2",
        ],
        "HTML",
    );
    assert_has(
        &text,
        &["MARKER-ATTEND-1", "Checked in on 2 of 25 days."],
        "HTML",
    );

    // Markdown: the same.
    let md = with("markdown");
    assert_lacks(
        &md,
        &[
            "## Motivation",
            "## Yourself",
            "Motivation averaged",
            "A pulse, not a verdict",
            "question about yourself",
            "And you: how are you treating yourself",
            "MARKER-SELF-1",
            "MARKER-SELF-2",
        ],
        "Markdown",
    );
    assert_has(
        &md,
        &[
            "## The four behaviours",
            "MARKER-ATTEND-1",
            "Checked in on 2 of 25 days.",
        ],
        "Markdown",
    );
}

#[test]
fn without_motivation_nothing_is_said_about_motivation() {
    let env = Env::new().at(NOW);
    journal(&env);
    for format in ["markdown", "html", "json"] {
        let out = export(&env, &["--format", format, "--without", "motivation"]);
        let mut v;
        let out = if format == "json" {
            // The one mention: the list of parts withheld, with why.
            v = json(&out);
            assert_eq!(
                v["export"]["withheld"],
                serde_json::json!([
                    {"part": "motivation", "why": "left_out"},
                    {"part": "themes", "why": "level"},
                    {"part": "answers", "why": "level"},
                ])
            );
            v["export"]["withheld"] = Value::Null;
            v.to_string()
        } else {
            out
        };
        let text = visible(format, &out).to_lowercase();
        // The one line that says it is left out, so an absent part is never
        // taken for an empty one.
        assert!(
            format == "json" || text.contains("left out of this export: motivation."),
            "{format}:\n{text}"
        );
        let text = text.replace("left out of this export: motivation.", "");
        assert!(
            !text.contains("motivation"),
            "{format} --without motivation still speaks of it:\n{}",
            text.lines()
                .filter(|l| l.contains("motivation"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn without_self_no_word_from_answers_about_yourself_is_shared() {
    let env = Env::new().at(NOW);
    journal(&env);
    for format in ["markdown", "html", "json"] {
        let out = export(
            &env,
            &["--format", format, "--level", "full", "--without", "self"],
        );
        let text = visible(format, &out).to_lowercase();
        assert!(
            !text.contains(SELF_WORD),
            "{format}: a word only ever written about yourself ({SELF_WORD}) is shared:\n{}",
            text.lines()
                .filter(|l| l.contains(SELF_WORD))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn without_rhythm_the_json_and_review_have_no_checkin_days() {
    let env = Env::new().at(NOW);
    journal(&env);
    let file = env.tmp.path().join("a.json");
    let mut args = vec![
        "export",
        "--format",
        "json",
        "--without",
        "rhythm",
        "-o",
        s(&file),
    ];
    args.extend_from_slice(&PERIOD);
    env.ok_at(NOW, &args);
    let v = json(&fs::read_to_string(&file).unwrap());
    let keys = json_keys(&v);
    assert!(
        !keys.contains("checkin_days"),
        "check-in days left in: {}",
        v["headline"]
    );
    let review = env.ok_at(NOW, &["review", "--format", "markdown", s(&file)]);
    assert!(!review.contains("2 of 25"), "{review}");
}

#[test]
fn only_actions_keeps_only_actions() {
    let env = Env::new().at(NOW);
    journal(&env);
    let only = |format: &str| export(&env, &["--format", format, "--only", "actions"]);

    let md = only("markdown");
    let heads: Vec<&str> = md.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        heads,
        [
            "## Actions",
            "## Not shared",
            "## In the leader's own words"
        ],
        "{md}"
    );
    assert!(
        md.contains("_Left out of this export: noticed, rhythm, motivation, behaviours, self, needs, barriers, readings, themes, answers._"),
        "{md}"
    );
    assert!(md.contains("4 actions set in this period"), "{md}");
    assert_lacks(
        &md,
        &[
            "Checked in on",
            "Motivation averaged",
            "What tend noticed",
            "Not enough",
        ],
        "Markdown",
    );
    assert!(md.contains("Includes: actions."), "{md}");

    let doc = html_doc(&only("html"));
    let h2 = texts(&doc, "h2");
    assert!(
        h2.iter().all(|h| [
            "Actions",
            "In short",
            "Not shared",
            "In the leader's own words"
        ]
        .contains(&h.as_str())),
        "{h2:?}"
    );
    assert!(h2.iter().any(|h| h == "Actions"), "{h2:?}");
    assert!(html_text(&doc).contains("Includes: actions."));

    let v = json(&only("json"));
    let top: BTreeSet<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "noticed",
        "not_enough_data",
        "rhythm",
        "motivation",
        "behaviours",
        "self_care",
        "needs",
        "barriers",
        "readings",
        "themes",
        "tags",
        "answers",
    ] {
        assert!(!top.contains(k), "JSON key {k}: {top:?}");
    }
    assert!(top.contains("actions"), "{top:?}");
    assert_eq!(v["actions"]["opened"], 4);
    for p in v["periods"].as_array().unwrap() {
        let keys: BTreeSet<&str> = p.as_object().unwrap().keys().map(String::as_str).collect();
        let want: BTreeSet<&str> = [
            "label",
            "start",
            "end",
            "actions_opened",
            "actions_done",
            "completion",
        ]
        .into();
        assert_eq!(keys, want, "{p}");
    }
    assert_eq!(v["export"]["includes"], serde_json::json!(["actions"]));

    let (head, rows) = csv_table(&only("csv"));
    assert_eq!(
        head,
        [
            "period",
            "start",
            "end",
            "actions_set",
            "actions_done",
            "completion"
        ]
    );
    assert_eq!(rows.len(), 4);

    // With the answers part too, the answers about actions are shared
    // (actions set, a change from a reading, a follow-up's note) and those
    // of no other part (the weekly learning), but none about readings.
    let md = export(&env, &["--level", "learning", "--only", "actions,answers"]);
    assert_has(
        &md,
        &[
            "MARKER-ACTION-1",
            "MARKER-ACTION-2",
            "MARKER-CHANGE-1",
            "MARKER-ADDED-1",
            "MARKER-FOLLOWUP-1",
            "MARKER-LEARNING-1",
        ],
        "--only actions,answers",
    );
    assert_lacks(
        &md,
        &[
            "MARKER-HOPE-1",
            "MARKER-HOPE-2",
            "MARKER-ASSUMPTION-1",
            "MARKER-LEARNED-1",
            "MARKER-DISCUSS-1",
            "## Readings",
            "## Themes",
        ],
        "--only actions,answers",
    );
}

#[test]
fn an_unknown_part_is_an_error_that_lists_the_real_ones() {
    let env = Env::new().at(NOW);
    journal(&env);
    let file = env.tmp.path().join("out.md");
    for args in [
        ["--only", "bogus"],
        ["--only", "actions,bogus"],
        ["--without", "bogus"],
        ["--without", "Motivation"],
    ] {
        let mut all = vec!["export", "-o", s(&file)];
        all.extend_from_slice(&args);
        let out = run(&env, &all);
        // A usage error, as for every fixed choice on the command line.
        assert_eq!(out.status.code(), Some(2), "{args:?} was accepted");
        let err = stderr(&out);
        let name = args[1].rsplit(',').next().unwrap();
        assert!(err.contains(&format!("'{name}'")), "{args:?}: {err}");
        assert!(err.contains(ALL_PARTS), "{args:?}: {err}");
        assert_eq!(stdout(&out), "", "{args:?}");
        assert!(!file.exists(), "{args:?} wrote a file");
    }
}

// ---------------------------------------------------------------------------
// 3. --preview

#[test]
fn preview_writes_nothing_and_says_what_would_be_shared() {
    let env = Env::new().at(NOW);
    journal(&env);
    let file = env.tmp.path().join("for-my-coach.html");
    let before = env.snapshot();

    let mut args = vec![
        "export",
        "--preview",
        "--format",
        "html",
        "--level",
        "learning",
        "-o",
        s(&file),
    ];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!file.exists(), "the preview wrote {}", file.display());
    assert_eq!(env.snapshot(), before, "the preview changed a file");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Preview: nothing has been written or shared.");
    assert_statement(lines[1], "learning", ALL_PARTS, "preview");
    // 12 learning-level answers, from the two readings (2 each), the
    // after-reading (3), the two check-ins (1 each), the action, the weekly
    // check-in and the follow-up (1 each).
    assert!(
        text.contains("Answers in your own words: 12 from 8 entries."),
        "{text}"
    );
    let themes = line_with(&text, "Themes:");
    assert!(themes.contains(LEARNING_WORD), "{themes}");
    assert!(!themes.contains(FULL_WORD), "{themes}");
    assert!(text.contains("Word for word, the text it holds:"), "{text}");
    assert!(text.contains("  > MARKER-HOPE-1"), "{text}");
    assert_lacks(&text, &FULL_ONLY, "preview at learning");

    // At full, the eight full-level answers and the note join them.
    let mut args = vec!["export", "--preview", "--level", "full"];
    args.extend_from_slice(&PERIOD);
    let text = env.ok_at(NOW, &args);
    assert!(
        text.contains("Answers in your own words: 20 from 9 entries."),
        "{text}"
    );

    // At summary level, nothing typed.
    let mut args = vec!["export", "--preview", "-o", s(&file)];
    args.extend_from_slice(&PERIOD);
    let text = env.ok_at(NOW, &args);
    assert!(text.contains("at the summary level"), "{text}");
    assert!(
        text.contains("Answers in your own words: 0 from 0 entries."),
        "{text}"
    );
    assert!(!text.to_lowercase().contains("marker"), "{text}");
    assert!(!file.exists());
    assert_eq!(env.snapshot(), before);
}

// ---------------------------------------------------------------------------
// 4. -o FILE

#[cfg(unix)] // file modes
#[test]
fn output_file_is_private_and_never_replaced_without_force() {
    let env = Env::new().at(NOW);
    journal(&env);
    let file = env.tmp.path().join("for-my-coach.md");

    let mut args = vec!["export", "--level", "learning", "-o", s(&file)];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "with -o nothing goes to stdout");
    assert!(
        stderr(&out).contains("Saved the export to"),
        "{}",
        stderr(&out)
    );
    assert_eq!(mode(&file), 0o600);
    let written = fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("# Reflective journal: a leader"));
    assert!(written.contains("MARKER-ACTION-1"));

    // Someone else's file, readable by all, is not replaced.
    fs::write(&file, "the coach's own notes\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let before = fs::read(&file).unwrap();
    let out = run(&env, &args);
    assert!(!out.status.success(), "replaced without --force");
    assert!(
        stderr(&out).contains("already exists; nothing was written (--force replaces it)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read(&file).unwrap(), before, "the file changed");
    assert_eq!(mode(&file), 0o644);

    // With --force it is replaced, and private again.
    let mut forced = args.clone();
    forced.push("--force");
    let out = run(&env, &forced);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("# Reflective journal: a leader"),
        "{written}"
    );
    assert!(!written.contains("the coach's own notes"));
    assert_eq!(mode(&file), 0o600);

    // Every format is written private.
    for format in ["html", "csv", "json"] {
        let f = env.tmp.path().join(format!("out.{format}"));
        let mut a = vec!["export", "--format", format, "-o", s(&f)];
        a.extend_from_slice(&PERIOD);
        env.ok_at(NOW, &a);
        assert_eq!(mode(&f), 0o600, "{format}");
    }
    // No stray temporary files beside them.
    let names: BTreeSet<String> = fs::read_dir(env.tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("out.") || n.starts_with("for-my-coach") || n.starts_with('.'))
        .collect();
    assert_eq!(
        names,
        ["for-my-coach.md", "out.csv", "out.html", "out.json"]
            .map(String::from)
            .into()
    );
}

// ---------------------------------------------------------------------------
// 5. HTML: self-contained, escaped, printable

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const JS_LINK: &str = "<a href=\"javascript:alert(1)\">click</a> [also](javascript:alert(1))";
const CDATA: &str = "]]> <![CDATA[ x ]]> <style>@import url(https://example.com/x.css)</style>";
const SVG: &str = "<svg onload=alert(1)><iframe src=\"https://example.com\"></iframe> & 'q'";

/// The elements tend's HTML uses; anything else was injected.
const ELEMENTS: [&str; 27] = [
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "h1",
    "h2",
    "h3",
    "p",
    "ul",
    "li",
    "section",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "blockquote",
    "svg",
    "line",
    "text",
    "polyline",
    "circle",
    "rect",
];

/// Checks a page is inert and self-contained: no scripts, no handlers, no
/// images, links or anything fetched; only tend's own elements.
fn assert_inert(doc: &Html, what: &str) {
    for e in doc.select(&sel("*")) {
        let el = e.value();
        assert!(
            ELEMENTS.contains(&el.name()),
            "{what}: an element <{}> that tend never writes",
            el.name()
        );
        for (name, value) in el.attrs() {
            let name = name.to_ascii_lowercase();
            assert!(!name.starts_with("on"), "{what}: <{} {name}>", el.name());
            assert!(
                ![
                    "src",
                    "href",
                    "xlink:href",
                    "srcset",
                    "action",
                    "formaction",
                    "style"
                ]
                .contains(&name.as_str()),
                "{what}: <{} {name}={value:?}>",
                el.name()
            );
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{what}: <{} {name}={value:?}>",
                el.name()
            );
        }
    }
    for css in [
        "script", "img", "a", "iframe", "link", "object", "embed", "base",
    ] {
        assert_eq!(doc.select(&sel(css)).count(), 0, "{what}: a <{css}>");
    }
    for st in texts(doc, "style") {
        assert!(!st.contains("@import"), "{what}: {st}");
        assert!(!st.contains("url("), "{what}: {st}");
    }
}

#[test]
fn html_is_escaped_self_contained_and_printable() {
    let env = Env::new().at(NOW);
    let c = env.file(
        "c.toml",
        &format!(
            "motivation = 5\nattend = {}\nunderstand = {}\nempathise = {}\nhelp = {}\nnext_action = {}\n",
            toml::Value::from(SCRIPT),
            toml::Value::from(IMG),
            toml::Value::from(JS_LINK),
            toml::Value::from(CDATA),
            toml::Value::from(SVG),
        ),
    );
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["checkin", "--answers", s(&c), "--tag", "<b>tag</b>"],
    );
    env.ok_at(
        "2026-11-21T09:00:00+00:00",
        &["checkin", "--answers", s(&c)],
    );
    let r = env.file("r.toml", &format!("hope = {}\n", toml::Value::from(IMG)));
    env.ok_at(
        "2026-11-22T09:00:00+00:00",
        &[
            "read",
            "<script>alert('title')</script>",
            "--answers",
            s(&r),
        ],
    );
    let label = "<i onmouseover=alert(1)>leader</i>";
    let out = export(
        &env,
        &["--format", "html", "--level", "full", "--label", label],
    );
    let doc = html_doc(&out);
    assert_inert(&doc, "export");

    // What was typed is there, as text.
    let text = html_text(&doc);
    for typed in [
        SCRIPT,
        IMG,
        JS_LINK,
        CDATA,
        SVG,
        label,
        "<script>alert('title')</script>",
        "<b>tag</b>",
    ] {
        assert!(
            text.contains(typed),
            "{typed:?} is not in the text:\n{text}"
        );
    }
    assert!(text.contains("]]>"));
    assert!(text.contains("javascript:alert(1)"));
    let quotes = texts(&doc, "blockquote");
    assert!(quotes.iter().any(|q| q == SCRIPT), "{quotes:?}");
    assert!(quotes.iter().any(|q| q == IMG), "{quotes:?}");
    assert_eq!(texts(&doc, "h1"), [format!("Reflective journal: {label}")]);

    // It reads on a phone and prints cleanly.
    let viewport: Vec<_> = doc
        .select(&sel("meta[name=viewport]"))
        .map(|m| m.value().attr("content").unwrap_or("").to_string())
        .collect();
    assert_eq!(viewport.len(), 1);
    assert!(viewport[0].contains("width=device-width"), "{viewport:?}");
    let style = texts(&doc, "style").join("\n");
    assert!(style.contains("@media print"), "{style}");
    assert_eq!(
        doc.select(&sel("meta[charset]")).count(),
        1,
        "a declared charset"
    );

    // The coach's review page is just as inert.
    let file = env.tmp.path().join("x.json");
    let mut args = vec![
        "export",
        "--format",
        "json",
        "--level",
        "full",
        "--label",
        label,
        "-o",
        s(&file),
    ];
    args.extend_from_slice(&PERIOD);
    env.ok_at(NOW, &args);
    let review = env.ok_at(NOW, &["review", "--format", "html", s(&file)]);
    let doc = html_doc(&review);
    assert_inert(&doc, "review");
    assert!(html_text(&doc).contains(label));
}

// ---------------------------------------------------------------------------
// 6. The identifier check

const WATCH: &str = "watch_list = [\"Alex Example\"]\n";

/// Things that identify someone, each with the kind tend names and the
/// text it should find.
const IDENTIFIERS: [(&str, &str, &str); 12] = [
    (
        "Wrote to sam.example@example.com about the rota",
        "e-mail address",
        "sam.example@example.com",
    ),
    ("Rang 07700 900123 back", "phone number", "07700 900123"),
    ("Rang 07700900123 back", "phone number", "07700900123"),
    (
        "Rang +44 7700 900123 back",
        "phone number",
        "+44 7700 900123",
    ),
    (
        "Ward phone 020 7946 0123 all day",
        "phone number",
        "020 7946 0123",
    ),
    ("NHS 943 476 5919 on the list", "NHS number", "943 476 5919"),
    ("NHS 9434765919 on the list", "NHS number", "9434765919"),
    ("Visited SW1A 1AA today", "postcode", "SW1A 1AA"),
    (
        "Patient born 12/03/1961 on the ward",
        "date of birth",
        "12/03/1961",
    ),
    (
        "Her DOB: 3 March 1961 was wrong",
        "date of birth",
        "3 March 1961",
    ),
    (
        "Talked with Alex Example at handover",
        "name from your watch list",
        "Alex Example",
    ),
    (
        "talked with alex example again",
        "name from your watch list",
        "alex example",
    ),
];

/// Look-alikes that identify nobody.
const LOOKALIKES: [&str; 8] = [
    // A wrong check digit is not an NHS number, spaced or not.
    "Reference 943 476 5918 from the audit",
    "Reference 9434765918 from the audit",
    // A rota date is not a birth date.
    "The rota for 12/03/2026 is out",
    "Night shifts start 3 March 2026",
    // Names like the one on the watch list.
    "Talked with Alexandra Examples at handover",
    "Alex and the example team did well",
    // Ordinary numbers.
    "Band 5 nurse on ward 7 with 3 patients, met at 10:30",
    "Audit 2026-11-26: 12 of 15 done",
];

/// A journal with one note saying `text`, and the note's id.
fn one_note(text: &str) -> (Env, String) {
    let env = Env::new().at(NOW);
    env.write_config(WATCH);
    env.ok_at("2026-11-20T09:00:00+00:00", &["note", text]);
    let id = id_of(&env.entries_of_kind("note")[0]);
    (env, id)
}

#[test]
fn the_identifier_check_finds_every_kind() {
    let mut failures = Vec::new();
    for (text, kind, found) in IDENTIFIERS {
        let (env, id) = one_note(text);
        let file = env.tmp.path().join("out.md");
        let mut args = vec!["export", "--level", "full", "-o", s(&file)];
        args.extend_from_slice(&PERIOD);
        let out = run(&env, &args);
        let err = stderr(&out);
        let listed = format!("{kind} in {id}: …");
        if out.status.success() {
            failures.push(format!("{text:?}: exported, not refused"));
        } else if !err.contains("This export holds 1 thing that could identify someone:") {
            failures.push(format!("{text:?}: not one hit:\n{err}"));
        } else if !err
            .lines()
            .any(|l| l.trim_start().starts_with(&listed) && l.contains(&format!("[{found}]")))
        {
            failures.push(format!(
                "{text:?}: no line \"{listed}…[{found}]…\" in:\n{err}"
            ));
        } else if !err.contains("nothing was exported") {
            failures.push(format!("{text:?}: {err}"));
        }
        if file.exists() || !stdout(&out).is_empty() {
            failures.push(format!("{text:?}: something was written"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_identifier_check_leaves_lookalikes_alone() {
    let mut failures = Vec::new();
    for text in LOOKALIKES {
        let (env, _) = one_note(text);
        let mut args = vec!["export", "--level", "full"];
        args.extend_from_slice(&PERIOD);
        let out = run(&env, &args);
        if !out.status.success() || stderr(&out).contains("could identify") {
            failures.push(format!("{text:?}:\n{}", stderr(&out)));
        } else if !stdout(&out).contains(text) {
            failures.push(format!("{text:?} is not in the export"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_date_after_d_o_b_with_dots_is_found() {
    let (env, id) = one_note("D.O.B. 12/03/1961, checked at handover");
    let out = run(&env, &["export", "--level", "full"]);
    assert!(!out.status.success(), "exported:\n{}", stdout(&out));
    assert!(
        stderr(&out).contains(&format!("date of birth in {id}: …D.O.B. [12/03/1961]")),
        "{}",
        stderr(&out)
    );
}

/// A journal with each identifier in a note of its own, 2 to 13 Nov.
fn identifiers_journal() -> Env {
    let env = Env::new().at(NOW);
    env.write_config(WATCH);
    for (i, (text, _, _)) in IDENTIFIERS.iter().enumerate() {
        env.ok_at(
            &format!("2026-11-{:02}T09:00:00+00:00", i + 2),
            &["note", text],
        );
    }
    env
}

#[test]
fn without_a_terminal_identifiers_stop_the_export_and_every_one_is_listed() {
    let env = identifiers_journal();
    let notes = env.entries_of_kind("note");
    for format in ["markdown", "html", "csv", "json"] {
        let file = env.tmp.path().join(format!("out.{format}"));
        let mut args = vec![
            "export",
            "--format",
            format,
            "--level",
            "full",
            "-o",
            s(&file),
        ];
        args.extend_from_slice(&PERIOD);
        let out = run(&env, &args);
        assert!(!out.status.success(), "{format} was exported");
        assert!(!file.exists(), "{format}: a file was written");
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert!(
            err.contains("This export holds 12 things that could identify someone:"),
            "{err}"
        );
        for (n, (_, kind, found)) in notes.iter().zip(IDENTIFIERS) {
            let line = line_with(&err, &id_of(n));
            assert!(line.contains(kind), "{line}");
            assert!(line.contains(&format!("[{found}]")), "{line}");
        }
        assert!(err.contains("--redact"), "{err}");
        assert!(err.contains("--allow-identifiers"), "{err}");
    }
    // Notes are shared only at full, so at learning there is nothing to ask.
    let mut args = vec!["export", "--level", "learning"];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("could identify"));
    assert!(!stdout(&out).contains("07700"));
    // At the summary level nothing typed is shared, so nothing is asked.
    let mut args = vec!["export"];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("could identify"));
}

#[test]
fn allow_identifiers_shares_them_as_they_are() {
    let env = identifiers_journal();
    for format in ["markdown", "html", "csv", "json"] {
        let out = export(
            &env,
            &["--format", format, "--level", "full", "--allow-identifiers"],
        );
        let text = visible(format, &out);
        for (typed, _, _) in IDENTIFIERS {
            assert!(text.contains(typed), "{format}: {typed:?} missing");
        }
        assert!(!text.contains("[redacted]"), "{format}");
    }
}

#[test]
fn redact_replaces_every_identifier_in_every_format() {
    let env = identifiers_journal();
    for format in ["markdown", "html", "csv", "json"] {
        let mut args = vec!["export", "--format", format, "--level", "full", "--redact"];
        args.extend_from_slice(&PERIOD);
        let out = run(&env, &args);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Replaced 12 possible identifiers with [redacted]."),
            "{}",
            stderr(&out)
        );
        let text = visible(format, &stdout(&out));
        let lower = text.to_lowercase();
        for (_, kind, found) in IDENTIFIERS {
            assert!(
                !lower.contains(&found.to_lowercase()),
                "{format}: {kind} {found:?} is still there"
            );
        }
        assert_eq!(text.matches("[redacted]").count(), 12, "{format}:\n{text}");
        // The rest of each answer is kept.
        assert_has(
            &text,
            &[
                "Wrote to [redacted] about the rota",
                "Patient born [redacted] on the ward",
                "Talked with [redacted] at handover",
            ],
            format,
        );
    }
}

#[test]
fn redaction_leaves_no_part_of_an_identifier_in_the_themes() {
    let env = Env::new().at(NOW);
    env.write_config(WATCH);
    for (day, text) in [
        ("16", "Talked with Alex Example about SW1A 1AA"),
        ("17", "Alex Example again, near SW1A 1AA"),
    ] {
        env.ok_at(&format!("2026-11-{day}T09:00:00+00:00"), &["note", text]);
    }
    for format in ["markdown", "json"] {
        let out = export(&env, &["--format", format, "--level", "full", "--redact"]);
        let text = visible(format, &out).to_lowercase();
        for part in ["alex", "sw1a"] {
            assert!(
                !text.contains(part),
                "{format}: {part:?} is shared after --redact:\n{}",
                text.lines()
                    .filter(|l| l.contains(part))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
    }
}

#[test]
fn redact_replaces_a_name_after_a_title_whole_and_redacts_tags() {
    let env = Env::new().at(NOW);
    env.write_config("watch_list = [\"Priya Patel\"]\n");
    let notes = [
        (
            "Sister O'Neill covered the late shift",
            "[redacted] covered the late shift",
        ),
        (
            "Mr O’Brien in the day room was upset",
            "[redacted] in the day room was upset",
        ),
        (
            "Mrs Smith-Jones asked about visiting",
            "[redacted] asked about visiting",
        ),
        (
            "Dr McDonald reviewed the plan",
            "[redacted] reviewed the plan",
        ),
        ("Nurse Ødegaard stayed late", "[redacted] stayed late"),
        (
            "Mr. J. Smith waited four hours",
            "[redacted] waited four hours",
        ),
    ];
    for (i, (text, _)) in notes.iter().enumerate() {
        env.ok_at(
            &format!("2026-11-{:02}T09:00:00+00:00", i + 10),
            &["note", text, "--tag", "priya-patel", "--tag", "handover"],
        );
    }
    for format in ["markdown", "html", "csv", "json"] {
        let out = export(&env, &["--format", format, "--level", "full", "--redact"]);
        let text = visible(format, &out);
        let lower = text.to_lowercase();
        for fragment in [
            "neill", "brien", "smith", "jones", "donald", "degaard", "priya", "patel",
        ] {
            assert!(
                !lower.contains(fragment),
                "{format}: {fragment:?} is left after --redact:\n{text}"
            );
        }
        for (_, redacted) in notes {
            assert!(
                text.contains(redacted),
                "{format}: no {redacted:?} in:\n{text}"
            );
        }
    }
    // The tag is replaced, counted as before; the others are kept.
    let v = json(&export(
        &env,
        &["--format", "json", "--level", "full", "--redact"],
    ));
    let tags: Vec<(String, u64)> = v["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(tags.contains(&("[redacted]".to_string(), 6)), "{tags:?}");
    assert!(tags.contains(&("handover".to_string(), 6)), "{tags:?}");
    // Without --redact, the check names the tag as where it found the name.
    let mut args = vec!["export", "--level", "full"];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("name from your watch list in tags: …[priya-patel]…"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_reflective_account_checks_and_redacts_the_titles_it_shows() {
    let env = Env::new().at(NOW);
    let before = env.file("b.toml", "hope = \"MARKER-HOPE-1\"\n");
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["read", "Talk by Dr McDonald", "--answers", s(&before)],
    );
    let id = id_of(&env.entries_of_kind("reading")[0]);
    for level in ["learning", "full"] {
        let base = [
            "export", "--format", "account", "--entry", &id, "--level", level,
        ];
        let out = run(&env, &base);
        assert!(!out.status.success(), "{level}: {}", stdout(&out));
        assert!(
            line_with(&stderr(&out), &id).contains("name after a title"),
            "{level}: {}",
            stderr(&out)
        );
        let out = env.ok_at(NOW, &[&base[..], &["--redact"]].concat());
        assert!(out.contains("“Talk by [redacted]”"), "{level}:\n{out}");
        assert!(!out.contains("McDonald"), "{level}:\n{out}");
    }
}

#[test]
fn an_identifier_in_a_reading_title_is_found_from_the_learning_level() {
    let env = Env::new().at(NOW);
    let before = env.file("b.toml", "hope = \"MARKER-HOPE-1\"\n");
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &[
            "read",
            "Notes from sam.example@example.com",
            "--answers",
            s(&before),
        ],
    );
    let id = id_of(&env.entries_of_kind("reading")[0]);
    let mut args = vec!["export", "--level", "learning"];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(!out.status.success(), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        line_with(&err, &id).contains("[sam.example@example.com]"),
        "{err}"
    );
    // At summary level, titles are not shared, so there is nothing to ask.
    let mut args = vec!["export"];
    args.extend_from_slice(&PERIOD);
    let out = run(&env, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("example.com"));
}

// ---------------------------------------------------------------------------
// 7. CSV round trips

#[test]
fn csv_at_summary_level_is_one_numeric_row_per_period() {
    let env = Env::new().at(NOW);
    journal(&env);
    let (head, rows) = csv_table(&export(&env, &["--format", "csv"]));
    assert_eq!(
        head,
        [
            "period",
            "start",
            "end",
            "entries",
            "checkin_days",
            "met_target",
            "motivation_average",
            "motivation_lowest",
            "motivation_highest",
            "motivation_ratings",
            "attend",
            "understand",
            "empathise",
            "help",
            "self_answered",
            "autonomy",
            "belonging",
            "contribution",
            "actions_set",
            "actions_done",
            "completion",
            "readings_started",
            "readings_finished",
        ]
    );
    let labels: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        labels,
        [
            "w/c 2 Nov 2026",
            "w/c 9 Nov 2026",
            "w/c 16 Nov 2026",
            "w/c 23 Nov 2026"
        ]
    );
    for r in &rows {
        assert_eq!(r.len(), head.len());
        for (h, v) in head.iter().zip(r).skip(3) {
            assert!(
                v.is_empty() || v.parse::<f64>().is_ok(),
                "{h} = {v:?} is not a number"
            );
        }
        for d in &r[1..3] {
            assert!(
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok(),
                "{d}"
            );
        }
    }
    let get = |row: &str, c: &str| -> String {
        let r = rows.iter().find(|r| r[0] == row).unwrap();
        r[col(&head, c)].clone()
    };
    let num = |row: &str, c: &str| -> f64 { get(row, c).parse().unwrap() };
    let w16 = "w/c 16 Nov 2026";
    assert_eq!(num(w16, "checkin_days"), 2.0);
    assert_eq!(num(w16, "motivation_average"), 6.0);
    assert_eq!(num(w16, "motivation_lowest"), 4.0);
    assert_eq!(num(w16, "motivation_highest"), 8.0);
    assert_eq!(num(w16, "motivation_ratings"), 2.0);
    assert_eq!(num(w16, "attend"), 2.0);
    assert_eq!(num(w16, "help"), 1.0);
    assert_eq!(num(w16, "self_answered"), 2.0);
    assert_eq!(num(w16, "autonomy"), 3.0);
    assert_eq!(num(w16, "belonging"), 4.0);
    assert_eq!(num(w16, "contribution"), 5.0);
    assert_eq!(num(w16, "actions_set"), 3.0);
    assert_eq!(num(w16, "actions_done"), 1.0);
    assert_eq!(num(w16, "readings_started"), 1.0);
    let w9 = "w/c 9 Nov 2026";
    assert_eq!(num(w9, "readings_started"), 1.0);
    assert_eq!(num(w9, "readings_finished"), 1.0);
    assert_eq!(num(w9, "actions_set"), 1.0);
    assert_eq!(get(w9, "motivation_average"), "");
    assert_eq!(num("w/c 23 Nov 2026", "entries"), 1.0);
}

/// Awkward text: commas, quotes (straight and curly), new lines, a tab.
const AWKWARD: &str =
    "She said \"no, not now\",, then\nlater: \"yes\"; “fine”\n\tand a last line, with a comma";
const AWKWARD_2: &str = "\"Quoted\" at the start, and\r\na Windows line end";
/// Quotes and a new line, and no comma.
const AWKWARD_3: &str = "He said \"wait\"\nso we waited";

/// Every (entry, question id) a level shares, from the entry files.
fn answers_on_disk(env: &Env, level: &str) -> BTreeSet<(String, String)> {
    let allowed: &[&str] = match level {
        "learning" => &["summary", "learning"],
        _ => &["summary", "learning", "full"],
    };
    let mut out = BTreeSet::new();
    for e in env.entries() {
        for a in answers(&e) {
            if a.get("value").is_some() && allowed.contains(&a["level"].as_str().unwrap()) {
                out.insert((id_of(&e), a["id"].as_str().unwrap().to_string()));
            }
        }
    }
    out
}

/// An answer's value as the entry file holds it, as text.
fn value_on_disk(env: &Env, id: &str, question: &str) -> String {
    let text = fs::read_to_string(env.path_of(id)).unwrap();
    let e: toml::Table = text.parse().unwrap();
    match &answer(&e, question)["value"] {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Array(a) => a
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

#[test]
fn csv_and_json_answers_round_trip_exactly() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let c = env.file(
        "awkward.toml",
        &format!(
            "motivation = 6\nattend = {}\nhelp = {}\nnext_action = {}\n",
            toml::Value::from(AWKWARD),
            toml::Value::from(AWKWARD_3),
            toml::Value::from("Ask \"why\", then, listen"),
        ),
    );
    env.ok_at(
        "2026-11-24T09:00:00+00:00",
        &["checkin", "--answers", s(&c)],
    );
    let w = env.file(
        "awkward-weekly.toml",
        &format!(
            "autonomy = 2\nbarriers = [\"Time pressure\", \"Too much work\"]\nlearning = {}\n",
            toml::Value::from(AWKWARD_2),
        ),
    );
    env.ok_at(
        "2026-11-25T09:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&w)],
    );
    let awkward = id_of(&env.entries_of_kind("checkin")[2]);
    let weekly2 = id_of(&env.entries_of_kind("weekly")[1]);
    // What was typed is what was saved.
    assert_eq!(value_on_disk(&env, &awkward, "attend"), AWKWARD);

    for level in ["learning", "full"] {
        let out = export(&env, &["--format", "csv", "--level", level]);
        let (head, rows) = csv_table(&out);
        assert_eq!(
            head,
            [
                "entry",
                "date",
                "kind",
                "section",
                "question_id",
                "type",
                "value",
                "shared"
            ],
            "{level}"
        );
        // Answers written but kept back at this level are rows of their
        // own, marked, with no value.
        let (rows, kept): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r[7] == "yes");
        for r in &kept {
            assert_eq!(r[7], "not shared at this level", "{r:?}");
            assert_eq!(r[6], "", "{r:?}");
        }
        assert_eq!(kept.is_empty(), level == "full", "{level}: {kept:?}");
        // One row per answer the level allows, each as on disk.
        let got: BTreeSet<(String, String)> =
            rows.iter().map(|r| (r[0].clone(), r[4].clone())).collect();
        assert_eq!(got.len(), rows.len(), "{level}: a row twice");
        assert_eq!(got, answers_on_disk(&env, level), "{level}");
        for r in &rows {
            assert_eq!(r.len(), 8, "{r:?}");
            assert_eq!(r[6], value_on_disk(&env, &r[0], &r[4]), "{level}: {r:?}");
            let e: toml::Table = fs::read_to_string(env.path_of(&r[0]))
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(r[2], e["kind"].as_str().unwrap(), "{r:?}");
            assert_eq!(&r[1], &e["created"].as_str().unwrap()[..10], "{r:?}");
            let a = answer(&e, &r[4]);
            assert_eq!(r[3], a["section"].as_str().unwrap(), "{r:?}");
            assert_eq!(r[5], a["type"].as_str().unwrap(), "{r:?}");
        }
        let value = |id: &str, q: &str| -> Option<String> {
            rows.iter()
                .find(|r| r[0] == id && r[4] == q)
                .map(|r| r[6].clone())
        };
        assert_eq!(
            value(&awkward, "attend").as_deref(),
            (level == "full").then_some(AWKWARD),
            "{level}"
        );
        assert_eq!(
            value(&awkward, "help").as_deref(),
            (level == "full").then_some(AWKWARD_3),
            "{level}"
        );
        assert_eq!(
            value(&awkward, "next_action").as_deref(),
            Some("Ask \"why\", then, listen")
        );
        assert_eq!(
            value(&weekly2, "learning"),
            Some(value_on_disk(&env, &weekly2, "learning"))
        );
        assert_eq!(
            value(&weekly2, "barriers").as_deref(),
            Some("Time pressure, Too much work")
        );
        assert_eq!(value(&f.checkin1, "motivation").as_deref(), Some("4"));
        assert_eq!(value(&f.weekly, "autonomy").as_deref(), Some("3"));
        assert_eq!(
            value(&f.after, "discuss_with").as_deref(),
            Some("MARKER-DISCUSS-1 my practice educator")
        );

        // JSON carries the same answers, just as exactly.
        let v = json(&export(&env, &["--format", "json", "--level", level]));
        let (answers, kept_back): (Vec<&Value>, Vec<&Value>) = v["answers"]
            .as_array()
            .unwrap()
            .iter()
            .partition(|a| a["shared"] == true);
        assert_eq!(answers.len(), rows.len(), "{level}");
        assert_eq!(kept_back.len(), kept.len(), "{level}");
        for a in &kept_back {
            assert_eq!(a["withheld"], "level", "{a}");
            assert!(a.get("value").is_none(), "{a}");
        }
        for (a, r) in answers.iter().zip(&rows) {
            for (k, i) in [
                ("entry", 0),
                ("date", 1),
                ("kind", 2),
                ("section", 3),
                ("question_id", 4),
                ("type", 5),
                ("value", 6),
            ] {
                assert_eq!(a[k].as_str().unwrap(), r[i], "{level}: {k} of {a}");
            }
        }
        let title = answers
            .iter()
            .find(|a| a["entry"] == f.reading_done.as_str())
            .unwrap();
        assert_eq!(title["title"], "MARKER-TITLE-DONE");
    }
    let _ = (&f.checkin2, &f.note);
}

// ---------------------------------------------------------------------------
// 8. JSON through `tend review`

/// Three exports with their own labels, levels and periods, written to
/// files: (path, label, level, period as review shows it, check-in days).
type Exported = (
    PathBuf,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

fn three_exports(env: &Env) -> Vec<Exported> {
    let all = [
        (
            "leader-a",
            "summary",
            &[][..],
            // The default window starts at the journal's first entry.
            "2026-11-10 to 2026-11-26",
            "2 of 17",
        ),
        (
            "leader-b",
            "summary",
            &["--since", "2026-11-01"][..],
            "2026-11-01 to 2026-11-26",
            "2 of 26",
        ),
        (
            "leader-c",
            "learning",
            &["--since", "2026-10-01", "--until", "2026-11-20"][..],
            "2026-10-01 to 2026-11-20",
            "2 of 51",
        ),
    ];
    all.iter()
        .map(|(label, level, period, shown, days)| {
            let file = env.tmp.path().join(format!("{label}.json"));
            let mut args = vec![
                "export",
                "--format",
                "json",
                "--label",
                label,
                "--level",
                level,
                "-o",
                s(&file),
            ];
            args.extend_from_slice(period);
            env.ok_at(NOW, &args);
            (file, *label, *level, *shown, *days)
        })
        .collect()
}

#[test]
fn review_shows_a_row_per_leader_in_every_format() {
    let env = Env::new().at(NOW);
    journal(&env);
    let exports = three_exports(&env);
    let mut args = vec!["review"];
    args.extend(exports.iter().map(|e| s(&e.0)));

    // The table: a row per leader. Each has actions past their day, so each
    // is flagged, and flagged leaders come by name.
    let out = env.ok_at(NOW, &args);
    let mut at = 0;
    for (_, label, _, _, days) in &exports {
        let row = line_with(&out, label);
        assert!(row.contains(days), "{days} not in {row}");
        assert!(row.contains(" past their day"), "{row}");
        let here = out.find(row).unwrap();
        assert!(here >= at, "leaders out of order:\n{out}");
        at = here;
    }
    assert!(
        out.contains("compared only with their own earlier weeks"),
        "{out}"
    );

    // Markdown: a row each, then each leader in depth.
    let mut md_args = args.clone();
    md_args.extend(["--format", "markdown"]);
    let md = env.ok_at(NOW, &md_args);
    assert!(md.starts_with("# Review\n"), "{md}");
    let rows: Vec<Vec<&str>> = md
        .lines()
        .filter(|l| l.starts_with("| leader-"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    assert_eq!(rows.len(), 3, "{md}");
    for (row, (_, label, level, _, days)) in rows.iter().zip(&exports) {
        assert_eq!([row[0], row[1], row[3]], [*label, *level, *days], "{md}");
    }
    for (_, label, level, _, _) in &exports {
        assert!(
            md.contains(&format!("\n## {label} · {level} level · ")),
            "{md}"
        );
    }
    assert!(
        md.contains("- 2 actions have passed the day you set for them. Which of them still matter to you now?\n"),
        "{md}"
    );

    // HTML: a table row each, then a section each.
    let mut html_args = args.clone();
    html_args.extend(["--format", "html"]);
    let doc = html_doc(&env.ok_at(NOW, &html_args));
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table.triage tbody tr"))
        .map(|tr| {
            tr.select(&sel("th, td"))
                .map(|td| td.text().collect())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 3);
    for (row, (_, label, level, _, days)) in rows.iter().zip(&exports) {
        assert_eq!([&row[0], &row[1], &row[3]], [label, level, days]);
    }
    assert_eq!(texts(&doc, "h2"), ["leader-a", "leader-b", "leader-c"]);
}

#[test]
fn review_names_and_leaves_out_foreign_and_newer_files() {
    let env = Env::new().at(NOW);
    journal(&env);
    let exports = three_exports(&env);
    let foreign = env.file(
        "foreign.json",
        "{\"name\": \"a-package\", \"version\": 1}\n",
    );
    // A tend summary is JSON from tend, but not an export.
    let summary = env.file(
        "summary.json",
        &env.ok_at(NOW, &["summary", "--format", "json"]),
    );
    // An export from a future tend: version 99, and a label to spot.
    let mut v = json(&fs::read_to_string(&exports[0].0).unwrap());
    v["version"] = Value::from(99);
    v["export"]["label"] = Value::from("leader-future");
    let future = env.file("future.json", &serde_json::to_string_pretty(&v).unwrap());

    for format in ["table", "markdown", "html"] {
        let mut args = vec!["review", "--format", format, s(&exports[0].0), s(&foreign)];
        args.extend([s(&exports[1].0), s(&future), s(&summary), s(&exports[2].0)]);
        let out = run(&env, &args);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let err = stderr(&out);
        for f in [&foreign, &future, &summary] {
            let line = line_with(&err, s(f));
            assert!(line.contains("left out"), "{line}");
        }
        assert!(line_with(&err, s(&foreign)).contains("not a tend export"));
        assert!(line_with(&err, s(&summary)).contains("not a tend export"));
        assert!(line_with(&err, s(&future)).contains("newer tend"));
        assert!(line_with(&err, s(&future)).contains("99"));
        for e in &exports {
            assert!(!err.contains(s(&e.0)), "{err}");
        }
        let shown = visible(
            if format == "html" { "html" } else { "text" },
            &stdout(&out),
        );
        for (_, label, ..) in &exports {
            assert!(shown.contains(label), "{format}: {label}\n{shown}");
        }
        assert!(!shown.contains("leader-future"), "{format}:\n{shown}");
        assert!(!shown.contains("a-package"), "{format}:\n{shown}");
    }
}

#[test]
fn review_of_nothing_readable_fails() {
    let env = Env::new().at(NOW);
    let foreign = env.file("foreign.json", "[1, 2, 3]\n");
    let text = env.file("notes.json", "not JSON at all, just notes\n");
    let missing = env.tmp.path().join("missing.json");
    let out = run(&env, &["review", s(&foreign), s(&text), s(&missing)]);
    assert!(!out.status.success());
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    for f in [&foreign, &text, &missing] {
        assert!(err.contains(s(f)), "{err}");
    }
    assert!(err.contains("none of the files could be reviewed"), "{err}");
}

// ---------------------------------------------------------------------------
// 9. The reflective account

/// An account's parts: for each entry (by its heading), each `###` part
/// (by the start of its title) and what is under it.
fn account_parts(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    text.split("\n## ")
        .skip(1)
        .map(|block| {
            let mut parts = block.split("\n### ");
            let head = parts.next().unwrap().trim().to_string();
            let parts = parts
                .map(|p| {
                    let (title, body) = p.split_once('\n').unwrap_or((p, ""));
                    (title.trim().to_string(), body.trim().to_string())
                })
                .collect();
            (head, parts)
        })
        .collect()
}

fn part<'a>(entry: &'a (String, Vec<(String, String)>), title: &str) -> &'a str {
    entry
        .1
        .iter()
        .find(|(t, _)| t.starts_with(title))
        .map(|(_, b)| b.as_str())
        .unwrap_or_else(|| panic!("no part {title} under {}", entry.0))
}

#[test]
fn the_account_respects_without_or_refuses_it() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let args = [
        "export",
        "--format",
        "account",
        "--level",
        "full",
        "--entry",
        &f.checkin1,
        "--without",
        "self",
    ];
    let out = run(&env, &args);
    if out.status.success() {
        let text = stdout(&out);
        assert!(
            !text.contains("MARKER-SELF-1"),
            "--without self, yet the answer about yourself is in the account:\n{text}"
        );
        assert!(text.contains("MARKER-ATTEND-1"), "{text}");
    } else {
        assert!(stderr(&out).contains("account"), "{}", stderr(&out));
    }
}

#[cfg(unix)] // file modes
#[test]
fn the_account_applies_the_identifier_check() {
    let env = Env::new().at(NOW);
    env.write_config(WATCH);
    let after = env.file(
        "after.toml",
        r#"
learned = "Rang Alex Example on 07700 900123 to follow up"
discuss_with = "my practice educator"
"#,
    );
    let before = env.file("before.toml", "hope = \"MARKER-HOPE-1\"\n");
    env.ok_at(
        "2026-11-10T09:00:00+00:00",
        &["read", "MARKER-TITLE", "--answers", s(&before)],
    );
    env.ok_at(
        "2026-11-12T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let id = id_of(&env.entries_of_kind("reading_after")[0]);
    let file = env.tmp.path().join("account.md");
    let args = [
        "export",
        "--format",
        "account",
        "--level",
        "learning",
        "--entry",
        &id,
        "-o",
        s(&file),
    ];
    let out = run(&env, &args);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(!file.exists());
    let err = stderr(&out);
    assert!(
        err.contains("2 things that could identify someone"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "name from your watch list in {id}: …Rang [Alex Example]"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("phone number in {id}: …")) && err.contains("[07700 900123]"),
        "{err}"
    );

    let mut redacted = args.to_vec();
    redacted.push("--redact");
    env.ok_at(NOW, &redacted);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("> Rang [redacted] on [redacted] to follow up"),
        "{text}"
    );
    assert!(
        !text.contains("Alex Example") && !text.contains("07700"),
        "{text}"
    );
    assert_eq!(mode(&file), 0o600);
    assert!(
        text.contains("**Who will you talk it over with?**\n\n> my practice educator\n"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------
// 10. Withheld is not empty (issue 9)

#[test]
fn withheld_is_never_taken_for_nothing_written() {
    let env = Env::new().at(NOW);
    let f = journal(&env);

    // Summary level: the typed parts are named as not shared, in prose.
    let md = export(&env, &["--format", "markdown"]);
    assert!(
        md.contains("## Not shared\n\n_Not shared at this level: themes, answers._"),
        "{md}"
    );
    assert!(
        md.contains("## In the leader's own words\n\n_Not shared at this level._"),
        "{md}"
    );
    assert!(!md.to_lowercase().contains("nothing written"), "{md}");
    let html = html_text(&html_doc(&export(&env, &["--format", "html"])));
    assert_has(
        &html,
        &[
            "Not shared at this level: themes, answers.",
            "Not shared at this level.",
        ],
        "HTML at summary",
    );
    let csv = export(&env, &["--format", "csv"]);
    assert!(
        csv.contains("\r\n# Not shared at this level: themes, answers.\r\n"),
        "{csv}"
    );
    let v = json(&export(&env, &["--format", "json"]));
    assert_eq!(
        v["export"]["withheld"],
        serde_json::json!([
            {"part": "themes", "why": "level"},
            {"part": "answers", "why": "level"},
        ])
    );

    // Learning level: each full-level answer is named where it would be,
    // without its words.
    let md = export(&env, &["--format", "markdown", "--level", "learning"]);
    let checkin = md
        .split("\n### ")
        .find(|b| b.starts_with("Mon 16 Nov 2026 · check-in"))
        .unwrap_or_else(|| panic!("no check-in of 16 Nov:\n{md}"));
    assert!(checkin.contains("MARKER-ACTION-1"), "{checkin}");
    assert_eq!(
        checkin.matches("_Not shared at this level._").count(),
        5,
        "attend, understand, empathise, help, yourself:\n{checkin}"
    );
    assert_lacks(&md, &FULL_ONLY, "markdown at learning");
    let html = html_text(&html_doc(&export(
        &env,
        &["--format", "html", "--level", "learning"],
    )));
    assert!(html.contains("Not shared at this level."), "{html}");
    assert_lacks(&html, &FULL_ONLY, "HTML at learning");
    let v = json(&export(&env, &["--format", "json", "--level", "learning"]));
    let attend: Vec<&Value> = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["entry"] == f.checkin1.as_str() && a["question_id"] == "attend")
        .collect();
    assert_eq!(attend.len(), 1, "{attend:?}");
    assert_eq!(attend[0]["shared"], false);
    assert_eq!(attend[0]["withheld"], "level");
    assert!(attend[0].get("value").is_none(), "{}", attend[0]);
    assert_eq!(v["export"]["withheld"], serde_json::json!([]));

    // The account: kept back is not the same as nothing written.
    let account = |level: &str, id: &str| {
        env.ok_at(
            NOW,
            &[
                "export", "--format", "account", "--level", level, "--entry", id,
            ],
        )
    };
    let out = account("learning", &f.checkin1);
    let parts = account_parts(&out);
    let what = part(&parts[0], "What?");
    assert!(
        what.contains("Not shared at this level: “") && !what.contains("Nothing written"),
        "{what}"
    );
    assert_lacks(&out, &FULL_ONLY, "account at learning");
    let out = account("full", &f.reading_done);
    let parts = account_parts(&out);
    assert!(part(&parts[0], "What?").contains("MARKER-HOPE-1"), "{out}");
    // The reading and its after-reading entry are one account.
    assert_eq!(parts.len(), 1, "{out}");
    assert!(
        part(&parts[0], "So what?").contains("MARKER-LEARNED-1"),
        "{out}"
    );
    // A section with nothing in it asks for what is missing.
    assert_eq!(
        part(&parts[0], "Looking after yourself"),
        "_Add: how you looked after yourself through it (optional)._",
        "{out}"
    );

    // A journal where nothing was typed: every format says so.
    let quiet = Env::new().at(NOW);
    let c = quiet.file("c.toml", "motivation = 6\n");
    quiet.ok_at(
        "2026-11-16T09:00:00+00:00",
        &["checkin", "--answers", s(&c)],
    );
    let md = export(&quiet, &["--format", "markdown", "--level", "full"]);
    assert!(
        md.contains("## In the leader's own words\n\n_Nothing written in this period._"),
        "{md}"
    );
    assert!(!md.contains("## Not shared"), "{md}");
    let html = html_text(&html_doc(&export(
        &quiet,
        &["--format", "html", "--level", "full"],
    )));
    assert!(html.contains("Nothing written in this period."), "{html}");
    assert!(!html.contains("Not shared"), "{html}");
    let v = json(&export(&quiet, &["--format", "json", "--level", "full"]));
    assert_eq!(v["export"]["withheld"], serde_json::json!([]));
    for a in v["answers"].as_array().unwrap() {
        assert_eq!(a["shared"], true, "{a}");
    }
}

#[test]
fn only_noticed_exports_what_tend_noticed() {
    let env = Env::new().at(NOW);
    journal(&env);
    let md = export(&env, &["--format", "markdown", "--only", "noticed"]);
    assert!(md.contains("## What tend noticed"), "{md}");
    assert!(
        md.contains("- 2 actions are past the day they set."),
        "{md}"
    );
    let v = json(&export(&env, &["--format", "json", "--only", "noticed"]));
    assert_eq!(v["export"]["includes"], serde_json::json!(["noticed"]));
    let said: Vec<&str> = v["noticed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(said, ["2 actions are past the day they set."]);
    // --without actions still drops the line about actions.
    let v = json(&export(&env, &["--format", "json", "--without", "actions"]));
    assert_eq!(v["noticed"], serde_json::json!([]));
}

/// What a preview says the file will hold: the parts shared, the parts not
/// shared with why, and every line of typed text.
fn preview_says(text: &str) -> (Vec<String>, BTreeSet<(String, String)>, BTreeSet<String>) {
    let list = |l: &str| -> Vec<String> {
        l.trim_end_matches('.')
            .split(", ")
            .map(String::from)
            .collect()
    };
    let shared = list(line_with(text, "Parts shared: ").trim_start_matches("Parts shared: "));
    let mut held = BTreeSet::new();
    for l in text.lines() {
        for piece in l.split(". ") {
            for (words, why) in [
                ("Not shared at this level: ", "level"),
                ("Left out of this export: ", "left_out"),
            ] {
                if let Some(rest) = piece.strip_prefix(words) {
                    for p in list(rest) {
                        held.insert((p, why.to_string()));
                    }
                }
            }
        }
    }
    let typed = text
        .lines()
        .filter_map(|l| l.strip_prefix("  > "))
        .map(String::from)
        .collect();
    (shared, held, typed)
}

/// The same, from the JSON export.
fn json_says(v: &Value) -> (Vec<String>, BTreeSet<(String, String)>, BTreeSet<String>) {
    let strs = |x: &Value| -> Vec<String> {
        x.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let shared = strs(&v["export"]["includes"]);
    let held = v["export"]["withheld"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                w["part"].as_str().unwrap().to_string(),
                w["why"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut text: Vec<String> = Vec::new();
    for a in v["answers"].as_array().into_iter().flatten() {
        if a["shared"] == true && (a["type"] == "text" || a["type"] == "action") {
            text.extend(strs(&Value::Array(vec![a["value"].clone()])));
        }
        text.extend(strs(&Value::Array(vec![a["title"].clone()])));
    }
    for key in ["themes", "tags"] {
        for c in v[key].as_array().into_iter().flatten() {
            text.push(c["name"].as_str().unwrap().to_string());
        }
    }
    for key in ["open", "finished_titles", "discussed_with"] {
        text.extend(strs(&v["readings"][key]));
    }
    for o in v["actions"]["overdue"].as_array().into_iter().flatten() {
        text.extend(strs(&Value::Array(vec![o["text"].clone()])));
    }
    for n in v["noticed"].as_array().into_iter().flatten() {
        text.push(n["text"].as_str().unwrap().to_string());
    }
    let typed = text
        .iter()
        .filter(|t| !t.is_empty())
        .flat_map(|t| t.lines().map(String::from))
        .collect();
    (shared, held, typed)
}

#[test]
fn preview_shows_exactly_what_the_export_holds() {
    let env = Env::new().at(NOW);
    journal(&env);
    for options in [
        vec![],
        vec!["--level", "learning"],
        vec!["--level", "full", "--without", "self,motivation"],
        vec!["--level", "learning", "--only", "noticed,actions,answers"],
        vec!["--level", "full", "--only", "noticed"],
    ] {
        let mut args = vec!["--preview"];
        args.extend_from_slice(&options);
        let preview = preview_says(&export(&env, &args));
        let mut args = vec!["--format", "json"];
        args.extend_from_slice(&options);
        let file = json_says(&json(&export(&env, &args)));
        assert_eq!(preview.0, file.0, "{options:?}: parts shared");
        assert_eq!(preview.1, file.1, "{options:?}: parts not shared");
        assert_eq!(preview.2, file.2, "{options:?}: typed text");
        if options.contains(&"learning") && !options.contains(&"--only") {
            assert!(file.2.contains("MARKER-LEARNING-1 quokka"), "{:?}", file.2);
        }
    }
}

// ---------------------------------------------------------------------------
// 11. JSON version 2, and review of versions 1 and 2

#[test]
fn json_counts_are_whole_numbers() {
    let env = Env::new().at(NOW);
    journal(&env);
    let out = export(&env, &["--format", "json", "--level", "learning"]);
    let v = json(&out);
    assert_eq!(v["version"], 2);
    // Every count, anywhere, is a JSON integer (2, never 2.0).
    fn walk(v: &Value, key: &str, bad: &mut Vec<String>) {
        const COUNTS: [&str; 10] = [
            "count",
            "checkins",
            "checkin_days",
            "days",
            "entries",
            "weekly_checkins",
            "recent_days",
            "before_days",
            "opened",
            "done",
        ];
        match v {
            Value::Number(n) if COUNTS.contains(&key) && !n.is_u64() => {
                bad.push(format!("{key}: {n}"))
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, key, bad)),
            Value::Object(o) => o.iter().for_each(|(k, x)| walk(x, k, bad)),
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&v, "", &mut bad);
    assert!(bad.is_empty(), "counts that are not integers: {bad:?}");
    let past = v["noticed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["rule"] == "actions_past_due")
        .unwrap();
    assert!(out.contains("\"count\": 2\n"), "{past}");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/exports")
        .join(name)
}

#[test]
fn review_reads_exports_of_versions_1_and_2_and_names_others() {
    let env = Env::new().at(NOW);
    journal(&env);
    let fresh = env.tmp.path().join("leader-c.json");
    let mut args = vec![
        "export",
        "--format",
        "json",
        "--label",
        "leader-c",
        "-o",
        s(&fresh),
    ];
    args.extend_from_slice(&PERIOD);
    env.ok_at(NOW, &args);
    let (v1, v2) = (fixture("v1-learning.json"), fixture("v2-learning.json"));
    assert_eq!(json(&fs::read_to_string(&v1).unwrap())["version"], 1);
    assert_eq!(json(&fs::read_to_string(&v2).unwrap())["version"], 2);

    let out = run(&env, &["review", s(&v1), s(&v2), s(&fresh)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let text = stdout(&out);
    for label in ["leader-a", "leader-b"] {
        assert!(line_with(&text, label).contains("60 of 61"), "{text}");
    }
    assert!(text.contains("leader-c"), "{text}");
    // Version 1 averaged motivation over ratings, and the depth says so.
    let out = env.ok_at(NOW, &["review", "--detail", s(&v1), s(&v2), s(&fresh)]);
    assert_eq!(out.matches("per rating, not per day").count(), 1, "{out}");

    // A version this tend does not know is named, with the file.
    let mut v = json(&fs::read_to_string(&fresh).unwrap());
    v["version"] = Value::from(0);
    let zero = env.file("zero.json", &v.to_string());
    v.as_object_mut().unwrap().remove("version");
    let none = env.file("none.json", &v.to_string());
    let out = run(&env, &["review", s(&zero), s(&none), s(&v1)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        line_with(&err, s(&zero)).contains(
            "export version 0, which this tend does not know (it reads versions 1 and 2)"
        ),
        "{err}"
    );
    assert!(
        line_with(&err, s(&none)).contains("without a version number"),
        "{err}"
    );
}

#[test]
fn review_sparklines_keep_empty_weeks_as_gaps() {
    let env = Env::new().at(NOW);
    // Ratings in the first week (w/c 2 Nov) and the last (w/c 23 Nov) only.
    for (day, m) in [("2026-11-03", 4), ("2026-11-24", 8)] {
        let c = env.file(&format!("c{day}.toml"), &format!("motivation = {m}\n"));
        env.ok_at(
            &format!("{day}T09:00:00+00:00"),
            &["checkin", "--answers", s(&c)],
        );
    }
    let file = env.tmp.path().join("gaps.json");
    let mut args = vec!["export", "--format", "json", "-o", s(&file)];
    args.extend_from_slice(&PERIOD);
    env.ok_at(NOW, &args);
    let v = json(&fs::read_to_string(&file).unwrap());
    assert_eq!(v["periods"].as_array().unwrap().len(), 4);
    for format in ["table", "markdown"] {
        let out = env.ok_at(NOW, &["review", "--format", format, s(&file)]);
        let shown = visible("text", &out);
        assert!(
            shown.contains("▃··▆"),
            "{format}: the middle weeks squeezed out:\n{shown}"
        );
    }
    // The page's sparkline reads the gaps out and draws no line across
    // them: two dots, each alone.
    let doc = html_doc(&env.ok_at(NOW, &["review", "--format", "html", s(&file)]));
    let svg = doc.select(&sel("table.triage svg")).next().unwrap();
    assert_eq!(
        svg.value().attr("aria-label"),
        Some("Motivation by week, oldest first: 4.0, no rating, no rating, 8.0")
    );
    assert_eq!(svg.select(&sel("polyline")).count(), 0);
    assert_eq!(svg.select(&sel("circle")).count(), 2);
}

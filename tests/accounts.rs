//! Reflective accounts (`tend export --format account|account-html|account-text`)
//! and their templates, driven through the real binary on small journals
//! planted as a person would (answers files, `tend read`, `tend actions`,
//! `tend note`). Every typed answer carries a MARKER, so a test can say in
//! which section of which account the leader's words appear.
//!
//! Everyone here is synthetic. The clock is pinned to Thursday 26 Nov 2026.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

const NOW: &str = "2026-11-26T12:00:00+00:00";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn run(env: &Env, args: &[&str]) -> Output {
    env.run_at(NOW, args)
}

/// The after-reading pack with CPD hours, as a person's own pack (the
/// built-in one asks for them elsewhere): the account finds them by measure.
const READING_AFTER_WITH_HOURS: &str = r#"
id = "reading_after"
version = 1
title = "After reading"
kind = "reading_after"

[[questions]]
id = "learned"
type = "text"
text = "What did you learn?"
measures = "reading:learned"
level = "learning"

[[questions]]
id = "discuss_with"
type = "text"
text = "Who will you talk it over with?"
measures = "reading:discuss_with"
level = "learning"

[[questions]]
id = "change"
type = "action"
text = "How could you help change things for the better where you work?"
measures = "reading:change"
level = "learning"

[[questions]]
id = "spent"
type = "scale"
text = "Hours?"
min = 0
max = 100
measures = "cpd:hours"
level = "summary"

[[questions]]
id = "together"
type = "scale"
text = "Hours with others?"
min = 0
max = 100
measures = "cpd:participatory_hours"
level = "summary"
"#;

struct Fixture {
    reading: String,
    after: String,
    checkin: String,
    checkin2: String,
    weekly: String,
    note: String,
    action: String,
}

/// - 10 Nov: a reading "MARKER-TITLE" from "MARKER-SOURCE" (hope, assumption);
/// - 12 Nov: after it (learned, discussed with, a change), 3 hours, 2 with others;
/// - 16 Nov: a check-in with all four behaviours, yourself, an action;
/// - 18 Nov: a check-in with attend and an action only;
/// - 19 Nov: an action of its own, done on 23 Nov with a note;
/// - 20 Nov: a weekly check-in with a barrier and a learning;
/// - 21 Nov: a note.
fn journal(env: &Env) -> Fixture {
    env.write_pack("reading_after.toml", READING_AFTER_WITH_HOURS);
    let before = env.file(
        "before.toml",
        "hope = \"MARKER-HOPE\"\nassumption = \"MARKER-ASSUMPTION\"\n",
    );
    env.ok_at(
        "2026-11-10T09:00:00+00:00",
        &[
            "read",
            "MARKER-TITLE",
            "--source",
            "MARKER-SOURCE",
            "--answers",
            s(&before),
        ],
    );
    let after = env.file(
        "after.toml",
        r#"
learned = "MARKER-LEARNED"
discuss_with = "MARKER-DISCUSS my practice educator"
change = "MARKER-CHANGE"
spent = 3
together = 2
"#,
    );
    env.ok_at(
        "2026-11-12T09:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let c = env.file(
        "c.toml",
        r#"
motivation = 4
attend = "MARKER-ATTEND"
understand = "MARKER-UNDERSTAND"
empathise = "MARKER-EMPATHISE"
help = "MARKER-HELP Swapped her onto a lighter bay"
self = "MARKER-SELF"
next_action = "MARKER-ACTION"
"#,
    );
    env.ok_at(
        "2026-11-16T09:00:00+00:00",
        &["checkin", "--answers", s(&c)],
    );
    let c2 = env.file(
        "c2.toml",
        "attend = \"MARKER-ATTEND-2\"\nnext_action = \"MARKER-ACTION-2\"\n",
    );
    env.ok_at(
        "2026-11-18T09:00:00+00:00",
        &["checkin", "--answers", s(&c2)],
    );
    env.ok_at(
        "2026-11-19T09:00:00+00:00",
        &["actions", "add", "MARKER-ADDED"],
    );
    let w = env.file(
        "weekly.toml",
        "barriers = [\"Time pressure\"]\nlearning = \"MARKER-LEARNING\"\n",
    );
    env.ok_at(
        "2026-11-20T09:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&w)],
    );
    env.ok_at("2026-11-21T09:00:00+00:00", &["note", "MARKER-NOTE"]);
    let listing = env.ok_at("2026-11-23T09:00:00+00:00", &["actions"]);
    let h = action_handle(&listing, "MARKER-ADDED");
    env.ok_at(
        "2026-11-23T09:00:00+00:00",
        &["actions", "done", &h, "--note", "MARKER-FOLLOWUP"],
    );
    let one = |kind: &str, i: usize| id_of(&env.entries_of_kind(kind)[i]);
    Fixture {
        reading: one("reading", 0),
        after: one("reading_after", 0),
        checkin: one("checkin", 0),
        checkin2: one("checkin", 1),
        weekly: one("weekly", 0),
        note: one("note", 0),
        action: one("action", 0),
    }
}

/// `tend export --format FORMAT ARGS` at NOW, which must succeed.
fn account(env: &Env, format: &str, args: &[&str]) -> String {
    let mut all = vec!["export", "--format", format];
    all.extend_from_slice(args);
    env.ok_at(NOW, &all)
}

/// The accounts of a Markdown export: each heading, the lines under it,
/// and each `###` section (title, body).
struct Parsed {
    head: String,
    meta: String,
    sections: Vec<(String, String)>,
}

fn parse(text: &str) -> Vec<Parsed> {
    text.split("\n## ")
        .skip(1)
        .map(|block| {
            let mut parts = block.split("\n### ");
            let top = parts.next().unwrap();
            let (head, meta) = top.split_once('\n').unwrap_or((top, ""));
            let sections = parts
                .map(|p| {
                    let (title, body) = p.split_once('\n').unwrap_or((p, ""));
                    (title.trim().to_string(), body.trim().to_string())
                })
                .collect();
            Parsed {
                head: head.trim().to_string(),
                meta: meta.trim().to_string(),
                sections,
            }
        })
        .collect()
}

impl Parsed {
    fn section(&self, title: &str) -> &str {
        self.sections
            .iter()
            .find(|(t, _)| t.starts_with(title))
            .map(|(_, b)| b.as_str())
            .unwrap_or_else(|| panic!("no section {title} in {}: {:?}", self.head, self.sections))
    }
    fn titles(&self) -> Vec<&str> {
        self.sections.iter().map(|(t, _)| t.as_str()).collect()
    }
}

/// `marker` is quoted in `body` right under its question's words.
fn quoted_under(body: &str, label: &str, marker: &str) -> bool {
    body.split("**")
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == label && w[1].trim_start().starts_with(&format!("> {marker}")))
}

const ATTEND_Q: &str = "Attend: when were you really present with someone today?";
const UNDERSTAND_Q: &str = "Understand: what did you learn about the cause of a difficulty, together with the person facing it?";
const EMPATHISE_Q: &str = "Empathise: where did you feel some of what someone else was carrying?";
const HELP_Q: &str =
    "Help: what did you do, or could you do, to make something easier for someone?";
const SELF_Q: &str = "And you: how are you treating yourself today, and what would help you?";
const ACTION_Q: &str = "Is there one small thing you'd like to do next?";
const HOPE_Q: &str = "What do you hope to learn from this?";
const ASSUMPTION_Q: &str = "What are you assuming before you start?";
const LEARNED_Q: &str = "What did you learn?";
const DISCUSS_Q: &str = "Who will you talk it over with?";
const CHANGE_Q: &str = "How could you help change things for the better where you work?";
const LEARNING_Q: &str = "What did this week teach you?";
const NOTE_Q: &str = "What would you like to note?";

#[test]
fn each_built_in_template_puts_each_answer_in_its_section_under_its_question() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    // (template, section titles in order, [(section, question, marker)]),
    // over the check-in, the reading pair, the weekly and the note.
    let what = "What? (what happened)";
    let so = "So what? (what I learned)";
    let now = "Now what? (what will change)";
    let nature = "What was the nature of the CPD activity, practice-related feedback or event?";
    let learn = "What did you learn from it?";
    let changed = "How did you change or improve your work as a result?";
    let code = "How is this relevant to the Code?";
    let talked = "Who you talked it over with";
    let you = "Looking after yourself (for you, not for the form)";
    type Place<'a> = (&'a str, &'a str, &'a str);
    let cases: [(&str, Vec<&str>, Vec<Place>); 3] = [
        (
            "rolfe",
            vec![what, so, now, "Looking after yourself"],
            vec![
                (what, ATTEND_Q, "MARKER-ATTEND"),
                (what, EMPATHISE_Q, "MARKER-EMPATHISE"),
                // A past act of help is what happened, not what will change.
                (what, HELP_Q, "MARKER-HELP"),
                (so, UNDERSTAND_Q, "MARKER-UNDERSTAND"),
                (now, ACTION_Q, "MARKER-ACTION"),
                // Looking after yourself is not learning.
                ("Looking after yourself", SELF_Q, "MARKER-SELF"),
                (what, HOPE_Q, "MARKER-HOPE"),
                (what, ASSUMPTION_Q, "MARKER-ASSUMPTION"),
                (so, LEARNED_Q, "MARKER-LEARNED"),
                (now, CHANGE_Q, "MARKER-CHANGE"),
                (now, DISCUSS_Q, "MARKER-DISCUSS"),
                (so, LEARNING_Q, "MARKER-LEARNING"),
                (what, NOTE_Q, "MARKER-NOTE"),
            ],
        ),
        (
            "gibbs",
            vec![
                "Description",
                "Feelings",
                "Evaluation",
                "Analysis",
                "Conclusion",
                "Action plan",
            ],
            vec![
                ("Description", ATTEND_Q, "MARKER-ATTEND"),
                ("Description", HELP_Q, "MARKER-HELP"),
                ("Feelings", EMPATHISE_Q, "MARKER-EMPATHISE"),
                ("Feelings", SELF_Q, "MARKER-SELF"),
                ("Analysis", UNDERSTAND_Q, "MARKER-UNDERSTAND"),
                ("Action plan", ACTION_Q, "MARKER-ACTION"),
                ("Description", HOPE_Q, "MARKER-HOPE"),
                ("Feelings", ASSUMPTION_Q, "MARKER-ASSUMPTION"),
                ("Conclusion", LEARNED_Q, "MARKER-LEARNED"),
                ("Action plan", CHANGE_Q, "MARKER-CHANGE"),
                ("Action plan", DISCUSS_Q, "MARKER-DISCUSS"),
                ("Conclusion", LEARNING_Q, "MARKER-LEARNING"),
                ("Description", NOTE_Q, "MARKER-NOTE"),
            ],
        ),
        (
            "nmc",
            vec![nature, learn, changed, code, talked, you],
            vec![
                (nature, ATTEND_Q, "MARKER-ATTEND"),
                (nature, EMPATHISE_Q, "MARKER-EMPATHISE"),
                (nature, HELP_Q, "MARKER-HELP"),
                (learn, UNDERSTAND_Q, "MARKER-UNDERSTAND"),
                (changed, ACTION_Q, "MARKER-ACTION"),
                (you, SELF_Q, "MARKER-SELF"),
                (nature, HOPE_Q, "MARKER-HOPE"),
                (nature, ASSUMPTION_Q, "MARKER-ASSUMPTION"),
                (learn, LEARNED_Q, "MARKER-LEARNED"),
                (changed, CHANGE_Q, "MARKER-CHANGE"),
                (talked, DISCUSS_Q, "MARKER-DISCUSS"),
                (learn, LEARNING_Q, "MARKER-LEARNING"),
                (nature, NOTE_Q, "MARKER-NOTE"),
            ],
        ),
    ];
    for (template, titles, places) in cases {
        let out = account(
            &env,
            "account",
            &[
                "--level",
                "full",
                "--template",
                template,
                "--entry",
                &f.checkin,
                "--entry",
                &f.after,
                "--entry",
                &f.weekly,
                "--entry",
                &f.note,
            ],
        );
        let accounts = parse(&out);
        assert_eq!(accounts.len(), 4, "{template}:\n{out}");
        for a in &accounts {
            assert_eq!(a.titles(), titles, "{template}: {}", a.head);
        }
        for (section, question, marker) in places {
            let holders: Vec<(&str, &str)> = accounts
                .iter()
                .flat_map(|a| &a.sections)
                .filter(|(_, b)| b.contains(marker))
                .map(|(t, b)| (t.as_str(), b.as_str()))
                .collect();
            assert_eq!(holders.len(), 1, "{template}: {marker} in {holders:?}");
            assert_eq!(holders[0].0, section, "{template}: {marker}");
            assert!(
                quoted_under(holders[0].1, question, marker),
                "{template}: {marker} is not under “{question}”:\n{}",
                holders[0].1
            );
        }
        // Gibbs' description reminds the writer to keep it brief and name no one.
        if template == "gibbs" {
            assert!(
                accounts[0]
                    .section("Description")
                    .starts_with("_Keep it brief, and name no one: roles, not names._"),
                "{out}"
            );
        }
        // A weekly barrier is a choice, shown only where a section asks for it.
        assert_eq!(
            out.contains("Time pressure"),
            template == "gibbs",
            "{template}:\n{out}"
        );
    }
}

#[test]
fn a_reading_and_its_after_reading_entry_make_one_account() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let want = "Tue 10 Nov 2026 · reading · “MARKER-TITLE”";
    for ids in [
        vec![f.reading.as_str()],
        vec![f.after.as_str()],
        vec![f.after.as_str(), f.reading.as_str()],
    ] {
        let mut args = vec!["--level", "learning"];
        for id in &ids {
            args.extend(["--entry", id]);
        }
        let out = account(&env, "account", &args);
        let accounts = parse(&out);
        assert_eq!(accounts.len(), 1, "{ids:?}:\n{out}");
        let a = &accounts[0];
        assert_eq!(a.head, want);
        assert_eq!(
            a.meta,
            "Source: MARKER-SOURCE  \nFinished 12 Nov 2026  \nCPD hours: 3 (2 participatory)"
        );
        assert!(a.section("What?").contains("> MARKER-HOPE"), "{out}");
        assert!(a.section("So what?").contains("> MARKER-LEARNED"), "{out}");
        assert_eq!(out.matches("MARKER-TITLE").count(), 1, "{out}");
    }
}

#[test]
fn accounts_come_in_date_order_with_follow_ups_under_their_action() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let out = account(
        &env,
        "account",
        &[
            "--level",
            "learning",
            "--entry",
            &handle_of_id(&f.note),
            "--entry",
            &f.action,
            "--entry",
            &f.checkin,
        ],
    );
    let heads: Vec<String> = parse(&out).into_iter().map(|a| a.head).collect();
    assert_eq!(
        heads,
        [
            "Mon 16 Nov 2026 · check-in",
            "Thu 19 Nov 2026 · action",
            "Sat 21 Nov 2026 · note",
        ],
        "{out}"
    );
    let accounts = parse(&out);
    assert_eq!(
        accounts[1].section("Now what?"),
        "**What will you do?**\n\n> MARKER-ADDED\n\n- Follow-up, 23 Nov 2026: done: MARKER-FOLLOWUP"
    );
    // Choosing the follow-up itself makes the same account.
    let followup = id_of(&env.entries_of_kind("followup")[0]);
    let again = account(
        &env,
        "account",
        &["--level", "learning", "--entry", &followup],
    );
    assert_eq!(
        parse(&again)[0].section("Now what?"),
        accounts[1].section("Now what?")
    );
}

#[test]
fn withheld_answers_are_named_and_empty_sections_ask_for_what_is_missing() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let out = account(
        &env,
        "account",
        &[
            "--level",
            "learning",
            "--template",
            "nmc",
            "--entry",
            &f.checkin,
        ],
    );
    assert!(
        out.contains("Answers kept for the full level are named by their question, not quoted."),
        "{out}"
    );
    let a = &parse(&out)[0];
    let nature = a.section("What was the nature");
    for q in [ATTEND_Q, EMPATHISE_Q, HELP_Q] {
        assert!(
            nature.contains(&format!("_Not shared at this level: “{q}”_")),
            "{q}:\n{nature}"
        );
    }
    assert!(!out.contains("MARKER-ATTEND"), "{out}");
    assert!(a.section("How did you change").contains("> MARKER-ACTION"));
    assert_eq!(
        a.section("How is this relevant to the Code?"),
        "_Add: how is this relevant to the Code? Its themes: prioritise people, practise effectively, preserve safety, promote professionalism and trust._"
    );
    assert!(!out.to_lowercase().contains("nothing written"), "{out}");

    // --without self: the answer about yourself is named as left out.
    let out = account(
        &env,
        "account",
        &[
            "--level",
            "full",
            "--entry",
            &f.checkin,
            "--without",
            "self",
        ],
    );
    assert!(!out.contains("MARKER-SELF"), "{out}");
    assert!(
        out.contains(&format!("_Left out of this export: “{SELF_Q}”_")),
        "{out}"
    );
}

#[test]
fn an_account_without_a_level_names_the_flag_and_writes_nothing() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let file = env.tmp.path().join("account.md");
    let before = env.snapshot();
    for level in [None, Some("summary")] {
        for format in ["account", "account-html", "account-text"] {
            let mut args = vec![
                "export",
                "--format",
                format,
                "--entry",
                &f.checkin,
                "-o",
                s(&file),
            ];
            if let Some(l) = level {
                args.extend(["--level", l]);
            }
            let out = run(&env, &args);
            assert!(!out.status.success(), "{format} {level:?}");
            let err = stderr(&out);
            assert!(
                err.contains("--level learning") && err.contains("--level full"),
                "{err}"
            );
            assert!(err.contains("nothing was written"), "{err}");
            assert!(stdout(&out).is_empty());
            assert!(!file.exists());
        }
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn account_text_pastes_into_a_form_without_markdown_marks() {
    let env = Env::new().at(NOW);
    let c = env.file(
        "c.toml",
        "understand = \"MARKER-ONE first line\\nsame paragraph <b>\\n\\nMARKER-TWO next *paragraph*\"\nnext_action = \"MARKER-ACTION\"\n",
    );
    env.ok_at(
        "2026-11-16T09:00:00+00:00",
        &["checkin", "--answers", s(&c)],
    );
    let id = id_of(&env.entries_of_kind("checkin")[0]);
    let out = account(&env, "account-text", &["--level", "full", "--entry", &id]);
    assert!(
        out.contains(&format!(
            "\nSo what? (what I learned)\n{UNDERSTAND_Q}\nMARKER-ONE first line same paragraph <b>\n\nMARKER-TWO next *paragraph*\n"
        )),
        "{out}"
    );
    assert!(
        out.contains("\nAccount 1 of 1: Mon 16 Nov 2026 · check-in\n"),
        "{out}"
    );
    assert!(
        out.contains("\nAdd: what happened, in a few lines"),
        "{out}"
    );
    for mark in ["**", "\n> ", "\n#", "\n_", "\\<"] {
        assert!(!out.contains(mark), "{mark:?} in:\n{out}");
    }
    // The same words in Markdown are neutralised.
    let md = account(&env, "account", &["--level", "full", "--entry", &id]);
    assert!(md.contains("> same paragraph \\<b\\>"), "{md}");
}

#[test]
fn account_html_prints_one_account_per_page() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let out = account(
        &env,
        "account-html",
        &[
            "--level",
            "full",
            "--label",
            "Ward <b> lead",
            "--entry",
            &f.checkin,
            "--entry",
            &f.reading,
        ],
    );
    let doc = scraper::Html::parse_document(&out);
    let sel = |c: &str| scraper::Selector::parse(c).unwrap();
    let heads: Vec<String> = doc
        .select(&sel("article.account > h2"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        heads,
        [
            "Tue 10 Nov 2026 · reading · “MARKER-TITLE”",
            "Mon 16 Nov 2026 · check-in"
        ]
    );
    assert!(out.contains("@media print"), "{out}");
    assert!(out.contains(".account{break-after:page}"), "{out}");
    assert!(out.contains("Ward &lt;b&gt; lead"), "{out}");
    assert!(!out.contains("<script"), "{out}");
    let quotes: Vec<String> = doc
        .select(&sel("article.account blockquote"))
        .map(|e| e.text().collect())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q == "MARKER-HELP Swapped her onto a lighter bay")
    );
}

#[test]
fn a_period_makes_accounts_of_entries_holding_a_learning_and_an_action() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let out = account(
        &env,
        "account",
        &["--level", "full", "--since", "2026-11-01"],
    );
    let heads: Vec<String> = parse(&out).into_iter().map(|a| a.head).collect();
    // The reading pair (learned, change) and the check-in (understand,
    // action); not the check-in with an action only, nor the weekly
    // learning with no action, nor the note.
    assert_eq!(
        heads,
        [
            "Tue 10 Nov 2026 · reading · “MARKER-TITLE”",
            "Mon 16 Nov 2026 · check-in"
        ],
        "{out}"
    );
    let _ = (&f.checkin2, &f.weekly);
    let both = run(
        &env,
        &[
            "export",
            "--format",
            "account",
            "--level",
            "full",
            "--since",
            "2026-11-01",
            "--entry",
            &f.note,
        ],
    );
    assert!(!both.status.success());
    assert!(stderr(&both).contains("not both"), "{}", stderr(&both));
    // Neither: an account is made of chosen entries.
    let none = run(&env, &["export", "--format", "account", "--level", "full"]);
    assert!(!none.status.success());
    assert!(stderr(&none).contains("--entry ID"), "{}", stderr(&none));
}

// ---------------------------------------------------------------------------
// Templates as data

fn accounts_dir(env: &Env) -> PathBuf {
    env.tmp.path().join("config").join("accounts")
}

fn write_template(env: &Env, name: &str, text: &str) -> PathBuf {
    fs::create_dir_all(accounts_dir(env)).unwrap();
    let p = accounts_dir(env).join(name);
    fs::write(&p, text).unwrap();
    p
}

const MINE: &str = r#"id = "mine"
version = 1
title = "Mine"

[[sections]]
title = "What happened"
measures = ["behaviour:attend"]
prompt = "Add: what happened."

[[sections]]
title = "What I learned"
measures = ["behaviour:understand"]
prompt = "Add: what you learned."
"#;

#[test]
fn a_template_of_your_own_is_checked_and_used() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let path = write_template(&env, "mine.toml", MINE);
    let out = env.ok_at(NOW, &["prompts", "check", s(&path)]);
    assert!(
        out.contains("is a valid account template: \"Mine\" (id mine, version 1), 2 sections."),
        "{out}"
    );
    // Outside the accounts folder, its [[sections]] say what it is.
    let elsewhere = env.file("elsewhere.toml", MINE);
    let out = env.ok_at(NOW, &["prompts", "check", s(&elsewhere)]);
    assert!(out.contains("valid account template"), "{out}");

    let out = account(
        &env,
        "account",
        &[
            "--level",
            "full",
            "--template",
            "mine",
            "--entry",
            &f.checkin,
        ],
    );
    let a = &parse(&out)[0];
    assert_eq!(
        a.titles(),
        ["What happened", "What I learned", "Also written"]
    );
    // Words no section claims are still shown, at the end.
    let also = a.section("Also written");
    assert!(quoted_under(also, HELP_Q, "MARKER-HELP"), "{also}");
    assert!(quoted_under(also, SELF_Q, "MARKER-SELF"), "{also}");

    // A template shapes only an account.
    let md = run(
        &env,
        &["export", "--template", "mine", "--format", "markdown"],
    );
    assert!(!md.status.success());
    assert!(
        stderr(&md).contains("--template shapes a reflective account"),
        "{}",
        stderr(&md)
    );
    assert!(stdout(&md).is_empty());

    let unknown = run(
        &env,
        &[
            "export",
            "--format",
            "account",
            "--level",
            "full",
            "--template",
            "nope",
            "--entry",
            &f.checkin,
        ],
    );
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains(
            "no account template called \"nope\". Templates you have: rolfe, gibbs, nmc, mine"
        ),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn a_broken_template_is_named_with_file_line_and_reason() {
    let env = Env::new().at(NOW);
    let f = journal(&env);
    let cases = [
        (
            "unknown measure",
            MINE.replace("\"behaviour:understand\"", "\"behaviour:understnd\""),
            "line 12",
            "measures = \"behaviour:understnd\" is not one tend knows",
        ),
        (
            "missing section title",
            MINE.replace("title = \"What I learned\"\n", ""),
            "line 10",
            "missing field `title`",
        ),
        (
            "TOML typo",
            MINE.replace(
                "prompt = \"Add: what happened.\"",
                "prompt = \"Add: what happened.",
            ),
            "line 8",
            "",
        ),
        (
            "empty title",
            MINE.replace("title = \"What I learned\"", "title = \" \""),
            "line 10",
            "section 2: the section has no title",
        ),
        (
            "a measure in two sections",
            MINE.replace("\"behaviour:understand\"", "\"behaviour:attend\""),
            "line 12",
            "\"behaviour:attend\" already fills an earlier section",
        ),
    ];
    let file = env.tmp.path().join("account.md");
    for (what, text, line, reason) in cases {
        let path = write_template(&env, "mine.toml", &text);
        let want = format!("{}, {line}: ", path.display());
        let out = run(&env, &["prompts", "check", s(&path)]);
        assert!(!out.status.success(), "{what}");
        let err = stderr(&out);
        assert!(err.contains(&want) && err.contains(reason), "{what}: {err}");

        let before = env.snapshot();
        let out = run(
            &env,
            &[
                "export",
                "--format",
                "account",
                "--level",
                "full",
                "--template",
                "mine",
                "--entry",
                &f.checkin,
                "-o",
                s(&file),
            ],
        );
        assert!(!out.status.success(), "{what}");
        let err = stderr(&out);
        assert!(
            err.contains("your account template \"mine\" has a problem")
                && err.contains(&want)
                && err.contains(reason),
            "{what}: {err}"
        );
        assert!(!file.exists(), "{what}");
        assert_eq!(env.snapshot(), before, "{what}");
    }
}

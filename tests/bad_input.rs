//! Bad input of every kind: a clear message naming what and where, a non-zero
//! exit, and every file exactly as it was.

mod common;
use common::*;

fn good_entry(env: &Env) {
    let f = env.file("ok.toml", "motivation = 5\n");
    env.tend()
        .args(["checkin", "--answers"])
        .arg(&f)
        .assert()
        .success();
}

/// Runs tend and checks it failed with `code`, left every file alone, and
/// said each of `words` on stderr.
fn refuses(env: &Env, args: &[&str], code: i32, words: &[&str]) {
    let before = env.snapshot();
    let out = env.tend().args(args).output().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    for w in words {
        assert!(err.contains(w), "{args:?}: expected {w:?} in: {err}");
    }
    assert_eq!(env.snapshot(), before, "{args:?} changed files");
}

#[test]
fn a_malformed_answers_file_is_named_with_its_line() {
    let env = Env::new();
    good_entry(&env);
    let f = env.file("bad.toml", "motivation = 5\nattend = \"unclosed\n");
    refuses(
        &env,
        &["checkin", "--answers", f.to_str().unwrap()],
        1,
        &["bad.toml, line 2"],
    );
}

#[test]
fn an_unknown_question_is_named() {
    let env = Env::new();
    let f = env.file("a.toml", "motivation = 5\nmotivaton = 6\n");
    refuses(
        &env,
        &["checkin", "--answers", f.to_str().unwrap()],
        1,
        &["a.toml, line 2", "\"motivaton\" is not a question"],
    );
}

#[test]
fn out_of_range_and_wrong_types_name_the_question() {
    let env = Env::new();
    for (text, words) in [
        ("motivation = 11\n", &["\"motivation\"", "from 1 to 10"][..]),
        (
            "motivation = \"high\"\n",
            &["\"motivation\"", "whole number"],
        ),
        ("attend = 3\n", &["\"attend\"", "text"]),
        (
            "next_action = { text = \"x\", due = \"2020-01-01\" }\n",
            &["\"next_action\"", "comes before"],
        ),
        (
            "next_action = { txt = \"x\" }\n",
            &["\"next_action\"", "text"],
        ),
    ] {
        let f = env.file("a.toml", text);
        refuses(
            &env,
            &["checkin", "--answers", f.to_str().unwrap()],
            1,
            words,
        );
    }
}

#[test]
fn an_unknown_pack_lists_the_packs_there_are() {
    let env = Env::new();
    let f = env.file("a.toml", "motivation = 5\n");
    refuses(
        &env,
        &[
            "checkin",
            "--pack",
            "wekly",
            "--answers",
            f.to_str().unwrap(),
        ],
        1,
        &["no prompt pack called \"wekly\"", "checkin"],
    );
}

#[test]
fn a_malformed_user_pack_is_named_and_never_replaced_by_the_built_in_one() {
    let env = Env::new();
    env.write_pack(
        "checkin.toml",
        "id = \"checkin\"\nversion = 1\ntitle = \"Mine\"\n\n[[questions]]\nid = \"m\"\ntype = \"scael\"\ntext = \"?\"\nmeasures = \"motivation\"\nlevel = \"summary\"\n",
    );
    let f = env.file("a.toml", "motivation = 5\n");
    refuses(
        &env,
        &["checkin", "--answers", f.to_str().unwrap()],
        1,
        &["checkin.toml, line 7", "scael"],
    );
    // prompts check names file, line and reason too.
    let p = env.user_prompts().join("checkin.toml");
    refuses(
        &env,
        &["prompts", "check", p.to_str().unwrap()],
        1,
        &["checkin.toml, line 7"],
    );
    // Listing still works and says which pack can't be used.
    let out = env.tend().args(["prompts", "list"]).output().unwrap();
    assert!(out.status.success());
    assert!(stderr(&out).contains("checkin.toml"));
}

#[test]
fn a_pack_sharing_typed_words_at_summary_level_is_refused() {
    let env = Env::new();
    let p = env.file(
        "leaky.toml",
        "id = \"leaky\"\nversion = 1\ntitle = \"Leaky\"\n\n[[questions]]\nid = \"story\"\ntype = \"text\"\ntext = \"?\"\nmeasures = \"other\"\nlevel = \"summary\"\n",
    );
    refuses(
        &env,
        &["prompts", "check", p.to_str().unwrap()],
        1,
        &["leaky.toml, line 5", "\"learning\" or \"full\""],
    );
}

#[test]
fn unreadable_entries_are_named_skipped_and_left_untouched() {
    let env = Env::new().at("2026-11-26T10:00:00+00:00");
    good_entry(&env);
    let month = env.dir().join("entries/2026/11");
    std::fs::write(
        month.join("20261101T000000Z-broken.toml"),
        "schema = 1\nid = \"x\nkind",
    )
    .unwrap();
    std::fs::write(
        month.join("20261102T000000Z-binary.toml"),
        b"schema = 1\nid = \"\xff\xfe\"\n",
    )
    .unwrap();
    std::fs::write(
        month.join("20261103T000000Z-future.toml"),
        "schema = 9\nid = \"x\"\nnewfield = 1\n",
    )
    .unwrap();
    let before = env.snapshot();
    for args in [&["list"][..], &["show", "last"], &[]] {
        let out = env.tend().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("20261101T000000Z-broken.toml, line "), "{err}");
        assert!(
            err.contains("20261102T000000Z-binary.toml, line 2: not UTF-8"),
            "{err}"
        );
        assert!(err.contains("written by a newer tend"), "{err}");
    }
    let out = env.tend().arg("list").output().unwrap();
    assert!(
        stdout(&out).contains("motivation 5"),
        "the good entry is still listed"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn bad_dates_and_empty_notes_are_refused_plainly() {
    let env = Env::new();
    refuses(
        &env,
        &["note", "hi", "--date", "11/26/2026"],
        1,
        &["\"11/26/2026\"", "26/11/2026"],
    );
    refuses(&env, &["note", "   "], 2, &["empty"]);
    refuses(&env, &["note"], 2, &["tend note \""]);
    refuses(
        &env,
        &["list", "--since", "the other day"],
        1,
        &["\"the other day\""],
    );
    refuses(
        &env,
        &["show", "nothing-like-this"],
        1,
        &["no entry matches"],
    );
}

#[test]
fn config_problems_are_named() {
    let env = Env::new().at("2026-11-26T10:00:00+00:00");
    env.write_config("colour = \"never\"\ndefault_pack = \"checkin\"\n");
    let out = env.tend().output().unwrap();
    assert!(out.status.success(), "an unknown key does not stop tend");
    assert!(
        stderr(&out).contains("\"colour\" is not a setting tend knows"),
        "{}",
        stderr(&out)
    );
    env.write_config("color = \"purple\"\n");
    refuses(&env, &[], 1, &["config.toml: color", "purple"]);
    env.write_config("day_starts = 4\n");
    refuses(&env, &["list"], 1, &["config.toml, line 1"]);
}

#[cfg(unix)] // file modes
#[test]
fn a_missing_journal_folder_is_created_private() {
    let env = Env::new().at("2026-11-26T10:00:00+00:00");
    let deep = env.tmp.path().join("not/yet/there");
    let out = env
        .tend()
        .env("TEND_DIR", &deep)
        .args(["note", "first words"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&deep), 0o700);
    assert_eq!(mode(&deep.join("entries/2026/11")), 0o700);
}

#[test]
fn the_config_dir_setting_chooses_the_journal() {
    let env = Env::new().at("2026-11-26T10:00:00+00:00");
    let elsewhere = env.tmp.path().join("elsewhere");
    env.write_config(&format!("dir = \"{}\"\n", elsewhere.display()));
    let out = env
        .tend()
        .env_remove("TEND_DIR")
        .args(["note", "hello"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(elsewhere.join("entries/2026/11").is_dir());
}

/// Every fixed choice on the command line is checked by the parser: a typo
/// is a usage error (exit 2) that lists the real choices, before anything is
/// read or written.
#[test]
fn a_mistyped_fixed_choice_is_a_usage_error_listing_the_choices() {
    let env = Env::new();
    good_entry(&env);
    for (args, words) in [
        (
            &["list", "--kind", "chekin"][..],
            &[
                "chekin",
                "checkin",
                "weekly",
                "note",
                "reading_after",
                "followup",
            ][..],
        ),
        (&["list", "--format", "csv"], &["csv", "table", "json"]),
        (
            &["summary", "--format", "html"],
            &["html", "table", "markdown", "json"],
        ),
        (&["summary", "--by", "year"], &["year", "week", "month"]),
        (
            &["export", "--level", "everything"],
            &["everything", "summary", "learning", "full"],
        ),
        (
            &["export", "--format", "pdf"],
            &[
                "pdf",
                "markdown",
                "html",
                "csv",
                "json",
                "account",
                "account-html",
                "account-text",
            ],
        ),
        (&["status", "--format", "table"], &["table", "text", "json"]),
        (&["doctor", "--format", "csv"], &["csv", "text", "json"]),
        (
            &["review", "x.json", "--format", "pdf"],
            &["json", "table", "markdown", "html"],
        ),
    ] {
        refuses(&env, args, 2, words);
    }
}

#[test]
fn list_kind_takes_the_words_people_read_too() {
    let env = Env::new();
    good_entry(&env);
    let out = env
        .tend()
        .args(["list", "--kind", "check-in"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("check-in"), "{}", stdout(&out));
    let out = env
        .tend()
        .args(["list", "--kind", "note"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stdout(&out).contains("check-in"), "{}", stdout(&out));
}

#[test]
fn an_unknown_measure_in_a_pack_is_named_with_its_line() {
    let env = Env::new();
    let p = env.file(
        "mine.toml",
        "id = \"mine\"\nversion = 1\ntitle = \"Mine\"\n\n[[questions]]\nid = \"a\"\ntype = \"text\"\ntext = \"?\"\nmeasures = \"behaviour:atend\"\nlevel = \"full\"\n",
    );
    refuses(
        &env,
        &["prompts", "check", p.to_str().unwrap()],
        1,
        &[
            "mine.toml, line 9",
            "\"behaviour:atend\" is not one tend knows",
            "behaviour:attend",
        ],
    );
}

#[test]
fn an_unknown_measure_or_kind_in_an_entry_is_named_with_its_line() {
    for (from, to, line_word) in [
        (
            "measures = \"behaviour:attend\"",
            "measures = \"behaviour:atend\"",
            "\"behaviour:atend\" is not one tend knows",
        ),
        ("kind = \"checkin\"", "kind = \"chekin\"", "chekin"),
    ] {
        let env = Env::new();
        let f = env.file(
            "a.toml",
            "motivation = 5\nattend = \"Sat with the new starter\"\n",
        );
        env.tend()
            .args(["checkin", "--answers"])
            .arg(&f)
            .assert()
            .success();
        let mut files = Vec::new();
        walk(&env.dir().join("entries"), &mut files);
        let path = files
            .into_iter()
            .find(|p| p.extension().is_some_and(|x| x == "toml"))
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let line = text.lines().position(|l| l == from).unwrap() + 1;
        std::fs::write(&path, text.replace(from, to)).unwrap();
        let out = env.tend().args(["doctor"]).output().unwrap();
        let said = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(said.contains(&format!("line {line}")), "{said}");
        assert!(said.contains(line_word), "{said}");
        // The file is left exactly as the person wrote it.
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            text.replace(from, to)
        );
    }
}

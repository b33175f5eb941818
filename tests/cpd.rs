//! CPD after a reading, `tend cpd`, the feedback pack and `tend portfolio`:
//! what lands on disk and what the leader is shown.

mod common;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";

/// Starts a reading (long ago: the day it was finished is what counts) and
/// finishes it on `day` with these answers.
fn reading(env: &Env, title: &str, day: &str, after: &str) {
    let before = env.file("before.toml", "hope = \"To listen better\"\n");
    env.ok_at(
        NOW,
        &[
            "read",
            title,
            "--answers",
            before.to_str().unwrap(),
            "--date",
            "2023-01-01",
        ],
    );
    let after = env.file("after.toml", after);
    env.ok_at(
        NOW,
        &[
            "read",
            "--after",
            "--answers",
            after.to_str().unwrap(),
            "--date",
            day,
        ],
    );
}

fn cpd(hours: &str, participatory: &str, activity: &str) -> String {
    format!(
        "learned = \"Ask before advising\"\ncpd_hours = {hours}\ncpd_participatory_hours = {participatory}\ncpd_activity = \"{activity}\"\n"
    )
}

fn planted(env: &Env) {
    reading(
        env,
        "Compassion at work",
        "2026-10-02",
        &cpd("3.5", "2", "course"),
    );
    reading(
        env,
        "Grand round on handover",
        "2026-10-20",
        &cpd("1", "1", "talk"),
    );
    reading(
        env,
        "The kind ward",
        "2026-11-03",
        &cpd("2", "0", "reading"),
    );
    // Finished without CPD: not counted.
    reading(
        env,
        "A blog post",
        "2026-11-10",
        "learned = \"Short is fine\"\n",
    );
}

#[test]
fn cpd_lists_each_item_and_totals_hours_and_participatory_hours() {
    let env = Env::new().at(NOW);
    planted(&env);
    let out = env.ok_at(NOW, &["cpd"]);
    for title in [
        "Compassion at work",
        "Grand round on handover",
        "The kind ward",
    ] {
        assert!(out.contains(title), "{out}");
    }
    assert!(!out.contains("A blog post"), "{out}");
    assert!(
        out.contains("Total: 6.5 hours, 3 of them participatory (3 activities)."),
        "{out}"
    );

    let json: serde_json::Value =
        serde_json::from_str(&env.ok_at(NOW, &["cpd", "--format", "json"])).unwrap();
    assert_eq!(json["totals"]["hours"], 6.5);
    assert_eq!(json["totals"]["participatory_hours"], 3.0);
    let activities: Vec<&str> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["activity"].as_str().unwrap())
        .collect();
    assert_eq!(activities, ["course", "talk", "reading"]);

    let csv = env.ok_at(NOW, &["cpd", "--format", "csv"]);
    assert!(csv.contains("2026-10-02,"), "{csv}");
    assert!(
        csv.contains(",Compassion at work,course,3.5,2\r\n"),
        "{csv}"
    );
    let md = env.ok_at(NOW, &["cpd", "--format", "markdown"]);
    assert!(
        md.contains("| 2026-10-20 | Grand round on handover | talk | 1 | 1 |"),
        "{md}"
    );
}

#[test]
fn the_window_is_three_years_up_to_revalidation_due_or_else_the_last_three_and_says_so() {
    let env = Env::new().at(NOW);
    reading(&env, "Old course", "2023-06-01", &cpd("4", "4", "course"));
    reading(&env, "Newer course", "2024-05-01", &cpd("2", "1", "course"));
    let out = env.ok_at(NOW, &["cpd"]);
    assert!(
        out.contains("The last three years, from 26 Nov 2023 to today."),
        "{out}"
    );
    assert!(out.contains("Set revalidation_due in your config"), "{out}");
    assert!(
        !out.contains("Old course") && out.contains("Newer course"),
        "{out}"
    );

    env.write_config(&format!(
        "dir = \"{}\"\nrevalidation_due = 2026-04-30\n",
        env.dir().display()
    ));
    let out = env.ok_at(NOW, &["cpd"]);
    assert!(
        out.contains("The three years up to your revalidation on 30 Apr 2026 (revalidation_due in your config): from 30 Apr 2023."),
        "{out}"
    );
    assert!(
        out.contains("Old course") && out.contains("Newer course"),
        "{out}"
    );
    assert!(
        out.contains("Total: 6 hours, 5 of them participatory"),
        "{out}"
    );

    // A revalidation day 2 years on: the window starts a year ago.
    env.write_config(&format!(
        "dir = \"{}\"\nrevalidation_due = \"2028-11-26\"\n",
        env.dir().display()
    ));
    let out = env.ok_at(NOW, &["cpd"]);
    assert!(out.contains("No CPD recorded in this window yet."), "{out}");
}

#[test]
fn targets_appear_only_with_a_regulator_and_as_progress() {
    let env = Env::new().at(NOW);
    planted(&env);
    for cmd in ["cpd", "portfolio"] {
        let out = env.ok_at(NOW, &[cmd]);
        assert!(!out.contains("of 35"), "{out}");
        assert!(!out.contains("so far"), "{out}");
    }
    env.write_config(&format!(
        "dir = \"{}\"\nregulator = \"nmc\"\n",
        env.dir().display()
    ));
    let cpd = env.ok_at(NOW, &["cpd"]);
    assert!(
        cpd.contains("Recorded so far: 6.5 of 35 hours, 3 of 20 participatory."),
        "{cpd}"
    );
    let portfolio = env.ok_at(NOW, &["portfolio"]);
    assert!(
        portfolio.contains("Recorded so far: 6.5 of 35 hours, 3 of 20 participatory."),
        "{portfolio}"
    );
    assert!(
        portfolio.contains("0 of 5 pieces of feedback, recorded so far"),
        "{portfolio}"
    );
    for out in [&cpd, &portfolio] {
        let lower = out.to_lowercase();
        for word in ["short", "behind", "missing", "you need"] {
            assert!(!lower.contains(word), "{word}: {out}");
        }
    }
    let json = env.ok_at(NOW, &["cpd", "--format", "json"]);
    assert!(json.contains("\"regulator\": \"nmc\""), "{json}");

    env.write_config(&format!(
        "dir = \"{}\"\nregulator = \"hcpc\"\n",
        env.dir().display()
    ));
    let out = env.run_at(NOW, &["cpd"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("regulator: tend knows the targets of \"nmc\" only"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hours_out_of_range_or_participatory_above_hours_are_refused_and_nothing_is_written() {
    let env = Env::new().at(NOW);
    let before = env.file("before.toml", "hope = \"x\"\n");
    env.ok_at(
        NOW,
        &[
            "read",
            "Kind care",
            "--answers",
            before.to_str().unwrap(),
            "--date",
            "2023-01-01",
        ],
    );
    let empty = env.file("empty.toml", "");
    let e = empty.to_str().unwrap();
    let snapshot = env.snapshot();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--hours", "200"],
            "--hours 200: 200 is outside 0 to 100; give a number from 0 to 100",
        ),
        (
            &["--hours", "three"],
            "--hours three: \"three\" isn't a number",
        ),
        (
            &["--hours", "3", "--participatory-hours", "4"],
            "--participatory-hours 4: 4 can't be more than your answer to \"--hours\" (3)",
        ),
        (&["--hours=-1"], "--hours -1: -1 is outside 0 to 100"),
        (
            &["--hours", "1.333"],
            "--hours 1.333: 1.333 doesn't fit: give it in steps of 0.01, such as 1.33",
        ),
    ];
    for (flags, said) in cases {
        let mut args = vec!["read", "--after", "--answers", e];
        args.extend_from_slice(flags);
        let out = env.run_at(NOW, &args);
        assert!(!out.status.success(), "{flags:?}");
        assert!(stderr(&out).contains(said), "{flags:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Nothing was written."),
            "{}",
            stderr(&out)
        );
        assert_eq!(env.snapshot(), snapshot, "{flags:?} changed a file");
    }
    for (file, said) in [
        (
            cpd("3", "5", "course"),
            "\"cpd_participatory_hours\": 5 can't be more than your answer to \"cpd_hours\" (3)",
        ),
        (
            "cpd_hours = 101\n".to_string(),
            "\"cpd_hours\": 101 is outside 0 to 100",
        ),
        (
            "cpd_hours = \"lots\"\n".to_string(),
            "\"cpd_hours\": needs a number from 0 to 100, such as 3.5, not string",
        ),
        (
            "cpd_participatory_hours = 1\n".to_string(),
            "\"cpd_participatory_hours\" goes with \"cpd_hours\"",
        ),
        (
            "cpd_hours = 2\ncpd_activity = \"webinar\"\n".to_string(),
            "\"webinar\" is not one of the choices: course, reading, talk, e-learning, other",
        ),
    ] {
        let f = env.file("after.toml", &file);
        let out = env.run_at(NOW, &["read", "--after", "--answers", f.to_str().unwrap()]);
        assert!(!out.status.success(), "{file}");
        assert!(stderr(&out).contains(said), "{file}: {}", stderr(&out));
        let files: Vec<_> = env
            .snapshot()
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| !p.ends_with("after.toml"))
            .collect();
        let was: Vec<_> = snapshot.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(files, was, "{file} wrote something");
    }
}

#[test]
fn flags_record_cpd_and_entries_say_which_format_they_need() {
    let env = Env::new().at(NOW);
    let before = env.file("before.toml", "hope = \"x\"\n");
    env.ok_at(
        NOW,
        &[
            "read",
            "Kind care",
            "--answers",
            before.to_str().unwrap(),
            "--date",
            "2023-01-01",
        ],
    );
    let after = env.file("after.toml", "learned = \"Pause first\"\n");
    env.ok_at(
        NOW,
        &[
            "read",
            "--after",
            "--answers",
            after.to_str().unwrap(),
            "--hours",
            "3.5",
            "--participatory-hours",
            "2",
            "--activity",
            "e-learning",
        ],
    );
    let after = &env.entries_of_kind("reading_after")[0];
    assert_eq!(answer(after, "cpd_hours")["value"].as_float(), Some(3.5));
    assert_eq!(answer(after, "cpd_hours")["type"].as_str(), Some("number"));
    assert_eq!(
        answer(after, "cpd_hours")["level"].as_str(),
        Some("summary")
    );
    assert_eq!(
        answer(after, "cpd_participatory_hours")["value"].as_float(),
        Some(2.0)
    );
    assert_eq!(
        answer(after, "cpd_activity")["value"].as_str(),
        Some("e-learning")
    );
    // New measures need the new format, so an older tend says "written by a
    // newer tend" instead of "broken"; everything else stays in format 1.
    assert_eq!(after["schema"].as_integer(), Some(2));
    assert_eq!(
        env.entries_of_kind("reading")[0]["schema"].as_integer(),
        Some(1)
    );
    let checkin = env.file("c.toml", "motivation = 6\n");
    env.ok_at(NOW, &["checkin", "--answers", checkin.to_str().unwrap()]);
    assert_eq!(
        env.entries_of_kind("checkin")[0]["schema"].as_integer(),
        Some(1)
    );
    // The same answer in the file and a flag is refused.
    env.ok_at(
        NOW,
        &[
            "read",
            "Another",
            "--answers",
            before.to_str().unwrap(),
            "--date",
            "2023-01-01",
        ],
    );
    let twice = env.file("twice.toml", "cpd_hours = 1\n");
    let out = env.run_at(
        NOW,
        &[
            "read",
            "--after",
            "--answers",
            twice.to_str().unwrap(),
            "--hours",
            "2",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("\"cpd_hours\" is answered both in the answers file and by a flag"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_feedback_pack_writes_a_feedback_entry_that_is_never_a_checkin() {
    let env = Env::new().at(NOW);
    let f = env.file(
        "f.toml",
        "source = \"patient or family\"\ncontent = \"Thank you for explaining the plan slowly\"\nnext_action = \"Use the same words at handover\"\n",
    );
    let out = env.ok_at(
        NOW,
        &[
            "checkin",
            "--pack",
            "feedback",
            "--answers",
            f.to_str().unwrap(),
        ],
    );
    assert!(out.contains("Saved your feedback"), "{out}");
    let e = &env.entries()[0];
    assert_eq!(e["kind"].as_str(), Some("feedback"));
    assert_eq!(e["schema"].as_integer(), Some(2));
    let source = answer(e, "source");
    assert_eq!(source["value"].as_str(), Some("Patient or family"));
    assert_eq!(source["measures"].as_str(), Some("feedback:source"));
    assert_eq!(source["level"].as_str(), Some("summary"));
    let content = answer(e, "content");
    assert_eq!(content["measures"].as_str(), Some("feedback:content"));
    assert_eq!(content["level"].as_str(), Some("full"));
    // Its step is an action like any other.
    assert!(
        env.ok_at(NOW, &["actions"])
            .contains("Use the same words at handover")
    );
    // Not a check-in: not in status, the greeting, or the summary's rhythm.
    let status: serde_json::Value =
        serde_json::from_str(&env.ok_at(NOW, &["status", "--format", "json"])).unwrap();
    assert_eq!(status["checked_in_today"], false);
    assert!(status["last_checkin"].is_null());
    let greeting = env.ok_at(NOW, &[]);
    assert!(
        !greeting.to_lowercase().contains("you checked in"),
        "{greeting}"
    );
    let summary: serde_json::Value = serde_json::from_str(&env.ok_at(
        NOW,
        &["summary", "--format", "json", "--since", "2026-11-01"],
    ))
    .unwrap();
    let text = summary.to_string();
    assert!(text.contains("\"checkin_days\":0"), "{text}");
}

#[test]
fn the_portfolio_counts_feedback_accounts_and_discussions_and_names_the_commands() {
    let env = Env::new().at(NOW);
    for source in ["Colleague", "Manager"] {
        let f = env.file(
            "f.toml",
            &format!("source = \"{source}\"\ncontent = \"Steady on a hard shift\"\n"),
        );
        env.ok_at(
            NOW,
            &[
                "checkin",
                "--pack",
                "feedback",
                "--answers",
                f.to_str().unwrap(),
            ],
        );
    }
    // Every question skipped: kept in the journal, but not a piece of
    // feedback.
    let empty = env.file("empty.toml", "");
    env.ok_at(
        NOW,
        &[
            "checkin",
            "--pack",
            "feedback",
            "--answers",
            empty.to_str().unwrap(),
        ],
    );
    reading(
        &env,
        "Compassion at work",
        "2026-11-02",
        "learned = \"Ask first\"\ndiscuss_with = \"my practice educator\"\nchange = \"Try a huddle\"\ncpd_hours = 2\ncpd_participatory_hours = 2\ncpd_activity = \"course\"\n",
    );
    // Learned, but no change or step: not yet ready for an account.
    reading(
        &env,
        "A blog post",
        "2026-11-05",
        "learned = \"Short is fine\"\n",
    );
    let out = env.ok_at(NOW, &["portfolio"]);
    assert!(out.contains("2 hours, 2 of them participatory"), "{out}");
    assert!(out.contains("2 pieces of feedback"), "{out}");
    assert!(
        out.contains("from: Manager") && out.contains("from: Colleague"),
        "{out}"
    );
    assert!(
        out.contains("1 entry with something learned and a change or a step"),
        "{out}"
    );
    assert!(out.contains("“Compassion at work”"), "{out}");
    assert!(
        out.contains("1 discussion (who you talked a reading over with)"),
        "{out}"
    );
    assert!(out.contains("2 Nov 2026"), "{out}");
    assert!(out.contains("with my practice educator"), "{out}");
    assert!(out.contains("tend cpd"), "{out}");
    assert!(out.contains("tend list --kind feedback"), "{out}");
    assert!(
        out.contains("tend export --format account --entry "),
        "{out}"
    );
    // A reading's learning and change are shared from `learning` up.
    assert!(out.contains("--level learning"), "{out}");
    assert!(out.contains("not an official one"), "{out}");
    assert!(out.lines().count() <= 30, "one screen: {out}");
}

/// The portfolio's "ready for an account" and `export --format account
/// --since` are one rule: a check-in that came to understand something and
/// set a next step counts in both; one with a step alone counts in neither.
#[test]
fn the_portfolio_and_accounts_by_period_choose_the_same_entries() {
    let env = Env::new().at(NOW);
    for (day, answers) in [
        (
            "2026-11-20",
            "understand = \"The night team felt unheard\"\nnext_action = \"Ask them at handover\"\n",
        ),
        ("2026-11-21", "next_action = \"Book the room\"\n"),
    ] {
        let f = env.file("c.toml", answers);
        env.ok_at(
            NOW,
            &["checkin", "--answers", f.to_str().unwrap(), "--date", day],
        );
    }
    let out = env.ok_at(NOW, &["portfolio"]);
    assert!(
        out.contains("1 entry with something learned and a change or a step"),
        "{out}"
    );
    let account = env.ok_at(
        NOW,
        &[
            "export",
            "--format",
            "account",
            "--level",
            "full",
            "--since",
            "2026-11-01",
        ],
    );
    assert!(
        account.contains("## Fri 20 Nov 2026 · check-in"),
        "{account}"
    );
    assert!(account.contains("The night team felt unheard"), "{account}");
    assert!(!account.contains("21 Nov 2026"), "{account}");
    assert!(!account.contains("Book the room"), "{account}");
    // A check-in keeps "understand" at the full level, so the command the
    // portfolio names asks for full: at learning the account would leave
    // out what was learned.
    let suggested = out
        .lines()
        .find_map(|l| l.trim().strip_prefix("Write one up: tend "))
        .unwrap_or_else(|| panic!("no suggestion: {out}"));
    assert!(suggested.ends_with("--level full"), "{out}");
    let args: Vec<&str> = suggested.split_whitespace().collect();
    let shown = env.ok_at(NOW, &args);
    assert!(shown.contains("The night team felt unheard"), "{shown}");
    assert!(!shown.contains("Not shared at this level"), "{shown}");
}

/// Past a target the words say how many were recorded and how many are asked
/// for, never "2 of 1".
#[test]
fn past_a_target_the_portfolio_says_recorded_and_asked_for() {
    let env = Env::new().at(NOW);
    env.write_config("regulator = \"nmc\"\n");
    for (title, day) in [
        ("Compassion at work", "2026-11-02"),
        ("The kind ward", "2026-11-04"),
    ] {
        reading(
            &env,
            title,
            day,
            "learned = \"Ask first\"\ndiscuss_with = \"my practice educator\"\ncpd_hours = 20\ncpd_participatory_hours = 4\ncpd_activity = \"course\"\n",
        );
    }
    let out = env.ok_at(NOW, &["portfolio"]);
    assert!(out.contains("2 discussions"), "{out}");
    assert!(out.contains("recorded (1 asked for)"), "{out}");
    assert!(!out.contains("2 of 1"), "{out}");
    assert!(
        out.contains("Recorded so far: 40 hours (35 asked for), 8 of 20 participatory."),
        "{out}"
    );
}

#[test]
fn a_revalidation_date_that_is_not_a_date_is_named() {
    let env = Env::new().at(NOW);
    env.write_config("revalidation_due = \"next spring\"\n");
    let out = env.run_at(NOW, &["portfolio"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out)
            .contains("revalidation_due: \"next spring\" is not a date like \"2027-03-31\""),
        "{}",
        stderr(&out)
    );
}

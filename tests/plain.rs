//! Plain mode's output (issue 13, section 4): `summary`, `list`, `actions`,
//! `show`, `review` and `export --preview` under `--plain`, `TEND_PLAIN=1`
//! or `TERM=dumb` hold no box, bar, shade, arrow or escape character, even
//! with colour asked for in the config; the numbers are there in words.

mod common;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";

/// A journal of generated days, with colour asked for in the config.
fn journal() -> Env {
    let env = Env::new().at(NOW);
    env.write_config("color = \"always\"\n");
    env.ok_at(NOW, &["generate", "--days", "120"]);
    env
}

/// `tend ARGS` with colour allowed by the environment, plain as `how` says.
fn run(env: &Env, how: &str, args: &[&str]) -> String {
    let mut c = env.tend();
    c.env_remove("NO_COLOR").args(args);
    match how {
        "flag" => {
            c.arg("--plain");
        }
        "variable" => {
            c.env("TEND_PLAIN", "1");
        }
        "dumb" => {
            c.env("TERM", "dumb");
        }
        _ => {}
    }
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "tend {args:?} ({how}) failed: {}",
        stderr(&out)
    );
    stdout(&out)
}

#[test]
fn every_view_is_plain_text_in_plain_mode() {
    let env = journal();
    let export = env.tmp.path().join("leader-a.json");
    env.ok_at(
        NOW,
        &[
            "export",
            "--format",
            "json",
            "--label",
            "leader-a",
            "-o",
            export.to_str().unwrap(),
        ],
    );
    let views: Vec<Vec<&str>> = vec![
        vec!["summary"],
        vec!["summary", "--detail"],
        vec!["summary", "--calendar"],
        vec!["list"],
        vec!["actions"],
        vec!["actions", "list"],
        vec!["show", "last"],
        vec!["show", "yesterday"],
        vec!["review", export.to_str().unwrap()],
        vec!["review", export.to_str().unwrap(), "--detail"],
        vec!["export", "--preview"],
        vec!["trash"],
    ];
    for how in ["flag", "variable", "dumb"] {
        for args in &views {
            let out = run(&env, how, args);
            let found = drawn_chars(&out);
            assert!(
                found.is_empty(),
                "tend {args:?} ({how}) showed {found:?}:\n{out}"
            );
            assert!(!out.trim().is_empty(), "tend {args:?} ({how}) said nothing");
        }
    }
}

#[test]
fn bars_and_grids_become_numbers_and_words() {
    let env = journal();
    // Without plain mode, the summary draws bars and the calendar a grid,
    // so the checks below are about plain mode and nothing else.
    let drawn = run(&env, "", &["summary"]);
    assert!(!drawn_chars(&drawn).is_empty(), "{drawn}");
    let grid = run(&env, "", &["summary", "--calendar"]);
    assert!(grid.contains('█') || grid.contains('▓'), "{grid}");

    let plain = run(&env, "flag", &["summary"]);
    let line = line_with(&plain, "Motivation  ");
    // Each week's average as a number, a comma between.
    assert!(
        line.matches(", ").count() >= 3 && line.chars().any(|c| c.is_ascii_digit()),
        "{plain}"
    );
    let detail = run(&env, "flag", &["summary", "--detail"]);
    assert!(
        detail.contains("Day by day: ") || detail.contains("Average by week"),
        "{detail}"
    );

    let calendar = run(&env, "dumb", &["summary", "--calendar"]);
    assert!(calendar.contains("November 2026: "), "{calendar}");
    assert!(calendar.contains("Motivation by day: "), "{calendar}");
}

#[test]
fn tables_become_labelled_lines() {
    let env = journal();
    env.ok_at(
        NOW,
        &["actions", "add", "Book a debrief with the night team"],
    );
    let side = run(&env, "", &["actions"]);
    assert!(!side.contains("action: "), "{side}");
    let plain = run(&env, "flag", &["actions"]);
    assert!(
        plain.contains("action: Book a debrief with the night team"),
        "{plain}"
    );
    let list = run(&env, "dumb", &["list", "-n", "3"]);
    assert!(list.contains("handle: "), "{list}");
    assert!(list.contains("when: "), "{list}");
}

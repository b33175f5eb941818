//! What a person types is what is recorded, in a real terminal: "Something
//! else" asked in a line, a backdated check-in that says its day, "Not now"
//! that holds for the day, and a long answer shown once at a narrow width.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";

fn scripted(env: &Env, now: &str, answers: &str, extra: &[&str]) {
    let file = env.file("answers.toml", answers);
    let mut args = vec!["checkin", "--answers", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.ok_at(now, &args);
}

/// Enter alone on each of the daily check-in's seven questions.
fn skip_the_daily_questions(t: &mut Tty) {
    for n in 1..=7 {
        t.answer(&format!("{n}/7 "), "");
    }
}

#[test]
fn something_else_asks_what_in_a_line_and_keeps_it_apart() {
    let env = Env::new().at(NOW);
    let mut t = tend_at(&env, NOW, &["checkin", "--pack", "weekly"]);
    t.answer("1/6 Autonomy", "");
    t.answer("2/6 Belonging", "");
    t.answer("3/6 Contribution", "");
    t.expect("4/6 Which of these was under most strain");
    t.expect("> (skip this one)");
    t.keys(ENTER);
    t.expect("5/6 What got in the way of compassion");
    t.expect("[ ] Something else");
    for _ in 0..6 {
        t.keys(DOWN);
    }
    t.expect("> [ ] Something else");
    t.keys(SPACE);
    t.expect("> [x] Something else");
    t.keys(ENTER);
    t.expect("Something else: what was it? (Enter to skip): ");
    t.keys(&format!("The lift to ward 7 was broken{ENTER}"));
    t.answer("6/6 What did this week teach you?", "");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(exit.all.contains("(1 of 6 answered)"), "{}", exit.all);

    let e = &env.entries()[0];
    assert_eq!(answer(e, "strain_factor")["skipped"].as_bool(), Some(true));
    let picked = answer(e, "barriers")["value"].as_array().unwrap().clone();
    assert_eq!(picked, vec![toml::Value::from("Something else")]);
    let other = answer(e, "barriers_other");
    assert_eq!(
        other["value"].as_str(),
        Some("The lift to ward 7 was broken")
    );
    assert_eq!(other["level"].as_str(), Some("full"));
    assert_eq!(other["measures"].as_str(), Some("other"));
}

#[test]
fn a_backdated_checkin_says_its_day_and_follows_up_only_what_was_there() {
    let env = Env::new().at(NOW);
    scripted(
        &env,
        NOW,
        "next_action = \"Ask Sam about the rota\"\n",
        &["--date", "2026-11-20"],
    );
    scripted(
        &env,
        NOW,
        "next_action = \"Book the team away day\"\n",
        &["--date", "2026-11-24"],
    );
    let mut t = tend_at(&env, NOW, &["checkin", "--date", "2026-11-22"]);
    t.expect("This check-in is for Sun 22 Nov 2026.");
    t.expect("First, a step you set yourself.");
    t.expect("“Ask Sam about the rota”");
    t.expect("> Not now");
    t.keys(DOWN);
    t.expect("> Done");
    t.keys(ENTER);
    t.answer("Anything you'd like to note?", "");
    t.expect("Daily check-in for Sun 22 Nov 2026");
    for n in 1..=6 {
        t.answer(&format!("{n}/7 "), "");
    }
    // 24 Nov has passed today, but not on the 22nd.
    t.answer("7/7 ", "Call the estates team");
    t.answer("By when?", "2026-11-24");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        !exit.all.contains("Book the team away day"),
        "a step set after the 22nd was asked about:\n{}",
        exit.all
    );

    let follow = &env.entries_of_kind("followup")[0];
    assert!(
        follow["created"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-22T13:20:05"),
        "{follow:?}"
    );
    let checkin = env
        .entries_of_kind("checkin")
        .into_iter()
        .find(|e| e["created"].as_str().unwrap().starts_with("2026-11-22"))
        .unwrap();
    assert_eq!(
        answer(&checkin, "next_action")["due"].as_str(),
        Some("2026-11-24")
    );
}

#[test]
fn not_now_waits_until_the_next_day_and_a_second_checkin_is_said() {
    let env = Env::new().at(NOW);
    scripted(
        &env,
        "2026-11-25T09:00:00+00:00",
        "next_action = \"Ask Sam about the rota\"\n",
        &[],
    );
    let mut t = tend_at(&env, NOW, &["checkin"]);
    t.expect("“Ask Sam about the rota”");
    t.expect("> Not now");
    t.keys(ENTER);
    skip_the_daily_questions(&mut t);
    t.finish().assert_code(0);

    // Later the same day: not asked again, and told this is a second one.
    let mut t = tend_at(&env, "2026-11-26T17:00:00+00:00", &["checkin"]);
    t.expect("You checked in today at 13:20; this adds another.");
    let before_first = t.expect("1/7 ");
    assert!(!before_first.contains("Ask Sam"), "{before_first}");
    for n in 1..=7 {
        if n > 1 {
            t.expect(&format!("{n}/7 "));
        }
        t.expect("): ");
        t.keys(ENTER);
    }
    t.finish().assert_code(0);

    // The next day it is asked about again.
    let mut t = tend_at(&env, "2026-11-27T09:00:00+00:00", &["checkin"]);
    t.expect("“Ask Sam about the rota”");
    t.interrupt_while_typing("");
    t.finish();
}

#[test]
fn a_long_answer_at_a_narrow_width_is_shown_once() {
    let env = Env::new().at(NOW);
    let mut t = tend_at(&env, NOW, &["note"]);
    t.resize(40, 30);
    t.expect("Your answer (Enter to skip): ");
    let long = "Stayed late to sit with the family in bay four while the consultant explained";
    // Typed key by key, as a person would, and one slip mended.
    for c in long.chars() {
        t.keys(&c.to_string());
    }
    t.keys("x\x7f");
    t.expect("explained");
    t.keys(ENTER);
    let exit = t.finish();
    exit.assert_code(0);
    let shown = screen(&exit.all, 40, 30);
    assert_eq!(
        shown.matches("Your answer").count(),
        1,
        "the prompt is on screen once:\n{shown}"
    );
    assert_eq!(shown.matches("Stayed late").count(), 1, "{shown}");
    let e = &env.entries()[0];
    assert_eq!(answer(e, "note")["value"].as_str(), Some(long));
}

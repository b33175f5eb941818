//! Plain mode (issue 13, section 4), typed in a real terminal: by `--plain`,
//! by `TEND_PLAIN=1` and by `TERM=dumb`, a whole check-in is answered by
//! typing (numbers for choices), every scale says its range in words, the
//! screen holds no box, bar, arrow or escape character, and the answers are
//! on disk. Ctrl-C still keeps the draft.
// Needs a Unix pseudo-terminal.
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";

fn assert_plain(text: &str) {
    let found = drawn_chars(text);
    assert!(found.is_empty(), "plain mode showed {found:?} in:\n{text}");
}

/// How a plain run is started: by the flag, the variable, or a dumb terminal.
#[derive(Clone, Copy, Debug)]
enum How {
    Flag,
    Variable,
    Dumb,
}

fn plain_tend(env: &Env, how: How, args: &[&str]) -> Tty {
    let mut all: Vec<&str> = args.to_vec();
    if let How::Flag = how {
        all.push("--plain");
    }
    spawn(
        env,
        &all,
        Extra {
            now: Some(NOW),
            term: matches!(how, How::Dumb).then_some("dumb"),
            vars: match how {
                How::Variable => &[("TEND_PLAIN", "1")],
                How::Flag | How::Dumb => &[],
            },
            // Colour would be allowed, were it not plain.
            colour: true,
            ..Extra::default()
        },
    )
}

/// Waits for a prompt, then types the answer and Enter.
fn type_at(t: &mut Tty, prompt: &str, answer: &str) {
    t.expect(prompt);
    t.keys(&format!("{answer}{ENTER}"));
}

#[test]
fn a_whole_daily_checkin_typed_in_plain_mode() {
    for how in [How::Flag, How::Variable, How::Dumb] {
        let env = Env::new().at(NOW);
        let mut t = plain_tend(&env, how, &["checkin"]);
        t.expect("Question 1 of 7: How motivated");
        // The range in words, and a wrong number asked again kindly.
        type_at(
            &mut t,
            "1 (running on empty) to 10 (full of energy); Enter to skip: ",
            "11",
        );
        type_at(
            &mut t,
            "Please type a whole number from 1 to 10, or Enter to skip.",
            "7",
        );
        t.expect("Question 2 of 7: Attend:");
        type_at(
            &mut t,
            "(Enter to skip): ",
            "Sat with a new starter at handover",
        );
        for q in ["3 of 7: Understand", "4 of 7: Empathise", "5 of 7: Help"] {
            t.expect(q);
            type_at(&mut t, "(Enter to skip): ", "");
        }
        t.expect("Question 6 of 7: And you");
        type_at(&mut t, "(Enter to skip): ", "A walk after the shift");
        t.expect("Question 7 of 7:");
        type_at(&mut t, "(Enter to skip): ", "Ask about rotas");
        type_at(&mut t, "Enter for no date): ", "end of week");
        let exit = t.finish();
        exit.assert_code(0);
        assert_plain(&exit.all);
        assert!(
            exit.all.contains("for Sun 29 Nov"),
            "{how:?}:\n{}",
            exit.all
        );

        let e = &env.entries()[0];
        assert_eq!(
            answer(e, "motivation")["value"].as_integer(),
            Some(7),
            "{how:?}"
        );
        assert_eq!(
            answer(e, "attend")["value"].as_str(),
            Some("Sat with a new starter at handover")
        );
        assert_eq!(answer(e, "understand")["skipped"].as_bool(), Some(true));
        let action = answer(e, "next_action");
        assert_eq!(action["value"].as_str(), Some("Ask about rotas"));
        assert_eq!(action["due"].as_str(), Some("2026-11-29"));
    }
}

#[test]
fn choices_are_numbered_and_answered_by_typing_numbers() {
    for how in [How::Dumb, How::Flag] {
        let env = Env::new().at(NOW);
        let mut t = plain_tend(&env, how, &["checkin", "--pack", "weekly"]);
        t.expect("Question 1 of 6: Autonomy");
        type_at(
            &mut t,
            "1 (very little) to 5 (plenty); Enter to skip: ",
            "4",
        );
        t.expect("Question 2 of 6: Belonging");
        type_at(&mut t, "Enter to skip: ", "");
        t.expect("Question 3 of 6: Contribution");
        type_at(&mut t, "Enter to skip: ", "3");
        t.expect("Question 4 of 6: Which of these was under most strain");
        t.expect("  6. Workload");
        // A number past the end is asked again, naming the range.
        type_at(&mut t, "Type a number from 1 to 8 (Enter to skip): ", "9");
        type_at(
            &mut t,
            "Please type one number from 1 to 8, or Enter to skip.",
            "6",
        );
        t.expect("Question 5 of 6: What got in the way");
        t.expect("  7. Something else");
        type_at(&mut t, "such as 1 3 (Enter to skip): ", "5,7 2");
        type_at(
            &mut t,
            "Something else: what was it? (Enter to skip): ",
            "The lift was broken",
        );
        t.expect("Question 6 of 6:");
        type_at(&mut t, "(Enter to skip): ", "");
        let exit = t.finish();
        exit.assert_code(0);
        assert_plain(&exit.all);

        let e = &env.entries()[0];
        assert_eq!(answer(e, "autonomy")["value"].as_integer(), Some(4));
        assert_eq!(answer(e, "belonging")["skipped"].as_bool(), Some(true));
        assert_eq!(
            answer(e, "strain_factor")["value"].as_str(),
            Some("Workload")
        );
        let barriers: Vec<String> = answer(e, "barriers")["value"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            barriers,
            ["Poor leadership", "Too much work", "Something else"],
            "{how:?}"
        );
        assert_eq!(
            answer(e, "barriers_other")["value"].as_str(),
            Some("The lift was broken")
        );
    }
}

#[test]
fn ctrl_c_in_plain_mode_keeps_the_draft_and_carry_on_is_a_number() {
    let env = Env::new().at(NOW);
    let mut t = plain_tend(&env, How::Flag, &["checkin"]);
    type_at(&mut t, "Enter to skip: ", "6");
    t.expect("Question 2 of 7: Attend:");
    t.expect("(Enter to skip): ");
    t.interrupt_while_typing("Half a thou");
    let exit = t.finish();
    exit.assert_code(130);
    assert!(exit.rest.contains("Paused"), "{}", exit.all);
    assert_plain(&exit.all);
    assert!(env.entry_files().is_empty());

    // Carrying on: a numbered choice, Enter alone takes the first.
    let mut t = plain_tend(&env, How::Dumb, &["checkin"]);
    t.expect("You have an unfinished check-in");
    t.expect("  1. Carry on where I left off");
    type_at(&mut t, "Type a number from 1 to 2 (Enter for 1): ", "");
    t.expect("Question 2 of 7: Attend:");
    for _ in 2..=7 {
        type_at(&mut t, "(Enter to skip): ", "");
    }
    let exit = t.finish();
    exit.assert_code(0);
    assert_plain(&exit.all);
    let e = &env.entries()[0];
    assert_eq!(answer(e, "motivation")["value"].as_integer(), Some(6));
    assert_eq!(answer(e, "attend")["skipped"].as_bool(), Some(true));
}

#[test]
fn delete_asks_in_plain_words_and_waits_for_enter() {
    let env = Env::new().at(NOW);
    env.ok_at(NOW, &["note", "Quiet handover on the early shift"]);
    let id = id_of(&env.entries()[0]);
    let mut t = plain_tend(&env, How::Flag, &["delete", &handle_of_id(&id)]);
    type_at(
        &mut t,
        "to the trash? You can restore it later. [y/N]: ",
        "maybe",
    );
    type_at(&mut t, "Please type y or n (Enter alone is no).", "y");
    let exit = t.finish();
    exit.assert_code(0);
    assert_plain(&exit.all);
    assert!(env.entry_files().is_empty(), "moved to the trash");
}

/// clap writes its own words (a mistyped command, help) before tend's
/// output code runs: in plain mode they are plain too, in a terminal that
/// would otherwise show colour.
#[test]
fn a_mistyped_command_and_help_are_plain_too() {
    // Not plain: the terminal shows clap's colour, so the check below can
    // tell the difference.
    let env = Env::new().at(NOW);
    let coloured = spawn(
        &env,
        &["chekin"],
        Extra {
            now: Some(NOW),
            colour: true,
            ..Extra::default()
        },
    )
    .finish();
    coloured.assert_code(2);
    assert!(coloured.all.contains('\u{1b}'), "{}", coloured.all);
    for how in [How::Flag, How::Variable, How::Dumb] {
        for args in [&["chekin"][..], &["checkin", "--help"][..]] {
            let t = plain_tend(&env, how, args);
            let exit = t.finish();
            assert!(exit.all.contains("checkin"), "{how:?}: {}", exit.all);
            assert_plain(&exit.all);
        }
    }
}

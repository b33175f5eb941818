//! The CPD step after a reading, in a real terminal: one step, skipped with
//! Enter at its first question; typed numbers checked as they are typed.
// Needs Unix: a pseudo-terminal (the Windows build is checked by clippy and
// tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";

fn open_reading(env: &Env) {
    let before = env.file("before.toml", "hope = \"To listen better\"\n");
    env.ok_at(
        NOW,
        &[
            "read",
            "Compassion at work",
            "--answers",
            before.to_str().unwrap(),
        ],
    );
}

#[test]
fn enter_at_the_hours_skips_the_whole_cpd_step() {
    let env = Env::new().at(NOW);
    open_reading(&env);
    let mut t = tend_at(&env, NOW, &["read", "--after"]);
    t.answer("1/6 What did you learn?", "Ask before advising");
    t.answer("2/6 Who will you talk it over with?", "");
    t.answer("3/6 How could you help change things", "");
    t.answer("4/6 If you count this as CPD", "");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(!exit.all.contains("5/6"), "{}", exit.all);
    assert!(!exit.all.contains("learning with others"), "{}", exit.all);
    let e = &env.entries_of_kind("reading_after")[0];
    for id in ["cpd_hours", "cpd_participatory_hours", "cpd_activity"] {
        assert_eq!(answer(e, id)["skipped"].as_bool(), Some(true), "{id}");
    }
    assert!(env.ok_at(NOW, &["cpd"]).contains("No CPD recorded"));
}

#[test]
fn cpd_typed_after_reading_is_checked_and_recorded() {
    let env = Env::new().at(NOW);
    open_reading(&env);
    let mut t = tend_at(&env, NOW, &["read", "--after"]);
    t.answer("1/6 What did you learn?", "Ask before advising");
    t.answer("2/6 Who will you talk it over with?", "");
    t.answer("3/6 How could you help change things", "");
    t.answer("4/6 If you count this as CPD", "three");
    t.expect("\"three\" isn't a number; give a number from 0 to 100, such as 3.5");
    t.keys(&format!("3.5{ENTER}"));
    t.expect("5/6 Of those, how many hours were spent learning with others?");
    t.expect("0 to 3.5 (Enter to skip): ");
    t.keys(&format!("5{ENTER}"));
    t.expect("5 can't be more than your answer to \"cpd hours\" (3.5)");
    t.keys(&format!("2{ENTER}"));
    t.expect("6/6 What sort of activity was it?");
    t.expect("> (skip this one)");
    t.keys(DOWN);
    t.expect("> course");
    t.keys(ENTER);
    let exit = t.finish();
    exit.assert_code(0);
    assert!(exit.all.contains("(4 of 6 answered)"), "{}", exit.all);
    let e = &env.entries_of_kind("reading_after")[0];
    assert_eq!(answer(e, "cpd_hours")["value"].as_float(), Some(3.5));
    assert_eq!(
        answer(e, "cpd_participatory_hours")["value"].as_float(),
        Some(2.0)
    );
    assert_eq!(answer(e, "cpd_activity")["value"].as_str(), Some("course"));
    assert!(
        env.ok_at(NOW, &["cpd"])
            .contains("Total: 3.5 hours, 2 of them participatory")
    );
}

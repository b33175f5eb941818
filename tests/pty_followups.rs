//! Follow-ups of open actions and the weekly offer, as a person meets them:
//! the real `tend checkin` in a pseudo-terminal, typed at key by key, and then
//! what landed on disk.
//!
//! Journals are set up with plain commands at earlier pinned times, a minute
//! or more apart; the check-in then runs at its own pinned time.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::*;
use common::*;

const NOW: &str = "2026-11-26T13:20:05+00:00";
const WEEKLY_OFFER: &str = "No weekly check-in for a week or more. Do one now?";

/// The answers to "How is it going?", in the order they are shown.
const HOW: [&str; 5] = ["Not now", "Done", "Partly done", "Still going", "Let it go"];

impl Tty {
    /// Answers "How is it going?" about the action shown as `line`, by
    /// moving down to `choice` and pressing Enter; then, unless it is
    /// "Not now", types `note` at the note prompt.
    fn follow_up(&mut self, line: &str, choice: &str, note: &str) {
        self.expect(line);
        self.expect("How is it going?");
        self.expect(&format!("> {}", HOW[0]));
        let n = HOW.iter().position(|h| *h == choice).unwrap();
        for h in &HOW[1..=n] {
            self.keys(DOWN);
            self.expect(&format!("> {h}"));
        }
        self.keys(ENTER);
        if choice != "Not now" {
            self.answer("Anything you'd like to note?", note);
        }
    }

    /// Skips all seven questions of the daily check-in.
    fn skip_checkin(&mut self) {
        self.expect("Daily check-in");
        for i in 1..=7 {
            self.answer(&format!("{i}/7 "), "");
        }
    }
}

/// Adds an action at `at`; returns its id (`ENTRY_ID:action`).
fn add_action(env: &Env, at: &str, text: &str, due: Option<&str>) -> String {
    let mut args = vec!["actions", "add", text];
    if let Some(d) = due {
        args.extend(["--due", d]);
    }
    let out = env.ok_at(at, &args);
    let e = env
        .entries_of_kind("action")
        .into_iter()
        .find(|e| answer(e, "action")["value"].as_str() == Some(text))
        .unwrap_or_else(|| panic!("no action entry for {text}: {out}"));
    format!("{}:action", id_of(&e))
}

/// The follow-up entries about `action`, oldest first.
fn followups_of(env: &Env, action: &str) -> Vec<toml::Table> {
    env.entries_of_kind("followup")
        .into_iter()
        .filter(|e| e["action"].as_str() == Some(action))
        .collect()
}

/// A follow-up's note, if it has one.
fn note_of(e: &toml::Table) -> Option<String> {
    answer(e, "what_happened")
        .get("value")
        .map(|v| v.as_str().unwrap().to_string())
}

#[test]
fn at_most_three_open_actions_are_asked_about_and_the_answers_recorded() {
    let env = Env::new();
    let sam = add_action(
        &env,
        "2026-11-20T09:00:00+00:00",
        "Ask Sam about nights",
        None,
    );
    let tidy = add_action(
        &env,
        "2026-11-21T09:00:00+00:00",
        "Tidy the rota folder",
        None,
    );
    let debrief = add_action(
        &env,
        "2026-11-22T09:00:00+00:00",
        "Book the debrief",
        Some("2026-11-30"),
    );
    let call = add_action(
        &env,
        "2026-11-22T09:01:00+00:00",
        "Call the ward manager",
        Some("2026-11-27"),
    );
    let policy = add_action(
        &env,
        "2026-11-23T09:00:00+00:00",
        "Read the sickness policy",
        None,
    );
    let sources: Vec<(std::path::PathBuf, Vec<u8>)> = env
        .entry_files()
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();

    // Due soonest first, then undated, oldest first; three at most.
    let mut t = tend_at(&env, NOW, &["checkin"]);
    t.expect("First, a few steps you set yourself. Any answer is fine.");
    t.follow_up(
        "“Call the ward manager” (set 4 days ago, for Fri 27 Nov)",
        "Done",
        "She agreed to a monthly slot",
    );
    t.follow_up(
        "“Book the debrief” (set 4 days ago, for Mon 30 Nov)",
        "Partly done",
        "",
    );
    t.follow_up(
        "“Ask Sam about nights” (set 6 days ago)",
        "Let it go",
        "Sam moved to days",
    );
    t.skip_checkin();
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        !exit.all.contains("Tidy the rota folder"),
        "a fourth is not asked: {}",
        exit.all
    );
    assert!(
        !exit.all.contains("Read the sickness policy"),
        "a fifth is not asked: {}",
        exit.all
    );
    assert!(exit.all.contains("Saved your check-in (0 of 7 answered)"));

    // On disk: the check-in and one follow-up per answer.
    assert_eq!(env.entries_of_kind("checkin").len(), 1);
    assert_eq!(env.entries_of_kind("followup").len(), 3);
    for (action, status, note) in [
        (&call, "done", Some("She agreed to a monthly slot")),
        (&debrief, "partly", None),
        (&sam, "dropped", Some("Sam moved to days")),
    ] {
        let f = followups_of(&env, action);
        assert_eq!(f.len(), 1, "{action}");
        assert_eq!(f[0]["status"].as_str(), Some(status), "{action}");
        assert_eq!(note_of(&f[0]).as_deref(), note, "{action}");
        assert_eq!(f[0]["created"].as_str(), Some("2026-11-26T13:20:05Z"));
    }
    assert!(followups_of(&env, &tidy).is_empty());
    assert!(followups_of(&env, &policy).is_empty());
    for (p, b) in &sources {
        assert_eq!(&std::fs::read(p).unwrap(), b, "{} changed", p.display());
    }

    let listing = env.ok_at("2026-11-26T14:00:00+00:00", &["actions"]);
    assert!(!listing.contains("Call the ward manager"), "{listing}");
    assert!(!listing.contains("Ask Sam about nights"), "{listing}");
    assert!(line_with(&listing, "Book the debrief").contains("partly done"));
    assert!(listing.contains("Tidy the rota folder"), "{listing}");
    assert!(listing.contains("Read the sickness policy"), "{listing}");
}

#[test]
fn still_going_is_recorded_not_now_waits_for_tomorrow_and_today_s_are_not_asked_again() {
    let env = Env::new();
    let sam = add_action(
        &env,
        "2026-11-24T09:00:00+00:00",
        "Ask Sam about nights",
        None,
    );
    let tidy = add_action(
        &env,
        "2026-11-24T09:01:00+00:00",
        "Tidy the rota folder",
        None,
    );

    let mut t = tend_at(&env, "2026-11-26T09:00:00+00:00", &["checkin"]);
    t.expect("First, a few steps you set yourself.");
    t.follow_up(
        "“Ask Sam about nights” (set 2 days ago)",
        "Still going",
        "Slowly",
    );
    t.follow_up("“Tidy the rota folder” (set 2 days ago)", "Not now", "");
    // "Not now" asks for no note: straight on to the check-in.
    t.expect("Daily check-in");
    t.answer("1/7 ", "6");
    for i in 2..=7 {
        t.answer(&format!("{i}/7 "), "");
    }
    let exit = t.finish();
    exit.assert_code(0);
    let not_now = exit
        .all
        .find("How is it going? (Enter for not now): Not now")
        .unwrap();
    let checkin = exit.all.find("Daily check-in").unwrap();
    assert!(
        !exit.all[not_now..checkin].contains("Anything you'd like to note?"),
        "no note is asked after Not now: {}",
        exit.all
    );
    assert!(
        exit.all[..not_now].contains("Anything you'd like to note?"),
        "a note is asked after Still going: {}",
        exit.all
    );
    let f = followups_of(&env, &sam);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["status"].as_str(), Some("going"));
    assert_eq!(note_of(&f[0]).as_deref(), Some("Slowly"));
    // "Not now" snoozes until the next journal day, so the same day never
    // asks again.
    let f = followups_of(&env, &tidy);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0]["status"].as_str(), Some("snoozed"));
    assert_eq!(f[0]["until"].as_str(), Some("2026-11-27"));
    let listing = env.ok_at("2026-11-26T09:30:00+00:00", &["actions"]);
    assert!(line_with(&listing, "Ask Sam about nights").contains("still going"));

    // Later the same day: neither is asked, one followed up today, the
    // other put off until tomorrow.
    let mut t = tend_at(&env, "2026-11-26T15:00:00+00:00", &["checkin"]);
    t.expect("You checked in today at 09:00; this adds another.");
    t.skip_checkin();
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        !exit.all.contains("Ask Sam about nights") && !exit.all.contains("Tidy the rota"),
        "followed up or put off today already: {}",
        exit.all
    );
    assert_eq!(followups_of(&env, &tidy).len(), 1);
    assert_eq!(env.entries_of_kind("checkin").len(), 2);

    // The next day both are asked again.
    let mut t = tend_at(&env, "2026-11-27T09:00:00+00:00", &["checkin"]);
    t.expect("First, a few steps you set yourself.");
    t.follow_up("“Ask Sam about nights” (set 3 days ago)", "Not now", "");
    t.follow_up("“Tidy the rota folder” (set 3 days ago)", "Done", "");
    t.skip_checkin();
    t.finish().assert_code(0);
    let f = followups_of(&env, &tidy);
    assert_eq!(f.len(), 2);
    assert_eq!(f[1]["status"].as_str(), Some("done"));
    assert_eq!(note_of(&f[1]), None, "an empty note is skipped");
}

#[test]
fn a_snoozed_action_is_not_asked_about_until_its_day() {
    let env = Env::new();
    let policy = add_action(
        &env,
        "2026-11-20T09:00:00+00:00",
        "Read the sickness policy",
        None,
    );
    let sam = add_action(
        &env,
        "2026-11-20T09:01:00+00:00",
        "Ask Sam about nights",
        None,
    );
    let listing = env.ok_at("2026-11-20T09:02:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Read the sickness policy");
    let out = env.ok_at("2026-11-20T09:03:00+00:00", &["actions", "snooze", &h, "3"]);
    assert!(out.contains("out of sight until Mon 23 Nov"), "{out}");

    // The day before it comes back: not asked, and shown as snoozed.
    let listing = env.ok_at("2026-11-22T10:00:00+00:00", &["actions"]);
    assert!(
        line_with(&listing, "Read the sickness policy").contains("snoozed until Mon 23 Nov"),
        "{listing}"
    );
    let mut t = tend_at(&env, "2026-11-22T10:00:00+00:00", &["checkin"]);
    t.expect("First, a step you set yourself.");
    t.follow_up("“Ask Sam about nights” (set 2 days ago)", "Not now", "");
    t.skip_checkin();
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        !exit.all.contains("Read the sickness policy"),
        "snoozed: {}",
        exit.all
    );

    // On its day it is back, oldest first.
    let mut t = tend_at(&env, "2026-11-23T10:00:00+00:00", &["checkin"]);
    t.expect("First, a few steps you set yourself.");
    t.follow_up(
        "“Read the sickness policy” (set 3 days ago)",
        "Done",
        "Read it twice",
    );
    t.follow_up("“Ask Sam about nights” (set 3 days ago)", "Not now", "");
    t.skip_checkin();
    t.finish().assert_code(0);
    let f = followups_of(&env, &policy);
    let statuses: Vec<&str> = f.iter().map(|e| e["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["snoozed", "done"]);
    assert_eq!(note_of(&f[1]).as_deref(), Some("Read it twice"));
    // Each "Not now" put it off to the next day, and nothing more.
    let sam: Vec<String> = followups_of(&env, &sam)
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["status"].as_str().unwrap(),
                e["until"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(sam, ["snoozed 2026-11-23", "snoozed 2026-11-24"]);
}

#[test]
fn the_weekly_is_offered_after_a_week_and_its_answers_saved() {
    let env = Env::new();
    env.ok_at(
        "2026-11-17T09:00:00+00:00",
        &["note", "Started the journal"],
    );
    let mut t = tend_at(&env, NOW, &["checkin"]);
    t.skip_checkin();
    t.expect("Saved your check-in");
    t.expect(WEEKLY_OFFER);
    t.expect("[y/N]");
    t.keys("y");
    t.expect("Weekly check-in");
    t.answer("1/6 Autonomy:", "2");
    t.answer("2/6 Belonging:", "4");
    t.answer("3/6 Contribution:", "5");
    t.expect("4/6 Which of these was under most strain");
    t.expect("> (skip this one)");
    t.keys(DOWN);
    t.expect("> Voice and influence");
    t.keys(DOWN);
    t.expect("> Justice and fairness");
    t.keys(ENTER);
    t.expect("5/6 What got in the way of compassion");
    t.expect("> [ ] Poor working conditions");
    t.keys(DOWN);
    t.expect("> [ ] Poor leadership");
    t.keys(SPACE);
    t.expect("> [x] Poor leadership");
    t.keys(ENTER);
    t.answer("6/6 What did this week teach you?", "Ask for help sooner");
    let exit = t.finish();
    exit.assert_code(0);
    assert!(
        exit.all
            .contains("Saved your weekly check-in (6 of 6 answered)"),
        "{}",
        exit.all
    );

    assert_eq!(env.entries().len(), 3);
    assert_eq!(env.entries_of_kind("checkin").len(), 1);
    let w = env.entries_of_kind("weekly");
    assert_eq!(w.len(), 1);
    let w = &w[0];
    assert_eq!(w["pack"].as_str(), Some("weekly"));
    assert_eq!(answer(w, "autonomy")["value"].as_integer(), Some(2));
    assert_eq!(answer(w, "belonging")["value"].as_integer(), Some(4));
    assert_eq!(answer(w, "contribution")["value"].as_integer(), Some(5));
    assert_eq!(
        answer(w, "strain_factor")["value"].as_str(),
        Some("Justice and fairness")
    );
    let barriers = answer(w, "barriers");
    let barriers: Vec<&str> = barriers["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(barriers, ["Poor leadership"]);
    assert_eq!(
        answer(w, "learning")["value"].as_str(),
        Some("Ask for help sooner")
    );

    // Done: not offered again the next day.
    let mut t = tend_at(&env, "2026-11-27T09:00:00+00:00", &["checkin"]);
    t.skip_checkin();
    let exit = t.finish();
    exit.assert_code(0);
    assert!(!exit.all.contains(WEEKLY_OFFER), "{}", exit.all);
}

#[test]
fn the_weekly_offer_can_be_declined_with_enter() {
    // A journal of twenty days whose last weekly is eight days old.
    let env = Env::new();
    env.ok_at(
        "2026-11-06T09:00:00+00:00",
        &["note", "Started the journal"],
    );
    let week = env.file(
        "week.toml",
        "autonomy = 3\nbelonging = 3\ncontribution = 3\n",
    );
    env.ok_at(
        "2026-11-18T09:00:00+00:00",
        &[
            "checkin",
            "--pack",
            "weekly",
            "--answers",
            week.to_str().unwrap(),
        ],
    );
    let mut t = tend_at(&env, NOW, &["checkin"]);
    t.skip_checkin();
    t.expect(WEEKLY_OFFER);
    t.expect("[y/N]");
    t.keys(ENTER);
    let exit = t.finish();
    exit.assert_code(0);
    assert!(!exit.all.contains("Weekly check-in"), "{}", exit.all);
    assert_eq!(env.entries().len(), 3, "the note, the weekly, the check-in");
    assert_eq!(env.entries_of_kind("weekly").len(), 1, "no new weekly");
    assert_eq!(env.entries_of_kind("checkin").len(), 1);
}

#[test]
fn the_weekly_is_not_offered_in_a_journal_younger_than_a_week() {
    let env = Env::new();
    env.ok_at(
        "2026-11-20T13:30:00+00:00",
        &["note", "Started the journal"],
    );
    let mut t = tend_at(&env, NOW, &["checkin"]);
    t.skip_checkin();
    let exit = t.finish();
    exit.assert_code(0);
    assert!(exit.all.contains("Saved your check-in"), "{}", exit.all);
    assert!(!exit.all.contains(WEEKLY_OFFER), "{}", exit.all);
    assert!(!exit.all.to_lowercase().contains("weekly"), "{}", exit.all);
    assert_eq!(env.entries().len(), 2);
}

#[test]
fn the_weekly_is_not_offered_three_days_after_one() {
    let env = Env::new();
    env.ok_at(
        "2026-11-06T09:00:00+00:00",
        &["note", "Started the journal"],
    );
    let week = env.file("week.toml", "autonomy = 4\n");
    env.ok_at(
        "2026-11-23T13:00:00+00:00",
        &[
            "checkin",
            "--pack",
            "weekly",
            "--answers",
            week.to_str().unwrap(),
        ],
    );
    let mut t = tend_at(&env, NOW, &["checkin"]);
    t.skip_checkin();
    let exit = t.finish();
    exit.assert_code(0);
    assert!(exit.all.contains("Saved your check-in"), "{}", exit.all);
    assert!(!exit.all.contains(WEEKLY_OFFER), "{}", exit.all);
    assert_eq!(env.entries().len(), 3);
}

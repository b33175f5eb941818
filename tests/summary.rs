//! `tend summary`: numbers per period, what tend noticed, and the three ways
//! of showing them (table, Markdown, JSON), on small journals built through
//! the real binary as a person would: check-ins from answers files (at a
//! pinned time or backdated with `--date`), weekly check-ins, readings and
//! actions. Every expected number is worked out by hand in a comment.
//!
//! Dates used below: 26 Nov 2026 is a Thursday, so the Mondays around it are
//! 2, 9, 16, 23 and 30 Nov; 28 Dec 2026 and 4 Jan 2027 are Mondays too.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

/// A path as an argument.
fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// All four behaviours reflected on.
const ALL_FOUR: &str = r#"
attend = "Listened at handover"
understand = "Found what held up the discharge"
empathise = "Felt how tired the night team were"
help = "Covered a break"
"#;

/// Daily check-in answers: a motivation rating and all four behaviours.
fn rated(m: i64) -> String {
    format!("motivation = {m}\n{ALL_FOUR}")
}

/// A daily check-in with these answers, made at `now` (RFC 3339).
fn checkin_at(env: &Env, now: &str, answers: &str) {
    let f = env.file("answers.toml", answers);
    env.ok_at(now, &["checkin", "--answers", s(&f)]);
}

/// A check-in rated `m` (all four behaviours answered) at 09:00 UTC on `day`.
fn rate(env: &Env, day: &str, m: i64) {
    checkin_at(env, &format!("{day}T09:00:00+00:00"), &rated(m));
}

/// A check-in rated `m`, made at `now` but backdated with `--date DAY`.
fn rate_backdated(env: &Env, now: &str, day: &str, m: i64) {
    let f = env.file("answers.toml", &rated(m));
    env.ok_at(now, &["checkin", "--date", day, "--answers", s(&f)]);
}

/// Weekly check-in answers: the three core needs on 1-5.
fn needs(autonomy: i64, belonging: i64, contribution: i64) -> String {
    format!(
        r#"
autonomy = {autonomy}
belonging = {belonging}
contribution = {contribution}
strain_factor = "Workload"
barriers = ["Time pressure"]
learning = "One thing at a time"
"#
    )
}

/// A weekly check-in at 09:00 UTC on `day`.
fn weekly(env: &Env, day: &str, answers: &str) {
    let f = env.file("weekly.toml", answers);
    env.ok_at(
        &format!("{day}T09:00:00+00:00"),
        &["checkin", "--pack", "weekly", "--answers", s(&f)],
    );
}

/// `tend summary --format json ARGS` at `now`, parsed.
fn summary(env: &Env, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["summary", "--format", "json"];
    all.extend_from_slice(args);
    let text = env.ok_at(now, &all);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// A period's (or the whole range's) motivation as
/// (average, lowest, highest, count), or None when it has no ratings.
fn stats(v: &Value) -> Option<(f64, i64, i64, u64)> {
    if v.is_null() {
        return None;
    }
    Some((
        v["average"].as_f64().unwrap(),
        v["lowest"].as_i64().unwrap(),
        v["highest"].as_i64().unwrap(),
        v["count"].as_u64().unwrap(),
    ))
}

/// One period as (label, start, end, entries, check-in days, motivation).
type Row<'a> = (
    &'a str,
    &'a str,
    &'a str,
    u64,
    u64,
    Option<(f64, i64, i64, u64)>,
);

fn periods(s: &Value) -> Vec<Row<'_>> {
    s["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["label"].as_str().unwrap(),
                p["start"].as_str().unwrap(),
                p["end"].as_str().unwrap(),
                p["entries"].as_u64().unwrap(),
                p["checkin_days"].as_u64().unwrap(),
                stats(&p["motivation"]),
            )
        })
        .collect()
}

/// Daily motivation as (day, value), oldest first.
fn daily(s: &Value) -> Vec<(String, f64)> {
    s["motivation"]["daily"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d[0].as_str().unwrap().to_string(), d[1].as_f64().unwrap()))
        .collect()
}

fn days(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(d, v)| (d.to_string(), *v)).collect()
}

/// The notices of one rule.
fn noticed<'a>(s: &'a Value, rule: &str) -> Vec<&'a Value> {
    s["noticed"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["rule"] == rule)
        .collect()
}

/// The one notice of `rule`.
fn the_notice<'a>(s: &'a Value, rule: &str) -> &'a Value {
    let all = noticed(s, rule);
    assert_eq!(all.len(), 1, "one {rule} notice in {}", s["noticed"]);
    all[0]
}

/// A notice's numbers, as (name, value), sorted by name.
fn numbers(n: &Value) -> Vec<(String, f64)> {
    n["numbers"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_f64().unwrap()))
        .collect()
}

fn nums(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    let mut v: Vec<(String, f64)> = list.iter().map(|(k, v)| (k.to_string(), *v)).collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

/// The "not enough data" lines.
fn sparse(s: &Value) -> Vec<String> {
    s["not_enough_data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

/// The journal's files and bytes, leaving out the derived index.
fn journal_bytes(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    env.snapshot()
        .into_iter()
        .filter(|(p, _)| p.starts_with(env.dir()))
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Numbers per period, by hand

#[test]
fn months_across_a_year_boundary_have_their_own_days_and_motivation() {
    let env = Env::new();
    for (now, m) in [
        ("2026-10-31T23:59:00+00:00", 1), // October: outside the range
        ("2026-11-10T09:00:00+00:00", 4),
        ("2026-11-10T18:00:00+00:00", 6), // same day: one day, two ratings
        ("2026-11-30T23:59:00+00:00", 8), // the last minute of November
        ("2026-12-01T00:00:00+00:00", 3), // the first of December
        ("2026-12-31T23:00:00+00:00", 10),
        ("2027-01-01T00:30:00+00:00", 5), // across the year
        ("2027-01-15T09:00:00+00:00", 2),
        ("2027-02-01T00:10:00+00:00", 1), // February: outside the range
    ] {
        checkin_at(&env, now, &rated(m));
    }
    let sum = summary(
        &env,
        "2027-02-03T12:00:00+00:00",
        &["--by", "month", "--since", "2026-11", "--until", "2027-01"],
    );
    assert_eq!(sum["since"], "2026-11-01");
    assert_eq!(sum["until"], "2027-01-31", "a month typed means all of it");
    assert_eq!(sum["by"], "month");
    // Nov: 10th (4, 6: a day of 5) and 30th (8): 2 days, 3 ratings,
    // (5+8)/2 = 6.5.
    // Dec: 1st (3) and 31st (10): 13/2 = 6.5.
    // Jan: 1st (5) and 15th (2): 7/2 = 3.5.
    assert_eq!(
        periods(&sum),
        vec![
            (
                "Nov 2026",
                "2026-11-01",
                "2026-11-30",
                3,
                2,
                Some((6.5, 4, 8, 3))
            ),
            (
                "Dec 2026",
                "2026-12-01",
                "2026-12-31",
                2,
                2,
                Some((6.5, 3, 10, 2))
            ),
            (
                "Jan 2027",
                "2027-01-01",
                "2027-01-31",
                2,
                2,
                Some((3.5, 2, 5, 2))
            ),
        ]
    );
    // 6 days of 30 + 31 + 31 = 92; by day (5+8+3+10+5+2)/6 = 33/6 = 5.5
    // (by rating it would be 38/7 = 5.4: the day of two ratings counts once).
    let h = &sum["headline"];
    assert_eq!(h["checkin_days"], 6);
    assert_eq!(h["days"], 92);
    assert_eq!(h["motivation_average"], 5.5);
    assert_eq!(stats(&sum["motivation"]["overall"]), Some((5.5, 2, 10, 7)));
    assert_eq!(sum["rhythm"]["checkin_days"], 6);
    assert_eq!(sum["behaviours"]["checkins"], 7);
    assert_eq!(
        daily(&sum),
        days(&[
            ("2026-11-10", 5.0),
            ("2026-11-30", 8.0),
            ("2026-12-01", 3.0),
            ("2026-12-31", 10.0),
            ("2027-01-01", 5.0),
            ("2027-01-15", 2.0),
        ])
    );
}

#[test]
fn weeks_across_new_year_start_on_mondays() {
    let env = Env::new();
    for (now, m) in [
        ("2026-12-27T21:00:00+00:00", 1), // Sunday before: outside
        ("2026-12-28T09:00:00+00:00", 6), // Monday
        ("2026-12-31T09:00:00+00:00", 4),
        ("2027-01-01T09:00:00+00:00", 8), // new year, same week
        ("2027-01-03T23:59:00+00:00", 8), // the week's last minute
        ("2027-01-04T00:00:00+00:00", 2), // the next week's first
        ("2027-01-10T20:00:00+00:00", 9), // Sunday
        ("2027-01-11T08:00:00+00:00", 1), // Monday after: outside
    ] {
        checkin_at(&env, now, &rated(m));
    }
    let now = "2027-01-12T12:00:00+00:00";
    let sum = summary(
        &env,
        now,
        &["--since", "2026-12-28", "--until", "2027-01-10"],
    );
    assert_eq!(sum["by"], "week");
    // Week 1: 28 Dec, 31 Dec, 1 Jan, 3 Jan: (6+4+8+8)/4 = 6.5.
    // Week 2: 4 Jan, 10 Jan: (2+9)/2 = 5.5.
    assert_eq!(
        periods(&sum),
        vec![
            (
                "w/c 28 Dec 2026",
                "2026-12-28",
                "2027-01-03",
                4,
                4,
                Some((6.5, 4, 8, 4))
            ),
            (
                "w/c 4 Jan 2027",
                "2027-01-04",
                "2027-01-10",
                2,
                2,
                Some((5.5, 2, 9, 2))
            ),
        ]
    );
    // 6 days of 14; 37/6 = 6.17 -> 6.2.
    assert_eq!(sum["headline"]["checkin_days"], 6);
    assert_eq!(sum["headline"]["days"], 14);
    assert_eq!(sum["headline"]["motivation_average"], 6.2);

    // From mid-week: the first period is cut to start on the day asked for,
    // keeping its week's label. 31 Dec, 1 Jan, 3 Jan: 20/3 = 6.67 -> 6.7.
    let sum = summary(
        &env,
        now,
        &["--since", "2026-12-30", "--until", "2027-01-10"],
    );
    let p = periods(&sum);
    assert_eq!(
        p[0],
        (
            "w/c 28 Dec 2026",
            "2026-12-30",
            "2027-01-03",
            3,
            3,
            Some((6.7, 4, 8, 3))
        )
    );
    assert_eq!(p.len(), 2);
    assert_eq!(sum["headline"]["days"], 12);
}

#[test]
fn weeks_meeting_a_target_and_a_streak_counted_in_weeks() {
    let env = Env::new();
    env.write_config(
        r#"
weekly_target = 3
rest_days = ["sat", "sun"]
streaks = true
"#,
    );
    // Check-in days per week (Mondays): 19 Oct: 3, 26 Oct: 3, 2 Nov: 3,
    // 9 Nov: 2 (two check-ins on the 10th are still 2 days), 16 Nov: 3,
    // 23 Nov: 4, 30 Nov (this week, so far): 1.
    for day in [
        "2026-10-19",
        "2026-10-20",
        "2026-10-21",
        "2026-10-26",
        "2026-10-27",
        "2026-10-28",
        "2026-11-02",
        "2026-11-03",
        "2026-11-04",
        "2026-11-09",
        "2026-11-10",
        "2026-11-16",
        "2026-11-18",
        "2026-11-20",
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",
        "2026-11-30",
    ] {
        rate(&env, day, 5);
    }
    checkin_at(&env, "2026-11-10T18:00:00+00:00", &rated(5));
    let now = "2026-12-02T12:00:00+00:00"; // a Wednesday
    let sum = summary(&env, now, &["--since", "2026-10-19"]);
    let met: Vec<&Value> = sum["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["met_target"])
        .collect();
    let days_per_week: Vec<u64> = periods(&sum).iter().map(|p| p.4).collect();
    assert_eq!(days_per_week, [3, 3, 3, 2, 3, 4, 1]);
    // The week of 30 Nov is not over, so it neither meets nor misses.
    assert_eq!(
        Value::from(met.into_iter().cloned().collect::<Vec<_>>()),
        serde_json::json!([true, true, true, false, true, true, null])
    );
    let h = &sum["headline"];
    assert_eq!(h["weekly_target"], 3);
    assert_eq!(h["weeks"], 6);
    assert_eq!(h["weeks_meeting_target"], 5);
    // 19 days; 19 Oct to 2 Dec is 13 + 30 + 2 = 45 days.
    assert_eq!(h["checkin_days"], 19);
    assert_eq!(h["days"], 45);
    // Met, met, met (3), missed, met, met (2); this week unfinished does
    // not break the run: current 2, longest 3.
    let streak = &sum["rhythm"]["streak"];
    assert_eq!(streak["unit"], "weeks");
    assert_eq!(streak["current"], 2);
    assert_eq!(streak["longest"], 3);
    assert_eq!(
        sum["rhythm"]["rest_days"],
        Value::from(vec!["Sat", "Sun"]),
        "{}",
        sum["rhythm"]
    );

    let table = env.ok_at(now, &["summary", "--since", "2026-10-19", "--detail"]);
    assert!(
        table
            .contains("Checked in on 19 of 45 days; 5 of 6 whole weeks met your target of 3 days."),
        "{table}"
    );
    assert!(table.contains("Streak: 2 weeks (longest 3)."), "{table}");
    assert!(table.contains("Rest days: Sat, Sun."), "{table}");
    let row = line_with(&table, "w/c 9 Nov 2026");
    assert!(row.contains("not this time"), "{row}");
    let row = line_with(&table, "w/c 30 Nov 2026");
    assert!(row.contains('–'), "{row}");
}

#[test]
fn a_day_streak_is_not_broken_by_rest_days() {
    let env = Env::new();
    env.write_config("rest_days = [\"sat\", \"sun\"]\nstreaks = true\n");
    // Thu 19, Fri 20, (weekend), Mon 23, Tue 24, (Wed 25 missed), Thu 26,
    // Fri 27, (weekend), Mon 30 Nov; today is Tue 1 Dec, not yet checked in.
    for day in [
        "2026-11-19",
        "2026-11-20",
        "2026-11-23",
        "2026-11-24",
        "2026-11-26",
        "2026-11-27",
        "2026-11-30",
    ] {
        rate(&env, day, 6);
    }
    let now = "2026-12-01T12:00:00+00:00";
    // 19, 20, (21, 22 rest), 23, 24: 4; the 25th breaks it; 26, 27, (28, 29
    // rest), 30: 3, and today not done yet keeps it.
    let sum = summary(&env, now, &[]);
    let streak = &sum["rhythm"]["streak"];
    assert_eq!(streak["unit"], "days");
    assert_eq!(streak["current"], 3);
    assert_eq!(streak["longest"], 4);
    assert_eq!(sum["headline"]["weekly_target"], Value::Null);
    assert_eq!(sum["headline"]["weeks_meeting_target"], Value::Null);

    // Without rest days every weekend breaks it: 19, 20: 2; 23, 24: 2;
    // 26, 27: 2; 30: 1.
    env.write_config("streaks = true\n");
    let sum = summary(&env, now, &[]);
    let streak = &sum["rhythm"]["streak"];
    assert_eq!(streak["current"], 1);
    assert_eq!(streak["longest"], 2);

    // Streaks are off unless asked for.
    env.write_config("rest_days = [\"sat\", \"sun\"]\n");
    let sum = summary(&env, now, &[]);
    assert_eq!(sum["rhythm"]["streak"], Value::Null);
    let table = env.ok_at(now, &["summary"]);
    assert!(!table.contains("Streak"), "{table}");
}

#[test]
fn backdated_checkins_land_in_the_period_of_their_day() {
    let env = Env::new();
    let now = "2026-12-02T10:00:00+00:00"; // Wednesday
    rate_backdated(&env, now, "2026-11-27", 3); // Fri, w/c 23 Nov
    rate_backdated(&env, now, "2026-11-29", 5); // Sun, w/c 23 Nov
    rate_backdated(&env, now, "30/11/2026", 9); // Mon, w/c 30 Nov
    rate_backdated(&env, now, "yesterday", 7); // Tue 1 Dec
    checkin_at(&env, now, &rated(1)); // today
    let sum = summary(&env, now, &["--since", "2026-11-23"]);
    // w/c 23 Nov: 27th and 29th: (3+5)/2 = 4.0.
    // w/c 30 Nov (to today): 30th, 1st, 2nd: (9+7+1)/3 = 5.67 -> 5.7.
    assert_eq!(
        periods(&sum),
        vec![
            (
                "w/c 23 Nov 2026",
                "2026-11-23",
                "2026-11-29",
                2,
                2,
                Some((4.0, 3, 5, 2))
            ),
            (
                "w/c 30 Nov 2026",
                "2026-11-30",
                "2026-12-02",
                3,
                3,
                Some((5.7, 1, 9, 3))
            ),
        ]
    );
    assert_eq!(
        daily(&sum),
        days(&[
            ("2026-11-27", 3.0),
            ("2026-11-29", 5.0),
            ("2026-11-30", 9.0),
            ("2026-12-01", 7.0),
            ("2026-12-02", 1.0),
        ])
    );
    // By month, November gets the three written in December for it:
    // (3+5+9)/3 = 5.67 -> 5.7; December (7+1)/2 = 4.0. November, named as a
    // month, starts at the journal's first day, the 27th.
    let sum = summary(&env, now, &["--since", "2026-11", "--by", "month"]);
    assert_eq!(
        periods(&sum),
        vec![
            (
                "Nov 2026",
                "2026-11-27",
                "2026-11-30",
                3,
                3,
                Some((5.7, 3, 9, 3))
            ),
            (
                "Dec 2026",
                "2026-12-01",
                "2026-12-02",
                2,
                2,
                Some((4.0, 1, 7, 2))
            ),
        ]
    );
}

#[test]
fn a_checkin_before_day_starts_counts_for_the_day_before() {
    let env = Env::new();
    env.write_config("day_starts = \"04:00\"\n");
    checkin_at(&env, "2026-11-27T02:00:00+00:00", &rated(8)); // -> Thu 26
    checkin_at(&env, "2026-11-27T04:00:00+00:00", &rated(2)); // -> Fri 27
    checkin_at(&env, "2026-11-30T03:59:00+00:00", &rated(6)); // -> Sun 29
    checkin_at(&env, "2026-12-01T01:30:00+00:00", &rated(4)); // -> Mon 30 Nov
    let now = "2026-12-01T12:00:00+00:00";
    let sum = summary(&env, now, &["--since", "2026-11-23"]);
    assert_eq!(
        daily(&sum),
        days(&[
            ("2026-11-26", 8.0),
            ("2026-11-27", 2.0),
            ("2026-11-29", 6.0),
            ("2026-11-30", 4.0),
        ])
    );
    // w/c 23 Nov: 26, 27, 29: (8+2+6)/3 = 5.33 -> 5.3. w/c 30 Nov: 30th: 4.
    assert_eq!(
        periods(&sum),
        vec![
            (
                "w/c 23 Nov 2026",
                "2026-11-23",
                "2026-11-29",
                3,
                3,
                Some((5.3, 2, 8, 3))
            ),
            (
                "w/c 30 Nov 2026",
                "2026-11-30",
                "2026-12-01",
                1,
                1,
                Some((4.0, 4, 4, 1))
            ),
        ]
    );
    // By month the 01:30 on 1 December is still November's.
    let sum = summary(&env, now, &["--since", "2026-11", "--by", "month"]);
    let p = periods(&sum);
    assert_eq!(p[0].4, 4, "26, 27, 29, 30 Nov");
    assert_eq!(p[1], ("Dec 2026", "2026-12-01", "2026-12-01", 0, 0, None));
    // At 02:00 today is still yesterday, so that is where the range ends.
    let sum = summary(&env, "2026-12-01T02:00:00+00:00", &[]);
    assert_eq!(sum["until"], "2026-11-30");

    // The same journal with days starting at midnight: the dates as written.
    env.write_config("");
    let sum = summary(&env, now, &["--since", "2026-11-23"]);
    assert_eq!(
        daily(&sum),
        days(&[
            ("2026-11-27", 5.0),
            ("2026-11-30", 6.0),
            ("2026-12-01", 4.0)
        ])
    );
    let p = periods(&sum);
    assert_eq!(p[0].4, 1);
    assert_eq!(p[0].5, Some((5.0, 2, 8, 2)));
    assert_eq!(p[1].4, 2);
    assert_eq!(p[1].5, Some((5.0, 4, 6, 2)));
}

#[test]
fn a_checkin_backdated_in_the_small_hours_keeps_the_day_asked_for() {
    let env = Env::new();
    env.write_config("day_starts = \"04:00\"\n");
    // At 02:00 on 27 Nov (journal day 26 Nov), backdate to 20 Nov and to
    // "yesterday" (25 Nov, the day before the journal day).
    let small_hours = "2026-11-27T02:00:00+00:00";
    rate_backdated(&env, small_hours, "2026-11-20", 7);
    rate_backdated(&env, small_hours, "yesterday", 5);
    let sum = summary(&env, "2026-11-27T12:00:00+00:00", &[]);
    assert_eq!(
        daily(&sum),
        days(&[("2026-11-20", 7.0), ("2026-11-25", 5.0)]),
        "the days the person typed"
    );
}

#[test]
fn late_evening_with_an_offset_counts_for_the_local_day() {
    let env = Env::new();
    // Local time decides, never the UTC date:
    checkin_at(&env, "2026-11-26T23:30:00+01:00", &rated(7)); // UTC 22:30 on 26th -> 26th
    checkin_at(&env, "2026-11-27T00:30:00+01:00", &rated(3)); // UTC 23:30 on 26th -> 27th
    checkin_at(&env, "2026-11-26T00:30:00+01:00", &rated(5)); // UTC 23:30 on 25th -> 26th
    checkin_at(&env, "2026-11-25T21:00:00-05:00", &rated(9)); // UTC 02:00 on 26th -> 25th
    let late = env
        .entries()
        .into_iter()
        .find(|e| answer(e, "motivation")["value"].as_integer() == Some(7))
        .unwrap();
    assert_eq!(late["created"].as_str(), Some("2026-11-26T23:30:00+01:00"));

    let now = "2026-11-28T10:00:00+01:00";
    let sum = summary(
        &env,
        now,
        &["--since", "2026-11-25", "--until", "2026-11-27"],
    );
    // 26th: (7+5)/2 = 6.0.
    assert_eq!(
        daily(&sum),
        days(&[
            ("2026-11-25", 9.0),
            ("2026-11-26", 6.0),
            ("2026-11-27", 3.0)
        ])
    );
    assert_eq!(sum["headline"]["checkin_days"], 3);
    let sum = summary(
        &env,
        now,
        &["--since", "2026-11-26", "--until", "2026-11-26"],
    );
    assert_eq!(sum["headline"]["checkin_days"], 1);
    assert_eq!(stats(&sum["motivation"]["overall"]), Some((6.0, 5, 7, 2)));
    let sum = summary(
        &env,
        now,
        &["--since", "2026-11-27", "--until", "2026-11-27"],
    );
    assert_eq!(stats(&sum["motivation"]["overall"]), Some((3.0, 3, 3, 1)));
}

#[test]
fn whole_weeks_are_counted_with_or_without_a_target() {
    let env = Env::new();
    rate(&env, "2026-11-10", 6);
    // 2 Nov to 22 Nov is three whole weeks.
    let sum = summary(
        &env,
        "2026-11-26T12:00:00+00:00",
        &["--since", "2026-11-02", "--until", "2026-11-22"],
    );
    assert_eq!(sum["headline"]["weeks"], 3, "{}", sum["headline"]);
}

#[test]
fn a_week_not_over_yet_neither_meets_nor_misses_the_target() {
    let env = Env::new();
    env.write_config("weekly_target = 3\nstreaks = true\n");
    rate(&env, "2026-11-23", 7);
    rate(&env, "2026-11-24", 7);
    // Thursday 26 Nov, asking for the whole of this week: 2 days so far,
    // and Friday to Sunday still to come.
    let sum = summary(
        &env,
        "2026-11-26T12:00:00+00:00",
        &["--since", "2026-11-23", "--until", "2026-11-29"],
    );
    // Only days that have happened count: 23-26 Nov, 4 days.
    assert_eq!(sum["until"], "2026-11-26");
    assert_eq!(sum["headline"]["days"], 4);
    // The streak treats this week kindly (not broken, not met), and so do
    // the week's row and the headline.
    assert_eq!(sum["rhythm"]["streak"]["current"], 0);
    assert_eq!(
        sum["periods"][0]["met_target"],
        Value::Null,
        "{}",
        sum["periods"][0]
    );
    assert_eq!(sum["headline"]["weeks"], 0, "{}", sum["headline"]);
}

// ---------------------------------------------------------------------------
// 2. What tend noticed

const NOW: &str = "2026-11-26T18:00:00+00:00"; // Thursday

#[test]
fn motivation_change_is_noticed_when_the_last_two_weeks_drop_by_a_point_or_more() {
    let env = Env::new();
    // As of 26 Nov: the last two weeks are 13-26 Nov, the four before 16
    // Oct-12 Nov. 1 Oct is in neither.
    rate(&env, "2026-10-01", 1);
    for (day, m) in [
        ("2026-10-20", 8),
        ("2026-10-27", 8),
        ("2026-11-03", 7),
        ("2026-11-10", 9),
    ] {
        rate(&env, day, m);
    }
    for (day, m) in [
        ("2026-11-16", 5),
        ("2026-11-19", 6),
        ("2026-11-23", 5),
        ("2026-11-25", 4),
    ] {
        rate(&env, day, m);
    }
    // A second rating on the 25th: still one day, its average 4.
    checkin_at(&env, "2026-11-25T20:00:00+00:00", &rated(4));
    let sum = summary(&env, NOW, &[]);
    // Before: (8+8+7+9)/4 = 8.0; recent: (5+6+5+4)/4 = 5.0; down 3.
    let n = the_notice(&sum, "motivation_change");
    assert_eq!(
        n["text"],
        "Motivation averaged 5.0 over the last two weeks, down from 8.0 in the four weeks before (4 and 4 days with a rating)."
    );
    assert_eq!(
        numbers(n),
        nums(&[
            ("recent_average", 5.0),
            ("before_average", 8.0),
            ("recent_days", 4.0),
            ("before_days", 4.0),
        ])
    );
    assert_eq!(sum["headline"]["motivation_direction"], "down");
    assert_eq!(
        sum["noticed"].as_array().unwrap().len(),
        1,
        "{}",
        sum["noticed"]
    );
    assert!(
        !sparse(&sum).iter().any(|l| l.contains("motivation")),
        "{:?}",
        sparse(&sum)
    );
    let table = env.ok_at(NOW, &["summary"]);
    assert!(table.contains("What tend noticed"), "{table}");
    assert!(
        table.contains("  · Motivation averaged 5.0 over the last two weeks, down from 8.0"),
        "{table}"
    );
    assert!(table.contains(", down lately."), "{table}");
}

#[test]
fn motivation_within_a_point_is_steady_and_a_whole_point_up_is_noticed() {
    let env = Env::new();
    for day in ["2026-10-20", "2026-10-27", "2026-11-03", "2026-11-10"] {
        rate(&env, day, 6);
    }
    for (day, m) in [
        ("2026-11-16", 7),
        ("2026-11-19", 7),
        ("2026-11-23", 6),
        ("2026-11-25", 7),
    ] {
        rate(&env, day, m);
    }
    // Before 6.0, recent 27/4 = 6.75: 0.75 up is steady.
    let sum = summary(&env, NOW, &[]);
    assert!(
        noticed(&sum, "motivation_change").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert_eq!(sum["headline"]["motivation_direction"], "steady");
    assert!(
        env.ok_at(NOW, &["summary"])
            .contains("about steady lately.")
    );

    // An 8 on the 23rd too makes that day (6+8)/2 = 7: recent 7.0, exactly
    // one point up.
    checkin_at(&env, "2026-11-23T20:00:00+00:00", &rated(8));
    let sum = summary(&env, NOW, &[]);
    let n = the_notice(&sum, "motivation_change");
    assert_eq!(
        n["text"],
        "Motivation averaged 7.0 over the last two weeks, up from 6.0 in the four weeks before (4 and 4 days with a rating)."
    );
    assert_eq!(sum["headline"]["motivation_direction"], "up");
}

#[test]
fn three_motivation_ratings_are_not_enough_for_a_direction() {
    let env = Env::new();
    for (day, m) in [("2026-11-18", 2), ("2026-11-20", 9), ("2026-11-24", 3)] {
        rate(&env, day, m);
    }
    let sum = summary(&env, NOW, &[]);
    assert!(noticed(&sum, "motivation_change").is_empty());
    assert_eq!(sum["headline"]["motivation_direction"], Value::Null);
    // (2+9+3)/3 = 4.67 -> 4.7: the average is still given.
    assert_eq!(sum["headline"]["motivation_average"], 4.7);
    assert!(
        sparse(&sum).contains(
            &"Not enough motivation ratings yet to see a direction: 3 in the last two weeks and 0 in the four weeks before (tend looks for at least 4 in each).".to_string()
        ),
        "{:?}",
        sparse(&sum)
    );
    let table = env.ok_at(NOW, &["summary"]);
    assert!(table.contains("  Motivation averaged 4.7.\n"), "{table}");
    assert!(
        table.contains("Not enough motivation ratings yet"),
        "{table}"
    );
}

/// Answers with motivation 6 and only these behaviours reflected on.
fn reflecting_on(behaviours: &[&str]) -> String {
    let mut a = String::from("motivation = 6\n");
    for b in behaviours {
        a += &format!("{b} = \"Something about {b}\"\n");
    }
    a
}

#[test]
fn a_behaviour_quiet_for_three_weeks_is_noticed() {
    let env = Env::new();
    // As of 26 Nov the three weeks are 6-26 Nov.
    checkin_at(
        &env,
        "2026-11-02T09:00:00+00:00",
        &reflecting_on(&["attend", "understand", "empathise"]),
    );
    for day in ["2026-11-10", "2026-11-17", "2026-11-24"] {
        checkin_at(
            &env,
            &format!("{day}T09:00:00+00:00"),
            &reflecting_on(&["attend", "understand"]),
        );
    }
    let sum = summary(&env, NOW, &[]);
    let quiet = noticed(&sum, "behaviour_quiet");
    let texts: Vec<&str> = quiet.iter().map(|n| n["text"].as_str().unwrap()).collect();
    // Empathise: 2 to 26 Nov is 24 days, with the check-ins of 10, 17 and
    // 24 Nov since. Help: never in the twelve weeks, whose four check-ins
    // are 2, 10, 17 and 24 Nov.
    assert_eq!(
        texts,
        [
            "“Empathise” hasn't come up since 2 Nov (24 days, 3 check-ins).",
            "“Help” hasn't come up, not once in this period (4 check-ins).",
        ]
    );
    assert_eq!(
        numbers(quiet[0]),
        nums(&[("days", 24.0), ("checkins", 3.0)])
    );
    assert_eq!(numbers(quiet[1]), nums(&[("checkins", 4.0)]));
    // Over the default twelve weeks: attend 4, understand 4, empathise 1,
    // help 0.
    let counts = &sum["behaviours"]["counts"];
    assert_eq!(
        *counts,
        serde_json::json!({"attend": 4, "understand": 4, "empathise": 1, "help": 0})
    );
    assert_eq!(sum["behaviours"]["least"], serde_json::json!(["help"]));
    assert_eq!(sum["behaviours"]["checkins"], 4);
}

#[test]
fn a_behaviour_reflected_on_within_three_weeks_is_not_quiet() {
    let env = Env::new();
    // Empathise on 6 Nov, the first day of the three weeks to 26 Nov.
    checkin_at(
        &env,
        "2026-11-06T09:00:00+00:00",
        &reflecting_on(&["empathise"]),
    );
    for day in ["2026-11-10", "2026-11-17"] {
        checkin_at(
            &env,
            &format!("{day}T09:00:00+00:00"),
            &reflecting_on(&["attend", "understand"]),
        );
    }
    checkin_at(
        &env,
        "2026-11-20T09:00:00+00:00",
        &reflecting_on(&["attend", "help"]),
    );
    let sum = summary(&env, NOW, &[]);
    assert!(
        noticed(&sum, "behaviour_quiet").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert!(
        !sparse(&sum).iter().any(|l| l.contains("quiet behaviours")),
        "{:?}",
        sparse(&sum)
    );
    // A day later the three weeks start on 7 Nov, and empathise is quiet;
    // three check-ins (10, 17, 20 Nov) are in them.
    let sum = summary(&env, "2026-11-27T18:00:00+00:00", &[]);
    let n = the_notice(&sum, "behaviour_quiet");
    assert_eq!(
        n["text"],
        "“Empathise” hasn't come up since 6 Nov (21 days, 3 check-ins)."
    );
}

#[test]
fn fewer_than_three_checkins_in_three_weeks_say_so_instead_of_quiet_behaviours() {
    let env = Env::new();
    for day in ["2026-11-10", "2026-11-24"] {
        checkin_at(&env, &format!("{day}T09:00:00+00:00"), "motivation = 5\n");
    }
    // A weekly check-in is not a daily one.
    weekly(&env, "2026-11-20", &needs(3, 3, 3));
    let sum = summary(&env, NOW, &[]);
    assert!(
        noticed(&sum, "behaviour_quiet").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert!(
        sparse(&sum).contains(
            &"Fewer than 3 check-ins in the last three weeks (2), so tend doesn't look for quiet behaviours.".to_string()
        ),
        "{:?}",
        sparse(&sum)
    );
}

#[test]
fn actions_past_their_day_are_noticed_and_undated_ones_never() {
    let env = Env::new();
    for (i, (text, due)) in [
        ("Send the rota", Some("2026-11-20")),
        ("Call Sam", Some("2026-11-25")),
        ("Book the room", Some("2026-11-26")),
        ("Learn the rota tool", None),
        ("Email the matron", Some("2026-11-15")),
    ]
    .iter()
    .enumerate()
    {
        let mut args = vec!["actions", "add", *text];
        if let Some(d) = due {
            args.extend(["--due", d]);
        }
        env.ok_at(&format!("2026-11-10T09:0{i}:00+00:00"), &args);
    }
    let listing = env.ok_at("2026-11-14T09:00:00+00:00", &["actions"]);
    let matron = action_handle(&listing, "Email the matron");
    env.ok_at("2026-11-14T10:00:00+00:00", &["actions", "done", &matron]);

    // On 20 Nov, the rota's day itself: nothing is past yet.
    let sum = summary(&env, "2026-11-20T20:00:00+00:00", &[]);
    assert!(
        noticed(&sum, "actions_past_due").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert_eq!(sum["actions"]["overdue"], Value::from(Vec::<Value>::new()));

    let sum = summary(&env, NOW, &[]);
    let n = the_notice(&sum, "actions_past_due");
    assert_eq!(
        n["text"],
        "2 actions are past the day you set: “Send the rota” (for 20 Nov), “Call Sam” (for 25 Nov)."
    );
    assert_eq!(numbers(n), nums(&[("count", 2.0)]));
    let overdue: Vec<(&str, &str)> = sum["actions"]["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["text"].as_str().unwrap(), o["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        overdue,
        [("Send the rota", "2026-11-20"), ("Call Sam", "2026-11-25")]
    );
    for o in sum["actions"]["overdue"].as_array().unwrap() {
        assert!(o["id"].as_str().unwrap().ends_with(":action"), "{o}");
    }
    // 5 set, 1 done (the matron): 1/5 = 0.2; 4 open.
    let a = &sum["actions"];
    assert_eq!(a["opened"], 5);
    assert_eq!(a["done"], 1);
    assert_eq!(a["open_now"], 4);
    assert_eq!(a["completion"], 0.2);
    let table = env.ok_at(NOW, &["summary", "--detail"]);
    assert!(
        table.contains("Past the day you set: “Call Sam” (for 25 Nov 2026)."),
        "{table}"
    );

    // Once the rota is sent, one is left, in the singular.
    let listing = env.ok_at("2026-11-26T18:10:00+00:00", &["actions"]);
    let rota = action_handle(&listing, "Send the rota");
    env.ok_at("2026-11-26T18:11:00+00:00", &["actions", "done", &rota]);
    let sum = summary(&env, "2026-11-26T18:12:00+00:00", &[]);
    let n = the_notice(&sum, "actions_past_due");
    assert_eq!(
        n["text"],
        "1 action is past the day you set: “Call Sam” (for 25 Nov)."
    );
    assert_eq!(sum["actions"]["completion"], 0.4);
}

#[test]
fn an_undated_action_is_never_past_due_and_no_line_is_needed() {
    let env = Env::new();
    env.ok_at(
        "2026-01-10T09:00:00+00:00",
        &["actions", "add", "Learn the rota tool"],
    );
    let sum = summary(&env, "2027-06-01T09:00:00+00:00", &["--all"]);
    assert!(
        noticed(&sum, "actions_past_due").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert_eq!(sum["actions"]["open_now"], 1);
    assert_eq!(sum["actions"]["opened"], 1);
    assert_eq!(sum["actions"]["overdue"], Value::from(Vec::<Value>::new()));
    assert!(
        !sparse(&sum).iter().any(|l| l.contains("action")),
        "{:?}",
        sparse(&sum)
    );
}

#[test]
fn a_core_need_falling_over_the_last_month_is_noticed() {
    let env = Env::new();
    // As of 26 Nov the month is 27 Oct-26 Nov; 20 Oct is before it (had it
    // counted, autonomy would run 1 -> 2, a rise).
    weekly(&env, "2026-10-20", &needs(1, 3, 2));
    weekly(&env, "2026-11-06", &needs(4, 4, 3));
    weekly(&env, "2026-11-13", &needs(3, 4, 4));
    weekly(&env, "2026-11-20", &needs(2, 5, 3));
    let sum = summary(&env, NOW, &[]);
    // Autonomy 4, 3, 2 falls; belonging 4, 4, 5 rises; contribution 3, 4, 3
    // ends where it began.
    let n = the_notice(&sum, "need_falling");
    assert_eq!(
        n["text"],
        "Autonomy went from 4 to 2 across your last 3 weekly check-ins."
    );
    assert_eq!(
        numbers(n),
        nums(&[("from", 4.0), ("to", 2.0), ("weekly_checkins", 3.0)])
    );
    // Averages over the default twelve weeks (all four):
    // autonomy 10/4 = 2.5, belonging 16/4 = 4.0, contribution 12/4 = 3.0.
    let needs_json = &sum["needs"];
    assert_eq!(needs_json["weekly_checkins"], 4);
    assert_eq!(needs_json["averages"]["autonomy"], 2.5);
    assert_eq!(needs_json["averages"]["belonging"], 4.0);
    assert_eq!(needs_json["averages"]["contribution"], 3.0);
    assert_eq!(needs_json["strain_factors"][0]["name"], "Workload");
    assert_eq!(needs_json["strain_factors"][0]["count"], 4);
    assert_eq!(sum["barriers"][0]["name"], "Time pressure");
    assert_eq!(sum["barriers"][0]["count"], 4);

    // A fourth, with autonomy back up to 5: first 4, last 5, so no fall;
    // belonging 4 -> 4 and contribution 3 -> 3 neither.
    weekly(&env, "2026-11-25", &needs(5, 4, 3));
    let sum = summary(&env, NOW, &[]);
    assert!(
        noticed(&sum, "need_falling").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert!(
        !sparse(&sum).iter().any(|l| l.contains("core needs")),
        "{:?}",
        sparse(&sum)
    );
}

#[test]
fn two_weekly_checkins_in_a_month_are_not_enough_for_a_trend() {
    let env = Env::new();
    weekly(&env, "2026-11-10", &needs(5, 5, 5));
    weekly(&env, "2026-11-20", &needs(1, 1, 1));
    let sum = summary(&env, NOW, &[]);
    assert!(
        noticed(&sum, "need_falling").is_empty(),
        "{}",
        sum["noticed"]
    );
    assert!(
        sparse(&sum).contains(
            &"2 weekly check-ins in the last month, so no trend in core needs yet (tend looks for 3).".to_string()
        ),
        "{:?}",
        sparse(&sum)
    );
}

// ---------------------------------------------------------------------------
// 3 and 4. One small fixed journal: its JSON, its table and its Markdown

const SNAP_NOW: &str = "2026-11-26T18:00:00+00:00";

const BEFORE: &str = r#"
hope = "How to notice difficulty sooner"
assumption = "That it is mostly about being kind"
"#;

const AFTER: &str = r#"
learned = "Attending comes first; listening is where helping starts"
discuss_with = "my practice educator"
change = { text = "Start a five-minute huddle after handover", due = "2026-12-03" }
"#;

/// Eight check-ins, two weekly check-ins, a reading and three actions over
/// 3-25 Nov 2026, with a weekly target of 3 and streaks on.
fn small_journal(env: &Env) {
    env.write_config(
        r#"
weekly_target = 3
rest_days = ["sat", "sun"]
streaks = true
"#,
    );
    let checkin = |now: &str, answers: &str, tags: &[&str]| {
        let f = env.file("answers.toml", answers);
        let mut args = vec!["checkin", "--answers", s(&f)];
        for t in tags {
            args.extend(["--tag", t]);
        }
        env.ok_at(now, &args);
    };
    checkin(
        "2026-11-03T08:30:00+00:00",
        r#"
motivation = 6
attend = "Sat with a new nurse after a hard handover"
help = "Moved the rota meeting so she could rest"
self = "A proper lunch"
next_action = { text = "Ask the team what would make handover easier", due = "2026-11-20" }
"#,
        &["handover"],
    );
    checkin(
        "2026-11-04T17:45:00+00:00",
        r#"
motivation = 7
understand = "Handover runs late because the rota has no overlap"
empathise = "Felt how tired the night team were"
self = ""
"#,
        &[],
    );
    checkin(
        "2026-11-05T12:00:00+00:00",
        "motivation = 5\nattend = \"Listened to Sam about the rota\"\n",
        &["handover"],
    );
    checkin("2026-11-11T09:00:00+00:00", "motivation = 4\n", &[]);
    let w = env.file(
        "weekly.toml",
        r#"
autonomy = 3
belonging = 4
contribution = 4
strain_factor = "Workload"
barriers = ["Time pressure", "Too much work"]
learning = "Handover is where the team meets"
"#,
    );
    env.ok_at(
        "2026-11-13T16:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&w)],
    );
    let before = env.file("before.toml", BEFORE);
    env.ok_at(
        "2026-11-16T19:00:00+00:00",
        &[
            "read",
            "What is compassionate leadership?",
            "--answers",
            s(&before),
        ],
    );
    checkin(
        "2026-11-17T09:00:00+00:00",
        "motivation = 8\nhelp = \"Covered a break on the ward\"\n",
        &["ward-7"],
    );
    checkin(
        "2026-11-18T09:00:00+00:00",
        "motivation = 8\nattend = \"Asked the night team what is hard\"\n",
        &[],
    );
    checkin(
        "2026-11-19T09:00:00+00:00",
        "motivation = 9\nempathise = \"Sat with a relative on the ward\"\n",
        &["ward-7"],
    );
    let w = env.file(
        "weekly.toml",
        r#"
autonomy = 4
belonging = 4
contribution = 5
strain_factor = "Teamworking"
barriers = ["Time pressure"]
learning = "Asking first helps the team"
"#,
    );
    env.ok_at(
        "2026-11-20T16:00:00+00:00",
        &["checkin", "--pack", "weekly", "--answers", s(&w)],
    );
    let after = env.file("after.toml", AFTER);
    env.ok_at(
        "2026-11-21T10:00:00+00:00",
        &["read", "--after", "--answers", s(&after)],
    );
    let listing = env.ok_at("2026-11-23T08:59:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Ask the team what would make handover easier");
    env.ok_at("2026-11-23T09:00:00+00:00", &["actions", "done", &h]);
    checkin(
        "2026-11-24T09:00:00+00:00",
        r#"
motivation = 7
attend = "Stayed for the huddle"
understand = "The rota gap is the real problem"
help = "Found cover for Sam"
self = "Left on time"
"#,
        &[],
    );
    env.ok_at(
        "2026-11-25T09:00:00+00:00",
        &[
            "actions",
            "add",
            "Book a debrief with the night team",
            "--due",
            "2026-11-25",
        ],
    );
}

const TOP_KEYS: [&str; 22] = [
    "schema",
    "version",
    "since",
    "until",
    "from_first_entry",
    "judged_at",
    "by",
    "headline",
    "noticed",
    "not_enough_data",
    "periods",
    "rhythm",
    "motivation",
    "behaviours",
    "self_care",
    "needs",
    "barriers",
    "actions",
    "readings",
    "themes",
    "tags",
    "unreadable",
];

#[test]
fn json_names_its_schema_and_version_and_has_every_key() {
    let env = Env::new();
    small_journal(&env);
    let sum = summary(&env, SNAP_NOW, &["--since", "2026-11-02"]);
    assert_eq!(sum["schema"], "tend.summary");
    assert_eq!(sum["version"], 2);
    let obj = sum.as_object().unwrap();
    for k in TOP_KEYS {
        assert!(obj.contains_key(k), "no {k} in {:?}", obj.keys());
    }
    for k in [
        "checkin_days",
        "days",
        "weekly_target",
        "weeks",
        "weeks_meeting_target",
        "motivation_average",
        "motivation_direction",
    ] {
        assert!(sum["headline"].get(k).is_some(), "headline has no {k}");
    }
    for p in sum["periods"].as_array().unwrap() {
        for k in [
            "label",
            "start",
            "end",
            "entries",
            "checkin_days",
            "met_target",
            "motivation",
            "behaviours",
            "self_answered",
            "needs",
            "actions_opened",
            "actions_done",
            "completion",
            "readings_started",
            "readings_finished",
        ] {
            assert!(p.get(k).is_some(), "a period has no {k}: {p}");
        }
    }
    for (section, keys) in [
        ("rhythm", &["checkin_days", "rest_days", "streak"][..]),
        ("motivation", &["overall", "daily"]),
        ("behaviours", &["counts", "least", "checkins"]),
        ("self_care", &["answered", "asked"]),
        ("needs", &["weekly_checkins", "averages", "strain_factors"]),
        (
            "actions",
            &[
                "opened",
                "done",
                "partly",
                "still_going",
                "dropped",
                "open_now",
                "overdue",
                "completion",
            ],
        ),
        (
            "readings",
            &[
                "started",
                "finished",
                "open",
                "finished_titles",
                "discussed_with",
            ],
        ),
        ("unreadable", &["count", "files"]),
    ] {
        for k in keys {
            assert!(sum[section].get(k).is_some(), "{section} has no {k}");
        }
    }
    for k in [
        "noticed",
        "not_enough_data",
        "periods",
        "barriers",
        "themes",
        "tags",
    ] {
        assert!(sum[k].is_array(), "{k} is a list");
    }

    // The numbers, by hand. 2 Nov to 26 Nov is 25 days; check-ins on 3, 4,
    // 5, 11, 17, 18, 19, 24 Nov: 8 days.
    assert_eq!(sum["since"], "2026-11-02");
    assert_eq!(sum["until"], "2026-11-26");
    let h = &sum["headline"];
    assert_eq!(h["checkin_days"], 8);
    assert_eq!(h["days"], 25);
    // Whole weeks: 2, 9, 16 Nov (3, 1, 3 days): 2 met the target of 3.
    assert_eq!(h["weeks"], 3);
    assert_eq!(h["weeks_meeting_target"], 2);
    // (6+7+5+4+8+8+9+7)/8 = 54/8 = 6.75 -> 6.8.
    assert_eq!(h["motivation_average"], 6.8);
    // Last two weeks (13-26 Nov): 8, 8, 9, 7 = 8.0; the four before: 6, 7,
    // 5, 4 = 5.5. Up 2.5.
    assert_eq!(h["motivation_direction"], "up");
    let rules: Vec<&str> = sum["noticed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["motivation_change", "actions_past_due"]);
    assert_eq!(
        sparse(&sum),
        ["2 weekly check-ins in the last month, so no trend in core needs yet (tend looks for 3)."]
    );
    // Week 2 Nov met the target; the streak broke in week 9 Nov; week 16
    // Nov met it; this week is not over: 1, longest 1.
    assert_eq!(sum["rhythm"]["streak"]["current"], 1);
    assert_eq!(sum["rhythm"]["streak"]["longest"], 1);
    // Behaviours over 8 check-ins: attend 3 Nov, 5 Nov, 18 Nov, 24 Nov = 4;
    // understand 4, 24 Nov = 2; empathise 4, 19 Nov = 2; help 3, 17, 24 Nov
    // = 3. Least: understand and empathise, tied at 2, both named.
    let c = &sum["behaviours"]["counts"];
    assert_eq!(c["attend"], 4);
    assert_eq!(c["understand"], 2);
    assert_eq!(c["empathise"], 2);
    assert_eq!(c["help"], 3);
    assert_eq!(
        sum["behaviours"]["least"],
        serde_json::json!(["understand", "empathise"])
    );
    // "Yourself" asked in all 8, answered on 3 and 24 Nov.
    assert_eq!(sum["self_care"]["asked"], 8);
    assert_eq!(sum["self_care"]["answered"], 2);
    // Needs: autonomy (3+4)/2 = 3.5, belonging 4.0, contribution 4.5.
    assert_eq!(sum["needs"]["weekly_checkins"], 2);
    assert_eq!(sum["needs"]["averages"]["autonomy"], 3.5);
    assert_eq!(sum["needs"]["averages"]["belonging"], 4.0);
    assert_eq!(sum["needs"]["averages"]["contribution"], 4.5);
    assert_eq!(
        sum["barriers"][0],
        serde_json::json!({"name": "Time pressure", "count": 2})
    );
    // Actions: the handover one (done), the huddle from the reading (open,
    // for 3 Dec), the debrief (open, past 25 Nov): 1 of 3 done.
    let a = &sum["actions"];
    assert_eq!(a["opened"], 3);
    assert_eq!(a["done"], 1);
    assert_eq!(a["open_now"], 2);
    assert_eq!(a["completion"], 0.33);
    assert_eq!(
        a["overdue"][0]["text"],
        "Book a debrief with the night team"
    );
    let r = &sum["readings"];
    assert_eq!(r["started"], 1);
    assert_eq!(r["finished"], 1);
    assert_eq!(
        r["finished_titles"],
        serde_json::json!(["What is compassionate leadership?"])
    );
    assert_eq!(
        r["discussed_with"],
        serde_json::json!([{"name": "my practice educator", "count": 1}])
    );
    assert_eq!(
        sum["tags"],
        serde_json::json!([{"name": "handover", "count": 2}, {"name": "ward-7", "count": 2}])
    );
    assert_eq!(
        sum["unreadable"],
        serde_json::json!({"count": 0, "files": []})
    );
}

#[test]
fn table_of_a_small_journal() {
    let env = Env::new();
    small_journal(&env);
    let out = env.ok_at(SNAP_NOW, &["summary", "--since", "2026-11-02", "--detail"]);
    assert!(!out.contains('\u{1b}'), "no escape codes with NO_COLOR");
    insta::assert_snapshot!("table", out);
}

/// The same on one screen, at 80 columns: a target, a streak, a past-due
/// action, two weekly check-ins, a reading.
#[test]
fn one_screen_of_a_small_journal() {
    let env = Env::new().at(SNAP_NOW);
    small_journal(&env);
    let out = env.at_width(80, &["summary", "--since", "2026-11-02"]);
    assert!(out.lines().count() <= 22, "{out}");
    insta::assert_snapshot!("one_screen", out);
}

#[test]
fn markdown_of_a_small_journal() {
    let env = Env::new();
    small_journal(&env);
    let out = env.ok_at(
        SNAP_NOW,
        &["summary", "--since", "2026-11-02", "--format", "markdown"],
    );
    insta::assert_snapshot!("markdown", out);
}

// ---------------------------------------------------------------------------
// 5. A corrupt file among good ones

#[test]
fn a_corrupt_file_among_a_hundred_is_named_left_out_and_left_alone() {
    let env = Env::new();
    // 100 check-ins, one a day from 19 Aug to 26 Nov 2026 (13 + 30 + 31 +
    // 26 days), rated 1 to 10 in turn: ten of each, average 5.5.
    let first = chrono::NaiveDate::from_ymd_opt(2026, 8, 19).unwrap();
    let now = "2026-11-26T12:00:00+00:00";
    for i in 0..100 {
        let day = (first + chrono::Duration::days(i)).to_string();
        rate_backdated(&env, now, &day, i % 10 + 1);
    }
    assert_eq!(env.entry_files().len(), 100);
    let rel = "2026/11/20261101T090000Z-bad000.toml";
    let bad = env.dir().join("entries").join(rel);
    let garbage = b"schema = 1\nid = \"20261101T090000Z-bad000\nkind = [[answers\n\xff\xfe";
    fs::write(&bad, garbage).unwrap();
    let before = journal_bytes(&env);

    let out = env.run_at(now, &["summary", "--all", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sum: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(sum["since"], "2026-08-19");
    assert_eq!(sum["behaviours"]["checkins"], 100);
    assert_eq!(sum["headline"]["checkin_days"], 100);
    assert_eq!(
        stats(&sum["motivation"]["overall"]),
        Some((5.5, 1, 10, 100))
    );
    assert_eq!(sum["unreadable"]["count"], 1);
    assert_eq!(sum["unreadable"]["files"], serde_json::json!([rel]));

    let out = env.run_at(now, &["summary", "--all", "--detail"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = stdout(&out);
    let lines: Vec<&str> = table.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("could not be read"))
        .unwrap_or_else(|| panic!("no 'could not be read' in:\n{table}"));
    assert!(lines[at].starts_with("1 file"), "{}", lines[at]);
    assert_eq!(lines[at + 1].trim(), rel, "{table}");
    assert!(table.contains("Checked in on 100 of 100 days."), "{table}");

    let md = env.ok_at(now, &["summary", "--all", "--format", "markdown"]);
    assert!(
        md.contains(&format!("## Files left out\n\n- `{rel}`\n")),
        "{md}"
    );

    assert_eq!(
        fs::read(&bad).unwrap(),
        garbage,
        "the corrupt file is untouched"
    );
    assert_eq!(journal_bytes(&env), before, "no entry file changed");
}

#[test]
fn one_unreadable_file_is_spoken_of_in_the_singular() {
    let env = Env::new();
    rate(&env, "2026-11-20", 5);
    let dir = env.dir().join("entries/2026/11");
    fs::write(dir.join("20261101T090000Z-bad000.toml"), "not = [toml").unwrap();
    let table = env.ok_at(NOW, &["summary"]);
    assert!(
        table.contains("1 file could not be read and was left out (and untouched):"),
        "{table}"
    );
}

// ---------------------------------------------------------------------------
// 6. A person's own pack, summarised through what it measures

const MINE: &str = r#"
id = "mine"
version = 1
title = "My own check-in"
kind = "checkin"

[[questions]]
id = "energy"
type = "scale"
text = "How much energy for work today?"
min = 1
max = 10
labels = ["none", "plenty"]
measures = "motivation"
level = "summary"

[[questions]]
id = "kindness"
type = "text"
text = "Whose day did you make easier?"
measures = "behaviour:help"
level = "full"

[[questions]]
id = "fit_in"
type = "scale"
text = "How much did you feel part of the team?"
min = 1
max = 5
labels = ["apart", "part of it"]
measures = "need:belonging"
level = "summary"
"#;

#[test]
fn a_users_own_pack_is_summarised_through_its_measures() {
    let env = Env::new();
    env.write_pack("mine.toml", MINE);
    for (day, answers) in [
        (
            "2026-11-20",
            "energy = 3\nkindness = \"Covered a break\"\nfit_in = 2\n",
        ),
        ("2026-11-23", "energy = 8\nkindness = \"\"\nfit_in = 5\n"),
        (
            "2026-11-25",
            "energy = 7\nkindness = \"Took a call for Sam\"\nfit_in = 4\n",
        ),
    ] {
        let f = env.file("mine-answers.toml", answers);
        env.ok_at(
            &format!("{day}T09:00:00+00:00"),
            &["checkin", "--pack", "mine", "--answers", s(&f)],
        );
    }
    let e = &env.entries()[0];
    assert_eq!(e["pack"].as_str(), Some("mine"));
    let sum = summary(&env, NOW, &[]);
    // Motivation from "energy": (3+8+7)/3 = 6.0, lowest 3, highest 8.
    assert_eq!(stats(&sum["motivation"]["overall"]), Some((6.0, 3, 8, 3)));
    assert_eq!(sum["headline"]["motivation_average"], 6.0);
    // Help from "kindness": answered twice, skipped once.
    let c = &sum["behaviours"]["counts"];
    assert_eq!(c["help"], 2);
    assert_eq!(c["attend"], 0);
    assert_eq!(sum["behaviours"]["checkins"], 3);
    // Belonging from "fit_in": (2+5+4)/3 = 3.67 -> 3.7; nothing else.
    assert_eq!(
        sum["needs"]["averages"],
        serde_json::json!({"belonging": 3.7})
    );
    assert_eq!(sum["needs"]["weekly_checkins"], 3);
    assert_eq!(sum["self_care"]["asked"], 0, "the pack has no 'self'");
    let table = env.ok_at(NOW, &["summary", "--detail"]);
    assert!(
        table.contains("From 3 weekly check-ins, on 1 to 5: belonging 3.7."),
        "{table}"
    );
}

// ---------------------------------------------------------------------------
// 7. The calendar

/// The calendar's rows, by weekday name, as their cells.
fn grid(out: &str) -> Vec<(String, Vec<char>)> {
    out.lines()
        .filter(|l| {
            ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                .iter()
                .any(|d| l.starts_with(&format!("{d}  ")))
        })
        .map(|l| {
            // One character a week, so a year fits 80 columns.
            let cells: Vec<char> = l[5..].chars().collect();
            (l[..3].to_string(), cells)
        })
        .collect()
}

#[test]
fn calendar_shows_weekday_rows_shades_and_a_legend() {
    let env = Env::new();
    for (day, m) in [
        ("2026-11-23", 7), // Mon: ▓
        ("2026-11-24", 5), // Tue: ▒
        ("2026-11-25", 2), // Wed: ░
        ("2026-11-26", 9), // Thu: █
    ] {
        rate(&env, day, m);
    }
    // Fri 20 Nov: a check-in without a rating: •
    checkin_at(
        &env,
        "2026-11-20T09:00:00+00:00",
        "attend = \"Sat with Sam\"\n",
    );
    let out = env.ok_at("2026-11-26T12:00:00+00:00", &["summary", "--calendar"]);
    assert!(
        out.starts_with("Journal days, the year to 26 Nov 2026\n"),
        "{out}"
    );
    assert!(
        out.contains("· no check-in   • check-in, no rating   ░ 1-3   ▒ 4-5   ▓ 6-7   █ 8-10"),
        "{out}"
    );
    let rows = grid(&out);
    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    // 53 weeks, the last the week of 23 Nov; days after today are blank
    // (and trimmed), so Fri-Sun end a week earlier.
    let want_last = ['▓', '▒', '░', '█', '•', '·', '·'];
    for ((name, cells), last) in rows.iter().zip(want_last) {
        let n = if ["Fri", "Sat", "Sun"].contains(&name.as_str()) {
            52
        } else {
            53
        };
        assert_eq!(cells.len(), n, "{name}: {cells:?}");
        assert_eq!(*cells.last().unwrap(), last, "{name}");
        // Every other day had no check-in.
        assert!(
            cells[..cells.len() - 1].iter().all(|c| *c == '·'),
            "{name}: {cells:?}"
        );
    }
    let thu = &rows[3].1;
    assert_eq!(thu[52], '█', "motivation 9 on Thu 26 Nov");

    let md = env.ok_at(
        "2026-11-26T12:00:00+00:00",
        &["summary", "--calendar", "--format", "markdown"],
    );
    assert!(
        md.starts_with("# Journal days to 26 Nov 2026\n\n```\n"),
        "{md}"
    );
    assert!(md.trim_end().ends_with("```"), "{md}");
    assert_eq!(grid(&md), rows);
}

#[test]
fn calendar_shades_every_rated_day_of_the_year() {
    let env = Env::new();
    rate(&env, "2026-06-01", 9); // a Monday, 25 weeks before 23 Nov
    rate(&env, "2026-11-26", 9);
    let out = env.ok_at("2026-11-26T12:00:00+00:00", &["summary", "--calendar"]);
    let rows = grid(&out);
    // The grid starts on Mon 24 Nov 2025; 1 Jun 2026 is 27 weeks on.
    assert_eq!(rows[0].1[27], '█', "{out}");
    assert_eq!(rows[3].1[52], '█', "{out}");
}

// ---------------------------------------------------------------------------
// 8. Bad input

#[test]
fn since_after_until_and_unreadable_dates_are_refused_and_write_nothing() {
    let env = Env::new();
    rate(&env, "2026-11-20", 6);
    let before = journal_bytes(&env);
    let cases: [(&[&str], &str); 4] = [
        (
            &["--since", "2026-12-01", "--until", "2026-11-01"],
            "--since (2026-12-01) is after --until (2026-11-01); there is nothing in between",
        ),
        (
            &["--since", "next tuesday-ish"],
            "could not read \"next tuesday-ish\" as a date",
        ),
        (
            &["--until", "31/02/2026"],
            "could not read \"31/02/2026\" as a date",
        ),
        (&["--by", "year"], "invalid value 'year' for '--by"),
    ];
    for (args, want) in cases {
        let mut all = vec!["summary"];
        all.extend_from_slice(args);
        let out = env.run_at(NOW, &all);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        assert_eq!(journal_bytes(&env), before, "{args:?} wrote something");
    }
    // "--since DATE" with a date that is fine but later than today, and no
    // --until: refused too, naming the day and today.
    let out = env.run_at(NOW, &["summary", "--since", "2026-12-01"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("2026-12-01") && err.contains("2026-11-26"),
        "{err}"
    );
    assert_eq!(journal_bytes(&env), before);

    // With no journal at all, a refusal creates nothing.
    let fresh = Env::new();
    let out = fresh.run_at(
        NOW,
        &["summary", "--since", "2026-12-01", "--until", "2026-11-01"],
    );
    assert!(!out.status.success());
    assert!(!fresh.dir().exists(), "no journal folder was made");
}

#[test]
fn a_future_since_is_refused_in_terms_of_what_was_typed() {
    let env = Env::new();
    let out = env.run_at(
        NOW,
        &["summary", "--since", "2026-12-01", "--until", "2026-12-31"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    // Today is 26 Nov; "--until (2026-11-26)" is not what was asked for.
    assert!(!err.contains("--until (2026-11-26)"), "{err}");
    assert!(err.contains("today") || err.contains("2026-12-31"), "{err}");
}

// ---------------------------------------------------------------------------
// One number for each thing (issue 9)

#[test]
fn motivation_is_one_number_a_day_in_the_headline_noticing_and_tables() {
    let env = Env::new();
    for day in ["2026-10-20", "2026-10-27", "2026-11-03", "2026-11-10"] {
        rate(&env, day, 6);
    }
    // Two ratings on 16 Nov, 2 and 10: that day's value is 6.
    rate(&env, "2026-11-16", 2);
    checkin_at(&env, "2026-11-16T20:00:00+00:00", &rated(10));
    for (day, m) in [("2026-11-19", 3), ("2026-11-23", 3), ("2026-11-25", 4)] {
        rate(&env, day, m);
    }
    // The last two weeks, 13-26 Nov: days 6, 3, 3, 4 average 16/4 = 4.0.
    // Averaged by rating it would be (2+10+3+3+4)/5 = 4.4, which the headline
    // said while the noticing line said 4.0.
    let sum = summary(&env, NOW, &["--since", "2026-11-13"]);
    assert_eq!(sum["headline"]["motivation_average"], 4.0);
    let n = the_notice(&sum, "motivation_change");
    assert_eq!(
        n["text"],
        "Motivation averaged 4.0 over the last two weeks, down from 6.0 in the four weeks before (4 and 4 days with a rating)."
    );
    let overall = &sum["motivation"]["overall"];
    assert_eq!(stats(overall), Some((4.0, 2, 10, 5)));
    assert_eq!(overall["days"], 4);
    // By week: 16-22 Nov has days 6 and 3 (4.5); 23-26 Nov 3 and 4 (3.5).
    let weeks: Vec<_> = periods(&sum).into_iter().map(|p| p.5).collect();
    assert_eq!(weeks, [None, Some((4.5, 2, 10, 3)), Some((3.5, 3, 4, 2))]);
    assert_eq!(
        daily(&sum),
        days(&[
            ("2026-11-16", 6.0),
            ("2026-11-19", 3.0),
            ("2026-11-23", 3.0),
            ("2026-11-25", 4.0),
        ])
    );
    let table = env.ok_at(NOW, &["summary", "--since", "2026-11-13", "--detail"]);
    assert!(
        table.contains("  Motivation averaged 4.0, down lately.\n"),
        "{table}"
    );
    assert!(
        table.contains("· Motivation averaged 4.0 over the last two weeks"),
        "{table}"
    );
    assert!(
        table.contains(
            "A pulse, not a verdict: 4.0 on average, from 2 to 10, over 5 ratings on 4 days."
        ),
        "{table}"
    );
    // An export says the same.
    let export = env.ok_at(
        NOW,
        &["export", "--since", "2026-11-13", "--format", "json"],
    );
    let x: Value = serde_json::from_str(&export).unwrap();
    assert_eq!(x["headline"]["motivation_average"], 4.0, "{x}");
}

#[test]
fn a_past_period_is_judged_as_of_its_last_day() {
    let env = Env::new();
    env.ok_at(
        "2026-10-10T09:00:00+00:00",
        &["actions", "add", "Send the rota", "--due", "2026-10-20"],
    );
    rate(&env, "2026-10-12", 6);
    // Done in November, so still open at the end of October.
    let listing = env.ok_at("2026-11-05T08:00:00+00:00", &["actions"]);
    let h = action_handle(&listing, "Send the rota");
    env.ok_at("2026-11-05T09:00:00+00:00", &["actions", "done", &h]);
    // Set in November: no October report may name it.
    env.ok_at(
        "2026-11-05T10:00:00+00:00",
        &["actions", "add", "Book the room", "--due", "2026-11-08"],
    );
    let october = &["--since", "2026-10", "--until", "2026-10"];
    let sum = summary(&env, NOW, october);
    assert_eq!(sum["judged_at"], "2026-10-31");
    let a = &sum["actions"];
    assert_eq!(a["open_now"], 1, "{a}");
    let overdue: Vec<&str> = a["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["text"].as_str().unwrap())
        .collect();
    assert_eq!(overdue, ["Send the rota"]);
    assert_eq!(
        the_notice(&sum, "actions_past_due")["text"],
        "1 action is past the day you set: “Send the rota” (for 20 Oct)."
    );
    let mut args = vec!["summary", "--detail"];
    args.extend_from_slice(october);
    let table = env.ok_at(NOW, &args);
    assert!(!table.contains("Book the room"), "{table}");
    assert!(table.contains("1 open on 31 Oct 2026."), "{table}");
    let mut args = vec!["export", "--level", "full", "--format", "json"];
    args.extend_from_slice(october);
    let export = env.ok_at(NOW, &args);
    assert!(!export.contains("Book the room"), "{export}");
    assert!(export.contains("Send the rota"), "{export}");

    // Today's summary judges as of today: the rota is done, the room past due.
    let sum = summary(&env, NOW, &[]);
    assert_eq!(sum["judged_at"], "2026-11-26");
    assert_eq!(sum["actions"]["open_now"], 1);
    assert_eq!(sum["actions"]["overdue"][0]["text"], "Book the room");
    assert!(
        env.ok_at(NOW, &["summary", "--detail"])
            .contains("1 open now.")
    );
}

#[test]
fn a_year_before_the_journal_began_lists_nothing() {
    let env = Env::new();
    env.ok_at(
        "2026-03-02T09:00:00+00:00",
        &["actions", "add", "Send the rota", "--due", "2026-03-09"],
    );
    rate(&env, "2026-03-03", 6);
    let before = env.file("before.toml", BEFORE);
    env.ok_at(
        "2026-03-04T19:00:00+00:00",
        &["read", "A book about teams", "--answers", s(&before)],
    );
    let sum = summary(
        &env,
        NOW,
        &["--since", "2025-01-01", "--until", "2025-12-31"],
    );
    assert_eq!(sum["judged_at"], "2025-12-31");
    assert_eq!(sum["from_first_entry"], false);
    assert_eq!(sum["actions"]["open_now"], 0);
    assert_eq!(sum["actions"]["overdue"], Value::from(Vec::<Value>::new()));
    assert_eq!(sum["readings"]["open_count"], 0);
    assert_eq!(sum["noticed"], Value::from(Vec::<Value>::new()));
    let table = env.ok_at(
        NOW,
        &["summary", "--since", "2025-01-01", "--until", "2025-12-31"],
    );
    assert!(!table.contains("Send the rota"), "{table}");
    assert!(!table.contains("A book about teams"), "{table}");
}

#[test]
fn quiet_behaviours_say_since_when_and_how_many_checkins() {
    let env = Env::new();
    // Empathise last on 30 Oct; help never. As of 29 Nov that is 30 days.
    checkin_at(
        &env,
        "2026-10-30T09:00:00+00:00",
        &reflecting_on(&["attend", "empathise"]),
    );
    for day in 2..=19 {
        checkin_at(
            &env,
            &format!("2026-11-{day:02}T09:00:00+00:00"),
            &reflecting_on(&["attend", "understand"]),
        );
    }
    let sum = summary(
        &env,
        "2026-11-29T18:00:00+00:00",
        &["--since", "2026-11-01"],
    );
    let quiet = noticed(&sum, "behaviour_quiet");
    let texts: Vec<&str> = quiet.iter().map(|n| n["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "“Empathise” hasn't come up since 30 Oct (30 days, 18 check-ins).",
            "“Help” hasn't come up, not once in this period (18 check-ins).",
        ]
    );
    assert_eq!(
        numbers(quiet[0]),
        nums(&[("days", 30.0), ("checkins", 18.0)])
    );
    assert_eq!(numbers(quiet[1]), nums(&[("checkins", 18.0)]));
}

#[test]
fn since_before_the_first_entry_starts_at_it_and_says_so() {
    let env = Env::new();
    rate(&env, "2026-11-12", 6);
    rate(&env, "2026-11-20", 7);
    // "last month" on 3 Dec is November; the journal began on 12 Nov.
    let now = "2026-12-03T12:00:00+00:00";
    let sum = summary(
        &env,
        now,
        &["--since", "last month", "--until", "last month"],
    );
    assert_eq!(sum["since"], "2026-11-12");
    assert_eq!(sum["until"], "2026-11-30");
    assert_eq!(sum["from_first_entry"], true);
    assert_eq!(sum["headline"]["days"], 19);
    let table = env.ok_at(
        now,
        &["summary", "--since", "last month", "--until", "last month"],
    );
    assert!(
        table.starts_with("Your journal, from your first entry on 12 Nov 2026 to 30 Nov 2026\n"),
        "{table}"
    );
    // A period that starts after the first entry says nothing of it.
    let sum = summary(&env, now, &["--since", "2026-11-13"]);
    assert_eq!(sum["since"], "2026-11-13");
    assert_eq!(sum["from_first_entry"], false);
}

#[test]
fn ties_are_named_and_roles_are_listed_once_with_a_count() {
    let env = Env::new();
    for day in ["2026-11-16", "2026-11-17", "2026-11-18"] {
        checkin_at(
            &env,
            &format!("{day}T09:00:00+00:00"),
            &reflecting_on(&["attend", "help"]),
        );
    }
    for day in ["2026-11-13", "2026-11-20"] {
        weekly(
            &env,
            day,
            "autonomy = 3\nbelonging = 3\ncontribution = 3\nbarriers = [\"Time pressure\", \"Too much work\"]\n",
        );
    }
    for (i, role) in ["Nurse", "my manager", "nurse ", "NURSE", "nurse"]
        .iter()
        .enumerate()
    {
        let before = env.file("before.toml", BEFORE);
        let at = format!("2026-11-{:02}T19:00:00+00:00", 2 + 2 * i);
        env.ok_at(
            &at,
            &["read", &format!("Reading {i}"), "--answers", s(&before)],
        );
        let after = env.file(
            "after.toml",
            &format!("learned = \"Something\"\ndiscuss_with = \"{role}\"\n"),
        );
        let at = format!("2026-11-{:02}T20:00:00+00:00", 2 + 2 * i);
        env.ok_at(&at, &["read", "--after", "--answers", s(&after)]);
    }
    let sum = summary(&env, NOW, &["--since", "2026-11-01"]);
    assert_eq!(
        sum["behaviours"]["least"],
        serde_json::json!(["understand", "empathise"])
    );
    assert_eq!(
        sum["readings"]["discussed_with"],
        serde_json::json!([
            {"name": "nurse", "count": 4},
            {"name": "my manager", "count": 1}
        ])
    );
    let table = env.ok_at(NOW, &["summary", "--since", "2026-11-01", "--detail"]);
    assert!(
        table.contains("Across 3 check-ins, understand and empathise came up least, 0 times each."),
        "{table}"
    );
    assert!(
        table.contains("Named most often: Time pressure and Too much work (2 weeks each)."),
        "{table}"
    );
    assert!(
        table.contains("Talked over with: nurse (4); my manager (1)."),
        "{table}"
    );
}

#[test]
fn themes_fold_plurals_show_the_word_used_most_and_leave_out_everyday_words_and_names() {
    let env = Env::new();
    env.write_config("watch_list = [\"Okafor\"]\n");
    for (i, text) in [
        "The nurses asked about the book. She's tired; it's late. Okafor rang.",
        "A nurse and two colleagues stayed late. Asking Okafor again.",
        "Colleagues covered; the nurses rested. Okafor booked it.",
    ]
    .iter()
    .enumerate()
    {
        checkin_at(
            &env,
            &format!("2026-11-{:02}T09:00:00+00:00", 16 + i),
            &format!("motivation = 6\nattend = \"{text}\"\n"),
        );
    }
    let sum = summary(&env, NOW, &["--since", "2026-11-01"]);
    let themes: Vec<(String, u64)> = sum["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    // nurses/nurse/nurses: one theme in three entries, shown as "nurses"
    // (used in two); colleagues in two; "late" in two. Never she's, it's,
    // asking, book or the watched name.
    assert_eq!(
        themes,
        [
            ("nurses".to_string(), 3),
            ("colleagues".to_string(), 2),
            ("late".to_string(), 2),
        ]
    );
    let table = env.ok_at(NOW, &["summary", "--since", "2026-11-01", "--detail"]);
    assert!(
        table.contains("nurses (3), colleagues (2), late (2)"),
        "{table}"
    );
}

#[test]
fn an_index_of_an_older_version_is_rebuilt_with_the_new_themes() {
    let env = Env::new();
    for day in ["2026-11-16", "2026-11-17"] {
        checkin_at(
            &env,
            &format!("{day}T09:00:00+00:00"),
            "motivation = 6\nattend = \"Colleagues at handover\"\n",
        );
    }
    env.ok_at(NOW, &["summary"]);
    // An index written by an older tend: its version is not this one.
    let state = env.dir().join("index").join("state.json");
    let text = fs::read_to_string(&state).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v["version"].as_u64().unwrap() >= 6);
    let old = text.replacen(&format!("\"version\":{}", v["version"]), "\"version\":5", 1);
    assert_ne!(old, text, "the version is written as expected");
    fs::write(&state, old).unwrap();
    let sum = summary(&env, NOW, &["--since", "2026-11-01"]);
    assert_eq!(sum["themes"][0]["name"], "colleagues");
    assert_eq!(sum["themes"][0]["count"], 2);
    let v: Value = serde_json::from_str(&fs::read_to_string(&state).unwrap()).unwrap();
    assert!(
        v["version"].as_u64().unwrap() >= 6,
        "rebuilt at this version"
    );
}

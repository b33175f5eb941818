//! `tend review` as a coach uses it: planted leaders, each built from a real
//! journal through `tend checkin --answers` and exported with `tend export`,
//! give the expected order, flags and openers; the triage fits 80 columns
//! for any number of leaders; periods that differ and old exports are
//! pointed out; files too large or holding impossible numbers are named and
//! left out while the rest are shown.
//!
//! Every leader here is synthetic ("leader-falling", "leader-night", …).
//! The clock is pinned to Thursday 26 Nov 2026, 20:00 UTC; the exports
//! cover 1 Oct 2026 to 26 Nov 2026.

mod common;
use common::*;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, NaiveDate};
use serde_json::Value;

const NOW: &str = "2026-11-26T20:00:00+00:00";
const PERIOD: [&str; 4] = ["--since", "2026-10-01", "--until", "2026-11-26"];

/// One planted leader's check-ins: every third day from 1 Oct, at `time`
/// (UTC), with a motivation for each day and the behaviours answered.
struct Plant {
    label: &'static str,
    days: Vec<NaiveDate>,
    time: &'static str,
    motivation: fn(NaiveDate) -> u8,
    reflects: fn(NaiveDate, &str) -> bool,
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn every_third_day() -> Vec<NaiveDate> {
    let mut d = day("2026-10-01");
    let mut out = Vec::new();
    while d <= day("2026-11-26") {
        out.push(d);
        d += Days::days(3);
    }
    out
}

fn always(_: NaiveDate, _: &str) -> bool {
    true
}

fn six(_: NaiveDate) -> u8 {
    6
}

fn planted() -> Vec<Plant> {
    vec![
        Plant {
            label: "leader-steady",
            days: every_third_day(),
            time: "09:00:00",
            motivation: six,
            reflects: always,
        },
        Plant {
            label: "leader-falling",
            days: every_third_day(),
            time: "09:00:00",
            motivation: |d| if d < day("2026-11-13") { 8 } else { 3 },
            reflects: always,
        },
        Plant {
            label: "leader-quiet",
            days: every_third_day(),
            time: "09:00:00",
            motivation: six,
            reflects: |d, b| b != "empathise" || d <= day("2026-10-30"),
        },
        Plant {
            label: "leader-sparse",
            days: vec![day("2026-10-05"), day("2026-10-20"), day("2026-11-10")],
            time: "09:00:00",
            motivation: six,
            reflects: always,
        },
        // After midnight: with the journal day starting at 04:00, each
        // check-in belongs to the shift that began the day before.
        Plant {
            label: "leader-night",
            days: every_third_day(),
            time: "02:30:00",
            motivation: six,
            reflects: always,
        },
    ]
}

/// The leader's journal, built as they would, in its own folder.
fn grow(p: &Plant) -> Env {
    let env = Env::new().at(NOW);
    if p.time < "04:00" {
        env.write_config("day_starts = \"04:00\"\n");
    }
    for d in &p.days {
        let mut answers = format!("motivation = {}\n", (p.motivation)(*d));
        for b in ["attend", "understand", "empathise", "help"] {
            if (p.reflects)(*d, b) {
                answers += &format!("{b} = \"a synthetic moment\"\n");
            }
        }
        let file = env.file("answers.toml", &answers);
        // The night shift's check-ins fall the morning after each day.
        let at = if p.time < "04:00" {
            *d + Days::days(1)
        } else {
            *d
        };
        env.ok_at(
            &format!("{at}T{}+00:00", p.time),
            &["checkin", "--answers", file.to_str().unwrap()],
        );
    }
    env
}

/// Exports the leader's journal with `extra` options into `out`.
fn export(env: &Env, label: &str, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "export",
        "--format",
        "json",
        "--label",
        label,
        "-o",
        out.to_str().unwrap(),
    ];
    if !extra.contains(&"--since") {
        args.extend_from_slice(&PERIOD);
    }
    args.extend_from_slice(extra);
    env.ok_at(NOW, &args);
}

/// The five planted leaders exported into `dir`, with their journals.
fn planted_exports(dir: &Path) -> Vec<(PathBuf, Env)> {
    planted()
        .iter()
        .map(|p| {
            let env = grow(p);
            let file = dir.join(format!("{}.json", p.label));
            export(&env, p.label, &file, &[]);
            (file, env)
        })
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `tend review ARGS` at a width; the output, which must succeed.
fn review(env: &Env, columns: usize, args: &[&str]) -> String {
    let out = env
        .tend()
        .env("TEND_TEST_NOW", NOW)
        .env("COLUMNS", columns.to_string())
        .arg("review")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // Dates in the table keep day and month together with a no-break space.
    stdout(&out).replace('\u{a0}', " ")
}

/// The labels in the order the triage shows them, side by side or stacked
/// ("leader:   leader-a").
fn order(out: &str) -> Vec<String> {
    out.lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            match words.next()? {
                "leader:" => words.next(),
                w => Some(w),
            }
        })
        .filter(|w| w.starts_with("leader-"))
        .map(String::from)
        .collect()
}

#[test]
fn planted_leaders_give_the_expected_order_flags_and_openers() {
    let coach = Env::new().at(NOW);
    let exports = planted_exports(coach.tmp.path());
    let files: Vec<&str> = exports.iter().map(|(f, _)| s(f)).collect();

    let out = review(&coach, 80, &files);
    // Those with something noticed first, then the rest, each by name;
    // how often someone checks in (leader-sparse) sets nothing.
    assert_eq!(
        order(&out),
        [
            "leader-falling",
            "leader-quiet",
            "leader-night",
            "leader-sparse",
            "leader-steady"
        ],
        "{out}"
    );
    // A row's lines (a long flag wraps within its column), as one line.
    let row = |label: &str| {
        let from = out.find(line_with(&out, label)).unwrap();
        let rest: Vec<&str> = out[from..].lines().collect();
        let mut lines = vec![rest[0]];
        lines.extend(rest[1..].iter().take_while(|l| l.starts_with("   ")));
        lines
            .concat()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(row("leader-falling").contains("3.0, was 8.0"), "{out}");
    assert!(
        row("leader-falling").contains("motivation falling"),
        "{out}"
    );
    // The flag wraps in its column at 80; the day stays with its month.
    assert!(
        row("leader-quiet").contains("empathise quiet since"),
        "{out}"
    );
    assert!(row("leader-quiet").contains(" 28 Oct"), "{out}");
    assert!(row("leader-steady").contains("6.0, was 6.0"), "{out}");
    for calm in ["leader-steady", "leader-sparse", "leader-night"] {
        assert!(
            !row(calm).contains("falling") && !row(calm).contains("quiet"),
            "{out}"
        );
    }
    // The night shift's last check-in, at 02:30 on 25 Nov, belongs to the
    // shift of 24 Nov, as the day-time leaders' last one does.
    assert!(row("leader-night").contains("24 Nov"), "{out}");
    assert!(!row("leader-night").contains("25 Nov"), "{out}");
    assert!(row("leader-steady").contains("24 Nov"), "{out}");
    assert!(row("leader-sparse").contains("3 of 57"), "{out}");

    let by_name = review(&coach, 80, &[&files[..], &["--sort", "name"]].concat());
    assert_eq!(
        order(&by_name),
        [
            "leader-falling",
            "leader-night",
            "leader-quiet",
            "leader-sparse",
            "leader-steady"
        ]
    );

    // In depth, the openers; and the leader saw each of them first.
    for (label, opener) in [
        (
            "leader-falling",
            "Motivation moved from 8.0 to 3.0 over the last fortnight. What has been different for you since 13 Nov?",
        ),
        (
            "leader-quiet",
            "Empathise has not come up in your reflections since 28 Oct. What has it been like, lately, to tune in to what others are carrying?",
        ),
    ] {
        let depth = review(&coach, 200, &[&files[..], &["--leader", label]].concat());
        assert!(
            depth.starts_with(&format!("{label} · summary level")),
            "{depth}"
        );
        assert!(depth.contains(opener), "{label}:\n{depth}");
        let env = &exports
            .iter()
            .find(|(f, _)| f.ends_with(format!("{label}.json")))
            .unwrap()
            .1;
        let mut args = vec!["export", "--preview", "--label", label];
        args.extend_from_slice(&PERIOD);
        let preview = env.ok_at(NOW, &args);
        assert!(preview.contains(&format!("  ? {opener}\n")), "{preview}");
    }
    for calm in ["leader-steady", "leader-sparse", "leader-night"] {
        let depth = review(&coach, 200, &[&files[..], &["--leader", calm]].concat());
        assert!(!depth.contains("Questions to begin with"), "{depth}");
    }
}

#[test]
fn a_part_the_leader_withheld_shows_not_shared_and_raises_no_flag() {
    let coach = Env::new().at(NOW);
    let p = &planted()[1];
    let env = grow(p);
    let file = coach.tmp.path().join("withheld.json");
    export(&env, p.label, &file, &["--without", "motivation,rhythm"]);
    let out = review(&coach, 80, &[s(&file)]);
    let row = line_with(&out, "leader-falling");
    assert_eq!(row.matches("not shared").count(), 3, "{out}");
    assert!(!out.contains("motivation falling"), "{out}");
}

/// `n` exports: the planted five, then copies under new labels.
fn many(dir: &Path, n: usize) -> Vec<PathBuf> {
    let base = planted_exports(dir);
    (0..n)
        .map(|i| {
            let (from, _) = &base[i % base.len()];
            if i < base.len() {
                return from.clone();
            }
            let mut v: Value = serde_json::from_str(&fs::read_to_string(from).unwrap()).unwrap();
            v["export"]["label"] = Value::from(format!("leader-{:02}", i + 1));
            let to = dir.join(format!("copy-{i}.json"));
            fs::write(&to, v.to_string()).unwrap();
            to
        })
        .collect()
}

#[test]
fn twelve_leaders_fit_80_columns() {
    let coach = Env::new().at(NOW);
    let files = many(coach.tmp.path(), 12);
    let files: Vec<&str> = files.iter().map(|f| s(f)).collect();
    for columns in [40, 59, 60, 72, 80, 109, 110] {
        let out = review(&coach, columns, &files);
        for line in out.lines() {
            assert!(
                console::measure_text_width(line) <= columns,
                "wider than {columns}: {line}\n{out}"
            );
        }
        assert_eq!(order(&out).len(), 12, "{columns}:\n{out}");
    }
    insta::assert_snapshot!("twelve_at_80", review(&coach, 80, &files));
}

#[test]
fn periods_that_differ_and_old_exports_are_pointed_out() {
    let coach = Env::new().at(NOW);
    let p = planted();
    let dir = coach.tmp.path();
    let mut files = Vec::new();
    for plant in &p[..3] {
        let env = grow(plant);
        let file = dir.join(format!("{}.json", plant.label));
        let extra: &[&str] = if plant.label == "leader-quiet" {
            &["--since", "2026-11-01", "--until", "2026-11-26"]
        } else {
            &[]
        };
        export(&env, plant.label, &file, extra);
        files.push(file);
    }
    // An export made on 1 Nov, reviewed on 26 Nov.
    let env = grow(&p[4]);
    let old = dir.join("old.json");
    env.ok_at(
        "2026-11-01T12:00:00+00:00",
        &[
            "export",
            "--format",
            "json",
            "--label",
            "leader-night",
            "--since",
            "2026-10-01",
            "--until",
            "2026-11-01",
            "-o",
            s(&old),
        ],
    );
    files.push(old);
    let args: Vec<&str> = files.iter().map(|f| s(f)).collect();
    let out = review(&coach, 200, &args);
    assert!(
        out.contains(
            "leader-quiet covers 1 Nov 2026 to 26 Nov 2026; the others 1 Oct 2026 to 26 Nov 2026."
        ),
        "{out}"
    );
    assert!(
        out.contains("leader-night's export was made on 1 Nov 2026, 25 days ago"),
        "{out}"
    );
    assert!(!out.contains("leader-falling covers"), "{out}");
    assert!(!out.contains("leader-falling's export was made"), "{out}");
}

#[test]
fn too_large_and_impossible_files_are_named_and_left_out() {
    let coach = Env::new().at(NOW);
    let exports = planted_exports(coach.tmp.path());
    let dir = coach.tmp.path();
    // A gigabyte of nothing (sparse, so it costs no disk).
    let huge = dir.join("huge.json");
    fs::File::create(&huge).unwrap().set_len(1 << 30).unwrap();
    let mut impossible = Vec::new();
    for (name, field, value) in [
        ("days.json", "/headline/checkin_days", Value::from(900)),
        ("negative.json", "/behaviours/counts/help", Value::from(-2)),
        (
            "scale.json",
            "/motivation/overall/average",
            Value::from(14.5),
        ),
        ("version.json", "/version", Value::from(2.5)),
    ] {
        let mut v: Value =
            serde_json::from_str(&fs::read_to_string(&exports[0].0).unwrap()).unwrap();
        *v.pointer_mut(field).unwrap() = value;
        v["export"]["label"] = Value::from("leader-impossible");
        impossible.push((dir.join(name), field));
        fs::write(dir.join(name), v.to_string()).unwrap();
    }
    let mut args = vec!["review", "/dev/zero", s(&huge)];
    args.extend(impossible.iter().map(|(f, _)| s(f)));
    args.extend(exports.iter().map(|(f, _)| s(f)));
    let start = Instant::now();
    let out = coach.run_at(NOW, &args);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    for f in ["/dev/zero", s(&huge)] {
        assert!(
            line_with(&err, f).contains("larger than an export can be"),
            "{err}"
        );
    }
    for (f, field) in &impossible {
        let line = line_with(&err, s(f));
        assert!(line.contains("left out"), "{line}");
        let dotted = field.trim_start_matches('/').replace('/', ".");
        assert!(line.contains(&dotted) || line.contains("version"), "{line}");
    }
    assert!(line_with(&err, "days.json").contains("at most 57"), "{err}");
    let shown = stdout(&out);
    assert!(!shown.contains("leader-impossible"), "{shown}");
    assert_eq!(order(&shown).len(), 5, "{shown}");
}

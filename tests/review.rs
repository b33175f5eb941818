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

// ---------------------------------------------------------------------------
// The review as a page

fn sel(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap()
}

fn text_of(e: scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

/// A copy of `from` under a new label, changed by `edit`.
fn copy(from: &Path, to: &Path, label: &str, edit: impl FnOnce(&mut Value)) -> PathBuf {
    let mut v: Value = serde_json::from_str(&fs::read_to_string(from).unwrap()).unwrap();
    v["export"]["label"] = Value::from(label);
    edit(&mut v);
    fs::write(to, v.to_string()).unwrap();
    to.to_path_buf()
}

const HOSTILE: &str = "<img src=x onerror=alert(1)>\u{1b}[31m\u{7}\u{202e}";

#[test]
fn the_page_is_self_contained_labelled_and_inert() {
    let coach = Env::new().at(NOW);
    let dir = coach.tmp.path();
    let exports = planted_exports(dir);
    let file = |label: &str| {
        exports
            .iter()
            .find(|(f, _)| f.ends_with(format!("{label}.json")))
            .unwrap()
            .0
            .clone()
    };
    // leader-gap: leader-steady with no rating in its fourth week.
    let gap = copy(
        &file("leader-steady"),
        &dir.join("gap.json"),
        "leader-gap",
        |v| v["periods"][3]["motivation"] = Value::Null,
    );
    // A hostile export: markup and control characters in the label, what
    // tend noticed and the words the leader shared.
    let hostile = copy(
        &file("leader-falling"),
        &dir.join("hostile.json"),
        &format!("leader-{HOSTILE}"),
        |v| {
            v["noticed"][0]["text"] = Value::from(format!("Noticed {HOSTILE}"));
            v["export"]["includes"]
                .as_array_mut()
                .unwrap()
                .push(Value::from("answers"));
            v["answers"] = serde_json::json!([{
                "date": "2026-11-20", "kind": "weekly", "question": "What did this week teach you?",
                "type": "text", "value": format!("Words {HOSTILE}"), "shared": true
            }]);
        },
    );
    let mut files: Vec<PathBuf> = exports.iter().map(|(f, _)| f.clone()).collect();
    files.push(gap);
    files.push(hostile.clone());
    let args: Vec<&str> = files.iter().map(|f| s(f)).collect();
    let page = review(&coach, 80, &[&["--format", "html"][..], &args[..]].concat());
    let doc = scraper::Html::parse_document(&page);
    // Shared words are headed by their day and kind as a person reads it.
    assert!(page.contains("Fri 20 Nov 2026 · weekly check-in"), "{page}");

    // Nothing runs and nothing is fetched.
    assert_eq!(doc.select(&sel("script, img, iframe, link, a")).count(), 0);
    for e in doc.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            let value = value.to_ascii_lowercase();
            assert!(!name.starts_with("on"), "<{} {name}>", e.value().name());
            for far in ["http:", "https:", "//", "url(", "javascript:"] {
                assert!(
                    !value.contains(far),
                    "<{} {name}={value:?}>",
                    e.value().name()
                );
            }
        }
    }
    let style: String = doc.select(&sel("style")).map(text_of).collect();
    for far in ["http:", "https:", "//", "url(", "@import"] {
        assert!(!style.contains(far), "{far} in the style");
    }

    // Leader text is text: no element made of it, no control character.
    assert!(!page.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{page}");
    let inert = "<img src=x onerror=alert(1)>[31m";
    let cards: Vec<scraper::ElementRef> = doc.select(&sel("section.card")).collect();
    let titles: Vec<String> = doc.select(&sel("section.card h2")).map(text_of).collect();
    assert!(titles.contains(&format!("leader-{inert}")), "{titles:?}");
    let hostile_card = cards
        .iter()
        .find(|c| text_of(**c).contains(&format!("leader-{inert}")))
        .unwrap();
    let card_text = text_of(*hostile_card);
    assert!(
        card_text.contains(&format!("Noticed {inert}")),
        "{card_text}"
    );
    let quotes: Vec<String> = hostile_card
        .select(&sel("blockquote"))
        .map(text_of)
        .collect();
    assert_eq!(quotes, [format!("Words {inert}")]);
    assert!(
        card_text.contains("Fri 20 Nov 2026 · weekly"),
        "{card_text}"
    );

    // One card per leader, in the triage's order.
    let rows: Vec<String> = doc
        .select(&sel("table.triage tbody th[scope=row]"))
        .map(text_of)
        .collect();
    assert_eq!(rows.len(), files.len(), "{rows:?}");
    assert_eq!(titles, rows);

    // Every chart is an image with its numbers read out.
    let svgs: Vec<scraper::ElementRef> = doc.select(&sel("svg")).collect();
    assert!(!svgs.is_empty());
    for svg in &svgs {
        assert_eq!(svg.value().attr("role"), Some("img"));
        let label = svg.value().attr("aria-label").unwrap_or("");
        assert!(
            label.contains(": ") && label.chars().any(|c| c.is_ascii_digit()),
            "{label:?}"
        );
    }
    // The trend says the leader's own weekly averages, from their export.
    let steady: Value =
        serde_json::from_str(&fs::read_to_string(file("leader-steady")).unwrap()).unwrap();
    let weeks: Vec<Option<f64>> = steady["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["motivation"]["average"].as_f64())
        .collect();
    assert!(
        weeks.len() > 5 && weeks.iter().all(Option::is_some),
        "{weeks:?}"
    );
    let said = |w: &[Option<f64>]| {
        w.iter()
            .map(|v| v.map_or("no rating".into(), |v| format!("{v:.1}")))
            .collect::<Vec<String>>()
            .join(", ")
    };
    let trend = |label: &str| {
        doc.select(&sel("table.triage tbody tr"))
            .find(|r| text_of(*r).starts_with(label))
            .unwrap()
            .select(&sel("svg"))
            .next()
            .unwrap()
    };
    assert_eq!(
        trend("leader-steady").value().attr("aria-label").unwrap(),
        format!("Motivation by week, oldest first: {}", said(&weeks))
    );
    // An empty week stays a gap: the line breaks there, in two pieces
    // either side of it, and is never drawn across it.
    let mut gapped = weeks.clone();
    gapped[3] = None;
    let gap_svg = trend("leader-gap");
    assert_eq!(
        gap_svg.value().attr("aria-label").unwrap(),
        format!("Motivation by week, oldest first: {}", said(&gapped))
    );
    let pieces: Vec<usize> = gap_svg
        .select(&sel("polyline"))
        .map(|p| p.value().attr("points").unwrap().split(' ').count())
        .collect();
    assert_eq!(pieces, [3, weeks.len() - 4]);
    let steady_pieces = trend("leader-steady").select(&sel("polyline")).count();
    assert_eq!(steady_pieces, 1);

    // The openers a leader's preview promised are on their card.
    let falling = cards
        .iter()
        .find(|c| text_of(c.select(&sel("h2")).next().unwrap()) == "leader-falling")
        .unwrap();
    let openers: Vec<String> = falling.select(&sel("ul.openers li")).map(text_of).collect();
    assert_eq!(
        openers,
        [
            "Motivation moved from 8.0 to 3.0 over the last fortnight. What has been different for you since 13 Nov?"
        ]
    );
    let steady_card = cards
        .iter()
        .find(|c| text_of(c.select(&sel("h2")).next().unwrap()) == "leader-steady")
        .unwrap();
    assert_eq!(steady_card.select(&sel("ul.openers")).count(), 0);

    // The key says what is compared and that the order is not a ranking;
    // printed, each card is a page; narrow, rows stack with their labels.
    let key: String = doc.select(&sel("p.key")).map(text_of).collect();
    assert!(key.contains("only with their own earlier weeks"), "{key}");
    assert!(key.contains("not a ranking"), "{key}");
    assert!(style.contains("@media print"), "{style}");
    assert!(style.contains(".card{break-before:page"), "{style}");
    assert!(style.contains("@media (max-width:600px)"), "{style}");
    for cell in doc.select(&sel("table.triage tbody td")) {
        assert!(cell.value().attr("data-label").is_some());
    }
    assert!(
        doc.select(&sel("meta[name=viewport]")).count() == 1,
        "a viewport for phones"
    );
}

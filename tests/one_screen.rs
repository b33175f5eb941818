//! `tend summary` on one screen: the period, the headline, what tend
//! noticed, then a line for each part, within a 24-row terminal at 80 and
//! 60 columns; `--detail` for the full report, its tables fitting the width.
//! The rich journal is `tend generate --days 120` (synthetic, seeded, so the
//! same every run), which has every part.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::{self, Extra};
use common::*;

use expectrl::process::Healthcheck;
use serde_json::Value;

/// A Thursday; the default period is the 12 weeks from Mon 7 Sep 2026.
const NOW: &str = "2026-11-26T13:20:00+00:00";

/// What fits on a 24-row screen with `less -F` quitting at once: it does
/// only when the text leaves two rows free.
const SCREEN: usize = 22;

/// The parts, as their lines start.
const LABELS: [&str; 8] = [
    "Rhythm",
    "Motivation",
    "Behaviours",
    "Yourself",
    "Core needs",
    "Actions",
    "Readings",
    "Themes",
];

fn rich() -> Env {
    let env = Env::new().at(NOW);
    env.ok_at(NOW, &["generate", "--days", "120"]);
    env
}

fn json(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["summary", "--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&env.ok_at(NOW, &all)).unwrap()
}

/// The value of the part whose line starts with `label`.
fn part<'a>(out: &'a str, label: &str) -> &'a str {
    let lines: Vec<&str> = out.lines().filter(|l| l.starts_with(label)).collect();
    assert_eq!(lines.len(), 1, "one line for {label}:\n{out}");
    lines[0][label.len()..].trim()
}

fn assert_one_screen(out: &str, width: usize) {
    assert!(
        out.lines().count() <= SCREEN,
        "{} lines at {width} columns:\n{out}",
        out.lines().count()
    );
    assert_fits(out, width, &format!("summary at {width}"));
}

#[test]
fn a_rich_journal_fits_one_screen_at_80_and_60_columns() {
    let env = rich();
    for width in [80, 60] {
        let out = env.at_width(width, &["summary"]);
        assert_one_screen(&out, width);
        assert!(out.starts_with("Your journal, 7 Sep 2026 to 26 Nov 2026\n"));
        assert!(out.contains("  Checked in on 80 of 81 days."), "{out}");
        assert!(out.contains("What tend noticed"), "{out}");
        for label in LABELS {
            part(&out, label);
        }
        assert!(
            out.trim_end()
                .ends_with("Each week in full: tend summary --detail")
        );
        insta::assert_snapshot!(format!("one_screen_{width}"), out);
    }
}

/// Each line says the report's own numbers, as JSON has them: nothing is
/// summed again on the way to the screen.
#[test]
fn each_line_carries_the_reports_numbers() {
    let env = rich();
    let j = json(&env, &[]);
    let out = env.at_width(80, &["summary"]);

    let days: Vec<String> = j["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["checkin_days"].to_string())
        .collect();
    assert_eq!(
        part(&out, "Rhythm"),
        format!("days each week: {}", days.join(" "))
    );

    let avg = j["headline"]["motivation_average"].as_f64().unwrap();
    let motivation = part(&out, "Motivation");
    assert!(
        motivation.starts_with(&format!("{avg:.1}  ")),
        "{motivation}"
    );
    // One bar a week, each week's own average.
    let bars: String = motivation
        .chars()
        .filter(|c| "▁▂▃▄▅▆▇█".contains(*c))
        .collect();
    assert_eq!(bars.chars().count(), days.len(), "{motivation}");
    assert!(
        motivation.ends_with(&format!(
            "{} in the last 2 weeks",
            j["headline"]["motivation_direction"].as_str().unwrap()
        )),
        "{motivation}"
    );

    let b = &j["behaviours"];
    assert_eq!(
        part(&out, "Behaviours"),
        format!(
            "attend {} · understand {} · empathise {} · help {} ({} check-ins)",
            b["counts"]["attend"],
            b["counts"]["understand"],
            b["counts"]["empathise"],
            b["counts"]["help"],
            b["checkins"]
        )
    );
    assert_eq!(
        part(&out, "Yourself"),
        format!(
            "answered {} of {} times asked",
            j["self_care"]["answered"], j["self_care"]["asked"]
        )
    );
    let n = &j["needs"]["averages"];
    assert_eq!(
        part(&out, "Core needs"),
        format!(
            "autonomy {:.1} · belonging {:.1} · contribution {:.1} out of 5",
            n["autonomy"].as_f64().unwrap(),
            n["belonging"].as_f64().unwrap(),
            n["contribution"].as_f64().unwrap()
        )
    );
    let a = &j["actions"];
    assert_eq!(
        part(&out, "Actions"),
        format!(
            "{} set · {:.0}% done so far · {} open now",
            a["opened"],
            a["completion"].as_f64().unwrap() * 100.0,
            a["open_now"]
        )
    );
    let r = &j["readings"];
    assert_eq!(
        part(&out, "Readings"),
        format!(
            "{} started · {} finished · none open",
            r["started"], r["finished"]
        )
    );
    // The top themes, most recurring first, as many as fit.
    let themes: Vec<&str> = part(&out, "Themes").split(", ").collect();
    let names: Vec<&str> = j["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert!(themes.len() >= 3, "{themes:?}");
    assert_eq!(themes.last(), Some(&"…"));
    assert_eq!(themes[..themes.len() - 1], names[..themes.len() - 1]);
    // Every notice is there whole.
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for n in j["noticed"].as_array().unwrap() {
        let text = n["text"].as_str().unwrap();
        assert!(flat.contains(text), "{text} not in\n{out}");
    }
}

#[test]
fn detail_is_the_full_report_and_its_tables_fit_or_stack() {
    let env = rich();
    let out = env.at_width(80, &["summary", "--detail"]);
    assert!(out.lines().count() > 100, "{out}");
    for title in [
        "Rhythm",
        "Motivation",
        "The four behaviours",
        "Yourself",
        "Core needs (weekly check-ins)",
        "What got in the way",
        "Actions",
        "Readings",
        "Themes",
    ] {
        assert!(
            out.lines().any(|l| l == title),
            "no {title} section:\n{out}"
        );
    }
    assert_fits(&out, 80, "summary --detail at 80");
    insta::assert_snapshot!("detail_80", out);

    // At 60 the five-column tables sit side by side within it (they were
    // 62 columns wide); under 60 each week is a block.
    let at60 = env.at_width(60, &["summary", "--detail"]);
    assert_fits(&at60, 60, "summary --detail at 60");
    assert!(
        at60.contains("  Week             attend  understand  empathise  help\n"),
        "{at60}"
    );
    let at59 = env.at_width(59, &["summary", "--detail"]);
    assert_fits(&at59, 59, "summary --detail at 59");
    assert!(at59.contains("  Week:          w/c 7 Sep 2026\n"), "{at59}");
    assert!(at59.contains("  understand: 7\n"), "{at59}");
    // Markdown and JSON are the same whichever is asked for.
    for format in ["markdown", "json"] {
        assert_eq!(
            env.ok_at(NOW, &["summary", "--format", format]),
            env.ok_at(NOW, &["summary", "--format", format, "--detail"])
        );
    }
}

/// Weeks of check-ins with a rating and nothing else, motivation falling in
/// the last fortnight, and an action past its day: six things noticed.
fn much_noticed(env: &Env) {
    let high = env.file("high.toml", "motivation = 8\n");
    let low = env.file("low.toml", "motivation = 3\n");
    for day in 0..42 {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 10, 16).unwrap() + chrono::Days::new(day);
        let answers = if day < 28 { &high } else { &low };
        env.ok_at(
            &format!("{date}T09:00:00+00:00"),
            &["checkin", "--answers", answers.to_str().unwrap()],
        );
    }
    env.ok_at(
        "2026-11-20T10:00:00+00:00",
        &[
            "actions",
            "add",
            "Book the team's debrief",
            "--due",
            "2026-11-24",
        ],
    );
}

#[test]
fn when_more_was_noticed_than_fits_the_rest_is_pointed_to() {
    let env = Env::new().at(NOW);
    much_noticed(&env);
    let j = json(&env, &[]);
    let notices: Vec<&str> = j["noticed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(notices.len(), 6, "{notices:#?}");
    for width in [80, 60] {
        let out = env.at_width(width, &["summary"]);
        assert_one_screen(&out, width);
        // Notices are shown whole, first first, then how many more: at 80
        // columns all six fit in one line each; at 60 they wrap, and some
        // are left to --detail.
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = notices.iter().take_while(|n| flat.contains(**n)).count();
        assert!(shown >= 1, "{out}");
        assert!(notices[shown..].iter().all(|n| !flat.contains(*n)), "{out}");
        if width == 80 {
            assert_eq!(shown, notices.len(), "{out}");
            assert!(!flat.contains("more in tend summary --detail"), "{out}");
        } else {
            assert!(shown < notices.len(), "{out}");
            assert!(
                flat.contains(&format!(
                    "· and {} more in tend summary --detail",
                    notices.len() - shown
                )),
                "{shown} shown:\n{out}"
            );
        }
        // The parts with nothing to say are left out: no weekly check-ins,
        // no readings, no words.
        for absent in ["Core needs", "Readings", "Themes"] {
            assert!(!out.contains(absent), "{absent}:\n{out}");
        }
        assert_eq!(
            part(&out, "Behaviours"),
            "none of the four came up in 42 check-ins"
        );
        assert_eq!(part(&out, "Yourself"), "asked 42 times, not answered yet");
        assert_eq!(
            part(&out, "Actions"),
            if width == 80 {
                "1 set · 0% done so far · 1 open now · 1 past the day you set"
            } else {
                "1 set · 0% done · 1 open · 1 past due"
            }
        );
    }
    // --detail has every one.
    let detail = env.at_width(80, &["summary", "--detail"]);
    let flat = detail.split_whitespace().collect::<Vec<_>>().join(" ");
    for n in &notices {
        assert!(flat.contains(n), "{n}");
    }
}

#[test]
fn an_unreadable_file_is_still_told_on_one_screen() {
    let env = rich();
    let bad = env
        .dir()
        .join("entries/2026/11/20261101T090000Z-bad000.toml");
    std::fs::write(&bad, "this is = = not toml").unwrap();
    let out = env.at_width(80, &["summary"]);
    assert_one_screen(&out, 80);
    assert!(
        out.contains(
            "1 file could not be read and was left out (and untouched):\n  2026/11/20261101T090000Z-bad000.toml\n"
        ),
        "{out}"
    );
    assert_eq!(std::fs::read(&bad).unwrap(), b"this is = = not toml");
}

// ---------------------------------------------------------------------------
// In a terminal, with the real default pager

/// `tend summary ARGS` in a terminal `cols` by 24 with `less -FRX`, the
/// default pager: the screen it leaves, after it ended well.
fn in_terminal(env: &Env, args: &[&str], cols: u16) -> String {
    let mut all = vec!["summary"];
    all.extend_from_slice(args);
    let t = pty::spawn(
        env,
        &all,
        Extra {
            now: Some(NOW),
            default_pager: true,
            size: Some((cols, 24)),
            ..Extra::default()
        },
    );
    // If less waited for a key, this would time out and fail.
    let exit = t.finish();
    exit.assert_code(0);
    pty::screen(&exit.all, cols, 24)
}

#[test]
fn in_a_terminal_at_80_and_60_columns_it_is_shown_whole_and_less_quits_by_itself() {
    let env = rich();
    for cols in [80, 60] {
        let screen = in_terminal(&env, &[], cols);
        // From the title to the pointer to --detail, all on the screen.
        assert!(
            screen.starts_with("Your journal, 7 Sep 2026 to 26 Nov 2026\n"),
            "{screen}"
        );
        assert!(screen.contains("What tend noticed"), "{screen}");
        for label in LABELS {
            assert!(
                screen.lines().any(|l| l.starts_with(label)),
                "{label} at {cols}:\n{screen}"
            );
        }
        assert!(
            screen.contains("Each week in full: tend summary --detail"),
            "{screen}"
        );
    }
}

#[test]
fn in_a_terminal_the_detail_waits_in_the_pager() {
    let env = rich();
    let mut t = pty::spawn(
        &env,
        &["summary", "--detail"],
        Extra {
            now: Some(NOW),
            default_pager: true,
            size: Some((80, 24)),
            ..Extra::default()
        },
    );
    t.expect("Rhythm");
    // less shows a screenful and waits; q leaves it.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        t.session.is_alive().unwrap(),
        "the pager did not wait:\n{}",
        t.seen
    );
    t.keys("q");
    t.finish().assert_code(0);
}

/// A past period is judged as of its end, as the report is: what was open
/// then, not now.
#[test]
fn a_past_period_says_what_was_open_on_its_last_day() {
    let env = rich();
    let period = ["--since", "2026-10-01", "--until", "2026-10-31"];
    let j = json(&env, &period);
    assert_eq!(j["judged_at"], "2026-10-31");
    let mut args = vec!["summary"];
    args.extend_from_slice(&period);
    let out = env.at_width(80, &args);
    assert_one_screen(&out, 80);
    let a = &j["actions"];
    let overdue = a["overdue"].as_array().unwrap().len();
    assert!(overdue > 0, "{a}");
    assert_eq!(
        part(&out, "Actions"),
        format!(
            "{} set · {:.0}% done · {} open on 31 Oct 2026 · {overdue} past the day you set",
            a["opened"],
            a["completion"].as_f64().unwrap() * 100.0,
            a["open_now"]
        )
    );
    assert!(
        part(&out, "Readings").ends_with("none open on 31 Oct 2026"),
        "{out}"
    );
}

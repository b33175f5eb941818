//! Output that fits the screen: prose wrapped at word boundaries by display
//! width, tables that fit or stack, at 60 and 80 columns; and long output
//! through a pager in a terminal, never when piped.
//!
//! Piped runs take their width from COLUMNS; terminal runs from the
//! pseudo-terminal's own size.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]

mod common;
use common::pty::{self, Extra};
use common::*;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use console::measure_text_width;

const NOW: &str = "2026-11-26T13:20:00+00:00";

/// Words that must never be cut across lines. Some are wide (each CJK
/// character and emoji takes two columns), some hyphenated (never split at
/// the hyphen), all distinctive, so a piece of one is easy to spot.
const WORDS: [&str; 9] = [
    "overnight-team",
    "夜勤チームの申し送り",
    "🌙moonlit",
    "remarkably",
    "constructive",
    "handover-paperwork",
    "看護師長との面談☕",
    "kaleidoscope",
    "wellbeing-focused",
];

/// A single word longer than any line: the one thing that may be cut.
const LONG_LINK: &str = "https://example.org/compassionate-leadership/a-very-long-address-that-no-screen-line-can-hold-whole";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A journal whose entries hold every kind of awkward word: a check-in, an
/// action, a reading, a note, something in the trash, and two exports for
/// `review`. Returns the export files.
fn journal(env: &Env) -> Vec<PathBuf> {
    let checkin = |day: &str, m: i64| {
        let f = env.file(
            "c.toml",
            &format!(
                r#"
motivation = {m}
attend = "Sat with the overnight-team 🌙moonlit about 夜勤チームの申し送り; a remarkably constructive conversation"
understand = "Asked what made the handover-paperwork slow before any kaleidoscope of blame"
empathise = "Felt how tired they were"
help = "Booked 看護師長との面談☕ for the wellbeing-focused debrief"
self = "Ate lunch sitting down, {LONG_LINK}"
next_action = {{ text = "Book the handover-paperwork kaleidoscope review with 看護師長との面談☕", due = "2026-12-03" }}
"#
            ),
        );
        env.ok_at(
            &format!("{day}T09:00:00+00:00"),
            &["checkin", "--answers", s(&f)],
        );
    };
    checkin("2026-11-23", 6);
    checkin("2026-11-24", 7);
    checkin("2026-11-26", 5);
    let hope = env.file(
        "r.toml",
        "hope = \"A remarkably constructive 🌙moonlit idea\"\n",
    );
    env.ok_at(
        "2026-11-25T09:00:00+00:00",
        &[
            "read",
            "Compassionate leadership: 夜勤チームの申し送り and the wellbeing-focused ward",
            "--answers",
            s(&hope),
        ],
    );
    env.ok_at(
        "2026-11-25T10:00:00+00:00",
        &[
            "note",
            "The overnight-team asked for handover-paperwork on 🌙moonlit shifts, remarkably",
            "--tag",
            "night",
        ],
    );
    env.ok_at(
        "2026-11-25T11:00:00+00:00",
        &["note", "A kaleidoscope of constructive ideas to throw away"],
    );
    let doomed = env
        .entries()
        .into_iter()
        .find(|e| {
            e["answers"]
                .as_array()
                .is_some_and(|a| format!("{a:?}").contains("throw away"))
        })
        .map(|e| id_of(&e))
        .expect("the note to delete");
    env.ok_at(NOW, &["delete", &doomed, "--yes"]);
    [
        "wellbeing-focused-ward-kaleidoscope",
        "overnight-team-leader",
    ]
    .iter()
    .map(|label| {
        let file = env.tmp.path().join(format!("{label}.json"));
        env.ok_at(
            NOW,
            &[
                "export",
                "--format",
                "json",
                "--label",
                label,
                "-o",
                s(&file),
            ],
        );
        file
    })
    .collect()
}

/// No one of WORDS is in two pieces, as it would be if it had been cut at
/// a line's end (or at its hyphen): its start standing alone as one word
/// and the rest as another.
fn assert_words_whole(out: &str, what: &str) {
    let tokens: Vec<&str> = out
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| "“”\"'(),.;:…·#".contains(c)))
        .collect();
    for w in WORDS {
        for (i, _) in w.char_indices().skip(1) {
            let (head, tail) = w.split_at(i);
            assert!(
                !(tokens.contains(&head) && tokens.contains(&tail)),
                "{what}: \"{w}\" was cut into \"{head}\" and \"{tail}\":\n{out}"
            );
        }
    }
}

#[test]
fn every_command_fits_60_and_80_columns_and_never_cuts_a_word() {
    let env = Env::new().at(NOW);
    let exports = journal(&env);
    let checkin = env.entries_of_kind("checkin");
    let checkin = id_of(checkin.last().unwrap());
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["about"],
        vec!["show", &checkin],
        vec!["list"],
        vec!["list", "--grep", "remarkably"],
        vec!["actions"],
        vec!["trash"],
        vec!["read", "--list"],
        vec!["prompts", "list"],
        vec!["review", s(&exports[0]), s(&exports[1])],
        vec!["summary"],
        vec!["summary", "--detail"],
    ];
    for width in [60, 80] {
        for args in &commands {
            let out = env.at_width(width, args);
            let what = format!("tend {} at {width}", args.join(" "));
            assert_fits(&out, width, &what);
            assert_words_whole(&out, &what);
        }
        // What was written is all there, each word whole, and the one
        // word longer than a line is all there too, if cut.
        let shown = env.at_width(width, &["show", &checkin]);
        for w in WORDS {
            assert!(
                shown.split_whitespace().any(|t| t.contains(w)),
                "show at {width}: no \"{w}\" in\n{shown}"
            );
        }
        let joined: String = shown.split_whitespace().collect();
        assert!(joined.contains(LONG_LINK), "{shown}");
    }
}

#[test]
fn prose_is_wrapped_to_the_width_not_left_long_or_cut_short() {
    let env = Env::new().at(NOW);
    journal(&env);
    // about's paragraphs fill the width they are given: at 80 some line is
    // wider than 60 could hold, at 60 none is.
    let wide = env.at_width(80, &["about"]);
    let narrow = env.at_width(60, &["about"]);
    assert!(wide.lines().any(|l| measure_text_width(l) > 70), "{wide}");
    assert!(
        narrow.lines().any(|l| measure_text_width(l) > 50),
        "{narrow}"
    );
    assert!(narrow.lines().count() > wide.lines().count());
    // The same words in the same order, whatever the width.
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(words(&wide), words(&narrow));
}

#[test]
fn tables_stack_under_60_columns_and_sit_side_by_side_when_they_fit() {
    let env = Env::new().at(NOW);
    let exports = journal(&env);
    // Side by side at 80: one line per entry, the gist cut short to fit.
    let list = env.at_width(80, &["list"]);
    let entries = env.entry_files().len();
    assert_eq!(list.lines().count(), entries, "{list}");
    assert!(!list.contains("when:"), "{list}");
    assert!(list.contains("…"), "{list}");
    // At 59, each entry is a block of labelled lines, the gist whole.
    let stacked = env.at_width(59, &["list"]);
    assert_fits(&stacked, 59, "list at 59");
    assert_words_whole(&stacked, "list at 59");
    assert_eq!(stacked.matches("handle: ").count(), entries, "{stacked}");
    assert!(stacked.contains("tags:   #night"), "{stacked}");
    let joined: String = stacked.split_whitespace().collect();
    let json: serde_json::Value =
        serde_json::from_str(&env.at_width(59, &["list", "--format", "json"])).unwrap();
    for e in json.as_array().unwrap() {
        let gist: String = e["gist"].as_str().unwrap().split_whitespace().collect();
        assert!(joined.contains(&gist), "{gist} not whole in\n{stacked}");
    }
    // The same for actions, the trash, and review (one block per leader).
    let actions = env.at_width(50, &["actions"]);
    assert_fits(&actions, 50, "actions at 50");
    assert!(actions.contains("action: "), "{actions}");
    let trash = env.at_width(50, &["trash"]);
    assert!(trash.contains("handle: "), "{trash}");
    assert!(trash.contains("what:"), "{trash}");
    let review = env.at_width(50, &["review", s(&exports[0]), s(&exports[1])]);
    assert_fits(&review, 50, "review at 50");
    let blocks = review.lines().filter(|l| l.starts_with("leader:")).count();
    assert_eq!(blocks, 2, "{review}");
    assert!(
        review.contains("wellbeing-focused-ward-kaleidoscope"),
        "{review}"
    );
}

// ---------------------------------------------------------------------------
// The pager

/// A stand-in pager: notes that it ran (and with what) in `record`, then
/// shows what it was given, as a pager would.
fn fake_pager(dir: &Path, name: &str, record: &Path) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    fs::write(
        &p,
        format!(
            "#!/bin/sh\necho \"ran $* LESS=$LESS\" >> '{}'\ncat\n",
            record.display()
        ),
    )
    .unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o755)).unwrap();
    p
}

/// `tend ARGS` in a terminal; all it showed, after it ended well.
fn in_terminal(env: &Env, args: &[&str], extra: Extra) -> String {
    let t = pty::spawn(env, args, extra);
    let exit = t.finish();
    exit.assert_code(0);
    exit.all
}

#[test]
fn long_output_in_a_terminal_goes_through_the_pager() {
    let env = Env::new().at(NOW);
    journal(&env);
    let record = env.tmp.path().join("pager-ran");
    let pager = fake_pager(&env.tmp.path().join("bin"), "mypager", &record);
    for (args, says) in [
        (&["about"][..], "Start with: tend checkin"),
        (&["list"], "#night"),
        (&["summary"], "Motivation"),
        (&["show", "last"], "overnight-team"),
    ] {
        let _ = fs::remove_file(&record);
        let shown = in_terminal(
            &env,
            args,
            Extra {
                pager: Some(s(&pager)),
                ..Extra::default()
            },
        );
        assert!(record.exists(), "tend {args:?} did not use the pager");
        assert!(shown.contains(says), "tend {args:?} showed:\n{shown}");
    }
    // --no-pager prints it straight.
    let _ = fs::remove_file(&record);
    let shown = in_terminal(
        &env,
        &["about", "--no-pager"],
        Extra {
            pager: Some(s(&pager)),
            ..Extra::default()
        },
    );
    assert!(!record.exists(), "the pager ran despite --no-pager");
    assert!(shown.contains("Start with: tend checkin"), "{shown}");
}

#[test]
fn the_default_pager_is_less_keeping_colour_and_quitting_when_short() {
    let env = Env::new().at(NOW);
    let record = env.tmp.path().join("less-ran");
    let bin = env.tmp.path().join("bin");
    fake_pager(&bin, "less", &record);
    let shown = in_terminal(
        &env,
        &["about"],
        Extra {
            default_pager: true,
            bin: Some(&bin),
            ..Extra::default()
        },
    );
    let ran = fs::read_to_string(&record).expect("less did not run");
    assert_eq!(ran.trim(), "ran -FRX LESS=FRX");
    assert!(shown.contains("Start with: tend checkin"), "{shown}");
}

#[test]
fn a_pager_that_cannot_start_is_passed_by_and_the_text_shown() {
    let env = Env::new().at(NOW);
    let shown = in_terminal(
        &env,
        &["about"],
        Extra {
            pager: Some("/nowhere/no-such-pager"),
            ..Extra::default()
        },
    );
    assert!(shown.contains("Start with: tend checkin"), "{shown}");
}

#[test]
fn piped_output_never_goes_through_the_pager() {
    let env = Env::new().at(NOW);
    journal(&env);
    let record = env.tmp.path().join("pager-ran");
    let pager = fake_pager(&env.tmp.path().join("bin"), "mypager", &record);
    for args in [&["about"][..], &["list"], &["summary"], &["show", "last"]] {
        let out = env.tend().env("PAGER", &pager).args(args).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(!stdout(&out).is_empty());
    }
    assert!(!record.exists(), "the pager ran for piped output");
}

// ---------------------------------------------------------------------------
// The terminal's own width

#[test]
fn in_a_terminal_the_width_is_the_terminals() {
    let env = Env::new().at(NOW);
    for (cols, longest) in [(60, 60), (80, 80)] {
        let shown = in_terminal(
            &env,
            &["about"],
            Extra {
                size: Some((cols, 24)),
                ..Extra::default()
            },
        );
        let widths: Vec<usize> = shown.lines().map(measure_text_width).collect();
        let max = *widths.iter().max().unwrap();
        assert!(max <= longest, "at {cols}: a line of {max}\n{shown}");
        assert!(
            max > longest - 12,
            "at {cols}: nothing near the width\n{shown}"
        );
    }
}

#[test]
fn a_hint_is_wrapped_to_the_terminal_by_display_width() {
    let env = Env::new().at(NOW);
    // A hint of wide characters: 36 of them fill 72 columns, more than a
    // 60-column terminal holds, though they are only 36 characters.
    let hint = "夜勤チームの 申し送りを 紙で行いたい という提案が ありました 看護師長と 面談を しました 思いやりの ある会話☕";
    env.write_pack(
        "wide.toml",
        &format!(
            "id = \"wide\"\nversion = 1\ntitle = \"Wide\"\nkind = \"checkin\"\n\n[[questions]]\nid = \"story\"\ntype = \"text\"\ntext = \"What happened?\"\nhint = \"{hint}\"\nmeasures = \"other\"\nlevel = \"full\"\n"
        ),
    );
    let mut t = pty::spawn(
        &env,
        &["checkin", "--pack", "wide"],
        Extra {
            size: Some((60, 24)),
            ..Extra::default()
        },
    );
    t.expect("What happened?");
    let shown = t.expect("ある会話☕");
    t.interrupt_while_typing("");
    let _ = t.finish();
    let hint_lines: Vec<&str> = shown
        .lines()
        .filter(|l| l.contains('夜') || l.contains('面') || l.contains('☕'))
        .collect();
    assert!(hint_lines.len() >= 2, "{shown}");
    for l in &hint_lines {
        assert!(
            measure_text_width(l) <= 60,
            "a hint line of {}: {l}",
            measure_text_width(l)
        );
    }
    for word in hint.split_whitespace() {
        assert!(shown.contains(word), "\"{word}\" was cut:\n{shown}");
    }
}

/// The pack's title line and a long question wrap by words, each question
/// line under its first word, never cut at the terminal's edge.
#[test]
fn a_long_question_and_the_title_line_wrap_by_words() {
    let env = Env::new().at(NOW);
    let question = "When this week did you make some room for a colleague who was carrying something heavy, and what did you notice?";
    env.write_pack(
        "long.toml",
        &format!(
            "id = \"long\"\nversion = 1\ntitle = \"Long questions\"\nkind = \"checkin\"\n\n[[questions]]\nid = \"story\"\ntype = \"text\"\ntext = \"{question}\"\nmeasures = \"other\"\nlevel = \"full\"\n"
        ),
    );
    let mut t = pty::spawn(
        &env,
        &["checkin", "--pack", "long"],
        Extra {
            size: Some((50, 24)),
            ..Extra::default()
        },
    );
    let shown = t.expect("notice?");
    t.interrupt_while_typing("");
    let _ = t.finish();
    let plain = console::strip_ansi_codes(&shown).replace('\r', "");
    for l in plain.lines() {
        assert!(
            measure_text_width(l) <= 50,
            "a line of {}: {l}",
            measure_text_width(l)
        );
    }
    for word in question
        .split_whitespace()
        .chain("Enter skips any question · Ctrl-C pauses, your answers are kept".split_whitespace())
    {
        assert!(
            plain.split_whitespace().any(|w| w == word),
            "\"{word}\" was cut:\n{plain}"
        );
    }
    // Later lines of the question sit under its first word.
    assert!(plain.contains("\n    "), "{plain}");
}

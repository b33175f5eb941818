//! Text from a file never drives the reader's terminal: whatever a journal,
//! an export under review or an import holds, what tend prints (stdout and
//! stderr, with NO_COLOR, piped) holds no raw control character but newline
//! and tab, and the exports a person opens elsewhere load nothing and run
//! nothing.

mod common;
use common::*;

use proptest::prelude::*;
use std::fs;

const NOW: &str = "2026-11-26T13:20:05+00:00";

/// A character that would do something to a terminal: C0 controls but
/// newline and tab, DEL, C1 controls, bidirectional overrides and isolates.
fn drives_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// The first raw control character in `bytes` (a CRLF line end allowed only
/// where `crlf` says tend writes them, as CSV does), with what is around it.
fn raw_control(bytes: &[u8], crlf: bool) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    let chars: Vec<char> = text.chars().collect();
    chars.iter().enumerate().find_map(|(i, &c)| {
        let line_end = crlf && c == '\r' && chars.get(i + 1) == Some(&'\n');
        (drives_terminal(c) && !line_end).then(|| {
            let from = i.saturating_sub(20);
            let near: String = chars[from..(i + 20).min(chars.len())].iter().collect();
            format!("U+{:04X} near {near:?}", c as u32)
        })
    })
}

/// Runs tend and checks neither stream holds a raw control character.
fn inert(env: &Env, args: &[&str], crlf: bool) -> std::process::Output {
    let out = env.run_at(NOW, args);
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(found) = raw_control(bytes, crlf) {
            panic!("tend {args:?}: raw {found} on {name}");
        }
    }
    out
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A journal holding `text` everywhere a leader's words go: a note's body,
/// title and tag, a check-in's answers and its action, a deleted note, and
/// a file whose name holds it.
fn hostile_journal(text: &str) -> Env {
    let env = Env::new().at(NOW);
    let answers = format!(
        "motivation = 7\nattend = {t}\nhelp = {t}\nnext_action = {{ text = {t}, due = \"2026-12-01\" }}\n",
        t = toml_str(text)
    );
    let file = env.file("a.toml", &answers);
    let tag = format!("t{}", text.replace([' ', '#', ','], ""));
    env.ok_at(NOW, &["checkin", "--answers", file.to_str().unwrap()]);
    env.ok_at(NOW, &["note", text, "--tag", &tag]);
    env.ok_at(NOW, &["note", &format!("to delete {text}")]);
    let gone = env
        .entries()
        .into_iter()
        .find(|e| e["kind"].as_str() == Some("note"))
        .map(|e| id_of(&e))
        .unwrap();
    env.ok_at(NOW, &["delete", &handle_of_id(&gone), "--yes"]);
    let month = env.dir().join("entries/2026/11");
    let name: String = text.chars().filter(|&c| c != '/' && c != '\0').collect();
    fs::write(month.join(format!("x{name}.toml")), "not an entry").unwrap();
    env
}

/// Every command that shows a leader's words, on a journal holding `text`.
fn every_command_is_inert(text: &str) {
    let env = hostile_journal(text);
    for args in [
        &["list"][..],
        &["list", "--grep", "a"],
        &["list", "--format", "json"],
        &["show", "last"],
        &["summary"],
        &["summary", "--all"],
        &["summary", "--detail"],
        &["summary", "--format", "markdown"],
        &["summary", "--format", "json"],
        &["actions"],
        &["trash"],
        &["doctor"],
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "markdown",
        ],
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "json",
        ],
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "html",
        ],
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--preview",
        ],
    ] {
        inert(&env, args, false);
    }
    inert(
        &env,
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "csv",
        ],
        true,
    );
    // Reflective accounts of the check-in and the note, in every format.
    // (read by hand: the journal also holds a file that is not an entry).
    let checkin = env
        .entry_files()
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok()?.parse::<toml::Table>().ok())
        .find(|e| e["kind"].as_str() == Some("checkin"))
        .map(|e| id_of(&e))
        .unwrap();
    for format in ["account", "account-html", "account-text"] {
        let args = [
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            format,
            "--entry",
            "last",
            "--entry",
            &checkin,
        ];
        let out = inert(&env, &args, false);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
    }
    // A coach reviewing an export that holds it.
    let json = env.ok_at(
        NOW,
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "json",
        ],
    );
    let crafted = env.file("crafted.json", &crafted_export(&json, text));
    for format in ["table", "markdown", "html"] {
        let out = inert(
            &env,
            &["review", crafted.to_str().unwrap(), "--format", format],
            false,
        );
        assert!(
            out.status.success(),
            "review --format {format}: {}",
            stderr(&out)
        );
    }
    // The cohort view of a cohort export holding it where names go, beside
    // a coach's export (refused by its name on stderr) in a file named with it.
    let cohort = env.ok_at(NOW, &["export", "--for", "cohort"]);
    let mut v: serde_json::Value = serde_json::from_str(&cohort).unwrap();
    v["barriers"] = serde_json::json!([text]);
    v["needs"]["strain_factors"] = serde_json::json!([text]);
    let cohort = env.file("cohort.json", &v.to_string());
    let named = env.file(
        &format!("coach-{}.json", text.replace(['/', '\0'], "")),
        &json,
    );
    for format in ["table", "markdown", "html", "json"] {
        let args = [
            "review",
            "--cohort",
            "--format",
            format,
            cohort.to_str().unwrap(),
            named.to_str().unwrap(),
        ];
        let out = inert(&env, &args, false);
        assert!(
            out.status.success(),
            "review --cohort --format {format}: {}",
            stderr(&out)
        );
    }
}

/// A real export with `text` put where a crafted one would put it: the
/// label and a noticed line.
fn crafted_export(json: &str, text: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["export"]["label"] = text.into();
    v["noticed"] = serde_json::json!([{ "rule": "x", "text": text, "numbers": {} }]);
    v.to_string()
}

/// Pieces that hostile text is made of: escape sequences that retitle,
/// clear and recolour a terminal, lone controls, C1, DEL and bidi controls,
/// among ordinary words.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{1b}]0;owned\u{7}".to_string()),
        Just("\u{1b}[2J".to_string()),
        Just("\u{1b}[31;8m".to_string()),
        Just("\u{1b}".to_string()),
        Just("\u{7}".to_string()),
        Just("\u{9b}1;1H".to_string()),
        Just("\u{9d}8;;http://x\u{9c}".to_string()),
        Just("\u{7f}".to_string()),
        Just("\r".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{2066}".to_string()),
        Just("\u{8}".to_string()),
        "[a-z]{1,6}".prop_map(|s| format!("{s} ")),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    // Each case runs some 25 commands; a few cases cover the pieces well.
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]
    #[test]
    fn no_stored_text_reaches_the_terminal_raw(pieces in prop::collection::vec(piece(), 1..8)) {
        let text = format!("a {}", pieces.concat().replace('\0', ""));
        every_command_is_inert(&text);
    }
}

const HOSTILE: &str =
    "Retitled \u{1b}]0;owned\u{7} and wiped \u{1b}[2J, \u{9b}31m, \u{202e}gnp.exe \u{7f}";

#[test]
fn a_hostile_note_is_shown_as_visible_escapes() {
    every_command_is_inert(HOSTILE);
    let env = hostile_journal(HOSTILE);
    let list = env.ok_at(NOW, &["list"]);
    assert!(list.contains("Retitled \\u{1b}]0;owned\\u{7}"), "{list}");
    let show = env.ok_at(NOW, &["show", "last"]);
    assert!(show.contains("\\u{202e}gnp.exe \\u{7f}"), "{show}");
}

#[test]
fn markdown_exports_load_nothing_and_stay_readable() {
    let text = "See <img src=x onerror=alert(1)> and ![pic](http://evil.example/p.png) or [here](http://evil.example)";
    let env = Env::new().at(NOW);
    env.ok_at(NOW, &["note", text]);
    let md = env.ok_at(
        NOW,
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "markdown",
        ],
    );
    assert!(!unescaped(&md, "<img"), "{md}");
    assert!(!unescaped(&md, "!["), "{md}");
    assert!(!unescaped(&md, "]("), "{md}");
    assert!(
        md.contains(r"See \<img src=x onerror=alert(1)\> and \![pic\](http://evil.example/p.png)"),
        "{md}"
    );
    // A coach's review in Markdown, of a crafted export.
    let json = env.ok_at(NOW, &["export", "--format", "json"]);
    let crafted = env.file("crafted.json", &crafted_export(&json, text));
    let review = env.ok_at(
        NOW,
        &["review", crafted.to_str().unwrap(), "--format", "markdown"],
    );
    assert!(
        !unescaped(&review, "<img") && !unescaped(&review, "![") && !unescaped(&review, "]("),
        "{review}"
    );
    assert!(review.contains("onerror=alert(1)"), "{review}");
}

/// Whether `pattern` occurs in Markdown without a backslash before it.
fn unescaped(md: &str, pattern: &str) -> bool {
    md.match_indices(pattern)
        .any(|(i, _)| !md[..i].ends_with('\\'))
}

#[test]
fn review_as_html_strips_control_characters_and_escapes_markup() {
    let env = Env::new().at(NOW);
    env.ok_at(NOW, &["note", "hello"]);
    let json = env.ok_at(NOW, &["export", "--format", "json"]);
    let crafted = env.file(
        "crafted.json",
        &crafted_export(&json, "<script>x</script>\u{1b}]0;t\u{7}\u{85}\u{202e}end"),
    );
    let html = env.ok_at(
        NOW,
        &["review", crafted.to_str().unwrap(), "--format", "html"],
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;x&lt;/script&gt;]0;tend"),
        "{html}"
    );
    assert_eq!(raw_control(html.as_bytes(), false), None);
}

#[test]
fn csv_cells_that_look_like_formulas_are_inert_and_numbers_stay_numbers() {
    let env = Env::new().at(NOW);
    let answers = "motivation = 7\nattend = \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")\"\nhelp = \"-2+3\"\nunderstand = \"@SUM(A1)\"\n";
    let file = env.file("a.toml", answers);
    env.ok_at(NOW, &["checkin", "--answers", file.to_str().unwrap()]);
    env.ok_at(NOW, &["note", "+1 and more"]);
    let out = env.ok_at(
        NOW,
        &[
            "export",
            "--level",
            "full",
            "--allow-identifiers",
            "--format",
            "csv",
        ],
    );
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .flexible(true)
        .from_reader(out.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>())
        .collect();
    for bad in ["=HYPERLINK", "-2+3", "@SUM", "+1 and"] {
        let cell = cells
            .iter()
            .find(|c| c.contains(bad))
            .unwrap_or_else(|| panic!("no {bad} in {cells:?}"));
        assert!(cell.starts_with('\''), "{cell:?} in:\n{out}");
    }
    // Numbers (motivation 7, and a negative one in a summary-level export)
    // are numbers.
    assert!(cells.iter().any(|c| c == "7"), "{cells:?}");
    assert!(
        !cells
            .iter()
            .any(|c| c.starts_with("'7") || c.starts_with("'-1")),
        "{cells:?}"
    );
}

#[test]
fn a_label_is_one_short_line() {
    let env = Env::new().at(NOW);
    env.ok_at(NOW, &["note", "hello"]);
    let long = "x".repeat(65);
    for (label, words) in [
        (long.as_str(), "65 characters"),
        ("two\nlines", "one line"),
        ("bell\u{7}", "one line"),
    ] {
        let out = env.run_at(NOW, &["export", "--label", label]);
        assert_eq!(out.status.code(), Some(1), "{label:?}");
        assert!(stderr(&out).contains(words), "{label:?}: {}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
    let ok = env.ok_at(
        NOW,
        &["export", "--label", &"y".repeat(64), "--format", "markdown"],
    );
    assert!(ok.contains(&"y".repeat(64)));
}

#[test]
fn a_jrnl_entry_dated_outside_1900_to_2999_is_reported_and_skipped() {
    let env = Env::new().at(NOW);
    let file = env.file(
        "j.json",
        r#"{"tags": {},
"entries": [
  {"title": "kept", "body": "fine", "date": "2024-03-01", "time": "09:00", "tags": []},
  {"title": "too old", "body": "x", "date": "1850-03-01", "time": "09:00", "tags": []},
  {"title": "too new", "body": "y",
   "date": "3001-03-01", "time": "09:00", "tags": []}
]}"#,
    );
    let out = env.run_at(NOW, &["import", "jrnl", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("j.json, line 4: entry 2 is dated 1850-03-01"),
        "{err}"
    );
    assert!(
        err.contains("j.json, line 6: entry 3 is dated 3001-03-01"),
        "{err}"
    );
    let titles: Vec<String> = env
        .entries()
        .iter()
        .filter_map(|e| e.get("title").and_then(|t| t.as_str()).map(String::from))
        .collect();
    assert_eq!(titles, ["kept"]);
}

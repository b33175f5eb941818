//! Any text a person can type survives the answers file, the save and the
//! load unchanged: all of Unicode, quotes, triple quotes, backslashes,
//! newlines and control characters.

mod common;
use common::*;
use proptest::prelude::*;

/// Text with a bias towards what breaks TOML writers.
fn awkward_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("\"".to_string()),
        Just("'''".to_string()),
        Just("\"\"\"".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\t".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{1b}[31m".to_string()),
        Just("\u{feff}".to_string()),
        Just("🌱".to_string()),
        "[a-z ]{1,8}".prop_map(|s| s),
    ];
    prop::collection::vec(piece, 1..12)
        .prop_map(|v| v.concat())
        // Whitespace alone is recorded as skipped, by design.
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn typed_text_survives_save_and_load(
        text in awkward_text(),
        // A command-line argument can hold anything but NUL.
        note in awkward_text().prop_filter("argv has no NUL", |s| !s.contains('\0')),
    ) {
        let env = Env::new().at("2026-11-26T13:20:05+00:00");
        let mut table = toml::Table::new();
        table.insert("attend".into(), toml::Value::String(text.clone()));
        let file = env.file("a.toml", &toml::to_string(&table).unwrap());
        let out = env.tend().args(["checkin", "--answers"]).arg(&file).output().unwrap();
        prop_assert!(out.status.success(), "{}", stderr(&out));
        let out = env
            .tend()
            .env("TEND_TEST_NOW", "2026-11-26T13:25:00+00:00")
            .arg("note")
            // After `--`, so a note starting with `-` is a note, not an option.
            .arg("--")
            .arg(&note)
            .output()
            .unwrap();
        prop_assert!(out.status.success(), "{}", stderr(&out));
        let entries = env.entries();
        let saved = answer(&entries[0], "attend");
        prop_assert_eq!(saved["value"].as_str(), Some(text.as_str()));
        let saved = answer(&entries[1], "note");
        prop_assert_eq!(saved["value"].as_str(), Some(note.as_str()));
        // tend's own loader reads them back too: `show` prints every line.
        let shown = env.tend().args(["show", "last"]).output().unwrap();
        prop_assert!(shown.status.success(), "{}", stderr(&shown));
        let raw = env.tend().args(["show", "last", "--raw"]).output().unwrap();
        prop_assert_eq!(raw.stdout, std::fs::read(&env.entry_files()[1]).unwrap());
    }
}

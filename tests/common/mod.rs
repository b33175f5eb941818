//! A small test environment, in the spirit of fd's testenv: a private journal
//! folder and config in a temporary directory, and the real `tend` binary.
#![allow(
    dead_code,
    reason = "each test file uses a different part of the harness"
)]

#[cfg(unix)]
pub mod pty;
#[cfg(unix)]
pub mod sync;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Env {
    pub tmp: TempDir,
    pub now: Option<String>,
}

impl Env {
    pub fn new() -> Env {
        let env = Env {
            tmp: TempDir::new().unwrap(),
            now: None,
        };
        fs::create_dir(env.run_dir()).unwrap();
        env
    }

    /// `$XDG_RUNTIME_DIR` for tend, so each test sees its own scratch
    /// folder (`run/tend`, where words wait while an editor has them).
    pub fn run_dir(&self) -> PathBuf {
        self.tmp.path().join("run")
    }

    pub fn scratch_dir(&self) -> PathBuf {
        self.run_dir().join("tend")
    }

    /// What is in the scratch folder now.
    pub fn scratch_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        walk(&self.scratch_dir(), &mut out);
        out
    }

    /// Pins the clock, as in `TEND_TEST_NOW`.
    pub fn at(mut self, now: &str) -> Env {
        self.now = Some(now.to_string());
        self
    }

    pub fn dir(&self) -> PathBuf {
        self.tmp.path().join("journal")
    }

    pub fn config_path(&self) -> PathBuf {
        self.tmp.path().join("config").join("config.toml")
    }

    pub fn user_prompts(&self) -> PathBuf {
        self.tmp.path().join("config").join("prompts")
    }

    pub fn write_config(&self, text: &str) {
        fs::create_dir_all(self.config_path().parent().unwrap()).unwrap();
        fs::write(self.config_path(), text).unwrap();
    }

    pub fn write_pack(&self, name: &str, text: &str) -> PathBuf {
        fs::create_dir_all(self.user_prompts()).unwrap();
        let p = self.user_prompts().join(name);
        fs::write(&p, text).unwrap();
        p
    }

    /// A file in the temporary folder (outside the journal), e.g. answers.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let p = self.tmp.path().join(name);
        fs::write(&p, text).unwrap();
        p
    }

    pub fn tend(&self) -> Command {
        let mut c = Command::cargo_bin("tend").unwrap();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.tmp.path())
            .env("TEND_DIR", self.dir())
            .env("TEND_CONFIG", self.config_path())
            .env("XDG_RUNTIME_DIR", self.run_dir())
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            // A wide screen, so tests that read a listing's rows see one
            // line per row; the tests about fitting a screen set their own.
            .env("COLUMNS", "200");
        if let Some(now) = &self.now {
            c.env("TEND_TEST_NOW", now);
        }
        c
    }

    /// Every entry file, sorted by path.
    pub fn entry_files(&self) -> Vec<PathBuf> {
        let mut out = Vec::new();
        walk(&self.dir().join("entries"), &mut out);
        out.retain(|p| p.extension().is_some_and(|e| e == "toml"));
        out.sort();
        out
    }

    pub fn entries(&self) -> Vec<toml::Table> {
        self.entry_files()
            .iter()
            .map(|p| {
                fs::read_to_string(p)
                    .unwrap()
                    .parse::<toml::Table>()
                    .unwrap()
            })
            .collect()
    }

    /// Path and bytes of every file under the temp folder (journal, config,
    /// answers files), leaving out the index, which is derived and may be
    /// refreshed by any command.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        walk(self.tmp.path(), &mut files);
        files.retain(|p| !p.starts_with(self.dir().join("index")));
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let b = fs::read(&p).unwrap();
                (p, b)
            })
            .collect()
    }
}

/// splitmix64: a tiny seeded generator for kill schedules (the same seed,
/// the same schedule, so a failure can be repeated).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

pub fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    if let Ok(read) = fs::read_dir(dir) {
        for e in read.flatten() {
            let p = e.path();
            if e.file_type().unwrap().is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
}

#[cfg(unix)]
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The answers of an entry, keyed by question id.
pub fn answers(entry: &toml::Table) -> Vec<toml::Table> {
    entry["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_table().unwrap().clone())
        .collect()
}

pub fn answer(entry: &toml::Table, id: &str) -> toml::Table {
    answers(entry)
        .into_iter()
        .find(|a| a["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no answer {id}"))
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// ---------------------------------------------------------------------------
// Helpers for runs at different times, follow-ups and the index.

impl Env {
    /// `tend ARGS` with the clock at `now`; the output, whatever the exit.
    pub fn run_at(&self, now: &str, args: &[&str]) -> std::process::Output {
        self.tend()
            .env("TEND_TEST_NOW", now)
            .args(args)
            .output()
            .unwrap()
    }

    /// `tend ARGS` with the clock at `now`, which must succeed; its stdout.
    pub fn ok_at(&self, now: &str, args: &[&str]) -> String {
        let out = self.run_at(now, args);
        assert!(
            out.status.success(),
            "tend {args:?} at {now} failed ({:?})\n--- stdout ---\n{}\n--- stderr ---\n{}",
            out.status,
            stdout(&out),
            stderr(&out)
        );
        stdout(&out)
    }

    /// Every entry of one kind, oldest file first.
    pub fn entries_of_kind(&self, kind: &str) -> Vec<toml::Table> {
        self.entries()
            .into_iter()
            .filter(|e| e["kind"].as_str() == Some(kind))
            .collect()
    }

    /// The file of the entry with this id.
    pub fn path_of(&self, id: &str) -> PathBuf {
        self.entry_files()
            .into_iter()
            .find(|p| p.file_stem().is_some_and(|s| s == id))
            .unwrap_or_else(|| panic!("no entry file for {id}"))
    }
}

/// The id of an entry, as text.
pub fn id_of(entry: &toml::Table) -> String {
    entry["id"].as_str().unwrap().to_string()
}

/// The random part of an id after its dash: what `tend read --list` shows.
pub fn handle_of_id(id: &str) -> String {
    id.rsplit_once('-').unwrap().1.to_string()
}

/// The handle `tend actions` shows on the line that holds `text`.
pub fn action_handle(listing: &str, text: &str) -> String {
    let line = listing
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no action {text:?} in:\n{listing}"));
    line.split_whitespace().next().unwrap().to_string()
}

/// The line of a listing that holds `text`.
pub fn line_with<'a>(listing: &'a str, text: &str) -> &'a str {
    listing
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in:\n{listing}"))
}

/// A flat JSON object (as `tend status --format json` prints it) as key to
/// raw value text: strings without their quotes, others as written.
pub fn flat_json(text: &str) -> std::collections::BTreeMap<String, String> {
    let s = text.trim();
    assert!(
        s.starts_with('{') && s.ends_with('}'),
        "not a JSON object: {s}"
    );
    let inner = &s[1..s.len() - 1];
    let mut parts = Vec::new();
    let (mut cur, mut quoted, mut escaped) = (String::new(), false, false);
    for c in inner.chars() {
        match c {
            _ if escaped => {
                cur.push(c);
                escaped = false;
            }
            '\\' if quoted => {
                cur.push(c);
                escaped = true;
            }
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            ',' if !quoted => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    if !cur.trim().is_empty() {
        parts.push(cur);
    }
    parts
        .iter()
        .map(|p| {
            let (k, v) = p
                .split_once("\":")
                .unwrap_or_else(|| panic!("not a key and value: {p}"));
            let k = k.trim().trim_start_matches('"').to_string();
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            (k, v.to_string())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Helpers for tests that spawn, kill or limit the process themselves.

impl Env {
    /// `tend` as a plain `std::process::Command` with exactly the environment
    /// of [`Env::tend`], for tests that need `spawn`, `kill` or `pre_exec`.
    pub fn std_tend(&self) -> std::process::Command {
        let c = self.tend();
        let mut s = std::process::Command::new(c.get_program());
        s.env_clear();
        for (k, v) in c.get_envs() {
            if let Some(v) = v {
                s.env(k, v);
            }
        }
        s
    }
}

// ---------------------------------------------------------------------------
// Output on a screen of a given width.

impl Env {
    /// `tend ARGS`, piped, on a screen `width` columns wide (COLUMNS), at
    /// the environment's clock; its stdout, after it ended well.
    pub fn at_width(&self, width: usize, args: &[&str]) -> String {
        let out = self
            .tend()
            .env("COLUMNS", width.to_string())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tend {args:?} at {width} columns failed: {}",
            stderr(&out)
        );
        stdout(&out)
    }
}

/// Every line within `width` columns, measured as a terminal shows it.
pub fn assert_fits(out: &str, width: usize, what: &str) {
    for line in out.lines() {
        assert!(
            console::measure_text_width(line) <= width,
            "{what}: a line of {} columns at {width}:\n{line}\n--- all ---\n{out}",
            console::measure_text_width(line)
        );
    }
}

/// Characters plain mode never shows: escapes (colour, cursor movement),
/// arrows, box drawing, block and shade characters, geometric marks, ticks
/// and menu pointers.
pub fn drawn_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            c == '\u{1b}'
                || ('\u{2190}'..='\u{21ff}').contains(&c)
                || ('\u{2500}'..='\u{25ff}').contains(&c)
                || ('\u{2700}'..='\u{27bf}').contains(&c)
                || ['•', '›', '❯', '✔', '✘'].contains(&c)
        })
        .collect()
}

/// A pack of two questions, a scale and a text answer (which may go to the
/// editor): the shortest check-in that writes words.
pub const TWO_QUESTIONS: &str = r#"
id = "two"
version = 1
title = "Two questions"
kind = "checkin"

[[questions]]
id = "energy"
type = "scale"
text = "How much energy do you have left?"
min = 0
max = 5
measures = "motivation"
level = "summary"

[[questions]]
id = "mind"
type = "text"
text = "Anything on your mind?"
measures = "other"
level = "full"
"#;

//! Proof that nothing is lost: tend's first promise, tested by the harm that
//! breaks such promises. Writers killed at random moments, eight writers at
//! once, a full disk, hostile files, links out of the journal, and fuzzing of
//! every loader a person's files go through. The crate is a binary, so every
//! test drives the real `tend`.
//!
//! Randomness here is seeded, so a failure can be repeated; the kill tests
//! print what they did (`cargo test --test nothing_lost -- --nocapture`).
//! The long fuzz run at the end picks a new seed each time and prints it;
//! `FUZZ_SEED=0x...` repeats one.
// Needs Unix: a pseudo-terminal, signals or file modes (the Windows build
// is checked by clippy and tests/windows-smoke.sh under Wine).
#![cfg(unix)]
// A test's own report, not tend's output (clippy.toml keeps tend's printing
// to src/output.rs).
#![allow(clippy::disallowed_macros)]

mod common;
use common::Rng;
use common::*;

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;
use std::fs;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

/// The clock for every test: a Thursday in November 2026.
const NOW: &str = "2026-11-26T13:20:05+00:00";
/// The seed of the kill tests' sleeps: the same seed, the same schedule.
const SEED: u64 = 0x7e4d_2026_1126;
/// No command here should take this long; longer is a hang.
const HANG: Duration = Duration::from_secs(60);

// ---------------------------------------------------------------------------
// What the writers write.

const ATTEND: &str = "Sat with a new band 5 nurse at handover — she'd been on since 07:00 and \
    nobody had asked how the night went. I asked, then listened without fixing anything; \
    \"it was a lot\", she said, and then told me about bay 4, the family, and the pump that \
    kept alarming. Größe, naïve, 看護, 🌙: text of every kind has to come back exactly.";
const UNDERSTAND: &str = "The handover runs late because the board is out of date by the \
    time the day team arrives; the night team fill it in after the drug round, which is \
    exactly when they are most tired. Not a people problem: a timing problem.";
const EMPATHISE: &str = "Felt some of the weight the student was carrying: first death on the \
    ward, and she thought she should have noticed sooner. Sat with that for a minute before \
    saying anything at all.";
const HELP: &str = "Moved the rota meeting so she could rest.\nAsked estates (again) about \
    the pump bracket.\nOffered the student a debrief with the practice educator on Friday.";
const SELF_: &str = "Tired, a bit short with myself about the rota. Tea, and leaving on time \
    tonight, would help.";
const NEXT: &str = "Ask the night team what would make handover easier";
/// The note the note writers save, a few KB long.
fn note_text() -> String {
    "Asked the night team what would help; they want handover on paper. ".repeat(40)
}

/// An answers file of a few KB for a full check-in.
fn answers_text() -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        "motivation = 6\nattend = {}\nunderstand = {}\nempathise = {}\nhelp = {}\nself = {}\n\
         next_action = {{ text = {}, due = \"2026-12-01\" }}\n",
        q(&ATTEND.repeat(3)),
        q(UNDERSTAND),
        q(EMPATHISE),
        q(HELP),
        q(SELF_),
        q(NEXT)
    )
}

/// The check-in's seven questions, in order.
const CHECKIN_IDS: [&str; 7] = [
    "motivation",
    "attend",
    "understand",
    "empathise",
    "help",
    "self",
    "next_action",
];

/// A hand-written entry file (a note), for hostile tests and links.
fn note_entry(id: &str, created: &str, text: &str) -> String {
    format!(
        "schema = 1\nid = \"{id}\"\nkind = \"note\"\npack = \"note\"\npack_version = 1\n\
         created = \"{created}\"\ntags = []\n\n[[answers]]\nid = \"note\"\nsection = \"note\"\n\
         question = \"What would you like to note?\"\ntype = \"text\"\nmeasures = \"other\"\n\
         level = \"full\"\nvalue = \"{text}\"\n"
    )
}

/// A valid pack using every question type, for the pack tests and fuzzing.
const PACK: &str = r#"id = "mine"
version = 1
title = "My check-in"
kind = "checkin"
description = "Every type of question."

[[questions]]
id = "energy"
type = "scale"
text = "How is your energy?"
hint = "Shown under the question."
min = 1
max = 5
labels = ["flat", "buzzing"]
measures = "motivation"
level = "summary"
quick = "always"

[[questions]]
id = "where"
type = "single_choice"
text = "Where were you most of the day?"
choices = ["ward", "office", "home"]
measures = "other"
level = "summary"

[[questions]]
id = "strain"
type = "multi_choice"
text = "What was under strain?"
choices = ["staffing", "equipment", "time"]
measures = "strain_factor"
level = "summary"

[[questions]]
id = "break"
type = "yes_no"
text = "Did you get a break?"
measures = "other"
level = "summary"

[[questions]]
id = "story"
type = "text"
text = "What happened?"
measures = "learning"
level = "learning"
quick = "rotate"

[[questions]]
id = "step"
section = "action"
type = "action"
text = "One small step?"
measures = "action"
level = "full"
"#;

// ---------------------------------------------------------------------------
// Small helpers.

/// Starts `cmd` with no input and its output thrown away.
fn spawn_quiet(mut cmd: Command) -> Child {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Runs `cmd`, sends SIGKILL after `after` (if it is still running), and
/// returns how it ended.
fn run_and_kill(cmd: Command, after: Duration) -> ExitStatus {
    let mut child = spawn_quiet(cmd);
    std::thread::sleep(after);
    // SIGKILL; harmless when the process has already finished.
    let _ = child.kill();
    child.wait().unwrap()
}

/// How long `cmd` takes when left alone; it must succeed.
fn time_of(mut cmd: Command) -> Duration {
    let t = Instant::now();
    let out = cmd.stdin(Stdio::null()).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    t.elapsed()
}

/// A process ended by a signal other than our kill, or by a panic, is a
/// failure whatever else happened.
fn assert_no_crash(what: &str, out: &std::process::Output) {
    let err = stderr(out);
    assert!(
        out.status.signal().is_none(),
        "{what}: killed by signal {:?}\n{err}",
        out.status.signal()
    );
    assert!(
        out.status.code() != Some(101) && !err.contains("panicked"),
        "{what}: tend panicked\n{err}"
    );
}

/// Every file under `dir` (links not followed), sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.sort();
    out
}

/// Path and bytes of every file in the test's folder outside the journal:
/// the config, packs, answers files, and anything a link points at.
fn outside_journal(env: &Env) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(env.tmp.path())
        .into_iter()
        .filter(|p| !p.starts_with(env.dir()))
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// Path and bytes of every plain file under `entries/`.
fn entry_bytes(env: &Env) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(&env.dir().join("entries"))
        .into_iter()
        .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
        .map(|p| {
            let b = fs::read(&p).unwrap();
            (p, b)
        })
        .collect()
}

/// `tend ARGS`, which must exit 0 without a crash; stdout and stderr.
fn ok(env: &Env, args: &[&str]) -> (String, String) {
    let out = env.tend().args(args).timeout(HANG).output().unwrap();
    assert_no_crash(&format!("tend {args:?}"), &out);
    assert!(
        out.status.success(),
        "tend {args:?} failed ({:?})\n{}",
        out.status,
        stderr(&out)
    );
    (stdout(&out), stderr(&out))
}

/// The numbers `tend status --format json` gives.
fn status(env: &Env) -> BTreeMap<String, String> {
    flat_json(&ok(env, &["status", "--format", "json"]).0)
}

/// What the quick commands show, each with its stdout and stderr.
fn quick_views(env: &Env) -> Vec<(&'static str, String, String)> {
    [
        &["status", "--format", "json"][..],
        &["list", "-n", "0"],
        &["actions"],
        &["read", "--list"],
    ]
    .into_iter()
    .map(|args| {
        let (o, e) = ok(env, args);
        (args[0], o, e)
    })
    .collect()
}

/// Checks one entry file written by the writers of these tests: it parses,
/// its id is its name, and it holds every answer in full.
fn assert_whole(path: &Path, bytes: &[u8]) -> toml::Table {
    assert!(!bytes.is_empty(), "{} is empty", path.display());
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", path.display()));
    let t: toml::Table = text
        .parse()
        .unwrap_or_else(|e| panic!("{} is not whole TOML: {e}\n{text}", path.display()));
    let stem = path.file_stem().unwrap().to_string_lossy();
    assert_eq!(t["schema"].as_integer(), Some(1), "{}", path.display());
    assert_eq!(t["id"].as_str(), Some(&*stem), "{}", path.display());
    assert!(t.contains_key("created"), "{}", path.display());
    let all = answers(&t);
    let value = |id: &str| answer(&t, id).get("value").cloned();
    let text_of = |id: &str| value(id).and_then(|v| v.as_str().map(str::to_string));
    match t["kind"].as_str() {
        Some("checkin") => {
            let ids: Vec<&str> = all.iter().map(|a| a["id"].as_str().unwrap()).collect();
            assert_eq!(ids, CHECKIN_IDS, "{}", path.display());
            assert_eq!(value("motivation").and_then(|v| v.as_integer()), Some(6));
            assert_eq!(text_of("attend").as_deref(), Some(&*ATTEND.repeat(3)));
            assert_eq!(text_of("understand").as_deref(), Some(UNDERSTAND));
            assert_eq!(text_of("empathise").as_deref(), Some(EMPATHISE));
            assert_eq!(text_of("help").as_deref(), Some(HELP));
            assert_eq!(text_of("self").as_deref(), Some(SELF_));
            assert_eq!(text_of("next_action").as_deref(), Some(NEXT));
        }
        Some("note") => {
            assert_eq!(all.len(), 1, "{}", path.display());
            assert_eq!(text_of("note"), Some(note_text()), "{}", path.display());
        }
        other => panic!("{}: unexpected kind {other:?}", path.display()),
    }
    t
}

/// Checks the whole journal after a writer: every entry file is whole, every
/// file seen before is byte-identical, and `tend list -n 0` lists exactly the
/// entry files, never a temporary file. Returns how many temporary files
/// (`.tend-*`) are lying in the entries folders.
fn check_journal(env: &Env, seen: &mut BTreeMap<PathBuf, Vec<u8>>) -> usize {
    let mut temps = 0;
    let mut now_there = BTreeSet::new();
    for p in files_under(&env.dir().join("entries")) {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".tend-") {
            temps += 1;
            continue;
        }
        assert!(name.ends_with(".toml"), "a stray file: {}", p.display());
        let bytes = fs::read(&p).unwrap();
        match seen.get(&p) {
            Some(before) => assert!(
                *before == bytes,
                "{} changed after it was saved",
                p.display()
            ),
            None => {
                assert_whole(&p, &bytes);
                seen.insert(p.clone(), bytes);
            }
        }
        now_there.insert(p);
    }
    let gone: Vec<_> = seen.keys().filter(|p| !now_there.contains(*p)).collect();
    assert!(gone.is_empty(), "entries disappeared: {gone:?}");
    let (out, err) = ok(env, &["list", "-n", "0"]);
    assert!(!err.contains("skipped"), "an unreadable file:\n{err}");
    let rows = out.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(rows, seen.len(), "list shows every entry, once:\n{out}");
    for p in seen.keys() {
        let stem = p.file_stem().unwrap().to_string_lossy();
        assert!(
            out.contains(handle_of_id(&stem).as_str()),
            "{stem} not listed"
        );
    }
    temps
}

/// Saves an entry with `tend ARGS`, its id's random part fixed to `random`.
fn save(env: &Env, args: &[&str], random: &str) -> PathBuf {
    let out = env
        .tend()
        .args(args)
        .env("TEND_TEST_RANDOM", random)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let id = format!("20261126T132005Z-{random}");
    env.path_of(&id)
}

// ---------------------------------------------------------------------------
// 1. Killed at any moment: the old file or the new one, never half of one.

/// Check-ins and notes killed at random moments, many times over. Half of
/// the writers are made to try an existing entry's name first, so
/// create-mode's refusal to replace is tested under fire too.
#[test]
fn killed_writers_leave_whole_entries_or_none() {
    let env = Env::new().at(NOW);
    let answers_file = env.file("answers.toml", &answers_text());
    let answers_arg = answers_file.to_str().unwrap();
    // Two entries already there, whose names the writers will try first.
    let kept = [
        save(&env, &["checkin", "--answers", answers_arg], "keep01"),
        save(&env, &["note", &note_text()], "keep02"),
    ];
    let kept_bytes: Vec<Vec<u8>> = kept.iter().map(|p| fs::read(p).unwrap()).collect();
    let mut seen = BTreeMap::new();
    check_journal(&env, &mut seen);

    let writer = |rng: &mut Rng| {
        let mut c = env.std_tend();
        if rng.below(2) == 0 {
            c.args(["checkin", "--answers", answers_arg]);
        } else {
            c.args(["note", &note_text()]);
        }
        match rng.below(4) {
            0 => {
                c.env("TEND_TEST_RANDOM", "keep01");
            }
            1 => {
                c.env("TEND_TEST_RANDOM", "keep02");
            }
            _ => {}
        }
        c
    };
    let mut rng = Rng(SEED);
    // Kill anywhere from the start to a little after a quick run ends (the
    // quickest of three, so a slow moment of the machine does not widen it).
    let quick = (0..3).map(|_| time_of(writer(&mut rng))).min().unwrap();
    let window = quick.mul_f32(1.2).max(Duration::from_millis(15));
    check_journal(&env, &mut seen);
    let start = Instant::now();
    let (mut runs, mut killed, mut finished, mut temps) = (0u64, 0u64, 0u64, 0);
    while runs < 150 && start.elapsed() < Duration::from_secs(25) {
        let cmd = writer(&mut rng);
        let wait = Duration::from_micros(rng.below(window.as_micros() as u64));
        let how = run_and_kill(cmd, wait);
        runs += 1;
        match (how.signal(), how.code()) {
            (Some(libc::SIGKILL), _) => killed += 1,
            (None, Some(0)) => finished += 1,
            _ => panic!("run {runs}: the writer ended with {how:?}, not by our kill"),
        }
        temps = check_journal(&env, &mut seen);
        for (p, b) in kept.iter().zip(&kept_bytes) {
            assert!(
                fs::read(p).unwrap() == *b,
                "run {runs}: {} changed",
                p.display()
            );
        }
    }
    let saved = seen.len() as u64 - 5;
    eprintln!(
        "kill test: {runs} runs in {:?} (kill window {window:?}): {killed} killed, \
         {finished} finished, {saved} saved, {temps} temporary files left behind",
        start.elapsed()
    );
    assert!(runs >= 30, "only {runs} runs in the time allowed");
    assert!(
        killed * 5 >= runs,
        "too few kills to prove anything: {killed} of {runs}"
    );
    assert!(
        (finished..=runs).contains(&saved),
        "{saved} saved of {runs} runs, {finished} of which finished"
    );
    let s = status(&env);
    assert_eq!(s["entries"], seen.len().to_string(), "{s:?}");
    assert_eq!(s["unreadable"], "0", "{s:?}");
}

/// A journal of a few months, indexed, then `tend index --rebuild` (every
/// index file rewritten in replace mode) killed at random moments: the quick
/// commands afterwards show exactly what they showed after a clean rebuild,
/// and the entries are untouched.
#[test]
fn killed_rebuilds_leave_the_quick_commands_as_a_clean_rebuild_would() {
    let env = Env::new().at(NOW);
    ok(&env, &["generate", "--days", "70"]);
    let entries = entry_bytes(&env);
    let rebuild = || {
        let mut c = env.std_tend();
        c.args(["index", "--rebuild"]);
        c
    };
    let took = time_of(rebuild());
    let clean = quick_views(&env);
    let window = took.mul_f32(1.2).max(Duration::from_millis(15));
    let mut rng = Rng(SEED ^ 1);
    // A fixed number of runs, not a time budget: on a loaded machine a time
    // budget quietly tested less, and then failed for it.
    let start = Instant::now();
    let mut runs = 0;
    while runs < 15 {
        let wait = Duration::from_micros(rng.below(window.as_micros() as u64));
        let how = run_and_kill(rebuild(), wait);
        runs += 1;
        assert!(
            how.signal() == Some(libc::SIGKILL) || how.success(),
            "{how:?}"
        );
        assert!(
            quick_views(&env) == clean,
            "run {runs}: after a rebuild killed at {wait:?} the quick commands differ \
             from a clean rebuild:\n{:#?}\nclean:\n{clean:#?}",
            quick_views(&env)
        );
        if runs % 5 == 0 {
            ok(&env, &["index", "--rebuild"]);
            assert!(
                quick_views(&env) == clean,
                "run {runs}: after a clean rebuild"
            );
        }
    }
    eprintln!(
        "rebuild kill test: {runs} runs in {:?} (rebuild takes {took:?})",
        start.elapsed()
    );
    assert!(entry_bytes(&env) == entries, "an entry changed");
}

/// As above, but with a new entry saved before each killed rebuild, so the
/// index the rebuild replaces is behind the entries.
#[test]
fn killed_rebuilds_after_new_entries_leave_the_quick_commands_as_a_clean_rebuild_would() {
    let env = Env::new().at(NOW);
    ok(&env, &["generate", "--days", "40"]);
    let rebuild = || {
        let mut c = env.std_tend();
        c.args(["index", "--rebuild"]);
        c
    };
    let took = time_of(rebuild());
    let window = took.mul_f32(1.2).max(Duration::from_millis(15));
    let mut rng = Rng(SEED ^ 2);
    let start = Instant::now();
    let mut runs = 0;
    while runs < 12 {
        // Saving does not touch the index: the next command finds the entry.
        ok(
            &env,
            &["actions", "add", &format!("Step {runs}: ask the team")],
        );
        let wait = Duration::from_micros(rng.below(window.as_micros() as u64));
        run_and_kill(rebuild(), wait);
        runs += 1;
        let after_kill = quick_views(&env);
        ok(&env, &["index", "--rebuild"]);
        let clean = quick_views(&env);
        assert!(
            after_kill == clean,
            "run {runs}: after a rebuild killed at {wait:?} the quick commands differ \
             from a clean rebuild:\n{after_kill:#?}\nclean:\n{clean:#?}"
        );
    }
    eprintln!("{runs} runs in {:?}", start.elapsed());
}

/// The same fault without the timing: a process that wrote a month's shard
/// and was killed before writing `index/state.json` leaves the old state file
/// beside the new shard. Putting the old state file back is exactly that.
#[test]
fn a_kill_between_the_index_files_is_repaired_by_the_next_command() {
    let env = Env::new().at(NOW);
    ok(&env, &["note", "The first entry"]);
    ok(&env, &["status"]);
    let old_state = fs::read(env.dir().join("index/state.json")).unwrap();
    ok(
        &env,
        &["actions", "add", "Book a debrief with the night team"],
    );
    // This run writes the shard of 2026-11, then the state file.
    ok(&env, &["status"]);
    // The kill came between the two: the old state file is still there.
    fs::write(env.dir().join("index/state.json"), old_state).unwrap();
    ok(&env, &["index"]);
    let after_kill = quick_views(&env);
    ok(&env, &["index", "--rebuild"]);
    let clean = quick_views(&env);
    assert!(
        after_kill == clean,
        "the quick commands after the kill:\n{after_kill:#?}\nafter a clean rebuild:\n{clean:#?}"
    );
}

// ---------------------------------------------------------------------------
// 2. Eight writers at once.

/// Eight `checkin --answers` at a time, for a few seconds. Every writer
/// that says it saved did, every id is different, every file is whole, and
/// the index agrees with the files, before a rebuild and after it.
#[test]
fn eight_writers_at_once_lose_nothing() {
    let env = Env::new().at(NOW);
    let answers_file = env.file("answers.toml", &answers_text());
    let answers_arg = answers_file.to_str().unwrap();
    save(&env, &["checkin", "--answers", answers_arg], "first1");
    let start = Instant::now();
    let mut started = 0usize;
    let mut saved: Vec<PathBuf> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    // A pool of eight: as soon as one writer ends the next starts, so every
    // step of one (reading the index, saving, writing the index) meets every
    // step of the others. Every fourth writer backdates into an older month;
    // in every other group of eight, all try the same id first.
    let spawn = |n: usize| {
        let mut c = env.std_tend();
        c.args(["checkin", "--answers", answers_arg]);
        if n % 4 == 3 {
            c.args(["--date", &format!("2026-0{}-1{}", 6 + n % 3, n % 10)]);
        }
        if (n / 8).is_multiple_of(2) {
            c.env("TEND_TEST_RANDOM", "race01");
        }
        c.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut running: Vec<Child> = Vec::new();
    while !running.is_empty() || started == 0 {
        while running.len() < 8 && started < 240 && start.elapsed() < Duration::from_secs(5) {
            running.push(spawn(started));
            started += 1;
        }
        let Some(done) = running
            .iter_mut()
            .position(|c| c.try_wait().unwrap().is_some())
        else {
            std::thread::sleep(Duration::from_millis(1));
            continue;
        };
        let out = running.swap_remove(done).wait_with_output().unwrap();
        assert_no_crash("a concurrent check-in", &out);
        if out.status.success() {
            let said = stdout(&out);
            let path = said
                .trim()
                .strip_prefix("Saved your check-in to ")
                .unwrap_or_else(|| panic!("no path in: {said}"));
            saved.push(PathBuf::from(path));
        } else {
            failures.push(stderr(&out));
        }
    }
    eprintln!(
        "{started} writers, 8 at a time, in {:?}: {} saved, {} failed",
        start.elapsed(),
        saved.len(),
        failures.len()
    );
    assert!(started >= 24, "only {started} writers in the time allowed");
    assert!(failures.is_empty(), "writers failed: {failures:#?}");
    let distinct: BTreeSet<&PathBuf> = saved.iter().collect();
    assert_eq!(distinct.len(), saved.len(), "two writers reported one file");
    for p in &saved {
        let bytes = fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert_whole(p, &bytes);
    }
    let files = env.entry_files();
    assert_eq!(files.len(), saved.len() + 1, "files nobody reported saving");
    let ids: BTreeSet<String> = env.entries().iter().map(id_of).collect();
    assert_eq!(ids.len(), files.len(), "ids repeat");

    let (listed, err) = ok(&env, &["list", "-n", "0"]);
    assert!(!err.contains("skipped"), "{err}");
    let rows = listed.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(rows, files.len(), "list:\n{listed}");
    let s = status(&env);
    assert_eq!(s["entries"], files.len().to_string(), "{s:?}");
    ok(&env, &["index", "--rebuild"]);
    assert_eq!(
        ok(&env, &["list", "-n", "0"]).0,
        listed,
        "the index was behind"
    );
    assert_eq!(status(&env)["entries"], files.len().to_string());
}

// ---------------------------------------------------------------------------
// 3. A full disk.

/// `cmd` runs with files limited to `bytes` (RLIMIT_FSIZE) and SIGXFSZ
/// ignored, so a write past the limit fails with EFBIG as on a full disk.
fn limit_file_size(cmd: &mut Command, bytes: u64) {
    // SAFETY: setrlimit and signal are async-signal-safe, and the closure
    // touches nothing but its copied argument.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            Ok(())
        });
    }
}

/// A check-in and a note that cannot be written whole: a non-zero exit, a
/// message naming the file, nothing partial left, the old entries untouched.
#[test]
fn a_full_disk_saves_nothing_partial_and_says_so() {
    let env = Env::new().at(NOW);
    let answers_file = env.file("answers.toml", &answers_text());
    let answers_arg = answers_file.to_str().unwrap();
    let checkin = save(&env, &["checkin", "--answers", answers_arg], "keep01");
    save(&env, &["note", &note_text()], "keep02");
    ok(&env, &["list"]);
    let before = entry_bytes(&env);
    // Room for part of a check-in, but not all of it.
    let half = fs::metadata(checkin).unwrap().len() / 2;
    let month = env.dir().join("entries/2026/11");
    let big_note = "A note longer than the disk has room for. ".repeat(300);
    for limit in [0, 100, half] {
        for args in [
            vec!["checkin", "--answers", answers_arg],
            vec!["note", &big_note],
            vec!["note", &big_note, "--date", "2026-10-01"],
        ] {
            let mut c = env.std_tend();
            c.args(&args);
            limit_file_size(&mut c, limit);
            let out = c.stdin(Stdio::null()).output().unwrap();
            let what = format!("{} with files limited to {limit} bytes", args[0]);
            assert_no_crash(&what, &out);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(1), "{what}: {err}");
            assert!(
                err.contains("disk") || err.contains("could not"),
                "{what}: says what went wrong: {err}"
            );
            let folder = if args.len() == 4 {
                env.dir().join("entries/2026/10")
            } else {
                month.clone()
            };
            assert!(
                err.contains(&folder.display().to_string()) && err.contains(".toml"),
                "{what}: names the file it could not save: {err}"
            );
            assert!(
                stdout(&out).is_empty(),
                "{what}: claims to have saved: {}",
                stdout(&out)
            );
            // Nothing partial: the same entry files, byte for byte, and no
            // temporary file left behind by a clean failure.
            assert!(entry_bytes(&env) == before, "{what}: the entries changed");
            let stray: Vec<PathBuf> = files_under(&env.dir().join("entries"))
                .into_iter()
                .filter(|p| !before.contains_key(p))
                .collect();
            assert!(stray.is_empty(), "{what}: left {stray:?}");
        }
    }
    // With room again, everything is as it was and writing works.
    let (out, err) = ok(&env, &["list", "-n", "0"]);
    assert!(!err.contains("skipped"), "{err}");
    assert_eq!(out.lines().count(), 2, "{out}");
    ok(&env, &["note", &big_note]);
    assert_eq!(env.entry_files().len(), 3);
}

// ---------------------------------------------------------------------------
// 4. Hostile input.

/// Runs `tend ARGS` expecting exit `code` (no crash); its stderr.
fn fails(env: &Env, args: &[&str], code: i32) -> String {
    let out = env.tend().args(args).timeout(HANG).output().unwrap();
    assert_no_crash(&format!("tend {args:?}"), &out);
    assert_eq!(
        out.status.code(),
        Some(code),
        "tend {args:?}: {}",
        stderr(&out)
    );
    stderr(&out)
}

/// A good entry to be listed beside the hostile ones.
fn good_note(env: &Env) -> String {
    let p = save(env, &["note", "A perfectly ordinary note"], "good01");
    id_of(
        &fs::read_to_string(p)
            .unwrap()
            .parse::<toml::Table>()
            .unwrap(),
    )
}

#[test]
fn invalid_utf8_is_named_with_where_it_is() {
    let env = Env::new().at(NOW);
    good_note(&env);
    let month = env.dir().join("entries/2026/11");
    let entry = month.join("20261120T100000Z-binary.toml");
    let mut bytes =
        note_entry("20261120T100000Z-binary", "2026-11-20T10:00:00Z", "ok").into_bytes();
    // A Latin-1 "é" at the start of line 3 ("kind = ...").
    let at = bytes.windows(4).position(|w| w == b"kind").unwrap();
    bytes.splice(at..at, [0xe9]);
    fs::write(&entry, &bytes).unwrap();
    let answers_file = env.file("answers.toml", "motivation = 5\nattend = \"caf\u{e9}\"\n");
    let mut latin1 = fs::read(&answers_file).unwrap();
    let pos = latin1.windows(2).position(|w| w == [0xc3, 0xa9]).unwrap();
    latin1.splice(pos..pos + 2, [0xe9]);
    fs::write(&answers_file, &latin1).unwrap();
    let pack = env.write_pack("mine.toml", PACK);
    let mut p = PACK.as_bytes().to_vec();
    p.splice(100..100, [0xff, 0xfe]);
    fs::write(&pack, &p).unwrap();
    let outside = outside_journal(&env);
    let entries = entry_bytes(&env);

    let (out, err) = ok(&env, &["list", "-n", "0"]);
    assert!(out.contains("A perfectly ordinary note"), "{out}");
    assert!(
        err.contains(&format!("{}, line 3: not UTF-8", entry.display())),
        "{err}"
    );
    let err = fails(
        &env,
        &["checkin", "--answers", answers_file.to_str().unwrap()],
        1,
    );
    assert!(
        err.contains(&answers_file.display().to_string())
            && err.contains("not UTF-8")
            && err.contains("offset"),
        "{err}"
    );
    let err = fails(&env, &["prompts", "check", pack.to_str().unwrap()], 1);
    assert!(
        err.contains(&pack.display().to_string()) && err.contains("not UTF-8"),
        "{err}"
    );
    let err = fails(
        &env,
        &[
            "checkin",
            "--pack",
            "mine",
            "--answers",
            answers_file.to_str().unwrap(),
        ],
        1,
    );
    assert!(
        err.contains("mine.toml") && err.contains("not UTF-8"),
        "{err}"
    );
    let (_, err) = ok(&env, &["prompts", "list"]);
    assert!(err.contains("mine.toml"), "{err}");
    assert!(
        outside_journal(&env) == outside,
        "a file outside the journal changed"
    );
    assert!(entry_bytes(&env) == entries, "an entry changed");
}

#[test]
fn a_five_megabyte_answer_comes_back_whole() {
    let env = Env::new().at(NOW);
    // Five MB of varied text, with the characters TOML must escape.
    let mut text = String::new();
    let mut i = 0u64;
    while text.len() < 5 * 1024 * 1024 {
        text.push_str(&format!(
            "Line {i}: \"quoted\", a tab\there, a backslash \\ and ü, 🌙.\n"
        ));
        i += 1;
    }
    let answers_file = env.file(
        "big.toml",
        &format!(
            "motivation = 4\nattend = {}\n",
            toml::Value::String(text.clone())
        ),
    );
    let out = env
        .tend()
        .args(["checkin", "--answers", answers_file.to_str().unwrap()])
        .timeout(HANG)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let e = &env.entries()[0];
    assert_eq!(answer(e, "attend")["value"].as_str(), Some(text.as_str()));
    let id = id_of(e);
    let (shown, err) = ok(&env, &["show", &id]);
    assert!(!err.contains("skipped"), "{err}");
    assert!(shown.contains("Line 0: \"quoted\""), "shown");
    let last = format!("Line {}: ", i - 1);
    assert!(shown.contains(&last), "the end of the answer is shown");
    let (raw, _) = ok(&env, &["show", "--raw", &id]);
    assert_eq!(raw.as_bytes(), fs::read(env.path_of(&id)).unwrap());
    let (listed, _) = ok(&env, &["list", "-n", "0"]);
    assert!(listed.contains(handle_of_id(&id).as_str()));
}

#[test]
fn a_twenty_megabyte_file_is_skipped_as_too_large() {
    let env = Env::new().at(NOW);
    good_note(&env);
    let huge = env
        .dir()
        .join("entries/2026/11/20261120T100000Z-huge01.toml");
    // A valid entry padded with a comment to 20 MB: too large to read whole.
    let mut text = note_entry("20261120T100000Z-huge01", "2026-11-20T10:00:00Z", "HUGE");
    text.push('#');
    text.push_str(&"x".repeat(20 * 1024 * 1024));
    text.push('\n');
    fs::write(&huge, &text).unwrap();
    let entries = entry_bytes(&env);
    for args in [&["list", "-n", "0"][..], &["show", "last"], &["index"]] {
        let (out, err) = ok(&env, args);
        assert!(
            err.contains(&huge.display().to_string()) && err.contains("too large"),
            "{args:?}: {err}"
        );
        assert!(!out.contains("HUGE"), "{args:?} read it");
    }
    let (out, _) = ok(&env, &["list", "-n", "0"]);
    assert!(out.contains("A perfectly ordinary note"), "{out}");
    assert_eq!(status(&env)["unreadable"], "1");
    assert!(entry_bytes(&env) == entries, "an entry changed");
}

/// `depth` levels of nesting, in the shapes TOML allows.
fn nested(depth: usize) -> Vec<(&'static str, String)> {
    vec![
        (
            "arrays",
            format!("a = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "inline tables",
            format!("a = {}1{}\n", "{a=".repeat(depth), "}".repeat(depth)),
        ),
        (
            "tables in arrays",
            format!(
                "a = {}1{}\n",
                "[{a=".repeat(depth / 2),
                "}]".repeat(depth / 2)
            ),
        ),
        ("dotted keys", format!("{}a = 1\n", "a.".repeat(depth - 1))),
        ("a table header", format!("[{}a]\n", "a.".repeat(depth - 1))),
        (
            "an array of tables header",
            format!("[[{}a]]\n", "a.".repeat(depth - 1)),
        ),
    ]
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    let env = Env::new().at(NOW);
    good_note(&env);
    let month = env.dir().join("entries/2026/11");
    for (shape, text) in nested(10_000) {
        let entry = month.join("20261120T100000Z-nested.toml");
        fs::write(&entry, &text).unwrap();
        let (out, err) = ok(&env, &["list", "-n", "0"]);
        assert!(out.contains("A perfectly ordinary note"), "{shape}: {out}");
        assert!(err.contains(&entry.display().to_string()), "{shape}: {err}");
        fs::remove_file(&entry).unwrap();

        let f = env.file("nested.toml", &text);
        let out = env
            .tend()
            .args(["checkin", "--answers", f.to_str().unwrap()])
            .timeout(HANG)
            .output()
            .unwrap();
        assert_no_crash(shape, &out);
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{shape}: {:?}",
            out.status
        );
        assert!(
            stderr(&out).contains("nested.toml"),
            "{shape}: {}",
            stderr(&out)
        );

        let out = env
            .tend()
            .args(["prompts", "check", f.to_str().unwrap()])
            .timeout(HANG)
            .output()
            .unwrap();
        assert_no_crash(shape, &out);
        assert!(
            matches!(out.status.code(), Some(1 | 2)),
            "{shape}: {:?}",
            out.status
        );
        assert!(
            stderr(&out).contains("nested.toml"),
            "{shape}: {}",
            stderr(&out)
        );

        let pack = env.write_pack("deep.toml", &text);
        let (_, err) = ok(&env, &["prompts", "list"]);
        assert!(err.contains(&pack.display().to_string()), "{shape}: {err}");
        fs::remove_file(pack).unwrap();
    }
    assert_eq!(env.entry_files().len(), 1, "nothing was saved");
}

#[test]
fn ids_with_slashes_lead_nowhere() {
    let env = Env::new().at(NOW);
    good_note(&env);
    let month = env.dir().join("entries/2026/11");
    let sneaky = month.join("20261120T100000Z-escape.toml");
    fs::write(
        &sneaky,
        note_entry("../../escape", "2026-11-20T10:00:00Z", "ESCAPED"),
    )
    .unwrap();
    // A valid pack with id "x" one folder above the packs folder: where
    // `--pack ../x` would lead if a pack id were ever used as a path.
    let config_dir = env.config_path().parent().unwrap().to_path_buf();
    fs::create_dir_all(&config_dir).unwrap();
    fs::write(config_dir.join("x.toml"), PACK.replace("\"mine\"", "\"x\"")).unwrap();
    let bad_pack = env.write_pack("x.toml", &PACK.replace("\"mine\"", "\"../x\""));
    let answers_file = env.file("answers.toml", "energy = 3\n");
    let slash = env.file("slash.toml", "\"../x\" = \"hello\"\n");
    let outside = outside_journal(&env);
    let entries = entry_bytes(&env);

    let (out, err) = ok(&env, &["list", "-n", "0"]);
    assert!(!out.contains("ESCAPED"), "{out}");
    assert!(
        err.contains(&sneaky.display().to_string())
            && err.contains("\"../../escape\" is not a valid entry id"),
        "{err}"
    );
    for query in ["../../etc/passwd", "../../escape", "/etc/passwd", "..", "/"] {
        for raw in [false, true] {
            let mut args = vec!["show", query];
            if raw {
                args.insert(1, "--raw");
            }
            let err = fails(&env, &args, 1);
            // A path is taken as the path of an entry file, which must lie
            // inside the journal's entries folder.
            assert!(
                err.contains("no entry matches") || err.contains("is not a file in"),
                "{args:?}: {err}"
            );
            assert!(!err.contains("root:"), "{args:?}: {err}");
        }
    }
    let err = fails(&env, &["prompts", "check", bad_pack.to_str().unwrap()], 1);
    assert!(
        err.contains(&bad_pack.display().to_string()) && err.contains("\"../x\""),
        "{err}"
    );
    for id in ["../x", "../../config/x", "/x", "x/../mine"] {
        let err = fails(
            &env,
            &[
                "checkin",
                "--pack",
                id,
                "--answers",
                answers_file.to_str().unwrap(),
            ],
            1,
        );
        assert!(err.contains(&format!("\"{id}\"")), "{id}: {err}");
    }
    let err = fails(&env, &["checkin", "--answers", slash.to_str().unwrap()], 1);
    assert!(err.contains("slash.toml, line 1"), "{err}");
    assert!(
        outside_journal(&env) == outside,
        "a file outside the journal changed"
    );
    assert!(entry_bytes(&env) == entries, "an entry changed");
    let everything: Vec<PathBuf> = files_under(env.tmp.path());
    assert!(
        !everything
            .iter()
            .any(|p| p.to_string_lossy().contains("escape") && *p != sneaky),
        "{everything:?}"
    );
}

const MARKER: &str = "MARKER-outside-the-journal-7f3a";

/// A journal with links out of it: a link to an entry-like file, a linked
/// month folder and a linked year folder (each holding valid-looking entries
/// with the MARKER), a dangling link, a link to itself, and a FIFO named like
/// an entry (reading it would wait for ever).
fn journal_with_links(env: &Env) -> PathBuf {
    ok(env, &["note", "An ordinary note inside the journal"]);
    let outside = env.tmp.path().join("outside");
    fs::create_dir_all(outside.join("month")).unwrap();
    fs::create_dir_all(outside.join("year/10")).unwrap();
    fs::write(
        outside.join("entry.toml"),
        note_entry("20261115T100000Z-mark01", "2026-11-15T10:00:00Z", MARKER),
    )
    .unwrap();
    fs::write(
        outside.join("month/20261015T100000Z-mark02.toml"),
        note_entry("20261015T100000Z-mark02", "2026-10-15T10:00:00Z", MARKER),
    )
    .unwrap();
    fs::write(
        outside.join("year/10/20251015T100000Z-mark03.toml"),
        note_entry("20251015T100000Z-mark03", "2025-10-15T10:00:00Z", MARKER),
    )
    .unwrap();
    let entries = env.dir().join("entries");
    let month = entries.join("2026/11");
    std::os::unix::fs::symlink(
        outside.join("entry.toml"),
        month.join("20261126T132005Z-link01.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("month"), entries.join("2026/10")).unwrap();
    std::os::unix::fs::symlink(outside.join("year"), entries.join("2025")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("nothing-here.toml"),
        month.join("20261126T000000Z-dangle.toml"),
    )
    .unwrap();
    let selfish = month.join("20261126T000001Z-loop01.toml");
    std::os::unix::fs::symlink(&selfish, &selfish).unwrap();
    let fifo = std::ffi::CString::new(month.join("20261126T000002Z-fifo01.toml").to_str().unwrap())
        .unwrap();
    // SAFETY: a valid C string and a mode.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    outside
}

/// Links out of the journal are never followed when reading: the MARKER
/// never shows, in any command's output or in the index, and the files they
/// point at are untouched, also when a writer's first id is a link's name.
#[test]
fn links_out_of_the_journal_are_never_read() {
    let env = Env::new().at(NOW);
    journal_with_links(&env);
    let f = env.file("answers.toml", "motivation = 5\n");
    let outside = outside_journal(&env);
    let mut said = String::new();
    for args in [
        &["list", "-n", "0"][..],
        &["show", "last"],
        &["summary", "--all", "--format", "json"],
        &["summary", "--all"],
        &["status", "--format", "json"],
        &["actions"],
        &["read", "--list"],
        &["index"],
        &["index", "--rebuild"],
        &["export", "--format", "json", "--level", "full", "--all"],
        &["list", "-n", "0"],
        &[],
    ] {
        let (out, err) = ok(&env, args);
        said += &out;
        said += &err;
    }
    for handle in ["mark01", "mark02", "mark03", "link01", "fifo01"] {
        let err = fails(&env, &["show", handle], 1);
        // Either unknown, or known by name and explained as unreadable.
        assert!(
            err.contains("no entry matches") || err.contains("can't be used"),
            "{handle}: {err}"
        );
        said += &err;
        said += &fails(&env, &["show", "--raw", handle], 1);
    }
    assert!(!said.contains(MARKER), "read through a link:\n{said}");
    let (out, err) = ok(&env, &["list", "-n", "0"]);
    assert!(out.contains("An ordinary note"), "{out}");
    assert!(
        err.contains("20261126T132005Z-link01.toml") && err.contains("not a plain file"),
        "the link is named: {err}"
    );
    // Writers whose first id is the link's name take another.
    for _ in 0..3 {
        let out = env
            .tend()
            .args(["note", "A note whose first id is taken by a link"])
            .env("TEND_TEST_RANDOM", "link01")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let out = env
        .tend()
        .args(["checkin", "--answers", f.to_str().unwrap()])
        .env("TEND_TEST_RANDOM", "link01")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for p in files_under(&env.dir().join("index")) {
        let text = String::from_utf8_lossy(&fs::read(&p).unwrap()).into_owned();
        assert!(!text.contains(MARKER), "{} holds the marker", p.display());
    }
    let now_outside = outside_journal(&env);
    assert!(
        now_outside == outside,
        "files outside the journal changed: {:?}",
        now_outside.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    assert_eq!(ok(&env, &["list", "-n", "0"]).0.lines().count(), 5);
}

/// Saving into a month (or year) whose folder is a link out of the journal
/// must not write through the link.
#[test]
fn links_out_of_the_journal_are_never_written_through() {
    let env = Env::new().at(NOW);
    let outside_dir = journal_with_links(&env);
    let f = env.file("answers.toml", "motivation = 5\n");
    let f = f.to_str().unwrap();
    let outside = outside_journal(&env);
    for args in [
        &[
            "note",
            "Written on the 16th of October",
            "--date",
            "2026-10-16",
        ][..],
        &["checkin", "--answers", f, "--date", "2026-10-17"],
        &["note", "Written a year ago", "--date", "2025-10-16"],
    ] {
        let out = env.tend().args(args).timeout(HANG).output().unwrap();
        assert_no_crash(&format!("{args:?}"), &out);
        let said = stdout(&out);
        if out.status.success() {
            // Saved means saved in the journal: inside it, and listed.
            let path = said
                .split_whitespace()
                .find(|w| w.ends_with(".toml"))
                .unwrap_or_else(|| panic!("{args:?}: no path in {said}"));
            let real = fs::canonicalize(path).unwrap();
            assert!(
                real.starts_with(fs::canonicalize(env.dir()).unwrap()),
                "{args:?} said: {said}but wrote through a link to {}",
                real.display()
            );
            let id = Path::new(path).file_stem().unwrap().to_string_lossy();
            let listed = ok(&env, &["list", "-n", "0"]).0;
            assert!(
                listed.contains(handle_of_id(&id).as_str()),
                "{args:?} said: {said}but the list is:\n{listed}"
            );
        } else {
            // Refusing is fine, if it says which folder is the problem.
            let err = stderr(&out);
            assert!(
                err.contains("is a link out of the journal"),
                "{args:?}: {err}"
            );
        }
        let now_outside = outside_journal(&env);
        assert!(
            now_outside == outside,
            "{args:?} wrote through a link: {said}\nfiles outside the journal now: {:#?}",
            files_under(&outside_dir)
        );
    }
}

/// An entry edited by hand to hold a scale answer no scale allows.
#[test]
fn an_entry_with_a_huge_scale_answer_does_not_break_the_summary() {
    let env = Env::new().at(NOW);
    let f = env.file("answers.toml", "motivation = 6\n");
    let ordinary = save(
        &env,
        &["checkin", "--answers", f.to_str().unwrap()],
        "good01",
    );
    let text = fs::read_to_string(&ordinary).unwrap();
    let edited = text
        .replace("good01", "huge01")
        .replace("value = 6", "value = 9223372036854775807");
    assert_ne!(edited, text.replace("good01", "huge01"));
    fs::write(
        ordinary.with_file_name("20261126T132005Z-huge01.toml"),
        edited,
    )
    .unwrap();
    ok(&env, &["list", "-n", "0"]);
    for args in [
        &["summary", "--all", "--format", "json"][..],
        &["summary", "--all"],
        &["summary", "--calendar"],
        &["export", "--format", "json", "--all"],
    ] {
        ok(&env, args);
    }
}

/// A scale whose ends are far apart in a user's pack.
#[test]
fn a_scale_with_extreme_ends_is_refused_plainly() {
    let env = Env::new().at(NOW);
    for (min, max) in [
        ("-9223372036854775808", "5"),
        ("-1", "9223372036854775807"),
        ("-9223372036854775808", "9223372036854775807"),
    ] {
        let text = PACK
            .replacen("min = 1", &format!("min = {min}"), 1)
            .replacen("max = 5", &format!("max = {max}"), 1);
        let pack = env.file("mine.toml", &text);
        let err = fails(&env, &["prompts", "check", pack.to_str().unwrap()], 1);
        assert!(err.contains("mine.toml, line"), "{min}..{max}: {err}");
    }
}

// ---------------------------------------------------------------------------
// 5. Fuzzing: the entry loader, the pack loader and the date parser.

/// Cases per fuzzer in the ordinary run: enough to shake out shallow faults
/// while keeping `cargo test` quick. The long run is at the end of the file.
const CASES: u32 = 128;
const LONG_CASES: u32 = 5000;

/// One change to a file's bytes.
#[derive(Clone, Debug)]
enum Mutation {
    Set(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Truncate(Index),
    /// Overwrites up to `len` bytes at a place with a fragment of TOML.
    Splice(Index, usize, &'static str),
    /// Replaces one run of digits with another number.
    Number(Index, &'static str),
    DuplicateLine(Index),
}

/// Fragments that mean something to TOML, to chrono, or to tend.
const FRAGMENTS: &[&str] = &[
    "\"",
    "'",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    "#",
    ".",
    "\n",
    "\r",
    "\r\n",
    "\\",
    "\\u0000",
    "\\uD800",
    "\\U0010FFFF",
    "\u{feff}",
    "\u{0}",
    "\u{202e}",
    "é",
    "🌙",
    "\n[[answers]]\n",
    "\n[[questions]]\n",
    "\nschema = 2\n",
    "\nschema = 0\n",
    "\nid = \"../../x\"\n",
    "\ntags = [\"../x\", \"\\n\"]\n",
    "skipped = true",
    "value = 5",
    "value = []",
    "value = true",
    "value = 1.5",
    "due = 2026-12-01",
    "type = \"scale\"",
    "type = \"action\"",
    "kind = \"followup\"",
    "kind = \"reading\"",
    "level = \"summary\"",
    "measures = \"other\"",
    "quick = \"rotate\"",
    "choices = []",
    "labels = [\"a\"]",
    "1979-05-27T07:32:00Z",
    "0000-01-01T00:00:00Z",
    "9999-12-31T23:59:59+23:59",
    "2026-02-30T00:00:00Z",
    "2026-11-26",
    "07:32:00",
    "nan",
    "inf",
    "-inf",
    "1e400",
    "true",
    "a.b.c",
    "../",
    "/etc/passwd",
];

/// Numbers at the edges of the types tend uses.
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "100",
    "101",
    "4294967295",
    "4294967296",
    "-2147483649",
    "9223372036854775807",
    "-9223372036854775808",
    "9223372036854775808",
    "18446744073709551616",
    "0x7fffffffffffffff",
    "0b1",
    "1_000",
    "-0",
    "+1",
    "1e3",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        1 => (any::<Index>(), 1usize..60).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        4 => (any::<Index>(), 0usize..6, prop::sample::select(FRAGMENTS))
            .prop_map(|(i, n, f)| Mutation::Splice(i, n, f)),
        3 => (any::<Index>(), prop::sample::select(NUMBERS))
            .prop_map(|(i, n)| Mutation::Number(i, n)),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
    ]
}

fn at(i: &Index, len: usize) -> usize {
    if len == 0 { 0 } else { i.index(len) }
}

fn mutate(base: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = base.to_vec();
    for m in mutations {
        match m {
            Mutation::Set(i, v) => {
                if !b.is_empty() {
                    let p = at(i, b.len());
                    b[p] = *v;
                }
            }
            Mutation::Insert(i, v) => {
                let p = at(i, b.len() + 1);
                b.splice(p..p, v.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let p = at(i, b.len());
                let end = (p + n).min(b.len());
                b.drain(p..end);
            }
            Mutation::Truncate(i) => {
                let p = at(i, b.len());
                b.truncate(p);
            }
            Mutation::Splice(i, n, f) => {
                let p = at(i, b.len() + 1);
                let end = (p + n).min(b.len());
                b.splice(p..end, f.bytes());
            }
            Mutation::Number(i, n) => {
                let mut runs = Vec::new();
                let mut k = 0;
                while k < b.len() {
                    if b[k].is_ascii_digit() {
                        let s = k;
                        while k < b.len() && b[k].is_ascii_digit() {
                            k += 1;
                        }
                        runs.push(s..k);
                    } else {
                        k += 1;
                    }
                }
                if !runs.is_empty() {
                    let r = runs[at(i, runs.len())].clone();
                    b.splice(r, n.bytes());
                }
            }
            Mutation::DuplicateLine(i) => {
                let starts: Vec<usize> = std::iter::once(0)
                    .chain(
                        b.iter()
                            .enumerate()
                            .filter(|(_, c)| **c == b'\n')
                            .map(|(k, _)| k + 1),
                    )
                    .filter(|k| *k < b.len())
                    .collect();
                if !starts.is_empty() {
                    let s = starts[at(i, starts.len())];
                    let e = b[s..]
                        .iter()
                        .position(|c| *c == b'\n')
                        .map_or(b.len(), |k| s + k + 1);
                    let line = b[s..e].to_vec();
                    b.splice(e..e, line);
                }
            }
        }
    }
    b
}

/// One change to a TOML document's values: the faults a hand edit or a
/// half-understood script makes, in files that still parse.
#[derive(Clone, Debug)]
enum Tweak {
    Remove(Index),
    Set(Index, Index),
    /// Keeps only the first element of an array (or none of a short one).
    Shorten(Index),
}

/// Values at the edges of what tend expects anywhere in a file.
fn odd_values() -> Vec<toml::Value> {
    use toml::Value as V;
    let date = |s: &str| V::Datetime(s.parse().unwrap());
    let s = |t: &str| V::String(t.to_string());
    let mut one = toml::Table::new();
    one.insert("id".into(), s("x"));
    vec![
        V::Integer(i64::MAX),
        V::Integer(i64::MIN),
        V::Integer(0),
        V::Integer(-1),
        V::Integer(11),
        V::Integer(i64::from(u32::MAX) + 1),
        V::Float(1.5),
        V::Float(f64::NAN),
        V::Float(f64::INFINITY),
        V::Boolean(true),
        V::Boolean(false),
        s(""),
        s(" "),
        s("../../x"),
        s("a/b"),
        s("\u{202e}\u{0}\n\r\t"),
        s(&"x".repeat(10_000)),
        s("checkin"),
        s("weekly"),
        s("followup"),
        s("reading"),
        s("reading_after"),
        s("action"),
        s("scale"),
        s("text"),
        s("yes_no"),
        s("multi_choice"),
        s("summary"),
        s("motivation"),
        s("behaviour:attend"),
        s("need:autonomy"),
        s("done"),
        s("reopened"),
        s("snoozed"),
        s("2026-12-01"),
        s("20261126T132005Z-base04:note"),
        s("20261126T132005Z-base04"),
        date("2026-11-26T13:20:05Z"),
        date("0000-01-01T00:00:00Z"),
        date("9999-12-31T23:59:59+23:59"),
        date("2026-12-01"),
        date("13:20:05"),
        V::Array(vec![]),
        V::Array(vec![s("a")]),
        V::Array(vec![V::Integer(1), V::Integer(2)]),
        V::Array(vec![V::Table(one.clone())]),
        V::Table(toml::Table::new()),
        V::Table(one),
    ]
}

fn tweak() -> impl Strategy<Value = Tweak> {
    prop_oneof![
        1 => any::<Index>().prop_map(Tweak::Remove),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Tweak::Set(a, b)),
        1 => any::<Index>().prop_map(Tweak::Shorten),
    ]
}

/// A step on the way to a value: a key in a table or a place in an array.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    At(usize),
}

fn value_paths(v: &toml::Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match v {
        toml::Value::Table(t) => {
            for (k, v) in t {
                here.push(Step::Key(k.clone()));
                out.push(here.clone());
                value_paths(v, here, out);
                here.pop();
            }
        }
        toml::Value::Array(a) => {
            for (i, v) in a.iter().enumerate() {
                here.push(Step::At(i));
                out.push(here.clone());
                value_paths(v, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

/// Applies `f` to the value at `path` (given its container and last step).
fn at_path(doc: &mut toml::Value, path: &[Step], f: impl FnOnce(&mut toml::Value, &Step)) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut v = doc;
    for step in parents {
        v = match (step, v) {
            (Step::Key(k), toml::Value::Table(t)) => t.get_mut(k).unwrap(),
            (Step::At(i), toml::Value::Array(a)) => &mut a[*i],
            _ => return,
        };
    }
    f(v, last);
}

/// `base` parsed, tweaked and written out again; `base` as it is if it
/// does not parse.
fn tweaked(base: &[u8], tweaks: &[Tweak]) -> Vec<u8> {
    let Some(mut doc) = std::str::from_utf8(base)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .map(toml::Value::Table)
    else {
        return base.to_vec();
    };
    let odd = odd_values();
    for t in tweaks {
        let mut paths = Vec::new();
        value_paths(&doc, &mut Vec::new(), &mut paths);
        if paths.is_empty() {
            break;
        }
        let pick = |i: &Index| paths[i.index(paths.len())].clone();
        match t {
            Tweak::Remove(i) => at_path(&mut doc, &pick(i), |c, last| match (c, last) {
                (toml::Value::Table(t), Step::Key(k)) => {
                    t.remove(k);
                }
                (toml::Value::Array(a), Step::At(i)) => {
                    a.remove(*i);
                }
                _ => {}
            }),
            Tweak::Set(i, v) => {
                let new = odd[v.index(odd.len())].clone();
                at_path(&mut doc, &pick(i), |c, last| match (c, last) {
                    (toml::Value::Table(t), Step::Key(k)) => {
                        t.insert(k.clone(), new);
                    }
                    (toml::Value::Array(a), Step::At(i)) => a[*i] = new,
                    _ => {}
                });
            }
            Tweak::Shorten(i) => at_path(&mut doc, &pick(i), |c, last| {
                let target = match (c, last) {
                    (toml::Value::Table(t), Step::Key(k)) => t.get_mut(k),
                    (toml::Value::Array(a), Step::At(i)) => a.get_mut(*i),
                    _ => None,
                };
                if let Some(toml::Value::Array(a)) = target {
                    let keep = usize::from(a.len() > 2);
                    a.truncate(keep);
                }
            }),
        }
    }
    match toml::to_string(&doc) {
        Ok(text) => text.into_bytes(),
        Err(_) => base.to_vec(),
    }
}

/// A file's bytes, shown as text (lossily) when a case fails.
#[derive(Clone)]
struct Bytes(Vec<u8>);

impl Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", String::from_utf8_lossy(&self.0))
    }
}

/// Arbitrary bytes; or a few changes to the bytes of one of `bases`; or a
/// few changes to its values (still TOML), perhaps with a byte changed too.
fn bytes_like(bases: Vec<Vec<u8>>) -> impl Strategy<Value = Bytes> {
    let n = bases.len();
    let bases2 = bases.clone();
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2048),
        4 => (0..n, prop::collection::vec(mutation(), 1..6))
            .prop_map(move |(i, m)| mutate(&bases[i], &m)),
        4 => (
            0..n,
            prop::collection::vec(tweak(), 1..4),
            prop::collection::vec(mutation(), 0..2),
        )
            .prop_map(move |(i, t, m)| mutate(&tweaked(&bases2[i], &t), &m)),
    ]
    .prop_map(Bytes)
}

/// Runs `check` on `cases` generated inputs. In the ordinary run the first
/// failure stops it and proptest shrinks it to a small example. In the long
/// run (`collect`) every case is run and the distinct failures are reported
/// together at the end.
fn fuzz<S>(
    name: &str,
    cases: u32,
    collect: bool,
    strategy: S,
    check: impl Fn(&S::Value) -> Result<(), String>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let given = std::env::var("FUZZ_SEED").ok().map(|s| {
        u64::from_str_radix(s.trim_start_matches("0x"), 16)
            .unwrap_or_else(|e| panic!("FUZZ_SEED={s}: {e}"))
    });
    let seed = match given {
        Some(s) => s,
        None if collect => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64,
        None => SEED,
    };
    let config = Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 300,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let start = Instant::now();
    if !collect {
        if let Err(e) = runner.run(&strategy, |v| check(&v).map_err(TestCaseError::fail)) {
            panic!("{name} (seed {seed:#x}): {e}");
        }
        return;
    }
    // First line of the message -> (how many times, one example input).
    let found: RefCell<BTreeMap<String, (usize, String)>> = RefCell::new(BTreeMap::new());
    let run = runner.run(&strategy, |v| {
        if let Err(e) = check(&v) {
            let key = e.lines().next().unwrap_or("").chars().take(200).collect();
            let mut f = found.borrow_mut();
            let slot = f.entry(key).or_insert((0, format!("{v:?}\n{e}")));
            slot.0 += 1;
        }
        Ok(())
    });
    let found = found.into_inner();
    eprintln!(
        "{name}: {cases} cases in {:?} (seed {seed:#x}), {} distinct findings",
        start.elapsed(),
        found.len()
    );
    for (key, (n, example)) in &found {
        let example: String = example.chars().take(3000).collect();
        eprintln!("  {n} x {key}\n    e.g. {example}\n");
    }
    run.unwrap();
    assert!(
        found.is_empty(),
        "{name}: {} distinct findings (above)",
        found.len()
    );
}

/// What went wrong with a run, if it crashed: a signal, a panic, or a hang.
fn crash(out: &std::process::Output) -> Option<String> {
    let err = stderr(out);
    if let Some(sig) = out.status.signal() {
        return Some(format!("killed by signal {sig} (or hung)\n{err}"));
    }
    if out.status.code() == Some(101) || err.contains("panicked") {
        // "thread 'main' (PID) panicked at FILE:LINE:COL:" then the message;
        // without the thread's number, so one fault reads the same each time.
        let mut lines = err.lines().skip_while(|l| !l.contains("panicked"));
        let at = lines.next().unwrap_or_default();
        let at = at.get(at.find("panicked").unwrap_or(0)..).unwrap_or(at);
        return Some(format!("{at} {}\n{err}", lines.next().unwrap_or_default()));
    }
    None
}

/// A place in a month folder for fuzzed entry files, one new name per case,
/// so the index can never mistake one case's file for the last one's.
static CASE: AtomicUsize = AtomicUsize::new(0);

fn fuzz_entry_loader(cases: u32, collect: bool) {
    let env = Env::new().at(NOW);
    // Real entries of several kinds, saved by tend, to mutate; short ones
    // with text of every width, so mutations often land inside the text.
    let answers = env.file("answers.toml", &answers_text());
    let reading = env.file(
        "reading.toml",
        "hope = \"Größe — naïve 🌙 看護\"\nassumption = \"That it's all about ‘kindness’\"\n",
    );
    let wide =
        "Handover on paper: 夜勤チームの申し送りを紙で行いたいという提案 — ü ö 🌙 ☕ ‘quiet’ …";
    let saved = [
        save(
            &env,
            &["checkin", "--answers", answers.to_str().unwrap()],
            "base01",
        ),
        save(&env, &["note", wide, "--tag", "wärd-7"], "base02"),
        save(
            &env,
            &[
                "read",
                "Leading well: 思いやりのあるリーダーシップとは何か ☕ ‘a guide’",
                "--answers",
                reading.to_str().unwrap(),
            ],
            "base03",
        ),
        save(
            &env,
            &["actions", "add", wide, "--due", "2026-12-01"],
            "base04",
        ),
    ];
    let bases: Vec<Vec<u8>> = saved.iter().map(|p| fs::read(p).unwrap()).collect();
    // The real entries stay; each case's file sits beside them.
    let month = env.dir().join("entries/2026/11");
    let previous: RefCell<Option<PathBuf>> = RefCell::new(None);
    fuzz("entry loader", cases, collect, bytes_like(bases), |bytes| {
        if let Some(p) = previous.borrow_mut().take() {
            let _ = fs::remove_file(p);
        }
        let n = CASE.fetch_add(1, Ordering::Relaxed);
        let path = month.join(format!("20261120T000000Z-f{n:05}.toml"));
        fs::write(&path, &bytes.0).unwrap();
        *previous.borrow_mut() = Some(path.clone());
        let out = env
            .tend()
            .args(["list", "-n", "0"])
            .timeout(HANG)
            .output()
            .unwrap();
        if let Some(c) = crash(&out) {
            return Err(format!("tend list: {c}"));
        }
        let (o, e) = (stdout(&out), stderr(&out));
        if !out.status.success() {
            return Err(format!("tend list exited {:?}: {e}", out.status));
        }
        if let Some(h) = ["base01", "base02", "base03", "base04"]
            .into_iter()
            .find(|h| !o.contains(h))
        {
            return Err(format!("the good entry {h} is no longer listed:\n{o}\n{e}"));
        }
        let named = e.contains(&path.display().to_string());
        let rows = o.lines().filter(|l| !l.trim().is_empty()).count();
        if !named && rows <= saved.len() {
            return Err(format!("a file neither listed nor named:\n{o}\n{e}"));
        }
        if named && rows != saved.len() {
            return Err(format!("a file both listed and named:\n{o}\n{e}"));
        }
        if fs::read(&path).unwrap() != bytes.0 {
            return Err("the file was changed".into());
        }
        // The commands that go on to use what was read: the state (actions,
        // follow-ups, readings) and the whole-journal summary.
        for args in [&["actions"][..], &["summary", "--all", "--format", "json"]] {
            let out = env.tend().args(args).timeout(HANG).output().unwrap();
            if let Some(c) = crash(&out) {
                return Err(format!("tend {args:?}: {c}"));
            }
            if !out.status.success() {
                return Err(format!(
                    "tend {args:?} exited {:?}: {}",
                    out.status,
                    stderr(&out)
                ));
            }
        }
        Ok(())
    });
}

fn fuzz_pack_loader(cases: u32, collect: bool) {
    let env = Env::new().at(NOW);
    let path = env.tmp.path().join("mine.toml");
    fuzz(
        "pack loader",
        cases,
        collect,
        bytes_like(vec![PACK.as_bytes().to_vec()]),
        |bytes| {
            fs::write(&path, &bytes.0).unwrap();
            let out = env
                .tend()
                .args(["prompts", "check", path.to_str().unwrap()])
                .timeout(HANG)
                .output()
                .unwrap();
            if let Some(c) = crash(&out) {
                return Err(format!("tend prompts check: {c}"));
            }
            let (o, e) = (stdout(&out), stderr(&out));
            match out.status.code() {
                Some(0) if o.contains("is a valid pack") => Ok(()),
                Some(1) if e.contains(&path.display().to_string()) => Ok(()),
                Some(1) => Err(format!("an error that does not name the file: {e}")),
                other => Err(format!("exit {other:?}: {o}{e}")),
            }
        },
    );
}

/// Strings that look a little or a lot like the dates people type.
fn date_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9+-]{0,7}[-/.][0-9+-]{0,4}([-/.][0-9+-]{0,7})?",
        "(in |last |next |this )?[0-9+-]{0,21} ?(day|days|week|weeks|month|months|year|years)?( ago)?",
        "(last |next )?(mon|monday|fri|friday|sun|week|month|year|today|tomorrow|yesterday)",
        prop::sample::select(NUMBERS).prop_map(|n| format!("in {n} months")),
        prop::sample::select(NUMBERS).prop_map(|n| format!("{n} years ago")),
        prop::sample::select(NUMBERS).prop_map(|n| format!("{n}-11")),
        prop::sample::select(NUMBERS).prop_map(|n| format!("01/01/{n}")),
    ]
    .prop_map(|s| s.replace('\0', ""))
}

fn fuzz_date_parser(cases: u32, collect: bool) {
    let env = Env::new().at(NOW);
    ok(&env, &["note", "Something to list"]);
    fuzz(
        "date parser",
        cases,
        collect,
        (date_like(), any::<bool>()),
        |(s, until)| {
            let flag = if *until { "--until" } else { "--since" };
            let out = env
                .tend()
                .args(["list", "-n", "0", &format!("{flag}={s}")])
                .timeout(HANG)
                .output()
                .unwrap();
            if let Some(c) = crash(&out) {
                return Err(format!("tend list {flag}: {c}"));
            }
            let e = stderr(&out);
            match out.status.code() {
                Some(0) => Ok(()),
                Some(1) if e.contains("could not read") => Ok(()),
                other => Err(format!("tend list {flag}: exit {other:?}: {e}")),
            }
        },
    );
}

#[test]
fn fuzz_the_entry_loader() {
    fuzz_entry_loader(CASES, false);
}

#[test]
fn fuzz_the_pack_loader() {
    fuzz_pack_loader(CASES, false);
}

#[test]
fn fuzz_the_date_parser() {
    fuzz_date_parser(CASES, false);
}

// The long run, for use by hand: the same fuzzers with many more cases, a
// new seed each time (printed), every case run and the distinct findings
// listed at the end. Minutes, not seconds:
//
//     cargo test --test nothing_lost -- --ignored long_fuzz --nocapture
//
// (`cargo test --test nothing_lost -- --ignored` also runs it, with the
// tests that are waiting for a bug fix.)

#[test]
#[ignore = "the long fuzz run, by hand: cargo test --test nothing_lost -- --ignored long_fuzz"]
fn long_fuzz_the_entry_loader() {
    fuzz_entry_loader(LONG_CASES, true);
}

#[test]
#[ignore = "the long fuzz run, by hand: cargo test --test nothing_lost -- --ignored long_fuzz"]
fn long_fuzz_the_pack_loader() {
    fuzz_pack_loader(LONG_CASES, true);
}

#[test]
#[ignore = "the long fuzz run, by hand: cargo test --test nothing_lost -- --ignored long_fuzz"]
fn long_fuzz_the_date_parser() {
    fuzz_date_parser(LONG_CASES, true);
}

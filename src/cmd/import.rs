//! `tend import jrnl`: brings a jrnl JSON export (`jrnl --export json`) in as
//! notes, keeping title, body, tags, date and time. Importing the same file
//! again adds nothing: an entry already here (same minute, title and body)
//! is skipped.

use anyhow::{Context, Result, bail};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::app::{App, Problems};
use crate::cli::ImportArgs;
use crate::journal::index::Depth;
use crate::journal::{Answer, Entry, Value};
use crate::model::Kind;
use crate::output::Shown;

#[derive(Deserialize)]
struct JrnlExport {
    entries: Vec<JrnlEntry>,
}

#[derive(Deserialize)]
struct JrnlEntry {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    tags: Vec<String>,
}

/// A jrnl date and time, read as local time on that day.
fn when(e: &JrnlEntry, now: &DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>> {
    let date = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
        .with_context(|| format!("the date \"{}\" is not YYYY-MM-DD", e.date))?;
    let time = if e.time.trim().is_empty() {
        NaiveTime::MIN
    } else {
        NaiveTime::parse_from_str(e.time.trim(), "%H:%M")
            .with_context(|| format!("the time \"{}\" is not HH:MM", e.time))?
    };
    Ok(crate::time::local(date.and_time(time), now))
}

/// The years an imported entry may have: a date outside them is a slip (or a
/// crafted file), and would be filed where no listing looks.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// The line of each entry's `"date":` key in a jrnl export, in order: where
/// a problem with an entry's date is reported. (Inside a JSON string a quote
/// is escaped, so `"date":` there is never a key.)
fn date_lines(text: &str) -> Vec<usize> {
    let key = regex::Regex::new(r#""date"\s*:"#).expect("a valid pattern");
    key.find_iter(text)
        .map(|m| text[..m.start()].matches('\n').count() + 1)
        .collect()
}

pub fn run(app: &App, args: ImportArgs) -> Result<()> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let export: JrnlExport = serde_json::from_slice(&bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}, line {}: not a jrnl JSON export ({e}); make one with `jrnl --export json > FILE`",
            args.file.display(),
            e.line()
        )
    })?;
    let packs = app.packs()?;
    let pack = packs.get("note")?;
    // Notes already in the journal, to recognise entries imported before.
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let existing: Vec<Entry> = index
        .all_facts()
        .iter()
        .filter(|f| f.kind == Some(Kind::Note) && f.problem.is_none())
        .filter_map(|f| app.journal.read_entry(f).ok())
        .collect();
    let same = |e: &Entry, created: &DateTime<FixedOffset>, title: &str, body: &str| {
        e.created.timestamp() / 60 == created.timestamp() / 60
            && e.title.as_deref().unwrap_or("") == title
            && e.answers
                .first()
                .and_then(|a| a.display())
                .unwrap_or_default()
                == body
    };
    let mut plan: Vec<Entry> = Vec::new();
    let mut skipped = 0;
    let lines = date_lines(&String::from_utf8_lossy(&bytes));
    for (n, j) in export.entries.iter().enumerate() {
        let created = when(j, &app.now)
            .with_context(|| format!("{}: entry {}", args.file.display(), n + 1))?;
        if !YEARS.contains(&created.year()) {
            let line = lines
                .get(n)
                .map_or(String::new(), |l| format!(", line {l}"));
            errln!(
                "tend: {}{line}: entry {} is dated {} (year {}); tend keeps years {} to {}, so it was skipped",
                Shown(&args.file.display().to_string()),
                n + 1,
                Shown(&j.date),
                created.year(),
                YEARS.start(),
                YEARS.end()
            );
            skipped += 1;
            continue;
        }
        let (title, body) = (j.title.trim().to_string(), j.body.trim().to_string());
        if title.is_empty() && body.is_empty() {
            skipped += 1;
            continue;
        }
        if existing
            .iter()
            .chain(&plan)
            .any(|e| same(e, &created, &title, &body))
        {
            skipped += 1;
            continue;
        }
        let tags: Vec<String> = j
            .tags
            .iter()
            .map(|t| t.trim_start_matches('@').to_string())
            .collect();
        let mut e = Entry::start(pack, created, &tags);
        e.title = (!title.is_empty()).then_some(title);
        e.source = Some("imported from jrnl".into());
        let value = (!body.is_empty()).then_some(Value::Text(body));
        e.answers.push(Answer::new(&pack.questions[0], value, None));
        plan.push(e);
    }
    if args.dry_run {
        outln!(
            "Would import {} note{} ({} already here, empty or skipped); nothing was written.",
            plan.len(),
            if plan.len() == 1 { "" } else { "s" },
            skipped
        );
        for e in plan.iter().take(20) {
            outln!(
                "  {}  {}",
                super::when(&e.created),
                Shown(e.title.as_deref().unwrap_or(""))
            );
        }
        if plan.len() > 20 {
            outln!("  …and {} more", plan.len() - 20);
        }
        return Ok(());
    }
    if plan.is_empty() && skipped == 0 {
        bail!("{} has no entries to import", args.file.display());
    }
    for e in &plan {
        app.journal.check_fits(e)?;
    }
    let mut done = 0;
    for mut e in plan {
        app.journal.save_new(&mut e)?;
        done += 1;
    }
    outln!(
        "Imported {done} note{} from {} ({skipped} already here, empty or skipped).",
        if done == 1 { "" } else { "s" },
        args.file.display()
    );
    Ok(())
}

//! `tend export`: what the leader shares with a coach, at a privacy level
//! they choose, checked for identifiers, previewed before anything is written.

use anyhow::{Result, bail};
use console::style;

use crate::app::{App, Problems};
use crate::ask;
use crate::cli::{Audience, ExportArgs, ExportFormat};
use crate::cohort::{self, Contribution};
use crate::export::{self, Export, Parts, text};
use crate::journal::index::Depth;
use crate::journal::load;
use crate::journal::store::{Mode, write_atomic};
use crate::model::Part;
use crate::prompts::Level;
use crate::summary::{self, Settings, Span};

pub fn run(app: &App, args: ExportArgs) -> Result<()> {
    let cohort = args.audience == Audience::Cohort;
    if cohort && args.format.is_some_and(|f| f != ExportFormat::Json) {
        bail!(
            "an export for a cohort is always JSON, which the development team's tend reads; leave out --format (or say --format json)"
        );
    }
    let format = args.format.unwrap_or(if cohort {
        ExportFormat::Json
    } else {
        ExportFormat::Markdown
    });
    let index = app.index(Depth::Thorough, Problems::Shown);
    let state = index.state.clone();
    let is_account = format == ExportFormat::Account;
    // A reflective account is made of the entries the leader picks, so it
    // shares their words unless a lower level is asked for.
    let level = match (args.level, is_account) {
        (Some(l), _) => l,
        (None, true) => Level::Full,
        (None, false) => Level::Summary,
    };
    let parts = Parts::choose(&args.only, &args.without);
    let sections = parts.keep.clone();
    let label = match (&args.label, &app.config.label) {
        (Some(l), _) => label_checked(l, "--label")?,
        (None, Some(l)) => label_checked(l, "the label in your config")?,
        (None, None) => None,
    }
    .unwrap_or_else(|| "a leader".to_string());
    let (since, until, by) = app.period(&state, &args.period)?;
    // A cohort compares weeks: "checked in at least weekly", the last four.
    let by = if cohort { crate::model::By::Week } else { by };
    let settings = Settings::from(&app.config);
    // An account names entries from any time, so it reads every month.
    let whole = args.period.all || settings.streaks || is_account;
    let span = Span { since, until, by };
    let from = summary::first_month(span, app.today(), false, whole);
    let (facts, months) = index.into_parts(from.as_deref());
    let built = summary::build(
        summary::Loaded {
            facts: &facts,
            months: &months,
            state: &state,
        },
        span,
        &settings,
        &app.now,
        level == Level::Learning,
    );

    if cohort {
        let keep: Vec<Part> = sections
            .iter()
            .copied()
            .filter(|p| cohort::PARTS.contains(p))
            .collect();
        let c = Contribution::from_summary(&built, &keep);
        if args.preview {
            outln!(
                "{}",
                style("Preview: nothing has been written or shared.").bold()
            );
            for line in c.preview() {
                out!(
                    "{}",
                    crate::output::wrap(&line, "", "  ", crate::output::width())
                );
            }
            return Ok(());
        }
        let mut out = crate::output::json(&c)?;
        out.push('\n');
        return deliver(&args, &out);
    }

    let mut entries = Vec::new();
    if is_account {
        if args.entries.is_empty() {
            bail!(
                "a reflective account is made from the entries you choose: add --entry ID (more than one if you like; `tend list` shows ids)"
            );
        }
        for id in &args.entries {
            let found = load::locate(&app.journal, &facts, id)?;
            entries.push(load::read_entry(&found.path)?);
        }
    }
    let (mut pool, withheld) = if is_account {
        export::account_answers(&entries, app.config.day_starts, level, &sections)
    } else {
        export::shared_answers(
            &app.journal,
            &facts,
            since,
            until,
            app.config.day_starts,
            level,
            &sections,
        )
    };
    let shows_answers = sections.contains(&Part::Answers) || is_account;
    let mut x = Export {
        summary: export::restrict(built, level, &parts),
        level,
        label,
        sections,
        shared: Vec::new(),
        withheld: if shows_answers { withheld } else { Vec::new() },
        generated: app.now,
    };

    let hits = export::check(&x, &pool, &entries, &app.config.watch_list);
    if !hits.is_empty() {
        if args.redact {
            export::redact(&mut x, &app.config.watch_list);
            export::redact_pool(&mut pool, &mut entries, &app.config.watch_list);
            errln!(
                "Replaced {} possible identifier{} with [redacted].",
                hits.len(),
                if hits.len() == 1 { "" } else { "s" }
            );
        } else if !args.allow_identifiers {
            errln!(
                "{}",
                style(format!(
                    "This export holds {} thing{} that could identify someone:",
                    hits.len(),
                    if hits.len() == 1 { "" } else { "s" }
                ))
                .bold()
            );
            for (place, excerpt, h) in &hits {
                errln!("  {} in {place}: {excerpt}", h.kind);
            }
            if let Some((place, _, _)) = hits
                .iter()
                .find(|(p, _, _)| p.len() > 16 && p.contains('-'))
            {
                let handle = place.rsplit_once('-').map_or(place.as_str(), |(_, h)| h);
                errln!(
                    "  (tend edit {handle} opens an entry to change it; roles work better than names)"
                );
            }
            let go_on = App::interactive()
                && !args.preview
                && ask::confirm(app.color, "Share it anyway?", false)?;
            if !go_on && !args.preview {
                bail!(
                    "nothing was exported. --redact replaces them with [redacted]; \
                     --allow-identifiers shares them as they are"
                );
            }
        }
    }

    // Themes come only from the answers of the parts shared, after any
    // redaction, so no word of a part left out (or of an identifier) is in them.
    if level != Level::Summary && x.includes(Part::Themes) {
        x.summary.themes = export::themes_from(&pool);
    }
    if shows_answers {
        x.shared = pool;
    }
    if args.preview {
        return preview(&x);
    }
    let out = match format {
        ExportFormat::Html => export::html::html(&x),
        ExportFormat::Csv => export::data::csv(&x),
        ExportFormat::Json => export::data::json(&x)?,
        ExportFormat::Account => text::account(&x, &entries),
        ExportFormat::Markdown => text::markdown(&x),
    };
    deliver(&args, &out)
}

/// The export to the terminal, or to the file named, created readable only
/// by the leader (an existing one replaced only with --force).
fn deliver(args: &ExportArgs, out: &str) -> Result<()> {
    match &args.output {
        None if args.format == Some(ExportFormat::Csv) => crate::output::csv_to_stdout(out),
        None => out!("{out}"),
        Some(path) => {
            if path.exists() && !args.force {
                bail!(
                    "{} already exists; nothing was written (--force replaces it)",
                    path.display()
                );
            }
            let mode = if args.force {
                Mode::Replace
            } else {
                Mode::Create
            };
            write_atomic(path, out.as_bytes(), mode).map_err(|e| {
                if crate::journal::store::is_already_exists(&e) {
                    anyhow::anyhow!(
                        "{} already exists; nothing was written (--force replaces it)",
                        path.display()
                    )
                } else {
                    e
                }
            })?;
            errln!(
                "Saved the export to {} (readable only by you).",
                path.display()
            );
        }
    }
    Ok(())
}

/// The most characters a label may have: it heads every export.
const LABEL_MAX: usize = 64;

/// The label as given, if it is one line of at most [`LABEL_MAX`]
/// characters with nothing in it that would drive a terminal; an empty one
/// means the default.
fn label_checked(label: &str, from: &str) -> Result<Option<String>> {
    let label = label.trim();
    if label.contains(crate::output::is_unsafe) || label.contains(['\n', '\t']) {
        bail!(
            "{from} should be one line of plain text (it has a line break or a control character: {}); nothing was exported",
            crate::output::Shown(label)
        );
    }
    let n = label.chars().count();
    if n > LABEL_MAX {
        bail!(
            "{from} is {n} characters; a label can be up to {LABEL_MAX} (a first name or a role is plenty); nothing was exported"
        );
    }
    Ok((!label.is_empty()).then(|| label.to_string()))
}

/// Exactly what would be shared, in the terminal: every part, shared or
/// not, and every piece of typed text word for word; nothing is written.
fn preview(x: &Export) -> Result<()> {
    outln!(
        "{}",
        style("Preview: nothing has been written or shared.").bold()
    );
    outln!("{}", x.statement());
    for (line, part) in crate::summary::render::headline(&x.summary)
        .into_iter()
        .zip([Part::Rhythm, Part::Motivation])
    {
        if x.includes(part) {
            outln!("  {line}");
        }
    }
    outln!("Parts shared: {}.", Part::names(&x.shown_parts()));
    if let Some(line) = x.held_back_line() {
        outln!("{line}");
    }
    if x.level == Level::Summary {
        outln!("At this level no words you typed are included: only numbers and counts.");
    }
    let typed: Vec<_> = x.shared.iter().filter(|s| s.is_typed()).collect();
    let mut entries: Vec<&str> = typed.iter().map(|s| s.entry.as_str()).collect();
    entries.sort_unstable();
    entries.dedup();
    outln!(
        "Answers in your own words: {} from {} entr{}.",
        typed.len(),
        entries.len(),
        if entries.len() == 1 { "y" } else { "ies" }
    );
    let kept = x.withheld.iter().filter(|s| s.is_typed()).count();
    if kept > 0 {
        outln!(
            "Answers written but not shared: {kept} (their questions are named, not their words)."
        );
    }
    if !x.summary.themes.is_empty() {
        outln!(
            "Themes: {}",
            x.summary
                .themes
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    openers(x)?;
    outln!(
        "Noticed: {} line{}.",
        x.summary.noticed.len(),
        if x.summary.noticed.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    let mut seen = std::collections::HashSet::new();
    let text: Vec<String> = export::typed_text(x)
        .into_iter()
        .filter(|(_, t)| seen.insert(t.clone()))
        .map(|(_, t)| t)
        .collect();
    if text.is_empty() {
        outln!("No words you typed are in it.");
    } else {
        outln!("Word for word, the text it holds:");
        for t in &text {
            for line in t.lines() {
                outln!("  > {line}");
            }
        }
    }
    Ok(())
}

/// The questions a coach's `tend review` will suggest from this export,
/// found by reading its JSON as review does, so the leader sees every one.
fn openers(x: &Export) -> Result<()> {
    let json = export::data::json(x)?;
    let received = crate::coach::read::parse(std::path::Path::new("this export"), json.as_bytes())?;
    let leader = crate::coach::Leader::from(received);
    if let Some(day) = leader.last_checkin {
        outln!("Last check-in: {}.", day.format("%a %-d %b %Y"));
    }
    let openers = crate::coach::openers::openers(&leader);
    if openers.is_empty() {
        outln!("Questions a coach's review will suggest: none.");
    } else {
        outln!("Questions a coach's review will suggest to begin a conversation:");
        for o in openers {
            outln!("  ? {o}");
        }
    }
    Ok(())
}

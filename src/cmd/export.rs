//! `tend export`: what the leader shares with a coach, at a privacy level
//! they choose, checked for identifiers, previewed before anything is written.

use anyhow::{Result, bail};
use console::style;

use crate::app::{App, Problems};
use crate::ask;
use crate::cli::{Audience, ExportArgs, ExportFormat};
use crate::cohort::{self, Contribution};
use crate::export::{self, Export, Parts, account, text};
use crate::identifiers::Hit;
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
    if format.is_account() {
        return account(app, &args, format);
    }
    if args.template.is_some() {
        bail!(
            "--template shapes a reflective account: add --format account (or account-html, account-text); nothing was exported"
        );
    }
    let index = app.index(Depth::Thorough, Problems::Shown)?;
    let state = index.state.clone();
    let level = args.level.unwrap_or(Level::Summary);
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
    let mut settings = Settings::from(&app.config);
    settings.watch_list = app.watch_list()?;
    let whole = args.period.all || settings.streaks;
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

    let (mut pool, withheld) = export::shared_answers(
        &app.journal,
        &facts,
        since,
        until,
        app.config.day_starts,
        level,
        &sections,
    );
    let shows_answers = sections.contains(&Part::Answers);
    let mut x = Export {
        summary: export::restrict(built, level, &parts),
        level,
        label,
        sections,
        shared: Vec::new(),
        withheld: if shows_answers { withheld } else { Vec::new() },
        generated: app.now,
    };

    let watch_list = app.watch_list()?;
    let hits = export::check(&x, &pool, &watch_list);
    if settle_identifiers(app, &args, &hits)? {
        export::redact(&mut x, &watch_list);
        export::redact_pool(&mut pool, &watch_list);
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
        ExportFormat::Account | ExportFormat::AccountHtml | ExportFormat::AccountText => {
            unreachable!("accounts are made by account()")
        }
        ExportFormat::Markdown => text::markdown(&x),
    };
    deliver(&args, &out)
}

/// What to do about identifiers found in an export: true to redact them
/// (`--redact`, which says how many), false to share as they are
/// (`--allow-identifiers`, or a yes when asked); otherwise each is named
/// and nothing is exported.
fn settle_identifiers(
    app: &App,
    args: &ExportArgs,
    hits: &[(String, String, Hit)],
) -> Result<bool> {
    if hits.is_empty() {
        return Ok(false);
    }
    if args.redact {
        errln!(
            "Replaced {} possible identifier{} with [redacted].",
            hits.len(),
            if hits.len() == 1 { "" } else { "s" }
        );
        return Ok(true);
    }
    if args.allow_identifiers {
        return Ok(false);
    }
    errln!(
        "{}",
        style(format!(
            "This export holds {} thing{} that could identify someone:",
            hits.len(),
            if hits.len() == 1 { "" } else { "s" }
        ))
        .bold()
    );
    for (place, excerpt, h) in hits {
        errln!("  {} in {place}: {excerpt}", h.kind);
    }
    if let Some((place, _, _)) = hits
        .iter()
        .find(|(p, _, _)| p.len() > 16 && p.contains('-'))
    {
        let handle = place.rsplit_once('-').map_or(place.as_str(), |(_, h)| h);
        errln!("  (tend edit {handle} opens an entry to change it; roles work better than names)");
    }
    let go_on =
        App::interactive() && !args.preview && ask::confirm(app.color, "Share it anyway?", false)?;
    if !go_on && !args.preview {
        bail!(
            "nothing was exported. --redact replaces them with [redacted]; \
             --allow-identifiers shares them as they are"
        );
    }
    Ok(false)
}

/// Reflective accounts of chosen entries, in a template. Only the index
/// and the chosen entries (with those that belong with them) are read.
fn account(app: &App, args: &ExportArgs, format: ExportFormat) -> Result<()> {
    let level = match args.level {
        Some(l @ (Level::Learning | Level::Full)) => l,
        Some(Level::Summary) | None => bail!(
            "an account is made of your own words, so it needs --level learning (your learning and actions) or --level full (every answer); nothing was written"
        ),
    };
    let period = &args.period;
    let by_period = period.since.is_some() || period.until.is_some() || period.all;
    if by_period && !args.entries.is_empty() {
        bail!(
            "choose entries with --entry, or a period with --since/--until/--all, not both; nothing was written"
        );
    }
    if !by_period && args.entries.is_empty() {
        bail!(
            "an account is made from the entries you choose: add --entry ID (more than one if you like; `tend list` shows ids), or --since DATE for every entry in a period that holds a learning and an action"
        );
    }
    if args.preview {
        bail!(
            "--preview is for the other formats; an account shows every word it holds, so look at it without -o first"
        );
    }
    let template = crate::accounts::find(
        &app.config.user_accounts_dir(),
        args.template.as_deref().unwrap_or(crate::accounts::DEFAULT),
    )?;
    let label = match (&args.label, &app.config.label) {
        (Some(l), _) => label_checked(l, "--label")?,
        (None, Some(l)) => label_checked(l, "the label in your config")?,
        (None, None) => None,
    }
    .unwrap_or_else(|| "a leader".to_string());
    // As `tend show` finds an entry: month folders and the recent months'
    // files are checked, not every file.
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let state = index.state.clone();
    let facts = index.all_facts();
    let mut chosen: Vec<&crate::journal::facts::Facts> = Vec::new();
    if by_period {
        let (since, until, _) = app.period(&state, period)?;
        for f in facts.iter().filter(|f| f.problem.is_none()) {
            let day = crate::time::journal_day(&f.created, app.config.day_starts);
            if day < since || day > until || f.kind == Some(crate::model::Kind::Followup) {
                continue;
            }
            if f.measured.account_level.is_some() {
                chosen.push(f);
            }
        }
        if chosen.is_empty() {
            bail!(
                "no entry from {since} to {until} holds both a learning and an action yet; --entry ID makes an account of any entry; nothing was written"
            );
        }
    } else {
        for id in &args.entries {
            chosen.push(load::locate(&app.journal, &facts, id)?.facts);
        }
    }
    let parts = Parts::choose(&args.only, &args.without).keep;
    let units = account::units(&app.journal, &facts, &chosen)?;
    let mut x = account::Accounts {
        label,
        level,
        accounts: units
            .iter()
            .map(|u| account::build(u, &template, level, &parts, app.config.day_starts))
            .collect(),
        template,
    };
    let watch_list = app.watch_list()?;
    let hits = x.check(&watch_list);
    if settle_identifiers(app, args, &hits)? {
        x.redact(&watch_list);
    }
    let out = match format {
        ExportFormat::AccountHtml => account::html(&x),
        ExportFormat::AccountText => account::text(&x),
        ExportFormat::Account
        | ExportFormat::Markdown
        | ExportFormat::Html
        | ExportFormat::Csv
        | ExportFormat::Json => account::markdown(&x),
    };
    deliver(args, &out)
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
                "Saved the export to {}{}.",
                path.display(),
                crate::platform::WHO_CAN_READ_NOTE
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

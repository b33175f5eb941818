//! `tend checkin`: follows up a few open actions, runs a pack from the
//! terminal or an answers file, saves the entry, and now and then offers the
//! weekly check-in. Interactive runs keep a draft until the entry is safe.

use anyhow::{Result, bail};
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use console::style;

use crate::actions;
use crate::app::{App, Problems};
use crate::ask::{self, Scripted, Terminal};
use crate::cli::CheckinArgs;
use crate::drafting::{self, interactive, require_terminal, resume_or_set_aside, save_scripted};
use crate::journal::Entry;
use crate::journal::draft::Draft;
use crate::journal::entry::FollowStatus;
use crate::journal::index::{Depth, Index};
use crate::model::Kind;
use crate::prompts::{Pack, Question};
use crate::time;

/// How many open actions a check-in asks about, at most.
const FOLLOW_UPS: usize = 3;

pub fn run(app: &App, args: CheckinArgs) -> Result<()> {
    let packs = app.packs()?;
    let pack_id = args
        .pack
        .clone()
        .unwrap_or_else(|| app.config.default_pack.clone());
    let pack = packs.get(&pack_id)?;
    let created = app.created_at(args.entry.date.as_deref())?;
    // The journal day this check-in is for: due days and follow-ups are
    // judged as of that day, not today.
    let day = time::journal_day(&created, app.config.day_starts);
    let backdated = day != app.today();
    let questions: Vec<&Question> = if args.quick {
        pack.quick_questions(day.num_days_from_ce() as i64)
    } else {
        pack.questions.iter().collect()
    };
    let fresh = Entry::start(pack, created, &args.entry.tags);
    let index = app.index(Depth::Quick, Problems::Warn)?;

    if let Some(file) = &args.answers {
        // Scripted: the whole file is checked, follow-ups included, before
        // anything is written; it never resumes a draft or offers anything.
        let scripted = Scripted::from_file(file, pack, &questions, day, true)?;
        let mut follow = Vec::new();
        for f in &scripted.followups {
            let action = actions::find_open(&index, &f.handle)
                .map_err(|e| anyhow::anyhow!("{}: {e}", f.place))?;
            if action.created >= created {
                bail!(
                    "{}: “{}” was set on {}, after the time this check-in is for ({});                      a check-in can only follow up a step that was there already",
                    f.place,
                    action.text,
                    time::when(&action.created),
                    time::when(&created)
                );
            }
            follow.push((action.id.clone(), f.status, f.note.clone()));
        }
        say_if_another(app, &index, pack, day);
        save_scripted(app, fresh, &questions, scripted)?;
        // Follow-ups are dated with the check-in they were given in.
        for (action, status, note) in follow {
            actions::record(app, &action, status, None, note, created)?;
        }
        return Ok(());
    }

    if std::env::var_os("TEND_BENCH_FIRST_QUESTION").is_some() {
        // Benchmark seam: everything that comes before the first prompt
        // (config, packs, index, drafts, actions to follow up) is done.
        let drafts = Draft::all(&app.journal).len();
        let open = index.state.open_in_order().len();
        errln!("ready to ask: {drafts} drafts, {open} open actions");
        return Ok(());
    }
    require_terminal("tend checkin")?;
    if backdated {
        errln!(
            "{}",
            style(format!("This check-in is for {}.", time::day_name(day))).bold()
        );
    }
    say_if_another(app, &index, pack, day);
    let editor = args.entry.editor || app.config.editor_for_long_answers;
    let resumed = resume_or_set_aside(app, pack)?;
    let is_fresh = resumed.is_none();
    let draft = resumed.unwrap_or_else(|| drafting::start(&questions, fresh));
    let draft_day = time::journal_day(&draft.entry.created, app.config.day_starts);
    let mut terminal = Terminal::new(app.color, editor, draft_day);
    if is_fresh && pack.kind == Kind::Checkin {
        follow_up(app, &index, &mut terminal, &draft.entry.created)?;
    }
    interactive(app, pack, draft, &mut terminal)?;
    if !backdated && args.pack.is_none() && pack.kind == Kind::Checkin && weekly_due(app, &index) {
        offer_weekly(app, &packs, &mut terminal)?;
    }
    Ok(())
}

/// A second check-in on one day is fine; tend says so first, on stderr, so
/// nobody adds one thinking the first was lost.
fn say_if_another(app: &App, index: &Index, pack: &Pack, day: NaiveDate) {
    if pack.kind != Kind::Checkin {
        return;
    }
    let earlier = index.on_day(day, app.config.day_starts);
    if let Some(f) = earlier.iter().rev().find(|f| f.kind == Some(Kind::Checkin)) {
        let on = if day == app.today() {
            "today".to_string()
        } else {
            format!("on {}", time::day_name(day))
        };
        errln!(
            "You checked in {on} at {}; this adds another.",
            f.created.format("%H:%M")
        );
    }
}

/// Asks about a few open actions that were there at `created`, oldest due
/// first. Snoozed ones and those already followed up that day wait; "still
/// going" is as welcome as "done". "Not now" snoozes one until the next
/// journal day, so the same day never asks twice.
fn follow_up(
    app: &App,
    index: &Index,
    terminal: &mut Terminal,
    created: &DateTime<FixedOffset>,
) -> Result<()> {
    let day = time::journal_day(created, app.config.day_starts);
    let due: Vec<_> = index
        .state
        .open_in_order()
        .into_iter()
        .filter(|a| a.created < *created)
        .filter(|a| a.snoozed_until.is_none_or(|u| u <= day))
        .filter(|a| {
            a.updated
                .is_none_or(|u| time::journal_day(&u, app.config.day_starts) < day)
        })
        .take(FOLLOW_UPS)
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    errln!(
        "{}",
        style(format!(
            "First, {} you set yourself. Any answer is fine.",
            if due.len() == 1 {
                "a step"
            } else {
                "a few steps"
            }
        ))
        .bold()
    );
    for a in due {
        let mut line = format!("“{}” (set {}", a.text, actions::age(&a.created, &app.now));
        if let Some(d) = a.due {
            line += &format!(", for {}", d.format("%a %-d %b"));
        }
        line += ")";
        errln!();
        errln!("{line}");
        // "Not now" comes first, so Enter alone, pressed by someone
        // expecting the first question, changes nothing but the day it is
        // asked again.
        let choice = ask::pick(
            app.color,
            "How is it going? (Enter for not now)",
            &[
                "Not now".to_string(),
                "Done".to_string(),
                "Partly done".to_string(),
                "Still going".to_string(),
                "Let it go".to_string(),
            ],
        )?;
        let status = match choice {
            1 => FollowStatus::Done,
            2 => FollowStatus::Partly,
            3 => FollowStatus::Going,
            4 => FollowStatus::Dropped,
            _ => {
                let until = day + Duration::days(1);
                actions::record(
                    app,
                    &a.id,
                    FollowStatus::Snoozed,
                    Some(until),
                    None,
                    *created,
                )?;
                continue;
            }
        };
        let note = terminal.line("Anything you'd like to note? (Enter to skip)")?;
        actions::record(app, &a.id, status, None, Some(note), *created)?;
    }
    Ok(())
}

/// True when the journal is at least a week old and has no weekly check-in
/// in the last seven days.
fn weekly_due(app: &App, index: &Index) -> bool {
    let week_ago = app.now - Duration::days(7);
    index.state.first_created.is_some_and(|f| f <= week_ago)
        && index.state.last_weekly.is_none_or(|w| w <= week_ago)
}

fn offer_weekly(app: &App, packs: &crate::prompts::Packs, terminal: &mut Terminal) -> Result<()> {
    errln!();
    let yes = ask::confirm(
        app.color,
        "No weekly check-in for a week or more. Do one now? (about two minutes)",
        false,
    )?;
    if !yes {
        return Ok(());
    }
    let pack = packs.get("weekly")?;
    if pack.kind != Kind::Weekly {
        bail!("the weekly pack should have kind = \"weekly\"");
    }
    let questions: Vec<&Question> = pack.questions.iter().collect();
    let draft = drafting::start(&questions, Entry::start(pack, app.now, &[]));
    interactive(app, pack, draft, terminal)?;
    Ok(())
}

//! `tend checkin`: follows up a few open actions, runs a pack from the
//! terminal or an answers file, saves the entry, and now and then offers the
//! weekly check-in. Interactive runs keep a draft until the entry is safe.

use anyhow::{Result, bail};
use chrono::{Datelike, Duration};
use console::style;

use crate::actions;
use crate::app::App;
use crate::ask::{self, Asker, Scripted, Terminal};
use crate::cli::CheckinArgs;
use crate::fail::Fail;
use crate::journal::draft::Draft;
use crate::journal::entry::FollowStatus;
use crate::journal::index::{Depth, Index};
use crate::journal::{Answer, Entry};
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
    let today = app.today();
    let created = match &args.entry.date {
        Some(d) => time::backdate(&app.now, time::parse_day(d, today)?, app.config.day_starts),
        None => app.now,
    };
    let day = time::journal_day(&created, app.config.day_starts);
    let questions: Vec<&Question> = if args.quick {
        pack.quick_questions(day.num_days_from_ce() as i64)
    } else {
        pack.questions.iter().collect()
    };
    let fresh = Entry::start(pack, created, &args.entry.tags);

    if let Some(file) = &args.answers {
        // Scripted: the whole file is checked, follow-ups included, before
        // anything is written; it never resumes a draft or offers anything.
        let scripted = Scripted::from_file(file, pack, &questions, today, true)?;
        let index = app.index(Depth::Quick);
        let mut follow = Vec::new();
        for f in &scripted.followups {
            let action = actions::find_open(&index, &f.handle)
                .map_err(|e| anyhow::anyhow!("{}: {e}", f.place))?;
            follow.push((action.id.clone(), f.status, f.note.clone()));
        }
        save_scripted(app, fresh, &questions, scripted)?;
        // Follow-ups happen now, even for a backdated check-in: dated earlier
        // they could come before the action they follow.
        for (action, status, note) in follow {
            actions::record(app, &action, status, None, note, app.now)?;
        }
        return Ok(());
    }

    let index = app.index(Depth::Quick);
    if std::env::var_os("TEND_BENCH_FIRST_QUESTION").is_some() {
        // Benchmark seam: everything that comes before the first prompt
        // (config, packs, index, drafts, actions to follow up) is done.
        let drafts = Draft::all(&app.journal).len();
        let open = index.state.open_in_order().len();
        eprintln!("ready to ask: {drafts} drafts, {open} open actions");
        return Ok(());
    }
    require_terminal("tend checkin")?;
    let editor = args.entry.editor || app.config.editor_for_long_answers;
    let mut terminal = Terminal::new(app.color, editor, today);
    let draft = match resume_or_set_aside(app, pack)? {
        Some(d) => d,
        None => {
            if pack.kind == Kind::Checkin {
                follow_up(app, &index, &mut terminal)?;
            }
            Draft {
                plan: questions.iter().map(|q| q.id.clone()).collect(),
                entry: fresh,
            }
        }
    };
    interactive(app, pack, draft, &mut terminal)?;
    if args.pack.is_none() && pack.kind == Kind::Checkin && weekly_due(app, &index) {
        offer_weekly(app, &packs, &mut terminal)?;
    }
    Ok(())
}

/// Without a terminal there is no one to ask: say how to script it instead.
pub fn require_terminal(what: &str) -> Result<()> {
    if App::interactive() {
        return Ok(());
    }
    Err(Fail::usage(format!(
        "`{what}` asks its questions in a terminal, and there isn't one here. \
         To run it from a script, give the answers in a file with --answers FILE \
         (see `{what} --help`). Nothing was written."
    )))
}

/// Builds the entry from checked answers and saves it.
pub fn save_scripted(
    app: &App,
    mut entry: Entry,
    questions: &[&Question],
    mut scripted: Scripted,
) -> Result<Entry> {
    for q in questions {
        let (value, due) = match scripted.ask(q, 0, 0)? {
            Some((v, d)) => (Some(v), d),
            None => (None, None),
        };
        entry.answers.push(Answer::new(q, value, due));
    }
    let path = app.journal.save_new(&mut entry)?;
    println!("Saved your {} to {}", entry.kind.label(), path.display());
    Ok(entry)
}

/// Asks the draft's remaining questions and saves the entry.
pub fn interactive(
    app: &App,
    pack: &Pack,
    mut draft: Draft,
    terminal: &mut Terminal,
) -> Result<Entry> {
    eprintln!();
    eprintln!(
        "{} {}",
        style(&pack.title).bold(),
        style("· Enter skips any question · Ctrl-C pauses, your answers are kept").dim()
    );
    ask::run(&app.journal, pack, &mut draft, terminal)?;
    finish(app, pack, draft)
}

/// Offers the oldest unfinished run of this pack: carry on, or set it aside
/// (into the trash, where it can still be found).
pub fn resume_or_set_aside(app: &App, pack: &Pack) -> Result<Option<Draft>> {
    let Some(draft) = Draft::all(&app.journal)
        .into_iter()
        .find(|d| d.entry.pack == pack.id)
    else {
        return Ok(None);
    };
    let what = match &draft.entry.title {
        Some(t) => format!("{} (“{t}”)", draft.entry.kind.label()),
        None => draft.entry.kind.label().to_string(),
    };
    eprintln!(
        "You have an unfinished {what} from {} ({} of {} questions done).",
        super::when(&draft.entry.created),
        draft.entry.answers.len(),
        draft.plan.len()
    );
    let choice = ask::pick(
        app.color,
        "What would you like to do?",
        &[
            "Carry on where I left off".to_string(),
            "Set it aside and start a new one (it is kept in the trash)".to_string(),
        ],
    )?;
    if choice == 0 {
        return Ok(Some(draft));
    }
    let kept = draft.set_aside(&app.journal)?;
    eprintln!(
        "{}",
        style(format!("Set aside in {}", kept.display())).dim()
    );
    Ok(None)
}

/// Saves the entry, then (and only then) removes the draft.
fn finish(app: &App, pack: &Pack, draft: Draft) -> Result<Entry> {
    let mut entry = draft.entry.clone();
    // Keep answers in the pack's order even when a resumed draft filled gaps.
    entry.answers.sort_by_key(|a| {
        pack.questions
            .iter()
            .position(|q| q.id == a.id)
            .unwrap_or(usize::MAX)
    });
    let path = app.journal.save_new(&mut entry)?;
    draft.remove(&app.journal)?;
    let given = entry.answers.iter().filter(|a| !a.skipped).count();
    eprintln!();
    println!(
        "Saved your {} ({} of {} answered) to {}",
        entry.kind.label(),
        given,
        entry.answers.len(),
        path.display()
    );
    eprintln!("{}", style("Thank you for taking the time.").dim());
    Ok(entry)
}

/// Asks about a few open actions, oldest due first. Snoozed ones and those
/// already followed up today wait; "still going" is as welcome as "done".
fn follow_up(app: &App, index: &Index, terminal: &mut Terminal) -> Result<()> {
    let today = app.today();
    let due: Vec<_> = index
        .state
        .open_in_order()
        .into_iter()
        .filter(|a| a.snoozed_until.is_none_or(|u| u <= today))
        .filter(|a| {
            a.updated
                .is_none_or(|u| time::journal_day(&u, app.config.day_starts) < today)
        })
        .take(FOLLOW_UPS)
        .collect();
    if due.is_empty() {
        return Ok(());
    }
    eprintln!(
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
        eprintln!();
        eprintln!("{line}");
        // "Not now" comes first, so Enter alone, pressed by someone
        // expecting the first question, changes nothing.
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
            _ => continue,
        };
        let note = terminal.line("Anything you'd like to note? (Enter to skip)")?;
        actions::record(app, &a.id, status, None, Some(note), app.now)?;
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
    eprintln!();
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
    let draft = Draft {
        plan: pack.questions.iter().map(|q| q.id.clone()).collect(),
        entry: Entry::start(pack, app.now, &[]),
    };
    interactive(app, pack, draft, terminal)?;
    Ok(())
}

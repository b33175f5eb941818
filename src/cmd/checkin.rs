//! `tend checkin`: runs a pack, from the terminal or an answers file, and
//! saves the entry. Interactive runs keep a draft until the entry is safe.

use anyhow::Result;
use chrono::Datelike;
use console::style;

use crate::app::App;
use crate::ask::{self, Asker, Scripted, Terminal};
use crate::cli::CheckinArgs;
use crate::fail::Fail;
use crate::journal::draft::Draft;
use crate::journal::{Entry, entry::kind_label};
use crate::prompts::{Pack, Question};
use crate::time;

pub fn run(app: &App, args: CheckinArgs) -> Result<()> {
    let packs = app.packs()?;
    let pack_id = args
        .pack
        .clone()
        .unwrap_or_else(|| app.config.default_pack.clone());
    let pack = packs.get(&pack_id)?;
    let today = app.today();
    let created = match &args.date {
        Some(d) => time::backdate(&app.now, time::parse_day(d, today)?),
        None => app.now,
    };
    let day = time::journal_day(&created, app.config.day_starts);
    let questions: Vec<&Question> = if args.quick {
        pack.quick_questions(day.num_days_from_ce() as i64)
    } else {
        pack.questions.iter().collect()
    };

    if let Some(file) = &args.answers {
        // Scripted: checked whole before anything is written; never resumes a
        // draft, never asks anything.
        let mut scripted = Scripted::from_file(file, pack, &questions, today)?;
        let mut entry = Entry::start(pack, created, &args.tags);
        for q in &questions {
            let reply = scripted.ask(q, 0, 0)?;
            let (value, due) = match reply {
                Some((v, d)) => (Some(v), d),
                None => (None, None),
            };
            entry
                .answers
                .push(crate::journal::Answer::new(q, value, due));
        }
        let path = app.journal.save_new(&mut entry)?;
        println!(
            "Saved your {} to {}",
            kind_label(&entry.kind),
            path.display()
        );
        return Ok(());
    }

    if !App::interactive() {
        return Err(Fail::usage(
            "`tend checkin` asks its questions in a terminal, and there isn't one here. \
             To check in from a script, give the answers in a file: tend checkin --answers FILE \
             (see `tend checkin --help`). Nothing was written.",
        ));
    }

    let mut draft = match resume_or_set_aside(app, pack)? {
        Some(d) => d,
        None => Draft {
            plan: questions.iter().map(|q| q.id.clone()).collect(),
            entry: Entry::start(pack, created, &args.tags),
        },
    };
    let editor = args.editor || app.config.editor_for_long_answers;
    let mut terminal = Terminal::new(app.color, editor, today);
    eprintln!(
        "{} {}",
        style(&pack.title).bold(),
        style("· Enter skips any question · Ctrl-C pauses, your answers are kept").dim()
    );
    ask::run(&app.journal, pack, &mut draft, &mut terminal)?;
    finish(app, pack, draft)
}

/// Offers the oldest unfinished run of this pack: carry on, or set it aside
/// (into the trash, where it can still be found).
fn resume_or_set_aside(app: &App, pack: &Pack) -> Result<Option<Draft>> {
    let Some(draft) = Draft::all(&app.journal)
        .into_iter()
        .find(|d| d.entry.pack == pack.id)
    else {
        return Ok(None);
    };
    eprintln!(
        "You have an unfinished {} from {} ({} of {} questions done).",
        kind_label(&draft.entry.kind),
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
fn finish(app: &App, pack: &Pack, draft: Draft) -> Result<()> {
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
        kind_label(&entry.kind),
        given,
        entry.answers.len(),
        path.display()
    );
    eprintln!("{}", style("Thank you for taking the time.").dim());
    Ok(())
}

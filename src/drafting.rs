//! The life of an entry being written: resume or set aside an unfinished
//! draft, ask the remaining questions (the draft saved after each), and
//! finish (save the entry, then tidy the draft away); or save at once from
//! an answers file. `checkin`, `read` and `note` all write entries this way.

use anyhow::Result;
use console::style;

use crate::app::App;
use crate::ask::{self, Asker, Scripted, Terminal};
use crate::fail::Fail;
use crate::journal::Entry;
use crate::journal::draft::Draft;
use crate::prompts::{Pack, Question};
use crate::time;

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
        entry
            .answers
            .extend(scripted.ask(q, 0, 0, &entry.answers)?.answers(q));
    }
    save(app, &mut entry)?;
    Ok(entry)
}

/// Saves a new entry and says where.
pub fn save(app: &App, entry: &mut Entry) -> Result<()> {
    let path = app.journal.save_new(entry)?;
    outln!("Saved your {} to {}", entry.kind.label(), path.display());
    Ok(())
}

/// A fresh draft asking `questions` for `entry`.
pub fn start(questions: &[&Question], entry: Entry) -> Draft {
    Draft {
        plan: questions.iter().map(|q| q.id.clone()).collect(),
        entry,
    }
}

/// Asks the draft's remaining questions and saves the entry.
pub fn interactive(
    app: &App,
    pack: &Pack,
    mut draft: Draft,
    terminal: &mut Terminal,
) -> Result<Entry> {
    errln!();
    let day = time::journal_day(&draft.entry.created, app.config.day_starts);
    let title = if day == app.today() {
        crate::output::shown(&pack.title).into_owned()
    } else {
        format!(
            "{} for {}",
            crate::output::Shown(&pack.title),
            time::day_name(day)
        )
    };
    // The title, then how the questions work, wrapped by words at the
    // terminal's width (the title is plain text here; styled once wrapped).
    let text = format!("{title} · Enter skips any question · Ctrl-C pauses, your answers are kept");
    let width = crate::output::stderr_width();
    for (i, line) in crate::output::wrap(&text, "", "", width)
        .lines()
        .enumerate()
    {
        match (i, line.split_once(" · ")) {
            (0, Some((head, rest))) => errln!(
                "{} {}",
                style(head).bold(),
                style(format!("· {rest}")).dim()
            ),
            (0, None) => errln!("{}", style(line).bold()),
            _ => errln!("{}", style(line).dim()),
        }
    }
    // Held until the entry is saved, so a second terminal is told, rather
    // than carrying on with the same draft.
    let _held = draft.hold(&app.journal)?;
    ask::run(&app.journal, pack, &mut draft, terminal)?;
    finish(app, pack, draft)
}

/// Offers the oldest unfinished run of this pack: carry on, or set it aside
/// (into the trash, where it can still be found).
pub fn resume_or_set_aside(app: &App, pack: &Pack) -> Result<Option<Draft>> {
    let mut drafts = Draft::all(&app.journal)
        .into_iter()
        .filter(|d| d.entry.pack == pack.id);
    let draft = loop {
        let Some(d) = drafts.next() else {
            return Ok(None);
        };
        if !d.open_elsewhere(&app.journal) {
            break d;
        }
        errln!(
            "Your unfinished {} from {} is open in another terminal right now; it stays there for you to finish.",
            d.entry.kind.label(),
            time::when(&d.entry.created)
        );
    };
    let what = match &draft.entry.title {
        Some(t) => format!("{} (“{t}”)", draft.entry.kind.label()),
        None => draft.entry.kind.label().to_string(),
    };
    errln!(
        "You have an unfinished {what} from {} ({} of {} questions done).",
        time::when(&draft.entry.created),
        draft.plan.len() - draft.remaining().len(),
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
    errln!(
        "{}",
        style(format!("Set aside in {}", kept.display())).dim()
    );
    Ok(None)
}

/// Saves the entry, then (and only then) removes the draft.
fn finish(app: &App, pack: &Pack, draft: Draft) -> Result<Entry> {
    let mut entry = draft.entry.clone();
    // Keep answers in the pack's order even when a resumed draft filled gaps;
    // what "Something else" was follows its choice.
    entry.answers.sort_by_key(|a| {
        pack.questions
            .iter()
            .position(|q| q.id == a.id)
            .map(|i| (i, 0))
            .or_else(|| {
                pack.questions
                    .iter()
                    .position(|q| q.something_else().is_some_and(|o| o.id == a.id))
                    .map(|i| (i, 1))
            })
            .unwrap_or((usize::MAX, 0))
    });
    let path = app.journal.save_new(&mut entry)?;
    draft.remove(&app.journal)?;
    // What "Something else" was is part of its question's answer.
    let asked: Vec<_> = entry
        .answers
        .iter()
        .filter(|a| draft.plan.contains(&a.id))
        .collect();
    let given = asked.iter().filter(|a| !a.skipped).count();
    errln!();
    outln!(
        "Saved your {} ({} of {} answered) to {}",
        entry.kind.label(),
        given,
        asked.len(),
        path.display()
    );
    errln!("{}", style("Thank you for taking the time.").dim());
    Ok(entry)
}

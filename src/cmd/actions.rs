//! `tend actions`: open actions with their age, and recording what became of
//! them. Each follow-up is a new entry; nothing already written changes.

use anyhow::Result;
use chrono::Duration;
use console::style;

use crate::actions::{self, age};
use crate::app::{App, Problems};
use crate::ask::due_day;
use crate::cli::{ActionsArgs, ActionsCommand, FollowArgs};
use crate::journal::entry::FollowStatus;
use crate::journal::index::Depth;
use crate::journal::{Answer, Entry, Value};
use crate::output::{self, Shown};

pub fn run(app: &App, args: ActionsArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let today = app.today();
    match args.command {
        None | Some(ActionsCommand::List) => {
            let open = index.state.open_in_order();
            if open.is_empty() {
                outln!(
                    "No open actions. A check-in's last question, or `tend actions add`, makes one."
                );
                return Ok(());
            }
            let handles = actions::handles(&open);
            let mut t = output::Table::unlabelled(&["handle", "action", "added", "when", "so far"]);
            for a in &open {
                let mut when = match a.due {
                    Some(d) if d < today => format!("was for {}", d.format("%a %-d %b")),
                    Some(d) => format!("for {}", d.format("%a %-d %b")),
                    None => String::new(),
                };
                if let Some(u) = a.snoozed_until.filter(|u| *u > today) {
                    when = format!("snoozed until {}", u.format("%a %-d %b"));
                }
                t.row(vec![
                    handles.get(&a.id).cloned().unwrap_or_default(),
                    a.text.clone(),
                    format!("added {}", age(&a.created, &app.now)),
                    when,
                    a.status.map(|s| s.label().to_string()).unwrap_or_default(),
                ]);
            }
            let width = output::width();
            out!("{}", t.render(width));
            let how = "tend actions done|partly|drop|snooze|reopen HANDLE records how it went";
            for line in output::wrap(how, "", "", width).lines() {
                outln!("{}", style(line).dim());
            }
            Ok(())
        }
        Some(ActionsCommand::Add { text, due, tags }) => {
            if text.trim().is_empty() {
                return Err(crate::fail::Fail::usage(
                    "the action is empty, so nothing was saved",
                ));
            }
            let due = due.as_deref().map(|d| due_day(d, today)).transpose()?;
            let packs = app.packs()?;
            let pack = packs.get("action")?;
            let mut entry = Entry::start(pack, app.now, &tags);
            entry.answers.push(Answer::new(
                &pack.questions[0],
                Some(Value::Text(text)),
                due,
            ));
            let path = app.journal.save_new(&mut entry)?;
            outln!(
                "Added the action {} (saved to {})",
                crate::journal::id::handle(&entry.id),
                path.display()
            );
            Ok(())
        }
        Some(ActionsCommand::Done(f)) => follow(app, &index, f, FollowStatus::Done),
        Some(ActionsCommand::Drop(f)) => follow(app, &index, f, FollowStatus::Dropped),
        Some(ActionsCommand::Partly(f)) => follow(app, &index, f, FollowStatus::Partly),
        Some(ActionsCommand::Snooze { id, days }) => {
            let a = actions::find_open(&index, &id)?;
            let until = today + Duration::days(days.max(1) as i64);
            actions::record(
                app,
                &a.id,
                FollowStatus::Snoozed,
                Some(until),
                None,
                app.now,
            )?;
            outln!(
                "“{}” is out of sight until {}.",
                a.text,
                until.format("%a %-d %b")
            );
            Ok(())
        }
        Some(ActionsCommand::Reopen(f)) => {
            let (id, text) = actions::find_closed(&index, &f.id)?;
            actions::record(app, &id, FollowStatus::Reopened, None, f.note, app.now)?;
            outln!("“{}” is open again.", Shown(&text));
            Ok(())
        }
    }
}

fn follow(
    app: &App,
    index: &crate::journal::index::Index,
    f: FollowArgs,
    status: FollowStatus,
) -> Result<()> {
    let a = actions::find_open(index, &f.id)?;
    actions::record(app, &a.id, status, None, f.note, app.now)?;
    let said = match status {
        FollowStatus::Done => "marked done.",
        FollowStatus::Dropped => "let go; it won't be asked about again.",
        FollowStatus::Partly
        | FollowStatus::Going
        | FollowStatus::Snoozed
        | FollowStatus::Reopened => "partly done, and still open.",
    };
    outln!("“{}”: {said}", Shown(&a.text));
    Ok(())
}

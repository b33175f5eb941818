//! `tend note`: one quick entry of kind `note`.

use anyhow::Result;

use crate::app::App;
use crate::ask::{Asker, Terminal};
use crate::cli::NoteArgs;
use crate::drafting;
use crate::fail::Fail;
use crate::journal::{Answer, Entry, Value};
use crate::time;

pub fn run(app: &App, args: NoteArgs) -> Result<()> {
    let packs = app.packs()?;
    let pack = packs.get("note")?;
    let q = &pack.questions[0];
    let created = app.created_at(args.entry.date.as_deref())?;
    let day = time::journal_day(&created, app.config.day_starts);
    let text = match args.text {
        Some(t) => t,
        None if App::interactive() => {
            let editor = args.entry.editor || app.config.editor_for_long_answers;
            let mut terminal = Terminal::new(app.color, editor, day);
            match terminal.ask(q, 1, 1, &[])?.value {
                Some(Value::Text(t)) => t,
                _ => String::new(),
            }
        }
        None => {
            return Err(Fail::usage(
                "there is no terminal to type the note in; give it as an argument: tend note \"...\"",
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(Fail::usage("the note is empty, so nothing was saved"));
    }
    let mut entry = Entry::start(pack, created, &args.entry.tags);
    entry
        .answers
        .push(Answer::new(q, Some(Value::Text(text)), None));
    drafting::save(app, &mut entry)
}

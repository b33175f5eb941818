//! `tend note`: one quick entry of kind `note`.

use anyhow::Result;

use crate::app::App;
use crate::ask::{Asker, Terminal};
use crate::cli::NoteArgs;
use crate::fail::Fail;
use crate::journal::{Answer, Entry, Value};
use crate::time;

pub fn run(app: &App, args: NoteArgs) -> Result<()> {
    let packs = app.packs()?;
    let pack = packs.get("note")?;
    let q = &pack.questions[0];
    let today = app.today();
    let created = match &args.entry.date {
        Some(d) => time::backdate(&app.now, time::parse_day(d, today)?, app.config.day_starts),
        None => app.now,
    };
    let text = match args.text {
        Some(t) => t,
        None if App::interactive() => {
            let editor = args.entry.editor || app.config.editor_for_long_answers;
            let mut terminal = Terminal::new(app.color, editor, today);
            match terminal.ask(q, 1, 1)? {
                Some((Value::Text(t), _)) => t,
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
    let path = app.journal.save_new(&mut entry)?;
    println!("Saved your note to {}", path.display());
    Ok(())
}

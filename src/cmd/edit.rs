//! `tend edit`: fix an entry in your editor. The edit is checked before
//! anything is written; the previous version goes to the trash first.

use std::path::Path;

use anyhow::{Result, bail};

use crate::app::{App, Problems};
use crate::ask;
use crate::cli::EditArgs;
use crate::journal::index::Depth;
use crate::journal::store::{Mode, check_entry_size};
use crate::journal::{Entry, Value, load, trash};
use crate::prompts::{Packs, QType};

/// The rules an edited entry must keep: a valid entry, the same id and the
/// same month folder, and answers that fit the questions of its pack.
fn check(path: &std::path::Path, text: &str, before: &Entry, packs: &Packs) -> Result<Entry> {
    // Before the old version is kept: an edit that can't be saved keeps nothing.
    check_entry_size(path, text.len())?;
    let e = Entry::parse(path, text)?;
    if e.id != before.id {
        bail!("the id must stay \"{}\" (it names the file)", before.id);
    }
    if e.rel_path() != before.rel_path() {
        bail!(
            "created may not move the entry to another month (it decides the folder); delete and add a new one instead"
        );
    }
    if let Ok(pack) = packs.get(&e.pack) {
        for a in &e.answers {
            let Some(q) = pack.question(&a.id) else {
                continue;
            };
            if a.qtype != q.qtype {
                bail!(
                    "answer \"{}\" must stay a {} answer, as its question is (not {})",
                    a.id,
                    q.qtype.name(),
                    a.qtype.name()
                );
            }
            let Some(v) = &a.value else { continue };
            match (q.qtype, v) {
                (QType::Scale, Value::Int(n)) => {
                    let (min, max) = q.range();
                    if !(min..=max).contains(n) {
                        bail!(
                            "answer \"{}\" is {n}, outside its scale of {min} to {max}",
                            a.id
                        );
                    }
                }
                (QType::SingleChoice, Value::Text(t)) if !q.choices.contains(t) => {
                    bail!(
                        "answer \"{}\" is \"{t}\", not one of: {}",
                        a.id,
                        q.choices.join(", ")
                    );
                }
                (QType::MultiChoice, Value::List(l)) => {
                    if let Some(bad) = l.iter().find(|c| !q.choices.contains(c)) {
                        bail!(
                            "answer \"{}\" has \"{bad}\", not one of: {}",
                            a.id,
                            q.choices.join(", ")
                        );
                    }
                }
                (QType::Number, Value::Float(x)) => {
                    q.check_number(*x, None)
                        .map_err(|why| anyhow::anyhow!("answer \"{}\": {why}", a.id))?;
                }
                (QType::Number, Value::Int(n)) => {
                    q.check_number(*n as f64, None)
                        .map_err(|why| anyhow::anyhow!("answer \"{}\": {why}", a.id))?;
                }
                _ => {}
            }
        }
    }
    Ok(e)
}

/// Puts the edit in place, under the journal's lock, only if the entry is
/// still exactly what the editor started from. If another tend changed or
/// deleted it meanwhile, nothing is overwritten or brought back: the edit
/// waits in the trash, and the person is told how to use it.
fn replace(app: &App, path: &Path, id: &str, original: &[u8], edited: &[u8]) -> Result<()> {
    let lock = app.journal.lock()?;
    // Compared as words, not bytes on disk: sealing the same words twice
    // never gives the same bytes.
    let now_on_disk = match app.journal.read_opened(path) {
        Ok(b) => Some(b),
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound) =>
        {
            None
        }
        Err(e) => return Err(e),
    };
    if now_on_disk.as_deref().map(|b| &b[..]) != Some(original) {
        let kept = trash::keep(&app.journal, id, edited, trash::Why::Unapplied, &app.now)?;
        drop(lock);
        let what = if now_on_disk.is_some() {
            "was changed"
        } else {
            "was deleted"
        };
        return Err(crate::fail::Fail {
            code: 1,
            message: format!(
                "while you were editing, this entry {what} by another tend, so your edit was not applied and nothing was overwritten. Your version is kept in the trash ({}); `tend restore {}` puts it in place (the entry as it is now goes to the trash, so nothing is lost).",
                kept.display(),
                crate::journal::id::handle(id)
            ),
        }
        .into());
    }
    let kept = trash::keep(&app.journal, id, original, trash::Why::Edited, &app.now)?;
    app.journal.write_entry(path, edited, Mode::Replace)?;
    drop(lock);
    outln!(
        "Saved your changes to {}. The previous version is in the trash ({}).",
        path.display(),
        kept.display()
    );
    Ok(())
}

pub fn run(app: &App, args: EditArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let facts = index.all_facts();
    let found = load::locate(&app.journal, &facts, &args.id)?;
    let path = found.path;
    let before = load::read_entry(&app.journal, &path)?;
    let original = app.journal.read_opened(&path)?;
    // Resolved first, so a missing editor is said before anything is made.
    crate::scratch::editor()?;
    let packs = app.packs()?;
    let copy = crate::scratch::Scratch::new(
        &original[..],
        ".toml",
        "Stopped before your edit was saved, so the entry is as it was.",
    )?;
    loop {
        let status = copy.edit()?;
        if !status.success() {
            bail!("the editor stopped with an error, so nothing was changed");
        }
        let edited = copy.read()?;
        if edited[..] == original[..] {
            outln!("No changes, so nothing was written.");
            return Ok(());
        }
        let problem = match String::from_utf8(edited.to_vec()) {
            Err(e) => anyhow::anyhow!(
                "{}: not UTF-8 text (bad byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            ),
            Ok(text) => match check(&path, &text, &before, &packs) {
                Ok(_) => return replace(app, &path, &found.id, &original[..], &edited),
                Err(e) => e,
            },
        };
        errln!("tend: that edit can't be saved: {problem:#}");
        if !App::interactive() {
            bail!("nothing was changed");
        }
        let choice = ask::pick(
            app.color,
            "What would you like to do?",
            &[
                "Edit it again".to_string(),
                "Leave the entry as it was".to_string(),
            ],
        )?;
        if choice == 1 {
            outln!("Nothing was changed.");
            return Ok(());
        }
    }
}

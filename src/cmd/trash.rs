//! `tend delete`, `tend restore` and `tend trash`: deleting moves an entry to
//! the trash; only an explicit, confirmed purge erases anything.

use anyhow::{Result, bail};

use crate::app::{App, Problems};
use crate::ask;
use crate::cli::{DeleteArgs, RestoreArgs, TrashCommand};
use crate::fail::Fail;
use crate::journal::index::Depth;
use crate::journal::store::Mode;
use crate::journal::trash::{self, Trashed};
use crate::journal::{id, load};
use crate::output;

/// Asks before something happens, or takes `--yes`; without a terminal and
/// without `--yes` it stops rather than guess.
fn confirmed(app: &App, yes: bool, question: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !App::interactive() {
        return Err(Fail::usage(format!(
            "{question} There is no terminal to ask in; add --yes to go ahead. Nothing was changed."
        )));
    }
    ask::confirm(app.color, question, false)
}

pub fn delete(app: &App, args: DeleteArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    let facts = index.all_facts();
    let found = load::locate(&app.journal, &facts, &args.id)?;
    let f = found.facts;
    // Its first words are from the file: shown, never obeyed, in the
    // question as everywhere.
    let what = output::shown(&f.what()).into_owned();
    if !confirmed(
        app,
        args.yes,
        &format!("Move {what} to the trash? You can restore it later."),
    )? {
        outln!("Nothing was deleted.");
        return Ok(());
    }
    let lock = app.journal.lock()?;
    if std::fs::symlink_metadata(&found.path).is_err() {
        bail!("{what} is no longer there (another tend moved it meanwhile); nothing was changed");
    }
    let dest = trash::put(
        &app.journal,
        &found.id,
        &found.path,
        trash::Why::Deleted,
        &app.now,
    )?;
    drop(lock);
    outln!(
        "Moved {what} to the trash ({}). `tend restore {}` brings it back.",
        dest.display(),
        id::handle(&found.id)
    );
    Ok(())
}

pub fn restore(app: &App, args: RestoreArgs) -> Result<()> {
    let mut versions: Vec<Trashed> = trash::matching(&app.journal, &args.id);
    // Newest first, so the likeliest choice is the first one offered.
    versions.reverse();
    let chosen = match versions.len() {
        0 => bail!(
            "nothing in the trash matches \"{}\" (`tend trash` lists it)",
            args.id
        ),
        1 => versions[0].clone(),
        n if App::interactive() && !args.latest => {
            let names: Vec<String> = versions
                .iter()
                .map(|t| {
                    format!(
                        "{} ({} on {})",
                        t.id,
                        t.why.as_str(),
                        t.when(app.now.offset())
                    )
                })
                .collect();
            versions[ask::pick(
                app.color,
                &format!("{n} versions are in the trash; which one?"),
                &names,
            )?]
            .clone()
        }
        _ => versions[0].clone(),
    };
    if chosen.why == trash::Why::Draft {
        // A check-in set aside goes back to the drafts, to be carried on.
        let dest = app
            .journal
            .drafts_dir()
            .join(chosen.path.file_name().unwrap_or_default());
        app.journal.guard(&dest)?;
        let _lock = app.journal.lock()?;
        if dest.exists() {
            bail!(
                "a draft with that id is already waiting in {}",
                dest.display()
            );
        }
        crate::journal::store::private_dir(&app.journal.drafts_dir())?;
        std::fs::rename(&chosen.path, &dest)
            .map_err(|e| anyhow::anyhow!("could not restore {}: {e}", chosen.path.display()))?;
        outln!(
            "The unfinished check-in is back; the next `tend checkin` offers to carry on with it."
        );
        return Ok(());
    }
    let journal = &app.journal;
    let entry = load::read_entry(journal, &chosen.path)?;
    // The entry as it may be in `entries/` now, in either form: an entry
    // trashed before `tend encrypt` (or `decrypt`) was stopped half way may
    // come back beside its other form. Whichever forms are there go to the
    // trash, and the restored version takes the journal's form of today,
    // so one id is always one file.
    let plain = journal.entry_file(&entry.rel_path(), &entry.id)?;
    let sealed = journal.entry_file(
        &format!("{}{}", entry.rel_path(), crate::crypt::SUFFIX),
        &entry.id,
    )?;
    let there = |p: &std::path::Path| std::fs::symlink_metadata(p).is_ok();
    crate::journal::store::private_dir(plain.parent().unwrap_or(&journal.entries_dir()))?;
    if (there(&plain) || there(&sealed))
        && App::interactive()
        && !ask::confirm(
            app.color,
            "This replaces the entry as it is now (that version goes to the trash). Go ahead?",
            true,
        )?
    {
        outln!("Nothing was changed.");
        return Ok(());
    }
    let encrypted = journal.is_encrypted()?;
    let lock = journal.lock()?;
    for now in [&plain, &sealed].into_iter().filter(|p| there(p)) {
        if crate::journal::store::is_sealed(now) == encrypted {
            trash::put(journal, &entry.id, now, trash::Why::Replaced, &app.now)?;
        } else {
            // The other form goes to the trash in the journal's form too,
            // so no words stay in the clear in an encrypted journal.
            let words = journal.read_opened(now)?;
            trash::keep(journal, &entry.id, &words, trash::Why::Replaced, &app.now)?;
            std::fs::remove_file(now).map_err(|e| {
                anyhow::anyhow!("could not move {} to the trash: {e}", now.display())
            })?;
        }
    }
    let dest = if crate::journal::store::is_sealed(&chosen.path) == encrypted {
        let dest = if encrypted { &sealed } else { &plain };
        std::fs::rename(&chosen.path, dest)
            .map_err(|e| anyhow::anyhow!("could not restore {}: {e}", chosen.path.display()))?;
        dest.clone()
    } else {
        // In the other form: written anew through the one writer (which
        // seals in an encrypted journal), then taken out of the trash.
        let words = journal.read_opened(&chosen.path)?;
        let dest = journal.write_entry(&plain, &words, Mode::Create)?;
        std::fs::remove_file(&chosen.path).map_err(|e| {
            anyhow::anyhow!(
                "restored to {}, but the trashed copy {} could not be removed ({e})",
                dest.display(),
                chosen.path.display()
            )
        })?;
        dest
    };
    drop(lock);
    if let Some(parent) = chosen.path.parent() {
        let _ = std::fs::remove_dir(parent);
    }
    outln!(
        "Restored the {} from {} to {}",
        entry.kind.label(),
        super::when(&entry.created),
        dest.display()
    );
    Ok(())
}

pub fn trash(app: &App, cmd: Option<TrashCommand>) -> Result<()> {
    match cmd {
        None => {
            let items = trash::list(&app.journal);
            if items.is_empty() {
                outln!("The trash is empty.");
                return Ok(());
            }
            let mut t = output::Table::new(&["handle", "what", "why", "trashed"]);
            for i in &items {
                let what = i
                    .what(&app.journal)
                    .unwrap_or_else(|| "a file that cannot be read as an entry".into());
                t.row(vec![
                    id::handle(&i.id).to_string(),
                    output::shown(&what).into_owned(),
                    i.why.label().to_string(),
                    i.when(app.now.offset()),
                ]);
            }
            let width = output::width();
            out!("{}", t.render(width));
            out!(
                "{}",
                output::wrap(
                    "`tend restore HANDLE` brings one back; `tend trash purge HANDLE` or `tend trash empty` erase for good.",
                    "",
                    "",
                    width
                )
            );
            Ok(())
        }
        Some(TrashCommand::Purge { id, yes }) => {
            let items = trash::matching(&app.journal, &id);
            if items.is_empty() {
                bail!("nothing in the trash matches \"{id}\" (`tend trash` lists it)");
            }
            let question = format!(
                "Erase {} of {} for good? This cannot be undone.",
                if items.len() == 1 {
                    "1 trashed version".to_string()
                } else {
                    format!("{} trashed versions", items.len())
                },
                items[0].id
            );
            if !confirmed(app, yes, &question)? {
                outln!("Nothing was erased.");
                return Ok(());
            }
            trash::erase(&app.journal, &items)?;
            outln!(
                "Erased {} file{} for good.",
                items.len(),
                if items.len() == 1 { "" } else { "s" }
            );
            Ok(())
        }
        Some(TrashCommand::Empty { yes }) => {
            let items = trash::list(&app.journal);
            if items.is_empty() {
                outln!("The trash is already empty.");
                return Ok(());
            }
            let ids: std::collections::BTreeSet<&str> =
                items.iter().map(|i| i.id.as_str()).collect();
            let question = format!(
                "Erase everything in the trash for good: {} file{} from {} entr{}? This cannot be undone.",
                items.len(),
                if items.len() == 1 { "" } else { "s" },
                ids.len(),
                if ids.len() == 1 { "y" } else { "ies" }
            );
            if !confirmed(app, yes, &question)? {
                outln!("Nothing was erased.");
                return Ok(());
            }
            trash::erase(&app.journal, &items)?;
            outln!("The trash is empty.");
            Ok(())
        }
    }
}

//! `tend watch`: the names the export's identifier check looks for, kept by
//! the journal itself (sealed in an encrypted journal), so a leader never
//! has to put them in the plain config file.

use anyhow::Result;

use crate::app::App;
use crate::cli::WatchCommand;
use crate::journal::settings;

pub fn run(app: &App, command: WatchCommand) -> Result<()> {
    let journal = &app.journal;
    let place = || {
        settings::existing(journal)
            .unwrap_or_else(|| journal.written_form(&settings::path(journal)))
            .display()
            .to_string()
    };
    match command {
        WatchCommand::List => {
            let kept = settings::load(journal)?.watch_list;
            let config = &app.config.watch_list;
            if kept.is_empty() && config.is_empty() {
                outln!("The watch list is empty. `tend watch add \"NAME\"` adds a name.");
                return Ok(());
            }
            for name in &kept {
                outln!("{}", crate::output::shown(name));
            }
            for name in config {
                outln!(
                    "{}  (in the config file {})",
                    crate::output::shown(name),
                    app.config.path.display()
                );
            }
        }
        WatchCommand::Add { names } => {
            // Unlocked before the lock: a passphrase is never typed while
            // other tends wait.
            app.unlock_if_encrypted()?;
            let _lock = journal.lock()?;
            let mut kept = settings::load(journal)?;
            let mut added = Vec::new();
            for name in names.iter().map(|n| n.trim()) {
                if name.is_empty() {
                    return Err(crate::fail::Fail::usage(
                        "an empty name cannot go on the watch list, so nothing was changed",
                    ));
                }
                let known = kept.watch_list.iter().chain(&app.config.watch_list);
                if known.clone().any(|n| n.eq_ignore_ascii_case(name)) {
                    outln!(
                        "{} is on the watch list already.",
                        crate::output::shown(name)
                    );
                } else {
                    kept.watch_list.push(name.to_string());
                    added.push(name);
                }
            }
            if !added.is_empty() {
                let written = settings::save(journal, &kept)?;
                outln!(
                    "Added to the watch list ({}): {}.",
                    written.display(),
                    crate::output::shown(&added.join(", "))
                );
            }
        }
        WatchCommand::Remove { names } => {
            app.unlock_if_encrypted()?;
            let _lock = journal.lock()?;
            let mut kept = settings::load(journal)?;
            let before = kept.watch_list.len();
            for name in names.iter().map(|n| n.trim()) {
                let had = kept.watch_list.len();
                kept.watch_list.retain(|n| !n.eq_ignore_ascii_case(name));
                if kept.watch_list.len() < had {
                    continue;
                }
                if app
                    .config
                    .watch_list
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(name))
                {
                    outln!(
                        "{} is in the watch_list of the config file {}; please take it out there.",
                        crate::output::shown(name),
                        app.config.path.display()
                    );
                } else {
                    outln!(
                        "{} is not on the watch list, so there was nothing to take off.",
                        crate::output::shown(name)
                    );
                }
            }
            if kept.watch_list.len() < before {
                settings::save(journal, &kept)?;
                outln!(
                    "Taken off the watch list ({}); {} name{} left there.",
                    place(),
                    kept.watch_list.len(),
                    if kept.watch_list.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    Ok(())
}

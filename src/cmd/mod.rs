//! One file per command; `run` sends each parsed command to its file.

mod about;
mod actions;
mod checkin;
mod cohort;
mod cpd;
mod doctor;
mod edit;
mod encrypt;
mod export;
mod generate;
mod greet;
mod import;
mod index;
mod list;
mod lock;
mod note;
mod portfolio;
mod prompts;
mod read;
mod review;
mod shell;
mod show;
mod status;
mod summary;
mod sync;
mod trash;
mod watch;

use anyhow::Result;

use crate::app::App;
use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> Result<()> {
    crate::output::decide_plain(cli.plain);
    crate::output::allow_pager(!cli.no_pager);
    // These need no journal and no config.
    match &cli.command {
        Some(Command::Completions { shell }) => return shell::completions(*shell),
        Some(Command::Man) => return shell::man(),
        _ => {}
    }
    let dir_flag = cli.dir.is_some();
    if let Some(Command::Status(a)) = cli.command {
        // A prompt line always gets an answer, and exit 0, as promised.
        let (app, problem) = match App::new_or_fallback(cli.dir) {
            Ok(found) => found,
            Err(e) => {
                outln!("tend: {}", status::short(&e));
                return Ok(());
            }
        };
        if let Err(e) = status::run(&app, a, problem.as_ref()) {
            outln!("tend: {}", status::short(&e));
        }
        return Ok(());
    }
    // What a killed tend left in the scratch folder (status, above, stays
    // as quick as it was and touches nothing).
    crate::scratch::sweep();
    let app = App::new(cli.dir)?;
    let syncing = matches!(cli.command, Some(Command::Sync(_)));
    // What the last sync decided for the leader (an entry changed on both
    // computers, one brought back), said once more, first.
    if !syncing {
        for note in crate::git::take_notes(&app.journal) {
            errln!("tend: at the last sync: {note}");
        }
    }
    // sync = "auto": a check-in starts from what the other computer sent
    // (its follow-ups, "checked in today"); every command that saved
    // something sends it as it ends. Only a check-in pulls first: it is the
    // command that asks about the journal as a whole, and the others should
    // not wait on the network before they start.
    let auto = app.config.sync_auto && !syncing;
    let pulled =
        !(auto && matches!(cli.command, Some(Command::Checkin(_)))) || sync::pull_before(&app);
    let done = run_command(&app, cli.command, dir_flag);
    // The one place a change becomes a commit, when the journal is a git
    // repository: whatever the command saved, moved or erased, as it ended.
    // What was saved stays saved if git cannot commit it; the next command
    // or `tend sync` tries again.
    let committed = if syncing {
        false
    } else {
        crate::git::commit_pending(&app.journal).unwrap_or_else(|e| {
            errln!(
                "tend: saved, but not yet committed for sync ({e:#}); `tend sync` will try again."
            );
            false
        })
    };
    if auto && committed && pulled {
        sync::send_after(&app);
    }
    // A command that unlocked an encrypted journal may have changed it:
    // bring the index (and the plain status.json that `status` and the
    // greeting read) up to date with the keys already at hand.
    if app.journal.was_unlocked() {
        let _ = crate::journal::index::Index::open(
            &app.journal,
            crate::journal::index::Depth::Quick,
            &app.now,
        );
    }
    done
}

fn run_command(app: &App, command: Option<Command>, dir_flag: bool) -> Result<()> {
    match command {
        None => greet::run(app),
        Some(Command::Checkin(a)) => checkin::run(app, a),
        Some(Command::Note(a)) => note::run(app, a),
        Some(Command::List(a)) => list::run(app, a),
        Some(Command::Show(a)) => show::run(app, a),
        Some(Command::Read(a)) => read::run(app, a),
        Some(Command::Actions(a)) => actions::run(app, a),
        Some(Command::Summary(a)) => summary::run(app, a),
        Some(Command::Export(a)) => export::run(app, a),
        Some(Command::Review(a)) => review::run(a),
        Some(Command::Cpd(a)) => cpd::run(app, a),
        Some(Command::Portfolio(a)) => portfolio::run(app, a),
        Some(Command::Config { command }) => shell::config(
            app,
            command.unwrap_or(crate::cli::ConfigCommand::Show),
            dir_flag,
        ),
        Some(Command::Edit(a)) => edit::run(app, a),
        Some(Command::Doctor(a)) => doctor::run(app, a),
        Some(Command::Import(crate::cli::ImportCommand::Jrnl(a))) => import::run(app, a),
        Some(Command::Delete(a)) => trash::delete(app, a),
        Some(Command::Restore(a)) => trash::restore(app, a),
        Some(Command::Trash { command }) => trash::trash(app, command),
        Some(Command::Completions { .. } | Command::Man | Command::Status(_)) => Ok(()),
        Some(Command::Index(a)) => index::run(app, a),
        Some(Command::Generate(a)) => generate::run(app, a),
        Some(Command::Encrypt(a)) => encrypt::encrypt(app, a),
        Some(Command::Sync(a)) => sync::run(app, a),
        Some(Command::Decrypt(_)) => encrypt::decrypt(app),
        Some(Command::Key(c)) => encrypt::key(app, c),
        Some(Command::Watch { command }) => {
            watch::run(app, command.unwrap_or(crate::cli::WatchCommand::List))
        }
        Some(Command::About) => about::run(),
        Some(Command::Lock) => lock::run(app),
        Some(Command::Prompts(c)) => prompts::run(app, c),
    }
}

pub use crate::time::when;

//! `tend encrypt`, `tend decrypt` and `tend key`: turning encryption on and
//! off, changing the passphrase, and recovering with the recovery key.

use std::fs;
use std::io::Write;
use std::path::Path;

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::{Context, Result, bail};

use crate::app::App;
use crate::cli::{EncryptArgs, KeyCommand};
use crate::crypt::cache::KeyringCache;
use crate::crypt::convert::{self, Direction};
use crate::crypt::keys::{KeyDir, NewKeys};
use crate::crypt::passphrase;
use crate::fail::Fail;
use crate::journal::index::Index;

pub fn encrypt(app: &App, args: EncryptArgs) -> Result<()> {
    let journal = &app.journal;
    if let Some(git) = convert::git_above(&journal.root)
        && !args.new_history
    {
        return Err(Fail::usage(format!(
            "the journal is inside a git repository ({}), whose history may hold its entries in the clear; \
             encrypting now would not change those copies, nor any remote or clone. Nothing was changed. \
             If you understand that the old copies stay readable, run `tend encrypt --new-history` \
             (tend never deletes .git).",
            git.display()
        )));
    }
    let keys = KeyDir::new(journal);
    let unlocked = if keys.has_keys() {
        // Keys are made once: a rerun after an interruption carries on with them.
        errln!(
            "This journal's keys are already in {}; unlocking them to carry on.",
            keys.dir().display()
        );
        journal.unlocked()?
    } else {
        make_keys(app, &args)?
    };
    // The marker first: from here on every writer seals what it writes.
    keys.mark_encrypted()?;
    let lock = journal.lock()?;
    remove_index(app)?;
    let n = convert::convert_all(journal, &unlocked, Direction::Seal)?;
    let moved = move_watch_list(app)?;
    drop(lock);
    Index::rebuild(journal);
    outln!(
        "The journal is encrypted: {n} file{} sealed. Only your passphrase or your recovery key opens it.",
        if n == 1 { "" } else { "s" }
    );
    if let Some(moved) = moved {
        outln!("{moved}");
    }
    outln!(
        "Commands that show your words ask for the passphrase once each time; `tend status` never does."
    );
    Ok(())
}

/// The names in the config's `watch_list` go into the journal's sealed
/// settings (`settings.toml.age`), and then out of the config file, which
/// keeps every other line and comment. Sealed first, taken out second: a
/// kill between the two leaves the names in both places, and the rerun
/// finishes (the names are merged, never doubled). If the config cannot be
/// changed safely, it is left as it is and the leader is told which lines
/// to take out. Returns what to tell the leader, if anything moved.
fn move_watch_list(app: &App) -> Result<Option<String>> {
    use crate::journal::settings;
    let config = &app.config;
    if config.watch_list.is_empty() {
        return Ok(None);
    }
    let journal = &app.journal;
    let mut kept = settings::load(journal)?;
    for name in &config.watch_list {
        if !kept.watch_list.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            kept.watch_list.push(name.clone());
        }
    }
    let written = settings::save(journal, &kept)?;
    let names = format!(
        "The {} name{} of your watch_list {} now kept encrypted in {} (`tend watch` lists and changes them)",
        config.watch_list.len(),
        if config.watch_list.len() == 1 {
            ""
        } else {
            "s"
        },
        if config.watch_list.len() == 1 {
            "is"
        } else {
            "are"
        },
        written.display()
    );
    Ok(Some(
        match crate::config::remove_key(&config.path, "watch_list") {
            Ok(_) => format!(
                "{names}, and the watch_list line was taken out of {}; nothing else in it changed.",
                config.path.display()
            ),
            Err(e) => format!(
                "{names}. Please take the watch_list line out of {} yourself: while it is there, those names stay readable in it. ({e:#})",
                config.path.display()
            ),
        },
    ))
}

/// New keys: the passphrase twice, then the recovery key shown once and
/// typed back (or written to --recovery-key-out), before anything is written.
fn make_keys(app: &App, args: &EncryptArgs) -> Result<std::sync::Arc<crate::crypt::Unlocked>> {
    let journal = &app.journal;
    if args.recovery_key_out.is_none() && !App::interactive() {
        return Err(Fail::usage(
            "there is no terminal to show the recovery key on. Give --recovery-key-out FILE (a new file outside the journal) \
             and set TEND_PASSPHRASE_COMMAND to a command that prints the passphrase. Nothing was changed.",
        ));
    }
    if let Some(out) = &args.recovery_key_out {
        refuse_inside_journal(app, out)?;
    }
    let passphrase = passphrase::for_setting(app.color)?;
    let new = NewKeys::generate();
    match &args.recovery_key_out {
        Some(out) => write_recovery_key(app, out, &new.recovery_key())?,
        None => show_and_confirm(app, &new)?,
    }
    let unlocked = KeyDir::new(journal).create(new, &passphrase)?;
    Ok(journal.keep_unlocked(unlocked))
}

fn refuse_inside_journal(app: &App, out: &Path) -> Result<()> {
    let root = fs::canonicalize(&app.journal.root).unwrap_or_else(|_| app.journal.root.clone());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let parent = fs::canonicalize(parent)
        .with_context(|| format!("{}: its folder is not there", out.display()))?;
    if parent.starts_with(&root) {
        return Err(Fail::usage(format!(
            "{} is inside the journal; a recovery key kept beside the journal would open it for anyone who has it. \
             Please choose a place elsewhere (a USB stick, or print it). Nothing was changed.",
            out.display()
        )));
    }
    Ok(())
}

/// A new private file; an existing one (or a link in its place) is never
/// written through.
fn write_recovery_key(app: &App, out: &Path, key: &SecretString) -> Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(out)
        .with_context(|| {
            format!(
                "could not make {} (it must be a new file), so nothing was changed",
                out.display()
            )
        })?;
    crate::platform::make_file_private(&file)
        .with_context(|| format!("could not make {} private", out.display()))?;
    let text = zeroize::Zeroizing::new(format!(
        "# The recovery key for the tend journal {}.\n\
         # It opens every entry if the passphrase is lost: keep it printed or in a\n\
         # password manager, never beside the journal. `age -d -i THIS_FILE ENTRY.toml.age`\n\
         # opens one entry with the standard age command.\n{}\n",
        app.journal.root.display(),
        key.expose_secret()
    ));
    file.write_all(text.as_bytes())
        .and_then(|_| file.sync_all())
        .with_context(|| format!("could not write {}", out.display()))?;
    errln!(
        "The recovery key is in {}. Please move it somewhere safe, away from the journal: printed, or in a password manager.",
        out.display()
    );
    Ok(())
}

fn show_and_confirm(app: &App, new: &NewKeys) -> Result<()> {
    let key = new.recovery_key();
    errln!();
    errln!("Your recovery key (it is shown only this once):");
    errln!();
    errln!("  {}", key.expose_secret());
    errln!();
    errln!(
        "It opens your journal if the passphrase is ever forgotten. Please write it down and keep it somewhere safe, \
         printed or in a password manager, never beside the journal. Without the passphrase and this key, \
         nobody can open the journal, not even you."
    );
    errln!();
    loop {
        let typed = crate::ask::text(
            app.color,
            "To be sure it is kept, type or paste the recovery key here",
        )?;
        if new.is_recovery_key(&typed) {
            return Ok(());
        }
        errln!(
            "That is not quite the same key, so nothing has been changed yet. Please look again and try once more (Ctrl-C stops, changing nothing)."
        );
    }
}

/// The index is derived: removed before converting (so no plain copy of
/// words stays behind) and rebuilt after.
fn remove_index(app: &App) -> Result<()> {
    let index = app.journal.root.join("index");
    app.journal.guard(&index.join("x"))?;
    match fs::remove_dir_all(&index) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("could not remove the index {}", index.display()))
        }
        _ => Ok(()),
    }
}

pub fn decrypt(app: &App) -> Result<()> {
    let journal = &app.journal;
    let keys = KeyDir::new(journal);
    let sealed_left = !convert::pending(journal, Direction::Open).is_empty();
    if !journal.is_encrypted()? && !sealed_left {
        outln!("This journal is not encrypted, so there is nothing to do.");
        return Ok(());
    }
    KeyringCache::new(app.config.keyring, journal).forget();
    let unlocked = journal.unlocked()?;
    let lock = journal.lock()?;
    remove_index(app)?;
    let n = convert::convert_all(journal, &unlocked, Direction::Open)?;
    // The marker last: until every file is plain, writers keep sealing.
    match fs::remove_file(keys.marker_path()) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e)
                .with_context(|| format!("could not remove {}", keys.marker_path().display()));
        }
        _ => {}
    }
    crate::platform::sync_dir(&keys.dir());
    // A check-in sealed between the last sweep and the marker going.
    convert::convert_all(journal, &unlocked, Direction::Open)?;
    remove_index(app)?;
    drop(lock);
    Index::rebuild(journal);
    outln!(
        "The journal is plain files again: {n} file{} opened.",
        if n == 1 { "" } else { "s" }
    );
    outln!(
        "The key files stay in {} so that `tend encrypt` later uses the same recovery key; \
         delete that folder if you would rather they went.",
        keys.dir().display()
    );
    Ok(())
}

pub fn key(app: &App, command: KeyCommand) -> Result<()> {
    let journal = &app.journal;
    let keys = KeyDir::new(journal);
    if !keys.has_keys() {
        bail!(
            "this journal has no keys ({} is not there); `tend encrypt` makes them",
            keys.identity_path().display()
        );
    }
    KeyringCache::new(app.config.keyring, journal).forget();
    match command {
        KeyCommand::Passphrase => {
            let unlocked = journal.unlocked()?;
            let new = passphrase::for_changing(app.color)?;
            keys.set_passphrase(&unlocked, &new)?;
            outln!(
                "The passphrase is changed; no entry was touched. An old copy of key/identity.age in a backup still opens with the old passphrase."
            );
        }
        KeyCommand::Recover { recovery_key_file } => {
            let typed = match recovery_key_file {
                Some(file) => {
                    let text = zeroize::Zeroizing::new(
                        fs::read_to_string(&file)
                            .with_context(|| format!("could not read {}", file.display()))?,
                    );
                    // The key line, comments aside.
                    let line = text
                        .lines()
                        .map(str::trim)
                        .find(|l| !l.is_empty() && !l.starts_with('#'))
                        .unwrap_or("")
                        .to_string();
                    SecretString::from(line)
                }
                None => {
                    if !App::interactive() {
                        return Err(Fail::usage(
                            "there is no terminal to ask for the recovery key; give --recovery-key-file FILE",
                        ));
                    }
                    let typed = crate::ask::secret(
                        app.color,
                        "Recovery key (AGE-SECRET-KEY-1…; pasting is fine)",
                        None,
                        |_| Ok(()),
                    )?;
                    SecretString::from(typed.as_str())
                }
            };
            let unlocked = keys.open_with_recovery_key(&typed)?;
            let new = passphrase::for_setting(app.color)?;
            keys.set_passphrase(&unlocked, &new)?;
            outln!("The journal opens with your new passphrase now; no entry was touched.");
        }
        KeyCommand::Recovery { recovery_key_out } => {
            change_keys(app, Change::Recovery(recovery_key_out))?;
        }
        KeyCommand::Rotate => change_keys(app, Change::Rotate)?,
    }
    Ok(())
}

enum Change {
    Rotate,
    Recovery(Option<std::path::PathBuf>),
}

/// `tend key rotate` and `tend key recovery`: record the new key ring, put
/// it in place, re-encrypt every file one at a time (the same converter as
/// `tend encrypt`), then remove the record. The order, and why a kill at
/// any moment is safe, is on [`KeyDir::begin_change`]. A rerun finds the
/// record and finishes with the same keys.
fn change_keys(app: &App, change: Change) -> Result<()> {
    let journal = &app.journal;
    let keys = KeyDir::new(journal);
    if let Some(config) = convert::git_remote_above(&journal.root) {
        return Err(Fail::usage(format!(
            "the journal is in a git repository with a remote ({}). Changing keys re-encrypts every file, \
             which the other computers cannot merge, so nothing was changed. To change keys in a synced journal: \
             tend sync on every computer; here, `git -C {} remote remove origin`, then this command again, \
             then `tend sync init NEW-EMPTY-REMOTE`; on each other computer, move the journal folder aside and \
             `tend sync init NEW-EMPTY-REMOTE`. The README's section on sync says more.",
            config.display(),
            journal.root.display()
        )));
    }
    if let Change::Recovery(out) = &change {
        match out {
            Some(out) => refuse_inside_journal(app, out)?,
            None if !App::interactive() => {
                return Err(Fail::usage(
                    "there is no terminal to show the new recovery key on. Give --recovery-key-out FILE (a new file outside the journal) \
                     and set TEND_PASSPHRASE_COMMAND to a command that prints the passphrase. Nothing was changed.",
                ));
            }
            None => {}
        }
    }
    let typed = passphrase::for_unlocking(app.color)?;
    let current = keys.unlock(&typed)?;
    let passphrase = crate::crypt::NewPassphrase::new(typed)?;
    let lock = journal.lock()?;
    let next = match keys.pending_change(&current)? {
        Some(next) => {
            errln!(
                "A change of keys was started earlier and not finished ({} is there); finishing it with the same keys.",
                keys.next_path().display()
            );
            next
        }
        None => {
            if let Some(changed) = current.recipients_changed() {
                return Err(changed.clone().into());
            }
            let next = match &change {
                Change::Rotate => current.ring().rotated(),
                Change::Recovery(out) => {
                    let new = NewKeys::new_recovery(&current);
                    match out {
                        Some(out) => write_recovery_key(app, out, &new.recovery_key())?,
                        None => show_and_confirm(app, &new)?,
                    }
                    new.into_ring()
                }
            };
            keys.begin_change(&current, &next)?;
            next
        }
    };
    let unlocked = journal.keep_unlocked(keys.switch_to(next, &passphrase)?);
    remove_index(app)?;
    let n = convert::convert_all(journal, &unlocked, Direction::Reseal)?;
    if journal.is_encrypted()? {
        // Anything an older tend left in the clear.
        convert::convert_all(journal, &unlocked, Direction::Seal)?;
    }
    keys.finish_change()?;
    drop(lock);
    Index::rebuild(journal);
    let files = format!("{n} file{}", if n == 1 { "" } else { "s" });
    match change {
        Change::Rotate => outln!(
            "The journal has a new key: {files} re-encrypted. The old key is kept inside key/identity.age only to open old backups."
        ),
        Change::Recovery(_) => outln!(
            "The journal has a new recovery key: {files} re-encrypted, so the old recovery key opens none of them. \
             (Old backups still open with the old recovery key.)"
        ),
    }
    Ok(())
}

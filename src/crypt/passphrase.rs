//! Where a passphrase comes from: the terminal (never echoed), or a command
//! named in `TEND_PASSPHRASE_COMMAND` that prints it, as password managers
//! provide. Never an environment variable holding the passphrase itself:
//! those leak into child processes, `/proc` and crash reports.

use std::io::Read;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::Duration;

use age::secrecy::{ExposeSecret, SecretString};
use anyhow::{Result, anyhow, bail};
use zeroize::Zeroizing;

use crate::fail::Fail;

/// The environment variable naming a command that prints the passphrase.
pub const COMMAND_VAR: &str = "TEND_PASSPHRASE_COMMAND";

/// How long the passphrase command may take (a password manager may ask
/// its own question first).
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// The fewest characters a new passphrase may have.
pub const MIN_CHARS: usize = 12;

/// A passphrase fit to set: at least [`MIN_CHARS`] characters. Only this
/// type can wrap the journal key, so a short one cannot be set by any path.
pub struct NewPassphrase(SecretString);

impl NewPassphrase {
    pub fn new(passphrase: SecretString) -> Result<NewPassphrase> {
        check_length(passphrase.expose_secret()).map_err(|why| anyhow!(why))?;
        Ok(NewPassphrase(passphrase))
    }
    pub fn secret(&self) -> &SecretString {
        &self.0
    }
}

fn check_length(passphrase: &str) -> std::result::Result<(), String> {
    if passphrase.chars().count() < MIN_CHARS {
        return Err(format!(
            "that passphrase is shorter than {MIN_CHARS} characters. A few ordinary words you will remember, \
             with spaces between them, make one that is both long enough and easy to type."
        ));
    }
    Ok(())
}

/// The passphrase to unlock the journal: from the command if one is set,
/// else asked once in the terminal.
pub fn for_unlocking(color: bool) -> Result<SecretString> {
    if let Some(command) = command() {
        return from_command(&command, COMMAND_TIMEOUT);
    }
    need_terminal()?;
    let typed = crate::ask::secret(color, "Passphrase for this journal", None, |_| Ok(()))?;
    Ok(SecretString::from(typed.as_str()))
}

/// A new passphrase: from `TEND_PASSPHRASE_COMMAND` (run twice; both must
/// match), else asked twice in the terminal.
pub fn for_setting(color: bool) -> Result<NewPassphrase> {
    new_from(COMMAND_VAR, color)
}

/// The environment variable naming a command that prints a new passphrase
/// when one is already set (`tend key passphrase` without a terminal).
pub const NEW_COMMAND_VAR: &str = "TEND_NEW_PASSPHRASE_COMMAND";

/// A passphrase to replace the current one: from
/// `TEND_NEW_PASSPHRASE_COMMAND`, else asked twice in the terminal.
pub fn for_changing(color: bool) -> Result<NewPassphrase> {
    new_from(NEW_COMMAND_VAR, color)
}

fn new_from(var: &str, color: bool) -> Result<NewPassphrase> {
    if let Some(command) = std::env::var(var).ok().filter(|c| !c.trim().is_empty()) {
        let first = from_command(&command, COMMAND_TIMEOUT)?;
        let second = from_command(&command, COMMAND_TIMEOUT)?;
        if first.expose_secret() != second.expose_secret() {
            bail!(
                "{var} printed two different passphrases when run twice, so none was set; \
                 it needs to print the same one each time"
            );
        }
        return NewPassphrase::new(first);
    }
    if !crate::app::App::interactive() {
        return Err(Fail::usage(format!(
            "there is no terminal to ask for the new passphrase. Set {var} to a command that prints it."
        )));
    }
    let typed = crate::ask::secret(
        color,
        "New passphrase",
        Some((
            "The same passphrase again",
            "Those two were not the same, so nothing was set yet. Let's try once more.",
        )),
        check_length,
    )?;
    NewPassphrase::new(SecretString::from(typed.as_str()))
}

fn command() -> Option<String> {
    std::env::var(COMMAND_VAR)
        .ok()
        .filter(|c| !c.trim().is_empty())
}

fn need_terminal() -> Result<()> {
    if !crate::app::App::interactive() {
        return Err(Fail::usage(format!(
            "the journal is encrypted and there is no terminal to ask for its passphrase, so nothing was read or written. \
             Set {COMMAND_VAR} to a command that prints it (for example from a password manager)."
        )));
    }
    Ok(())
}

/// Runs `command` through the person's shell (cmd.exe on Windows) and takes what it prints as the
/// passphrase, less one trailing newline. Its output is never echoed nor put
/// in an error; its errors go straight to the terminal.
pub fn from_command(command: &str, timeout: Duration) -> Result<SecretString> {
    let mut child = crate::platform::command_line(command)
        .stdin(Stdio::inherit())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| anyhow!("could not run {COMMAND_VAR} ({e})"))?;
    let mut stdout = child.stdout.take().expect("stdout was piped");
    let (tx, rx) = mpsc::channel();
    // Read on another thread so a command that never ends cannot hold tend.
    std::thread::spawn(move || {
        let mut out = Zeroizing::new(Vec::new());
        let read = stdout.read_to_end(&mut out).map(|_| out);
        let _ = tx.send(read);
    });
    let output = match rx.recv_timeout(timeout) {
        Ok(read) => read.map_err(|e| anyhow!("could not read what {COMMAND_VAR} printed ({e})"))?,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{COMMAND_VAR} gave no passphrase within {} seconds, so it was stopped and the journal stays locked",
                timeout.as_secs()
            );
        }
    };
    let status = child
        .wait()
        .map_err(|e| anyhow!("could not run {COMMAND_VAR} ({e})"))?;
    if !status.success() {
        bail!("{COMMAND_VAR} ended with {status}, so the journal stays locked");
    }
    let mut text = match std::str::from_utf8(&output) {
        Ok(text) => Zeroizing::new(text.to_string()),
        Err(_) => bail!("{COMMAND_VAR} printed something that is not text, so it was not used"),
    };
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    if text.is_empty() {
        bail!("{COMMAND_VAR} printed nothing, so there is no passphrase to use");
    }
    Ok(SecretString::from(text.as_str()))
}

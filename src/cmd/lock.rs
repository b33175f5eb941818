//! `tend lock`: forget the journal key kept in the keyring.

use anyhow::Result;

use crate::app::App;
use crate::crypt::cache::{Cleared, KeyringCache};

pub fn run(app: &App) -> Result<()> {
    let cache = KeyringCache::new(app.config.keyring, &app.journal);
    match cache.clear()? {
        Cleared::Removed => outln!(
            "Locked: your keyring no longer keeps this journal's key, so the next command that needs your words asks for the passphrase."
        ),
        Cleared::NothingKept => outln!(
            "Already locked: your keyring keeps no key for this journal, so there was nothing to clear."
        ),
        Cleared::Off => match crate::platform::NO_KEYRING.filter(|_| app.config.keyring) {
            Some(why) => outln!("Nothing to clear: {why}."),
            None => outln!(
                "Nothing to clear: tend keeps no key in your keyring unless `keyring = true` is in {}.",
                app.config.path.display()
            ),
        },
    }
    Ok(())
}

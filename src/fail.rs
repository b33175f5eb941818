//! The one marker error that carries an exit code. Everything else is an
//! `anyhow::Error` and exits with 1.

use std::fmt;
use std::sync::Mutex;

#[derive(Debug)]
pub struct Fail {
    pub code: i32,
    pub message: String,
}

impl Fail {
    /// Exit 2: the command cannot run as asked (no terminal, nothing to save).
    pub fn usage(message: impl Into<String>) -> anyhow::Error {
        Fail {
            code: 2,
            message: message.into(),
        }
        .into()
    }
    /// Exit 130: stopped with Ctrl-C, after everything typed so far is safe.
    pub fn interrupted(message: impl Into<String>) -> anyhow::Error {
        Fail {
            code: 130,
            message: message.into(),
        }
        .into()
    }
}

/// Held by whoever is ending tend with an error: the main thread, or the
/// signal handler's thread (see `ask::catch_signals`). Both can get there
/// from one Ctrl-C; the first speaks and ends the process, and the other
/// waits here until it has.
static EXITING: Mutex<()> = Mutex::new(());

impl Fail {
    /// Says what went wrong and ends tend with its exit code.
    pub fn exit(err: anyhow::Error) -> ! {
        let _one = EXITING.lock().unwrap_or_else(|e| e.into_inner());
        let code = err.downcast_ref::<Fail>().map_or(1, |f| f.code);
        if code == 130 {
            // Stopped mid-prompt: end its unfinished line before the message.
            errln!();
        }
        errln!("tend: {err:#}");
        std::process::exit(code);
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fail {}

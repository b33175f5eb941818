//! The one marker error that carries an exit code. Everything else is an
//! `anyhow::Error` and exits with 1.

use std::fmt;

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

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fail {}

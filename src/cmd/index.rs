//! `tend index`: check every file against the index, or rebuild it.

use anyhow::Result;

use crate::app::{App, Problems};
use crate::cli::IndexArgs;
use crate::journal::index::{Depth, Index};
use crate::summary::render::plural;

pub fn run(app: &App, args: IndexArgs) -> Result<()> {
    let index = if args.rebuild {
        // Rebuilding reads every entry: an encrypted one asks first.
        app.unlock_if_encrypted()?;
        Index::rebuild(&app.journal)
    } else {
        app.index(Depth::Thorough, Problems::Warn)?
    };
    let s = &index.state;
    outln!(
        "The index covers {} in {} ({} unreadable); {} {}.",
        plural(s.entries, "entry", "entries"),
        plural(index.months(), "month folder", "month folders"),
        s.unreadable,
        if index.rebuilt {
            "rebuilt"
        } else {
            "refreshed"
        },
        match index.refreshed_months {
            0 => "nothing: it was up to date".to_string(),
            1 => "1 month".to_string(),
            n => format!("{n} months"),
        }
    );
    Ok(())
}

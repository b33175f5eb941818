//! `tend index`: check every file against the index, or rebuild it.

use anyhow::Result;

use crate::app::{App, Problems};
use crate::cli::IndexArgs;
use crate::journal::index::{Depth, Index};

pub fn run(app: &App, args: IndexArgs) -> Result<()> {
    let index = if args.rebuild {
        Index::rebuild(&app.journal)
    } else {
        app.index(Depth::Thorough, Problems::Warn)
    };
    let s = &index.state;
    outln!(
        "The index covers {} entries in {} month folder{} ({} unreadable); {} {}.",
        s.entries,
        index.months(),
        if index.months() == 1 { "" } else { "s" },
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

//! What every command needs to know about this run: the config, the journal
//! folder, the clock, and whether output may be coloured.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::config::{ColorChoice, Config, config_path};
use crate::journal::Journal;
use crate::journal::index::{Depth, Index};
use crate::prompts::Packs;
use crate::time;

pub struct App {
    pub config: Config,
    pub journal: Journal,
    pub now: DateTime<FixedOffset>,
    pub color: bool,
}

impl App {
    /// `dir` comes from `--dir` or `TEND_DIR` (clap reads both).
    pub fn new(dir: Option<PathBuf>) -> Result<App> {
        let config = Config::load(&config_path())?;
        config.warn_unknown_keys();
        let root = dir.or_else(|| config.dir.clone()).unwrap_or_else(|| {
            dirs::data_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("tend")
        });
        let color = match config.color {
            ColorChoice::Never => false,
            ColorChoice::Always => true,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color && std::io::stderr().is_terminal());
        Ok(App {
            config,
            journal: Journal::new(root),
            now: time::now()?,
            color,
        })
    }

    /// Today as a journal day (after `day_starts`).
    pub fn today(&self) -> NaiveDate {
        time::journal_day(&self.now, self.config.day_starts)
    }

    /// The index, checked at `depth`; problems with entry files are reported
    /// on stderr here, once, for every command.
    pub fn index(&self, depth: Depth) -> Index {
        let index = Index::open(&self.journal, depth, &self.now);
        for (_, reason) in index.problems() {
            eprintln!("tend: skipped an entry it could not read (left untouched): {reason}");
        }
        index
    }

    pub fn packs(&self) -> Result<Packs> {
        Packs::load(Some(&self.config.user_prompts_dir()))
    }

    /// Both ends of the conversation are a terminal: questions can be asked.
    pub fn interactive() -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }
}

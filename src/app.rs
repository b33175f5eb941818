//! What every command needs to know about this run: the config, the journal
//! folder, the clock, and whether output may be coloured.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use chrono::{DateTime, Duration, FixedOffset, Months, NaiveDate};

use crate::cli::PeriodArgs;
use crate::config::{ColorChoice, Config, config_path};
use crate::journal::Journal;
use crate::journal::index::{Depth, Index};
use crate::journal::state::State;
use crate::model::By;
use crate::prompts::Packs;
use crate::summary;
use crate::time;

/// Who tells the person about entry files the index could not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problems {
    /// A warning on stderr, before the command's own output.
    Warn,
    /// The command reports them itself (the summary's unreadable list,
    /// doctor's findings) or must stay silent (the status line).
    Shown,
}

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
        App::with_config(dir, config)
    }

    /// For `tend status`, which must answer even when the config file has a
    /// problem: the app with every default, and the problem, if there is one.
    pub fn new_or_fallback(dir: Option<PathBuf>) -> Result<(App, Option<anyhow::Error>)> {
        match Config::load(&config_path()) {
            Ok(config) => Ok((App::with_config(dir, config)?, None)),
            Err(e) => Ok((
                App::with_config(dir, Config::fallback(&config_path()))?,
                Some(e),
            )),
        }
    }

    fn with_config(dir: Option<PathBuf>, config: Config) -> Result<App> {
        let from = match (&dir, &config.dir) {
            (Some(_), _) => "--dir or TEND_DIR".to_string(),
            (None, Some(_)) => format!("dir in {}", config.path.display()),
            (None, None) => "the usual place".to_string(),
        };
        let root = dir.or_else(|| config.dir.clone()).unwrap_or_else(|| {
            // The local (not roaming) data folder: the same as the data
            // folder on Linux and macOS; on Windows, %LOCALAPPDATA%, which a
            // roaming profile does not copy to a server.
            dirs::data_local_dir()
                .unwrap_or_else(|| PathBuf::from("."))
                .join("tend")
        });
        // A file where the journal should be is a mistake to name, not an
        // empty journal to show.
        if root.exists() && !root.is_dir() {
            return Err(crate::fail::Fail::usage(format!(
                "the journal should be a folder, but {} (from {from}) is a file; point tend at a folder, or at one that does not exist yet",
                root.display()
            )));
        }
        let color = !crate::output::plain()
            && match config.color {
                ColorChoice::Never => false,
                ColorChoice::Always => true,
                ColorChoice::Auto => {
                    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                        && std::io::stdout().is_terminal()
                }
            };
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color && std::io::stderr().is_terminal());
        let mut journal = Journal::new(root);
        journal.keyring = config.keyring;
        Ok(App {
            config,
            journal,
            now: time::now()?,
            color,
        })
    }

    /// Today as a journal day (after `day_starts`).
    pub fn today(&self) -> NaiveDate {
        time::journal_day(&self.now, self.config.day_starts)
    }

    /// When a new entry is made: now, or for `--date DAY`, that journal day
    /// at this time of day. A day after today is refused: an entry says what
    /// happened, so it cannot be for a day that hasn't come yet.
    pub fn created_at(&self, date: Option<&str>) -> Result<DateTime<FixedOffset>> {
        let Some(typed) = date else {
            return Ok(self.now);
        };
        let today = self.today();
        let day = time::parse_day(typed, today)?;
        if day > today {
            anyhow::bail!(
                "--date {}: {} hasn't come yet (today is {}); an entry can be for today or an earlier day. Nothing was written.",
                typed.trim(),
                time::day_name(day),
                time::day_name(today)
            );
        }
        Ok(time::backdate(&self.now, day, self.config.day_starts))
    }

    /// The index, checked at `depth`: the one way every command opens it.
    /// Problems with entry files are reported on stderr here, once, unless
    /// the command shows them in its own output. An encrypted journal is
    /// unlocked first (the index is sealed too), so a wrong passphrase stops
    /// the command before anything is read or written.
    pub fn index(&self, depth: Depth, problems: Problems) -> Result<Index> {
        self.unlock_if_encrypted()?;
        let index = Index::open(&self.journal, depth, &self.now);
        if problems == Problems::Warn {
            for (_, reason) in index.problems() {
                errln!(
                    "tend: skipped an entry it could not read (left untouched): {}",
                    crate::output::Shown(reason.as_str())
                );
            }
        }
        Ok(index)
    }

    /// Asks for the passphrase now if the journal is encrypted (once per
    /// command; later reads and writes use the same keys).
    pub fn unlock_if_encrypted(&self) -> Result<()> {
        if self.journal.is_encrypted()? {
            self.journal.unlocked()?;
        }
        Ok(())
    }

    /// The watch list: the names the journal keeps (`tend watch`; sealed in
    /// an encrypted journal, so reading them unlocks it) and any still in
    /// the config's `watch_list`. Both count, so the identifier check never
    /// looks for fewer names than the leader gave it.
    pub fn watch_list(&self) -> Result<Vec<String>> {
        let mut names = self.config.watch_list.clone();
        for name in crate::journal::settings::load(&self.journal)?.watch_list {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
                names.push(name);
            }
        }
        Ok(names)
    }

    pub fn packs(&self) -> Result<Packs> {
        Packs::load(Some(&self.config.user_prompts_dir()))
    }

    /// Both ends of the conversation are a terminal: questions can be asked.
    pub fn interactive() -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    /// The days and grouping a summary or an export covers: `--since`/`--until`
    /// (inclusive, never past today), `--all`, or by default the last 12 weeks
    /// (or months, with `--by month`).
    pub fn period(&self, state: &State, args: &PeriodArgs) -> Result<(NaiveDate, NaiveDate, By)> {
        let today = self.today();
        let by = args.by;
        // Days still to come have nothing to say yet; "of N days" counts only
        // days that have happened.
        let typed_until = match &args.until {
            Some(u) => time::parse_days(u, today)?.last,
            None => today,
        };
        let until = typed_until.min(today);
        // A journal begun within the period asked for starts on its first
        // day, so a newcomer isn't shown weeks they never had (the summary
        // says so). That is the default, `--all`, and a named period ("last
        // month", "2026-11"); a single day typed is taken as typed.
        let first = state.first_day(self.config.day_starts);
        let (asked, named) = if args.all {
            (first.unwrap_or(today).min(until), true)
        } else if let Some(s) = &args.since {
            let days = time::parse_days(s, today)?;
            (days.first, days.first < days.last)
        } else {
            let default = match by {
                By::Week => summary::period_start(until, By::Week) - Duration::weeks(11),
                By::Month => time::first_of_month(until)
                    .checked_sub_months(Months::new(11))
                    .unwrap_or(until),
            };
            (default, true)
        };
        let since = match first {
            Some(f) if named && asked < f && f <= until => f,
            Some(_) | None => asked,
        };
        if since > typed_until {
            anyhow::bail!(
                "--since ({since}) is after --until ({typed_until}); there is nothing in between"
            );
        }
        if since > today {
            anyhow::bail!("{since} hasn't come yet; a summary covers days up to today ({today})");
        }
        Ok((since, until, by))
    }
}

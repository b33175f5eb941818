//! `tend summary`: the journal over weeks and months, headline first, on
//! one screen unless `--detail` asks for every part in full.

use anyhow::Result;

use crate::app::{App, Problems};
use crate::cli::{SummaryArgs, SummaryFormat};
use crate::journal::facts::Facts;
use crate::journal::index::Depth;
use crate::model::Kind;
use crate::output;
use crate::summary::{self, Settings, brief, render};
use crate::time;

pub fn run(app: &App, args: SummaryArgs) -> Result<()> {
    // A whole-journal command: every file is checked against the index.
    let index = app.index(Depth::Thorough, Problems::Shown)?;
    let state = index.state.clone();
    let (since, until, by) = app.period(&state, &args.period)?;
    let mut settings = Settings::from(&app.config);
    settings.watch_list = app.watch_list()?;
    // Only the months the period (and what it looks back on) needs are read.
    let span = summary::Span { since, until, by };
    let from = summary::first_month(
        span,
        app.today(),
        args.calendar,
        args.period.all || settings.streaks,
    );
    let (facts, months) = index.into_parts(from.as_deref());
    let s = summary::build(
        summary::Loaded {
            facts: &facts,
            months: &months,
            state: &state,
        },
        span,
        &settings,
        &app.now,
        false,
    );
    if args.calendar {
        // The grid shows a whole year, whatever the period.
        let readable: Vec<&Facts> = facts.iter().filter(|f| f.problem.is_none()).collect();
        let daily = summary::motivation::daily(&readable, &settings)
            .into_iter()
            .map(|(d, v)| (d, summary::round1(v)))
            .collect();
        let days: Vec<_> = facts
            .iter()
            .filter(|f| f.kind == Some(Kind::Checkin))
            .map(|f| time::journal_day(&f.created, app.config.day_starts))
            .collect();
        let grid = render::calendar(&daily, &days, until);
        output::page(&match args.format {
            SummaryFormat::Markdown => format!(
                "# Journal days to {}\n\n```\n{grid}```\n",
                until.format("%-d %b %Y")
            ),
            // The grid is text; JSON has the daily values in `motivation.daily`.
            SummaryFormat::Table | SummaryFormat::Json => format!(
                "Journal days, the year to {}\n\n{grid}",
                until.format("%-d %b %Y")
            ),
        })?;
        return Ok(());
    }
    match args.format {
        SummaryFormat::Json => {
            outln!("{}", output::json(&s)?);
        }
        SummaryFormat::Markdown => output::page(&render::markdown(&s))?,
        SummaryFormat::Table if args.detail => {
            output::page(&render::table(&s, output::width()))?;
        }
        SummaryFormat::Table => output::page(&brief::one_screen(&s, output::width()))?,
    }
    // The process ends next; freeing every entry's facts one by one would
    // cost about a tenth of an all-time summary for nothing.
    std::mem::forget(facts);
    std::mem::forget(months);
    Ok(())
}

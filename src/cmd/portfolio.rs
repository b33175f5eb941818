//! `tend portfolio`: on one screen, the evidence the journal holds for
//! appraisal or revalidation, each line with the command that shows or
//! exports it. Progress words only, and only when a regulator is set.

use anyhow::Result;
use console::style;

use crate::app::App;
use crate::cli::PortfolioArgs;
use crate::evidence::{Evidence, Item, targets, window};
use crate::journal::id;
use crate::output;

/// How many entries of each kind are named before "and N more".
const SHOWN: usize = 3;

pub fn run(app: &App, args: PortfolioArgs) -> Result<()> {
    let w = window(app, args.since.as_deref())?;
    let e = Evidence::gather(app, w)?;
    let width = output::width();
    outln!(
        "{}",
        style("Your evidence for appraisal or revalidation").bold()
    );
    out!("{}", output::wrap(&e.window.sentence, "", "", width));
    let t = targets(app.config.regulator);
    // With targets, "2 of 5 pieces recorded so far"; once the target is
    // reached, "6 pieces recorded (5 asked for)", never "6 of 5"; without
    // targets, "2 pieces".
    let of = |n: usize, target: Option<usize>, one: &str, many: &str, rest: &str| match target {
        Some(t) if n < t => format!(
            "{n} of {t} {} {rest}, recorded so far",
            if t == 1 { one } else { many }
        ),
        Some(t) => format!(
            "{n} {} {rest} recorded ({t} asked for)",
            if n == 1 { one } else { many }
        ),
        None => format!("{n} {} {rest}", if n == 1 { one } else { many }),
    };

    outln!();
    outln!("{}", style("CPD").bold());
    let hours = if e.cpd.is_empty() {
        "none recorded yet (`tend read --after` asks for hours)".to_string()
    } else {
        super::cpd::totals(&e)
    };
    outln!("  {hours}");
    if let Some(p) = super::cpd::progress(app, &e) {
        outln!("  {p}");
    }
    outln!("  {}", style("Each item: tend cpd").dim());

    section(
        "Feedback",
        &of(
            e.feedback.len(),
            t.as_ref().map(|t| t.feedback),
            "piece",
            "pieces",
            "of feedback",
        ),
        &e.feedback,
        |i| {
            format!(
                "from: {}",
                if i.words.is_empty() {
                    "not said"
                } else {
                    &i.words
                }
            )
        },
        "Record one: tend checkin --pack feedback · all of them: tend list --kind feedback -n 0",
        width,
    );
    let first = e.accounts.last().map_or("ID", |i| id::handle(&i.id));
    section(
        "Ready to become a reflective account",
        &of(
            e.accounts.len(),
            t.as_ref().map(|t| t.accounts),
            "entry",
            "entries",
            "with something learned and a change or a step",
        ),
        &e.accounts,
        |i| i.words.clone(),
        &format!(
            "Write one up: tend export --format account --entry {first} --level {}",
            e.account_level.unwrap_or(crate::prompts::Level::Learning)
        ),
        width,
    );
    section(
        "Reflective discussions",
        &of(
            e.discussions.len(),
            t.as_ref().map(|t| t.discussions),
            "discussion",
            "discussions",
            "(who you talked a reading over with)",
        ),
        &e.discussions,
        |i| format!("with {}", i.words),
        "Each one: tend show HANDLE",
        width,
    );
    outln!();
    out!(
        "{}",
        style(output::wrap(
            "This is your own record, not an official one; your regulator's forms are on its own website (for nurses and midwives, the NMC's revalidation pages).",
            "",
            "",
            width
        ))
        .dim()
    );
    Ok(())
}

/// A heading with its count, the newest few items, and the command.
fn section(
    title: &str,
    count: &str,
    items: &[Item],
    words: impl Fn(&Item) -> String,
    command: &str,
    width: usize,
) {
    outln!();
    outln!("{}", style(title).bold());
    outln!("  {count}");
    for i in items.iter().rev().take(SHOWN) {
        let line = format!(
            "{}  {}  {}",
            i.day.format("%-d %b %Y"),
            id::handle(&i.id),
            words(i)
        );
        outln!("  {}", output::shorten(&line, width.saturating_sub(2)));
    }
    if items.len() > SHOWN {
        outln!("  and {} more", items.len() - SHOWN);
    }
    outln!("  {}", style(command).dim());
}

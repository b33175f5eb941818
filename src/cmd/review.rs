//! `tend review`: for coaches, several leaders' JSON exports: a triage row
//! per leader, or one leader in depth. A file that cannot be reviewed is
//! named with why and left out; the rest are still shown. The coach's logic
//! lives in `crate::coach`; this only reads the files and prints.

use anyhow::{Result, bail};

use crate::cli::{ReviewArgs, ReviewFormat, ReviewSort};
use crate::coach::depth::Depth;
use crate::coach::triage::{self, Order};
use crate::coach::{self, Leader, page, text};
use crate::output;

pub fn run(args: ReviewArgs) -> Result<()> {
    if args.cohort {
        return super::cohort::run(&args);
    }
    let mut leaders = Vec::new();
    let mut problems = Vec::new();
    // Files are read on every core: with many leaders, parsing is the time.
    for read in crate::cores::on_all_cores(&args.files, |f| coach::read(f).map(Leader::from)) {
        match read {
            Ok(l) => leaders.push(l),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    for p in &problems {
        errln!("tend: left out {p}");
    }
    if leaders.is_empty() {
        bail!("none of the files could be reviewed");
    }
    let order = match args.sort {
        ReviewSort::Noticed => Order::Noticed,
        ReviewSort::Name => Order::Name,
    };
    let today = crate::time::now()?.date_naive();
    let notes = triage::notes(&leaders, today);
    let in_order: Vec<&Leader> = triage::order(&leaders, order)
        .into_iter()
        .map(|i| &leaders[i])
        .collect();
    let depths: Vec<Depth> = match &args.leader {
        Some(label) => {
            let found: Vec<Depth> = in_order
                .iter()
                .filter(|l| l.label == *label)
                .map(|l| Depth::of(l))
                .collect();
            if found.is_empty() {
                let labels: Vec<&str> = in_order.iter().map(|l| l.label.as_str()).collect();
                bail!(
                    "no export here is labelled \"{label}\"; the labels are {}",
                    labels.join(", ")
                );
            }
            found
        }
        None if args.detail || args.format != ReviewFormat::Table => {
            in_order.iter().map(|l| Depth::of(l)).collect()
        }
        None => Vec::new(),
    };
    let rows = triage::rows(&leaders, order);
    let o = match args.format {
        ReviewFormat::Markdown => text::markdown(&rows, &notes, &depths),
        ReviewFormat::Html => page::html(&rows, &notes, &depths),
        ReviewFormat::Json => bail!(
            "--format json is for the cohort view (--cohort); a coach's review is table, markdown or html"
        ),
        ReviewFormat::Table => {
            let width = output::width();
            if args.leader.is_some() {
                depths
                    .iter()
                    .map(|d| text::depth(d, width))
                    .collect::<Vec<_>>()
                    .join("\n")
            } else {
                let mut o = text::triage(&rows, &notes, width);
                for d in &depths {
                    o += "\n";
                    o += &text::depth(d, width);
                }
                o
            }
        }
    };
    output::page(&o)?;
    Ok(())
}

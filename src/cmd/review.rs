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
    // Whose depth is shown: one leader's, everyone's, or no one's.
    let wants = |l: &Leader| match &args.leader {
        Some(label) => l.label == *label,
        None => args.detail || args.format != ReviewFormat::Table,
    };
    // Files are read on every core (with many leaders, parsing is the
    // time), and a leader's depth is drawn while their JSON is at hand; the
    // JSON is then let go, so memory holds what is shown, not every file.
    let each = crate::cores::on_all_cores(&args.files, |f| {
        coach::read(f).map(|r| {
            let mut l = Leader::from(r);
            let depth = wants(&l).then(|| Depth::of(&l));
            l.json = serde_json::Value::Null;
            l.words = Vec::new();
            (l, depth)
        })
    });
    let mut leaders = Vec::new();
    let mut depth_of = Vec::new();
    let mut problems = Vec::new();
    for read in each {
        match read {
            Ok((l, d)) => {
                leaders.push(l);
                depth_of.push(d);
            }
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
    let depths: Vec<Depth> = triage::order(&leaders, order)
        .into_iter()
        .filter_map(|i| depth_of[i].take())
        .collect();
    if let Some(label) = &args.leader
        && depths.is_empty()
    {
        let labels: Vec<&str> = triage::order(&leaders, order)
            .into_iter()
            .map(|i| leaders[i].label.as_str())
            .collect();
        bail!(
            "no export here is labelled \"{label}\"; the labels are {}",
            labels.join(", ")
        );
    }
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

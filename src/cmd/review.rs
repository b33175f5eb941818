//! `tend review`: for coaches, several leaders' JSON exports side by side.
//! A file that is not a tend export, or is from a newer tend, is named and
//! left out; the rest are still shown.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Result, bail};
use serde_json::Value;

use crate::cli::{ReviewArgs, ReviewFormat};
use crate::export::html::esc;
use crate::model::{Behaviour, Need};
use crate::output;
use crate::summary::VERSION;
use crate::summary::render::{md_cell, sparkline_gaps};

/// One leader's export, as the review shows it.
struct Leader {
    label: String,
    level: String,
    period: String,
    days: String,
    motivation: String,
    spark: String,
    behaviours: String,
    needs: String,
    actions: String,
    readings: String,
    noticed: Vec<String>,
}

/// The export versions this tend reads. Version 1 averaged motivation over
/// ratings; version 2 over days (each day the mean of its ratings). Every
/// field review shows is read the same way from both.
const READS: [u64; 2] = [1, 2];
// A new export version must be taught to review before it ships.
const _: () = assert!(READS[READS.len() - 1] == VERSION as u64);

/// Reads one export, of any version this tend knows, into what the review
/// shows. The one place review reads a file.
fn read(path: &Path) -> Result<Leader> {
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{}: could not read it ({e})", path.display()))?;
    let v: Value = serde_json::from_slice(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: not a tend export (not JSON: {e})", path.display()))?;
    if v["schema"] != "tend.summary" || !v["export"].is_object() {
        bail!(
            "{}: not a tend export (tend export --format json makes one)",
            path.display()
        );
    }
    let version = match v["version"].as_u64() {
        Some(n) if READS.contains(&n) => n,
        Some(n) if n > VERSION as u64 => bail!(
            "{}: written by a newer tend (export version {n}; this tend reads versions {}); update tend to review it",
            path.display(),
            reads()
        ),
        Some(n) => bail!(
            "{}: export version {n}, which this tend does not know (it reads versions {})",
            path.display(),
            reads()
        ),
        None => bail!(
            "{}: a tend export without a version number ({}), so tend cannot tell how to read it",
            path.display(),
            v["version"]
        ),
    };
    let s = |x: &Value| x.as_str().unwrap_or("").to_string();
    let n = |x: &Value| x.as_f64();
    let h = &v["headline"];
    let days = match (n(&h["checkin_days"]), n(&h["days"])) {
        (Some(c), Some(d)) => format!("{c} of {d}"),
        _ => "–".into(),
    };
    // Version 1 averaged over ratings, not days: say so beside the number.
    let motivation = n(&v["motivation"]["overall"]["average"])
        .map(|a| match version {
            1 => format!("{a:.1} (per rating)"),
            _ => format!("{a:.1}"),
        })
        .unwrap_or("–".into());
    // A period with no rating keeps its place as a gap.
    let averages: Vec<Option<f64>> = v["periods"]
        .as_array()
        .map(|ps| ps.iter().map(|p| n(&p["motivation"]["average"])).collect())
        .unwrap_or_default();
    let behaviours = if v["behaviours"].is_object() {
        Behaviour::ALL
            .map(Behaviour::as_str)
            .iter()
            .map(|b| {
                format!(
                    "{} {}",
                    &b[..1].to_uppercase(),
                    n(&v["behaviours"]["counts"][*b]).unwrap_or(0.0)
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        "–".into()
    };
    let needs = if v["needs"].is_object() && n(&v["needs"]["weekly_checkins"]).unwrap_or(0.0) > 0.0
    {
        Need::ALL
            .map(Need::as_str)
            .iter()
            .map(|k| {
                format!(
                    "{} {}",
                    &k[..1].to_uppercase(),
                    n(&v["needs"]["averages"][*k])
                        .map(|x| format!("{x:.1}"))
                        .unwrap_or("–".into())
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        "–".into()
    };
    let actions = if v["actions"].is_object() {
        let opened = n(&v["actions"]["opened"]).unwrap_or(0.0);
        match n(&v["actions"]["completion"]) {
            Some(c) => format!("{:.0}% of {opened}", c * 100.0),
            None => format!("none of {opened}"),
        }
    } else {
        "–".into()
    };
    let readings = if v["readings"].is_object() {
        format!("{} open", n(&v["readings"]["open_count"]).unwrap_or(0.0))
    } else {
        "–".into()
    };
    Ok(Leader {
        label: s(&v["export"]["label"]),
        level: s(&v["export"]["level"]),
        period: format!("{} to {}", s(&v["since"]), s(&v["until"])),
        days,
        motivation,
        spark: sparkline_gaps(&averages),
        behaviours,
        needs,
        actions,
        readings,
        noticed: v["noticed"]
            .as_array()
            .map(|a| a.iter().map(|x| s(&x["text"])).collect())
            .unwrap_or_default(),
    })
}

fn reads() -> String {
    READS.map(|n| n.to_string()).join(" and ")
}

const HEADER: [&str; 10] = [
    "leader",
    "level",
    "period",
    "check-in days",
    "motivation",
    "trend",
    "behaviours (A U E H)",
    "core needs (A B C)",
    "actions done",
    "readings",
];

/// What the short forms mean.
const KEY: &str = "Behaviours: times each was reflected on (A attend, U understand, E empathise, H help). \
Core needs: averages on 1 to 5 (A autonomy, B belonging, C contribution). \
Trend: average motivation (1-10) per week or month, oldest first; a dot is a period with no rating.";

fn row(l: &Leader) -> Vec<String> {
    vec![
        l.label.clone(),
        l.level.clone(),
        l.period.clone(),
        l.days.clone(),
        l.motivation.clone(),
        l.spark.clone(),
        l.behaviours.clone(),
        l.needs.clone(),
        l.actions.clone(),
        l.readings.clone(),
    ]
}

pub fn run(args: ReviewArgs) -> Result<()> {
    let mut leaders = Vec::new();
    let mut problems = Vec::new();
    for f in &args.files {
        match read(f) {
            Ok(l) => leaders.push(l),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    for p in &problems {
        eprintln!("tend: left out {p}");
    }
    if leaders.is_empty() {
        bail!("none of the files could be reviewed");
    }
    let mut o = String::new();
    match args.format {
        ReviewFormat::Markdown => {
            o += "# Review\n\n";
            let _ = writeln!(o, "| {} |", HEADER.join(" | "));
            let _ = writeln!(o, "|{}", "---|".repeat(HEADER.len()));
            for l in &leaders {
                let _ = writeln!(
                    o,
                    "| {} |",
                    row(l)
                        .iter()
                        .map(|c| md_cell(c))
                        .collect::<Vec<_>>()
                        .join(" | ")
                );
            }
            let _ = writeln!(o, "\n_{KEY}_");
            for l in &leaders {
                let _ = write!(o, "\n## {}\n\n", md_cell(&l.label));
                if l.noticed.is_empty() {
                    o += "Nothing noticed in this period.\n";
                }
                for n in &l.noticed {
                    let _ = writeln!(o, "- {}", md_cell(n));
                }
            }
            if !problems.is_empty() {
                o += "\n## Left out\n\n";
                for p in &problems {
                    let _ = writeln!(o, "- {}", md_cell(p));
                }
            }
        }
        ReviewFormat::Html => {
            o += "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Review</title><style>body{font:15px/1.5 system-ui,sans-serif;max-width:64rem;margin:0 auto;padding:1rem;color:#1f2933}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}.scroll{overflow-x:auto}</style></head><body><h1>Review</h1><div class=\"scroll\"><table><thead><tr>";
            for h in HEADER {
                let _ = write!(o, "<th>{}</th>", esc(h));
            }
            o += "</tr></thead><tbody>";
            for l in &leaders {
                o += "<tr>";
                for c in row(l) {
                    let _ = write!(o, "<td>{}</td>", esc(&c));
                }
                o += "</tr>";
            }
            o += "</tbody></table></div>";
            let _ = write!(o, "<p>{}</p>", esc(KEY));
            for l in &leaders {
                let _ = write!(o, "<h2>{}</h2><ul>", esc(&l.label));
                for n in &l.noticed {
                    let _ = write!(o, "<li>{}</li>", esc(n));
                }
                o += "</ul>";
            }
            for p in &problems {
                let _ = write!(o, "<p>Left out: {}</p>", esc(p));
            }
            o += "</body></html>\n";
        }
        ReviewFormat::Table => {
            // Side by side: a column per leader, a row per measure, so a few
            // leaders fit a terminal's width; when they don't, one block per
            // leader.
            let width = output::width();
            let mut head = vec![String::new()];
            head.extend(leaders.iter().map(|l| l.label.clone()));
            let mut side = output::Table::new(&head);
            for (i, name) in HEADER.iter().enumerate().skip(1) {
                let mut r = vec![name.to_string()];
                r.extend(leaders.iter().map(|l| row(l)[i].clone()));
                side.row(r);
            }
            o += &side.side_by_side(width).unwrap_or_else(|| {
                let mut each = output::Table::new(&HEADER);
                for l in &leaders {
                    each.row(row(l));
                }
                each.render(width)
            });
            o.push('\n');
            o += &output::wrap(KEY, "", "", width);
            for l in &leaders {
                o.push('\n');
                o += &output::wrap(&l.label, "", "", width);
                if l.noticed.is_empty() {
                    o += "  Nothing noticed in this period.\n";
                }
                for n in &l.noticed {
                    o += &output::wrap(n, "  · ", "    ", width);
                }
            }
        }
    }
    output::page(&o)?;
    Ok(())
}

//! `tend review --cohort`: the cohort view of many leaders' cohort exports,
//! for an organisation's development team. Only figures across leaders are
//! shown, never a label or a file name; a file that is not a cohort export
//! is named on stderr and left out, and tend stops with an error only when
//! no cohort export is left to show.

use std::fmt::Write;

use anyhow::{Result, bail};

use crate::cli::{ReviewArgs, ReviewFormat};
use crate::cohort::{self, Contribution, View};
use crate::export::html::{BASE_STYLE, esc, page};
use crate::output;
use crate::summary::render::md_cell;

const TITLE: &str = "Cohort view";
const ABOUT: &str = "Figures put together from the cohort exports leaders chose to share with the programme. No one's own figures are shown, and any figure drawn from fewer than 10 leaders is held back (\"fewer than 10\"). Nothing here compares one leader with another.";

pub fn run(args: &ReviewArgs) -> Result<()> {
    let mut all: Vec<Contribution> = Vec::new();
    let mut left_out = 0;
    let each = crate::cores::on_all_cores(&args.files, |path| {
        crate::coach::read::read_json(path)
            .map_err(|e| format!("{e:#}"))
            .and_then(|v| cohort::accept(v).map_err(|why| format!("{}: {why}", path.display())))
    });
    for read in each {
        match read {
            Ok(c) => all.push(c),
            Err(e) => {
                left_out += 1;
                errln!("tend: left out {e}");
            }
        }
    }
    if all.is_empty() {
        bail!("none of the files is a cohort export, so there is nothing to show");
    }
    let view = View::of(&all);
    let note = (left_out > 0).then(|| {
        format!(
            "{left_out} file{} left out: not {} (each is named on stderr).",
            if left_out == 1 { " was" } else { "s were" },
            if left_out == 1 {
                "a cohort export"
            } else {
                "cohort exports"
            }
        )
    });
    let o = match args.format {
        ReviewFormat::Json => {
            let mut v = view.json();
            v["files_left_out"] = left_out.into();
            format!("{}\n", output::json(&v)?)
        }
        ReviewFormat::Markdown => markdown(&view, note.as_deref()),
        ReviewFormat::Html => html(&view, note.as_deref()),
        ReviewFormat::Table => text(&view, note.as_deref(), output::width()),
    };
    output::page(&o)?;
    Ok(())
}

fn text(view: &View, note: Option<&str>, width: usize) -> String {
    let mut o = format!("{TITLE}\n");
    o += &output::wrap(ABOUT, "", "", width);
    for cohort::Section {
        heading: head,
        about,
        rows,
    } in view.sections()
    {
        o.push('\n');
        o += &output::wrap(&head, "", "", width);
        o += &output::wrap(&about, " ", " ", width);
        let mut t = output::Table::unlabelled(&["", ""]);
        for (what, value) in rows {
            t.row(vec![what, value]);
        }
        o += &t.render(width);
    }
    if let Some(n) = note {
        o.push('\n');
        o += &output::wrap(n, "", "", width);
    }
    o
}

fn markdown(view: &View, note: Option<&str>) -> String {
    let mut o = format!("# {TITLE}\n\n{}\n", md_cell(ABOUT));
    for cohort::Section {
        heading: head,
        about,
        rows,
    } in view.sections()
    {
        let _ = write!(o, "\n## {}\n\n_{}_\n\n", md_cell(&head), md_cell(&about));
        o += "| | |\n|---|---|\n";
        for (what, value) in rows {
            let _ = writeln!(o, "| {} | {} |", md_cell(&what), md_cell(&value));
        }
    }
    if let Some(n) = note {
        let _ = write!(o, "\n{}\n", md_cell(n));
    }
    o
}

fn html(view: &View, note: Option<&str>) -> String {
    let mut o = String::new();
    let _ = write!(o, "<h1>{}</h1><p>{}</p>", esc(TITLE), esc(ABOUT));
    for cohort::Section {
        heading: head,
        about,
        rows,
    } in view.sections()
    {
        let _ = write!(
            o,
            "<h2>{}</h2><p class=\"about\">{}</p><table><tbody>",
            esc(&head),
            esc(&about)
        );
        for (what, value) in rows {
            let _ = write!(
                o,
                "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                esc(&what),
                esc(&value)
            );
        }
        o += "</tbody></table>";
    }
    if let Some(n) = note {
        let _ = write!(o, "<p>{}</p>", esc(n));
    }
    page("Cohort view", &[BASE_STYLE, STYLE], &o)
}

/// The cohort page's own touches on the shared page style.
const STYLE: &str = "p.about{color:#52606d}th{width:40%}";

//! Exports as text a person reads: Markdown, and the reflective account.

use super::{Export, Shared};
use crate::summary::render::{self, md_cell};

/// The export as Markdown: readable as plain text, printable as a document.
pub fn markdown(x: &Export) -> String {
    let mut o = format!("# Reflective journal: {}\n\n", md_cell(&x.label));
    o += &format!("_{}_\n\n_{}_\n\n", x.statement(), Export::REMINDER);
    o += &render::markdown_body(&x.summary, &|k| x.includes(k));
    let own = x.own_words();
    if !own.is_empty() {
        o += "## In the leader's own words\n\n";
        for (head, answers) in own {
            let head = md_cell(&head);
            o += &format!("### {head}\n\n");
            for a in answers {
                o += &format!("**{}**\n\n", md_cell(&a.question));
                for line in a.value.lines() {
                    o += &format!("> {}\n", line);
                }
                o += "\n";
            }
        }
    }
    o
}

/// A reflective account of chosen entries in the What? / So what? / Now
/// what? shape that appraisal and revalidation use.
pub fn account(label: &str, entries: &[crate::journal::Entry], shared: &[Shared]) -> String {
    let mut o = format!(
        "# Reflective account: {}\n\n_{}_\n\n",
        md_cell(label),
        Export::REMINDER
    );
    for e in entries {
        let mine: Vec<&Shared> = shared.iter().filter(|s| s.entry == e.id).collect();
        let pick = |f: &dyn Fn(&Shared) -> bool| {
            mine.iter()
                .filter(|s| f(s))
                .map(|s| s.value.clone())
                .collect::<Vec<_>>()
        };
        let what = pick(&|s| {
            matches!(
                s.section.as_str(),
                "attend" | "empathise" | "note" | "hope" | "assumption"
            ) || s.question_id == "note"
        });
        let so_what = pick(&|s| {
            matches!(
                s.section.as_str(),
                "understand" | "learning" | "learned" | "self"
            )
        });
        let now_what = pick(&|s| matches!(s.section.as_str(), "help" | "action" | "change"));
        let discussed = pick(&|s| s.section == "discuss_with");
        let mut head = format!("{} · {}", e.created.format("%a %-d %b %Y"), e.kind.label());
        if let Some(t) = &e.title {
            head += &format!(" · “{}”", md_cell(t));
        }
        o += &format!("## {head}\n\n");
        for (title, items, empty) in [
            (
                "What? (what happened)",
                &what,
                "Nothing written about what happened.",
            ),
            (
                "So what? (what I learned)",
                &so_what,
                "Nothing written about what was learned.",
            ),
            (
                "Now what? (what will change)",
                &now_what,
                "No next step written.",
            ),
        ] {
            o += &format!("### {title}\n\n");
            if items.is_empty() {
                o += &format!("_{empty}_\n\n");
            }
            for i in items.iter() {
                for line in i.lines() {
                    o += &format!("> {line}\n");
                }
                o += "\n";
            }
        }
        o += "### Discussed with\n\n";
        if discussed.is_empty() {
            o += "_Not recorded. Add who (by role) and when, if you talked it over._\n\n";
        } else {
            for d in &discussed {
                o += &format!(
                    "- {} (recorded {})\n",
                    md_cell(d),
                    e.created.format("%-d %b %Y")
                );
            }
            o += "\n";
        }
    }
    o
}

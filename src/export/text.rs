//! Exports as text a person reads: Markdown, and the reflective account.

use super::{Export, NOTHING_WRITTEN, Shared};
use crate::summary::render::{self, md_cell};

/// The export as Markdown: readable as plain text, printable as a document.
pub fn markdown(x: &Export) -> String {
    let mut o = format!("# Reflective journal: {}\n\n", md_cell(&x.label));
    o += &format!("_{}_\n\n_{}_\n\n", x.statement(), Export::REMINDER);
    o += &render::markdown_body(&x.summary, &|k| x.includes(k));
    if let Some(line) = x.held_back_line() {
        o += &format!("## Not shared\n\n_{line}_\n\n");
    }
    o += "## In the leader's own words\n\n";
    let own = x.own_words();
    if let Some(why) = x.held_back(crate::model::Part::Answers) {
        o += &format!("_{}._\n\n", render::cap(why.words()));
    } else if own.is_empty() {
        o += &format!("_{} in this period._\n\n", render::cap(NOTHING_WRITTEN));
    }
    for (head, answers) in own {
        let head = md_cell(&head);
        o += &format!("### {head}\n\n");
        for a in answers {
            o += &format!("**{}**\n\n", md_cell(&a.question));
            match a.withheld {
                Some(why) => o += &format!("_{}._\n", render::cap(why.words())),
                None => {
                    for line in a.value.lines() {
                        o += &format!("> {}\n", render::md_text(line));
                    }
                }
            }
            o += "\n";
        }
    }
    o
}

/// Which answers belong under one heading of an account.
type Pick = dyn Fn(&Shared) -> bool;

/// A reflective account of chosen entries in the What? / So what? / Now
/// what? shape that appraisal and revalidation use. Each part says whether
/// nothing was written or what was written is not shared.
pub fn account(x: &Export, entries: &[crate::journal::Entry]) -> String {
    let mut o = format!(
        "# Reflective account: {}\n\n_{}_\n\n",
        md_cell(&x.label),
        Export::REMINDER
    );
    let what = |s: &Shared| {
        matches!(
            s.section.as_str(),
            "attend" | "empathise" | "note" | "hope" | "assumption"
        ) || s.question_id == "note"
    };
    let so_what = |s: &Shared| {
        matches!(
            s.section.as_str(),
            "understand" | "learning" | "learned" | "self"
        )
    };
    let now_what = |s: &Shared| matches!(s.section.as_str(), "help" | "action" | "change");
    let discussed = |s: &Shared| s.section == "discuss_with";
    for e in entries {
        let mine = |list: &[Shared], f: &dyn Fn(&Shared) -> bool| -> Vec<Shared> {
            list.iter()
                .filter(|s| s.entry == e.id && s.is_typed() && f(s))
                .cloned()
                .collect()
        };
        let mut head = format!("{} · {}", e.created.format("%a %-d %b %Y"), e.kind.label());
        if let Some(t) = &e.title {
            head += &format!(" · “{}”", md_cell(t));
        }
        o += &format!("## {head}\n\n");
        let parts: [(&str, &Pick, &str); 4] = [
            ("What? (what happened)", &what, "about what happened"),
            (
                "So what? (what I learned)",
                &so_what,
                "about what was learned",
            ),
            (
                "Now what? (what will change)",
                &now_what,
                "about what will change",
            ),
            (
                "Discussed with",
                &discussed,
                "about who it was talked over with (add who, by role, and when, if you did)",
            ),
        ];
        for (title, f, about) in parts {
            let items = mine(&x.shared, f);
            let kept = mine(&x.withheld, f);
            o += &format!("### {title}\n\n");
            if items.is_empty() && kept.is_empty() {
                o += &format!("_{} {about}._\n\n", render::cap(NOTHING_WRITTEN));
            }
            for i in &items {
                if title == "Discussed with" {
                    o += &format!(
                        "- {} (recorded {})\n",
                        md_cell(&i.value),
                        e.created.format("%-d %b %Y")
                    );
                } else {
                    for line in i.value.lines() {
                        o += &format!("> {}\n", render::md_text(line));
                    }
                    o += "\n";
                }
            }
            if title == "Discussed with" && !items.is_empty() {
                o += "\n";
            }
            for k in &kept {
                let why = k.withheld.map_or(NOTHING_WRITTEN, |w| w.words());
                o += &format!("_{}: “{}”_\n\n", render::cap(why), md_cell(&k.question));
            }
        }
    }
    o
}

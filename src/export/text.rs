//! The export as text a person reads: Markdown.

use super::{Export, NOTHING_WRITTEN};
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

//! `tend about`: the ideas behind the questions, in a screenful.

use anyhow::Result;

use crate::output;

/// A piece of the text, so it can be wrapped to any width.
enum Block {
    /// A paragraph, reflowed to the width.
    Para(&'static str),
    /// Terms and what they mean, in two columns; the meaning's later lines
    /// stay in its column. The number is that column's start.
    Terms(usize, &'static [(&'static str, &'static str)]),
}

use Block::{Para, Terms};

const ABOUT: &[Block] = &[
    Para("tend: a journal for compassionate leadership"),
    Para(
        "Compassionate leadership, as described in The King's Fund explainer \
         \"What is compassionate leadership?\", comes down to four everyday behaviours \
         (Atkins and Parker 2012, as used by Michael West):",
    ),
    Terms(
        14,
        &[
            (
                "Attend",
                "Be present with people and listen with real interest. Notice difficulty \
                 at work, other people's and your own, and ask about it.",
            ),
            (
                "Understand",
                "Work out what is causing a difficulty together with the person facing it. \
                 Stay curious; hold off on blame; ask what can be learned.",
            ),
            (
                "Empathise",
                "Feel something of what they carry without being swept away by it. How \
                 people feel keeps changing, and so does how you feel.",
            ),
            (
                "Help",
                "Do something thoughtful: clear an obstacle, find time, resources or \
                 support. \"How can I help?\" is often the best first step.",
            ),
        ],
    ),
    Para(
        "Compassion flows three ways: to others, from others, and to yourself. That is \
         why every check-in asks how you are treating yourself too.",
    ),
    Para("Three core needs at work (West and Coia 2019):"),
    Terms(
        16,
        &[
            (
                "Autonomy",
                "some control over your work and acting on your values",
            ),
            (
                "Belonging",
                "feeling connected, cared for and valued by colleagues",
            ),
            (
                "Contribution",
                "being effective and doing work that matters",
            ),
        ],
    ),
    Para(
        "Reading well: before you read something (or go on a course, or hear a talk), \
         ask what you hope to learn and what you are assuming. Afterwards, ask what you \
         learned, who you will talk it over with, and how you could help change things \
         where you work.",
    ),
    Para(
        "The motivation question is a pulse, like a thermometer: worth watching as a \
         trend over weeks, never a verdict on a single day.",
    ),
    Para(
        "Source: The King's Fund, \"What is compassionate leadership?\" (explainer). \
         tend's questions are written in its own words.",
    ),
    Para("Start with: tend checkin"),
];

/// The text at `width` columns.
fn text(width: usize) -> String {
    let mut o = String::new();
    for (i, block) in ABOUT.iter().enumerate() {
        match block {
            // A blank line between paragraphs; terms sit right under the
            // paragraph that introduces them.
            Para(p) => {
                if i > 0 {
                    o.push('\n');
                }
                o += &output::wrap(p, "", "", width);
            }
            Terms(column, terms) => {
                for (term, meaning) in *terms {
                    let first = format!("  {term:<w$}", w = column - 2);
                    o += &output::wrap(meaning, &first, &" ".repeat(*column), width);
                }
            }
        }
    }
    o
}

pub fn run() -> Result<()> {
    output::page(&text(output::width()))?;
    Ok(())
}

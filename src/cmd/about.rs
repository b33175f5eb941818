//! `tend about`: the ideas behind the questions, in a screenful.

use anyhow::Result;

const ABOUT: &str = "\
tend: a journal for compassionate leadership

Compassionate leadership, as described in The King's Fund explainer
\"What is compassionate leadership?\", comes down to four everyday behaviours
(Atkins and Parker 2012, as used by Michael West):

  Attend      Be present with people and listen with real interest. Notice
              difficulty at work, other people's and your own, and ask about it.
  Understand  Work out what is causing a difficulty together with the person
              facing it. Stay curious; hold off on blame; ask what can be learned.
  Empathise   Feel something of what they carry without being swept away by it.
              How people feel keeps changing, and so does how you feel.
  Help        Do something thoughtful: clear an obstacle, find time, resources
              or support. \"How can I help?\" is often the best first step.

Compassion flows three ways: to others, from others, and to yourself. That is
why every check-in asks how you are treating yourself too.

Three core needs at work (West and Coia 2019):
  Autonomy      some control over your work and acting on your values
  Belonging     feeling connected, cared for and valued by colleagues
  Contribution  being effective and doing work that matters

Reading well: before you read something (or go on a course, or hear a talk),
ask what you hope to learn and what you are assuming. Afterwards, ask what you
learned, who you will talk it over with, and how you could help change things
where you work.

The motivation question is a pulse, like a thermometer: worth watching as a
trend over weeks, never a verdict on a single day.

Source: The King's Fund, \"What is compassionate leadership?\" (explainer).
tend's questions are written in its own words.

Start with: tend checkin";

pub fn run() -> Result<()> {
    println!("{ABOUT}");
    Ok(())
}

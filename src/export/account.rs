//! Reflective accounts: chosen entries shaped by an account template into
//! something a professional can complete and hand in. One account is one
//! entry, or a reading with its after-reading entry; a follow-up appears
//! with the action it follows. Each answer sits under its question's own
//! words, in the template section that its measure names; a section with
//! nothing in it shows the template's prompt, and an answer kept back by
//! the level is named, never passed off as nothing written.

use std::fmt::Write;

use anyhow::Result;
use chrono::NaiveDate;

use super::Withheld;
use super::html::{BASE_STYLE, esc, page};
use crate::accounts::Template;
use crate::identifiers::{self, Hit};
use crate::journal::facts::Facts;
use crate::journal::{Entry, Journal};
use crate::model::{CpdPart, Kind, Measure, Part};
use crate::prompts::Level;
use crate::summary::render::{cap, md_cell, md_text};

/// One thing shown in a section.
#[derive(Clone, Debug)]
pub enum Item {
    /// An answer, under its question's words.
    Answer {
        entry: String,
        label: String,
        value: String,
    },
    /// An answer written but not in this account, named by its question.
    Kept { label: String, why: Withheld },
    /// What became of an action: shown right after it.
    FollowUp {
        entry: String,
        date: NaiveDate,
        status: String,
        note: Option<String>,
    },
}

#[derive(Clone, Debug)]
pub struct Block {
    pub title: String,
    pub reminder: Option<String>,
    pub prompt: String,
    pub items: Vec<Item>,
}

/// One account: a heading, lines about what it is (source, dates, CPD
/// hours), and the template's sections.
#[derive(Clone, Debug)]
pub struct Account {
    /// The entry the account is named for (the reading, for a pair).
    pub entry: String,
    pub heading: String,
    pub meta: Vec<String>,
    pub parts: Vec<Block>,
}

/// Every account asked for, in one template.
pub struct Accounts {
    pub label: String,
    pub level: Level,
    pub template: Template,
    pub accounts: Vec<Account>,
}

/// The entries of one account, oldest first.
pub type Unit = Vec<Entry>;

/// The entry an account is named for: a reading for its after-reading
/// entry, the entry holding an action for its follow-up.
fn anchor<'a>(facts: &'a [Facts], f: &'a Facts) -> &'a Facts {
    let by_id = |id: &str| {
        facts
            .iter()
            .find(|g| g.problem.is_none() && g.id == id)
            .unwrap_or(f)
    };
    match (f.kind, &f.reading, &f.follow) {
        (Some(Kind::ReadingAfter), Some(r), _) => by_id(r),
        (Some(Kind::Followup), _, Some(follow)) => {
            let holder = by_id(follow.action.split(':').next().unwrap_or(""));
            // A follow-up on an after-reading change belongs to the reading.
            if holder.kind == Some(Kind::ReadingAfter) {
                anchor(facts, holder)
            } else {
                holder
            }
        }
        _ => f,
    }
}

/// The accounts for the chosen entries: each grouped with the entries that
/// belong with it (a reading and its after-reading entry; an action and its
/// follow-ups), one account per group, in date order. Only these entries
/// are read.
pub fn units(journal: &Journal, facts: &[Facts], chosen: &[&Facts]) -> Result<Vec<Unit>> {
    let mut anchors: Vec<&Facts> = Vec::new();
    for f in chosen {
        let a = anchor(facts, f);
        if !anchors.iter().any(|x| x.id == a.id) {
            anchors.push(a);
        }
    }
    anchors.sort_by_key(|f| f.created);
    let mut out = Vec::new();
    for a in anchors {
        let mut members: Vec<&Facts> = vec![a];
        if a.kind == Some(Kind::Reading) {
            members.extend(facts.iter().filter(|g| {
                g.problem.is_none()
                    && g.kind == Some(Kind::ReadingAfter)
                    && g.reading.as_deref() == Some(a.id.as_str())
            }));
        }
        let holders: Vec<String> = members.iter().map(|m| format!("{}:", m.id)).collect();
        members.extend(facts.iter().filter(|g| {
            g.problem.is_none()
                && g.follow
                    .as_ref()
                    .is_some_and(|fl| holders.iter().any(|h| fl.action.starts_with(h.as_str())))
        }));
        members.sort_by_key(|f| f.created);
        let mut unit = Vec::new();
        for m in members {
            unit.push(journal.read_entry(m)?);
        }
        out.push(unit);
    }
    Ok(out)
}

/// Why an answer of this measure and level is not in the account, if it isn't.
fn withheld(a: &crate::journal::entry::Answer, level: Level, parts: &[Part]) -> Option<Withheld> {
    let part = Part::of(a.measures);
    if a.level > level {
        Some(Withheld::Level)
    } else if part != Part::Answers && !parts.contains(&part) {
        Some(Withheld::LeftOut)
    } else {
        None
    }
}

/// One unit as an account in `t`.
pub fn build(
    unit: &Unit,
    t: &Template,
    level: Level,
    parts: &[Part],
    day_starts: chrono::NaiveTime,
) -> Account {
    let day = |e: &Entry| crate::time::journal_day(&e.created, day_starts);
    let main = &unit[0];
    let reading = main.kind == Kind::Reading;
    let kind = if reading {
        Kind::Reading.label()
    } else {
        main.kind.label()
    };
    let mut heading = format!("{} · {kind}", day(main).format("%a %-d %b %Y"));
    if let Some(title) = &main.title {
        heading += &format!(" · “{title}”");
    }
    let mut meta = Vec::new();
    if let Some(src) = main.source.as_ref().filter(|s| !s.trim().is_empty()) {
        meta.push(format!("Source: {src}"));
    }
    if reading {
        match unit.iter().find(|e| e.kind == Kind::ReadingAfter) {
            Some(after) => meta.push(format!("Finished {}", day(after).format("%-d %b %Y"))),
            None => meta.push("Not finished yet".into()),
        }
    }
    // CPD details, found by what they measure wherever the pair holds them.
    let cpd = |p: CpdPart| {
        unit.iter()
            .flat_map(|e| &e.answers)
            .filter(|a| a.measures == Measure::Cpd(p) && a.level <= level)
            .find_map(|a| a.display().filter(|v| !v.trim().is_empty()))
    };
    if let Some(h) = cpd(CpdPart::Hours) {
        let mut line = format!("CPD hours: {h}");
        if let Some(p) = cpd(CpdPart::ParticipatoryHours) {
            line += &format!(" ({p} participatory)");
        }
        if let Some(a) = cpd(CpdPart::Activity) {
            line += &format!("; activity: {a}");
        }
        meta.push(line);
    }

    let mut out: Vec<Block> = t
        .sections
        .iter()
        .map(|s| Block {
            title: s.title.clone(),
            reminder: s.reminder.clone(),
            prompt: s.prompt.clone(),
            items: Vec::new(),
        })
        .collect();
    let mut also = Vec::new();
    for e in unit.iter().filter(|e| e.kind != Kind::Followup) {
        for a in &e.answers {
            let Some(value) = a.display().filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            if matches!(a.measures, Measure::Cpd(_)) {
                continue;
            }
            let slot = t.section_of(a.measures);
            // Numbers and choices go in only where a section asks for them;
            // words nobody's section claims are still shown, at the end.
            if slot.is_none() && !a.qtype.is_free_text() {
                continue;
            }
            let item = match withheld(a, level, parts) {
                Some(why) => Item::Kept {
                    label: a.question.clone(),
                    why,
                },
                None => Item::Answer {
                    entry: e.id.clone(),
                    label: a.question.clone(),
                    value,
                },
            };
            let items = match slot {
                Some(i) => &mut out[i].items,
                None => &mut also,
            };
            items.push(item);
            if matches!(items.last(), Some(Item::Answer { .. }))
                && a.qtype == crate::prompts::QType::Action
            {
                let id = crate::journal::facts::action_id(&e.id, &a.id);
                for f in unit
                    .iter()
                    .filter(|f| f.kind == Kind::Followup && f.action.as_deref() == Some(&id))
                {
                    let note = f
                        .answers
                        .iter()
                        .filter(|n| n.level <= level)
                        .find_map(|n| n.display().filter(|v| !v.trim().is_empty()));
                    items.push(Item::FollowUp {
                        entry: f.id.clone(),
                        date: day(f),
                        status: f.status.map_or("noted", |s| s.label()).to_string(),
                        note,
                    });
                }
            }
        }
    }
    if !also.is_empty() {
        out.push(Block {
            title: "Also written".into(),
            reminder: None,
            prompt: String::new(),
            items: also,
        });
    }
    Account {
        entry: main.id.clone(),
        heading,
        meta,
        parts: out,
    }
}

impl Accounts {
    /// Every piece of the leader's words the accounts hold, by where it is
    /// from, for the identifier check: exactly what is shown.
    fn texts_mut(&mut self) -> Vec<(String, &mut String)> {
        let mut v: Vec<(String, &mut String)> = Vec::new();
        for a in &mut self.accounts {
            let place = a.entry.clone();
            v.push((place.clone(), &mut a.heading));
            for m in &mut a.meta {
                v.push((place.clone(), m));
            }
            for p in &mut a.parts {
                for i in &mut p.items {
                    match i {
                        Item::Answer { entry, value, .. } => v.push((entry.clone(), value)),
                        Item::FollowUp {
                            entry,
                            note: Some(n),
                            ..
                        } => v.push((entry.clone(), n)),
                        Item::FollowUp { note: None, .. } | Item::Kept { .. } => {}
                    }
                }
            }
        }
        v
    }

    /// Every identifier in what the accounts show: (where, excerpt, hit).
    pub fn check(&mut self, watch_list: &[String]) -> Vec<(String, String, Hit)> {
        let mut found = Vec::new();
        for (place, text) in self.texts_mut() {
            for h in identifiers::scan(text, watch_list) {
                found.push((place.clone(), identifiers::excerpt(text, &h), h));
            }
        }
        found
    }

    /// Replaces every identifier in what the accounts show.
    pub fn redact(&mut self, watch_list: &[String]) {
        for (_, text) in self.texts_mut() {
            super::scrub(text, watch_list);
        }
    }

    /// The line under the title: which template, and what the level keeps back.
    fn about(&self) -> Vec<String> {
        let mut v = vec![format!(
            "{} ({} template), shared at the {} level.",
            self.template.title, self.template.id, self.level
        )];
        if self.level < Level::Full {
            v.push(
                "Answers kept for the full level are named by their question, not quoted.".into(),
            );
        }
        v.push(super::Export::REMINDER.into());
        v
    }
}

fn kept_words(label: &str, why: Withheld) -> String {
    format!("{}: “{label}”", cap(why.words()))
}

fn follow_words(date: NaiveDate, status: &str) -> String {
    format!("Follow-up, {}: {status}", date.format("%-d %b %Y"))
}

/// The accounts as Markdown, every piece of the leader's words neutralised.
pub fn markdown(x: &Accounts) -> String {
    let mut o = format!("# Reflective accounts: {}\n\n", md_cell(&x.label));
    for line in x.about() {
        o += &format!("_{}_\n\n", md_cell(&line));
    }
    for a in &x.accounts {
        o += &format!("## {}\n\n", md_cell(&a.heading));
        for m in &a.meta {
            o += &format!("{}  \n", md_cell(m));
        }
        if !a.meta.is_empty() {
            o += "\n";
        }
        for p in &a.parts {
            o += &format!("### {}\n\n", md_cell(&p.title));
            if let Some(r) = &p.reminder {
                o += &format!("_{}_\n\n", md_cell(r));
            }
            if p.items.is_empty() {
                o += &format!("_{}_\n\n", md_cell(&p.prompt));
            }
            for i in &p.items {
                match i {
                    Item::Answer { label, value, .. } => {
                        o += &format!("**{}**\n\n", md_cell(label));
                        for line in value.lines() {
                            o += &format!("> {}\n", md_text(line));
                        }
                        o += "\n";
                    }
                    Item::Kept { label, why } => {
                        o += &format!("_{}_\n\n", md_cell(&kept_words(label, *why)));
                    }
                    Item::FollowUp {
                        date, status, note, ..
                    } => {
                        o += &format!("- {}", md_cell(&follow_words(*date, status)));
                        if let Some(n) = note {
                            o += &format!(": {}", md_cell(n));
                        }
                        o += "\n\n";
                    }
                }
            }
        }
    }
    o
}

/// The accounts as plain text to paste into an online form: no Markdown
/// marks, and each paragraph of the leader's words on one line (a form
/// field wraps text itself; hard line breaks would stay in it). Control
/// characters are shown as escapes.
pub fn text(x: &Accounts) -> String {
    let sh = |s: &str| crate::output::shown(s).into_owned();
    let mut o = format!("Reflective accounts: {}\n\n", sh(&x.label));
    for line in x.about() {
        o += &format!("{line}\n");
    }
    for (n, a) in x.accounts.iter().enumerate() {
        o += &format!(
            "\n\nAccount {} of {}: {}\n",
            n + 1,
            x.accounts.len(),
            sh(&a.heading)
        );
        for m in &a.meta {
            o += &format!("{}\n", sh(m));
        }
        for p in &a.parts {
            o += &format!("\n{}\n", sh(&p.title));
            if let Some(r) = &p.reminder {
                o += &format!("({})\n", sh(r));
            }
            if p.items.is_empty() {
                o += &format!("{}\n", sh(&p.prompt));
            }
            for i in &p.items {
                match i {
                    Item::Answer { label, value, .. } => {
                        o += &format!("{}\n{}\n\n", sh(label), sh(&paragraphs(value)));
                    }
                    Item::Kept { label, why } => {
                        o += &format!("{}\n", sh(&kept_words(label, *why)));
                    }
                    Item::FollowUp {
                        date, status, note, ..
                    } => {
                        o += &sh(&follow_words(*date, status));
                        if let Some(n) = note {
                            o += &format!(": {}", sh(&paragraphs(n)));
                        }
                        o += "\n";
                    }
                }
            }
        }
    }
    o
}

/// Lines within a paragraph joined with a space; paragraphs (blank lines)
/// kept apart by one blank line.
fn paragraphs(s: &str) -> String {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

const STYLE: &str = "
.account{margin-bottom:2rem}.prompt{color:#616e7c;font-style:italic}.follow{margin:.2rem 0 .8rem 1rem}
@media print{body{max-width:none;font-size:11pt;padding:0}.account{break-after:page}.account:last-child{break-after:auto}h3{break-after:avoid}}
";

/// The accounts as one HTML page that prints one account per page.
pub fn html(x: &Accounts) -> String {
    let title = format!("Reflective accounts: {}", x.label);
    let mut o = format!("<h1>{}</h1>", esc(&title));
    for line in x.about() {
        let _ = write!(o, "<p class=\"meta\">{}</p>", esc(&line));
    }
    for a in &x.accounts {
        let _ = write!(o, "<article class=\"account\"><h2>{}</h2>", esc(&a.heading));
        for m in &a.meta {
            let _ = write!(o, "<p class=\"meta\">{}</p>", esc(m));
        }
        for p in &a.parts {
            let _ = write!(o, "<section><h3>{}</h3>", esc(&p.title));
            if let Some(r) = &p.reminder {
                let _ = write!(o, "<p class=\"meta\">{}</p>", esc(r));
            }
            if p.items.is_empty() {
                let _ = write!(o, "<p class=\"prompt\">{}</p>", esc(&p.prompt));
            }
            for i in &p.items {
                match i {
                    Item::Answer { label, value, .. } => {
                        let _ = write!(
                            o,
                            "<p class=\"q\">{}</p><blockquote>{}</blockquote>",
                            esc(label),
                            esc(value)
                        );
                    }
                    Item::Kept { label, why } => {
                        let _ = write!(
                            o,
                            "<p class=\"sparse\">{}</p>",
                            esc(&kept_words(label, *why))
                        );
                    }
                    Item::FollowUp {
                        date, status, note, ..
                    } => {
                        let mut s = follow_words(*date, status);
                        if let Some(n) = note {
                            s += &format!(": {n}");
                        }
                        let _ = write!(o, "<p class=\"follow\">{}</p>", esc(&s));
                    }
                }
            }
            o.push_str("</section>");
        }
        o.push_str("</article>");
    }
    page(&title, &[BASE_STYLE, STYLE], &o)
}

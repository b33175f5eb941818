//! What a leader shares with a coach. An export is a summary cut down to a
//! privacy level and to the parts the leader chooses, plus (above the
//! `summary` level) the typed answers that level allows, checked for
//! identifiers. Every format is drawn from this one model.

pub mod account;
pub mod data;
pub mod html;
pub mod text;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::identifiers::{self, Hit};
use crate::journal::Entry;
use crate::journal::facts::Facts;
use crate::model::{Kind, Part};
use crate::prompts::{Level, QType};
use crate::summary::Summary;
use crate::summary::notice::Rule;

/// Why something written is not in an export: the leader's privacy level
/// keeps it back, or the leader left its part out. Either way it is not the
/// same as nothing written, and every format says which.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Withheld {
    Level,
    LeftOut,
}

impl Withheld {
    /// The words every prose format uses.
    pub fn words(self) -> &'static str {
        match self {
            Withheld::Level => "not shared at this level",
            Withheld::LeftOut => "left out of this export",
        }
    }
}

/// The words for a part or an answer with nothing in it.
pub const NOTHING_WRITTEN: &str = "nothing written";

/// One answer that is shared (typed words, or a number or choice above the
/// `summary` level), or, with `withheld` set and no value, one that was
/// written but is kept back.
#[derive(Clone, Debug, Serialize)]
pub struct Shared {
    pub entry: String,
    pub date: NaiveDate,
    pub kind: Kind,
    pub section: String,
    pub question_id: String,
    pub question: String,
    #[serde(rename = "type")]
    pub qtype: QType,
    /// False when the answer was written but is not in this export.
    pub shared: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withheld: Option<Withheld>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

pub struct Export {
    pub summary: Summary,
    pub level: Level,
    pub label: String,
    pub sections: Vec<Part>,
    pub shared: Vec<Shared>,
    /// Answers written in the same entries but kept back (no values), shown
    /// as such wherever `shared` answers are.
    pub withheld: Vec<Shared>,
    pub generated: DateTime<FixedOffset>,
}

impl Shared {
    /// Words the leader typed, as opposed to a number or a choice.
    pub fn is_typed(&self) -> bool {
        self.qtype.is_free_text()
    }
}

impl Export {
    /// The typed answers, grouped by entry in time order, each group with a
    /// heading (day, kind and title); HTML and Markdown show them alike.
    pub fn own_words(&self) -> Vec<(String, Vec<&Shared>)> {
        let mut by_entry: std::collections::BTreeMap<(NaiveDate, &str), Vec<&Shared>> =
            Default::default();
        // An answer kept back by the level is named where it would be; one
        // from a part left out is covered by the part's own line.
        let kept = self
            .withheld
            .iter()
            .filter(|s| s.withheld == Some(Withheld::Level));
        for s in self.shared.iter().chain(kept).filter(|s| s.is_typed()) {
            by_entry
                .entry((s.date, s.entry.as_str()))
                .or_default()
                .push(s);
        }
        by_entry
            .into_iter()
            .map(|((date, _), answers)| {
                let first = answers[0];
                let mut head = format!("{} · {}", date.format("%a %-d %b %Y"), first.kind.label());
                if let Some(t) = &first.title {
                    head += &format!(" · “{t}”");
                }
                (head, answers)
            })
            .collect()
    }

    /// Every answer, shared or withheld, in the order they were written.
    pub fn answers(&self) -> Vec<&Shared> {
        let mut all: Vec<&Shared> = self.shared.iter().chain(&self.withheld).collect();
        all.sort_by(|a, b| (a.date, &a.entry).cmp(&(b.date, &b.entry)));
        all
    }

    pub fn includes(&self, part: Part) -> bool {
        self.sections.contains(&part)
    }

    /// One line for the top of every export.
    pub fn statement(&self) -> String {
        let what = match self.level {
            Level::Summary => "numbers and counts only, no words the leader typed",
            Level::Learning => "numbers, plus the leader's learning and actions in their own words",
            Level::Full => "numbers and every answer in the leader's own words",
        };
        format!(
            "Shared by {} at the {} level ({what}), {} to {}. Includes: {}.",
            self.label,
            self.level,
            self.summary.since.format("%-d %b %Y"),
            self.summary.until.format("%-d %b %Y"),
            Part::names(&self.shown_parts())
        )
    }

    /// The parts this export really holds: at the `summary` level no typed
    /// words, so neither answers nor themes.
    pub fn shown_parts(&self) -> Vec<Part> {
        Part::ALL
            .into_iter()
            .filter(|p| self.held_back(*p).is_none())
            .collect()
    }

    /// Why a part is not in this export, or None when it is.
    pub fn held_back(&self, part: Part) -> Option<Withheld> {
        if !self.includes(part) {
            Some(Withheld::LeftOut)
        } else if self.level == Level::Summary && matches!(part, Part::Answers | Part::Themes) {
            Some(Withheld::Level)
        } else {
            None
        }
    }

    /// Every part not in this export, with why, in the parts' order.
    pub fn held_back_parts(&self) -> Vec<(Part, Withheld)> {
        Part::ALL
            .into_iter()
            .filter_map(|p| self.held_back(p).map(|w| (p, w)))
            .collect()
    }

    /// One line naming the parts not shared and why ("themes and answers not
    /// shared at this level; self left out of this export"), or None.
    pub fn held_back_line(&self) -> Option<String> {
        let parts = self.held_back_parts();
        let mut said = Vec::new();
        for why in [Withheld::Level, Withheld::LeftOut] {
            let names: Vec<&str> = parts
                .iter()
                .filter(|(_, w)| *w == why)
                .map(|(p, _)| p.as_str())
                .collect();
            if !names.is_empty() {
                said.push(format!(
                    "{}: {}",
                    crate::summary::render::cap(why.words()),
                    names.join(", ")
                ));
            }
        }
        (!said.is_empty()).then(|| format!("{}.", said.join(". ")))
    }

    pub const REMINDER: &'static str = "A reminder: reflective notes should be anonymised, with roles rather than names and no patient or colleague identifiers; tend checks for the common ones but cannot promise it found them all.";
}

/// The parts chosen: those to include (all, or `--only`, less `--without`),
/// and those named in `--without`, each in the parts' order.
pub struct Parts {
    pub keep: Vec<Part>,
    pub without: Vec<Part>,
}

impl Parts {
    pub fn choose(only: &[Part], without: &[Part]) -> Parts {
        let keep = Part::ALL
            .into_iter()
            .filter(|p| (only.is_empty() || only.contains(p)) && !without.contains(p))
            .collect();
        let without = Part::ALL
            .into_iter()
            .filter(|p| without.contains(p))
            .collect();
        Parts { keep, without }
    }
}

/// Cuts the summary down to what `level` and `parts` allow. What tend
/// noticed is kept whenever `noticed` is, except the lines about a part the
/// leader named in `--without` (so `--only noticed` keeps every line).
pub fn restrict(mut s: Summary, level: Level, parts: &Parts) -> Summary {
    let has = |p: Part| parts.keep.contains(&p);
    let told = |p: Part| has(Part::Noticed) && !parts.without.contains(&p);
    if level == Level::Summary {
        // Numbers only: nothing the leader typed, not even titles or themes.
        s.themes.clear();
        s.tags.clear();
        s.readings.open.clear();
        s.readings.finished_titles.clear();
        s.readings.discussed_with.clear();
        for o in &mut s.actions.overdue {
            o.text = String::new();
        }
        for n in &mut s.noticed {
            if n.rule == Rule::ActionsPastDue {
                use crate::summary::notice::Number;
                let count = match n.numbers.get("count") {
                    Some(Number::Whole(c)) => *c,
                    Some(Number::Average(_)) | None => 0,
                };
                n.text = format!(
                    "{count} action{} past the day they set.",
                    if count == 1 { " is" } else { "s are" }
                );
            }
        }
    }
    s.unreadable.files.clear();
    s.noticed.retain(|n| told(n.rule.part()));
    // Someone else reads an export: the leader is "they", not "you".
    for n in &mut s.noticed {
        n.text = n
            .text
            .replace("in your check-ins", "in their check-ins")
            .replace("across your last", "across their last")
            .replace("the day you set", "the day they set")
            .replace("the day the leader set", "the day they set");
    }
    s.not_enough_data.retain(|line| told(line.part));
    if !has(Part::Themes) {
        s.themes.clear();
        s.tags.clear();
    }
    // Nothing typed of a part left out stays behind to be checked, previewed
    // or shown by any format.
    if !has(Part::Readings) {
        s.readings.open.clear();
        s.readings.finished_titles.clear();
        s.readings.discussed_with.clear();
    }
    if !has(Part::Actions) {
        s.actions.overdue.clear();
    }
    s
}

/// Answers kept apart: those shared, and those written but withheld.
pub type Answers = (Vec<Shared>, Vec<Shared>);

/// The answers of the entries in the period: those `level` and `sections`
/// allow, and those written but kept back. Read from the entry files
/// themselves. They are shown when the `answers` part is included, and
/// themes are drawn from the shared ones either way. At the `summary` level
/// the answers part is withheld whole, so none are listed one by one.
pub fn shared_answers(
    journal: &crate::journal::Journal,
    facts: &[Facts],
    since: NaiveDate,
    until: NaiveDate,
    day_starts: chrono::NaiveTime,
    level: Level,
    sections: &[Part],
) -> Answers {
    let mut out: Answers = Default::default();
    if level == Level::Summary {
        return out;
    }
    for f in facts.iter().filter(|f| f.problem.is_none()) {
        let day = crate::time::journal_day(&f.created, day_starts);
        if day < since || day > until {
            continue;
        }
        let Ok(e) = journal.read_entry(f) else {
            continue;
        };
        let (shared, withheld) = answers_of(&e, day, level, sections);
        out.0.extend(shared);
        out.1.extend(withheld);
    }
    out
}

/// An entry's answers: shared, and written but withheld (with why, and no value).
fn answers_of(e: &Entry, day: NaiveDate, level: Level, sections: &[Part]) -> Answers {
    let mut out: Answers = Default::default();
    for a in &e.answers {
        let Some(value) = a.display().filter(|v| !v.trim().is_empty()) else {
            continue;
        };
        let part = Part::of(a.measures);
        let withheld = if a.level > level {
            Some(Withheld::Level)
        } else if part != Part::Answers && !sections.contains(&part) {
            Some(Withheld::LeftOut)
        } else {
            None
        };
        let one = Shared {
            entry: e.id.clone(),
            date: day,
            kind: e.kind,
            section: a.section.clone(),
            question_id: a.id.clone(),
            question: a.question.clone(),
            qtype: a.qtype,
            shared: withheld.is_none(),
            withheld,
            value: if withheld.is_none() {
                value
            } else {
                String::new()
            },
            // Titles are typed words too: none at the `summary` level.
            // (and a part left out keeps its titles too).
            title: e
                .title
                .clone()
                .filter(|_| level != Level::Summary && withheld != Some(Withheld::LeftOut)),
        };
        if withheld.is_none() {
            out.0.push(one);
        } else {
            out.1.push(one);
        }
    }
    out
}

/// Every piece of typed text an export would share, with where it is from,
/// for the identifier check.
pub fn typed_text(x: &Export) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = x
        .shared
        .iter()
        .filter(|s| s.is_typed())
        .map(|s| (s.entry.clone(), s.value.clone()))
        .collect();
    for s in x.shared.iter().chain(&x.withheld) {
        if let Some(t) = &s.title {
            v.push((s.entry.clone(), t.clone()));
        }
    }
    let r = &x.summary.readings;
    for t in r
        .open
        .iter()
        .chain(&r.finished_titles)
        .chain(r.discussed_with.iter().map(|c| &c.name))
    {
        v.push(("readings".into(), t.clone()));
    }
    for o in x
        .summary
        .actions
        .overdue
        .iter()
        .filter(|o| !o.text.is_empty())
    {
        v.push((o.id.clone(), o.text.clone()));
    }
    for c in &x.summary.themes {
        v.push(("themes".into(), c.name.clone()));
    }
    for c in &x.summary.tags {
        v.push(("tags".into(), c.name.clone()));
    }
    for n in &x.summary.noticed {
        v.push(("noticed".into(), n.text.clone()));
    }
    v
}

/// Every identifier the export would share, in its text or in the answers
/// its themes come from: (where, excerpt, hit).
pub fn check(x: &Export, pool: &[Shared], watch_list: &[String]) -> Vec<(String, String, Hit)> {
    let mut found: Vec<(String, String, Hit)> = Vec::new();
    // The answers (and titles) themes and shared words come from, named by
    // entry; then anything else the export says, unless already seen.
    let mut texts: Vec<(String, String)> = Vec::new();
    for s in pool {
        if s.is_typed() {
            texts.push((s.entry.clone(), s.value.clone()));
        }
        if let Some(t) = &s.title
            && !texts.iter().any(|(p, x)| *p == s.entry && x == t)
        {
            texts.push((s.entry.clone(), t.clone()));
        }
    }
    for (place, text) in typed_text(x) {
        if !texts.iter().any(|(_, t)| *t == text) {
            texts.push((place, text));
        }
    }
    texts.dedup();
    for (place, text) in texts {
        for h in identifiers::scan(&text, watch_list) {
            found.push((place.clone(), identifiers::excerpt(&text, &h), h));
        }
    }
    found
}

/// Themes from the typed answers an export draws on: words that recur
/// across entries, with how many entries each is in.
pub fn themes_from(pool: &[Shared]) -> Vec<crate::summary::Count> {
    let texts: Vec<(&str, &str)> = pool
        .iter()
        .filter(|s| s.is_typed())
        .map(|s| (s.entry.as_str(), s.value.as_str()))
        .collect();
    crate::summary::themes_of(&texts)
        .into_iter()
        .filter(|c| c.name != "redacted")
        .collect()
}

/// Replaces every identifier in the answers themes are drawn from.
pub fn redact_pool(pool: &mut [Shared], watch_list: &[String]) {
    for s in pool {
        scrub(&mut s.value, watch_list);
    }
}

/// `t` with every identifier in it replaced.
pub fn scrub(t: &mut String, watch_list: &[String]) {
    let hits = identifiers::scan(t, watch_list);
    if !hits.is_empty() {
        *t = identifiers::redact(t, &hits);
    }
}

/// Replaces every identifier in everything the export shares.
pub fn redact(x: &mut Export, watch_list: &[String]) {
    let fix = |t: &mut String| scrub(t, watch_list);
    for s in &mut x.withheld {
        if let Some(t) = &mut s.title {
            fix(t);
        }
    }
    for s in &mut x.shared {
        fix(&mut s.value);
        if let Some(t) = &mut s.title {
            fix(t);
        }
    }
    let r = &mut x.summary.readings;
    r.open
        .iter_mut()
        .chain(r.finished_titles.iter_mut())
        .chain(r.discussed_with.iter_mut().map(|c| &mut c.name))
        .for_each(fix);
    x.summary
        .actions
        .overdue
        .iter_mut()
        .for_each(|o| fix(&mut o.text));
    x.summary
        .themes
        .retain(|c| identifiers::scan(&c.name, watch_list).is_empty());
    // A tag is replaced like any text, and tags that become the same are
    // counted as one.
    let mut tags: Vec<crate::summary::Count> = Vec::new();
    for mut c in std::mem::take(&mut x.summary.tags) {
        fix(&mut c.name);
        match tags.iter_mut().find(|t| t.name == c.name) {
            Some(t) => t.count += c.count,
            None => tags.push(c),
        }
    }
    x.summary.tags = tags;
    x.summary.noticed.iter_mut().for_each(|n| fix(&mut n.text));
}

//! `tend generate` (hidden): writes a realistic synthetic journal through
//! tend's own writer, for benchmarks. Every person and place in it is made up.

use anyhow::{Result, bail};
use chrono::Duration;

use crate::app::App;
use crate::cli::GenerateArgs;
use crate::journal::entry::FollowStatus;
use crate::journal::facts::action_id;
use crate::journal::{Answer, Entry, Value};
use crate::model::{CpdPart, Measure};
use crate::prompts::Packs;

const WORDS: &[&str] = &[
    "the",
    "team",
    "handover",
    "shift",
    "ward",
    "rota",
    "listened",
    "asked",
    "together",
    "time",
    "pressure",
    "quiet",
    "moment",
    "colleague",
    "student",
    "nurse",
    "porter",
    "manager",
    "meeting",
    "worried",
    "tired",
    "hopeful",
    "kind",
    "patient",
    "family",
    "space",
    "break",
    "tea",
    "plan",
    "support",
    "cover",
    "sickness",
    "learning",
    "noticed",
    "difficult",
    "conversation",
    "calm",
    "rushed",
    "thanked",
    "helped",
    "sorted",
    "equipment",
    "estates",
    "budget",
    "training",
    "new",
    "starter",
    "night",
    "weekend",
    "clinic",
    "list",
    "delayed",
    "understood",
    "why",
    "and",
    "with",
    "because",
    "felt",
    "seemed",
    "then",
    "later",
    "again",
    "small",
    "step",
    "better",
    "slower",
];

/// A tiny deterministic generator: the same seed gives the same journal.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// Between `min` and `max` words of synthetic prose.
    fn prose(&mut self, min: u64, max: u64) -> String {
        let n = min + self.below(max - min + 1);
        self.words(n as usize)
    }
    fn words(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(if self.chance(8) { '.' } else { ' ' });
                if s.ends_with('.') {
                    s.push(' ');
                }
            }
            s.push_str(WORDS[self.below(WORDS.len() as u64) as usize]);
        }
        s.push('.');
        s
    }
}

pub fn run(app: &App, args: GenerateArgs) -> Result<()> {
    if app.journal.entries_dir().exists() && !args.into_existing {
        bail!(
            "{} already has entries; generate into an empty folder (or pass --into-existing)",
            app.journal.root.display()
        );
    }
    let packs = Packs::load(None)?;
    let mut rng = Rng(args.seed.max(1));
    let mut cpd_rng = Rng(args.seed.max(1) ^ 0x9e37_79b9_7f4a_7c15);
    let start = app.now - Duration::days(args.days as i64);
    let mut written = 0usize;
    // Actions waiting for a follow-up: (id, day it will be followed up).
    let mut pending: Vec<(String, i64)> = Vec::new();
    let mut open_reading: Option<(String, i64)> = None;
    for day in 0..args.days as i64 {
        let at = start + Duration::days(day) + Duration::minutes(rng.below(600) as i64);
        // Follow-ups come first on a day, as at the start of a check-in.
        let mut keep = Vec::new();
        for (action, when) in pending.drain(..) {
            if when > day {
                keep.push((action, when));
                continue;
            }
            let status = match rng.below(10) {
                0..=5 => FollowStatus::Done,
                6 => FollowStatus::Partly,
                7 => FollowStatus::Going,
                _ => FollowStatus::Dropped,
            };
            let pack = packs.get("followup")?;
            let mut e = Entry::start(pack, at - Duration::minutes(1), &[]);
            e.action = Some(action.clone());
            e.status = Some(status);
            let note = rng.chance(50).then(|| Value::Text(rng.words(8)));
            e.answers.push(Answer::new(&pack.questions[0], note, None));
            app.journal.save_new(&mut e)?;
            written += 1;
            if !status.closes() {
                keep.push((action, day + 3 + rng.below(7) as i64));
            }
        }
        pending = keep;

        let pack = packs.get("checkin")?;
        let tags: Vec<String> = if rng.chance(20) {
            vec!["night".into()]
        } else {
            vec![]
        };
        let mut e = Entry::start(pack, at, &tags);
        for q in &pack.questions {
            let value = match q.id.as_str() {
                "motivation" => Some(Value::Int(1 + rng.below(10) as i64)),
                "next_action" if rng.chance(40) => Some(Value::Text(rng.prose(6, 12))),
                "next_action" => None,
                _ if rng.chance(85) => Some(Value::Text(rng.prose(20, 55))),
                _ => None,
            };
            let due = (q.id == "next_action" && value.is_some() && rng.chance(50))
                .then(|| at.date_naive() + Duration::days(3 + rng.below(10) as i64));
            e.answers.push(Answer::new(q, value, due));
        }
        app.journal.save_new(&mut e)?;
        written += 1;
        if e.answer("next_action").is_some_and(|a| !a.skipped) {
            pending.push((
                action_id(&e.id, "next_action"),
                day + 2 + rng.below(10) as i64,
            ));
        }

        if day % 7 == 6 {
            let pack = packs.get("weekly")?;
            let mut w = Entry::start(pack, at + Duration::minutes(5), &[]);
            for q in &pack.questions {
                let value = match q.qtype {
                    crate::prompts::QType::Scale => Some(Value::Int(1 + rng.below(5) as i64)),
                    crate::prompts::QType::Number => Some(Value::Float(q.range().0 as f64)),
                    crate::prompts::QType::SingleChoice => Some(Value::Text(
                        q.choices[rng.below(q.choices.len() as u64) as usize].clone(),
                    )),
                    crate::prompts::QType::MultiChoice => Some(Value::List(vec![
                        q.choices[rng.below(q.choices.len() as u64) as usize].clone(),
                    ])),
                    crate::prompts::QType::Text
                    | crate::prompts::QType::YesNo
                    | crate::prompts::QType::Action => Some(Value::Text(rng.words(20))),
                };
                w.answers.push(Answer::new(q, value, None));
            }
            app.journal.save_new(&mut w)?;
            written += 1;
        }

        match &open_reading {
            None if day % 14 == 3 => {
                let pack = packs.get("reading")?;
                let mut r = Entry::start(pack, at + Duration::minutes(30), &[]);
                r.title = Some(format!("Synthetic reading {}", day / 14 + 1));
                for q in &pack.questions {
                    r.answers
                        .push(Answer::new(q, Some(Value::Text(rng.words(15))), None));
                }
                app.journal.save_new(&mut r)?;
                written += 1;
                open_reading = Some((r.id.clone(), day + 4));
            }
            Some((id, when)) if *when == day => {
                let pack = packs.get("reading_after")?;
                let mut r = Entry::start(pack, at + Duration::minutes(30), &[]);
                r.reading = Some(id.clone());
                // CPD with most readings: whole or half hours, some of them
                // with others. Drawn from a stream of its own, so journals
                // generated before CPD existed stay word for word the same.
                let hours = (1 + cpd_rng.below(8)) as f64 * 0.5;
                let with_others = (cpd_rng.below(3) as f64 * 0.5).min(hours);
                let cpd = cpd_rng.chance(70);
                for q in &pack.questions {
                    let v = match (q.measures, cpd) {
                        (Measure::Cpd(_), false) => None,
                        (Measure::Cpd(CpdPart::Hours), true) => Some(Value::Float(hours)),
                        (Measure::Cpd(CpdPart::ParticipatoryHours), true) => {
                            Some(Value::Float(with_others))
                        }
                        (Measure::Cpd(CpdPart::Activity), true) => Some(Value::Text(
                            q.choices[cpd_rng.below(q.choices.len() as u64) as usize].clone(),
                        )),
                        (
                            Measure::Motivation
                            | Measure::Behaviour(_)
                            | Measure::SelfCare
                            | Measure::Action
                            | Measure::Learning
                            | Measure::Need(_)
                            | Measure::StrainFactor
                            | Measure::Barrier
                            | Measure::Reading(_)
                            | Measure::Feedback(_)
                            | Measure::Other,
                            _,
                        ) => Some(Value::Text(rng.words(15))),
                    };
                    r.answers.push(Answer::new(q, v, None));
                }
                app.journal.save_new(&mut r)?;
                written += 1;
                pending.push((action_id(&r.id, "change"), day + 5));
                open_reading = None;
            }
            _ => {}
        }
    }
    outln!(
        "Wrote {written} entries ({} days of check-ins) to {}",
        args.days,
        app.journal.root.display()
    );
    Ok(())
}

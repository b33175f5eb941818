//! The question engine: one way to put a pack's questions to a person, in a
//! terminal or from an answers file, and record each answer in a draft before
//! the next question is asked.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, anyhow, bail};
use chrono::NaiveDate;
use console::{Term, style};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{MultiSelect, Select};
use toml::Spanned;

use crate::fail::Fail;
use crate::journal::draft::Draft;
use crate::journal::entry::FollowStatus;
use crate::journal::{Answer, Journal, Value};
use crate::output::shown;
use crate::prompts::{Pack, QType, Question, SOMETHING_ELSE, is_something_else};
use crate::{time, toml_errors};

/// What a person gave for one question: nothing (skipped), or a value, with
/// a due day for an action, and after "Something else", what it was.
#[derive(Debug, Default)]
pub struct Reply {
    pub value: Option<Value>,
    pub due: Option<NaiveDate>,
    pub other: Option<String>,
}

impl Reply {
    pub fn of(value: Value) -> Reply {
        Reply {
            value: Some(value),
            ..Reply::default()
        }
    }

    /// The answers this reply records: the question's own, then what
    /// "Something else" was, as a text answer of its own (see
    /// [`Question::something_else`]), never inside the choice's value.
    pub fn answers(self, q: &Question) -> Vec<Answer> {
        let mut out = vec![Answer::new(q, self.value, self.due)];
        if let (Some(text), Some(other)) = (self.other, q.something_else()) {
            out.push(Answer::new(&other, Some(Value::Text(text)), None));
        }
        out
    }
}

pub trait Asker {
    /// `earlier`: the answers given so far, which some questions depend on.
    fn ask(
        &mut self,
        q: &Question,
        position: usize,
        total: usize,
        earlier: &[Answer],
    ) -> Result<Reply>;
}

/// The number a question's answer holds, if it has one.
fn number_of(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Float(x) => Some(*x),
        Value::Int(n) => Some(*n as f64),
        Value::Bool(_) | Value::Text(_) | Value::List(_) => None,
    }
}

/// Whether `q` is to be asked, given the answers so far: a question
/// `asked_if` another is skipped with it.
fn is_asked(q: &Question, earlier: &[Answer]) -> bool {
    q.asked_if
        .as_ref()
        .is_none_or(|id| earlier.iter().any(|a| &a.id == id && a.value.is_some()))
}

/// The most a number question may take: the answer to its `at_most`
/// question, when that has one.
fn cap<'a>(q: &'a Question, earlier: &[Answer]) -> Option<(f64, &'a str)> {
    let of = q.at_most.as_deref()?;
    let a = earlier.iter().find(|a| a.id == of)?;
    number_of(a.value.as_ref()).map(|x| (x, of))
}

/// Asks every question of `draft` that has no answer yet, saving the draft
/// after each one, so an interruption loses at most the answer being typed.
pub fn run(journal: &Journal, pack: &Pack, draft: &mut Draft, asker: &mut dyn Asker) -> Result<()> {
    let total = draft.plan.len();
    for id in draft.remaining() {
        let Some(q) = pack.question(&id) else {
            // The pack changed since this draft began; nothing to ask.
            continue;
        };
        let position = draft.plan.len() - draft.remaining().len() + 1;
        let reply = if is_asked(q, &draft.entry.answers) {
            asker.ask(q, position, total, &draft.entry.answers)?
        } else {
            Reply::default()
        };
        draft.entry.answers.extend(reply.answers(q));
        draft.save(journal)?;
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(interrupted());
        }
    }
    Ok(())
}

pub fn interrupted() -> anyhow::Error {
    Fail::interrupted(
        "Paused. Every answer you finished is kept (not the one you were typing); run the same command again to carry on.",
    )
}

// ---------------------------------------------------------------------------
// Answers files

/// Answers read from a file and checked against the pack before anything is
/// written.
pub struct Scripted {
    answers: BTreeMap<String, Reply>,
    /// `[followups]`: what became of open actions, by handle.
    pub followups: Vec<ScriptedFollowup>,
}

pub struct ScriptedFollowup {
    pub handle: String,
    pub status: FollowStatus,
    pub note: Option<String>,
    /// "FILE, line N", for messages about this follow-up.
    pub place: String,
}

impl Scripted {
    /// Reads and checks an answers file. `asked` are the questions this run
    /// asks (all of the pack, or the quick ones).
    pub fn from_file(
        path: &Path,
        pack: &Pack,
        asked: &[&Question],
        day: NaiveDate,
        allow_followups: bool,
    ) -> Result<Scripted> {
        let bytes = std::fs::read(path)
            .with_context(|| format!("could not read the answers file {}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            anyhow!(
                "{}: not UTF-8 text (bad byte at offset {})",
                path.display(),
                e.utf8_error().valid_up_to()
            )
        })?;
        let text = toml_errors::unix_line_ends(&text);
        let table: BTreeMap<String, Spanned<toml::Value>> =
            toml::from_str(&text).map_err(|e| anyhow!(toml_errors::describe(path, &text, &e)))?;
        let mut answers: BTreeMap<String, Reply> = BTreeMap::new();
        let mut others = BTreeMap::new();
        let mut followups = Vec::new();
        for (key, spanned) in table {
            let span = spanned.span();
            let at =
                |reason: String| anyhow!(toml_errors::at(path, &text, Some(span.clone()), &reason));
            if key == "followups" {
                if !allow_followups {
                    bail!(at("[followups] belong in a check-in's answers file".into()));
                }
                if !matches!(spanned.get_ref(), toml::Value::Table(_)) {
                    bail!(at("[followups] should be a table: handle = \"done\"".into()));
                }
                // Read the table again with each follow-up's own place, so a
                // message names the line of the follow-up, not of the header.
                #[derive(serde::Deserialize)]
                struct Places {
                    followups: BTreeMap<String, Spanned<toml::Value>>,
                }
                let places: Places = toml::from_str(&text)
                    .map_err(|e| anyhow!(toml_errors::describe(path, &text, &e)))?;
                for (handle, v) in places.followups {
                    let span = v.span();
                    let place = toml_errors::at(path, &text, Some(span.clone()), "");
                    let (status, note) = followup_value(&handle, v.into_inner()).map_err(|e| {
                        anyhow!(toml_errors::at(path, &text, Some(span), &e.to_string()))
                    })?;
                    followups.push(ScriptedFollowup {
                        handle,
                        status,
                        note,
                        place: place.trim_end_matches([':', ' ']).to_string(),
                    });
                }
                continue;
            }
            if let Some(q) = pack
                .questions
                .iter()
                .find(|q| q.something_else().is_some_and(|o| o.id == key))
            {
                let toml::Value::String(text) = spanned.into_inner() else {
                    bail!(at(format!(
                        "\"{key}\" is what \"{SOMETHING_ELSE}\" was, as text"
                    )));
                };
                if !text.trim().is_empty() {
                    others.insert(q.id.clone(), (text, at(String::new())));
                }
                continue;
            }
            let Some(q) = pack.question(&key) else {
                bail!(at(format!(
                    "\"{key}\" is not a question in the {} pack (its questions: {})",
                    pack.id,
                    pack.questions
                        .iter()
                        .map(|q| q.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            if !asked.iter().any(|a| a.id == key) {
                bail!(at(format!(
                    "\"{key}\" is not asked in a quick check-in; leave out --quick to answer it"
                )));
            }
            let reply = from_toml(q, spanned.into_inner(), day)
                .map_err(|e| at(format!("\"{key}\": {e}")))?;
            answers.insert(key, reply);
        }
        // What "Something else" was belongs with that choice, picked.
        for (id, (text, place)) in others {
            let picked = answers
                .get(&id)
                .and_then(|r| r.value.as_ref())
                .is_some_and(|v| match v {
                    Value::Text(c) => is_something_else(c),
                    Value::List(l) => l.iter().any(|c| is_something_else(c)),
                    Value::Bool(_) | Value::Int(_) | Value::Float(_) => false,
                });
            if !picked {
                bail!(
                    "{place}what \"{SOMETHING_ELSE}\" was needs \"{SOMETHING_ELSE}\" picked in \"{id}\" too"
                );
            }
            if let Some(r) = answers.get_mut(&id) {
                r.other = Some(text);
            }
        }
        let scripted = Scripted { answers, followups };
        scripted
            .check_links(pack)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
        Ok(scripted)
    }

    /// Answers given another way (flags such as `--hours`), checked as an
    /// answers file is, for `pack`.
    pub fn given(pack: &Pack, answers: BTreeMap<String, Reply>) -> Result<Scripted> {
        let scripted = Scripted {
            answers,
            followups: Vec::new(),
        };
        scripted.check_links(pack)?;
        Ok(scripted)
    }

    /// Adds answers given another way; one question answered twice (in the
    /// file and by a flag) is refused rather than one silently winning.
    pub fn add(&mut self, pack: &Pack, other: Scripted, how: &str) -> Result<()> {
        for (id, reply) in other.answers {
            if self.answers.get(&id).is_some_and(|r| r.value.is_some()) {
                bail!("\"{id}\" is answered both in the answers file and {how}; give it once");
            }
            self.answers.insert(id, reply);
        }
        self.check_links(pack)
    }

    /// The rules between answers: one `asked_if` another needs that one
    /// too, and a number `at_most` another may not be more than it.
    fn check_links(&self, pack: &Pack) -> Result<()> {
        for q in &pack.questions {
            let Some(value) = self.answers.get(&q.id).and_then(|r| r.value.as_ref()) else {
                continue;
            };
            let has = |id: &str| self.answers.get(id).and_then(|r| r.value.as_ref());
            if let Some(needed) = &q.asked_if
                && has(needed).is_none()
            {
                bail!("\"{}\" goes with \"{needed}\"; give \"{needed}\" too", q.id);
            }
            if let (Some(of), Some(x)) = (&q.at_most, number_of(Some(value)))
                && let Some(limit) = number_of(has(of))
            {
                q.check_number(x, Some((limit, of)))
                    .map_err(|e| anyhow!("\"{}\": {e}", q.id))?;
            }
        }
        Ok(())
    }

    /// The answers held, to start a draft with.
    pub fn into_answers(mut self, questions: &[&Question]) -> Vec<Answer> {
        let mut out = Vec::new();
        for q in questions {
            if let Some(r) = self.answers.remove(&q.id) {
                out.extend(r.answers(q));
            }
        }
        out
    }
}

impl Asker for Scripted {
    fn ask(&mut self, q: &Question, _: usize, _: usize, _: &[Answer]) -> Result<Reply> {
        Ok(self.answers.remove(&q.id).unwrap_or_default())
    }
}

/// `handle = "done"` or `handle = { status = "partly", note = "..." }`.
// Matches toml's own Value, where every other shape is the same mistake.
#[allow(clippy::wildcard_enum_match_arm)]
fn followup_value(handle: &str, v: toml::Value) -> Result<(FollowStatus, Option<String>)> {
    let words = "done, partly, going or drop";
    let (status, note) = match v {
        toml::Value::String(s) => (s, None),
        toml::Value::Table(mut t) => {
            let Some(toml::Value::String(status)) = t.remove("status") else {
                bail!("follow-up \"{handle}\" needs status = {words}");
            };
            let note = match t.remove("note") {
                None => None,
                Some(toml::Value::String(n)) => Some(n),
                Some(_) => bail!("follow-up \"{handle}\": note should be text"),
            };
            (status, note)
        }
        _ => bail!("follow-up \"{handle}\" should be {words}"),
    };
    match crate::actions::parse_status(&status) {
        Some(s) => Ok((s, note)),
        None => bail!("follow-up \"{handle}\": \"{status}\" should be {words}"),
    }
}

fn from_toml(q: &Question, v: toml::Value, day: NaiveDate) -> Result<Reply> {
    use toml::Value as T;
    let text = |s: String| {
        if s.trim().is_empty() {
            Reply::default()
        } else {
            Reply::of(Value::Text(s))
        }
    };
    Ok(match (q.qtype, v) {
        (QType::Scale, T::Integer(n)) => {
            let (min, max) = q.range();
            if !(min..=max).contains(&n) {
                bail!("{n} is outside the scale; use a whole number from {min} to {max}");
            }
            Reply::of(Value::Int(n))
        }
        (QType::Scale, other) => {
            let (min, max) = q.range();
            bail!(
                "needs a whole number from {min} to {max}, not {}",
                other.type_str()
            )
        }
        (QType::Number, T::Integer(n)) => Reply::of(Value::Float(
            q.check_number(n as f64, None).map_err(|e| anyhow!(e))?,
        )),
        (QType::Number, T::Float(x)) => Reply::of(Value::Float(
            q.check_number(x, None).map_err(|e| anyhow!(e))?,
        )),
        (QType::Number, T::String(s)) if s.trim().is_empty() => Reply::default(),
        (QType::Number, other) => {
            let (min, max) = q.range();
            bail!(
                "needs a number from {min} to {max}, such as 3.5, not {}",
                other.type_str()
            )
        }
        (QType::Text, T::String(s)) => text(s),
        (QType::SingleChoice, T::String(s)) => {
            if s.trim().is_empty() {
                Reply::default()
            } else {
                Reply::of(Value::Text(choice(q, &s)?))
            }
        }
        (QType::MultiChoice, T::Array(items)) => {
            let mut picked = Vec::new();
            for item in items {
                let T::String(s) = item else {
                    bail!("needs a list of choices as text");
                };
                picked.push(choice(q, &s)?);
            }
            if picked.is_empty() {
                Reply::default()
            } else {
                Reply::of(Value::List(picked))
            }
        }
        (QType::YesNo, T::Boolean(b)) => Reply::of(Value::Bool(b)),
        (QType::Action, T::String(s)) => text(s),
        (QType::Action, T::Table(mut t)) => {
            let Some(T::String(s)) = t.remove("text") else {
                bail!("an action table needs text = \"...\"");
            };
            let due = match t.remove("due") {
                None => None,
                Some(T::String(d)) => Some(due_day(&d, day)?),
                Some(T::Datetime(d)) => Some(due_day(&d.to_string(), day)?),
                Some(_) => bail!("due should be a date such as \"2026-12-01\""),
            };
            if let Some(k) = t.keys().next() {
                bail!("an action has only text and due, not \"{k}\"");
            }
            Reply {
                due: due.filter(|_| !s.trim().is_empty()),
                ..text(s)
            }
        }
        (t, other) => bail!("a {} question can't take {}", t.name(), other.type_str()),
    })
}

/// The choice as the pack spells it, matched without regard to case.
fn choice(q: &Question, s: &str) -> Result<String> {
    q.choices
        .iter()
        .find(|c| c.eq_ignore_ascii_case(s.trim()))
        .cloned()
        .ok_or_else(|| {
            anyhow!(
                "\"{s}\" is not one of the choices: {}",
                q.choices.join(", ")
            )
        })
}

/// A day to do something by, read relative to `day`, the journal day of the
/// entry it is set in (today, or the day a check-in is backdated to). A
/// weekday alone means the coming one, and a span ("next week") means its
/// first day; a day before `day` is refused.
pub fn due_day(s: &str, day: NaiveDate) -> Result<NaiveDate> {
    let today = day;
    let days = time::parse_days(s, today).map_err(|_| {
        anyhow!(
            "couldn't read \"{}\" as a day; try friday, next monday, tomorrow, in 2 weeks or 2026-12-01",
            s.trim()
        )
    })?;
    let d = if days.first < today && time::is_weekday(s) {
        time::parse_day(&format!("next {}", s.trim()), today)?
    } else {
        days.first
    };
    if d < today {
        bail!(
            "{} comes before {}, the day this is for; give that day or a later one",
            d.format("%a %-d %b %Y"),
            today.format("%a %-d %b %Y")
        );
    }
    Ok(d)
}

// ---------------------------------------------------------------------------
// The terminal

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
/// True while a dialoguer prompt waits for a key (see [`at_prompt`]).
static WAITING: AtomicBool = AtomicBool::new(false);
static HANDLER: Once = Once::new();

/// The one handler for Ctrl-C, SIGHUP and SIGTERM (the `ctrlc` crate with
/// its `termination` feature; on Windows, Ctrl-C, Ctrl-Break and closing
/// the console window), installed once by every prompt and every scratch
/// file.
///
/// On Unix, dialoguer answers Ctrl-C by raising SIGINT and ending the
/// prompt with an `Interrupted` error, so the caller can show the cursor
/// again and leave the draft safely. A Windows console instead sends Ctrl-C
/// here and leaves the prompt waiting; and a SIGHUP or SIGTERM ends no
/// prompt at all. So while a prompt waits or the editor is open (when every
/// finished answer is already in the draft and nothing is being written),
/// the handler itself removes the scratch files, closes the editor and ends
/// tend, through the same exit as the prompt's error ([`Fail::exit`], which
/// lets only one of them speak). At any other moment it only marks the
/// stop, and the next prompt or editor ends tend instead.
pub fn catch_signals() {
    HANDLER.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            show_cursor();
            if WAITING.load(Ordering::SeqCst) || crate::scratch::editor_open() {
                let said = crate::scratch::stop();
                // The main thread first: a Ctrl-C key ends the prompt there,
                // and its way out lets go of the draft's lock. A signal that
                // ends no prompt (SIGTERM, SIGHUP, a Windows console's
                // Ctrl-C) finds it still waiting, and tend ends here.
                std::thread::sleep(std::time::Duration::from_millis(300));
                Fail::exit(match said {
                    Some(s) => Fail::interrupted(s),
                    None => interrupted(),
                });
            }
        });
    });
}

/// Whether tend has been asked to stop (see [`catch_signals`]).
pub fn stopping() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Runs a prompt (dialoguer's, or tend's own line reader), marked as
/// waiting for the signal handler's sake (see [`catch_signals`]); Ctrl-C
/// becomes the "paused" exit.
fn at_prompt<T, E: Into<dialoguer::Error>>(prompt: impl FnOnce() -> Result<T, E>) -> Result<T> {
    if stopping() {
        return Err(interrupted());
    }
    WAITING.store(true, Ordering::SeqCst);
    let answer = prompt();
    WAITING.store(false, Ordering::SeqCst);
    answer.map_err(|e| prompt_error(e.into()))
}

pub struct Terminal {
    term: Term,
    theme: Box<dyn Theme>,
    editor: bool,
    /// The journal day the answers are for: due days are read from it.
    day: NaiveDate,
}

impl Terminal {
    pub fn new(color: bool, editor: bool, day: NaiveDate) -> Terminal {
        catch_signals();
        let theme = theme(color);
        Terminal {
            term: Term::stderr(),
            theme,
            editor,
            day,
        }
    }

    fn header(&self, q: &Question, position: usize, total: usize) -> Result<()> {
        self.term.write_line("")?;
        // The question wraps at word boundaries, its lines under its first
        // word, so a long question never breaks mid-word at the edge.
        // In plain mode, words a screen reader says well.
        let counter = if crate::output::plain() {
            format!("Question {position} of {total}: ")
        } else {
            format!("{position}/{total} ")
        };
        let indent = " ".repeat(counter.len());
        let width = crate::output::stderr_width().saturating_sub(indent.len());
        for (i, line) in crate::output::wrap(&shown(&q.text), "", "", width)
            .lines()
            .enumerate()
        {
            let lead = if i == 0 { &counter } else { &indent };
            self.term
                .write_line(&format!("{}{}", style(lead).dim(), style(line).bold()))?;
        }
        if let Some(h) = &q.hint {
            let width = crate::output::stderr_width().saturating_sub(4);
            for line in crate::output::wrap(&shown(h), "", "", width).lines() {
                self.term
                    .write_line(&format!("    {}", style(line).dim().italic()))?;
            }
        }
        Ok(())
    }

    /// One line of text; Enter alone skips.
    pub fn line(&self, prompt: &str) -> Result<String> {
        self.checked_line(prompt, &|_| Ok(()))
    }

    /// One line of text that `check` accepts (or refuses, saying why).
    fn checked_line(
        &self,
        prompt: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> Result<String> {
        at_prompt(|| crate::line::read_line(&self.term, &*self.theme, prompt, check))
    }

    fn text(&self, prompt: &str) -> Result<Option<String>> {
        let s = if self.editor {
            self.term.write_line(&format!(
                "    {}",
                style("Opening your editor; save and close it when you're done (empty skips).")
                    .dim()
            ))?;
            self.in_editor()?
        } else {
            self.line(prompt)?
        };
        Ok((!s.trim().is_empty()).then_some(s))
    }

    /// A long answer written in the person's editor, in a scratch file
    /// (see [`crate::scratch`]); an editor that fails keeps nothing.
    fn in_editor(&self) -> Result<String> {
        let scratch = crate::scratch::Scratch::new(
            b"",
            ".txt",
            "Paused. Every answer you finished is kept (not the one in your editor); run the same command again to carry on.",
        )?;
        let status = scratch.edit()?;
        if !status.success() {
            bail!("the editor stopped with an error, so this answer was not kept");
        }
        let bytes = scratch.read()?;
        match std::str::from_utf8(&bytes) {
            Ok(text) => Ok(text.to_string()),
            Err(e) => bail!(
                "what the editor saved is not UTF-8 text (bad byte at offset {}), so this answer was not kept",
                e.valid_up_to()
            ),
        }
    }

    /// After "Something else" is picked: what it was, in a line.
    fn something_else(&self, picked: bool) -> Result<Option<String>> {
        if !picked {
            return Ok(None);
        }
        let s = self.line(&format!("{SOMETHING_ELSE}: what was it? (Enter to skip)"))?;
        Ok((!s.trim().is_empty()).then(|| s.trim().to_string()))
    }
}

impl Asker for Terminal {
    fn ask(
        &mut self,
        q: &Question,
        position: usize,
        total: usize,
        earlier: &[Answer],
    ) -> Result<Reply> {
        self.header(q, position, total)?;
        let day = self.day;
        Ok(match q.qtype {
            QType::Number => {
                // Named as words here ("cpd hours"); files and flags use the id.
                let of = q.at_most.as_deref().unwrap_or_default().replace('_', " ");
                let cap = cap(q, earlier).map(|(limit, _)| (limit, of.as_str()));
                let (min, max) = q.range();
                let most = cap.map_or(max as f64, |(c, _)| c);
                let prompt = format!("{min} to {} (Enter to skip)", crate::prompts::number(most));
                let s = self.checked_line(&prompt, &|s| {
                    if s.trim().is_empty() {
                        return Ok(());
                    }
                    q.parse_number(s, cap).map(|_| ())
                })?;
                match q.parse_number(&s, cap) {
                    Ok(x) if !s.trim().is_empty() => Reply::of(Value::Float(x)),
                    Ok(_) | Err(_) => Reply::default(),
                }
            }
            QType::Scale => {
                let (min, max) = q.range();
                // Plain mode says the range in words: "1 (flat) to 5
                // (buzzing); Enter to skip".
                let prompt = match (&q.labels, crate::output::plain()) {
                    (Some([lo, hi]), false) => format!("{min} {lo} … {max} {hi} (Enter to skip)"),
                    (None, false) => format!("{min} to {max} (Enter to skip)"),
                    (Some([lo, hi]), true) => {
                        format!("{min} ({lo}) to {max} ({hi}); Enter to skip")
                    }
                    (None, true) => format!("{min} to {max}; Enter to skip"),
                };
                let s = self.checked_line(&prompt, &|s| match s.trim() {
                    "" => Ok(()),
                    t => match t.parse::<i64>() {
                        Ok(n) if (min..=max).contains(&n) => Ok(()),
                        _ => Err(format!(
                            "Please type a whole number from {min} to {max}, or Enter to skip."
                        )),
                    },
                })?;
                match s.trim().parse::<i64>() {
                    Ok(n) => Reply::of(Value::Int(n)),
                    Err(_) => Reply::default(),
                }
            }
            QType::Text => match self.text("Your answer (Enter to skip)")? {
                Some(s) => Reply::of(Value::Text(s)),
                None => Reply::default(),
            },
            QType::SingleChoice => {
                // The list starts on "skip", so Enter alone records nothing,
                // as on every other question.
                let items: Vec<String> = q.choices.iter().map(|c| shown(c).into_owned()).collect();
                match choose(&self.term, &*self.theme, &items, Skip::Skips)?
                    .and_then(|i| q.choices.get(i))
                {
                    Some(c) => Reply {
                        other: self.something_else(is_something_else(c))?,
                        ..Reply::of(Value::Text(c.clone()))
                    },
                    None => Reply::default(),
                }
            }
            QType::MultiChoice => {
                let items: Vec<String> = q.choices.iter().map(|c| shown(c).into_owned()).collect();
                let picked = choose_many(&self.term, &*self.theme, &items)?;
                let list: Vec<String> = picked.into_iter().map(|i| q.choices[i].clone()).collect();
                if list.is_empty() {
                    Reply::default()
                } else {
                    Reply {
                        other: self.something_else(list.iter().any(|c| is_something_else(c)))?,
                        ..Reply::of(Value::List(list))
                    }
                }
            }
            QType::YesNo => {
                let s = self.checked_line("y or n (Enter to skip)", &|s| match yes_no(s) {
                    Ok(_) => Ok(()),
                    Err(()) => Err("Please type y, n, or Enter to skip.".into()),
                })?;
                match yes_no(&s) {
                    Ok(Some(b)) => Reply::of(Value::Bool(b)),
                    _ => Reply::default(),
                }
            }
            QType::Action => match self.text("Your next step (Enter to skip)")? {
                None => Reply::default(),
                Some(text) => {
                    let s = self.checked_line(
                        "By when? (a day such as friday or 2026-12-01; Enter for no date)",
                        &|s| {
                            if s.trim().is_empty() {
                                return Ok(());
                            }
                            due_day(s, day).map(|_| ()).map_err(|e| e.to_string())
                        },
                    )?;
                    let due = if s.trim().is_empty() {
                        None
                    } else {
                        due_day(&s, day).ok()
                    };
                    if let Some(d) = due {
                        self.term.write_line(&format!(
                            "    {}",
                            style(format!("for {}", d.format("%a %-d %b"))).dim()
                        ))?;
                    }
                    Reply {
                        due,
                        ..Reply::of(Value::Text(text))
                    }
                }
            },
        })
    }
}

/// The first line of every single-choice list.
const SKIP: &str = "(skip this one)";

/// Colours and marks when colour is on; plain text otherwise.
fn theme(color: bool) -> Box<dyn Theme> {
    if color {
        Box::new(ColorfulTheme::default())
    } else {
        Box::new(SimpleTheme)
    }
}

/// Asks a yes/no question in the terminal (not part of a pack).
pub fn confirm(color: bool, prompt: &str, default: bool) -> Result<bool> {
    catch_signals();
    let theme = theme(color);
    let term = Term::stderr();
    if !crate::output::plain() {
        return at_prompt(|| {
            dialoguer::Confirm::with_theme(&*theme)
                .with_prompt(prompt)
                .default(default)
                .interact_on(&term)
        });
    }
    // Plain: typed, then Enter, as every other answer is.
    let options = if default { "[Y/n]" } else { "[y/N]" };
    let s = at_prompt(|| {
        crate::line::read_line(
            &term,
            &*theme,
            &format!("{prompt} {options}"),
            &|s| match yes_no(s) {
                Ok(_) => Ok(()),
                Err(()) => Err(format!(
                    "Please type y or n (Enter alone is {}).",
                    if default { "yes" } else { "no" }
                )),
            },
        )
    })?;
    Ok(yes_no(&s).ok().flatten().unwrap_or(default))
}

/// Asks for one line of text in the terminal (not part of a pack), shown as
/// it is typed or pasted; tend's own line reader, in plain mode too.
pub fn text(color: bool, prompt: &str) -> Result<zeroize::Zeroizing<String>> {
    catch_signals();
    let theme = theme(color);
    at_prompt(|| {
        crate::line::read_line(&Term::stderr(), &*theme, prompt, &|_| Ok(()))
            .map(zeroize::Zeroizing::new)
    })
}

/// Lets a person pick one of several lines in the terminal; Enter alone
/// takes the first.
pub fn pick(color: bool, prompt: &str, items: &[String]) -> Result<usize> {
    catch_signals();
    let theme = theme(color);
    let term = Term::stderr();
    if crate::output::plain() {
        term.write_line(&shown(prompt))?;
    }
    let chosen = choose(&term, &*theme, items, Skip::TakesFirst(prompt))?;
    Ok(chosen.unwrap_or(0))
}

/// What Enter alone does in a list of choices.
#[derive(Clone, Copy)]
enum Skip<'a> {
    /// Skips the question (a "(skip this one)" line heads the menu).
    Skips,
    /// Takes the first item; the menu has this prompt.
    TakesFirst(&'a str),
}

/// One of `items`, or None for a skip: an arrow-key menu, or in plain mode a
/// numbered list answered by typing a number.
fn choose(term: &Term, theme: &dyn Theme, items: &[String], skip: Skip) -> Result<Option<usize>> {
    if crate::output::plain() {
        numbered(term, items)?;
        let n = items.len();
        let (prompt, enter) = match skip {
            Skip::Skips => (
                format!("Type a number from 1 to {n} (Enter to skip)"),
                "or Enter to skip",
            ),
            Skip::TakesFirst(_) => (
                format!("Type a number from 1 to {n} (Enter for 1)"),
                "or Enter for 1",
            ),
        };
        let s = at_prompt(|| {
            crate::line::read_line(term, theme, &prompt, &|s| {
                numbers(s, n)
                    .and_then(|p| if p.len() > 1 { Err(()) } else { Ok(()) })
                    .map_err(|()| format!("Please type one number from 1 to {n}, {enter}."))
            })
        })?;
        let first = numbers(&s, n).ok().and_then(|p| p.first().copied());
        return Ok(match skip {
            Skip::Skips => first,
            Skip::TakesFirst(_) => Some(first.unwrap_or(0)),
        });
    }
    Ok(match skip {
        Skip::Skips => {
            // The list starts on "skip", so Enter alone records nothing, as
            // on every other question.
            let mut with_skip = vec![SKIP.to_string()];
            with_skip.extend(items.iter().cloned());
            let i = at_prompt(|| {
                Select::with_theme(theme)
                    .with_prompt("Pick one with the arrows, then Enter (Enter alone skips)")
                    .items(&with_skip)
                    .default(0)
                    .interact_on(term)
            })?;
            i.checked_sub(1)
        }
        Skip::TakesFirst(prompt) => Some(at_prompt(|| {
            Select::with_theme(theme)
                .with_prompt(prompt)
                .items(items)
                .default(0)
                .interact_on(term)
        })?),
    })
}

/// Any number of `items` (none skips): a menu with checkboxes, or in plain
/// mode a numbered list answered with numbers such as "1 3" or "1,3".
fn choose_many(term: &Term, theme: &dyn Theme, items: &[String]) -> Result<Vec<usize>> {
    if !crate::output::plain() {
        return at_prompt(|| {
            MultiSelect::with_theme(theme)
                .with_prompt("Space to pick, Enter when done (none skips)")
                .items(items)
                .interact_on(term)
        });
    }
    numbered(term, items)?;
    let n = items.len();
    let s = at_prompt(|| {
        crate::line::read_line(
            term,
            theme,
            "Type the numbers of all that fit, such as 1 3 (Enter to skip)",
            &|s| {
                numbers(s, n).map(|_| ()).map_err(|()| {
                    format!("Please type numbers from 1 to {n}, such as 1 3, or Enter to skip.")
                })
            },
        )
    })?;
    Ok(numbers(&s, n).unwrap_or_default())
}

/// The items, one a line, each with the number to type.
fn numbered(term: &Term, items: &[String]) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        term.write_line(&format!("  {}. {item}", i + 1))?;
    }
    Ok(())
}

/// Numbers typed for a list of `n` ("2", "1 3", "1,3"), as indexes from 0 in
/// the order of the list, each once; empty for nothing typed. Err if any is
/// not a number from 1 to `n`.
fn numbers(s: &str, n: usize) -> std::result::Result<Vec<usize>, ()> {
    let mut picked = Vec::new();
    for word in s.split(|c: char| c == ',' || c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        match word.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => picked.push(k - 1),
            _ => return Err(()),
        }
    }
    picked.sort_unstable();
    picked.dedup();
    Ok(picked)
}

fn yes_no(s: &str) -> std::result::Result<Option<bool>, ()> {
    match s.trim().to_lowercase().as_str() {
        "" => Ok(None),
        "y" | "yes" => Ok(Some(true)),
        "n" | "no" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// The cursor back, after a menu hid it; plain mode never hides it, and
/// sends no cursor codes at all.
fn show_cursor() {
    if !crate::output::plain() {
        let _ = Term::stderr().show_cursor();
    }
}

/// Ctrl-C becomes the "paused" exit; anything else is a plain error.
fn prompt_error(e: dialoguer::Error) -> anyhow::Error {
    let dialoguer::Error::IO(io) = e;
    show_cursor();
    if io.kind() == std::io::ErrorKind::Interrupted || INTERRUPTED.load(Ordering::SeqCst) {
        // The unfinished prompt line is ended by Fail::exit.
        interrupted()
    } else {
        anyhow!("the terminal stopped answering ({io})")
    }
}

/// Asks for a secret in the terminal without echoing it; with `confirm`
/// (prompt, mismatch message) it is asked twice until both match. `check`
/// refuses an answer with a reason, and the question is asked again.
pub fn secret(
    color: bool,
    prompt: &str,
    confirm: Option<(&str, &str)>,
    check: fn(&str) -> std::result::Result<(), String>,
) -> Result<zeroize::Zeroizing<String>> {
    catch_signals();
    if crate::output::plain() {
        return plain_secret(prompt, confirm, check);
    }
    let theme = theme(color);
    let mut asking = dialoguer::Password::with_theme(&*theme)
        .with_prompt(prompt)
        .validate_with(move |s: &String| check(s));
    if let Some((again, mismatch)) = confirm {
        asking = asking.with_confirmation(again, mismatch);
    }
    at_prompt(|| asking.interact_on(&Term::stderr())).map(zeroize::Zeroizing::new)
}

/// [`secret`] in plain mode: the terminal's own echo is turned off while
/// it is typed; a refusal or a mismatch is said on its own line and the
/// question asked again, with nothing cleared or redrawn.
fn plain_secret(
    prompt: &str,
    confirm: Option<(&str, &str)>,
    check: fn(&str) -> std::result::Result<(), String>,
) -> Result<zeroize::Zeroizing<String>> {
    let term = Term::stderr();
    let read = |prompt: &str| -> Result<zeroize::Zeroizing<String>> {
        term.write_str(&format!("{prompt}: "))?;
        let typed = at_prompt(|| term.read_secure_line()).map(zeroize::Zeroizing::new)?;
        if INTERRUPTED.load(Ordering::SeqCst) {
            return Err(prompt_error(dialoguer::Error::IO(
                std::io::ErrorKind::Interrupted.into(),
            )));
        }
        Ok(typed)
    };
    loop {
        let typed = read(prompt)?;
        if let Err(why) = check(&typed) {
            term.write_line(&why)?;
            continue;
        }
        let Some((again, mismatch)) = confirm else {
            return Ok(typed);
        };
        if *read(again)? == *typed {
            return Ok(typed);
        }
        term.write_line(mismatch)?;
    }
}

#[cfg(test)]
mod tests {
    use super::numbers;

    #[test]
    fn typed_numbers_pick_from_a_list() {
        assert_eq!(numbers("", 5), Ok(vec![]));
        assert_eq!(numbers("3", 5), Ok(vec![2]));
        assert_eq!(numbers("1 3", 5), Ok(vec![0, 2]));
        assert_eq!(numbers("3,1, 3", 5), Ok(vec![0, 2]));
        assert_eq!(numbers("0", 5), Err(()));
        assert_eq!(numbers("6", 5), Err(()));
        assert_eq!(numbers("two", 5), Err(()));
    }
}

//! `tend read`: questions before reading, questions after (linked to the
//! same reading), and the list of open and finished readings.

use anyhow::{Result, bail};
use console::style;

use crate::actions::age;
use crate::app::{App, Problems};
use crate::ask::{self, Scripted, Terminal};
use crate::cli::ReadArgs;
use crate::drafting::{self, interactive, require_terminal, resume_or_set_aside, save_scripted};
use crate::journal::Entry;
use crate::journal::id;
use crate::journal::index::{Depth, Index};
use crate::journal::state::Reading;
use crate::model::Kind;
use crate::output::{self, Shown};
use std::collections::BTreeMap;

use crate::fail::Fail;
use crate::journal::Value;
use crate::model::{CpdPart, Measure};
use crate::prompts::{Pack, QType, Question};
use crate::time;

pub fn run(app: &App, args: ReadArgs) -> Result<()> {
    let index = app.index(Depth::Quick, Problems::Warn)?;
    if args.list {
        return list(app, &index);
    }
    let packs = app.packs()?;
    let created = app.created_at(args.entry.date.as_deref())?;
    let day = time::journal_day(&created, app.config.day_starts);
    let (pack, entry) = match (&args.after, &args.title) {
        (Some(which), _) => {
            let reading = choose_open(app, &index, which, args.answers.is_none())?;
            let pack = packs.get("reading_after")?;
            let mut entry = Entry::start(pack, created, &args.entry.tags);
            entry.reading = Some(reading.id.clone());
            entry.title = Some(reading.title.clone());
            errln!("After reading “{}”", Shown(&reading.title));
            (pack, entry)
        }
        (None, Some(title)) if !title.trim().is_empty() => {
            let pack = packs.get("reading")?;
            let mut entry = Entry::start(pack, created, &args.entry.tags);
            entry.title = Some(title.trim().to_string());
            entry.source = args.source.clone().filter(|s| !s.trim().is_empty());
            (pack, entry)
        }
        _ => bail!(
            "say what you are reading: tend read \"TITLE\", or finish one with tend read --after \
             (tend read --list shows them)"
        ),
    };
    let questions: Vec<&Question> = pack.questions.iter().collect();
    let given = cpd_flags(pack, &args)?;
    if let Some(file) = &args.answers {
        let mut scripted = Scripted::from_file(file, pack, &questions, day, false)?;
        scripted
            .add(pack, given, "by a flag")
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        save_scripted(app, entry, &questions, scripted)?;
        return Ok(());
    }
    require_terminal("tend read")?;
    let editor = args.entry.editor || app.config.editor_for_long_answers;
    let mut draft = match resume_or_set_aside(app, pack)? {
        Some(d) => d,
        None => drafting::start(&questions, entry),
    };
    // CPD given as flags is not asked again.
    for a in given.into_answers(&questions) {
        draft.entry.answers.retain(|x| x.id != a.id);
        draft.entry.answers.push(a);
    }
    let draft_day = time::journal_day(&draft.entry.created, app.config.day_starts);
    let mut terminal = Terminal::new(app.color, editor, draft_day);
    let saved = interactive(app, pack, draft, &mut terminal)?;
    if saved.kind == Kind::Reading {
        errln!(
            "{}",
            style("When you've finished it, `tend read --after` asks what you took from it.").dim()
        );
    }
    Ok(())
}

/// `--hours`, `--participatory-hours` and `--activity`, read and checked
/// as the same answers would be in a file or at the prompt.
fn cpd_flags(pack: &Pack, args: &ReadArgs) -> Result<Scripted> {
    let mut given = BTreeMap::new();
    let flags = [
        ("--hours", Measure::Cpd(CpdPart::Hours), args.hours.clone()),
        (
            "--participatory-hours",
            Measure::Cpd(CpdPart::ParticipatoryHours),
            args.participatory_hours.clone(),
        ),
        (
            "--activity",
            Measure::Cpd(CpdPart::Activity),
            args.activity.map(|a| a.as_str().to_string()),
        ),
    ];
    for (flag, measure, typed) in flags {
        let Some(typed) = typed else { continue };
        let shown = typed.clone();
        let Some(q) = pack.questions.iter().find(|q| q.measures == measure) else {
            bail!("{flag}: the {} pack has no question for it", pack.id);
        };
        let hours = given
            .get("cpd_hours")
            .and_then(|r: &ask::Reply| r.value.as_ref())
            .and_then(|v| match v {
                Value::Float(x) => Some((*x, "--hours")),
                Value::Bool(_) | Value::Int(_) | Value::Text(_) | Value::List(_) => None,
            });
        let value = match q.qtype {
            QType::Number => q
                .parse_number(&typed, hours.filter(|_| q.at_most.is_some()))
                .map(Value::Float),
            QType::SingleChoice
            | QType::Scale
            | QType::Text
            | QType::MultiChoice
            | QType::YesNo
            | QType::Action => Ok(Value::Text(typed)),
        }
        .map_err(|e| Fail::usage(format!("{flag} {shown}: {e}. Nothing was written.")))?;
        given.insert(q.id.clone(), ask::Reply::of(value));
    }
    Scripted::given(pack, given)
}

/// The open reading to finish: the one named, the only one, or the one the
/// person picks.
fn choose_open(app: &App, index: &Index, which: &str, can_ask: bool) -> Result<Reading> {
    let mut open: Vec<&Reading> = index.state.open_readings.values().collect();
    open.sort_by(|a, b| a.id.cmp(&b.id));
    if open.is_empty() {
        bail!("there is no open reading to finish. Start one with tend read \"TITLE\"");
    }
    let which = which.trim();
    if !which.is_empty() {
        let hits: Vec<&&Reading> = open
            .iter()
            .filter(|r| {
                r.id == which || r.id.starts_with(which) || id::handle(&r.id).starts_with(which)
            })
            .collect();
        return match hits.as_slice() {
            [one] => Ok((**one).clone()),
            [] => bail!("no open reading matches \"{which}\" (tend read --list shows them)"),
            _ => bail!("\"{which}\" matches several readings; type a few more characters"),
        };
    }
    if open.len() == 1 {
        return Ok(open[0].clone());
    }
    let names: Vec<String> = open
        .iter()
        .map(|r| {
            format!(
                "{}  “{}” (started {})",
                id::handle(&r.id),
                r.title,
                age(&r.created, &app.now)
            )
        })
        .collect();
    if !can_ask || !App::interactive() {
        bail!(
            "{} readings are open; say which with --after HANDLE:\n  {}",
            open.len(),
            names.join("\n  ")
        );
    }
    let i = ask::pick(app.color, "Which reading have you finished?", &names)?;
    Ok(open[i].clone())
}

fn list(app: &App, index: &Index) -> Result<()> {
    let mut open: Vec<&Reading> = index.state.open_readings.values().collect();
    open.sort_by(|a, b| a.id.cmp(&b.id));
    let finished = &index.state.finished_readings;
    if open.is_empty() && finished.is_empty() {
        outln!("No readings yet. Before you read something: tend read \"TITLE\"");
        return Ok(());
    }
    if !open.is_empty() {
        outln!("{}", style("Open").bold());
        let mut t = output::Table::unlabelled(&["handle", "title", "started"]);
        for r in &open {
            t.row(vec![
                id::handle(&r.id).to_string(),
                format!("“{}”", r.title),
                format!("started {}", age(&r.created, &app.now)),
            ]);
        }
        out!("{}", t.render(output::width()));
    }
    if !finished.is_empty() {
        if !open.is_empty() {
            outln!();
        }
        outln!("{}", style("Finished").bold());
        let mut t = output::Table::unlabelled(&["handle", "title", "finished"]);
        for r in finished.iter().rev() {
            t.row(vec![
                id::handle(&r.id).to_string(),
                format!("“{}”", r.title),
                r.finished
                    .map(|f| format!("finished {}", f.format("%-d %b %Y")))
                    .unwrap_or_default(),
            ]);
        }
        out!("{}", t.render(output::width()));
    }
    Ok(())
}

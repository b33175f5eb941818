//! `tend prompts`: list, show and check question packs.

use anyhow::Result;
use console::style;

use crate::accounts;
use crate::app::App;
use crate::cli::PromptsCommand;
use crate::output::{self, Shown};
use crate::prompts::{self, Quick, Source};

pub fn run(app: &App, cmd: PromptsCommand) -> Result<()> {
    match cmd {
        PromptsCommand::List => {
            let packs = app.packs()?;
            let mut table = output::Table::new(&["id", "version", "title", "questions", "from"]);
            for p in packs.packs.values() {
                table.row(vec![
                    p.id.clone(),
                    p.version.to_string(),
                    p.title.clone(),
                    p.questions.len().to_string(),
                    match &p.source {
                        Source::BuiltIn => "built in".into(),
                        Source::File(f) => f.display().to_string(),
                    },
                ]);
            }
            out!("{}", table.render(output::width()));
            outln!(
                "{}",
                style(format!(
                    "Your own packs go in {}",
                    app.config.user_prompts_dir().display()
                ))
                .dim()
            );
            for reason in packs.broken.values() {
                errln!("tend: a pack of yours can't be used: {}", Shown(reason));
            }
            Ok(())
        }
        PromptsCommand::Show { id } => {
            let packs = app.packs()?;
            let p = packs.get(&id)?;
            outln!(
                "{} ({} v{}, kind {})",
                style(&p.title).bold(),
                p.id,
                p.version,
                p.kind
            );
            if !p.description.is_empty() {
                outln!("{}", Shown(&p.description));
            }
            for (i, q) in p.questions.iter().enumerate() {
                outln!();
                outln!("{}. {}", i + 1, style(Shown(&q.text)).bold());
                if let Some(h) = &q.hint {
                    outln!("   {}", style(Shown(h)).dim());
                }
                let mut facts = vec![
                    format!("id {}", q.id),
                    q.qtype.name().to_string(),
                    format!("measures {}", q.measures),
                    format!("shared from level {}", q.level),
                ];
                if q.qtype == prompts::QType::Scale {
                    let (min, max) = q.range();
                    facts.push(format!("{min} to {max}"));
                }
                match q.quick {
                    Quick::Always => facts.push("in --quick".into()),
                    Quick::Rotate => facts.push("in --quick by turns".into()),
                    Quick::Never => {}
                }
                outln!("   {}", style(facts.join(" · ")).dim());
                if !q.choices.is_empty() {
                    outln!("   choices: {}", Shown(&q.choices.join(" | ")));
                }
            }
            Ok(())
        }
        PromptsCommand::Check { file } => {
            let text = prompts::read_text(&file)?;
            if accounts::is_template(&file, &text) {
                let t = accounts::parse(&file, &text)?;
                outln!(
                    "{} is a valid account template: \"{}\" (id {}, version {}), {} sections.",
                    file.display(),
                    Shown(&t.title),
                    t.id,
                    t.version,
                    t.sections.len()
                );
                if !t.description.is_empty() {
                    outln!("{}", Shown(&t.description));
                }
                return Ok(());
            }
            let p = prompts::parse_pack(&file, &text, Source::File(file.clone()))?;
            outln!(
                "{} is a valid pack: \"{}\" (id {}, version {}), {} questions.",
                file.display(),
                p.title,
                p.id,
                p.version,
                p.questions.len()
            );
            Ok(())
        }
    }
}

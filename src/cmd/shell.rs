//! `tend completions`, `tend man` and `tend config`: tend at home in a shell.

use anyhow::Result;
use clap::CommandFactory;

use crate::app::App;
use crate::cli::{Cli, ConfigCommand};
use crate::config::ColorChoice;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    clap_complete::generate(shell, &mut Cli::command(), "tend", &mut std::io::stdout());
    Ok(())
}

pub fn man() -> Result<()> {
    clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
    Ok(())
}

pub fn config(app: &App, cmd: ConfigCommand, dir_flag: bool) -> Result<()> {
    let c = &app.config;
    match cmd {
        ConfigCommand::Path => {
            outln!("{}", c.path.display());
            if !c.path.exists() {
                errln!("(no file there yet: every setting has its default)");
            }
        }
        ConfigCommand::Show => {
            let from = |key: &str| {
                if c.from_file.contains(&key) {
                    "file"
                } else {
                    "default"
                }
            };
            let list = |v: &[String]| {
                format!(
                    "[{}]",
                    v.iter()
                        .map(|s| format!("{s:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let dir_source = if dir_flag {
                "--dir or TEND_DIR"
            } else {
                from("dir")
            };
            let color_source = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
                && c.color == ColorChoice::Auto
            {
                "environment (NO_COLOR)"
            } else {
                from("color")
            };
            let rows: Vec<(&str, String, &str)> = vec![
                ("dir", app.journal.root.display().to_string(), dir_source),
                (
                    "editor_for_long_answers",
                    c.editor_for_long_answers.to_string(),
                    from("editor_for_long_answers"),
                ),
                (
                    "day_starts",
                    c.day_starts.format("%H:%M").to_string(),
                    from("day_starts"),
                ),
                (
                    "weekly_target",
                    c.weekly_target
                        .map(|t| t.to_string())
                        .unwrap_or("none".into()),
                    from("weekly_target"),
                ),
                (
                    "rest_days",
                    list(
                        &c.rest_days
                            .iter()
                            .map(|d| d.to_string().to_lowercase())
                            .collect::<Vec<_>>(),
                    ),
                    from("rest_days"),
                ),
                ("streaks", c.streaks.to_string(), from("streaks")),
                ("default_pack", c.default_pack.clone(), from("default_pack")),
                (
                    "label",
                    c.label
                        .clone()
                        .unwrap_or("none (exports say \"a leader\")".into()),
                    from("label"),
                ),
                ("watch_list", list(&c.watch_list), from("watch_list")),
                (
                    "color",
                    match c.color {
                        ColorChoice::Auto => "auto",
                        ColorChoice::Always => "always",
                        ColorChoice::Never => "never",
                    }
                    .into(),
                    color_source,
                ),
                ("keyring", c.keyring.to_string(), from("keyring")),
                (
                    "revalidation_due",
                    c.revalidation_due
                        .map(|d| d.to_string())
                        .unwrap_or("none (CPD counts the last three years)".into()),
                    from("revalidation_due"),
                ),
                (
                    "regulator",
                    c.regulator
                        .map(|r| r.name().to_string())
                        .unwrap_or("none (no targets shown)".into()),
                    from("regulator"),
                ),
                (
                    "sync",
                    if c.sync_auto { "auto" } else { "manual" }.into(),
                    from("sync"),
                ),
            ];
            outln!(
                "# {} ({})",
                c.path.display(),
                if c.path.exists() {
                    "read"
                } else {
                    "not there: all defaults"
                }
            );
            for (k, v, src) in rows {
                outln!("{k:<24} {v:<40} # {src}");
            }
            // Never unlocked here: the names the journal keeps are only pointed to.
            if let Some(kept) = crate::journal::settings::existing(&app.journal) {
                outln!(
                    "# the journal keeps more watch_list names in {} (`tend watch` lists them)",
                    kept.display()
                );
            }
        }
    }
    Ok(())
}

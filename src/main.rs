//! tend: parse the command line, run the command, turn errors into exit codes.

// Adding a kind or a measure must be a compile error wherever it needs handling.
#![warn(clippy::wildcard_enum_match_arm)]

// First, so that its printing macros are in scope everywhere below.
#[macro_use]
mod output;

mod accounts;
mod actions;
mod app;
mod ask;
mod cli;
mod cmd;
mod coach;
mod cohort;
mod config;
mod cores;
mod crypt;
mod drafting;
mod evidence;
mod export;
mod fail;
mod fnv;
mod git;
mod identifiers;
mod journal;
mod line;
mod model;
mod platform;
mod prompts;
mod scratch;
mod summary;
mod synced;
mod time;
mod toml_errors;
mod words;

fn main() {
    platform::quiet_closed_pipe();
    let cli = cli::parse();
    if let Err(err) = cmd::run(cli) {
        fail::Fail::exit(err);
    }
}

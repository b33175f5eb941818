//! Every command and option, in one place; each `///` comment is help text.

use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::model::{By, Kind, Part};
use crate::prompts::Level;

/// The command line, read; a mistake ends tend with clap's message (exit
/// code 2). A day typed where a command takes none (`tend checkin
/// yesterday`) gets a tip naming the option that takes it.
pub fn parse() -> Cli {
    // Plain mode is decided before clap reads anything, so its own words
    // (help, a mistake) are plain too: clap colours them by itself.
    crate::output::decide_plain(plain_asked());
    let mut command = <Cli as clap::CommandFactory>::command();
    if crate::output::plain() {
        command = command.color(clap::ColorChoice::Never);
    }
    let parsed = command
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(mut e) => {
            // Only to find the stray day; the command itself is read from
            // the arguments as they are (a folder's name need not be UTF-8).
            let args: Vec<String> = std::env::args_os()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            if let Some(tip) = day_tip(&e, &args) {
                e.insert(
                    ContextKind::Suggested,
                    ContextValue::StyledStrs(vec![tip.into()]),
                );
            }
            e.exit()
        }
    }
}

/// `--plain` before a `--`, or `TEND_PLAIN` read by clap's own rule for
/// the flag (1, yes, true, on).
fn plain_asked() -> bool {
    let flag = std::env::args_os()
        .skip(1)
        .take_while(|a| a != "--")
        .any(|a| a == "--plain");
    flag || std::env::var_os("TEND_PLAIN").is_some_and(|v| {
        use clap::builder::TypedValueParser;
        clap::builder::BoolishValueParser::new()
            .parse_ref(&clap::Command::new("tend"), None, &v)
            .unwrap_or(false)
    })
}

/// For a stray argument that reads as a day, where the command has an option
/// for a day: the tip to use that option.
fn day_tip(e: &clap::Error, args: &[String]) -> Option<String> {
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(stray)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let words: Vec<&str> = args.iter().skip(1).map(String::as_str).collect();
    let option = match words
        .iter()
        .find(|w| !w.starts_with('-') && COMMANDS_WITH_DAYS.iter().any(|(c, _)| c == *w))
    {
        Some(&"actions") if words.contains(&"add") => "--due",
        Some(&"actions") => return None,
        Some(c) => COMMANDS_WITH_DAYS.iter().find(|(n, _)| n == c)?.1,
        None => return None,
    };
    // "last friday" arrives as two arguments: the longest run from the
    // stray one that reads as a day is what was meant.
    let at = words.iter().position(|w| w == stray)?;
    let run: Vec<&str> = words[at..]
        .iter()
        .take_while(|w| !w.starts_with('-'))
        .copied()
        .collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)?;
    let day = (1..=run.len())
        .rev()
        .map(|n| run[..n].join(" "))
        .find(|d| crate::time::parse_days(d, today).is_ok())?;
    let day = if day.contains(' ') {
        format!("\"{day}\"")
    } else {
        day
    };
    Some(format!("to say which day, use '{option} {day}'"))
}

/// The commands that take a day by an option, and that option.
const COMMANDS_WITH_DAYS: &[(&str, &str)] = &[
    ("checkin", "--date"),
    ("list", "--since"),
    ("summary", "--since"),
    ("export", "--since"),
    ("actions", "--due"),
];

#[derive(Parser, Debug)]
#[command(
    name = "tend",
    version,
    about = "A reflective journal for compassionate leadership, kept as plain files on your machine.",
    long_about = "A reflective journal for compassionate leadership, kept as plain files on your machine.\n\n\
        Most days, a short check-in: how motivated you feel, the four behaviours \
        (attend, understand, empathise, help), how you are treating yourself, and one \
        small next step. Every question can be skipped. Nothing leaves your machine.",
    after_help = "Examples:\n  tend                 where your journal is and what to do next\n  tend checkin         the daily check-in (about three minutes)\n  tend note \"Good chat with the night team\" --tag handover\n  tend list -n 5       your five most recent entries"
)]
pub struct Cli {
    /// The journal folder (default: your data folder + tend)
    #[arg(long, global = true, env = "TEND_DIR", value_name = "DIR")]
    pub dir: Option<PathBuf>,

    /// Print long output straight to the terminal, not through a pager
    #[arg(long, global = true)]
    pub no_pager: bool,

    /// Plain output for screen readers and simple terminals: no colour, bars or
    /// boxes, no pager; choices answered by typing a number (also TEND_PLAIN=1, TERM=dumb)
    #[arg(
        long,
        global = true,
        env = "TEND_PLAIN",
        value_parser = clap::builder::BoolishValueParser::new()
    )]
    pub plain: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    Checkin(CheckinArgs),
    Note(NoteArgs),
    List(ListArgs),
    Show(ShowArgs),
    Read(ReadArgs),
    Actions(ActionsArgs),
    Status(StatusArgs),
    Summary(SummaryArgs),
    Export(ExportArgs),
    Review(ReviewArgs),
    Cpd(CpdArgs),
    Portfolio(PortfolioArgs),
    Edit(EditArgs),
    Doctor(DoctorArgs),
    /// Bring entries in from another journal (jrnl)
    #[command(subcommand)]
    Import(ImportCommand),
    Delete(DeleteArgs),
    Restore(RestoreArgs),
    /// What is in the trash; erase it for good with purge or empty
    #[command(after_help = "Examples:\n  tend trash\n  tend trash purge k3f9\n  tend trash empty")]
    Trash {
        #[command(subcommand)]
        command: Option<TrashCommand>,
    },
    /// Shell completions for bash, zsh, fish, elvish or powershell
    #[command(
        after_help = "Examples:\n  tend completions bash > ~/.local/share/bash-completion/completions/tend\n  tend completions zsh > ~/.zfunc/_tend"
    )]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), for man
    #[command(after_help = "Example:\n  tend man > ~/.local/share/man/man1/tend.1")]
    Man,
    /// Where the config file is, and every setting with where it came from
    #[command(
        after_help = "Examples:\n  tend config          every setting and where it came from\n  tend config path     just where the file is"
    )]
    Config {
        #[command(subcommand)]
        command: Option<ConfigCommand>,
    },
    Index(IndexArgs),
    Encrypt(EncryptArgs),
    Sync(SyncArgs),
    Decrypt(DecryptArgs),
    /// The encrypted journal's keys: change the passphrase, or recover with the recovery key
    #[command(
        subcommand,
        after_help = "Examples:\n  tend key passphrase\n  tend key recover"
    )]
    Key(KeyCommand),
    /// The watch list: names the export's identifier check looks for
    #[command(
        long_about = "The watch list: names of colleagues, patients and places that the export's identifier check looks for (and that are never shown as themes). \
The journal keeps it in JOURNAL/settings.toml, sealed as settings.toml.age in an encrypted journal; names in the config's watch_list count too.",
        after_help = "Examples:\n  tend watch                      list the names\n  tend watch add \"Alex Example\"\n  tend watch remove \"Alex Example\""
    )]
    Watch {
        #[command(subcommand)]
        command: Option<WatchCommand>,
    },
    #[command(hide = true)]
    Generate(GenerateArgs),
    /// The ideas behind tend: the four behaviours, core needs, reading well
    #[command(after_help = "Example:\n  tend about")]
    About,
    #[command(subcommand)]
    Prompts(PromptsCommand),
    /// Forget the journal key kept in your keyring (with keyring = true)
    #[command(
        long_about = "Removes the journal key that `keyring = true` keeps in your system's keyring, so the next command that needs your words asks for the passphrase again. Nothing in the journal changes.",
        after_help = "Example:\n  tend lock"
    )]
    Lock,
}

/// The daily check-in: a few short questions, each one skippable
#[derive(Args, Debug)]
#[command(
    long_about = "The daily check-in: how motivated you feel, the four behaviours of \
        compassionate leadership, how you are treating yourself, and one small next step. \
        Press Enter on any question to skip it. Each answer is saved as you go: if you \
        stop part-way (Ctrl-C, a closed window), the next `tend checkin` offers to carry on.",
    after_help = "Examples:\n  tend checkin                     the full check-in\n  tend checkin --quick             motivation, one behaviour, yourself, a next step\n  tend checkin --date yesterday    catch up on a day\n  tend checkin --answers today.toml --tag night   from a file, no questions asked\n\nAn answers file is TOML keyed by question id (tend prompts show checkin lists them):\n  motivation = 7\n  attend = \"Sat with a new starter at handover\"\n  next_action = { text = \"Ask about rotas\", due = \"2026-12-01\" }\nQuestions left out are recorded as skipped."
)]
pub struct CheckinArgs {
    /// Ask the short version: motivation, one behaviour (a different one each day), yourself, a next step
    #[arg(long)]
    pub quick: bool,
    /// Take the answers from a TOML file instead of asking (see README: answers files)
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Which prompt pack to use (default: checkin, or default_pack in the config)
    #[arg(long, value_name = "ID")]
    pub pack: Option<String>,
    #[command(flatten)]
    pub entry: EntryArgs,
}

/// What every command that writes an entry takes: its day, tags, and
/// whether to write in an editor.
#[derive(Args, Debug)]
pub struct EntryArgs {
    /// The day this is for, such as yesterday or 2026-11-24 (the time is now's)
    #[arg(long, value_name = "DAY")]
    pub date: Option<String>,
    /// Add a tag; repeat for more (--tag night --tag ward-7)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Write longer answers in your editor ($VISUAL or $EDITOR)
    #[arg(long)]
    pub editor: bool,
}

/// A quick note, for days when a full check-in is too much
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  tend note \"Asked the night team what would help; they want handover notes on paper\"\n  tend note --tag handover       type it at the prompt\n  tend note --editor             write it in your editor"
)]
pub struct NoteArgs {
    /// What you want to note (leave out to type it at a prompt)
    pub text: Option<String>,
    #[command(flatten)]
    pub entry: EntryArgs,
}

/// Your entries, newest first
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  tend list                         the 20 most recent\n  tend list -n 0 --kind note        every note\n  tend list --since 2026-11-01 --until 2026-11-30 --tag night\n  tend list --grep handover --section help\n  tend list --since \"last month\" --format json"
)]
pub struct ListArgs {
    /// How many to show (0 for all)
    #[arg(short = 'n', long = "limit", default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Only this kind of entry
    #[arg(long, value_name = "KIND")]
    pub kind: Option<Kind>,
    /// Only entries with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// From this day on (2026-11-01, 01/11/2026, 2026-11, "last week")
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only entries whose answers contain this text (any case)
    #[arg(long, value_name = "TEXT")]
    pub grep: Option<String>,
    /// Only answers in this section: attend, understand, empathise, help, self, action, ...
    #[arg(long, value_name = "SECTION")]
    pub section: Option<String>,
    /// table or json
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// CPD from finished readings: each item and the totals
#[derive(Args, Debug)]
#[command(
    long_about = "CPD from finished readings, courses and talks (the hours you gave with \
        `tend read --after`), with totals of hours and participatory hours. It covers the \
        three years up to revalidation_due in your config, or else the last three years, \
        and says which. With regulator = \"nmc\" in your config it shows your progress \
        towards the NMC's hours. It is your own record, not an official form.",
    after_help = "Examples:\n  tend cpd\n  tend cpd --since 2025-04-01\n  tend cpd --format csv > cpd.csv\n  tend cpd --format markdown"
)]
pub struct CpdArgs {
    /// From this day instead (2025-04-01, 2025-04, "last year")
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// text, markdown, csv or json
    #[arg(long, value_enum, default_value_t = CpdFormat::Text)]
    pub format: CpdFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CpdFormat {
    Text,
    Markdown,
    Csv,
    Json,
}

/// The evidence gathered for appraisal or revalidation, on one screen
#[derive(Args, Debug)]
#[command(
    long_about = "The evidence your journal holds for appraisal or revalidation, in the same \
        window as `tend cpd`: CPD hours, pieces of feedback (`tend checkin --pack feedback`), \
        entries ready to become a reflective account (something learned, with a change or a \
        step), and reflective discussions (who you talked a reading over with). Each line \
        names the command that shows or exports it. With regulator = \"nmc\" it shows \
        progress towards what the NMC asks for. It is your own record, not an official form.",
    after_help = "Examples:\n  tend portfolio\n  tend portfolio --since 2025-04-01"
)]
pub struct PortfolioArgs {
    /// From this day instead (2025-04-01, 2025-04, "last year")
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}

/// One entry in full, or every entry of a day
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  tend show last         the most recent entry\n  tend show k3f9         by the short handle `tend list` shows\n  tend show yesterday    every entry of a day (2026-11-26, monday, ...)\n  tend show last --raw   the file exactly as it is on disk"
)]
pub struct ShowArgs {
    /// An id, the start of one, its short handle, `last`, or a day (yesterday, 2026-11-26)
    pub id: String,
    /// Print the TOML file as it is on disk
    #[arg(long)]
    pub raw: bool,
}

/// The question packs: built in, and your own
#[derive(Subcommand, Debug)]
#[command(
    after_help = "Examples:\n  tend prompts list\n  tend prompts show checkin\n  tend prompts check ~/.config/tend/prompts/mine.toml"
)]
pub enum PromptsCommand {
    /// Every pack tend can use, and where it comes from
    #[command(after_help = "Example:\n  tend prompts list")]
    List,
    /// The questions of one pack
    #[command(after_help = "Example:\n  tend prompts show weekly")]
    Show {
        /// The pack id, such as checkin
        id: String,
    },
    /// Check a pack or account template file for mistakes before you use it
    #[command(
        after_help = "Examples:\n  tend prompts check ~/.config/tend/prompts/mine.toml\n  tend prompts check ~/.config/tend/accounts/appraisal.toml\n\nA file in a folder called accounts, or one with [[sections]] and no [[questions]], is checked as an account template."
    )]
    Check {
        /// The pack or template file
        file: PathBuf,
    },
}

/// Reflect before and after reading something (or a course, or a talk)
#[derive(Args, Debug)]
#[command(
    long_about = "Reflect before and after reading something, or going on a course, or \
        hearing a talk. Before: what you hope to learn and what you are assuming. After, \
        days later: what you learned, who you will talk it over with, and how you could \
        help change things where you work (which can become an action).",
    after_help = "Examples:\n  tend read \"What is compassionate leadership?\" --source https://example.com/explainer\n  tend read --after          finish the reading that is open (or choose one)\n  tend read --after k3f9     finish this one\n  tend read --list           open and finished readings"
)]
pub struct ReadArgs {
    /// What you are about to read
    #[arg(conflicts_with_all = ["after", "list"])]
    pub title: Option<String>,
    /// Where it is: a link, a book, a course
    #[arg(long, value_name = "WHERE", requires = "title")]
    pub source: Option<String>,
    /// Answer the after-reading questions, for this reading (its handle) or the open one
    #[arg(long, value_name = "ID", num_args = 0..=1, default_missing_value = "")]
    pub after: Option<String>,
    /// Show open and finished readings
    #[arg(long, conflicts_with = "after")]
    pub list: bool,
    /// Take the answers from a TOML file instead of asking
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// CPD: the hours it took, such as 3.5 (with --after)
    #[arg(long, value_name = "HOURS", requires = "after")]
    pub hours: Option<String>,
    /// CPD: of those, the hours spent learning with others
    #[arg(long, value_name = "HOURS", requires = "hours")]
    pub participatory_hours: Option<String>,
    /// CPD: what sort of activity it was
    #[arg(long, value_enum, requires = "hours")]
    pub activity: Option<crate::model::Activity>,
    #[command(flatten)]
    pub entry: EntryArgs,
}

/// Your open actions, and what became of them
#[derive(Args, Debug)]
#[command(
    long_about = "Your open actions: small next steps from check-ins, readings, or added \
        here. Each has a short handle to type. Record what became of one with done, drop, \
        snooze or reopen; each of these is a small new entry, and the entry the action \
        came from is never changed. An action without a due date never becomes overdue.",
    after_help = "Examples:\n  tend actions                          what is open, oldest due first\n  tend actions add \"Book a debrief with the night team\" --due friday\n  tend actions done k3f9 --note \"They liked it\"\n  tend actions snooze k3f9 7\n  tend actions reopen k3f9"
)]
pub struct ActionsArgs {
    #[command(subcommand)]
    pub command: Option<ActionsCommand>,
}

#[derive(Subcommand, Debug)]
pub enum ActionsCommand {
    /// What is open (the same as `tend actions`)
    #[command(after_help = "Example:\n  tend actions list")]
    List,
    /// Add an action of its own
    #[command(
        after_help = "Examples:\n  tend actions add \"Ask the team what would make handover easier\"\n  tend actions add \"Book a debrief\" --due friday"
    )]
    Add {
        /// What you will do
        text: String,
        /// By when (friday, 2026-12-01, "in 2 weeks"); leave out for no date
        #[arg(long, value_name = "DAY")]
        due: Option<String>,
        /// Add a tag; repeat for more
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Mark an action done
    #[command(after_help = "Example:\n  tend actions done k3f9 --note \"The team liked it\"")]
    Done(FollowArgs),
    /// Let an action go: it no longer needs doing
    #[command(
        after_help = "Example:\n  tend actions drop k3f9 --note \"Not needed after the rota change\""
    )]
    Drop(FollowArgs),
    /// Say an action is partly done (it stays open)
    #[command(after_help = "Example:\n  tend actions partly k3f9 --note \"Estates came once\"")]
    Partly(FollowArgs),
    /// Put an action out of sight for some days
    #[command(after_help = "Example:\n  tend actions snooze k3f9 7")]
    Snooze {
        /// The action's handle
        id: String,
        /// How many days
        days: u32,
    },
    /// Open an action again
    #[command(after_help = "Example:\n  tend actions reopen k3f9")]
    Reopen(FollowArgs),
}

#[derive(Args, Debug)]
pub struct FollowArgs {
    /// The action's handle (from `tend actions`)
    pub id: String,
    /// A line on how it went
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

/// One neutral line for a shell prompt
#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  tend status                 checked in today · 2 actions open\n  tend status --format json   the same, for scripts\n\nIn a bash prompt: PS1='$(tend status 2>/dev/null) \\$ '"
)]
pub struct StatusArgs {
    /// text or json
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

/// For commands that speak to a person or to a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Text,
    Json,
}

/// Check the journal's index, or rebuild it from the entries
#[derive(Args, Debug)]
#[command(
    long_about = "The index is a derived copy of what quick commands need, kept in the \
        journal's index/ folder so that tend starts instantly however large the journal \
        grows. It is never the source of truth and is safe to delete. `tend index` checks \
        every file against it and repairs it; --rebuild starts it afresh.",
    after_help = "Examples:\n  tend index\n  tend index --rebuild"
)]
pub struct IndexArgs {
    /// Throw the index away and build it again from the entries
    #[arg(long)]
    pub rebuild: bool,
}

/// Writes a synthetic journal for benchmarks (hidden)
#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Days of daily check-ins, ending today
    #[arg(long, default_value_t = 1000)]
    pub days: u32,
    /// The same seed gives the same journal
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Add to a journal that already has entries
    #[arg(long)]
    pub into_existing: bool,
}

/// Your journal over weeks and months, on one screen: a headline, what tend noticed, a line for each part
#[derive(Args, Debug)]
#[command(
    long_about = "Your journal over weeks and months, on one screen. First a few headline \
        lines and what tend noticed (plain observations with the numbers behind them), \
        then a line for each part: rhythm, motivation, the four behaviours, yourself, \
        core needs, what got in the way, actions, readings and recurring themes. \
        --detail shows every part in full, with a table for each week or month. By \
        default the last 12 weeks, by week.",
    after_help = "Examples:\n  tend summary                          the last 12 weeks, on one screen\n  tend summary --detail                 every part in full, week by week\n  tend summary --by month --since 2026-01\n  tend summary --since \"last month\" --format markdown > month.md\n  tend summary --all --format json\n  tend summary --calendar               a year of journal days"
)]
pub struct SummaryArgs {
    #[command(flatten)]
    pub period: PeriodArgs,
    /// table (for reading here), markdown (for a document) or json (for scripts)
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    pub format: SummaryFormat,
    /// Show a year of journal days as a grid, shaded by motivation
    #[arg(long)]
    pub calendar: bool,
    /// Every part in full, with a table for each week or month (Markdown and
    /// JSON always have it all)
    #[arg(long, conflicts_with = "calendar")]
    pub detail: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    Table,
    Markdown,
    Json,
}

/// The days a summary or an export covers.
#[derive(Args, Debug)]
pub struct PeriodArgs {
    /// From this day (2026-09-01, 01/09/2026, 2026-09, "last month", "90 days ago")
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to and including this day (default today)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// The whole journal, from its first entry
    #[arg(long, conflicts_with = "since")]
    pub all: bool,
    /// Group by week or month
    #[arg(long, value_enum, default_value_t = By::Week)]
    pub by: By,
}

/// What you share with a coach: a summary at a privacy level you choose
#[derive(Args, Debug)]
#[command(
    long_about = "What you share with a coach, mentor or appraiser (who may also be your line \
        manager). Levels: `summary` (the default) has numbers and counts only, no words you \
        typed, not even titles or themes; `learning` adds your learning and actions in your own \
        words, themes and reading titles; `full` adds every answer. Leave parts out with \
        --without (or keep a few with --only), and look first with --preview. Anything typed is \
        checked for things that could identify someone before it is shared.",
    after_help = "Examples:\n  tend export --preview                             what would be shared\n  tend export --format html -o for-my-coach.html    the last 12 weeks, numbers only\n  tend export --level learning --since 2026-09 --without self --format markdown\n  tend export --format json --label leader-a -o leader-a.json\n  tend export --format account --level full --entry k3f9 --entry m6g4\n  tend export --format account-text --template nmc --level learning --since 2026-01\n  tend export --for cohort --preview                for a programme's cohort view: figures only\n\nParts: noticed, rhythm, motivation, behaviours, self, needs, barriers, actions, readings, themes, answers"
)]
pub struct ExportArgs {
    /// markdown (the default), html (one self-contained file), csv, json; or a reflective account of chosen entries: account (Markdown), account-html, account-text
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Who it is for: coach (the default), or cohort (figures only, no label and no words, for an organisation's development team; always JSON)
    #[arg(
        long = "for",
        value_enum,
        default_value_t = Audience::Coach,
        conflicts_with_all = ["level", "label", "entries", "template", "redact", "allow_identifiers", "by"]
    )]
    pub audience: Audience,
    /// summary (numbers only), learning, or full (default: summary; an account needs learning or full)
    #[arg(long, value_enum)]
    pub level: Option<Level>,
    #[command(flatten)]
    pub period: PeriodArgs,
    /// Only these parts, comma-separated
    #[arg(long, value_name = "PARTS", value_enum, value_delimiter = ',')]
    pub only: Vec<Part>,
    /// Leave these parts out, comma-separated (for example motivation,self)
    #[arg(long, value_name = "PARTS", value_enum, value_delimiter = ',')]
    pub without: Vec<Part>,
    /// Show what would be shared, and write nothing
    #[arg(long)]
    pub preview: bool,
    /// Write to this file instead of the terminal
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
    /// The name the coach sees (default: label in the config, or "a leader")
    #[arg(long, value_name = "NAME")]
    pub label: Option<String>,
    /// For an account: an entry to make one of (repeat for more); without it, --since/--until/--all choose entries ready to become one
    #[arg(long = "entry", value_name = "ID")]
    pub entries: Vec<String>,
    /// For an account: its template, rolfe (the default), gibbs, nmc, or your own
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// Replace anything that looks like an identifier with [redacted]
    #[arg(long, conflicts_with = "allow_identifiers")]
    pub redact: bool,
    /// Share possible identifiers as they are, without asking
    #[arg(long)]
    pub allow_identifiers: bool,
}

/// Who an export is for. A cohort export is a separate choice from sharing
/// with a coach: it holds figures only, never a label or typed words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Audience {
    Coach,
    Cohort,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Html,
    Csv,
    Json,
    /// A reflective account in Markdown
    Account,
    /// Reflective accounts as one HTML page, one account to a printed page
    AccountHtml,
    /// A reflective account as plain text, to paste into an online form
    AccountText,
}

impl ExportFormat {
    /// The formats that make reflective accounts of chosen entries.
    pub fn is_account(self) -> bool {
        matches!(
            self,
            ExportFormat::Account | ExportFormat::AccountHtml | ExportFormat::AccountText
        )
    }
}

/// For coaches: who might want a conversation, and about what
#[derive(Args, Debug)]
#[command(
    long_about = "For coaches and appraisers: one row per leader from their JSON exports: the \
        last check-in, check-in days, motivation lately against the leader's own earlier weeks, \
        what changed, and readings finished. Each leader is compared only with their own \
        earlier weeks, never with anyone else; leaders with something noticed come first, then \
        the rest, each by name. --leader shows one leader in depth, with open questions to \
        begin a conversation. A file that is not a tend export, is from a newer tend, or holds \
        numbers that cannot be right is named and left out.\n\n\
        With --cohort, the cohort view for a programme's development team: figures across \
        many leaders' cohort exports (tend export --for cohort), never a label or file name, \
        any figure drawn from fewer than 10 leaders held back.",
    after_help = "Examples:\n  tend review leader-a.json leader-b.json leader-c.json\n  tend review exports/*.json --leader leader-b\n  tend review exports/*.json --detail --format markdown > review.md\n  tend review --cohort cohort/*.json --format markdown"
)]
pub struct ReviewArgs {
    /// The JSON exports (tend export --format json)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// table, markdown or html (and, with --cohort, text or json)
    #[arg(long, value_enum, default_value_t = ReviewFormat::Table)]
    pub format: ReviewFormat,
    /// Order: leaders with something noticed first (noticed), or by name only
    #[arg(long, value_enum, default_value_t = ReviewSort::Noticed)]
    pub sort: ReviewSort,
    /// One leader in depth, by the label in their export
    #[arg(long, value_name = "LABEL")]
    pub leader: Option<String>,
    /// Every leader in depth, below the table
    #[arg(long, conflicts_with = "leader")]
    pub detail: bool,
    /// The cohort view: figures across many leaders' cohort exports (tend export --for cohort), with any figure from fewer than 10 leaders held back
    #[arg(long, conflicts_with_all = ["sort", "leader", "detail"])]
    pub cohort: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    #[value(alias = "text")]
    Table,
    Markdown,
    Html,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReviewSort {
    Noticed,
    Name,
}

#[derive(Subcommand, Debug)]
pub enum ConfigCommand {
    /// Where the config file is
    #[command(after_help = "Example:\n  tend config path")]
    Path,
    /// Every setting, its value, and whether it came from the file, the environment or the default
    #[command(after_help = "Example:\n  tend config show")]
    Show,
}

/// Move an entry to the trash (it can be restored)
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  tend delete k3f9\n  tend delete last --yes")]
pub struct DeleteArgs {
    /// The entry: an id, its handle, or `last`
    pub id: String,
    /// Don't ask first
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// Bring an entry back from the trash
#[derive(Args, Debug)]
#[command(after_help = "Examples:\n  tend restore k3f9\n  tend restore k3f9 --latest")]
pub struct RestoreArgs {
    /// The entry's id or handle
    pub id: String,
    /// With several versions in the trash, take the most recent without asking
    #[arg(long)]
    pub latest: bool,
}

#[derive(Subcommand, Debug)]
pub enum TrashCommand {
    /// Erase every trashed version of one entry, for good
    #[command(after_help = "Example:\n  tend trash purge k3f9")]
    Purge {
        /// The entry's id or handle
        id: String,
        /// Don't ask first
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// Erase everything in the trash, for good
    #[command(after_help = "Example:\n  tend trash empty")]
    Empty {
        /// Don't ask first
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

/// Fix an entry in your editor; it is checked before it is saved
#[derive(Args, Debug)]
#[command(
    long_about = "Opens a copy of the entry in $VISUAL or $EDITOR. When you save and close it, \
        tend checks it (TOML, the entry format, answers that fit their questions). If \
        something is wrong it says what and on which line, and you can edit again or leave \
        the entry as it was. The previous version goes to the trash. No change, no write.",
    after_help = "Examples:\n  tend edit last\n  EDITOR=nano tend edit k3f9"
)]
pub struct EditArgs {
    /// The entry: an id, its handle, or `last`
    pub id: String,
}

/// Check every entry, permissions, drafts, links and the index
#[derive(Args, Debug)]
#[command(
    long_about = "Checks that every entry can be read and matches its format, that files and \
        folders are private, that no unfinished check-in has been waiting long, that \
        follow-ups and after-reading entries point at entries that exist, that ids match \
        file names, and that the index is up to date. Exits with 1 when something needs a \
        look. --fix repairs permissions and nothing else.",
    after_help = "Examples:\n  tend doctor\n  tend doctor --fix\n  tend doctor --format json"
)]
pub struct DoctorArgs {
    /// Make files 0600 and folders 0700 again (changes nothing else)
    #[arg(long)]
    pub fix: bool,
    /// text or json
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    pub format: TextOrJson,
}

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// A jrnl JSON export (jrnl --export json), as notes
    #[command(
        after_help = "Examples:\n  jrnl --export json > old-journal.json\n  tend import jrnl old-journal.json --dry-run\n  tend import jrnl old-journal.json"
    )]
    Jrnl(ImportArgs),
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The JSON file jrnl wrote
    pub file: PathBuf,
    /// Show what would be imported, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Encrypt the journal: only someone with its passphrase or recovery key can read it
#[derive(Args, Debug)]
#[command(
    after_help = "Asks for a new passphrase twice, then shows a recovery key once and asks for it back before anything is changed. \
Without a terminal, the passphrase comes from TEND_PASSPHRASE_COMMAND and the recovery key goes to --recovery-key-out.\n\n\
Examples:\n  tend encrypt\n  TEND_PASSPHRASE_COMMAND='pass show tend' tend encrypt --recovery-key-out /media/usb/tend-recovery.txt"
)]
pub struct EncryptArgs {
    /// Without a terminal: write the recovery key to this new file (private; not inside the journal)
    #[arg(long, value_name = "FILE")]
    pub recovery_key_out: Option<PathBuf>,
    /// The journal is in a git repository whose history holds it in the clear: go ahead anyway,
    /// knowing those old copies stay readable
    #[arg(long)]
    pub new_history: bool,
}

/// Turn an encrypted journal back into plain files
#[derive(Args, Debug)]
#[command(after_help = "Example:\n  tend decrypt")]
pub struct DecryptArgs {}

#[derive(Subcommand, Debug)]
pub enum WatchCommand {
    /// Every name on the watch list, and where it is kept
    List,
    /// Add names (quote a name with a space in it)
    Add {
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
    },
    /// Take names off the list
    Remove {
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum KeyCommand {
    /// Change the passphrase (no entry changes; the recovery key stays the same)
    #[command(
        after_help = "Without a terminal the current passphrase comes from TEND_PASSPHRASE_COMMAND and the new one from TEND_NEW_PASSPHRASE_COMMAND."
    )]
    Passphrase,
    /// Forgot the passphrase? Open the journal with the recovery key and set a new one
    #[command(
        after_help = "Without a terminal the recovery key comes from --recovery-key-file and the new passphrase from TEND_PASSPHRASE_COMMAND."
    )]
    Recover {
        /// Read the recovery key from this file instead of asking for it
        #[arg(long, value_name = "FILE")]
        recovery_key_file: Option<PathBuf>,
    },
    /// Make a new recovery key (the old one then opens nothing), re-encrypting every file
    #[command(
        after_help = "The new recovery key is shown once and typed back. Without a terminal give --recovery-key-out FILE, and the passphrase comes from TEND_PASSPHRASE_COMMAND."
    )]
    Recovery {
        /// Write the new recovery key to this new file (outside the journal) instead of showing it
        #[arg(long, value_name = "FILE")]
        recovery_key_out: Option<PathBuf>,
    },
    /// Make a new journal key and re-encrypt every file (the old key is kept for old backups)
    #[command(after_help = "Without a terminal the passphrase comes from TEND_PASSPHRASE_COMMAND.")]
    Rotate,
}

/// One journal on two computers, through git: commit, fetch, merge, push
#[derive(Args, Debug)]
#[command(
    after_help = "Set up once with `tend sync init REMOTE` (on the second computer too: it joins the journal there). \
After that, every change is committed as it is saved, and `tend sync` exchanges them.\n\n\
Examples:\n  tend sync init /media/usb/journal.git\n  tend sync init git@example.org:me/journal.git\n  tend sync"
)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Subcommand, Debug)]
pub enum SyncCommand {
    /// Make the journal a git repository (or join the journal a remote holds)
    Init {
        /// Where the journal's copy lives: a private repository, or a bare one on a USB stick or network share
        remote: Option<String>,
        /// Without a terminal: yes, send a plain (unencrypted) journal to the remote
        #[arg(long)]
        yes: bool,
    },
}

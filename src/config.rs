//! The config file: where it lives, what it may say, and the journal folder it
//! points to. Unknown keys are named, not silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use crate::toml_errors;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Raw {
    dir: Option<PathBuf>,
    editor_for_long_answers: Option<bool>,
    day_starts: Option<String>,
    weekly_target: Option<u8>,
    rest_days: Option<Vec<String>>,
    streaks: Option<bool>,
    default_pack: Option<String>,
    label: Option<String>,
    watch_list: Option<Vec<String>>,
    color: Option<String>,
    keyring: Option<bool>,
    /// A date, quoted or as a TOML date.
    revalidation_due: Option<toml::Value>,
    regulator: Option<String>,
    sync: Option<String>,
    #[serde(flatten)]
    unknown: BTreeMap<String, toml::Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone)]
#[allow(
    dead_code,
    reason = "every key is read and checked now; summaries and exports use the rest"
)]
pub struct Config {
    pub path: PathBuf,
    pub dir: Option<PathBuf>,
    pub editor_for_long_answers: bool,
    pub day_starts: NaiveTime,
    pub weekly_target: Option<u8>,
    pub rest_days: Vec<Weekday>,
    pub streaks: bool,
    pub default_pack: String,
    pub label: Option<String>,
    pub watch_list: Vec<String>,
    pub color: ColorChoice,
    /// Keep the unwrapped journal key in the system's keyring (off unless set).
    pub keyring: bool,
    /// The end of the three-year CPD window (`tend cpd`, `tend portfolio`).
    pub revalidation_due: Option<NaiveDate>,
    /// Whose targets to show beside CPD and evidence; only "nmc" has any.
    pub regulator: Option<Regulator>,
    /// `sync = "auto"`: pull before a check-in, send after every saved change.
    pub sync_auto: bool,
    /// Keys the file has that tend does not know, reported once per run.
    pub unknown_keys: Vec<String>,
    /// Keys the file sets (the rest are defaults).
    pub from_file: Vec<&'static str>,
}

pub const KEYS: &[&str] = &[
    "dir",
    "editor_for_long_answers",
    "day_starts",
    "weekly_target",
    "rest_days",
    "streaks",
    "default_pack",
    "label",
    "watch_list",
    "color",
    "keyring",
    "revalidation_due",
    "regulator",
    "sync",
];

/// A regulator whose revalidation targets tend knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Regulator {
    /// Nursing and Midwifery Council: 35 hours of CPD (20 participatory),
    /// five pieces of feedback, five reflective accounts, one reflective
    /// discussion, every three years.
    Nmc,
}

impl Regulator {
    pub fn name(self) -> &'static str {
        match self {
            Regulator::Nmc => "nmc",
        }
    }
}

/// `TEND_CONFIG`, or the platform config folder + `tend/config.toml`.
pub fn config_path() -> PathBuf {
    if let Some(p) = std::env::var_os("TEND_CONFIG") {
        return PathBuf::from(p);
    }
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("tend")
        .join("config.toml")
}

/// The journal folder a config file's `dir` names: `~` is the home folder,
/// and a relative folder is taken from the config file's own folder, never
/// from wherever tend happens to be started.
fn journal_dir(config: &Path, dir: &Path) -> Result<PathBuf> {
    let text = dir.to_string_lossy();
    if text.trim().is_empty() {
        bail!(
            "{}: dir: is empty; give the journal folder, for example dir = \"~/journal\", or leave the line out for the usual place",
            config.display()
        );
    }
    let home = || {
        dirs::home_dir().with_context(|| {
            format!(
                "{}: dir: \"{text}\" starts with ~, and tend could not tell where your home folder is",
                config.display()
            )
        })
    };
    if text == "~" {
        return home();
    }
    if let Ok(rest) = dir.strip_prefix("~") {
        return Ok(home()?.join(rest));
    }
    if dir.is_absolute() {
        return Ok(dir.to_path_buf());
    }
    Ok(config.parent().unwrap_or(Path::new(".")).join(dir))
}

impl Config {
    /// Reads the config file; a missing file means every default.
    pub fn load(path: &Path) -> Result<Config> {
        let text = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
                anyhow::anyhow!("{}: the config file is not UTF-8 text", path.display())
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("could not read the config file {}", path.display()));
            }
        };
        let text = toml_errors::unix_line_ends(&text);
        let raw: Raw = toml::from_str(&text)
            .map_err(|e| anyhow::anyhow!(toml_errors::describe(path, &text, &e)))?;
        let bad = |key: &str, why: String| anyhow::anyhow!("{}: {key}: {why}", path.display());
        let day_starts = match &raw.day_starts {
            None => NaiveTime::MIN,
            Some(s) => NaiveTime::parse_from_str(s, "%H:%M").map_err(|_| {
                bad(
                    "day_starts",
                    format!("\"{s}\" is not a time like \"04:00\""),
                )
            })?,
        };
        if let Some(t) = raw.weekly_target
            && !(1..=7).contains(&t)
        {
            bail!(bad(
                "weekly_target",
                format!("{t} is not a number of days from 1 to 7")
            ));
        }
        let mut rest_days = Vec::new();
        for d in raw.rest_days.clone().unwrap_or_default() {
            match d
                .to_lowercase()
                .get(..3)
                .and_then(|s| s.parse::<Weekday>().ok())
            {
                Some(w) => rest_days.push(w),
                None => bail!(bad(
                    "rest_days",
                    format!("\"{d}\" is not a weekday such as \"sat\"")
                )),
            }
        }
        let color = match raw.color.as_deref() {
            None | Some("auto") => ColorChoice::Auto,
            Some("always") => ColorChoice::Always,
            Some("never") => ColorChoice::Never,
            Some(other) => bail!(bad(
                "color",
                format!("\"{other}\" should be \"auto\", \"always\" or \"never\"")
            )),
        };
        let revalidation_due = match &raw.revalidation_due {
            None => None,
            Some(v) => {
                let text = match v {
                    toml::Value::String(s) => s.trim().to_string(),
                    toml::Value::Datetime(d) => d.to_string(),
                    toml::Value::Integer(_)
                    | toml::Value::Float(_)
                    | toml::Value::Boolean(_)
                    | toml::Value::Array(_)
                    | toml::Value::Table(_) => String::new(),
                };
                Some(NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| {
                    bad(
                        "revalidation_due",
                        format!("{v} is not a date like \"2027-03-31\""),
                    )
                })?)
            }
        };
        let regulator = match raw.regulator.as_deref().map(str::trim) {
            None => None,
            Some(r) if r.eq_ignore_ascii_case("nmc") => Some(Regulator::Nmc),
            Some(other) => bail!(bad(
                "regulator",
                format!(
                    "tend knows the targets of \"nmc\" only, not \"{other}\"; leave the line out to see your record without targets"
                )
            )),
        };
        let sync_auto = match raw.sync.as_deref().map(str::trim) {
            None | Some("manual") => false,
            Some("auto") => true,
            Some(other) => bail!(bad(
                "sync",
                format!(
                    "\"{other}\" should be \"auto\" (send each change as it is saved) or \"manual\" (only when you run tend sync)"
                )
            )),
        };
        let dir = raw
            .dir
            .as_deref()
            .map(|d| journal_dir(path, d))
            .transpose()?;
        let set = [
            ("dir", raw.dir.is_some()),
            (
                "editor_for_long_answers",
                raw.editor_for_long_answers.is_some(),
            ),
            ("day_starts", raw.day_starts.is_some()),
            ("weekly_target", raw.weekly_target.is_some()),
            ("rest_days", raw.rest_days.is_some()),
            ("streaks", raw.streaks.is_some()),
            ("default_pack", raw.default_pack.is_some()),
            ("label", raw.label.is_some()),
            ("watch_list", raw.watch_list.is_some()),
            ("color", raw.color.is_some()),
            ("keyring", raw.keyring.is_some()),
            ("revalidation_due", raw.revalidation_due.is_some()),
            ("regulator", raw.regulator.is_some()),
            ("sync", raw.sync.is_some()),
        ];
        let from_file = set.iter().filter(|(_, s)| *s).map(|(k, _)| *k).collect();
        Ok(Config {
            from_file,
            path: path.to_path_buf(),
            dir,
            editor_for_long_answers: raw.editor_for_long_answers.unwrap_or(false),
            day_starts,
            weekly_target: raw.weekly_target,
            rest_days,
            streaks: raw.streaks.unwrap_or(false),
            default_pack: raw.default_pack.unwrap_or_else(|| "checkin".into()),
            label: raw.label,
            watch_list: raw.watch_list.unwrap_or_default(),
            color,
            keyring: raw.keyring.unwrap_or(false),
            revalidation_due,
            regulator,
            sync_auto,
            unknown_keys: raw.unknown.into_keys().collect(),
        })
    }

    /// Every default, for a command that must run even when the config file
    /// has a problem (`tend status`). `dir` and `day_starts` are still taken
    /// from the file where they can be read, so the right journal and the
    /// right day are looked at.
    pub fn fallback(path: &Path) -> Config {
        let table = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .unwrap_or_default();
        let text = |key: &str| table.get(key).and_then(|v| v.as_str());
        Config {
            path: path.to_path_buf(),
            dir: text("dir").map(PathBuf::from),
            editor_for_long_answers: false,
            day_starts: text("day_starts")
                .and_then(|d| NaiveTime::parse_from_str(d, "%H:%M").ok())
                .unwrap_or(NaiveTime::MIN),
            weekly_target: None,
            rest_days: Vec::new(),
            streaks: false,
            default_pack: "checkin".into(),
            label: None,
            watch_list: Vec::new(),
            color: ColorChoice::Auto,
            keyring: false,
            revalidation_due: None,
            regulator: None,
            sync_auto: false,
            unknown_keys: Vec::new(),
            from_file: Vec::new(),
        }
    }

    /// The folder user prompt packs live in, beside the config file.
    pub fn user_prompts_dir(&self) -> PathBuf {
        self.path.parent().unwrap_or(Path::new(".")).join("prompts")
    }

    /// The folder the person's own account templates live in, beside the config file.
    pub fn user_accounts_dir(&self) -> PathBuf {
        self.path
            .parent()
            .unwrap_or(Path::new("."))
            .join("accounts")
    }

    pub fn warn_unknown_keys(&self) {
        for k in &self.unknown_keys {
            errln!(
                "tend: {}: \"{k}\" is not a setting tend knows, so it has no effect (known: {})",
                self.path.display(),
                KEYS.join(", ")
            );
        }
    }
}

/// Takes a top-level `key = …` out of the config file, keeping every other
/// line and comment byte for byte: only the lines the key and its value
/// take (with a comment on the same line) go. Before anything is written
/// the new text is read back as TOML and must say exactly what the old one
/// said without the key; otherwise the file is left as it is and the error
/// says why. The file is replaced through the one atomic writer (a config
/// that is a link, as in a dotfiles folder, is written where it points).
/// Returns false when the file does not set the key.
pub fn remove_key(path: &Path, key: &str) -> Result<bool> {
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let text = match std::fs::read_to_string(&real) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e).with_context(|| format!("could not read {}", path.display())),
    };
    let parse = |t: &str| toml::from_str::<toml::Table>(&toml_errors::unix_line_ends(t));
    let mut want =
        parse(&text).map_err(|_| anyhow::anyhow!("{} is not valid TOML", path.display()))?;
    if want.remove(key).is_none() {
        return Ok(false);
    }
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts_key = |line: &str| {
        line.trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let cannot = || {
        anyhow::anyhow!(
            "tend could not find the {key} line in {} on its own, so the file was left as it is",
            path.display()
        )
    };
    // Top-level keys come before the first [table].
    let top = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    let first = lines[..top]
        .iter()
        .position(|l| starts_key(l))
        .ok_or_else(cannot)?;
    // The value ends on the first line where the lines so far parse alone.
    let last = (first..top)
        .find(|&end| {
            parse(&lines[first..=end].concat()).is_ok_and(|t| t.len() == 1 && t.contains_key(key))
        })
        .ok_or_else(cannot)?;
    let kept = [&lines[..first], &lines[last + 1..]].concat().concat();
    if parse(&kept).ok().as_ref() != Some(&want) {
        return Err(cannot());
    }
    crate::journal::store::write_atomic(
        &real,
        kept.as_bytes(),
        crate::journal::store::Mode::Replace,
    )?;
    Ok(true)
}

#[cfg(test)]
mod remove_key_tests {
    use super::remove_key;

    #[test]
    fn only_the_key_and_its_lines_go_and_every_comment_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text = "# my settings\r\ndir = \"~/j\"  # where\r\nwatch_list = [\r\n  \"Alex Example\", # a colleague\r\n  \"Sam Example\",\r\n]  # names\r\n# the rest\r\ncolor = \"never\"\r\n";
        std::fs::write(&path, text).unwrap();
        assert!(remove_key(&path, "watch_list").unwrap());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "# my settings\r\ndir = \"~/j\"  # where\r\n# the rest\r\ncolor = \"never\"\r\n"
        );
        // Not there any more: nothing to do, nothing changed.
        assert!(!remove_key(&path, "watch_list").unwrap());
    }

    #[test]
    fn a_key_it_cannot_find_alone_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let text = "\"watch_list\" = [\"Alex Example\"]\ncolor = \"never\"\n";
        std::fs::write(&path, text).unwrap();
        let err = remove_key(&path, "watch_list").unwrap_err();
        assert!(err.to_string().contains("left as it is"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}

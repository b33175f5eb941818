//! Prompt packs: the questions tend asks. Built-in packs are the files in
//! `prompts/`, compiled in; a person can add or override packs by id with
//! files in `<config folder>/prompts/`. Every pack is checked the same way,
//! so a typo in a pack is caught with its file and line before anyone answers.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::model::{Kind, Measure};
use crate::toml_errors;

/// The built-in packs. A unit test checks that every file in `prompts/` is here.
const BUILT_IN: &[(&str, &str)] = &[
    ("checkin.toml", include_str!("../prompts/checkin.toml")),
    ("note.toml", include_str!("../prompts/note.toml")),
    ("weekly.toml", include_str!("../prompts/weekly.toml")),
    ("reading.toml", include_str!("../prompts/reading.toml")),
    (
        "reading_after.toml",
        include_str!("../prompts/reading_after.toml"),
    ),
    ("action.toml", include_str!("../prompts/action.toml")),
    ("followup.toml", include_str!("../prompts/followup.toml")),
    ("feedback.toml", include_str!("../prompts/feedback.toml")),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QType {
    Scale,
    Text,
    SingleChoice,
    MultiChoice,
    YesNo,
    Action,
    /// A number such as hours, decimals allowed (3.5), within min..=max.
    Number,
}

impl QType {
    pub fn name(self) -> &'static str {
        match self {
            QType::Scale => "scale",
            QType::Text => "text",
            QType::SingleChoice => "single_choice",
            QType::MultiChoice => "multi_choice",
            QType::YesNo => "yes_no",
            QType::Action => "action",
            QType::Number => "number",
        }
    }
    /// Types whose answers are typed words, which never go below `learning`.
    pub fn is_free_text(self) -> bool {
        matches!(self, QType::Text | QType::Action)
    }
}

/// The lowest export level that may include an answer, least shared first.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Summary,
    Learning,
    Full,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Summary => "summary",
            Level::Learning => "learning",
            Level::Full => "full",
        })
    }
}

/// Whether a question is part of `--quick`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quick {
    Always,
    /// One of these is asked per quick check-in, taking turns day by day.
    Rotate,
    #[default]
    Never,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(default)]
    pub section: String,
    #[serde(rename = "type")]
    pub qtype: QType,
    pub text: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Words for the two ends of a scale, lowest first.
    #[serde(default)]
    pub labels: Option<[String; 2]>,
    /// Number questions: answers are whole multiples of this (0.25: quarter hours).
    #[serde(default)]
    pub step: Option<f64>,
    #[serde(default)]
    pub choices: Vec<String>,
    /// Asked only when the question with this id has an answer, so a group
    /// of questions is one step to skip.
    #[serde(default)]
    pub asked_if: Option<String>,
    /// Number questions: never more than the answer to the question with this id.
    #[serde(default)]
    pub at_most: Option<String>,
    pub measures: Measure,
    pub level: Level,
    #[serde(default)]
    pub quick: Quick,
}

/// A number as a person writes it: 3, 3.5, 0.25 (rounded to hundredths,
/// so sums of tenths never show as 0.30000000000000004).
pub fn number(x: f64) -> String {
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// The choice that asks, in a line, what it was.
pub const SOMETHING_ELSE: &str = "Something else";

pub fn is_something_else(choice: &str) -> bool {
    choice.trim().eq_ignore_ascii_case(SOMETHING_ELSE)
}

impl Question {
    pub fn range(&self) -> (i64, i64) {
        (self.min.unwrap_or(1), self.max.unwrap_or(10))
    }

    /// What a number question takes, in words: "a number from 0 to 100".
    fn number_words(&self) -> String {
        let (min, max) = self.range();
        format!("a number from {min} to {max}, such as 3.5")
    }

    /// Reads a number typed for this question (in a terminal or a flag).
    /// With [`Question::check_number`], the one way a number answer is read.
    pub fn parse_number(&self, typed: &str, cap: Option<(f64, &str)>) -> Result<f64, String> {
        let t = typed.trim();
        match t.replace(',', ".").parse::<f64>() {
            Ok(x) if x.is_finite() => self.check_number(x, cap),
            _ => Err(format!(
                "\"{t}\" isn't a number; give {}",
                self.number_words()
            )),
        }
    }

    /// Checks a number against the question's range and step, and against
    /// `cap`, the answer it may not exceed (with that question's id).
    pub fn check_number(&self, x: f64, cap: Option<(f64, &str)>) -> Result<f64, String> {
        let (min, max) = self.range();
        if !x.is_finite() || x < min as f64 || x > max as f64 {
            return Err(format!(
                "{} is outside {min} to {max}; give {}",
                number(x),
                self.number_words()
            ));
        }
        if let Some(step) = self.step {
            let steps = x / step;
            if (steps - steps.round()).abs() > 1e-6 {
                return Err(format!(
                    "{x} doesn't fit: give it in steps of {}, such as {}",
                    number(step),
                    number((steps.round() * step).max(min as f64))
                ));
            }
        }
        if let Some((limit, of)) = cap
            && x > limit + 1e-9
        {
            return Err(format!(
                "{} can't be more than your answer to \"{of}\" ({}), as it is part of it; give {} or less",
                number(x),
                number(limit),
                number(limit)
            ));
        }
        Ok(x)
    }

    /// For a choice question offering "Something else": the question its
    /// words are kept under, `ID_other`. They are typed words, so shared only
    /// at `full`, and they measure nothing a summary counts: what someone
    /// wrote there is never tallied or named as one of the choices.
    pub fn something_else(&self) -> Option<Question> {
        if !self.choices.iter().any(|c| is_something_else(c)) {
            return None;
        }
        let id = format!("{}_other", self.id);
        Some(Question {
            section: id.clone(),
            id,
            qtype: QType::Text,
            text: format!("{SOMETHING_ELSE}: what was it?"),
            hint: None,
            min: None,
            max: None,
            labels: None,
            step: None,
            choices: Vec::new(),
            asked_if: None,
            at_most: None,
            measures: Measure::Other,
            level: Level::Full,
            quick: Quick::Never,
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    version: u32,
    title: String,
    #[serde(default = "default_kind")]
    kind: Kind,
    #[serde(default)]
    description: String,
    questions: Vec<Spanned<Question>>,
}

fn default_kind() -> Kind {
    Kind::Checkin
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    BuiltIn,
    File(PathBuf),
}

#[derive(Clone, Debug)]
pub struct Pack {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub kind: Kind,
    pub description: String,
    pub questions: Vec<Question>,
    pub source: Source,
}

impl Pack {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The questions of a quick run: every `always` question, and one `rotate`
    /// question chosen by `day_number` so each gets its turn. A pack with no
    /// quick questions is asked whole.
    pub fn quick_questions(&self, day_number: i64) -> Vec<&Question> {
        let rotating: Vec<&Question> = self
            .questions
            .iter()
            .filter(|q| q.quick == Quick::Rotate)
            .collect();
        let turn = (!rotating.is_empty()).then(|| {
            rotating[day_number.rem_euclid(rotating.len() as i64) as usize]
                .id
                .clone()
        });
        let picked: Vec<&Question> = self
            .questions
            .iter()
            .filter(|q| q.quick == Quick::Always || Some(&q.id) == turn.as_ref())
            .collect();
        if picked.is_empty() {
            self.questions.iter().collect()
        } else {
            picked
        }
    }
}

/// Names usable as pack and question ids: they become file names and TOML keys.
pub fn is_plain_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// Parses and checks one pack. `path` names it in messages.
pub fn parse_pack(path: &Path, text: &str, source: Source) -> Result<Pack> {
    let text = &*toml_errors::unix_line_ends(text);
    let raw: RawPack =
        toml::from_str(text).map_err(|e| anyhow::anyhow!(toml_errors::describe(path, text, &e)))?;
    let whole = |reason: String| anyhow::anyhow!("{}: {reason}", path.display());
    if !is_plain_id(&raw.id) {
        bail!(whole(format!(
            "the pack id \"{}\" must be short lowercase letters, digits, _ or -",
            raw.id
        )));
    }
    if raw.version == 0 {
        bail!(whole("version starts at 1".into()));
    }
    if raw.questions.is_empty() {
        bail!(whole("a pack needs at least one [[questions]]".into()));
    }
    let mut seen = HashSet::new();
    let mut questions = Vec::new();
    for sq in raw.questions {
        let span = sq.span();
        let mut q = sq.into_inner();
        let err = |reason: String| {
            anyhow::anyhow!(toml_errors::at(
                path,
                text,
                Some(span.clone()),
                &format!("question \"{}\": {reason}", q.id)
            ))
        };
        if !is_plain_id(&q.id) {
            bail!(err(
                "the id must be short lowercase letters, digits, _ or -".into()
            ));
        }
        if q.id == "followups" {
            bail!(err(
                "\"followups\" is kept for action follow-ups in answers files".into()
            ));
        }
        if !seen.insert(q.id.clone()) {
            bail!(err("this id is used twice in the pack".into()));
        }
        if q.text.trim().is_empty() {
            bail!(err("the question has no text".into()));
        }
        if q.qtype.is_free_text() && q.level == Level::Summary {
            bail!(err(format!(
                "a {} question holds typed words, so its level must be \"learning\" or \"full\", not \"summary\"",
                q.qtype.name()
            )));
        }
        match q.qtype {
            QType::Scale => {
                let (Some(min), Some(max)) = (q.min, q.max) else {
                    bail!(err("a scale needs min and max".into()));
                };
                if min >= max || max.checked_sub(min).is_none_or(|span| span > 100) {
                    bail!(err(format!(
                        "min {min} and max {max} do not make a usable scale"
                    )));
                }
            }
            QType::Number => {
                let (Some(min), Some(max)) = (q.min, q.max) else {
                    bail!(err("a number question needs min and max".into()));
                };
                if min >= max || !(-1_000_000..=1_000_000).contains(&min.max(max)) {
                    bail!(err(format!(
                        "min {min} and max {max} do not make a usable range"
                    )));
                }
                if q.labels.is_some() {
                    bail!(err("labels belong to scale questions only".into()));
                }
                if q.step.is_some_and(|s| !(s.is_finite() && s > 0.0)) {
                    bail!(err("step must be a number above 0, such as 0.25".into()));
                }
            }
            QType::Text
            | QType::SingleChoice
            | QType::MultiChoice
            | QType::YesNo
            | QType::Action => {
                if q.min.is_some() || q.max.is_some() || q.labels.is_some() {
                    bail!(err(
                        "min, max and labels belong to scale and number questions only".into()
                    ));
                }
            }
        }
        if q.qtype != QType::Number && (q.step.is_some() || q.at_most.is_some()) {
            bail!(err(
                "step and at_most belong to number questions only".into()
            ));
        }
        // A question may depend only on one asked before it.
        for (key, target) in [("asked_if", &q.asked_if), ("at_most", &q.at_most)] {
            if let Some(t) = target {
                match questions.iter().find(|x: &&Question| &x.id == t) {
                    None => bail!(err(format!(
                        "{key} = \"{t}\" names no question before this one in the pack"
                    ))),
                    Some(x) if key == "at_most" && x.qtype != QType::Number => bail!(err(format!(
                        "at_most = \"{t}\" must name a number question"
                    ))),
                    Some(_) => {}
                }
            }
        }
        let has_choices = matches!(q.qtype, QType::SingleChoice | QType::MultiChoice);
        if has_choices {
            if q.choices.len() < 2 {
                bail!(err("a choice question needs at least two choices".into()));
            }
            let mut c = HashSet::new();
            if q.choices
                .iter()
                .any(|s| s.trim().is_empty() || !c.insert(s))
            {
                bail!(err(
                    "choices must be non-empty and different from each other".into()
                ));
            }
        } else if !q.choices.is_empty() {
            bail!(err("choices belong to choice questions only".into()));
        }
        if q.section.is_empty() {
            q.section = q.id.clone();
        }
        questions.push(q);
    }
    // "Something else" keeps its words under ID_other; no question may
    // already have that id.
    for q in &questions {
        if let Some(other) = q.something_else()
            && questions.iter().any(|x| x.id == other.id)
        {
            bail!(whole(format!(
                "question \"{}\" is where the words for \"{SOMETHING_ELSE}\" in \"{}\" are kept; give it another id",
                other.id, q.id
            )));
        }
    }
    Ok(Pack {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        kind: raw.kind,
        description: raw.description,
        questions,
        source,
    })
}

/// Every pack tend can use: built in, then the person's own by id.
pub struct Packs {
    pub packs: BTreeMap<String, Pack>,
    /// User pack files that could not be used, with the reason, keyed by file stem.
    pub broken: BTreeMap<String, String>,
}

impl Packs {
    pub fn load(user_dir: Option<&Path>) -> Result<Packs> {
        let mut packs = BTreeMap::new();
        for (name, text) in BUILT_IN {
            let p = parse_pack(&Path::new("prompts").join(name), text, Source::BuiltIn)
                .context("a built-in prompt pack is broken; this is a bug in tend")?;
            packs.insert(p.id.clone(), p);
        }
        let mut broken = BTreeMap::new();
        if let Some(dir) = user_dir
            && let Ok(read) = std::fs::read_dir(dir)
        {
            let mut files: Vec<PathBuf> = read
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            files.sort();
            for path in files {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match load_file(&path) {
                    Ok(p) if p.id != stem => {
                        broken.insert(
                            stem.clone(),
                            format!(
                                "{}: the pack id \"{}\" must match the file name \"{stem}.toml\"",
                                path.display(),
                                p.id
                            ),
                        );
                    }
                    Ok(p) => {
                        packs.insert(p.id.clone(), p);
                    }
                    Err(e) => {
                        broken.insert(stem, format!("{e:#}"));
                    }
                }
            }
        }
        Ok(Packs { packs, broken })
    }

    /// The pack with this id. A broken user file of that name is an error, not
    /// a quiet fall back to the built-in pack: the person meant their own.
    pub fn get(&self, id: &str) -> Result<&Pack> {
        if let Some(reason) = self.broken.get(id) {
            bail!("your prompt pack \"{id}\" has a problem, so tend won't use it:\n  {reason}");
        }
        match self.packs.get(id) {
            Some(p) => Ok(p),
            None => bail!(
                "there is no prompt pack called \"{id}\". Packs you have: {} (see `tend prompts list`)",
                self.packs.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        }
    }
}

/// Reads and checks a pack file, refusing anything that is not UTF-8 text.
pub fn load_file(path: &Path) -> Result<Pack> {
    let text = read_text(path)?;
    parse_pack(path, &text, Source::File(path.to_path_buf()))
}

/// A hand-edited file's text, refusing anything that is not UTF-8.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes =
        std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{}: not UTF-8 text (bad byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_prompts_is_built_in_and_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("prompts");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
        let packs = Packs::load(None).unwrap();
        assert!(packs.get("checkin").is_ok());
    }

    #[test]
    fn quick_rotates_one_behaviour_a_day() {
        let packs = Packs::load(None).unwrap();
        let p = packs.get("checkin").unwrap();
        let ids = |d| {
            p.quick_questions(d)
                .iter()
                .map(|q| q.id.clone())
                .collect::<Vec<_>>()
        };
        let rotating: Vec<String> = (0..4)
            .map(|d| {
                ids(d)
                    .into_iter()
                    .find(|i| ["attend", "understand", "empathise", "help"].contains(&i.as_str()))
                    .unwrap()
            })
            .collect();
        assert_eq!(rotating, ["attend", "understand", "empathise", "help"]);
        assert_eq!(ids(0).len(), 4);
        assert_eq!(ids(4), ids(0));
    }

    #[test]
    fn a_typo_is_named_with_its_line() {
        let text = "id = \"x\"\nversion = 1\ntitle = \"X\"\n\n[[questions]]\nid = \"a\"\ntype = \"text\"\ntext = \"Hi\"\nmeasures = \"other\"\nlevle = \"full\"\n";
        let e = parse_pack(Path::new("x.toml"), text, Source::BuiltIn)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml, line "), "{e}");
        assert!(e.contains("levle"), "{e}");
    }

    #[test]
    fn text_cannot_be_shared_at_summary_level() {
        let text = "id = \"x\"\nversion = 1\ntitle = \"X\"\n\n[[questions]]\nid = \"a\"\ntype = \"text\"\ntext = \"Hi\"\nmeasures = \"other\"\nlevel = \"summary\"\n";
        let e = parse_pack(Path::new("x.toml"), text, Source::BuiltIn)
            .unwrap_err()
            .to_string();
        assert!(e.contains("x.toml, line 5"), "{e}");
        assert!(e.contains("\"learning\" or \"full\""), "{e}");
    }
}

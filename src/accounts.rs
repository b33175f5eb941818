//! Account templates: the shapes a reflective account can take (Rolfe's
//! three questions, Gibbs' cycle, the NMC form). Built-in templates are the
//! files in `accounts/`, compiled in; a person can add or override one by
//! id with a file in `<config folder>/accounts/`. A template names the
//! answers that fill each section by what they measure, so it works for any
//! pack, built in or a person's own. Templates are parsed only when an
//! account is asked for (or checked), never by other commands.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use toml::Spanned;

use crate::model::Measure;
use crate::toml_errors;

/// The built-in templates by id. A unit test checks that every file in
/// `accounts/` is here and valid.
const BUILT_IN: &[(&str, &str)] = &[
    ("rolfe", include_str!("../accounts/rolfe.toml")),
    ("gibbs", include_str!("../accounts/gibbs.toml")),
    ("nmc", include_str!("../accounts/nmc.toml")),
];

/// The template used when none is named.
pub const DEFAULT: &str = "rolfe";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    id: String,
    version: u32,
    title: String,
    #[serde(default)]
    description: String,
    sections: Vec<Spanned<RawSection>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSection {
    title: String,
    /// Shown under the title in every account, written or not.
    #[serde(default)]
    reminder: Option<String>,
    measures: Vec<Spanned<Measure>>,
    prompt: String,
}

/// One section of an account: what fills it, and what it asks for when
/// nothing does.
#[derive(Clone, Debug)]
pub struct Section {
    pub title: String,
    pub reminder: Option<String>,
    pub measures: Vec<Measure>,
    pub prompt: String,
}

#[derive(Clone, Debug)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub title: String,
    pub description: String,
    pub sections: Vec<Section>,
}

impl Template {
    /// The section an answer of this measure goes in, if any.
    pub fn section_of(&self, m: Measure) -> Option<usize> {
        self.sections.iter().position(|s| s.measures.contains(&m))
    }
}

/// Parses and checks one template. `path` names it in messages.
pub fn parse(path: &Path, text: &str) -> Result<Template> {
    let raw: RawTemplate =
        toml::from_str(text).map_err(|e| anyhow::anyhow!(toml_errors::describe(path, text, &e)))?;
    let whole = |reason: &str| anyhow::anyhow!("{}: {reason}", path.display());
    if !crate::prompts::is_plain_id(&raw.id) {
        bail!(whole(&format!(
            "the template id \"{}\" must be short lowercase letters, digits, _ or -",
            raw.id
        )));
    }
    if raw.version == 0 {
        bail!(whole("version starts at 1"));
    }
    if raw.title.trim().is_empty() {
        bail!(whole("the template has no title"));
    }
    if raw.sections.is_empty() {
        bail!(whole("a template needs at least one [[sections]]"));
    }
    let mut seen: HashSet<Measure> = HashSet::new();
    let mut sections = Vec::new();
    for (n, ss) in raw.sections.into_iter().enumerate() {
        let span = ss.span();
        let s = ss.into_inner();
        let at = |span: std::ops::Range<usize>, reason: String| {
            anyhow::anyhow!(toml_errors::at(
                path,
                text,
                Some(span),
                &format!("section {}: {reason}", n + 1)
            ))
        };
        if s.title.trim().is_empty() {
            bail!(at(span, "the section has no title".into()));
        }
        if s.prompt.trim().is_empty() {
            bail!(at(
                span,
                "the section needs a prompt, shown when nothing fills it (\"Add: ...\")".into()
            ));
        }
        let mut measures = Vec::new();
        for m in s.measures {
            let mspan = m.span();
            let m = m.into_inner();
            // An answer is shown once: two sections cannot both claim it.
            if !seen.insert(m) {
                bail!(at(
                    mspan,
                    format!("\"{m}\" already fills an earlier section; an answer goes in one")
                ));
            }
            measures.push(m);
        }
        sections.push(Section {
            title: s.title,
            reminder: s.reminder.filter(|r| !r.trim().is_empty()),
            measures,
            prompt: s.prompt,
        });
    }
    Ok(Template {
        id: raw.id,
        version: raw.version,
        title: raw.title,
        description: raw.description,
        sections,
    })
}

/// Reads and checks a template file, refusing anything that is not UTF-8.
pub fn load_file(path: &Path) -> Result<Template> {
    let text = crate::prompts::read_text(path)?;
    parse(path, &text)
}

/// Whether a file holds a template rather than a prompt pack: it lies in a
/// folder called `accounts`, or its TOML has `sections` and no `questions`.
pub fn is_template(path: &Path, text: &str) -> bool {
    if path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|d| d == "accounts")
    {
        return true;
    }
    toml::from_str::<toml::Table>(text)
        .is_ok_and(|t| t.contains_key("sections") && !t.contains_key("questions"))
}

/// The template called `id`: the person's own file of that name if there
/// is one (a broken one is an error, never a quiet fall back to the
/// built-in), else the built-in one.
pub fn find(user_dir: &Path, id: &str) -> Result<Template> {
    let own = user_dir.join(format!("{id}.toml"));
    if crate::prompts::is_plain_id(id) && own.is_file() {
        let t = load_file(&own).with_context(|| {
            format!("your account template \"{id}\" has a problem, so tend won't use it")
        })?;
        if t.id != id {
            bail!(
                "{}: the template id \"{}\" must match the file name \"{id}.toml\"",
                own.display(),
                t.id
            );
        }
        return Ok(t);
    }
    match BUILT_IN.iter().find(|(name, _)| *name == id) {
        Some((name, text)) => parse(&Path::new("accounts").join(format!("{name}.toml")), text)
            .context("a built-in account template is broken; this is a bug in tend"),
        None => bail!(
            "there is no account template called \"{id}\". Templates you have: {}",
            names(user_dir).join(", ")
        ),
    }
}

/// Every template id: built in, then the person's own.
fn names(user_dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = BUILT_IN.iter().map(|(n, _)| n.to_string()).collect();
    if let Ok(read) = std::fs::read_dir(user_dir) {
        let mut own: Vec<String> = read
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter_map(|p: PathBuf| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .filter(|n| !names.contains(n))
            .collect();
        own.sort();
        names.extend(own);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_accounts_is_built_in_and_valid() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("accounts");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = BUILT_IN.iter().map(|(n, _)| format!("{n}.toml")).collect();
        listed.sort();
        assert_eq!(on_disk, listed);
        for (id, _) in BUILT_IN {
            let t = find(Path::new("/nonexistent"), id).unwrap();
            assert_eq!(t.id, *id);
        }
    }

    #[test]
    fn rolfe_puts_what_happened_apart_from_what_will_change() {
        use crate::model::{Behaviour, ReadingPart};
        let t = find(Path::new("/nonexistent"), "rolfe").unwrap();
        let title = |m| t.sections[t.section_of(m).unwrap()].title.clone();
        assert!(title(Measure::Behaviour(Behaviour::Help)).starts_with("What?"));
        assert!(title(Measure::Action).starts_with("Now what?"));
        assert!(title(Measure::Reading(ReadingPart::Learned)).starts_with("So what?"));
        assert_eq!(title(Measure::SelfCare), "Looking after yourself");
    }
}

//! The fixed vocabularies tend is built on: kinds of entry, what a question
//! measures, the four behaviours, the core needs, how periods are grouped.
//! Each is an enum with the same string form as in files and on the command
//! line, parsed once where it is read; matches over them have no wildcard
//! arm, so adding a kind or a measure is a compile error at every place that
//! has to handle it.

use std::fmt;
use std::str::FromStr;

use clap::ValueEnum;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Kinds of entry; each pack produces one kind.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Kind {
    #[value(alias = "check-in")]
    Checkin,
    Weekly,
    Note,
    Reading,
    ReadingAfter,
    Action,
    #[value(alias = "follow-up")]
    Followup,
    /// Practice-related feedback (the `feedback` pack); never a check-in.
    Feedback,
}

impl Kind {
    /// The name in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Checkin => "checkin",
            Kind::Weekly => "weekly",
            Kind::Note => "note",
            Kind::Reading => "reading",
            Kind::ReadingAfter => "reading_after",
            Kind::Action => "action",
            Kind::Followup => "followup",
            Kind::Feedback => "feedback",
        }
    }

    /// Words for the kind, as a person reads them.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Checkin => "check-in",
            Kind::Weekly => "weekly check-in",
            Kind::Note => "note",
            Kind::Reading => "reading",
            Kind::ReadingAfter => "after-reading reflection",
            Kind::Action => "action",
            Kind::Followup => "follow-up",
            Kind::Feedback => "feedback",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The four behaviours of compassionate leadership, in the order tend asks them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Behaviour {
    Attend,
    Understand,
    Empathise,
    Help,
}

impl Behaviour {
    pub const ALL: [Behaviour; 4] = [
        Behaviour::Attend,
        Behaviour::Understand,
        Behaviour::Empathise,
        Behaviour::Help,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Behaviour::Attend => "attend",
            Behaviour::Understand => "understand",
            Behaviour::Empathise => "empathise",
            Behaviour::Help => "help",
        }
    }
}

/// The three core needs at work (autonomy, belonging, contribution).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    Autonomy,
    Belonging,
    Contribution,
}

impl Need {
    pub const ALL: [Need; 3] = [Need::Autonomy, Need::Belonging, Need::Contribution];

    pub fn as_str(self) -> &'static str {
        match self {
            Need::Autonomy => "autonomy",
            Need::Belonging => "belonging",
            Need::Contribution => "contribution",
        }
    }
}

/// The parts of reflecting on a reading, before and after.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReadingPart {
    Hope,
    Assumption,
    Learned,
    DiscussWith,
    Change,
}

/// The CPD details of a finished reading (hours, hours learning with
/// others, what sort of activity it was).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CpdPart {
    Hours,
    ParticipatoryHours,
    Activity,
}

/// What sort of CPD activity a reading was (`cpd:activity`, `--activity`);
/// the same words as the choices in the after-reading pack.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Activity {
    Course,
    Reading,
    Talk,
    #[value(name = "e-learning")]
    ELearning,
    Other,
}

impl Activity {
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Course => "course",
            Activity::Reading => "reading",
            Activity::Talk => "talk",
            Activity::ELearning => "e-learning",
            Activity::Other => "other",
        }
    }
}

/// The parts of a piece of practice-related feedback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FeedbackPart {
    /// Where it came from, by role.
    Source,
    /// What it said.
    Content,
}

/// What a question measures: how summaries and exports find their data in
/// any pack, built in or a person's own. Written in files as its name
/// (`behaviour:attend`, `need:autonomy`, `motivation`...).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    Motivation,
    Behaviour(Behaviour),
    /// How the leader is treating themselves (`self`).
    SelfCare,
    Action,
    Learning,
    Need(Need),
    StrainFactor,
    Barrier,
    Reading(ReadingPart),
    Cpd(CpdPart),
    Feedback(FeedbackPart),
    Other,
}

impl Measure {
    pub const ALL: [Measure; 24] = [
        Measure::Motivation,
        Measure::Behaviour(Behaviour::Attend),
        Measure::Behaviour(Behaviour::Understand),
        Measure::Behaviour(Behaviour::Empathise),
        Measure::Behaviour(Behaviour::Help),
        Measure::SelfCare,
        Measure::Action,
        Measure::Learning,
        Measure::Need(Need::Autonomy),
        Measure::Need(Need::Belonging),
        Measure::Need(Need::Contribution),
        Measure::StrainFactor,
        Measure::Barrier,
        Measure::Reading(ReadingPart::Hope),
        Measure::Reading(ReadingPart::Assumption),
        Measure::Reading(ReadingPart::Learned),
        Measure::Reading(ReadingPart::DiscussWith),
        Measure::Reading(ReadingPart::Change),
        Measure::Cpd(CpdPart::Hours),
        Measure::Cpd(CpdPart::ParticipatoryHours),
        Measure::Cpd(CpdPart::Activity),
        Measure::Feedback(FeedbackPart::Source),
        Measure::Feedback(FeedbackPart::Content),
        Measure::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Motivation => "motivation",
            Measure::Behaviour(Behaviour::Attend) => "behaviour:attend",
            Measure::Behaviour(Behaviour::Understand) => "behaviour:understand",
            Measure::Behaviour(Behaviour::Empathise) => "behaviour:empathise",
            Measure::Behaviour(Behaviour::Help) => "behaviour:help",
            Measure::SelfCare => "self",
            Measure::Action => "action",
            Measure::Learning => "learning",
            Measure::Need(Need::Autonomy) => "need:autonomy",
            Measure::Need(Need::Belonging) => "need:belonging",
            Measure::Need(Need::Contribution) => "need:contribution",
            Measure::StrainFactor => "strain_factor",
            Measure::Barrier => "barrier",
            Measure::Reading(ReadingPart::Hope) => "reading:hope",
            Measure::Reading(ReadingPart::Assumption) => "reading:assumption",
            Measure::Reading(ReadingPart::Learned) => "reading:learned",
            Measure::Reading(ReadingPart::DiscussWith) => "reading:discuss_with",
            Measure::Reading(ReadingPart::Change) => "reading:change",
            Measure::Cpd(CpdPart::Hours) => "cpd:hours",
            Measure::Cpd(CpdPart::ParticipatoryHours) => "cpd:participatory_hours",
            Measure::Cpd(CpdPart::Activity) => "cpd:activity",
            Measure::Feedback(FeedbackPart::Source) => "feedback:source",
            Measure::Feedback(FeedbackPart::Content) => "feedback:content",
            Measure::Other => "other",
        }
    }

    fn names() -> String {
        Measure::ALL.map(Measure::as_str).join(", ")
    }
}

/// What an answer brings to the test of whether an entry is ready to become
/// a reflective account: something learned, together with a change or an
/// action. One rule, so the portfolio's count and `export --format account
/// --since` choose the same entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountRole {
    Learned,
    Change,
}

impl Measure {
    pub fn account_role(self) -> Option<AccountRole> {
        match self {
            Measure::Learning
            | Measure::Reading(ReadingPart::Learned)
            | Measure::Behaviour(Behaviour::Understand) => Some(AccountRole::Learned),
            Measure::Action | Measure::Reading(ReadingPart::Change) => Some(AccountRole::Change),
            Measure::Motivation
            | Measure::Behaviour(Behaviour::Attend | Behaviour::Empathise | Behaviour::Help)
            | Measure::SelfCare
            | Measure::Need(_)
            | Measure::StrainFactor
            | Measure::Barrier
            | Measure::Reading(
                ReadingPart::Hope | ReadingPart::Assumption | ReadingPart::DiscussWith,
            )
            | Measure::Cpd(_)
            | Measure::Feedback(_)
            | Measure::Other => None,
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Measure {
    type Err = String;
    fn from_str(s: &str) -> Result<Measure, String> {
        Measure::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "measures = \"{s}\" is not one tend knows; use one of: {}",
                    Measure::names()
                )
            })
    }
}

impl Serialize for Measure {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Measure, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The parts of a summary a leader can share or leave out of an export, in
/// the order they appear (`--only` / `--without`).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum Part {
    Noticed,
    Rhythm,
    Motivation,
    Behaviours,
    #[serde(rename = "self")]
    #[value(name = "self")]
    SelfCare,
    Needs,
    Barriers,
    Actions,
    Readings,
    Themes,
    Answers,
}

impl Part {
    pub const ALL: [Part; 11] = [
        Part::Noticed,
        Part::Rhythm,
        Part::Motivation,
        Part::Behaviours,
        Part::SelfCare,
        Part::Needs,
        Part::Barriers,
        Part::Actions,
        Part::Readings,
        Part::Themes,
        Part::Answers,
    ];

    /// The name in exports and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Noticed => "noticed",
            Part::Rhythm => "rhythm",
            Part::Motivation => "motivation",
            Part::Behaviours => "behaviours",
            Part::SelfCare => "self",
            Part::Needs => "needs",
            Part::Barriers => "barriers",
            Part::Actions => "actions",
            Part::Readings => "readings",
            Part::Themes => "themes",
            Part::Answers => "answers",
        }
    }

    /// "rhythm, motivation, needs": parts as a person reads a list of them.
    pub fn names(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| p.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Which part an answer belongs to, from what its question measures.
    pub fn of(measures: Measure) -> Part {
        match measures {
            Measure::Motivation => Part::Motivation,
            Measure::SelfCare => Part::SelfCare,
            Measure::Action | Measure::Reading(ReadingPart::Change) => Part::Actions,
            Measure::StrainFactor | Measure::Need(_) => Part::Needs,
            Measure::Barrier => Part::Barriers,
            Measure::Behaviour(_) => Part::Behaviours,
            Measure::Reading(
                ReadingPart::Hope
                | ReadingPart::Assumption
                | ReadingPart::Learned
                | ReadingPart::DiscussWith,
            )
            | Measure::Cpd(_) => Part::Readings,
            Measure::Learning | Measure::Feedback(_) | Measure::Other => Part::Answers,
        }
    }
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a summary groups its days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum By {
    Week,
    Month,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_measure_reads_back_from_its_name() {
        for m in Measure::ALL {
            assert_eq!(m.as_str().parse::<Measure>(), Ok(m));
        }
        let mut names: Vec<&str> = Measure::ALL.map(Measure::as_str).to_vec();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Measure::ALL.len());
    }

    #[test]
    fn an_unknown_measure_names_the_known_ones() {
        let e = "behaviour:atend".parse::<Measure>().unwrap_err();
        assert!(e.contains("\"behaviour:atend\""), "{e}");
        assert!(e.contains("behaviour:attend, behaviour:understand"), "{e}");
    }

    #[test]
    fn every_part_is_named_as_on_the_command_line_and_in_files() {
        for p in Part::ALL {
            let value = p.to_possible_value().unwrap();
            assert_eq!(value.get_name(), p.as_str());
            assert_eq!(
                serde_json::to_value(p).unwrap(),
                serde_json::Value::String(p.as_str().into())
            );
        }
    }

    #[test]
    fn every_kind_has_its_file_name() {
        for k in Kind::value_variants().iter().copied() {
            let v = k.to_possible_value().unwrap();
            assert_eq!(v.get_name(), k.as_str());
        }
    }
}

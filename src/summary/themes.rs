//! Themes: the words that recur across entries, and the tags used.

use std::collections::{BTreeMap, BTreeSet};

use super::report::Count;
use super::top;
use crate::fnv::FastMap;
use crate::journal::facts::Facts;
use crate::journal::index::MonthThemes;
use crate::words;

/// Entries per theme from theme counts (whole months from the index, and
/// the entries of months in part, counted the same way): each theme named
/// by the word form used in most entries, never by its stem; names on the
/// watch list are never themes.
fn named<'a>(
    counts: impl Iterator<Item = &'a MonthThemes>,
    learning_words_only: bool,
    watch_list: &[String],
) -> Vec<Count> {
    let mut stems: FastMap<&str, usize> = FastMap::default();
    let mut forms: FastMap<&str, (&str, usize)> = FastMap::default();
    for t in counts {
        let by_stem = if learning_words_only {
            &t.learning
        } else {
            &t.all
        };
        for (st, n) in by_stem {
            *stems.entry(st.as_str()).or_default() += *n as usize;
        }
        for (w, f) in &t.forms {
            forms.entry(w.as_str()).or_insert((f.stem.as_str(), 0)).1 += f.entries as usize;
        }
    }
    // The most used form of each stem; a tie goes to the first in
    // alphabetical order, so the name never depends on hashing.
    let mut best: FastMap<&str, (&str, usize)> = FastMap::default();
    for (w, (st, n)) in &forms {
        let e = best.entry(st).or_insert((w, *n));
        if (*n, std::cmp::Reverse(*w)) > (e.1, std::cmp::Reverse(e.0)) {
            *e = (w, *n);
        }
    }
    let watched: Vec<String> = watch_list
        .iter()
        .flat_map(|name| words::words(name))
        .map(|w| words::stem(&w))
        .collect();
    let named: BTreeMap<String, usize> = stems
        .into_iter()
        .filter(|(st, n)| *n > 0 && !watched.iter().any(|w| w == st))
        .filter_map(|(st, n)| best.get(st).map(|(w, _)| (w.to_string(), n)))
        .collect();
    top(named, 15, 2)
}

/// Themes of a set of texts, each (entry, text): entries per theme, named
/// by the form used most, recurring (two entries or more), most first.
pub fn themes_of(texts: &[(&str, &str)]) -> Vec<Count> {
    let mut per_entry: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (entry, text) in texts {
        per_entry
            .entry(entry)
            .or_default()
            .extend(words::words(text));
    }
    let mut counts = MonthThemes::default();
    for ws in per_entry.values() {
        counts.add("", &ws.iter().cloned().collect::<Vec<_>>().join(" "));
    }
    named(std::iter::once(&counts), false, &[])
}

/// The themes of a period: entry by entry, except month folders whose every
/// entry is in the period, whose counts come from the index's monthly ones.
pub struct Tally<'a> {
    partial: MonthThemes,
    whole: BTreeSet<String>,
    months: &'a BTreeMap<String, MonthThemes>,
    learning_words_only: bool,
}

/// The month folder of a fact ("2026/11").
fn folder(f: &Facts) -> &str {
    f.path.get(..7).unwrap_or("")
}

impl<'a> Tally<'a> {
    pub fn new(
        readable: &[&Facts],
        in_range: &[&Facts],
        months: &'a BTreeMap<String, MonthThemes>,
        learning_words_only: bool,
    ) -> Tally<'a> {
        let mut folder_total: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        for f in readable {
            folder_total.entry(folder(f).to_string()).or_default().0 += 1;
        }
        for f in in_range {
            folder_total.entry(folder(f).to_string()).or_default().1 += 1;
        }
        let whole = folder_total
            .into_iter()
            .filter(|(k, (total, inside))| total == inside && months.contains_key(k))
            .map(|(k, _)| k)
            .collect();
        Tally {
            partial: MonthThemes::default(),
            whole,
            months,
            learning_words_only,
        }
    }

    pub fn add(&mut self, f: &Facts) {
        if self.whole.contains(folder(f)) {
            return;
        }
        let m = &f.measured;
        let full = if self.learning_words_only {
            ""
        } else {
            m.words_full.as_str()
        };
        self.partial.add(&m.words_learning, full);
    }

    pub fn finish(self, watch_list: &[String]) -> Vec<Count> {
        let months = self.months;
        let counts = self
            .whole
            .iter()
            .filter_map(|k| months.get(k))
            .chain(std::iter::once(&self.partial));
        named(counts, self.learning_words_only, watch_list)
    }
}

/// Tags, most used first.
#[derive(Default)]
pub struct Tags(BTreeMap<String, usize>);

impl Tags {
    pub fn add(&mut self, f: &Facts) {
        for t in &f.tags {
            *self.0.entry(t.clone()).or_default() += 1;
        }
    }

    pub fn finish(self) -> Vec<Count> {
        top(self.0, 10, 1)
    }
}

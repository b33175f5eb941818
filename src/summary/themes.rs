//! Themes: the words that recur across entries, and the tags used.

use std::collections::{BTreeMap, BTreeSet};

use super::report::Count;
use super::top;
use crate::fnv::FastMap;
use crate::journal::facts::Facts;
use crate::journal::index::MonthThemes;
use crate::words;

/// Counts entries per stem. Each distinct word is looked up once and given
/// a word id and a stem id; after that, counting is indexing into vectors
/// (an all-time summary can see every word of every entry).
#[derive(Default)]
struct ThemeCounter<'a> {
    word_ids: FastMap<&'a str, (usize, usize)>,
    stem_ids: FastMap<String, usize>,
    word_text: Vec<&'a str>,
    word_uses: Vec<usize>,
    word_stem: Vec<usize>,
    stem_text: Vec<String>,
    stem_entries: Vec<usize>,
}

impl<'a> ThemeCounter<'a> {
    fn stem(&mut self, st: &str) -> usize {
        if let Some(id) = self.stem_ids.get(st) {
            return *id;
        }
        self.stem_text.push(st.to_string());
        self.stem_entries.push(0);
        self.stem_ids
            .insert(st.to_string(), self.stem_text.len() - 1);
        self.stem_text.len() - 1
    }

    fn word(&mut self, w: &'a str) -> (usize, usize) {
        if let Some(ids) = self.word_ids.get(w) {
            return *ids;
        }
        let stem = self.stem(&words::stem(w));
        self.word_text.push(w);
        self.word_uses.push(0);
        self.word_stem.push(stem);
        let ids = (self.word_text.len() - 1, stem);
        self.word_ids.insert(w, ids);
        ids
    }

    /// Entries per theme, each named by the spelling people used most.
    fn named(&self) -> BTreeMap<String, usize> {
        let mut best: Vec<Option<usize>> = vec![None; self.stem_text.len()];
        for (w, st) in self.word_stem.iter().enumerate() {
            let key = |i: usize| (self.word_uses[i], std::cmp::Reverse(self.word_text[i]));
            if best[*st].is_none_or(|b| key(w) > key(b)) {
                best[*st] = Some(w);
            }
        }
        self.stem_entries
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(st, n)| {
                let name = best[st].map_or_else(
                    || self.stem_text[st].clone(),
                    |w| self.word_text[w].to_string(),
                );
                (name, *n)
            })
            .collect()
    }
}

/// Themes of a set of texts, each (entry, text): entries per stem, named by
/// the spelling used most, recurring (two entries or more), most first.
pub fn themes_of(texts: &[(&str, &str)]) -> Vec<Count> {
    let words: Vec<(&str, Vec<String>)> = texts
        .iter()
        .map(|(e, t)| (*e, words::words(t).into_iter().collect()))
        .collect();
    let mut counter = ThemeCounter::default();
    let mut per_entry: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (entry, ws) in &words {
        for w in ws {
            let (word, stem) = counter.word(w);
            counter.word_uses[word] += 1;
            per_entry.entry(entry).or_default().insert(stem);
        }
    }
    for stems in per_entry.values() {
        for st in stems {
            counter.stem_entries[*st] += 1;
        }
    }
    top(counter.named(), 15, 2)
}

/// The themes of a period: entry by entry, except month folders whose every
/// entry is in the period, whose counts come from the index's monthly ones.
pub struct Tally<'a> {
    counter: ThemeCounter<'a>,
    whole: BTreeSet<String>,
    months: &'a BTreeMap<String, MonthThemes>,
    learning_words_only: bool,
    entry_stems: Vec<usize>,
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
            counter: ThemeCounter::default(),
            whole,
            months,
            learning_words_only,
            entry_stems: Vec::new(),
        }
    }

    pub fn add(&mut self, f: &'a Facts) {
        if self.whole.contains(folder(f)) {
            return;
        }
        let m = &f.measured;
        self.entry_stems.clear();
        let full = if self.learning_words_only {
            ""
        } else {
            m.words_full.as_str()
        };
        for w in m.words_learning.split(' ').chain(full.split(' ')) {
            if !w.is_empty() {
                let (word, stem) = self.counter.word(w);
                self.counter.word_uses[word] += 1;
                self.entry_stems.push(stem);
            }
        }
        self.entry_stems.sort_unstable();
        self.entry_stems.dedup();
        for st in &self.entry_stems {
            self.counter.stem_entries[*st] += 1;
        }
    }

    pub fn finish(mut self) -> Vec<Count> {
        let months = self.months;
        let counter = &mut self.counter;
        for t in self.whole.iter().filter_map(|k| months.get(k)) {
            let counts = if self.learning_words_only {
                &t.learning
            } else {
                &t.all
            };
            for (st, n) in counts {
                let id = counter.stem(st);
                counter.stem_entries[id] += *n as usize;
            }
            for (w, n) in &t.forms {
                let (word, _) = counter.word(w);
                counter.word_uses[word] += *n as usize;
            }
        }
        top(counter.named(), 15, 2)
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

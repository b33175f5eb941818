//! Words for themes: what a person typed, lowercased, without the small and
//! everyday words every sentence has, and folded to an English Snowball stem
//! so "nurse" and "nurses", "listened" and "listening" count as one theme.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Common English words, and everyday ones, that say nothing about a theme.
/// Compared by stem, so "asking" and "asked" go with "ask".
const STOP: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "back",
    "be",
    "because",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "down",
    "each",
    "even",
    "few",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "know",
    "last",
    "less",
    "let",
    "like",
    "made",
    "make",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "need",
    "new",
    "next",
    "no",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "quite",
    "really",
    "said",
    "same",
    "say",
    "see",
    "she",
    "should",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "through",
    "to",
    "today",
    "too",
    "two",
    "under",
    "up",
    "us",
    "very",
    "want",
    "was",
    "way",
    "we",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "will",
    "with",
    "would",
    "yes",
    "yet",
    "you",
    "your",
    "week",
    "day",
    "time",
    "lot",
    "bit",
    "going",
    "feel",
    "felt",
    // Everyday words: doing, asking and booking are how a day goes, not
    // what it was about.
    "ask",
    "book",
    "come",
    "came",
    "go",
    "gone",
    "take",
    "took",
    "put",
    "tell",
    "told",
    "try",
    "use",
    "seem",
    "look",
    "find",
    "found",
    "give",
    "gave",
    "keep",
    "kept",
    "thank",
    "okay",
    "good",
    "bad",
    "yeah",
    "sure",
    "maybe",
    "always",
    "never",
    "every",
    "something",
    "anything",
    "nothing",
    "someone",
    "everyone",
    "around",
    "without",
    "already",
    "another",
    "though",
    "although",
    "since",
    "until",
    "during",
    "ago",
    "able",
    "yesterday",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "three",
    "four",
    "five",
    "first",
    "second",
    "else",
    "ever",
    "herself",
    "himself",
    "itself",
    "myself",
    "ourselves",
    "themselves",
    "yourself",
    "whose",
    "whom",
    "shall",
    "isn",
    "aren",
    "wasn",
    "weren",
    "won",
    "don",
    "didn",
    "doesn",
];

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// The stems of the stop words.
fn stop_stems() -> &'static BTreeSet<String> {
    static S: OnceLock<BTreeSet<String>> = OnceLock::new();
    S.get_or_init(|| STOP.iter().map(|w| stem(w)).collect())
}

/// The English Snowball stem of a lowercase word ("nurses" -> "nurs"). A stem
/// is for grouping only: people are shown the word as they typed it.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// A word as a theme: contractions ("she's", "don't") are none; a possessive
/// counts as its word ("team's" is "team").
fn theme_word(w: &str) -> Option<String> {
    let w = w.to_lowercase();
    let w = match w.split_once('\'') {
        Some((base, "s")) if !STOP.contains(&base) => base.to_string(),
        Some(_) => return None,
        None => w,
    };
    let long_enough = w.chars().count() >= 3 && !w.chars().all(|c| c.is_numeric());
    (long_enough && !STOP.contains(&w.as_str()) && !stop_stems().contains(&stem(&w))).then_some(w)
}

/// The distinct theme words of a text, lowercased, small, everyday and
/// contracted words left out.
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.replace('’', "'"))
        .map(|w| w.trim_matches('\'').to_string())
        .filter_map(|w| theme_word(&w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_words_share_a_stem() {
        assert_eq!(stem("listened"), stem("listening"));
        assert_eq!(stem("listens"), stem("listen"));
        assert_eq!(stem("worries"), stem("worried"));
        assert_eq!(stem("nurse"), stem("nurses"));
        assert_eq!(stem("colleague"), stem("colleagues"));
        assert_eq!(stem("rotas"), stem("rota"));
        assert_ne!(stem("class"), stem("clash"));
    }

    #[test]
    fn small_everyday_and_contracted_words_are_left_out() {
        let w = words(
            "I listened to the Night team, and the night team's rota: 2026! She's asking; it’s booked, don't.",
        );
        let v: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(v, ["listened", "night", "rota", "team"]);
    }
}

//! Words for themes: what a person typed, lowercased, without the small words
//! every sentence has, and folded to a simple stem so "listened" and
//! "listening" count as one theme.

use std::collections::BTreeSet;

/// Common English words that say nothing about a theme.
const STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
    "at", "back", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
    "did", "do", "does", "doing", "done", "down", "each", "even", "few", "for", "from", "get",
    "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i",
    "if", "in", "into", "is", "it", "its", "just", "know", "last", "less", "let", "like", "made",
    "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "need", "new",
    "next", "no", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our",
    "out", "over", "own", "quite", "really", "said", "same", "say", "see", "she", "should", "so",
    "some", "still", "such", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "thing", "things", "think", "this", "those", "through", "to", "today", "too", "two",
    "under", "up", "us", "very", "want", "was", "way", "we", "well", "went", "were", "what",
    "when", "where", "which", "while", "who", "why", "will", "with", "would", "yes", "yet", "you",
    "your", "week", "day", "time", "lot", "bit", "went", "going", "feel", "felt",
];

/// The distinct theme words of a text, lowercased, stop words removed.
pub fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(|c| c.is_numeric()))
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

/// A simple stem: common endings taken off, so related words group together.
/// Not a linguist's stemmer; enough to fold plurals and tenses.
pub fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s");
    for suffix in [
        "ingly", "edly", "ness", "ment", "ing", "ied", "ies", "ed", "ly", "es", "s",
    ] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 3
            && !(suffix == "s" && base.ends_with('s'))
        {
            return match suffix {
                "ied" | "ies" => format!("{base}y"),
                _ => base.to_string(),
            };
        }
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_words_share_a_stem() {
        assert_eq!(stem("listened"), stem("listening"));
        assert_eq!(stem("listens"), "listen");
        assert_eq!(stem("worries"), "worry");
        assert_eq!(stem("worried"), "worry");
        assert_eq!(stem("rotas"), "rota");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("red"), "red");
    }

    #[test]
    fn small_words_and_numbers_are_left_out() {
        let w = words("I listened to the Night team, and the night team's rota: 2026!");
        let v: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(v, ["listened", "night", "rota", "team", "team's"]);
    }
}

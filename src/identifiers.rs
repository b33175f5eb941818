//! The identifier check run before anything typed is shared: things that
//! could identify a patient or a colleague. Reflective notes should hold
//! roles, not people; this finds what slipped through, for the leader to
//! decide on. It errs towards asking.
//!
//! Text is normalised before any pattern reads it (see [`Normal`]), so one
//! set of patterns covers full-width digits, non-breaking spaces, curly
//! apostrophes and unusual dashes; every hit is mapped back to the exact
//! span of the original text, so redaction replaces it whole.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("identifier pattern")
}

/// An address with `@`, or with `[at]`, `(at)` or `{at}` written out (and
/// `[dot]` likewise), as people write them to dodge spam filters.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b[a-z0-9._%+-]+\s*(?:@|\[at\]|\(at\)|\{at\})\s*[a-z0-9-]+(?:(?:\.|\s*[\[({]dot[\])}]\s*)[a-z0-9-]+)*(?:\.|\s*[\[({]dot[\])}]\s*)[a-z]{2,}\b",
    )
});
/// Ten digits in 3-3-4 groups, with any separator or none.
static TEN_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b\d{3}[\s./-]{0,3}\d{3}[\s./-]{0,3}\d{4}\b"));
/// A UK number: +44 or 0044 (with or without "(0)"), or a leading 0, then
/// digits with spaces, dashes or brackets.
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:(?:\+|\b00)44[\s-]?(?:\(0\)[\s-]?)?|\(?\b0)\d[\d\s()-]{7,14}\d\b"));
/// A UK number without its leading 0, which only reads as a phone number
/// after a word that says so ("mobile 7700 900123").
static BARE_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:call(?:ed)?|ring|rang|phone(?:d)?|mobile|mob|tel(?:ephone)?|text(?:ed)?|landline|contact|number)\b[\s:.]*(?:is\s+|on\s+)?([1-37-8](?:[\s-]?\d){8,9})\b",
    )
});
/// A hospital or medical record number after the words that introduce it.
static RECORD_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:mrn|(?:hospital|hosp\.?|unit|case|patient|(?:medical\s+)?record)\s+(?:number|no\b\.?|id\b))\s*[:#-]?\s*([a-z]{0,3}\d{5,10})\b",
    )
});
/// Three capitals and seven digits, the usual shape of a hospital number.
static RECORD_SHAPE: LazyLock<Regex> = LazyLock::new(|| re(r"\b[A-Z]{3}\d{7}\b"));
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:[a-z]{1,2}[0-9][a-z0-9]?|gir)\s?[0-9][abd-hjlnp-uw-z]{2}\b"));
/// A date within a few words after "born", "DOB" or "date of birth".
static BIRTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:born|dob|date of birth|birthday)\b|\bd\.o\.b\.?)[^\n\d]{0,20}?(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4})",
    )
});
/// A name after a title, whole: "Mrs Okafor", "Dr. J. A. Patel", "Sister
/// O'Neill", "Mr Smith-Jones", "Nurse Ødegaard", "Dr van Example", "Dr Ada
/// Example". The first word after the title and any initials is group 1.
static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let name = r"\p{Lu}\p{L}*(?:['-]\p{L}+)*";
    re(&format!(
        r"\b(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Sister|Nurse|Matron|Father|Revd|Rev)\b\.?(?:\s*\p{{Lu}}\.|\s+\p{{Lu}}\b){{0,3}}\s+((?:(?:van|von|de|da|di|du|del|der|den|le|la|ter|al|el|bin|ibn)\s+)?{name})(?:\s+{name})?"
    ))
});
/// Capitalised words after a title that are roles, not names ("Nurse
/// Associate", "Sister In Charge").
const NOT_NAMES: [&str; 12] = [
    "Associate",
    "Practitioner",
    "Specialist",
    "Consultant",
    "Manager",
    "Lead",
    "In",
    "On",
    "Of",
    "The",
    "Team",
    "Ward",
];
/// A bed or bay number, which with a ward and a date points at a patient.
static BED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(?:bed|bay|side room)\s*(?:no\.?\s*)?\d+[a-z]?\b"));

/// The NHS number check digit (modulus 11).
pub fn nhs_valid(digits: &[u8]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| *d as u32 * (10 - i as u32))
        .sum();
    let check = 11 - (sum % 11);
    let check = if check == 11 { 0 } else { check };
    check != 10 && check == digits[9] as u32
}

fn digits(s: &str) -> Vec<u8> {
    s.bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect()
}

/// Text as the patterns read it: NFKC (full-width digits become digits,
/// non-breaking and other odd spaces become spaces), curly apostrophes
/// straight and dashes plain. Each character with its combining marks is
/// normalised as one, and every byte remembers the original span it came
/// from, so a hit found here maps back whole.
struct Normal {
    text: String,
    /// For each byte of `text`, the original span it came from.
    from: Vec<(usize, usize)>,
}

impl Normal {
    fn new(original: &str) -> Normal {
        let mut text = String::with_capacity(original.len());
        let mut from = Vec::with_capacity(original.len());
        let mut chars = original.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, m)) = chars.peek() {
                if !is_combining_mark(m) {
                    break;
                }
                end = i + m.len_utf8();
                chars.next();
            }
            let before = text.len();
            match c {
                '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '`' => text.push('\''),
                '\u{2010}'..='\u{2015}' | '\u{2212}' => text.push('-'),
                _ => text.extend(original[start..end].nfkc()),
            }
            from.resize(text.len(), (start, end));
            debug_assert!(text.len() > before);
        }
        Normal { text, from }
    }

    /// The original span of `start..end` in the normal text.
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.from[start].0, self.from[end - 1].1)
    }
}

/// A word as the watch list compares it: lower case, without accents.
fn fold(word: &str) -> String {
    let mut out = String::new();
    for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            'þ' | 'Þ' => out.push_str("th"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of `text` (runs of letters and digits; an apostrophe or any
/// other mark ends one), folded, with their byte spans.
fn words(text: &str) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let inside = c.is_alphanumeric() || is_combining_mark(c);
        match (start, inside) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((fold(&text[s..i]), s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Every spelling of a watch-list name that counts as it: its words run
/// together, in any order (so "Patel, Priya" is "Priya Patel").
fn spellings(name: &str) -> HashSet<String> {
    let parts: Vec<String> = words(name).into_iter().map(|(w, _, _)| w).collect();
    let mut out = HashSet::new();
    if parts.len() > 4 {
        // Too many orders to try: the name as written, and back to front.
        out.insert(parts.concat());
        out.insert(parts.iter().rev().cloned().collect::<String>());
        return out;
    }
    fn permute(rest: &[String], done: String, out: &mut HashSet<String>) {
        if rest.is_empty() {
            out.insert(done);
            return;
        }
        for i in 0..rest.len() {
            let mut left = rest.to_vec();
            let w = left.remove(i);
            permute(&left, done.clone() + &w, out);
        }
    }
    permute(&parts, String::new(), &mut out);
    out.remove("");
    out
}

/// The most that may stand between two words of one name: spaces, a line
/// break, a comma, a hyphen.
const MAX_GAP: usize = 6;

/// Watch-list names in `text`: runs of whole words that, folded and run
/// together, spell a name in some order, whatever spacing, line breaks,
/// punctuation, case or accents lie between.
fn watch_hits(text: &str, watch_list: &[String]) -> Vec<(usize, usize)> {
    let targets: HashSet<String> = watch_list.iter().flat_map(|n| spellings(n)).collect();
    let Some(longest) = targets.iter().map(String::len).max() else {
        return Vec::new();
    };
    let ws = words(text);
    let mut out = Vec::new();
    for i in 0..ws.len() {
        let mut joined = String::new();
        for j in i..ws.len() {
            if j > i && ws[j].1 - ws[j - 1].2 > MAX_GAP {
                break;
            }
            joined.push_str(&ws[j].0);
            if joined.len() > longest {
                break;
            }
            if targets.contains(&joined) {
                out.push((ws[i].1, ws[j].2));
            }
        }
    }
    out
}

/// Everything in `text` that looks like an identifier, in order. Hits that
/// overlap become one hit over both (named by the kind earlier in this
/// list), so redacting leaves no piece of either.
pub fn scan(text: &str, watch_list: &[String]) -> Vec<Hit> {
    let n = Normal::new(text);
    let t = n.text.as_str();
    let mut found: Vec<(&'static str, usize, usize)> = Vec::new();
    let mut push = |kind, start, end| found.push((kind, start, end));
    for m in EMAIL.find_iter(t) {
        push("e-mail address", m.start(), m.end());
    }
    for m in TEN_DIGITS.find_iter(t) {
        if nhs_valid(&digits(m.as_str())) {
            push("NHS number", m.start(), m.end());
        }
    }
    for m in PHONE.find_iter(t) {
        let mut d = digits(m.as_str());
        let written = m.as_str().trim_start_matches('(');
        if written.starts_with("+44") || written.starts_with("0044") {
            d.drain(..if written.starts_with('+') { 2 } else { 4 });
            if d.first() != Some(&0) {
                d.insert(0, 0);
            }
        }
        if (10..=11).contains(&d.len()) && d[0] == 0 && d[1] != 0 {
            push("phone number", m.start(), m.end());
        }
    }
    for c in BARE_PHONE.captures_iter(t) {
        let m = c.get(1).expect("the number");
        push("phone number", m.start(), m.end());
    }
    for c in RECORD_LABELLED.captures_iter(t) {
        let m = c.get(1).expect("the number");
        push("hospital or record number", m.start(), m.end());
    }
    for m in RECORD_SHAPE.find_iter(t) {
        push("hospital or record number", m.start(), m.end());
    }
    for m in POSTCODE.find_iter(t) {
        push("postcode", m.start(), m.end());
    }
    for c in BIRTH_DATE.captures_iter(t) {
        if let Some(m) = c.get(1) {
            push("date of birth", m.start(), m.end());
        }
    }
    for c in TITLED_NAME.captures_iter(t) {
        let first = c.get(1).expect("a name").as_str();
        if !NOT_NAMES.contains(&first) {
            let m = c.get(0).expect("the match");
            push("name after a title", m.start(), m.end());
        }
    }
    for m in BED.find_iter(t) {
        push("bed or bay number", m.start(), m.end());
    }
    for (start, end) in watch_hits(t, watch_list) {
        push("name from your watch list", start, end);
    }

    // Merge overlapping hits; the earliest kind found names the whole.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].1, i));
    let mut merged: Vec<(usize, usize, usize)> = Vec::new(); // (first index, start, end)
    for i in order {
        let (_, start, end) = found[i];
        match merged.last_mut() {
            Some(last) if start < last.2 => {
                last.2 = last.2.max(end);
                last.0 = last.0.min(i);
            }
            _ => merged.push((i, start, end)),
        }
    }
    merged
        .into_iter()
        .map(|(i, start, end)| {
            let (start, end) = n.original(start, end);
            Hit {
                kind: found[i].0,
                start,
                end,
                text: text[start..end].to_string(),
            }
        })
        .collect()
}

/// `text` with every hit replaced by `[redacted]`.
pub fn redact(text: &str, hits: &[Hit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in hits {
        out.push_str(&text[at..h.start]);
        out.push_str("[redacted]");
        at = h.end;
    }
    out.push_str(&text[at..]);
    out
}
/// A short excerpt around a hit, for listing it.
pub fn excerpt(text: &str, h: &Hit) -> String {
    let before: String = text[..h.start]
        .chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[h.end..].chars().take(20).collect();
    format!("…{before}[{}]{after}…", h.text).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        scan(text, &["Alex Example".to_string()])
            .iter()
            .map(|h| h.kind)
            .collect()
    }

    #[test]
    fn finds_each_kind() {
        assert_eq!(kinds("write to sam@example.com today"), ["e-mail address"]);
        // 943 476 5919 is a published test NHS number with a valid check digit.
        assert_eq!(kinds("NHS no 943 476 5919"), ["NHS number"]);
        assert_eq!(kinds("NHS no 9434765919"), ["NHS number"]);
        assert_eq!(kinds("call 07700 900123"), ["phone number"]);
        assert_eq!(kinds("call +44 7700 900123"), ["phone number"]);
        assert_eq!(kinds("ring (020) 7946 0000"), ["phone number"]);
        assert_eq!(kinds("lives near SW1A 1AA"), ["postcode"]);
        assert_eq!(kinds("born 12/03/1961"), ["date of birth"]);
        assert_eq!(kinds("DOB: 3 March 1961"), ["date of birth"]);
        assert_eq!(kinds("D.O.B. 12/03/1961"), ["date of birth"]);
        assert_eq!(
            kinds("talked with alex example"),
            ["name from your watch list"]
        );
    }

    #[test]
    fn leaves_ordinary_words_and_numbers_alone() {
        // A wrong check digit is not an NHS number.
        assert!(kinds("ref 943 476 5918").is_empty());
        assert!(kinds("the rota for 12/03/2026 is out").is_empty());
        assert!(kinds("band 5 nurse on ward 7, 3 patients").is_empty());
        assert!(kinds("met at 10:30, 2026-11-26").is_empty());
        assert!(kinds("Alexandra was kind").is_empty());
        assert!(kinds("the doctor on call and a band 5 nurse").is_empty());
        assert!(kinds("went to bed early").is_empty());
        assert!(kinds("our Nurse Associate and the Dr on call").is_empty());
        assert!(kinds("5 mg at 07:30, 28 beds, band 6 since 2019").is_empty());
        assert!(kinds("Alex and the example team").is_empty());
    }

    #[test]
    fn finds_the_forms_people_really_write() {
        assert_eq!(kinds("mail sam [at] example.com"), ["e-mail address"]);
        assert_eq!(kinds("rang 0044 7700 900123"), ["phone number"]);
        assert_eq!(kinds("her mobile 7700 900123"), ["phone number"]);
        assert_eq!(kinds("rang ０７７００ ９００１２３"), ["phone number"]);
        // 999 000 0018 is in the synthetic 999 range, with a valid check digit.
        assert_eq!(kinds("NHS 999\u{a0}000\u{a0}0018"), ["NHS number"]);
        assert_eq!(kinds("NHS 999–000–0018"), ["NHS number"]);
        assert_eq!(kinds("MRN 1234567"), ["hospital or record number"]);
        assert_eq!(kinds("MRN-1234567"), ["hospital or record number"]);
        assert_eq!(kinds("label RXH1234567"), ["hospital or record number"]);
        assert_eq!(kinds("Dr van Example joined"), ["name after a title"]);
        assert_eq!(kinds("Example,\nAlex said"), ["name from your watch list"]);
        assert_eq!(kinds("ALEX-EXAMPLE said"), ["name from your watch list"]);
    }

    /// The text each hit covers, from the original.
    fn found(text: &str) -> Vec<String> {
        scan(text, &["Zoë Fictional".to_string()])
            .into_iter()
            .map(|h| h.text)
            .collect()
    }

    #[test]
    fn hits_cover_the_original_text_whole() {
        assert_eq!(found("Sister O'Neill said"), ["Sister O'Neill"]);
        assert_eq!(found("Sister O’Neill said"), ["Sister O’Neill"]);
        assert_eq!(found("Mr. J. Smith-Jones said"), ["Mr. J. Smith-Jones"]);
        assert_eq!(
            found("rang ０７７００ ９００１２３ twice"),
            ["０７７００ ９００１２３"]
        );
        assert_eq!(found("with Zoe\u{308} Fictional"), ["Zoe\u{308} Fictional"]);
        assert_eq!(found("with zoe fictional"), ["zoe fictional"]);
        // A title before a watch-list name: one hit over both, so nothing of
        // either is left by redaction.
        let t = "Dr Zoë Fictional-Test called";
        let hits = scan(t, &["Zoë Fictional".to_string()]);
        assert_eq!(redact(t, &hits), "[redacted] called");
    }

    #[test]
    fn redaction_removes_every_hit() {
        let t = "mail sam@example.com or 07700 900123";
        let hits = scan(t, &[]);
        let r = redact(t, &hits);
        assert_eq!(r, "mail [redacted] or [redacted]");
    }
}

//! The identifier check run before anything typed is shared: things that
//! could identify a patient or a colleague. Reflective notes should hold
//! roles, not people; this finds what slipped through, for the leader to
//! decide on. It errs towards asking.

use std::sync::LazyLock;

use regex::Regex;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b").expect("email pattern")
});
/// Ten digits, as written plainly or in the usual 3-3-4 groups.
static TEN_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b").expect("nhs pattern"));
/// A UK number: +44 or a leading 0, then digits with spaces, dashes or brackets.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?\b0)\d[\d\s()-]{7,14}\d\b")
        .expect("phone pattern")
});
static POSTCODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:[a-z]{1,2}[0-9][a-z0-9]?|gir)\s?[0-9][abd-hjlnp-uw-z]{2}\b")
        .expect("postcode pattern")
});
/// A date within a few words after "born", "DOB" or "date of birth".
static BIRTH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\b(?:born|dob|date of birth|birthday)\b|\bd\.o\.b\.?)[^\n\d]{0,20}?(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4})",
    )
    .expect("birth date pattern")
});

/// A name after a title: "Mrs Okafor", "Dr. Patel", "Sister Jones".
static TITLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sister|Nurse|Matron|Father|Rev)\.?\s+[A-Z][a-z'-]+")
        .expect("name pattern")
});
/// A bed or bay number, which with a ward and a date points at a patient.
static BED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:bed|bay|side room)\s*(?:no\.?\s*)?\d+[a-z]?\b").expect("bed pattern")
});

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

/// Everything in `text` that looks like an identifier, in order, without
/// overlaps (the earlier kind in this list wins).
pub fn scan(text: &str, watch_list: &[String]) -> Vec<Hit> {
    let mut hits: Vec<Hit> = Vec::new();
    let mut push = |kind: &'static str, start: usize, end: usize| {
        if !hits.iter().any(|h| start < h.end && h.start < end) {
            hits.push(Hit {
                kind,
                start,
                end,
                text: text[start..end].to_string(),
            });
        }
    };
    for m in EMAIL.find_iter(text) {
        push("e-mail address", m.start(), m.end());
    }
    for m in TEN_DIGITS.find_iter(text) {
        if nhs_valid(&digits(m.as_str())) {
            push("NHS number", m.start(), m.end());
        }
    }
    for m in PHONE.find_iter(text) {
        let mut d = digits(m.as_str());
        if m.as_str().trim_start().starts_with("+44") {
            d.drain(..2);
            if d.first() != Some(&0) {
                d.insert(0, 0);
            }
        }
        if (10..=11).contains(&d.len()) && d[0] == 0 && d[1] != 0 {
            push("phone number", m.start(), m.end());
        }
    }
    for m in POSTCODE.find_iter(text) {
        push("postcode", m.start(), m.end());
    }
    for c in BIRTH_DATE.captures_iter(text) {
        if let Some(m) = c.get(1) {
            push("date of birth", m.start(), m.end());
        }
    }
    for m in TITLED_NAME.find_iter(text) {
        push("name after a title", m.start(), m.end());
    }
    for m in BED.find_iter(text) {
        push("bed or bay number", m.start(), m.end());
    }
    for name in watch_list
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
    {
        if let Ok(re) = Regex::new(&format!(r"(?i)\b{}\b", regex::escape(name))) {
            for m in re.find_iter(text) {
                push("name from your watch list", m.start(), m.end());
            }
        }
    }
    hits.sort_by_key(|h| h.start);
    hits
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
    }

    #[test]
    fn redaction_removes_every_hit() {
        let t = "mail sam@example.com or 07700 900123";
        let hits = scan(t, &[]);
        let r = redact(t, &hits);
        assert_eq!(r, "mail [redacted] or [redacted]");
    }
}

//! Every TOML file tend reads may have been edited by hand, so a problem in one
//! is reported the same way everywhere: the file, the line, and what is wrong.

use std::ops::Range;
use std::path::Path;

/// A file saved with Windows line ends (CRLF, as Notepad may save it) reads
/// as the same TOML with Unix ones: a line end inside a multi-line string is
/// a line end, not a carriage return kept in the answer. TOML lets a reader
/// normalise line ends; a carriage return meant as text is written as the
/// escape `\r`, which this leaves alone. Every hand-editable TOML file is
/// read through this: answers files, packs, the config and entries.
pub fn unix_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains("\r\n") {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    }
}

/// 1-based line number of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// "FILE, line N: reason" for a parse error.
pub fn describe(path: &Path, text: &str, err: &toml::de::Error) -> String {
    at(path, text, err.span(), err.message().trim())
}

/// "FILE, line N: reason", or "FILE: reason" when the place is unknown.
pub fn at(path: &Path, text: &str, span: Option<Range<usize>>, reason: &str) -> String {
    match span {
        Some(r) => format!(
            "{}, line {}: {}",
            path.display(),
            line_of(text, r.start),
            reason
        ),
        None => format!("{}: {}", path.display(), reason),
    }
}

//! Every TOML file tend reads may have been edited by hand, so a problem in one
//! is reported the same way everywhere: the file, the line, and what is wrong.

use std::ops::Range;
use std::path::Path;

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

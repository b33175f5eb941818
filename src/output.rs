//! How tend's output meets the screen, in one place: how wide the terminal
//! is, prose wrapped to that width at word boundaries, tables that fit it (or
//! stack one record per block when it is narrow), and the pager that long
//! output goes through in a terminal, as git does. Also the one way text
//! reaches the screen at all: [`shown`] for text that came from a file, and
//! the `outln!`/`errln!` family (and [`page`]) for everything tend prints,
//! which lets no control character through but tend's own colour.

use std::borrow::Cow;
use std::fmt;
use std::io::{IsTerminal, Write};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};

use comfy_table::{ColumnConstraint, ContentArrangement, Width, presets};
use console::{Term, measure_text_width};

/// Whether `c` would do something to a terminal rather than show as a
/// character: C0 controls but newline and tab, DEL, C1 controls, and the
/// bidirectional overrides and isolates that reorder what follows them.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Text from a file (an entry, a pack, the config, an import, an export
/// under review, a file's name) as it may be shown in a terminal: every
/// character that would drive the terminal is written as a visible escape
/// in Rust's form, `\u{1b}` for ESC, so it is seen and never acted on. A
/// CRLF line end is a line end. Nothing else changes.
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text from a file, shown safely wherever it is formatted (`{}`): the way
/// to put a file's words into a message or a line of output.
#[derive(Clone, Copy)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&shown(self.0))
    }
}

/// What tend is about to write to a terminal (or a pipe), made safe as a
/// whole: tend's own styles (see [`own_style`]) pass
/// when colour is on for that stream; every other control character is
/// shown as [`shown`] shows it. This is the last guard, under every print:
/// text from a file should already have gone through [`shown`], so even a
/// colour sequence of its own is seen rather than obeyed.
pub fn screen(text: &str, colour: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let kept = if colour && c == '\u{1b}' {
            own_style(&rest[1..]).map(|n| 1 + n)
        } else {
            None
        };
        if let Some(len) = kept {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        out.push_str(&shown(&rest[..c.len_utf8()]));
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of one of tend's own styles at the start of `after_esc` (the
/// text after an ESC): `[`, parameters, `m`, where every parameter is one
/// tend uses (reset, bold, dim, italic, underline, reverse), so that not
/// even a colour sequence can hide or move text.
fn own_style(after_esc: &str) -> Option<usize> {
    let params = after_esc.strip_prefix('[')?;
    let end = params.find('m')?;
    params[..end]
        .split(';')
        .all(|p| {
            matches!(
                p,
                "" | "0" | "1" | "2" | "3" | "4" | "7" | "22" | "23" | "24" | "27"
            )
        })
        .then_some(1 + end + 1)
}

/// JSON as tend writes it, to a file or the screen: pretty, and with every
/// character [`shown`] would escape written as a JSON `\uXXXX` escape, so
/// the text is whole for a program and inert in a terminal (serde_json
/// escapes only C0 controls by itself; DEL, C1 and bidi controls it leaves).
pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    if !text.chars().any(is_unsafe) {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if is_unsafe(c) {
            // Outside strings JSON has only ASCII punctuation and spaces,
            // so each of these is inside a string.
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Ok(out)
}

/// Writes to stdout through [`screen`]; what `out!` and `outln!` call.
pub fn to_stdout(text: &str) {
    let text = screen(text, console::colors_enabled());
    let mut out = std::io::stdout().lock();
    printed(out.write_all(text.as_bytes()).and_then(|()| out.flush()));
}

/// As print! does, a stdout that cannot be written ends tend. A closed
/// pipe (`tend list | head` once head has read enough) ends it quietly: on
/// Unix SIGPIPE does that before a write fails (see
/// `platform::quiet_closed_pipe`); Windows reports it as this error.
fn printed(result: std::io::Result<()>) {
    match result {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => panic!("failed printing to stdout: {e}"),
    }
}

/// A file's bytes as they are, for `show --raw`: exact when stdout is a
/// pipe or a file (to be saved or compared), and through [`screen`] when it
/// is a terminal, which a file's control characters must not drive.
pub fn file_as_is(text: &str) {
    if std::io::stdout().is_terminal() {
        return to_stdout(text);
    }
    let mut out = std::io::stdout().lock();
    printed(out.write_all(text.as_bytes()).and_then(|()| out.flush()));
}

/// CSV (RFC 4180, CRLF line ends) to stdout: through [`screen`] line by
/// line, so its CRLF line ends are kept and nothing else gets through.
pub fn csv_to_stdout(text: &str) {
    let lines: Vec<_> = text.split("\r\n").map(|l| screen(l, false)).collect();
    let mut out = std::io::stdout().lock();
    printed(
        out.write_all(lines.join("\r\n").as_bytes())
            .and_then(|()| out.flush()),
    );
}

/// Writes to stderr through [`screen`]; what `errln!` calls.
pub fn to_stderr(text: &str) {
    let text = screen(text, console::colors_enabled_stderr());
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `print!`, through [`screen`]. The standard macros are refused by clippy
/// (clippy.toml) so that no output can go around it.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::output::to_stdout(&format!($($arg)*))
    };
}

/// `println!`, through [`screen`].
macro_rules! outln {
    () => {
        $crate::output::to_stdout("\n")
    };
    ($($arg:tt)*) => {
        $crate::output::to_stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!`, through [`screen`].
macro_rules! errln {
    () => {
        $crate::output::to_stderr("\n")
    };
    ($($arg:tt)*) => {
        $crate::output::to_stderr(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// The width when there is no terminal to measure (output piped to a file
/// or another program), unless COLUMNS says otherwise.
pub const FALLBACK_WIDTH: usize = 80;

/// Below this many columns a table stacks: each record becomes a block of
/// "label: value" lines, as side-by-side columns would be too thin to read.
pub const STACK_BELOW: usize = 60;

/// Narrower than this, nothing useful fits; widths are never taken below it.
const NARROWEST: usize = 20;

/// The width of the screen that stdout is showing, in columns.
pub fn width() -> usize {
    width_of(&Term::stdout())
}

/// The width of the screen that stderr is showing (where questions are
/// asked), in columns.
pub fn stderr_width() -> usize {
    width_of(&Term::stderr())
}

/// COLUMNS first, as git and less do: it is set on purpose (a script or a
/// test asking for a width), whereas the terminal's size is only what
/// happens to be there.
fn width_of(term: &Term) -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    let measured = || {
        term.size_checked()
            .map(|(_, cols)| cols as usize)
            .filter(|&c| c > 0)
    };
    columns
        .or_else(measured)
        .unwrap_or(FALLBACK_WIDTH)
        .max(NARROWEST)
}

/// Prose wrapped to `width` by display width (wide characters and emoji
/// count as two columns; colour codes as none), at spaces only, never at a
/// hyphen. A word is broken only if it is longer than a whole line. Each
/// line of `text` is a paragraph: its first line starts with `first`, the
/// lines it wraps onto with `rest`. Blank lines stay blank. Every line
/// returned ends with a newline.
pub fn wrap(text: &str, first: &str, rest: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(1))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(true);
    let mut out = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
            continue;
        }
        for part in textwrap::wrap(line, &options) {
            out.push_str(part.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `text` cut at a word boundary to at most `width` columns, with "…" to
/// show something was left out; a first word wider than that is cut.
pub fn shorten(text: &str, width: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if measure_text_width(&text) <= width {
        return text;
    }
    let first = wrap(&text, "", "", width.saturating_sub(1));
    let kept = first.lines().next().unwrap_or("").trim_end_matches('…');
    format!("{kept}…")
}

/// Rows under named columns, drawn to fit a width: side by side when they
/// fit, stacked as "label: value" blocks when the screen is narrow or the
/// columns cannot fit. Labels are always given, because a stacked record
/// needs them, even when a side-by-side table shows no header.
#[derive(Clone)]
pub struct Table {
    labels: Vec<String>,
    header: bool,
    rows: Vec<Vec<String>>,
    /// A column shortened to the room the others leave, rather than
    /// wrapped, so each row stays one line.
    shortened: Option<usize>,
}

impl Table {
    /// A table whose header row shows `labels`.
    pub fn new<S: ToString>(labels: &[S]) -> Table {
        Table {
            labels: labels.iter().map(ToString::to_string).collect(),
            header: true,
            rows: Vec::new(),
            shortened: None,
        }
    }

    /// A table that shows no header side by side (the values speak for
    /// themselves); `labels` name the values when it is stacked.
    pub fn unlabelled<S: ToString>(labels: &[S]) -> Table {
        Table {
            header: false,
            ..Table::new(labels)
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Side by side, column `i` is shortened (with "…") to the room the
    /// other columns leave, so each record stays on one line; stacked, it is
    /// shown whole.
    pub fn shorten_column(mut self, i: usize) -> Table {
        self.shortened = Some(i);
        self
    }

    /// The table as lines no wider than `width` (each ending in a newline,
    /// without trailing spaces).
    pub fn render(&self, width: usize) -> String {
        self.side_by_side(width)
            .unwrap_or_else(|| self.stacked(width))
    }

    /// The table `indent` columns in from the left of a screen `width`
    /// wide (under prose indented as much): it stacks by the screen's width,
    /// as every table does, and keeps within it. Blank lines stay blank.
    pub fn render_indented(&self, width: usize, indent: usize) -> String {
        // Side by side, each row already starts with a column of padding.
        let (text, by) = match (width >= STACK_BELOW && !plain())
            .then(|| self.fitted(width.saturating_sub(indent.saturating_sub(1))))
            .flatten()
        {
            Some(text) => (text, indent.saturating_sub(1)),
            None => (self.stacked(width.saturating_sub(indent)), indent),
        };
        let pad = " ".repeat(by);
        text.lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    format!("{pad}{l}\n")
                }
            })
            .collect()
    }

    /// The table side by side, if it fits in `width` and the screen is not
    /// too narrow for it (for a caller with its own way to stack). A word is
    /// never cut across lines.
    /// In plain mode a table is always labelled lines, which a screen
    /// reader reads as "label: value" rather than as a row of loose words.
    pub fn side_by_side(&self, width: usize) -> Option<String> {
        if width < STACK_BELOW || plain() {
            return None;
        }
        self.fitted(width)
    }

    /// Side by side within `width`, however narrow, if it fits.
    fn fitted(&self, width: usize) -> Option<String> {
        if let Some(i) = self.shortened {
            return self.shortened_to_fit(i, width)?.fitted(width);
        }
        // comfy-table cuts a word longer than the width it gives a column;
        // if it did, the columns are tried again, each at least as wide as
        // its longest word.
        [false, true]
            .into_iter()
            .map(|floors| self.draw(width, floors))
            .find(|text| self.fits(text, width))
    }

    fn draw(&self, width: usize, floors: bool) -> String {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::NOTHING)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(u16::try_from(width).unwrap_or(u16::MAX));
        if self.header {
            t.set_header(self.labels.clone());
        }
        for r in &self.rows {
            t.add_row(r.clone());
        }
        if floors {
            let padding = 2;
            let floors: Vec<ColumnConstraint> = (0..self.labels.len())
                .map(|i| {
                    let longest = self
                        .cells_of(i)
                        .flat_map(|c| c.split_whitespace())
                        .map(measure_text_width)
                        .max()
                        .unwrap_or(0);
                    let w = u16::try_from(longest + padding).unwrap_or(u16::MAX);
                    ColumnConstraint::LowerBoundary(Width::Fixed(w))
                })
                .collect();
            t.set_constraints(floors);
        }
        t.trim_fmt().lines().map(|l| format!("{l}\n")).collect()
    }

    /// This table with column `i` cut to the room left by the others (one
    /// space either side of each column); None if that is too little to say
    /// anything.
    fn shortened_to_fit(&self, i: usize, width: usize) -> Option<Table> {
        const PADDING: usize = 2;
        const LEAST: usize = 12;
        let others: usize = (0..self.labels.len())
            .filter(|&c| c != i)
            // comfy-table gives even an empty column one column of room.
            .map(|c| {
                let content = self.cells_of(c).map(|x| measure_text_width(x)).max();
                content.unwrap_or(0).max(1) + PADDING
            })
            .sum();
        let room = width
            .checked_sub(others + PADDING)
            .filter(|&r| r >= LEAST)?;
        let mut t = self.clone();
        t.shortened = None;
        for r in &mut t.rows {
            if let Some(cell) = r.get_mut(i) {
                *cell = shorten(cell, room);
            }
        }
        if t.header {
            t.labels[i] = shorten(&t.labels[i], room);
        }
        Some(t)
    }

    /// What column `i` shows, its label included if the header is shown.
    fn cells_of(&self, i: usize) -> impl Iterator<Item = &String> {
        self.rows
            .iter()
            .filter_map(move |r| r.get(i))
            .chain(self.header.then(|| &self.labels[i]))
    }

    /// Every line within the width, and every word of every cell whole.
    fn fits(&self, text: &str, width: usize) -> bool {
        let mut drawn: Vec<&str> = text.split_whitespace().collect();
        let mut given: Vec<&str> = (0..self.labels.len())
            .flat_map(|i| self.cells_of(i))
            .flat_map(|c| c.split_whitespace())
            .collect();
        drawn.sort_unstable();
        given.sort_unstable();
        drawn == given && text.lines().all(|l| measure_text_width(l) <= width)
    }

    /// One block per record, a blank line between blocks; empty values are
    /// left out.
    fn stacked(&self, width: usize) -> String {
        let label_width = self
            .labels
            .iter()
            .map(|l| measure_text_width(l))
            .max()
            .unwrap_or(0)
            + 2;
        // A long label would leave the values a sliver of the screen; then
        // the values' later lines start near the left instead.
        let hang = if label_width <= width / 3 {
            label_width
        } else {
            2
        };
        let mut out = String::new();
        for (n, r) in self.rows.iter().enumerate() {
            if n > 0 {
                out.push('\n');
            }
            for (label, value) in self.labels.iter().zip(r) {
                if value.trim().is_empty() {
                    continue;
                }
                let first = format!(
                    "{label}:{}",
                    " ".repeat(label_width - 1 - measure_text_width(label))
                );
                let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
                out += &wrap(&value, &first, &" ".repeat(hang), width);
            }
        }
        out
    }
}

/// Plain mode, for screen readers and simple terminals: decided once, at
/// the start (see [`decide_plain`]), and read wherever output takes a shape
/// a terminal draws: no colour, no pager, tables as labelled lines, numbers
/// and words instead of bars and grids, questions answered by typing (no
/// arrow-key menus, no redrawn lines).
static PLAIN: AtomicBool = AtomicBool::new(false);

/// Plain when `--plain` (or `TEND_PLAIN=1`, which clap reads into the same
/// flag) asks for it, or when `TERM=dumb` says the terminal cannot draw.
pub fn decide_plain(flag: bool) {
    let dumb = std::env::var("TERM").is_ok_and(|t| t.trim() == "dumb");
    PLAIN.store(flag || dumb, Ordering::Relaxed);
    if flag || dumb {
        console::set_colors_enabled(false);
        console::set_colors_enabled_stderr(false);
    }
}

pub fn plain() -> bool {
    PLAIN.load(Ordering::Relaxed)
}

/// Whether long output may go through a pager (`--no-pager` turns it off).
static PAGER_ALLOWED: AtomicBool = AtomicBool::new(true);

pub fn allow_pager(allowed: bool) {
    PAGER_ALLOWED.store(allowed, Ordering::Relaxed);
}

/// The pager to use, if any: `$PAGER` (empty or `cat` means none), else
/// the platform's usual one (less on Unix; none on Windows).
fn pager_command() -> Option<String> {
    match std::env::var("PAGER") {
        Ok(p) if p.trim().is_empty() || p.trim() == "cat" => None,
        Ok(p) => Some(p),
        Err(_) => crate::platform::DEFAULT_PAGER.map(String::from),
    }
}

/// Shows long output: through the pager when stdout is a terminal and the
/// pager is allowed, else printed as it is. If the pager cannot start, the
/// text is printed instead, so it is never lost.
pub fn page(text: &str) -> std::io::Result<()> {
    let text = &screen(text, console::colors_enabled());
    let pager = pager_command().filter(|_| {
        PAGER_ALLOWED.load(Ordering::Relaxed) && !plain() && std::io::stdout().is_terminal()
    });
    if let Some(cmd) = pager
        && through_pager(&cmd, text)
    {
        return Ok(());
    }
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Runs the pager with `text` on its input; false if it could not start
/// (nothing was shown).
fn through_pager(cmd: &str, text: &str) -> bool {
    let mut command = crate::platform::shell_command(cmd);
    command.stdin(Stdio::piped());
    // As git does: less's own settings win if the person has any.
    if std::env::var_os("LESS").is_none() {
        command.env("LESS", "FRX");
    }
    // tend writes UTF-8 whatever the locale says; without this, less in a
    // bare environment shows "é" as <C3><A9>.
    if std::env::var_os("LESSCHARSET").is_none() {
        command.env("LESSCHARSET", "utf-8");
    }
    let Ok(mut child) = command.spawn() else {
        return false;
    };
    // Until tend returns from here.
    let _signals = crate::platform::PagerSignals::hold();
    if let Some(mut stdin) = child.stdin.take() {
        // An error here means the pager was quit before reading it all.
        let _ = stdin.write_all(text.as_bytes());
    }
    let status = child.wait();
    // The shell's "not found" and "cannot run": the pager never started.
    status.is_ok_and(|s| !crate::platform::shell_could_not_start(s.code()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn widths(s: &str) -> Vec<usize> {
        s.lines().map(measure_text_width).collect()
    }

    #[test]
    fn file_text_that_would_drive_a_terminal_is_shown_not_obeyed() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{1b}[2Jc\u{9b}d\u{7f}e\u{202e}f\u{2066}g\rh\r\ni\tj";
        assert_eq!(
            shown(hostile),
            "a\\u{1b}]0;title\\u{7}b\\u{1b}[2Jc\\u{9b}d\\u{7f}e\\u{202e}f\\u{2066}g\\u{d}h\ni\tj"
        );
        assert_eq!(Shown("plain, é 護 🌱").to_string(), "plain, é 護 🌱");
    }

    #[test]
    fn the_screen_lets_through_only_colour_and_only_when_colour_is_on() {
        let ours = format!(
            "{} and {}",
            console::style("bold").bold().force_styling(true),
            "x"
        );
        assert!(ours.contains('\u{1b}'));
        assert_eq!(screen(&ours, true), ours);
        assert!(!screen(&ours, false).contains('\u{1b}'));
        // A lone carriage return from a file, even just before tend's own
        // newline, would let a line overwrite itself.
        assert_eq!(screen("a\r\n", false), "a\\u{d}\n");
        // Anything else that starts with ESC is shown, colour or not.
        for other in [
            "\u{1b}]0;t\u{7}",
            "\u{1b}[2J",
            "\u{1b}[",
            "\u{1b}",
            "\u{1b}[8m",
            "\u{1b}[1;2H",
        ] {
            assert!(!screen(other, true).contains('\u{1b}'), "{other:?}");
        }
    }

    #[test]
    fn wraps_by_display_width_not_characters() {
        // Each 🌱 and 護 takes two columns: 10 of them fill a 20-column line.
        let text = "🌱🌱🌱🌱🌱 護護護護護 word";
        let out = wrap(text, "", "", 21);
        assert_eq!(out, "🌱🌱🌱🌱🌱 護護護護護\nword\n");
        assert!(widths(&out).iter().all(|&w| w <= 21));
    }

    #[test]
    fn never_breaks_at_hyphens_and_keeps_blank_lines() {
        let out = wrap(
            "a well-kept self-compassion habit\n\nnext",
            "  ",
            "    ",
            20,
        );
        assert_eq!(
            out,
            "  a well-kept\n    self-compassion\n    habit\n\n  next\n"
        );
    }

    #[test]
    fn stacks_under_sixty_columns() {
        let mut t = Table::unlabelled(&["handle", "gist", "tags"]);
        t.row(vec![
            "k3f9".into(),
            "Good chat with the night team".into(),
            String::new(),
        ]);
        t.row(vec!["m6g4".into(), "Quiet shift".into(), "#night".into()]);
        assert_eq!(
            t.render(59),
            "handle: k3f9\ngist:   Good chat with the night team\n\nhandle: m6g4\ngist:   Quiet shift\ntags:   #night\n"
        );
        let side = t.render(60);
        assert!(side.contains("k3f9  Good chat"), "{side}");
    }

    #[test]
    fn a_column_is_never_narrower_than_its_longest_word() {
        let mut t = Table::unlabelled(&["handle", "action", "added", "when", "so far"]);
        for (h, a) in [
            ("7xvrye", "MARKER-CHANGE-1"),
            ("mvcv68", "MARKER-ACTION-2 quokka"),
        ] {
            t.row(vec![
                h.into(),
                a.into(),
                "added 11 days ago".into(),
                "was for Sun 15 Nov".into(),
                String::new(),
            ]);
        }
        for width in [60, 64, 70, 80] {
            let out = t.render(width);
            assert!(out.contains("MARKER-CHANGE-1"), "at {width}:\n{out}");
            assert!(
                widths(&out).iter().all(|&w| w <= width),
                "at {width}:\n{out}"
            );
        }
    }

    #[test]
    fn a_shortened_column_keeps_each_row_on_one_line() {
        let gist = "Handover on paper: 夜勤チームの申し送りを紙で行いたいという提案 — ü ö…";
        let mut t = Table::unlabelled(&["handle", "when", "gist"]).shorten_column(2);
        t.row(vec![
            "base04".into(),
            "Thu 26 Nov 2026, 13:20".into(),
            gist.into(),
        ]);
        t.row(vec![
            "base01".into(),
            "Thu 26 Nov 2026, 13:20".into(),
            "motivation 6 · Sat with a new band 5 nurse at handover".into(),
        ]);
        for width in [60, 80] {
            let out = t.render(width);
            assert_eq!(out.lines().count(), 2, "at {width}:\n{out}");
            assert!(
                widths(&out).iter().all(|&w| w <= width),
                "at {width}:\n{out}"
            );
            assert!(out.contains("Thu 26 Nov 2026, 13:20"), "{out}");
        }
        assert!(
            t.render(80)
                .contains(" motivation 6 · Sat with a new band 5 nurse…\n"),
            "{}",
            t.render(80)
        );
        // Stacked, the whole of it.
        assert!(
            t.render(59)
                .contains("夜勤チームの申し送りを紙で行いたいという提案 — ü ö…"),
            "{}",
            t.render(59)
        );
    }

    #[test]
    fn shortening_counts_display_width() {
        assert_eq!(shorten("護護護 word", 7), "護護護…");
        assert_eq!(shorten("a few words", 20), "a few words");
        assert_eq!(shorten("a few words", 8), "a few…");
    }

    #[test]
    fn a_table_that_cannot_fit_stacks() {
        let mut t = Table::new(&["a", "b"]);
        t.row(vec!["x".repeat(40), "y".repeat(40)]);
        let out = t.render(70);
        assert!(out.starts_with("a: xxx"), "{out}");
        assert!(widths(&out).iter().all(|&w| w <= 70));
    }
}

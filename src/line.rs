//! One line of typed input in the terminal, drawn so that a long answer that
//! wraps is still shown once.
//!
//! dialoguer's `Input` clears only the row the cursor is on when Enter is
//! pressed, then prints the answered line: an answer that wrapped past the
//! terminal's width left its first rows (the prompt and the start of the
//! answer) behind as a stray copy above the answered line (dialoguer issue
//! #295, still open). This editor keeps count of the rows it has drawn at the
//! terminal's width and always redraws from the first of them.

use std::io;

use console::{Key, Term, measure_text_width};
use dialoguer::theme::Theme;

/// Reads one line after `prompt`, styled by `theme` as dialoguer would.
/// `check` may refuse what was typed; the refusal is shown above the prompt
/// and the line starts afresh. Ctrl-C is an `Interrupted` error.
// console's Key is not tend's, and is non-exhaustive: other keys are ignored.
#[allow(clippy::wildcard_enum_match_arm)]
pub fn read_line(
    term: &Term,
    theme: &dyn Theme,
    prompt: &str,
    check: &dyn Fn(&str) -> Result<(), String>,
) -> io::Result<String> {
    if crate::output::plain() {
        return read_plain(term, prompt, check);
    }
    let mut head = String::new();
    theme
        .format_input_prompt(&mut head, prompt, None)
        .map_err(io::Error::other)?;
    let mut chars: Vec<char> = Vec::new();
    let mut pos = 0;
    let mut refusal: Option<String> = None;
    let mut drawn = Drawn::default();
    loop {
        let typed: String = chars.iter().collect();
        let before: String = chars[..pos].iter().collect();
        drawn.draw(term, refusal.as_deref(), &head, &typed, &before)?;
        // Raw, so Ctrl-C arrives as a key on every platform (a Windows
        // console otherwise turns it into an event the read never sees).
        match term.read_key_raw()? {
            Key::Char(c) if !c.is_control() => {
                chars.insert(pos, c);
                pos += 1;
            }
            Key::Backspace if pos > 0 => {
                pos -= 1;
                chars.remove(pos);
            }
            Key::Del if pos < chars.len() => {
                chars.remove(pos);
            }
            Key::ArrowLeft if pos > 0 => pos -= 1,
            Key::ArrowRight if pos < chars.len() => pos += 1,
            Key::Home => pos = 0,
            Key::End => pos = chars.len(),
            Key::CtrlC => return Err(io::ErrorKind::Interrupted.into()),
            Key::Enter => match check(&typed) {
                Ok(()) => {
                    drawn.clear(term)?;
                    let mut done = String::new();
                    theme
                        .format_input_prompt_selection(&mut done, prompt, &typed)
                        .map_err(io::Error::other)?;
                    term.write_line(&done)?;
                    return Ok(typed);
                }
                Err(why) => {
                    let mut line = String::new();
                    theme
                        .format_error(&mut line, &why)
                        .map_err(io::Error::other)?;
                    refusal = Some(line);
                    chars.clear();
                    pos = 0;
                }
            },
            _ => {}
        }
    }
}

/// Plain mode's line: the prompt, then what is typed, echoed as it comes;
/// the cursor is never moved and nothing is redrawn (a backspace is the
/// terminal's own). A refusal is said on a line of its own, and the prompt
/// asked again below it.
// console's Key is not tend's, and is non-exhaustive: other keys are ignored.
#[allow(clippy::wildcard_enum_match_arm)]
fn read_plain(
    term: &Term,
    prompt: &str,
    check: &dyn Fn(&str) -> Result<(), String>,
) -> io::Result<String> {
    loop {
        term.write_str(&format!("{prompt}: "))?;
        term.flush()?;
        let mut typed = String::new();
        loop {
            match term.read_key()? {
                Key::Char(c) if !c.is_control() => {
                    typed.push(c);
                    term.write_str(c.encode_utf8(&mut [0; 4]))?;
                }
                Key::Backspace if !typed.is_empty() => {
                    typed.pop();
                    term.write_str("\u{8} \u{8}")?;
                }
                Key::CtrlC => return Err(io::ErrorKind::Interrupted.into()),
                Key::Enter => break,
                _ => {}
            }
            term.flush()?;
        }
        term.write_line("")?;
        match check(&typed) {
            Ok(()) => return Ok(typed),
            Err(why) => term.write_line(&why)?,
        }
    }
}

/// What is on screen: how many rows above the cursor belong to this prompt.
#[derive(Default)]
struct Drawn {
    rows_above: usize,
}

impl Drawn {
    /// Back to the first row drawn, and everything from there cleared.
    fn rewind(&self) -> String {
        let mut out = String::new();
        if self.rows_above > 0 {
            out.push_str(&format!("\x1b[{}A", self.rows_above));
        }
        out.push_str("\r\x1b[J");
        out
    }

    fn clear(&mut self, term: &Term) -> io::Result<()> {
        term.write_str(&self.rewind())?;
        self.rows_above = 0;
        term.flush()
    }

    /// Draws the refusal (if any), the prompt and what is typed, and puts the
    /// cursor after `before` (the typed text left of the cursor).
    fn draw(
        &mut self,
        term: &Term,
        refusal: Option<&str>,
        head: &str,
        typed: &str,
        before: &str,
    ) -> io::Result<()> {
        let width = (term.size().1 as usize).max(1);
        let mut out = self.rewind();
        let mut rows_above = 0;
        if let Some(why) = refusal {
            out.push_str(why);
            out.push_str("\r\n");
            rows_above += rows(measure_text_width(why), width);
        }
        out.push_str(head);
        out.push_str(typed);
        let total = measure_text_width(head) + measure_text_width(typed);
        // A line that fills its last row exactly leaves the cursor waiting at
        // the right edge; step to the next row so the count below holds.
        if total > 0 && total.is_multiple_of(width) {
            out.push_str("\r\n");
        }
        let end_row = total / width;
        let at = measure_text_width(head) + measure_text_width(before);
        let (row, col) = (at / width, at % width);
        if end_row > row {
            out.push_str(&format!("\x1b[{}A", end_row - row));
        }
        out.push('\r');
        if col > 0 {
            out.push_str(&format!("\x1b[{col}C"));
        }
        self.rows_above = rows_above + row;
        term.write_str(&out)?;
        term.flush()
    }
}

/// Rows a line of `cols` columns takes at `width` (at least one).
fn rows(cols: usize, width: usize) -> usize {
    cols.div_ceil(width).max(1)
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn a_line_takes_the_rows_its_width_needs() {
        assert_eq!(rows(0, 80), 1);
        assert_eq!(rows(80, 80), 1);
        assert_eq!(rows(81, 80), 2);
        assert_eq!(rows(200, 40), 5);
    }
}

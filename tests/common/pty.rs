//! `tend` in a pseudo-terminal, for the tests that type as a person would:
//! start it, wait for what it shows, send keys, and read how it ended.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Regex, Session};

use super::Env;

/// Long enough for a slow machine, short enough that a broken prompt fails
/// the test instead of hanging it.
pub const TIMEOUT: Duration = Duration::from_secs(10);

pub const ENTER: &str = "\r";
pub const DOWN: &str = "\x1b[B";
pub const SPACE: &str = " ";
pub const CTRL_C: &str = "\x03";
pub const SHOW_CURSOR: &str = "\x1b[?25h";
pub const HIDE_CURSOR: &str = "\x1b[?25l";

/// `tend` running in a pseudo-terminal.
pub struct Tty {
    pub session: OsSession,
    /// Everything the terminal has shown and the test has read, for messages.
    pub seen: String,
}

/// How a run ended.
pub struct Exit {
    /// The exit code, or None if a signal ended the process.
    pub code: Option<i32>,
    pub status: String,
    /// What the terminal showed after the last `expect`.
    pub rest: String,
    /// Everything the terminal showed.
    pub all: String,
}

/// How to start tend, beyond the harness's environment.
#[derive(Default)]
pub struct Extra<'a> {
    /// The clock (TEND_TEST_NOW); the environment's own when None.
    pub now: Option<&'a str>,
    /// $EDITOR.
    pub editor: Option<&'a Path>,
    /// Leave NO_COLOR out, so tend may colour what it prints.
    pub colour: bool,
    /// $PAGER. When None it is "cat" (no pager), so tests that are not
    /// about paging see what tend itself writes.
    pub pager: Option<&'a str>,
    /// Leave PAGER unset, so tend uses its default pager.
    pub default_pager: bool,
    /// A folder searched first on PATH, for stand-in programs.
    pub bin: Option<&'a Path>,
    /// The terminal's size in columns and rows (80 by 24 when None).
    pub size: Option<(u16, u16)>,
    /// $TERM ("xterm" when None).
    pub term: Option<&'a str>,
    /// More environment variables.
    pub vars: &'a [(&'a str, &'a str)],
}

/// `tend ARGS` in a terminal with the clock at `now`.
pub fn tend_at(env: &Env, now: &str, args: &[&str]) -> Tty {
    spawn(
        env,
        args,
        Extra {
            now: Some(now),
            ..Extra::default()
        },
    )
}

/// Starts `tend ARGS` in a terminal, with the same environment as the
/// harness's `env.tend()` plus TERM, so dialoguer draws its prompts.
pub fn spawn(env: &Env, args: &[&str], extra: Extra) -> Tty {
    let tend = env!("CARGO_BIN_EXE_tend");
    let mut cmd = match extra.size {
        // The parent gives the terminal its size once started (below);
        // tend starts only when the terminal has it, as in a person's
        // window, so nothing races tend reading it.
        Some((cols, rows)) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!(
                    "n=0; while [ \"$(stty size)\" != \"{rows} {cols}\" ] && [ $n -lt 1000 ]; \
                     do sleep 0.01; n=$((n+1)); done; exec \"$0\" \"$@\""
                ))
                .arg(tend);
            c
        }
        None => Command::new(tend),
    };
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path = match extra.bin {
        Some(bin) => std::env::join_paths(
            std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&path)),
        )
        .unwrap(),
        None => path,
    };
    cmd.args(args)
        .env_clear()
        .env("PATH", path)
        .env("HOME", env.tmp.path())
        .env("TEND_DIR", env.dir())
        .env("TEND_CONFIG", env.config_path())
        .env("XDG_RUNTIME_DIR", env.run_dir())
        .env("TZ", "UTC")
        .env("TERM", extra.term.unwrap_or("xterm"))
        .current_dir(env.tmp.path());
    cmd.envs(extra.vars.iter().copied());
    if !extra.colour {
        cmd.env("NO_COLOR", "1");
    }
    if let Some(now) = extra.now.or(env.now.as_deref()) {
        cmd.env("TEND_TEST_NOW", now);
    }
    if let Some(e) = extra.editor {
        cmd.env("EDITOR", e);
    }
    if !extra.default_pager {
        cmd.env("PAGER", extra.pager.unwrap_or("cat"));
    }
    let mut session = Session::spawn(cmd).expect("could not start tend in a pseudo-terminal");
    if let Some((cols, rows)) = extra.size {
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("could not size the pseudo-terminal");
    }
    session.set_expect_timeout(Some(TIMEOUT));
    Tty {
        session,
        seen: String::new(),
    }
}

/// The screen a terminal `cols` wide and `rows` high would show after
/// `bytes`: what a person sees, not the byte stream.
pub fn screen(bytes: &str, cols: u16, rows: u16) -> String {
    let size = |n| std::num::NonZeroU16::new(n).unwrap();
    let mut p = vt100::Parser::new(size(rows), size(cols), 0);
    p.process(bytes.as_bytes());
    p.screen().contents()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl Tty {
    /// Waits until the terminal shows `needle`; returns all that was shown
    /// up to and including it.
    pub fn expect(&mut self, needle: &str) -> String {
        match self.session.expect(needle) {
            Ok(found) => {
                let shown = text(found.as_bytes());
                self.seen.push_str(&shown);
                shown
            }
            Err(e) => {
                let unread = self
                    .session
                    .check(Regex("(?s).+"))
                    .map(|c| text(c.as_bytes()))
                    .unwrap_or_default();
                panic!(
                    "waiting for {needle:?} on the terminal: {e}\n--- shown ---\n{}{unread}\n---",
                    self.seen
                );
            }
        }
    }

    /// Makes the terminal `cols` wide and `rows` high, as a person resizing
    /// the window would.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("could not resize the terminal");
    }

    /// Keys, sent as a terminal sends them.
    pub fn keys(&mut self, keys: &str) {
        self.session.send(keys).expect("could not type into tend");
    }

    /// Waits for a question's header (`3/7 Understand`), then for its input
    /// prompt, then types `answer` and Enter. An empty answer is Enter alone.
    pub fn answer(&mut self, header: &str, answer: &str) {
        self.expect(header);
        self.expect("): ");
        self.keys(&format!("{answer}{ENTER}"));
    }

    /// Types `partial` without Enter, waits until it is drawn, then presses
    /// Ctrl-C.
    pub fn interrupt_while_typing(&mut self, partial: &str) {
        self.keys(partial);
        if !partial.is_empty() {
            self.expect(partial);
        }
        // dialoguer reads keys in raw mode; give it time to be back at its
        // read, so Ctrl-C reaches it as a key, as it does from a person.
        std::thread::sleep(Duration::from_millis(200));
        self.keys(CTRL_C);
    }

    /// Reads the terminal to its end and waits for tend to exit.
    pub fn finish(mut self) -> Exit {
        let rest = match self.session.expect(Eof) {
            Ok(found) => text(found.as_bytes()),
            Err(e) => panic!(
                "tend did not finish: {e}\n--- shown ---\n{}\n---",
                self.seen
            ),
        };
        self.seen.push_str(&rest);
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            match self.session.get_process().status() {
                Ok(WaitStatus::StillAlive) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => break other,
            }
        };
        let code = match status {
            Ok(WaitStatus::Exited(_, code)) => Some(code),
            _ => None,
        };
        Exit {
            code,
            status: format!("{status:?}"),
            rest,
            all: self.seen,
        }
    }
}

impl Exit {
    pub fn assert_code(&self, code: i32) {
        assert_eq!(
            self.code,
            Some(code),
            "tend ended with {}\n--- shown ---\n{}\n---",
            self.status,
            self.all
        );
    }
}

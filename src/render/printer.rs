//! The one place that decides what output looks like: built once in `main_entry` from the
//! global flags and the environment, then handed to every handler. Terminals, colour
//! (`NO_COLOR`, `--no-color`), `--quiet` and `-v` are looked at here and nowhere else, so a
//! pipe gets the same bytes whichever command wrote them. The crate's clippy lints refuse
//! `print!`/`eprint!`/`dbg!`: output goes through these methods (or a writer they chose).

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use super::stream::StreamOptions;
use super::{ColorChoice, sanitize};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printer {
    pub stdin_tty: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// Styling allowed on stdout / stderr: a terminal, and neither NO_COLOR nor --no-color.
    pub color: ColorChoice,
    pub quiet: bool,
    pub verbose: u8,
}

/// The printer `main_entry` built, for the few free helpers (`render::diag`, …) that are
/// called from code without a `Printer` parameter.
static INSTALLED: OnceLock<Printer> = OnceLock::new();

impl Printer {
    /// Looks at the terminals and NO_COLOR (any non-empty value) once.
    pub fn detect(no_color: bool, quiet: bool, verbose: u8) -> Printer {
        let disabled = no_color || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        Printer {
            stdin_tty: std::io::stdin().is_terminal(),
            stdout_tty,
            stderr_tty,
            color: ColorChoice {
                stdout: !disabled && stdout_tty,
                stderr: !disabled && stderr_tty,
            },
            quiet,
            verbose,
        }
    }

    /// Makes this the printer of the free helpers; the first one installed stays.
    pub fn install(self) -> Printer {
        *INSTALLED.get_or_init(|| self)
    }

    /// The installed printer, or one detected now (unit tests, code run before `main_entry`).
    pub fn current() -> Printer {
        *INSTALLED.get_or_init(|| Printer::detect(false, false, 0))
    }

    /// Write an answer to stdout. A reader that went away (`brock … | head`) got what it wanted:
    /// that is [`Error::BrokenPipe`], which `main` turns into a quiet success.
    pub fn out(&self, s: &str) -> Result<()> {
        let mut out = std::io::stdout().lock();
        out.write_all(s.as_bytes())
            .and_then(|_| out.flush())
            .map_err(Error::stdout)
    }

    /// Write an answer that holds text from the service (JSON documents included: serde escapes
    /// C0 controls but not C1 ones or bidi overrides): sanitised on a terminal, exact to a pipe.
    pub fn out_untrusted(&self, s: &str) -> Result<()> {
        if self.stdout_tty {
            self.out(&sanitize::for_terminal(s))
        } else {
            self.out(s)
        }
    }

    /// Text for stderr: made safe when stderr is a terminal (it may echo model or user text).
    pub fn safe_err<'a>(&self, s: &'a str) -> std::borrow::Cow<'a, str> {
        if self.stderr_tty {
            sanitize::for_terminal(s)
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }

    /// A diagnostic line on stderr (`brock: …`): warnings, verbose logs. Never on stdout.
    pub fn diag(&self, msg: &str) {
        let _ = writeln!(std::io::stderr().lock(), "brock: {}", self.safe_err(msg));
    }

    /// A line on stderr, dimmed where colour is allowed (notes, usage footers).
    pub fn dim(&self, msg: &str) {
        let mut err = std::io::stderr().lock();
        let _ = if self.color.stderr {
            writeln!(err, "\x1b[2m{msg}\x1b[0m")
        } else {
            writeln!(err, "{msg}")
        };
    }

    /// Text on stderr as it is (help screens, tables the caller laid out).
    pub fn err_text(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes()).and_then(|_| err.flush());
    }

    /// An error as `brock: error: <message>` plus an optional `hint:` line, on stderr.
    pub fn error(&self, err: &Error) {
        let (red, dim, reset) = if self.color.stderr {
            ("\x1b[31m", "\x1b[2m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        // Service messages can echo model or user text: never let it drive the terminal.
        // One line each, whatever the message carried (scripts read the first stderr line).
        let shown = |s: String| {
            let s = if s.contains('\n') {
                s.split('\n')
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                s
            };
            self.safe_err(&s).into_owned()
        };
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(
            stderr,
            "{red}brock: error:{reset} {}",
            shown(err.to_string())
        );
        if let Some(hint) = err.hint() {
            let _ = writeln!(stderr, "{dim}hint: {}{reset}", shown(hint));
        }
    }

    /// How a streamed answer is drawn on these terminals.
    pub fn stream_options(&self, show_reasoning: bool, spinner: bool) -> StreamOptions {
        StreamOptions {
            stdout_tty: self.stdout_tty,
            stderr_tty: self.stderr_tty,
            color_out: self.color.stdout,
            color_err: self.color.stderr,
            show_reasoning,
            spinner,
            markdown: true,
        }
    }
}

//! Terminal and JSON output. stdout carries answers only; everything else goes to stderr.

pub mod answer;
pub mod approval;
pub mod highlight;
pub mod links;
pub mod printer;
pub mod sanitize;
pub mod stream;
pub mod table;

use crate::error::Error;
pub use printer::Printer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorChoice {
    pub stdout: bool,
    pub stderr: bool,
}

/// Print an error as `brock: error: <message>` plus an optional `hint:` line, on stderr.
pub fn report_error(err: &Error) {
    Printer::current().error(err)
}

/// A diagnostic line on stderr (verbose logs, warnings). Never on stdout.
pub fn diag(msg: &str) {
    Printer::current().diag(msg)
}

/// See [`Printer::out_untrusted`].
pub fn stdout_write_untrusted(s: &str) -> crate::error::Result<()> {
    Printer::current().out_untrusted(s)
}

/// See [`Printer::out`]: a closed pipe is [`Error::BrokenPipe`], which `main` ends quietly.
pub fn stdout_write(s: &str) -> crate::error::Result<()> {
    Printer::current().out(s)
}

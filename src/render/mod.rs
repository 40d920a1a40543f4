//! Terminal and JSON output. stdout carries answers only; everything else goes to stderr.

use std::io::{IsTerminal, Write};

pub mod highlight;
pub mod links;
pub mod sanitize;
pub mod stream;
pub mod table;

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColorChoice {
    pub stdout: bool,
    pub stderr: bool,
}

impl ColorChoice {
    /// Styling only on terminals, never with NO_COLOR (any non-empty value) or --no-color.
    pub fn detect(no_color_flag: bool) -> Self {
        let disabled = no_color_flag || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        ColorChoice {
            stdout: !disabled && std::io::stdout().is_terminal(),
            stderr: !disabled && std::io::stderr().is_terminal(),
        }
    }
}

/// Print an error as `brock: <message>` plus an optional `hint:` line, on stderr.
pub fn report_error(err: &Error, color: ColorChoice) {
    let mut stderr = std::io::stderr().lock();
    let (red, dim, reset) = if color.stderr {
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
        if std::io::stderr().is_terminal() {
            sanitize::for_terminal(&s).into_owned()
        } else {
            s
        }
    };
    let _ = writeln!(
        stderr,
        "{red}brock: error:{reset} {}",
        shown(err.to_string())
    );
    if let Some(hint) = err.hint() {
        let _ = writeln!(stderr, "{dim}hint: {}{reset}", shown(hint));
    }
}

/// A diagnostic line on stderr (verbose logs, warnings). Never on stdout.
pub fn diag(msg: &str) {
    let mut err = std::io::stderr().lock();
    if err.is_terminal() {
        let _ = writeln!(err, "brock: {}", sanitize::for_terminal(msg));
    } else {
        let _ = writeln!(err, "brock: {msg}");
    }
}

/// Write an answer that holds text from the service (JSON documents included: serde escapes
/// C0 controls but not C1 ones or bidi overrides): sanitised on a terminal, exact to a pipe.
pub fn stdout_write_untrusted(s: &str) -> crate::error::Result<()> {
    if std::io::stdout().is_terminal() {
        stdout_write(&sanitize::for_terminal(s))
    } else {
        stdout_write(s)
    }
}

/// Write an answer to stdout. A closed pipe (`brock … | head`) is not an error worth reporting:
/// the reader got what it wanted, so we stop quietly with success.
pub fn stdout_write(s: &str) -> crate::error::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(s.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => std::process::exit(0),
        Err(e) => Err(Error::io("cannot write to stdout", e)),
    }
}

/// A measured quantity (seconds, texts per second) to `digits` significant digits, trailing
/// zeros dropped: fixed decimals would show a fast first token as `0.00 s` and a slow rate as
/// `0.0/s`, and print noise digits on large ones.
pub fn significant(x: f64, digits: u32) -> String {
    if !x.is_finite() || x == 0.0 {
        return format!("{x}");
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (digits as i32 - 1 - magnitude).max(0) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod significant_tests {
    use super::significant;

    #[test]
    fn rates_keep_three_significant_digits() {
        assert_eq!(significant(0.004_123, 3), "0.00412");
        assert_eq!(significant(0.03, 3), "0.03");
        assert_eq!(significant(92.93, 3), "92.9");
        assert_eq!(significant(12_345.6, 3), "12346");
        assert_eq!(significant(1.5, 3), "1.5");
        assert_eq!(significant(3e-6 + 1e-22, 3), "0.000003");
        assert_eq!(significant(0.0, 3), "0");
    }
}

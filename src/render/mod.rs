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

//! brock: a command-line client for Amazon Bedrock.
//!
//! Flow: parse (`cli`) → resolve (`config`) → run (`commands`, whose chat turns go through
//! `engine`) → show (`render`, through the one `Printer` built here). The emulator
//! (`brock-emulator`) is a strict Bedrock look-alike used by `--mock`, `brock emulator` and the
//! tests. CONTRIBUTING.md's "Layers" section says which module may use which.

// Private by default, so the compiler reports what nothing uses. Public: what the integration
// tests (tests/cli) and the fuzz harness drive from outside.
mod cli;
mod commands;
mod config;
pub mod engine;
pub mod error;
mod fetch;
mod files;
mod input;
mod logs;
mod man;
mod render;
mod repl;
mod request;
mod s3;
mod serve;
mod session;
pub mod tools;
mod transport;

pub use cli::GlobalArgs;
pub use commands::completions::{file_name as completion_file_name, script as completion_script};
pub use commands::raw::event_json;
pub use config::{ToolConfig, resolve_with_env};
pub use man::pages as man_pages;

use std::process::ExitCode;

use clap::Parser;

/// The whole program: parse, resolve, dispatch, and map any error to its exit code.
pub fn main_entry() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(e),
    };
    let printer =
        render::Printer::detect(cli.global.no_color, cli.global.quiet, cli.global.verbose)
            .install();
    // A command is one request or a few at a time: two threads are plenty and start fast. The
    // gateway serves many clients at once and gets a thread per CPU this process may use: two
    // would cap it at two cores. Always set explicitly, or tokio would read
    // TOKIO_WORKER_THREADS and panic on a value it cannot parse.
    let gateway = matches!(&cli.command, cli::Command::Serve(s) if s.command.is_none());
    let threads = if gateway {
        std::thread::available_parallelism().map_or(2, |n| n.get())
    } else {
        2
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            printer.error(&error::Error::io("cannot start the async runtime", e));
            return ExitCode::from(error::exit::SERVICE);
        }
    };
    let outcome = runtime.block_on(commands::dispatch(&printer, cli));
    // Don't wait for lingering connection tasks (e.g. a stalled stream we gave up on).
    runtime.shutdown_background();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of stdout left (`brock … | head`): it got what it wanted.
        Err(error::Error::BrokenPipe) => ExitCode::SUCCESS,
        Err(e) => {
            printer.error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

/// Help and version go out as clap prints them. Usage errors become brock's one-line
/// `brock: error:` plus a hint (clap's tip, else the usage line) instead of clap's five-line
/// block, so every refusal looks the same to people and to scripts that grep stderr.
fn clap_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    use std::io::Write;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        e.exit();
    }
    let (message, hint) = compact_clap_error(&e.render().to_string());
    let printer =
        render::Printer::detect(std::env::args_os().any(|a| a == "--no-color"), false, 0).install();
    // The message echoes what was typed, which may hold escape sequences.
    let message = printer.safe_err(&message);
    let hint = hint.as_deref().map(|h| printer.safe_err(h));
    let (red, dim, reset) = if printer.color.stderr {
        ("\x1b[31m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{red}brock: error:{reset} {message}");
    if let Some(h) = hint {
        let _ = writeln!(err, "{dim}hint: {h}{reset}");
    }
    ExitCode::from(error::exit::USAGE)
}

/// clap's rendered error as brock's one line plus hint. The first paragraph is the message,
/// with its indented continuation lines (the missing `--role-arn <ARN>`, the possible values)
/// joined on; the hint is clap's tip if it has one, else the usage line, else where to look.
fn compact_clap_error(text: &str) -> (String, Option<String>) {
    let mut paragraphs = text.split("\n\n").map(|p| {
        p.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
    });
    let first = paragraphs.next().unwrap_or_default();
    let mut message = first.join(" ");
    if let Some(m) = message.strip_prefix("error:") {
        message = m.trim().to_string();
    }
    if message.is_empty() {
        message = "invalid arguments".into();
    }
    let rest: Vec<&str> = paragraphs.flatten().collect();
    let hint = rest
        .iter()
        .find_map(|l| l.strip_prefix("tip:").map(|t| t.trim().to_string()))
        .or_else(|| {
            rest.iter()
                .find_map(|l| l.strip_prefix("Usage:"))
                .map(|u| format!("usage: {}", u.trim()))
        })
        .or_else(|| {
            rest.iter()
                .find(|l| l.starts_with("For more information"))
                .map(|l| l.replacen("For", "for", 1))
        });
    (message, hint)
}

#[cfg(test)]
mod tests {
    use super::compact_clap_error;

    #[test]
    fn clap_errors_become_one_line_naming_the_flag() {
        let (m, h) = compact_clap_error(
            "error: the following required arguments were not provided:\n  --role-arn <ARN>\n\n\
             Usage: brock --role-arn <ARN> --role-session-name <NAME> <COMMAND>\n\n\
             For more information, try '--help'.\n",
        );
        assert_eq!(
            m,
            "the following required arguments were not provided: --role-arn <ARN>"
        );
        assert_eq!(
            h.as_deref(),
            Some("usage: brock --role-arn <ARN> --role-session-name <NAME> <COMMAND>")
        );
        let (m, h) = compact_clap_error(
            "error: invalid value 'jsn' for '--output <FORMAT>'\n  [possible values: text, json, ndjson]\n\n\
             \x20 tip: a similar value exists: 'json'\n\nFor more information, try '--help'.\n",
        );
        assert_eq!(
            m,
            "invalid value 'jsn' for '--output <FORMAT>' [possible values: text, json, ndjson]"
        );
        assert_eq!(h.as_deref(), Some("a similar value exists: 'json'"));
    }
}

//! brock: a command-line client for Amazon Bedrock.
//!
//! Flow: parse (`cli`) → resolve (`config`) → run (`commands`, using `core` and `aws`) → render
//! (`render`). The emulator (`emulator`) is a strict Bedrock look-alike used by `--mock`,
//! `brock emulator` and the tests.

pub mod aws;
pub mod cli;
pub mod commands;
pub mod config;
pub mod core;
pub mod emulator;
pub mod error;
pub mod man;
pub mod render;
pub mod repl;
pub mod session;
pub mod tools;

use std::process::ExitCode;

use clap::Parser;

/// The whole program: parse, resolve, dispatch, and map any error to its exit code.
pub fn main_entry() -> ExitCode {
    let cli = cli::Cli::parse();
    let color = render::ColorChoice::detect(cli.global.no_color);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            render::report_error(&error::Error::io("cannot start the async runtime", e), color);
            return ExitCode::from(error::exit::SERVICE);
        }
    };
    let outcome = runtime.block_on(commands::dispatch(cli));
    // Don't wait for lingering connection tasks (e.g. a stalled stream we gave up on).
    runtime.shutdown_background();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            render::report_error(&e, color);
            ExitCode::from(e.exit_code())
        }
    }
}

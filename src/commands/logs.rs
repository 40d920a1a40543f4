//! `brock logs`: the logged chat exchanges, oldest first (the newest nearest the prompt), as
//! text for people or JSON for scripts; `-q` searches them with SQLite FTS5.

use std::io::Write;

use crate::cli::OutputFormat;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::logs::{Filter, Store};
use crate::render::Printer;
use clap::Args;

#[derive(Debug, Clone, Default, Args)]
#[command(
    after_help = "Exchanges are listed oldest first, so the newest is nearest the prompt.\n\n\
Examples:\n  \
brock logs -n 3\n  \
brock logs \"rust lifetimes\" --output json\n  \
brock logs --conversation 1a2b3c4d5e6f"
)]
pub struct LogsArgs {
    /// Show the newest N exchanges (default 20; 0 for all)
    #[arg(short = 'n', long, value_name = "N", default_value_t = 20)]
    pub count: u32,
    /// Full-text search of prompts, answers, system prompts and reasoning (every word must
    /// match); -q is the global --quiet, so the text goes here or after --query
    #[arg(value_name = "TEXT", conflicts_with = "query_flag")]
    pub query: Option<String>,
    /// The same search, as a flag
    #[arg(long = "query", id = "query_flag", value_name = "TEXT")]
    pub query_flag: Option<String>,
    /// Only exchanges with this model id or alias
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Only this conversation (an id, or a session name)
    #[arg(long, visible_alias = "cid", value_name = "ID")]
    pub conversation: Option<String>,
}

pub async fn run(printer: &Printer, settings: &Settings, args: &LogsArgs) -> Result<()> {
    let model = args
        .model
        .as_deref()
        .map(|m| settings.resolve_model(m).unwrap_or_else(|_| m.to_string()));
    let filter = Filter {
        limit: (args.count > 0).then_some(args.count),
        query: args.query.clone().or_else(|| args.query_flag.clone()),
        model,
        conversation: args.conversation.clone(),
    };
    let mut store = Store::open().await?;
    let rows = store.list(&filter).await?;
    store.close().await;
    let out = std::io::stdout();
    let mut out = out.lock();
    let w = |e: std::io::Error| Error::io("cannot write the logs", e);
    if matches!(
        settings.output,
        Some(OutputFormat::Json | OutputFormat::Ndjson)
    ) {
        if settings.output == Some(OutputFormat::Ndjson) {
            for r in &rows {
                writeln!(out, "{}", serde_json::to_string(r).unwrap_or_default()).map_err(w)?;
            }
        } else {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            )
            .map_err(w)?;
        }
        return Ok(());
    }
    if rows.is_empty() && !settings.quiet {
        crate::render::diag("no logged exchanges match");
        return Ok(());
    }
    for r in &rows {
        let mut head = format!(
            "## {} · conversation {} · {}",
            r.started, r.conversation_id, r.model
        );
        if let Some(s) = &r.session {
            head.push_str(&format!(" · session {s}"));
        }
        head.push_str(&format!(
            " · {} in · {} out",
            r.input_tokens, r.output_tokens
        ));
        if r.exit_status != 0 {
            head.push_str(&format!(" · exit {}", r.exit_status));
        }
        let mut text = format!("{head}\n\n");
        for line in r.prompt.lines() {
            text.push_str(&format!("> {line}\n"));
        }
        text.push('\n');
        if !r.answer.is_empty() {
            text.push_str(r.answer.trim_end());
            text.push_str("\n\n");
        }
        if let Some(e) = &r.error {
            text.push_str(&format!("error: {e}\n\n"));
        }
        out.write_all(shown(printer, &text).as_bytes()).map_err(w)?;
    }
    Ok(())
}

/// Stored text shown on a terminal is sanitised; to a pipe it stays byte-exact.
fn shown<'a>(printer: &Printer, s: &'a str) -> std::borrow::Cow<'a, str> {
    if printer.stdout_tty {
        crate::render::sanitize::for_terminal(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

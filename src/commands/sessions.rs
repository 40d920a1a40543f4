//! `brock sessions`: saved conversations, of two kinds — session files (`--session NAME`, the
//! REPL; `<data dir>/sessions/NAME.json`) and logged conversations (one-shot chats in the log
//! database, continued with `brock chat --cid ID`). A logged conversation that lives in a
//! session file is listed once, as the session.

use std::io::Write;

use serde_json::json;

use crate::cli::OutputFormat;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::logs::Store;
use crate::render::Printer;
use crate::render::sanitize::for_terminal;
use crate::render::table::Table;
use crate::session::{self, Session};
use clap::{Args, Subcommand};

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "A conversation is either a session file (brock chat --session NAME, the REPL) \
or a logged conversation (one-shot chats, continued with brock chat --cid ID)."
)]
pub struct SessionsArgs {
    #[command(subcommand)]
    pub command: Option<SessionsCommand>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum SessionsCommand {
    /// List session files and logged conversations, most recent first (the default)
    List,
    /// Print a conversation: a session NAME or a logged conversation ID
    Show {
        #[arg(value_name = "NAME|ID")]
        name: String,
    },
    /// Remove a session file, or a logged conversation's exchanges
    #[command(visible_alias = "rm")]
    Remove {
        #[arg(value_name = "NAME|ID", required = true)]
        names: Vec<String>,
    },
}

/// One row of the list.
pub struct Row {
    pub kind: &'static str,
    pub name: String,
    pub updated: String,
    pub model: String,
    pub messages: i64,
    pub first_line: String,
}

/// Session files and logged conversations, most recently updated first.
pub async fn rows() -> Result<Vec<Row>> {
    let mut out: Vec<Row> = session::list()?
        .into_iter()
        .map(|s| Row {
            kind: "session",
            name: s.name,
            updated: s.updated,
            model: s.model,
            messages: s.messages as i64,
            first_line: s.first_line,
        })
        .collect();
    // A database that cannot be opened must not hide the session files.
    let logged = match Store::open().await {
        Ok(mut store) => {
            let c = store.conversations().await;
            store.close().await;
            c
        }
        Err(e) => Err(e),
    };
    match logged {
        Ok(list) => {
            for c in list {
                if c.session
                    .as_deref()
                    .is_some_and(|s| Session::path_for(s).exists())
                {
                    continue;
                }
                out.push(Row {
                    kind: "log",
                    name: c.id,
                    updated: c.updated,
                    model: c.model,
                    messages: c.exchanges * 2,
                    first_line: c
                        .first_prompt
                        .lines()
                        .find(|l| !l.trim().is_empty())
                        .unwrap_or("")
                        .trim()
                        .to_string(),
                });
            }
        }
        Err(e) => crate::render::diag(&format!("warning: logged conversations not listed: {e}")),
    }
    out.sort_by(|a, b| b.updated.cmp(&a.updated));
    Ok(out)
}

pub fn table(rows: Vec<Row>) -> Table {
    let mut t = Table::new(vec!["KIND", "NAME / ID", "UPDATED", "MODEL", "FIRST LINE"]);
    for r in rows {
        let first: String = r.first_line.chars().take(50).collect();
        t.row(vec![r.kind.to_string(), r.name, r.updated, r.model, first]);
    }
    t
}

pub async fn run(printer: &Printer, settings: &Settings, args: &SessionsArgs) -> Result<()> {
    match args.command.clone().unwrap_or(SessionsCommand::List) {
        SessionsCommand::List => {
            let rows = rows().await?;
            if matches!(
                settings.output,
                Some(OutputFormat::Json | OutputFormat::Ndjson)
            ) {
                let docs: Vec<_> = rows
                    .iter()
                    .map(|r| {
                        json!({"kind": r.kind, "name": r.name, "updated": r.updated,
                            "model": r.model, "messages": r.messages, "first_line": r.first_line})
                    })
                    .collect();
                return print(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&docs).unwrap_or_default()
                ));
            }
            if rows.is_empty() {
                if !settings.quiet {
                    crate::render::diag("no saved conversations yet");
                }
                return Ok(());
            }
            let color = printer.color;
            table(rows)
                .write(&mut std::io::stdout().lock(), color.stdout)
                .map_err(|e| Error::io("cannot write the list", e))
        }
        SessionsCommand::Show { name } => {
            let s = load_any(&name).await?;
            print(&shown(&crate::repl::transcript(&s)))
        }
        SessionsCommand::Remove { names } => {
            for name in &names {
                remove(name).await?;
                if !settings.quiet {
                    crate::render::diag(&format!("removed {name}"));
                }
            }
            Ok(())
        }
    }
}

/// A session file by name, else a logged conversation by id (as an unsaved session).
/// Stored text shown on a terminal is sanitised; to a pipe it stays byte-exact.
fn shown(s: &str) -> std::borrow::Cow<'_, str> {
    if Printer::current().stdout_tty {
        for_terminal(s)
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub async fn load_any(name: &str) -> Result<Session> {
    if session::check_name(name).is_ok()
        && let Some(s) = Session::load(name)?
    {
        return Ok(s);
    }
    let mut store = Store::open().await?;
    let found = store.conversation(name).await?;
    store.close().await;
    match found {
        Some((conv, model)) => {
            let mut s = Session::new(name, model);
            s.conversation = conv;
            Ok(s)
        }
        None => Err(not_found(name).await),
    }
}

/// `-c` / `--cid`: the conversation to continue. One that lives in a session file continues
/// as that session (`args.session` is set); one only in the log comes back rebuilt, as an
/// unsaved session named by its id.
pub async fn resolve_continue(
    args: &mut crate::commands::chat::ChatArgs,
) -> Result<Option<Session>> {
    if !args.continue_last && args.cid.is_none() {
        return Ok(None);
    }
    let mut store = Store::open().await?;
    let (id, in_session) = match &args.cid {
        Some(id) => match store.find(id).await? {
            Some(s) => (id.clone(), s),
            None => {
                store.close().await;
                return Err(not_found(id).await);
            }
        },
        None => match store.latest().await? {
            Some(found) => found,
            None => {
                return Err(Error::usage(
                    "there is no logged conversation to continue yet: start one with brock chat \"…\"",
                ));
            }
        },
    };
    if let Some(name) = in_session.filter(|s| Session::path_for(s).exists()) {
        store.close().await;
        args.session = Some(name);
        return Ok(None);
    }
    let found = store.conversation(&id).await?;
    store.close().await;
    let mut s = Session::new(id, String::new());
    if let Some((conv, model)) = found {
        s.conversation = conv;
        s.model = model;
    }
    Ok(Some(s))
}

async fn remove(name: &str) -> Result<()> {
    if session::check_name(name).is_ok() && Session::path_for(name).exists() {
        let _lock = session::Lock::acquire(name, false)?;
        let path = Session::path_for(name);
        return std::fs::remove_file(&path)
            .map_err(|e| Error::io(format!("cannot remove {}", path.display()), e));
    }
    let mut store = Store::open().await?;
    let n = store.remove(name).await?;
    store.close().await;
    if n == 0 {
        return Err(not_found(name).await);
    }
    Ok(())
}

async fn not_found(name: &str) -> Error {
    let known: Vec<String> = rows()
        .await
        .map(|r| r.into_iter().map(|r| r.name).collect())
        .unwrap_or_default();
    let hint = crate::config::did_you_mean(name, known.iter().map(String::as_str))
        .map(|s| format!(" — did you mean {s}?"))
        .unwrap_or_else(|| " (brock sessions lists them)".into());
    Error::usage(format!(
        "no session or logged conversation named {name}{hint}"
    ))
}

fn print(s: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Error::io("cannot write the output", e))
}

//! The log database: every chat exchange (one-shot and REPL) in `<data dir>/logs.db`, SQLite
//! through sqlx, with versioned migrations from `migrations/` and FTS5 full-text search.
//!
//! Only what the user typed and received is stored (model, system, prompt, answer, reasoning,
//! usage, timing, route, exit status, the exchange's messages): never headers or credentials.
//! Writing happens after the answer is shown, and a failure to write is one warning, never a
//! failed answer ([`record_or_warn`]).

use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde::Serialize;
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode};
use sqlx::{ConnectOptions, Connection};

use crate::error::{Error, Result};
use brock_core::converse::Usage;
use brock_core::message::{Conversation, Message, Role};

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub fn db_path() -> PathBuf {
    crate::config::data_dir().join("logs.db")
}

/// A fresh conversation id: short enough to type, random enough not to collide.
pub fn new_conversation_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..12].to_string()
}

/// One exchange to record.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub conversation_id: String,
    pub session: Option<String>,
    pub model: String,
    pub route: Option<String>,
    pub system: Option<String>,
    /// The messages of this exchange: the user's prompt, the answers, tool rounds.
    pub messages: Vec<Message>,
    pub usage: Usage,
    pub started: String,
    pub duration_ms: u64,
    pub exit_status: i32,
    pub error: Option<String>,
}

/// One logged exchange, as `brock logs` shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Logged {
    pub id: i64,
    pub conversation_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    pub model: String,
    pub route: Option<String>,
    pub system: Option<String>,
    pub prompt: String,
    pub answer: String,
    pub reasoning: Option<String>,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub started: String,
    pub duration_ms: i64,
    pub exit_status: i64,
    pub error: Option<String>,
}

/// What `brock logs` asks for.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub limit: Option<u32>,
    pub query: Option<String>,
    pub model: Option<String>,
    pub conversation: Option<String>,
}

/// A conversation in the log, as `brock sessions` lists it.
#[derive(Debug, Clone, Serialize)]
pub struct ConversationSummary {
    pub id: String,
    pub session: Option<String>,
    pub model: String,
    pub updated: String,
    pub exchanges: i64,
    pub first_prompt: String,
}

pub struct Store {
    conn: SqliteConnection,
}

impl Store {
    /// Opens (creating it 0600 in a 0700 directory) and migrates the database.
    pub async fn open() -> Result<Store> {
        Store::open_at(&db_path()).await
    }

    pub async fn open_at(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            crate::files::create_private_dir(dir)?;
        }
        create_private_file(path)?;
        let err = |e: sqlx::Error| Error::config(format!("log database {}: {e}", path.display()));
        let opts = SqliteConnectOptions::from_str("sqlite:")
            .map_err(err)?
            .filename(path)
            .create_if_missing(true)
            // A rollback journal inherits the database's 0600; WAL side files would too, but
            // leave two more files beside it for no gain in a one-writer CLI.
            .journal_mode(SqliteJournalMode::Delete)
            .busy_timeout(std::time::Duration::from_secs(5));
        let mut conn = opts.connect().await.map_err(err)?;
        MIGRATOR.run(&mut conn).await.map_err(|e| {
            Error::config(format!(
                "log database {}: cannot migrate it ({e}); move it aside to start a new one",
                path.display()
            ))
        })?;
        Ok(Store { conn })
    }

    pub async fn record(&mut self, e: &Entry) -> Result<i64> {
        let prompt = e
            .messages
            .iter()
            .find(|m| m.role == Role::User)
            .map(Message::text)
            .unwrap_or_default();
        let answers = || e.messages.iter().filter(|m| m.role == Role::Assistant);
        let answer: String = answers().map(|m| m.text()).collect::<Vec<_>>().join("\n");
        let reasoning: String = answers().map(|m| m.reasoning_text()).collect();
        let messages = serde_json::to_string(&e.messages)
            .map_err(|err| Error::Protocol(format!("cannot encode the exchange: {err}")))?;
        let row = sqlx::query(
            "INSERT INTO responses (conversation_id, session, model, route, system, prompt, answer,
                reasoning, messages, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, started, duration_ms, exit_status, error)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&e.conversation_id)
        .bind(&e.session)
        .bind(&e.model)
        .bind(&e.route)
        .bind(&e.system)
        .bind(prompt)
        .bind(answer)
        .bind((!reasoning.is_empty()).then_some(reasoning))
        .bind(messages)
        .bind(e.usage.input as i64)
        .bind(e.usage.output as i64)
        .bind(e.usage.cache_read as i64)
        .bind(e.usage.cache_write as i64)
        .bind(&e.started)
        .bind(e.duration_ms as i64)
        .bind(e.exit_status)
        .bind(&e.error)
        .fetch_one(&mut self.conn)
        .await
        .map_err(db_error)?;
        Ok(row.get(0))
    }

    /// The matching exchanges, oldest first: with a limit, the newest `limit` of them.
    pub async fn list(&mut self, f: &Filter) -> Result<Vec<Logged>> {
        let rows = sqlx::query(
            "SELECT id, conversation_id, session, model, route, system, prompt, answer, reasoning,
                input_tokens, output_tokens, started, duration_ms, exit_status, error
             FROM responses
             WHERE (?1 IS NULL
                    OR id IN (SELECT rowid FROM responses_fts WHERE responses_fts MATCH ?1))
               AND (?2 IS NULL OR model = ?2)
               AND (?3 IS NULL OR conversation_id = ?3 OR session = ?3)
             ORDER BY id DESC LIMIT ?4",
        )
        .bind(f.query.as_deref().map(fts_query).filter(|q| !q.is_empty()))
        .bind(&f.model)
        .bind(&f.conversation)
        // SQLite reads a negative limit as none.
        .bind(f.limit.map_or(-1, i64::from))
        .fetch_all(&mut self.conn)
        .await
        .map_err(db_error)?;
        let mut out: Vec<Logged> = rows
            .iter()
            .map(|r| Logged {
                id: r.get(0),
                conversation_id: r.get(1),
                session: r.get(2),
                model: r.get(3),
                route: r.get(4),
                system: r.get(5),
                prompt: r.get(6),
                answer: r.get(7),
                reasoning: r.get(8),
                input_tokens: r.get(9),
                output_tokens: r.get(10),
                started: r.get(11),
                duration_ms: r.get(12),
                exit_status: r.get(13),
                error: r.get(14),
            })
            .collect();
        out.reverse();
        Ok(out)
    }

    /// Logged conversations, most recently updated first.
    pub async fn conversations(&mut self) -> Result<Vec<ConversationSummary>> {
        let rows = sqlx::query(
            "SELECT conversation_id, MAX(session), (SELECT model FROM responses r2
                WHERE r2.conversation_id = r.conversation_id ORDER BY id DESC LIMIT 1),
                MAX(started), COUNT(*), (SELECT prompt FROM responses r3
                WHERE r3.conversation_id = r.conversation_id ORDER BY id LIMIT 1)
             FROM responses r GROUP BY conversation_id ORDER BY MAX(id) DESC",
        )
        .fetch_all(&mut self.conn)
        .await
        .map_err(db_error)?;
        Ok(rows
            .iter()
            .map(|r| ConversationSummary {
                id: r.get(0),
                session: r.get(1),
                model: r.get(2),
                updated: r.get(3),
                exchanges: r.get(4),
                first_prompt: r.get(5),
            })
            .collect())
    }

    /// The most recent conversation: its id and the session file it lives in, if any.
    pub async fn latest(&mut self) -> Result<Option<(String, Option<String>)>> {
        let row =
            sqlx::query("SELECT conversation_id, session FROM responses ORDER BY id DESC LIMIT 1")
                .fetch_optional(&mut self.conn)
                .await
                .map_err(db_error)?;
        Ok(row.map(|r| (r.get(0), r.get(1))))
    }

    /// The session a conversation lives in (`Ok(None)`: no such conversation).
    pub async fn find(&mut self, id: &str) -> Result<Option<Option<String>>> {
        let row = sqlx::query(
            "SELECT session FROM responses WHERE conversation_id = ? ORDER BY id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&mut self.conn)
        .await
        .map_err(db_error)?;
        Ok(row.map(|r| r.get(0)))
    }

    /// A logged conversation rebuilt from its exchanges (the system prompt of the last one),
    /// with the model it last used; failed exchanges (a prompt without its answer) are left out.
    pub async fn conversation(&mut self, id: &str) -> Result<Option<(Conversation, String)>> {
        let rows = sqlx::query(
            "SELECT messages, system, model FROM responses WHERE conversation_id = ?
                AND exit_status = 0 ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut self.conn)
        .await
        .map_err(db_error)?;
        let Some(last) = rows.last() else {
            return Ok(None);
        };
        let mut conv = Conversation::new();
        let system: Option<String> = last.get(1);
        conv.system = system
            .map(|text| vec![brock_core::message::SystemPart::Text { text }])
            .unwrap_or_default();
        for r in &rows {
            let raw: String = r.get(0);
            let messages: Vec<Message> = serde_json::from_str(&raw)
                .map_err(|e| Error::config(format!("logged conversation {id} is damaged: {e}")))?;
            for m in messages {
                conv.push(m);
            }
        }
        Ok(Some((conv, last.get(2))))
    }

    /// Removes a conversation's exchanges; the number removed.
    pub async fn remove(&mut self, id: &str) -> Result<u64> {
        let done = sqlx::query("DELETE FROM responses WHERE conversation_id = ?")
            .bind(id)
            .execute(&mut self.conn)
            .await
            .map_err(db_error)?;
        Ok(done.rows_affected())
    }

    pub async fn close(self) {
        let _ = self.conn.close().await;
    }
}

/// Records an exchange; a failure is one warning line, never an error for the chat.
pub async fn record_or_warn(entry: &Entry) {
    let result = async {
        let mut store = Store::open().await?;
        store.record(entry).await?;
        store.close().await;
        Ok::<_, Error>(())
    }
    .await;
    if let Err(e) = result {
        crate::render::diag(&format!(
            "warning: this exchange was not logged: {e} (--no-log or log = false turns logging off)"
        ));
    }
}

pub fn add_usage(total: &mut Usage, u: &Usage) {
    total.input += u.input;
    total.output += u.output;
    total.cache_read += u.cache_read;
    total.cache_write += u.cache_write;
}

/// The user's words as FTS5 phrases, all required: typed text is never FTS syntax.
fn fts_query(text: &str) -> String {
    text.split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn db_error(e: sqlx::Error) -> Error {
    Error::config(format!("log database {}: {e}", db_path().display()))
}

fn create_private_file(path: &Path) -> Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
        .map(drop)
        .map_err(|e| Error::io(format!("cannot open {}", path.display()), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_text_is_quoted() {
        assert_eq!(fts_query("a \"b\" OR"), "\"a\" \"\"\"b\"\"\" \"OR\"");
    }
}

//! The gateway's key store: virtual keys, their per-minute counters and the usage of every
//! request, in SQLite (`<data dir>/serve.db`, the default, created on first start) or a shared
//! Postgres (`--database postgres://…`) when several replicas serve behind a load balancer.
//!
//! sqlx's `Any` driver runs the same SQL on both; only the migrations (column types) and the
//! day expression of `usage --by day` differ. Migrations run under the database's own lock
//! (Postgres: an advisory lock sqlx takes), so replicas starting together migrate once.
//!
//! Keys are 32 random bytes; only their SHA-256 is stored. A plain hash (no salt, no slow KDF)
//! is enough for keys that are random and long: there is nothing to guess from a dictionary.
//! The row is found by the key's first characters (its `prefix`, shown by `keys list`) and the
//! hashes are then compared in constant time.

use std::path::Path;
use std::time::Duration;

use base64::Engine;
use serde::Serialize;
use sha2::Digest;
use sqlx::AnyPool;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Row, Transaction};
use subtle::ConstantTimeEq;

use crate::error::{Error, Result};

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("src/serve/store/migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("src/serve/store/migrations/postgres");

/// Every key starts with this, so a leaked one is recognisable (secret scanners, logs).
pub const KEY_PREFIX: &str = "brk-";
/// How much of a key is kept in clear to find its row: `brk-` and 8 random characters.
const SHOWN: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct Store {
    pool: AnyPool,
    /// Postgres only: connections for the per-minute counters (see [`Store::open`]).
    counters: Option<AnyPool>,
    pub backend: Backend,
    /// Where the store is, for messages: a path, or a URL without its password.
    pub shown: String,
}

/// A key as stored (never the key itself).
#[derive(Debug, Clone, Serialize)]
pub struct Key {
    #[serde(skip)]
    pub id: String,
    pub name: String,
    pub prefix: String,
    #[serde(skip)]
    hash: String,
    pub models: Vec<String>,
    pub rpm: Option<i64>,
    pub tpm: Option<i64>,
    pub max_tokens: Option<i64>,
    pub metadata: serde_json::Map<String, serde_json::Value>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// Input plus output tokens of every request so far (what `max_tokens` limits).
    pub used_tokens: i64,
}

impl Key {
    pub fn expired(&self, now: i64) -> bool {
        self.expires_at.is_some_and(|e| e <= now)
    }
}

/// What `keys create` and `POST /admin/keys` ask for.
#[derive(Debug, Clone, Default)]
pub struct NewKey {
    pub name: String,
    pub models: Vec<String>,
    pub rpm: Option<i64>,
    pub tpm: Option<i64>,
    pub max_tokens: Option<i64>,
    /// Seconds from now.
    pub expires_in: Option<i64>,
    pub metadata: serde_json::Map<String, serde_json::Value>,
}

/// Tokens of a key's minute: ((key id, minute start), tokens).
pub type RateTokens<'a> = ((&'a str, i64), i64);

/// Adds tokens to a key's minute in `serve_rate` (what tpm limits count).
async fn add_tokens<'e>(
    on: impl sqlx::Executor<'e, Database = sqlx::Any>,
    key_id: &str,
    window: i64,
    tokens: i64,
) -> std::result::Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO serve_rate (key_id, window_start, requests, tokens) VALUES ($1, $2, 0, $3) \
         ON CONFLICT (key_id, window_start) DO UPDATE SET tokens = serve_rate.tokens + $3",
    )
    .bind(key_id)
    .bind(window)
    .bind(tokens)
    .execute(on)
    .await
    .map(|_| ())
}

/// `INSERT INTO serve_usage` of `rows` rows, numbered `$1`, `$2`, … in column order.
fn usage_insert(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO serve_usage (at, key_id, key_name, model, operation, status, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, latency_ms) VALUES ",
    );
    for i in 0..rows {
        if i > 0 {
            sql.push(',');
        }
        let params: Vec<String> = (1..=11).map(|j| format!("${}", i * 11 + j)).collect();
        sql.push('(');
        sql.push_str(&params.join(","));
        sql.push(')');
    }
    sql
}

/// One request as the usage table keeps it.
#[derive(Debug, Clone, Default)]
pub struct UsageRecord {
    /// Unix milliseconds.
    pub at: i64,
    pub key_id: Option<String>,
    pub key_name: Option<String>,
    pub model: Option<String>,
    pub operation: String,
    pub status: i64,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub cache_read_tokens: i64,
    pub cache_write_tokens: i64,
    pub latency_ms: f64,
}

/// One line of `brock serve usage`.
#[derive(Debug, Clone, Serialize)]
pub struct UsageRow {
    pub group: String,
    pub requests: i64,
    pub errors: i64,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub cache_read_tokens: i64,
    pub cache_write_tokens: i64,
}

#[derive(Debug, Clone, Copy)]
pub enum GroupBy {
    Model,
    Key,
    Day,
}

pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

fn hash_hex(key: &[u8]) -> String {
    hex::encode(sha2::Sha256::digest(key))
}

fn new_secret() -> String {
    let bytes: [u8; 32] = rand::random();
    format!(
        "{KEY_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// The default store: `<data dir>/serve.db`.
pub fn default_path() -> std::path::PathBuf {
    crate::config::data_dir().join("serve.db")
}

/// A URL as shown in messages: without a password.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let cred = &url[s + 3..at];
            match cred.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn is_locked(e: &sqlx::Error) -> bool {
    let text = e.to_string();
    text.contains("database is locked") || text.contains("database table is locked")
}

impl Store {
    /// Opens (creating it when it is a SQLite file) and migrates the store.
    pub async fn open(database: Option<&str>) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let (url, shown, backend) = match database.map(str::trim) {
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                (u.to_string(), redact(u), Backend::Postgres)
            }
            Some(u) if u.starts_with("sqlite:") => (u.to_string(), u.to_string(), Backend::Sqlite),
            Some(u) if u.contains("://") => {
                return Err(Error::config(format!(
                    "serve database {:?}: expected postgres://USER@HOST/DB, sqlite:PATH or a file path",
                    redact(u)
                )));
            }
            other => {
                let path = match other {
                    Some(p) if !p.is_empty() => std::path::PathBuf::from(p),
                    _ => default_path(),
                };
                create_parent(&path)?;
                (
                    format!("sqlite://{}?mode=rwc", path.display()),
                    path.display().to_string(),
                    Backend::Sqlite,
                )
            }
        };
        let sqlite = backend == Backend::Sqlite;
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 4,
                Backend::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(5))
            // A SQLite connection is a file handle in this process: it cannot go stale the way
            // a socket to a server can, so no ping before each use.
            .test_before_acquire(!sqlite)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        // In WAL mode NORMAL stays consistent after a crash; only the last
                        // commits before a power loss may go. FULL would put an fsync on the
                        // path of every request that reserves rate-limit slots.
                        sqlx::query("PRAGMA synchronous=NORMAL")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| open_error(&shown, &e))?;
        if backend == Backend::Sqlite {
            // Readers do not wait for the writer, and several processes can share the file.
            sqlx::query("PRAGMA journal_mode=WAL")
                .execute(&pool)
                .await
                .map_err(|e| open_error(&shown, &e))?;
        }
        let migrator = match backend {
            Backend::Sqlite => &SQLITE,
            Backend::Postgres => &POSTGRES,
        };
        migrator.run(&pool).await.map_err(|e| match e {
            sqlx::migrate::MigrateError::Execute(e) => open_error(&shown, &e),
            other => Error::config(format!(
                "cannot prepare the serve database {shown}: {other}"
            )),
        })?;
        // A rate-limited request whose replica holds no slot reserves some with one write on
        // its path (see super::rate), which must not wait for Postgres to flush its log: the
        // counters get connections without synchronous commit (a crash of the database server
        // itself may forget the last fraction of a second of counts). Keys and usage stay on
        // durable commits.
        let counters = if sqlite {
            None
        } else {
            Some(
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            sqlx::query("SET synchronous_commit = off")
                                .execute(&mut *conn)
                                .await?;
                            Ok(())
                        })
                    })
                    .connect_lazy(&url)
                    .map_err(|e| open_error(&shown, &e))?,
            )
        };
        let store = Store {
            pool,
            counters,
            backend,
            shown,
        };
        // A write at start: a SQLite file another process holds locked is found now, as one
        // clear line, rather than as failed usage writes later.
        store.prune_counters().await.map_err(|e| store.error(&e))?;
        Ok(store)
    }

    pub async fn close(&self) {
        if let Some(c) = &self.counters {
            c.close().await;
        }
        self.pool.close().await;
    }

    pub async fn create_key(&self, new: &NewKey) -> Result<(Key, String)> {
        let name = new.name.trim();
        if name.is_empty() || name.len() > 200 || name.chars().any(char::is_control) {
            return Err(Error::usage(
                "a key needs a --name: up to 200 printable characters",
            ));
        }
        let secret = new_secret();
        let now = now_secs();
        let key = Key {
            id: uuid::Uuid::new_v4().simple().to_string(),
            name: name.to_string(),
            prefix: secret[..SHOWN].to_string(),
            hash: hash_hex(secret.as_bytes()),
            models: new.models.clone(),
            rpm: new.rpm,
            tpm: new.tpm,
            max_tokens: new.max_tokens,
            metadata: new.metadata.clone(),
            created_at: now,
            expires_at: new.expires_in.map(|s| now.saturating_add(s)),
            revoked_at: None,
            used_tokens: 0,
        };
        let done = sqlx::query(
            "INSERT INTO serve_keys (id, name, prefix, hash, models, rpm, tpm, max_tokens, metadata, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(&key.id)
        .bind(&key.name)
        .bind(&key.prefix)
        .bind(&key.hash)
        .bind(serde_json::to_string(&key.models).unwrap_or_else(|_| "[]".into()))
        .bind(key.rpm)
        .bind(key.tpm)
        .bind(key.max_tokens)
        .bind(serde_json::Value::Object(key.metadata.clone()).to_string())
        .bind(key.created_at)
        .bind(key.expires_at)
        .execute(&self.pool)
        .await;
        match done {
            Ok(_) => Ok((key, secret)),
            Err(e)
                if e.as_database_error()
                    .is_some_and(|d| d.is_unique_violation()) =>
            {
                Err(Error::usage(format!(
                    "a key named {name:?} already exists: pick another --name, or `brock serve keys rotate {name}` for a new secret"
                )))
            }
            Err(e) => Err(self.error(&e)),
        }
    }

    pub async fn list_keys(&self) -> Result<Vec<Key>> {
        let rows = sqlx::query("SELECT * FROM serve_keys ORDER BY created_at, name")
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.error(&e))?;
        rows.iter()
            .map(|r| key_of(r).map_err(|e| self.error(&e)))
            .collect()
    }

    pub async fn revoke(&self, name: &str) -> Result<Key> {
        let done = sqlx::query(
            "UPDATE serve_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL",
        )
        .bind(now_secs())
        .bind(name)
        .execute(&self.pool)
        .await
        .map_err(|e| self.error(&e))?;
        let key = self.named(name).await?;
        if done.rows_affected() == 0 && key.revoked_at.is_none() {
            return Err(Error::usage(format!("no key named {name:?}")));
        }
        Ok(key)
    }

    /// A new secret for the same key (name, limits and usage stay); the old secret stops
    /// working at once here and within the cache's TTL on other replicas.
    pub async fn rotate(&self, name: &str) -> Result<(Key, String)> {
        let key = self.named(name).await?;
        if key.revoked_at.is_some() {
            return Err(Error::usage(format!(
                "the key {name:?} is revoked: create a new one with `brock serve keys create --name NAME`"
            )));
        }
        let secret = new_secret();
        sqlx::query("UPDATE serve_keys SET prefix = $1, hash = $2 WHERE id = $3")
            .bind(&secret[..SHOWN])
            .bind(hash_hex(secret.as_bytes()))
            .bind(&key.id)
            .execute(&self.pool)
            .await
            .map_err(|e| self.error(&e))?;
        let key = self.named(name).await?;
        Ok((key, secret))
    }

    async fn named(&self, name: &str) -> Result<Key> {
        let row = sqlx::query("SELECT * FROM serve_keys WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await
            .map_err(|e| self.error(&e))?;
        match row {
            Some(r) => key_of(&r).map_err(|e| self.error(&e)),
            None => Err(Error::usage(format!(
                "no key named {name:?}: `brock serve keys list` shows them"
            ))),
        }
    }

    /// The key whose secret this is (revoked and expired ones too: the caller says which).
    pub async fn find(&self, presented: &[u8]) -> std::result::Result<Option<Key>, sqlx::Error> {
        let Ok(text) = std::str::from_utf8(presented) else {
            return Ok(None);
        };
        if !text.starts_with(KEY_PREFIX) || text.len() < SHOWN + 8 || !text.is_char_boundary(SHOWN)
        {
            return Ok(None);
        }
        let rows = sqlx::query("SELECT * FROM serve_keys WHERE prefix = $1")
            .bind(&text[..SHOWN])
            .fetch_all(&self.pool)
            .await?;
        let wanted = hash_hex(presented);
        let mut found = None;
        for r in &rows {
            let key = key_of(r)?;
            if bool::from(key.hash.as_bytes().ct_eq(wanted.as_bytes())) {
                found = Some(key);
            }
        }
        Ok(found)
    }

    /// Whether any key that can still be used exists (then every request needs one).
    pub async fn has_keys(&self) -> std::result::Result<bool, sqlx::Error> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM serve_keys WHERE revoked_at IS NULL")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get::<i64, _>("n")? > 0)
    }

    /// Takes `n` of the requests of a key's minute, all or none: none when that would pass
    /// `rpm`, then one if one is left. Returns how many were taken and the minute's tokens, or
    /// None when the minute's requests are all taken (see [`super::rate`]).
    pub async fn reserve(
        &self,
        key_id: &str,
        window: i64,
        n: i64,
        rpm: Option<i64>,
    ) -> std::result::Result<Option<(i64, i64)>, sqlx::Error> {
        let rpm = rpm.unwrap_or(i64::MAX);
        let n = n.clamp(1, rpm.max(1));
        for n in if n > 1 { vec![n, 1] } else { vec![1] } {
            // One statement, so replicas racing for the last requests of a minute cannot
            // both win.
            let row = sqlx::query(
                "INSERT INTO serve_rate (key_id, window_start, requests, tokens) VALUES ($1, $2, $3, 0) \
                 ON CONFLICT (key_id, window_start) DO UPDATE SET requests = serve_rate.requests + $3 \
                 WHERE serve_rate.requests <= $4 - $3 \
                 RETURNING requests, tokens",
            )
            .bind(key_id)
            .bind(window)
            .bind(n)
            .bind(rpm)
            .fetch_optional(self.counters.as_ref().unwrap_or(&self.pool))
            .await?;
            if let Some(r) = row {
                return Ok(Some((n, r.try_get("tokens")?)));
            }
        }
        Ok(None)
    }

    /// Writes a batch of usage records, and adds their tokens to their keys' totals, in one
    /// transaction; and `rate_tokens` (key, minute, tokens) to the per-minute counters, in the
    /// same transaction on SQLite (where a commit costs no fsync and one writer at a time
    /// writes anyway).
    pub async fn write_usage(
        &self,
        batch: &[UsageRecord],
        rate_tokens: &[RateTokens<'_>],
    ) -> std::result::Result<(), sqlx::Error> {
        let mut tx: Transaction<'_, sqlx::Any> = self.pool.begin().await?;
        // SQLite looks a `$N` parameter up by a linear search of the statement's names, so
        // binding a many-row INSERT costs the square of its parameters (it was a third of
        // the gateway's CPU under load): one prepared row at a time there, which costs no
        // round trip in-process. Postgres takes many rows a statement, 11 parameters a row:
        // 400 rows stay under its limit.
        let rows = match self.backend {
            Backend::Sqlite => 1,
            Backend::Postgres => 400,
        };
        // The statement of a whole chunk is built once per batch, not once per chunk.
        let full = usage_insert(rows);
        for chunk in batch.chunks(rows) {
            let sql = if chunk.len() == rows {
                full.clone()
            } else {
                usage_insert(chunk.len())
            };
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q
                    .bind(r.at)
                    .bind(r.key_id.clone())
                    .bind(r.key_name.clone())
                    .bind(r.model.clone())
                    .bind(r.operation.clone())
                    .bind(r.status)
                    .bind(r.input_tokens)
                    .bind(r.output_tokens)
                    .bind(r.cache_read_tokens)
                    .bind(r.cache_write_tokens)
                    .bind(r.latency_ms);
            }
            q.execute(&mut *tx).await?;
        }
        // Per key, so a batch costs a few statements, not one per request.
        let mut per: std::collections::BTreeMap<&str, i64> = Default::default();
        for r in batch {
            if let Some(id) = &r.key_id {
                *per.entry(id.as_str()).or_default() += r.input_tokens + r.output_tokens;
            }
        }
        for (id, tokens) in per {
            if tokens == 0 {
                continue;
            }
            sqlx::query("UPDATE serve_keys SET used_tokens = used_tokens + $1 WHERE id = $2")
                .bind(tokens)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if self.backend == Backend::Sqlite {
            for &((id, window), tokens) in rate_tokens {
                add_tokens(&mut *tx, id, window, tokens).await?;
            }
        }
        tx.commit().await
    }

    /// Postgres: adds tokens to a key's minute (what tpm limits count), apart from the usage
    /// rows: the usage writer holds off reservations while it does this (see
    /// [`super::rate`]), which must not wait for a durable commit of a whole batch.
    pub async fn add_rate_tokens(
        &self,
        key_id: &str,
        window: i64,
        tokens: i64,
    ) -> std::result::Result<(), sqlx::Error> {
        add_tokens(
            self.counters.as_ref().unwrap_or(&self.pool),
            key_id,
            window,
            tokens,
        )
        .await
    }

    /// Drops per-minute counters older than an hour (they only ever serve the current minute).
    pub async fn prune_counters(&self) -> std::result::Result<(), sqlx::Error> {
        sqlx::query("DELETE FROM serve_rate WHERE window_start < $1")
            .bind(now_secs() - 3600)
            .execute(&self.pool)
            .await
            .map(|_| ())
    }

    /// Requests per key in the usage table (for `keys list`).
    pub async fn requests_per_key(&self) -> Result<std::collections::HashMap<String, i64>> {
        let rows = sqlx::query(
            "SELECT key_id, COUNT(*) AS n FROM serve_usage WHERE key_id IS NOT NULL GROUP BY key_id",
        )
        .fetch_all(&self.pool)
        .await
        .map_err(|e| self.error(&e))?;
        let mut out = std::collections::HashMap::new();
        for r in rows {
            let id: String = r.try_get("key_id").map_err(|e| self.error(&e))?;
            let n: i64 = r.try_get("n").map_err(|e| self.error(&e))?;
            out.insert(id, n);
        }
        Ok(out)
    }

    pub async fn usage(
        &self,
        since_millis: i64,
        key: Option<&str>,
        by: GroupBy,
    ) -> Result<Vec<UsageRow>> {
        let group = match (by, self.backend) {
            (GroupBy::Model, _) => "COALESCE(model, '-')",
            (GroupBy::Key, _) => "COALESCE(key_name, '-')",
            (GroupBy::Day, Backend::Sqlite) => "strftime('%Y-%m-%d', at / 1000, 'unixepoch')",
            (GroupBy::Day, Backend::Postgres) => {
                "to_char(to_timestamp(at / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
            }
        };
        let sql = format!(
            "SELECT {group} AS grp, COUNT(*) AS requests, \
             CAST(COALESCE(SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END), 0) AS BIGINT) AS errors, \
             CAST(COALESCE(SUM(input_tokens), 0) AS BIGINT) AS input_tokens, \
             CAST(COALESCE(SUM(output_tokens), 0) AS BIGINT) AS output_tokens, \
             CAST(COALESCE(SUM(cache_read_tokens), 0) AS BIGINT) AS cache_read_tokens, \
             CAST(COALESCE(SUM(cache_write_tokens), 0) AS BIGINT) AS cache_write_tokens \
             FROM serve_usage WHERE at >= $1 AND ($2 = '' OR key_name = $2) \
             GROUP BY grp ORDER BY grp"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(since_millis)
            .bind(key.unwrap_or(""))
            .fetch_all(&self.pool)
            .await
            .map_err(|e| self.error(&e))?;
        rows.iter()
            .map(|r| {
                Ok(UsageRow {
                    group: r.try_get("grp")?,
                    requests: r.try_get("requests")?,
                    errors: r.try_get("errors")?,
                    input_tokens: r.try_get("input_tokens")?,
                    output_tokens: r.try_get("output_tokens")?,
                    cache_read_tokens: r.try_get("cache_read_tokens")?,
                    cache_write_tokens: r.try_get("cache_write_tokens")?,
                })
            })
            .collect::<std::result::Result<Vec<_>, sqlx::Error>>()
            .map_err(|e| self.error(&e))
    }

    pub fn error(&self, e: &sqlx::Error) -> Error {
        open_error(&self.shown, e)
    }
}

fn create_parent(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(format!("cannot create {}", dir.display()), e))?;
    }
    Ok(())
}

fn open_error(shown: &str, e: &sqlx::Error) -> Error {
    if is_locked(e) {
        return Error::config(format!(
            "the serve database {shown} is locked by another process: stop it, or give --database another file (or a shared postgres:// database)"
        ));
    }
    match e {
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::Tls(_) => Error::Network(
            format!("cannot reach the serve database {shown}: {e}; check that it is running"),
        ),
        _ => Error::config(format!("serve database {shown}: {e}")),
    }
}

fn key_of(r: &AnyRow) -> std::result::Result<Key, sqlx::Error> {
    let models: String = r.try_get("models")?;
    let metadata: String = r.try_get("metadata")?;
    Ok(Key {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        prefix: r.try_get("prefix")?,
        hash: r.try_get("hash")?,
        models: serde_json::from_str(&models).unwrap_or_default(),
        rpm: r.try_get("rpm")?,
        tpm: r.try_get("tpm")?,
        max_tokens: r.try_get("max_tokens")?,
        metadata: serde_json::from_str(&metadata).unwrap_or_default(),
        created_at: r.try_get("created_at")?,
        expires_at: r.try_get("expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
        used_tokens: r.try_get("used_tokens")?,
    })
}

/// `30d`, `12h`, `15m`, `90s`, `2w` → seconds. Hand-written: five units do not need a crate.
pub fn parse_duration(text: &str) -> std::result::Result<i64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (n, unit) = t.split_at(split);
    let n: i64 = n
        .parse()
        .map_err(|_| format!("{text:?}: expected a number and a unit, e.g. 30d, 12h, 15m"))?;
    let mult = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" | "" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit {unit:?}; use s, m, h, d or w (e.g. 30d)"
            ));
        }
    };
    if n == 0 {
        return Err(format!("{text:?}: must be more than zero"));
    }
    n.checked_mul(mult)
        .filter(|s| *s < 100 * 365 * 86_400)
        .ok_or_else(|| format!("{text:?}: too long"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_and_redaction() {
        assert_eq!(parse_duration("30d"), Ok(30 * 86_400));
        assert_eq!(parse_duration("90s"), Ok(90));
        assert!(parse_duration("0d").is_err());
        assert!(parse_duration("3y").is_err());
        assert_eq!(
            redact("postgres://u:secret@127.0.0.1:5/db"),
            "postgres://u:***@127.0.0.1:5/db"
        );
    }

    #[test]
    fn a_usage_insert_numbers_its_parameters_row_after_row() {
        let sql = usage_insert(2);
        assert!(
            sql.ends_with(
                "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11),($12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22)"
            ),
            "{sql}"
        );
    }
}

//! Usage recording off the request path: the request log hands each finished request to a
//! channel; one task gathers what arrives within [`LINGER`] of the first record and writes it
//! in one transaction. A batch the database refused is kept and tried again, and on shutdown
//! the task writes everything before the process exits.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::log::Fields;
use super::store::{Store, UsageRecord, now_millis};

/// At most this many records are kept while the database is down; older ones are dropped
/// (with one line on stderr) so an outage cannot exhaust memory.
const PENDING_MAX: usize = 200_000;
const BATCH_MAX: usize = 2_000;
const RETRY_EVERY: Duration = Duration::from_secs(1);
/// How long the first record of a batch waits for others. A transaction per request cost the
/// gateway more CPU than the request itself under load (measured in bench/SERVE.md); with this
/// there are at most ten a second, and a crash loses at most this much usage.
const LINGER: Duration = Duration::from_millis(100);

enum Msg {
    Record(UsageRecord),
    Flush(oneshot::Sender<usize>),
}

#[derive(Clone)]
pub struct Sink(mpsc::UnboundedSender<Msg>);

impl Sink {
    /// Called from the request log when a response body ends.
    pub fn record(&self, f: &Fields, path: &str, status: u16, latency_ms: f64) {
        // The API's requests only: not the admin API, nor health checks and scrapes.
        if !["/v1/", "/api/v1/", "/bedrock/"]
            .iter()
            .any(|p| path.starts_with(p))
        {
            return;
        }
        let _ = self.0.send(Msg::Record(UsageRecord {
            at: now_millis(),
            key_id: f.key_id.clone(),
            key_name: f.key_name.clone(),
            model: f.model.clone(),
            operation: operation(path),
            status: status as i64,
            input_tokens: f.input_tokens.unwrap_or(0) as i64,
            output_tokens: f.output_tokens.unwrap_or(0) as i64,
            cache_read_tokens: f.cache_read_tokens.unwrap_or(0) as i64,
            cache_write_tokens: f.cache_write_tokens.unwrap_or(0) as i64,
            latency_ms,
        }));
    }

    /// Writes everything recorded so far (trying for up to `within`); returns how many
    /// records could not be written.
    pub async fn flush(&self, within: Duration) -> usize {
        let (tx, rx) = oneshot::channel();
        if self.0.send(Msg::Flush(tx)).is_err() {
            return 0;
        }
        tokio::time::timeout(within, rx)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or(usize::MAX)
    }
}

/// What a request did, without ids: `chat/completions`, `embeddings`, `bedrock/converse`…
pub fn operation(path: &str) -> String {
    let p = path
        .strip_prefix("/api/v1/")
        .or_else(|| path.strip_prefix("/v1/"));
    if let Some(p) = p {
        return p.trim_end_matches('/').to_string();
    }
    if let Some(rest) = path.strip_prefix("/bedrock/model/") {
        let op = rest.split('/').nth(1).unwrap_or_default();
        return format!("bedrock/{op}");
    }
    if path.starts_with("/bedrock/") {
        return "bedrock".into();
    }
    path.trim_start_matches('/').to_string()
}

pub fn start(store: Arc<Store>) -> Sink {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(writer(store, rx));
    Sink(tx)
}

async fn writer(store: Arc<Store>, mut rx: mpsc::UnboundedReceiver<Msg>) {
    let mut pending: Vec<UsageRecord> = Vec::new();
    let mut dropped = 0usize;
    let mut writes = 0u64;
    loop {
        let msg = if pending.is_empty() {
            rx.recv().await
        } else {
            // Something waits for a database that refused it: try again after a pause,
            // unless more arrives first.
            match tokio::time::timeout(RETRY_EVERY, rx.recv()).await {
                Ok(m) => m,
                Err(_) => {
                    write(&store, &mut pending).await;
                    continue;
                }
            }
        };
        let Some(msg) = msg else {
            write(&store, &mut pending).await;
            return;
        };
        let mut flushes = Vec::new();
        let mut take = |m: Msg, pending: &mut Vec<UsageRecord>| match m {
            Msg::Record(r) => {
                pending.push(r);
                true
            }
            Msg::Flush(done) => {
                flushes.push(done);
                false
            }
        };
        if take(msg, &mut pending) {
            // Asleep rather than listening: a listening task would be woken (often on the
            // other worker thread) by every request that ends.
            tokio::time::sleep(LINGER).await;
            while pending.len() < BATCH_MAX {
                match rx.try_recv() {
                    Ok(m) => {
                        take(m, &mut pending);
                    }
                    Err(_) => break,
                }
            }
        }
        write(&store, &mut pending).await;
        if !flushes.is_empty() {
            // A flush waits for the database until its caller gives up.
            while !pending.is_empty() {
                tokio::time::sleep(RETRY_EVERY / 4).await;
                write(&store, &mut pending).await;
                if flushes.iter().all(|f| f.is_closed()) {
                    break;
                }
            }
            for f in flushes {
                let _ = f.send(pending.len());
            }
        }
        if pending.len() > PENDING_MAX {
            let extra = pending.len() - PENDING_MAX;
            pending.drain(..extra);
            dropped += extra;
            crate::render::diag(&format!(
                "serve: the key store has been unreachable; {dropped} usage records dropped so far"
            ));
        }
        writes += 1;
        if writes.is_multiple_of(1000) {
            let _ = store.prune_counters().await;
        }
    }
}

async fn write(store: &Store, pending: &mut Vec<UsageRecord>) {
    if pending.is_empty() {
        return;
    }
    if store.write_usage(pending).await.is_ok() {
        pending.clear();
    }
}

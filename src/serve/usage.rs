//! Usage recording off the request path: the request log hands each finished request to a
//! channel; one task gathers what arrives within [`LINGER`] of the first record and writes it
//! in one transaction. A batch the database refused is kept and tried again, and on shutdown
//! the task writes everything before the process exits.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot};

use super::log::Fields;
use super::rate::Limits;
use super::store::{Backend, RateTokens, Store, UsageRecord, now_millis};

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
pub struct Sink {
    tx: mpsc::UnboundedSender<Msg>,
    /// Rate-limited keys count their tokens here at once, not when the writer gets to them.
    rate: Arc<Limits>,
}

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
        let at = now_millis();
        if let Some(id) = &f.key_id {
            let tokens = f.input_tokens.unwrap_or(0) + f.output_tokens.unwrap_or(0);
            self.rate.recorded(id, at, tokens as i64);
        }
        let _ = self.tx.send(Msg::Record(UsageRecord {
            at,
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
        if self.tx.send(Msg::Flush(tx)).is_err() {
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
        // A stored response's id is not an operation (GET and DELETE of one).
        if p.starts_with("responses/") {
            return "responses/{id}".into();
        }
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

pub fn start(store: Arc<Store>, rate: Arc<Limits>) -> Sink {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(writer(store, rate.clone(), rx));
    Sink { tx, rate }
}

async fn writer(store: Arc<Store>, rate: Arc<Limits>, mut rx: mpsc::UnboundedReceiver<Msg>) {
    let mut pending: Vec<UsageRecord> = Vec::new();
    let mut dropped = 0usize;
    let mut writes = 0u64;
    let mut backlog = false;
    loop {
        let msg = if pending.is_empty() {
            rx.recv().await
        } else {
            // Something waits for a database that refused it: try again after a pause,
            // unless more arrives first.
            match tokio::time::timeout(RETRY_EVERY, rx.recv()).await {
                Ok(m) => m,
                Err(_) => {
                    write(&store, &rate, &mut pending).await;
                    continue;
                }
            }
        };
        let Some(msg) = msg else {
            write(&store, &rate, &mut pending).await;
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
            // other worker thread) by every request that ends. Not when the last batch was
            // full: records arrive faster than batches of BATCH_MAX a linger would write.
            if !backlog {
                tokio::time::sleep(LINGER).await;
            }
            while pending.len() < BATCH_MAX {
                match rx.try_recv() {
                    Ok(m) => {
                        take(m, &mut pending);
                    }
                    Err(_) => break,
                }
            }
        }
        backlog = pending.len() >= BATCH_MAX;
        write(&store, &rate, &mut pending).await;
        if !flushes.is_empty() {
            // A flush waits for the database until its caller gives up.
            while !pending.is_empty() {
                tokio::time::sleep(RETRY_EVERY / 4).await;
                write(&store, &rate, &mut pending).await;
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

async fn write(store: &Store, rate: &Limits, pending: &mut Vec<UsageRecord>) {
    if pending.is_empty() {
        return;
    }
    // The rate-limited keys' tokens, per key and minute, for their per-minute counters.
    let mut per: std::collections::BTreeMap<(&str, i64), i64> = Default::default();
    for r in pending.iter() {
        if let Some(id) = &r.key_id
            && rate.tracks(id)
            && r.input_tokens + r.output_tokens > 0
        {
            *per.entry((id.as_str(), r.at / 60_000 * 60)).or_default() +=
                r.input_tokens + r.output_tokens;
        }
    }
    let per: Vec<RateTokens> = per.into_iter().collect();
    if store.backend == Backend::Sqlite {
        let _consistent = rate.writing().await;
        if store.write_usage(pending, &per).await.is_err() {
            return;
        }
        for &((id, window), tokens) in &per {
            rate.written(id, window, tokens);
        }
    } else {
        if store.write_usage(pending, &[]).await.is_err() {
            return;
        }
        // A separate, short statement each (on connections without synchronous commit), so
        // reservations wait for no durable commit. One that fails leaves those tokens out of
        // the shared count (this process still counts them).
        if !per.is_empty() {
            let _consistent = rate.writing().await;
            for &((id, window), tokens) in &per {
                if store.add_rate_tokens(id, window, tokens).await.is_ok() {
                    rate.written(id, window, tokens);
                }
            }
        }
    }
    pending.clear();
}

#[cfg(test)]
mod tests {
    use super::operation;

    #[test]
    fn operations_name_the_route_without_ids() {
        assert_eq!(operation("/v1/chat/completions"), "chat/completions");
        assert_eq!(operation("/api/v1/embeddings"), "embeddings");
        assert_eq!(operation("/v1/responses"), "responses");
        assert_eq!(operation("/v1/responses/resp_0123abc"), "responses/{id}");
        assert_eq!(
            operation("/bedrock/model/us.amazon.nova-lite-v1:0/converse"),
            "bedrock/converse"
        );
    }
}

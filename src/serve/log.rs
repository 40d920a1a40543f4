//! One stderr line per request: method, path, model, status, tokens, latency. Written when the
//! response body ends (or is dropped), so streams are logged with their tokens and a stream the
//! client abandoned says so. Keys are never logged: neither headers nor bodies appear here.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;
use serde_json::json;

use super::Shared;

#[derive(Debug, Default)]
pub struct Fields {
    pub model: Option<String>,
    pub input_tokens: Option<u64>,
    pub output_tokens: Option<u64>,
    /// Set by streaming handlers when the last byte was produced.
    pub complete: Option<bool>,
    /// The store key that made the request (set by the key check; never the key itself).
    pub key_id: Option<String>,
    pub key_name: Option<String>,
    pub cache_read_tokens: Option<u64>,
    pub cache_write_tokens: Option<u64>,
}

/// Handlers fill this in (an extension of every request).
#[derive(Clone, Default)]
pub struct Note(pub Arc<Mutex<Fields>>);

impl Note {
    pub fn model(&self, m: &str) {
        if let Ok(mut f) = self.0.lock() {
            f.model = Some(m.to_string());
        }
    }
    pub fn tokens(&self, input: u64, output: u64) {
        if let Ok(mut f) = self.0.lock() {
            f.input_tokens = Some(input);
            f.output_tokens = Some(output);
        }
    }
    /// The store key that made the request, if it was one.
    pub fn key_id(&self) -> Option<String> {
        self.0.lock().ok().and_then(|f| f.key_id.clone())
    }
    pub fn caller(&self, key_id: &str, key_name: &str) {
        if let Ok(mut f) = self.0.lock() {
            f.key_id = Some(key_id.to_string());
            f.key_name = Some(key_name.to_string());
        }
    }
    pub fn cache_tokens(&self, read: u64, write: u64) {
        if let Ok(mut f) = self.0.lock() {
            f.cache_read_tokens = Some(read);
            f.cache_write_tokens = Some(write);
        }
    }
    /// For streams: `started` when the body begins, `finished` when it ended normally.
    pub fn streaming(&self, finished: bool) {
        if let Ok(mut f) = self.0.lock() {
            f.complete = Some(finished);
        }
    }
}

struct Line {
    json: bool,
    method: String,
    path: String,
    /// The route pattern, for the metrics.
    route: String,
    status: u16,
    started: Instant,
    note: Note,
    usage: Option<super::usage::Sink>,
}

impl Drop for Line {
    fn drop(&mut self) {
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let f = self.note.0.lock().map(|mut f| std::mem::take(&mut *f));
        let f = f.unwrap_or_default();
        super::metrics::record(&self.route, self.status, ms / 1000.0, &f);
        let cancelled = f.complete == Some(false);
        if let Some(u) = &self.usage {
            u.record(&f, &self.path, self.status, ms);
        }
        let line = if self.json {
            json!({
                "method": self.method,
                "path": self.path,
                "model": f.model,
                "status": self.status,
                "input_tokens": f.input_tokens,
                "output_tokens": f.output_tokens,
                "latency_ms": (ms * 1000.0).round() / 1000.0,
                "cancelled": cancelled,
            })
            .to_string()
        } else {
            let tokens = match (f.input_tokens, f.output_tokens) {
                (Some(i), Some(o)) => format!("{i}/{o}"),
                _ => "-".into(),
            };
            format!(
                "{} {} model={} status={} tokens={} latency={:.1}ms{}",
                self.method,
                self.path,
                crate::render::sanitize::for_terminal(f.model.as_deref().unwrap_or("-")),
                self.status,
                tokens,
                ms,
                if cancelled {
                    " cancelled by client"
                } else {
                    ""
                }
            )
        };
        // Written as is, without diag's "brock: " prefix: a log line per request, and with
        // --log-format json one JSON document per line for a log shipper.
        use std::io::Write;
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{line}");
    }
}

pub async fn log_request(State(state): State<Shared>, mut req: Request, next: Next) -> Response {
    let note = Note::default();
    req.extensions_mut().insert(note.clone());
    let method = req.method().to_string();
    // The path only: a query string may carry secrets.
    let path = crate::render::sanitize::for_terminal(req.uri().path()).into_owned();
    let route = super::metrics::route(
        req.extensions()
            .get::<axum::extract::MatchedPath>()
            .map(|m| m.as_str()),
        req.uri().path(),
    );
    let started = Instant::now();
    let resp = next.run(req).await;
    let line = Line {
        json: state.log_json,
        method,
        path,
        route,
        status: resp.status().as_u16(),
        started,
        note,
        usage: state.usage.clone(),
    };
    let (parts, body) = resp.into_parts();
    let stream = super::metrics::StreamGuard::open(parts.headers.get(http::header::CONTENT_TYPE));
    let body = body.map_frame(move |f| {
        let _ = (&line, &stream);
        f
    });
    Response::from_parts(parts, axum::body::Body::new(body))
}

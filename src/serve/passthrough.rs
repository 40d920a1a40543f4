//! `/bedrock/...`: native Bedrock calls forwarded as they are, re-signed with the gateway's
//! credentials. Bodies go up byte for byte; answers (event streams too) come back chunk by
//! chunk as they arrive, with AWS's status, headers and error bodies. As in LiteLLM's proxy,
//! agent-runtime paths go to bedrock-agent-runtime and everything else to bedrock-runtime.
//! The tokens Bedrock reports (headers, the Converse JSON, the streams' metadata and metrics)
//! are read from a copy on the side, each chunk after it has gone out, for the log and usage.

use axum::Extension;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use brock_bedrock::{ApiRequest, ApiResponse, FrameDecoder, Service};
use bytes::Bytes;
use serde_json::Value;

use super::Shared;
use super::error::{ApiError, read_body};
use super::log::Note;

/// Request headers the client may set that mean something to Bedrock. Everything else (its
/// authorization, its host, hop-by-hop headers) stays here.
const FORWARDED_REQUEST: &[&str] = &[
    "content-type",
    "accept",
    "x-amzn-bedrock-accept",
    "x-amzn-bedrock-trace",
    "x-amzn-bedrock-guardrailidentifier",
    "x-amzn-bedrock-guardrailversion",
    "x-amzn-bedrock-performanceconfig-latency",
    "x-amzn-bedrock-service-tier",
    "x-amz-client-context",
    "x-amz-source-arn",
];

/// Response headers not passed back: the connection's own, recomputed by this server.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "upgrade",
    "proxy-authenticate",
    "trailer",
    "te",
];

fn service_for(path: &str) -> Service {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "knowledgebases"
        | "agents"
        | "flows"
        | "rerank"
        | "retrieveAndGenerate"
        | "retrieveAndGenerateStream"
        | "sessions"
        | "optimize-prompt" => Service::AgentRuntime,
        _ => Service::Runtime,
    }
}

pub async fn forward(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    req: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = req.into_parts();
    // The raw (still percent-encoded) path after /bedrock, and the query as sent: the
    // signature covers them exactly as Bedrock will see them.
    let path = parts
        .uri
        .path()
        .strip_prefix("/bedrock")
        .unwrap_or("/")
        .to_string();
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path
    };
    let full = match parts.uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.clone(),
    };
    if let Some(id) = path
        .strip_prefix("/model/")
        .and_then(|rest| rest.split('/').next())
    {
        note.model(&percent_encoding::percent_decode_str(id).decode_utf8_lossy());
    }
    let body = read_body(body).await?;
    let service = service_for(&path);
    let mut api = ApiRequest {
        service,
        method: parts.method.clone(),
        path: full,
        headers: Vec::new(),
        body,
    };
    for (name, value) in &parts.headers {
        if FORWARDED_REQUEST.contains(&name.as_str())
            && let Ok(v) = value.to_str()
        {
            api = api.header(name.as_str(), v);
        }
    }
    // Retries as the CLI's; the last error answer is handed back as AWS gave it.
    let attempts = state.settings.max_attempts;
    let upstream = state.client.send_with(&api, attempts, true).await?;
    if upstream.status >= 400 {
        let code = upstream.header("x-amzn-errortype").unwrap_or("");
        super::metrics::upstream_status(upstream.status, code.split(':').next().unwrap_or(""));
    }
    let mut builder = Response::builder().status(upstream.status);
    for (name, value) in &upstream.headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            builder = builder.header(name, value);
        }
    }
    let tap = if (200..300).contains(&upstream.status) {
        tap_for(&path, &upstream, &note)
    } else {
        None
    };
    let relay = Relay {
        up: upstream,
        tap,
        pending: None,
        note,
    };
    // Each chunk goes out as soon as it arrives, and is looked at (`pending`) only while the
    // next is awaited; a client that goes away drops the stream and with it the upstream
    // connection.
    let body = futures_util::stream::unfold(Some(relay), |relay| async move {
        let mut r = relay?;
        if let Some(b) = r.pending.take() {
            r.watch(&b);
        }
        match r.up.chunk().await {
            Ok(Some(b)) => {
                if r.tap.is_some() {
                    r.pending = Some(b.clone());
                }
                Some((Ok::<_, brock_bedrock::Error>(b), Some(r)))
            }
            Ok(None) => {
                r.finish();
                None
            }
            Err(e) => {
                super::metrics::upstream_error(&e);
                Some((Err(e), None))
            }
        }
    });
    Ok(builder
        .body(Body::from_stream(body))
        .unwrap_or_else(|_| http::StatusCode::BAD_GATEWAY.into_response()))
}

/// A Converse answer larger than this is relayed without its tokens rather than held twice.
const JSON_COPY_MAX: usize = 4 << 20;

/// Where a successful answer's tokens are, by operation.
enum Tap {
    /// Converse: `usage` in the whole JSON, read when the body ends.
    Json(Vec<u8>),
    /// ConverseStream (`metadata` event's `usage`) or InvokeModelWithResponseStream (the
    /// `amazon-bedrock-invocationMetrics` of a `chunk`'s decoded JSON).
    Events { frames: FrameDecoder, invoke: bool },
}

/// InvokeModel's tokens are in its headers and recorded here; the other operations with
/// tokens get a tap. Agent-runtime calls and the rest report none.
fn tap_for(path: &str, up: &ApiResponse, note: &Note) -> Option<Tap> {
    let op = path.strip_prefix("/model/")?.split('/').nth(1)?;
    match op {
        "invoke" => {
            let count = |h: &str| up.header(h).and_then(|v| v.trim().parse::<u64>().ok());
            if let Some(input) = count("x-amzn-bedrock-input-token-count") {
                // Embedding models report no output tokens.
                let output = count("x-amzn-bedrock-output-token-count").unwrap_or(0);
                note.tokens(input, output);
            }
            None
        }
        "converse" => Some(Tap::Json(Vec::new())),
        "converse-stream" => Some(Tap::Events {
            frames: FrameDecoder::new(),
            invoke: false,
        }),
        "invoke-with-response-stream" => Some(Tap::Events {
            frames: FrameDecoder::new(),
            invoke: true,
        }),
        _ => None,
    }
}

struct Relay {
    up: ApiResponse,
    tap: Option<Tap>,
    /// The chunk last relayed, not yet looked at.
    pending: Option<Bytes>,
    note: Note,
}

impl Relay {
    fn watch(&mut self, chunk: &[u8]) {
        let note = &self.note;
        let keep = match &mut self.tap {
            None => return,
            Some(Tap::Json(copy)) => {
                copy.extend_from_slice(chunk);
                copy.len() <= JSON_COPY_MAX
            }
            Some(Tap::Events { frames, invoke }) => {
                let invoke = *invoke;
                frames
                    .push(chunk, |ev| {
                        if ev.message_type != "event" {
                            return;
                        }
                        match (invoke, ev.event_type.as_str()) {
                            (false, "metadata") => {
                                if let Ok(v) = serde_json::from_slice::<Value>(&ev.payload) {
                                    converse_usage(note, &v["usage"]);
                                }
                            }
                            (true, "chunk") => invocation_metrics(note, &ev.payload),
                            _ => {}
                        }
                    })
                    .is_ok()
            }
        };
        // Past the cap, or after a frame that does not decode, there is nothing to count.
        if !keep {
            self.tap = None;
        }
    }

    fn finish(&mut self) {
        if let Some(Tap::Json(copy)) = self.tap.take()
            && let Ok(v) = serde_json::from_slice::<Value>(&copy)
        {
            converse_usage(&self.note, &v["usage"]);
        }
    }
}

/// Converse's `usage` (TokenUsage in the service model).
fn converse_usage(note: &Note, usage: &Value) {
    let n = |k: &str| usage.get(k).and_then(Value::as_u64);
    if let (Some(input), Some(output)) = (n("inputTokens"), n("outputTokens")) {
        note.tokens(input, output);
    }
    let (read, write) = (n("cacheReadInputTokens"), n("cacheWriteInputTokens"));
    if read.is_some() || write.is_some() {
        note.cache_tokens(read.unwrap_or(0), write.unwrap_or(0));
    }
}

/// A `chunk` event's payload is `{"bytes": base64 of the model's JSON}`; the service adds
/// `amazon-bedrock-invocationMetrics` to the last one.
fn invocation_metrics(note: &Note, payload: &[u8]) {
    const KEY: &str = "amazon-bedrock-invocationMetrics";
    #[derive(serde::Deserialize)]
    struct Chunk {
        bytes: String,
    }
    use base64::Engine as _;
    let Some(json) = serde_json::from_slice::<Chunk>(payload).ok().and_then(|c| {
        base64::engine::general_purpose::STANDARD
            .decode(c.bytes)
            .ok()
    }) else {
        return;
    };
    // Only the last chunk has them: the others are not parsed.
    if !json.windows(KEY.len()).any(|w| w == KEY.as_bytes()) {
        return;
    }
    if let Ok(v) = serde_json::from_slice::<Value>(&json) {
        let m = &v[KEY];
        let n = |k: &str| m.get(k).and_then(Value::as_u64);
        if let (Some(input), Some(output)) = (n("inputTokenCount"), n("outputTokenCount")) {
            note.tokens(input, output);
        }
        let (read, write) = (
            n("cacheReadInputTokenCount"),
            n("cacheWriteInputTokenCount"),
        );
        if read.is_some() || write.is_some() {
            note.cache_tokens(read.unwrap_or(0), write.unwrap_or(0));
        }
    }
}

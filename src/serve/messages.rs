//! `POST /v1/messages` and `/v1/messages/count_tokens`: the Anthropic Messages API (the
//! Anthropic SDKs, Claude Code through `ANTHROPIC_BASE_URL`).
//!
//! Claude models get the request on InvokeModel as Bedrock's Anthropic body, so every block
//! and field Claude knows (signed thinking, built-in tools, `cache_control`, documents)
//! arrives as sent, and the streamed chunks, which are Anthropic's own events, are relayed as
//! they come. Other models go through brock-core's canonical request to Converse and back
//! ([`brock_core::anthropic_api`]). Errors, including those the middleware makes for these
//! paths, are rewritten into Anthropic's shape by [`anthropic_errors`].

use axum::Extension;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use brock_bedrock::{ApiRequest, EventStream, Service, path_segment};
use brock_core::anthropic_api::{self, EventEncoder};
use brock_core::route::Decoder;
use brock_core::stream::StreamEvent;
use brock_core::think::{DEFAULT_TAGS, InlineThinkSplitter};
use brock_core::{ModelFamily, ModelRef};
use bytes::Bytes;
use http::HeaderMap;
use serde_json::{Value, json};

use super::chat::{sse, upstream_shape};
use super::error::{ApiError, read_json};
use super::log::Note;
use super::{Shared, resolve_model};

/// The `anthropic-beta` values Bedrock's Claude models accept (AWS, "Anthropic Claude
/// Messages API", request `anthropic_beta`; the same list LiteLLM's Bedrock filter keeps).
/// Bedrock refuses a request naming any other ("invalid beta flag"), and Claude Code sends
/// several that exist on Anthropic's API only, so the others are left out.
const BEDROCK_BETAS: &[&str] = &[
    "computer-use-2024-10-22",
    "computer-use-2025-01-24",
    "computer-use-2025-11-24",
    "token-efficient-tools-2025-02-19",
    "interleaved-thinking-2025-05-14",
    "output-128k-2025-02-19",
    "dev-full-thinking-2025-05-14",
    "context-1m-2025-08-07",
    "context-management-2025-06-27",
    "effort-2025-11-24",
    "tool-search-tool-2025-10-19",
    "tool-examples-2025-10-29",
];

fn is_claude(model_id: &str) -> bool {
    ModelRef::parse(model_id).is_ok_and(|m| m.family() == ModelFamily::Anthropic)
}

fn betas(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("anthropic-beta")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|b| BEDROCK_BETAS.contains(b))
        .map(str::to_string)
        .collect()
}

fn model_name(body: &Value) -> Result<String, ApiError> {
    match body.get("model") {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            Err(ApiError::bad_request("'model' is required", Some("model")))
        }
        Some(_) => Err(ApiError::bad_request(
            "'model' must be a string",
            Some("model"),
        )),
    }
}

/// What Claude's body must have before it is sent: Bedrock checks the rest and its
/// refusals come back as 400s.
fn check_claude_body(body: &Value, count_only: bool) -> Result<(), ApiError> {
    if !count_only {
        match body.get("max_tokens") {
            Some(m) if m.as_u64().is_some_and(|n| n >= 1) => {}
            Some(_) => {
                return Err(ApiError::bad_request(
                    "'max_tokens' must be a positive integer",
                    Some("max_tokens"),
                ));
            }
            None => {
                return Err(ApiError::bad_request(
                    "'max_tokens' is required",
                    Some("max_tokens"),
                ));
            }
        }
    }
    let Some(messages) = body.get("messages").and_then(Value::as_array) else {
        return Err(ApiError::bad_request(
            "'messages' is required (a list of messages)",
            Some("messages"),
        ));
    };
    if messages.is_empty() {
        return Err(ApiError::bad_request(
            "'messages' must hold at least one message",
            Some("messages"),
        ));
    }
    for (i, m) in messages.iter().enumerate() {
        if !matches!(
            m.get("role").and_then(Value::as_str),
            Some("user" | "assistant")
        ) {
            return Err(ApiError::bad_request(
                format!("'messages.{i}.role' must be \"user\" or \"assistant\""),
                Some(&format!("messages.{i}.role")),
            ));
        }
        if !matches!(m.get("content"), Some(Value::String(_) | Value::Array(_))) {
            return Err(ApiError::bad_request(
                format!("'messages.{i}.content' must be a string or a list of content blocks"),
                Some(&format!("messages.{i}.content")),
            ));
        }
    }
    if let Some(s) = body.get("stream")
        && !s.is_boolean()
        && !s.is_null()
    {
        return Err(ApiError::bad_request(
            "'stream' must be a boolean",
            Some("stream"),
        ));
    }
    Ok(())
}

fn message_id() -> String {
    format!("msg_{}", uuid::Uuid::new_v4().simple())
}

pub async fn create(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let body = read_json(body).await?;
    let client_model = model_name(&body)?;
    note.model(&client_model);
    let model_id = resolve_model(&state, &client_model)?;
    if is_claude(&model_id) {
        claude(&state, &note, &headers, body, client_model, model_id).await
    } else {
        converse(&state, &note, body, client_model, model_id).await
    }
}

async fn claude(
    state: &Shared,
    note: &Note,
    headers: &HeaderMap,
    body: Value,
    client_model: String,
    model_id: String,
) -> Result<Response, ApiError> {
    check_claude_body(&body, false)?;
    let stream = body.get("stream").and_then(Value::as_bool) == Some(true);
    let native =
        anthropic_api::claude_invoke_body(&body, &betas(headers)).map_err(ApiError::from_core)?;
    let op = if stream {
        "invoke-with-response-stream"
    } else {
        "invoke"
    };
    let accept = if stream {
        "x-amzn-bedrock-accept"
    } else {
        "accept"
    };
    let api = ApiRequest::post_json(
        Service::Runtime,
        format!("/model/{}/{op}", path_segment(&model_id)),
        &Value::Object(native),
    )
    .header(accept, "application/json");
    let resp = super::error::send(&state.client, &api).await?;
    if !stream || !resp.is_event_stream() {
        let mut v = resp.json().await?;
        if let Some(o) = v.as_object_mut() {
            o.remove("amazon-bedrock-invocationMetrics");
            o.insert("model".into(), json!(client_model));
        }
        let u = |k: &str| v.pointer(&format!("/usage/{k}")).and_then(Value::as_u64);
        note.tokens(
            u("input_tokens").unwrap_or(0),
            u("output_tokens").unwrap_or(0),
        );
        return Ok(axum::Json(v).into_response());
    }
    let relay = Relay {
        events: resp.events(),
        model: client_model,
        note: note.clone(),
        input: 0,
        output: 0,
        done: false,
    };
    note.streaming(false);
    Ok(sse(futures_util::stream::unfold(
        relay,
        |mut r| async move {
            r.next()
                .await
                .map(|b| (Ok::<_, std::convert::Infallible>(b), r))
        },
    )))
}

fn event(name: &str, data: &Value) -> Bytes {
    Bytes::from(format!("event: {name}\ndata: {data}\n\n"))
}

fn error_event(e: &ApiError) -> Bytes {
    let doc = anthropic_api::error_json(anthropic_api::error_type(e.status.as_u16()), &e.message);
    event("error", &doc)
}

/// Relays InvokeModelWithResponseStream's chunks, each one Anthropic stream event, as
/// server-sent events.
struct Relay {
    events: EventStream,
    model: String,
    note: Note,
    input: u64,
    output: u64,
    done: bool,
}

impl Relay {
    async fn next(&mut self) -> Option<Bytes> {
        if self.done {
            return None;
        }
        loop {
            let ev = match self.events.next().await {
                Ok(Some(ev)) => ev,
                Ok(None) => {
                    self.done = true;
                    self.note.tokens(self.input, self.output);
                    self.note.streaming(true);
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(error_event(&e.into()));
                }
            };
            if ev.event_type != "chunk" {
                continue;
            }
            let chunk = serde_json::from_slice::<Value>(&ev.payload)
                .ok()
                .and_then(|v| v.get("bytes").and_then(Value::as_str).map(str::to_string))
                .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                .and_then(|b| serde_json::from_slice::<Value>(&b).ok());
            let Some(mut chunk) = chunk else {
                self.done = true;
                return Some(error_event(&ApiError::new(
                    http::StatusCode::BAD_GATEWAY,
                    "Bedrock sent a stream chunk that is not Anthropic event JSON",
                    "api_error",
                    None,
                    None,
                )));
            };
            if let Some(o) = chunk.as_object_mut() {
                o.remove("amazon-bedrock-invocationMetrics");
            }
            let name = chunk
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or("message")
                .to_string();
            let mut out = Vec::new();
            match name.as_str() {
                "message_start" => {
                    if let Some(m) = chunk.get_mut("message").and_then(Value::as_object_mut) {
                        m.insert("model".into(), json!(self.model));
                    }
                    let u = |k: &str| {
                        chunk
                            .pointer(&format!("/message/usage/{k}"))
                            .and_then(Value::as_u64)
                    };
                    self.input = u("input_tokens").unwrap_or(0);
                    self.output = u("output_tokens").unwrap_or(0);
                    out.extend_from_slice(&event(&name, &chunk));
                    // Anthropic's API sends a ping after message_start; clients expect it.
                    out.extend_from_slice(&event("ping", &json!({"type": "ping"})));
                }
                "message_delta" => {
                    if let Some(o) = chunk
                        .pointer("/usage/output_tokens")
                        .and_then(Value::as_u64)
                    {
                        self.output = o;
                    }
                    out.extend_from_slice(&event(&name, &chunk));
                }
                _ => out.extend_from_slice(&event(&name, &chunk)),
            }
            return Some(Bytes::from(out));
        }
    }
}

async fn converse(
    state: &Shared,
    note: &Note,
    body: Value,
    client_model: String,
    model_id: String,
) -> Result<Response, ApiError> {
    let parsed = anthropic_api::parse_request(&body).map_err(ApiError::from_core)?;
    let mut req = parsed.request;
    req.model_id = model_id;
    req.validate().map_err(ApiError::from_core)?;
    let stream = parsed.stream;
    let (plan, api) = super::chat::plan_upstream(&req, stream)?;
    // Reasoning a model writes inline in <think> tags becomes thinking blocks, as on
    // /v1/chat/completions it becomes reasoning_content.
    let think = plan
        .inline_think
        .then(|| InlineThinkSplitter::new(DEFAULT_TAGS));
    let id = message_id();
    let decoder = plan.decoder;
    let resp = super::error::send(&state.client, &api).await?;
    if !resp.is_event_stream() {
        let answer = crate::engine::read_whole(resp, &decoder, think.is_some())
            .await?
            .map_err(upstream_shape)?;
        note.tokens(answer.usage.input, answer.usage.output);
        let doc = anthropic_api::message_json(&answer, &client_model, &id);
        if !stream {
            return Ok(axum::Json(doc).into_response());
        }
        // Asked to stream, answered whole: the same answer as events.
        let mut enc = EventEncoder::new(id, client_model);
        let mut out = Vec::new();
        for (i, part) in answer.message.content.iter().enumerate() {
            let index = i as u32;
            let evs: Vec<StreamEvent> = match part {
                brock_core::Part::Text { text } => vec![StreamEvent::TextDelta {
                    index,
                    text: text.clone(),
                }],
                brock_core::Part::Reasoning { text, signature } => {
                    let mut v = vec![StreamEvent::ReasoningDelta {
                        index,
                        text: text.clone(),
                    }];
                    if let Some(s) = signature {
                        v.push(StreamEvent::ReasoningSignature {
                            index,
                            signature: s.clone(),
                        });
                    }
                    v
                }
                brock_core::Part::ToolUse {
                    id, name, input, ..
                } => vec![
                    StreamEvent::ToolUseStart {
                        index,
                        id: id.clone(),
                        name: name.clone(),
                        kind: None,
                    },
                    StreamEvent::ToolUseDelta {
                        index,
                        input_json_fragment: input.to_string(),
                    },
                ],
                _ => Vec::new(),
            };
            for e in evs.iter().chain([&StreamEvent::BlockStop { index }]) {
                out.extend(enc.push(e));
            }
        }
        out.extend(enc.push(&StreamEvent::MessageStop {
            stop_reason: answer.stop_reason.clone(),
            additional_fields: None,
        }));
        out.extend(enc.push(&StreamEvent::Metadata {
            usage: answer.usage,
            latency_ms: None,
            trace: None,
        }));
        out.extend(enc.finish());
        let frames: Vec<Result<Bytes, std::convert::Infallible>> =
            out.iter().map(|(n, v)| Ok(event(n, v))).collect();
        return Ok(sse(futures_util::stream::iter(frames)));
    }
    let pump = Pump {
        events: resp.events(),
        decoder,
        think,
        encoder: EventEncoder::new(id, client_model),
        note: note.clone(),
        pending: std::collections::VecDeque::new(),
        done: false,
        pinged: false,
    };
    note.streaming(false);
    Ok(sse(futures_util::stream::unfold(
        pump,
        |mut p| async move {
            p.next()
                .await
                .map(|b| (Ok::<_, std::convert::Infallible>(b), p))
        },
    )))
}

/// ConverseStream → Messages events.
struct Pump {
    events: EventStream,
    decoder: Decoder,
    think: Option<InlineThinkSplitter>,
    encoder: EventEncoder,
    note: Note,
    pending: std::collections::VecDeque<Bytes>,
    done: bool,
    pinged: bool,
}

impl Pump {
    fn queue(&mut self, evs: Vec<(&'static str, Value)>) {
        for (name, v) in evs {
            self.pending.push_back(event(name, &v));
            if name == "message_start" && !self.pinged {
                self.pinged = true;
                self.pending
                    .push_back(event("ping", &json!({"type": "ping"})));
            }
        }
    }

    async fn next(&mut self) -> Option<Bytes> {
        loop {
            if let Some(b) = self.pending.pop_front() {
                return Some(b);
            }
            if self.done {
                return None;
            }
            match self.events.next().await {
                Ok(Some(ev)) => match self.decoder.decode_event(&ev.event_type, &ev.payload) {
                    Ok(evs) => {
                        let evs: Vec<StreamEvent> = match self.think.as_mut() {
                            Some(t) => evs.into_iter().flat_map(|e| t.push(e)).collect(),
                            None => evs,
                        };
                        for e in evs {
                            let out = self.encoder.push(&e);
                            self.queue(out);
                        }
                    }
                    Err(e) => {
                        self.done = true;
                        self.pending.push_back(error_event(&upstream_shape(e)));
                    }
                },
                Ok(None) => {
                    self.done = true;
                    let rest = self.think.as_mut().map(|t| t.finish()).unwrap_or_default();
                    for e in rest {
                        let out = self.encoder.push(&e);
                        self.queue(out);
                    }
                    let out = self.encoder.finish();
                    self.queue(out);
                    let u = self.encoder.usage();
                    self.note.tokens(u.input, u.output);
                    self.note.streaming(true);
                }
                Err(e) => {
                    self.done = true;
                    self.pending.push_back(error_event(&e.into()));
                }
            }
        }
    }
}

/// `POST /v1/messages/count_tokens` → Bedrock CountTokens, `{"input_tokens": N}`. Claude
/// bodies are counted as InvokeModel bodies (`max_tokens` is not part of a count request,
/// so one is supplied), others as Converse input.
pub async fn count_tokens(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let mut body = read_json(body).await?;
    let client_model = model_name(&body)?;
    note.model(&client_model);
    let model_id = resolve_model(&state, &client_model)?;
    // CountTokens takes a foundation model id, not an inference profile (recorded:
    // test_bedrock_inference_profile_count_tokens.yaml).
    let base = ModelRef::parse(&model_id)
        .ok()
        .and_then(|m| m.base_model_id().map(str::to_string))
        .unwrap_or_else(|| model_id.clone());
    let count_body = if is_claude(&model_id) {
        check_claude_body(&body, true)?;
        if let Some(o) = body.as_object_mut()
            && !o.contains_key("max_tokens")
        {
            o.insert("max_tokens".into(), json!(1));
        }
        let native = anthropic_api::claude_invoke_body(&body, &betas(&headers))
            .map_err(ApiError::from_core)?;
        let raw = serde_json::to_vec(&Value::Object(native)).unwrap_or_default();
        json!({"input": {"invokeModel": {
            "body": base64::engine::general_purpose::STANDARD.encode(raw)}}})
    } else {
        if let Some(o) = body.as_object_mut() {
            o.entry("max_tokens").or_insert(json!(1));
        }
        let parsed = anthropic_api::parse_request(&body).map_err(ApiError::from_core)?;
        let mut req = parsed.request;
        req.model_id = model_id;
        req.validate().map_err(ApiError::from_core)?;
        brock_core::to_count_tokens(&req).map_err(ApiError::from_core)?
    };
    let api = ApiRequest::post_json(
        Service::Runtime,
        format!("/model/{}/count-tokens", path_segment(&base)),
        &count_body,
    );
    let answer = super::error::send(&state.client, &api)
        .await?
        .json()
        .await?;
    let n = answer
        .get("inputTokens")
        .and_then(Value::as_u64)
        .ok_or_else(|| {
            ApiError::new(
                http::StatusCode::BAD_GATEWAY,
                format!("the CountTokens answer has no inputTokens: {answer}"),
                "api_error",
                None,
                None,
            )
        })?;
    note.tokens(n, 0);
    Ok(axum::Json(json!({"input_tokens": n})).into_response())
}

fn is_messages_path(path: &str) -> bool {
    let p = path.strip_prefix("/api").unwrap_or(path);
    p == "/v1/messages" || p.starts_with("/v1/messages/")
}

/// On `/v1/messages*`: error answers in Anthropic's shape, whoever made them (the handlers,
/// the key check, a key store's limits, the router's 404), and a `request-id` header on
/// every answer, as Anthropic's API sends.
pub async fn anthropic_errors(req: Request, next: Next) -> Response {
    if !is_messages_path(req.uri().path()) {
        return next.run(req).await;
    }
    let resp = next.run(req).await;
    let (mut parts, body) = resp.into_parts();
    let rid = format!("req_{}", uuid::Uuid::new_v4().simple());
    if let Ok(v) = http::HeaderValue::from_str(&rid) {
        parts.headers.insert("request-id", v);
    }
    let status = parts.status;
    if status.is_success() {
        return Response::from_parts(parts, body);
    }
    let Ok(bytes) = axum::body::to_bytes(body, 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let doc: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    // Already Anthropic's shape: as it is.
    if doc.get("type").and_then(Value::as_str) == Some("error") {
        return Response::from_parts(parts, Body::from(bytes));
    }
    let message = doc
        .pointer("/error/message")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_string()
        });
    let mut out = anthropic_api::error_json(anthropic_api::error_type(status.as_u16()), &message);
    if let Some(o) = out.as_object_mut() {
        o.insert("request_id".into(), json!(rid));
    }
    let body = serde_json::to_vec(&out).unwrap_or_default();
    parts.headers.remove(http::header::CONTENT_LENGTH);
    parts.headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body))
}

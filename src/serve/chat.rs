//! `POST /v1/chat/completions`: brock-core's OpenAI parser → a route plan → the transport →
//! brock-core's decoders → `chat.completion` or `chat.completion.chunk` server-sent events.

use std::sync::Arc;

use axum::Extension;
use axum::body::Body;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use brock_bedrock::{ApiRequest, EventStream, path_segment};
use brock_core::converse::{StructuredOutput, take_structured_answer};
use brock_core::openai::{ChunkEncoder, chat_completion, parse_request};
use brock_core::route::{self, Decoder, Route, RouteChoice};
use brock_core::stream::{Accumulator, StreamEvent};
use brock_core::think::{DEFAULT_TAGS, InlineThinkSplitter};
use bytes::Bytes;
use serde_json::{Value, json};

use super::error::{ApiError, read_json};
use super::log::Note;
use super::{Shared, resolve_model, unix_now};

pub async fn completions(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    body: Body,
) -> Result<Response, ApiError> {
    let mut body = read_json(body).await?;
    inline_image_urls(&mut body, &state).await?;
    let parsed = parse_request(&body).map_err(ApiError::from_core)?;
    let client_model = parsed.model.clone();
    note.model(&client_model);
    let mut req = parsed.request;
    req.model_id = resolve_model(&state, &client_model)?;
    if req.conversation.messages.is_empty() {
        return Err(ApiError::bad_request(
            "'messages' must hold at least one user message",
            Some("messages"),
        ));
    }
    req.validate().map_err(ApiError::from_core)?;
    let stream = parsed.stream;
    let (plan, api) = plan_upstream(&req, stream)?;
    let id = format!("chatcmpl-{}", uuid::Uuid::new_v4().simple());
    let created = unix_now();
    let think = plan
        .inline_think
        .then(|| InlineThinkSplitter::new(DEFAULT_TAGS));
    let structured = plan.structured.clone();
    let decoder = plan.decoder;

    let resp = super::error::send(&state.client, &api).await?;
    let whole = crate::engine::answer_is_whole(&resp, stream);
    if whole {
        let mut parsed = crate::engine::read_whole(resp, &decoder, think.is_some())
            .await?
            .map_err(upstream_shape)?;
        if let Some(mode) = &structured {
            take_structured_answer(&mut parsed, mode).map_err(upstream_shape)?;
        }
        note.tokens(parsed.usage.input, parsed.usage.output);
        note.cache_tokens(parsed.usage.cache_read, parsed.usage.cache_write);
        let doc = chat_completion(&parsed, &client_model, &id, created);
        if stream {
            // Asked to stream, answered whole (a proxy may): one chunk per piece is not
            // needed; the whole answer goes out as a single completion chunk.
            let chunks = whole_as_chunks(&parsed, &client_model, &id, created);
            return Ok(sse(futures_util::stream::iter(
                chunks
                    .into_iter()
                    .map(|c| Ok::<_, std::convert::Infallible>(sse_frame(&c)))
                    .chain(std::iter::once(Ok(Bytes::from_static(b"data: [DONE]\n\n")))),
            )));
        }
        return Ok(axum::Json(doc).into_response());
    }

    let mut encoder = ChunkEncoder::new(id, client_model, created);
    if let Some(StructuredOutput::Tool { name }) = &structured {
        encoder = encoder.with_json_tool(name.clone());
    }
    let pump = Pump {
        events: resp.events(),
        decoder,
        think,
        encoder,
        include_usage: parsed.include_usage,
        acc: Accumulator::new(),
        note: note.clone(),
        state: PumpState::Running,
        pending: std::collections::VecDeque::new(),
    };
    note.streaming(false);
    // Dropping the body (the client went away) drops the pump and with it the upstream
    // response: the connection to Bedrock is closed and the model stops generating.
    let body = futures_util::stream::unfold(pump, |mut p| async move {
        p.next()
            .await
            .map(|b| (Ok::<_, std::convert::Infallible>(b), p))
    });
    Ok(sse(body))
}

/// A whole answer as the chunks a stream of it would have given.
fn whole_as_chunks(
    resp: &brock_core::ChatResponse,
    model: &str,
    id: &str,
    created: u64,
) -> Vec<Value> {
    let doc = chat_completion(resp, model, id, created);
    let choice = &doc["choices"][0];
    let mut delta = choice["message"].clone();
    if let Some(o) = delta.as_object_mut() {
        o.retain(|_, v| !v.is_null());
    }
    vec![
        json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{ "index": 0, "delta": delta, "finish_reason": Value::Null }],
        }),
        json!({
            "id": id, "object": "chat.completion.chunk", "created": created, "model": model,
            "choices": [{ "index": 0, "delta": {}, "finish_reason": choice["finish_reason"] }],
        }),
    ]
}

/// An answer from Bedrock that brock-core cannot read.
pub(super) fn upstream_shape(e: brock_core::Error) -> ApiError {
    super::metrics::upstream_error_kind("protocol");
    ApiError::new(
        http::StatusCode::BAD_GATEWAY,
        e.to_string(),
        "api_error",
        None,
        None,
    )
}

/// The route plan for a chat-shaped request and the upstream request it sends (the CLI's
/// own request builder); converse_like models, which go to a proxy, are refused.
pub(super) fn plan_upstream(
    req: &brock_core::request::ChatRequest,
    stream: bool,
) -> Result<(route::Plan, ApiRequest), ApiError> {
    let plan = route::plan(req, RouteChoice::Auto, stream).map_err(ApiError::from_core)?;
    if plan.route == Route::ConverseLike {
        return Err(ApiError::bad_request(
            "converse_like/ models go to a proxy, not to Bedrock: the gateway does not forward them",
            Some("model"),
        ));
    }
    let api = crate::engine::plan_request(&plan, plan.path(path_segment));
    Ok((plan, api))
}

/// A server-sent event stream response.
pub(super) fn sse<S>(stream: S) -> Response
where
    S: futures_util::Stream<Item = Result<Bytes, std::convert::Infallible>> + Send + 'static,
{
    Response::builder()
        .header(http::header::CONTENT_TYPE, "text/event-stream")
        .header(http::header::CACHE_CONTROL, "no-cache")
        .body(Body::from_stream(stream))
        .unwrap_or_else(|_| http::StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

fn sse_frame(v: &Value) -> Bytes {
    Bytes::from(format!("data: {v}\n\n"))
}

#[derive(PartialEq)]
enum PumpState {
    Running,
    /// The closing chunks and `[DONE]` are queued.
    Closing,
    Done,
}

/// Reads the upstream event stream and hands out SSE frames.
struct Pump {
    events: EventStream,
    decoder: Decoder,
    think: Option<InlineThinkSplitter>,
    encoder: ChunkEncoder,
    include_usage: bool,
    acc: Accumulator,
    note: Note,
    state: PumpState,
    pending: std::collections::VecDeque<Bytes>,
}

impl Pump {
    async fn next(&mut self) -> Option<Bytes> {
        loop {
            if let Some(b) = self.pending.pop_front() {
                return Some(b);
            }
            match self.state {
                PumpState::Done => return None,
                PumpState::Closing => {
                    self.state = PumpState::Done;
                    let acc = std::mem::take(&mut self.acc);
                    let u = acc.snapshot().usage;
                    self.note.tokens(u.input, u.output);
                    self.note.cache_tokens(u.cache_read, u.cache_write);
                    self.note.streaming(true);
                    return Some(Bytes::from_static(b"data: [DONE]\n\n"));
                }
                PumpState::Running => {}
            }
            let decoded = match self.events.next().await {
                Ok(Some(ev)) => match self.decoder.decode_event(&ev.event_type, &ev.payload) {
                    Ok(d) => d,
                    Err(e) => {
                        self.fail(upstream_shape(e));
                        continue;
                    }
                },
                Ok(None) => {
                    let mut out = Vec::new();
                    if let Some(t) = self.think.as_mut() {
                        out.extend(t.finish());
                    }
                    self.emit(out);
                    let closing = self.encoder.finish();
                    self.queue(closing);
                    self.state = PumpState::Closing;
                    continue;
                }
                Err(e) => {
                    self.fail(e.into());
                    continue;
                }
            };
            let out = match self.think.as_mut() {
                Some(t) => decoded.into_iter().flat_map(|e| t.push(e)).collect(),
                None => decoded,
            };
            self.emit(out);
        }
    }

    fn emit(&mut self, events: Vec<StreamEvent>) {
        for ev in events {
            self.acc.push(&ev);
            let chunks = self.encoder.push(&ev);
            self.queue(chunks);
        }
    }

    /// OpenAI puts usage, when asked for with `stream_options.include_usage`, in one last
    /// chunk with no choices; the encoder puts it on the finishing chunk.
    fn queue(&mut self, chunks: Vec<Value>) {
        for mut c in chunks {
            let usage = c.as_object_mut().and_then(|o| o.remove("usage"));
            self.pending.push_back(sse_frame(&c));
            if let (true, Some(u)) = (self.include_usage, usage) {
                let mut last = c.clone();
                last["choices"] = json!([]);
                last["usage"] = u;
                self.pending.push_back(sse_frame(&last));
            }
        }
    }

    /// A stream that broke midway: the client gets an error event in OpenAI's shape (the
    /// status line went out long ago), then the end of the stream.
    fn fail(&mut self, e: ApiError) {
        self.pending
            .push_back(Bytes::from(format!("data: {}\n\n", e.json())));
        self.state = PumpState::Done;
    }
}

/// `image_url` parts given as http(s) URLs are fetched by the gateway and sent inline, as the
/// OpenAI API fetches them; loopback, private and link-local addresses are refused unless
/// `fetch.allow_private_addresses` is set.
async fn inline_image_urls(body: &mut Value, state: &Arc<super::State>) -> Result<(), ApiError> {
    use base64::Engine;
    let limits = crate::fetch::Limits {
        allow_private: state.settings.fetch_allow_private,
        ..Default::default()
    };
    let Some(messages) = body.get_mut("messages").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for (i, m) in messages.iter_mut().enumerate() {
        let Some(parts) = m.get_mut("content").and_then(Value::as_array_mut) else {
            continue;
        };
        for (j, p) in parts.iter_mut().enumerate() {
            if p.get("type").and_then(Value::as_str) != Some("image_url") {
                continue;
            }
            let slot = match p.get_mut("image_url") {
                Some(Value::Object(o)) => o.get_mut("url"),
                Some(s @ Value::String(_)) => Some(s),
                _ => None,
            };
            let Some(slot) = slot else { continue };
            let Some(url) = slot.as_str().filter(|u| u.starts_with("http")) else {
                continue;
            };
            let param = format!("messages[{i}].content[{j}].image_url");
            let fetched = crate::fetch::fetch(url, &limits, |m| m.starts_with("image/"))
                .await
                .map_err(|e| ApiError::bad_request(e.to_string(), Some(&param)))?;
            let b64 = base64::engine::general_purpose::STANDARD.encode(&fetched.bytes);
            *slot = Value::String(format!("data:{};base64,{b64}", fetched.mime));
        }
    }
    Ok(())
}

//! `POST /v1/responses` (the OpenAI Responses API), `GET` and `DELETE /v1/responses/{id}`:
//! brock-core's Responses parser → a route plan → the transport → brock-core's decoders → a
//! `response` object or the Responses stream events.
//!
//! Responses made with `store` (OpenAI's default) are kept in memory for
//! `previous_response_id` and `GET`: at most [`STORE_ENTRIES`] responses and [`STORE_BYTES`]
//! in all, each for [`STORE_TTL`], oldest dropped first; nothing survives a restart.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use brock_bedrock::EventStream;
use brock_core::converse::{StructuredOutput, take_structured_answer};
use brock_core::openai::responses::{
    Head, ResponsesEncoder, events_for_response, output_items, parse_request, response_object,
};
use brock_core::route::Decoder;
use brock_core::stream::{Accumulator, StreamEvent};
use brock_core::think::{DEFAULT_TAGS, InlineThinkSplitter};
use brock_core::{ChatResponse, Conversation};
use bytes::Bytes;
use http::StatusCode;
use serde_json::Value;

use super::chat::{sse, upstream_shape};
use super::error::{ApiError, read_json};
use super::log::Note;
use super::{Shared, resolve_model, unix_now};

const STORE_TTL: Duration = Duration::from_secs(60 * 60);
const STORE_ENTRIES: usize = 1000;
const STORE_BYTES: usize = 256 * 1024 * 1024;

struct Entry {
    at: Instant,
    size: usize,
    /// The virtual key that made it (None: a static key or an open gateway). Only the same
    /// caller may read, continue or delete it: ids show up in request logs.
    owner: Option<String>,
    response: Value,
    /// The turns the response continued from, its input and its output: what a request
    /// naming it as `previous_response_id` continues.
    conversation: Conversation,
}

/// Responses kept for `previous_response_id` and `GET /v1/responses/{id}`.
pub struct Store {
    ttl: Duration,
    max_entries: usize,
    max_bytes: usize,
    inner: Mutex<Kept>,
}

/// The entries, their ids oldest first, and their sizes added up.
#[derive(Default)]
struct Kept {
    map: HashMap<String, Entry>,
    order: VecDeque<String>,
    bytes: usize,
}

impl Default for Store {
    fn default() -> Self {
        Store::with_limits(STORE_TTL, STORE_ENTRIES, STORE_BYTES)
    }
}

impl Store {
    fn with_limits(ttl: Duration, max_entries: usize, max_bytes: usize) -> Self {
        Store {
            ttl,
            max_entries,
            max_bytes,
            inner: Mutex::new(Kept::default()),
        }
    }

    /// Keeps a response, first dropping the expired ones and then the oldest until it fits. A
    /// response larger than the whole store is not kept.
    fn insert(
        &self,
        id: String,
        owner: Option<String>,
        response: Value,
        conversation: Conversation,
    ) {
        let size = response.to_string().len()
            + serde_json::to_vec(&conversation)
                .map(|v| v.len())
                .unwrap_or(0);
        if size > self.max_bytes {
            return;
        }
        let Ok(mut kept) = self.inner.lock() else {
            return;
        };
        let Kept { map, order, bytes } = &mut *kept;
        while let Some(oldest) = order.front() {
            let expired = map.get(oldest).is_none_or(|e| e.at.elapsed() >= self.ttl);
            if !expired && map.len() < self.max_entries && *bytes + size <= self.max_bytes {
                break;
            }
            if let Some(e) = order.pop_front().and_then(|k| map.remove(&k)) {
                *bytes -= e.size;
            }
        }
        *bytes += size;
        order.push_back(id.clone());
        map.insert(
            id,
            Entry {
                at: Instant::now(),
                size,
                owner,
                response,
                conversation,
            },
        );
    }

    /// A kept response of `owner`'s; another caller's is as good as absent.
    fn get(&self, id: &str, owner: Option<&str>) -> Option<(Value, Conversation)> {
        let kept = self.inner.lock().ok()?;
        kept.map
            .get(id)
            .filter(|e| e.at.elapsed() < self.ttl && e.owner.as_deref() == owner)
            .map(|e| (e.response.clone(), e.conversation.clone()))
    }

    /// Forgets one of `owner`'s responses; false when it kept none (or it had expired).
    fn remove(&self, id: &str, owner: Option<&str>) -> bool {
        let Ok(mut kept) = self.inner.lock() else {
            return false;
        };
        let Kept { map, order, bytes } = &mut *kept;
        if map.get(id).is_none_or(|e| e.owner.as_deref() != owner) {
            return false;
        }
        let Some(e) = map.remove(id) else {
            return false;
        };
        *bytes -= e.size;
        order.retain(|k| k != id);
        e.at.elapsed() < self.ttl
    }
}

fn not_stored(id: &str, param: Option<&str>) -> ApiError {
    ApiError::new(
        if param.is_some() {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::NOT_FOUND
        },
        format!(
            "No response found with id '{id}': the gateway keeps stored responses in memory for {} minutes (and not across restarts)",
            STORE_TTL.as_secs() / 60
        ),
        "invalid_request_error",
        param,
        param.map(|_| "previous_response_not_found"),
    )
}

pub async fn get(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    match state.responses.get(&id, note.key_id().as_deref()) {
        Some((r, _)) => Ok(axum::Json(r).into_response()),
        None => Err(not_stored(&id, None)),
    }
}

/// `DELETE /v1/responses/{id}`: the response is forgotten, and with it the conversation a
/// later `previous_response_id` would have continued. OpenAI answers `{id, object, deleted}`.
pub async fn delete(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if state.responses.remove(&id, note.key_id().as_deref()) {
        Ok(
            axum::Json(serde_json::json!({ "id": id, "object": "response", "deleted": true }))
                .into_response(),
        )
    } else {
        Err(not_stored(&id, None))
    }
}

pub async fn create(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    body: Body,
) -> Result<Response, ApiError> {
    let mut body = read_json(body).await?;
    inline_image_urls(&mut body, &state).await?;
    let mut parsed = parse_request(&body).map_err(ApiError::from_core)?;
    let client_model = parsed.model.clone();
    note.model(&client_model);
    let model_id = resolve_model(&state, &client_model)?;
    if let Some(prev) = &parsed.previous_response_id {
        let (_, conv) = state
            .responses
            .get(prev, note.key_id().as_deref())
            .ok_or_else(|| not_stored(prev, Some("previous_response_id")))?;
        parsed.continue_from(&conv);
    }
    let mut req = parsed.chat_request();
    req.model_id = model_id;
    if req.conversation.messages.is_empty() {
        return Err(ApiError::bad_request(
            "'input' must hold at least one user message",
            Some("input"),
        ));
    }
    req.validate().map_err(ApiError::from_core)?;
    let stream = parsed.stream;
    let (plan, api) = super::chat::plan_upstream(&req, stream)?;
    let head = Head {
        id: format!("resp_{}", uuid::Uuid::new_v4().simple()),
        created_at: unix_now(),
        model: client_model,
        previous_response_id: parsed.previous_response_id.clone(),
        echo: parsed.echo.clone(),
    };
    let saved = Saved {
        store: parsed.store.then(|| state.clone()),
        // What a later request continues from: the input (and what it continued), without
        // `instructions`, which OpenAI does not carry over.
        history: parsed.request.conversation,
        structured: plan.structured.clone(),
        owner: note.key_id(),
    };
    let think = plan
        .inline_think
        .then(|| InlineThinkSplitter::new(DEFAULT_TAGS));
    let json_tool = match &plan.structured {
        Some(StructuredOutput::Tool { name }) => Some(name.clone()),
        _ => None,
    };
    let structured = plan.structured.clone();
    let decoder = plan.decoder;

    let resp = super::error::send(&state.client, &api).await?;
    let whole = crate::engine::answer_is_whole(&resp, stream);
    let mut encoder = ResponsesEncoder::new(head.clone());
    if let Some(name) = json_tool {
        encoder = encoder.with_json_tool(name);
    }
    if whole {
        let mut answer = crate::engine::read_whole(resp, &decoder, think.is_some())
            .await?
            .map_err(upstream_shape)?;
        note.tokens(answer.usage.input, answer.usage.output);
        if stream {
            // Asked to stream, answered whole (a proxy may): the same events, all at once;
            // the answer tool, if any, is still in it and the encoder streams it as text.
            let mut frames = encoder.start();
            for ev in events_for_response(&answer) {
                frames.extend(encoder.push(&ev));
            }
            frames.extend(encoder.finish());
            saved.keep(&head.id, encoder.response(), answer.clone());
            return Ok(sse(futures_util::stream::iter(
                frames
                    .into_iter()
                    .map(|f| Ok::<_, std::convert::Infallible>(sse_frame(&f))),
            )));
        }
        if let Some(mode) = &structured {
            take_structured_answer(&mut answer, mode).map_err(upstream_shape)?;
        }
        let items = output_items(&head, &answer.message.content);
        let doc = response_object(&head, items, Some(&answer.stop_reason), Some(&answer.usage));
        saved.keep(&head.id, doc.clone(), answer);
        return Ok(axum::Json(doc).into_response());
    }

    let mut pending = VecDeque::new();
    pending.extend(encoder.start().iter().map(sse_frame));
    let pump = Pump {
        events: resp.events(),
        decoder,
        think,
        encoder,
        acc: Accumulator::new(),
        note: note.clone(),
        saved,
        id: head.id,
        done: false,
        pending,
    };
    note.streaming(false);
    // Dropping the body (the client went away) drops the pump and with it the upstream
    // response, so the model stops generating.
    let body = futures_util::stream::unfold(pump, |mut p| async move {
        p.next()
            .await
            .map(|b| (Ok::<_, std::convert::Infallible>(b), p))
    });
    Ok(sse(body))
}

/// Where a finished response goes when the request asked to store it.
struct Saved {
    store: Option<Shared>,
    history: Conversation,
    /// The answer tool's call becomes the text it carries, so a continuation sends no call
    /// without a result.
    structured: Option<StructuredOutput>,
    owner: Option<String>,
}

impl Saved {
    fn keep(&self, id: &str, response: Value, mut answer: ChatResponse) {
        if let Some(state) = &self.store {
            if let Some(mode) = &self.structured {
                let _ = take_structured_answer(&mut answer, mode);
            }
            let mut conv = self.history.clone();
            conv.push(answer.message);
            state
                .responses
                .insert(id.to_string(), self.owner.clone(), response, conv);
        }
    }
}

/// One Responses event, named as OpenAI names it (`event:` is its `type`).
fn sse_frame(v: &Value) -> Bytes {
    let ty = v["type"].as_str().unwrap_or("message");
    Bytes::from(format!("event: {ty}\ndata: {v}\n\n"))
}

/// Reads the upstream event stream and hands out SSE frames.
struct Pump {
    events: EventStream,
    decoder: Decoder,
    think: Option<InlineThinkSplitter>,
    encoder: ResponsesEncoder,
    acc: Accumulator,
    note: Note,
    saved: Saved,
    id: String,
    done: bool,
    pending: VecDeque<Bytes>,
}

impl Pump {
    async fn next(&mut self) -> Option<Bytes> {
        loop {
            if let Some(b) = self.pending.pop_front() {
                return Some(b);
            }
            if self.done {
                return None;
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
                    if let Some(t) = self.think.as_mut() {
                        let rest = t.finish();
                        self.emit(rest);
                    }
                    let closing = self.encoder.finish();
                    self.queue(&closing);
                    let acc = std::mem::take(&mut self.acc);
                    let snap = acc.snapshot();
                    self.note.tokens(snap.usage.input, snap.usage.output);
                    self.note.streaming(true);
                    self.saved.keep(&self.id, self.encoder.response(), snap);
                    self.done = true;
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
            let frames = self.encoder.push(&ev);
            self.queue(&frames);
        }
    }

    fn queue(&mut self, frames: &[Value]) {
        self.pending.extend(frames.iter().map(sse_frame));
    }

    /// A stream that broke midway: `error` and `response.failed` (the status line went out
    /// long ago), then the end of the stream.
    fn fail(&mut self, e: ApiError) {
        let code = e.code.clone().unwrap_or_else(|| e.kind.to_string());
        let frames = self.encoder.fail(&code, &e.message);
        self.queue(&frames);
        self.done = true;
    }
}

/// `input_image` parts given as http(s) URLs are fetched by the gateway and sent inline, as
/// OpenAI fetches them (the same limits as chat's `image_url`).
async fn inline_image_urls(body: &mut Value, state: &Shared) -> Result<(), ApiError> {
    use base64::Engine;
    let limits = crate::fetch::Limits {
        allow_private: state.settings.fetch_allow_private,
        ..Default::default()
    };
    let Some(items) = body.get_mut("input").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for (i, item) in items.iter_mut().enumerate() {
        let Some(parts) = item.get_mut("content").and_then(Value::as_array_mut) else {
            continue;
        };
        for (j, p) in parts.iter_mut().enumerate() {
            if p.get("type").and_then(Value::as_str) != Some("input_image") {
                continue;
            }
            let Some(slot) = p.get_mut("image_url") else {
                continue;
            };
            let Some(url) = slot.as_str().filter(|u| u.starts_with("http")) else {
                continue;
            };
            let param = format!("input[{i}].content[{j}].image_url");
            let fetched = crate::fetch::fetch(url, &limits, |m| m.starts_with("image/"))
                .await
                .map_err(|e| ApiError::bad_request(e.to_string(), Some(&param)))?;
            let b64 = base64::engine::general_purpose::STANDARD.encode(&fetched.bytes);
            *slot = Value::String(format!("data:{};base64,{b64}", fetched.mime));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn conv(text: &str) -> Conversation {
        Conversation::from_prompt(text)
    }

    #[test]
    fn the_store_drops_the_oldest_past_its_count_and_size_limits() {
        let store = Store::with_limits(STORE_TTL, 2, STORE_BYTES);
        for id in ["a", "b", "c"] {
            store.insert(id.into(), None, json!({ "id": id }), conv(id));
        }
        assert!(store.get("a", None).is_none(), "the oldest went first");
        assert_eq!(store.get("b", None).unwrap().0["id"], "b");
        assert_eq!(store.get("c", None).unwrap().1, conv("c"));

        let one =
            json!({ "id": "x" }).to_string().len() + serde_json::to_vec(&conv("x")).unwrap().len();
        let store = Store::with_limits(STORE_TTL, 100, 2 * one);
        for id in ["x", "y", "z"] {
            store.insert(id.into(), None, json!({ "id": id }), conv(id));
        }
        assert!(store.get("x", None).is_none());
        assert!(store.get("y", None).is_some() && store.get("z", None).is_some());
        // Larger than the whole store: not kept, and nothing else dropped for it.
        store.insert(
            "big".into(),
            None,
            json!({ "id": "big", "pad": "p".repeat(3 * one) }),
            conv("big"),
        );
        assert!(store.get("big", None).is_none());
        assert!(store.get("y", None).is_some() && store.get("z", None).is_some());
    }

    #[test]
    fn an_expired_response_is_gone() {
        let store = Store::with_limits(Duration::ZERO, 10, STORE_BYTES);
        store.insert("a".into(), None, json!({}), conv("a"));
        assert!(store.get("a", None).is_none());
        store.insert("b".into(), None, json!({}), conv("b"));
        let kept = store.inner.lock().unwrap();
        assert_eq!(
            kept.order,
            ["b"],
            "the expired one was dropped when the next came"
        );
        assert_eq!(kept.map.len(), 1);
    }

    #[test]
    fn a_response_is_its_callers_only() {
        let store = Store::default();
        store.insert("r".into(), Some("key-a".into()), json!({}), conv("r"));
        assert!(store.get("r", Some("key-b")).is_none());
        assert!(store.get("r", None).is_none(), "nor a static key's");
        assert!(
            !store.remove("r", Some("key-b")),
            "another key cannot delete it"
        );
        assert!(store.get("r", Some("key-a")).is_some());
        assert!(store.remove("r", Some("key-a")));
        assert!(store.get("r", Some("key-a")).is_none());
        assert_eq!(store.inner.lock().unwrap().bytes, 0);
    }
}

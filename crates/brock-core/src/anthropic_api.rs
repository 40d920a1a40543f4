//! The Anthropic Messages API (`POST /v1/messages`) in and out, for models that are not
//! Claude: a Messages request becomes a [`ChatRequest`] (sent through Converse), and answers
//! and stream events become the Messages response and its server-sent events.
//!
//! Claude models take the Messages body almost as it is on InvokeModel (see
//! [`crate::invoke::anthropic`]); this module is the translation for everything else. Shapes:
//! Anthropic's API reference (docs.anthropic.com/en/api/messages,
//! docs.anthropic.com/en/docs/build-with-claude/streaming).

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map, Value, json};

use crate::attach;
use crate::converse::{ChatResponse, StopReason, Usage};
use crate::error::{Error, Result};
use crate::message::{
    Conversation, Message, Part, Role, SystemPart, ToolChoice, ToolResultContent, ToolStatus,
};
use crate::openai::name_for_mime;
use crate::request::{ChatRequest, ReasoningLevel};
use crate::stream::StreamEvent;
use crate::tools::parse_tool;

/// Request fields with no Converse meaning, accepted and not sent: `metadata.user_id` is for
/// Anthropic's abuse detection, `service_tier` picks Anthropic's capacity.
const IGNORED_FIELDS: &[&str] = &["metadata", "service_tier"];

/// A parsed Messages request.
#[derive(Debug, Clone, PartialEq)]
pub struct MessagesRequest {
    /// The `model` field as sent.
    pub model: String,
    pub stream: bool,
    /// `model_id` is `model`; the caller resolves it.
    pub request: ChatRequest,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::invalid(msg)
}

fn cache_ttl(block: &Value) -> Option<Option<String>> {
    let cc = block.get("cache_control")?;
    if cc.is_null() {
        return None;
    }
    Some(cc.get("ttl").and_then(Value::as_str).map(str::to_string))
}

/// The bytes and media type of an `image` or `document` block's base64 `source`.
fn base64_source(block: &Value, path: &str) -> Result<(String, Vec<u8>)> {
    let src = block
        .get("source")
        .ok_or_else(|| bad(format!("'{path}.source' is required")))?;
    let kind = src.get("type").and_then(Value::as_str).unwrap_or_default();
    match kind {
        "base64" => {
            let mime = src
                .get("media_type")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("'{path}.source.media_type' is required")))?;
            let data = src
                .get("data")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("'{path}.source.data' is required")))?;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(data.trim())
                .map_err(|_| bad(format!("'{path}.source.data' is not valid base64")))?;
            Ok((mime.to_string(), bytes))
        }
        "text" => {
            let data = src
                .get("data")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("'{path}.source.data' is required")))?;
            Ok(("text/plain".into(), data.as_bytes().to_vec()))
        }
        other => Err(bad(format!(
            "'{path}.source.type' {other:?} is not supported for this model: send the file inline as base64"
        ))),
    }
}

fn media_part(block: &Value, path: &str, fallback: &str) -> Result<Part> {
    let (mime, bytes) = base64_source(block, path)?;
    let name = match block.get("title").and_then(Value::as_str) {
        Some(t) if !t.trim().is_empty() && fallback == "Document" => name_for_mime(&mime, t.trim()),
        _ => name_for_mime(&mime, fallback),
    };
    attach::attachment_part(&name, bytes).map_err(|e| bad(format!("'{path}': {e}")))
}

fn tool_result_content(v: Option<&Value>, path: &str) -> Result<Vec<ToolResultContent>> {
    match v {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![ToolResultContent::Text { text: s.clone() }]),
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let p = format!("{path}.{i}");
                match item.get("type").and_then(Value::as_str) {
                    Some("text") => out.push(ToolResultContent::Text {
                        text: item
                            .get("text")
                            .and_then(Value::as_str)
                            .ok_or_else(|| bad(format!("'{p}.text' is required")))?
                            .to_string(),
                    }),
                    Some(kind @ ("image" | "document")) => {
                        let fallback = if kind == "image" { "image" } else { "Document" };
                        match media_part(item, &p, fallback)? {
                            Part::Image { format, source } => {
                                out.push(ToolResultContent::Image { format, source })
                            }
                            Part::Document {
                                format,
                                name,
                                source,
                            } => out.push(ToolResultContent::Document {
                                format,
                                name,
                                source,
                            }),
                            _ => return Err(bad(format!("'{p}' is not an image or a document"))),
                        }
                    }
                    other => {
                        return Err(bad(format!(
                            "'{p}.type' {} is not supported in a tool result: text, image or document",
                            other
                                .map(|o| format!("{o:?}"))
                                .unwrap_or("(missing)".into())
                        )));
                    }
                }
            }
            Ok(out)
        }
        Some(_) => Err(bad(format!(
            "'{path}' must be a string or a list of blocks"
        ))),
    }
}

fn content_parts(content: &Value, path: &str) -> Result<Vec<Part>> {
    let items = match content {
        Value::String(s) => return Ok(vec![Part::text(s.clone())]),
        Value::Array(items) => items,
        _ => {
            return Err(bad(format!(
                "'{path}' must be a string or a list of content blocks"
            )));
        }
    };
    let mut out = Vec::new();
    for (i, b) in items.iter().enumerate() {
        let p = format!("{path}.{i}");
        let s = |k: &str| -> Result<String> {
            b.get(k)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| bad(format!("'{p}.{k}' is required (a string)")))
        };
        let ty = b.get("type").and_then(Value::as_str).unwrap_or_default();
        out.push(match ty {
            "text" => Part::text(s("text")?),
            "image" => media_part(b, &p, "image")?,
            "document" => media_part(b, &p, "Document")?,
            "tool_use" => Part::ToolUse {
                id: s("id")?,
                name: s("name")?,
                input: b.get("input").cloned().unwrap_or(json!({})),
                kind: None,
            },
            "tool_result" => Part::ToolResult {
                tool_use_id: s("tool_use_id")?,
                content: tool_result_content(b.get("content"), &format!("{p}.content"))?,
                status: (b.get("is_error").and_then(Value::as_bool) == Some(true))
                    .then_some(ToolStatus::Error),
                kind: None,
            },
            "thinking" => Part::Reasoning {
                text: s("thinking")?,
                signature: b
                    .get("signature")
                    .and_then(Value::as_str)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string),
            },
            "redacted_thinking" => Part::RedactedReasoning { data: s("data")? },
            "" => return Err(bad(format!("'{p}.type' is required"))),
            other => {
                return Err(bad(format!(
                    "'{p}.type' {other:?} is not supported for this model: text, image, document, tool_use, tool_result, thinking or redacted_thinking"
                )));
            }
        });
        if let Some(ttl) = cache_ttl(b) {
            out.push(Part::CachePoint { ttl });
        }
    }
    Ok(out)
}

fn system_parts(v: &Value) -> Result<Vec<SystemPart>> {
    match v {
        Value::String(s) => Ok(vec![SystemPart::Text { text: s.clone() }]),
        Value::Array(items) => {
            let mut out = Vec::new();
            for (i, b) in items.iter().enumerate() {
                if b.get("type").and_then(Value::as_str) != Some("text") {
                    return Err(bad(format!("'system.{i}.type' must be \"text\"")));
                }
                let text = b
                    .get("text")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad(format!("'system.{i}.text' is required")))?;
                out.push(SystemPart::Text {
                    text: text.to_string(),
                });
                if let Some(ttl) = cache_ttl(b) {
                    out.push(SystemPart::CachePoint { ttl });
                }
            }
            Ok(out)
        }
        _ => Err(bad("'system' must be a string or a list of text blocks")),
    }
}

fn tool_choice(v: &Value) -> Result<ToolChoice> {
    match v.get("type").and_then(Value::as_str) {
        Some("auto") => Ok(ToolChoice::Auto),
        Some("any") => Ok(ToolChoice::Any),
        Some("none") => Ok(ToolChoice::None),
        Some("tool") => v
            .get("name")
            .and_then(Value::as_str)
            .map(|n| ToolChoice::Tool(n.to_string()))
            .ok_or_else(|| bad("'tool_choice.name' is required when the type is \"tool\"")),
        _ => Err(bad(
            "'tool_choice.type' must be \"auto\", \"any\", \"tool\" or \"none\"",
        )),
    }
}

fn thinking(v: &Value) -> Result<ReasoningLevel> {
    match v.get("type").and_then(Value::as_str) {
        Some("disabled") => Ok(ReasoningLevel::Off),
        Some("enabled") => {
            let budget = v
                .get("budget_tokens")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    bad("'thinking.budget_tokens' is required (a positive integer) when thinking is enabled")
                })?;
            Ok(ReasoningLevel::Budget(budget))
        }
        // Adaptive thinking lets the model choose; for a model that takes an effort word
        // the middle one is the nearest meaning.
        Some("adaptive") => Ok(ReasoningLevel::Medium),
        _ => Err(bad(
            "'thinking.type' must be \"enabled\", \"disabled\" or \"adaptive\"",
        )),
    }
}

/// Reads a Messages request body. Fields the API defines that Converse cannot carry are
/// refused by name, never dropped.
pub fn parse_request(v: &Value) -> Result<MessagesRequest> {
    let obj = v
        .as_object()
        .ok_or_else(|| bad("the body must be a JSON object"))?;
    let model = match obj.get("model") {
        Some(Value::String(m)) => m.trim().to_string(),
        None | Some(Value::Null) => return Err(bad("'model' is required")),
        Some(_) => return Err(bad("'model' must be a string")),
    };
    let max_tokens = match obj.get("max_tokens") {
        Some(m) => m
            .as_u64()
            .filter(|n| *n >= 1)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| bad("'max_tokens' must be a positive integer"))?,
        None => return Err(bad("'max_tokens' is required")),
    };
    let messages = obj
        .get("messages")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("'messages' is required (a list of messages)"))?;
    if messages.is_empty() {
        return Err(bad("'messages' must hold at least one message"));
    }
    let mut conversation = Conversation::new();
    for (i, m) in messages.iter().enumerate() {
        let role = match m.get("role").and_then(Value::as_str) {
            Some("user") => Role::User,
            Some("assistant") => Role::Assistant,
            _ => {
                return Err(bad(format!(
                    "'messages.{i}.role' must be \"user\" or \"assistant\""
                )));
            }
        };
        let content = content_parts(
            m.get("content").unwrap_or(&Value::Null),
            &format!("messages.{i}.content"),
        )?;
        conversation.messages.push(Message::new(role, content));
    }
    let mut req = ChatRequest::new(model.clone(), conversation);
    req.inference.max_tokens = Some(max_tokens);
    let mut stream = false;
    for (key, val) in obj {
        if val.is_null() {
            continue;
        }
        match key.as_str() {
            "model" | "messages" | "max_tokens" => {}
            "stream" => {
                stream = val
                    .as_bool()
                    .ok_or_else(|| bad("'stream' must be a boolean"))?
            }
            "system" => req.conversation.system = system_parts(val)?,
            "temperature" | "top_p" => {
                let x = val
                    .as_f64()
                    .ok_or_else(|| bad(format!("'{key}' must be a number")))?;
                if key == "temperature" {
                    req.inference.temperature = Some(x);
                } else {
                    req.inference.top_p = Some(x);
                }
            }
            "top_k" => {
                req.top_k = Some(
                    val.as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .ok_or_else(|| bad("'top_k' must be a non-negative integer"))?,
                )
            }
            "stop_sequences" => {
                req.inference.stop = val
                    .as_array()
                    .and_then(|a| {
                        a.iter()
                            .map(|s| s.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| bad("'stop_sequences' must be a list of strings"))?
            }
            "tools" => {
                let tools = val
                    .as_array()
                    .ok_or_else(|| bad("'tools' must be a list"))?;
                for (i, t) in tools.iter().enumerate() {
                    let spec = parse_tool(t).map_err(|e| bad(format!("'tools.{i}': {e}")))?;
                    if spec.builtin.is_some() {
                        return Err(bad(format!(
                            "'tools.{i}': Anthropic's built-in tools run on Claude models only"
                        )));
                    }
                    req.tools.push(spec);
                }
                if let Some(last) = tools.last()
                    && cache_ttl(last).is_some()
                {
                    req.cache = true;
                }
            }
            "tool_choice" => req.tool_choice = Some(tool_choice(val)?),
            "thinking" => req.reasoning = Some(thinking(val)?),
            k if IGNORED_FIELDS.contains(&k) => {}
            k => {
                return Err(bad(format!(
                    "'{k}' is not supported for this model (it is not a Claude model, so the request goes through Converse)"
                )));
            }
        }
    }
    Ok(MessagesRequest {
        model,
        stream,
        request: req,
    })
}

/// The Messages `stop_reason` for a Bedrock stop reason.
pub fn stop_reason(r: &StopReason) -> &'static str {
    match r {
        StopReason::EndTurn | StopReason::Other(_) => "end_turn",
        StopReason::ToolUse => "tool_use",
        StopReason::MaxTokens => "max_tokens",
        StopReason::StopSequence => "stop_sequence",
        StopReason::GuardrailIntervened | StopReason::ContentFiltered => "refusal",
        StopReason::ModelContextWindowExceeded => "model_context_window_exceeded",
    }
}

/// Messages `usage`: `input_tokens` counts the input neither read from nor written to the
/// cache, as Bedrock's does.
pub fn usage_json(u: &Usage) -> Value {
    json!({
        "input_tokens": u.input,
        "output_tokens": u.output,
        "cache_creation_input_tokens": u.cache_write,
        "cache_read_input_tokens": u.cache_read,
    })
}

fn block_json(p: &Part) -> Option<Value> {
    Some(match p {
        Part::Text { text } => json!({"type": "text", "text": text}),
        Part::Reasoning { text, signature } => json!({"type": "thinking", "thinking": text,
            "signature": signature.clone().unwrap_or_default()}),
        Part::RedactedReasoning { data } => json!({"type": "redacted_thinking", "data": data}),
        Part::ToolUse {
            id,
            name,
            input,
            kind,
        } if !crate::message::is_server_tool(kind.as_deref()) => {
            json!({"type": "tool_use", "id": id, "name": name, "input": input})
        }
        _ => return None,
    })
}

/// A whole answer as a Messages response.
pub fn message_json(resp: &ChatResponse, model: &str, id: &str) -> Value {
    let content: Vec<Value> = resp.message.content.iter().filter_map(block_json).collect();
    json!({
        "id": id,
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason(&resp.stop_reason),
        "stop_sequence": Value::Null,
        "usage": usage_json(&resp.usage),
    })
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Open {
    Text,
    Thinking,
    Redacted,
    ToolUse,
    /// A block the Messages API has no event for (a Bedrock-run tool's result): dropped.
    Skipped,
}

/// Turns brock's stream events into Messages server-sent events, `(event name, data)`.
/// Block indices are renumbered from 0 in order of appearance, as the API numbers them.
#[derive(Debug)]
pub struct EventEncoder {
    id: String,
    model: String,
    started: bool,
    next: u32,
    open: BTreeMap<u32, (u32, Open)>,
    stop: Option<StopReason>,
    usage: Usage,
}

impl EventEncoder {
    pub fn new(id: impl Into<String>, model: impl Into<String>) -> Self {
        EventEncoder {
            id: id.into(),
            model: model.into(),
            started: false,
            next: 0,
            open: BTreeMap::new(),
            stop: None,
            usage: Usage::default(),
        }
    }

    /// Usage seen so far (complete after the stream's metadata).
    pub fn usage(&self) -> Usage {
        self.usage
    }

    fn start(&mut self, out: &mut Vec<(&'static str, Value)>) {
        if !self.started {
            self.started = true;
            out.push((
                "message_start",
                json!({"type": "message_start", "message": {
                    "id": self.id, "type": "message", "role": "assistant", "model": self.model,
                    "content": [], "stop_reason": Value::Null, "stop_sequence": Value::Null,
                    "usage": {"input_tokens": 0, "output_tokens": 0}}}),
            ));
        }
    }

    /// The output index of brock block `index`, opening it with `block` the first time.
    fn block(
        &mut self,
        index: u32,
        kind: Open,
        block: impl FnOnce() -> Value,
        out: &mut Vec<(&'static str, Value)>,
    ) -> Option<u32> {
        self.start(out);
        if let Some((n, k)) = self.open.get(&index) {
            return (*k != Open::Skipped).then_some(*n);
        }
        if kind == Open::Skipped {
            self.open.insert(index, (u32::MAX, kind));
            return None;
        }
        let n = self.next;
        self.next += 1;
        self.open.insert(index, (n, kind));
        out.push((
            "content_block_start",
            json!({"type": "content_block_start", "index": n, "content_block": block()}),
        ));
        Some(n)
    }

    fn delta(out: &mut Vec<(&'static str, Value)>, n: u32, delta: Value) {
        out.push((
            "content_block_delta",
            json!({"type": "content_block_delta", "index": n, "delta": delta}),
        ));
    }

    fn close(&mut self, index: u32, out: &mut Vec<(&'static str, Value)>) {
        if let Some((n, k)) = self.open.get_mut(&index)
            && *k != Open::Skipped
        {
            out.push((
                "content_block_stop",
                json!({"type": "content_block_stop", "index": *n}),
            ));
            *k = Open::Skipped;
        }
    }

    pub fn push(&mut self, ev: &StreamEvent) -> Vec<(&'static str, Value)> {
        let mut out = Vec::new();
        match ev {
            StreamEvent::MessageStart => self.start(&mut out),
            StreamEvent::TextDelta { index, text } => {
                if let Some(n) = self.block(
                    *index,
                    Open::Text,
                    || json!({"type": "text", "text": ""}),
                    &mut out,
                ) && !text.is_empty()
                {
                    Self::delta(&mut out, n, json!({"type": "text_delta", "text": text}));
                }
            }
            StreamEvent::ReasoningDelta { index, text } => {
                if let Some(n) = self.block(
                    *index,
                    Open::Thinking,
                    || json!({"type": "thinking", "thinking": "", "signature": ""}),
                    &mut out,
                ) {
                    Self::delta(
                        &mut out,
                        n,
                        json!({"type": "thinking_delta", "thinking": text}),
                    );
                }
            }
            StreamEvent::ReasoningSignature { index, signature } => {
                if let Some(n) = self.block(
                    *index,
                    Open::Thinking,
                    || json!({"type": "thinking", "thinking": "", "signature": ""}),
                    &mut out,
                ) {
                    Self::delta(
                        &mut out,
                        n,
                        json!({"type": "signature_delta", "signature": signature}),
                    );
                }
            }
            StreamEvent::RedactedReasoning { index, data } => {
                self.block(
                    *index,
                    Open::Redacted,
                    || json!({"type": "redacted_thinking", "data": data}),
                    &mut out,
                );
            }
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } => {
                let k = if crate::message::is_server_tool(kind.as_deref()) {
                    Open::Skipped
                } else {
                    Open::ToolUse
                };
                self.block(
                    *index,
                    k,
                    || json!({"type": "tool_use", "id": id, "name": name, "input": {}}),
                    &mut out,
                );
            }
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment,
            } => {
                if let Some((n, Open::ToolUse)) = self.open.get(index).copied() {
                    Self::delta(
                        &mut out,
                        n,
                        json!({"type": "input_json_delta", "partial_json": input_json_fragment}),
                    );
                }
            }
            StreamEvent::ToolResultStart { index, .. } => {
                self.block(*index, Open::Skipped, || Value::Null, &mut out);
            }
            StreamEvent::ToolResultDelta { .. } => {}
            StreamEvent::BlockStop { index } => self.close(*index, &mut out),
            StreamEvent::MessageStop { stop_reason, .. } => {
                self.start(&mut out);
                self.stop = Some(stop_reason.clone());
            }
            StreamEvent::Metadata { usage, .. } => self.usage = *usage,
        }
        out
    }

    /// The closing events: blocks left open, `message_delta` with the stop reason and
    /// usage, `message_stop`.
    pub fn finish(&mut self) -> Vec<(&'static str, Value)> {
        let mut out = Vec::new();
        self.start(&mut out);
        let open: Vec<u32> = self.open.keys().copied().collect();
        for i in open {
            self.close(i, &mut out);
        }
        let stop = self.stop.take().unwrap_or(StopReason::EndTurn);
        let usage = usage_json(&self.usage);
        out.push((
            "message_delta",
            json!({"type": "message_delta",
                "delta": {"stop_reason": stop_reason(&stop), "stop_sequence": Value::Null},
                "usage": usage}),
        ));
        out.push(("message_stop", json!({"type": "message_stop"})));
        out
    }
}

/// The Messages API's error document.
pub fn error_json(kind: &str, message: &str) -> Value {
    json!({"type": "error", "error": {"type": kind, "message": message}})
}

/// The Messages error type for an HTTP status, as Anthropic's API reference lists them.
pub fn error_type(status: u16) -> &'static str {
    match status {
        400 | 405 | 408 | 409 | 422 => "invalid_request_error",
        401 => "authentication_error",
        402 => "billing_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        503 | 529 => "overloaded_error",
        504 => "timeout_error",
        _ if status < 500 => "invalid_request_error",
        _ => "api_error",
    }
}

/// The Bedrock InvokeModel body for a Claude model: the Messages request with `model` and
/// `stream` taken out, `anthropic_version` added and the `anthropic-beta` header's values as
/// `anthropic_beta` (AWS, "Anthropic Claude Messages API" on Bedrock).
pub fn claude_invoke_body(v: &Value, betas: &[String]) -> Result<Map<String, Value>> {
    let mut body = v
        .as_object()
        .cloned()
        .ok_or_else(|| bad("the body must be a JSON object"))?;
    body.remove("model");
    body.remove("stream");
    body.insert(
        "anthropic_version".into(),
        json!(crate::invoke::anthropic::ANTHROPIC_VERSION),
    );
    if !betas.is_empty() {
        let mut all: Vec<String> = match body.get("anthropic_beta") {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        };
        for b in betas {
            if !all.contains(b) {
                all.push(b.clone());
            }
        }
        body.insert("anthropic_beta".into(), json!(all));
    }
    Ok(body)
}

#[cfg(test)]
mod tests;

//! Anthropic Messages on InvokeModel (`anthropic_version: bedrock-2023-05-31`).
//!
//! Shapes: AWS, "Anthropic Claude Messages API" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-anthropic-claude-messages.html) and LiteLLM's
//! `litellm/llms/bedrock/chat/invoke_transformations/anthropic_claude3_transformation.py`
//! (the Anthropic body with `model` and `stream` removed and `anthropic_version` added).

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::{Common, Emitter, blocks, response, stop_at, stop_reason};
use crate::converse::{ChatResponse, StopReason, Usage};
use crate::error::{Error, Result};
use crate::message::Part;
use crate::stream::StreamEvent;

pub const ANTHROPIC_VERSION: &str = "bedrock-2023-05-31";
/// Anthropic requires `max_tokens`; LiteLLM's default for Claude when none is given.
pub const DEFAULT_MAX_TOKENS: u64 = 4096;

fn cache_control(cp: &Value) -> Value {
    match cp.get("ttl").and_then(Value::as_str) {
        Some(ttl) => json!({"type": "ephemeral", "ttl": ttl}),
        None => json!({"type": "ephemeral"}),
    }
}

fn mark_last(out: &mut [Value], cp: &Value) {
    if let Some(Value::Object(last)) = out.last_mut() {
        last.insert("cache_control".into(), cache_control(cp));
    }
}

fn media_source(kind: &str, v: &Value) -> Result<Value> {
    let format = v.get("format").and_then(Value::as_str).unwrap_or_default();
    let Some(data) = v.pointer("/source/bytes").and_then(Value::as_str) else {
        return Err(Error::invalid(format!(
            "an {kind} in S3 can only be sent on the Converse route; attach the file itself for the invoke route"
        )));
    };
    Ok(match (kind, format) {
        ("image", f) => json!({"type": "base64", "media_type": format!("image/{f}"), "data": data}),
        (_, "pdf") => json!({"type": "base64", "media_type": "application/pdf", "data": data}),
        (_, "txt" | "md" | "csv" | "html") => {
            let text = base64::engine::general_purpose::STANDARD
                .decode(data)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .ok_or_else(|| Error::invalid("a text document is not UTF-8"))?;
            json!({"type": "text", "media_type": "text/plain", "data": text})
        }
        (_, f) => {
            return Err(Error::invalid(format!(
                "Claude's invoke body takes PDF and plain-text documents, not {f}; use --route converse"
            )));
        }
    })
}

fn content(c: &mut Common, items: &[Value]) -> Result<Vec<Value>> {
    let mut out: Vec<Value> = Vec::new();
    for b in items {
        if let Some(t) = b.get("text").and_then(Value::as_str) {
            out.push(json!({"type": "text", "text": t}));
        } else if let Some(t) = b.pointer("/guardContent/text/text").and_then(Value::as_str) {
            out.push(json!({"type": "text", "text": t}));
        } else if let Some(img) = b.get("image") {
            out.push(json!({"type": "image", "source": media_source("image", img)?}));
        } else if let Some(doc) = b.get("document") {
            let mut d = json!({"type": "document", "source": media_source("document", doc)?});
            if let Some(name) = doc.get("name").and_then(Value::as_str) {
                d["title"] = json!(name);
            }
            out.push(d);
        } else if b.get("video").is_some() {
            return Err(Error::invalid(
                "Claude does not take videos; use a Nova model on the Converse route",
            ));
        } else if let Some(tu) = b.get("toolUse") {
            out.push(json!({"type": "tool_use", "id": tu.get("toolUseId"),
                "name": tu.get("name"), "input": tu.get("input").cloned().unwrap_or(json!({}))}));
        } else if let Some(tr) = b.get("toolResult") {
            let mut parts = Vec::new();
            for item in tr
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(t) = item.get("text").and_then(Value::as_str) {
                    parts.push(json!({"type": "text", "text": t}));
                } else if let Some(j) = item.get("json") {
                    parts.push(json!({"type": "text", "text": j.to_string()}));
                } else if let Some(img) = item.get("image") {
                    parts.push(json!({"type": "image", "source": media_source("image", img)?}));
                } else if let Some(doc) = item.get("document") {
                    parts.push(
                        json!({"type": "document", "source": media_source("document", doc)?}),
                    );
                }
            }
            let mut r = json!({"type": "tool_result", "tool_use_id": tr.get("toolUseId"), "content": parts});
            if tr.get("status").and_then(Value::as_str) == Some("error") {
                r["is_error"] = json!(true);
            }
            out.push(r);
        } else if let Some(rc) = b.get("reasoningContent") {
            if let Some(rt) = rc.get("reasoningText") {
                out.push(json!({"type": "thinking",
                    "thinking": rt.get("text").cloned().unwrap_or(json!("")),
                    "signature": rt.get("signature").cloned().unwrap_or(json!(""))}));
            } else if let Some(d) = rc.get("redactedContent") {
                out.push(json!({"type": "redacted_thinking", "data": d}));
            }
        } else if let Some(cp) = b.get("cachePoint") {
            mark_last(&mut out, cp);
        } else {
            c.drop(
                "content block",
                format!("Claude's invoke body has no equivalent of {b}"),
            );
        }
    }
    Ok(out)
}

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let mut body = Map::new();
    body.insert("anthropic_version".into(), json!(ANTHROPIC_VERSION));
    body.insert(
        "max_tokens".into(),
        json!(c.max_tokens.unwrap_or(DEFAULT_MAX_TOKENS)),
    );
    let system_blocks = c.system.clone();
    let system = content(c, &system_blocks)?;
    if !system.is_empty() {
        body.insert("system".into(), Value::Array(system));
    }
    let mut messages = Vec::new();
    for m in c.messages.clone() {
        let role = m.get("role").cloned().unwrap_or(json!("user"));
        messages.push(json!({"role": role, "content": content(c, blocks(&m))?}));
    }
    body.insert("messages".into(), Value::Array(messages));
    c.put_sampling(&mut body, None, "top_p", Some("stop_sequences"));
    if !c.tools.is_empty() {
        let mut tools: Vec<Value> = c
            .tools
            .iter()
            .map(|t| {
                let mut o = json!({"name": t.name, "input_schema": t.schema});
                if let Some(d) = &t.description {
                    o["description"] = json!(d);
                }
                o
            })
            .collect();
        if c.tools_cache {
            mark_last(&mut tools, &json!({}));
        }
        body.insert("tools".into(), Value::Array(tools));
    }
    if let Some(tc) = &c.tool_choice {
        let choice = if tc.get("any").is_some() {
            json!({"type": "any"})
        } else if let Some(name) = tc.pointer("/tool/name") {
            json!({"type": "tool", "name": name})
        } else {
            json!({"type": "auto"})
        };
        body.insert("tool_choice".into(), choice);
    }
    // Built-in tools (computer use, bash, text editor) arrive as a model field; they join the
    // defined tools instead of replacing them.
    if let Some(Value::Array(builtins)) = c.fields.remove("tools") {
        let tools = body.entry("tools").or_insert_with(|| json!([]));
        if let Some(t) = tools.as_array_mut() {
            t.extend(builtins);
        }
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

fn anthropic_usage(u: Option<&Value>) -> Usage {
    let n = |k: &str| {
        u.and_then(|u| u.get(k))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    Usage {
        input: n("input_tokens"),
        output: n("output_tokens"),
        total: n("input_tokens")
            + n("output_tokens")
            + n("cache_read_input_tokens")
            + n("cache_creation_input_tokens"),
        cache_read: n("cache_read_input_tokens"),
        cache_write: n("cache_creation_input_tokens"),
    }
}

fn part_of(b: &Value) -> Option<Part> {
    let s = |k: &str| {
        b.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    match b.get("type").and_then(Value::as_str)? {
        "text" => Some(Part::text(s("text"))),
        "thinking" => Some(Part::Reasoning {
            text: s("thinking"),
            signature: b
                .get("signature")
                .and_then(Value::as_str)
                .filter(|x| !x.is_empty())
                .map(str::to_string),
        }),
        "redacted_thinking" => Some(Part::RedactedReasoning { data: s("data") }),
        "tool_use" => Some(Part::ToolUse {
            id: s("id"),
            name: s("name"),
            input: b.get("input").cloned().unwrap_or(json!({})),
            kind: None,
        }),
        _ => None,
    }
}

pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let items = v
        .get("content")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::response("the Anthropic response has no 'content' list"))?;
    let stop = stop_at(v, &["stop_reason"]);
    Ok(response(
        items.iter().filter_map(part_of).collect(),
        stop,
        anthropic_usage(v.get("usage")),
    ))
}

/// Native block index → output index, and the answer's usage so far.
#[derive(Debug, Default)]
pub(crate) struct StreamState {
    index: BTreeMap<u64, u32>,
    usage: Usage,
    stop: Option<StopReason>,
}

pub(crate) fn chunk(
    st: &mut StreamState,
    em: &mut Emitter,
    c: &Value,
    out: &mut Vec<StreamEvent>,
) -> Result<()> {
    let ty = c.get("type").and_then(Value::as_str).unwrap_or_default();
    let native = c.get("index").and_then(Value::as_u64);
    let index_of = |st: &mut StreamState, em: &mut Emitter| -> Result<u32> {
        let n = native.ok_or_else(|| Error::response(format!("{ty} chunk without 'index'")))?;
        Ok(*st.index.entry(n).or_insert_with(|| em.alloc()))
    };
    match ty {
        "message_start" => {
            em.start(out);
            st.usage = anthropic_usage(c.pointer("/message/usage"));
        }
        "content_block_start" => {
            em.start(out);
            let index = index_of(st, em)?;
            let b = c.get("content_block").unwrap_or(&Value::Null);
            match b.get("type").and_then(Value::as_str) {
                Some("text") => {
                    let t = b.get("text").and_then(Value::as_str).unwrap_or_default();
                    if !t.is_empty() {
                        out.push(StreamEvent::TextDelta {
                            index,
                            text: t.to_string(),
                        });
                    }
                }
                Some("tool_use") => out.push(StreamEvent::ToolUseStart {
                    index,
                    id: b
                        .get("id")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .into(),
                    name: b
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .into(),
                    kind: None,
                }),
                Some("redacted_thinking") => out.push(StreamEvent::RedactedReasoning {
                    index,
                    data: b
                        .get("data")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .into(),
                }),
                _ => {}
            }
        }
        "content_block_delta" => {
            let index = index_of(st, em)?;
            let d = c.get("delta").unwrap_or(&Value::Null);
            let s = |k: &str| {
                d.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            match d.get("type").and_then(Value::as_str) {
                Some("text_delta") => out.push(StreamEvent::TextDelta {
                    index,
                    text: s("text"),
                }),
                Some("thinking_delta") => out.push(StreamEvent::ReasoningDelta {
                    index,
                    text: s("thinking"),
                }),
                Some("signature_delta") => out.push(StreamEvent::ReasoningSignature {
                    index,
                    signature: s("signature"),
                }),
                Some("input_json_delta") => out.push(StreamEvent::ToolUseDelta {
                    index,
                    input_json_fragment: s("partial_json"),
                }),
                _ => {}
            }
        }
        "content_block_stop" => {
            let index = index_of(st, em)?;
            out.push(StreamEvent::BlockStop { index });
        }
        "message_delta" => {
            if let Some(r) = c.pointer("/delta/stop_reason").and_then(Value::as_str) {
                st.stop = Some(stop_reason(r));
            }
            if let Some(o) = c.pointer("/usage/output_tokens").and_then(Value::as_u64) {
                st.usage.output = o;
                st.usage.total = st.usage.input + o + st.usage.cache_read + st.usage.cache_write;
            }
        }
        "message_stop" => {
            em.stop(st.stop.take().unwrap_or(StopReason::EndTurn), out);
            em.cache_read = st.usage.cache_read;
            em.cache_write = st.usage.cache_write;
            if c.get("amazon-bedrock-invocationMetrics").is_none() {
                em.metadata(st.usage, None, out);
            }
        }
        _ => {}
    }
    em.metrics(c, out);
    Ok(())
}

//! chat.completions bodies on InvokeModel: gpt-oss, the open-weight models Bedrock hosts, and
//! OpenAI-compatible imported models (`openai/ARN`). Mistral's chat format and AI21 Jamba use
//! the same message shapes with their own parameter names (see [`ChatStyle`]).
//!
//! Shapes: AWS, "OpenAI models" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-openai.html: `messages`, `max_completion_tokens`, `temperature`, `top_p`,
//! `reasoning_effort`; answers are chat.completion objects with the reasoning inline in
//! `<reasoning>` tags) and LiteLLM's `amazon_openai_transformation.py` (imported models: the
//! OpenAI request body, `model` set to the ARN).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::{
    Common, Emitter, arguments_string, arguments_value, blocks, image_media_type, response,
    role_of, stop_at, stop_reason, tool_result_text, u64_at, usage,
};
use crate::converse::{ChatResponse, Usage};
use crate::error::{Error, Result};
use crate::message::{Part, Role};
use crate::stream::StreamEvent;

/// Where the chat formats differ.
pub(crate) struct ChatStyle<'a> {
    /// `model` in the body (imported OpenAI-compatible models, as LiteLLM sends it).
    pub model: Option<&'a str>,
    pub max_tokens_key: &'a str,
    /// The tool choice that forces some tool call.
    pub any_choice: &'a str,
    pub images: bool,
    pub name: &'a str,
}

fn image_url(img: &Value) -> Result<Value> {
    let format = img.get("format").and_then(Value::as_str).unwrap_or("png");
    let data = img
        .pointer("/source/bytes")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid("an image in S3 can only be sent on the Converse route"))?;
    Ok(json!({"type": "image_url", "image_url": {
        "url": format!("data:{};base64,{data}", image_media_type(format))}}))
}

/// Converse messages as chat.completions messages.
pub(crate) fn chat_messages(c: &mut Common, style: &ChatStyle) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    if let Some(s) = c.system_text() {
        out.push(json!({"role": "system", "content": s}));
    }
    for m in c.messages.clone() {
        let role = role_of(&m);
        let mut parts: Vec<Value> = Vec::new();
        let mut tool_calls = Vec::new();
        let mut has_image = false;
        for b in blocks(&m) {
            if let Some(t) = b.get("text").and_then(Value::as_str) {
                parts.push(json!({"type": "text", "text": t}));
            } else if let Some(t) = b.pointer("/guardContent/text/text").and_then(Value::as_str) {
                parts.push(json!({"type": "text", "text": t}));
            } else if let Some(img) = b.get("image") {
                if style.images {
                    parts.push(image_url(img)?);
                    has_image = true;
                } else {
                    c.drop(
                        "image",
                        format!("the {} invoke body takes text only", style.name),
                    );
                }
            } else if b.get("document").is_some() || b.get("video").is_some() {
                c.drop(
                    "attachment",
                    format!(
                        "the {} invoke body takes no documents or videos",
                        style.name
                    ),
                );
            } else if let Some(tu) = b.get("toolUse") {
                tool_calls.push(json!({"id": tu.get("toolUseId"), "type": "function",
                    "function": {"name": tu.get("name"),
                        "arguments": arguments_string(tu.get("input").unwrap_or(&json!({})))}}));
            } else if let Some(tr) = b.get("toolResult") {
                out.push(json!({"role": "tool", "tool_call_id": tr.get("toolUseId"),
                    "content": tool_result_text(tr)}));
            }
        }
        if parts.is_empty() && tool_calls.is_empty() {
            continue;
        }
        let text: String = parts
            .iter()
            .filter_map(|p| p.get("text").and_then(Value::as_str))
            .collect();
        let content = if has_image {
            Value::Array(parts)
        } else if text.is_empty() && !tool_calls.is_empty() {
            Value::Null
        } else {
            json!(text)
        };
        let mut msg = json!({"role": role.as_str(), "content": content});
        if role == Role::Assistant && !tool_calls.is_empty() {
            msg["tool_calls"] = Value::Array(tool_calls);
        }
        out.push(msg);
    }
    Ok(out)
}

/// A chat.completions style body.
pub(crate) fn chat_body(c: &mut Common, style: &ChatStyle) -> Result<Map<String, Value>> {
    let mut body = Map::new();
    if let Some(m) = style.model {
        body.insert("model".into(), json!(m));
    }
    body.insert("messages".into(), Value::Array(chat_messages(c, style)?));
    c.put_sampling(&mut body, Some(style.max_tokens_key), "top_p", Some("stop"));
    if !c.tools.is_empty() {
        let tools: Vec<Value> = c
            .tools
            .iter()
            .map(|t| {
                let mut f = json!({"name": t.name, "parameters": t.schema});
                if let Some(d) = &t.description {
                    f["description"] = json!(d);
                }
                json!({"type": "function", "function": f})
            })
            .collect();
        body.insert("tools".into(), Value::Array(tools));
        if let Some(tc) = &c.tool_choice {
            let choice = if tc.get("any").is_some() {
                json!(style.any_choice)
            } else if let Some(name) = tc.pointer("/tool/name") {
                json!({"type": "function", "function": {"name": name}})
            } else {
                json!("auto")
            };
            body.insert("tool_choice".into(), choice);
        }
    }
    Ok(body)
}

pub(crate) fn body(c: &mut Common, model_id: &str, schema: Option<&Value>) -> Result<Value> {
    let imported = model_id.starts_with("arn:");
    let style = ChatStyle {
        model: imported.then_some(model_id),
        max_tokens_key: if imported {
            "max_tokens"
        } else {
            "max_completion_tokens"
        },
        any_choice: "required",
        images: true,
        name: "OpenAI",
    };
    let mut body = chat_body(c, &style)?;
    if let Some(def) = schema {
        let raw = def.get("schema").and_then(Value::as_str).unwrap_or("{}");
        let parsed: Value = serde_json::from_str(raw).unwrap_or(json!({}));
        body.insert(
            "response_format".into(),
            json!({"type": "json_schema", "json_schema": {
                "name": def.get("name").cloned().unwrap_or(json!("json_response")),
                "schema": parsed, "strict": true}}),
        );
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

/// A chat.completion answer (OpenAI, AI21 Jamba, Mistral chat).
pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let choice = v
        .pointer("/choices/0")
        .ok_or_else(|| Error::response("the response has no 'choices'"))?;
    let msg = choice.get("message").cloned().unwrap_or(json!({}));
    let mut parts = Vec::new();
    for key in ["reasoning_content", "reasoning"] {
        if let Some(r) = msg.get(key).and_then(Value::as_str) {
            parts.push(Part::Reasoning {
                text: r.to_string(),
                signature: None,
            });
        }
    }
    if let Some(t) = msg.get("content").and_then(Value::as_str) {
        parts.push(Part::text(t));
    }
    for tc in msg
        .get("tool_calls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        parts.push(Part::ToolUse {
            id: tc
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .into(),
            name: tc
                .pointer("/function/name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .into(),
            input: arguments_value(tc.pointer("/function/arguments")),
            kind: None,
        });
    }
    let stop = stop_at(choice, &["finish_reason", "stop_reason"]);
    let u = usage(
        u64_at(v, "/usage/prompt_tokens").unwrap_or(0),
        u64_at(v, "/usage/completion_tokens").unwrap_or(0),
    );
    Ok(response(parts, stop, u))
}

/// Tool calls being streamed: chunk tool index → output block index.
#[derive(Debug, Default)]
pub(crate) struct StreamState {
    tools: BTreeMap<u64, u32>,
    usage: Option<Usage>,
}

pub(crate) fn chunk(st: &mut StreamState, em: &mut Emitter, c: &Value, out: &mut Vec<StreamEvent>) {
    if let Some(u) = c.get("usage").filter(|u| u.is_object()) {
        st.usage = Some(usage(
            u64_at(u, "/prompt_tokens").unwrap_or(0),
            u64_at(u, "/completion_tokens").unwrap_or(0),
        ));
    }
    if let Some(choice) = c.pointer("/choices/0") {
        em.start(out);
        let d = choice
            .get("delta")
            .or_else(|| choice.get("message"))
            .unwrap_or(&Value::Null);
        for key in ["reasoning_content", "reasoning"] {
            if let Some(r) = d.get(key).and_then(Value::as_str) {
                em.reasoning(r, out);
            }
        }
        if let Some(t) = d.get("content").and_then(Value::as_str) {
            em.text(t, out);
        }
        for (pos, tc) in d
            .get("tool_calls")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let key = tc
                .get("index")
                .and_then(Value::as_u64)
                .unwrap_or(pos as u64);
            let index = match st.tools.get(&key) {
                Some(i) => *i,
                None => {
                    em.close(out);
                    let i = em.alloc();
                    st.tools.insert(key, i);
                    out.push(StreamEvent::ToolUseStart {
                        index: i,
                        id: tc
                            .get("id")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .into(),
                        name: tc
                            .pointer("/function/name")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .into(),
                        kind: None,
                    });
                    i
                }
            };
            let args = match tc.pointer("/function/arguments") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(other) => other.to_string(),
            };
            if !args.is_empty() {
                out.push(StreamEvent::ToolUseDelta {
                    index,
                    input_json_fragment: args,
                });
            }
        }
        let finish = choice
            .get("finish_reason")
            .or_else(|| choice.get("stop_reason"))
            .and_then(Value::as_str);
        if let Some(f) = finish {
            for (_, i) in std::mem::take(&mut st.tools) {
                out.push(StreamEvent::BlockStop { index: i });
            }
            em.stop(stop_reason(f), out);
        }
    }
    if c.get("amazon-bedrock-invocationMetrics").is_none()
        && let Some(u) = st.usage.take()
        && c.pointer("/choices/0").is_none()
    {
        em.metadata(u, None, out);
    }
    em.metrics(c, out);
}

//! The OpenAI Responses API (`POST /v1/responses`) in and out: a request body becomes a
//! [`ChatRequest`]; an answer or its stream events become a `response` object or the
//! Responses stream events (`response.created` … `response.completed`), each with its
//! `sequence_number`.
//!
//! Reasoning round-trips through `encrypted_content`: Bedrock only continues a thinking turn
//! when the reasoning text comes back byte for byte with its signature (or the redacted data
//! as given), so the item carries both, base64-encoded, and the next request decodes them.
//! It is always included (OpenAI includes it only when `include` asks for it) because a client
//! that sends reasoning items back without it would have its turn refused by Bedrock.
//!
//! Fields this mapping cannot honour are refused, never dropped: hosted tools (`web_search`,
//! `file_search`, …), `background: true`, `conversation`, `prompt`, file ids.

use base64::Engine;
use serde_json::{Map, Value, json};

use super::{as_f64, as_u32, bad, file_part, image_part, with_extra_body};
use crate::converse::{ChatResponse, StopReason, Usage};
use crate::error::{Error, Result};
use crate::message::{
    Conversation, Message, Part, Role, SystemPart, ToolChoice, ToolResultContent,
};
use crate::request::{ChatRequest, JsonSchema, ReasoningLevel, ServiceTier};
use crate::stream::StreamEvent;
use crate::tools::parse_tool;

/// A parsed Responses request.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponsesRequest {
    /// `model` as the client sent it; empty if absent.
    pub model: String,
    pub stream: bool,
    /// `store` (default true): whether the gateway keeps the response for
    /// `previous_response_id` and `GET /v1/responses/{id}`.
    pub store: bool,
    pub previous_response_id: Option<String>,
    /// `instructions`: a system prompt for this request only (OpenAI does not carry it over to
    /// a response that continues this one).
    pub instructions: Option<String>,
    /// The input as a request: `conversation` holds the input items only (system and developer
    /// messages in `system`), without `instructions`.
    pub request: ChatRequest,
    /// The request parameters a response object repeats back.
    pub echo: Map<String, Value>,
}

impl ResponsesRequest {
    /// Puts a stored conversation (an earlier response's input and output) before the input.
    pub fn continue_from(&mut self, previous: &Conversation) {
        let mut conv = previous.clone();
        conv.system
            .extend(self.request.conversation.system.iter().cloned());
        for m in &self.request.conversation.messages {
            conv.push(m.clone());
        }
        self.request.conversation = conv;
    }

    /// The request to send: the conversation with `instructions` first in the system prompt.
    pub fn chat_request(&self) -> ChatRequest {
        let mut req = self.request.clone();
        if let Some(i) = &self.instructions {
            req.conversation
                .system
                .insert(0, SystemPart::Text { text: i.clone() });
        }
        req
    }
}

/// Parameters a response object repeats back, with OpenAI's defaults.
const ECHOED: &[&str] = &[
    "instructions",
    "max_output_tokens",
    "metadata",
    "parallel_tool_calls",
    "reasoning",
    "service_tier",
    "temperature",
    "text",
    "tool_choice",
    "tools",
    "top_p",
    "truncation",
    "user",
];

fn default_echo() -> Map<String, Value> {
    let v = json!({
        "instructions": null,
        "max_output_tokens": null,
        "metadata": {},
        "parallel_tool_calls": true,
        "reasoning": { "effort": null, "summary": null },
        "service_tier": "auto",
        "temperature": null,
        "text": { "format": { "type": "text" } },
        "tool_choice": "auto",
        "tools": [],
        "top_p": null,
        "truncation": "disabled",
        "user": null,
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

fn unsupported(field: &str, why: &str) -> Error {
    bad(format!("'{field}' is not supported: {why}"))
}

/// Parses a request body already read as JSON.
pub fn parse_request(v: &Value) -> Result<ResponsesRequest> {
    let obj = with_extra_body(
        v.as_object()
            .ok_or_else(|| bad("the body must be a JSON object"))?,
    )?;
    let model = match obj.get("model") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(m)) => m.trim().to_string(),
        Some(_) => return Err(bad("'model' must be a string")),
    };
    let mut conv = Conversation::new();
    match obj.get("input") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => conv.push(Message::user_text(s.clone())),
        Some(Value::Array(items)) => parse_input(items, &mut conv)?,
        Some(_) => return Err(bad("'input' must be a string or an array of items")),
    }
    let mut req = ChatRequest::new(model.clone(), conv);
    let mut out = ResponsesRequest {
        model,
        stream: false,
        store: true,
        previous_response_id: None,
        instructions: None,
        request: ChatRequest::default(),
        echo: default_echo(),
    };
    for (key, val) in &obj {
        if val.is_null() {
            continue;
        }
        match key.as_str() {
            "model" | "input" => {}
            "instructions" => {
                let s = val
                    .as_str()
                    .ok_or_else(|| bad("'instructions' must be a string"))?;
                if !s.is_empty() {
                    out.instructions = Some(s.to_string());
                }
            }
            "stream" => {
                out.stream = val
                    .as_bool()
                    .ok_or_else(|| bad("'stream' must be a boolean"))?
            }
            "store" => {
                out.store = val
                    .as_bool()
                    .ok_or_else(|| bad("'store' must be a boolean"))?
            }
            "previous_response_id" => {
                out.previous_response_id = Some(
                    val.as_str()
                        .filter(|s| !s.trim().is_empty())
                        .ok_or_else(|| bad("'previous_response_id' must be a response id"))?
                        .trim()
                        .to_string(),
                )
            }
            "max_output_tokens" => req.inference.max_tokens = Some(as_u32(val, key)?),
            "temperature" => req.inference.temperature = Some(as_f64(val, key)?),
            "top_p" => req.inference.top_p = Some(as_f64(val, key)?),
            "tools" => {
                let tools = val
                    .as_array()
                    .ok_or_else(|| bad("'tools' must be an array"))?;
                for (i, t) in tools.iter().enumerate() {
                    req.tools.push(parse_function_tool(t, i)?);
                }
            }
            "tool_choice" => req.tool_choice = Some(parse_tool_choice(val)?),
            "text" => req.json_schema = parse_text(val)?,
            "reasoning" => req.reasoning = parse_reasoning(val)?,
            "metadata" => {
                let ok = val
                    .as_object()
                    .is_some_and(|m| m.values().all(Value::is_string));
                if !ok {
                    return Err(bad("'metadata' must be an object of strings"));
                }
            }
            "include" => {
                let items = val
                    .as_array()
                    .ok_or_else(|| bad("'include' must be an array of strings"))?;
                for i in items {
                    match i.as_str() {
                        // Always included (see the module comment).
                        Some("reasoning.encrypted_content") => {}
                        Some(other) => {
                            return Err(bad(format!(
                                "'include' value '{other}' is not supported: only reasoning.encrypted_content"
                            )));
                        }
                        None => return Err(bad("'include' must be an array of strings")),
                    }
                }
            }
            "background" => {
                if val.as_bool() != Some(false) {
                    return Err(unsupported(
                        "background",
                        "the gateway answers in the request (send background: false or leave it out)",
                    ));
                }
            }
            "truncation" => match val.as_str() {
                Some("disabled") => {}
                Some(other) => {
                    return Err(bad(format!(
                        "'truncation' '{other}' is not supported: the gateway never drops input (use \"disabled\")"
                    )));
                }
                None => return Err(bad("'truncation' must be a string")),
            },
            "service_tier" => {
                req.service_tier = match val.as_str() {
                    Some("auto") => None,
                    Some(s) => Some(
                        s.parse::<ServiceTier>()
                            .map_err(|e| bad(format!("'service_tier': {e}")))?,
                    ),
                    None => return Err(bad("'service_tier' must be a string")),
                }
            }
            "parallel_tool_calls" => {
                val.as_bool()
                    .ok_or_else(|| bad("'parallel_tool_calls' must be a boolean"))?;
            }
            // Identifiers for OpenAI's abuse monitoring and prompt cache routing: they do not
            // change the answer, and Bedrock has no field for them.
            "user" | "safety_identifier" | "prompt_cache_key" | "prompt_cache_retention" => {}
            // Only `include_obfuscation`, padding OpenAI adds to stream events.
            "stream_options" => {}
            "conversation" => {
                return Err(unsupported(
                    "conversation",
                    "the gateway keeps no conversations; use previous_response_id or send the items",
                ));
            }
            "prompt" => {
                return Err(unsupported(
                    "prompt",
                    "stored OpenAI prompts do not exist on Bedrock; send instructions and input",
                ));
            }
            "top_logprobs" => {
                if val.as_u64() != Some(0) {
                    return Err(unsupported(
                        "top_logprobs",
                        "Bedrock returns no log probabilities",
                    ));
                }
            }
            "max_tool_calls" => {
                return Err(unsupported(
                    "max_tool_calls",
                    "it limits hosted tools, which the gateway does not offer",
                ));
            }
            other => {
                return Err(bad(format!(
                    "'{other}' is not a Responses API field this gateway supports"
                )));
            }
        }
        if ECHOED.contains(&key.as_str()) {
            match (out.echo.get_mut(key.as_str()), val) {
                // `reasoning` keeps the keys the client left out, as null.
                (Some(Value::Object(d)), Value::Object(given)) if key == "reasoning" => {
                    d.extend(given.clone())
                }
                _ => {
                    out.echo.insert(key.clone(), val.clone());
                }
            }
        }
    }
    out.echo.insert("store".into(), json!(out.store));
    out.request = req;
    Ok(out)
}

fn parse_function_tool(t: &Value, i: usize) -> Result<crate::message::ToolSpec> {
    match t.get("type").and_then(Value::as_str) {
        Some("function") => {}
        Some(other) => {
            return Err(bad(format!(
                "'tools[{i}]': tool type '{other}' is not supported: the gateway offers function tools only"
            )));
        }
        None => return Err(bad(format!("'tools[{i}]' needs \"type\": \"function\""))),
    }
    parse_tool(t).map_err(|e| bad(format!("'tools[{i}]': {e}")))
}

fn parse_tool_choice(v: &Value) -> Result<ToolChoice> {
    match v {
        Value::String(s) => match s.as_str() {
            "auto" => Ok(ToolChoice::Auto),
            "none" => Ok(ToolChoice::None),
            "required" => Ok(ToolChoice::Any),
            other => Err(bad(format!(
                "'tool_choice' '{other}' is not one of auto, none, required"
            ))),
        },
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some("function") => o
                .get("name")
                .and_then(Value::as_str)
                .map(|n| ToolChoice::Tool(n.to_string()))
                .ok_or_else(|| bad("'tool_choice' function needs a 'name'")),
            Some(other) => Err(bad(format!(
                "'tool_choice' type '{other}' is not supported: only auto, none, required or a function"
            ))),
            None => Err(bad("'tool_choice' object needs \"type\": \"function\"")),
        },
        _ => Err(bad("'tool_choice' must be a string or an object")),
    }
}

/// `text.format`: text, json_object, or json_schema (flat: `name`, `schema`, `description`,
/// `strict`), the same answers as chat's `response_format`.
fn parse_text(v: &Value) -> Result<Option<JsonSchema>> {
    let obj = v
        .as_object()
        .ok_or_else(|| bad("'text' must be an object"))?;
    let mut schema = None;
    for (k, val) in obj {
        match k.as_str() {
            "format" => {
                schema =
                    match val.get("type").and_then(Value::as_str) {
                        Some("text") => None,
                        Some("json_object") => Some(JsonSchema::any_object()),
                        Some("json_schema") => Some(JsonSchema {
                            name: val
                                .get("name")
                                .and_then(Value::as_str)
                                .unwrap_or(JsonSchema::DEFAULT_NAME)
                                .to_string(),
                            description: val
                                .get("description")
                                .and_then(Value::as_str)
                                .map(str::to_string),
                            schema: Some(val.get("schema").cloned().ok_or_else(|| {
                                bad("'text.format' json_schema needs a 'schema'")
                            })?),
                        }),
                        _ => {
                            return Err(bad(
                                "'text.format' type must be text, json_object or json_schema",
                            ));
                        }
                    }
            }
            // The default; other values ask for longer or shorter answers, which Bedrock has
            // no setting for.
            "verbosity" if val.is_null() || val == "medium" => {}
            "verbosity" => {
                return Err(bad(format!(
                    "'text.verbosity' {val} is not supported: Bedrock models have no verbosity setting (use \"medium\" or leave it out)"
                )));
            }
            other => return Err(bad(format!("'text.{other}' is not supported"))),
        }
    }
    Ok(schema)
}

fn parse_reasoning(v: &Value) -> Result<Option<ReasoningLevel>> {
    let obj = v
        .as_object()
        .ok_or_else(|| bad("'reasoning' must be an object"))?;
    let mut level = None;
    for (k, val) in obj {
        match k.as_str() {
            "effort" if val.is_null() => {}
            "effort" => {
                let s = val
                    .as_str()
                    .ok_or_else(|| bad("'reasoning.effort' must be a string"))?;
                level = Some(match s {
                    "none" | "minimal" | "low" | "medium" | "high" | "xhigh" => s
                        .parse()
                        .map_err(|_| bad(format!("'reasoning.effort' '{s}' is not valid")))?,
                    other => {
                        return Err(bad(format!(
                            "'reasoning.effort' '{other}' is not one of none, minimal, low, medium, high, xhigh"
                        )));
                    }
                });
            }
            // The reasoning Bedrock returns is reported as the summary whatever is asked.
            "summary" | "generate_summary" => match val.as_str() {
                None if val.is_null() => {}
                Some("auto" | "concise" | "detailed") => {}
                _ => {
                    return Err(bad(format!(
                        "'reasoning.{k}' must be auto, concise or detailed"
                    )));
                }
            },
            other => return Err(bad(format!("'reasoning.{other}' is not supported"))),
        }
    }
    Ok(level)
}

// ---------------------------------------------------------------------------------------------
// Input items

fn parse_input(items: &[Value], conv: &mut Conversation) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        let ctx = |e: Error| match e {
            Error::OpenAi(m) if m.starts_with('\'') => Error::OpenAi(m),
            Error::OpenAi(m) => bad(format!("'input[{i}]': {m}")),
            other => other,
        };
        parse_item(item, i, conv).map_err(ctx)?;
    }
    Ok(())
}

fn str_field<'a>(item: &'a Value, key: &str, ty: &str) -> Result<&'a str> {
    item.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| bad(format!("a {ty} item needs '{key}' (a string)")))
}

fn parse_item(item: &Value, i: usize, conv: &mut Conversation) -> Result<()> {
    let ty = match item.get("type").and_then(Value::as_str) {
        Some(t) => t,
        None if item.get("role").is_some() => "message",
        None => return Err(bad("an input item needs a 'type'")),
    };
    match ty {
        "message" => {
            let role = str_field(item, "role", "message")?;
            let parts = content_parts(item.get("content"), role)?;
            match role {
                "system" | "developer" => {
                    for p in parts {
                        match p {
                            Part::Text { text } => conv.system.push(SystemPart::Text { text }),
                            _ => return Err(bad(format!("a {role} message can only hold text"))),
                        }
                    }
                }
                "user" => conv.push(Message::new(Role::User, parts)),
                "assistant" => conv.push(Message::new(Role::Assistant, parts)),
                other => return Err(bad(format!("unknown role '{other}'"))),
            }
        }
        "function_call" => {
            let call_id = str_field(item, "call_id", ty)?;
            let name = str_field(item, "name", ty)?;
            let args = item.get("arguments").and_then(Value::as_str).unwrap_or("");
            let input = if args.trim().is_empty() {
                json!({})
            } else {
                serde_json::from_str(args).map_err(|e| {
                    bad(format!(
                        "function_call {call_id}: arguments are not valid JSON ({e})"
                    ))
                })?
            };
            conv.push(Message::new(
                Role::Assistant,
                vec![Part::ToolUse {
                    id: call_id.to_string(),
                    name: name.to_string(),
                    input,
                    kind: None,
                }],
            ));
        }
        "function_call_output" => {
            let call_id = str_field(item, "call_id", ty)?;
            let content = match item.get("output") {
                Some(Value::String(s)) => vec![ToolResultContent::Text { text: s.clone() }],
                Some(a @ Value::Array(_)) => tool_result_content(a)?,
                _ => {
                    return Err(bad(
                        "a function_call_output item needs 'output' (a string or an array of parts)",
                    ));
                }
            };
            conv.push(Message::new(
                Role::User,
                vec![Part::ToolResult {
                    tool_use_id: call_id.to_string(),
                    content,
                    status: None,
                    kind: None,
                }],
            ));
        }
        "reasoning" => {
            let part = match item.get("encrypted_content").and_then(Value::as_str) {
                Some(enc) => decode_reasoning(enc).ok_or_else(|| {
                    bad(format!(
                        "'input[{i}].encrypted_content' was not issued by this gateway (it carries Bedrock's reasoning and signature)"
                    ))
                })?,
                None => {
                    // Without it there is no signature; the text goes back as chat's
                    // `reasoning_content` does.
                    let text = reasoning_text(item);
                    if text.is_empty() {
                        return Ok(());
                    }
                    Part::Reasoning {
                        text,
                        signature: None,
                    }
                }
            };
            conv.push(Message::new(Role::Assistant, vec![part]));
        }
        "item_reference" => {
            return Err(bad(format!(
                "'input[{i}]': item_reference is not supported: send the item itself, or previous_response_id"
            )));
        }
        other => {
            return Err(bad(format!(
                "'input[{i}]': item type '{other}' is not supported: the gateway takes message, function_call, function_call_output and reasoning items"
            )));
        }
    }
    Ok(())
}

fn reasoning_text(item: &Value) -> String {
    let texts = |key: &str| -> Vec<String> {
        item.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.get("text").and_then(Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let content = texts("content");
    if content.is_empty() {
        texts("summary").join("\n\n")
    } else {
        content.join("")
    }
}

/// The parts of a message item's `content`: a string or typed parts.
fn content_parts(content: Option<&Value>, role: &str) -> Result<Vec<Part>> {
    let mut parts = Vec::new();
    match content {
        Some(Value::String(s)) => {
            if !s.is_empty() {
                parts.push(Part::text(s.clone()));
            }
        }
        Some(Value::Array(items)) => {
            for item in items {
                if let Some(p) = input_part(item, role)? {
                    parts.push(p);
                }
            }
        }
        _ => {
            return Err(bad(format!(
                "a {role} message needs 'content' (a string or an array)"
            )));
        }
    }
    crate::attach::dedupe_document_names(&mut parts);
    Ok(parts)
}

fn input_part(item: &Value, role: &str) -> Result<Option<Part>> {
    let ty = item.get("type").and_then(Value::as_str).unwrap_or("");
    Ok(match ty {
        "input_text" | "output_text" | "text" | "refusal" => {
            let key = if ty == "refusal" { "refusal" } else { "text" };
            let text = item
                .get(key)
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("a {ty} part needs '{key}'")))?;
            (!text.is_empty()).then(|| Part::text(text))
        }
        "input_image" => {
            if item.get("image_url").is_none_or(Value::is_null) {
                return Err(bad(
                    "input_image needs 'image_url' (a data: URL or an https URL); file ids are not supported",
                ));
            }
            Some(image_part(item)?)
        }
        "input_file" => {
            if item.get("file_data").is_none_or(Value::is_null) {
                return Err(bad(
                    "input_file needs 'file_data' (a data: URL); file ids and file URLs are not supported",
                ));
            }
            Some(file_part(&json!({ "file": {
                "file_data": item["file_data"],
                "filename": item.get("filename").cloned().unwrap_or(Value::Null),
            }}))?)
        }
        "input_audio" => {
            return Err(bad(
                "audio input is not supported by Bedrock's Converse API",
            ));
        }
        other => {
            return Err(bad(format!(
                "{role} content part type '{other}' is not supported"
            )));
        }
    })
}

fn tool_result_content(v: &Value) -> Result<Vec<ToolResultContent>> {
    let parts = content_parts(Some(v), "function_call_output")?;
    Ok(parts
        .into_iter()
        .filter_map(|p| match p {
            Part::Text { text } => Some(ToolResultContent::Text { text }),
            Part::Image { format, source } => Some(ToolResultContent::Image { format, source }),
            Part::Document {
                format,
                name,
                source,
            } => Some(ToolResultContent::Document {
                format,
                name,
                source,
            }),
            _ => None,
        })
        .collect())
}

/// A reasoning part as an item's `encrypted_content`.
pub fn encode_reasoning(part: &Part) -> Option<String> {
    let v = match part {
        Part::Reasoning { text, signature } => {
            json!({ "v": 1, "text": text, "signature": signature })
        }
        Part::RedactedReasoning { data } => json!({ "v": 1, "redacted": data }),
        _ => return None,
    };
    Some(base64::engine::general_purpose::STANDARD.encode(v.to_string()))
}

/// The reasoning part an `encrypted_content` from [`encode_reasoning`] carries.
pub fn decode_reasoning(s: &str) -> Option<Part> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()?;
    let v: Value = serde_json::from_slice(&bytes).ok()?;
    if v.get("v") != Some(&json!(1)) {
        return None;
    }
    if let Some(data) = v.get("redacted").and_then(Value::as_str) {
        return Some(Part::RedactedReasoning {
            data: data.to_string(),
        });
    }
    Some(Part::Reasoning {
        text: v.get("text")?.as_str()?.to_string(),
        signature: v
            .get("signature")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

// ---------------------------------------------------------------------------------------------
// Out

/// What a response object says about itself besides its output.
#[derive(Debug, Clone)]
pub struct Head {
    /// `resp_…`; item ids are made from it.
    pub id: String,
    pub created_at: u64,
    /// The model as the client named it.
    pub model: String,
    pub previous_response_id: Option<String>,
    pub echo: Map<String, Value>,
}

impl Head {
    fn item_id(&self, prefix: &str, n: usize) -> String {
        let base = self.id.strip_prefix("resp_").unwrap_or(&self.id);
        format!("{prefix}_{base}{n:03}")
    }
}

/// Usage in the Responses shape. Bedrock counts reasoning inside the output tokens and does
/// not report it apart, so `reasoning_tokens` is 0.
pub fn usage_object(u: &Usage) -> Value {
    let input = u.input + u.cache_read + u.cache_write;
    json!({
        "input_tokens": input,
        "input_tokens_details": { "cached_tokens": u.cache_read },
        "output_tokens": u.output,
        "output_tokens_details": { "reasoning_tokens": 0 },
        "total_tokens": input + u.output,
    })
}

/// A `response` object. `stop` None means still in progress.
pub fn response_object(
    head: &Head,
    output: Vec<Value>,
    stop: Option<&StopReason>,
    usage: Option<&Usage>,
) -> Value {
    let (status, incomplete) = match stop {
        None => ("in_progress", Value::Null),
        Some(StopReason::MaxTokens | StopReason::ModelContextWindowExceeded) => {
            ("incomplete", json!({ "reason": "max_output_tokens" }))
        }
        Some(StopReason::GuardrailIntervened | StopReason::ContentFiltered) => {
            ("incomplete", json!({ "reason": "content_filter" }))
        }
        Some(_) => ("completed", Value::Null),
    };
    let mut o = Map::new();
    o.insert("id".into(), json!(head.id));
    o.insert("object".into(), json!("response"));
    o.insert("created_at".into(), json!(head.created_at));
    o.insert("status".into(), json!(status));
    o.insert("background".into(), json!(false));
    o.insert("error".into(), Value::Null);
    o.insert("incomplete_details".into(), incomplete);
    o.insert("model".into(), json!(head.model));
    o.insert("output".into(), Value::Array(output));
    o.insert(
        "previous_response_id".into(),
        json!(head.previous_response_id),
    );
    for (k, v) in &head.echo {
        o.insert(k.clone(), v.clone());
    }
    o.insert(
        "usage".into(),
        usage.map(usage_object).unwrap_or(Value::Null),
    );
    Value::Object(o)
}

fn output_text(text: &str) -> Value {
    json!({ "type": "output_text", "text": text, "annotations": [], "logprobs": [] })
}

fn message_item(id: &str, text: &str, status: &str) -> Value {
    json!({
        "id": id, "type": "message", "status": status, "role": "assistant",
        "content": if status == "in_progress" { json!([]) } else { json!([output_text(text)]) },
    })
}

fn reasoning_item(id: &str, part: &Part) -> Value {
    let summary = match part {
        Part::Reasoning { text, .. } if !text.is_empty() => {
            json!([{ "type": "summary_text", "text": text }])
        }
        _ => json!([]),
    };
    json!({
        "id": id, "type": "reasoning", "summary": summary,
        "encrypted_content": encode_reasoning(part),
    })
}

fn call_item(id: &str, call_id: &str, name: &str, arguments: &str, status: &str) -> Value {
    json!({
        "id": id, "type": "function_call", "status": status,
        "call_id": call_id, "name": name, "arguments": arguments,
    })
}

/// The output items of a whole answer: reasoning, messages (adjacent text joined) and function
/// calls, in the answer's order. Bedrock-run tools have no Responses item and are left out.
pub fn output_items(head: &Head, parts: &[Part]) -> Vec<Value> {
    let mut out = Vec::new();
    let mut text: Option<String> = None;
    let flush = |out: &mut Vec<Value>, text: &mut Option<String>| {
        if let Some(t) = text.take() {
            let id = head.item_id("msg", out.len());
            out.push(message_item(&id, &t, "completed"));
        }
    };
    for p in parts {
        match p {
            Part::Text { text: t } => text.get_or_insert_default().push_str(t),
            Part::Reasoning { .. } | Part::RedactedReasoning { .. } => {
                flush(&mut out, &mut text);
                let id = head.item_id("rs", out.len());
                out.push(reasoning_item(&id, p));
            }
            Part::ToolUse {
                id: call_id,
                name,
                input,
                kind,
            } if !crate::message::is_server_tool(kind.as_deref()) => {
                flush(&mut out, &mut text);
                let id = head.item_id("fc", out.len());
                out.push(call_item(
                    &id,
                    call_id,
                    name,
                    &input.to_string(),
                    "completed",
                ));
            }
            _ => {}
        }
    }
    flush(&mut out, &mut text);
    out
}

/// A whole answer as the stream events that would have carried it, so one encoder serves
/// both (an upstream may answer a streaming request whole).
pub fn events_for_response(resp: &ChatResponse) -> Vec<StreamEvent> {
    let mut ev = vec![StreamEvent::MessageStart];
    for (i, p) in resp.message.content.iter().enumerate() {
        let index = i as u32;
        match p {
            Part::Text { text } => ev.push(StreamEvent::TextDelta {
                index,
                text: text.clone(),
            }),
            Part::Reasoning { text, signature } => {
                ev.push(StreamEvent::ReasoningDelta {
                    index,
                    text: text.clone(),
                });
                if let Some(s) = signature {
                    ev.push(StreamEvent::ReasoningSignature {
                        index,
                        signature: s.clone(),
                    });
                }
            }
            Part::RedactedReasoning { data } => ev.push(StreamEvent::RedactedReasoning {
                index,
                data: data.clone(),
            }),
            Part::ToolUse {
                id,
                name,
                input,
                kind,
            } => {
                ev.push(StreamEvent::ToolUseStart {
                    index,
                    id: id.clone(),
                    name: name.clone(),
                    kind: kind.clone(),
                });
                ev.push(StreamEvent::ToolUseDelta {
                    index,
                    input_json_fragment: input.to_string(),
                });
            }
            _ => continue,
        }
        ev.push(StreamEvent::BlockStop { index });
    }
    ev.push(StreamEvent::MessageStop {
        stop_reason: resp.stop_reason.clone(),
        additional_fields: None,
    });
    ev.push(StreamEvent::Metadata {
        usage: resp.usage,
        latency_ms: None,
        trace: None,
    });
    ev
}

#[derive(Debug)]
enum Open {
    Text(String),
    Reasoning {
        text: String,
        signature: Option<String>,
        redacted: Option<String>,
    },
    Call {
        call_id: String,
        name: String,
        args: String,
    },
}

#[derive(Debug)]
struct OpenItem {
    output_index: usize,
    id: String,
    kind: Open,
}

/// Turns stream events into Responses stream events.
#[derive(Debug)]
pub struct ResponsesEncoder {
    head: Head,
    seq: u64,
    /// Finished items by output index; `Null` while one is open.
    output: Vec<Value>,
    /// Block index → the item it feeds.
    open: Vec<(u32, OpenItem)>,
    /// The answer tool of the forced-tool technique, streamed as a message.
    json_tool: Option<String>,
    /// Bedrock-run tool blocks, left out.
    skipped: Vec<u32>,
    stop: Option<StopReason>,
    usage: Option<Usage>,
    done: bool,
}

impl ResponsesEncoder {
    pub fn new(head: Head) -> Self {
        ResponsesEncoder {
            head,
            seq: 0,
            output: Vec::new(),
            open: Vec::new(),
            json_tool: None,
            skipped: Vec::new(),
            stop: None,
            usage: None,
            done: false,
        }
    }

    /// Streams calls to this tool (the JSON-schema answer tool) as message text.
    pub fn with_json_tool(mut self, name: impl Into<String>) -> Self {
        self.json_tool = Some(name.into());
        self
    }

    fn event(&mut self, ty: &str, mut fields: Value) -> Value {
        if let Some(o) = fields.as_object_mut() {
            o.insert("type".into(), json!(ty));
            o.insert("sequence_number".into(), json!(self.seq));
        }
        self.seq += 1;
        fields
    }

    fn snapshot(&self, stop: Option<&StopReason>, usage: Option<&Usage>) -> Value {
        let output = self
            .output
            .iter()
            .filter(|v| !v.is_null())
            .cloned()
            .collect();
        response_object(&self.head, output, stop, usage)
    }

    /// `response.created` and `response.in_progress`.
    pub fn start(&mut self) -> Vec<Value> {
        let r = self.snapshot(None, None);
        vec![
            self.event("response.created", json!({ "response": r })),
            self.event("response.in_progress", json!({ "response": r })),
        ]
    }

    fn find(&self, index: u32) -> Option<usize> {
        self.open.iter().position(|(i, _)| *i == index)
    }

    fn open_item(&mut self, index: u32, kind: Open, out: &mut Vec<Value>) -> usize {
        let output_index = self.output.len();
        self.output.push(Value::Null);
        let (prefix, item) = match &kind {
            Open::Text(_) => ("msg", None),
            Open::Reasoning { .. } => ("rs", None),
            Open::Call { call_id, name, .. } => ("fc", Some((call_id.clone(), name.clone()))),
        };
        let id = self.head.item_id(prefix, output_index);
        let item = match (&kind, item) {
            (Open::Text(_), _) => message_item(&id, "", "in_progress"),
            (Open::Call { .. }, Some((call_id, name))) => {
                call_item(&id, &call_id, &name, "", "in_progress")
            }
            _ => json!({ "id": id, "type": "reasoning", "summary": [] }),
        };
        out.push(self.event(
            "response.output_item.added",
            json!({ "output_index": output_index, "item": item }),
        ));
        match &kind {
            Open::Text(_) => out.push(self.event(
                "response.content_part.added",
                json!({ "item_id": id, "output_index": output_index, "content_index": 0,
                        "part": output_text("") }),
            )),
            Open::Reasoning { redacted: None, .. } => out.push(self.event(
                "response.reasoning_summary_part.added",
                json!({ "item_id": id, "output_index": output_index, "summary_index": 0,
                        "part": { "type": "summary_text", "text": "" } }),
            )),
            _ => {}
        }
        self.open.push((
            index,
            OpenItem {
                output_index,
                id,
                kind,
            },
        ));
        self.open.len() - 1
    }

    fn close(&mut self, pos: usize, out: &mut Vec<Value>) {
        let (_, item) = self.open.remove(pos);
        let (oi, id) = (item.output_index, item.id.clone());
        let done = match item.kind {
            Open::Text(text) => {
                out.push(self.event(
                    "response.output_text.done",
                    json!({ "item_id": id, "output_index": oi, "content_index": 0,
                            "text": text, "logprobs": [] }),
                ));
                out.push(self.event(
                    "response.content_part.done",
                    json!({ "item_id": id, "output_index": oi, "content_index": 0,
                            "part": output_text(&text) }),
                ));
                message_item(&id, &text, "completed")
            }
            Open::Reasoning {
                text,
                signature,
                redacted,
            } => {
                let part = match redacted {
                    Some(data) => Part::RedactedReasoning { data },
                    None => {
                        out.push(self.event(
                            "response.reasoning_summary_text.done",
                            json!({ "item_id": id, "output_index": oi, "summary_index": 0,
                                    "text": text }),
                        ));
                        out.push(self.event(
                            "response.reasoning_summary_part.done",
                            json!({ "item_id": id, "output_index": oi, "summary_index": 0,
                                    "part": { "type": "summary_text", "text": text } }),
                        ));
                        Part::Reasoning { text, signature }
                    }
                };
                reasoning_item(&id, &part)
            }
            Open::Call {
                call_id,
                name,
                args,
            } => {
                let args = if args.trim().is_empty() {
                    "{}".to_string()
                } else {
                    args
                };
                out.push(self.event(
                    "response.function_call_arguments.done",
                    json!({ "item_id": id, "output_index": oi, "name": name,
                            "arguments": args }),
                ));
                call_item(&id, &call_id, &name, &args, "completed")
            }
        };
        out.push(self.event(
            "response.output_item.done",
            json!({ "output_index": oi, "item": done }),
        ));
        self.output[oi] = done;
    }

    fn close_all(&mut self, out: &mut Vec<Value>) {
        while !self.open.is_empty() {
            self.close(0, out);
        }
    }

    /// The events for one stream event (often none).
    pub fn push(&mut self, ev: &StreamEvent) -> Vec<Value> {
        let mut out = Vec::new();
        if self.done {
            return out;
        }
        match ev {
            StreamEvent::TextDelta { index, text } => {
                if text.is_empty() && self.find(*index).is_none() {
                    return out;
                }
                self.text_delta(*index, text, &mut out);
            }
            StreamEvent::ReasoningDelta { index, text } => {
                let pos = self.reasoning(*index, false, &mut out);
                if let Open::Reasoning { text: t, .. } = &mut self.open[pos].1.kind {
                    t.push_str(text);
                }
                if !text.is_empty() {
                    let (oi, id) = (self.open[pos].1.output_index, self.open[pos].1.id.clone());
                    out.push(self.event(
                        "response.reasoning_summary_text.delta",
                        json!({ "item_id": id, "output_index": oi, "summary_index": 0,
                                "delta": text }),
                    ));
                }
            }
            StreamEvent::ReasoningSignature { index, signature } => {
                let pos = self.reasoning(*index, false, &mut out);
                if let Open::Reasoning { signature: s, .. } = &mut self.open[pos].1.kind {
                    *s = Some(signature.clone());
                }
            }
            StreamEvent::RedactedReasoning { index, data } => {
                let pos = self.reasoning(*index, true, &mut out);
                if let Open::Reasoning { redacted: r, .. } = &mut self.open[pos].1.kind {
                    *r = Some(data.clone());
                }
            }
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } => {
                if crate::message::is_server_tool(kind.as_deref()) {
                    self.skipped.push(*index);
                } else if self.json_tool.as_deref() == Some(name.as_str()) {
                    self.text_delta(*index, "", &mut out);
                } else {
                    if let Some(pos) = self.find(*index) {
                        self.close(pos, &mut out);
                    }
                    self.open_item(
                        *index,
                        Open::Call {
                            call_id: id.clone(),
                            name: name.clone(),
                            args: String::new(),
                        },
                        &mut out,
                    );
                }
            }
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment: frag,
            } => {
                let Some(pos) = self.find(*index) else {
                    return out;
                };
                let (oi, id) = (self.open[pos].1.output_index, self.open[pos].1.id.clone());
                match &mut self.open[pos].1.kind {
                    Open::Call { args, .. } => {
                        args.push_str(frag);
                        out.push(self.event(
                            "response.function_call_arguments.delta",
                            json!({ "item_id": id, "output_index": oi, "delta": frag }),
                        ));
                    }
                    Open::Text(_) => self.text_delta(*index, frag, &mut out),
                    Open::Reasoning { .. } => {}
                }
            }
            StreamEvent::BlockStop { index } => {
                if let Some(pos) = self.find(*index) {
                    self.close(pos, &mut out);
                }
            }
            StreamEvent::MessageStop { stop_reason, .. } => {
                self.stop = Some(
                    if self.json_tool.is_some() && *stop_reason == StopReason::ToolUse {
                        StopReason::EndTurn
                    } else {
                        stop_reason.clone()
                    },
                );
                self.close_all(&mut out);
            }
            StreamEvent::Metadata { usage, .. } => self.usage = Some(*usage),
            StreamEvent::MessageStart
            | StreamEvent::ToolResultStart { .. }
            | StreamEvent::ToolResultDelta { .. } => {}
        }
        out
    }

    fn reasoning(&mut self, index: u32, redacted: bool, out: &mut Vec<Value>) -> usize {
        match self.find(index) {
            Some(pos) if matches!(self.open[pos].1.kind, Open::Reasoning { .. }) => pos,
            other => {
                if let Some(pos) = other {
                    self.close(pos, out);
                }
                self.open_item(
                    index,
                    Open::Reasoning {
                        text: String::new(),
                        signature: None,
                        redacted: redacted.then(String::new),
                    },
                    out,
                )
            }
        }
    }

    fn text_delta(&mut self, index: u32, text: &str, out: &mut Vec<Value>) {
        let pos = match self.find(index) {
            Some(pos) if matches!(self.open[pos].1.kind, Open::Text(_)) => pos,
            other => {
                if let Some(pos) = other {
                    self.close(pos, out);
                }
                self.open_item(index, Open::Text(String::new()), out)
            }
        };
        if text.is_empty() {
            return;
        }
        let (oi, id) = (self.open[pos].1.output_index, self.open[pos].1.id.clone());
        if let Open::Text(t) = &mut self.open[pos].1.kind {
            t.push_str(text);
        }
        out.push(self.event(
            "response.output_text.delta",
            json!({ "item_id": id, "output_index": oi, "content_index": 0,
                    "delta": text, "logprobs": [] }),
        ));
    }

    /// The closing events at the end of the stream: open items closed, then
    /// `response.completed` (or `response.incomplete`) with the whole response and usage.
    pub fn finish(&mut self) -> Vec<Value> {
        let mut out = Vec::new();
        if self.done {
            return out;
        }
        self.close_all(&mut out);
        self.done = true;
        let stop = self.stop.clone().unwrap_or(StopReason::EndTurn);
        let r = self.snapshot(Some(&stop), self.usage.as_ref());
        let ty = if r["status"] == "incomplete" {
            "response.incomplete"
        } else {
            "response.completed"
        };
        out.push(self.event(ty, json!({ "response": r })));
        out
    }

    /// The response as it ended (after [`finish`](Self::finish)).
    pub fn response(&self) -> Value {
        let stop = self.stop.clone().unwrap_or(StopReason::EndTurn);
        self.snapshot(Some(&stop), self.usage.as_ref())
    }

    /// A stream that broke midway: an `error` event, then `response.failed` with what was
    /// finished so far.
    pub fn fail(&mut self, code: &str, message: &str) -> Vec<Value> {
        if self.done {
            return Vec::new();
        }
        self.done = true;
        self.open.clear();
        let mut r = self.snapshot(None, self.usage.as_ref());
        r["status"] = json!("failed");
        r["error"] = json!({ "code": code, "message": message });
        vec![
            self.event(
                "error",
                json!({ "code": code, "message": message, "param": null }),
            ),
            self.event("response.failed", json!({ "response": r })),
        ]
    }
}

#[cfg(test)]
mod tests;

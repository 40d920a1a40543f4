//! OpenAI chat.completions JSON in and out, the way LiteLLM and the Bedrock Access Gateway map
//! it: requests become a `ChatRequest`; responses and stream events become `chat.completion`
//! and `chat.completion.chunk` objects, with reasoning in `reasoning_content` and
//! `thinking_blocks` (signatures kept) and usage counting cached prompt tokens.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::attach;
use super::converse::{ChatResponse, StopReason, Usage};
use super::error::{Error, Result};
use super::message::{
    Conversation, GuardQualifier, Message, Part, Role, SystemPart, ToolChoice, ToolResultContent,
};
use super::request::{
    ChatRequest, Guardrail, JsonSchema, PerformanceLatency, ReasoningLevel, ServiceTier,
};
use super::stream::StreamEvent;
use super::tools::parse_tool;

/// OpenAI fields with no Bedrock meaning; accepted and reported, never sent.
const IGNORED_FIELDS: &[&str] = &[
    "user",
    "metadata",
    "store",
    "seed",
    "logprobs",
    "top_logprobs",
    "logit_bias",
    "frequency_penalty",
    "presence_penalty",
    "parallel_tool_calls",
    "modalities",
    "audio",
    "prediction",
    "web_search_options",
    "safety_identifier",
    "prompt_cache_key",
    "verbosity",
    "functions",
    "function_call",
];

/// A parsed chat.completions request.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenAiRequest {
    /// The `model` field, as the client sent it (may be an alias to resolve); empty if absent.
    pub model: String,
    pub stream: bool,
    /// `stream_options.include_usage`.
    pub include_usage: bool,
    /// Everything else; `model_id` is `model`.
    pub request: ChatRequest,
    /// OpenAI fields that were present and have no Bedrock equivalent.
    pub ignored: Vec<String>,
}

fn bad(msg: impl Into<String>) -> Error {
    Error::OpenAi(msg.into())
}

fn as_u32(v: &Value, field: &str) -> Result<u32> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| bad(format!("'{field}' must be a non-negative integer")))
}

fn as_f64(v: &Value, field: &str) -> Result<f64> {
    v.as_f64()
        .ok_or_else(|| bad(format!("'{field}' must be a number")))
}

/// Parses a request body.
pub fn parse_request_bytes(bytes: &[u8]) -> Result<OpenAiRequest> {
    let v: Value =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("the body is not JSON ({e})")))?;
    parse_request(&v)
}

/// Parses a request already read as JSON.
pub fn parse_request(v: &Value) -> Result<OpenAiRequest> {
    let obj = with_extra_body(
        v.as_object()
            .ok_or_else(|| bad("the body must be a JSON object"))?,
    )?;
    let obj = &obj;
    // A body without a model is fine: the caller supplies one (brock's -m or its config).
    let model = match obj.get("model") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(m)) => m.trim().to_string(),
        Some(_) => return Err(bad("'model' must be a string")),
    };
    let messages = obj
        .get("messages")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("'messages' must be an array"))?;

    let mut req = ChatRequest::new(model.clone(), parse_messages(messages)?);
    let mut ignored = Vec::new();
    let mut stream = false;
    let mut include_usage = false;
    let mut max_tokens = None;
    let mut max_completion_tokens = None;

    for (key, val) in obj {
        if val.is_null() {
            continue;
        }
        match key.as_str() {
            "model" | "messages" => {}
            "stream" => {
                stream = val
                    .as_bool()
                    .ok_or_else(|| bad("'stream' must be a boolean"))?
            }
            "stream_options" => {
                include_usage = val
                    .get("include_usage")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            }
            "n" => {
                let n = as_u32(val, "n")?;
                if n != 1 {
                    return Err(bad(format!(
                        "n = {n} is not supported: Bedrock returns one answer per request"
                    )));
                }
            }
            "max_tokens" => max_tokens = Some(as_u32(val, key)?),
            "max_completion_tokens" => max_completion_tokens = Some(as_u32(val, key)?),
            "temperature" => req.inference.temperature = Some(as_f64(val, key)?),
            "top_p" => req.inference.top_p = Some(as_f64(val, key)?),
            "top_k" => req.top_k = Some(as_u32(val, key)?),
            "stop" => {
                req.inference.stop = match val {
                    Value::String(s) if s.is_empty() => Vec::new(),
                    Value::String(s) => vec![s.clone()],
                    Value::Array(a) => a
                        .iter()
                        .map(|s| s.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| bad("'stop' must be a string or an array of strings"))?,
                    _ => return Err(bad("'stop' must be a string or an array of strings")),
                }
            }
            "tools" => {
                let tools = val
                    .as_array()
                    .ok_or_else(|| bad("'tools' must be an array"))?;
                for (i, t) in tools.iter().enumerate() {
                    req.tools
                        .push(parse_tool(t).map_err(|e| bad(format!("tools[{i}]: {e}")))?);
                }
            }
            "tool_choice" => req.tool_choice = Some(parse_tool_choice(val)?),
            "response_format" => req.json_schema = parse_response_format(val)?,
            "reasoning_effort" => {
                let s = val
                    .as_str()
                    .ok_or_else(|| bad("'reasoning_effort' must be a string"))?;
                req.reasoning = Some(s.parse().map_err(|_| {
                    bad(format!(
                        "reasoning_effort '{s}' is not one of none, minimal, low, medium, high"
                    ))
                })?);
            }
            "thinking" => req.reasoning = Some(parse_thinking(val)?),
            "service_tier" => {
                req.service_tier = match val.as_str() {
                    Some("auto") => None,
                    Some(s) => Some(s.parse::<ServiceTier>().map_err(|e| bad(e.to_string()))?),
                    None => return Err(bad("'service_tier' must be a string")),
                }
            }
            // Converse's own top-level request fields, given by their Bedrock names (LiteLLM's
            // pass-through does the same); they go beside `messages`, never into
            // `additionalModelRequestFields`.
            "guardrailConfig" => req.guardrail = Some(parse_guardrail(val)?),
            "requestMetadata" => req.request_metadata = string_map(val, key)?,
            "additionalModelResponseFieldPaths" => {
                req.response_field_paths = val
                    .as_array()
                    .and_then(|a| {
                        a.iter()
                            .map(|s| s.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| {
                        bad("'additionalModelResponseFieldPaths' must be an array of strings")
                    })?
            }
            "serviceTier" => {
                let t = val
                    .get("type")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("'serviceTier.type' must be a string"))?;
                req.service_tier = Some(t.parse::<ServiceTier>().map_err(|e| bad(e.to_string()))?);
            }
            "promptVariables" => {
                req.prompt_variables = val
                    .as_object()
                    .cloned()
                    .ok_or_else(|| bad("'promptVariables' must be an object"))?
            }
            "additionalModelRequestFields" => {
                let fields = val
                    .as_object()
                    .ok_or_else(|| bad("'additionalModelRequestFields' must be an object"))?;
                super::request::deep_merge(&mut req.additional_fields, fields);
            }
            "performanceConfig" => {
                let l = val
                    .get("latency")
                    .and_then(Value::as_str)
                    .ok_or_else(|| bad("'performanceConfig.latency' must be a string"))?;
                req.performance_latency = Some(
                    l.parse::<PerformanceLatency>()
                        .map_err(|e| bad(e.to_string()))?,
                );
            }
            "anthropic_beta" => {
                req.anthropic_beta = val
                    .as_array()
                    .and_then(|a| {
                        a.iter()
                            .map(|s| s.as_str().map(str::to_string))
                            .collect::<Option<Vec<_>>>()
                    })
                    .ok_or_else(|| bad("'anthropic_beta' must be an array of strings"))?
            }
            k if IGNORED_FIELDS.contains(&k) => ignored.push(k.to_string()),
            // Anything else is a provider field, passed to the model as LiteLLM does.
            k => {
                req.additional_fields.insert(k.to_string(), val.clone());
            }
        }
    }
    req.inference.max_tokens = max_completion_tokens.or(max_tokens);
    Ok(OpenAiRequest {
        model,
        stream,
        include_usage,
        request: req,
        ignored,
    })
}

/// The body the OpenAI SDK would have sent: its `extra_body` argument is merged into the top
/// level of the JSON (keys in it win), so a literal `extra_body` object, as curl examples in
/// gateway guides send, means the same as the SDK call it imitates.
fn with_extra_body(obj: &Map<String, Value>) -> Result<Map<String, Value>> {
    let mut out = obj.clone();
    match out.remove("extra_body") {
        None | Some(Value::Null) => {}
        Some(Value::Object(extra)) => {
            for (k, v) in extra {
                if k == "extra_body" {
                    return Err(bad("'extra_body' cannot contain another 'extra_body'"));
                }
                out.insert(k, v);
            }
        }
        Some(_) => return Err(bad("'extra_body' must be an object")),
    }
    Ok(out)
}

fn string_map(v: &Value, field: &str) -> Result<BTreeMap<String, String>> {
    v.as_object()
        .and_then(|o| {
            o.iter()
                .map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect::<Option<BTreeMap<_, _>>>()
        })
        .ok_or_else(|| bad(format!("'{field}' must be an object of strings")))
}

fn parse_guardrail(v: &Value) -> Result<Guardrail> {
    let s = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| bad(format!("'guardrailConfig.{k}' must be a string")))
    };
    Ok(Guardrail {
        id: s("guardrailIdentifier")?,
        version: s("guardrailVersion")?,
        trace: matches!(
            v.get("trace").and_then(Value::as_str),
            Some("enabled" | "enabled_full")
        ),
    })
}

fn parse_thinking(v: &Value) -> Result<ReasoningLevel> {
    match v.get("type").and_then(Value::as_str) {
        Some("disabled") => Ok(ReasoningLevel::Off),
        Some("enabled") => match v.get("budget_tokens") {
            Some(b) => Ok(ReasoningLevel::Budget(as_u32(b, "thinking.budget_tokens")?)),
            None => Ok(ReasoningLevel::Medium),
        },
        Some("adaptive") => Ok(ReasoningLevel::Medium),
        _ => Err(bad(
            "'thinking' must be {\"type\": \"enabled\", \"budget_tokens\": N} or {\"type\": \"disabled\"}",
        )),
    }
}

fn parse_tool_choice(v: &Value) -> Result<ToolChoice> {
    match v {
        Value::String(s) => match s.as_str() {
            "auto" => Ok(ToolChoice::Auto),
            "none" => Ok(ToolChoice::None),
            "required" | "any" => Ok(ToolChoice::Any),
            other => Err(bad(format!(
                "tool_choice '{other}' is not one of auto, none, required"
            ))),
        },
        Value::Object(o) => {
            let name = o
                .get("function")
                .and_then(|f| f.get("name"))
                .or_else(|| o.get("name"))
                .and_then(Value::as_str)
                .ok_or_else(|| bad("tool_choice object needs function.name"))?;
            Ok(ToolChoice::Tool(name.to_string()))
        }
        _ => Err(bad("'tool_choice' must be a string or an object")),
    }
}

fn parse_response_format(v: &Value) -> Result<Option<JsonSchema>> {
    match v.get("type").and_then(Value::as_str) {
        Some("text") => Ok(None),
        Some("json_object") => Ok(Some(JsonSchema::any_object())),
        Some("json_schema") => {
            let js = v
                .get("json_schema")
                .ok_or_else(|| bad("response_format json_schema needs a 'json_schema' object"))?;
            let schema = js
                .get("schema")
                .cloned()
                .ok_or_else(|| bad("response_format json_schema needs 'json_schema.schema'"))?;
            Ok(Some(JsonSchema {
                name: js
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or(JsonSchema::DEFAULT_NAME)
                    .to_string(),
                description: js
                    .get("description")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                schema: Some(schema),
            }))
        }
        _ => Err(bad(
            "response_format type must be text, json_object or json_schema",
        )),
    }
}

/// Reads `data:MIME;base64,DATA`.
fn data_url(url: &str) -> Result<(String, Vec<u8>)> {
    let Some(rest) = url.strip_prefix("data:") else {
        let shown: String = url.chars().take(60).collect();
        return Err(bad(format!(
            "only data: URLs are supported for images and files (brock does not fetch {shown})"
        )));
    };
    let (meta, data) = rest
        .split_once(',')
        .ok_or_else(|| bad("a data: URL has no ','"))?;
    let mime = meta.split(';').next().unwrap_or_default().to_string();
    if !meta.split(';').any(|p| p == "base64") {
        return Err(bad("only base64 data: URLs are supported"));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .map_err(|e| bad(format!("a data: URL is not valid base64 ({e})")))?;
    Ok((mime, bytes))
}

/// A file name whose extension tells `attach` the format the MIME type names.
pub fn name_for_mime(mime: &str, fallback: &str) -> String {
    let ext = match mime {
        "image/png" => "png",
        "image/jpeg" | "image/jpg" => "jpeg",
        "image/gif" => "gif",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        "text/csv" => "csv",
        "text/html" => "html",
        "text/markdown" => "md",
        "text/plain" => "txt",
        "application/msword" => "doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.ms-excel" => "xls",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        "video/mp4" => "mp4",
        "video/quicktime" => "mov",
        "video/webm" => "webm",
        "video/x-matroska" => "mkv",
        _ => "",
    };
    if ext.is_empty() {
        fallback.to_string()
    } else {
        format!("{fallback}.{ext}")
    }
}

fn image_part(item: &Value) -> Result<Part> {
    let url = match item.get("image_url") {
        Some(Value::String(s)) => s.as_str(),
        Some(o) => o
            .get("url")
            .and_then(Value::as_str)
            .ok_or_else(|| bad("image_url needs a 'url'"))?,
        None => return Err(bad("image_url part without 'image_url'")),
    };
    let (mime, bytes) = data_url(url)?;
    attach::attachment_part(&name_for_mime(&mime, "image"), bytes).map_err(|e| bad(e.to_string()))
}

fn file_part(item: &Value) -> Result<Part> {
    let file = item
        .get("file")
        .ok_or_else(|| bad("file part without 'file'"))?;
    if file.get("file_id").is_some() && file.get("file_data").is_none() {
        return Err(bad(
            "file ids are not supported; send the file as file_data",
        ));
    }
    let data = file
        .get("file_data")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("file part needs 'file.file_data'"))?;
    let (mime, bytes) = data_url(data)?;
    let name = match file.get("filename").and_then(Value::as_str) {
        Some(n) if !n.trim().is_empty() => n.to_string(),
        _ => name_for_mime(&mime, "Document"),
    };
    attach::attachment_part(&name, bytes).map_err(|e| bad(e.to_string()))
}

fn guarded_text_part(item: &Value, role: &str) -> Result<Part> {
    let text = item
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| bad(format!("{role} guarded_text part without 'text'")))?;
    let qualifiers = match item.get("qualifiers") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(qs)) => qs
            .iter()
            .map(|q| {
                q.as_str().and_then(GuardQualifier::parse).ok_or_else(|| {
                    bad(format!(
                        "guarded_text qualifier {q} is not one of grounding_source, query, guard_content"
                    ))
                })
            })
            .collect::<Result<_>>()?,
        Some(_) => return Err(bad("guarded_text 'qualifiers' must be an array")),
    };
    Ok(Part::GuardedText {
        text: text.to_string(),
        qualifiers,
    })
}

fn cache_marked(v: &Value) -> bool {
    v.get("cache_control").is_some_and(|c| !c.is_null())
}

/// The parts of a `content` field: a string, null, or an array of typed parts.
fn content_parts(content: Option<&Value>, role: &str) -> Result<Vec<Part>> {
    let mut parts = Vec::new();
    match content {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            if !s.is_empty() {
                parts.push(Part::text(s.clone()));
            }
        }
        Some(Value::Array(items)) => {
            for item in items {
                let ty = item.get("type").and_then(Value::as_str).unwrap_or("");
                match ty {
                    "text" | "input_text" | "output_text" | "refusal" => {
                        let key = if ty == "refusal" { "refusal" } else { "text" };
                        let text = item
                            .get(key)
                            .and_then(Value::as_str)
                            .ok_or_else(|| bad(format!("{role} {ty} part without '{key}'")))?;
                        if !text.is_empty() {
                            parts.push(Part::text(text));
                        }
                    }
                    "image_url" => parts.push(image_part(item)?),
                    "file" => parts.push(file_part(item)?),
                    // LiteLLM's Bedrock extension: text only the guardrail checks (a Converse
                    // guardContent block).
                    "guarded_text" => parts.push(guarded_text_part(item, role)?),
                    "thinking" => parts.push(Part::Reasoning {
                        text: item
                            .get("thinking")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                        signature: item
                            .get("signature")
                            .and_then(Value::as_str)
                            .map(str::to_string),
                    }),
                    "redacted_thinking" => parts.push(Part::RedactedReasoning {
                        data: item
                            .get("data")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string(),
                    }),
                    "input_audio" => {
                        return Err(bad("audio input is not supported by the Converse API"));
                    }
                    other => {
                        return Err(bad(format!(
                            "{role} content part type '{other}' is not supported"
                        )));
                    }
                }
                if cache_marked(item) {
                    parts.push(Part::cache_point());
                }
            }
        }
        Some(_) => return Err(bad(format!("{role} content must be a string or an array"))),
    }
    attach::dedupe_document_names(&mut parts);
    Ok(parts)
}

fn reasoning_parts(m: &Value) -> Vec<Part> {
    if let Some(blocks) = m.get("thinking_blocks").and_then(Value::as_array) {
        return blocks
            .iter()
            .filter_map(|b| match b.get("type").and_then(Value::as_str) {
                Some("thinking") => Some(Part::Reasoning {
                    text: b
                        .get("thinking")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    signature: b
                        .get("signature")
                        .and_then(Value::as_str)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                }),
                Some("redacted_thinking") => Some(Part::RedactedReasoning {
                    data: b.get("data").and_then(Value::as_str)?.to_string(),
                }),
                _ => None,
            })
            .collect();
    }
    match m.get("reasoning_content").and_then(Value::as_str) {
        Some(r) if !r.is_empty() => vec![Part::Reasoning {
            text: r.to_string(),
            signature: None,
        }],
        _ => Vec::new(),
    }
}

fn tool_call_parts(m: &Value) -> Result<Vec<Part>> {
    let Some(calls) = m.get("tool_calls").filter(|c| !c.is_null()) else {
        return Ok(Vec::new());
    };
    let calls = calls
        .as_array()
        .ok_or_else(|| bad("'tool_calls' must be an array"))?;
    calls
        .iter()
        .map(|c| {
            let id = c
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| bad("a tool call has no 'id'"))?;
            let f = c
                .get("function")
                .ok_or_else(|| bad(format!("tool call {id} has no 'function'")))?;
            let name = f
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| bad(format!("tool call {id} has no function name")))?;
            let input = match f.get("arguments") {
                None | Some(Value::Null) => json!({}),
                Some(Value::String(s)) if s.trim().is_empty() => json!({}),
                Some(Value::String(s)) => serde_json::from_str(s).map_err(|e| {
                    bad(format!(
                        "tool call {id}: arguments are not valid JSON ({e})"
                    ))
                })?,
                Some(other) => other.clone(),
            };
            Ok(Part::ToolUse {
                id: id.to_string(),
                name: name.to_string(),
                input,
                kind: None,
            })
        })
        .collect()
}

fn tool_result_content(content: Option<&Value>) -> Result<Vec<ToolResultContent>> {
    let parts = content_parts(content, "tool")?;
    let out: Vec<ToolResultContent> = parts
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
            Part::Video { format, source } => Some(ToolResultContent::Video { format, source }),
            _ => None,
        })
        .collect();
    Ok(out)
}

fn parse_messages(messages: &[Value]) -> Result<Conversation> {
    let mut conv = Conversation::new();
    for (i, m) in messages.iter().enumerate() {
        let role = m
            .get("role")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(format!("messages[{i}] has no role")))?;
        let content = m.get("content");
        let with_ctx = |e: Error| match e {
            Error::OpenAi(msg) => bad(format!("messages[{i}]: {msg}")),
            other => other,
        };
        match role {
            "system" | "developer" => {
                for p in content_parts(content, role).map_err(with_ctx)? {
                    conv.system.push(match p {
                        Part::Text { text } => SystemPart::Text { text },
                        Part::CachePoint { ttl } => SystemPart::CachePoint { ttl },
                        _ => {
                            return Err(bad(format!(
                                "messages[{i}]: a {role} message can only hold text"
                            )));
                        }
                    });
                }
                if cache_marked(m) {
                    conv.system.push(SystemPart::CachePoint { ttl: None });
                }
            }
            "user" => {
                let mut parts = content_parts(content, role).map_err(with_ctx)?;
                if cache_marked(m) {
                    parts.push(Part::cache_point());
                }
                conv.push(Message::new(Role::User, parts));
            }
            "assistant" => {
                let mut parts = reasoning_parts(m);
                parts.extend(content_parts(content, role).map_err(with_ctx)?);
                parts.extend(tool_call_parts(m).map_err(with_ctx)?);
                if cache_marked(m) {
                    parts.push(Part::cache_point());
                }
                conv.push(Message::new(Role::Assistant, parts));
            }
            "tool" => {
                let id = m
                    .get("tool_call_id")
                    .and_then(Value::as_str)
                    .ok_or_else(|| {
                        bad(format!("messages[{i}]: a tool message needs tool_call_id"))
                    })?;
                let result = Part::ToolResult {
                    tool_use_id: id.to_string(),
                    content: tool_result_content(content).map_err(with_ctx)?,
                    status: None,
                    kind: None,
                };
                conv.push(Message::new(Role::User, vec![result]));
            }
            "function" => {
                return Err(bad(format!(
                    "messages[{i}]: the legacy 'function' role is not supported; use tool messages"
                )));
            }
            other => {
                return Err(bad(format!("messages[{i}]: unknown role '{other}'")));
            }
        }
    }
    Ok(conv)
}

// ---------------------------------------------------------------------------------------------
// Out

/// OpenAI's finish_reason for a stop reason.
pub fn finish_reason(stop: &StopReason, has_tool_calls: bool) -> &'static str {
    match stop {
        StopReason::ToolUse if has_tool_calls => "tool_calls",
        StopReason::MaxTokens | StopReason::ModelContextWindowExceeded => "length",
        StopReason::GuardrailIntervened | StopReason::ContentFiltered => "content_filter",
        _ if has_tool_calls => "tool_calls",
        _ => "stop",
    }
}

/// OpenAI usage as LiteLLM reports Bedrock's: prompt tokens include cache reads and writes.
pub fn usage_json(u: &Usage) -> Value {
    let prompt = u.input + u.cache_read + u.cache_write;
    let total = if u.total > 0 {
        u.total
    } else {
        prompt + u.output
    };
    json!({
        "prompt_tokens": prompt,
        "completion_tokens": u.output,
        "total_tokens": total,
        "prompt_tokens_details": { "cached_tokens": u.cache_read },
        "cache_creation_input_tokens": u.cache_write,
        "cache_read_input_tokens": u.cache_read,
    })
}

fn thinking_blocks(parts: &[Part]) -> Vec<Value> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Reasoning { text, signature } => {
                let mut b = Map::new();
                b.insert("type".into(), json!("thinking"));
                b.insert("thinking".into(), json!(text));
                if let Some(s) = signature {
                    b.insert("signature".into(), json!(s));
                }
                Some(Value::Object(b))
            }
            Part::RedactedReasoning { data } => {
                Some(json!({ "type": "redacted_thinking", "data": data }))
            }
            _ => None,
        })
        .collect()
}

/// A response as a `chat.completion` object. `id` and `created` come from the caller since
/// the core reads no clock.
pub fn chat_completion(resp: &ChatResponse, model: &str, id: &str, created: u64) -> Value {
    let content = &resp.message.content;
    let text = resp.message.text();
    let calls: Vec<Value> = content
        .iter()
        .filter_map(|p| match p {
            Part::ToolUse {
                id,
                name,
                input,
                kind,
            } if !super::message::is_server_tool(kind.as_deref()) => Some(json!({
                "id": id,
                "type": "function",
                "function": { "name": name, "arguments": input.to_string() },
            })),
            _ => None,
        })
        .collect();
    let mut message = Map::new();
    message.insert("role".into(), json!("assistant"));
    message.insert(
        "content".into(),
        if text.is_empty() && !calls.is_empty() {
            Value::Null
        } else {
            json!(text)
        },
    );
    let reasoning = resp.message.reasoning_text();
    if !reasoning.is_empty() {
        message.insert("reasoning_content".into(), json!(reasoning));
    }
    let blocks = thinking_blocks(content);
    if !blocks.is_empty() {
        message.insert("thinking_blocks".into(), Value::Array(blocks));
    }
    let finish = finish_reason(&resp.stop_reason, !calls.is_empty());
    if !calls.is_empty() {
        message.insert("tool_calls".into(), Value::Array(calls));
    }
    let server = server_tool_calls(content);
    if !server.is_empty() {
        message.insert("server_tool_calls".into(), Value::Array(server));
    }
    json!({
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [{ "index": 0, "message": message, "finish_reason": finish }],
        "usage": usage_json(&resp.usage),
    })
}

/// The tools Bedrock ran itself (Nova's code interpreter), each with its result when the answer
/// has it: `{"id", "name", "input", "result": {"status", "type", "content"}}`. brock's own
/// field (OpenAI has none for this), on the message of `--output json`.
pub fn server_tool_calls(content: &[Part]) -> Vec<Value> {
    content
        .iter()
        .filter_map(|p| match p {
            Part::ToolUse {
                id,
                name,
                input,
                kind,
            } if super::message::is_server_tool(kind.as_deref()) => {
                let mut call = json!({ "id": id, "name": name, "input": input });
                let result = content.iter().find_map(|q| match q {
                    Part::ToolResult {
                        tool_use_id,
                        content,
                        status,
                        kind,
                    } if tool_use_id == id => Some(server_tool_result(content, *status, kind)),
                    _ => None,
                });
                if let Some(r) = result {
                    call["result"] = r;
                }
                Some(call)
            }
            _ => None,
        })
        .collect()
}

/// One server tool result as it appears in `server_tool_calls`.
pub fn server_tool_result(
    content: &[ToolResultContent],
    status: Option<super::message::ToolStatus>,
    kind: &Option<String>,
) -> Value {
    let mut r = json!({ "content": content });
    if let Some(s) = status {
        r["status"] = json!(s.as_str());
    }
    if let Some(k) = kind {
        r["type"] = json!(k);
    }
    r
}

type PendingResult = (
    String,
    Option<super::message::ToolStatus>,
    Option<String>,
    Vec<ToolResultContent>,
);

/// Follows the server-tool blocks of a stream and hands back each one as it completes: a call
/// `{"id", "name", "input"}` at the end of its input, then `{"id", "result": {…}}` at the end
/// of its result (the two halves of a [`server_tool_calls`] entry, joined by `id`).
#[derive(Debug, Default)]
pub struct ServerTools {
    /// Block index → (id, name, input JSON so far).
    calls: BTreeMap<u32, (String, String, String)>,
    /// Block index → (tool use id, status, type, content so far).
    results: BTreeMap<u32, PendingResult>,
}

impl ServerTools {
    pub fn push(&mut self, ev: &StreamEvent) -> Option<Value> {
        match ev {
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } if super::message::is_server_tool(kind.as_deref()) => {
                self.calls
                    .insert(*index, (id.clone(), name.clone(), String::new()));
                None
            }
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment,
            } => {
                if let Some(c) = self.calls.get_mut(index) {
                    c.2.push_str(input_json_fragment);
                }
                None
            }
            StreamEvent::ToolResultStart {
                index,
                tool_use_id,
                status,
                kind,
            } => {
                self.results.insert(
                    *index,
                    (tool_use_id.clone(), *status, kind.clone(), Vec::new()),
                );
                None
            }
            StreamEvent::ToolResultDelta { index, content } => {
                if let Some(r) = self.results.get_mut(index) {
                    r.3.extend(content.iter().cloned());
                }
                None
            }
            StreamEvent::BlockStop { index } => {
                if let Some((id, name, raw)) = self.calls.remove(index) {
                    let input = if raw.trim().is_empty() {
                        json!({})
                    } else {
                        serde_json::from_str(&raw).unwrap_or(Value::String(raw))
                    };
                    return Some(json!({ "id": id, "name": name, "input": input }));
                }
                let (id, status, kind, content) = self.results.remove(index)?;
                Some(json!({ "id": id, "result": server_tool_result(&content, status, &kind) }))
            }
            _ => None,
        }
    }
}

/// Turns stream events into `chat.completion.chunk` objects.
#[derive(Debug)]
pub struct ChunkEncoder {
    id: String,
    model: String,
    created: u64,
    /// Block index of each tool call to its OpenAI `tool_calls[].index`.
    tool_calls: BTreeMap<u32, usize>,
    /// The answer tool of the forced-tool technique, streamed as content.
    json_tool: Option<String>,
    json_blocks: Vec<u32>,
    /// Bedrock-run tool calls, streamed as `server_tool_calls` instead of `tool_calls`.
    server: ServerTools,
    finish: Option<&'static str>,
    done: bool,
}

impl ChunkEncoder {
    pub fn new(id: impl Into<String>, model: impl Into<String>, created: u64) -> Self {
        ChunkEncoder {
            id: id.into(),
            model: model.into(),
            created,
            tool_calls: BTreeMap::new(),
            json_tool: None,
            json_blocks: Vec::new(),
            server: ServerTools::default(),
            finish: None,
            done: false,
        }
    }

    /// Streams calls to this tool (the JSON-schema answer tool) as content.
    pub fn with_json_tool(mut self, name: impl Into<String>) -> Self {
        self.json_tool = Some(name.into());
        self
    }

    fn chunk(&self, delta: Value, finish: Option<&str>, usage: Option<Value>) -> Value {
        let mut c = json!({
            "id": self.id,
            "object": "chat.completion.chunk",
            "created": self.created,
            "model": self.model,
            "choices": [{ "index": 0, "delta": delta, "finish_reason": finish }],
        });
        if let (Some(u), Some(o)) = (usage, c.as_object_mut()) {
            o.insert("usage".into(), u);
        }
        c
    }

    /// The chunks for one event (often none).
    pub fn push(&mut self, ev: &StreamEvent) -> Vec<Value> {
        if self.done {
            return Vec::new();
        }
        if let Some(entry) = self.server.push(ev) {
            return vec![self.chunk(json!({ "server_tool_calls": [entry] }), None, None)];
        }
        let delta = match ev {
            StreamEvent::MessageStart => json!({ "role": "assistant", "content": "" }),
            StreamEvent::TextDelta { text, .. } if text.is_empty() => return Vec::new(),
            StreamEvent::TextDelta { text, .. } => json!({ "content": text }),
            StreamEvent::ReasoningDelta { text, .. } if text.is_empty() => return Vec::new(),
            StreamEvent::ReasoningDelta { text, .. } => json!({
                "reasoning_content": text,
                "thinking_blocks": [{ "type": "thinking", "thinking": text }],
            }),
            StreamEvent::ReasoningSignature { signature, .. } => json!({
                "thinking_blocks": [{ "type": "thinking", "thinking": "", "signature": signature }],
            }),
            StreamEvent::RedactedReasoning { data, .. } => json!({
                "thinking_blocks": [{ "type": "redacted_thinking", "data": data }],
            }),
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } => {
                if super::message::is_server_tool(kind.as_deref()) {
                    return Vec::new();
                }
                if self.json_tool.as_deref() == Some(name.as_str()) {
                    self.json_blocks.push(*index);
                    return Vec::new();
                }
                let n = self.tool_calls.len();
                self.tool_calls.insert(*index, n);
                json!({ "tool_calls": [{
                    "index": n, "id": id, "type": "function",
                    "function": { "name": name, "arguments": "" },
                }] })
            }
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment,
            } => {
                if self.json_blocks.contains(index) {
                    json!({ "content": input_json_fragment })
                } else if let Some(n) = self.tool_calls.get(index) {
                    json!({ "tool_calls": [{
                        "index": n, "function": { "arguments": input_json_fragment },
                    }] })
                } else {
                    return Vec::new();
                }
            }
            StreamEvent::ToolResultStart { .. }
            | StreamEvent::ToolResultDelta { .. }
            | StreamEvent::BlockStop { .. } => return Vec::new(),
            StreamEvent::MessageStop { stop_reason, .. } => {
                self.finish = Some(if self.json_blocks.is_empty() {
                    finish_reason(stop_reason, !self.tool_calls.is_empty())
                } else {
                    "stop"
                });
                return Vec::new();
            }
            StreamEvent::Metadata { usage, .. } => {
                self.done = true;
                let finish = self.finish.unwrap_or("stop");
                return vec![self.chunk(json!({}), Some(finish), Some(usage_json(usage)))];
            }
        };
        vec![self.chunk(delta, None, None)]
    }

    /// The closing chunk if the stream ended without metadata.
    pub fn finish(&mut self) -> Vec<Value> {
        if self.done {
            return Vec::new();
        }
        self.done = true;
        vec![self.chunk(json!({}), Some(self.finish.unwrap_or("stop")), None)]
    }
}

pub mod responses;

#[cfg(test)]
mod tests;

//! InvokeModel / InvokeModelWithResponseStream: one body family per model (see
//! [`Family`]); each family parses its own native body. Anthropic Messages is here, the other
//! text families in `families`; embeddings live in `embed`, image generation in `image`, the
//! rerank bodies in `agent`.
//!
//! Bedrock validates native bodies against a JSON schema and reports violations as
//! `Malformed input request: <violation>, please reformat your input and try again.`

use base64::Engine;
use bytes::Bytes;
use serde_json::{Map, Value, json};

use crate::catalog::{Family, Model};
use crate::converse::{
    Block, ConverseRequest, Message, Reasoning, Role, ToolChoice, ToolResultContent, ToolSpec,
};
use crate::errors::ApiError;
use crate::eventstream;
use crate::generate::{self, Context, Generation, OutBlock};
use crate::reasoning;

mod families;

pub(crate) use families::imported;

/// A successful InvokeModel answer: body plus the token headers.
pub(crate) struct Invoked {
    pub body: Value,
    pub input_tokens: u64,
    pub output_tokens: Option<u64>,
    /// For streaming: the native chunks, in order (each becomes a `chunk` event).
    pub chunks: Vec<Value>,
}

/// Bedrock concatenates every schema violation without a separator (recorded:
/// `#: extraneous key [output_config] is not permitted#/thinking/type: adaptive is not a valid
/// enum value`).
pub(crate) fn malformed(violations: &[String]) -> ApiError {
    ApiError::validation(format!(
        "Malformed input request: {}, please reformat your input and try again.",
        violations.concat()
    ))
}

/// JSON-schema style checks of a native body's top level: required and permitted keys.
pub(crate) fn check_keys(
    body: &Map<String, Value>,
    required: &[&str],
    permitted: &[&str],
) -> Vec<String> {
    let mut v = Vec::new();
    for key in required {
        if !body.contains_key(*key) {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!("#: required key [{key}] not found"));
        }
    }
    for key in body.keys() {
        if !permitted.contains(&key.as_str()) {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!("#: extraneous key [{key}] is not permitted"));
        }
    }
    v
}

pub(crate) fn parse_native(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        Ok(_) => Err(malformed(&[
            "#: expected type: JSONObject, found: JSONArray".into(),
        ])),
        // Source: inferred.
        Err(_) => Err(ApiError::validation(
            "Malformed input request: Expected a JSON object, please reformat your input and try again.",
        )),
    }
}

pub(crate) fn invoke(
    model: &Model,
    body: &[u8],
    ctx: &Context,
    streaming: bool,
    opaque: bool,
) -> Result<Invoked, ApiError> {
    match model.family {
        Family::Anthropic => anthropic(model, body, ctx, streaming),
        Family::TitanEmbedText
        | Family::TitanEmbedImage
        | Family::CohereEmbed
        | Family::NovaEmbed
        | Family::TitanImage
        | Family::NovaCanvas
        | Family::Stability
        | Family::Rerank
            if streaming =>
        {
            // Source: inferred.
            Err(ApiError::validation(
                "The model is unsupported for streaming.",
            ))
        }
        Family::TitanEmbedText
        | Family::TitanEmbedImage
        | Family::CohereEmbed
        | Family::NovaEmbed => crate::embed::invoke(model, body),
        Family::TitanImage | Family::NovaCanvas | Family::Stability => {
            crate::image::invoke(model, body)
        }
        Family::Rerank => crate::agent::rerank_invoke(model, body),
        // An opaque ARN: take the family from the body.
        // Custom Model Import serves text models only: the body names the family.
        _ if opaque && families::is_imported(ctx.model_id) => {
            let native = parse_native(body)?;
            match families::kind_of_body(&native) {
                Some(kind) => families::invoke(kind, model, body, ctx, streaming),
                None => Err(not_implemented()),
            }
        }
        _ if opaque => {
            let native = parse_native(body)?;
            let by_body = crate::embed::family_of_body(&native)
                .or_else(|| crate::image::family_of_body(&native))
                .and_then(crate::catalog::find);
            if native.contains_key("anthropic_version") {
                anthropic(model, body, ctx, streaming)
            } else if let Some(m) = by_body {
                invoke(m, body, ctx, streaming, false)
            } else if let Some(kind) = families::kind_of_body(&native) {
                families::invoke(kind, model, body, ctx, streaming)
            } else {
                Err(not_implemented())
            }
        }
        _ => match families::kind_of(model) {
            Some(kind) => families::invoke(kind, model, body, ctx, streaming),
            None => Err(not_implemented()),
        },
    }
}

fn not_implemented() -> ApiError {
    // Source: the emulator's own (no Bedrock counterpart).
    ApiError::validation(
        "The brock emulator does not implement InvokeModel for this model family; use Converse.",
    )
}

// --- Anthropic Messages -----------------------------------------------------------------

const ANTHROPIC_KEYS: &[&str] = &[
    "anthropic_version",
    "anthropic_beta",
    "max_tokens",
    "messages",
    "system",
    "stop_sequences",
    "temperature",
    "top_p",
    "top_k",
    "tools",
    "tool_choice",
    "thinking",
    "metadata",
];

fn anthropic_blocks(content: &Value, path: &str) -> Result<Vec<Block>, ApiError> {
    // Source: inferred.
    let model_err = |m: String| ApiError::model(m);
    match content {
        Value::String(s) => Ok(vec![Block::Text(s.clone())]),
        Value::Array(items) => {
            let mut out = Vec::new();
            for (j, item) in items.iter().enumerate() {
                let p = format!("{path}.{j}");
                let ty = item.get("type").and_then(Value::as_str).unwrap_or("");
                check_anthropic_block(item, ty, &p)?;
                out.push(match ty {
                    "text" => Block::Text(
                        item.get("text")
                            .and_then(Value::as_str)
                            .ok_or_else(|| model_err(format!("{p}.text: Field required")))?
                            .to_string(),
                    ),
                    "image" => Block::Image { bytes: 0 },
                    "document" => Block::Document {
                        name: "document".into(),
                        bytes: 0,
                    },
                    "tool_use" => Block::ToolUse {
                        id: item.get("id").and_then(Value::as_str).unwrap_or("").into(),
                        name: item.get("name").and_then(Value::as_str).unwrap_or("").into(),
                        input: item.get("input").cloned().unwrap_or(json!({})),
                        server: false,
                    },
                    "tool_result" => Block::ToolResult {
                        id: item
                            .get("tool_use_id")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .into(),
                        content: match item.get("content") {
                            Some(Value::String(s)) => vec![ToolResultContent::Text(s.clone())],
                            Some(Value::Array(parts)) => parts
                                .iter()
                                .map(|c| match c.get("text").and_then(Value::as_str) {
                                    Some(t) => ToolResultContent::Text(t.to_string()),
                                    None => ToolResultContent::Json(c.clone()),
                                })
                                .collect(),
                            _ => Vec::new(),
                        },
                    },
                    "thinking" => Block::ReasoningText {
                        text: item.get("thinking").and_then(Value::as_str).unwrap_or("").into(),
                        signature: item.get("signature").and_then(Value::as_str).map(Into::into),
                    },
                    "redacted_thinking" => Block::RedactedReasoning(
                        item.get("data")
                            .and_then(Value::as_str)
                            .and_then(|d| base64::engine::general_purpose::STANDARD.decode(d).ok())
                            .unwrap_or_default(),
                    ),
                    other => {
                        return Err(model_err(format!(
                            "{p}: Input tag '{other}' found using 'type' does not match any of the expected tags: 'document', 'image', 'redacted_thinking', 'search_result', 'text', 'thinking', 'tool_result', 'tool_use'"
                        )));
                    }
                });
            }
            Ok(out)
        }
        _ => Err(model_err(format!("{path}: Input should be a valid list"))),
    }
}

/// The keys each Anthropic content block may have and those it must have (Anthropic's
/// Messages API reference; the messages are pydantic's, as Anthropic's API words them).
fn block_keys(ty: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match ty {
        "text" => (&["type", "text", "cache_control", "citations"], &["text"]),
        "image" => (&["type", "source", "cache_control"], &["source"]),
        "document" => (
            &[
                "type",
                "source",
                "title",
                "context",
                "citations",
                "cache_control",
            ],
            &["source"],
        ),
        "tool_use" => (
            &["type", "id", "name", "input", "cache_control"],
            &["id", "name", "input"],
        ),
        "tool_result" => (
            &[
                "type",
                "tool_use_id",
                "content",
                "is_error",
                "cache_control",
            ],
            &["tool_use_id"],
        ),
        "thinking" => (&["type", "thinking", "signature"], &["thinking"]),
        "redacted_thinking" => (&["type", "data"], &["data"]),
        "search_result" => (
            &[
                "type",
                "source",
                "title",
                "content",
                "citations",
                "cache_control",
            ],
            &["source", "title", "content"],
        ),
        _ => return None,
    })
}

/// A content block as Anthropic's API checks it before the model sees it: no unknown keys,
/// the required ones present, `cache_control` and media sources well formed.
fn check_anthropic_block(item: &Value, ty: &str, p: &str) -> Result<(), ApiError> {
    // Source: inferred (Anthropic's pydantic validation messages, relayed by Bedrock).
    let Some((allowed, required)) = block_keys(ty) else {
        return Ok(()); // the caller names the unknown tag
    };
    let obj = item.as_object().into_iter().flatten();
    for (k, _) in obj {
        if !allowed.contains(&k.as_str()) {
            return Err(ApiError::model(format!(
                "{p}.{ty}.{k}: Extra inputs are not permitted"
            )));
        }
    }
    for k in required {
        if item.get(*k).is_none_or(Value::is_null) {
            return Err(ApiError::model(format!("{p}.{ty}.{k}: Field required")));
        }
    }
    if let Some(cc) = item.get("cache_control") {
        check_cache_control(cc, &format!("{p}.{ty}.cache_control"))?;
    }
    if let Some(src) = item
        .get("source")
        .filter(|_| ty == "image" || ty == "document")
    {
        let kind = src.get("type").and_then(Value::as_str).unwrap_or("");
        let sp = format!("{p}.{ty}.source.{kind}");
        let media = src.get("media_type").and_then(Value::as_str);
        let (allowed_kinds, media_types): (&[&str], &[&str]) = if ty == "image" {
            (
                &["base64", "url"],
                &["image/jpeg", "image/png", "image/gif", "image/webp"],
            )
        } else {
            (&["base64", "text", "content", "url"], &["application/pdf"])
        };
        if !allowed_kinds.contains(&kind) {
            let tags: Vec<String> = allowed_kinds.iter().map(|k| format!("'{k}'")).collect();
            return Err(ApiError::model(format!(
                "{p}.{ty}.source: Input tag '{kind}' found using 'type' does not match any of the expected tags: {}",
                tags.join(", ")
            )));
        }
        if kind == "base64" {
            if !media.is_some_and(|m| media_types.contains(&m)) {
                let names: Vec<String> = media_types.iter().map(|m| format!("'{m}'")).collect();
                return Err(ApiError::model(format!(
                    "{sp}.media_type: Input should be {}",
                    names.join(" or ")
                )));
            }
            let data = src.get("data").and_then(Value::as_str);
            if data.is_none_or(|d| base64::engine::general_purpose::STANDARD.decode(d).is_err()) {
                return Err(ApiError::model(format!(
                    "{sp}.data: Input should be a valid base64 string"
                )));
            }
        }
    }
    Ok(())
}

fn check_cache_control(cc: &Value, p: &str) -> Result<(), ApiError> {
    // Source: inferred (Anthropic's pydantic validation messages, relayed by Bedrock).
    if cc.get("type").and_then(Value::as_str) != Some("ephemeral") {
        return Err(ApiError::model(format!(
            "{p}: Input tag '{}' found using 'type' does not match any of the expected tags: 'ephemeral'",
            cc.get("type").and_then(Value::as_str).unwrap_or("")
        )));
    }
    for (k, v) in cc.as_object().into_iter().flatten() {
        match k.as_str() {
            "type" => {}
            "ttl" if matches!(v.as_str(), Some("5m" | "1h")) => {}
            "ttl" => {
                return Err(ApiError::model(format!(
                    "{p}.ephemeral.ttl: Input should be '5m' or '1h'"
                )));
            }
            other => {
                return Err(ApiError::model(format!(
                    "{p}.ephemeral.{other}: Extra inputs are not permitted"
                )));
            }
        }
    }
    Ok(())
}

/// Anthropic's rules for tool calls across turns: every `tool_use` is answered by a
/// `tool_result` in the next (user) message, and every `tool_result` answers one; at most
/// four blocks carry `cache_control`.
fn check_anthropic_turns(native: &Map<String, Value>) -> Result<(), ApiError> {
    let items = native["messages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let blocks = |m: &Value| -> Vec<Value> {
        m.get("content")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let ids = |m: &Value, ty: &str, key: &str| -> Vec<String> {
        blocks(m)
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) == Some(ty))
            .filter_map(|b| b.get(key).and_then(Value::as_str).map(str::to_string))
            .collect()
    };
    for (i, m) in items.iter().enumerate() {
        let uses = ids(m, "tool_use", "id");
        let next_results = items
            .get(i + 1)
            .map(|n| ids(n, "tool_result", "tool_use_id"))
            .unwrap_or_default();
        let unanswered: Vec<&str> = uses
            .iter()
            .filter(|u| !next_results.contains(u))
            .map(String::as_str)
            .collect();
        // The last message may be an assistant turn the model continues.
        if !unanswered.is_empty() && i + 1 < items.len() {
            // Source: inferred (Anthropic's API error text).
            return Err(ApiError::model(format!(
                "messages.{i}: `tool_use` ids were found without `tool_result` blocks immediately after: {}. Each `tool_use` block must have a corresponding `tool_result` block in the next message.",
                unanswered.join(", ")
            )));
        }
        let prev_uses = if i == 0 {
            Vec::new()
        } else {
            ids(&items[i - 1], "tool_use", "id")
        };
        for (j, b) in blocks(m).iter().enumerate() {
            if b.get("type").and_then(Value::as_str) != Some("tool_result") {
                continue;
            }
            let id = b.get("tool_use_id").and_then(Value::as_str).unwrap_or("");
            if !prev_uses.iter().any(|u| u == id) {
                // Source: inferred (Anthropic's API error text).
                return Err(ApiError::model(format!(
                    "messages.{i}.content.{j}: unexpected `tool_use_id` found in `tool_result` blocks: {id}. Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
                )));
            }
        }
    }
    let mut marked = 0;
    let mut count = |v: &Value| {
        for b in v.as_array().into_iter().flatten() {
            if b.get("cache_control").is_some_and(|c| !c.is_null()) {
                marked += 1;
            }
        }
    };
    if let Some(t) = native.get("tools") {
        count(t);
    }
    if let Some(sys) = native.get("system") {
        count(sys);
    }
    for m in items {
        if let Some(c) = m.get("content") {
            count(c);
        }
    }
    if marked > 4 {
        // Source: inferred (Anthropic's API error text).
        return Err(ApiError::model(format!(
            "A maximum of 4 blocks with cache_control may be provided. Found {marked}."
        )));
    }
    Ok(())
}

/// Reads an Anthropic Messages body into the shared request model.
/// CountTokens refuses Anthropic server tools (web search and the like) with Anthropic's own
/// message, unprefixed (recorded for Claude Sonnet 4:
/// converse/test_anthropic_bedrock_count_tokens_rejects_server_tools.yaml). The list of
/// expected tags is the recorded one; whether InvokeModel answers the same is not recorded.
pub(crate) fn count_tokens_tool_types(body: &[u8]) -> Result<(), ApiError> {
    let Ok(native) = serde_json::from_slice::<Value>(body) else {
        return Ok(()); // anthropic_request reports malformed bodies
    };
    const EXPECTED: &[&str] = &[
        "bash_20250124",
        "custom",
        "text_editor_20250124",
        "text_editor_20250429",
        "text_editor_20250728",
    ];
    for (i, tool) in native
        .get("tools")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(kind) = tool.get("type").and_then(Value::as_str)
            && !EXPECTED.contains(&kind)
        {
            let expected: Vec<String> = EXPECTED.iter().map(|t| format!("'{t}'")).collect();
            // Source: recorded, tests/fixtures/recorded/converse/test_anthropic_bedrock_count_tokens_rejects_server_tools.yaml.
            return Err(ApiError::validation(format!(
                "tools.{i}: Input tag '{kind}' found using 'type' does not match any of the expected tags: {}",
                expected.join(", ")
            )));
        }
    }
    Ok(())
}

/// The beta that lets an Anthropic body carry `context_management` (context editing). Claude
/// Code sends both on every request; without the beta the key is refused like any other.
const CONTEXT_MANAGEMENT_BETA: &str = "context-management-2025-06-27";
/// Context-editing strategies Anthropic documents for that beta.
const CONTEXT_EDITS: &[&str] = &["clear_tool_uses_20250919", "clear_thinking_20251015"];

fn check_context_management(native: &Map<String, Value>, v: &mut Vec<String>) {
    let Some(cm) = native.get("context_management") else {
        return;
    };
    let beta = native
        .get("anthropic_beta")
        .and_then(Value::as_array)
        .is_some_and(|b| {
            b.iter()
                .any(|x| x.as_str() == Some(CONTEXT_MANAGEMENT_BETA))
        });
    if !beta {
        return;
    }
    v.retain(|m| m != "#: extraneous key [context_management] is not permitted");
    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
    match cm.get("edits").and_then(Value::as_array) {
        None => v.push("#/context_management: required key [edits] not found".into()),
        Some(edits) => {
            for (i, e) in edits.iter().enumerate() {
                let ty = e.get("type").and_then(Value::as_str).unwrap_or_default();
                if !CONTEXT_EDITS.contains(&ty) {
                    v.push(format!(
                        "#/context_management/edits/{i}/type: {ty} is not a valid enum value"
                    ));
                }
            }
        }
    }
}

pub(crate) fn anthropic_request(model: &Model, body: &[u8]) -> Result<ConverseRequest, ApiError> {
    let native = parse_native(body)?;
    let mut v = check_keys(
        &native,
        &["anthropic_version", "max_tokens", "messages"],
        ANTHROPIC_KEYS,
    );
    check_context_management(&native, &mut v);
    if let Some(ver) = native.get("anthropic_version")
        && ver.as_str() != Some("bedrock-2023-05-31")
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push(format!(
            "#/anthropic_version: {ver} is not a valid enum value"
        ));
    }
    if let Some(kind) = native.get("thinking").and_then(|t| t.get("type"))
        && let Some(k) = kind.as_str()
    {
        let allowed: &[&str] = if model.id.contains("-4-6") {
            &["enabled", "disabled", "adaptive"]
        } else {
            &["enabled", "disabled"]
        };
        if !allowed.contains(&k) {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!("#/thinking/type: {k} is not a valid enum value"));
        }
    }
    if let Some(t) = native.get("temperature").and_then(Value::as_f64)
        && !(0.0..=1.0).contains(&t)
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push(if t < 0.0 {
            format!("#/temperature: {t} is not greater or equal to 0")
        } else {
            format!("#/temperature: {t} is not less or equal to 1")
        });
    }
    if let Some(m) = native.get("max_tokens")
        && m.as_i64().is_none_or(|n| n < 1)
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push(format!("#/max_tokens: {m} is not greater or equal to 1"));
    }
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    let max_tokens = native["max_tokens"].as_i64();
    if let Some(max) = max_tokens
        && max as u64 > model.max_output
    {
        // Source: inferred.
        return Err(ApiError::model(format!(
            "max_tokens: {max} > {}, which is the maximum allowed number of output tokens for {}",
            model.max_output,
            crate::converse::anthropic_name(model.id)
        )));
    }

    let mut messages = Vec::new();
    let items = native["messages"]
        .as_array()
        // Source: inferred.
        .ok_or_else(|| ApiError::model("messages: Input should be a valid list"))?;
    if items.is_empty() {
        // Source: inferred.
        return Err(ApiError::model(
            "messages: at least one message is required",
        ));
    }
    for (i, m) in items.iter().enumerate() {
        let role = match m.get("role").and_then(Value::as_str) {
            Some("user") => Role::User,
            Some("assistant") => Role::Assistant,
            _ => {
                // Source: inferred.
                return Err(ApiError::model(format!(
                    "messages.{i}.role: Input should be 'user' or 'assistant'"
                )));
            }
        };
        let content = anthropic_blocks(
            m.get("content").unwrap_or(&Value::Null),
            &format!("messages.{i}.content"),
        )?;
        if content.is_empty() {
            // Source: inferred.
            return Err(ApiError::model(format!(
                "messages.{i}: all messages must have non-empty content except for the optional final assistant message"
            )));
        }
        messages.push(Message { role, content });
    }
    check_anthropic_turns(&native)?;
    let system = match native.get("system") {
        Some(Value::String(s)) => vec![Block::Text(s.clone())],
        Some(v @ Value::Array(_)) => anthropic_blocks(v, "system")?,
        _ => Vec::new(),
    };
    let tools: Vec<ToolSpec> = native
        .get("tools")
        .and_then(Value::as_array)
        .map(|ts| {
            ts.iter()
                .map(|t| ToolSpec {
                    name: t.get("name").and_then(Value::as_str).unwrap_or("").into(),
                    schema: t.get("input_schema").cloned().unwrap_or(json!({})),
                })
                .collect()
        })
        .unwrap_or_default();
    let tool_choice =
        native
            .get("tool_choice")
            .and_then(|c| match c.get("type").and_then(Value::as_str) {
                Some("any") => Some(ToolChoice::Any),
                Some("tool") => c
                    .get("name")
                    .and_then(Value::as_str)
                    .map(|n| ToolChoice::Tool(n.into())),
                Some("auto") => Some(ToolChoice::Auto),
                _ => None,
            });
    let mut additional = Map::new();
    for key in ["thinking", "top_k"] {
        if let Some(x) = native.get(key) {
            additional.insert(key.into(), x.clone());
        }
    }
    let mut req = ConverseRequest {
        messages,
        system,
        max_tokens,
        temperature: native.get("temperature").and_then(Value::as_f64),
        top_p: native.get("top_p").and_then(Value::as_f64),
        stop_sequences: native
            .get("stop_sequences")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter_map(Value::as_str).map(Into::into).collect())
            .unwrap_or_default(),
        has_tool_config: !tools.is_empty(),
        tools,
        tool_choice,
        guardrail: None,
        additional: Some(Value::Object(additional)),
        response_field_paths: Vec::new(),
        performance_latency: None,
        service_tier: None,
        output_schema: None,
        reasoning: Reasoning::Off,
        system_tools: Vec::new(),
    };
    req.reasoning = reasoning::check(&req, model)?;
    Ok(req)
}

fn anthropic_content(g: &Generation) -> Vec<Value> {
    g.blocks
        .iter()
        .map(|b| match b {
            OutBlock::Reasoning { text, signature } => {
                json!({"type": "thinking", "thinking": text, "signature": signature.clone().unwrap_or_default()})
            }
            OutBlock::Redacted(data) => json!({"type": "redacted_thinking",
                "data": base64::engine::general_purpose::STANDARD.encode(data)}),
            OutBlock::Text { text, .. } => json!({"type": "text", "text": text}),
            OutBlock::ToolUse { id, name, input } => json!({"type": "tool_use",
                "id": id.replacen("tooluse_", "toolu_bdrk_01", 1), "name": name, "input": input}),
        })
        .collect()
}

fn message_id(g: &Generation) -> String {
    let seed: String = g.text().chars().take(64).collect();
    format!(
        "msg_bdrk_01{}",
        &generate::tool_use_id(&seed)["tooluse_".len()..]
    )
}

fn anthropic(
    model: &Model,
    body: &[u8],
    ctx: &Context,
    streaming: bool,
) -> Result<Invoked, ApiError> {
    let mut req = anthropic_request(model, body)?;
    req.guardrail = ctx.guardrail.clone();
    let g = generate::generate(&req, ctx);
    // Claude's schema has no guardrail stop reason: the action field says it.
    let stop_reason = match g.stop_reason {
        "guardrail_intervened" => "end_turn",
        s => s,
    };
    let name = crate::converse::anthropic_name(model.id);
    let usage = json!({
        "input_tokens": g.input_tokens,
        "output_tokens": g.output_tokens,
        "cache_creation_input_tokens": g.cache_write,
        "cache_read_input_tokens": g.cache_read,
    });
    let content = anthropic_content(&g);
    let id = message_id(&g);
    let body = json!({
        "id": id,
        "type": "message",
        "role": "assistant",
        "model": name,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": null,
        "usage": usage,
    });
    let mut chunks = Vec::new();
    if streaming {
        chunks.push(json!({"type": "message_start", "message": {
            "id": id, "type": "message", "role": "assistant", "model": name, "content": [],
            "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": g.input_tokens, "output_tokens": 1}}}));
        for (i, (block, rendered)) in g.blocks.iter().zip(&content).enumerate() {
            let (start, deltas): (Value, Vec<Value>) = match block {
                OutBlock::Reasoning { text, signature } => (
                    json!({"type": "thinking", "thinking": "", "signature": ""}),
                    generate::split_deltas(text, 3)
                        .into_iter()
                        .map(|t| json!({"type": "thinking_delta", "thinking": t}))
                        .chain(
                            signature
                                .iter()
                                .map(|s| json!({"type": "signature_delta", "signature": s})),
                        )
                        .collect(),
                ),
                OutBlock::Redacted(_) => (rendered.clone(), Vec::new()),
                OutBlock::Text { deltas, .. } => (
                    json!({"type": "text", "text": ""}),
                    deltas
                        .iter()
                        .map(|t| json!({"type": "text_delta", "text": t}))
                        .collect(),
                ),
                OutBlock::ToolUse { input, .. } => {
                    let mut start = rendered.clone();
                    start["input"] = json!({});
                    (
                        start,
                        generate::split_json(&input.to_string())
                            .into_iter()
                            .map(|p| json!({"type": "input_json_delta", "partial_json": p}))
                            .collect(),
                    )
                }
            };
            chunks.push(json!({"type": "content_block_start", "index": i, "content_block": start}));
            for d in deltas {
                chunks.push(json!({"type": "content_block_delta", "index": i, "delta": d}));
            }
            chunks.push(json!({"type": "content_block_stop", "index": i}));
        }
        chunks.push(json!({"type": "message_delta",
            "delta": {"stop_reason": stop_reason, "stop_sequence": null},
            "usage": {"output_tokens": g.output_tokens}}));
        chunks.push(json!({"type": "message_stop"}));
    }
    let mut out = Invoked {
        body,
        input_tokens: g.input_tokens,
        output_tokens: Some(g.output_tokens),
        chunks,
    };
    mark_guardrail(&mut out, &g, ctx);
    Ok(out)
}

/// A guarded InvokeModel answer says what the guardrail did in the body (and, streamed, in
/// the last chunk): `amazon-bedrock-guardrailAction`, plus `amazon-bedrock-trace` when the
/// request asked for the trace.
pub(crate) fn mark_guardrail(out: &mut Invoked, g: &Generation, ctx: &Context) {
    let Some(guard) = &ctx.guardrail else {
        return;
    };
    let action = if g.stop_reason == "guardrail_intervened" {
        "INTERVENED"
    } else {
        "NONE"
    };
    let trace = g
        .trace
        .as_ref()
        .filter(|_| guard.trace)
        .map(crate::guardrail::invoke_trace);
    let targets = std::iter::once(&mut out.body).chain(out.chunks.last_mut());
    for v in targets {
        if let Some(o) = v.as_object_mut() {
            o.insert("amazon-bedrock-guardrailAction".into(), json!(action));
            if let Some(t) = &trace {
                o.insert("amazon-bedrock-trace".into(), json!({"guardrail": t}));
            }
        }
    }
}

pub(crate) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "Null",
        Value::Bool(_) => "Boolean",
        Value::Number(_) => "Number",
        Value::String(_) => "String",
        Value::Array(_) => "JSONArray",
        Value::Object(_) => "JSONObject",
    }
}

/// The `chunk` events of InvokeModelWithResponseStream; the last chunk also carries the
/// invocation metrics, as the service adds them.
pub(crate) fn stream_frames(inv: &Invoked, latency_ms: u64) -> generate::Frames {
    let n = inv.chunks.len();
    let frames: Vec<(Bytes, bool)> = inv
        .chunks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut c = c.clone();
            if i + 1 == n {
                c["amazon-bedrock-invocationMetrics"] = json!({
                    "inputTokenCount": inv.input_tokens,
                    "outputTokenCount": inv.output_tokens.unwrap_or(0),
                    "invocationLatency": latency_ms,
                    "firstByteLatency": latency_ms.min(50),
                });
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .encode(serde_json::to_vec(&c).unwrap_or_default());
            // Anthropic chunks say what they are; the other families' middle chunks carry
            // the text.
            let delta = match c.get("type").and_then(Value::as_str) {
                Some(t) => t == "content_block_delta",
                None => i > 0 && i + 1 < n,
            };
            (eventstream::event("chunk", &json!({"bytes": bytes})), delta)
        })
        .collect();
    Box::new(frames.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::generate::PromptCache;

    fn ctx<'a>(model: &'a Model, id: &'a str, cache: &'a PromptCache) -> Context<'a> {
        Context {
            model,
            model_id: id,
            hostile: false,
            cache,
            guardrail: None,
        }
    }

    #[test]
    fn context_management_needs_its_beta_and_a_known_edit() {
        let m = catalog::find("anthropic.claude-sonnet-4-5-20250929-v1:0").unwrap();
        let send = |extra: Value| {
            let mut body = json!({
                "anthropic_version": "bedrock-2023-05-31",
                "max_tokens": 100,
                "messages": [{"role": "user", "content": "hi"}],
                "context_management": {"edits": [{"type": "clear_thinking_20251015", "keep": "all"}]},
            });
            for (k, v) in extra.as_object().unwrap() {
                body[k] = v.clone();
            }
            anthropic_request(m, body.to_string().as_bytes()).map(|_| ())
        };
        // What Claude Code sends: the beta and the key together.
        let beta = json!({"anthropic_beta": ["context-management-2025-06-27"]});
        assert!(send(beta).is_ok());
        let e = send(json!({})).unwrap_err();
        assert!(
            e.message
                .contains("#: extraneous key [context_management] is not permitted"),
            "{}",
            e.message
        );
        let e = send(json!({
            "anthropic_beta": ["context-management-2025-06-27"],
            "context_management": {"edits": [{"type": "clear_everything"}]},
        }))
        .unwrap_err();
        assert!(
            e.message.contains(
                "#/context_management/edits/0/type: clear_everything is not a valid enum value"
            ),
            "{}",
            e.message
        );
    }

    #[test]
    fn anthropic_bodies_are_checked_as_anthropics_api_does() {
        let m = catalog::find("anthropic.claude-sonnet-4-5-20250929-v1:0").unwrap();
        let refused = |extra: Value| -> String {
            let mut body = json!({"anthropic_version": "bedrock-2023-05-31", "max_tokens": 100});
            for (k, v) in extra.as_object().unwrap() {
                body[k] = v.clone();
            }
            match anthropic_request(m, body.to_string().as_bytes()) {
                Ok(_) => String::new(),
                Err(e) => e.message,
            }
        };
        let user = |content: Value| json!({"messages": [{"role": "user", "content": content}]});
        let tool_use = json!({"type": "tool_use", "id": "toolu_1", "name": "f", "input": {}});
        let cases = [
            (
                user(json!([{"type": "text", "text": "x", "foo": 1}])),
                "messages.0.content.0.text.foo: Extra inputs are not permitted",
            ),
            (
                user(json!([{"type": "tool_use", "id": "t", "name": "f"}])),
                "messages.0.content.0.tool_use.input: Field required",
            ),
            (
                user(
                    json!([{"type": "text", "text": "x", "cache_control": {"type": "persistent"}}]),
                ),
                "messages.0.content.0.text.cache_control: Input tag 'persistent'",
            ),
            (
                user(
                    json!([{"type": "text", "text": "x", "cache_control": {"type": "ephemeral", "ttl": "2h"}}]),
                ),
                "cache_control.ephemeral.ttl: Input should be '5m' or '1h'",
            ),
            (
                user(
                    json!([{"type": "text", "text": "x", "cache_control": {"type": "ephemeral", "scope": "global"}}]),
                ),
                "cache_control.ephemeral.scope: Extra inputs are not permitted",
            ),
            (
                user(
                    json!([{"type": "image", "source": {"type": "base64", "media_type": "image/bmp", "data": "AA=="}}]),
                ),
                "messages.0.content.0.image.source.base64.media_type: Input should be",
            ),
            (
                user(
                    json!([{"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "!!"}}]),
                ),
                "messages.0.content.0.document.source.base64.data: Input should be a valid base64 string",
            ),
            (
                user(json!([{"type": "document", "source": {"type": "file", "file_id": "f"}}])),
                "messages.0.content.0.document.source: Input tag 'file'",
            ),
            (
                json!({"messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": [tool_use]},
                {"role": "user", "content": "no result"}]}),
                "messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1",
            ),
            (
                json!({"messages": [
                {"role": "user", "content": "x"},
                {"role": "assistant", "content": "y"},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_9", "content": "r"}]}]}),
                "messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9",
            ),
            (
                json!({"system": (0..5).map(|i| json!({"type": "text", "text": format!("s{i}"), "cache_control": {"type": "ephemeral"}})).collect::<Vec<_>>(),
                "messages": [{"role": "user", "content": "x"}]}),
                "A maximum of 4 blocks with cache_control may be provided. Found 5.",
            ),
        ];
        for (extra, want) in cases {
            let got = refused(extra.clone());
            assert!(got.contains(want), "{extra}: {got:?}");
        }
        // What Anthropic accepts passes: a tool round trip, cached blocks, a text document.
        let ok = json!({"system": [{"type": "text", "text": "s", "cache_control": {"type": "ephemeral", "ttl": "1h"}}],
            "messages": [
                {"role": "user", "content": [
                    {"type": "document", "title": "t", "source": {"type": "text", "media_type": "text/plain", "data": "hi"}},
                    {"type": "text", "text": "x"}]},
                {"role": "assistant", "content": [tool_use]},
                {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "r", "is_error": false}]}]});
        assert_eq!(refused(ok), "");
    }

    #[test]
    fn anthropic_messages_round_trip() {
        let m = catalog::find("anthropic.claude-3-haiku-20240307-v1:0").unwrap();
        let cache = PromptCache::default();
        let body = br#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}"#;
        let out = invoke(m, body, &ctx(m, m.id, &cache), true, false).unwrap();
        assert_eq!(out.body["type"], "message");
        assert_eq!(out.body["content"][0]["type"], "text");
        assert!(
            out.body["content"][0]["text"]
                .as_str()
                .unwrap()
                .ends_with("You said: hi")
        );
        assert_eq!(out.chunks.first().unwrap()["type"], "message_start");
        assert_eq!(out.chunks.last().unwrap()["type"], "message_stop");
    }

    #[test]
    fn guardrail_named_in_headers_marks_the_answer_and_last_chunk() {
        let cache = PromptCache::default();
        let guard =
            crate::guardrail::from_headers(Some("abc"), Some("1"), Some("ENABLED")).unwrap();
        let cases: [(&str, &[u8], &str); 2] = [
            (
                "anthropic.claude-3-haiku-20240307-v1:0",
                br#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"x [[blocked]]"}]}"#,
                "/content/0/text",
            ),
            (
                "meta.llama3-1-8b-instruct-v1:0",
                br#"{"prompt":"x [[blocked]]"}"#,
                "/generation",
            ),
        ];
        for (id, body, text) in cases {
            let m = catalog::find(id).unwrap();
            let c = Context {
                guardrail: guard.clone(),
                ..ctx(m, m.id, &cache)
            };
            let out = invoke(m, body, &c, true, false).unwrap();
            assert_eq!(
                out.body["amazon-bedrock-guardrailAction"], "INTERVENED",
                "{id}"
            );
            assert_eq!(
                out.body.pointer(text).unwrap(),
                generate::BLOCKED_TEXT,
                "{id}"
            );
            let trace = &out.body["amazon-bedrock-trace"]["guardrail"];
            assert_eq!(
                trace["input"]["abc"]["topicPolicy"]["topics"][0]["action"],
                "BLOCKED"
            );
            let last = out.chunks.last().unwrap();
            assert_eq!(last["amazon-bedrock-guardrailAction"], "INTERVENED", "{id}");
            assert!(last.get("amazon-bedrock-trace").is_some(), "{id}");
            assert!(
                out.chunks[..out.chunks.len() - 1]
                    .iter()
                    .all(|c| c.get("amazon-bedrock-guardrailAction").is_none())
            );
        }
        let m = catalog::find("meta.llama3-1-8b-instruct-v1:0").unwrap();
        let untraced = crate::guardrail::from_headers(Some("abc"), Some("1"), None).unwrap();
        let c = Context {
            guardrail: untraced,
            ..ctx(m, m.id, &cache)
        };
        let out = invoke(m, br#"{"prompt":"fine"}"#, &c, false, false).unwrap();
        assert_eq!(out.body["amazon-bedrock-guardrailAction"], "NONE");
        assert!(out.body.get("amazon-bedrock-trace").is_none());
        // No guardrail named: the answer is as before.
        let out = invoke(
            m,
            br#"{"prompt":"fine"}"#,
            &ctx(m, m.id, &cache),
            false,
            false,
        )
        .unwrap();
        assert!(out.body.get("amazon-bedrock-guardrailAction").is_none());
    }

    #[test]
    fn wrong_family_bodies_are_malformed() {
        let m = catalog::find("anthropic.claude-3-haiku-20240307-v1:0").unwrap();
        let cache = PromptCache::default();
        let e = invoke(
            m,
            br#"{"inputText":"hi"}"#,
            &ctx(m, m.id, &cache),
            false,
            false,
        )
        .err()
        .unwrap();
        assert_eq!(
            e.message,
            "Malformed input request: #: required key [anthropic_version] not found#: required key [max_tokens] not found#: required key [messages] not found#: extraneous key [inputText] is not permitted, please reformat your input and try again."
        );
        let e = invoke(
            m,
            br#"{"max_tokens":10,"messages":[]}"#,
            &ctx(m, m.id, &cache),
            false,
            false,
        )
        .err()
        .unwrap();
        assert_eq!(
            e.message,
            "Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again."
        );
    }
}

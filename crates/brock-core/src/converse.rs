//! `ChatRequest` → Converse request body, and Converse response → `ChatResponse`.
//!
//! The body is the exact JSON sent to `POST /model/{id}/converse` and `/converse-stream` (the
//! two take the same body). Content blocks map one to one in both directions, so a session
//! written from responses and sent back reproduces what Bedrock returned; the request-level
//! rules (merging turns, reasoning settings, structured output) are applied on top.

use std::fmt;

use base64::Engine;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value, json};

use super::error::{Error, Result};
use super::message::{
    Conversation, DocumentFormat, GuardQualifier, ImageFormat, Message, Part, Role, Source,
    SystemPart, ToolChoice, ToolResultContent, ToolSpec, ToolStatus, VideoFormat,
};
use super::model::{Capabilities, ModelFamily, ModelRef, ReasoningStyle, TopKStyle};
use super::request::{ChatRequest, JsonSchema, LeadingAssistant, ReasoningLevel, deep_merge};

/// Budget base when reasoning is asked for by level and no max tokens are set. Converse then
/// leaves max tokens at the model's maximum, which is above this for every thinking model.
pub const DEFAULT_THINKING_BASE: u32 = 8192;
/// Room left for the answer when max tokens are raised above a thinking budget.
pub const THINKING_ANSWER_HEADROOM: u32 = 1024;

/// Something brock changed or left out so that the request is accepted; the CLI shows these
/// as warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    Dropped { setting: String, reason: String },
    Changed { setting: String, detail: String },
}

impl Warning {
    fn dropped(setting: &str, reason: impl Into<String>) -> Self {
        Warning::Dropped {
            setting: setting.to_string(),
            reason: reason.into(),
        }
    }

    fn changed(setting: &str, detail: impl Into<String>) -> Self {
        Warning::Changed {
            setting: setting.to_string(),
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Dropped { setting, reason } => write!(f, "{setting} not sent: {reason}"),
            Warning::Changed { setting, detail } => write!(f, "{setting}: {detail}"),
        }
    }
}

/// How a JSON-schema answer comes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructuredOutput {
    /// `outputConfig`: the text of the answer is the JSON.
    Native,
    /// The forced-tool technique: the input of this tool is the JSON.
    Tool { name: String },
}

/// A Converse request body ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ConverseRequest {
    pub body: Value,
    pub warnings: Vec<Warning>,
    /// Set when a JSON schema was asked for; pass it to [`take_structured_answer`].
    pub structured: Option<StructuredOutput>,
}

/// Why the model stopped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StopReason {
    EndTurn,
    ToolUse,
    MaxTokens,
    StopSequence,
    GuardrailIntervened,
    ContentFiltered,
    ModelContextWindowExceeded,
    Other(String),
}

impl StopReason {
    pub fn parse(s: &str) -> StopReason {
        match s {
            "end_turn" => StopReason::EndTurn,
            "tool_use" => StopReason::ToolUse,
            "max_tokens" => StopReason::MaxTokens,
            "stop_sequence" => StopReason::StopSequence,
            "guardrail_intervened" => StopReason::GuardrailIntervened,
            "content_filtered" => StopReason::ContentFiltered,
            "model_context_window_exceeded" => StopReason::ModelContextWindowExceeded,
            other => StopReason::Other(other.to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            StopReason::EndTurn => "end_turn",
            StopReason::ToolUse => "tool_use",
            StopReason::MaxTokens => "max_tokens",
            StopReason::StopSequence => "stop_sequence",
            StopReason::GuardrailIntervened => "guardrail_intervened",
            StopReason::ContentFiltered => "content_filtered",
            StopReason::ModelContextWindowExceeded => "model_context_window_exceeded",
            StopReason::Other(s) => s,
        }
    }
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for StopReason {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for StopReason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(StopReason::parse(&String::deserialize(d)?))
    }
}

/// Token counts of one call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Input tokens not read from or written to the cache.
    pub input: u64,
    pub output: u64,
    pub total: u64,
    #[serde(default)]
    pub cache_read: u64,
    #[serde(default)]
    pub cache_write: u64,
}

impl Usage {
    /// Reads a Converse `usage` object; absent counts are zero.
    pub fn from_converse(v: &Value) -> Usage {
        let n = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
        Usage {
            input: n("inputTokens"),
            output: n("outputTokens"),
            total: n("totalTokens"),
            cache_read: n("cacheReadInputTokens"),
            cache_write: n("cacheWriteInputTokens"),
        }
    }

    /// Sums the counts of several calls (a tool loop).
    pub fn add(&mut self, other: &Usage) {
        self.input += other.input;
        self.output += other.output;
        self.total += other.total;
        self.cache_read += other.cache_read;
        self.cache_write += other.cache_write;
    }
}

/// One answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    pub message: Message,
    pub stop_reason: StopReason,
    pub usage: Usage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latency_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_fields: Option<Value>,
    /// Guardrail / prompt-router trace, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Value>,
    /// The tier that served the call (`serviceTier.type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_tier: Option<String>,
}

impl ChatResponse {
    /// The answer text.
    pub fn text(&self) -> String {
        self.message.text()
    }
}

// ---------------------------------------------------------------------------------------------
// Content blocks

/// Options that change how blocks are written for a particular model.
#[derive(Debug, Clone, Copy)]
pub struct BlockOptions {
    pub tool_result_status: bool,
}

impl Default for BlockOptions {
    fn default() -> Self {
        BlockOptions {
            tool_result_status: true,
        }
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn source_to_json(s: &Source) -> Value {
    match s {
        Source::Bytes(b) => json!({ "bytes": b64(b) }),
        Source::S3 { uri, bucket_owner } => {
            let mut loc = Map::new();
            loc.insert("uri".into(), Value::String(uri.clone()));
            if let Some(owner) = bucket_owner {
                loc.insert("bucketOwner".into(), Value::String(owner.clone()));
            }
            json!({ "s3Location": loc })
        }
    }
}

fn source_from_json(v: &Value) -> Option<Source> {
    let obj = v.as_object()?;
    if obj.len() != 1 {
        return None;
    }
    if let Some(b) = obj.get("bytes") {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b.as_str()?)
            .ok()?;
        return Some(Source::Bytes(bytes));
    }
    let loc = obj.get("s3Location")?.as_object()?;
    let allowed = loc.keys().all(|k| k == "uri" || k == "bucketOwner");
    if !allowed {
        return None;
    }
    Some(Source::S3 {
        uri: loc.get("uri")?.as_str()?.to_string(),
        bucket_owner: match loc.get("bucketOwner") {
            None => None,
            Some(o) => Some(o.as_str()?.to_string()),
        },
    })
}

fn image_json(format: ImageFormat, source: &Source) -> Value {
    json!({ "image": { "format": format.as_str(), "source": source_to_json(source) } })
}

fn document_json(format: DocumentFormat, name: &str, source: &Source) -> Value {
    json!({ "document": { "format": format.as_str(), "name": name, "source": source_to_json(source) } })
}

fn video_json(format: VideoFormat, source: &Source) -> Value {
    json!({ "video": { "format": format.as_str(), "source": source_to_json(source) } })
}

/// Checks that an object has only the given keys, so that blocks carrying fields brock does
/// not model are kept whole as `Unknown` rather than losing those fields.
fn only_keys(obj: &Map<String, Value>, keys: &[&str]) -> bool {
    obj.keys().all(|k| keys.contains(&k.as_str()))
}

fn opt_string(obj: &Map<String, Value>, key: &str) -> Option<Option<String>> {
    match obj.get(key) {
        None => Some(None),
        Some(v) => Some(Some(v.as_str()?.to_string())),
    }
}

/// An image, document or video block: message content and tool results carry the same three.
enum Media {
    Image(ImageFormat, Source),
    Document(DocumentFormat, String, Source),
    Video(VideoFormat, Source),
}

/// The media block under `key` ("image", "document" or "video"); `None` when it is malformed
/// or carries keys Converse does not define.
fn media_block(key: &str, v: &Value) -> Option<Media> {
    let obj = v.as_object()?;
    let format = obj.get("format")?.as_str()?;
    let source = source_from_json(obj.get("source")?)?;
    Some(match key {
        "image" => {
            only_keys(obj, &["format", "source"]).then_some(())?;
            Media::Image(ImageFormat::parse(format)?, source)
        }
        "document" => {
            only_keys(obj, &["format", "source", "name"]).then_some(())?;
            let name = obj.get("name")?.as_str()?.to_string();
            Media::Document(DocumentFormat::parse(format)?, name, source)
        }
        "video" => {
            only_keys(obj, &["format", "source"]).then_some(())?;
            Media::Video(VideoFormat::parse(format)?, source)
        }
        _ => return None,
    })
}

fn tool_result_content_to_json(c: &ToolResultContent) -> Value {
    match c {
        ToolResultContent::Text { text } => json!({ "text": text }),
        ToolResultContent::Json { json } => json!({ "json": json }),
        ToolResultContent::Image { format, source } => image_json(*format, source),
        ToolResultContent::Document {
            format,
            name,
            source,
        } => document_json(*format, name, source),
        ToolResultContent::Video { format, source } => video_json(*format, source),
    }
}

fn tool_result_content_from_json(v: &Value) -> Option<ToolResultContent> {
    let obj = v.as_object()?;
    if obj.len() != 1 {
        return None;
    }
    let (key, inner) = obj.iter().next()?;
    Some(match key.as_str() {
        "text" => ToolResultContent::Text {
            text: inner.as_str()?.to_string(),
        },
        "json" => ToolResultContent::Json {
            json: inner.clone(),
        },
        "image" | "document" | "video" => match media_block(key, inner)? {
            Media::Image(format, source) => ToolResultContent::Image { format, source },
            Media::Document(format, name, source) => ToolResultContent::Document {
                format,
                name,
                source,
            },
            Media::Video(format, source) => ToolResultContent::Video { format, source },
        },
        _ => return None,
    })
}

/// A canonical part as a Converse content block.
pub fn part_to_block(part: &Part, opts: BlockOptions) -> Value {
    match part {
        Part::Text { text } => json!({ "text": text }),
        Part::Image { format, source } => image_json(*format, source),
        Part::Document {
            format,
            name,
            source,
        } => document_json(*format, name, source),
        Part::Video { format, source } => video_json(*format, source),
        Part::ToolUse {
            id,
            name,
            input,
            kind,
        } => {
            let mut o = Map::new();
            o.insert("toolUseId".into(), json!(id));
            o.insert("name".into(), json!(name));
            o.insert("input".into(), input.clone());
            if let Some(k) = kind {
                o.insert("type".into(), json!(k));
            }
            json!({ "toolUse": o })
        }
        Part::ToolResult {
            tool_use_id,
            content,
            status,
            kind,
        } => {
            let mut o = Map::new();
            o.insert("toolUseId".into(), json!(tool_use_id));
            o.insert(
                "content".into(),
                Value::Array(content.iter().map(tool_result_content_to_json).collect()),
            );
            if let Some(s) = status
                && opts.tool_result_status
            {
                o.insert("status".into(), json!(s.as_str()));
            }
            if let Some(k) = kind {
                o.insert("type".into(), json!(k));
            }
            json!({ "toolResult": o })
        }
        Part::Reasoning { text, signature } => {
            let mut o = Map::new();
            o.insert("text".into(), json!(text));
            if let Some(s) = signature {
                o.insert("signature".into(), json!(s));
            }
            json!({ "reasoningContent": { "reasoningText": o } })
        }
        Part::RedactedReasoning { data } => {
            json!({ "reasoningContent": { "redactedContent": data } })
        }
        Part::CachePoint { ttl } => json!({ "cachePoint": cache_point_json(ttl.as_deref()) }),
        Part::GuardedText { text, qualifiers } => {
            json!({ "guardContent": { "text": guarded_text_json(text, qualifiers) } })
        }
        Part::Unknown { block } => block.clone(),
    }
}

fn cache_point_json(ttl: Option<&str>) -> Value {
    match ttl {
        Some(t) => json!({ "type": "default", "ttl": t }),
        None => json!({ "type": "default" }),
    }
}

fn guarded_text_json(text: &str, qualifiers: &[GuardQualifier]) -> Value {
    let mut o = Map::new();
    o.insert("text".into(), json!(text));
    if !qualifiers.is_empty() {
        o.insert(
            "qualifiers".into(),
            Value::Array(qualifiers.iter().map(|q| json!(q.as_str())).collect()),
        );
    }
    Value::Object(o)
}

fn guarded_text_from_json(v: &Value) -> Option<(String, Vec<GuardQualifier>)> {
    let t = v.as_object()?.get("text")?.as_object()?;
    only_keys(t, &["text", "qualifiers"]).then_some(())?;
    let text = t.get("text")?.as_str()?.to_string();
    let qualifiers = match t.get("qualifiers") {
        None => Vec::new(),
        Some(q) => q
            .as_array()?
            .iter()
            .map(|x| x.as_str().and_then(GuardQualifier::parse))
            .collect::<Option<Vec<_>>>()?,
    };
    Some((text, qualifiers))
}

fn cache_ttl_from_json(v: &Value) -> Option<Option<String>> {
    let o = v.as_object()?;
    (o.get("type")?.as_str()? == "default" && only_keys(o, &["type", "ttl"])).then_some(())?;
    opt_string(o, "ttl")
}

/// A Converse content block as a canonical part. Blocks brock does not model, or that carry
/// fields it does not model, come back as [`Part::Unknown`] holding the block verbatim.
pub fn block_to_part(block: &Value) -> Part {
    known_block_to_part(block).unwrap_or_else(|| Part::Unknown {
        block: block.clone(),
    })
}

fn known_block_to_part(block: &Value) -> Option<Part> {
    let obj = block.as_object()?;
    if obj.len() != 1 {
        return None;
    }
    let (key, inner) = obj.iter().next()?;
    Some(match key.as_str() {
        "text" => Part::Text {
            text: inner.as_str()?.to_string(),
        },
        "image" | "document" | "video" => match media_block(key, inner)? {
            Media::Image(format, source) => Part::Image { format, source },
            Media::Document(format, name, source) => Part::Document {
                format,
                name,
                source,
            },
            Media::Video(format, source) => Part::Video { format, source },
        },
        "toolUse" => {
            let o = inner.as_object()?;
            only_keys(o, &["toolUseId", "name", "input", "type"]).then_some(())?;
            Part::ToolUse {
                id: o.get("toolUseId")?.as_str()?.to_string(),
                name: o.get("name")?.as_str()?.to_string(),
                input: o.get("input")?.clone(),
                kind: opt_string(o, "type")?,
            }
        }
        "toolResult" => {
            let o = inner.as_object()?;
            only_keys(o, &["toolUseId", "content", "status", "type"]).then_some(())?;
            let content = o
                .get("content")?
                .as_array()?
                .iter()
                .map(tool_result_content_from_json)
                .collect::<Option<Vec<_>>>()?;
            let status = match o.get("status") {
                None => None,
                Some(s) => Some(ToolStatus::parse(s.as_str()?)?),
            };
            Part::ToolResult {
                tool_use_id: o.get("toolUseId")?.as_str()?.to_string(),
                content,
                status,
                kind: opt_string(o, "type")?,
            }
        }
        "reasoningContent" => {
            let o = inner.as_object()?;
            if o.len() != 1 {
                return None;
            }
            if let Some(data) = o.get("redactedContent") {
                Part::RedactedReasoning {
                    data: data.as_str()?.to_string(),
                }
            } else {
                let t = o.get("reasoningText")?.as_object()?;
                only_keys(t, &["text", "signature"]).then_some(())?;
                Part::Reasoning {
                    text: t.get("text")?.as_str()?.to_string(),
                    signature: opt_string(t, "signature")?,
                }
            }
        }
        "cachePoint" => Part::CachePoint {
            ttl: cache_ttl_from_json(inner)?,
        },
        "guardContent" => {
            let (text, qualifiers) = guarded_text_from_json(inner)?;
            Part::GuardedText { text, qualifiers }
        }
        _ => return None,
    })
}

/// A system prompt block as Converse JSON.
pub fn system_part_to_block(p: &SystemPart) -> Value {
    match p {
        SystemPart::Text { text } => json!({ "text": text }),
        SystemPart::CachePoint { ttl } => json!({ "cachePoint": cache_point_json(ttl.as_deref()) }),
        SystemPart::GuardedText { text, qualifiers } => {
            json!({ "guardContent": { "text": guarded_text_json(text, qualifiers) } })
        }
    }
}

/// A canonical message as a Converse message.
pub fn message_to_json(m: &Message, opts: BlockOptions) -> Value {
    json!({
        "role": m.role.as_str(),
        "content": m.content.iter().map(|p| part_to_block(p, opts)).collect::<Vec<_>>(),
    })
}

/// A Converse message as a canonical message.
pub fn message_from_json(v: &Value) -> Result<Message> {
    let role = match v.get("role").and_then(Value::as_str) {
        Some("user") => Role::User,
        Some("assistant") => Role::Assistant,
        other => {
            return Err(Error::response(format!(
                "message role {} is neither user nor assistant",
                other.map_or("(missing)".to_string(), |r| format!("'{r}'"))
            )));
        }
    };
    let content = v
        .get("content")
        .and_then(Value::as_array)
        .ok_or_else(|| Error::response("message without a content array"))?;
    Ok(Message::new(
        role,
        content.iter().map(block_to_part).collect(),
    ))
}

fn tool_spec_json(t: &ToolSpec) -> Value {
    let mut spec = Map::new();
    spec.insert("name".into(), json!(t.name));
    if let Some(d) = &t.description {
        spec.insert("description".into(), json!(d));
    }
    spec.insert("inputSchema".into(), json!({ "json": t.input_schema }));
    if let Some(strict) = t.strict {
        spec.insert("strict".into(), json!(strict));
    }
    json!({ "toolSpec": spec })
}

// ---------------------------------------------------------------------------------------------
// Request

struct ReasoningPlan {
    fields: Map<String, Value>,
    /// Claude with thinking on: no sampling parameters, no forced tool, no prefill.
    anthropic_thinking: bool,
    /// Nova 2 with reasoning on: no sampling parameters.
    nova_reasoning: bool,
    /// Nova 2 at high effort also refuses max tokens.
    drop_max_tokens: bool,
    max_tokens: Option<u32>,
}

/// The `interleaved-thinking-*` beta, given as `--anthropic-beta` or as a model field.
fn interleaved_thinking(req: &ChatRequest) -> bool {
    let from_field = req
        .additional_fields
        .get("anthropic_beta")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str);
    req.anthropic_beta
        .iter()
        .map(String::as_str)
        .chain(from_field)
        .any(|b| b.starts_with("interleaved-thinking-"))
}

/// Makes a schema one Bedrock's native structured output accepts: every object schema must say
/// `additionalProperties: false` (Bedrock answers 400 "For 'object' type, 'additionalProperties'
/// must be explicitly set to false" otherwise, as quoted in future-agi/future-agi#411 and handled
/// the same way by langchain-aws#884 and microsoft/agent-framework#6052). Returns None when the
/// schema allows extra properties on purpose, which native output cannot express.
fn strict_schema(schema: &Value) -> Option<Value> {
    fn walk(v: &mut Value) -> bool {
        match v {
            Value::Array(items) => items.iter_mut().all(walk),
            Value::Object(o) => {
                let is_object = o.get("type").is_some_and(|t| {
                    t == "object"
                        || t.as_array()
                            .is_some_and(|a| a.iter().any(|x| x == "object"))
                }) || o.contains_key("properties");
                if is_object {
                    match o.get("additionalProperties") {
                        None => {
                            o.insert("additionalProperties".into(), Value::Bool(false));
                        }
                        Some(Value::Bool(false)) => {}
                        Some(_) => return false,
                    }
                }
                // Sub-schemas live under these keywords (JSON Schema 2020-12); `properties`,
                // `$defs` and `definitions` map names to schemas.
                for key in ["items", "prefixItems", "anyOf", "allOf", "oneOf", "not"] {
                    if let Some(sub) = o.get_mut(key)
                        && !walk(sub)
                    {
                        return false;
                    }
                }
                for key in ["properties", "$defs", "definitions"] {
                    if let Some(Value::Object(named)) = o.get_mut(key)
                        && !named.values_mut().all(walk)
                    {
                        return false;
                    }
                }
                true
            }
            _ => true,
        }
    }
    let mut out = schema.clone();
    walk(&mut out).then_some(out)
}

fn plan_reasoning(
    req: &ChatRequest,
    caps: &Capabilities,
    warnings: &mut Vec<Warning>,
) -> ReasoningPlan {
    let mut plan = ReasoningPlan {
        fields: Map::new(),
        anthropic_thinking: false,
        nova_reasoning: false,
        drop_max_tokens: false,
        max_tokens: req.inference.max_tokens,
    };
    let Some(level) = req.reasoning else {
        return plan;
    };
    let user_max = req.inference.max_tokens;
    let anthropic_budget = |plan: &mut ReasoningPlan, warnings: &mut Vec<Warning>| {
        let base = user_max.unwrap_or(DEFAULT_THINKING_BASE);
        let budget = match level {
            ReasoningLevel::Low => base / 10 * 3,
            ReasoningLevel::Medium => base / 10 * 6,
            ReasoningLevel::High => base,
            ReasoningLevel::Budget(n) => n,
            ReasoningLevel::Off => 0,
        }
        .max(super::request::MIN_THINKING_BUDGET);
        // With interleaved thinking the budget spans every thinking block of the turn and may
        // exceed max_tokens (Anthropic's extended-thinking docs), so nothing is raised.
        if let Some(max) = user_max
            && budget >= max
            && !interleaved_thinking(req)
        {
            let raised = budget.saturating_add(THINKING_ANSWER_HEADROOM);
            warnings.push(Warning::changed(
                "max tokens",
                format!(
                    "raised from {max} to {raised}: Claude needs more than the thinking budget of {budget}"
                ),
            ));
            plan.max_tokens = Some(raised);
        }
        plan.fields.insert(
            "thinking".into(),
            json!({ "type": "enabled", "budget_tokens": budget }),
        );
        plan.anthropic_thinking = true;
    };
    match (caps.reasoning, level) {
        (ReasoningStyle::AlwaysOn, ReasoningLevel::Off) => warnings.push(Warning::dropped(
            "reasoning off",
            "this model always reasons and has no setting to turn it off",
        )),
        (_, ReasoningLevel::Off) => {}
        (ReasoningStyle::AnthropicBudget, _)
        | (ReasoningStyle::AnthropicAdaptive, ReasoningLevel::Budget(_)) => {
            anthropic_budget(&mut plan, warnings)
        }
        (ReasoningStyle::AnthropicAdaptive, _) => {
            plan.fields
                .insert("thinking".into(), json!({ "type": "adaptive" }));
            if let Some(effort) = level.effort() {
                plan.fields
                    .insert("output_config".into(), json!({ "effort": effort }));
            }
            plan.anthropic_thinking = true;
        }
        (ReasoningStyle::NovaEffort, _) => {
            let effort = level.effort().unwrap_or("medium");
            plan.fields.insert(
                "reasoningConfig".into(),
                json!({ "type": "enabled", "maxReasoningEffort": effort }),
            );
            plan.nova_reasoning = true;
            plan.drop_max_tokens = effort == "high";
        }
        (ReasoningStyle::OpenAiEffort, _) => {
            plan.fields.insert(
                "reasoning_effort".into(),
                json!(level.effort().unwrap_or("medium")),
            );
        }
        (ReasoningStyle::QwenConfig, _) => {
            // Qwen takes only low and high.
            let effort = if level.effort() == Some("low") {
                "low"
            } else {
                "high"
            };
            plan.fields.insert("reasoning_config".into(), json!(effort));
        }
        (ReasoningStyle::AlwaysOn, _) => {}
        (ReasoningStyle::None, _) => {
            let reason = if caps.family == ModelFamily::Unknown {
                "the model family cannot be told from this model id; name the family to enable it"
                    .to_string()
            } else {
                format!(
                    "brock knows no reasoning setting for this {} model",
                    caps.family
                )
            };
            warnings.push(Warning::dropped("reasoning", reason));
        }
    }
    plan
}

/// Decides the outgoing form of one part: None drops it.
fn outgoing_part(p: &Part, caps: &Capabilities) -> Option<Part> {
    match p {
        // Bedrock refuses blank text blocks; streams can leave one behind.
        Part::Text { text } if text.is_empty() => None,
        // Unsigned reasoning (DeepSeek, Qwen, Kimi, gpt-oss) is for display only: those models
        // do not take their reasoning back, and Claude refuses it unsigned.
        Part::Reasoning {
            signature: None, ..
        } => None,
        Part::Reasoning { .. } | Part::RedactedReasoning { .. } if !caps.signed_reasoning => None,
        other => Some(other.clone()),
    }
}

fn inference_json(req: &ChatRequest, plan: &ReasoningPlan, warnings: &mut Vec<Warning>) -> Value {
    let inf = &req.inference;
    let mut o = Map::new();
    let sampling_reason = if plan.anthropic_thinking {
        Some("Claude does not accept it with reasoning on")
    } else if plan.nova_reasoning {
        Some("Nova does not accept it with reasoning on")
    } else {
        None
    };
    if let Some(max) = plan.max_tokens {
        if plan.drop_max_tokens {
            warnings.push(Warning::dropped(
                "max tokens",
                "Nova does not accept it with high reasoning effort",
            ));
        } else {
            o.insert("maxTokens".into(), json!(max));
        }
    }
    if let Some(t) = inf.temperature {
        match sampling_reason {
            Some(r) => warnings.push(Warning::dropped("temperature", r)),
            None => {
                o.insert("temperature".into(), json!(t));
            }
        }
    }
    if let Some(p) = inf.top_p {
        match sampling_reason {
            Some(r) => warnings.push(Warning::dropped("top-p", r)),
            None => {
                o.insert("topP".into(), json!(p));
            }
        }
    }
    if !inf.stop.is_empty() {
        o.insert("stopSequences".into(), json!(inf.stop));
    }
    Value::Object(o)
}

fn add_top_k(
    req: &ChatRequest,
    caps: &Capabilities,
    plan: &mut ReasoningPlan,
    warnings: &mut Vec<Warning>,
) {
    let Some(k) = req.top_k else { return };
    if plan.anthropic_thinking || plan.nova_reasoning {
        warnings.push(Warning::dropped(
            "top-k",
            "the model does not accept it with reasoning on",
        ));
        return;
    }
    match caps.top_k {
        TopKStyle::Field(name) => {
            plan.fields.insert(name.into(), json!(k));
        }
        TopKStyle::NovaInferenceConfig => {
            let ic = plan
                .fields
                .entry("inferenceConfig")
                .or_insert_with(|| json!({}));
            if let Some(o) = ic.as_object_mut() {
                o.insert("topK".into(), json!(k));
            }
        }
        TopKStyle::Unsupported => warnings.push(Warning::dropped(
            "top-k",
            format!(
                "brock does not know where this {} model takes it; use --param",
                caps.family
            ),
        )),
    }
}

fn downgrade_choice(
    wanted: &str,
    plan: &ReasoningPlan,
    caps: &Capabilities,
    warnings: &mut Vec<Warning>,
) -> bool {
    if plan.anthropic_thinking {
        warnings.push(Warning::changed(
            "tool choice",
            format!("'{wanted}' became 'auto': Claude does not force tools with reasoning on"),
        ));
        true
    } else if !caps.forced_tool_choice {
        warnings.push(Warning::changed(
            "tool choice",
            format!(
                "'{wanted}' became 'auto': this {} model only accepts 'auto'",
                caps.family
            ),
        ));
        true
    } else {
        false
    }
}

/// Anthropic's built-in tools (computer use, bash, text editor) go to Claude unchanged in
/// `additionalModelRequestFields.tools`, with the beta each needs added to `anthropic_beta`,
/// as LiteLLM's Bedrock Converse transformation sends them.
fn builtin_fields(
    req: &ChatRequest,
    caps: &Capabilities,
    fields: &mut Map<String, Value>,
) -> Result<()> {
    if req.tool_choice == Some(ToolChoice::None) {
        return Ok(());
    }
    let builtins: Vec<&Value> = req
        .tools
        .iter()
        .filter_map(ToolSpec::anthropic_builtin)
        .collect();
    if builtins.is_empty() {
        return Ok(());
    }
    if !caps.anthropic_fields {
        let t = builtins[0]["type"].as_str().unwrap_or_default();
        return Err(Error::invalid(format!(
            "the tool type '{t}' is Anthropic's built-in tool; it needs a Claude model, not this {} model",
            caps.family
        )));
    }
    let mut betas: Vec<Value> = fields
        .get("anthropic_beta")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for b in &builtins {
        let beta = b["type"]
            .as_str()
            .and_then(super::tools::anthropic_builtin_beta)
            .unwrap_or_default();
        if !beta.is_empty() && !betas.iter().any(|x| x == beta) {
            betas.push(json!(beta));
        }
    }
    if !betas.is_empty() {
        fields.insert("anthropic_beta".into(), Value::Array(betas));
    }
    let mut tools: Vec<Value> = fields
        .get("tools")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    tools.extend(builtins.into_iter().cloned());
    fields.insert("tools".into(), Value::Array(tools));
    Ok(())
}

fn json_tool(js: &JsonSchema) -> ToolSpec {
    let schema = js
        .schema
        .clone()
        .unwrap_or_else(|| json!({ "type": "object", "additionalProperties": true }));
    let description = js.description.clone().unwrap_or_else(|| {
        "Give the final answer as the input of this tool. It must match the schema.".to_string()
    });
    ToolSpec::new(js.name.clone(), Some(description), schema)
}

fn tool_config(
    req: &ChatRequest,
    conv: &Conversation,
    caps: &Capabilities,
    plan: &ReasoningPlan,
    structured: &Option<StructuredOutput>,
    warnings: &mut Vec<Warning>,
) -> Option<Value> {
    let history_uses_tools = conv.has_tool_blocks();
    let mut specs: Vec<ToolSpec> = Vec::new();
    let mut choice: Option<Value> = None;
    let none_asked = req.tool_choice == Some(ToolChoice::None);

    if !none_asked || history_uses_tools {
        // Provider-defined tools have no toolSpec: Anthropic's go in the model fields (see
        // `builtin_fields`), Bedrock's are systemTool entries.
        specs.extend(req.tools.iter().filter(|t| t.builtin.is_none()).cloned());
    }
    if none_asked && !req.tools.is_empty() && history_uses_tools {
        warnings.push(Warning::changed(
            "tool choice",
            "Bedrock has no 'none'; the tools stay defined because the conversation already uses them",
        ));
    }
    match &req.tool_choice {
        None | Some(ToolChoice::None) => {}
        Some(ToolChoice::Auto) => choice = Some(json!({ "auto": {} })),
        Some(ToolChoice::Any) => {
            choice = Some(if downgrade_choice("any", plan, caps, warnings) {
                json!({ "auto": {} })
            } else {
                json!({ "any": {} })
            });
        }
        Some(ToolChoice::Tool(name)) => {
            choice = Some(if downgrade_choice(name, plan, caps, warnings) {
                json!({ "auto": {} })
            } else {
                json!({ "tool": { "name": name } })
            });
        }
    }
    if let (Some(StructuredOutput::Tool { .. }), Some(js)) = (structured, &req.json_schema) {
        let user_tools = !specs.is_empty();
        specs.push(json_tool(js));
        let forced = if user_tools {
            json!({ "any": {} })
        } else {
            json!({ "tool": { "name": js.name } })
        };
        let downgrade = plan.anthropic_thinking || !caps.forced_tool_choice;
        if downgrade {
            warnings.push(Warning::changed(
                "JSON schema",
                "the answer tool cannot be forced on this model; the answer is read from the tool or, failing that, the text",
            ));
        }
        choice = Some(if downgrade {
            json!({ "auto": {} })
        } else {
            forced
        });
    }

    // Bedrock refuses toolUse/toolResult blocks unless tools are defined; a continued session
    // may not repeat them, so tools seen in the history get a stand-in definition.
    let mut system_tools: Vec<String> = req.system_tools.clone();
    if !none_asked {
        for n in req.tools.iter().filter_map(ToolSpec::system_tool) {
            if !system_tools.iter().any(|s| s == n) {
                system_tools.push(n.to_string());
            }
        }
    }
    if history_uses_tools {
        for m in &conv.messages {
            for p in &m.content {
                if let Part::ToolUse { name, kind, .. } = p {
                    if super::message::is_server_tool(kind.as_deref()) {
                        if !system_tools.contains(name) {
                            system_tools.push(name.clone());
                        }
                    } else if !specs.iter().any(|t| &t.name == name)
                        && !req.tools.iter().any(|t| &t.name == name)
                    {
                        specs.push(ToolSpec::new(
                            name.clone(),
                            Some("A tool used earlier in this conversation.".into()),
                            json!({ "type": "object", "properties": {} }),
                        ));
                    }
                }
            }
        }
        if specs.is_empty() && system_tools.is_empty() {
            specs.push(ToolSpec::new(
                "placeholder_tool",
                Some(
                    "Not available; present because the conversation contains tool results.".into(),
                ),
                json!({ "type": "object", "properties": {} }),
            ));
        }
    }
    if specs.is_empty() && system_tools.is_empty() {
        return None;
    }
    let mut tools: Vec<Value> = specs.iter().map(tool_spec_json).collect();
    tools.extend(
        system_tools
            .iter()
            .map(|n| json!({ "systemTool": { "name": n } })),
    );
    if req.cache && !specs.is_empty() {
        if caps.tool_cache {
            tools.push(json!({ "cachePoint": { "type": "default" } }));
        } else {
            warnings.push(Warning::dropped(
                "tool cache point",
                format!("this {} model does not cache tool definitions", caps.family),
            ));
        }
    }
    let mut tc = Map::new();
    tc.insert("tools".into(), Value::Array(tools));
    if let Some(c) = choice {
        tc.insert("toolChoice".into(), c);
    }
    Some(Value::Object(tc))
}

/// Maps a request to the Converse body. Fails on anything Bedrock would refuse that brock can
/// tell in advance; adjustments it makes instead are listed in `warnings`.
pub fn to_converse(req: &ChatRequest) -> Result<ConverseRequest> {
    req.validate()?;
    let model = ModelRef::parse(&req.model_id)?;
    let caps = model.capabilities_with(req.family_hint, req.base_model_hint.as_deref());
    let mut warnings = Vec::new();
    let mut plan = plan_reasoning(req, &caps, &mut warnings);

    if plan.anthropic_thinking && req.prefill_text().is_some() {
        return Err(Error::invalid(
            "a prefill cannot be combined with reasoning on Claude: Anthropic refuses a prefilled answer when thinking is on",
        ));
    }

    // Messages: drop what must not go back, merge turns, fix the first turn, add the prefill.
    let mut conv = Conversation {
        system: req.conversation.system.clone(),
        messages: req
            .conversation
            .messages
            .iter()
            .map(|m| {
                Message::new(
                    m.role,
                    m.content
                        .iter()
                        .filter_map(|p| outgoing_part(p, &caps))
                        .collect(),
                )
            })
            .collect(),
    }
    .normalized();
    if conv
        .messages
        .first()
        .is_some_and(|m| m.role == Role::Assistant)
    {
        match req.leading_assistant {
            LeadingAssistant::InsertUserMessage => conv
                .messages
                .insert(0, Message::user_text(req.continue_message())),
            LeadingAssistant::Refuse => {
                return Err(Error::invalid(
                    "the conversation starts with an assistant message; Bedrock needs a user message first",
                ));
            }
        }
    }
    if let Some(prefill) = req.prefill_text() {
        conv.push(Message::assistant_text(prefill));
    }
    if conv.messages.is_empty() {
        return Err(Error::invalid("the prompt is empty"));
    }

    let native_schema = req
        .json_schema
        .as_ref()
        .and_then(|js| js.schema.as_ref())
        .filter(|_| caps.native_structured_output)
        .map(|s| {
            let strict = strict_schema(s);
            if strict.is_none() {
                warnings.push(Warning::changed(
                    "structured output",
                    "sent as a forced tool call: the schema allows additional properties, which Bedrock's native structured output refuses",
                ));
            }
            strict
        });
    let structured = req.json_schema.as_ref().map(|js| {
        if matches!(native_schema, Some(Some(_))) {
            StructuredOutput::Native
        } else {
            StructuredOutput::Tool {
                name: js.name.clone(),
            }
        }
    });

    let opts = BlockOptions {
        tool_result_status: caps.tool_result_status,
    };
    let messages: Vec<Value> = conv
        .messages
        .iter()
        .map(|m| message_to_json(m, opts))
        .collect();

    let mut system: Vec<Value> = conv.system.iter().map(system_part_to_block).collect();
    if req.cache && !system.is_empty() {
        if !caps.prompt_cache {
            warnings.push(Warning::dropped(
                "cache point",
                format!("this {} model does not support prompt caching", caps.family),
            ));
        } else if !matches!(conv.system.last(), Some(SystemPart::CachePoint { .. })) {
            system.push(json!({ "cachePoint": { "type": "default" } }));
        }
    }
    if req.cache && system.is_empty() && req.tools.is_empty() {
        warnings.push(Warning::dropped(
            "cache",
            "there is no system prompt or tool definition to cache",
        ));
    }

    add_top_k(req, &caps, &mut plan, &mut warnings);
    let inference = inference_json(req, &plan, &mut warnings);
    let tool_config = tool_config(req, &conv, &caps, &plan, &structured, &mut warnings);

    let mut fields = std::mem::take(&mut plan.fields);
    if !req.anthropic_beta.is_empty() {
        if caps.anthropic_fields {
            fields.insert("anthropic_beta".into(), json!(req.anthropic_beta));
        } else {
            warnings.push(Warning::dropped(
                "anthropic beta",
                format!("it is only for Claude, not this {} model", caps.family),
            ));
        }
    }
    deep_merge(&mut fields, &req.additional_fields);
    builtin_fields(req, &caps, &mut fields)?;

    let mut body = Map::new();
    body.insert("messages".into(), Value::Array(messages));
    body.insert("system".into(), Value::Array(system));
    body.insert("inferenceConfig".into(), inference);
    if let Some(tc) = tool_config {
        body.insert("toolConfig".into(), tc);
    }
    if !fields.is_empty() {
        body.insert("additionalModelRequestFields".into(), Value::Object(fields));
    }
    if !req.response_field_paths.is_empty() {
        body.insert(
            "additionalModelResponseFieldPaths".into(),
            json!(req.response_field_paths),
        );
    }
    if !req.request_metadata.is_empty() {
        body.insert("requestMetadata".into(), json!(req.request_metadata));
    }
    if !req.prompt_variables.is_empty() {
        body.insert(
            "promptVariables".into(),
            Value::Object(req.prompt_variables.clone()),
        );
    }
    if let Some(g) = &req.guardrail {
        body.insert(
            "guardrailConfig".into(),
            json!({
                "guardrailIdentifier": g.id,
                "guardrailVersion": g.version,
                "trace": if g.trace { "enabled" } else { "disabled" },
            }),
        );
    }
    if let Some(l) = req.performance_latency {
        body.insert("performanceConfig".into(), json!({ "latency": l.as_str() }));
    }
    if let Some(t) = req.service_tier {
        body.insert("serviceTier".into(), json!({ "type": t.as_str() }));
    }
    if let (Some(StructuredOutput::Native), Some(js), Some(Some(schema))) =
        (&structured, &req.json_schema, &native_schema)
    {
        let mut def = Map::new();
        // Bedrock takes the schema as a string.
        let schema = schema.to_string();
        def.insert("schema".into(), json!(schema));
        def.insert("name".into(), json!(js.name));
        if let Some(d) = &js.description {
            def.insert("description".into(), json!(d));
        }
        body.insert(
            "outputConfig".into(),
            json!({ "textFormat": { "type": "json_schema", "structure": { "jsonSchema": def } } }),
        );
    }

    Ok(ConverseRequest {
        body: Value::Object(body),
        warnings,
        structured,
    })
}

/// The body of `POST /model/{id}/count-tokens` for this request: the Converse input that
/// counts (messages, system, tools, additional fields), under `input.converse`. CountTokens
/// takes a foundation model id in the path, without geography prefix
/// ([`ModelRef::base_model_id`]).
pub fn to_count_tokens(req: &ChatRequest) -> Result<Value> {
    let converse = to_converse(req)?;
    let mut input = Map::new();
    if let Value::Object(body) = converse.body {
        for key in [
            "messages",
            "system",
            "toolConfig",
            "additionalModelRequestFields",
        ] {
            if let Some(v) = body.get(key) {
                input.insert(key.to_string(), v.clone());
            }
        }
    }
    Ok(json!({ "input": { "converse": input } }))
}

// ---------------------------------------------------------------------------------------------
// Response

/// Parses a Converse response body.
pub fn parse_response(body: &[u8]) -> Result<ChatResponse> {
    let v: Value = serde_json::from_slice(body)
        .map_err(|e| Error::response(format!("the Converse response is not JSON ({e})")))?;
    parse_response_value(&v)
}

/// Parses a Converse response already read as JSON.
pub fn parse_response_value(v: &Value) -> Result<ChatResponse> {
    if !v.is_object() {
        return Err(Error::response(
            "the Converse response is not a JSON object",
        ));
    }
    let message = match v.get("output").and_then(|o| o.get("message")) {
        Some(m) => message_from_json(m)?,
        // `output` is a union; a member brock does not know leaves no message to show.
        None => Message::new(Role::Assistant, Vec::new()),
    };
    let stop_reason = v
        .get("stopReason")
        .and_then(Value::as_str)
        .map(StopReason::parse)
        .ok_or_else(|| Error::response("the Converse response has no stopReason"))?;
    Ok(ChatResponse {
        message,
        stop_reason,
        usage: v.get("usage").map(Usage::from_converse).unwrap_or_default(),
        latency_ms: v
            .get("metrics")
            .and_then(|m| m.get("latencyMs"))
            .and_then(Value::as_u64),
        additional_fields: v.get("additionalModelResponseFields").cloned(),
        trace: v.get("trace").cloned(),
        service_tier: v
            .get("serviceTier")
            .and_then(|t| t.get("type"))
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// Takes the JSON answer out of a response to a JSON-schema request.
///
/// Returns `Some(answer)` and rewrites the message so the answer is its text (a forced tool
/// call left in the history would need a tool result before the next turn). Returns `None`
/// when the model called other tools instead: run them and ask again.
pub fn take_structured_answer(
    resp: &mut ChatResponse,
    mode: &StructuredOutput,
) -> Result<Option<Value>> {
    let parse_text = |text: &str| -> Result<Value> {
        serde_json::from_str(text.trim())
            .map_err(|e| Error::response(format!("the structured answer is not valid JSON ({e})")))
    };
    match mode {
        StructuredOutput::Native => parse_text(&resp.text()).map(Some),
        StructuredOutput::Tool { name } => {
            let pos = resp
                .message
                .content
                .iter()
                .position(|p| matches!(p, Part::ToolUse { name: n, .. } if n == name));
            if let Some(pos) = pos {
                let Part::ToolUse { input, .. } = resp.message.content.remove(pos) else {
                    return Err(Error::response("structured answer lost"));
                };
                // Text around a forced call is preamble ("<thinking>…"), not the answer.
                resp.message
                    .content
                    .retain(|p| !matches!(p, Part::Text { .. }));
                resp.message.content.push(Part::text(input.to_string()));
                if resp.message.tool_uses().next().is_none()
                    && resp.stop_reason == StopReason::ToolUse
                {
                    resp.stop_reason = StopReason::EndTurn;
                }
                return Ok(Some(input));
            }
            if resp.message.tool_uses().next().is_some() {
                return Ok(None);
            }
            let text = resp.text();
            if text.trim().is_empty() {
                return Err(Error::response("the model gave no JSON answer"));
            }
            parse_text(&text).map(Some)
        }
    }
}

#[cfg(test)]
mod tests;

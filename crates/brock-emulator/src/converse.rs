//! Converse / ConverseStream requests: deserialization and validation, in the order the service
//! applies them: JSON shape (`SerializationException`), Coral constraints (aggregated
//! `N validation errors detected: …`), then Bedrock's and the model provider's own checks.

use base64::Engine;
use serde_json::Value;

use super::catalog::{Family, Model, Resolved};
use super::errors::ApiError;
use super::json::{self, Obj, Path, Violations};
use super::reasoning;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    User,
    Assistant,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Text(String),
    Image {
        bytes: usize,
    },
    Document {
        name: String,
        bytes: usize,
    },
    Video,
    Audio,
    ToolUse {
        id: String,
        name: String,
        input: Value,
        server: bool,
    },
    ToolResult {
        id: String,
        content: Vec<ToolResultContent>,
    },
    GuardContent(String),
    CachePoint,
    ReasoningText {
        text: String,
        signature: Option<String>,
    },
    RedactedReasoning(Vec<u8>),
    Other,
}

impl Block {
    pub(crate) fn anthropic_type(&self) -> &'static str {
        match self {
            Block::Text(_) => "text",
            Block::Image { .. } => "image",
            Block::Document { .. } => "document",
            Block::ToolUse { .. } => "tool_use",
            Block::ToolResult { .. } => "tool_result",
            Block::ReasoningText { .. } => "thinking",
            Block::RedactedReasoning(_) => "redacted_thinking",
            _ => "text",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) enum ToolResultContent {
    Text(String),
    Json(Value),
    Media(&'static str),
}

#[derive(Debug, Clone)]
pub(crate) struct Message {
    pub role: Role,
    pub content: Vec<Block>,
}

#[derive(Debug, Clone)]
pub(crate) struct ToolSpec {
    pub name: String,
    pub schema: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ToolChoice {
    Auto,
    Any,
    Tool(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Guardrail {
    pub id: String,
    pub version: String,
    pub trace: bool,
}

/// The reasoning the request asked for, already validated against the model's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reasoning {
    Off,
    /// Reasoning with a signature (Anthropic).
    Signed,
    /// Reasoning text without a signature (Nova 2, gpt-oss, Qwen, DeepSeek, Kimi).
    Unsigned,
}

#[derive(Debug, Clone)]
pub(crate) struct ConverseRequest {
    pub messages: Vec<Message>,
    pub system: Vec<Block>,
    pub max_tokens: Option<i64>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub stop_sequences: Vec<String>,
    pub tools: Vec<ToolSpec>,
    pub tool_choice: Option<ToolChoice>,
    pub has_tool_config: bool,
    pub guardrail: Option<Guardrail>,
    pub additional: Option<Value>,
    pub response_field_paths: Vec<String>,
    pub performance_latency: Option<String>,
    pub service_tier: Option<String>,
    /// The JSON schema of `outputConfig.textFormat` (structured output), parsed.
    pub output_schema: Option<Value>,
    pub reasoning: Reasoning,
    /// Names of the `systemTool`s (tools Bedrock runs itself, e.g. `nova_code_interpreter`).
    pub system_tools: Vec<String>,
}

const TOP_LEVEL: &[&str] = &[
    "messages",
    "system",
    "inferenceConfig",
    "toolConfig",
    "guardrailConfig",
    "additionalModelRequestFields",
    "promptVariables",
    "additionalModelResponseFieldPaths",
    "requestMetadata",
    "performanceConfig",
    "serviceTier",
    "outputConfig",
];

const CONTENT_MEMBERS: &[&str] = &[
    "text",
    "image",
    "document",
    "video",
    "audio",
    "toolUse",
    "toolResult",
    "guardContent",
    "cachePoint",
    "reasoningContent",
    "citationsContent",
    "searchResult",
    "toolAddition",
    "toolRemoval",
];

const IMAGE_FORMATS: &[&str] = &["png", "jpeg", "gif", "webp"];
const DOCUMENT_FORMATS: &[&str] = &[
    "pdf", "csv", "doc", "docx", "xls", "xlsx", "html", "txt", "md",
];
const VIDEO_FORMATS: &[&str] = &[
    "mkv", "mov", "mp4", "webm", "flv", "mpeg", "mpg", "wmv", "three_gp",
];
const MAX_IMAGE_BYTES: usize = 3_750_000;
const MAX_DOCUMENT_BYTES: usize = 4_500_000;

fn enum_set(values: &[&str]) -> String {
    format!(
        "Member must satisfy enum value set: [{}]",
        values.join(", ")
    )
}

/// `ToolName`'s pattern `[a-zA-Z0-9_-]+` (Smithy model; the refusal is recorded in
/// tests/fixtures/recorded/errors/invalid-tool-name-validation-error.json).
fn name_pattern_ok(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `ToolUseId`'s pattern `[a-zA-Z0-9_.:-]+` (Smithy model, botocore bedrock-runtime
/// service-2.json). Kimi K2 issues ids like `functions.get_temperature:0`, and Bedrock took
/// them back (recorded: converse/test_bedrock_moonshotai_tool_call.yaml).
fn tool_use_id_ok(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
}
const TOOL_USE_ID_PATTERN: &str =
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+";

/// Bedrock's rule for document names: alphanumerics, single whitespace characters, hyphens,
/// parentheses and square brackets.
fn document_name_ok(s: &str) -> bool {
    let mut prev_space = false;
    for c in s.chars() {
        let space = c.is_whitespace();
        if space && prev_space {
            return false;
        }
        prev_space = space;
        if !(c.is_alphanumeric() || space || matches!(c, '-' | '(' | ')' | '[' | ']')) {
            return false;
        }
    }
    !s.is_empty()
}

fn decode_blob(v: &Value) -> Result<Vec<u8>, ApiError> {
    let s = json::string(v)?;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        // Source: inferred (the Coral deserializer's wording).
        .map_err(|_| ApiError::serialization("Invalid Base64 value for a blob member."))
}

/// Size of a media `source` union (`bytes` decoded, or 0 for `s3Location`/`text`/…).
fn source_size(
    o: &Obj,
    path: &Path,
    allowed: &[&str],
    v: &mut Violations,
) -> Result<usize, ApiError> {
    let Some(src) = json::get_obj(o, "source")? else {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.null(&path.field("source"));
        return Ok(0);
    };
    let members = json::union_members(src);
    if members.len() != 1 || !allowed.contains(&members[0]) {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(
            &path.field("source"),
            None,
            "Member must have exactly one member set",
        );
        return Ok(0);
    }
    match members[0] {
        "bytes" => Ok(decode_blob(&src["bytes"])?.len()),
        "text" => Ok(json::string(&src["text"])?.len()),
        _ => Ok(0),
    }
}

fn parse_tool_result_content(
    item: &Value,
    path: &Path,
    v: &mut Violations,
) -> Result<ToolResultContent, ApiError> {
    let o = json::obj(item)?;
    let members = json::union_members(o);
    if members.len() != 1 {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(path, None, "Member must have exactly one member set");
        return Ok(ToolResultContent::Text(String::new()));
    }
    Ok(match members[0] {
        "text" => ToolResultContent::Text(json::string(&o["text"])?.to_string()),
        "json" => {
            if !o["json"].is_object() {
                // Source: inferred.
                return Err(ApiError::validation(format!(
                    "The format of the value at {}.json is invalid. Provide a json object for the field and try again.",
                    path.dotted()
                )));
            }
            ToolResultContent::Json(o["json"].clone())
        }
        "image" => ToolResultContent::Media("image"),
        "document" => ToolResultContent::Media("document"),
        "video" => ToolResultContent::Media("video"),
        "searchResult" => ToolResultContent::Media("search result"),
        other => {
            // Source: inferred (the Coral deserializer's wording).
            return Err(ApiError::serialization(format!(
                "Unknown member '{other}' in ToolResultContentBlock"
            )));
        }
    })
}

fn parse_block(item: &Value, path: &Path, v: &mut Violations) -> Result<Block, ApiError> {
    let o = json::obj(item)?;
    let members = json::union_members(o);
    if let Some(unknown) = members.iter().find(|m| !CONTENT_MEMBERS.contains(m)) {
        // Source: inferred (the Coral deserializer's wording).
        return Err(ApiError::serialization(format!(
            "Unknown member '{unknown}' in ContentBlock"
        )));
    }
    if members.len() != 1 {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(path, None, "Member must have exactly one member set");
        return Ok(Block::Other);
    }
    let member = members[0];
    let p = path.field(member);
    let value = &o[member];
    Ok(match member {
        "text" => Block::Text(json::string(value)?.to_string()),
        "image" => {
            let img = json::obj(value)?;
            let format = json::get_str(img, "format")?
                .unwrap_or_default()
                .to_string();
            if json::get(img, "format").is_none() {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.null(&p.field("format"));
            } else if !IMAGE_FORMATS.contains(&format.as_str()) {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(&p.field("format"), None, &enum_set(IMAGE_FORMATS));
            }
            let bytes = source_size(img, &p, &["bytes", "s3Location"], v)?;
            Block::Image { bytes }
        }
        "document" => {
            let doc = json::obj(value)?;
            let format = json::get_str(doc, "format")?
                .unwrap_or_default()
                .to_string();
            if json::get(doc, "format").is_none() {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.null(&p.field("format"));
            } else if !DOCUMENT_FORMATS.contains(&format.as_str()) {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(&p.field("format"), None, &enum_set(DOCUMENT_FORMATS));
            }
            let name = match json::get_str(doc, "name")? {
                Some(n) => n.to_string(),
                None => {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.null(&p.field("name"));
                    String::new()
                }
            };
            if name.chars().count() > 200 {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(
                    &p.field("name"),
                    None,
                    "Member must have length less than or equal to 200",
                );
            }
            let bytes = source_size(doc, &p, &["bytes", "s3Location", "text", "content"], v)?;
            Block::Document { name, bytes }
        }
        "video" => {
            let vid = json::obj(value)?;
            let format = json::get_str(vid, "format")?
                .unwrap_or_default()
                .to_string();
            if json::get(vid, "format").is_none() {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.null(&p.field("format"));
            } else if !VIDEO_FORMATS.contains(&format.as_str())
                // Bedrock took a media type too (recorded: converse/test_video_url_input.yaml
                // sent `video/mp4` to Nova Pro and got 200); the enum is the Smithy model's.
                && !format
                    .strip_prefix("video/")
                    .is_some_and(|f| VIDEO_FORMATS.contains(&f))
            {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(&p.field("format"), None, &enum_set(VIDEO_FORMATS));
            }
            source_size(vid, &p, &["bytes", "s3Location"], v)?;
            Block::Video
        }
        "audio" => Block::Audio,
        "toolUse" => {
            let tu = json::obj(value)?;
            let id = json::get_str(tu, "toolUseId")?;
            let name = json::get_str(tu, "name")?;
            check_id_and_name(id, name, &p, v);
            let server = json::get_str(tu, "type")? == Some("server_tool_use");
            let input = match json::get(tu, "input") {
                Some(i) => i.clone(),
                None => {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "The value at {}.input is empty.",
                        p.dotted()
                    )));
                }
            };
            Block::ToolUse {
                id: id.unwrap_or_default().into(),
                name: name.unwrap_or_default().into(),
                input,
                server,
            }
        }
        "toolResult" => {
            let tr = json::obj(value)?;
            let id = json::get_str(tr, "toolUseId")?;
            match id {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                None => v.null(&p.field("toolUseId")),
                Some(s) if !tool_use_id_ok(s) || s.len() > 64 => {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(&p.field("toolUseId"), None, TOOL_USE_ID_PATTERN)
                }
                _ => {}
            }
            if let Some(status) = json::get_str(tr, "status")?
                && !["success", "error"].contains(&status)
            {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(&p.field("status"), None, &enum_set(&["success", "error"]));
            }
            let mut content = Vec::new();
            match json::get_list(tr, "content")? {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                None => v.null(&p.field("content")),
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        content.push(parse_tool_result_content(
                            item,
                            &p.field("content").index(i),
                            v,
                        )?);
                    }
                }
            }
            Block::ToolResult {
                id: id.unwrap_or_default().into(),
                content,
            }
        }
        "guardContent" => {
            let g = json::obj(value)?;
            let text = match json::get_obj(g, "text")? {
                Some(t) => json::get_str(t, "text")?.unwrap_or_default().to_string(),
                None => String::new(),
            };
            Block::GuardContent(text)
        }
        "cachePoint" => {
            check_cache_point(value, &p, v)?;
            Block::CachePoint
        }
        "reasoningContent" => {
            let r = json::obj(value)?;
            let members = json::union_members(r);
            match members.as_slice() {
                ["reasoningText"] => {
                    let rt = json::obj(&r["reasoningText"])?;
                    let text = match json::get_str(rt, "text")? {
                        Some(t) => t.to_string(),
                        None => {
                            // Source: inferred from the Smithy model's constraints, in Coral's report format.
                            v.null(&p.field("reasoningText").field("text"));
                            String::new()
                        }
                    };
                    let signature = json::get_str(rt, "signature")?.map(str::to_string);
                    Block::ReasoningText { text, signature }
                }
                ["redactedContent"] => {
                    Block::RedactedReasoning(decode_blob(&r["redactedContent"])?)
                }
                _ => {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(&p, None, "Member must have exactly one member set");
                    Block::Other
                }
            }
        }
        _ => Block::Other,
    })
}

fn check_id_and_name(id: Option<&str>, name: Option<&str>, p: &Path, v: &mut Violations) {
    const PATTERN: &str = "Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+";
    match id {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&p.field("toolUseId")),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if s.len() > 64 => v.push(
            &p.field("toolUseId"),
            None,
            "Member must have length less than or equal to 64",
        ),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if !tool_use_id_ok(s) => v.push(&p.field("toolUseId"), None, TOOL_USE_ID_PATTERN),
        _ => {}
    }
    match name {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&p.field("name")),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if s.len() > 64 => v.push(
            &p.field("name"),
            None,
            "Member must have length less than or equal to 64",
        ),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if !name_pattern_ok(s) => v.push(&p.field("name"), None, PATTERN),
        _ => {}
    }
}

fn check_cache_point(value: &Value, p: &Path, v: &mut Violations) -> Result<(), ApiError> {
    let cp = json::obj(value)?;
    match json::get_str(cp, "type")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&p.field("type")),
        Some("default") => {}
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(other) => v.push(&p.field("type"), Some(other), &enum_set(&["default"])),
    }
    if let Some(ttl) = json::get_str(cp, "ttl")?
        && !["5m", "1h"].contains(&ttl)
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(&p.field("ttl"), Some(ttl), &enum_set(&["5m", "1h"]));
    }
    Ok(())
}

fn parse_system(items: &[Value], v: &mut Violations) -> Result<Vec<Block>, ApiError> {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let p = Path::root("system").index(i);
        let o = json::obj(item)?;
        let members = json::union_members(o);
        if members.len() != 1 {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(&p, None, "Member must have exactly one member set");
            continue;
        }
        match members[0] {
            "text" => {
                let t = json::string(&o["text"])?;
                if t.trim().is_empty() {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "The text field in the SystemContentBlock object at {} is blank. Add text to the text field, and try again.",
                        p.dotted()
                    )));
                }
                out.push(Block::Text(t.to_string()));
            }
            "guardContent" => out.push(Block::GuardContent(String::new())),
            "cachePoint" => {
                check_cache_point(&o["cachePoint"], &p.field("cachePoint"), v)?;
                out.push(Block::CachePoint);
            }
            other => {
                // Source: inferred (the Coral deserializer's wording).
                return Err(ApiError::serialization(format!(
                    "Unknown member '{other}' in SystemContentBlock"
                )));
            }
        }
    }
    Ok(out)
}

fn parse_tool_config(
    tc: &Obj,
    v: &mut Violations,
) -> Result<(Vec<ToolSpec>, Option<ToolChoice>), ApiError> {
    let p = Path::root("toolConfig");
    let mut tools = Vec::new();
    match json::get_list(tc, "tools")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&p.field("tools")),
        Some(items) => {
            if items.is_empty() {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(
                    &p.field("tools"),
                    None,
                    "Member must have length greater than or equal to 1",
                );
            }
            for (i, item) in items.iter().enumerate() {
                let tp = p.field("tools").index(i);
                let o = json::obj(item)?;
                let members = json::union_members(o);
                if members.len() != 1 {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(&tp, None, "Member must have exactly one member set");
                    continue;
                }
                match members[0] {
                    "toolSpec" => {
                        let sp = tp.field("toolSpec");
                        let spec = json::obj(&o["toolSpec"])?;
                        let name = json::get_str(spec, "name")?;
                        match name {
                            // Source: inferred from the Smithy model's constraints, in Coral's report format.
                            None => v.null(&sp.field("name")),
                            // Source: inferred from the Smithy model's constraints, in Coral's report format.
                            Some(n) if n.len() > 64 => v.push(
                                &sp.field("name"),
                                Some(n),
                                "Member must have length less than or equal to 64",
                            ),
                            // Source: recorded, tests/fixtures/recorded/errors/invalid-tool-name-validation-error.json.
                            Some(n) if !name_pattern_ok(n) => v.push(
                                &sp.field("name"),
                                Some(n),
                                "Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+",
                            ),
                            _ => {}
                        }
                        if let Some(d) = json::get_str(spec, "description")?
                            && d.is_empty()
                        {
                            // Source: inferred from the Smithy model's constraints, in Coral's report format.
                            v.push(
                                &sp.field("description"),
                                Some(d),
                                "Member must have length greater than or equal to 1",
                            );
                        }
                        let schema = match json::get_obj(spec, "inputSchema")? {
                            None => {
                                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                                v.null(&sp.field("inputSchema"));
                                Value::Null
                            }
                            Some(is) => match json::get(is, "json") {
                                Some(s) => s.clone(),
                                None => {
                                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                                    v.push(
                                        &sp.field("inputSchema"),
                                        None,
                                        "Member must have exactly one member set",
                                    );
                                    Value::Null
                                }
                            },
                        };
                        tools.push(ToolSpec {
                            name: name.unwrap_or_default().to_string(),
                            schema,
                        });
                    }
                    "systemTool" => {}
                    "cachePoint" => {
                        check_cache_point(&o["cachePoint"], &tp.field("cachePoint"), v)?
                    }
                    other => {
                        // Source: inferred (the Coral deserializer's wording).
                        return Err(ApiError::serialization(format!(
                            "Unknown member '{other}' in Tool"
                        )));
                    }
                }
            }
        }
    }
    let choice = match json::get_obj(tc, "toolChoice")? {
        None => None,
        Some(c) => {
            let members = json::union_members(c);
            match members.as_slice() {
                ["auto"] => Some(ToolChoice::Auto),
                ["any"] => Some(ToolChoice::Any),
                ["tool"] => {
                    let t = json::obj(&c["tool"])?;
                    match json::get_str(t, "name")? {
                        Some(n) => Some(ToolChoice::Tool(n.to_string())),
                        None => {
                            // Source: inferred from the Smithy model's constraints, in Coral's report format.
                            v.null(&p.field("toolChoice").field("tool").field("name"));
                            None
                        }
                    }
                }
                _ => {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(
                        &p.field("toolChoice"),
                        None,
                        "Member must have exactly one member set",
                    );
                    None
                }
            }
        }
    };
    Ok((tools, choice))
}

/// Parses and validates a Converse request body for `model` (resolved from `model_id`).
pub(crate) fn parse(
    body: &Value,
    model_id: &str,
    resolved: &Resolved,
) -> Result<ConverseRequest, ApiError> {
    let top = json::obj(body)?;
    if let Some(unknown) = top.keys().find(|k| !TOP_LEVEL.contains(&k.as_str())) {
        // Source: inferred (the Coral deserializer's wording).
        return Err(ApiError::serialization(format!(
            "Unrecognized field \"{unknown}\" in ConverseRequest"
        )));
    }
    let mut v = Violations::default();

    let mut messages = Vec::new();
    match json::get_list(top, "messages")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("messages")),
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                let p = Path::root("messages").index(i);
                let o = json::obj(item)?;
                let role = match json::get_str(o, "role")? {
                    Some("user") => Role::User,
                    Some("assistant") => Role::Assistant,
                    Some(_) => {
                        // Source: inferred from the Smithy model's constraints, in Coral's report format.
                        v.push(&p.field("role"), None, &enum_set(&["user", "assistant"]));
                        Role::User
                    }
                    None => {
                        // Source: inferred from the Smithy model's constraints, in Coral's report format.
                        v.null(&p.field("role"));
                        Role::User
                    }
                };
                let mut content = Vec::new();
                match json::get_list(o, "content")? {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    None => v.null(&p.field("content")),
                    Some(blocks) => {
                        for (j, b) in blocks.iter().enumerate() {
                            content.push(parse_block(b, &p.field("content").index(j), &mut v)?);
                        }
                    }
                }
                messages.push(Message { role, content });
            }
        }
    }

    let system = match json::get_list(top, "system")? {
        Some(items) => parse_system(items, &mut v)?,
        None => Vec::new(),
    };

    let (mut max_tokens, mut temperature, mut top_p, mut stop_sequences) =
        (None, None, None, Vec::new());
    if let Some(ic) = json::get_obj(top, "inferenceConfig")? {
        let p = Path::root("inferenceConfig");
        max_tokens = json::get_int(ic, "maxTokens")?;
        if let Some(m) = max_tokens
            && m < 1
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(
                &p.field("maxTokens"),
                Some(&m.to_string()),
                "Member must have value greater than or equal to 1",
            );
        }
        temperature = json::get_float(ic, "temperature")?;
        top_p = json::get_float(ic, "topP")?;
        for (name, value) in [("temperature", temperature), ("topP", top_p)] {
            if let Some(x) = value {
                if x < 0.0 {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(
                        &p.field(name),
                        Some(&json::num(x)),
                        "Member must have value greater than or equal to 0",
                    );
                } else if x > 1.0 {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(
                        &p.field(name),
                        Some(&json::num(x)),
                        "Member must have value less than or equal to 1",
                    );
                }
            }
        }
        if let Some(items) = json::get_list(ic, "stopSequences")? {
            if items.len() > 2500 {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(
                    &p.field("stopSequences"),
                    None,
                    "Member must have length less than or equal to 2500",
                );
            }
            for (i, item) in items.iter().enumerate() {
                let s = json::string(item)?;
                if s.is_empty() {
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    v.push(
                        &p.field("stopSequences").index(i),
                        Some(s),
                        "Member must have length greater than or equal to 1",
                    );
                }
                stop_sequences.push(s.to_string());
            }
        }
    }

    let (mut tools, mut tool_choice, mut has_tool_config) = (Vec::new(), None, false);
    if let Some(tc) = json::get_obj(top, "toolConfig")? {
        has_tool_config = true;
        (tools, tool_choice) = parse_tool_config(tc, &mut v)?;
    }

    let mut guardrail = None;
    if let Some(g) = json::get_obj(top, "guardrailConfig")? {
        let p = Path::root("guardrailConfig");
        let id = json::get_str(g, "guardrailIdentifier")?;
        let version = json::get_str(g, "guardrailVersion")?;
        match id {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            None => v.null(&p.field("guardrailIdentifier")),
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            Some(s) if !super::guardrail::identifier_ok(s) => v.push(
                &p.field("guardrailIdentifier"),
                Some(s),
                super::guardrail::IDENTIFIER_CONSTRAINT,
            ),
            _ => {}
        }
        match version {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            None => v.null(&p.field("guardrailVersion")),
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            Some(s) if !super::guardrail::version_ok(s) => v.push(
                &p.field("guardrailVersion"),
                Some(s),
                super::guardrail::VERSION_CONSTRAINT,
            ),
            _ => {}
        }
        let trace = json::get_str(g, "trace")?;
        if let Some(t) = trace
            && !["enabled", "disabled", "enabled_full"].contains(&t)
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(
                &p.field("trace"),
                Some(t),
                &enum_set(&["enabled", "disabled", "enabled_full"]),
            );
        }
        if let Some(m) = json::get_str(g, "streamProcessingMode")?
            && !["sync", "async"].contains(&m)
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(
                &p.field("streamProcessingMode"),
                Some(m),
                &enum_set(&["sync", "async"]),
            );
        }
        guardrail = Some(Guardrail {
            id: id.unwrap_or_default().into(),
            version: version.unwrap_or_default().into(),
            trace: matches!(trace, Some("enabled") | Some("enabled_full")),
        });
    }

    let additional = json::get(top, "additionalModelRequestFields").cloned();
    let mut response_field_paths = Vec::new();
    if let Some(items) = json::get_list(top, "additionalModelResponseFieldPaths")? {
        let p = Path::root("additionalModelResponseFieldPaths");
        if items.len() > 10 {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(&p, None, "Member must have length less than or equal to 10");
        }
        for (i, item) in items.iter().enumerate() {
            let s = json::string(item)?;
            if s.is_empty() || s.len() > 256 {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                v.push(
                    &p.index(i),
                    Some(s),
                    "Member must have length between 1 and 256",
                );
            }
            response_field_paths.push(s.to_string());
        }
    }
    if let Some(md) = json::get_obj(top, "requestMetadata")? {
        for value in md.values() {
            json::string(value)?;
        }
    }
    let mut performance_latency = None;
    if let Some(pc) = json::get_obj(top, "performanceConfig")?
        && let Some(l) = json::get_str(pc, "latency")?
    {
        if !["standard", "optimized"].contains(&l) {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(
                &Path::root("performanceConfig").field("latency"),
                Some(l),
                &enum_set(&["standard", "optimized"]),
            );
        }
        performance_latency = Some(l.to_string());
    }
    let mut service_tier = None;
    if let Some(st) = json::get_obj(top, "serviceTier")?
        && let Some(t) = json::get_str(st, "type")?
    {
        if !["priority", "default", "flex", "reserved"].contains(&t) {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(
                &Path::root("serviceTier").field("type"),
                Some(t),
                &enum_set(&["priority", "default", "flex", "reserved"]),
            );
        }
        service_tier = Some(t.to_string());
    }
    let mut output_schema = None;
    if let Some(oc) = json::get_obj(top, "outputConfig")?
        && let Some(tf) = json::get_obj(oc, "textFormat")?
        && let Some(st) = json::get_obj(tf, "structure")?
        && let Some(js) = json::get_obj(st, "jsonSchema")?
        && let Some(schema) = json::get_str(js, "schema")?
    {
        let parsed: Value = serde_json::from_str(schema).map_err(|_| {
            // Source: inferred.
            ApiError::validation("The JSON schema in outputConfig.textFormat is not valid JSON.")
        })?;
        if !objects_are_closed(&parsed) {
            // Bedrock's wording, as quoted in future-agi/future-agi#411.
            return Err(ApiError::validation(
                "output_config.format.schema: For 'object' type, 'additionalProperties' must be explicitly set to false",
            ));
        }
        output_schema = Some(parsed);
    }

    v.into_result()?;

    let mut req = ConverseRequest {
        messages,
        system,
        max_tokens,
        temperature,
        top_p,
        stop_sequences,
        tools,
        tool_choice,
        has_tool_config,
        guardrail,
        additional,
        response_field_paths,
        performance_latency,
        service_tier,
        output_schema,
        reasoning: Reasoning::Off,
        system_tools: system_tool_names(top),
    };
    check_conversation(&req, resolved.model)?;
    check_model_support(&req, model_id, resolved)?;
    req.reasoning = reasoning::check(&req, resolved.model)?;
    Ok(req)
}

/// Bedrock's conversation rules, with its own message texts.
fn check_conversation(req: &ConverseRequest, model: &Model) -> Result<(), ApiError> {
    let anthropic = model.family == Family::Anthropic;
    match req.messages.first() {
        None => {
            // Source: inferred.
            return Err(ApiError::validation(
                "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
            ));
        }
        Some(m) if m.role != Role::User && !anthropic => {
            // Source: inferred.
            return Err(ApiError::validation(
                "A conversation must start with a user message. Try again with a conversation that starts with a user message.",
            ));
        }
        _ => {}
    }
    for pair in req.messages.windows(2) {
        if pair[0].role == pair[1].role {
            // Source: inferred.
            return Err(ApiError::validation(
                "A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.",
            ));
        }
    }
    let mut uses_tools = false;
    for (i, m) in req.messages.iter().enumerate() {
        if m.content.is_empty() {
            // Source: recorded, tests/fixtures/recorded/errors/empty-message-validation-error.json.
            return Err(ApiError::validation(format!(
                "The content field in the Message object at messages.{i} is empty. Add a ContentBlock object to the content field and try again."
            )));
        }
        let mut names = Vec::new();
        for (j, b) in m.content.iter().enumerate() {
            match b {
                // Empty text is refused (the message is quoted in OpenHands/OpenHands#5339 and
                // LibreChat-AI/agents#501); whitespace-only text passes this check (recorded:
                // converse/test_bedrock_cache_write_and_read.yaml sent "\n" and got 200).
                Block::Text(t) if t.is_empty() => {
                    return Err(ApiError::validation(format!(
                        "The text field in the ContentBlock object at messages.{i}.content.{j} is blank. Add text to the text field, and try again."
                    )));
                }
                Block::Image { bytes, .. } if *bytes > MAX_IMAGE_BYTES => {
                    // Source: inferred.
                    return Err(ApiError::validation(format!(
                        "The image in the ContentBlock object at messages.{i}.content.{j} exceeds the maximum size of 3.75 MB. Reduce the image size and try again."
                    )));
                }
                Block::Document { name, bytes, .. } => {
                    if !document_name_ok(name) {
                        // Source: inferred.
                        return Err(ApiError::validation(
                            "The document file name can only contain alphanumeric characters, whitespace characters, hyphens, parentheses, and square brackets. The name can't contain more than one consecutive whitespace character.",
                        ));
                    }
                    if *bytes > MAX_DOCUMENT_BYTES {
                        // Source: inferred.
                        return Err(ApiError::validation(format!(
                            "The document in the ContentBlock object at messages.{i}.content.{j} exceeds the maximum size of 4.5 MB. Reduce the document size and try again."
                        )));
                    }
                    if names.contains(name) {
                        // Source: inferred.
                        return Err(ApiError::validation(format!(
                            "The document names in the Message object at messages.{i} must be unique. Rename the documents and try again."
                        )));
                    }
                    names.push(name.clone());
                }
                Block::ToolUse { .. } | Block::ToolResult { .. } => uses_tools = true,
                _ => {}
            }
        }
    }
    if uses_tools && !req.has_tool_config {
        // Source: inferred.
        return Err(ApiError::validation(
            "The toolConfig field must be defined when using toolUse and toolResult content blocks.",
        ));
    }
    // Each user turn must answer exactly the client tool calls of the assistant turn before it.
    for i in 1..req.messages.len() {
        let (prev, cur) = (&req.messages[i - 1], &req.messages[i]);
        if cur.role != Role::User {
            continue;
        }
        let uses: Vec<&str> = prev
            .content
            .iter()
            .filter_map(|b| match b {
                Block::ToolUse {
                    id, server: false, ..
                } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        let results: Vec<&str> = cur
            .content
            .iter()
            .filter_map(|b| match b {
                Block::ToolResult { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect();
        if results.len() > uses.len() {
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "The number of toolResult blocks at messages.{i}.content exceeds the number of toolUse blocks of previous turn."
            )));
        }
        let missing: Vec<&str> = uses
            .iter()
            .filter(|u| !results.contains(u))
            .copied()
            .collect();
        if !missing.is_empty() {
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "Expected toolResult blocks at messages.{i}.content for the following Ids: {}",
                missing.join(", ")
            )));
        }
    }
    if let Some(ToolChoice::Tool(name)) = &req.tool_choice
        && !req.tools.iter().any(|t| &t.name == name)
    {
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The tool {name} specified in toolChoice is not defined in toolConfig.tools."
        )));
    }
    if anthropic {
        let mut seen = Vec::new();
        for t in &req.tools {
            if seen.contains(&t.name.as_str()) {
                // Source: inferred.
                return Err(ApiError::model("tools: Tool names must be unique."));
            }
            seen.push(t.name.as_str());
        }
    }
    Ok(())
}

/// What the chosen model cannot do.
fn check_model_support(
    req: &ConverseRequest,
    model_id: &str,
    resolved: &Resolved,
) -> Result<(), ApiError> {
    let model = resolved.model;
    let has = |kind: &str| model.input.contains(&kind);
    for m in &req.messages {
        for b in &m.content {
            let (needs, name) = match b {
                Block::Image { .. } => ("IMAGE", "image"),
                Block::Video => ("VIDEO", "video"),
                _ => continue,
            };
            if !has(needs) {
                // Source: inferred.
                return Err(ApiError::validation(format!(
                    "This model doesn't support the {name} content block that you provided. Try again with a supported content block."
                )));
            }
        }
    }
    if req.has_tool_config && model.family == Family::TitanText {
        // Source: inferred.
        return Err(ApiError::validation("This model doesn't support tool use."));
    }
    let limit = model.max_output;
    if let Some(max) = req.max_tokens
        && limit > 0
        && max as u64 > limit
    {
        if model.family == Family::Anthropic {
            // Source: inferred.
            return Err(ApiError::model(format!(
                "max_tokens: {max} > {limit}, which is the maximum allowed number of output tokens for {}",
                anthropic_name(model.id)
            )));
        }
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The maximum tokens you requested exceeds the model limit of {limit}. Try again with a maximum tokens value that is lower than {limit}."
        )));
    }
    if model.family == Family::Anthropic
        && req.temperature.is_some()
        && req.top_p.is_some()
        && exclusive_sampling(model.id)
    {
        // Source: inferred.
        return Err(ApiError::model(
            "`temperature` and `top_p` cannot both be specified for this model. Please use only one.",
        ));
    }
    let _ = model_id;
    Ok(())
}

/// Anthropic's own name for a Bedrock model id (`claude-sonnet-4-5-20250929`).
pub(crate) fn anthropic_name(id: &str) -> String {
    let s = id.strip_prefix("anthropic.").unwrap_or(id);
    let s = s.split(':').next().unwrap_or(s);
    s.strip_suffix("-v1").unwrap_or(s).to_string()
}

fn exclusive_sampling(id: &str) -> bool {
    [
        "sonnet-4-5",
        "haiku-4-5",
        "opus-4-1",
        "sonnet-4-6",
        "opus-4-6",
    ]
    .iter()
    .any(|m| id.contains(m))
}

impl ConverseRequest {
    /// The text of the last user message, blocks joined with a space.
    pub fn last_user_text(&self) -> String {
        self.last_user()
            .map(|m| {
                m.content
                    .iter()
                    .filter_map(|b| match b {
                        Block::Text(t) => Some(t.as_str()),
                        Block::GuardContent(t) => Some(t.as_str()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
    }

    /// What the guardrail evaluates in the last user turn: only its guardContent blocks when
    /// it has any ("the guardrail evaluates only the content in the guardContent field and
    /// not the rest of the message", AWS guide: guardrails-use-converse-api), else all its text.
    pub fn guarded_text(&self) -> String {
        let guarded: Vec<&str> = self
            .last_user()
            .into_iter()
            .flat_map(|m| &m.content)
            .filter_map(|b| match b {
                Block::GuardContent(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        if guarded.is_empty() {
            self.last_user_text()
        } else {
            guarded.join(" ")
        }
    }

    pub fn last_user(&self) -> Option<&Message> {
        self.messages.iter().rev().find(|m| m.role == Role::User)
    }

    /// Characters of text in the request, for the input token estimate.
    pub fn input_chars(&self) -> usize {
        let mut n = 0;
        let mut count = |b: &Block| {
            n += match b {
                Block::Text(t) | Block::GuardContent(t) => t.chars().count(),
                Block::ReasoningText { text, .. } => text.chars().count(),
                Block::ToolUse { input, name, .. } => name.len() + input.to_string().len(),
                Block::ToolResult { content, .. } => content
                    .iter()
                    .map(|c| match c {
                        ToolResultContent::Text(t) => t.chars().count(),
                        ToolResultContent::Json(j) => j.to_string().len(),
                        ToolResultContent::Media(_) => 1000,
                    })
                    .sum(),
                Block::Image { .. } | Block::Video | Block::Audio => 1000,
                Block::Document { bytes, .. } => *bytes,
                _ => 0,
            }
        };
        for b in &self.system {
            count(b);
        }
        for m in &self.messages {
            for b in &m.content {
                count(b);
            }
        }
        for t in &self.tools {
            count(&Block::Text(format!("{}{}", t.name, t.schema)));
        }
        n
    }
}

/// `toolConfig.tools[].systemTool.name`, read after validation.
fn system_tool_names(top: &Obj) -> Vec<String> {
    top.get("toolConfig")
        .and_then(|tc| tc.get("tools"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.pointer("/systemTool/name").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

/// Whether every object schema in a structured-output schema says `additionalProperties: false`,
/// which Bedrock's native structured output requires.
fn objects_are_closed(v: &Value) -> bool {
    match v {
        Value::Array(items) => items.iter().all(objects_are_closed),
        Value::Object(o) => {
            let is_object = o.get("type").is_some_and(|t| {
                t == "object"
                    || t.as_array()
                        .is_some_and(|a| a.iter().any(|x| x == "object"))
            }) || o.contains_key("properties");
            if is_object && o.get("additionalProperties") != Some(&Value::Bool(false)) {
                return false;
            }
            let subs = ["items", "prefixItems", "anyOf", "allOf", "oneOf", "not"]
                .iter()
                .filter_map(|k| o.get(*k));
            let named = ["properties", "$defs", "definitions"]
                .iter()
                .filter_map(|k| o.get(*k).and_then(Value::as_object))
                .flat_map(|m| m.values());
            subs.chain(named).all(objects_are_closed)
        }
        _ => true,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog;
    use serde_json::json;

    pub(crate) fn parse_for(model: &str, body: Value) -> Result<ConverseRequest, ApiError> {
        parse(&body, model, &catalog::resolve(model).unwrap())
    }

    fn msg(model: &str, body: Value) -> String {
        parse_for(model, body).unwrap_err().message
    }

    const NOVA: &str = "us.amazon.nova-micro-v1:0";
    const CLAUDE: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    #[test]
    fn a_plain_request_parses() {
        let r = parse_for(
            NOVA,
            json!({"messages": [{"role": "user", "content": [{"text": "hello"}]}],
                   "system": [{"text": "be nice"}], "inferenceConfig": {"maxTokens": 10}}),
        )
        .unwrap();
        assert_eq!(r.last_user_text(), "hello");
        assert_eq!(r.max_tokens, Some(10));
    }

    #[test]
    fn conversation_rules_use_bedrock_texts() {
        assert_eq!(
            msg(
                NOVA,
                json!({"messages": [{"role": "assistant", "content": [{"text": "hi"}]}]})
            ),
            "A conversation must start with a user message. Try again with a conversation that starts with a user message."
        );
        assert_eq!(
            msg(
                NOVA,
                json!({"messages": [
                {"role": "user", "content": [{"text": "a"}]},
                {"role": "assistant", "content": []}]})
            ),
            "The content field in the Message object at messages.1 is empty. Add a ContentBlock object to the content field and try again."
        );
        assert!(
            msg(
                NOVA,
                json!({"messages": [
                {"role": "user", "content": [{"text": "a"}]},
                {"role": "user", "content": [{"text": "b"}]}]})
            )
            .starts_with("A conversation must alternate")
        );
        assert_eq!(
            msg(
                NOVA,
                json!({"messages": [{"role": "user", "content": [{"text": ""}]}]})
            ),
            "The text field in the ContentBlock object at messages.0.content.0 is blank. Add text to the text field, and try again."
        );
        assert!(
            parse_for(
                NOVA,
                json!({"messages": [{"role": "user", "content": [{"text": "hi"}, {"text": "\n"}]}]})
            )
            .is_ok()
        );
        // Anthropic models accept a history that starts with the assistant (recorded:
        // converse/test_bedrock_anthropic_message_history_starting_with_response.yaml).
        assert!(
            parse_for(
                CLAUDE,
                json!({"messages": [
            {"role": "assistant", "content": [{"text": "Hello there!"}]},
            {"role": "user", "content": [{"text": "Now say goodbye."}]}]})
            )
            .is_ok()
        );
    }

    #[test]
    fn tool_name_violation_matches_the_recording() {
        let e = parse_for(NOVA, json!({"messages": [
            {"role": "user", "content": [{"text": "a"}]},
            {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "bad name", "input": {}}}]}],
            "toolConfig": {"tools": [{"toolSpec": {"name": "ok", "inputSchema": {"json": {}}}}]}}))
        .unwrap_err();
        assert_eq!(
            e.message,
            "1 validation error detected: Value at 'messages.2.member.content.1.member.toolUse.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+"
        );
    }

    /// Both found by replaying the recordings (tests/cli/parity.rs): Kimi's tool-use ids and a
    /// `video/mp4` format were accepted by Bedrock.
    #[test]
    fn kimi_tool_use_ids_and_media_type_video_formats_pass() {
        let tools = json!({"tools": [{"toolSpec": {"name": "get_temperature", "inputSchema": {"json": {}}}}]});
        let with_id = |id: &str| {
            parse_for(
                NOVA,
                json!({"messages": [
                {"role": "user", "content": [{"text": "a"}]},
                {"role": "assistant", "content": [{"toolUse": {"toolUseId": id, "name": "get_temperature", "input": {}}}]},
                {"role": "user", "content": [{"toolResult": {"toolUseId": id, "content": [{"text": "30"}]}}]}],
                "toolConfig": tools.clone()}),
            )
        };
        assert!(with_id("functions.get_temperature:0").is_ok());
        assert!(
            with_id("a/b")
                .unwrap_err()
                .message
                .ends_with("Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+")
        );
        let video = |format: &str| {
            parse_for(
                "us.amazon.nova-pro-v1:0",
                json!({"messages": [{"role": "user", "content": [
                {"text": "a"}, {"video": {"format": format, "source": {"bytes": "AAAA"}}}]}]}),
            )
        };
        assert!(video("mp4").is_ok());
        assert!(video("video/mp4").is_ok());
        assert!(video("video/avi").is_err());
    }

    #[test]
    fn inference_config_ranges_are_aggregated() {
        let e = parse_for(
            NOVA,
            json!({"messages": [{"role": "user", "content": [{"text": "a"}]}],
            "inferenceConfig": {"temperature": 1.5, "topP": -0.5, "maxTokens": 0}}),
        )
        .unwrap_err();
        assert_eq!(e.code, "ValidationException");
        assert!(
            e.message.starts_with("3 validation errors detected: "),
            "{}",
            e.message
        );
        assert!(e.message.contains("Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1"));
        assert!(e.message.contains("Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1"));
    }

    #[test]
    fn tool_results_must_match_the_previous_tool_uses() {
        let tools = json!({"tools": [{"toolSpec": {"name": "f", "inputSchema": {"json": {}}}}]});
        let conv = |result_id: &str| {
            json!({"messages": [
            {"role": "user", "content": [{"text": "a"}]},
            {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "f", "input": {}}}]},
            {"role": "user", "content": [{"toolResult": {"toolUseId": result_id, "content": [{"text": "r"}]}}]}],
            "toolConfig": tools})
        };
        assert!(parse_for(NOVA, conv("t1")).is_ok());
        assert_eq!(
            msg(NOVA, conv("t2")),
            "Expected toolResult blocks at messages.2.content for the following Ids: t1"
        );
        let mut no_config = conv("t1");
        no_config.as_object_mut().unwrap().remove("toolConfig");
        assert_eq!(
            msg(NOVA, no_config),
            "The toolConfig field must be defined when using toolUse and toolResult content blocks."
        );
    }

    #[test]
    fn shape_errors_are_serialization_exceptions() {
        let e = parse_for(NOVA, json!({"messages": "hi"})).unwrap_err();
        assert_eq!(e.code, "SerializationException");
        let e = parse_for(NOVA, json!({"messages": [], "bogus": 1})).unwrap_err();
        assert_eq!(e.code, "SerializationException");
        let e = parse_for(
            NOVA,
            json!({"messages": [{"role": "user", "content": [{"text": "a", "image": {}}]}]}),
        )
        .unwrap_err();
        assert!(
            e.message
                .contains("Member must have exactly one member set")
        );
    }

    #[test]
    fn documents_and_cache_points_are_checked() {
        let e = msg(
            NOVA,
            json!({"messages": [{"role": "user", "content": [
            {"text": "a"}, {"document": {"name": "a.txt", "format": "txt", "source": {"bytes": "aGk="}}}]}]}),
        );
        assert!(e.starts_with("The document file name can only contain"));
        let e = msg(
            NOVA,
            json!({"messages": [{"role": "user", "content": [
            {"text": "a"}, {"cachePoint": {"type": "other"}}]}]}),
        );
        assert!(
            e.contains("Member must satisfy enum value set: [default]"),
            "{e}"
        );
    }

    #[test]
    fn on_anthropic_models_exclusive_sampling_parameters() {
        let e = msg(
            CLAUDE,
            json!({"messages": [{"role": "user", "content": [{"text": "a"}]}],
            "inferenceConfig": {"temperature": 0.5, "topP": 0.9}}),
        );
        assert_eq!(
            e,
            "The model returned the following errors: `temperature` and `top_p` cannot both be specified for this model. Please use only one."
        );
    }
}

//! Canonical conversation types shared by every route and subcommand.
//!
//! Sessions are saved as JSON of these types, so the serde shape is part of brock's file format:
//! every enum is tagged explicitly (`"type": "text"`, …), bytes are base64 strings, optional
//! fields are omitted when empty, and renaming anything here needs a migration.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who wrote a message. Bedrock has no system role in `messages`; system text lives in
/// [`Conversation::system`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    User,
    Assistant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// Defines a string enum with the exact wire names Bedrock uses, plus `as_str`/`parse` and
/// `ALL` so error messages can list the accepted values.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $wire)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $wire),+
                }
            }

            /// The variant for a wire name (exact, lowercase).
            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The accepted names joined for an error message: "png, jpeg, gif, webp".
            pub fn names() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

wire_enum!(
    /// Image formats accepted by Converse.
    ImageFormat { Png => "png", Jpeg => "jpeg", Gif => "gif", Webp => "webp" }
);

wire_enum!(
    /// Document formats accepted by Converse.
    DocumentFormat {
        Pdf => "pdf", Csv => "csv", Doc => "doc", Docx => "docx", Xls => "xls",
        Xlsx => "xlsx", Html => "html", Txt => "txt", Md => "md",
    }
);

wire_enum!(
    /// Video formats accepted by Converse (Nova). `ThreeGp` is spelled `three_gp` on the wire.
    VideoFormat {
        Mkv => "mkv", Mov => "mov", Mp4 => "mp4", Webm => "webm", Flv => "flv",
        Mpeg => "mpeg", Mpg => "mpg", Wmv => "wmv", ThreeGp => "three_gp",
    }
);

wire_enum!(
    /// Outcome a caller reports for a tool run.
    ToolStatus { Success => "success", Error => "error" }
);

wire_enum!(
    /// What a guarded text block is to the guardrail.
    GuardQualifier { GroundingSource => "grounding_source", Query => "query", GuardContent => "guard_content" }
);

/// Where the bytes of an image, document or video come from.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Inline bytes; base64 in JSON (both in sessions and on the wire).
    Bytes(#[serde(with = "base64_bytes")] Vec<u8>),
    /// An object in S3 that Bedrock reads itself.
    S3 {
        uri: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bucket_owner: Option<String>,
    },
}

// Inline media can be megabytes; printing them in a debug dump helps nobody.
impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Bytes(b) => write!(f, "Bytes(<{} bytes>)", b.len()),
            Source::S3 { uri, bucket_owner } => f
                .debug_struct("S3")
                .field("uri", uri)
                .field("bucket_owner", bucket_owner)
                .finish(),
        }
    }
}

pub(crate) mod base64_bytes {
    use base64::Engine;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map_err(serde::de::Error::custom)
    }
}

/// Whether a tool call's `kind` marks a tool the service runs itself (Nova's code
/// interpreter): brock never executes or reports those as calls for the caller.
pub fn is_server_tool(kind: Option<&str>) -> bool {
    kind == Some("server_tool_use")
}

/// One block of message content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Part {
    Text {
        text: String,
    },
    Image {
        format: ImageFormat,
        source: Source,
    },
    Document {
        format: DocumentFormat,
        /// Shown to the model; see `attach::sanitize_document_name` for what Bedrock accepts.
        name: String,
        source: Source,
    },
    Video {
        format: VideoFormat,
        source: Source,
    },
    ToolUse {
        id: String,
        name: String,
        input: Value,
        /// Bedrock's `toolUse.type` (e.g. `server_tool_use` for Nova's code interpreter),
        /// kept so the block goes back exactly as it came.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    ToolResult {
        tool_use_id: String,
        content: Vec<ToolResultContent>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        status: Option<ToolStatus>,
        /// Bedrock's `toolResult.type` (e.g. `nova_code_interpreter_result`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    Reasoning {
        text: String,
        /// Anthropic's signature; must go back unchanged or the next turn is refused.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        signature: Option<String>,
    },
    RedactedReasoning {
        /// Opaque base64 exactly as Bedrock sent it.
        data: String,
    },
    CachePoint {
        /// `5m` or `1h`; absent means the default time to live.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ttl: Option<String>,
    },
    GuardedText {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        qualifiers: Vec<GuardQualifier>,
    },
    /// A Converse content block brock does not model (citations, search results, …), kept
    /// verbatim so it survives a session round trip and is sent back as received.
    Unknown {
        block: Value,
    },
}

impl Part {
    pub fn text(text: impl Into<String>) -> Self {
        Part::Text { text: text.into() }
    }

    pub fn cache_point() -> Self {
        Part::CachePoint { ttl: None }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Part::Text { text } => Some(text),
            _ => None,
        }
    }

    pub fn is_reasoning(&self) -> bool {
        matches!(
            self,
            Part::Reasoning { .. } | Part::RedactedReasoning { .. }
        )
    }

    pub fn is_tool_block(&self) -> bool {
        matches!(self, Part::ToolUse { .. } | Part::ToolResult { .. })
    }

    /// True for parts that carry nothing a model could read (an empty text block).
    pub fn is_blank(&self) -> bool {
        matches!(self, Part::Text { text } if text.is_empty())
    }
}

/// Content of a tool result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToolResultContent {
    Text {
        text: String,
    },
    Json {
        json: Value,
    },
    Image {
        format: ImageFormat,
        source: Source,
    },
    Document {
        format: DocumentFormat,
        name: String,
        source: Source,
    },
    Video {
        format: VideoFormat,
        source: Source,
    },
}

/// One turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: Vec<Part>,
}

impl Message {
    pub fn new(role: Role, content: Vec<Part>) -> Self {
        Message { role, content }
    }

    pub fn user_text(text: impl Into<String>) -> Self {
        Message::new(Role::User, vec![Part::text(text)])
    }

    pub fn assistant_text(text: impl Into<String>) -> Self {
        Message::new(Role::Assistant, vec![Part::text(text)])
    }

    /// The text parts joined: what a user reads as the answer.
    pub fn text(&self) -> String {
        self.content.iter().filter_map(Part::as_text).collect()
    }

    /// The reasoning text parts joined.
    pub fn reasoning_text(&self) -> String {
        self.content
            .iter()
            .filter_map(|p| match p {
                Part::Reasoning { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    /// The tool calls in this message, in order: (id, name, input).
    pub fn tool_uses(&self) -> impl Iterator<Item = (&str, &str, &Value)> {
        self.content.iter().filter_map(|p| match p {
            Part::ToolUse {
                id, name, input, ..
            } => Some((id.as_str(), name.as_str(), input)),
            _ => None,
        })
    }

    pub fn has_tool_blocks(&self) -> bool {
        self.content.iter().any(Part::is_tool_block)
    }
}

/// A block of the system prompt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SystemPart {
    Text {
        text: String,
    },
    CachePoint {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ttl: Option<String>,
    },
    GuardedText {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        qualifiers: Vec<GuardQualifier>,
    },
}

/// A system prompt and the turns so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub system: Vec<SystemPart>,
    #[serde(default)]
    pub messages: Vec<Message>,
}

impl Conversation {
    pub fn new() -> Self {
        Self::default()
    }

    /// A conversation of one user message.
    pub fn from_prompt(prompt: impl Into<String>) -> Self {
        let mut c = Conversation::new();
        c.push(Message::user_text(prompt));
        c
    }

    pub fn with_system(mut self, text: impl Into<String>) -> Self {
        self.system.push(SystemPart::Text { text: text.into() });
        self
    }

    /// Appends a message, merging it into the last one when both have the same role: Bedrock
    /// requires turns to alternate, and tool results from several calls belong in one turn.
    pub fn push(&mut self, message: Message) {
        match self.messages.last_mut() {
            Some(last) if last.role == message.role => last.content.extend(message.content),
            _ => self.messages.push(message),
        }
    }

    pub fn push_user_text(&mut self, text: impl Into<String>) {
        self.push(Message::user_text(text));
    }

    /// A copy with consecutive same-role messages merged and empty messages dropped.
    pub fn normalized(&self) -> Conversation {
        let mut out = Conversation {
            system: self.system.clone(),
            messages: Vec::with_capacity(self.messages.len()),
        };
        for m in &self.messages {
            if !m.content.is_empty() {
                out.push(m.clone());
            }
        }
        out
    }

    /// The joined system text blocks, if any.
    pub fn system_text(&self) -> Option<String> {
        let text: Vec<&str> = self
            .system
            .iter()
            .filter_map(|p| match p {
                SystemPart::Text { text } | SystemPart::GuardedText { text, .. } => {
                    Some(text.as_str())
                }
                SystemPart::CachePoint { .. } => None,
            })
            .collect();
        (!text.is_empty()).then(|| text.join("\n"))
    }

    pub fn last(&self) -> Option<&Message> {
        self.messages.last()
    }

    /// The text of the last assistant message, if there is one.
    pub fn last_assistant_text(&self) -> Option<String> {
        self.messages
            .iter()
            .rev()
            .find(|m| m.role == Role::Assistant)
            .map(Message::text)
    }

    pub fn has_tool_blocks(&self) -> bool {
        self.messages.iter().any(Message::has_tool_blocks)
    }

    /// Names of every tool called in the history, first occurrence order, without repeats.
    pub fn tool_names_used(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for m in &self.messages {
            for (_, name, _) in m.tool_uses() {
                if !names.iter().any(|n| n == name) {
                    names.push(name.to_string());
                }
            }
        }
        names
    }
}

/// A tool the model may call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// JSON Schema of the input; an object schema.
    pub input_schema: Value,
    /// Ask Bedrock to enforce the schema on the tool input (structured outputs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strict: Option<bool>,
    /// A tool its provider defines, kept exactly as given (no input schema): an Anthropic
    /// built-in (`{"type": "bash_20250124", "name": "bash"}`) or a Bedrock system tool
    /// (`{"systemTool": {"name": "nova_code_interpreter"}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub builtin: Option<Value>,
}

impl ToolSpec {
    pub fn new(name: impl Into<String>, description: Option<String>, input_schema: Value) -> Self {
        ToolSpec {
            name: name.into(),
            description,
            input_schema,
            strict: None,
            builtin: None,
        }
    }

    /// The Anthropic built-in tool definition, if this is one.
    pub fn anthropic_builtin(&self) -> Option<&Value> {
        self.builtin.as_ref().filter(|b| b.get("type").is_some())
    }

    /// The Bedrock system tool name, if this is one.
    pub fn system_tool(&self) -> Option<&str> {
        self.builtin
            .as_ref()
            .and_then(|b| b.pointer("/systemTool/name"))
            .and_then(Value::as_str)
    }
}

/// Which tool, if any, the model must call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolChoice {
    /// The model decides.
    Auto,
    /// The model must call some tool.
    Any,
    /// The model must not call tools.
    None,
    /// The model must call this tool.
    Tool(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serde_shape_is_explicit_and_stable() {
        let c = Conversation {
            system: vec![
                SystemPart::Text {
                    text: "be brief".into(),
                },
                SystemPart::CachePoint { ttl: None },
            ],
            messages: vec![
                Message::new(
                    Role::User,
                    vec![
                        Part::text("hi"),
                        Part::Image {
                            format: ImageFormat::Png,
                            source: Source::Bytes(vec![1, 2, 3]),
                        },
                        Part::Document {
                            format: DocumentFormat::Pdf,
                            name: "Report".into(),
                            source: Source::S3 {
                                uri: "s3://b/k.pdf".into(),
                                bucket_owner: None,
                            },
                        },
                    ],
                ),
                Message::new(
                    Role::Assistant,
                    vec![
                        Part::Reasoning {
                            text: "hmm".into(),
                            signature: Some("sig".into()),
                        },
                        Part::ToolUse {
                            id: "t1".into(),
                            name: "get".into(),
                            input: json!({"a": 1}),
                            kind: None,
                        },
                    ],
                ),
                Message::new(
                    Role::User,
                    vec![Part::ToolResult {
                        tool_use_id: "t1".into(),
                        content: vec![ToolResultContent::Json { json: json!([1]) }],
                        status: Some(ToolStatus::Success),
                        kind: None,
                    }],
                ),
            ],
        };
        let v = serde_json::to_value(&c).unwrap();
        assert_eq!(
            v,
            json!({
                "system": [{"type": "text", "text": "be brief"}, {"type": "cache_point"}],
                "messages": [
                    {"role": "user", "content": [
                        {"type": "text", "text": "hi"},
                        {"type": "image", "format": "png", "source": {"bytes": "AQID"}},
                        {"type": "document", "format": "pdf", "name": "Report",
                         "source": {"s3": {"uri": "s3://b/k.pdf"}}}
                    ]},
                    {"role": "assistant", "content": [
                        {"type": "reasoning", "text": "hmm", "signature": "sig"},
                        {"type": "tool_use", "id": "t1", "name": "get", "input": {"a": 1}}
                    ]},
                    {"role": "user", "content": [
                        {"type": "tool_result", "tool_use_id": "t1",
                         "content": [{"type": "json", "json": [1]}], "status": "success"}
                    ]}
                ]
            })
        );
        let back: Conversation = serde_json::from_value(v).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn every_part_round_trips_through_json() {
        let parts = vec![
            Part::text("t"),
            Part::Video {
                format: VideoFormat::ThreeGp,
                source: Source::Bytes(vec![0; 4]),
            },
            Part::RedactedReasoning {
                data: "QUJD".into(),
            },
            Part::CachePoint {
                ttl: Some("1h".into()),
            },
            Part::GuardedText {
                text: "g".into(),
                qualifiers: vec![GuardQualifier::Query],
            },
            Part::Unknown {
                block: json!({"citationsContent": {"content": []}}),
            },
            Part::ToolResult {
                tool_use_id: "x".into(),
                content: vec![ToolResultContent::Text { text: "ok".into() }],
                status: None,
                kind: Some("nova_code_interpreter_result".into()),
            },
        ];
        for p in parts {
            let s = serde_json::to_string(&p).unwrap();
            let back: Part = serde_json::from_str(&s).unwrap();
            assert_eq!(back, p, "{s}");
        }
        assert_eq!(
            serde_json::to_value(VideoFormat::ThreeGp).unwrap(),
            json!("three_gp")
        );
        assert_eq!(
            serde_json::to_value(ToolChoice::Tool("f".into())).unwrap(),
            json!({"tool": "f"})
        );
        assert_eq!(serde_json::to_value(ToolChoice::Any).unwrap(), json!("any"));
    }

    #[test]
    fn push_merges_same_role_and_normalized_drops_empty() {
        let mut c = Conversation::new();
        c.push_user_text("a");
        c.push_user_text("b");
        c.push(Message::assistant_text("x"));
        assert_eq!(c.messages.len(), 2);
        assert_eq!(c.messages[0].text(), "ab");

        let raw = Conversation {
            system: vec![],
            messages: vec![
                Message::user_text("a"),
                Message::new(Role::Assistant, vec![]),
                Message::user_text("b"),
            ],
        };
        let n = raw.normalized();
        assert_eq!(n.messages.len(), 1);
        assert_eq!(n.messages[0].content.len(), 2);
        assert_eq!(c.last_assistant_text().as_deref(), Some("x"));
    }

    #[test]
    fn debug_of_bytes_is_short() {
        let s = format!("{:?}", Source::Bytes(vec![0; 10_000]));
        assert_eq!(s, "Bytes(<10000 bytes>)");
    }

    #[test]
    fn wire_enum_parse_and_names() {
        assert_eq!(DocumentFormat::parse("xlsx"), Some(DocumentFormat::Xlsx));
        assert_eq!(DocumentFormat::parse("XLSX"), None);
        assert_eq!(ImageFormat::names(), "png, jpeg, gif, webp");
    }
}

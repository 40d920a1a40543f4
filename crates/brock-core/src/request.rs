//! `ChatRequest`: everything one model call needs, independent of the route that sends it, and
//! the checks that catch a bad request before it costs a round trip.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde_json::{Map, Value};

use super::error::{Error, Result};
use super::message::{Conversation, Part, Role, SystemPart, ToolChoice, ToolSpec};
use super::model::{ModelFamily, ModelRef};

/// Converse's limit on `inferenceConfig.stopSequences` (service model: list max 2500). Models
/// may accept fewer; their own error then names the limit.
pub const MAX_STOP_SEQUENCES: usize = 2500;
/// Converse's limit on `requestMetadata` entries.
pub const MAX_REQUEST_METADATA: usize = 16;
/// Converse's limit on `additionalModelResponseFieldPaths`.
pub const MAX_RESPONSE_FIELD_PATHS: usize = 10;
/// Anthropic's minimum thinking budget.
pub const MIN_THINKING_BUDGET: u32 = 1024;

/// The sampling parameters Converse has fields for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InferenceParams {
    pub max_tokens: Option<u32>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub stop: Vec<String>,
}

/// How hard the model should think.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasoningLevel {
    Off,
    Low,
    Medium,
    High,
    /// An explicit token budget.
    Budget(u32),
}

impl ReasoningLevel {
    /// The effort word for families that take one; budgets map to the nearest word.
    pub fn effort(self) -> Option<&'static str> {
        match self {
            ReasoningLevel::Off => None,
            ReasoningLevel::Low => Some("low"),
            ReasoningLevel::Medium => Some("medium"),
            ReasoningLevel::High => Some("high"),
            ReasoningLevel::Budget(n) if n < 4096 => Some("low"),
            ReasoningLevel::Budget(n) if n < 16384 => Some("medium"),
            ReasoningLevel::Budget(_) => Some("high"),
        }
    }
}

impl FromStr for ReasoningLevel {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().to_ascii_lowercase();
        match t.as_str() {
            "off" | "none" | "false" | "no" | "0" => Ok(ReasoningLevel::Off),
            "minimal" | "low" => Ok(ReasoningLevel::Low),
            "on" | "true" | "yes" | "medium" => Ok(ReasoningLevel::Medium),
            "high" | "xhigh" | "max" => Ok(ReasoningLevel::High),
            _ => match t.parse::<u32>() {
                Ok(n) if n >= MIN_THINKING_BUDGET => Ok(ReasoningLevel::Budget(n)),
                Ok(n) => Err(Error::invalid(format!(
                    "reasoning budget {n} is too small: the minimum is {MIN_THINKING_BUDGET} tokens"
                ))),
                Err(_) => Err(Error::invalid(format!(
                    "invalid reasoning level '{s}': expected off, low, medium, high or a token budget such as 4096"
                ))),
            },
        }
    }
}

impl fmt::Display for ReasoningLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReasoningLevel::Off => f.write_str("off"),
            ReasoningLevel::Low => f.write_str("low"),
            ReasoningLevel::Medium => f.write_str("medium"),
            ReasoningLevel::High => f.write_str("high"),
            ReasoningLevel::Budget(n) => write!(f, "{n}"),
        }
    }
}

/// A JSON answer in a given shape.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonSchema {
    /// Name of the schema, also the name of the answer tool in the forced-tool technique.
    pub name: String,
    pub description: Option<String>,
    /// None asks for any JSON object (OpenAI's `json_object`).
    pub schema: Option<Value>,
}

impl JsonSchema {
    pub const DEFAULT_NAME: &'static str = "json_response";

    pub fn new(schema: Value) -> Self {
        JsonSchema {
            name: Self::DEFAULT_NAME.to_string(),
            description: None,
            schema: Some(schema),
        }
    }

    pub fn any_object() -> Self {
        JsonSchema {
            name: Self::DEFAULT_NAME.to_string(),
            description: None,
            schema: None,
        }
    }
}

/// A guardrail applied to the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guardrail {
    pub id: String,
    /// `DRAFT` or a version number.
    pub version: String,
    pub trace: bool,
}

impl Guardrail {
    /// The identifier and version patterns of the Bedrock API (`guardrailIdentifier`,
    /// `guardrailVersion`), checked before anything is sent.
    pub fn check(&self) -> Result<()> {
        let g = self;
        let id_ok = !g.id.is_empty()
            && (g.id.starts_with("arn:")
                || g.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
        if !id_ok {
            return Err(Error::invalid(format!(
                "guardrail id '{}' should be lowercase letters and digits or a guardrail ARN",
                g.id
            )));
        }
        let v = g.version.as_str();
        let version_ok = v == "DRAFT"
            || (!v.is_empty()
                && v.len() <= 8
                && !v.starts_with('0')
                && v.chars().all(|c| c.is_ascii_digit()));
        if !version_ok {
            return Err(Error::invalid(format!(
                "guardrail version '{v}' should be DRAFT or a version number"
            )));
        }
        Ok(())
    }
}

macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self> {
                match s.trim().to_ascii_lowercase().as_str() {
                    $($wire => Ok($name::$variant),)+
                    _ => Err(Error::invalid(format!(
                        concat!("invalid ", $what, " '{}': expected {}"),
                        s,
                        [$($wire),+].join(" or ")
                    ))),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

choice_enum!(
    /// `performanceConfig.latency`.
    PerformanceLatency, "latency" { Standard => "standard", Optimized => "optimized" }
);

choice_enum!(
    /// `serviceTier.type`.
    ServiceTier, "service tier" { Default => "default", Priority => "priority", Flex => "flex" }
);

/// What to do when the history starts with an assistant turn, which most models refuse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LeadingAssistant {
    /// Insert a user turn with [`ChatRequest::user_continue_message`] first (LiteLLM's way).
    #[default]
    InsertUserMessage,
    /// Refuse the request.
    Refuse,
}

/// One model call, before it is mapped to a route.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChatRequest {
    /// The final model id or ARN, as sent.
    pub model_id: String,
    /// The family when the id does not show it (application inference profiles).
    pub family_hint: Option<ModelFamily>,
    /// The foundation model behind an id that hides it, when known (a lookup found it).
    pub base_model_hint: Option<String>,
    pub conversation: Conversation,
    pub tools: Vec<ToolSpec>,
    /// Bedrock-hosted tools by name (`nova_code_interpreter`), sent as `systemTool`.
    pub system_tools: Vec<String>,
    pub tool_choice: Option<ToolChoice>,
    pub inference: InferenceParams,
    pub top_k: Option<u32>,
    /// `additionalModelRequestFields` given by the user (`--param`); wins over brock's own.
    pub additional_fields: Map<String, Value>,
    pub anthropic_beta: Vec<String>,
    /// `additionalModelResponseFieldPaths` (JSON pointers such as `/stop_sequence`).
    pub response_field_paths: Vec<String>,
    pub reasoning: Option<ReasoningLevel>,
    pub json_schema: Option<JsonSchema>,
    pub guardrail: Option<Guardrail>,
    pub performance_latency: Option<PerformanceLatency>,
    pub service_tier: Option<ServiceTier>,
    pub request_metadata: BTreeMap<String, String>,
    /// Converse `promptVariables`, for prompts from Prompt management (prompt ARNs).
    pub prompt_variables: Map<String, Value>,
    /// Cache the system prompt and the tool definitions.
    pub cache: bool,
    /// Text the answer must start with, sent as a final assistant turn.
    pub prefill: Option<String>,
    /// The user turn inserted before a leading assistant turn; default "Continue.".
    pub user_continue_message: Option<String>,
    pub leading_assistant: LeadingAssistant,
}

/// One `--param KEY=JSON` argument: a dotted path and a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub path: Vec<String>,
    pub value: Value,
}

/// Parses `KEY=JSON` where KEY may be dotted (`inferenceConfig.topK=20`) to nest objects.
pub fn parse_param(arg: &str) -> Result<Param> {
    let err = |reason: String| Error::Param {
        arg: arg.to_string(),
        reason,
    };
    let (key, raw) = arg.split_once('=').ok_or_else(|| {
        err("expected KEY=JSON, e.g. top_k=20 or thinking.type='\"enabled\"'".into())
    })?;
    let path: Vec<String> = key.trim().split('.').map(str::to_string).collect();
    if path.iter().any(|p| p.is_empty()) {
        return Err(err(format!("'{key}' is not a valid key (empty segment)")));
    }
    let value = serde_json::from_str(raw.trim()).map_err(|e| {
        err(format!(
            "value is not JSON ({e}); quote strings, e.g. {key}='\"{raw}\"'"
        ))
    })?;
    Ok(Param { path, value })
}

/// Sets `param` in `fields`, creating intermediate objects; merging into an existing object
/// keeps its other keys.
pub fn merge_param(fields: &mut Map<String, Value>, param: Param) -> Result<()> {
    let dotted = param.path.join(".");
    let Some((last, parents)) = param.path.split_last() else {
        return Err(Error::invalid("empty --param key"));
    };
    let mut map = fields;
    for (i, seg) in parents.iter().enumerate() {
        let entry = map
            .entry(seg.clone())
            .or_insert_with(|| Value::Object(Map::new()));
        map = entry.as_object_mut().ok_or_else(|| Error::Param {
            arg: dotted.clone(),
            reason: format!(
                "'{}' is already set to a non-object value",
                parents[..=i].join(".")
            ),
        })?;
    }
    // An earlier `--param a.b=1` is not silently dropped by a later `--param a=2`: objects merge
    // key by key, and anything else replacing an object is refused.
    match (map.get_mut(last), param.value) {
        (Some(Value::Object(old)), Value::Object(new)) => deep_merge(old, &new),
        (Some(Value::Object(old)), _) if !old.is_empty() => {
            let keys: Vec<String> = old.keys().map(|k| format!("{dotted}.{k}")).collect();
            return Err(Error::Param {
                arg: dotted.clone(),
                reason: format!(
                    "it would replace {} set by an earlier --param; give one or the other",
                    keys.join(", ")
                ),
            });
        }
        (_, value) => {
            map.insert(last.clone(), value);
        }
    }
    Ok(())
}

/// Deep merge of `over` into `base`: objects merge key by key, anything else replaces.
pub fn deep_merge(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (k, v) in over {
        match (base.get_mut(k), v) {
            (Some(Value::Object(b)), Value::Object(o)) => deep_merge(b, o),
            _ => {
                base.insert(k.clone(), v.clone());
            }
        }
    }
}

/// Bedrock's tool name rule: `[a-zA-Z0-9_-]{1,64}`.
pub fn check_tool_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("the tool name is empty".into());
    }
    if name.len() > 64 {
        return Err(format!("tool name '{name}' is longer than 64 characters"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(format!(
            "tool name '{name}' contains '{c}': only letters, digits, '_' and '-' are allowed"
        ));
    }
    Ok(())
}

fn metadata_char_ok(c: char) -> bool {
    c.is_ascii_alphanumeric() || c.is_whitespace() || ":_@$#=/+,-.".contains(c)
}

impl ChatRequest {
    pub fn new(model_id: impl Into<String>, conversation: Conversation) -> Self {
        ChatRequest {
            model_id: model_id.into(),
            conversation,
            ..Default::default()
        }
    }

    /// Applies one `--param KEY=JSON` argument to `additional_fields`.
    pub fn add_param(&mut self, arg: &str) -> Result<()> {
        let p = parse_param(arg)?;
        merge_param(&mut self.additional_fields, p)
    }

    /// The prefill as sent: trailing whitespace removed, since Anthropic refuses a final
    /// assistant turn that ends with it. None when there is nothing left.
    pub fn prefill_text(&self) -> Option<&str> {
        self.prefill
            .as_deref()
            .map(str::trim_end)
            .filter(|s| !s.is_empty())
    }

    /// The user turn inserted before a leading assistant turn.
    pub fn continue_message(&self) -> &str {
        self.user_continue_message
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or("Continue.")
    }

    /// Checks everything that does not depend on the model family. Errors are one line,
    /// ready for the user.
    pub fn validate(&self) -> Result<()> {
        ModelRef::parse(&self.model_id)?;
        self.validate_conversation()?;
        self.validate_inference()?;
        self.validate_tools()?;
        self.validate_options()?;
        Ok(())
    }

    fn validate_conversation(&self) -> Result<()> {
        let has_content = |p: &Part| match p {
            Part::Text { text } => !text.trim().is_empty(),
            Part::CachePoint { .. } => false,
            _ => true,
        };
        let messages = &self.conversation.messages;
        if !messages.iter().any(|m| m.content.iter().any(has_content)) {
            return Err(Error::invalid(
                "the prompt is empty: give a message, a file or a session to continue",
            ));
        }
        if let Some(last) = messages.iter().rev().find(|m| !m.content.is_empty())
            && last.role == Role::User
            && !last.content.iter().any(has_content)
        {
            return Err(Error::invalid("the last user message is empty"));
        }
        for (i, m) in messages.iter().enumerate() {
            crate::attach::check_message(&m.content)
                .map_err(|e| Error::invalid(format!("message {}: {e}", i + 1)))?;
            for p in &m.content {
                match p {
                    Part::Image { .. } | Part::Document { .. } | Part::Video { .. }
                        if m.role == Role::Assistant =>
                    {
                        return Err(Error::invalid(format!(
                            "message {}: images, documents and videos can only be sent in user messages",
                            i + 1
                        )));
                    }
                    Part::Document { name, .. } if name.trim().is_empty() => {
                        return Err(Error::invalid(format!(
                            "message {}: a document has an empty name",
                            i + 1
                        )));
                    }
                    _ => {}
                }
            }
        }
        for p in &self.conversation.system {
            if let SystemPart::Text { text } = p
                && text.is_empty()
            {
                return Err(Error::invalid("the system prompt has an empty text block"));
            }
        }
        Ok(())
    }

    fn validate_inference(&self) -> Result<()> {
        let inf = &self.inference;
        if inf.max_tokens == Some(0) {
            return Err(Error::invalid("max tokens must be at least 1"));
        }
        if let Some(t) = inf.temperature
            && !(0.0..=1.0).contains(&t)
        {
            return Err(Error::invalid(format!(
                "temperature {t} is out of range: Bedrock accepts 0 to 1"
            )));
        }
        if let Some(p) = inf.top_p
            && !(0.0..=1.0).contains(&p)
        {
            return Err(Error::invalid(format!(
                "top-p {p} is out of range: Bedrock accepts 0 to 1"
            )));
        }
        if inf.stop.len() > MAX_STOP_SEQUENCES {
            return Err(Error::invalid(format!(
                "{} stop sequences given: Bedrock accepts at most {MAX_STOP_SEQUENCES}",
                inf.stop.len()
            )));
        }
        if inf.stop.iter().any(String::is_empty) {
            return Err(Error::invalid("a stop sequence is empty"));
        }
        if self.top_k == Some(0) {
            return Err(Error::invalid("top-k must be at least 1"));
        }
        if let Some(ReasoningLevel::Budget(n)) = self.reasoning
            && n < MIN_THINKING_BUDGET
        {
            return Err(Error::invalid(format!(
                "reasoning budget {n} is too small: the minimum is {MIN_THINKING_BUDGET} tokens"
            )));
        }
        Ok(())
    }

    fn validate_tools(&self) -> Result<()> {
        for (i, t) in self.tools.iter().enumerate() {
            check_tool_name(&t.name).map_err(Error::Invalid)?;
            if self.tools[..i].iter().any(|o| o.name == t.name) {
                return Err(Error::invalid(format!(
                    "tool '{}' is defined twice",
                    t.name
                )));
            }
            if t.description.as_deref() == Some("") {
                return Err(Error::invalid(format!(
                    "tool '{}' has an empty description",
                    t.name
                )));
            }
            // Provider-defined tools (Anthropic built-ins, system tools) have no input schema.
            if t.builtin.is_none() && !t.input_schema.is_object() {
                return Err(Error::invalid(format!(
                    "tool '{}': the input schema must be a JSON object",
                    t.name
                )));
            }
        }
        match &self.tool_choice {
            Some(ToolChoice::Tool(name)) if !self.tools.iter().any(|t| &t.name == name) => {
                return Err(Error::invalid(format!(
                    "tool choice '{name}' is not one of the defined tools"
                )));
            }
            Some(ToolChoice::Any) if self.tools.is_empty() => {
                return Err(Error::invalid("tool choice 'any' needs at least one tool"));
            }
            _ => {}
        }
        if let Some(js) = &self.json_schema {
            check_tool_name(&js.name)
                .map_err(|e| Error::invalid(format!("JSON schema name: {e}")))?;
            if self.tools.iter().any(|t| t.name == js.name) {
                return Err(Error::invalid(format!(
                    "the JSON schema name '{}' is also the name of a tool",
                    js.name
                )));
            }
            if let Some(schema) = &js.schema {
                let ty = schema.get("type").and_then(Value::as_str);
                if !schema.is_object() || ty.is_some_and(|t| t != "object") {
                    return Err(Error::invalid(
                        "the JSON schema must describe an object (\"type\": \"object\")",
                    ));
                }
                super::tools::check_schema(schema).map_err(|why| {
                    Error::invalid(format!("the JSON schema is not valid: {why}"))
                })?;
            }
        }
        Ok(())
    }

    fn validate_options(&self) -> Result<()> {
        if self.request_metadata.len() > MAX_REQUEST_METADATA {
            return Err(Error::invalid(format!(
                "{} request metadata entries given: Bedrock accepts at most {MAX_REQUEST_METADATA}",
                self.request_metadata.len()
            )));
        }
        for (k, v) in &self.request_metadata {
            if k.is_empty() || k.len() > 256 || !k.chars().all(metadata_char_ok) {
                return Err(Error::invalid(format!(
                    "request metadata key '{k}': use 1 to 256 letters, digits, spaces or :_@$#=/+,-."
                )));
            }
            if v.len() > 256 || !v.chars().all(metadata_char_ok) {
                return Err(Error::invalid(format!(
                    "request metadata value for '{k}': use at most 256 letters, digits, spaces or :_@$#=/+,-."
                )));
            }
        }
        if self.response_field_paths.len() > MAX_RESPONSE_FIELD_PATHS {
            return Err(Error::invalid(format!(
                "{} response field paths given: Bedrock accepts at most {MAX_RESPONSE_FIELD_PATHS}",
                self.response_field_paths.len()
            )));
        }
        if let Some(p) = self
            .response_field_paths
            .iter()
            .find(|p| p.is_empty() || p.len() > 256)
        {
            return Err(Error::invalid(format!(
                "response field path '{p}' must be 1 to 256 characters"
            )));
        }
        if let Some(g) = &self.guardrail {
            g.check()?;
        }
        if self.anthropic_beta.iter().any(|b| b.trim().is_empty()) {
            return Err(Error::invalid("an anthropic beta flag is empty"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::message::Message;
    use serde_json::json;

    fn req() -> ChatRequest {
        ChatRequest::new("us.amazon.nova-micro-v1:0", Conversation::from_prompt("hi"))
    }

    #[test]
    fn params_nest_and_fail_clearly() {
        let mut r = req();
        r.add_param("inferenceConfig.topK=20").unwrap();
        r.add_param("inferenceConfig.other=\"x\"").unwrap();
        r.add_param("top_k=5").unwrap();
        assert_eq!(
            Value::Object(r.additional_fields.clone()),
            json!({"inferenceConfig": {"topK": 20, "other": "x"}, "top_k": 5})
        );
        let mut q = ChatRequest::default();
        q.add_param("a.b=1").unwrap();
        let e = q.add_param("a=2").unwrap_err().to_string();
        assert!(e.contains("a.b set by an earlier --param"), "{e}");
        q.add_param(r#"a={"c":2}"#).unwrap();
        assert_eq!(q.additional_fields["a"], serde_json::json!({"b":1,"c":2}));
        let e = r.add_param("top_k.x=1").unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid --param 'top_k.x': 'top_k' is already set to a non-object value"
        );
        let e = parse_param("a.b=bar").unwrap_err().to_string();
        assert!(
            e.starts_with("invalid --param 'a.b=bar': value is not JSON"),
            "{e}"
        );
        assert!(e.contains("a.b='\"bar\"'"), "{e}");
        let e = parse_param("novalue").unwrap_err().to_string();
        assert!(e.contains("expected KEY=JSON"), "{e}");
        assert!(parse_param("a..b=1").is_err());
        assert_eq!(
            parse_param("a.b=1").unwrap(),
            Param {
                path: vec!["a".into(), "b".into()],
                value: json!(1)
            }
        );
    }

    #[test]
    fn reasoning_levels_parse() {
        assert_eq!(
            "off".parse::<ReasoningLevel>().unwrap(),
            ReasoningLevel::Off
        );
        assert_eq!(
            "HIGH".parse::<ReasoningLevel>().unwrap(),
            ReasoningLevel::High
        );
        assert_eq!(
            "4096".parse::<ReasoningLevel>().unwrap(),
            ReasoningLevel::Budget(4096)
        );
        let e = "lots".parse::<ReasoningLevel>().unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid reasoning level 'lots': expected off, low, medium, high or a token budget such as 4096"
        );
        assert!("100".parse::<ReasoningLevel>().is_err());
        assert_eq!(ReasoningLevel::Budget(20000).effort(), Some("high"));
    }

    #[test]
    fn validation_messages() {
        let check = |f: &dyn Fn(&mut ChatRequest), want: &str| {
            let mut r = req();
            f(&mut r);
            let got = r.validate().map_err(|e| e.to_string());
            match got {
                Err(e) => assert!(e.contains(want), "{e} does not contain {want}"),
                Ok(()) => panic!("expected an error containing {want}"),
            }
        };
        check(
            &|r| r.inference.temperature = Some(1.5),
            "temperature 1.5 is out of range",
        );
        check(
            &|r| r.inference.top_p = Some(-0.1),
            "top-p -0.1 is out of range",
        );
        check(
            &|r| r.inference.max_tokens = Some(0),
            "max tokens must be at least 1",
        );
        check(
            &|r| r.inference.stop = vec!["x".into(); MAX_STOP_SEQUENCES + 1],
            "at most 2500",
        );
        check(
            &|r| r.inference.stop = vec![String::new()],
            "stop sequence is empty",
        );
        check(
            &|r| r.conversation = Conversation::from_prompt("   "),
            "the prompt is empty",
        );
        check(
            &|r| {
                r.tools = vec![ToolSpec::new(
                    "get weather",
                    None,
                    json!({"type": "object"}),
                )]
            },
            "contains ' '",
        );
        check(
            &|r| r.tools = vec![ToolSpec::new("x".repeat(65), None, json!({}))],
            "longer than 64",
        );
        check(
            &|r| r.tool_choice = Some(ToolChoice::Tool("nope".into())),
            "not one of the defined tools",
        );
        check(&|r| r.model_id = String::new(), "model id is empty");
        check(
            &|r| {
                r.guardrail = Some(Guardrail {
                    id: "abc".into(),
                    version: "v1".into(),
                    trace: false,
                })
            },
            "guardrail version 'v1'",
        );
        check(
            &|r| {
                r.request_metadata.insert("k".into(), "a\"b".into());
            },
            "request metadata value",
        );
        check(
            &|r| r.json_schema = Some(JsonSchema::new(json!({"type": "array"}))),
            "must describe an object",
        );
        check(
            &|r| {
                r.conversation.push(Message::new(
                    Role::Assistant,
                    vec![Part::Image {
                        format: crate::message::ImageFormat::Png,
                        source: crate::message::Source::Bytes(vec![1]),
                    }],
                ));
                r.conversation.push_user_text("and?");
            },
            "only be sent in user messages",
        );
        assert!(req().validate().is_ok());
    }

    #[test]
    fn prefill_and_continue_defaults() {
        let mut r = req();
        r.prefill = Some("{\n ".into());
        assert_eq!(r.prefill_text(), Some("{"));
        r.prefill = Some("  ".into());
        assert_eq!(r.prefill_text(), None);
        assert_eq!(r.continue_message(), "Continue.");
        r.user_continue_message = Some("Go on".into());
        assert_eq!(r.continue_message(), "Go on");
    }

    #[test]
    fn choice_enums() {
        assert_eq!(
            "optimized".parse::<PerformanceLatency>().unwrap(),
            PerformanceLatency::Optimized
        );
        let e = "fast".parse::<ServiceTier>().unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid service tier 'fast': expected default or priority or flex"
        );
    }

    #[test]
    fn deep_merge_keeps_siblings() {
        let mut a = json!({"inferenceConfig": {"topK": 1}, "x": 1});
        let b = json!({"inferenceConfig": {"other": 2}, "x": 3});
        deep_merge(a.as_object_mut().unwrap(), b.as_object().unwrap());
        assert_eq!(
            a,
            json!({"inferenceConfig": {"topK": 1, "other": 2}, "x": 3})
        );
    }
}

//! InvokeModel / InvokeModelWithResponseStream: one native body per model family.
//!
//! Every family is built from the Converse body of the same request (see
//! [`to_converse`](super::converse::to_converse)), so validation, turn merging, the reasoning
//! plan, top-k placement and the structured-output choice are decided once, by the same code
//! as on the Converse route; each family only re-shapes that body into its own format and
//! reads its own answers back into the canonical [`ChatResponse`] and [`StreamEvent`]s.
//!
//! Streamed answers arrive as `chunk` events whose payload is `{"bytes": base64}`; the bytes
//! are one JSON object in the family's own chunk format, and the last one carries
//! `amazon-bedrock-invocationMetrics` (token counts and latency).

pub mod ai21;
pub mod anthropic;
pub mod cohere;
pub mod cohere_text;
pub mod deepseek;
pub mod jurassic2;
pub mod llama;
pub mod llama2;
pub mod mistral;
pub mod nova;
pub mod openai;
pub mod qwen;

use std::fmt;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::converse::{
    ChatResponse, ConverseRequest, StopReason, StructuredOutput, Usage, Warning,
};
use super::error::{Error, Result};
use super::message::{Message, Part, Role};
use super::model::ModelFamily;
use super::stream::{ConverseStreamDecoder, StreamEvent};

/// The native body family of an InvokeModel call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InvokeFamily {
    /// Anthropic Messages (`anthropic_version: bedrock-2023-05-31`).
    Anthropic,
    /// Meta Llama 3/4: a prompt built with the Llama 3 chat template; answers in `generation`.
    Llama,
    /// Mistral 7B, Mixtral, Mistral Large 24.02: `<s>[INST]` prompt; answers in `outputs`.
    MistralText,
    /// Mistral Large 24.07 and Pixtral: chat messages with tools; answers in `choices`.
    MistralChat,
    /// Amazon Titan Text: `inputText` + `textGenerationConfig`.
    TitanText,
    /// Amazon Nova: `schemaVersion: messages-v1`.
    Nova,
    /// Cohere Command R / R+: `message`, `chat_history`, `tools`.
    Cohere,
    /// Cohere Command (text) v14 and Command Light: the generate API, `prompt` →
    /// `generations[].text`.
    CohereText,
    /// AI21 Jamba: chat messages.
    Ai21,
    /// AI21 Jurassic-2 Mid / Ultra: `prompt` → `completions[].data.text`; no streaming.
    Jurassic2,
    /// The DeepSeek-R1 foundation model: prompt template; answers in `choices[].text`.
    DeepSeek,
    /// An imported DeepSeek-R1 distill (`deepseek_r1/ARN`): the same template in a Llama
    /// body; answers in `generation`.
    DeepSeekR1Imported,
    /// An imported Qwen 2 / 2.5 model: ChatML prompt; answers in `text`.
    Qwen2,
    /// An imported Qwen 3 model: ChatML prompt; answers in `generation`.
    Qwen3,
    /// chat.completions: gpt-oss and OpenAI-compatible imported models.
    OpenAi,
}

impl InvokeFamily {
    pub const ALL: &'static [InvokeFamily] = &[
        InvokeFamily::Anthropic,
        InvokeFamily::Llama,
        InvokeFamily::MistralText,
        InvokeFamily::MistralChat,
        InvokeFamily::TitanText,
        InvokeFamily::Nova,
        InvokeFamily::Cohere,
        InvokeFamily::CohereText,
        InvokeFamily::Ai21,
        InvokeFamily::Jurassic2,
        InvokeFamily::DeepSeek,
        InvokeFamily::DeepSeekR1Imported,
        InvokeFamily::Qwen2,
        InvokeFamily::Qwen3,
        InvokeFamily::OpenAi,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            InvokeFamily::Anthropic => "anthropic",
            InvokeFamily::Llama => "llama",
            InvokeFamily::MistralText => "mistral",
            InvokeFamily::MistralChat => "mistral-chat",
            InvokeFamily::TitanText => "titan-text",
            InvokeFamily::Nova => "nova",
            InvokeFamily::Cohere => "cohere",
            InvokeFamily::CohereText => "cohere-text",
            InvokeFamily::Ai21 => "ai21",
            InvokeFamily::Jurassic2 => "ai21-j2",
            InvokeFamily::DeepSeek => "deepseek",
            InvokeFamily::DeepSeekR1Imported => "deepseek_r1",
            InvokeFamily::Qwen2 => "qwen2",
            InvokeFamily::Qwen3 => "qwen3",
            InvokeFamily::OpenAi => "openai",
        }
    }

    /// The invoke body family of a foundation model, from its family and id (without
    /// geography prefix). None for families Bedrock serves through Converse only.
    pub fn for_model(family: ModelFamily, base_id: &str) -> Option<InvokeFamily> {
        let id = base_id.to_ascii_lowercase();
        let body = family.info().invoke?;
        // The family's row gives the body; these models of a family speak an older or newer one.
        Some(match family {
            ModelFamily::Mistral if is_mistral_chat(&id) => InvokeFamily::MistralChat,
            ModelFamily::Cohere if cohere_text::is_command_text(&id) => InvokeFamily::CohereText,
            ModelFamily::Ai21 if id.contains("ai21.j2-") => InvokeFamily::Jurassic2,
            ModelFamily::DeepSeek if id.contains("r1") => InvokeFamily::DeepSeek,
            _ => body,
        })
    }

    /// The canonical family used for capabilities (reasoning style, inline tags) when the
    /// model id does not show it (imported models).
    pub fn model_family(self) -> ModelFamily {
        match self {
            InvokeFamily::Anthropic => ModelFamily::Anthropic,
            InvokeFamily::Llama => ModelFamily::Llama,
            InvokeFamily::MistralText | InvokeFamily::MistralChat => ModelFamily::Mistral,
            InvokeFamily::TitanText => ModelFamily::Titan,
            InvokeFamily::Nova => ModelFamily::Nova,
            InvokeFamily::Cohere | InvokeFamily::CohereText => ModelFamily::Cohere,
            InvokeFamily::Ai21 | InvokeFamily::Jurassic2 => ModelFamily::Ai21,
            InvokeFamily::DeepSeek | InvokeFamily::DeepSeekR1Imported => ModelFamily::DeepSeek,
            InvokeFamily::Qwen2 | InvokeFamily::Qwen3 => ModelFamily::Qwen,
            InvokeFamily::OpenAi => ModelFamily::OpenAi,
        }
    }

    /// True when the family writes its reasoning inline (`<think>`, gpt-oss `<reasoning>`).
    pub fn inline_think(self) -> bool {
        matches!(
            self,
            InvokeFamily::DeepSeek
                | InvokeFamily::DeepSeekR1Imported
                | InvokeFamily::Qwen2
                | InvokeFamily::Qwen3
                | InvokeFamily::OpenAi
        )
    }

    /// False for the prompt-template bodies, which have no tool definitions.
    pub fn takes_tools(self) -> bool {
        !matches!(
            self,
            InvokeFamily::Llama
                | InvokeFamily::MistralText
                | InvokeFamily::TitanText
                | InvokeFamily::CohereText
                | InvokeFamily::Jurassic2
                | InvokeFamily::DeepSeek
                | InvokeFamily::DeepSeekR1Imported
                | InvokeFamily::Qwen2
                | InvokeFamily::Qwen3
        )
    }

    /// The native body for this request. `converse` is the Converse mapping of the same
    /// request; `model_id` is what goes in the path (some bodies repeat it).
    pub fn body(self, converse: &ConverseRequest, model_id: &str) -> Result<InvokeBody> {
        self.body_for(converse, model_id, false)
    }

    /// [`Self::body`] for a streamed (`stream`) or whole answer: the Cohere Command text
    /// body says which in the body itself.
    pub fn body_for(
        self,
        converse: &ConverseRequest,
        model_id: &str,
        stream: bool,
    ) -> Result<InvokeBody> {
        let mut c = Common::read(&converse.body, self)?;
        if let Some(StructuredOutput::Native) = converse.structured
            && self != InvokeFamily::OpenAi
        {
            return Err(Error::invalid(format!(
                "a JSON schema answer is not available on the invoke route for the {} body; use --route converse",
                self.as_str()
            )));
        }
        if let Some(StructuredOutput::Tool { .. }) = converse.structured
            && !self.takes_tools()
        {
            return Err(Error::invalid(format!(
                "a JSON schema answer needs tool calling, which the {} invoke body does not have; use --route converse",
                self.as_str()
            )));
        }
        let schema = converse
            .body
            .pointer("/outputConfig/textFormat/structure/jsonSchema");
        let body = match self {
            InvokeFamily::Anthropic => anthropic::body(&mut c)?,
            InvokeFamily::Llama if llama2::is_llama2(model_id) => llama2::body(&mut c)?,
            InvokeFamily::Llama => llama::body(&mut c)?,
            InvokeFamily::MistralText => mistral::text_body(&mut c)?,
            InvokeFamily::MistralChat => mistral::chat_body(&mut c)?,
            InvokeFamily::TitanText => nova::titan_body(&mut c)?,
            InvokeFamily::Nova => nova::body(&mut c)?,
            InvokeFamily::Cohere => cohere::body(&mut c)?,
            InvokeFamily::CohereText => cohere_text::body(&mut c, stream)?,
            InvokeFamily::Ai21 => ai21::body(&mut c)?,
            InvokeFamily::Jurassic2 => jurassic2::body(&mut c, stream)?,
            InvokeFamily::DeepSeek => deepseek::body(&mut c)?,
            InvokeFamily::DeepSeekR1Imported => deepseek::imported_body(&mut c)?,
            InvokeFamily::Qwen2 | InvokeFamily::Qwen3 => qwen::body(&mut c)?,
            InvokeFamily::OpenAi => openai::body(&mut c, model_id, schema)?,
        };
        let mut warnings = converse.warnings.clone();
        warnings.append(&mut c.warnings);
        Ok(InvokeBody {
            body,
            warnings,
            headers: c.headers,
        })
    }

    /// Parses a whole InvokeModel answer of this family.
    pub fn parse_whole(self, body: &[u8]) -> Result<ChatResponse> {
        let v: Value = serde_json::from_slice(body).map_err(|e| {
            Error::response(format!(
                "the {} InvokeModel response is not JSON ({e})",
                self.as_str()
            ))
        })?;
        if !v.is_object() {
            return Err(Error::response(format!(
                "the {} InvokeModel response is not a JSON object",
                self.as_str()
            )));
        }
        let mut resp = match self {
            InvokeFamily::Anthropic => anthropic::parse(&v)?,
            InvokeFamily::Llama | InvokeFamily::DeepSeekR1Imported | InvokeFamily::Qwen3 => {
                llama::parse(&v)?
            }
            InvokeFamily::MistralText => mistral::parse_text(&v)?,
            InvokeFamily::MistralChat => mistral::parse_chat(&v)?,
            InvokeFamily::TitanText => nova::parse_titan(&v)?,
            InvokeFamily::Nova => nova::parse(&v)?,
            InvokeFamily::Cohere => cohere::parse(&v)?,
            InvokeFamily::CohereText => cohere_text::parse(&v)?,
            InvokeFamily::Jurassic2 => jurassic2::parse(&v)?,
            InvokeFamily::Ai21 | InvokeFamily::OpenAi => openai::parse(&v)?,
            InvokeFamily::DeepSeek => deepseek::parse(&v)?,
            InvokeFamily::Qwen2 => qwen::parse(&v)?,
        };
        if self.opens_in_think() {
            reopen_think(&mut resp.message);
        }
        strip_chatml(self, &mut resp.message);
        if guardrail_intervened(&v) {
            resp.stop_reason = StopReason::GuardrailIntervened;
        }
        if let Some(t) = v.get(GUARDRAIL_TRACE) {
            resp.trace = Some(t.clone());
        }
        Ok(resp)
    }

    /// DeepSeek-R1 prompts end with `<think>\n`, so the answer starts inside the reasoning
    /// and only the closing tag comes back.
    fn opens_in_think(self) -> bool {
        matches!(
            self,
            InvokeFamily::DeepSeek | InvokeFamily::DeepSeekR1Imported
        )
    }
}

/// A guarded InvokeModel answer says what the guardrail did in the body (streamed: in the
/// last chunk), not in a header or the family's own stop reason.
const GUARDRAIL_ACTION: &str = "amazon-bedrock-guardrailAction";
/// `{"guardrail": {...}}` when X-Amzn-Bedrock-Trace was ENABLED: the same shape as
/// Converse's `trace`.
const GUARDRAIL_TRACE: &str = "amazon-bedrock-trace";

fn guardrail_intervened(v: &Value) -> bool {
    v.get(GUARDRAIL_ACTION).and_then(Value::as_str) == Some("INTERVENED")
}

/// The family decoders report their own stop reason; an intervention replaces it, even when
/// the stop came in an earlier chunk (Claude's `message_delta` precedes `message_stop`).
fn guardrail_stop(em: &mut Emitter, out: &mut Vec<StreamEvent>) {
    let mut rewrote = false;
    for ev in out.iter_mut() {
        if let StreamEvent::MessageStop { stop_reason, .. } = ev {
            *stop_reason = StopReason::GuardrailIntervened;
            rewrote = true;
        }
    }
    if rewrote {
        return;
    }
    if !em.stopped {
        em.stop(StopReason::GuardrailIntervened, out);
        return;
    }
    let at = out
        .iter()
        .position(|e| matches!(e, StreamEvent::Metadata { .. }))
        .unwrap_or(out.len());
    out.insert(
        at,
        StreamEvent::MessageStop {
            stop_reason: StopReason::GuardrailIntervened,
            additional_fields: None,
        },
    );
}

impl fmt::Display for InvokeFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn is_mistral_chat(id: &str) -> bool {
    id.contains("mistral-large-2407") || id.contains("pixtral") || id.contains("mistral-large-3")
}

/// Puts back the `<think>` the prompt opened, unless the model repeated it.
fn reopen_think(message: &mut Message) {
    if let Some(Part::Text { text }) = message.content.first_mut()
        && !text.trim_start().starts_with("<think>")
        && text.contains("</think>")
    {
        *text = format!("<think>{text}");
    }
}

fn strip_chatml(family: InvokeFamily, message: &mut Message) {
    if !matches!(family, InvokeFamily::Qwen2 | InvokeFamily::Qwen3) {
        return;
    }
    for p in &mut message.content {
        if let Part::Text { text } = p {
            let t = text.strip_prefix("<|im_start|>assistant\n").unwrap_or(text);
            let t = t.strip_suffix("<|im_end|>").unwrap_or(t);
            *text = t.to_string();
        }
    }
}

/// A native body ready to send, with what was changed to fit it and the headers InvokeModel
/// takes for settings that Converse has in the body (guardrail, latency).
#[derive(Debug, Clone, PartialEq)]
pub struct InvokeBody {
    pub body: Value,
    pub warnings: Vec<Warning>,
    pub headers: Vec<(String, String)>,
}

/// A tool definition read from the Converse `toolConfig`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ToolDef {
    pub name: String,
    pub description: Option<String>,
    pub schema: Value,
}

/// The Converse body taken apart, for the family builders.
#[derive(Debug)]
pub(crate) struct Common {
    pub family: InvokeFamily,
    /// Converse messages (content blocks in Converse JSON).
    pub messages: Vec<Value>,
    /// Converse system blocks.
    pub system: Vec<Value>,
    pub max_tokens: Option<u64>,
    pub temperature: Option<f64>,
    pub top_p: Option<f64>,
    pub stop: Vec<String>,
    pub tools: Vec<ToolDef>,
    /// A cache point after the tool definitions.
    pub tools_cache: bool,
    /// Converse `toolChoice` (`{"auto":{}}`, `{"any":{}}`, `{"tool":{"name":…}}`).
    pub tool_choice: Option<Value>,
    /// `additionalModelRequestFields`: native fields, merged into the body by each family.
    pub fields: Map<String, Value>,
    pub warnings: Vec<Warning>,
    pub headers: Vec<(String, String)>,
}

impl Common {
    fn read(body: &Value, family: InvokeFamily) -> Result<Common> {
        let arr = |k: &str| {
            body.get(k)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let inf = body.get("inferenceConfig").cloned().unwrap_or(json!({}));
        let mut tools = Vec::new();
        let mut tools_cache = false;
        for t in body
            .pointer("/toolConfig/tools")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(spec) = t.get("toolSpec") {
                tools.push(ToolDef {
                    name: spec
                        .get("name")
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    description: spec
                        .get("description")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    schema: spec
                        .pointer("/inputSchema/json")
                        .cloned()
                        .unwrap_or(json!({"type": "object"})),
                });
            } else if t.get("cachePoint").is_some() {
                tools_cache = true;
            } else if let Some(name) = t.pointer("/systemTool/name").and_then(Value::as_str) {
                return Err(Error::invalid(format!(
                    "the Bedrock system tool '{name}' is only available on the Converse route"
                )));
            }
        }
        let mut c = Common {
            family,
            messages: arr("messages"),
            system: arr("system"),
            max_tokens: inf.get("maxTokens").and_then(Value::as_u64),
            temperature: inf.get("temperature").and_then(Value::as_f64),
            top_p: inf.get("topP").and_then(Value::as_f64),
            stop: inf
                .get("stopSequences")
                .and_then(Value::as_array)
                .map(|s| {
                    s.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            tools,
            tools_cache,
            tool_choice: body.pointer("/toolConfig/toolChoice").cloned(),
            fields: body
                .get("additionalModelRequestFields")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default(),
            warnings: Vec::new(),
            headers: Vec::new(),
        };
        if let Some(g) = body.get("guardrailConfig") {
            let s = |k: &str| {
                g.get(k)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            c.headers.push((
                "X-Amzn-Bedrock-GuardrailIdentifier".into(),
                s("guardrailIdentifier"),
            ));
            c.headers.push((
                "X-Amzn-Bedrock-GuardrailVersion".into(),
                s("guardrailVersion"),
            ));
            let trace = if s("trace") == "enabled" {
                "ENABLED"
            } else {
                "DISABLED"
            };
            c.headers
                .push(("X-Amzn-Bedrock-Trace".into(), trace.into()));
        }
        if let Some(l) = body
            .pointer("/performanceConfig/latency")
            .and_then(Value::as_str)
        {
            c.headers
                .push(("X-Amzn-Bedrock-PerformanceConfig-Latency".into(), l.into()));
        }
        if let Some(t) = body.pointer("/serviceTier/type").and_then(Value::as_str) {
            c.headers
                .push(("X-Amzn-Bedrock-Service-Tier".into(), t.into()));
        }
        for (key, what) in [
            ("requestMetadata", "request metadata"),
            ("additionalModelResponseFieldPaths", "response field paths"),
        ] {
            if body.get(key).is_some() {
                c.drop(what, "InvokeModel has no such field");
            }
        }
        Ok(c)
    }

    pub fn drop(&mut self, setting: &str, reason: impl Into<String>) {
        let w = Warning::Dropped {
            setting: setting.to_string(),
            reason: reason.into(),
        };
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// The system prompt as one text (blocks joined with a blank line).
    pub fn system_text(&self) -> Option<String> {
        let parts: Vec<&str> = self
            .system
            .iter()
            .filter_map(|b| b.get("text").and_then(Value::as_str))
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    /// Turns for the prompt-template families: (role, text). Tool calls and results become
    /// text, since these bodies have no place for them; media is dropped with a warning.
    pub fn text_turns(&mut self) -> Vec<(Role, String)> {
        let mut out = Vec::new();
        let messages = std::mem::take(&mut self.messages);
        for m in &messages {
            let role = role_of(m);
            let mut text = String::new();
            for b in blocks(m) {
                if let Some(t) = b.get("text").and_then(Value::as_str) {
                    text.push_str(t);
                } else if let Some(t) = b.pointer("/guardContent/text/text").and_then(Value::as_str)
                {
                    text.push_str(t);
                } else if let Some(tu) = b.get("toolUse") {
                    text.push_str(
                        &json!({"name": tu.get("name"), "arguments": tu.get("input")}).to_string(),
                    );
                } else if let Some(tr) = b.get("toolResult") {
                    text.push_str(&tool_result_text(tr));
                } else if b.get("image").is_some()
                    || b.get("document").is_some()
                    || b.get("video").is_some()
                {
                    let fam = self.family.as_str();
                    self.drop(
                        "attachment",
                        format!("the {fam} invoke body takes text only"),
                    );
                }
            }
            out.push((role, text));
        }
        self.messages = messages;
        if !self.tools.is_empty() {
            let fam = self.family.as_str();
            self.drop(
                "tools",
                format!("the {fam} invoke body has no tool definitions"),
            );
        }
        out
    }

    /// Merges `additionalModelRequestFields` into a body: they are the model's native fields.
    /// Max tokens, temperature, top-p and stop sequences under the names this family's body
    /// gives them (`None`: the family has no such field, or sets it itself).
    pub fn put_sampling(
        &self,
        body: &mut Map<String, Value>,
        max_tokens_key: Option<&str>,
        top_p_key: &str,
        stop_key: Option<&str>,
    ) {
        if let (Some(k), Some(m)) = (max_tokens_key, self.max_tokens) {
            body.insert(k.into(), json!(m));
        }
        if let Some(t) = self.temperature {
            body.insert("temperature".into(), json!(t));
        }
        if let Some(p) = self.top_p {
            body.insert(top_p_key.into(), json!(p));
        }
        if let (Some(k), false) = (stop_key, self.stop.is_empty()) {
            body.insert(k.into(), json!(self.stop));
        }
    }

    pub fn merge_fields(&mut self, body: &mut Map<String, Value>) {
        let fields = std::mem::take(&mut self.fields);
        super::request::deep_merge(body, &fields);
    }
}

pub(crate) fn role_of(m: &Value) -> Role {
    if m.get("role").and_then(Value::as_str) == Some("assistant") {
        Role::Assistant
    } else {
        Role::User
    }
}

pub(crate) fn blocks(m: &Value) -> &[Value] {
    m.get("content")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// The text of a Converse tool result: text items joined, JSON items serialized.
pub(crate) fn tool_result_text(tr: &Value) -> String {
    let mut parts = Vec::new();
    for c in tr
        .get("content")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(t) = c.get("text").and_then(Value::as_str) {
            parts.push(t.to_string());
        } else if let Some(j) = c.get("json") {
            parts.push(j.to_string());
        }
    }
    parts.join("\n")
}

/// `data:` URL media type of a Converse image format.
pub(crate) fn image_media_type(format: &str) -> String {
    format!("image/{format}")
}

/// Maps the stop reasons of every family to the canonical one.
pub(crate) fn stop_reason(s: &str) -> StopReason {
    match s {
        "stop" | "end_turn" | "FINISH" | "COMPLETE" | "eos_token" | "end" => StopReason::EndTurn,
        "length" | "max_tokens" | "LENGTH" | "MAX_TOKENS" | "model_length" => StopReason::MaxTokens,
        "stop_sequence" | "STOP_CRITERIA_MET" | "STOP_SEQUENCE" => StopReason::StopSequence,
        "tool_calls" | "tool_use" | "TOOL_CALL" => StopReason::ToolUse,
        "content_filter" | "CONTENT_FILTERED" | "ERROR_TOXIC" | "content_filtered" => {
            StopReason::ContentFiltered
        }
        "guardrail_intervened" => StopReason::GuardrailIntervened,
        other => StopReason::parse(other),
    }
}

/// The stop reason under the first of `keys` that `v` has (families name it differently);
/// end of turn when none is there.
pub(crate) fn stop_at(v: &Value, keys: &[&str]) -> StopReason {
    keys.iter()
        .find_map(|k| v.get(*k))
        .and_then(Value::as_str)
        .map(stop_reason)
        .unwrap_or(StopReason::EndTurn)
}

/// A canonical answer from its parts.
pub(crate) fn response(content: Vec<Part>, stop: StopReason, usage: Usage) -> ChatResponse {
    ChatResponse {
        message: Message::new(
            Role::Assistant,
            content.into_iter().filter(|p| !p.is_blank()).collect(),
        ),
        stop_reason: stop,
        usage,
        latency_ms: None,
        additional_fields: None,
        trace: None,
        service_tier: None,
    }
}

pub(crate) fn usage(input: u64, output: u64) -> Usage {
    Usage {
        input,
        output,
        total: input + output,
        ..Usage::default()
    }
}

pub(crate) fn u64_at(v: &Value, ptr: &str) -> Option<u64> {
    v.pointer(ptr).and_then(Value::as_u64)
}

/// Reads the usage headers of a non-streamed InvokeModel answer (`X-Amzn-Bedrock-Input-Token-
/// Count`, `-Output-Token-Count`, `-Invocation-Latency`) into a parsed answer whose body had
/// no counts of its own.
pub fn apply_usage_headers(resp: &mut ChatResponse, header: impl Fn(&str) -> Option<String>) {
    let n = |name: &str| header(name).and_then(|v| v.trim().parse::<u64>().ok());
    if resp.usage.input == 0
        && resp.usage.output == 0
        && let (Some(i), Some(o)) = (
            n("x-amzn-bedrock-input-token-count"),
            n("x-amzn-bedrock-output-token-count"),
        )
    {
        resp.usage = Usage {
            total: i + o,
            input: i,
            output: o,
            ..resp.usage
        };
    }
    if resp.latency_ms.is_none() {
        resp.latency_ms = n("x-amzn-bedrock-invocation-latency");
    }
}

/// Builds stream events from family chunks: block numbering, message start and stop, usage.
#[derive(Debug, Default)]
pub(crate) struct Emitter {
    started: bool,
    /// The open text or reasoning block: (index, is_text).
    open: Option<(u32, bool)>,
    next: u32,
    stopped: bool,
    saw_metadata: bool,
    pub cache_read: u64,
    pub cache_write: u64,
}

impl Emitter {
    pub fn start(&mut self, out: &mut Vec<StreamEvent>) {
        if !self.started {
            self.started = true;
            out.push(StreamEvent::MessageStart);
        }
    }

    fn block(&mut self, is_text: bool, out: &mut Vec<StreamEvent>) -> u32 {
        self.start(out);
        match self.open {
            Some((i, t)) if t == is_text => i,
            _ => {
                self.close(out);
                let i = self.alloc();
                self.open = Some((i, is_text));
                i
            }
        }
    }

    pub fn alloc(&mut self) -> u32 {
        let i = self.next;
        self.next += 1;
        i
    }

    pub fn close(&mut self, out: &mut Vec<StreamEvent>) {
        if let Some((i, _)) = self.open.take() {
            out.push(StreamEvent::BlockStop { index: i });
        }
    }

    pub fn text(&mut self, text: &str, out: &mut Vec<StreamEvent>) {
        if text.is_empty() {
            return;
        }
        let index = self.block(true, out);
        out.push(StreamEvent::TextDelta {
            index,
            text: text.to_string(),
        });
    }

    pub fn reasoning(&mut self, text: &str, out: &mut Vec<StreamEvent>) {
        if text.is_empty() {
            return;
        }
        let index = self.block(false, out);
        out.push(StreamEvent::ReasoningDelta {
            index,
            text: text.to_string(),
        });
    }

    /// A complete tool call.
    pub fn tool(&mut self, id: &str, name: &str, input_json: &str, out: &mut Vec<StreamEvent>) {
        self.start(out);
        self.close(out);
        let index = self.alloc();
        out.push(StreamEvent::ToolUseStart {
            index,
            id: id.to_string(),
            name: name.to_string(),
            kind: None,
        });
        if !input_json.is_empty() {
            out.push(StreamEvent::ToolUseDelta {
                index,
                input_json_fragment: input_json.to_string(),
            });
        }
        out.push(StreamEvent::BlockStop { index });
    }

    pub fn stop(&mut self, reason: StopReason, out: &mut Vec<StreamEvent>) {
        if self.stopped {
            return;
        }
        self.start(out);
        self.close(out);
        self.stopped = true;
        out.push(StreamEvent::MessageStop {
            stop_reason: reason,
            additional_fields: None,
        });
    }

    pub fn metadata(&mut self, usage: Usage, latency_ms: Option<u64>, out: &mut Vec<StreamEvent>) {
        self.saw_metadata = true;
        out.push(StreamEvent::Metadata {
            usage,
            latency_ms,
            trace: None,
        });
    }

    /// The invocation metrics Bedrock adds to the last chunk: the stream is over.
    pub fn metrics(&mut self, chunk: &Value, out: &mut Vec<StreamEvent>) {
        let Some(m) = chunk.get("amazon-bedrock-invocationMetrics") else {
            return;
        };
        if !self.stopped {
            self.stop(StopReason::EndTurn, out);
        }
        if self.saw_metadata {
            return;
        }
        let n = |k: &str| m.get(k).and_then(Value::as_u64).unwrap_or(0);
        let (i, o) = (n("inputTokenCount"), n("outputTokenCount"));
        let usage = Usage {
            input: i,
            output: o,
            total: i + o,
            cache_read: self.cache_read,
            cache_write: self.cache_write,
        };
        self.metadata(
            usage,
            m.get("invocationLatency").and_then(Value::as_u64),
            out,
        );
    }
}

/// Decodes InvokeModelWithResponseStream events of one family.
#[derive(Debug)]
pub struct InvokeDecoder {
    family: InvokeFamily,
    em: Emitter,
    /// Anthropic: native content block index → (output index, tool id, name).
    anthropic: anthropic::StreamState,
    /// Nova chunks are Converse events under their event name.
    nova: ConverseStreamDecoder,
    /// OpenAI-style chunks: tool calls being assembled.
    openai: openai::StreamState,
    /// DeepSeek-R1: `<think>` still to be put back in front of the first text.
    reopen_think: bool,
    /// Qwen: the ChatML end token, held until we know whether the stream ends there.
    chatml_tail: String,
}

impl InvokeDecoder {
    pub fn new(family: InvokeFamily) -> Self {
        InvokeDecoder {
            family,
            em: Emitter::default(),
            anthropic: Default::default(),
            nova: ConverseStreamDecoder::new(),
            openai: Default::default(),
            reopen_think: family.opens_in_think(),
            chatml_tail: String::new(),
        }
    }

    pub fn family(&self) -> InvokeFamily {
        self.family
    }

    /// Decodes one event-stream event. Only `chunk` events carry data; the payload is
    /// `{"bytes": base64}` around one native JSON chunk.
    pub fn decode(&mut self, event_type: &str, payload: &[u8]) -> Result<Vec<StreamEvent>> {
        if event_type != "chunk" {
            return Ok(Vec::new());
        }
        let wrapper: Value = serde_json::from_slice(payload)
            .map_err(|e| Error::response(format!("chunk event payload is not JSON ({e})")))?;
        let b64 = wrapper
            .get("bytes")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::response("chunk event without 'bytes'"))?;
        let raw = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|e| Error::response(format!("chunk bytes are not base64 ({e})")))?;
        let chunk: Value = serde_json::from_slice(&raw)
            .map_err(|e| Error::response(format!("chunk bytes are not JSON ({e})")))?;
        self.decode_chunk(&chunk)
    }

    /// Decodes one native chunk (already base64-decoded).
    pub fn decode_chunk(&mut self, chunk: &Value) -> Result<Vec<StreamEvent>> {
        let mut out = Vec::new();
        let em = &mut self.em;
        match self.family {
            InvokeFamily::Anthropic => anthropic::chunk(&mut self.anthropic, em, chunk, &mut out)?,
            InvokeFamily::Nova => nova::chunk(&mut self.nova, em, chunk, &mut out)?,
            InvokeFamily::TitanText => nova::titan_chunk(em, chunk, &mut out),
            InvokeFamily::Cohere => cohere::chunk(em, chunk, &mut out),
            InvokeFamily::CohereText => cohere_text::chunk(em, chunk, &mut out),
            // Jurassic-2 bodies refuse streaming before anything is sent.
            InvokeFamily::Jurassic2 => {}
            InvokeFamily::OpenAi | InvokeFamily::Ai21 | InvokeFamily::MistralChat => {
                openai::chunk(&mut self.openai, em, chunk, &mut out)
            }
            InvokeFamily::Llama
            | InvokeFamily::MistralText
            | InvokeFamily::DeepSeek
            | InvokeFamily::DeepSeekR1Imported
            | InvokeFamily::Qwen2
            | InvokeFamily::Qwen3 => {
                let (text, stop) = prompt_chunk(chunk);
                let mut text = text.unwrap_or_default();
                if self.reopen_think && !text.is_empty() {
                    self.reopen_think = false;
                    if !text.trim_start().starts_with("<think>") {
                        text = format!("<think>{text}");
                    }
                }
                if matches!(self.family, InvokeFamily::Qwen2 | InvokeFamily::Qwen3) {
                    let last = stop.is_some() || is_last(chunk);
                    text = chatml(&mut self.chatml_tail, &text, last);
                }
                let em = &mut self.em;
                em.text(&text, &mut out);
                if let Some(s) = stop {
                    em.stop(stop_reason(&s), &mut out);
                }
                em.metrics(chunk, &mut out);
            }
        }
        if guardrail_intervened(chunk) {
            guardrail_stop(&mut self.em, &mut out);
        }
        if let Some(t) = chunk.get(GUARDRAIL_TRACE) {
            for ev in &mut out {
                if let StreamEvent::Metadata { trace, .. } = ev {
                    *trace = Some(t.clone());
                }
            }
        }
        Ok(out)
    }
}

/// Drops ChatML markers around a Qwen answer, even split across chunks; `tail` holds what
/// may be the start of the end marker.
fn chatml(tail: &mut String, text: &str, last: bool) -> String {
    const START: &str = "<|im_start|>assistant\n";
    const END: &str = "<|im_end|>";
    let mut buf = std::mem::take(tail);
    buf.push_str(text);
    if let Some(rest) = buf.strip_prefix(START) {
        buf = rest.to_string();
    }
    if last {
        return buf.strip_suffix(END).unwrap_or(&buf).to_string();
    }
    let keep = (1..=END.len().min(buf.len()))
        .rev()
        .find(|&k| buf.is_char_boundary(buf.len() - k) && END.starts_with(&buf[buf.len() - k..]))
        .unwrap_or(0);
    *tail = buf[buf.len() - keep..].to_string();
    buf.truncate(buf.len() - keep);
    buf
}

fn is_last(chunk: &Value) -> bool {
    chunk.get("amazon-bedrock-invocationMetrics").is_some()
}

/// Text and stop reason of a prompt-family chunk: `generation` (Llama, Qwen3, imported
/// models), `text` (Qwen2), `outputs[0]` (Mistral), `choices[0]` (DeepSeek-R1).
fn prompt_chunk(chunk: &Value) -> (Option<String>, Option<String>) {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    if let Some(o) = chunk.pointer("/outputs/0") {
        return (s(o.get("text")), s(o.get("stop_reason")));
    }
    if let Some(c) = chunk.pointer("/choices/0") {
        return (
            s(c.get("text")),
            s(c.get("stop_reason")).or_else(|| s(c.get("finish_reason"))),
        );
    }
    (
        s(chunk.get("generation")).or_else(|| s(chunk.get("text"))),
        s(chunk.get("stop_reason")).or_else(|| s(chunk.get("finish_reason"))),
    )
}

/// A JSON value as a string the way tool arguments travel in chat formats.
pub(crate) fn arguments_string(input: &Value) -> String {
    match input {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Tool input from a chat-format `arguments` string (or object).
pub(crate) fn arguments_value(v: Option<&Value>) -> Value {
    match v {
        Some(Value::String(s)) if s.trim().is_empty() => json!({}),
        Some(Value::String(s)) => serde_json::from_str(s).unwrap_or(Value::String(s.clone())),
        Some(other) => other.clone(),
        None => json!({}),
    }
}

#[cfg(test)]
mod tests;

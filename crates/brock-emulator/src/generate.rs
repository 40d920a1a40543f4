//! The deterministic "model": derives the answer from the request (rule in the module doc of
//! `emulator`), then renders it as a Converse JSON body or as ConverseStream events.

use std::collections::HashSet;
use std::sync::Mutex;

use base64::Engine;
use bytes::Bytes;
use hmac::{KeyInit, Mac};
use serde_json::{Map, Value, json};

use super::catalog::{Family, Model};
use super::converse::{Block, ConverseRequest, Reasoning, Role, ToolChoice, ToolResultContent};
use super::eventstream;
use super::guardrail;
use super::reasoning;

const VOCABULARY: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
];

/// Text with terminal control sequences, for the `hostile` scenario.
pub(crate) const HOSTILE_TEXT: &str = "Hostile answer: \u{1b}]52;c;aGFja2Vk\u{7}\u{1b}]0;pwned title\u{7}\u{1b}[2J\u{1b}[H\u{1b}[10;10H\u{1b}[5Aoverwritten\u{7}\rcarriage return";

/// Markdown with every element a terminal renderer styles, for a prompt containing
/// `[[markdown]]`: a heading, a long paragraph, a list, a quote, a link and a Rust code block.
pub(crate) const MARKDOWN_TEXT: &str = "# Release notes

The brock emulator answers this prompt with markdown so that terminals can show headings, lists, quotes, links and highlighted code. Every word in this paragraph is an ordinary word, and a renderer must never break one of them across two lines, whatever the width of the terminal happens to be.

- first item with **bold** text
- second item with `inline code`

> A quoted line.

See [the Bedrock guide](https://docs.aws.amazon.com/bedrock/) for more.

```rust
fn main() {
    let answer = 42;
    println!(\"{answer}\");
}
```
";

pub(crate) const BLOCKED_TEXT: &str = "Sorry, the model cannot answer this question.";

#[derive(Debug, Clone)]
pub(crate) enum OutBlock {
    Reasoning {
        text: String,
        signature: Option<String>,
    },
    Redacted(Vec<u8>),
    /// The text and the deltas it streams as (their concatenation is the text).
    Text {
        text: String,
        deltas: Vec<String>,
    },
    ToolUse {
        id: String,
        name: String,
        input: Value,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Generation {
    pub blocks: Vec<OutBlock>,
    pub stop_reason: &'static str,
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub cache_read: u64,
    pub cache_write: u64,
    pub caching: bool,
    pub anthropic: bool,
    pub trace: Option<Value>,
    pub additional_response: Option<Value>,
    pub performance_latency: Option<String>,
    pub service_tier: Option<String>,
    /// A tool Bedrock ran itself before the answer; its two blocks come first.
    pub server_run: Option<ServerRun>,
}

/// A `systemTool` run (Nova's code interpreter), answered the way the recorded traffic shows
/// (tests/fixtures/recorded/converse/test_bedrock_model_*code_execution_tool*.yaml): a
/// `server_tool_use` toolUse block, then its `nova_code_interpreter_result` toolResult block.
#[derive(Debug, Clone)]
pub(crate) struct ServerRun {
    pub id: String,
    pub name: String,
    pub input: Value,
    pub result: Value,
}

impl ServerRun {
    fn blocks(&self) -> [Value; 2] {
        [
            json!({"toolUse": {"input": self.input, "name": self.name,
                "toolUseId": self.id, "type": "server_tool_use"}}),
            json!({"toolResult": {"content": [{"json": self.result}], "status": "success",
                "toolUseId": self.id, "type": format!("{}_result", self.name)}}),
        ]
    }
}

/// Cache prefixes seen by this emulator, for cacheWrite/cacheRead accounting.
#[derive(Debug, Default)]
pub(crate) struct PromptCache(Mutex<HashSet<[u8; 32]>>);

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Splits a text into deltas of at most `n` words, keeping every character.
pub(crate) fn split_deltas(text: &str, n: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        let ws = c.is_whitespace();
        if !ws && !in_word {
            if count == n {
                out.push(std::mem::take(&mut cur));
                count = 0;
            }
            count += 1;
        }
        in_word = !ws;
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Keeps the first `n` words of a text.
fn first_words(text: &str, n: usize) -> String {
    let deltas = split_deltas(text, 1);
    deltas
        .into_iter()
        .take(n)
        .collect::<String>()
        .trim_end()
        .to_string()
}

fn tokens_marker(text: &str) -> Option<usize> {
    let start = text.find("[[tokens=")? + "[[tokens=".len();
    let end = text[start..].find("]]")? + start;
    text[start..end]
        .trim()
        .parse()
        .ok()
        .map(|n: usize| n.min(100_000))
}

fn attachment_summary(req: &ConverseRequest) -> Option<String> {
    let m = req.last_user()?;
    let (mut images, mut documents, mut videos) = (0, 0, 0);
    for b in &m.content {
        match b {
            Block::Image { .. } => images += 1,
            Block::Document { .. } => documents += 1,
            Block::Video => videos += 1,
            _ => {}
        }
    }
    let parts: Vec<String> = [
        (images, "image"),
        (documents, "document"),
        (videos, "video"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, kind)| {
        if *n == 1 {
            format!("1 {kind}")
        } else {
            format!("{n} {kind}s")
        }
    })
    .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn tool_results_text(req: &ConverseRequest) -> Option<String> {
    let m = req.last_user()?;
    let mut parts = Vec::new();
    let mut any = false;
    for b in &m.content {
        if let Block::ToolResult { content, .. } = b {
            any = true;
            for c in content {
                parts.push(match c {
                    ToolResultContent::Text(t) => t.clone(),
                    ToolResultContent::Json(j) => j.to_string(),
                    ToolResultContent::Media(kind) => format!("[{kind}]"),
                });
            }
        }
    }
    any.then(|| parts.join(" "))
}

fn id_key(seed: &str) -> String {
    let mut m =
        <hmac::Hmac<sha2::Sha256> as KeyInit>::new_from_slice(b"brock-emulator tool use ids")
            .expect("any key length");
    m.update(seed.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
}

/// `tooluse_` + 22 characters of [A-Za-z0-9_-], derived from the conversation so far.
pub(crate) fn tool_use_id(seed: &str) -> String {
    format!("tooluse_{}", &id_key(seed)[..22])
}

fn resolve_ref<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or_default();
        for defs in ["$defs", "definitions"] {
            if let Some(s) = root.get(defs).and_then(|d| d.get(name)) {
                return s;
            }
        }
    }
    schema
}

/// A value valid against a JSON schema: required properties only, first enum value, minimums.
pub(crate) fn example_for(root: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve_ref(root, schema);
    if depth > 8 {
        return Value::Null;
    }
    if let Some(c) = schema.get("const") {
        return c.clone();
    }
    if let Some(first) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return first.clone();
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(first) = schema.get(key).and_then(Value::as_array).and_then(|a| {
            a.iter()
                .find(|s| s.get("type").and_then(Value::as_str) != Some("null"))
        }) {
            return example_for(root, first, depth + 1);
        }
    }
    let ty = match schema.get("type") {
        Some(Value::String(s)) => s.as_str(),
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ => "object",
    };
    match ty {
        "object" => {
            let mut out = Map::new();
            let props = schema.get("properties").and_then(Value::as_object);
            if let Some(required) = schema.get("required").and_then(Value::as_array) {
                for name in required.iter().filter_map(Value::as_str) {
                    let prop = props.and_then(|p| p.get(name)).unwrap_or(&Value::Null);
                    out.insert(name.to_string(), example_for(root, prop, depth + 1));
                }
            }
            Value::Object(out)
        }
        "array" => {
            let n = schema
                .get("minItems")
                .and_then(Value::as_u64)
                .unwrap_or(1)
                .max(1);
            let n = match schema.get("maxItems").and_then(Value::as_u64) {
                Some(max) => n.min(max),
                None => n,
            };
            let items = schema.get("items").unwrap_or(&Value::Null);
            Value::Array(
                (0..n)
                    .map(|_| example_for(root, items, depth + 1))
                    .collect(),
            )
        }
        "string" => {
            let s = match schema.get("format").and_then(Value::as_str) {
                Some("date") => "2024-01-01".to_string(),
                Some("date-time") => "2024-01-01T00:00:00Z".to_string(),
                Some("time") => "12:00:00".to_string(),
                Some("email") => "user@example.com".to_string(),
                Some("uri") | Some("url") => "https://example.com".to_string(),
                Some("uuid") => "00000000-0000-4000-8000-000000000000".to_string(),
                _ => "example".to_string(),
            };
            let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
            if s.len() < min {
                Value::String(s.clone() + &"x".repeat(min - s.len()))
            } else {
                Value::String(s)
            }
        }
        "integer" => json!(schema.get("minimum").and_then(Value::as_i64).unwrap_or(1)),
        "number" => json!(schema.get("minimum").and_then(Value::as_f64).unwrap_or(1.0)),
        "boolean" => Value::Bool(true),
        _ => Value::Null,
    }
}

fn pick_tool(req: &ConverseRequest, text: &str) -> Option<usize> {
    if !req.has_tool_config || req.tools.is_empty() {
        return None;
    }
    let mentioned = req
        .tools
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.name.is_empty() && text.contains(&t.name))
        .map(|(i, t)| (text.find(&t.name).unwrap_or(usize::MAX), i))
        .min()
        .map(|(_, i)| i);
    match &req.tool_choice {
        Some(ToolChoice::Tool(name)) => req.tools.iter().position(|t| &t.name == name),
        Some(ToolChoice::Any) => mentioned.or(Some(0)),
        _ => mentioned,
    }
}

/// The text of every cacheable prefix and the prefix up to the last cache point.
fn cache_prefix(req: &ConverseRequest) -> Option<String> {
    let mut seen_point = false;
    let mut prefix = String::new();
    let mut upto = None;
    let push = |b: &Block, prefix: &mut String| match b {
        Block::Text(t) | Block::GuardContent(t) => prefix.push_str(t),
        Block::Document { name, bytes, .. } => prefix.push_str(&format!("[doc {name} {bytes}]")),
        Block::Image { bytes, .. } => prefix.push_str(&format!("[image {bytes}]")),
        Block::ToolUse { name, input, .. } => prefix.push_str(&format!("{name}{input}")),
        Block::ToolResult { id, .. } => prefix.push_str(id),
        _ => {}
    };
    for b in &req.system {
        if matches!(b, Block::CachePoint) {
            seen_point = true;
            upto = Some(prefix.clone());
        } else {
            push(b, &mut prefix);
        }
    }
    for t in &req.tools {
        prefix.push_str(&t.name);
        prefix.push_str(&t.schema.to_string());
    }
    for m in &req.messages {
        prefix.push_str(if m.role == Role::User {
            "\nuser:"
        } else {
            "\nassistant:"
        });
        for b in &m.content {
            if matches!(b, Block::CachePoint) {
                seen_point = true;
                upto = Some(prefix.clone());
            } else {
                push(b, &mut prefix);
            }
        }
    }
    if seen_point { upto } else { None }
}

pub(crate) struct Context<'a> {
    pub model: &'a Model,
    /// The model id exactly as the client sent it (decoded from the path).
    pub model_id: &'a str,
    pub hostile: bool,
    pub cache: &'a PromptCache,
    /// InvokeModel names its guardrail in headers, not in the body.
    pub guardrail: Option<super::converse::Guardrail>,
}

pub(crate) fn generate(req: &ConverseRequest, ctx: &Context) -> Generation {
    let user_text = req.last_user_text();
    let mut blocks = Vec::new();
    let mut stop_reason = "end_turn";
    let mut trace = None;
    let mut output_tokens: u64 = 0;
    let mut server_run = None;

    let guarded = req.guarded_text();
    let blocked = req.guardrail.is_some() && guarded.contains("[[blocked]]");
    if let Some(g) = &req.guardrail
        && g.trace
    {
        trace = Some(guardrail::converse_trace(g, &guarded, blocked));
    }

    if blocked {
        stop_reason = "guardrail_intervened";
        blocks.push(text_block(BLOCKED_TEXT.to_string()));
        output_tokens += words(BLOCKED_TEXT) as u64;
    } else {
        if req.reasoning != Reasoning::Off {
            let text = format!("The user said: {user_text}. I will greet them and repeat it.");
            output_tokens += words(&text) as u64;
            if user_text.contains("[[redacted]]") && req.reasoning == Reasoning::Signed {
                blocks.push(OutBlock::Redacted(reasoning::redacted_data(&text)));
            } else {
                let signature =
                    (req.reasoning == Reasoning::Signed).then(|| reasoning::sign(&text));
                blocks.push(OutBlock::Reasoning { text, signature });
            }
        }

        let tool_results = tool_results_text(req);
        if tool_results.is_none()
            && let Some(name) = req
                .system_tools
                .iter()
                .find(|n| *n == "nova_code_interpreter")
        {
            // The "code" is the question; its "output" says what ran, so tests can see it.
            let seed = format!("{}|{name}|{user_text}", req.messages.len());
            server_run = Some(ServerRun {
                id: tool_use_id(&seed),
                name: name.clone(),
                input: json!({"snippet": user_text}),
                result: json!({"stdOut": format!("ran {} characters", user_text.chars().count()),
                    "stdErr": "", "exitCode": 0, "isError": false}),
            });
            output_tokens += (user_text.len() / 4 + 1) as u64;
        }
        let tool = if tool_results.is_none() {
            pick_tool(req, &user_text)
        } else {
            None
        };
        let max = req.max_tokens.map(|m| m.max(0) as usize);

        if let Some(i) = tool {
            let spec = &req.tools[i];
            let input = example_for(&spec.schema, &spec.schema, 0);
            let seed = format!("{}|{}|{}", req.messages.len(), spec.name, user_text);
            output_tokens += (input.to_string().len() / 4 + 1) as u64;
            blocks.push(OutBlock::ToolUse {
                id: tool_use_id(&seed),
                name: spec.name.clone(),
                input,
            });
            stop_reason = "tool_use";
        } else if let Some(n) = tokens_marker(&user_text) {
            let n_out = max.map_or(n, |m| m.min(n));
            if n_out < n {
                stop_reason = "max_tokens";
            }
            let deltas: Vec<String> = (0..n_out)
                .map(|k| {
                    let w = VOCABULARY[k % VOCABULARY.len()];
                    if k == 0 {
                        w.to_string()
                    } else {
                        format!(" {w}")
                    }
                })
                .collect();
            output_tokens += n_out as u64;
            blocks.push(OutBlock::Text {
                text: deltas.concat(),
                deltas,
            });
        } else {
            let mut text = if let Some(results) = tool_results {
                format!("The tool returned: {results}")
            } else if let Some(schema) = &req.output_schema {
                example_for(schema, schema, 0).to_string()
            } else {
                let mut t = format!(
                    "Hello from the brock emulator ({}). You said: {user_text}",
                    ctx.model_id
                );
                if let Some(a) = attachment_summary(req) {
                    t.push_str(&format!(" [attachments: {a}]"));
                }
                t
            };
            if ctx.hostile {
                text = HOSTILE_TEXT.to_string();
            } else if user_text.contains("[[markdown]]") {
                text = MARKDOWN_TEXT.to_string();
            }
            if let Some(pos) = req
                .stop_sequences
                .iter()
                .filter_map(|s| text.find(s.as_str()))
                .min()
            {
                text.truncate(pos);
                stop_reason = "stop_sequence";
            }
            if let Some(m) = max
                && words(&text) > m
            {
                text = first_words(&text, m);
                stop_reason = "max_tokens";
            }
            output_tokens += words(&text) as u64;
            if !text.is_empty() {
                blocks.push(text_block(text));
            }
        }
    }

    let total_input = (req.input_chars() / 4).max(1) as u64;
    let (mut cache_read, mut cache_write, mut caching) = (0, 0, false);
    let mut input_tokens = total_input;
    if let Some(prefix) = cache_prefix(req) {
        caching = true;
        let prefix_tokens =
            ((prefix.chars().count() / 4) as u64).min(total_input.saturating_sub(1));
        let key: [u8; 32] = {
            use sha2::Digest;
            sha2::Sha256::digest(format!("{}\n{prefix}", ctx.model.id).as_bytes()).into()
        };
        let first_time = ctx
            .cache
            .0
            .lock()
            .map(|mut s| s.insert(key))
            .unwrap_or(true);
        if first_time {
            cache_write = prefix_tokens;
        } else {
            cache_read = prefix_tokens;
        }
        input_tokens = total_input - prefix_tokens;
    }

    let additional_response = (!req.response_field_paths.is_empty()).then(|| {
        let mut m = Map::new();
        for p in &req.response_field_paths {
            // The emulator's "model" has no extra response fields: each requested one is null.
            m.insert(p.trim_start_matches('/').to_string(), Value::Null);
        }
        Value::Object(m)
    });

    Generation {
        blocks,
        stop_reason,
        input_tokens,
        output_tokens: output_tokens.max(1),
        cache_read,
        cache_write,
        caching,
        anthropic: ctx.model.family == Family::Anthropic,
        trace,
        additional_response,
        performance_latency: req.performance_latency.clone(),
        service_tier: req.service_tier.clone(),
        server_run,
    }
}

/// Streamed frames, each flagged `true` when it is a delta (subject to pacing).
pub(crate) type Frames = Box<dyn Iterator<Item = (Bytes, bool)> + Send>;

enum Pending {
    Ready(Bytes, bool),
    TextDeltas(usize, Vec<String>),
}

fn text_delta_frame(index: usize, delta: Value) -> Bytes {
    eventstream::event(
        "contentBlockDelta",
        &json!({"contentBlockIndex": index, "delta": delta}),
    )
}

fn text_block(text: String) -> OutBlock {
    let deltas = split_deltas(&text, 3);
    OutBlock::Text { text, deltas }
}

impl Generation {
    fn usage(&self, streaming: bool) -> Value {
        let mut u = json!({
            "inputTokens": self.input_tokens,
            "outputTokens": self.output_tokens,
            "totalTokens": self.input_tokens + self.output_tokens + self.cache_read + self.cache_write,
        });
        if self.caching || (self.anthropic && !streaming) {
            u["cacheReadInputTokens"] = json!(self.cache_read);
            u["cacheWriteInputTokens"] = json!(self.cache_write);
        }
        if self.anthropic && !streaming {
            // Recorded Anthropic answers also carry these older duplicates
            // (converse/test_bedrock_cache_write_and_read.yaml).
            u["cacheReadInputTokenCount"] = json!(self.cache_read);
            u["cacheWriteInputTokenCount"] = json!(self.cache_write);
        }
        if !(self.anthropic && streaming) {
            u["serverToolUsage"] = json!({});
        }
        u
    }

    /// The Converse response body.
    pub fn converse_body(&self, latency_ms: u64) -> Value {
        let server = self.server_run.iter().flat_map(ServerRun::blocks);
        let content: Vec<Value> = server
            .chain(self.blocks.iter().map(|b| match b {
                OutBlock::Reasoning { text, signature } => {
                    let mut rt = json!({"text": text});
                    if let Some(s) = signature {
                        rt["signature"] = json!(s);
                    }
                    json!({"reasoningContent": {"reasoningText": rt}})
                }
                OutBlock::Redacted(data) => json!({"reasoningContent": {
                    "redactedContent": base64::engine::general_purpose::STANDARD.encode(data)}}),
                OutBlock::Text { text, .. } => json!({"text": text}),
                OutBlock::ToolUse { id, name, input } => {
                    json!({"toolUse": {"toolUseId": id, "name": name, "input": input}})
                }
            }))
            .collect();
        let mut body = json!({
            "metrics": {"latencyMs": latency_ms},
            "output": {"message": {"content": content, "role": "assistant"}},
            "stopReason": self.stop_reason,
            "usage": self.usage(false),
        });
        if let Some(t) = &self.trace {
            body["trace"] = json!({"guardrail": t});
        }
        if let Some(a) = &self.additional_response {
            body["additionalModelResponseFields"] = a.clone();
        }
        if let Some(l) = &self.performance_latency {
            body["performanceConfig"] = json!({"latency": l});
        }
        if let Some(t) = &self.service_tier {
            body["serviceTier"] = json!({"type": t});
        }
        body
    }

    /// The ConverseStream frames, in order; `true` marks a delta (paced). Text deltas are
    /// encoded lazily, so a 100000-token answer starts streaming at once.
    pub fn stream_frames(&self, latency_ms: u64) -> Frames {
        let mut out: Vec<Pending> = vec![Pending::Ready(
            eventstream::event("messageStart", &json!({"role": "assistant"})),
            false,
        )];
        let base = if let Some(run) = &self.server_run {
            let [tool_use, tool_result] = run.blocks();
            let mut start = tool_use["toolUse"].clone();
            start.as_object_mut().map(|o| o.remove("input"));
            let mut result_start = tool_result["toolResult"].clone();
            result_start.as_object_mut().map(|o| o.remove("content"));
            let frames = [
                (
                    "contentBlockStart",
                    json!({"contentBlockIndex": 0, "start": {"toolUse": start}}),
                ),
                (
                    "contentBlockDelta",
                    json!({"contentBlockIndex": 0,
                    "delta": {"toolUse": {"input": run.input.to_string()}}}),
                ),
                ("contentBlockStop", json!({"contentBlockIndex": 0})),
                (
                    "contentBlockStart",
                    json!({"contentBlockIndex": 1,
                    "start": {"toolResult": result_start}}),
                ),
                (
                    "contentBlockDelta",
                    json!({"contentBlockIndex": 1,
                    "delta": {"toolResult": tool_result["toolResult"]["content"]}}),
                ),
                ("contentBlockStop", json!({"contentBlockIndex": 1})),
            ];
            for (kind, payload) in frames {
                out.push(Pending::Ready(eventstream::event(kind, &payload), false));
            }
            2
        } else {
            0
        };
        for (i, b) in self.blocks.iter().enumerate() {
            let i = i + base;
            let delta = |d: Value| Pending::Ready(text_delta_frame(i, d), true);
            match b {
                OutBlock::Reasoning { text, signature } => {
                    for piece in split_deltas(text, 3) {
                        out.push(delta(json!({"reasoningContent": {"text": piece}})));
                    }
                    if let Some(s) = signature {
                        out.push(delta(json!({"reasoningContent": {"signature": s}})));
                    }
                }
                OutBlock::Redacted(data) => out.push(delta(json!({"reasoningContent": {
                    "redactedContent": base64::engine::general_purpose::STANDARD.encode(data)}}))),
                OutBlock::Text { deltas, .. } => out.push(Pending::TextDeltas(i, deltas.clone())),
                OutBlock::ToolUse { id, name, input } => {
                    out.push(Pending::Ready(
                        eventstream::event(
                            "contentBlockStart",
                            &json!({"contentBlockIndex": i,
                                    "start": {"toolUse": {"toolUseId": id, "name": name}}}),
                        ),
                        false,
                    ));
                    for piece in split_json(&input.to_string()) {
                        out.push(delta(json!({"toolUse": {"input": piece}})));
                    }
                }
            }
            out.push(Pending::Ready(
                eventstream::event("contentBlockStop", &json!({"contentBlockIndex": i})),
                false,
            ));
        }
        let mut stop = json!({"stopReason": self.stop_reason});
        if let Some(a) = &self.additional_response {
            stop["additionalModelResponseFields"] = a.clone();
        }
        out.push(Pending::Ready(
            eventstream::event("messageStop", &stop),
            false,
        ));
        let mut metadata = json!({
            "usage": self.usage(true),
            "metrics": {"latencyMs": latency_ms},
        });
        if let Some(t) = &self.trace {
            metadata["trace"] = json!({"guardrail": t});
        }
        if let Some(l) = &self.performance_latency {
            metadata["performanceConfig"] = json!({"latency": l});
        }
        if let Some(t) = &self.service_tier {
            metadata["serviceTier"] = json!({"type": t});
        }
        out.push(Pending::Ready(
            eventstream::event("metadata", &metadata),
            false,
        ));
        Box::new(out.into_iter().flat_map(|p| -> Frames {
            match p {
                Pending::Ready(frame, delta) => Box::new(std::iter::once((frame, delta))),
                Pending::TextDeltas(i, deltas) => Box::new(
                    deltas
                        .into_iter()
                        .map(move |t| (text_delta_frame(i, json!({"text": t})), true)),
                ),
            }
        }))
    }

    /// Kimi K2 on Converse, the recorded way. A text answer carries its reasoning inline, as
    /// `<think>…</think>` in the text, after an empty first delta (recorded:
    /// converse-chunks/kimi-k2-thinking-inline-think-tags.chunks.txt, a ConverseStream; the
    /// non-streamed answer in converse/test_bedrock_moonshotai_tool_call.yaml #1 also has
    /// `<think>` in its text). A tool call keeps a `reasoningContent` block and uses Kimi's
    /// own tool-use ids, `functions.NAME:N` (recorded in that cassette's #0).
    pub fn kimi_converse(mut self) -> Generation {
        if self
            .blocks
            .iter()
            .any(|b| matches!(b, OutBlock::ToolUse { .. }))
        {
            let mut n = 0;
            for b in &mut self.blocks {
                if let OutBlock::ToolUse { id, name, .. } = b {
                    *id = format!("functions.{name}:{n}");
                    n += 1;
                }
            }
            return self;
        }
        let reasoning = self.blocks.iter().find_map(|b| match b {
            OutBlock::Reasoning { text, .. } => Some(text.clone()),
            _ => None,
        });
        let Some(reasoning) = reasoning else {
            return self;
        };
        let answer = self.text();
        let text = format!(" <think> {reasoning} </think> {answer}");
        let mut deltas = vec![String::new()];
        deltas.extend(split_deltas(&text, 3));
        self.blocks = vec![OutBlock::Text { text, deltas }];
        self
    }

    /// The concatenated answer text (for the Anthropic Messages rendering).
    pub fn text(&self) -> String {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                OutBlock::Text { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// Splits serialized tool input into a few pieces, at character boundaries.
pub(crate) fn split_json(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 4 {
        return vec![s.to_string()];
    }
    let size = chars.len().div_ceil(3);
    chars.chunks(size).map(|c| c.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::converse::tests::parse_for;

    fn run(model: &str, body: Value) -> Generation {
        let req = parse_for(model, body).unwrap();
        let resolved = catalog::resolve(model).unwrap();
        let cache = PromptCache::default();
        generate(
            &req,
            &Context {
                model: resolved.model,
                model_id: model,
                hostile: false,
                cache: &cache,
                guardrail: None,
            },
        )
    }

    fn user(text: &str) -> Value {
        json!({"messages": [{"role": "user", "content": [{"text": text}]}]})
    }

    #[test]
    fn deltas_keep_every_character() {
        let t = "Hello  from the brock emulator.\nYou said: hi";
        assert_eq!(split_deltas(t, 3).concat(), t);
        assert!(split_deltas(t, 3).len() >= 3);
        assert_eq!(first_words("a b c d", 2), "a b");
    }

    #[test]
    fn the_answer_rule() {
        let g = run("us.amazon.nova-micro-v1:0", user("hi there"));
        assert_eq!(
            g.text(),
            "Hello from the brock emulator (us.amazon.nova-micro-v1:0). You said: hi there"
        );
        assert_eq!(g.output_tokens, 10);
        assert_eq!(g.stop_reason, "end_turn");
    }

    #[test]
    fn token_marker_and_max_tokens() {
        let g = run("us.amazon.nova-micro-v1:0", user("go [[tokens=7]]"));
        assert_eq!(g.output_tokens, 7);
        assert_eq!(
            g.text(),
            "lorem ipsum dolor sit amet consectetur adipiscing"
        );
        let mut body = user("go [[tokens=7]]");
        body["inferenceConfig"] = json!({"maxTokens": 3});
        let g = run("us.amazon.nova-micro-v1:0", body);
        assert_eq!(g.output_tokens, 3);
        assert_eq!(g.stop_reason, "max_tokens");
    }

    #[test]
    fn tools_are_called_with_schema_inputs() {
        let mut body = user("What is the weather? use get_weather");
        body["toolConfig"] = json!({"tools": [{"toolSpec": {"name": "get_weather",
            "inputSchema": {"json": {"type": "object", "required": ["city", "days"],
                "properties": {"city": {"type": "string"}, "days": {"type": "integer", "minimum": 2}}}}}}]});
        let g = run("us.amazon.nova-micro-v1:0", body);
        assert_eq!(g.stop_reason, "tool_use");
        match &g.blocks[0] {
            OutBlock::ToolUse { id, name, input } => {
                assert_eq!(name, "get_weather");
                assert_eq!(input, &json!({"city": "example", "days": 2}));
                assert_eq!(id.len(), "tooluse_".len() + 22);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn thinking_yields_a_signed_block_first() {
        let mut body = user("hi");
        body["additionalModelRequestFields"] =
            json!({"thinking": {"type": "enabled", "budget_tokens": 2000}});
        let g = run("us.anthropic.claude-sonnet-4-20250514-v1:0", body);
        match &g.blocks[0] {
            OutBlock::Reasoning { text, signature } => {
                assert!(reasoning::signature_ok(text, signature.as_deref().unwrap()));
            }
            other => panic!("{other:?}"),
        }
    }

    /// The JSON structure of a value: keys kept, leaves replaced by their type.
    fn shape(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                Value::Object(m.iter().map(|(k, v)| (k.clone(), shape(v))).collect())
            }
            Value::Array(a) => Value::Array(a.iter().take(1).map(shape).collect()),
            Value::String(_) => json!("string"),
            Value::Number(_) => json!("number"),
            Value::Bool(_) => json!("bool"),
            Value::Null => Value::Null,
        }
    }

    /// Frame headers and payload shapes, consecutive repeats collapsed.
    fn stream_shape(bytes: &[u8]) -> Vec<(Vec<(String, String)>, Value)> {
        let mut out: Vec<(Vec<(String, String)>, Value)> = Vec::new();
        for (headers, payload) in crate::eventstream::tests::decode_all(bytes) {
            let item = (headers, shape(&payload));
            if out.last() != Some(&item) {
                out.push(item);
            }
        }
        out
    }

    /// Our stream for a recorded request has the recorded stream's structure: event order,
    /// header names, order and values, and payload keys (padding included).
    #[test]
    fn streams_have_the_recorded_structure() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/recorded/converse"
        );
        for name in [
            "test_bedrock_model_stream.yaml",
            "test_bedrock_model_thinking_part_stream.yaml",
        ] {
            let text = std::fs::read_to_string(format!("{dir}/{name}"))
                .unwrap_or_else(|e| panic!("vendored cassette {dir}/{name}: {e}"));
            let raw: serde_yaml::Value =
                serde_yaml::from_str(&text.replace("!!binary", "!binary")).unwrap();
            let request: Value =
                serde_json::from_str(raw["interactions"][0]["request"]["body"].as_str().unwrap())
                    .unwrap();
            let recorded = &crate::replay::parse_cassette(&text).unwrap()[0];
            let model = recorded
                .path
                .trim_start_matches("/model/")
                .trim_end_matches("/converse-stream");
            let g = run(model, request);
            let mut ours = Vec::new();
            for (frame, _) in g.stream_frames(42) {
                ours.extend_from_slice(&frame);
            }
            assert_eq!(stream_shape(&ours), stream_shape(&recorded.body), "{name}");
        }
    }

    #[test]
    fn cache_points_write_then_read() {
        let body = json!({"messages": [{"role": "user", "content": [
            {"text": "a long shared prefix that is worth caching"}, {"cachePoint": {"type": "default"}},
            {"text": "question"}]}]});
        let model = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
        let req = parse_for(model, body).unwrap();
        let resolved = catalog::resolve(model).unwrap();
        let cache = PromptCache::default();
        let ctx = Context {
            model: resolved.model,
            model_id: model,
            hostile: false,
            cache: &cache,
            guardrail: None,
        };
        let first = generate(&req, &ctx);
        let second = generate(&req, &ctx);
        assert!(first.cache_write > 0 && first.cache_read == 0);
        assert_eq!(second.cache_read, first.cache_write);
        assert_eq!(second.cache_write, 0);
    }
}

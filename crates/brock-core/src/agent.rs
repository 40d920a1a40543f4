//! Bedrock Agents and knowledge bases (bedrock-agent-runtime): InvokeAgent request bodies, the
//! InvokeAgent event stream parsed into typed [`AgentEvent`]s, return-of-control results,
//! Retrieve / RetrieveAndGenerate bodies and answers, and the text helpers that present
//! citations and traces. Pure: callers hand in decoded frames and get values back.

use std::collections::BTreeMap;

use base64::Engine;
use serde_json::{Map, Value, json};

use super::error::{Error, Result};

/// `KEY=VALUE` from `--session-attr` / `--prompt-attr`.
pub fn parse_attr(flag: &str, kv: &str) -> Result<(String, String)> {
    match kv.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(Error::invalid(format!(
            "{flag} {kv:?}: expected KEY=VALUE, e.g. {flag} customer=42"
        ))),
    }
}

/// Agent, alias, knowledge base ids: what the service accepts (`^[0-9a-zA-Z]+$`, ≤ 10).
pub fn check_resource_id(what: &str, id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 10 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid(format!(
            "{what} {id:?} is not a valid id (1 to 10 letters and digits, e.g. ABCDE12345)"
        )));
    }
    Ok(())
}

/// Session and memory ids: `^[0-9a-zA-Z._:-]+$`, 2 to 100 characters.
pub fn check_session_id(what: &str, id: &str) -> Result<()> {
    let ok = (2..=100).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | ':' | '-'));
    if !ok {
        return Err(Error::invalid(format!(
            "{what} {id:?} is not valid: 2 to 100 characters from letters, digits and . _ : -"
        )));
    }
    Ok(())
}

/// Longest `inputText` InvokeAgent takes, in characters.
pub const MAX_INPUT_TEXT: usize = 25_000;

pub fn check_input_text(text: &str) -> Result<()> {
    let n = text.chars().count();
    if n > MAX_INPUT_TEXT {
        return Err(Error::invalid(format!(
            "the input text has {n} characters; an agent takes at most {MAX_INPUT_TEXT} per turn"
        )));
    }
    Ok(())
}

/// One InvokeAgent call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InvokeAgent {
    pub input_text: String,
    pub enable_trace: bool,
    pub end_session: bool,
    pub memory_id: Option<String>,
    pub session_attributes: BTreeMap<String, String>,
    pub prompt_session_attributes: BTreeMap<String, String>,
    /// Results of a returned control, sent back with the invocation id they answer.
    pub return_control: Option<(String, Vec<Value>)>,
    /// `applyGuardrailInterval`: characters per guardrail check while the answer streams.
    pub guardrail_interval: Option<u32>,
}

impl InvokeAgent {
    /// The request path for this agent, alias and session (labels percent-encoded by `encode`).
    pub fn path(
        agent_id: &str,
        alias_id: &str,
        session_id: &str,
        encode: impl Fn(&str) -> String,
    ) -> String {
        format!(
            "/agents/{}/agentAliases/{}/sessions/{}/text",
            encode(agent_id),
            encode(alias_id),
            encode(session_id)
        )
    }

    pub fn body(&self) -> Value {
        let mut body = Map::new();
        body.insert("inputText".into(), json!(self.input_text));
        if self.enable_trace {
            body.insert("enableTrace".into(), json!(true));
        }
        if self.end_session {
            body.insert("endSession".into(), json!(true));
        }
        if let Some(m) = &self.memory_id {
            body.insert("memoryId".into(), json!(m));
        }
        // Without it the final response is not streamed: the API reference says
        // streamFinalResponse "is set to false by default", so the answer would arrive at once.
        let mut streaming = json!({"streamFinalResponse": true});
        if let Some(n) = self.guardrail_interval {
            streaming["applyGuardrailInterval"] = json!(n);
        }
        body.insert("streamingConfigurations".into(), streaming);
        if let Some(state) = self.session_state() {
            body.insert("sessionState".into(), state);
        }
        Value::Object(body)
    }

    fn session_state(&self) -> Option<Value> {
        let mut state = Map::new();
        if !self.session_attributes.is_empty() {
            state.insert("sessionAttributes".into(), json!(self.session_attributes));
        }
        if !self.prompt_session_attributes.is_empty() {
            state.insert(
                "promptSessionAttributes".into(),
                json!(self.prompt_session_attributes),
            );
        }
        if let Some((id, results)) = &self.return_control {
            state.insert("invocationId".into(), json!(id));
            state.insert("returnControlInvocationResults".into(), json!(results));
        }
        (!state.is_empty()).then_some(Value::Object(state))
    }

    /// The InvokeInlineAgent body: this turn with the agent's definition.
    pub fn inline_body(&self, agent: &InlineAgent) -> Value {
        let mut body = self.body();
        let o = body.as_object_mut().expect("an object");
        if let Some(state) = o.remove("sessionState") {
            o.insert("inlineSessionState".into(), state);
        }
        o.insert("foundationModel".into(), json!(agent.foundation_model));
        o.insert("instruction".into(), json!(agent.instruction));
        if !agent.action_groups.is_empty() {
            o.insert("actionGroups".into(), json!(agent.action_groups));
        }
        if !agent.knowledge_bases.is_empty() {
            let kbs: Vec<Value> = agent
                .knowledge_bases
                .iter()
                .map(|(id, d)| json!({"knowledgeBaseId": id, "description": d}))
                .collect();
            o.insert("knowledgeBases".into(), Value::Array(kbs));
        }
        body
    }
}

/// An agent defined in the request (InvokeInlineAgent).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InlineAgent {
    pub foundation_model: String,
    pub instruction: String,
    pub action_groups: Vec<Value>,
    /// Knowledge base ids and the description that tells the agent when to use each.
    pub knowledge_bases: Vec<(String, String)>,
}

/// Shortest instruction an inline agent takes, in characters (the API reference's minimum).
pub const MIN_INSTRUCTION: usize = 40;

/// The request path of an inline agent session.
pub fn inline_path(session_id: &str, encode: impl Fn(&str) -> String) -> String {
    format!("/agents/{}", encode(session_id))
}

pub fn check_instruction(text: &str, source: &str) -> Result<()> {
    let n = text.chars().count();
    if n < MIN_INSTRUCTION {
        return Err(Error::invalid(format!(
            "the inline agent's instruction ({source}) has {n} characters; the service needs at least {MIN_INSTRUCTION}: say what the agent is for, e.g. --instruction \"You answer questions about the weather, using the tools you have.\""
        )));
    }
    Ok(())
}

/// `--kb ID[:DESCRIPTION]`: the description tells the agent when to search that knowledge base.
pub fn parse_kb(arg: &str) -> Result<(String, String)> {
    let (id, description) = match arg.split_once(':') {
        Some((id, d)) => (id, d.trim()),
        None => (arg, ""),
    };
    check_resource_id("--kb knowledge base id", id)?;
    let description = if description.is_empty() {
        "Search this knowledge base for facts that answer the user's question.".to_string()
    } else {
        description.to_string()
    };
    if description.chars().count() > 200 {
        return Err(Error::invalid(format!(
            "--kb {id}: the description has {} characters; at most 200",
            description.chars().count()
        )));
    }
    Ok((id.to_string(), description))
}

/// Action group, function and parameter names: `([0-9a-zA-Z][_-]?){1,100}`.
fn agent_name_ok(s: &str) -> bool {
    let mut prev_sep = true;
    let mut units = 0;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            units += 1;
            prev_sep = false;
        } else if (c == '_' || c == '-') && !prev_sep {
            prev_sep = true;
        } else {
            return false;
        }
    }
    (1..=100).contains(&units)
}

/// The action group brock declares for its tools: every function returns control to brock,
/// which runs it and sends the result back.
pub const TOOLS_ACTION_GROUP: &str = "brock_tools";

/// A `RETURN_CONTROL` action group with one function per tool. A function's parameters are
/// flat (string, number, integer, boolean or array), so a tool whose schema has an object
/// parameter cannot be declared.
pub fn action_group(tools: &[super::message::ToolSpec]) -> Result<Value> {
    let mut functions = Vec::new();
    for t in tools {
        if !agent_name_ok(&t.name) {
            return Err(Error::invalid(format!(
                "tool {}: an agent function name is letters and digits, each optionally followed by one _ or -",
                t.name
            )));
        }
        let mut f = json!({"name": t.name});
        if let Some(d) = t.description.as_deref().filter(|d| !d.trim().is_empty()) {
            if d.chars().count() > 1200 {
                return Err(Error::invalid(format!(
                    "tool {}: the description has {} characters; an agent function takes at most 1200",
                    t.name,
                    d.chars().count()
                )));
            }
            f["description"] = json!(d);
        }
        let required: Vec<&str> = t
            .input_schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut params = Map::new();
        for (name, p) in t
            .input_schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let ty = p.get("type").and_then(Value::as_str).unwrap_or("string");
            if !["string", "number", "integer", "boolean", "array"].contains(&ty) {
                return Err(Error::invalid(format!(
                    "tool {}: parameter {name} has type {ty}; an agent function takes string, number, integer, boolean or array parameters",
                    t.name
                )));
            }
            if !agent_name_ok(name) {
                return Err(Error::invalid(format!(
                    "tool {}: parameter name {name:?} is not one an agent accepts (letters and digits, each optionally followed by one _ or -)",
                    t.name
                )));
            }
            let mut detail = json!({"type": ty, "required": required.contains(&name.as_str())});
            if let Some(d) = p
                .get("description")
                .and_then(Value::as_str)
                .filter(|d| !d.trim().is_empty())
            {
                // ParameterDescription takes at most 500 characters; a longer one is cut.
                detail["description"] = json!(d.chars().take(500).collect::<String>());
            }
            params.insert(name.clone(), detail);
        }
        if !params.is_empty() {
            f["parameters"] = Value::Object(params);
        }
        functions.push(f);
    }
    Ok(json!({
        "actionGroupName": TOOLS_ACTION_GROUP,
        "actionGroupExecutor": {"customControl": "RETURN_CONTROL"},
        "functionSchema": {"functions": functions},
    }))
}

/// Answer text split across chunks at any byte: complete characters come out as they arrive,
/// an incomplete trailing sequence waits for the next chunk.
#[derive(Debug, Default)]
pub struct Utf8Joiner {
    tail: Vec<u8>,
}

impl Utf8Joiner {
    pub fn push(&mut self, bytes: &[u8]) -> String {
        self.tail.extend_from_slice(bytes);
        let valid = match std::str::from_utf8(&self.tail) {
            Ok(_) => self.tail.len(),
            // An error with no length is an incomplete sequence at the end: keep it.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                let out = String::from_utf8_lossy(&self.tail).into_owned();
                self.tail.clear();
                return out;
            }
        };
        let rest = self.tail.split_off(valid);
        String::from_utf8(std::mem::replace(&mut self.tail, rest)).unwrap_or_default()
    }

    /// What is left at the end of the stream (an incomplete sequence, shown as U+FFFD).
    pub fn finish(&mut self) -> String {
        let out = String::from_utf8_lossy(&self.tail).into_owned();
        self.tail.clear();
        out
    }
}

/// A source a knowledge base answer drew on.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub text: String,
    /// An S3 URI, web URL or other location, when the service names one.
    pub location: Option<String>,
    pub metadata: Value,
}

/// A part of the answer and the references that support it.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// The cited part of the generated text, when given.
    pub text: Option<String>,
    pub span: Option<(usize, usize)>,
    pub references: Vec<Reference>,
}

/// One function or API call the agent hands back to the caller.
#[derive(Debug, Clone, PartialEq)]
pub enum Invocation {
    Function {
        action_group: String,
        function: String,
        parameters: Map<String, Value>,
    },
    Api {
        action_group: String,
        api_path: String,
        http_method: String,
        parameters: Map<String, Value>,
    },
}

impl Invocation {
    /// The `[tools.NAME]` entries that may run this call, most specific first: the function
    /// name, or for an API call the last path segment; then the action group.
    pub fn tool_names(&self) -> Vec<String> {
        match self {
            Invocation::Function {
                action_group,
                function,
                ..
            } => vec![function.clone(), action_group.clone()],
            Invocation::Api {
                action_group,
                api_path,
                ..
            } => {
                let last = api_path
                    .trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string();
                vec![last, action_group.clone()]
            }
        }
    }

    pub fn parameters(&self) -> &Map<String, Value> {
        match self {
            Invocation::Function { parameters, .. } | Invocation::Api { parameters, .. } => {
                parameters
            }
        }
    }

    /// A one-line description: `WeatherTools.get_weather {"city":"Paris"}`.
    pub fn describe(&self) -> String {
        let args = Value::Object(self.parameters().clone()).to_string();
        match self {
            Invocation::Function {
                action_group,
                function,
                ..
            } => format!("{action_group}.{function} {args}"),
            Invocation::Api {
                action_group,
                api_path,
                http_method,
                ..
            } => format!("{action_group} {http_method} {api_path} {args}"),
        }
    }

    pub fn to_json(&self) -> Value {
        match self {
            Invocation::Function {
                action_group,
                function,
                parameters,
            } => {
                json!({"type": "function", "actionGroup": action_group, "function": function, "parameters": parameters})
            }
            Invocation::Api {
                action_group,
                api_path,
                http_method,
                parameters,
            } => {
                json!({"type": "api", "actionGroup": action_group, "apiPath": api_path, "httpMethod": http_method, "parameters": parameters})
            }
        }
    }

    /// The `returnControlInvocationResults` member that answers this call with `output`.
    pub fn result(&self, output: &str, ok: bool) -> Value {
        match self {
            Invocation::Function {
                action_group,
                function,
                ..
            } => {
                let mut r = json!({
                    "actionGroup": action_group,
                    "function": function,
                    "responseBody": {"TEXT": {"body": output}},
                });
                if !ok {
                    r["responseState"] = json!("FAILURE");
                }
                json!({ "functionResult": r })
            }
            Invocation::Api {
                action_group,
                api_path,
                http_method,
                ..
            } => {
                let mut r = json!({
                    "actionGroup": action_group,
                    "apiPath": api_path,
                    "httpMethod": http_method,
                    "httpStatusCode": if ok { 200 } else { 500 },
                    "responseBody": {"application/json": {"body": output}},
                });
                if !ok {
                    r["responseState"] = json!("FAILURE");
                }
                json!({ "apiResult": r })
            }
        }
    }
}

/// One event of the InvokeAgent stream.
#[derive(Debug, Clone, PartialEq)]
pub enum AgentEvent {
    /// Answer text, with the citations attributed to it.
    Chunk {
        text: String,
        citations: Vec<Citation>,
    },
    /// One orchestration trace, already summarised as lines for people; `raw` is the JSON.
    Trace { lines: Vec<String>, raw: Value },
    /// The agent hands control back: run these calls and send their results.
    ReturnControl {
        invocation_id: String,
        invocations: Vec<Invocation>,
    },
    /// Files the agent produced (code interpreter): names and media types.
    Files(Vec<(String, String)>),
    /// An event type this version does not know (kept for `--output ndjson`).
    Other { event_type: String, raw: Value },
}

/// Parse one `event` frame of the InvokeAgent stream.
pub fn parse_agent_event(event_type: &str, payload: &[u8]) -> Result<AgentEvent> {
    let mut joiner = Utf8Joiner::default();
    let mut ev = parse_agent_event_with(event_type, payload, &mut joiner)?;
    if let AgentEvent::Chunk { text, .. } = &mut ev {
        text.push_str(&joiner.finish());
    }
    Ok(ev)
}

/// [`parse_agent_event`] for one stream: chunk bytes go through `joiner`, so a character split
/// between two chunks comes out whole.
pub fn parse_agent_event_with(
    event_type: &str,
    payload: &[u8],
    joiner: &mut Utf8Joiner,
) -> Result<AgentEvent> {
    let v: Value = serde_json::from_slice(payload).map_err(|e| {
        Error::response(format!(
            "the agent sent a {event_type} event that is not JSON: {e}"
        ))
    })?;
    Ok(match event_type {
        "chunk" => {
            let text = match v.get("bytes").and_then(Value::as_str) {
                Some(b64) => {
                    let raw = base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .map_err(|e| {
                            Error::response(format!("chunk bytes are not valid base64: {e}"))
                        })?;
                    joiner.push(&raw)
                }
                None => String::new(),
            };
            let citations = v
                .get("attribution")
                .and_then(|a| a.get("citations"))
                .map(parse_citations)
                .unwrap_or_default();
            AgentEvent::Chunk { text, citations }
        }
        "trace" => AgentEvent::Trace {
            lines: trace_lines(&v),
            raw: v,
        },
        "returnControl" => {
            let invocation_id = v
                .get("invocationId")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let invocations = v
                .get("invocationInputs")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(parse_invocation).collect())
                .unwrap_or_default();
            AgentEvent::ReturnControl {
                invocation_id,
                invocations,
            }
        }
        "files" => AgentEvent::Files(
            v.get("files")
                .and_then(Value::as_array)
                .map(|fs| {
                    fs.iter()
                        .map(|f| {
                            (
                                str_at(f, "name").unwrap_or("file").to_string(),
                                str_at(f, "type").unwrap_or("").to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
        ),
        other => AgentEvent::Other {
            event_type: other.to_string(),
            raw: v,
        },
    })
}

fn str_at<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn parse_invocation(v: &Value) -> Option<Invocation> {
    if let Some(f) = v.get("functionInvocationInput") {
        let mut parameters = Map::new();
        for p in f
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(name) = str_at(p, "name") {
                parameters.insert(name.into(), typed_value(p));
            }
        }
        return Some(Invocation::Function {
            action_group: str_at(f, "actionGroup").unwrap_or_default().into(),
            function: str_at(f, "function").unwrap_or_default().into(),
            parameters,
        });
    }
    let a = v.get("apiInvocationInput")?;
    let mut parameters = Map::new();
    for p in a
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(name) = str_at(p, "name") {
            parameters.insert(name.into(), typed_value(p));
        }
    }
    if let Some(content) = a
        .get("requestBody")
        .and_then(|b| b.get("content"))
        .and_then(Value::as_object)
    {
        for body in content.values() {
            for p in body
                .get("properties")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(name) = str_at(p, "name") {
                    parameters.insert(name.into(), typed_value(p));
                }
            }
        }
    }
    Some(Invocation::Api {
        action_group: str_at(a, "actionGroup").unwrap_or_default().into(),
        api_path: str_at(a, "apiPath").unwrap_or_default().into(),
        http_method: str_at(a, "httpMethod").unwrap_or_default().into(),
        parameters,
    })
}

/// Agent parameters arrive as strings with a declared type; give tools real JSON types.
fn typed_value(p: &Value) -> Value {
    let raw = str_at(p, "value").unwrap_or_default();
    match str_at(p, "type").unwrap_or("string") {
        "integer" => raw
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| json!(raw)),
        "number" => raw
            .parse::<f64>()
            .map(Value::from)
            .unwrap_or_else(|_| json!(raw)),
        "boolean" => match raw {
            "true" => json!(true),
            "false" => json!(false),
            _ => json!(raw),
        },
        "array" => serde_json::from_str(raw).unwrap_or_else(|_| json!(raw)),
        _ => json!(raw),
    }
}

fn location_text(loc: &Value) -> Option<String> {
    let pick = |member: &str, field: &str| {
        loc.get(member)
            .and_then(|m| m.get(field))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    pick("s3Location", "uri")
        .or_else(|| pick("webLocation", "url"))
        .or_else(|| pick("confluenceLocation", "url"))
        .or_else(|| pick("salesforceLocation", "url"))
        .or_else(|| pick("sharePointLocation", "url"))
        .or_else(|| pick("kendraDocumentLocation", "uri"))
        .or_else(|| pick("customDocumentLocation", "id"))
        .or_else(|| pick("sqlLocation", "query"))
}

fn parse_reference(r: &Value) -> Reference {
    let content = r.get("content");
    let text = content
        .and_then(|c| c.get("text"))
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            content
                .and_then(|c| c.get("row"))
                .map(|row| row.to_string())
        })
        .unwrap_or_default();
    Reference {
        text,
        location: r.get("location").and_then(location_text),
        metadata: r.get("metadata").cloned().unwrap_or(Value::Null),
    }
}

fn parse_citation(c: &Value) -> Citation {
    let part = c
        .get("generatedResponsePart")
        .and_then(|g| g.get("textResponsePart"));
    let span = part.and_then(|p| p.get("span")).and_then(|s| {
        Some((
            s.get("start")?.as_u64()? as usize,
            s.get("end")?.as_u64()? as usize,
        ))
    });
    Citation {
        text: part
            .and_then(|p| p.get("text"))
            .and_then(Value::as_str)
            .map(str::to_string),
        span,
        references: c
            .get("retrievedReferences")
            .and_then(Value::as_array)
            .map(|rs| rs.iter().map(parse_reference).collect())
            .unwrap_or_default(),
    }
}

/// `citations` of an attribution or a RetrieveAndGenerate answer.
pub fn parse_citations(v: &Value) -> Vec<Citation> {
    v.as_array()
        .map(|cs| cs.iter().map(parse_citation).collect())
        .unwrap_or_default()
}

/// A RetrieveAndGenerateStream `citation` event: the citation is at the top level (and, in
/// older answers, repeated under the deprecated `citation` member).
pub fn parse_stream_citation(v: &Value) -> Citation {
    if v.get("retrievedReferences").is_some() || v.get("generatedResponsePart").is_some() {
        parse_citation(v)
    } else {
        parse_citation(v.get("citation").unwrap_or(&Value::Null))
    }
}

/// Numbered references, deduplicated by location (or text), in order of first citation.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct References {
    pub list: Vec<Reference>,
}

impl References {
    /// Adds the citation's references; returns their numbers (1-based).
    pub fn add(&mut self, c: &Citation) -> Vec<usize> {
        let mut numbers = Vec::new();
        for r in &c.references {
            let pos = self
                .list
                .iter()
                .position(|known| match (&known.location, &r.location) {
                    (Some(a), Some(b)) => a == b,
                    _ => known.text == r.text,
                });
            let n = match pos {
                Some(i) => i + 1,
                None => {
                    self.list.push(r.clone());
                    self.list.len()
                }
            };
            if !numbers.contains(&n) {
                numbers.push(n);
            }
        }
        numbers
    }

    /// `[1] s3://bucket/doc.txt — first words of the passage…`, one line per reference.
    pub fn lines(&self) -> Vec<String> {
        self.list
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let snippet = snippet(&r.text, 100);
                match &r.location {
                    Some(l) if snippet.is_empty() => format!("[{}] {l}", i + 1),
                    Some(l) => format!("[{}] {l} — {snippet}", i + 1),
                    None => format!("[{}] {snippet}", i + 1),
                }
            })
            .collect()
    }
}

/// `[1][2]` markers for citation numbers.
pub fn markers(numbers: &[usize]) -> String {
    numbers.iter().map(|n| format!("[{n}]")).collect()
}

/// Text on one line, at most `max` characters, ending with `…` when cut.
pub fn snippet(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// The answer text with citation markers inserted after each cited span (spans are character
/// offsets into the answer, as RetrieveAndGenerate reports them).
pub fn annotate(text: &str, citations: &[Citation], refs: &mut References) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut trailing = String::new();
    for c in citations {
        let nums = refs.add(c);
        if nums.is_empty() {
            continue;
        }
        match c.span {
            Some((_, end)) if end < chars.len() => inserts.push((end + 1, markers(&nums))),
            _ => trailing.push_str(&markers(&nums)),
        }
    }
    inserts.sort_by_key(|(at, _)| *at);
    let mut out = String::with_capacity(text.len() + 16);
    let mut next = inserts.into_iter().peekable();
    for (i, ch) in chars.iter().enumerate() {
        while let Some((at, _)) = next.peek() {
            if *at == i {
                out.push_str(&next.next().map(|(_, m)| m).unwrap_or_default());
            } else {
                break;
            }
        }
        out.push(*ch);
    }
    for (_, m) in next {
        out.push_str(&m);
    }
    out.push_str(&trailing);
    out
}

/// A trace event summarised for people: rationale, action group calls, knowledge base lookups,
/// observations, guardrail actions and failures, one line each.
pub fn trace_lines(part: &Value) -> Vec<String> {
    let t = part.get("trace").unwrap_or(part);
    let mut lines = Vec::new();
    if let Some(g) = t.get("guardrailTrace") {
        let action = str_at(g, "action").unwrap_or("NONE");
        let mut line = format!("guardrail: {action}");
        let policies: Vec<String> = ["inputAssessments", "outputAssessments"]
            .iter()
            .flat_map(|k| g.get(*k).and_then(Value::as_array).into_iter().flatten())
            .flat_map(|a| a.as_object().into_iter().flat_map(|o| o.keys().cloned()))
            .collect();
        if !policies.is_empty() {
            line.push_str(&format!(" ({})", policies.join(", ")));
        }
        lines.push(line);
    }
    for stage in ["preProcessingTrace", "postProcessingTrace"] {
        if let Some(p) = t.get(stage) {
            let name = if stage.starts_with("pre") {
                "pre-processing"
            } else {
                "post-processing"
            };
            if let Some(parsed) = p
                .get("modelInvocationOutput")
                .and_then(|o| o.get("parsedResponse"))
            {
                let valid = parsed.get("isValid").and_then(Value::as_bool);
                let rationale = str_at(parsed, "rationale").or_else(|| str_at(parsed, "text"));
                let mut line = format!("{name}:");
                if let Some(v) = valid {
                    line.push_str(if v { " input valid" } else { " input rejected" });
                }
                if let Some(r) = rationale {
                    line.push_str(&format!(" — {}", snippet(r, 200)));
                }
                lines.push(line);
            } else if p.get("modelInvocationInput").is_some() {
                lines.push(format!("{name}: calling the model"));
            }
        }
    }
    let orchestration = t
        .get("orchestrationTrace")
        .or_else(|| t.get("routingClassifierTrace"));
    if let Some(o) = orchestration {
        if let Some(r) = o.get("rationale").and_then(|r| str_at(r, "text")) {
            lines.push(format!("rationale: {}", snippet(r, 300)));
        }
        if let Some(i) = o.get("invocationInput") {
            if let Some(a) = i.get("actionGroupInvocationInput") {
                let target = str_at(a, "function")
                    .map(str::to_string)
                    .or_else(|| {
                        Some(format!(
                            "{} {}",
                            str_at(a, "verb").unwrap_or("").to_uppercase(),
                            str_at(a, "apiPath")?
                        ))
                    })
                    .unwrap_or_default();
                let params: Vec<String> = a
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Some(format!("{}={}", str_at(p, "name")?, str_at(p, "value")?)))
                    .collect();
                lines.push(format!(
                    "action: {}.{} ({})",
                    str_at(a, "actionGroupName").unwrap_or("?"),
                    target.trim(),
                    params.join(", ")
                ));
            }
            if let Some(k) = i.get("knowledgeBaseLookupInput") {
                lines.push(format!(
                    "knowledge base {}: {}",
                    str_at(k, "knowledgeBaseId").unwrap_or("?"),
                    snippet(str_at(k, "text").unwrap_or(""), 200)
                ));
            }
            if let Some(c) = i.get("agentCollaboratorInvocationInput") {
                lines.push(format!(
                    "collaborator: {}",
                    str_at(c, "agentCollaboratorName").unwrap_or("?")
                ));
            }
        }
        if let Some(obs) = o.get("observation") {
            if let Some(k) = obs.get("knowledgeBaseLookupOutput") {
                let n = k
                    .get("retrievedReferences")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                lines.push(format!("knowledge base returned {n} passage(s)"));
            }
            if let Some(a) = obs.get("actionGroupInvocationOutput") {
                lines.push(format!(
                    "action returned: {}",
                    snippet(str_at(a, "text").unwrap_or(""), 200)
                ));
            }
            if let Some(f) = obs.get("finalResponse") {
                lines.push(format!(
                    "final response: {}",
                    snippet(str_at(f, "text").unwrap_or(""), 200)
                ));
            }
        }
    }
    if let Some(f) = t.get("failureTrace") {
        lines.push(format!(
            "failure: {}",
            str_at(f, "failureReason").unwrap_or("unknown")
        ));
    }
    lines
}

/// The search type of `--search-type`.
pub fn search_type(s: &str) -> Result<&'static str> {
    match s.to_ascii_uppercase().as_str() {
        "HYBRID" => Ok("HYBRID"),
        "SEMANTIC" => Ok("SEMANTIC"),
        _ => Err(Error::invalid(format!(
            "--search-type {s:?}: expected HYBRID or SEMANTIC"
        ))),
    }
}

/// Retrieval settings shared by Retrieve and RetrieveAndGenerate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Retrieval {
    pub top_k: Option<u32>,
    pub search_type: Option<&'static str>,
    pub filter: Option<Value>,
}

/// Filter operators a knowledge base accepts.
const FILTER_OPS: &[&str] = &[
    "equals",
    "notEquals",
    "greaterThan",
    "greaterThanOrEquals",
    "lessThan",
    "lessThanOrEquals",
    "in",
    "notIn",
    "startsWith",
    "listContains",
    "stringContains",
    "andAll",
    "orAll",
];

/// Check a `--filter` document's shape before sending it: one operator per object,
/// `{key, value}` for comparisons, at least two members for `andAll` / `orAll`.
pub fn check_filter(v: &Value) -> Result<()> {
    let o = v.as_object().ok_or_else(|| {
        Error::invalid("--filter must be a JSON object such as {\"equals\":{\"key\":\"category\",\"value\":\"billing\"}}")
    })?;
    if o.len() != 1 {
        return Err(Error::invalid(format!(
            "--filter: each filter object needs exactly one operator ({}), found {}",
            FILTER_OPS.join(", "),
            o.len()
        )));
    }
    let (op, arg) = o.iter().next().expect("one member");
    if !FILTER_OPS.contains(&op.as_str()) {
        return Err(Error::invalid(format!(
            "--filter: unknown operator {op:?} (expected one of {})",
            FILTER_OPS.join(", ")
        )));
    }
    if op == "andAll" || op == "orAll" {
        let list = arg.as_array().filter(|l| l.len() >= 2).ok_or_else(|| {
            Error::invalid(format!("--filter: {op} needs a list of at least 2 filters"))
        })?;
        return list.iter().try_for_each(check_filter);
    }
    let ok = arg
        .get("key")
        .and_then(Value::as_str)
        .is_some_and(|k| !k.is_empty())
        && arg.get("value").is_some();
    if !ok {
        return Err(Error::invalid(format!(
            "--filter: {op} needs {{\"key\": \"…\", \"value\": …}}"
        )));
    }
    Ok(())
}

impl Retrieval {
    pub fn configuration(&self) -> Option<Value> {
        let mut vs = Map::new();
        if let Some(k) = self.top_k {
            vs.insert("numberOfResults".into(), json!(k));
        }
        if let Some(t) = self.search_type {
            vs.insert("overrideSearchType".into(), json!(t));
        }
        if let Some(f) = &self.filter {
            vs.insert("filter".into(), f.clone());
        }
        (!vs.is_empty()).then(|| json!({"vectorSearchConfiguration": vs}))
    }
}

/// The Retrieve body.
pub fn retrieve_body(query: &str, retrieval: &Retrieval, next_token: Option<&str>) -> Value {
    let mut body = json!({"retrievalQuery": {"text": query}});
    if let Some(c) = retrieval.configuration() {
        body["retrievalConfiguration"] = c;
    }
    if let Some(t) = next_token {
        body["nextToken"] = json!(t);
    }
    body
}

/// One passage a Retrieve call found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub text: String,
    pub score: Option<f64>,
    pub location: Option<String>,
    pub metadata: Value,
}

/// A page of Retrieve results.
#[derive(Debug, Clone, PartialEq)]
pub struct RetrievePage {
    pub hits: Vec<Hit>,
    pub next_token: Option<String>,
}

pub fn parse_retrieve(v: &Value) -> RetrievePage {
    let hits = v
        .get("retrievalResults")
        .and_then(Value::as_array)
        .map(|rs| {
            rs.iter()
                .map(|r| {
                    let reference = parse_reference(r);
                    Hit {
                        text: reference.text,
                        score: r.get("score").and_then(Value::as_f64),
                        location: reference.location,
                        metadata: reference.metadata,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    RetrievePage {
        hits,
        next_token: str_at(v, "nextToken").map(str::to_string),
    }
}

/// The model ARN RetrieveAndGenerate wants: a bare foundation model id becomes its ARN in
/// `region`; inference profile ids (`us.…`), ARNs and other forms pass as they are.
pub fn model_arn(model: &str, region: &str) -> String {
    const GEOS: &[&str] = &[
        "us.", "eu.", "apac.", "us-gov.", "global.", "jp.", "au.", "ca.",
    ];
    if model.starts_with("arn:") || GEOS.iter().any(|g| model.starts_with(g)) {
        return model.to_string();
    }
    format!("arn:aws:bedrock:{region}::foundation-model/{model}")
}

/// The RetrieveAndGenerate(Stream) body.
pub fn retrieve_and_generate_body(
    kb_id: &str,
    model_arn: &str,
    question: &str,
    retrieval: &Retrieval,
    session_id: Option<&str>,
) -> Value {
    let mut kb = json!({"knowledgeBaseId": kb_id, "modelArn": model_arn});
    if let Some(c) = retrieval.configuration() {
        kb["retrievalConfiguration"] = c;
    }
    let mut body = json!({
        "input": {"text": question},
        "retrieveAndGenerateConfiguration": {"type": "KNOWLEDGE_BASE", "knowledgeBaseConfiguration": kb},
    });
    if let Some(s) = session_id {
        body["sessionId"] = json!(s);
    }
    body
}

/// A RetrieveAndGenerate answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub text: String,
    pub citations: Vec<Citation>,
    pub session_id: Option<String>,
    pub guardrail_action: Option<String>,
}

pub fn parse_generated(v: &Value) -> Generated {
    Generated {
        text: v
            .get("output")
            .and_then(|o| o.get("text"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        citations: v.get("citations").map(parse_citations).unwrap_or_default(),
        session_id: str_at(v, "sessionId").map(str::to_string),
        guardrail_action: str_at(v, "guardrailAction").map(str::to_string),
    }
}

/// The JSON form of a citation for `--output json` (references with location and text).
pub fn citation_json(c: &Citation) -> Value {
    json!({
        "text": c.text,
        "span": c.span.map(|(s, e)| json!({"start": s, "end": e})),
        "references": c.references.iter().map(reference_json).collect::<Vec<_>>(),
    })
}

pub fn reference_json(r: &Reference) -> Value {
    json!({"location": r.location, "text": r.text, "metadata": r.metadata})
}

/// One line per agent-runtime error code we can explain beyond AWS's own message.
pub fn explain_error(code: &str) -> Option<&'static str> {
    Some(match code {
        "DependencyFailedException" => {
            "a resource the agent depends on failed (an action group Lambda, the model, or the knowledge base's vector store): check its configuration and logs, then retry"
        }
        "BadGatewayException" => {
            "a dependency of the agent (Lambda, the model, STS) had a server error: retry in a moment"
        }
        "ConflictException" => {
            "the session is busy with another request or was ended: wait for it, or start a new session"
        }
        _ => return None,
    })
}

// --- flows -------------------------------------------------------------------------------------

/// The input node of a flow and the name of its output, unless told otherwise.
pub const FLOW_INPUT_NODE: &str = "FlowInputNode";
pub const FLOW_INPUT_OUTPUT: &str = "document";
/// The input of the agent node that asked for more: where a multi-turn answer goes (the AWS
/// code example for multi-turn flows, flow-conversation.py, sends it there).
pub const AGENT_NODE_INPUT: &str = "agentInputText";

/// A flow id (ten letters and digits) or flow ARN.
pub fn check_flow_id(id: &str) -> Result<()> {
    let ok = id.starts_with("arn:") && id.contains(":flow/")
        || (id.len() == 10 && id.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        return Err(Error::invalid(format!(
            "flow id {id:?} is not valid: 10 letters and digits (e.g. ABCDE12345) or a flow ARN"
        )));
    }
    Ok(())
}

/// A flow alias id (letters and digits, e.g. TSTALIASID) or flow alias ARN.
pub fn check_flow_alias_id(id: &str) -> Result<()> {
    let ok = id.starts_with("arn:") && id.contains("/alias/")
        || (!id.is_empty() && id.len() <= 2048 && id.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        return Err(Error::invalid(format!(
            "flow alias id {id:?} is not valid: letters and digits (e.g. TSTALIASID) or a flow alias ARN"
        )));
    }
    Ok(())
}

/// Node, input and output names: `[a-zA-Z]([_]?[0-9a-zA-Z]){0,99}`.
pub fn check_node_name(what: &str, name: &str) -> Result<()> {
    let mut chars = name.chars();
    let mut ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let mut prev_underscore = false;
    let mut units = 0;
    for c in chars {
        if c == '_' && !prev_underscore {
            prev_underscore = true;
        } else if c.is_ascii_alphanumeric() {
            prev_underscore = false;
            units += 1;
        } else {
            ok = false;
        }
    }
    if !ok || prev_underscore || units > 99 {
        return Err(Error::invalid(format!(
            "{what} {name:?} is not a node name: a letter, then letters and digits, single underscores between them"
        )));
    }
    Ok(())
}

/// Where a flow input goes: the node, and the node's output (a flow input node) or input (a
/// node that asked for more).
#[derive(Debug, Clone, PartialEq)]
pub struct FlowInput {
    pub node: String,
    pub output_name: Option<String>,
    pub input_name: Option<String>,
    pub document: Value,
}

/// The InvokeFlow body.
pub fn flow_body(input: &FlowInput, execution_id: Option<&str>, trace: bool) -> Value {
    let mut i = json!({"nodeName": input.node, "content": {"document": input.document}});
    if let Some(o) = &input.output_name {
        i["nodeOutputName"] = json!(o);
    }
    if let Some(n) = &input.input_name {
        i["nodeInputName"] = json!(n);
    }
    let mut body = json!({"inputs": [i]});
    if trace {
        body["enableTrace"] = json!(true);
    }
    if let Some(e) = execution_id {
        body["executionId"] = json!(e);
    }
    body
}

/// One event of the InvokeFlow stream.
#[derive(Debug, Clone, PartialEq)]
pub enum FlowEvent {
    /// What an output node produced.
    Output {
        node: String,
        node_type: String,
        document: Value,
    },
    /// A node (an agent in a multi-turn conversation) asks for more input.
    InputRequest {
        node: String,
        node_type: String,
        document: Value,
    },
    /// The flow ended: `SUCCESS`, or `INPUT_REQUIRED` after an input request.
    Completion {
        reason: String,
    },
    /// A node's inputs, outputs, condition results or calls, summarised; `raw` is the JSON.
    Trace {
        lines: Vec<String>,
        raw: Value,
    },
    Other {
        event_type: String,
        raw: Value,
    },
}

pub fn parse_flow_event(event_type: &str, payload: &[u8]) -> Result<FlowEvent> {
    let v: Value = serde_json::from_slice(payload).map_err(|e| {
        Error::response(format!(
            "the flow sent a {event_type} event that is not JSON: {e}"
        ))
    })?;
    let node = |v: &Value| {
        (
            str_at(v, "nodeName").unwrap_or_default().to_string(),
            str_at(v, "nodeType").unwrap_or_default().to_string(),
            v.get("content")
                .and_then(|c| c.get("document"))
                .cloned()
                .unwrap_or(Value::Null),
        )
    };
    Ok(match event_type {
        "flowOutputEvent" => {
            let (node, node_type, document) = node(&v);
            FlowEvent::Output {
                node,
                node_type,
                document,
            }
        }
        "flowMultiTurnInputRequestEvent" => {
            let (node, node_type, document) = node(&v);
            FlowEvent::InputRequest {
                node,
                node_type,
                document,
            }
        }
        "flowCompletionEvent" => FlowEvent::Completion {
            reason: str_at(&v, "completionReason")
                .unwrap_or_default()
                .to_string(),
        },
        "flowTraceEvent" => FlowEvent::Trace {
            lines: flow_trace_lines(&v),
            raw: v,
        },
        other => FlowEvent::Other {
            event_type: other.to_string(),
            raw: v,
        },
    })
}

/// A flow document as text: a string as it is, anything else as JSON.
pub fn document_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A flow trace summarised for people, one line per field or result.
pub fn flow_trace_lines(v: &Value) -> Vec<String> {
    let t = v.get("trace").unwrap_or(v);
    let mut lines = Vec::new();
    let content = |f: &Value| {
        snippet(
            &document_text(
                f.get("content")
                    .and_then(|c| c.get("document"))
                    .unwrap_or(&Value::Null),
            ),
            200,
        )
    };
    for (member, dir, key) in [
        ("nodeInputTrace", "input", "nodeInputName"),
        ("nodeOutputTrace", "output", "nodeOutputName"),
    ] {
        if let Some(n) = t.get(member) {
            let node = str_at(n, "nodeName").unwrap_or("?");
            for f in n
                .get("fields")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                lines.push(format!(
                    "node {node} {dir} {}: {}",
                    str_at(f, key).unwrap_or("?"),
                    content(f)
                ));
            }
        }
    }
    if let Some(c) = t.get("conditionNodeResultTrace") {
        let met: Vec<&str> = c
            .get("satisfiedConditions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|s| str_at(s, "conditionName"))
            .collect();
        lines.push(format!(
            "condition {}: {}",
            str_at(c, "nodeName").unwrap_or("?"),
            if met.is_empty() {
                "none satisfied".to_string()
            } else {
                met.join(", ")
            }
        ));
    }
    if let Some(a) = t.get("nodeActionTrace") {
        lines.push(format!(
            "node {} called {} {}",
            str_at(a, "nodeName").unwrap_or("?"),
            str_at(a, "serviceName").unwrap_or("?"),
            str_at(a, "operationName").unwrap_or("?")
        ));
    }
    if let Some(d) = t.get("nodeDependencyTrace") {
        let n = d
            .get("traceElements")
            .and_then(|e| e.get("agentTraces"))
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        lines.push(format!(
            "node {}: {n} agent trace(s)",
            str_at(d, "nodeName").unwrap_or("?")
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        base64::engine::general_purpose::STANDARD.encode(s)
    }

    #[test]
    fn invoke_body_carries_only_what_was_set() {
        let mut req = InvokeAgent {
            input_text: "hi".into(),
            ..Default::default()
        };
        assert_eq!(
            req.body(),
            json!({"inputText": "hi", "streamingConfigurations": {"streamFinalResponse": true}})
        );
        req.guardrail_interval = Some(20);
        req.enable_trace = true;
        req.end_session = true;
        req.memory_id = Some("mem-1".into());
        req.session_attributes.insert("user".into(), "42".into());
        req.prompt_session_attributes
            .insert("tz".into(), "UTC".into());
        req.return_control = Some(("inv-1".into(), vec![json!({"functionResult": {}})]));
        assert_eq!(
            req.body(),
            json!({
                "inputText": "hi", "enableTrace": true, "endSession": true, "memoryId": "mem-1",
                "streamingConfigurations": {"streamFinalResponse": true, "applyGuardrailInterval": 20},
                "sessionState": {
                    "sessionAttributes": {"user": "42"},
                    "promptSessionAttributes": {"tz": "UTC"},
                    "invocationId": "inv-1",
                    "returnControlInvocationResults": [{"functionResult": {}}]
                }
            })
        );
        assert_eq!(
            InvokeAgent::path("A1", "B2", "s:1", |s| s.replace(':', "%3A")),
            "/agents/A1/agentAliases/B2/sessions/s%3A1/text"
        );
    }

    #[test]
    fn inline_bodies_declare_the_agent_and_its_tools() {
        use crate::message::ToolSpec;
        let tools = vec![ToolSpec::new(
            "get_weather",
            Some("Weather in a city".into()),
            json!({"type": "object", "properties": {"city": {"type": "string", "description": "City"}, "days": {"type": "integer"}}, "required": ["city"]}),
        )];
        let group = action_group(&tools).unwrap();
        assert_eq!(
            group,
            json!({"actionGroupName": "brock_tools", "actionGroupExecutor": {"customControl": "RETURN_CONTROL"},
                "functionSchema": {"functions": [{"name": "get_weather", "description": "Weather in a city", "parameters": {
                    "city": {"type": "string", "required": true, "description": "City"},
                    "days": {"type": "integer", "required": false}}}]}})
        );
        let nested = vec![ToolSpec::new(
            "t",
            None,
            json!({"type": "object", "properties": {"o": {"type": "object"}}}),
        )];
        assert!(
            action_group(&nested)
                .unwrap_err()
                .to_string()
                .contains("type object")
        );
        let agent = InlineAgent {
            foundation_model: "us.amazon.nova-lite-v1:0".into(),
            instruction: "x".repeat(40),
            action_groups: vec![group],
            knowledge_bases: vec![parse_kb("KB12345678:the handbook").unwrap()],
        };
        let req = InvokeAgent {
            input_text: "hi".into(),
            return_control: Some(("inv".into(), vec![json!({})])),
            ..Default::default()
        };
        let body = req.inline_body(&agent);
        assert_eq!(body["inlineSessionState"]["invocationId"], "inv");
        assert!(body.get("sessionState").is_none());
        assert_eq!(body["knowledgeBases"][0]["description"], "the handbook");
        assert_eq!(body["foundationModel"], "us.amazon.nova-lite-v1:0");
        assert!(check_instruction("short", "--instruction").is_err());
        assert!(parse_kb("KB-1").is_err());
        assert_eq!(
            inline_path("s:1", |s| s.replace(':', "%3A")),
            "/agents/s%3A1"
        );
    }

    #[test]
    fn characters_split_between_chunks_come_out_whole() {
        let text = "café ☕ ok";
        let bytes = text.as_bytes();
        let mut j = Utf8Joiner::default();
        let mut out = String::new();
        for b in bytes {
            out.push_str(&j.push(std::slice::from_ref(b)));
        }
        out.push_str(&j.finish());
        assert_eq!(out, text);
        // Through the event parser, one byte per chunk.
        let mut j = Utf8Joiner::default();
        let mut out = String::new();
        for b in bytes {
            let payload = json!({"bytes": base64::engine::general_purpose::STANDARD.encode([*b])});
            let ev =
                parse_agent_event_with("chunk", payload.to_string().as_bytes(), &mut j).unwrap();
            let AgentEvent::Chunk { text, .. } = ev else {
                panic!()
            };
            out.push_str(&text);
        }
        assert_eq!(out, text);
        // Bytes that can never be UTF-8 are replaced, not held back.
        assert_eq!(Utf8Joiner::default().push(&[0xff, b'a']), "\u{fffd}a");
    }

    #[test]
    fn flow_bodies_events_and_names() {
        let input = FlowInput {
            node: FLOW_INPUT_NODE.into(),
            output_name: Some(FLOW_INPUT_OUTPUT.into()),
            input_name: None,
            document: json!("hi"),
        };
        assert_eq!(
            flow_body(&input, None, true),
            json!({"inputs": [{"nodeName": "FlowInputNode", "nodeOutputName": "document", "content": {"document": "hi"}}], "enableTrace": true})
        );
        let answer = FlowInput {
            node: "AgentsNode_1".into(),
            output_name: None,
            input_name: Some(AGENT_NODE_INPUT.into()),
            document: json!({"n": 5}),
        };
        assert_eq!(
            flow_body(&answer, Some("ex-1"), false),
            json!({"inputs": [{"nodeName": "AgentsNode_1", "nodeInputName": "agentInputText", "content": {"document": {"n": 5}}}], "executionId": "ex-1"})
        );
        let ev = parse_flow_event(
            "flowMultiTurnInputRequestEvent",
            br#"{"nodeName":"AgentsNode_1","nodeType":"AgentNode","content":{"document":"How many?"}}"#,
        )
        .unwrap();
        assert_eq!(
            ev,
            FlowEvent::InputRequest {
                node: "AgentsNode_1".into(),
                node_type: "AgentNode".into(),
                document: json!("How many?")
            }
        );
        let t = json!({"trace": {"nodeOutputTrace": {"nodeName": "Prompt_1", "timestamp": "2025-01-01T00:00:00Z",
            "fields": [{"nodeOutputName": "modelCompletion", "content": {"document": "done"}}]}}});
        assert_eq!(
            flow_trace_lines(&t),
            vec!["node Prompt_1 output modelCompletion: done"]
        );
        assert_eq!(document_text(&json!({"a": 1})), r#"{"a":1}"#);
        assert!(check_flow_id("ABCDE12345").is_ok() && check_flow_id("ABC").is_err());
        assert!(check_flow_alias_id("TSTALIASID").is_ok() && check_flow_alias_id("a-b").is_err());
        assert!(check_node_name("--input-node", "AgentsNode_1").is_ok());
        assert!(check_node_name("--input-node", "1node").is_err());
        assert!(check_node_name("--input-node", "a__b").is_err());
    }

    #[test]
    fn ids_and_attributes_are_checked() {
        assert!(check_resource_id("agent id", "ABCDE12345").is_ok());
        assert!(check_resource_id("agent id", "ABCDE123456").is_err());
        assert!(check_resource_id("agent id", "a-b").is_err());
        assert!(check_session_id("--session", "abc-1:2.3_4").is_ok());
        assert!(check_session_id("--session", "a").is_err());
        assert!(check_session_id("--session", "a b").is_err());
        assert_eq!(
            parse_attr("--session-attr", "a=b=c").unwrap(),
            ("a".into(), "b=c".into())
        );
        assert!(parse_attr("--session-attr", "novalue").is_err());
        assert!(parse_attr("--session-attr", "=x").is_err());
    }

    #[test]
    fn chunks_decode_bytes_and_citations() {
        let payload = json!({
            "bytes": b64("Refunds take 5 days."),
            "attribution": {"citations": [{
                "generatedResponsePart": {"textResponsePart": {"text": "Refunds take 5 days.", "span": {"start": 0, "end": 19}}},
                "retrievedReferences": [{"content": {"text": "Refunds are processed within 5 days."},
                    "location": {"type": "S3", "s3Location": {"uri": "s3://kb/refunds.txt"}},
                    "metadata": {"category": "billing"}}]
            }]}
        });
        let ev = parse_agent_event("chunk", payload.to_string().as_bytes()).unwrap();
        let AgentEvent::Chunk { text, citations } = ev else {
            panic!("{ev:?}")
        };
        assert_eq!(text, "Refunds take 5 days.");
        assert_eq!(citations[0].span, Some((0, 19)));
        assert_eq!(
            citations[0].references[0].location.as_deref(),
            Some("s3://kb/refunds.txt")
        );
        assert!(parse_agent_event("chunk", br#"{"bytes":"%%%"}"#).is_err());
        assert!(parse_agent_event("chunk", b"not json").is_err());
    }

    #[test]
    fn return_control_becomes_typed_invocations_and_results() {
        let payload = json!({
            "invocationId": "inv-9",
            "invocationInputs": [
                {"functionInvocationInput": {"actionGroup": "WeatherTools", "function": "get_weather",
                    "actionInvocationType": "RESULT",
                    "parameters": [{"name": "city", "type": "string", "value": "Paris"},
                                   {"name": "days", "type": "integer", "value": "3"}]}},
                {"apiInvocationInput": {"actionGroup": "Booking", "apiPath": "/rooms/book", "httpMethod": "POST",
                    "parameters": [{"name": "room", "type": "string", "value": "A1"}],
                    "requestBody": {"content": {"application/json": {"properties": [
                        {"name": "nights", "type": "number", "value": "2"}]}}}}}
            ]
        });
        let ev = parse_agent_event("returnControl", payload.to_string().as_bytes()).unwrap();
        let AgentEvent::ReturnControl {
            invocation_id,
            invocations,
        } = ev
        else {
            panic!()
        };
        assert_eq!(invocation_id, "inv-9");
        assert_eq!(invocations[0].parameters()["days"], json!(3));
        assert_eq!(invocations[0].tool_names(), ["get_weather", "WeatherTools"]);
        assert_eq!(invocations[1].tool_names(), ["book", "Booking"]);
        assert_eq!(invocations[1].parameters()["nights"], json!(2.0));
        assert_eq!(
            invocations[0].result("18 C", true),
            json!({"functionResult": {"actionGroup": "WeatherTools", "function": "get_weather",
                "responseBody": {"TEXT": {"body": "18 C"}}}})
        );
        let api = invocations[1].result("boom", false);
        assert_eq!(api["apiResult"]["httpStatusCode"], 500);
        assert_eq!(api["apiResult"]["responseState"], "FAILURE");
        assert_eq!(
            api["apiResult"]["responseBody"]["application/json"]["body"],
            "boom"
        );
        assert!(
            invocations[0]
                .describe()
                .starts_with("WeatherTools.get_weather {")
        );
    }

    #[test]
    fn traces_are_summarised_line_by_line() {
        let trace = json!({"agentId": "A", "trace": {"orchestrationTrace": {
            "rationale": {"text": "I should look up the weather.", "traceId": "t"},
            "invocationInput": {"invocationType": "ACTION_GROUP", "actionGroupInvocationInput": {
                "actionGroupName": "WeatherTools", "function": "get_weather",
                "parameters": [{"name": "city", "type": "string", "value": "Paris"}]}}}}});
        assert_eq!(
            trace_lines(&trace),
            [
                "rationale: I should look up the weather.",
                "action: WeatherTools.get_weather (city=Paris)"
            ]
        );
        let kb = json!({"trace": {"orchestrationTrace": {"invocationInput": {"knowledgeBaseLookupInput": {"knowledgeBaseId": "KB1", "text": "refunds"}}}}});
        assert_eq!(trace_lines(&kb), ["knowledge base KB1: refunds"]);
        let g = json!({"trace": {"guardrailTrace": {"action": "INTERVENED", "inputAssessments": [{"topicPolicy": {}}]}}});
        assert_eq!(trace_lines(&g), ["guardrail: INTERVENED (topicPolicy)"]);
        let f = json!({"trace": {"failureTrace": {"failureReason": "Lambda timed out"}}});
        assert_eq!(trace_lines(&f), ["failure: Lambda timed out"]);
        let obs = json!({"trace": {"orchestrationTrace": {"observation": {"knowledgeBaseLookupOutput": {"retrievedReferences": [{}, {}]}}}}});
        assert_eq!(trace_lines(&obs), ["knowledge base returned 2 passage(s)"]);
    }

    #[test]
    fn references_are_numbered_once_and_markers_follow_spans() {
        let r1 = Reference {
            text: "one".into(),
            location: Some("s3://a".into()),
            metadata: Value::Null,
        };
        let r2 = Reference {
            text: "two".into(),
            location: Some("s3://b".into()),
            metadata: Value::Null,
        };
        let cits = vec![
            Citation {
                text: None,
                span: Some((0, 4)),
                references: vec![r1.clone()],
            },
            Citation {
                text: None,
                span: Some((6, 10)),
                references: vec![r2.clone(), r1.clone()],
            },
        ];
        let mut refs = References::default();
        let out = annotate("Alpha. Beta.", &cits, &mut refs);
        assert_eq!(out, "Alpha[1]. Beta[2][1].");
        assert_eq!(refs.lines(), ["[1] s3://a — one", "[2] s3://b — two"]);
        assert_eq!(snippet("a  b\nc", 10), "a b c");
        assert_eq!(snippet("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn retrieval_bodies_and_filters() {
        let r = Retrieval {
            top_k: Some(3),
            search_type: Some(search_type("hybrid").unwrap()),
            filter: Some(json!({"equals": {"key": "category", "value": "billing"}})),
        };
        assert_eq!(
            retrieve_body("refunds", &r, Some("tok")),
            json!({"retrievalQuery": {"text": "refunds"}, "nextToken": "tok",
                "retrievalConfiguration": {"vectorSearchConfiguration": {"numberOfResults": 3,
                    "overrideSearchType": "HYBRID", "filter": {"equals": {"key": "category", "value": "billing"}}}}})
        );
        assert_eq!(
            retrieve_body("q", &Retrieval::default(), None),
            json!({"retrievalQuery": {"text": "q"}})
        );
        assert!(search_type("fuzzy").is_err());
        assert!(check_filter(&json!({"andAll": [{"equals": {"key": "a", "value": 1}}, {"in": {"key": "b", "value": [1]}}]})).is_ok());
        assert!(check_filter(&json!({"andAll": [{"equals": {"key": "a", "value": 1}}]})).is_err());
        assert!(check_filter(&json!({"like": {"key": "a", "value": 1}})).is_err());
        assert!(check_filter(&json!({"equals": {"value": 1}})).is_err());
        assert!(check_filter(&json!([1])).is_err());
        let body = retrieve_and_generate_body(
            "KB1",
            &model_arn("amazon.nova-lite-v1:0", "us-east-1"),
            "why?",
            &Retrieval::default(),
            Some("s1"),
        );
        assert_eq!(
            body["retrieveAndGenerateConfiguration"]["knowledgeBaseConfiguration"]["modelArn"],
            "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"
        );
        assert_eq!(body["sessionId"], "s1");
        assert_eq!(
            model_arn("us.amazon.nova-lite-v1:0", "us-east-1"),
            "us.amazon.nova-lite-v1:0"
        );
    }

    #[test]
    fn retrieve_and_generate_answers_parse() {
        let page = parse_retrieve(
            &json!({"retrievalResults": [{"content": {"text": "t", "type": "TEXT"},
            "location": {"type": "WEB", "webLocation": {"url": "https://x"}}, "score": 0.5, "metadata": {"a": 1}}],
            "nextToken": "n"}),
        );
        assert_eq!(page.hits[0].location.as_deref(), Some("https://x"));
        assert_eq!(page.hits[0].score, Some(0.5));
        assert_eq!(page.next_token.as_deref(), Some("n"));
        let g = parse_generated(
            &json!({"output": {"text": "ans"}, "sessionId": "s", "citations": [{"retrievedReferences": [{"content": {"text": "r"}}]}]}),
        );
        assert_eq!(g.text, "ans");
        assert_eq!(g.citations[0].references[0].text, "r");
        let c = parse_stream_citation(
            &json!({"citation": {"retrievedReferences": [{"content": {"text": "old"}}]}}),
        );
        assert_eq!(c.references[0].text, "old");
        assert!(explain_error("DependencyFailedException").is_some());
        assert!(explain_error("ValidationException").is_none());
    }
}

//! Amazon Nova (`schemaVersion: messages-v1`) and Amazon Titan Text on InvokeModel.
//!
//! Shapes: AWS, "Using the Invoke API" in the Nova user guide (docs.aws.amazon.com/nova/
//! latest/userguide/using-invoke-api.html: Converse-shaped `system`/`messages`/`toolConfig`,
//! `inferenceConfig` with `max_new_tokens`, `temperature`, `top_p`, `top_k`,
//! `stopSequences`; streamed chunks are Converse events under their event name) and LiteLLM's
//! `amazon_nova_transformation.py`; Titan: AWS "Amazon Titan Text models"
//! (model-parameters-titan-text.html: `inputText`, `textGenerationConfig` with
//! `maxTokenCount`, `stopSequences`, `temperature`, `topP`; response `inputTextTokenCount`,
//! `results[].outputText`, `completionReason`) with LiteLLM's `amazon_titan_pt` prompt
//! (`\n\nUser: …`, system as `<admin>…</admin>`, ending `\n\nBot: `).

use serde_json::{Map, Value, json};

use super::{Common, Emitter, response, stop_at, stop_reason, u64_at, usage};
use crate::converse::{ChatResponse, parse_response_value};
use crate::error::{Error, Result};
use crate::message::{Part, Role};
use crate::stream::{ConverseStreamDecoder, StreamEvent};

pub const SCHEMA_VERSION: &str = "messages-v1";

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let mut body = Map::new();
    body.insert("schemaVersion".into(), json!(SCHEMA_VERSION));
    if !c.system.is_empty() {
        body.insert("system".into(), Value::Array(c.system.clone()));
    }
    body.insert("messages".into(), Value::Array(c.messages.clone()));
    let mut inf = Map::new();
    if let Some(m) = c.max_tokens {
        inf.insert("max_new_tokens".into(), json!(m));
    }
    if let Some(t) = c.temperature {
        inf.insert("temperature".into(), json!(t));
    }
    if let Some(p) = c.top_p {
        inf.insert("top_p".into(), json!(p));
    }
    // The Converse mapping puts Nova's top-k at additionalModelRequestFields.inferenceConfig.
    if let Some(Value::Object(extra)) = c.fields.remove("inferenceConfig") {
        for (k, v) in extra {
            let k = if k == "topK" { "top_k".to_string() } else { k };
            inf.insert(k, v);
        }
    }
    if !c.stop.is_empty() {
        inf.insert("stopSequences".into(), json!(c.stop));
    }
    if !inf.is_empty() {
        body.insert("inferenceConfig".into(), Value::Object(inf));
    }
    if !c.tools.is_empty() {
        let tools: Vec<Value> = c
            .tools
            .iter()
            .map(|t| {
                let mut spec = json!({"name": t.name, "inputSchema": {"json": t.schema}});
                if let Some(d) = &t.description {
                    spec["description"] = json!(d);
                }
                json!({"toolSpec": spec})
            })
            .collect();
        let mut tc = json!({"tools": tools});
        if let Some(choice) = &c.tool_choice {
            tc["toolChoice"] = choice.clone();
        }
        body.insert("toolConfig".into(), tc);
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let mut resp = parse_response_value(v)?;
    // Nova's invoke usage names its cache counters differently from Converse.
    if let Some(n) = u64_at(v, "/usage/cacheReadInputTokenCount") {
        resp.usage.cache_read = n;
    }
    if let Some(n) = u64_at(v, "/usage/cacheWriteInputTokenCount") {
        resp.usage.cache_write = n;
    }
    Ok(resp)
}

/// A Nova chunk is one Converse event: `{"contentBlockDelta": {…}}`.
pub(crate) fn chunk(
    dec: &mut ConverseStreamDecoder,
    em: &mut Emitter,
    c: &Value,
    out: &mut Vec<StreamEvent>,
) -> Result<()> {
    if let Some(obj) = c.as_object() {
        for (event, payload) in obj {
            if event == "amazon-bedrock-invocationMetrics" {
                continue;
            }
            let bytes = serde_json::to_vec(payload).unwrap_or_default();
            for ev in dec.decode(event, &bytes)? {
                match &ev {
                    StreamEvent::MessageStart => em.start(out),
                    StreamEvent::MessageStop { stop_reason, .. } => {
                        em.stop(stop_reason.clone(), out)
                    }
                    StreamEvent::Metadata {
                        usage, latency_ms, ..
                    } => em.metadata(*usage, *latency_ms, out),
                    _ => {
                        em.start(out);
                        out.push(ev);
                    }
                }
            }
        }
    }
    em.metrics(c, out);
    Ok(())
}

/// LiteLLM's `amazon_titan_pt`.
pub fn titan_prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    let mut p = String::new();
    if let Some(s) = system {
        p.push_str(&format!("\n\nUser: <admin>{s}</admin>"));
    }
    for (role, text) in turns {
        match role {
            Role::User => p.push_str(&format!("\n\nUser: {text}")),
            Role::Assistant => p.push_str(&format!("\n\nBot: {text}")),
        }
    }
    if turns.last().is_none_or(|(r, _)| *r != Role::Assistant) {
        p.push_str("\n\nBot: ");
    }
    p
}

pub(crate) fn titan_body(c: &mut Common) -> Result<Value> {
    let turns = c.text_turns();
    let prompt = titan_prompt(c.system_text().as_deref(), &turns);
    let mut cfg = Map::new();
    if let Some(m) = c.max_tokens {
        cfg.insert("maxTokenCount".into(), json!(m));
    }
    if !c.stop.is_empty() {
        cfg.insert("stopSequences".into(), json!(c.stop));
    }
    if let Some(t) = c.temperature {
        cfg.insert("temperature".into(), json!(t));
    }
    if let Some(p) = c.top_p {
        cfg.insert("topP".into(), json!(p));
    }
    let mut body = Map::new();
    body.insert("inputText".into(), json!(prompt));
    body.insert("textGenerationConfig".into(), Value::Object(cfg));
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn parse_titan(v: &Value) -> Result<ChatResponse> {
    let r = v
        .pointer("/results/0")
        .ok_or_else(|| Error::response("the Titan response has no 'results'"))?;
    let text = r
        .get("outputText")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let stop = stop_at(r, &["completionReason"]);
    let u = usage(
        u64_at(v, "/inputTextTokenCount").unwrap_or(0),
        u64_at(r, "/tokenCount").unwrap_or(0),
    );
    Ok(response(vec![Part::text(text)], stop, u))
}

pub(crate) fn titan_chunk(em: &mut Emitter, c: &Value, out: &mut Vec<StreamEvent>) {
    if let Some(t) = c.get("outputText").and_then(Value::as_str) {
        em.start(out);
        em.text(t, out);
    }
    if let Some(r) = c.get("completionReason").and_then(Value::as_str) {
        em.stop(stop_reason(r), out);
    }
    em.metrics(c, out);
}

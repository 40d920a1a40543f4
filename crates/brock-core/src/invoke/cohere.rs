//! Cohere Command R / R+ on InvokeModel: `message`, `chat_history`, `preamble`, `tools`.
//!
//! Shapes: AWS, "Cohere Command R and Command R+ models" (docs.aws.amazon.com/bedrock/latest/
//! userguide/model-parameters-cohere-command-r-plus.html: request `message`, `chat_history`
//! of `{role: USER|CHATBOT, message}`, `preamble`, `tools` with `parameter_definitions`,
//! `tool_results` of `{call: {name, parameters}, outputs}`, `max_tokens`, `temperature`, `p`,
//! `k`, `stop_sequences`; response `text`, `finish_reason`, `tool_calls`; streamed chunks
//! `{event_type: text-generation | tool-calls-generation | stream-end, is_finished}`).
//! LiteLLM's `cohere_message_pt` joins every turn into `message`; brock sends the earlier
//! turns as `chat_history`, as the AWS page documents.

use serde_json::{Map, Value, json};

use super::{Common, Emitter, blocks, response, role_of, stop_reason, u64_at, usage};
use crate::converse::{ChatResponse, StopReason};
use crate::error::{Error, Result};
use crate::message::{Part, Role};
use crate::stream::StreamEvent;

/// Cohere's parameter types are Python type names.
fn cohere_type(json_type: Option<&str>) -> &'static str {
    match json_type {
        Some("integer") => "int",
        Some("number") => "float",
        Some("boolean") => "bool",
        Some("array") => "list",
        Some("object") => "dict",
        _ => "str",
    }
}

fn parameter_definitions(schema: &Value) -> Value {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut defs = Map::new();
    if let Some(props) = schema.get("properties").and_then(Value::as_object) {
        for (name, p) in props {
            let mut d = json!({
                "type": cohere_type(p.get("type").and_then(Value::as_str)),
                "required": required.contains(&name.as_str()),
            });
            if let Some(desc) = p.get("description") {
                d["description"] = desc.clone();
            }
            defs.insert(name.clone(), d);
        }
    }
    Value::Object(defs)
}

fn turn_text(m: &Value) -> String {
    blocks(m)
        .iter()
        .filter_map(|b| b.get("text").and_then(Value::as_str))
        .collect()
}

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let messages = c.messages.clone();
    let Some((last, earlier)) = messages.split_last() else {
        return Err(Error::invalid("the prompt is empty"));
    };
    if role_of(last) != Role::User {
        return Err(Error::invalid(
            "Cohere's invoke body cannot continue a prefilled answer; use --route converse",
        ));
    }
    // Tool calls by id, to name the call each result answers.
    let mut calls = std::collections::HashMap::new();
    let mut history = Vec::new();
    for m in earlier {
        for b in blocks(m) {
            if let Some(tu) = b.get("toolUse") {
                let id = tu
                    .get("toolUseId")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                calls.insert(id.to_string(), tu.clone());
            }
        }
        let text = turn_text(m);
        if text.is_empty() {
            continue;
        }
        let role = match role_of(m) {
            Role::User => "USER",
            Role::Assistant => "CHATBOT",
        };
        history.push(json!({"role": role, "message": text}));
    }
    let mut tool_results = Vec::new();
    for b in blocks(last) {
        if let Some(tr) = b.get("toolResult") {
            let id = tr
                .get("toolUseId")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let call = calls.get(id);
            let outputs: Vec<Value> = tr
                .get("content")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|o| match (o.get("json"), o.get("text")) {
                    (Some(Value::Object(j)), _) => Value::Object(j.clone()),
                    (Some(j), _) => json!({"result": j}),
                    (None, Some(t)) => json!({"result": t}),
                    _ => json!({}),
                })
                .collect();
            tool_results.push(json!({"call": {
                "name": call.and_then(|c| c.get("name")).cloned().unwrap_or(json!("")),
                "parameters": call.and_then(|c| c.get("input")).cloned().unwrap_or(json!({}))},
                "outputs": outputs}));
        } else if b.get("image").is_some() || b.get("document").is_some() {
            c.drop("attachment", "the Cohere invoke body takes text only");
        }
    }
    let mut body = Map::new();
    body.insert("message".into(), json!(turn_text(last)));
    if !history.is_empty() {
        body.insert("chat_history".into(), Value::Array(history));
    }
    if let Some(s) = c.system_text() {
        body.insert("preamble".into(), json!(s));
    }
    if !c.tools.is_empty() {
        let tools: Vec<Value> = c
            .tools
            .iter()
            .map(|t| {
                json!({"name": t.name, "description": t.description.clone().unwrap_or_default(),
                    "parameter_definitions": parameter_definitions(&t.schema)})
            })
            .collect();
        body.insert("tools".into(), Value::Array(tools));
        if c.tool_choice
            .as_ref()
            .is_some_and(|tc| tc.get("auto").is_none())
        {
            c.drop("tool choice", "the Cohere invoke body has no tool choice");
        }
    }
    if !tool_results.is_empty() {
        body.insert("tool_results".into(), Value::Array(tool_results));
    }
    c.put_sampling(&mut body, Some("max_tokens"), "p", Some("stop_sequences"));
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

fn tool_parts(calls: Option<&Value>) -> Vec<(String, String, Value)> {
    calls
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, tc)| {
            let name = tc.get("name").and_then(Value::as_str).unwrap_or_default();
            (
                format!("cohere_{name}_{i}"),
                name.to_string(),
                tc.get("parameters").cloned().unwrap_or(json!({})),
            )
        })
        .collect()
}

pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let text = v
        .get("text")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::response("the Cohere response has no 'text'"))?;
    let mut parts = vec![Part::text(text)];
    for (id, name, input) in tool_parts(v.get("tool_calls")) {
        parts.push(Part::ToolUse {
            id,
            name,
            input,
            kind: None,
        });
    }
    let has_tools = parts.len() > 1;
    let stop = match v.get("finish_reason").and_then(Value::as_str) {
        Some("COMPLETE") if has_tools => StopReason::ToolUse,
        Some(r) => stop_reason(r),
        None => StopReason::EndTurn,
    };
    let u = usage(
        u64_at(v, "/meta/billed_units/input_tokens").unwrap_or(0),
        u64_at(v, "/meta/billed_units/output_tokens").unwrap_or(0),
    );
    Ok(response(parts, stop, u))
}

pub(crate) fn chunk(em: &mut Emitter, c: &Value, out: &mut Vec<StreamEvent>) {
    em.start(out);
    match c.get("event_type").and_then(Value::as_str) {
        Some("text-generation") => em.text(
            c.get("text").and_then(Value::as_str).unwrap_or_default(),
            out,
        ),
        Some("tool-calls-generation") => {
            for (id, name, input) in tool_parts(c.get("tool_calls")) {
                em.tool(&id, &name, &input.to_string(), out);
            }
        }
        Some("stream-end") => {
            let tools = c
                .pointer("/response/tool_calls")
                .and_then(Value::as_array)
                .is_some_and(|t| !t.is_empty());
            let stop = match c.get("finish_reason").and_then(Value::as_str) {
                Some("COMPLETE") if tools => StopReason::ToolUse,
                Some(r) => stop_reason(r),
                None => StopReason::EndTurn,
            };
            em.stop(stop, out);
        }
        _ => {}
    }
    em.metrics(c, out);
}

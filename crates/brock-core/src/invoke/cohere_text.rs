//! Cohere Command (text) on InvokeModel: `cohere.command-text-v14` and
//! `cohere.command-light-text-v14`, the generate API that came before Command R's chat body.
//!
//! Shapes: AWS, "Cohere Command models" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-cohere-command.html: `prompt`, `temperature`, `p`, `k`, `max_tokens`,
//! `stop_sequences`, `stream`, …; the response has `generations[]` with `text` and
//! `finish_reason`). Streamed chunks carry `text` and `is_finished` (with `finish_reason` on
//! the last), as Cohere's generate stream does.

use serde_json::{Map, Value, json};

use super::{Common, Emitter, response, stop_reason, usage};
use crate::converse::{ChatResponse, StopReason};
use crate::error::{Error, Result};
use crate::message::{Part, Role};
use crate::stream::StreamEvent;

/// Whether a model id (or ARN) names one of the Command text models.
pub fn is_command_text(model_id: &str) -> bool {
    let id = model_id.to_ascii_lowercase();
    id.contains("cohere.command-text-") || id.contains("cohere.command-light-text-")
}

/// The generate API takes one prompt: a single question goes as it is; a conversation or a
/// system prompt becomes a transcript ending where the model's answer starts.
pub fn prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    if system.is_none() && turns.len() == 1 && turns[0].0 == Role::User {
        return turns[0].1.clone();
    }
    let mut p = String::new();
    if let Some(s) = system {
        p.push_str(s);
        p.push_str("\n\n");
    }
    for (role, text) in turns {
        let who = if *role == Role::User {
            "User"
        } else {
            "Chatbot"
        };
        p.push_str(&format!("{who}: {text}\n"));
    }
    if turns.last().is_none_or(|(r, _)| *r == Role::User) {
        p.push_str("Chatbot:");
    }
    p
}

pub(crate) fn body(c: &mut Common, stream: bool) -> Result<Value> {
    let turns = c.text_turns();
    let mut body = Map::new();
    body.insert(
        "prompt".into(),
        json!(prompt(c.system_text().as_deref(), &turns)),
    );
    c.put_sampling(&mut body, Some("max_tokens"), "p", Some("stop_sequences"));
    if stream {
        body.insert("stream".into(), json!(true));
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let g = v
        .pointer("/generations/0")
        .ok_or_else(|| Error::response("the Cohere Command response has no 'generations'"))?;
    let text = g.get("text").and_then(Value::as_str).unwrap_or_default();
    let stop = g
        .get("finish_reason")
        .and_then(Value::as_str)
        .map_or(StopReason::EndTurn, stop_reason);
    // Token counts come in the InvokeModel headers.
    Ok(response(vec![Part::text(text)], stop, usage(0, 0)))
}

pub(crate) fn chunk(em: &mut Emitter, c: &Value, out: &mut Vec<StreamEvent>) {
    em.start(out);
    if let Some(t) = c.get("text").and_then(Value::as_str) {
        em.text(t, out);
    }
    if c.get("is_finished").and_then(Value::as_bool) == Some(true) {
        let stop = c
            .get("finish_reason")
            .and_then(Value::as_str)
            .map_or(StopReason::EndTurn, stop_reason);
        em.stop(stop, out);
    }
    em.metrics(c, out);
}

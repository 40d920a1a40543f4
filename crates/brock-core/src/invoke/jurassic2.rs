//! AI21 Labs Jurassic-2 on InvokeModel: `ai21.j2-mid-v1` and `ai21.j2-ultra-v1`.
//!
//! Shapes: AWS, "AI21 Labs Jurassic-2 models" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-jurassic2.html: `prompt`, `maxTokens`, `temperature`, `topP`,
//! `stopSequences`, the penalties; the response has `completions[].data.text` and
//! `completions[].finishReason.reason`). Jurassic-2 has no streaming on Bedrock.

use serde_json::{Map, Value, json};

use super::{Common, response, usage};
use crate::converse::{ChatResponse, StopReason};
use crate::error::{Error, Result};
use crate::message::Part;

pub(crate) fn body(c: &mut Common, stream: bool) -> Result<Value> {
    if stream {
        return Err(Error::invalid(
            "Jurassic-2 does not stream on Bedrock; add --no-stream",
        ));
    }
    let turns = c.text_turns();
    let mut body = Map::new();
    // The same plain transcript as the other prompt-only generate APIs.
    body.insert(
        "prompt".into(),
        json!(super::cohere_text::prompt(
            c.system_text().as_deref(),
            &turns
        )),
    );
    c.put_sampling(&mut body, Some("maxTokens"), "topP", Some("stopSequences"));
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let c = v
        .pointer("/completions/0")
        .ok_or_else(|| Error::response("the Jurassic-2 response has no 'completions'"))?;
    let text = c
        .pointer("/data/text")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let stop = match c.pointer("/finishReason/reason").and_then(Value::as_str) {
        Some("length") => StopReason::MaxTokens,
        Some("stop") => StopReason::StopSequence,
        _ => StopReason::EndTurn,
    };
    let count = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_array)
            .map_or(0, |a| a.len() as u64)
    };
    Ok(response(
        vec![Part::text(text)],
        stop,
        usage(count("/prompt/tokens"), count("/completions/0/data/tokens")),
    ))
}

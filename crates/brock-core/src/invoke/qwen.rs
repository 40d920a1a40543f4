//! Imported Qwen 2 / 2.5 and Qwen 3 models (`qwen2/ARN`, `qwen3/ARN`): a ChatML prompt.
//!
//! Shapes: LiteLLM's `amazon_qwen3_transformation.py` (`prompt` of
//! `<|im_start|>ROLE\n…<|im_end|>` turns joined by newlines and ending
//! `<|im_start|>assistant\n`; `max_gen_len`, `temperature`, `top_p`, `top_k`, `stop`; answer in
//! `generation`) and `amazon_qwen2_transformation.py` (the same request; answer in `text`), after
//! AWS's "Invoke your imported model" (docs.aws.amazon.com/bedrock/latest/userguide/
//! invoke-imported-model.html).

use serde_json::{Map, Value, json};

use super::{Common, response, stop_at, u64_at, usage};
use crate::converse::ChatResponse;
use crate::error::{Error, Result};
use crate::message::{Part, Role};

/// ChatML as LiteLLM builds it for Qwen. A final assistant turn (a prefill) is left open.
pub fn chatml_prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    let mut parts = Vec::new();
    if let Some(s) = system {
        parts.push(format!("<|im_start|>system\n{s}<|im_end|>"));
    }
    let open_last = turns.last().is_some_and(|(r, _)| *r == Role::Assistant);
    for (i, (role, text)) in turns.iter().enumerate() {
        if open_last && i + 1 == turns.len() {
            parts.push(format!("<|im_start|>assistant\n{text}"));
            return parts.join("\n");
        }
        parts.push(format!("<|im_start|>{}\n{text}<|im_end|>", role.as_str()));
    }
    parts.push("<|im_start|>assistant\n".into());
    parts.join("\n")
}

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let turns = c.text_turns();
    let mut body = Map::new();
    body.insert(
        "prompt".into(),
        json!(chatml_prompt(c.system_text().as_deref(), &turns)),
    );
    c.put_sampling(&mut body, Some("max_gen_len"), "top_p", Some("stop"));
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

/// Qwen 2: `text`, or `generation` as Qwen 3 (LiteLLM accepts both).
pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let text = v
        .get("generation")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .or_else(|| v.get("text").and_then(Value::as_str))
        .ok_or_else(|| Error::response("the Qwen response has no 'text'"))?;
    let stop = stop_at(v, &["stop_reason"]);
    let u = usage(
        u64_at(v, "/usage/prompt_tokens").unwrap_or(0),
        u64_at(v, "/usage/completion_tokens").unwrap_or(0),
    );
    Ok(response(vec![Part::text(text)], stop, u))
}

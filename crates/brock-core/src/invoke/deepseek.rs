//! DeepSeek-R1 on InvokeModel: the R1 chat template in `prompt`.
//!
//! Shapes: AWS, "DeepSeek models" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-deepseek.html: `prompt` = `<｜begin▁of▁sentence｜><｜User｜>…<｜Assistant｜><think>\n`,
//! `temperature`, `top_p`, `max_tokens`, `stop`; response `choices[].text`,
//! `choices[].stop_reason`). Imported distills (`deepseek_r1/ARN`): LiteLLM's
//! `amazon_deepseek_transformation.py` (a Llama body: `prompt` from `deepseek_r1_pt`,
//! `max_gen_len`; answer in `generation`; `<think>` put back before splitting the reasoning).

use serde_json::{Map, Value, json};

use super::{Common, response, stop_at};
use crate::converse::ChatResponse;
use crate::error::{Error, Result};
use crate::message::{Part, Role};

const BOS: &str = "<｜begin▁of▁sentence｜>";
const EOS: &str = "<｜end▁of▁sentence｜>";

/// The DeepSeek-R1 chat template: system text first, `<｜User｜>` / `<｜Assistant｜>` turns,
/// assistant turns closed by the end-of-sentence token, and a final `<｜Assistant｜><think>\n`
/// (or the open prefill).
pub fn r1_prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    let mut p = String::from(BOS);
    if let Some(s) = system {
        p.push_str(s);
    }
    let open_last = turns.last().is_some_and(|(r, _)| *r == Role::Assistant);
    for (i, (role, text)) in turns.iter().enumerate() {
        match role {
            Role::User => p.push_str(&format!("<｜User｜>{text}")),
            Role::Assistant => {
                p.push_str(&format!("<｜Assistant｜>{text}"));
                if !(open_last && i + 1 == turns.len()) {
                    p.push_str(EOS);
                }
            }
        }
    }
    if !open_last {
        p.push_str("<｜Assistant｜><think>\n");
    }
    p
}

fn prompt_body(c: &mut Common, max_key: &str) -> Map<String, Value> {
    let turns = c.text_turns();
    let mut body = Map::new();
    body.insert(
        "prompt".into(),
        json!(r1_prompt(c.system_text().as_deref(), &turns)),
    );
    c.put_sampling(&mut body, Some(max_key), "top_p", None);
    body
}

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let mut body = prompt_body(c, "max_tokens");
    if !c.stop.is_empty() {
        body.insert("stop".into(), json!(c.stop));
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn imported_body(c: &mut Common) -> Result<Value> {
    let mut body = prompt_body(c, "max_gen_len");
    if !c.stop.is_empty() {
        c.drop(
            "stop sequences",
            "the Llama-style imported-model body has no stop sequences",
        );
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let choice = v
        .pointer("/choices/0")
        .ok_or_else(|| Error::response("the DeepSeek response has no 'choices'"))?;
    let text = choice
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let stop = stop_at(choice, &["stop_reason"]);
    Ok(response(vec![Part::text(text)], stop, Default::default()))
}

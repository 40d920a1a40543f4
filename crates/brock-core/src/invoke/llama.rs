//! Meta Llama on InvokeModel: a prompt in the Llama 3 chat template; answers in `generation`.
//!
//! Shapes: AWS, "Meta Llama models" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-meta.html: `prompt`, `max_gen_len`, `temperature`, `top_p`, `images`;
//! response `generation`, `prompt_token_count`, `generation_token_count`, `stop_reason`), the
//! template from Meta's Llama 3 model card (`<|begin_of_text|><|start_header_id|>…`), and
//! LiteLLM's `amazon_llama_transformation.py` (`max_tokens` → `max_gen_len`).

use serde_json::{Map, Value, json};

use super::{Common, response, stop_at, u64_at, usage};
use crate::converse::ChatResponse;
use crate::error::{Error, Result};
use crate::message::{Part, Role};

/// The Llama 3 chat template. A final assistant turn (a prefill) is left open.
pub fn llama3_prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    let mut p = String::from("<|begin_of_text|>");
    let header = |p: &mut String, role: &str| {
        p.push_str(&format!("<|start_header_id|>{role}<|end_header_id|>\n\n"));
    };
    if let Some(s) = system {
        header(&mut p, "system");
        p.push_str(s);
        p.push_str("<|eot_id|>");
    }
    let open_last = turns.last().is_some_and(|(r, _)| *r == Role::Assistant);
    for (i, (role, text)) in turns.iter().enumerate() {
        header(&mut p, role.as_str());
        p.push_str(text);
        if !(open_last && i + 1 == turns.len()) {
            p.push_str("<|eot_id|>");
        }
    }
    if !open_last {
        header(&mut p, "assistant");
    }
    p
}

/// Takes inline images out of the messages (Llama 3.2 and 4 take them in `images`, marked by
/// `<|image|>` in the prompt); returns the images and how many each turn had.
fn take_images(c: &mut Common) -> Result<(Vec<Value>, Vec<usize>)> {
    let mut images = Vec::new();
    let mut counts = Vec::new();
    for m in &mut c.messages {
        let mut n = 0;
        if let Some(items) = m.get_mut("content").and_then(Value::as_array_mut) {
            let mut kept = Vec::new();
            for b in items.drain(..) {
                if let Some(img) = b.get("image") {
                    let data = img.pointer("/source/bytes").cloned().ok_or_else(|| {
                        Error::invalid("an image in S3 can only be sent on the Converse route")
                    })?;
                    images.push(data);
                    n += 1;
                } else {
                    kept.push(b);
                }
            }
            *items = kept;
        }
        counts.push(n);
    }
    Ok((images, counts))
}

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let (images, counts) = take_images(c)?;
    let mut turns = c.text_turns();
    for ((_, text), n) in turns.iter_mut().zip(counts) {
        if n > 0 {
            *text = format!("{}{text}", "<|image|>".repeat(n));
        }
    }
    let prompt = llama3_prompt(c.system_text().as_deref(), &turns);
    let mut body = Map::new();
    body.insert("prompt".into(), json!(prompt));
    c.put_sampling(&mut body, Some("max_gen_len"), "top_p", None);
    if !images.is_empty() {
        body.insert("images".into(), Value::Array(images));
    }
    if !c.stop.is_empty() {
        c.drop(
            "stop sequences",
            "the Llama invoke body has no stop sequences",
        );
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

/// `{"generation", "prompt_token_count", "generation_token_count", "stop_reason"}`: Llama,
/// and the imported models that answer in the same shape (Qwen 3, DeepSeek-R1 distills).
pub(crate) fn parse(v: &Value) -> Result<ChatResponse> {
    let text = v
        .get("generation")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::response("the response has no 'generation' text"))?;
    let stop = stop_at(v, &["stop_reason"]);
    let u = match (
        u64_at(v, "/prompt_token_count"),
        u64_at(v, "/generation_token_count"),
    ) {
        (Some(i), Some(o)) => usage(i, o),
        _ => usage(
            u64_at(v, "/usage/prompt_tokens").unwrap_or(0),
            u64_at(v, "/usage/completion_tokens").unwrap_or(0),
        ),
    };
    Ok(response(vec![Part::text(text)], stop, u))
}

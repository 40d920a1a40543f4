//! Meta Llama 2 Chat on InvokeModel (`meta.llama2-13b-chat-v1`, `meta.llama2-70b-chat-v1`):
//! the Llama body (`prompt`, `max_gen_len`, `temperature`, `top_p`; answers in `generation`,
//! parsed by [`super::llama::parse`]) with the Llama 2 chat template instead of Llama 3's.
//!
//! Template: Meta's Llama 2 model card and reference code (`chat_completion` in
//! meta-llama/llama: `[INST]`/`[/INST]` around each user turn, the system prompt in
//! `<<SYS>>\n…\n<</SYS>>\n\n` at the start of the first one, each exchange in `<s>…</s>`).

use serde_json::{Map, Value, json};

use super::Common;
use crate::error::Result;
use crate::message::Role;

/// Whether a model id (or ARN) names a Llama 2 chat model.
pub fn is_llama2(model_id: &str) -> bool {
    model_id.to_ascii_lowercase().contains("meta.llama2-")
}

/// The Llama 2 chat template. A final assistant turn (a prefill) is left open after `[/INST]`.
pub fn llama2_prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    let mut p = String::new();
    let mut first_user = true;
    for (role, text) in turns {
        match role {
            Role::User => {
                p.push_str("<s>[INST] ");
                if first_user && let Some(s) = system {
                    p.push_str(&format!("<<SYS>>\n{s}\n<</SYS>>\n\n"));
                }
                first_user = false;
                p.push_str(text.trim());
                p.push_str(" [/INST]");
            }
            Role::Assistant => {
                p.push(' ');
                p.push_str(text.trim());
                p.push_str(" </s>");
            }
        }
    }
    // A prefill continues the answer: the closing `</s>` would end it.
    if let Some(stripped) = p
        .strip_suffix(" </s>")
        .filter(|_| turns.last().is_some_and(|(r, _)| *r == Role::Assistant))
    {
        p = stripped.to_string();
    }
    p
}

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    if c.messages.iter().any(|m| {
        m.get("content")
            .and_then(Value::as_array)
            .is_some_and(|items| items.iter().any(|b| b.get("image").is_some()))
    }) {
        return Err(crate::error::Error::invalid(
            "Llama 2 takes no images; use a Llama 3.2 or Llama 4 model",
        ));
    }
    let turns = c.text_turns();
    let prompt = llama2_prompt(c.system_text().as_deref(), &turns);
    let mut body = Map::new();
    body.insert("prompt".into(), json!(prompt));
    c.put_sampling(&mut body, Some("max_gen_len"), "top_p", None);
    if !c.stop.is_empty() {
        c.drop(
            "stop sequences",
            "the Llama invoke body has no stop sequences",
        );
    }
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

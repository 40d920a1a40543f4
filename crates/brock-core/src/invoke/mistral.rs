//! Mistral on InvokeModel: the `<s>[INST]` text-completion body (Mistral 7B, Mixtral, Mistral
//! Large 24.02) and the chat body with tools (Mistral Large 24.07, Pixtral Large).
//!
//! Shapes: AWS, "Mistral AI text completion" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-mistral-text-completion.html: `prompt`, `max_tokens`, `stop`,
//! `temperature`, `top_p`, `top_k`; response `outputs[].text`, `outputs[].stop_reason`) and
//! "Mistral AI chat completion" (model-parameters-mistral-chat-completion.html: `messages`,
//! `tools`, `tool_choice`; response `choices[].message`, `choices[].stop_reason`); the
//! multi-turn template `<s>[INST] q [/INST] a</s>[INST] q2 [/INST]` from Mistral's
//! instruct-format documentation, as LiteLLM's `amazon_mistral_transformation.py` sends it.

use serde_json::{Map, Value, json};

use super::openai::{ChatStyle, chat_body as openai_chat_body};
use super::{Common, response, stop_at};
use crate::converse::ChatResponse;
use crate::error::{Error, Result};
use crate::message::{Part, Role};

/// The Mistral instruct template; the system prompt leads the first user turn. A final
/// assistant turn (a prefill) is left open.
pub fn instruct_prompt(system: Option<&str>, turns: &[(Role, String)]) -> String {
    let mut p = String::from("<s>");
    let mut first_user = true;
    for (i, (role, text)) in turns.iter().enumerate() {
        match role {
            Role::User => {
                let text = match (first_user, system) {
                    (true, Some(s)) => format!("{s}\n\n{text}"),
                    _ => text.clone(),
                };
                first_user = false;
                p.push_str(&format!("[INST] {text} [/INST]"));
            }
            Role::Assistant => {
                p.push_str(&format!(" {text}"));
                if i + 1 != turns.len() {
                    p.push_str("</s>");
                }
            }
        }
    }
    p
}

pub(crate) fn text_body(c: &mut Common) -> Result<Value> {
    let turns = c.text_turns();
    let mut body = Map::new();
    body.insert(
        "prompt".into(),
        json!(instruct_prompt(c.system_text().as_deref(), &turns)),
    );
    c.put_sampling(&mut body, Some("max_tokens"), "top_p", Some("stop"));
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn chat_body(c: &mut Common) -> Result<Value> {
    let style = ChatStyle {
        model: None,
        max_tokens_key: "max_tokens",
        any_choice: "any",
        images: true,
        name: "Mistral chat",
    };
    let mut body = openai_chat_body(c, &style)?;
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

pub(crate) fn parse_text(v: &Value) -> Result<ChatResponse> {
    let out = v
        .pointer("/outputs/0")
        .ok_or_else(|| Error::response("the Mistral response has no 'outputs'"))?;
    let text = out.get("text").and_then(Value::as_str).unwrap_or_default();
    let stop = stop_at(out, &["stop_reason"]);
    Ok(response(vec![Part::text(text)], stop, Default::default()))
}

pub(crate) fn parse_chat(v: &Value) -> Result<ChatResponse> {
    super::openai::parse(v)
}

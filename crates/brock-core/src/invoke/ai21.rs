//! AI21 Jamba on InvokeModel: chat messages.
//!
//! Shapes: AWS, "AI21 Labs Jamba models" (docs.aws.amazon.com/bedrock/latest/userguide/
//! model-parameters-jamba.html: `messages` of `{role, content}`, `max_tokens`, `temperature`,
//! `top_p`, `stop`, `tools`; the response is a chat.completion with `choices[].message`,
//! `finish_reason` and `usage`).

use serde_json::Value;

use super::Common;
use super::openai::{ChatStyle, chat_body};
use crate::error::Result;

pub(crate) fn body(c: &mut Common) -> Result<Value> {
    let style = ChatStyle {
        model: None,
        max_tokens_key: "max_tokens",
        any_choice: "required",
        images: false,
        name: "AI21 Jamba",
    };
    let mut body = chat_body(c, &style)?;
    c.merge_fields(&mut body);
    Ok(Value::Object(body))
}

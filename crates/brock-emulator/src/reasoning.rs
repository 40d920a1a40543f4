//! Reasoning ("thinking") requests: which models reason and when, the Anthropic extended
//! thinking rules (texts as relayed by Bedrock, prefixed "The model returned the following
//! errors: "), and the signatures that make reasoning blocks tamper-evident.

use base64::Engine;
use hmac::{KeyInit, Mac};
use serde_json::Value;

use super::catalog::{Family, Model};
use super::converse::{Block, ConverseRequest, Reasoning, Role, ToolChoice};
use super::errors::ApiError;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// Fixed so that signatures issued by one emulator process verify in another.
const SIGNING_KEY: &[u8] = b"brock-emulator reasoning signature key v1";
const REDACTED_MAGIC: &[u8] = b"brock-redacted:";
const DOCS: &str = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking";

fn mac(data: &[u8]) -> Vec<u8> {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(SIGNING_KEY).expect("any key length");
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

/// The signature the emulator issues for a reasoning text.
pub(crate) fn sign(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(mac(text.as_bytes()))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(crate) fn signature_ok(text: &str, signature: &str) -> bool {
    constant_time_eq(sign(text).as_bytes(), signature.as_bytes())
}

/// Opaque redacted-thinking data: a nonce and its MAC, so returned blocks can be checked.
pub(crate) fn redacted_data(seed: &str) -> Vec<u8> {
    let nonce = &mac(seed.as_bytes())[..16];
    let mut out = REDACTED_MAGIC.to_vec();
    out.extend_from_slice(nonce);
    out.extend_from_slice(&mac(nonce)[..16]);
    out
}

pub(crate) fn redacted_ok(data: &[u8]) -> bool {
    let Some(rest) = data.strip_prefix(REDACTED_MAGIC) else {
        return false;
    };
    rest.len() == 32 && constant_time_eq(&mac(&rest[..16])[..16], &rest[16..])
}

fn field<'a>(v: &'a Option<Value>, key: &str) -> Option<&'a Value> {
    v.as_ref().and_then(|a| a.get(key)).filter(|x| !x.is_null())
}

/// Whether Anthropic `thinking` supports `adaptive` on this model.
fn adaptive_capable(model: &Model) -> bool {
    model.id.contains("-4-6")
}

/// Validates the reasoning request and history for `model`; returns what to produce.
pub(crate) fn check(req: &ConverseRequest, model: &Model) -> Result<Reasoning, ApiError> {
    match model.family {
        Family::Anthropic => check_anthropic(req, model),
        Family::Nova2 => {
            let Some(rc) = field(&req.additional, "reasoningConfig") else {
                return Ok(Reasoning::Off);
            };
            match rc.get("type").and_then(Value::as_str) {
                Some("enabled") => {
                    if let Some(effort) = rc.get("maxReasoningEffort")
                        && !matches!(effort.as_str(), Some("low" | "medium" | "high"))
                    {
                        // Source: inferred.
                        return Err(ApiError::validation(
                            "The value of reasoningConfig.maxReasoningEffort must be one of: low, medium, high.",
                        ));
                    }
                    Ok(Reasoning::Unsigned)
                }
                Some("disabled") | None => Ok(Reasoning::Off),
                // Source: inferred.
                Some(_) => Err(ApiError::validation(
                    "The value of reasoningConfig.type must be one of: enabled, disabled.",
                )),
            }
        }
        Family::OpenAi => {
            if let Some(effort) = field(&req.additional, "reasoning_effort")
                && !matches!(effort.as_str(), Some("low" | "medium" | "high"))
            {
                // Source: inferred.
                return Err(ApiError::model(
                    "reasoning_effort: Input should be 'low', 'medium' or 'high'",
                ));
            }
            // gpt-oss always reasons, even without reasoning_effort (recorded:
            // converse/test_bedrock_thinking_false_openai_variant_silent_drop.yaml).
            Ok(Reasoning::Unsigned)
        }
        Family::Qwen => Ok(if field(&req.additional, "reasoning_config").is_some() {
            Reasoning::Unsigned
        } else {
            Reasoning::Off
        }),
        Family::DeepSeek if model.id.starts_with("deepseek.r1") => Ok(Reasoning::Unsigned),
        Family::Kimi => Ok(Reasoning::Unsigned),
        _ => Ok(Reasoning::Off),
    }
}

fn check_anthropic(req: &ConverseRequest, model: &Model) -> Result<Reasoning, ApiError> {
    // Signatures are checked whether or not thinking is on: the blocks reach the model.
    for (i, m) in req.messages.iter().enumerate() {
        if m.role != Role::Assistant {
            continue;
        }
        for (j, b) in m.content.iter().enumerate() {
            match b {
                Block::ReasoningText { text, signature } => match signature {
                    None => {
                        // Source: inferred.
                        return Err(ApiError::model(format!(
                            "messages.{i}.content.{j}.thinking.signature: Field required"
                        )));
                    }
                    Some(s) if !signature_ok(text, s) => {
                        // Source: inferred.
                        return Err(ApiError::model(format!(
                            "messages.{i}.content.{j}: Invalid `signature` in `thinking` block"
                        )));
                    }
                    _ => {}
                },
                Block::RedactedReasoning(data) if !redacted_ok(data) => {
                    // Source: inferred.
                    return Err(ApiError::model(format!(
                        "messages.{i}.content.{j}: Invalid `data` in `redacted_thinking` block"
                    )));
                }
                _ => {}
            }
        }
    }

    let Some(thinking) = field(&req.additional, "thinking") else {
        return Ok(Reasoning::Off);
    };
    let expected = if adaptive_capable(model) {
        "'adaptive', 'disabled', 'enabled'"
    } else {
        "'disabled', 'enabled'"
    };
    let kind = match thinking.get("type") {
        // Source: inferred.
        None | Some(Value::Null) => return Err(ApiError::model("thinking.type: Field required")),
        Some(Value::String(s)) => s.as_str(),
        Some(_) => {
            // Source: inferred.
            return Err(ApiError::model(
                "thinking: Input tag found using 'type' must be a string",
            ));
        }
    };
    let max_tokens = req.max_tokens.map(|m| m as u64).unwrap_or(model.max_output);
    match kind {
        "disabled" => return Ok(Reasoning::Off),
        "enabled" => {
            let budget = match thinking.get("budget_tokens") {
                None | Some(Value::Null) => {
                    // Source: inferred.
                    return Err(ApiError::model(
                        "thinking.enabled.budget_tokens: Field required",
                    ));
                }
                Some(b) => b.as_i64().ok_or_else(|| {
                    // Source: inferred.
                    ApiError::model(
                        "thinking.enabled.budget_tokens: Input should be a valid integer",
                    )
                })?,
            };
            if budget < 1024 {
                // Source: inferred.
                return Err(ApiError::model(
                    "thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
                ));
            }
            if max_tokens <= budget as u64 {
                // Source: inferred.
                return Err(ApiError::model(format!(
                    "`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at {DOCS}#max-tokens-and-context-window-size"
                )));
            }
        }
        "adaptive" if adaptive_capable(model) => {}
        other => {
            // Source: inferred, in the form Anthropic's refusals take in tests/fixtures/recorded/converse/test_anthropic_bedrock_count_tokens_rejects_server_tools.yaml.
            return Err(ApiError::model(format!(
                "thinking.type: Input tag '{other}' found using 'type' does not match any of the expected tags: {expected}"
            )));
        }
    }
    if let Some(t) = req.temperature
        && t != 1.0
    {
        // Source: inferred.
        return Err(ApiError::model(format!(
            "`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at {DOCS}#feature-compatibility"
        )));
    }
    if let Some(p) = req.top_p
        && p < 0.95
    {
        // Source: inferred.
        return Err(ApiError::model(format!(
            "`top_p` must be greater than or equal to 0.95 or unset when thinking is enabled. Please consult our documentation at {DOCS}#feature-compatibility"
        )));
    }
    if field(&req.additional, "top_k").is_some() {
        // Source: inferred.
        return Err(ApiError::model(format!(
            "`top_k` must be unset when thinking is enabled. Please consult our documentation at {DOCS}#feature-compatibility"
        )));
    }
    if matches!(req.tool_choice, Some(ToolChoice::Any | ToolChoice::Tool(_))) {
        // Source: inferred.
        return Err(ApiError::model(
            "Thinking may not be enabled when tool_choice forces tool use.",
        ));
    }
    // The assistant turn that made the last tool calls must still start with its thinking.
    if let Some(last) = req.messages.last()
        && last.role == Role::User
        && last
            .content
            .iter()
            .any(|b| matches!(b, Block::ToolResult { .. }))
        && req.messages.len() >= 2
    {
        let i = req.messages.len() - 2;
        let first = &req.messages[i].content[0];
        if !matches!(
            first,
            Block::ReasoningText { .. } | Block::RedactedReasoning(_)
        ) {
            // Source: inferred.
            return Err(ApiError::model(format!(
                "messages.{i}.content.0.type: Expected `thinking` or `redacted_thinking`, but found `{}`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at {DOCS}",
                first.anthropic_type()
            )));
        }
    }
    Ok(Reasoning::Signed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::converse::tests::parse_for;
    use serde_json::json;

    const CLAUDE: &str = "us.anthropic.claude-sonnet-4-20250514-v1:0";

    fn err(body: Value) -> String {
        parse_for(CLAUDE, body).unwrap_err().message
    }

    fn with_thinking(extra: Value) -> Value {
        let mut body = json!({"messages": [{"role": "user", "content": [{"text": "hi"}]}],
            "additionalModelRequestFields": {"thinking": {"type": "enabled", "budget_tokens": 1024}}});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    }

    #[test]
    fn signatures_verify() {
        let s = sign("some thought");
        assert!(signature_ok("some thought", &s));
        assert!(!signature_ok("some thought!", &s));
        assert!(redacted_ok(&redacted_data("x")));
        assert!(!redacted_ok(
            b"brock-redacted:0123456789abcdef0123456789abcdef"
        ));
    }

    #[test]
    fn thinking_budget_rules() {
        let r = parse_for(CLAUDE, with_thinking(json!({}))).unwrap();
        assert_eq!(r.reasoning, Reasoning::Signed);
        let mut b = with_thinking(json!({}));
        b["additionalModelRequestFields"]["thinking"]["budget_tokens"] = json!(100);
        assert_eq!(
            err(b),
            "The model returned the following errors: thinking.enabled.budget_tokens: Input should be greater than or equal to 1024"
        );
        let b = with_thinking(json!({"inferenceConfig": {"maxTokens": 1024}}));
        assert!(err(b).contains("`max_tokens` must be greater than `thinking.budget_tokens`"));
        let b = with_thinking(json!({"inferenceConfig": {"temperature": 0.5}}));
        assert!(err(b).contains("`temperature` may only be set to 1 when thinking is enabled"));
        let mut b = with_thinking(json!({}));
        b["additionalModelRequestFields"]["top_k"] = json!(5);
        assert!(err(b).contains("`top_k` must be unset"));
        let mut b = with_thinking(json!({}));
        b["additionalModelRequestFields"]["thinking"] = json!({"type": "adaptive"});
        assert!(err(b).contains("Input tag 'adaptive' found using 'type'"));
    }

    #[test]
    fn history_must_carry_issued_signatures() {
        let body = |sig: &str| {
            json!({"messages": [
            {"role": "user", "content": [{"text": "hi"}]},
            {"role": "assistant", "content": [
                {"reasoningContent": {"reasoningText": {"text": "t", "signature": sig}}},
                {"text": "hello"}]},
            {"role": "user", "content": [{"text": "again"}]}]})
        };
        assert!(parse_for(CLAUDE, body(&sign("t"))).is_ok());
        assert_eq!(
            err(body("forged")),
            "The model returned the following errors: messages.1.content.0: Invalid `signature` in `thinking` block"
        );
    }

    #[test]
    fn a_tool_turn_without_its_thinking_is_refused() {
        let body = with_thinking(json!({
            "messages": [
                {"role": "user", "content": [{"text": "hi"}]},
                {"role": "assistant", "content": [{"toolUse": {"toolUseId": "t1", "name": "f", "input": {}}}]},
                {"role": "user", "content": [{"toolResult": {"toolUseId": "t1", "content": [{"text": "r"}]}}]}],
            "toolConfig": {"tools": [{"toolSpec": {"name": "f", "inputSchema": {"json": {}}}}]}}));
        assert!(err(body).starts_with("The model returned the following errors: messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`."));
    }
}

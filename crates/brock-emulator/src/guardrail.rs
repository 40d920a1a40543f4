//! Guardrails: the Converse trace (shape as recorded in
//! converse/test_bedrock_model_guardrail_config.yaml) and the ApplyGuardrail operation. A text
//! containing `[[blocked]]` trips the emulator's single denied topic; in ApplyGuardrail, e-mail
//! addresses are also masked as the sensitive-information policy's ANONYMIZE action does
//! (replaced by the `{EMAIL}` identifier tag).

use serde_json::{Value, json};

use super::catalog::{ACCOUNT, REGION};
use super::errors::ApiError;
use super::generate::BLOCKED_TEXT;
use super::json::{self, Path, Violations};

pub(crate) const IDENTIFIER_CONSTRAINT: &str = "Member must satisfy regular expression pattern: (([a-z0-9]+)|(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{12}:guardrail/[a-z0-9]+))";
pub(crate) const VERSION_CONSTRAINT: &str =
    "Member must satisfy regular expression pattern: (([1-9][0-9]{0,7})|(DRAFT))";

fn lower_alnum(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

pub(crate) fn identifier_ok(s: &str) -> bool {
    if s.len() > 2048 {
        return false;
    }
    if lower_alnum(s) {
        return true;
    }
    let Some(rest) = s.strip_prefix("arn:aws") else {
        return false;
    };
    let parts: Vec<&str> = rest.splitn(5, ':').collect();
    parts.len() == 5
        && (parts[0].is_empty() || parts[0].starts_with('-'))
        && parts[1] == "bedrock"
        && !parts[2].is_empty()
        && parts[3].len() == 12
        && parts[3].chars().all(|c| c.is_ascii_digit())
        && parts[4].strip_prefix("guardrail/").is_some_and(lower_alnum)
}

pub(crate) fn version_ok(s: &str) -> bool {
    s == "DRAFT"
        || (!s.is_empty()
            && s.len() <= 8
            && s.chars().all(|c| c.is_ascii_digit())
            && !s.starts_with('0'))
}

fn short_id(id: &str) -> &str {
    id.rsplit('/').next().unwrap_or(id)
}

fn assessment(id: &str, version: &str, chars: usize, blocked: bool) -> Value {
    let id = short_id(id);
    let mut a = json!({
        "appliedGuardrailDetails": {
            "guardrailArn": format!("arn:aws:bedrock:{REGION}:{ACCOUNT}:guardrail/{id}"),
            "guardrailId": id,
            "guardrailOrigin": ["REQUEST"],
            "guardrailOwnership": "SELF",
            "guardrailVersion": version,
        },
        "invocationMetrics": {
            "guardrailCoverage": {"textCharacters": {"guarded": chars, "total": chars}},
            "guardrailProcessingLatency": 12,
            "usage": usage(chars),
        },
    });
    if blocked {
        a["topicPolicy"] = json!({"topics": [
            {"name": "Blocked", "type": "DENY", "action": "BLOCKED", "detected": true}]});
    }
    a
}

fn usage(chars: usize) -> Value {
    json!({
        "automatedReasoningPolicies": 0,
        "automatedReasoningPolicyUnits": 0,
        "contentPolicyImageUnits": 0,
        "contentPolicyUnits": 0,
        "contextualGroundingPolicyUnits": 0,
        "sensitiveInformationPolicyFreeUnits": 0,
        "sensitiveInformationPolicyUnits": 0,
        "topicPolicyUnits": chars.div_ceil(1000).max(1),
        "wordPolicyUnits": 0,
    })
}

/// The `trace.guardrail` member of a Converse answer.
pub(crate) fn converse_trace(g: &super::converse::Guardrail, input: &str, blocked: bool) -> Value {
    let chars = input.chars().count();
    let id = short_id(&g.id).to_string();
    let mut t = json!({
        "actionReason": if blocked { "Guardrail blocked." } else { "No action." },
        "inputAssessment": {id.clone(): assessment(&g.id, &g.version, chars, blocked)},
        "modelOutput": [],
    });
    if !blocked {
        t["outputAssessments"] = json!({id: [assessment(&g.id, &g.version, 80, false)]});
    }
    t
}

/// The `amazon-bedrock-trace.guardrail` member of an InvokeModel answer, from the Converse
/// trace: InvokeModel names the assessments `input` and `outputs`.
pub(crate) fn invoke_trace(converse: &Value) -> Value {
    let mut t = json!({
        "actionReason": converse["actionReason"],
        "input": converse["inputAssessment"],
    });
    if let Some(outs) = converse["outputAssessments"].as_object() {
        t["outputs"] = Value::Array(
            outs.values()
                .flat_map(|a| a.as_array().cloned().unwrap_or_default())
                .collect(),
        );
    }
    t
}

/// The guardrail an InvokeModel request names in its `X-Amzn-Bedrock-Guardrail*` headers,
/// checked as the service checks the `guardrailIdentifier`, `guardrailVersion` and `trace`
/// members they bind to.
pub(crate) fn from_headers(
    id: Option<&str>,
    version: Option<&str>,
    trace: Option<&str>,
) -> Result<Option<super::converse::Guardrail>, ApiError> {
    if id.is_none() && version.is_none() {
        return Ok(None);
    }
    let mut v = Violations::default();
    match id {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("guardrailIdentifier")),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if !identifier_ok(s) => v.push(
            &Path::root("guardrailIdentifier"),
            Some(s),
            IDENTIFIER_CONSTRAINT,
        ),
        _ => {}
    }
    match version {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("guardrailVersion")),
        Some(s) if !version_ok(s) => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(&Path::root("guardrailVersion"), Some(s), VERSION_CONSTRAINT)
        }
        _ => {}
    }
    const TRACES: [&str; 3] = ["ENABLED", "DISABLED", "ENABLED_FULL"];
    if let Some(t) = trace
        && !TRACES.contains(&t)
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(
            &Path::root("trace"),
            Some(t),
            "Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_FULL]",
        );
    }
    v.into_result()?;
    Ok(Some(super::converse::Guardrail {
        id: id.unwrap_or_default().into(),
        version: version.unwrap_or_default().into(),
        trace: matches!(trace, Some("ENABLED" | "ENABLED_FULL")),
    }))
}

/// `POST /guardrail/{id}/version/{version}/apply`.
pub(crate) fn apply(id: &str, version: &str, body: &Value) -> Result<Value, ApiError> {
    let top = json::obj(body)?;
    // ApplyGuardrailRequest's body members (bedrock-runtime service model).
    const MEMBERS: [&str; 3] = ["source", "content", "outputScope"];
    if let Some(unknown) = top.keys().find(|k| !MEMBERS.contains(&k.as_str())) {
        return Err(ApiError::serialization(format!(
            "Unrecognized field \"{unknown}\" in ApplyGuardrailRequest"
        )));
    }
    let mut v = Violations::default();
    if !identifier_ok(id) {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(
            &Path::root("guardrailIdentifier"),
            Some(id),
            IDENTIFIER_CONSTRAINT,
        );
    }
    if !version_ok(version) {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(
            &Path::root("guardrailVersion"),
            Some(version),
            VERSION_CONSTRAINT,
        );
    }
    match json::get_str(top, "source")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("source")),
        Some("INPUT" | "OUTPUT") => {}
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) => v.push(
            &Path::root("source"),
            Some(s),
            "Member must satisfy enum value set: [INPUT, OUTPUT]",
        ),
    }
    let full = match json::get_str(top, "outputScope")? {
        None | Some("INTERVENTIONS") => false,
        Some("FULL") => true,
        Some(s) => {
            v.push(
                &Path::root("outputScope"),
                Some(s),
                "Member must satisfy enum value set: [INTERVENTIONS, FULL]",
            );
            false
        }
    };
    let mut text = String::new();
    match json::get_list(top, "content")? {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => v.null(&Path::root("content")),
        Some(items) => {
            for (i, item) in items.iter().enumerate() {
                let o = json::obj(item)?;
                match json::union_members(o).as_slice() {
                    ["text"] => {
                        let t = json::obj(&o["text"])?;
                        if let Some(unknown) = t
                            .keys()
                            .find(|k| !["text", "qualifiers"].contains(&k.as_str()))
                        {
                            return Err(ApiError::serialization(format!(
                                "Unrecognized field \"{unknown}\" in GuardrailTextBlock"
                            )));
                        }
                        for (j, q) in json::get_list(t, "qualifiers")?
                            .into_iter()
                            .flatten()
                            .enumerate()
                        {
                            let q = json::string(q)?;
                            if !["grounding_source", "query", "guard_content"].contains(&q) {
                                v.push(
                                    &Path::root("content")
                                        .index(i)
                                        .field("text")
                                        .field("qualifiers")
                                        .index(j),
                                    Some(q),
                                    "Member must satisfy enum value set: [grounding_source, query, guard_content]",
                                );
                            }
                        }
                        match json::get_str(t, "text")? {
                            Some(s) => {
                                if !text.is_empty() {
                                    text.push(' ');
                                }
                                text.push_str(s);
                            }
                            None => {
                                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                                v.null(&Path::root("content").index(i).field("text").field("text"))
                            }
                        }
                    }
                    ["image"] => {}
                    // Source: inferred from the Smithy model's constraints, in Coral's report format.
                    _ => v.push(
                        &Path::root("content").index(i),
                        None,
                        "Member must have exactly one member set",
                    ),
                }
            }
        }
    }
    v.into_result()?;
    let blocked = text.contains("[[blocked]]");
    let chars = text.chars().count();
    let mut a = assessment(id, version, chars, blocked);
    if let Some(m) = a.as_object_mut() {
        m.remove("appliedGuardrailDetails");
    }
    // outputScope FULL lists the policies that did not intervene as well.
    if full && !blocked {
        a["topicPolicy"] = json!({"topics": [
            {"name": "Blocked", "type": "DENY", "action": "NONE", "detected": false}]});
    }
    let emails: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']))
        .filter(|w| is_email(w))
        .collect();
    let masked = !blocked && !emails.is_empty();
    if masked {
        a["sensitiveInformationPolicy"] = json!({
            "piiEntities": emails.iter().map(|e| json!(
                {"type": "EMAIL", "match": e, "action": "ANONYMIZED", "detected": true})).collect::<Vec<_>>(),
            "regexes": [],
        });
    }
    let (action, reason, outputs) = if blocked {
        (
            "GUARDRAIL_INTERVENED",
            "Guardrail blocked.",
            json!([{"text": BLOCKED_TEXT}]),
        )
    } else if masked {
        let mut out = text.clone();
        for e in &emails {
            out = out.replace(e, "{EMAIL}");
        }
        // The emulator's wording; the service's reason text for masking is not recorded.
        (
            "GUARDRAIL_INTERVENED",
            "Guardrail masked.",
            json!([{"text": out}]),
        )
    } else {
        ("NONE", "No action.", json!([]))
    };
    Ok(json!({
        "usage": {
            "topicPolicyUnits": chars.div_ceil(1000).max(1),
            "contentPolicyUnits": 0,
            "wordPolicyUnits": 0,
            "sensitiveInformationPolicyUnits": 0,
            "sensitiveInformationPolicyFreeUnits": 0,
            "contextualGroundingPolicyUnits": 0,
        },
        "action": action,
        "actionReason": reason,
        "outputs": outputs,
        "assessments": [a],
        "guardrailCoverage": {"textCharacters": {"guarded": chars, "total": chars}},
    }))
}

/// `name@host.tld`: enough to stand for the EMAIL entity.
fn is_email(w: &str) -> bool {
    match w.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !host.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_versions() {
        assert!(identifier_ok("xbgw7g293v7o"));
        assert!(identifier_ok(
            "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123"
        ));
        assert!(!identifier_ok("Bad_Id"));
        assert!(version_ok("DRAFT") && version_ok("12") && !version_ok("0") && !version_ok("v1"));
    }

    #[test]
    fn invoke_headers_are_checked_like_the_members_they_bind() {
        assert!(from_headers(None, None, Some("ENABLED")).unwrap().is_none());
        let g = from_headers(Some("abc"), Some("DRAFT"), Some("ENABLED_FULL"))
            .unwrap()
            .unwrap();
        assert!(g.trace && g.version == "DRAFT");
        let e = from_headers(Some("Bad_Id"), None, Some("on")).unwrap_err();
        assert!(
            e.message.starts_with("3 validation errors detected")
                && e.message.contains("'guardrailIdentifier'")
                && e.message.contains(
                    "'guardrailVersion' failed to satisfy constraint: Member must not be null"
                )
                && e.message.contains("[ENABLED, DISABLED, ENABLED_FULL]"),
            "{}",
            e.message
        );
    }

    #[test]
    fn apply_blocks_on_the_marker() {
        let r = apply(
            "abc",
            "1",
            &json!({"source": "INPUT", "content": [{"text": {"text": "x [[blocked]]"}}]}),
        )
        .unwrap();
        assert_eq!(r["action"], "GUARDRAIL_INTERVENED");
        let r = apply(
            "abc",
            "1",
            &json!({"source": "INPUT", "content": [{"text": {"text": "fine"}}]}),
        )
        .unwrap();
        assert_eq!(r["action"], "NONE");
        let e = apply("abc", "v1", &json!({"source": "X", "content": []})).unwrap_err();
        assert!(
            e.message.starts_with("2 validation errors detected"),
            "{}",
            e.message
        );
        let e = apply(
            "abc",
            "1",
            &json!({"source": "INPUT", "content": [], "outputScope": "ALL"}),
        )
        .unwrap_err();
        assert!(e.message.contains("[INTERVENTIONS, FULL]"), "{}", e.message);
        let e = apply(
            "abc",
            "1",
            &json!({"source": "INPUT", "content": [], "trace": "x"}),
        )
        .unwrap_err();
        assert!(
            e.message.contains("Unrecognized field \"trace\""),
            "{}",
            e.message
        );
        let full = apply(
            "abc",
            "1",
            &json!({"source": "OUTPUT", "content": [{"text": {"text": "ok", "qualifiers": ["query"]}}], "outputScope": "FULL"}),
        )
        .unwrap();
        assert_eq!(
            full["assessments"][0]["topicPolicy"]["topics"][0]["action"],
            "NONE"
        );
    }
}

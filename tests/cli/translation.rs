//! Issue 18 translation gaps: native structured output, server-side tools, converse_like proxies,
//! legacy invoke bodies, Anthropic built-in tools, per-profile body settings, attachments by URL.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

/// A plain OpenAI-style schema (no `additionalProperties`) on a model with native structured
/// output: brock closes every object, so the strict emulator accepts it.
#[test]
fn plain_json_schema_on_a_native_model_succeeds() {
    let env = TestEnv::new();
    let schema = env.write_file(
        "schema.json",
        r#"{"type":"object","properties":{"city":{"type":"string"},"where":{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}},"required":["city","where"]}"#,
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--model",
            "zai.glm-4.7-flash",
            "--json-schema",
            schema.to_str().unwrap(),
            "largest city in France",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert!(
        v["city"].is_string() && v["where"]["country"].is_string(),
        "{v}"
    );
}

/// The emulator refuses an open object schema the way Bedrock does.
#[test]
fn emulator_refuses_an_open_object_schema() {
    let env = TestEnv::new();
    let schema = r#"{"type":"object","properties":{"a":{"type":"object","properties":{}}},"additionalProperties":false}"#;
    let body = serde_json::json!({
        "messages": [{"role": "user", "content": [{"text": "hi"}]}],
        "outputConfig": {"textFormat": {"type": "json_schema", "structure": {"jsonSchema": {"schema": schema, "name": "x"}}}}
    });
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/zai.glm-4.7-flash/converse",
            "-d",
            &body.to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("'additionalProperties' must be explicitly set to false"),
        "{}",
        stderr_of(&out)
    );
}

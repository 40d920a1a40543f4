//! Golden JSON pairs in `src/testdata/openai/`:
//! - `in_*.json`: `{"openai": chat.completions request, "converse": body brock sends}`;
//! - `out_*.json`: `{"converse": Converse response, "openai": chat.completion}`;
//! - `stream_*.json`: `{"cassette": recorded stream, "chunks": [chat.completion.chunk, …]}`.
//!
//! Run with `BROCK_BLESS=1` to rewrite the right-hand sides after a deliberate change, then
//! review the diff.

use std::path::PathBuf;

use serde_json::{Value, json};

use super::*;
use crate::converse::{parse_response_value, to_converse};
use crate::stream::{ConverseStreamDecoder, StreamEvent};
use crate::testutil;

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("src/testdata/openai")
        .join(name)
}

fn load(name: &str) -> Value {
    let path = testdata(name);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Compares `actual` with `key` of the golden file, or rewrites it under BROCK_BLESS.
fn golden(name: &str, key: &str, actual: Value) {
    let mut doc = load(name);
    if std::env::var_os("BROCK_BLESS").is_some() {
        doc[key] = actual;
        let text = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        std::fs::write(testdata(name), text).unwrap();
        return;
    }
    assert_eq!(
        actual, doc[key],
        "{name}: {key} differs (BROCK_BLESS=1 rewrites it)"
    );
}

fn converse_body(openai: &Value) -> Value {
    let parsed = parse_request(openai).unwrap();
    to_converse(&parsed.request).unwrap().body
}

#[test]
fn golden_requests_in() {
    for name in [
        "in_basic.json",
        "in_tool_loop_with_thinking.json",
        "in_multimodal_json_schema.json",
    ] {
        let doc = load(name);
        golden(name, "converse", converse_body(&doc["openai"]));
    }
}

#[test]
fn request_details() {
    let doc = load("in_basic.json");
    let p = parse_request(&doc["openai"]).unwrap();
    assert_eq!(p.model, "us.anthropic.claude-sonnet-4-20250514-v1:0");
    assert!(p.stream && p.include_usage);
    assert_eq!(p.ignored, ["presence_penalty", "user"]);

    let doc = load("in_tool_loop_with_thinking.json");
    let p = parse_request(&doc["openai"]).unwrap();
    assert_eq!(p.request.reasoning, Some(ReasoningLevel::Low));
    assert_eq!(p.request.inference.max_tokens, Some(8000));
    assert_eq!(p.request.tool_choice, Some(ToolChoice::Auto));
    // Both tool results share one user turn, followed by the user's text.
    let turn = &p.request.conversation.messages[2];
    assert_eq!(turn.role, Role::User);
    assert_eq!(turn.content.len(), 3);
}

#[test]
fn request_errors() {
    let base = || json!({"model": "m.x", "messages": [{"role": "user", "content": "hi"}]});
    let cases: Vec<(Value, &str)> = vec![
        (
            {
                let mut v = base();
                v["n"] = json!(2);
                v
            },
            "OpenAI request: n = 2 is not supported: Bedrock returns one answer per request",
        ),
        (
            json!({"model": "m.x", "messages": [{"role": "user", "content": [
                {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}),
            "OpenAI request: messages[0]: only data: URLs are supported for images and files (brock does not fetch https://example.com/cat.png)",
        ),
        (
            json!({"model": "m.x", "messages": [{"role": "assistant", "content": null, "tool_calls": [
                {"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{oops"}}]}]}),
            "OpenAI request: messages[0]: tool call c1: arguments are not valid JSON (key must be a string at line 1 column 2)",
        ),
        (
            json!({"model": "m.x", "messages": [{"role": "tool", "content": "x"}]}),
            "OpenAI request: messages[0]: a tool message needs tool_call_id",
        ),
        (
            json!({"model": 5, "messages": []}),
            "OpenAI request: 'model' must be a string",
        ),
        (
            {
                let mut v = base();
                v["reasoning_effort"] = json!("extreme");
                v
            },
            "OpenAI request: reasoning_effort 'extreme' is not one of none, minimal, low, medium, high",
        ),
        (
            {
                let mut v = base();
                v["tools"] = json!([{"type": "function", "function": {"name": "a b"}}]);
                v
            },
            "OpenAI request: tools[0]: tool name 'a b' contains ' ': only letters, digits, '_' and '-' are allowed",
        ),
        (
            json!({"model": "m.x", "messages": [{"role": "user", "content": [{"type": "input_audio"}]}]}),
            "OpenAI request: messages[0]: audio input is not supported by the Converse API",
        ),
    ];
    for (v, want) in cases {
        assert_eq!(parse_request(&v).unwrap_err().to_string(), want);
    }
    // Unknown fields are provider fields.
    let mut v = base();
    v["top_k"] = json!(3);
    v["guardrailConfig"] =
        json!({"guardrailIdentifier": "abc", "guardrailVersion": "1", "trace": "enabled"});
    v["some_provider_field"] = json!({"a": 1});
    let p = parse_request(&v).unwrap();
    assert_eq!(p.request.top_k, Some(3));
    assert!(p.request.guardrail.as_ref().unwrap().trace);
    assert_eq!(
        Value::Object(p.request.additional_fields),
        json!({"some_provider_field": {"a": 1}})
    );
}

#[test]
fn golden_responses_out() {
    for name in [
        "out_thinking.json",
        "out_tool_calls.json",
        "out_cache_usage.json",
        "out_guardrail.json",
    ] {
        let doc = load(name);
        let resp = parse_response_value(&doc["converse"]).unwrap();
        golden(
            name,
            "openai",
            chat_completion(&resp, "brock-test-model", "chatcmpl-test", 1700000000),
        );
    }
}

fn stream_chunks(cassette: &str, interaction: usize, json_tool: Option<&str>) -> Vec<Value> {
    let bytes = testutil::cassette(cassette)[interaction]
        .response_bytes
        .clone()
        .unwrap();
    let mut dec = ConverseStreamDecoder::new();
    let mut enc = ChunkEncoder::new("chatcmpl-test", "brock-test-model", 1700000000);
    if let Some(t) = json_tool {
        enc = enc.with_json_tool(t);
    }
    let mut out = Vec::new();
    for f in testutil::frames(&bytes) {
        for e in dec.decode_frame(&f).unwrap() {
            out.extend(enc.push(&e));
        }
    }
    out.extend(enc.finish());
    out
}

#[test]
fn golden_streams_out() {
    for (name, cassette) in [
        (
            "stream_tool_call.json",
            "test_bedrock_model_iter_stream.yaml",
        ),
        (
            "stream_thinking.json",
            "test_bedrock_model_thinking_part_stream.yaml",
        ),
    ] {
        let doc = load(name);
        assert_eq!(doc["cassette"], json!(cassette));
        golden(
            name,
            "chunks",
            Value::Array(stream_chunks(cassette, 0, None)),
        );
    }
}

#[test]
fn streamed_chunks_add_up_to_the_message() {
    // Concatenating the deltas gives what the non-streaming mapping gives.
    let chunks = stream_chunks("test_bedrock_model_iter_stream.yaml", 0, None);
    let content: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert!(content.starts_with("<thinking> To find the temperature"));
    let args: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"].as_str())
        .collect();
    assert_eq!(args, "{\"city\":\"Paris\"}");
    let last = chunks.last().unwrap();
    assert_eq!(last["choices"][0]["finish_reason"], json!("tool_calls"));
    assert_eq!(last["usage"]["total_tokens"], json!(562));
}

#[test]
fn json_tool_streams_as_content() {
    let mut enc = ChunkEncoder::new("i", "m", 0).with_json_tool("json_response");
    let mut out = Vec::new();
    for e in [
        StreamEvent::MessageStart,
        StreamEvent::ToolUseStart {
            index: 0,
            id: "t".into(),
            name: "json_response".into(),
            kind: None,
        },
        StreamEvent::ToolUseDelta {
            index: 0,
            input_json_fragment: "{\"a\":".into(),
        },
        StreamEvent::ToolUseDelta {
            index: 0,
            input_json_fragment: "1}".into(),
        },
        StreamEvent::BlockStop { index: 0 },
        StreamEvent::MessageStop {
            stop_reason: StopReason::ToolUse,
            additional_fields: None,
        },
    ] {
        out.extend(enc.push(&e));
    }
    out.extend(enc.finish());
    let content: String = out
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(content, "{\"a\":1}");
    assert_eq!(
        out.last().unwrap()["choices"][0]["finish_reason"],
        json!("stop")
    );
    assert!(
        out.iter()
            .all(|c| c["choices"][0]["delta"].get("tool_calls").is_none())
    );
    assert!(enc.finish().is_empty());
}

#[test]
fn finish_reasons() {
    assert_eq!(finish_reason(&StopReason::EndTurn, false), "stop");
    assert_eq!(finish_reason(&StopReason::StopSequence, false), "stop");
    assert_eq!(finish_reason(&StopReason::MaxTokens, false), "length");
    assert_eq!(finish_reason(&StopReason::ToolUse, true), "tool_calls");
    assert_eq!(
        finish_reason(&StopReason::GuardrailIntervened, false),
        "content_filter"
    );
    assert_eq!(
        finish_reason(&StopReason::ContentFiltered, false),
        "content_filter"
    );
    assert_eq!(
        finish_reason(&StopReason::ModelContextWindowExceeded, false),
        "length"
    );
}

#[test]
fn round_trip_openai_out_then_in() {
    // An assistant turn rendered for an OpenAI client and sent back in the next request
    // keeps its signed reasoning and tool call ids.
    let doc = load("out_tool_calls.json");
    let resp = parse_response_value(&doc["converse"]).unwrap();
    let completion = chat_completion(&resp, "m", "i", 0);
    let assistant = completion["choices"][0]["message"].clone();
    let req = json!({"model": "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "messages": [
        {"role": "user", "content": "What is the largest city in the user country?"},
        assistant,
    ]});
    let p = parse_request(&req).unwrap();
    assert_eq!(p.request.conversation.messages[1], resp.message);
}

/// Converse's top-level fields given in an OpenAI body land beside `messages`, never inside
/// `additionalModelRequestFields` (where Bedrock would hand them to the model, which refuses them).
#[test]
fn converse_top_level_fields_stay_top_level() {
    let body = converse_body(&json!({
        "model": "us.anthropic.claude-sonnet-4-20250514-v1:0",
        "messages": [{"role": "user", "content": "hi"}],
        "requestMetadata": {"team": "search", "ticket": "T-1"},
        "additionalModelResponseFieldPaths": ["/stop_sequence"],
        "serviceTier": {"type": "flex"},
        "performanceConfig": {"latency": "optimized"},
        "guardrailConfig": {"guardrailIdentifier": "gr1", "guardrailVersion": "2"},
        "promptVariables": {"topic": {"text": "rust"}},
        "additionalModelRequestFields": {"top_k": 7},
    }));
    assert_eq!(
        body["requestMetadata"],
        json!({"team": "search", "ticket": "T-1"})
    );
    assert_eq!(
        body["additionalModelResponseFieldPaths"],
        json!(["/stop_sequence"])
    );
    assert_eq!(body["serviceTier"], json!({"type": "flex"}));
    assert_eq!(body["performanceConfig"], json!({"latency": "optimized"}));
    assert_eq!(body["guardrailConfig"]["guardrailIdentifier"], "gr1");
    assert_eq!(body["promptVariables"], json!({"topic": {"text": "rust"}}));
    // A literal additionalModelRequestFields is the model's fields, not nested once more.
    assert_eq!(body["additionalModelRequestFields"], json!({"top_k": 7}));

    let e = parse_request(&json!({
        "model": "m", "messages": [{"role": "user", "content": "hi"}],
        "requestMetadata": {"n": 1},
    }))
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("'requestMetadata' must be an object of strings"),
        "{e}"
    );
}

/// The OpenAI SDK merges `extra_body` into the top level; a body that spells it out literally
/// (as gateway guides' curl examples do) means the same.
#[test]
fn literal_extra_body_is_merged_like_the_sdk() {
    let literal = json!({
        "model": "us.anthropic.claude-sonnet-4-20250514-v1:0",
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 4000,
        "extra_body": {
            "thinking": {"type": "enabled", "budget_tokens": 2048},
            "anthropic_beta": ["context-1m-2025-08-07"],
            "requestMetadata": {"app": "docs"},
        },
    });
    let merged = json!({
        "model": "us.anthropic.claude-sonnet-4-20250514-v1:0",
        "messages": [{"role": "user", "content": "hi"}],
        "max_tokens": 4000,
        "thinking": {"type": "enabled", "budget_tokens": 2048},
        "anthropic_beta": ["context-1m-2025-08-07"],
        "requestMetadata": {"app": "docs"},
    });
    let body = converse_body(&literal);
    assert_eq!(body, converse_body(&merged));
    assert!(body.get("extra_body").is_none());
    let fields = &body["additionalModelRequestFields"];
    assert_eq!(
        fields["thinking"],
        json!({"type": "enabled", "budget_tokens": 2048})
    );
    assert_eq!(fields["anthropic_beta"], json!(["context-1m-2025-08-07"]));
    assert!(fields.get("extra_body").is_none());
    assert_eq!(body["requestMetadata"], json!({"app": "docs"}));

    let e = parse_request(&json!({
        "model": "m", "messages": [{"role": "user", "content": "hi"}], "extra_body": "x",
    }))
    .unwrap_err();
    assert!(
        e.to_string().contains("'extra_body' must be an object"),
        "{e}"
    );
}

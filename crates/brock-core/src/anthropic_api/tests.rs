use serde_json::json;

use super::*;

#[test]
fn a_full_request_becomes_the_canonical_one() {
    let v = json!({
        "model": "nova-lite",
        "max_tokens": 300,
        "stream": true,
        "system": [{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
        "messages": [
            {"role": "user", "content": "What is the weather?"},
            {"role": "assistant", "content": [
                {"type": "thinking", "thinking": "Use the tool.", "signature": "sig"},
                {"type": "tool_use", "id": "toolu_1", "name": "weather", "input": {"city": "Paris"}}
            ]},
            {"role": "user", "content": [
                {"type": "tool_result", "tool_use_id": "toolu_1", "content": "sunny", "is_error": true},
                {"type": "text", "text": "Thanks", "cache_control": {"type": "ephemeral", "ttl": "1h"}}
            ]}
        ],
        "tools": [{"name": "weather", "description": "Weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}],
        "tool_choice": {"type": "tool", "name": "weather"},
        "thinking": {"type": "enabled", "budget_tokens": 2048},
        "stop_sequences": ["END"],
        "temperature": 0.5,
        "top_k": 20,
        "metadata": {"user_id": "u1"}
    });
    let m = parse_request(&v).unwrap();
    assert_eq!(m.model, "nova-lite");
    assert!(m.stream);
    let r = &m.request;
    assert_eq!(r.inference.max_tokens, Some(300));
    assert_eq!(r.inference.stop, vec!["END"]);
    assert_eq!(r.top_k, Some(20));
    assert_eq!(r.reasoning, Some(ReasoningLevel::Budget(2048)));
    assert_eq!(r.tool_choice, Some(ToolChoice::Tool("weather".into())));
    assert_eq!(r.tools[0].name, "weather");
    assert_eq!(
        r.conversation.system,
        vec![
            SystemPart::Text {
                text: "Be brief.".into()
            },
            SystemPart::CachePoint { ttl: None }
        ]
    );
    let msgs = &r.conversation.messages;
    assert_eq!(msgs.len(), 3);
    assert_eq!(
        msgs[1].content[0],
        Part::Reasoning {
            text: "Use the tool.".into(),
            signature: Some("sig".into())
        }
    );
    assert!(matches!(&msgs[1].content[1], Part::ToolUse { id, .. } if id == "toolu_1"));
    assert!(matches!(
        &msgs[2].content[0],
        Part::ToolResult { status: Some(ToolStatus::Error), content, .. }
            if content == &vec![ToolResultContent::Text { text: "sunny".into() }]
    ));
    assert_eq!(
        msgs[2].content[2],
        Part::CachePoint {
            ttl: Some("1h".into())
        }
    );
}

#[test]
fn bad_requests_are_refused_naming_the_field() {
    let cases = [
        (
            json!({"max_tokens": 5, "messages": [{"role": "user", "content": "x"}]}),
            "'model'",
        ),
        (
            json!({"model": "m", "messages": [{"role": "user", "content": "x"}]}),
            "'max_tokens'",
        ),
        (
            json!({"model": "m", "max_tokens": 0, "messages": [{"role": "user", "content": "x"}]}),
            "'max_tokens'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": []}),
            "'messages'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": [{"role": "system", "content": "x"}]}),
            "'messages.0.role'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": [{"type": "search_result"}]}]}),
            "'messages.0.content.0.type'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": [{"type": "image", "source": {"type": "url", "url": "https://x"}}]}]}),
            "'messages.0.content.0.source.type'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}], "mcp_servers": []}),
            "'mcp_servers'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "bash_20250124", "name": "bash"}]}),
            "'tools.0'",
        ),
        (
            json!({"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": "x"}], "thinking": {"type": "enabled"}}),
            "'thinking.budget_tokens'",
        ),
    ];
    for (v, field) in cases {
        let e = parse_request(&v).unwrap_err().to_string();
        assert!(e.contains(field), "{v}: {e}");
    }
}

#[test]
fn images_and_documents_decode_from_base64() {
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD
        .encode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0");
    let v = json!({"model": "m", "max_tokens": 5, "messages": [{"role": "user", "content": [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": png}},
        {"type": "document", "title": "notes", "source": {"type": "text", "media_type": "text/plain", "data": "hello"}},
        {"type": "text", "text": "?"}
    ]}]});
    let r = parse_request(&v).unwrap().request;
    let c = &r.conversation.messages[0].content;
    assert!(matches!(
        &c[0],
        Part::Image {
            format: crate::ImageFormat::Png,
            ..
        }
    ));
    assert!(
        matches!(&c[1], Part::Document { format: crate::DocumentFormat::Txt, name, .. } if name.starts_with("notes")),
        "{:?}",
        c[1]
    );
}

#[test]
fn a_stream_becomes_messages_events_in_order() {
    let mut enc = EventEncoder::new("msg_1", "nova-lite");
    let evs = [
        StreamEvent::MessageStart,
        StreamEvent::ReasoningDelta {
            index: 0,
            text: "hmm".into(),
        },
        StreamEvent::ReasoningSignature {
            index: 0,
            signature: "s".into(),
        },
        StreamEvent::BlockStop { index: 0 },
        StreamEvent::TextDelta {
            index: 1,
            text: "Hi".into(),
        },
        StreamEvent::BlockStop { index: 1 },
        StreamEvent::ToolUseStart {
            index: 3,
            id: "t1".into(),
            name: "f".into(),
            kind: None,
        },
        StreamEvent::ToolUseDelta {
            index: 3,
            input_json_fragment: "{}".into(),
        },
        StreamEvent::MessageStop {
            stop_reason: StopReason::ToolUse,
            additional_fields: None,
        },
        StreamEvent::Metadata {
            usage: Usage {
                input: 7,
                output: 3,
                total: 10,
                cache_read: 0,
                cache_write: 0,
            },
            latency_ms: None,
            trace: None,
        },
    ];
    let mut out = Vec::new();
    for e in &evs {
        out.extend(enc.push(e));
    }
    out.extend(enc.finish());
    let names: Vec<&str> = out.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "message_start",
            "content_block_start",
            "content_block_delta",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ]
    );
    assert_eq!(out[2].1["delta"]["type"], "thinking_delta");
    assert_eq!(
        out[3].1["delta"],
        json!({"type": "signature_delta", "signature": "s"})
    );
    // The tool call was block 3 upstream; the API numbers blocks 0, 1, 2.
    assert_eq!(out[8].1["index"], 2);
    assert_eq!(out[8].1["content_block"]["type"], "tool_use");
    assert_eq!(out[11].1["delta"]["stop_reason"], "tool_use");
    assert_eq!(out[11].1["usage"]["output_tokens"], 3);
    assert_eq!(out[11].1["usage"]["input_tokens"], 7);
}

#[test]
fn a_whole_answer_in_the_messages_shape() {
    let resp = ChatResponse {
        message: Message::new(
            Role::Assistant,
            vec![
                Part::Reasoning {
                    text: "t".into(),
                    signature: None,
                },
                Part::text("Hello"),
            ],
        ),
        stop_reason: StopReason::MaxTokens,
        usage: Usage {
            input: 4,
            output: 2,
            total: 6,
            cache_read: 1,
            cache_write: 0,
        },
        latency_ms: None,
        additional_fields: None,
        trace: None,
        service_tier: None,
    };
    let v = message_json(&resp, "nova-lite", "msg_x");
    assert_eq!(v["type"], "message");
    assert_eq!(
        v["content"][0],
        json!({"type": "thinking", "thinking": "t", "signature": ""})
    );
    assert_eq!(v["content"][1], json!({"type": "text", "text": "Hello"}));
    assert_eq!(v["stop_reason"], "max_tokens");
    assert_eq!(v["usage"]["cache_read_input_tokens"], 1);
}

#[test]
fn the_claude_body_is_the_request_with_bedrocks_version_and_betas() {
    let v = json!({"model": "claude-sonnet-4-5", "stream": true, "max_tokens": 5,
        "messages": [{"role": "user", "content": "x"}], "anthropic_beta": ["a"]});
    let b = claude_invoke_body(&v, &["b".into(), "a".into()]).unwrap();
    assert!(!b.contains_key("model") && !b.contains_key("stream"));
    assert_eq!(b["anthropic_version"], "bedrock-2023-05-31");
    assert_eq!(b["anthropic_beta"], json!(["a", "b"]));
    assert_eq!(b["max_tokens"], 5);
}

#[test]
fn error_types_by_status() {
    assert_eq!(error_type(400), "invalid_request_error");
    assert_eq!(error_type(401), "authentication_error");
    assert_eq!(error_type(403), "permission_error");
    assert_eq!(error_type(404), "not_found_error");
    assert_eq!(error_type(429), "rate_limit_error");
    assert_eq!(error_type(502), "api_error");
    assert_eq!(error_type(529), "overloaded_error");
}

use serde_json::json;

use super::*;

fn head() -> Head {
    Head {
        id: "resp_abc".into(),
        created_at: 7,
        model: "sonnet".into(),
        previous_response_id: None,
        echo: default_echo(),
    }
}

fn err(v: Value) -> String {
    parse_request(&v).unwrap_err().to_string()
}

#[test]
fn a_string_input_is_one_user_turn_and_instructions_go_first_in_the_system_prompt() {
    let r = parse_request(&json!({
        "model": "m", "input": "hi", "instructions": "be brief",
        "max_output_tokens": 50, "temperature": 0.2, "store": false,
        "metadata": { "k": "v" },
    }))
    .unwrap();
    assert!(!r.store);
    assert_eq!(r.request.inference.max_tokens, Some(50));
    let req = r.chat_request();
    assert_eq!(req.conversation.system_text().as_deref(), Some("be brief"));
    assert_eq!(req.conversation.messages, vec![Message::user_text("hi")]);
    assert_eq!(r.echo["metadata"], json!({ "k": "v" }));
    assert_eq!(r.echo["store"], json!(false));
    assert_eq!(r.echo["max_output_tokens"], json!(50));
}

#[test]
fn function_calls_and_outputs_become_tool_turns_with_reasoning_and_its_signature() {
    let reasoning = Part::Reasoning {
        text: "thought".into(),
        signature: Some("sig".into()),
    };
    let enc = encode_reasoning(&reasoning).unwrap();
    let r = parse_request(&json!({
        "model": "m",
        "input": [
            { "role": "user", "content": "weather?" },
            { "type": "reasoning", "id": "rs_1", "summary": [{ "type": "summary_text", "text": "thought" }],
              "encrypted_content": enc },
            { "type": "function_call", "call_id": "c1", "name": "get", "arguments": "{\"city\":\"Paris\"}" },
            { "type": "function_call_output", "call_id": "c1", "output": "sunny" },
            { "type": "message", "role": "user", "content": [{ "type": "input_text", "text": "thanks" }] },
        ],
    }))
    .unwrap();
    let m = &r.request.conversation.messages;
    assert_eq!(m.len(), 3, "{m:?}");
    assert_eq!(m[1].content[0], reasoning);
    assert!(
        matches!(&m[1].content[1], Part::ToolUse { id, input, .. } if id == "c1" && input["city"] == "Paris")
    );
    assert!(
        matches!(&m[2].content[0], Part::ToolResult { tool_use_id, .. } if tool_use_id == "c1")
    );
    assert_eq!(m[2].content[1], Part::text("thanks"));
}

#[test]
fn redacted_reasoning_round_trips_and_foreign_encrypted_content_is_refused() {
    let p = Part::RedactedReasoning {
        data: "opaque".into(),
    };
    assert_eq!(decode_reasoning(&encode_reasoning(&p).unwrap()), Some(p));
    let e = err(json!({ "model": "m", "input": [
        { "type": "reasoning", "summary": [], "encrypted_content": "gAAAAB-not-ours" }] }));
    assert!(
        e.contains("'input[0].encrypted_content' was not issued by this gateway"),
        "{e}"
    );
}

#[test]
fn unsupported_fields_and_values_are_refused_by_name() {
    for (body, want) in [
        (
            json!({ "tools": [{ "type": "web_search" }] }),
            "'tools[0]': tool type 'web_search'",
        ),
        (
            json!({ "background": true }),
            "'background' is not supported",
        ),
        (
            json!({ "conversation": "conv_1" }),
            "'conversation' is not supported",
        ),
        (json!({ "truncation": "auto" }), "'truncation' 'auto'"),
        (
            json!({ "include": ["file_search_call.results"] }),
            "'include' value 'file_search_call.results'",
        ),
        (
            json!({ "frobnicate": 1 }),
            "'frobnicate' is not a Responses API field",
        ),
        (
            json!({ "text": { "verbosity": "low" } }),
            "'text.verbosity'",
        ),
        (
            json!({ "reasoning": { "effort": "huge" } }),
            "'reasoning.effort' 'huge'",
        ),
        (
            json!({ "tool_choice": { "type": "file_search" } }),
            "'tool_choice' type 'file_search'",
        ),
        (
            json!({ "input": [{ "type": "web_search_call", "id": "x" }] }),
            "'input[0]': item type 'web_search_call'",
        ),
        (
            json!({ "input": [{ "role": "user", "content": [{ "type": "input_image", "file_id": "f" }] }] }),
            "'input[0]': input_image needs 'image_url'",
        ),
    ] {
        let mut b = body.clone();
        b["model"] = json!("m");
        let e = err(b);
        assert!(e.contains(want), "{body}: {e}");
    }
}

#[test]
fn text_format_json_schema_and_reasoning_effort_map_like_chat() {
    let r = parse_request(&json!({
        "model": "m", "input": "x",
        "text": { "format": { "type": "json_schema", "name": "city", "strict": true,
                              "schema": { "type": "object", "properties": { "name": { "type": "string" } } } } },
        "reasoning": { "effort": "low", "summary": "auto" },
        "tool_choice": { "type": "function", "name": "f" },
    }))
    .unwrap();
    let js = r.request.json_schema.unwrap();
    assert_eq!(js.name, "city");
    assert_eq!(js.schema.unwrap()["type"], "object");
    assert_eq!(r.request.reasoning, Some(ReasoningLevel::Low));
    assert_eq!(
        r.echo["reasoning"],
        json!({ "effort": "low", "summary": "auto" })
    );
    assert_eq!(r.request.tool_choice, Some(ToolChoice::Tool("f".into())));
}

#[test]
fn continue_from_puts_the_stored_turns_first() {
    let mut r = parse_request(&json!({ "model": "m", "input": "second" })).unwrap();
    let mut prev = Conversation::new();
    prev.push(Message::user_text("first"));
    prev.push(Message::assistant_text("answer"));
    r.continue_from(&prev);
    let texts: Vec<String> = r
        .request
        .conversation
        .messages
        .iter()
        .map(Message::text)
        .collect();
    assert_eq!(texts, ["first", "answer", "second"]);
}

fn whole() -> ChatResponse {
    ChatResponse {
        message: Message::new(
            Role::Assistant,
            vec![
                Part::Reasoning {
                    text: "hmm".into(),
                    signature: Some("sig".into()),
                },
                Part::text("Hello"),
                Part::ToolUse {
                    id: "t1".into(),
                    name: "get".into(),
                    input: json!({ "a": 1 }),
                    kind: None,
                },
            ],
        ),
        stop_reason: StopReason::ToolUse,
        usage: Usage {
            input: 10,
            output: 5,
            total: 15,
            cache_read: 2,
            cache_write: 0,
        },
        latency_ms: None,
        additional_fields: None,
        trace: None,
        service_tier: None,
    }
}

#[test]
fn a_whole_answer_becomes_reasoning_message_and_function_call_items() {
    let resp = whole();
    let h = head();
    let items = output_items(&h, &resp.message.content);
    let o = response_object(&h, items, Some(&resp.stop_reason), Some(&resp.usage));
    assert_eq!(o["status"], "completed");
    assert_eq!(o["output"][0]["type"], "reasoning");
    assert_eq!(o["output"][0]["summary"][0]["text"], "hmm");
    let enc = o["output"][0]["encrypted_content"].as_str().unwrap();
    assert_eq!(decode_reasoning(enc), Some(resp.message.content[0].clone()));
    assert_eq!(o["output"][1]["content"][0]["text"], "Hello");
    assert_eq!(o["output"][2]["call_id"], "t1");
    assert_eq!(o["output"][2]["arguments"], "{\"a\":1}");
    assert_eq!(o["usage"]["input_tokens"], 12);
    assert_eq!(o["usage"]["input_tokens_details"]["cached_tokens"], 2);
    assert_eq!(o["usage"]["total_tokens"], 17);
}

#[test]
fn the_stream_encoder_emits_openais_event_sequence_and_the_same_items() {
    let resp = whole();
    let mut enc = ResponsesEncoder::new(head());
    let mut events = enc.start();
    for ev in events_for_response(&resp) {
        events.extend(enc.push(&ev));
    }
    events.extend(enc.finish());
    let types: Vec<&str> = events.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        [
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta",
            "response.reasoning_summary_text.done",
            "response.reasoning_summary_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.output_item.added",
            "response.function_call_arguments.delta",
            "response.function_call_arguments.done",
            "response.output_item.done",
            "response.completed",
        ]
    );
    for (n, e) in events.iter().enumerate() {
        assert_eq!(e["sequence_number"], n as u64);
    }
    let h = head();
    let last = events.last().unwrap();
    assert_eq!(
        last["response"]["output"],
        json!(output_items(&h, &resp.message.content))
    );
    assert_eq!(last["response"]["usage"]["output_tokens"], 5);
    assert_eq!(enc.response(), last["response"]);
}

#[test]
fn max_tokens_ends_incomplete_and_a_failure_ends_failed() {
    let mut resp = whole();
    resp.stop_reason = StopReason::MaxTokens;
    let mut enc = ResponsesEncoder::new(head());
    for ev in events_for_response(&resp) {
        enc.push(&ev);
    }
    let end = enc.finish();
    assert_eq!(end[0]["type"], "response.incomplete");
    assert_eq!(
        end[0]["response"]["incomplete_details"]["reason"],
        "max_output_tokens"
    );

    let mut enc = ResponsesEncoder::new(head());
    enc.start();
    enc.push(&StreamEvent::TextDelta {
        index: 0,
        text: "par".into(),
    });
    let f = enc.fail("server_error", "boom");
    assert_eq!(f[0]["type"], "error");
    assert_eq!(f[1]["type"], "response.failed");
    assert_eq!(f[1]["response"]["status"], "failed");
    assert_eq!(f[1]["response"]["error"]["message"], "boom");
    assert!(enc.finish().is_empty());
}

#[test]
fn the_json_schema_answer_tool_streams_as_message_text() {
    let mut enc = ResponsesEncoder::new(head()).with_json_tool("json_answer");
    let mut ev = Vec::new();
    for e in [
        StreamEvent::ToolUseStart {
            index: 0,
            id: "t".into(),
            name: "json_answer".into(),
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
        ev.extend(enc.push(&e));
    }
    ev.extend(enc.finish());
    let r = &ev.last().unwrap()["response"];
    assert_eq!(r["status"], "completed");
    assert_eq!(r["output"][0]["type"], "message");
    assert_eq!(r["output"][0]["content"][0]["text"], "{\"a\":1}");
}

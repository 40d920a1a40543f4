//! `brock serve`'s OpenAI Responses API (`POST /v1/responses`, `GET /v1/responses/{id}`): the
//! real OpenAI SDK, and raw HTTP for the event stream, the refusals and the log line.

use serde_json::{Value, json};

use crate::common::TestEnv;
use crate::serve::{Gateway, client_through_gateway, http};

/// The `data:` payloads of a Responses stream, each checked against its `event:` line.
fn events(text: &str) -> Vec<Value> {
    text.split("\n\n")
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let (name, data) = e
                .split_once('\n')
                .unwrap_or_else(|| panic!("an event and its data: {e:?}"));
            let name = name.strip_prefix("event: ").expect("an event: line");
            let v: Value = serde_json::from_str(data.strip_prefix("data: ").expect("data:"))
                .unwrap_or_else(|err| panic!("{err}: {data}"));
            assert_eq!(v["type"], name, "{e}");
            v
        })
        .collect()
}

#[test]
fn the_openai_sdk_responses_api_works_against_the_gateway() {
    client_through_gateway("openai_responses.py", "sk-brock-responses-key");
}

/// The README's Agents SDK setup, run: the agent loop calls the tool and sends the reasoning
/// and the call back through the gateway.
#[test]
fn an_openai_agents_sdk_agent_runs_tools_with_reasoning_through_the_gateway() {
    let err = client_through_gateway("openai_agents.py", "sk-brock-agents-key");
    let posts = err
        .lines()
        .filter(|l| l.starts_with("POST /v1/responses model=sonnet status=200"))
        .count();
    assert_eq!(posts, 3, "one plain run, two turns of the tool run: {err}");
}

#[test]
fn a_responses_stream_sends_openais_events_in_order_with_usage_and_is_logged() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--log-format", "json"], &[]);
    let body = json!({
        "model": "nova-lite", "stream": true, "input": "stream this please",
        "metadata": { "team": "a" },
    });
    let r = gw.post("/v1/responses", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let evs = events(&r.text());
    let types: Vec<&str> = evs.iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(
        types[..5],
        [
            "response.created",
            "response.in_progress",
            "response.output_item.added",
            "response.content_part.added",
            "response.output_text.delta",
        ]
    );
    assert_eq!(
        types[types.len() - 4..],
        [
            "response.output_text.done",
            "response.content_part.done",
            "response.output_item.done",
            "response.completed",
        ]
    );
    for (n, e) in evs.iter().enumerate() {
        assert_eq!(e["sequence_number"], n as u64, "{e}");
    }
    let text: String = evs
        .iter()
        .filter(|e| e["type"] == "response.output_text.delta")
        .map(|e| e["delta"].as_str().unwrap())
        .collect();
    let want =
        "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: stream this please";
    assert_eq!(text, want);
    let done = &evs.last().unwrap()["response"];
    assert_eq!(done["status"], "completed");
    assert_eq!(done["output"][0]["content"][0]["text"], want);
    assert_eq!(done["usage"]["output_tokens"], 11);
    assert_eq!(done["metadata"], json!({ "team": "a" }));
    let id = done["id"].as_str().unwrap();
    assert!(id.starts_with("resp_"), "{id}");

    // Stored: GET gives the completed response.
    let got = gw.request("GET", &format!("/v1/responses/{id}"), &[], b"");
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(&got.json(), done);
    // DELETE forgets it, in OpenAI's shape.
    let del = gw.request("DELETE", &format!("/v1/responses/{id}"), &[], b"");
    assert_eq!(del.status, 200, "{}", del.text());
    assert_eq!(
        del.json(),
        json!({ "id": id, "object": "response", "deleted": true })
    );
    let gone = gw.request("GET", &format!("/v1/responses/{id}"), &[], b"");
    assert_eq!(gone.status, 404, "{}", gone.text());

    let (_, err) = gw.stop();
    let logged: Vec<Value> = err
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(logged[0]["path"], "/v1/responses");
    assert_eq!(logged[0]["model"], "nova-lite");
    assert_eq!(logged[0]["output_tokens"], 11);
    assert!(logged[0]["input_tokens"].as_u64().unwrap() > 0);
    assert_eq!(logged[0]["cancelled"], false);
}

#[test]
fn unsupported_responses_fields_are_refused_with_400_naming_them_and_nothing_sent() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let before = env.emulator.requests();
    // (extra fields, status, the `param` named, words the message holds)
    let cases: Vec<(Value, u16, &str, &str)> = vec![
        (
            json!({ "tools": [{ "type": "web_search" }] }),
            400,
            "tools[0]",
            "web_search",
        ),
        (
            json!({ "tools": [{ "type": "file_search", "vector_store_ids": ["v"] }] }),
            400,
            "tools[0]",
            "file_search",
        ),
        (
            json!({ "background": true }),
            400,
            "background",
            "background",
        ),
        (
            json!({ "conversation": "conv_1" }),
            400,
            "conversation",
            "conversation",
        ),
        (
            json!({ "prompt": { "id": "pmpt_1" } }),
            400,
            "prompt",
            "prompt",
        ),
        (json!({ "truncation": "auto" }), 400, "truncation", "auto"),
        (
            json!({ "include": ["web_search_call.results"] }),
            400,
            "include",
            "web_search_call.results",
        ),
        (
            json!({ "max_tool_calls": 3 }),
            400,
            "max_tool_calls",
            "max_tool_calls",
        ),
        (
            json!({ "text": { "verbosity": "high" } }),
            400,
            "text.verbosity",
            "verbosity",
        ),
        (
            json!({ "reasoning": { "effort": "extreme" } }),
            400,
            "reasoning.effort",
            "extreme",
        ),
        (
            json!({ "tool_choice": { "type": "web_search_preview" } }),
            400,
            "tool_choice",
            "web_search_preview",
        ),
        (json!({ "n": 2 }), 400, "n", "'n'"),
        (
            json!({ "input": [{ "type": "item_reference", "id": "msg_1" }] }),
            400,
            "input[0]",
            "item_reference",
        ),
        (
            json!({ "input": [{ "type": "computer_call_output", "call_id": "c" }] }),
            400,
            "input[0]",
            "computer_call_output",
        ),
        (
            json!({ "input": [{ "role": "user", "content": [{ "type": "input_file", "file_id": "file-1" }] }] }),
            400,
            "input[0]",
            "file ids",
        ),
        (
            json!({ "input": [{ "type": "reasoning", "summary": [], "encrypted_content": "gAAAAABforeign" }] }),
            400,
            "input[0].encrypted_content",
            "not issued by this gateway",
        ),
        (json!({ "input": [] }), 400, "input", "at least one"),
        (
            json!({ "previous_response_id": "resp_nope" }),
            400,
            "previous_response_id",
            "resp_nope",
        ),
        (json!({ "model": "gpt-4o" }), 404, "model", "gpt-4o"),
    ];
    for (extra, status, param, word) in cases {
        let mut body = json!({ "model": "nova-lite", "input": "hi" });
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        let r = gw.post("/v1/responses", &body);
        assert_eq!(r.status, status, "{extra}: {}", r.text());
        let v = r.json();
        assert_eq!(v["error"]["param"], param, "{extra}: {v}");
        assert_eq!(v["error"]["type"], "invalid_request_error", "{extra}: {v}");
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains(word), "{extra}: {msg}");
    }
    assert_eq!(
        env.emulator.requests(),
        before,
        "nothing reached Bedrock for bad input"
    );
    for method in ["GET", "DELETE"] {
        let r = gw.request(method, "/v1/responses/resp_missing", &[], b"");
        assert_eq!(r.status, 404, "{method}: {}", r.text());
        assert!(
            r.json()["error"]["message"]
                .as_str()
                .unwrap()
                .contains("resp_missing"),
            "{method}"
        );
    }
}

#[test]
fn a_responses_stream_that_breaks_upstream_ends_with_error_and_response_failed() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--max-attempts", "1"], &[]);
    let body =
        json!({ "model": "emulator.stream-error", "input": "[[tokens=30]] go", "stream": true });
    let r = gw.post("/v1/responses", &body);
    assert_eq!(
        r.status, 200,
        "the status line went out with the first event"
    );
    let evs = events(&r.text());
    assert!(
        evs.iter()
            .any(|e| e["type"] == "response.output_text.delta"),
        "{evs:?}"
    );
    let n = evs.len();
    assert_eq!(evs[n - 2]["type"], "error", "{evs:?}");
    assert!(
        evs[n - 2]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );
    let failed = &evs[n - 1];
    assert_eq!(failed["type"], "response.failed");
    assert_eq!(failed["response"]["status"], "failed");
    assert!(
        failed["response"]["error"]["message"].is_string(),
        "{failed}"
    );
    assert!(!evs.iter().any(|e| e["type"] == "response.completed"));
    // A failed response is not stored.
    let id = failed["response"]["id"].as_str().unwrap();
    let got = http(
        &gw.addr,
        "GET",
        &format!("/api/v1/responses/{id}"),
        &[],
        b"",
    );
    assert_eq!(got.status, 404);
}

#[test]
fn reasoning_items_round_trip_over_raw_http_and_a_whole_answer_keeps_its_order() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let tools = json!([{ "type": "function", "name": "get_weather",
        "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] } }]);
    let mut input =
        vec![json!({ "role": "user", "content": "What is the weather in Paris? use get_weather" })];
    let body = json!({ "model": "sonnet", "input": input, "tools": tools,
        "reasoning": { "effort": "high" }, "tool_choice": "required", "store": false });
    let r = gw.post("/v1/responses", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let first = r.json();
    let out = first["output"].as_array().unwrap();
    assert_eq!(out[0]["type"], "reasoning", "{first}");
    assert!(
        out[0]["summary"][0]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    let call = out
        .iter()
        .find(|o| o["type"] == "function_call")
        .expect("a call");
    input.extend(out.iter().cloned());
    input.push(
        json!({ "type": "function_call_output", "call_id": call["call_id"], "output": "sunny" }),
    );
    let body = json!({ "model": "sonnet", "input": input, "tools": tools, "reasoning": { "effort": "high" } });
    let r = gw.post("/v1/responses", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let second = r.json();
    let text = second["output"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["type"] == "message")
        .map(|m| m["content"][0]["text"].as_str().unwrap().to_string())
        .unwrap();
    assert!(text.ends_with("The tool returned: sunny"), "{text}");
    // store: false — nothing kept.
    let id = first["id"].as_str().unwrap();
    assert_eq!(
        gw.request("GET", &format!("/v1/responses/{id}"), &[], b"")
            .status,
        404
    );
}

fn png(width: u32, height: u32) -> Vec<u8> {
    // A PNG signature and IHDR are enough for type sniffing.
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v
}

/// What reaches Bedrock: instructions before the developer message in the system prompt, the
/// image and the file as Converse blocks, the sampling settings in `inferenceConfig`.
#[test]
fn responses_input_parts_and_settings_reach_converse() {
    use base64::Engine;
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let body = json!({
        "model": "nova-lite",
        "instructions": "be brief",
        "max_output_tokens": 77,
        "temperature": 0.25,
        "input": [
            { "type": "message", "role": "developer", "content": "answer in French" },
            { "type": "message", "role": "user", "content": [
                { "type": "input_text", "text": "what are these?" },
                { "type": "input_image", "image_url": format!("data:image/png;base64,{}", b64(&png(2, 2))), "detail": "auto" },
                { "type": "input_file", "filename": "report.pdf", "file_data": format!("data:application/pdf;base64,{}", b64(b"%PDF-1.4\n%test\n")) },
            ] },
        ],
    });
    let r = gw.post("/v1/responses", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let sent = env
        .emulator
        .last_request()
        .expect("a request reached Bedrock");
    assert!(sent.uri.ends_with("/converse"), "{}", sent.uri);
    let sent: Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(
        sent["system"],
        json!([{ "text": "be brief" }, { "text": "answer in French" }])
    );
    let content = sent["messages"][0]["content"].as_array().unwrap();
    assert_eq!(content[0]["text"], "what are these?");
    assert_eq!(content[1]["image"]["format"], "png");
    assert_eq!(content[2]["document"]["format"], "pdf");
    assert_eq!(content[2]["document"]["name"], "report");
    assert_eq!(sent["inferenceConfig"]["maxTokens"], 77);
    assert_eq!(sent["inferenceConfig"]["temperature"], 0.25);
    let v = r.json();
    assert_eq!(v["instructions"], "be brief");
    assert_eq!(v["max_output_tokens"], 77);
}

/// `text.format` json_schema streamed: the answer arrives as message text deltas, whether the
/// model answers in text (Claude, Bedrock's native structured output) or through an answer
/// tool (Nova), which never shows as a function call.
#[test]
fn a_streamed_json_schema_answer_is_message_text() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    for model in ["sonnet", "nova-lite"] {
        let body = json!({
            "model": model, "stream": true, "input": "largest city in France",
            "text": { "format": { "type": "json_schema", "name": "city", "schema": {
                "type": "object",
                "properties": { "city": { "type": "string" }, "population": { "type": "integer" } },
                "required": ["city", "population"],
            } } },
        });
        let r = gw.post("/v1/responses", &body);
        assert_eq!(r.status, 200, "{model}: {}", r.text());
        let evs = events(&r.text());
        assert!(
            !evs.iter()
                .any(|e| e["type"].as_str().unwrap().contains("function_call")),
            "{model}: {evs:?}"
        );
        let text: String = evs
            .iter()
            .filter(|e| e["type"] == "response.output_text.delta")
            .map(|e| e["delta"].as_str().unwrap())
            .collect();
        let doc: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{model}: {e}: {text}"));
        assert!(
            doc["city"].is_string() && doc["population"].is_i64(),
            "{model}: {doc}"
        );
        let done = &evs.last().unwrap()["response"];
        assert_eq!(done["status"], "completed", "{model}");
        assert_eq!(done["output"][0]["content"][0]["text"], text, "{model}");
    }
}

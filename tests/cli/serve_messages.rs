//! `brock serve`'s Anthropic Messages API (`/v1/messages`, `/v1/messages/count_tokens`)
//! against the emulator: by hand over HTTP for the exact bytes, and with the official
//! `anthropic` Python SDK (see `serve::python`).

use base64::Engine;
use serde_json::{Value, json};

use crate::common::TestEnv;
use crate::serve::{Gateway, Resp, client_through_gateway};

const CLAUDE: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

fn hello(model: &str) -> Value {
    json!({"model": model, "max_tokens": 200, "messages": [{"role": "user", "content": "Hello"}]})
}

/// `(event name, data)` of each server-sent event.
fn sse(r: &Resp) -> Vec<(String, Value)> {
    r.text()
        .split("\n\n")
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let name = e
                .lines()
                .find_map(|l| l.strip_prefix("event: "))
                .unwrap_or_else(|| panic!("an event without a name: {e:?}"));
            let data = e
                .lines()
                .find_map(|l| l.strip_prefix("data: "))
                .unwrap_or_else(|| panic!("an event without data: {e:?}"));
            (name.to_string(), serde_json::from_str(data).unwrap())
        })
        .collect()
}

/// The Anthropic body the emulator received last, decoded.
fn upstream(env: &TestEnv) -> (String, Value) {
    let r = env
        .emulator
        .last_request()
        .expect("a request reached Bedrock");
    (
        r.uri,
        serde_json::from_slice(&r.body).unwrap_or(Value::Null),
    )
}

#[test]
fn the_anthropic_python_sdk_works_against_the_gateway() {
    let err = client_through_gateway("anthropic_sdk.py", "sk-brock-anthropic-key");
    // Every call is logged with its model and tokens, streams too.
    let ok: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("POST /v1/messages model=claude-sonnet-4-5 status=200"))
        .collect();
    assert!(ok.len() >= 3, "{err}");
    assert!(
        ok.iter()
            .all(|l| !l.contains("tokens=-") && !l.contains("cancelled")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l
                .starts_with("POST /v1/messages/count_tokens model=claude-sonnet-4-5 status=200")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("POST /v1/messages model=- status=401")),
        "{err}"
    );
}

#[test]
fn claude_gets_the_messages_body_on_invoke_model_and_the_answer_comes_back_as_is() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let mut body = hello("claude-sonnet-4-5");
    body["metadata"] = json!({"user_id": "u-1"});
    body["system"] =
        json!([{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}]);
    body["tools"] = json!([
        {"type": "bash_20250124", "name": "bash"},
        {"name": "get_weather", "description": "Weather", "cache_control": {"type": "ephemeral"},
         "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}}}
    ]);
    body["tool_choice"] = json!({"type": "auto"});
    let r = gw.request(
        "POST",
        "/v1/messages",
        &[(
            "anthropic-beta",
            "claude-code-20250219,interleaved-thinking-2025-05-14",
        )],
        body.to_string().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.header("request-id")
            .is_some_and(|v| v.starts_with("req_")),
        "{:?}",
        r.headers
    );
    let v = r.json();
    assert_eq!(v["type"], "message");
    assert_eq!(v["model"], "claude-sonnet-4-5");
    assert_eq!(
        v["content"][0]["text"],
        format!("Hello from the brock emulator ({CLAUDE}). You said: Hello")
    );
    assert!(v["id"].as_str().unwrap().starts_with("msg_"), "{v}");
    assert!(v.get("amazon-bedrock-invocationMetrics").is_none(), "{v}");

    let (uri, sent) = upstream(&env);
    assert_eq!(uri, format!("/model/{}/invoke", CLAUDE.replace(':', "%3A")));
    assert_eq!(sent["anthropic_version"], "bedrock-2023-05-31");
    assert!(
        sent.get("model").is_none() && sent.get("stream").is_none(),
        "{sent}"
    );
    // Only the betas Bedrock knows go up; Claude Code's own would be refused.
    assert_eq!(
        sent["anthropic_beta"],
        json!(["interleaved-thinking-2025-05-14"])
    );
    assert_eq!(sent["system"], body["system"]);
    assert_eq!(sent["metadata"], body["metadata"]);
    assert_eq!(sent["messages"], body["messages"]);
    assert_eq!(sent["tools"], body["tools"], "built-in tools go up as sent");
    assert_eq!(sent["tool_choice"], body["tool_choice"]);

    // Under /api/v1 too.
    let r = gw.post("/api/v1/messages", &hello("claude-3-5-haiku-latest"));
    assert_eq!(r.status, 200, "{}", r.text());
    let (uri, _) = upstream(&env);
    assert!(
        uri.starts_with("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/invoke"),
        "{uri}"
    );
}

#[test]
fn a_claude_stream_is_relayed_as_anthropic_events_with_a_ping() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let mut body = hello("claude-sonnet-4-5");
    body["stream"] = json!(true);
    body["max_tokens"] = json!(4000);
    body["thinking"] = json!({"type": "enabled", "budget_tokens": 1024});
    let r = gw.post("/v1/messages", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let events = sse(&r);
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[..2], ["message_start", "ping"], "{names:?}");
    assert_eq!(names.last(), Some(&"message_stop"), "{names:?}");
    // The event name is the data's type, as Anthropic sends them.
    for (name, data) in &events {
        assert_eq!(data["type"], name.as_str(), "{data}");
        assert!(
            data.get("amazon-bedrock-invocationMetrics").is_none(),
            "{data}"
        );
    }
    assert_eq!(events[0].1["message"]["model"], "claude-sonnet-4-5");
    let deltas: Vec<&str> = events
        .iter()
        .filter_map(|(_, d)| d["delta"]["type"].as_str())
        .collect();
    assert!(deltas.contains(&"thinking_delta"), "{deltas:?}");
    assert!(deltas.contains(&"signature_delta"), "{deltas:?}");
    assert!(deltas.contains(&"text_delta"), "{deltas:?}");
    let (uri, sent) = upstream(&env);
    assert!(uri.ends_with("/invoke-with-response-stream"), "{uri}");
    assert_eq!(sent["thinking"], body["thinking"]);
    let (_, err) = gw.stop();
    assert!(
        err.lines().any(
            |l| l.starts_with("POST /v1/messages model=claude-sonnet-4-5 status=200 tokens=1/")
        ),
        "{err}"
    );
}

#[test]
fn other_models_go_through_converse_and_answer_in_the_messages_shape() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let tools = json!([{"name": "get_weather", "description": "Weather",
        "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]);
    let body = json!({"model": "nova-lite", "max_tokens": 300, "tools": tools,
        "system": "Be brief.", "stop_sequences": ["STOP"], "temperature": 0.2,
        "messages": [{"role": "user", "content": "What is the weather in Paris? use get_weather"}]});
    let r = gw.post("/v1/messages", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["stop_reason"], "tool_use", "{v}");
    let call = v["content"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "tool_use")
        .cloned()
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(call["name"], "get_weather");
    let (uri, sent) = upstream(&env);
    assert_eq!(uri, "/model/us.amazon.nova-lite-v1%3A0/converse");
    assert_eq!(sent["system"], json!([{"text": "Be brief."}]));
    assert_eq!(sent["inferenceConfig"]["maxTokens"], 300);
    assert_eq!(sent["inferenceConfig"]["stopSequences"], json!(["STOP"]));
    assert_eq!(
        sent["toolConfig"]["tools"][0]["toolSpec"]["name"],
        "get_weather"
    );

    // The second turn, streamed: the tool result goes up as a toolResult block.
    let mut body = body;
    body["stream"] = json!(true);
    body["messages"] = json!([
        body["messages"][0],
        {"role": "assistant", "content": v["content"]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call["id"], "content": "sunny, 21 C"}]}
    ]);
    let r = gw.post("/v1/messages", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let events = sse(&r);
    let mut names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    names.dedup();
    assert_eq!(
        names,
        [
            "message_start",
            "ping",
            "content_block_start",
            "content_block_delta",
            "content_block_stop",
            "message_delta",
            "message_stop"
        ],
        "{}",
        r.text()
    );
    let text: String = events
        .iter()
        .filter(|(_, d)| d["delta"]["type"] == "text_delta")
        .map(|(_, d)| d["delta"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(text, "The tool returned: sunny, 21 C");
    let (_, delta) = &events[events.len() - 2];
    assert_eq!(delta["delta"]["stop_reason"], "end_turn", "{delta}");
    assert!(
        delta["usage"]["output_tokens"].as_u64().unwrap() > 0,
        "{delta}"
    );
    let (uri, sent) = upstream(&env);
    assert_eq!(uri, "/model/us.amazon.nova-lite-v1%3A0/converse-stream");
    assert_eq!(
        sent["messages"][2]["content"][0]["toolResult"]["content"],
        json!([{"text": "sunny, 21 C"}])
    );
}

#[test]
fn count_tokens_asks_bedrock_with_the_foundation_model_and_the_claude_body() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let body = json!({"model": "claude-sonnet-4-5",
        "messages": [{"role": "user", "content": "count these words please"}]});
    let r = gw.post("/v1/messages/count_tokens", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let n = r.json()["input_tokens"].as_u64().unwrap();
    assert!(n > 0, "{}", r.text());
    let (uri, sent) = upstream(&env);
    assert_eq!(
        uri,
        "/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens"
    );
    let inner = base64::engine::general_purpose::STANDARD
        .decode(sent["input"]["invokeModel"]["body"].as_str().unwrap())
        .unwrap();
    let inner: Value = serde_json::from_slice(&inner).unwrap();
    assert_eq!(inner["anthropic_version"], "bedrock-2023-05-31");
    assert_eq!(inner["messages"], body["messages"]);
    // More text, more tokens: the count is the service's, not a constant.
    let mut longer = body.clone();
    longer["messages"][0]["content"] =
        json!("count these words please and many more words after them");
    let m = gw.post("/v1/messages/count_tokens", &longer).json()["input_tokens"]
        .as_u64()
        .unwrap();
    assert!(m > n, "{m} <= {n}");
}

#[test]
fn errors_come_in_anthropics_shape_with_the_right_status() {
    let env = TestEnv::new();
    let gw = Gateway::start(
        &env,
        &["--api-key-env", "GW_KEY", "--max-attempts", "1"],
        &[("GW_KEY", "k")],
    );
    let key = [("x-api-key", "k")];
    let check = |r: &Resp, status: u16, kind: &str| {
        assert_eq!(r.status, status, "{}", r.text());
        let v = r.json();
        assert_eq!(v["type"], "error", "{v}");
        assert_eq!(v["error"]["type"], kind, "{v}");
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{v}"
        );
        assert!(
            r.header("request-id")
                .is_some_and(|h| h.starts_with("req_")),
            "{:?}",
            r.headers
        );
    };
    let post =
        |path: &str, body: &Value| gw.request("POST", path, &key, body.to_string().as_bytes());
    let before = env.emulator.requests();
    // Bad input, on both paths, refused before anything is sent.
    for (model, body) in [
        (
            "claude-sonnet-4-5",
            json!({"messages": [{"role": "user", "content": "x"}]}),
        ),
        (
            "claude-sonnet-4-5",
            json!({"max_tokens": 0, "messages": [{"role": "user", "content": "x"}]}),
        ),
        (
            "claude-sonnet-4-5",
            json!({"max_tokens": 5, "messages": []}),
        ),
        (
            "claude-sonnet-4-5",
            json!({"max_tokens": 5, "messages": [{"role": "system", "content": "x"}]}),
        ),
        (
            "nova-lite",
            json!({"max_tokens": 5, "messages": [{"role": "user", "content": [{"type": "web_search_tool_result"}]}]}),
        ),
        (
            "nova-lite",
            json!({"max_tokens": 5, "messages": [{"role": "user", "content": "x"}], "container": "c"}),
        ),
        (
            "nova-lite",
            json!({"max_tokens": 5, "messages": [{"role": "user", "content": "x"}], "tools": [{"type": "bash_20250124", "name": "bash"}]}),
        ),
    ] {
        let mut body = body;
        body["model"] = json!(model);
        check(&post("/v1/messages", &body), 400, "invalid_request_error");
    }
    check(
        &gw.request("POST", "/v1/messages", &key, b"{not json"),
        400,
        "invalid_request_error",
    );
    check(
        &post("/v1/messages", &hello("claude-nonexistent-9")),
        404,
        "not_found_error",
    );
    check(
        &post("/v1/messages/count_tokens", &hello("gpt-nothing")),
        404,
        "not_found_error",
    );
    check(
        &post("/v1/messages/batches", &hello("claude-sonnet-4-5")),
        404,
        "not_found_error",
    );
    // The router's own refusals too: a GET is 405.
    check(
        &gw.request("GET", "/v1/messages", &key, b""),
        405,
        "invalid_request_error",
    );
    assert_eq!(env.emulator.requests(), before, "nothing was sent");
    // The key check answers in Anthropic's shape on these paths, and OpenAI's elsewhere.
    check(
        &gw.post("/v1/messages", &hello("claude-sonnet-4-5")),
        401,
        "authentication_error",
    );
    let r = gw.request(
        "POST",
        "/v1/messages",
        &[("x-api-key", "wrong")],
        hello("claude-sonnet-4-5").to_string().as_bytes(),
    );
    check(&r, 401, "authentication_error");
    let openai = gw.post(
        "/v1/chat/completions",
        &json!({"model": "nova-lite", "messages": []}),
    );
    assert_eq!(openai.status, 401);
    assert_eq!(openai.json()["error"]["code"], "invalid_api_key");
    assert!(openai.header("request-id").is_none());
    // Bedrock's refusals: the emulator's Claude refuses max_tokens beyond its limit.
    let mut big = hello("claude-sonnet-4-5");
    big["max_tokens"] = json!(10_000_000);
    check(&post("/v1/messages", &big), 400, "invalid_request_error");
    // Anthropic's own rules, checked by Bedrock and relayed: a tool result without its call.
    let orphan = json!({"model": "claude-sonnet-4-5", "max_tokens": 100, "messages": [
        {"role": "user", "content": "x"},
        {"role": "assistant", "content": "y"},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_9", "content": "r"}]}]});
    let r = post("/v1/messages", &orphan);
    check(&r, 400, "invalid_request_error");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("unexpected `tool_use_id`")),
        "{}",
        r.text()
    );
    check(
        &post("/v1/messages", &hello("emulator.throttle")),
        429,
        "rate_limit_error",
    );
    check(
        &post("/v1/messages", &hello("emulator.access-denied")),
        403,
        "permission_error",
    );
    check(
        &post("/v1/messages", &hello("emulator.internal-error")),
        502,
        "api_error",
    );
}

#[test]
fn a_stream_that_breaks_upstream_ends_with_an_anthropic_error_event() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--max-attempts", "1"], &[]);
    let body = json!({"model": "emulator.stream-error", "max_tokens": 100, "stream": true,
        "messages": [{"role": "user", "content": "[[tokens=30]] go"}]});
    let r = gw.post("/v1/messages", &body);
    assert_eq!(
        r.status, 200,
        "the status line went out with the first event"
    );
    let events = sse(&r);
    assert!(events.len() > 2, "{}", r.text());
    let (name, data) = events.last().unwrap();
    assert_eq!(name, "error", "{}", r.text());
    assert_eq!(data["type"], "error");
    assert!(
        data["error"]["type"]
            .as_str()
            .is_some_and(|t| !t.is_empty()),
        "{data}"
    );
    assert!(
        !events.iter().any(|(n, _)| n == "message_stop"),
        "{}",
        r.text()
    );
}

#[test]
fn redacted_thinking_comes_back_and_goes_up_again_as_it_was() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let thinking = json!({"type": "enabled", "budget_tokens": 1024});
    let first = json!({"model": "claude-sonnet-4-5", "max_tokens": 4000, "thinking": thinking,
        "messages": [{"role": "user", "content": "think about it [[redacted]]"}]});
    let r = gw.post("/v1/messages", &first);
    assert_eq!(r.status, 200, "{}", r.text());
    let content = r.json()["content"].clone();
    let redacted = content
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["type"] == "redacted_thinking")
        .cloned()
        .unwrap_or_else(|| panic!("{content}"));
    assert!(redacted["data"].as_str().is_some_and(|d| !d.is_empty()));
    // Streamed, the block arrives whole in its content_block_start.
    let mut streamed = first.clone();
    streamed["stream"] = json!(true);
    let events = sse(&gw.post("/v1/messages", &streamed));
    assert!(
        events.iter().any(|(n, d)| n == "content_block_start"
            && d["content_block"]["type"] == "redacted_thinking"
            && d["content_block"]["data"] == redacted["data"]),
        "{events:?}"
    );
    // The next turn carries it back unchanged and Bedrock accepts it.
    let second = json!({"model": "claude-sonnet-4-5", "max_tokens": 4000, "thinking": thinking,
        "messages": [first["messages"][0], {"role": "assistant", "content": content},
            {"role": "user", "content": "and now?"}]});
    let r = gw.post("/v1/messages", &second);
    assert_eq!(r.status, 200, "{}", r.text());
    let (_, sent) = upstream(&env);
    assert_eq!(sent["messages"][1]["content"], content);
}

#[test]
fn thinking_from_a_model_that_is_not_claude_becomes_thinking_blocks() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let body = json!({"model": "nova-2-lite", "max_tokens": 3000,
        "thinking": {"type": "enabled", "budget_tokens": 1024},
        "messages": [{"role": "user", "content": "Hello"}]});
    let r = gw.post("/v1/messages", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["content"][0]["type"], "thinking", "{v}");
    assert_eq!(
        v["content"][0]["thinking"],
        "The user said: Hello. I will greet them and repeat it."
    );
    assert_eq!(v["content"][1]["type"], "text", "{v}");
    let (uri, sent) = upstream(&env);
    assert!(uri.ends_with("/converse"), "{uri}");
    assert!(
        sent.get("additionalModelRequestFields").is_some(),
        "the budget went up as Nova's reasoning config: {sent}"
    );
}

/// Claude Code (the npm package `@anthropic-ai/claude-code`, pinned), installed once into
/// `target/claude-code` from the npm registry. Needs `npm` and Node.js ≥ 18 (`.ci/run`
/// installs them when missing); without them this panics naming them, it never skips.
fn claude_code() -> std::path::PathBuf {
    static BIN: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/claude-code");
        let bin = dir.join("node_modules/.bin/claude");
        if !bin.exists() {
            let ok = std::process::Command::new("npm")
                .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
                .arg(&dir)
                .arg("@anthropic-ai/claude-code@2.1.197")
                .status()
                .unwrap_or_else(|e| {
                    panic!(
                        "npm (Debian packages nodejs and npm) is needed to install Claude Code: {e}"
                    )
                });
            assert!(
                ok.success() && bin.exists(),
                "npm install @anthropic-ai/claude-code into {} failed",
                dir.display()
            );
        }
        bin
    })
    .clone()
}

/// Claude Code as users point it at a gateway (`ANTHROPIC_BASE_URL`, `ANTHROPIC_AUTH_TOKEN`).
/// It sends its own betas and `context_management` on every request, thinking with a budget,
/// two dozen tools, and runs the tool the model calls before asking again: every turn of that
/// loop must pass through `/v1/messages`.
#[test]
fn claude_code_runs_a_prompt_with_a_tool_round_trip_through_the_gateway() {
    let claude = claude_code();
    let env = TestEnv::new();
    let key = "sk-brock-claude-code";
    let gw = Gateway::start(&env, &["--api-key-env", "GW_KEY"], &[("GW_KEY", key)]);
    let out = std::process::Command::new(&claude)
        .args(["-p", "hello there", "--model", "claude-sonnet-4-5"])
        .env("HOME", env.home.path())
        .env("ANTHROPIC_BASE_URL", &gw.url)
        .env("ANTHROPIC_AUTH_TOKEN", key)
        // No telemetry or update checks: this machine has no network beyond loopback.
        .env("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1")
        .env("DISABLE_TELEMETRY", "1")
        .env("DISABLE_AUTOUPDATER", "1")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("claude runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let (_, log) = gw.stop();
    assert!(
        out.status.success() && !stdout.trim().is_empty(),
        "claude -p failed: {stdout}\n{}\ngateway log:\n{log}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!stdout.contains("API Error"), "{stdout}");
    let turns: Vec<&str> = log
        .lines()
        .filter(|l| l.starts_with("POST /v1/messages"))
        .collect();
    assert!(
        turns.len() >= 2,
        "a tool call and the answer after it: {log}"
    );
    assert!(
        turns
            .iter()
            .all(|l| l.contains("model=claude-sonnet-4-5 status=200")),
        "{log}"
    );
    // The answer after the tool ran is the emulator's answer to a tool result.
    assert!(stdout.starts_with("The tool returned:"), "{stdout}");
    assert!(!log.contains(key));
}

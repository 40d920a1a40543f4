//! `brock chat` end to end against the emulator.

use base64::Engine;
use serde_json::{Value, json};

use crate::common::{TestEnv, fixtures_dir, require_tool, stderr_of, stdout_of};

fn json_out(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr_of(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout_of(out)))
}

fn dry_run(env: &TestEnv, args: &[&str]) -> Value {
    let out = env
        .cmd()
        .args(["chat", "--dry-run"])
        .args(args)
        .output()
        .unwrap();
    json_out(&out)
}

#[test]
fn one_shot_streams_the_answer_to_stdout_only() {
    let env = TestEnv::new();
    let out = env.cmd().args(["chat", "hello there"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.contains("You said: hello there"), "{text}");
    assert!(!text.contains('\x1b'), "no styling on a pipe");
    // Nothing but the answer: no usage footer or spinner on a non-terminal.
    assert_eq!(stderr_of(&out), "");
}

#[test]
fn stdin_is_the_prompt_or_context_for_the_argument() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat"])
        .write_stdin("from stdin")
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("You said: from stdin"),
        "{}",
        stdout_of(&out)
    );
    let body = dry_run(&env, &["summarise"]);
    assert_eq!(
        body["body"]["messages"][0]["content"][0]["text"],
        "summarise"
    );
    let out = env
        .cmd()
        .args(["chat", "--dry-run", "summarise"])
        .write_stdin("log line 1\nlog line 2\n")
        .output()
        .unwrap();
    let doc = json_out(&out);
    assert_eq!(
        doc["body"]["messages"][0]["content"][0]["text"],
        "summarise\n\nlog line 1\nlog line 2\n"
    );
}

#[test]
fn non_utf8_stdin_and_empty_prompts_are_refused() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "x"])
        .write_stdin(vec![0xff, 0xfe, 0x00])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("not UTF-8"), "{}", stderr_of(&out));
    let out = env.cmd().args(["chat", "   "]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = env.cmd().args(["chat"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}

#[test]
fn no_stream_gives_the_same_answer() {
    let env = TestEnv::new();
    let a = env.cmd().args(["chat", "same please"]).output().unwrap();
    let b = env
        .cmd()
        .args(["chat", "--no-stream", "same please"])
        .output()
        .unwrap();
    assert!(b.status.success(), "{}", stderr_of(&b));
    assert_eq!(stdout_of(&a), stdout_of(&b));
    let doc = dry_run(&env, &["--no-stream", "x"]);
    assert!(
        doc["path"].as_str().unwrap().ends_with("/converse"),
        "{doc}"
    );
}

#[test]
fn dry_run_shows_the_exact_request_and_sends_nothing() {
    let env = TestEnv::new();
    let doc = dry_run(
        &env,
        &[
            "--model",
            "us.amazon.nova-lite-v1:0",
            "--system",
            "be brief",
            "--temperature",
            "0.3",
            "--top-p",
            "0.9",
            "--max-tokens",
            "123",
            "--stop",
            "END",
            "--latency",
            "optimized",
            "--request-metadata",
            "team=search",
            "--response-field",
            "/stop_sequence",
            "--param",
            "inferenceConfig.topK=20",
            "q",
        ],
    );
    assert_eq!(doc["method"], "POST");
    assert_eq!(
        doc["path"],
        "/model/us.amazon.nova-lite-v1%3A0/converse-stream"
    );
    assert!(doc["url"].as_str().unwrap().starts_with(&env.url()));
    let body = &doc["body"];
    assert_eq!(body["system"][0]["text"], "be brief");
    assert_eq!(body["inferenceConfig"]["temperature"], json!(0.3));
    assert_eq!(body["inferenceConfig"]["topP"], json!(0.9));
    assert_eq!(body["inferenceConfig"]["maxTokens"], 123);
    assert_eq!(body["inferenceConfig"]["stopSequences"], json!(["END"]));
    assert_eq!(body["performanceConfig"]["latency"], "optimized");
    assert_eq!(body["requestMetadata"]["team"], "search");
    assert_eq!(
        body["additionalModelResponseFieldPaths"],
        json!(["/stop_sequence"])
    );
    assert_eq!(
        body["additionalModelRequestFields"]["inferenceConfig"]["topK"],
        20
    );
}

#[test]
fn config_and_env_settings_reach_the_request() {
    let env = TestEnv::new();
    env.write_config(
        "[default]\nmodel = \"fast\"\nsystem = \"from config\"\ntemperature = 0.2\n\
         [aliases]\nfast = \"us.amazon.nova-micro-v1:0\"\n",
    );
    let out = env
        .cmd()
        .env("BROCK_TEMPERATURE", "0.4")
        .args(["chat", "--dry-run", "q"])
        .output()
        .unwrap();
    let doc = json_out(&out);
    assert_eq!(
        doc["path"],
        "/model/us.amazon.nova-micro-v1%3A0/converse-stream"
    );
    assert_eq!(doc["body"]["system"][0]["text"], "from config");
    assert_eq!(doc["body"]["inferenceConfig"]["temperature"], json!(0.4));
}

#[test]
fn model_forms_are_accepted() {
    let env = TestEnv::new();
    for model in [
        "sonnet",
        "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0",
        "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0",
    ] {
        let out = env
            .cmd()
            .args(["chat", "--model", model, "hi"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{model}: {}", stderr_of(&out));
        assert!(stdout_of(&out).contains("You said: hi"), "{model}");
    }
    let out = env
        .cmd()
        .args(["chat", "--model", "sonet", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("did you mean 'sonnet'"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn json_output_is_a_chat_completion() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["--output", "json", "chat", "hello json"])
        .output()
        .unwrap();
    let doc = json_out(&out);
    assert_eq!(doc["object"], "chat.completion");
    let choice = &doc["choices"][0];
    assert_eq!(choice["message"]["role"], "assistant");
    assert!(
        choice["message"]["content"]
            .as_str()
            .unwrap()
            .contains("You said: hello json")
    );
    assert_eq!(choice["finish_reason"], "stop");
    assert!(doc["usage"]["prompt_tokens"].as_u64().unwrap() > 0);
    assert!(doc["usage"]["completion_tokens"].as_u64().unwrap() > 0);
}

#[test]
fn ndjson_output_streams_chunks() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["--output", "ndjson", "chat", "hello chunks"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let chunks: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(chunks.len() > 2);
    assert!(
        chunks
            .iter()
            .all(|c| c["object"] == "chat.completion.chunk")
    );
    assert_eq!(chunks[0]["choices"][0]["delta"]["role"], "assistant");
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert!(text.contains("You said: hello chunks"), "{text}");
    assert!(
        chunks
            .iter()
            .any(|c| c["choices"][0]["finish_reason"] == "stop")
    );
}

#[test]
fn reasoning_goes_to_stderr_and_the_answer_to_stdout() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "chat",
            "--model",
            "sonnet",
            "--reasoning",
            "low",
            "--max-tokens",
            "4000",
            "think it over",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said: think it over"));
    // The emulator's reasoning for this prompt, on stderr and not on stdout.
    let reasoning = "The user said: think it over. I will greet them and repeat it.";
    assert!(
        stderr_of(&out).contains(reasoning),
        "reasoning shown on stderr: {}",
        stderr_of(&out)
    );
    assert!(!stdout_of(&out).contains(reasoning), "{}", stdout_of(&out));
    let out = env
        .cmd()
        .args([
            "chat",
            "--model",
            "sonnet",
            "--reasoning",
            "low",
            "--hide-reasoning",
            "think",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stderr_of(&out), "");
}

#[test]
fn reasoning_budget_follows_max_tokens() {
    let env = TestEnv::new();
    let budget = |args: &[&str]| {
        let doc = dry_run(
            &env,
            &[
                &["--model", "us.anthropic.claude-sonnet-4-5-20250929-v1:0"],
                args,
                &["q"],
            ]
            .concat(),
        );
        let body = doc["body"].clone();
        (
            body["additionalModelRequestFields"]["thinking"]["budget_tokens"].as_u64(),
            body["inferenceConfig"]["maxTokens"].as_u64(),
        )
    };
    let (b, m) = budget(&["--reasoning", "high", "--max-tokens", "10000"]);
    assert!(b.unwrap() >= 1024 && m.unwrap() > b.unwrap(), "{b:?} {m:?}");
    let (b, _) = budget(&["--reasoning", "low", "--max-tokens", "10000"]);
    assert_eq!(b, Some(3000));
    let (b, m) = budget(&["--reasoning", "2048", "--max-tokens", "1000"]);
    assert_eq!(b, Some(2048));
    assert!(
        m.unwrap() > 2048,
        "max tokens raised above the budget: {m:?}"
    );
    let (b, _) = budget(&["--reasoning", "off"]);
    assert_eq!(b, None);
    let out = env
        .cmd()
        .args(["chat", "--reasoning", "extreme", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A first answer with a thinking block, and the OpenAI-format request that continues it.
fn continue_thinking(env: &TestEnv, tamper: bool) -> std::process::Output {
    let first = env
        .cmd()
        .args([
            "--output",
            "json",
            "chat",
            "--model",
            "sonnet",
            "--reasoning",
            "low",
            "first question",
        ])
        .output()
        .unwrap();
    let first = json_out(&first);
    let msg = &first["choices"][0]["message"];
    let mut blocks = msg["thinking_blocks"].clone();
    assert!(
        blocks[0]["signature"]
            .as_str()
            .is_some_and(|s| !s.is_empty()),
        "{first}"
    );
    if tamper {
        blocks[0]["signature"] = json!("AAAAforged");
    }
    let request = json!({
        "model": "sonnet",
        "reasoning_effort": "low",
        "messages": [
            {"role": "user", "content": "first question"},
            {"role": "assistant", "content": msg["content"], "thinking_blocks": blocks},
            {"role": "user", "content": "second question"}
        ]
    });
    let file = env.write_file("turn2.json", request.to_string());
    env.cmd()
        .args([
            "chat",
            "--input-format",
            "openai",
            "--input-file",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap()
}

#[test]
fn thinking_signatures_round_trip_unchanged() {
    let env = TestEnv::new();
    let out = continue_thinking(&env, false);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("You said: second question"),
        "{}",
        stdout_of(&out)
    );
    // The emulator checks signatures like Anthropic does: a forged one is refused.
    let out = continue_thinking(&env, true);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("ValidationException"),
        "{}",
        stderr_of(&out)
    );
}

const TOOLS: &str = r#"[{"type":"function","function":{"name":"get_weather","description":"Weather for a city","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]"#;

#[test]
fn tool_calls_are_printed_as_json_lines() {
    let env = TestEnv::new();
    let tools = env.write_file("tools.json", TOOLS);
    let out = env
        .cmd()
        .args([
            "chat",
            "--tools",
            tools.to_str().unwrap(),
            "--tool-choice",
            "any",
            "what is the weather in Paris? use get_weather",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let call: Value = stdout_of(&out)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|v| v["type"] == "tool_use")
        .unwrap_or_else(|| panic!("no tool_use line in {}", stdout_of(&out)));
    assert_eq!(call["name"], "get_weather");
    assert!(call["id"].as_str().unwrap().starts_with("tooluse_"));
    assert!(call["input"]["city"].is_string(), "{call}");

    // The same in OpenAI JSON, then the tool result goes back with the same id.
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "chat",
            "--tools",
            tools.to_str().unwrap(),
            "--tool-choice",
            "get_weather",
            "weather in Paris?",
        ])
        .output()
        .unwrap();
    let doc = json_out(&out);
    assert_eq!(doc["choices"][0]["finish_reason"], "tool_calls");
    let tc = doc["choices"][0]["message"]["tool_calls"][0].clone();
    assert_eq!(tc["function"]["name"], "get_weather");
    let request = json!({
        "model": "nova-lite",
        "tools": serde_json::from_str::<Value>(TOOLS).unwrap(),
        "messages": [
            {"role": "user", "content": "weather in Paris?"},
            {"role": "assistant", "content": null, "tool_calls": [tc]},
            {"role": "tool", "tool_call_id": tc["id"], "content": "22 degrees and sunny"}
        ]
    });
    let file = env.write_file("turn2.json", request.to_string());
    let out = env
        .cmd()
        .args([
            "chat",
            "--input-format",
            "openai",
            "--input-file",
            file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("22 degrees and sunny"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn bad_tools_and_parameters_are_refused_before_sending() {
    let env = TestEnv::new();
    let bad = env.write_file("bad.json", "[{\"type\":\"function\"");
    let bad_name = env.write_file(
        "badname.json",
        r#"[{"type":"function","function":{"name":"get weather!","parameters":{"type":"object"}}}]"#,
    );
    let cases: Vec<Vec<String>> = vec![
        vec!["--tools".into(), bad.display().to_string()],
        vec!["--tools".into(), bad_name.display().to_string()],
        vec!["--tools".into(), "/nonexistent/tools.json".into()],
        vec!["--temperature".into(), "1.5".into()],
        vec!["--top-p".into(), "-0.1".into()],
        vec!["--param".into(), "top_k=not json".into()],
        vec!["--tool-choice".into(), "nosuchtool".into()],
        vec!["--attach".into(), "/nonexistent/cat.png".into()],
        vec!["--json-schema".into(), "/nonexistent/schema.json".into()],
    ];
    for args in cases {
        let out = env
            .cmd()
            .arg("-v")
            .arg("chat")
            .args(&args)
            .arg("q")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(!err.contains("-> POST"), "{args:?} was sent: {err}");
        assert_eq!(
            err.lines()
                .filter(|l| l.starts_with("brock: error"))
                .count(),
            1,
            "{args:?}: {err}"
        );
    }
}

fn png(width: u32, height: u32) -> Vec<u8> {
    // A minimal PNG signature + IHDR is enough for type sniffing.
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v
}

#[test]
fn attachments_are_typed_named_and_size_checked() {
    let env = TestEnv::new();
    let img = env.write_file("cat picture.png", png(2, 2));
    let doc = env.write_file("Q3 report (final).pdf", b"%PDF-1.4\n%test\n");
    let out = env
        .cmd()
        .args([
            "chat",
            "--dry-run",
            "--attach",
            img.to_str().unwrap(),
            "--attach",
            doc.to_str().unwrap(),
            "describe",
        ])
        .output()
        .unwrap();
    let req = json_out(&out);
    let content = &req["body"]["messages"][0]["content"];
    let image = content
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b.get("image").is_some())
        .unwrap();
    assert_eq!(image["image"]["format"], "png");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(image["image"]["source"]["bytes"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, png(2, 2));
    let document = content
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b.get("document").is_some())
        .unwrap();
    assert_eq!(document["document"]["format"], "pdf");
    let name = document["document"]["name"].as_str().unwrap();
    assert!(
        name.chars()
            .all(|c| c.is_alphanumeric() || " -()[]".contains(c)),
        "{name}"
    );

    // The real call goes through too.
    let out = env
        .cmd()
        .args(["chat", "--attach", img.to_str().unwrap(), "describe"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));

    let mut big = png(4000, 4000);
    big.resize(4 * 1024 * 1024, 0);
    let big = env.write_file("big.png", big);
    let out = env
        .cmd()
        .args(["chat", "--attach", big.to_str().unwrap(), "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("MB"),
        "limit named: {}",
        stderr_of(&out)
    );

    let exe = env.write_file("tool.exe", b"MZ\x90\x00binary");
    let out = env
        .cmd()
        .args(["chat", "--attach", exe.to_str().unwrap(), "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));

    let out = env
        .cmd()
        .args([
            "chat",
            "--dry-run",
            "--attach",
            "s3://bucket/docs/spec.pdf",
            "q",
        ])
        .output()
        .unwrap();
    let req = json_out(&out);
    let s = req["body"]["messages"][0]["content"].to_string();
    assert!(
        s.contains("s3://bucket/docs/spec.pdf") && s.contains("s3Location"),
        "{s}"
    );
}

#[test]
fn json_schema_prints_only_the_json() {
    let env = TestEnv::new();
    let schema = env.write_file(
        "schema.json",
        r#"{"type":"object","properties":{"city":{"type":"string"},"population":{"type":"integer"}},"required":["city","population"]}"#,
    );
    for model in ["sonnet", "nova-lite"] {
        let out = env
            .cmd()
            .args([
                "chat",
                "--model",
                model,
                "--json-schema",
                schema.to_str().unwrap(),
                "largest city in France",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{model}: {}", stderr_of(&out));
        let v: Value = serde_json::from_str(stdout_of(&out).trim())
            .unwrap_or_else(|e| panic!("{model}: {e}: {}", stdout_of(&out)));
        assert!(
            v["city"].is_string() && v["population"].is_i64(),
            "{model}: {v}"
        );
    }
}

#[test]
fn guardrail_intervention_is_reported() {
    let env = TestEnv::new();
    let doc = dry_run(
        &env,
        &["--guardrail", "abc123xyz:1", "--guardrail-trace", "q"],
    );
    assert_eq!(
        doc["body"]["guardrailConfig"]["guardrailIdentifier"],
        "abc123xyz"
    );
    assert_eq!(doc["body"]["guardrailConfig"]["guardrailVersion"], "1");
    assert_eq!(doc["body"]["guardrailConfig"]["trace"], "enabled");
    let out = env
        .cmd()
        .args([
            "chat",
            "--guardrail",
            "abc123xyz:1",
            "tell me [[blocked]] things",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("guardrail intervened"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args(["chat", "--guardrail", "nocolon", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cache_prefill_beta_and_tier_options() {
    let env = TestEnv::new();
    let tools = env.write_file("tools.json", TOOLS);
    let doc = dry_run(
        &env,
        &[
            "--model",
            "sonnet",
            "--cache",
            "--system",
            "sys",
            "--tools",
            tools.to_str().unwrap(),
            "--anthropic-beta",
            "context-1m-2025-08-07,interleaved-thinking-2025-05-14",
            "--service-tier",
            "priority",
            "q",
        ],
    );
    let body = &doc["body"];
    assert!(
        body["system"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b.get("cachePoint").is_some()),
        "{body}"
    );
    assert!(
        body["toolConfig"]["tools"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b.get("cachePoint").is_some()),
        "{body}"
    );
    assert_eq!(
        body["additionalModelRequestFields"]["anthropic_beta"],
        json!(["context-1m-2025-08-07", "interleaved-thinking-2025-05-14"])
    );
    assert!(
        body["serviceTier"].to_string().contains("priority"),
        "{body}"
    );

    let out = env
        .cmd()
        .args(["chat", "--prefill", "Sure! ", "hello"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // Sent (and printed) without the trailing space Anthropic refuses in a final assistant turn.
    assert!(
        stdout_of(&out).starts_with("Sure!Hello from"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn long_streams_arrive_whole() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "--max-tokens", "5000", "[[tokens=3000]]"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).split_whitespace().count(), 3000);
    let out = env
        .cmd()
        .args(["chat", "--max-tokens", "50", "[[tokens=3000]]"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(stdout_of(&out).split_whitespace().count(), 50);
}

#[test]
fn mid_stream_error_keeps_the_partial_answer() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "chat",
            "--model",
            "emulator.stream-error",
            "tell me a story",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    // The deltas the emulator sent before the error frame, byte for byte.
    assert_eq!(
        stdout_of(&out),
        "Hello from the brock emulator (emulator.stream-error). \n",
        "partial output kept, its line ended"
    );
    assert!(
        stderr_of(&out).contains("ModelStreamErrorException"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn throttled_chat_exits_4() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--max-attempts",
            "2",
            "chat",
            "--model",
            "emulator.throttle",
            "q",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert_eq!(env.emulator.requests(), 2, "{}", stderr_of(&out));
    let out = env
        .cmd()
        .args([
            "--max-attempts",
            "3",
            "chat",
            "--model",
            "emulator.throttle-then-ok",
            "q",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "Hello from the brock emulator (emulator.throttle-then-ok). You said: q\n"
    );
    // Two throttled attempts, then the answer.
    assert_eq!(env.emulator.requests(), 2 + 3, "{}", stderr_of(&out));
}

#[test]
fn hostile_output_is_byte_exact_on_a_pipe() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "--raw", "--model", "emulator.hostile", "q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // Not a terminal and --raw: the bytes are passed through exactly, escapes included.
    assert_eq!(
        stdout_of(&out),
        "Hostile answer: \x1b]52;c;aGFja2Vk\x07\x1b]0;pwned title\x07\x1b[2J\x1b[H\x1b[10;10H\x1b[5Aoverwritten\x07\rcarriage return"
    );
}

#[test]
fn unknown_model_is_the_services_validation_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "--model", "us.nosuch.model-v1:0", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(
        err.contains("ValidationException: The provided model identifier is invalid."),
        "{err}"
    );
    assert!(err.contains("hint:"), "{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_mid_stream_exits_130_and_keeps_output() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // The deltas `stall` sends before going silent for an hour.
    const PARTIAL: &str = "Hello from the brock emulator (emulator.stall). ";
    require_tool("kill", "procps");
    let env = TestEnv::new();
    let mut child = env
        .std_cmd()
        .args(["chat", "--model", "emulator.stall", "q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Everything brock writes to stdout, as it arrives, on a thread: the signal goes out only
    // once the whole partial answer has been printed, however long that takes.
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        loop {
            match stdout.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            }
        }
    });
    let mut seen = Vec::new();
    while !seen.ends_with(PARTIAL.as_bytes()) {
        match rx.recv_timeout(std::time::Duration::from_secs(30)) {
            Ok(chunk) => seen.extend(chunk),
            Err(e) => {
                let _ = child.kill();
                panic!(
                    "the partial answer never arrived ({e}); stdout so far: {:?}",
                    String::from_utf8_lossy(&seen)
                );
            }
        }
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    seen.extend(rx.try_iter().flatten());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    // Kept, and nothing written after the interruption but the end of its line.
    // The partial answer ends its line, so the shell prompt or an error does not follow it.
    assert_eq!(String::from_utf8_lossy(&seen), format!("{PARTIAL}\n"));
    assert!(stderr.contains("interrupted"), "{stderr}");
}

/// Every recorded ConverseStream cassette, replayed through the emulator, printed by brock as
/// the text the recorded frames carry.
#[test]
fn recorded_streams_replay_through_brock() {
    let dir = fixtures_dir().join("converse");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let raw = std::fs::read_to_string(&path).unwrap();
        if !raw.contains("/converse-stream") {
            continue;
        }
        let doc: serde_yaml::Value = serde_yaml::from_str(&raw).unwrap();
        let first = &doc["interactions"][0];
        let uri = first["request"]["uri"].as_str().unwrap();
        if !uri.ends_with("/converse-stream") {
            continue;
        }
        let model = percent_encoding::percent_decode_str(uri.rsplit('/').nth(1).unwrap())
            .decode_utf8()
            .unwrap()
            .to_string();
        let status = first["response"]["status"]["code"].as_u64().unwrap();
        let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
            replay: vec![path.clone()],
            ..Default::default()
        });
        let out = env
            .cmd()
            .args(["--max-attempts", "1", "chat", "--model", &model, "q"])
            .output()
            .unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if status != 200 {
            assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr_of(&out));
            let msg = first["response"]["parsed_body"]["message"]
                .as_str()
                .unwrap_or("");
            assert!(stderr_of(&out).contains(msg), "{name}: {}", stderr_of(&out));
            checked += 1;
            continue;
        }
        let (text, reasoning, tools) = recorded_text(&first["response"]["body"]["string"]);
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        let stdout = stdout_of(&out);
        // Tool calls the caller must run arrive as JSON lines; the rest is the answer text.
        let (calls, answer): (Vec<&str>, Vec<&str>) = stdout.split_inclusive('\n').partition(|l| {
            l.starts_with("{\"id\":\"tooluse") || l.contains("\"type\":\"tool_use\"")
        });
        let called: Vec<String> = calls
            .iter()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["name"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(called, tools, "{name}");
        assert_eq!(answer.concat().trim_end(), text.trim_end(), "{name}");
        if !reasoning.is_empty() {
            assert!(
                stderr_of(&out).contains(reasoning.trim()),
                "{name}: reasoning not shown"
            );
        }
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} stream cassettes found");
}

/// Text and reasoning deltas, and the client tools called, of a recorded event stream,
/// decoded independently of brock.
fn recorded_text(body: &serde_yaml::Value) -> (String, String, Vec<String>) {
    let b64 = match body {
        serde_yaml::Value::Tagged(t) => t.value.as_str().unwrap().to_string(),
        other => other.as_str().unwrap().to_string(),
    };
    let compact: String = b64.split_whitespace().collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(compact)
        .unwrap();
    let mut buf = &bytes[..];
    let (mut text, mut reasoning, mut tools) = (String::new(), String::new(), Vec::new());
    while !buf.is_empty() {
        let msg = aws_smithy_eventstream::frame::read_message_from(&mut buf).unwrap();
        let v: Value = serde_json::from_slice(msg.payload()).unwrap_or(Value::Null);
        if let Some(t) = v["delta"]["text"].as_str() {
            text.push_str(t);
        }
        if let Some(t) = v["delta"]["reasoningContent"]["text"].as_str() {
            reasoning.push_str(t);
        }
        let tool = &v["start"]["toolUse"];
        if let Some(n) = tool["name"].as_str()
            && tool["type"].as_str() != Some("server_tool_use")
        {
            tools.push(n.to_string());
        }
    }
    (text, reasoning, tools)
}

//! `brock tokens` and `brock chat --count-tokens`: CountTokens for the request chat would build,
//! on the foundation model of an inference profile, checked against the recorded traffic.

use serde_json::{Value, json};

use crate::common::{TestEnv, fixtures_dir, stderr_of, stdout_of};

const SONNET: &str = "anthropic.claude-sonnet-4-20250514-v1:0";

fn count(env: &TestEnv, args: &[&str]) -> u64 {
    let out = env.cmd().arg("tokens").args(args).output().unwrap();
    assert!(out.status.success(), "stderr: {}", stderr_of(&out));
    stdout_of(&out)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a count: {:?}", stdout_of(&out)))
}

fn dry_run(env: &TestEnv, args: &[&str], stdin: &str) -> Value {
    let out = env
        .cmd()
        .args(["tokens", "--dry-run"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert!(out.status.success(), "stderr: {}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn counts_the_prompt_system_prompt_and_tools() {
    let env = TestEnv::new();
    let long = "How many tokens is this sentence? It is a little longer than a greeting.";
    let prompt = count(&env, &["-m", SONNET, long]);
    assert!(prompt > 1, "{prompt}");
    let with_system = count(
        &env,
        &[
            "-m",
            SONNET,
            "-s",
            "You are a careful, helpful assistant.",
            long,
        ],
    );
    assert!(with_system > prompt, "{with_system} <= {prompt}");
    let tools = env.write_file(
        "tools.json",
        json!([{"name": "get_weather", "description": "Get the weather for a location",
                "parameters": {"type": "object", "properties": {"location": {"type": "string"}}}}])
        .to_string(),
    );
    let with_tools = count(
        &env,
        &["-m", SONNET, "--tools", tools.to_str().unwrap(), long],
    );
    assert!(with_tools > prompt, "{with_tools} <= {prompt}");

    // --output json is the service's answer.
    let out = env
        .cmd()
        .args(["--output", "json", "tokens", "-m", SONNET, long])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v, json!({"inputTokens": prompt}));
}

#[test]
fn the_request_is_chats_converse_input_on_the_foundation_model() {
    let env = TestEnv::new();
    // As recorded (test_bedrock_inference_profile_count_tokens.yaml): a profile id is counted
    // on its foundation model, with the Converse members CountTokens takes and nothing else.
    let doc = dry_run(&env, &["-m", &format!("us.{SONNET}"), "Hello, world!"], "");
    let recorded = std::fs::read_to_string(
        fixtures_dir().join("converse/test_bedrock_inference_profile_count_tokens.yaml"),
    )
    .unwrap();
    assert!(recorded.contains("/model/anthropic.claude-sonnet-4-20250514-v1%3A0/count-tokens"));
    assert_eq!(
        doc["path"],
        "/model/anthropic.claude-sonnet-4-20250514-v1%3A0/count-tokens"
    );
    assert_eq!(doc["operation"], "CountTokens");
    assert_eq!(
        doc["body"],
        json!({"input": {"converse": {
            "messages": [{"role": "user", "content": [{"text": "Hello, world!"}]}],
            "system": []}}})
    );

    // Piped stdin is appended to the prompt, attachments and the system prompt come along.
    let img = env.write_file("dot.png", tiny_png());
    let doc = dry_run(
        &env,
        &[
            "-m",
            SONNET,
            "-s",
            "be brief",
            "-a",
            img.to_str().unwrap(),
            "Describe",
        ],
        "piped context",
    );
    let content = &doc["body"]["input"]["converse"]["messages"][0]["content"];
    assert_eq!(content[0]["image"]["format"], "png");
    assert_eq!(content[1]["text"], "Describe\n\npiped context");
    assert_eq!(
        doc["body"]["input"]["converse"]["system"][0]["text"],
        "be brief"
    );

    // OpenAI JSON input, guarded_text parts included.
    let body = json!({"model": SONNET, "messages": [
        {"role": "system", "content": "sys"},
        {"role": "user", "content": [{"type": "text", "text": "Summarise"},
                                     {"type": "guarded_text", "text": "the user's text"}]}]});
    let doc = dry_run(&env, &["--input-format", "openai"], &body.to_string());
    let c = &doc["body"]["input"]["converse"];
    assert_eq!(c["system"][0]["text"], "sys");
    assert_eq!(
        c["messages"][0]["content"][1],
        json!({"guardContent": {"text": {"text": "the user's text"}}})
    );
}

#[test]
fn the_invoke_route_counts_the_family_body() {
    let env = TestEnv::new();
    // The recorded call sent this Anthropic body for "hello" (to the profile id, which the
    // service refused: brock sends it to the foundation model).
    let recorded = std::fs::read_to_string(
        fixtures_dir().join("converse/test_anthropic_bedrock_count_tokens_error.yaml"),
    )
    .unwrap();
    let doc: serde_yaml::Value = serde_yaml::from_str(&recorded).unwrap();
    let b64 = doc["interactions"][0]["request"]["parsed_body"]["input"]["invokeModel"]["body"]
        .as_str()
        .unwrap();
    let recorded_body: Value = serde_json::from_slice(&base64_decode(b64)).unwrap();

    let sent = dry_run(
        &env,
        &["--route", "invoke", "-m", &format!("us.{SONNET}"), "hello"],
        "",
    );
    assert_eq!(sent["route"], "invoke");
    assert_eq!(
        sent["path"],
        "/model/anthropic.claude-sonnet-4-20250514-v1%3A0/count-tokens"
    );
    let b64 = sent["body"]["input"]["invokeModel"]["body"]
        .as_str()
        .unwrap();
    let body: Value = serde_json::from_slice(&base64_decode(b64)).unwrap();
    assert_eq!(body, recorded_body);

    // And the emulator counts it; chat --count-tokens follows chat's --route.
    let n = count(
        &env,
        &[
            "--route",
            "invoke",
            "-m",
            SONNET,
            "a longer question to count",
        ],
    );
    assert!(n > 1, "{n}");
    let out = env
        .cmd()
        .args([
            "chat",
            "--count-tokens",
            "--dry-run",
            "--route",
            "invoke",
            "-m",
            SONNET,
            "q",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        doc["body"]["input"]["invokeModel"]["body"].is_string(),
        "{doc}"
    );
}

#[test]
fn chat_count_tokens_prints_the_count_and_sends_no_message() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "-v",
            "chat",
            "--count-tokens",
            "-m",
            SONNET,
            "a question of some length",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "stderr: {}", stderr_of(&out));
    let n: u64 = stdout_of(&out).trim().parse().unwrap();
    assert_eq!(n, count(&env, &["-m", SONNET, "a question of some length"]));
    let log = stderr_of(&out);
    assert!(log.contains("/count-tokens"), "{log}");
    assert!(
        !log.contains("/converse"),
        "a Converse request went out: {log}"
    );

    // With a saved session the whole conversation is counted, and the session is unchanged.
    let ok = |args: &[&str]| {
        let out = env.cmd().args(args).output().unwrap();
        assert!(out.status.success(), "stderr: {}", stderr_of(&out));
        stdout_of(&out)
    };
    let profile = format!("us.{SONNET}");
    ok(&[
        "chat",
        "--session",
        "s",
        "-m",
        &profile,
        "first question, a long one",
    ]);
    let file = env.data_dir().join("sessions/s.json");
    let before = std::fs::read(&file).unwrap();
    let whole: u64 = ok(&["chat", "--session", "s", "--count-tokens", "next"])
        .trim()
        .parse()
        .unwrap();
    assert!(whole > count(&env, &["-m", SONNET, "next"]), "{whole}");
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn refusals_come_before_anything_is_sent() {
    let env = TestEnv::new();
    for (args, needle) in [
        (
            vec!["tokens", "-m", "converse_like/x", "q"],
            "converse_like",
        ),
        (vec!["tokens", "-m", SONNET], "prompt"),
        (
            vec!["tokens", "--input-file", "x.json", "q"],
            "--input-format openai",
        ),
    ] {
        let out = env
            .cmd()
            .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:9")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
    // The service's refusal of a model it cannot count for is a service error.
    let out = env
        .cmd()
        .args(["tokens", "-m", "amazon.nova-lite-v1:0", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("The provided model doesn't support counting tokens."));
}

/// Every recorded CountTokens call, sent as recorded to the emulator: the same status, and
/// the same message for the refusals.
#[test]
fn the_emulator_answers_recorded_count_tokens_calls_as_the_service_did() {
    let env = TestEnv::new();
    let dir = fixtures_dir().join("converse");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.contains("count_tokens") {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("!!binary", "!binary");
        let doc: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        for it in doc["interactions"].as_sequence().unwrap() {
            let req = &it["request"];
            let body: Value = match req["body"].as_str() {
                Some(s) => serde_json::from_str(s).unwrap(),
                None => serde_json::to_value(&req["parsed_body"]).unwrap(),
            };
            let uri = req["uri"].as_str().unwrap();
            let path = &uri[uri.find("/model/").unwrap()..];
            let status = it["response"]["status"]["code"].as_u64().unwrap();
            let out = env
                .cmd()
                .args(["raw", "--no-retry", "-i", path, "-d", &body.to_string()])
                .output()
                .unwrap();
            let got: Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|_| panic!("{name}: {}", stdout_of(&out)));
            if status == 200 {
                assert!(out.status.success(), "{name}: {}", stderr_of(&out));
                assert!(got["inputTokens"].as_u64().unwrap() >= 1, "{name}: {got}");
            } else {
                assert!(!out.status.success(), "{name}: accepted");
                let recorded = it["response"]["parsed_body"]["message"].as_str().unwrap();
                // The emulator has no server-tool catalogue: its refusal names the field.
                if name.contains("rejects_server_tools") {
                    assert!(
                        stderr_of(&out).contains(" 400"),
                        "{name}: {}",
                        stderr_of(&out)
                    );
                } else {
                    assert_eq!(got["message"], recorded, "{name}");
                }
            }
            seen += 1;
        }
    }
    assert!(
        seen >= 7,
        "only {seen} recorded CountTokens calls found in {}",
        dir.display()
    );
}

fn tiny_png() -> Vec<u8> {
    // A 1x1 PNG.
    base64_decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==",
    )
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

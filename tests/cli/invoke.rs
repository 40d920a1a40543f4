//! `brock chat` on the InvokeModel routes: every family body, streamed and whole, against the
//! emulator's native answers; route choice and refusals; inline reasoning tags cut at every
//! chunk boundary.

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of, stdout_of};
use brock_emulator::EmulatorOptions;

const ARN: &str = "arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl";
/// The emulator answers imported models whose id starts with `qwen2` in the Qwen 2 format.
const QWEN2_ARN: &str = "arn:aws:bedrock:us-east-1:123456789012:imported-model/qwen2abcdefg";

/// (model spec, family the route takes, the model writes reasoning).
fn routes() -> Vec<(String, &'static str, bool)> {
    let mut v: Vec<(String, &'static str, bool)> = [
        (
            "invoke/anthropic.claude-3-haiku-20240307-v1:0",
            "anthropic",
            false,
        ),
        ("invoke/us.meta.llama3-3-70b-instruct-v1:0", "llama", false),
        ("invoke/mistral.mistral-7b-instruct-v0:2", "mistral", false),
        (
            "invoke/us.mistral.pixtral-large-2502-v1:0",
            "mistral-chat",
            false,
        ),
        ("invoke/amazon.titan-text-express-v1", "titan-text", false),
        ("invoke/amazon.nova-lite-v1:0", "nova", false),
        ("invoke/cohere.command-r-plus-v1:0", "cohere", false),
        ("invoke/ai21.jamba-1-5-mini-v1:0", "ai21", false),
        ("invoke/us.deepseek.r1-v1:0", "deepseek", true),
        ("invoke/openai.gpt-oss-20b-1:0", "openai", true),
        ("invoke/qwen.qwen3-32b-v1:0", "openai", false),
    ]
    .into_iter()
    .map(|(m, f, r)| (m.to_string(), f, r))
    .collect();
    v.push((format!("llama/{ARN}"), "llama", false));
    v.push((format!("deepseek_r1/{ARN}"), "deepseek_r1", true));
    v.push((format!("qwen2/{QWEN2_ARN}"), "qwen2", false));
    v.push((format!("qwen3/{ARN}"), "qwen3", false));
    v.push((format!("openai/{ARN}"), "openai", false));
    v
}

fn json_of(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr_of(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout_of(out)))
}

#[test]
fn every_route_answers_streamed_and_whole() {
    let env = TestEnv::new();
    for (model, family, thinks) in routes() {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args(["chat", "-v", "-m", &model, "hello invoke"]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let out = cmd.output().unwrap();
            let (stdout, stderr) = (stdout_of(&out), stderr_of(&out));
            assert!(out.status.success(), "{model} stream={stream}: {stderr}");
            assert!(
                stdout.contains("You said: hello invoke"),
                "{model} stream={stream}: {stdout}"
            );
            // The reasoning never leaks into the answer, tags included.
            for tag in [
                "<think>",
                "</think>",
                "<reasoning>",
                "</reasoning>",
                "<|im_end|>",
            ] {
                assert!(!stdout.contains(tag), "{model}: {stdout}");
            }
            let op = if stream {
                "InvokeModelWithResponseStream"
            } else {
                "InvokeModel"
            };
            assert!(
                stderr.contains(&format!("route: invoke ({family}) via {op}")),
                "{model}: {stderr}"
            );
            if thinks {
                assert!(
                    stderr.contains("The user said: hello invoke"),
                    "{model}: reasoning goes to stderr: {stderr}"
                );
            }
            // The usage footer (-v) has the counts from the body, headers or metrics.
            assert!(!stderr.contains(" 0 in · 0 out"), "{model}: {stderr}");
        }
    }
}

#[test]
fn json_and_ndjson_output_on_every_route() {
    let env = TestEnv::new();
    for (model, _, thinks) in routes() {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args(["chat", "--output", "json", "-m", &model, "hi"]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let doc = json_of(&cmd.output().unwrap());
            let msg = &doc["choices"][0]["message"];
            let content = msg["content"].as_str().unwrap();
            assert!(
                content.starts_with("Hello from the brock emulator"),
                "{model}: {doc}"
            );
            assert!(content.ends_with("You said: hi"), "{model}: {doc}");
            assert_eq!(doc["choices"][0]["finish_reason"], "stop", "{model}");
            assert!(
                doc["usage"]["completion_tokens"].as_u64().unwrap() > 0,
                "{model}"
            );
            assert!(
                doc["usage"]["prompt_tokens"].as_u64().unwrap() > 0,
                "{model}"
            );
            if thinks {
                assert_eq!(
                    msg["reasoning_content"], "The user said: hi. I will greet them and repeat it.",
                    "{model}"
                );
            } else {
                assert!(msg.get("reasoning_content").is_none(), "{model}: {doc}");
            }
        }
        let out = env
            .cmd()
            .args(["chat", "--output", "ndjson", "-m", &model, "hi"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{model}: {}", stderr_of(&out));
        let mut text = String::new();
        let mut finish = None;
        for line in stdout_of(&out).lines() {
            let chunk: Value = serde_json::from_str(line).unwrap();
            assert_eq!(chunk["object"], "chat.completion.chunk", "{model}: {line}");
            if let Some(c) = chunk["choices"][0]["delta"]["content"].as_str() {
                text.push_str(c);
            }
            if let Some(f) = chunk["choices"][0]["finish_reason"].as_str() {
                finish = Some(f.to_string());
            }
        }
        assert!(text.ends_with("You said: hi"), "{model}: {text:?}");
        assert_eq!(finish.as_deref(), Some("stop"), "{model}");
    }
}

#[test]
fn dry_run_shows_each_family_body() {
    let env = TestEnv::new();
    // (model, a pointer into the body and its value) — each family's distinctive field.
    let cases: Vec<(String, &str, Value)> = vec![
        (
            "invoke/anthropic.claude-3-haiku-20240307-v1:0".into(),
            "/anthropic_version",
            json!("bedrock-2023-05-31"),
        ),
        (
            "invoke/us.meta.llama3-3-70b-instruct-v1:0".into(),
            "/prompt",
            json!(
                "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nq<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
            ),
        ),
        (
            "invoke/mistral.mistral-7b-instruct-v0:2".into(),
            "/prompt",
            json!("<s>[INST] q [/INST]"),
        ),
        (
            "invoke/us.mistral.pixtral-large-2502-v1:0".into(),
            "/messages/0",
            json!({"role": "user", "content": "q"}),
        ),
        (
            "invoke/amazon.titan-text-express-v1".into(),
            "/inputText",
            json!("\n\nUser: q\n\nBot: "),
        ),
        (
            "invoke/amazon.nova-lite-v1:0".into(),
            "/schemaVersion",
            json!("messages-v1"),
        ),
        (
            "invoke/cohere.command-r-v1:0".into(),
            "/message",
            json!("q"),
        ),
        (
            "invoke/ai21.jamba-1-5-mini-v1:0".into(),
            "/messages/0",
            json!({"role": "user", "content": "q"}),
        ),
        (
            "invoke/us.deepseek.r1-v1:0".into(),
            "/prompt",
            json!("<｜begin▁of▁sentence｜><｜User｜>q<｜Assistant｜><think>\n"),
        ),
        (
            "invoke/openai.gpt-oss-20b-1:0".into(),
            "/messages/0",
            json!({"role": "user", "content": "q"}),
        ),
        (
            format!("qwen3/{ARN}"),
            "/prompt",
            json!("<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n"),
        ),
        (format!("openai/{ARN}"), "/model", json!(ARN)),
    ];
    for (model, ptr, want) in cases {
        for (stream, op, tail) in [
            (
                true,
                "InvokeModelWithResponseStream",
                "/invoke-with-response-stream",
            ),
            (false, "InvokeModel", "/invoke"),
        ] {
            let mut cmd = env.cmd();
            cmd.args(["chat", "--dry-run", "-m", &model, "q"]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let doc = json_of(&cmd.output().unwrap());
            assert_eq!(doc["route"], "invoke", "{model}");
            assert_eq!(doc["operation"], op, "{model}");
            assert!(
                doc["path"].as_str().unwrap().ends_with(tail),
                "{model}: {doc}"
            );
            assert_eq!(doc["body"].pointer(ptr), Some(&want), "{model}: {doc}");
            assert!(!doc["model_id"].as_str().unwrap().contains("invoke/"));
        }
    }
    // --route invoke on a bare id is the same as the prefix; converse stays the default.
    let doc = json_of(
        &env.cmd()
            .args([
                "chat",
                "--dry-run",
                "--route",
                "invoke",
                "-m",
                "cohere.command-r-v1:0",
                "q",
            ])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["family"], "cohere");
    let doc = json_of(
        &env.cmd()
            .args(["chat", "--dry-run", "-m", "cohere.command-r-v1:0", "q"])
            .output()
            .unwrap(),
    );
    assert_eq!(doc["route"], "converse");
    assert_eq!(doc["operation"], "ConverseStream");
}

/// The whole streamed text for a `[[split=K]]` prompt and what the user must see of it.
fn split_case(model: &str, k: usize) -> (String, String, String) {
    let user = format!("[[split={k}]] hi");
    let reasoning = format!("The user said: {user}. I will greet them and repeat it.");
    let answer = format!("Hello from the brock emulator ({model}). You said: {user}");
    let streamed = if model.contains("deepseek") {
        format!("{reasoning}\n</think>\n\n{answer}")
    } else {
        format!("<reasoning>{reasoning}</reasoning>{answer}")
    };
    (streamed, reasoning, answer)
}

#[test]
fn reasoning_tags_split_at_every_chunk_boundary() {
    let env = TestEnv::new();
    for model in ["openai.gpt-oss-20b-1:0", "us.deepseek.r1-v1:0"] {
        let spec = format!("invoke/{model}");
        let len = split_case(model, 100).0.chars().count();
        let mut tried = 0;
        for k in 1..len {
            let (streamed, reasoning, answer) = split_case(model, k);
            if k >= streamed.chars().count() {
                continue;
            }
            // gpt-oss has both tags and is cut everywhere; for DeepSeek-R1 the cuts around
            // its one closing tag (the core unit tests cut its stream everywhere).
            let close = streamed
                .find("</think>")
                .map(|b| streamed[..b].chars().count());
            if let Some(c) = close
                && !(c.saturating_sub(3)..c + 12).contains(&k)
            {
                continue;
            }
            tried += 1;
            let out = env
                .cmd()
                .args(["chat", "--output", "json", "-m", &spec])
                .arg(format!("[[split={k}]] hi"))
                .output()
                .unwrap();
            let doc = json_of(&out);
            let msg = &doc["choices"][0]["message"];
            // DeepSeek's answer starts after the blank line that follows `</think>`.
            assert_eq!(
                msg["content"].as_str().unwrap().trim_start(),
                answer,
                "{model} split at {k}"
            );
            assert_eq!(
                msg["reasoning_content"].as_str().unwrap().trim_end(),
                reasoning,
                "{model} split at {k}"
            );
        }
        let want = if model.contains("deepseek") { 15 } else { 150 };
        assert!(tried >= want, "{model}: {tried} boundaries");
    }
}

#[test]
fn route_refusals_are_usage_errors() {
    let env = TestEnv::new();
    let schema = env.write_file("schema.json", r#"{"type": "object"}"#);
    let schema = schema.to_str().unwrap().to_string();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["-m".into(), ARN.into()], "is an imported model"),
        (
            vec![
                "-m".into(),
                "invoke/us.meta.llama3-3-70b-instruct-v1:0".into(),
                "--json-schema".into(),
                schema,
            ],
            "needs tool calling, which the llama invoke body does not have",
        ),
        (
            vec![
                "-m".into(),
                "invoke/amazon.nova-lite-v1:0".into(),
                "--route".into(),
                "converse".into(),
            ],
            "asks for the invoke route",
        ),
        (
            vec![
                "-m".into(),
                "converse/amazon.nova-lite-v1:0".into(),
                "--route".into(),
                "invoke".into(),
            ],
            "asks for the converse route",
        ),
        (
            vec![
                "-m".into(),
                "writer.palmyra-x4-v1:0".into(),
                "--route".into(),
                "invoke".into(),
            ],
            "cannot tell which InvokeModel body",
        ),
        (
            vec!["-m".into(), "converse_like/internal".into()],
            "give the proxy's URL with --api-base",
        ),
        (
            vec![
                "-m".into(),
                "amazon.nova-lite-v1:0".into(),
                "--api-base".into(),
                "http://127.0.0.1:9".into(),
            ],
            "--api-base is for converse_like",
        ),
        (
            vec![
                "-m".into(),
                "converse_like/x".into(),
                "--api-base".into(),
                "ftp://proxy".into(),
            ],
            "must start with http",
        ),
        (vec!["-m".into(), "invoke/".into()], "names no model"),
    ];
    for (args, want) in cases {
        for dry in [false, true] {
            let mut cmd = env.cmd();
            cmd.arg("chat").args(&args);
            if dry {
                cmd.arg("--dry-run");
            }
            let out = cmd.arg("q").output().unwrap();
            let err = stderr_of(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains(want), "{args:?}: {err}");
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
            assert!(stdout_of(&out).is_empty());
        }
    }
}

#[test]
fn wrong_family_bodies_are_refused_like_bedrock() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/anthropic.claude-3-haiku-20240307-v1:0/invoke",
            "-d",
            r#"{"prompt":"hi","max_gen_len":50}"#,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("ValidationException: Malformed input request: #: required key [anthropic_version] not found#: required key [max_tokens] not found#: required key [messages] not found#: extraneous key [max_gen_len] is not permitted#: extraneous key [prompt] is not permitted, please reformat your input and try again."),
        "{}",
        stderr_of(&out)
    );
    let cases = [
        (
            "us.meta.llama3-3-70b-instruct-v1:0",
            r#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":10,"messages":[]}"#,
            "#: required key [prompt] not found#: extraneous key [anthropic_version] is not permitted",
        ),
        (
            "us.meta.llama3-3-70b-instruct-v1:0",
            r#"{"prompt":"hi","max_gen_len":5000,"temperature":2}"#,
            "#/temperature: 2 is not less or equal to 1#/max_gen_len: 5000 is not less or equal to 2048",
        ),
        (
            "amazon.titan-text-express-v1",
            r#"{"inputText":"hi","textGenerationConfig":{"maxTokens":5}}"#,
            "#/textGenerationConfig: extraneous key [maxTokens] is not permitted",
        ),
        (
            "cohere.command-r-v1:0",
            r#"{"message":"hi","chat_history":[{"role":"user","message":"x"}]}"#,
            "#/chat_history/0/role: \"user\" is not a valid enum value",
        ),
        (
            "mistral.mistral-7b-instruct-v0:2",
            r#"{"messages":[{"role":"user","content":"hi"}]}"#,
            "#: required key [prompt] not found#: extraneous key [messages] is not permitted",
        ),
        (
            "amazon.nova-lite-v1:0",
            r#"{"schemaVersion":"messages-v2","messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
            "#/schemaVersion: \"messages-v2\" is not a valid enum value",
        ),
        (
            "openai.gpt-oss-20b-1:0",
            r#"{"prompt":"hi"}"#,
            "#: required key [messages] not found",
        ),
    ];
    for (model, body, want) in cases {
        let out = env
            .cmd()
            .args(["raw", &format!("/model/{model}/invoke"), "-d", body])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{model}");
        let err = stderr_of(&out);
        assert!(
            err.contains("ValidationException: Malformed input request: "),
            "{model}: {err}"
        );
        assert!(err.contains(want), "{model}: {err}");
    }
}

#[test]
fn invoke_streams_are_chunk_events_with_metrics_on_the_last() {
    let env = TestEnv::new();
    for (model, body, field) in [
        (
            "us.meta.llama3-3-70b-instruct-v1:0",
            r#"{"prompt":"hi"}"#,
            "/generation",
        ),
        (
            "mistral.mistral-7b-instruct-v0:2",
            r#"{"prompt":"hi"}"#,
            "/outputs/0/text",
        ),
        (
            "us.deepseek.r1-v1:0",
            r#"{"prompt":"hi"}"#,
            "/choices/0/text",
        ),
        (
            "amazon.titan-text-express-v1",
            r#"{"inputText":"hi"}"#,
            "/outputText",
        ),
        (
            "cohere.command-r-v1:0",
            r#"{"message":"hi"}"#,
            "/event_type",
        ),
        (
            "ai21.jamba-1-5-mini-v1:0",
            r#"{"messages":[{"role":"user","content":"hi"}]}"#,
            "/choices/0/delta",
        ),
        (
            "openai.gpt-oss-20b-1:0",
            r#"{"messages":[{"role":"user","content":"hi"}]}"#,
            "/choices/0/delta",
        ),
        (
            "amazon.nova-lite-v1:0",
            r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
            "",
        ),
    ] {
        let out = env
            .cmd()
            .args([
                "raw",
                &format!("/model/{model}/invoke-with-response-stream"),
                "-d",
                body,
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{model}: {}", stderr_of(&out));
        let events: Vec<Value> = stdout_of(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert!(events.len() >= 2, "{model}");
        for (i, e) in events.iter().enumerate() {
            assert_eq!(e["event"], "chunk", "{model}");
            let bytes = &e["payload"]["bytes"];
            let last = i + 1 == events.len();
            assert_eq!(
                bytes.get("amazon-bedrock-invocationMetrics").is_some(),
                last,
                "{model}: {e}"
            );
            if !field.is_empty() && i == 0 {
                assert!(bytes.pointer(field).is_some(), "{model}: {e}");
            }
        }
        let m = &events.last().unwrap()["payload"]["bytes"]["amazon-bedrock-invocationMetrics"];
        assert!(m["inputTokenCount"].as_u64().unwrap() > 0, "{model}");
        assert!(m["outputTokenCount"].as_u64().unwrap() > 0, "{model}");
    }
}

#[test]
fn tools_on_chat_format_families() {
    let env = TestEnv::new();
    let tools = env.write_file(
        "tools.json",
        r#"[{"name": "get_weather", "description": "Weather for a city",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}},
                "required": ["city"]}}]"#,
    );
    for model in [
        "invoke/openai.gpt-oss-20b-1:0",
        "invoke/us.mistral.pixtral-large-2502-v1:0",
        "invoke/amazon.nova-lite-v1:0",
        "invoke/cohere.command-r-v1:0",
        "invoke/anthropic.claude-3-haiku-20240307-v1:0",
    ] {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args(["chat", "-m", model, "--tools"])
                .arg(&tools)
                .arg("use get_weather please");
            if !stream {
                cmd.arg("--no-stream");
            }
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "{model}: {}", stderr_of(&out));
            let line = stdout_of(&out)
                .lines()
                .find(|l| l.contains("tool_use"))
                .map(str::to_string)
                .unwrap_or_else(|| panic!("{model}: {}", stdout_of(&out)));
            let call: Value = serde_json::from_str(&line).unwrap();
            assert_eq!(call["name"], "get_weather", "{model}");
            assert!(call["input"]["city"].is_string(), "{model}: {call}");
        }
    }
}

#[test]
fn images_reach_the_families_that_take_them() {
    let env = TestEnv::new();
    let png = env.write_file(
        "dot.png",
        base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
        )
        .unwrap(),
    );
    for model in [
        "invoke/anthropic.claude-3-haiku-20240307-v1:0".to_string(),
        "invoke/amazon.nova-lite-v1:0".into(),
        "invoke/us.mistral.pixtral-large-2502-v1:0".into(),
        "invoke/us.meta.llama4-maverick-17b-instruct-v1:0".into(),
        format!("openai/{ARN}"),
    ] {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args(["chat", "-m", &model, "--attach"])
                .arg(&png)
                .arg("what is this");
            if !stream {
                cmd.arg("--no-stream");
            }
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "{model}: {}", stderr_of(&out));
            assert!(
                stdout_of(&out).ends_with("You said: what is this [attachments: 1 image]\n"),
                "{model}: {}",
                stdout_of(&out)
            );
        }
    }
}

#[test]
fn converse_like_goes_to_the_proxy_with_its_api_key() {
    let env = TestEnv::with_options(EmulatorOptions {
        bearer_tokens: vec!["ABSKproxykey".into()],
        ..Default::default()
    });
    // As with LiteLLM, --api-base is the URL posted to, verbatim.
    let stream_url = format!("{}/model/amazon.nova-lite-v1:0/converse-stream", env.url());
    let whole_url = format!("{}/model/amazon.nova-lite-v1:0/converse", env.url());
    let run_at = |url: &str, key: &str, extra: &[&str]| {
        env.cmd()
            .env("PROXY_KEY", key)
            .args([
                "chat",
                "-m",
                "converse_like/amazon.nova-lite-v1:0",
                "--api-base",
                url,
                "--api-key-env",
                "PROXY_KEY",
            ])
            .args(extra)
            .arg("hello proxy")
            .output()
            .unwrap()
    };
    let run = |key: &str, extra: &[&str]| run_at(&stream_url, key, extra);
    let out = run("ABSKproxykey", &["-v"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said: hello proxy"));
    assert!(stderr_of(&out).contains("route: converse_like via ConverseStream"));
    // The answer is read by its media type: a JSON Converse answer to a streamed request and
    // an event stream to an unstreamed one both work.
    let no_stream: &[&str] = &["--no-stream"];
    for (url, extra) in [(&whole_url, &[][..]), (&stream_url, no_stream)] {
        let out = run_at(url, "ABSKproxykey", extra);
        assert!(out.status.success(), "{url} {extra:?}: {}", stderr_of(&out));
        assert!(
            stdout_of(&out).contains("You said: hello proxy"),
            "{url} {extra:?}: {}",
            stdout_of(&out)
        );
    }
    // A wrong key is refused by the proxy: the key, not SigV4, authorised the request.
    let out = run("ABSKwrong", &["--no-stream"]);
    assert!(!out.status.success());
    let doc = json_of(&run("ABSKproxykey", &["--dry-run"]));
    assert_eq!(doc["route"], "converse_like");
    assert_eq!(doc["url"], stream_url);
    let auth = doc["headers"]["authorization"].as_str().unwrap();
    assert!(
        auth.starts_with("Bearer ") && !auth.contains("ABSKproxykey"),
        "{auth}"
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "-m",
            "converse_like/x",
            "--api-base",
            &env.url(),
            "--api-key-env",
            "NOT_SET_ANYWHERE",
            "q",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("NOT_SET_ANYWHERE"));
}

/// The REPL sends every turn through the same route planning as one-shot chat.
#[test]
fn repl_turns_take_the_invoke_route() {
    use expectrl::{ControlCode, Expect, Session};
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args([
        "chat",
        "-i",
        "-v",
        "-m",
        "invoke/us.meta.llama3-3-70b-instruct-v1:0",
    ])
    .env("TERM", "xterm")
    .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    // Wide enough that answers are not wrapped (brock wraps prose at words on a terminal).
    p.get_process_mut().set_window_size(200, 50).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    // Typed input waits for the line editor: raw mode on, then the prompt.
    p.expect("\x1b[?2004h").unwrap();
    p.expect("brock> ").unwrap();
    for text in ["first turn", "second turn"] {
        p.send(format!("{text}\r")).unwrap();
        p.expect("route: invoke (llama) via InvokeModelWithResponseStream")
            .unwrap();
        p.expect(format!("You said: {text}").as_str()).unwrap();
        p.expect("\x1b[?2004h").unwrap();
        p.expect("brock> ").unwrap();
    }
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(expectrl::Eof).unwrap();
}

#[test]
fn a_session_keeps_its_route_until_route_is_given() {
    let env = TestEnv::new();
    let turn = |args: &[&str], text: &str| {
        let out = env
            .cmd()
            .args(["chat", "-v", "--session", "routes"])
            .args(args)
            .arg(text)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert!(stdout_of(&out).contains(&format!("You said: {text}")));
        stderr_of(&out)
    };
    let err = turn(&["-m", "invoke/us.meta.llama3-3-70b-instruct-v1:0"], "one");
    assert!(err.contains("route: invoke (llama)"), "{err}");
    // The saved model carries its route prefix.
    assert!(turn(&[], "two").contains("route: invoke (llama)"));
    // An explicit --route wins over it, and is what the session keeps from then on.
    assert!(turn(&["--route", "converse"], "three").contains("route: converse via"));
    assert!(turn(&[], "four").contains("route: converse via"));
}

/// `--run-tools`: the call comes back in the family's format, the result goes out in it, and
/// the model answers with it.
#[test]
fn tool_loop_runs_on_the_invoke_routes() {
    let env = TestEnv::new();
    env.write_config(&crate::session::weather_config(&env));
    for model in [
        "invoke/anthropic.claude-3-haiku-20240307-v1:0",
        "invoke/amazon.nova-lite-v1:0",
        "invoke/openai.gpt-oss-20b-1:0",
        "invoke/us.mistral.pixtral-large-2502-v1:0",
        "invoke/cohere.command-r-v1:0",
        "invoke/ai21.jamba-1-5-mini-v1:0",
    ] {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args([
                "chat",
                "--run-tools",
                "--yes",
                "-m",
                model,
                "weather in Oslo?",
            ]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let out = cmd.output().unwrap();
            assert!(out.status.success(), "{model}: {}", stderr_of(&out));
            // Cohere tool outputs are objects: the text result arrives wrapped in one.
            let text = stdout_of(&out);
            assert!(
                text.contains("The tool returned: ") && text.contains("sunny"),
                "{model} stream={stream}: {text}\n{}",
                stderr_of(&out)
            );
        }
    }
}

#[test]
fn invoke_stream_faults_keep_the_partial_answer() {
    let env = TestEnv::new();
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"stream-error\"\n");
    // The text of the deltas the emulator sends before the error: llama's stream has no start
    // chunk, so one more of its frames is a delta.
    for (model, partial) in [
        (
            "invoke/us.meta.llama3-3-70b-instruct-v1:0",
            "lorem ipsum dolor sit amet consectetur adipiscing elit sed ",
        ),
        (
            "invoke/ai21.jamba-1-5-mini-v1:0",
            "lorem ipsum dolor sit amet consectetur ",
        ),
        (
            "invoke/cohere.command-r-v1:0",
            "lorem ipsum dolor sit amet consectetur ",
        ),
        (
            "invoke/amazon.nova-lite-v1:0",
            "lorem ipsum dolor sit amet consectetur ",
        ),
    ] {
        let out = env
            .cmd()
            .args(["chat", "-m", model, "[[tokens=40]]"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{model}: {}", stderr_of(&out));
        assert_eq!(
            stdout_of(&out),
            format!("{partial}\n"),
            "{model}: partial kept, its line ended"
        );
        assert!(
            stderr_of(&out).contains("ModelStreamErrorException"),
            "{model}: {}",
            stderr_of(&out)
        );
    }
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"throttle\"\n");
    let out = env
        .cmd()
        .args([
            "chat",
            "--no-stream",
            "-m",
            "invoke/amazon.nova-lite-v1:0",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    // One attempt per streamed fault above (output had started), then the default 3 attempts.
    assert_eq!(env.emulator.requests(), 4 + 3, "{}", stderr_of(&out));
}

/// The blocked message the emulator's guardrail answers with, in each family's text field.
const BLOCKED: &str = "Sorry, the model cannot answer this question.";

#[test]
fn guardrail_intervention_on_the_invoke_route_streamed_and_whole() {
    let env = TestEnv::new();
    let families = [
        ("invoke/anthropic.claude-3-haiku-20240307-v1:0", "anthropic"),
        ("invoke/us.meta.llama3-3-70b-instruct-v1:0", "llama"),
    ];
    for (model, family) in families {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args([
                "chat",
                "--guardrail",
                "abc123xyz:1",
                "--guardrail-trace",
                "-m",
                model,
                "tell me [[blocked]] things",
            ]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let out = cmd.output().unwrap();
            let (stdout, stderr) = (stdout_of(&out), stderr_of(&out));
            assert!(out.status.success(), "{family} stream={stream}: {stderr}");
            assert_eq!(stdout.trim(), BLOCKED, "{family} stream={stream}");
            assert!(
                stderr.contains("the guardrail intervened"),
                "{family} stream={stream}: {stderr}"
            );
            // --guardrail-trace sends X-Amzn-Bedrock-Trace: ENABLED; the trace comes back.
            assert!(
                stderr.contains("guardrail trace:") && stderr.contains("\"BLOCKED\""),
                "{family} stream={stream}: {stderr}"
            );

            let mut cmd = env.cmd();
            cmd.args([
                "chat",
                "--output",
                "json",
                "--guardrail",
                "abc123xyz:DRAFT",
                "-m",
                model,
                "tell me [[blocked]] things",
            ]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let doc = json_of(&cmd.output().unwrap());
            assert_eq!(
                doc["choices"][0]["finish_reason"], "content_filter",
                "{family} stream={stream}: {doc}"
            );
            assert_eq!(doc["choices"][0]["message"]["content"], BLOCKED, "{family}");
        }
    }
}

#[test]
fn guardrail_pass_through_on_the_invoke_route() {
    let env = TestEnv::new();
    for model in [
        "invoke/anthropic.claude-3-haiku-20240307-v1:0",
        "invoke/us.meta.llama3-3-70b-instruct-v1:0",
    ] {
        for stream in [true, false] {
            let mut cmd = env.cmd();
            cmd.args([
                "chat",
                "--output",
                "json",
                "--guardrail",
                "abc123xyz:1",
                "-m",
                model,
                "hi",
            ]);
            if !stream {
                cmd.arg("--no-stream");
            }
            let out = cmd.output().unwrap();
            assert!(
                !stderr_of(&out).contains("guardrail intervened"),
                "{model}: {}",
                stderr_of(&out)
            );
            let doc = json_of(&out);
            assert_eq!(doc["choices"][0]["finish_reason"], "stop", "{model}");
            let content = doc["choices"][0]["message"]["content"].as_str().unwrap();
            assert!(content.ends_with("You said: hi"), "{model}: {doc}");
        }
    }
}

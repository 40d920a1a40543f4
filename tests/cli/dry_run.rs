//! `--dry-run` on every command that sends a request: the exact request as one JSON document
//! (service, method, URL, path, headers, body), and nothing sent. Every endpoint points at a
//! closed port, so a request that went out would fail the command with a network error.

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of};

const CLOSED: &str = "http://127.0.0.1:9";

fn dry_run(env: &TestEnv, args: &[&str], stdin: &str) -> Value {
    let out = env
        .cmd()
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", CLOSED)
        .env("AWS_ENDPOINT_URL_BEDROCK", CLOSED)
        .env("AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME", CLOSED)
        .args(args)
        .arg("--dry-run")
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)));
    for d in doc.as_array().cloned().unwrap_or_else(|| vec![doc.clone()]) {
        assert_eq!(d["method"], "POST", "{args:?}: {d}");
        let url = d["url"].as_str().unwrap();
        assert_eq!(url, format!("{CLOSED}{}", d["path"].as_str().unwrap()));
        assert_eq!(d["headers"]["content-type"], "application/json", "{d}");
    }
    doc
}

#[test]
fn embed_shows_one_request_per_call() {
    let env = TestEnv::new();
    let doc = dry_run(&env, &["embed", "--dimensions", "256", "hello"], "");
    assert_eq!(doc["service"], "bedrock-runtime");
    assert_eq!(doc["operation"], "InvokeModel");
    assert_eq!(doc["path"], "/model/amazon.titan-embed-text-v2%3A0/invoke");
    assert_eq!(doc["body"]["inputText"], "hello");
    assert_eq!(doc["body"]["dimensions"], 256);
    // Titan takes one text per call: three texts, three requests.
    let doc = dry_run(&env, &["embed"], "one\ntwo\nthree\n");
    let texts: Vec<&str> = doc
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["body"]["inputText"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["one", "two", "three"]);
    // Cohere batches them in one.
    let doc = dry_run(
        &env,
        &["embed", "-m", "cohere.embed-english-v3", "a", "b"],
        "",
    );
    assert_eq!(doc["body"]["texts"], json!(["a", "b"]));
}

#[test]
fn image_shows_the_request_and_writes_nothing() {
    let env = TestEnv::new();
    let dir = env.home.path().join("shots");
    let doc = dry_run(
        &env,
        &[
            "image",
            "--seed",
            "7",
            "--out-dir",
            dir.to_str().unwrap(),
            "a red fox",
        ],
        "",
    );
    assert_eq!(doc["path"], "/model/amazon.nova-canvas-v1%3A0/invoke");
    assert_eq!(doc["headers"]["accept"], "application/json");
    assert_eq!(doc["body"]["textToImageParams"]["text"], "a red fox");
    assert_eq!(doc["body"]["imageGenerationConfig"]["seed"], 7);
    assert!(!dir.exists(), "a dry run created --out-dir");
}

#[test]
fn rerank_shows_either_route() {
    let env = TestEnv::new();
    let doc = dry_run(&env, &["rerank", "--query", "fruit", "kiwi", "car"], "");
    assert_eq!(doc["service"], "bedrock-agent-runtime");
    assert_eq!(doc["operation"], "Rerank");
    assert_eq!(doc["path"], "/rerank");
    assert_eq!(doc["body"]["queries"][0]["textQuery"]["text"], "fruit");
    assert_eq!(doc["body"]["sources"].as_array().unwrap().len(), 2);
    let doc = dry_run(
        &env,
        &[
            "rerank", "--route", "invoke", "--query", "fruit", "kiwi", "car",
        ],
        "",
    );
    assert_eq!(doc["operation"], "InvokeModel");
    assert_eq!(doc["path"], "/model/cohere.rerank-v3-5%3A0/invoke");
    assert_eq!(doc["body"]["query"], "fruit");
}

#[test]
fn agent_invoke_retrieve_and_ask() {
    let env = TestEnv::new();
    let doc = dry_run(
        &env,
        &[
            "agent",
            "invoke",
            "AGENT12345",
            "TSTALIASID",
            "--session",
            "s-1",
            "hello",
        ],
        "",
    );
    assert_eq!(doc["service"], "bedrock-agent-runtime");
    assert_eq!(doc["operation"], "InvokeAgent");
    assert_eq!(
        doc["path"],
        "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/s-1/text"
    );
    assert_eq!(doc["body"]["inputText"], "hello");
    // Nothing was remembered for --continue.
    assert!(!env.data_dir().join("agent-sessions.json").exists());

    let doc = dry_run(
        &env,
        &["agent", "retrieve", "KB12345678", "refunds", "-k", "3"],
        "",
    );
    assert_eq!(doc["operation"], "Retrieve");
    assert_eq!(doc["path"], "/knowledgebases/KB12345678/retrieve");
    assert_eq!(doc["body"]["retrievalQuery"]["text"], "refunds");

    let doc = dry_run(&env, &["agent", "ask", "KB12345678", "How long?"], "");
    assert_eq!(doc["operation"], "RetrieveAndGenerateStream");
    assert_eq!(doc["path"], "/retrieveAndGenerateStream");
    assert_eq!(doc["body"]["input"]["text"], "How long?");
    let doc = dry_run(
        &env,
        &["agent", "ask", "--no-stream", "KB12345678", "q"],
        "",
    );
    assert_eq!(doc["path"], "/retrieveAndGenerate");
}

#[test]
fn tokens_guardrail_and_chat_share_the_shape() {
    let env = TestEnv::new();
    let doc = dry_run(
        &env,
        &[
            "tokens",
            "-m",
            "anthropic.claude-sonnet-4-20250514-v1:0",
            "q",
        ],
        "",
    );
    assert_eq!(doc["operation"], "CountTokens");
    let doc = dry_run(&env, &["guardrail", "apply", "abc:1", "q"], "");
    assert_eq!(doc["operation"], "ApplyGuardrail");
    let doc = dry_run(&env, &["chat", "-m", "amazon.nova-lite-v1:0", "q"], "");
    assert_eq!(doc["operation"], "ConverseStream");
    let doc = dry_run(
        &env,
        &[
            "chat",
            "--count-tokens",
            "-m",
            "anthropic.claude-sonnet-4-20250514-v1:0",
            "q",
        ],
        "",
    );
    assert_eq!(doc["operation"], "CountTokens");
}

/// `--dry-run` prints what then goes on the wire: the same command run for real against the
/// emulator sends exactly the printed method, path, headers (compared after the same
/// redaction) and body. Only the signature and its timestamp may differ between the two runs
/// (they depend on the keys and the clock); both are there.
#[test]
fn dry_run_equals_the_request_the_service_receives() {
    let env = TestEnv::new();
    env.write_config("[default.headers]\nx-team = \"blue\"\nx-api-key = \"secret-value\"\n");
    let commands: &[&[&str]] = &[
        &["chat", "--no-stream", "-m", "nova-lite", "hello there"],
        &["chat", "-m", "haiku", "--temperature", "0.2", "streamed"],
        &["embed", "--dimensions", "256", "one text"],
        &["rerank", "--query", "fruit", "kiwi", "car"],
        &["tokens", "-m", "sonnet", "count me"],
    ];
    for args in commands {
        let out = env.cmd().args(*args).arg("--dry-run").output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        let before = env.emulator.requests();
        let out = env.cmd().args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        assert_eq!(env.emulator.requests(), before + 1, "{args:?}: one request");
        let got = env.emulator.last_request().expect("a request arrived");

        assert_eq!(doc["method"], got.method, "{args:?}");
        assert_eq!(doc["path"], got.uri, "{args:?}");
        let mut received = serde_json::Map::new();
        for (k, v) in &got.headers {
            received.insert(k.clone(), Value::String(brock_bedrock::redact_header(k, v)));
        }
        let mut printed = doc["headers"].as_object().unwrap().clone();
        for key in ["authorization", "x-amz-date"] {
            let (p, r) = (printed.remove(key), received.remove(key));
            assert!(p.is_some() && r.is_some(), "{args:?}: {key} missing");
        }
        assert_eq!(Value::Object(printed), Value::Object(received), "{args:?}");
        assert!(
            doc["headers"]["x-team"]
                .as_str()
                .unwrap()
                .starts_with("<redacted")
        );
        assert!(
            doc["headers"]["user-agent"]
                .as_str()
                .unwrap()
                .starts_with("brock/")
        );
        assert_eq!(doc["headers"]["amz-sdk-request"], "attempt=1; max=3");
        let body: Value = serde_json::from_slice(&got.body).unwrap();
        assert_eq!(doc["body"], body, "{args:?}");
        assert_eq!(
            doc["headers"]["content-length"],
            got.body.len().to_string(),
            "{args:?}"
        );
    }
}

//! `brock raw` against the emulator: every service, GET and POST, SigV4 with ids containing ':'
//! and ARNs, bearer, streaming kinds, exception and corrupted frames, non-JSON bodies.

use crate::common::{TestEnv, stderr_of, stdout_of};

const CONVERSE: &str = r#"{"messages":[{"role":"user","content":[{"text":"hi there"}]}]}"#;

#[test]
fn post_converse_prints_the_native_answer() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/us.amazon.nova-lite-v1:0/converse",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["output"]["message"]["role"], "assistant");
    assert!(doc["usage"]["inputTokens"].as_u64().unwrap() > 0);
    assert!(doc["stopReason"].is_string());
}

#[test]
fn body_from_file_and_from_stdin() {
    let env = TestEnv::new();
    let f = env.write_file("req.json", CONVERSE);
    let at = format!("@{}", f.display());
    let out = env
        .cmd()
        .args(["raw", "/model/amazon.nova-lite-v1:0/converse", "-d", &at])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = env
        .cmd()
        .args(["raw", "/model/amazon.nova-lite-v1:0/converse"])
        .write_stdin(CONVERSE)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("\"assistant\""));
}

#[test]
fn already_encoded_ids_and_arns_are_signed_correctly() {
    let env = TestEnv::new();
    for path in [
        "/model/us.amazon.nova-lite-v1%3A0/converse",
        "/model/arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0/converse",
        "/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0/converse",
    ] {
        let out = env
            .cmd()
            .args(["raw", path, "-d", CONVERSE])
            .output()
            .unwrap();
        assert!(out.status.success(), "{path}: {}", stderr_of(&out));
    }
}

#[test]
fn get_on_the_control_plane_with_query() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "GET",
            "--service",
            "bedrock",
            "/inference-profiles?maxResults=5",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["inferenceProfileSummaries"].as_array().unwrap().len(),
        5
    );
    assert!(doc["nextToken"].is_string());
    let out = env
        .cmd()
        .args([
            "raw",
            "--service",
            "bedrock",
            "/foundation-models/amazon.nova-lite-v1:0",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("\"modelDetails\""));
}

#[test]
fn converse_stream_is_decoded_into_json_lines() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/us.amazon.nova-lite-v1:0/converse-stream",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.first().unwrap()["event"], "messageStart");
    assert!(lines.iter().any(|l| l["event"] == "contentBlockDelta"));
    let text: String = lines
        .iter()
        .filter_map(|l| l["payload"]["delta"]["text"].as_str())
        .collect();
    assert!(text.contains("hi there"), "{text}");
    assert_eq!(lines.last().unwrap()["event"], "metadata");
}

#[test]
fn raw_frames_show_headers() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "--raw-frames",
            "/model/us.amazon.nova-lite-v1:0/converse-stream",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let first: serde_json::Value =
        serde_json::from_str(stdout_of(&out).lines().next().unwrap()).unwrap();
    assert_eq!(first["headers"][":event-type"], "messageStart");
    assert_eq!(first["headers"][":message-type"], "event");
    assert_eq!(first["headers"][":content-type"], "application/json");
}

#[test]
fn invoke_stream_chunks_are_decoded() {
    let env = TestEnv::new();
    let body = r#"{"anthropic_version":"bedrock-2023-05-31","max_tokens":200,"messages":[{"role":"user","content":"hello"}]}"#;
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/us.anthropic.claude-sonnet-4-5-20250929-v1:0/invoke-with-response-stream",
            "-d",
            body,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines: Vec<serde_json::Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().all(|l| l["event"] == "chunk"), "{lines:?}");
    // The base64 bytes became the Anthropic event JSON.
    assert_eq!(lines[0]["payload"]["bytes"]["type"], "message_start");
}

#[test]
fn exception_frame_is_printed_and_sets_the_exit_code() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/emulator.stream-error/converse-stream",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let last: serde_json::Value =
        serde_json::from_str(stdout_of(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["exception"], "modelStreamErrorException");
    assert!(
        stderr_of(&out).contains("ModelStreamErrorException"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn corrupted_frame_is_a_clear_error_not_a_panic() {
    let env = TestEnv::new();
    for scenario in ["malformed-frame", "crc-mismatch", "truncated"] {
        let out = env
            .cmd()
            .args([
                "raw",
                "-H",
                &format!("x-brock-emulator-scenario: {scenario}"),
            ])
            .args([
                "/model/us.amazon.nova-lite-v1:0/converse-stream",
                "-d",
                CONVERSE,
            ])
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert!(!err.contains("panicked"), "{scenario}: {err}");
        if scenario == "truncated" {
            // The connection drops mid-frame: a network failure, reported as such.
            assert!(
                matches!(out.status.code(), Some(1) | Some(5)),
                "{scenario}: {err}"
            );
        } else {
            assert_eq!(out.status.code(), Some(1), "{scenario}: {err}");
            assert!(err.contains("event-stream frame"), "{scenario}: {err}");
        }
        // Frames decoded before the damage were printed.
        assert!(stdout_of(&out).contains("messageStart"), "{scenario}");
    }
}

#[test]
fn body_that_is_not_json_is_refused_before_sending() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "-v",
            "raw",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            "{not json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("not valid JSON") && err.contains("--binary"),
        "{err}"
    );
    assert!(!err.contains("->"), "nothing may be sent: {err}");
    // With --binary it is sent, and the service's own validation answers.
    let out = env
        .cmd()
        .args([
            "raw",
            "--binary",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            "{not json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
}

#[test]
fn service_errors_show_type_and_message_and_body_with_include() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "raw",
            "-i",
            "/model/no.such-model-v1:0/converse",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("HTTP 400"), "{err}");
    assert!(err.contains("x-amzn-errortype"), "{err}");
    assert!(
        err.contains("ValidationException: The provided model identifier is invalid."),
        "{err}"
    );
    assert!(
        stdout_of(&out).contains("\"message\""),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn retries_and_no_retry() {
    let env = TestEnv::new();
    let args = ["raw", "-H", "x-brock-emulator-scenario: throttle-then-ok"];
    let out = env
        .cmd()
        .args(args)
        .args([
            "--no-retry",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    // --no-retry: the one throttled attempt and no other.
    assert_eq!(env.emulator.requests(), 1, "{}", stderr_of(&out));
    let out = env
        .cmd()
        .args(args)
        .args([
            "--max-attempts",
            "5",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // The scenario fails its first two requests in all: one more throttled attempt, then the
    // answer, and no attempt after it.
    assert_eq!(env.emulator.requests(), 3, "{}", stderr_of(&out));
}

#[test]
fn agent_runtime_path_and_bearer() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        bearer_tokens: vec!["ABSK-raw-token".into()],
        ..Default::default()
    });
    // A bearer token is accepted on the runtime…
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "ABSK-raw-token")
        .args([
            "raw",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            CONVERSE,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // …but the agents runtime needs SigV4, and says so.
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "ABSK-raw-token")
        .args([
            "raw",
            "--service",
            "agent-runtime",
            "/knowledgebases/KB1234567/retrieve",
        ])
        .args(["-d", r#"{"retrievalQuery":{"text":"q"}}"#])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("does not accept Bedrock API keys"),
        "{}",
        stderr_of(&out)
    );
    // With SigV4 credentials the agents runtime is reached (its answer, whatever it is, is AWS-shaped).
    let out = env
        .cmd()
        .args(["raw", "-i", "--service", "agent-runtime", "/rerank"])
        .args(["-d", r#"{"queries":[{"type":"TEXT","textQuery":{"text":"q"}}],"sources":[{"type":"INLINE","inlineDocumentSource":{"type":"TEXT","textDocument":{"text":"a"}}}],"rerankingConfiguration":{"type":"BEDROCK_RERANKING_MODEL","bedrockRerankingConfiguration":{"modelConfiguration":{"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0"}}}}"#])
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("HTTP "), "{}", stderr_of(&out));
    assert_ne!(out.status.code(), Some(3), "{}", stderr_of(&out));
}

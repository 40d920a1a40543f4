//! Parity with the recorded Bedrock traffic: every recorded Converse, ConverseStream and
//! CountTokens request in tests/fixtures/recorded/converse is sent to the emulator, signed as
//! an SDK signs it (aws-sigv4, path encoded once on the wire and twice in the signature), for
//! the region it was recorded in. The emulator must answer with the recorded status, and with
//! the recorded message when Bedrock refused the request.

use std::path::PathBuf;

use base64::Engine;
use brock_emulator::{BackgroundEmulator, EmulatorOptions};
use http_body_util::BodyExt;
use serde_yaml::Value;

use crate::common::fixtures_dir;

/// Recordings whose answer depends on something an emulator cannot know. Keep this minimal:
/// every entry is (cassette, interaction index, why); the emulator's refusal must then be
/// [`SIGNATURE_REFUSAL`] / [`JSON_REFUSAL`] as the reason says, so an entry hides nothing else.
const ALLOWED: &[(&str, usize, &str)] = &[
    // Second turns that send back reasoning signed by Anthropic's key. The emulator verifies
    // signatures against its own key (so a client that alters reasoning is caught) and cannot
    // know Anthropic's; Bedrock accepted them because they were genuine.
    (
        "test_bedrock_anthropic_tool_with_thinking.yaml",
        1,
        SIGNED_ELSEWHERE,
    ),
    (
        "test_bedrock_model_thinking_part_anthropic.yaml",
        1,
        SIGNED_ELSEWHERE,
    ),
    (
        "test_bedrock_model_thinking_part_anthropic_adaptive.yaml",
        1,
        SIGNED_ELSEWHERE,
    ),
    (
        "test_bedrock_model_thinking_part_anthropic_adaptive_effort.yaml",
        1,
        SIGNED_ELSEWHERE,
    ),
    (
        "test_bedrock_model_thinking_part_anthropic_legacy.yaml",
        1,
        SIGNED_ELSEWHERE,
    ),
    (
        "test_bedrock_model_thinking_part_redacted.yaml",
        1,
        "redactedContent issued (encrypted) by Anthropic; only Anthropic can open it",
    ),
    // The cassette's body was edited after recording: 320 bytes of unterminated JSON under
    // a recorded content-length of 178. What Bedrock accepted is not in the recording.
    (
        "test_bedrock_model_other_parameters.yaml",
        0,
        "request body edited after recording (not what Bedrock received)",
    ),
];

const SIGNED_ELSEWHERE: &str = "reasoning signature issued by Anthropic's key, unknowable here";
const SIGNATURE_REFUSAL: &[&str] = &[
    "messages.1.content.0: Invalid `signature` in `thinking` block",
    "messages.1.content.0: Invalid `data` in `redacted_thinking` block",
];
const JSON_REFUSAL: &str = "Could not parse the request body as JSON.";

struct Recorded {
    cassette: String,
    index: usize,
    region: String,
    path: String,
    body: Vec<u8>,
    status: u16,
    message: Option<String>,
}

fn scalar_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Tagged(t) if t.tag == "!binary" => {
            let s: String = t.value.as_str()?.split_whitespace().collect();
            base64::engine::general_purpose::STANDARD.decode(s).ok()
        }
        _ => None,
    }
}

fn yaml_to_json(v: &Value) -> serde_json::Value {
    serde_json::to_value(v).expect("YAML maps to JSON")
}

fn recorded() -> Vec<Recorded> {
    let dir = fixtures_dir().join("converse");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("vendored fixtures in tests/fixtures/recorded/converse")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let cassette = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        // serde_yaml drops the core `!!binary` tag; a local tag survives.
        let doc: Value = serde_yaml::from_str(&text.replace("!!binary", "!binary")).unwrap();
        for (index, it) in doc["interactions"]
            .as_sequence()
            .unwrap()
            .iter()
            .enumerate()
        {
            let req = &it["request"];
            let uri = req["uri"].as_str().unwrap();
            let Some(rest) = uri.strip_prefix("https://bedrock-runtime.") else {
                continue; // downloads of test media, other providers
            };
            let (host_region, path) = rest.split_once(".amazonaws.com").unwrap();
            let op = path.rsplit('/').next().unwrap();
            if !["converse", "converse-stream", "count-tokens"].contains(&op) {
                continue;
            }
            let body = match scalar_bytes(&req["body"]) {
                Some(b) => b,
                None => serde_json::to_vec(&yaml_to_json(&req["parsed_body"])).unwrap(),
            };
            let resp = &it["response"];
            let status = resp["status"]["code"].as_u64().unwrap() as u16;
            let message = resp["parsed_body"]["message"]
                .as_str()
                .map(str::to_string)
                .or_else(|| {
                    let raw = scalar_bytes(&resp["body"]["string"])?;
                    let v: serde_json::Value = serde_json::from_slice(&raw).ok()?;
                    v["message"].as_str().map(str::to_string)
                });
            out.push(Recorded {
                cassette: cassette.clone(),
                index,
                region: host_region.to_string(),
                path: path.to_string(),
                body,
                status,
                message,
            });
        }
    }
    out
}

/// Sends one request signed like an AWS SDK; returns the status and the error message, if any.
async fn send(emu: &BackgroundEmulator, region: &str, path: &str, body: &[u8]) -> (u16, String) {
    let resp =
        crate::common::signed_post(emu, region, "bedrock", path, "application/json", body).await;
    let status = resp.status().as_u16();
    let bytes = resp.into_body().collect().await.unwrap().to_bytes();
    let message = if status == 200 {
        String::new()
    } else {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .ok()
            .and_then(|v| {
                v.get("message")
                    .or_else(|| v.get("Message"))
                    .and_then(|m| m.as_str().map(str::to_string))
            })
            .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned())
    };
    (status, message)
}

#[tokio::test]
async fn recorded_requests_get_the_recorded_status() {
    let recorded = recorded();
    assert!(
        recorded.len() > 50,
        "expected the vendored cassettes, found {} requests",
        recorded.len()
    );
    let mut emulators: Vec<(String, BackgroundEmulator)> = Vec::new();
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    let mut allowed_used = 0;
    for r in &recorded {
        if !emulators.iter().any(|(region, _)| region == &r.region) {
            let emu = BackgroundEmulator::start(EmulatorOptions {
                region: r.region.clone(),
                ..Default::default()
            })
            .expect("emulator starts");
            emulators.push((r.region.clone(), emu));
        }
        let emu = &emulators.iter().find(|(g, _)| g == &r.region).unwrap().1;
        let (status, message) = send(emu, &r.region, &r.path, &r.body).await;
        let same_message = r.status == 200 || r.message.as_deref() == Some(message.as_str());
        let agree = status == r.status && same_message;
        let allowed = ALLOWED
            .iter()
            .find(|(c, i, _)| *c == r.cassette && *i == r.index);
        if let (false, Some((_, _, why))) = (agree, allowed) {
            let expected = if why.contains("edited") {
                message == JSON_REFUSAL
            } else {
                SIGNATURE_REFUSAL.iter().any(|m| message.ends_with(m))
            };
            assert!(
                expected,
                "{} #{} is allow-listed ({why}) but the emulator refused it otherwise: {status} {message}",
                r.cassette, r.index
            );
        }
        assert!(
            !(agree && allowed.is_some()),
            "{} #{} agrees now: remove it from ALLOWED",
            r.cassette,
            r.index
        );
        let verdict = match (agree, allowed) {
            (true, _) => "yes",
            (false, Some(_)) => "allowed",
            (false, None) => "NO",
        };
        if !agree {
            if allowed.is_some() {
                allowed_used += 1;
            } else {
                failures.push(format!(
                    "{} #{}: recorded {} {:?}, emulator {} {:?}",
                    r.cassette, r.index, r.status, r.message, status, message
                ));
            }
        }
        rows.push(format!(
            "| {} #{} | {} | {} | {} |",
            r.cassette, r.index, r.status, status, verdict
        ));
    }
    println!("| cassette | recorded | emulator | agree? |\n|---|---|---|---|");
    for row in &rows {
        println!("{row}");
    }
    println!(
        "{} recorded requests replayed; {} agree, {} allow-listed, {} disagree",
        rows.len(),
        rows.len() - failures.len() - allowed_used,
        allowed_used,
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "the emulator disagrees with Bedrock:\n{}",
        failures.join("\n")
    );
    // A stale allow-list entry would hide nothing and must go.
    for (c, i, why) in ALLOWED {
        assert!(
            recorded.iter().any(|r| r.cassette == *c && r.index == *i),
            "allow-list entry {c} #{i} ({why}) names no recording"
        );
    }
}

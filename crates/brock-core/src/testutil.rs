//! Test access to the recorded Bedrock traffic in `tests/fixtures/recorded` (see its
//! README): VCR cassettes whose request bodies are real Converse JSON and whose stream
//! responses are base64 event-stream bytes.

use std::path::PathBuf;

use aws_smithy_types::event_stream::Message as Frame;
use base64::Engine;
use serde_json::Value;
use serde_yaml::Value as Yaml;

pub fn recorded_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/recorded")
}

/// One request/response pair of a cassette.
#[derive(Debug, Clone)]
pub struct Interaction {
    pub uri: String,
    /// The request body as recorded.
    pub request_text: Option<String>,
    /// The request body as JSON, when it is JSON.
    pub request: Option<Value>,
    /// `parsed_body` of the response, when recorded.
    pub response_json: Option<Value>,
    /// The raw response body, when it is binary (event streams).
    pub response_bytes: Option<Vec<u8>>,
}

// serde_yaml resolves `!!binary` to a plain string, so binary bodies arrive as base64 text.
fn binary(v: &Yaml) -> Option<Vec<u8>> {
    let s = match v {
        Yaml::Tagged(t) => t.value.as_str()?,
        other => other.as_str()?,
    };
    if serde_json::from_str::<Value>(s).is_ok() {
        return None;
    }
    let compact: String = s.split_whitespace().collect();
    base64::engine::general_purpose::STANDARD
        .decode(compact)
        .ok()
}

fn text(v: &Yaml) -> Option<String> {
    match v {
        Yaml::String(s) if serde_json::from_str::<Value>(s).is_ok() => Some(s.clone()),
        other => binary(other).and_then(|b| String::from_utf8(b).ok()),
    }
}

/// Reads a cassette from `converse/`.
pub fn cassette(name: &str) -> Vec<Interaction> {
    let path = recorded_dir().join("converse").join(name);
    let raw = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: Yaml = serde_yaml::from_str(&raw).unwrap();
    doc["interactions"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|it| {
            let req = &it["request"];
            let resp = &it["response"];
            let body = &resp["body"]["string"];
            Interaction {
                uri: req["uri"].as_str().unwrap_or_default().to_string(),
                request_text: req["body"].as_str().map(str::to_string),
                request: text(&req["body"]).and_then(|s| serde_json::from_str(&s).ok()),
                response_json: (!resp["parsed_body"].is_null())
                    .then(|| serde_json::to_value(&resp["parsed_body"]).unwrap())
                    .or_else(|| text(body).and_then(|s| serde_json::from_str(&s).ok())),
                response_bytes: binary(body),
            }
        })
        .collect()
}

/// The cassettes whose responses are ConverseStream event streams.
pub fn stream_cassettes() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(recorded_dir().join("converse"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .filter(|n| {
            cassette(n)
                .iter()
                .any(|i| i.uri.ends_with("/converse-stream") && i.response_bytes.is_some())
        })
        .collect();
    names.sort();
    names
}

/// Splits event-stream bytes into frames.
pub fn frames(bytes: &[u8]) -> Vec<Frame> {
    let mut buf: &[u8] = bytes;
    let mut out = Vec::new();
    while !buf.is_empty() {
        out.push(aws_smithy_eventstream::frame::read_message_from(&mut buf).unwrap());
    }
    out
}

pub fn header(frame: &Frame, name: &str) -> Option<String> {
    frame
        .headers()
        .iter()
        .find(|h| h.name().as_str() == name)
        .and_then(|h| h.value().as_string().ok())
        .map(|s| s.as_str().to_string())
}

/// The Kimi K2 stream of `converse-chunks/`, one event JSON per line.
pub fn kimi_chunks() -> Vec<String> {
    let path = recorded_dir().join("converse-chunks/kimi-k2-thinking-inline-think-tags.chunks.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The text deltas of the Kimi stream, in order.
pub fn kimi_text_deltas() -> Vec<String> {
    kimi_chunks()
        .iter()
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).ok()?;
            v["contentBlockDelta"]["delta"]["text"]
                .as_str()
                .map(str::to_string)
        })
        .collect()
}

#[test]
fn cassettes_load() {
    let its = cassette("test_bedrock_model_stream.yaml");
    assert_eq!(its.len(), 1);
    assert!(its[0].request.is_some());
    assert!(
        its[0]
            .response_bytes
            .as_ref()
            .is_some_and(|b| b.len() > 1000)
    );
    let its = cassette("test_bedrock_model.yaml");
    assert!(its[0].response_json.is_some());
}

//! The one stream event type every route produces, the ConverseStream decoder, and the
//! accumulator that folds events back into a full `ChatResponse`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use aws_smithy_types::event_stream::Message as Frame;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::converse::{ChatResponse, StopReason, Usage};
use super::error::{Error, Result};
use super::message::{Message, Part, Role, ToolResultContent, ToolStatus};

/// A piece of a streamed answer. `index` is the content block the piece belongs to; blocks of
/// different kinds never share an index.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StreamEvent {
    MessageStart,
    TextDelta {
        index: u32,
        text: String,
    },
    ReasoningDelta {
        index: u32,
        text: String,
    },
    ReasoningSignature {
        index: u32,
        signature: String,
    },
    RedactedReasoning {
        index: u32,
        data: String,
    },
    ToolUseStart {
        index: u32,
        id: String,
        name: String,
        /// Bedrock's `toolUse.type` (`server_tool_use` for Bedrock-run tools).
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    ToolUseDelta {
        index: u32,
        input_json_fragment: String,
    },
    /// The result of a tool Bedrock ran itself (Nova code interpreter).
    ToolResultStart {
        index: u32,
        tool_use_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<ToolStatus>,
        #[serde(skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
    },
    ToolResultDelta {
        index: u32,
        content: Vec<ToolResultContent>,
    },
    BlockStop {
        index: u32,
    },
    MessageStop {
        stop_reason: StopReason,
        #[serde(skip_serializing_if = "Option::is_none")]
        additional_fields: Option<Value>,
    },
    Metadata {
        usage: Usage,
        #[serde(skip_serializing_if = "Option::is_none")]
        latency_ms: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        trace: Option<Value>,
    },
}

/// Decodes ConverseStream event payloads.
#[derive(Debug, Default)]
pub struct ConverseStreamDecoder {}

fn field<'a>(v: &'a Value, key: &str, event: &str) -> Result<&'a Value> {
    v.get(key)
        .ok_or_else(|| Error::response(format!("{event} event without '{key}'")))
}

fn index_of(v: &Value, event: &str) -> Result<u32> {
    field(v, "contentBlockIndex", event)?
        .as_u64()
        .and_then(|i| u32::try_from(i).ok())
        .ok_or_else(|| Error::response(format!("{event} event with a bad contentBlockIndex")))
}

fn str_of(v: &Value, key: &str, event: &str) -> Result<String> {
    field(v, key, event)?
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| Error::response(format!("{event} event: '{key}' is not a string")))
}

fn tool_result_delta(items: &[Value]) -> Vec<ToolResultContent> {
    items
        .iter()
        .filter_map(|item| {
            if let Some(t) = item.get("text").and_then(Value::as_str) {
                Some(ToolResultContent::Text {
                    text: t.to_string(),
                })
            } else {
                item.get("json")
                    .map(|j| ToolResultContent::Json { json: j.clone() })
            }
        })
        .collect()
}

/// The common case, a `contentBlockDelta` carrying only text, read without building a
/// `Value` tree (a map per object, a string per key). Anything it does not match exactly
/// (another delta kind, an extra delta field, a duplicate key, a bad type) fails and goes
/// through the general path, so the result is always what that path would give.
#[derive(Deserialize)]
struct TextDeltaPayload<'a> {
    #[serde(rename = "contentBlockIndex")]
    index: u32,
    #[serde(borrow)]
    delta: TextOnlyDelta<'a>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TextOnlyDelta<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

impl ConverseStreamDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Decodes one event frame's payload. Unknown event types and unknown fields (such as the
    /// random `p` padding) are ignored; `exception` frames are the transport's business.
    pub fn decode(&mut self, event_type: &str, payload: &[u8]) -> Result<Vec<StreamEvent>> {
        let known = matches!(
            event_type,
            "messageStart"
                | "contentBlockStart"
                | "contentBlockDelta"
                | "contentBlockStop"
                | "messageStop"
                | "metadata"
        );
        if !known {
            return Ok(Vec::new());
        }
        if event_type == "contentBlockDelta"
            && let Ok(d) = serde_json::from_slice::<TextDeltaPayload>(payload)
        {
            return Ok(vec![StreamEvent::TextDelta {
                index: d.index,
                text: d.delta.text.into_owned(),
            }]);
        }
        let v: Value = serde_json::from_slice(payload).map_err(|e| {
            Error::response(format!("{event_type} event payload is not JSON ({e})"))
        })?;
        let ev = event_type;
        let out = match event_type {
            "messageStart" => vec![StreamEvent::MessageStart],
            "contentBlockStart" => {
                let index = index_of(&v, ev)?;
                let start = field(&v, "start", ev)?;
                if let Some(tu) = start.get("toolUse") {
                    vec![StreamEvent::ToolUseStart {
                        index,
                        id: str_of(tu, "toolUseId", ev)?,
                        name: str_of(tu, "name", ev)?,
                        kind: tu.get("type").and_then(Value::as_str).map(str::to_string),
                    }]
                } else if let Some(tr) = start.get("toolResult") {
                    vec![StreamEvent::ToolResultStart {
                        index,
                        tool_use_id: str_of(tr, "toolUseId", ev)?,
                        status: tr
                            .get("status")
                            .and_then(Value::as_str)
                            .and_then(ToolStatus::parse),
                        kind: tr.get("type").and_then(Value::as_str).map(str::to_string),
                    }]
                } else {
                    Vec::new()
                }
            }
            "contentBlockDelta" => {
                let index = index_of(&v, ev)?;
                let delta = field(&v, "delta", ev)?;
                if let Some(t) = delta.get("text") {
                    let text = t
                        .as_str()
                        .ok_or_else(|| Error::response("text delta is not a string"))?;
                    vec![StreamEvent::TextDelta {
                        index,
                        text: text.to_string(),
                    }]
                } else if let Some(r) = delta.get("reasoningContent") {
                    let mut out = Vec::new();
                    if let Some(t) = r.get("text").and_then(Value::as_str) {
                        out.push(StreamEvent::ReasoningDelta {
                            index,
                            text: t.to_string(),
                        });
                    }
                    if let Some(s) = r.get("signature").and_then(Value::as_str) {
                        out.push(StreamEvent::ReasoningSignature {
                            index,
                            signature: s.to_string(),
                        });
                    }
                    if let Some(d) = r.get("redactedContent").and_then(Value::as_str) {
                        out.push(StreamEvent::RedactedReasoning {
                            index,
                            data: d.to_string(),
                        });
                    }
                    out
                } else if let Some(tu) = delta.get("toolUse") {
                    vec![StreamEvent::ToolUseDelta {
                        index,
                        input_json_fragment: str_of(tu, "input", ev)?,
                    }]
                } else if let Some(tr) = delta.get("toolResult").and_then(Value::as_array) {
                    vec![StreamEvent::ToolResultDelta {
                        index,
                        content: tool_result_delta(tr),
                    }]
                } else {
                    // citation and image deltas: not modelled.
                    Vec::new()
                }
            }
            "contentBlockStop" => vec![StreamEvent::BlockStop {
                index: index_of(&v, ev)?,
            }],
            "messageStop" => vec![StreamEvent::MessageStop {
                stop_reason: StopReason::parse(&str_of(&v, "stopReason", ev)?),
                additional_fields: v.get("additionalModelResponseFields").cloned(),
            }],
            "metadata" => vec![StreamEvent::Metadata {
                usage: v.get("usage").map(Usage::from_converse).unwrap_or_default(),
                latency_ms: v
                    .get("metrics")
                    .and_then(|m| m.get("latencyMs"))
                    .and_then(Value::as_u64),
                trace: v.get("trace").cloned(),
            }],
            _ => Vec::new(),
        };
        Ok(out)
    }

    /// Decodes a whole event-stream frame: reads `:message-type` and `:event-type` and turns an
    /// `exception` frame into an error naming its `:exception-type`.
    pub fn decode_frame(&mut self, frame: &Frame) -> Result<Vec<StreamEvent>> {
        let header = |name: &str| {
            frame
                .headers()
                .iter()
                .find(|h| h.name().as_str() == name)
                .and_then(|h| h.value().as_string().ok())
                .map(|s| s.as_str())
        };
        match header(":message-type") {
            Some("event") => {
                let ty = header(":event-type").unwrap_or_default();
                self.decode(ty, frame.payload())
            }
            Some("exception") => {
                let ty = header(":exception-type").unwrap_or("exception");
                let msg = serde_json::from_slice::<Value>(frame.payload())
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .or_else(|| v.get("Message"))
                            .and_then(Value::as_str)
                            .map(str::to_string)
                    })
                    .unwrap_or_default();
                Err(Error::response(format!("{ty}: {msg}")))
            }
            _ => Ok(Vec::new()),
        }
    }
}

#[derive(Debug, Clone)]
enum Block {
    Text(String),
    Reasoning {
        text: String,
        signature: Option<String>,
    },
    Redacted(String),
    ToolUse {
        id: String,
        name: String,
        kind: Option<String>,
        json: String,
    },
    ToolResult {
        tool_use_id: String,
        status: Option<ToolStatus>,
        kind: Option<String>,
        content: Vec<ToolResultContent>,
    },
}

/// Folds stream events into the full response: the message with reasoning and signatures,
/// tool calls with parsed input, stop reason and usage.
#[derive(Debug, Default)]
pub struct Accumulator {
    blocks: BTreeMap<u32, Block>,
    stop_reason: Option<StopReason>,
    additional_fields: Option<Value>,
    usage: Usage,
    latency_ms: Option<u64>,
    trace: Option<Value>,
}

impl Accumulator {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, ev: &StreamEvent) {
        match ev {
            StreamEvent::MessageStart | StreamEvent::BlockStop { .. } => {}
            StreamEvent::TextDelta { index, text } => {
                if let Block::Text(t) = self
                    .blocks
                    .entry(*index)
                    .or_insert_with(|| Block::Text(String::new()))
                {
                    t.push_str(text);
                }
            }
            StreamEvent::ReasoningDelta { index, text } => {
                if let Block::Reasoning { text: t, .. } = self.reasoning(*index) {
                    t.push_str(text);
                }
            }
            StreamEvent::ReasoningSignature { index, signature } => {
                if let Block::Reasoning { signature: s, .. } = self.reasoning(*index) {
                    s.get_or_insert_with(String::new).push_str(signature);
                }
            }
            StreamEvent::RedactedReasoning { index, data } => {
                if let Block::Redacted(d) = self
                    .blocks
                    .entry(*index)
                    .or_insert_with(|| Block::Redacted(String::new()))
                {
                    d.push_str(data);
                }
            }
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } => {
                self.blocks.insert(
                    *index,
                    Block::ToolUse {
                        id: id.clone(),
                        name: name.clone(),
                        kind: kind.clone(),
                        json: String::new(),
                    },
                );
            }
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment,
            } => {
                if let Some(Block::ToolUse { json, .. }) = self.blocks.get_mut(index) {
                    json.push_str(input_json_fragment);
                }
            }
            StreamEvent::ToolResultStart {
                index,
                tool_use_id,
                status,
                kind,
            } => {
                self.blocks.insert(
                    *index,
                    Block::ToolResult {
                        tool_use_id: tool_use_id.clone(),
                        status: *status,
                        kind: kind.clone(),
                        content: Vec::new(),
                    },
                );
            }
            StreamEvent::ToolResultDelta { index, content } => {
                if let Some(Block::ToolResult { content: c, .. }) = self.blocks.get_mut(index) {
                    c.extend(content.iter().cloned());
                }
            }
            StreamEvent::MessageStop {
                stop_reason,
                additional_fields,
            } => {
                self.stop_reason = Some(stop_reason.clone());
                self.additional_fields = additional_fields.clone();
            }
            StreamEvent::Metadata {
                usage,
                latency_ms,
                trace,
            } => {
                self.usage = *usage;
                self.latency_ms = *latency_ms;
                self.trace = trace.clone();
            }
        }
    }

    fn reasoning(&mut self, index: u32) -> &mut Block {
        self.blocks
            .entry(index)
            .or_insert_with(|| Block::Reasoning {
                text: String::new(),
                signature: None,
            })
    }

    /// True once `messageStop` was seen.
    pub fn is_complete(&self) -> bool {
        self.stop_reason.is_some()
    }

    /// The message so far, in block order. Tool input that is not valid JSON (a stream cut
    /// short) is kept as a JSON string so nothing is lost; empty input is `{}`.
    pub fn message(&self) -> Message {
        let content = self
            .blocks
            .values()
            .filter_map(|b| match b {
                Block::Text(t) if t.is_empty() => None,
                Block::Text(t) => Some(Part::text(t.clone())),
                Block::Reasoning { text, signature } => Some(Part::Reasoning {
                    text: text.clone(),
                    signature: signature.clone(),
                }),
                Block::Redacted(d) => Some(Part::RedactedReasoning { data: d.clone() }),
                Block::ToolUse {
                    id,
                    name,
                    kind,
                    json,
                } => {
                    let input = if json.trim().is_empty() {
                        Value::Object(Default::default())
                    } else {
                        serde_json::from_str(json).unwrap_or_else(|_| Value::String(json.clone()))
                    };
                    Some(Part::ToolUse {
                        id: id.clone(),
                        name: name.clone(),
                        input,
                        kind: kind.clone(),
                    })
                }
                Block::ToolResult {
                    tool_use_id,
                    status,
                    kind,
                    content,
                } => Some(Part::ToolResult {
                    tool_use_id: tool_use_id.clone(),
                    content: content.clone(),
                    status: *status,
                    kind: kind.clone(),
                }),
            })
            .collect();
        Message::new(Role::Assistant, content)
    }

    /// The response so far; the stop reason is `other("incomplete")` if the stream ended early.
    pub fn snapshot(&self) -> ChatResponse {
        ChatResponse {
            message: self.message(),
            stop_reason: self
                .stop_reason
                .clone()
                .unwrap_or_else(|| StopReason::Other("incomplete".into())),
            usage: self.usage,
            latency_ms: self.latency_ms,
            additional_fields: self.additional_fields.clone(),
            trace: self.trace.clone(),
            service_tier: None,
        }
    }

    /// The full response; an error when the stream ended before `messageStop`.
    pub fn finish(self) -> Result<ChatResponse> {
        if self.stop_reason.is_none() {
            return Err(Error::response(
                "the stream ended before the message was complete",
            ));
        }
        Ok(self.snapshot())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil;
    use serde_json::json;

    /// (event type, payload) of each raw frame.
    type RawFrames = Vec<(String, Value)>;

    /// Decodes every frame of a recorded stream cassette, interaction by interaction.
    fn decode_cassette(name: &str) -> Vec<(Vec<StreamEvent>, RawFrames)> {
        let mut out = Vec::new();
        for it in testutil::cassette(name) {
            let Some(bytes) = it.response_bytes else {
                continue;
            };
            let frames = testutil::frames(&bytes);
            let mut dec = ConverseStreamDecoder::new();
            let mut events = Vec::new();
            let mut raw = Vec::new();
            for f in &frames {
                events.extend(dec.decode_frame(f).unwrap());
                let ty = testutil::header(f, ":event-type").unwrap();
                raw.push((ty, serde_json::from_slice(f.payload()).unwrap()));
            }
            out.push((events, raw));
        }
        out
    }

    fn accumulate(events: &[StreamEvent]) -> ChatResponse {
        let mut acc = Accumulator::new();
        for e in events {
            acc.push(e);
        }
        acc.finish().unwrap()
    }

    /// What the raw frames say, computed independently of the decoder.
    fn raw_text(raw: &[(String, Value)], index: u64) -> String {
        raw.iter()
            .filter(|(t, _)| t == "contentBlockDelta")
            .filter(|(_, v)| v["contentBlockIndex"] == json!(index))
            .filter_map(|(_, v)| v["delta"]["text"].as_str())
            .collect()
    }

    #[test]
    fn every_stream_cassette_decodes() {
        let names = testutil::stream_cassettes();
        assert!(names.len() >= 8, "found only {names:?}");
        for name in names {
            for (events, raw) in decode_cassette(&name) {
                assert!(
                    matches!(events.first(), Some(StreamEvent::MessageStart)),
                    "{name}"
                );
                let resp = accumulate(&events);
                let meta = raw.iter().find(|(t, _)| t == "metadata").unwrap();
                assert_eq!(
                    resp.usage.total,
                    meta.1["usage"]["totalTokens"].as_u64().unwrap(),
                    "{name}"
                );
                let stop = raw.iter().find(|(t, _)| t == "messageStop").unwrap();
                assert_eq!(resp.stop_reason.as_str(), stop.1["stopReason"], "{name}");
            }
        }
    }

    #[test]
    fn text_stream() {
        let (events, raw) = decode_cassette("test_bedrock_model_stream.yaml").remove(0);
        let resp = accumulate(&events);
        assert_eq!(resp.text(), raw_text(&raw, 0));
        assert!(resp.text().starts_with("The capital of France is Paris."));
        assert!(resp.text().ends_with("\"The City of Love.\""));
        assert_eq!(resp.stop_reason, StopReason::EndTurn);
        assert_eq!(
            resp.usage,
            Usage {
                input: 13,
                output: 82,
                total: 95,
                cache_read: 0,
                cache_write: 0
            }
        );
        assert_eq!(resp.latency_ms, Some(522));
    }

    #[test]
    fn thinking_stream_keeps_signature() {
        let (events, raw) =
            decode_cassette("test_bedrock_model_thinking_part_stream.yaml").remove(0);
        let resp = accumulate(&events);
        let sig: String = raw
            .iter()
            .filter_map(|(_, v)| v["delta"]["reasoningContent"]["signature"].as_str())
            .collect();
        let thought: String = raw
            .iter()
            .filter_map(|(_, v)| v["delta"]["reasoningContent"]["text"].as_str())
            .collect();
        assert!(sig.starts_with("Eu0CCkgIBxAB"));
        assert_eq!(
            resp.message.content,
            vec![
                Part::Reasoning {
                    text: thought,
                    signature: Some(sig)
                },
                Part::text(raw_text(&raw, 1)),
            ]
        );
        assert_eq!(
            resp.text(),
            "Hello! It's nice to meet you. How can I help you today?"
        );
    }

    #[test]
    fn redacted_thinking_stream() {
        let (events, raw) =
            decode_cassette("test_bedrock_model_thinking_part_redacted_stream.yaml").remove(0);
        let resp = accumulate(&events);
        let redacted: Vec<String> = raw
            .iter()
            .filter_map(|(_, v)| v["delta"]["reasoningContent"]["redactedContent"].as_str())
            .map(str::to_string)
            .collect();
        assert_eq!(redacted.len(), 2);
        assert_eq!(
            resp.message.content[..2],
            [
                Part::RedactedReasoning {
                    data: redacted[0].clone()
                },
                Part::RedactedReasoning {
                    data: redacted[1].clone()
                }
            ]
        );
        assert_eq!(resp.text(), raw_text(&raw, 2));
    }

    #[test]
    fn empty_text_delta_is_dropped() {
        let (events, _) =
            decode_cassette("test_bedrock_model_stream_empty_text_delta.yaml").remove(0);
        assert!(events.contains(&StreamEvent::TextDelta {
            index: 0,
            text: String::new()
        }));
        let resp = accumulate(&events);
        assert_eq!(resp.message.content.len(), 2);
        assert!(matches!(
            &resp.message.content[0],
            Part::Reasoning { signature: None, text } if text.starts_with("The user just says")
        ));
        assert_eq!(resp.text(), "Hello! How can I help you today?");
    }

    #[test]
    fn tool_call_stream() {
        let mut runs = decode_cassette("test_bedrock_model_iter_stream.yaml");
        let (events, _) = runs.remove(0);
        let resp = accumulate(&events);
        assert_eq!(resp.stop_reason, StopReason::ToolUse);
        let calls: Vec<_> = resp.message.tool_uses().collect();
        assert_eq!(
            calls,
            vec![(
                "tooluse_lAG_zP8QRHmSYOwZzzaCqA",
                "get_temperature",
                &json!({"city": "Paris"})
            )]
        );
        // The recorded follow-up request carries the same blocks back.
        let next = testutil::cassette("test_bedrock_model_iter_stream.yaml")[1]
            .request
            .clone()
            .unwrap();
        let sent = &next["messages"][1];
        assert_eq!(
            crate::converse::message_from_json(sent).unwrap(),
            resp.message
        );
        let (events, _) = runs.remove(0);
        assert_eq!(
            accumulate(&events).text(),
            "The current temperature in Paris, the capital of France, is 30°C."
        );
    }

    #[test]
    fn server_tool_stream() {
        let (events, _) =
            decode_cassette("test_bedrock_model_code_execution_tool_stream.yaml").remove(0);
        let resp = accumulate(&events);
        assert_eq!(
            resp.message.content,
            vec![
                Part::ToolUse {
                    id: "tooluse_VQNZJRUFMoqZzszVsRd4og".into(),
                    name: "nova_code_interpreter".into(),
                    input: json!({"snippet": "1234 * 5678"}),
                    kind: Some("server_tool_use".into()),
                },
                Part::ToolResult {
                    tool_use_id: "tooluse_VQNZJRUFMoqZzszVsRd4og".into(),
                    content: vec![ToolResultContent::Json {
                        json: json!({"stdOut": "7006652", "stdErr": "", "exitCode": 0, "isError": false})
                    }],
                    status: Some(ToolStatus::Success),
                    kind: Some("nova_code_interpreter_result".into()),
                },
                Part::ToolUse {
                    id: "tooluse_ptgCcZ0uQu-UUMz0abqoWw".into(),
                    name: "final_result".into(),
                    input: json!({"result": 7006652.0}),
                    kind: Some("tool_use".into()),
                },
            ]
        );
    }

    #[test]
    fn kimi_chunks_decode() {
        let mut dec = ConverseStreamDecoder::new();
        let mut acc = Accumulator::new();
        for line in testutil::kimi_chunks() {
            let v: Value = serde_json::from_str(&line).unwrap();
            let (ty, payload) = v.as_object().unwrap().iter().next().unwrap();
            for e in dec.decode(ty, payload.to_string().as_bytes()).unwrap() {
                acc.push(&e);
            }
        }
        let resp = acc.finish().unwrap();
        assert!(resp.text().starts_with(" <think> The user wants me"));
        assert!(resp.text().ends_with("</think> FOUND ISSUE_11409_CONTENT"));
    }

    #[test]
    fn unknown_events_and_fields_are_ignored_and_bad_ones_reported() {
        let mut dec = ConverseStreamDecoder::new();
        assert!(
            dec.decode("somethingNew", b"not even json")
                .unwrap()
                .is_empty()
        );
        let evs = dec
            .decode(
                "contentBlockDelta",
                br#"{"contentBlockIndex":3,"delta":{"citation":{"title":"x"}},"p":"abc"}"#,
            )
            .unwrap();
        assert!(evs.is_empty());
        let e = dec
            .decode("contentBlockDelta", b"{}")
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "unexpected response from Bedrock: contentBlockDelta event without 'contentBlockIndex'"
        );
        assert!(dec.decode("metadata", b"[1,").is_err());
    }

    #[test]
    fn text_deltas_decode_the_same_on_the_fast_path_and_off_it() {
        let mut dec = ConverseStreamDecoder::new();
        let text = |index: u32, text: &str| {
            vec![StreamEvent::TextDelta {
                index,
                text: text.into(),
            }]
        };
        let cases: &[(&[u8], Vec<StreamEvent>)] = &[
            (
                br#"{"contentBlockIndex":1,"delta":{"text":"hi"},"p":"abcdefgh"}"#,
                text(1, "hi"),
            ),
            (
                br#"{"delta":{"text":"a\"b\u00e9\n"},"contentBlockIndex":0}"#,
                text(0, "a\"b\u{e9}\n"),
            ),
            // Not plain text deltas: the general path decides.
            (
                br#"{"contentBlockIndex":0,"delta":{"text":"x","citation":{}}}"#,
                text(0, "x"),
            ),
            (
                br#"{"contentBlockIndex":0,"contentBlockIndex":2,"delta":{"text":"x"}}"#,
                text(2, "x"),
            ),
            (
                br#"{"contentBlockIndex":0,"delta":{"reasoningContent":{"text":"r"}}}"#,
                vec![StreamEvent::ReasoningDelta {
                    index: 0,
                    text: "r".into(),
                }],
            ),
        ];
        for (payload, want) in cases {
            assert_eq!(
                &dec.decode("contentBlockDelta", payload).unwrap(),
                want,
                "{}",
                String::from_utf8_lossy(payload)
            );
        }
        for bad in [
            &br#"{"contentBlockIndex":-1,"delta":{"text":"x"}}"#[..],
            br#"{"contentBlockIndex":0,"delta":{"text":7}}"#,
            br#"{"contentBlockIndex":0,"delta":{"text":"x"}"#,
        ] {
            assert!(dec.decode("contentBlockDelta", bad).is_err());
        }
    }

    #[test]
    fn exception_frames_become_errors() {
        use aws_smithy_types::event_stream::{Header, HeaderValue};
        let frame = Frame::new(&br#"{"message":"slow down"}"#[..])
            .add_header(Header::new(
                ":message-type",
                HeaderValue::String("exception".into()),
            ))
            .add_header(Header::new(
                ":exception-type",
                HeaderValue::String("throttlingException".into()),
            ));
        let e = ConverseStreamDecoder::new()
            .decode_frame(&frame)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "unexpected response from Bedrock: throttlingException: slow down"
        );
    }

    #[test]
    fn truncated_streams() {
        let mut acc = Accumulator::new();
        acc.push(&StreamEvent::ToolUseStart {
            index: 0,
            id: "t".into(),
            name: "f".into(),
            kind: None,
        });
        acc.push(&StreamEvent::ToolUseDelta {
            index: 0,
            input_json_fragment: "{\"a\":".into(),
        });
        assert!(!acc.is_complete());
        let snap = acc.snapshot();
        assert_eq!(snap.stop_reason, StopReason::Other("incomplete".into()));
        assert_eq!(
            snap.message.tool_uses().next().unwrap().2,
            &json!("{\"a\":")
        );
        assert!(acc.finish().is_err());
    }
}

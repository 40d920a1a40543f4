//! `application/vnd.amazon.eventstream` frames as Bedrock writes them: headers in the order
//! `:event-type`, `:content-type`, `:message-type`, JSON payloads with sorted keys and a
//! random-length padding field `"p"` (the recordings show both).

use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use serde_json::Value;

pub(crate) const CONTENT_TYPE: &str = "application/vnd.amazon.eventstream";

const PADDING_ALPHABET: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

fn string_header(name: &str, value: &str) -> Header {
    Header::new(
        name.to_string(),
        HeaderValue::String(value.to_string().into()),
    )
}

fn encode(message: &Message) -> Bytes {
    let mut out = Vec::with_capacity(message.payload().len() + 128);
    // Only fails for oversized headers/payloads, which the emulator never produces.
    write_message_to(message, &mut out).expect("event stream frame within limits");
    Bytes::from(out)
}

thread_local! {
    // Padding length only needs to look random; a seeded xorshift avoids a syscall per frame.
    static RNG: std::cell::Cell<u64> =
        std::cell::Cell::new(uuid::Uuid::new_v4().as_u64_pair().0 | 1);
}

/// A random prefix of the padding alphabet, 1 to 60 characters, like the service's.
pub(crate) fn padding() -> String {
    let r = RNG.with(|c| {
        let mut x = c.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c.set(x);
        x
    });
    let n = 1 + (r % 60) as usize;
    PADDING_ALPHABET[..n].to_string()
}

/// An `event` frame; `payload` must be a JSON object, to which the padding is added.
pub(crate) fn event(event_type: &str, payload: &Value) -> Bytes {
    let mut payload = payload.clone();
    if let Value::Object(map) = &mut payload {
        map.insert("p".into(), Value::String(padding()));
    }
    let body = serde_json::to_vec(&payload).unwrap_or_default();
    encode(&Message::new_from_parts(
        vec![
            string_header(":event-type", event_type),
            string_header(":content-type", "application/json"),
            string_header(":message-type", "event"),
        ],
        body,
    ))
}

/// An `exception` frame, e.g. `modelStreamErrorException` or `throttlingException`.
pub(crate) fn exception(exception_type: &str, message: &str) -> Bytes {
    let body = serde_json::to_vec(&serde_json::json!({ "message": message })).unwrap_or_default();
    encode(&Message::new_from_parts(
        vec![
            string_header(":exception-type", exception_type),
            string_header(":content-type", "application/json"),
            string_header(":message-type", "exception"),
        ],
        body,
    ))
}

/// The same frame with its prelude CRC (bytes 8..12) damaged.
pub(crate) fn with_bad_prelude_crc(frame: &Bytes) -> Bytes {
    let mut v = frame.to_vec();
    if v.len() >= 12 {
        v[8] ^= 0xff;
    }
    Bytes::from(v)
}

/// The same frame with its trailing message CRC damaged.
pub(crate) fn with_bad_message_crc(frame: &Bytes) -> Bytes {
    let mut v = frame.to_vec();
    if let Some(last) = v.last_mut() {
        *last ^= 0xff;
    }
    Bytes::from(v)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};

    /// Decodes a whole buffer of frames into (headers, payload JSON) pairs.
    pub(crate) fn decode_all(bytes: &[u8]) -> Vec<(Vec<(String, String)>, Value)> {
        let mut decoder = MessageFrameDecoder::new();
        let mut buf = bytes::Bytes::copy_from_slice(bytes);
        let mut out = Vec::new();
        while let DecodedFrame::Complete(m) = decoder.decode_frame(&mut buf).expect("valid frame") {
            let headers = m
                .headers()
                .iter()
                .map(|h| {
                    let v = match h.value() {
                        HeaderValue::String(s) => s.as_str().to_string(),
                        other => format!("{other:?}"),
                    };
                    (h.name().as_str().to_string(), v)
                })
                .collect();
            let payload = serde_json::from_slice(m.payload()).expect("JSON payload");
            out.push((headers, payload));
        }
        assert!(buf.is_empty(), "trailing bytes after the last frame");
        out
    }

    #[test]
    fn event_frames_round_trip_with_recorded_header_order_and_padding() {
        let frame = event("messageStart", &serde_json::json!({"role": "assistant"}));
        let decoded = decode_all(&frame);
        assert_eq!(decoded.len(), 1);
        let (headers, payload) = &decoded[0];
        let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, [":event-type", ":content-type", ":message-type"]);
        assert_eq!(headers[0].1, "messageStart");
        assert_eq!(headers[2].1, "event");
        assert_eq!(payload["role"], "assistant");
        let p = payload["p"].as_str().unwrap();
        assert!(!p.is_empty() && PADDING_ALPHABET.starts_with(p));
        // Keys sorted as the service writes them.
        let raw = &frame[frame.len() - 4 - serde_json::to_vec(payload).unwrap().len()..];
        assert!(raw.starts_with(b"{\"p\":"));
    }

    #[test]
    fn exception_frames_round_trip() {
        let frame = exception("throttlingException", "Too many requests");
        let decoded = decode_all(&frame);
        assert_eq!(
            decoded[0].0[0],
            (":exception-type".into(), "throttlingException".into())
        );
        assert_eq!(decoded[0].0[2].1, "exception");
        assert_eq!(decoded[0].1["message"], "Too many requests");
    }

    #[test]
    fn damaged_frames_fail_to_decode() {
        let frame = event(
            "messageStop",
            &serde_json::json!({"stopReason": "end_turn"}),
        );
        for bad in [with_bad_prelude_crc(&frame), with_bad_message_crc(&frame)] {
            let mut decoder = MessageFrameDecoder::new();
            let mut buf = bad.clone();
            assert!(decoder.decode_frame(&mut buf).is_err());
        }
    }
}

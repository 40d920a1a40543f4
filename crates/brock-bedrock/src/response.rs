//! A response and its body: read whole (capped), as raw chunks, or as an event stream.

use std::time::Duration;

use aws_smithy_eventstream::frame::MessageFrameDecoder;
use bytes::{Bytes, BytesMut};
use http::HeaderMap;
use http_body_util::BodyExt;
use hyper::body::Incoming;

use crate::WaitHook;
use crate::client::error_chain;
use crate::error::{Error, Result};
use crate::eventstream::{EventStream, pump_body};
use crate::text::clip;

/// Largest response body read whole. Bedrock's largest answers are generated images (a few
/// base64 PNGs, tens of MB); anything past this is not an answer.
pub const MAX_RESPONSE_BODY: usize = 256 * 1024 * 1024;
/// Largest error body read: AWS error bodies are a code and a message, and only a preview of
/// anything else is shown.
const MAX_ERROR_BODY: usize = 1024 * 1024;
/// Largest event-stream message accepted. aws-c-event-stream (the AWS reference
/// implementation, `AWS_EVENT_STREAM_MAX_MESSAGE_SIZE` in include/aws/event-stream/
/// event_stream.h) caps a message at 16 MiB; later releases raised it to 24 MiB, which is taken
/// here so nothing the reference implementation accepts is refused.
pub const MAX_FRAME: usize = 24 * 1024 * 1024;

/// A response whose body has not been read yet.
pub struct ApiResponse {
    pub status: u16,
    pub headers: HeaderMap,
    pub(crate) body: Incoming,
    pub(crate) read_timeout: Duration,
    pub(crate) on_wait: Option<WaitHook>,
}

impl ApiResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn is_event_stream(&self) -> bool {
        self.header("content-type")
            .is_some_and(|c| c.starts_with("application/vnd.amazon.eventstream"))
    }

    /// Read the whole body, still honouring the read timeout between chunks, up to
    /// [`MAX_RESPONSE_BODY`].
    pub async fn bytes(self) -> Result<Bytes> {
        self.bytes_capped(MAX_RESPONSE_BODY).await
    }

    /// Read the whole body, refusing one longer than `cap` (declared or actual): a hostile or
    /// broken endpoint must not make brock buffer without end.
    async fn bytes_capped(mut self, cap: usize) -> Result<Bytes> {
        let too_long = || {
            Error::Protocol(format!(
                "the response body is larger than {} MiB; stopped reading it (is the endpoint really Bedrock?)",
                cap / (1024 * 1024)
            ))
        };
        let declared = self
            .header("content-length")
            .and_then(|l| l.trim().parse::<u64>().ok());
        if declared.is_some_and(|l| l > cap as u64) {
            return Err(too_long());
        }
        let mut out = BytesMut::new();
        while let Some(chunk) = next_chunk(&mut self.body, self.read_timeout).await? {
            if out.len() + chunk.len() > cap {
                return Err(too_long());
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }

    pub async fn json(self) -> Result<serde_json::Value> {
        let bytes = self.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::Protocol(format!(
                "the service answered with invalid JSON ({e}): {}",
                preview(&bytes)
            ))
        })
    }

    /// Read the next raw body chunk (for byte-exact passthrough).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        next_chunk(&mut self.body, self.read_timeout).await
    }

    pub fn events(self) -> EventStream {
        EventStream {
            chunks: pump_body(self.body, self.read_timeout),
            buf: BytesMut::new(),
            decoder: MessageFrameDecoder::new(),
            prelude_checked: false,
            done: false,
            on_wait: self.on_wait,
        }
    }

    /// Turn a non-2xx answer into a service error with AWS's code and message.
    pub async fn into_error(self) -> Error {
        let status = self.status;
        let header_code = self
            .header("x-amzn-errortype")
            .map(|t| t.split(':').next().unwrap_or(t).to_string());
        let request_id = self.header("x-amzn-requestid").map(str::to_string);
        let body = match self.bytes_capped(MAX_ERROR_BODY).await {
            Ok(b) => b,
            Err(e) => return e,
        };
        parse_error_body(status, header_code, request_id, &body)
    }
}

pub fn parse_error_body(
    status: u16,
    header_code: Option<String>,
    request_id: Option<String>,
    body: &[u8],
) -> Error {
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let field = |names: &[&str]| -> Option<String> {
        let obj = json.as_ref()?.as_object()?;
        names
            .iter()
            .find_map(|n| obj.get(*n).and_then(|v| v.as_str()).map(str::to_string))
    };
    let xml = |tag: &str| -> Option<String> {
        let text = std::str::from_utf8(body).ok()?;
        let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
        let end = text[start..].find(&format!("</{tag}>"))? + start;
        Some(text[start..end].to_string())
    };
    let code = header_code
        .filter(|c| !c.is_empty())
        .or_else(|| {
            field(&["__type", "code", "Code"])
                .map(|t| t.rsplit('#').next().unwrap_or(&t).to_string())
        })
        .or_else(|| xml("Code"))
        .unwrap_or_else(|| match status {
            400 => "BadRequest".into(),
            401 | 403 => "AccessDeniedException".into(),
            404 => "NotFound".into(),
            429 => "ThrottlingException".into(),
            s if s >= 500 => "InternalServerException".into(),
            s => format!("HTTP{s}"),
        });
    let message = field(&["message", "Message", "errorMessage"])
        .or_else(|| xml("Message"))
        .unwrap_or_else(|| {
            if body.is_empty() {
                format!("HTTP {status} with an empty body")
            } else {
                preview(body)
            }
        });
    // An error is one line someone reads: a hostile endpoint's megabyte message is cut short.
    let message = clip(&message, 4000).into_owned();
    let code = clip(&code, 200).into_owned();
    Error::Service {
        status,
        code,
        message,
        request_id,
    }
}

fn preview(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let s: String = s.chars().take(300).collect();
    s.replace('\n', " ")
}

pub(crate) async fn next_chunk(
    body: &mut Incoming,
    read_timeout: Duration,
) -> Result<Option<Bytes>> {
    loop {
        let frame = match tokio::time::timeout(read_timeout, body.frame()).await {
            Err(_) => {
                return Err(Error::Timeout(format!(
                    "the service stopped sending for {} s (read timeout)",
                    read_timeout.as_secs_f64()
                )));
            }
            Ok(None) => return Ok(None),
            Ok(Some(Err(e))) => {
                return Err(Error::Network(format!(
                    "connection lost while reading the response: {}",
                    error_chain(&e)
                )));
            }
            Ok(Some(Ok(f))) => f,
        };
        if let Ok(data) = frame.into_data()
            && !data.is_empty()
        {
            return Ok(Some(data));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_keep_aws_code_and_message() {
        let e = parse_error_body(
            400,
            Some("ValidationException".into()),
            None,
            br#"{"message":"The provided model identifier is invalid."}"#,
        );
        assert_eq!(
            e.to_string(),
            "ValidationException: The provided model identifier is invalid."
        );
        assert!(!e.is_throttling() && !e.is_retryable());
        let e = parse_error_body(429, None, None, b"");
        assert!(e.is_throttling() && e.is_retryable());
        let e = parse_error_body(
            403,
            None,
            None,
            b"<ErrorResponse><Error><Code>AccessDenied</Code><Message>nope</Message></Error></ErrorResponse>",
        );
        assert_eq!(e.to_string(), "AccessDenied: nope");
    }
}

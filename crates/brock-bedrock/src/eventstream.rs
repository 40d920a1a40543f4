//! `application/vnd.amazon.eventstream` bodies, decoded frame by frame as they arrive.

use std::time::Duration;

use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
use aws_smithy_types::event_stream::{HeaderValue, Message};
use bytes::{Buf, Bytes, BytesMut};
use hyper::body::Incoming;

use crate::WaitHook;
use crate::error::{Error, Result};
use crate::response::{MAX_FRAME, next_chunk};

/// One decoded event-stream message.
#[derive(Debug, Clone)]
pub struct Event {
    /// `event`, `exception` or `error`.
    pub message_type: String,
    /// `:event-type` for events, `:exception-type` for exceptions, `:error-code` for errors.
    pub event_type: String,
    pub payload: Bytes,
    /// Kept as decoded: turning every header into owned strings cost a handful of allocations
    /// per streamed token, and only `raw` and error frames look at them.
    frame: Message,
}

impl Event {
    pub fn from_message(m: Message) -> Event {
        let get = |name: &str| -> Option<&str> {
            m.headers()
                .iter()
                .find(|h| h.name().as_str() == name)
                .and_then(|h| h.value().as_string().ok().map(|s| s.as_str()))
        };
        let message_type = get(":message-type").unwrap_or("event");
        let event_type = match message_type {
            "exception" => get(":exception-type"),
            "error" => get(":error-code"),
            _ => get(":event-type"),
        }
        .unwrap_or_default();
        let (message_type, event_type) = (message_type.to_string(), event_type.to_string());
        let payload = m.payload().clone();
        Event {
            message_type,
            event_type,
            payload,
            frame: m,
        }
    }

    /// Every header, in frame order, with its value as text.
    pub fn headers(&self) -> Vec<(String, String)> {
        self.frame
            .headers()
            .iter()
            .map(|h| (h.name().as_str().to_string(), header_text(h.value())))
            .collect()
    }

    /// The service error an `exception` or `error` message carries.
    pub fn to_error(&self) -> Option<Error> {
        match self.message_type.as_str() {
            "exception" => {
                let message = serde_json::from_slice::<serde_json::Value>(&self.payload)
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .or_else(|| v.get("Message"))
                            .and_then(|m| m.as_str())
                            .map(str::to_string)
                    })
                    .unwrap_or_else(|| String::from_utf8_lossy(&self.payload).into_owned());
                Some(Error::Service {
                    status: 0,
                    code: upper_first(&self.event_type),
                    message,
                    request_id: None,
                })
            }
            "error" => {
                let message = self
                    .frame
                    .headers()
                    .iter()
                    .find(|h| h.name().as_str() == ":error-message")
                    .map(|h| header_text(h.value()))
                    .unwrap_or_default();
                Some(Error::Service {
                    status: 0,
                    code: upper_first(&self.event_type),
                    message,
                    request_id: None,
                })
            }
            _ => None,
        }
    }
}

fn header_text(v: &HeaderValue) -> String {
    match v {
        HeaderValue::String(s) => s.as_str().to_string(),
        HeaderValue::Bool(b) => b.to_string(),
        HeaderValue::Byte(n) => n.to_string(),
        HeaderValue::Int16(n) => n.to_string(),
        HeaderValue::Int32(n) => n.to_string(),
        HeaderValue::Int64(n) => n.to_string(),
        HeaderValue::ByteArray(b) => format!("<{} bytes>", b.len()),
        HeaderValue::Timestamp(t) => format!("{t:?}"),
        HeaderValue::Uuid(u) => format!("{u:032x}"),
        _ => "<unknown>".into(),
    }
}

/// Stream exception types arrive camelCase (`modelStreamErrorException`); the error codes users
/// know (and our exit-code mapping) are PascalCase.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Checks the 12-byte prelude at the front of `buf` (total length, headers length, CRC of the
/// eight bytes before it) before the decoder waits for the rest of the frame: a corrupt or
/// hostile length would otherwise be buffered in full before its CRC was looked at.
fn check_prelude(buf: &[u8]) -> Result<()> {
    if buf.len() < 12 {
        return Ok(());
    }
    let word = |i: usize| u32::from_be_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]);
    let (total, headers, crc) = (word(0) as usize, word(4) as usize, word(8));
    if crc32fast::hash(&buf[..8]) != crc {
        return Err(Error::Protocol(
            "malformed event-stream frame from the service: the prelude checksum does not match"
                .into(),
        ));
    }
    // 12 bytes of prelude, 4 of message CRC.
    if !(16..=MAX_FRAME).contains(&total) || headers > total - 16 {
        return Err(Error::Protocol(format!(
            "malformed event-stream frame from the service: it declares {total} bytes \
             (headers {headers}); the limit is {} MiB",
            MAX_FRAME / (1024 * 1024)
        )));
    }
    Ok(())
}

/// One complete message from the front of `buf`, or `None` when more bytes are needed.
/// `prelude_checked` tracks whether the frame now at the front has had its prelude checked.
fn decode_one(
    decoder: &mut MessageFrameDecoder,
    buf: &mut BytesMut,
    prelude_checked: &mut bool,
) -> Result<Option<Event>> {
    if !*prelude_checked {
        if buf.len() < 12 {
            return Ok(None);
        }
        check_prelude(buf)?;
        *prelude_checked = true;
    }
    let decoded = decoder.decode_frame(&mut *buf);
    if matches!(decoded, Ok(DecodedFrame::Complete(_)) | Err(_)) {
        *prelude_checked = false;
    }
    match decoded {
        Ok(DecodedFrame::Complete(m)) => Ok(Some(Event::from_message(m))),
        Ok(DecodedFrame::Incomplete) => Ok(None),
        Err(e) => Err(Error::Protocol(format!(
            "malformed event-stream frame from the service: {e}"
        ))),
    }
}

/// `mid_frame`: a frame's prelude was already taken by the decoder, so even an empty buffer
/// means the stream stopped inside that frame.
fn end_of_stream(buf: &BytesMut, mid_frame: bool) -> Result<()> {
    if buf.has_remaining() || mid_frame {
        return Err(Error::Protocol(format!(
            "the event stream ended in the middle of a frame ({} bytes left over)",
            buf.len() + if mid_frame { 12 } else { 0 }
        )));
    }
    Ok(())
}

/// Decodes an event-stream body already in memory, arriving in `chunks`, exactly as
/// [`EventStream::next_raw`] decodes a live one: the messages before the first error, and that
/// error. Exists so the decoder can be fuzzed without a connection.
pub fn decode_event_stream<'a>(
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> (Vec<Event>, Option<Error>) {
    let mut frames = FrameDecoder::new();
    let mut events = Vec::new();
    for chunk in chunks {
        if let Err(e) = frames.push(chunk, |ev| events.push(ev)) {
            return (events, Some(e));
        }
    }
    (events, frames.finish().err())
}

/// Decodes event-stream bytes pushed in as some other reader receives them (the gateway's
/// pass-through watches a copy of what it relays), with the same checks as [`EventStream`].
pub struct FrameDecoder {
    decoder: MessageFrameDecoder,
    buf: BytesMut,
    /// The prelude of the frame at the front of `buf` has been checked.
    checked: bool,
}

impl Default for FrameDecoder {
    fn default() -> Self {
        Self::new()
    }
}

impl FrameDecoder {
    pub fn new() -> FrameDecoder {
        FrameDecoder {
            decoder: MessageFrameDecoder::new(),
            buf: BytesMut::new(),
            checked: false,
        }
    }

    /// Hands `each` every message `chunk` completes. After an error the stream is not
    /// decodable any further.
    pub fn push(&mut self, chunk: &[u8], mut each: impl FnMut(Event)) -> Result<()> {
        self.buf.extend_from_slice(chunk);
        while let Some(ev) = decode_one(&mut self.decoder, &mut self.buf, &mut self.checked)? {
            each(ev);
        }
        Ok(())
    }

    /// At the end of the body: an error if it stopped inside a frame.
    pub fn finish(&self) -> Result<()> {
        end_of_stream(&self.buf, self.checked)
    }
}

/// Frames of an `application/vnd.amazon.eventstream` body, decoded as they arrive.
pub struct EventStream {
    pub(crate) chunks: tokio::sync::mpsc::Receiver<Result<Option<Bytes>>>,
    pub(crate) buf: BytesMut,
    pub(crate) decoder: MessageFrameDecoder,
    /// The prelude of the frame at the front of `buf` has been checked.
    pub(crate) prelude_checked: bool,
    pub(crate) done: bool,
    pub(crate) on_wait: Option<WaitHook>,
}

/// Larger than any event; past it the reader is slow and the connection is left to push back.
const PUMP_MAX_PENDING: usize = 1 << 20;

/// Reads a streamed body on its own task and hands it over in batches. hyper delivers one
/// frame per HTTP chunk (one per event) through a one-slot channel, so a reader on another
/// thread paid two cross-thread wake-ups per event; this task runs beside the connection task,
/// gathers frames while the reader is busy, and wakes it once per batch.
pub(crate) fn pump_body(
    mut body: Incoming,
    read_timeout: Duration,
) -> tokio::sync::mpsc::Receiver<Result<Option<Bytes>>> {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let mut pending = BytesMut::new();
        loop {
            let got = if pending.is_empty() {
                tokio::select! {
                    _ = tx.closed() => return,
                    r = next_chunk(&mut body, read_timeout) => r,
                }
            } else if pending.len() >= PUMP_MAX_PENDING {
                if tx.send(Ok(Some(pending.split().freeze()))).await.is_err() {
                    return;
                }
                continue;
            } else {
                // Both are cancel-safe: a frame not yet read stays in the body.
                tokio::select! {
                    biased;
                    permit = tx.reserve() => match permit {
                        Ok(p) => {
                            p.send(Ok(Some(pending.split().freeze())));
                            continue;
                        }
                        Err(_) => return,
                    },
                    r = next_chunk(&mut body, read_timeout) => r,
                }
            };
            match got {
                Ok(Some(chunk)) => pending.extend_from_slice(&chunk),
                end => {
                    if !pending.is_empty()
                        && tx.send(Ok(Some(pending.split().freeze()))).await.is_err()
                    {
                        return;
                    }
                    let _ = tx.send(end).await;
                    return;
                }
            }
        }
    });
    rx
}

impl EventStream {
    /// The next message, whatever its type (for `raw`). `None` at a clean end of stream.
    pub async fn next_raw(&mut self) -> Result<Option<Event>> {
        loop {
            if self.done {
                return Ok(None);
            }
            match decode_one(&mut self.decoder, &mut self.buf, &mut self.prelude_checked) {
                Ok(Some(ev)) => return Ok(Some(ev)),
                Ok(None) => {}
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
            let next = match self.chunks.try_recv() {
                Ok(next) => next,
                Err(_) => {
                    // Everything received is decoded: what the reader holds (buffered answer
                    // text) goes out before we wait.
                    if let Some(hook) = &self.on_wait {
                        hook();
                    }
                    self.chunks.recv().await.unwrap_or_else(|| {
                        Err(Error::Network(
                            "connection lost while reading the response".into(),
                        ))
                    })
                }
            };
            match next {
                Ok(Some(chunk)) => self.buf.extend_from_slice(&chunk),
                Ok(None) => {
                    self.done = true;
                    return end_of_stream(&self.buf, self.prelude_checked).map(|()| None);
                }
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
        }
    }

    /// The next `event` message; exceptions and errors become `Err`.
    pub async fn next(&mut self) -> Result<Option<Event>> {
        match self.next_raw().await? {
            Some(ev) => match ev.to_error() {
                Some(err) => {
                    self.done = true;
                    Err(err)
                }
                None => Ok(Some(ev)),
            },
            None => Ok(None),
        }
    }
}

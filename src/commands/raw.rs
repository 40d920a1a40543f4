//! `brock raw`: native Bedrock JSON to any path, with brock doing auth, signing, retries and
//! event-stream decoding. The body is sent untouched and the answer printed untouched (pretty
//! on a terminal), so it works for operations brock has no command for yet.

use base64::Engine;
use bytes::Bytes;
use http::Method;
use serde_json::{Value, json};

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::sanitize::clip;
use crate::render::{diag, stdout_write};
use brock_bedrock::{ApiRequest, ApiResponse, Client, Event, Service, path_segment};
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock raw /model/us.amazon.nova-lite-v1:0/converse -d @req.json\n  \
brock raw /model/us.amazon.nova-lite-v1:0/converse-stream -d '{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}'\n  \
brock raw --service agent-runtime /knowledgebases/KB123/retrieve -d @query.json\n  \
brock raw GET --service bedrock /foundation-models")]
pub struct RawArgs {
    /// [METHOD] PATH, e.g. `/model/ID/converse` or `GET /foundation-models`; ids with ':' and
    /// ARNs with '/' may be written as they are (they are percent-encoded for you)
    #[arg(value_name = "[METHOD] PATH", num_args = 1..=2, required = true)]
    pub target: Vec<String>,

    /// Request body: JSON text, @FILE, or @- for stdin (default: stdin when it is piped)
    #[arg(short = 'd', long = "data", value_name = "JSON|@FILE")]
    pub data: Option<String>,

    /// Service: runtime (bedrock-runtime), agent-runtime, or bedrock (control plane)
    #[arg(long, value_enum, default_value = "runtime")]
    pub service: RawService,

    /// Extra header 'Name: value' (repeatable), e.g. 'X-Amzn-Bedrock-Trace: ENABLED'
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Send the body as is, without checking that it is JSON
    #[arg(long)]
    pub binary: bool,

    /// Print the status line and response headers on stderr (and error bodies on stdout)
    #[arg(short = 'i', long)]
    pub include: bool,

    /// For event streams: print every frame with all its headers instead of {event, payload}
    #[arg(long)]
    pub raw_frames: bool,

    /// Do not retry throttled or failed requests
    #[arg(long)]
    pub no_retry: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum RawService {
    /// bedrock-runtime
    #[default]
    #[value(alias = "bedrock-runtime")]
    Runtime,
    /// bedrock-agent-runtime
    #[value(alias = "bedrock-agent-runtime")]
    AgentRuntime,
    /// the bedrock control plane
    #[value(alias = "control")]
    Bedrock,
}

/// How much of a path or query an error message echoes.
const ECHO_MAX: usize = 200;

pub async fn run(printer: &Printer, settings: &Settings, args: &RawArgs) -> Result<()> {
    let (method, path) = parse_target(&args.target)?;
    let body = read_body(printer, args, method.as_ref())?;
    let method_given = method.is_some();
    let method = method.unwrap_or(if body.is_some() {
        Method::POST
    } else {
        Method::GET
    });
    let body = body.unwrap_or_default();
    if body.is_empty() && (method == Method::POST || !method_given) && needs_body(&path) {
        return Err(Error::usage(format!(
            "POST {path} needs a request body: pass -d '{{...}}' or -d @FILE, or pipe it on stdin"
        )));
    }
    if !args.binary
        && !body.is_empty()
        && let Err(e) = serde_json::from_slice::<Value>(&body)
    {
        return Err(Error::usage(format!(
            "the request body is not valid JSON ({e}); fix it, or pass --binary to send it as is"
        )));
    }
    let service = match args.service {
        RawService::Runtime => Service::Runtime,
        RawService::AgentRuntime => Service::AgentRuntime,
        RawService::Bedrock => Service::Control,
    };
    let mut req = ApiRequest {
        service,
        method,
        path: encode_path(&path)?,
        headers: Vec::new(),
        body: Bytes::from(body),
    };
    if !req.body.is_empty() {
        let ct = if args.binary {
            "application/octet-stream"
        } else {
            "application/json"
        };
        req.headers.push(("content-type".into(), ct.into()));
    }
    for h in &args.headers {
        let (name, value) = h
            .split_once(':')
            .ok_or_else(|| Error::usage(format!("-H {h:?}: expected 'Name: value'")))?;
        let name = name.trim();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return Err(Error::usage(format!("-H {h:?}: invalid header name")));
        }
        // A user header replaces ours (e.g. their own content-type).
        req.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
        req.headers
            .push((name.to_string(), value.trim().to_string()));
    }

    let client = crate::transport::client(settings).await?;
    let attempts = if args.no_retry {
        1
    } else {
        settings.max_attempts
    };
    tokio::select! {
        r = exchange(&client, &req, attempts, args) => r,
        _ = tokio::signal::ctrl_c() => Err(Error::Interrupted),
    }
}

async fn exchange(client: &Client, req: &ApiRequest, attempts: u32, args: &RawArgs) -> Result<()> {
    let mut resp = client.send_with(req, attempts, true).await?;
    if args.include {
        let mut head = format!("HTTP {}\n", resp.status);
        for (k, v) in &resp.headers {
            head.push_str(&format!(
                "{k}: {}\n",
                brock_bedrock::redact_header(k.as_str(), v.to_str().unwrap_or("<binary>"))
            ));
        }
        eprint_block(&head);
    }
    if !(200..300).contains(&resp.status) {
        let status = resp.status;
        let code = resp
            .header("x-amzn-errortype")
            .map(|t| t.split(':').next().unwrap_or(t).to_string());
        let request_id = resp.header("x-amzn-requestid").map(str::to_string);
        let body = resp.bytes().await?;
        if args.include {
            write_body(&body)?;
        }
        return Err(brock_bedrock::parse_error_body(status, code, request_id, &body).into());
    }
    if resp.is_event_stream() {
        return print_events(resp, args.raw_frames).await;
    }
    if Printer::current().stdout_tty {
        let body = resp.bytes().await?;
        return write_body(&body);
    }
    // Not a terminal: the exact bytes, passed on as they arrive.
    while let Some(chunk) = resp.chunk().await? {
        write_bytes(&chunk)?;
    }
    Ok(())
}

/// One JSON object per frame, printed as each frame arrives.
async fn print_events(resp: ApiResponse, raw_frames: bool) -> Result<()> {
    let mut events = resp.events();
    while let Some(ev) = events.next_raw().await? {
        let line = if raw_frames {
            frame_json(&ev)
        } else {
            event_json(&ev)
        };
        stdout_write(&format!("{line}\n"))?;
        if let Some(err) = ev.to_error() {
            return Err(err.into());
        }
    }
    Ok(())
}

/// `{"event": type, "payload": …}`; exceptions as `{"exception": type, "payload": …}`. Base64
/// `bytes` members (invoke chunks, agent chunks) are decoded: into JSON when they hold JSON,
/// else into text.
pub fn event_json(ev: &Event) -> Value {
    let mut payload = payload_value(&ev.payload);
    if let Some(obj) = payload.as_object_mut()
        && let Some(Value::String(b64)) = obj.get("bytes")
        && let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b64)
    {
        let decoded = serde_json::from_slice::<Value>(&raw)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&raw).into_owned()));
        obj.insert("bytes".into(), decoded);
    }
    match ev.message_type.as_str() {
        "event" => json!({"event": ev.event_type, "payload": payload}),
        "exception" => json!({"exception": ev.event_type, "payload": payload}),
        _ => json!({"error": ev.event_type, "headers": headers_json(ev), "payload": payload}),
    }
}

fn frame_json(ev: &Event) -> Value {
    json!({"headers": headers_json(ev), "payload": payload_value(&ev.payload)})
}

fn headers_json(ev: &Event) -> Value {
    Value::Object(
        ev.headers()
            .into_iter()
            .map(|(k, v)| (k, Value::String(v)))
            .collect(),
    )
}

fn payload_value(p: &[u8]) -> Value {
    if p.is_empty() {
        return Value::Null;
    }
    serde_json::from_slice(p).unwrap_or_else(|_| match std::str::from_utf8(p) {
        Ok(s) => Value::String(s.to_string()),
        Err(_) => json!({"base64": base64::engine::general_purpose::STANDARD.encode(p)}),
    })
}

fn write_body(body: &[u8]) -> Result<()> {
    if Printer::current().stdout_tty {
        if let Ok(v) = serde_json::from_slice::<Value>(body) {
            let pretty = serde_json::to_string_pretty(&v).unwrap_or_default();
            return stdout_write(&format!(
                "{}\n",
                crate::render::sanitize::for_terminal(&pretty)
            ));
        }
        let text = String::from_utf8_lossy(body);
        return stdout_write(&crate::render::sanitize::for_terminal(&text));
    }
    write_bytes(body)
}

fn write_bytes(b: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    out.write_all(b)
        .and_then(|_| out.flush())
        .map_err(Error::stdout)
}

fn eprint_block(s: &str) {
    for line in s.lines() {
        diag(line);
    }
}

/// Operations Bedrock serves only as a POST with a JSON body; without one the request would only
/// come back as a service error that does not say what is missing.
fn needs_body(path: &str) -> bool {
    let path = path.split('?').next().unwrap_or(path).trim_end_matches('/');
    let last = path.rsplit('/').next().unwrap_or("");
    [
        "converse",
        "converse-stream",
        "invoke",
        "invoke-with-response-stream",
        "count-tokens",
        "apply",
        "rerank",
        "retrieve",
        "retrieveAndGenerate",
    ]
    .contains(&last)
}

/// `[METHOD] PATH` → method (if given) and path.
fn parse_target(target: &[String]) -> Result<(Option<Method>, String)> {
    let (method, path) = match target {
        [path] => (None, path.clone()),
        [m, path] => {
            let upper = m.to_ascii_uppercase();
            let method = match upper.as_str() {
                "GET" => Method::GET,
                "POST" => Method::POST,
                "PUT" => Method::PUT,
                "DELETE" => Method::DELETE,
                "PATCH" => Method::PATCH,
                "HEAD" => Method::HEAD,
                _ => {
                    return Err(Error::usage(format!(
                        "{m:?} is not an HTTP method (GET, POST, PUT, DELETE, PATCH, HEAD)"
                    )));
                }
            };
            (Some(method), path.clone())
        }
        _ => return Err(Error::usage("expected [METHOD] PATH")),
    };
    if !path.starts_with('/') {
        return Err(Error::usage(format!(
            "path {:?} must start with '/', e.g. /model/amazon.nova-lite-v1:0/converse",
            clip(&path, ECHO_MAX)
        )));
    }
    Ok((method, path))
}

/// Percent-encode each path segment (decoding first, so an already-encoded path is not encoded
/// twice). A segment starting with `arn:` swallows the next one, since ARNs carry a '/'
/// (`inference-profile/ID`); under `/model/`, everything up to the operation is the model id.
pub fn encode_path(path: &str) -> Result<String> {
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let raw: Vec<String> = path
        .split('/')
        .skip(1)
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| {
                    Error::usage(format!(
                        "path segment {:?} is not valid UTF-8 once decoded",
                        clip(s, ECHO_MAX)
                    ))
                })
        })
        .collect::<Result<_>>()?;
    let mut segments: Vec<String> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == "model" && i + 2 < raw.len() && raw[i + 1].starts_with("arn:") {
            // /model/{ARN with slashes}/{operation}
            segments.push("model".into());
            segments.push(raw[i + 1..raw.len() - 1].join("/"));
            segments.push(raw[raw.len() - 1].clone());
            break;
        }
        if raw[i].starts_with("arn:") && !raw[i].contains('/') && i + 1 < raw.len() {
            segments.push(format!("{}/{}", raw[i], raw[i + 1]));
            i += 2;
            continue;
        }
        segments.push(raw[i].clone());
        i += 1;
    }
    let mut out = String::new();
    for s in &segments {
        out.push('/');
        out.push_str(&path_segment(s));
    }
    if out.is_empty() {
        out.push('/');
    }
    if let Some(q) = query {
        out.push('?');
        out.push_str(&encode_query(q)?);
    }
    Ok(out)
}

/// Each name and value percent-encoded as SigV4 wants it (decoded first, as path segments are,
/// so an encoded query stays as it is): `?q=a b` works instead of being refused as a URL.
fn encode_query(query: &str) -> Result<String> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|c| path_segment(&c))
            .map_err(|_| {
                Error::usage(format!(
                    "query parameter {:?} is not valid UTF-8 once decoded",
                    clip(s, ECHO_MAX)
                ))
            })
    };
    let mut pairs = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        pairs.push(match pair.split_once('=') {
            Some((k, v)) => format!("{}={}", decode(k)?, decode(v)?),
            None => decode(pair)?,
        });
    }
    Ok(pairs.join("&"))
}

fn read_body(
    printer: &Printer,
    args: &RawArgs,
    method: Option<&Method>,
) -> Result<Option<Vec<u8>>> {
    // Without -d, piped stdin is the body only when no method is given (a body makes it a POST)
    // or the method takes one: `while read id; do brock raw GET /x/$id; done < ids` must leave
    // the loop's stdin alone.
    let stdin_body = method.is_none_or(|m| [Method::POST, Method::PUT, Method::PATCH].contains(m));
    match args.data.as_deref() {
        Some("@-") => read_stdin().map(Some),
        Some(d) if d.starts_with('@') => {
            let path = &d[1..];
            crate::input::read_file(
                std::path::Path::new(path),
                &format!("the request body {path}"),
            )
            .map(Some)
        }
        Some(d) => Ok(Some(d.as_bytes().to_vec())),
        None if stdin_body && !printer.stdin_tty => {
            let body = read_stdin()?;
            Ok((!body.is_empty()).then_some(body))
        }
        None => Ok(None),
    }
}

fn read_stdin() -> Result<Vec<u8>> {
    crate::input::read_stdin("the request body on stdin")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_once() {
        assert_eq!(
            encode_path("/model/us.amazon.nova-lite-v1:0/converse").unwrap(),
            "/model/us.amazon.nova-lite-v1%3A0/converse"
        );
        assert_eq!(
            encode_path("/model/us.amazon.nova-lite-v1%3A0/converse").unwrap(),
            "/model/us.amazon.nova-lite-v1%3A0/converse"
        );
        assert_eq!(
            encode_path(
                "/model/arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.x-v1:0/invoke"
            )
            .unwrap(),
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.x-v1%3A0/invoke"
        );
        assert_eq!(
            encode_path("/foundation-models?byProvider=Anthropic").unwrap(),
            "/foundation-models?byProvider=Anthropic"
        );
        assert_eq!(
            encode_path("/x?q=a b&n=%20c&flag").unwrap(),
            "/x?q=a%20b&n=%20c&flag"
        );
        assert_eq!(
            encode_path("/guardrail/gr-1/version/DRAFT/apply").unwrap(),
            "/guardrail/gr-1/version/DRAFT/apply"
        );
    }

    #[test]
    fn targets() {
        assert!(parse_target(&["/x".into()]).unwrap().0.is_none());
        assert_eq!(
            parse_target(&["get".into(), "/x".into()]).unwrap().0,
            Some(Method::GET)
        );
        assert!(parse_target(&["FETCH".into(), "/x".into()]).is_err());
        assert!(parse_target(&["x".into()]).is_err());
    }

    #[test]
    fn invoke_chunks_are_decoded() {
        use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
        let ev = Event::from_message(
            Message::new(Bytes::from_static(br#"{"bytes":"eyJhIjoxfQ==","p":"abc"}"#)).add_header(
                Header::new(":event-type", HeaderValue::String("chunk".into())),
            ),
        );
        assert_eq!(
            event_json(&ev),
            json!({"event":"chunk","payload":{"bytes":{"a":1},"p":"abc"}})
        );
    }
}

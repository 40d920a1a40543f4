//! `brock serve` against the emulator over loopback: the OpenAI-compatible API, the native
//! pass-through, keys, errors, signals, and real clients (the OpenAI Python SDK, LangChain's
//! OpenAI classes and boto3 from a virtualenv, see [`python`]).
//!
//! HTTP here is written by hand over `TcpStream` as HTTP/1.0 (no chunked encoding to undo):
//! the test sees exactly the bytes the gateway sends.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::TestEnv;

/// A running `brock serve` (pointed at the test's emulator); killed on drop.
pub struct Gateway {
    child: Child,
    pub url: String,
    pub addr: String,
    stderr: Option<std::thread::JoinHandle<String>>,
}

impl Gateway {
    pub fn start(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> Gateway {
        let mut cmd = env.std_cmd();
        cmd.arg("serve")
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .envs(vars.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("brock serve starts");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).expect("first stdout line");
        let url = line.trim().to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "the first stdout line is the base URL: {url:?}"
        );
        let addr = url.trim_start_matches("http://").to_string();
        let mut stderr = child.stderr.take().unwrap();
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        Gateway {
            child,
            url,
            addr,
            stderr: Some(stderr),
        }
    }

    /// Sends SIGTERM, waits for the exit, and returns the exit code and stderr.
    pub fn stop(mut self) -> (Option<i32>, String) {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
        let status = self.child.wait().unwrap();
        let err = self.stderr.take().unwrap().join().unwrap();
        (status.code(), err)
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
        http(&self.addr, method, path, headers, body)
    }

    pub fn post(&self, path: &str, body: &Value) -> Resp {
        self.request("POST", path, &[], body.to_string().as_bytes())
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    /// The `data:` payloads of a server-sent event stream.
    pub fn events(&self) -> Vec<String> {
        self.text()
            .split("\n\n")
            .filter_map(|e| e.strip_prefix("data: "))
            .map(str::to_string)
            .collect()
    }
}

fn connect(addr: &str) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect to the gateway");
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s
}

fn write_request(
    s: &mut TcpStream,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) {
    let mut head = format!(
        "{method} {path} HTTP/1.0\r\nHost: gateway\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
    {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body).unwrap();
}

fn parse_response(raw: &[u8]) -> Resp {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

pub fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = connect(addr);
    write_request(&mut s, method, path, headers, body);
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    parse_response(&raw)
}

fn chat_body(model: &str, text: &str) -> Value {
    json!({ "model": model, "messages": [{ "role": "user", "content": text }] })
}

#[test]
fn chat_completion_non_streamed_in_openai_shape_under_v1_and_api_v1() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    for prefix in ["/v1", "/api/v1"] {
        let r = gw.post(
            &format!("{prefix}/chat/completions"),
            &chat_body("nova-lite", "hello gateway"),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        let v = r.json();
        assert_eq!(v["object"], "chat.completion");
        assert_eq!(v["model"], "nova-lite", "the name the client sent");
        assert!(v["id"].as_str().unwrap().starts_with("chatcmpl-"));
        assert_eq!(
            v["choices"][0]["message"]["content"],
            "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hello gateway"
        );
        assert_eq!(v["choices"][0]["finish_reason"], "stop");
        assert_eq!(v["usage"]["completion_tokens"], 10);
    }
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("POST ")).collect();
    assert_eq!(lines.len(), 2, "one log line per request: {err}");
    assert!(
        lines[0].contains("/v1/chat/completions")
            && lines[0].contains("model=nova-lite")
            && lines[0].contains("status=200")
            && lines[0].contains("tokens=3/10"),
        "{}",
        lines[0]
    );
}

/// The gateway sets its own thread count, so a TOKIO_WORKER_THREADS that tokio cannot parse
/// (tokio panics on one when it reads it) changes nothing; and each completion gets its own id
/// (drawn from a thread-local generator rather than a system call per response).
#[test]
fn the_gateway_ignores_tokio_worker_threads_and_gives_each_completion_its_own_id() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[("TOKIO_WORKER_THREADS", "lots")]);
    let mut ids = std::collections::HashSet::new();
    for i in 0..20 {
        let r = gw.post(
            "/v1/chat/completions",
            &chat_body("nova-lite", &format!("hello {i}")),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        let id = r.json()["id"].as_str().unwrap().to_string();
        assert!(id.starts_with("chatcmpl-") && id.len() > 20, "{id}");
        ids.insert(id);
    }
    assert_eq!(ids.len(), 20, "{ids:?}");
    let (code, err) = gw.stop();
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("panic"), "{err}");
}

#[test]
fn chat_completion_streams_chunks_usage_and_done() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--log-format", "json"], &[]);
    let mut body = chat_body("nova-lite", "stream this please");
    body["stream"] = json!(true);
    body["stream_options"] = json!({ "include_usage": true });
    let r = gw.post("/v1/chat/completions", &body);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("text/event-stream"));
    let events = r.events();
    assert_eq!(events.last().map(String::as_str), Some("[DONE]"));
    let chunks: Vec<Value> = events[..events.len() - 1]
        .iter()
        .map(|e| serde_json::from_str(e).unwrap())
        .collect();
    assert!(
        chunks
            .iter()
            .all(|c| c["object"] == "chat.completion.chunk")
    );
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert_eq!(
        text,
        "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: stream this please"
    );
    assert!(chunks.len() > 4, "streamed in pieces: {}", chunks.len());
    // OpenAI's shape: the finishing chunk, then one with no choices carrying the usage.
    let last = chunks.last().unwrap();
    assert_eq!(last["choices"], json!([]));
    assert_eq!(last["usage"]["completion_tokens"], 11);
    let finishing = &chunks[chunks.len() - 2];
    assert_eq!(finishing["choices"][0]["finish_reason"], "stop");
    assert!(finishing.get("usage").is_none());

    // Without include_usage there is no usage chunk.
    body["stream_options"] = json!({ "include_usage": false });
    let r = gw.post("/v1/chat/completions", &body);
    assert!(!r.text().contains("\"usage\""), "{}", r.text());

    let (_, err) = gw.stop();
    let logged: Vec<Value> = err
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(logged.len(), 2, "{err}");
    assert_eq!(logged[0]["path"], "/v1/chat/completions");
    assert_eq!(logged[0]["status"], 200);
    assert_eq!(logged[0]["model"], "nova-lite");
    assert_eq!(logged[0]["output_tokens"], 11);
    assert_eq!(logged[0]["cancelled"], false);
}

#[test]
fn reasoning_and_tool_calls_stream_as_openai_deltas() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let body = json!({
        "model": "sonnet", "stream": true,
        "reasoning_effort": "low",
        "messages": [{ "role": "user", "content": "think then answer" }],
    });
    let r = gw.post("/v1/chat/completions", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let chunks: Vec<Value> = r
        .events()
        .iter()
        .filter(|e| *e != "[DONE]")
        .map(|e| serde_json::from_str(e).unwrap())
        .collect();
    let reasoning: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["reasoning_content"].as_str())
        .collect();
    assert_eq!(
        reasoning,
        "The user said: think then answer. I will greet them and repeat it."
    );
    assert!(
        chunks.iter().any(
            |c| c["choices"][0]["delta"]["thinking_blocks"][0]["signature"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
        ),
        "the signature comes as a thinking block"
    );

    let body = json!({
        "model": "nova-lite", "stream": true,
        "messages": [{ "role": "user", "content": "what is the weather in Paris?" }],
        "tools": [{ "type": "function", "function": {
            "name": "get_weather", "description": "weather",
            "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] },
        }}],
        "tool_choice": "required",
    });
    let r = gw.post("/v1/chat/completions", &body);
    assert_eq!(r.status, 200, "{}", r.text());
    let chunks: Vec<Value> = r
        .events()
        .iter()
        .filter(|e| *e != "[DONE]")
        .map(|e| serde_json::from_str(e).unwrap())
        .collect();
    let start = chunks
        .iter()
        .find_map(|c| c["choices"][0]["delta"]["tool_calls"][0]["function"]["name"].as_str())
        .expect("a tool call start");
    assert_eq!(start, "get_weather");
    let args: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["tool_calls"][0]["function"]["arguments"].as_str())
        .collect();
    let args: Value = serde_json::from_str(&args).unwrap();
    assert!(args["city"].is_string(), "{args}");
    assert!(
        chunks
            .iter()
            .any(|c| c["choices"][0]["finish_reason"] == "tool_calls")
    );
}

#[test]
fn serve_models_maps_openai_names_and_models_lists_them() {
    let env = TestEnv::new();
    env.write_config(
        "[serve]\nlog_format = \"json\"\n\n[serve.models]\n\"gpt-4o\" = \"nova-lite\"\n",
    );
    let gw = Gateway::start(&env, &[], &[]);
    let r = gw.post("/v1/chat/completions", &chat_body("gpt-4o", "mapped?"));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["model"], "gpt-4o");
    assert!(
        v["choices"][0]["message"]["content"]
            .as_str()
            .unwrap()
            .contains("(us.amazon.nova-lite-v1:0)")
    );
    let r = gw.request("GET", "/v1/models", &[], b"");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["object"], "list");
    let ids: Vec<&str> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    for want in [
        "gpt-4o",
        "nova-lite",
        "amazon.nova-lite-v1:0",
        "us.amazon.nova-lite-v1:0",
    ] {
        assert!(ids.contains(&want), "{want} missing from {ids:?}");
    }
    assert!(
        v["data"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["object"] == "model")
    );
    // Cached: a second listing asks Bedrock nothing.
    let before = env.emulator.requests();
    let again = gw.request("GET", "/v1/models", &[], b"");
    assert_eq!(again.json(), v);
    assert_eq!(env.emulator.requests(), before);
    // log_format from the [serve] table.
    let (_, err) = gw.stop();
    assert!(err.lines().any(|l| l.starts_with("{\"")), "{err}");
}

#[test]
fn keys_are_required_when_configured_and_never_logged() {
    let env = TestEnv::new();
    let key = "sk-gateway-secret-123";
    let gw = Gateway::start(
        &env,
        &["--api-key-env", "GW_KEY", "-vvv"],
        &[("GW_KEY", key)],
    );
    let body = chat_body("nova-lite", "hi").to_string();
    let none = gw.request("POST", "/v1/chat/completions", &[], body.as_bytes());
    assert_eq!(none.status, 401);
    assert_eq!(none.json()["error"]["type"], "authentication_error");
    let wrong = gw.request(
        "POST",
        "/v1/chat/completions",
        &[("Authorization", "Bearer sk-gateway-secret-124")],
        body.as_bytes(),
    );
    assert_eq!(wrong.status, 401);
    let bearer = gw.request(
        "POST",
        "/v1/chat/completions",
        &[("Authorization", &format!("Bearer {key}"))],
        body.as_bytes(),
    );
    assert_eq!(bearer.status, 200, "{}", bearer.text());
    let x_api_key = gw.request("GET", "/v1/models", &[("x-api-key", key)], b"");
    assert_eq!(x_api_key.status, 200);
    // Beside a SigV4 Authorization header (an AWS SDK signing for itself).
    let beside = gw.request(
        "GET",
        "/v1/models",
        &[
            ("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=00"),
            ("x-api-key", key),
        ],
        b"",
    );
    assert_eq!(beside.status, 200);
    let passthrough = gw.request(
        "POST",
        "/bedrock/model/amazon.nova-lite-v1:0/converse",
        &[("Authorization", "Bearer nope")],
        br#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
    );
    assert_eq!(passthrough.status, 401);
    let (_, err) = gw.stop();
    assert!(!err.contains(key), "the key appears in the log: {err}");
    assert!(
        !err.contains("secret-124"),
        "a presented key was logged: {err}"
    );
}

#[test]
fn a_non_loopback_listen_without_keys_is_refused_at_start() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("without an API key"), "{err}");
    assert!(out.stdout.is_empty());
    let out = env
        .cmd()
        .args(["serve", "--api-key-env", "UNSET_KEY_VAR"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("UNSET_KEY_VAR"));
}

#[test]
fn the_bad_input_catalogue_is_refused_with_4xx_and_nothing_sent() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let msgs = |content: Value| json!([{ "role": "user", "content": content }]);
    // (what, body, status, the `param` named, a word the message holds)
    type Case<'a> = (&'a str, Vec<u8>, u16, Option<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        ("malformed JSON", b"{\"model\": ".to_vec(), 400, None, "not valid JSON"),
        ("not an object", b"[1,2]".to_vec(), 400, None, "JSON object"),
        (
            "messages of the wrong type",
            json!({ "model": "nova-lite", "messages": "hi" }).to_string().into_bytes(),
            400,
            Some("messages"),
            "messages",
        ),
        (
            "temperature of the wrong type",
            json!({ "model": "nova-lite", "messages": msgs(json!("hi")), "temperature": "hot" })
                .to_string()
                .into_bytes(),
            400,
            Some("temperature"),
            "temperature",
        ),
        (
            "unknown model",
            json!({ "model": "gpt-4o", "messages": msgs(json!("hi")) }).to_string().into_bytes(),
            404,
            Some("model"),
            "gpt-4o",
        ),
        (
            "no model",
            json!({ "messages": msgs(json!("hi")) }).to_string().into_bytes(),
            400,
            Some("model"),
            "model",
        ),
        (
            "empty messages",
            json!({ "model": "nova-lite", "messages": [] }).to_string().into_bytes(),
            400,
            Some("messages"),
            "messages",
        ),
        (
            "unknown role",
            json!({ "model": "nova-lite", "messages": [{ "role": "wizard", "content": "hi" }] })
                .to_string()
                .into_bytes(),
            400,
            None,
            "wizard",
        ),
        (
            "bad base64 image",
            json!({ "model": "nova-lite", "messages": msgs(json!([
                { "type": "image_url", "image_url": { "url": "data:image/png;base64,!!!not-base64!!!" } },
                { "type": "text", "text": "what is this?" },
            ])) })
            .to_string()
            .into_bytes(),
            400,
            None,
            "base64",
        ),
        (
            "image URL to a private address",
            json!({ "model": "nova-lite", "messages": msgs(json!([
                { "type": "image_url", "image_url": { "url": "http://169.254.169.254/latest/meta-data/x.png" } },
                { "type": "text", "text": "what is this?" },
            ])) })
            .to_string()
            .into_bytes(),
            400,
            Some("messages[0].content[0].image_url"),
            "169.254.169.254",
        ),
        (
            "embeddings without input",
            json!({ "model": "titan-embed" }).to_string().into_bytes(),
            400,
            Some("input"),
            "input",
        ),
    ];
    let before = env.emulator.requests();
    for (what, body, status, param, needle) in &cases {
        let path = if what.starts_with("embeddings") {
            "/v1/embeddings"
        } else {
            "/v1/chat/completions"
        };
        let r = gw.request("POST", path, &[], body);
        assert_eq!(r.status, *status, "{what}: {}", r.text());
        let v = r.json();
        let msg = v["error"]["message"].as_str().unwrap_or_default();
        assert!(msg.contains(needle), "{what}: {msg}");
        assert!(
            !msg.contains("Error {") && !msg.contains("panicked"),
            "{what}: {msg}"
        );
        if let Some(p) = param {
            assert_eq!(v["error"]["param"], *p, "{what}: {v}");
        }
        assert!(v["error"]["type"].is_string(), "{what}: {v}");
    }
    // Too large: 413 before anything is parsed.
    let big = vec![b' '; 32 * 1024 * 1024 + 1];
    let r = http(&gw.addr, "POST", "/v1/chat/completions", &[], &big);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "request_too_large");
    assert_eq!(
        env.emulator.requests(),
        before,
        "nothing reached Bedrock for bad input"
    );
    let r = gw.request("GET", "/v2/nothing", &[], b"");
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["code"], "unknown_url");
}

#[test]
fn upstream_throttling_is_429_with_retry_after_and_errors_keep_openais_shape() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--max-attempts", "2"], &[]);
    let r = gw.post(
        "/v1/chat/completions",
        &chat_body("emulator.throttle", "hi"),
    );
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(r.header("retry-after"), Some("1"));
    let v = r.json();
    assert_eq!(v["error"]["type"], "rate_limit_error");
    assert_eq!(v["error"]["code"], "ThrottlingException");
    let r = gw.post(
        "/v1/chat/completions",
        &chat_body("emulator.access-denied", "hi"),
    );
    assert_eq!(r.status, 403, "{}", r.text());
    let r = gw.post(
        "/v1/chat/completions",
        &chat_body("emulator.internal-error", "hi"),
    );
    assert_eq!(r.status, 502, "{}", r.text());
    assert_eq!(r.json()["error"]["type"], "api_error");
}

#[test]
fn a_wait_bedrock_names_when_throttling_reaches_the_client() {
    let env = TestEnv::new();
    // Every request to the emulator asks its 429s to name a wait of 2.5 s.
    env.write_config("[default.headers]\n\"x-brock-emulator-retry-after-ms\" = \"2500\"\n");
    let gw = Gateway::start(&env, &["--max-attempts", "1"], &[]);
    let r = gw.post(
        "/v1/chat/completions",
        &chat_body("emulator.throttle", "hi"),
    );
    assert_eq!(r.status, 429, "{}", r.text());
    assert_eq!(
        r.header("retry-after"),
        Some("3"),
        "whole seconds, rounded up"
    );
    assert_eq!(r.header("retry-after-ms"), Some("2500"));
    assert_eq!(r.json()["error"]["type"], "rate_limit_error");
    // The pass-through hands AWS's answer back as it came.
    let r = gw.request(
        "POST",
        "/bedrock/model/emulator.throttle/converse",
        &[],
        br#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
    );
    assert_eq!(r.status, 429);
    assert_eq!(r.header("x-amz-retry-after"), Some("2500"));
    drop(gw);
    // Without a wait from Bedrock: the default second, and no milliseconds invented.
    env.write_config("");
    let gw = Gateway::start(&env, &["--max-attempts", "1"], &[]);
    let r = gw.post(
        "/v1/chat/completions",
        &chat_body("emulator.throttle", "hi"),
    );
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(r.header("retry-after-ms"), None);
}

#[test]
fn client_limits_layer_file_then_environment_then_flags() {
    let env = TestEnv::new();
    env.write_config(
        "[serve]\nmax_request_size_mb = 1\nbody_read_timeout = 0.3\nheader_read_timeout = 0.3\n",
    );
    // One byte past a MiB: all of it is read (no reset while the client still writes).
    let big = vec![b' '; 1024 * 1024 + 1];
    let before = env.emulator.requests();
    let gw = Gateway::start(&env, &[], &[]);
    for path in [
        "/v1/chat/completions",
        "/bedrock/model/amazon.nova-lite-v1:0/converse",
    ] {
        let r = http(&gw.addr, "POST", path, &[], &big);
        assert_eq!(r.status, 413, "{path}: {}", r.text());
        let v = r.json();
        assert_eq!(v["error"]["code"], "request_too_large");
        assert!(
            v["error"]["message"].as_str().unwrap().contains("1 MiB"),
            "{v}"
        );
    }
    // A body that stops arriving: 408 in OpenAI's shape once the file's 0.3 s pause is over.
    let mut s = connect(&gw.addr);
    s.write_all(
        b"POST /v1/chat/completions HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"model\":",
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let r = parse_response(&raw);
    assert_eq!(r.status, 408, "{}", r.text());
    assert_eq!(r.json()["error"]["code"], "request_timeout");
    // Headers that stop arriving: the connection is closed.
    let mut slow = connect(&gw.addr);
    slow.write_all(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut rest = Vec::new();
    let n = slow.read_to_end(&mut rest);
    assert!(
        n.is_ok() && (rest.is_empty() || rest.starts_with(b"HTTP/1.1 408")),
        "{n:?} {}",
        String::from_utf8_lossy(&rest)
    );
    drop(gw);
    // The environment wins over the file: with 3 MiB the same body is read, and refused for
    // what it is (not JSON).
    let vars = [("BROCK_SERVE_MAX_REQUEST_SIZE_MB", "3")];
    let gw = Gateway::start(&env, &[], &vars);
    let r = http(&gw.addr, "POST", "/v1/chat/completions", &[], &big);
    assert_eq!(r.status, 400, "{}", r.text());
    drop(gw);
    // The flag wins over both.
    let gw = Gateway::start(&env, &["--max-request-size-mb", "1"], &vars);
    let r = http(&gw.addr, "POST", "/v1/chat/completions", &[], &big);
    assert_eq!(r.status, 413, "{}", r.text());
    drop(gw);
    assert_eq!(env.emulator.requests(), before, "nothing reached Bedrock");
    // Out of range: refused at start, naming the setting.
    for (args, vars) in [
        (vec!["--max-request-size-mb", "0"], vec![]),
        (vec![], vec![("BROCK_SERVE_BODY_READ_TIMEOUT", "0")]),
        (vec!["--header-read-timeout=0"], vec![]),
    ] {
        let out = env
            .cmd()
            .arg("serve")
            .args(["--listen", "127.0.0.1:0"])
            .args(&args)
            .envs(vars.iter().copied())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?} {vars:?}: {err}");
        let named = args
            .first()
            .map(|f| f.trim_start_matches("--").split('=').next().unwrap())
            .unwrap_or("serve.body_read_timeout");
        assert!(err.contains(named), "{err}");
    }
}

/// One sample of an OpenMetrics exposition: `name{labels} value`, with exactly these labels.
fn sample(text: &str, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    text.lines().find_map(|l| {
        let (series, value) = l.rsplit_once(' ')?;
        let (n, rest) = series.split_once('{').unwrap_or((series, "}"));
        if n != name {
            return None;
        }
        let mut got: Vec<(String, String)> = rest
            .trim_end_matches('}')
            .split(',')
            .filter(|p| !p.is_empty())
            .filter_map(|p| p.split_once('='))
            .map(|(k, v)| (k.to_string(), v.trim_matches('"').to_string()))
            .collect();
        let mut want: Vec<(String, String)> = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        got.sort();
        want.sort();
        (got == want).then(|| value.parse().unwrap())
    })
}

/// Scrapes `/metrics` until `ready` holds: a request is counted when its answer's body has
/// ended on the gateway's side, which may be a moment after the client read its last byte.
fn scrape_until(gw: &Gateway, key: &str, ready: impl Fn(&str) -> bool) -> String {
    let auth = format!("Bearer {key}");
    let mut text = String::new();
    for _ in 0..400 {
        let r = gw.request("GET", "/metrics", &[("Authorization", &auth)], b"");
        assert_eq!(r.status, 200, "{}", r.text());
        text = r.text();
        if ready(&text) {
            return text;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("the metrics never showed what was expected:\n{text}");
}

#[test]
fn health_needs_no_key_and_metrics_count_requests_tokens_errors_and_streams() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        tokens_per_second: 200.0,
        ..Default::default()
    });
    let key = "sk-metrics-key-42";
    let gw = Gateway::start(
        &env,
        &["--api-key-env", "GW_KEY", "--max-attempts", "1"],
        &[("GW_KEY", key)],
    );
    let auth = format!("Bearer {key}");
    let with_key = [("Authorization", auth.as_str())];

    // /health: no key, small JSON, nothing sent upstream.
    let before = env.emulator.requests();
    let r = gw.request("GET", "/health", &[], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json(), json!({ "status": "ok" }));
    assert_eq!(env.emulator.requests(), before);
    // /metrics: only with a key.
    let r = gw.request("GET", "/metrics", &[], b"");
    assert_eq!(r.status, 401);
    let r = gw.request("GET", "/metrics", &with_key, b"");
    assert_eq!(r.status, 200);
    assert!(
        r.header("content-type")
            .is_some_and(|c| c.starts_with("application/openmetrics-text")),
        "{r:?}"
    );
    assert!(r.text().ends_with("# EOF\n"), "{}", r.text());

    // Two answers, one of them streamed; their tokens add up per model.
    let chat = |body: &Value| {
        gw.request(
            "POST",
            "/v1/chat/completions",
            &with_key,
            body.to_string().as_bytes(),
        )
    };
    let whole = chat(&chat_body("nova-lite", "count me"));
    assert_eq!(whole.status, 200, "{}", whole.text());
    let mut body = chat_body("nova-lite", "[[tokens=7]] and me");
    body["stream"] = json!(true);
    body["stream_options"] = json!({ "include_usage": true });
    let streamed = chat(&body);
    let events = streamed.events();
    let usage: Value = serde_json::from_str(&events[events.len() - 2]).unwrap();
    let input = whole.json()["usage"]["prompt_tokens"].as_f64().unwrap()
        + usage["usage"]["prompt_tokens"].as_f64().unwrap();
    let output = whole.json()["usage"]["completion_tokens"].as_f64().unwrap()
        + usage["usage"]["completion_tokens"].as_f64().unwrap();
    assert_eq!(output, 10.0 + 7.0);
    // Throttled upstream; refused as unknown; forwarded natively.
    assert_eq!(chat(&chat_body("emulator.throttle", "hi")).status, 429);
    assert_eq!(
        chat(&chat_body("no-such-model-xyz", "hi")).status,
        404,
        "an unknown name"
    );
    let r = gw.request(
        "POST",
        "/bedrock/model/amazon.nova-lite-v1:0/converse",
        &with_key,
        br#"{"messages":[{"role":"user","content":[{"text":"native"}]}]}"#,
    );
    assert_eq!(r.status, 200);

    let route = |r| ("route", r);
    let text = scrape_until(&gw, key, |t| {
        sample(
            t,
            "brock_gateway_requests_total",
            &[
                route("/bedrock/model/{modelId}/converse"),
                ("model", "amazon.nova-lite-v1:0"),
                ("status", "200"),
            ],
        ) == Some(1.0)
    });
    let chat_route = route("/v1/chat/completions");
    assert_eq!(
        sample(
            &text,
            "brock_gateway_requests_total",
            &[chat_route, ("model", "nova-lite"), ("status", "200")]
        ),
        Some(2.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "brock_gateway_requests_total",
            &[
                chat_route,
                ("model", "emulator.throttle"),
                ("status", "429")
            ]
        ),
        Some(1.0),
        "{text}"
    );
    // A name the gateway refused is not kept as a label.
    assert!(!text.contains("no-such-model-xyz"), "{text}");
    assert_eq!(
        sample(
            &text,
            "brock_gateway_requests_total",
            &[chat_route, ("model", ""), ("status", "404")]
        ),
        Some(1.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "brock_gateway_input_tokens_total",
            &[("model", "nova-lite")]
        ),
        Some(input),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "brock_gateway_output_tokens_total",
            &[("model", "nova-lite")]
        ),
        Some(output),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "brock_gateway_upstream_errors_total",
            &[("kind", "throttled")]
        ),
        Some(1.0),
        "{text}"
    );
    // Four chat requests took some time each; none took longer than the last bucket.
    assert_eq!(
        sample(
            &text,
            "brock_gateway_request_duration_seconds_count",
            &[chat_route]
        ),
        Some(4.0),
        "{text}"
    );
    assert_eq!(
        sample(
            &text,
            "brock_gateway_request_duration_seconds_bucket",
            &[chat_route, ("le", "+Inf")]
        ),
        Some(4.0),
        "{text}"
    );
    assert_eq!(
        sample(&text, "brock_gateway_streams_in_flight", &[]),
        Some(0.0)
    );
    // The scrapes themselves are requests like any other; /health is not counted.
    assert!(text.contains("route=\"/metrics\""), "{text}");
    assert!(!text.contains("/health"), "{text}");
    assert!(!text.contains(key), "{text}");

    // A stream open now is in flight until its client leaves.
    let mut body = chat_body("nova-lite", "[[tokens=2000]] long");
    body["stream"] = json!(true);
    let mut s = connect(&gw.addr);
    write_request(
        &mut s,
        "POST",
        "/v1/chat/completions",
        &with_key,
        body.to_string().as_bytes(),
    );
    let mut first = [0u8; 256];
    assert!(s.read(&mut first).unwrap() > 0);
    scrape_until(&gw, key, |t| {
        sample(t, "brock_gateway_streams_in_flight", &[]) == Some(1.0)
    });
    drop(s);
    scrape_until(&gw, key, |t| {
        sample(t, "brock_gateway_streams_in_flight", &[]) == Some(0.0)
    });
    let (_, err) = gw.stop();
    assert!(!err.contains("/health"), "/health is not logged: {err}");
}

#[test]
fn passthrough_forwards_converse_and_streams_bytes_with_aws_errors_verbatim() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let body = br#"{"messages":[{"role":"user","content":[{"text":"native"}]}]}"#;
    let r = gw.request(
        "POST",
        "/bedrock/model/amazon.nova-lite-v1:0/converse",
        &[],
        body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["output"]["message"]["content"][0]["text"],
        "Hello from the brock emulator (amazon.nova-lite-v1:0). You said: native"
    );
    let r = gw.request(
        "POST",
        "/bedrock/model/amazon.nova-lite-v1:0/converse-stream",
        &[],
        body,
    );
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/vnd.amazon.eventstream")
    );
    assert!(r.body.windows(12).any(|w| w == b"messageStart"));
    assert!(r.body.windows(11).any(|w| w == b"messageStop"));
    // AWS's own error, status and header pass through untouched.
    let r = gw.request(
        "POST",
        "/bedrock/model/amazon.nova-lite-v1:0/converse",
        &[],
        br#"{"messages":[]}"#,
    );
    assert_eq!(r.status, 400);
    assert_eq!(
        r.header("x-amzn-errortype")
            .map(|t| t.split(':').next().unwrap()),
        Some("ValidationException")
    );
    assert!(r.json()["message"].is_string());
    // Agent-runtime paths go to agent-runtime.
    let r = gw.request(
        "POST",
        "/bedrock/knowledgebases/KB12345678/retrieve",
        &[],
        br#"{"retrievalQuery":{"text":"what is brock"}}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.json()["retrievalResults"].is_array());
    let (_, err) = gw.stop();
    assert!(
        err.lines().any(
            |l| l.starts_with("POST /bedrock/model/amazon.nova-lite-v1:0/converse ")
                && l.contains("model=amazon.nova-lite-v1:0")
                && l.contains("status=200")
        ),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with("POST /bedrock/knowledgebases/") && l.contains("status=200")),
        "{err}"
    );
}

#[test]
fn a_client_leaving_mid_stream_cancels_it_and_sigterm_drains_in_flight_requests() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        tokens_per_second: 200.0,
        ..Default::default()
    });
    // The abandoned stream would run for 10 s upstream; the drain allows 5. Shutdown only ends
    // "stopped" (rather than cutting requests) if leaving really ended it.
    let gw = Gateway::start(&env, &["--drain-timeout", "5"], &[]);
    // Leave after the first chunk of a long answer.
    let mut body = chat_body("nova-lite", "[[tokens=2000]] long");
    body["stream"] = json!(true);
    let mut s = connect(&gw.addr);
    write_request(
        &mut s,
        "POST",
        "/v1/chat/completions",
        &[],
        body.to_string().as_bytes(),
    );
    let mut first = [0u8; 512];
    let n = s.read(&mut first).unwrap();
    assert!(n > 0);
    drop(s);

    // A request in flight when SIGTERM arrives still gets its whole answer.
    let mut body = chat_body("nova-lite", "[[tokens=100]] drain me");
    body["stream"] = json!(true);
    let addr = gw.addr.clone();
    let inflight = std::thread::spawn(move || {
        http(
            &addr,
            "POST",
            "/v1/chat/completions",
            &[],
            body.to_string().as_bytes(),
        )
    });
    // Wait until the gateway has started answering it (its log line comes at the end, so
    // watch the emulator's request count instead).
    while env.emulator.requests() < 2 {
        std::thread::sleep(Duration::from_millis(10));
    }
    let (code, err) = gw.stop();
    let r = inflight.join().unwrap();
    assert_eq!(r.status, 200);
    assert_eq!(
        r.events().last().map(String::as_str),
        Some("[DONE]"),
        "{}",
        r.text()
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.lines()
            .any(|l| l.contains("status=200") && l.contains("cancelled by client")),
        "the abandoned stream is logged as cancelled: {err}"
    );
    assert!(err.contains("serve: stopped"), "{err}");
    assert!(!err.contains("were cut"), "{err}");
}

/// The Python of a virtualenv with the official `openai` and `anthropic` SDKs, `boto3` and `langchain-openai`, created on first use
/// at `target/pyenv` (from PyPI) and kept between runs. Needs `python3` with the venv module
/// (Debian: python3-venv; `.ci/run` installs it). Set BROCK_TEST_PYENV to use another
/// virtualenv that already has these packages.
pub(crate) fn python() -> std::path::PathBuf {
    static READY: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    READY
        .get_or_init(|| {
            let dir = match std::env::var_os("BROCK_TEST_PYENV") {
                Some(d) => std::path::PathBuf::from(d),
                None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pyenv"),
            };
            let py = dir.join("bin/python");
            let has = |py: &std::path::Path| {
                std::process::Command::new(py)
                    .args([
                        "-c",
                        "import openai, boto3, langchain_openai, agents, anthropic; openai.OpenAI.responses",
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success())
            };
            if has(&py) {
                return py;
            }
            crate::common::require_tool("python3", "python3-venv");
            let made = std::process::Command::new("python3")
                .args(["-m", "venv"])
                .arg(&dir)
                .status()
                .expect("python3 -m venv");
            assert!(
                made.success(),
                "cannot create a virtualenv at {} (Debian: apt-get install python3-venv)",
                dir.display()
            );
            let pip = std::process::Command::new(dir.join("bin/pip"))
                .args([
                    "install",
                    "--quiet",
                    "openai>=1.66",
                    "boto3",
                    "langchain-openai",
                    "openai-agents",
                    "anthropic",
                ])
                .status()
                .expect("pip runs");
            assert!(
                pip.success() && has(&py),
                "pip install openai boto3 langchain-openai openai-agents anthropic into {} failed",
                dir.display()
            );
            py
        })
        .clone()
}

pub(crate) fn run_client(script: &str, vars: &[(&str, &str)]) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/clients")
        .join(script);
    let out = std::process::Command::new(python())
        .arg(&path)
        .env_remove("OPENAI_API_KEY")
        .env_remove("OPENAI_BASE_URL")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .envs(vars.iter().copied())
        .output()
        .expect("python runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.trim_end().ends_with("ok"),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs a client script (see [`run_client`]) against a gateway that wants `key`, and returns
/// the gateway's log, in which the key never appears.
pub(crate) fn client_through_gateway(script: &str, key: &str) -> String {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--api-key-env", "GW_KEY"], &[("GW_KEY", key)]);
    run_client(
        script,
        &[("BROCK_GATEWAY", &gw.url), ("BROCK_GATEWAY_KEY", key)],
    );
    let (_, err) = gw.stop();
    assert!(!err.contains(key), "{err}");
    err
}

#[test]
fn the_openai_python_sdk_works_against_the_gateway() {
    client_through_gateway("openai_sdk.py", "sk-brock-test-key");
}

#[test]
fn boto3_converses_through_the_bedrock_passthrough_with_the_gateway_key() {
    let err = client_through_gateway("boto3_passthrough.py", "gateway-key-for-boto3");
    assert!(
        err.lines().any(|l| l
            .starts_with("POST /bedrock/model/amazon.nova-lite-v1:0/converse-stream")
            || l.starts_with("POST /bedrock/model/amazon.nova-lite-v1%3A0/converse-stream")),
        "{err}"
    );
}

/// The `curl` lines of the README's gateway section, run as written against a gateway (the
/// README test runs only `brock --mock` lines; a server needs starting first).
#[test]
fn the_readme_gateway_examples_run_as_written() {
    crate::common::require_tool("curl", "curl");
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = readme
        .split("## Run brock as a gateway")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("the README has a gateway section");
    let examples: Vec<&str> = section
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("curl "))
        .collect();
    assert!(examples.len() >= 4, "{examples:?}");
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    for line in examples {
        let cmd = line.replace("http://127.0.0.1:4000", &gw.url);
        let out = std::process::Command::new("sh")
            .args(["-c", &cmd])
            .output()
            .unwrap();
        assert!(out.status.success(), "{line}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{line}: not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        if line.contains("/v1/responses") {
            // A response object always has `error`, null when it succeeded.
            assert_eq!(v["error"], Value::Null, "{line}: {v}");
        } else {
            assert!(v.get("error").is_none(), "{line}: {v}");
        }
        let ok = if line.contains("/chat/completions") {
            v["choices"][0]["message"]["content"]
                .as_str()
                .is_some_and(|t| t.ends_with("You said: Hello"))
        } else if line.contains("/v1/responses") {
            v["output"][0]["content"][0]["text"]
                .as_str()
                .is_some_and(|t| t.ends_with("You said: Hello"))
        } else if line.contains("/messages") {
            v["content"][0]["text"]
                .as_str()
                .is_some_and(|t| t.ends_with("You said: Hello"))
        } else if line.contains("/models") {
            v["data"].as_array().is_some_and(|d| !d.is_empty())
        } else if line.contains("/embeddings") {
            v["data"].as_array().is_some_and(|d| d.len() == 2)
        } else {
            v["output"]["message"]["content"][0]["text"]
                .as_str()
                .is_some_and(|t| t.ends_with("You said: Hello"))
        };
        assert!(ok, "{line}: {v}");
    }
}

#[test]
fn serve_settings_layer_file_then_environment_then_flags() {
    let env = TestEnv::new();
    // The file says a public address without keys: refused.
    env.write_config("[serve]\nlisten = \"0.0.0.0:0\"\n");
    let out = env.cmd().arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("0.0.0.0"));
    // The environment wins over the file; the flag over both.
    let out = env
        .cmd()
        .arg("serve")
        .env("BROCK_SERVE_LISTEN", "10.1.2.3:0")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("10.1.2.3"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let gw = Gateway::start(&env, &[], &[("BROCK_SERVE_LISTEN", "10.1.2.3:0")]);
    assert!(gw.url.starts_with("http://127.0.0.1:"));
    drop(gw);
    // A profile's serve table refines the top-level one.
    env.write_config(
        "[serve]\nlisten = \"0.0.0.0:0\"\n\n[profiles.local.serve]\nlisten = \"127.0.0.1:0\"\nlog_format = \"json\"\n",
    );
    let mut cmd = env.std_cmd();
    cmd.args(["--profile", "local", "serve"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(line.starts_with("http://127.0.0.1:"), "{line}");
    // Unknown keys are named.
    env.write_config("[serve]\nlisten_on = \"127.0.0.1:0\"\n");
    let out = env.cmd().arg("serve").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("listen_on") && err.contains("listen"), "{err}");
}

#[test]
fn rerank_and_images_answer_in_their_api_shapes() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let r = gw.post(
        "/v1/rerank",
        &json!({
            "model": "rerank", "query": "red apples",
            "documents": ["bananas are yellow", "red apples are sweet", { "text": "apples" }],
            "top_n": 2, "return_documents": true,
        }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["index"], 1);
    assert_eq!(results[0]["document"]["text"], "red apples are sweet");
    assert!(
        results[0]["relevance_score"].as_f64().unwrap()
            >= results[1]["relevance_score"].as_f64().unwrap()
    );
    let r = gw.post(
        "/v1/rerank",
        &json!({ "model": "nova-lite", "query": "q", "documents": ["d"] }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["param"], "model");

    let r = gw.post(
        "/v1/images/generations",
        &json!({ "model": "nova-canvas", "prompt": "a lighthouse", "size": "512x512", "n": 2 }),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let data = r.json()["data"].as_array().unwrap().clone();
    assert_eq!(data.len(), 2);
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD
        .decode(data[0]["b64_json"].as_str().unwrap())
        .unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let r = gw.post(
        "/v1/images/generations",
        &json!({ "model": "nova-canvas", "prompt": "x", "response_format": "url" }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["param"], "response_format");
    // Token ids (cl100k_base) are decoded to text: the same vectors as the text itself.
    let tokens = gw.post(
        "/v1/embeddings",
        &json!({ "model": "titan-embed", "input": [[15339, 1917], [15339]] }),
    );
    assert_eq!(tokens.status, 200, "{}", tokens.text());
    let text = gw.post(
        "/v1/embeddings",
        &json!({ "model": "titan-embed", "input": ["hello world", "hello"] }),
    );
    assert_eq!(tokens.json()["data"], text.json()["data"]);
    let r = gw.post(
        "/v1/embeddings",
        &json!({ "model": "titan-embed", "input": [[1, -2]] }),
    );
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"]["param"], "input");
}

#[test]
fn a_stream_that_breaks_upstream_ends_with_an_error_event() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &["--max-attempts", "1"], &[]);
    let mut body = chat_body("emulator.stream-error", "[[tokens=30]] go");
    body["stream"] = json!(true);
    let r = gw.post("/v1/chat/completions", &body);
    assert_eq!(
        r.status, 200,
        "the status line went out with the first chunk"
    );
    let events = r.events();
    assert!(events.len() > 1, "{events:?}");
    let last: Value = serde_json::from_str(events.last().unwrap()).unwrap();
    assert!(
        last["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "{last}"
    );
    assert!(!events.iter().any(|e| e == "[DONE]"), "{events:?}");
}

#[test]
fn a_client_that_never_finishes_its_headers_is_dropped_and_blocks_nobody() {
    let env = TestEnv::new();
    let gw = Gateway::start(&env, &[], &[]);
    let mut slow = connect(&gw.addr);
    slow.write_all(b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // Others are served meanwhile.
    let r = gw.post("/v1/chat/completions", &chat_body("nova-lite", "hi"));
    assert_eq!(r.status, 200);
    // The header read timeout closes the slow connection (a 408 or a plain close).
    let mut rest = Vec::new();
    let n = slow.read_to_end(&mut rest);
    assert!(
        n.is_ok() && (rest.is_empty() || rest.starts_with(b"HTTP/1.1 408")),
        "{n:?} {}",
        String::from_utf8_lossy(&rest)
    );
}

#[test]
fn cors_is_off_unless_an_origin_is_configured() {
    let env = TestEnv::new();
    let preflight = [
        ("Origin", "http://app.example"),
        ("Access-Control-Request-Method", "POST"),
        (
            "Access-Control-Request-Headers",
            "authorization, content-type",
        ),
    ];
    let gw = Gateway::start(&env, &[], &[]);
    let r = gw.request("OPTIONS", "/v1/chat/completions", &preflight, b"");
    assert!(r.header("access-control-allow-origin").is_none(), "{r:?}");
    let r = gw.request(
        "GET",
        "/v1/models",
        &[("Origin", "http://app.example")],
        b"",
    );
    assert!(r.header("access-control-allow-origin").is_none());
    drop(gw);
    let gw = Gateway::start(
        &env,
        &[
            "--cors-origin",
            "http://app.example",
            "--api-key-env",
            "GW_KEY",
        ],
        &[("GW_KEY", "k")],
    );
    // The preflight carries no key and is answered; the request itself still needs one.
    let r = gw.request("OPTIONS", "/v1/chat/completions", &preflight, b"");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://app.example")
    );
    let r = gw.request(
        "GET",
        "/v1/models",
        &[("Origin", "http://other.example")],
        b"",
    );
    assert_eq!(r.status, 401);
    assert!(r.header("access-control-allow-origin").is_none());
}

#[test]
fn langchains_openai_chat_and_embeddings_classes_work_against_the_gateway() {
    client_through_gateway("langchain_openai_classes.py", "sk-langchain");
}

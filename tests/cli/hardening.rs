//! What an adversarial pass broke (issue 21, part B): secrets in logs, escape sequences from a
//! hostile endpoint, unbounded reads and buffers, and a few wrong answers. Each test reproduces
//! one finding.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of, stdout_of};

// --- a hostile endpoint ------------------------------------------------------------------------

/// A tiny HTTP/1.1 server on 127.0.0.1 standing in for a hostile or broken endpoint: every
/// request (its head and declared body read) is handed to `answer` with its path, and the
/// connection is closed after. Lives until the test process ends.
fn hostile_server(answer: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answer = Arc::new(answer);
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(conn.try_clone().unwrap());
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                let len = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse::<usize>().ok())?
                    })
                    .unwrap_or(0);
                let mut body = vec![0; len];
                let _ = reader.read_exact(&mut body);
                let path = head.split(' ').nth(1).unwrap_or("/").to_string();
                answer(&path, &mut conn);
            });
        }
    });
    url
}

fn respond(conn: &mut TcpStream, status: &str, content_type: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(body);
}

/// A body with no declared end that never stops: the client must give up, not buffer it.
fn endless(conn: &mut TcpStream, status: &str, content_type: &str, start: &[u8]) {
    let head =
        format!("HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\nconnection: close\r\n\r\n");
    let _ = conn.write_all(head.as_bytes());
    let _ = conn.write_all(start);
    let chunk = vec![b'x'; 64 * 1024];
    while conn.write_all(&chunk).is_ok() {}
}

/// The test environment with every endpoint on `url`.
fn at(env: &TestEnv, url: &str) -> assert_cmd::Command {
    let mut c = env.cmd();
    c.env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", url)
        .env("AWS_ENDPOINT_URL_BEDROCK", url)
        .env("AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME", url);
    c
}

const OSC52: &str = "\x1b]52;c;cm0gLXJmIH4=\x07";

fn hostile_catalog() -> String {
    let models = json!({"modelSummaries": [{
        "modelId": format!("evil{OSC52}.model-v1:0"),
        "modelName": "clear\x1b[2J",
        "providerName": "Evil\x1b]0;pwned\x07\u{9b}2J\u{202e}txt.exe",
        "inputModalities": ["TEXT"],
        "outputModalities": ["TEXT"],
        "inferenceTypesSupported": ["ON_DEMAND"],
    }]})
    .to_string();
    let profiles = json!({"inferenceProfileSummaries": [{
        "inferenceProfileId": format!("us.evil{OSC52}"),
        "inferenceProfileName": "name\x1b[2J",
        "type": "SYSTEM_DEFINED",
        "status": "ACTIVE\x1b]0;pwned\x07",
        "models": [],
    }]})
    .to_string();
    let details = json!({"modelDetails": {
        "modelId": format!("evil{OSC52}"),
        "providerName": "Evil\x1b]0;pwned\x07",
    }})
    .to_string();
    hostile_server(move |path, conn| {
        let body = if path.starts_with("/inference-profiles") {
            &profiles
        } else if path.starts_with("/foundation-models/") {
            &details
        } else {
            &models
        };
        respond(conn, "200 OK", "application/json", body.as_bytes());
    })
}

/// Runs `args` with stdout and stderr on a terminal (a pty) and returns all it printed.
fn on_a_terminal(env: &TestEnv, url: &str, args: &[&str]) -> String {
    use expectrl::{Expect, Session};
    let mut cmd = env.std_cmd();
    cmd.args(args)
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", url)
        .env("AWS_ENDPOINT_URL_BEDROCK", url)
        .env("AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME", url)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    let found = p.expect(expectrl::Eof).expect("brock exits");
    let mut all = found.before().to_vec();
    for m in found.matches() {
        all.extend_from_slice(m);
    }
    String::from_utf8_lossy(&all).into_owned()
}

// --- secrets -----------------------------------------------------------------------------------

/// Configured headers (a proxy's credentials, a cookie, an API key) were printed in clear by
/// `-vv` and `config show`; only headers known to be harmless are, now.
#[test]
fn configured_header_values_are_redacted_everywhere() {
    let env = TestEnv::new();
    env.write_config(
        "[default.headers]\n\
         Proxy-Authorization = \"Basic cHJveHlzZWNyZXQ=\"\n\
         Cookie = \"session=cookiesecret42\"\n\
         X-Apikey = \"apikeysecret42\"\n\
         anthropic-beta = \"interleaved-thinking-2025-05-14\"\n",
    );
    let secrets = ["cHJveHlzZWNyZXQ=", "cookiesecret42", "apikeysecret42"];
    for args in [
        vec!["-vv", "chat", "hi"],
        vec!["config", "show"],
        vec!["--output", "json", "config", "show"],
        vec!["-vv", "raw", "-i", "GET", "/foundation-models"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        let text = format!("{}{}", stdout_of(&out), stderr_of(&out));
        for s in secrets {
            assert!(!text.contains(s), "{args:?} printed {s}: {text}");
        }
        // Harmless headers stay readable.
        assert!(
            text.contains("interleaved-thinking-2025-05-14"),
            "{args:?}: {text}"
        );
        if args[0] == "-vv" {
            assert!(
                text.to_ascii_lowercase()
                    .contains("proxy-authorization: <redacted"),
                "{text}"
            );
            assert!(text.contains("content-type: application/json"), "{text}");
        }
    }
}

/// `user:pass@` in an endpoint URL was shown by `-v`, errors, `--dry-run` and `config show`
/// and sent in the Host header; it is refused, wherever it comes from, without echoing it.
#[test]
fn endpoint_urls_with_a_password_are_refused() {
    let env = TestEnv::new();
    let url = env.url().replace("http://", "http://admin:hunter2pw@");
    // (arguments, environment, config file)
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>, Option<String>);
    let cases: Vec<Case> = vec![
        (
            vec!["-v", "--endpoint-url", &url, "chat", "--dry-run", "hi"],
            vec![],
            None,
        ),
        (
            vec!["config", "show"],
            vec![("AWS_ENDPOINT_URL", &url)],
            None,
        ),
        (
            vec!["models"],
            vec![("AWS_ENDPOINT_URL_BEDROCK", &url)],
            None,
        ),
        (
            vec!["chat", "hi"],
            vec![],
            Some(format!("[default]\nendpoint_url = \"{url}\"\n")),
        ),
        (
            vec![
                "chat",
                "--dry-run",
                "-m",
                "converse_like/x",
                "--api-base",
                &url,
                "hi",
            ],
            vec![],
            None,
        ),
    ];
    for (args, vars, config) in cases {
        if let Some(c) = &config {
            env.write_config(c);
        }
        // The test environment's service-specific variables would hide the ones under test.
        let out = env
            .cmd()
            .env_remove("AWS_ENDPOINT_URL_BEDROCK_RUNTIME")
            .env_remove("AWS_ENDPOINT_URL_BEDROCK")
            .env_remove("AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME")
            .envs(vars)
            .args(&args)
            .output()
            .unwrap();
        let text = format!("{}{}", stdout_of(&out), stderr_of(&out));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {text}");
        assert!(!text.contains("hunter2pw"), "{args:?} echoed it: {text}");
        assert!(text.contains("user name or password"), "{args:?}: {text}");
        assert_eq!(stderr_of(&out).lines().count(), 1, "{text}");
        if config.is_some() {
            std::fs::remove_file(env.config_path()).unwrap();
        }
    }
}

// --- service strings on a terminal --------------------------------------------------------------

/// Model ids, names and statuses from a hostile endpoint reached the terminal raw (OSC 52
/// clipboard write, OSC 0 title, CSI 2J clear). On a terminal they are shown in caret notation;
/// to a pipe they stay byte-exact.
#[test]
fn service_strings_are_sanitised_on_a_terminal_and_exact_in_a_pipe() {
    let env = TestEnv::new();
    let url = hostile_catalog();
    // JSON escapes C0 controls itself, but not C1 ones or bidi overrides.
    let shown = on_a_terminal(&env, &url, &["--output", "json", "models"]);
    assert!(shown.contains("<U+009B>2J<U+202E>txt.exe"), "{shown:?}");
    let out = at(&env, &url)
        .args(["--output", "json", "models"])
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("\u{9b}2J\u{202e}txt.exe"));
    for args in [
        vec!["models"],
        vec!["models", "--profiles"],
        vec!["models", "show", "evil.model-v1:0"],
    ] {
        let shown = on_a_terminal(&env, &url, &args);
        assert!(!shown.contains('\x1b'), "{args:?}: {shown:?}");
        assert!(!shown.contains('\x07'), "{args:?}: {shown:?}");
        assert!(shown.contains("^[]"), "{args:?}: {shown:?}");

        let out = at(&env, &url).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert!(
            stdout_of(&out).contains(OSC52) || stdout_of(&out).contains("\x1b]0;pwned\x07"),
            "{args:?}: a pipe gets the bytes as they came: {:?}",
            stdout_of(&out)
        );
    }
}

// --- bounded memory: hostile responses --------------------------------------------------------

/// An event-stream prelude with a valid checksum declaring a 2 GB frame, then endless bytes:
/// the frame was buffered without limit. The declared length is refused at the prelude.
#[test]
fn a_huge_event_stream_frame_is_refused_at_its_prelude() {
    let env = TestEnv::new();
    let url = hostile_server(|_, conn| {
        let mut prelude = Vec::new();
        prelude.extend_from_slice(&0x7fff_fff0u32.to_be_bytes());
        prelude.extend_from_slice(&0u32.to_be_bytes());
        let crc = crc32fast::hash(&prelude);
        prelude.extend_from_slice(&crc.to_be_bytes());
        endless(
            conn,
            "200 OK",
            "application/vnd.amazon.eventstream",
            &prelude,
        );
    });
    let out = at(&env, &url).args(["chat", "hi"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("declares 2147483632 bytes"), "{err}");
    assert!(err.contains("the limit is 24 MiB"), "{err}");
}

/// A prelude whose checksum is wrong was believed (its length buffered) until the whole frame
/// had arrived; it is refused as soon as its 12 bytes are in.
#[test]
fn a_bad_prelude_checksum_is_refused_before_buffering() {
    let env = TestEnv::new();
    let url = hostile_server(|_, conn| {
        let mut prelude = Vec::new();
        prelude.extend_from_slice(&(10u32 << 20).to_be_bytes());
        prelude.extend_from_slice(&0u32.to_be_bytes());
        prelude.extend_from_slice(&0xdead_beefu32.to_be_bytes());
        endless(
            conn,
            "200 OK",
            "application/vnd.amazon.eventstream",
            &prelude,
        );
    });
    let out = at(&env, &url).args(["chat", "hi"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("prelude checksum does not match"),
        "{}",
        stderr_of(&out)
    );
}

/// Response and error bodies were read whole whatever their size: a declared 10 GB body, and an
/// error body that never ends, are refused at their caps.
#[test]
fn response_and_error_bodies_are_capped() {
    let env = TestEnv::new();
    let url = hostile_server(|path, conn| {
        if path.starts_with("/foundation-models") {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10000000000\r\nconnection: close\r\n\r\n";
            let _ = conn.write_all(head.as_bytes());
            let chunk = vec![b' '; 64 * 1024];
            while conn.write_all(&chunk).is_ok() {}
        } else {
            endless(conn, "500 Internal Server Error", "application/json", b"{");
        }
    });
    let out = at(&env, &url)
        .args(["--max-attempts", "1", "models", "show", "amazon.m-v1:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("larger than 256 MiB"),
        "{}",
        stderr_of(&out)
    );
    let out = at(&env, &url)
        .args(["--max-attempts", "1", "models", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("larger than 1 MiB"),
        "{}",
        stderr_of(&out)
    );
}

/// The emulator buffered an unauthenticated 1.5 GB body before answering 403; a declared body
/// past the runtime's limit is refused before a byte of it is read.
#[test]
fn the_emulator_refuses_oversized_request_bodies() {
    let env = TestEnv::new();
    let addr = env.url().trim_start_matches("http://").to_string();
    let mut conn = TcpStream::connect(&addr).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        conn,
        "POST /model/amazon.nova-lite-v1:0/converse HTTP/1.1\r\nhost: {addr}\r\n\
         content-type: application/json\r\ncontent-length: 1500000000\r\n\r\n{{"
    )
    .unwrap();
    let mut status = String::new();
    BufReader::new(conn).read_line(&mut status).unwrap();
    assert!(status.starts_with("HTTP/1.1 413"), "{status:?}");
}

// --- bounded memory: inputs --------------------------------------------------------------------

/// Every whole input was read to its end (`/dev/zero` grew to 4 GB); each stops at its cap now,
/// with a message naming the cap and, where there is one, how to raise it.
#[test]
fn unbounded_inputs_stop_at_their_caps() {
    let env = TestEnv::new();
    let zero = "/dev/zero";
    let stdin_cases: Vec<Vec<&str>> = vec![
        vec!["chat"],
        vec!["raw", "POST", "/model/amazon.nova-lite-v1:0/converse"],
        vec!["agent", "retrieve", "KB12345678"],
        vec!["embed"],
        vec!["rerank", "--query", "q"],
    ];
    for args in stdin_cases {
        let out = env
            .std_cmd()
            .env("BROCK_MAX_INPUT_MB", "1")
            .args(&args)
            .stdin(std::fs::File::open(zero).unwrap())
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("larger than 1 MiB; set BROCK_MAX_INPUT_MB")
                || err.contains("line 1 is longer than 4 MiB"),
            "{args:?}: {err}"
        );
    }
    let big = env.write_file("big.json", vec![b' '; 2 * 1024 * 1024]);
    let big = big.to_str().unwrap();
    let at_big = format!("@{big}");
    let file_cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--config", zero, "models"], "larger than 1 MiB"),
        (vec!["chat", "--tools", zero, "hi"], "larger than 1 MiB"),
        (
            vec!["chat", "--json-schema", zero, "hi"],
            "larger than 1 MiB",
        ),
        (
            vec!["chat", "--input-format", "openai", "--input-file", zero],
            "larger than 1 MiB",
        ),
        (vec!["raw", "-d", "@/dev/zero", "/x"], "larger than 1 MiB"),
        (vec!["raw", "-d", &at_big, "/x"], "larger than 1 MiB"),
        (vec!["embed", "-f", zero], "line 1 is longer than 4 MiB"),
        (vec!["embed", "--image", zero, "hi"], "larger than 1 MiB"),
        (
            vec!["image", "--task", "background-removal", "-i", zero],
            "larger than 1 MiB",
        ),
    ];
    for (args, needle) in file_cases {
        let out = env
            .cmd()
            .env("BROCK_MAX_INPUT_MB", "1")
            .args(&args)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
}

/// Converse takes at most 20 images and 5 documents per message; more were sent and refused by
/// the service. They are refused before sending.
#[test]
fn attachment_counts_follow_the_converse_limits() {
    let env = TestEnv::new();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.resize(64, 0);
    let mut args: Vec<String> = vec!["chat".into(), "--dry-run".into()];
    for i in 0..21 {
        let p = env.write_file(&format!("img{i}.png"), &png);
        args.extend(["-a".into(), p.display().to_string()]);
    }
    args.push("describe".into());
    let out = env.cmd().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("21 images in one message; Bedrock accepts at most 20"),
        "{}",
        stderr_of(&out)
    );
    // Twenty is fine.
    let out = env
        .cmd()
        .args(&args[..args.len() - 3])
        .arg("describe")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));

    let mut args: Vec<String> = vec!["chat".into(), "--dry-run".into()];
    for i in 0..6 {
        let p = env.write_file(&format!("doc{i}.txt"), format!("document {i}"));
        args.extend(["-a".into(), p.display().to_string()]);
    }
    args.push("summarise".into());
    let out = env.cmd().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("6 documents in one message; Bedrock accepts at most 5"),
        "{}",
        stderr_of(&out)
    );
}

// --- raw ---------------------------------------------------------------------------------------

/// `raw GET` read piped stdin as a body, so `while read id; do brock raw GET …; done < ids` lost
/// every line after the first; a GET leaves stdin alone.
#[test]
fn raw_get_leaves_stdin_to_the_loop() {
    let env = TestEnv::new();
    let cmd = env.std_cmd();
    let brock = cmd.get_program().to_owned();
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg(
            "n=0; while read id; do \"$0\" raw GET /foundation-models > /dev/null || exit 9; \
             n=$((n+1)); done; echo $n",
        )
        .arg(&brock)
        .env_clear()
        .envs(cmd.get_envs().filter_map(|(k, v)| Some((k, v?))))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(b"a\nb\nc\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "3");
}

/// A query with spaces was refused although paths are encoded; a 100 KB query was echoed whole
/// in the error.
#[test]
fn raw_queries_are_encoded_and_long_ones_not_echoed() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["raw", "GET", "/foundation-models?byProvider=Amazon Labs"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice::<Value>(&out.stdout).expect("the listing");

    let long = format!("foundation-models?q={}", "x".repeat(100_000));
    let out = env.cmd().args(["raw", "GET", &long]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).len() < 1000, "{}", stderr_of(&out));
    let long = format!("/foundation-models?q={}", "y".repeat(100_000));
    let out = env.cmd().args(["raw", "GET", &long]).output().unwrap();
    assert!(stderr_of(&out).len() < 2000, "{}", stderr_of(&out));
}

// --- embed and --param ---------------------------------------------------------------------------

/// A UTF-8 byte-order mark made the first JSONL line "not a JSON object".
#[test]
fn embed_field_input_may_start_with_a_bom() {
    let env = TestEnv::new();
    let f = env.write_file(
        "in.jsonl",
        "\u{feff}{\"id\":1,\"text\":\"hi\"}\r\n{\"id\":2,\"text\":\"yo\"}\n",
    );
    let out = env
        .cmd()
        .args(["embed", "--field", "text", "-f", f.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let lines: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
}

/// `--param a.b=1 --param a=2` silently dropped `a.b`; the conflict is refused (objects merge).
#[test]
fn conflicting_params_are_refused() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "chat",
            "--dry-run",
            "--param",
            "a.b=1",
            "--param",
            "a=2",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("a.b set by an earlier --param"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--dry-run",
            "--param",
            "a.b=1",
            "--param",
            r#"a={"c":2}"#,
            "hi",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["body"]["additionalModelRequestFields"]["a"],
        json!({"b": 1, "c": 2}),
        "{doc}"
    );
}

/// `embed --output json` stopped by an error left `[` unclosed.
#[test]
fn embed_json_array_is_closed_when_a_call_fails() {
    let env = TestEnv::new();
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"access-denied\"\n");
    let out = env
        .cmd()
        .args(["--output", "json", "embed", "a", "b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v, json!([]));
}

/// SIGTERM killed `embed --output json` with the array open and no resume hint (SIGINT gave
/// one); both end the run alike now.
#[test]
fn embed_sigterm_closes_the_array_and_says_where_to_resume() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        latency: Duration::from_millis(20),
        ..Default::default()
    });
    let text: String = (0..300).map(|i| format!("line {i}\n")).collect();
    let input = env.write_file("in.txt", text);
    let mut child = env
        .std_cmd()
        .args(["--output", "json", "embed", "--concurrency", "1", "-f"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    while !seen.contains("\"index\":1") {
        let mut line = String::new();
        assert!(
            stdout.read_line(&mut line).unwrap() > 0,
            "output ended: {seen}"
        );
        seen.push_str(&line);
    }
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{err}");
    let all = seen + &rest;
    let v: Value = serde_json::from_str(&all).unwrap_or_else(|e| panic!("{e}: {all}"));
    let n = v.as_array().unwrap().len();
    assert!((2..300).contains(&n), "{n}");
    assert!(err.contains(&format!("resume with --skip {n}")), "{err}");
}

/// A service error message is one line: a hostile endpoint's 100 KB message was printed whole.
#[test]
fn long_service_error_messages_are_clipped() {
    let env = TestEnv::new();
    let url = hostile_server(|_, conn| {
        let body = json!({"message": "m".repeat(100_000)}).to_string();
        respond(conn, "400 Bad Request", "application/json", body.as_bytes());
    });
    let out = at(&env, &url).args(["models"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("(96000 more characters)"), "{}", &err[..200]);
    assert!(err.len() < 5000, "{} bytes", err.len());
}

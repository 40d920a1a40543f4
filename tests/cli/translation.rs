//! Issue 18 translation gaps: native structured output, server-side tools, converse_like proxies,
//! legacy invoke bodies, Anthropic built-in tools, per-profile body settings, attachments by URL.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

/// A plain OpenAI-style schema (no `additionalProperties`) on a model with native structured
/// output: brock closes every object, so the strict emulator accepts it.
#[test]
fn plain_json_schema_on_a_native_model_succeeds() {
    let env = TestEnv::new();
    let schema = env.write_file(
        "schema.json",
        r#"{"type":"object","properties":{"city":{"type":"string"},"where":{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}},"required":["city","where"]}"#,
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--model",
            "zai.glm-4.7-flash",
            "--json-schema",
            schema.to_str().unwrap(),
            "largest city in France",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_str(stdout_of(&out).trim()).unwrap();
    assert!(
        v["city"].is_string() && v["where"]["country"].is_string(),
        "{v}"
    );
}

/// The emulator refuses an open object schema the way Bedrock does.
#[test]
fn emulator_refuses_an_open_object_schema() {
    let env = TestEnv::new();
    let schema = r#"{"type":"object","properties":{"a":{"type":"object","properties":{}}},"additionalProperties":false}"#;
    let body = serde_json::json!({
        "messages": [{"role": "user", "content": [{"text": "hi"}]}],
        "outputConfig": {"textFormat": {"type": "json_schema", "structure": {"jsonSchema": {"schema": schema, "name": "x"}}}}
    });
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/zai.glm-4.7-flash/converse",
            "-d",
            &body.to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("'additionalProperties' must be explicitly set to false"),
        "{}",
        stderr_of(&out)
    );
}

fn ok_json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", stderr_of(out));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout_of(out)))
}

const CODE_TOOL: &str = r#"[{"systemTool": {"name": "nova_code_interpreter"}}]"#;

/// Nova's code interpreter runs on Bedrock: brock shows the call and its result on stderr
/// (stdout keeps the answer) and keeps both in `server_tool_calls` in JSON and ndjson.
#[test]
fn server_tool_use_is_shown_and_kept() {
    let env = TestEnv::new();
    let tools = env.write_file("tools.json", CODE_TOOL);
    let base = [
        "chat",
        "-m",
        "us.amazon.nova-2-lite-v1:0",
        "--tools",
        tools.to_str().unwrap(),
    ];
    for extra in [&[][..], &["--no-stream"][..]] {
        let out = env
            .cmd()
            .args(base)
            .args(extra)
            .arg("what is 6 * 7")
            .output()
            .unwrap();
        assert!(out.status.success(), "{extra:?}: {}", stderr_of(&out));
        let (so, se) = (stdout_of(&out), stderr_of(&out));
        assert!(so.contains("You said: what is 6 * 7"), "{extra:?}: {so}");
        assert!(!so.contains("nova_code_interpreter"), "{extra:?}: {so}");
        assert!(
            se.contains(r#"server tool nova_code_interpreter: {"snippet":"what is 6 * 7"}"#),
            "{extra:?}: {se}"
        );
        assert!(
            se.contains(r#"server tool result (success): {"#) && se.contains("ran 13 characters"),
            "{extra:?}: {se}"
        );
    }
    for extra in [&[][..], &["--no-stream"][..]] {
        let out = env
            .cmd()
            .args(base)
            .args(extra)
            .args(["--output", "json", "what is 6 * 7"])
            .output()
            .unwrap();
        let doc = ok_json(&out);
        let calls = &doc["choices"][0]["message"]["server_tool_calls"];
        assert_eq!(calls[0]["name"], "nova_code_interpreter", "{doc}");
        assert_eq!(calls[0]["input"]["snippet"], "what is 6 * 7");
        assert_eq!(calls[0]["result"]["status"], "success");
        assert_eq!(calls[0]["result"]["type"], "nova_code_interpreter_result");
        assert!(
            calls[0]["result"]["content"][0]["json"]["stdOut"]
                .as_str()
                .unwrap()
                .contains("ran 13"),
            "{doc}"
        );
        assert!(doc["choices"][0]["message"].get("tool_calls").is_none());
    }
    let out = env
        .cmd()
        .args(base)
        .args(["--output", "ndjson", "what is 6 * 7"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let halves: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter_map(|c| {
            c["choices"][0]["delta"]["server_tool_calls"]
                .get(0)
                .cloned()
        })
        .collect();
    assert_eq!(halves.len(), 2, "{}", stdout_of(&out));
    assert_eq!(halves[0]["name"], "nova_code_interpreter");
    assert_eq!(halves[0]["id"], halves[1]["id"]);
    assert_eq!(halves[1]["result"]["status"], "success");
}

const BUILTINS: &str = r#"[
  {"type": "bash_20250124", "name": "bash"},
  {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool", "max_characters": 10000},
  {"type": "function", "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}}}
]"#;

/// Anthropic's built-in tools go through unchanged (as LiteLLM sends them to Converse: in
/// additionalModelRequestFields.tools) with the beta they need.
#[test]
fn anthropic_builtin_tools_pass_through_with_their_beta() {
    let env = TestEnv::new();
    let tools = env.write_file("tools.json", BUILTINS);
    let t = tools.to_str().unwrap();
    let doc = ok_json(
        &env.cmd()
            .args(["chat", "--dry-run", "-m", "sonnet", "--tools", t, "q"])
            .output()
            .unwrap(),
    );
    let fields = &doc["body"]["additionalModelRequestFields"];
    assert_eq!(
        fields["tools"],
        serde_json::json!([
            {"type": "bash_20250124", "name": "bash"},
            {"type": "text_editor_20250728", "name": "str_replace_based_edit_tool", "max_characters": 10000}
        ]),
        "{doc}"
    );
    assert_eq!(
        fields["anthropic_beta"],
        serde_json::json!(["computer-use-2025-01-24"])
    );
    let specs = doc["body"]["toolConfig"]["tools"].as_array().unwrap();
    assert_eq!(specs.len(), 1, "{doc}");
    assert_eq!(specs[0]["toolSpec"]["name"], "lookup");

    // The invoke route: one tools list, defined and built-in together.
    let doc = ok_json(
        &env.cmd()
            .args([
                "chat",
                "--dry-run",
                "--route",
                "invoke",
                "-m",
                "sonnet",
                "--tools",
                t,
                "q",
            ])
            .output()
            .unwrap(),
    );
    let names: Vec<&str> = doc["body"]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["lookup", "bash", "str_replace_based_edit_tool"],
        "{doc}"
    );
    assert_eq!(
        doc["body"]["tools"][1],
        serde_json::json!({"type": "bash_20250124", "name": "bash"})
    );
    assert_eq!(
        doc["body"]["anthropic_beta"],
        serde_json::json!(["computer-use-2025-01-24"])
    );

    // OpenAI input carries them in `tools` the same way.
    let openai = serde_json::json!({
        "model": "sonnet",
        "messages": [{"role": "user", "content": "q"}],
        "tools": [{"type": "computer_20250124", "name": "computer", "display_width_px": 1024, "display_height_px": 768}]
    });
    let doc = ok_json(
        &env.cmd()
            .args(["chat", "--dry-run", "--input-format", "openai"])
            .write_stdin(openai.to_string())
            .output()
            .unwrap(),
    );
    let fields = &doc["body"]["additionalModelRequestFields"];
    assert_eq!(fields["tools"][0]["display_width_px"], 1024, "{doc}");
    assert_eq!(
        fields["anthropic_beta"],
        serde_json::json!(["computer-use-2025-01-24"])
    );

    // They are Claude's: another model is refused before anything is sent.
    let out = env
        .cmd()
        .args(["chat", "-m", "nova-lite", "--tools", t, "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("'bash_20250124' is Anthropic's built-in tool"));
    assert_eq!(stderr_of(&out).trim_end().lines().count(), 1);
}

/// Execution stays with the user's runner: a built-in `bash` call runs `[tools.bash]`.
#[test]
fn builtin_bash_runs_the_configured_command() {
    let env = TestEnv::new();
    env.write_config(
        "[tools.bash]\ndescription = \"a shell\"\ncommand = [\"/bin/sh\", \"-c\", \"cat >/dev/null; echo ran-by-runner\"]\n",
    );
    let tools = env.write_file(
        "tools.json",
        r#"[{"type": "bash_20250124", "name": "bash"}]"#,
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--route",
            "invoke",
            "-m",
            "sonnet",
            "--tools",
            tools.to_str().unwrap(),
            "--run-tools",
            "--yes",
            "please use bash",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("ran-by-runner"),
        "{}",
        stdout_of(&out)
    );
}

/// anthropic_beta, top_k and params live in config profiles like every other setting, with
/// BROCK_* variables; flags add (--anthropic-beta) or replace (--top-k, --param of the same
/// KEY).
#[test]
fn profile_carries_betas_top_k_and_params() {
    let env = TestEnv::new();
    env.write_config(
        r#"
[default]
anthropic_beta = ["a-beta"]
top_k = 7
params = { "foo.bar" = 1, keep = "x" }

[profiles.p]
top_k = 9
"#,
    );
    let body = |envs: &[(&str, &str)], args: &[&str]| -> Value {
        let out = env
            .cmd()
            .envs(envs.iter().copied())
            .args(["chat", "--dry-run", "-m", "sonnet"])
            .args(args)
            .arg("q")
            .output()
            .unwrap();
        ok_json(&out)["body"]["additionalModelRequestFields"].clone()
    };
    let f = body(&[], &[]);
    assert_eq!(f["anthropic_beta"], serde_json::json!(["a-beta"]), "{f}");
    assert_eq!(f["top_k"], 7, "{f}");
    assert_eq!(f["foo"]["bar"], 1, "{f}");
    assert_eq!(f["keep"], "x", "{f}");

    assert_eq!(body(&[], &["--profile", "p"])["top_k"], 9);
    assert_eq!(body(&[("BROCK_PROFILE", "p")], &[])["top_k"], 9);

    let f = body(
        &[
            ("BROCK_TOP_K", "11"),
            ("BROCK_ANTHROPIC_BETA", "b1, b2"),
            ("BROCK_PARAMS", r#"{"keep": "env"}"#),
        ],
        &[],
    );
    assert_eq!(f["top_k"], 11, "{f}");
    assert_eq!(f["anthropic_beta"], serde_json::json!(["b1", "b2"]), "{f}");
    assert_eq!(f["keep"], "env", "{f}");
    assert_eq!(f["foo"]["bar"], 1, "{f}");

    let f = body(
        &[],
        &[
            "--top-k",
            "3",
            "--param",
            r#"keep="flag""#,
            "--anthropic-beta",
            "z",
            "--anthropic-beta",
            "a-beta",
        ],
    );
    assert_eq!(f["top_k"], 3, "{f}");
    assert_eq!(f["keep"], "flag", "{f}");
    assert_eq!(f["foo"]["bar"], 1, "{f}");
    assert_eq!(
        f["anthropic_beta"],
        serde_json::json!(["a-beta", "z"]),
        "{f}"
    );

    let out = env
        .cmd()
        .env("BROCK_TOP_K", "11")
        .args(["--output", "json", "config", "show"])
        .output()
        .unwrap();
    let doc = ok_json(&out);
    let s = &doc["settings"];
    assert_eq!(s["top_k"]["value"], "11", "{doc}");
    assert!(
        s["top_k"]["source"].to_string().contains("BROCK_TOP_K"),
        "{doc}"
    );
    assert_eq!(s["params.keep"]["value"], r#""x""#, "{doc}");
    assert!(
        s["anthropic_beta"]["source"]
            .to_string()
            .contains("default"),
        "{doc}"
    );

    // A bad value names the key and where it came from.
    let out = env
        .cmd()
        .env("BROCK_PARAMS", "top_k=3")
        .args(["chat", "--dry-run", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("BROCK_PARAMS"),
        "{}",
        stderr_of(&out)
    );
}

/// A 1x1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

/// A loopback HTTP server for attachment URLs: /cat.png (an image), /big.png (claims 50 MB),
/// /data.json (not attachable). Serves until the test process ends.
fn file_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).to_string();
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let (ctype, body, len): (&str, &[u8], usize) = match path.as_str() {
                "/cat.png" => ("image/png", PNG, PNG.len()),
                "/big.png" => ("image/png", PNG, 50 * 1024 * 1024),
                "/data.json" => ("application/json", b"{}", 2),
                _ => ("text/plain", b"", 0),
            };
            let status = if path == "/missing.png" {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
            );
            let _ = s.write_all(head.as_bytes());
            let _ = s.write_all(body);
        }
    });
    format!("http://{addr}")
}

const ALLOW_PRIVATE: &str = "[default.fetch]\nallow_private_addresses = true\n";

/// Images by URL in --attach and OpenAI image_url are fetched (with the config switch for a
/// loopback server) and sent inline.
#[test]
fn attachments_by_url_are_fetched() {
    let env = TestEnv::new();
    env.write_config(ALLOW_PRIVATE);
    let base = file_server();
    let url = format!("{base}/cat.png");
    let out = env
        .cmd()
        .args(["chat", "--attach", &url, "what is this"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("[attachments: 1 image]"),
        "{}",
        stdout_of(&out)
    );

    let doc = ok_json(
        &env.cmd()
            .args(["chat", "--dry-run", "--attach", &url, "q"])
            .output()
            .unwrap(),
    );
    let img = &doc["body"]["messages"][0]["content"][0]["image"];
    assert_eq!(img["format"], "png", "{doc}");

    let openai = serde_json::json!({
        "model": "nova-lite",
        "messages": [{"role": "user", "content": [
            {"type": "text", "text": "q"},
            {"type": "image_url", "image_url": {"url": url}}
        ]}]
    });
    let doc = ok_json(
        &env.cmd()
            .args(["chat", "--dry-run", "--input-format", "openai"])
            .write_stdin(openai.to_string())
            .output()
            .unwrap(),
    );
    let s = doc["body"]["messages"][0]["content"].to_string();
    assert!(s.contains("\"image\"") && s.contains("png"), "{doc}");
}

/// Without the switch, loopback and private addresses are refused before connecting; limits
/// and content types are enforced; every message names the URL.
#[test]
fn attachment_urls_are_limited() {
    let env = TestEnv::new();
    let base = file_server();
    let refused = |env: &TestEnv, url: &str, want: &str| {
        let out = env
            .cmd()
            .args(["chat", "--attach", url, "q"])
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{url}: {err}");
        assert!(err.contains(want), "{url}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(stdout_of(&out).is_empty());
    };
    refused(
        &env,
        "https://127.0.0.1:9/cat.png?sig=secret",
        "https://127.0.0.1:9/cat.png resolves to the non-public address 127.0.0.1",
    );
    refused(&env, "https://[::1]:9/x.png", "non-public address ::1");
    refused(
        &env,
        "https://169.254.169.254/latest",
        "fetch.allow_private_addresses",
    );
    refused(
        &env,
        &format!("{base}/cat.png"),
        "only https:// URLs are fetched",
    );

    env.write_config(ALLOW_PRIVATE);
    refused(
        &env,
        &format!("{base}/big.png"),
        &format!("{base}/big.png is larger than the 5 MB limit"),
    );
    refused(
        &env,
        &format!("{base}/data.json"),
        "not an attachable file (Content-Type: application/json)",
    );
    refused(&env, &format!("{base}/missing.png"), "HTTP 404");
    let long = format!("https://127.0.0.2/{}.png", "a".repeat(300));
    let out = env
        .cmd()
        .env_remove("BROCK_FETCH_ALLOW_PRIVATE_ADDRESSES")
        .args(["--profile", "default", "chat", "--attach", &long, "q"])
        .output()
        .unwrap();
    assert!(stderr_of(&out).len() < 400, "{}", stderr_of(&out));
}

/// Llama 2 Chat on the invoke route gets its own chat template (not Llama 3's), and the
/// emulator answers it.
#[test]
fn llama2_gets_the_llama2_template() {
    let env = TestEnv::new();
    let args = [
        "chat",
        "--route",
        "invoke",
        "-m",
        "meta.llama2-13b-chat-v1",
        "--system",
        "Be brief.",
        "hello llama",
    ];
    let doc = ok_json(&env.cmd().args(args).arg("--dry-run").output().unwrap());
    assert_eq!(
        doc["body"]["prompt"], "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nhello llama [/INST]",
        "{doc}"
    );
    let out = env.cmd().args(args).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("You said: hello llama"),
        "{}",
        stdout_of(&out)
    );
}

/// Cohere Command (text) v14 on the invoke route sends the generate body (not Command R's
/// chat body) and reads `generations[].text`, streamed or whole.
#[test]
fn cohere_command_text_gets_its_own_body() {
    let env = TestEnv::new();
    let args = [
        "chat",
        "--route",
        "invoke",
        "-m",
        "cohere.command-text-v14",
        "--max-tokens",
        "50",
        "hello cohere",
    ];
    let doc = ok_json(&env.cmd().args(args).arg("--dry-run").output().unwrap());
    assert_eq!(
        doc["body"],
        serde_json::json!({"prompt": "hello cohere", "max_tokens": 50, "stream": true}),
        "{doc}"
    );
    assert_eq!(doc["operation"], "InvokeModelWithResponseStream", "{doc}");
    for extra in [&[][..], &["--no-stream"][..]] {
        let out = env.cmd().args(args).args(extra).output().unwrap();
        assert!(out.status.success(), "{extra:?}: {}", stderr_of(&out));
        assert!(
            stdout_of(&out).contains("You said: hello cohere"),
            "{extra:?}: {}",
            stdout_of(&out)
        );
    }
}

/// Jurassic-2 gets its own body and answer; it cannot stream, which is said before sending.
#[test]
fn jurassic2_gets_its_own_body() {
    let env = TestEnv::new();
    let args = [
        "chat",
        "--route",
        "invoke",
        "-m",
        "ai21.j2-mid-v1",
        "hello j2",
    ];
    let out = env.cmd().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("--no-stream"),
        "{}",
        stderr_of(&out)
    );
    let doc = ok_json(
        &env.cmd()
            .args(args)
            .args(["--no-stream", "--dry-run"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        doc["body"],
        serde_json::json!({"prompt": "hello j2"}),
        "{doc}"
    );
    let out = env.cmd().args(args).arg("--no-stream").output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("You said: hello j2"),
        "{}",
        stdout_of(&out)
    );
}

//! Sessions and tool execution without a terminal: `chat --session NAME` continues a saved
//! conversation (reasoning signatures and tool results included, which the emulator checks),
//! and `chat --run-tools` runs configured tools.

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of, stdout_of};

pub fn weather_config(env: &TestEnv) -> String {
    let script = env.write_file(
        "weather.sh",
        "#!/bin/sh\ncat > \"$0.input\"\necho '{\"forecast\":\"sunny\"}'\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    format!(
        r#"
[tools.weather]
description = "The weather forecast for a city"
parameters = {{ type = "object", properties = {{ city = {{ type = "string" }} }}, required = ["city"] }}
command = ["{}"]
"#,
        script.display()
    )
}

fn session_file(env: &TestEnv, name: &str) -> Value {
    let p = env.data_dir().join("sessions").join(format!("{name}.json"));
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn session_continues_with_reasoning_signatures() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "chat",
            "--session",
            "work",
            "-m",
            "sonnet",
            "--reasoning",
            "low",
            "--max-tokens",
            "4000",
            "first question",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = session_file(&env, "work");
    assert_eq!(s["version"], 1);
    assert_eq!(s["name"], "work");
    assert_eq!(s["model"], "us.anthropic.claude-sonnet-4-6");
    assert_eq!(s["settings"]["reasoning"], "low");
    let msgs = s["conversation"]["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 2);
    assert_eq!(msgs[1]["content"][0]["type"], "reasoning");
    assert!(
        msgs[1]["content"][0]["signature"]
            .as_str()
            .is_some_and(|s| !s.is_empty())
    );
    assert_eq!(s["usage"]["requests"], 1);

    // The model, reasoning and history come from the session: the emulator refuses the second
    // request if the signature did not come back exactly.
    let out = env
        .cmd()
        .args(["chat", "--session", "work", "second question"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("(us.anthropic.claude-sonnet-4-6). You said: second question")
    );
    let s = session_file(&env, "work");
    assert_eq!(s["conversation"]["messages"].as_array().unwrap().len(), 4);
    assert_eq!(s["usage"]["requests"], 2);

    // Files are private.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let dir = env.data_dir().join("sessions");
        assert_eq!(
            std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
        let f = dir.join("work.json");
        assert_eq!(
            std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn run_tools_with_yes_runs_the_command_and_continues() {
    let env = TestEnv::new();
    env.write_config(&weather_config(&env));
    let out = env
        .cmd()
        .args([
            "chat",
            "--run-tools",
            "--yes",
            "--session",
            "t",
            "what does the weather tool say for Paris?",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("The tool returned: {\"forecast\":\"sunny\"}"),
        "{}",
        stdout_of(&out)
    );
    // The arguments reached the tool as JSON on stdin.
    let input = std::fs::read_to_string(env.home.path().join("weather.sh.input")).unwrap();
    let input: Value = serde_json::from_str(&input).unwrap();
    assert!(input["city"].is_string(), "{input}");
    let s = session_file(&env, "t");
    let msgs = s["conversation"]["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 4, "{msgs:?}");
    assert_eq!(
        msgs[1]["content"].as_array().unwrap().last().unwrap()["type"],
        "tool_use"
    );
    assert_eq!(msgs[2]["content"][0]["type"], "tool_result");
    assert_eq!(msgs[2]["content"][0]["status"], "success");
    assert_eq!(
        msgs[2]["content"][0]["tool_use_id"],
        msgs[1]["content"].as_array().unwrap().last().unwrap()["id"]
    );

    // Continuing without --run-tools: the history's tool blocks still go back valid.
    let out = env
        .cmd()
        .args(["chat", "--session", "t", "thanks"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said: thanks"));
}

#[test]
fn without_a_terminal_or_yes_tools_are_not_run() {
    let env = TestEnv::new();
    env.write_config(&weather_config(&env));
    let out = env
        .cmd()
        .args(["chat", "--run-tools", "call the weather tool"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out)
            .contains("The tool returned: tool weather was not run: there was no terminal to ask for approval and --yes was not given"),
        "{}",
        stdout_of(&out)
    );
    assert!(
        !env.home.path().join("weather.sh.input").exists(),
        "the tool did not run"
    );
}

#[test]
fn tools_without_a_command_and_failing_tools_are_tool_errors() {
    let env = TestEnv::new();
    let fail = env.write_file("fail.sh", "#!/bin/sh\necho 'no such city' >&2\nexit 3\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fail, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    env.write_config(&format!(
        "[tools.lookup]\ndescription = \"Look a city up\"\ncommand = [\"{}\"]\n",
        fail.display()
    ));
    let out = env
        .cmd()
        .args(["chat", "--run-tools", "-y", "use lookup"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out)
            .contains("The tool returned: tool lookup failed (exit status 3): no such city"),
        "{}",
        stdout_of(&out)
    );
    let tools = env.write_file(
        "tools.json",
        json!([{"name": "search", "description": "web search", "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}}}])
            .to_string(),
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--run-tools",
            "-y",
            "--tools",
            tools.to_str().unwrap(),
            "--tool-choice",
            "search",
            "go",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("brock has no command for it"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn an_interrupted_turn_in_a_session_does_not_break_the_next_request() {
    let env = TestEnv::new();
    let session = json!({
        "version": 1,
        "name": "cut",
        "model": "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
        "created": "2026-01-01T00:00:00Z",
        "updated": "2026-01-01T00:00:00Z",
        "conversation": {"messages": [
            {"role": "user", "content": [{"type": "text", "text": "tell me a story"}]},
            {"role": "assistant", "content": [
                {"type": "reasoning", "text": "half a thou"},
                {"type": "text", "text": "Once upon a"},
                {"type": "tool_use", "id": "tooluse_x", "name": "weather", "input": "{\"ci"}
            ]}
        ]},
        "interrupted": [1]
    });
    env.write_file(".local/share/brock/sessions/cut.json", session.to_string());
    let out = env
        .cmd()
        .args(["chat", "--session", "cut", "go on"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said: go on"));
    let s = session_file(&env, "cut");
    // What was saved stays as it was: the partial answer is kept and still marked.
    assert_eq!(s["interrupted"], json!([1]));
    assert_eq!(
        s["conversation"]["messages"][1]["content"][1]["text"],
        "Once upon a"
    );
    assert_eq!(s["conversation"]["messages"].as_array().unwrap().len(), 4);
}

#[test]
fn bad_sessions_and_flags_are_refused() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "--session", "../etc", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("invalid session name"));
    env.write_file(
        ".local/share/brock/sessions/future.json",
        json!({"version": 99, "name": "future"}).to_string(),
    );
    let out = env
        .cmd()
        .args(["chat", "--session", "future", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("format version 99"),
        "{}",
        stderr_of(&out)
    );
    let out = env.cmd().args(["chat", "-i"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("needs a terminal"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn slow_tools_time_out_and_long_output_is_capped() {
    let env = TestEnv::new();
    env.write_config(
        r#"
[tools.slow]
description = "Never finishes"
command = ["/bin/sh", "-c", "sleep 600"]
timeout = 0.3

[tools.chatty]
description = "Prints far too much"
command = ["/bin/sh", "-c", "yes x | head -c 200000"]
"#,
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--run-tools",
            "--yes",
            "--session",
            "s",
            "call slow",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out)
            .contains("The tool returned: tool slow timed out after 0.3 s and was stopped"),
        "{}",
        stdout_of(&out)
    );
    let out = env
        .cmd()
        .args([
            "chat",
            "--run-tools",
            "--yes",
            "--session",
            "c",
            "call chatty",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = session_file(&env, "c");
    let result = &s["conversation"]["messages"][2]["content"][0];
    assert_eq!(result["type"], "tool_result");
    let text = result["content"][0]["text"].as_str().unwrap();
    assert!(
        text.ends_with("\n[output cut at 64 KiB]"),
        "{}",
        &text[text.len() - 40..]
    );
    assert_eq!(text.len(), 64 * 1024 + "\n[output cut at 64 KiB]".len());
}

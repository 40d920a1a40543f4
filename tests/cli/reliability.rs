//! Reliability and security end to end: faults injected by the emulator (throttling, 5xx,
//! refused and reset connections, stalls, broken streams) with their exit codes and the partial
//! output they must keep; sessions surviving failed turns; secrets kept out of every output and
//! file; private file modes; hostile model and tool output on a real terminal; tool approval;
//! and the replay of the fuzzers' seeds and saved crash inputs.

use std::path::{Path, PathBuf};
use std::process::Output;

use brock_emulator::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, EmulatorOptions};

use crate::common::{TestEnv, require_tool, stderr_of, stdout_of};

#[path = "../../fuzz/harness.rs"]
mod fuzz_harness;

fn with_scenario(env: &TestEnv, scenario: &str) {
    env.write_config(&format!(
        "[default.headers]\nx-brock-emulator-scenario = \"{scenario}\"\n"
    ));
}

/// The refusal is one `brock: error:` line, optionally followed by one `hint:` line.
fn assert_one_error_line(out: &Output, what: &str) {
    let err = stderr_of(out);
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| !l.starts_with("brock: ") || l.starts_with("brock: error"))
        .collect();
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("brock: error:"))
            .count(),
        1,
        "{what}: {err}"
    );
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("brock: error:") || l.starts_with("hint: ")),
        "{what}: {err}"
    );
}

/// The `N` of every "retrying in N ms" line of a `-v` log.
fn retry_delays(err: &str) -> Vec<u64> {
    err.lines()
        .filter_map(|l| l.split("retrying in ").nth(1))
        .filter_map(|rest| rest.split(' ').next()?.parse().ok())
        .collect()
}

// --- faults ----------------------------------------------------------------------------------

#[test]
fn throttling_backs_off_within_the_jitter_cap_then_exits_4_with_advice() {
    let env = TestEnv::new();
    with_scenario(&env, "throttle");
    let out = env
        .cmd()
        .args(["-v", "--max-attempts", "4", "chat", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let delays = retry_delays(&err);
    assert_eq!(delays.len(), 3, "3 retries after the first attempt: {err}");
    // Full jitter: random in [0, base × 2^(attempt-1)], base 5 ms in tests.
    for (i, d) in delays.iter().enumerate() {
        assert!(*d <= 5 << i, "retry {} waited {d} ms: {err}", i + 1);
    }
    assert!(err.contains("giving up after 4 attempts"), "{err}");
    assert_eq!(
        env.emulator.requests(),
        4,
        "attempts the emulator saw: {err}"
    );
    assert!(err.contains("ThrottlingException"), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("hint: ")),
        "advice given: {err}"
    );
    assert!(out.stdout.is_empty());

    // The config file's attempt limit is honoured the same way, on the control plane too.
    // (`models --profiles` sends one request; plain `models` sends two at once, whose retry
    // lines interleave.)
    env.write_config(
        "[default.retries]\nmax_attempts = 2\n[default.headers]\nx-brock-emulator-scenario = \"throttle\"\n",
    );
    let out = env
        .cmd()
        .args(["-v", "models", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert_eq!(
        retry_delays(&stderr_of(&out)).len(),
        1,
        "{}",
        stderr_of(&out)
    );
    assert_eq!(env.emulator.requests(), 4 + 2, "{}", stderr_of(&out));
}

#[test]
fn server_errors_are_retried_and_the_answer_printed_once() {
    let env = TestEnv::new();
    with_scenario(&env, "unavailable-then-ok");
    let out = env
        .cmd()
        .args(["-v", "--max-attempts", "3", "chat", "q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        retry_delays(&stderr_of(&out)).len(),
        2,
        "{}",
        stderr_of(&out)
    );
    assert_eq!(
        stdout_of(&out)
            .matches("Hello from the brock emulator")
            .count(),
        1
    );
    assert_eq!(env.emulator.requests(), 3, "{}", stderr_of(&out));

    with_scenario(&env, "internal-error");
    let out = env
        .cmd()
        .args(["-v", "--max-attempts", "3", "chat", "--no-stream", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(
        retry_delays(&stderr_of(&out)).len(),
        2,
        "{}",
        stderr_of(&out)
    );
    assert!(
        stderr_of(&out).contains("InternalServerException"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(env.emulator.requests(), 3 + 3, "{}", stderr_of(&out));
}

#[test]
fn connection_refused_is_retried_then_exit_5() {
    let env = TestEnv::new();
    // A port that was free a moment ago: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let out = env
        .cmd()
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", &url)
        .args(["-v", "--max-attempts", "2", "chat", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert_eq!(
        retry_delays(&stderr_of(&out)).len(),
        1,
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", &url)
        .args(["--max-attempts", "2", "chat", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_one_error_line(&out, "refused");
    assert!(out.stdout.is_empty());
}

#[test]
fn connection_reset_before_any_response_is_retried_then_exit_5() {
    let env = TestEnv::new();
    with_scenario(&env, "reset");
    for (i, args) in [
        vec!["chat", "q"],
        vec!["chat", "--no-stream", "q"],
        // One control-plane request (plain `models` sends two at once).
        vec!["models", "--profiles"],
    ]
    .into_iter()
    .enumerate()
    {
        let out = env
            .cmd()
            .args(["-v", "--max-attempts", "2"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr_of(&out));
        assert_eq!(
            retry_delays(&stderr_of(&out)).len(),
            1,
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(env.emulator.requests(), 2 * (i as u64 + 1), "{args:?}");
    }
}

#[test]
fn reset_mid_stream_keeps_the_partial_answer_and_exits_5() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "-v",
            "chat",
            "--model",
            "emulator.truncated",
            "tell me a story",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    // Exactly the deltas the emulator sent before cutting the connection.
    assert_eq!(
        stdout_of(&out),
        "Hello from the brock emulator (emulator.truncated). \n",
        "partial kept"
    );
    let err = stderr_of(&out);
    assert!(err.contains("connection lost"), "{err}");
    // Output already printed must not be printed again by a retry.
    assert!(retry_delays(&err).is_empty(), "{err}");
    assert_eq!(env.emulator.requests(), 1, "not retried: {err}");

    let out = env
        .cmd()
        .args([
            "raw",
            "/model/emulator.truncated/converse-stream",
            "-d",
            r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("messageStart"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn truncated_json_answer_is_a_clear_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "--no-stream", "--model", "emulator.truncated", "q"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(
        out.stdout.is_empty(),
        "no half answer printed: {}",
        stdout_of(&out)
    );
    assert_one_error_line(&out, "truncated");
    assert!(!stderr_of(&out).contains("panicked"));

    let out = env
        .cmd()
        .args([
            "raw",
            "/model/emulator.truncated/converse",
            "-d",
            r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("panicked"));
}

#[test]
fn a_stall_mid_stream_hits_the_read_timeout_and_keeps_the_partial_answer() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--read-timeout",
            "0.5",
            "chat",
            "--model",
            "emulator.stall",
            "q",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "Hello from the brock emulator (emulator.stall). \n",
        "the deltas sent before the stall"
    );
    assert_eq!(env.emulator.requests(), 1, "not retried after output");
    assert!(
        stderr_of(&out).contains("read timeout"),
        "{}",
        stderr_of(&out)
    );
    assert_one_error_line(&out, "stall");

    for args in [
        vec!["chat", "--no-stream", "--model", "emulator.stall", "q"],
        vec![
            "raw",
            "/model/emulator.stall/converse-stream",
            "-d",
            r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
        ],
    ] {
        let out = env
            .cmd()
            .args(["--read-timeout", "0.5", "--max-attempts", "1"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("read timeout"),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn exceptions_and_corrupt_frames_mid_stream_keep_the_partial_answer() {
    let env = TestEnv::new();
    for (i, (model, code, says)) in [
        ("emulator.stream-error", 1, "ModelStreamErrorException"),
        ("emulator.stream-throttle", 4, "ThrottlingException"),
        ("emulator.malformed-frame", 1, "event-stream frame"),
        ("emulator.crc-mismatch", 1, "event-stream frame"),
    ]
    .into_iter()
    .enumerate()
    {
        let out = env
            .cmd()
            .args(["chat", "--model", model, "tell me a story"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{model}: {}",
            stderr_of(&out)
        );
        // Exactly the deltas the emulator sent before the fault, nothing after it.
        assert_eq!(
            stdout_of(&out),
            format!("Hello from the brock emulator ({model}). \n"),
            "{model}"
        );
        assert!(
            stderr_of(&out).contains(says),
            "{model}: {}",
            stderr_of(&out)
        );
        assert_one_error_line(&out, model);
        // A throttle after output is not retried: the answer would be printed twice.
        assert_eq!(env.emulator.requests(), i as u64 + 1, "{model}: retried");
    }
}

// --- sessions and files ----------------------------------------------------------------------

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn failed_turns_leave_the_session_usable_and_private() {
    let env = TestEnv::new();
    let ok = env
        .cmd()
        .args(["chat", "--session", "work", "first question"])
        .output()
        .unwrap();
    assert!(ok.status.success(), "{}", stderr_of(&ok));
    let file = env.data_dir().join("sessions/work.json");
    assert_eq!(mode(&file), 0o600, "session file mode");
    assert_eq!(mode(file.parent().unwrap()), 0o700, "sessions dir mode");
    assert_eq!(mode(&env.data_dir()), 0o700, "data dir mode");

    for model in [
        "emulator.stream-error",
        "emulator.truncated",
        "emulator.throttle",
        "emulator.malformed-frame",
        "emulator.crc-mismatch",
        "emulator.reset",
        "emulator.stall",
    ] {
        let out = env
            .cmd()
            .args([
                "--max-attempts",
                "1",
                "--read-timeout",
                "0.5",
                "chat",
                "--session",
                "work",
                "--model",
                model,
                "second",
            ])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{model}");
        let text = std::fs::read_to_string(&file).unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{model}: {e}: {text}"));
        assert!(
            doc.to_string().contains("first question"),
            "{model}: earlier turns kept: {text}"
        );
        // Nothing was answered, so the turn is rolled back: running the same command again
        // must not send its prompt twice.
        assert_eq!(
            doc["conversation"]["messages"].as_array().map(Vec::len),
            Some(2),
            "{model}: failed turn left behind: {text}"
        );
        assert_eq!(mode(&file), 0o600, "{model}: mode kept after a rewrite");
    }
    // The conversation is still one the (strict) service accepts.
    let out = env
        .cmd()
        .args(["chat", "--session", "work", "--model", "nova-lite", "third"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("You said: third"),
        "{}",
        stdout_of(&out)
    );
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(file.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["work.json"], "{names:?}");
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn secrets_appear_in_no_output_error_or_file() {
    let token = "ABSKQmVkcm9ja0FQSUtleS1zb2FrLXNlY3JldA==";
    let env = TestEnv::with_options(EmulatorOptions {
        bearer_tokens: vec![token.into()],
        ..Default::default()
    });
    let secrets = [DEFAULT_SECRET_KEY, DEFAULT_ACCESS_KEY, token];
    let mut seen = String::new();
    let runs: Vec<(bool, Vec<&str>)> = vec![
        (false, vec!["-vvv", "chat", "--session", "s1", "hello"]),
        (
            false,
            vec![
                "-vvv",
                "--max-attempts",
                "2",
                "chat",
                "--session",
                "s1",
                "--model",
                "emulator.throttle",
                "q",
            ],
        ),
        (
            false,
            vec![
                "-vvv",
                "chat",
                "--session",
                "s1",
                "--model",
                "emulator.stream-error",
                "q",
            ],
        ),
        (
            false,
            vec![
                "-vvv",
                "--max-attempts",
                "1",
                "chat",
                "--model",
                "emulator.reset",
                "q",
            ],
        ),
        (false, vec!["-vvv", "--max-attempts", "1", "models"]),
        (false, vec!["-vvv", "config", "show"]),
        (false, vec!["-vvv", "chat", "--dry-run", "q"]),
        (
            false,
            vec![
                "-vvv",
                "raw",
                "/model/us.amazon.nova-lite-v1:0/converse-stream",
                "-d",
                r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
            ],
        ),
        (true, vec!["-vvv", "chat", "--session", "s2", "hello"]),
        (
            true,
            vec![
                "-vvv",
                "--max-attempts",
                "2",
                "chat",
                "--model",
                "emulator.throttle",
                "q",
            ],
        ),
        (true, vec!["-vvv", "chat", "--dry-run", "q"]),
        (true, vec!["-vvv", "--output", "json", "config", "show"]),
    ];
    for (bearer, args) in &runs {
        let mut cmd = env.cmd();
        if *bearer {
            cmd.env("AWS_BEARER_TOKEN_BEDROCK", token);
        }
        let out = cmd.args(args).output().unwrap();
        seen.push_str(&stdout_of(&out));
        seen.push_str(&stderr_of(&out));
        assert!(!stderr_of(&out).contains("panicked"), "{args:?}");
    }
    assert!(
        seen.contains("-> POST") && seen.contains("body: "),
        "-vvv really logged: {seen}"
    );
    for s in secrets {
        assert!(!seen.contains(s), "{s} leaked into output");
    }
    for f in files_under(env.home.path()) {
        let bytes = std::fs::read(&f).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for s in secrets {
            assert!(!text.contains(s), "{s} written to {}", f.display());
        }
    }
}

// --- hostile output on a terminal -------------------------------------------------------------

/// Raw escape sequences the emulator's `hostile` answer carries; none may reach a terminal.
const RAW_HOSTILE: &[&str] = &[
    "\x1b]52;",
    "\x1b]0;",
    "\x1b[2J",
    "\x1b[10;10H",
    "\x1b[5A",
    "\x07",
];

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// Runs brock on a pseudo-terminal (util-linux `script`), with the test environment, and
/// returns everything the terminal received.
fn on_a_terminal(env: &TestEnv, args: &[&str]) -> (Option<i32>, String) {
    require_tool("script", "bsdutils");
    let base = env.std_cmd();
    let brock = base.get_program().to_string_lossy().into_owned();
    let line = std::iter::once(brock.as_str())
        .chain(args.iter().copied())
        .map(shell_quote)
        .collect::<Vec<_>>()
        .join(" ");
    let mut c = std::process::Command::new("script");
    c.env_clear();
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            c.env(k, v);
        }
    }
    c.env("TERM", "xterm-256color").env("SHELL", "/bin/sh");
    c.args(["-qec", &line, "/dev/null"])
        .stdin(std::process::Stdio::null());
    let out = c.output().unwrap_or_else(|e| panic!("script: {e}"));
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[cfg(unix)]
#[test]
fn hostile_output_is_neutralised_on_a_terminal() {
    let env = TestEnv::new();
    for extra in [
        vec![],
        vec!["--no-stream"],
        vec!["--hide-reasoning", "--reasoning", "low"],
    ] {
        let mut args = vec!["chat", "--model", "emulator.hostile"];
        args.extend(&extra);
        args.push("q");
        let (code, tty) = on_a_terminal(&env, &args);
        assert_eq!(code, Some(0), "{extra:?}: {tty:?}");
        assert!(tty.contains("Hostile answer"), "{extra:?}: {tty:?}");
        for raw in RAW_HOSTILE {
            assert!(
                !tty.contains(raw),
                "{extra:?}: {raw:?} reached the terminal: {tty:?}"
            );
        }
        // Made visible in caret notation instead.
        assert!(tty.contains("^[]52;c;aGFja2Vk^G"), "{extra:?}: {tty:?}");
        assert!(tty.contains("^[]0;pwned title^G"), "{extra:?}: {tty:?}");
        assert!(tty.contains("^Mcarriage return"), "{extra:?}: {tty:?}");
    }
}

#[cfg(unix)]
#[test]
fn hostile_tool_results_are_neutralised_on_a_terminal() {
    let env = TestEnv::new();
    let tool = env.write_file(
        "hostile-tool.sh",
        "#!/bin/sh\ncat >/dev/null\nprintf 'sunny\\033]52;c;aGFja2Vk\\007\\033]0;pwned title\\007\\033[2J done'\n",
    );
    make_executable(&tool);
    env.write_config(&format!(
        "[tools.get_weather]\ndescription = \"Weather for a city\"\ncommand = [{:?}]\n\
         parameters = {{ type = \"object\", properties = {{ city = {{ type = \"string\" }} }}, required = [\"city\"] }}\n",
        tool.display().to_string()
    ));
    let (code, tty) = on_a_terminal(
        &env,
        &["chat", "--run-tools", "--yes", "use get_weather for Paris"],
    );
    assert_eq!(code, Some(0), "{tty:?}");
    assert!(
        tty.contains("The tool returned: sunny"),
        "the result went back to the model: {tty:?}"
    );
    for raw in ["\x1b]52;", "\x1b]0;", "\x1b[2J", "\x07"] {
        assert!(!tty.contains(raw), "{raw:?} reached the terminal: {tty:?}");
    }
}

#[cfg(unix)]
fn make_executable(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
}

// --- tools -------------------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn tools_run_only_when_approved_with_arguments_as_json_on_stdin() {
    let env = TestEnv::new();
    let record = env.home.path().join("tool-ran");
    let tool = env.write_file(
        "tool.sh",
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > {dir}/argv.txt\ncat > {dir}/stdin.json\ntouch {ran}\necho 22 degrees\n",
            dir = shell_quote(&env.home.path().display().to_string()),
            ran = shell_quote(&record.display().to_string()),
        ),
    );
    make_executable(&tool);
    // Placeholders a naive implementation would expand: they must reach the tool literally.
    env.write_config(&format!(
        "[tools.get_weather]\ndescription = \"Weather for a city\"\ncommand = [{:?}, \"{{city}}\", \"$city\", \"$(touch pwned)\"]\n\
         parameters = {{ type = \"object\", properties = {{ city = {{ type = \"string\" }} }}, required = [\"city\"] }}\n",
        tool.display().to_string()
    ));

    // Not a terminal and no --yes: nobody can approve, so the tool must not run.
    let out = env
        .cmd()
        .args(["chat", "--run-tools", "use get_weather for Paris"])
        .output()
        .unwrap();
    assert!(
        !record.exists(),
        "ran without approval: {} {}",
        stdout_of(&out),
        stderr_of(&out)
    );

    let out = env
        .cmd()
        .args(["chat", "--run-tools", "--yes", "use get_weather for Paris"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(record.exists(), "ran with --yes");
    assert!(
        stdout_of(&out).contains("The tool returned: 22 degrees"),
        "{}",
        stdout_of(&out)
    );
    let input: serde_json::Value =
        serde_json::from_slice(&std::fs::read(env.home.path().join("stdin.json")).unwrap())
            .expect("JSON on stdin");
    assert!(input["city"].is_string(), "{input}");
    let argv = std::fs::read_to_string(env.home.path().join("argv.txt")).unwrap();
    assert_eq!(
        argv, "{city}\n$city\n$(touch pwned)\n",
        "argv passed verbatim"
    );
    assert!(!env.home.path().join("pwned").exists() && !Path::new("pwned").exists());
}

// --- fuzzing regressions -----------------------------------------------------------------------

fn repo_dir(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Every committed seed and every saved crash input goes through its fuzz target's body again
/// (see fuzz/run.sh): a fixed bug stays fixed.
#[test]
fn fuzz_seeds_and_crash_inputs_replay_cleanly() {
    let mut replayed = 0;
    for (name, target) in fuzz_harness::TARGETS {
        for dir in [
            repo_dir("fuzz/seeds").join(name),
            repo_dir("fuzz/regressions").join(name),
        ] {
            for file in files_under(&dir) {
                let data = std::fs::read(&file).unwrap();
                let outcome = std::panic::catch_unwind(|| target(&data));
                assert!(outcome.is_ok(), "{name} panics on {}", file.display());
                replayed += 1;
            }
        }
    }
    assert!(replayed >= 20, "only {replayed} inputs found");
}

/// The fuzz targets without libFuzzer: random mutations of the seeds, for machines where
/// cargo-fuzz cannot build. `BROCK_FUZZ_ITERS` (default 20000) inputs per target.
#[test]
#[ignore = "long-running; run with --ignored"]
fn fuzz_targets_random_mutations() {
    let iters: u64 = std::env::var("BROCK_FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for (name, target) in fuzz_harness::TARGETS {
        let seeds: Vec<Vec<u8>> = files_under(&repo_dir("fuzz/seeds").join(name))
            .iter()
            .map(|f| std::fs::read(f).unwrap())
            .collect();
        for _ in 0..iters {
            let mut data = seeds[(next() % seeds.len() as u64) as usize].clone();
            for _ in 0..=(next() % 8) {
                let len = data.len() as u64;
                match next() % 4 {
                    0 if len > 0 => data[(next() % len) as usize] = next() as u8,
                    1 if len > 0 => data.truncate((next() % len) as usize),
                    2 => data.insert((next() % (len + 1)) as usize, next() as u8),
                    _ if len > 1 => {
                        let at = (next() % len) as usize;
                        let n = ((next() % 16) as usize).min(data.len() - at);
                        let copy = data[at..at + n].to_vec();
                        data.splice(at..at, copy);
                    }
                    _ => {}
                }
            }
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                let dir = repo_dir("fuzz/regressions").join(name);
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(format!("crash-{:016x}", next()));
                std::fs::write(&path, &data).unwrap();
                panic!("{name} panicked; input saved to {}", path.display());
            }
        }
    }
}

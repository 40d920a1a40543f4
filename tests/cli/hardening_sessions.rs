//! Issue 21, part A: sessions never lose a turn (copies, concurrent writers, signals, a closed
//! stdout, failed turns, an unwritable sessions directory), processes end (tool process
//! groups, the emulator on SIGTERM), and partial answers reach scripts.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::time::Duration;

use brock_emulator::EmulatorOptions;
use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of, stdout_of};

fn session_path(env: &TestEnv, name: &str) -> std::path::PathBuf {
    env.data_dir().join("sessions").join(format!("{name}.json"))
}

fn session_file(env: &TestEnv, name: &str) -> Value {
    let p = session_path(env, name);
    let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_slice(&bytes).unwrap()
}

/// The text of each message, in order.
fn texts(s: &Value) -> Vec<String> {
    s["conversation"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["content"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|p| p["text"].as_str())
                .collect::<Vec<_>>()
                .join("")
        })
        .collect()
}

fn chat_ok(env: &TestEnv, args: &[&str]) -> String {
    let out = env.cmd().arg("chat").args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

#[test]
fn a_copied_session_is_saved_to_the_copy() {
    let env = TestEnv::new();
    chat_ok(&env, &["--session", "work", "first"]);
    std::fs::copy(session_path(&env, "work"), session_path(&env, "backup")).unwrap();
    let before = std::fs::read(session_path(&env, "work")).unwrap();
    chat_ok(&env, &["--session", "backup", "second"]);
    assert_eq!(
        std::fs::read(session_path(&env, "work")).unwrap(),
        before,
        "work.json was written by --session backup"
    );
    let s = session_file(&env, "backup");
    assert_eq!(s["name"], "backup");
    assert_eq!(texts(&s).len(), 4, "{s}");
    assert_eq!(texts(&s)[2], "second");
}

#[test]
fn ten_concurrent_writers_keep_every_turn() {
    let env = TestEnv::new();
    let children: Vec<(usize, Child)> = (0..10)
        .map(|i| {
            let child = env
                .std_cmd()
                .args(["chat", "--session", "shared", &format!("turn {i}")])
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            (i, child)
        })
        .collect();
    for (i, child) in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "turn {i}: {}", stderr_of(&out));
    }
    let s = session_file(&env, "shared");
    let tx = texts(&s);
    assert_eq!(tx.len(), 20, "{tx:?}");
    for i in 0..10 {
        assert!(
            tx.iter().any(|t| t == &format!("turn {i}")),
            "turn {i} lost: {tx:?}"
        );
    }
    // Each prompt is followed by its own answer: the runs took turns, none overwrote another.
    for pair in tx.chunks(2) {
        assert!(
            pair[1].ends_with(&format!("You said: {}", pair[0])),
            "{tx:?}"
        );
    }
    assert_eq!(s["usage"]["requests"], 10);
    // The lock files went with their holders.
    let names: Vec<String> = std::fs::read_dir(env.data_dir().join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["shared.json"]);
}

/// Starts a slow one-shot answer in session `name` and waits until part of it was printed.
fn slow_answer(env: &TestEnv, name: &str) -> (Child, BufReader<std::process::ChildStdout>) {
    let mut child = env
        .std_cmd()
        .args(["chat", "--session", name, "[[tokens=5000]]"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("lorem ipsum dolor") {
        let buf = out.fill_buf().unwrap();
        assert!(!buf.is_empty(), "the answer ended before it was cut");
        let n = buf.len();
        seen.extend_from_slice(buf);
        out.consume(n);
    }
    (child, out)
}

/// After a cut: the partial answer is kept, marked interrupted, and the session goes on with a
/// request Bedrock (the strict emulator) accepts.
fn assert_cut_and_continues(env: &TestEnv, name: &str) {
    let s = session_file(env, name);
    let tx = texts(&s);
    assert_eq!(tx.len(), 2, "{name}: {tx:?}");
    assert_eq!(tx[0], "[[tokens=5000]]");
    assert!(tx[1].starts_with("lorem ipsum dolor"), "{name}: {tx:?}");
    assert!(tx[1].split(' ').count() < 5000, "{name}: not cut");
    assert_eq!(s["interrupted"], json!([1]), "{name}");
    let out = chat_ok(env, &["--session", name, "go on"]);
    assert!(out.contains("You said: go on"), "{name}: {out}");
    let tx = texts(&session_file(env, name));
    assert_eq!(tx.len(), 4, "{name}: {tx:?}");
    assert_eq!(tx[2], "go on", "{name}: the prompt was merged");
}

#[test]
fn a_signal_during_a_one_shot_answer_keeps_what_arrived() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let env = TestEnv::with_options(EmulatorOptions {
        tokens_per_second: 50.0,
        ..Default::default()
    });
    for (name, sig) in [
        ("term", Signal::SIGTERM),
        ("hup", Signal::SIGHUP),
        ("int", Signal::SIGINT),
    ] {
        let (mut child, out) = slow_answer(&env, name);
        kill(Pid::from_raw(child.id() as i32), sig).unwrap();
        // stdout stays open until brock is gone, so only the signal can end the answer.
        let status = child.wait().unwrap();
        drop(out);
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(status.code(), Some(130), "{name}: {err}");
        assert!(err.contains("interrupted"), "{name}: {err}");
        assert_cut_and_continues(&env, name);
    }
}

#[test]
fn stdout_closed_during_a_one_shot_answer_keeps_what_arrived() {
    let env = TestEnv::with_options(EmulatorOptions {
        tokens_per_second: 50.0,
        ..Default::default()
    });
    // `brock chat --session closed … | head -c 10`: the reader leaves.
    let (mut child, out) = slow_answer(&env, "closed");
    drop(out);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert_cut_and_continues(&env, "closed");
}

#[test]
fn a_failed_turn_leaves_the_session_model_as_it_was() {
    let env = TestEnv::new();
    chat_ok(&env, &["--session", "m", "-m", "nova-pro", "first"]);
    let out = env
        .cmd()
        .args([
            "chat",
            "--session",
            "m",
            "-m",
            "emulator.access-denied",
            "second",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let s = session_file(&env, "m");
    assert_eq!(s["model"], "us.amazon.nova-pro-v1:0");
    assert_eq!(texts(&s).len(), 2);
    // The next turn without -m uses the session's model.
    let out = chat_ok(&env, &["--session", "m", "third"]);
    assert!(out.contains("(us.amazon.nova-pro-v1:0)"), "{out}");
}

#[test]
fn repl_says_where_an_unsavable_session_went_and_exits_non_zero() {
    use expectrl::process::unix::WaitStatus;
    use expectrl::{ControlCode, Expect, Session};
    let env = TestEnv::new();
    // The sessions "directory" is a file: no save can succeed (root ignores permissions).
    std::fs::create_dir_all(env.data_dir()).unwrap();
    std::fs::write(env.data_dir().join("sessions"), "not a directory").unwrap();
    let tmp = env.home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let mut cmd = env.std_cmd();
    cmd.arg("chat")
        .env("TMPDIR", &tmp)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("\x1b[?2004h").unwrap();
    p.expect("brock> ").unwrap();
    p.send("keep me\r").unwrap();
    p.expect("You said: keep me").unwrap();
    p.expect("cannot create").unwrap();
    p.expect("\x1b[?2004h").unwrap();
    p.expect("brock> ").unwrap();
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect("could not be saved").unwrap();
    p.expect(expectrl::Eof).unwrap();
    let pid = p.get_process().pid();
    assert_eq!(
        p.get_process_mut().wait().unwrap(),
        WaitStatus::Exited(pid, 2)
    );
    let kept: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let s: Value = serde_json::from_slice(&std::fs::read(&kept[0]).unwrap()).unwrap();
    let tx = texts(&s);
    assert_eq!(tx[0], "keep me");
    assert!(tx[1].ends_with("You said: keep me"), "{tx:?}");
}

#[test]
fn a_repl_refuses_a_session_another_repl_has_open() {
    use expectrl::{Expect, Session};
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["chat", "--session", "busy"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("brock> ").unwrap();
    let mut cmd = env.std_cmd();
    cmd.args(["chat", "--session", "busy"]).env("TERM", "xterm");
    let mut q = Session::spawn(cmd).unwrap();
    q.set_expect_timeout(Some(Duration::from_secs(60)));
    q.expect("session busy is in use by another brock").unwrap();
    q.expect(expectrl::Eof).unwrap();
    p.send(expectrl::ControlCode::EndOfTransmission).unwrap();
    p.expect(expectrl::Eof).unwrap();
}

/// Processes whose command line is exactly `argv`.
fn processes(argv: &[&str]) -> Vec<u32> {
    let want: Vec<u8> = argv
        .iter()
        .flat_map(|a| [a.as_bytes(), b"\0"].concat())
        .collect();
    std::fs::read_dir("/proc")
        .expect("/proc (these checks need Linux)")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| c == want))
        .collect()
}

#[test]
fn a_tool_timeout_ends_everything_the_tool_started() {
    let env = TestEnv::new();
    env.write_config(
        "[tools.slow]\ndescription = \"Slow\"\ncommand = [\"sh\", \"-c\", \"sleep 3779 | cat\"]\ntimeout = 1\n",
    );
    let out = env
        .cmd()
        .args(["chat", "--run-tools", "-y", "use slow"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("tool slow timed out after 1 s"),
        "{}",
        stdout_of(&out)
    );
    // SIGKILL is delivered before killpg returns; only reaping may lag, and a zombie has no
    // command line, so this holds at once.
    assert_eq!(processes(&["sleep", "3779"]), Vec::<u32>::new());
}

#[test]
fn a_default_config_path_that_cannot_be_read_means_no_config() {
    let env = TestEnv::new();
    // ~/.config is a regular file.
    std::fs::write(env.home.path().join(".config"), "oops").unwrap();
    let out = env.cmd().args(["--mock", "chat", "hi"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said: hi"));
    // A path the user named must be readable, and the message says why it is not.
    let named = env.home.path().join(".config/brock.toml");
    let out = env
        .cmd()
        .args(["--mock", "--config"])
        .arg(&named)
        .args(["chat", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("brock.toml") && err.contains("is a file"),
        "{err}"
    );
}

#[test]
fn the_emulator_stops_cleanly_on_sigterm() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let env = TestEnv::new();
    for sig in [Signal::SIGTERM, Signal::SIGHUP] {
        let mut child = env
            .std_cmd()
            .args(["emulator", "--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut url = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut url)
            .unwrap();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        kill(Pid::from_raw(child.id() as i32), sig).unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{sig}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(&format!("stopped ({sig})")),
            "{}",
            stderr_of(&out)
        );
    }
}

#[test]
fn json_and_ndjson_keep_a_partial_answer_and_report_the_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "chat",
            "-m",
            "emulator.stream-error",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let doc: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout_of(&out)));
    assert_eq!(doc["object"], "chat.completion");
    let content = doc["choices"][0]["message"]["content"].as_str().unwrap();
    assert!(
        content.starts_with("Hello from the brock emulator"),
        "{doc}"
    );
    assert_eq!(doc["choices"][0]["finish_reason"], Value::Null);
    assert_eq!(doc["error"]["code"], "ModelStreamErrorException");
    assert_eq!(doc["error"]["exit_code"], 1);
    assert!(stderr_of(&out).contains("ModelStreamErrorException"));

    let out = env
        .cmd()
        .args([
            "--output",
            "ndjson",
            "chat",
            "-m",
            "emulator.stream-error",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let lines: Vec<Value> = stdout_of(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (last, chunks) = lines.split_last().unwrap();
    assert!(chunks.len() >= 2, "{lines:?}");
    assert!(
        chunks
            .iter()
            .all(|c| c["object"] == "chat.completion.chunk")
    );
    let text: String = chunks
        .iter()
        .filter_map(|c| c["choices"][0]["delta"]["content"].as_str())
        .collect();
    assert!(text.starts_with("Hello from the brock emulator"), "{text}");
    assert_eq!(last["error"]["code"], "ModelStreamErrorException");
}

#[test]
fn openai_input_takes_the_model_from_m_then_the_body_then_config() {
    let env = TestEnv::new();
    env.write_config("[default]\nmodel = \"nova-micro\"\n");
    let run = |body: &str, m: Option<&str>| {
        let mut c = env.cmd();
        c.args(["chat", "--input-format", "openai"]);
        if let Some(m) = m {
            c.args(["-m", m]);
        }
        let out = c.write_stdin(body).output().unwrap();
        assert!(out.status.success(), "{body} {m:?}: {}", stderr_of(&out));
        stdout_of(&out)
    };
    let no_model = r#"{"messages":[{"role":"user","content":"hi"}]}"#;
    let with_model = r#"{"model":"nova-lite","messages":[{"role":"user","content":"hi"}]}"#;
    assert!(run(no_model, Some("nova-pro")).contains("(us.amazon.nova-pro-v1:0)"));
    assert!(run(no_model, None).contains("(us.amazon.nova-micro-v1:0)"));
    assert!(run(with_model, None).contains("(us.amazon.nova-lite-v1:0)"));
    assert!(run(with_model, Some("nova-pro")).contains("(us.amazon.nova-pro-v1:0)"));
}

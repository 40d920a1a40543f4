//! The interactive REPL driven through a pseudo-terminal (expectrl): multi-line input, slash
//! commands, history across runs, Ctrl-C mid-stream, sessions and tool approval. Every wait is
//! for specific output, with a generous timeout; nothing depends on timing.

use std::time::Duration;

use brock::emulator::EmulatorOptions;
use expectrl::{ControlCode, Expect, Session};
use serde_json::Value;

use crate::common::TestEnv;
use crate::session::weather_config;

type Pty = Session<expectrl::process::unix::UnixProcess, expectrl::process::unix::PtyStream>;

const PROMPT: &str = "brock> ";
const NOVA: &str = "us.amazon.nova-lite-v1:0";

fn spawn(env: &TestEnv, args: &[&str]) -> Pty {
    let mut cmd = env.std_cmd();
    cmd.arg("chat").args(args);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env("LINES", "50");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    let _ = p.get_process_mut().set_window_size(200, 50);
    p.expect(PROMPT).expect("the REPL prompt");
    p
}

/// Types a line and presses Enter (a terminal sends CR; LF is Ctrl-J, a newline).
fn enter(p: &mut Pty, text: &str) {
    p.send(format!("{text}\r")).unwrap();
}

fn expect(p: &mut Pty, what: &str) {
    if let Err(e) = p.expect(what) {
        panic!("waiting for {what:?}: {e}");
    }
}

/// Sends a line and waits for the emulator's answer to it and the next prompt.
fn ask(p: &mut Pty, text: &str) {
    enter(p, text);
    expect(p, &format!("You said: {text}"));
    expect(p, PROMPT);
}

fn leave(mut p: Pty) {
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(expectrl::Eof).expect("brock exits on Ctrl-D");
}

fn sessions(env: &TestEnv) -> Vec<Value> {
    let dir = env.data_dir().join("sessions");
    let mut out: Vec<Value> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .map(|e| serde_json::from_slice(&std::fs::read(e.path()).unwrap()).unwrap())
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|s: &Value| s["name"].as_str().unwrap_or("").to_string());
    out
}

fn session_named(env: &TestEnv, name: &str) -> Value {
    let p = env.data_dir().join("sessions").join(format!("{name}.json"));
    serde_json::from_slice(&std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .unwrap()
}

fn texts(session: &Value) -> Vec<String> {
    session["conversation"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            m["content"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|c| c["text"].as_str().filter(|_| c["type"] == "text"))
                .collect::<Vec<_>>()
                .join("")
        })
        .collect()
}

#[test]
fn multi_line_input_and_history_across_runs() {
    let env = TestEnv::new();
    let mut p = spawn(&env, &[]);
    expect_banner_free(&mut p);
    // A """ block.
    p.send("\"\"\"\rline one\rline two\r\"\"\"\r").unwrap();
    expect(&mut p, "You said: line one");
    expect(&mut p, "line two");
    expect(&mut p, PROMPT);
    // Ctrl-J inserts a newline instead of sending.
    p.send("first\nsecond\r").unwrap();
    expect(&mut p, "You said: first");
    expect(&mut p, "second");
    expect(&mut p, PROMPT);
    ask(&mut p, "remember me");
    leave(p);

    let history = env.data_dir().join("history.txt");
    let text = std::fs::read_to_string(&history).unwrap();
    assert!(text.contains("remember me"), "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&history).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // The autosaved session has the three exchanges, multi-line text intact.
    let all = sessions(&env);
    assert_eq!(all.len(), 1);
    let t = texts(&all[0]);
    assert_eq!(t[0], "line one\nline two");
    assert_eq!(t[2], "first\nsecond");
    assert_eq!(t[4], "remember me");

    // A new run: Up recalls the last line of the previous one.
    let mut p = spawn(&env, &[]);
    p.send("\x1b[A\r").unwrap();
    expect(&mut p, "You said: remember me");
    expect(&mut p, PROMPT);
    leave(p);
}

/// The banner names the model and points at /help.
fn expect_banner_free(p: &mut Pty) {
    enter(p, "/model");
    expect(p, &format!("model: {NOVA}"));
    expect(p, PROMPT);
}

#[test]
fn slash_commands() {
    let env = TestEnv::new();
    let doc = env.write_file("notes.txt", "some notes");
    let editor = env.write_file(
        "editor.sh",
        "#!/bin/sh\nprintf 'from the editor' > \"$1\"\n",
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut p = {
        let mut cmd = env.std_cmd();
        cmd.args(["chat", "-i"])
            .env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("EDITOR", &editor);
        let mut p = Session::spawn(cmd).unwrap();
        p.set_expect_timeout(Some(Duration::from_secs(60)));
        let _ = p.get_process_mut().set_window_size(200, 50);
        expect(&mut p, PROMPT);
        p
    };

    enter(&mut p, "/help");
    for c in [
        "/model",
        "/system",
        "/reasoning",
        "/temperature",
        "/max-tokens",
        "/attach",
        "/tools",
        "/save",
        "/load",
        "/sessions",
        "/new",
        "/clear",
        "/undo",
        "/retry",
        "/copy",
        "/edit",
        "/usage",
        "/export",
        "/exit",
    ] {
        expect(&mut p, c);
    }
    expect(&mut p, PROMPT);

    enter(&mut p, "/modle");
    expect(&mut p, "'model'");
    expect(&mut p, PROMPT);

    enter(&mut p, "/model nova-pro");
    expect(&mut p, "model: us.amazon.nova-pro-v1:0");
    expect(&mut p, PROMPT);
    enter(&mut p, "hello pro");
    expect(&mut p, "(us.amazon.nova-pro-v1:0). You said: hello pro");
    expect(&mut p, PROMPT);

    enter(&mut p, "/system be brief");
    expect(&mut p, "system prompt set");
    enter(&mut p, "/system");
    expect(&mut p, "system: be brief");
    enter(&mut p, "/temperature 0.5");
    expect(&mut p, "temperature: 0.5");
    enter(&mut p, "/temperature 9");
    expect(&mut p, "must be between 0 and 2");
    enter(&mut p, "/reasoning extreme");
    expect(&mut p, "brock: error");
    enter(&mut p, "/reasoning off");
    expect(&mut p, "reasoning: off");
    enter(&mut p, "/max-tokens 3");
    expect(&mut p, "max tokens: 3");
    expect(&mut p, PROMPT);
    enter(&mut p, "cut me short please");
    expect(&mut p, "cut at max tokens");
    expect(&mut p, PROMPT);
    enter(&mut p, "/max-tokens default");
    expect(&mut p, "max tokens: model default");
    expect(&mut p, PROMPT);

    enter(&mut p, &format!("/attach {}", doc.display()));
    expect(&mut p, "attached");
    expect(&mut p, PROMPT);
    enter(&mut p, "read this");
    expect(&mut p, "You said: read this [attachments: 1 document]");
    expect(&mut p, PROMPT);

    enter(&mut p, "/usage");
    expect(&mut p, "3 requests");
    expect(&mut p, PROMPT);

    enter(&mut p, "/copy");
    expect(&mut p, "\x1b]52;c;");
    expect(&mut p, "copied");
    expect(&mut p, PROMPT);

    enter(&mut p, "/retry");
    expect(&mut p, "You said: read this [attachments: 1 document]");
    expect(&mut p, PROMPT);
    enter(&mut p, "/undo");
    expect(&mut p, "dropped the last exchange");
    expect(&mut p, PROMPT);

    enter(&mut p, "/edit");
    expect(&mut p, "You said: from the editor");
    expect(&mut p, PROMPT);

    let export = env.home.path().join("talk.md");
    enter(&mut p, &format!("/export {}", export.display()));
    expect(&mut p, "wrote");
    expect(&mut p, PROMPT);
    let md = std::fs::read_to_string(&export).unwrap();
    assert!(md.contains("## System\n\nbe brief"), "{md}");
    assert!(md.contains("## User\n\nfrom the editor"), "{md}");
    assert!(!md.contains("read this"), "undone exchange is gone: {md}");

    enter(&mut p, "/save mywork");
    expect(&mut p, "saved as");
    expect(&mut p, PROMPT);
    enter(&mut p, "/sessions");
    expect(&mut p, "mywork");
    expect(&mut p, PROMPT);
    enter(&mut p, "/tools");
    expect(&mut p, "no tools");
    expect(&mut p, PROMPT);

    enter(&mut p, "/new");
    expect(&mut p, "new session");
    expect(&mut p, PROMPT);
    ask(&mut p, "in the new one");
    enter(&mut p, "/clear");
    expect(&mut p, "conversation cleared");
    expect(&mut p, PROMPT);
    enter(&mut p, "/load mywrk");
    expect(&mut p, "did you mean mywork");
    expect(&mut p, PROMPT);
    enter(&mut p, "/load mywork");
    expect(&mut p, "loaded mywork");
    expect(&mut p, PROMPT);
    ask(&mut p, "back again");

    enter(&mut p, "/exit");
    p.expect(expectrl::Eof).unwrap();

    let s = session_named(&env, "mywork");
    assert_eq!(s["model"], "us.amazon.nova-pro-v1:0");
    assert_eq!(s["conversation"]["system"][0]["text"], "be brief");
    assert_eq!(s["settings"]["temperature"], 0.5);
    let t = texts(&s);
    assert_eq!(t[0], "hello pro");
    assert_eq!(
        t.last().unwrap(),
        "Hello from the brock emulator (us.amazon.nova-pro-v1:0). You said: back again"
    );
    assert!(!t.iter().any(|x| x.contains("in the new one")));
}

#[test]
fn ctrl_c_mid_stream_keeps_the_partial_answer() {
    let env = TestEnv::with_options(EmulatorOptions {
        tokens_per_second: 20.0,
        ..Default::default()
    });
    let mut p = spawn(&env, &["--session", "cut"]);
    enter(&mut p, "[[tokens=5000]]");
    expect(&mut p, "lorem ipsum dolor");
    p.send(ControlCode::EndOfText).unwrap();
    expect(&mut p, "[interrupted]");
    expect(&mut p, PROMPT);
    // Ctrl-C at the prompt clears the line, and the next request is accepted.
    p.send("typed but dropped").unwrap();
    p.send(ControlCode::EndOfText).unwrap();
    ask(&mut p, "after the cut");
    leave(p);
    let s = session_named(&env, "cut");
    assert_eq!(s["interrupted"], serde_json::json!([1]));
    let t = texts(&s);
    assert!(t[1].starts_with("lorem ipsum dolor"), "{t:?}");
    assert_eq!(t[2], "after the cut");
    assert!(!t.iter().any(|x| x.contains("typed but dropped")));
}

#[test]
fn tool_approval_denied_then_granted_and_session_continues() {
    let env = TestEnv::new();
    env.write_config(&weather_config(&env));
    let args = [
        "--session",
        "tools",
        "-m",
        "sonnet",
        "--reasoning",
        "low",
        "--max-tokens",
        "4000",
    ];
    let mut p = spawn(&env, &args);
    enter(&mut p, "/tools");
    expect(&mut p, "after approval");
    expect(&mut p, PROMPT);

    enter(&mut p, "what does the weather tool say?");
    expect(&mut p, "tool call: weather");
    expect(&mut p, "[a]lways");
    enter(&mut p, "n");
    expect(
        &mut p,
        "The tool returned: the user did not approve running tool weather",
    );
    expect(&mut p, PROMPT);
    assert!(!env.home.path().join("weather.sh.input").exists());

    enter(&mut p, "ask the weather tool again");
    expect(&mut p, "[a]lways");
    enter(&mut p, "a");
    expect(&mut p, "The tool returned: {\"forecast\":\"sunny\"}");
    expect(&mut p, PROMPT);
    // "always" holds for the rest of the REPL.
    enter(&mut p, "and the weather tool once more");
    expect(&mut p, "The tool returned: {\"forecast\":\"sunny\"}");
    expect(&mut p, PROMPT);
    enter(&mut p, "/tools disable weather");
    expect(&mut p, "tool weather disabled");
    expect(&mut p, PROMPT);
    leave(p);
    assert!(env.home.path().join("weather.sh.input").exists());

    // The saved session (signed reasoning, tool calls and results) continues in a new REPL:
    // the emulator refuses it if any signature or tool id came back wrong.
    let s = session_named(&env, "tools");
    assert!(s["conversation"]["messages"].as_array().unwrap().len() >= 12);
    assert_eq!(
        s["settings"]["disabled_tools"],
        serde_json::json!(["weather"])
    );
    let mut p = spawn(&env, &["--session", "tools"]);
    ask(&mut p, "thanks a lot");
    leave(p);
}

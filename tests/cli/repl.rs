//! The interactive REPL driven through a pseudo-terminal (expectrl): multi-line input, history,
//! completion, every slash command, Ctrl-C mid-stream, sessions and tool approval.
//!
//! Two rules keep these tests free of timing: every wait is for specific output, and nothing is
//! typed until the line editor is reading (rustyline switches the terminal to raw mode, *then*
//! turns bracketed paste on, then draws the prompt: see [`Term::ready`]). Typed-ahead input
//! would otherwise meet the terminal's cooked mode, which turns Enter into Ctrl-J.
//!
//! A recording proxy between brock and the emulator keeps every request body, so each turn
//! asserts the conversation the model received, not only the answer it gave.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use brock_emulator::EmulatorOptions;
use expectrl::process::unix::{PtyStream, UnixProcess};
use expectrl::stream::log::LogStream;
use expectrl::{ControlCode, Expect, Session};
use serde_json::{Value, json};

use crate::common::TestEnv;
use crate::session::weather_config;

const PROMPT: &str = "brock> ";
/// Written by rustyline right after it puts the terminal in raw mode.
const RAW_MODE_ON: &str = "\x1b[?2004h";
const NOVA: &str = "us.amazon.nova-lite-v1:0";
const SONNET: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/// Everything the terminal showed, for the failure message.
#[derive(Clone, Default)]
struct Transcript(Arc<Mutex<Vec<u8>>>);

impl Write for Transcript {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct Term {
    p: Session<UnixProcess, LogStream<PtyStream, Transcript>>,
    log: Transcript,
}

impl Term {
    fn spawn(mut cmd: std::process::Command) -> Term {
        cmd.env("TERM", "xterm")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "200")
            .env("LINES", "50");
        let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
        let _ = p.get_process_mut().set_window_size(200, 50);
        let log = Transcript::default();
        let mut p = expectrl::session::log(p, log.clone()).unwrap();
        p.set_expect_timeout(Some(Duration::from_secs(60)));
        let mut t = Term { p, log };
        t.ready();
        t
    }

    fn send(&mut self, bytes: &str) {
        self.p.send(bytes).unwrap();
    }

    fn expect(&mut self, what: &str) {
        if let Err(e) = self.p.expect(what) {
            let log = String::from_utf8_lossy(&self.log.0.lock().unwrap()).into_owned();
            let tail: String = log
                .lines()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n");
            panic!("waiting for {what:?}: {e}\n--- terminal (last lines) ---\n{tail}");
        }
    }

    /// Waits until the line editor reads the next line: raw mode on, then the prompt.
    fn ready(&mut self) {
        self.expect(RAW_MODE_ON);
        self.expect(PROMPT);
    }

    /// Types a line and presses Enter (a terminal sends CR; LF is Ctrl-J, a newline).
    fn line(&mut self, text: &str) {
        self.send(&format!("{text}\r"));
    }

    /// A command whose output includes `shows`; waits for the next prompt.
    fn run(&mut self, command: &str, shows: &str) {
        self.line(command);
        self.expect(shows);
        self.ready();
    }

    /// Sends a message and waits for the emulator's answer to it and the next prompt.
    fn ask(&mut self, text: &str) {
        self.line(text);
        self.expect(&format!("You said: {text}"));
        self.ready();
    }

    fn leave(mut self) {
        self.p.send(ControlCode::EndOfTransmission).unwrap();
        if let Err(e) = self.p.expect(expectrl::Eof) {
            panic!("brock exits on Ctrl-D: {e}");
        }
    }
}

/// A loopback proxy in front of the emulator that keeps each request (path and JSON body) it
/// forwards. A request is recorded before its last byte is passed on, so by the time brock
/// shows the answer, the request is here.
struct Recorder {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<(String, Value)>>>,
}

impl Recorder {
    fn start(env: &TestEnv) -> Recorder {
        let upstream: SocketAddr = env.url().trim_start_matches("http://").parse().unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let keep = seen.clone();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                let keep = keep.clone();
                let (mut c_in, mut s_out) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                let (mut s_in, mut c_out) = (server, client);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut s_in, &mut c_out);
                    let _ = c_out.shutdown(std::net::Shutdown::Write);
                });
                std::thread::spawn(move || {
                    let mut pending: Vec<u8> = Vec::new();
                    let mut buf = [0u8; 16 * 1024];
                    loop {
                        let n = match c_in.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => n,
                        };
                        pending.extend_from_slice(&buf[..n]);
                        while let Some(req) = take_request(&mut pending) {
                            keep.lock().unwrap().push(req);
                        }
                        if s_out.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = s_out.shutdown(std::net::Shutdown::Write);
                });
            }
        });
        Recorder { addr, seen }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bodies of the model requests so far (Converse and ConverseStream).
    fn bodies(&self) -> Vec<Value> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|(path, _)| path.contains("/converse"))
            .map(|(_, b)| b.clone())
            .collect()
    }

    fn paths(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(p, _)| p.clone())
            .collect()
    }

    /// The path and body of the last request of any kind.
    fn last_request(&self) -> (String, Value) {
        self.seen
            .lock()
            .unwrap()
            .last()
            .cloned()
            .expect("a request")
    }

    fn last(&self) -> Value {
        self.bodies().pop().expect("a request was recorded")
    }

    /// The conversation of the last request, one line per message.
    fn conversation(&self) -> Vec<String> {
        conversation(&self.last())
    }
}

/// One complete HTTP/1.1 request off the front of `buf`: (request path, JSON body).
fn take_request(buf: &mut Vec<u8>) -> Option<(String, Value)> {
    let head_end = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let len: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().ok())?
        })
        .unwrap_or(0);
    if buf.len() < head_end + len {
        return None;
    }
    let body: Vec<u8> = buf.drain(..head_end + len).skip(head_end).collect();
    let path = head.split(' ').nth(1).unwrap_or("").to_string();
    Some((path, serde_json::from_slice(&body).unwrap_or(Value::Null)))
}

/// A Converse body's messages, one line each: `role: block | block`.
fn conversation(body: &Value) -> Vec<String> {
    body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let blocks: Vec<String> = m["content"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    if let Some(t) = b["text"].as_str() {
                        t.to_string()
                    } else if let Some(r) = b.get("reasoningContent") {
                        let signed = r["reasoningText"]["signature"]
                            .as_str()
                            .is_some_and(|s| !s.is_empty());
                        format!("[reasoning{}]", if signed { ", signed" } else { "" })
                    } else if let Some(u) = b.get("toolUse") {
                        format!("[tool use {}]", u["name"].as_str().unwrap())
                    } else if let Some(r) = b.get("toolResult") {
                        format!(
                            "[tool {}: {}]",
                            r["status"].as_str().unwrap_or("?"),
                            r["content"][0]["text"].as_str().unwrap_or("?")
                        )
                    } else if let Some(d) = b.get("document") {
                        format!("[document {}]", d["name"].as_str().unwrap())
                    } else {
                        b.to_string()
                    }
                })
                .collect();
            format!("{}: {}", m["role"].as_str().unwrap(), blocks.join(" | "))
        })
        .collect()
}

fn answer(model: &str, said: &str) -> String {
    format!("assistant: Hello from the brock emulator ({model}). You said: {said}")
}

fn user(text: &str) -> String {
    format!("user: {text}")
}

/// brock chat ARGS in a pty, its model requests going through `rec`.
fn chat(env: &TestEnv, rec: &Recorder, args: &[&str]) -> Term {
    chat_with(env, rec, args, &[])
}

fn chat_with(env: &TestEnv, rec: &Recorder, args: &[&str], vars: &[(&str, &str)]) -> Term {
    let mut cmd = env.std_cmd();
    cmd.arg("chat")
        .args(args)
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", rec.url());
    for (k, v) in vars {
        cmd.env(k, v);
    }
    Term::spawn(cmd)
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

fn executable(env: &TestEnv, name: &str, script: &str) -> std::path::PathBuf {
    let path = env.write_file(name, script);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

#[test]
fn multi_line_input_and_history_across_runs() {
    let env = TestEnv::new();
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &[]);
    t.run("/model", &format!("model: {NOVA} (route: converse)"));

    // A """ block: Enter inside it adds a line.
    t.send("\"\"\"\rline one\rline two\r\"\"\"\r");
    t.expect("You said: line one");
    t.ready();
    assert_eq!(rec.conversation(), vec![user("line one\nline two")]);

    // Ctrl-J and Alt-Enter add a line instead of sending.
    t.send("first\nsecond\x1b\rthird\r");
    t.expect("You said: first");
    t.ready();
    let conv = rec.conversation();
    assert_eq!(conv.len(), 3);
    assert_eq!(conv[1], answer(NOVA, "line one\nline two"));
    assert_eq!(conv[2], user("first\nsecond\nthird"));

    // Bracketed paste keeps the pasted line breaks (a terminal pastes them as CR).
    t.send("\x1b[200~pasted one\rpasted two\x1b[201~\r");
    t.expect("You said: pasted one");
    t.ready();
    assert_eq!(rec.conversation()[4], user("pasted one\npasted two"));

    t.ask("remember me");
    t.ask("something else");
    t.leave();

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
    // The autosaved session has every exchange, multi-line text intact.
    let all = sessions(&env);
    assert_eq!(all.len(), 1);
    let t1 = texts(&all[0]);
    assert_eq!(t1[0], "line one\nline two");
    assert_eq!(t1[2], "first\nsecond\nthird");
    assert_eq!(t1[4], "pasted one\npasted two");
    assert_eq!(t1[6], "remember me");

    // A new run (a new session): Up recalls the last line of the previous run, Ctrl-R finds
    // an older one.
    let mut t = chat(&env, &rec, &[]);
    t.send("\x1b[A\r");
    t.expect("You said: something else");
    t.ready();
    assert_eq!(rec.conversation(), vec![user("something else")]);
    t.send("\x12remem\r");
    t.expect("You said: remember me");
    t.ready();
    assert_eq!(rec.conversation()[2], user("remember me"));

    // Switching the model mid-conversation chooses the route again: this one goes through
    // InvokeModel with an Anthropic Messages body, and the conversation goes with it.
    t.run(
        &format!("/model invoke/{SONNET}"),
        "(route: invoke (anthropic))",
    );
    t.ask("through invoke");
    let (path, body) = rec.last_request();
    assert_eq!(
        path,
        format!(
            "/model/{}/invoke-with-response-stream",
            SONNET.replace(':', "%3A")
        )
    );
    let msgs = body["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 5, "{body}");
    assert_eq!(msgs[4]["content"][0]["text"], "through invoke");
    t.run(
        "/model nova-lite",
        &format!("model: {NOVA} (route: converse)"),
    );
    t.ask("back on converse");
    assert_eq!(rec.conversation().len(), 7);
    t.leave();
    assert_eq!(sessions(&env).len(), 2);
}

#[test]
fn tab_completes_commands_models_paths_and_tools() {
    let env = TestEnv::new();
    env.write_config(&weather_config(&env));
    env.write_file("docs/notes-for-the-model.txt", "some notes");
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &[]);
    t.send("/max-t\t4000\r");
    t.expect("max tokens: 4000");
    t.ready();
    t.send("/model hai\t\r");
    t.expect("model: us.anthropic.claude-haiku-4-5-20251001-v1:0");
    t.ready();
    t.send("/reas\tlo\t\r");
    t.expect("reasoning: low");
    t.ready();
    let dir = env.home.path().join("docs");
    t.send(&format!("/attach {}/notes-f\t\r", dir.display()));
    t.expect("attached");
    t.ready();
    t.send("/too\tdis\twea\t\r");
    t.expect("tool weather disabled");
    t.ready();
    t.ask("done");
    t.leave();
    let body = rec.last();
    assert_eq!(body["inferenceConfig"]["maxTokens"], 4000);
    assert_eq!(
        body["additionalModelRequestFields"]["thinking"]["type"], "enabled",
        "{body}"
    );
    assert_eq!(
        conversation(&body),
        vec![user("[document notes-for-the-model] | done")]
    );
    assert!(rec.paths().last().unwrap().contains("claude-haiku"));
    // A disabled tool is not offered.
    assert!(body.get("toolConfig").is_none(), "{body}");
}

#[test]
fn slash_commands() {
    let env = TestEnv::new();
    let doc = env.write_file("notes.txt", "some notes");
    let editor = executable(
        &env,
        "editor.sh",
        "#!/bin/sh\nprintf 'from the editor' > \"$1\"\n",
    );
    let rec = Recorder::start(&env);
    let mut t = chat_with(&env, &rec, &["-i"], &[("EDITOR", editor.to_str().unwrap())]);

    t.line("/help");
    for c in [
        "/help",
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
        t.expect(c);
    }
    t.ready();

    // Unknown commands suggest the nearest one.
    t.run("/modle", "unknown command /modle: did you mean /model?");
    t.run(
        "/tools disabel x",
        "unknown command /tools disabel: did you mean /tools disable?",
    );
    t.run("/load", "(usage: /load <NAME>)");
    t.run("/model nova-pro", "model: us.amazon.nova-pro-v1:0");
    t.ask("hello pro");
    assert!(rec.paths().last().unwrap().contains("nova-pro"));
    assert_eq!(rec.conversation(), vec![user("hello pro")]);

    t.run("/system be brief", "system prompt set");
    t.run("/system", "system: be brief");
    t.run("/temperature 0.5", "temperature: 0.5");
    t.run("/temperature 9", "must be a number from 0 to 1");
    t.run("/reasoning extreme", "brock: error");
    t.run("/reasoning off", "reasoning: off");
    t.run("/max-tokens 3", "max tokens: 3");
    t.run("cut me short please", "cut at max tokens");
    let body = rec.last();
    assert_eq!(body["system"], json!([{"text": "be brief"}]));
    assert_eq!(body["inferenceConfig"]["maxTokens"], 3);
    assert_eq!(body["inferenceConfig"]["temperature"], 0.5);
    assert_eq!(
        conversation(&body),
        vec![
            user("hello pro"),
            answer("us.amazon.nova-pro-v1:0", "hello pro"),
            user("cut me short please"),
        ]
    );
    t.run("/max-tokens default", "max tokens: model default");

    t.run(&format!("/attach {}", doc.display()), "attached");
    t.run("/attach", "1 attachment(s) will go with the next message");
    t.ask("read this");
    let body = rec.last();
    assert!(body["inferenceConfig"].get("maxTokens").is_none(), "{body}");
    let with_doc = conversation(&body);
    assert_eq!(
        with_doc.last().unwrap(),
        &user("[document notes] | read this")
    );

    t.run("/usage", "3 requests");

    // /copy puts the last answer on the clipboard with OSC 52.
    let last = "Hello from the brock emulator (us.amazon.nova-pro-v1:0). You said: read this [attachments: 1 document]";
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(last);
    t.line("/copy");
    t.expect(&format!("\x1b]52;c;{b64}\x07"));
    t.expect("copied");
    t.ready();

    // /retry sends the same conversation again (the old answer is not in it).
    let before = rec.bodies().len();
    t.run("/retry", "You said: read this");
    assert_eq!(rec.bodies().len(), before + 1);
    assert_eq!(rec.conversation(), with_doc);
    t.run("/undo", "dropped the last exchange");

    // /edit composes the message in $EDITOR; the undone exchange is gone from the request.
    t.run("/edit", "You said: from the editor");
    let conv = rec.conversation();
    assert_eq!(conv.len(), 5, "{conv:?}");
    assert_eq!(conv[4], user("from the editor"));

    let export = env.home.path().join("talk.md");
    t.run(&format!("/export {}", export.display()), "wrote");
    let md = std::fs::read_to_string(&export).unwrap();
    assert!(md.contains("## System\n\nbe brief"), "{md}");
    assert!(md.contains("## User\n\nfrom the editor"), "{md}");
    assert!(!md.contains("read this"), "undone exchange is gone: {md}");

    t.run("/save mywork", "saved as");
    t.line("/sessions");
    t.expect("mywork");
    t.expect("us.amazon.nova-pro-v1:0");
    t.expect("hello pro");
    t.ready();
    t.run("/tools", "no tools");

    // /new keeps the model, system prompt and settings but not the conversation.
    t.run("/new", "new session");
    t.ask("in the new one");
    let body = rec.last();
    assert_eq!(body["system"], json!([{"text": "be brief"}]));
    assert_eq!(conversation(&body), vec![user("in the new one")]);
    t.run("/system --clear", "system prompt removed");
    t.run("/clear", "conversation cleared");
    t.ask("after clearing");
    let body = rec.last();
    assert_eq!(body["system"], json!([]));
    assert_eq!(conversation(&body), vec![user("after clearing")]);

    t.run("/load mywrk", "did you mean mywork");
    t.run("/load mywork", "loaded mywork");
    t.ask("back again");
    let conv = rec.conversation();
    assert_eq!(conv.len(), 7, "{conv:?}");
    assert_eq!(conv[0], user("hello pro"));
    assert_eq!(conv[4], user("from the editor"));
    assert_eq!(conv[6], user("back again"));

    t.line("/exit");
    t.p.expect(expectrl::Eof).unwrap();

    let s = session_named(&env, "mywork");
    assert_eq!(s["model"], "us.amazon.nova-pro-v1:0");
    assert_eq!(s["conversation"]["system"][0]["text"], "be brief");
    assert_eq!(s["settings"]["temperature"], 0.5);
    let tx = texts(&s);
    assert_eq!(tx[0], "hello pro");
    assert_eq!(
        tx.last().unwrap(),
        "Hello from the brock emulator (us.amazon.nova-pro-v1:0). You said: back again"
    );
    assert!(!tx.iter().any(|x| x.contains("in the new one")));
    // The dated autosave renamed by /save mywork is not left behind as a duplicate; the
    // session started by /new is there.
    let names: Vec<String> = sessions(&env)
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"mywork".to_string()));
}

/// `/role NAME` switches the system prompt, model and settings (and the role's tools and params)
/// for the following turns; an unknown role gets a suggestion and changes nothing.
#[test]
fn role_command_switches_system_model_and_settings() {
    let env = TestEnv::new();
    env.write_config(
        "[tools.weather]\ndescription = \"Weather\"\ncommand = [\"true\"]\n\
         [roles.terse]\nsystem = \"Answer in one word.\"\nmodel = \"nova-pro\"\n\
         temperature = 0.1\nmax_tokens = 64\ntools = [\"weather\"]\nparams = { top_k = 5 }\n",
    );
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &["-i"]);
    t.ask("before");
    assert_eq!(rec.last()["system"], json!([]));

    t.run(
        "/role terce",
        "unknown role 'terce' — did you mean 'terse'?",
    );
    t.run("/role", "role: none (roles: terse)");
    t.run("/role terse", "role: terse (model: us.amazon.nova-pro-v1:0");
    t.ask("after");
    let (path, body) = rec.last_request();
    assert!(path.contains("nova-pro"), "{path}");
    assert_eq!(body["system"], json!([{"text": "Answer in one word."}]));
    assert_eq!(body["inferenceConfig"]["temperature"], 0.1);
    assert_eq!(body["inferenceConfig"]["maxTokens"], 64);
    assert_eq!(
        body["toolConfig"]["tools"][0]["toolSpec"]["name"],
        "weather"
    );
    assert_eq!(body["additionalModelRequestFields"]["top_k"], 5);
    // The conversation goes on.
    assert_eq!(rec.conversation().len(), 3);
    t.run("/role", "role: terse");
    t.leave();
}

#[test]
fn ctrl_c_mid_stream_keeps_the_partial_answer() {
    let env = TestEnv::with_options(EmulatorOptions {
        tokens_per_second: 20.0,
        ..Default::default()
    });
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &["--session", "cut"]);
    t.line("[[tokens=5000]]");
    t.expect("lorem ipsum dolor");
    t.send("\x03");
    t.expect("[interrupted]");
    t.ready();
    // Ctrl-C at the prompt clears the line.
    t.send("typed but dropped");
    t.expect("typed but dropped");
    t.send("\x03");
    t.ready();
    t.ask("after the cut");
    // The partial answer went back to the model, and the dropped line did not.
    let conv = rec.conversation();
    assert_eq!(conv.len(), 3, "{conv:?}");
    assert!(
        conv[1].starts_with("assistant: lorem ipsum dolor"),
        "{conv:?}"
    );
    assert!(conv[1].split(' ').count() < 5000);
    assert_eq!(conv[2], user("after the cut"));
    let s = session_named(&env, "cut");
    assert_eq!(s["interrupted"], json!([1]));
    let tx = texts(&s);
    assert!(tx[1].starts_with("lorem ipsum dolor"), "{tx:?}");
    assert_eq!(tx[2], "after the cut");
    assert!(!tx.iter().any(|x| x.contains("typed but dropped")));

    // A crash mid-answer loses no completed turn (and keeps the new prompt).
    t.line("[[tokens=5000]] again");
    t.expect("lorem ipsum dolor");
    t.p.get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL)
        .unwrap();
    let s = session_named(&env, "cut");
    let tx = texts(&s);
    assert_eq!(tx.len(), 5, "{tx:?}");
    assert_eq!(
        tx[3],
        "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: after the cut"
    );
    assert_eq!(tx[4], "[[tokens=5000]] again");
    // ... and the session goes on, one-shot.
    let out = env
        .cmd()
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", rec.url())
        .args(["chat", "--session", "cut", "--max-tokens", "5", "go on"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", crate::common::stderr_of(&out));
    assert_eq!(
        crate::common::stdout_of(&out),
        "lorem ipsum dolor sit amet\n"
    );
    let conv = rec.conversation();
    assert_eq!(conv.len(), 5, "{conv:?}");
    assert_eq!(conv[4], user("[[tokens=5000]] again | go on"));
}

#[test]
fn tool_approval_denied_then_granted_and_session_continues() {
    let env = TestEnv::new();
    env.write_config(&weather_config(&env));
    let rec = Recorder::start(&env);
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
    let mut t = chat(&env, &rec, &args);
    t.run("/tools", "after approval");

    t.line("what does the weather tool say?");
    t.expect("tool call: weather");
    t.expect(RAW_MODE_ON);
    t.expect("[a]lways");
    t.line("n");
    t.expect("The tool returned: the user did not approve running tool weather");
    t.ready();
    assert!(!env.home.path().join("weather.sh.input").exists());
    assert_eq!(
        rec.conversation(),
        vec![
            user("what does the weather tool say?"),
            "assistant: [reasoning, signed] | [tool use weather]".to_string(),
            "user: [tool error: the user did not approve running tool weather]".to_string(),
        ]
    );

    t.line("ask the weather tool again");
    t.expect(RAW_MODE_ON);
    t.expect("[a]lways");
    t.line("a");
    t.expect("The tool returned: {\"forecast\":\"sunny\"}");
    t.ready();
    assert_eq!(
        rec.conversation()[6],
        "user: [tool success: {\"forecast\":\"sunny\"}\n]"
    );
    // "always" holds for the rest of the REPL: no question this time.
    t.run(
        "and the weather tool once more",
        "The tool returned: {\"forecast\":\"sunny\"}",
    );
    assert_eq!(rec.conversation().len(), 11);

    // A disabled tool is not offered; if the model calls it anyway it does not run.
    t.run("/tools disable weather", "tool weather disabled");
    std::fs::remove_file(env.home.path().join("weather.sh.input")).unwrap();
    t.run(
        "weather please",
        "The tool returned: tool weather is disabled in this session",
    );
    assert!(!env.home.path().join("weather.sh.input").exists());
    let tools = &rec.last()["toolConfig"]["tools"];
    assert_eq!(
        tools[0]["toolSpec"]["description"],
        "A tool used earlier in this conversation."
    );
    t.run("/tools enable weather", "tool weather enabled");
    t.run(
        "the weather, now that it is back",
        "The tool returned: {\"forecast\":\"sunny\"}",
    );
    assert!(env.home.path().join("weather.sh.input").exists());
    let tools = &rec.last()["toolConfig"]["tools"];
    assert_eq!(
        tools[0]["toolSpec"]["description"],
        "The weather forecast for a city"
    );
    t.leave();

    // The saved session (signed reasoning, tool calls and results) continues in a new REPL:
    // the emulator refuses it if any signature or tool id came back wrong.
    let s = session_named(&env, "tools");
    let n = s["conversation"]["messages"].as_array().unwrap().len();
    assert_eq!(n, 20);
    assert!(s["settings"].get("disabled_tools").is_none(), "{s}");
    let mut t = chat(&env, &rec, &["--session", "tools"]);
    t.ask("thanks a lot");
    let conv = rec.conversation();
    assert_eq!(conv.len(), n + 1);
    assert_eq!(
        conv[1],
        "assistant: [reasoning, signed] | [tool use weather]"
    );
    assert_eq!(conv[n], user("thanks a lot"));
    assert!(rec.paths().last().unwrap().contains("claude-sonnet"));

    // /load in a running REPL continues it the same way.
    t.run("/new", "new session");
    t.ask("elsewhere");
    t.run("/load tools", "loaded tools");
    t.ask("and back");
    let conv = rec.conversation();
    assert_eq!(conv.len(), n + 3);
    assert_eq!(conv[n + 2], user("and back"));
    // Saving a session the user named under another name copies it.
    t.run("/save tools-copy", "saved as");
    t.leave();
    assert_eq!(
        texts(&session_named(&env, "tools-copy")),
        texts(&session_named(&env, "tools"))
    );

    // --yes: trusted tools run without a question.
    std::fs::remove_file(env.home.path().join("weather.sh.input")).unwrap();
    let mut t = chat(&env, &rec, &["--yes"]);
    t.run("/tools", "without asking");
    t.line("the weather tool, please");
    t.expect("tool call: weather");
    t.expect("The tool returned: {\"forecast\":\"sunny\"}");
    t.ready();
    assert!(env.home.path().join("weather.sh.input").exists());
    t.leave();
}

#[test]
fn failed_turns_keep_the_conversation_and_attachments() {
    let env = TestEnv::new();
    let doc = env.write_file("notes.txt", "some notes");
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &["--session", "f"]);
    t.ask("first");
    // A model no route reaches is refused when chosen, and the model stays.
    t.run(
        "/model invoke/nova-pro",
        "cannot tell which InvokeModel body",
    );
    t.run("/model", &format!("model: {NOVA}"));
    t.run(
        "/model emulator.access-denied",
        "model: emulator.access-denied",
    );
    t.run(&format!("/attach {}", doc.display()), "attached");
    t.run("second", "AccessDeniedException");
    // The message failed: the attachment waits for the next one, the conversation is as it was.
    t.run("/attach", "1 attachment(s) will go with the next message");
    t.run("/retry", "AccessDeniedException");
    let s = session_named(&env, "f");
    assert_eq!(texts(&s).len(), 2, "{s}");
    t.run("/model nova-lite", "(route: converse)");
    t.ask("third");
    assert_eq!(
        rec.conversation(),
        vec![
            user("first"),
            answer(NOVA, "first"),
            user("[document notes] | third")
        ]
    );
    // The failed /retry left the exchange it would have replaced.
    t.run("/retry", "You said: third");
    assert_eq!(rec.conversation().len(), 3);
    t.leave();
}

#[test]
fn bad_flags_are_refused_before_the_repl_opens() {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["chat", "-m", "invoke/nova-pro"]);
    let mut p = Session::spawn(cmd).unwrap();
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    p.expect("cannot tell which InvokeModel body").unwrap();
    p.expect(expectrl::Eof).unwrap();
    let pid = p.get_process().pid();
    assert_eq!(
        p.get_process_mut().wait().unwrap(),
        expectrl::process::unix::WaitStatus::Exited(pid, 2)
    );
}

#[test]
fn repl_turns_are_logged_and_logged_conversations_load() {
    let env = TestEnv::new();
    let logs = |args: &[&str]| -> Vec<Value> {
        let out = env
            .cmd()
            .args(["logs", "--output", "json"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let prompts = |rows: &[Value]| -> Vec<String> {
        rows.iter()
            .map(|r| r["prompt"].as_str().unwrap().to_string())
            .collect()
    };
    // A one-shot conversation: only in the log.
    let out = env.cmd().args(["chat", "from the shell"]).output().unwrap();
    assert!(out.status.success());
    let id = logs(&[])[0]["conversation_id"]
        .as_str()
        .unwrap()
        .to_string();
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &["--session", "r"]);
    t.ask("in the repl");
    t.run("/sessions", &id);
    t.run(&format!("/load {id}"), &format!("loaded {id} (2 messages"));
    t.ask("go on");
    assert_eq!(
        rec.conversation(),
        vec![
            user("from the shell"),
            answer(NOVA, "from the shell"),
            user("go on")
        ]
    );
    t.leave();
    let r = logs(&["--conversation", "r"]);
    assert_eq!(prompts(&r), ["in the repl"]);
    assert_eq!(r[0]["session"], "r");
    assert_eq!(prompts(&logs(&["--cid", &id])), ["from the shell", "go on"]);
    // The loaded conversation is now a session file: `chat -c` opens it in the REPL.
    let mut t = chat(&env, &rec, &["-c"]);
    t.ask("once more");
    assert_eq!(rec.conversation().len(), 5);
    assert_eq!(rec.conversation()[2], user("go on"));
    t.leave();
}

/// `/temperature`, `/top-p`, `/top-k` and `/max-tokens` are checked against the same range
/// table as the flags when set: a refusal is one line and the old value stays.
#[test]
fn sampling_settings_are_range_checked_and_a_refusal_keeps_the_old_value() {
    let env = TestEnv::new();
    let rec = Recorder::start(&env);
    let mut t = chat(&env, &rec, &["-i"]);
    t.run("/temperature 0.3", "temperature: 0.3");
    t.run(
        "/temperature 1.5",
        "/temperature 1.5: must be a number from 0 to 1",
    );
    t.run("/temperature", "temperature: 0.3");
    t.run("/top-p 0.9", "top-p: 0.9");
    t.run("/top-p 2", "/top-p 2: must be a number from 0 to 1");
    t.run("/top-p -0.1", "/top-p -0.1: must be a number from 0 to 1");
    t.run("/top-p", "top-p: 0.9");
    t.run("/top-k 40", "top-k: 40");
    t.run("/top-k 0", "/top-k 0:");
    t.run("/top-k", "top-k: 40");
    t.run("/max-tokens 0", "/max-tokens 0:");
    t.run("/max-tokens 200", "max tokens: 200");
    t.ask("sampled");
    let body = rec.last();
    assert_eq!(body["inferenceConfig"]["temperature"], 0.3, "{body}");
    assert_eq!(body["inferenceConfig"]["topP"], 0.9, "{body}");
    assert_eq!(body["inferenceConfig"]["maxTokens"], 200, "{body}");
    assert!(body.to_string().contains("40"), "top-k sent: {body}");
    t.run("/top-p default", "top-p: model default");
    t.ask("unsampled");
    let body = rec.last();
    assert!(body["inferenceConfig"].get("topP").is_none(), "{body}");
    t.leave();
}

//! `brock flow invoke` against the emulator: outputs as they arrive, traces on stderr, the
//! ndjson/json forms, the multi-turn conversation (on a terminal, and without one: status 7 and
//! `--execution-id`), input refused before sending, service errors, and the emulator's InvokeFlow
//! bytes read by the AWS SDK.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

const FLOW: &str = "FLOW123456";
const CHAT_FLOW: &str = "FLOWCHAT01";
const ALIAS: &str = "TSTALIASID";

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    // Empty stdin: no terminal, and nothing appended to the input.
    env.cmd().args(args).write_stdin("").output().unwrap()
}

fn ok(env: &TestEnv, args: &[&str]) -> (String, String) {
    let out = run(env, args);
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    (stdout_of(&out), stderr_of(&out))
}

#[test]
fn invoke_prints_outputs_and_traces_on_stderr() {
    let env = TestEnv::new();
    let (out, err) = ok(&env, &["flow", "invoke", FLOW, ALIAS, "hello", "flow"]);
    assert_eq!(
        out,
        "Hello from flow summarise (FLOW123456, alias TSTALIASID). You said: hello flow\n"
    );
    assert!(!err.contains("trace:"), "{err}");

    let (out, err) = ok(
        &env,
        &["flow", "invoke", FLOW, "LIVE123456", "hi", "--trace"],
    );
    assert!(
        out.ends_with("You said: hi\n") && !out.contains("trace"),
        "{out}"
    );
    assert!(
        err.contains("trace: node FlowInputNode output document: hi"),
        "{err}"
    );
    assert!(
        err.contains("trace: node FlowOutputNode input document: Hello from flow"),
        "{err}"
    );

    // A JSON document goes as JSON; piped stdin is the input when no argument is given.
    let out = env
        .cmd()
        .args(["flow", "invoke", FLOW, ALIAS, "--json"])
        .write_stdin(r#"{"city": "Paris"}"#)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).ends_with("You said: {\"city\":\"Paris\"}\n"),
        "{}",
        stdout_of(&out)
    );

    let (out, _) = ok(
        &env,
        &[
            "--output", "ndjson", "flow", "invoke", FLOW, ALIAS, "hi", "--trace",
        ],
    );
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let types: Vec<&str> = lines.iter().map(|l| l["type"].as_str().unwrap()).collect();
    assert_eq!(
        types,
        ["trace", "trace", "trace", "output", "completion"],
        "{out}"
    );
    assert_eq!(lines[3]["nodeType"], "FlowOutputNode");
    assert_eq!(lines[4]["completionReason"], "SUCCESS");

    let (out, _) = ok(
        &env,
        &["--output", "json", "flow", "invoke", FLOW, ALIAS, "hi"],
    );
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["completionReason"], "SUCCESS");
    assert!(doc["executionId"].as_str().unwrap().len() > 10);
    assert_eq!(
        doc["outputs"][0]["document"],
        "Hello from flow summarise (FLOW123456, alias TSTALIASID). You said: hi"
    );
}

/// Without a terminal, a flow's question is printed, the execution remembered, and brock exits
/// with status 7; `--execution-id` answers it (the answer goes to the node that asked).
#[test]
fn a_multi_turn_flow_without_a_terminal_stops_with_status_7_and_continues() {
    let env = TestEnv::new();
    let out = run(
        &env,
        &["flow", "invoke", CHAT_FLOW, ALIAS, "Make a playlist"],
    );
    assert_eq!(out.status.code(), Some(7), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "How many songs, and which genre?\n");
    let err = stderr_of(&out);
    assert!(
        err.contains("waiting for more input (node AgentsNode_1)"),
        "{err}"
    );
    let id = err
        .split("--execution-id ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap_or_else(|| panic!("no execution id in {err}"))
        .to_string();
    let store = env.data_dir().join("flow-executions.json");
    let saved: Value = serde_json::from_slice(&std::fs::read(&store).unwrap()).unwrap();
    assert_eq!(saved[&id]["nodeName"], "AgentsNode_1");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&store).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let out = run(
        &env,
        &[
            "flow",
            "invoke",
            CHAT_FLOW,
            ALIAS,
            "--execution-id",
            &id,
            "5 jazz songs",
        ],
    );
    assert_eq!(out.status.code(), Some(7), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "Which theme should the playlist have?\n");

    // JSON: the request is in the document, and the status still says the flow is waiting.
    let out = run(
        &env,
        &[
            "--output",
            "json",
            "flow",
            "invoke",
            CHAT_FLOW,
            ALIAS,
            "--execution-id",
            &id,
            "rain",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(doc["executionId"], id.as_str());
    assert_eq!(doc["completionReason"], "SUCCESS");
    assert_eq!(
        doc["outputs"][0]["document"],
        "A playlist for \"Make a playlist\": 5 jazz songs, on the theme rain."
    );
    // The finished execution is forgotten.
    let saved: Value = serde_json::from_slice(&std::fs::read(&store).unwrap()).unwrap();
    assert!(saved.get(&id).is_none(), "{saved}");

    let out = run(
        &env,
        &[
            "--output",
            "json",
            "flow",
            "invoke",
            CHAT_FLOW,
            ALIAS,
            "Another playlist",
        ],
    );
    assert_eq!(out.status.code(), Some(7), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(doc["completionReason"], "INPUT_REQUIRED");
    assert_eq!(doc["inputRequest"]["nodeName"], "AgentsNode_1");
    assert_eq!(
        doc["inputRequest"]["document"],
        "How many songs, and which genre?"
    );

    // An execution brock knows nothing about needs the node named.
    let out = run(
        &env,
        &[
            "flow",
            "invoke",
            CHAT_FLOW,
            ALIAS,
            "--execution-id",
            "unknown-1",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("--input-node"),
        "{}",
        stderr_of(&out)
    );
    // Named, it goes there; the service says whether that execution is waiting.
    let out = run(
        &env,
        &[
            "flow",
            "invoke",
            CHAT_FLOW,
            ALIAS,
            "--execution-id",
            "unknown-1",
            "--input-node",
            "AgentsNode_1",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("ValidationException: Flow execution unknown-1 is not waiting"),
        "{}",
        stderr_of(&out)
    );
}

/// On a terminal the flow's questions are asked and answered in one run.
#[test]
fn a_multi_turn_flow_on_a_terminal_asks_the_user() {
    use expectrl::{Expect, Session};
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["flow", "invoke", CHAT_FLOW, ALIAS, "Make a playlist"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    let expect = |p: &mut Session<_, _>, what: &str| {
        if let Err(e) = p.expect(what) {
            panic!("waiting for {what:?}: {e}");
        }
    };
    expect(&mut p, "How many songs, and which genre?");
    expect(&mut p, "> ");
    p.send("5 jazz songs\r").unwrap();
    expect(&mut p, "Which theme should the playlist have?");
    expect(&mut p, "> ");
    p.send("rain\r").unwrap();
    expect(
        &mut p,
        "A playlist for \"Make a playlist\": 5 jazz songs, on the theme rain.",
    );
    p.expect(expectrl::Eof).expect("brock exits");
    let pid = p.get_process().pid();
    assert_eq!(
        p.get_process_mut().wait().unwrap(),
        expectrl::process::unix::WaitStatus::Exited(pid, 0)
    );
}

#[test]
fn bad_input_is_refused_before_sending() {
    let env = TestEnv::new();
    for (args, needle) in [
        (vec!["flow", "invoke", "FLOW1", ALIAS, "hi"], "flow id"),
        (
            vec!["flow", "invoke", FLOW, "bad-alias", "hi"],
            "flow alias id",
        ),
        (
            vec!["flow", "invoke", FLOW, ALIAS, "--input-node", "1node", "hi"],
            "--input-node",
        ),
        (
            vec![
                "flow",
                "invoke",
                FLOW,
                ALIAS,
                "--input-output-name",
                "a__b",
                "hi",
            ],
            "--input-output-name",
        ),
        (
            vec!["flow", "invoke", FLOW, ALIAS, "--json", "{"],
            "not JSON",
        ),
        (vec!["flow", "invoke", FLOW, ALIAS], "no input"),
        (
            vec!["flow", "invoke", FLOW, ALIAS, "--execution-id", "x", "hi"],
            "--execution-id",
        ),
    ] {
        let out = run(&env, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(stdout_of(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn service_errors_have_their_exit_codes() {
    let env = TestEnv::new();
    let out = run(&env, &["flow", "invoke", "FLOWNOPE00", ALIAS, "hi"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("ResourceNotFoundException"),
        "{}",
        stderr_of(&out)
    );
    // A failure inside the stream after the flow started.
    let out = run(
        &env,
        &["flow", "invoke", FLOW, ALIAS, "[[dependency-failed]]"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("dependencyFailedException")
            || stderr_of(&out).contains("DependencyFailedException"),
        "{}",
        stderr_of(&out)
    );
    // The flow's own input node takes the input under its output name.
    let out = run(
        &env,
        &[
            "flow",
            "invoke",
            FLOW,
            ALIAS,
            "--input-output-name",
            "other",
            "hi",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("ValidationException"),
        "{}",
        stderr_of(&out)
    );
}

/// The emulator's InvokeFlow stream as the AWS SDK reads it, through a whole multi-turn
/// conversation.
#[tokio::test]
async fn the_sdk_reads_invoke_flow() {
    use aws_sdk_bedrockagentruntime::types::{
        FlowCompletionReason, FlowInput, FlowInputContent, FlowResponseStream,
    };
    let emu = brock_emulator::BackgroundEmulator::start(Default::default()).unwrap();
    let c = crate::agent::sdk_client(&emu.url());
    let input = |node: &str, doc: &str, asked: bool| {
        let b = FlowInput::builder()
            .node_name(node)
            .content(FlowInputContent::Document(doc.to_string().into()));
        let b = if asked {
            b.node_input_name("agentInputText")
        } else {
            b.node_output_name("document")
        };
        b.build().unwrap()
    };
    let mut execution: Option<String> = None;
    let mut asked = Vec::new();
    let mut next = input("FlowInputNode", "Make a playlist", false);
    loop {
        let mut out = c
            .invoke_flow()
            .flow_identifier(CHAT_FLOW)
            .flow_alias_identifier(ALIAS)
            .set_execution_id(execution.clone())
            .inputs(next.clone())
            .enable_trace(true)
            .send()
            .await
            .unwrap();
        execution = out.execution_id().map(str::to_string);
        let mut reason = None;
        let mut output = None;
        while let Some(ev) = out.response_stream.recv().await.unwrap() {
            match ev {
                FlowResponseStream::FlowMultiTurnInputRequestEvent(r) => {
                    assert_eq!(r.node_name(), "AgentsNode_1");
                    let q = r.content().and_then(|c| c.as_document().ok());
                    asked.push(q.and_then(|d| d.as_string()).unwrap().to_string());
                }
                FlowResponseStream::FlowOutputEvent(o) => {
                    output = o
                        .content()
                        .and_then(|c| c.as_document().ok())
                        .and_then(|d| d.as_string())
                        .map(str::to_string);
                }
                FlowResponseStream::FlowCompletionEvent(e) => {
                    reason = Some(e.completion_reason().clone());
                }
                FlowResponseStream::FlowTraceEvent(_) => {}
                other => panic!("{other:?}"),
            }
        }
        match reason.expect("a completion event") {
            FlowCompletionReason::InputRequired => {
                let answer = if asked.len() == 1 {
                    "5 jazz songs"
                } else {
                    "rain"
                };
                next = input("AgentsNode_1", answer, true);
            }
            FlowCompletionReason::Success => {
                assert_eq!(
                    output.as_deref(),
                    Some("A playlist for \"Make a playlist\": 5 jazz songs, on the theme rain.")
                );
                break;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(asked.len(), 2);
}

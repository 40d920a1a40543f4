//! The turn engine (`brock::engine`) driven the way a front end without a terminal (the gateway)
//! drives it: its own sink, its own approval callback, its own record of the conversation,
//! against the emulator over loopback. And the Printer's outcomes the binary maps: a reader that
//! closes stdout ends a command quietly with success.

use std::collections::BTreeMap;
use std::io::Read;
use std::process::Stdio;

use brock::ToolConfig;
use brock::engine::{self, LoopEvent, Notice, Sink, Timing, Tools, TurnOptions};
use brock::error::{Error, Result};
use brock::tools::{Approval, Decision, ToolRunner};
use brock_bedrock::{Client, ClientConfig, Credentials, Endpoints};
use brock_core::converse::{ChatResponse, StopReason};
use brock_core::message::{Conversation, Message, Part, Role, ToolSpec};
use brock_core::request::ChatRequest;
use brock_core::route::Plan;
use brock_core::stream::StreamEvent;
use serde_json::Value;

use crate::common::TestEnv;
use crate::session::weather_config;

const MODEL: &str = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

/// Everything a turn showed, as a gateway would collect it.
#[derive(Default)]
struct Collect {
    begun: usize,
    ended: usize,
    text: String,
    tool_calls: Vec<(String, String, Value)>,
    finished: Vec<StopReason>,
    notices: Vec<String>,
}

impl Sink for Collect {
    fn begin(&mut self, req: &ChatRequest, plan: &Plan) -> Result<()> {
        assert_eq!(req.model_id, plan.model_id);
        self.begun += 1;
        Ok(())
    }
    fn event(&mut self, ev: &StreamEvent) -> Result<()> {
        if let StreamEvent::TextDelta { text, .. } = ev {
            self.text.push_str(text);
        }
        Ok(())
    }
    fn tool_call(&mut self, id: &str, name: &str, input: &Value) -> Result<()> {
        self.tool_calls
            .push((id.to_string(), name.to_string(), input.clone()));
        Ok(())
    }
    fn whole(&mut self, _resp: &ChatResponse) -> Result<()> {
        panic!("the turn was streamed: no whole answer expected")
    }
    fn finish(&mut self, resp: ChatResponse, _timing: Timing) -> Result<ChatResponse> {
        self.finished.push(resp.stop_reason.clone());
        Ok(resp)
    }
    fn failed(&mut self, _partial: &ChatResponse, err: &Error) {
        panic!("the turn failed: {err}")
    }
    fn end(&mut self) {
        self.ended += 1;
    }
    fn notice(&mut self, notice: Notice<'_>) {
        self.notices.push(match notice {
            Notice::Warning(w) => format!("warning {w}"),
            Notice::Route(p) => format!("route {}", p.api_operation()),
            Notice::RunningTools(calls) => format!("running {}", calls.len()),
            Notice::ToolResults(parts) => format!("results {}", parts.len()),
            Notice::TooManyToolRounds => "too many rounds".into(),
        });
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

async fn client(env: &TestEnv) -> Client {
    let url = env.url();
    Client::new(ClientConfig {
        region: Some("us-east-1".into()),
        endpoints: Endpoints {
            runtime: Some(url.clone()),
            control: Some(url.clone()),
            agent_runtime: Some(url),
        },
        static_credentials: Some(Credentials::new(
            brock_emulator::DEFAULT_ACCESS_KEY,
            brock_emulator::DEFAULT_SECRET_KEY,
            None,
            None,
            "engine-test",
        )),
        ..ClientConfig::default()
    })
    .await
    .expect("client")
}

/// The `[tools.weather]` of the session tests, as the runner's table.
fn weather_tools(env: &TestEnv) -> BTreeMap<String, ToolConfig> {
    #[derive(serde::Deserialize)]
    struct File {
        tools: BTreeMap<String, ToolConfig>,
    }
    let file: File = toml::from_str(&weather_config(env)).unwrap();
    file.tools
}

#[test]
fn a_turn_with_a_tool_round_runs_without_a_terminal() {
    let env = TestEnv::new();
    let tools = weather_tools(&env);
    let spec = ToolSpec::new(
        "weather",
        Some("The weather forecast for a city".into()),
        tools["weather"].parameters.clone(),
    );
    let mut req = ChatRequest::new(
        MODEL,
        Conversation {
            system: Vec::new(),
            messages: vec![Message::user_text(
                "what does the weather tool say for Paris?",
            )],
        },
    );
    req.tools = vec![spec];
    let mut runner = ToolRunner::new(tools, Approval::Ask);
    let mut asked = Vec::new();
    let mut ask = |name: &str, input: &Value| {
        asked.push((name.to_string(), input.clone()));
        Decision::Yes
    };
    let mut recorded = Vec::new();
    let mut usage_events = 0;
    let mut sink = Collect::default();
    let outcome = runtime().block_on(async {
        let client = client(&env).await;
        let mut record = |ev: LoopEvent<'_>| -> Result<()> {
            match ev {
                LoopEvent::Message { message, .. } => recorded.push(message.clone()),
                LoopEvent::Usage { .. } => usage_events += 1,
            }
            Ok(())
        };
        engine::run(
            &client,
            &mut req,
            &TurnOptions {
                stream: true,
                ..TurnOptions::default()
            },
            &mut sink,
            Some(Tools {
                runner: &mut runner,
                ask: &mut ask,
            }),
            &mut record,
        )
        .await
    });
    let outcome = outcome.unwrap_or_else(|e| panic!("the turn failed: {e}"));

    // Two requests: the tool call, then the answer to its result.
    assert_eq!((sink.begun, sink.ended), (2, 2));
    assert_eq!(
        sink.finished,
        vec![StopReason::ToolUse, StopReason::EndTurn]
    );
    assert!(
        sink.notices.iter().any(|n| n == "route ConverseStream"),
        "{:?}",
        sink.notices
    );
    assert!(sink.notices.contains(&"results 1".to_string()));
    // Asked first (the front end approves), so not announced as running unasked.
    assert!(!sink.notices.iter().any(|n| n.starts_with("running")));
    // The call was assembled from its streamed fragments before anything ran.
    assert_eq!(sink.tool_calls.len(), 1, "{:?}", sink.tool_calls);
    let (id, name, input) = &sink.tool_calls[0];
    assert_eq!(name, "weather");
    assert!(input["city"].is_string(), "{input}");
    assert_eq!(asked, vec![(name.clone(), input.clone())]);
    assert!(
        sink.text
            .contains("The tool returned: {\"forecast\":\"sunny\"}"),
        "{}",
        sink.text
    );

    // What joined the conversation: the call, its result, the answer — in the request too.
    assert_eq!(recorded.len(), 3, "{recorded:?}");
    assert_eq!(recorded[1].role, Role::User);
    assert!(matches!(
        &recorded[1].content[0],
        Part::ToolResult { tool_use_id, .. } if tool_use_id == id
    ));
    assert_eq!(req.conversation.messages.len(), 4);
    assert_eq!(usage_events, 2);
    assert!(!outcome.interrupted && !outcome.stdout_closed);
    assert_eq!(outcome.stop_reason, Some(StopReason::EndTurn));
    assert!(outcome.usage.input > 0 && outcome.usage.output > 0);
}

#[test]
fn a_refused_tool_call_goes_back_as_an_error_result() {
    let env = TestEnv::new();
    let tools = weather_tools(&env);
    let mut req = ChatRequest::new(
        MODEL,
        Conversation {
            system: Vec::new(),
            messages: vec![Message::user_text("call the weather tool")],
        },
    );
    req.tools = vec![ToolSpec::new(
        "weather",
        None,
        tools["weather"].parameters.clone(),
    )];
    let mut runner = ToolRunner::new(tools, Approval::Ask);
    let mut ask = |_: &str, _: &Value| Decision::No;
    let mut sink = Collect::default();
    runtime()
        .block_on(async {
            let client = client(&env).await;
            engine::run(
                &client,
                &mut req,
                &TurnOptions {
                    stream: true,
                    ..TurnOptions::default()
                },
                &mut sink,
                Some(Tools {
                    runner: &mut runner,
                    ask: &mut ask,
                }),
                &mut |_| Ok(()),
            )
            .await
        })
        .unwrap_or_else(|e| panic!("the turn failed: {e}"));
    assert!(
        !env.home.path().join("weather.sh.input").exists(),
        "the tool did not run"
    );
    let result = &req.conversation.messages[2];
    assert!(
        matches!(&result.content[0], Part::ToolResult { status: Some(s), .. } if *s == brock_core::message::ToolStatus::Error),
        "{result:?}"
    );
    assert!(
        sink.text
            .contains("the user did not approve running tool weather"),
        "{}",
        sink.text
    );
}

/// `brock … | head`: the reader leaves before the answer is written. The command ends with
/// success and says nothing (no error line, no panic), for chat without a session and raw.
#[test]
fn a_reader_that_closes_stdout_ends_the_command_quietly() {
    let env = TestEnv::new();
    for args in [
        vec!["chat", "--no-log", "hello there"],
        vec!["--output", "json", "chat", "--no-log", "hello there"],
        vec!["raw", "GET", "/foundation-models"],
    ] {
        let mut child = env
            .std_cmd()
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before brock writes a byte: its first write fails with EPIPE.
        drop(child.stdout.take());
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("error") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

//! `brock flow invoke`: run a Bedrock flow alias (InvokeFlow) and print each output node's
//! document as it arrives. A flow that asks for more input (an agent node in a multi-turn
//! conversation) is answered on the terminal; without one, brock prints the question, remembers
//! which node asked, and exits with status 7 so that `--execution-id` can continue it.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::config::{Settings, data_dir};
use crate::error::{Error, Result};
use crate::files::{create_private_dir, write_atomic};
use crate::render::Printer;
use crate::render::{ColorChoice, diag, sanitize::for_terminal, stdout_write};
use brock_bedrock::{ApiRequest, Service, path_segment};
use brock_core::agent::{self as wire, FlowEvent, FlowInput};
use clap::{Args, Subcommand};

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "A flow that asks for more input (an agent node in a multi-turn conversation) \
prompts on a terminal; otherwise brock prints the question and exits with status 7, and the answer \
continues the execution:\n  \
brock flow invoke FLOWCHAT01 TSTALIASID --execution-id ID \"5 jazz songs\"\n\n\
Examples:\n  \
brock flow invoke ABCDE12345 TSTALIASID \"Summarise the release notes\" < notes.txt\n  \
brock flow invoke ABCDE12345 LIVE123456 --json '{\"city\": \"Paris\"}' --trace\n  \
brock --output ndjson flow invoke ABCDE12345 TSTALIASID \"hello\""
)]
pub struct FlowArgs {
    #[command(subcommand)]
    pub command: FlowCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum FlowCommand {
    /// Run a flow alias with one input and print its outputs as they arrive (InvokeFlow)
    Invoke(FlowInvokeArgs),
}

#[derive(Debug, Clone, Args)]
pub struct FlowInvokeArgs {
    /// Flow id (10 letters and digits) or flow ARN
    #[arg(value_name = "FLOW_ID")]
    pub flow: String,

    /// Flow alias id (TSTALIASID for the working draft) or alias ARN
    #[arg(value_name = "ALIAS_ID")]
    pub alias: String,

    /// The input document; piped stdin is appended to it (or is the input when none is given)
    #[arg(value_name = "INPUT")]
    pub input: Vec<String>,

    /// Send the input as a JSON document (object, array, number…) instead of text
    #[arg(long)]
    pub json: bool,

    /// Node the input goes to [default: FlowInputNode; with --execution-id, the node that asked]
    #[arg(long, value_name = "NAME")]
    pub input_node: Option<String>,

    /// Output name of the input node (nodeOutputName) [default: document]
    #[arg(long, value_name = "NAME", conflicts_with = "execution_id")]
    pub input_output_name: Option<String>,

    /// Continue this flow execution: the input answers the question the flow asked
    #[arg(long, value_name = "ID")]
    pub execution_id: Option<String>,

    /// Show each node's inputs and outputs dimmed on stderr
    #[arg(long)]
    pub trace: bool,
}

pub async fn run(printer: &Printer, settings: &Settings, args: &FlowArgs) -> Result<()> {
    match &args.command {
        FlowCommand::Invoke(a) => invoke(printer, settings, a).await,
    }
}

fn usage(e: brock_core::error::Error) -> Error {
    Error::Usage(e.to_string())
}

/// Executions waiting for input, by execution id: the flow, alias and node that asked.
fn pending_path() -> PathBuf {
    data_dir().join("flow-executions.json")
}

fn load_pending(path: &Path) -> BTreeMap<String, Value> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Records (or with `None`, forgets) what an execution is waiting for; 0600, replaced atomically.
fn store_pending(execution_id: &str, waiting: Option<Value>) -> Result<()> {
    let path = pending_path();
    let mut all = load_pending(&path);
    match waiting {
        Some(w) => {
            all.insert(execution_id.to_string(), w);
        }
        None => {
            if all.remove(execution_id).is_none() {
                return Ok(());
            }
        }
    }
    create_private_dir(path.parent().unwrap_or(Path::new(".")))?;
    write_atomic(&path, &serde_json::to_vec_pretty(&all).unwrap_or_default())
}

fn write_out(s: &str) -> Result<()> {
    if Printer::current().stdout_tty {
        stdout_write(&for_terminal(s))
    } else {
        stdout_write(s)
    }
}

fn trace_line(line: &str, color: ColorChoice) {
    let line = Printer::current().safe_err(line).into_owned();
    let mut err = std::io::stderr().lock();
    let _ = if color.stderr {
        writeln!(err, "\x1b[2mtrace: {line}\x1b[0m")
    } else {
        writeln!(err, "trace: {line}")
    };
}

/// What the flow asked for.
struct Request {
    node: String,
    node_type: String,
    document: Value,
}

async fn invoke(printer: &Printer, settings: &Settings, args: &FlowInvokeArgs) -> Result<()> {
    wire::check_flow_id(&args.flow).map_err(usage)?;
    wire::check_flow_alias_id(&args.alias).map_err(usage)?;
    if let Some(e) = &args.execution_id {
        wire::check_session_id("--execution-id", e).map_err(usage)?;
    }
    if let Some(n) = &args.input_node {
        wire::check_node_name("--input-node", n).map_err(usage)?;
    }
    if let Some(n) = &args.input_output_name {
        wire::check_node_name("--input-output-name", n).map_err(usage)?;
    }
    let text = super::agent::read_text(&args.input, "input")?;
    let document = if args.json {
        serde_json::from_str::<Value>(&text)
            .map_err(|e| Error::usage(format!("--json: the input is not JSON: {e}")))?
    } else {
        Value::String(text)
    };
    let mut input = match &args.execution_id {
        None => FlowInput {
            node: args
                .input_node
                .clone()
                .unwrap_or_else(|| wire::FLOW_INPUT_NODE.into()),
            output_name: Some(
                args.input_output_name
                    .clone()
                    .unwrap_or_else(|| wire::FLOW_INPUT_OUTPUT.into()),
            ),
            input_name: None,
            document,
        },
        Some(id) => {
            let asked = load_pending(&pending_path())
                .get(id)
                .and_then(|w| w.get("nodeName"))
                .and_then(Value::as_str)
                .map(str::to_string);
            let node = args.input_node.clone().or(asked).ok_or_else(|| {
                Error::usage(format!(
                    "--execution-id {id}: brock has no record of a question from this execution; name the node that asked with --input-node NODE"
                ))
            })?;
            FlowInput {
                node,
                output_name: None,
                input_name: Some(wire::AGENT_NODE_INPUT.into()),
                document,
            }
        }
    };

    let client = crate::transport::client(settings).await?;
    let output = settings.output.unwrap_or(OutputFormat::Text);
    let color = printer.color;
    let interactive = printer.stdin_tty && printer.stderr_tty;
    let path = format!(
        "/flows/{}/aliases/{}",
        path_segment(&args.flow),
        path_segment(&args.alias)
    );
    let mut execution_id = args.execution_id.clone();
    let mut outputs = Vec::new();
    let mut traces = Vec::new();
    let mut editor: Option<crate::repl::LineInput> = None;
    loop {
        let body = wire::flow_body(&input, execution_id.as_deref(), args.trace);
        let resp = client
            .send(
                &ApiRequest::post_json(Service::AgentRuntime, path.clone(), &body)
                    .header("accept", "application/vnd.amazon.eventstream"),
            )
            .await?;
        if let Some(id) = resp.header("x-amz-bedrock-flow-execution-id") {
            execution_id = Some(id.to_string());
        }
        if !resp.is_event_stream() {
            return Err(Error::Protocol(format!(
                "InvokeFlow answered {} instead of an event stream",
                resp.header("content-type").unwrap_or("no content type")
            )));
        }
        let mut events = resp.events();
        let mut asked = None;
        let mut reason = None;
        while let Some(ev) = events.next().await? {
            let parsed = wire::parse_flow_event(&ev.event_type, &ev.payload)
                .map_err(|e| Error::Protocol(e.to_string()))?;
            match parsed {
                FlowEvent::Output {
                    node,
                    node_type,
                    document,
                } => {
                    match output {
                        OutputFormat::Text => {
                            write_out(&format!("{}\n", wire::document_text(&document)))?
                        }
                        OutputFormat::Ndjson => write_out(&format!(
                            "{}\n",
                            json!({"type": "output", "nodeName": node, "nodeType": node_type, "document": document})
                        ))?,
                        OutputFormat::Json => {}
                    }
                    outputs.push(
                        json!({"nodeName": node, "nodeType": node_type, "document": document}),
                    );
                }
                FlowEvent::InputRequest {
                    node,
                    node_type,
                    document,
                } => {
                    if output == OutputFormat::Ndjson {
                        write_out(&format!(
                            "{}\n",
                            json!({"type": "input_request", "nodeName": node, "nodeType": node_type, "document": document})
                        ))?;
                    }
                    asked = Some(Request {
                        node,
                        node_type,
                        document,
                    });
                }
                FlowEvent::Completion { reason: r } => {
                    if output == OutputFormat::Ndjson {
                        write_out(&format!(
                            "{}\n",
                            json!({"type": "completion", "completionReason": r, "executionId": execution_id})
                        ))?;
                    }
                    reason = Some(r);
                }
                FlowEvent::Trace { lines, raw } => {
                    if args.trace {
                        match output {
                            OutputFormat::Text => {
                                for l in &lines {
                                    trace_line(l, color);
                                }
                            }
                            OutputFormat::Ndjson => {
                                write_out(&format!("{}\n", json!({"type": "trace", "trace": raw})))?
                            }
                            OutputFormat::Json => {}
                        }
                        traces.push(raw);
                    }
                }
                FlowEvent::Other { event_type, raw } => {
                    if output == OutputFormat::Ndjson {
                        write_out(&format!("{}\n", json!({"type": event_type, "event": raw})))?;
                    }
                }
            }
        }
        let Some(request) = asked else {
            if reason.is_none() {
                return Err(Error::Protocol(
                    "the flow's stream ended without a flowCompletionEvent".into(),
                ));
            }
            if let Some(exec) = &execution_id {
                store_pending(exec, None)?;
            }
            if output == OutputFormat::Json {
                let doc = json!({
                    "executionId": execution_id,
                    "completionReason": reason,
                    "outputs": outputs,
                    "traces": traces,
                });
                write_out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).unwrap_or_default()
                ))?;
            }
            return Ok(());
        };
        let question = wire::document_text(&request.document);
        if interactive && output == OutputFormat::Text {
            if editor.is_none() {
                editor = Some(crate::repl::LineInput::new(&[])?);
            }
            diag(&format!("the flow asks ({}): {question}", request.node));
            let answer = editor.as_mut().expect("set above").read("> ")?;
            if let Some(a) = answer.filter(|a| !a.trim().is_empty()) {
                input = FlowInput {
                    node: request.node,
                    output_name: None,
                    input_name: Some(wire::AGENT_NODE_INPUT.into()),
                    document: Value::String(a),
                };
                continue;
            }
        } else if output == OutputFormat::Text {
            write_out(&format!("{question}\n"))?;
        }
        if output == OutputFormat::Json {
            let doc = json!({
                "executionId": execution_id,
                "completionReason": reason,
                "outputs": outputs,
                "inputRequest": {"nodeName": request.node, "nodeType": request.node_type, "document": request.document},
                "traces": traces,
            });
            write_out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
        // Without an execution id (the header is optional in the service model) nothing can
        // continue this execution.
        let Some(exec) = execution_id.clone() else {
            return Err(Error::Protocol(format!(
                "the flow asks for more input (node {}) but InvokeFlow sent no execution id to continue with",
                request.node
            )));
        };
        store_pending(
            &exec,
            Some(json!({
                "flow": args.flow, "alias": args.alias,
                "nodeName": request.node, "question": question,
            })),
        )?;
        return Err(Error::InputRequired(format!(
            "the flow is waiting for more input (node {}); answer with: brock flow invoke {} {} --execution-id {exec} \"…\"",
            request.node, args.flow, args.alias
        )));
    }
}

//! `brock agent`: Bedrock Agents (InvokeAgent, streamed, with sessions, traces, citations and
//! return of control) and knowledge bases (Retrieve, RetrieveAndGenerate[Stream]).
//!
//! Everything typed is checked before the first request: ids, session ids, attributes,
//! filters, approval mode. The wire bodies and event parsing live in `core::agent`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::config::{Settings, data_dir, did_you_mean};
use crate::error::{Error, Result};
use crate::files::{create_private_dir, write_atomic};
use crate::render::Printer;
use crate::render::approval::ask_on_terminal;
use crate::render::stream::{StreamOptions, StreamRenderer};
use crate::render::table::Table;
use crate::render::{diag, sanitize::for_terminal, stdout_write};
use crate::tools::{Approval, ToolRunner};
use brock_bedrock::{ApiRequest, ApiResponse, Client, Service, path_segment};
use brock_core::agent::{
    self as wire, AgentEvent, Citation, InlineAgent, Invocation, InvokeAgent, References, Retrieval,
};
use brock_core::message::{Part, ToolResultContent, ToolStatus};
use clap::{Args, Subcommand};

#[derive(Debug, Clone, Args)]
#[command(after_help = "Agents can be named in the config file:\n  \
[agents.support]\n  \
agent_id = \"ABCDE12345\"\n  \
alias_id = \"TSTALIASID\"\n\n\
Examples:\n  \
brock agent invoke support \"Where is my order?\"\n  \
brock agent invoke ABCDE12345 TSTALIASID \"What is the weather in Paris?\" --tools --trace\n  \
brock agent invoke support --continue \"And tomorrow?\"\n  \
brock agent retrieve KB12345678 \"refund policy\" --top-k 10 --filter '{\"equals\":{\"key\":\"category\",\"value\":\"billing\"}}'\n  \
brock agent ask KB12345678 \"How long do refunds take?\" -m nova-pro")]
pub struct AgentArgs {
    #[command(subcommand)]
    pub command: AgentCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AgentCommand {
    /// Invoke an agent and stream its answer (InvokeAgent)
    Invoke(AgentInvokeArgs),
    /// Talk to an agent turn by turn in one session
    Chat(AgentChatArgs),
    /// Run an agent defined on the command line: model, instruction, tools, knowledge bases
    /// (InvokeInlineAgent)
    Inline(AgentInlineArgs),
    /// Query a knowledge base for matching passages (Retrieve)
    Retrieve(AgentRetrieveArgs),
    /// Ask a knowledge base: a generated answer with citations (RetrieveAndGenerate)
    Ask(AgentAskArgs),
}

/// Session options shared by `agent invoke` and `agent chat`.
#[derive(Debug, Clone, Default, Args)]
pub struct AgentSessionArgs {
    /// Session id to use (default: a new one, printed on stderr)
    #[arg(long, value_name = "ID", conflicts_with = "continue_session")]
    pub session: Option<String>,

    /// Reuse the last session of this agent and alias
    #[arg(short = 'c', long = "continue")]
    pub continue_session: bool,

    /// Memory id, for agents with long-term memory enabled
    #[arg(long, value_name = "ID")]
    pub memory_id: Option<String>,

    /// Session attribute KEY=VALUE, kept for the whole session (repeatable)
    #[arg(long = "session-attr", value_name = "KEY=VALUE")]
    pub session_attrs: Vec<String>,

    /// Prompt session attribute KEY=VALUE, for this turn only (repeatable)
    #[arg(long = "prompt-attr", value_name = "KEY=VALUE")]
    pub prompt_attrs: Vec<String>,

    /// Show the orchestration trace (rationale, actions, knowledge base lookups, guardrails)
    /// dimmed on stderr
    #[arg(long)]
    pub trace: bool,

    /// Run the calls the agent returns control for with the configured [tools.NAME] commands
    /// and send the results back
    #[arg(long)]
    pub tools: bool,

    /// Run tools without asking for approval
    #[arg(short = 'y', long, requires = "tools")]
    pub yes: bool,

    /// Most return-of-control rounds per turn before giving up
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_rounds: u32,

    /// Characters between guardrail checks while the answer streams (applyGuardrailInterval;
    /// for agents with a guardrail; the service default is 50)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub guardrail_interval: Option<u32>,
}

#[derive(Debug, Clone, Args)]
pub struct AgentInvokeArgs {
    /// Agent id, or an agent name from [agents.NAME] in the config
    #[arg(value_name = "AGENT")]
    pub agent: String,

    /// The alias id (omitted with a configured agent name), then the input text; piped stdin
    /// is appended to the text
    #[arg(value_name = "[ALIAS_ID] TEXT")]
    pub rest: Vec<String>,

    #[command(flatten)]
    pub session: AgentSessionArgs,

    /// End the session after this answer
    #[arg(long)]
    pub end_session: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct AgentChatArgs {
    /// Agent id, or an agent name from [agents.NAME] in the config
    #[arg(value_name = "AGENT")]
    pub agent: String,

    /// Agent alias id (omitted with a configured agent name)
    #[arg(value_name = "ALIAS_ID")]
    pub alias_id: Option<String>,

    #[command(flatten)]
    pub session: AgentSessionArgs,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  \
brock agent inline -m nova-pro --instruction \"You answer questions about the weather, using your tools.\" --tools \"Weather in Paris?\"\n  \
brock agent inline --kb KB12345678:\"the staff handbook\" --instruction @agent.txt \"How long do refunds take?\"\n  \
brock agent inline --tools-file tools.json --tools --yes --continue \"And tomorrow?\"")]
pub struct AgentInlineArgs {
    /// The input text; piped stdin is appended to it (or is the text when none is given)
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,

    /// Foundation model: id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// What the agent is for and how it behaves, at least 40 characters (text or @FILE;
    /// default: the system setting, env BROCK_SYSTEM)
    #[arg(long, value_name = "TEXT|@FILE")]
    pub instruction: Option<String>,

    /// Give the agent a knowledge base, with a description of when to search it (repeatable)
    #[arg(long = "kb", value_name = "ID[:DESCRIPTION]")]
    pub kbs: Vec<String>,

    /// Tool definitions (OpenAI-style, Bedrock toolSpec or Anthropic JSON) declared as agent
    /// functions; with --tools, the ones with a [tools.NAME] command run
    #[arg(long, value_name = "FILE")]
    pub tools_file: Option<PathBuf>,

    #[command(flatten)]
    pub session: AgentSessionArgs,

    /// End the session after this answer
    #[arg(long)]
    pub end_session: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

/// Retrieval options shared by `agent retrieve` and `agent ask`.
#[derive(Debug, Clone, Default, Args)]
pub struct KbSearchArgs {
    /// Number of passages to retrieve (1–100; the service default is 5)
    #[arg(short = 'k', long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub top_k: Option<u32>,

    /// Search type: HYBRID or SEMANTIC
    #[arg(long, value_name = "TYPE")]
    pub search_type: Option<String>,

    /// Metadata filter (a RetrievalFilter as JSON text or @FILE), e.g.
    /// '{"equals":{"key":"category","value":"billing"}}'
    #[arg(long, value_name = "JSON|@FILE")]
    pub filter: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct AgentRetrieveArgs {
    /// Knowledge base id
    #[arg(value_name = "KB_ID")]
    pub kb_id: String,

    /// Query text (or piped stdin)
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    #[command(flatten)]
    pub search: KbSearchArgs,

    /// Continue from this pagination token (printed on stderr when more results exist)
    #[arg(long, value_name = "TOKEN")]
    pub next_token: Option<String>,

    /// Follow pagination tokens and print every page
    #[arg(long, conflicts_with = "next_token")]
    pub all: bool,

    /// Print the exact request that would be sent (the first page) and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Args)]
pub struct AgentAskArgs {
    /// Knowledge base id
    #[arg(value_name = "KB_ID")]
    pub kb_id: String,

    /// The question (or piped stdin)
    #[arg(value_name = "QUESTION")]
    pub question: Vec<String>,

    /// Model that writes the answer: id, alias, inference profile id or ARN; env BROCK_MODEL
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    #[command(flatten)]
    pub search: KbSearchArgs,

    /// Continue a RetrieveAndGenerate session (its id is printed on stderr)
    #[arg(long, value_name = "ID")]
    pub session: Option<String>,

    /// Use RetrieveAndGenerate instead of RetrieveAndGenerateStream
    #[arg(long)]
    pub no_stream: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

pub async fn run(printer: &Printer, settings: &Settings, args: &AgentArgs) -> Result<()> {
    let outcome = match &args.command {
        AgentCommand::Invoke(a) => invoke(printer, settings, a).await,
        AgentCommand::Chat(a) => chat(printer, settings, a).await,
        AgentCommand::Inline(a) => inline(printer, settings, a).await,
        AgentCommand::Retrieve(a) => retrieve(printer, settings, a).await,
        AgentCommand::Ask(a) => ask(printer, settings, a).await,
    };
    if let Err(Error::Service { code, .. }) = &outcome
        && let Some(why) = wire::explain_error(code)
    {
        diag(&format!("{code}: {why}"));
    }
    outcome
}

fn usage(e: brock_core::error::Error) -> Error {
    Error::Usage(e.to_string())
}

// --- targets and sessions --------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
struct Target {
    agent_id: String,
    alias_id: String,
}

impl Target {
    fn key(&self) -> String {
        format!("{}/{}", self.agent_id, self.alias_id)
    }
}

/// An agent named in the config, or an id followed by an alias id taken from `rest`.
fn resolve_target(settings: &Settings, agent: &str, rest: &mut Vec<String>) -> Result<Target> {
    if let Some(a) = settings.agents.get(agent) {
        return Ok(Target {
            agent_id: a.agent_id.clone(),
            alias_id: a.alias_id.clone(),
        });
    }
    let near = did_you_mean(agent, settings.agents.keys().map(String::as_str));
    // Generated agent ids are ten capitals and digits. Any other word that is not configured
    // is a name the user expected in the config, even though the service's pattern would allow
    // it as an id: sending it would ask for an agent that cannot exist, or read the prompt as
    // the alias id.
    let generated_shape = agent.len() == 10
        && agent
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if !generated_shape {
        let suggestion = near
            .map(|s| format!(" — did you mean '{s}'?"))
            .unwrap_or_default();
        let known = if settings.agents.is_empty() {
            format!(
                "no [agents.NAME] entries in {}: add one with agent_id and alias_id, or give the agent id and alias id",
                settings.config_path.display()
            )
        } else {
            format!(
                "configured agents: {}",
                settings
                    .agents
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        let what = if near.is_some() || wire::check_resource_id("agent id", agent).is_ok() {
            "is not a configured agent name"
        } else {
            "is neither an agent id (up to 10 letters and digits) nor a configured agent name"
        };
        return Err(Error::usage(format!(
            "{agent:?} {what}{suggestion} ({known})"
        )));
    }
    if rest.is_empty() {
        return Err(Error::usage(format!(
            "missing the alias id after agent id {agent} (e.g. TSTALIASID for the draft alias), or name the agent in [agents.NAME]"
        )));
    }
    let alias = rest.remove(0);
    wire::check_resource_id("agent alias id", &alias).map_err(usage)?;
    Ok(Target {
        agent_id: agent.to_string(),
        alias_id: alias,
    })
}

fn sessions_path() -> PathBuf {
    data_dir().join("agent-sessions.json")
}

fn load_sessions(path: &Path) -> BTreeMap<String, String> {
    std::fs::read(path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Remembers (or with `None`, forgets) the last session of an agent alias for `--continue`:
/// written to a temporary file beside it, 0600, then renamed, so a crash never leaves half a
/// file.
fn store_session(target: &Target, session: Option<&str>) -> Result<()> {
    let path = sessions_path();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut all = load_sessions(&path);
    match session {
        Some(s) => {
            all.insert(target.key(), s.to_string());
        }
        None => {
            if all.remove(&target.key()).is_none() {
                return Ok(());
            }
        }
    }
    create_private_dir(dir)?;
    let body = serde_json::to_vec_pretty(&all).unwrap_or_default();
    write_atomic(&path, &body)
}

/// The session id to use and whether it is new.
fn pick_session(target: &Target, args: &AgentSessionArgs) -> Result<(String, bool)> {
    if let Some(s) = &args.session {
        wire::check_session_id("--session", s).map_err(usage)?;
        return Ok((s.clone(), false));
    }
    if args.continue_session {
        return match load_sessions(&sessions_path()).get(&target.key()) {
            Some(s) => Ok((s.clone(), false)),
            None if target.agent_id == "inline" => Err(Error::usage(format!(
                "--continue: no earlier inline agent session on {} (start one without --continue)",
                target.alias_id
            ))),
            None => Err(Error::usage(format!(
                "--continue: no earlier session with agent {} alias {} (start one without --continue)",
                target.agent_id, target.alias_id
            ))),
        };
    }
    Ok((uuid::Uuid::new_v4().to_string(), true))
}

// --- one turn --------------------------------------------------------------------------------

/// Everything fixed for the turns of one invocation or chat.
struct Agent {
    client: Client,
    target: Target,
    session_id: String,
    memory_id: Option<String>,
    session_attributes: BTreeMap<String, String>,
    prompt_attributes: BTreeMap<String, String>,
    trace: bool,
    end_session: bool,
    runner: Option<ToolRunner>,
    max_rounds: u32,
    output: OutputFormat,
    printer: Printer,
    /// References numbered across the turns of a chat, so [1] always means the same source.
    references: References,
    guardrail_interval: Option<u32>,
    /// The agent's definition, for an inline agent (InvokeInlineAgent instead of InvokeAgent).
    inline: Option<InlineAgent>,
}

/// What a turn produced, for `--output json` and the chat loop.
#[derive(Default)]
struct TurnResult {
    text: String,
    citations: Vec<Citation>,
    traces: Vec<Value>,
    /// Control handed back and not executed (no `--tools`).
    pending: Option<(String, Vec<Invocation>)>,
    tool_results: Vec<Value>,
    memory_id: Option<String>,
    /// Reference numbers cited in this turn.
    used: std::collections::BTreeSet<usize>,
}

fn attrs(flag: &str, list: &[String]) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for kv in list {
        let (k, v) = wire::parse_attr(flag, kv).map_err(usage)?;
        out.insert(k, v);
    }
    Ok(out)
}

fn approval(
    printer: &Printer,
    args: &AgentSessionArgs,
    stdin_is_prompt_source: bool,
) -> Result<Option<Approval>> {
    if !args.tools {
        return Ok(None);
    }
    if args.yes {
        return Ok(Some(Approval::Trusted));
    }
    if stdin_is_prompt_source && printer.stderr_tty {
        return Ok(Some(Approval::Ask));
    }
    Err(Error::usage(
        "--tools asks before running each tool, and there is no terminal to ask on: add --yes to run the configured tools without asking",
    ))
}

impl Agent {
    async fn new(
        printer: &Printer,
        settings: &Settings,
        target: Target,
        session_id: String,
        args: &AgentSessionArgs,
        end_session: bool,
        approval: Option<Approval>,
    ) -> Result<Agent> {
        if let Some(m) = &args.memory_id {
            wire::check_session_id("--memory-id", m).map_err(usage)?;
        }
        let session_attributes = attrs("--session-attr", &args.session_attrs)?;
        let prompt_attributes = attrs("--prompt-attr", &args.prompt_attrs)?;
        if approval.is_some() && settings.tools.is_empty() {
            return Err(Error::config(format!(
                "--tools: no tools are configured; define [tools.NAME] with a command in {}",
                settings.config_path.display()
            )));
        }
        Ok(Agent {
            client: crate::transport::client(settings).await?,
            target,
            session_id,
            memory_id: args.memory_id.clone(),
            session_attributes,
            prompt_attributes,
            trace: args.trace,
            end_session,
            runner: approval.map(|a| ToolRunner::new(settings.tools.clone(), a)),
            max_rounds: args.max_rounds,
            output: settings.output.unwrap_or(OutputFormat::Text),
            printer: *printer,
            references: References::default(),
            guardrail_interval: args.guardrail_interval,
            inline: None,
        })
    }

    fn renderer(&self) -> StreamRenderer<std::io::Stdout, std::io::Stderr> {
        StreamRenderer::new(
            std::io::stdout(),
            std::io::stderr(),
            self.printer.stream_options(
                self.trace,
                !self.printer.quiet && self.output == OutputFormat::Text,
            ),
        )
    }

    /// One user turn: the input, then as many return-of-control rounds as the agent needs.
    async fn turn(&mut self, input: &str) -> Result<TurnResult> {
        let mut req = InvokeAgent {
            input_text: input.to_string(),
            enable_trace: self.trace,
            end_session: self.end_session,
            memory_id: self.memory_id.clone(),
            session_attributes: self.session_attributes.clone(),
            prompt_session_attributes: self.prompt_attributes.clone(),
            return_control: None,
            guardrail_interval: self.guardrail_interval,
        };
        let mut result = TurnResult::default();
        let mut renderer = self.renderer();
        let mut rounds = 0;
        loop {
            let rc = self.stream_once(&req, &mut renderer, &mut result).await?;
            let Some((invocation_id, invocations)) = rc else {
                break;
            };
            if self.runner.is_none() {
                self.show_return_control(&invocation_id, &invocations, &mut renderer)?;
                result.pending = Some((invocation_id, invocations));
                break;
            }
            rounds += 1;
            if rounds > self.max_rounds {
                return Err(Error::Protocol(format!(
                    "the agent returned control {} times in one turn; stopping (raise --max-rounds)",
                    rounds
                )));
            }
            let results = self.run_invocations(&invocations, &mut renderer).await?;
            result.tool_results.extend(results.iter().cloned());
            req = InvokeAgent {
                input_text: String::new(),
                enable_trace: self.trace,
                end_session: self.end_session,
                memory_id: self.memory_id.clone(),
                return_control: Some((invocation_id, results)),
                guardrail_interval: self.guardrail_interval,
                ..Default::default()
            };
        }
        io(renderer.finish())?;
        if self.output == OutputFormat::Text && !result.used.is_empty() {
            let lines = self.references.lines();
            let mut block = String::new();
            if !result.text.ends_with('\n') && !self.printer.stdout_tty {
                block.push('\n');
            }
            block.push_str("\nReferences:\n");
            for n in &result.used {
                block.push_str(&lines[n - 1]);
                block.push('\n');
            }
            write_answer(&block)?;
        }
        Ok(result)
    }

    /// The InvokeAgent (or InvokeInlineAgent) request for `req`, and the operation's name.
    fn request(&self, req: &InvokeAgent) -> (ApiRequest, &'static str) {
        let (path, body, operation) = match &self.inline {
            Some(spec) => (
                wire::inline_path(&self.session_id, path_segment),
                req.inline_body(spec),
                "InvokeInlineAgent",
            ),
            None => (
                InvokeAgent::path(
                    &self.target.agent_id,
                    &self.target.alias_id,
                    &self.session_id,
                    path_segment,
                ),
                req.body(),
                "InvokeAgent",
            ),
        };
        let api = ApiRequest::post_json(Service::AgentRuntime, path, &body)
            .header("accept", "application/vnd.amazon.eventstream");
        (api, operation)
    }

    /// One InvokeAgent request and its event stream. Returns a returned control, if any.
    async fn stream_once(
        &mut self,
        req: &InvokeAgent,
        renderer: &mut StreamRenderer<std::io::Stdout, std::io::Stderr>,
        result: &mut TurnResult,
    ) -> Result<Option<(String, Vec<Invocation>)>> {
        let (api, operation) = self.request(req);
        let resp: ApiResponse = self.client.send(&api).await?;
        if let Some(m) = resp.header("x-amz-bedrock-agent-memory-id") {
            result.memory_id = Some(m.to_string());
        }
        if !resp.is_event_stream() {
            return Err(Error::Protocol(format!(
                "{operation} answered {} instead of an event stream",
                resp.header("content-type").unwrap_or("no content type")
            )));
        }
        let mut events = resp.events();
        let mut returned = None;
        let mut joiner = wire::Utf8Joiner::default();
        loop {
            let parsed = match events.next().await? {
                Some(ev) => wire::parse_agent_event_with(&ev.event_type, &ev.payload, &mut joiner)
                    .map_err(|e| Error::Protocol(e.to_string()))?,
                None => {
                    // A character cut off by the end of the stream is shown as U+FFFD.
                    let rest = joiner.finish();
                    if rest.is_empty() {
                        break;
                    }
                    AgentEvent::Chunk {
                        text: rest,
                        citations: Vec::new(),
                    }
                }
            };
            match parsed {
                AgentEvent::Chunk { text, citations } => {
                    let mut shown = text.clone();
                    for c in &citations {
                        let nums = self.references.add(c);
                        result.used.extend(nums.iter().copied());
                        shown.push_str(&wire::markers(&nums));
                    }
                    result.text.push_str(&shown);
                    match self.output {
                        OutputFormat::Text => io(renderer.text(&shown))?,
                        OutputFormat::Ndjson => {
                            let mut line = json!({"type": "chunk", "text": text});
                            if !citations.is_empty() {
                                line["citations"] =
                                    citations.iter().map(wire::citation_json).collect();
                            }
                            ndjson(&line)?
                        }
                        OutputFormat::Json => {}
                    }
                    result.citations.extend(citations);
                }
                AgentEvent::Trace { lines, raw } => {
                    if self.trace {
                        match self.output {
                            OutputFormat::Text => {
                                for l in lines {
                                    io(renderer.reasoning(&format!("trace: {l}\n")))?;
                                }
                            }
                            OutputFormat::Ndjson => {
                                ndjson(&json!({"type": "trace", "trace": raw}))?
                            }
                            OutputFormat::Json => {}
                        }
                        result.traces.push(raw);
                    }
                }
                AgentEvent::ReturnControl {
                    invocation_id,
                    invocations,
                } => {
                    returned = Some((invocation_id, invocations));
                }
                AgentEvent::Files(files) => {
                    for (name, kind) in files {
                        diag(&format!(
                            "the agent produced a file: {name} ({kind}); files are not saved by this version"
                        ));
                    }
                }
                AgentEvent::Other { event_type, raw } => {
                    if self.output == OutputFormat::Ndjson {
                        ndjson(&json!({"type": event_type, "event": raw}))?;
                    }
                }
            }
        }
        Ok(returned)
    }

    fn show_return_control(
        &self,
        invocation_id: &str,
        invocations: &[Invocation],
        renderer: &mut StreamRenderer<std::io::Stdout, std::io::Stderr>,
    ) -> Result<()> {
        let doc = json!({
            "type": "return_control",
            "invocationId": invocation_id,
            "invocations": invocations.iter().map(Invocation::to_json).collect::<Vec<_>>(),
        });
        match self.output {
            OutputFormat::Text => io(renderer.line(&doc.to_string()))?,
            OutputFormat::Ndjson => ndjson(&doc)?,
            OutputFormat::Json => {}
        }
        if !self.printer.quiet {
            for inv in invocations {
                diag(&format!(
                    "the agent returned control: {}",
                    for_terminal(&inv.describe())
                ));
            }
            diag(
                "run it with --tools (and [tools.NAME] in the config) to send the results back automatically",
            );
        }
        Ok(())
    }

    /// Runs the returned calls through the configured tools (with approval) and builds the
    /// `returnControlInvocationResults`.
    async fn run_invocations(
        &mut self,
        invocations: &[Invocation],
        renderer: &mut StreamRenderer<std::io::Stdout, std::io::Stderr>,
    ) -> Result<Vec<Value>> {
        let runner = self.runner.as_mut().expect("checked by the caller");
        let mut out = Vec::new();
        for inv in invocations {
            let names = inv.tool_names();
            let name = names
                .iter()
                .find(|n| runner.can_run(n))
                .unwrap_or(&names[0])
                .clone();
            let input = Value::Object(inv.parameters().clone());
            if self.output == OutputFormat::Text {
                io(renderer.status(&format!("running {name} for the agent…")))?;
            }
            let calls = vec![("agent".to_string(), name.clone(), input.clone())];
            let parts = runner
                .run_calls(&calls, &mut |n, i| ask_on_terminal(n, i))
                .await;
            let (text, ok) = match parts.into_iter().next() {
                Some(Part::ToolResult {
                    content, status, ..
                }) => {
                    let text = content
                        .iter()
                        .filter_map(|c| match c {
                            ToolResultContent::Text { text } => Some(text.as_str()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    (text, status != Some(ToolStatus::Error))
                }
                _ => (format!("tool {name} produced no result"), false),
            };
            if !ok && !self.printer.quiet {
                diag(&format!("tool {name}: {}", wire::snippet(&text, 200)));
            }
            let r = inv.result(&text, ok);
            if self.output == OutputFormat::Ndjson {
                ndjson(&json!({"type": "tool_result", "tool": name, "ok": ok, "result": r}))?;
            }
            out.push(r);
        }
        Ok(out)
    }

    fn json_doc(&self, r: &TurnResult) -> Value {
        let mut refs = References::default();
        for c in &r.citations {
            refs.add(c);
        }
        let mut doc = json!({
            "agentId": self.target.agent_id,
            "agentAliasId": self.target.alias_id,
            "sessionId": self.session_id,
            "memoryId": r.memory_id.clone().or(self.memory_id.clone()),
            "text": r.text,
            "citations": r.citations.iter().map(wire::citation_json).collect::<Vec<_>>(),
            "references": refs.list.iter().map(wire::reference_json).collect::<Vec<_>>(),
            "returnControl": r.pending.as_ref().map(|(id, inv)| json!({
                "invocationId": id,
                "invocations": inv.iter().map(Invocation::to_json).collect::<Vec<_>>(),
            })),
            "toolResults": r.tool_results,
            "traces": r.traces,
        });
        if let Some(spec) = &self.inline
            && let Some(o) = doc.as_object_mut()
        {
            o.remove("agentId");
            o.remove("agentAliasId");
            o.remove("memoryId");
            o.insert("foundationModel".into(), json!(spec.foundation_model));
        }
        doc
    }
}

fn ndjson(v: &Value) -> Result<()> {
    crate::render::stdout_write_untrusted(&format!("{v}\n"))
}

fn write_answer(s: &str) -> Result<()> {
    if Printer::current().stdout_tty {
        stdout_write(&for_terminal(s))
    } else {
        stdout_write(s)
    }
}

fn io(r: std::io::Result<()>) -> Result<()> {
    match r {
        Ok(()) => Ok(()),
        // A reader that left got what it wanted: `main` ends quietly (see Error::BrokenPipe).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::BrokenPipe),
        Err(e) => Err(Error::io("cannot write the answer", e)),
    }
}

/// Text from arguments, with piped stdin appended (or alone).
pub(crate) fn read_text(words: &[String], what: &str) -> Result<String> {
    let arg = words.join(" ");
    let piped = if Printer::current().stdin_tty {
        None
    } else {
        let buf = crate::input::read_stdin("stdin")?;
        Some(String::from_utf8(buf).map_err(|_| Error::usage("stdin is not UTF-8 text"))?)
    };
    let text = match (arg.trim().is_empty(), piped) {
        (false, Some(p)) if !p.trim().is_empty() => format!("{arg}\n\n{p}"),
        (false, _) => arg,
        (true, Some(p)) => p,
        (true, None) => String::new(),
    };
    if text.trim().is_empty() {
        return Err(Error::usage(format!(
            "no {what}: give it as an argument or pipe it on stdin"
        )));
    }
    Ok(text)
}

// --- agent invoke ----------------------------------------------------------------------------

async fn invoke(printer: &Printer, settings: &Settings, args: &AgentInvokeArgs) -> Result<()> {
    let mut rest = args.rest.clone();
    let target = resolve_target(settings, &args.agent, &mut rest)?;
    let (session_id, is_new) = pick_session(&target, &args.session)?;
    let approval = approval(printer, &args.session, printer.stdin_tty)?;
    let input = read_text(&rest, "input text")?;
    wire::check_input_text(&input).map_err(usage)?;
    let mut agent = Agent::new(
        printer,
        settings,
        target,
        session_id,
        &args.session,
        args.end_session,
        approval,
    )
    .await?;
    if args.dry_run {
        return invoke_dry_run(&agent, &input);
    }
    one_turn(settings, &mut agent, &input, is_new, args.end_session).await
}

/// The one turn of `agent invoke` / `agent inline`, the session remembered for `--continue`.
async fn one_turn(
    settings: &Settings,
    agent: &mut Agent,
    input: &str,
    is_new: bool,
    end_session: bool,
) -> Result<()> {
    if is_new && !settings.quiet {
        diag(&format!(
            "session {} (continue it with --continue)",
            agent.session_id
        ));
    }
    let result = agent.turn(input).await?;
    store_session(
        &agent.target,
        (!end_session).then_some(agent.session_id.as_str()),
    )?;
    end_piped_answer(agent.output, &result)?;
    if agent.output == OutputFormat::Json {
        let doc = agent.json_doc(&result);
        stdout_write(&format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        ))?;
    } else if agent.output == OutputFormat::Ndjson {
        ndjson(&json!({"type": "end", "sessionId": agent.session_id}))?;
    }
    Ok(())
}

/// A piped text answer ends with a newline, as chat's does, so the next line of a script or
/// shell prompt does not run on from it (a references block already ends with one).
fn end_piped_answer(output: OutputFormat, result: &TurnResult) -> Result<()> {
    if output == OutputFormat::Text
        && !result.text.is_empty()
        && result.used.is_empty()
        && !result.text.ends_with('\n')
        && !crate::render::printer::Printer::current().stdout_tty
    {
        write_answer("\n")?;
    }
    Ok(())
}

// --- agent inline ----------------------------------------------------------------------------

/// Text, or the contents of the file after `@`.
fn text_or_file(value: &str, what: &str) -> Result<String> {
    match value.strip_prefix('@') {
        Some(path) => {
            let raw = crate::input::read_file(Path::new(path), &format!("{what} @{path}"))?;
            String::from_utf8(raw)
                .map(|t| t.trim_end().to_string())
                .map_err(|_| Error::usage(format!("{what}: {path} is not UTF-8 text")))
        }
        None => Ok(value.to_string()),
    }
}

async fn inline(printer: &Printer, settings: &Settings, args: &AgentInlineArgs) -> Result<()> {
    if args.session.memory_id.is_some() {
        return Err(Error::usage(
            "--memory-id is for agents with long-term memory; an inline agent has none (keep a conversation with --session or --continue)",
        ));
    }
    let model = settings.model_or_default(args.model.as_deref())?;
    if model.contains('/') && !model.starts_with("arn:") {
        return Err(Error::usage(format!(
            "{model}: an inline agent takes a model id, inference profile id or ARN, without a route prefix"
        )));
    }
    let source = if args.instruction.is_some() {
        "--instruction"
    } else {
        "the system setting"
    };
    let instruction = match &settings.system {
        Some(s) => text_or_file(s, source)?,
        None => {
            return Err(Error::usage(format!(
                "an inline agent needs an instruction: --instruction TEXT (at least {} characters) or @FILE, or system in the config",
                wire::MIN_INSTRUCTION
            )));
        }
    };
    wire::check_instruction(&instruction, source).map_err(usage)?;
    let knowledge_bases = args
        .kbs
        .iter()
        .map(|k| wire::parse_kb(k))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(usage)?;
    let mut tools = Vec::new();
    if let Some(path) = &args.tools_file {
        let bytes = crate::input::read_file(path, &format!("--tools-file {}", path.display()))?;
        tools = brock_core::tools::parse_tools_file(&bytes)
            .map_err(|e| Error::usage(format!("--tools-file {}: {e}", path.display())))?;
    }
    if args.session.tools {
        for spec in crate::tools::config_specs(&settings.tools) {
            if !tools.iter().any(|t| t.name == spec.name) {
                tools.push(spec);
            }
        }
    }
    let action_groups = if tools.is_empty() {
        Vec::new()
    } else {
        vec![wire::action_group(&tools).map_err(usage)?]
    };
    // Inline sessions are remembered per model for --continue.
    let target = Target {
        agent_id: "inline".into(),
        alias_id: model.clone(),
    };
    let (session_id, is_new) = pick_session(&target, &args.session)?;
    let approval = approval(printer, &args.session, printer.stdin_tty)?;
    let input = read_text(&args.text, "input text")?;
    wire::check_input_text(&input).map_err(usage)?;
    let mut agent = Agent::new(
        printer,
        settings,
        target,
        session_id,
        &args.session,
        args.end_session,
        approval,
    )
    .await?;
    agent.inline = Some(InlineAgent {
        foundation_model: model,
        instruction,
        action_groups,
        knowledge_bases,
    });
    if args.dry_run {
        return invoke_dry_run(&agent, &input);
    }
    one_turn(settings, &mut agent, &input, is_new, args.end_session).await
}

/// `agent invoke|inline --dry-run`: the first request of the turn, as `Agent::turn` would
/// send it.
fn invoke_dry_run(agent: &Agent, input: &str) -> Result<()> {
    let req = InvokeAgent {
        input_text: input.to_string(),
        enable_trace: agent.trace,
        end_session: agent.end_session,
        memory_id: agent.memory_id.clone(),
        session_attributes: agent.session_attributes.clone(),
        prompt_session_attributes: agent.prompt_attributes.clone(),
        return_control: None,
        guardrail_interval: agent.guardrail_interval,
    };
    let (api, operation) = agent.request(&req);
    let extra = json!({"operation": operation, "session_id": agent.session_id});
    super::dry_run::print(&agent.client, &[(api, extra)])
}

// --- agent chat ------------------------------------------------------------------------------

/// A line-oriented agent conversation. On a terminal: a line editor, Ctrl-C cancels the
/// answer being streamed (or clears the line), Ctrl-D or `/exit` ends. From a pipe: one turn
/// per non-empty line.
async fn chat(printer: &Printer, settings: &Settings, args: &AgentChatArgs) -> Result<()> {
    let mut rest: Vec<String> = args.alias_id.iter().cloned().collect();
    let target = resolve_target(settings, &args.agent, &mut rest)?;
    if !rest.is_empty() {
        return Err(Error::usage(format!(
            "{} is a configured agent: give no alias id after it",
            args.agent
        )));
    }
    let (session_id, _) = pick_session(&target, &args.session)?;
    let interactive = printer.stdin_tty;
    let approval = approval(printer, &args.session, interactive)?;
    let mut agent = Agent::new(
        printer,
        settings,
        target,
        session_id,
        &args.session,
        false,
        approval,
    )
    .await?;
    if !settings.quiet {
        diag(&format!(
            "agent {} alias {}, session {} — Ctrl-D or /exit to leave",
            agent.target.agent_id, agent.target.alias_id, agent.session_id
        ));
    }
    let mut lines = LineSource::new(interactive)?;
    loop {
        let line = match lines.next().await? {
            Line::Eof => break,
            Line::Cancelled => continue,
            Line::Text(t) => t,
        };
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if text == "/exit" || text == "/quit" {
            break;
        }
        if text == "/session" {
            stdout_write(&format!("{}\n", agent.session_id))?;
            continue;
        }
        if let Err(e) = wire::check_input_text(text) {
            if !interactive {
                return Err(usage(e));
            }
            crate::render::report_error(&usage(e));
            continue;
        }
        let outcome = tokio::select! {
            r = agent.turn(text) => Some(r),
            _ = tokio::signal::ctrl_c() => None,
        };
        match outcome {
            None => {
                let _ = std::io::stdout().flush();
                diag("interrupted");
                if !interactive {
                    return Err(Error::Interrupted);
                }
            }
            Some(Ok(result)) => {
                store_session(&agent.target, Some(&agent.session_id))?;
                end_piped_answer(agent.output, &result)?;
                match agent.output {
                    OutputFormat::Json => {
                        let doc = agent.json_doc(&result);
                        stdout_write(&format!("{doc}\n"))?;
                    }
                    OutputFormat::Ndjson => {
                        ndjson(&json!({"type": "end", "sessionId": agent.session_id}))?
                    }
                    OutputFormat::Text => {}
                }
            }
            // A failed turn does not end an interactive conversation.
            Some(Err(e)) if interactive && !matches!(e, Error::Usage(_) | Error::Config(_)) => {
                if let Error::Service { code, .. } = &e
                    && let Some(why) = wire::explain_error(code)
                {
                    diag(&format!("{code}: {why}"));
                }
                crate::render::report_error(&e);
            }
            Some(Err(e)) => return Err(e),
        }
        // One prompt attribute set applies to the first turn only, as the flag says.
        agent.prompt_attributes.clear();
    }
    Ok(())
}

enum Line {
    Text(String),
    Cancelled,
    Eof,
}

/// The chat's own commands, completed after a slash on a terminal.
const CHAT_COMMANDS: &[&str] = &["exit", "quit", "session"];

enum LineSource {
    /// The REPL's line input: history, `"""` blocks, Alt-Enter, bracketed paste.
    Editor(Box<crate::repl::LineInput>),
    Pipe(std::io::StdinLock<'static>),
}

impl LineSource {
    fn new(interactive: bool) -> Result<Self> {
        if interactive {
            Ok(LineSource::Editor(Box::new(crate::repl::LineInput::new(
                CHAT_COMMANDS,
            )?)))
        } else {
            Ok(LineSource::Pipe(std::io::stdin().lock()))
        }
    }

    async fn next(&mut self) -> Result<Line> {
        match self {
            LineSource::Editor(ed) => Ok(match ed.read("agent> ")? {
                None => Line::Eof,
                Some(t) if t.is_empty() => Line::Cancelled,
                Some(t) => Line::Text(t),
            }),
            // One turn per line, each capped: a pipe without newlines is refused, not buffered.
            LineSource::Pipe(stdin) => {
                let line = tokio::task::block_in_place(|| {
                    crate::input::read_line_capped(stdin, crate::input::MAX_LINE, "a line on stdin")
                })?;
                match line {
                    None => Ok(Line::Eof),
                    Some(mut l) => {
                        if l.last() == Some(&b'\r') {
                            l.pop();
                        }
                        String::from_utf8(l)
                            .map(Line::Text)
                            .map_err(|_| Error::usage("a line on stdin is not UTF-8 text"))
                    }
                }
            }
        }
    }
}

// --- knowledge bases -------------------------------------------------------------------------

fn retrieval(search: &KbSearchArgs) -> Result<Retrieval> {
    let filter = match &search.filter {
        None => None,
        Some(raw) => {
            let text = match raw.strip_prefix('@') {
                Some(p) => {
                    let raw = crate::input::read_file(Path::new(p), &format!("--filter @{p}"))?;
                    String::from_utf8(raw)
                        .map_err(|_| Error::usage(format!("--filter @{p}: not UTF-8 text")))?
                }
                None => raw.clone(),
            };
            let v: Value = serde_json::from_str(&text)
                .map_err(|e| Error::usage(format!("--filter is not valid JSON: {e}")))?;
            wire::check_filter(&v).map_err(usage)?;
            Some(v)
        }
    };
    Ok(Retrieval {
        top_k: search.top_k,
        search_type: search
            .search_type
            .as_deref()
            .map(wire::search_type)
            .transpose()
            .map_err(usage)?,
        filter,
    })
}

async fn retrieve(printer: &Printer, settings: &Settings, args: &AgentRetrieveArgs) -> Result<()> {
    wire::check_resource_id("knowledge base id", &args.kb_id).map_err(usage)?;
    let query = read_text(&args.query, "query")?;
    let r = retrieval(&args.search)?;
    if let Some(t) = &args.next_token
        && (t.is_empty() || t.len() > 2048)
    {
        return Err(Error::usage("--next-token must be 1 to 2048 characters"));
    }
    let client = crate::transport::client(settings).await?;
    let output = settings.output.unwrap_or(OutputFormat::Text);
    let path = format!("/knowledgebases/{}/retrieve", path_segment(&args.kb_id));
    if args.dry_run {
        let body = wire::retrieve_body(&query, &r, args.next_token.as_deref());
        let api = ApiRequest::post_json(Service::AgentRuntime, path, &body);
        let extra = json!({"operation": "Retrieve"});
        return super::dry_run::print(&client, &[(api, extra)]);
    }
    let mut token = args.next_token.clone();
    let mut pages = Vec::new();
    let mut rank = 0usize;
    let mut table = Table::new(["#", "SCORE", "SOURCE", "TEXT"]);
    loop {
        let body = wire::retrieve_body(&query, &r, token.as_deref());
        let v = client
            .send(&ApiRequest::post_json(
                Service::AgentRuntime,
                path.clone(),
                &body,
            ))
            .await?
            .json()
            .await?;
        let page = wire::parse_retrieve(&v);
        match output {
            OutputFormat::Text => {
                for h in &page.hits {
                    rank += 1;
                    table.row([
                        rank.to_string(),
                        h.score.map(|s| format!("{s:.4}")).unwrap_or_default(),
                        h.location.clone().unwrap_or_default(),
                        wire::snippet(&h.text, 100),
                    ]);
                }
            }
            OutputFormat::Ndjson => {
                for r in v
                    .get("retrievalResults")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    ndjson(r)?;
                }
            }
            OutputFormat::Json => pages.push(v.clone()),
        }
        token = page.next_token;
        if !args.all || token.is_none() {
            break;
        }
    }
    match output {
        OutputFormat::Text => {
            if table.is_empty() {
                if !settings.quiet {
                    diag("no passages matched");
                }
            } else {
                let mut buf = Vec::new();
                let _ = table.write(&mut buf, printer.color.stdout);
                write_answer(&String::from_utf8_lossy(&buf))?;
            }
        }
        OutputFormat::Json => {
            let results: Vec<Value> = pages
                .iter()
                .flat_map(|p| {
                    p.get("retrievalResults")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default()
                })
                .collect();
            let doc = json!({"retrievalResults": results, "nextToken": token});
            stdout_write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
        OutputFormat::Ndjson => {}
    }
    if let Some(t) = &token
        && output != OutputFormat::Json
        && !settings.quiet
    {
        diag(&format!("more results: --next-token {t} (or --all)"));
    }
    Ok(())
}

async fn ask(printer: &Printer, settings: &Settings, args: &AgentAskArgs) -> Result<()> {
    wire::check_resource_id("knowledge base id", &args.kb_id).map_err(usage)?;
    if let Some(s) = &args.session {
        wire::check_session_id("--session", s).map_err(usage)?;
    }
    let question = read_text(&args.question, "question")?;
    let r = retrieval(&args.search)?;
    let model = settings.model_or_default(args.model.as_deref())?;
    let client = crate::transport::client(settings).await?;
    let arn = wire::model_arn(&model, client.region());
    let body =
        wire::retrieve_and_generate_body(&args.kb_id, &arn, &question, &r, args.session.as_deref());
    if args.dry_run {
        let (operation, path) = if args.no_stream {
            ("RetrieveAndGenerate", "/retrieveAndGenerate")
        } else {
            ("RetrieveAndGenerateStream", "/retrieveAndGenerateStream")
        };
        let mut api = ApiRequest::post_json(Service::AgentRuntime, path, &body);
        if !args.no_stream {
            api = api.header("accept", "application/vnd.amazon.eventstream");
        }
        let extra = json!({"operation": operation, "model_id": model});
        return super::dry_run::print(&client, &[(api, extra)]);
    }
    let output = settings.output.unwrap_or(OutputFormat::Text);
    let color = printer.color;
    let mut refs = References::default();

    let (text, citations, session) = if args.no_stream {
        let v = client
            .send(&ApiRequest::post_json(
                Service::AgentRuntime,
                "/retrieveAndGenerate",
                &body,
            ))
            .await?
            .json()
            .await?;
        let g = wire::parse_generated(&v);
        if let Some(a) = &g.guardrail_action
            && a == "INTERVENED"
        {
            diag("the guardrail intervened: the answer was blocked or masked");
        }
        match output {
            OutputFormat::Text => {
                let annotated = wire::annotate(&g.text, &g.citations, &mut refs);
                write_answer(&format!("{annotated}\n"))?;
            }
            OutputFormat::Ndjson => ndjson(&v)?,
            OutputFormat::Json => {}
        }
        (g.text, g.citations, g.session_id)
    } else {
        let resp = client
            .send(
                &ApiRequest::post_json(Service::AgentRuntime, "/retrieveAndGenerateStream", &body)
                    .header("accept", "application/vnd.amazon.eventstream"),
            )
            .await?;
        let session = resp
            .header("x-amzn-bedrock-knowledge-base-session-id")
            .map(str::to_string);
        let mut renderer = StreamRenderer::new(
            std::io::stdout(),
            std::io::stderr(),
            StreamOptions {
                stdout_tty: printer.stdout_tty,
                stderr_tty: printer.stderr_tty,
                color_out: color.stdout,
                color_err: color.stderr,
                show_reasoning: false,
                spinner: !settings.quiet && output == OutputFormat::Text,
                markdown: true,
            },
        );
        let mut text = String::new();
        let mut citations = Vec::new();
        let mut events = resp.events();
        while let Some(ev) = events.next().await? {
            let v: Value = serde_json::from_slice(&ev.payload).map_err(|e| {
                Error::Protocol(format!("a {} event is not JSON: {e}", ev.event_type))
            })?;
            match ev.event_type.as_str() {
                "output" => {
                    let t = v.get("text").and_then(Value::as_str).unwrap_or_default();
                    text.push_str(t);
                    match output {
                        OutputFormat::Text => io(renderer.text(t))?,
                        OutputFormat::Ndjson => ndjson(&json!({"type": "output", "text": t}))?,
                        OutputFormat::Json => {}
                    }
                }
                "citation" => {
                    let c = wire::parse_stream_citation(&v);
                    let nums = refs.add(&c);
                    match output {
                        OutputFormat::Text => io(renderer.text(&wire::markers(&nums)))?,
                        OutputFormat::Ndjson => ndjson(
                            &json!({"type": "citation", "citation": wire::citation_json(&c)}),
                        )?,
                        OutputFormat::Json => {}
                    }
                    citations.push(c);
                }
                "guardrail" if v.get("action").and_then(Value::as_str) == Some("INTERVENED") => {
                    diag("the guardrail intervened: the answer was blocked or masked");
                }
                _ => {}
            }
        }
        io(renderer.finish())?;
        if output == OutputFormat::Text && !text.is_empty() && !printer.stdout_tty {
            write_answer("\n")?;
        }
        (text, citations, session)
    };

    match output {
        OutputFormat::Text => {
            if !refs.list.is_empty() {
                let mut block = String::from("\nReferences:\n");
                for l in refs.lines() {
                    block.push_str(&l);
                    block.push('\n');
                }
                write_answer(&block)?;
            }
        }
        OutputFormat::Json => {
            let mut all = References::default();
            for c in &citations {
                all.add(c);
            }
            let doc = json!({
                "sessionId": session,
                "text": text,
                "citations": citations.iter().map(wire::citation_json).collect::<Vec<_>>(),
                "references": all.list.iter().map(wire::reference_json).collect::<Vec<_>>(),
            });
            stdout_write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
        OutputFormat::Ndjson => {
            ndjson(&json!({"type": "end", "sessionId": session}))?;
        }
    }
    if let Some(s) = &session
        && output == OutputFormat::Text
        && !settings.quiet
    {
        diag(&format!("session {s} (continue it with --session {s})"));
    }
    Ok(())
}

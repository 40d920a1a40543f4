//! `brock chat`: one-shot chat on any route (Converse, InvokeModel with a family body, or a
//! Converse-shaped proxy; see [`brock_core::route`]).
//!
//! Everything the user typed is checked and mapped (core) before the first byte is sent; the
//! answer is rendered as it streams (render::stream) and, for scripts, as OpenAI-format JSON.

use std::io::IsTerminal;
use std::time::Instant;

use serde_json::{Value, json};

use crate::cli::{ChatArgs, InputFormat, OutputFormat};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::stream::{StreamOptions, StreamRenderer};
use crate::render::{ColorChoice, diag};
use crate::tools::{Approval, ToolRunner};
use brock_bedrock::{ApiRequest, Client, Service, path_segment};
use brock_core::converse::{ChatResponse, StopReason, StructuredOutput, take_structured_answer};
use brock_core::message::{
    Conversation, Message, Part, Role, SystemPart, ToolChoice, ToolResultContent, ToolStatus,
    is_server_tool,
};
use brock_core::openai::{
    ChunkEncoder, ServerTools, chat_completion, parse_request, server_tool_result,
};
use brock_core::request::{ChatRequest, Guardrail, JsonSchema, ReasoningLevel};
use brock_core::route::{self, Decoder, Plan, Route, RouteChoice};
use brock_core::stream::{Accumulator, StreamEvent};
use brock_core::think::{DEFAULT_TAGS, InlineThinkSplitter, split_message};

/// Attachments larger than this are refused before reading them (the per-type Bedrock limits,
/// checked by the core, are all far below it).
const MAX_ATTACHMENT_READ: u64 = 64 * 1024 * 1024;

pub async fn run(settings: &Settings, args: &ChatArgs) -> Result<()> {
    let stdin_is_tty = std::io::stdin().is_terminal();
    if wants_repl(args, stdin_is_tty)? {
        return crate::repl::run(settings, args).await;
    }
    one_shot(settings, args, stdin_is_tty).await
}

/// `-i`, or no prompt at all on a terminal, opens the REPL.
fn wants_repl(args: &ChatArgs, stdin_is_tty: bool) -> Result<bool> {
    if args.interactive {
        if !stdin_is_tty {
            return Err(Error::usage(
                "--interactive needs a terminal on stdin; for scripts give the prompt as an argument or on stdin",
            ));
        }
        for (set, flag) in [
            (
                args.input_format == Some(InputFormat::Openai),
                "--input-format openai",
            ),
            (args.input_file.is_some(), "--input-file"),
            (args.dry_run, "--dry-run"),
            (args.count_tokens, "--count-tokens"),
            (!args.guard.is_empty(), "--guard"),
            (args.guard_stdin, "--guard-stdin"),
            (args.json_schema.is_some(), "--json-schema"),
            (args.prefill.is_some(), "--prefill"),
        ] {
            if set {
                return Err(Error::usage(format!(
                    "{flag} cannot be used with the interactive REPL"
                )));
            }
        }
        return Ok(true);
    }
    Ok(args.prompt.is_empty()
        && stdin_is_tty
        && args.input_format != Some(InputFormat::Openai)
        && args.input_file.is_none()
        && !args.dry_run
        && !args.count_tokens
        && args.guard.is_empty())
}

async fn one_shot(settings: &Settings, args: &ChatArgs, stdin_is_tty: bool) -> Result<()> {
    if (args.session.is_some() || args.continue_last || args.cid.is_some())
        && args.input_format == Some(InputFormat::Openai)
    {
        return Err(Error::usage(
            "--session, --continue and --cid cannot be combined with --input-format openai",
        ));
    }
    let mut args = args.clone();
    // A conversation only in the log: its history and model, never saved to a file.
    let logged = crate::commands::sessions::resolve_continue(&mut args).await?;
    let args = &args;
    // Held until this run ends: a concurrent `--session` run with the same name waits, then
    // reads the file with this run's turn in it, so no completed turn is overwritten.
    let _lock = match &args.session {
        Some(name) => Some(crate::session::Lock::acquire(name, true)?),
        None => None,
    };
    // A continued session supplies what the flags leave open: its model, system prompt and
    // settings, and the conversation so far.
    let mut session = match &args.session {
        Some(name) => Some(match crate::session::Session::load(name)? {
            Some(s) => s,
            None => crate::session::Session::new(name.clone(), String::new()),
        }),
        None => None,
    };
    let effective = match session.as_ref().or(logged.as_ref()) {
        Some(s) => session_settings(settings, args, s),
        None => settings.clone(),
    };
    let settings = &effective;
    let mut req = build_request(settings, args, stdin_is_tty)?;
    if let Some(s) = session.as_ref().or(logged.as_ref()) {
        let mut history = s.request_conversation().messages;
        history.append(&mut req.conversation.messages);
        req.conversation.messages = history;
    }
    let new_from = req.conversation.messages.len().saturating_sub(1);
    let stream = !args.no_stream;
    let client = crate::transport::client(settings).await?;
    let route = RouteOptions::from_args(args);
    if args.count_tokens {
        return crate::commands::tokens::count_and_print(
            &client,
            settings,
            &req,
            route.choice,
            args.dry_run,
        )
        .await;
    }
    if args.dry_run {
        super::identity::hint_request(&client, false, settings, &mut req, route.family.as_deref())
            .await?;
        let prepared = prepare(&req, &route, stream)?;
        let plan = &prepared.plan;
        let extra = json!({
            "operation": plan.api_operation(),
            "route": plan.route.as_str(),
            "family": plan.route.family().map(|f| f.as_str()),
            "model_id": plan.model_id,
        });
        return crate::commands::dry_run::print(&client, &[(prepared.api, extra)]);
    }

    let output = settings.output.unwrap_or(OutputFormat::Text);
    let opts = TurnOptions {
        stream,
        output,
        show_reasoning: !args.hide_reasoning && !settings.quiet && output == OutputFormat::Text,
        show_tool_calls: !args.run_tools,
        // With a session, a stop (Ctrl-C, SIGTERM, SIGHUP, stdout closed) keeps what arrived,
        // marked interrupted, as the REPL does; without one there is nothing to keep it in.
        interruptible: session.is_some(),
        terminate: session.is_some(),
        exact: args.raw,
        route,
    };
    let mut runner = args.run_tools.then(|| {
        let approval = if args.yes {
            Approval::Trusted
        } else if stdin_is_tty {
            Approval::Ask
        } else {
            Approval::Refuse
        };
        ToolRunner::new(settings.tools.clone(), approval)
    });
    // What to go back to when the turn fails before anything is answered, as the REPL does:
    // otherwise running the failed command again would send its prompt twice. The model and
    // settings go back too: a failed `-m` must not become the session's model.
    let before = session.clone();
    let mut recorded = false;
    if let Some(s) = session.as_mut() {
        s.model = req.model_id.clone();
        s.conversation.system = req.conversation.system.clone();
        s.settings.reasoning = settings.reasoning.clone();
        s.settings.temperature = settings.temperature;
        s.settings.max_tokens = settings.max_tokens;
        // Saved before sending so a killed run keeps it (the next request merges it with the
        // following prompt: roles must alternate); a reported failure rolls it back below.
        if let Some(prompt) = req.conversation.messages.get(new_from) {
            s.conversation.push(prompt.clone());
        }
        s.save()?;
    }
    let mut usage = brock_core::converse::Usage::default();
    let started = (crate::session::now_rfc3339(), Instant::now());
    let mut record = |ev: LoopEvent<'_>| -> Result<()> {
        if let LoopEvent::Usage { usage: u, .. } = &ev {
            crate::logs::add_usage(&mut usage, u);
        }
        let Some(s) = session.as_mut() else {
            return Ok(());
        };
        recorded |= ev.record_in(s);
        s.save().map(|_| ())
    };
    let outcome = converse_loop(
        &client,
        settings,
        &mut req,
        &opts,
        runner.as_mut(),
        &mut record,
    )
    .await;
    // Logged after the answer was shown; a failure to log is a warning, not a failed chat.
    if settings.log && !args.no_log {
        let conversation_id = match (&args.session, &logged) {
            (Some(name), _) => name.clone(),
            (None, Some(l)) => l.name.clone(),
            (None, None) => crate::logs::new_conversation_id(),
        };
        let entry = crate::logs::Entry {
            conversation_id,
            session: args.session.clone(),
            model: req.model_id.clone(),
            route: prepare(&req, &opts.route, stream)
                .ok()
                .map(|p| p.plan.route.to_string()),
            system: req.conversation.system_text(),
            messages: req.conversation.messages[new_from.min(req.conversation.messages.len())..]
                .to_vec(),
            usage,
            started: started.0,
            duration_ms: started.1.elapsed().as_millis() as u64,
            exit_status: match &outcome {
                Ok(false) => 0,
                Ok(true) if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) => 0,
                Ok(true) => i32::from(Error::Interrupted.exit_code()),
                Err(e) => i32::from(e.exit_code()),
            },
            error: outcome.as_ref().err().map(|e| e.to_string()),
        };
        crate::logs::record_or_warn(&entry).await;
    }
    // A turn stopped before anything arrived is undone like a failed one: a prompt left
    // without its answer would be merged into the next one.
    let unanswered = matches!(outcome, Err(_) | Ok(true));
    if let (true, false, Some(s), Some(mut before)) =
        (unanswered, recorded, session.as_mut(), before)
    {
        before.usage = s.usage;
        *s = before;
        // The turn's error is the one to report; a failed save here changes nothing on disk.
        let _ = s.save();
    }
    match outcome {
        // The reader went away (`| head`): what it wanted was printed and the rest is saved.
        Ok(true) if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) => Ok(()),
        Ok(true) => Err(Error::Interrupted),
        other => other.map(|_| ()),
    }
}

/// Set when stdout was closed by its reader during an answer.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Resolves on Ctrl-C; with `terminate` also on SIGTERM and SIGHUP, so a one-shot turn that
/// is told to stop can save what it has. The handlers are installed only for such turns: once
/// installed, those signals no longer end the process by themselves.
async fn stop_signal(terminate: bool) {
    #[cfg(unix)]
    if terminate {
        use tokio::signal::unix::{SignalKind, signal};
        if let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
                _ = hup.recv() => {}
            }
            return;
        }
    }
    let _ = terminate;
    let _ = tokio::signal::ctrl_c().await;
}

/// Settings for a continued session: flags win, then what the session recorded, then config.
pub fn session_settings(
    settings: &Settings,
    args: &ChatArgs,
    s: &crate::session::Session,
) -> Settings {
    let mut out = settings.clone();
    if args.model.is_none() && !s.model.is_empty() {
        // An explicit --route wins over the route prefix the session's model was saved with.
        let spec = route::parse_spec(&s.model);
        out.model = Some(match spec.prefix {
            Some(route::SpecPrefix::Converse | route::SpecPrefix::Invoke)
                if args.route != RouteChoice::Auto.as_str() =>
            {
                spec.model_id
            }
            _ => s.model.clone(),
        });
    }
    if args.system.is_none()
        && let Some(sys) = s.system_text()
    {
        out.system = Some(sys);
    }
    if args.reasoning.is_none() && s.settings.reasoning.is_some() {
        out.reasoning = s.settings.reasoning.clone();
    }
    if args.temperature.is_none() && s.settings.temperature.is_some() {
        out.temperature = s.settings.temperature;
    }
    if args.max_tokens.is_none() && s.settings.max_tokens.is_some() {
        out.max_tokens = s.settings.max_tokens;
    }
    out
}

/// Configured `[tools.NAME]` join the request (a `--tools` file of the same name wins).
pub fn add_config_tools(req: &mut ChatRequest, settings: &Settings) {
    for spec in crate::tools::config_specs(&settings.tools) {
        if !req.tools.iter().any(|t| t.name == spec.name) {
            req.tools.push(spec);
        }
    }
}

/// Where a turn goes: `--route`, and the Converse-shaped proxy of `converse_like/NAME` models.
#[derive(Debug, Clone, Default)]
pub struct RouteOptions {
    pub choice: RouteChoice,
    pub api_base: Option<String>,
    /// The environment variable holding the proxy's API key.
    pub api_key_env: Option<String>,
    /// `--family`: the model family when the id does not show it.
    pub family: Option<String>,
}

impl RouteOptions {
    pub fn from_args(args: &ChatArgs) -> Self {
        RouteOptions {
            // clap allows only the three names, so a parse failure cannot happen here.
            choice: args.route.parse().unwrap_or_default(),
            api_base: args.api_base.clone(),
            api_key_env: args.api_key_env.clone(),
            family: args.family.clone(),
        }
    }
}

/// A request planned on its route and ready to send: what `--dry-run` shows.
pub struct Prepared {
    pub plan: Plan,
    pub api: ApiRequest,
}

/// Chooses the route for `req` (see [`brock_core::route`]), builds its body and the HTTP
/// request. Everything here is checked before anything is sent.
pub fn prepare(req: &ChatRequest, route: &RouteOptions, stream: bool) -> Result<Prepared> {
    let plan = route::plan(req, route.choice, stream).map_err(core_error)?;
    // InvokeModel bodies have no guardContent block: the family bodies would send guarded text
    // as plain text and the guardrail would judge the whole prompt.
    if matches!(plan.route, Route::Invoke(_))
        && req.conversation.messages.iter().any(|m| {
            m.content
                .iter()
                .any(|p| matches!(p, Part::GuardedText { .. }))
        })
    {
        return Err(Error::usage(format!(
            "guarded text (--guard, --guard-stdin, guarded_text) is a Converse feature and '{}' goes by InvokeModel: use --route converse",
            req.model_id
        )));
    }
    let proxy = plan.route == Route::ConverseLike;
    if !proxy {
        for (given, flag) in [
            (route.api_base.is_some(), "--api-base"),
            (route.api_key_env.is_some(), "--api-key-env"),
        ] {
            if given {
                return Err(Error::usage(format!(
                    "{flag} is for converse_like/NAME models (a Converse-shaped proxy); '{}' goes to Bedrock",
                    req.model_id
                )));
            }
        }
    }
    let path = if proxy {
        let Some(base) = route.api_base.as_deref().map(str::trim) else {
            return Err(Error::usage(format!(
                "'{}' is a converse_like model: give the proxy's URL with --api-base",
                req.model_id
            )));
        };
        brock_bedrock::check_endpoint_url(base, "--api-base")?;
        // LiteLLM's converse_like posts to api_base itself ("Calling via Internal Proxy":
        // api_base https://some-api-url/models → that same URL), so the URL is used verbatim.
        base.to_string()
    } else {
        plan.path(path_segment)
    };
    let mut api = ApiRequest::post_json(Service::Runtime, path, &plan.body);
    if let Route::Invoke(_) = plan.route {
        // InvokeModel takes the answer's media type as a header; the streaming operation
        // names it differently.
        let accept = if stream {
            "x-amzn-bedrock-accept"
        } else {
            "accept"
        };
        api = api.header(accept, "application/json");
    }
    for (k, v) in &plan.headers {
        api = api.header(k.clone(), v.clone());
    }
    if let Some(var) = &route.api_key_env {
        let key = std::env::var(var)
            .ok()
            .map(|k| k.trim().to_string())
            .filter(|k| !k.is_empty())
            .ok_or_else(|| {
                Error::usage(format!(
                    "--api-key-env names {var}, but that variable is not set or empty"
                ))
            })?;
        api = api.header("authorization", format!("Bearer {key}"));
    }
    Ok(Prepared { plan, api })
}

/// How a turn is sent and shown; shared by one-shot chat and the REPL.
#[derive(Debug, Clone)]
pub struct TurnOptions {
    pub stream: bool,
    pub output: OutputFormat,
    pub show_reasoning: bool,
    /// Print client tool calls as JSON lines on stdout (for a caller that runs them itself).
    pub show_tool_calls: bool,
    /// Ctrl-C (and a closed stdout) ends the answer and keeps what arrived instead of failing.
    pub interruptible: bool,
    /// SIGTERM and SIGHUP end the answer like Ctrl-C (one-shot `--session`).
    pub terminate: bool,
    /// `--raw`: piped answer bytes exactly as the model sent them (no closing newline added).
    pub exact: bool,
    pub route: RouteOptions,
}

/// How one request ended.
pub enum TurnEnd {
    Done(ChatResponse),
    /// Stopped by Ctrl-C: what had arrived so far.
    Interrupted(ChatResponse),
}

pub struct TurnResult {
    pub end: TurnEnd,
    pub elapsed: std::time::Duration,
    pub first_token: Option<std::time::Duration>,
}

/// What a tool loop reports as it goes, so the caller can save after every step.
pub enum LoopEvent<'a> {
    /// A message that joined the conversation (assistant answers and tool-result turns).
    Message {
        message: &'a Message,
        interrupted: bool,
    },
    Usage {
        usage: &'a brock_core::converse::Usage,
        elapsed: std::time::Duration,
        first_token: Option<std::time::Duration>,
    },
}

impl LoopEvent<'_> {
    /// Adds the event to a session; true when a message joined the conversation.
    pub fn record_in(&self, session: &mut crate::session::Session) -> bool {
        match self {
            LoopEvent::Message {
                message,
                interrupted,
            } => {
                session.conversation.push((*message).clone());
                if *interrupted {
                    session
                        .interrupted
                        .push(session.conversation.messages.len() - 1);
                }
                true
            }
            LoopEvent::Usage {
                usage,
                elapsed,
                first_token,
            } => {
                session.usage.add(
                    usage,
                    elapsed.as_millis() as u64,
                    first_token.map(|t| t.as_millis() as u64),
                );
                false
            }
        }
    }
}

/// Tool rounds allowed in one turn before brock stops a model that keeps calling tools.
pub const MAX_TOOL_ROUNDS: usize = 25;

/// Sends `req`, renders the answer, and — with a runner — runs the tools the model calls and
/// sends the results back until it answers. New messages are appended to `req.conversation`
/// and reported to `record`. Returns true when the answer was interrupted.
pub async fn converse_loop(
    client: &Client,
    settings: &Settings,
    req: &mut ChatRequest,
    opts: &TurnOptions,
    mut runner: Option<&mut ToolRunner>,
    record: &mut dyn FnMut(LoopEvent<'_>) -> Result<()>,
) -> Result<bool> {
    super::identity::hint_request(client, true, settings, req, opts.route.family.as_deref())
        .await?;
    for round in 0.. {
        let result = send_turn(client, settings, req, opts).await?;
        let (mut resp, interrupted) = match result.end {
            TurnEnd::Done(r) => (r, false),
            TurnEnd::Interrupted(r) => (r, true),
        };
        if !interrupted {
            record(LoopEvent::Usage {
                usage: &resp.usage,
                elapsed: result.elapsed,
                first_token: result.first_token,
            })?;
        }
        if let Some(p) = req.prefill.take() {
            prepend_prefill(&mut resp, &p);
        }
        if !resp.message.content.is_empty() {
            req.conversation.push(resp.message.clone());
            record(LoopEvent::Message {
                message: &resp.message,
                interrupted,
            })?;
        }
        if interrupted {
            return Ok(true);
        }
        let calls: Vec<(String, String, Value)> = resp
            .message
            .content
            .iter()
            .filter_map(|p| match p {
                Part::ToolUse {
                    id,
                    name,
                    input,
                    kind,
                } if !is_server_tool(kind.as_deref()) => {
                    Some((id.clone(), name.clone(), input.clone()))
                }
                _ => None,
            })
            .collect();
        let Some(runner) = runner.as_deref_mut() else {
            return Ok(false);
        };
        if resp.stop_reason != StopReason::ToolUse || calls.is_empty() {
            return Ok(false);
        }
        if round + 1 >= MAX_TOOL_ROUNDS {
            diag(&format!(
                "stopped after {MAX_TOOL_ROUNDS} rounds of tool calls"
            ));
            return Ok(false);
        }
        if runner.approval() != Approval::Ask && !settings.quiet {
            for (_, name, input) in &calls {
                diag(&crate::tools::describe_call(name, input));
            }
        }
        let results = runner
            .run_calls(&calls, &mut crate::tools::ask_on_terminal)
            .await;
        if !settings.quiet {
            for p in &results {
                if let Part::ToolResult {
                    content, status, ..
                } = p
                {
                    let text: String = content
                        .iter()
                        .filter_map(|c| match c {
                            ToolResultContent::Text { text } => Some(text.as_str()),
                            _ => None,
                        })
                        .collect();
                    if *status == Some(ToolStatus::Error) {
                        diag(&format!("tool error: {}", first_line_of(&text, 200)));
                    } else {
                        diag(&format!(
                            "tool result: {} bytes: {}",
                            text.len(),
                            first_line_of(&text, 80)
                        ));
                    }
                }
            }
        }
        let msg = Message::new(Role::User, results);
        req.conversation.push(msg.clone());
        record(LoopEvent::Message {
            message: &msg,
            interrupted: false,
        })?;
    }
    Ok(false)
}

fn first_line_of(s: &str, max: usize) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() > max {
        format!("{}…", &line[..line.floor_char_boundary(max)])
    } else {
        line.to_string()
    }
}

/// Sends one request and renders its answer (streamed or whole) exactly as one-shot chat does.
pub async fn send_turn(
    client: &Client,
    settings: &Settings,
    req: &ChatRequest,
    opts: &TurnOptions,
) -> Result<TurnResult> {
    let Prepared { plan, api } = prepare(req, &opts.route, opts.stream)?;
    if !settings.quiet {
        for w in &plan.warnings {
            diag(&format!("warning: {w}"));
        }
    }
    if settings.verbose > 0 {
        diag(&format!(
            "route: {} via {} for {}",
            plan.route,
            plan.api_operation(),
            plan.model_id
        ));
    }
    let output = opts.output;
    let color = ColorChoice::detect(settings.no_color);
    let structured = plan.structured.clone();
    let ropts = StreamOptions {
        stdout_tty: std::io::stdout().is_terminal(),
        stderr_tty: std::io::stderr().is_terminal(),
        color_out: color.stdout,
        color_err: color.stderr,
        show_reasoning: opts.show_reasoning,
        spinner: !settings.quiet && output == OutputFormat::Text,
        markdown: structured.is_none(),
    };
    let mut decoder = plan.decoder;
    let mut renderer = StreamRenderer::new(std::io::stdout(), std::io::stderr(), ropts);
    renderer.set_exact(opts.exact);
    let mut session = Exchange {
        renderer,
        output,
        structured,
        model: req.model_id.clone(),
        prefill: req.prefill_text().map(str::to_string),
        started: Instant::now(),
        first_token: None,
        chunks: {
            let enc = ChunkEncoder::new(completion_id(), req.model_id.clone(), unix_now());
            match &plan.structured {
                Some(StructuredOutput::Tool { name }) => enc.with_json_tool(name.clone()),
                _ => enc,
            }
        },
        think: plan
            .inline_think
            .then(|| InlineThinkSplitter::new(DEFAULT_TAGS)),
        building: Default::default(),
        acc: Accumulator::new(),
        show_tool_calls: opts.show_tool_calls,
        server: ServerTools::default(),
    };
    let outcome = tokio::select! {
        r = session.run(client, &api, opts.stream, &mut decoder) => r.map(Some),
        _ = stop_signal(opts.terminate) => if opts.interruptible { Ok(None) } else { Err(Error::Interrupted) },
    };
    // Whatever happened, what was printed stays printed and the terminal is left tidy.
    let _ = session.renderer.finish();
    let outcome = match outcome {
        Err(Error::Io { source, .. })
            if opts.interruptible && source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
            Ok(None)
        }
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            std::process::exit(0)
        }
        Err(e) => {
            // A stream that failed midway: scripts get what arrived, and the error, in the
            // format they asked for (text mode has already shown it).
            if session.first_token.is_some() {
                session.report_partial(&e);
            }
            Err(e)
        }
        ok => ok,
    };
    match outcome? {
        Some(resp) => {
            let elapsed = session.started.elapsed();
            let first_token = session.first_token;
            let whole = resp.clone();
            let resp = match session.finish(resp, settings) {
                // The answer is complete: a reader that left early does not make it fail.
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    if !opts.interruptible {
                        std::process::exit(0);
                    }
                    STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
                    whole
                }
                r => r?,
            };
            Ok(TurnResult {
                end: TurnEnd::Done(resp),
                elapsed,
                first_token,
            })
        }
        None => {
            let elapsed = session.started.elapsed();
            let mut partial = session.acc.snapshot();
            partial.stop_reason = StopReason::Other("interrupted".into());
            Ok(TurnResult {
                end: TurnEnd::Interrupted(partial),
                elapsed,
                first_token: session.first_token,
            })
        }
    }
}

/// One request/answer exchange and its rendering state.
struct Exchange {
    renderer: StreamRenderer<std::io::Stdout, std::io::Stderr>,
    output: OutputFormat,
    structured: Option<StructuredOutput>,
    model: String,
    prefill: Option<String>,
    started: Instant,
    first_token: Option<std::time::Duration>,
    chunks: ChunkEncoder,
    /// Set for models that write their reasoning inline in `<think>` tags.
    think: Option<InlineThinkSplitter>,
    /// Tool calls being streamed: block index → (id, name, input JSON so far).
    building: std::collections::HashMap<u32, (String, String, String)>,
    /// The answer so far, kept here so an interrupted stream still has it.
    acc: Accumulator,
    show_tool_calls: bool,
    /// Tools Bedrock runs itself, shown on stderr as they complete.
    server: ServerTools,
}

impl Exchange {
    async fn run(
        &mut self,
        client: &Client,
        api: &ApiRequest,
        stream: bool,
        decoder: &mut Decoder,
    ) -> Result<ChatResponse> {
        if let (Some(p), OutputFormat::Text, None) = (&self.prefill, self.output, &self.structured)
        {
            let p = p.clone();
            self.text(&p)?;
        }
        let resp = client.send(api).await?;
        // A proxy may answer either way whatever was asked: the media type decides.
        let whole = match resp.header("content-type") {
            _ if resp.is_event_stream() => false,
            Some(ct) if ct.starts_with("application/json") => true,
            _ => !stream,
        };
        if whole {
            // InvokeModel reports token counts and latency in headers.
            let headers: Vec<(String, String)> = [
                "x-amzn-bedrock-input-token-count",
                "x-amzn-bedrock-output-token-count",
                "x-amzn-bedrock-invocation-latency",
            ]
            .iter()
            .filter_map(|h| resp.header(h).map(|v| (h.to_string(), v.to_string())))
            .collect();
            let body = resp.bytes().await?;
            let mut parsed = decoder
                .parse_whole(&body, |name| {
                    headers
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.clone())
                })
                .map_err(core_error)?;
            if self.think.is_some() {
                parsed.message = split_message(&parsed.message, DEFAULT_TAGS);
            }
            self.first_token = Some(self.started.elapsed());
            self.replay_whole(&parsed)?;
            return Ok(parsed);
        }
        let mut events = resp.events();
        let mut finished = false;
        while !finished {
            let decoded = match events.next().await {
                Ok(Some(ev)) => decoder
                    .decode_event(&ev.event_type, &ev.payload)
                    .map_err(core_error)?,
                Ok(None) => {
                    finished = true;
                    Vec::new()
                }
                Err(e) => {
                    // Show what the think splitter still held back, then report the failure.
                    if let Some(t) = self.think.as_mut() {
                        for se in t.finish() {
                            self.event(&se)?;
                        }
                    }
                    return Err(e.into());
                }
            };
            let mut out = match self.think.as_mut() {
                Some(t) => decoded.into_iter().flat_map(|e| t.push(e)).collect(),
                None => decoded,
            };
            if finished && let Some(t) = self.think.as_mut() {
                out.extend(t.finish());
            }
            for se in out {
                self.acc.push(&se);
                self.event(&se)?;
            }
        }
        std::mem::take(&mut self.acc).finish().map_err(core_error)
    }

    /// After a stream failed midway: `--output json` gets the completion so far with an
    /// `error` field, ndjson an error line after the chunks already written. Best effort: the
    /// error itself is reported (and sets the exit code) whatever happens here.
    fn report_partial(&mut self, e: &Error) {
        let error = json!({
            "message": e.to_string(),
            "type": match e {
                Error::Service { .. } => "service_error",
                Error::Network(_) => "network_error",
                Error::Interrupted => "interrupted",
                _ => "error",
            },
            "code": match e {
                Error::Service { code, .. } => Value::String(code.clone()),
                _ => Value::Null,
            },
            "exit_code": e.exit_code(),
        });
        match self.output {
            OutputFormat::Json => {
                let mut partial = self.acc.snapshot();
                if let Some(p) = &self.prefill {
                    prepend_prefill(&mut partial, p);
                }
                let mut doc = chat_completion(&partial, &self.model, &completion_id(), unix_now());
                // The answer did not finish: no finish reason, as in an unfinished stream.
                if let Some(c) = doc.pointer_mut("/choices/0/finish_reason") {
                    *c = Value::Null;
                }
                doc["error"] = error;
                let _ = out_write(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).unwrap_or_default()
                ));
            }
            OutputFormat::Ndjson => {
                let _ = out_write(&format!("{}\n", json!({ "error": error })));
            }
            OutputFormat::Text => {}
        }
    }

    /// A non-streamed answer is rendered through the same path as a streamed one.
    fn replay_whole(&mut self, resp: &ChatResponse) -> Result<()> {
        for part in &resp.message.content {
            match part {
                Part::Reasoning { text, .. } => self.reasoning(text)?,
                Part::Text { text } => self.text(text)?,
                // Tools Bedrock runs itself are not for the caller to act on, only shown.
                Part::ToolUse {
                    id,
                    name,
                    input,
                    kind,
                } if !is_server_tool(kind.as_deref()) => self.tool_call(id, name, input)?,
                Part::ToolUse {
                    id, name, input, ..
                } => self.server_note(&json!({"id": id, "name": name, "input": input}))?,
                Part::ToolResult {
                    content,
                    status,
                    kind,
                    ..
                } => self
                    .server_note(&json!({"result": server_tool_result(content, *status, kind)}))?,
                _ => {}
            }
        }
        Ok(())
    }

    fn event(&mut self, ev: &StreamEvent) -> Result<()> {
        if self.first_token.is_none() && !matches!(ev, StreamEvent::MessageStart) {
            self.first_token = Some(self.started.elapsed());
        }
        if self.output == OutputFormat::Text
            && let Some(entry) = self.server.push(ev)
        {
            self.server_note(&entry)?;
        }
        if self.output == OutputFormat::Ndjson {
            for chunk in self.chunks.push(ev) {
                out_write(&format!("{chunk}\n"))?;
            }
            return Ok(());
        }
        match ev {
            StreamEvent::TextDelta { text, .. } => self.text(text)?,
            StreamEvent::ReasoningDelta { text, .. } => self.reasoning(text)?,
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } => {
                if !is_server_tool(kind.as_deref()) {
                    self.building
                        .insert(*index, (id.clone(), name.clone(), String::new()));
                }
                if self.output == OutputFormat::Text && self.structured.is_none() {
                    io(self.renderer.status(&format!("calling tool {name}…")))?;
                }
            }
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment,
            } => {
                if let Some(b) = self.building.get_mut(index) {
                    b.2.push_str(input_json_fragment);
                }
            }
            StreamEvent::BlockStop { index } => {
                // A tool call is printed the moment its input is complete, so a caller can act
                // on it while the model goes on.
                if let Some((id, name, raw)) = self.building.remove(index) {
                    let input = if raw.trim().is_empty() {
                        json!({})
                    } else {
                        serde_json::from_str(&raw).unwrap_or(Value::String(raw))
                    };
                    self.tool_call(&id, &name, &input)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<()> {
        if self.output != OutputFormat::Text || self.structured.is_some() {
            return Ok(());
        }
        io(self.renderer.text(text))
    }

    fn reasoning(&mut self, text: &str) -> Result<()> {
        if self.output != OutputFormat::Text {
            return Ok(());
        }
        io(self.renderer.reasoning(text))
    }

    /// One half of a server tool call (see [`ServerTools`]): the call, or its result.
    fn server_note(&mut self, entry: &Value) -> Result<()> {
        if self.output != OutputFormat::Text {
            return Ok(());
        }
        let line = if let Some(r) = entry.get("result") {
            let status = r["status"].as_str().unwrap_or("done");
            let shown: Vec<String> = r["content"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| match (c.get("text"), c.get("json")) {
                    (Some(Value::String(t)), _) => t.clone(),
                    (_, Some(j)) => j.to_string(),
                    _ => c.to_string(),
                })
                .collect();
            format!("server tool result ({status}): {}", shown.join(" "))
        } else {
            format!(
                "server tool {}: {}",
                entry["name"].as_str().unwrap_or_default(),
                entry["input"]
            )
        };
        io(self.renderer.note(&line))
    }

    fn tool_call(&mut self, id: &str, name: &str, input: &Value) -> Result<()> {
        if self.output != OutputFormat::Text || self.structured.is_some() || !self.show_tool_calls {
            return Ok(());
        }
        let line = json!({"type": "tool_use", "id": id, "name": name, "input": input});
        io(self.renderer.line(&line.to_string()))
    }

    /// After the stream: tool calls, structured answers, JSON output, notices, usage footer.
    fn finish(mut self, mut resp: ChatResponse, settings: &Settings) -> Result<ChatResponse> {
        let elapsed = self.started.elapsed();
        if let Some(mode) = self.structured.clone() {
            let answer = take_structured_answer(&mut resp, &mode).map_err(core_error)?;
            match (self.output, answer) {
                (OutputFormat::Text, Some(v)) => {
                    let text = if std::io::stdout().is_terminal() {
                        serde_json::to_string_pretty(&v).unwrap_or_default()
                    } else {
                        v.to_string()
                    };
                    out_write(&format!("{text}\n"))?;
                }
                (OutputFormat::Text, None) => {
                    return Err(Error::Protocol(
                        "the model called other tools instead of answering with JSON".into(),
                    ));
                }
                _ => {}
            }
        }
        if self.output == OutputFormat::Ndjson {
            for chunk in self.chunks.finish() {
                out_write(&format!("{chunk}\n"))?;
            }
        }
        if self.output == OutputFormat::Json {
            let mut shown = resp.clone();
            if let Some(p) = &self.prefill {
                prepend_prefill(&mut shown, p);
            }
            let doc = chat_completion(&shown, &self.model, &completion_id(), unix_now());
            out_write(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
        io(self.renderer.finish())?;
        match resp.stop_reason {
            StopReason::GuardrailIntervened => {
                diag("the guardrail intervened: the answer was blocked or masked")
            }
            StopReason::ContentFiltered => {
                diag("the answer was filtered by the model's content filter")
            }
            StopReason::MaxTokens if !settings.quiet => {
                diag("the answer was cut at max tokens: raise --max-tokens for more")
            }
            _ => {}
        }
        if let Some(trace) = &resp.trace
            && (settings.guardrail.as_ref().is_some_and(|g| g.trace) || settings.verbose > 0)
        {
            diag(&format!("guardrail trace: {trace}"));
        }
        let show_usage =
            !settings.quiet && (std::io::stderr().is_terminal() || settings.verbose > 0);
        if show_usage {
            let u = &resp.usage;
            let mut line = format!("{} in · {} out", u.input, u.output);
            if u.cache_read > 0 || u.cache_write > 0 {
                line.push_str(&format!(
                    " · cache {} read, {} written",
                    u.cache_read, u.cache_write
                ));
            }
            let secs = |d: std::time::Duration| crate::render::significant(d.as_secs_f64(), 3);
            line.push_str(&format!(" · {} s", secs(elapsed)));
            if let Some(t) = self.first_token {
                line.push_str(&format!(" · first token {} s", secs(t)));
            }
            if let Some(ms) = resp.latency_ms {
                line.push_str(&format!(" · model {ms} ms"));
            }
            let color = ColorChoice::detect(settings.no_color);
            if color.stderr {
                eprint_dim(&line);
            } else {
                diag(&line);
            }
        }
        Ok(resp)
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// An OpenAI-style completion id; unique enough to tell runs apart in logs.
fn completion_id() -> String {
    format!("chatcmpl-{}", uuid::Uuid::new_v4().simple())
}

fn eprint_dim(s: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "\x1b[2m{s}\x1b[0m");
}

fn prepend_prefill(resp: &mut ChatResponse, prefill: &str) {
    if let Some(Part::Text { text }) = resp
        .message
        .content
        .iter_mut()
        .find(|p| matches!(p, Part::Text { .. }))
    {
        *text = format!("{prefill}{text}");
    } else {
        resp.message.content.insert(0, Part::text(prefill));
    }
}

/// A closed stdout comes back as an `Io` error of kind `BrokenPipe`; [`send_turn`] decides
/// whether that ends the process quietly or ends the turn with what arrived kept.
fn io(r: std::io::Result<()>) -> Result<()> {
    r.map_err(|e| Error::io("cannot write the answer", e))
}

/// stdout for the answer; see [`io`].
fn out_write(s: &str) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    io(out.write_all(s.as_bytes()).and_then(|_| out.flush()))
}

pub fn core_error(e: brock_core::error::Error) -> Error {
    if e.is_input_error() {
        Error::Usage(e.to_string())
    } else {
        Error::Protocol(e.to_string())
    }
}

/// Everything the user asked for, checked and assembled; nothing is sent yet.
pub fn build_request(
    settings: &Settings,
    args: &ChatArgs,
    stdin_is_tty: bool,
) -> Result<ChatRequest> {
    let model = settings.model_or_default(args.model.as_deref())?;
    let mut req = if args.input_format == Some(InputFormat::Openai) {
        let raw = match &args.input_file {
            Some(p) => crate::input::read_file(p, &format!("--input-file {}", p.display()))?,
            None if stdin_is_tty => {
                return Err(Error::usage(
                    "--input-format openai reads the request from stdin or --input-file, and stdin is a terminal",
                ));
            }
            None => read_stdin_bytes()?,
        };
        let mut body: Value = serde_json::from_slice(&raw)
            .map_err(|e| Error::usage(format!("the OpenAI request is not valid JSON: {e}")))?;
        inline_image_urls(&mut body, &fetch_limits(settings))?;
        let parsed = parse_request(&body).map_err(core_error)?;
        if !parsed.ignored.is_empty() && !settings.quiet {
            diag(&format!(
                "warning: OpenAI fields with no Bedrock equivalent ignored: {}",
                parsed.ignored.join(", ")
            ));
        }
        let mut r = parsed.request;
        // --model on the command line wins; else the body's model (an alias is fine); else config.
        r.model_id = match (&args.model, parsed.model.trim()) {
            (Some(_), _) | (None, "") => model,
            (None, m) => settings.resolve_model(m)?,
        };
        if !args.prompt.is_empty() {
            r.conversation.push_user_text(args.prompt.join(" "));
        }
        if !args.guard.is_empty() {
            let guarded = args.guard.iter().map(|g| guarded_part(g)).collect();
            append_to_user_turn(&mut r.conversation, guarded);
        }
        r
    } else {
        // `-a -`: piped stdin is an attachment, so the prompt comes from the arguments only.
        let stdin_attached = match args.attach.iter().filter(|a| *a == "-").count() {
            0 => false,
            1 if stdin_is_tty => {
                return Err(Error::usage(
                    "--attach - attaches piped stdin, and stdin is a terminal: pipe the file in (brock chat -a - \"question\" < file)",
                ));
            }
            1 if args.guard_stdin => {
                return Err(Error::usage(
                    "--attach - and --guard-stdin both read stdin: use one of them",
                ));
            }
            1 => true,
            _ => return Err(Error::usage("stdin can be attached only once (--attach -)")),
        };
        let (prompt, guarded_stdin) = if args.guard_stdin {
            let piped = if stdin_is_tty {
                return Err(Error::usage(
                    "--guard-stdin guards piped input, and stdin is a terminal",
                ));
            } else {
                read_stdin_text()?
            };
            let arg = args.prompt.join(" ");
            ((!arg.trim().is_empty()).then_some(arg), Some(piped))
        } else {
            (read_prompt(args, stdin_is_tty || stdin_attached)?, None)
        };
        let prompt = match active_role(settings) {
            Some((name, role)) => role.apply_template(name, prompt)?,
            None => prompt,
        };
        let mut content = Vec::new();
        let limits = fetch_limits(settings);
        for a in &args.attach {
            if a == "-" {
                // No name to go by: the format is told from the content (magic bytes, or text).
                let bytes = read_stdin_bytes()?;
                content
                    .push(brock_core::attach::attachment_part("stdin", bytes).map_err(core_error)?);
                continue;
            }
            content.push(load_attachment_with(a, &limits)?);
        }
        if let Some(prompt) = prompt {
            content.push(Part::text(prompt));
        }
        // Guarded text follows the prompt: the instructions come first, then what the
        // guardrail is to check, as in the AWS guide's guardContent example.
        content.extend(
            guarded_stdin
                .iter()
                .chain(&args.guard)
                .filter(|g| !g.trim().is_empty())
                .map(|g| guarded_part(g)),
        );
        if !content.iter().any(|p| {
            matches!(p, Part::Text { text } | Part::GuardedText { text, .. } if !text.trim().is_empty())
        }) {
            if stdin_attached {
                return Err(Error::usage(
                    "no prompt: with --attach - stdin is the attachment, so give the prompt as an argument (brock chat -a - \"question\")",
                ));
            }
            return Err(Error::usage(
                "no prompt: give one as an argument (brock chat \"question\") or pipe it on stdin, or run brock chat -i on a terminal",
            ));
        }
        ChatRequest::new(
            model,
            Conversation {
                system: Vec::new(),
                messages: vec![Message::new(Role::User, content)],
            },
        )
    };
    configure(&mut req, settings, args)?;
    if (!args.guard.is_empty() || args.guard_stdin) && req.guardrail.is_none() && !args.count_tokens
    {
        return Err(Error::usage(
            "--guard and --guard-stdin mark text for a guardrail: add --guardrail ID:VERSION (or set guardrail.id and guardrail.version in the config)",
        ));
    }
    Ok(req)
}

/// Text only the guardrail checks: a Converse `guardContent` block.
fn guarded_part(text: &str) -> Part {
    Part::GuardedText {
        text: text.to_string(),
        qualifiers: Vec::new(),
    }
}

/// Adds parts to the last user turn, or starts one when the conversation ends elsewhere.
fn append_to_user_turn(conversation: &mut Conversation, parts: Vec<Part>) {
    match conversation.messages.last_mut() {
        Some(m) if m.role == Role::User => m.content.extend(parts),
        _ => conversation.messages.push(Message::new(Role::User, parts)),
    }
}

/// Everything but the messages: system prompt, inference settings, tools, guardrail, … from
/// settings and flags. The REPL calls this for each turn with its current settings.
pub fn configure(req: &mut ChatRequest, settings: &Settings, args: &ChatArgs) -> Result<()> {
    if let Some(system) = settings.system.as_deref().filter(|s| !s.trim().is_empty()) {
        req.conversation.system.insert(
            0,
            SystemPart::Text {
                text: system.to_string(),
            },
        );
    }
    if let Some(n) = settings.max_tokens {
        req.inference.max_tokens = Some(n);
    }
    if let Some(t) = settings.temperature {
        req.inference.temperature = Some(round_f32(t));
    }
    if let Some(p) = settings.top_p {
        req.inference.top_p = Some(round_f32(p));
    }
    if !args.stop.is_empty() {
        req.inference.stop = args.stop.clone();
    }
    // Config first, flags after: --top-k replaces top_k, a --param replaces the config param
    // of the same KEY (it is merged later), --anthropic-beta adds to anthropic_beta.
    if let Some(k) = args.top_k.or(settings.top_k) {
        req.top_k = Some(k);
    }
    let role = active_role(settings);
    // Profile params, then the role's, then --param: a later one with the same key wins.
    let role_params = role.map(|(_, r)| r.param_args()).unwrap_or_default();
    for p in settings
        .params
        .iter()
        .chain(&role_params)
        .chain(&args.params)
    {
        req.add_param(p).map_err(core_error)?;
    }
    for b in settings.anthropic_beta.iter().chain(&args.anthropic_beta) {
        let b = b.trim();
        // A beta named in both the profile and a flag is sent once.
        if !b.is_empty() && !req.anthropic_beta.iter().any(|x| x == b) {
            req.anthropic_beta.push(b.to_string());
        }
    }
    req.response_field_paths
        .extend(args.response_fields.iter().cloned());
    if let Some(r) = &settings.reasoning {
        let level: ReasoningLevel = r
            .parse()
            .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?;
        req.reasoning = Some(level);
    }
    if let Some(path) = &args.tools {
        let raw = crate::input::read_file(path, &format!("the tools file {}", path.display()))?;
        req.tools = brock_core::tools::parse_tools_file(&raw).map_err(core_error)?;
    }
    if args.run_tools {
        add_config_tools(req, settings);
    }
    if let Some((_, role)) = role {
        for spec in crate::tools::config_specs(&settings.tools) {
            if role.tools.contains(&spec.name) && !req.tools.iter().any(|t| t.name == spec.name) {
                req.tools.push(spec);
            }
        }
    }
    if let Some(choice) = &args.tool_choice {
        req.tool_choice = Some(match choice.as_str() {
            "auto" => ToolChoice::Auto,
            "any" | "required" => ToolChoice::Any,
            "none" => ToolChoice::None,
            name => {
                if !req.tools.iter().any(|t| t.name == name) {
                    let names: Vec<&str> = req.tools.iter().map(|t| t.name.as_str()).collect();
                    return Err(Error::usage(format!(
                        "--tool-choice {name:?}: no such tool (auto, any, none, or one of: {})",
                        if names.is_empty() {
                            "no tools given".to_string()
                        } else {
                            names.join(", ")
                        }
                    )));
                }
                ToolChoice::Tool(name.to_string())
            }
        });
    }
    if let Some(path) = &args.json_schema {
        let raw = crate::input::read_file(path, &format!("the JSON schema {}", path.display()))?;
        let schema: Value = serde_json::from_slice(&raw).map_err(|e| {
            Error::usage(format!(
                "the JSON schema {} is not valid JSON: {e}",
                path.display()
            ))
        })?;
        if !schema.is_object() {
            return Err(Error::usage(format!(
                "the JSON schema {} must be a JSON object",
                path.display()
            )));
        }
        req.json_schema = Some(JsonSchema::new(schema));
    }
    if let Some(g) = &settings.guardrail {
        req.guardrail = Some(Guardrail {
            id: g.id.clone(),
            version: g.version.clone(),
            trace: g.trace,
        });
    }
    if let Some(l) = &settings.performance_latency {
        req.performance_latency = Some(
            l.parse()
                .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?,
        );
    }
    if let Some(t) = &settings.service_tier {
        req.service_tier = Some(
            t.parse()
                .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?,
        );
    }
    req.request_metadata
        .extend(settings.request_metadata.clone());
    req.cache |= args.cache;
    if args.prefill.is_some() {
        req.prefill = args.prefill.clone();
    }
    if settings.user_continue_message.is_some() {
        req.user_continue_message = settings.user_continue_message.clone();
    }
    Ok(())
}

/// The role in use (`--role`, `/role`) and its definition.
pub fn active_role(settings: &Settings) -> Option<(&str, &crate::config::RoleConfig)> {
    let name = settings.role.as_deref()?;
    settings.roles.get(name).map(|r| (name, r))
}

/// f32 settings become f64 on the wire; round so 0.7 is sent as 0.7, not 0.699999988079071.
fn round_f32(v: f32) -> f64 {
    (v as f64 * 1e6).round() / 1e6
}

/// The prompt from the arguments and/or stdin. Piped input after an argument prompt is context
/// appended to it.
fn read_prompt(args: &ChatArgs, stdin_is_tty: bool) -> Result<Option<String>> {
    let arg = args.prompt.join(" ");
    let piped = if stdin_is_tty {
        None
    } else {
        let bytes = read_stdin_bytes()?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::usage(format!(
                "stdin is not UTF-8 text (invalid byte at offset {}); attach binary files with --attach",
                e.utf8_error().valid_up_to()
            ))
        })?;
        Some(text)
    };
    let prompt = match (arg.trim().is_empty(), piped) {
        (false, Some(p)) if !p.trim().is_empty() => format!("{arg}\n\n{p}"),
        (false, _) => arg,
        (true, Some(p)) => p,
        (true, None) => return Ok(None),
    };
    if prompt.trim().is_empty() {
        return Err(Error::usage("the prompt is empty"));
    }
    Ok(Some(prompt))
}

fn read_stdin_text() -> Result<String> {
    String::from_utf8(read_stdin_bytes()?).map_err(|e| {
        Error::usage(format!(
            "stdin is not UTF-8 text (invalid byte at offset {}); attach binary files with --attach",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn read_stdin_bytes() -> Result<Vec<u8>> {
    crate::input::read_stdin("stdin")
}

pub fn load_attachment(spec: &str) -> Result<Part> {
    load_attachment_with(spec, &crate::fetch::Limits::default())
}

/// An attachment from a path, an s3:// URI or an http(s) URL (fetched within `limits`).
pub fn load_attachment_with(spec: &str, limits: &crate::fetch::Limits) -> Result<Part> {
    if spec.starts_with("https://") || spec.starts_with("http://") {
        let (mime, bytes) = fetch_url(spec, limits)?;
        let name = url_file_name(spec)
            .unwrap_or_else(|| brock_core::openai::name_for_mime(&mime, "attachment"));
        return brock_core::attach::attachment_part(&name, bytes).map_err(core_error);
    }
    if spec.starts_with("s3://") {
        return brock_core::attach::s3_part(spec, None).map_err(core_error);
    }
    let path = std::path::Path::new(spec);
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::usage(format!("cannot read attachment {spec}: {e}")))?;
    if !meta.is_file() {
        return Err(Error::usage(format!("attachment {spec} is not a file")));
    }
    if meta.len() > MAX_ATTACHMENT_READ {
        return Err(Error::usage(format!(
            "attachment {spec} is {} MB; Bedrock accepts at most a few MB inline (upload it to S3 and attach the s3:// URI)",
            meta.len() / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::usage(format!("cannot read attachment {spec}: {e}")))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("attachment");
    brock_core::attach::attachment_part(name, bytes).map_err(core_error)
}

fn fetch_limits(settings: &Settings) -> crate::fetch::Limits {
    crate::fetch::Limits {
        allow_private: settings.fetch_allow_private,
        ..Default::default()
    }
}

/// Fetches an attachment URL from synchronous request building (inside the async runtime).
fn fetch_url(url: &str, limits: &crate::fetch::Limits) -> Result<(String, Vec<u8>)> {
    let accept = |m: &str| {
        m.starts_with("image/")
            || m.starts_with("video/")
            || m.starts_with("text/")
            || m == "application/pdf"
            || m.starts_with("application/vnd.openxmlformats")
            || m == "application/msword"
            || m == "application/vnd.ms-excel"
    };
    let own_runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Network(e.to_string()))?
            .block_on(crate::fetch::fetch(url, limits, accept))
    };
    let fetched = match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(|| h.block_on(crate::fetch::fetch(url, limits, accept)))
        }
        // A single-threaded runtime cannot block in place: fetch on a thread of its own.
        Ok(_) => std::thread::scope(|s| {
            s.spawn(own_runtime)
                .join()
                .unwrap_or_else(|_| Err(Error::Network("the fetch thread failed".into())))
        }),
        Err(_) => own_runtime(),
    }?;
    Ok((fetched.mime, fetched.bytes))
}

/// The last path segment of a URL when it has an extension (the attachment's format).
fn url_file_name(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let last = path.rsplit('/').next()?;
    (last.contains('.') && !last.ends_with('.')).then(|| last.to_string())
}

/// OpenAI `image_url` parts given as http(s) URLs are fetched and sent inline, as the OpenAI
/// API itself fetches them.
fn inline_image_urls(body: &mut Value, limits: &crate::fetch::Limits) -> Result<()> {
    use base64::Engine;
    let Some(messages) = body.get_mut("messages").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for m in messages {
        let Some(parts) = m.get_mut("content").and_then(Value::as_array_mut) else {
            continue;
        };
        for p in parts {
            if p.get("type").and_then(Value::as_str) != Some("image_url") {
                continue;
            }
            let slot = match p.get_mut("image_url") {
                Some(Value::Object(o)) => o.get_mut("url"),
                Some(s @ Value::String(_)) => Some(s),
                _ => None,
            };
            let Some(slot) = slot else { continue };
            let Some(url) = slot.as_str().filter(|u| u.starts_with("http")) else {
                continue;
            };
            let (mime, bytes) = fetch_url(url, limits)?;
            if !mime.starts_with("image/") {
                return Err(Error::usage(format!(
                    "{} is not an image (Content-Type: {mime})",
                    crate::fetch::shown(url)
                )));
            }
            let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
            *slot = Value::String(format!("data:{mime};base64,{b64}"));
        }
    }
    Ok(())
}

//! One conversation turn, for every front end (one-shot chat, the REPL, the gateway): plan the
//! route, send (Converse, InvokeModel with a family body, or a Converse-shaped proxy), decode
//! the answer into [`StreamEvent`]s for a [`Sink`], assemble client tool calls, run them and
//! send the results back until the model answers, and total the usage.
//!
//! The engine knows no terminal and no output format: what a turn looks like is the sink's
//! business (`render::answer` for the CLI), what is kept is the `record` callback's, and who
//! approves a tool call is the front end's (`Tools::ask`).

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::tools::{Approval, Decision, ToolRunner};
use brock_bedrock::{ApiRequest, Client, Service, path_segment};
use brock_core::converse::{ChatResponse, StopReason, Usage};
use brock_core::message::{Message, Part, Role, is_server_tool};
use brock_core::request::ChatRequest;
use brock_core::route::{self, Decoder, Plan, Route, RouteChoice};
use brock_core::stream::{Accumulator, StreamEvent};
use brock_core::think::{DEFAULT_TAGS, InlineThinkSplitter, split_message};

/// Tool rounds allowed in one turn before brock stops a model that keeps calling tools.
pub const MAX_TOOL_ROUNDS: usize = 25;

/// A core error as the program's: bad input is a usage error, anything else a protocol one.
pub fn core_error(e: brock_core::error::Error) -> Error {
    if e.is_input_error() {
        Error::Usage(e.to_string())
    } else {
        Error::Protocol(e.to_string())
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
    let mut api = plan_request(&plan, path);
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

/// The request a plan sends to `path` (its own `/model/ID/OP`, or a proxy's URL), with the
/// headers the route needs. Shared with the gateway's chat-shaped routes.
pub fn plan_request(plan: &brock_core::route::Plan, path: String) -> ApiRequest {
    let mut api = ApiRequest::post_json(Service::Runtime, path, &plan.body);
    if let Route::Invoke(_) = plan.route {
        // InvokeModel takes the answer's media type as a header; the streaming operation
        // names it differently.
        let accept = if plan.operation == "invoke-with-response-stream" {
            "x-amzn-bedrock-accept"
        } else {
            "accept"
        };
        api = api.header(accept, "application/json");
    }
    for (k, v) in &plan.headers {
        api = api.header(k.clone(), v.clone());
    }
    api
}

/// Whether an answer came whole rather than as an event stream. A proxy may answer either way
/// whatever was asked: the media type decides.
pub fn answer_is_whole(resp: &brock_bedrock::ApiResponse, stream: bool) -> bool {
    match resp.header("content-type") {
        _ if resp.is_event_stream() => false,
        Some(ct) if ct.starts_with("application/json") => true,
        _ => !stream,
    }
}

/// Reads and decodes an answer that came whole: the outer error is the transport's, the inner
/// one an answer the decoder cannot read. InvokeModel reports token counts and latency in
/// headers, which the decoder reads beside the body; with `inline_think` the `<think>` text a
/// model writes becomes reasoning.
pub async fn read_whole(
    resp: brock_bedrock::ApiResponse,
    decoder: &brock_core::route::Decoder,
    inline_think: bool,
) -> std::result::Result<std::result::Result<ChatResponse, brock_core::Error>, brock_bedrock::Error>
{
    let headers: Vec<(String, String)> = [
        "x-amzn-bedrock-input-token-count",
        "x-amzn-bedrock-output-token-count",
        "x-amzn-bedrock-invocation-latency",
    ]
    .iter()
    .filter_map(|h| resp.header(h).map(|v| (h.to_string(), v.to_string())))
    .collect();
    let body = resp.bytes().await?;
    let parsed = decoder.parse_whole(&body, |name| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    });
    Ok(parsed.map(|mut parsed| {
        if inline_think {
            parsed.message = split_message(&parsed.message, DEFAULT_TAGS);
        }
        parsed
    }))
}

/// How a turn is sent.
#[derive(Debug, Clone, Default)]
pub struct TurnOptions {
    pub stream: bool,
    pub route: RouteOptions,
    /// Ctrl-C (and a closed stdout) ends the answer and keeps what arrived instead of failing.
    pub interruptible: bool,
    /// SIGTERM and SIGHUP end the answer like Ctrl-C (one-shot `--session`).
    pub terminate: bool,
}

/// Timings of one answer, for usage lines and session totals.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub elapsed: Duration,
    pub first_token: Option<Duration>,
}

/// Something a front end may want to tell its user; the engine itself shows nothing.
pub enum Notice<'a> {
    /// A route planning warning (a setting the route cannot carry, …).
    Warning(&'a brock_core::converse::Warning),
    /// The route and operation chosen for a request.
    Route(&'a Plan),
    /// Client tool calls about to run without asking (`--yes`, or no one to ask).
    RunningTools(&'a [(String, String, Value)]),
    /// The results of the calls that ran.
    ToolResults(&'a [Part]),
    /// The model kept calling tools: the turn stopped after [`MAX_TOOL_ROUNDS`].
    TooManyToolRounds,
}

/// Where a turn's answer goes as it arrives. Writes that fail with a closed stdout (an
/// [`Error::BrokenPipe`] or an `Io` error of that kind) end the turn as a closed reader, not
/// as a failure; see [`Outcome::stdout_closed`].
pub trait Sink {
    /// A request of this turn is about to be sent (a tool loop sends several).
    fn begin(&mut self, req: &ChatRequest, plan: &Plan) -> Result<()>;
    /// One decoded stream event, in order.
    fn event(&mut self, ev: &StreamEvent) -> Result<()>;
    /// A client tool call whose input is complete (the moment its block ends, so a caller can
    /// act on it while the model goes on). Not called for whole answers: see `whole`.
    fn tool_call(&mut self, id: &str, name: &str, input: &Value) -> Result<()>;
    /// A whole (non-streamed) answer, tool calls included.
    fn whole(&mut self, resp: &ChatResponse) -> Result<()>;
    /// The request's answer is complete; returns it as kept (a structured answer taken out).
    fn finish(&mut self, resp: ChatResponse, timing: Timing) -> Result<ChatResponse>;
    /// The answer failed after something arrived: `partial` is what did.
    fn failed(&mut self, partial: &ChatResponse, err: &Error);
    /// After every request, whatever happened: leave the output tidy.
    fn end(&mut self);
    fn notice(&mut self, notice: Notice<'_>);
}

/// What a turn reports as it goes, so the caller can save after every step.
pub enum LoopEvent<'a> {
    /// A message that joined the conversation (assistant answers and tool-result turns).
    Message {
        message: &'a Message,
        interrupted: bool,
    },
    Usage {
        usage: &'a Usage,
        timing: Timing,
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
            LoopEvent::Usage { usage, timing } => {
                session.usage.add(
                    usage,
                    timing.elapsed.as_millis() as u64,
                    timing.first_token.map(|t| t.as_millis() as u64),
                );
                false
            }
        }
    }
}

/// Client tools for the turn: who runs them and who approves a call.
pub struct Tools<'a> {
    pub runner: &'a mut ToolRunner,
    /// Asked before a call in [`Approval::Ask`] mode.
    pub ask: &'a mut (dyn FnMut(&str, &Value) -> Decision + Send),
}

/// How a turn ended.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Stopped by Ctrl-C (or a signal, or a closed stdout): what arrived was kept.
    pub interrupted: bool,
    /// The reader of stdout went away during the answer.
    pub stdout_closed: bool,
    /// Tokens of every request of the turn.
    pub usage: Usage,
    /// Why the last answer stopped (None when it was interrupted).
    pub stop_reason: Option<StopReason>,
}

/// Runs one turn: sends `req`, streams the answer to `sink`, and — with `tools` — runs the
/// client tools the model calls and sends the results back until it answers. New messages are
/// appended to `req.conversation` and reported to `record`. The request is sent as given: the
/// family hints of a model id that does not show its family (`commands::identity::hint_request`)
/// are the caller's to add first.
pub async fn run(
    client: &Client,
    req: &mut ChatRequest,
    opts: &TurnOptions,
    sink: &mut dyn Sink,
    mut tools: Option<Tools<'_>>,
    record: &mut dyn FnMut(LoopEvent<'_>) -> Result<()>,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    for round in 0.. {
        let sent = send(client, req, opts, sink).await?;
        outcome.stdout_closed |= sent.stdout_closed;
        let interrupted = sent.interrupted;
        let mut resp = sent.response;
        if !interrupted {
            crate::logs::add_usage(&mut outcome.usage, &resp.usage);
            record(LoopEvent::Usage {
                usage: &resp.usage,
                timing: sent.timing,
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
            outcome.interrupted = true;
            return Ok(outcome);
        }
        outcome.stop_reason = Some(resp.stop_reason.clone());
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
        let Some(t) = tools.as_mut() else {
            return Ok(outcome);
        };
        if resp.stop_reason != StopReason::ToolUse || calls.is_empty() {
            return Ok(outcome);
        }
        if round + 1 >= MAX_TOOL_ROUNDS {
            sink.notice(Notice::TooManyToolRounds);
            return Ok(outcome);
        }
        if t.runner.approval() != Approval::Ask {
            sink.notice(Notice::RunningTools(&calls));
        }
        let results = t.runner.run_calls(&calls, t.ask).await;
        sink.notice(Notice::ToolResults(&results));
        let msg = Message::new(Role::User, results);
        req.conversation.push(msg.clone());
        record(LoopEvent::Message {
            message: &msg,
            interrupted: false,
        })?;
    }
    Ok(outcome)
}

/// One request's answer.
struct Sent {
    response: ChatResponse,
    interrupted: bool,
    stdout_closed: bool,
    timing: Timing,
}

fn closed_pipe(e: &Error) -> bool {
    match e {
        Error::BrokenPipe => true,
        Error::Io { source, .. } => source.kind() == std::io::ErrorKind::BrokenPipe,
        _ => false,
    }
}

/// Sends one request and streams its answer (whole or streamed) to the sink.
async fn send(
    client: &Client,
    req: &ChatRequest,
    opts: &TurnOptions,
    sink: &mut dyn Sink,
) -> Result<Sent> {
    let Prepared { plan, api } = prepare(req, &opts.route, opts.stream)?;
    for w in &plan.warnings {
        sink.notice(Notice::Warning(w));
    }
    sink.notice(Notice::Route(&plan));
    if let Err(e) = sink.begin(req, &plan) {
        sink.end();
        return Err(if closed_pipe(&e) {
            Error::BrokenPipe
        } else {
            e
        });
    }
    let mut exchange = Exchange {
        started: Instant::now(),
        first_token: None,
        think: plan
            .inline_think
            .then(|| InlineThinkSplitter::new(DEFAULT_TAGS)),
        building: Default::default(),
        acc: Accumulator::new(),
    };
    let mut decoder = plan.decoder;
    let result = tokio::select! {
        r = exchange.run(client, &api, opts.stream, &mut decoder, sink) => r.map(Some),
        _ = stop_signal(opts.terminate) => if opts.interruptible { Ok(None) } else { Err(Error::Interrupted) },
    };
    // Whatever happened, what was shown stays shown and the output is left tidy.
    sink.end();
    let mut stdout_closed = false;
    let result = match result {
        Err(e) if closed_pipe(&e) => {
            if !opts.interruptible {
                return Err(Error::BrokenPipe);
            }
            stdout_closed = true;
            Ok(None)
        }
        Err(e) => {
            // A stream that failed midway: the sink shows what arrived with the error.
            if exchange.first_token.is_some() {
                sink.failed(&exchange.acc.snapshot(), &e);
            }
            return Err(e);
        }
        ok => ok,
    };
    let timing = Timing {
        elapsed: exchange.started.elapsed(),
        first_token: exchange.first_token,
    };
    match result? {
        Some(resp) => {
            let whole = resp.clone();
            let response = match sink.finish(resp, timing) {
                // The answer is complete: a reader that left early does not make it fail.
                Err(e) if closed_pipe(&e) => {
                    if !opts.interruptible {
                        return Err(Error::BrokenPipe);
                    }
                    stdout_closed = true;
                    whole
                }
                r => r?,
            };
            Ok(Sent {
                response,
                interrupted: false,
                stdout_closed,
                timing,
            })
        }
        None => {
            let mut partial = exchange.acc.snapshot();
            partial.stop_reason = StopReason::Other("interrupted".into());
            Ok(Sent {
                response: partial,
                interrupted: true,
                stdout_closed,
                timing,
            })
        }
    }
}

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

/// One request/answer exchange: decoding, inline think tags, tool-call assembly.
struct Exchange {
    started: Instant,
    first_token: Option<Duration>,
    /// Set for models that write their reasoning inline in `<think>` tags.
    think: Option<InlineThinkSplitter>,
    /// Tool calls being streamed: block index → (id, name, input JSON so far).
    building: std::collections::HashMap<u32, (String, String, String)>,
    /// The answer so far, kept here so an interrupted stream still has it.
    acc: Accumulator,
}

impl Exchange {
    async fn run(
        &mut self,
        client: &Client,
        api: &ApiRequest,
        stream: bool,
        decoder: &mut Decoder,
        sink: &mut dyn Sink,
    ) -> Result<ChatResponse> {
        let resp = client.send(api).await?;
        if answer_is_whole(&resp, stream) {
            let parsed = read_whole(resp, decoder, self.think.is_some())
                .await?
                .map_err(core_error)?;
            self.first_token = Some(self.started.elapsed());
            sink.whole(&parsed)?;
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
                            self.event(&se, sink)?;
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
                self.event(&se, sink)?;
            }
        }
        std::mem::take(&mut self.acc).finish().map_err(core_error)
    }

    fn event(&mut self, ev: &StreamEvent, sink: &mut dyn Sink) -> Result<()> {
        if self.first_token.is_none() && !matches!(ev, StreamEvent::MessageStart) {
            self.first_token = Some(self.started.elapsed());
        }
        sink.event(ev)?;
        match ev {
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } if !is_server_tool(kind.as_deref()) => {
                self.building
                    .insert(*index, (id.clone(), name.clone(), String::new()));
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
                if let Some((id, name, raw)) = self.building.remove(index) {
                    let input = if raw.trim().is_empty() {
                        json!({})
                    } else {
                        serde_json::from_str(&raw).unwrap_or(Value::String(raw))
                    };
                    sink.tool_call(&id, &name, &input)?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// A prefilled answer's start joins the text the model continued.
pub fn prepend_prefill(resp: &mut ChatResponse, prefill: &str) {
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

//! `brock chat`: one-shot chat on any route (Converse, InvokeModel with a family body, or a
//! Converse-shaped proxy; see [`brock_core::route`]).
//!
//! Everything the user typed is checked and mapped (`request`, core) before the first byte is
//! sent; the turn runs in the engine and is drawn by `render::answer` as it streams, and, for
//! scripts, as OpenAI-format JSON.

use std::time::Instant;

use serde_json::json;

use crate::cli::OutputFormat;
use crate::config::Settings;
use crate::engine::{self, LoopEvent, RouteOptions, TurnOptions, prepare};
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::answer::{AnswerOptions, AnswerView};
use crate::tools::{Approval, ToolRunner};

use crate::request::session_settings;

// `tokens` builds the same request; every command maps core errors the same way.
use crate::cli::number;
pub use crate::engine::core_error;
pub use crate::request::build_request;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = CHAT_EXAMPLES, after_long_help = chat_long_help())]
pub struct ChatArgs {
    /// The prompt; piped stdin is appended to it as context (or is the prompt when none is given)
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    /// Model id, alias from [aliases], inference profile id or ARN; env BROCK_MODEL
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// System prompt
    #[arg(short, long, value_name = "TEXT")]
    pub system: Option<String>,

    /// Maximum tokens to generate
    #[arg(long, value_name = "N", value_parser = number::<u32>("max_tokens"))]
    pub max_tokens: Option<u32>,

    /// Sampling temperature (0–1 for most models)
    #[arg(short = 't', long, value_name = "T", allow_negative_numbers = true, value_parser = number::<f32>("temperature"))]
    pub temperature: Option<f32>,

    /// Nucleus sampling (0–1)
    #[arg(long, value_name = "P", allow_negative_numbers = true, value_parser = number::<f32>("top_p"))]
    pub top_p: Option<f32>,

    /// Top-k sampling (sent in additionalModelRequestFields, named as the model family expects)
    #[arg(long, value_name = "K", value_parser = number::<u32>("top_k"))]
    pub top_k: Option<u32>,

    /// Stop sequence (repeatable)
    #[arg(long = "stop", value_name = "TEXT")]
    pub stop: Vec<String>,

    /// Extra model field KEY=JSON into additionalModelRequestFields (repeatable; dotted keys nest)
    #[arg(long = "param", value_name = "KEY=JSON")]
    pub params: Vec<String>,

    /// Anthropic beta flags, comma separated (e.g. interleaved-thinking-2025-05-14)
    #[arg(
        long,
        value_name = "FLAGS",
        value_delimiter = ',',
        hide_short_help = true
    )]
    pub anthropic_beta: Vec<String>,

    /// Extra response field path (additionalModelResponseFieldPaths), repeatable
    #[arg(long = "response-field", value_name = "PATH", hide_short_help = true)]
    pub response_fields: Vec<String>,

    /// Reasoning: off, low, medium, high, or a token budget
    #[arg(long, value_name = "LEVEL")]
    pub reasoning: Option<String>,

    /// Do not print the model's reasoning
    #[arg(long)]
    pub hide_reasoning: bool,

    /// Tool definitions (OpenAI-style or Bedrock toolSpec JSON)
    #[arg(long, value_name = "FILE")]
    pub tools: Option<PathBuf>,

    /// Tool choice: auto, any, none or a tool name
    #[arg(long, value_name = "CHOICE")]
    pub tool_choice: Option<String>,

    /// Attach an image, document or video (repeatable); s3:// URIs are passed by reference, https:// URLs fetched, `-` attaches piped stdin (format told from its content)
    #[arg(short = 'a', long = "attach", value_name = "PATH")]
    pub attach: Vec<String>,

    /// Constrain the answer to this JSON schema and print the JSON only
    #[arg(long, value_name = "FILE")]
    pub json_schema: Option<PathBuf>,

    /// Apply a guardrail, ID:VERSION
    #[arg(long, value_name = "ID:VERSION")]
    pub guardrail: Option<String>,

    /// Print the guardrail trace to stderr
    #[arg(long, hide_short_help = true)]
    pub guardrail_trace: bool,

    /// Add TEXT to the prompt as guarded content: with --guardrail, only guarded content is
    /// checked (a Converse guardContent block; repeatable)
    #[arg(long = "guard", value_name = "TEXT", hide_short_help = true)]
    pub guard: Vec<String>,

    /// Send piped stdin as guarded content instead of appending it to the prompt
    #[arg(long, hide_short_help = true)]
    pub guard_stdin: bool,

    /// Print the request's input token count (CountTokens) instead of sending it
    #[arg(long, hide_short_help = true)]
    pub count_tokens: bool,

    /// Latency profile: standard or optimized
    #[arg(long, value_name = "MODE", hide_short_help = true)]
    pub latency: Option<String>,

    /// Service tier: default, priority, flex
    #[arg(long, value_name = "TIER", hide_short_help = true)]
    pub service_tier: Option<String>,

    /// Request metadata KEY=VALUE for invocation logs (repeatable)
    #[arg(
        long = "request-metadata",
        value_name = "KEY=VALUE",
        hide_short_help = true
    )]
    pub request_metadata: Vec<String>,

    /// Insert cache points after the system prompt and tools (prompt caching)
    #[arg(long)]
    pub cache: bool,

    /// Start the assistant's answer with this text
    #[arg(long, value_name = "TEXT")]
    pub prefill: Option<String>,

    /// Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file);
    /// the model is -m if given, else the body's model field, else the configured model
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,

    /// Read the request body from this file instead of stdin
    #[arg(long, value_name = "FILE", hide_short_help = true)]
    pub input_file: Option<PathBuf>,

    /// Use Converse instead of ConverseStream
    #[arg(long, hide_short_help = true)]
    pub no_stream: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,

    /// API route: converse, invoke (the model family's InvokeModel body) or auto (Converse where the model has it)
    #[arg(long, value_name = "ROUTE", default_value = "auto", value_parser = ["converse", "invoke", "auto"], hide_short_help = true)]
    pub route: String,

    /// Model family for ids that do not show it (application inference profile or provisioned
    /// throughput ARNs, proxy models): anthropic, nova, nova2, llama, mistral, … (default: looked up)
    #[arg(long, value_name = "NAME", hide_short_help = true)]
    pub family: Option<String>,

    /// URL of a Converse-shaped proxy for converse_like/NAME models, posted to as given (its answer may be a Converse JSON body or an event stream)
    #[arg(long, value_name = "URL", hide_short_help = true)]
    pub api_base: Option<String>,

    /// Environment variable holding the API key sent as a bearer token to --api-base
    #[arg(long, value_name = "VAR", hide_short_help = true)]
    pub api_key_env: Option<String>,

    /// Open the interactive REPL (the default with no prompt on a terminal)
    #[arg(short = 'i', long)]
    pub interactive: bool,

    /// Use a role from the config ([roles.NAME]: system prompt, model, settings, prompt template)
    #[arg(long, value_name = "NAME")]
    pub role: Option<String>,

    /// Write the answer's bytes exactly as the model sent them (no closing newline in a pipe)
    #[arg(long)]
    pub raw: bool,

    /// Continue the saved session NAME (created if missing) and save the new turns back
    #[arg(long, value_name = "NAME")]
    pub session: Option<String>,

    /// Continue the most recent logged conversation (its session file, if it has one)
    #[arg(short = 'c', long = "continue", conflicts_with_all = ["session", "cid"])]
    pub continue_last: bool,

    /// Continue the logged conversation ID (see brock logs, brock sessions)
    #[arg(long, value_name = "ID", conflicts_with = "session")]
    pub cid: Option<String>,

    /// Do not record this chat in the log database (also: log = false, BROCK_LOG=0)
    #[arg(long, hide_short_help = true)]
    pub no_log: bool,

    /// Run the tools the model calls ([tools.NAME] commands in the config) and send back the results
    #[arg(long)]
    pub run_tools: bool,

    /// Run tools without asking (for trusted scripts)
    #[arg(short = 'y', long)]
    pub yes: bool,
}

const CHAT_EXAMPLES: &str = "Examples:\n  \
brock chat \"Explain Rust lifetimes in two sentences\"\n  \
git diff | brock chat \"Write a commit message for this diff\"\n  \
brock chat -m sonnet --reasoning medium \"Is 2^61-1 prime?\"\n  \
brock chat -a - \"What is in this picture?\" < photo.png\n  \
brock chat -c \"And in Python?\"       (continue the last conversation)\n  \
brock chat --session work             (the REPL, in a saved conversation)\n\n\
-h shows the common options; --help shows them all and the REPL's commands and keys.";

/// `--help` (and the man page): the examples, then the REPL's commands and keys from the
/// table its `/help` prints.
fn chat_long_help() -> String {
    format!(
        "{CHAT_EXAMPLES}\n\nThe REPL (no prompt on a terminal, or -i)\n\n{}",
        crate::repl::help_listing()
    )
}

impl ChatArgs {
    /// Flag combinations where one flag would be silently ignored or give a broken result.
    /// They depend on values (and `output` may come from the config file), which clap's
    /// `conflicts_with` cannot express, so they are checked once settings are resolved.
    pub fn conflicts(&self, output: Option<OutputFormat>) -> Option<String> {
        let openai = self.input_format == Some(InputFormat::Openai);
        if self.input_file.is_some() && !openai {
            return Some(
                "--input-file reads an OpenAI request body: add --input-format openai".into(),
            );
        }
        if openai && !self.attach.is_empty() {
            return Some(
                "--attach cannot be combined with --input-format openai: put images and files in the request body"
                    .into(),
            );
        }
        if self.guard_stdin && openai {
            return Some(
                "--guard-stdin cannot be combined with --input-format openai: use guarded_text content parts in the request body".into(),
            );
        }
        if self.no_stream && output == Some(OutputFormat::Ndjson) {
            return Some(
                "--no-stream cannot be combined with --output ndjson (streamed chunks); use --output json".into(),
            );
        }
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text prompt (default)
    Text,
    /// OpenAI chat.completions request JSON
    Openai,
}

pub async fn run(printer: &Printer, settings: &Settings, args: &ChatArgs) -> Result<()> {
    let stdin_is_tty = printer.stdin_tty;
    if wants_repl(args, stdin_is_tty)? {
        return crate::repl::run(printer, settings, args).await;
    }
    one_shot(printer, settings, args, stdin_is_tty).await
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

async fn one_shot(
    printer: &Printer,
    settings: &Settings,
    args: &ChatArgs,
    stdin_is_tty: bool,
) -> Result<()> {
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
        route,
        // With a session, a stop (Ctrl-C, SIGTERM, SIGHUP, stdout closed) keeps what arrived,
        // marked interrupted, as the REPL does; without one there is nothing to keep it in.
        interruptible: session.is_some(),
        terminate: session.is_some(),
    };
    let mut view = AnswerView::new(
        *printer,
        AnswerOptions {
            output,
            show_reasoning: !args.hide_reasoning && !printer.quiet && output == OutputFormat::Text,
            show_tool_calls: !args.run_tools,
            exact: args.raw,
            guardrail_trace: settings.guardrail.as_ref().is_some_and(|g| g.trace),
        },
    );
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
    // Counted as the answers come, so a turn that fails in a later tool round logs the
    // tokens its earlier requests used.
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
    let mut ask = crate::render::approval::ask_on_terminal;
    let outcome = match super::identity::hint_request(
        &client,
        true,
        settings,
        &mut req,
        opts.route.family.as_deref(),
    )
    .await
    {
        Ok(()) => {
            engine::run(
                &client,
                &mut req,
                &opts,
                &mut view,
                runner.as_mut().map(|runner| engine::Tools {
                    runner,
                    ask: &mut ask,
                }),
                &mut record,
            )
            .await
        }
        Err(e) => Err(e),
    };
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
                Ok(o) if o.interrupted && !o.stdout_closed => {
                    i32::from(Error::Interrupted.exit_code())
                }
                Ok(_) => 0,
                Err(e) => i32::from(e.exit_code()),
            },
            error: outcome
                .as_ref()
                .err()
                .filter(|e| !matches!(e, Error::BrokenPipe))
                .map(|e| e.to_string()),
        };
        crate::logs::record_or_warn(&entry).await;
    }
    // A turn stopped before anything arrived is undone like a failed one: a prompt left
    // without its answer would be merged into the next one.
    let unanswered = outcome.as_ref().map_or(true, |o| o.interrupted);
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
        Ok(o) if o.interrupted && o.stdout_closed => Err(Error::BrokenPipe),
        Ok(o) if o.interrupted => Err(Error::Interrupted),
        other => other.map(|_| ()),
    }
}

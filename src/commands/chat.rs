//! `brock chat`: one-shot chat on any route (Converse, InvokeModel with a family body, or a
//! Converse-shaped proxy; see [`brock_core::route`]).
//!
//! Everything the user typed is checked and mapped (`request`, core) before the first byte is
//! sent; the turn runs in the engine and is drawn by `render::answer` as it streams, and, for
//! scripts, as OpenAI-format JSON.

use std::time::Instant;

use serde_json::json;

use crate::cli::{ChatArgs, InputFormat, OutputFormat};
use crate::config::Settings;
use crate::engine::{self, LoopEvent, RouteOptions, TurnOptions, prepare};
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::answer::{AnswerOptions, AnswerView};
use crate::tools::{Approval, ToolRunner};

use crate::request::session_settings;

// `tokens` builds the same request; every command maps core errors the same way.
pub use crate::engine::core_error;
pub use crate::request::build_request;

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

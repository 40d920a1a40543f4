//! One file per subcommand; `dispatch` is the one flat match. Each handler receives the
//! `Printer` (where and how output goes), resolved `Settings` (never raw flags for layered
//! values) and its own non-layered arguments.

pub mod agent;
pub mod async_invoke;
pub mod batch;
pub mod chat;
pub mod completions;
pub mod config;
pub mod dry_run;
pub mod embed;
pub mod emulator;
pub mod flow;
pub mod guardrail;
pub mod identity;
pub mod image;
pub mod logs;
pub mod models;
pub mod raw;
pub mod rerank;
pub mod roles;
pub mod sessions;
pub mod tokens;

use crate::cli::{Cli, Command};
use crate::config::{CommandOverrides, Settings, resolve};
use crate::error::{Error, Result};
use crate::render::Printer;
use chat::ChatArgs;

pub async fn dispatch(printer: &Printer, cli: Cli) -> Result<()> {
    let Cli {
        mut global,
        command,
    } = cli;
    // Commands that never need settings run before config is read, so a broken config file
    // cannot stop `brock completions` or `brock emulator`.
    match command {
        Command::Completions(args) => return completions::run(&args),
        Command::Emulator(args) => return emulator::run(&args, global.region.as_deref()).await,
        Command::Complete { what } => {
            let settings = resolve(&global, &CommandOverrides::default()).ok();
            return completions::candidates(settings.as_ref(), &what).await;
        }
        _ => {}
    }
    let overrides = match &command {
        Command::Chat(a) => chat_overrides(a),
        Command::Embed(a) => CommandOverrides {
            model: a.model.clone(),
            ..Default::default()
        },
        Command::Image(a) => CommandOverrides {
            model: a.model.clone(),
            ..Default::default()
        },
        Command::Agent(a) => match &a.command {
            agent::AgentCommand::Ask(ask) => CommandOverrides {
                model: ask.model.clone(),
                ..Default::default()
            },
            // An inline agent's instruction is its system prompt: the setting is the default.
            agent::AgentCommand::Inline(inline) => CommandOverrides {
                model: inline.model.clone(),
                system: inline.instruction.clone(),
                ..Default::default()
            },
            _ => CommandOverrides::default(),
        },
        Command::Rerank(a) => CommandOverrides {
            model: a.model.clone(),
            ..Default::default()
        },
        Command::Config(a) => CommandOverrides {
            config_may_be_missing: matches!(
                a.command,
                config::ConfigCommand::Init | config::ConfigCommand::Path
            ),
            ..Default::default()
        },
        Command::Batch(batch::BatchArgs {
            command: batch::BatchCommand::Submit(a),
        }) => CommandOverrides {
            model: a.model.clone(),
            system: a.system.clone(),
            max_tokens: a.max_tokens,
            temperature: a.temperature,
            ..Default::default()
        },
        Command::Async(async_invoke::AsyncArgs {
            command: async_invoke::AsyncCommand::Start(a),
        }) => CommandOverrides {
            model: a.model.clone(),
            ..Default::default()
        },
        Command::Tokens(a) => CommandOverrides {
            model: a.model.clone(),
            system: a.system.clone(),
            ..Default::default()
        },
        _ => CommandOverrides::default(),
    };
    if matches!(
        &command,
        Command::Batch(batch::BatchArgs {
            command: batch::BatchCommand::Submit(_)
        })
    ) || matches!(&command, Command::Embed(a) if a.batch)
    {
        // There `--role-arn` is the job's service role; clap copies it to the global flag too.
        global.role_arn = None;
    }
    let settings: Settings = resolve(&global, &overrides)?;
    if let Some(theme) = &settings.theme {
        crate::render::highlight::set_theme(theme);
    }
    match command {
        Command::Chat(args) => {
            if let Some(msg) = args.conflicts(settings.output) {
                return Err(Error::usage(msg));
            }
            chat::run(printer, &settings, &args).await
        }
        Command::Embed(args) => embed::run(printer, &settings, &args).await,
        Command::Image(args) => image::run(printer, &settings, &args).await,
        Command::Rerank(args) => rerank::run(printer, &settings, &args).await,
        Command::Agent(args) => agent::run(printer, &settings, &args).await,
        Command::Flow(args) => flow::run(printer, &settings, &args).await,
        Command::Raw(args) => raw::run(printer, &settings, &args).await,
        Command::Models(args) => models::run(printer, &settings, &args).await,
        Command::Config(args) => config::run(printer, &settings, &args),
        Command::Tokens(args) => tokens::run(printer, &settings, &args).await,
        Command::Guardrail(args) => guardrail::run(printer, &settings, &args).await,
        Command::Roles => roles::run(printer, &settings),
        Command::Logs(args) => logs::run(printer, &settings, &args).await,
        Command::Sessions(args) => sessions::run(printer, &settings, &args).await,
        Command::Serve(args) => crate::serve::run(printer, &settings, &args).await,
        Command::Batch(args) => batch::run(printer, &settings, &args).await,
        Command::Async(args) => async_invoke::run(printer, &settings, &args).await,
        Command::Video(args) => async_invoke::video(printer, &settings, &args).await,
        Command::Completions(_) | Command::Emulator(_) | Command::Complete { .. } => {
            unreachable!("handled above")
        }
    }
}

pub fn chat_overrides(a: &ChatArgs) -> CommandOverrides {
    CommandOverrides {
        model: a.model.clone(),
        system: a.system.clone(),
        temperature: a.temperature,
        top_p: a.top_p,
        max_tokens: a.max_tokens,
        reasoning: a.reasoning.clone(),
        guardrail: a.guardrail.clone(),
        guardrail_trace: a.guardrail_trace,
        latency: a.latency.clone(),
        service_tier: a.service_tier.clone(),
        request_metadata: a.request_metadata.clone(),
        role: a.role.clone(),
        config_may_be_missing: false,
    }
}

/// Resolves on Ctrl-C. The handler is installed when this is called, not when the future is
/// first polled (as `tokio::signal::ctrl_c()` does): a SIGINT that arrives before then is not
/// lost and does not end the process without the "how to resume" line.
pub(crate) fn interrupt_listener() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let sig = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt());
    async move {
        #[cfg(unix)]
        if let Ok(mut s) = sig {
            s.recv().await;
            return;
        }
        let _ = tokio::signal::ctrl_c().await;
    }
}

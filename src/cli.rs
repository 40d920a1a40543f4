//! Command-line definitions (clap derive). Flags only: no I/O, no defaults that belong to config.
//!
//! Every setting flag is an `Option` so that "not given" is distinguishable from "given the
//! default": the resolver in `config.rs` layers default < file < env < flag.
//!
//! Here: the top level (`Cli`, `GlobalArgs`, `Command`) and value types several commands share.
//! Each subcommand's `XxxArgs` lives beside its handler in `commands/xxx.rs`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;

#[derive(Debug, Parser)]
#[command(
    name = "brock",
    version,
    about = "A fast command-line client for Amazon Bedrock",
    long_about = "brock talks to Amazon Bedrock: chat with streaming, embeddings, images, reranking, \
agents and knowledge bases, raw API calls, and model listings. Settings come from \
~/.config/brock/config.toml (profiles), the environment and flags, in that order of precedence.\n\n\
Run `brock --mock chat \"hello\"` to try it offline against the built-in emulator.",
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Default, Args)]
// Under their own heading, after each command's own options: `brock chat --help` shows chat's
// flags first.
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// brock profile from the config file ([profiles.NAME]); env BROCK_PROFILE
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// AWS region, e.g. us-east-1; env AWS_REGION
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Named profile from ~/.aws/config and ~/.aws/credentials; env AWS_PROFILE
    #[arg(long, global = true, value_name = "NAME")]
    pub aws_profile: Option<String>,

    /// Endpoint URL for bedrock-runtime; env AWS_ENDPOINT_URL_BEDROCK_RUNTIME
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Endpoint URL for the bedrock control plane; env AWS_ENDPOINT_URL_BEDROCK
    #[arg(long, global = true, value_name = "URL", hide_short_help = true)]
    pub bedrock_endpoint_url: Option<String>,

    /// Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME
    #[arg(long, global = true, value_name = "URL", hide_short_help = true)]
    pub agent_runtime_endpoint_url: Option<String>,

    /// Assume this IAM role on top of the resolved credentials
    #[arg(long, global = true, value_name = "ARN")]
    pub role_arn: Option<String>,

    /// Session name for --role-arn (default: brock-<unix time>)
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        requires = "role_arn",
        hide_short_help = true
    )]
    pub role_session_name: Option<String>,

    /// External id for --role-arn
    #[arg(
        long,
        global = true,
        value_name = "ID",
        requires = "role_arn",
        hide_short_help = true
    )]
    pub external_id: Option<String>,

    /// Output format: text for people, json/ndjson for scripts (where the command supports it)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Run against the built-in Bedrock emulator (offline, dummy credentials)
    // The emulator replaces every endpoint: an explicit one would be silently ignored.
    #[arg(
        long,
        global = true,
        conflicts_with_all = ["endpoint_url", "bedrock_endpoint_url", "agent_runtime_endpoint_url"]
    )]
    pub mock: bool,

    /// Log requests and decisions to stderr (-vv: headers, -vvv: bodies); secrets are redacted
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Never use colour or styling (also: NO_COLOR)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// Print only the answer: no spinner, no usage footer
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Config file to use instead of the default; env BROCK_CONFIG
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Maximum attempts per request including the first (retries on throttling and 5xx)
    #[arg(long, global = true, value_name = "N", value_parser = number::<u32>("retries.max_attempts"), hide_short_help = true)]
    pub max_attempts: Option<u32>,

    /// Connect timeout in seconds
    #[arg(long, global = true, value_name = "SECS", value_parser = number::<f64>("timeouts.connect"), hide_short_help = true)]
    pub connect_timeout: Option<f64>,

    /// Read timeout in seconds: the longest silence tolerated from the service
    #[arg(long, global = true, value_name = "SECS", value_parser = number::<f64>("timeouts.read"), hide_short_help = true)]
    pub read_timeout: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Ndjson,
}

// Parsed once per process; boxing the big variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Chat with a model: one-shot (argument and/or stdin) or an interactive REPL
    Chat(commands::chat::ChatArgs),
    /// Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin
    Embed(commands::embed::EmbedArgs),
    /// Generate images (Nova Canvas, Titan Image, Stability)
    Image(commands::image::ImageArgs),
    /// Rerank documents against a query (amazon.rerank, cohere.rerank)
    Rerank(commands::rerank::RerankArgs),
    /// Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)
    Agent(commands::agent::AgentArgs),
    /// Bedrock Flows: run a flow alias and stream its outputs (InvokeFlow)
    Flow(commands::flow::FlowArgs),
    /// Send native JSON to any Bedrock API path, signed, with event streams decoded
    Raw(commands::raw::RawArgs),
    /// List foundation models, inference profiles, and your imported, custom and provisioned models
    Models(commands::models::ModelsArgs),
    /// Show, locate or create the config file
    Config(commands::config::ConfigArgs),
    /// Print a shell completion script
    Completions(commands::completions::CompletionsArgs),
    /// Serve the built-in Bedrock emulator on loopback for tests and benchmarks
    Emulator(commands::emulator::EmulatorArgs),
    /// Run an HTTP gateway: the OpenAI API, the Anthropic Messages API and a native Bedrock pass-through
    Serve(crate::serve::ServeArgs),
    /// Count a prompt's input tokens without sending it to the model (CountTokens)
    Tokens(commands::tokens::TokensArgs),
    /// Check text against a guardrail without a model (ApplyGuardrail)
    Guardrail(commands::guardrail::GuardrailArgs),
    /// List the roles defined in the config ([roles.NAME])
    Roles,
    /// List and search logged chat exchanges (oldest first, newest last)
    Logs(commands::logs::LogsArgs),
    /// List, show and remove saved conversations (session files and logged conversations)
    Sessions(commands::sessions::SessionsArgs),
    /// Batch inference over S3: submit many prompts as one job, follow it, fetch the results
    Batch(commands::batch::BatchArgs),
    /// Async invocations over S3 (Nova Reel videos): start, follow, fetch the outputs
    Async(commands::async_invoke::AsyncArgs),
    /// Make a video with Nova Reel: start, wait, download the clip (on top of `brock async`)
    Video(commands::async_invoke::VideoArgs),
    /// Completion candidates for shell scripts
    #[command(name = "__complete", hide = true)]
    Complete {
        /// What to list: models, chat-models, embed-models, image-models, rerank-models,
        /// profiles, sessions or conversations
        what: String,
    },
}

/// `--on-error` of both `embed` and `rerank`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    Skip,
    #[default]
    Fail,
}

/// A flag's value parser: the number checked against its bounds in
/// [`crate::config::NUMBERS`], so `--temperature 1e308` is refused as itself, not as the `inf`
/// an `f32` would make of it.
pub(crate) fn number<T: FromNumber>(
    key: &'static str,
) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |text| crate::config::parse_number(key, text).map(T::from_number)
}

/// The conversion after the bounds check (which keeps every value in the type's range).
pub(crate) trait FromNumber: Clone + Send + Sync + 'static {
    fn from_number(v: f64) -> Self;
}

macro_rules! from_number {
    ($($t:ty),*) => {$(
        impl FromNumber for $t {
            fn from_number(v: f64) -> Self {
                v as $t
            }
        }
    )*};
}
from_number!(f32, f64, u32, u64);

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

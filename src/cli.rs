//! Command-line definitions (clap derive). Flags only: no I/O, no defaults that belong to config.
//!
//! Every setting flag is an `Option` so that "not given" is distinguishable from "given the
//! default": the resolver in `config.rs` layers default < file < env < flag.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

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
    #[arg(long, global = true, value_name = "URL")]
    pub bedrock_endpoint_url: Option<String>,

    /// Endpoint URL for bedrock-agent-runtime; env AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME
    #[arg(long, global = true, value_name = "URL")]
    pub agent_runtime_endpoint_url: Option<String>,

    /// Assume this IAM role on top of the resolved credentials
    #[arg(long, global = true, value_name = "ARN")]
    pub role_arn: Option<String>,

    /// Session name for --role-arn (default: brock-<unix time>)
    #[arg(long, global = true, value_name = "NAME", requires = "role_arn")]
    pub role_session_name: Option<String>,

    /// External id for --role-arn
    #[arg(long, global = true, value_name = "ID", requires = "role_arn")]
    pub external_id: Option<String>,

    /// Output format: text for people, json/ndjson for scripts (where the command supports it)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Run against the built-in Bedrock emulator (offline, dummy credentials)
    #[arg(long, global = true)]
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
    #[arg(long, global = true, value_name = "N")]
    pub max_attempts: Option<u32>,

    /// Connect timeout in seconds
    #[arg(long, global = true, value_name = "SECS")]
    pub connect_timeout: Option<f64>,

    /// Read timeout in seconds: the longest silence tolerated from the service
    #[arg(long, global = true, value_name = "SECS")]
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
    Chat(ChatArgs),
    /// Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin
    Embed(EmbedArgs),
    /// Generate images (Nova Canvas, Titan Image, Stability)
    Image(ImageArgs),
    /// Rerank documents against a query (amazon.rerank, cohere.rerank)
    Rerank(RerankArgs),
    /// Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)
    Agent(AgentArgs),
    /// Send native JSON to any Bedrock API path, signed, with event streams decoded
    Raw(RawArgs),
    /// List foundation models and inference profiles
    Models(ModelsArgs),
    /// Show, locate or create the config file
    Config(ConfigArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Serve the built-in Bedrock emulator on loopback for tests and benchmarks
    Emulator(EmulatorArgs),
    /// Completion candidates for shell scripts (models, profiles)
    #[command(name = "__complete", hide = true)]
    Complete {
        /// What to list: models or profiles
        what: String,
    },
}

// ---------------------------------------------------------------------------------------------
// chat

#[derive(Debug, Clone, Default, Args)]
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
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u32>,

    /// Sampling temperature (0–1 for most models)
    #[arg(short = 't', long, value_name = "T", allow_negative_numbers = true)]
    pub temperature: Option<f32>,

    /// Nucleus sampling (0–1)
    #[arg(long, value_name = "P", allow_negative_numbers = true)]
    pub top_p: Option<f32>,

    /// Top-k sampling (sent in additionalModelRequestFields, named as the model family expects)
    #[arg(long, value_name = "K")]
    pub top_k: Option<u32>,

    /// Stop sequence (repeatable)
    #[arg(long = "stop", value_name = "TEXT")]
    pub stop: Vec<String>,

    /// Extra model field KEY=JSON into additionalModelRequestFields (repeatable; dotted keys nest)
    #[arg(long = "param", value_name = "KEY=JSON")]
    pub params: Vec<String>,

    /// Anthropic beta flags, comma separated (e.g. interleaved-thinking-2025-05-14)
    #[arg(long, value_name = "FLAGS", value_delimiter = ',')]
    pub anthropic_beta: Vec<String>,

    /// Extra response field path (additionalModelResponseFieldPaths), repeatable
    #[arg(long = "response-field", value_name = "PATH")]
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

    /// Attach an image, document or video (repeatable); s3:// URIs are passed by reference
    #[arg(short = 'a', long = "attach", value_name = "PATH")]
    pub attach: Vec<String>,

    /// Constrain the answer to this JSON schema and print the JSON only
    #[arg(long, value_name = "FILE")]
    pub json_schema: Option<PathBuf>,

    /// Apply a guardrail, ID:VERSION
    #[arg(long, value_name = "ID:VERSION")]
    pub guardrail: Option<String>,

    /// Print the guardrail trace to stderr
    #[arg(long)]
    pub guardrail_trace: bool,

    /// Latency profile: standard or optimized
    #[arg(long, value_name = "MODE")]
    pub latency: Option<String>,

    /// Service tier: default, priority, flex
    #[arg(long, value_name = "TIER")]
    pub service_tier: Option<String>,

    /// Request metadata KEY=VALUE for invocation logs (repeatable)
    #[arg(long = "request-metadata", value_name = "KEY=VALUE")]
    pub request_metadata: Vec<String>,

    /// Insert cache points after the system prompt and tools (prompt caching)
    #[arg(long)]
    pub cache: bool,

    /// Start the assistant's answer with this text
    #[arg(long, value_name = "TEXT")]
    pub prefill: Option<String>,

    /// Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,

    /// Read the request body from this file instead of stdin
    #[arg(long, value_name = "FILE")]
    pub input_file: Option<PathBuf>,

    /// Use Converse instead of ConverseStream
    #[arg(long)]
    pub no_stream: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,

    /// Open the interactive REPL (the default with no prompt on a terminal)
    #[arg(short = 'i', long)]
    pub interactive: bool,

    /// Continue the saved session NAME (created if missing) and save the new turns back
    #[arg(long, value_name = "NAME")]
    pub session: Option<String>,

    /// Run the tools the model calls ([tools.NAME] commands in the config) and send back the results
    #[arg(long)]
    pub run_tools: bool,

    /// Run tools without asking (for trusted scripts)
    #[arg(short = 'y', long)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Plain text prompt (default)
    Text,
    /// OpenAI chat.completions request JSON
    Openai,
}

// ---------------------------------------------------------------------------------------------
// embed / image / rerank

#[derive(Debug, Clone, Default, Args)]
pub struct EmbedArgs {
    /// Texts to embed (or --file / stdin, one per line)
    #[arg(value_name = "TEXT")]
    pub texts: Vec<String>,
    /// Embedding model id or alias
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Read texts from a file (one per line, or JSONL with --field)
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Args)]
pub struct ImageArgs {
    /// What to draw
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,
    /// Image model id or alias
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
}

#[derive(Debug, Clone, Default, Args)]
pub struct RerankArgs {
    /// Documents to rank (or --file / stdin)
    #[arg(value_name = "DOCUMENT")]
    pub documents: Vec<String>,
    /// The query to rank against
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Rerank model id or ARN
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// agent

#[derive(Debug, Clone, Args)]
pub struct AgentArgs {
    #[command(subcommand)]
    pub command: AgentCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AgentCommand {
    /// Invoke an agent and stream its answer (InvokeAgent)
    Invoke {
        /// Agent id
        agent_id: String,
        /// Agent alias id
        alias_id: String,
        /// Input text
        text: Vec<String>,
    },
    /// Chat with an agent in the REPL
    Chat {
        /// Agent id
        agent_id: String,
        /// Agent alias id
        alias_id: String,
    },
    /// Query a knowledge base (Retrieve)
    Retrieve {
        /// Knowledge base id
        kb_id: String,
        /// Query text
        query: Vec<String>,
    },
    /// Ask a knowledge base with generation and citations (RetrieveAndGenerate)
    Ask {
        /// Knowledge base id
        kb_id: String,
        /// Question
        question: Vec<String>,
    },
}

// ---------------------------------------------------------------------------------------------
// raw

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock raw /model/us.amazon.nova-lite-v1:0/converse -d @req.json\n  \
brock raw /model/us.amazon.nova-lite-v1:0/converse-stream -d '{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}'\n  \
brock raw --service agent-runtime /knowledgebases/KB123/retrieve -d @query.json\n  \
brock raw GET --service bedrock /foundation-models")]
pub struct RawArgs {
    /// [METHOD] PATH, e.g. `/model/ID/converse` or `GET /foundation-models`; ids with ':' and
    /// ARNs with '/' may be written as they are (they are percent-encoded for you)
    #[arg(value_name = "[METHOD] PATH", num_args = 1..=2, required = true)]
    pub target: Vec<String>,

    /// Request body: JSON text, @FILE, or @- for stdin (default: stdin when it is piped)
    #[arg(short = 'd', long = "data", value_name = "JSON|@FILE")]
    pub data: Option<String>,

    /// Service: runtime (bedrock-runtime), agent-runtime, or bedrock (control plane)
    #[arg(long, value_enum, default_value = "runtime")]
    pub service: RawService,

    /// Extra header 'Name: value' (repeatable), e.g. 'X-Amzn-Bedrock-Trace: ENABLED'
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// Send the body as is, without checking that it is JSON
    #[arg(long)]
    pub binary: bool,

    /// Print the status line and response headers on stderr (and error bodies on stdout)
    #[arg(short = 'i', long)]
    pub include: bool,

    /// For event streams: print every frame with all its headers instead of {event, payload}
    #[arg(long)]
    pub raw_frames: bool,

    /// Do not retry throttled or failed requests
    #[arg(long)]
    pub no_retry: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum RawService {
    /// bedrock-runtime
    #[default]
    #[value(alias = "bedrock-runtime")]
    Runtime,
    /// bedrock-agent-runtime
    #[value(alias = "bedrock-agent-runtime")]
    AgentRuntime,
    /// the bedrock control plane
    #[value(alias = "control")]
    Bedrock,
}

// ---------------------------------------------------------------------------------------------
// models

#[derive(Debug, Clone, Default, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub command: Option<ModelsCommand>,

    /// Only models from this provider (e.g. Anthropic, Amazon, Meta)
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,

    /// Only models with this output modality: TEXT, IMAGE, EMBEDDING, VIDEO
    #[arg(long, value_name = "MODALITY")]
    pub modality: Option<String>,

    /// Only models whose id or name contains this text (case-insensitive)
    #[arg(value_name = "FILTER")]
    pub filter: Option<String>,

    /// List inference profiles instead of foundation models
    #[arg(long)]
    pub profiles: bool,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ModelsCommand {
    /// Show one model's (or inference profile's) details
    Show {
        /// Model id, alias, inference profile id or ARN
        id: String,
    },
}

// ---------------------------------------------------------------------------------------------
// config

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and where each one came from
    Show,
    /// Print the path of the config file in use
    Path,
    /// Write a commented starter config file (never overwrites)
    Init,
}

// ---------------------------------------------------------------------------------------------
// completions / emulator

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// Shell to generate for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, Args)]
pub struct EmulatorArgs {
    /// Address to listen on (loopback only); port 0 picks a free port
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub listen: String,

    /// Delay before the first byte of every answer, in milliseconds
    #[arg(long, default_value_t = 0, value_name = "MS")]
    pub latency: u64,

    /// Pace streamed answers at this many tokens per second (0: as fast as possible)
    #[arg(long, default_value_t = 0.0, value_name = "N")]
    pub tokens_per_second: f64,

    /// Access key id the emulator accepts for SigV4
    #[arg(long, default_value = crate::emulator::DEFAULT_ACCESS_KEY, value_name = "ID")]
    pub access_key: String,

    /// Secret key the emulator uses to verify SigV4
    #[arg(long, default_value = crate::emulator::DEFAULT_SECRET_KEY, value_name = "SECRET")]
    pub secret_key: String,

    /// Accept this bearer token (Bedrock API key); repeatable
    #[arg(long = "bearer-token", value_name = "TOKEN")]
    pub bearer_tokens: Vec<String>,

    /// Replay the responses of this recorded cassette (VCR YAML) for matching requests
    #[arg(long, value_name = "FILE")]
    pub replay: Vec<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

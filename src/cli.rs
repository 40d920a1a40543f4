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
    Chat(ChatArgs),
    /// Create embeddings (Titan, Cohere, Nova) from arguments, files or stdin
    Embed(EmbedArgs),
    /// Generate images (Nova Canvas, Titan Image, Stability)
    Image(ImageArgs),
    /// Rerank documents against a query (amazon.rerank, cohere.rerank)
    Rerank(RerankArgs),
    /// Bedrock Agents and knowledge bases (InvokeAgent, Retrieve, RetrieveAndGenerate)
    Agent(AgentArgs),
    /// Bedrock Flows: run a flow alias and stream its outputs (InvokeFlow)
    Flow(FlowArgs),
    /// Send native JSON to any Bedrock API path, signed, with event streams decoded
    Raw(RawArgs),
    /// List foundation models, inference profiles, and your imported, custom and provisioned models
    Models(ModelsArgs),
    /// Show, locate or create the config file
    Config(ConfigArgs),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Serve the built-in Bedrock emulator on loopback for tests and benchmarks
    Emulator(EmulatorArgs),
    /// Run an OpenAI-compatible gateway and native Bedrock pass-through over HTTP
    Serve(ServeArgs),
    /// Count a prompt's input tokens without sending it to the model (CountTokens)
    Tokens(TokensArgs),
    /// Check text against a guardrail without a model (ApplyGuardrail)
    Guardrail(GuardrailArgs),
    /// List the roles defined in the config ([roles.NAME])
    Roles,
    /// List and search logged chat exchanges (oldest first, newest last)
    Logs(LogsArgs),
    /// List, show and remove saved conversations (session files and logged conversations)
    Sessions(SessionsArgs),
    /// Batch inference over S3: submit many prompts as one job, follow it, fetch the results
    Batch(BatchArgs),
    /// Async invocations over S3 (Nova Reel videos): start, follow, fetch the outputs
    Async(AsyncArgs),
    /// Make a video with Nova Reel: start, wait, download the clip (on top of `brock async`)
    Video(VideoArgs),
    /// Completion candidates for shell scripts
    #[command(name = "__complete", hide = true)]
    Complete {
        /// What to list: models, chat-models, embed-models, image-models, rerank-models,
        /// profiles, sessions or conversations
        what: String,
    },
}

// ---------------------------------------------------------------------------------------------
// chat

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

// ---------------------------------------------------------------------------------------------
// logs / sessions

#[derive(Debug, Clone, Default, Args)]
#[command(
    after_help = "Exchanges are listed oldest first, so the newest is nearest the prompt.\n\n\
Examples:\n  \
brock logs -n 3\n  \
brock logs \"rust lifetimes\" --output json\n  \
brock logs --conversation 1a2b3c4d5e6f"
)]
pub struct LogsArgs {
    /// Show the newest N exchanges (default 20; 0 for all)
    #[arg(short = 'n', long, value_name = "N", default_value_t = 20)]
    pub count: u32,
    /// Full-text search of prompts, answers, system prompts and reasoning (every word must
    /// match); -q is the global --quiet, so the text goes here or after --query
    #[arg(value_name = "TEXT", conflicts_with = "query_flag")]
    pub query: Option<String>,
    /// The same search, as a flag
    #[arg(long = "query", id = "query_flag", value_name = "TEXT")]
    pub query_flag: Option<String>,
    /// Only exchanges with this model id or alias
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Only this conversation (an id, or a session name)
    #[arg(long, visible_alias = "cid", value_name = "ID")]
    pub conversation: Option<String>,
}

#[derive(Debug, Clone, Args)]
#[command(
    after_help = "A conversation is either a session file (brock chat --session NAME, the REPL) \
or a logged conversation (one-shot chats, continued with brock chat --cid ID)."
)]
pub struct SessionsArgs {
    #[command(subcommand)]
    pub command: Option<SessionsCommand>,
}

#[derive(Debug, Clone, Subcommand)]
pub enum SessionsCommand {
    /// List session files and logged conversations, most recent first (the default)
    List,
    /// Print a conversation: a session NAME or a logged conversation ID
    Show {
        #[arg(value_name = "NAME|ID")]
        name: String,
    },
    /// Remove a session file, or a logged conversation's exchanges
    #[command(visible_alias = "rm")]
    Remove {
        #[arg(value_name = "NAME|ID", required = true)]
        names: Vec<String>,
    },
}

// ---------------------------------------------------------------------------------------------
// embed / image / rerank

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock embed \"hello world\" \"good morning\"\n  \
brock embed -m cohere-embed --input-type search_document -f corpus.txt > vectors.jsonl\n  \
brock embed -m amazon.titan-embed-text-v2:0 --dimensions 256 -f docs.jsonl --field text\n  \
brock embed -m amazon.titan-embed-image-v1 --image cat.png \"a cat\"")]
pub struct EmbedArgs {
    /// Texts to embed (or --file / stdin, one per line)
    #[arg(value_name = "TEXT")]
    pub texts: Vec<String>,
    /// Embedding model id or alias (default: titan-embed = amazon.titan-embed-text-v2:0)
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Read texts from a file, one per line (JSONL with --field); `-` for stdin
    #[arg(short, long, visible_alias = "input", value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Input is JSONL: embed this field of each object and carry the other fields to the output
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
    /// Output vector size: Titan v2 256|512|1024, Cohere v4 256–1536, Nova 256|384|1024|3072
    #[arg(long, value_name = "N")]
    pub dimensions: Option<u32>,
    /// Titan v2: ask for unit-length vectors
    #[arg(long, conflicts_with = "no_normalize")]
    pub normalize: bool,
    /// Titan v2: ask for raw (not normalized) vectors
    #[arg(long)]
    pub no_normalize: bool,
    /// Vector type: float, binary (Titan v2, Cohere), int8, uint8, ubinary (Cohere)
    #[arg(long, value_name = "TYPE")]
    pub embedding_type: Option<String>,
    /// Cohere / Nova: search_document, search_query, classification or clustering
    #[arg(long, value_name = "TYPE")]
    pub input_type: Option<String>,
    /// Cohere / Nova: what to do with text longer than the model takes: NONE, START or END
    #[arg(long, value_name = "MODE")]
    pub truncate: Option<String>,
    /// Multimodal models (Titan Multimodal, Nova): embed this image (with the text, if any)
    #[arg(long, value_name = "PATH")]
    pub image: Option<PathBuf>,
    /// How vectors are written: float (JSON numbers) or base64 (OpenAI encoding_format)
    #[arg(long, value_enum, default_value = "float", value_name = "FORMAT")]
    pub format: EmbedEncoding,
    /// Calls in flight at once
    #[arg(short = 'j', long, default_value_t = 8, value_name = "N")]
    pub concurrency: usize,
    /// Texts per call for models that take many (Cohere: at most 96)
    #[arg(long, value_name = "N")]
    pub batch_size: Option<usize>,
    /// Skip the first N inputs (resume an interrupted run; indexes stay those of the input)
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub skip: usize,
    /// A bad input line (empty, too long for the model): skip it with a warning, or fail
    #[arg(long, value_enum, default_value = "fail", value_name = "ACTION")]
    pub on_error: OnError,
    /// No progress bar
    #[arg(long)]
    pub no_progress: bool,
    /// Print the exact requests that would be sent (a JSON array when there are several) and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum EmbedEncoding {
    #[default]
    Float,
    Base64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    Skip,
    #[default]
    Fail,
}

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock image \"a lighthouse at dusk\" -o lighthouse.png\n  \
brock image -m amazon.nova-canvas-v1:0 --size 1280x720 -n 3 --seed 42 --out-dir shots \"a red fox\"\n  \
brock image --task inpainting --input photo.png --mask-prompt \"the sky\" \"a starry sky\"\n  \
brock image -m stability.sd3-5-large-v1:0 --aspect-ratio 16:9 --negative \"people\" \"a calm lake\"")]
pub struct ImageArgs {
    /// What to draw
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,
    /// Image model id or alias (default: nova-canvas = amazon.nova-canvas-v1:0)
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Nova Canvas / Titan task (default: text-image, or color-guided with --colors)
    #[arg(long, value_enum, value_name = "TASK")]
    pub task: Option<ImageTask>,
    /// What the image must not show (negative prompt)
    #[arg(long, value_name = "TEXT")]
    pub negative: Option<String>,
    /// Input image for variation, inpainting, outpainting, background removal (repeatable for
    /// variation); reference image for color-guided generation
    #[arg(short, long = "input", value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Inpainting/outpainting: describe the area to change
    #[arg(long, value_name = "TEXT", conflicts_with = "mask_image")]
    pub mask_prompt: Option<String>,
    /// Inpainting/outpainting: a mask image (black = change)
    #[arg(long, value_name = "PATH")]
    pub mask_image: Option<PathBuf>,
    /// Outpainting: keep the masked area exactly (PRECISE) instead of DEFAULT
    #[arg(long)]
    pub precise: bool,
    /// Image variation: how close to the input, 0.2–1.0
    #[arg(long, value_name = "S", value_parser = number::<f64>("image.similarity"))]
    pub similarity: Option<f64>,
    /// Color-guided generation: colours as #RRGGBB, comma separated (1–10)
    #[arg(long, value_name = "COLORS", value_delimiter = ',')]
    pub colors: Vec<String>,
    /// Image size WIDTHxHEIGHT (Nova Canvas, Titan, SDXL)
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Aspect ratio (Stability): 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21
    #[arg(long, value_name = "RATIO")]
    pub aspect_ratio: Option<String>,
    /// Nova Canvas / Titan quality: standard or premium
    #[arg(long, value_name = "Q")]
    pub quality: Option<String>,
    /// How strictly to follow the prompt (Nova Canvas / Titan 1.1–10, SDXL 0–35)
    #[arg(long, value_name = "SCALE")]
    pub cfg_scale: Option<f64>,
    /// Seed for reproducible images
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Number of images (Nova Canvas / Titan: 1–5)
    #[arg(short = 'n', long = "count", value_name = "N")]
    pub count: Option<u32>,
    /// SDXL style preset, e.g. photographic, anime, cinematic
    #[arg(long, value_name = "STYLE")]
    pub style: Option<String>,
    /// Output format (Stability): png, jpeg or webp
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write the image here (with -n above 1: NAME-1.png, NAME-2.png, …); never overwrites
    #[arg(
        short = 'o',
        long = "output-file",
        value_name = "PATH",
        conflicts_with = "out_dir"
    )]
    pub output_file: Option<PathBuf>,
    /// Write images into this directory (created if needed), named after the prompt
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also draw the image in the terminal (kitty, iTerm2, WezTerm)
    #[arg(long)]
    pub show: bool,
    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageTask {
    TextImage,
    ColorGuided,
    Variation,
    Inpainting,
    Outpainting,
    BackgroundRemoval,
}

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock rerank --query \"green fruit\" \"a red car\" \"kiwi is a green fruit\"\n  \
brock rerank --query \"refund policy\" -f chunks.jsonl --field text --top-n 5 --output json\n  \
brock rerank -m amazon.rerank-v1:0 --route invoke --query q -f docs.txt")]
pub struct RerankArgs {
    /// Documents to rank (or --file / stdin, one per line)
    #[arg(value_name = "DOCUMENT")]
    pub documents: Vec<String>,
    /// The query to rank against
    #[arg(long, value_name = "TEXT")]
    pub query: Option<String>,
    /// Rerank model id or ARN (default: rerank = cohere.rerank-v3-5:0)
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Read documents from a file, one per line (JSONL with --field); `-` for stdin
    #[arg(short, long, value_name = "PATH")]
    pub file: Option<PathBuf>,
    /// Input is JSONL: rank on this field; the other fields are carried to JSON output
    #[arg(long, value_name = "NAME")]
    pub field: Option<String>,
    /// Return only the N best documents
    #[arg(short = 'n', long, value_name = "N")]
    pub top_n: Option<usize>,
    /// Include each document's text in JSON output
    #[arg(long)]
    pub return_documents: bool,
    /// API: rerank (bedrock-agent-runtime Rerank, SigV4 only) or invoke (InvokeModel, Cohere body)
    #[arg(long, value_enum, default_value = "rerank", value_name = "ROUTE")]
    pub route: RerankRoute,
    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum RerankRoute {
    #[default]
    Rerank,
    Invoke,
}

// ---------------------------------------------------------------------------------------------
// agent

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

// ---------------------------------------------------------------------------------------------
// tokens / guardrail

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock tokens -m sonnet \"How many tokens is this sentence?\"\n  \
git diff | brock tokens -m sonnet -s \"Review this diff\"\n  \
brock tokens -m sonnet --input-format openai < request.json --output json")]
pub struct TokensArgs {
    /// The prompt; piped stdin is appended to it, as with `brock chat`
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    /// Model id, alias or inference profile (counted on its foundation model); env BROCK_MODEL
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// System prompt
    #[arg(short, long, value_name = "TEXT")]
    pub system: Option<String>,

    /// Attach an image, document or video (repeatable)
    #[arg(short = 'a', long = "attach", value_name = "PATH")]
    pub attach: Vec<String>,

    /// Tool definitions (OpenAI-style or Bedrock toolSpec JSON); they count too
    #[arg(long, value_name = "FILE")]
    pub tools: Option<PathBuf>,

    /// Extra model field KEY=JSON into additionalModelRequestFields (repeatable)
    #[arg(long = "param", value_name = "KEY=JSON")]
    pub params: Vec<String>,

    /// Anthropic beta flags, comma separated
    #[arg(long, value_name = "FLAGS", value_delimiter = ',')]
    pub anthropic_beta: Vec<String>,

    /// Read the request as an OpenAI chat.completions JSON body (from stdin or --input-file)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,

    /// Read the request body from this file instead of stdin
    #[arg(long, value_name = "FILE")]
    pub input_file: Option<PathBuf>,

    /// Count the Converse input, or the model family's InvokeModel body (invoke), as chat --route
    #[arg(long, value_name = "ROUTE", default_value = "converse", value_parser = ["converse", "invoke", "auto"])]
    pub route: String,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

impl TokensArgs {
    /// The same request `brock chat` would build from these flags.
    pub fn chat_args(&self) -> ChatArgs {
        ChatArgs {
            prompt: self.prompt.clone(),
            model: self.model.clone(),
            system: self.system.clone(),
            attach: self.attach.clone(),
            tools: self.tools.clone(),
            params: self.params.clone(),
            anthropic_beta: self.anthropic_beta.clone(),
            input_format: self.input_format,
            input_file: self.input_file.clone(),
            dry_run: self.dry_run,
            route: self.route.clone(),
            count_tokens: true,
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct GuardrailArgs {
    #[command(subcommand)]
    pub command: GuardrailCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum GuardrailCommand {
    /// Check text against a guardrail and show its verdict (ApplyGuardrail)
    #[command(
        after_help = "Exit status: 0 when the call succeeded, whatever the verdict; with \
--fail-on-intervention, 6 when the guardrail intervened.\n\n\
Examples:\n  \
brock guardrail apply abc123xyz:1 \"How do I make a bomb?\"\n  \
brock guardrail apply abc123xyz:DRAFT --source output --fail-on-intervention < answer.txt\n  \
brock guardrail apply abc123xyz:1 --output json \"text\""
    )]
    Apply(GuardrailApplyArgs),
}

#[derive(Debug, Clone, Args)]
pub struct GuardrailApplyArgs {
    /// The guardrail: ID:VERSION (VERSION is a number or DRAFT; ID may be a guardrail ARN)
    #[arg(value_name = "ID:VERSION")]
    pub guardrail: String,

    /// The text to check; without it, piped stdin
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,

    /// Check the text as a user's input or as a model's output
    #[arg(long, value_enum, default_value = "input", value_name = "SOURCE")]
    pub source: GuardSource,

    /// Ask for every assessment, not only the policies that intervened (outputScope FULL)
    #[arg(long)]
    pub full: bool,

    /// Exit with status 6 when the guardrail intervenes (for scripts and CI)
    #[arg(long)]
    pub fail_on_intervention: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum GuardSource {
    #[default]
    Input,
    Output,
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
// flow

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

    /// List inference profiles instead of foundation models (the same as --kind profile)
    #[arg(long)]
    pub profiles: bool,

    /// What to list: foundation models, system inference profiles, application inference
    /// profiles, imported models, custom models, provisioned throughputs, or all of them
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "profiles")]
    pub kind: Option<ModelsKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelsKind {
    Foundation,
    Profile,
    Application,
    Imported,
    Custom,
    Provisioned,
    All,
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
pub struct ServeArgs {
    /// Address to listen on (default 127.0.0.1:4000; port 0 picks a free port); env BROCK_SERVE_LISTEN
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,

    /// Environment variable holding a key clients must send (Authorization: Bearer or x-api-key); repeatable; env BROCK_SERVE_API_KEY_ENV
    #[arg(long = "api-key-env", value_name = "NAME")]
    pub api_key_env: Vec<String>,

    /// Request log format on stderr; env BROCK_SERVE_LOG_FORMAT
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "json"])]
    pub log_format: Option<String>,

    /// Seconds to let in-flight requests finish after SIGTERM or Ctrl-C; env BROCK_SERVE_DRAIN_TIMEOUT
    #[arg(long, value_name = "SECONDS", value_parser = number::<f64>("serve.drain_timeout"))]
    pub drain_timeout: Option<f64>,

    /// Allow browser requests from this origin (CORS; off by default); repeatable; env BROCK_SERVE_CORS_ORIGINS
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = emulator_help())]
pub struct EmulatorArgs {
    // The region it serves is the global --region (us-east-1 without it).
    /// Address to listen on (loopback only); port 0 picks a free port
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub listen: String,

    /// Delay before the first byte of every answer, in milliseconds
    #[arg(long, default_value_t = 0, value_name = "MS", value_parser = number::<u64>("emulator.latency"))]
    pub latency: u64,

    /// Pace streamed answers at this many tokens per second (0: as fast as possible)
    #[arg(long, default_value_t = 0.0, value_name = "N", value_parser = number::<f64>("emulator.tokens_per_second"))]
    pub tokens_per_second: f64,

    /// Access key id the emulator accepts for SigV4
    #[arg(long, default_value = brock_emulator::DEFAULT_ACCESS_KEY, value_name = "ID")]
    pub access_key: String,

    /// Secret key the emulator uses to verify SigV4
    #[arg(long, default_value = brock_emulator::DEFAULT_SECRET_KEY, value_name = "SECRET")]
    pub secret_key: String,

    /// Accept this bearer token (Bedrock API key); repeatable
    #[arg(long = "bearer-token", value_name = "TOKEN")]
    pub bearer_tokens: Vec<String>,

    /// Replay the responses of this recorded cassette (VCR YAML) for matching requests
    #[arg(long, value_name = "FILE")]
    pub replay: Vec<PathBuf>,
}

/// The fault scenarios, from the emulator's own list, and how a request chooses one.
fn emulator_help() -> String {
    use brock_emulator::{DELAY_HEADER, SCENARIO_HEADER, SCENARIOS, THROTTLE_EVERY_HEADER};
    let names: Vec<String> = SCENARIOS
        .chunks(5)
        .map(|chunk| format!("\n  {}", chunk.join(", ")))
        .collect();
    let names = names.join(",");
    format!(
        "Fault scenarios:{names}\n\n\
A request chooses one with the header {SCENARIO_HEADER}: NAME (brock: -H on raw, or \
[default.headers] in the config), or with the model id emulator.NAME. slow-first-byte waits \
{DELAY_HEADER} milliseconds (default 2000); {THROTTLE_EVERY_HEADER}: N throttles every Nth \
request that carries it.\n\n\
Examples:\n  \
brock emulator --listen 127.0.0.1:8080 --latency 20 --tokens-per-second 200\n  \
brock --mock chat -m emulator.throttle-then-ok \"hi\""
    )
}

/// A flag's value parser: the number checked against its bounds in
/// [`crate::config::NUMBERS`], so `--temperature 1e308` is refused as itself, not as the `inf`
/// an `f32` would make of it.
// ---------------------------------------------------------------------------------------------
// batch and async

#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  \
brock batch submit -m nova-lite --input prompts.txt --s3 s3://my-bucket/batch/ --service-role arn:aws:iam::123456789012:role/BedrockBatch --wait\n  \
brock batch status JOB\n  \
brock batch results JOB -o results.jsonl")]
pub struct BatchArgs {
    #[command(subcommand)]
    pub command: BatchCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum BatchCommand {
    /// Upload the input to S3 and create a batch inference job (CreateModelInvocationJob)
    Submit(BatchSubmitArgs),
    /// Show a job's status and counts (GetModelInvocationJob)
    Status(BatchJobArgs),
    /// List batch inference jobs, newest first (ListModelInvocationJobs)
    List(BatchListArgs),
    /// Stop a running job (StopModelInvocationJob)
    Stop(BatchJobArgs),
    /// Download a finished job's outputs and write them in input order
    Results(BatchResultsArgs),
}

#[derive(Debug, Clone, Args)]
pub struct BatchSubmitArgs {
    /// Model id, alias or inference profile; env BROCK_MODEL
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// Input lines: plain prompts, OpenAI chat.completions requests, or native records
    /// ({"recordId","modelInput"}); - for stdin
    #[arg(long, value_name = "FILE")]
    pub input: PathBuf,

    /// Where the job's input, mapping and output go: s3://BUCKET/PREFIX/
    #[arg(long, value_name = "S3_URI")]
    pub s3: String,

    /// The IAM service role Bedrock assumes to read and write the S3 location
    #[arg(long, value_name = "ARN")]
    pub service_role: String,

    /// Job name (letters, digits, + - .); default brock-<time>
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// System prompt for plain-prompt lines
    #[arg(short, long, value_name = "TEXT")]
    pub system: Option<String>,

    /// Maximum tokens to generate per record
    #[arg(long, value_name = "N", value_parser = number::<u32>("max_tokens"))]
    pub max_tokens: Option<u32>,

    /// Sampling temperature
    #[arg(long, value_name = "T", value_parser = number::<f32>("temperature"))]
    pub temperature: Option<f32>,

    /// Job timeout in hours (24 to 168)
    #[arg(long, value_name = "HOURS", value_parser = clap::value_parser!(u32).range(24..=168))]
    pub timeout_hours: Option<u32>,

    /// Follow the job until it ends, with progress on stderr
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BatchJobArgs {
    /// Job ARN or id
    #[arg(value_name = "JOB")]
    pub job: String,

    /// Follow the job until it ends (status only)
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Clone, Args)]
pub struct BatchListArgs {
    /// Only jobs in this status (Submitted, InProgress, Completed, Failed, Stopped, …)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    /// Only jobs whose name contains this
    #[arg(long, value_name = "TEXT")]
    pub name_contains: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct BatchResultsArgs {
    /// Job ARN or id
    #[arg(value_name = "JOB")]
    pub job: String,

    /// Write the results here instead of stdout
    #[arg(short = 'o', long = "output-file", value_name = "FILE")]
    pub output_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
#[command(after_help = "Examples:\n  \
brock async start -m amazon.nova-reel-v1:0 --s3 s3://my-bucket/videos/ \"a lighthouse at dusk\" --wait\n  \
brock async fetch ARN -o clips/")]
pub struct AsyncArgs {
    #[command(subcommand)]
    pub command: AsyncCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum AsyncCommand {
    /// Start an async invocation writing to S3 (StartAsyncInvoke)
    Start(AsyncStartArgs),
    /// Show an invocation's status (GetAsyncInvoke)
    Status(AsyncStatusArgs),
    /// List async invocations, newest first (ListAsyncInvokes)
    List(AsyncListArgs),
    /// Download a completed invocation's outputs into a directory
    Fetch(AsyncFetchArgs),
}

#[derive(Debug, Clone, Args)]
pub struct AsyncStartArgs {
    /// A text-to-video prompt (Nova Reel TEXT_VIDEO); or give the whole body with --input
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,

    /// Model id (e.g. amazon.nova-reel-v1:1); env BROCK_MODEL
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// Where the outputs go: s3://BUCKET/PREFIX/
    #[arg(long, value_name = "S3_URI")]
    pub s3: String,

    /// The native model input as JSON (instead of a prompt)
    #[arg(long, value_name = "JSON", conflicts_with = "prompt")]
    pub input: Option<String>,

    /// Video length in seconds for a prompt (6; Nova Reel 1.1: multiples of 6 up to 120)
    #[arg(long, value_name = "SECS", conflicts_with = "input")]
    pub duration: Option<u32>,

    /// Seed for a prompt
    #[arg(long, value_name = "N", conflicts_with = "input")]
    pub seed: Option<u32>,

    /// Follow the invocation until it ends, with progress on stderr
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Clone, Args)]
pub struct AsyncStatusArgs {
    /// Invocation ARN
    #[arg(value_name = "ARN")]
    pub arn: String,

    /// Follow the invocation until it ends
    #[arg(long)]
    pub wait: bool,
}

#[derive(Debug, Clone, Args)]
pub struct AsyncListArgs {
    /// Only invocations in this status (InProgress, Completed, Failed)
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct VideoArgs {
    /// What the video shows (at most 512 characters)
    #[arg(value_name = "PROMPT", required = true)]
    pub prompt: Vec<String>,

    /// Model id; default amazon.nova-reel-v1:1
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,

    /// Where Bedrock writes the video before it is downloaded: s3://BUCKET/PREFIX/
    #[arg(long, value_name = "S3_URI")]
    pub s3: String,

    /// Length in seconds (6; Nova Reel 1.1: a multiple of 6 up to 120)
    #[arg(long, value_name = "SECS")]
    pub duration: Option<u32>,

    /// Seed
    #[arg(long, value_name = "N")]
    pub seed: Option<u32>,

    /// The file to write (MP4)
    #[arg(short = 'o', long = "output-file", value_name = "FILE")]
    pub output_file: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct AsyncFetchArgs {
    /// Invocation ARN
    #[arg(value_name = "ARN")]
    pub arn: String,

    /// Directory to write the outputs into (created if missing)
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: PathBuf,
}

fn number<T: FromNumber>(key: &'static str) -> impl Fn(&str) -> Result<T, String> + Clone {
    move |text| crate::config::parse_number(key, text).map(T::from_number)
}

/// The conversion after the bounds check (which keeps every value in the type's range).
trait FromNumber: Clone + Send + Sync + 'static {
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

//! `brock tokens` and `brock chat --count-tokens`: CountTokens for the request `chat` would send.
//!
//! The request is built by chat's own [`build_request`](super::chat::build_request), so every
//! input form of `chat` (prompt and stdin, --system, --attach, --tools, OpenAI JSON) is counted
//! exactly as it would be sent; only the Converse members CountTokens takes are kept
//! ([`to_count_tokens`]).

use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::commands::chat::{ChatArgs, InputFormat, build_request, core_error};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::stdout_write;
use brock_bedrock::{ApiRequest, Client, Service, path_segment};
use brock_core::model::ModelRef;
use brock_core::request::ChatRequest;
use brock_core::route::{self, Route, RouteChoice, SpecPrefix, parse_spec};
use brock_core::to_count_tokens;
use clap::Args;
use std::path::PathBuf;

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

pub async fn run(printer: &Printer, settings: &Settings, args: &TokensArgs) -> Result<()> {
    let chat = args.chat_args();
    if let Some(msg) = chat.conflicts(settings.output) {
        return Err(Error::usage(msg));
    }
    let req = build_request(settings, &chat, printer.stdin_tty)?;
    let client = crate::transport::client(settings).await?;
    let choice = args.route.parse().unwrap_or_default();
    count_and_print(&client, settings, &req, choice, args.dry_run).await
}

/// The CountTokens call for `req` on the route chat would take, and what `--dry-run` adds to
/// it: the Converse input, or on the invoke route the family body as `invokeModel.body`
/// (base64), as recorded in test_anthropic_bedrock_count_tokens_real_api.yaml.
pub fn count_request(req: &ChatRequest, choice: RouteChoice) -> Result<(ApiRequest, Value)> {
    let spec = parse_spec(&req.model_id);
    if spec.prefix == Some(SpecPrefix::ConverseLike) {
        return Err(Error::usage(format!(
            "'{}' is a converse_like model: CountTokens is a Bedrock operation and cannot count for a proxy",
            req.model_id
        )));
    }
    let plan = route::plan(req, choice, false).map_err(core_error)?;
    // CountTokens takes a foundation model id: real calls made with an inference profile go
    // to its foundation model (tests/fixtures/recorded/converse/
    // test_bedrock_inference_profile_count_tokens.yaml), and the profile id itself is refused
    // ("The provided model doesn't support counting tokens.", ..._count_tokens_error.yaml).
    let parsed = ModelRef::parse(&plan.model_id).map_err(core_error)?;
    let model = parsed.base_model_id().unwrap_or(&plan.model_id).to_string();
    let body = match plan.route {
        Route::Invoke(_) => {
            use base64::Engine;
            let raw = serde_json::to_vec(&plan.body).unwrap_or_default();
            let b64 = base64::engine::general_purpose::STANDARD.encode(raw);
            json!({"input": {"invokeModel": {"body": b64}}})
        }
        _ => to_count_tokens(req).map_err(core_error)?,
    };
    let path = format!("/model/{}/count-tokens", path_segment(&model));
    let extra =
        json!({"operation": "CountTokens", "route": plan.route.as_str(), "model_id": model});
    Ok((ApiRequest::post_json(Service::Runtime, path, &body), extra))
}

/// Counts `req`'s input tokens and prints the count (text) or the service's JSON answer.
pub async fn count_and_print(
    client: &Client,
    settings: &Settings,
    req: &ChatRequest,
    choice: RouteChoice,
    dry_run: bool,
) -> Result<()> {
    let (api, extra) = count_request(req, choice)?;
    if dry_run {
        return super::dry_run::print(client, &[(api, extra)]);
    }
    let answer = client.send(&api).await?.json().await?;
    let Some(n) = answer.get("inputTokens").and_then(Value::as_u64) else {
        return Err(Error::Protocol(format!(
            "the CountTokens answer has no inputTokens: {answer}"
        )));
    };
    match settings.output {
        Some(OutputFormat::Json) => stdout_write(&format!(
            "{}\n",
            serde_json::to_string_pretty(&answer).unwrap_or_default()
        )),
        Some(OutputFormat::Ndjson) => stdout_write(&format!("{answer}\n")),
        _ => stdout_write(&format!("{n}\n")),
    }
}

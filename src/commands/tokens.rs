//! `brock tokens` and `brock chat --count-tokens`: CountTokens for the request `chat` would send.
//!
//! The request is built by chat's own [`build_request`](super::chat::build_request), so every
//! input form of `chat` (prompt and stdin, --system, --attach, --tools, OpenAI JSON) is counted
//! exactly as it would be sent; only the Converse members CountTokens takes are kept
//! ([`to_count_tokens`]).

use serde_json::{Value, json};

use crate::cli::{OutputFormat, TokensArgs};
use crate::commands::chat::{build_request, core_error};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::stdout_write;
use brock_bedrock::{ApiRequest, Client, Service, path_segment};
use brock_core::model::ModelRef;
use brock_core::request::ChatRequest;
use brock_core::route::{self, Route, RouteChoice, SpecPrefix, parse_spec};
use brock_core::to_count_tokens;

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

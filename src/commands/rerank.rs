//! `brock rerank`: order documents by relevance to a query, with the bedrock-agent-runtime
//! Rerank API (SigV4 only) or, with `--route invoke`, InvokeModel and the Cohere body.

use crate::cli::{OnError, OutputFormat};
use crate::commands::chat::core_error;
use crate::commands::embed::{read_inputs, settle_problems};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::table::Table;
use crate::render::{sanitize, stdout_write};
use brock_bedrock::{ApiRequest, Service, path_segment};
use brock_core::rerank::{
    self, Ranked, cohere_results, invoke_body, is_rerank_model, model_arn, parse_invoke,
    parse_rerank, rerank_body,
};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

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

pub const DEFAULT_MODEL: &str = "rerank";

pub async fn run(printer: &Printer, settings: &Settings, args: &RerankArgs) -> Result<()> {
    let model = settings.resolve_model(args.model.as_deref().unwrap_or(DEFAULT_MODEL))?;
    if !is_rerank_model(&model) {
        return Err(Error::usage(format!(
            "{model} is not a rerank model: use amazon.rerank-v1:0 or cohere.rerank-v3-5:0 (or their ARNs)"
        )));
    }
    let query = args
        .query
        .as_deref()
        .filter(|q| !q.trim().is_empty())
        .ok_or_else(|| {
            Error::usage("--query is required: the text to rank the documents against")
        })?;
    let items = read_inputs(
        &args.documents,
        args.file.as_deref(),
        args.field.as_deref(),
        "documents",
    )?;
    if items.is_empty() {
        return Err(Error::usage(
            "no documents: give them as arguments, --file PATH, or pipe them on stdin",
        ));
    }
    let mut items = items;
    for it in items.iter_mut().filter(|i| i.problem.is_none()) {
        if it.text.trim().is_empty() {
            it.problem = Some("empty document".into());
        }
    }
    let items = settle_problems(items, OnError::Fail, settings.quiet)?;
    if items.len() > rerank::MAX_DOCUMENTS {
        return Err(Error::usage(format!(
            "{} documents: reranking takes at most {} per call",
            items.len(),
            rerank::MAX_DOCUMENTS
        )));
    }
    if args.top_n == Some(0) {
        return Err(Error::usage("--top-n must be 1 or more"));
    }
    let docs: Vec<String> = items.iter().map(|i| i.text.clone()).collect();

    let client = crate::transport::client(settings).await?;
    let (api, operation) = match args.route {
        RerankRoute::Rerank => {
            let arn = model_arn(&model, client.region()).map_err(core_error)?;
            let body = rerank_body(&arn, query, &docs, args.top_n, false).map_err(core_error)?;
            (
                ApiRequest::post_json(Service::AgentRuntime, "/rerank", &body),
                "Rerank",
            )
        }
        RerankRoute::Invoke => {
            let body = invoke_body(&model, query, &docs, args.top_n).map_err(core_error)?;
            let path = format!("/model/{}/invoke", path_segment(&model));
            (
                ApiRequest::post_json(Service::Runtime, path, &body)
                    .header("accept", "application/json"),
                "InvokeModel",
            )
        }
    };
    if args.dry_run {
        let extra = serde_json::json!({"operation": operation, "model_id": model});
        return super::dry_run::print(&client, &[(api, extra)]);
    }
    if args.route == RerankRoute::Rerank && client.uses_bearer() && !has_sigv4_hint() {
        crate::render::diag(
            "note: the Rerank API (bedrock-agent-runtime) accepts only SigV4; a Bedrock API key (bearer token) is not enough. \
             Trying AWS credentials; or use --route invoke, which accepts API keys",
        );
    }
    let answer = client.send(&api).await?.json().await?;
    let ranked: Vec<Ranked> = match args.route {
        RerankRoute::Rerank => parse_rerank(&answer, docs.len()).map_err(core_error)?,
        RerankRoute::Invoke => parse_invoke(&answer, docs.len()).map_err(core_error)?,
    };
    let ranked: Vec<Ranked> = match args.top_n {
        Some(n) => ranked.into_iter().take(n).collect(),
        None => ranked,
    };

    let shown_docs = args.return_documents.then_some(docs.as_slice());
    match settings.output {
        Some(OutputFormat::Json) => {
            let mut v = cohere_results(&ranked, shown_docs);
            carry_fields(&mut v, &items, &ranked);
            crate::render::stdout_write_untrusted(&format!(
                "{}\n",
                serde_json::to_string_pretty(&v).unwrap_or_default()
            ))
        }
        Some(OutputFormat::Ndjson) => ndjson(&ranked, &items, shown_docs),
        // A pipe gets JSON lines unless `--output text` was asked for explicitly.
        None if !printer.stdout_tty => ndjson(&ranked, &items, shown_docs),
        _ => {
            let color = printer.color;
            let mut t = Table::new(["RANK", "SCORE", "INDEX", "DOCUMENT"]);
            for (rank, r) in ranked.iter().enumerate() {
                t.row([
                    (rank + 1).to_string(),
                    format!("{:.4}", r.score),
                    r.index.to_string(),
                    preview(&sanitize::for_terminal(&docs[r.index]), 70),
                ]);
            }
            let mut out = Vec::new();
            t.write(&mut out, color.stdout)
                .map_err(|e| Error::io("cannot write to stdout", e))?;
            stdout_write(&String::from_utf8_lossy(&out))
        }
    }
}

/// With `--field`, the other JSONL fields of each document come along in the results.
fn carry_fields(
    v: &mut serde_json::Value,
    items: &[crate::commands::embed::Item],
    ranked: &[Ranked],
) {
    if let Some(results) = v
        .get_mut("results")
        .and_then(serde_json::Value::as_array_mut)
    {
        for (r, out) in ranked.iter().zip(results.iter_mut()) {
            for (k, val) in &items[r.index].extra {
                if out.get(k).is_none() {
                    out[k] = val.clone();
                }
            }
        }
    }
}

fn ndjson(
    ranked: &[Ranked],
    items: &[crate::commands::embed::Item],
    docs: Option<&[String]>,
) -> Result<()> {
    let mut v = cohere_results(ranked, docs);
    carry_fields(&mut v, items, ranked);
    let mut out = String::new();
    for r in v["results"].as_array().into_iter().flatten() {
        out.push_str(&r.to_string());
        out.push('\n');
    }
    crate::render::stdout_write_untrusted(&out)
}

fn preview(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let cut: String = one_line.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

/// True when SigV4 credentials are visibly configured next to a bearer token.
fn has_sigv4_hint() -> bool {
    std::env::var_os("AWS_ACCESS_KEY_ID").is_some() || std::env::var_os("AWS_PROFILE").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_are_one_line_and_bounded() {
        assert_eq!(preview("a\nb   c", 10), "a b c");
        assert_eq!(preview("abcdefghijkl", 5), "abcd…");
    }
}

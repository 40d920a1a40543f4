//! `brock async`: bedrock-runtime's async invocations (StartAsyncInvoke, GetAsyncInvoke,
//! ListAsyncInvokes), whose outputs land in S3 (Nova Reel videos).

use std::time::Instant;

use brock_bedrock::{ApiRequest, Service, path_segment};
use serde_json::{Value, json};

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::OutputFormat;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::diag;
use crate::render::printer::Printer;
use crate::s3::S3Uri;

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
pub struct AsyncFetchArgs {
    /// Invocation ARN
    #[arg(value_name = "ARN")]
    pub arn: String,

    /// Directory to write the outputs into (created if missing)
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: PathBuf,
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

pub async fn run(printer: &Printer, settings: &Settings, args: &AsyncArgs) -> Result<()> {
    match &args.command {
        AsyncCommand::Start(a) => start(printer, settings, a).await,
        AsyncCommand::Status(a) => status(printer, settings, a).await,
        AsyncCommand::List(a) => list(settings, a).await,
        AsyncCommand::Fetch(a) => fetch(settings, a).await,
    }
}

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

/// The model input: `--input JSON` as given, or a Nova Reel TEXT_VIDEO body for a prompt.
fn model_input(a: &AsyncStartArgs) -> Result<Value> {
    if let Some(raw) = &a.input {
        let v: Value = serde_json::from_str(raw)
            .map_err(|e| Error::usage(format!("--input is not valid JSON ({e})")))?;
        if !v.is_object() {
            return Err(Error::usage("--input must be a JSON object"));
        }
        return Ok(v);
    }
    let prompt = a.prompt.join(" ");
    if prompt.trim().is_empty() {
        return Err(Error::usage(
            "no input: give a prompt (brock async start --s3 … \"a lighthouse at dusk\") or --input JSON",
        ));
    }
    if prompt.chars().count() > 512 {
        return Err(Error::usage(format!(
            "the prompt is {} characters; Nova Reel takes at most 512",
            prompt.chars().count()
        )));
    }
    let duration = a.duration.unwrap_or(6);
    if duration == 0 || !duration.is_multiple_of(6) || duration > 120 {
        return Err(Error::usage(format!(
            "--duration {duration}: Nova Reel makes videos of 6 seconds (Nova Reel 1.1: a multiple of 6 up to 120)"
        )));
    }
    let mut cfg = json!({"durationSeconds": duration, "fps": 24, "dimension": "1280x720"});
    if let Some(seed) = a.seed {
        cfg["seed"] = json!(seed);
    }
    Ok(json!({
        "taskType": "TEXT_VIDEO",
        "textToVideoParams": {"text": prompt},
        "videoGenerationConfig": cfg,
    }))
}

/// `brock video`: start a Nova Reel invocation, wait for it, download `output.mp4` to a file.
pub async fn video(printer: &Printer, settings: &Settings, v: &VideoArgs) -> Result<()> {
    let a = AsyncStartArgs {
        prompt: v.prompt.clone(),
        model: Some(
            v.model
                .clone()
                .unwrap_or_else(|| "amazon.nova-reel-v1:1".into()),
        ),
        s3: v.s3.clone(),
        input: None,
        duration: v.duration,
        seed: v.seed,
        wait: true,
    };
    let (client, arn) = start_invocation(settings, &a, false).await?;
    let doc = follow(printer, &client, &arn, settings).await?;
    if s(&doc, "status") != "Completed" {
        return finished(&doc);
    }
    let base = S3Uri::parse(
        doc.pointer("/outputDataConfig/s3OutputDataConfig/s3Uri")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    )?;
    let id = arn.rsplit('/').next().unwrap_or_default();
    let src = base.child(&format!("{id}/output.mp4"));
    let s3 = crate::s3::client(settings, &client).await?;
    let mut body = s3.get(&src).await?.into_async_read();
    let path = &v.output_file;
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    tokio::io::copy_buf(&mut body, &mut file)
        .await
        .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
    crate::render::stdout_write(&format!("{}\n", path.display()))
}

async fn start(printer: &Printer, settings: &Settings, a: &AsyncStartArgs) -> Result<()> {
    let (client, arn) = start_invocation(settings, a, true).await?;
    if a.wait {
        let doc = follow(printer, &client, &arn, settings).await?;
        finished(&doc)?;
    }
    Ok(())
}

/// StartAsyncInvoke; the invocation ARN goes to stdout when it is the answer, else to stderr.
async fn start_invocation(
    settings: &Settings,
    a: &AsyncStartArgs,
    arn_is_the_answer: bool,
) -> Result<(brock_bedrock::Client, String)> {
    let model = settings.model_or_default(a.model.as_deref())?;
    let dest = S3Uri::parse(&a.s3)?;
    let input = model_input(a)?;
    let client = crate::transport::client(settings).await?;
    let body = json!({
        "modelId": model,
        "modelInput": input,
        // Idempotent: a retried request names the same invocation.
        "clientRequestToken": uuid::Uuid::new_v4().to_string(),
        "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": dest.to_string()}},
    });
    let doc = client
        .send(&ApiRequest::post_json(
            Service::Runtime,
            "/async-invoke",
            &body,
        ))
        .await?
        .json()
        .await?;
    let arn = s(&doc, "invocationArn");
    if arn.is_empty() {
        return Err(Error::Protocol(
            "StartAsyncInvoke answered without an invocationArn".into(),
        ));
    }
    if arn_is_the_answer {
        crate::render::stdout_write(&format!("{arn}\n"))?;
    } else if !settings.quiet {
        diag(&format!("started {arn}"));
    }
    Ok((client, arn))
}

async fn get(client: &brock_bedrock::Client, arn: &str) -> Result<Value> {
    Ok(client
        .send(&ApiRequest::get(
            Service::Runtime,
            format!("/async-invoke/{}", path_segment(arn)),
        ))
        .await?
        .json()
        .await?)
}

async fn follow(
    printer: &Printer,
    client: &brock_bedrock::Client,
    arn: &str,
    settings: &Settings,
) -> Result<Value> {
    let quiet = settings.quiet;
    let started = Instant::now();
    let mut last = String::new();
    let interrupted = super::interrupt_listener();
    tokio::pin!(interrupted);
    let hint = || {
        diag(&format!(
            "stopped waiting; the invocation keeps running. Follow it with: brock async status {arn} --wait"
        ));
        Error::Interrupted
    };
    loop {
        let doc = tokio::select! {
            d = get(client, arn) => d?,
            _ = &mut interrupted => return Err(hint()),
        };
        let status = s(&doc, "status");
        if !quiet && status != last {
            printer.diag(&format!("{status} · {}s", started.elapsed().as_secs()));
        }
        last = status.clone();
        if status != "InProgress" {
            return Ok(doc);
        }
        tokio::select! {
            _ = tokio::time::sleep(super::batch::poll_interval(settings.mock)) => {}
            _ = &mut interrupted => return Err(hint()),
        }
    }
}

fn finished(doc: &Value) -> Result<()> {
    match s(doc, "status").as_str() {
        "Completed" => {
            diag(&format!(
                "completed: download with: brock async fetch {} -o DIR",
                s(doc, "invocationArn")
            ));
            Ok(())
        }
        other => Err(Error::service(
            200,
            "AsyncInvokeNotCompleted",
            format!(
                "async invocation {} ended {other}: {}",
                s(doc, "invocationArn"),
                s(doc, "failureMessage")
            ),
        )),
    }
}

fn json_wanted(settings: &Settings) -> bool {
    matches!(
        settings.output,
        Some(OutputFormat::Json) | Some(OutputFormat::Ndjson)
    )
}

fn describe_text(doc: &Value) -> String {
    let mut out = String::new();
    for (label, key) in [
        ("invocation", "invocationArn"),
        ("model", "modelArn"),
        ("status", "status"),
        ("submitted", "submitTime"),
        ("ended", "endTime"),
        ("failure", "failureMessage"),
    ] {
        let v = s(doc, key);
        if !v.is_empty() {
            out.push_str(&format!("{label}: {v}\n"));
        }
    }
    if let Some(u) = doc.pointer("/outputDataConfig/s3OutputDataConfig/s3Uri") {
        out.push_str(&format!("output: {}\n", u.as_str().unwrap_or_default()));
    }
    out
}

async fn status(printer: &Printer, settings: &Settings, a: &AsyncStatusArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    let doc = if a.wait {
        follow(printer, &client, &a.arn, settings).await?
    } else {
        get(&client, &a.arn).await?
    };
    if json_wanted(settings) {
        crate::render::stdout_write_untrusted(&format!("{doc}\n"))
    } else {
        crate::render::stdout_write_untrusted(&describe_text(&doc))
    }
}

async fn list(settings: &Settings, a: &AsyncListArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    let path = match &a.status {
        Some(st) => format!("/async-invoke?statusEquals={}", path_segment(st)),
        None => "/async-invoke".to_string(),
    };
    let doc = client
        .send(&ApiRequest::get(Service::Runtime, path))
        .await?
        .json()
        .await?;
    let items = doc
        .get("asyncInvokeSummaries")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let out = if json_wanted(settings) {
        format!("{}\n", Value::Array(items))
    } else {
        items
            .iter()
            .map(|i| {
                format!(
                    "{}\t{}\t{}\n",
                    s(i, "invocationArn"),
                    s(i, "status"),
                    s(i, "submitTime")
                )
            })
            .collect()
    };
    crate::render::stdout_write_untrusted(&out)
}

async fn fetch(settings: &Settings, a: &AsyncFetchArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    let doc = get(&client, &a.arn).await?;
    let status = s(&doc, "status");
    if status != "Completed" {
        return Err(Error::usage(format!(
            "async invocation {} is {status}{}: wait for it with: brock async status {} --wait",
            a.arn,
            match s(&doc, "failureMessage") {
                m if m.is_empty() => String::new(),
                m => format!(" ({m})"),
            },
            a.arn
        )));
    }
    let base = S3Uri::parse(
        doc.pointer("/outputDataConfig/s3OutputDataConfig/s3Uri")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    )?;
    let id = a.arn.rsplit('/').next().unwrap_or_default();
    let dir = base.child(&format!("{id}/"));
    let s3 = crate::s3::client(settings, &client).await?;
    let keys = s3.list(&dir).await?;
    if keys.is_empty() {
        return Err(Error::usage(format!("no outputs under {dir}")));
    }
    std::fs::create_dir_all(&a.output_dir)
        .map_err(|e| Error::io(format!("cannot create {}", a.output_dir.display()), e))?;
    for key in keys {
        let rel = key.strip_prefix(&dir.key).unwrap_or(&key);
        // Never write outside the directory, whatever the key holds.
        if rel.split('/').any(|p| p == ".." || p.is_empty()) {
            continue;
        }
        let path = a.output_dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io(format!("cannot create {}", parent.display()), e))?;
        }
        let mut body = s3
            .get(&S3Uri {
                bucket: dir.bucket.clone(),
                key: key.clone(),
            })
            .await?
            .into_async_read();
        let mut file = tokio::fs::File::create(&path)
            .await
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        tokio::io::copy_buf(&mut body, &mut file)
            .await
            .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
        crate::render::stdout_write(&format!("{}\n", path.display()))?;
    }
    Ok(())
}

//! `brock batch`: Bedrock batch inference (CreateModelInvocationJob and friends) over S3.
//!
//! Layout under `--s3 s3://BUCKET/PREFIX/`, per job name N:
//! `N/input/part-00001.jsonl …` (at most [`RECORDS_PER_FILE`] records each), `N/brock-batch.json`
//! (the mapping: model, record count, where things are; next to the input, so another machine
//! can fetch the results) and `N/output/JOBID/…` (written by Bedrock).
//!
//! Every record gets a positional id `r0000000000`, `r0000000001`, … so results join back to the
//! input order; a native record's own `recordId` is replaced by it. The input is read twice:
//! once to check and count every line (nothing is sent when a line is bad or the job is too
//! small), once to stream it to S3 part by part (memory holds one part).

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use brock_bedrock::{ApiRequest, Service, path_segment};
use brock_core::invoke::InvokeFamily;
use brock_core::message::{Conversation, Message, Part, Role};
use brock_core::openai::{chat_completion, parse_request};
use brock_core::request::ChatRequest;
use brock_core::route::{Route, RouteChoice, plan};
use serde_json::{Value, json};

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::cli::OutputFormat;
use crate::cli::number;
use crate::commands::chat::ChatArgs;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::diag;
use crate::render::printer::Printer;
use crate::s3::{S3, S3Uri};

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

/// Bedrock's minimum records per batch inference job (documented quota).
pub const MIN_RECORDS: u64 = 100;
/// Bedrock's records per input file (documented quota); larger inputs are split into files.
pub const RECORDS_PER_FILE: u64 = 50_000;
/// Bedrock's input file size limit (documented quota: 1 GB); a file is closed before it.
const FILE_BYTES: u64 = 1_000_000_000;
/// Bedrock's job size limit (documented quota: 5 GB).
const JOB_BYTES: u64 = 5_000_000_000;
const MAPPING: &str = "brock-batch.json";

pub async fn run(printer: &Printer, settings: &Settings, args: &BatchArgs) -> Result<()> {
    match &args.command {
        BatchCommand::Submit(a) => submit(printer, settings, a).await,
        BatchCommand::Status(a) => status(printer, settings, a).await,
        BatchCommand::List(a) => list(settings, a).await,
        BatchCommand::Stop(a) => stop(settings, a).await,
        BatchCommand::Results(a) => results(settings, a).await,
    }
}

/// The record id of input line `i` (0-based): 11 characters, as in the Bedrock guide.
pub fn record_id(i: u64) -> String {
    format!("r{i:010}")
}

fn record_index(id: &str) -> Option<u64> {
    id.strip_prefix('r')?.parse().ok()
}

fn check_job_name(name: &str) -> Result<()> {
    // botocore: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63}, 1 to 63 characters.
    let ok = (1..=63).contains(&name.len())
        && name.as_bytes()[0].is_ascii_alphanumeric()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "--name '{name}' is not a valid job name: 1 to 63 letters, digits, '+', '-' or '.', starting with a letter or digit"
        )))
    }
}

fn check_role(arn: &str) -> Result<()> {
    // botocore: arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let ok = parts.len() == 6
        && parts[0] == "arn"
        && (parts[1] == "aws" || parts[1].starts_with("aws-"))
        && parts[2] == "iam"
        && parts[3].is_empty()
        && (parts[4].is_empty()
            || (parts[4].len() == 12 && parts[4].bytes().all(|c| c.is_ascii_digit())))
        && parts[5]
            .strip_prefix("role/")
            .is_some_and(|r| !r.is_empty());
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "--service-role '{arn}' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME): Bedrock assumes this role to read and write S3"
        )))
    }
}

/// What a request needs from the model: the family whose InvokeModel body it takes.
struct Builder<'a> {
    settings: &'a Settings,
    model: String,
    /// None when the model takes no chat body brock can build (embeddings): native records only.
    family: Option<InvokeFamily>,
}

impl Builder<'_> {
    fn chat_body(&self, mut req: ChatRequest) -> Result<Value> {
        req.model_id = self.model.clone();
        crate::request::configure(&mut req, self.settings, &ChatArgs::default())?;
        let p = plan(&req, RouteChoice::Invoke, false).map_err(super::chat::core_error)?;
        Ok(p.body)
    }

    /// One input line as a record's `modelInput`; None for a blank line.
    fn model_input(&self, line: &str, n: u64) -> Result<Option<Value>> {
        let t = line.trim();
        if t.is_empty() {
            return Ok(None);
        }
        let at = |msg: String| Error::usage(format!("input line {n}: {msg}"));
        if t.starts_with('{') {
            let v: Value =
                serde_json::from_str(t).map_err(|e| at(format!("not valid JSON ({e})")))?;
            if let Some(input) = v.get("modelInput") {
                if !input.is_object() {
                    return Err(at("modelInput must be a JSON object".into()));
                }
                return Ok(Some(input.clone()));
            }
            if v.get("messages").is_some() {
                if self.family.is_none() {
                    return Err(at(format!(
                        "{} takes no chat request: give native records ({{\"modelInput\": …}})",
                        self.model
                    )));
                }
                let parsed = parse_request(&v).map_err(|e| at(e.to_string()))?;
                return self
                    .chat_body(parsed.request)
                    .map(Some)
                    .map_err(|e| at(e.to_string()));
            }
            return Err(at(
                "a JSON object that is neither an OpenAI chat.completions request (\"messages\") nor a native record (\"modelInput\")".into(),
            ));
        }
        if self.family.is_none() {
            return Err(at(format!(
                "{} takes no chat prompt: give native records ({{\"modelInput\": …}})",
                self.model
            )));
        }
        let conv = Conversation {
            system: Vec::new(),
            messages: vec![Message::new(Role::User, vec![Part::text(t.to_string())])],
        };
        self.chat_body(ChatRequest::new(self.model.clone(), conv))
            .map(Some)
            .map_err(|e| at(e.to_string()))
    }
}

/// The InvokeModel family of a chat model, by the same rule as `brock chat --route invoke`.
fn family_of(model: &str) -> Option<InvokeFamily> {
    let mut conv = Conversation::default();
    conv.push_user_text("x");
    match plan(&ChatRequest::new(model, conv), RouteChoice::Invoke, false) {
        Ok(p) => match p.route {
            Route::Invoke(f) => Some(f),
            _ => None,
        },
        Err(_) => None,
    }
}

enum InputSource {
    File(std::path::PathBuf),
    Spooled(tempfile::NamedTempFile),
}

impl InputSource {
    fn open(&self) -> Result<std::io::BufReader<std::fs::File>> {
        let (path, label) = match self {
            InputSource::File(p) => (p.as_path(), p.display().to_string()),
            InputSource::Spooled(t) => (t.path(), "stdin".to_string()),
        };
        let f = std::fs::File::open(path)
            .map_err(|e| Error::io(format!("cannot read --input {label}"), e))?;
        Ok(std::io::BufReader::with_capacity(1 << 16, f))
    }
}

/// Stdin is copied to a temporary file (streamed, not held in memory) so it can be read twice.
fn input_source(path: &std::path::Path) -> Result<InputSource> {
    if path.as_os_str() == "-" {
        let mut t = tempfile::NamedTempFile::new()
            .map_err(|e| Error::io("cannot create a temporary file for stdin", e))?;
        std::io::copy(&mut std::io::stdin().lock(), &mut t)
            .map_err(|e| Error::io("cannot read stdin", e))?;
        Ok(InputSource::Spooled(t))
    } else {
        Ok(InputSource::File(path.to_path_buf()))
    }
}

fn each_line(src: &InputSource, mut f: impl FnMut(u64, &str) -> Result<()>) -> Result<()> {
    let mut reader = src.open()?;
    let mut line = String::new();
    let mut n = 0u64;
    loop {
        line.clear();
        let read = reader
            .read_line(&mut line)
            .map_err(|e| Error::io("cannot read the input", e))?;
        if read == 0 {
            return Ok(());
        }
        n += 1;
        f(n, &line)?;
    }
}

async fn submit(printer: &Printer, settings: &Settings, a: &BatchSubmitArgs) -> Result<()> {
    let model = settings.model_or_default(a.model.as_deref())?;
    let base = S3Uri::parse(&a.s3)?;
    check_role(&a.service_role)?;
    let name = a.name.clone().unwrap_or_else(|| {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        format!("brock-{t}")
    });
    check_job_name(&name)?;
    let builder = Builder {
        settings,
        family: family_of(&model),
        model: model.clone(),
    };
    let src = input_source(&a.input)?;

    // Pass 1: every line checked and counted before anything is sent.
    let (mut records, mut bytes) = (0u64, 0u64);
    each_line(&src, |n, line| {
        if let Some(input) = builder.model_input(line, n)? {
            let rec = json!({"recordId": record_id(records), "modelInput": input});
            bytes += rec.to_string().len() as u64 + 1;
            records += 1;
        }
        Ok(())
    })?;
    if records < MIN_RECORDS {
        return Err(Error::usage(format!(
            "the input has {records} record{}; a Bedrock batch job takes at least {MIN_RECORDS} (use brock chat for a few prompts)",
            if records == 1 { "" } else { "s" }
        )));
    }
    if bytes > JOB_BYTES {
        return Err(Error::usage(format!(
            "the input is {bytes} bytes as records, over Bedrock's {JOB_BYTES}-byte limit per batch job: split it into several jobs"
        )));
    }

    let client = crate::transport::client(settings).await?;
    let s3 = crate::s3::client(settings, &client).await?;
    let job_dir = base.child(&format!("{name}/"));
    let input_dir = job_dir.child("input/");
    let output_dir = job_dir.child("output/");

    // Pass 2: stream the records to S3, file by file, part by part.
    let started = Instant::now();
    let mut files = Vec::new();
    upload(&src, &builder, &s3, &input_dir, &mut files).await?;
    let secs = started.elapsed().as_secs_f64();
    if !settings.quiet {
        diag(&format!(
            "uploaded {records} records ({bytes} bytes, {} file{}) to {input_dir} in {secs:.1}s",
            files.len(),
            if files.len() == 1 { "" } else { "s" }
        ));
    }
    let mapping = json!({
        "brock": 1,
        "jobName": name,
        "model": model,
        "records": records,
        "recordsPerFile": RECORDS_PER_FILE,
        "files": files,
        "input": input_dir.to_string(),
        "output": output_dir.to_string(),
    });
    s3.put(
        &job_dir.child(MAPPING),
        serde_json::to_vec_pretty(&mapping).unwrap_or_default(),
    )
    .await?;

    let mut body = json!({
        "jobName": name,
        "roleArn": a.service_role,
        "modelId": model,
        "clientRequestToken": uuid::Uuid::new_v4().to_string(),
        "inputDataConfig": {"s3InputDataConfig": {"s3Uri": input_dir.to_string(), "s3InputFormat": "JSONL"}},
        "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": output_dir.to_string()}},
    });
    if let Some(h) = a.timeout_hours {
        body["timeoutDurationInHours"] = json!(h);
    }
    let doc = client
        .send(&ApiRequest::post_json(
            Service::Control,
            "/model-invocation-job",
            &body,
        ))
        .await?
        .json()
        .await?;
    let arn = doc
        .get("jobArn")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            Error::Protocol("CreateModelInvocationJob answered without a jobArn".into())
        })?
        .to_string();
    crate::render::stdout_write(&format!("{arn}\n"))?;
    if a.wait {
        let job = follow(printer, &client, &arn, settings).await?;
        finished(&job)?;
    }
    Ok(())
}

async fn upload(
    src: &InputSource,
    builder: &Builder<'_>,
    s3: &S3,
    input_dir: &S3Uri,
    files: &mut Vec<String>,
) -> Result<()> {
    // The lines are read synchronously, a file part at a time, then sent; the reader is
    // re-opened here so memory holds one part, whatever the input size.
    let mut reader = src.open()?;
    let mut index = 0u64;
    let mut n = 0u64;
    let mut line = String::new();
    loop {
        let name = format!("part-{:05}.jsonl", files.len() + 1);
        let mut writer = s3.writer(input_dir.child(&name));
        let mut in_file = 0u64;
        let mut eof = false;
        while in_file < RECORDS_PER_FILE {
            line.clear();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| Error::io("cannot read the input", e))?;
            if read == 0 {
                eof = true;
                break;
            }
            n += 1;
            let Some(input) = builder.model_input(&line, n)? else {
                continue;
            };
            let mut rec = json!({"recordId": record_id(index), "modelInput": input}).to_string();
            rec.push('\n');
            if writer.bytes_written() + rec.len() as u64 > FILE_BYTES && in_file > 0 {
                // Bedrock's per-file size limit: this record opens the next file.
                writer.finish().await?;
                files.push(name.clone());
                let next = format!("part-{:05}.jsonl", files.len() + 1);
                writer = s3.writer(input_dir.child(&next));
                in_file = 0;
            }
            writer.write(rec.as_bytes()).await?;
            index += 1;
            in_file += 1;
        }
        if in_file > 0 {
            writer.finish().await?;
            files.push(format!("part-{:05}.jsonl", files.len() + 1));
        }
        if eof {
            return Ok(());
        }
    }
}

fn job_path(job: &str) -> String {
    format!("/model-invocation-job/{}", path_segment(job))
}

async fn get_job(client: &brock_bedrock::Client, job: &str) -> Result<Value> {
    Ok(client
        .send(&ApiRequest::get(Service::Control, job_path(job)))
        .await?
        .json()
        .await?)
}

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_string()
}

const RUNNING: &[&str] = &[
    "Submitted",
    "Validating",
    "Scheduled",
    "InProgress",
    "Stopping",
];

/// How often `--wait` polls: 30 s (a job takes minutes to hours), 20 ms under `--mock` (the
/// emulator moves a job one status per poll); BROCK_POLL_MS sets it (the tests poll in
/// milliseconds).
pub fn poll_interval(mock: bool) -> Duration {
    std::env::var("BROCK_POLL_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map(Duration::from_millis)
        .unwrap_or(if mock {
            Duration::from_millis(20)
        } else {
            Duration::from_secs(30)
        })
}

fn progress(job: &Value, elapsed: Duration) -> String {
    let mut line = format!(
        "{} {} · {}s",
        s(job, "jobName"),
        s(job, "status"),
        elapsed.as_secs()
    );
    if let (Some(p), Some(t)) = (
        job.get("processedRecordCount").and_then(Value::as_u64),
        job.get("totalRecordCount").and_then(Value::as_u64),
    ) {
        line.push_str(&format!(" · {p}/{t} records"));
    }
    line
}

/// Polls until the job ends, a progress line on stderr; Ctrl-C leaves the job running.
async fn follow(
    printer: &Printer,
    client: &brock_bedrock::Client,
    job: &str,
    settings: &Settings,
) -> Result<Value> {
    let quiet = settings.quiet;
    let started = Instant::now();
    let tty = printer.stderr_tty;
    let mut last = String::new();
    let interrupted = tokio::signal::ctrl_c();
    tokio::pin!(interrupted);
    loop {
        let doc = tokio::select! {
            d = get_job(client, job) => d?,
            _ = &mut interrupted => return Err(resume_hint(printer, job, tty)),
        };
        let status = s(&doc, "status");
        if !quiet {
            let line = progress(&doc, started.elapsed());
            if tty {
                printer.err_text(&format!("\r\x1b[2K{line}"));
            } else if status != last {
                diag(&line);
            }
        }
        last = status.clone();
        if !RUNNING.contains(&status.as_str()) {
            if tty && !quiet {
                printer.err_text("\n");
            }
            return Ok(doc);
        }
        tokio::select! {
            _ = tokio::time::sleep(poll_interval(settings.mock)) => {}
            _ = &mut interrupted => return Err(resume_hint(printer, job, tty)),
        }
    }
}

fn resume_hint(printer: &Printer, job: &str, tty: bool) -> Error {
    if tty {
        printer.err_text("\n");
    }
    diag(&format!(
        "stopped waiting; the job keeps running on Bedrock. Follow it with: brock batch status {job} --wait (stop it with: brock batch stop {job})"
    ));
    Error::Interrupted
}

/// The outcome of a finished job: ok for Completed/PartiallyCompleted, else an error naming it.
fn finished(job: &Value) -> Result<()> {
    let status = s(job, "status");
    match status.as_str() {
        "Completed" | "PartiallyCompleted" => {
            diag(&format!(
                "{} {status}: fetch the results with: brock batch results {}",
                s(job, "jobName"),
                s(job, "jobArn")
            ));
            Ok(())
        }
        _ => {
            let message = s(job, "message");
            Err(Error::service(
                200,
                "BatchJobNotCompleted",
                format!(
                    "batch job {} ended {status}{}",
                    s(job, "jobArn"),
                    if message.is_empty() {
                        String::new()
                    } else {
                        format!(": {message}")
                    }
                ),
            ))
        }
    }
}

fn describe_text(job: &Value) -> String {
    let mut out = String::new();
    for (label, key) in [
        ("job", "jobArn"),
        ("name", "jobName"),
        ("status", "status"),
        ("model", "modelId"),
        ("submitted", "submitTime"),
        ("ended", "endTime"),
        ("message", "message"),
    ] {
        let v = s(job, key);
        if !v.is_empty() {
            out.push_str(&format!("{label}: {v}\n"));
        }
    }
    if let Some(t) = job.get("totalRecordCount").and_then(Value::as_u64) {
        let n = |k: &str| job.get(k).and_then(Value::as_u64).unwrap_or(0);
        out.push_str(&format!(
            "records: {t} ({} processed, {} succeeded, {} failed)\n",
            n("processedRecordCount"),
            n("successRecordCount"),
            n("errorRecordCount")
        ));
    }
    if let Some(u) = job.pointer("/outputDataConfig/s3OutputDataConfig/s3Uri") {
        out.push_str(&format!("output: {}\n", u.as_str().unwrap_or_default()));
    }
    out
}

fn json_wanted(settings: &Settings) -> bool {
    matches!(
        settings.output,
        Some(OutputFormat::Json) | Some(OutputFormat::Ndjson)
    )
}

async fn status(printer: &Printer, settings: &Settings, a: &BatchJobArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    let doc = if a.wait {
        follow(printer, &client, &a.job, settings).await?
    } else {
        get_job(&client, &a.job).await?
    };
    if json_wanted(settings) {
        crate::render::stdout_write_untrusted(&format!("{doc}\n"))
    } else {
        crate::render::stdout_write_untrusted(&describe_text(&doc))
    }
}

async fn list(settings: &Settings, a: &BatchListArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    let mut query = Vec::new();
    if let Some(st) = &a.status {
        query.push(format!("statusEquals={}", path_segment(st)));
    }
    if let Some(n) = &a.name_contains {
        query.push(format!("nameContains={}", path_segment(n)));
    }
    let mut all = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut q = query.clone();
        if let Some(t) = &token {
            q.push(format!("nextToken={}", path_segment(t)));
        }
        let path = if q.is_empty() {
            "/model-invocation-jobs".to_string()
        } else {
            format!("/model-invocation-jobs?{}", q.join("&"))
        };
        let doc = client
            .send(&ApiRequest::get(Service::Control, path))
            .await?
            .json()
            .await?;
        if let Some(items) = doc.get("invocationJobSummaries").and_then(Value::as_array) {
            all.extend(items.iter().cloned());
        }
        match doc.get("nextToken").and_then(Value::as_str) {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    let out = if json_wanted(settings) {
        format!("{}\n", Value::Array(all))
    } else {
        all.iter()
            .map(|j| {
                format!(
                    "{}\t{}\t{}\t{}\n",
                    s(j, "jobArn"),
                    s(j, "status"),
                    s(j, "jobName"),
                    s(j, "submitTime")
                )
            })
            .collect()
    };
    crate::render::stdout_write_untrusted(&out)
}

async fn stop(settings: &Settings, a: &BatchJobArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    client
        .send(&ApiRequest::post_json(
            Service::Control,
            format!("{}/stop", job_path(&a.job)),
            &json!({}),
        ))
        .await?;
    if !settings.quiet {
        diag(&format!(
            "stop requested for {}: it ends as Stopped (follow it with: brock batch status {} --wait)",
            a.job, a.job
        ));
    }
    Ok(())
}

/// One output record, as written by Bedrock.
struct Outcome {
    index: u64,
    line: String,
    ok: bool,
}

fn convert(v: &Value, index: u64, model: &str, family: Option<InvokeFamily>) -> (String, bool) {
    let id = record_id(index);
    if let Some(err) = v.get("error") {
        let line = json!({
            "error": {
                "message": err.get("errorMessage").cloned().unwrap_or(Value::Null),
                "code": err.get("errorCode").cloned().unwrap_or(Value::Null),
                "type": "bedrock_batch_record_error",
            },
            "record_id": id,
        });
        return (line.to_string(), false);
    }
    let Some(output) = v.get("modelOutput") else {
        let line = json!({"error": {"message": "the output line has neither modelOutput nor error", "type": "brock_batch_output"}, "record_id": id});
        return (line.to_string(), false);
    };
    if let Some(e) = output.get("embedding").and_then(Value::as_array) {
        return (json!({"index": index, "embedding": e}).to_string(), true);
    }
    match family {
        Some(f) => {
            let bytes = serde_json::to_vec(output).unwrap_or_default();
            match f.parse_whole(&bytes) {
                Ok(resp) => {
                    let created = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or(0);
                    let doc = chat_completion(&resp, model, &format!("chatcmpl-{id}"), created);
                    (doc.to_string(), true)
                }
                Err(e) => (
                    json!({"error": {"message": e.to_string(), "type": "brock_batch_output"}, "record_id": id})
                        .to_string(),
                    false,
                ),
            }
        }
        None => (output.to_string(), true),
    }
}

async fn results(settings: &Settings, a: &BatchResultsArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    let job = get_job(&client, &a.job).await?;
    let status = s(&job, "status");
    if RUNNING.contains(&status.as_str()) {
        return Err(Error::usage(format!(
            "batch job {} is {status}: wait for it with: brock batch status {} --wait",
            a.job, a.job
        )));
    }
    let s3 = crate::s3::client(settings, &client).await?;
    let arn = s(&job, "jobArn");
    let job_id = arn.rsplit('/').next().unwrap_or_default().to_string();
    let input = S3Uri::parse(
        job.pointer("/inputDataConfig/s3InputDataConfig/s3Uri")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    )?;
    let output = S3Uri::parse(
        job.pointer("/outputDataConfig/s3OutputDataConfig/s3Uri")
            .and_then(Value::as_str)
            .unwrap_or_default(),
    )?;
    // The mapping sits next to the input directory (`N/input/` → `N/brock-batch.json`).
    let parent = {
        let p = input.prefix();
        let trimmed = p.trim_end_matches('/');
        let up = trimmed.rsplit_once('/').map(|(a, _)| a).unwrap_or("");
        S3Uri {
            bucket: input.bucket.clone(),
            key: if up.is_empty() {
                String::new()
            } else {
                format!("{up}/")
            },
        }
    };
    let mapping: Value = match s3.get_bytes(&parent.child(MAPPING)).await {
        Ok(b) => serde_json::from_slice(&b).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    let total = mapping.get("records").and_then(Value::as_u64);
    let model = mapping
        .get("model")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| s(&job, "modelId"));
    let family = family_of(&model);
    let out_dir = output.child(&format!("{job_id}/"));
    let keys = s3.list(&out_dir).await?;
    let mut outs: Vec<&String> = keys.iter().filter(|k| k.ends_with(".jsonl.out")).collect();
    outs.sort();
    if outs.is_empty() {
        return Err(Error::usage(format!(
            "batch job {} ({status}) has no output files under {out_dir}",
            a.job
        )));
    }

    let mut sink: Box<dyn Write> = match &a.output_file {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p)
                .map_err(|e| Error::io(format!("cannot write {}", p.display()), e))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let write_err = |e: std::io::Error| Error::io("cannot write the results", e);
    let (mut next, mut ok, mut failed) = (0u64, 0u64, 0u64);
    let missing = |i: u64| {
        json!({"error": {"message": "no output for this record: the job ended before it ran", "type": "brock_batch_missing"}, "record_id": record_id(i)})
            .to_string()
    };
    for key in outs {
        // One output file at a time (at most RECORDS_PER_FILE lines), sorted back to input order.
        let uri = S3Uri {
            bucket: output.bucket.clone(),
            key: key.clone(),
        };
        let data = s3.get_bytes(&uri).await?;
        let mut file: Vec<Outcome> = Vec::new();
        for (n, line) in data.split(|b| *b == b'\n').enumerate() {
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let v: Value = serde_json::from_slice(line)
                .map_err(|e| Error::Protocol(format!("{uri} line {}: not JSON ({e})", n + 1)))?;
            let Some(index) = v
                .get("recordId")
                .and_then(Value::as_str)
                .and_then(record_index)
            else {
                return Err(Error::Protocol(format!(
                    "{uri} line {}: a record id brock did not assign; this job's input was not written by brock batch submit",
                    n + 1
                )));
            };
            let (line, good) = convert(&v, index, &model, family);
            file.push(Outcome {
                index,
                line,
                ok: good,
            });
        }
        file.sort_by_key(|o| o.index);
        for o in file {
            while next < o.index {
                writeln!(sink, "{}", missing(next)).map_err(write_err)?;
                failed += 1;
                next += 1;
            }
            if o.index < next {
                continue; // a duplicate line
            }
            writeln!(sink, "{}", o.line).map_err(write_err)?;
            if o.ok {
                ok += 1;
            } else {
                failed += 1;
            }
            next = o.index + 1;
        }
    }
    if let Some(t) = total {
        while next < t {
            writeln!(sink, "{}", missing(next)).map_err(write_err)?;
            failed += 1;
            next += 1;
        }
    }
    sink.flush().map_err(write_err)?;
    drop(sink);
    let manifest: Value = match s3.get_bytes(&out_dir.child("manifest.json.out")).await {
        Ok(b) => serde_json::from_slice(&b).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    if !settings.quiet {
        let tokens = |k: &str| manifest.get(k).and_then(Value::as_u64);
        let mut line = format!("{} records: {ok} succeeded, {failed} failed", ok + failed);
        if let (Some(i), Some(o)) = (tokens("inputTokenCount"), tokens("outputTokenCount")) {
            line.push_str(&format!("; {i} input tokens, {o} output tokens"));
        }
        diag(&line);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_ids_round_trip_and_sort() {
        assert_eq!(record_id(7), "r0000000007");
        assert_eq!(record_id(7).len(), 11);
        assert_eq!(record_index("r0000000007"), Some(7));
        assert_eq!(record_index("x7"), None);
        assert!(record_id(9) < record_id(10));
    }

    #[test]
    fn names_and_roles_follow_the_service_patterns() {
        assert!(check_job_name("nightly-2025.01").is_ok());
        assert!(check_job_name("-x").is_err());
        assert!(check_job_name("a_b").is_err());
        assert!(check_role("arn:aws:iam::123456789012:role/Batch").is_ok());
        assert!(check_role("arn:aws:iam::123456789012:user/Batch").is_err());
        assert!(check_role("arn:aws:iam::12:role/Batch").is_err());
    }
}

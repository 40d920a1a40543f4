//! `brock batch`: Bedrock batch inference (CreateModelInvocationJob and friends) over S3.
//!
//! Layout under `--s3 s3://BUCKET/PREFIX/`, per job name N:
//! `N/input/part-00001.jsonl …` (at most [`RECORDS_PER_FILE`] records each), `N/brock-batch.json`
//! (the mapping: model, record count, where things are; next to the input, so another machine
//! can fetch the results) and `N/output/JOBID/…` (written by Bedrock).
//!
//! Every record gets a positional id `r0000000000`, `r0000000001`, … so results join back to the
//! input order; a native record's own `recordId` is replaced by it. The input is read twice:
//! once to check and count every line against Bedrock's documented batch quotas ([`Limits`];
//! nothing is sent when a line is bad or the job breaks one), once to stream it to S3 part by
//! part (memory holds one part). The per-file quotas split the input into files; the per-job
//! ones are errors naming the line, since a job's records are one mapping and one join.
//! `brock embed --batch` goes through the same [`submit_records`] and [`join`].

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
brock batch submit -m nova-lite --input prompts.txt --s3 s3://my-bucket/batch/ --role-arn arn:aws:iam::123456789012:role/BedrockBatch --wait\n  \
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

    /// The IAM service role Bedrock assumes to read and write the S3 location (CreateModelInvocationJob's
    /// roleArn). Here it is not the global --role-arn: brock's own role then comes from BROCK_ROLE_ARN,
    /// role_arn in the config or the AWS profile
    // The same id as the global flag: clap then keeps the global one out of this subcommand
    // (one `--role-arn`, no duplicate), and the dispatcher drops the value it copies up.
    #[arg(
        id = "role_arn",
        long = "role-arn",
        visible_alias = "service-role",
        value_name = "ARN"
    )]
    pub role_arn: String,

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

    /// Records as Converse requests (modelInvocationType Converse) instead of InvokeModel bodies
    #[arg(long)]
    pub converse: bool,

    /// Your account's "Records per batch inference job" quota, when raised above the default
    #[arg(long, value_name = "N", default_value_t = RECORDS_PER_JOB,
          value_parser = clap::value_parser!(u64).range(MIN_RECORDS..))]
    pub records_per_job: u64,

    /// Keep the uploaded input in S3 when the job cannot be created (by default it is deleted)
    #[arg(long)]
    pub keep_input: bool,
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
/// Bedrock's default "Records per batch inference job" quota (adjustable per account).
pub const RECORDS_PER_JOB: u64 = 50_000;
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
            "--role-arn '{arn}' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME): Bedrock assumes this role to read and write S3"
        )))
    }
}

/// What a request needs from the model: the family whose InvokeModel body it takes.
struct Builder<'a> {
    settings: &'a Settings,
    model: String,
    /// None when the model takes no chat body brock can build (embeddings): native records only.
    family: Option<InvokeFamily>,
    /// Converse request bodies instead of InvokeModel ones.
    converse: bool,
}

impl Builder<'_> {
    fn chat_body(&self, mut req: ChatRequest) -> Result<Value> {
        req.model_id = self.model.clone();
        crate::request::configure(&mut req, self.settings, &ChatArgs::default())?;
        let route = if self.converse {
            RouteChoice::Converse
        } else {
            RouteChoice::Invoke
        };
        let p = plan(&req, route, false).map_err(super::chat::core_error)?;
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
                if self.family.is_none() && !self.converse {
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
        if self.family.is_none() && !self.converse {
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

pub(crate) enum InputSource {
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
pub(crate) fn input_source(path: &std::path::Path) -> Result<InputSource> {
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

/// Bedrock's batch quotas, as the user guide ("Format and upload your batch inference data")
/// names them, with their default values. Records per job is adjustable per account
/// (`--records-per-job`); no per-record size is documented beyond the file size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// "Records per input file per batch inference job": larger inputs are split into files.
    pub records_per_file: u64,
    /// "Batch inference input file size" (1 GB): a file is closed before it.
    pub file_bytes: u64,
    /// "Records per batch inference job" (50,000 by default).
    pub records_per_job: u64,
    /// "Batch inference job size" (5 GB).
    pub job_bytes: u64,
}

impl Limits {
    pub(crate) fn new(records_per_job: u64) -> Limits {
        // The tests lower the size limits through these (as BROCK_POLL_MS shortens the polls),
        // to reach them without writing gigabytes.
        let env = |k: &str, d: u64| {
            std::env::var(k)
                .ok()
                .and_then(|v| v.parse::<u64>().ok())
                .filter(|n| *n > 0)
                .unwrap_or(d)
        };
        Limits {
            records_per_file: env("BROCK_BATCH_RECORDS_PER_FILE", RECORDS_PER_FILE),
            file_bytes: env("BROCK_BATCH_FILE_BYTES", FILE_BYTES),
            records_per_job,
            job_bytes: env("BROCK_BATCH_JOB_BYTES", JOB_BYTES),
        }
    }
}

/// A job to submit, whatever made its records (`brock batch submit`, `brock embed --batch`).
pub(crate) struct Submission<'a> {
    pub model: &'a str,
    pub s3: &'a str,
    pub role_arn: &'a str,
    pub name: Option<&'a str>,
    pub timeout_hours: Option<u32>,
    pub keep_input: bool,
    pub limits: Limits,
    /// `Converse` records (modelInvocationType); InvokeModel bodies otherwise.
    pub converse: bool,
    /// More members of the mapping: what `brock batch results` needs to write this job's shapes.
    pub mapping: Value,
}

/// One input line as a record's `modelInput`; None for a line that is no record (blank).
pub(crate) type MakeRecord<'a> = &'a dyn Fn(&str, u64) -> Result<Option<Value>>;

fn count(n: u64, one: &str) -> String {
    format!("{n} {one}{}", if n == 1 { "" } else { "s" })
}

/// Checks every line against the limits (nothing is sent when one fails), uploads the records
/// and the mapping, and creates the job; Ok(job ARN). When the creation fails, what was
/// uploaded is deleted unless `keep_input`.
pub(crate) async fn submit_records(
    settings: &Settings,
    sub: &Submission<'_>,
    src: &InputSource,
    make: MakeRecord<'_>,
) -> Result<(brock_bedrock::Client, String)> {
    let base = S3Uri::parse(sub.s3)?;
    check_role(sub.role_arn)?;
    let name = sub.name.map(str::to_string).unwrap_or_else(|| {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        format!("brock-{t}")
    });
    check_job_name(&name)?;
    let limits = sub.limits;

    // Pass 1: every line checked and counted before anything is sent.
    let (mut records, mut bytes) = (0u64, 0u64);
    each_line(src, |n, line| {
        let Some(input) = make(line, n)? else {
            return Ok(());
        };
        let size = json!({"recordId": record_id(records), "modelInput": input})
            .to_string()
            .len() as u64
            + 1;
        records += 1;
        bytes += size;
        if size > limits.file_bytes {
            return Err(Error::usage(format!(
                "input line {n}: the record is {size} bytes, over Bedrock's {} bytes per batch input file (quota \"Batch inference input file size\"), so no file can hold it: shorten it",
                limits.file_bytes
            )));
        }
        if records > limits.records_per_job {
            return Err(Error::usage(format!(
                "input line {n}: record {records} is over the {} records a Bedrock batch job takes (quota \"Records per batch inference job\"): split the input into several jobs, or pass --records-per-job N if your account's quota is higher",
                limits.records_per_job
            )));
        }
        if bytes > limits.job_bytes {
            return Err(Error::usage(format!(
                "input line {n}: the records up to here are {bytes} bytes, over Bedrock's {} bytes per batch job (quota \"Batch inference job size\"): split the input into several jobs",
                limits.job_bytes
            )));
        }
        Ok(())
    })?;
    if records < MIN_RECORDS {
        return Err(Error::usage(format!(
            "the input has {}; a Bedrock batch job takes at least {MIN_RECORDS} (use brock chat for a few prompts)",
            count(records, "record")
        )));
    }

    let client = crate::transport::client(settings).await?;
    let s3 = crate::s3::client(settings, &client).await?;
    let job_dir = base.child(&format!("{name}/"));
    let input_dir = job_dir.child("input/");
    let output_dir = job_dir.child("output/");
    let mapping_uri = job_dir.child(MAPPING);
    if s3.exists(&mapping_uri).await {
        // Uploading would overwrite the input of a job that may still be reading it.
        return Err(Error::usage(format!(
            "{job_dir} already holds the input of a batch job named {name} ({MAPPING}): choose another --name"
        )));
    }

    // Pass 2: stream the records to S3, file by file, part by part.
    let started = Instant::now();
    let mut files = Vec::new();
    let uploaded = upload(src, make, &s3, &input_dir, limits, &mut files).await;
    if let Err(e) = uploaded {
        if !files.is_empty() && !sub.keep_input {
            remove_input(settings, &s3, &input_dir, &files, None).await;
        }
        return Err(e);
    }
    let secs = started.elapsed().as_secs_f64();
    if !settings.quiet {
        diag(&format!(
            "uploaded {} ({bytes} bytes, {}) to {input_dir} in {secs:.1}s",
            count(records, "record"),
            count(files.len() as u64, "file")
        ));
    }
    let mut mapping = json!({
        "brock": 1,
        "jobName": name,
        "model": sub.model,
        "records": records,
        "recordsPerFile": limits.records_per_file,
        "files": files,
        "input": input_dir.to_string(),
        "output": output_dir.to_string(),
    });
    if sub.converse {
        mapping["modelInvocationType"] = json!("Converse");
    }
    if let (Some(m), Some(more)) = (mapping.as_object_mut(), sub.mapping.as_object()) {
        m.extend(more.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    s3.put(
        &mapping_uri,
        serde_json::to_vec_pretty(&mapping).unwrap_or_default(),
    )
    .await?;

    let mut body = json!({
        "jobName": name,
        "roleArn": sub.role_arn,
        "modelId": sub.model,
        "clientRequestToken": uuid::Uuid::new_v4().to_string(),
        "inputDataConfig": {"s3InputDataConfig": {"s3Uri": input_dir.to_string(), "s3InputFormat": "JSONL"}},
        "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": output_dir.to_string()}},
    });
    if sub.converse {
        body["modelInvocationType"] = json!("Converse");
    }
    if let Some(h) = sub.timeout_hours {
        body["timeoutDurationInHours"] = json!(h);
    }
    let created = async {
        let doc = client
            .send(&ApiRequest::post_json(
                Service::Control,
                "/model-invocation-job",
                &body,
            ))
            .await?
            .json()
            .await?;
        doc.get("jobArn")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                Error::Protocol("CreateModelInvocationJob answered without a jobArn".into())
            })
    }
    .await;
    match created {
        Ok(arn) => Ok((client, arn)),
        Err(e) => {
            if sub.keep_input {
                if !settings.quiet {
                    diag(&format!(
                        "the job was not created; its input stays in {job_dir} (--keep-input)"
                    ));
                }
            } else {
                remove_input(settings, &s3, &input_dir, &files, Some(&mapping_uri)).await;
            }
            Err(e)
        }
    }
}

/// Deletes what a failed submit uploaded, and says so (or what could not be deleted).
async fn remove_input(
    settings: &Settings,
    s3: &S3,
    input_dir: &S3Uri,
    files: &[String],
    mapping: Option<&S3Uri>,
) {
    let mut uris: Vec<S3Uri> = files.iter().map(|f| input_dir.child(f)).collect();
    uris.extend(mapping.cloned());
    let mut left = Vec::new();
    for u in &uris {
        if s3.delete(u).await.is_err() {
            left.push(u.to_string());
        }
    }
    if left.is_empty() {
        if !settings.quiet {
            diag(&format!(
                "the job was not created: deleted what brock uploaded ({}{}) from {input_dir} (--keep-input keeps it)",
                count(files.len() as u64, "input file"),
                if mapping.is_some() {
                    format!(" and {MAPPING}")
                } else {
                    String::new()
                }
            ));
        }
    } else {
        diag(&format!(
            "the job was not created, and these uploads could not be deleted: {}",
            left.join(", ")
        ));
    }
}

async fn submit(printer: &Printer, settings: &Settings, a: &BatchSubmitArgs) -> Result<()> {
    let model = settings.model_or_default(a.model.as_deref())?;
    let builder = Builder {
        settings,
        family: family_of(&model),
        model: model.clone(),
        converse: a.converse,
    };
    let src = input_source(&a.input)?;
    let sub = Submission {
        model: &model,
        s3: &a.s3,
        role_arn: &a.role_arn,
        name: a.name.as_deref(),
        timeout_hours: a.timeout_hours,
        keep_input: a.keep_input,
        limits: Limits::new(a.records_per_job),
        converse: a.converse,
        mapping: json!({}),
    };
    let (client, arn) = submit_records(settings, &sub, &src, &|line, n| {
        builder.model_input(line, n)
    })
    .await?;
    crate::render::stdout_write(&format!("{arn}\n"))?;
    if a.wait {
        let job = follow(printer, &client, &arn, settings).await?;
        finished(&job)?;
    }
    Ok(())
}

async fn upload(
    src: &InputSource,
    make: MakeRecord<'_>,
    s3: &S3,
    input_dir: &S3Uri,
    limits: Limits,
    files: &mut Vec<String>,
) -> Result<()> {
    // The lines are read synchronously, a file part at a time, then sent; the reader is
    // re-opened here so memory holds one part, whatever the input size.
    let mut reader = src.open()?;
    let mut index = 0u64;
    let mut n = 0u64;
    let mut line = String::new();
    loop {
        let mut name = format!("part-{:05}.jsonl", files.len() + 1);
        let mut writer = s3.writer(input_dir.child(&name));
        let mut in_file = 0u64;
        let mut eof = false;
        while in_file < limits.records_per_file {
            line.clear();
            let read = reader
                .read_line(&mut line)
                .map_err(|e| Error::io("cannot read the input", e))?;
            if read == 0 {
                eof = true;
                break;
            }
            n += 1;
            let Some(input) = make(&line, n)? else {
                continue;
            };
            let mut rec = json!({"recordId": record_id(index), "modelInput": input}).to_string();
            rec.push('\n');
            if writer.bytes_written() + rec.len() as u64 > limits.file_bytes && in_file > 0 {
                // Bedrock's per-file size limit: this record opens the next file.
                writer.finish().await?;
                files.push(name);
                name = format!("part-{:05}.jsonl", files.len() + 1);
                writer = s3.writer(input_dir.child(&name));
                in_file = 0;
            }
            writer.write(rec.as_bytes()).await?;
            index += 1;
            in_file += 1;
        }
        if in_file > 0 {
            writer.finish().await?;
            files.push(name);
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
pub(crate) async fn follow(
    printer: &Printer,
    client: &brock_bedrock::Client,
    job: &str,
    settings: &Settings,
) -> Result<Value> {
    let quiet = settings.quiet;
    let started = Instant::now();
    let tty = printer.stderr_tty;
    let mut last = String::new();
    let interrupted = super::interrupt_listener();
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
    ended(job)?;
    diag(&format!(
        "{} {}: fetch the results with: brock batch results {}",
        s(job, "jobName"),
        s(job, "status"),
        s(job, "jobArn")
    ));
    Ok(())
}

/// Ok when the job ended with results (Completed, PartiallyCompleted), else an error naming it.
pub(crate) fn ended(job: &Value) -> Result<()> {
    let status = s(job, "status");
    match status.as_str() {
        "Completed" | "PartiallyCompleted" => Ok(()),
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

/// How a job's outputs are written: chat.completion lines, or `brock embed`'s lines.
pub(crate) enum Shape {
    Chat {
        family: Option<InvokeFamily>,
        converse: bool,
    },
    Embed {
        family: brock_core::embed::EmbedFamily,
        embedding_type: Option<String>,
        base64: bool,
    },
}

impl Shape {
    /// From the mapping `brock embed --batch` or `brock batch submit` wrote, and the job.
    fn of(mapping: &Value, job: &Value, model: &str) -> Shape {
        if mapping.get("kind").and_then(Value::as_str) == Some("embed")
            && let Some(family) = brock_core::embed::EmbedFamily::detect(model)
        {
            return Shape::Embed {
                family,
                embedding_type: mapping
                    .get("embeddingType")
                    .and_then(Value::as_str)
                    .map(str::to_string),
                base64: mapping.get("encoding").and_then(Value::as_str) == Some("base64"),
            };
        }
        // The job says how its records were read; the mapping too, for a job description
        // without the member.
        let converse = [job, mapping]
            .iter()
            .any(|v| s(v, "modelInvocationType") == "Converse");
        Shape::Chat {
            family: family_of(model),
            converse,
        }
    }
}

fn error_line(id: &str, message: impl Into<Value>, ty: &str) -> String {
    json!({"error": {"message": message.into(), "type": ty}, "record_id": id}).to_string()
}

fn convert(v: &Value, index: u64, model: &str, shape: &Shape) -> (String, bool) {
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
        let line = error_line(
            &id,
            "the output line has neither modelOutput nor error",
            "brock_batch_output",
        );
        return (line, false);
    };
    let (family, converse) = match shape {
        Shape::Embed {
            family,
            embedding_type,
            base64,
        } => {
            return match super::embed::batch_line(
                *family,
                embedding_type.as_deref(),
                *base64,
                index,
                output,
            ) {
                Ok(line) => (line, true),
                Err(e) => (error_line(&id, e.to_string(), "brock_batch_output"), false),
            };
        }
        Shape::Chat { family, converse } => (*family, *converse),
    };
    if let Some(e) = output.get("embedding").and_then(Value::as_array) {
        return (json!({"index": index, "embedding": e}).to_string(), true);
    }
    let parsed = if converse {
        brock_core::converse::parse_response_value(output)
    } else if let Some(f) = family {
        f.parse_whole(&serde_json::to_vec(output).unwrap_or_default())
    } else {
        return (output.to_string(), true);
    };
    match parsed {
        Ok(resp) => {
            let created = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            let doc = chat_completion(&resp, model, &format!("chatcmpl-{id}"), created);
            (doc.to_string(), true)
        }
        Err(e) => (error_line(&id, e.to_string(), "brock_batch_output"), false),
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
    join(settings, &client, &job, a.output_file.as_deref()).await
}

/// Downloads a finished job's outputs and writes them in input order (to `output_file` or
/// stdout), in the shape its mapping names; the summary goes to stderr.
pub(crate) async fn join(
    settings: &Settings,
    client: &brock_bedrock::Client,
    job: &Value,
    output_file: Option<&std::path::Path>,
) -> Result<()> {
    let status = s(job, "status");
    let s3 = crate::s3::client(settings, client).await?;
    let arn = s(job, "jobArn");
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
        .unwrap_or_else(|| s(job, "modelId"));
    let shape = Shape::of(&mapping, job, &model);
    let out_dir = output.child(&format!("{job_id}/"));
    let keys = s3.list(&out_dir).await?;
    let mut outs: Vec<&String> = keys.iter().filter(|k| k.ends_with(".jsonl.out")).collect();
    outs.sort();
    if outs.is_empty() {
        return Err(Error::usage(format!(
            "batch job {arn} ({status}) has no output files under {out_dir}"
        )));
    }

    let mut sink: Box<dyn Write> = match output_file {
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
            let (line, good) = convert(&v, index, &model, &shape);
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

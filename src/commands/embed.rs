//! `brock embed`: embeddings for many texts, fast and in order. Texts come from arguments, a
//! file or stdin (one per line, or JSONL with `--field`); calls are batched where the model
//! takes many texts (Cohere), run `--concurrency` at a time, retried when throttled, and
//! written as JSONL in input order as soon as they are contiguous, so memory stays bounded
//! and an interrupted run can be resumed with `--skip`.

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde_json::{Map, Value};
use tokio::task::JoinSet;

use crate::cli::{OnError, OutputFormat};
use crate::commands::chat::core_error;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::input::MAX_LINE;
use crate::render::Printer;
use crate::render::{diag, stdout_write};
use brock_bedrock::{ApiRequest, Client, RetryDecision, Service, path_segment};
use brock_core::embed::{
    EmbedFamily, EmbedImage, EmbedOptions, InputType, Truncate, Vector, parse_response,
    request_body,
};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

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

    /// Send the texts as a Bedrock batch inference job over S3 (one record per line, at least
    /// 100; about half the on-demand price) instead of calling the model from here
    #[arg(long, requires_all = ["s3", "role_arn"], conflicts_with_all = ["image", "dry_run", "skip", "texts"])]
    pub batch: bool,

    /// With --batch: where the job's input, mapping and output go: s3://BUCKET/PREFIX/
    #[arg(long, value_name = "S3_URI", requires = "batch")]
    pub s3: Option<String>,

    /// With --batch: the IAM service role Bedrock assumes to reach the S3 location. Without
    /// --batch: the role brock assumes, as the global --role-arn
    // The global flag's id: one `--role-arn` in this subcommand (see batch submit).
    #[arg(id = "role_arn", long = "role-arn", value_name = "ARN")]
    pub role_arn: Option<String>,

    /// With --batch: follow the job and write its vectors, in input order, when it ends
    #[arg(long, requires = "batch")]
    pub wait: bool,

    /// With --batch --wait: write the vectors here instead of stdout
    #[arg(
        short = 'o',
        long = "output-file",
        value_name = "FILE",
        requires = "wait"
    )]
    pub output_file: Option<PathBuf>,

    /// With --batch: the job name (default brock-<time>)
    #[arg(long, value_name = "NAME", requires = "batch")]
    pub name: Option<String>,

    /// With --batch: your account's "Records per batch inference job" quota, when raised
    #[arg(long, value_name = "N", requires = "batch",
          value_parser = clap::value_parser!(u64).range(super::batch::MIN_RECORDS..))]
    pub records_per_job: Option<u64>,

    /// With --batch: keep the uploaded input in S3 when the job cannot be created
    #[arg(long, requires = "batch")]
    pub keep_input: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum EmbedEncoding {
    #[default]
    Float,
    Base64,
}

pub const DEFAULT_MODEL: &str = "titan-embed";
const MAX_CONCURRENCY: usize = 256;
/// Throttled calls are retried at least this many times, whatever `max_attempts` says: a
/// batch job must outlast a throttling burst rather than stop halfway.
const MIN_THROTTLE_ATTEMPTS: u32 = 8;

/// One input: its position in the input (the output `index`), where it came from (for
/// messages), the text, and the other JSONL fields to carry to the output.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub index: usize,
    pub origin: String,
    pub text: String,
    pub extra: Map<String, Value>,
    /// Why this input cannot be sent, when it cannot.
    pub problem: Option<String>,
}

/// Reads inputs from arguments, `--file` (`-` = stdin) or piped stdin. `field`: the input is
/// JSONL and this field holds the text. Unreadable lines become items with a `problem`.
pub(crate) fn read_inputs(
    args: &[String],
    file: Option<&Path>,
    field: Option<&str>,
    what: &str,
) -> Result<Vec<Item>> {
    if !args.is_empty() {
        if file.is_some() {
            return Err(Error::usage(format!(
                "give {what} as arguments or with --file, not both"
            )));
        }
        return Ok(args
            .iter()
            .enumerate()
            .map(|(i, t)| Item {
                index: i,
                origin: format!("argument {}", i + 1),
                text: t.clone(),
                extra: Map::new(),
                problem: None,
            })
            .map(|it| parse_field(it, field))
            .collect());
    }
    let stdin = || -> (Box<dyn BufRead>, String) {
        (Box::new(std::io::stdin().lock()), "stdin".to_string())
    };
    let (mut reader, source) = match file {
        Some(p) if p == Path::new("-") => stdin(),
        Some(p) => {
            let f = std::fs::File::open(p)
                .map_err(|e| Error::usage(format!("--file {}: {e}", p.display())))?;
            let r: Box<dyn BufRead> = Box::new(std::io::BufReader::new(f));
            (r, p.display().to_string())
        }
        None if !Printer::current().stdin_tty => stdin(),
        None => return Ok(Vec::new()),
    };
    // Line by line, each line capped: a file without newlines (`-f /dev/zero`) stops at the
    // first line's cap instead of being read whole.
    let mut items = Vec::new();
    loop {
        let n = items.len() + 1;
        let what = format!("{source}: line {n}");
        let Some(mut line) = crate::input::read_line_capped(&mut reader, MAX_LINE, &what)? else {
            break;
        };
        // A byte-order mark (Windows editors write one) is not part of the first text.
        if n == 1 && line.starts_with(b"\xEF\xBB\xBF") {
            line.drain(..3);
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        let text =
            String::from_utf8(line).map_err(|_| Error::usage(format!("{what}: not UTF-8 text")))?;
        items.push(parse_field(
            Item {
                index: n - 1,
                origin: format!("line {n}"),
                text,
                extra: Map::new(),
                problem: None,
            },
            field,
        ));
    }
    Ok(items)
}

fn parse_field(mut it: Item, field: Option<&str>) -> Item {
    let Some(field) = field else { return it };
    if it.text.trim().is_empty() {
        it.problem = Some("empty line".into());
        return it;
    }
    match serde_json::from_str::<Value>(&it.text) {
        Ok(Value::Object(mut m)) => match m.remove(field) {
            Some(Value::String(s)) => {
                it.text = s;
                it.extra = m;
            }
            Some(other) => {
                it.problem = Some(format!("field {field:?} is not a string but {other}"));
            }
            None => it.problem = Some(format!("no field {field:?}")),
        },
        _ => it.problem = Some("not a JSON object (--field expects JSONL)".into()),
    }
    it
}

/// Settles bad inputs by `--on-error`: fail lists them and stops; skip warns and drops them.
pub(crate) fn settle_problems(
    items: Vec<Item>,
    on_error: OnError,
    quiet: bool,
) -> Result<Vec<Item>> {
    let bad: Vec<&Item> = items.iter().filter(|i| i.problem.is_some()).collect();
    if bad.is_empty() {
        return Ok(items);
    }
    let describe = |i: &Item| format!("{}: {}", i.origin, i.problem.as_deref().unwrap_or_default());
    if on_error == OnError::Fail {
        let more = if bad.len() > 1 {
            format!(" (and {} more bad inputs)", bad.len() - 1)
        } else {
            String::new()
        };
        return Err(Error::usage(format!(
            "{}{more}; fix it or pass --on-error skip to leave bad inputs out",
            describe(bad[0])
        )));
    }
    if !quiet {
        for b in &bad {
            diag(&format!("skipping {}", describe(b)));
        }
    }
    Ok(items.into_iter().filter(|i| i.problem.is_none()).collect())
}

fn image_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if bytes.starts_with(b"GIF8") {
        Some("gif")
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

fn options(args: &EmbedArgs, family: EmbedFamily) -> Result<EmbedOptions> {
    let image = match &args.image {
        None => None,
        Some(p) => {
            let bytes = crate::input::read_file(p, &format!("--image {}", p.display()))?;
            let format = image_format(&bytes).ok_or_else(|| {
                Error::usage(format!(
                    "--image {}: not a PNG, JPEG, GIF or WebP image",
                    p.display()
                ))
            })?;
            Some(EmbedImage {
                format: format.into(),
                bytes,
            })
        }
    };
    let o = EmbedOptions {
        dimensions: args.dimensions,
        normalize: if args.normalize {
            Some(true)
        } else if args.no_normalize {
            Some(false)
        } else {
            None
        },
        embedding_type: args.embedding_type.clone(),
        input_type: args
            .input_type
            .as_deref()
            .map(InputType::parse)
            .transpose()
            .map_err(core_error)?,
        truncate: args
            .truncate
            .as_deref()
            .map(Truncate::parse)
            .transpose()
            .map_err(core_error)?,
        image,
    };
    o.validate(family).map_err(core_error)?;
    Ok(o)
}

/// Resolves on Ctrl-C or SIGTERM (a job scheduler's stop, `timeout`): both end the run the same
/// way, with the output closed and the resume hint.
async fn interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

/// Counters shared by the calls in flight.
#[derive(Default)]
struct Tally {
    tokens: AtomicU64,
    calls: AtomicU64,
    retries: AtomicU64,
}

struct Call {
    client: Client,
    req: ApiRequest,
    family: EmbedFamily,
    ty: Option<String>,
    n: usize,
    max_attempts: u32,
    verbose: bool,
    tally: Arc<Tally>,
}

impl Call {
    /// One call with its own retries: each attempt is counted, so the summary can say how
    /// many calls were throttled, and a batch never gives up on a short throttling burst (at
    /// least [`MIN_THROTTLE_ATTEMPTS`], outside the retry quota). The waits, the classification
    /// and the quota for other errors are the transport's policy.
    async fn run(self) -> Result<Vec<Vector>> {
        let mut retries = self.client.retries().throttling_outside_quota();
        loop {
            let attempt = retries.attempt();
            self.tally.calls.fetch_add(1, Ordering::Relaxed);
            let (outcome, asked) = match self
                .client
                .send_attempt(&self.req, attempt, self.max_attempts)
                .await
            {
                Ok(resp) if (200..300).contains(&resp.status) => {
                    let tokens = resp
                        .header("x-amzn-bedrock-input-token-count")
                        .and_then(|t| t.trim().parse::<u64>().ok())
                        .unwrap_or(0);
                    match resp.json().await {
                        Ok(body) => {
                            retries.succeeded();
                            self.tally.tokens.fetch_add(tokens, Ordering::Relaxed);
                            return parse_response(self.family, &body, self.ty.as_deref(), self.n)
                                .map_err(core_error);
                        }
                        Err(e) => (e, None),
                    }
                }
                Ok(resp) => {
                    let asked = brock_bedrock::retry::retry_after(&resp.headers);
                    (resp.into_error().await, asked)
                }
                Err(e) => (e, None),
            };
            let limit = if outcome.is_throttling() {
                self.max_attempts.max(MIN_THROTTLE_ATTEMPTS)
            } else {
                self.max_attempts
            };
            let delay = match retries.after_failure(&outcome, asked, limit) {
                RetryDecision::Retry(delay) => delay,
                RetryDecision::GiveUp(_) => return Err(Error::from(outcome)),
            };
            if self.verbose {
                diag(&format!(
                    "{} (attempt {attempt}/{limit}); retrying in {} ms",
                    Error::from(outcome),
                    delay.as_millis()
                ));
            }
            self.tally.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(delay).await;
        }
    }
}

/// One output line: `{"index":…,"embedding":…}` then the carried fields, in that order.
fn record(item: &Item, v: &Vector, encoding: EmbedEncoding) -> String {
    let embedding = match encoding {
        EmbedEncoding::Float => v.to_json().to_string(),
        EmbedEncoding::Base64 => Value::String(v.to_base64()).to_string(),
    };
    let mut s = format!("{{\"index\":{},\"embedding\":{embedding}", item.index);
    for (k, val) in &item.extra {
        if k == "index" || k == "embedding" {
            continue;
        }
        s.push(',');
        s.push_str(&Value::String(k.clone()).to_string());
        s.push(':');
        s.push_str(&val.to_string());
    }
    s.push('}');
    s
}

/// One line of a batch job's output (`modelOutput`) as `brock embed` writes it.
pub(crate) fn batch_line(
    family: EmbedFamily,
    embedding_type: Option<&str>,
    base64: bool,
    index: u64,
    output: &Value,
) -> Result<String> {
    let vectors = parse_response(family, output, embedding_type, 1).map_err(core_error)?;
    let v = vectors
        .first()
        .ok_or_else(|| Error::Protocol("the batch output holds no vector".into()))?;
    let item = Item {
        index: index as usize,
        origin: String::new(),
        text: String::new(),
        extra: Map::new(),
        problem: None,
    };
    let encoding = if base64 {
        EmbedEncoding::Base64
    } else {
        EmbedEncoding::Float
    };
    Ok(record(&item, v, encoding))
}

/// `--batch`: each input line becomes one record of a batch job, by the same request body as
/// a direct call; submitted, followed and joined by `brock batch`'s machinery.
async fn run_batch(
    printer: &Printer,
    settings: &Settings,
    args: &EmbedArgs,
    model: &str,
    family: EmbedFamily,
    opts: &EmbedOptions,
) -> Result<()> {
    use super::batch;
    if settings.output == Some(OutputFormat::Json) {
        return Err(Error::usage(
            "--batch writes JSONL (one line per text): drop --output json",
        ));
    }
    if args.on_error == OnError::Skip {
        return Err(Error::usage(
            "--batch sends one record per input line: fix the bad lines instead of --on-error skip",
        ));
    }
    let path = match &args.file {
        Some(p) => p.clone(),
        None if !Printer::current().stdin_tty => PathBuf::from("-"),
        None => {
            return Err(Error::usage(
                "nothing to embed: --batch reads texts from --file PATH or stdin, one per line",
            ));
        }
    };
    let source = if path == Path::new("-") {
        "stdin".to_string()
    } else {
        path.display().to_string()
    };
    let max_chars = family.max_chars();
    let field = args.field.as_deref();
    let make = |line: &str, n: u64| -> Result<Option<Value>> {
        let mut t = line.strip_suffix('\n').unwrap_or(line);
        t = t.strip_suffix('\r').unwrap_or(t);
        if n == 1 {
            t = t.strip_prefix('\u{feff}').unwrap_or(t);
        }
        let at = |msg: String| Error::usage(format!("{source}: line {n}: {msg}"));
        if field.is_none() && matches!(serde_json::from_str::<Value>(t), Ok(Value::Object(_))) {
            return Err(at(
                "is a JSON object: name the field to embed with --field NAME".into(),
            ));
        }
        let item = parse_field(
            Item {
                index: (n - 1) as usize,
                origin: format!("line {n}"),
                text: t.to_string(),
                extra: Map::new(),
                problem: None,
            },
            field,
        );
        if let Some(p) = item.problem {
            return Err(at(p));
        }
        let chars = item.text.chars().count();
        if item.text.trim().is_empty() {
            return Err(at(
                "empty text (every line is one record of the job: remove it)".into(),
            ));
        }
        if chars > max_chars {
            return Err(at(format!(
                "{chars} characters; {} takes at most {max_chars}",
                family.name()
            )));
        }
        Ok(Some(request_body(family, &[item.text.as_str()], opts)))
    };
    let src = batch::input_source(&path)?;
    let sub = batch::Submission {
        model,
        s3: args.s3.as_deref().unwrap_or_default(),
        role_arn: args.role_arn.as_deref().unwrap_or_default(),
        name: args.name.as_deref(),
        timeout_hours: None,
        keep_input: args.keep_input,
        limits: batch::Limits::new(args.records_per_job.unwrap_or(batch::RECORDS_PER_JOB)),
        converse: false,
        mapping: serde_json::json!({
            "kind": "embed",
            "embeddingType": opts.embedding_type,
            "encoding": if args.format == EmbedEncoding::Base64 { "base64" } else { "float" },
        }),
    };
    let (client, arn) = batch::submit_records(settings, &sub, &src, &make).await?;
    if !args.wait {
        stdout_write(&format!("{arn}\n"))?;
        if !settings.quiet {
            diag(&format!(
                "follow it with: brock batch status {arn} --wait; then: brock batch results {arn}"
            ));
        }
        return Ok(());
    }
    if !settings.quiet {
        diag(&format!("submitted {arn}"));
    }
    let job = batch::follow(printer, &client, &arn, settings).await?;
    batch::ended(&job)?;
    batch::join(settings, &client, &job, args.output_file.as_deref()).await
}

pub async fn run(printer: &Printer, settings: &Settings, args: &EmbedArgs) -> Result<()> {
    let model = settings.resolve_model(args.model.as_deref().unwrap_or(DEFAULT_MODEL))?;
    // An application profile or provisioned throughput ARN: the model it serves decides.
    let behind = match EmbedFamily::detect(&model) {
        Some(_) => None,
        None => super::identity::base_model(settings, &model).await?,
    };
    let family = EmbedFamily::detect(behind.as_deref().unwrap_or(&model)).ok_or_else(|| {
        let model = match &behind {
            Some(b) => format!("{model} (which serves {b})"),
            None => model.clone(),
        };
        Error::usage(format!(
            "{model} is not an embedding model brock knows: use Titan Text Embeddings (amazon.titan-embed-text-v1, -v2:0), \
             Titan Multimodal (amazon.titan-embed-image-v1), Cohere Embed (cohere.embed-english-v3, -multilingual-v3, -v4:0) \
             or Nova embeddings (amazon.nova-2-multimodal-embeddings-v1:0)"
        ))
    })?;
    let opts = options(args, family)?;
    if args.batch {
        return run_batch(printer, settings, args, &model, family, &opts).await;
    }
    if !(1..=MAX_CONCURRENCY).contains(&args.concurrency) {
        return Err(Error::usage(format!(
            "--concurrency {}: must be 1 to {MAX_CONCURRENCY}",
            args.concurrency
        )));
    }
    let batch = match args.batch_size {
        None => family.max_batch(),
        Some(n) if (1..=family.max_batch()).contains(&n) => n,
        Some(n) => {
            return Err(Error::usage(format!(
                "--batch-size {n}: {} takes 1 to {} texts per call",
                family.name(),
                family.max_batch()
            )));
        }
    };

    let mut items = read_inputs(
        &args.texts,
        args.file.as_deref(),
        args.field.as_deref(),
        "texts",
    )?;
    if args.field.is_none()
        && args.texts.is_empty()
        && let Some(first) = items.iter().find(|it| !it.text.trim().is_empty())
        && let Ok(Value::Object(m)) = serde_json::from_str::<Value>(&first.text)
    {
        // Embedding each whole line of JSONL would bill for vectors of its keys and braces, a
        // mistake nobody means and a warning under a progress bar would not stop.
        let fields: Vec<&str> = m
            .iter()
            .filter(|(_, v)| v.is_string())
            .map(|(k, _)| k.as_str())
            .collect();
        let source = match args.file.as_deref() {
            Some(p) if p != Path::new("-") => p.display().to_string(),
            _ => "stdin".into(),
        };
        let hint = if fields.is_empty() {
            String::new()
        } else {
            format!(" (its text fields: {})", fields.join(", "))
        };
        return Err(Error::usage(format!(
            "{source}: {} is a JSON object: name the field to embed with --field NAME{hint}",
            first.origin
        )));
    }
    let image_only = items.is_empty() && opts.image.is_some();
    if image_only {
        items.push(Item {
            index: 0,
            origin: "--image".into(),
            text: String::new(),
            extra: Map::new(),
            problem: None,
        });
    } else if items.is_empty() {
        return Err(Error::usage(
            "nothing to embed: give texts as arguments, --file PATH, or pipe them on stdin",
        ));
    }
    if family == EmbedFamily::Nova && opts.image.is_some() && !image_only {
        return Err(Error::usage(
            "Nova embeddings take one input per call: give texts or --image, not both",
        ));
    }
    if family == EmbedFamily::TitanMultimodal && opts.image.is_some() && items.len() > 1 {
        return Err(Error::usage(
            "with --image, Titan Multimodal embeds one text together with the image: give one text",
        ));
    }
    let total_inputs = items.len();
    if args.skip > total_inputs {
        return Err(Error::usage(format!(
            "--skip {}: the input has only {total_inputs} texts",
            args.skip
        )));
    }
    let max_chars = family.max_chars();
    let mut items: Vec<Item> = items.into_iter().skip(args.skip).collect();
    for it in items.iter_mut().filter(|i| i.problem.is_none()) {
        let n = it.text.chars().count();
        if !image_only && it.text.trim().is_empty() {
            it.problem = Some("empty text".into());
        } else if n > max_chars {
            it.problem = Some(format!(
                "{n} characters; {} takes at most {max_chars}",
                family.name()
            ));
        }
    }
    let items = settle_problems(items, args.on_error, settings.quiet)?;
    let json_array = settings.output == Some(OutputFormat::Json);
    if items.is_empty() {
        if json_array {
            stdout_write("[]\n")?;
        }
        return Ok(());
    }

    let client = crate::transport::client(settings).await?;
    let path = format!("/model/{}/invoke", path_segment(&model));
    let chunks: Vec<Vec<Item>> = items.chunks(batch).map(<[Item]>::to_vec).collect();
    let call_for = |chunk: &[Item]| {
        let texts: Vec<&str> = chunk.iter().map(|i| i.text.as_str()).collect();
        let body = request_body(family, if image_only { &[] } else { &texts }, &opts);
        let req = ApiRequest::post_json(Service::Runtime, path.clone(), &body)
            .header("accept", "application/json");
        (req, texts.len().max(1))
    };
    if args.dry_run {
        let extra = serde_json::json!({"operation": "InvokeModel", "model_id": model});
        let requests: Vec<_> = chunks
            .iter()
            .map(|c| (call_for(c).0, extra.clone()))
            .collect();
        return super::dry_run::print(&client, &requests);
    }
    let started = Instant::now();
    let tally = Arc::new(Tally::default());
    let progress = progress_bar(printer, settings, args, items.len());

    let mut written = 0usize;
    let mut first = true;
    let mut set: JoinSet<(usize, Result<Vec<Vector>>)> = JoinSet::new();
    let mut done: BTreeMap<usize, Vec<Vector>> = BTreeMap::new();
    let (mut next_spawn, mut next_write) = (0usize, 0usize);
    // Finished chunks wait here until the ones before them are written; the window bounds how
    // far ahead of the slowest call the others may run.
    let window = args.concurrency * 4;
    if json_array {
        stdout_write("[")?;
    }
    let stop = interrupted();
    tokio::pin!(stop);
    let outcome: Result<()> = loop {
        while next_spawn < chunks.len()
            && set.len() < args.concurrency
            && next_spawn - next_write < window
        {
            let (req, n) = call_for(&chunks[next_spawn]);
            let call = Call {
                client: client.clone(),
                req,
                family,
                ty: opts.embedding_type.clone(),
                n,
                max_attempts: client.max_attempts(),
                verbose: settings.verbose > 0,
                tally: tally.clone(),
            };
            let k = next_spawn;
            set.spawn(async move { (k, call.run().await) });
            next_spawn += 1;
        }
        let joined = tokio::select! {
            j = set.join_next() => j,
            _ = &mut stop => break Err(Error::Interrupted),
        };
        let Some(joined) = joined else { break Ok(()) };
        let (k, result) = match joined {
            Ok(r) => r,
            Err(e) => break Err(Error::Protocol(format!("an embedding task failed: {e}"))),
        };
        match result {
            Ok(vectors) => {
                done.insert(k, vectors);
            }
            Err(e) => {
                let at = &chunks[k][0];
                if !settings.quiet {
                    diag(&format!("the call for {} failed", at.origin));
                }
                break Err(e);
            }
        }
        while let Some(vectors) = done.remove(&next_write) {
            let mut out = String::new();
            for (item, v) in chunks[next_write].iter().zip(&vectors) {
                if json_array {
                    out.push_str(if first { "\n" } else { ",\n" });
                }
                first = false;
                out.push_str(&record(item, v, args.format));
                if !json_array {
                    out.push('\n');
                }
            }
            stdout_write(&out)?;
            written += chunks[next_write].len();
            if let Some(pb) = &progress {
                pb.set_position(written as u64);
            }
            next_write += 1;
        }
    };
    set.abort_all();
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if let Err(e) = outcome {
        // What was written stays valid JSON: the array is closed whatever stopped the run.
        if json_array {
            let _ = stdout_write(if first { "]\n" } else { "\n]\n" });
        }
        if let Some(next) = chunks.get(next_write).and_then(|c| c.first()) {
            diag(&format!(
                "{written} texts written; resume with --skip {} (the input from {})",
                next.index, next.origin
            ));
        }
        return Err(e);
    }
    if json_array {
        stdout_write("\n]\n")?;
    }
    if !settings.quiet {
        let secs = started.elapsed().as_secs_f64();
        let count =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        diag(&format!(
            "embedded {} with {model}: {}, {}, {}, {} s, {} texts/s",
            count(written as u64, "text", "texts"),
            count(
                tally.tokens.load(Ordering::Relaxed),
                "input token",
                "input tokens"
            ),
            count(tally.calls.load(Ordering::Relaxed), "call", "calls"),
            count(tally.retries.load(Ordering::Relaxed), "retry", "retries"),
            crate::render::significant(secs, 3),
            crate::render::significant(written as f64 / secs.max(1e-9), 3)
        ));
    }
    Ok(())
}

fn progress_bar(
    printer: &Printer,
    settings: &Settings,
    args: &EmbedArgs,
    n: usize,
) -> Option<indicatif::ProgressBar> {
    if settings.quiet || args.no_progress || n < 50 || !printer.stderr_tty {
        return None;
    }
    let pb = indicatif::ProgressBar::new(n as u64);
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    let template = if printer.color.stderr {
        "{bar:30.cyan/blue} {pos}/{len} texts  {per_sec}  eta {eta}"
    } else {
        "{bar:30} {pos}/{len} texts  {per_sec}  eta {eta}"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        pb.set_style(style);
    }
    Some(pb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_fields_are_carried_and_bad_lines_named() {
        let it = |t: &str| Item {
            index: 0,
            origin: "line 1".into(),
            text: t.into(),
            extra: Map::new(),
            problem: None,
        };
        let ok = parse_field(it(r#"{"id": 7, "text": "hi"}"#), Some("text"));
        assert_eq!(ok.text, "hi");
        assert_eq!(ok.extra["id"], 7);
        assert!(parse_field(it("plain"), Some("text")).problem.is_some());
        assert!(
            parse_field(it(r#"{"t": 1}"#), Some("text"))
                .problem
                .unwrap()
                .contains("no field")
        );
        let line = record(&ok, &Vector::Float(vec![0.5]), EmbedEncoding::Float);
        assert_eq!(line, r#"{"index":0,"embedding":[0.5],"id":7}"#);
        let err = settle_problems(
            vec![Item {
                problem: Some("empty text".into()),
                ..it("")
            }],
            OnError::Fail,
            true,
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 1: empty text; fix it or pass --on-error skip to leave bad inputs out"
        );
    }
}

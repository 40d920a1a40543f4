//! The built-in Bedrock emulator: a strict, deterministic stand-in for bedrock-runtime, the
//! bedrock control plane, bedrock-agent-runtime and STS, speaking the real wire protocol
//! (restJson1 + `application/vnd.amazon.eventstream`, STS query/XML) on one loopback port.
//!
//! It exists so that brock can be tested offline, and it is deliberately *strict*: it refuses
//! what Bedrock refuses, with AWS's status codes, `x-amzn-ErrorType` codes and message texts,
//! so that a client bug shows up here instead of against the real service. It shares no code
//! with the client side (`core`, `aws`): requests are parsed from the wire JSON here.
//!
//! # Sources
//!
//! Each refusal names its source in a `// Source:` comment where it is built:
//!
//! - recorded Bedrock traffic, `tests/fixtures/recorded/` (by file). The parity test
//!   (`tests/cli/parity.rs`) replays every recorded Converse, ConverseStream and CountTokens
//!   request and checks the emulator answers with the recorded status and message;
//! - the Bedrock Smithy model (constraints: patterns, enums, lengths, ranges; as published in
//!   botocore's `bedrock-runtime` `service-2.json`), in Coral's constraint-report format as
//!   recorded in `tests/fixtures/recorded/errors/`;
//! - messages quoted in public issue threads, named by repository and number;
//! - AWS's SigV4 test-suite vectors for the signature (`tests/fixtures/sigv4/`);
//! - otherwise "inferred": the wording was not checked against a recording or a document
//!   here, and may differ from the real service's.
//!
//! # Routes
//!
//! | service | method and path |
//! |---|---|
//! | bedrock-runtime | `POST /model/{modelId}/converse`, `/converse-stream`, `/invoke`, `/invoke-with-response-stream`, `/count-tokens`; `POST /guardrail/{id}/version/{version}/apply` |
//! | bedrock | `GET /foundation-models`, `GET /foundation-models/{id}`, `GET /inference-profiles`, `GET /inference-profiles/{id}` |
//! | bedrock-agent-runtime | `POST /rerank`; `POST /agents/{a}/agentAliases/{b}/sessions/{s}/text` (InvokeAgent), `/agents/{sessionId}` (InvokeInlineAgent), `/flows/{f}/aliases/{a}` (InvokeFlow), `/knowledgebases/{kb}/retrieve`, `/retrieveAndGenerate`, `/retrieveAndGenerateStream` over a fixed catalogue: agent `AGENT12345` (aliases `TSTALIASID`, `LIVE123456`), knowledge base `KB12345678`, flows `FLOW123456` (aliases `TSTALIASID`, `LIVE123456`) and `FLOWCHAT01` (multi-turn; alias `TSTALIASID`); ids `DEPFAIL001` / `BADGATE001` answer 424 `DependencyFailedException` / 502 `BadGatewayException`; any other id `ResourceNotFoundException` |
//! | bedrock (batch) | `POST /model-invocation-job`, `GET /model-invocation-job/{id}`, `POST /model-invocation-job/{id}/stop`, `GET /model-invocation-jobs` (`batch.rs`) |
//! | bedrock-runtime (async) | `POST /async-invoke`, `GET /async-invoke/{arn}`, `GET /async-invoke` (`async_invoke.rs`) |
//! | STS | `POST /` with a form body: `Action=AssumeRole`, `Action=GetCallerIdentity` |
//! | S3 | path-style `/{bucket}/{key}`: Put/Get/Head/DeleteObject, ListObjectsV2, CreateBucket, HeadBucket, multipart upload; recognised by a SigV4 credential scoped to `s3` (`s3.rs`) |
//!
//! Anything else is a 404 `UnknownOperationException`.
//!
//! # Authentication
//!
//! SigV4 (`AWS4-HMAC-SHA256`), signing name `bedrock` for every Bedrock service, `sts` for
//! STS and `s3` for S3 (path signed as sent, payload hash as declared in `x-amz-content-sha256`), verified by recomputing the canonical request and signature (`auth.rs`, independent of
//! the aws-sigv4 crate the client signs with, checked against AWS's test-suite vectors in
//! `tests/fixtures/sigv4`). The credential scope must name [`EmulatorOptions::region`]
//! (default `us-east-1`; STS also takes `us-east-1`, its global endpoint's region), else 403
//! `InvalidSignatureException` "Credential should be scoped to a valid region, not 'R'. ", as a
//! regional AWS endpoint answers; ListFoundationModels and ListInferenceProfiles give ARNs in
//! that region. Accepted keys: the configured
//! pair, plus temporary keys issued by this emulator's `AssumeRole` (stateless: derived from
//! the configured secret, so they keep working across emulator processes with the same
//! secret). `Authorization: Bearer TOKEN` (a Bedrock API key) is accepted by bedrock-runtime
//! and the control plane when TOKEN is one of [`EmulatorOptions::bearer_tokens`];
//! bedrock-agent-runtime and STS never accept bearer tokens.
//!
//! # Answer rule (Converse, ConverseStream, and every InvokeModel text body)
//!
//! Let `T` be the text blocks of the last user message joined with a space, and `A` a summary
//! of its attachments. The answer text is
//! `Hello from the brock emulator (<modelId as sent>). You said: <T>` followed, when the last
//! user message has attachments, by ` [attachments: 1 image, 2 documents, 1 video]` (only the
//! non-zero kinds, singular when 1). Special markers in `T`:
//!
//! - `[[tokens=N]]`: the answer is exactly N word-tokens (`lorem ipsum dolor …`, cycling), one
//!   stream delta per token; N ≤ 100000.
//! - `[[blocked]]` (with `guardrailConfig`): the guardrail intervenes: stop reason
//!   `guardrail_intervened`, text `Sorry, the model cannot answer this question.`, and a trace
//!   when `trace` is `enabled`.
//! - `[[redacted]]` (with reasoning on): the reasoning block is a `redactedContent` block.
//!
//! When the last user message carries `toolResult` blocks the answer is
//! `The tool returned: <result>` (text results joined with a space, JSON results serialized).
//! When `toolConfig` is present, the last user message has no tool result, and either
//! `toolChoice` is `any`/`tool` or `T` mentions a tool's name, the model calls that tool
//! (the named one, the first mentioned, else the first tool) with an input built from the
//! tool's JSON schema (required properties, by type), stop reason `tool_use`, and tool use id
//! `tooluse_` + 22 characters derived from the request.
//!
//! Words are tokens: `outputTokens` is the number of words produced, `inputTokens` is the
//! number of characters of text in the request divided by 4 (at least 1). When
//! `inferenceConfig.maxTokens` is smaller than the answer, the answer is cut to that many words
//! and the stop reason is `max_tokens`. Streamed text is split into deltas of at most 3 words.
//!
//! Reasoning is produced when requested (Anthropic `thinking` `enabled`/`adaptive`, Nova 2
//! `reasoningConfig.type = enabled`, OpenAI/gpt-oss `reasoning_effort`, and always for
//! DeepSeek R1 / Kimi K2 thinking): a first `reasoningContent` block with the text
//! `The user said: <T>. I will greet them and repeat it.` and, for Anthropic models, a
//! signature (base64 HMAC-SHA256 of the text under a fixed emulator key, so it verifies across
//! processes). Anthropic assistant turns sent back must carry their reasoning blocks exactly as
//! issued. Kimi K2 on Converse answers as recorded: the reasoning inline in the text,
//! ` <think> … </think> ` before the answer, after an empty first delta; when it calls a tool,
//! a `reasoningContent` block and tool use ids `functions.NAME:N`.
//!
//! # InvokeModel text families
//!
//! InvokeModel and InvokeModelWithResponseStream answer each family in its native format
//! (`invoke/families.rs`): Anthropic Messages, Meta Llama (`generation`), Mistral
//! (`outputs[].text`; Pixtral / Mistral Large 24.07 chat `choices`), Titan Text (`results`),
//! Nova (`messages-v1`), Cohere Command R (`text`, `chat_history`), AI21 Jamba and the
//! chat.completions models (gpt-oss with reasoning in `<reasoning>` tags; Qwen, Kimi, DeepSeek
//! V3), DeepSeek-R1 (`choices[].text`, reasoning then `</think>`). Bodies are checked against
//! the family's keys, types and ranges and refused as `Malformed input request: …` like
//! Bedrock. Streams are `chunk` events `{"bytes": base64}`, the last one carrying
//! `amazon-bedrock-invocationMetrics`. Imported models (`…:imported-model/ID`,
//! `…:custom-model-deployment/ID`) take their family from the body: a `prompt` answers in
//! `generation` (in `text` when ID starts with `qwen2`), with reasoning when the prompt ends in
//! `<think>`; `messages` answers as chat.completions. Prompt families answer the last user
//! turn of the chat template. A `[[split=K]]` marker in that turn streams the answer text as
//! two chunks cut at character K (to test tag extraction at every boundary).
//!
//! # Fault scenarios
//!
//! Chosen by the header `x-brock-emulator-scenario: NAME` on any request, or by the model id
//! `emulator.NAME` (such a model otherwise behaves like an on-demand Converse text model):
//!
//! | name | behaviour |
//! |---|---|
//! | `throttle` | always 429 `ThrottlingException` "Too many requests, please wait before trying again." |
//! | `throttle-then-ok` | the first 2 requests (per emulator) are throttled, then normal |
//! | `unavailable-then-ok` | the first 2 requests are 503 `ServiceUnavailableException`, then normal |
//! | `internal-error` | always 500 `InternalServerException` |
//! | `access-denied` | 403 `AccessDeniedException` "You don't have access to the model with the specified model ID." |
//! | `not-found` | 404 `ResourceNotFoundException` |
//! | `model-timeout` | 408 `ModelTimeoutException` |
//! | `slow-first-byte` | waits `x-brock-emulator-delay-ms` (default 2000) before answering normally |
//! | `reset` | closes the connection without any response |
//! | `stream-error` | some deltas, then a `modelStreamErrorException` frame |
//! | `stream-throttle` | some deltas, then a `throttlingException` frame |
//! | `stall` | headers and a few frames (non-stream: headers only), then an hour of silence |
//! | `malformed-frame` | some frames, then one whose prelude CRC is wrong |
//! | `crc-mismatch` | some frames, then one whose message CRC is wrong |
//! | `truncated` | some frames, then half a frame, then the connection closes |
//! | `hostile` | the answer text carries terminal escapes: OSC 52 clipboard write, title change, clear screen, cursor moves, a raw BEL and CR |
//!
//! Periodic throttling: the header `x-brock-emulator-throttle-every: N` makes every Nth request
//! that carries it (counted per emulator, across connections) answer 429 `ThrottlingException`,
//! so batch clients (`brock embed`) can be tested for retries without losing or doubling work.
//!
//! The stream scenarios apply to the streaming operations; on non-streaming operations
//! `stall` and `truncated` cut the body, the others answer normally.
//!
//! # Embeddings, images, rerank (InvokeModel)
//!
//! Titan Text Embeddings v1/v2, Titan Multimodal Embeddings, Cohere Embed v3/v4 and Nova
//! multimodal embeddings answer deterministic vectors (seeded from a hash of the input, so
//! equal inputs give equal vectors) of the requested dimension and type, with
//! `X-Amzn-Bedrock-Input-Token-Count`. Nova Canvas, Titan Image Generator and the Stability
//! models answer real PNG images of the requested size; a prompt containing `[[blocked]]` is
//! content-filtered. Rerank models take the Cohere-style `{"query","documents","top_n"}` body;
//! scores (here and on `POST /rerank`) are the word overlap of query and document.
//!
//! # Replay
//!
//! [`EmulatorOptions::replay`] lists VCR cassettes (the YAML format of
//! `fixtures/recorded/converse`). A request whose method and percent-decoded path match an
//! interaction not used yet is answered with the recorded status, headers and body bytes,
//! after authentication.

mod agent;
mod async_invoke;
mod auth;
mod batch;
mod catalog;
mod converse;
mod embed;
mod errors;
mod eventstream;
mod generate;
mod guardrail;
mod image;
mod invoke;
mod json;
mod reasoning;
mod replay;
mod s3;
mod scenarios;
mod server;
mod sts;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The example key pair from the AWS SigV4 documentation.
pub const DEFAULT_ACCESS_KEY: &str = "AKIDEXAMPLE";
pub const DEFAULT_SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const DEFAULT_REGION: &str = "us-east-1";
/// The header that selects a fault scenario.
pub const SCENARIO_HEADER: &str = "x-brock-emulator-scenario";
/// The header that sets the delay of the `slow-first-byte` scenario, in milliseconds.
pub const DELAY_HEADER: &str = "x-brock-emulator-delay-ms";
/// The header that throttles every Nth request carrying it (see the module doc).
pub const THROTTLE_EVERY_HEADER: &str = embed::THROTTLE_EVERY_HEADER;
/// Every scenario name the emulator knows.
pub const SCENARIOS: &[&str] = scenarios::NAMES;

/// One model of the emulator's catalog, as a client-side table sees it. The client's built-in
/// aliases are checked against this list by a test in the binary crate, so the two stay in
/// step without sharing code.
#[derive(Debug, Clone, Copy)]
pub struct CatalogModel {
    pub id: &'static str,
    pub name: &'static str,
    /// Geographies with a system-defined cross-region profile.
    pub geos: &'static [&'static str],
    /// Invocable by the bare model id (ON_DEMAND throughput).
    pub on_demand: bool,
}

/// The catalog in listing order (within a line, the newest model comes last).
pub fn catalog() -> impl Iterator<Item = CatalogModel> {
    catalog::MODELS.iter().map(|m| CatalogModel {
        id: m.id,
        name: m.name,
        geos: m.geos,
        on_demand: m.inference.contains(&"ON_DEMAND"),
    })
}

/// Whether the runtime would accept `model_id` (a model id or ARN, an inference profile id or
/// ARN) as naming a model it serves.
pub fn serves(model_id: &str) -> bool {
    catalog::resolve(model_id).is_some()
}

#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    pub listen: SocketAddr,
    /// Delay before the first byte of every answer.
    pub latency: Duration,
    /// Pace of streamed deltas; 0 means as fast as possible.
    pub tokens_per_second: f64,
    pub access_key: String,
    pub secret_key: String,
    /// Bedrock API keys accepted as `Authorization: Bearer …`.
    pub bearer_tokens: Vec<String>,
    /// VCR cassettes whose recorded answers are replayed.
    pub replay: Vec<PathBuf>,
    /// The region this emulator serves: a SigV4 credential scoped to any other region is
    /// refused, as a regional AWS endpoint does.
    pub region: String,
    /// The pace of batch jobs and async invocations: how many polls (GetModelInvocationJob,
    /// GetAsyncInvoke) each status lasts. 1 by default.
    pub job_polls_per_status: u32,
    /// The "Records per batch inference job" quota batch jobs are validated against (a larger
    /// job fails, as Bedrock fails it). Bedrock's default, 50,000, by default.
    pub batch_records_per_job: usize,
}

impl Default for EmulatorOptions {
    fn default() -> Self {
        EmulatorOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            latency: Duration::ZERO,
            tokens_per_second: 0.0,
            access_key: DEFAULT_ACCESS_KEY.into(),
            secret_key: DEFAULT_SECRET_KEY.into(),
            bearer_tokens: Vec::new(),
            replay: Vec::new(),
            region: DEFAULT_REGION.into(),
            job_polls_per_status: 1,
            batch_records_per_job: batch::MAX_RECORDS_PER_JOB,
        }
    }
}

/// One request as the emulator received it: header names lowercase, in arrival order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedRequest {
    pub method: String,
    /// The request target (path and query).
    pub uri: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// A running emulator on the current tokio runtime. Dropping it stops the accept loop and
/// aborts open connections; [`Emulator::shutdown`] lets in-flight answers finish first.
pub struct Emulator {
    addr: SocketAddr,
    requests: Arc<AtomicU64>,
    handle: Option<server::ServerHandle>,
}

impl Emulator {
    /// Binds the listener and starts serving. Fails if a replay cassette cannot be read.
    pub async fn start(opts: EmulatorOptions) -> std::io::Result<Emulator> {
        let handle = server::start(opts).await?;
        Ok(Emulator {
            addr: handle.addr,
            requests: handle.requests.clone(),
            handle: Some(handle),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets in-flight answers finish (at most a few seconds: a stalled stream
    /// is cut), then returns.
    pub async fn shutdown(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.shutdown().await;
        }
    }

    /// Cuts every connection at once and returns when the port is closed.
    async fn close_now(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.abort_and_wait().await;
        }
    }

    /// Serves until the process is interrupted (Ctrl-C) or terminated, then shuts down.
    pub async fn run_until_signal(self) -> std::io::Result<()> {
        wait_for_signal().await?;
        self.shutdown().await;
        Ok(())
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.abort();
        }
    }
}

#[cfg(unix)]
async fn wait_for_signal() -> std::io::Result<()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut term = signal(SignalKind::terminate())?;
    tokio::select! {
        r = tokio::signal::ctrl_c() => r,
        _ = term.recv() => Ok(()),
    }
}

#[cfg(not(unix))]
async fn wait_for_signal() -> std::io::Result<()> {
    tokio::signal::ctrl_c().await
}

/// An emulator on its own thread with its own tokio runtime, for tests and synchronous
/// callers. Stops (and joins the thread) on drop.
type LastRequest = Arc<std::sync::Mutex<Option<ReceivedRequest>>>;

pub struct BackgroundEmulator {
    addr: SocketAddr,
    requests: Arc<AtomicU64>,
    last: LastRequest,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl BackgroundEmulator {
    pub fn start(opts: EmulatorOptions) -> std::io::Result<BackgroundEmulator> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<
            std::io::Result<(SocketAddr, Arc<AtomicU64>, LastRequest)>,
        >();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("brock-emulator".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .thread_name("brock-emulator-rt")
                    .enable_all()
                    .build()
                {
                    Ok(rt) => rt,
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                runtime.block_on(async move {
                    match Emulator::start(opts).await {
                        Ok(emulator) => {
                            let last = emulator
                                .handle
                                .as_ref()
                                .map(|h| h.last.clone())
                                .unwrap_or_default();
                            let _ = ready_tx.send(Ok((
                                emulator.addr(),
                                emulator.requests.clone(),
                                last,
                            )));
                            let _ = stop_rx.await;
                            // Tests drop the emulator when they are done: cut, don't wait.
                            emulator.close_now().await;
                        }
                        Err(e) => {
                            let _ = ready_tx.send(Err(e));
                        }
                    }
                });
                // Stalled connections must not keep the thread alive.
                runtime.shutdown_background();
            })?;
        let (addr, requests, last) = ready_rx
            .recv()
            .map_err(|_| std::io::Error::other("the emulator thread exited before starting"))??;
        Ok(BackgroundEmulator {
            addr,
            requests,
            last,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How many requests have reached the emulator so far, whatever their answer: a client's
    /// attempts, retries included.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    /// The last request received, as it arrived.
    pub fn last_request(&self) -> Option<ReceivedRequest> {
        self.last.lock().ok()?.clone()
    }
}

impl Drop for BackgroundEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn shutdown_is_prompt_when_idle_and_drop_stops_serving() {
        let e = Emulator::start(EmulatorOptions::default()).await.unwrap();
        let addr = e.addr();
        let started = std::time::Instant::now();
        e.shutdown().await;
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(tokio::net::TcpStream::connect(addr).await.is_err());

        let bg = BackgroundEmulator::start(EmulatorOptions::default()).unwrap();
        let addr = bg.addr();
        assert!(std::net::TcpStream::connect(addr).is_ok());
        drop(bg);
        assert!(std::net::TcpStream::connect(addr).is_err());
    }
}

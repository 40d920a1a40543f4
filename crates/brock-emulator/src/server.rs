//! The HTTP side: accept loop (hyper http1), routing by the raw path (split on `/`, each
//! segment percent-decoded, so `%2F` inside an ARN stays inside its segment), authentication,
//! scenarios, replay, and the answers (JSON, XML, or a paced event stream).

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context as TaskContext, Poll};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode};
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use super::EmulatorOptions;
use super::auth::{self, Service};
use super::catalog::{self, Family};
use super::converse;
use super::errors::ApiError;
use super::eventstream;
use super::generate::{self, Context, PromptCache};
use super::guardrail;
use super::invoke;
use super::json;
use super::replay::{self, Replay};
use super::scenarios::{self, Counters, Early, Scenario, Step};
use super::sts;
use super::{DELAY_HEADER, SCENARIO_HEADER};

/// How long [`ServerHandle::shutdown`] lets in-flight answers run.
const GRACE: Duration = Duration::from_secs(3);

// --- body ----------------------------------------------------------------------------------

pub(crate) enum Chunk {
    Data(Bytes),
    Abort,
}

/// A response body: a whole buffer, or chunks written by a producer task as they are made.
pub(crate) enum EmuBody {
    Full(Option<Bytes>),
    Channel(mpsc::Receiver<Chunk>),
}

impl Body for EmuBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut TaskContext<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        match self.get_mut() {
            EmuBody::Full(data) => Poll::Ready(data.take().map(|d| Ok(Frame::data(d)))),
            EmuBody::Channel(rx) => match rx.poll_recv(cx) {
                Poll::Ready(Some(Chunk::Data(d))) => Poll::Ready(Some(Ok(Frame::data(d)))),
                Poll::Ready(Some(Chunk::Abort)) => Poll::Ready(Some(Err(std::io::Error::other(
                    "emulator scenario: connection cut mid-body",
                )))),
                Poll::Ready(None) => Poll::Ready(None),
                Poll::Pending => Poll::Pending,
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, EmuBody::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            EmuBody::Full(Some(d)) => SizeHint::with_exact(d.len() as u64),
            EmuBody::Full(None) => SizeHint::with_exact(0),
            EmuBody::Channel(_) => SizeHint::default(),
        }
    }
}

/// The service error that makes hyper drop the connection without answering.
#[derive(Debug)]
pub(crate) struct ResetConnection;

impl std::fmt::Display for ResetConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("emulator scenario: connection reset")
    }
}

impl std::error::Error for ResetConnection {}

type Answer = Result<Response<EmuBody>, ResetConnection>;

// --- server --------------------------------------------------------------------------------

struct Shared {
    opts: EmulatorOptions,
    counters: Counters,
    cache: PromptCache,
    replay: Replay,
    throttle: super::embed::PeriodicThrottle,
    agents: super::agent::Agents,
    s3: super::s3::Store,
    jobs: super::batch::Jobs,
    asyncs: super::async_invoke::Invocations,
    requests: Arc<AtomicU64>,
    last: Arc<std::sync::Mutex<Option<crate::ReceivedRequest>>>,
}

pub(crate) struct ServerHandle {
    pub addr: std::net::SocketAddr,
    /// Every request received, whatever its answer (tests count a client's attempts with it).
    pub requests: Arc<AtomicU64>,
    /// The last request received, as it arrived (tests compare it with `--dry-run`).
    pub last: Arc<std::sync::Mutex<Option<crate::ReceivedRequest>>>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl ServerHandle {
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
    }

    pub fn abort(self) {
        self.task.abort();
    }

    /// Aborts everything and returns once the listener and connections are closed.
    pub async fn abort_and_wait(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

pub(crate) async fn start(opts: EmulatorOptions) -> std::io::Result<ServerHandle> {
    let replay = Replay::load(&opts.replay)?;
    let listener = TcpListener::bind(opts.listen).await?;
    let addr = listener.local_addr()?;
    let requests = Arc::new(AtomicU64::new(0));
    let last = Arc::new(std::sync::Mutex::new(None));
    let shared = Arc::new(Shared {
        opts,
        counters: Counters::default(),
        cache: PromptCache::default(),
        replay,
        throttle: Default::default(),
        agents: Default::default(),
        s3: Default::default(),
        jobs: Default::default(),
        asyncs: Default::default(),
        requests: requests.clone(),
        last: last.clone(),
    });
    let (stop, stop_rx) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, shared, stop_rx));
    Ok(ServerHandle {
        addr,
        requests,
        last,
        stop,
        task,
    })
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    // Owned here so that aborting this task aborts every connection too.
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                let mut stop = stop.clone();
                connections.spawn(async move {
                    let svc = service_fn(move |req| handle(shared.clone(), req));
                    let conn = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc);
                    tokio::pin!(conn);
                    tokio::select! {
                        _ = conn.as_mut() => {}
                        _ = stop.changed() => {
                            conn.as_mut().graceful_shutdown();
                            let _ = conn.await;
                        }
                    }
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let drained = tokio::time::timeout(GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        connections.abort_all();
    }
}

// --- routing -------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Route {
    Converse {
        model: String,
        stream: bool,
    },
    Invoke {
        model: String,
        stream: bool,
    },
    CountTokens {
        model: String,
    },
    ApplyGuardrail {
        id: String,
        version: String,
    },
    ListFoundationModels,
    GetFoundationModel(String),
    ListInferenceProfiles,
    GetInferenceProfile(String),
    ListImportedModels,
    ListCustomModels,
    ListProvisionedModelThroughputs,
    GetProvisionedModelThroughput(String),
    AgentText {
        agent: String,
        alias: String,
        session: String,
    },
    InlineAgent {
        session: String,
    },
    Flow {
        flow: String,
        alias: String,
    },
    Retrieve {
        kb: String,
    },
    RetrieveAndGenerate,
    RetrieveAndGenerateStream,
    Rerank,
    CreateJob,
    GetJob(String),
    ListJobs,
    StopJob(String),
    StartAsync,
    GetAsync(String),
    ListAsync,
    Sts,
    Unknown,
}

impl Route {
    fn service(&self) -> Service {
        match self {
            Route::AgentText { .. }
            | Route::InlineAgent { .. }
            | Route::Flow { .. }
            | Route::Retrieve { .. }
            | Route::RetrieveAndGenerate
            | Route::RetrieveAndGenerateStream
            | Route::Rerank => Service::AgentRuntime,
            Route::Sts => Service::Sts,
            _ => Service::Bedrock,
        }
    }

    fn model_id(&self) -> Option<&str> {
        match self {
            Route::Converse { model, .. }
            | Route::Invoke { model, .. }
            | Route::CountTokens { model } => Some(model),
            _ => None,
        }
    }
}

fn segments(raw_path: &str) -> Vec<String> {
    raw_path
        .trim_start_matches('/')
        .split('/')
        .map(replay::decode_path)
        .collect()
}

fn route(method: &http::Method, raw_path: &str) -> Route {
    let segs = segments(raw_path);
    let s: Vec<&str> = segs.iter().map(String::as_str).collect();
    let post = method == http::Method::POST;
    let get = method == http::Method::GET;
    match s.as_slice() {
        [""] if post => Route::Sts,
        ["model", m, op] if post && !m.is_empty() => match *op {
            "converse" => Route::Converse {
                model: m.to_string(),
                stream: false,
            },
            "converse-stream" => Route::Converse {
                model: m.to_string(),
                stream: true,
            },
            "invoke" => Route::Invoke {
                model: m.to_string(),
                stream: false,
            },
            "invoke-with-response-stream" => Route::Invoke {
                model: m.to_string(),
                stream: true,
            },
            "count-tokens" => Route::CountTokens {
                model: m.to_string(),
            },
            _ => Route::Unknown,
        },
        ["guardrail", id, "version", v, "apply"] if post => Route::ApplyGuardrail {
            id: id.to_string(),
            version: v.to_string(),
        },
        ["foundation-models"] if get => Route::ListFoundationModels,
        ["foundation-models", id] if get && !id.is_empty() => {
            Route::GetFoundationModel(id.to_string())
        }
        ["inference-profiles"] if get => Route::ListInferenceProfiles,
        ["inference-profiles", id] if get && !id.is_empty() => {
            Route::GetInferenceProfile(id.to_string())
        }
        ["imported-models"] if get => Route::ListImportedModels,
        ["custom-models"] if get => Route::ListCustomModels,
        ["provisioned-model-throughputs"] if get => Route::ListProvisionedModelThroughputs,
        ["provisioned-model-throughput", id] if get && !id.is_empty() => {
            Route::GetProvisionedModelThroughput(id.to_string())
        }
        ["agents", a, "agentAliases", b, "sessions", s, "text"] if post => Route::AgentText {
            agent: a.to_string(),
            alias: b.to_string(),
            session: s.to_string(),
        },
        ["agents", s] if post => Route::InlineAgent {
            session: s.to_string(),
        },
        ["flows", f, "aliases", a] if post => Route::Flow {
            flow: f.to_string(),
            alias: a.to_string(),
        },
        ["knowledgebases", kb, "retrieve"] if post => Route::Retrieve { kb: kb.to_string() },
        ["retrieveAndGenerate"] if post => Route::RetrieveAndGenerate,
        ["retrieveAndGenerateStream"] if post => Route::RetrieveAndGenerateStream,
        ["rerank"] if post => Route::Rerank,
        ["model-invocation-job"] if post => Route::CreateJob,
        ["model-invocation-job", id] if get && !id.is_empty() => Route::GetJob(id.to_string()),
        ["model-invocation-job", id, "stop"] if post && !id.is_empty() => {
            Route::StopJob(id.to_string())
        }
        ["model-invocation-jobs"] if get => Route::ListJobs,
        ["async-invoke"] if post => Route::StartAsync,
        ["async-invoke"] if get => Route::ListAsync,
        ["async-invoke", arn] if get && !arn.is_empty() => Route::GetAsync(arn.to_string()),
        _ => Route::Unknown,
    }
}

// --- answers -------------------------------------------------------------------------------

fn base(status: StatusCode, content_type: &str, request_id: &str) -> http::response::Builder {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .header("x-amzn-RequestId", request_id)
}

fn json_answer(status: StatusCode, body: &Value, request_id: &str) -> Response<EmuBody> {
    bytes_answer(
        base(status, "application/json", request_id),
        Bytes::from(serde_json::to_vec(body).unwrap_or_default()),
    )
}

fn bytes_answer(builder: http::response::Builder, body: Bytes) -> Response<EmuBody> {
    builder
        .body(EmuBody::Full(Some(body)))
        .unwrap_or_else(|_| Response::new(EmuBody::Full(None)))
}

fn error_answer(e: &ApiError, request_id: &str) -> Response<EmuBody> {
    bytes_answer(
        base(e.status, "application/json", request_id)
            .header("x-amzn-ErrorType", e.error_type_header()),
        Bytes::from(e.body()),
    )
}

fn sts_error_answer(e: &ApiError, request_id: &str) -> Response<EmuBody> {
    let (status, xml) = sts::error_xml(e, request_id);
    bytes_answer(
        base(
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            "text/xml",
            request_id,
        ),
        Bytes::from(xml),
    )
}

/// Streams `steps` from a producer task; deltas are paced at `tokens_per_second`.
fn stream_answer(
    builder: http::response::Builder,
    steps: impl Iterator<Item = Step> + Send + 'static,
    tokens_per_second: f64,
) -> Response<EmuBody> {
    let (tx, rx) = mpsc::channel::<Chunk>(32);
    tokio::spawn(async move {
        let interval =
            (tokens_per_second > 0.0).then(|| Duration::from_secs_f64(1.0 / tokens_per_second));
        let mut first_delta = true;
        for step in steps {
            match step {
                Step::Frame(bytes, delta) => {
                    if delta {
                        if let (Some(i), false) = (interval, first_delta) {
                            tokio::time::sleep(i).await;
                        }
                        first_delta = false;
                    }
                    if tx.send(Chunk::Data(bytes)).await.is_err() {
                        return;
                    }
                }
                Step::Sleep(d) => {
                    tokio::select! {
                        _ = tokio::time::sleep(d) => {}
                        _ = tx.closed() => return,
                    }
                }
                Step::Abort => {
                    // On a real connection, bytes sent before a reset reach the client: wait
                    // until hyper has taken every queued chunk (it flushes before polling the
                    // body again), then give the flush a moment. A fixed sleep alone lost the
                    // frames when the emulator was starved of CPU (the soak test found it).
                    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
                    while tx.capacity() < tx.max_capacity()
                        && !tx.is_closed()
                        && tokio::time::Instant::now() < deadline
                    {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    let _ = tx.send(Chunk::Abort).await;
                    return;
                }
            }
        }
    });
    builder
        .body(EmuBody::Channel(rx))
        .unwrap_or_else(|_| Response::new(EmuBody::Full(None)))
}

/// A non-streaming JSON answer, cut by the `stall` / `truncated` scenarios.
fn json_body_answer(
    builder: http::response::Builder,
    body: Bytes,
    scenario: Option<Scenario>,
) -> Response<EmuBody> {
    match scenario {
        Some(Scenario::Stall) => {
            stream_answer(builder, std::iter::once(Step::Sleep(scenarios::STALL)), 0.0)
        }
        Some(Scenario::Truncated) => {
            let half = body.slice(..body.len() / 2);
            stream_answer(
                builder,
                [Step::Frame(half, false), Step::Abort].into_iter(),
                0.0,
            )
        }
        _ => bytes_answer(builder, body),
    }
}

// --- handling ------------------------------------------------------------------------------

/// Largest request body read, before authentication or anything else: InvokeModel's `body` is
/// at most 25,000,000 bytes (inferred from the InvokeModel API reference's length constraint;
/// Converse requests with inline media stay under the same ceiling), so a larger one is refused
/// instead of buffered.
const MAX_REQUEST_BODY: usize = 25_000_000;

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Answer {
    shared.requests.fetch_add(1, Ordering::Relaxed);
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let request_id = uuid::Uuid::new_v4().to_string();
    let too_large = || {
        let e = ApiError::new(
            413,
            "ValidationException",
            format!("The request body is larger than {MAX_REQUEST_BODY} bytes"),
        );
        Ok(error_answer(&e, &request_id))
    };
    let declared = parts
        .headers
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_REQUEST_BODY as u64) {
        return too_large();
    }
    let body = match http_body_util::Limited::new(body, MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(b) => b.to_bytes(),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => return too_large(),
        Err(_) => return Err(ResetConnection),
    };
    if let Ok(mut last) = shared.last.lock() {
        *last = Some(crate::ReceivedRequest {
            method: parts.method.to_string(),
            uri: parts.uri.to_string(),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.to_vec(),
        });
    }
    if super::s3::is_s3(&parts.headers) {
        let a = shared.s3.handle(&parts, &body, &shared.opts, &request_id);
        let mut builder = Response::builder()
            .status(a.status)
            .header("x-amz-request-id", request_id.as_str())
            .header("x-amz-id-2", super::auth::hex_sha256(request_id.as_bytes()));
        for (k, v) in &a.headers {
            builder = builder.header(*k, v.as_str());
        }
        return Ok(bytes_answer(builder, a.body));
    }
    let raw_path = parts.uri.path().to_string();
    let route = route(&parts.method, &raw_path);
    let service = route.service();
    let fail = |e: &ApiError| -> Answer {
        Ok(if service == Service::Sts {
            sts_error_answer(e, &request_id)
        } else {
            error_answer(e, &request_id)
        })
    };

    if !shared.opts.latency.is_zero() {
        tokio::time::sleep(shared.opts.latency).await;
    }
    if route == Route::Unknown {
        // Source: the emulator's own (no Bedrock counterpart).
        return fail(&ApiError::unknown_operation());
    }
    let caller = match auth::authenticate(&parts, &body, service, &shared.opts, SystemTime::now()) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };

    // Scenario: header first, else an `emulator.NAME` model id.
    let header_scenario = parts
        .headers
        .get(SCENARIO_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let scenario = match &header_scenario {
        Some(name) => match Scenario::parse(name) {
            Some(s) => Some(s),
            None => {
                // Source: the emulator's own (no Bedrock counterpart).
                return fail(&ApiError::validation(format!(
                    "Unknown emulator scenario '{name}'. Known scenarios: {}.",
                    scenarios::NAMES.join(", ")
                )));
            }
        },
        None => route
            .model_id()
            .and_then(|m| m.strip_prefix("emulator."))
            .and_then(Scenario::parse),
    };
    if let Some(s) = scenario {
        let delay = parts
            .headers
            .get(DELAY_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        match scenarios::early(s, &shared.counters, delay) {
            Early::Error(e) => return fail(&e),
            Early::Reset => return Err(ResetConnection),
            Early::Delay(d) => tokio::time::sleep(d).await,
            Early::Proceed => {}
        }
    }
    if let Some(e) = shared.throttle.check(&parts.headers) {
        return fail(&e);
    }

    if let Some(it) = shared
        .replay
        .take(parts.method.as_str(), &replay::decode_path(&raw_path))
    {
        let mut builder =
            Response::builder().status(StatusCode::from_u16(it.status).unwrap_or(StatusCode::OK));
        let mut has_id = false;
        for (k, v) in &it.headers {
            has_id |= k.eq_ignore_ascii_case("x-amzn-requestid");
            if let Ok(v) = HeaderValue::from_str(v) {
                builder = builder.header(k.as_str(), v);
            }
        }
        if !has_id {
            builder = builder.header("x-amzn-RequestId", request_id.as_str());
        }
        let streamed = it
            .headers
            .iter()
            .any(|(k, v)| k == "content-type" && v == eventstream::CONTENT_TYPE);
        return Ok(if streamed {
            stream_answer(builder, std::iter::once(Step::Frame(it.body, false)), 0.0)
        } else {
            bytes_answer(builder, it.body)
        });
    }

    let ctx = Request_ {
        shared: &shared,
        request_id: &request_id,
        started,
        scenario,
        query: parts.uri.query().unwrap_or(""),
    };
    let result = match &route {
        Route::Converse { model, stream } => ctx.converse(model, *stream, &body),
        Route::Invoke { model, stream } => ctx.invoke(model, *stream, &body, &parts.headers),
        Route::CountTokens { model } => ctx.count_tokens(model, &body),
        Route::ApplyGuardrail { id, version } => json::parse_body(&body)
            .and_then(|b| guardrail::apply(id, version, &b))
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::ListFoundationModels => ctx.list_foundation_models(),
        Route::GetFoundationModel(id) => ctx.get_foundation_model(id),
        Route::ListInferenceProfiles => ctx.list_inference_profiles(),
        Route::GetInferenceProfile(id) => ctx.get_inference_profile(id),
        Route::ListImportedModels => ctx.list_owned(Owned::Imported),
        Route::ListCustomModels => ctx.list_owned(Owned::Custom),
        Route::ListProvisionedModelThroughputs => ctx.list_owned(Owned::Provisioned),
        Route::GetProvisionedModelThroughput(id) => ctx.get_provisioned(id),
        Route::Rerank => json::parse_body(&body)
            .and_then(|b| super::agent::rerank(&b))
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::AgentText {
            agent,
            alias,
            session,
        } => json::parse_body(&body)
            .and_then(|b| shared.agents.invoke_agent(agent, alias, session, &b))
            .map(|r| ctx.agent_reply(r)),
        Route::InlineAgent { session } => json::parse_body(&body)
            .and_then(|b| shared.agents.invoke_inline_agent(session, &b))
            .map(|r| ctx.agent_reply(r)),
        Route::Flow { flow, alias } => json::parse_body(&body)
            .and_then(|b| shared.agents.invoke_flow(flow, alias, &b))
            .map(|r| ctx.agent_reply(r)),
        Route::Retrieve { kb } => json::parse_body(&body)
            .and_then(|b| super::agent::retrieve(kb, &b))
            .map(|r| ctx.agent_reply(r)),
        Route::RetrieveAndGenerate => json::parse_body(&body)
            .and_then(|b| shared.agents.retrieve_and_generate(&b))
            .map(|r| ctx.agent_reply(r)),
        Route::RetrieveAndGenerateStream => json::parse_body(&body)
            .and_then(|b| shared.agents.retrieve_and_generate_stream(&b))
            .map(|r| ctx.agent_reply(r)),
        Route::Sts => {
            let form = sts::parse_form(&body);
            sts::handle(
                &form,
                &caller,
                &shared.opts.secret_key,
                &shared.opts.access_key,
                &request_id,
                SystemTime::now(),
            )
            .map(|xml| {
                bytes_answer(
                    base(StatusCode::OK, "text/xml", &request_id),
                    Bytes::from(xml),
                )
            })
        }
        Route::CreateJob => json::parse_body(&body)
            .and_then(|b| {
                shared
                    .jobs
                    .create(&b, &shared.opts.region, &|m| ctx.batch_model(m))
            })
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::GetJob(id) => shared
            .jobs
            .get(
                id,
                &shared.s3,
                &|m, converse, b| {
                    if converse {
                        ctx.answer_converse_record(m, b)
                    } else {
                        ctx.answer_record(m, b)
                    }
                },
                shared.opts.job_polls_per_status,
                shared.opts.batch_records_per_job,
            )
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::StopJob(id) => shared
            .jobs
            .stop(id)
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::ListJobs => shared
            .jobs
            .list(&ctx.query())
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::StartAsync => json::parse_body(&body)
            .and_then(|b| shared.asyncs.start(&b, &shared.opts.region, &shared.s3))
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::GetAsync(arn) => shared
            .asyncs
            .get(arn, &shared.s3, shared.opts.job_polls_per_status)
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        Route::ListAsync => shared
            .asyncs
            .list(&ctx.query(), &shared.s3)
            .map(|v| json_answer(StatusCode::OK, &v, &request_id)),
        // Source: inferred.
        Route::Unknown => Err(ApiError::unknown_operation()),
    };
    match result {
        Ok(r) => Ok(r),
        Err(e) => fail(&e),
    }
}

/// Per-request context for the operation handlers.
#[allow(non_camel_case_types)]
struct Request_<'a> {
    shared: &'a Shared,
    request_id: &'a str,
    started: Instant,
    scenario: Option<Scenario>,
    query: &'a str,
}

impl Request_<'_> {
    /// An agent-runtime answer: JSON, or frames shaped by the stream scenarios.
    fn agent_reply(&self, reply: super::agent::Reply) -> Response<EmuBody> {
        let ct = match &reply.body {
            super::agent::ReplyBody::Json(_) => "application/json",
            super::agent::ReplyBody::Frames(_) => eventstream::CONTENT_TYPE,
        };
        let mut builder = base(StatusCode::OK, ct, self.request_id);
        for (k, v) in &reply.headers {
            builder = builder.header(*k, v.as_str());
        }
        match reply.body {
            super::agent::ReplyBody::Json(v) => json_body_answer(
                builder,
                Bytes::from(serde_json::to_vec(&v).unwrap_or_default()),
                self.scenario,
            ),
            super::agent::ReplyBody::Frames(frames) => {
                let frames: super::generate::Frames =
                    Box::new(frames.into_iter().map(|f| (f, true)));
                stream_answer(
                    builder,
                    scenarios::shape_stream(self.scenario, frames),
                    self.shared.opts.tokens_per_second,
                )
            }
        }
    }

    fn latency_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    fn resolve(&self, model_id: &str) -> Result<catalog::Resolved, ApiError> {
        let resolved = catalog::resolve(model_id).ok_or_else(ApiError::invalid_model)?;
        if let Some(name) = &resolved.scenario
            && name != "default"
            && Scenario::parse(name).is_none()
        {
            // Source: inferred.
            return Err(ApiError::invalid_model());
        }
        Ok(resolved)
    }

    /// Refuses bare ids of models that need an inference profile.
    fn check_throughput(resolved: &catalog::Resolved) -> Result<(), ApiError> {
        if resolved.on_demand && !resolved.model.inference.contains(&"ON_DEMAND") {
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "Invocation of model ID {} with on-demand throughput isn\u{2019}t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
                resolved.model.id
            )));
        }
        Ok(())
    }

    fn generation_context<'b>(
        &'b self,
        resolved: &'b catalog::Resolved,
        model_id: &'b str,
    ) -> Context<'b> {
        Context {
            model: resolved.model,
            model_id,
            hostile: self.scenario == Some(Scenario::Hostile),
            cache: &self.shared.cache,
            guardrail: None,
        }
    }

    fn converse(
        &self,
        model_id: &str,
        stream: bool,
        body: &Bytes,
    ) -> Result<Response<EmuBody>, ApiError> {
        let resolved = self.resolve(model_id)?;
        if !resolved.model.converse {
            // Source: inferred.
            return Err(ApiError::validation(
                "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
            ));
        }
        Self::check_throughput(&resolved)?;
        let value = json::parse_body(body)?;
        let req = converse::parse(&value, model_id, &resolved)?;
        let mut g = generate::generate(&req, &self.generation_context(&resolved, model_id));
        if resolved.model.family == Family::Kimi {
            g = g.kimi_converse();
        }
        if stream {
            let frames = g.stream_frames(self.latency_ms());
            let steps = scenarios::shape_stream(self.scenario, frames);
            Ok(stream_answer(
                base(StatusCode::OK, eventstream::CONTENT_TYPE, self.request_id),
                steps,
                self.shared.opts.tokens_per_second,
            ))
        } else {
            let body = serde_json::to_vec(&g.converse_body(self.latency_ms())).unwrap_or_default();
            Ok(json_body_answer(
                base(StatusCode::OK, "application/json", self.request_id),
                Bytes::from(body),
                self.scenario,
            ))
        }
    }

    fn invoke(
        &self,
        model_id: &str,
        stream: bool,
        body: &Bytes,
        headers: &http::HeaderMap,
    ) -> Result<Response<EmuBody>, ApiError> {
        let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let guardrail = guardrail::from_headers(
            header("x-amzn-bedrock-guardrailidentifier"),
            header("x-amzn-bedrock-guardrailversion"),
            header("x-amzn-bedrock-trace"),
        )?;
        let resolved = match invoke::imported(model_id) {
            Some(r) => r,
            None => self.resolve(model_id)?,
        };
        Self::check_throughput(&resolved)?;
        let model = if resolved.model.family == Family::Emulator {
            catalog::find("anthropic.claude-3-haiku-20240307-v1:0").unwrap_or(resolved.model)
        } else {
            resolved.model
        };
        if stream && !model.streaming {
            // Source: inferred.
            return Err(ApiError::validation(
                "The model is unsupported for streaming.",
            ));
        }
        let ctx = self.generation_context(&resolved, model_id);
        let ctx = Context {
            model,
            guardrail,
            ..ctx
        };
        let out = invoke::invoke(model, body, &ctx, stream, resolved.opaque)?;
        let latency = self.latency_ms();
        if stream {
            let frames = invoke::stream_frames(&out, latency);
            let steps = scenarios::shape_stream(self.scenario, frames);
            return Ok(stream_answer(
                base(StatusCode::OK, eventstream::CONTENT_TYPE, self.request_id)
                    .header("x-amzn-bedrock-content-type", "application/json"),
                steps,
                self.shared.opts.tokens_per_second,
            ));
        }
        let mut builder = base(StatusCode::OK, "application/json", self.request_id)
            .header(
                "X-Amzn-Bedrock-Input-Token-Count",
                out.input_tokens.to_string(),
            )
            .header("X-Amzn-Bedrock-Invocation-Latency", latency.to_string());
        if let Some(o) = out.output_tokens {
            builder = builder.header("X-Amzn-Bedrock-Output-Token-Count", o.to_string());
        }
        Ok(json_body_answer(
            builder,
            Bytes::from(serde_json::to_vec(&out.body).unwrap_or_default()),
            self.scenario,
        ))
    }

    fn count_tokens(&self, model_id: &str, body: &Bytes) -> Result<Response<EmuBody>, ApiError> {
        let resolved = self.resolve(model_id)?;
        if !resolved.on_demand || resolved.model.family != Family::Anthropic {
            // Source: recorded, tests/fixtures/recorded/converse/test_anthropic_bedrock_count_tokens_error.yaml.
            return Err(ApiError::validation(
                "The provided model doesn't support counting tokens.",
            ));
        }
        let value = json::parse_body(body)?;
        let top = json::obj(&value)?;
        let input = match json::get_obj(top, "input")? {
            Some(i) => i,
            None => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                return Err(super::errors::constraint_report(&[
                    "Value null at 'input' failed to satisfy constraint: Member must not be null"
                        .into(),
                ]));
            }
        };
        let members = json::union_members(input);
        let chars = match members.as_slice() {
            ["converse"] => {
                let c = json::obj(&input["converse"])?;
                for k in c.keys() {
                    if ![
                        "messages",
                        "system",
                        "toolConfig",
                        "additionalModelRequestFields",
                    ]
                    .contains(&k.as_str())
                    {
                        // Source: inferred (the Coral deserializer's wording).
                        return Err(ApiError::serialization(format!(
                            "Unrecognized field \"{k}\" in ConverseTokensRequest"
                        )));
                    }
                }
                converse::parse(&input["converse"], model_id, &resolved)?.input_chars()
            }
            ["invokeModel"] => {
                let im = json::obj(&input["invokeModel"])?;
                let b64 = json::get_str(im, "body")?.unwrap_or_default();
                let raw = {
                    use base64::Engine;
                    base64::engine::general_purpose::STANDARD
                        .decode(b64)
                        .map_err(|_| {
                            // Source: inferred (the Coral deserializer's wording).
                            ApiError::serialization("Invalid Base64 value for a blob member.")
                        })?
                };
                invoke::count_tokens_tool_types(&raw)?;
                invoke::anthropic_request(resolved.model, &raw)?.input_chars()
            }
            _ => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                return Err(super::errors::constraint_report(&[
                    "Value at 'input' failed to satisfy constraint: Member must have exactly one member set".into(),
                ]));
            }
        };
        Ok(json_answer(
            StatusCode::OK,
            &json!({"inputTokens": (chars / 4).max(1)}),
            self.request_id,
        ))
    }

    /// Whether a batch job may name this model: one the runtime serves whose InvokeModel body
    /// family the emulator answers for text or embeddings.
    fn batch_model(&self, model_id: &str) -> Result<(), ApiError> {
        let resolved = self.resolve(model_id)?;
        let batchable = matches!(
            resolved.model.family,
            Family::Anthropic
                | Family::Nova
                | Family::Nova2
                | Family::Llama
                | Family::Mistral
                | Family::TitanText
                | Family::TitanEmbedText
                | Family::CohereEmbed
        );
        if !batchable {
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "The model {model_id} does not support batch inference."
            )));
        }
        Ok(())
    }

    /// One batch record through the InvokeModel answer rule: (body, input, output tokens).
    fn answer_record(&self, model_id: &str, body: &[u8]) -> Result<(Value, u64, u64), ApiError> {
        let resolved = self.resolve(model_id)?;
        let ctx = self.generation_context(&resolved, model_id);
        let out = invoke::invoke(resolved.model, body, &ctx, false, resolved.opaque)?;
        Ok((out.body, out.input_tokens, out.output_tokens.unwrap_or(0)))
    }

    /// One Converse batch record through the Converse answer rule: (body, input, output tokens).
    fn answer_converse_record(
        &self,
        model_id: &str,
        body: &[u8],
    ) -> Result<(Value, u64, u64), ApiError> {
        let resolved = self.resolve(model_id)?;
        if !resolved.model.converse {
            // Source: inferred (the Converse operation's own message).
            return Err(ApiError::validation(
                "This action doesn't support the model that you provided. Try again with a supported text or chat model.",
            ));
        }
        let value = json::parse_body(&Bytes::copy_from_slice(body))?;
        let req = converse::parse(&value, model_id, &resolved)?;
        let g = generate::generate(&req, &self.generation_context(&resolved, model_id));
        let out = g.converse_body(0);
        let tokens = |k: &str| {
            out.pointer(&format!("/usage/{k}"))
                .and_then(Value::as_u64)
                .unwrap_or(0)
        };
        let (i, o) = (tokens("inputTokens"), tokens("outputTokens"));
        Ok((out, i, o))
    }

    fn query(&self) -> Vec<(String, String)> {
        sts::parse_form(self.query.as_bytes())
    }

    fn list_foundation_models(&self) -> Result<Response<EmuBody>, ApiError> {
        let q = self.query();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let mut violations = Vec::new();
        enum_params(
            &q,
            &[
                (
                    "byCustomizationType",
                    "byCustomizationType",
                    &["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"],
                ),
                (
                    "byOutputModality",
                    "byOutputModality",
                    &["TEXT", "IMAGE", "EMBEDDING"],
                ),
                (
                    "byInferenceType",
                    "byInferenceType",
                    &["ON_DEMAND", "PROVISIONED"],
                ),
            ],
            &mut violations,
        );
        if let Some(p) = get("byProvider")
            && (p.is_empty()
                || p.len() > 63
                || !p
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' '))
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            violations.push(format!(
                "Value '{p}' at 'byProvider' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Za-z0-9- ]{{1,63}}$"
            ));
        }
        if !violations.is_empty() {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            return Err(super::errors::constraint_report(&violations));
        }
        let summaries: Vec<Value> = catalog::MODELS
            .iter()
            .filter(|m| {
                get("byProvider").is_none_or(|p| {
                    m.provider.eq_ignore_ascii_case(p)
                        || m.id
                            .split('.')
                            .next()
                            .is_some_and(|x| x.eq_ignore_ascii_case(p))
                })
            })
            .filter(|m| get("byCustomizationType").is_none_or(|c| m.customizations.contains(&c)))
            .filter(|m| get("byOutputModality").is_none_or(|o| m.output.contains(&o)))
            .filter(|m| {
                get("byInferenceType").is_none_or(|t| match t {
                    "ON_DEMAND" => m.inference.contains(&"ON_DEMAND"),
                    _ => m.inference.contains(&"PROVISIONED"),
                })
            })
            .map(|m| catalog::model_summary(m, &self.shared.opts.region))
            .collect();
        Ok(json_answer(
            StatusCode::OK,
            &json!({"modelSummaries": summaries}),
            self.request_id,
        ))
    }

    fn get_foundation_model(&self, id: &str) -> Result<Response<EmuBody>, ApiError> {
        let bare = id
            .rsplit_once("foundation-model/")
            .filter(|(p, _)| p.starts_with("arn:"))
            .map(|(_, m)| m)
            .unwrap_or(id);
        let m = catalog::find(bare).ok_or_else(|| {
            // Source: inferred.
            ApiError::not_found(format!("The model with identifier {id} does not exist."))
        })?;
        Ok(json_answer(
            StatusCode::OK,
            &json!({"modelDetails": catalog::model_summary(m, &self.shared.opts.region)}),
            self.request_id,
        ))
    }

    fn list_inference_profiles(&self) -> Result<Response<EmuBody>, ApiError> {
        let q = self.query();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let mut violations = Vec::new();
        let max = max_results(&q, 20, &mut violations)?;
        // botocore: the typeEquals member travels as the `type` query parameter.
        let type_equals = get("type");
        enum_params(
            &q,
            &[("type", "typeEquals", &["SYSTEM_DEFINED", "APPLICATION"])],
            &mut violations,
        );
        if !violations.is_empty() {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            return Err(super::errors::constraint_report(&violations));
        }
        let mut all: Vec<Value> = Vec::new();
        if type_equals != Some("APPLICATION") {
            all.extend(
                catalog::profiles()
                    .iter()
                    .map(|p| catalog::profile_summary(p, &self.shared.opts.region)),
            );
        }
        if type_equals != Some("SYSTEM_DEFINED") {
            all.extend(
                catalog::APP_PROFILES
                    .iter()
                    .map(catalog::app_profile_summary),
            );
        }
        let start = page_start(&q, all.len())?;
        let end = (start + max).min(all.len());
        let page: Vec<Value> = all[start..end].to_vec();
        let mut body = json!({"inferenceProfileSummaries": page});
        if end < all.len() {
            body["nextToken"] = json!(encode_page_token(end));
        }
        Ok(json_answer(StatusCode::OK, &body, self.request_id))
    }

    fn get_inference_profile(&self, id: &str) -> Result<Response<EmuBody>, ApiError> {
        let bare = id
            .rsplit_once("inference-profile/")
            .filter(|(p, _)| p.starts_with("arn:"))
            .map(|(_, m)| m)
            .unwrap_or(id);
        let summary =
            match catalog::find_profile(bare) {
                Some(p) => catalog::profile_summary(&p, &self.shared.opts.region),
                None => catalog::app_profile_summary(catalog::find_app_profile(bare).ok_or_else(
                    || ApiError::not_found(format!("Inference profile {id} does not exist.")),
                )?),
            };
        Ok(json_answer(StatusCode::OK, &summary, self.request_id))
    }

    /// ListImportedModels, ListCustomModels, ListProvisionedModelThroughputs: the query
    /// parameters botocore's bedrock service-2.json defines for each, checked as the service
    /// checks them (enums, ranges, patterns), then one page.
    fn list_owned(&self, what: Owned) -> Result<Response<EmuBody>, ApiError> {
        let q = self.query();
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let mut violations = Vec::new();
        let max = max_results(&q, 1000, &mut violations)?;
        let mut enums: Vec<(&str, &[&str])> = vec![
            ("sortBy", &["CreationTime"]),
            ("sortOrder", &["Ascending", "Descending"]),
        ];
        match what {
            Owned::Custom => enums.push(("modelStatus", &["Active", "Creating", "Failed"])),
            Owned::Provisioned => enums.push((
                "statusEquals",
                &["Creating", "InService", "Updating", "Failed"],
            )),
            Owned::Imported => {}
        }
        let enums: Vec<(&str, &str, &[&str])> = enums.into_iter().map(|(n, a)| (n, n, a)).collect();
        enum_params(&q, &enums, &mut violations);
        if let Some(n) = get("nameContains")
            && (n.is_empty()
                || n.len() > 63
                || !n
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            violations.push(format!(
                "Value '{n}' at 'nameContains' failed to satisfy constraint: Member must satisfy regular expression pattern: ([0-9a-zA-Z][_-]?)+"
            ));
        }
        if !violations.is_empty() {
            return Err(super::errors::constraint_report(&violations));
        }
        for name in ["creationTimeBefore", "creationTimeAfter"] {
            if let Some(v) = get(name)
                && chrono_like(v).is_none()
            {
                return Err(ApiError::serialization(format!(
                    "Unable to parse timestamp value: {v}"
                )));
            }
        }
        if what == Owned::Custom
            && let Some(v) = get("isOwned")
            && !["true", "false"].contains(&v)
        {
            return Err(ApiError::serialization(format!(
                "STRING_VALUE can not be converted to a Boolean: {v}"
            )));
        }
        let name_ok = |name: &str| {
            get("nameContains").is_none_or(|n| name.to_lowercase().contains(&n.to_lowercase()))
        };
        let (key, all): (&str, Vec<Value>) = match what {
            Owned::Imported => (
                "modelSummaries",
                catalog::IMPORTED
                    .iter()
                    .filter(|m| name_ok(m.name))
                    .map(catalog::imported_summary)
                    .collect(),
            ),
            Owned::Custom => (
                "modelSummaries",
                catalog::CUSTOM
                    .iter()
                    .filter(|m| name_ok(m.name))
                    .filter(|_| get("modelStatus").is_none_or(|s| s == "Active"))
                    .map(catalog::custom_summary)
                    .collect(),
            ),
            Owned::Provisioned => (
                "provisionedModelSummaries",
                catalog::PROVISIONED
                    .iter()
                    .filter(|p| name_ok(p.name))
                    .filter(|_| get("statusEquals").is_none_or(|s| s == "InService"))
                    .map(catalog::provisioned_summary)
                    .collect(),
            ),
        };
        let mut all = all;
        if self.scenario == Some(Scenario::Hostile) {
            // Names are the account owner's free text: a client must not let them drive a
            // terminal.
            for v in &mut all {
                for k in ["modelName", "provisionedModelName"] {
                    if let Some(name) = v.get(k).and_then(Value::as_str) {
                        v[k] = json!(format!("{name}\u{1b}]0;pwned\u{7}\u{1b}[2J"));
                    }
                }
            }
        }
        // Pages of at most one entry, so that every client's nextToken handling is exercised
        // on these short lists; the API allows a page shorter than maxResults.
        let max = max.min(1);
        let start = page_start(&q, all.len())?;
        let end = (start + max).min(all.len());
        let mut body = json!({ key: all[start..end].to_vec() });
        if end < all.len() {
            body["nextToken"] = json!(encode_page_token(end));
        }
        Ok(json_answer(StatusCode::OK, &body, self.request_id))
    }

    fn get_provisioned(&self, id: &str) -> Result<Response<EmuBody>, ApiError> {
        let p = catalog::find_provisioned(id).ok_or_else(|| {
            ApiError::not_found(format!("Provisioned model {id} does not exist."))
        })?;
        Ok(json_answer(
            StatusCode::OK,
            &catalog::provisioned_summary(p),
            self.request_id,
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owned {
    Imported,
    Custom,
    Provisioned,
}

/// An ISO 8601 date-time (`2025-01-31T12:00:00Z`) or epoch seconds, as the REST-JSON
/// protocol accepts in a query string.
fn chrono_like(v: &str) -> Option<()> {
    if v.parse::<f64>().is_ok() {
        return Some(());
    }
    let b = v.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    (b.len() >= 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19))
    .then_some(())
}

fn encode_page_token(offset: usize) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(format!("brock-emulator-page:{offset}"))
}

fn decode_page_token(token: &str) -> Option<usize> {
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(token)
        .ok()?;
    String::from_utf8(raw)
        .ok()?
        .strip_prefix("brock-emulator-page:")?
        .parse()
        .ok()
}

/// One query parameter of a control-plane listing.
fn param<'q>(q: &'q [(String, String)], name: &str) -> Option<&'q str> {
    q.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// `maxResults` as the control plane checks it: 1 to 1000, else a constraint violation (the
/// default stands in so the other members are still checked and reported together); a value
/// that is not a number fails deserialization first.
fn max_results(
    q: &[(String, String)],
    default: usize,
    violations: &mut Vec<String>,
) -> Result<usize, ApiError> {
    let Some(v) = param(q, "maxResults") else {
        return Ok(default);
    };
    match v.parse::<i64>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n as usize),
        Ok(n) => {
            let c = if n < 1 {
                "Member must have value greater than or equal to 1"
            } else {
                "Member must have value less than or equal to 1000"
            };
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            violations.push(format!(
                "Value '{n}' at 'maxResults' failed to satisfy constraint: {c}"
            ));
            Ok(default)
        }
        // Source: inferred (the Coral deserializer's wording).
        Err(_) => Err(ApiError::serialization(format!(
            "STRING_VALUE can not be converted to an Integer: {v}"
        ))),
    }
}

/// Enum-valued query parameters: (query name, member name, allowed values).
fn enum_params(
    q: &[(String, String)],
    checks: &[(&str, &str, &[&str])],
    violations: &mut Vec<String>,
) {
    for (name, member, allowed) in checks {
        if let Some(v) = param(q, name)
            && !allowed.contains(&v)
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            violations.push(format!(
                "Value '{v}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                allowed.join(", ")
            ));
        }
    }
}

/// Where a page starts: 0, or the position a `nextToken` of ours encodes.
fn page_start(q: &[(String, String)], len: usize) -> Result<usize, ApiError> {
    match param(q, "nextToken") {
        None => Ok(0),
        Some(t) => decode_page_token(t)
            .filter(|s| *s < len)
            // Source: inferred.
            .ok_or_else(|| ApiError::validation("The pagination token is invalid.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_split_on_raw_slashes_only() {
        let m = http::Method::POST;
        assert_eq!(
            route(&m, "/model/us.amazon.nova-micro-v1%3A0/converse-stream"),
            Route::Converse {
                model: "us.amazon.nova-micro-v1:0".into(),
                stream: true
            }
        );
        assert_eq!(
            route(
                &m,
                "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc/invoke"
            ),
            Route::Invoke {
                model: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc"
                    .into(),
                stream: false
            }
        );
        assert_eq!(route(&m, "/model/a/b/converse"), Route::Unknown);
        assert_eq!(
            route(&http::Method::GET, "/foundation-models"),
            Route::ListFoundationModels
        );
        assert_eq!(route(&m, "/foundation-models"), Route::Unknown);
        assert_eq!(route(&m, "/"), Route::Sts);
        assert_eq!(route(&m, "/rerank"), Route::Rerank);
    }

    #[test]
    fn page_tokens_round_trip() {
        assert_eq!(decode_page_token(&encode_page_token(40)), Some(40));
        assert_eq!(decode_page_token("garbage"), None);
    }
}

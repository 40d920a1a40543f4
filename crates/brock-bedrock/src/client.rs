//! The client: endpoints, credentials, signing, sending and retrying.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use bytes::Bytes;
use http::{HeaderName, HeaderValue as HttpHeaderValue, Method, Request};
use http_body_util::Full;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use tokio::sync::{Mutex, OnceCell};

use crate::error::{Error, Result};
use crate::redact::{check_endpoint_url, redact_header};
use crate::response::ApiResponse;
use crate::retry::{self, RetryMode, RetryQuota};
use crate::text::clip;
use crate::{ClientConfig, LogHook, WaitHook};

/// The three Bedrock services brock talks to. All sign with the name `bedrock`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// bedrock-runtime: Converse, InvokeModel, CountTokens, ApplyGuardrail.
    Runtime,
    /// bedrock: the control plane (models, inference profiles).
    Control,
    /// bedrock-agent-runtime: agents, knowledge bases, rerank.
    AgentRuntime,
}

impl Service {
    pub fn host_prefix(self) -> &'static str {
        match self {
            Service::Runtime => "bedrock-runtime",
            Service::Control => "bedrock",
            Service::AgentRuntime => "bedrock-agent-runtime",
        }
    }
}

/// Characters left as they are in a path segment: RFC 3986 unreserved. Everything else
/// (':' in model ids, '/' in ARNs) is escaped so an id stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encode one path segment (a model id, an ARN, a guardrail id).
pub fn path_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// A request to send: the path is already encoded (use [`path_segment`] for labels).
#[derive(Debug, Clone)]
pub struct ApiRequest {
    pub service: Service,
    pub method: Method,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl ApiRequest {
    pub fn get(service: Service, path: impl Into<String>) -> Self {
        ApiRequest {
            service,
            method: Method::GET,
            path: path.into(),
            headers: Vec::new(),
            body: Bytes::new(),
        }
    }

    pub fn post_json(service: Service, path: impl Into<String>, body: &serde_json::Value) -> Self {
        ApiRequest {
            service,
            method: Method::POST,
            path: path.into(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: Bytes::from(serde_json::to_vec(body).unwrap_or_default()),
        }
    }

    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// How one request is authorised.
enum Authorize<'a> {
    /// It carries its own Authorization header.
    AsIs,
    Bearer(&'a str),
    /// `agents_with_key`: an API key is configured, but the agents runtime needs SigV4.
    SigV4 {
        agents_with_key: bool,
    },
}

/// What [`Retries::after_failure`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryDecision {
    /// Wait this long, then send the next attempt.
    Retry(Duration),
    GiveUp(GiveUp),
}

/// Why no retry follows a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiveUp {
    /// A retry will not help (a validation error, an auth failure, …).
    NotRetryable,
    /// The attempt limit is reached.
    OutOfAttempts,
    /// The client's retry quota cannot pay for another retry ([`RetryQuota`]).
    QuotaSpent,
}

/// The retry state of one logical request; see [`Client::retries`].
pub struct Retries<'c> {
    client: &'c Client,
    attempt: u32,
    /// What the last retry took from the quota, given back on success.
    held: u32,
    /// Whether throttling retries draw on the quota (see [`Retries::throttling_outside_quota`]).
    quota_for_throttling: bool,
}

impl Retries<'_> {
    /// Throttling retries no longer draw on the client's retry quota (transient errors still
    /// do). For a batch (`embed`) that must outlast a throttling burst across many concurrent
    /// calls: with the quota, a burst hitting a few hundred calls at once would spend it and
    /// fail most of them at their first throttle.
    pub fn throttling_outside_quota(mut self) -> Self {
        self.quota_for_throttling = false;
        self
    }

    /// The number of the next attempt (1 for the first).
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// After attempt [`attempt`](Self::attempt) failed with `error` (`asked`: the wait the
    /// answer asked for, see [`retry::retry_after`]): retry after a delay, or give up. `max`
    /// is the attempt limit for this error.
    pub fn after_failure(
        &mut self,
        error: &Error,
        asked: Option<Duration>,
        max: u32,
    ) -> RetryDecision {
        let inner = &self.client.inner;
        let Some(kind) = retry::classify(inner.retry_mode, error) else {
            return RetryDecision::GiveUp(GiveUp::NotRetryable);
        };
        if self.attempt >= max {
            return RetryDecision::GiveUp(GiveUp::OutOfAttempts);
        }
        // botocore's legacy mode has no quota.
        let outside = kind == retry::ErrorKind::Throttling && !self.quota_for_throttling;
        if inner.retry_mode != RetryMode::Legacy && !outside {
            match inner.quota.acquire(kind) {
                Some(cost) => self.held = cost,
                None => return RetryDecision::GiveUp(GiveUp::QuotaSpent),
            }
        } else {
            self.held = 0;
        }
        let delay = retry::delay(inner.retry_base, self.attempt, asked);
        if kind == retry::ErrorKind::Throttling {
            self.client.note_throttled(delay);
        }
        self.attempt += 1;
        RetryDecision::Retry(delay)
    }

    /// The request succeeded: its retry's cost goes back to the quota (a first-attempt
    /// success adds one token).
    pub fn succeeded(self) {
        if self.client.inner.retry_mode != RetryMode::Legacy {
            self.client.inner.quota.release(self.held);
        }
    }
}

/// How requests are authorised.
#[derive(Clone)]
enum Auth {
    /// SigV4 with credentials resolved on first use.
    SigV4,
    /// A Bedrock API key (`Authorization: Bearer`), for runtime and control plane only.
    Bearer(String),
}

type HttpsConnector = hyper_rustls::HttpsConnector<HttpConnector>;

struct Inner {
    region: String,
    runtime_endpoint: String,
    control_endpoint: String,
    agent_endpoint: String,
    auth: Auth,
    aws_profile: Option<String>,
    role_arn: Option<String>,
    role_session_name: Option<String>,
    external_id: Option<String>,
    static_credentials: Option<Credentials>,
    provider: OnceCell<SharedCredentialsProvider>,
    cached: Mutex<Option<Credentials>>,
    http: OnceCell<HyperClient<HttpsConnector, Full<Bytes>>>,
    /// For http:// endpoints (the emulator, local proxies): no TLS config, so no root store is
    /// read from disk (hundreds of files, most of a cold one-shot's CPU).
    plain_http: std::sync::OnceLock<HyperClient<HttpConnector, Full<Bytes>>>,
    connect_timeout: Duration,
    read_timeout: Duration,
    max_attempts: u32,
    retry_mode: RetryMode,
    /// Adaptive mode: the earliest time the next request may go out after throttling.
    throttle_until: std::sync::Mutex<Option<Instant>>,
    quota: RetryQuota,
    retry_base: Duration,
    extra_headers: Vec<(String, String)>,
    verbose: u8,
    log: Option<LogHook>,
    on_wait: Option<WaitHook>,
    /// Whatever the caller needs alive as long as the client (an in-process endpoint).
    _keep_alive: Option<Box<dyn std::any::Any + Send + Sync>>,
}

/// The signed, retrying transport every command uses. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl Client {
    /// Build a client. No network and no credential lookup happens here, so `--dry-run` and
    /// `--help` stay instant and work without credentials.
    pub async fn new(config: ClientConfig) -> Result<Client> {
        let auth = match config.bearer_token {
            Some(token) => Auth::Bearer(token),
            None => Auth::SigV4,
        };
        let region = match config.region {
            Some(r) => r,
            None => profile_region(config.aws_profile.as_deref()).await.ok_or_else(|| {
                Error::Auth(
                    "no AWS region configured: pass --region, set AWS_REGION, add `region` to your brock config, \
                     or set a region in your AWS profile"
                        .into(),
                )
            })?,
        };
        validate_region(&region)?;
        let variants = config.endpoint_variants;
        let endpoint = |given: Option<String>, service: Service| -> Result<String> {
            let url = crate::endpoint::resolve(service, &region, variants, given.as_deref())?;
            let url = url.trim_end_matches('/').to_string();
            check_endpoint_url(&url, "the endpoint URL")?;
            Ok(url)
        };
        let max_attempts = config
            .max_attempts
            .unwrap_or_else(|| config.retry_mode.default_max_attempts())
            .max(1);
        Ok(Client {
            inner: Arc::new(Inner {
                runtime_endpoint: endpoint(config.endpoints.runtime, Service::Runtime)?,
                control_endpoint: endpoint(config.endpoints.control, Service::Control)?,
                agent_endpoint: endpoint(config.endpoints.agent_runtime, Service::AgentRuntime)?,
                region,
                auth,
                aws_profile: config.aws_profile,
                role_arn: config.role_arn,
                role_session_name: config.role_session_name,
                external_id: config.external_id,
                static_credentials: config.static_credentials,
                provider: OnceCell::new(),
                cached: Mutex::new(None),
                http: OnceCell::new(),
                plain_http: std::sync::OnceLock::new(),
                connect_timeout: config.connect_timeout,
                read_timeout: config.read_timeout,
                max_attempts,
                retry_mode: config.retry_mode,
                throttle_until: std::sync::Mutex::new(None),
                quota: RetryQuota::default(),
                retry_base: config.retry_base,
                extra_headers: config.headers,
                verbose: config.verbose,
                log: config.log,
                on_wait: config.on_wait,
                _keep_alive: config.keep_alive,
            }),
        })
    }

    pub fn region(&self) -> &str {
        &self.inner.region
    }

    pub fn endpoint(&self, service: Service) -> &str {
        match service {
            Service::Runtime => &self.inner.runtime_endpoint,
            Service::Control => &self.inner.control_endpoint,
            Service::AgentRuntime => &self.inner.agent_endpoint,
        }
    }

    /// The full URL a request goes to (for --dry-run and logs).
    pub fn url(&self, req: &ApiRequest) -> String {
        // An absolute URL as the path addresses another endpoint (a Converse-shaped proxy).
        if req.path.starts_with("https://") || req.path.starts_with("http://") {
            return req.path.clone();
        }
        format!("{}{}", self.endpoint(req.service), req.path)
    }

    /// True when requests are authorised with a Bedrock API key instead of SigV4.
    pub fn uses_bearer(&self) -> bool {
        matches!(self.inner.auth, Auth::Bearer(_))
    }

    /// Send with retries on throttling, transient errors and connection failures, as the
    /// client's retry mode says. A non-2xx answer becomes `Error::Service` with AWS's code and
    /// message. The body is not read: streams stay live.
    pub async fn send(&self, req: &ApiRequest) -> Result<ApiResponse> {
        self.send_with(req, self.inner.max_attempts, false).await
    }

    /// The configured attempt limit (the retry mode's default unless one was set).
    pub fn max_attempts(&self) -> u32 {
        self.inner.max_attempts
    }

    pub fn retry_mode(&self) -> RetryMode {
        self.inner.retry_mode
    }

    /// Like [`send`](Self::send), with an explicit attempt limit; with `keep_errors` the final
    /// non-2xx response is returned as is (for `raw`, which shows error bodies verbatim).
    pub async fn send_with(
        &self,
        req: &ApiRequest,
        max_attempts: u32,
        keep_errors: bool,
    ) -> Result<ApiResponse> {
        let max = max_attempts.max(1);
        let mut retries = self.retries();
        loop {
            let attempt = retries.attempt();
            let started = Instant::now();
            let (error, asked) = match self.send_attempt(req, attempt, max).await {
                Ok(resp) if (200..300).contains(&resp.status) => {
                    retries.succeeded();
                    self.log(1, || {
                        format!(
                            "<- {} in {} ms (attempt {attempt})",
                            resp.status,
                            started.elapsed().as_millis()
                        )
                    });
                    return Ok(resp);
                }
                Ok(resp) => {
                    // Decided from the status and x-amzn-errortype before the body is read,
                    // so a final answer can still be handed back unread.
                    if keep_errors {
                        let code = resp
                            .header("x-amzn-errortype")
                            .map(|t| t.split(':').next().unwrap_or(t))
                            .unwrap_or("");
                        let kind =
                            retry::classify_service(self.inner.retry_mode, resp.status, code);
                        if kind.is_none() || attempt >= max {
                            self.log(1, || {
                                format!(
                                    "<- {} in {} ms (attempt {attempt})",
                                    resp.status,
                                    started.elapsed().as_millis()
                                )
                            });
                            return Ok(resp);
                        }
                    }
                    let asked = retry::retry_after(&resp.headers);
                    (resp.into_error().await, asked)
                }
                Err(e) => (e, None),
            };
            match retries.after_failure(&error, asked, max) {
                RetryDecision::Retry(delay) => {
                    self.log(1, || {
                        format!(
                            "<- {error} (attempt {attempt}/{max}); retrying in {} ms",
                            delay.as_millis()
                        )
                    });
                    tokio::time::sleep(delay).await;
                }
                RetryDecision::GiveUp(why) => {
                    match why {
                        GiveUp::QuotaSpent => self.log(1, || {
                            format!(
                                "<- {error} (attempt {attempt}/{max}); not retrying: the retry quota is spent ({} of {} left)",
                                self.inner.quota.available(),
                                retry::QUOTA_CAPACITY
                            )
                        }),
                        _ if attempt > 1 => {
                            self.log(1, || format!("<- giving up after {attempt} attempts"))
                        }
                        _ => {}
                    }
                    return Err(error);
                }
            }
        }
    }

    /// The retries of one logical request under this client's policy (mode, back-off,
    /// `x-amz-retry-after`, quota), for callers that send each attempt themselves with
    /// [`send_attempt`](Self::send_attempt) and keep their own count (`embed`).
    pub fn retries(&self) -> Retries<'_> {
        Retries {
            client: self,
            attempt: 1,
            held: 0,
            quota_for_throttling: true,
        }
    }

    async fn wait_for_throttle_window(&self) {
        if self.inner.retry_mode != RetryMode::Adaptive {
            return;
        }
        let until = *self
            .inner
            .throttle_until
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(t) = until {
            let now = Instant::now();
            if t > now {
                tokio::time::sleep(t - now).await;
            }
        }
    }

    /// Adaptive mode: after a throttle, every concurrent request of this client waits out the
    /// same back-off window instead of each hammering the service on its own schedule.
    fn note_throttled(&self, delay: Duration) {
        if self.inner.retry_mode == RetryMode::Adaptive {
            let mut until = self
                .inner
                .throttle_until
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            let t = Instant::now() + delay;
            if until.is_none_or(|u| u < t) {
                *until = Some(t);
            }
        }
    }

    /// The request as it goes on the wire for attempt `attempt` of `max`, unsigned: Host,
    /// Content-Length, User-Agent, amz-sdk-request, the configured headers, then the
    /// request's own.
    fn build(&self, req: &ApiRequest, attempt: u32, max: u32) -> Result<Request<Full<Bytes>>> {
        let url = self.url(req);
        let uri: http::Uri = url.parse().map_err(|e| {
            Error::InvalidRequest(format!("invalid request URL {}: {e}", clip(&url, 200)))
        })?;
        let authority = uri
            .authority()
            .map(|a| a.as_str().to_string())
            .ok_or_else(|| {
                Error::InvalidRequest(format!("invalid request URL {}: no host", clip(&url, 200)))
            })?;

        let mut builder = Request::builder().method(req.method.clone()).uri(uri);
        let headers = builder.headers_mut().expect("fresh builder has headers");
        headers.insert(http::header::HOST, header_value(&authority)?);
        if !req.body.is_empty() || req.method == Method::POST || req.method == Method::PUT {
            headers.insert(
                http::header::CONTENT_LENGTH,
                HttpHeaderValue::from(req.body.len()),
            );
        }
        headers.insert(
            http::header::USER_AGENT,
            HttpHeaderValue::from_static(concat!("brock/", env!("CARGO_PKG_VERSION"))),
        );
        headers.insert(
            HeaderName::from_static("amz-sdk-request"),
            header_value(&format!("attempt={attempt}; max={max}"))?,
        );
        for (k, v) in self.inner.extra_headers.iter().chain(req.headers.iter()) {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| Error::InvalidRequest(format!("invalid header name {k:?}")))?;
            headers.insert(name, header_value(v)?);
        }
        builder
            .body(Full::new(req.body.clone()))
            .map_err(|e| Error::InvalidRequest(format!("cannot build the request: {e}")))
    }

    /// How `req` is authorised: the bearer token, SigV4 (with credentials the caller
    /// resolves), or nothing when the request brings its own Authorization (a proxy's key).
    fn authorization(&self, req: &ApiRequest) -> Authorize<'_> {
        let own_auth = req
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("authorization"));
        match (&self.inner.auth, req.service) {
            _ if own_auth => Authorize::AsIs,
            (Auth::Bearer(token), Service::Runtime | Service::Control) => Authorize::Bearer(token),
            (Auth::Bearer(_), Service::AgentRuntime) if self.inner.static_credentials.is_none() => {
                Authorize::SigV4 {
                    agents_with_key: true,
                }
            }
            _ => Authorize::SigV4 {
                agents_with_key: false,
            },
        }
    }

    fn authorize(
        &self,
        request: &mut Request<Full<Bytes>>,
        how: &Authorize<'_>,
        creds: Option<&Credentials>,
        body: &[u8],
        time: SystemTime,
    ) -> Result<()> {
        match (how, creds) {
            (Authorize::AsIs, _) => Ok(()),
            (Authorize::Bearer(token), _) => {
                request.headers_mut().insert(
                    http::header::AUTHORIZATION,
                    header_value(&format!("Bearer {token}"))?,
                );
                Ok(())
            }
            (Authorize::SigV4 { .. }, Some(creds)) => {
                sign(request, creds, &self.inner.region, body, time)
            }
            (Authorize::SigV4 { .. }, None) => Err(Error::Auth(
                "no credentials to sign the request with".into(),
            )),
        }
    }

    /// The request exactly as [`send_attempt`] would put it on the wire for a first attempt,
    /// built by the same code, without sending it (`--dry-run`). It is signed as a real
    /// request is, with the configured keys when fixed ones are set and with placeholder keys
    /// otherwise, so no credential lookup happens; show it with its Authorization redacted
    /// ([`redact_header`]).
    pub fn prepare_dry_run(&self, req: &ApiRequest) -> Result<Request<Full<Bytes>>> {
        let mut request = self.build(req, 1, self.inner.max_attempts)?;
        let placeholder = Credentials::new(
            "AKIDDRYRUNEXAMPLE000",
            "dry-run-placeholder-secret",
            None,
            None,
            "brock-dry-run",
        );
        let creds = self
            .inner
            .static_credentials
            .as_ref()
            .unwrap_or(&placeholder);
        let how = self.authorization(req);
        self.authorize(
            &mut request,
            &how,
            Some(creds),
            &req.body,
            SystemTime::now(),
        )?;
        Ok(request)
    }

    /// One attempt of `req` (attempt `attempt` of `max`, as the `amz-sdk-request` header
    /// tells the service): built, authorised and sent, with no retry. The answer is returned
    /// whatever its status.
    pub async fn send_attempt(
        &self,
        req: &ApiRequest,
        attempt: u32,
        max: u32,
    ) -> Result<ApiResponse> {
        self.wait_for_throttle_window().await;
        let mut request = self.build(req, attempt, max)?;
        let how = self.authorization(req);
        let creds = match how {
            Authorize::SigV4 {
                agents_with_key: true,
            } => Some(self.credentials().await.map_err(|_| {
                Error::Auth(
                    "the Bedrock Agents runtime does not accept Bedrock API keys (bearer tokens): \
                     configure AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, --aws-profile or SSO)"
                        .into(),
                )
            })?),
            Authorize::SigV4 { .. } => Some(self.credentials().await?),
            _ => None,
        };
        self.authorize(
            &mut request,
            &how,
            creds.as_ref(),
            &req.body,
            SystemTime::now(),
        )?;
        let uri = request.uri().clone();
        let authority = uri
            .authority()
            .map(|a| a.as_str().to_string())
            .unwrap_or_default();

        self.log(1, || format!("-> {} {uri}", req.method));
        if self.inner.verbose >= 2 {
            for (k, v) in request.headers() {
                let shown = redact_header(k.as_str(), v.to_str().unwrap_or("<binary>"));
                self.log(2, || format!("   {k}: {shown}"));
            }
        }
        if self.inner.verbose >= 3 && !req.body.is_empty() {
            self.log(3, || {
                format!("   body: {}", String::from_utf8_lossy(&req.body))
            });
        }

        let fut = if uri.scheme_str() == Some("http") {
            self.plain_http().request(request)
        } else {
            self.http().await?.request(request)
        };
        let resp = match tokio::time::timeout(self.inner.read_timeout, fut).await {
            Err(_) => {
                return Err(Error::Timeout(format!(
                    "no response from {authority} within {} s (read timeout)",
                    self.inner.read_timeout.as_secs_f64()
                )));
            }
            Ok(Err(e)) => return Err(network_error(&authority, &e)),
            Ok(Ok(r)) => r,
        };
        let (parts, body) = resp.into_parts();
        if self.inner.verbose >= 2 {
            for (k, v) in &parts.headers {
                self.log(2, || {
                    format!(
                        "   {k}: {}",
                        redact_header(k.as_str(), v.to_str().unwrap_or("<binary>"))
                    )
                });
            }
        }
        Ok(ApiResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
            read_timeout: self.inner.read_timeout,
            on_wait: self.inner.on_wait.clone(),
        })
    }

    fn http_connector(&self) -> HttpConnector {
        let mut http = HttpConnector::new();
        http.set_connect_timeout(Some(self.inner.connect_timeout));
        http.set_nodelay(true);
        http
    }

    fn plain_http(&self) -> &HyperClient<HttpConnector, Full<Bytes>> {
        self.inner.plain_http.get_or_init(|| {
            HyperClient::builder(TokioExecutor::new())
                .pool_idle_timeout(Duration::from_secs(30))
                .build(self.http_connector())
        })
    }

    async fn http(&self) -> Result<&HyperClient<HttpsConnector, Full<Bytes>>> {
        self.inner
            .http
            .get_or_try_init(|| async {
                let mut http = self.http_connector();
                http.enforce_http(false);
                // Root certificates are only loaded when an https endpoint is actually used.
                let https = hyper_rustls::HttpsConnectorBuilder::new()
                    .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())
                    .map_err(|e| Error::Network(format!("cannot load TLS root certificates: {e}")))?
                    .https_or_http()
                    .enable_http1()
                    .wrap_connector(http);
                Ok(HyperClient::builder(TokioExecutor::new())
                    .pool_idle_timeout(Duration::from_secs(30))
                    .build(https))
            })
            .await
    }

    /// Resolve SigV4 credentials once per process and reuse them until shortly before expiry.
    ///
    /// A small cache of our own rather than aws-config's identity cache: `IdentityCache::lazy()`
    /// yields a `SharedIdentityCache` whose only entry point, `resolve_cached_identity`, takes
    /// the SDK orchestrator's `RuntimeComponents` and `ConfigBag` (built and validated by the
    /// orchestrator, with an endpoint resolver, auth schemes and more that this transport does
    /// not have), and `SharedCredentialsProvider` does no caching of its own. Credentials are
    /// refreshed five minutes before they expire (the lazy cache's buffer is 10 s), so none
    /// expire during a retry loop's waits (up to 20 s each).
    pub async fn credentials(&self) -> Result<Credentials> {
        if let Some(c) = &self.inner.static_credentials {
            return Ok(c.clone());
        }
        let mut cached = self.inner.cached.lock().await;
        if let Some(c) = cached.as_ref() {
            let fresh = c
                .expiry()
                .is_none_or(|exp| exp > SystemTime::now() + Duration::from_secs(300));
            if fresh {
                return Ok(c.clone());
            }
        }
        let provider = self
            .inner
            .provider
            .get_or_init(|| async { self.build_provider().await })
            .await;
        let creds = provider.provide_credentials().await.map_err(|e| {
            if let Some(p) = &self.inner.aws_profile
                && let Some(known) = missing_profile(p)
            {
                return Error::ProfileNotFound {
                    profile: p.clone(),
                    known,
                };
            }
            let detail = readable_sdk_error(&error_chain(&e));
            Error::Auth(format!(
                "no usable AWS credentials ({detail}): set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
                 pick a profile with --aws-profile (run `aws sso login` for SSO profiles), \
                 set AWS_BEARER_TOKEN_BEDROCK to a Bedrock API key, or try --mock"
            ))
        })?;
        *cached = Some(creds.clone());
        Ok(creds)
    }

    async fn build_provider(&self) -> SharedCredentialsProvider {
        // Environment keys come first in the default chain anyway, and building the whole chain
        // also builds an HTTPS client for STS/SSO/IMDS, reading the TLS root store from disk
        // (most of a cold one-shot's CPU) for credentials that never touch the network.
        let env_keys = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]
            .iter()
            .all(|k| std::env::var_os(k).is_some_and(|v| !v.is_empty()));
        if env_keys && self.inner.aws_profile.is_none() && self.inner.role_arn.is_none() {
            return SharedCredentialsProvider::new(
                aws_config::environment::EnvironmentVariableCredentialsProvider::new(),
            );
        }
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_types::region::Region::new(self.inner.region.clone()));
        if let Some(p) = &self.inner.aws_profile {
            loader = loader.profile_name(p);
        }
        let sdk = loader.load().await;
        let base = sdk
            .credentials_provider()
            .unwrap_or_else(|| SharedCredentialsProvider::new(NoCredentials));
        match &self.inner.role_arn {
            None => base,
            Some(arn) => {
                let mut b =
                    aws_config::sts::AssumeRoleProvider::builder(arn.clone()).configure(&sdk);
                b = b.session_name(self.inner.role_session_name.clone().unwrap_or_else(|| {
                    let secs = SystemTime::now()
                        .duration_since(SystemTime::UNIX_EPOCH)
                        .map(|d| d.as_secs())
                        .unwrap_or(0);
                    format!("brock-{secs}")
                }));
                if let Some(id) = &self.inner.external_id {
                    b = b.external_id(id.clone());
                }
                SharedCredentialsProvider::new(b.build().await)
            }
        }
    }

    fn log(&self, level: u8, msg: impl FnOnce() -> String) {
        if self.inner.verbose >= level
            && let Some(log) = &self.inner.log
        {
            log(&msg());
        }
    }
}

#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials<'a>(
        &'a self,
    ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        aws_credential_types::provider::future::ProvideCredentials::ready(Err(
            aws_credential_types::provider::error::CredentialsError::not_loaded(
                "no credential source found",
            ),
        ))
    }
}

/// When `profile` is in neither AWS profile file, the profiles that are there (the SDK's own
/// error only lists the providers it tried).
fn missing_profile(profile: &str) -> Option<Vec<String>> {
    let home = std::env::var_os("HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_default();
    let file = |var: &str, name: &str| {
        std::env::var_os(var)
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| home.join(".aws").join(name))
    };
    let mut names = Vec::new();
    for (path, is_config) in [
        (file("AWS_CONFIG_FILE", "config"), true),
        (file("AWS_SHARED_CREDENTIALS_FILE", "credentials"), false),
    ] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines() {
            let Some(section) = line
                .trim()
                .strip_prefix('[')
                .and_then(|l| l.strip_suffix(']'))
            else {
                continue;
            };
            let section = section.trim();
            let name = match section.strip_prefix("profile ") {
                Some(n) => n.trim(),
                None if !is_config || section == "default" => section,
                None => continue,
            };
            names.push(name.to_string());
        }
    }
    if names.iter().any(|n| n == profile) {
        return None;
    }
    names.sort();
    names.dedup();
    Some(names)
}

/// The region from the AWS profile file, without touching instance metadata.
async fn profile_region(profile: Option<&str>) -> Option<String> {
    use aws_config::meta::region::ProvideRegion;
    let mut b = aws_config::profile::ProfileFileRegionProvider::builder();
    if let Some(p) = profile {
        b = b.profile_name(p);
    }
    b.build().region().await.map(|r| r.to_string())
}

fn validate_region(region: &str) -> Result<()> {
    let ok = !region.is_empty()
        && region.len() <= 32
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::Config(format!(
            "{region:?} is not an AWS region name (e.g. us-east-1)"
        )))
    }
}

fn sign(
    request: &mut Request<Full<Bytes>>,
    creds: &Credentials,
    region: &str,
    body: &[u8],
    time: SystemTime,
) -> Result<()> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;

    let identity = creds.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("bedrock")
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| Error::Auth(format!("cannot sign the request: {e}")))?
        .into();
    let uri = request.uri().to_string();
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .filter_map(|(k, v)| Some((k.as_str(), v.to_str().ok()?)))
        .collect();
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers.into_iter(),
        SignableBody::Bytes(body),
    )
    .map_err(|e| Error::Auth(format!("cannot sign the request: {e}")))?;
    let (instructions, _) = sign(signable, &params)
        .map_err(|e| Error::Auth(format!("cannot sign the request: {e}")))?
        .into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

fn header_value(v: &str) -> Result<HttpHeaderValue> {
    // The value is not echoed: it may be a credential.
    HttpHeaderValue::from_str(v).map_err(|_| {
        Error::InvalidRequest(format!(
            "a header value ({} bytes) holds characters HTTP does not allow (control characters or line breaks)",
            v.len()
        ))
    })
}

pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        let t = s.to_string();
        if !parts.contains(&t) {
            parts.push(t);
        }
        cur = s.source();
    }
    parts.join(": ")
}

/// SDK errors render their innermost cause with `Debug` (`Error { code: "X", message: "Y", … }`);
/// users get `X: Y` instead of a struct dump.
fn readable_sdk_error(chain: &str) -> String {
    let field = |name: &str| -> Option<&str> {
        let start = chain.find(&format!("{name}: \""))? + name.len() + 3;
        let end = chain[start..].find('"')? + start;
        Some(&chain[start..end])
    };
    match (field("code"), field("message")) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        _ => chain.split(": Error {").next().unwrap_or(chain).to_string(),
    }
}

fn network_error(host: &str, e: &hyper_util::client::legacy::Error) -> Error {
    let chain = error_chain(e);
    if e.is_connect() {
        Error::Network(format!("cannot connect to {host}: {chain}"))
    } else {
        Error::Network(format!("request to {host} failed: {chain}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_escape_colons_and_slashes() {
        assert_eq!(
            path_segment("us.anthropic.claude-sonnet-4-20250514-v1:0"),
            "us.anthropic.claude-sonnet-4-20250514-v1%3A0"
        );
        assert_eq!(
            path_segment("arn:aws:bedrock:us-east-1:123:inference-profile/us.x"),
            "arn%3Aaws%3Abedrock%3Aus-east-1%3A123%3Ainference-profile%2Fus.x"
        );
    }

    #[test]
    fn sdk_debug_dumps_become_code_and_message() {
        let chain = r#"an error occurred while loading credentials: service error: unhandled error (InvalidClientTokenId): Error { code: "InvalidClientTokenId", message: "The security token included in the request is invalid.", aws_request_id: "311f" }"#;
        assert_eq!(
            readable_sdk_error(chain),
            "InvalidClientTokenId: The security token included in the request is invalid."
        );
        assert_eq!(
            readable_sdk_error("no credential source found"),
            "no credential source found"
        );
    }
}

/// The retry loop against a loopback server that answers every request with one canned
/// response: what the client logs and how many attempts reach the server.
#[cfg(test)]
mod retry_loop_tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// Serves `status` with `headers` and an AWS JSON error body for `code`, forever; returns
    /// the URL and the request counter.
    async fn canned(
        status: u16,
        code: &'static str,
        headers: &'static str,
    ) -> (String, Arc<AtomicU32>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let count = Arc::new(AtomicU32::new(0));
        let seen = count.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut s, _)) = listener.accept().await else {
                    return;
                };
                let seen = seen.clone();
                tokio::spawn(async move {
                    let mut buf = Vec::new();
                    let mut chunk = [0u8; 4096];
                    // Headers, then the body its Content-Length announces.
                    loop {
                        let Ok(n) = s.read(&mut chunk).await else {
                            return;
                        };
                        if n == 0 {
                            return;
                        }
                        buf.extend_from_slice(&chunk[..n]);
                        let text = String::from_utf8_lossy(&buf).to_string();
                        if let Some(end) = text.find("\r\n\r\n") {
                            let len = text[..end]
                                .lines()
                                .find_map(|l| {
                                    l.to_ascii_lowercase()
                                        .strip_prefix("content-length:")
                                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                                })
                                .unwrap_or(0);
                            if buf.len() >= end + 4 + len {
                                break;
                            }
                        }
                    }
                    seen.fetch_add(1, Ordering::SeqCst);
                    let body = format!(r#"{{"message":"canned {code}"}}"#);
                    let resp = format!(
                        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nx-amzn-errortype: {code}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = s.write_all(resp.as_bytes()).await;
                    let _ = s.shutdown().await;
                });
            }
        });
        (url, count)
    }

    async fn client(
        url: &str,
        mode: RetryMode,
        max: u32,
    ) -> (Client, Arc<std::sync::Mutex<Vec<String>>>) {
        let lines = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = lines.clone();
        let c = Client::new(ClientConfig {
            region: Some("us-east-1".into()),
            endpoints: crate::Endpoints {
                runtime: Some(url.into()),
                control: Some(url.into()),
                agent_runtime: Some(url.into()),
            },
            static_credentials: Some(Credentials::new("AKIDTEST", "secret", None, None, "test")),
            max_attempts: Some(max),
            retry_mode: mode,
            retry_base: Duration::from_millis(1),
            verbose: 1,
            log: Some(Arc::new(move |l: &str| {
                sink.lock().unwrap().push(l.to_string())
            })),
            ..ClientConfig::default()
        })
        .await
        .unwrap();
        (c, lines)
    }

    async fn fail(c: &Client) -> Error {
        match c.send(&req()).await {
            Ok(r) => panic!("answered {}", r.status),
            Err(e) => e,
        }
    }

    fn req() -> ApiRequest {
        ApiRequest::post_json(
            Service::Runtime,
            "/model/m/converse",
            &serde_json::json!({}),
        )
    }

    #[tokio::test]
    async fn x_amz_retry_after_sets_the_wait() {
        let (url, count) = canned(
            503,
            "ServiceUnavailableException",
            "x-amz-retry-after: 7\r\n",
        )
        .await;
        let (c, lines) = client(&url, RetryMode::Standard, 2).await;
        let e = fail(&c).await;
        assert!(
            e.to_string().starts_with("ServiceUnavailableException"),
            "{e}"
        );
        assert_eq!(count.load(Ordering::SeqCst), 2);
        let lines = lines.lock().unwrap();
        assert!(
            lines.iter().any(|l| l.ends_with("retrying in 7 ms")),
            "{lines:?}"
        );
    }

    #[tokio::test]
    async fn statuses_outside_the_sdks_list_are_not_retried() {
        let (url, count) = canned(501, "NotImplemented", "").await;
        let (c, _) = client(&url, RetryMode::Standard, 3).await;
        fail(&c).await;
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn an_exhausted_quota_stops_retries_and_says_so() {
        // Transient retries cost 10 of the 500: 19 + 19 + 12 retries spend it all.
        let (url, count) = canned(
            503,
            "ServiceUnavailableException",
            "x-amz-retry-after: 0\r\n",
        )
        .await;
        let (c, lines) = client(&url, RetryMode::Standard, 20).await;
        for _ in 0..2 {
            fail(&c).await;
        }
        assert_eq!(count.load(Ordering::SeqCst), 40);
        fail(&c).await;
        assert_eq!(count.load(Ordering::SeqCst), 40 + 13);
        let last = lines.lock().unwrap().last().cloned().unwrap();
        assert!(
            last.contains("not retrying: the retry quota is spent (0 of 500 left)"),
            "{last}"
        );
        // Spent: the next failure is not retried at all.
        fail(&c).await;
        assert_eq!(count.load(Ordering::SeqCst), 54);
    }

    #[tokio::test]
    async fn legacy_mode_has_no_quota_and_retries_509() {
        let (url, count) = canned(509, "BandwidthLimitExceeded", "x-amz-retry-after: 0\r\n").await;
        let (c, _) = client(&url, RetryMode::Legacy, 20).await;
        for _ in 0..3 {
            fail(&c).await;
        }
        assert_eq!(count.load(Ordering::SeqCst), 60);
        // The legacy default is five attempts.
        let (c, _) = client(&url, RetryMode::Legacy, 0).await;
        assert_eq!(
            c.max_attempts(),
            1,
            "an explicit limit is kept (at least 1)"
        );
        let (url, count) = canned(509, "X", "x-amz-retry-after: 0\r\n").await;
        let lines = Arc::new(std::sync::Mutex::new(Vec::new()));
        let c = Client::new(ClientConfig {
            region: Some("us-east-1".into()),
            endpoints: crate::Endpoints {
                runtime: Some(url.clone()),
                control: Some(url.clone()),
                agent_runtime: Some(url),
            },
            static_credentials: Some(Credentials::new("AKIDTEST", "secret", None, None, "test")),
            retry_mode: RetryMode::Legacy,
            log: Some(Arc::new(move |l: &str| {
                lines.lock().unwrap().push(l.to_string())
            })),
            ..ClientConfig::default()
        })
        .await
        .unwrap();
        fail(&c).await;
        assert_eq!(count.load(Ordering::SeqCst), 5);
    }

    #[tokio::test]
    async fn standard_mode_does_not_retry_509() {
        // (BandwidthLimitExceeded would be retried: it is in the SDK's throttling list.)
        let (url, count) = canned(509, "LimitReached", "").await;
        let (c, _) = client(&url, RetryMode::Standard, 5).await;
        fail(&c).await;
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_kept_error_answer_is_returned_unread_when_final() {
        let (url, count) = canned(400, "ValidationException", "").await;
        let (c, _) = client(&url, RetryMode::Standard, 3).await;
        let resp = c.send_with(&req(), 3, true).await.unwrap();
        assert_eq!(resp.status, 400);
        assert!(String::from_utf8_lossy(&resp.bytes().await.unwrap()).contains("canned"));
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_batch_may_retry_throttling_outside_the_quota() {
        let (c, _) = client("http://127.0.0.1:9", RetryMode::Standard, 8).await;
        while c.inner.quota.acquire(retry::ErrorKind::Transient).is_some() {}
        while c
            .inner
            .quota
            .acquire(retry::ErrorKind::Throttling)
            .is_some()
        {}
        let throttled = Error::Service {
            status: 429,
            code: "ThrottlingException".into(),
            message: "slow down".into(),
            request_id: None,
        };
        let unavailable = Error::Service {
            status: 503,
            code: "ServiceUnavailableException".into(),
            message: "later".into(),
            request_id: None,
        };
        assert_eq!(
            c.retries().after_failure(&throttled, None, 8),
            RetryDecision::GiveUp(GiveUp::QuotaSpent)
        );
        let mut batch = c.retries().throttling_outside_quota();
        for _ in 1..8 {
            assert!(matches!(
                batch.after_failure(&throttled, None, 8),
                RetryDecision::Retry(_)
            ));
        }
        assert_eq!(
            batch.after_failure(&throttled, None, 8),
            RetryDecision::GiveUp(GiveUp::OutOfAttempts)
        );
        assert_eq!(
            c.retries()
                .throttling_outside_quota()
                .after_failure(&unavailable, None, 8),
            RetryDecision::GiveUp(GiveUp::QuotaSpent)
        );
    }
}

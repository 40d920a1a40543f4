//! AWS access: credentials (aws-config chain, assume-role, Bedrock API keys), endpoints, SigV4
//! signing (aws-sigv4), retries with backoff, timeouts, and event-stream decoding
//! (aws-smithy-eventstream).
//!
//! brock sends the Bedrock JSON itself rather than going through the typed SDK clients: the
//! translation core produces the exact wire body, so `--dry-run` shows what is really sent,
//! `raw` shares the same signed transport, and fields newer than the SDK's model (or unknown
//! content blocks we must hand back unchanged) survive a round trip.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_eventstream::frame::{DecodedFrame, MessageFrameDecoder};
use aws_smithy_types::event_stream::{HeaderValue, Message};
use bytes::{Buf, Bytes, BytesMut};
use http::{HeaderMap, HeaderName, HeaderValue as HttpHeaderValue, Method, Request};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use tokio::sync::{Mutex, OnceCell};

use crate::config::{RetryMode, Settings};
use crate::error::{Error, Result};
use crate::render::diag;
use crate::render::sanitize::clip;

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
    throttle_until: Mutex<Option<Instant>>,
    extra_headers: Vec<(String, String)>,
    verbose: u8,
    /// Keeps the in-process emulator alive for `--mock`.
    _emulator: Option<brock_emulator::Emulator>,
}

/// The signed, retrying transport every command uses. Cheap to clone.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

impl Client {
    /// Build a client from settings. No network and no credential lookup happens here, so
    /// `--dry-run` and `--help` stay instant and work without credentials.
    pub async fn new(settings: &Settings) -> Result<Client> {
        let mut emulator = None;
        let mut static_credentials = None;
        let (mut runtime, mut control, mut agent) = (
            settings.runtime_endpoint.clone(),
            settings.bedrock_endpoint.clone(),
            settings.agent_runtime_endpoint.clone(),
        );
        let mut region = settings.region.clone();
        let mut auth = Auth::SigV4;
        if settings.mock {
            // The emulator refuses credentials scoped to another region, as AWS does.
            let region = region
                .get_or_insert_with(|| brock_emulator::DEFAULT_REGION.to_string())
                .clone();
            let emu = brock_emulator::Emulator::start(brock_emulator::EmulatorOptions {
                region,
                ..Default::default()
            })
            .await
            .map_err(|e| Error::Network(format!("cannot start the built-in emulator: {e}")))?;
            let url = emu.url();
            runtime = Some(url.clone());
            control = Some(url.clone());
            agent = Some(url);
            static_credentials = Some(Credentials::new(
                brock_emulator::DEFAULT_ACCESS_KEY,
                brock_emulator::DEFAULT_SECRET_KEY,
                None,
                None,
                "brock-mock",
            ));
            emulator = Some(emu);
        } else {
            let var = settings
                .bearer_token_env
                .as_deref()
                .unwrap_or("AWS_BEARER_TOKEN_BEDROCK");
            if let Some(token) = std::env::var(var).ok().filter(|t| !t.trim().is_empty()) {
                auth = Auth::Bearer(token.trim().to_string());
            } else if settings.bearer_token_env.is_some() {
                return Err(Error::Auth(format!(
                    "bearer_token_env names {var}, but that variable is not set: export {var}=<your Bedrock API key>"
                )));
            }
        }
        let region = match region {
            Some(r) => r,
            None => profile_region(settings.aws_profile.as_deref()).await.ok_or_else(|| {
                Error::Auth(
                    "no AWS region configured: pass --region, set AWS_REGION, add `region` to your brock config, \
                     or set a region in your AWS profile"
                        .into(),
                )
            })?,
        };
        validate_region(&region)?;
        let endpoint = |given: Option<String>, service: Service| -> Result<String> {
            let url = given.unwrap_or_else(|| {
                format!("https://{}.{region}.amazonaws.com", service.host_prefix())
            });
            let url = url.trim_end_matches('/').to_string();
            check_endpoint_url(&url, "the endpoint URL")?;
            Ok(url)
        };
        Ok(Client {
            inner: Arc::new(Inner {
                runtime_endpoint: endpoint(runtime, Service::Runtime)?,
                control_endpoint: endpoint(control, Service::Control)?,
                agent_endpoint: endpoint(agent, Service::AgentRuntime)?,
                region,
                auth,
                aws_profile: settings.aws_profile.clone(),
                role_arn: settings.role_arn.clone(),
                role_session_name: settings.role_session_name.clone(),
                external_id: settings.external_id.clone(),
                static_credentials,
                provider: OnceCell::new(),
                cached: Mutex::new(None),
                http: OnceCell::new(),
                plain_http: std::sync::OnceLock::new(),
                connect_timeout: settings.connect_timeout,
                read_timeout: settings.read_timeout,
                max_attempts: settings.max_attempts.max(1),
                retry_mode: settings.retry_mode,
                throttle_until: Mutex::new(None),
                extra_headers: settings
                    .headers
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                verbose: settings.verbose,
                _emulator: emulator,
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

    /// Send with retries on throttling, 5xx and connection failures. A non-2xx answer becomes
    /// `Error::Service` with AWS's code and message. The body is not read: streams stay live.
    pub async fn send(&self, req: &ApiRequest) -> Result<ApiResponse> {
        self.send_with(req, self.inner.max_attempts, false).await
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
        let mut attempt = 1;
        loop {
            self.wait_for_throttle_window().await;
            let started = Instant::now();
            let outcome = self.send_once(req, attempt).await;
            let outcome = match outcome {
                Ok(resp) if (200..300).contains(&resp.status) => Ok(resp),
                // Only statuses a retry may cure are read here; the last one is handed back.
                Ok(resp) if keep_errors && (attempt >= max || !retryable_status(resp.status)) => {
                    Ok(resp)
                }
                Ok(resp) => Err(resp.into_error().await),
                Err(e) => Err(e),
            };
            match outcome {
                Ok(resp) => {
                    self.log(1, || {
                        format!(
                            "<- {} in {} ms (attempt {attempt})",
                            resp.status,
                            started.elapsed().as_millis()
                        )
                    });
                    return Ok(resp);
                }
                Err(e) if e.is_retryable() && attempt < max => {
                    let delay = backoff(attempt);
                    if e.exit_code() == crate::error::exit::THROTTLED {
                        self.note_throttled(delay).await;
                    }
                    self.log(1, || {
                        format!(
                            "<- {e} (attempt {attempt}/{max}); retrying in {} ms",
                            delay.as_millis()
                        )
                    });
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                Err(e) => {
                    if attempt > 1 {
                        self.log(1, || format!("<- giving up after {attempt} attempts"));
                    }
                    return Err(e);
                }
            }
        }
    }

    async fn wait_for_throttle_window(&self) {
        if self.inner.retry_mode != RetryMode::Adaptive {
            return;
        }
        let until = *self.inner.throttle_until.lock().await;
        if let Some(t) = until {
            let now = Instant::now();
            if t > now {
                tokio::time::sleep(t - now).await;
            }
        }
    }

    /// Adaptive mode: after a throttle, every concurrent request of this client waits out the
    /// same back-off window instead of each hammering the service on its own schedule.
    async fn note_throttled(&self, delay: Duration) {
        if self.inner.retry_mode == RetryMode::Adaptive {
            let mut until = self.inner.throttle_until.lock().await;
            let t = Instant::now() + delay;
            if until.is_none_or(|u| u < t) {
                *until = Some(t);
            }
        }
    }

    async fn send_once(&self, req: &ApiRequest, attempt: u32) -> Result<ApiResponse> {
        let url = self.url(req);
        let uri: http::Uri = url
            .parse()
            .map_err(|e| Error::usage(format!("invalid request URL {}: {e}", clip(&url, 200))))?;
        let authority = uri
            .authority()
            .map(|a| a.as_str().to_string())
            .ok_or_else(|| {
                Error::usage(format!("invalid request URL {}: no host", clip(&url, 200)))
            })?;

        let mut builder = Request::builder()
            .method(req.method.clone())
            .uri(uri.clone());
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
            header_value(&format!(
                "attempt={attempt}; max={}",
                self.inner.max_attempts
            ))?,
        );
        for (k, v) in self.inner.extra_headers.iter().chain(req.headers.iter()) {
            let name = HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| Error::usage(format!("invalid header name {k:?}")))?;
            headers.insert(name, header_value(v)?);
        }
        let mut request = builder
            .body(Full::new(req.body.clone()))
            .map_err(|e| Error::usage(format!("cannot build the request: {e}")))?;

        // A request that brings its own Authorization (a proxy's API key) is neither signed nor
        // given the Bedrock credentials.
        let own_auth = req
            .headers
            .iter()
            .any(|(k, _)| k.eq_ignore_ascii_case("authorization"));
        match (&self.inner.auth, req.service) {
            _ if own_auth => {}
            (Auth::Bearer(token), Service::Runtime | Service::Control) => {
                request.headers_mut().insert(
                    http::header::AUTHORIZATION,
                    header_value(&format!("Bearer {token}"))?,
                );
            }
            (Auth::Bearer(_), Service::AgentRuntime) if self.inner.static_credentials.is_none() => {
                // The agents runtime rejects API keys; SigV4 credentials must come from the chain.
                let creds = self.credentials().await.map_err(|_| {
                    Error::Auth(
                        "the Bedrock Agents runtime does not accept Bedrock API keys (bearer tokens): \
                         configure AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, --aws-profile or SSO)"
                            .into(),
                    )
                })?;
                sign(&mut request, &creds, &self.inner.region, &req.body)?;
            }
            _ => {
                let creds = self.credentials().await?;
                sign(&mut request, &creds, &self.inner.region, &req.body)?;
            }
        }

        self.log(1, || format!("-> {} {url}", req.method));
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
                return Err(Error::Network(format!(
                    "no response from {authority} within {} s (read timeout); {READ_TIMEOUT_HINT}",
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
                && let Some(msg) = missing_profile(p)
            {
                return Error::Auth(msg);
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
        if self.inner.verbose >= level {
            diag(&msg());
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

fn retryable_status(status: u16) -> bool {
    status == 429 || status >= 500
}

/// Every setting that raises the read timeout, as the user would type it.
const READ_TIMEOUT_HINT: &str = "raise it with --read-timeout SECS, BROCK_READ_TIMEOUT, or `read` under [default.timeouts] in the config";

/// When `profile` is in neither AWS profile file, the message saying so (the SDK's own error
/// only lists the providers it tried).
fn missing_profile(profile: &str) -> Option<String> {
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
    let known = if names.is_empty() {
        "it has no profiles".to_string()
    } else {
        let hint = crate::config::did_you_mean(profile, names.iter().map(String::as_str))
            .map(|s| format!("did you mean '{s}'? "))
            .unwrap_or_default();
        format!("{hint}profiles there: {}", names.join(", "))
    };
    Some(format!(
        "AWS profile '{profile}' is not in ~/.aws/config or ~/.aws/credentials ({known}); \
         add it with `aws configure --profile {profile}` or pick another with --aws-profile"
    ))
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
        Err(Error::config(format!(
            "{region:?} is not an AWS region name (e.g. us-east-1)"
        )))
    }
}

fn sign(
    request: &mut Request<Full<Bytes>>,
    creds: &Credentials,
    region: &str,
    body: &[u8],
) -> Result<()> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    use aws_sigv4::sign::v4;

    let identity = creds.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("bedrock")
        .time(SystemTime::now())
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
        Error::usage(format!(
            "a header value ({} bytes) holds characters HTTP does not allow (control characters or line breaks)",
            v.len()
        ))
    })
}

/// Headers whose values are shown in clear: they describe the request or response and carry no
/// secret. Every other value is redacted, since a configured header may be anything (a proxy's
/// `Proxy-Authorization`, a `Cookie`, an `X-Apikey`).
const CLEAR_HEADERS: &[&str] = &[
    "accept",
    "accept-encoding",
    "anthropic-beta",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
    "connection",
    "content-encoding",
    "content-length",
    "content-type",
    "date",
    "host",
    "retry-after",
    "server",
    "transfer-encoding",
    "user-agent",
    "vary",
    "x-brock-emulator-scenario",
];

/// The one policy for showing a header (`-vv`, `--dry-run`, `raw -i`, `config show`): the
/// harmless ones in clear, `Authorization` as its scheme and key-id prefix, everything else
/// redacted.
pub fn redact_header(name: &str, value: &str) -> String {
    let n = name.to_ascii_lowercase();
    // x-amz-* and x-amzn-* (dates, content hashes, request ids, Bedrock's request options and
    // token counts) are metadata, except the session token and anything named like a secret.
    let amz_metadata = (n.starts_with("x-amz-") || n.starts_with("x-amzn-"))
        && ![
            "token",
            "secret",
            "credential",
            "signature",
            "key",
            "auth",
            "cookie",
        ]
        .iter()
        .any(|w| n.contains(w));
    if CLEAR_HEADERS.contains(&n.as_str()) || amz_metadata {
        return value.to_string();
    }
    if n == "authorization" {
        if let Some(rest) = value.strip_prefix("Bearer ") {
            return format!("Bearer {}", redact(rest));
        }
        // Keep the credential scope (access key id's first chars) but never the signature.
        return match value.split_once("Credential=") {
            Some((alg, rest)) => {
                let akid = rest.split('/').next().unwrap_or("");
                format!("{alg}Credential={}/… Signature=<redacted>", redact(akid))
            }
            None => "<redacted>".into(),
        };
    }
    if n == "x-amz-security-token" {
        return redact(value);
    }
    format!("<redacted, {} bytes>", value.len())
}

/// An endpoint URL brock can use: http(s), and no `user:password@`, which would be shown by
/// `-v`, `--dry-run` and errors, and sent in the Host header. The URL is not echoed when it
/// carries userinfo. `what` names where it came from (a flag, a config key, a variable).
pub fn check_endpoint_url(url: &str, what: &str) -> Result<()> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(Error::config(format!(
            "{what} {:?} must start with http:// or https://",
            clip(url, 200)
        )));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(Error::config(format!(
            "{what} holds a user name or password (user:pass@host), which brock would print and send; \
             remove it (use a header in [default.headers] for a proxy's credentials)"
        )));
    }
    Ok(())
}

fn redact(s: &str) -> String {
    let keep: String = s.chars().take(4).collect();
    format!("{keep}…<redacted>")
}

fn error_chain(e: &dyn std::error::Error) -> String {
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

/// Full-jitter exponential back-off as in the AWS SDKs' standard mode: random in
/// [0, min(20 s, base × 2^(attempt-1))]. The base is 1 s; BROCK_RETRY_BASE_MS lowers it for tests.
fn backoff(attempt: u32) -> Duration {
    let base_ms: f64 = std::env::var("BROCK_RETRY_BASE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000.0);
    let cap = (base_ms * 2f64.powi(attempt.saturating_sub(1) as i32)).min(20_000.0);
    Duration::from_millis((rand::random::<f64>() * cap) as u64)
}

/// Largest response body read whole. Bedrock's largest answers are generated images (a few
/// base64 PNGs, tens of MB); anything past this is not an answer.
pub const MAX_RESPONSE_BODY: usize = 256 * 1024 * 1024;
/// Largest error body read: AWS error bodies are a code and a message, and only a preview of
/// anything else is shown.
const MAX_ERROR_BODY: usize = 1024 * 1024;
/// Largest event-stream message accepted. aws-c-event-stream (the AWS reference
/// implementation, `AWS_EVENT_STREAM_MAX_MESSAGE_SIZE` in include/aws/event-stream/
/// event_stream.h) caps a message at 16 MiB; later releases raised it to 24 MiB, which is taken
/// here so nothing the reference implementation accepts is refused.
pub const MAX_FRAME: usize = 24 * 1024 * 1024;

/// A response whose body has not been read yet.
pub struct ApiResponse {
    pub status: u16,
    pub headers: HeaderMap,
    body: Incoming,
    read_timeout: Duration,
}

impl ApiResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn is_event_stream(&self) -> bool {
        self.header("content-type")
            .is_some_and(|c| c.starts_with("application/vnd.amazon.eventstream"))
    }

    /// Read the whole body, still honouring the read timeout between chunks, up to
    /// [`MAX_RESPONSE_BODY`].
    pub async fn bytes(self) -> Result<Bytes> {
        self.bytes_capped(MAX_RESPONSE_BODY).await
    }

    /// Read the whole body, refusing one longer than `cap` (declared or actual): a hostile or
    /// broken endpoint must not make brock buffer without end.
    async fn bytes_capped(mut self, cap: usize) -> Result<Bytes> {
        let too_long = || {
            Error::Protocol(format!(
                "the response body is larger than {} MiB; stopped reading it (is the endpoint really Bedrock?)",
                cap / (1024 * 1024)
            ))
        };
        let declared = self
            .header("content-length")
            .and_then(|l| l.trim().parse::<u64>().ok());
        if declared.is_some_and(|l| l > cap as u64) {
            return Err(too_long());
        }
        let mut out = BytesMut::new();
        while let Some(chunk) = next_chunk(&mut self.body, self.read_timeout).await? {
            if out.len() + chunk.len() > cap {
                return Err(too_long());
            }
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }

    pub async fn json(self) -> Result<serde_json::Value> {
        let bytes = self.bytes().await?;
        serde_json::from_slice(&bytes).map_err(|e| {
            Error::Protocol(format!(
                "the service answered with invalid JSON ({e}): {}",
                preview(&bytes)
            ))
        })
    }

    /// Read the next raw body chunk (for byte-exact passthrough).
    pub async fn chunk(&mut self) -> Result<Option<Bytes>> {
        next_chunk(&mut self.body, self.read_timeout).await
    }

    pub fn events(self) -> EventStream {
        EventStream {
            chunks: pump_body(self.body, self.read_timeout),
            buf: BytesMut::new(),
            decoder: MessageFrameDecoder::new(),
            prelude_checked: false,
            done: false,
        }
    }

    /// Turn a non-2xx answer into a service error with AWS's code and message.
    pub async fn into_error(self) -> Error {
        let status = self.status;
        let header_code = self
            .header("x-amzn-errortype")
            .map(|t| t.split(':').next().unwrap_or(t).to_string());
        let request_id = self.header("x-amzn-requestid").map(str::to_string);
        let body = match self.bytes_capped(MAX_ERROR_BODY).await {
            Ok(b) => b,
            Err(e) => return e,
        };
        parse_error_body(status, header_code, request_id, &body)
    }
}

pub fn parse_error_body(
    status: u16,
    header_code: Option<String>,
    request_id: Option<String>,
    body: &[u8],
) -> Error {
    let json: Option<serde_json::Value> = serde_json::from_slice(body).ok();
    let field = |names: &[&str]| -> Option<String> {
        let obj = json.as_ref()?.as_object()?;
        names
            .iter()
            .find_map(|n| obj.get(*n).and_then(|v| v.as_str()).map(str::to_string))
    };
    let xml = |tag: &str| -> Option<String> {
        let text = std::str::from_utf8(body).ok()?;
        let start = text.find(&format!("<{tag}>"))? + tag.len() + 2;
        let end = text[start..].find(&format!("</{tag}>"))? + start;
        Some(text[start..end].to_string())
    };
    let code = header_code
        .filter(|c| !c.is_empty())
        .or_else(|| {
            field(&["__type", "code", "Code"])
                .map(|t| t.rsplit('#').next().unwrap_or(&t).to_string())
        })
        .or_else(|| xml("Code"))
        .unwrap_or_else(|| match status {
            400 => "BadRequest".into(),
            401 | 403 => "AccessDeniedException".into(),
            404 => "NotFound".into(),
            429 => "ThrottlingException".into(),
            s if s >= 500 => "InternalServerException".into(),
            s => format!("HTTP{s}"),
        });
    let message = field(&["message", "Message", "errorMessage"])
        .or_else(|| xml("Message"))
        .unwrap_or_else(|| {
            if body.is_empty() {
                format!("HTTP {status} with an empty body")
            } else {
                preview(body)
            }
        });
    // An error is one line someone reads: a hostile endpoint's megabyte message is cut short.
    let message = clip(&message, 4000).into_owned();
    let code = clip(&code, 200).into_owned();
    Error::Service {
        status,
        code,
        message,
        request_id,
    }
}

fn preview(bytes: &[u8]) -> String {
    let s = String::from_utf8_lossy(bytes);
    let s: String = s.chars().take(300).collect();
    s.replace('\n', " ")
}

async fn next_chunk(body: &mut Incoming, read_timeout: Duration) -> Result<Option<Bytes>> {
    loop {
        let frame = match tokio::time::timeout(read_timeout, body.frame()).await {
            Err(_) => {
                return Err(Error::Network(format!(
                    "the service stopped sending for {} s (read timeout); {READ_TIMEOUT_HINT}",
                    read_timeout.as_secs_f64()
                )));
            }
            Ok(None) => return Ok(None),
            Ok(Some(Err(e))) => {
                return Err(Error::Network(format!(
                    "connection lost while reading the response: {}",
                    error_chain(&e)
                )));
            }
            Ok(Some(Ok(f))) => f,
        };
        if let Ok(data) = frame.into_data()
            && !data.is_empty()
        {
            return Ok(Some(data));
        }
    }
}

/// One decoded event-stream message.
#[derive(Debug, Clone)]
pub struct Event {
    /// `event`, `exception` or `error`.
    pub message_type: String,
    /// `:event-type` for events, `:exception-type` for exceptions, `:error-code` for errors.
    pub event_type: String,
    pub payload: Bytes,
    /// Kept as decoded: turning every header into owned strings cost a handful of allocations
    /// per streamed token, and only `raw` and error frames look at them.
    frame: Message,
}

impl Event {
    pub fn from_message(m: Message) -> Event {
        let get = |name: &str| -> Option<&str> {
            m.headers()
                .iter()
                .find(|h| h.name().as_str() == name)
                .and_then(|h| h.value().as_string().ok().map(|s| s.as_str()))
        };
        let message_type = get(":message-type").unwrap_or("event");
        let event_type = match message_type {
            "exception" => get(":exception-type"),
            "error" => get(":error-code"),
            _ => get(":event-type"),
        }
        .unwrap_or_default();
        let (message_type, event_type) = (message_type.to_string(), event_type.to_string());
        let payload = m.payload().clone();
        Event {
            message_type,
            event_type,
            payload,
            frame: m,
        }
    }

    /// Every header, in frame order, with its value as text.
    pub fn headers(&self) -> Vec<(String, String)> {
        self.frame
            .headers()
            .iter()
            .map(|h| (h.name().as_str().to_string(), header_text(h.value())))
            .collect()
    }

    /// The service error an `exception` or `error` message carries.
    pub fn to_error(&self) -> Option<Error> {
        match self.message_type.as_str() {
            "exception" => {
                let message = serde_json::from_slice::<serde_json::Value>(&self.payload)
                    .ok()
                    .and_then(|v| {
                        v.get("message")
                            .or_else(|| v.get("Message"))
                            .and_then(|m| m.as_str())
                            .map(str::to_string)
                    })
                    .unwrap_or_else(|| String::from_utf8_lossy(&self.payload).into_owned());
                Some(Error::Service {
                    status: 0,
                    code: upper_first(&self.event_type),
                    message,
                    request_id: None,
                })
            }
            "error" => {
                let message = self
                    .frame
                    .headers()
                    .iter()
                    .find(|h| h.name().as_str() == ":error-message")
                    .map(|h| header_text(h.value()))
                    .unwrap_or_default();
                Some(Error::Service {
                    status: 0,
                    code: upper_first(&self.event_type),
                    message,
                    request_id: None,
                })
            }
            _ => None,
        }
    }
}

fn header_text(v: &HeaderValue) -> String {
    match v {
        HeaderValue::String(s) => s.as_str().to_string(),
        HeaderValue::Bool(b) => b.to_string(),
        HeaderValue::Byte(n) => n.to_string(),
        HeaderValue::Int16(n) => n.to_string(),
        HeaderValue::Int32(n) => n.to_string(),
        HeaderValue::Int64(n) => n.to_string(),
        HeaderValue::ByteArray(b) => format!("<{} bytes>", b.len()),
        HeaderValue::Timestamp(t) => format!("{t:?}"),
        HeaderValue::Uuid(u) => format!("{u:032x}"),
        _ => "<unknown>".into(),
    }
}

/// Stream exception types arrive camelCase (`modelStreamErrorException`); the error codes users
/// know (and our exit-code mapping) are PascalCase.
fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Checks the 12-byte prelude at the front of `buf` (total length, headers length, CRC of the
/// eight bytes before it) before the decoder waits for the rest of the frame: a corrupt or
/// hostile length would otherwise be buffered in full before its CRC was looked at.
fn check_prelude(buf: &[u8]) -> Result<()> {
    if buf.len() < 12 {
        return Ok(());
    }
    let word = |i: usize| u32::from_be_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]]);
    let (total, headers, crc) = (word(0) as usize, word(4) as usize, word(8));
    if crc32fast::hash(&buf[..8]) != crc {
        return Err(Error::Protocol(
            "malformed event-stream frame from the service: the prelude checksum does not match"
                .into(),
        ));
    }
    // 12 bytes of prelude, 4 of message CRC.
    if !(16..=MAX_FRAME).contains(&total) || headers > total - 16 {
        return Err(Error::Protocol(format!(
            "malformed event-stream frame from the service: it declares {total} bytes \
             (headers {headers}); the limit is {} MiB",
            MAX_FRAME / (1024 * 1024)
        )));
    }
    Ok(())
}

/// One complete message from the front of `buf`, or `None` when more bytes are needed.
/// `prelude_checked` tracks whether the frame now at the front has had its prelude checked.
fn decode_one(
    decoder: &mut MessageFrameDecoder,
    buf: &mut BytesMut,
    prelude_checked: &mut bool,
) -> Result<Option<Event>> {
    if !*prelude_checked {
        if buf.len() < 12 {
            return Ok(None);
        }
        check_prelude(buf)?;
        *prelude_checked = true;
    }
    let decoded = decoder.decode_frame(&mut *buf);
    if matches!(decoded, Ok(DecodedFrame::Complete(_)) | Err(_)) {
        *prelude_checked = false;
    }
    match decoded {
        Ok(DecodedFrame::Complete(m)) => Ok(Some(Event::from_message(m))),
        Ok(DecodedFrame::Incomplete) => Ok(None),
        Err(e) => Err(Error::Protocol(format!(
            "malformed event-stream frame from the service: {e}"
        ))),
    }
}

/// `mid_frame`: a frame's prelude was already taken by the decoder, so even an empty buffer
/// means the stream stopped inside that frame.
fn end_of_stream(buf: &BytesMut, mid_frame: bool) -> Result<()> {
    if buf.has_remaining() || mid_frame {
        return Err(Error::Protocol(format!(
            "the event stream ended in the middle of a frame ({} bytes left over)",
            buf.len() + if mid_frame { 12 } else { 0 }
        )));
    }
    Ok(())
}

/// Decodes an event-stream body already in memory, arriving in `chunks`, exactly as
/// [`EventStream::next_raw`] decodes a live one: the messages before the first error, and that
/// error. Exists so the decoder can be fuzzed without a connection.
pub fn decode_event_stream<'a>(
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> (Vec<Event>, Option<Error>) {
    let mut decoder = MessageFrameDecoder::new();
    let mut buf = BytesMut::new();
    let mut checked = false;
    let mut events = Vec::new();
    for chunk in chunks {
        buf.extend_from_slice(chunk);
        loop {
            match decode_one(&mut decoder, &mut buf, &mut checked) {
                Ok(Some(ev)) => events.push(ev),
                Ok(None) => break,
                Err(e) => return (events, Some(e)),
            }
        }
    }
    (events, end_of_stream(&buf, checked).err())
}

/// Frames of an `application/vnd.amazon.eventstream` body, decoded as they arrive.
pub struct EventStream {
    chunks: tokio::sync::mpsc::Receiver<Result<Option<Bytes>>>,
    buf: BytesMut,
    decoder: MessageFrameDecoder,
    /// The prelude of the frame at the front of `buf` has been checked.
    prelude_checked: bool,
    done: bool,
}

/// Larger than any event; past it the reader is slow and the connection is left to push back.
const PUMP_MAX_PENDING: usize = 1 << 20;

/// Reads a streamed body on its own task and hands it over in batches. hyper delivers one
/// frame per HTTP chunk (one per event) through a one-slot channel, so a reader on another
/// thread paid two cross-thread wake-ups per event; this task runs beside the connection task,
/// gathers frames while the reader is busy, and wakes it once per batch.
fn pump_body(
    mut body: Incoming,
    read_timeout: Duration,
) -> tokio::sync::mpsc::Receiver<Result<Option<Bytes>>> {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        let mut pending = BytesMut::new();
        loop {
            let got = if pending.is_empty() {
                tokio::select! {
                    _ = tx.closed() => return,
                    r = next_chunk(&mut body, read_timeout) => r,
                }
            } else if pending.len() >= PUMP_MAX_PENDING {
                if tx.send(Ok(Some(pending.split().freeze()))).await.is_err() {
                    return;
                }
                continue;
            } else {
                // Both are cancel-safe: a frame not yet read stays in the body.
                tokio::select! {
                    biased;
                    permit = tx.reserve() => match permit {
                        Ok(p) => {
                            p.send(Ok(Some(pending.split().freeze())));
                            continue;
                        }
                        Err(_) => return,
                    },
                    r = next_chunk(&mut body, read_timeout) => r,
                }
            };
            match got {
                Ok(Some(chunk)) => pending.extend_from_slice(&chunk),
                end => {
                    if !pending.is_empty()
                        && tx.send(Ok(Some(pending.split().freeze()))).await.is_err()
                    {
                        return;
                    }
                    let _ = tx.send(end).await;
                    return;
                }
            }
        }
    });
    rx
}

impl EventStream {
    /// The next message, whatever its type (for `raw`). `None` at a clean end of stream.
    pub async fn next_raw(&mut self) -> Result<Option<Event>> {
        loop {
            if self.done {
                return Ok(None);
            }
            match decode_one(&mut self.decoder, &mut self.buf, &mut self.prelude_checked) {
                Ok(Some(ev)) => return Ok(Some(ev)),
                Ok(None) => {}
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
            let next = match self.chunks.try_recv() {
                Ok(next) => next,
                Err(_) => {
                    // Everything received is decoded: what the renderer holds goes out before
                    // we wait.
                    crate::render::stream::flush_pending_stdout();
                    self.chunks.recv().await.unwrap_or_else(|| {
                        Err(Error::Network(
                            "connection lost while reading the response".into(),
                        ))
                    })
                }
            };
            match next {
                Ok(Some(chunk)) => self.buf.extend_from_slice(&chunk),
                Ok(None) => {
                    self.done = true;
                    return end_of_stream(&self.buf, self.prelude_checked).map(|()| None);
                }
                Err(e) => {
                    self.done = true;
                    return Err(e);
                }
            }
        }
    }

    /// The next `event` message; exceptions and errors become `Err`.
    pub async fn next(&mut self) -> Result<Option<Event>> {
        match self.next_raw().await? {
            Some(ev) => match ev.to_error() {
                Some(err) => {
                    self.done = true;
                    Err(err)
                }
                None => Ok(Some(ev)),
            },
            None => Ok(None),
        }
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
    fn secrets_are_redacted() {
        let auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abcdef0123";
        let shown = redact_header("Authorization", auth);
        assert!(!shown.contains("abcdef0123"), "{shown}");
        assert!(!shown.contains("AKIDEXAMPLE"), "{shown}");
        let shown = redact_header("authorization", "Bearer ABSKsecretsecret");
        assert!(!shown.contains("secretsecret"), "{shown}");
        assert!(!redact_header("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE").contains("EXAMPLE"));
    }

    #[test]
    fn error_bodies_keep_aws_code_and_message() {
        let e = parse_error_body(
            400,
            Some("ValidationException".into()),
            None,
            br#"{"message":"The provided model identifier is invalid."}"#,
        );
        assert_eq!(
            e.to_string(),
            "ValidationException: The provided model identifier is invalid."
        );
        assert_eq!(e.exit_code(), 1);
        let e = parse_error_body(429, None, None, b"");
        assert_eq!(e.exit_code(), 4);
        let e = parse_error_body(
            403,
            None,
            None,
            b"<ErrorResponse><Error><Code>AccessDenied</Code><Message>nope</Message></Error></ErrorResponse>",
        );
        assert_eq!(e.to_string(), "AccessDenied: nope");
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

    #[test]
    fn backoff_is_bounded() {
        for attempt in 1..10 {
            assert!(backoff(attempt) <= Duration::from_secs(20));
        }
    }
}

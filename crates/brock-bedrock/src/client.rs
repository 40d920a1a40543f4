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
use crate::retry::{RetryMode, backoff, retryable_status};
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
        let endpoint = |given: Option<String>, service: Service| -> Result<String> {
            let url = given.unwrap_or_else(|| crate::endpoint::default_url(service, &region));
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
                throttle_until: Mutex::new(None),
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
                    let delay = backoff(self.inner.retry_base, attempt);
                    if e.is_throttling() {
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
        let uri: http::Uri = url.parse().map_err(|e| {
            Error::InvalidRequest(format!("invalid request URL {}: {e}", clip(&url, 200)))
        })?;
        let authority = uri
            .authority()
            .map(|a| a.as_str().to_string())
            .ok_or_else(|| {
                Error::InvalidRequest(format!("invalid request URL {}: no host", clip(&url, 200)))
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
                .map_err(|_| Error::InvalidRequest(format!("invalid header name {k:?}")))?;
            headers.insert(name, header_value(v)?);
        }
        let mut request = builder
            .body(Full::new(req.body.clone()))
            .map_err(|e| Error::InvalidRequest(format!("cannot build the request: {e}")))?;

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

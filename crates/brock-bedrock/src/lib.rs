//! The transport to Amazon Bedrock: credentials (the aws-config chain, assume-role, Bedrock API
//! keys), endpoints, SigV4 signing (aws-sigv4), retries with back-off, timeouts, service errors
//! and event-stream decoding (aws-smithy-eventstream).
//!
//! It knows nothing of terminals, command lines or translation: callers hand it a
//! [`ClientConfig`] and [`ApiRequest`]s with the exact wire body, and get [`ApiResponse`]s and
//! [`Error`]s back. Sending the Bedrock JSON ourselves rather than through the typed SDK
//! clients keeps the body byte-exact: `--dry-run` shows what is really sent, `raw` shares the
//! same signed transport, and fields newer than the SDK's model (or unknown content blocks that
//! must be handed back unchanged) survive a round trip.

mod client;
pub mod endpoint;
mod error;
mod eventstream;
pub mod profile;
mod redact;
mod response;
pub mod retry;
mod text;

use std::sync::Arc;
use std::time::Duration;

pub use aws_credential_types::Credentials;
pub use client::{ApiRequest, Client, GiveUp, Retries, RetryDecision, Service, path_segment};
pub use error::{Error, Result};
pub use eventstream::{Event, EventStream, FrameDecoder, decode_event_stream};
pub use redact::{check_endpoint_url, redact_header};
pub use response::{ApiResponse, MAX_FRAME, MAX_RESPONSE_BODY, parse_error_body};
pub use retry::RetryMode;
pub use text::clip;

/// Receives one diagnostic line (`-v` request and response traces).
pub type LogHook = Arc<dyn Fn(&str) + Send + Sync>;
/// Called when a stream reader has decoded everything received and is about to wait for the
/// network: the moment to flush whatever output it buffered.
pub type WaitHook = Arc<dyn Fn() + Send + Sync>;

/// Endpoint URLs that replace the public ones (a proxy, a VPC endpoint, an emulator).
#[derive(Debug, Clone, Default)]
pub struct Endpoints {
    pub runtime: Option<String>,
    pub control: Option<String>,
    pub agent_runtime: Option<String>,
}

/// Everything a [`Client`] is built from.
pub struct ClientConfig {
    /// None: the region of the AWS profile, else an error.
    pub region: Option<String>,
    pub endpoints: Endpoints,
    /// FIPS / dual-stack public endpoints (refused together with a configured endpoint URL).
    pub endpoint_variants: endpoint::Variants,
    /// A Bedrock API key: runtime and control-plane requests carry it as `Authorization:
    /// Bearer` instead of a SigV4 signature.
    pub bearer_token: Option<String>,
    /// Fixed keys instead of the aws-config credential chain.
    pub static_credentials: Option<Credentials>,
    pub aws_profile: Option<String>,
    pub role_arn: Option<String>,
    pub role_session_name: Option<String>,
    pub external_id: Option<String>,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// None: the retry mode's default.
    pub max_attempts: Option<u32>,
    pub retry_mode: RetryMode,
    /// The first retry's back-off ceiling (the SDKs use one second).
    pub retry_base: Duration,
    /// Headers added to every request.
    pub headers: Vec<(String, String)>,
    /// 1: one line per request and answer; 2: headers (secrets redacted); 3: bodies.
    pub verbose: u8,
    pub log: Option<LogHook>,
    pub on_wait: Option<WaitHook>,
    /// Kept alive as long as the client (an in-process endpoint it talks to).
    pub keep_alive: Option<Box<dyn std::any::Any + Send + Sync>>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            region: None,
            endpoints: Endpoints::default(),
            endpoint_variants: endpoint::Variants::default(),
            bearer_token: None,
            static_credentials: None,
            aws_profile: None,
            role_arn: None,
            role_session_name: None,
            external_id: None,
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(300),
            max_attempts: None,
            retry_mode: RetryMode::Standard,
            retry_base: Duration::from_secs(1),
            headers: Vec::new(),
            verbose: 0,
            log: None,
            on_wait: None,
            keep_alive: None,
        }
    }
}

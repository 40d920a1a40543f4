//! The built-in Bedrock emulator: a strict, deterministic stand-in for bedrock-runtime, the
//! bedrock control plane, bedrock-agent-runtime and STS, speaking the real wire protocol.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The example key pair from the AWS SigV4 documentation.
pub const DEFAULT_ACCESS_KEY: &str = "AKIDEXAMPLE";
pub const DEFAULT_SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Debug, Clone)]
pub struct EmulatorOptions {
    pub listen: SocketAddr,
    pub latency: Duration,
    pub tokens_per_second: f64,
    pub access_key: String,
    pub secret_key: String,
    pub bearer_tokens: Vec<String>,
    pub replay: Vec<PathBuf>,
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
        }
    }
}

/// A running emulator on the current tokio runtime.
pub struct Emulator {
    addr: SocketAddr,
}

impl Emulator {
    pub async fn start(_opts: EmulatorOptions) -> std::io::Result<Emulator> {
        Err(std::io::Error::other("emulator not built yet"))
    }
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

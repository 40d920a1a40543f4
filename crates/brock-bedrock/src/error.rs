//! What can go wrong in the transport. The front end words hints and chooses exit codes (or
//! HTTP statuses); this crate only says what happened.

/// An error from building, signing, sending or reading a request.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting the transport cannot use (a region name, an endpoint URL).
    #[error("{0}")]
    Config(String),
    /// A request that cannot be built (a header name or value, a URL).
    #[error("{0}")]
    InvalidRequest(String),
    /// Credentials missing or unusable on our side, before a request went out.
    #[error("{0}")]
    Auth(String),
    /// The named AWS profile is in neither AWS profile file. `known` lists the profiles that
    /// are there, so the front end can suggest one.
    #[error("AWS profile '{profile}' is not in ~/.aws/config or ~/.aws/credentials")]
    ProfileNotFound { profile: String, known: Vec<String> },
    /// An error answer from the service, with AWS's own code and message.
    #[error("{code}: {message}")]
    Service {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },
    /// Connection refused or reset, DNS, TLS.
    #[error("{0}")]
    Network(String),
    /// No answer, or no more of one, within the read timeout.
    #[error("{0}")]
    Timeout(String),
    /// A response that could not be decoded (a bad frame, a body too large, invalid JSON).
    #[error("{0}")]
    Protocol(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The service asked us to slow down.
    pub fn is_throttling(&self) -> bool {
        matches!(
            crate::retry::classify(crate::RetryMode::Standard, self),
            Some(crate::retry::ErrorKind::Throttling)
        )
    }

    /// A retry may cure it (the standard retry mode's classification): throttling, a
    /// transient service error, a dropped connection.
    pub fn is_retryable(&self) -> bool {
        crate::retry::classify(crate::RetryMode::Standard, self).is_some()
    }
}

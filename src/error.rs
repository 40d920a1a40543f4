//! One error type for the whole program and its one mapping to exit codes.
//!
//! Service errors keep the AWS error code and message verbatim, because that is what users paste
//! into a search engine; a hint line is derived from the code where we know the usual fix.

use std::fmt;

/// Stable exit codes; documented in the README and the man page.
pub mod exit {
    pub const OK: u8 = 0;
    pub const SERVICE: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const AUTH: u8 = 3;
    pub const THROTTLED: u8 = 4;
    pub const NETWORK: u8 = 5;
    /// `brock guardrail apply --fail-on-intervention`: the call succeeded and the guardrail
    /// intervened.
    pub const INTERVENED: u8 = 6;
    /// A flow stopped to ask for more input and there was no terminal to ask on.
    pub const INPUT_REQUIRED: u8 = 7;
    pub const INTERRUPTED: u8 = 130;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags, bad input files, bad prompt: refused before anything is sent.
    #[error("{0}")]
    Usage(String),
    /// A config file or setting that cannot be used.
    #[error("{0}")]
    Config(String),
    /// Credentials or region missing or unusable on our side (before a request).
    #[error("{0}")]
    Auth(String),
    /// An error answer from the service, with AWS's own code and message (on one line: a
    /// model provider's message may span several, and an error is one line).
    #[error("{code}: {}", one_line(message))]
    Service {
        status: u16,
        code: String,
        message: String,
        request_id: Option<String>,
    },
    /// Connection refused, reset, DNS, TLS, timeouts.
    #[error("{0}")]
    Network(String),
    /// A response we could not decode (bad frame, CRC mismatch, truncated JSON).
    #[error("{0}")]
    Protocol(String),
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// The reader of stdout went away (`brock … | head`): it got what it wanted, so `main`
    /// ends quietly with success instead of reporting an error.
    #[error("stdout was closed by its reader")]
    BrokenPipe,
    /// A guardrail intervened and the user asked for that to fail the command.
    #[error("{0}")]
    Intervened(String),
    /// A flow is waiting for input that could not be asked for here (how to continue).
    #[error("{0}")]
    InputRequired(String),
    /// Local I/O (files we were asked to read or write).
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn usage(msg: impl fmt::Display) -> Self {
        Error::Usage(msg.to_string())
    }
    pub fn config(msg: impl fmt::Display) -> Self {
        Error::Config(msg.to_string())
    }
    pub fn io(context: impl fmt::Display, source: std::io::Error) -> Self {
        Error::Io {
            context: context.to_string(),
            source,
        }
    }

    /// A failed write of the answer: a closed stdout is [`Error::BrokenPipe`], not a failure.
    pub fn stdout(source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            Error::BrokenPipe
        } else {
            Error::io("cannot write to stdout", source)
        }
    }

    pub fn service(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Service {
            status,
            code: code.into(),
            message: message.into(),
            request_id: None,
        }
    }

    /// True for errors a retry may cure (throttling, transient codes and statuses, dropped
    /// connections), by the transport's classification (the standard retry mode's).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Service { status, code, .. } => brock_bedrock::retry::classify_service(
                brock_bedrock::RetryMode::Standard,
                *status,
                code,
            )
            .is_some(),
            Error::Network(_) => true,
            _ => false,
        }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::Config(_) => exit::USAGE,
            Error::Auth(_) => exit::AUTH,
            Error::Service { status, code, .. } => {
                if brock_bedrock::retry::is_limit_error(*status, code) {
                    exit::THROTTLED
                } else if is_auth_code(code) {
                    exit::AUTH
                } else {
                    exit::SERVICE
                }
            }
            Error::Network(_) => exit::NETWORK,
            Error::Protocol(_) => exit::SERVICE,
            Error::Interrupted => exit::INTERRUPTED,
            Error::BrokenPipe => exit::OK,
            Error::Intervened(_) => exit::INTERVENED,
            Error::InputRequired(_) => exit::INPUT_REQUIRED,
            Error::Io { .. } => exit::USAGE,
        }
    }

    /// The one-line advice printed under the error, where we know the usual fix.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::Service { code, message, .. } => service_hint(code, message),
            Error::Network(_) => Some(
                "check the endpoint URL and your network; raise timeouts with --read-timeout or `read_timeout` in config".into(),
            ),
            _ => None,
        }
    }
}

/// Line breaks folded into single spaces, so the text fits the one `brock: error:` line.
fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\r']) {
        s.split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .into()
    } else {
        s.into()
    }
}

pub use brock_bedrock::retry::is_throttling_code;

fn is_auth_code(code: &str) -> bool {
    matches!(
        code,
        "AccessDeniedException"
            // S3's code for the same refusal (`brock batch`, `brock async`).
            | "AccessDenied"
            | "UnrecognizedClientException"
            | "InvalidSignatureException"
            | "IncompleteSignatureException"
            | "MissingAuthenticationTokenException"
            | "ExpiredTokenException"
            | "InvalidClientTokenId"
            | "SignatureDoesNotMatch"
            | "UnauthorizedException"
    )
}

fn service_hint(code: &str, message: &str) -> Option<String> {
    let m = message.to_ascii_lowercase();
    let hint = match code {
        "AccessDeniedException" if m.contains("model") => {
            "enable access to this model in the Bedrock console (Model access) for this region, or check the IAM policy allows bedrock:InvokeModel"
        }
        "AccessDeniedException" => {
            "check the IAM policy of these credentials allows this Bedrock action"
        }
        "UnrecognizedClientException" | "InvalidClientTokenId" => {
            "the access key is not valid: check AWS_ACCESS_KEY_ID / --aws-profile, or refresh your SSO login (aws sso login)"
        }
        "InvalidSignatureException" | "SignatureDoesNotMatch" => {
            "the secret key does not match the access key, or the clock is wrong: check your credentials and system time"
        }
        "ExpiredTokenException" => {
            "the session token has expired: refresh your credentials (e.g. aws sso login)"
        }
        "ValidationException" if m.contains("on-demand throughput") => {
            "use an inference profile id instead, e.g. us.<model-id> (see `brock models --profiles`)"
        }
        "ValidationException" if m.contains("model identifier is invalid") => {
            "check the model id and region; `brock models` lists what this region offers"
        }
        "ResourceNotFoundException" => {
            "check the id and the region (--region); `brock models` lists what this region offers"
        }
        c if brock_bedrock::retry::is_limit_error(0, c) => {
            "you are being throttled: retry later, raise `retries.max_attempts`, use a cross-region inference profile, or request a quota increase"
        }
        "ServiceUnavailableException" | "InternalServerException" => {
            "the service is having trouble: retry in a moment"
        }
        "ModelTimeoutException" => "the model took too long: shorten the input or lower max tokens",
        "ModelNotReadyException" => "the model is being loaded: retry in a minute",
        _ => return None,
    };
    Some(hint.to_string())
}

/// Every setting that raises the read timeout, as the user would type it.
pub const READ_TIMEOUT_HINT: &str = "raise it with --read-timeout SECS, BROCK_READ_TIMEOUT, or `read` under [default.timeouts] in the config";

/// The transport's errors in the program's terms: the same kinds, the hints a user needs.
impl From<brock_bedrock::Error> for Error {
    fn from(e: brock_bedrock::Error) -> Self {
        use brock_bedrock::Error as T;
        match e {
            T::Config(m) => Error::Config(m),
            T::InvalidRequest(m) => Error::Usage(m),
            T::Auth(m) => Error::Auth(m),
            T::ProfileNotFound { profile, known } => {
                let known = if known.is_empty() {
                    "it has no profiles".to_string()
                } else {
                    let hint =
                        crate::config::did_you_mean(&profile, known.iter().map(String::as_str))
                            .map(|s| format!("did you mean '{s}'? "))
                            .unwrap_or_default();
                    format!("{hint}profiles there: {}", known.join(", "))
                };
                Error::Auth(format!(
                    "AWS profile '{profile}' is not in ~/.aws/config or ~/.aws/credentials ({known}); \
                     add it with `aws configure --profile {profile}` or pick another with --aws-profile"
                ))
            }
            T::Service {
                status,
                code,
                message,
                request_id,
            } => Error::Service {
                status,
                code,
                message,
                request_id,
            },
            T::Network(m) => Error::Network(m),
            T::Timeout(m) => Error::Network(format!("{m}; {READ_TIMEOUT_HINT}")),
            T::Protocol(m) => Error::Protocol(m),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io {
            context: "I/O error".into(),
            source: e,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_messages_are_shown_on_one_line() {
        let e = Error::service(
            400,
            "ValidationException",
            "messages.1: bad\r\n  content:\n\nfield required",
        );
        assert_eq!(
            e.to_string(),
            "ValidationException: messages.1: bad content: field required"
        );
        let e = Error::service(429, "ThrottlingException", "Too many requests.");
        assert_eq!(e.to_string(), "ThrottlingException: Too many requests.");
    }
}

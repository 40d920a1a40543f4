//! When to retry and how long to wait.

use std::time::Duration;

/// How failed requests are retried, as the AWS SDKs' `retry_mode` setting names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryMode {
    /// Exponential back-off with full jitter on throttling and transient errors.
    Standard,
    /// Standard, plus every request of a client waits out a throttle another one met.
    Adaptive,
    /// The older SDKs' behaviour (botocore's `legacy`): the same back-off, and by default
    /// five attempts instead of three.
    Legacy,
}

impl RetryMode {
    /// The attempt limit when none is configured (botocore: legacy 5, standard/adaptive 3).
    pub fn default_max_attempts(self) -> u32 {
        match self {
            RetryMode::Legacy => 5,
            RetryMode::Standard | RetryMode::Adaptive => 3,
        }
    }
}

pub fn is_throttling_code(code: &str) -> bool {
    matches!(
        code,
        "ThrottlingException"
            | "Throttling"
            | "TooManyRequestsException"
            | "ServiceQuotaExceededException"
            | "RequestLimitExceeded"
    )
}

pub fn is_transient_code(code: &str) -> bool {
    matches!(
        code,
        "ServiceUnavailableException"
            | "InternalServerException"
            | "ModelNotReadyException"
            | "RequestTimeout"
            | "RequestTimeoutException"
    )
}

pub fn is_transient_status(status: u16) -> bool {
    status >= 500
}

/// Statuses a retry may cure; the body of any other answer is read as the final error.
pub(crate) fn retryable_status(status: u16) -> bool {
    status == 429 || is_transient_status(status)
}

/// Full-jitter exponential back-off as in the AWS SDKs' standard mode: random in
/// [0, min(20 s, base × 2^(attempt-1))].
pub(crate) fn backoff(base: Duration, attempt: u32) -> Duration {
    let base_ms = base.as_secs_f64() * 1000.0;
    let cap = (base_ms * 2f64.powi(attempt.saturating_sub(1) as i32)).min(20_000.0);
    Duration::from_millis((rand::random::<f64>() * cap) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded() {
        for attempt in 1..10 {
            assert!(backoff(Duration::from_secs(1), attempt) <= Duration::from_secs(20));
        }
    }
}

//! When to retry, how long to wait, and how many retries a client may spend: the AWS SDKs'
//! retry behaviour, from their own lists where the crates publish them.

use std::sync::Mutex;
use std::time::Duration;

use http::HeaderMap;

use crate::error::Error;

/// How failed requests are retried, as the AWS SDKs' `retry_mode` setting names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RetryMode {
    /// The SDKs' standard mode: throttling and transient errors, exponential back-off with
    /// full jitter, and a retry quota ([`RetryQuota`]).
    Standard,
    /// Standard, plus every request of a client waits out a throttle another one met.
    Adaptive,
    /// botocore's `legacy` mode: its own shorter list of errors (plus HTTP 429 and 509), five
    /// attempts by default, and no retry quota.
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

    /// The setting's value as the SDKs spell it (`retry_mode` in ~/.aws/config,
    /// `AWS_RETRY_MODE`); None for anything else.
    pub fn parse(s: &str) -> Option<RetryMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(RetryMode::Standard),
            "adaptive" => Some(RetryMode::Adaptive),
            "legacy" => Some(RetryMode::Legacy),
            _ => None,
        }
    }
}

/// The standard mode's throttling codes: the Rust SDK's own list.
pub use aws_runtime::retries::classifiers::THROTTLING_ERRORS;
/// The standard mode's transient codes: the Rust SDK's own list.
pub use aws_runtime::retries::classifiers::TRANSIENT_ERRORS;

/// The HTTP statuses the SDKs retry without looking at the code. A copy: the list is private
/// in aws-smithy-runtime (`TRANSIENT_ERROR_STATUS_CODES` in src/client/retries/classifiers.rs,
/// 1.16.2), and botocore's standard mode uses the same four. Not every 5xx: a 501 will not get
/// better by asking again.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Errors the Bedrock service models mark `@retryable` (the SDK retries those as client
/// errors): in aws-sdk-bedrockruntime only ModelNotReadyException implements
/// `retryable_error_kind`; the control plane and agents runtime mark none.
pub const MODELED_RETRYABLE: &[&str] = &["ModelNotReadyException"];

/// botocore's legacy mode (the `general` policies of botocore/data/_retry.json, as the boto3
/// retries guide lists them): these throttling codes and these statuses. No Rust crate holds
/// them; botocore is the reference for `legacy`.
pub const LEGACY_THROTTLING_ERRORS: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "ProvisionedThroughputExceededException",
];
pub const LEGACY_STATUSES: &[u16] = &[429, 500, 502, 503, 504, 509];

/// The largest wait between attempts, computed or asked for by the service (the SDKs' 20 s
/// `max_backoff`).
pub const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// A throttling code by the SDK's list.
pub fn is_throttling_code(code: &str) -> bool {
    THROTTLING_ERRORS.contains(&code)
}

/// A transient code by the SDK's list.
pub fn is_transient_code(code: &str) -> bool {
    TRANSIENT_ERRORS.contains(&code)
}

pub fn is_transient_status(status: u16) -> bool {
    TRANSIENT_STATUSES.contains(&status)
}

/// An answer that says a limit was reached: throttling (including a bare 429, which the
/// SDKs' code-based classifiers would miss but a proxy in front of Bedrock may send) or
/// Bedrock's ServiceQuotaExceededException. The latter is not retried (the SDK does not: the
/// quota will not grow by asking again) but the remedy a user needs is the same.
pub fn is_limit_error(status: u16, code: &str) -> bool {
    status == 429 || is_throttling_code(code) || code == "ServiceQuotaExceededException"
}

/// Why an attempt may be retried, as the SDKs' `ErrorKind` classes it; the class sets the
/// retry's cost in the quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    Throttling,
    /// A transient code or status, a dropped connection, a timeout.
    Transient,
    /// A modeled `@retryable` error (ModelNotReadyException).
    Modeled,
}

/// The class of a service error answer in `mode`, or None when a retry will not help.
pub fn classify_service(mode: RetryMode, status: u16, code: &str) -> Option<ErrorKind> {
    if mode == RetryMode::Legacy {
        return if LEGACY_THROTTLING_ERRORS.contains(&code) || status == 429 {
            Some(ErrorKind::Throttling)
        } else if LEGACY_STATUSES.contains(&status) {
            Some(ErrorKind::Transient)
        } else {
            None
        };
    }
    if is_throttling_code(code) || status == 429 {
        Some(ErrorKind::Throttling)
    } else if is_transient_code(code) || is_transient_status(status) {
        Some(ErrorKind::Transient)
    } else if MODELED_RETRYABLE.contains(&code) {
        Some(ErrorKind::Modeled)
    } else {
        None
    }
}

/// The class of any transport error in `mode`.
pub fn classify(mode: RetryMode, e: &Error) -> Option<ErrorKind> {
    match e {
        Error::Service { status, code, .. } => classify_service(mode, *status, code),
        Error::Network(_) | Error::Timeout(_) => Some(ErrorKind::Transient),
        _ => None,
    }
}

/// The wait the service asked for: `x-amz-retry-after` in milliseconds (what the SDKs read),
/// else the HTTP `Retry-After` in seconds. Bounded by [`MAX_BACKOFF`]; an HTTP date or
/// anything unparsable is ignored.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let get = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    let asked = if let Some(ms) = get("x-amz-retry-after").and_then(|v| v.parse::<u64>().ok()) {
        Duration::from_millis(ms)
    } else {
        let secs = get("retry-after")?.parse::<u64>().ok()?;
        Duration::from_secs(secs.min(MAX_BACKOFF.as_secs()))
    };
    Some(asked.min(MAX_BACKOFF))
}

/// The wait before attempt `attempt + 1`: the service's own ask when it made one (as the
/// SDKs do, bounded by [`MAX_BACKOFF`]), else full-jitter exponential back-off: random in
/// [0, min(20 s, base × 2^(attempt-1))]. botocore's legacy mode uses the same formula
/// (`rand × 2^(attempts-1)`); the 20 s bound is kept there too so a high attempt limit never
/// waits minutes.
pub fn delay(base: Duration, attempt: u32, asked: Option<Duration>) -> Duration {
    if let Some(d) = asked {
        return d.min(MAX_BACKOFF);
    }
    let cap = backoff_ceiling(base, attempt);
    cap.mul_f64(rand::random::<f64>())
}

/// The upper bound of the jittered back-off after `attempt` failed attempts.
pub fn backoff_ceiling(base: Duration, attempt: u32) -> Duration {
    let exp = 2f64.powi(attempt.saturating_sub(1).min(30) as i32);
    Duration::try_from_secs_f64(base.as_secs_f64() * exp)
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF)
}

/// The standard retry quota's initial and largest size (botocore `INITIAL_RETRY_TOKENS`,
/// aws-smithy-runtime `DEFAULT_CAPACITY`).
pub const QUOTA_CAPACITY: u32 = 500;
/// What a retry costs (botocore `RETRY_COST`, aws-smithy-runtime's retry cost).
pub const RETRY_COST: u32 = 5;
/// What a retry after a transient error or timeout costs (botocore `TIMEOUT_RETRY_COST`,
/// aws-smithy-runtime's timeout retry cost).
pub const TIMEOUT_RETRY_COST: u32 = 10;
/// What a request that succeeds at its first attempt gives back (botocore
/// `NO_RETRY_INCREMENT`, aws-smithy-runtime's `regenerate_a_token`).
pub const NO_RETRY_INCREMENT: u32 = 1;

/// The SDKs' client-side retry quota (a token bucket): each retry takes
/// [`RETRY_COST`] or [`TIMEOUT_RETRY_COST`], a retried request that finally succeeds gives its
/// retry's cost back, a first-attempt success gives [`NO_RETRY_INCREMENT`]; when the quota
/// cannot pay for a retry, the error is returned instead. A long outage thus stops costing
/// every request its full attempt limit.
///
/// Small and ours rather than aws-smithy-runtime's `TokenBucket`: that type is public, but
/// taking and returning tokens (`acquire`, `regenerate_a_token`) is `pub(crate)` there, usable
/// only through the SDK's orchestrator.
#[derive(Debug)]
pub struct RetryQuota {
    available: Mutex<u32>,
    capacity: u32,
}

impl Default for RetryQuota {
    fn default() -> Self {
        RetryQuota::new(QUOTA_CAPACITY)
    }
}

impl RetryQuota {
    pub fn new(capacity: u32) -> Self {
        RetryQuota {
            available: Mutex::new(capacity),
            capacity,
        }
    }

    pub fn available(&self) -> u32 {
        *self.available.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes the cost of one retry after an error of `kind`; None when the quota cannot pay
    /// it (then no retry).
    pub fn acquire(&self, kind: ErrorKind) -> Option<u32> {
        let cost = match kind {
            ErrorKind::Transient => TIMEOUT_RETRY_COST,
            ErrorKind::Throttling | ErrorKind::Modeled => RETRY_COST,
        };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        if *available < cost {
            return None;
        }
        *available -= cost;
        Some(cost)
    }

    /// A request succeeded: `retry_cost` is what its last retry took (0 when it succeeded at
    /// once, which earns [`NO_RETRY_INCREMENT`]).
    pub fn release(&self, retry_cost: u32) {
        let back = if retry_cost == 0 {
            NO_RETRY_INCREMENT
        } else {
            retry_cost
        };
        let mut available = self.available.lock().unwrap_or_else(|e| e.into_inner());
        *available = (*available + back).min(self.capacity);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sdk_throttling_code_is_throttling_in_standard_and_adaptive() {
        assert!(THROTTLING_ERRORS.contains(&"ThrottlingException"));
        for mode in [RetryMode::Standard, RetryMode::Adaptive] {
            for code in THROTTLING_ERRORS {
                assert_eq!(
                    classify_service(mode, 400, code),
                    Some(ErrorKind::Throttling),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn every_sdk_transient_code_and_status_is_transient() {
        for code in TRANSIENT_ERRORS {
            assert_eq!(
                classify_service(RetryMode::Standard, 400, code),
                Some(ErrorKind::Transient),
                "{code}"
            );
        }
        for status in [500, 502, 503, 504] {
            assert_eq!(
                classify_service(RetryMode::Standard, status, "InternalServerException"),
                Some(ErrorKind::Transient)
            );
        }
    }

    /// Pins the copy of aws-smithy-runtime's private status list.
    #[test]
    fn only_the_sdks_four_statuses_are_transient() {
        assert_eq!(TRANSIENT_STATUSES, &[500, 502, 503, 504]);
        for status in [501, 505, 507, 509, 511, 599, 400, 403, 408] {
            assert_eq!(
                classify_service(RetryMode::Standard, status, "SomethingElse"),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn bedrock_service_errors_classed_as_the_sdk_classes_them() {
        let c = |status, code| classify_service(RetryMode::Standard, status, code);
        assert_eq!(c(429, "ThrottlingException"), Some(ErrorKind::Throttling));
        assert_eq!(
            c(503, "ServiceUnavailableException"),
            Some(ErrorKind::Transient)
        );
        assert_eq!(
            c(500, "InternalServerException"),
            Some(ErrorKind::Transient)
        );
        assert_eq!(
            c(429, "ModelNotReadyException"),
            Some(ErrorKind::Throttling)
        );
        assert_eq!(c(400, "ModelNotReadyException"), Some(ErrorKind::Modeled));
        assert_eq!(c(400, "ServiceQuotaExceededException"), None);
        assert_eq!(c(400, "ValidationException"), None);
        assert_eq!(c(408, "ModelTimeoutException"), None);
        assert_eq!(c(424, "ModelErrorException"), None);
        assert_eq!(c(403, "AccessDeniedException"), None);
        // A bare 429 (a proxy's) is throttling.
        assert_eq!(c(429, ""), Some(ErrorKind::Throttling));
        assert!(is_limit_error(400, "ServiceQuotaExceededException"));
        assert!(is_limit_error(429, ""));
        assert!(!is_limit_error(400, "ValidationException"));
    }

    #[test]
    fn legacy_mode_uses_botocores_lists() {
        let c = |status, code| classify_service(RetryMode::Legacy, status, code);
        for code in LEGACY_THROTTLING_ERRORS {
            assert_eq!(c(400, code), Some(ErrorKind::Throttling), "{code}");
        }
        // In the standard list, not in legacy's.
        assert_eq!(c(400, "TooManyRequestsException"), None);
        assert_eq!(c(400, "RequestTimeoutException"), None);
        assert_eq!(c(400, "ModelNotReadyException"), None);
        assert_eq!(c(509, ""), Some(ErrorKind::Transient));
        assert_eq!(
            classify_service(RetryMode::Standard, 509, ""),
            None,
            "509 is legacy's only"
        );
        assert_eq!(c(429, ""), Some(ErrorKind::Throttling));
        assert_eq!(
            c(503, "ServiceUnavailableException"),
            Some(ErrorKind::Transient)
        );
        assert_eq!(c(501, ""), None);
        assert_eq!(RetryMode::Legacy.default_max_attempts(), 5);
        assert_eq!(RetryMode::Standard.default_max_attempts(), 3);
        assert_eq!(RetryMode::Adaptive.default_max_attempts(), 3);
    }

    #[test]
    fn network_errors_and_timeouts_are_transient_others_are_final() {
        for mode in [RetryMode::Standard, RetryMode::Legacy] {
            assert_eq!(
                classify(mode, &Error::Network("reset".into())),
                Some(ErrorKind::Transient)
            );
            assert_eq!(
                classify(mode, &Error::Timeout("slow".into())),
                Some(ErrorKind::Transient)
            );
            assert_eq!(classify(mode, &Error::Protocol("bad frame".into())), None);
            assert_eq!(classify(mode, &Error::Auth("no keys".into())), None);
        }
    }

    #[test]
    fn mode_names_parse_as_the_sdks_spell_them() {
        assert_eq!(RetryMode::parse("legacy"), Some(RetryMode::Legacy));
        assert_eq!(RetryMode::parse(" Standard "), Some(RetryMode::Standard));
        assert_eq!(RetryMode::parse("adaptive"), Some(RetryMode::Adaptive));
        assert_eq!(RetryMode::parse("fast"), None);
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn x_amz_retry_after_is_milliseconds_and_wins() {
        let h = headers(&[("x-amz-retry-after", "1500"), ("retry-after", "7")]);
        assert_eq!(retry_after(&h), Some(Duration::from_millis(1500)));
        assert_eq!(
            delay(Duration::from_secs(1), 1, retry_after(&h)),
            Duration::from_millis(1500)
        );
    }

    #[test]
    fn retry_after_is_seconds_when_alone() {
        let h = headers(&[("retry-after", "3")]);
        assert_eq!(retry_after(&h), Some(Duration::from_secs(3)));
    }

    #[test]
    fn asked_waits_are_bounded_and_junk_ignored() {
        let h = headers(&[("x-amz-retry-after", "600000")]);
        assert_eq!(retry_after(&h), Some(MAX_BACKOFF));
        let h = headers(&[("retry-after", "86400")]);
        assert_eq!(retry_after(&h), Some(MAX_BACKOFF));
        let h = headers(&[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")]);
        assert_eq!(retry_after(&h), None);
        let h = headers(&[("x-amz-retry-after", "-5"), ("retry-after", "2")]);
        assert_eq!(retry_after(&h), Some(Duration::from_secs(2)));
        assert_eq!(retry_after(&HeaderMap::new()), None);
    }

    #[test]
    fn backoff_is_full_jitter_under_the_ceiling() {
        let base = Duration::from_secs(1);
        assert_eq!(backoff_ceiling(base, 1), Duration::from_secs(1));
        assert_eq!(backoff_ceiling(base, 3), Duration::from_secs(4));
        assert_eq!(backoff_ceiling(base, 6), MAX_BACKOFF);
        assert_eq!(backoff_ceiling(base, 1000), MAX_BACKOFF);
        for attempt in 1..12 {
            assert!(delay(base, attempt, None) <= backoff_ceiling(base, attempt));
        }
    }

    #[test]
    fn quota_costs_and_refunds_as_the_sdks() {
        let q = RetryQuota::default();
        assert_eq!(q.available(), 500);
        assert_eq!(q.acquire(ErrorKind::Throttling), Some(5));
        assert_eq!(q.acquire(ErrorKind::Transient), Some(10));
        assert_eq!(q.acquire(ErrorKind::Modeled), Some(5));
        assert_eq!(q.available(), 480);
        // A retried success gives its retry's cost back; a first-attempt success gives 1.
        q.release(10);
        assert_eq!(q.available(), 490);
        q.release(0);
        assert_eq!(q.available(), 491);
        // Never above capacity.
        for _ in 0..100 {
            q.release(5);
        }
        assert_eq!(q.available(), 500);
    }

    #[test]
    fn an_exhausted_quota_pays_for_no_more_retries() {
        let q = RetryQuota::default();
        // 50 transient retries spend all 500.
        for i in 0..50 {
            assert_eq!(q.acquire(ErrorKind::Transient), Some(10), "retry {i}");
        }
        assert_eq!(q.available(), 0);
        assert_eq!(q.acquire(ErrorKind::Throttling), None);
        assert_eq!(q.acquire(ErrorKind::Transient), None);
        // Successes refill it slowly.
        for _ in 0..5 {
            q.release(0);
        }
        assert_eq!(q.acquire(ErrorKind::Throttling), Some(5));
        assert_eq!(q.acquire(ErrorKind::Throttling), None);
    }
}

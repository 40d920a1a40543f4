//! Fault scenarios (listed in the module doc of `emulator`).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use bytes::Bytes;

use super::errors::ApiError;
use super::eventstream;
use super::generate::Frames;

pub(crate) const NAMES: &[&str] = &[
    "throttle",
    "throttle-then-ok",
    "unavailable-then-ok",
    "internal-error",
    "access-denied",
    "not-found",
    "model-timeout",
    "slow-first-byte",
    "reset",
    "stream-error",
    "stream-throttle",
    "stall",
    "malformed-frame",
    "crc-mismatch",
    "truncated",
    "hostile",
];

/// How many leading requests the `*-then-ok` scenarios fail.
const FAILING_ATTEMPTS: u32 = 2;
/// How many frames the broken-stream scenarios send before breaking.
const GOOD_FRAMES: usize = 3;
pub(crate) const STALL: Duration = Duration::from_secs(3600);
pub(crate) const DEFAULT_DELAY_MS: u64 = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scenario {
    Throttle,
    ThrottleThenOk,
    UnavailableThenOk,
    InternalError,
    AccessDenied,
    NotFound,
    ModelTimeout,
    SlowFirstByte,
    Reset,
    StreamError,
    StreamThrottle,
    Stall,
    MalformedFrame,
    CrcMismatch,
    Truncated,
    Hostile,
}

impl Scenario {
    pub fn parse(name: &str) -> Option<Scenario> {
        use Scenario::*;
        Some(match name {
            "throttle" => Throttle,
            "throttle-then-ok" => ThrottleThenOk,
            "unavailable-then-ok" => UnavailableThenOk,
            "internal-error" => InternalError,
            "access-denied" => AccessDenied,
            "not-found" => NotFound,
            "model-timeout" => ModelTimeout,
            "slow-first-byte" => SlowFirstByte,
            "reset" => Reset,
            "stream-error" => StreamError,
            "stream-throttle" => StreamThrottle,
            "stall" => Stall,
            "malformed-frame" => MalformedFrame,
            "crc-mismatch" => CrcMismatch,
            "truncated" => Truncated,
            "hostile" => Hostile,
            _ => return None,
        })
    }

    fn key(self) -> &'static str {
        match self {
            Scenario::ThrottleThenOk => "throttle-then-ok",
            Scenario::UnavailableThenOk => "unavailable-then-ok",
            _ => "",
        }
    }
}

/// Per-emulator counters for the `*-then-ok` scenarios.
#[derive(Debug, Default)]
pub(crate) struct Counters(Mutex<HashMap<&'static str, u32>>);

impl Counters {
    fn bump(&self, key: &'static str) -> u32 {
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = map.entry(key).or_insert(0);
        *n += 1;
        *n
    }
}

/// What to do before handling the request at all.
pub(crate) enum Early {
    Error(ApiError),
    Reset,
    Delay(Duration),
    Proceed,
}

pub(crate) fn early(scenario: Scenario, counters: &Counters, delay_ms: Option<u64>) -> Early {
    use Scenario::*;
    match scenario {
        // Source: the emulator's own (no Bedrock counterpart).
        Throttle => Early::Error(ApiError::throttling()),
        ThrottleThenOk | UnavailableThenOk => {
            if counters.bump(scenario.key()) <= FAILING_ATTEMPTS {
                Early::Error(if scenario == ThrottleThenOk {
                    // Source: inferred.
                    ApiError::throttling()
                } else {
                    // Source: inferred.
                    ApiError::unavailable()
                })
            } else {
                Early::Proceed
            }
        }
        // Source: inferred.
        InternalError => Early::Error(ApiError::internal()),
        // Source: inferred.
        AccessDenied => Early::Error(ApiError::access_denied_model()),
        // Source: inferred.
        NotFound => Early::Error(ApiError::not_found(
            "Could not resolve the foundation model from the provided model identifier.",
        )),
        // Source: inferred.
        ModelTimeout => Early::Error(ApiError::model_timeout()),
        SlowFirstByte => Early::Delay(Duration::from_millis(delay_ms.unwrap_or(DEFAULT_DELAY_MS))),
        Reset => Early::Reset,
        _ => Early::Proceed,
    }
}

/// One step of a streamed answer.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// A frame; `true` when it is a delta subject to pacing.
    Frame(Bytes, bool),
    /// Stop writing for this long.
    Sleep(Duration),
    /// Abort the connection mid-body.
    Abort,
}

/// Steps of a streamed answer, produced lazily.
pub(crate) type Steps = Box<dyn Iterator<Item = Step> + Send>;

/// Applies a stream scenario to the frames of a healthy streamed answer.
pub(crate) fn shape_stream(scenario: Option<Scenario>, mut frames: Frames) -> Steps {
    use Scenario::*;
    if !matches!(
        scenario,
        Some(StreamError | StreamThrottle | Stall | MalformedFrame | CrcMismatch | Truncated)
    ) {
        return Box::new(frames.map(|(f, d)| Step::Frame(f, d)));
    }
    let mut first: Vec<(Bytes, bool)> = frames.by_ref().take(GOOD_FRAMES + 1).collect();
    let next = if first.len() > 1 {
        first.pop().map(|(f, _)| f)
    } else {
        None
    };
    let mut head: Vec<Step> = first.into_iter().map(|(f, d)| Step::Frame(f, d)).collect();
    let steps = match scenario {
        Some(StreamError) => {
            head.push(Step::Frame(
                eventstream::exception(
                    "modelStreamErrorException",
                    "The model stream encountered an error. Try your request again.",
                ),
                false,
            ));
            head
        }
        Some(StreamThrottle) => {
            head.push(Step::Frame(
                eventstream::exception(
                    "throttlingException",
                    "Too many requests, please wait before trying again.",
                ),
                false,
            ));
            head
        }
        Some(Stall) => {
            head.push(Step::Sleep(STALL));
            head
        }
        // The damaged frame is delivered whole and the body then ends normally: what is being
        // tested is the client's CRC check, not its handling of a dropped connection (which
        // `truncated` covers). Aborting here would also let the server drop the frame unsent.
        Some(MalformedFrame) => {
            if let Some(f) = next {
                head.push(Step::Frame(eventstream::with_bad_prelude_crc(&f), false));
            }
            head
        }
        Some(CrcMismatch) => {
            if let Some(f) = next {
                head.push(Step::Frame(eventstream::with_bad_message_crc(&f), false));
            }
            head
        }
        Some(Truncated) => {
            if let Some(f) = next {
                head.push(Step::Frame(f.slice(..f.len() / 2), false));
            }
            head.push(Step::Abort);
            head
        }
        _ => head,
    };
    Box::new(steps.into_iter())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_parses() {
        for n in NAMES {
            assert!(Scenario::parse(n).is_some(), "{n}");
        }
        assert!(Scenario::parse("nope").is_none());
    }

    #[test]
    fn then_ok_scenarios_fail_twice() {
        let c = Counters::default();
        let outcomes: Vec<bool> = (0..4)
            .map(|_| matches!(early(Scenario::ThrottleThenOk, &c, None), Early::Error(_)))
            .collect();
        assert_eq!(outcomes, [true, true, false, false]);
    }

    #[test]
    fn broken_streams_keep_a_healthy_head() {
        let frames = || -> Frames {
            Box::new((0..6).map(|i| {
                (
                    eventstream::event("contentBlockDelta", &serde_json::json!({"i": i})),
                    true,
                )
            }))
        };
        let steps: Vec<Step> = shape_stream(Some(Scenario::Truncated), frames()).collect();
        assert!(matches!(steps.last(), Some(Step::Abort)));
        assert_eq!(steps.len(), 5);
        assert_eq!(shape_stream(None, frames()).count(), 6);
    }
}

//! AWS error answers. Bedrock's own errors carry the `com.amazon.bedrock` namespace in
//! `x-amzn-ErrorType`; errors raised by the AWS front door before the service sees the request
//! (authentication, unknown operation) carry `com.amazon.coral.service` (the Bedrock namespace is
//! recorded in tests/fixtures/recorded/README.md; the coral one is quoted for a missing
//! Authorization header in karthink/gptel#1397 and inferred for the other front-door errors).

use http::StatusCode;

const BEDROCK_NS: &str = "http://internal.amazon.com/coral/com.amazon.bedrock/";
const CORAL_NS: &str = "http://internal.amazon.com/coral/com.amazon.coral.service/";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Namespace {
    Bedrock,
    Coral,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub namespace: Namespace,
    /// The API-key front door answers `{"Message": …}` with a capital M.
    pub capital_message: bool,
}

/// The Anthropic models' own refusals reach the client wrapped in this prefix.
pub(crate) const MODEL_ERRORS_PREFIX: &str = "The model returned the following errors: ";

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            code,
            message: message.into(),
            namespace: Namespace::Bedrock,
            capital_message: false,
        }
    }

    pub fn coral(status: u16, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            namespace: Namespace::Coral,
            ..ApiError::new(status, code, message)
        }
    }

    pub fn capital(mut self) -> ApiError {
        self.capital_message = true;
        self
    }

    pub fn validation(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "ValidationException", message)
    }

    /// A refusal that Bedrock relays from the model provider (Anthropic's API).
    pub fn model(message: impl AsRef<str>) -> ApiError {
        ApiError::validation(format!("{MODEL_ERRORS_PREFIX}{}", message.as_ref()))
    }

    pub fn serialization(message: impl Into<String>) -> ApiError {
        ApiError::new(400, "SerializationException", message)
    }

    pub fn invalid_model() -> ApiError {
        // Source: recorded, tests/fixtures/recorded/converse/test_bedrock_error.yaml.
        ApiError::validation("The provided model identifier is invalid.")
    }

    pub fn throttling() -> ApiError {
        // Source: inferred.
        ApiError::new(
            429,
            "ThrottlingException",
            "Too many requests, please wait before trying again.",
        )
    }

    pub fn unavailable() -> ApiError {
        // Source: inferred.
        ApiError::new(
            503,
            "ServiceUnavailableException",
            "Bedrock is unable to process your request.",
        )
    }

    pub fn internal() -> ApiError {
        // Source: inferred.
        ApiError::new(
            500,
            "InternalServerException",
            "The system encountered an unexpected error during processing. Try your request again.",
        )
    }

    pub fn access_denied_model() -> ApiError {
        // Source: the message as quoted in dirkpetersen/our-chat#3 (botocore AccessDeniedException).
        ApiError::new(
            403,
            "AccessDeniedException",
            "You don't have access to the model with the specified model ID.",
        )
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(404, "ResourceNotFoundException", message)
    }

    pub fn model_timeout() -> ApiError {
        // Source: inferred.
        ApiError::new(
            408,
            "ModelTimeoutException",
            "Model has timed out in processing the request. Try your request again.",
        )
    }

    pub fn unknown_operation() -> ApiError {
        // Source: inferred.
        ApiError::coral(404, "UnknownOperationException", "Unknown operation")
    }

    pub fn error_type_header(&self) -> String {
        let ns = match self.namespace {
            Namespace::Bedrock => BEDROCK_NS,
            Namespace::Coral => CORAL_NS,
        };
        format!("{}:{}", self.code, ns)
    }

    pub fn body(&self) -> Vec<u8> {
        let key = if self.capital_message {
            "Message"
        } else {
            "message"
        };
        let mut map = serde_json::Map::new();
        map.insert(key.into(), self.message.clone().into());
        serde_json::to_vec(&serde_json::Value::Object(map)).unwrap_or_default()
    }
}

/// Coral's aggregated constraint report: `1 validation error detected: A` or
/// `2 validation errors detected: A; B`.
pub(crate) fn constraint_report(violations: &[String]) -> ApiError {
    let n = violations.len();
    let plural = if n == 1 { "error" } else { "errors" };
    // Source: recorded, tests/fixtures/recorded/errors/invalid-tool-name-validation-error.json.
    ApiError::validation(format!(
        "{n} validation {plural} detected: {}",
        violations.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_body_follow_the_recorded_format() {
        let e = ApiError::invalid_model();
        assert_eq!(
            e.error_type_header(),
            "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/"
        );
        assert_eq!(
            e.body(),
            br#"{"message":"The provided model identifier is invalid."}"#
        );
        let e = ApiError::coral(
            403,
            "AccessDeniedException",
            "Authorization header is missing",
        )
        .capital();
        assert_eq!(
            e.body(),
            br#"{"Message":"Authorization header is missing"}"#
        );
    }

    #[test]
    fn constraint_reports_count_violations() {
        let e = constraint_report(&["A".into(), "B".into()]);
        assert_eq!(e.message, "2 validation errors detected: A; B");
        assert_eq!(
            constraint_report(&["A".into()]).message,
            "1 validation error detected: A"
        );
    }
}

//! Errors in OpenAI's shape, `{"error": {"message", "type", "param", "code"}}`, with the HTTP
//! status OpenAI (and LiteLLM, for Bedrock's errors) gives them.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub kind: &'static str,
    pub param: Option<String>,
    pub code: Option<String>,
    /// Seconds, for 429 answers.
    pub retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(
        status: StatusCode,
        message: impl Into<String>,
        kind: &'static str,
        param: Option<&str>,
        code: Option<&str>,
    ) -> Self {
        ApiError {
            status,
            message: message.into(),
            kind,
            param: param.map(str::to_string),
            code: code.map(str::to_string),
            retry_after: None,
        }
    }

    pub fn bad_request(message: impl Into<String>, param: Option<&str>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            message,
            "invalid_request_error",
            param,
            None,
        )
    }

    /// A refusal from brock-core: its message quotes the field first ('messages', 'tools[0]').
    pub fn from_core(e: brock_core::Error) -> Self {
        let message = e.to_string();
        let param = message
            .split('\'')
            .nth(1)
            .filter(|p| !p.is_empty() && !p.contains(' '))
            .map(str::to_string);
        let message = message
            .strip_prefix("OpenAI request: ")
            .map(str::to_string)
            .unwrap_or(message);
        ApiError {
            param,
            ..Self::bad_request(message, None)
        }
    }

    pub fn body_error(e: axum::Error) -> Self {
        let mut source: Option<&dyn std::error::Error> = Some(&e);
        while let Some(s) = source {
            if s.is::<http_body_util::LengthLimitError>() {
                return Self::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    format!(
                        "the request body is larger than {} MiB",
                        super::MAX_BODY / (1024 * 1024)
                    ),
                    "invalid_request_error",
                    None,
                    Some("request_too_large"),
                );
            }
            // tower-http's body timeout error has no public type to match on.
            if s.to_string().contains("timed out") {
                return Self::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "the request body did not arrive in time",
                    "invalid_request_error",
                    None,
                    Some("request_timeout"),
                );
            }
            source = s.source();
        }
        Self::bad_request(format!("cannot read the request body: {e}"), None)
    }
}

impl From<brock_bedrock::Error> for ApiError {
    fn from(e: brock_bedrock::Error) -> Self {
        use brock_bedrock::Error as E;
        match e {
            E::Service {
                status,
                code,
                message,
                ..
            } => {
                let throttled = status == 429 || code.contains("Throttl");
                let (status, kind) = match status {
                    _ if throttled => (StatusCode::TOO_MANY_REQUESTS, "rate_limit_error"),
                    400 => (StatusCode::BAD_REQUEST, "invalid_request_error"),
                    401 | 403 => (StatusCode::FORBIDDEN, "permission_error"),
                    404 => (StatusCode::NOT_FOUND, "not_found_error"),
                    408 => (StatusCode::GATEWAY_TIMEOUT, "timeout_error"),
                    413 => (StatusCode::PAYLOAD_TOO_LARGE, "invalid_request_error"),
                    424 => (StatusCode::FAILED_DEPENDENCY, "api_error"),
                    503 => (StatusCode::SERVICE_UNAVAILABLE, "api_error"),
                    s if s >= 500 => (StatusCode::BAD_GATEWAY, "api_error"),
                    _ => (StatusCode::BAD_REQUEST, "invalid_request_error"),
                };
                ApiError {
                    retry_after: throttled.then_some(1),
                    ..ApiError::new(
                        status,
                        format!("Bedrock: {message}"),
                        kind,
                        None,
                        Some(code.as_str()),
                    )
                }
            }
            E::Timeout(m) => ApiError::new(
                StatusCode::GATEWAY_TIMEOUT,
                format!("Bedrock did not answer in time: {m}"),
                "timeout_error",
                None,
                None,
            ),
            E::Network(m) | E::Protocol(m) => ApiError::new(
                StatusCode::BAD_GATEWAY,
                format!("cannot reach Bedrock: {m}"),
                "api_error",
                None,
                None,
            ),
            // Our own credentials or settings: the client can do nothing about them, and
            // the details stay in the gateway's log.
            other => {
                crate::render::diag(&format!("serve: upstream setup failed: {other}"));
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the gateway cannot call Bedrock (see its log)",
                    "server_error",
                    None,
                    None,
                )
            }
        }
    }
}

impl From<crate::error::Error> for ApiError {
    fn from(e: crate::error::Error) -> Self {
        use crate::error::Error as E;
        match e {
            E::Usage(m) => ApiError::bad_request(m, None),
            E::Service {
                status,
                code,
                message,
                request_id,
            } => brock_bedrock::Error::Service {
                status,
                code,
                message,
                request_id,
            }
            .into(),
            E::Network(m) => brock_bedrock::Error::Network(m).into(),
            E::Protocol(m) => brock_bedrock::Error::Protocol(m).into(),
            other => {
                crate::render::diag(&format!("serve: {other}"));
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the gateway cannot call Bedrock (see its log)",
                    "server_error",
                    None,
                    None,
                )
            }
        }
    }
}

impl ApiError {
    pub fn json(&self) -> serde_json::Value {
        json!({ "error": {
            "message": self.message,
            "type": self.kind,
            "param": self.param,
            "code": self.code,
        }})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (self.status, axum::Json(self.json())).into_response();
        if let Some(s) = self.retry_after {
            resp.headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(s));
        }
        resp
    }
}

pub async fn not_found(uri: http::Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!(
            "no route {}: the gateway serves /v1/chat/completions, /v1/models, /v1/embeddings, /v1/images/generations, /v1/rerank, /v1/messages, /v1/responses and /bedrock/...",
            uri.path()
        ),
        "invalid_request_error",
        None,
        Some("unknown_url"),
    )
}

/// Reads a request body up to [`super::MAX_BODY`].
pub async fn read_body(body: axum::body::Body) -> Result<bytes::Bytes, ApiError> {
    axum::body::to_bytes(body, super::MAX_BODY)
        .await
        .map_err(ApiError::body_error)
}

/// Reads a JSON object body.
pub async fn read_json(body: axum::body::Body) -> Result<serde_json::Value, ApiError> {
    let bytes = read_body(body).await?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON: {e}"), None))?;
    if !v.is_object() {
        return Err(ApiError::bad_request(
            "the body must be a JSON object",
            None,
        ));
    }
    Ok(v)
}

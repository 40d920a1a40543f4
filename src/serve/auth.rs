//! Client keys: every route wants `Authorization: Bearer KEY` (OpenAI SDKs, boto3 with
//! `AWS_BEARER_TOKEN_BEDROCK`) or `x-api-key: KEY`. The check is a trait so that a key store
//! (virtual keys with budgets) can replace the static list.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use subtle::ConstantTimeEq;

use super::Shared;
use super::error::ApiError;
use crate::error::{Error, Result};

/// Decides whether a presented key may use the gateway.
pub trait KeyCheck: Send + Sync {
    /// True when no key is required at all.
    fn is_empty(&self) -> bool;
    fn accepts(&self, presented: &[u8]) -> bool;
}

/// Keys read from environment variables at start.
pub struct StaticKeys(Vec<Vec<u8>>);

impl StaticKeys {
    pub fn from_env(vars: &[String]) -> Result<StaticKeys> {
        let mut keys = Vec::new();
        for var in vars {
            let key = std::env::var(var)
                .ok()
                .map(|k| k.trim().to_string())
                .filter(|k| !k.is_empty())
                .ok_or_else(|| {
                    Error::config(format!(
                        "--api-key-env names {var}, but that variable is not set or empty: export {var}=<a key clients will send>"
                    ))
                })?;
            keys.push(key.into_bytes());
        }
        Ok(StaticKeys(keys))
    }
}

impl KeyCheck for StaticKeys {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn accepts(&self, presented: &[u8]) -> bool {
        // Every key is compared, and each comparison takes the same time whatever matches, so
        // the timing tells nothing about which key or how much of it was right.
        let mut ok = subtle::Choice::from(0u8);
        for k in &self.0 {
            ok |= k.as_slice().ct_eq(presented);
        }
        ok.into()
    }
}

fn presented(req: &Request) -> Option<&[u8]> {
    let h = req.headers();
    // A bearer key first; else x-api-key, which a client may send beside an Authorization
    // header meant for someone else (an SDK's SigV4 signature).
    if let Some(v) = h.get(http::header::AUTHORIZATION) {
        let v = v.as_bytes();
        if v.len() > 7 && v[..7].eq_ignore_ascii_case(b"bearer ") {
            return Some(v[7..].trim_ascii());
        }
    }
    h.get("x-api-key").map(|v| v.as_bytes().trim_ascii())
}

pub async fn require_key(State(state): State<Shared>, req: Request, next: Next) -> Response {
    if state.keys.is_empty() {
        return next.run(req).await;
    }
    let verdict = match presented(&req) {
        None => Some("missing API key: send it as 'Authorization: Bearer KEY' or 'x-api-key: KEY'"),
        Some(k) if !state.keys.accepts(k) => Some("invalid API key"),
        Some(_) => None,
    };
    match verdict {
        None => next.run(req).await,
        Some(msg) => ApiError::new(
            StatusCode::UNAUTHORIZED,
            msg,
            "authentication_error",
            None,
            Some("invalid_api_key"),
        )
        .into_response(),
    }
}

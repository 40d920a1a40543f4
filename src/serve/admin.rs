//! The admin API: keys created, listed and revoked over HTTP, guarded by a master key that
//! comes only from an environment variable or a file (never a flag, which `ps` would show).
//! Modelled on LiteLLM's `/key/generate`: its field names (`key_alias`, `rpm_limit`,
//! `tpm_limit`, `duration`) are accepted beside brock's.

use axum::Json;
use axum::extract::{Path, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use http::StatusCode;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

use super::Shared;
use super::error::ApiError;
use super::keys::key_json;
use super::store::{NewKey, parse_duration};
use crate::error::{Error, Result};

/// Reads the master key named by `--master-key-env` / `serve.master_key_env`, or from
/// `serve.master_key_file`.
pub fn master_key(env: Option<&str>, file: Option<&str>) -> Result<Option<Vec<u8>>> {
    let key = if let Some(var) = env {
        Some(std::env::var(var).map_err(|_| {
            Error::config(format!(
                "--master-key-env names {var}, but that variable is not set: export {var}=<the admin API's key>"
            ))
        })?)
    } else if let Some(path) = file {
        Some(
            std::fs::read_to_string(path)
                .map_err(|e| Error::io(format!("cannot read the master key file {path}"), e))?,
        )
    } else {
        None
    };
    match key.map(|k| k.trim().to_string()) {
        Some(k) if k.len() < 16 => Err(Error::config(
            "the admin API's master key is shorter than 16 characters: use a long random one (e.g. `openssl rand -hex 32`)",
        )),
        Some(k) => Ok(Some(k.into_bytes())),
        None => Ok(None),
    }
}

pub async fn require_master(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let Some(master) = &state.master_key else {
        return ApiError::new(
            StatusCode::NOT_FOUND,
            "the admin API is off: start the gateway with --master-key-env NAME or [serve] master_key_file",
            "invalid_request_error",
            None,
            None,
        )
        .into_response();
    };
    let h = req.headers();
    let presented = h
        .get(http::header::AUTHORIZATION)
        .map(|v| v.as_bytes())
        .filter(|v| v.len() > 7 && v[..7].eq_ignore_ascii_case(b"bearer "))
        .map(|v| v[7..].trim_ascii())
        .or_else(|| h.get("x-api-key").map(|v| v.as_bytes().trim_ascii()));
    match presented {
        Some(p) if bool::from(master.as_slice().ct_eq(p)) => next.run(req).await,
        _ => ApiError::new(
            StatusCode::UNAUTHORIZED,
            "the admin API wants the master key: 'Authorization: Bearer MASTER_KEY'",
            "authentication_error",
            None,
            Some("invalid_api_key"),
        )
        .into_response(),
    }
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Create {
    #[serde(alias = "key_alias")]
    name: Option<String>,
    #[serde(default)]
    models: Vec<String>,
    #[serde(alias = "rpm_limit")]
    rpm: Option<i64>,
    #[serde(alias = "tpm_limit")]
    tpm: Option<i64>,
    max_tokens: Option<i64>,
    #[serde(alias = "duration")]
    expires: Option<String>,
    #[serde(default)]
    metadata: serde_json::Map<String, Value>,
}

fn store_error(e: Error) -> ApiError {
    match e {
        Error::Usage(m) => ApiError::bad_request(m, None),
        _ => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the gateway's key store is not answering: try again shortly",
            "service_unavailable",
            None,
            Some("key_store_unavailable"),
        ),
    }
}

fn store(state: &Shared) -> std::result::Result<&super::store::Store, ApiError> {
    state.store().map(|s| &**s).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "this gateway has no key store",
            "invalid_request_error",
            None,
            None,
        )
    })
}

pub async fn create(
    State(state): State<Shared>,
    body: Bytes,
) -> std::result::Result<Json<Value>, ApiError> {
    let c: Create = serde_json::from_slice(&body)
        .map_err(|e| ApiError::bad_request(format!("invalid key request: {e}"), None))?;
    for (field, v) in [("rpm", c.rpm), ("tpm", c.tpm), ("max_tokens", c.max_tokens)] {
        if v.is_some_and(|n| n < 1) {
            return Err(ApiError::bad_request(
                format!("'{field}' must be at least 1"),
                Some(field),
            ));
        }
    }
    let expires_in = match &c.expires {
        Some(d) => Some(parse_duration(d).map_err(|m| ApiError::bad_request(m, Some("expires")))?),
        None => None,
    };
    let new = NewKey {
        name: c.name.unwrap_or_default(),
        models: c.models,
        rpm: c.rpm,
        tpm: c.tpm,
        max_tokens: c.max_tokens,
        expires_in,
        metadata: c.metadata,
    };
    let (key, secret) = store(&state)?.create_key(&new).await.map_err(store_error)?;
    let mut v = key_json(&key, None);
    v["key"] = json!(secret);
    Ok(Json(v))
}

pub async fn list(State(state): State<Shared>) -> std::result::Result<Json<Value>, ApiError> {
    let s = store(&state)?;
    let keys = s.list_keys().await.map_err(store_error)?;
    let requests = s.requests_per_key().await.map_err(store_error)?;
    let data: Vec<Value> = keys
        .iter()
        .map(|k| key_json(k, Some(requests.get(&k.id).copied().unwrap_or(0))))
        .collect();
    Ok(Json(json!({ "data": data })))
}

pub async fn revoke(
    State(state): State<Shared>,
    Path(name): Path<String>,
) -> std::result::Result<Json<Value>, ApiError> {
    let key = store(&state)?.revoke(&name).await.map_err(|e| match e {
        Error::Usage(m) => ApiError::new(
            StatusCode::NOT_FOUND,
            m,
            "invalid_request_error",
            None,
            None,
        ),
        other => store_error(other),
    })?;
    state.forget_keys();
    Ok(Json(key_json(&key, None)))
}

//! Client keys: every route wants `Authorization: Bearer KEY` (OpenAI SDKs, boto3 with
//! `AWS_BEARER_TOKEN_BEDROCK`) or `x-api-key: KEY`. Keys come from environment variables
//! (static keys, no limits) and from the key store (virtual keys with models, rate limits and
//! a token budget, see [`super::store`]).
//!
//! The store is asked through a cache with a short TTL, so a key costs one database read per
//! TTL per replica, and a revocation on one replica is seen by the others within the TTL. A
//! key with rpm/tpm limits is counted against slices of its minute that each replica reserves
//! in the database (see [`super::rate`]), which is what makes the limit hold across replicas.
//! When the database cannot answer, the request is refused with 503: the gateway never lets a
//! request through unchecked.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::future::BoxFuture;
use http::StatusCode;
use sha2::Digest;
use subtle::ConstantTimeEq;

use super::Shared;
use super::error::ApiError;
use super::log::Note;
use super::rate::{Admission, Limits};
use super::store::{Key, Store, now_secs};
use crate::error::{Error, Result};

/// How long a key looked up in the store is trusted before it is read again: the longest a
/// revocation on another replica goes unseen.
pub const KEY_TTL: Duration = Duration::from_secs(2);
/// The longest a database call on the request path may take before the request gets a 503.
const DB_TIMEOUT: Duration = Duration::from_secs(3);
/// A bound on remembered lookups (unknown keys included, so guessing costs no database reads).
const CACHE_MAX: usize = 10_000;

/// What the check made of a request's key.
pub enum Verdict {
    /// No key is required at all.
    Open,
    /// A key from the environment: no limits.
    Static,
    /// A key from the store: the caller's name, models and limits.
    Stored(Box<Key>),
    Missing,
    Unknown,
}

/// The database could not answer in time.
pub struct Unavailable;

/// Decides who a presented key belongs to.
pub trait KeyCheck: Send + Sync {
    /// True when no key is required (no static keys, no keys in the store).
    fn is_empty(&self) -> BoxFuture<'_, std::result::Result<bool, Unavailable>>;
    fn check<'a>(
        &'a self,
        presented: Option<&'a [u8]>,
    ) -> BoxFuture<'a, std::result::Result<Verdict, Unavailable>>;
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

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn accepts(&self, presented: &[u8]) -> bool {
        // Every key is compared, and each comparison takes the same time whatever matches, so
        // the timing tells nothing about which key or how much of it was right.
        let mut ok = subtle::Choice::from(0u8);
        for k in &self.0 {
            ok |= k.as_slice().ct_eq(presented);
        }
        ok.into()
    }
}

impl KeyCheck for StaticKeys {
    fn is_empty(&self) -> BoxFuture<'_, std::result::Result<bool, Unavailable>> {
        let empty = self.0.is_empty();
        Box::pin(async move { Ok(empty) })
    }

    fn check<'a>(
        &'a self,
        presented: Option<&'a [u8]>,
    ) -> BoxFuture<'a, std::result::Result<Verdict, Unavailable>> {
        Box::pin(async move {
            Ok(match presented {
                _ if self.0.is_empty() => Verdict::Open,
                None => Verdict::Missing,
                Some(k) if self.accepts(k) => Verdict::Static,
                Some(_) => Verdict::Unknown,
            })
        })
    }
}

/// When a key was read from the store and what the store said.
type Lookup = (Instant, Option<Key>);

/// Static keys and the store's keys together.
pub struct StoreKeys {
    fixed: StaticKeys,
    pub store: Arc<Store>,
    /// The rate-limited keys' slots of the current minute.
    pub rate: Arc<Limits>,
    /// SHA-256 of a presented key → when it was read and what the store said.
    cache: Mutex<HashMap<[u8; 32], Lookup>>,
    /// Whether the store holds a usable key; once it did, keys stay required (fail closed).
    has_keys: Mutex<(Option<Instant>, bool)>,
}

impl StoreKeys {
    pub fn new(fixed: StaticKeys, store: Arc<Store>) -> StoreKeys {
        StoreKeys {
            fixed,
            store,
            rate: Arc::default(),
            cache: Mutex::new(HashMap::new()),
            has_keys: Mutex::new((None, false)),
        }
    }

    async fn lookup(&self, presented: &[u8]) -> std::result::Result<Option<Key>, Unavailable> {
        let digest: [u8; 32] = sha2::Sha256::digest(presented).into();
        if let Ok(cache) = self.cache.lock()
            && let Some((at, key)) = cache.get(&digest)
            && at.elapsed() < KEY_TTL
        {
            return Ok(key.clone());
        }
        let found = tokio::time::timeout(DB_TIMEOUT, self.store.find(presented))
            .await
            .map_err(|_| Unavailable)?
            .map_err(|_| Unavailable)?;
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_MAX {
                cache.retain(|_, (at, _)| at.elapsed() < KEY_TTL);
                if cache.len() >= CACHE_MAX {
                    cache.clear();
                }
            }
            cache.insert(digest, (Instant::now(), found.clone()));
        }
        Ok(found)
    }

    async fn store_has_keys(&self) -> std::result::Result<bool, Unavailable> {
        if let Ok(h) = self.has_keys.lock()
            && (h.1 || h.0.is_some_and(|at| at.elapsed() < KEY_TTL))
        {
            return Ok(h.1);
        }
        let has = tokio::time::timeout(DB_TIMEOUT, self.store.has_keys())
            .await
            .map_err(|_| Unavailable)?
            .map_err(|_| Unavailable)?;
        if let Ok(mut h) = self.has_keys.lock() {
            *h = (Some(Instant::now()), has);
        }
        Ok(has)
    }

    /// Forgets a key at once on this replica (after a revocation through the admin API).
    pub fn forget_all(&self) {
        if let Ok(mut c) = self.cache.lock() {
            c.clear();
        }
    }
}

impl KeyCheck for StoreKeys {
    fn is_empty(&self) -> BoxFuture<'_, std::result::Result<bool, Unavailable>> {
        Box::pin(async move { Ok(self.fixed.is_empty() && !self.store_has_keys().await?) })
    }

    fn check<'a>(
        &'a self,
        presented: Option<&'a [u8]>,
    ) -> BoxFuture<'a, std::result::Result<Verdict, Unavailable>> {
        Box::pin(async move {
            let Some(k) = presented else {
                return Ok(if self.is_empty().await? {
                    Verdict::Open
                } else {
                    Verdict::Missing
                });
            };
            if !self.fixed.is_empty() && self.fixed.accepts(k) {
                return Ok(Verdict::Static);
            }
            if let Some(key) = self.lookup(k).await? {
                return Ok(Verdict::Stored(Box::new(key)));
            }
            // A key sent to a gateway that needs none is ignored, as before the store.
            Ok(if self.is_empty().await? {
                Verdict::Open
            } else {
                Verdict::Unknown
            })
        })
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

fn unauthorized(msg: &str) -> Response {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        msg,
        "authentication_error",
        None,
        Some("invalid_api_key"),
    )
    .into_response()
}

pub fn unavailable() -> Response {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "the gateway's key store is not answering, so no request can be checked: try again shortly",
        "service_unavailable",
        None,
        Some("key_store_unavailable"),
    )
    .into_response()
}

fn too_many(msg: String, code: &str, retry_after: Option<i64>) -> Response {
    let mut resp = ApiError::new(
        StatusCode::TOO_MANY_REQUESTS,
        msg,
        if code == "insufficient_quota" {
            "insufficient_quota"
        } else {
            "rate_limit_error"
        },
        None,
        Some(code),
    )
    .into_response();
    if let Some(s) = retry_after
        && let Ok(v) = http::HeaderValue::from_str(&s.max(1).to_string())
    {
        resp.headers_mut().insert(http::header::RETRY_AFTER, v);
    }
    resp
}

pub async fn require_key(State(state): State<Shared>, req: Request, next: Next) -> Response {
    let verdict = state.keys.check(presented(&req)).await;
    let key = match verdict {
        Err(Unavailable) => return unavailable(),
        Ok(Verdict::Open | Verdict::Static) => return next.run(req).await,
        Ok(Verdict::Missing) => {
            return unauthorized(
                "missing API key: send it as 'Authorization: Bearer KEY' or 'x-api-key: KEY'",
            );
        }
        Ok(Verdict::Unknown) => return unauthorized("invalid API key"),
        Ok(Verdict::Stored(key)) => key,
    };
    let now = now_secs();
    if key.revoked_at.is_some() {
        return unauthorized("this API key was revoked: ask for a new one");
    }
    if key.expired(now) {
        return unauthorized("this API key has expired: ask for a new one");
    }
    if let Some(note) = req.extensions().get::<Note>() {
        note.caller(&key.id, &key.name);
    }
    let req = if key.models.is_empty() {
        req
    } else {
        let (req, model) = match peek_model(req).await {
            Ok(r) => r,
            Err(resp) => return resp,
        };
        if let Some(model) = model
            && !model_allowed(&state, &key.models, &model)
        {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "this API key may not use the model '{model}' (allowed: {})",
                    key.models.join(", ")
                ),
                "permission_error",
                Some("model"),
                Some("model_not_allowed"),
            )
            .into_response();
        }
        req
    };
    if let Some(max) = key.max_tokens
        && key.used_tokens >= max
    {
        return too_many(
            format!(
                "this API key's token budget of {max} tokens is spent ({} used): ask for a new key or a larger budget",
                key.used_tokens
            ),
            "insufficient_quota",
            None,
        );
    }
    if key.rpm.is_some() || key.tpm.is_some() {
        let window = now / 60 * 60;
        let retry = window + 60 - now;
        let Some(keys) = &state.key_store else {
            return unavailable();
        };
        let admitted = keys
            .rate
            .admit(&keys.store, &key.id, key.rpm, key.tpm, window, DB_TIMEOUT)
            .await;
        match admitted {
            Err(super::rate::Unavailable) => return unavailable(),
            Ok(Admission::Admitted) => {}
            Ok(Admission::Requests) => {
                return too_many(
                    format!(
                        "this API key's limit of {} requests per minute is reached: retry in {retry} s",
                        key.rpm.unwrap_or_default()
                    ),
                    "rate_limit_exceeded",
                    Some(retry),
                );
            }
            Ok(Admission::Tokens) => {
                return too_many(
                    format!(
                        "this API key's limit of {} tokens per minute is reached: retry in {retry} s",
                        key.tpm.unwrap_or_default()
                    ),
                    "rate_limit_exceeded",
                    Some(retry),
                );
            }
        }
    }
    next.run(req).await
}

/// The model a request names, learnt without the route's help: from the path of
/// `/bedrock/model/ID/...`, else from the top-level `"model"` of a JSON body under `/v1` or
/// `/api/v1` (read whole, up to the gateway's body limit, and put back for the handler).
async fn peek_model(req: Request) -> std::result::Result<(Request, Option<String>), Response> {
    let path = req.uri().path();
    if let Some(rest) = path.strip_prefix("/bedrock/model/") {
        let id = rest.split('/').next().unwrap_or_default();
        let id = percent_encoding::percent_decode_str(id)
            .decode_utf8_lossy()
            .into_owned();
        return Ok((req, Some(id)));
    }
    let json_route = path.starts_with("/v1/") || path.starts_with("/api/v1/");
    if !json_route || req.method() != http::Method::POST {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    // The body is already limited to serve.max_request_size_mb and to the body read timeout
    // (see serve_until_signal): read_body answers those as 413 and 408.
    let bytes = match super::error::read_body(body).await {
        Ok(b) => b,
        Err(e) => return Err(e.into_response()),
    };
    #[derive(serde::Deserialize)]
    struct Peek {
        model: Option<serde_json::Value>,
    }
    let model = serde_json::from_slice::<Peek>(&bytes)
        .ok()
        .and_then(|p| p.model)
        .and_then(|m| m.as_str().map(str::to_string));
    Ok((
        Request::from_parts(parts, axum::body::Body::from(bytes)),
        model,
    ))
}

/// A glob matches the name the client sent or the Bedrock id it resolves to.
fn model_allowed(state: &super::State, globs: &[String], model: &str) -> bool {
    let resolved = super::resolve_model(state, model).ok();
    globs.iter().any(|g| {
        let pattern = wildmatch::WildMatch::new(g);
        pattern.matches(model) || resolved.as_deref().is_some_and(|r| pattern.matches(r))
    })
}

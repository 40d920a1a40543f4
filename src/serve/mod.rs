//! `brock serve`: an OpenAI-compatible gateway (`/v1/...`, also under `/api/v1/...`), the
//! Anthropic Messages API (`/v1/messages`) and a native Bedrock pass-through (`/bedrock/...`)
//! over the same transport as every other subcommand.
//!
//! The handlers are thin adapters: OpenAI JSON → brock-core's canonical request → the
//! transport → brock-core's stream events → OpenAI JSON. Nothing here translates on its own.

mod admin;
mod auth;
mod chat;
mod error;
mod extra;
mod keys;
mod log;
mod messages;
mod metrics;
mod models;
mod passthrough;
mod rate;
mod responses;
mod store;
mod usage;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{any, get, post};
use brock_bedrock::Client;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::timeout::RequestBodyTimeoutLayer;

use auth::StoreKeys;
pub use auth::{KeyCheck, StaticKeys};
pub use store::redact as redact_url;

use clap::Args;

use crate::cli::number;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::printer::Printer;

#[derive(Debug, Clone, Args)]
#[command(after_long_help = KEYS_HELP)]
pub struct ServeArgs {
    #[command(subcommand)]
    pub command: Option<keys::ServeCommand>,

    /// The key store: a SQLite file or postgres://USER@HOST/DB shared by replicas (default <data dir>/serve.db); env BROCK_SERVE_DATABASE
    #[arg(long, global = true, value_name = "URL")]
    pub database: Option<String>,

    /// Environment variable holding the admin API's master key (/admin/keys); env BROCK_SERVE_MASTER_KEY_ENV
    #[arg(long, value_name = "NAME")]
    pub master_key_env: Option<String>,

    /// Address to listen on (default 127.0.0.1:4000; port 0 picks a free port); env BROCK_SERVE_LISTEN
    #[arg(long, value_name = "ADDR")]
    pub listen: Option<String>,

    /// Environment variable holding a key clients must send (Authorization: Bearer or x-api-key); repeatable; env BROCK_SERVE_API_KEY_ENV
    #[arg(long = "api-key-env", value_name = "NAME")]
    pub api_key_env: Vec<String>,

    /// Request log format on stderr; env BROCK_SERVE_LOG_FORMAT
    #[arg(long, value_name = "FORMAT", value_parser = ["text", "json"])]
    pub log_format: Option<String>,

    /// Seconds to let in-flight requests finish after SIGTERM or Ctrl-C; env BROCK_SERVE_DRAIN_TIMEOUT
    #[arg(long, value_name = "SECONDS", value_parser = number::<f64>("serve.drain_timeout"))]
    pub drain_timeout: Option<f64>,

    /// Allow browser requests from this origin (CORS; off by default); repeatable; env BROCK_SERVE_CORS_ORIGINS
    #[arg(long = "cors-origin", value_name = "ORIGIN")]
    pub cors_origins: Vec<String>,

    /// Seconds a client has to send its request headers (default 10); env BROCK_SERVE_HEADER_READ_TIMEOUT
    #[arg(long, value_name = "SECONDS", value_parser = number::<f64>("serve.header_read_timeout"))]
    pub header_read_timeout: Option<f64>,

    /// Seconds a client may pause while sending its request body (default 30); env BROCK_SERVE_BODY_READ_TIMEOUT
    #[arg(long, value_name = "SECONDS", value_parser = number::<f64>("serve.body_read_timeout"))]
    pub body_read_timeout: Option<f64>,

    /// Largest request body in MiB (default 32); larger ones are answered 413; env BROCK_SERVE_MAX_REQUEST_SIZE_MB
    #[arg(long, value_name = "MIB", value_parser = number::<u64>("serve.max_request_size_mb"))]
    pub max_request_size_mb: Option<u64>,
}

const KEYS_HELP: &str = "Virtual keys (a key store in <data dir>/serve.db, or --database postgres://… shared by replicas):\n  \
brock serve keys create --name alice --models 'nova-*' --rpm 60 --max-tokens 1000000 --expires 30d\n  \
brock serve keys list --output json\n  \
brock serve keys revoke alice\n  \
brock serve usage --since 7d --by model\n\n\
Give the printed brk-… key to a client as its API key (OpenAI SDK: api_key=, base_url=http://HOST:4000/v1).\n\
Two replicas on one Postgres: BROCK_SERVE_DATABASE=postgres://USER@HOST/DB brock serve --listen 0.0.0.0:4000\n\
Admin API: --master-key-env NAME, then POST /admin/keys, GET /admin/keys, POST /admin/keys/NAME/revoke.";

/// The default largest request body (a chat with inline images or documents; Bedrock's own
/// request limit for Converse is 20 MB of attachments in base64); `serve.max_request_size_mb`.
pub const MAX_BODY: usize = 32 * 1024 * 1024;
/// By default a client must send its request headers within this time, and each piece of its
/// body within [`BODY_READ_TIMEOUT`], so a slow client cannot hold a connection open for nothing.
const HEADER_READ_TIMEOUT: f64 = 10.0;
const BODY_READ_TIMEOUT: f64 = 30.0;

/// What a client may take: time for its headers, pauses in its body, the body's size.
#[derive(Debug, Clone, Copy)]
struct ClientLimits {
    header_read: Duration,
    body_read: Duration,
    max_body: usize,
}
const DEFAULT_LISTEN: &str = "127.0.0.1:4000";
const DEFAULT_DRAIN: f64 = 30.0;

/// What every handler shares.
pub struct State {
    pub client: Client,
    pub settings: Settings,
    /// OpenAI model names clients send → brock model names (`[serve.models]`).
    pub models: BTreeMap<String, String>,
    pub keys: Arc<dyn KeyCheck>,
    pub log_json: bool,
    pub model_cache: models::Cache,
    pub responses: responses::Store,
    /// The key store behind `keys` (absent only where a caller builds a State without one).
    pub key_store: Option<Arc<StoreKeys>>,
    pub usage: Option<usage::Sink>,
    pub master_key: Option<Vec<u8>>,
}

impl State {
    fn store(&self) -> Option<&Arc<store::Store>> {
        self.key_store.as_ref().map(|k| &k.store)
    }

    fn forget_keys(&self) {
        if let Some(k) = &self.key_store {
            k.forget_all();
        }
    }
}

pub type Shared = Arc<State>;

pub async fn run(printer: &Printer, settings: &Settings, args: &ServeArgs) -> Result<()> {
    let serve = &settings.serve;
    let database = args.database.as_deref().or(serve.database.as_deref());
    if let Some(cmd) = &args.command {
        let gateway_only = args.listen.is_some()
            || !args.api_key_env.is_empty()
            || args.log_format.is_some()
            || args.drain_timeout.is_some()
            || !args.cors_origins.is_empty()
            || args.master_key_env.is_some();
        if gateway_only {
            return Err(Error::usage(
                "--listen, --api-key-env, --log-format, --drain-timeout, --cors-origin and --master-key-env start a gateway: `brock serve keys` and `brock serve usage` take only --database",
            ));
        }
        return keys::run(printer, settings, database, cmd).await;
    }
    let listen = args
        .listen
        .clone()
        .or_else(|| serve.listen.clone())
        .unwrap_or_else(|| DEFAULT_LISTEN.to_string());
    let addr: SocketAddr = listen.trim().parse().map_err(|_| {
        Error::usage(format!(
            "--listen {listen:?}: expected IP:PORT, e.g. 127.0.0.1:4000 (port 0 picks a free one)"
        ))
    })?;
    let key_vars = if args.api_key_env.is_empty() {
        serve.api_key_env.clone()
    } else {
        args.api_key_env.clone()
    };
    let fixed = StaticKeys::from_env(&key_vars)?;
    let master_key = admin::master_key(
        args.master_key_env
            .as_deref()
            .or(serve.master_key_env.as_deref()),
        serve.master_key_file.as_deref(),
    )?;
    let store = Arc::new(store::Store::open(database).await?);
    let open = fixed.is_empty() && !store.has_keys().await.map_err(|e| store.error(&e))?;
    if open && !addr.ip().is_loopback() {
        return Err(Error::usage(format!(
            "refusing to listen on {addr} without an API key: anyone who can reach it could use your AWS account; give --api-key-env NAME (a variable holding the key clients must send), create a key with `brock serve keys create --name NAME`, or listen on 127.0.0.1"
        )));
    }
    let keys = Arc::new(StoreKeys::new(fixed, store.clone()));
    let usage = usage::start(store.clone(), keys.rate.clone());
    let log_json = match args.log_format.as_deref().or(serve.log_format.as_deref()) {
        None | Some("text") => false,
        Some("json") => true,
        Some(other) => {
            return Err(Error::config(format!(
                "serve.log_format {other:?}: expected text or json"
            )));
        }
    };
    let drain = Duration::from_secs_f64(
        args.drain_timeout
            .or(serve.drain_timeout)
            .unwrap_or(DEFAULT_DRAIN),
    );
    let cors_origins = if args.cors_origins.is_empty() {
        serve.cors_origins.clone()
    } else {
        args.cors_origins.clone()
    };
    let cors = cors_layer(&cors_origins)?;
    let limits = ClientLimits {
        header_read: Duration::from_secs_f64(
            args.header_read_timeout
                .or(serve.header_read_timeout)
                .unwrap_or(HEADER_READ_TIMEOUT),
        ),
        body_read: Duration::from_secs_f64(
            args.body_read_timeout
                .or(serve.body_read_timeout)
                .unwrap_or(BODY_READ_TIMEOUT),
        ),
        max_body: args
            .max_request_size_mb
            .or(serve.max_request_size_mb)
            .map_or(MAX_BODY, |mb| mb as usize * 1024 * 1024),
    };

    let client = crate::transport::client(settings).await?;
    let state: Shared = Arc::new(State {
        client,
        settings: settings.clone(),
        models: serve.models.clone(),
        keys: keys.clone(),
        log_json,
        model_cache: models::Cache::default(),
        responses: responses::Store::default(),
        key_store: Some(keys),
        usage: Some(usage.clone()),
        master_key,
    });

    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Error::Network(format!("cannot listen on {addr}: {e}")))?;
    let local = listener
        .local_addr()
        .map_err(|e| Error::io("reading the listening address", e))?;
    // The first line on stdout, for scripts and tests that start the gateway on port 0. A
    // reader that took it and left (`brock serve | head -1`) must not stop the gateway.
    let _ = printer.out(&format!("http://{local}\n"));
    crate::render::diag(&format!(
        "serve: OpenAI API at http://{local}/v1, Anthropic Messages API at http://{local}/v1/messages, Bedrock pass-through at http://{local}/bedrock{}",
        if open { " (no API key required)" } else { "" }
    ));

    let app = router(state.clone(), cors);
    let served = serve_until_signal(listener, app, drain, limits).await;
    // Every finished request's usage is in the channel by now: write it before exiting.
    let unwritten = usage.flush(Duration::from_secs(10)).await;
    if unwritten > 0 {
        crate::render::diag(&format!(
            "serve: the usage of {} requests could not be written to {}",
            if unwritten == usize::MAX {
                "some".to_string()
            } else {
                unwritten.to_string()
            },
            store.shown
        ));
    }
    store.close().await;
    served
}

fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>> {
    if origins.is_empty() {
        return Ok(None);
    }
    let mut values = Vec::new();
    for o in origins {
        values.push(o.parse::<http::HeaderValue>().map_err(|_| {
            Error::config(format!("CORS origin {o:?} is not a valid header value"))
        })?);
    }
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(values))
            .allow_methods(tower_http::cors::Any)
            .allow_headers(tower_http::cors::Any),
    ))
}

/// The routes. Authentication and the request log wrap all of them but `/health` (for load
/// balancers, which poll it often and hold no key); CORS only when configured.
pub fn router(state: Shared, cors: Option<CorsLayer>) -> Router {
    let openai = Router::new()
        .route("/chat/completions", post(chat::completions))
        .route("/models", get(models::list))
        .route("/embeddings", post(extra::embeddings))
        .route("/images/generations", post(extra::images))
        .route("/rerank", post(extra::rerank))
        .route("/responses", post(responses::create))
        .route(
            "/responses/{id}",
            get(responses::get).delete(responses::delete),
        )
        .route("/messages", post(messages::create))
        .route("/messages/count_tokens", post(messages::count_tokens));
    let app = Router::new()
        .nest("/v1", openai.clone())
        .nest("/api/v1", openai)
        .route("/bedrock/{*path}", any(passthrough::forward))
        .route("/metrics", get(metrics::metrics))
        .fallback(error::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ))
        .layer(axum::middleware::from_fn(messages::anthropic_errors))
        .nest("/admin", admin_routes(state.clone()))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            log::log_request,
        ))
        .route("/health", get(metrics::health))
        .with_state(state);
    match cors {
        Some(c) => app.layer(c),
        None => app,
    }
}

/// The admin API, behind the master key instead of client keys.
fn admin_routes(state: Shared) -> Router<Shared> {
    Router::new()
        .route("/keys", post(admin::create).get(admin::list))
        .route("/keys/{name}/revoke", post(admin::revoke))
        .layer(axum::middleware::from_fn_with_state(
            state,
            admin::require_master,
        ))
}

/// Accepts connections until SIGTERM or Ctrl-C, then stops accepting and lets in-flight
/// requests finish for up to `drain`.
async fn serve_until_signal(
    listener: tokio::net::TcpListener,
    app: Router,
    drain: Duration,
    limits: ClientLimits,
) -> Result<()> {
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _peer) = match accepted {
                    Ok(a) => a,
                    // Out of file descriptors and the like: wait a moment rather than spin.
                    Err(_) => {
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let max_body = limits.max_body;
                let service = TowerToHyperService::new(
                    ServiceBuilder::new()
                        .layer(RequestBodyTimeoutLayer::new(limits.body_read))
                        .map_request(move |req: http::Request<_>| {
                            req.map(|b| error::limit_body(b, max_body))
                        })
                        .service(app.clone()),
                );
                let conn = builder
                    .serve_connection_with_upgrades(TokioIo::new(stream), service)
                    .into_owned();
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = &mut stop => break,
        }
    }
    drop(listener);
    crate::render::diag("serve: stopping; letting in-flight requests finish");
    tokio::select! {
        _ = graceful.shutdown() => {
            crate::render::diag("serve: stopped");
        }
        _ = tokio::time::sleep(drain) => {
            crate::render::diag(&format!(
                "serve: requests still running after {} s were cut",
                drain.as_secs_f64()
            ));
        }
    }
    Ok(())
}

async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Seconds since the epoch, for `created` fields.
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Resolves the model a client named: `[serve.models]` first, then brock's aliases and ids.
/// A bare word that is neither is a model this gateway does not know (404, nothing sent).
fn resolve_model(state: &State, name: &str) -> std::result::Result<String, error::ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(error::ApiError::bad_request(
            "'model' is required",
            Some("model"),
        ));
    }
    let target = state.models.get(name).map(String::as_str).unwrap_or(name);
    let resolved = state.settings.resolve_model(target).or_else(|e| {
        // The names Anthropic's clients send (`claude-sonnet-4-5-20250929`).
        let region = state.settings.region.as_deref().unwrap_or("us-east-1");
        brock_core::model::claude_api_alias(target)
            .and_then(|a| a.resolve(region).ok())
            .ok_or(e)
    });
    resolved.map_err(|_| {
        error::ApiError::new(
            http::StatusCode::NOT_FOUND,
            format!(
                "The model '{name}' does not exist: use a Bedrock model id, a brock alias, or map it in [serve.models]"
            ),
            "invalid_request_error",
            Some("model"),
            Some("model_not_found"),
        )
    })
}

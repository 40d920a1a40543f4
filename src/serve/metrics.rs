//! `/metrics` in the OpenMetrics text format (what Prometheus asks for first when it scrapes)
//! and `/health` for load balancers.
//!
//! Requests, tokens and latency are recorded where log.rs writes its per-request line, so the
//! log and the metrics count the same requests; upstream errors where a transport error
//! becomes an answer. No label carries anything a client presented as a key, and the label
//! values are bounded: routes are the router's patterns, not the paths clients sent.

use std::sync::LazyLock;

use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::log::Fields;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    model: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ModelLabels {
    model: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

/// Seconds from the request's arrival to the end of its answer's body (a stream's last byte).
/// From a millisecond (a gateway's own overhead) to the two minutes a long answer may take.
const LATENCY_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0,
];

struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    input_tokens: Family<ModelLabels, Counter>,
    output_tokens: Family<ModelLabels, Counter>,
    latency: Family<RouteLabels, Histogram>,
    upstream_errors: Family<KindLabels, Counter>,
    streams: Gauge,
}

/// One per process, like the gateway it describes: errors are counted inside `From`
/// conversions that have no handler state to reach a registry through.
static METRICS: LazyLock<Metrics> = LazyLock::new(|| {
    let mut registry = Registry::with_prefix("brock_gateway");
    let requests = Family::<RequestLabels, Counter>::default();
    registry.register(
        "requests",
        "Requests answered, by route, model and HTTP status",
        requests.clone(),
    );
    let input_tokens = Family::<ModelLabels, Counter>::default();
    registry.register(
        "input_tokens",
        "Input tokens Bedrock counted, by model",
        input_tokens.clone(),
    );
    let output_tokens = Family::<ModelLabels, Counter>::default();
    registry.register(
        "output_tokens",
        "Output tokens Bedrock counted, by model",
        output_tokens.clone(),
    );
    let latency = Family::<RouteLabels, Histogram>::new_with_constructor(
        (|| Histogram::new(LATENCY_BUCKETS.iter().copied())) as fn() -> Histogram,
    );
    registry.register(
        "request_duration_seconds",
        "Time from a request's arrival to the end of its answer, by route",
        latency.clone(),
    );
    let upstream_errors = Family::<KindLabels, Counter>::default();
    registry.register(
        "upstream_errors",
        "Failed calls to Bedrock, by kind: throttled, client_error, server_error, timeout, network, protocol, setup",
        upstream_errors.clone(),
    );
    let streams = Gauge::default();
    registry.register(
        "streams_in_flight",
        "Streamed answers (server-sent events, event streams) now open",
        streams.clone(),
    );
    Metrics {
        registry,
        requests,
        input_tokens,
        output_tokens,
        latency,
        upstream_errors,
        streams,
    }
});

/// The route label of a request: the router's pattern (`/v1/chat/completions`), refined for
/// the pass-through to the operation (`/bedrock/model/{modelId}/converse`), `unmatched`
/// for paths no route serves.
pub fn route(matched: Option<&str>, path: &str) -> String {
    match matched {
        Some(m) if m.starts_with("/bedrock/") => bedrock_route(path),
        Some(m) => m.to_string(),
        None => "unmatched".into(),
    }
}

fn bedrock_route(path: &str) -> String {
    const FIRST: &[&str] = &[
        "model",
        "guardrail",
        "async-invoke",
        "knowledgebases",
        "agents",
        "flows",
        "rerank",
        "retrieveAndGenerate",
        "retrieveAndGenerateStream",
        "sessions",
        "optimize-prompt",
    ];
    const MODEL_OPS: &[&str] = &[
        "converse",
        "converse-stream",
        "invoke",
        "invoke-with-response-stream",
        "count-tokens",
    ];
    let mut segments = path.trim_start_matches("/bedrock/").split('/');
    let first = segments.next().unwrap_or("");
    if !FIRST.contains(&first) {
        return "/bedrock/other".into();
    }
    if first == "model" {
        let op = segments.nth(1).unwrap_or("");
        let op = if MODEL_OPS.contains(&op) { op } else { "other" };
        return format!("/bedrock/model/{{modelId}}/{op}");
    }
    format!("/bedrock/{first}")
}

/// Counts one answered request (called once per request, when its body ended).
pub fn record(route: &str, status: u16, seconds: f64, fields: &Fields) {
    let m = &*METRICS;
    // A request refused before Bedrock accepted its model (unknown model, bad input) may name
    // anything: such names would grow the label set without bound, so they are not kept.
    let model = match &fields.model {
        Some(name) if !(400..429).contains(&status) => name.clone(),
        _ => String::new(),
    };
    m.requests
        .get_or_create(&RequestLabels {
            route: route.to_string(),
            model: model.clone(),
            status,
        })
        .inc();
    m.latency
        .get_or_create(&RouteLabels {
            route: route.to_string(),
        })
        .observe(seconds);
    if let (Some(i), Some(o)) = (fields.input_tokens, fields.output_tokens) {
        let labels = ModelLabels { model };
        m.input_tokens.get_or_create(&labels).inc_by(i);
        m.output_tokens.get_or_create(&labels).inc_by(o);
    }
}

/// Counts one failed call to Bedrock.
pub fn upstream_error(e: &brock_bedrock::Error) {
    use brock_bedrock::Error as E;
    let kind = match e {
        E::Service { status, code, .. } => service_kind(*status, code),
        E::Timeout(_) => "timeout",
        E::Network(_) => "network",
        E::Protocol(_) => "protocol",
        _ => "setup",
    };
    upstream_error_kind(kind);
}

/// Counts an error answer the pass-through hands back as AWS gave it.
pub fn upstream_status(status: u16, code: &str) {
    upstream_error_kind(service_kind(status, code));
}

pub fn upstream_error_kind(kind: &'static str) {
    METRICS
        .upstream_errors
        .get_or_create(&KindLabels { kind })
        .inc();
}

fn service_kind(status: u16, code: &str) -> &'static str {
    if status == 429 || code.contains("Throttl") {
        "throttled"
    } else if status >= 500 {
        "server_error"
    } else {
        "client_error"
    }
}

/// Held while a streamed answer is open; counted in `streams_in_flight`.
pub struct StreamGuard(());

impl StreamGuard {
    /// A guard when `content_type` is a stream's (server-sent events, AWS event stream).
    pub fn open(content_type: Option<&http::HeaderValue>) -> Option<StreamGuard> {
        let ct = content_type?.to_str().ok()?;
        (ct.starts_with("text/event-stream")
            || ct.starts_with("application/vnd.amazon.eventstream"))
        .then(|| {
            METRICS.streams.inc();
            StreamGuard(())
        })
    }
}

impl Drop for StreamGuard {
    fn drop(&mut self) {
        METRICS.streams.dec();
    }
}

pub async fn metrics() -> Response {
    let mut text = String::new();
    if prometheus_client::encoding::text::encode(&mut text, &METRICS.registry).is_err() {
        return http::StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            http::header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// For load balancers: no key, no upstream call, not logged.
pub async fn health() -> Response {
    axum::Json(serde_json::json!({ "status": "ok" })).into_response()
}

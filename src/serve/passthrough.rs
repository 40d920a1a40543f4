//! `/bedrock/...`: native Bedrock calls forwarded as they are, re-signed with the gateway's
//! credentials. Bodies go up byte for byte; answers (event streams too) come back chunk by
//! chunk as they arrive, with AWS's status, headers and error bodies. As in LiteLLM's proxy,
//! agent-runtime paths go to bedrock-agent-runtime and everything else to bedrock-runtime.

use axum::Extension;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use brock_bedrock::{ApiRequest, Service};

use super::Shared;
use super::error::{ApiError, read_body};
use super::log::Note;

/// Request headers the client may set that mean something to Bedrock. Everything else (its
/// authorization, its host, hop-by-hop headers) stays here.
const FORWARDED_REQUEST: &[&str] = &[
    "content-type",
    "accept",
    "x-amzn-bedrock-accept",
    "x-amzn-bedrock-trace",
    "x-amzn-bedrock-guardrailidentifier",
    "x-amzn-bedrock-guardrailversion",
    "x-amzn-bedrock-performanceconfig-latency",
    "x-amzn-bedrock-service-tier",
    "x-amz-client-context",
    "x-amz-source-arn",
];

/// Response headers not passed back: the connection's own, recomputed by this server.
const HOP_BY_HOP: &[&str] = &[
    "connection",
    "keep-alive",
    "transfer-encoding",
    "content-length",
    "upgrade",
    "proxy-authenticate",
    "trailer",
    "te",
];

fn service_for(path: &str) -> Service {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    match first {
        "knowledgebases"
        | "agents"
        | "flows"
        | "rerank"
        | "retrieveAndGenerate"
        | "retrieveAndGenerateStream"
        | "sessions"
        | "optimize-prompt" => Service::AgentRuntime,
        _ => Service::Runtime,
    }
}

pub async fn forward(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    req: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = req.into_parts();
    // The raw (still percent-encoded) path after /bedrock, and the query as sent: the
    // signature covers them exactly as Bedrock will see them.
    let path = parts
        .uri
        .path()
        .strip_prefix("/bedrock")
        .unwrap_or("/")
        .to_string();
    let path = if path.is_empty() {
        "/".to_string()
    } else {
        path
    };
    let full = match parts.uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.clone(),
    };
    if let Some(id) = path
        .strip_prefix("/model/")
        .and_then(|rest| rest.split('/').next())
    {
        note.model(&percent_encoding::percent_decode_str(id).decode_utf8_lossy());
    }
    let body = read_body(body).await?;
    let service = service_for(&path);
    let mut api = ApiRequest {
        service,
        method: parts.method.clone(),
        path: full,
        headers: Vec::new(),
        body,
    };
    for (name, value) in &parts.headers {
        if FORWARDED_REQUEST.contains(&name.as_str())
            && let Ok(v) = value.to_str()
        {
            api = api.header(name.as_str(), v);
        }
    }
    // Retries as the CLI's; the last error answer is handed back as AWS gave it.
    let attempts = state.settings.max_attempts;
    let upstream = state.client.send_with(&api, attempts, true).await?;
    if upstream.status >= 400 {
        let code = upstream.header("x-amzn-errortype").unwrap_or("");
        super::metrics::upstream_status(upstream.status, code.split(':').next().unwrap_or(""));
    }
    let mut builder = Response::builder().status(upstream.status);
    for (name, value) in &upstream.headers {
        if !HOP_BY_HOP.contains(&name.as_str()) {
            builder = builder.header(name, value);
        }
    }
    // Each chunk goes out as soon as it arrives; a client that goes away drops the stream and
    // with it the upstream connection.
    let body = futures_util::stream::unfold(Some(upstream), |up| async move {
        let mut up = up?;
        match up.chunk().await {
            Ok(Some(b)) => Some((Ok::<_, brock_bedrock::Error>(b), Some(up))),
            Ok(None) => None,
            Err(e) => {
                super::metrics::upstream_error(&e);
                Some((Err(e), None))
            }
        }
    });
    Ok(builder
        .body(Body::from_stream(body))
        .unwrap_or_else(|_| http::StatusCode::BAD_GATEWAY.into_response()))
}

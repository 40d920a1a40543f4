//! `POST /v1/embeddings`, `/v1/images/generations` and `/v1/rerank`: OpenAI (and, for rerank,
//! Cohere/Jina as LiteLLM serves it) shapes over brock-core's InvokeModel bodies and parsers.

use axum::body::Body;
use axum::extract::State;
use axum::{Extension, Json};
use brock_bedrock::{ApiRequest, Service, path_segment};
use brock_core::embed::{EmbedFamily, EmbedOptions};
use brock_core::image::{ImageFamily, ImageRequest};
use serde_json::{Value, json};

use super::error::{ApiError, read_json};
use super::log::Note;
use super::{Shared, resolve_model, unix_now};

fn field_error(param: &str, msg: impl Into<String>) -> ApiError {
    ApiError::bad_request(msg, Some(param))
}

fn model_of(state: &Shared, body: &Value) -> Result<(String, String), ApiError> {
    let name = match body.get("model") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => String::new(),
        Some(_) => return Err(field_error("model", "'model' must be a string")),
    };
    let id = resolve_model(state, &name)?;
    Ok((name, id))
}

fn core_field(param: &str, e: brock_core::Error) -> ApiError {
    field_error(param, e.to_string())
}

fn token_count(resp: &brock_bedrock::ApiResponse) -> u64 {
    resp.header("x-amzn-bedrock-input-token-count")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

/// Token ids as OpenAI clients send them (LangChain's OpenAIEmbeddings does by default) back
/// to text, with OpenAI's embedding models' encoding (cl100k_base), as the Bedrock Access
/// Gateway does: Bedrock's embedding models take text.
fn decode_tokens(ids: &[Value], what: &str) -> Result<String, ApiError> {
    static BPE: std::sync::OnceLock<Option<tiktoken_rs::CoreBPE>> = std::sync::OnceLock::new();
    let ids: Vec<u32> = ids
        .iter()
        .map(|v| v.as_u64().and_then(|n| u32::try_from(n).ok()))
        .collect::<Option<_>>()
        .ok_or_else(|| {
            field_error(
                "input",
                format!("'{what}' must hold token ids (non-negative integers)"),
            )
        })?;
    if ids.is_empty() {
        return Err(field_error("input", format!("'{what}' is empty")));
    }
    let bpe = BPE
        .get_or_init(|| tiktoken_rs::cl100k_base().ok())
        .as_ref()
        .ok_or_else(|| {
            field_error(
                "input",
                "token arrays cannot be decoded here: send the text",
            )
        })?;
    bpe.decode(&ids).map_err(|_| {
        field_error(
            "input",
            format!("'{what}' holds ids that are not cl100k_base tokens"),
        )
    })
}

pub async fn embeddings(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let body = read_json(body).await?;
    let texts: Vec<String> = match body.get("input") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) if !items.is_empty() => {
            if items.iter().all(Value::is_string) {
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            } else if items.iter().all(Value::is_number) {
                vec![decode_tokens(items, "input")?]
            } else if items.iter().all(Value::is_array) {
                items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        decode_tokens(
                            t.as_array().map(Vec::as_slice).unwrap_or(&[]),
                            &format!("input[{i}]"),
                        )
                    })
                    .collect::<Result<_, _>>()?
            } else {
                return Err(field_error(
                    "input",
                    "'input' must be a string, an array of strings, or token arrays",
                ));
            }
        }
        Some(Value::Array(_)) => {
            return Err(field_error("input", "'input' must not be empty"));
        }
        None | Some(Value::Null) => {
            return Err(field_error("input", "'input' is required"));
        }
        Some(_) => {
            return Err(field_error(
                "input",
                "'input' must be a string or an array of strings",
            ));
        }
    };
    if let Some(i) = texts.iter().position(|t| t.trim().is_empty()) {
        return Err(field_error(
            "input",
            format!("'input[{i}]' is empty: Bedrock embeds no empty text"),
        ));
    }
    let base64 = match body.get("encoding_format") {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) if s == "float" => false,
        Some(Value::String(s)) if s == "base64" => true,
        Some(_) => {
            return Err(field_error(
                "encoding_format",
                "'encoding_format' must be \"float\" or \"base64\"",
            ));
        }
    };
    let (name, id) = model_of(&state, &body)?;
    note.model(&name);
    let family = EmbedFamily::detect(&id).ok_or_else(|| {
        field_error(
            "model",
            format!("'{name}' ({id}) is not an embedding model Bedrock offers (Titan, Cohere Embed, Nova embeddings)"),
        )
    })?;
    let mut opts = EmbedOptions::default();
    match body.get("dimensions") {
        None | Some(Value::Null) => {}
        Some(v) => {
            let d = v
                .as_u64()
                .and_then(|d| u32::try_from(d).ok())
                .ok_or_else(|| {
                    field_error("dimensions", "'dimensions' must be a positive integer")
                })?;
            opts.dimensions = Some(d);
        }
    }
    opts.validate(family)
        .map_err(|e| core_field("dimensions", e))?;
    let too_long = family.max_chars();
    if let Some(i) = texts.iter().position(|t| t.chars().count() > too_long) {
        return Err(field_error(
            "input",
            format!(
                "'input[{i}]' is longer than {too_long} characters, the most {} takes",
                family.name()
            ),
        ));
    }

    let path = format!("/model/{}/invoke", path_segment(&id));
    let batch = family.max_batch().max(1);
    let calls = texts.chunks(batch).map(|chunk| {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        let req_body = brock_core::embed::request_body(family, &refs, &opts);
        let api = ApiRequest::post_json(Service::Runtime, path.clone(), &req_body)
            .header("accept", "application/json");
        let client = state.client.clone();
        let n = chunk.len();
        async move {
            let resp = super::error::send(&client, &api).await?;
            let tokens = token_count(&resp);
            let v = resp.json().await?;
            let vectors = brock_core::embed::parse_response(family, &v, None, n)
                .map_err(super::chat::upstream_shape)?;
            Ok::<_, ApiError>((vectors, tokens))
        }
    });
    // Concurrent as `brock embed` sends its batches; the answers come back in input order.
    let answers = futures_util::future::try_join_all(calls).await?;
    let mut data = Vec::new();
    let mut tokens = 0;
    for (vectors, t) in answers {
        tokens += t;
        for v in vectors {
            let embedding = if base64 {
                json!(v.to_base64())
            } else {
                v.to_json()
            };
            data.push(
                json!({ "object": "embedding", "index": data.len(), "embedding": embedding }),
            );
        }
    }
    note.tokens(tokens, 0);
    Ok(Json(json!({
        "object": "list",
        "data": data,
        "model": name,
        "usage": { "prompt_tokens": tokens, "total_tokens": tokens },
    })))
}

pub async fn images(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let body = read_json(body).await?;
    let prompt = match body.get("prompt") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Err(field_error("prompt", "'prompt' must be a non-empty string")),
    };
    let (name, id) = model_of(&state, &body)?;
    note.model(&name);
    let family = ImageFamily::detect(&id).ok_or_else(|| {
        field_error(
            "model",
            format!("'{name}' ({id}) is not an image model Bedrock offers (Nova Canvas, Titan Image, Stability)"),
        )
    })?;
    match body.get("response_format") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "b64_json" => {}
        Some(_) => {
            return Err(field_error(
                "response_format",
                "only \"b64_json\" is served: Bedrock returns the image itself, not a URL",
            ));
        }
    }
    let mut req = ImageRequest {
        prompt: Some(prompt),
        ..Default::default()
    };
    match body.get("n") {
        None | Some(Value::Null) => {}
        Some(v) => {
            req.count = Some(
                v.as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| field_error("n", "'n' must be a positive integer"))?,
            )
        }
    }
    match body.get("size") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) if s == "auto" => {}
        Some(Value::String(s)) => {
            let (w, h) = brock_core::image::parse_size(s).map_err(|e| core_field("size", e))?;
            req.width = Some(w);
            req.height = Some(h);
        }
        Some(_) => {
            return Err(field_error(
                "size",
                "'size' must be a string such as 1024x1024",
            ));
        }
    }
    if let Some(q) = body.get("quality").and_then(Value::as_str) {
        // OpenAI's hd/high is Nova Canvas and Titan's premium.
        req.quality = Some(match q {
            "hd" | "high" => "premium".into(),
            _ => "standard".into(),
        });
        if !matches!(family, ImageFamily::NovaCanvas | ImageFamily::TitanImage) {
            req.quality = None;
        }
    }
    req.validate(family).map_err(|e| core_field("prompt", e))?;
    let req_body = brock_core::image::request_body(family, &req);
    let api = ApiRequest::post_json(
        Service::Runtime,
        format!("/model/{}/invoke", path_segment(&id)),
        &req_body,
    )
    .header("accept", "application/json");
    let v = super::error::send(&state.client, &api)
        .await?
        .json()
        .await?;
    let parsed = brock_core::image::parse_response(family, &v, req.seed)
        .map_err(super::chat::upstream_shape)?;
    if let Some(err) = parsed.error.filter(|_| parsed.images.is_empty()) {
        return Err(ApiError::new(
            http::StatusCode::BAD_REQUEST,
            err,
            "invalid_request_error",
            Some("prompt"),
            Some("content_policy_violation"),
        ));
    }
    use base64::Engine;
    let data: Vec<Value> = parsed
        .images
        .iter()
        .map(|g| json!({ "b64_json": base64::engine::general_purpose::STANDARD.encode(&g.bytes) }))
        .collect();
    Ok(Json(json!({ "created": unix_now(), "data": data })))
}

pub async fn rerank(
    State(state): State<Shared>,
    Extension(note): Extension<Note>,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let body = read_json(body).await?;
    let query = match body.get("query") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => return Err(field_error("query", "'query' must be a non-empty string")),
    };
    let docs: Vec<String> = match body.get("documents") {
        Some(Value::Array(items)) if !items.is_empty() => items
            .iter()
            .enumerate()
            .map(|(i, d)| match d {
                Value::String(s) => Ok(s.clone()),
                Value::Object(o) => o
                    .get("text")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| {
                        field_error("documents", format!("'documents[{i}]' has no \"text\""))
                    }),
                _ => Err(field_error(
                    "documents",
                    format!("'documents[{i}]' must be a string or {{\"text\": ...}}"),
                )),
            })
            .collect::<Result<_, _>>()?,
        _ => {
            return Err(field_error(
                "documents",
                "'documents' must be a non-empty array",
            ));
        }
    };
    let top_n = match body.get("top_n") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .filter(|n| *n > 0)
                .ok_or_else(|| field_error("top_n", "'top_n' must be a positive integer"))?
                as usize,
        ),
    };
    let return_documents = body
        .get("return_documents")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let (name, id) = model_of(&state, &body)?;
    note.model(&name);
    if !brock_core::rerank::is_rerank_model(&id) {
        return Err(field_error(
            "model",
            format!("'{name}' ({id}) is not a rerank model (amazon.rerank, cohere.rerank)"),
        ));
    }
    let arn = brock_core::rerank::model_arn(&id, state.client.region())
        .map_err(|e| core_field("model", e))?;
    let req_body = brock_core::rerank::rerank_body(&arn, &query, &docs, top_n, false)
        .map_err(|e| core_field("documents", e))?;
    let api = ApiRequest::post_json(Service::AgentRuntime, "/rerank", &req_body);
    let v = super::error::send(&state.client, &api)
        .await?
        .json()
        .await?;
    let ranked =
        brock_core::rerank::parse_rerank(&v, docs.len()).map_err(super::chat::upstream_shape)?;
    let mut out =
        brock_core::rerank::cohere_results(&ranked, return_documents.then_some(docs.as_slice()));
    out["id"] = json!(uuid::Uuid::new_v4().to_string());
    out["model"] = json!(name);
    Ok(Json(out))
}

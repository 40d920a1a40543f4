//! `GET /v1/models`: the foundation models and system inference profiles of the region, the
//! configured aliases and `[serve.models]` names, in OpenAI's list format. The Bedrock part is
//! cached for [`TTL`]: the catalog changes a few times a month, clients ask on every start.

use std::time::{Duration, Instant};

use axum::Json;
use axum::extract::State;
use brock_bedrock::{ApiRequest, Client, Service};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use super::Shared;
use super::error::ApiError;

const TTL: Duration = Duration::from_secs(600);

#[derive(Default)]
pub struct Cache(Mutex<Option<(Instant, Vec<Value>)>>);

pub async fn list(State(state): State<Shared>) -> Result<Json<Value>, ApiError> {
    let upstream = {
        let mut cached = state.model_cache.0.lock().await;
        match cached.as_ref() {
            Some((at, v)) if at.elapsed() < TTL => v.clone(),
            _ => {
                let v = fetch(&state.client).await?;
                *cached = Some((Instant::now(), v.clone()));
                v
            }
        }
    };
    let mut data = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let entry = |id: &str, owner: &str| json!({ "id": id, "object": "model", "created": 0, "owned_by": owner });
    for name in state.models.keys() {
        if seen.insert(name.clone()) {
            data.push(entry(name, "brock"));
        }
    }
    for (alias, _) in state.settings.all_aliases() {
        if seen.insert(alias.clone()) {
            data.push(entry(&alias, "brock"));
        }
    }
    for (id, owner) in upstream
        .iter()
        .filter_map(|m| Some((m.get("id")?.as_str()?, m.get("owner")?.as_str()?)))
    {
        if seen.insert(id.to_string()) {
            data.push(entry(id, owner));
        }
    }
    Ok(Json(json!({ "object": "list", "data": data })))
}

/// The text models and profiles Bedrock lists, as `{"id", "owner"}`.
async fn fetch(client: &Client) -> Result<Vec<Value>, ApiError> {
    let models = client
        .send(&ApiRequest::get(Service::Control, "/foundation-models"))
        .await?
        .json()
        .await?;
    let profiles = client
        .send(&ApiRequest::get(
            Service::Control,
            "/inference-profiles?type=SYSTEM_DEFINED&maxResults=1000",
        ))
        .await?
        .json()
        .await?;
    let mut out = Vec::new();
    for m in models
        .get("modelSummaries")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(id) = m.get("modelId").and_then(Value::as_str) {
            let owner = m
                .get("providerName")
                .and_then(Value::as_str)
                .unwrap_or("bedrock")
                .to_ascii_lowercase();
            out.push(json!({ "id": id, "owner": owner }));
        }
    }
    for p in profiles
        .get("inferenceProfileSummaries")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(id) = p.get("inferenceProfileId").and_then(Value::as_str) {
            out.push(json!({ "id": id, "owner": "bedrock" }));
        }
    }
    Ok(out)
}

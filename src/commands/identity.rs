//! Which model is behind an ARN that does not show it. An application inference profile
//! (`…:application-inference-profile/ID`) or a provisioned throughput (`…:provisioned-model/ID`)
//! hides its foundation model, and with it the family that decides how reasoning, top-k and
//! caching are asked for and which embedding or image body to send.
//!
//! In order: `--family`, a `[models."ID"]` entry of the config file, the cache file, then the
//! control plane: GetInferenceProfile lists the profile's model ARNs, and
//! GetProvisionedModelThroughput names `foundationModelArn`. Lookups are cached per region and
//! ARN in `model-identity.json` in the data directory (0600) for [`CACHE_TTL`].

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::diag;
use brock_bedrock::{ApiRequest, Client, Service, path_segment};
use brock_core::model::{ArnResource, ModelKind};
use brock_core::request::ChatRequest;
use brock_core::route::{self, SpecPrefix};
use brock_core::{ModelFamily, ModelRef};

/// How long a looked-up answer is trusted. An application profile's models never change; a
/// provisioned throughput can be moved to another custom model of the same base.
pub const CACHE_TTL_SECS: u64 = 7 * 24 * 3600;
const CACHE_FILE: &str = "model-identity.json";

/// What brock knows about the model behind an id.
#[derive(Debug, Clone, PartialEq)]
pub struct Identity {
    pub family: ModelFamily,
    /// The foundation model id, when known (a lookup or `base_model` gives it; `--family`
    /// does not).
    pub base_model: Option<String>,
    /// How it was found, for `-v`.
    pub how: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    #[serde(default)]
    entries: BTreeMap<String, Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    base_model: String,
    operation: String,
    fetched: u64,
}

fn cache_path() -> PathBuf {
    crate::config::data_dir().join(CACHE_FILE)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

fn load_cache() -> Cache {
    // A missing or damaged cache is only a miss: it is rewritten after the next lookup.
    std::fs::read(cache_path())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn store(key: &str, entry: Entry) -> Result<()> {
    let mut cache = load_cache();
    let t = now();
    cache
        .entries
        .retain(|_, e| t.saturating_sub(e.fetched) < CACHE_TTL_SECS);
    cache.entries.insert(key.to_string(), entry);
    let path = cache_path();
    if let Some(dir) = path.parent() {
        crate::files::create_private_dir(dir)?;
    }
    let bytes = serde_json::to_vec_pretty(&cache).unwrap_or_default();
    crate::files::write_atomic(&path, &bytes)
}

fn parse_family(s: &str, whence: &str) -> Result<ModelFamily> {
    s.parse::<ModelFamily>()
        .map_err(|e| Error::usage(format!("{whence}: {e}")))
}

/// The foundation model id in a `…:foundation-model/ID` ARN.
fn foundation_id(arn: &str) -> Option<&str> {
    arn.split_once(":foundation-model/")
        .map(|(_, id)| id)
        .filter(|id| !id.is_empty())
}

/// The identity of `model_id` without asking the service: `--family`, then the config entry,
/// then (for ids that hide their model) the cache. `region` keys the cache.
pub fn known(
    settings: &Settings,
    model_id: &str,
    family_flag: Option<&str>,
    region: &str,
) -> Result<Option<Identity>> {
    let entry = settings.models.get(model_id);
    let base_model = entry.and_then(|m| m.base_model.clone());
    if let Some(f) = family_flag {
        return Ok(Some(Identity {
            family: parse_family(f, "--family")?,
            base_model,
            how: "--family".into(),
        }));
    }
    if let Some(m) = entry {
        let family = match (&m.family, &base_model) {
            (Some(f), _) => parse_family(f, "config [models]")?,
            (None, Some(b)) => ModelFamily::from_model_id(b),
            (None, None) => ModelFamily::Unknown,
        };
        return Ok(Some(Identity {
            family,
            base_model,
            how: format!(
                "[models.\"{model_id}\"] in {}",
                settings.config_path.display()
            ),
        }));
    }
    let Ok(model) = ModelRef::parse(model_id) else {
        return Ok(None);
    };
    if !model.hides_model() {
        return Ok(None);
    }
    let key = format!("{region} {model_id}");
    let t = now();
    Ok(load_cache()
        .entries
        .get(&key)
        .filter(|e| t.saturating_sub(e.fetched) < CACHE_TTL_SECS)
        .map(|e| Identity {
            family: ModelFamily::from_model_id(&e.base_model),
            base_model: Some(e.base_model.clone()),
            how: format!(
                "cached {} answer, {} min old",
                e.operation,
                t.saturating_sub(e.fetched) / 60
            ),
        }))
}

/// Asks the control plane which foundation model an application inference profile or a
/// provisioned throughput serves, and caches the answer.
async fn look_up(client: &Client, model: &ModelRef) -> Result<Option<Identity>> {
    let ModelKind::Arn(arn) = model.kind() else {
        return Ok(None);
    };
    let (operation, path) = match arn.resource {
        ArnResource::ApplicationInferenceProfile => (
            "GetInferenceProfile",
            format!("/inference-profiles/{}", path_segment(model.as_str())),
        ),
        ArnResource::ProvisionedModel => (
            "GetProvisionedModelThroughput",
            format!(
                "/provisioned-model-throughput/{}",
                path_segment(model.as_str())
            ),
        ),
        _ => return Ok(None),
    };
    let doc = client
        .send(&ApiRequest::get(Service::Control, path))
        .await?
        .json()
        .await?;
    let base = match arn.resource {
        ArnResource::ApplicationInferenceProfile => doc
            .get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|m| m.get("modelArn").and_then(Value::as_str))
            .find_map(foundation_id),
        _ => doc
            .get("foundationModelArn")
            .and_then(Value::as_str)
            .and_then(foundation_id),
    };
    let Some(base) = base else {
        return Ok(None);
    };
    let key = format!("{} {}", client.region(), model.as_str());
    let entry = Entry {
        base_model: base.to_string(),
        operation: operation.to_string(),
        fetched: now(),
    };
    if let Err(e) = store(&key, entry) {
        diag(&format!("warning: cannot cache the model lookup: {e}"));
    }
    Ok(Some(Identity {
        family: ModelFamily::from_model_id(base),
        base_model: Some(base.to_string()),
        how: operation.to_string(),
    }))
}

/// The identity of `model_id`: what is known locally, else (with `lookup`) a lookup. A
/// lookup that fails for any reason but a missing resource leaves the family unknown with a
/// warning: the request itself may still work.
pub async fn resolve(
    client: &Client,
    lookup: bool,
    settings: &Settings,
    model_id: &str,
    family_flag: Option<&str>,
) -> Result<Option<Identity>> {
    if let Some(id) = known(settings, model_id, family_flag, client.region())? {
        return Ok(Some(id));
    }
    let Ok(model) = ModelRef::parse(model_id) else {
        return Ok(None);
    };
    if !model.hides_model() {
        return Ok(None);
    }
    if !lookup {
        if !settings.quiet {
            diag(&format!(
                "warning: the model behind {model_id} is not known without a lookup, so the request shown assumes no family; pass --family NAME or set [models.\"{model_id}\"] family in the config"
            ));
        }
        return Ok(None);
    }
    match look_up(client, &model).await {
        Ok(found) => Ok(found),
        // The ARN names nothing: the request would fail too, less clearly.
        Err(e @ Error::Service { .. }) if matches!(&e, Error::Service { code, .. } if code == "ResourceNotFoundException") => {
            Err(e)
        }
        Err(e) => {
            if !settings.quiet {
                diag(&format!(
                    "warning: cannot look up the model behind {model_id} ({e}); its family stays unknown: pass --family NAME or set [models.\"{model_id}\"] family in the config"
                ));
            }
            Ok(None)
        }
    }
}

fn report(settings: &Settings, model_id: &str, id: &Identity) {
    if settings.verbose > 0 {
        let base = id
            .base_model
            .as_deref()
            .map(|b| format!(", model {b}"))
            .unwrap_or_default();
        diag(&format!(
            "{model_id}: family {}{base} (from {})",
            id.family, id.how
        ));
    }
}

/// Sets the family and base model hints of a chat request whose model id does not show them.
/// Without `lookup` (a dry run) nothing is asked of the service.
pub async fn hint_request(
    client: &Client,
    lookup: bool,
    settings: &Settings,
    req: &mut ChatRequest,
    family_flag: Option<&str>,
) -> Result<()> {
    let spec = route::parse_spec(&req.model_id);
    // A family prefix (`llama/ARN`) already names the family of an imported model.
    if matches!(spec.prefix, Some(SpecPrefix::Family(_))) && family_flag.is_none() {
        return Ok(());
    }
    // A proxy model is not Bedrock's to look up; the flag and the config entry still apply.
    let found = if spec.prefix == Some(SpecPrefix::ConverseLike) {
        known(settings, &spec.model_id, family_flag, client.region())?
    } else {
        resolve(client, lookup, settings, &spec.model_id, family_flag).await?
    };
    if let Some(id) = found {
        report(settings, &spec.model_id, &id);
        req.family_hint = Some(id.family);
        req.base_model_hint = id.base_model;
    }
    Ok(())
}

/// The foundation model behind `model_id` for commands that pick a body by model (embed,
/// image): None when the id shows it or nothing is known.
pub async fn base_model(settings: &Settings, model_id: &str) -> Result<Option<String>> {
    let Ok(model) = ModelRef::parse(model_id) else {
        return Ok(None);
    };
    if !model.hides_model() && !settings.models.contains_key(model_id) {
        return Ok(None);
    }
    let client = crate::transport::client(settings).await?;
    let found = resolve(&client, true, settings, model_id, None).await?;
    if let Some(id) = &found {
        report(settings, model_id, id);
    }
    Ok(found.and_then(|i| i.base_model))
}

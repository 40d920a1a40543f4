//! `brock models`: foundation models and inference profiles (ListFoundationModels,
//! ListInferenceProfiles with every page, GetFoundationModel, GetInferenceProfile).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::aws::{ApiRequest, Client, Service, path_segment};
use crate::cli::{ModelsArgs, ModelsCommand, OutputFormat};
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::table::Table;
use crate::render::{ColorChoice, stdout_write, stdout_write_untrusted};

pub async fn run(settings: &Settings, args: &ModelsArgs) -> Result<()> {
    let client = Client::new(settings).await?;
    if let Some(ModelsCommand::Show { id }) = &args.command {
        return show(settings, &client, id).await;
    }
    let json_out = matches!(
        settings.output,
        Some(OutputFormat::Json | OutputFormat::Ndjson)
    );
    // Both listings are independent: fetch them concurrently.
    let (models, profiles) = if args.profiles {
        (Vec::new(), list_profiles(&client).await?)
    } else {
        tokio::try_join!(list_models(&client), list_profiles(&client))?
    };
    let needle = args.filter.as_deref().map(str::to_ascii_lowercase);
    let matches_text = |fields: &[&str]| {
        needle
            .as_deref()
            .is_none_or(|n| fields.iter().any(|f| f.to_ascii_lowercase().contains(n)))
    };
    let styled = ColorChoice::detect(settings.no_color).stdout;

    if args.profiles {
        let selected: Vec<&Value> = profiles
            .iter()
            .filter(|p| {
                matches_text(&[
                    str_of(p, "inferenceProfileId"),
                    str_of(p, "inferenceProfileName"),
                ])
            })
            .filter(|p| {
                args.provider.as_deref().is_none_or(|prov| {
                    str_of(p, "inferenceProfileId")
                        .to_ascii_lowercase()
                        .contains(&prov.to_ascii_lowercase())
                })
            })
            .collect();
        if json_out {
            return print_json(&json!({ "inferenceProfiles": selected }));
        }
        let mut t = Table::new(["PROFILE ID", "NAME", "TYPE", "STATUS", "REGIONS"]);
        for p in &selected {
            t.row([
                str_of(p, "inferenceProfileId").to_string(),
                str_of(p, "inferenceProfileName").to_string(),
                str_of(p, "type").to_string(),
                str_of(p, "status").to_string(),
                profile_regions(p).join(","),
            ]);
        }
        return write_table(&t, styled, "no inference profiles match");
    }

    // model id -> the inference profiles that route to it
    let mut reach: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in &profiles {
        let id = str_of(p, "inferenceProfileId");
        for m in p
            .get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(model_id) = str_of(m, "modelArn").rsplit('/').next() {
                let list = reach.entry(model_id.to_string()).or_default();
                if !list.iter().any(|x| x == id) {
                    list.push(id.to_string());
                }
            }
        }
    }
    let provider = args.provider.as_deref().map(str::to_ascii_lowercase);
    let modality = args.modality.as_deref().map(str::to_ascii_uppercase);
    let selected: Vec<Value> = models
        .iter()
        .filter(|m| {
            provider
                .as_deref()
                .is_none_or(|p| str_of(m, "providerName").to_ascii_lowercase() == p)
        })
        .filter(|m| {
            modality
                .as_deref()
                .is_none_or(|want| strings(m, "outputModalities").iter().any(|o| o == want))
        })
        .filter(|m| matches_text(&[str_of(m, "modelId"), str_of(m, "modelName")]))
        .map(|m| {
            let mut m = m.clone();
            let profiles = reach
                .get(str_of(&m, "modelId"))
                .cloned()
                .unwrap_or_default();
            if let Some(o) = m.as_object_mut() {
                o.insert("inferenceProfiles".into(), json!(profiles));
            }
            m
        })
        .collect();
    let aliases = settings.all_aliases();

    if json_out {
        let aliases: serde_json::Map<String, Value> = aliases
            .into_iter()
            .map(|(a, t)| (a, Value::String(t)))
            .collect();
        return print_json(&json!({ "models": selected, "aliases": aliases }));
    }
    let mut t = Table::new([
        "MODEL ID",
        "PROVIDER",
        "IN → OUT",
        "ON-DEMAND",
        "INFERENCE PROFILES",
    ]);
    for m in &selected {
        let io = format!(
            "{} → {}",
            strings(m, "inputModalities").join(","),
            strings(m, "outputModalities").join(",")
        );
        let on_demand = if strings(m, "inferenceTypesSupported")
            .iter()
            .any(|s| s == "ON_DEMAND")
        {
            "yes"
        } else {
            "no"
        };
        let geos: Vec<String> = strings(m, "inferenceProfiles")
            .iter()
            .map(|p| p.split('.').next().unwrap_or("").to_string())
            .collect();
        t.row([
            str_of(m, "modelId").to_string(),
            str_of(m, "providerName").to_string(),
            io,
            on_demand.to_string(),
            geos.join(","),
        ]);
    }
    write_table(&t, styled, "no models match")?;
    // Aliases are part of what a user can type, so show the ones pointing at listed models.
    let shown: Vec<&(String, String)> = aliases
        .iter()
        .filter(|(_, target)| {
            let bare = strip_geo(target);
            selected.iter().any(|m| str_of(m, "modelId") == bare)
        })
        .collect();
    if !shown.is_empty() && !settings.quiet {
        let mut a = Table::new(["ALIAS", "MODEL"]);
        for (alias, target) in shown {
            a.row([alias.clone(), target.clone()]);
        }
        stdout_write("\n")?;
        write_table(&a, styled, "")?;
    }
    Ok(())
}

async fn show(settings: &Settings, client: &Client, id: &str) -> Result<()> {
    let id = settings.resolve_model(id)?;
    let is_profile = id.contains(":inference-profile/")
        || id.contains(":application-inference-profile/")
        || id != strip_geo(&id);
    let req = if is_profile {
        ApiRequest::get(
            Service::Control,
            format!("/inference-profiles/{}", path_segment(&id)),
        )
    } else {
        ApiRequest::get(
            Service::Control,
            format!("/foundation-models/{}", path_segment(&id)),
        )
    };
    let doc = client.send(&req).await?.json().await?;
    if matches!(
        settings.output,
        Some(OutputFormat::Json | OutputFormat::Ndjson)
    ) {
        return print_json(&doc);
    }
    let details = doc.get("modelDetails").unwrap_or(&doc);
    let mut out = String::new();
    if let Some(obj) = details.as_object() {
        let width = obj.keys().map(|k| k.len()).max().unwrap_or(0);
        for (k, v) in obj {
            let shown = match v {
                Value::String(s) => s.clone(),
                Value::Array(items) => items
                    .iter()
                    .map(|i| match i {
                        Value::String(s) => s.clone(),
                        other => other
                            .get("modelArn")
                            .and_then(Value::as_str)
                            .map(str::to_string)
                            .unwrap_or_else(|| other.to_string()),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                Value::Object(_) => v
                    .get("status")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string()),
                other => other.to_string(),
            };
            out.push_str(&format!("{k:width$}  {shown}\n"));
        }
    }
    // Every value came from the service.
    stdout_write_untrusted(&out)
}

async fn list_models(client: &Client) -> Result<Vec<Value>> {
    let doc = client
        .send(&ApiRequest::get(Service::Control, "/foundation-models"))
        .await?
        .json()
        .await?;
    Ok(array(&doc, "modelSummaries"))
}

/// Every page of ListInferenceProfiles.
async fn list_profiles(client: &Client) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..1000 {
        let path = match &token {
            None => "/inference-profiles?maxResults=1000".to_string(),
            Some(t) => format!(
                "/inference-profiles?maxResults=1000&nextToken={}",
                path_segment(t)
            ),
        };
        let doc = client
            .send(&ApiRequest::get(Service::Control, path))
            .await?
            .json()
            .await?;
        out.extend(array(&doc, "inferenceProfileSummaries"));
        match doc.get("nextToken").and_then(Value::as_str) {
            Some(t) if !t.is_empty() && token.as_deref() != Some(t) => token = Some(t.to_string()),
            _ => return Ok(out),
        }
    }
    Err(Error::Protocol(
        "ListInferenceProfiles kept returning pages; stopped after 1000".into(),
    ))
}

fn profile_regions(p: &Value) -> Vec<String> {
    let mut regions: Vec<String> = p
        .get("models")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            m.get("modelArn")?
                .as_str()?
                .split(':')
                .nth(3)
                .map(str::to_string)
        })
        .filter(|r| !r.is_empty())
        .collect();
    regions.sort();
    regions.dedup();
    regions
}

/// A cross-region profile id without its geography prefix (`us.amazon.nova…` → `amazon.nova…`).
fn strip_geo(id: &str) -> &str {
    for prefix in [
        "us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca.",
    ] {
        if let Some(rest) = id.strip_prefix(prefix) {
            return rest;
        }
    }
    id
}

fn array(doc: &Value, key: &str) -> Vec<Value> {
    doc.get(key)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn print_json(v: &Value) -> Result<()> {
    stdout_write_untrusted(&format!(
        "{}\n",
        serde_json::to_string_pretty(v).unwrap_or_default()
    ))
}

fn write_table(t: &Table, styled: bool, empty: &str) -> Result<()> {
    if t.is_empty() {
        if !empty.is_empty() {
            crate::render::diag(empty);
        }
        return Ok(());
    }
    let mut buf = Vec::new();
    t.write(&mut buf, styled)
        .map_err(|e| Error::io("cannot format the table", e))?;
    stdout_write(&String::from_utf8_lossy(&buf))
}

//! `brock models`: foundation models and inference profiles (ListFoundationModels,
//! ListInferenceProfiles with every page, GetFoundationModel, GetInferenceProfile).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::table::Table;
use crate::render::{stdout_write, stdout_write_untrusted};
use brock_bedrock::{ApiRequest, Client, Service, path_segment};
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Clone, Default, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub command: Option<ModelsCommand>,

    /// Only models from this provider (e.g. Anthropic, Amazon, Meta)
    #[arg(long, value_name = "NAME")]
    pub provider: Option<String>,

    /// Only models with this output modality: TEXT, IMAGE, EMBEDDING, VIDEO
    #[arg(long, value_name = "MODALITY")]
    pub modality: Option<String>,

    /// Only models whose id or name contains this text (case-insensitive)
    #[arg(value_name = "FILTER")]
    pub filter: Option<String>,

    /// List inference profiles instead of foundation models (the same as --kind profile)
    #[arg(long)]
    pub profiles: bool,

    /// What to list: foundation models, system inference profiles, application inference
    /// profiles, imported models, custom models, provisioned throughputs, or all of them
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "profiles")]
    pub kind: Option<ModelsKind>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelsKind {
    Foundation,
    Profile,
    Application,
    Imported,
    Custom,
    Provisioned,
    All,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ModelsCommand {
    /// Show one model's (or inference profile's) details
    Show {
        /// Model id, alias, inference profile id or ARN
        id: String,
    },
}

pub async fn run(printer: &Printer, settings: &Settings, args: &ModelsArgs) -> Result<()> {
    let client = crate::transport::client(settings).await?;
    if let Some(ModelsCommand::Show { id }) = &args.command {
        return show(settings, &client, id).await;
    }
    let kind = args.kind.unwrap_or(if args.profiles {
        ModelsKind::Profile
    } else {
        ModelsKind::Foundation
    });
    let json_out = matches!(
        settings.output,
        Some(OutputFormat::Json | OutputFormat::Ndjson)
    );
    let out = Out {
        styled: printer.color.stdout,
    };
    let needle = args.filter.as_deref().map(str::to_ascii_lowercase);
    let provider = args.provider.as_deref().map(str::to_ascii_lowercase);
    let matches = |fields: &[&str]| {
        needle
            .as_deref()
            .is_none_or(|n| fields.iter().any(|f| f.to_ascii_lowercase().contains(n)))
    };
    // Every model ARN names its provider (`…/anthropic.claude…`).
    let from_provider = |arns: &[&str]| {
        provider
            .as_deref()
            .is_none_or(|p| arns.iter().any(|a| a.to_ascii_lowercase().contains(p)))
    };

    if matches!(kind, ModelsKind::Foundation | ModelsKind::Profile) {
        return foundation_or_profiles(settings, &client, args, kind, json_out, out).await;
    }
    let all = kind == ModelsKind::All;
    let want = |k: ModelsKind| all || kind == k;
    // The listings are independent: fetch them concurrently.
    let (models, system, apps, imported, custom, provisioned) = tokio::try_join!(
        maybe(all, list_models(&client)),
        maybe(all, list_profiles(&client, "SYSTEM_DEFINED")),
        maybe(
            want(ModelsKind::Application),
            list_profiles(&client, "APPLICATION")
        ),
        maybe(
            want(ModelsKind::Imported),
            list_all(&client, "/imported-models", "modelSummaries")
        ),
        maybe(
            want(ModelsKind::Custom),
            list_all(&client, "/custom-models", "modelSummaries")
        ),
        maybe(
            want(ModelsKind::Provisioned),
            list_all(
                &client,
                "/provisioned-model-throughputs",
                "provisionedModelSummaries"
            )
        ),
    )?;
    let model_arns = |p: &Value| -> Vec<String> {
        p.get("models")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|m| str_of(m, "modelArn").to_string())
            .collect()
    };
    let pick = |items: Vec<Value>, names: &[&str], arns: &[&str]| -> Vec<Value> {
        items
            .into_iter()
            .filter(|v| matches(&names.iter().map(|k| str_of(v, k)).collect::<Vec<_>>()))
            .filter(|v| {
                let mut a: Vec<String> = arns.iter().map(|k| str_of(v, k).to_string()).collect();
                a.extend(model_arns(v));
                from_provider(&a.iter().map(String::as_str).collect::<Vec<_>>())
            })
            .collect()
    };
    let models = pick(models, &["modelId", "modelName"], &["modelArn"]);
    let system = pick(system, &["inferenceProfileId", "inferenceProfileName"], &[]);
    let apps = pick(apps, &["inferenceProfileId", "inferenceProfileName"], &[]);
    let imported = pick(imported, &["modelName", "modelArn"], &["modelArchitecture"]);
    let custom = pick(
        custom,
        &["modelName", "modelArn", "baseModelName"],
        &["baseModelArn"],
    );
    let provisioned = pick(
        provisioned,
        &["provisionedModelName", "provisionedModelArn"],
        &["foundationModelArn"],
    );

    if json_out {
        let mut doc = serde_json::Map::new();
        if all {
            doc.insert("models".into(), json!(models));
            doc.insert("inferenceProfiles".into(), json!(system));
        }
        if want(ModelsKind::Application) {
            doc.insert("applicationInferenceProfiles".into(), json!(apps));
        }
        if want(ModelsKind::Imported) {
            doc.insert("importedModels".into(), json!(imported));
        }
        if want(ModelsKind::Custom) {
            doc.insert("customModels".into(), json!(custom));
        }
        if want(ModelsKind::Provisioned) {
            doc.insert("provisionedModelThroughputs".into(), json!(provisioned));
        }
        return print_json(&Value::Object(doc));
    }

    let mut sections: Vec<(&str, Table, &str)> = Vec::new();
    if all {
        sections.push((
            "Foundation models",
            foundation_table(&models, &reach_map(&system), out),
            "none",
        ));
        sections.push(("Inference profiles", profile_table(&system, out), "none"));
    }
    if want(ModelsKind::Application) {
        let mut t = Table::new(["PROFILE ID", "NAME", "MODEL", "REGIONS", "STATUS"]);
        for p in &apps {
            let arns = model_arns(p);
            let model = arns
                .first()
                .and_then(|a| a.split_once(":foundation-model/"))
                .map(|(_, id)| id.to_string())
                .unwrap_or_default();
            out.row(
                &mut t,
                [
                    str_of(p, "inferenceProfileId").to_string(),
                    str_of(p, "inferenceProfileName").to_string(),
                    model,
                    profile_regions(p).join(","),
                    str_of(p, "status").to_string(),
                ],
            );
        }
        sections.push((
            "Application inference profiles",
            t,
            "no application inference profiles match",
        ));
    }
    if want(ModelsKind::Imported) {
        let mut t = Table::new(["NAME", "ARCHITECTURE", "INSTRUCT", "CREATED", "MODEL ARN"]);
        for m in &imported {
            let instruct = match m.get("instructSupported").and_then(Value::as_bool) {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            out.row(
                &mut t,
                [
                    str_of(m, "modelName").to_string(),
                    str_of(m, "modelArchitecture").to_string(),
                    instruct.to_string(),
                    date_of(m, "creationTime"),
                    str_of(m, "modelArn").to_string(),
                ],
            );
        }
        sections.push(("Imported models", t, "no imported models match"));
    }
    if want(ModelsKind::Custom) {
        let mut t = Table::new(["NAME", "BASE MODEL", "TYPE", "STATUS", "MODEL ARN"]);
        for m in &custom {
            out.row(
                &mut t,
                [
                    str_of(m, "modelName").to_string(),
                    str_of(m, "baseModelName").to_string(),
                    str_of(m, "customizationType").to_string(),
                    str_of(m, "modelStatus").to_string(),
                    str_of(m, "modelArn").to_string(),
                ],
            );
        }
        sections.push(("Custom models", t, "no custom models match"));
    }
    if want(ModelsKind::Provisioned) {
        let mut t = Table::new(["NAME", "MODEL", "UNITS", "STATUS", "COMMITMENT", "ARN"]);
        for p in &provisioned {
            let model = str_of(p, "modelArn");
            let model = model
                .split_once(":foundation-model/")
                .map(|(_, id)| id)
                .unwrap_or(model);
            out.row(
                &mut t,
                [
                    str_of(p, "provisionedModelName").to_string(),
                    model.to_string(),
                    p.get("modelUnits")
                        .map(Value::to_string)
                        .unwrap_or_default(),
                    str_of(p, "status").to_string(),
                    str_of(p, "commitmentDuration").to_string(),
                    str_of(p, "provisionedModelArn").to_string(),
                ],
            );
        }
        sections.push((
            "Provisioned throughputs",
            t,
            "no provisioned throughputs match",
        ));
    }
    for (i, (title, table, empty)) in sections.iter().enumerate() {
        if all {
            // Section titles tell the tables apart; a blank line separates them.
            let sep = if i == 0 { "" } else { "\n" };
            stdout_write(&format!("{sep}{title}:\n"))?;
            if table.is_empty() {
                stdout_write(&format!("  ({empty})\n"))?;
                continue;
            }
        }
        write_table(table, out.styled, empty)?;
    }
    Ok(())
}

/// How tables are written: styled headers on a terminal. Service text in the cells (the
/// account owner's names and descriptions) is sanitised there by `Table::write` itself.
#[derive(Debug, Clone, Copy)]
struct Out {
    styled: bool,
}

impl Out {
    fn row<const N: usize>(&self, t: &mut Table, cells: [String; N]) {
        t.row(cells);
    }
}

/// Runs `fut` only when `wanted`, so one `try_join!` covers every optional listing.
async fn maybe(
    wanted: bool,
    fut: impl std::future::Future<Output = Result<Vec<Value>>>,
) -> Result<Vec<Value>> {
    if wanted { fut.await } else { Ok(Vec::new()) }
}

fn date_of(v: &Value, key: &str) -> String {
    str_of(v, key).chars().take(10).collect()
}

fn profile_table(profiles: &[Value], out: Out) -> Table {
    let mut t = Table::new(["PROFILE ID", "NAME", "TYPE", "STATUS", "REGIONS"]);
    for p in profiles {
        out.row(
            &mut t,
            [
                str_of(p, "inferenceProfileId").to_string(),
                str_of(p, "inferenceProfileName").to_string(),
                str_of(p, "type").to_string(),
                str_of(p, "status").to_string(),
                profile_regions(p).join(","),
            ],
        );
    }
    t
}

fn foundation_table(models: &[Value], reach: &BTreeMap<String, Vec<String>>, out: Out) -> Table {
    let mut t = Table::new([
        "MODEL ID",
        "PROVIDER",
        "IN → OUT",
        "ON-DEMAND",
        "INFERENCE PROFILES",
    ]);
    for m in models {
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
        let listed = strings(m, "inferenceProfiles");
        let profiles = if listed.is_empty() {
            reach.get(str_of(m, "modelId")).cloned().unwrap_or_default()
        } else {
            listed
        };
        let geos: Vec<String> = profiles
            .iter()
            .map(|p| p.split('.').next().unwrap_or("").to_string())
            .collect();
        out.row(
            &mut t,
            [
                str_of(m, "modelId").to_string(),
                str_of(m, "providerName").to_string(),
                io,
                on_demand.to_string(),
                geos.join(","),
            ],
        );
    }
    t
}

async fn foundation_or_profiles(
    settings: &Settings,
    client: &Client,
    args: &ModelsArgs,
    kind: ModelsKind,
    json_out: bool,
    out: Out,
) -> Result<()> {
    let profiles_only = kind == ModelsKind::Profile;
    // Both listings are independent: fetch them concurrently.
    let (models, profiles) = if profiles_only {
        (Vec::new(), list_profiles(client, "SYSTEM_DEFINED").await?)
    } else {
        tokio::try_join!(list_models(client), list_profiles(client, "SYSTEM_DEFINED"))?
    };
    let needle = args.filter.as_deref().map(str::to_ascii_lowercase);
    let matches_text = |fields: &[&str]| {
        needle
            .as_deref()
            .is_none_or(|n| fields.iter().any(|f| f.to_ascii_lowercase().contains(n)))
    };
    let styled = out.styled;

    if profiles_only {
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
        let selected: Vec<Value> = selected.into_iter().cloned().collect();
        let t = profile_table(&selected, out);
        return write_table(&t, styled, "no inference profiles match");
    }
    let reach = reach_map(&profiles);
    let provider = args.provider.as_deref().map(str::to_ascii_lowercase);
    if let Some(p) = provider.as_deref() {
        let mut known: Vec<String> = models
            .iter()
            .map(|m| str_of(m, "providerName").to_ascii_lowercase())
            .filter(|n| !n.is_empty())
            .collect();
        known.sort();
        known.dedup();
        if !known.iter().any(|k| k == p) {
            let hint = crate::config::did_you_mean(p, known.iter().map(String::as_str))
                .map(|s| format!(" — did you mean '{s}'?"))
                .unwrap_or_default();
            return Err(Error::usage(format!(
                "no provider '{p}' in this region's catalog{hint} (providers: {})",
                known.join(", ")
            )));
        }
    }
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
    let t = foundation_table(&selected, &reach, out);
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
    let req = if id.contains(":provisioned-model/") {
        ApiRequest::get(
            Service::Control,
            format!("/provisioned-model-throughput/{}", path_segment(&id)),
        )
    } else if is_profile {
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
    match settings.output {
        Some(OutputFormat::Json) => return print_json(&doc),
        // ndjson: the one document on one line.
        Some(OutputFormat::Ndjson) => return stdout_write_untrusted(&format!("{doc}\n")),
        _ => {}
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

/// Every page of ListInferenceProfiles of one type (SYSTEM_DEFINED or APPLICATION).
async fn list_profiles(client: &Client, ty: &str) -> Result<Vec<Value>> {
    // botocore: the typeEquals member is the `type` query parameter.
    list_all(
        client,
        &format!("/inference-profiles?type={ty}"),
        "inferenceProfileSummaries",
    )
    .await
}

/// Every page of a control-plane listing: `key` of each page, following nextToken.
async fn list_all(client: &Client, path: &str, key: &str) -> Result<Vec<Value>> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..1000 {
        let page = match &token {
            None => format!("{path}{sep}maxResults=1000"),
            Some(t) => format!("{path}{sep}maxResults=1000&nextToken={}", path_segment(t)),
        };
        let doc = client
            .send(&ApiRequest::get(Service::Control, page))
            .await?
            .json()
            .await?;
        out.extend(array(&doc, key));
        match doc.get("nextToken").and_then(Value::as_str) {
            Some(t) if !t.is_empty() && token.as_deref() != Some(t) => token = Some(t.to_string()),
            _ => return Ok(out),
        }
    }
    let operation = path
        .trim_start_matches('/')
        .split(['?', '/'])
        .next()
        .unwrap_or(path);
    Err(Error::Protocol(format!(
        "the {operation} listing kept returning pages; stopped after 1000"
    )))
}

/// Model id -> the system inference profiles that route to it.
fn reach_map(profiles: &[Value]) -> BTreeMap<String, Vec<String>> {
    let mut reach: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in profiles {
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
    reach
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

//! `brock serve keys …` and `brock serve usage`: the key store from the command line. They
//! open the same store the gateway uses (`--database`, `[serve] database`), so a key created
//! here works at once on every gateway sharing that store.

use std::io::Write;

use clap::{Args, Subcommand, ValueEnum};
use serde_json::{Value, json};

use super::store::{GroupBy, Key, NewKey, Store, now_millis, now_secs, parse_duration};
use crate::cli::OutputFormat;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::printer::Printer;
use crate::render::table::Table;

#[derive(Debug, Clone, Subcommand)]
pub enum ServeCommand {
    /// Create, list, revoke and rotate the gateway's virtual keys
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Requests and tokens the gateway recorded, per key, model or day
    Usage(UsageArgs),
}

#[derive(Debug, Clone, Subcommand)]
pub enum KeysCommand {
    /// Create a key and print it (once: only its hash is stored)
    Create(CreateArgs),
    /// List the keys: name, prefix, models, limits, usage so far, created, expires, revoked
    List,
    /// Revoke a key: refused by every gateway on this store within a few seconds
    Revoke {
        /// The key's name
        name: String,
    },
    /// Give a key a new secret (printed once); the old one stops working
    Rotate {
        /// The key's name
        name: String,
    },
}

#[derive(Debug, Clone, Args)]
pub struct CreateArgs {
    /// A name for the key (who or what uses it); unique
    #[arg(long, value_name = "NAME")]
    pub name: String,
    /// Models the key may use: globs matched against the name a client sends and the Bedrock id it resolves to (e.g. 'anthropic.claude-*'); repeatable; default any
    #[arg(long = "models", value_name = "GLOB", num_args = 1..)]
    pub models: Vec<String>,
    /// Requests per minute
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub rpm: Option<i64>,
    /// Tokens (input + output) per minute
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub tpm: Option<i64>,
    /// Token budget for the key's whole life (input + output); then requests get 429
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..))]
    pub max_tokens: Option<i64>,
    /// Expire after this long: e.g. 30d, 12h, 2w
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub expires: Option<i64>,
    /// Free-form metadata kept with the key (KEY=VALUE); repeatable
    #[arg(long, value_name = "KEY=VALUE", value_parser = key_value)]
    pub metadata: Vec<(String, String)>,
}

#[derive(Debug, Clone, Args)]
pub struct UsageArgs {
    /// Only requests of the last DURATION (e.g. 7d, 24h); default 30d
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub since: Option<i64>,
    /// Only this key's requests (by name)
    #[arg(long, value_name = "NAME")]
    pub key: Option<String>,
    /// One row per model, key or day
    #[arg(long, value_enum, default_value = "key")]
    pub by: By,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum By {
    Model,
    Key,
    Day,
}

fn key_value(text: &str) -> std::result::Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("{text:?}: expected KEY=VALUE")),
    }
}

pub async fn run(
    printer: &Printer,
    settings: &Settings,
    database: Option<&str>,
    cmd: &ServeCommand,
) -> Result<()> {
    let store = Store::open(database).await?;
    let done = run_with(printer, settings, &store, cmd).await;
    store.close().await;
    done
}

fn json_out(settings: &Settings) -> bool {
    matches!(
        settings.output,
        Some(OutputFormat::Json | OutputFormat::Ndjson)
    )
}

/// A key as `keys list --output json` and the admin API show it.
pub fn key_json(k: &Key, requests: Option<i64>) -> Value {
    let mut v = serde_json::to_value(k).unwrap_or_default();
    if let (Some(n), Some(o)) = (requests, v.as_object_mut()) {
        o.insert("requests".into(), json!(n));
    }
    v
}

fn write_json(v: &Value) -> Result<()> {
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(v).unwrap_or_default()
    )
    .map_err(Error::stdout)
}

fn date(secs: Option<i64>) -> String {
    match secs {
        None => "-".into(),
        Some(s) => crate::session::rfc3339(s.max(0) as u64),
    }
}

async fn run_with(
    printer: &Printer,
    settings: &Settings,
    store: &Store,
    cmd: &ServeCommand,
) -> Result<()> {
    match cmd {
        ServeCommand::Keys(KeysCommand::Create(a)) => {
            let new = NewKey {
                name: a.name.clone(),
                models: a.models.clone(),
                rpm: a.rpm,
                tpm: a.tpm,
                max_tokens: a.max_tokens,
                expires_in: a.expires,
                metadata: a
                    .metadata
                    .iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect(),
            };
            let (key, secret) = store.create_key(&new).await?;
            if json_out(settings) {
                let mut v = key_json(&key, None);
                v["key"] = json!(secret);
                return write_json(&v);
            }
            printer.out(&format!("{secret}\n"))?;
            printer.diag(&format!(
                "key {:?} created; it is shown only now: hand it over (e.g. as OPENAI_API_KEY)",
                key.name
            ));
            Ok(())
        }
        ServeCommand::Keys(KeysCommand::Rotate { name }) => {
            let (key, secret) = store.rotate(name).await?;
            if json_out(settings) {
                let mut v = key_json(&key, None);
                v["key"] = json!(secret);
                return write_json(&v);
            }
            printer.out(&format!("{secret}\n"))?;
            printer.diag(&format!(
                "key {:?} rotated: the old secret is refused from now on (other gateways within a few seconds)",
                key.name
            ));
            Ok(())
        }
        ServeCommand::Keys(KeysCommand::Revoke { name }) => {
            let key = store.revoke(name).await?;
            if json_out(settings) {
                return write_json(&key_json(&key, None));
            }
            printer.diag(&format!("key {:?} revoked", key.name));
            Ok(())
        }
        ServeCommand::Keys(KeysCommand::List) => {
            let keys = store.list_keys().await?;
            let requests = store.requests_per_key().await?;
            if json_out(settings) {
                let list: Vec<Value> = keys
                    .iter()
                    .map(|k| key_json(k, Some(requests.get(&k.id).copied().unwrap_or(0))))
                    .collect();
                return write_json(&Value::Array(list));
            }
            if keys.is_empty() {
                if !settings.quiet {
                    printer.diag("no keys yet: brock serve keys create --name NAME");
                }
                return Ok(());
            }
            let now = now_secs();
            let mut t = Table::new([
                "NAME", "PREFIX", "MODELS", "RPM", "TPM", "BUDGET", "REQUESTS", "TOKENS",
                "CREATED", "EXPIRES", "STATUS",
            ]);
            let opt = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
            for k in &keys {
                let status = if k.revoked_at.is_some() {
                    format!("revoked {}", date(k.revoked_at))
                } else if k.expired(now) {
                    "expired".into()
                } else {
                    "active".into()
                };
                t.row([
                    k.name.clone(),
                    format!("{}…", k.prefix),
                    if k.models.is_empty() {
                        "*".into()
                    } else {
                        k.models.join(",")
                    },
                    opt(k.rpm),
                    opt(k.tpm),
                    opt(k.max_tokens),
                    requests.get(&k.id).copied().unwrap_or(0).to_string(),
                    k.used_tokens.to_string(),
                    date(Some(k.created_at)),
                    date(k.expires_at),
                    status,
                ]);
            }
            let out = std::io::stdout();
            let mut out = out.lock();
            t.write(&mut out, printer.color.stdout)
                .map_err(Error::stdout)
        }
        ServeCommand::Usage(a) => {
            let since = now_millis() - a.since.unwrap_or(30 * 86_400) * 1000;
            let by = match a.by {
                By::Model => GroupBy::Model,
                By::Key => GroupBy::Key,
                By::Day => GroupBy::Day,
            };
            let rows = store.usage(since, a.key.as_deref(), by).await?;
            if json_out(settings) {
                let list: Vec<Value> = rows
                    .iter()
                    .map(|r| {
                        let mut v = serde_json::to_value(r).unwrap_or_default();
                        if let Some(o) = v.as_object_mut()
                            && let Some(g) = o.remove("group")
                        {
                            let field = match a.by {
                                By::Model => "model",
                                By::Key => "key",
                                By::Day => "day",
                            };
                            o.insert(field.into(), g);
                        }
                        v
                    })
                    .collect();
                return write_json(&Value::Array(list));
            }
            if rows.is_empty() {
                if !settings.quiet {
                    printer.diag("no requests recorded in that time");
                }
                return Ok(());
            }
            let first = match a.by {
                By::Model => "MODEL",
                By::Key => "KEY",
                By::Day => "DAY",
            };
            let mut t = Table::new([
                first,
                "REQUESTS",
                "ERRORS",
                "INPUT",
                "OUTPUT",
                "CACHE READ",
                "CACHE WRITE",
            ]);
            for r in &rows {
                t.row([
                    r.group.clone(),
                    r.requests.to_string(),
                    r.errors.to_string(),
                    r.input_tokens.to_string(),
                    r.output_tokens.to_string(),
                    r.cache_read_tokens.to_string(),
                    r.cache_write_tokens.to_string(),
                ]);
            }
            let out = std::io::stdout();
            let mut out = out.lock();
            t.write(&mut out, printer.color.stdout)
                .map_err(Error::stdout)
        }
    }
}

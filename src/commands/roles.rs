//! `brock roles`: the `[roles.NAME]` tables of the config, as a table or JSON.

use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::config::{RoleConfig, Settings};
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::table::Table;
use crate::render::{diag, stdout_write, stdout_write_untrusted};

pub fn run(printer: &Printer, settings: &Settings) -> Result<()> {
    let docs: Vec<Value> = settings
        .roles
        .iter()
        .map(|(name, r)| role_json(name, r))
        .collect();
    match settings.output {
        Some(OutputFormat::Json) => stdout_write_untrusted(&format!(
            "{}\n",
            serde_json::to_string_pretty(&docs).unwrap_or_default()
        )),
        Some(OutputFormat::Ndjson) => {
            let lines: String = docs.iter().map(|d| format!("{d}\n")).collect();
            stdout_write_untrusted(&lines)
        }
        _ => {
            if settings.roles.is_empty() {
                diag(&format!(
                    "no roles: add a [roles.NAME] table to {} (see brock config path)",
                    settings.config_path.display()
                ));
                return Ok(());
            }
            let mut t = Table::new(["ROLE", "MODEL", "DESCRIPTION"]);
            for (name, r) in &settings.roles {
                t.row([
                    name.clone(),
                    r.model.clone().unwrap_or_else(|| "-".into()),
                    summary(r),
                ]);
            }
            let mut buf = Vec::new();
            t.write(&mut buf, printer.color.stdout)
                .map_err(|e| Error::io("cannot format the table", e))?;
            stdout_write(&String::from_utf8_lossy(&buf))
        }
    }
}

/// The description, else the first line of the system prompt or template.
fn summary(r: &RoleConfig) -> String {
    r.description
        .as_deref()
        .or(r.system.as_deref())
        .or(r.prompt.as_deref())
        .and_then(|s| s.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .trim()
        .to_string()
}

fn role_json(name: &str, r: &RoleConfig) -> Value {
    json!({
        "name": name,
        "description": r.description,
        "model": r.model,
        "system": r.system,
        "prompt": r.prompt,
        "temperature": r.temperature,
        "top_p": r.top_p,
        "max_tokens": r.max_tokens,
        "reasoning": r.reasoning.as_ref().map(|v| serde_json::to_value(v).unwrap_or(Value::Null)),
        "tools": r.tools,
        "params": serde_json::to_value(&r.params).unwrap_or(Value::Null),
    })
}

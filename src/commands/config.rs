//! `brock config show|path|init`.

use std::io::Write;

use crate::cli::OutputFormat;
use crate::config::{STARTER_CONFIG, Settings, Source};
use crate::error::{Error, Result};
use crate::files::{create_private_dir, write_private_new};
use crate::render::Printer;
use crate::render::stdout_write;
use clap::{Args, Subcommand};

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and where each one came from
    Show,
    /// Print the path of the config file in use
    Path,
    /// Write a commented starter config file (never overwrites)
    Init,
}

pub fn run(printer: &Printer, settings: &Settings, args: &ConfigArgs) -> Result<()> {
    match args.command {
        ConfigCommand::Path => stdout_write(&format!("{}\n", settings.config_path.display())),
        ConfigCommand::Show => show(printer, settings),
        ConfigCommand::Init => init(settings),
    }
}

fn show(printer: &Printer, settings: &Settings) -> Result<()> {
    if settings.output == Some(OutputFormat::Json) || settings.output == Some(OutputFormat::Ndjson)
    {
        let mut values = serde_json::Map::new();
        for (key, value, source) in &settings.shown {
            values.insert(
                key.clone(),
                serde_json::json!({"value": value, "source": source_json(source)}),
            );
        }
        let doc = serde_json::json!({
            "config_file": settings.config_path,
            "config_file_exists": settings.config_exists,
            "profile": settings.profile,
            "settings": values,
            "aliases": settings.aliases,
            "tools": settings.tools.keys().collect::<Vec<_>>(),
            "roles": settings.roles.keys().collect::<Vec<_>>(),
        });
        // ndjson: the one document on one line.
        let text = if settings.output == Some(OutputFormat::Ndjson) {
            doc.to_string()
        } else {
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        };
        return stdout_write(&format!("{text}\n"));
    }
    let color = printer.color;
    let dim = |s: &str| {
        if color.stdout {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    let state = if settings.config_exists {
        ""
    } else {
        " (not found; using defaults)"
    };
    out.push_str(&dim(&format!(
        "# config file: {}{state}\n",
        settings.config_path.display()
    )));
    out.push_str(&dim(&format!("# profile: {}\n", settings.profile)));
    let width = settings
        .shown
        .iter()
        .map(|(k, v, _)| k.len() + v.len() + 5)
        .max()
        .unwrap_or(0);
    for (key, value, source) in &settings.shown {
        let kv = format!("{key} = {}", toml_quote(value));
        let pad = width.saturating_sub(kv.chars().count()) + 1;
        out.push_str(&format!(
            "{kv}{}{}\n",
            " ".repeat(pad),
            dim(&format!("# {source}"))
        ));
    }
    if !settings.aliases.is_empty() {
        out.push_str("\n[aliases]\n");
        for (a, t) in &settings.aliases {
            out.push_str(&format!("{a} = {}\n", toml_quote(t)));
        }
    }
    stdout_write(&out)
}

fn toml_quote(v: &str) -> String {
    let bare = v.parse::<f64>().is_ok() || v == "true" || v == "false";
    if bare {
        v.to_string()
    } else {
        format!("{v:?}")
    }
}

fn source_json(s: &Source) -> serde_json::Value {
    match s {
        Source::Default => serde_json::json!({"kind": "default"}),
        Source::File { path, table } => {
            serde_json::json!({"kind": "file", "path": path, "table": table})
        }
        Source::Env(v) => serde_json::json!({"kind": "env", "name": v}),
        Source::Flag(f) => serde_json::json!({"kind": "flag", "name": f}),
    }
}

fn init(settings: &Settings) -> Result<()> {
    let path = &settings.config_path;
    if path.exists() {
        return Err(Error::usage(format!(
            "{} already exists; not overwriting it (edit it, or move it away first)",
            path.display()
        )));
    }
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    write_private_new(path, STARTER_CONFIG.as_bytes())?;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "brock: wrote {}", path.display());
    drop(err);
    stdout_write(&format!("{}\n", path.display()))
}

//! `brock guardrail apply`: ApplyGuardrail on text, without a model. The verdict is shown as
//! a few readable lines (text) or as the service's JSON answer (`--output json`).
//!
//! The exit status stays 0 whatever the verdict, so a verdict is never mistaken for a failed
//! call; `--fail-on-intervention` turns an intervention into status 6 for scripts and CI.

use std::io::Read;

use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::commands::chat::core_error;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::stdout_write;
use brock_bedrock::{ApiRequest, Service, path_segment};
use brock_core::request::Guardrail;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Clone, Args)]
pub struct GuardrailArgs {
    #[command(subcommand)]
    pub command: GuardrailCommand,
}

#[derive(Debug, Clone, Subcommand)]
pub enum GuardrailCommand {
    /// Check text against a guardrail and show its verdict (ApplyGuardrail)
    #[command(
        after_help = "Exit status: 0 when the call succeeded, whatever the verdict; with \
--fail-on-intervention, 6 when the guardrail intervened.\n\n\
Examples:\n  \
brock guardrail apply abc123xyz:1 \"How do I make a bomb?\"\n  \
brock guardrail apply abc123xyz:DRAFT --source output --fail-on-intervention < answer.txt\n  \
brock guardrail apply abc123xyz:1 --output json \"text\""
    )]
    Apply(GuardrailApplyArgs),
}

#[derive(Debug, Clone, Args)]
pub struct GuardrailApplyArgs {
    /// The guardrail: ID:VERSION (VERSION is a number or DRAFT; ID may be a guardrail ARN)
    #[arg(value_name = "ID:VERSION")]
    pub guardrail: String,

    /// The text to check; without it, piped stdin
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,

    /// Check the text as a user's input or as a model's output
    #[arg(long, value_enum, default_value = "input", value_name = "SOURCE")]
    pub source: GuardSource,

    /// Ask for every assessment, not only the policies that intervened (outputScope FULL)
    #[arg(long)]
    pub full: bool,

    /// Exit with status 6 when the guardrail intervenes (for scripts and CI)
    #[arg(long)]
    pub fail_on_intervention: bool,

    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum GuardSource {
    #[default]
    Input,
    Output,
}

pub async fn run(printer: &Printer, settings: &Settings, args: &GuardrailArgs) -> Result<()> {
    match &args.command {
        GuardrailCommand::Apply(a) => apply(printer, settings, a).await,
    }
}

/// `ID:VERSION`, split on the last colon (an ARN has colons of its own) and checked.
fn parse_guardrail(spec: &str) -> Result<Guardrail> {
    let (id, version) = spec.trim().rsplit_once(':').ok_or_else(|| {
        Error::usage(format!(
            "guardrail {spec:?}: expected ID:VERSION, e.g. abc123xyz:1 or abc123xyz:DRAFT"
        ))
    })?;
    let g = Guardrail {
        id: id.to_string(),
        version: version.to_string(),
        trace: false,
    };
    g.check().map_err(core_error)?;
    Ok(g)
}

/// The words given, else piped stdin. Stdin is not read when there are words: a script that
/// passes the text as an argument must not hang on a stdin left open.
fn read_text(printer: &Printer, words: &[String]) -> Result<String> {
    let arg = words.join(" ");
    if !arg.trim().is_empty() {
        return Ok(arg);
    }
    let piped = if printer.stdin_tty {
        String::new()
    } else {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| Error::usage(format!("cannot read stdin: {e}")))?;
        String::from_utf8(buf).map_err(|e| {
            Error::usage(format!(
                "stdin is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
        })?
    };
    if piped.trim().is_empty() {
        return Err(Error::usage(
            "no text to check: give it as an argument or pipe it on stdin",
        ));
    }
    Ok(piped)
}

/// The ApplyGuardrail call (shapes from the bedrock-runtime API reference).
pub fn apply_request(g: &Guardrail, text: &str, source: GuardSource, full: bool) -> ApiRequest {
    let mut body = json!({
        "source": match source {
            GuardSource::Input => "INPUT",
            GuardSource::Output => "OUTPUT",
        },
        "content": [{"text": {"text": text}}],
    });
    if full {
        body["outputScope"] = json!("FULL");
    }
    let path = format!(
        "/guardrail/{}/version/{}/apply",
        path_segment(&g.id),
        path_segment(&g.version)
    );
    ApiRequest::post_json(Service::Runtime, path, &body)
}

async fn apply(printer: &Printer, settings: &Settings, args: &GuardrailApplyArgs) -> Result<()> {
    let g = parse_guardrail(&args.guardrail)?;
    let text = read_text(printer, &args.text)?;
    let api = apply_request(&g, &text, args.source, args.full);
    let client = crate::transport::client(settings).await?;
    if args.dry_run {
        let extra = json!({"operation": "ApplyGuardrail"});
        return super::dry_run::print(&client, &[(api, extra)]);
    }
    let answer = client.send(&api).await?.json().await?;
    let action = answer
        .get("action")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            Error::Protocol(format!("the ApplyGuardrail answer has no action: {answer}"))
        })?
        .to_string();
    match settings.output {
        Some(OutputFormat::Json) => stdout_write(&format!(
            "{}\n",
            serde_json::to_string_pretty(&answer).unwrap_or_default()
        ))?,
        Some(OutputFormat::Ndjson) => stdout_write(&format!("{answer}\n"))?,
        _ => stdout_write(&verdict(&answer))?,
    }
    if args.fail_on_intervention && action != "NONE" {
        return Err(Error::Intervened(format!(
            "the guardrail intervened ({action})"
        )));
    }
    Ok(())
}

/// The verdict for people: the action, each policy that fired, and the text the guardrail
/// returns in place of the input (blocked message or masked text).
pub fn verdict(answer: &Value) -> String {
    let mut out = String::new();
    let action = answer["action"].as_str().unwrap_or("?");
    out.push_str(&format!("action: {action}\n"));
    if let Some(reason) = answer["actionReason"].as_str().filter(|r| !r.is_empty()) {
        out.push_str(&format!("reason: {reason}\n"));
    }
    for a in answer["assessments"].as_array().into_iter().flatten() {
        for line in fired(a) {
            out.push_str(&format!("policy: {line}\n"));
        }
    }
    for o in answer["outputs"].as_array().into_iter().flatten() {
        if let Some(t) = o["text"].as_str() {
            out.push_str(&format!("output: {t}\n"));
        }
    }
    out
}

/// One line per finding of an assessment whose action is not NONE (with outputScope FULL the
/// service also lists what did not fire).
fn fired(a: &Value) -> Vec<String> {
    let mut lines = Vec::new();
    let mut each = |list: &Value, what: &str, label: &dyn Fn(&Value) -> String| {
        for f in list.as_array().into_iter().flatten() {
            let action = f["action"].as_str().unwrap_or("NONE");
            if action != "NONE" {
                lines.push(format!("{what} {} → {action}", label(f)));
            }
        }
    };
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    each(&a["topicPolicy"]["topics"], "topic", &|f| {
        format!("{:?}", s(&f["name"]))
    });
    each(&a["contentPolicy"]["filters"], "content", &|f| {
        format!("{} ({} confidence)", s(&f["type"]), s(&f["confidence"]))
    });
    each(&a["wordPolicy"]["customWords"], "word", &|f| {
        format!("{:?}", s(&f["match"]))
    });
    each(&a["wordPolicy"]["managedWordLists"], "word", &|f| {
        format!("{} {:?}", s(&f["type"]), s(&f["match"]))
    });
    each(
        &a["sensitiveInformationPolicy"]["piiEntities"],
        "pii",
        &|f| format!("{} {:?}", s(&f["type"]), s(&f["match"])),
    );
    each(&a["sensitiveInformationPolicy"]["regexes"], "regex", &|f| {
        format!("{} {:?}", s(&f["name"]), s(&f["match"]))
    });
    each(
        &a["contextualGroundingPolicy"]["filters"],
        "grounding",
        &|f| {
            format!(
                "{} (score {} below {})",
                s(&f["type"]),
                f["score"],
                f["threshold"]
            )
        },
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdict_names_each_policy_that_fired() {
        let answer = json!({
            "action": "GUARDRAIL_INTERVENED",
            "actionReason": "Guardrail masked.",
            "outputs": [{"text": "Mail {EMAIL}"}],
            "assessments": [{
                "topicPolicy": {"topics": [
                    {"name": "Weapons", "type": "DENY", "action": "BLOCKED", "detected": true},
                    {"name": "Other", "type": "DENY", "action": "NONE", "detected": false}]},
                "sensitiveInformationPolicy": {"piiEntities": [
                    {"type": "EMAIL", "match": "a@b.example", "action": "ANONYMIZED", "detected": true}],
                    "regexes": []},
                "contentPolicy": {"filters": [
                    {"type": "VIOLENCE", "confidence": "HIGH", "action": "BLOCKED", "detected": true}]}
            }]
        });
        assert_eq!(
            verdict(&answer),
            "action: GUARDRAIL_INTERVENED\nreason: Guardrail masked.\n\
             policy: topic \"Weapons\" → BLOCKED\n\
             policy: content VIOLENCE (HIGH confidence) → BLOCKED\n\
             policy: pii EMAIL \"a@b.example\" → ANONYMIZED\n\
             output: Mail {EMAIL}\n"
        );
    }

    #[test]
    fn guardrail_specs_split_on_the_last_colon() {
        let g =
            parse_guardrail("arn:aws:bedrock:us-east-1:123456789012:guardrail/abc:DRAFT").unwrap();
        assert_eq!(g.version, "DRAFT");
        assert!(g.id.ends_with("guardrail/abc"));
        assert!(parse_guardrail("abc").is_err());
        assert!(parse_guardrail("ABC:1").is_err());
        assert!(parse_guardrail("abc:v1").is_err());
    }
}

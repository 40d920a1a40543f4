//! `brock completions SHELL`: completion scripts generated from the CLI definition itself
//! (clap_complete), plus dynamic completion of model aliases/ids and brock profile names for
//! bash, zsh and fish through the hidden `brock __complete` helper.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::{Cli, CompletionsArgs};
use crate::config::Settings;
use crate::error::Result;
use crate::render::stdout_write;

pub fn run(args: &CompletionsArgs) -> Result<()> {
    stdout_write(&script(args.shell))
}

/// The completion script for a shell, exactly as committed under completions/.
pub fn script(shell: Shell) -> String {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "brock", &mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    match shell {
        Shell::Bash => bash_dynamic(&text),
        Shell::Zsh => zsh_dynamic(&text),
        Shell::Fish => fish_dynamic(&text),
        _ => text,
    }
}

/// The file name each script is committed under.
pub fn file_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "brock.bash",
        Shell::Zsh => "_brock",
        Shell::Fish => "brock.fish",
        Shell::PowerShell => "_brock.ps1",
        Shell::Elvish => "brock.elv",
        _ => "brock.completion",
    }
}

/// `brock __complete models|profiles`: candidates, one per line. Never fails loudly: a broken
/// config must not spray errors into the user's shell while they press Tab.
pub fn candidates(settings: Option<&Settings>, what: &str) -> Result<()> {
    let mut out = Vec::new();
    match what {
        "models" => {
            if let Some(s) = settings {
                for (alias, target) in s.all_aliases() {
                    out.push(alias);
                    out.push(target);
                }
            }
        }
        "profiles" => {
            if let Some(s) = settings
                && let Ok(text) = std::fs::read_to_string(&s.config_path)
                && let Ok(table) = toml::from_str::<toml::Table>(&text)
                && let Some(p) = table.get("profiles").and_then(|p| p.as_table())
            {
                out.extend(p.keys().cloned());
            }
            out.push("default".into());
        }
        _ => {}
    }
    out.sort();
    out.dedup();
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    stdout_write(&text)
}

/// For `--model`/`-m` and `--profile`, replace clap's file completion with our candidates.
fn bash_dynamic(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + 512);
    let mut replace_next: Option<&str> = None;
    for line in script.lines() {
        if let Some(what) = replace_next.take()
            && line.trim_start().starts_with("COMPREPLY=")
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!(
                "{indent}COMPREPLY=($(compgen -W \"$(brock __complete {what} 2>/dev/null)\" -- \"${{cur}}\"))\n"
            ));
            continue;
        }
        match line.trim() {
            "--model)" | "-m)" => replace_next = Some("models"),
            "--profile)" => replace_next = Some("profiles"),
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn zsh_dynamic(script: &str) -> String {
    let helpers = "\
_brock_models() {
    local -a candidates
    candidates=(${(f)\"$(brock __complete models 2>/dev/null)\"})
    compadd -a candidates
}
_brock_profiles() {
    local -a candidates
    candidates=(${(f)\"$(brock __complete profiles 2>/dev/null)\"})
    compadd -a candidates
}

";
    let mut out = String::with_capacity(script.len() + helpers.len());
    let mut inserted = false;
    for line in script.lines() {
        let t = line.trim_start();
        let mut line = line.to_string();
        if (t.starts_with("'-m+[") || t.starts_with("'--model=["))
            && line.contains(":MODEL:_default'")
        {
            line = line.replace(":MODEL:_default'", ":MODEL:_brock_models'");
        }
        if t.starts_with("'--profile=[") && line.contains(":NAME:_default'") {
            line = line.replace(":NAME:_default'", ":NAME:_brock_profiles'");
        }
        if !inserted && line.starts_with("if [ \"$funcstack[1]\" = \"_brock\" ]") {
            out.push_str(helpers);
            inserted = true;
        }
        out.push_str(&line);
        out.push('\n');
    }
    if !inserted {
        out.push_str(helpers);
    }
    out
}

fn fish_dynamic(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + 512);
    let mut in_needs_command = false;
    for line in script.lines() {
        if line.starts_with("function __fish_brock_needs_command") {
            in_needs_command = true;
        } else if line == "end" {
            in_needs_command = false;
        }
        // clap's guard fails to parse `brock --profile <TAB>` (the option still waits for its
        // value), which hides every top-level candidate, the profile names included. Parse
        // without that last token instead.
        if in_needs_command && line == "    or return" {
            out.push_str(
                "    or begin\n        set -e cmd[-1]\n        and argparse -s (__fish_brock_global_optspecs) -- $cmd 2>/dev/null\n    end\n",
            );
        }
        let mut line = line.to_string();
        if line.contains(" -l model ") && line.contains(" -r") {
            line.push_str(" -f -a \"(brock __complete models 2>/dev/null)\"");
        } else if line.contains(" -l profile ") && line.contains(" -r") {
            line.push_str(" -f -a \"(brock __complete profiles 2>/dev/null)\"");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

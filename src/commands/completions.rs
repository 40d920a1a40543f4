//! `brock completions SHELL`: completion scripts generated from the CLI definition itself
//! (clap_complete), plus dynamic values for bash, zsh and fish through the hidden `brock
//! __complete KIND` helper: models of the kind each command takes, profiles, saved sessions and
//! logged conversations; reasoning levels are written into the scripts.
//!
//! Why a helper rather than clap_complete's dynamic engine (`CompleteEnv`): that engine is
//! behind clap_complete's `unstable-dynamic` feature, and it turns every script into a stub that
//! runs brock for each Tab, flags included. The static scripts answer flags and subcommands
//! without starting a process, and brock runs only where a value must be looked up.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;
use crate::config::Settings;
use crate::error::Result;
use crate::render::stdout_write;
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// Shell to generate for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<()> {
    stdout_write(&script(args.shell))
}

/// The completion script for a shell, exactly as committed under completions/.
pub fn script(shell: Shell) -> String {
    let mut cmd = visible_command();
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

/// The CLI without its hidden commands: clap_complete offers hidden subcommands (and `help`
/// lists them), and `__complete` is for the scripts, not for people.
fn visible_command() -> clap::Command {
    let full = Cli::command();
    let mut cmd = clap::Command::new("brock")
        .version(env!("CARGO_PKG_VERSION"))
        .propagate_version(true);
    for arg in full.get_arguments() {
        cmd = cmd.arg(arg.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        cmd = cmd.subcommand(sub.clone());
    }
    cmd
}

/// Which `__complete` list a `--model` takes, by the command (bash: its case label; zsh and
/// fish: the option's description, which names the kind).
fn model_list(context: &str) -> &'static str {
    if context.contains("__embed)") || context.contains("Embedding model") {
        "embed-models"
    } else if context.contains("__image)") || context.contains("Image model") {
        "image-models"
    } else if context.contains("__rerank)") || context.contains("Rerank model") {
        "rerank-models"
    } else if context.contains("__logs)") || context.contains("Only exchanges with this model") {
        "models"
    } else {
        "chat-models"
    }
}

const REASONING_LEVELS: &str = "off low medium high";

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

/// `brock __complete KIND`: candidates, one per line. Never fails loudly: a broken config
/// must not spray errors into the user's shell while they press Tab.
pub async fn candidates(settings: Option<&Settings>, what: &str) -> Result<()> {
    let mut out = Vec::new();
    match what {
        "models" | "chat-models" | "embed-models" | "image-models" | "rerank-models" => {
            if let Some(s) = settings {
                for (alias, target) in s.all_aliases() {
                    if what == "models" || model_kind(&target) == what {
                        out.push(alias);
                        out.push(target);
                    }
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
        "sessions" => {
            out.extend(
                crate::session::list()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| s.name),
            );
        }
        // Only an existing log database is read: pressing Tab must not create one.
        "conversations" if crate::logs::db_path().exists() => {
            if let Ok(mut store) = crate::logs::Store::open().await {
                if let Ok(list) = store.conversations().await {
                    out.extend(list.into_iter().map(|c| c.id));
                }
                store.close().await;
            }
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

/// The `__complete` list a model id belongs to, by what its id says it does.
fn model_kind(id: &str) -> &'static str {
    if brock_core::embed::EmbedFamily::detect(id).is_some() {
        "embed-models"
    } else if brock_core::image::ImageFamily::detect(id).is_some() {
        "image-models"
    } else if brock_core::rerank::is_rerank_model(id) {
        "rerank-models"
    } else {
        "chat-models"
    }
}

/// Each option's values, in place of clap's file completion: `__complete` lists and the
/// reasoning levels; the model ids for `models show`.
fn bash_dynamic(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + 512);
    let mut block = String::new();
    let mut replace_next: Option<String> = None;
    for line in script.lines() {
        let t = line.trim();
        if line.starts_with("        brock") && t.ends_with(')') {
            block = t.to_string();
        }
        if let Some(words) = replace_next.take()
            && t.starts_with("COMPREPLY=")
        {
            let indent = &line[..line.len() - line.trim_start().len()];
            out.push_str(&format!(
                "{indent}COMPREPLY=($(compgen -W \"{words}\" -- \"${{cur}}\"))\n"
            ));
            continue;
        }
        let helper = |what: &str| format!("$(brock __complete {what} 2>/dev/null)");
        replace_next = match t {
            "--model)" | "-m)" => Some(helper(model_list(&block))),
            "--profile)" => Some(helper("profiles")),
            "--reasoning)" => Some(REASONING_LEVELS.to_string()),
            "--session)" if block == "brock__subcmd__chat)" => Some(helper("sessions")),
            "--cid)" | "--conversation)" => Some(helper("conversations")),
            _ => None,
        };
        if block == "brock__subcmd__models__subcmd__show)" && t.starts_with("opts=\"") {
            // The model id is the positional argument, offered with the flags.
            out.push_str(&line.replacen("opts=\"", &format!("opts=\"{} ", helper("models")), 1));
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn zsh_dynamic(script: &str) -> String {
    let helpers = "\
_brock_list() {
    # _arguments puts its compadd options before the action's own word, the list's name.
    local -a candidates
    candidates=(${(f)\"$(brock __complete ${@[-1]} 2>/dev/null)\"})
    compadd \"${@[1,-2]}\" -a candidates
}

";
    let mut out = String::with_capacity(script.len() + helpers.len());
    let mut inserted = false;
    for line in script.lines() {
        let t = line.trim_start();
        let mut line = line.to_string();
        let mut set = |from: &str, to: String| {
            if line.contains(from) {
                line = line.replace(from, &to);
            }
        };
        if t.starts_with("'-m+[") || t.starts_with("'--model=[") {
            set(
                ":MODEL:_default'",
                format!(":MODEL:_brock_list {}'", model_list(t)),
            );
        } else if t.starts_with("'--profile=[") {
            set(":NAME:_default'", ":NAME:_brock_list profiles'".into());
        } else if t.starts_with("'--reasoning=[") {
            set(":LEVEL:_default'", format!(":LEVEL:({REASONING_LEVELS})'"));
        } else if t.contains("--session=[Continue the saved session NAME") {
            set(":NAME:_default'", ":NAME:_brock_list sessions'".into());
        } else if t.contains("--cid=[") || t.contains("--conversation=[") {
            set(":ID:_default'", ":ID:_brock_list conversations'".into());
        } else if t.starts_with("':id -- Model id, alias, inference profile id or ARN:") {
            set(":_default'", ":_brock_list models'".into());
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
    let helper = |what: &str| format!(" -f -a \"(brock __complete {what} 2>/dev/null)\"");
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
        if line.ends_with(" -r") {
            if line.contains(" -l model ") {
                line.push_str(&helper(model_list(&line)));
            } else if line.contains(" -l profile ") {
                line.push_str(&helper("profiles"));
            } else if line.contains(" -l reasoning ") {
                line.push_str(&format!(" -f -a \"{REASONING_LEVELS}\""));
            } else if line.contains("\"__fish_brock_using_subcommand chat\" -l session ") {
                line.push_str(&helper("sessions"));
            } else if line.contains(" -l cid ") {
                line.push_str(&helper("conversations"));
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    // `models show ID`: the id is positional, which clap gives fish no line for.
    out.push_str(&format!(
        "complete -c brock -n \"__fish_brock_using_subcommand models; and __fish_seen_subcommand_from show\"{}\n",
        helper("models")
    ));
    out
}

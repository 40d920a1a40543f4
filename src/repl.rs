//! `brock chat` on a terminal: the interactive REPL.
//!
//! Input is rustyline (history in the data dir, Ctrl-R search, `"""` blocks and Alt-Enter /
//! Ctrl-J for multi-line input, bracketed paste, tab completion). Each turn goes through the
//! same engine as one-shot chat (`engine::run`, drawn by `render::answer`), tools
//! included, and the conversation is saved to its session file after every step, so a crash,
//! Ctrl-C or Ctrl-D never loses a completed turn. Slash commands are one clap `multicall`
//! enum: help text and did-you-mean suggestions come from the same table.

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, Parser, Subcommand};
use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::FileHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Cmd, CompletionType, Config, Editor, EventHandler, KeyCode, KeyEvent, Modifiers};

use crate::cli::OutputFormat;
use crate::commands::chat::ChatArgs;
use crate::config::Settings;
use crate::engine::{self, LoopEvent, RouteOptions, TurnOptions, prepare};
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::answer::{AnswerOptions, AnswerView};
use crate::render::sanitize::for_terminal;
use crate::render::table::Table;
use crate::request::{configure, load_attachment, session_settings};
use crate::session::{self, Session};
use crate::tools::{Approval, ToolRunner};
use brock_bedrock::Client;
use brock_core::message::{Conversation, Message, Part, Role, ToolResultContent, ToolSpec};
use brock_core::request::{ChatRequest, ReasoningLevel};

const PROMPT: &str = "brock> ";
/// Opens and closes a multi-line block.
const BLOCK: &str = "\"\"\"";

/// The slash commands. Doc comments are the help text.
#[derive(Debug, Parser)]
#[command(multicall = true, disable_help_subcommand = true)]
struct SlashLine {
    #[command(subcommand)]
    command: Slash,
}

#[derive(Debug, Subcommand)]
enum Slash {
    /// Show these commands
    Help,
    /// Show the model, or switch to another id or alias; the conversation goes on
    Model { id: Option<String> },
    /// Show the system prompt, set it, or remove it with --clear
    System {
        /// Remove the system prompt
        #[arg(long)]
        clear: bool,
        #[arg(
            trailing_var_arg = true,
            allow_hyphen_values = true,
            value_name = "TEXT"
        )]
        text: Vec<String>,
    },
    /// Show the role, or switch to a [roles.NAME] of the config (system prompt and settings)
    Role { name: Option<String> },
    /// Show or set reasoning: off, low, medium, high or a token budget
    Reasoning { level: Option<String> },
    /// Show or set the temperature ("default" to unset)
    Temperature {
        // A negative value is refused by the range check, not read as a flag.
        #[arg(allow_negative_numbers = true)]
        value: Option<String>,
    },
    /// Show or set nucleus sampling, 0 to 1 ("default" to unset)
    #[command(name = "top-p")]
    TopP {
        #[arg(value_name = "P", allow_negative_numbers = true)]
        value: Option<String>,
    },
    /// Show or set top-k sampling ("default" to unset)
    #[command(name = "top-k")]
    TopK {
        #[arg(value_name = "K", allow_negative_numbers = true)]
        value: Option<String>,
    },
    /// Show or set the maximum output tokens ("default" to unset)
    #[command(name = "max-tokens")]
    MaxTokens {
        #[arg(value_name = "N", allow_negative_numbers = true)]
        value: Option<String>,
    },
    /// Attach images or documents to the next message (no PATH: list them)
    Attach {
        #[arg(value_name = "PATH")]
        paths: Vec<String>,
    },
    /// List the tools, or enable / disable one
    Tools {
        #[command(subcommand)]
        action: Option<ToolsAction>,
    },
    /// Save the session (under a new NAME if given)
    Save { name: Option<String> },
    /// Continue a saved session
    Load { name: String },
    /// List saved sessions
    Sessions,
    /// Start a new session (the current one stays saved)
    New,
    /// Forget the conversation of this session (model and settings stay)
    Clear,
    /// Drop the last exchange
    Undo,
    /// Ask for the last answer again
    Retry,
    /// Copy the last answer to the clipboard (OSC 52)
    Copy,
    /// Write the next message in $VISUAL / $EDITOR
    Edit,
    /// Tokens and latency so far
    Usage,
    /// Write the conversation to FILE as markdown
    Export { file: PathBuf },
    /// Leave (Ctrl-D does the same)
    #[command(alias = "quit")]
    Exit,
}

#[derive(Debug, Subcommand)]
enum ToolsAction {
    /// List the tools (the default)
    List,
    /// Offer a tool to the model again
    Enable { name: String },
    /// Stop offering a tool to the model
    Disable { name: String },
}

/// What the loop does after a command.
enum Flow {
    Continue,
    Exit,
    Send(Vec<Part>),
}

pub async fn run(printer: &Printer, settings: &Settings, args: &ChatArgs) -> Result<()> {
    let mut repl = Repl::start(printer, settings, args).await?;
    let history = history_path();
    let mut rl = editor(&repl)?;
    let _ = rl.load_history(&history);
    repl.banner();
    loop {
        if let Some(h) = rl.helper_mut() {
            h.models = repl.model_candidates();
            h.tools = repl.tools.iter().map(|t| t.name.clone()).collect();
        }
        let prompt = repl.prompt();
        let line = tokio::task::block_in_place(|| rl.readline(&prompt));
        let line = match line {
            Ok(l) => l,
            // Ctrl-C at the prompt only clears the line.
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(Error::Protocol(format!("cannot read the terminal: {e}"))),
        };
        if line.trim().is_empty() {
            continue;
        }
        if rl.add_history_entry(line.as_str()).unwrap_or(false) {
            save_history(&mut rl, &history);
        }
        let flow = if let Some(rest) = line
            .trim_start()
            .strip_prefix('/')
            .filter(|r| !r.starts_with('/'))
        {
            match repl.command(rest).await {
                Ok(f) => f,
                Err(e) => {
                    repl.printer.error(&e);
                    Flow::Continue
                }
            }
        } else {
            // `//text` sends a message that starts with a slash.
            let text = line
                .trim_start()
                .strip_prefix('/')
                .filter(|r| r.starts_with('/'))
                .unwrap_or(&line);
            let text = block_text(text);
            let mut content = std::mem::take(&mut repl.attachments);
            content.push(Part::text(text));
            Flow::Send(content)
        };
        match flow {
            Flow::Continue => {}
            Flow::Exit => break,
            Flow::Send(content) => repl.send(Some(content)).await,
        }
    }
    repl.leave()
}

/// `us.anthropic.claude-sonnet-4-5-…` → `claude-sonnet-4-5-…`; an ARN → its last part.
fn short_model(id: &str) -> &str {
    let id = id.rsplit('/').next().unwrap_or(id);
    id.rsplit('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(id)
}

struct Repl {
    settings: Settings,
    /// The chat flags, used for every request (tools, params, guardrail, …).
    args: ChatArgs,
    client: Client,
    session: Session,
    /// Every tool the REPL can offer (`--tools` file and `[tools.NAME]`).
    tools: Vec<ToolSpec>,
    runner: ToolRunner,
    attachments: Vec<Part>,
    /// The conversation before a `/retry` took its last exchange off.
    retry_from: Option<(Conversation, Vec<usize>)>,
    /// The session has the dated name it was given, not one the user chose.
    auto_named: bool,
    /// The last save failed: the file is behind the conversation.
    unsaved: bool,
    /// This REPL's hold on its session name (see [`session::Lock`]).
    lock: session::Lock,
    printer: Printer,
}

impl Repl {
    async fn start(printer: &Printer, settings: &Settings, args: &ChatArgs) -> Result<Repl> {
        let mut args = args.clone();
        // Configured tools are always on offer in the REPL; they run after approval.
        args.run_tools = true;
        args.prompt.clear();
        // `-c` / `--cid`: a session file continues as itself; a conversation only in the log
        // becomes a session file named by its id.
        let logged = crate::commands::sessions::resolve_continue(&mut args).await?;
        if let Some(l) = &logged {
            args.session = Some(l.name.clone());
        }
        let name = args.session.clone().unwrap_or_else(session::timestamp_name);
        // A REPL keeps its session open for as long as it runs: a second one is refused
        // rather than left waiting, and one-shot runs wait for it to leave.
        let lock = session::Lock::acquire(&name, false)?;
        let mut session = match &args.session {
            Some(_) => Session::load(&name)?,
            None => None,
        }
        .or(logged)
        .unwrap_or_else(|| Session::new(name.clone(), String::new()));
        let effective = session_settings(settings, &args, &session);
        session.model = effective.model_or_default(None)?;
        session.set_system(effective.system.clone());
        session.settings.reasoning = effective.reasoning.clone();
        session.settings.temperature = effective.temperature;
        session.settings.max_tokens = effective.max_tokens;
        let client = crate::transport::client(settings).await?;
        let mut repl = Repl {
            settings: settings.clone(),
            args: args.clone(),
            client,
            session,
            tools: Vec::new(),
            runner: ToolRunner::new(
                settings.tools.clone(),
                if args.yes {
                    Approval::Trusted
                } else {
                    Approval::Ask
                },
            ),
            attachments: Vec::new(),
            retry_from: None,
            auto_named: args.session.is_none(),
            unsaved: false,
            lock,
            printer: *printer,
        };
        // Build one request now so bad flags (a missing tools file, a bad --param) are refused
        // before the REPL opens, not on the first message.
        repl.session
            .conversation
            .messages
            .push(Message::user_text("probe"));
        let probe = repl.request();
        repl.session.conversation.messages.pop();
        repl.tools = probe?.tools;
        // A model no route can reach is refused now too.
        repl.route()?;
        Ok(repl)
    }

    fn banner(&self) {
        let n = self.session.conversation.messages.len();
        let what = if n > 0 {
            format!("continuing session {} ({n} messages)", self.session.name)
        } else {
            format!("session {}", self.session.name)
        };
        self.note(&format!(
            "brock chat · {} · {what} · /help for commands, Ctrl-D to leave",
            self.session.model
        ));
    }

    /// `/role NAME`: the role's system prompt and settings for the following turns (its prompt
    /// template is for one-shot input and is not applied to typed messages). Everything is
    /// checked before anything changes.
    fn switch_role(&mut self, name: &str) -> Result<()> {
        let role = self.settings.roles.get(name).cloned().ok_or_else(|| {
            crate::config::unknown_role(name, &self.settings.roles, &self.settings.config_path)
        })?;
        let bad = |key: &str, why: String| Error::config(format!("[roles.{name}] {key}: {why}"));
        if let Some(t) = role
            .tools
            .iter()
            .find(|t| !self.settings.tools.contains_key(*t))
        {
            return Err(bad("tools", format!("no [tools.{t}] in the config")));
        }
        let reasoning = match &role.reasoning {
            None => None,
            Some(toml::Value::String(s)) => Some(s.clone()),
            Some(toml::Value::Integer(i)) => Some(i.to_string()),
            Some(_) => return Err(bad("reasoning", "expected a string or an integer".into())),
        };
        if let Some(r) = &reasoning {
            r.parse::<ReasoningLevel>()
                .map_err(|e| bad("reasoning", e.to_string()))?;
        }
        for (key, v) in [
            ("temperature", role.temperature),
            ("top_p", role.top_p),
            ("max_tokens", role.max_tokens.map(|n| n as f64)),
        ] {
            if let Some(v) = v {
                crate::config::check_number(key, v).map_err(|why| bad(key, why))?;
            }
        }
        let model = role
            .model
            .as_deref()
            .map(|m| self.settings.resolve_model(m))
            .transpose()?;
        let old = (self.session.model.clone(), self.settings.clone());
        if let Some(m) = model {
            self.session.model = m;
        }
        self.settings.role = Some(name.to_string());
        self.settings.top_p = role.top_p.map(|p| p as f32).or(self.settings.top_p);
        // The new model's route is planned now; a role it cannot serve changes nothing.
        let route = match self.route() {
            Ok(r) => r,
            Err(e) => {
                (self.session.model, self.settings) = old;
                return Err(e);
            }
        };
        if let Some(system) = &role.system {
            self.session.set_system(Some(system.clone()));
        }
        if reasoning.is_some() {
            self.session.settings.reasoning = reasoning;
        }
        if let Some(t) = role.temperature {
            self.session.settings.temperature = Some(t as f32);
        }
        if let Some(n) = role.max_tokens {
            self.session.settings.max_tokens = Some(n as u32);
        }
        self.save();
        self.note(&format!(
            "role: {name} (model: {}, route: {route})",
            self.session.model
        ));
        Ok(())
    }

    /// A dimmed line on stderr.
    fn note(&self, s: &str) {
        self.printer.dim(&for_terminal(s));
    }

    /// The request for the conversation as it stands, with the REPL's current settings.
    fn request(&self) -> Result<ChatRequest> {
        let mut s = self.settings.clone();
        // The system prompt lives in the session's conversation.
        s.system = None;
        s.reasoning = self.session.settings.reasoning.clone();
        s.temperature = self.session.settings.temperature;
        s.max_tokens = self.session.settings.max_tokens;
        let mut req = ChatRequest::new(
            self.session.model.clone(),
            self.session.request_conversation(),
        );
        configure(&mut req, &s, &self.args)?;
        req.tools
            .retain(|t| !self.session.settings.disabled_tools.contains(&t.name));
        Ok(req)
    }

    /// The route the next request takes (`converse`, `invoke (FAMILY)`, …), planned from the
    /// current model and settings exactly as a turn plans it.
    fn route(&self) -> Result<String> {
        let mut req = self.request()?;
        req.conversation.push_user_text("probe");
        let prepared = prepare(
            &req,
            &RouteOptions::from_args(&self.args),
            !self.args.no_stream,
        )?;
        Ok(prepared.plan.route.to_string())
    }

    fn effective_settings(&self) -> Settings {
        let mut s = self.settings.clone();
        s.output = Some(OutputFormat::Text);
        s
    }

    /// One turn: the user's message (None to answer the conversation as it is), the answer,
    /// tool rounds; saved after every step.
    async fn send(&mut self, user: Option<Vec<Part>>) {
        // A /retry already took its exchange off: a failed retry puts it back.
        let retry = self.retry_from.is_some();
        let before = self.retry_from.take().unwrap_or_else(|| {
            (
                self.session.conversation.clone(),
                self.session.interrupted.clone(),
            )
        });
        // A failed message gives its attachments back for the next try.
        let attached: Vec<Part> = match (&user, retry) {
            (Some(content), false) => content
                .iter()
                .filter(|p| !matches!(p, Part::Text { .. }))
                .cloned()
                .collect(),
            _ => Vec::new(),
        };
        if let Some(content) = user {
            self.session
                .conversation
                .push(Message::new(Role::User, content));
        }
        let mut req = match self.request() {
            Ok(r) => r,
            Err(e) => {
                (self.session.conversation, self.session.interrupted) = before;
                self.attachments = attached;
                return self.printer.error(&e);
            }
        };
        let opts = TurnOptions {
            stream: !self.args.no_stream,
            route: RouteOptions::from_args(&self.args),
            interruptible: true,
            terminate: false,
        };
        let mut view = AnswerView::new(
            self.printer,
            AnswerOptions {
                output: OutputFormat::Text,
                show_reasoning: !self.args.hide_reasoning,
                show_tool_calls: false,
                exact: self.args.raw,
                guardrail_trace: self.settings.guardrail.as_ref().is_some_and(|g| g.trace),
            },
        );
        self.runner
            .set_disabled(self.session.settings.disabled_tools.clone());
        let settings = self.effective_settings();
        let session = &mut self.session;
        let mut recorded = false;
        let mut save_error: Option<Error> = None;
        let mut last_save_failed = false;
        if let Err(e) = session.save() {
            save_error = Some(e);
            last_save_failed = true;
        }
        let mut usage = brock_core::converse::Usage::default();
        let started = (session::now_rfc3339(), std::time::Instant::now());
        let exchange_from = req
            .conversation
            .messages
            .iter()
            .rposition(|m| m.role == Role::User)
            .unwrap_or(0);
        let mut record = |ev: LoopEvent<'_>| -> Result<()> {
            if let LoopEvent::Usage { usage: u, .. } = &ev {
                crate::logs::add_usage(&mut usage, u);
            }
            recorded |= ev.record_in(session);
            // A full disk must not end the conversation: say so once and go on.
            let saved = session.save();
            last_save_failed = saved.is_err();
            if let Err(e) = saved
                && save_error.is_none()
            {
                save_error = Some(e);
            }
            Ok(())
        };
        let mut ask = crate::render::approval::ask_on_terminal;
        let outcome = match crate::commands::identity::hint_request(
            &self.client,
            true,
            &settings,
            &mut req,
            opts.route.family.as_deref(),
        )
        .await
        {
            Ok(()) => {
                engine::run(
                    &self.client,
                    &mut req,
                    &opts,
                    &mut view,
                    Some(engine::Tools {
                        runner: &mut self.runner,
                        ask: &mut ask,
                    }),
                    &mut record,
                )
                .await
            }
            Err(e) => Err(e),
        };
        if self.settings.log && !self.args.no_log {
            let entry = crate::logs::Entry {
                conversation_id: self.session.name.clone(),
                session: Some(self.session.name.clone()),
                model: req.model_id.clone(),
                route: self.route().ok(),
                system: req.conversation.system_text(),
                messages: req.conversation.messages[exchange_from..].to_vec(),
                usage,
                started: started.0,
                duration_ms: started.1.elapsed().as_millis() as u64,
                exit_status: match &outcome {
                    Ok(o) if o.interrupted => i32::from(Error::Interrupted.exit_code()),
                    Ok(_) => 0,
                    Err(e) => i32::from(e.exit_code()),
                },
                error: outcome.as_ref().err().map(|e| e.to_string()),
            };
            crate::logs::record_or_warn(&entry).await;
        }
        match outcome {
            Ok(o) if o.interrupted => self.note("[interrupted]"),
            Ok(_) => {}
            Err(e) => {
                if !recorded {
                    // Nothing was answered: the conversation is as before, and the message is
                    // in the input history to send again.
                    (self.session.conversation, self.session.interrupted) = before;
                    let saved = self.session.save();
                    last_save_failed = saved.is_err();
                    if let Err(e) = saved {
                        save_error.get_or_insert(e);
                    }
                    if !attached.is_empty() {
                        self.attachments = attached;
                    }
                }
                self.printer.error(&e);
            }
        }
        self.unsaved = last_save_failed;
        if let Some(e) = save_error {
            self.printer.error(&e);
        }
    }

    /// Leaving: a conversation the last save could not write is tried once more, then kept
    /// in the temp directory, and the exit status says it did not go where it belongs.
    /// The model the next message goes to, short (no region or provider prefix), then `brock> `.
    fn prompt(&self) -> String {
        format!("{} {PROMPT}", short_model(&self.session.model))
    }

    /// Where the conversation is kept and how to pick it up again, on leaving.
    fn farewell(&self) {
        if self.session.conversation.messages.is_empty() {
            return;
        }
        let name = &self.session.name;
        self.note(&format!(
            "conversation kept in {} · continue it with: brock chat --session {name}",
            session::Session::path_for(name).display()
        ));
    }

    fn leave(mut self) -> Result<()> {
        if !self.unsaved {
            self.farewell();
            return Ok(());
        }
        let err = match self.session.save() {
            Ok(_) => {
                self.farewell();
                return Ok(());
            }
            Err(e) => e,
        };
        let name = self.session.name.clone();
        let dir = session::sessions_dir();
        let fallback =
            std::env::temp_dir().join(format!("brock-session-{name}-{}.json", std::process::id()));
        let kept = serde_json::to_vec_pretty(&self.session)
            .map_err(|e| Error::Protocol(format!("cannot encode the session: {e}")))
            .and_then(|json| crate::files::write_private_new(&fallback, &json));
        Err(match kept {
            Ok(()) => Error::config(format!(
                "session {name} could not be saved ({err}); it is kept in {}: move it to {}/{name}.json to continue it",
                fallback.display(),
                dir.display()
            )),
            Err(e2) => Error::config(format!(
                "session {name} could not be saved ({err}), nor kept in {} ({e2}): its last turns are lost",
                fallback.display()
            )),
        })
    }

    async fn command(&mut self, line: &str) -> Result<Flow> {
        let words = split_words(line);
        let parsed = match SlashLine::try_parse_from(&words) {
            Ok(p) => p,
            Err(e)
                if matches!(
                    e.kind(),
                    clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion
                ) =>
            {
                let _ = e.print();
                return Ok(Flow::Continue);
            }
            Err(e) => return Err(slash_error(&e, &words)),
        };
        match parsed.command {
            Slash::Help => self.help(),
            Slash::Model { id } => self.model(id),
            Slash::System { clear, text } => self.system(line, clear, &text),
            Slash::Role { name } => self.role(name),
            Slash::Reasoning { level } => self.reasoning(level),
            Slash::Temperature { value } => self.temperature(value),
            Slash::TopP { value } => self.top_p(value),
            Slash::TopK { value } => self.top_k(value),
            Slash::MaxTokens { value } => self.max_tokens(value),
            Slash::Attach { paths } => self.attach(&paths),
            Slash::Tools { action } => self.tools_command(action).map(|()| Flow::Continue),
            Slash::Save { name } => self.save_as(name),
            Slash::Load { name } => self.load(name).await,
            Slash::Sessions => self.sessions().await,
            Slash::New => self.new_session(),
            Slash::Clear => self.clear(),
            Slash::Undo => self.undo(),
            Slash::Retry => self.retry(),
            Slash::Copy => self.copy(),
            Slash::Edit => self.edit(),
            Slash::Usage => self.usage(),
            Slash::Export { file } => self.export(&file),
            Slash::Exit => Ok(Flow::Exit),
        }
    }

    /// `/help`: the commands and keys (the same table `chat --help` and the man page show).
    fn help(&self) -> Result<Flow> {
        self.printer.err_text(&help_text());
        Ok(Flow::Continue)
    }

    /// `/model [ID]`: show the model and its route, or switch (the conversation goes on).
    fn model(&mut self, id: Option<String>) -> Result<Flow> {
        let Some(id) = id else {
            let route = self.route()?;
            self.note(&format!("model: {} (route: {route})", self.session.model));
            return Ok(Flow::Continue);
        };
        let resolved = self.settings.resolve_model(&id)?;
        let old = std::mem::replace(&mut self.session.model, resolved);
        // The route is chosen again for the new model; one it cannot reach is refused
        // here, not on the next message.
        let route = match self.route() {
            Ok(r) => r,
            Err(e) => {
                self.session.model = old;
                return Err(e);
            }
        };
        self.save();
        self.note(&format!("model: {} (route: {route})", self.session.model));
        Ok(Flow::Continue)
    }

    /// `/system [--clear] [TEXT]`: show, set (as typed, spacing kept) or remove the system prompt.
    fn system(&mut self, line: &str, clear: bool, text: &[String]) -> Result<Flow> {
        if clear {
            self.session.set_system(None);
            self.save();
            self.note("system prompt removed");
        } else if text.is_empty() {
            match self.session.system_text() {
                Some(s) => self.note(&format!("system: {s}")),
                None => self.note("no system prompt (set one with /system TEXT)"),
            }
        } else {
            // Keep the text as typed (spacing included), not as split into words.
            let raw = line
                .trim_start()
                .strip_prefix("system")
                .unwrap_or(line)
                .trim();
            self.session.set_system(Some(raw.to_string()));
            self.save();
            self.note("system prompt set");
        }
        Ok(Flow::Continue)
    }

    /// `/role [NAME]`: show the role and the configured ones, or switch.
    fn role(&mut self, name: Option<String>) -> Result<Flow> {
        if let Some(name) = name {
            self.switch_role(&name)?;
            return Ok(Flow::Continue);
        }
        let names: Vec<&str> = self.settings.roles.keys().map(String::as_str).collect();
        let roles = if names.is_empty() {
            "none in the config".to_string()
        } else {
            names.join(", ")
        };
        self.note(&format!(
            "role: {} (roles: {roles})",
            self.settings.role.as_deref().unwrap_or("none")
        ));
        Ok(Flow::Continue)
    }

    /// `/reasoning [LEVEL]`: show or set reasoning.
    fn reasoning(&mut self, level: Option<String>) -> Result<Flow> {
        let Some(l) = level else {
            self.note(&format!(
                "reasoning: {}",
                self.session
                    .settings
                    .reasoning
                    .as_deref()
                    .unwrap_or("model default")
            ));
            return Ok(Flow::Continue);
        };
        let _: ReasoningLevel = l
            .parse()
            .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?;
        self.session.settings.reasoning = Some(l.clone());
        self.save();
        self.note(&format!("reasoning: {l}"));
        Ok(Flow::Continue)
    }

    /// `/temperature [VALUE|default]`.
    fn temperature(&mut self, value: Option<String>) -> Result<Flow> {
        if let Some(v) = value {
            self.session.settings.temperature =
                parse_setting(&v, "temperature", "temperature")?.map(|t| t as f32);
            self.save();
        }
        self.note(&format!(
            "temperature: {}",
            self.session
                .settings
                .temperature
                .map(|t| t.to_string())
                .as_deref()
                .unwrap_or("model default")
        ));
        Ok(Flow::Continue)
    }

    // The flags' range table checks them (parse_setting): a refused value changes nothing.
    // They last for this REPL, like the flags that set them.

    /// `/top-p [P|default]`.
    fn top_p(&mut self, value: Option<String>) -> Result<Flow> {
        if let Some(v) = value {
            self.settings.top_p = parse_setting(&v, "top-p", "top_p")?.map(|p| p as f32);
        }
        self.note(&format!(
            "top-p: {}",
            self.settings
                .top_p
                .map(|p| p.to_string())
                .as_deref()
                .unwrap_or("model default")
        ));
        Ok(Flow::Continue)
    }

    /// `/top-k [K|default]`.
    fn top_k(&mut self, value: Option<String>) -> Result<Flow> {
        if let Some(v) = value {
            let k = parse_setting(&v, "top-k", "top_k")?.map(|k| k as u32);
            self.args.top_k = k;
            self.settings.top_k = k;
        }
        self.note(&format!(
            "top-k: {}",
            self.args
                .top_k
                .map(|k| k.to_string())
                .as_deref()
                .unwrap_or("model default")
        ));
        Ok(Flow::Continue)
    }

    /// `/max-tokens [N|default]`.
    fn max_tokens(&mut self, value: Option<String>) -> Result<Flow> {
        if let Some(v) = value {
            self.session.settings.max_tokens =
                parse_setting(&v, "max-tokens", "max_tokens")?.map(|n| n as u32);
            self.save();
        }
        self.note(&format!(
            "max tokens: {}",
            self.session
                .settings
                .max_tokens
                .map(|t| t.to_string())
                .as_deref()
                .unwrap_or("model default")
        ));
        Ok(Flow::Continue)
    }

    /// `/attach [PATH]...`: attach to the next message, or list what is attached.
    fn attach(&mut self, paths: &[String]) -> Result<Flow> {
        for p in paths {
            let part = load_attachment(p)?;
            self.attachments.push(part);
            self.note(&format!("attached {p} to the next message"));
        }
        if paths.is_empty() {
            if self.attachments.is_empty() {
                self.note("nothing attached (use /attach PATH)");
            } else {
                self.note(&format!(
                    "{} attachment(s) will go with the next message",
                    self.attachments.len()
                ));
            }
        }
        Ok(Flow::Continue)
    }

    /// `/save [NAME]`: save, or save under a new name (and hold that name).
    fn save_as(&mut self, name: Option<String>) -> Result<Flow> {
        if let Some(name) = name {
            session::check_name(&name)?;
            if name != self.session.name {
                if Session::path_for(&name).exists() {
                    return Err(Error::usage(format!(
                        "a session named {name} exists; /load it, or choose another name"
                    )));
                }
                let lock = session::Lock::acquire(&name, false)?;
                let old = Session::path_for(&self.session.name);
                self.session.name = name;
                let path = self.session.save()?;
                self.unsaved = false;
                self.lock = lock;
                // A dated autosave under its new name would only be a duplicate; a
                // session the user named stays, and this becomes a copy of it.
                if std::mem::take(&mut self.auto_named) {
                    let _ = std::fs::remove_file(old);
                }
                self.note(&format!("saved as {}", path.display()));
                return Ok(Flow::Continue);
            }
        }
        let path = self.session.save()?;
        self.unsaved = false;
        self.note(&format!("saved {}", path.display()));
        Ok(Flow::Continue)
    }

    /// `/load NAME`: continue a saved session (or a conversation only in the log).
    async fn load(&mut self, name: String) -> Result<Flow> {
        let lock = if name == self.session.name {
            None
        } else {
            Some(session::Lock::acquire(&name, false)?)
        };
        // A conversation only in the log becomes a session file named by its id.
        let s = match Session::load(&name)? {
            Some(s) => s,
            None => crate::commands::sessions::load_any(&name).await?,
        };
        self.session = s;
        if let Some(lock) = lock {
            self.lock = lock;
        }
        self.unsaved = false;
        self.auto_named = false;
        self.attachments.clear();
        self.note(&format!(
            "loaded {} ({} messages, model {})",
            self.session.name,
            self.session.conversation.messages.len(),
            self.session.model
        ));
        if let Some(last) = self.session.conversation.last_assistant_text() {
            self.note(&format!("last answer: {}", first_line(&last, 100)));
        }
        Ok(Flow::Continue)
    }

    /// `/sessions`: the saved sessions, as `brock sessions` lists them.
    async fn sessions(&self) -> Result<Flow> {
        let rows = crate::commands::sessions::rows().await?;
        if rows.is_empty() {
            self.note("no saved sessions yet");
        } else {
            let t = crate::commands::sessions::table(rows);
            let _ = t.write(&mut std::io::stderr().lock(), self.printer.color.stderr);
        }
        Ok(Flow::Continue)
    }

    /// `/new`: a new dated session with the same model and settings.
    fn new_session(&mut self) -> Result<Flow> {
        let name = session::timestamp_name();
        let lock = session::Lock::acquire(&name, false)?;
        let mut s = Session::new(name, self.session.model.clone());
        self.lock = lock;
        self.auto_named = true;
        s.settings = self.session.settings.clone();
        s.conversation.system = self.session.conversation.system.clone();
        self.session = s;
        self.attachments.clear();
        self.note(&format!("new session {}", self.session.name));
        Ok(Flow::Continue)
    }

    /// `/clear`: forget the conversation.
    fn clear(&mut self) -> Result<Flow> {
        self.session.truncate(0);
        self.attachments.clear();
        self.save();
        self.note("conversation cleared");
        Ok(Flow::Continue)
    }

    /// `/undo`: drop the last exchange.
    fn undo(&mut self) -> Result<Flow> {
        match self.session.last_exchange_start() {
            Some(i) => {
                self.session.truncate(i);
                self.save();
                self.note("dropped the last exchange");
            }
            None => self.note("nothing to undo"),
        }
        Ok(Flow::Continue)
    }

    /// `/retry`: send the last message again (a failed retry puts the exchange back).
    fn retry(&mut self) -> Result<Flow> {
        match self.session.last_exchange_start() {
            Some(i) => {
                let content = self.session.conversation.messages[i].content.clone();
                self.retry_from = Some((
                    self.session.conversation.clone(),
                    self.session.interrupted.clone(),
                ));
                self.session.truncate(i);
                return Ok(Flow::Send(content));
            }
            None => self.note("nothing to retry"),
        }
        Ok(Flow::Continue)
    }

    /// `/copy`: the last answer to the clipboard by OSC 52, through the terminal only.
    fn copy(&self) -> Result<Flow> {
        match self
            .session
            .conversation
            .last_assistant_text()
            .filter(|t| !t.is_empty())
        {
            Some(text) => {
                use base64::Engine;
                let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
                let osc = format!("\x1b]52;c;{b64}\x07");
                // The terminal is what sets the clipboard: never write this into a file.
                if self.printer.stdout_tty {
                    let mut out = std::io::stdout().lock();
                    let _ = out.write_all(osc.as_bytes()).and_then(|_| out.flush());
                } else if self.printer.stderr_tty {
                    let mut err = std::io::stderr().lock();
                    let _ = err.write_all(osc.as_bytes()).and_then(|_| err.flush());
                } else {
                    return Err(Error::usage(
                        "/copy needs stdout or stderr on a terminal (OSC 52)",
                    ));
                }
                self.note(&format!(
                    "copied {} characters to the clipboard (OSC 52)",
                    text.chars().count()
                ));
            }
            None => self.note("no answer to copy yet"),
        }
        Ok(Flow::Continue)
    }

    /// `/edit`: compose the next message in the editor.
    fn edit(&mut self) -> Result<Flow> {
        if let Some(text) = compose_in_editor()? {
            let mut content = std::mem::take(&mut self.attachments);
            content.push(Part::text(text));
            return Ok(Flow::Send(content));
        }
        self.note("nothing written: no message sent");
        Ok(Flow::Continue)
    }

    /// `/usage`: tokens and latency of this session.
    fn usage(&self) -> Result<Flow> {
        let u = &self.session.usage;
        let mut line = format!(
            "{} requests · {} tokens in · {} out",
            u.requests, u.input_tokens, u.output_tokens
        );
        if u.cache_read_tokens > 0 || u.cache_write_tokens > 0 {
            line.push_str(&format!(
                " · cache {} read, {} written",
                u.cache_read_tokens, u.cache_write_tokens
            ));
        }
        if u.requests > 0 {
            use crate::render::significant;
            line.push_str(&format!(
                " · {} s in total · {} s per answer · first token {} s on average",
                significant(u.total_ms as f64 / 1000.0, 3),
                significant(u.total_ms as f64 / 1000.0 / u.requests as f64, 3),
                significant(u.first_token_ms as f64 / 1000.0 / u.requests as f64, 3)
            ));
        }
        self.note(&line);
        Ok(Flow::Continue)
    }

    /// `/export FILE`: the conversation as markdown.
    fn export(&self, file: &Path) -> Result<Flow> {
        let md = transcript(&self.session);
        crate::files::write_atomic(file, md.as_bytes())?;
        self.note(&format!("wrote {}", file.display()));
        Ok(Flow::Continue)
    }

    fn tools_command(&mut self, action: Option<ToolsAction>) -> Result<()> {
        let known = |name: &str, tools: &[ToolSpec]| -> Result<()> {
            if tools.iter().any(|t| t.name == name) {
                return Ok(());
            }
            let names: Vec<&str> = tools.iter().map(|t| t.name.as_str()).collect();
            let hint = crate::config::did_you_mean(name, names.iter().copied())
                .map(|s| format!(" — did you mean {s}?"))
                .unwrap_or_default();
            Err(Error::usage(format!(
                "no tool named {name}{hint} (see /tools)"
            )))
        };
        match action.unwrap_or(ToolsAction::List) {
            ToolsAction::List => {
                if self.tools.is_empty() {
                    self.note("no tools: define [tools.NAME] in the config or pass --tools FILE");
                    return Ok(());
                }
                let mut t = Table::new(vec!["TOOL", "STATE", "RUNS", "DESCRIPTION"]);
                for spec in &self.tools {
                    let state = if self.session.settings.disabled_tools.contains(&spec.name) {
                        "disabled"
                    } else {
                        "enabled"
                    };
                    let runs = if !self.runner.can_run(&spec.name) {
                        "no command"
                    } else if self.runner.approval() == Approval::Trusted {
                        "without asking"
                    } else {
                        "after approval"
                    };
                    t.row(vec![
                        spec.name.clone(),
                        state.into(),
                        runs.into(),
                        first_line(spec.description.as_deref().unwrap_or(""), 60),
                    ]);
                }
                let _ = t.write(&mut std::io::stderr().lock(), self.printer.color.stderr);
            }
            ToolsAction::Enable { name } => {
                known(&name, &self.tools)?;
                self.session.settings.disabled_tools.remove(&name);
                self.save();
                self.note(&format!("tool {name} enabled"));
            }
            ToolsAction::Disable { name } => {
                known(&name, &self.tools)?;
                self.session.settings.disabled_tools.insert(name.clone());
                self.save();
                self.note(&format!("tool {name} disabled"));
            }
        }
        Ok(())
    }

    /// Saves a session that has a conversation (an empty new one is not worth a file).
    fn save(&mut self) {
        if self.session.conversation.messages.is_empty()
            && !Session::path_for(&self.session.name).exists()
        {
            return;
        }
        let saved = self.session.save();
        self.unsaved = saved.is_err();
        if let Err(e) = saved {
            self.printer.error(&e);
        }
    }

    fn model_candidates(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (alias, target) in self.settings.all_aliases() {
            out.push(alias);
            out.push(target);
        }
        out.push(self.session.model.clone());
        out.sort();
        out.dedup();
        out
    }
}

/// `[--clear] [TEXT]...`: the arguments of a slash command for `/help`.
/// The slash commands as (usage, description) rows, from their clap definitions: `/help`, the
/// man page and `brock chat --help` all show these, so they cannot drift apart.
pub fn slash_commands() -> Vec<(String, String)> {
    let mut rows = Vec::new();
    for c in SlashLine::command().get_subcommands() {
        let mut usage = format!("/{} {}", c.get_name(), usage_args(c));
        let actions: Vec<String> = c
            .get_subcommands()
            .map(|a| {
                format!("{} {}", a.get_name(), usage_args(a))
                    .trim()
                    .to_string()
            })
            .collect();
        if !actions.is_empty() {
            usage.push_str(&format!("[{}]", actions.join(" | ")));
        }
        let about = c.get_about().map(|a| a.to_string()).unwrap_or_default();
        rows.push((usage.trim_end().to_string(), about));
    }
    rows
}

/// The REPL's keys, as (keys, what they do).
pub const KEYS: &[(&str, &str)] = &[
    ("Enter", "send the message"),
    ("\"\"\"", "start and end a multi-line block"),
    ("Alt-Enter, Ctrl-J", "add a line"),
    (
        "Tab",
        "complete commands and their arguments: models, sessions, paths, tools",
    ),
    ("Ctrl-R", "search history"),
    ("//text", "send text starting with '/'"),
    ("Ctrl-C", "stop an answer, or clear the line"),
    ("Ctrl-D", "leave (the conversation stays saved)"),
];

/// `/help`: the commands, then the keys, in aligned columns.
pub fn help_text() -> String {
    let rows = slash_commands();
    let width = rows
        .iter()
        .map(|(u, _)| u.chars().count())
        .chain(KEYS.iter().map(|(k, _)| k.chars().count()))
        .max()
        .unwrap_or(0);
    let mut t = String::from("commands:\n");
    for (usage, about) in rows {
        t.push_str(&format!("  {usage:<width$}  {about}\n"));
    }
    t.push_str("keys:\n");
    for (keys, what) in KEYS {
        t.push_str(&format!("  {keys:<width$}  {what}\n"));
    }
    t
}

/// The same commands and keys for `brock chat --help` and the man page: each entry's usage on
/// its own line and what it does indented below, which reads at any width.
pub fn help_listing() -> String {
    let mut t = String::from("Commands:\n");
    for (usage, about) in slash_commands() {
        t.push_str(&format!("  {usage}\n      {about}\n"));
    }
    // The blank line keeps a man page from running "Keys:" on from the line above.
    t.push_str("\nKeys:\n");
    for (keys, what) in KEYS {
        t.push_str(&format!("  {keys}\n      {what}\n"));
    }
    t
}

fn usage_args(c: &clap::Command) -> String {
    let args: Vec<String> = c
        .get_arguments()
        .filter(|a| a.get_id().as_str() != "help")
        .map(|a| {
            let mut name = match a.get_long() {
                Some(long) => format!("--{long}"),
                None => a
                    .get_value_names()
                    .and_then(|v| v.first().map(|s| s.to_string()))
                    .unwrap_or_else(|| a.get_id().to_string().to_uppercase()),
            };
            if !a.is_required_set() {
                name = format!("[{name}]");
            }
            if a.is_positional() && matches!(a.get_action(), clap::ArgAction::Append) {
                name.push_str("...");
            }
            name
        })
        .collect();
    args.join(" ")
}

/// A slash command that does not parse, as one `brock: error:` line like any other mistake:
/// an unknown command names the nearest one, others carry the command's usage.
fn slash_error(e: &clap::Error, words: &[String]) -> Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::InvalidSubcommand | ErrorKind::UnknownArgument
    ) && let Some(ContextValue::String(name)) = e.get(ContextKind::InvalidSubcommand)
    {
        let top = SlashLine::command();
        // `/tools frob`: the unknown word is an action of a known command.
        let parent = words
            .first()
            .filter(|w| *w != name)
            .and_then(|w| top.find_subcommand(w));
        let names: Vec<String> = parent
            .unwrap_or(&top)
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        let prefix = parent
            .map(|p| format!("/{} ", p.get_name()))
            .unwrap_or_else(|| "/".into());
        let hint = crate::config::did_you_mean(name, names.iter().map(String::as_str))
            .map(|n| format!(": did you mean {prefix}{n}?"))
            .unwrap_or_else(|| match parent {
                Some(_) => format!(" ({prefix}takes {})", names.join(", ")),
                None => " (/help lists the commands)".into(),
            });
        return Error::usage(format!("unknown command {prefix}{name}{hint}"));
    }
    let text = e.render().to_string();
    let mut message = Vec::new();
    let mut usage = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(u) = line.strip_prefix("Usage: ") {
            usage = Some(format!("/{u}"));
        } else if !line.starts_with("For more information") && !line.starts_with("tip:") {
            message.push(line.strip_prefix("error: ").unwrap_or(line));
        }
    }
    let mut msg = message.join(" ");
    if let Some(u) = usage {
        msg.push_str(&format!(" (usage: {u})"));
    }
    Error::usage(msg)
}

/// A REPL setting: "default", or a number within the bounds of `key` (the same as the flag's).
fn parse_setting(v: &str, what: &str, key: &str) -> Result<Option<f64>> {
    if v == "default" {
        return Ok(None);
    }
    crate::config::parse_number(key, v)
        .map(Some)
        .map_err(|why| Error::usage(format!("/{what} {v}: {why} (or \"default\")")))
}

fn first_line(s: &str, max: usize) -> String {
    let line = s
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if line.chars().count() > max {
        format!("{}…", line.chars().take(max).collect::<String>())
    } else {
        line.to_string()
    }
}

/// Splits a command line into words; '…' and "…" group words with spaces.
fn split_words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                has = true;
            }
            None if c.is_whitespace() => {
                if has || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            None => cur.push(c),
        }
    }
    if has || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The text of a `"""` block without its fences; other input as typed, without blank lines at
/// either end (Enter typed ahead while an answer streams reaches the editor as a newline).
fn block_text(input: &str) -> String {
    let t = input.trim();
    if let Some(inner) = t.strip_prefix(BLOCK).and_then(|r| r.strip_suffix(BLOCK)) {
        return inner.trim_matches('\n').to_string();
    }
    input.trim_matches(['\n', '\r']).to_string()
}

fn block_complete(input: &str) -> bool {
    let t = input.trim();
    match t.strip_prefix(BLOCK) {
        Some(rest) => rest.trim_end().len() >= BLOCK.len() && rest.trim_end().ends_with(BLOCK),
        None => true,
    }
}

/// `$VISUAL`, `$EDITOR` or vi on a temp file; the file's text, if any.
fn compose_in_editor() -> Result<Option<String>> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    // "code -w" style values are a program and its arguments; no shell is involved.
    let argv = split_words(&editor);
    let Some((program, rest)) = argv.split_first() else {
        return Err(Error::usage("$EDITOR is empty"));
    };
    let file = tempfile::Builder::new()
        .prefix("brock-message-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| Error::io("cannot create a temp file for the editor", e))?;
    let status = tokio::task::block_in_place(|| {
        std::process::Command::new(program)
            .args(rest)
            .arg(file.path())
            .status()
    })
    .map_err(|e| Error::usage(format!("cannot start the editor {program}: {e}")))?;
    if !status.success() {
        return Err(Error::usage(format!(
            "the editor {program} exited with {status}; nothing sent"
        )));
    }
    let text = std::fs::read_to_string(file.path())
        .map_err(|e| Error::io("cannot read the edited message", e))?;
    Ok(Some(text.trim_end().to_string()).filter(|t| !t.trim().is_empty()))
}

/// The conversation as a markdown document.
pub(crate) fn transcript(s: &Session) -> String {
    let mut md = format!(
        "# {}\n\nmodel: `{}` · created {} · updated {}\n\n",
        s.name, s.model, s.created, s.updated
    );
    if let Some(sys) = s.system_text() {
        md.push_str(&format!("## System\n\n{sys}\n\n"));
    }
    for (i, m) in s.conversation.messages.iter().enumerate() {
        let is_results = m.role == Role::User
            && m.content
                .iter()
                .all(|p| matches!(p, Part::ToolResult { .. }));
        let title = match (m.role, is_results) {
            (Role::User, false) => "User",
            (Role::User, true) => "Tool results",
            (Role::Assistant, _) => "Assistant",
        };
        md.push_str(&format!("## {title}\n\n"));
        for p in &m.content {
            match p {
                Part::Text { text } => md.push_str(&format!("{text}\n\n")),
                Part::Reasoning { text, .. } => {
                    let quoted: Vec<String> = text.lines().map(|l| format!("> {l}")).collect();
                    md.push_str(&format!("> **Reasoning**\n>\n{}\n\n", quoted.join("\n")));
                }
                Part::RedactedReasoning { .. } => md.push_str("> *(redacted reasoning)*\n\n"),
                Part::ToolUse { name, input, .. } => md.push_str(&format!(
                    "Tool call `{name}`:\n\n```json\n{}\n```\n\n",
                    serde_json::to_string_pretty(input).unwrap_or_default()
                )),
                Part::ToolResult {
                    content, status, ..
                } => {
                    let text: Vec<String> = content
                        .iter()
                        .map(|c| match c {
                            ToolResultContent::Text { text } => text.clone(),
                            ToolResultContent::Json { json } => json.to_string(),
                            _ => "(media)".into(),
                        })
                        .collect();
                    let label = if matches!(status, Some(brock_core::message::ToolStatus::Error)) {
                        "error"
                    } else {
                        "result"
                    };
                    md.push_str(&format!(
                        "Tool {label}:\n\n```\n{}\n```\n\n",
                        text.join("\n")
                    ));
                }
                Part::Image { format, .. } => md.push_str(&format!("*(image, {format})*\n\n")),
                Part::Document { name, .. } => md.push_str(&format!("*(document {name})*\n\n")),
                Part::Video { format, .. } => md.push_str(&format!("*(video, {format})*\n\n")),
                _ => {}
            }
        }
        if s.interrupted.contains(&i) {
            md.push_str("*(interrupted)*\n\n");
        }
    }
    md
}

fn history_path() -> PathBuf {
    crate::config::data_dir().join("history.txt")
}

/// History is private: the file is created 0600 before rustyline writes it.
fn save_history(rl: &mut Editor<ReplHelper, FileHistory>, path: &Path) {
    if let Some(dir) = path.parent()
        && crate::files::create_private_dir(dir).is_err()
    {
        return;
    }
    #[cfg(unix)]
    if !path.exists() {
        use std::os::unix::fs::OpenOptionsExt;
        let _ = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .mode(0o600)
            .open(path);
    }
    let _ = rl.append_history(path);
}

fn editor(repl: &Repl) -> Result<Editor<ReplHelper, FileHistory>> {
    line_editor(ReplHelper {
        commands: SlashLine::command()
            .get_subcommands()
            .flat_map(|c| {
                std::iter::once(c.get_name().to_string())
                    .chain(c.get_all_aliases().map(str::to_string))
            })
            .collect(),
        models: repl.model_candidates(),
        tools: repl.tools.iter().map(|t| t.name.clone()).collect(),
        files: FilenameCompleter::new(),
    })
}

/// The REPL's line input for a conversation other than Converse (`brock agent chat`): the
/// same history file, `"""` blocks, Alt-Enter / Ctrl-J newlines, bracketed paste, and
/// completion of `commands` after a slash and of file names.
pub(crate) struct LineInput {
    rl: Editor<ReplHelper, FileHistory>,
    history: PathBuf,
}

impl LineInput {
    pub(crate) fn new(commands: &[&str]) -> Result<LineInput> {
        let mut rl = line_editor(ReplHelper {
            commands: commands.iter().map(|c| c.to_string()).collect(),
            models: Vec::new(),
            tools: Vec::new(),
            files: FilenameCompleter::new(),
        })?;
        let history = history_path();
        let _ = rl.load_history(&history);
        Ok(LineInput { rl, history })
    }

    /// The next message (the inside of a `"""` block), `None` at Ctrl-D. Ctrl-C at the
    /// prompt clears the line: an empty message.
    pub(crate) fn read(&mut self, prompt: &str) -> Result<Option<String>> {
        match tokio::task::block_in_place(|| self.rl.readline(prompt)) {
            Ok(line) => {
                if self.rl.add_history_entry(line.as_str()).unwrap_or(false) {
                    save_history(&mut self.rl, &self.history);
                }
                Ok(Some(block_text(&line)))
            }
            Err(ReadlineError::Interrupted) => Ok(Some(String::new())),
            Err(ReadlineError::Eof) => Ok(None),
            Err(e) => Err(Error::Protocol(format!("cannot read the terminal: {e}"))),
        }
    }
}

fn line_editor(helper: ReplHelper) -> Result<Editor<ReplHelper, FileHistory>> {
    let config = Config::builder()
        .max_history_size(10_000)
        .and_then(|b| b.history_ignore_dups(true))
        .map_err(|e| Error::Protocol(format!("cannot set up the line editor: {e}")))?
        .history_ignore_space(true)
        .auto_add_history(false)
        .bracketed_paste(true)
        .completion_type(CompletionType::List)
        .build();
    let mut rl: Editor<ReplHelper, FileHistory> = Editor::with_config(config)
        .map_err(|e| Error::Protocol(format!("cannot set up the line editor: {e}")))?;
    rl.set_helper(Some(helper));
    rl.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::ALT),
        EventHandler::Simple(Cmd::Newline),
    );
    rl.bind_sequence(KeyEvent::ctrl('J'), EventHandler::Simple(Cmd::Newline));
    Ok(rl)
}

struct ReplHelper {
    commands: Vec<String>,
    models: Vec<String>,
    tools: Vec<String>,
    files: FilenameCompleter,
}

fn pairs<'a>(prefix: &str, words: impl IntoIterator<Item = &'a str>) -> Vec<Pair> {
    words
        .into_iter()
        .filter(|w| w.starts_with(prefix))
        .map(|w| Pair {
            display: w.to_string(),
            replacement: w.to_string(),
        })
        .collect()
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let Some(cmdline) = before.strip_prefix('/') else {
            return Ok((pos, Vec::new()));
        };
        let Some((cmd, rest)) = cmdline.split_once(' ') else {
            let mut c = pairs(cmdline, self.commands.iter().map(String::as_str));
            for p in &mut c {
                p.replacement.push(' ');
            }
            return Ok((1, c));
        };
        let word_start = pos - rest.len() + rest.rfind(' ').map(|i| i + 1).unwrap_or(0);
        let word = &line[word_start..pos];
        let c = match cmd {
            "model" => pairs(word, self.models.iter().map(String::as_str)),
            "reasoning" => pairs(word, ["off", "low", "medium", "high"]),
            "temperature" | "max-tokens" | "top-p" | "top-k" => pairs(word, ["default"]),
            "load" | "save" => {
                let names: Vec<String> = session::list()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|s| s.name)
                    .collect();
                pairs(word, names.iter().map(String::as_str))
            }
            "tools" => match rest.split_once(' ') {
                None => pairs(word, ["list", "enable", "disable"]),
                Some(("enable" | "disable", _)) => {
                    pairs(word, self.tools.iter().map(String::as_str))
                }
                Some(_) => Vec::new(),
            },
            "attach" | "export" => return self.files.complete_path(line, pos),
            _ => Vec::new(),
        };
        // A completed word is followed by a space, ready for the next one.
        let c = c
            .into_iter()
            .map(|mut p| {
                p.replacement.push(' ');
                p
            })
            .collect();
        Ok((word_start, c))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        _default: bool,
    ) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(if block_complete(ctx.input()) {
            ValidationResult::Valid(None)
        } else {
            ValidationResult::Incomplete
        })
    }
}

impl rustyline::Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks() {
        assert!(!block_complete("\"\"\""));
        assert!(!block_complete("\"\"\"\nline one"));
        assert!(block_complete("\"\"\"\nline one\nline two\n\"\"\""));
        assert!(block_complete("plain"));
        assert_eq!(
            block_text("\"\"\"\nline one\nline two\n\"\"\""),
            "line one\nline two"
        );
        assert_eq!(block_text("\"\"\"inline\"\"\""), "inline");
        assert_eq!(block_text("\ntyped ahead\n"), "typed ahead");
        assert_eq!(block_text("  two\nlines "), "  two\nlines ");
    }

    #[test]
    fn words() {
        assert_eq!(
            split_words("export 'my file.md'"),
            vec!["export", "my file.md"]
        );
        assert_eq!(split_words("  model   sonnet "), vec!["model", "sonnet"]);
        assert_eq!(split_words("save \"\""), vec!["save", ""]);
    }

    #[test]
    fn slash_table_parses_and_suggests() {
        let p = SlashLine::try_parse_from(["max-tokens", "100"]).unwrap();
        assert!(matches!(p.command, Slash::MaxTokens { value: Some(v) } if v == "100"));
        let p = SlashLine::try_parse_from(["tools", "disable", "x"]).unwrap();
        assert!(matches!(
            p.command,
            Slash::Tools {
                action: Some(ToolsAction::Disable { .. })
            }
        ));
        let err = SlashLine::try_parse_from(["modle"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("model"), "{err}");
        SlashLine::command().debug_assert();
    }
}

//! The chat request from flags and settings: the prompt (arguments, stdin, OpenAI JSON),
//! attachments, and everything else a request carries (system prompt, inference settings,
//! tools, guardrail, …). Shared by one-shot chat, `tokens` and the REPL; nothing is sent here.

use serde_json::Value;

use crate::commands::chat::{ChatArgs, InputFormat};
use crate::config::Settings;
use crate::engine::{RouteOptions, core_error};
use crate::error::{Error, Result};
use brock_core::message::{Conversation, Message, Part, Role, SystemPart, ToolChoice};
use brock_core::openai::parse_request;
use brock_core::request::{ChatRequest, Guardrail, JsonSchema, ReasoningLevel};
use brock_core::route::{self, RouteChoice};

/// Attachments larger than this are refused before reading them (the per-type Bedrock limits,
/// checked by the core, are all far below it).
const MAX_ATTACHMENT_READ: u64 = 64 * 1024 * 1024;

/// Settings for a continued session: flags win, then what the session recorded, then config.
pub fn session_settings(
    settings: &Settings,
    args: &ChatArgs,
    s: &crate::session::Session,
) -> Settings {
    let mut out = settings.clone();
    if args.model.is_none() && !s.model.is_empty() {
        // An explicit --route wins over the route prefix the session's model was saved with.
        let spec = route::parse_spec(&s.model);
        out.model = Some(match spec.prefix {
            Some(route::SpecPrefix::Converse | route::SpecPrefix::Invoke)
                if args.route != RouteChoice::Auto.as_str() =>
            {
                spec.model_id
            }
            _ => s.model.clone(),
        });
    }
    if args.system.is_none()
        && let Some(sys) = s.system_text()
    {
        out.system = Some(sys);
    }
    if args.reasoning.is_none() && s.settings.reasoning.is_some() {
        out.reasoning = s.settings.reasoning.clone();
    }
    if args.temperature.is_none() && s.settings.temperature.is_some() {
        out.temperature = s.settings.temperature;
    }
    if args.max_tokens.is_none() && s.settings.max_tokens.is_some() {
        out.max_tokens = s.settings.max_tokens;
    }
    out
}

/// Configured `[tools.NAME]` join the request (a `--tools` file of the same name wins).
pub fn add_config_tools(req: &mut ChatRequest, settings: &Settings) {
    for spec in crate::tools::config_specs(&settings.tools) {
        if !req.tools.iter().any(|t| t.name == spec.name) {
            req.tools.push(spec);
        }
    }
}

impl RouteOptions {
    pub fn from_args(args: &ChatArgs) -> Self {
        RouteOptions {
            // clap allows only the three names, so a parse failure cannot happen here.
            choice: args.route.parse().unwrap_or_default(),
            api_base: args.api_base.clone(),
            api_key_env: args.api_key_env.clone(),
            family: args.family.clone(),
        }
    }
}

/// Everything the user asked for, checked and assembled; nothing is sent yet.
pub fn build_request(
    settings: &Settings,
    args: &ChatArgs,
    stdin_is_tty: bool,
) -> Result<ChatRequest> {
    let model = settings.model_or_default(args.model.as_deref())?;
    let mut req = if args.input_format == Some(InputFormat::Openai) {
        let raw = match &args.input_file {
            Some(p) => crate::input::read_file(p, &format!("--input-file {}", p.display()))?,
            None if stdin_is_tty => {
                return Err(Error::usage(
                    "--input-format openai reads the request from stdin or --input-file, and stdin is a terminal",
                ));
            }
            None => read_stdin_bytes()?,
        };
        let mut body: Value = serde_json::from_slice(&raw)
            .map_err(|e| Error::usage(format!("the OpenAI request is not valid JSON: {e}")))?;
        inline_image_urls(&mut body, &fetch_limits(settings))?;
        let parsed = parse_request(&body).map_err(core_error)?;
        if !parsed.ignored.is_empty() && !settings.quiet {
            crate::render::diag(&format!(
                "warning: OpenAI fields with no Bedrock equivalent ignored: {}",
                parsed.ignored.join(", ")
            ));
        }
        let mut r = parsed.request;
        // --model on the command line wins; else the body's model (an alias is fine); else config.
        r.model_id = match (&args.model, parsed.model.trim()) {
            (Some(_), _) | (None, "") => model,
            (None, m) => settings.resolve_model(m)?,
        };
        if !args.prompt.is_empty() {
            r.conversation.push_user_text(args.prompt.join(" "));
        }
        if !args.guard.is_empty() {
            let guarded = args.guard.iter().map(|g| guarded_part(g)).collect();
            append_to_user_turn(&mut r.conversation, guarded);
        }
        r
    } else {
        // `-a -`: piped stdin is an attachment, so the prompt comes from the arguments only.
        let stdin_attached = match args.attach.iter().filter(|a| *a == "-").count() {
            0 => false,
            1 if stdin_is_tty => {
                return Err(Error::usage(
                    "--attach - attaches piped stdin, and stdin is a terminal: pipe the file in (brock chat -a - \"question\" < file)",
                ));
            }
            1 if args.guard_stdin => {
                return Err(Error::usage(
                    "--attach - and --guard-stdin both read stdin: use one of them",
                ));
            }
            1 => true,
            _ => return Err(Error::usage("stdin can be attached only once (--attach -)")),
        };
        let (prompt, guarded_stdin) = if args.guard_stdin {
            let piped = if stdin_is_tty {
                return Err(Error::usage(
                    "--guard-stdin guards piped input, and stdin is a terminal",
                ));
            } else {
                read_stdin_text()?
            };
            let arg = args.prompt.join(" ");
            ((!arg.trim().is_empty()).then_some(arg), Some(piped))
        } else {
            (read_prompt(args, stdin_is_tty || stdin_attached)?, None)
        };
        let prompt = match active_role(settings) {
            Some((name, role)) => role.apply_template(name, prompt)?,
            None => prompt,
        };
        let mut content = Vec::new();
        let limits = fetch_limits(settings);
        for a in &args.attach {
            if a == "-" {
                // No name to go by: the format is told from the content (magic bytes, or text).
                let bytes = read_stdin_bytes()?;
                content
                    .push(brock_core::attach::attachment_part("stdin", bytes).map_err(core_error)?);
                continue;
            }
            content.push(load_attachment_with(a, &limits)?);
        }
        if let Some(prompt) = prompt {
            content.push(Part::text(prompt));
        }
        // Guarded text follows the prompt: the instructions come first, then what the
        // guardrail is to check, as in the AWS guide's guardContent example.
        content.extend(
            guarded_stdin
                .iter()
                .chain(&args.guard)
                .filter(|g| !g.trim().is_empty())
                .map(|g| guarded_part(g)),
        );
        if !content.iter().any(|p| {
            matches!(p, Part::Text { text } | Part::GuardedText { text, .. } if !text.trim().is_empty())
        }) {
            if stdin_attached {
                return Err(Error::usage(
                    "no prompt: with --attach - stdin is the attachment, so give the prompt as an argument (brock chat -a - \"question\")",
                ));
            }
            return Err(Error::usage(
                "no prompt: give one as an argument (brock chat \"question\") or pipe it on stdin, or run brock chat -i on a terminal",
            ));
        }
        ChatRequest::new(
            model,
            Conversation {
                system: Vec::new(),
                messages: vec![Message::new(Role::User, content)],
            },
        )
    };
    configure(&mut req, settings, args)?;
    if (!args.guard.is_empty() || args.guard_stdin) && req.guardrail.is_none() && !args.count_tokens
    {
        return Err(Error::usage(
            "--guard and --guard-stdin mark text for a guardrail: add --guardrail ID:VERSION (or set guardrail.id and guardrail.version in the config)",
        ));
    }
    Ok(req)
}

/// Text only the guardrail checks: a Converse `guardContent` block.
fn guarded_part(text: &str) -> Part {
    Part::GuardedText {
        text: text.to_string(),
        qualifiers: Vec::new(),
    }
}

/// Adds parts to the last user turn, or starts one when the conversation ends elsewhere.
fn append_to_user_turn(conversation: &mut Conversation, parts: Vec<Part>) {
    match conversation.messages.last_mut() {
        Some(m) if m.role == Role::User => m.content.extend(parts),
        _ => conversation.messages.push(Message::new(Role::User, parts)),
    }
}

/// Everything but the messages: system prompt, inference settings, tools, guardrail, … from
/// settings and flags. The REPL calls this for each turn with its current settings.
pub fn configure(req: &mut ChatRequest, settings: &Settings, args: &ChatArgs) -> Result<()> {
    if let Some(system) = settings.system.as_deref().filter(|s| !s.trim().is_empty()) {
        req.conversation.system.insert(
            0,
            SystemPart::Text {
                text: system.to_string(),
            },
        );
    }
    if let Some(n) = settings.max_tokens {
        req.inference.max_tokens = Some(n);
    }
    if let Some(t) = settings.temperature {
        req.inference.temperature = Some(round_f32(t));
    }
    if let Some(p) = settings.top_p {
        req.inference.top_p = Some(round_f32(p));
    }
    if !args.stop.is_empty() {
        req.inference.stop = args.stop.clone();
    }
    // Config first, flags after: --top-k replaces top_k, a --param replaces the config param
    // of the same KEY (it is merged later), --anthropic-beta adds to anthropic_beta.
    if let Some(k) = args.top_k.or(settings.top_k) {
        req.top_k = Some(k);
    }
    let role = active_role(settings);
    // Profile params, then the role's, then --param: a later one with the same key wins.
    let role_params = role.map(|(_, r)| r.param_args()).unwrap_or_default();
    for p in settings
        .params
        .iter()
        .chain(&role_params)
        .chain(&args.params)
    {
        req.add_param(p).map_err(core_error)?;
    }
    for b in settings.anthropic_beta.iter().chain(&args.anthropic_beta) {
        let b = b.trim();
        // A beta named in both the profile and a flag is sent once.
        if !b.is_empty() && !req.anthropic_beta.iter().any(|x| x == b) {
            req.anthropic_beta.push(b.to_string());
        }
    }
    req.response_field_paths
        .extend(args.response_fields.iter().cloned());
    if let Some(r) = &settings.reasoning {
        let level: ReasoningLevel = r
            .parse()
            .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?;
        req.reasoning = Some(level);
    }
    if let Some(path) = &args.tools {
        let raw = crate::input::read_file(path, &format!("the tools file {}", path.display()))?;
        req.tools = brock_core::tools::parse_tools_file(&raw).map_err(core_error)?;
    }
    if args.run_tools {
        add_config_tools(req, settings);
    }
    if let Some((_, role)) = role {
        for spec in crate::tools::config_specs(&settings.tools) {
            if role.tools.contains(&spec.name) && !req.tools.iter().any(|t| t.name == spec.name) {
                req.tools.push(spec);
            }
        }
    }
    if let Some(choice) = &args.tool_choice {
        req.tool_choice = Some(match choice.as_str() {
            "auto" => ToolChoice::Auto,
            "any" | "required" => ToolChoice::Any,
            "none" => ToolChoice::None,
            name => {
                if !req.tools.iter().any(|t| t.name == name) {
                    let names: Vec<&str> = req.tools.iter().map(|t| t.name.as_str()).collect();
                    return Err(Error::usage(format!(
                        "--tool-choice {name:?}: no such tool (auto, any, none, or one of: {})",
                        if names.is_empty() {
                            "no tools given".to_string()
                        } else {
                            names.join(", ")
                        }
                    )));
                }
                ToolChoice::Tool(name.to_string())
            }
        });
    }
    if let Some(path) = &args.json_schema {
        let raw = crate::input::read_file(path, &format!("the JSON schema {}", path.display()))?;
        let schema: Value = serde_json::from_slice(&raw).map_err(|e| {
            Error::usage(format!(
                "the JSON schema {} is not valid JSON: {e}",
                path.display()
            ))
        })?;
        if !schema.is_object() {
            return Err(Error::usage(format!(
                "the JSON schema {} must be a JSON object",
                path.display()
            )));
        }
        req.json_schema = Some(JsonSchema::new(schema));
    }
    if let Some(g) = &settings.guardrail {
        req.guardrail = Some(Guardrail {
            id: g.id.clone(),
            version: g.version.clone(),
            trace: g.trace,
        });
    }
    if let Some(l) = &settings.performance_latency {
        req.performance_latency = Some(
            l.parse()
                .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?,
        );
    }
    if let Some(t) = &settings.service_tier {
        req.service_tier = Some(
            t.parse()
                .map_err(|e: brock_core::error::Error| Error::usage(e.to_string()))?,
        );
    }
    req.request_metadata
        .extend(settings.request_metadata.clone());
    req.cache |= args.cache;
    if args.prefill.is_some() {
        req.prefill = args.prefill.clone();
    }
    if settings.user_continue_message.is_some() {
        req.user_continue_message = settings.user_continue_message.clone();
    }
    Ok(())
}

/// The role in use (`--role`, `/role`) and its definition.
pub fn active_role(settings: &Settings) -> Option<(&str, &crate::config::RoleConfig)> {
    let name = settings.role.as_deref()?;
    settings.roles.get(name).map(|r| (name, r))
}

/// f32 settings become f64 on the wire; round so 0.7 is sent as 0.7, not 0.699999988079071.
fn round_f32(v: f32) -> f64 {
    (v as f64 * 1e6).round() / 1e6
}

/// The prompt from the arguments and/or stdin. Piped input after an argument prompt is context
/// appended to it.
fn read_prompt(args: &ChatArgs, stdin_is_tty: bool) -> Result<Option<String>> {
    let arg = args.prompt.join(" ");
    let piped = if stdin_is_tty {
        None
    } else {
        let bytes = read_stdin_bytes()?;
        let text = String::from_utf8(bytes).map_err(|e| {
            Error::usage(format!(
                "stdin is not UTF-8 text (invalid byte at offset {}); attach binary files with --attach",
                e.utf8_error().valid_up_to()
            ))
        })?;
        Some(text)
    };
    let prompt = match (arg.trim().is_empty(), piped) {
        (false, Some(p)) if !p.trim().is_empty() => format!("{arg}\n\n{p}"),
        (false, _) => arg,
        (true, Some(p)) => p,
        (true, None) => return Ok(None),
    };
    if prompt.trim().is_empty() {
        return Err(Error::usage("the prompt is empty"));
    }
    Ok(Some(prompt))
}

fn read_stdin_text() -> Result<String> {
    String::from_utf8(read_stdin_bytes()?).map_err(|e| {
        Error::usage(format!(
            "stdin is not UTF-8 text (invalid byte at offset {}); attach binary files with --attach",
            e.utf8_error().valid_up_to()
        ))
    })
}

fn read_stdin_bytes() -> Result<Vec<u8>> {
    crate::input::read_stdin("stdin")
}

pub fn load_attachment(spec: &str) -> Result<Part> {
    load_attachment_with(spec, &crate::fetch::Limits::default())
}

/// An attachment from a path, an s3:// URI or an http(s) URL (fetched within `limits`).
pub fn load_attachment_with(spec: &str, limits: &crate::fetch::Limits) -> Result<Part> {
    if spec.starts_with("https://") || spec.starts_with("http://") {
        let (mime, bytes) = fetch_url(spec, limits)?;
        let name = url_file_name(spec)
            .unwrap_or_else(|| brock_core::openai::name_for_mime(&mime, "attachment"));
        return brock_core::attach::attachment_part(&name, bytes).map_err(core_error);
    }
    if spec.starts_with("s3://") {
        return brock_core::attach::s3_part(spec, None).map_err(core_error);
    }
    let path = std::path::Path::new(spec);
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::usage(format!("cannot read attachment {spec}: {e}")))?;
    if !meta.is_file() {
        return Err(Error::usage(format!("attachment {spec} is not a file")));
    }
    if meta.len() > MAX_ATTACHMENT_READ {
        return Err(Error::usage(format!(
            "attachment {spec} is {} MB; Bedrock accepts at most a few MB inline (upload it to S3 and attach the s3:// URI)",
            meta.len() / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::usage(format!("cannot read attachment {spec}: {e}")))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("attachment");
    brock_core::attach::attachment_part(name, bytes).map_err(core_error)
}

fn fetch_limits(settings: &Settings) -> crate::fetch::Limits {
    crate::fetch::Limits {
        allow_private: settings.fetch_allow_private,
        ..Default::default()
    }
}

/// Fetches an attachment URL from synchronous request building (inside the async runtime).
fn fetch_url(url: &str, limits: &crate::fetch::Limits) -> Result<(String, Vec<u8>)> {
    let accept = |m: &str| {
        m.starts_with("image/")
            || m.starts_with("video/")
            || m.starts_with("text/")
            || m == "application/pdf"
            || m.starts_with("application/vnd.openxmlformats")
            || m == "application/msword"
            || m == "application/vnd.ms-excel"
    };
    let own_runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Network(e.to_string()))?
            .block_on(crate::fetch::fetch(url, limits, accept))
    };
    let fetched = match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(|| h.block_on(crate::fetch::fetch(url, limits, accept)))
        }
        // A single-threaded runtime cannot block in place: fetch on a thread of its own.
        Ok(_) => std::thread::scope(|s| {
            s.spawn(own_runtime)
                .join()
                .unwrap_or_else(|_| Err(Error::Network("the fetch thread failed".into())))
        }),
        Err(_) => own_runtime(),
    }?;
    Ok((fetched.mime, fetched.bytes))
}

/// The last path segment of a URL when it has an extension (the attachment's format).
fn url_file_name(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let last = path.rsplit('/').next()?;
    (last.contains('.') && !last.ends_with('.')).then(|| last.to_string())
}

/// OpenAI `image_url` parts given as http(s) URLs are fetched and sent inline, as the OpenAI
/// API itself fetches them.
fn inline_image_urls(body: &mut Value, limits: &crate::fetch::Limits) -> Result<()> {
    use base64::Engine;
    let Some(messages) = body.get_mut("messages").and_then(Value::as_array_mut) else {
        return Ok(());
    };
    for m in messages {
        let Some(parts) = m.get_mut("content").and_then(Value::as_array_mut) else {
            continue;
        };
        for p in parts {
            if p.get("type").and_then(Value::as_str) != Some("image_url") {
                continue;
            }
            let slot = match p.get_mut("image_url") {
                Some(Value::Object(o)) => o.get_mut("url"),
                Some(s @ Value::String(_)) => Some(s),
                _ => None,
            };
            let Some(slot) = slot else { continue };
            let Some(url) = slot.as_str().filter(|u| u.starts_with("http")) else {
                continue;
            };
            let (mime, bytes) = fetch_url(url, limits)?;
            if !mime.starts_with("image/") {
                return Err(Error::usage(format!(
                    "{} is not an image (Content-Type: {mime})",
                    crate::fetch::shown(url)
                )));
            }
            let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
            *slot = Value::String(format!("data:{mime};base64,{b64}"));
        }
    }
    Ok(())
}

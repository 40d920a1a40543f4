//! Settings resolution: built-in default < config `[default]` < `[profiles.NAME]` < environment <
//! `[roles.NAME]` (chat `--role`) < flags, with the source of every value recorded for
//! `brock config show`. A role comes after the environment because it is chosen on the command
//! line for this one run, while the environment is ambient; explicit flags still win.
//!
//! Each source becomes a [`SettingsLayer`]: one typed field per setting, each value with its
//! [`Source`]. Layers are put over each other field by field ([`SettingsLayer::combine`], as
//! uv's `Combine`), then checked and typed once into the [`Settings`] commands receive. The
//! fields, their file keys, kinds and environment variables are declared in one list (the
//! `settings!` invocation), so "every setting follows the same precedence" holds by
//! construction rather than by review. (A layering crate such as figment was not used: its
//! value metadata and error texts differ from what `brock config show` and the tests promise,
//! and the environment needs SDK rules of its own, such as `AWS_ENDPOINT_URL` as a fallback.)

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Value;

use crate::cli::{GlobalArgs, OutputFormat};
use crate::error::{Error, Result};
use brock_core::model::BUILTIN_ALIASES;

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File { path: PathBuf, table: String },
    Env(String),
    Flag(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File { path, table } => write!(f, "file {} [{table}]", path.display()),
            Source::Env(var) => write!(f, "env {var}"),
            Source::Flag(flag) => write!(f, "flag {flag}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Float,
    Int,
    Bool,
    /// A string or an integer (reasoning: "high" or 4096).
    StrOrInt,
    /// A table of string values (request metadata, headers).
    StrMap,
    /// A list of strings (anthropic_beta); a comma-separated list in the environment.
    StrList,
    /// A table of any values (params: model request fields, as `--param KEY=JSON`); a JSON
    /// object in the environment.
    JsonMap,
}

/// One layered value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

impl<T> Sourced<T> {
    fn new(value: T, source: Source) -> Self {
        Sourced { value, source }
    }
}

/// A setting that is set in a layer or not.
type Opt<T> = Option<Sourced<T>>;

/// The entries of a map setting (request metadata, headers, params), each with its source:
/// maps layer entry by entry, so `[default.headers]` and `[profiles.NAME.headers]` add up.
pub type Entries = BTreeMap<String, Sourced<String>>;

/// A number as it was written, so `brock config show` prints `300` for `300` and `300.0`
/// for `300.0`; bounds are checked on its `f64` value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    pub fn get(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

/// `anthropic_beta`: one string or a list, kept as written for `brock config show`.
#[derive(Debug, Clone, PartialEq)]
pub enum StrList {
    One(String),
    Many(Vec<String>),
}

/// A typed setting: read from a TOML value whose [`Kind`] was checked, and shown in
/// `brock config show` as TOML writes it.
trait Setting: Sized {
    fn from_toml(v: Value) -> Option<Self>;
    fn shown(&self) -> String;
}

impl Setting for String {
    fn from_toml(v: Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(s),
            // reasoning: a token budget written as a number.
            Value::Integer(i) => Some(i.to_string()),
            _ => None,
        }
    }
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Setting for bool {
    fn from_toml(v: Value) -> Option<Self> {
        v.as_bool()
    }
    fn shown(&self) -> String {
        self.to_string()
    }
}

impl Setting for Num {
    fn from_toml(v: Value) -> Option<Self> {
        match v {
            Value::Integer(i) => Some(Num::Int(i)),
            Value::Float(f) => Some(Num::Float(f)),
            _ => None,
        }
    }
    fn shown(&self) -> String {
        match *self {
            Num::Int(i) => Value::Integer(i).to_string(),
            Num::Float(f) => Value::Float(f).to_string(),
        }
    }
}

impl Setting for StrList {
    fn from_toml(v: Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(StrList::One(s)),
            Value::Array(a) => a
                .into_iter()
                .map(|x| x.as_str().map(str::to_string))
                .collect::<Option<Vec<_>>>()
                .map(StrList::Many),
            _ => None,
        }
    }
    fn shown(&self) -> String {
        match self {
            StrList::One(s) => s.clone(),
            StrList::Many(v) => {
                Value::Array(v.iter().cloned().map(Value::String).collect()).to_string()
            }
        }
    }
}

/// A field of [`SettingsLayer`]: one value, or a map's entries.
trait Slot {
    /// `entry` names a map's entry; scalars take none.
    fn set(&mut self, entry: Option<&str>, value: Value, source: Source);
    /// The higher layer's value wins; a map takes the higher layer's entries over its own.
    fn combine(&mut self, higher: Self);
    fn show(&self, key: &str, out: &mut Vec<(String, String, Source)>);
}

impl<T: Setting> Slot for Opt<T> {
    fn set(&mut self, _entry: Option<&str>, value: Value, source: Source) {
        if let Some(v) = T::from_toml(value) {
            *self = Some(Sourced::new(v, source));
        }
    }
    fn combine(&mut self, higher: Self) {
        if higher.is_some() {
            *self = higher;
        }
    }
    fn show(&self, key: &str, out: &mut Vec<(String, String, Source)>) {
        if let Some(s) = self {
            let mut value = s.value.shown();
            // A postgres:// URL may carry a password.
            if key == "serve.database" {
                value = crate::serve::redact_url(&value);
            }
            out.push((key.to_string(), value, s.source.clone()));
        }
    }
}

impl Slot for Entries {
    fn set(&mut self, entry: Option<&str>, value: Value, source: Source) {
        if let (Some(entry), Value::String(s)) = (entry, value) {
            self.insert(entry.to_string(), Sourced::new(s, source));
        }
    }
    fn combine(&mut self, higher: Self) {
        self.extend(higher);
    }
    fn show(&self, key: &str, out: &mut Vec<(String, String, Source)>) {
        for (name, s) in self {
            let value = match key {
                "headers" => brock_bedrock::redact_header(name, &s.value),
                _ => s.value.clone(),
            };
            out.push((format!("{key}.{name}"), value, s.source.clone()));
        }
    }
}

/// Declares every layered setting once: its [`SettingsLayer`] field, its dotted key in the
/// file, its kind, and its environment variables (first wins). The [`KEYS`] table and the
/// layer's field-by-field operations are generated from this one list, so a setting cannot be
/// readable from the file but forgotten by `combine` or `brock config show`.
macro_rules! settings {
    ($($field:ident: $slot:ty = $key:literal, $kind:ident, [$($var:literal),* $(,)?];)*) => {
        /// The settings one source gives (built-in defaults, a file table, a role, the
        /// environment, the flags): each field set or not, with where it came from.
        /// [`SettingsLayer::combine`] puts a higher layer over a lower one field by field.
        #[derive(Debug, Clone, Default)]
        pub struct SettingsLayer {
            $(pub $field: $slot,)*
        }

        /// Every key a profile table may hold, its type, and its environment variables (first
        /// wins).
        const KEYS: &[(&str, Kind, &[&str])] = &[$(($key, Kind::$kind, &[$($var),*]),)*];

        impl SettingsLayer {
            /// Sets the setting of `key` (one of [`KEYS`]) from a value of its checked kind.
            fn set(&mut self, key: &str, entry: Option<&str>, value: Value, source: Source) {
                match key {
                    $($key => Slot::set(&mut self.$field, entry, value, source),)*
                    _ => {}
                }
            }

            /// `higher` over `self`, field by field.
            pub fn combine(mut self, higher: SettingsLayer) -> SettingsLayer {
                $(Slot::combine(&mut self.$field, higher.$field);)*
                self
            }

            /// Every value set, by dotted key, with its source (`brock config show`).
            pub fn shown(&self) -> Vec<(String, String, Source)> {
                let mut out = Vec::new();
                $(Slot::show(&self.$field, $key, &mut out);)*
                out.sort_by(|a, b| a.0.cmp(&b.0));
                out
            }
        }
    };
}

settings! {
    region: Opt<String> = "region", Str, ["BROCK_REGION", "AWS_REGION", "AWS_DEFAULT_REGION"];
    aws_profile: Opt<String> = "aws_profile", Str, ["BROCK_AWS_PROFILE", "AWS_PROFILE"];
    role_arn: Opt<String> = "role_arn", Str, ["BROCK_ROLE_ARN"];
    role_session_name: Opt<String> = "role_session_name", Str, ["BROCK_ROLE_SESSION_NAME"];
    external_id: Opt<String> = "external_id", Str, ["BROCK_EXTERNAL_ID"];
    endpoint_url: Opt<String> = "endpoint_url", Str,
        ["BROCK_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME"];
    bedrock_endpoint: Opt<String> = "endpoints.bedrock", Str,
        ["BROCK_BEDROCK_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK"];
    agent_runtime_endpoint: Opt<String> = "endpoints.agent_runtime", Str,
        ["BROCK_AGENT_RUNTIME_ENDPOINT_URL", "AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME"];
    bearer_token_env: Opt<String> = "bearer_token_env", Str, ["BROCK_BEARER_TOKEN_ENV"];
    model: Opt<String> = "model", Str, ["BROCK_MODEL"];
    system: Opt<String> = "system", Str, ["BROCK_SYSTEM"];
    temperature: Opt<Num> = "temperature", Float, ["BROCK_TEMPERATURE"];
    top_p: Opt<Num> = "top_p", Float, ["BROCK_TOP_P"];
    max_tokens: Opt<Num> = "max_tokens", Int, ["BROCK_MAX_TOKENS"];
    reasoning: Opt<String> = "reasoning", StrOrInt, ["BROCK_REASONING"];
    guardrail_id: Opt<String> = "guardrail.id", Str, ["BROCK_GUARDRAIL_ID"];
    guardrail_version: Opt<String> = "guardrail.version", Str, ["BROCK_GUARDRAIL_VERSION"];
    guardrail_trace: Opt<bool> = "guardrail.trace", Bool, ["BROCK_GUARDRAIL_TRACE"];
    performance_latency: Opt<String> = "performance_latency", Str, ["BROCK_PERFORMANCE_LATENCY"];
    service_tier: Opt<String> = "service_tier", Str, ["BROCK_SERVICE_TIER"];
    max_attempts: Opt<Num> = "retries.max_attempts", Int, ["BROCK_MAX_ATTEMPTS", "AWS_MAX_ATTEMPTS"];
    retry_mode: Opt<String> = "retries.mode", Str, ["BROCK_RETRY_MODE", "AWS_RETRY_MODE"];
    connect_timeout: Opt<Num> = "timeouts.connect", Float, ["BROCK_CONNECT_TIMEOUT"];
    read_timeout: Opt<Num> = "timeouts.read", Float, ["BROCK_READ_TIMEOUT"];
    request_metadata: Entries = "request_metadata", StrMap, [];
    headers: Entries = "headers", StrMap, [];
    user_continue_message: Opt<String> = "user_continue_message", Str,
        ["BROCK_USER_CONTINUE_MESSAGE"];
    anthropic_beta: Opt<StrList> = "anthropic_beta", StrList, ["BROCK_ANTHROPIC_BETA"];
    top_k: Opt<Num> = "top_k", Int, ["BROCK_TOP_K"];
    params: Entries = "params", JsonMap, ["BROCK_PARAMS"];
    fetch_allow_private: Opt<bool> = "fetch.allow_private_addresses", Bool,
        ["BROCK_FETCH_ALLOW_PRIVATE_ADDRESSES"];
    log: Opt<bool> = "log", Bool, ["BROCK_LOG"];
    theme: Opt<String> = "theme", Str, ["BROCK_THEME"];
    serve_listen: Opt<String> = "serve.listen", Str, ["BROCK_SERVE_LISTEN"];
    serve_api_key_env: Opt<StrList> = "serve.api_key_env", StrList, ["BROCK_SERVE_API_KEY_ENV"];
    serve_log_format: Opt<String> = "serve.log_format", Str, ["BROCK_SERVE_LOG_FORMAT"];
    serve_drain_timeout: Opt<Num> = "serve.drain_timeout", Float, ["BROCK_SERVE_DRAIN_TIMEOUT"];
    serve_cors_origins: Opt<StrList> = "serve.cors_origins", StrList, ["BROCK_SERVE_CORS_ORIGINS"];
    serve_header_read_timeout: Opt<Num> = "serve.header_read_timeout", Float,
        ["BROCK_SERVE_HEADER_READ_TIMEOUT"];
    serve_body_read_timeout: Opt<Num> = "serve.body_read_timeout", Float,
        ["BROCK_SERVE_BODY_READ_TIMEOUT"];
    serve_max_request_size_mb: Opt<Num> = "serve.max_request_size_mb", Int,
        ["BROCK_SERVE_MAX_REQUEST_SIZE_MB"];
    serve_database: Opt<String> = "serve.database", Str, ["BROCK_SERVE_DATABASE"];
    serve_master_key_env: Opt<String> = "serve.master_key_env", Str, ["BROCK_SERVE_MASTER_KEY_ENV"];
    serve_master_key_file: Opt<String> = "serve.master_key_file", Str, ["BROCK_SERVE_MASTER_KEY_FILE"];
}

/// Tables allowed at the top level of the file besides the profile tables.
const TOP_LEVEL: &[&str] = &[
    "default", "profiles", "aliases", "tools", "agents", "models", "roles", "serve",
];

/// The keys of a `[roles.NAME]` table that are ordinary settings, layered like a profile's.
const ROLE_SETTINGS: &[&str] = &[
    "model",
    "system",
    "temperature",
    "top_p",
    "max_tokens",
    "reasoning",
];

/// The bounds of every numeric setting, whether it comes from the config file, the
/// environment, a flag or a REPL command: each is checked against this one table (by
/// [`check_number`]), so a value is refused with the same message wherever it was typed, and
/// nothing out of range reaches a conversion that would panic (`Duration::from_secs_f64`).
/// Bounds that depend on the model (image counts, embedding dimensions) are checked where the
/// model is known.
pub const NUMBERS: &[Number] = &[
    Number::real("temperature", 0.0, 1.0),
    Number::real("top_p", 0.0, 1.0),
    Number::whole("max_tokens", 1, u32::MAX as u64),
    Number::whole("top_k", 1, u32::MAX as u64),
    Number::whole("retries.max_attempts", 1, 20),
    Number::seconds("timeouts.connect"),
    Number::seconds("timeouts.read"),
    Number::seconds("tools.timeout"),
    Number::seconds("serve.drain_timeout"),
    Number::seconds("serve.header_read_timeout"),
    Number::seconds("serve.body_read_timeout"),
    // MiB, as LiteLLM's max_request_size_mb; up to 2 GiB, what a usize holds on 32 bits.
    Number::whole("serve.max_request_size_mb", 1, 2047),
    Number::whole("emulator.latency", 0, 3_600_000),
    Number::real("emulator.tokens_per_second", 0.0, 1e9),
    // Nova Canvas and Titan Image alike.
    Number::real("image.similarity", 0.2, 1.0),
];

/// One numeric setting's bounds; see [`NUMBERS`].
#[derive(Debug, Clone, Copy)]
pub struct Number {
    pub key: &'static str,
    pub min: f64,
    pub max: f64,
    /// The lower bound itself is refused (timeouts: above 0).
    pub above_min: bool,
    pub whole: bool,
    pub unit: &'static str,
}

impl Number {
    const fn real(key: &'static str, min: f64, max: f64) -> Number {
        Number {
            key,
            min,
            max,
            above_min: false,
            whole: false,
            unit: "",
        }
    }
    const fn whole(key: &'static str, min: u64, max: u64) -> Number {
        Number {
            key,
            min: min as f64,
            max: max as f64,
            above_min: false,
            whole: true,
            unit: "",
        }
    }
    /// Seconds up to a day: longer would be a hang, not a timeout.
    const fn seconds(key: &'static str) -> Number {
        Number {
            key,
            min: 0.0,
            max: 86_400.0,
            above_min: true,
            whole: false,
            unit: " seconds",
        }
    }

    /// What the value must be, for the error message.
    pub fn want(&self) -> String {
        let (lo, hi, u) = (self.min, self.max, self.unit);
        if self.whole {
            format!("a whole number from {lo} to {hi}{u}")
        } else if self.above_min {
            format!("a number of{u} above {lo} and at most {hi}")
        } else {
            format!("a number from {lo} to {hi}{u}")
        }
    }

    pub fn check(&self, v: f64) -> std::result::Result<f64, String> {
        let low_ok = if self.above_min {
            v > self.min
        } else {
            v >= self.min
        };
        if low_ok && v <= self.max && (!self.whole || v.fract() == 0.0) {
            Ok(v)
        } else {
            Err(format!("must be {}", self.want()))
        }
    }
}

/// Checks `v` against the bounds of `key` in [`NUMBERS`]; the error says what it must be.
pub fn check_number(key: &str, v: f64) -> std::result::Result<f64, String> {
    match NUMBERS.iter().find(|n| n.key == key) {
        Some(n) => n.check(v),
        None => Ok(v),
    }
}

/// [`check_number`] for text typed on the command line or in the REPL.
pub fn parse_number(key: &str, text: &str) -> std::result::Result<f64, String> {
    let v: f64 = text
        .trim()
        .parse()
        .map_err(|_| match NUMBERS.iter().find(|n| n.key == key) {
            Some(n) => format!("not a number: must be {}", n.want()),
            None => "not a number".to_string(),
        })?;
    check_number(key, v)
}

pub const DEFAULT_CONNECT_TIMEOUT: f64 = 10.0;
pub const DEFAULT_READ_TIMEOUT: f64 = 300.0;

pub use brock_bedrock::RetryMode;

/// The guardrail a chat applies: the request's own type, so settings hand it over as is.
pub use brock_core::request::Guardrail;

/// `brock serve`'s settings; its flags win over these.
#[derive(Debug, Clone, Default)]
pub struct ServeSettings {
    pub listen: Option<String>,
    /// Environment variables that each hold a key clients may send.
    pub api_key_env: Vec<String>,
    pub log_format: Option<String>,
    pub drain_timeout: Option<f64>,
    pub cors_origins: Vec<String>,
    pub header_read_timeout: Option<f64>,
    pub body_read_timeout: Option<f64>,
    pub max_request_size_mb: Option<u64>,
    /// `[serve.models]`: OpenAI model names clients send → brock model names (aliases, ids).
    pub models: BTreeMap<String, String>,
    /// The key store: a SQLite file or a postgres:// URL (default `<data dir>/serve.db`).
    pub database: Option<String>,
    /// Where the admin API's master key is: an environment variable's name, or a file.
    pub master_key_env: Option<String>,
    pub master_key_file: Option<String>,
}

/// A command-line tool from `[tools.NAME]`: run with the call's arguments as JSON on stdin.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ToolConfig {
    pub description: String,
    #[serde(default = "empty_object_schema")]
    pub parameters: serde_json::Value,
    pub command: Vec<String>,
    #[serde(default)]
    pub timeout: Option<f64>,
}

/// A named agent from `[agents.NAME]`, so `brock agent invoke NAME "…"` needs no ids.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentConfig {
    pub agent_id: String,
    pub alias_id: String,
    #[serde(default)]
    pub description: Option<String>,
}

/// `[models."ID"]`: what brock cannot read from a model id (application inference profiles,
/// provisioned throughput, proxy models), so that nothing is looked up for it.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelConfig {
    /// The model family, as `--family` takes it (anthropic, nova, llama, …).
    #[serde(default)]
    pub family: Option<String>,
    /// The foundation model behind the id, e.g. amazon.titan-embed-text-v2:0.
    #[serde(default)]
    pub base_model: Option<String>,
}

/// `[roles.NAME]`: a system prompt, settings and a prompt template chosen with `--role NAME`.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleConfig {
    #[serde(default)]
    pub description: Option<String>,
    /// The prompt template; `$input` is replaced by the prompt given (argument and/or stdin).
    #[serde(default)]
    pub prompt: Option<String>,
    #[serde(default)]
    pub system: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub temperature: Option<f64>,
    #[serde(default)]
    pub top_p: Option<f64>,
    #[serde(default)]
    pub max_tokens: Option<u64>,
    #[serde(default)]
    pub reasoning: Option<Value>,
    /// Names of `[tools.NAME]` offered to the model.
    #[serde(default)]
    pub tools: Vec<String>,
    /// Extra request fields, as `--param KEY=JSON` gives them.
    #[serde(default)]
    pub params: toml::Table,
}

/// The placeholder a role's `prompt` template uses for the user's input (as `llm` templates do).
pub const INPUT_PLACEHOLDER: &str = "$input";

impl RoleConfig {
    /// `--param` strings for the role's `params` table.
    pub fn param_args(&self) -> Vec<String> {
        self.params
            .iter()
            .map(|(k, v)| {
                let json = serde_json::to_value(v).unwrap_or(serde_json::Value::Null);
                format!("{k}={json}")
            })
            .collect()
    }

    /// The prompt sent for `input` (the argument prompt and/or stdin): the template with
    /// `$input` replaced, or the template followed by the input as context.
    pub fn apply_template(&self, name: &str, input: Option<String>) -> Result<Option<String>> {
        let Some(template) = &self.prompt else {
            return Ok(input);
        };
        let input = input.filter(|i| !i.trim().is_empty());
        if template.contains(INPUT_PLACEHOLDER) {
            let Some(input) = input else {
                return Err(Error::usage(format!(
                    "role '{name}' puts the input into its prompt ({INPUT_PLACEHOLDER}): give it as an argument or pipe it on stdin"
                )));
            };
            return Ok(Some(template.replace(INPUT_PLACEHOLDER, &input)));
        }
        Ok(Some(match input {
            Some(i) => format!("{template}\n\n{i}"),
            None => template.clone(),
        }))
    }
}

/// Parses every `[roles.NAME]` table; a mistake in any role is reported whichever is used.
fn parse_roles(file: &toml::Table, path: &Path) -> Result<BTreeMap<String, RoleConfig>> {
    let mut roles = BTreeMap::new();
    let Some(t) = file.get("roles") else {
        return Ok(roles);
    };
    let t = t.as_table().ok_or_else(|| {
        Error::config(format!(
            "{}: `roles` must be a table of [roles.NAME] entries",
            path.display()
        ))
    })?;
    for (name, v) in t {
        let role: RoleConfig = v.clone().try_into().map_err(|e: toml::de::Error| {
            Error::config(format!(
                "{}: [roles.{name}]: {}",
                path.display(),
                e.message()
            ))
        })?;
        for p in role.param_args() {
            brock_core::request::ChatRequest::default()
                .add_param(&p)
                .map_err(|e| {
                    Error::config(format!("{}: [roles.{name}] params: {e}", path.display()))
                })?;
        }
        roles.insert(name.clone(), role);
    }
    Ok(roles)
}

/// The error for an unknown role: a suggestion, or the roles there are.
pub fn unknown_role(name: &str, roles: &BTreeMap<String, RoleConfig>, path: &Path) -> Error {
    let hint = match did_you_mean(name, roles.keys().map(String::as_str)) {
        Some(s) => format!(" — did you mean '{s}'?"),
        None if roles.is_empty() => format!(
            " ({} defines no roles; add a [roles.{name}] table)",
            path.display()
        ),
        None => format!(
            " (roles: {}; see brock roles)",
            roles.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
    };
    Error::config(format!("unknown role '{name}'{hint}"))
}

fn empty_object_schema() -> serde_json::Value {
    serde_json::json!({"type": "object", "properties": {}})
}

/// Setting flags of the subcommand being run, layered on top like the global flags.
#[derive(Debug, Clone, Default)]
pub struct CommandOverrides {
    pub model: Option<String>,
    pub system: Option<String>,
    pub temperature: Option<f32>,
    pub top_p: Option<f32>,
    pub max_tokens: Option<u32>,
    pub reasoning: Option<String>,
    pub guardrail: Option<String>,
    pub guardrail_trace: bool,
    pub latency: Option<String>,
    pub service_tier: Option<String>,
    pub request_metadata: Vec<String>,
    /// chat `--role NAME`
    pub role: Option<String>,
    /// `config init|path`: a named config file that does not exist yet is what they are for.
    pub config_may_be_missing: bool,
}

/// The effective settings every command receives.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config_path: PathBuf,
    pub config_exists: bool,
    pub profile: String,
    pub region: Option<String>,
    pub aws_profile: Option<String>,
    pub role_arn: Option<String>,
    pub role_session_name: Option<String>,
    pub external_id: Option<String>,
    pub runtime_endpoint: Option<String>,
    pub bedrock_endpoint: Option<String>,
    pub agent_runtime_endpoint: Option<String>,
    pub bearer_token_env: Option<String>,
    pub model: Option<String>,
    pub system: Option<String>,
    pub temperature: Option<f32>,
    pub top_p: Option<f32>,
    pub max_tokens: Option<u32>,
    pub reasoning: Option<String>,
    pub guardrail: Option<Guardrail>,
    pub performance_latency: Option<String>,
    pub service_tier: Option<String>,
    pub max_attempts: u32,
    pub retry_mode: RetryMode,
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    pub request_metadata: BTreeMap<String, String>,
    pub headers: BTreeMap<String, String>,
    pub user_continue_message: Option<String>,
    /// Anthropic betas every chat sends; `--anthropic-beta` adds to them.
    pub anthropic_beta: Vec<String>,
    /// `--top-k` replaces it.
    pub top_k: Option<u32>,
    /// Model request fields as `KEY=JSON` (the `--param` form); a `--param` with the same
    /// KEY replaces one, others add to them.
    pub params: Vec<String>,
    /// Let attachment URLs reach loopback, private and link-local addresses.
    pub fetch_allow_private: bool,
    /// Record chat exchanges in the log database (`log`, BROCK_LOG; `--no-log` turns it off).
    pub log: bool,
    /// Code highlighting theme (`theme`, BROCK_THEME): "ansi" or a syntect theme name.
    pub theme: Option<String>,
    pub aliases: BTreeMap<String, String>,
    /// `brock serve`: the `[serve]` table and `serve.*` keys (see [`ServeSettings`]).
    pub serve: ServeSettings,
    pub tools: BTreeMap<String, ToolConfig>,
    pub agents: BTreeMap<String, AgentConfig>,
    pub models: BTreeMap<String, ModelConfig>,
    pub roles: BTreeMap<String, RoleConfig>,
    /// The role in use (`--role`, or `/role` in the REPL).
    pub role: Option<String>,
    pub output: Option<OutputFormat>,
    pub verbose: u8,
    pub quiet: bool,
    pub no_color: bool,
    pub mock: bool,
    /// Every layered value with its source, for `brock config show`.
    pub shown: Vec<(String, String, Source)>,
}

/// Environment lookup, injectable so resolution is testable without touching the process env.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl<const N: usize> Env for [(&str, &str); N] {
    fn var(&self, name: &str) -> Option<String> {
        self.iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

/// The config file path: --config > BROCK_CONFIG > the platform config dir.
pub fn config_path(global: &GlobalArgs, env: &dyn Env) -> PathBuf {
    if let Some(p) = &global.config {
        return p.clone();
    }
    if let Some(p) = env.var("BROCK_CONFIG") {
        return PathBuf::from(p);
    }
    default_config_path()
}

pub fn default_config_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("brock")
        .join("config.toml")
}

/// The data directory for sessions and history (created 0700 by whoever writes there).
pub fn data_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("BROCK_DATA_DIR") {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("brock")
}

pub fn resolve(global: &GlobalArgs, overrides: &CommandOverrides) -> Result<Settings> {
    resolve_with_env(global, overrides, &ProcessEnv)
}

pub fn resolve_with_env(
    global: &GlobalArgs,
    overrides: &CommandOverrides,
    env: &dyn Env,
) -> Result<Settings> {
    let path = config_path(global, env);
    let named = global.config.is_some() || env.var("BROCK_CONFIG").is_some();
    let (file, exists) = load_file(&path, named && !overrides.config_may_be_missing)?;

    let profile = global
        .profile
        .clone()
        .or_else(|| env.var("BROCK_PROFILE"))
        .unwrap_or_else(|| "default".to_string());

    let mut layer = SettingsLayer::defaults();
    // The top-level [serve] table is the gateway's file layer beneath the profiles'
    // `serve.*` keys, so `[default.serve]` and `[profiles.NAME.serve]` refine it.
    if let Some(serve) = file.get("serve").and_then(Value::as_table) {
        let mut wrapped = toml::Table::new();
        wrapped.insert("serve".into(), Value::Table(serve.clone()));
        layer = layer.combine(SettingsLayer::from_table(&wrapped, &path, "serve")?);
    }
    if let Some(table) = file.get("default").and_then(Value::as_table) {
        layer = layer.combine(SettingsLayer::from_table(table, &path, "default")?);
    }
    if profile != "default" {
        layer = layer.combine(SettingsLayer::from_profile(&file, &path, &profile)?);
    }
    layer = layer.combine(SettingsLayer::from_env(env)?);
    if env.var("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").as_deref() == Some("true") {
        layer.endpoint_url = None;
        layer.bedrock_endpoint = None;
        layer.agent_runtime_endpoint = None;
    }
    let roles = parse_roles(&file, &path)?;
    if let Some(name) = &overrides.role {
        layer = layer.combine(SettingsLayer::from_role(&file, &path, &roles, name)?);
    }
    layer = layer.combine(SettingsLayer::from_flags(global, overrides)?);

    let tables = Tables {
        aliases: string_table(file.get("aliases"), &path, "aliases")?,
        serve_models: string_table(
            file.get("serve").and_then(|s| s.get("models")),
            &path,
            "serve.models",
        )?,
        tools: parse_tools(&file, &path)?,
        agents: parse_agents(&file, &path)?,
        models: parse_models(&file, &path)?,
        roles,
    };
    layer.into_settings(tables, path, exists, profile, global, overrides)
}

/// The named tables of the config file, which do not layer.
struct Tables {
    aliases: BTreeMap<String, String>,
    serve_models: BTreeMap<String, String>,
    tools: BTreeMap<String, ToolConfig>,
    agents: BTreeMap<String, AgentConfig>,
    models: BTreeMap<String, ModelConfig>,
    roles: BTreeMap<String, RoleConfig>,
}

/// `{key} (from {source}): {why}`: a layered value that is wrong, and where it was set.
fn bad<T>(key: &str, value: &Sourced<T>, why: &str) -> Error {
    Error::config(format!("{key} (from {}): {why}", value.source))
}

/// A number checked against its bounds in [`NUMBERS`].
fn number(key: &str, v: &Opt<Num>) -> Result<Option<f64>> {
    let Some(s) = v else { return Ok(None) };
    let n = s.value.get();
    check_number(key, n)
        .map(Some)
        .map_err(|why| bad(key, s, &format!("{n:?}: {why}")))
}

fn value<T: Clone>(v: &Opt<T>) -> Option<T> {
    v.as_ref().map(|s| s.value.clone())
}

/// A setting given as one string or a list of them.
fn str_list(v: Option<StrList>) -> Vec<String> {
    match v {
        None => Vec::new(),
        Some(StrList::One(s)) => vec![s],
        Some(StrList::Many(v)) => v,
    }
}

impl SettingsLayer {
    /// The built-in defaults. `retries.max_attempts` is not among them: its default depends on
    /// the retry mode, which a higher layer may set (see [`SettingsLayer::into_settings`]).
    pub fn defaults() -> SettingsLayer {
        SettingsLayer {
            retry_mode: Some(Sourced::new("standard".into(), Source::Default)),
            connect_timeout: Some(Sourced::new(
                Num::Float(DEFAULT_CONNECT_TIMEOUT),
                Source::Default,
            )),
            read_timeout: Some(Sourced::new(
                Num::Float(DEFAULT_READ_TIMEOUT),
                Source::Default,
            )),
            ..Default::default()
        }
    }

    /// The `[profiles.NAME]` table; an unknown profile is an error listing the known ones.
    fn from_profile(file: &toml::Table, path: &Path, profile: &str) -> Result<SettingsLayer> {
        let profiles = file.get("profiles").and_then(Value::as_table);
        if let Some(table) = profiles
            .and_then(|p| p.get(profile))
            .and_then(Value::as_table)
        {
            return SettingsLayer::from_table(table, path, &format!("profiles.{profile}"));
        }
        let mut names: Vec<&str> = profiles
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        names.sort_unstable();
        let known = if names.is_empty() {
            format!("{} defines no profiles", path.display())
        } else {
            format!("profiles in {}: {}", path.display(), names.join(", "))
        };
        Err(Error::config(format!(
            "unknown profile '{profile}' ({known})"
        )))
    }

    /// The settings of `[roles.NAME]` (chat `--role`); its tools must exist.
    fn from_role(
        file: &toml::Table,
        path: &Path,
        roles: &BTreeMap<String, RoleConfig>,
        name: &str,
    ) -> Result<SettingsLayer> {
        let role = roles
            .get(name)
            .ok_or_else(|| unknown_role(name, roles, path))?;
        if let Some(tool) = role.tools.iter().find(|t| {
            !file
                .get("tools")
                .and_then(Value::as_table)
                .is_some_and(|tools| tools.contains_key(t.as_str()))
        }) {
            return Err(Error::config(format!(
                "{}: [roles.{name}] tools: no [tools.{tool}] in the config",
                path.display()
            )));
        }
        let Some(table) = file
            .get("roles")
            .and_then(|r| r.get(name))
            .and_then(Value::as_table)
        else {
            return Ok(SettingsLayer::default());
        };
        let settings: toml::Table = table
            .iter()
            .filter(|(k, _)| ROLE_SETTINGS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        SettingsLayer::from_table(&settings, path, &format!("roles.{name}"))
    }

    /// A table of the config file (`[default]`, `[profiles.NAME]`, a role's settings), each
    /// value checked for its kind.
    fn from_table(table: &toml::Table, path: &Path, name: &str) -> Result<SettingsLayer> {
        let mut layer = SettingsLayer::default();
        let source = || Source::File {
            path: path.to_path_buf(),
            table: name.to_string(),
        };
        for (key, kind, _) in KEYS {
            let mut parts = key.splitn(2, '.');
            let top = parts.next().unwrap_or(key);
            let Some(v) = table.get(top) else { continue };
            match (parts.next(), kind) {
                (None, Kind::JsonMap) => {
                    let t = v.as_table().ok_or_else(|| {
                        Error::config(format!(
                            "{}: [{name}] {top}: expected a table, e.g. {top} = {{ top_k = 20 }}",
                            path.display()
                        ))
                    })?;
                    for (k, mv) in t {
                        // Kept as JSON text: the value a `--param KEY=JSON` would carry.
                        let json = serde_json::to_value(mv).map_err(|e| {
                            Error::config(format!("{}: [{name}.{top}] {k}: {e}", path.display()))
                        })?;
                        layer.set(key, Some(k), Value::String(json.to_string()), source());
                    }
                }
                (None, Kind::StrMap) => {
                    let t = v.as_table().ok_or_else(|| {
                        Error::config(format!(
                            "{}: [{name}] {top}: expected a table of strings",
                            path.display()
                        ))
                    })?;
                    for (k, mv) in t {
                        let s = mv.as_str().ok_or_else(|| {
                            Error::config(format!(
                                "{}: [{name}.{top}] {k}: expected a string",
                                path.display()
                            ))
                        })?;
                        layer.set(key, Some(k), Value::String(s.into()), source());
                    }
                }
                (None, _) => {
                    check_kind(*kind, v).map_err(|why| {
                        Error::config(format!("{}: [{name}] {key}: {why}", path.display()))
                    })?;
                    layer.set(key, None, v.clone(), source());
                }
                (Some(sub), _) => {
                    let t = v.as_table().ok_or_else(|| {
                        Error::config(format!(
                            "{}: [{name}] {top}: expected a table",
                            path.display()
                        ))
                    })?;
                    if let Some(sv) = t.get(sub) {
                        check_kind(*kind, sv).map_err(|why| {
                            Error::config(format!("{}: [{name}] {key}: {why}", path.display()))
                        })?;
                        layer.set(key, None, sv.clone(), source());
                    }
                }
            }
        }
        Ok(layer)
    }

    /// The environment: for each setting, the first of its variables that is set.
    fn from_env(env: &dyn Env) -> Result<SettingsLayer> {
        let mut layer = SettingsLayer::default();
        for (key, kind, vars) in KEYS {
            let Some((var, raw)) = vars.iter().find_map(|var| Some((*var, env.var(var)?))) else {
                continue;
            };
            let source = Source::Env(var.to_string());
            if let Kind::JsonMap = kind {
                let map: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(&raw).map_err(|_| {
                        Error::config(format!(
                            "environment variable {var}={raw:?}: expected a JSON object, e.g. {{\"top_k\": 20}}"
                        ))
                    })?;
                for (k, v) in map {
                    layer.set(key, Some(&k), Value::String(v.to_string()), source.clone());
                }
                continue;
            }
            let value = parse_env_value(*kind, &raw).map_err(|why| {
                Error::config(format!("environment variable {var}={raw:?}: {why}"))
            })?;
            layer.set(key, None, value, source);
        }
        // AWS_ENDPOINT_URL is the SDKs' catch-all; it applies to every service lacking a
        // specific one.
        if let Some(url) = env.var("AWS_ENDPOINT_URL") {
            for slot in [
                &mut layer.endpoint_url,
                &mut layer.bedrock_endpoint,
                &mut layer.agent_runtime_endpoint,
            ] {
                if slot.is_none() {
                    *slot = Some(Sourced::new(
                        url.clone(),
                        Source::Env("AWS_ENDPOINT_URL".into()),
                    ));
                }
            }
        }
        Ok(layer)
    }

    /// The global flags and the subcommand's setting flags.
    fn from_flags(global: &GlobalArgs, o: &CommandOverrides) -> Result<SettingsLayer> {
        fn flag<T>(v: Option<T>, name: &str) -> Opt<T> {
            v.map(|v| Sourced::new(v, Source::Flag(name.into())))
        }
        let text = |v: &Option<String>, name: &str| flag(v.clone(), name);
        let real = |v: Option<f32>, name: &str| flag(v.map(|v| Num::Float(v.into())), name);
        let mut layer = SettingsLayer {
            region: text(&global.region, "--region"),
            aws_profile: text(&global.aws_profile, "--aws-profile"),
            role_arn: text(&global.role_arn, "--role-arn"),
            role_session_name: text(&global.role_session_name, "--role-session-name"),
            external_id: text(&global.external_id, "--external-id"),
            endpoint_url: text(&global.endpoint_url, "--endpoint-url"),
            bedrock_endpoint: text(&global.bedrock_endpoint_url, "--bedrock-endpoint-url"),
            agent_runtime_endpoint: text(
                &global.agent_runtime_endpoint_url,
                "--agent-runtime-endpoint-url",
            ),
            model: text(&o.model, "--model"),
            system: text(&o.system, "--system"),
            reasoning: text(&o.reasoning, "--reasoning"),
            performance_latency: text(&o.latency, "--latency"),
            service_tier: text(&o.service_tier, "--service-tier"),
            temperature: real(o.temperature, "--temperature"),
            top_p: real(o.top_p, "--top-p"),
            max_tokens: flag(o.max_tokens.map(|n| Num::Int(n.into())), "--max-tokens"),
            max_attempts: flag(
                global.max_attempts.map(|n| Num::Int(n.into())),
                "--max-attempts",
            ),
            connect_timeout: flag(global.connect_timeout.map(Num::Float), "--connect-timeout"),
            read_timeout: flag(global.read_timeout.map(Num::Float), "--read-timeout"),
            guardrail_trace: flag(o.guardrail_trace.then_some(true), "--guardrail-trace"),
            ..Default::default()
        };
        if let Some(g) = &o.guardrail {
            let (id, version) = g.rsplit_once(':').ok_or_else(|| {
                Error::usage(format!(
                    "--guardrail {g:?}: expected ID:VERSION, e.g. abc123xyz:1 or abc123xyz:DRAFT"
                ))
            })?;
            if id.is_empty() || version.is_empty() {
                return Err(Error::usage(format!(
                    "--guardrail {g:?}: expected ID:VERSION"
                )));
            }
            layer.guardrail_id = flag(Some(id.to_string()), "--guardrail");
            layer.guardrail_version = flag(Some(version.to_string()), "--guardrail");
        }
        for kv in &o.request_metadata {
            let (k, v) = kv.split_once('=').ok_or_else(|| {
                Error::usage(format!("--request-metadata {kv:?}: expected KEY=VALUE"))
            })?;
            layer.request_metadata.insert(
                k.to_string(),
                Sourced::new(v.to_string(), Source::Flag("--request-metadata".into())),
            );
        }
        Ok(layer)
    }

    /// The resolved settings: every layered value checked (bounds, endpoints, the guardrail's
    /// two halves, the retry mode) and typed for the commands.
    fn into_settings(
        mut self,
        tables: Tables,
        config_path: PathBuf,
        config_exists: bool,
        profile: String,
        global: &GlobalArgs,
        overrides: &CommandOverrides,
    ) -> Result<Settings> {
        for (key, url) in [
            ("endpoint_url", &self.endpoint_url),
            ("endpoints.bedrock", &self.bedrock_endpoint),
            ("endpoints.agent_runtime", &self.agent_runtime_endpoint),
        ] {
            if let Some(url) = url {
                brock_bedrock::check_endpoint_url(
                    &url.value,
                    &format!("{key} (from {})", url.source),
                )?;
            }
        }
        let guardrail = match (value(&self.guardrail_id), value(&self.guardrail_version)) {
            (Some(id), Some(version)) => Some(Guardrail {
                id,
                version,
                trace: value(&self.guardrail_trace).unwrap_or(false),
            }),
            (None, None) => None,
            _ => {
                return Err(Error::config(
                    "guardrail needs both an id and a version (guardrail.id and guardrail.version, or --guardrail ID:VERSION)",
                ));
            }
        };
        let retry_mode = match &self.retry_mode {
            None => RetryMode::Standard,
            Some(mode) => match mode.value.as_str() {
                "standard" => RetryMode::Standard,
                "adaptive" => RetryMode::Adaptive,
                "legacy" => RetryMode::Legacy,
                other => {
                    return Err(bad(
                        "retries.mode",
                        mode,
                        &format!("{other:?} is not a retry mode (standard, adaptive or legacy)"),
                    ));
                }
            },
        };
        // Unset by file, environment and flags: the mode's own default (botocore's).
        if self.max_attempts.is_none() {
            self.max_attempts = Some(Sourced::new(
                Num::Int(retry_mode.default_max_attempts().into()),
                Source::Default,
            ));
        }
        let max_attempts = number("retries.max_attempts", &self.max_attempts)?
            .map_or(retry_mode.default_max_attempts(), |n| n as u32);
        let seconds = |key: &str, v: &Opt<Num>, default: f64| -> Result<Duration> {
            let s = number(key, v)?.unwrap_or(default);
            Duration::try_from_secs_f64(s).map_err(|_| match v {
                Some(v) => bad(key, v, "must be a number of seconds"),
                None => Error::config(format!("{key}: must be a number of seconds")),
            })
        };
        let connect_timeout = seconds(
            "timeouts.connect",
            &self.connect_timeout,
            DEFAULT_CONNECT_TIMEOUT,
        )?;
        let read_timeout = seconds("timeouts.read", &self.read_timeout, DEFAULT_READ_TIMEOUT)?;
        let top_k = number("top_k", &self.top_k)?.map(|n| n as u32);
        let max_tokens = number("max_tokens", &self.max_tokens)?.map(|n| n as u32);
        let temperature = number("temperature", &self.temperature)?.map(|f| f as f32);
        let top_p = number("top_p", &self.top_p)?.map(|f| f as f32);
        let anthropic_beta = str_list(value(&self.anthropic_beta));
        let entries = |e: &Entries| -> BTreeMap<String, String> {
            e.iter()
                .map(|(k, v)| (k.clone(), v.value.clone()))
                .collect()
        };
        Ok(Settings {
            config_path,
            config_exists,
            profile,
            region: value(&self.region),
            aws_profile: value(&self.aws_profile),
            role_arn: value(&self.role_arn),
            role_session_name: value(&self.role_session_name),
            external_id: value(&self.external_id),
            runtime_endpoint: value(&self.endpoint_url),
            bedrock_endpoint: value(&self.bedrock_endpoint),
            agent_runtime_endpoint: value(&self.agent_runtime_endpoint),
            bearer_token_env: value(&self.bearer_token_env),
            model: value(&self.model),
            system: value(&self.system),
            temperature,
            top_p,
            max_tokens,
            reasoning: value(&self.reasoning),
            guardrail,
            performance_latency: value(&self.performance_latency),
            service_tier: value(&self.service_tier),
            max_attempts,
            retry_mode,
            connect_timeout,
            read_timeout,
            request_metadata: entries(&self.request_metadata),
            headers: entries(&self.headers),
            user_continue_message: value(&self.user_continue_message),
            anthropic_beta,
            top_k,
            params: self
                .params
                .iter()
                .map(|(k, v)| format!("{k}={}", v.value))
                .collect(),
            fetch_allow_private: value(&self.fetch_allow_private).unwrap_or(false),
            log: value(&self.log).unwrap_or(true),
            theme: match value(&self.theme) {
                Some(t) => Some(crate::render::highlight::check_theme(&t).map_err(Error::config)?),
                None => None,
            },
            serve: ServeSettings {
                listen: value(&self.serve_listen),
                api_key_env: str_list(value(&self.serve_api_key_env)),
                log_format: value(&self.serve_log_format),
                drain_timeout: number("serve.drain_timeout", &self.serve_drain_timeout)?,
                cors_origins: str_list(value(&self.serve_cors_origins)),
                header_read_timeout: number(
                    "serve.header_read_timeout",
                    &self.serve_header_read_timeout,
                )?,
                body_read_timeout: number(
                    "serve.body_read_timeout",
                    &self.serve_body_read_timeout,
                )?,
                max_request_size_mb: number(
                    "serve.max_request_size_mb",
                    &self.serve_max_request_size_mb,
                )?
                .map(|n: f64| n as u64),
                models: tables.serve_models,
                database: value(&self.serve_database),
                master_key_env: value(&self.serve_master_key_env),
                master_key_file: value(&self.serve_master_key_file),
            },
            aliases: tables.aliases,
            tools: tables.tools,
            agents: tables.agents,
            models: tables.models,
            roles: tables.roles,
            role: overrides.role.clone(),
            output: global.output,
            verbose: global.verbose,
            quiet: global.quiet,
            no_color: global.no_color,
            mock: global.mock,
            shown: self.shown(),
        })
    }
}

/// `[tools.NAME]`: command-line tools offered to the model.
fn parse_tools(file: &toml::Table, path: &Path) -> Result<BTreeMap<String, ToolConfig>> {
    let mut tools = BTreeMap::new();
    let Some(t) = file.get("tools").and_then(Value::as_table) else {
        return Ok(tools);
    };
    for (name, v) in t {
        let tool: ToolConfig = v.clone().try_into().map_err(|e: toml::de::Error| {
            Error::config(format!(
                "{}: [tools.{name}]: {}",
                path.display(),
                e.message()
            ))
        })?;
        if let Some(t) = tool.timeout {
            check_number("tools.timeout", t).map_err(|why| {
                Error::config(format!(
                    "{}: [tools.{name}] timeout = {t:?}: {why}",
                    path.display()
                ))
            })?;
        }
        if tool.command.is_empty() {
            return Err(Error::config(format!(
                "{}: [tools.{name}]: `command` must name a program, e.g. command = [\"./weather.sh\"]",
                path.display()
            )));
        }
        tools.insert(name.clone(), tool);
    }
    Ok(tools)
}

/// `[agents.NAME]`: named Bedrock agents.
fn parse_agents(file: &toml::Table, path: &Path) -> Result<BTreeMap<String, AgentConfig>> {
    let mut agents = BTreeMap::new();
    let Some(t) = file.get("agents") else {
        return Ok(agents);
    };
    let t = t.as_table().ok_or_else(|| {
        Error::config(format!(
            "{}: `agents` must be a table of [agents.NAME] entries",
            path.display()
        ))
    })?;
    for (name, v) in t {
        let agent: AgentConfig = v.clone().try_into().map_err(|e: toml::de::Error| {
            Error::config(format!(
                "{}: [agents.{name}]: {}",
                path.display(),
                e.message()
            ))
        })?;
        if agent.agent_id.trim().is_empty() || agent.alias_id.trim().is_empty() {
            return Err(Error::config(format!(
                "{}: [agents.{name}]: agent_id and alias_id must not be empty",
                path.display()
            )));
        }
        agents.insert(name.clone(), agent);
    }
    Ok(agents)
}

/// `[models."ID"]`: what brock cannot read from a model id.
fn parse_models(file: &toml::Table, path: &Path) -> Result<BTreeMap<String, ModelConfig>> {
    let mut models = BTreeMap::new();
    let Some(t) = file.get("models") else {
        return Ok(models);
    };
    let t = t.as_table().ok_or_else(|| {
        Error::config(format!(
            "{}: `models` must be a table of [models.\"ID\"] entries",
            path.display()
        ))
    })?;
    for (id, v) in t {
        let m: ModelConfig = v.clone().try_into().map_err(|e: toml::de::Error| {
            Error::config(format!(
                "{}: [models.\"{id}\"]: {}",
                path.display(),
                e.message()
            ))
        })?;
        if let Some(f) = &m.family {
            f.parse::<brock_core::ModelFamily>().map_err(|e| {
                Error::config(format!("{}: [models.\"{id}\"]: {e}", path.display()))
            })?;
        }
        if m.family.is_none() && m.base_model.is_none() {
            return Err(Error::config(format!(
                "{}: [models.\"{id}\"]: give family = \"NAME\" or base_model = \"MODEL-ID\"",
                path.display()
            )));
        }
        models.insert(id.clone(), m);
    }
    Ok(models)
}

impl Settings {
    /// Resolve a model name: a user alias, a built-in alias, or an id/ARN used as is.
    pub fn resolve_model(&self, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::usage("the model name is empty"));
        }
        if let Some(target) = self.aliases.get(name) {
            return Ok(target.clone());
        }
        if let Some(target) = builtin_alias(name, self.region.as_deref()) {
            return target;
        }
        // Every real model id, profile id and ARN contains a '.', ':' or '/'; a bare word is an
        // alias the user expected to exist.
        if name.contains(['.', ':', '/']) {
            return Ok(name.to_string());
        }
        let mut known: Vec<String> = self.aliases.keys().cloned().collect();
        known.extend(BUILTIN_ALIASES.iter().map(|a| a.alias.to_string()));
        known.sort();
        known.dedup();
        let suggestion = did_you_mean(name, known.iter().map(String::as_str))
            .map(|s| format!(" — did you mean '{s}'?"))
            .unwrap_or_default();
        Err(Error::usage(format!(
            "unknown model alias '{name}'{suggestion} (aliases: {}; or give a model id such as us.amazon.nova-lite-v1:0)",
            known.join(", ")
        )))
    }

    /// The model to use: the given one, else the configured one, else the built-in default.
    pub fn model_or_default(&self, given: Option<&str>) -> Result<String> {
        match given.or(self.model.as_deref()) {
            Some(m) => self.resolve_model(m),
            None => self.resolve_model(DEFAULT_MODEL_ALIAS),
        }
    }

    /// The aliases users can type, built-in ones included, as (alias, target).
    pub fn all_aliases(&self) -> Vec<(String, String)> {
        // An alias not offered in the region is left out: it cannot be used here.
        let mut out: BTreeMap<String, String> = BUILTIN_ALIASES
            .iter()
            .filter_map(|a| {
                let target = builtin_alias(a.alias, self.region.as_deref())?.ok()?;
                Some((a.alias.to_string(), target))
            })
            .collect();
        out.extend(self.aliases.clone());
        out.into_iter().collect()
    }
}

pub const DEFAULT_MODEL_ALIAS: &str = "nova-lite";

/// A built-in alias resolved for `region` (unset: us-east-1, the SDK's fallback too); None when
/// `name` is not a built-in alias.
fn builtin_alias(name: &str, region: Option<&str>) -> Option<Result<String>> {
    let a = brock_core::model::BuiltinAlias::find(name)?;
    Some(
        a.resolve(region.unwrap_or("us-east-1"))
            .map_err(|e| Error::usage(e.to_string())),
    )
}

/// The closest candidate, if it is close enough to be what the user meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Reads the config file. The default path is optional: missing or unreadable (`~/.config`
/// a regular file, no permission) means no config, so commands that need none still run. A
/// path the user named (`--config`, `BROCK_CONFIG`) must exist and be readable: a typo there
/// would otherwise silently drop every setting in it.
fn load_file(path: &Path, named: bool) -> Result<(toml::Table, bool)> {
    let file = match std::fs::File::open(path) {
        Ok(f) if named || f.metadata().is_ok_and(|m| m.is_file()) => f,
        Ok(_) => return Ok((toml::Table::new(), false)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && named => {
            return Err(Error::config(format!(
                "config file {} does not exist: check the path, or create it with `brock --config {} config init`",
                path.display(),
                path.display()
            )));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound || !named => {
            return Ok((toml::Table::new(), false));
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            return Err(Error::config(format!(
                "cannot read config file {}: a directory on that path is a file",
                path.display()
            )));
        }
        Err(e) => {
            return Err(Error::config(format!(
                "cannot read config file {}: {e}",
                path.display()
            )));
        }
    };
    let cap = crate::input::MAX_CONFIG;
    let what = format!("config file {}", path.display());
    if file.metadata().is_ok_and(|m| m.is_file() && m.len() > cap) {
        return Err(Error::config(format!(
            "{what} is larger than 1 MiB; is it really a brock config?"
        )));
    }
    let raw = crate::input::read_capped(file, cap, &what, "; is it really a brock config?")
        .map_err(|e| Error::config(e.to_string()))?;
    let text =
        String::from_utf8(raw).map_err(|_| Error::config(format!("{what} is not UTF-8 text")))?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        let (line, col) = e.span().map(|s| line_col(&text, s.start)).unwrap_or((1, 1));
        Error::config(format!(
            "{}:{line}:{col}: {}",
            path.display(),
            e.message().trim().replace('\n', " ")
        ))
    })?;
    check_unknown_keys(&table, path)?;
    Ok((table, true))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn check_unknown_keys(table: &toml::Table, path: &Path) -> Result<()> {
    let unknown = |what: &str, key: &str, known: &[&str]| {
        let hint = did_you_mean(key, known.iter().copied())
            .map(|s| format!(" — did you mean '{s}'?"))
            .unwrap_or_default();
        Error::config(format!("{}: unknown {what} '{key}'{hint}", path.display()))
    };
    let profile_keys: Vec<&str> = {
        let mut v: Vec<&str> = Vec::new();
        for (k, _, _) in KEYS {
            let top = k.split('.').next().unwrap_or(k);
            if !v.contains(&top) {
                v.push(top);
            }
        }
        v
    };
    let check_profile = |t: &toml::Table, name: &str| -> Result<()> {
        for (k, v) in t {
            if !profile_keys.contains(&k.as_str()) {
                return Err(unknown(&format!("key in [{name}]"), k, &profile_keys));
            }
            if let Some(sub) = v.as_table() {
                let nested: Vec<&str> = KEYS
                    .iter()
                    .filter_map(|(key, _, _)| key.strip_prefix(k.as_str())?.strip_prefix('.'))
                    .collect();
                // Maps (request_metadata, headers) take any key; structured tables do not.
                if !nested.is_empty() {
                    for sk in sub.keys() {
                        if !nested.contains(&sk.as_str()) {
                            return Err(unknown(&format!("key in [{name}.{k}]"), sk, &nested));
                        }
                    }
                }
            }
        }
        Ok(())
    };
    for (k, v) in table {
        if !TOP_LEVEL.contains(&k.as_str()) {
            // A profile key at the top level is a common mistake: say where it belongs.
            if profile_keys.contains(&k.as_str()) {
                return Err(Error::config(format!(
                    "{}: '{k}' must be inside a table: put it under [default] or [profiles.NAME]",
                    path.display()
                )));
            }
            return Err(unknown("table", k, TOP_LEVEL));
        }
        match k.as_str() {
            "default" => check_profile(v.as_table().ok_or_else(|| not_table(path, k))?, "default")?,
            "serve" => {
                let mut known: Vec<&str> = KEYS
                    .iter()
                    .filter_map(|(key, _, _)| key.strip_prefix("serve."))
                    .collect();
                known.push("models");
                for sk in v.as_table().ok_or_else(|| not_table(path, k))?.keys() {
                    if !known.contains(&sk.as_str()) {
                        return Err(unknown("key in [serve]", sk, &known));
                    }
                }
            }
            "profiles" => {
                for (name, p) in v.as_table().ok_or_else(|| not_table(path, k))? {
                    let t = p
                        .as_table()
                        .ok_or_else(|| not_table(path, &format!("profiles.{name}")))?;
                    check_profile(t, &format!("profiles.{name}"))?;
                }
            }
            _ => {
                v.as_table().ok_or_else(|| not_table(path, k))?;
            }
        }
    }
    Ok(())
}

fn not_table(path: &Path, key: &str) -> Error {
    Error::config(format!(
        "{}: '{key}' must be a table ([{key}])",
        path.display()
    ))
}

fn string_table(v: Option<&Value>, path: &Path, name: &str) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if let Some(t) = v.and_then(Value::as_table) {
        for (k, v) in t {
            let s = v.as_str().ok_or_else(|| {
                Error::config(format!(
                    "{}: [{name}] {k}: expected a string",
                    path.display()
                ))
            })?;
            out.insert(k.clone(), s.to_string());
        }
    }
    Ok(out)
}

fn parse_env_value(kind: Kind, raw: &str) -> std::result::Result<Value, String> {
    match kind {
        Kind::Str => Ok(Value::String(raw.to_string())),
        Kind::Float => raw
            .trim()
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|_| "expected a number".into()),
        // A whole number past i64 is still a number: its bounds check says what is allowed.
        Kind::Int => match raw.trim().parse::<i64>() {
            Ok(i) => Ok(Value::Integer(i)),
            Err(_) => raw
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.fract() == 0.0 || !f.is_finite())
                .map(Value::Float)
                .ok_or_else(|| "expected an integer".into()),
        },
        Kind::Bool => match raw.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" | "enabled" => Ok(Value::Boolean(true)),
            "0" | "false" | "no" | "off" | "disabled" => Ok(Value::Boolean(false)),
            _ => Err("expected true or false".into()),
        },
        Kind::StrOrInt => Ok(raw
            .trim()
            .parse::<i64>()
            .map(Value::Integer)
            .unwrap_or_else(|_| Value::String(raw.to_string()))),
        Kind::StrMap | Kind::JsonMap => Err("not settable from the environment".into()),
        Kind::StrList => Ok(Value::Array(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.into()))
                .collect(),
        )),
    }
}

fn check_kind(kind: Kind, v: &Value) -> std::result::Result<(), String> {
    let ok = match kind {
        Kind::Str => v.is_str(),
        Kind::Float => v.is_float() || v.is_integer(),
        Kind::Int => v.is_integer(),
        Kind::Bool => v.is_bool(),
        Kind::StrOrInt => v.is_str() || v.is_integer(),
        Kind::StrMap | Kind::JsonMap => v.is_table(),
        Kind::StrList => v.is_str() || v.as_array().is_some_and(|a| a.iter().all(|x| x.is_str())),
    };
    if ok {
        Ok(())
    } else {
        Err(match kind {
            Kind::Str => "expected a string",
            Kind::Float => "expected a number",
            Kind::Int => "expected an integer",
            Kind::Bool => "expected true or false",
            Kind::StrOrInt => "expected a string or an integer",
            Kind::StrMap | Kind::JsonMap => "expected a table",
            Kind::StrList => "expected a list of strings",
        }
        .to_string())
    }
}

/// The commented starter file written by `brock config init`.
pub const STARTER_CONFIG: &str = r#"# brock configuration. Precedence: built-in default < [default] < [profiles.NAME]
# < environment (BROCK_*, AWS_*) < command-line flags. `brock config show` tells where each
# effective value came from.

[default]
# region = "us-east-1"              # env AWS_REGION, flag --region
# aws_profile = "default"           # profile in ~/.aws/config; env AWS_PROFILE, flag --aws-profile
# model = "nova-lite"               # an alias below, a model id, an inference profile id or an ARN
# system = "You are a concise assistant."
# temperature = 0.7
# top_p = 0.9
# max_tokens = 4096
# reasoning = "medium"              # off | low | medium | high | a token budget
# performance_latency = "standard"  # or "optimized"
# service_tier = "default"          # default | priority | flex
# bearer_token_env = "AWS_BEARER_TOKEN_BEDROCK"  # variable holding a Bedrock API key
# user_continue_message = "Continue."
# anthropic_beta = ["context-1m-2025-08-07"]   # --anthropic-beta adds to these
# top_k = 40                                    # --top-k replaces it
# params = { "thinking.type" = "enabled" }     # body fields as --param KEY=JSON; a --param
#                                               # with the same KEY replaces one
# log = true                        # record chats in the log database; env BROCK_LOG, flag --no-log
# theme = "ansi"                    # code colours: ansi (the terminal's palette) or a syntect
#                                   # theme such as "Solarized (dark)"; env BROCK_THEME
# endpoint_url = "https://bedrock-runtime.us-east-1.amazonaws.com"

# [default.retries]
# max_attempts = 3                  # env AWS_MAX_ATTEMPTS, flag --max-attempts
# mode = "standard"                 # or "adaptive", or "legacy" (5 attempts unless set)

# [default.timeouts]
# connect = 10                      # seconds
# read = 300

# [default.guardrail]
# id = "abc123xyz"
# version = "1"
# trace = false

# [default.request_metadata]
# team = "search"

# [default.headers]
# X-Amzn-Bedrock-Trace = "ENABLED"

# [profiles.work]
# aws_profile = "work-sso"
# region = "eu-west-1"
# role_arn = "arn:aws:iam::123456789012:role/bedrock-user"

[aliases]
# fast = "us.amazon.nova-micro-v1:0"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &tempfile::TempDir, text: &str) -> PathBuf {
        let p = dir.path().join("config.toml");
        std::fs::write(&p, text).unwrap();
        p
    }

    fn global(path: &Path) -> GlobalArgs {
        GlobalArgs {
            config: Some(path.to_path_buf()),
            ..Default::default()
        }
    }

    #[test]
    fn layering_default_file_profile_env_flag() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "[default]\nregion = \"us-east-1\"\nmodel = \"a.b\"\ntemperature = 0.1\nmax_tokens = 10\n\
             [profiles.eu]\nregion = \"eu-west-1\"\nmodel = \"c.d\"\n",
        );
        let mut g = global(&p);
        g.profile = Some("eu".into());
        let env = [("BROCK_MODEL", "e.f"), ("BROCK_TEMPERATURE", "0.5")];
        let o = CommandOverrides {
            max_tokens: Some(99),
            ..Default::default()
        };
        let s = resolve_with_env(&g, &o, &env).unwrap();
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.model.as_deref(), Some("e.f"));
        assert_eq!(s.temperature, Some(0.5));
        assert_eq!(s.max_tokens, Some(99));
        assert_eq!(s.max_attempts, 3);
        let src = |k: &str| {
            s.shown
                .iter()
                .find(|(key, _, _)| key == k)
                .unwrap()
                .2
                .clone()
        };
        assert!(matches!(src("region"), Source::File { table, .. } if table == "profiles.eu"));
        assert_eq!(src("model"), Source::Env("BROCK_MODEL".into()));
        assert_eq!(src("max_tokens"), Source::Flag("--max-tokens".into()));
        assert_eq!(src("retries.max_attempts"), Source::Default);
    }

    fn source_of(s: &Settings, key: &str) -> Option<Source> {
        s.shown
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, src)| src.clone())
    }

    #[test]
    fn each_source_overrides_the_lower_ones_and_is_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "[default]\nmodel = \"file.m\"\n[profiles.p]\nmodel = \"profile.m\"\n\
             [roles.r]\nmodel = \"role.m\"\n",
        );
        let file = |table: &str| Source::File {
            path: p.clone(),
            table: table.into(),
        };
        // Each step adds the next source up; the highest one given wins and is recorded.
        let mut g = global(&p);
        let mut o = CommandOverrides::default();
        let mut env: Vec<(&str, &str)> = Vec::new();
        let steps: [(&str, Source); 5] = [
            ("file.m", file("default")),
            ("profile.m", file("profiles.p")),
            ("env.m", Source::Env("BROCK_MODEL".into())),
            ("role.m", file("roles.r")),
            ("flag.m", Source::Flag("--model".into())),
        ];
        for (i, (want, source)) in steps.into_iter().enumerate() {
            match i {
                1 => g.profile = Some("p".into()),
                2 => env.push(("BROCK_MODEL", "env.m")),
                3 => o.role = Some("r".into()),
                4 => o.model = Some("flag.m".into()),
                _ => {}
            }
            let s = resolve_with_env(&g, &o, &VecEnv(env.clone())).unwrap();
            assert_eq!(s.model.as_deref(), Some(want), "step {i}");
            assert_eq!(source_of(&s, "model"), Some(source), "step {i}");
        }
    }

    struct VecEnv<'a>(Vec<(&'a str, &'a str)>);

    impl Env for VecEnv<'_> {
        fn var(&self, name: &str) -> Option<String> {
            self.0
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn combine_is_field_by_field_and_maps_merge_by_entry() {
        let at = |n: &str| Source::Flag(n.into());
        let low = SettingsLayer {
            region: Some(Sourced::new("us-east-1".into(), at("low"))),
            model: Some(Sourced::new("low.m".into(), at("low"))),
            headers: Entries::from([
                ("a".into(), Sourced::new("1".into(), at("low"))),
                ("b".into(), Sourced::new("2".into(), at("low"))),
            ]),
            ..Default::default()
        };
        let high = SettingsLayer {
            model: Some(Sourced::new("high.m".into(), at("high"))),
            headers: Entries::from([("b".into(), Sourced::new("3".into(), at("high")))]),
            ..Default::default()
        };
        let l = low.combine(high);
        assert_eq!(l.region.unwrap().source, at("low"));
        assert_eq!(l.model.unwrap().value, "high.m");
        assert_eq!(l.headers["a"].value, "1");
        assert_eq!(l.headers["b"], Sourced::new("3".into(), at("high")));
    }

    #[test]
    fn max_attempts_defaults_to_the_retry_modes_own_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[default.retries]\nmode = \"legacy\"\n");
        let s = resolve_with_env(&global(&p), &Default::default(), &[("X", "y")]).unwrap();
        assert_eq!(s.retry_mode, RetryMode::Legacy);
        assert_eq!(s.max_attempts, 5);
        assert_eq!(source_of(&s, "retries.max_attempts"), Some(Source::Default));
        let s = resolve_with_env(
            &global(&p),
            &Default::default(),
            &[("AWS_MAX_ATTEMPTS", "2")],
        )
        .unwrap();
        assert_eq!(s.max_attempts, 2);
        let s = resolve_with_env(
            &global(&p),
            &Default::default(),
            &[("AWS_RETRY_MODE", "adaptive")],
        )
        .unwrap();
        assert_eq!((s.retry_mode, s.max_attempts), (RetryMode::Adaptive, 3));
    }

    #[test]
    fn only_the_winning_value_is_range_checked() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[default]\ntemperature = 5\n");
        let s = resolve_with_env(
            &global(&p),
            &Default::default(),
            &[("BROCK_TEMPERATURE", "0.5")],
        )
        .unwrap();
        assert_eq!(s.temperature, Some(0.5));
        let msg = resolve_with_env(&global(&p), &Default::default(), &[("X", "y")])
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("temperature (from file") && msg.contains("must be a number from 0 to 1"),
            "{msg}"
        );
    }

    #[test]
    fn every_key_set_in_the_file_is_shown_with_its_value_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(
            &dir,
            "[default]\nregion = \"r\"\naws_profile = \"a\"\nrole_arn = \"arn:aws:iam::1:role/x\"\n\
             role_session_name = \"s\"\nexternal_id = \"e\"\nendpoint_url = \"http://127.0.0.1:1\"\n\
             bearer_token_env = \"B\"\nmodel = \"m.m\"\nsystem = \"sys\"\ntemperature = 1\n\
             top_p = 0.5\nmax_tokens = 10\nreasoning = 4096\nperformance_latency = \"standard\"\n\
             service_tier = \"flex\"\nuser_continue_message = \"go\"\nanthropic_beta = [\"x\", \"y\"]\n\
             top_k = 5\nlog = false\ntheme = \"ansi\"\nparams = { n = 1 }\n\
             [default.endpoints]\nbedrock = \"http://127.0.0.1:2\"\nagent_runtime = \"http://127.0.0.1:3\"\n\
             [default.guardrail]\nid = \"g\"\nversion = \"1\"\ntrace = true\n\
             [default.retries]\nmax_attempts = 4\nmode = \"adaptive\"\n\
             [default.timeouts]\nconnect = 2\nread = 30.0\n\
             [default.request_metadata]\nteam = \"t\"\n[default.headers]\nX-Test = \"h\"\n\
             [default.fetch]\nallow_private_addresses = true\n\
             [default.serve]\nlisten = \"127.0.0.1:1\"\napi_key_env = [\"K\"]\nlog_format = \"json\"\n\
             drain_timeout = 5\ncors_origins = [\"http://x\"]\nheader_read_timeout = 2\n\
             body_read_timeout = 3\nmax_request_size_mb = 4\n\
             database = \"postgres://u:pw@h/d\"\nmaster_key_env = \"M\"\nmaster_key_file = \"f\"\n",
        );
        let s = resolve_with_env(&global(&p), &Default::default(), &[("X", "y")]).unwrap();
        let shown: BTreeMap<&str, &str> = s
            .shown
            .iter()
            .map(|(k, v, _)| (k.as_str(), v.as_str()))
            .collect();
        for (key, kind, _) in KEYS {
            let key = match kind {
                Kind::StrMap | Kind::JsonMap => shown
                    .keys()
                    .find(|k| k.starts_with(&format!("{key}.")))
                    .copied(),
                _ => Some(*key),
            };
            let key = key.unwrap_or("(a map key)");
            assert!(
                shown.contains_key(key),
                "{key} is not in config show: {shown:?}"
            );
        }
        assert_eq!(shown["serve.database"], "postgres://u:***@h/d");
        assert!(
            s.shown
                .iter()
                .all(|(_, _, src)| matches!(src, Source::File { .. })),
            "every value came from the file: {:?}",
            s.shown
        );
        assert_eq!(shown["temperature"], "1");
        assert_eq!(shown["timeouts.read"], "30.0");
        assert_eq!(shown["reasoning"], "4096");
        assert_eq!(shown["anthropic_beta"], "[\"x\", \"y\"]");
        assert_eq!(shown["params.n"], "1");
        assert_eq!(s.anthropic_beta, ["x", "y"]);
        assert_eq!(s.params, ["n=1"]);
        assert_eq!(s.connect_timeout, Duration::from_secs(2));
        assert_eq!(s.max_attempts, 4);
        assert!(s.fetch_allow_private && !s.log);
        assert_eq!(
            s.guardrail,
            Some(Guardrail {
                id: "g".into(),
                version: "1".into(),
                trace: true
            })
        );
    }

    #[test]
    fn role_templates_fill_or_append_the_input() {
        let role = |prompt: &str| RoleConfig {
            description: None,
            prompt: Some(prompt.into()),
            system: None,
            model: None,
            temperature: None,
            top_p: None,
            max_tokens: None,
            reasoning: None,
            tools: Vec::new(),
            params: toml::Table::new(),
        };
        let r = role("Summarise: $input!");
        assert_eq!(
            r.apply_template("s", Some("text".into()))
                .unwrap()
                .as_deref(),
            Some("Summarise: text!")
        );
        let e = r.apply_template("s", None).unwrap_err().to_string();
        assert!(e.contains("role 's'") && e.contains("$input"), "{e}");
        let r = role("Review.");
        assert_eq!(
            r.apply_template("r", Some("code".into()))
                .unwrap()
                .as_deref(),
            Some("Review.\n\ncode")
        );
        assert_eq!(
            r.apply_template("r", None).unwrap().as_deref(),
            Some("Review.")
        );
    }

    #[test]
    fn malformed_file_names_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[default]\nregion = \"us-east-1\"\nmodel = = 3\n");
        let err = resolve_with_env(&global(&p), &Default::default(), &[("X", "y")]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("config.toml:3:"), "{msg}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[default]\ntemprature = 0.3\n");
        let msg = resolve_with_env(&global(&p), &Default::default(), &[("X", "y")])
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("unknown key in [default] 'temprature'"),
            "{msg}"
        );
        assert!(msg.contains("did you mean 'temperature'"), "{msg}");
    }

    #[test]
    fn unknown_profile_lists_known_ones() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[profiles.work]\n[profiles.home]\n");
        let mut g = global(&p);
        g.profile = Some("wrk".into());
        let msg = resolve_with_env(&g, &Default::default(), &[("X", "y")])
            .unwrap_err()
            .to_string();
        assert!(msg.contains("unknown profile 'wrk'"), "{msg}");
        assert!(msg.contains("home, work"), "{msg}");
    }

    #[test]
    fn aliases_and_did_you_mean() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[aliases]\nfast = \"us.amazon.nova-micro-v1:0\"\n");
        let s = resolve_with_env(
            &global(&p),
            &Default::default(),
            &[("AWS_REGION", "eu-central-1")],
        )
        .unwrap();
        assert_eq!(
            s.resolve_model("fast").unwrap(),
            "us.amazon.nova-micro-v1:0"
        );
        assert_eq!(
            s.resolve_model("sonnet").unwrap(),
            "eu.anthropic.claude-sonnet-4-6"
        );
        assert_eq!(s.resolve_model("a.b:0").unwrap(), "a.b:0");
        let msg = s.resolve_model("fsat").unwrap_err().to_string();
        assert!(msg.contains("did you mean 'fast'"), "{msg}");
    }

    #[test]
    fn bad_types_are_reported_with_their_source() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[default]\ntemperature = \"hot\"\n");
        let msg = resolve_with_env(&global(&p), &Default::default(), &[("X", "y")])
            .unwrap_err()
            .to_string();
        assert!(msg.contains("temperature: expected a number"), "{msg}");
        let p2 = write(&dir, "[default]\n");
        let msg = resolve_with_env(
            &global(&p2),
            &Default::default(),
            &[("BROCK_MAX_TOKENS", "lots")],
        )
        .unwrap_err()
        .to_string();
        assert!(msg.contains("BROCK_MAX_TOKENS"), "{msg}");
    }

    #[test]
    fn numbers_from_the_environment_are_checked_against_their_real_bounds() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "[default]\n");
        for (var, value, says) in [
            (
                "BROCK_MAX_TOKENS",
                "99999999999999999999",
                "must be a whole number from 1 to 4294967295",
            ),
            (
                "BROCK_READ_TIMEOUT",
                "1e30",
                "must be a number of seconds above 0 and at most 86400",
            ),
            ("BROCK_TEMPERATURE", "1e308", "must be a number from 0 to 1"),
            (
                "BROCK_MAX_ATTEMPTS",
                "0",
                "must be a whole number from 1 to 20",
            ),
        ] {
            let msg = resolve_with_env(&global(&p), &Default::default(), &[(var, value)])
                .unwrap_err()
                .to_string();
            assert!(
                msg.contains(var) && msg.contains(says),
                "{var}={value}: {msg}"
            );
        }
    }

    #[test]
    fn every_number_flag_and_key_has_bounds_in_the_one_table() {
        for key in KEYS
            .iter()
            .filter(|(_, kind, _)| matches!(kind, Kind::Int | Kind::Float))
            .map(|(key, _, _)| *key)
        {
            assert!(NUMBERS.iter().any(|n| n.key == key), "{key} has no bounds");
        }
        assert!(check_number("tools.timeout", 1e30).is_err());
        assert_eq!(check_number("tools.timeout", 86_400.0), Ok(86_400.0));
        assert!(check_number("timeouts.read", 0.0).is_err());
        assert!(check_number("max_tokens", 1.5).is_err());
        assert!(check_number("temperature", f64::NAN).is_err());
    }

    #[test]
    fn endpoint_env_precedence() {
        let g = GlobalArgs {
            config: Some(PathBuf::from("/nonexistent/brock.toml")),
            ..Default::default()
        };
        let env = [
            ("AWS_ENDPOINT_URL", "http://all"),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://rt"),
        ];
        // As for `config path`: the named file may be missing.
        let o = CommandOverrides {
            config_may_be_missing: true,
            ..Default::default()
        };
        let s = resolve_with_env(&g, &o, &env).unwrap();
        assert_eq!(s.runtime_endpoint.as_deref(), Some("http://rt"));
        assert_eq!(s.bedrock_endpoint.as_deref(), Some("http://all"));
        assert!(!s.config_exists);
    }

    #[test]
    fn starter_config_parses() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, STARTER_CONFIG);
        resolve_with_env(&global(&p), &Default::default(), &[("X", "y")]).unwrap();
    }
}

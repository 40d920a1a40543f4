//! Model references: what kind of identifier the user gave, which family of model it names,
//! and what that family accepts. The capability answers are what the Converse mapping needs to
//! shape a request; they are conservative where Bedrock's behaviour is undocumented.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::{Error, Result};
use super::invoke::InvokeFamily;

/// Geography prefixes of cross-region inference profile ids (`us.anthropic.claude-…`).
pub const PROFILE_PREFIXES: &[&str] = &["us", "eu", "apac", "global", "us-gov", "jp", "au", "ca"];

/// Model families: one enum, and one table ([`FAMILIES`]) that says what each family is
/// called, which model ids name it, and what it accepts. Behaviour that differs by family
/// reads the table (through [`ModelFamily::info`] and [`Capabilities`]) instead of matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ModelFamily {
    Anthropic,
    /// Amazon Nova (v1: micro, lite, pro, premier).
    Nova,
    /// Amazon Nova 2 (`amazon.nova-2-…`), which has extended thinking.
    Nova2,
    Titan,
    Llama,
    Mistral,
    Cohere,
    Ai21,
    DeepSeek,
    /// OpenAI open-weight models (gpt-oss).
    OpenAi,
    Qwen,
    /// Moonshot Kimi.
    Kimi,
    Writer,
    /// Z.ai GLM.
    Zai,
    /// Google Gemma.
    Google,
    MiniMax,
    /// NVIDIA Nemotron.
    Nvidia,
    Unknown,
}

/// One family's row of [`FAMILIES`]. The capability fields are the family's answer before
/// the version refinements of [`Capabilities::new`] and [`InvokeFamily::for_model`] (Claude's
/// version, DeepSeek R1 against V3, Mistral's chat models, Cohere's and AI21's older text
/// models), which depend on the model id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FamilyInfo {
    pub family: ModelFamily,
    /// The name `--family` and `[models."ID"] family` take, and that messages use.
    pub name: &'static str,
    /// Other names accepted for it.
    pub aliases: &'static [&'static str],
    /// Foundation model id prefixes (after any geography prefix) that name the family; the
    /// longest one that matches wins (`amazon.nova-2` over `amazon.nova`).
    pub id_prefixes: &'static [&'static str],
    pub reasoning: ReasoningStyle,
    pub top_k: TopKStyle,
    /// `outputConfig.textFormat` JSON schema (Bedrock structured outputs).
    pub native_structured_output: bool,
    /// `toolChoice` `any` / `tool` (otherwise only `auto`).
    pub forced_tool_choice: bool,
    /// Tags the model writes its reasoning between, inside the text.
    pub inline_think_tags: &'static [&'static str],
    /// `cachePoint` blocks in system and messages.
    pub prompt_cache: bool,
    /// `cachePoint` after the tool definitions.
    pub tool_cache: bool,
    /// `status` on `toolResult` blocks.
    pub tool_result_status: bool,
    /// Signed reasoning blocks from earlier turns can be sent back.
    pub signed_reasoning: bool,
    /// Anthropic's own request fields: `anthropic_beta` and its built-in tool types.
    pub anthropic_fields: bool,
    /// The InvokeModel body; None for families Bedrock serves through Converse only.
    pub invoke: Option<InvokeFamily>,
}

/// The defaults a row overrides: a family brock knows nothing special about.
const PLAIN: FamilyInfo = FamilyInfo {
    family: ModelFamily::Unknown,
    name: "",
    aliases: &[],
    id_prefixes: &[],
    reasoning: ReasoningStyle::None,
    top_k: TopKStyle::Unsupported,
    native_structured_output: false,
    forced_tool_choice: false,
    inline_think_tags: &[],
    prompt_cache: false,
    tool_cache: false,
    tool_result_status: true,
    signed_reasoning: false,
    anthropic_fields: false,
    invoke: None,
};

/// Every family, in the order of [`ModelFamily`]'s variants (a test checks it).
///
/// Structured outputs follow Bedrock's launch list (2026-02): Claude Haiku/Sonnet/Opus 4.5 and
/// later (refined by version), and the open-weight Qwen3, gpt-oss, DeepSeek V3.1 (refined),
/// Gemma 3, MiniMax M2, Mistral, Kimi K2, Nemotron and GLM models; older models use the
/// forced-tool technique. The open-weight models Bedrock hosts itself (Qwen, DeepSeek V3, Kimi,
/// …) take an OpenAI chat.completions body on InvokeModel.
pub const FAMILIES: &[FamilyInfo] = &[
    FamilyInfo {
        family: ModelFamily::Anthropic,
        name: "anthropic",
        aliases: &["claude"],
        id_prefixes: &["anthropic."],
        // Refined by Claude's version; an unreadable id gets the benefit of the doubt.
        reasoning: ReasoningStyle::AnthropicBudget,
        top_k: TopKStyle::Field("top_k"),
        forced_tool_choice: true,
        prompt_cache: true,
        tool_cache: true,
        signed_reasoning: true,
        anthropic_fields: true,
        invoke: Some(InvokeFamily::Anthropic),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Nova,
        name: "nova",
        id_prefixes: &["amazon.nova"],
        top_k: TopKStyle::NovaInferenceConfig,
        forced_tool_choice: true,
        inline_think_tags: &["thinking"],
        prompt_cache: true,
        invoke: Some(InvokeFamily::Nova),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Nova2,
        name: "nova2",
        aliases: &["nova-2", "nova_2"],
        id_prefixes: &["amazon.nova-2"],
        reasoning: ReasoningStyle::NovaEffort,
        top_k: TopKStyle::NovaInferenceConfig,
        forced_tool_choice: true,
        prompt_cache: true,
        invoke: Some(InvokeFamily::Nova),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Titan,
        name: "titan",
        id_prefixes: &["amazon.titan"],
        invoke: Some(InvokeFamily::TitanText),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Llama,
        name: "llama",
        aliases: &["meta"],
        id_prefixes: &["meta."],
        invoke: Some(InvokeFamily::Llama),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Mistral,
        name: "mistral",
        id_prefixes: &["mistral."],
        top_k: TopKStyle::Field("top_k"),
        forced_tool_choice: true,
        // Refined to the chat body for Mistral Large 24.07, Large 3 and Pixtral.
        invoke: Some(InvokeFamily::MistralText),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Cohere,
        name: "cohere",
        id_prefixes: &["cohere."],
        top_k: TopKStyle::Field("k"),
        // Refined to the text body for Command v14 and Command Light.
        invoke: Some(InvokeFamily::Cohere),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Ai21,
        name: "ai21",
        id_prefixes: &["ai21."],
        // Refined to the Jurassic-2 body for `ai21.j2-…`.
        invoke: Some(InvokeFamily::Ai21),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::DeepSeek,
        name: "deepseek",
        id_prefixes: &["deepseek."],
        // Refined: R1 always reasons and has its own body; V3 has structured outputs.
        inline_think_tags: &["think"],
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::OpenAi,
        name: "openai",
        aliases: &["gpt-oss"],
        id_prefixes: &["openai."],
        reasoning: ReasoningStyle::OpenAiEffort,
        native_structured_output: true,
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Qwen,
        name: "qwen",
        id_prefixes: &["qwen."],
        reasoning: ReasoningStyle::QwenConfig,
        native_structured_output: true,
        inline_think_tags: &["think"],
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Kimi,
        name: "kimi",
        aliases: &["moonshot"],
        id_prefixes: &["moonshot.", "moonshotai."],
        // Refined: the K2 Thinking model always reasons.
        native_structured_output: true,
        inline_think_tags: &["think"],
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Writer,
        name: "writer",
        id_prefixes: &["writer."],
        // Palmyra refuses `status` on tool results.
        tool_result_status: false,
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Zai,
        name: "zai",
        id_prefixes: &["zai."],
        native_structured_output: true,
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Google,
        name: "google",
        id_prefixes: &["google."],
        native_structured_output: true,
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::MiniMax,
        name: "minimax",
        id_prefixes: &["minimax."],
        native_structured_output: true,
        inline_think_tags: &["think"],
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    FamilyInfo {
        family: ModelFamily::Nvidia,
        name: "nvidia",
        id_prefixes: &["nvidia."],
        native_structured_output: true,
        invoke: Some(InvokeFamily::OpenAi),
        ..PLAIN
    },
    // A model whose family cannot be told: nothing is refused that the service might accept
    // (forced tool choice, caching, Anthropic's fields); the service has the last word.
    FamilyInfo {
        family: ModelFamily::Unknown,
        name: "unknown",
        forced_tool_choice: true,
        prompt_cache: true,
        tool_cache: true,
        signed_reasoning: true,
        anthropic_fields: true,
        ..PLAIN
    },
];

impl ModelFamily {
    /// This family's row of [`FAMILIES`].
    pub fn info(self) -> &'static FamilyInfo {
        // FAMILIES is in variant order (checked by a test), so the discriminant indexes it.
        &FAMILIES[self as usize]
    }

    pub fn as_str(self) -> &'static str {
        self.info().name
    }

    /// The family named by a foundation model id such as `anthropic.claude-3-haiku-…`,
    /// `meta.llama3-…` or `amazon.nova-2-lite-v1:0`, with or without a geography prefix.
    pub fn from_model_id(id: &str) -> ModelFamily {
        let id = strip_profile_prefix(id).unwrap_or(id);
        FAMILIES
            .iter()
            .flat_map(|f| f.id_prefixes.iter().map(move |p| (p, f.family)))
            .filter(|(p, _)| id.starts_with(**p))
            .max_by_key(|(p, _)| p.len())
            .map_or(ModelFamily::Unknown, |(_, f)| f)
    }
}

impl fmt::Display for ModelFamily {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ModelFamily {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let lower = s.trim().to_ascii_lowercase();
        FAMILIES
            .iter()
            .find(|f| f.name == lower || f.aliases.contains(&lower.as_str()))
            .map(|f| f.family)
            .ok_or_else(|| {
                let names: Vec<&str> = FAMILIES.iter().map(|f| f.name).collect();
                Error::invalid(format!(
                    "unknown model family '{s}'; expected one of: {}",
                    names.join(", ")
                ))
            })
    }
}

/// What an ARN points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArnResource {
    FoundationModel,
    InferenceProfile,
    ApplicationInferenceProfile,
    ProvisionedModel,
    ImportedModel,
    CustomModel,
    CustomModelDeployment,
    PromptRouter,
    DefaultPromptRouter,
    Prompt,
    /// A SageMaker endpoint serving a Bedrock Marketplace model.
    MarketplaceEndpoint,
    Other(String),
}

impl ArnResource {
    fn from_type(service: &str, ty: &str) -> ArnResource {
        match (service, ty) {
            ("sagemaker", "endpoint") => ArnResource::MarketplaceEndpoint,
            (_, "foundation-model") => ArnResource::FoundationModel,
            (_, "inference-profile") => ArnResource::InferenceProfile,
            (_, "application-inference-profile") => ArnResource::ApplicationInferenceProfile,
            (_, "provisioned-model") => ArnResource::ProvisionedModel,
            (_, "imported-model") => ArnResource::ImportedModel,
            (_, "custom-model") => ArnResource::CustomModel,
            (_, "custom-model-deployment") => ArnResource::CustomModelDeployment,
            (_, "prompt-router") => ArnResource::PromptRouter,
            (_, "default-prompt-router") => ArnResource::DefaultPromptRouter,
            (_, "prompt") => ArnResource::Prompt,
            (_, other) => ArnResource::Other(other.to_string()),
        }
    }
}

/// The parts of an ARN brock cares about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    /// Empty for AWS-owned resources such as foundation models.
    pub account: String,
    pub resource: ArnResource,
    /// Everything after `type/`.
    pub resource_id: String,
}

impl Arn {
    /// Parses `arn:PARTITION:SERVICE:REGION:ACCOUNT:TYPE/ID`; None when `s` is not an ARN.
    pub fn parse(s: &str) -> Option<Arn> {
        let rest = s.strip_prefix("arn:")?;
        let mut fields = rest.splitn(5, ':');
        let partition = fields.next()?;
        let service = fields.next()?;
        let region = fields.next()?;
        let account = fields.next()?;
        let resource = fields.next()?;
        let (ty, id) = resource.split_once('/')?;
        if partition.is_empty() || service.is_empty() || ty.is_empty() || id.is_empty() {
            return None;
        }
        Some(Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource: ArnResource::from_type(service, ty),
            resource_id: id.to_string(),
        })
    }
}

/// What kind of identifier a model string is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelKind {
    /// `anthropic.claude-3-haiku-20240307-v1:0`
    FoundationModel,
    /// `us.anthropic.claude-…`: a system-defined cross-region inference profile.
    InferenceProfile {
        geo: String,
    },
    Arn(Arn),
    /// Anything else (a bare name); sent as given.
    Other,
}

/// A parsed model identifier. The original string is what goes to Bedrock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRef {
    id: String,
    kind: ModelKind,
}

/// The id with a geography prefix removed, when it has one.
pub fn strip_profile_prefix(id: &str) -> Option<&str> {
    let (head, rest) = id.split_once('.')?;
    // `us.amazon.nova…` has a provider after the prefix; `amazon.nova…` itself does not count.
    (PROFILE_PREFIXES.contains(&head) && rest.contains('.')).then_some(rest)
}

impl ModelRef {
    pub fn parse(s: &str) -> Result<ModelRef> {
        let id = s.trim();
        if id.is_empty() {
            return Err(Error::invalid("the model id is empty"));
        }
        if id.chars().any(char::is_whitespace) {
            return Err(Error::invalid(format!(
                "the model id '{id}' contains whitespace"
            )));
        }
        if id.len() > 2048 {
            return Err(Error::invalid(
                "the model id is longer than 2048 characters",
            ));
        }
        let kind = if id.starts_with("arn:") {
            let arn = Arn::parse(id).ok_or_else(|| {
                Error::invalid(format!(
                    "'{id}' is not a valid ARN (expected arn:aws:bedrock:REGION:ACCOUNT:TYPE/ID)"
                ))
            })?;
            ModelKind::Arn(arn)
        } else if let Some(head) = strip_profile_prefix(id).and_then(|_| id.split_once('.')) {
            ModelKind::InferenceProfile {
                geo: head.0.to_string(),
            }
        } else if id.contains('.') {
            ModelKind::FoundationModel
        } else {
            ModelKind::Other
        };
        Ok(ModelRef {
            id: id.to_string(),
            kind,
        })
    }

    /// The identifier exactly as it is sent (path encoding is the transport's job).
    pub fn as_str(&self) -> &str {
        &self.id
    }

    pub fn kind(&self) -> &ModelKind {
        &self.kind
    }

    /// The foundation model id behind this reference when the id shows it: the id itself, the
    /// id after a geography prefix, or the model part of a foundation-model, inference-profile
    /// or custom-model ARN. Application inference profiles, provisioned and imported models
    /// hide it.
    pub fn base_model_id(&self) -> Option<&str> {
        match &self.kind {
            ModelKind::FoundationModel => Some(&self.id),
            ModelKind::InferenceProfile { .. } => strip_profile_prefix(&self.id),
            ModelKind::Arn(arn) => match arn.resource {
                ArnResource::FoundationModel => Some(&arn.resource_id),
                ArnResource::InferenceProfile => {
                    Some(strip_profile_prefix(&arn.resource_id).unwrap_or(&arn.resource_id))
                }
                // custom-model/BASE-MODEL-ID/SUFFIX
                ArnResource::CustomModel => arn
                    .resource_id
                    .rsplit_once('/')
                    .map(|(base, _)| base)
                    .filter(|b| b.contains('.')),
                _ => None,
            },
            ModelKind::Other => None,
        }
    }

    pub fn family(&self) -> ModelFamily {
        self.base_model_id()
            .map(ModelFamily::from_model_id)
            .unwrap_or(ModelFamily::Unknown)
    }

    /// What this model accepts. `family_hint` overrides the family for references that do not
    /// show it (application inference profiles, provisioned throughput).
    pub fn capabilities(&self, family_hint: Option<ModelFamily>) -> Capabilities {
        self.capabilities_with(family_hint, None)
    }

    /// [`capabilities`](Self::capabilities) with the foundation model behind an id that hides
    /// it (`base_hint`), which refines version-dependent answers (Claude's reasoning style).
    pub fn capabilities_with(
        &self,
        family_hint: Option<ModelFamily>,
        base_hint: Option<&str>,
    ) -> Capabilities {
        let base = self.base_model_id().or(base_hint);
        let family = match (family_hint, base) {
            (Some(hint), _) => hint,
            (None, Some(b)) => ModelFamily::from_model_id(b),
            (None, None) => ModelFamily::Unknown,
        };
        Capabilities::new(family, base.unwrap_or(""))
    }

    /// True for ARNs whose id does not show the model: application inference profiles and
    /// provisioned throughput, which brock can look up on the control plane.
    pub fn hides_model(&self) -> bool {
        matches!(&self.kind, ModelKind::Arn(arn) if matches!(
            arn.resource,
            ArnResource::ApplicationInferenceProfile | ArnResource::ProvisionedModel
        ))
    }
}

impl fmt::Display for ModelRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// How a family is asked to reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasoningStyle {
    /// `thinking: {type: enabled, budget_tokens}` (Claude 3.7, Claude 4.x).
    AnthropicBudget,
    /// `thinking: {type: adaptive}` + `output_config.effort` (Claude 4.6 and later); an
    /// explicit token budget still uses `enabled` + `budget_tokens`.
    AnthropicAdaptive,
    /// `reasoningConfig: {type: enabled, maxReasoningEffort}` (Nova 2).
    NovaEffort,
    /// `reasoning_effort: low|medium|high` (gpt-oss).
    OpenAiEffort,
    /// `reasoning_config: low|high` (Qwen 3).
    QwenConfig,
    /// Reasons on every request and has no switch (DeepSeek R1, Kimi K2 Thinking).
    AlwaysOn,
    /// No reasoning control known.
    None,
}

/// Where `top_k` goes in `additionalModelRequestFields` (Converse has no top-k field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopKStyle {
    /// A top-level field of this name (`top_k` for Anthropic and Mistral, `k` for Cohere).
    Field(&'static str),
    /// `inferenceConfig.topK` (Nova).
    NovaInferenceConfig,
    Unsupported,
}

/// What a model accepts, as far as the Converse mapping needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    pub family: ModelFamily,
    pub reasoning: ReasoningStyle,
    pub top_k: TopKStyle,
    /// `outputConfig.textFormat` JSON schema (Bedrock structured outputs).
    pub native_structured_output: bool,
    /// `toolChoice` `any` / `tool` (otherwise only `auto`).
    pub forced_tool_choice: bool,
    /// Tags the model writes its reasoning between, inside the text (`<think>…</think>`).
    pub inline_think_tags: &'static [&'static str],
    /// `cachePoint` blocks in system and messages.
    pub prompt_cache: bool,
    /// `cachePoint` after the tool definitions.
    pub tool_cache: bool,
    /// `status` on `toolResult` blocks (Writer Palmyra refuses it).
    pub tool_result_status: bool,
    /// Signed reasoning blocks from earlier turns can be sent back (Anthropic needs them in
    /// tool loops; other families refuse or ignore foreign signatures).
    pub signed_reasoning: bool,
    /// Anthropic's own request fields: `anthropic_beta` and its built-in tool types.
    pub anthropic_fields: bool,
}

/// Claude's (major, minor) version from ids like `claude-3-7-sonnet-…`,
/// `claude-sonnet-4-20250514-v1:0`, `claude-opus-4-6-v1` or `claude-haiku-4-5-…`.
pub fn claude_version(id: &str) -> Option<(u32, u32)> {
    let start = id.find("claude-")? + "claude-".len();
    let tokens: Vec<&str> = id[start..].split(['-', ':']).collect();
    let small = |t: &str| -> Option<u32> {
        (t.len() <= 2 && !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse().ok())
            .flatten()
    };
    let major_at = tokens.iter().position(|t| small(t).is_some())?;
    let major = small(tokens[major_at])?;
    let minor = tokens.get(major_at + 1).and_then(|t| small(t)).unwrap_or(0);
    Some((major, minor))
}

impl Capabilities {
    /// Capabilities of a family; `base_id` (without geography prefix, may be empty) refines
    /// the answer where versions differ.
    pub fn new(family: ModelFamily, base_id: &str) -> Capabilities {
        use ModelFamily as F;
        let info = family.info();
        let id = base_id.to_ascii_lowercase();
        let claude = claude_version(&id);
        // The refinements by model version; everything else is the family's row.
        let reasoning = match family {
            F::Anthropic => match claude {
                Some(v) if v >= (4, 6) => ReasoningStyle::AnthropicAdaptive,
                Some(v) if v >= (3, 7) => ReasoningStyle::AnthropicBudget,
                // Old Claude refuses thinking.
                Some(_) => ReasoningStyle::None,
                None => info.reasoning,
            },
            F::DeepSeek if id.contains("r1") => ReasoningStyle::AlwaysOn,
            F::Kimi if id.contains("thinking") => ReasoningStyle::AlwaysOn,
            _ => info.reasoning,
        };
        let native_structured_output = match family {
            F::Anthropic => matches!(claude, Some(v) if v >= (4, 5)),
            F::DeepSeek => id.contains("v3"),
            _ => info.native_structured_output,
        };
        Capabilities {
            family,
            reasoning,
            top_k: info.top_k,
            native_structured_output,
            forced_tool_choice: info.forced_tool_choice,
            inline_think_tags: info.inline_think_tags,
            prompt_cache: info.prompt_cache,
            tool_cache: info.tool_cache,
            tool_result_status: info.tool_result_status,
            signed_reasoning: info.signed_reasoning,
            anthropic_fields: info.anthropic_fields,
        }
    }

    pub fn emits_inline_think(&self) -> bool {
        !self.inline_think_tags.is_empty()
    }
}

/// A built-in alias: the newest model of a line, with the geographies that have a system-defined
/// cross-region inference profile for it (empty: the alias is used on demand, as the bare id).
/// The geographies mirror Bedrock's catalog (and the emulator's, `emulator::catalog`, which a
/// test keeps in step), so an alias never becomes an id the service rejects in a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltinAlias {
    pub alias: &'static str,
    pub model: &'static str,
    pub geos: &'static [&'static str],
    /// Whether the bare id is served on demand when no profile fits the region.
    pub on_demand: bool,
}

const ALL_GEOS: &[&str] = &["us", "eu", "apac", "global"];
const US_EU_APAC: &[&str] = &["us", "eu", "apac"];
const US: &[&str] = &["us"];

macro_rules! alias {
    ($alias:expr, $model:expr, $geos:expr, $od:expr) => {
        BuiltinAlias {
            alias: $alias,
            model: $model,
            geos: $geos,
            on_demand: $od,
        }
    };
}

#[rustfmt::skip]
pub const BUILTIN_ALIASES: &[BuiltinAlias] = &[
    alias!("nova-micro", "amazon.nova-micro-v1:0", US_EU_APAC, true),
    alias!("nova-lite", "amazon.nova-lite-v1:0", US_EU_APAC, true),
    alias!("nova-pro", "amazon.nova-pro-v1:0", US_EU_APAC, true),
    alias!("nova-premier", "amazon.nova-premier-v1:0", US, false),
    alias!("nova-2-lite", "amazon.nova-2-lite-v1:0", ALL_GEOS, false),
    alias!("nova", "amazon.nova-2-lite-v1:0", ALL_GEOS, false),
    alias!("sonnet", "anthropic.claude-sonnet-4-6", ALL_GEOS, false),
    alias!("haiku", "anthropic.claude-haiku-4-5-20251001-v1:0", ALL_GEOS, false),
    alias!("opus", "anthropic.claude-opus-4-6-v1", ALL_GEOS, false),
    alias!("llama", "meta.llama4-maverick-17b-instruct-v1:0", US, false),
    alias!("deepseek-r1", "deepseek.r1-v1:0", US, false),
    alias!("gpt-oss", "openai.gpt-oss-120b-1:0", &[], true),
    alias!("titan-embed", "amazon.titan-embed-text-v2:0", &[], true),
    alias!("cohere-embed", "cohere.embed-v4:0", &[], true),
    alias!("nova-canvas", "amazon.nova-canvas-v1:0", &[], true),
    alias!("rerank", "cohere.rerank-v3-5:0", &[], true),
];

/// The model names Anthropic's API and its clients (the Anthropic SDKs, Claude Code) send,
/// without their `-YYYYMMDD` date or `-latest` suffix, → the Claude model on Bedrock. Looked
/// up by [`claude_api_alias`], for gateways that speak the Messages API; the geographies
/// follow Bedrock's catalog as [`BUILTIN_ALIASES`] do.
#[rustfmt::skip]
pub const CLAUDE_API_NAMES: &[BuiltinAlias] = &[
    alias!("claude-opus-4-6", "anthropic.claude-opus-4-6-v1", ALL_GEOS, false),
    alias!("claude-sonnet-4-6", "anthropic.claude-sonnet-4-6", ALL_GEOS, false),
    alias!("claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0", ALL_GEOS, false),
    alias!("claude-haiku-4-5", "anthropic.claude-haiku-4-5-20251001-v1:0", ALL_GEOS, false),
    alias!("claude-opus-4-1", "anthropic.claude-opus-4-1-20250805-v1:0", US, false),
    alias!("claude-sonnet-4-0", "anthropic.claude-sonnet-4-20250514-v1:0", ALL_GEOS, false),
    alias!("claude-sonnet-4", "anthropic.claude-sonnet-4-20250514-v1:0", ALL_GEOS, false),
    alias!("claude-3-7-sonnet", "anthropic.claude-3-7-sonnet-20250219-v1:0", US_EU_APAC, false),
    alias!("claude-3-5-haiku", "anthropic.claude-3-5-haiku-20241022-v1:0", US, false),
    alias!("claude-3-haiku", "anthropic.claude-3-haiku-20240307-v1:0", US_EU_APAC, true),
];

/// The Claude model an Anthropic API model name means: `claude-sonnet-4-5`,
/// `claude-sonnet-4-5-20250929` and `claude-3-5-haiku-latest` all name one.
pub fn claude_api_alias(name: &str) -> Option<&'static BuiltinAlias> {
    let base = name.strip_suffix("-latest").unwrap_or(name);
    let base = match base.rsplit_once('-') {
        Some((head, date)) if date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit()) => head,
        _ => base,
    };
    CLAUDE_API_NAMES.iter().find(|a| a.alias == base)
}

/// The cross-region inference profile geography of a region, when it belongs to one.
pub fn geography(region: &str) -> Option<&'static str> {
    if region.starts_with("us-gov-") {
        return Some("us-gov");
    }
    match region.split('-').next() {
        Some("us") => Some("us"),
        Some("eu") => Some("eu"),
        Some("ap") => Some("apac"),
        _ => None,
    }
}

impl BuiltinAlias {
    pub fn find(name: &str) -> Option<&'static BuiltinAlias> {
        BUILTIN_ALIASES.iter().find(|a| a.alias == name)
    }

    /// The id to send from `region`: the region's geography profile if there is one, else the
    /// global profile, else the bare id when it is served on demand. Otherwise an error naming
    /// where the model is offered.
    pub fn resolve(&self, region: &str) -> Result<String> {
        let geo = geography(region);
        if let Some(g) = geo.filter(|g| self.geos.contains(g)) {
            return Ok(format!("{g}.{}", self.model));
        }
        if self.geos.contains(&"global") {
            return Ok(format!("global.{}", self.model));
        }
        if self.on_demand {
            return Ok(self.model.to_string());
        }
        let offered: Vec<String> = self
            .geos
            .iter()
            .map(|g| format!("{g}.{}", self.model))
            .collect();
        let regions: Vec<&str> = self.geos.iter().map(|g| geo_example_region(g)).collect();
        Err(Error::invalid(format!(
            "model alias '{}' ({}) is offered only through {} and cannot be called from {region}; \
             use --region {} (or another region in that geography)",
            self.alias,
            self.model,
            offered.join(", "),
            regions.join(" or --region ")
        )))
    }
}

fn geo_example_region(geo: &str) -> &'static str {
    match geo {
        "eu" => "eu-central-1",
        "apac" => "ap-northeast-1",
        "us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn claude_api_names_map_with_and_without_dates() {
        let id = |n: &str| claude_api_alias(n).map(|a| a.resolve("us-east-1").unwrap());
        assert_eq!(
            id("claude-sonnet-4-5").as_deref(),
            Some("us.anthropic.claude-sonnet-4-5-20250929-v1:0")
        );
        assert_eq!(id("claude-sonnet-4-5-20250929"), id("claude-sonnet-4-5"));
        assert_eq!(
            id("claude-3-5-haiku-latest").as_deref(),
            Some("us.anthropic.claude-3-5-haiku-20241022-v1:0")
        );
        assert_eq!(
            id("claude-haiku-4-5-20251001").as_deref(),
            Some("us.anthropic.claude-haiku-4-5-20251001-v1:0")
        );
        assert_eq!(id("claude-unknown-9"), None);
        assert_eq!(id("sonnet"), None);
    }

    use super::*;

    #[test]
    fn kinds_of_model_ids() {
        let m = ModelRef::parse("anthropic.claude-3-haiku-20240307-v1:0").unwrap();
        assert_eq!(m.kind(), &ModelKind::FoundationModel);
        assert_eq!(m.family(), ModelFamily::Anthropic);

        for geo in PROFILE_PREFIXES {
            let id = format!("{geo}.amazon.nova-micro-v1:0");
            let m = ModelRef::parse(&id).unwrap();
            assert_eq!(
                m.kind(),
                &ModelKind::InferenceProfile {
                    geo: geo.to_string()
                },
                "{id}"
            );
            assert_eq!(m.base_model_id(), Some("amazon.nova-micro-v1:0"));
            assert_eq!(m.family(), ModelFamily::Nova);
        }

        let m = ModelRef::parse("us.amazon.nova-2-lite-v1:0").unwrap();
        assert_eq!(m.family(), ModelFamily::Nova2);
        assert_eq!(
            ModelRef::parse("amazon.titan-text-express-v1")
                .unwrap()
                .family(),
            ModelFamily::Titan
        );
        assert_eq!(
            ModelRef::parse("my-model").unwrap().kind(),
            &ModelKind::Other
        );
    }

    #[test]
    fn arns() {
        let m = ModelRef::parse("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2")
            .unwrap();
        let ModelKind::Arn(arn) = m.kind() else {
            panic!("not an arn")
        };
        assert_eq!(arn.resource, ArnResource::FoundationModel);
        assert_eq!(arn.account, "");
        assert_eq!(m.family(), ModelFamily::Anthropic);

        let m = ModelRef::parse(
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.meta.llama3-2-1b-instruct-v1:0",
        )
        .unwrap();
        assert_eq!(m.base_model_id(), Some("meta.llama3-2-1b-instruct-v1:0"));
        assert_eq!(m.family(), ModelFamily::Llama);

        // Recorded in test_bedrock_inference_profile_converse.yaml.
        let m = ModelRef::parse(
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f",
        )
        .unwrap();
        assert_eq!(m.family(), ModelFamily::Unknown);
        assert!(m.hides_model());
        assert_eq!(
            m.capabilities(Some(ModelFamily::Anthropic)).family,
            ModelFamily::Anthropic
        );
        // A looked-up base model gives the family and the version-dependent answers.
        let c = m.capabilities_with(None, Some("anthropic.claude-opus-4-6-v1"));
        assert_eq!(c.family, ModelFamily::Anthropic);
        assert_eq!(c.reasoning, ReasoningStyle::AnthropicAdaptive);
        assert_eq!(c.top_k, TopKStyle::Field("top_k"));
        // The hint a user gives wins over a base model.
        let c = m.capabilities_with(Some(ModelFamily::Mistral), Some("anthropic.claude-v2"));
        assert_eq!(c.family, ModelFamily::Mistral);
        assert!(
            !ModelRef::parse("us.amazon.nova-lite-v1:0")
                .unwrap()
                .hides_model()
        );

        let cases = [
            (
                "arn:aws:bedrock:us-west-2:123456789012:provisioned-model/abcdefghijkl",
                ArnResource::ProvisionedModel,
            ),
            (
                "arn:aws:bedrock:us-west-2:123456789012:imported-model/abcdefghijkl",
                ArnResource::ImportedModel,
            ),
            (
                "arn:aws:sagemaker:us-east-1:123456789012:endpoint/my-endpoint",
                ArnResource::MarketplaceEndpoint,
            ),
            (
                "arn:aws:bedrock:us-east-1:123456789012:prompt-router/xyz",
                ArnResource::PromptRouter,
            ),
        ];
        for (s, want) in cases {
            let m = ModelRef::parse(s).unwrap();
            let ModelKind::Arn(arn) = m.kind() else {
                panic!("{s}")
            };
            assert_eq!(arn.resource, want);
            assert_eq!(m.family(), ModelFamily::Unknown);
        }

        let m = ModelRef::parse(
            "arn:aws:bedrock:us-east-1:123456789012:custom-model/amazon.titan-text-express-v1:0:8k/abcdef123456",
        )
        .unwrap();
        assert_eq!(m.family(), ModelFamily::Titan);

        assert!(ModelRef::parse("arn:aws:bedrock").is_err());
        assert!(ModelRef::parse("  ").is_err());
        assert!(ModelRef::parse("a b").is_err());
    }

    #[test]
    fn families_from_recorded_ids() {
        let cases = [
            (
                "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                ModelFamily::Anthropic,
            ),
            (
                "us.meta.llama4-maverick-17b-instruct-v1:0",
                ModelFamily::Llama,
            ),
            ("us.mistral.pixtral-large-2502-v1:0", ModelFamily::Mistral),
            ("us.deepseek.r1-v1:0", ModelFamily::DeepSeek),
            ("openai.gpt-oss-120b-1:0", ModelFamily::OpenAi),
            ("qwen.qwen3-32b-v1:0", ModelFamily::Qwen),
            ("moonshot.kimi-k2-thinking", ModelFamily::Kimi),
            ("us.writer.palmyra-x4-v1:0", ModelFamily::Writer),
            ("zai.glm-4.7-flash", ModelFamily::Zai),
            ("cohere.command-r-plus-v1:0", ModelFamily::Cohere),
            ("ai21.jamba-1-5-large-v1:0", ModelFamily::Ai21),
            ("us.amazon.nova-2-lite-v1:0", ModelFamily::Nova2),
            ("us.amazon.nova-premier-v1:0", ModelFamily::Nova),
        ];
        for (id, fam) in cases {
            assert_eq!(ModelRef::parse(id).unwrap().family(), fam, "{id}");
        }
    }

    #[test]
    fn claude_versions() {
        let cases = [
            ("anthropic.claude-3-7-sonnet-20250219-v1:0", Some((3, 7))),
            ("anthropic.claude-3-haiku-20240307-v1:0", Some((3, 0))),
            ("anthropic.claude-sonnet-4-20250514-v1:0", Some((4, 0))),
            ("anthropic.claude-sonnet-4-5-20250929-v1:0", Some((4, 5))),
            ("anthropic.claude-opus-4-6-v1", Some((4, 6))),
            ("anthropic.claude-sonnet-4-6", Some((4, 6))),
            ("anthropic.claude-v2", None),
        ];
        for (id, want) in cases {
            assert_eq!(claude_version(id), want, "{id}");
        }
    }

    #[test]
    fn capabilities_by_family() {
        let caps = |id: &str| ModelRef::parse(id).unwrap().capabilities(None);
        let c = caps("us.anthropic.claude-sonnet-4-20250514-v1:0");
        assert_eq!(c.reasoning, ReasoningStyle::AnthropicBudget);
        assert_eq!(c.top_k, TopKStyle::Field("top_k"));
        assert!(!c.native_structured_output);
        assert!(c.forced_tool_choice && c.tool_cache && c.signed_reasoning);

        let c = caps("us.anthropic.claude-sonnet-4-6");
        assert_eq!(c.reasoning, ReasoningStyle::AnthropicAdaptive);
        assert!(c.native_structured_output);
        assert_eq!(
            caps("anthropic.claude-3-5-sonnet-20240620-v1:0").reasoning,
            ReasoningStyle::None
        );

        let c = caps("us.amazon.nova-micro-v1:0");
        assert_eq!(c.top_k, TopKStyle::NovaInferenceConfig);
        assert_eq!(c.inline_think_tags, &["thinking"]);
        assert!(c.prompt_cache && !c.tool_cache);
        assert_eq!(
            caps("us.amazon.nova-2-lite-v1:0").reasoning,
            ReasoningStyle::NovaEffort
        );
        assert_eq!(
            caps("openai.gpt-oss-120b-1:0").reasoning,
            ReasoningStyle::OpenAiEffort
        );
        assert_eq!(
            caps("qwen.qwen3-32b-v1:0").reasoning,
            ReasoningStyle::QwenConfig
        );
        assert_eq!(
            caps("us.deepseek.r1-v1:0").reasoning,
            ReasoningStyle::AlwaysOn
        );
        let c = caps("moonshot.kimi-k2-thinking");
        assert!(c.emits_inline_think());
        assert!(!caps("us.writer.palmyra-x4-v1:0").tool_result_status);
        assert!(caps("zai.glm-4.7-flash").native_structured_output);
        assert!(!caps("us.meta.llama4-maverick-17b-instruct-v1:0").forced_tool_choice);
    }

    #[test]
    fn the_family_table_has_one_row_per_family_in_variant_order() {
        assert_eq!(FAMILIES.len(), ModelFamily::Unknown as usize + 1);
        for (i, row) in FAMILIES.iter().enumerate() {
            assert_eq!(row.family as usize, i, "{} is out of order", row.name);
            assert_eq!(row.family.info(), row);
            // Every name and alias reads back as its family, and no two rows share one.
            for name in std::iter::once(&row.name).chain(row.aliases) {
                assert_eq!(name.parse::<ModelFamily>().unwrap(), row.family, "{name}");
                let owners = FAMILIES
                    .iter()
                    .filter(|r| r.name == *name || r.aliases.contains(name))
                    .count();
                assert_eq!(owners, 1, "{name} names more than one family");
            }
            // Every id prefix names its family, with and without a geography prefix.
            for prefix in row.id_prefixes {
                let id = format!("{prefix}model-v1:0");
                assert_eq!(ModelFamily::from_model_id(&id), row.family, "{id}");
                let id = format!("us.{id}");
                assert_eq!(ModelFamily::from_model_id(&id), row.family, "{id}");
            }
            // The invoke column is the body of a model id that shows nothing more.
            assert_eq!(
                InvokeFamily::for_model(row.family, ""),
                row.invoke,
                "{}",
                row.name
            );
        }
        assert_eq!(
            ModelFamily::from_model_id("amazon.titan-embed-text-v2:0"),
            ModelFamily::Titan
        );
        assert_eq!(
            ModelFamily::from_model_id("stability.sd3-5-large-v1:0"),
            ModelFamily::Unknown
        );
        assert_eq!(
            ModelFamily::from_model_id("anthropic"),
            ModelFamily::Unknown
        );
    }

    #[test]
    fn refinements_by_model_version_override_the_family_row() {
        let caps = |id: &str| ModelRef::parse(id).unwrap().capabilities(None);
        // DeepSeek: R1 always reasons and has its own invoke body; V3 has structured output.
        let r1 = caps("us.deepseek.r1-v1:0");
        assert_eq!(r1.reasoning, ReasoningStyle::AlwaysOn);
        assert!(!r1.native_structured_output);
        assert!(caps("deepseek.v3-v1:0").native_structured_output);
        assert_eq!(
            InvokeFamily::for_model(ModelFamily::DeepSeek, "deepseek.r1-v1:0"),
            Some(InvokeFamily::DeepSeek)
        );
        assert_eq!(
            InvokeFamily::for_model(ModelFamily::DeepSeek, "deepseek.v3-v1:0"),
            Some(InvokeFamily::OpenAi)
        );
        assert_eq!(
            caps("moonshot.kimi-k2-instruct").reasoning,
            ReasoningStyle::None
        );
        // Anthropic's own fields go to Claude and to models whose family is unknown only.
        assert!(caps("us.anthropic.claude-sonnet-4-6").anthropic_fields);
        assert!(caps("my-model").anthropic_fields);
        assert!(!caps("us.amazon.nova-lite-v1:0").anthropic_fields);
    }

    #[test]
    fn family_from_str() {
        assert_eq!(
            "Claude".parse::<ModelFamily>().unwrap(),
            ModelFamily::Anthropic
        );
        assert_eq!("nova2".parse::<ModelFamily>().unwrap(), ModelFamily::Nova2);
        let err = "gpt".parse::<ModelFamily>().unwrap_err().to_string();
        assert!(err.starts_with("unknown model family 'gpt'"), "{err}");
    }
}

//! The static model catalog (ListFoundationModels fields as the real service returns them) and
//! the system-defined inference profiles, plus the resolution of a runtime `modelId` (bare id,
//! profile id, or ARN) to a model.

use serde_json::{Value, json};

pub(crate) const ACCOUNT: &str = "123456789012";
pub(crate) const REGION: &str = "us-east-1";

/// Request/response body family for InvokeModel; Converse behaviour keys off it too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Anthropic,
    Nova,
    Nova2,
    TitanText,
    TitanEmbedText,
    TitanEmbedImage,
    TitanImage,
    NovaCanvas,
    NovaEmbed,
    Llama,
    Mistral,
    CohereCommand,
    CohereEmbed,
    Rerank,
    Jamba,
    DeepSeek,
    OpenAi,
    Qwen,
    Kimi,
    Stability,
    Emulator,
}

#[derive(Debug)]
pub(crate) struct Model {
    pub id: &'static str,
    pub name: &'static str,
    pub provider: &'static str,
    pub input: &'static [&'static str],
    pub output: &'static [&'static str],
    pub streaming: bool,
    pub customizations: &'static [&'static str],
    pub inference: &'static [&'static str],
    pub lifecycle: &'static str,
    pub family: Family,
    /// Supports Converse / ConverseStream.
    pub converse: bool,
    /// Default and maximum output tokens.
    pub max_output: u64,
    /// Geographies with a system-defined cross-region profile.
    pub geos: &'static [&'static str],
}

const TEXT: &[&str] = &["TEXT"];
const TEXT_IMAGE: &[&str] = &["TEXT", "IMAGE"];
const TEXT_IMAGE_VIDEO: &[&str] = &["TEXT", "IMAGE", "VIDEO"];
const EMBEDDING: &[&str] = &["EMBEDDING"];
const IMAGE: &[&str] = &["IMAGE"];
const OD: &[&str] = &["ON_DEMAND"];
const PROFILE: &[&str] = &["INFERENCE_PROFILE"];
const OD_PROFILE: &[&str] = &["ON_DEMAND", "INFERENCE_PROFILE"];
const NONE: &[&str] = &[];
const FT: &[&str] = &["FINE_TUNING"];
const ALL_GEOS: &[&str] = &["us", "eu", "apac", "global"];
const US_EU_APAC: &[&str] = &["us", "eu", "apac"];
const US: &[&str] = &["us"];
const US_EU: &[&str] = &["us", "eu"];

macro_rules! model {
    ($id:expr, $name:expr, $provider:expr, $input:expr, $output:expr, $stream:expr, $custom:expr,
     $inference:expr, $family:expr, $converse:expr, $max:expr, $geos:expr) => {
        Model {
            id: $id,
            name: $name,
            provider: $provider,
            input: $input,
            output: $output,
            streaming: $stream,
            customizations: $custom,
            inference: $inference,
            lifecycle: "ACTIVE",
            family: $family,
            converse: $converse,
            max_output: $max,
            geos: $geos,
        }
    };
}

use Family::*;

#[rustfmt::skip]
pub(crate) static MODELS: &[Model] = &[
    // Seen in converse/test_document_url_input.yaml and test_text_document_url_input.yaml.
    model!("anthropic.claude-v2", "Claude", "Anthropic", TEXT, TEXT, true, NONE, OD, Anthropic, true, 4096, NONE),
    model!("anthropic.claude-3-haiku-20240307-v1:0", "Claude 3 Haiku", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, OD, Anthropic, true, 4096, US_EU_APAC),
    model!("anthropic.claude-3-5-haiku-20241022-v1:0", "Claude 3.5 Haiku", "Anthropic", TEXT, TEXT, true, NONE, PROFILE, Anthropic, true, 8192, US),
    model!("anthropic.claude-3-7-sonnet-20250219-v1:0", "Claude 3.7 Sonnet", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 64000, US_EU_APAC),
    model!("anthropic.claude-sonnet-4-20250514-v1:0", "Claude Sonnet 4", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 64000, ALL_GEOS),
    model!("anthropic.claude-sonnet-4-5-20250929-v1:0", "Claude Sonnet 4.5", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 64000, ALL_GEOS),
    model!("anthropic.claude-sonnet-4-6", "Claude Sonnet 4.6", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 64000, ALL_GEOS),
    model!("anthropic.claude-opus-4-1-20250805-v1:0", "Claude Opus 4.1", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 32000, US),
    model!("anthropic.claude-opus-4-6-v1", "Claude Opus 4.6", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 128000, ALL_GEOS),
    model!("anthropic.claude-haiku-4-5-20251001-v1:0", "Claude Haiku 4.5", "Anthropic", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Anthropic, true, 64000, ALL_GEOS),
    model!("amazon.nova-micro-v1:0", "Nova Micro", "Amazon", TEXT, TEXT, true, FT, OD_PROFILE, Nova, true, 10000, US_EU_APAC),
    model!("amazon.nova-lite-v1:0", "Nova Lite", "Amazon", TEXT_IMAGE_VIDEO, TEXT, true, FT, OD_PROFILE, Nova, true, 10000, US_EU_APAC),
    model!("amazon.nova-pro-v1:0", "Nova Pro", "Amazon", TEXT_IMAGE_VIDEO, TEXT, true, FT, OD_PROFILE, Nova, true, 10000, US_EU_APAC),
    model!("amazon.nova-premier-v1:0", "Nova Premier", "Amazon", TEXT_IMAGE_VIDEO, TEXT, true, NONE, PROFILE, Nova, true, 32000, US),
    model!("amazon.nova-2-lite-v1:0", "Nova 2 Lite", "Amazon", TEXT_IMAGE_VIDEO, TEXT, true, NONE, PROFILE, Nova2, true, 65535, ALL_GEOS),
    model!("amazon.titan-text-express-v1", "Titan Text G1 - Express", "Amazon", TEXT, TEXT, true, FT, OD, TitanText, true, 8192, NONE),
    model!("amazon.titan-embed-text-v1", "Titan Embeddings G1 - Text", "Amazon", TEXT, EMBEDDING, false, NONE, OD, TitanEmbedText, false, 0, NONE),
    model!("amazon.titan-embed-text-v2:0", "Titan Text Embeddings V2", "Amazon", TEXT, EMBEDDING, false, NONE, OD, TitanEmbedText, false, 0, NONE),
    model!("amazon.titan-embed-image-v1", "Titan Multimodal Embeddings G1", "Amazon", TEXT_IMAGE, EMBEDDING, false, FT, OD, TitanEmbedImage, false, 0, NONE),
    model!("amazon.titan-image-generator-v2:0", "Titan Image Generator G1 v2", "Amazon", TEXT_IMAGE, IMAGE, false, FT, OD, TitanImage, false, 0, NONE),
    model!("amazon.nova-canvas-v1:0", "Nova Canvas", "Amazon", TEXT_IMAGE, IMAGE, false, NONE, OD, NovaCanvas, false, 0, NONE),
    model!("amazon.nova-2-multimodal-embeddings-v1:0", "Nova 2 Multimodal Embeddings", "Amazon", &["TEXT", "IMAGE", "AUDIO", "VIDEO"], EMBEDDING, false, NONE, OD, NovaEmbed, false, 0, NONE),
    model!("amazon.rerank-v1:0", "Rerank 1.0", "Amazon", TEXT, TEXT, false, NONE, OD, Rerank, false, 0, NONE),
    // Llama 2 Chat: LEGACY is inferred (not in the Active table of the AWS model lifecycle
    // page; its Legacy/EOL table could not be read when this was written).
    Model { lifecycle: "LEGACY", ..model!("meta.llama2-13b-chat-v1", "Llama 2 Chat 13B", "Meta", TEXT, TEXT, true, NONE, OD, Llama, true, 2048, NONE) },
    Model { lifecycle: "LEGACY", ..model!("meta.llama2-70b-chat-v1", "Llama 2 Chat 70B", "Meta", TEXT, TEXT, true, NONE, OD, Llama, true, 2048, NONE) },
    model!("meta.llama3-1-8b-instruct-v1:0", "Llama 3.1 8B Instruct", "Meta", TEXT, TEXT, true, FT, PROFILE, Llama, true, 2048, US),
    model!("meta.llama3-1-70b-instruct-v1:0", "Llama 3.1 70B Instruct", "Meta", TEXT, TEXT, true, FT, PROFILE, Llama, true, 2048, US),
    model!("meta.llama3-3-70b-instruct-v1:0", "Llama 3.3 70B Instruct", "Meta", TEXT, TEXT, true, NONE, PROFILE, Llama, true, 2048, US),
    model!("meta.llama4-maverick-17b-instruct-v1:0", "Llama 4 Maverick 17B Instruct", "Meta", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Llama, true, 8192, US),
    model!("mistral.mistral-7b-instruct-v0:2", "Mistral 7B Instruct", "Mistral AI", TEXT, TEXT, true, NONE, OD, Mistral, true, 8192, NONE),
    model!("mistral.mixtral-8x7b-instruct-v0:1", "Mixtral 8x7B Instruct", "Mistral AI", TEXT, TEXT, true, NONE, OD, Mistral, true, 4096, NONE),
    model!("mistral.mistral-large-2402-v1:0", "Mistral Large (24.02)", "Mistral AI", TEXT, TEXT, true, NONE, OD, Mistral, true, 8192, NONE),
    model!("mistral.mistral-large-2407-v1:0", "Mistral Large (24.07)", "Mistral AI", TEXT, TEXT, true, NONE, OD, Mistral, true, 8192, NONE),
    model!("mistral.pixtral-large-2502-v1:0", "Pixtral Large (25.02)", "Mistral AI", TEXT_IMAGE, TEXT, true, NONE, PROFILE, Mistral, true, 8192, US_EU),
    // Command (text) v14: LEGACY is inferred, as for Llama 2 above.
    Model { lifecycle: "LEGACY", ..model!("cohere.command-text-v14", "Command", "Cohere", TEXT, TEXT, true, NONE, OD, CohereCommand, true, 4000, NONE) },
    Model { lifecycle: "LEGACY", ..model!("cohere.command-light-text-v14", "Command Light", "Cohere", TEXT, TEXT, true, NONE, OD, CohereCommand, true, 4000, NONE) },
    model!("cohere.command-r-v1:0", "Command R", "Cohere", TEXT, TEXT, true, NONE, OD, CohereCommand, true, 4000, NONE),
    model!("cohere.command-r-plus-v1:0", "Command R+", "Cohere", TEXT, TEXT, true, NONE, OD, CohereCommand, true, 4000, NONE),
    model!("cohere.embed-english-v3", "Embed English", "Cohere", TEXT, EMBEDDING, false, NONE, OD, CohereEmbed, false, 0, NONE),
    model!("cohere.embed-multilingual-v3", "Embed Multilingual", "Cohere", TEXT, EMBEDDING, false, NONE, OD, CohereEmbed, false, 0, NONE),
    model!("cohere.embed-v4:0", "Embed v4", "Cohere", TEXT_IMAGE, EMBEDDING, false, NONE, OD_PROFILE, CohereEmbed, false, 0, US_EU),
    model!("cohere.rerank-v3-5:0", "Rerank 3.5", "Cohere", TEXT, TEXT, false, NONE, OD, Rerank, false, 0, NONE),
    // Jurassic-2: no streaming on Bedrock; LEGACY is inferred, as for Llama 2 above.
    Model { lifecycle: "LEGACY", ..model!("ai21.j2-mid-v1", "Jurassic-2 Mid", "AI21 Labs", TEXT, TEXT, false, NONE, OD, Jamba, true, 8191, NONE) },
    Model { lifecycle: "LEGACY", ..model!("ai21.j2-ultra-v1", "Jurassic-2 Ultra", "AI21 Labs", TEXT, TEXT, false, NONE, OD, Jamba, true, 8191, NONE) },
    model!("ai21.jamba-1-5-large-v1:0", "Jamba 1.5 Large", "AI21 Labs", TEXT, TEXT, true, NONE, OD, Jamba, true, 4096, NONE),
    model!("ai21.jamba-1-5-mini-v1:0", "Jamba 1.5 Mini", "AI21 Labs", TEXT, TEXT, true, NONE, OD, Jamba, true, 4096, NONE),
    model!("deepseek.r1-v1:0", "DeepSeek-R1", "DeepSeek", TEXT, TEXT, true, NONE, PROFILE, DeepSeek, true, 32768, US),
    model!("deepseek.v3-v1:0", "DeepSeek-V3.1", "DeepSeek", TEXT, TEXT, true, NONE, OD, DeepSeek, true, 8192, NONE),
    model!("openai.gpt-oss-20b-1:0", "gpt-oss-20b", "OpenAI", TEXT, TEXT, true, NONE, OD, OpenAi, true, 32768, NONE),
    model!("openai.gpt-oss-120b-1:0", "gpt-oss-120b", "OpenAI", TEXT, TEXT, true, NONE, OD, OpenAi, true, 32768, NONE),
    model!("qwen.qwen3-32b-v1:0", "Qwen3 32B (dense)", "Qwen", TEXT, TEXT, true, NONE, OD, Qwen, true, 16384, NONE),
    model!("qwen.qwen3-coder-30b-a3b-v1:0", "Qwen3 Coder 30B A3B Instruct", "Qwen", TEXT, TEXT, true, NONE, OD, Qwen, true, 16384, NONE),
    model!("moonshot.kimi-k2-thinking", "Kimi K2 Thinking", "Moonshot AI", TEXT, TEXT, true, NONE, OD, Kimi, true, 16384, NONE),
    model!("writer.palmyra-x4-v1:0", "Palmyra X4", "Writer", TEXT, TEXT, true, NONE, PROFILE, Llama, true, 8192, US),
    model!("zai.glm-4.7-flash", "GLM 4.7 Flash", "Z.AI", TEXT, TEXT, true, NONE, OD, Qwen, true, 16384, NONE),
    model!("stability.stable-diffusion-xl-v1", "SDXL 1.0", "Stability AI", TEXT_IMAGE, IMAGE, false, NONE, OD, Stability, false, 0, NONE),
    model!("stability.sd3-5-large-v1:0", "Stable Diffusion 3.5 Large", "Stability AI", TEXT_IMAGE, IMAGE, false, NONE, OD, Stability, false, 0, NONE),
    model!("stability.stable-image-core-v1:1", "Stable Image Core 1.0", "Stability AI", TEXT, IMAGE, false, NONE, OD, Stability, false, 0, NONE),
    model!("stability.stable-image-ultra-v1:1", "Stable Image Ultra 1.0", "Stability AI", TEXT, IMAGE, false, NONE, OD, Stability, false, 0, NONE),
];

/// The emulator's own pseudo-model family `emulator.<scenario>`: an on-demand text model.
pub(crate) static EMULATOR_MODEL: Model = model!(
    "emulator.default",
    "Emulator",
    "brock",
    TEXT,
    TEXT,
    true,
    NONE,
    OD,
    Emulator,
    true,
    100_000,
    NONE
);

/// A model behind an ARN whose target we cannot know (an imported model): behaves as a generic
/// on-demand text model.
pub(crate) static OPAQUE_MODEL: Model = model!(
    "amazon.nova-lite-v1:0",
    "Nova Lite",
    "Amazon",
    TEXT_IMAGE_VIDEO,
    TEXT,
    true,
    NONE,
    OD,
    Nova,
    true,
    10000,
    NONE
);

pub(crate) fn find(id: &str) -> Option<&'static Model> {
    MODELS.iter().find(|m| m.id == id)
}

fn geo_regions(geo: &str) -> &'static [&'static str] {
    match geo {
        "us" => &["us-east-1", "us-east-2", "us-west-2"],
        "eu" => &["eu-central-1", "eu-west-1", "eu-west-3", "eu-north-1"],
        "apac" => &[
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
        ],
        _ => &[
            "us-east-1",
            "us-east-2",
            "us-west-2",
            "eu-west-1",
            "ap-northeast-1",
        ],
    }
}

fn geo_label(geo: &str) -> &'static str {
    match geo {
        "us" => "US",
        "eu" => "EU",
        "apac" => "APAC",
        _ => "Global",
    }
}

pub(crate) fn model_arn(id: &str, region: &str) -> String {
    format!("arn:aws:bedrock:{region}::foundation-model/{id}")
}

/// A model as ListFoundationModels lists it in `region` (the emulator's own).
pub(crate) fn model_summary(m: &Model, region: &str) -> Value {
    let mut v = json!({
        "modelArn": model_arn(m.id, region),
        "modelId": m.id,
        "modelName": m.name,
        "providerName": m.provider,
        "inputModalities": m.input,
        "outputModalities": m.output,
        "customizationsSupported": m.customizations,
        "inferenceTypesSupported": m.inference,
        "modelLifecycle": {"status": m.lifecycle},
    });
    // The real listing omits responseStreamingSupported for non-text-generating models.
    if m.output.contains(&"TEXT") {
        v["responseStreamingSupported"] = Value::Bool(m.streaming);
    }
    v
}

/// A system-defined cross-region inference profile.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub id: String,
    pub geo: &'static str,
    pub model: &'static Model,
}

pub(crate) fn profiles() -> Vec<Profile> {
    let mut out = Vec::new();
    for m in MODELS {
        for geo in m.geos {
            out.push(Profile {
                id: format!("{geo}.{}", m.id),
                geo,
                model: m,
            });
        }
    }
    out
}

pub(crate) fn find_profile(id: &str) -> Option<Profile> {
    let (geo, rest) = id.split_once('.')?;
    let m = find(rest)?;
    m.geos.iter().find(|g| **g == geo).map(|g| Profile {
        id: id.to_string(),
        geo: g,
        model: m,
    })
}

pub(crate) fn profile_arn(id: &str, region: &str) -> String {
    format!("arn:aws:bedrock:{region}:{ACCOUNT}:inference-profile/{id}")
}

/// A system-defined profile as ListInferenceProfiles lists it in `region` (the emulator's own).
pub(crate) fn profile_summary(p: &Profile, region: &str) -> Value {
    let label = geo_label(p.geo);
    let models: Vec<Value> = geo_regions(p.geo)
        .iter()
        .map(|r| json!({"modelArn": model_arn(p.model.id, r)}))
        .collect();
    json!({
        "inferenceProfileName": format!("{label} {}", p.model.name),
        "description": format!("Routes requests to {} in {}.", p.model.name, geo_regions(p.geo).join(", ")),
        "createdAt": "2024-08-27T00:00:00Z",
        "updatedAt": "2025-10-01T00:00:00Z",
        "inferenceProfileArn": profile_arn(&p.id, region),
        "models": models,
        "inferenceProfileId": p.id,
        "status": "ACTIVE",
        "type": "SYSTEM_DEFINED",
    })
}

/// An application inference profile of the emulator's account: a user-made profile that
/// tracks usage of one foundation model (`geo: None`) or copies a system profile.
#[derive(Debug)]
pub(crate) struct AppProfile {
    pub id: &'static str,
    pub name: &'static str,
    pub model_id: &'static str,
    pub geo: Option<&'static str>,
}

/// The two ids are the ones in the recorded traffic (`test_bedrock_inference_profile_converse`,
/// `test_inference_profile_embed`, the latter a Titan Text Embeddings v2 profile).
pub(crate) static APP_PROFILES: &[AppProfile] = &[
    AppProfile {
        id: "mi1dadi0g15f",
        name: "support-sonnet",
        model_id: "anthropic.claude-sonnet-4-5-20250929-v1:0",
        geo: Some("us"),
    },
    AppProfile {
        id: "otnfa2ysixqd",
        name: "search-embeddings",
        model_id: "amazon.titan-embed-text-v2:0",
        geo: None,
    },
    AppProfile {
        id: "c4nv4s0app01",
        name: "marketing-images",
        model_id: "amazon.nova-canvas-v1:0",
        geo: None,
    },
    AppProfile {
        id: "n0v4l1te0app",
        name: "batch-nova",
        model_id: "amazon.nova-lite-v1:0",
        geo: None,
    },
];

pub(crate) fn app_profile_arn(id: &str) -> String {
    format!("arn:aws:bedrock:{REGION}:{ACCOUNT}:application-inference-profile/{id}")
}

/// An application profile by id or ARN.
pub(crate) fn find_app_profile(id: &str) -> Option<&'static AppProfile> {
    let id = id
        .strip_prefix(&format!(
            "arn:aws:bedrock:{REGION}:{ACCOUNT}:application-inference-profile/"
        ))
        .unwrap_or(id);
    APP_PROFILES.iter().find(|p| p.id == id)
}

pub(crate) fn app_profile_summary(p: &AppProfile) -> Value {
    let m = find(p.model_id);
    let regions: &[&str] = match p.geo {
        Some(g) => geo_regions(g),
        None => &[REGION],
    };
    let models: Vec<Value> = regions
        .iter()
        .map(|r| json!({"modelArn": model_arn(p.model_id, r)}))
        .collect();
    json!({
        "inferenceProfileName": p.name,
        "description": format!("Tracks usage of {}.", m.map(|m| m.name).unwrap_or(p.model_id)),
        "createdAt": "2025-03-12T09:30:00Z",
        "updatedAt": "2025-03-12T09:30:00Z",
        "inferenceProfileArn": app_profile_arn(p.id),
        "models": models,
        "inferenceProfileId": p.id,
        "status": "ACTIVE",
        "type": "APPLICATION",
    })
}

/// A model brought in with Custom Model Import.
pub(crate) struct Imported {
    pub id: &'static str,
    pub name: &'static str,
    pub architecture: &'static str,
    pub instruct: bool,
}

pub(crate) static IMPORTED: &[Imported] = &[Imported {
    id: "k3n7x9q2m4p1",
    name: "acme-llama-3-8b",
    architecture: "llama3",
    instruct: true,
}];

pub(crate) fn imported_summary(m: &Imported) -> Value {
    json!({
        "modelArn": format!("arn:aws:bedrock:{REGION}:{ACCOUNT}:imported-model/{}", m.id),
        "modelName": m.name,
        "creationTime": "2025-05-02T14:00:00Z",
        "instructSupported": m.instruct,
        "modelArchitecture": m.architecture,
    })
}

/// A fine-tuned model; `base` is its foundation model.
pub(crate) struct Custom {
    pub id: &'static str,
    pub name: &'static str,
    pub base: &'static str,
}

pub(crate) static CUSTOM: &[Custom] = &[Custom {
    id: "a1b2c3d4e5f6",
    name: "support-tuned-nova-lite",
    base: "amazon.nova-lite-v1:0",
}];

pub(crate) fn custom_model_arn(c: &Custom) -> String {
    format!(
        "arn:aws:bedrock:{REGION}:{ACCOUNT}:custom-model/{}:300k/{}",
        c.base, c.id
    )
}

pub(crate) fn custom_summary(c: &Custom) -> Value {
    json!({
        "modelArn": custom_model_arn(c),
        "modelName": c.name,
        "creationTime": "2025-04-20T08:15:00Z",
        "baseModelArn": model_arn(&format!("{}:300k", c.base), REGION),
        "baseModelName": find(c.base).map(|m| m.name).unwrap_or(c.base),
        "customizationType": "FINE_TUNING",
        "ownerAccountId": ACCOUNT,
        "modelStatus": "Active",
    })
}

/// Provisioned Throughput for a foundation model, or for a custom model (`custom`).
pub(crate) struct Provisioned {
    pub id: &'static str,
    pub name: &'static str,
    pub model_id: &'static str,
    pub custom: Option<&'static str>,
}

pub(crate) static PROVISIONED: &[Provisioned] = &[
    Provisioned {
        id: "p7h2k9d4s1x3",
        name: "support-tuned-pt",
        model_id: "amazon.nova-lite-v1:0",
        custom: Some("a1b2c3d4e5f6"),
    },
    Provisioned {
        id: "q8w2e4r6t1y3",
        name: "haiku-pt",
        model_id: "anthropic.claude-3-haiku-20240307-v1:0",
        custom: None,
    },
];

pub(crate) fn provisioned_arn(id: &str) -> String {
    format!("arn:aws:bedrock:{REGION}:{ACCOUNT}:provisioned-model/{id}")
}

/// A provisioned throughput by id, name or ARN.
pub(crate) fn find_provisioned(id: &str) -> Option<&'static Provisioned> {
    let bare = id
        .strip_prefix(&format!(
            "arn:aws:bedrock:{REGION}:{ACCOUNT}:provisioned-model/"
        ))
        .unwrap_or(id);
    PROVISIONED.iter().find(|p| p.id == bare || p.name == bare)
}

pub(crate) fn provisioned_summary(p: &Provisioned) -> Value {
    let model = match p.custom.and_then(|c| CUSTOM.iter().find(|x| x.id == c)) {
        Some(c) => custom_model_arn(c),
        None => model_arn(p.model_id, REGION),
    };
    json!({
        "provisionedModelName": p.name,
        "provisionedModelArn": provisioned_arn(p.id),
        "modelArn": model,
        "desiredModelArn": model,
        "foundationModelArn": model_arn(p.model_id, REGION),
        "modelUnits": 1,
        "desiredModelUnits": 1,
        "status": "InService",
        "commitmentDuration": "OneMonth",
        "commitmentExpirationTime": "2026-12-31T00:00:00Z",
        "creationTime": "2025-06-01T10:00:00Z",
        "lastModifiedTime": "2025-06-01T10:00:00Z",
    })
}

/// What a runtime `modelId` resolved to.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub model: &'static Model,
    /// Invoked by the bare foundation model id or ARN (on-demand throughput).
    pub on_demand: bool,
    /// An ARN whose target model is unknowable here.
    pub opaque: bool,
    /// The emulator scenario named by an `emulator.NAME` model id.
    pub scenario: Option<String>,
}

/// Resolves a runtime model identifier the way the runtime accepts them: a foundation model
/// id or ARN, a system inference profile id or ARN, an application inference profile ARN, or
/// a provisioned model ARN.
pub(crate) fn resolve(model_id: &str) -> Option<Resolved> {
    if let Some(name) = model_id.strip_prefix("emulator.") {
        return Some(Resolved {
            model: &EMULATOR_MODEL,
            on_demand: true,
            opaque: false,
            scenario: Some(name.to_string()),
        });
    }
    if let Some(rest) = model_id.strip_prefix("arn:") {
        return resolve_arn(rest);
    }
    if let Some(m) = find(model_id) {
        return Some(Resolved {
            model: m,
            on_demand: true,
            opaque: false,
            scenario: None,
        });
    }
    find_profile(model_id).map(|p| Resolved {
        model: p.model,
        on_demand: false,
        opaque: false,
        scenario: None,
    })
}

fn resolve_arn(rest: &str) -> Option<Resolved> {
    // aws[-partition]:bedrock:REGION:ACCOUNT:RESOURCE
    let mut parts = rest.splitn(5, ':');
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    if !(partition == "aws" || partition.starts_with("aws-"))
        || service != "bedrock"
        || region.is_empty()
        || !region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return None;
    }
    let account_ok = account.len() == 12 && account.chars().all(|c| c.is_ascii_digit());
    let (kind, id) = resource.split_once('/')?;
    let lower_alnum = |s: &str, n: usize| {
        s.len() == n
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    };
    match kind {
        "foundation-model" if account.is_empty() => find(id).map(|m| Resolved {
            model: m,
            on_demand: true,
            opaque: false,
            scenario: None,
        }),
        "inference-profile" if account_ok => find_profile(id).map(|p| Resolved {
            model: p.model,
            on_demand: false,
            opaque: false,
            scenario: None,
        }),
        // Only the account's own profiles and throughputs exist; any other id is invalid.
        "application-inference-profile" if account == ACCOUNT && lower_alnum(id, 12) => {
            let p = find_app_profile(id)?;
            Some(Resolved {
                model: find(p.model_id)?,
                on_demand: false,
                opaque: false,
                scenario: None,
            })
        }
        "provisioned-model" if account == ACCOUNT && lower_alnum(id, 12) => {
            let p = find_provisioned(id)?;
            Some(Resolved {
                model: find(p.model_id)?,
                on_demand: false,
                opaque: false,
                scenario: None,
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_profiles_and_arns_resolve() {
        let r = resolve("anthropic.claude-3-haiku-20240307-v1:0").unwrap();
        assert!(r.on_demand);
        let r = resolve("us.anthropic.claude-sonnet-4-20250514-v1:0").unwrap();
        assert!(!r.on_demand);
        assert_eq!(r.model.id, "anthropic.claude-sonnet-4-20250514-v1:0");
        let arn =
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.amazon.nova-lite-v1:0";
        assert_eq!(resolve(arn).unwrap().model.id, "amazon.nova-lite-v1:0");
        let arn = "arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-micro-v1:0";
        assert!(resolve(arn).unwrap().on_demand);
        let arn =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f";
        assert_eq!(
            resolve(arn).unwrap().model.id,
            "anthropic.claude-sonnet-4-5-20250929-v1:0"
        );
        let unknown =
            "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzzzzzzzzzzz";
        assert!(resolve(unknown).is_none());
        let pt = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/q8w2e4r6t1y3";
        assert_eq!(resolve(pt).unwrap().model.family, Family::Anthropic);
        assert!(resolve("us.does-not-exist-model-v1:0").is_none());
        assert!(resolve("xx.amazon.nova-lite-v1:0").is_none());
        assert!(
            resolve("arn:aws:bedrock:us-east-1:1234:inference-profile/us.amazon.nova-lite-v1:0")
                .is_none()
        );
        assert_eq!(
            resolve("emulator.throttle").unwrap().scenario.as_deref(),
            Some("throttle")
        );
    }

    #[test]
    fn enough_profiles_to_paginate() {
        assert!(profiles().len() > 25);
        for p in profiles() {
            assert!(find_profile(&p.id).is_some(), "{}", p.id);
        }
    }
}

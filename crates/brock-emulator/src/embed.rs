//! InvokeModel for the embedding families: Titan Text Embeddings v1/v2, Titan Multimodal
//! Embeddings, Cohere Embed v3/v4 and Nova multimodal embeddings. Bodies are validated and
//! refused as `Malformed input request: #/…` (that form and each check's wording are
//! inferred: no such refusal is recorded here), answers have the recorded shapes, and the
//! vectors are deterministic: seeded from a hash of the input, so equal texts get equal
//! vectors, of the requested dimension, normalized when asked.
//!
//! Also here: the periodic throttle (header [`THROTTLE_EVERY_HEADER`]), which lets batch
//! clients be tested against a service that throttles some of their calls.

use std::sync::atomic::{AtomicU64, Ordering};

use base64::Engine;
use serde_json::{Map, Value, json};

use super::catalog::{Family, Model};
use super::errors::ApiError;
use super::invoke::{Invoked, check_keys, json_type, malformed, parse_native};

/// `x-brock-emulator-throttle-every: N`: every Nth request carrying this header (counted per
/// emulator) is answered 429 `ThrottlingException`.
pub const THROTTLE_EVERY_HEADER: &str = "x-brock-emulator-throttle-every";

/// The per-emulator request counter behind [`THROTTLE_EVERY_HEADER`].
#[derive(Debug, Default)]
pub(crate) struct PeriodicThrottle(AtomicU64);

impl PeriodicThrottle {
    /// The throttling error when this request is the Nth one.
    pub(crate) fn check(&self, headers: &http::HeaderMap) -> Option<ApiError> {
        let v = headers.get(THROTTLE_EVERY_HEADER)?;
        let n: u64 = match v.to_str().ok().and_then(|s| s.trim().parse().ok()) {
            Some(n) if n >= 1 => n,
            _ => {
                // Source: the emulator's own (no Bedrock counterpart).
                return Some(ApiError::validation(format!(
                    "{THROTTLE_EVERY_HEADER} must be a positive integer"
                )));
            }
        };
        let count = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        count.is_multiple_of(n).then(ApiError::throttling)
    }
}

/// A deterministic pseudo-embedding of `text`.
pub(crate) fn embedding(text: &str, dims: usize, normalize: bool) -> Vec<f64> {
    use sha2::Digest;
    let mut out = Vec::with_capacity(dims);
    let mut counter = 0u32;
    while out.len() < dims {
        let digest = sha2::Sha256::digest(format!("{counter}:{text}").as_bytes());
        for pair in digest.chunks(2) {
            if out.len() == dims {
                break;
            }
            let n = u16::from_be_bytes([pair[0], pair[1]]) as f64;
            out.push(n / 32767.5 - 1.0);
        }
        counter += 1;
    }
    if normalize {
        let norm = out
            .iter()
            .map(|x| x * x)
            .sum::<f64>()
            .sqrt()
            .max(f64::MIN_POSITIVE);
        for x in &mut out {
            *x /= norm;
        }
    }
    out
}

/// Words plus a share of the characters: close enough to a tokenizer for usage headers.
fn tokens(text: &str) -> u64 {
    (text.split_whitespace().count() as u64 + text.len() as u64 / 8).max(1)
}

fn ok(body: Value, input_tokens: u64) -> Result<Invoked, ApiError> {
    Ok(Invoked {
        body,
        input_tokens,
        output_tokens: None,
        chunks: Vec::new(),
    })
}

pub(crate) fn invoke(model: &Model, body: &[u8]) -> Result<Invoked, ApiError> {
    match model.family {
        Family::TitanEmbedText => titan_text(model, body),
        Family::TitanEmbedImage => titan_multimodal(body),
        Family::CohereEmbed => cohere(model, body),
        Family::NovaEmbed => nova(body),
        // Source: inferred.
        _ => Err(ApiError::invalid_model()),
    }
}

/// For an opaque ARN: the embedding family a body belongs to, if any.
pub(crate) fn family_of_body(native: &Map<String, Value>) -> Option<&'static str> {
    if native.contains_key("texts") {
        Some("cohere.embed-v4:0")
    } else if native.get("taskType").and_then(Value::as_str) == Some("SINGLE_EMBEDDING") {
        Some("amazon.nova-2-multimodal-embeddings-v1:0")
    } else if native.contains_key("inputImage") || native.contains_key("embeddingConfig") {
        Some("amazon.titan-embed-image-v1")
    } else if native.contains_key("inputText") {
        Some("amazon.titan-embed-text-v2:0")
    } else {
        None
    }
}

fn enum_violation(path: &str, v: &Value) -> String {
    format!("#/{path}: {} is not a valid enum value", plain(v))
}

fn plain(v: &Value) -> String {
    v.as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string())
}

fn decode_image(b64: &str, path: &str) -> Result<Vec<u8>, ApiError> {
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .ok()
        .filter(|b| !b.is_empty())
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        .ok_or_else(|| malformed(&[format!("#/{path}: invalid base64 image data")]))
}

// --- Titan --------------------------------------------------------------------------------

fn titan_text(model: &Model, body: &[u8]) -> Result<Invoked, ApiError> {
    let native = parse_native(body)?;
    let v2 = model.id.contains("v2");
    let permitted: &[&str] = if v2 {
        &["inputText", "dimensions", "normalize", "embeddingTypes"]
    } else {
        &["inputText"]
    };
    let mut v = check_keys(&native, &["inputText"], permitted);
    let text = native.get("inputText");
    if let Some(t) = text
        && !t.is_string()
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push("#/inputText: expected type: String, found: ".to_string() + json_type(t));
    }
    let dims = match native.get("dimensions") {
        None => 1024,
        Some(d) => match d.as_u64() {
            Some(n @ (256 | 512 | 1024)) => n as usize,
            _ => {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                v.push(format!("#/dimensions: {d} is not a valid enum value"));
                1024
            }
        },
    };
    let normalize = match native.get("normalize") {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!(
                "#/normalize: expected type: Boolean, found: {}",
                json_type(other)
            ));
            true
        }
    };
    let mut types: Vec<&str> = Vec::new();
    if let Some(t) = native.get("embeddingTypes") {
        match t.as_array() {
            Some(list) if !list.is_empty() => {
                for (i, e) in list.iter().enumerate() {
                    match e.as_str() {
                        Some(s @ ("float" | "binary")) => types.push(s),
                        // Source: inferred from the Smithy model's constraints, in Coral's report format.
                        _ => v.push(enum_violation(&format!("embeddingTypes/{i}"), e)),
                    }
                }
            }
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            Some(_) => v.push("#/embeddingTypes: expected minimum item count: 1, found: 0".into()),
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            None => v.push(format!(
                "#/embeddingTypes: expected type: JSONArray, found: {}",
                json_type(t)
            )),
        }
    }
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    let text = text.and_then(Value::as_str).unwrap_or_default();
    if text.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&[
            "#/inputText: expected minLength: 1, actual: 0".into(),
        ]));
    }
    if text.chars().count() > 50_000 {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&[format!(
            "#/inputText: expected maxLength: 50000, actual: {}",
            text.chars().count()
        )]));
    }
    let dims = if v2 { dims } else { 1536 };
    let tokens = tokens(text);
    let vector = embedding(text, dims, normalize && v2);
    let mut body = json!({"embedding": vector, "inputTextTokenCount": tokens});
    if v2 {
        // The recordings show embeddingsByType even when no type was asked for
        // (embeddings/TestBedrock.test_titan_v2_minimal.yaml and the other titan_v2 cassettes).
        if types.is_empty() {
            types.push("float");
        }
        let mut by_type = Map::new();
        for t in types {
            let value = if t == "binary" {
                json!(
                    vector
                        .iter()
                        .map(|x| u8::from(*x > 0.0))
                        .collect::<Vec<_>>()
                )
            } else {
                json!(vector)
            };
            by_type.insert(t.into(), value);
        }
        body["embeddingsByType"] = Value::Object(by_type);
    }
    ok(body, tokens)
}

fn titan_multimodal(body: &[u8]) -> Result<Invoked, ApiError> {
    let native = parse_native(body)?;
    let mut v = check_keys(
        &native,
        &[],
        &["inputText", "inputImage", "embeddingConfig"],
    );
    let text = native.get("inputText").and_then(Value::as_str);
    let image = native.get("inputImage").and_then(Value::as_str);
    if text.is_none() && image.is_none() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push("#: required key [inputText] or [inputImage] not found".into());
    }
    let mut dims = 1024;
    if let Some(c) = native.get("embeddingConfig") {
        match c.get("outputEmbeddingLength") {
            None => {}
            Some(d) => match d.as_u64() {
                Some(n @ (256 | 384 | 1024)) => dims = n as usize,
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                _ => v.push(enum_violation("embeddingConfig/outputEmbeddingLength", d)),
            },
        }
    }
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    if let Some(t) = text
        && t.is_empty()
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&[
            "#/inputText: expected minLength: 1, actual: 0".into(),
        ]));
    }
    let mut seed = text.unwrap_or_default().to_string();
    if let Some(img) = image {
        let bytes = decode_image(img, "inputImage")?;
        seed.push_str(&format!("\u{0}image:{}", hex::encode(sha256(&bytes))));
    }
    let t = text.map(tokens).unwrap_or(0);
    let vector = embedding(&seed, dims, true);
    ok(
        json!({"embedding": vector, "inputTextTokenCount": t, "message": null}),
        t.max(1),
    )
}

fn sha256(b: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::digest(b).to_vec()
}

// --- Cohere -------------------------------------------------------------------------------

const COHERE_INPUT_TYPES: &[&str] = &[
    "search_document",
    "search_query",
    "classification",
    "clustering",
    "image",
];
const COHERE_TYPES: &[&str] = &["float", "int8", "uint8", "binary", "ubinary"];

fn cohere(model: &Model, body: &[u8]) -> Result<Invoked, ApiError> {
    let native = parse_native(body)?;
    let v4 = model.id.contains("v4");
    let permitted: &[&str] = if v4 {
        &[
            "texts",
            "images",
            "inputs",
            "input_type",
            "truncate",
            "embedding_types",
            "output_dimension",
            "max_tokens",
        ]
    } else {
        &[
            "texts",
            "images",
            "input_type",
            "truncate",
            "embedding_types",
        ]
    };
    let mut v = check_keys(&native, &["input_type"], permitted);
    let mut texts: Vec<&str> = Vec::new();
    match native.get("texts") {
        None => {
            if !native.contains_key("images") && !native.contains_key("inputs") {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                v.push("#: required key [texts] not found".into());
            }
        }
        Some(Value::Array(list)) => {
            if list.len() > 96 {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                v.push(format!(
                    "#/texts: expected maximum item count: 96, found: {}",
                    list.len()
                ));
            }
            for (i, t) in list.iter().enumerate() {
                match t.as_str() {
                    Some(s) => {
                        let n = s.chars().count();
                        if !v4 && n > 2048 {
                            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                            v.push(format!(
                                "#/texts/{i}: expected maxLength: 2048, actual: {n}"
                            ));
                        }
                        texts.push(s);
                    }
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    None => v.push(format!(
                        "#/texts/{i}: expected type: String, found: {}",
                        json_type(t)
                    )),
                }
            }
        }
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        Some(other) => v.push(format!(
            "#/texts: expected type: JSONArray, found: {}",
            json_type(other)
        )),
    }
    if let Some(t) = native.get("input_type")
        && !t.as_str().is_some_and(|s| COHERE_INPUT_TYPES.contains(&s))
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(enum_violation("input_type", t));
    }
    if let Some(t) = native.get("truncate")
        && !matches!(t.as_str(), Some("NONE" | "START" | "END"))
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(enum_violation("truncate", t));
    }
    let mut types: Vec<&str> = Vec::new();
    if let Some(t) = native.get("embedding_types") {
        match t.as_array() {
            Some(list) => {
                for (i, e) in list.iter().enumerate() {
                    match e.as_str() {
                        Some(s) if COHERE_TYPES.contains(&s) => types.push(s),
                        // Source: inferred from the Smithy model's constraints, in Coral's report format.
                        _ => v.push(enum_violation(&format!("embedding_types/{i}"), e)),
                    }
                }
            }
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            None => v.push(format!(
                "#/embedding_types: expected type: JSONArray, found: {}",
                json_type(t)
            )),
        }
    }
    let mut dims = if v4 { 1536 } else { 1024 };
    if let Some(d) = native.get("output_dimension") {
        match d.as_u64() {
            Some(n @ (256 | 512 | 1024 | 1536)) => dims = n as usize,
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            _ => v.push(enum_violation("output_dimension", d)),
        }
    }
    if !v.is_empty() {
        // Source: the emulator's own (no Bedrock counterpart).
        return Err(malformed(&v));
    }
    if native.contains_key("images") || native.contains_key("inputs") {
        // Source: the emulator's own (no Bedrock counterpart).
        return Err(ApiError::validation(
            "The brock emulator does not embed Cohere images; send texts.",
        ));
    }
    if texts.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&[
            "#/texts: expected minimum item count: 1, found: 0".into(),
        ]));
    }
    let vectors: Vec<Vec<f64>> = texts.iter().map(|t| embedding(t, dims, true)).collect();
    let input_tokens: u64 = texts.iter().map(|t| tokens(t)).sum();
    // English v3 echoes the texts lowercased (recorded: embeddings/TestBedrock.test_cohere_v3_minimal.yaml); the others echo them as sent.
    let echoed: Vec<String> = texts
        .iter()
        .map(|t| {
            if model.id.contains("english-v3") {
                t.to_lowercase()
            } else {
                t.to_string()
            }
        })
        .collect();
    let id = uuid::Uuid::new_v4().to_string();
    let body = if !v4 && types.is_empty() {
        json!({"embeddings": vectors, "id": id, "response_type": "embeddings_floats", "texts": echoed})
    } else {
        if types.is_empty() {
            types.push("float");
        }
        let mut by_type = Map::new();
        for t in types {
            let list: Vec<Value> = vectors.iter().map(|vec| cohere_typed(vec, t)).collect();
            by_type.insert(t.into(), Value::Array(list));
        }
        json!({"embeddings": by_type, "id": id, "response_type": "embeddings_by_type", "texts": echoed})
    };
    ok(body, input_tokens)
}

/// Cohere's quantized forms: int8/uint8 one value per dimension, binary/ubinary the sign
/// bits packed eight to a byte (binary as signed bytes).
fn cohere_typed(vec: &[f64], ty: &str) -> Value {
    let scale = vec
        .iter()
        .fold(0f64, |m, x| m.max(x.abs()))
        .max(f64::MIN_POSITIVE);
    match ty {
        "int8" => json!(
            vec.iter()
                .map(|x| (x / scale * 127.0).round() as i64)
                .collect::<Vec<_>>()
        ),
        "uint8" => json!(
            vec.iter()
                .map(|x| ((x / scale + 1.0) * 127.5).round() as i64)
                .collect::<Vec<_>>()
        ),
        "binary" | "ubinary" => {
            let packed: Vec<i64> = vec
                .chunks(8)
                .map(|c| {
                    let byte = c
                        .iter()
                        .enumerate()
                        .fold(0u8, |b, (i, x)| b | (u8::from(*x > 0.0) << (7 - i)));
                    if ty == "binary" {
                        byte as i64 - 128
                    } else {
                        byte as i64
                    }
                })
                .collect();
            json!(packed)
        }
        _ => json!(vec),
    }
}

// --- Nova ---------------------------------------------------------------------------------

const NOVA_PURPOSES: &[&str] = &[
    "GENERIC_INDEX",
    "GENERIC_RETRIEVAL",
    "TEXT_RETRIEVAL",
    "IMAGE_RETRIEVAL",
    "VIDEO_RETRIEVAL",
    "DOCUMENT_RETRIEVAL",
    "AUDIO_RETRIEVAL",
    "CLASSIFICATION",
    "CLUSTERING",
];

fn nova(body: &[u8]) -> Result<Invoked, ApiError> {
    let native = parse_native(body)?;
    let mut v = check_keys(
        &native,
        &["taskType"],
        &["schemaVersion", "taskType", "singleEmbeddingParams"],
    );
    if let Some(t) = native.get("taskType")
        && t.as_str() != Some("SINGLE_EMBEDDING")
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(enum_violation("taskType", t));
    }
    let empty = Map::new();
    let params = match native.get("singleEmbeddingParams") {
        Some(Value::Object(p)) => p,
        Some(other) => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!(
                "#/singleEmbeddingParams: expected type: JSONObject, found: {}",
                json_type(other)
            ));
            &empty
        }
        None => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push("#: required key [singleEmbeddingParams] not found".into());
            &empty
        }
    };
    for key in params.keys() {
        if ![
            "embeddingPurpose",
            "embeddingDimension",
            "text",
            "image",
            "audio",
            "video",
        ]
        .contains(&key.as_str())
        {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!(
                "#/singleEmbeddingParams: extraneous key [{key}] is not permitted"
            ));
        }
    }
    match params.get("embeddingPurpose") {
        None if !params.is_empty() => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push("#/singleEmbeddingParams: required key [embeddingPurpose] not found".into())
        }
        Some(p) if !p.as_str().is_some_and(|s| NOVA_PURPOSES.contains(&s)) => {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            v.push(enum_violation("singleEmbeddingParams/embeddingPurpose", p))
        }
        _ => {}
    }
    let mut dims = 3072;
    if let Some(d) = params.get("embeddingDimension") {
        match d.as_u64() {
            Some(n @ (256 | 384 | 1024 | 3072)) => dims = n as usize,
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            _ => v.push(enum_violation(
                "singleEmbeddingParams/embeddingDimension",
                d,
            )),
        }
    }
    let modalities: Vec<&str> = ["text", "image", "audio", "video"]
        .into_iter()
        .filter(|k| params.contains_key(*k))
        .collect();
    if !params.is_empty() && modalities.len() != 1 {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push(format!(
            "#/singleEmbeddingParams: expected exactly one of [text, image, audio, video], found: {}",
            modalities.len()
        ));
    }
    let mut seed = String::new();
    let mut kind = "TEXT";
    let mut input_tokens = 1;
    if let Some(t) = params.get("text") {
        match t.get("value").and_then(Value::as_str) {
            Some(s) if !s.is_empty() => {
                seed = s.to_string();
                input_tokens = tokens(s) + 2;
            }
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            Some(_) => v.push(
                "#/singleEmbeddingParams/text/value: expected minLength: 1, actual: 0".into(),
            ),
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            None => v.push("#/singleEmbeddingParams/text: required key [value] not found".into()),
        }
        match t.get("truncationMode") {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            None => v.push(
                "#/singleEmbeddingParams/text: required key [truncationMode] not found".into(),
            ),
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            Some(m) if !matches!(m.as_str(), Some("START" | "END" | "NONE")) => v.push(
                enum_violation("singleEmbeddingParams/text/truncationMode", m),
            ),
            _ => {}
        }
    }
    if let Some(img) = params.get("image") {
        kind = "IMAGE";
        match img.get("format").and_then(Value::as_str) {
            Some("png" | "jpeg" | "gif" | "webp") => {}
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            _ => v.push(enum_violation(
                "singleEmbeddingParams/image/format",
                img.get("format").unwrap_or(&Value::Null),
            )),
        }
        match img.pointer("/source/bytes").and_then(Value::as_str) {
            Some(b) => {
                if v.is_empty() {
                    let bytes = decode_image(b, "singleEmbeddingParams/image/source/bytes")?;
                    seed = format!("image:{}", hex::encode(sha256(&bytes)));
                    input_tokens = 100;
                }
            }
            // Source: the emulator's own (no Bedrock counterpart).
            None => v.push(
                "#/singleEmbeddingParams/image/source: required key [bytes] not found".into(),
            ),
        }
    }
    if params.contains_key("audio") || params.contains_key("video") {
        // Source: the emulator's own (no Bedrock counterpart).
        return Err(ApiError::validation(
            "The brock emulator does not embed audio or video; send text or an image.",
        ));
    }
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    let vector = embedding(&seed, dims, true);
    ok(
        json!({"embeddings": [{"embeddingType": kind, "embedding": vector}]}),
        input_tokens,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    fn run(id: &str, body: Value) -> Result<Invoked, ApiError> {
        invoke(catalog::find(id).unwrap(), body.to_string().as_bytes())
    }

    #[test]
    fn titan_v2_dimensions_types_and_validation() {
        let out = run(
            "amazon.titan-embed-text-v2:0",
            json!({"inputText": "Hello, world!", "dimensions": 256}),
        )
        .unwrap();
        let e = out.body["embedding"].as_array().unwrap();
        assert_eq!(e.len(), 256);
        let norm: f64 = e.iter().map(|x| x.as_f64().unwrap().powi(2)).sum();
        assert!((norm - 1.0).abs() < 1e-9);
        assert_eq!(out.body["embeddingsByType"]["float"], out.body["embedding"]);
        let out = run(
            "amazon.titan-embed-text-v2:0",
            json!({"inputText": "x", "embeddingTypes": ["binary"]}),
        )
        .unwrap();
        assert!(
            out.body["embeddingsByType"]["binary"]
                .as_array()
                .unwrap()
                .iter()
                .all(|b| b == 0 || b == 1)
        );
        let err = run(
            "amazon.titan-embed-text-v2:0",
            json!({"inputText": "a", "dimensions": 100}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .contains("#/dimensions: 100 is not a valid enum value")
        );
        let err = run(
            "amazon.titan-embed-text-v1",
            json!({"inputText": "a", "dimensions": 256}),
        )
        .err()
        .unwrap();
        assert!(err.message.contains("extraneous key [dimensions]"));
        let v1 = run("amazon.titan-embed-text-v1", json!({"inputText": "a"})).unwrap();
        assert_eq!(v1.body["embedding"].as_array().unwrap().len(), 1536);
        assert!(v1.body.get("embeddingsByType").is_none());
    }

    #[test]
    fn cohere_batches_types_and_limits() {
        let out = run(
            "cohere.embed-english-v3",
            json!({"texts": ["Hello", "World"], "input_type": "search_query", "truncate": "NONE"}),
        )
        .unwrap();
        assert_eq!(out.body["response_type"], "embeddings_floats");
        assert_eq!(out.body["texts"], json!(["hello", "world"]));
        assert_eq!(out.body["embeddings"].as_array().unwrap().len(), 2);
        assert_eq!(out.body["embeddings"][0].as_array().unwrap().len(), 1024);
        let out = run(
            "cohere.embed-v4:0",
            json!({"texts": ["a"], "input_type": "clustering", "output_dimension": 512, "embedding_types": ["int8", "binary"]}),
        )
        .unwrap();
        assert_eq!(out.body["response_type"], "embeddings_by_type");
        assert_eq!(
            out.body["embeddings"]["int8"][0].as_array().unwrap().len(),
            512
        );
        assert_eq!(
            out.body["embeddings"]["binary"][0]
                .as_array()
                .unwrap()
                .len(),
            64
        );
        let many: Vec<String> = (0..97).map(|i| i.to_string()).collect();
        let err = run(
            "cohere.embed-v4:0",
            json!({"texts": many, "input_type": "search_query"}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .contains("expected maximum item count: 96, found: 97")
        );
        let err = run(
            "cohere.embed-v4:0",
            json!({"texts": ["a"], "input_type": "query"}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .contains("#/input_type: query is not a valid enum value")
        );
    }

    #[test]
    fn nova_and_equal_texts_give_equal_vectors() {
        let body = json!({"taskType": "SINGLE_EMBEDDING", "singleEmbeddingParams": {
            "embeddingPurpose": "GENERIC_INDEX", "embeddingDimension": 256,
            "text": {"value": "hello", "truncationMode": "END"}}});
        let a = run("amazon.nova-2-multimodal-embeddings-v1:0", body.clone()).unwrap();
        let b = run("amazon.nova-2-multimodal-embeddings-v1:0", body).unwrap();
        assert_eq!(a.body, b.body);
        assert_eq!(a.body["embeddings"][0]["embeddingType"], "TEXT");
        assert_eq!(
            a.body["embeddings"][0]["embedding"]
                .as_array()
                .unwrap()
                .len(),
            256
        );
        let err = run(
            "amazon.nova-2-multimodal-embeddings-v1:0",
            json!({"taskType": "SINGLE_EMBEDDING", "singleEmbeddingParams": {"embeddingPurpose": "GENERIC_INDEX", "text": {"value": "x"}}}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .contains("required key [truncationMode] not found")
        );
    }

    #[test]
    fn periodic_throttle_counts_requests() {
        let t = PeriodicThrottle::default();
        let mut h = http::HeaderMap::new();
        assert!(t.check(&h).is_none());
        h.insert(THROTTLE_EVERY_HEADER, "3".parse().unwrap());
        let hits: Vec<bool> = (0..6).map(|_| t.check(&h).is_some()).collect();
        assert_eq!(hits, [false, false, true, false, false, true]);
    }
}

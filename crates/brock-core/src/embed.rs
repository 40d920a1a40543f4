//! Embedding models: which body family a model id speaks, the InvokeModel request body for a
//! batch of texts, and the vectors parsed back out of the answer. Pure: no I/O.
//!
//! Families (bodies as recorded in `fixtures/recorded/embeddings`):
//! - Titan Text Embeddings v1 `{"inputText"}` and v2 `{"inputText","dimensions","normalize",
//!   "embeddingTypes"}`: one text per call;
//! - Titan Multimodal `{"inputText","inputImage","embeddingConfig":{"outputEmbeddingLength"}}`;
//! - Cohere Embed v3/v4 `{"texts":[…],"input_type","truncate","embedding_types",
//!   "output_dimension"}`: up to 96 texts per call;
//! - Nova multimodal `{"taskType":"SINGLE_EMBEDDING","singleEmbeddingParams":{…}}`.

use base64::Engine;
use serde_json::{Map, Value, json};

use super::error::{Error, Result};
use super::model::{ModelFamily, ModelRef};

/// Cohere accepts at most this many texts per InvokeModel call.
pub const COHERE_MAX_BATCH: usize = 96;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedFamily {
    TitanV1,
    TitanV2,
    TitanMultimodal,
    CohereV3,
    CohereV4,
    Nova,
}

impl EmbedFamily {
    /// The family of an embedding model id (bare, profile id, or ARN naming the model).
    pub fn detect(model: &str) -> Option<EmbedFamily> {
        let base = ModelRef::parse(model)
            .ok()
            .and_then(|r| r.base_model_id().map(str::to_string))
            .unwrap_or_else(|| model.to_string());
        let rest = base.split_once('.').map(|(_, r)| r).unwrap_or("");
        match ModelFamily::from_model_id(&base) {
            ModelFamily::Titan if rest.starts_with("titan-embed-text-v1") => Some(Self::TitanV1),
            ModelFamily::Titan if rest.starts_with("titan-embed-text") => Some(Self::TitanV2),
            ModelFamily::Titan if rest.starts_with("titan-embed-image") => {
                Some(Self::TitanMultimodal)
            }
            ModelFamily::Cohere if rest.starts_with("embed-v4") => Some(Self::CohereV4),
            ModelFamily::Cohere if rest.starts_with("embed-") => Some(Self::CohereV3),
            ModelFamily::Nova | ModelFamily::Nova2 if rest.contains("embeddings") => {
                Some(Self::Nova)
            }
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::TitanV1 => "Titan Text Embeddings v1",
            Self::TitanV2 => "Titan Text Embeddings v2",
            Self::TitanMultimodal => "Titan Multimodal Embeddings",
            Self::CohereV3 => "Cohere Embed v3",
            Self::CohereV4 => "Cohere Embed v4",
            Self::Nova => "Nova multimodal embeddings",
        }
    }

    /// Texts per call.
    pub fn max_batch(self) -> usize {
        match self {
            Self::CohereV3 | Self::CohereV4 => COHERE_MAX_BATCH,
            _ => 1,
        }
    }

    /// Longest text the model takes, in characters (the documented limits; Cohere v3 counts
    /// characters, the others tokens, approximated as the documented character ceiling).
    pub fn max_chars(self) -> usize {
        match self {
            Self::TitanV1 | Self::TitanV2 => 50_000,
            Self::TitanMultimodal => 512 * 4,
            Self::CohereV3 => 2048,
            Self::CohereV4 => 128_000 * 4,
            Self::Nova => 8192 * 4,
        }
    }

    /// Allowed `--dimensions` values; empty when the model has one fixed size.
    pub fn dimensions(self) -> &'static [u32] {
        match self {
            Self::TitanV1 | Self::CohereV3 => &[],
            Self::TitanV2 => &[256, 512, 1024],
            Self::TitanMultimodal => &[256, 384, 1024],
            Self::CohereV4 => &[256, 512, 1024, 1536],
            Self::Nova => &[256, 384, 1024, 3072],
        }
    }

    /// Allowed `--embedding-type` values; the first is the default.
    pub fn embedding_types(self) -> &'static [&'static str] {
        match self {
            Self::TitanV2 => &["float", "binary"],
            Self::CohereV3 | Self::CohereV4 => &["float", "int8", "uint8", "binary", "ubinary"],
            _ => &["float"],
        }
    }

    pub fn accepts_image(self) -> bool {
        matches!(self, Self::TitanMultimodal | Self::Nova)
    }
}

/// How the caller means to use the vectors (Cohere `input_type`, Nova `embeddingPurpose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputType {
    SearchDocument,
    SearchQuery,
    Classification,
    Clustering,
}

impl InputType {
    pub fn parse(s: &str) -> Result<InputType> {
        Ok(match s {
            "search_document" => Self::SearchDocument,
            "search_query" => Self::SearchQuery,
            "classification" => Self::Classification,
            "clustering" => Self::Clustering,
            _ => {
                return Err(Error::Invalid(format!(
                    "--input-type {s:?}: expected search_document, search_query, classification or clustering"
                )));
            }
        })
    }

    fn cohere(self) -> &'static str {
        match self {
            Self::SearchDocument => "search_document",
            Self::SearchQuery => "search_query",
            Self::Classification => "classification",
            Self::Clustering => "clustering",
        }
    }

    fn nova(self) -> &'static str {
        match self {
            Self::SearchDocument => "GENERIC_INDEX",
            Self::SearchQuery => "GENERIC_RETRIEVAL",
            Self::Classification => "CLASSIFICATION",
            Self::Clustering => "CLUSTERING",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truncate {
    None,
    Start,
    End,
}

impl Truncate {
    pub fn parse(s: &str) -> Result<Truncate> {
        Ok(match s.to_ascii_uppercase().as_str() {
            "NONE" => Self::None,
            "START" => Self::Start,
            "END" => Self::End,
            _ => {
                return Err(Error::Invalid(format!(
                    "--truncate {s:?}: expected NONE, START or END"
                )));
            }
        })
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::None => "NONE",
            Self::Start => "START",
            Self::End => "END",
        }
    }
}

/// An image to embed with a multimodal model.
#[derive(Debug, Clone)]
pub struct EmbedImage {
    /// `png`, `jpeg`, `gif` or `webp`.
    pub format: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct EmbedOptions {
    pub dimensions: Option<u32>,
    pub normalize: Option<bool>,
    /// `None`: the model's default (float).
    pub embedding_type: Option<String>,
    pub input_type: Option<InputType>,
    pub truncate: Option<Truncate>,
    pub image: Option<EmbedImage>,
}

impl EmbedOptions {
    /// Refuses options the family does not have, before anything is sent.
    pub fn validate(&self, family: EmbedFamily) -> Result<()> {
        let bad = |what: &str| {
            Err(Error::Invalid(format!(
                "{what} is not supported by {}",
                family.name()
            )))
        };
        if let Some(d) = self.dimensions {
            let allowed = family.dimensions();
            if allowed.is_empty() {
                return bad("--dimensions");
            }
            if !allowed.contains(&d) {
                let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
                return Err(Error::Invalid(format!(
                    "--dimensions {d}: {} takes {}",
                    family.name(),
                    list.join(", ")
                )));
            }
        }
        if self.normalize.is_some() && family != EmbedFamily::TitanV2 {
            return bad("--normalize");
        }
        if let Some(t) = &self.embedding_type
            && !family.embedding_types().contains(&t.as_str())
        {
            return Err(Error::Invalid(format!(
                "--embedding-type {t}: {} returns {}",
                family.name(),
                family.embedding_types().join(", ")
            )));
        }
        if self.input_type.is_some()
            && !matches!(
                family,
                EmbedFamily::CohereV3 | EmbedFamily::CohereV4 | EmbedFamily::Nova
            )
        {
            return bad("--input-type");
        }
        if self.truncate.is_some()
            && !matches!(
                family,
                EmbedFamily::CohereV3 | EmbedFamily::CohereV4 | EmbedFamily::Nova
            )
        {
            return bad("--truncate");
        }
        if self.image.is_some() && !family.accepts_image() {
            return bad("--image");
        }
        Ok(())
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The InvokeModel body for `texts` (one text unless the family batches). `texts` may be
/// empty only with an image.
pub fn request_body(family: EmbedFamily, texts: &[&str], o: &EmbedOptions) -> Value {
    let first = texts.first().copied();
    match family {
        EmbedFamily::TitanV1 => json!({"inputText": first.unwrap_or_default()}),
        EmbedFamily::TitanV2 => {
            let mut b = Map::new();
            b.insert("inputText".into(), json!(first.unwrap_or_default()));
            if let Some(d) = o.dimensions {
                b.insert("dimensions".into(), json!(d));
            }
            if let Some(n) = o.normalize {
                b.insert("normalize".into(), json!(n));
            }
            if let Some(t) = &o.embedding_type {
                b.insert("embeddingTypes".into(), json!([t]));
            }
            Value::Object(b)
        }
        EmbedFamily::TitanMultimodal => {
            let mut b = Map::new();
            if let Some(t) = first {
                b.insert("inputText".into(), json!(t));
            }
            if let Some(img) = &o.image {
                b.insert("inputImage".into(), json!(b64(&img.bytes)));
            }
            if let Some(d) = o.dimensions {
                b.insert(
                    "embeddingConfig".into(),
                    json!({"outputEmbeddingLength": d}),
                );
            }
            Value::Object(b)
        }
        EmbedFamily::CohereV3 | EmbedFamily::CohereV4 => {
            let mut b = Map::new();
            b.insert("texts".into(), json!(texts));
            b.insert(
                "input_type".into(),
                json!(o.input_type.unwrap_or(InputType::SearchDocument).cohere()),
            );
            if let Some(d) = o.dimensions {
                b.insert("output_dimension".into(), json!(d));
            }
            b.insert(
                "truncate".into(),
                json!(o.truncate.unwrap_or(Truncate::None).as_str()),
            );
            if let Some(t) = &o.embedding_type {
                b.insert("embedding_types".into(), json!([t]));
            }
            Value::Object(b)
        }
        EmbedFamily::Nova => {
            let mut p = Map::new();
            p.insert(
                "embeddingPurpose".into(),
                json!(o.input_type.unwrap_or(InputType::SearchDocument).nova()),
            );
            if let Some(d) = o.dimensions {
                p.insert("embeddingDimension".into(), json!(d));
            }
            if let Some(t) = first {
                p.insert(
                    "text".into(),
                    json!({"value": t, "truncationMode": o.truncate.unwrap_or(Truncate::End).as_str()}),
                );
            }
            if let Some(img) = &o.image {
                p.insert(
                    "image".into(),
                    json!({"format": img.format, "source": {"bytes": b64(&img.bytes)}}),
                );
            }
            json!({"taskType": "SINGLE_EMBEDDING", "singleEmbeddingParams": p})
        }
    }
}

/// One vector as the model returned it.
#[derive(Debug, Clone, PartialEq)]
pub enum Vector {
    Float(Vec<f64>),
    /// int8/uint8/binary/ubinary (Cohere packs bits into bytes; Titan gives 0/1 per dimension).
    Int(Vec<i64>),
}

impl Vector {
    pub fn len(&self) -> usize {
        match self {
            Vector::Float(v) => v.len(),
            Vector::Int(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn to_json(&self) -> Value {
        match self {
            Vector::Float(v) => json!(v),
            Vector::Int(v) => json!(v),
        }
    }

    /// OpenAI `encoding_format: base64`: little-endian f32 for floats, one byte per value
    /// for integer types.
    pub fn to_base64(&self) -> String {
        let bytes: Vec<u8> = match self {
            Vector::Float(v) => v.iter().flat_map(|x| (*x as f32).to_le_bytes()).collect(),
            Vector::Int(v) => v.iter().map(|x| *x as u8).collect(),
        };
        b64(&bytes)
    }
}

fn protocol(msg: impl Into<String>) -> Error {
    Error::Response(msg.into())
}

fn vector(v: &Value, what: &str) -> Result<Vector> {
    let arr = v
        .as_array()
        .ok_or_else(|| protocol(format!("the answer's {what} is not an array")))?;
    if arr.iter().all(|x| x.is_i64() || x.is_u64()) && !arr.is_empty() {
        Ok(Vector::Int(arr.iter().filter_map(Value::as_i64).collect()))
    } else {
        arr.iter()
            .map(|x| {
                x.as_f64()
                    .ok_or_else(|| protocol(format!("the answer's {what} has a non-number")))
            })
            .collect::<Result<Vec<f64>>>()
            .map(Vector::Float)
    }
}

/// The vectors of an answer, one per text sent (in order), of the requested type.
pub fn parse_response(
    family: EmbedFamily,
    body: &Value,
    embedding_type: Option<&str>,
    expected: usize,
) -> Result<Vec<Vector>> {
    let ty = embedding_type.unwrap_or("float");
    let out = match family {
        EmbedFamily::TitanV1 | EmbedFamily::TitanV2 | EmbedFamily::TitanMultimodal => {
            let v = match body.get("embeddingsByType").and_then(|b| b.get(ty)) {
                Some(v) => vector(v, &format!("embeddingsByType.{ty}"))?,
                None if ty == "float" => {
                    vector(body.get("embedding").unwrap_or(&Value::Null), "embedding")?
                }
                None => return Err(protocol(format!("the answer has no {ty} embedding"))),
            };
            // Titan returns integral floats now and then; a float request stays float.
            let v = match v {
                Vector::Int(i) if ty == "float" => {
                    Vector::Float(i.into_iter().map(|x| x as f64).collect())
                }
                v => v,
            };
            vec![v]
        }
        EmbedFamily::CohereV3 | EmbedFamily::CohereV4 => {
            let e = body
                .get("embeddings")
                .ok_or_else(|| protocol("the answer has no embeddings"))?;
            let list = match e {
                Value::Array(_) => e,
                Value::Object(m) => m
                    .get(ty)
                    .ok_or_else(|| protocol(format!("the answer has no {ty} embeddings")))?,
                _ => return Err(protocol("the answer's embeddings are not a list")),
            };
            list.as_array()
                .ok_or_else(|| protocol("the answer's embeddings are not a list"))?
                .iter()
                .map(|v| {
                    let v = vector(v, "embedding")?;
                    Ok(match v {
                        Vector::Int(i) if ty == "float" => {
                            Vector::Float(i.into_iter().map(|x| x as f64).collect())
                        }
                        v => v,
                    })
                })
                .collect::<Result<Vec<_>>>()?
        }
        EmbedFamily::Nova => body
            .get("embeddings")
            .and_then(Value::as_array)
            .ok_or_else(|| protocol("the answer has no embeddings"))?
            .iter()
            .map(|e| {
                let v = vector(e.get("embedding").unwrap_or(&Value::Null), "embedding")?;
                Ok(match v {
                    Vector::Int(i) => Vector::Float(i.into_iter().map(|x| x as f64).collect()),
                    v => v,
                })
            })
            .collect::<Result<Vec<_>>>()?,
    };
    if out.len() != expected {
        return Err(protocol(format!(
            "the answer has {} embeddings for {expected} inputs",
            out.len()
        )));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn recorded() -> Vec<(String, Value, Value)> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/recorded/embeddings");
        let mut out = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("vendored fixtures in tests/fixtures/recorded")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        files.sort();
        for f in files {
            let doc: serde_yaml::Value =
                serde_yaml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            for it in doc["interactions"].as_sequence().unwrap() {
                let uri = it["request"]["uri"].as_str().unwrap();
                let model = uri
                    .split("/model/")
                    .nth(1)
                    .unwrap()
                    .trim_end_matches("/invoke")
                    .replace("%3A", ":")
                    .replace("%2F", "/");
                let req: Value =
                    serde_json::from_str(it["request"]["body"].as_str().unwrap()).unwrap();
                let resp: Value = serde_json::to_value(&it["response"]["parsed_body"]).unwrap();
                out.push((model, req, resp));
            }
        }
        out
    }

    fn options_from(family: EmbedFamily, req: &Value) -> EmbedOptions {
        let mut o = EmbedOptions::default();
        match family {
            EmbedFamily::TitanV1 | EmbedFamily::TitanV2 => {
                o.dimensions = req["dimensions"].as_u64().map(|d| d as u32);
                o.normalize = req["normalize"].as_bool();
            }
            EmbedFamily::CohereV3 | EmbedFamily::CohereV4 => {
                o.input_type = req["input_type"]
                    .as_str()
                    .map(|s| InputType::parse(s).unwrap());
                o.truncate = req["truncate"]
                    .as_str()
                    .map(|s| Truncate::parse(s).unwrap());
                o.dimensions = req["output_dimension"].as_u64().map(|d| d as u32);
            }
            EmbedFamily::Nova => {
                let p = &req["singleEmbeddingParams"];
                o.input_type = match p["embeddingPurpose"].as_str().unwrap() {
                    "GENERIC_INDEX" => Some(InputType::SearchDocument),
                    "GENERIC_RETRIEVAL" => Some(InputType::SearchQuery),
                    _ => None,
                };
                o.truncate = p["text"]["truncationMode"]
                    .as_str()
                    .map(|s| Truncate::parse(s).unwrap());
                o.dimensions = p["embeddingDimension"].as_u64().map(|d| d as u32);
            }
            EmbedFamily::TitanMultimodal => {}
        }
        o
    }

    #[test]
    fn bodies_and_answers_match_the_recordings() {
        let all = recorded();
        assert!(all.len() >= 25);
        let mut checked = 0;
        for (model, req, resp) in all {
            // An application inference profile hides its model; this one is Titan v2.
            let family = match EmbedFamily::detect(&model) {
                Some(f) => f,
                None if model.contains(":application-inference-profile/") => EmbedFamily::TitanV2,
                None => panic!("{model}"),
            };
            let texts: Vec<String> = match family {
                EmbedFamily::CohereV3 | EmbedFamily::CohereV4 => req["texts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_string())
                    .collect(),
                EmbedFamily::Nova => vec![
                    req["singleEmbeddingParams"]["text"]["value"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                ],
                _ => vec![req["inputText"].as_str().unwrap().to_string()],
            };
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let o = options_from(family, &req);
            o.validate(family).unwrap();
            // Cohere recordings carry the fields in another order; compare as values, and
            // skip the one purpose brock has no flag for (TEXT_RETRIEVAL) and max_tokens.
            let skip =
                req.to_string().contains("TEXT_RETRIEVAL") || req.get("max_tokens").is_some();
            if !skip {
                assert_eq!(request_body(family, &refs, &o), req, "{model}");
            }
            let vs = parse_response(family, &resp, None, texts.len()).unwrap();
            let want = match family {
                EmbedFamily::TitanV1 => 1536,
                EmbedFamily::CohereV3 => 1024,
                _ => o.dimensions.map(|d| d as usize).unwrap_or(match family {
                    EmbedFamily::TitanV2 => 1024,
                    EmbedFamily::CohereV4 => 1536,
                    _ => 3072,
                }),
            };
            assert!(vs.iter().all(|v| v.len() == want), "{model}");
            assert!(matches!(vs[0], Vector::Float(_)));
            checked += 1;
        }
        assert!(checked >= 25);
    }

    #[test]
    fn families_and_limits() {
        use EmbedFamily::*;
        for (id, f) in [
            ("amazon.titan-embed-text-v1", TitanV1),
            ("amazon.titan-embed-text-v2:0", TitanV2),
            ("amazon.titan-embed-image-v1", TitanMultimodal),
            ("cohere.embed-english-v3", CohereV3),
            ("cohere.embed-multilingual-v3", CohereV3),
            ("us.cohere.embed-v4:0", CohereV4),
            ("amazon.nova-2-multimodal-embeddings-v1:0", Nova),
            (
                "arn:aws:bedrock:us-east-1::foundation-model/cohere.embed-v4:0",
                CohereV4,
            ),
        ] {
            assert_eq!(EmbedFamily::detect(id), Some(f), "{id}");
        }
        assert_eq!(EmbedFamily::detect("amazon.nova-lite-v1:0"), None);
        assert_eq!(CohereV4.max_batch(), 96);
        let o = EmbedOptions {
            dimensions: Some(300),
            ..Default::default()
        };
        assert!(
            o.validate(TitanV2)
                .unwrap_err()
                .to_string()
                .contains("256, 512, 1024")
        );
        let o = EmbedOptions {
            normalize: Some(true),
            ..Default::default()
        };
        assert!(o.validate(CohereV4).is_err());
        let o = EmbedOptions {
            embedding_type: Some("binary".into()),
            ..Default::default()
        };
        o.validate(TitanV2).unwrap();
        assert!(o.validate(Nova).is_err());
    }

    #[test]
    fn typed_answers() {
        let titan = json!({"embedding": [0.5, -0.5], "embeddingsByType": {"binary": [1, 0]}, "inputTextTokenCount": 1});
        assert_eq!(
            parse_response(EmbedFamily::TitanV2, &titan, Some("binary"), 1).unwrap(),
            vec![Vector::Int(vec![1, 0])]
        );
        let cohere = json!({"embeddings": {"int8": [[1, -2], [3, 4]]}, "response_type": "embeddings_by_type"});
        let v = parse_response(EmbedFamily::CohereV4, &cohere, Some("int8"), 2).unwrap();
        assert_eq!(v[1], Vector::Int(vec![3, 4]));
        assert!(parse_response(EmbedFamily::CohereV4, &cohere, Some("int8"), 3).is_err());
        let f = Vector::Float(vec![1.0]);
        assert_eq!(f.to_base64(), b64(&1.0f32.to_le_bytes()));
    }
}

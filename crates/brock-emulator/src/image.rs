//! InvokeModel for the image generators: Amazon Nova Canvas and Titan Image Generator (the
//! `taskType` bodies), Stability SD3.5 Large / Stable Image Core / Ultra (`prompt` bodies) and
//! SDXL (`text_prompts`). Bodies are validated as the service does; answers carry real PNG
//! images of the requested size (a deterministic pattern seeded from the prompt and seed).
//!
//! A prompt containing `[[blocked]]` is refused by the content filter: a
//! `ValidationException` for Nova/Titan, a `Filter reason: prompt` finish reason for
//! Stability, `CONTENT_FILTERED` for SDXL.

use base64::Engine;
use serde_json::{Map, Value, json};

use super::catalog::{Family, Model};
use super::errors::ApiError;
use super::invoke::{Invoked, check_keys, json_type, malformed, parse_native};

const BLOCK_MARKER: &str = "[[blocked]]";
pub(crate) const FILTERED_MESSAGE: &str = "This request has been blocked by our content filters. Our filters automatically flagged this prompt because it may conflict our AUP or AWS Responsible AI Policy. Please adjust your text prompt to submit a new request.";

pub(crate) fn invoke(model: &Model, body: &[u8]) -> Result<Invoked, ApiError> {
    let native = parse_native(body)?;
    match model.family {
        Family::TitanImage | Family::NovaCanvas => canvas(model, &native),
        // The body shape follows the model: SD3.5 and Stable Image refuse `text_prompts`.
        Family::Stability if model.id.starts_with("stability.stable-diffusion-xl") => sdxl(&native),
        Family::Stability => stability(model, &native),
        // Source: recorded, tests/fixtures/recorded/converse/test_bedrock_error.yaml (the message).
        _ => Err(ApiError::invalid_model()),
    }
}

/// For an opaque ARN: the image family a body belongs to, if any.
pub(crate) fn family_of_body(native: &Map<String, Value>) -> Option<&'static str> {
    if native.contains_key("taskType") && native.get("taskType") != Some(&json!("SINGLE_EMBEDDING"))
    {
        Some("amazon.nova-canvas-v1:0")
    } else if native.contains_key("prompt") || native.contains_key("text_prompts") {
        Some("stability.stable-image-core-v1:1")
    } else {
        None
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn enum_violation(path: &str, v: &Value) -> String {
    format!(
        "#/{path}: {} is not a valid enum value",
        v.as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string())
    )
}

fn seed_of(parts: &[&str]) -> u64 {
    use sha2::Digest;
    let d = sha2::Sha256::digest(parts.join("\u{0}").as_bytes());
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

// --- PNG ----------------------------------------------------------------------------------

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let crc = crc32(&out[start..]);
    out.extend_from_slice(&crc.to_be_bytes());
}

/// An 8-bit RGB PNG whose zlib stream uses stored (uncompressed) blocks: valid for every
/// decoder, and no compression code needed.
pub(crate) fn png(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let [r, g, b, ..] = seed.to_be_bytes();
    let row_bytes = width as usize * 3;
    let mut raw = Vec::with_capacity((row_bytes + 1) * height as usize);
    for y in 0..height {
        // Filter type None; a gradient over the seed colour, so images differ visibly.
        raw.push(0);
        let shade = (y * 255 / height.max(1)) as u8;
        for x in 0..width {
            let stripe = ((x / 16) % 2) as u8 * 24;
            raw.extend_from_slice(&[r ^ shade, g.wrapping_add(stripe), b ^ (shade / 2)]);
        }
    }
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65535).collect();
    for (i, block) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    if blocks.is_empty() {
        z.extend_from_slice(&[1, 0, 0, 0xFF, 0xFF]);
    }
    z.extend_from_slice(&adler32(&raw).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Width and height of a PNG or JPEG, when the header shows them.
fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if bytes.len() >= 24 && bytes.starts_with(b"\x89PNG") {
        let w = u32::from_be_bytes(bytes[16..20].try_into().ok()?);
        let h = u32::from_be_bytes(bytes[20..24].try_into().ok()?);
        return Some((w, h));
    }
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut i = 2;
        while i + 9 < bytes.len() {
            if bytes[i] != 0xFF {
                return None;
            }
            let marker = bytes[i + 1];
            let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
            if (0xC0..=0xC3).contains(&marker) {
                let h = u16::from_be_bytes([bytes[i + 5], bytes[i + 6]]) as u32;
                let w = u16::from_be_bytes([bytes[i + 7], bytes[i + 8]]) as u32;
                return Some((w, h));
            }
            i += 2 + len;
        }
    }
    None
}

// --- Nova Canvas / Titan Image ------------------------------------------------------------

const TASKS: &[(&str, &str)] = &[
    ("TEXT_IMAGE", "textToImageParams"),
    ("COLOR_GUIDED_GENERATION", "colorGuidedGenerationParams"),
    ("IMAGE_VARIATION", "imageVariationParams"),
    ("INPAINTING", "inPaintingParams"),
    ("OUTPAINTING", "outPaintingParams"),
    ("BACKGROUND_REMOVAL", "backgroundRemovalParams"),
];

struct Checker {
    v: Vec<String>,
}

impl Checker {
    fn text(&mut self, p: &Map<String, Value>, path: &str, key: &str, required: bool) -> String {
        match p.get(key) {
            None => {
                if required {
                    self.v
                        .push(format!("#/{path}: required key [{key}] not found"));
                }
                String::new()
            }
            Some(Value::String(s)) => {
                let n = s.chars().count();
                if n == 0 || n > 1024 {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    self.v.push(format!(
                        "#/{path}/{key}: expected {}: {}, actual: {n}",
                        if n == 0 { "minLength" } else { "maxLength" },
                        if n == 0 { 1 } else { 1024 }
                    ));
                }
                s.clone()
            }
            Some(other) => {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                self.v.push(format!(
                    "#/{path}/{key}: expected type: String, found: {}",
                    json_type(other)
                ));
                String::new()
            }
        }
    }

    fn image(&mut self, p: &Map<String, Value>, path: &str, key: &str) -> Option<Vec<u8>> {
        match p.get(key) {
            None => {
                self.v
                    .push(format!("#/{path}: required key [{key}] not found"));
                None
            }
            Some(Value::String(s)) => match base64::engine::general_purpose::STANDARD.decode(s) {
                Ok(b) if image_size(&b).is_some() => Some(b),
                _ => {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    self.v.push(format!(
                        "#/{path}/{key}: the image is not a base64-encoded PNG or JPEG"
                    ));
                    None
                }
            },
            Some(other) => {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                self.v.push(format!(
                    "#/{path}/{key}: expected type: String, found: {}",
                    json_type(other)
                ));
                None
            }
        }
    }
}

fn canvas(model: &Model, native: &Map<String, Value>) -> Result<Invoked, ApiError> {
    let mut permitted = vec!["taskType", "imageGenerationConfig"];
    permitted.extend(TASKS.iter().map(|(_, p)| *p));
    let mut c = Checker {
        v: check_keys(native, &["taskType"], &permitted),
    };
    let task = native.get("taskType");
    let params_key = match task.and_then(Value::as_str) {
        Some(t) => match TASKS.iter().find(|(name, _)| *name == t) {
            Some((_, p)) => Some(*p),
            None => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                c.v.push(enum_violation("taskType", task.unwrap_or(&Value::Null)));
                None
            }
        },
        None => None,
    };
    let empty = Map::new();
    let params = match params_key {
        Some(k) => match native.get(k) {
            Some(Value::Object(p)) => p,
            Some(other) => {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                c.v.push(format!(
                    "#/{k}: expected type: JSONObject, found: {}",
                    json_type(other)
                ));
                &empty
            }
            None => {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                c.v.push(format!("#: required key [{k}] not found"));
                &empty
            }
        },
        None => &empty,
    };
    for (_, other) in TASKS {
        if Some(*other) != params_key && native.contains_key(*other) {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            c.v.push(format!("#: extraneous key [{other}] is not permitted"));
        }
    }
    let k = params_key.unwrap_or("");
    let mut prompt = String::new();
    let mut input_size = None;
    let mut colors = Vec::new();
    match task.and_then(Value::as_str).unwrap_or("") {
        "TEXT_IMAGE" => {
            prompt = c.text(params, k, "text", true);
            c.text(params, k, "negativeText", false);
        }
        "COLOR_GUIDED_GENERATION" => {
            prompt = c.text(params, k, "text", true);
            c.text(params, k, "negativeText", false);
            match params.get("colors").and_then(Value::as_array) {
                Some(list) if (1..=10).contains(&list.len()) => {
                    for (i, col) in list.iter().enumerate() {
                        let s = col.as_str().unwrap_or("");
                        let ok = s.len() == 7
                            && s.starts_with('#')
                            && s[1..].chars().all(|ch| ch.is_ascii_hexdigit());
                        if !ok {
                            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                            c.v.push(format!(
                                "#/{k}/colors/{i}: string [{s}] does not match pattern ^#[0-9A-Fa-f]{{6}}$"
                            ));
                        } else {
                            colors.push(s.to_string());
                        }
                    }
                }
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                Some(list) => c.v.push(format!(
                    "#/{k}/colors: expected between 1 and 10 items, found: {}",
                    list.len()
                )),
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                None => c.v.push(format!("#/{k}: required key [colors] not found")),
            }
            if params.contains_key("referenceImage") {
                input_size = c
                    .image(params, k, "referenceImage")
                    .and_then(|b| image_size(&b));
            }
        }
        "IMAGE_VARIATION" => {
            prompt = c.text(params, k, "text", false);
            c.text(params, k, "negativeText", false);
            match params.get("images").and_then(Value::as_array) {
                Some(list) if (1..=5).contains(&list.len()) => {
                    let mut m = Map::new();
                    m.insert("image".into(), list[0].clone());
                    input_size = c
                        .image(&m, &format!("{k}/images"), "image")
                        .and_then(|b| image_size(&b));
                }
                _ => {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    c.v.push(format!("#/{k}/images: expected between 1 and 5 images"))
                }
            }
            if let Some(s) = params.get("similarityStrength")
                && !s.as_f64().is_some_and(|x| (0.2..=1.0).contains(&x))
            {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                c.v.push(format!(
                    "#/{k}/similarityStrength: {s} is not between 0.2 and 1.0"
                ));
            }
        }
        "INPAINTING" | "OUTPAINTING" => {
            prompt = c.text(params, k, "text", false);
            c.text(params, k, "negativeText", false);
            input_size = c.image(params, k, "image").and_then(|b| image_size(&b));
            let has_prompt = params.contains_key("maskPrompt");
            let has_image = params.contains_key("maskImage");
            if has_prompt == has_image {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                c.v.push(format!(
                    "#/{k}: exactly one of [maskPrompt] or [maskImage] is required"
                ));
            } else if has_prompt {
                c.text(params, k, "maskPrompt", true);
            } else {
                c.image(params, k, "maskImage");
            }
            if let Some(m) = params.get("outPaintingMode")
                && !matches!(m.as_str(), Some("DEFAULT" | "PRECISE"))
            {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                c.v.push(enum_violation(&format!("{k}/outPaintingMode"), m));
            }
        }
        "BACKGROUND_REMOVAL" => {
            input_size = c.image(params, k, "image").and_then(|b| image_size(&b));
        }
        _ => {}
    }
    let mut n = 1u64;
    let (mut width, mut height) = (1024u64, 1024u64);
    let mut seed = 12345u64;
    if let Some(cfg) = native.get("imageGenerationConfig") {
        let Some(cfg) = cfg.as_object() else {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            return Err(malformed(&[format!(
                "#/imageGenerationConfig: expected type: JSONObject, found: {}",
                json_type(cfg)
            )]));
        };
        for key in cfg.keys() {
            if ![
                "numberOfImages",
                "width",
                "height",
                "cfgScale",
                "seed",
                "quality",
            ]
            .contains(&key.as_str())
            {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                c.v.push(format!(
                    "#/imageGenerationConfig: extraneous key [{key}] is not permitted"
                ));
            }
        }
        let int = |c: &mut Checker, key: &str, lo: u64, hi: u64| -> Option<u64> {
            let v = cfg.get(key)?;
            match v.as_u64() {
                Some(x) if (lo..=hi).contains(&x) => Some(x),
                Some(x) if x < lo => {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    c.v.push(format!(
                        "#/imageGenerationConfig/{key}: {x} is not greater or equal to {lo}"
                    ));
                    None
                }
                Some(x) => {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    c.v.push(format!(
                        "#/imageGenerationConfig/{key}: {x} is not less or equal to {hi}"
                    ));
                    None
                }
                None => {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    c.v.push(format!(
                        "#/imageGenerationConfig/{key}: expected type: Integer, found: {}",
                        json_type(v)
                    ));
                    None
                }
            }
        };
        n = int(&mut c, "numberOfImages", 1, 5).unwrap_or(1);
        width = int(&mut c, "width", 320, 4096).unwrap_or(1024);
        height = int(&mut c, "height", 320, 4096).unwrap_or(1024);
        seed = int(&mut c, "seed", 0, 2_147_483_646).unwrap_or(seed);
        if let Some(s) = cfg.get("cfgScale")
            && !s.as_f64().is_some_and(|x| (1.1..=10.0).contains(&x))
        {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            c.v.push(format!(
                "#/imageGenerationConfig/cfgScale: {s} is not between 1.1 and 10.0"
            ));
        }
        if let Some(q) = cfg.get("quality")
            && !matches!(q.as_str(), Some("standard" | "premium"))
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            c.v.push(enum_violation("imageGenerationConfig/quality", q));
        }
    }
    if !c.v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&c.v));
    }
    if width % 16 != 0 || height % 16 != 0 {
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The image dimensions {width}x{height} are not supported: width and height must be multiples of 16."
        )));
    }
    if width * height > 4_194_304 {
        // Source: inferred.
        return Err(ApiError::validation(format!(
            "The image size {width}x{height} exceeds the maximum of 4194304 pixels."
        )));
    }
    if prompt.contains(BLOCK_MARKER) {
        // Source: inferred.
        return Err(ApiError::validation(FILTERED_MESSAGE));
    }
    let (w, h) = input_size
        .map(|(w, h)| (w as u64, h as u64))
        .unwrap_or((width, height));
    let images: Vec<String> = (0..n)
        .map(|i| {
            let s = seed_of(&[
                model.id,
                &prompt,
                &colors.join(","),
                &seed.to_string(),
                &i.to_string(),
            ]);
            b64(&png(w as u32, h as u32, s))
        })
        .collect();
    Ok(Invoked {
        body: json!({"images": images}),
        input_tokens: 0,
        output_tokens: None,
        chunks: Vec::new(),
    })
}

// --- Stability ----------------------------------------------------------------------------

const RATIOS: &[(&str, u32, u32)] = &[
    ("1:1", 1024, 1024),
    ("16:9", 1344, 768),
    ("21:9", 1536, 640),
    ("2:3", 832, 1216),
    ("3:2", 1216, 832),
    ("4:5", 896, 1088),
    ("5:4", 1088, 896),
    ("9:16", 768, 1344),
    ("9:21", 640, 1536),
];

fn stability(model: &Model, native: &Map<String, Value>) -> Result<Invoked, ApiError> {
    let sd3 = model.id.contains("sd3");
    let mut permitted = vec![
        "prompt",
        "negative_prompt",
        "aspect_ratio",
        "output_format",
        "seed",
    ];
    if sd3 {
        permitted.extend(["mode", "image", "strength"]);
    }
    let mut v = check_keys(native, &["prompt"], &permitted);
    let prompt = match native.get("prompt") {
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= 10_000 => s.clone(),
        Some(Value::String(s)) => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!(
                "#/prompt: expected length between 1 and 10000, actual: {}",
                s.chars().count()
            ));
            String::new()
        }
        Some(other) => {
            // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
            v.push(format!(
                "#/prompt: expected type: String, found: {}",
                json_type(other)
            ));
            String::new()
        }
        None => String::new(),
    };
    if let Some(n) = native.get("negative_prompt")
        && !n.is_string()
    {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        v.push(format!(
            "#/negative_prompt: expected type: String, found: {}",
            json_type(n)
        ));
    }
    let (mut w, mut h) = (1024, 1024);
    if let Some(r) = native.get("aspect_ratio") {
        match RATIOS.iter().find(|(name, ..)| Some(*name) == r.as_str()) {
            Some((_, rw, rh)) => (w, h) = (*rw, *rh),
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            None => v.push(enum_violation("aspect_ratio", r)),
        }
    }
    if let Some(f) = native.get("output_format")
        && !matches!(f.as_str(), Some("png" | "jpeg" | "webp"))
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(enum_violation("output_format", f));
    }
    let seed = match native.get("seed") {
        None => 0,
        Some(s) => match s.as_u64() {
            Some(x) if x <= 4_294_967_294 => x,
            _ => {
                // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                v.push(format!("#/seed: {s} is not between 0 and 4294967294"));
                0
            }
        },
    };
    if let Some(m) = native.get("mode")
        && !matches!(m.as_str(), Some("text-to-image" | "image-to-image"))
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(enum_violation("mode", m));
    }
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    // Seed 0 means "random": the service picks one and reports it.
    let used = if seed == 0 {
        seed_of(&[&prompt]) % 4_294_967_294 + 1
    } else {
        seed
    };
    let filtered = prompt.contains(BLOCK_MARKER);
    let image = png(w, h, seed_of(&[model.id, &prompt, &used.to_string()]));
    Ok(Invoked {
        body: json!({
            "seeds": [used],
            "finish_reasons": [if filtered { json!("Filter reason: prompt") } else { Value::Null }],
            "images": [b64(&image)],
        }),
        input_tokens: 0,
        output_tokens: None,
        chunks: Vec::new(),
    })
}

const SDXL_STYLES: &[&str] = &[
    "3d-model",
    "analog-film",
    "anime",
    "cinematic",
    "comic-book",
    "digital-art",
    "enhance",
    "fantasy-art",
    "isometric",
    "line-art",
    "low-poly",
    "modeling-compound",
    "neon-punk",
    "origami",
    "photographic",
    "pixel-art",
    "tile-texture",
];

fn sdxl(native: &Map<String, Value>) -> Result<Invoked, ApiError> {
    let mut v = check_keys(
        native,
        &["text_prompts"],
        &[
            "text_prompts",
            "height",
            "width",
            "cfg_scale",
            "clip_guidance_preset",
            "sampler",
            "samples",
            "seed",
            "steps",
            "style_preset",
            "extras",
        ],
    );
    let mut prompt = String::new();
    match native.get("text_prompts").and_then(Value::as_array) {
        Some(list) if !list.is_empty() => {
            for (i, p) in list.iter().enumerate() {
                match p.get("text").and_then(Value::as_str) {
                    Some(t) if !t.is_empty() => {
                        if p.get("weight").and_then(Value::as_f64).unwrap_or(1.0) > 0.0 {
                            prompt.push_str(t);
                        }
                    }
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    _ => v.push(format!("#/text_prompts/{i}: required key [text] not found")),
                }
            }
        }
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        _ => v.push("#/text_prompts: expected minimum item count: 1".into()),
    }
    if let Some(s) = native.get("style_preset")
        && !s.as_str().is_some_and(|x| SDXL_STYLES.contains(&x))
    {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        v.push(enum_violation("style_preset", s));
    }
    let dim = |k: &str, v: &mut Vec<String>| -> u32 {
        match native.get(k) {
            None => 1024,
            Some(x) => match x.as_u64() {
                Some(n) if (320..=1536).contains(&n) && n % 64 == 0 => n as u32,
                _ => {
                    // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
                    v.push(format!(
                        "#/{k}: {x} must be a multiple of 64 between 320 and 1536"
                    ));
                    1024
                }
            },
        }
    };
    let w = dim("width", &mut v);
    let h = dim("height", &mut v);
    let seed = native.get("seed").and_then(Value::as_u64).unwrap_or(0);
    if !v.is_empty() {
        // Source: inferred (the JSON-schema wording of Bedrock's InvokeModel refusals).
        return Err(malformed(&v));
    }
    let used = if seed == 0 {
        seed_of(&[&prompt]) % 4_294_967_295
    } else {
        seed
    };
    let filtered = prompt.contains(BLOCK_MARKER);
    let image = png(w, h, seed_of(&["sdxl", &prompt, &used.to_string()]));
    Ok(Invoked {
        body: json!({"result": "success", "artifacts": [{
            "seed": used,
            "base64": b64(&image),
            "finishReason": if filtered { "CONTENT_FILTERED" } else { "SUCCESS" },
        }]}),
        input_tokens: 0,
        output_tokens: None,
        chunks: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    fn run(id: &str, body: Value) -> Result<Invoked, ApiError> {
        invoke(catalog::find(id).unwrap(), body.to_string().as_bytes())
    }

    fn decode(b: &Value) -> Vec<u8> {
        base64::engine::general_purpose::STANDARD
            .decode(b.as_str().unwrap())
            .unwrap()
    }

    #[test]
    fn png_headers_and_checksums() {
        let p = png(33, 7, 42);
        assert_eq!(image_size(&p), Some((33, 7)));
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
    }

    #[test]
    fn canvas_text_image_with_size_and_count() {
        let out = run(
            "amazon.nova-canvas-v1:0",
            json!({"taskType": "TEXT_IMAGE", "textToImageParams": {"text": "a cat", "negativeText": "dogs"},
                "imageGenerationConfig": {"numberOfImages": 2, "width": 320, "height": 480, "cfgScale": 6.5, "seed": 7, "quality": "premium"}}),
        )
        .unwrap();
        let images = out.body["images"].as_array().unwrap();
        assert_eq!(images.len(), 2);
        assert_eq!(image_size(&decode(&images[0])), Some((320, 480)));
        assert_ne!(images[0], images[1]);
        let err = run(
            "amazon.nova-canvas-v1:0",
            json!({"taskType": "TEXT_IMAGE", "textToImageParams": {"text": "x [[blocked]]"}}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .starts_with("This request has been blocked by our content filters")
        );
        let err = run(
            "amazon.titan-image-generator-v2:0",
            json!({"taskType": "PAINT", "imageGenerationConfig": {"width": 100}}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .contains("#/taskType: PAINT is not a valid enum value")
        );
        assert!(
            err.message
                .contains("width: 100 is not greater or equal to 320")
        );
    }

    #[test]
    fn canvas_image_tasks_keep_the_input_size() {
        let input = b64(&png(400, 320, 1));
        for (task, params) in [
            (
                "BACKGROUND_REMOVAL",
                json!({"backgroundRemovalParams": {"image": input}}),
            ),
            (
                "INPAINTING",
                json!({"inPaintingParams": {"image": input, "maskPrompt": "the sky", "text": "stars"}}),
            ),
            (
                "OUTPAINTING",
                json!({"outPaintingParams": {"image": input, "maskImage": input, "outPaintingMode": "PRECISE"}}),
            ),
            (
                "IMAGE_VARIATION",
                json!({"imageVariationParams": {"images": [input], "similarityStrength": 0.5, "text": "x"}}),
            ),
        ] {
            let mut body = params;
            body["taskType"] = json!(task);
            let out = run("amazon.nova-canvas-v1:0", body).unwrap();
            assert_eq!(
                image_size(&decode(&out.body["images"][0])),
                Some((400, 320)),
                "{task}"
            );
        }
        let err = run(
            "amazon.nova-canvas-v1:0",
            json!({"taskType": "INPAINTING", "inPaintingParams": {"image": input}}),
        )
        .err()
        .unwrap();
        assert!(
            err.message
                .contains("exactly one of [maskPrompt] or [maskImage]")
        );
    }

    #[test]
    fn stability_ratios_seeds_and_filter() {
        let out = run(
            "stability.sd3-5-large-v1:0",
            json!({"prompt": "a lake", "aspect_ratio": "16:9", "seed": 99, "output_format": "png"}),
        )
        .unwrap();
        assert_eq!(out.body["seeds"], json!([99]));
        assert_eq!(out.body["finish_reasons"], json!([null]));
        assert_eq!(
            image_size(&decode(&out.body["images"][0])),
            Some((1344, 768))
        );
        let out = run(
            "stability.stable-image-core-v1:1",
            json!({"prompt": "[[blocked]]"}),
        )
        .unwrap();
        assert_eq!(out.body["finish_reasons"][0], "Filter reason: prompt");
        let err = run(
            "stability.stable-image-ultra-v1:1",
            json!({"prompt": "x", "mode": "text-to-image"}),
        )
        .err()
        .unwrap();
        assert!(err.message.contains("extraneous key [mode]"));
    }

    #[test]
    fn sdxl_bodies_belong_to_sdxl_only() {
        let body = json!({"text_prompts": [{"text": "a fox", "weight": 1.0}], "width": 1024, "height": 1024, "seed": 7, "style_preset": "photographic"});
        let err = run("stability.sd3-5-large-v1:0", body.clone())
            .err()
            .unwrap();
        assert!(
            err.message.contains("extraneous key [text_prompts]"),
            "{}",
            err.message
        );
        let out = sdxl(body.as_object().unwrap()).unwrap();
        assert_eq!(out.body["artifacts"][0]["seed"], 7);
        assert_eq!(out.body["artifacts"][0]["finishReason"], "SUCCESS");
        let png = decode(&out.body["artifacts"][0]["base64"]);
        assert_eq!(image_size(&png), Some((1024, 1024)));
        let blocked = json!({"text_prompts": [{"text": "[[blocked]]"}]});
        let out = sdxl(blocked.as_object().unwrap()).unwrap();
        assert_eq!(out.body["artifacts"][0]["finishReason"], "CONTENT_FILTERED");
    }
}

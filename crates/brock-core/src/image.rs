//! Image generation: which body family a model speaks, the InvokeModel body for a request, and
//! the images (with seeds and finish reasons) parsed out of the answer. Pure: no I/O.
//!
//! - Nova Canvas and Titan Image Generator: `{"taskType", "<task>Params", "imageGenerationConfig"}`;
//! - Stability SD3.5 Large, Stable Image Core and Ultra: `{"prompt", "negative_prompt",
//!   "aspect_ratio", "output_format", "seed"}` → `{"seeds", "finish_reasons", "images"}`;
//! - SDXL: `{"text_prompts", "style_preset", …}` → `{"artifacts": [{"base64", "seed",
//!   "finishReason"}]}`.

use base64::Engine;
use serde_json::{Map, Value, json};

use super::error::{Error, Result};
use super::model::ModelRef;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFamily {
    NovaCanvas,
    TitanImage,
    /// SD3 / SD3.5 Large, Stable Image Core, Stable Image Ultra.
    Stability,
    Sdxl,
}

impl ImageFamily {
    pub fn detect(model: &str) -> Option<ImageFamily> {
        let base = ModelRef::parse(model)
            .ok()
            .and_then(|r| r.base_model_id().map(str::to_string))
            .unwrap_or_else(|| model.to_string());
        let id = super::model::strip_profile_prefix(&base).unwrap_or(&base);
        if id.starts_with("amazon.nova-canvas") {
            Some(Self::NovaCanvas)
        } else if id.starts_with("amazon.titan-image-generator") {
            Some(Self::TitanImage)
        } else if id.starts_with("stability.stable-diffusion-xl") {
            Some(Self::Sdxl)
        } else if id.starts_with("stability.") {
            Some(Self::Stability)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::NovaCanvas => "Nova Canvas",
            Self::TitanImage => "Titan Image Generator",
            Self::Stability => "Stability",
            Self::Sdxl => "SDXL",
        }
    }

    fn canvas(self) -> bool {
        matches!(self, Self::NovaCanvas | Self::TitanImage)
    }
}

/// The mask of an inpainting/outpainting task.
#[derive(Debug, Clone, PartialEq)]
pub enum Mask {
    Prompt(String),
    Image(Vec<u8>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Task {
    TextImage,
    ColorGuided {
        colors: Vec<String>,
        reference: Option<Vec<u8>>,
    },
    Variation {
        images: Vec<Vec<u8>>,
        similarity: Option<f64>,
    },
    Inpainting {
        image: Vec<u8>,
        mask: Mask,
    },
    Outpainting {
        image: Vec<u8>,
        mask: Mask,
        precise: bool,
    },
    BackgroundRemoval {
        image: Vec<u8>,
    },
}

impl Task {
    fn name(&self) -> &'static str {
        match self {
            Task::TextImage => "TEXT_IMAGE",
            Task::ColorGuided { .. } => "COLOR_GUIDED_GENERATION",
            Task::Variation { .. } => "IMAGE_VARIATION",
            Task::Inpainting { .. } => "INPAINTING",
            Task::Outpainting { .. } => "OUTPAINTING",
            Task::BackgroundRemoval { .. } => "BACKGROUND_REMOVAL",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ImageRequest {
    pub prompt: Option<String>,
    pub negative: Option<String>,
    pub task: Task,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub quality: Option<String>,
    pub cfg_scale: Option<f64>,
    pub seed: Option<u64>,
    pub count: Option<u32>,
    pub aspect_ratio: Option<String>,
    pub output_format: Option<String>,
    pub style_preset: Option<String>,
}

impl Default for ImageRequest {
    fn default() -> Self {
        ImageRequest {
            prompt: None,
            negative: None,
            task: Task::TextImage,
            width: None,
            height: None,
            quality: None,
            cfg_scale: None,
            seed: None,
            count: None,
            aspect_ratio: None,
            output_format: None,
            style_preset: None,
        }
    }
}

pub const ASPECT_RATIOS: &[&str] = &[
    "16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21",
];
pub const SDXL_STYLES: &[&str] = &[
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

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// Parses `WxH`.
pub fn parse_size(s: &str) -> Result<(u32, u32)> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| {
        Error::invalid(format!(
            "--size {s:?}: expected WIDTHxHEIGHT, e.g. 1024x1024"
        ))
    })?;
    let n = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                Error::invalid(format!(
                    "--size {s:?}: expected WIDTHxHEIGHT, e.g. 1024x1024"
                ))
            })
    };
    Ok((n(w)?, n(h)?))
}

/// Parses a colour as `#RRGGBB` (the `#` optional).
pub fn parse_color(s: &str) -> Result<String> {
    let hex = s.trim().trim_start_matches('#');
    if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(format!("#{}", hex.to_ascii_uppercase()))
    } else {
        Err(Error::invalid(format!(
            "--colors: {s:?} is not a colour like #FF8800"
        )))
    }
}

impl ImageRequest {
    /// Refuses what the family cannot do, before anything is sent.
    pub fn validate(&self, family: ImageFamily) -> Result<()> {
        let not = |what: &str| {
            Err(Error::invalid(format!(
                "{what} is not supported by {}",
                family.name()
            )))
        };
        let needs_prompt = matches!(self.task, Task::TextImage | Task::ColorGuided { .. });
        if needs_prompt && self.prompt.as_deref().is_none_or(|p| p.trim().is_empty()) {
            return Err(Error::invalid("the prompt is empty: say what to draw"));
        }
        if !family.canvas() && self.task != Task::TextImage {
            return not(&format!("task {}", self.task.name()));
        }
        if let Some(p) = &self.prompt {
            let max = if family.canvas() { 1024 } else { 10_000 };
            if p.chars().count() > max {
                return Err(Error::invalid(format!(
                    "the prompt has {} characters; {} takes at most {max}",
                    p.chars().count(),
                    family.name()
                )));
            }
        }
        if let Task::ColorGuided { colors, .. } = &self.task
            && !(1..=10).contains(&colors.len())
        {
            return Err(Error::invalid("--colors takes 1 to 10 colours"));
        }
        match family {
            ImageFamily::NovaCanvas | ImageFamily::TitanImage => {
                if self.aspect_ratio.is_some() {
                    return not("--aspect-ratio (use --size)");
                }
                if self.style_preset.is_some() {
                    return not("--style");
                }
                if let Some(f) = &self.output_format
                    && f != "png"
                {
                    return not("--format other than png");
                }
                if let (Some(w), Some(h)) = (self.width, self.height) {
                    if !(320..=4096).contains(&w)
                        || !(320..=4096).contains(&h)
                        || w % 16 != 0
                        || h % 16 != 0
                    {
                        return Err(Error::invalid(format!(
                            "--size {w}x{h}: each side must be 320 to 4096 and a multiple of 16"
                        )));
                    }
                    if w as u64 * h as u64 > 4_194_304 {
                        return Err(Error::invalid(format!(
                            "--size {w}x{h}: at most 4194304 pixels"
                        )));
                    }
                }
                if let Some(n) = self.count
                    && !(1..=5).contains(&n)
                {
                    return Err(Error::invalid(format!(
                        "-n {n}: {} makes 1 to 5 images per call",
                        family.name()
                    )));
                }
                if let Some(c) = self.cfg_scale
                    && !(1.1..=10.0).contains(&c)
                {
                    return Err(Error::invalid(format!(
                        "--cfg-scale {c}: must be between 1.1 and 10"
                    )));
                }
                if let Some(q) = &self.quality
                    && q != "standard"
                    && q != "premium"
                {
                    return Err(Error::invalid(format!(
                        "--quality {q}: expected standard or premium"
                    )));
                }
                if let Some(s) = self.seed
                    && s > 2_147_483_646
                {
                    return Err(Error::invalid(format!("--seed {s}: at most 2147483646")));
                }
            }
            ImageFamily::Stability => {
                if self.width.is_some() {
                    return not("--size (use --aspect-ratio)");
                }
                for (flag, set) in [
                    ("--quality", self.quality.is_some()),
                    ("--cfg-scale", self.cfg_scale.is_some()),
                    ("--style", self.style_preset.is_some()),
                ] {
                    if set {
                        return not(flag);
                    }
                }
                if self.count.is_some_and(|n| n != 1) {
                    return not("-n above 1");
                }
                if let Some(r) = &self.aspect_ratio
                    && !ASPECT_RATIOS.contains(&r.as_str())
                {
                    return Err(Error::invalid(format!(
                        "--aspect-ratio {r}: expected one of {}",
                        ASPECT_RATIOS.join(", ")
                    )));
                }
                if let Some(f) = &self.output_format
                    && !["png", "jpeg", "webp"].contains(&f.as_str())
                {
                    return Err(Error::invalid(format!(
                        "--format {f}: expected png, jpeg or webp"
                    )));
                }
                if let Some(s) = self.seed
                    && s > 4_294_967_294
                {
                    return Err(Error::invalid(format!("--seed {s}: at most 4294967294")));
                }
            }
            ImageFamily::Sdxl => {
                if self.aspect_ratio.is_some() {
                    return not("--aspect-ratio (use --size)");
                }
                if self.quality.is_some() {
                    return not("--quality");
                }
                if let Some(s) = &self.style_preset
                    && !SDXL_STYLES.contains(&s.as_str())
                {
                    return Err(Error::invalid(format!(
                        "--style {s}: expected one of {}",
                        SDXL_STYLES.join(", ")
                    )));
                }
                if let (Some(w), Some(h)) = (self.width, self.height)
                    && (w % 64 != 0
                        || h % 64 != 0
                        || !(320..=1536).contains(&w)
                        || !(320..=1536).contains(&h))
                {
                    return Err(Error::invalid(format!(
                        "--size {w}x{h}: SDXL takes multiples of 64 between 320 and 1536"
                    )));
                }
                if let Some(f) = &self.output_format
                    && f != "png"
                {
                    return not("--format other than png");
                }
            }
        }
        Ok(())
    }

    /// The file extension of the images this request produces.
    pub fn extension(&self) -> &str {
        match self.output_format.as_deref() {
            Some("jpeg") => "jpg",
            Some("webp") => "webp",
            _ => "png",
        }
    }
}

fn text_params(r: &ImageRequest, p: &mut Map<String, Value>) {
    if let Some(t) = &r.prompt {
        p.insert("text".into(), json!(t));
    }
    if let Some(n) = &r.negative {
        p.insert("negativeText".into(), json!(n));
    }
}

fn mask(m: &Mask, p: &mut Map<String, Value>) {
    match m {
        Mask::Prompt(t) => p.insert("maskPrompt".into(), json!(t)),
        Mask::Image(b) => p.insert("maskImage".into(), json!(b64(b))),
    };
}

pub fn request_body(family: ImageFamily, r: &ImageRequest) -> Value {
    match family {
        ImageFamily::NovaCanvas | ImageFamily::TitanImage => {
            let mut p = Map::new();
            let key = match &r.task {
                Task::TextImage => {
                    text_params(r, &mut p);
                    "textToImageParams"
                }
                Task::ColorGuided { colors, reference } => {
                    text_params(r, &mut p);
                    p.insert("colors".into(), json!(colors));
                    if let Some(img) = reference {
                        p.insert("referenceImage".into(), json!(b64(img)));
                    }
                    "colorGuidedGenerationParams"
                }
                Task::Variation { images, similarity } => {
                    text_params(r, &mut p);
                    p.insert(
                        "images".into(),
                        json!(images.iter().map(|i| b64(i)).collect::<Vec<_>>()),
                    );
                    if let Some(s) = similarity {
                        p.insert("similarityStrength".into(), json!(s));
                    }
                    "imageVariationParams"
                }
                Task::Inpainting { image, mask: m } => {
                    text_params(r, &mut p);
                    p.insert("image".into(), json!(b64(image)));
                    mask(m, &mut p);
                    "inPaintingParams"
                }
                Task::Outpainting {
                    image,
                    mask: m,
                    precise,
                } => {
                    text_params(r, &mut p);
                    p.insert("image".into(), json!(b64(image)));
                    mask(m, &mut p);
                    p.insert(
                        "outPaintingMode".into(),
                        json!(if *precise { "PRECISE" } else { "DEFAULT" }),
                    );
                    "outPaintingParams"
                }
                Task::BackgroundRemoval { image } => {
                    p.insert("image".into(), json!(b64(image)));
                    "backgroundRemovalParams"
                }
            };
            let mut body = json!({"taskType": r.task.name(), key: p});
            if !matches!(r.task, Task::BackgroundRemoval { .. }) {
                let mut cfg = Map::new();
                cfg.insert("numberOfImages".into(), json!(r.count.unwrap_or(1)));
                if let (Some(w), Some(h)) = (r.width, r.height) {
                    cfg.insert("width".into(), json!(w));
                    cfg.insert("height".into(), json!(h));
                }
                if let Some(c) = r.cfg_scale {
                    cfg.insert("cfgScale".into(), json!(c));
                }
                if let Some(s) = r.seed {
                    cfg.insert("seed".into(), json!(s));
                }
                if let Some(q) = &r.quality {
                    cfg.insert("quality".into(), json!(q));
                }
                body["imageGenerationConfig"] = Value::Object(cfg);
            }
            body
        }
        ImageFamily::Stability => {
            let mut b = Map::new();
            b.insert(
                "prompt".into(),
                json!(r.prompt.as_deref().unwrap_or_default()),
            );
            if let Some(n) = &r.negative {
                b.insert("negative_prompt".into(), json!(n));
            }
            if let Some(a) = &r.aspect_ratio {
                b.insert("aspect_ratio".into(), json!(a));
            }
            b.insert(
                "output_format".into(),
                json!(r.output_format.as_deref().unwrap_or("png")),
            );
            if let Some(s) = r.seed {
                b.insert("seed".into(), json!(s));
            }
            Value::Object(b)
        }
        ImageFamily::Sdxl => {
            let mut prompts =
                vec![json!({"text": r.prompt.as_deref().unwrap_or_default(), "weight": 1.0})];
            if let Some(n) = &r.negative {
                prompts.push(json!({"text": n, "weight": -1.0}));
            }
            let mut b = json!({"text_prompts": prompts, "samples": r.count.unwrap_or(1)});
            if let (Some(w), Some(h)) = (r.width, r.height) {
                b["width"] = json!(w);
                b["height"] = json!(h);
            }
            if let Some(c) = r.cfg_scale {
                b["cfg_scale"] = json!(c);
            }
            if let Some(s) = r.seed {
                b["seed"] = json!(s);
            }
            if let Some(s) = &r.style_preset {
                b["style_preset"] = json!(s);
            }
            b
        }
    }
}

/// One generated image.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    pub bytes: Vec<u8>,
    pub seed: Option<u64>,
    pub finish_reason: Option<String>,
    /// The content filter replaced or withheld this image.
    pub filtered: bool,
}

/// The answer: images, plus a model-level error text (Nova/Titan `error`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImageResponse {
    pub images: Vec<Generated>,
    pub error: Option<String>,
}

fn decode(s: &Value) -> Result<Vec<u8>> {
    let s = s
        .as_str()
        .ok_or_else(|| Error::response("an image is not a base64 string"))?;
    base64::engine::general_purpose::STANDARD
        .decode(s)
        .map_err(|_| Error::response("an image is not valid base64"))
}

pub fn parse_response(
    family: ImageFamily,
    body: &Value,
    seed: Option<u64>,
) -> Result<ImageResponse> {
    let mut out = ImageResponse::default();
    match family {
        ImageFamily::NovaCanvas | ImageFamily::TitanImage => {
            out.error = body
                .get("error")
                .and_then(Value::as_str)
                .map(str::to_string);
            if let Some(list) = body.get("images").and_then(Value::as_array) {
                for (i, img) in list.iter().enumerate() {
                    out.images.push(Generated {
                        bytes: decode(img)?,
                        // Canvas seeds each image of a request from the request seed.
                        seed: seed.map(|s| s + i as u64),
                        finish_reason: None,
                        filtered: false,
                    });
                }
            } else if out.error.is_none() {
                return Err(Error::response("the answer has no images"));
            }
        }
        ImageFamily::Stability => {
            let images = body
                .get("images")
                .and_then(Value::as_array)
                .ok_or_else(|| Error::response("the answer has no images"))?;
            let seeds = body.get("seeds").and_then(Value::as_array);
            let reasons = body.get("finish_reasons").and_then(Value::as_array);
            for (i, img) in images.iter().enumerate() {
                let reason = reasons
                    .and_then(|r| r.get(i))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                out.images.push(Generated {
                    bytes: decode(img)?,
                    seed: seeds.and_then(|s| s.get(i)).and_then(Value::as_u64),
                    filtered: reason.as_deref().is_some_and(|r| r.contains("Filter")),
                    finish_reason: reason,
                });
            }
        }
        ImageFamily::Sdxl => {
            let arts = body
                .get("artifacts")
                .and_then(Value::as_array)
                .ok_or_else(|| Error::response("the answer has no artifacts"))?;
            for a in arts {
                let reason = a
                    .get("finishReason")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                out.images.push(Generated {
                    bytes: decode(a.get("base64").unwrap_or(&Value::Null))?,
                    seed: a.get("seed").and_then(Value::as_u64),
                    filtered: reason.as_deref() == Some("CONTENT_FILTERED"),
                    finish_reason: reason,
                });
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families() {
        assert_eq!(
            ImageFamily::detect("amazon.nova-canvas-v1:0"),
            Some(ImageFamily::NovaCanvas)
        );
        assert_eq!(
            ImageFamily::detect("amazon.titan-image-generator-v2:0"),
            Some(ImageFamily::TitanImage)
        );
        assert_eq!(
            ImageFamily::detect("stability.sd3-5-large-v1:0"),
            Some(ImageFamily::Stability)
        );
        assert_eq!(
            ImageFamily::detect("us.stability.stable-image-ultra-v1:1"),
            Some(ImageFamily::Stability)
        );
        assert_eq!(
            ImageFamily::detect("stability.stable-diffusion-xl-v1"),
            Some(ImageFamily::Sdxl)
        );
        assert_eq!(ImageFamily::detect("amazon.nova-lite-v1:0"), None);
    }

    #[test]
    fn canvas_bodies() {
        let r = ImageRequest {
            prompt: Some("a fox".into()),
            negative: Some("blur".into()),
            width: Some(512),
            height: Some(768),
            seed: Some(3),
            count: Some(2),
            quality: Some("premium".into()),
            cfg_scale: Some(7.5),
            ..Default::default()
        };
        r.validate(ImageFamily::NovaCanvas).unwrap();
        assert_eq!(
            request_body(ImageFamily::NovaCanvas, &r),
            json!({"taskType": "TEXT_IMAGE", "textToImageParams": {"text": "a fox", "negativeText": "blur"},
                "imageGenerationConfig": {"numberOfImages": 2, "width": 512, "height": 768, "cfgScale": 7.5, "seed": 3, "quality": "premium"}})
        );
        let r = ImageRequest {
            task: Task::BackgroundRemoval { image: vec![1, 2] },
            ..Default::default()
        };
        r.validate(ImageFamily::TitanImage).unwrap();
        assert_eq!(
            request_body(ImageFamily::TitanImage, &r),
            json!({"taskType": "BACKGROUND_REMOVAL", "backgroundRemovalParams": {"image": "AQI="}})
        );
        let r = ImageRequest {
            prompt: Some("x".into()),
            task: Task::Outpainting {
                image: vec![1],
                mask: Mask::Prompt("sky".into()),
                precise: true,
            },
            ..Default::default()
        };
        let b = request_body(ImageFamily::NovaCanvas, &r);
        assert_eq!(b["outPaintingParams"]["maskPrompt"], "sky");
        assert_eq!(b["outPaintingParams"]["outPaintingMode"], "PRECISE");
        let bad = ImageRequest {
            prompt: Some("x".into()),
            width: Some(100),
            height: Some(100),
            ..Default::default()
        };
        assert!(bad.validate(ImageFamily::NovaCanvas).is_err());
        let empty = ImageRequest::default();
        assert!(
            empty
                .validate(ImageFamily::NovaCanvas)
                .unwrap_err()
                .to_string()
                .contains("prompt is empty")
        );
    }

    #[test]
    fn stability_and_sdxl() {
        let r = ImageRequest {
            prompt: Some("a lake".into()),
            negative: Some("people".into()),
            aspect_ratio: Some("16:9".into()),
            seed: Some(9),
            ..Default::default()
        };
        r.validate(ImageFamily::Stability).unwrap();
        assert_eq!(
            request_body(ImageFamily::Stability, &r),
            json!({"prompt": "a lake", "negative_prompt": "people", "aspect_ratio": "16:9", "output_format": "png", "seed": 9})
        );
        assert!(
            ImageRequest {
                width: Some(512),
                height: Some(512),
                ..r.clone()
            }
            .validate(ImageFamily::Stability)
            .is_err()
        );
        let s = ImageRequest {
            style_preset: Some("anime".into()),
            aspect_ratio: None,
            ..r.clone()
        };
        s.validate(ImageFamily::Sdxl).unwrap();
        let b = request_body(ImageFamily::Sdxl, &s);
        assert_eq!(
            b["text_prompts"][1],
            json!({"text": "people", "weight": -1.0})
        );
        assert_eq!(b["style_preset"], "anime");
        let answer =
            json!({"seeds": [5], "finish_reasons": ["Filter reason: prompt"], "images": ["AQI="]});
        let p = parse_response(ImageFamily::Stability, &answer, None).unwrap();
        assert!(p.images[0].filtered);
        assert_eq!(p.images[0].seed, Some(5));
        let sdxl = json!({"result": "success", "artifacts": [{"seed": 1, "base64": "AQI=", "finishReason": "SUCCESS"}]});
        let p = parse_response(ImageFamily::Sdxl, &sdxl, None).unwrap();
        assert_eq!(p.images[0].bytes, vec![1, 2]);
        assert!(!p.images[0].filtered);
    }

    #[test]
    fn sizes_and_colors() {
        assert_eq!(parse_size("1024x768").unwrap(), (1024, 768));
        assert!(parse_size("1024").is_err());
        assert!(parse_size("0x5").is_err());
        assert_eq!(parse_color("ff8800").unwrap(), "#FF8800");
        assert!(parse_color("#ff88").is_err());
    }
}

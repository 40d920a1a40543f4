//! `brock image`: generate or edit images with Nova Canvas, Titan Image Generator or the
//! Stability models, write them to files that never overwrite anything, print their paths
//! (JSON with seeds and finish reasons on request), and optionally draw them in the terminal.

use std::io::Write;
use std::path::{Path, PathBuf};

use base64::Engine;
use serde_json::{Value, json};

use crate::cli::OutputFormat;
use crate::cli::number;
use crate::commands::chat::core_error;
use crate::config::Settings;
use crate::error::{Error, Result};
use crate::render::Printer;
use crate::render::{diag, stdout_write};
use brock_bedrock::{ApiRequest, Service, path_segment};
use brock_core::image::{
    Generated, ImageFamily, ImageRequest, Mask, Task, parse_color, parse_response, parse_size,
    request_body,
};
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Default, Args)]
#[command(after_help = "Examples:\n  \
brock image \"a lighthouse at dusk\" -o lighthouse.png\n  \
brock image -m amazon.nova-canvas-v1:0 --size 1280x720 -n 3 --seed 42 --out-dir shots \"a red fox\"\n  \
brock image --task inpainting --input photo.png --mask-prompt \"the sky\" \"a starry sky\"\n  \
brock image -m stability.sd3-5-large-v1:0 --aspect-ratio 16:9 --negative \"people\" \"a calm lake\"")]
pub struct ImageArgs {
    /// What to draw
    #[arg(value_name = "PROMPT")]
    pub prompt: Vec<String>,
    /// Image model id or alias (default: nova-canvas = amazon.nova-canvas-v1:0)
    #[arg(short, long, value_name = "MODEL")]
    pub model: Option<String>,
    /// Nova Canvas / Titan task (default: text-image, or color-guided with --colors)
    #[arg(long, value_enum, value_name = "TASK")]
    pub task: Option<ImageTask>,
    /// What the image must not show (negative prompt)
    #[arg(long, value_name = "TEXT")]
    pub negative: Option<String>,
    /// Input image for variation, inpainting, outpainting, background removal (repeatable for
    /// variation); reference image for color-guided generation
    #[arg(short, long = "input", value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// Inpainting/outpainting: describe the area to change
    #[arg(long, value_name = "TEXT", conflicts_with = "mask_image")]
    pub mask_prompt: Option<String>,
    /// Inpainting/outpainting: a mask image (black = change)
    #[arg(long, value_name = "PATH")]
    pub mask_image: Option<PathBuf>,
    /// Outpainting: keep the masked area exactly (PRECISE) instead of DEFAULT
    #[arg(long)]
    pub precise: bool,
    /// Image variation: how close to the input, 0.2–1.0
    #[arg(long, value_name = "S", value_parser = number::<f64>("image.similarity"))]
    pub similarity: Option<f64>,
    /// Color-guided generation: colours as #RRGGBB, comma separated (1–10)
    #[arg(long, value_name = "COLORS", value_delimiter = ',')]
    pub colors: Vec<String>,
    /// Image size WIDTHxHEIGHT (Nova Canvas, Titan, SDXL)
    #[arg(long, value_name = "WxH")]
    pub size: Option<String>,
    /// Aspect ratio (Stability): 16:9, 1:1, 21:9, 2:3, 3:2, 4:5, 5:4, 9:16, 9:21
    #[arg(long, value_name = "RATIO")]
    pub aspect_ratio: Option<String>,
    /// Nova Canvas / Titan quality: standard or premium
    #[arg(long, value_name = "Q")]
    pub quality: Option<String>,
    /// How strictly to follow the prompt (Nova Canvas / Titan 1.1–10, SDXL 0–35)
    #[arg(long, value_name = "SCALE")]
    pub cfg_scale: Option<f64>,
    /// Seed for reproducible images
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Number of images (Nova Canvas / Titan: 1–5)
    #[arg(short = 'n', long = "count", value_name = "N")]
    pub count: Option<u32>,
    /// SDXL style preset, e.g. photographic, anime, cinematic
    #[arg(long, value_name = "STYLE")]
    pub style: Option<String>,
    /// Output format (Stability): png, jpeg or webp
    #[arg(long, value_name = "FORMAT")]
    pub format: Option<String>,
    /// Write the image here (with -n above 1: NAME-1.png, NAME-2.png, …); never overwrites
    #[arg(
        short = 'o',
        long = "output-file",
        value_name = "PATH",
        conflicts_with = "out_dir"
    )]
    pub output_file: Option<PathBuf>,
    /// Write images into this directory (created if needed), named after the prompt
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Also draw the image in the terminal (kitty, iTerm2, WezTerm)
    #[arg(long)]
    pub show: bool,
    /// Print the exact request that would be sent and exit
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageTask {
    TextImage,
    ColorGuided,
    Variation,
    Inpainting,
    Outpainting,
    BackgroundRemoval,
}

pub const DEFAULT_MODEL: &str = "nova-canvas";

fn read_image(p: &Path, flag: &str) -> Result<Vec<u8>> {
    // The size is checked before the file is read whole.
    let bytes = crate::input::read_file(p, &format!("{flag} {}", p.display()))?;
    if !(bytes.starts_with(b"\x89PNG") || bytes.starts_with(&[0xFF, 0xD8, 0xFF])) {
        return Err(Error::usage(format!(
            "{flag} {}: not a PNG or JPEG image",
            p.display()
        )));
    }
    Ok(bytes)
}

fn one_input(args: &ImageArgs, task: &str) -> Result<Vec<u8>> {
    match args.inputs.as_slice() {
        [p] => read_image(p, "--input"),
        [] => Err(Error::usage(format!(
            "--task {task} needs an image: --input PATH"
        ))),
        _ => Err(Error::usage(format!(
            "--task {task} takes one --input image"
        ))),
    }
}

fn mask(args: &ImageArgs, task: &str) -> Result<Mask> {
    match (&args.mask_prompt, &args.mask_image) {
        (Some(p), None) if !p.trim().is_empty() => Ok(Mask::Prompt(p.clone())),
        (None, Some(path)) => Ok(Mask::Image(read_image(path, "--mask-image")?)),
        _ => Err(Error::usage(format!(
            "--task {task} needs the area to change: --mask-prompt TEXT or --mask-image PATH"
        ))),
    }
}

fn build(args: &ImageArgs, prompt: Option<String>) -> Result<ImageRequest> {
    let colors = args
        .colors
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| parse_color(c))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(core_error)?;
    let task_kind = args.task.unwrap_or(if colors.is_empty() {
        ImageTask::TextImage
    } else {
        ImageTask::ColorGuided
    });
    if !colors.is_empty() && task_kind != ImageTask::ColorGuided {
        return Err(Error::usage("--colors is for --task color-guided"));
    }
    let uses_inputs = !matches!(task_kind, ImageTask::TextImage);
    if !uses_inputs && !args.inputs.is_empty() {
        return Err(Error::usage(
            "--input is for variation, inpainting, outpainting, background-removal or color-guided (reference image)",
        ));
    }
    let uses_mask = matches!(task_kind, ImageTask::Inpainting | ImageTask::Outpainting);
    if !uses_mask && (args.mask_prompt.is_some() || args.mask_image.is_some()) {
        return Err(Error::usage(
            "--mask-prompt / --mask-image are for inpainting and outpainting",
        ));
    }
    if args.precise && task_kind != ImageTask::Outpainting {
        return Err(Error::usage("--precise is for --task outpainting"));
    }
    if args.similarity.is_some() && task_kind != ImageTask::Variation {
        return Err(Error::usage("--similarity is for --task variation"));
    }
    let task = match task_kind {
        ImageTask::TextImage => Task::TextImage,
        ImageTask::ColorGuided => {
            if colors.is_empty() {
                return Err(Error::usage(
                    "--task color-guided needs --colors, e.g. --colors '#FF8800,#202020'",
                ));
            }
            let reference = match args.inputs.as_slice() {
                [] => None,
                [p] => Some(read_image(p, "--input")?),
                _ => {
                    return Err(Error::usage(
                        "color-guided generation takes one reference --input",
                    ));
                }
            };
            Task::ColorGuided { colors, reference }
        }
        ImageTask::Variation => {
            if args.inputs.is_empty() || args.inputs.len() > 5 {
                return Err(Error::usage("--task variation takes 1 to 5 --input images"));
            }
            // --similarity was range-checked by its flag parser (config::NUMBERS).
            Task::Variation {
                images: args
                    .inputs
                    .iter()
                    .map(|p| read_image(p, "--input"))
                    .collect::<Result<_>>()?,
                similarity: args.similarity,
            }
        }
        ImageTask::Inpainting => Task::Inpainting {
            image: one_input(args, "inpainting")?,
            mask: mask(args, "inpainting")?,
        },
        ImageTask::Outpainting => Task::Outpainting {
            image: one_input(args, "outpainting")?,
            mask: mask(args, "outpainting")?,
            precise: args.precise,
        },
        ImageTask::BackgroundRemoval => {
            if prompt.is_some() || args.negative.is_some() {
                return Err(Error::usage("background removal takes no prompt"));
            }
            Task::BackgroundRemoval {
                image: one_input(args, "background-removal")?,
            }
        }
    };
    let (width, height) = match &args.size {
        Some(s) => {
            let (w, h) = parse_size(s).map_err(core_error)?;
            (Some(w), Some(h))
        }
        None => (None, None),
    };
    Ok(ImageRequest {
        prompt,
        negative: args.negative.clone().filter(|n| !n.trim().is_empty()),
        task,
        width,
        height,
        quality: args.quality.clone(),
        cfg_scale: args.cfg_scale,
        seed: args.seed,
        count: args.count,
        aspect_ratio: args.aspect_ratio.clone(),
        output_format: args.format.clone(),
        style_preset: args.style.clone(),
    })
}

/// A file-name stem from the prompt: its first words, lowercase, dashes between.
fn slug(prompt: Option<&str>) -> String {
    let words: Vec<String> = prompt
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_lowercase)
        .collect();
    let mut s = words.join("-");
    if s.chars().count() > 48 {
        s = s
            .chars()
            .take(48)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
    }
    if s.is_empty() { "image".into() } else { s }
}

/// Creates a new file at `dir/stem.ext`, or `stem-2.ext`, `stem-3.ext`, … when taken: never
/// overwrites (create_new, so a file appearing meanwhile is not clobbered either).
fn write_new(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                f.write_all(bytes)
                    .map_err(|e| Error::io(format!("cannot write {}", path.display()), e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(format!("cannot create {}", path.display()), e)),
        }
    }
    Err(Error::usage(format!(
        "{}: no free file name for {stem}.{ext}",
        dir.display()
    )))
}

/// The extension the bytes really are.
fn sniff_ext(bytes: &[u8], asked: &str) -> String {
    if bytes.starts_with(b"\x89PNG") {
        "png".into()
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "jpg".into()
    } else if bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        "webp".into()
    } else {
        asked.into()
    }
}

fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    (bytes.len() >= 24 && bytes.starts_with(b"\x89PNG")).then(|| {
        (
            u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]),
            u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]),
        )
    })
}

pub async fn run(printer: &Printer, settings: &Settings, args: &ImageArgs) -> Result<()> {
    let model = settings.resolve_model(args.model.as_deref().unwrap_or(DEFAULT_MODEL))?;
    // An application profile or provisioned throughput ARN: the model it serves decides.
    let behind = match ImageFamily::detect(&model) {
        Some(_) => None,
        None => super::identity::base_model(settings, &model).await?,
    };
    let family = ImageFamily::detect(behind.as_deref().unwrap_or(&model)).ok_or_else(|| {
        let model = match &behind {
            Some(b) => format!("{model} (which serves {b})"),
            None => model.clone(),
        };
        Error::usage(format!(
            "{model} is not an image model brock knows: use amazon.nova-canvas-v1:0, amazon.titan-image-generator-v2:0, \
             stability.sd3-5-large-v1:0, stability.stable-image-core-v1:1, stability.stable-image-ultra-v1:1 \
             or stability.stable-diffusion-xl-v1"
        ))
    })?;
    let mut prompt = args.prompt.join(" ");
    if prompt.trim().is_empty()
        && !printer.stdin_tty
        && args.task != Some(ImageTask::BackgroundRemoval)
    {
        let raw = crate::input::read_stdin("the prompt on stdin")?;
        let s = String::from_utf8(raw).map_err(|_| Error::usage("stdin is not UTF-8 text"))?;
        prompt = s.trim().to_string();
    }
    let prompt = Some(prompt).filter(|p| !p.trim().is_empty());
    let req = build(args, prompt)?;
    req.validate(family).map_err(core_error)?;
    let api = ApiRequest::post_json(
        Service::Runtime,
        format!("/model/{}/invoke", path_segment(&model)),
        &request_body(family, &req),
    )
    .header("accept", "application/json");
    // Before the output paths are checked or created: a dry run writes nothing.
    if args.dry_run {
        let client = crate::transport::client(settings).await?;
        let extra = serde_json::json!({"operation": "InvokeModel", "model_id": model});
        return super::dry_run::print(&client, &[(api, extra)]);
    }
    let (dir, stem) = match (&args.output_file, &args.out_dir) {
        (Some(p), _) => {
            let dir = p
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .filter(|s| !s.is_empty())
                .ok_or_else(|| Error::usage(format!("-o {}: not a file name", p.display())))?;
            if !dir.is_dir() {
                return Err(Error::usage(format!(
                    "-o {}: no such directory {}",
                    p.display(),
                    dir.display()
                )));
            }
            (dir, stem)
        }
        (None, Some(d)) => {
            std::fs::create_dir_all(d)
                .map_err(|e| Error::io(format!("cannot create --out-dir {}", d.display()), e))?;
            (d.clone(), slug(req.prompt.as_deref()))
        }
        (None, None) => (PathBuf::from("."), slug(req.prompt.as_deref())),
    };
    let asked_ext = args
        .output_file
        .as_ref()
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| req.extension().to_string());

    let client = crate::transport::client(settings).await?;
    let send = client.send(&api);
    let resp = tokio::select! {
        r = send => r,
        _ = tokio::signal::ctrl_c() => return Err(Error::Interrupted),
    };
    let resp = match resp.map_err(Error::from) {
        Ok(r) => r,
        Err(Error::Service {
            status,
            code,
            message,
            request_id,
        }) if message.contains("content filters") => {
            return Err(Error::Service {
                status,
                code,
                message: format!(
                    "the prompt or image was blocked by the content filter: {message}"
                ),
                request_id,
            });
        }
        Err(e) => return Err(e),
    };
    let answer = resp.json().await?;
    let parsed = parse_response(family, &answer, req.seed).map_err(core_error)?;
    if let Some(e) = &parsed.error
        && !settings.quiet
    {
        diag(&format!("the model reported: {e}"));
    }

    let mut written = Vec::new();
    let mut filtered = 0;
    for (i, g) in parsed.images.iter().enumerate() {
        if g.filtered {
            filtered += 1;
            diag(&format!(
                "image {} was blocked by the content filter ({}); not written",
                i + 1,
                g.finish_reason.as_deref().unwrap_or("filtered")
            ));
            written.push((None, g));
            continue;
        }
        let stem_i = if parsed.images.len() > 1 {
            format!("{stem}-{}", i + 1)
        } else {
            stem.clone()
        };
        let ext = sniff_ext(&g.bytes, &asked_ext);
        let p = write_new(&dir, &stem_i, &ext, &g.bytes)?;
        written.push((Some(p), g));
    }
    if settings.output == Some(OutputFormat::Json) || settings.output == Some(OutputFormat::Ndjson)
    {
        let images: Vec<Value> = written
            .iter()
            .map(|(p, g)| image_json(p.as_deref(), g))
            .collect();
        let doc = json!({"model": model, "images": images});
        let text = if settings.output == Some(OutputFormat::Json) {
            serde_json::to_string_pretty(&doc).unwrap_or_default()
        } else {
            images
                .iter()
                .map(Value::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        };
        stdout_write(&format!("{text}\n"))?;
    } else {
        let mut out = String::new();
        for (p, _) in &written {
            if let Some(p) = p {
                out.push_str(&p.display().to_string());
                out.push('\n');
            }
        }
        stdout_write(&out)?;
    }
    if args.show {
        for (p, g) in &written {
            if let Some(p) = p {
                show(p, &g.bytes);
            }
        }
    }
    if filtered > 0 && filtered == parsed.images.len() {
        return Err(Error::Service {
            status: 400,
            code: "ContentFiltered".into(),
            message: "every image was blocked by the content filter; change the prompt".into(),
            request_id: None,
        });
    }
    if parsed.images.is_empty() {
        return Err(Error::Protocol(
            parsed
                .error
                .unwrap_or_else(|| "the model returned no images".into()),
        ));
    }
    Ok(())
}

fn image_json(path: Option<&Path>, g: &Generated) -> Value {
    let mut v = json!({
        "path": path.map(|p| p.display().to_string()),
        "seed": g.seed,
        "finish_reason": g.finish_reason,
        "filtered": g.filtered,
    });
    if let Some((w, h)) = png_size(&g.bytes) {
        v["width"] = json!(w);
        v["height"] = json!(h);
    }
    v
}

#[derive(Debug, PartialEq, Eq)]
enum Protocol {
    Kitty,
    Iterm,
}

fn detect_protocol() -> Option<Protocol> {
    let term = std::env::var("TERM").unwrap_or_default();
    let program = std::env::var("TERM_PROGRAM").unwrap_or_default();
    if term.contains("kitty")
        || std::env::var_os("KITTY_WINDOW_ID").is_some()
        || program == "ghostty"
    {
        Some(Protocol::Kitty)
    } else if program == "iTerm.app"
        || program == "WezTerm"
        || std::env::var_os("WEZTERM_EXECUTABLE").is_some()
    {
        Some(Protocol::Iterm)
    } else {
        None
    }
}

/// Draws the image on stderr (stdout carries the paths) when the terminal has an inline
/// image protocol brock speaks; says why not otherwise.
fn show(path: &Path, bytes: &[u8]) {
    let mut err = std::io::stderr().lock();
    if !Printer::current().stderr_tty {
        diag("--show: stderr is not a terminal; nothing drawn");
        return;
    }
    let data = base64::engine::general_purpose::STANDARD.encode(bytes);
    match detect_protocol() {
        Some(Protocol::Kitty) if bytes.starts_with(b"\x89PNG") => {
            let chunks: Vec<&[u8]> = data.as_bytes().chunks(4096).collect();
            for (i, c) in chunks.iter().enumerate() {
                let more = u8::from(i + 1 < chunks.len());
                let head = if i == 0 {
                    format!("a=T,f=100,m={more}")
                } else {
                    format!("m={more}")
                };
                let _ = write!(err, "\x1b_G{head};{}\x1b\\", String::from_utf8_lossy(c));
            }
            let _ = writeln!(err);
        }
        Some(Protocol::Iterm) => {
            let _ = writeln!(
                err,
                "\x1b]1337;File=inline=1;size={};preserveAspectRatio=1:{data}\x07",
                bytes.len()
            );
        }
        _ => {
            drop(err);
            diag(&format!(
                "--show: this terminal has no inline image protocol brock speaks (kitty, iTerm2, WezTerm); open {}",
                path.display()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_fresh_names() {
        assert_eq!(slug(Some("A red fox, jumping!")), "a-red-fox-jumping");
        assert_eq!(slug(None), "image");
        let dir = tempfile::tempdir().unwrap();
        let a = write_new(dir.path(), "x", "png", b"1").unwrap();
        let b = write_new(dir.path(), "x", "png", b"2").unwrap();
        assert_eq!(a.file_name().unwrap(), "x.png");
        assert_eq!(b.file_name().unwrap(), "x-2.png");
        assert_eq!(std::fs::read(&a).unwrap(), b"1");
    }
}

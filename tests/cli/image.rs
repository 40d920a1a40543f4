//! `brock image` against the emulator: Nova Canvas / Titan tasks, Stability, files written
//! without clobbering, decoded and checked for size, JSON output, content filtering.

use std::path::Path;

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

fn decode(path: &Path) -> (u32, u32) {
    let dec = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = dec.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    (info.width, info.height)
}

fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut buf, w, h);
        enc.set_color(png::ColorType::Rgb);
        let mut wr = enc.write_header().unwrap();
        wr.write_image_data(&vec![200u8; (w * h * 3) as usize])
            .unwrap();
    }
    buf
}

fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "stderr: {}", stderr_of(out));
}

fn paths(out: &std::process::Output) -> Vec<std::path::PathBuf> {
    stdout_of(out)
        .lines()
        .map(std::path::PathBuf::from)
        .collect()
}

#[test]
fn nova_canvas_text_image_size_count_and_no_clobber() {
    let env = TestEnv::new();
    let dir = env.home.path().join("shots");
    let run = || {
        let out = env
            .cmd()
            .args([
                "image",
                "--size",
                "320x480",
                "-n",
                "2",
                "--seed",
                "7",
                "--quality",
                "premium",
            ])
            .args(["--cfg-scale", "6.5", "--negative", "dogs", "--out-dir"])
            .arg(&dir)
            .arg("A red fox")
            .output()
            .unwrap();
        ok(&out);
        paths(&out)
    };
    let first = run();
    assert_eq!(first.len(), 2);
    assert!(first[0].ends_with("a-red-fox-1.png"), "{first:?}");
    for p in &first {
        assert_eq!(decode(p), (320, 480));
    }
    let second = run();
    assert_eq!(second.len(), 2);
    assert!(second[0].ends_with("a-red-fox-1-2.png"), "{second:?}");
    assert_eq!(
        std::fs::read(&first[0]).unwrap(),
        std::fs::read(&second[0]).unwrap()
    );
}

#[test]
fn output_file_and_json_with_seeds() {
    let env = TestEnv::new();
    let target = env.home.path().join("out.png");
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "image",
            "-m",
            "amazon.titan-image-generator-v2:0",
            "--size",
            "512x512",
            "--seed",
            "3",
            "-o",
        ])
        .arg(&target)
        .arg("a lighthouse")
        .output()
        .unwrap();
    ok(&out);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["images"][0]["path"], target.display().to_string());
    assert_eq!(doc["images"][0]["seed"], 3);
    assert_eq!(doc["images"][0]["width"], 512);
    assert_eq!(decode(&target), (512, 512));
    // The same target again: a fresh name, never an overwrite.
    let out = env
        .cmd()
        .args(["image", "-o"])
        .arg(&target)
        .arg("again")
        .output()
        .unwrap();
    ok(&out);
    assert!(paths(&out)[0].ends_with("out-2.png"));
}

#[test]
fn canvas_editing_tasks_keep_the_input_size() {
    let env = TestEnv::new();
    let input = env.write_file("in.png", tiny_png(400, 320));
    let dir = env.home.path().join("edits");
    for args in [
        vec!["--task", "background-removal"],
        vec!["--task", "inpainting", "--mask-prompt", "the sky", "stars"],
        vec![
            "--task",
            "outpainting",
            "--mask-prompt",
            "the sky",
            "--precise",
            "more sea",
        ],
        vec!["--task", "variation", "--similarity", "0.5", "similar"],
    ] {
        let out = env
            .cmd()
            .arg("image")
            .args(&args)
            .arg("-i")
            .arg(&input)
            .arg("--out-dir")
            .arg(&dir)
            .output()
            .unwrap();
        ok(&out);
        assert_eq!(decode(&paths(&out)[0]), (400, 320), "{args:?}");
    }
    let out = env
        .cmd()
        .args([
            "image",
            "--colors",
            "#FF8800,00ff00",
            "--size",
            "384x384",
            "--out-dir",
        ])
        .arg(&dir)
        .arg("sunset")
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(decode(&paths(&out)[0]), (384, 384));
}

#[test]
fn stability_aspect_ratio_and_filtering() {
    let env = TestEnv::new();
    let dir = env.home.path().join("st");
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "image",
            "-m",
            "stability.sd3-5-large-v1:0",
            "--aspect-ratio",
            "16:9",
        ])
        .args(["--negative", "people", "--seed", "99", "--out-dir"])
        .arg(&dir)
        .arg("a calm lake")
        .output()
        .unwrap();
    ok(&out);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["images"][0]["seed"], 99);
    assert_eq!(doc["images"][0]["finish_reason"], Value::Null);
    let p = doc["images"][0]["path"].as_str().unwrap();
    assert_eq!(decode(Path::new(p)), (1344, 768));
    for m in [
        "stability.stable-image-core-v1:1",
        "stability.stable-image-ultra-v1:1",
    ] {
        let out = env
            .cmd()
            .args(["image", "-m", m, "--out-dir"])
            .arg(&dir)
            .arg("x")
            .output()
            .unwrap();
        ok(&out);
        assert_eq!(decode(&paths(&out)[0]), (1024, 1024));
    }
    let out = env
        .cmd()
        .args([
            "image",
            "-m",
            "stability.stable-image-core-v1:1",
            "--out-dir",
        ])
        .arg(&dir)
        .arg("[[blocked]]")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("blocked by the content filter"),
        "{}",
        stderr_of(&out)
    );
    assert!(out.stdout.is_empty());
    let out = env
        .cmd()
        .args(["image", "--out-dir"])
        .arg(&dir)
        .arg("[[blocked]]")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("blocked by the content filter"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn refusals_before_sending() {
    let env = TestEnv::new();
    let dir = env.home.path().join("none");
    for (args, needle) in [
        (vec!["image"], "prompt is empty"),
        (vec!["image", "--size", "100x100", "x"], "--size 100x100"),
        (vec!["image", "--size", "big", "x"], "WIDTHxHEIGHT"),
        (vec!["image", "-n", "9", "x"], "-n 9"),
        (
            vec!["image", "--aspect-ratio", "16:9", "x"],
            "--aspect-ratio",
        ),
        (
            vec![
                "image",
                "-m",
                "stability.sd3-5-large-v1:0",
                "--size",
                "512x512",
                "x",
            ],
            "--size",
        ),
        (
            vec![
                "image",
                "-m",
                "stability.sd3-5-large-v1:0",
                "--aspect-ratio",
                "7:3",
                "x",
            ],
            "7:3",
        ),
        (vec!["image", "--task", "inpainting", "x"], "needs an image"),
        (vec!["image", "--colors", "red", "x"], "not a colour"),
        (
            vec!["image", "-m", "amazon.nova-lite-v1:0", "x"],
            "is not an image model",
        ),
    ] {
        let out = env
            .cmd()
            .args(&args)
            .arg("--out-dir")
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn show_falls_back_gracefully_without_a_terminal() {
    let env = TestEnv::new();
    let dir = env.home.path().join("show");
    let out = env
        .cmd()
        .args(["image", "--show", "--out-dir"])
        .arg(&dir)
        .arg("x")
        .output()
        .unwrap();
    ok(&out);
    assert!(stderr_of(&out).contains("--show"));
    assert_eq!(paths(&out).len(), 1);
}

#[test]
fn sdxl_text_prompts_with_a_style_preset() {
    let env = TestEnv::new();
    let dir = env.home.path().join("sdxl");
    let out = env
        .cmd()
        .args(["image", "-m", "stability.stable-diffusion-xl-v1"])
        .args(["--style", "anime", "--size", "768x512", "--seed", "11"])
        .args(["--negative", "blurry", "--out-dir"])
        .arg(&dir)
        .arg("a paper crane")
        .output()
        .unwrap();
    // The emulator validates SDXL's own body (text_prompts with weights, style_preset), so
    // a success here means brock sent that shape.
    ok(&out);
    let written = paths(&out);
    assert_eq!(written.len(), 1);
    assert_eq!(decode(&written[0]), (768, 512));

    // A preset SDXL does not know is refused before anything is sent.
    let bad = env
        .cmd()
        .args(["image", "-m", "stability.stable-diffusion-xl-v1"])
        .args(["--style", "watercolour", "x"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "{}", stderr_of(&bad));
    assert!(stderr_of(&bad).contains("anime"), "{}", stderr_of(&bad));
}

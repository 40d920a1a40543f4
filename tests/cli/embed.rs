//! `brock embed` against the emulator: every model family and option, input forms, bad lines,
//! resume, and a 2,000-line run with injected latency and throttling that must come back
//! complete, in order, without a line lost or doubled.

use std::time::Duration;

use base64::Engine;
use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

fn lines(out: &std::process::Output) -> Vec<Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn vector(v: &Value) -> Vec<f64> {
    v["embedding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "stderr: {}", stderr_of(out));
}

fn tiny_png(w: u32, h: u32) -> Vec<u8> {
    let mut buf = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut buf, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut wr = enc.write_header().unwrap();
        wr.write_image_data(&vec![128u8; (w * h * 3) as usize])
            .unwrap();
    }
    buf
}

#[test]
fn titan_v2_default_model_from_arguments_in_order() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["embed", "alpha", "beta", "alpha"])
        .output()
        .unwrap();
    ok(&out);
    let l = lines(&out);
    assert_eq!(l.len(), 3);
    for (i, r) in l.iter().enumerate() {
        assert_eq!(r["index"], i);
        assert_eq!(vector(r).len(), 1024);
    }
    assert_eq!(l[0]["embedding"], l[2]["embedding"]);
    assert_ne!(l[0]["embedding"], l[1]["embedding"]);
    let err = stderr_of(&out);
    assert!(err.contains("embedded 3 texts"), "{err}");
    assert!(err.contains("input tokens"), "{err}");
    // The JSONL starts with the index, as documented.
    assert!(stdout_of(&out).starts_with("{\"index\":0,\"embedding\":["));
}

#[test]
fn titan_v2_dimensions_normalize_and_binary() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "amazon.titan-embed-text-v2:0",
            "--dimensions",
            "256",
            "--normalize",
            "hi",
        ])
        .output()
        .unwrap();
    ok(&out);
    let v = vector(&lines(&out)[0]);
    assert_eq!(v.len(), 256);
    let norm: f64 = v.iter().map(|x| x * x).sum();
    assert!((norm - 1.0).abs() < 1e-6);
    let out = env
        .cmd()
        .args(["embed", "--dimensions", "512", "--no-normalize", "hi"])
        .output()
        .unwrap();
    ok(&out);
    let v = vector(&lines(&out)[0]);
    assert_eq!(v.len(), 512);
    assert!((v.iter().map(|x| x * x).sum::<f64>() - 1.0).abs() > 1e-3);
    let out = env
        .cmd()
        .args(["embed", "--embedding-type", "binary", "hi"])
        .output()
        .unwrap();
    ok(&out);
    let v = vector(&lines(&out)[0]);
    assert_eq!(v.len(), 1024);
    assert!(v.iter().all(|x| *x == 0.0 || *x == 1.0));
}

#[test]
fn titan_v1_fixed_size() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["embed", "-m", "amazon.titan-embed-text-v1", "x"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(vector(&lines(&out)[0]).len(), 1536);
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "amazon.titan-embed-text-v1",
            "--dimensions",
            "256",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--dimensions is not supported by Titan Text Embeddings v1"));
}

#[test]
fn cohere_v4_batches_of_96_with_options() {
    let env = TestEnv::new();
    let text: String = (0..200).map(|i| format!("document {i}\n")).collect();
    let f = env.write_file("docs.txt", text);
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "cohere.embed-v4:0",
            "--input-type",
            "search_query",
            "--truncate",
            "END",
        ])
        .args(["--dimensions", "512", "-f"])
        .arg(&f)
        .output()
        .unwrap();
    ok(&out);
    let l = lines(&out);
    assert_eq!(l.len(), 200);
    assert!(
        l.iter()
            .enumerate()
            .all(|(i, r)| r["index"] == i && vector(r).len() == 512)
    );
    assert!(stderr_of(&out).contains("3 calls"), "{}", stderr_of(&out));
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "us.cohere.embed-v4:0",
            "--embedding-type",
            "int8",
            "--batch-size",
            "2",
            "a",
            "b",
            "c",
        ])
        .output()
        .unwrap();
    ok(&out);
    let l = lines(&out);
    assert_eq!(l.len(), 3);
    assert!(
        l[0]["embedding"]
            .as_array()
            .unwrap()
            .iter()
            .all(|x| x.is_i64())
    );
    assert!(stderr_of(&out).contains("2 calls"));
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "cohere.embed-v4:0",
            "--batch-size",
            "97",
            "a",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn cohere_v3_english_and_multilingual() {
    let env = TestEnv::new();
    for m in ["cohere.embed-english-v3", "cohere.embed-multilingual-v3"] {
        let out = env
            .cmd()
            .args([
                "embed",
                "-m",
                m,
                "--input-type",
                "classification",
                "Hello",
                "World",
            ])
            .output()
            .unwrap();
        ok(&out);
        let l = lines(&out);
        assert_eq!(l.len(), 2);
        assert_eq!(vector(&l[1]).len(), 1024);
    }
    let long = "x".repeat(3000);
    let out = env
        .cmd()
        .args(["embed", "-m", "cohere.embed-english-v3", "ok", &long])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("argument 2: 3000 characters; Cohere Embed v3 takes at most 2048")
    );
}

#[test]
fn nova_text_and_image() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "amazon.nova-2-multimodal-embeddings-v1:0",
            "--dimensions",
            "384",
        ])
        .args(["--input-type", "search_document", "hello"])
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(vector(&lines(&out)[0]).len(), 384);
    let img = env.write_file("cat.png", tiny_png(8, 8));
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "amazon.nova-2-multimodal-embeddings-v1:0",
            "--image",
        ])
        .arg(&img)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(vector(&lines(&out)[0]).len(), 3072);
    let out = env
        .cmd()
        .args([
            "embed",
            "-m",
            "amazon.nova-2-multimodal-embeddings-v1:0",
            "text",
            "--image",
        ])
        .arg(&img)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn titan_multimodal_text_plus_image() {
    let env = TestEnv::new();
    let img = env.write_file("cat.png", tiny_png(4, 4));
    let run = |extra: &[&str]| {
        let out = env
            .cmd()
            .args([
                "embed",
                "-m",
                "amazon.titan-embed-image-v1",
                "--dimensions",
                "384",
                "--image",
            ])
            .arg(&img)
            .args(extra)
            .output()
            .unwrap();
        ok(&out);
        vector(&lines(&out)[0])
    };
    let with_text = run(&["a cat"]);
    let image_only = run(&[]);
    assert_eq!(with_text.len(), 384);
    assert_ne!(with_text, image_only);
    let out = env
        .cmd()
        .args(["embed", "--image"])
        .arg(&img)
        .arg("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("--image is not supported by Titan Text Embeddings v2"));
}

#[test]
fn jsonl_field_json_output_and_base64() {
    let env = TestEnv::new();
    let f = env.write_file(
        "docs.jsonl",
        "{\"id\":\"a\",\"text\":\"first\",\"tags\":[1]}\n{\"id\":\"b\",\"text\":\"second\"}\n",
    );
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "embed",
            "--dimensions",
            "256",
            "--field",
            "text",
            "-f",
        ])
        .arg(&f)
        .output()
        .unwrap();
    ok(&out);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = doc.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["id"], "a");
    assert_eq!(arr[0]["tags"], serde_json::json!([1]));
    assert_eq!(arr[1]["index"], 1);
    assert!(arr[0].get("text").is_none());
    let out = env
        .cmd()
        .args([
            "embed",
            "--dimensions",
            "256",
            "--format",
            "base64",
            "first",
        ])
        .output()
        .unwrap();
    ok(&out);
    let l = lines(&out);
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(l[0]["embedding"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes.len(), 256 * 4);
    let first = f32::from_le_bytes(bytes[..4].try_into().unwrap()) as f64;
    assert!((first - vector(&arr[0])[0]).abs() < 1e-6);
}

#[test]
fn stdin_bad_lines_skip_and_resume() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["embed"])
        .write_stdin("one\n\nthree\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("line 2: empty text"),
        "{}",
        stderr_of(&out)
    );
    assert!(out.stdout.is_empty());
    let out = env
        .cmd()
        .args(["embed", "--on-error", "skip"])
        .write_stdin("one\n\nthree\n")
        .output()
        .unwrap();
    ok(&out);
    assert!(stderr_of(&out).contains("skipping line 2: empty text"));
    let idx: Vec<u64> = lines(&out)
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect();
    assert_eq!(idx, [0, 2]);
    let out = env
        .cmd()
        .args(["embed", "--skip", "2", "-f", "-"])
        .write_stdin("one\ntwo\nthree\nfour\n")
        .output()
        .unwrap();
    ok(&out);
    let idx: Vec<u64> = lines(&out)
        .iter()
        .map(|r| r["index"].as_u64().unwrap())
        .collect();
    assert_eq!(idx, [2, 3]);
    let f = env.write_file("bad.jsonl", "{\"text\":\"ok\"}\nnot json\n");
    let out = env
        .cmd()
        .args(["embed", "--field", "text", "-f"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("line 2: not a JSON object"));
}

#[test]
fn refusals_before_sending() {
    let env = TestEnv::new();
    for (args, needle) in [
        (
            vec!["embed", "-m", "amazon.nova-lite-v1:0", "x"],
            "is not an embedding model",
        ),
        (
            vec!["embed", "--dimensions", "300", "x"],
            "--dimensions 300",
        ),
        (
            vec!["embed", "-m", "cohere.embed-v4:0", "--normalize", "x"],
            "--normalize is not supported",
        ),
        (
            vec![
                "embed",
                "-m",
                "cohere.embed-v4:0",
                "--input-type",
                "query",
                "x",
            ],
            "--input-type \"query\"",
        ),
        (
            vec![
                "embed",
                "-m",
                "cohere.embed-v4:0",
                "--truncate",
                "MIDDLE",
                "x",
            ],
            "--truncate",
        ),
        (vec!["embed", "--concurrency", "0", "x"], "--concurrency 0"),
        (vec!["embed", "--skip", "5", "x"], "--skip 5"),
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn a_failing_call_says_where_to_resume() {
    let env = TestEnv::new();
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"access-denied\"\n");
    let out = env.cmd().args(["embed", "a", "b"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("resume with --skip 0"),
        "{}",
        stderr_of(&out)
    );
}

/// 2,000 lines, 3 ms latency per call, every 7th request throttled, 16 calls in flight: the
/// output must hold every line exactly once, in input order, with retries reported.
#[test]
fn two_thousand_lines_with_latency_and_throttling() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        latency: Duration::from_millis(3),
        ..Default::default()
    });
    env.write_config(&format!(
        "[default.headers]\n{} = \"7\"\n",
        brock_emulator::THROTTLE_EVERY_HEADER
    ));
    // Line i and line i + 1000 carry the same text: equal vectors prove each answer landed
    // on its own line.
    let text: String = (0..2000)
        .map(|i| format!("sentence number {}\n", i % 1000))
        .collect();
    let f = env.write_file("big.txt", text);
    let out = env
        .cmd()
        .args(["embed", "--dimensions", "256", "--concurrency", "16", "-f"])
        .arg(&f)
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    ok(&out);
    let l = lines(&out);
    assert_eq!(l.len(), 2000);
    for (i, r) in l.iter().enumerate() {
        assert_eq!(r["index"].as_u64(), Some(i as u64));
    }
    for i in 0..1000 {
        assert_eq!(l[i]["embedding"], l[i + 1000]["embedding"], "line {i}");
        assert_ne!(l[i]["embedding"], l[i + 1]["embedding"], "line {i}");
    }
    let err = stderr_of(&out);
    let summary = err
        .lines()
        .find(|s| s.contains("embedded 2000 texts"))
        .expect(&err);
    let number_before = |word: &str| -> u64 {
        let words: Vec<&str> = summary
            .split([' ', ','])
            .filter(|w| !w.is_empty())
            .collect();
        let at = words.iter().position(|w| *w == word).unwrap();
        words[at - 1].parse().unwrap()
    };
    let calls = number_before("calls");
    let retries = number_before("retries");
    // The token counts come from x-amzn-bedrock-input-token-count, summed once per line.
    assert!(number_before("input") >= 2000 * 3, "{summary}");
    assert!(retries >= 250, "{summary}");
    assert_eq!(calls, 2000 + retries, "{summary}");
    // What brock reports is what the emulator saw: every call arrived, and every 7th of them
    // was the one throttled and retried.
    assert_eq!(env.emulator.requests(), calls, "{summary}");
    assert_eq!(retries, calls / 7, "{summary}");
}

/// The same kind as `recorded` at every position: objects with the same keys, arrays of the
/// same length (vectors of the recorded dimension), scalars of the same JSON type.
fn same_shape(path: &str, ours: &Value, recorded: &serde_yaml::Value) -> Result<(), String> {
    use serde_yaml::Value as Y;
    match (ours, recorded) {
        (Value::Object(o), Y::Mapping(m)) => {
            let mut theirs: Vec<String> = m
                .keys()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect();
            let mut mine: Vec<String> = o.keys().cloned().collect();
            theirs.sort();
            mine.sort();
            if mine != theirs {
                return Err(format!("{path}: keys {mine:?}, recorded {theirs:?}"));
            }
            for (k, v) in m {
                let k = k.as_str().unwrap_or_default();
                same_shape(&format!("{path}.{k}"), &o[k], v)?;
            }
            Ok(())
        }
        (Value::Array(a), Y::Sequence(s)) => {
            if a.len() != s.len() {
                return Err(format!("{path}: {} items, recorded {}", a.len(), s.len()));
            }
            a.iter()
                .zip(s)
                .enumerate()
                .try_for_each(|(i, (x, y))| same_shape(&format!("{path}[{i}]"), x, y))
        }
        (Value::String(_), Y::String(_)) | (Value::Bool(_), Y::Bool(_)) => Ok(()),
        (Value::Number(_), Y::Number(_)) => Ok(()),
        _ => Err(format!(
            "{path}: {ours} where the recording has {recorded:?}"
        )),
    }
}

/// Every recorded embeddings request (Titan v1/v2, Cohere v3/v4, Nova) is accepted by the
/// emulator as the service accepted it, and answered in the recorded shape with the token
/// count header.
#[test]
fn recorded_embedding_requests_are_answered_in_the_recorded_shape() {
    let dir = crate::common::fixtures_dir().join("embeddings");
    let env = TestEnv::new();
    let mut checked = 0;
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for it in doc["interactions"].as_sequence().unwrap() {
            let uri = it["request"]["uri"].as_str().unwrap();
            let target = uri.split_once(".amazonaws.com").unwrap().1;
            let body = it["request"]["body"].as_str().unwrap();
            let out = env
                .cmd()
                .args(["raw", "-i", target, "-d", body])
                .output()
                .unwrap();
            assert!(out.status.success(), "{name}: {}", stderr_of(&out));
            let ours: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
            same_shape("$", &ours, &it["response"]["parsed_body"])
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                stderr_of(&out).contains("x-amzn-bedrock-input-token-count"),
                "{name}: {}",
                stderr_of(&out)
            );
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} recorded requests found");
}

/// With stderr on a terminal, a progress bar is drawn there (stdout, redirected to a file,
/// carries only the vectors); without a terminal, no bar at all (the other tests).
#[test]
fn progress_bar_on_a_terminal_only() {
    use expectrl::{Expect, Session};
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        latency: Duration::from_millis(5),
        ..Default::default()
    });
    let text: String = (0..300).map(|i| format!("line {i}\n")).collect();
    let input = env.write_file("in.txt", text);
    let output = env.home.path().join("out.jsonl");
    // The test environment, through a shell that sends stdout to a file.
    let base = env.std_cmd();
    let mut cmd = std::process::Command::new("/bin/sh");
    cmd.arg("-c")
        .arg("exec \"$0\" embed --concurrency 2 -f \"$1\" > \"$2\"")
        .arg(base.get_program())
        .arg(&input)
        .arg(&output)
        .env_clear()
        .current_dir(env.home.path());
    for (k, v) in base.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(120)));
    p.expect("/300 texts").expect("a progress bar on stderr");
    p.expect("embedded 300 texts").expect("the summary");
    p.expect(expectrl::Eof).unwrap();
    let written = std::fs::read_to_string(&output).unwrap();
    assert_eq!(written.lines().count(), 300);
    assert!(!written.contains("texts"), "stdout carries vectors only");
}

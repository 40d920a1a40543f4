//! Every `brock --mock` example in README.md runs as written and prints what the README
//! promises, so the docs cannot rot.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::require_tool;

/// Lines of ```sh blocks that run brock against the emulator.
fn examples() -> Vec<String> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = t == "```sh";
            continue;
        }
        if in_sh && !t.starts_with('#') && t.contains("brock --mock") {
            out.push(t.to_string());
        }
    }
    out
}

/// One thing an example's output must satisfy.
enum Check {
    /// stdout is exactly this.
    Is(&'static str),
    /// stdout contains this.
    Has(&'static str),
    /// stderr contains this.
    StderrHas(&'static str),
    /// stdout has this many lines.
    Lines(usize),
    /// Every stdout line is one JSON document.
    JsonLines,
    /// stdout is one (pretty-printed) JSON document.
    Json,
    /// This file, relative to the working directory, is a PNG image.
    Png(&'static str),
    /// A check that needs code, with what it checks.
    That(&'static str, fn(&str) -> bool),
}

use Check::*;

/// What each README example must print, keyed by its exact command line. An example missing
/// here fails the test, so a new one cannot be added without saying what it should show.
fn expectations() -> Vec<(&'static str, Vec<Check>)> {
    vec![
        (
            "seq 100 | sed 's/^/Say hello to number /' | brock --mock batch submit -m nova-lite --input - --s3 s3://my-bucket/batch/ --role-arn arn:aws:iam::123456789012:role/BedrockBatch --wait",
            vec![
                Lines(1),
                Has(":model-invocation-job/"),
                StderrHas(
                    "Completed: fetch the results with: brock batch results arn:aws:bedrock:",
                ),
            ],
        ),
        (
            r#"brock --mock chat "Tell me about the octopus""#,
            vec![Is(
                "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: Tell me about the octopus\n",
            )],
        ),
        (
            r#"brock --mock chat -c "How many arms does it have?""#,
            vec![Is(
                "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: How many arms does it have?\n",
            )],
        ),
        (
            "brock --mock logs -n 2",
            vec![
                Has("> Tell me about the octopus\n"),
                Has("> How many arms does it have?\n"),
                That("both exchanges are one conversation", |out| {
                    let ids: Vec<&str> = out
                        .lines()
                        .filter_map(|l| l.split(" · conversation ").nth(1))
                        .filter_map(|l| l.split(' ').next())
                        .collect();
                    ids.len() == 2 && ids[0] == ids[1]
                }),
            ],
        ),
        (
            "brock --mock logs octopus --output json | jq -r '.[].prompt'",
            vec![Is("Tell me about the octopus\n")],
        ),
        (
            "brock --mock sessions",
            vec![Has("KIND"), Has("Tell me about the octopus")],
        ),
        (
            r#"brock --mock chat "hello""#,
            vec![Is(
                "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hello\n",
            )],
        ),
        (
            "brock --mock models --provider anthropic",
            vec![
                Has("anthropic.claude-3-haiku-20240307-v1:0"),
                That("every model row is Anthropic's", |out| {
                    let rows = model_rows(out);
                    rows.len() > 1 && rows.iter().all(|l| l.contains(" Anthropic "))
                }),
            ],
        ),
        (
            r#"brock --mock chat "Explain SigV4 in one paragraph""#,
            vec![Is(
                "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: Explain SigV4 in one paragraph\n",
            )],
        ),
        (
            r#"printf 'line one\nline two\n' | brock --mock chat "Summarise this log""#,
            vec![
                Has("You said: Summarise this log"),
                // stdin reached the model as context.
                Has("line one\nline two"),
            ],
        ),
        (
            r#"brock --mock chat --model sonnet --reasoning low "Is 1009 prime?""#,
            vec![
                Is(
                    "Hello from the brock emulator (us.anthropic.claude-sonnet-4-6). You said: Is 1009 prime?\n",
                ),
                // The reasoning goes to stderr.
                StderrHas("The user said: Is 1009 prime?"),
            ],
        ),
        (
            r#"brock --mock --output json chat "hello" | jq -r '.choices[0].message.content'"#,
            vec![Is(
                "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hello\n",
            )],
        ),
        (
            r#"brock --mock --output ndjson chat "hello" | head -n 3"#,
            vec![
                Lines(3),
                JsonLines,
                Has(r#""object":"chat.completion.chunk""#),
                Has(r#""delta":{"content":"Hello from the "}"#),
            ],
        ),
        (
            r#"brock --mock chat --dry-run --model nova-pro --temperature 0.2 "What would be sent?""#,
            vec![
                Json,
                Has(r#""model_id": "us.amazon.nova-pro-v1:0""#),
                Has(r#""temperature": 0.2"#),
                Has(r#""text": "What would be sent?""#),
                Has(r#""operation": "ConverseStream""#),
            ],
        ),
        (
            r#"brock --mock chat --no-stream --max-tokens 50 "Answer briefly""#,
            vec![Is(
                "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: Answer briefly\n",
            )],
        ),
        (
            r#"brock --mock chat "hello" | wc -l"#,
            vec![That("a piped answer is one line", |s| s.trim() == "1")],
        ),
        (
            r#"brock --mock chat -v -m invoke/us.meta.llama3-3-70b-instruct-v1:0 "hello""#,
            vec![
                Is(
                    "Hello from the brock emulator (us.meta.llama3-3-70b-instruct-v1:0). You said: hello\n",
                ),
                StderrHas("route: invoke (llama) via InvokeModelWithResponseStream"),
            ],
        ),
        (
            r#"brock --mock chat --route invoke -m openai.gpt-oss-20b-1:0 "why is the sky blue?""#,
            vec![Is(
                "Hello from the brock emulator (openai.gpt-oss-20b-1:0). You said: why is the sky blue?\n",
            )],
        ),
        (
            r#"brock --mock chat --dry-run -m qwen3/arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefghijkl "hi""#,
            vec![
                Json,
                Has(r#""family": "qwen3""#),
                Has(r#""route": "invoke""#),
                Has(r#""prompt": "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n""#),
            ],
        ),
        (
            r#"brock --mock embed --dimensions 256 "hello world" "good morning""#,
            vec![
                Lines(2),
                JsonLines,
                That("two vectors of 256 numbers, in input order", |out| {
                    out.lines().enumerate().all(|(i, l)| {
                        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
                        v["index"] == i
                            && v["embedding"].as_array().is_some_and(|e| {
                                e.len() == 256 && e.iter().all(serde_json::Value::is_f64)
                            })
                    })
                }),
            ],
        ),
        (
            r#"printf 'first line\nsecond line\n' | brock --mock embed --model cohere.embed-english-v3 --input-type search_document"#,
            vec![
                Lines(2),
                JsonLines,
                That("one vector per stdin line, in order", |out| {
                    out.lines().enumerate().all(|(i, l)| {
                        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_default();
                        v["index"] == i && v["embedding"].as_array().is_some_and(|e| !e.is_empty())
                    })
                }),
            ],
        ),
        (
            r#"brock --mock image "a lighthouse at dusk" --size 512x512 --out-dir out"#,
            vec![
                Is("out/a-lighthouse-at-dusk.png\n"),
                Png("out/a-lighthouse-at-dusk.png"),
            ],
        ),
        (
            r#"brock --mock rerank --query "refund policy" "Refunds take five days" "Parking is free" "Our refund policy is simple""#,
            vec![
                Lines(3),
                JsonLines,
                // The document that shares most words with the query comes first.
                That("ranked 2, then 1 and 0", |out| {
                    let first: serde_json::Value =
                        serde_json::from_str(out.lines().next().unwrap_or("")).unwrap_or_default();
                    first["index"] == 2
                }),
            ],
        ),
        (
            r#"brock --mock agent invoke AGENT12345 TSTALIASID "How are refunds processed?""#,
            vec![
                Has(
                    "Hello from agent support (AGENT12345, alias TSTALIASID), turn 1. You said: How are refunds processed?",
                ),
                Has(
                    "[1] s3://brock-emulator-kb/handbook/02-billing.txt — Refunds are processed within five business days of approval.",
                ),
                StderrHas("--continue"),
            ],
        ),
        (
            "brock --mock agent retrieve KB12345678 refunds --top-k 3",
            vec![
                Lines(4),
                That("the billing passage ranks first", |out| {
                    out.lines().nth(1).is_some_and(|l| {
                        l.starts_with("1 ")
                            && l.contains("02-billing.txt")
                            && l.contains("Refunds are processed within five business days")
                    })
                }),
            ],
        ),
        (
            r#"brock --mock agent ask KB12345678 "How long do refunds take?" -m nova-lite"#,
            vec![
                Has(
                    "According to the handbook: Refunds are processed within five business days of approval.[1]",
                ),
                Has("[1] s3://brock-emulator-kb/handbook/02-billing.txt"),
            ],
        ),
        (
            r#"brock --mock agent inline --instruction "You answer questions about the staff handbook, briefly." --kb KB12345678 "How are refunds processed?""#,
            vec![
                Has(
                    "Hello from inline agent brock-inline on us.amazon.nova-lite-v1:0, turn 1. You said: How are refunds processed? According to the handbook: Refunds are processed within five business days of approval.[1]",
                ),
                Has("\n\nReferences:\n[1] s3://brock-emulator-kb/handbook/02-billing.txt"),
            ],
        ),
        (
            r#"brock --mock flow invoke FLOW123456 TSTALIASID "Summarise the release notes" --trace"#,
            vec![
                Is(
                    "Hello from flow summarise (FLOW123456, alias TSTALIASID). You said: Summarise the release notes\n",
                ),
                StderrHas("trace: node FlowInputNode output document: Summarise the release notes"),
            ],
        ),
        (
            "brock --mock models nova",
            vec![
                Has("amazon.nova-lite-v1:0"),
                That("every model row matches the filter", |out| {
                    let rows = model_rows(out);
                    rows.len() > 1 && rows.iter().all(|l| l.starts_with("amazon.nova"))
                }),
            ],
        ),
        (
            r#"brock --mock --output json models --profiles | jq -r '.inferenceProfiles[0].inferenceProfileId'"#,
            vec![
                Lines(1),
                That("an inference profile id, not null", |out| {
                    let id = out.trim();
                    ["us.", "eu.", "apac.", "global."]
                        .iter()
                        .any(|geo| id.starts_with(geo))
                        && id.contains(':')
                }),
            ],
        ),
        (
            "brock --mock models show sonnet",
            vec![
                Has("us.anthropic.claude-sonnet-4-6"),
                Has("US Claude Sonnet 4.6"),
            ],
        ),
        (
            r#"brock --mock raw /model/us.amazon.nova-lite-v1:0/converse -d '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}'"#,
            vec![
                JsonLines,
                Has(
                    r#""text":"Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hi""#,
                ),
            ],
        ),
        (
            r#"brock --mock raw /model/us.amazon.nova-lite-v1:0/converse-stream -d '{"messages":[{"role":"user","content":[{"text":"hi"}]}]}'"#,
            vec![
                JsonLines,
                Has(r#"{"event":"messageStart","#),
                Has(r#""delta":{"text":"You said: hi"}"#),
                Has(r#"{"event":"messageStop","#),
            ],
        ),
        (
            "brock --mock raw GET --service bedrock /foundation-models",
            vec![
                JsonLines,
                Has(r#"{"modelSummaries":["#),
                Has(r#""modelId":"amazon.nova-lite-v1:0""#),
            ],
        ),
        (
            "brock --mock config show",
            vec![Has("# profile: default\n"), Has("retries.max_attempts = 3")],
        ),
        (
            r#"brock --mock tokens -m sonnet -s "Be brief" "How many tokens is this sentence?""#,
            vec![That("one positive whole number", |out| {
                out.trim().parse::<u64>().is_ok_and(|n| n > 0) && out.lines().count() == 1
            })],
        ),
        (
            r#"brock --mock chat --count-tokens -m sonnet "Count before sending""#,
            vec![That("one positive whole number, and no answer", |out| {
                out.trim().parse::<u64>().is_ok_and(|n| n > 0) && out.lines().count() == 1
            })],
        ),
        (
            r#"brock --mock guardrail apply abc123xyz:1 "Is this text allowed?""#,
            vec![Has("action: NONE\n")],
        ),
        (
            r#"brock --mock guardrail apply abc123xyz:1 --fail-on-intervention "tell me [[blocked]]" || echo "exit $?""#,
            vec![
                Has("action: GUARDRAIL_INTERVENED\n"),
                Has("policy: topic \"Blocked\""),
                Has("exit 6\n"),
            ],
        ),
        (
            r#"brock --mock chat --guardrail abc123xyz:1 --guard "the customer's message" "Reply politely to this message""#,
            vec![Has(
                "You said: Reply politely to this message the customer's message",
            )],
        ),
        (
            r#"brock --mock embed --dry-run "what would be sent?""#,
            vec![
                Json,
                Has(r#""operation": "InvokeModel""#),
                Has(r#""inputText": "what would be sent?""#),
            ],
        ),
        (
            "brock --mock models --kind application",
            vec![
                Has("mi1dadi0g15f  support-sonnet"),
                That("only application profiles", |out| {
                    out.lines().skip(1).all(|l| l.contains("ACTIVE"))
                }),
            ],
        ),
        (
            "brock --mock models --kind all",
            vec![
                Has("Foundation models:\n"),
                Has("Inference profiles:\n"),
                Has("Application inference profiles:\n"),
                Has("Imported models:\n"),
                Has("Custom models:\n"),
                Has("Provisioned throughputs:\n"),
            ],
        ),
        (
            r#"brock --mock chat -v -m arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f --reasoning low "hi""#,
            vec![
                Has("You said: hi"),
                StderrHas(
                    "family anthropic, model anthropic.claude-sonnet-4-5-20250929-v1:0 (from GetInferenceProfile)",
                ),
                // The family's reasoning reached the model.
                StderrHas("The user said: hi"),
            ],
        ),
        (
            r#"brock --mock embed -m arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/otnfa2ysixqd "hello world""#,
            vec![Lines(1), JsonLines, Has(r#"{"index":0,"embedding":["#)],
        ),
    ]
}

/// The rows of the model table `brock models` prints first (the alias table follows a blank line).
fn model_rows(out: &str) -> Vec<&str> {
    out.lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect()
}

/// What is wrong with an example's output, if anything.
fn failed_checks(checks: &[Check], stdout: &str, stderr: &str, dir: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    for check in checks {
        let (ok, what) = match check {
            Is(text) => (stdout == *text, format!("stdout is exactly {text:?}")),
            Has(text) => (stdout.contains(text), format!("stdout contains {text:?}")),
            StderrHas(text) => (stderr.contains(text), format!("stderr contains {text:?}")),
            Lines(n) => (stdout.lines().count() == *n, format!("{n} lines on stdout")),
            JsonLines => (
                !stdout.trim().is_empty()
                    && stdout
                        .lines()
                        .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
                "one JSON document per line".to_string(),
            ),
            Json => (
                serde_json::from_str::<serde_json::Value>(stdout).is_ok(),
                "one JSON document".to_string(),
            ),
            Png(file) => (
                std::fs::read(dir.join(file)).is_ok_and(|b| b.starts_with(b"\x89PNG\r\n\x1a\n")),
                format!("{file} is a PNG image"),
            ),
            That(what, f) => (f(stdout), what.to_string()),
        };
        if !ok {
            bad.push(what);
        }
    }
    bad
}

#[test]
fn every_mock_example_in_the_readme_prints_what_it_promises() {
    let examples = examples();
    let mut expected = expectations();
    assert!(
        examples.len() >= 12,
        "found only {} examples",
        examples.len()
    );
    if examples.iter().any(|e| e.contains("| jq ")) {
        require_tool("jq", "jq");
    }
    let bin_dir = assert_cmd::cargo::cargo_bin("brock")
        .parent()
        .unwrap()
        .to_path_buf();
    let home = tempfile::tempdir().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for ex in &examples {
        let Some(at) = expected.iter().position(|(line, _)| line == ex) else {
            failures.push(format!(
                "{ex}\n  no expectation: add this command line and what it must print to \
                 expectations() in tests/cli/readme.rs"
            ));
            continue;
        };
        let (_, checks) = expected.remove(at);
        let out = Command::new("bash")
            .args(["-o", "pipefail", "-c", ex])
            .env_clear()
            // Examples that write files (`image --out-dir out`) write them in a scratch dir.
            .current_dir(home.path())
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join(".config"))
            .env("XDG_DATA_HOME", home.path().join(".local/share"))
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let mut bad = failed_checks(&checks, &stdout, &stderr, home.path());
        if !out.status.success() {
            bad.insert(0, format!("exit 0 (got {:?})", out.status.code()));
        }
        if !bad.is_empty() {
            failures.push(format!(
                "{ex}\n  expected: {}\n  stdout: {}\n  stderr: {}",
                bad.join("; "),
                stdout.trim(),
                stderr.trim()
            ));
        }
    }
    for (line, _) in &expected {
        failures.push(format!(
            "{line}\n  expected in README.md but not found: remove it from expectations()"
        ));
    }
    assert!(
        failures.is_empty(),
        "README examples failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_first_two_commands_are_the_build_and_the_tests() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let block: Vec<&str> = readme
        .split("```sh")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take(2)
        .collect();
    assert!(
        block[0].starts_with("cargo run --release -- --mock chat"),
        "{block:?}"
    );
    assert!(block[1].starts_with("cargo test"), "{block:?}");
    // .ci/run runs the README's test command.
    let ci =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).unwrap();
    assert!(ci.contains("cargo test --locked"), "{ci}");
}

//! `brock rerank` against the emulator: both models, ids and ARNs, the Rerank API and the
//! InvokeModel route, file and JSONL input, top-n, output shapes, and bearer-token refusal.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

const DOCS: [&str; 4] = [
    "a red car on the road",
    "kiwi is a green fruit",
    "green apples are a fruit too",
    "the sky is blue",
];

fn ok(out: &std::process::Output) {
    assert!(out.status.success(), "stderr: {}", stderr_of(out));
}

fn results(out: &std::process::Output) -> Vec<Value> {
    stdout_of(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn ranks_by_relevance_with_both_models_and_routes() {
    let env = TestEnv::new();
    for model in [
        "cohere.rerank-v3-5:0",
        "amazon.rerank-v1:0",
        "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0",
    ] {
        for route in ["rerank", "invoke"] {
            if route == "invoke" && model.starts_with("arn:") {
                continue;
            }
            let out = env
                .cmd()
                .args([
                    "rerank",
                    "-m",
                    model,
                    "--route",
                    route,
                    "--query",
                    "green fruit",
                ])
                .args(DOCS)
                .output()
                .unwrap();
            ok(&out);
            let r = results(&out);
            assert_eq!(r.len(), 4, "{model} {route}");
            let order: Vec<u64> = r.iter().map(|x| x["index"].as_u64().unwrap()).collect();
            assert_eq!(&order[..2], &[1, 2], "{model} {route}: {order:?}");
            let scores: Vec<f64> = r
                .iter()
                .map(|x| x["relevance_score"].as_f64().unwrap())
                .collect();
            assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
        }
    }
}

#[test]
fn top_n_return_documents_and_json() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "rerank",
            "--query",
            "green fruit",
            "--top-n",
            "2",
            "--return-documents",
        ])
        .args(DOCS)
        .output()
        .unwrap();
    ok(&out);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = doc["results"].as_array().unwrap();
    assert_eq!(r.len(), 2);
    assert_eq!(r[0]["document"]["text"], DOCS[1]);
    let out = env
        .cmd()
        .args(["rerank", "--query", "blue sky", "-n", "1"])
        .args(DOCS)
        .output()
        .unwrap();
    ok(&out);
    let r = results(&out);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["index"], 3);
    assert!(r[0].get("document").is_none());
}

#[test]
fn documents_from_files_and_jsonl() {
    let env = TestEnv::new();
    let f = env.write_file("docs.txt", DOCS.join("\n") + "\n");
    let out = env
        .cmd()
        .args(["rerank", "--query", "red car", "-f"])
        .arg(&f)
        .output()
        .unwrap();
    ok(&out);
    assert_eq!(results(&out)[0]["index"], 0);
    let jsonl: String = DOCS
        .iter()
        .enumerate()
        .map(|(i, d)| {
            format!(
                "{{\"id\":\"doc{i}\",\"body\":{}}}\n",
                Value::String(d.to_string())
            )
        })
        .collect();
    let out = env
        .cmd()
        .args(["rerank", "--query", "the sky", "--field", "body"])
        .write_stdin(jsonl)
        .output()
        .unwrap();
    ok(&out);
    let r = results(&out);
    assert_eq!(r[0]["index"], 3);
    assert_eq!(r[0]["id"], "doc3");
}

#[test]
fn refusals() {
    let env = TestEnv::new();
    for (args, needle) in [
        (vec!["rerank", "doc"], "--query is required"),
        (vec!["rerank", "--query", "q"], "no documents"),
        (
            vec!["rerank", "-m", "amazon.nova-lite-v1:0", "--query", "q", "d"],
            "not a rerank model",
        ),
        (
            vec!["rerank", "--query", "q", "--top-n", "0", "d"],
            "--top-n",
        ),
        (
            vec!["rerank", "--query", "q", "d", ""],
            "argument 2: empty document",
        ),
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
fn bearer_token_only_is_refused_for_the_rerank_api() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        bearer_tokens: vec!["test-key".into()],
        ..Default::default()
    });
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "test-key")
        .args(["rerank", "--query", "green fruit"])
        .args(DOCS)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("SigV4") || err.contains("bearer"), "{err}");
    // The InvokeModel route takes the API key.
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "test-key")
        .args(["rerank", "--route", "invoke", "--query", "green fruit"])
        .args(DOCS)
        .output()
        .unwrap();
    ok(&out);
}

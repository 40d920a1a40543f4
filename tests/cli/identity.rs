//! Model identity: the family behind application inference profile and provisioned
//! throughput ARNs, looked up on the control plane once and cached, or named by `--family` /
//! `[models."ARN"]` with no lookup at all.

use crate::common::{TestEnv, stderr_of, stdout_of};

/// Recorded in test_bedrock_inference_profile_converse.yaml; the emulator's catalog says it
/// routes to Claude Sonnet 4.5.
const SONNET_APP: &str =
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/mi1dadi0g15f";
/// Recorded in test_inference_profile_embed.yaml (a Titan Text Embeddings v2 body).
const TITAN_APP: &str =
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/otnfa2ysixqd";
const CANVAS_APP: &str =
    "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/c4nv4s0app01";
const HAIKU_PT: &str = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/q8w2e4r6t1y3";

fn lookups(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.contains("-> GET") && l.contains("/inference-profiles/"))
        .count()
}

#[test]
fn application_profile_family_is_looked_up_once_then_cached() {
    let env = TestEnv::new();
    let run = || {
        env.cmd()
            .args(["-v", "chat", "-m", SONNET_APP, "--reasoning", "1024", "hi"])
            .output()
            .unwrap()
    };
    let out = run();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert_eq!(lookups(&err), 1, "{err}");
    assert!(
        err.contains("family anthropic, model anthropic.claude-sonnet-4-5-20250929-v1:0 (from GetInferenceProfile)"),
        "{err}"
    );
    // Claude's reasoning was asked for and answered; before, it was dropped as "family unknown".
    assert!(!err.contains("reasoning not sent"), "{err}");
    assert!(err.contains("The user said: hi"), "{err}");

    let cache = env.data_dir().join("model-identity.json");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&cache).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    assert_eq!(
        doc["entries"][format!("us-east-1 {SONNET_APP}")]["base_model"],
        "anthropic.claude-sonnet-4-5-20250929-v1:0"
    );

    let out = run();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert_eq!(lookups(&err), 0, "second call asked again: {err}");
    assert!(err.contains("cached GetInferenceProfile answer"), "{err}");
}

#[test]
fn family_flag_and_config_entry_override_without_a_lookup() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["-vvv", "chat", "-m", HAIKU_PT, "--family", "mistral"])
        .args(["--top-k", "7", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(!err.contains("/provisioned-model-throughput/"), "{err}");
    assert!(err.contains("family mistral (from --family)"), "{err}");

    env.write_config(&format!(
        "[models.\"{SONNET_APP}\"]\nfamily = \"anthropic\"\n"
    ));
    let out = env
        .cmd()
        .args(["-v", "chat", "-m", SONNET_APP, "--reasoning", "low", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert_eq!(lookups(&err), 0, "{err}");
    assert!(err.contains("family anthropic (from [models."), "{err}");

    let out = env
        .cmd()
        .args(["chat", "-m", SONNET_APP, "--family", "gpt", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("unknown model family 'gpt'"),
        "{}",
        stderr_of(&out)
    );

    for entry in ["family = \"gpt\"", "famly = \"anthropic\"", "# nothing"] {
        env.write_config(&format!("[models.\"{SONNET_APP}\"]\n{entry}\n"));
        let out = env
            .cmd()
            .args(["chat", "-m", SONNET_APP, "hi"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{entry}: {}", stderr_of(&out));
        assert!(stderr_of(&out).contains("[models."), "{}", stderr_of(&out));
    }
}

#[test]
fn provisioned_throughput_gets_its_family_top_k() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "-vvv",
            "chat",
            "-m",
            HAIKU_PT,
            "--top-k",
            "7",
            "--no-stream",
            "hi",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("-> GET") && err.contains("/provisioned-model-throughput/"),
        "{err}"
    );
    assert!(
        err.contains("(from GetProvisionedModelThroughput)"),
        "{err}"
    );
    // Claude takes top-k as `top_k` in additionalModelRequestFields; unknown families lose it.
    assert!(err.contains(r#""top_k":7"#), "{err}");
    assert!(!err.contains("top-k not sent"), "{err}");
}

#[test]
fn dry_run_looks_nothing_up_and_says_so() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "-v",
            "chat",
            "--dry-run",
            "-m",
            SONNET_APP,
            "--reasoning",
            "low",
            "hi",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(lookups(&stderr_of(&out)), 0);
    assert!(
        stderr_of(&out).contains("is not known without a lookup"),
        "{}",
        stderr_of(&out)
    );
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert!(doc["body"]["additionalModelRequestFields"]["thinking"].is_null());

    let out = env
        .cmd()
        .args(["chat", "--dry-run", "-m", SONNET_APP, "--family", "claude"])
        .args(["--reasoning", "low", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(
        doc["body"]["additionalModelRequestFields"]["thinking"]["type"],
        "enabled"
    );
}

#[test]
fn an_application_profile_that_does_not_exist_is_reported() {
    let env = TestEnv::new();
    let missing =
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/zzzzzzzzzzzz";
    let out = env
        .cmd()
        .args(["chat", "-m", missing, "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.lines()
            .next()
            .unwrap()
            .starts_with("brock: error: ResourceNotFoundException: Inference profile"),
        "{err}"
    );
}

#[test]
fn embed_and_image_accept_profiles_of_their_kind() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["-v", "embed", "-m", TITAN_APP, "hello world"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let line: serde_json::Value =
        serde_json::from_str(stdout_of(&out).lines().next().unwrap()).unwrap();
    // Titan Text Embeddings v2's default size.
    assert_eq!(line["embedding"].as_array().unwrap().len(), 1024);
    assert!(
        stderr_of(&out).contains("model amazon.titan-embed-text-v2:0 (from GetInferenceProfile)"),
        "{}",
        stderr_of(&out)
    );

    let dir = tempfile::tempdir().unwrap();
    let out = env
        .cmd()
        .current_dir(dir.path())
        .args(["image", "-m", CANVAS_APP, "-o", "fox.png", "a red fox"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(dir.path().join("fox.png").exists());

    // A chat model's profile is no embedding model, refused before anything is embedded.
    let out = env
        .cmd()
        .args(["embed", "-m", SONNET_APP, "hello"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains(
            "(which serves anthropic.claude-sonnet-4-5-20250929-v1:0) is not an embedding model"
        ),
        "{}",
        stderr_of(&out)
    );
    assert!(stdout_of(&out).is_empty());
}

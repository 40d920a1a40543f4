//! Credentials never appear in output, logs (-vvv included), errors or dry runs.

use crate::common::{TestEnv, stderr_of, stdout_of};
use brock_emulator::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, EmulatorOptions};

fn all_output(out: &std::process::Output) -> String {
    format!("{}{}", stdout_of(out), stderr_of(out))
}

#[test]
fn verbose_logs_redact_signatures_tokens_and_keys() {
    let env = TestEnv::new();
    // Assume-role: the request is signed with temporary credentials and a session token.
    let out = env
        .cmd()
        .args([
            "-vvv",
            "--role-arn",
            "arn:aws:iam::123456789012:role/r",
            "chat",
            "hello secrets",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = all_output(&out);
    assert!(
        text.to_ascii_lowercase().contains("x-amz-security-token:"),
        "{text}"
    );
    assert!(text.contains("-> POST"), "-vvv logs requests: {text}");
    assert!(text.contains("body: "), "-vvv logs bodies: {text}");
    assert!(!text.contains(DEFAULT_SECRET_KEY), "secret key leaked");
    assert!(!text.contains(DEFAULT_ACCESS_KEY), "access key id leaked");
    assert!(
        !text.contains("EXAMPLESESSIONTOKEN"),
        "session token leaked"
    );
    for line in text.lines() {
        let l = line.to_ascii_lowercase();
        if let Some(v) = l.split("x-amz-security-token:").nth(1) {
            assert!(
                v.contains("redacted") && v.trim().len() < 24,
                "token shown: {line}"
            );
        }
        if l.contains("authorization:") {
            assert!(
                l.contains("signature=<redacted>") || l.contains("bearer"),
                "signature shown: {line}"
            );
        }
    }
}

#[test]
fn a_rejected_session_token_is_not_echoed_and_no_debug_dump() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env(
            "AWS_SESSION_TOKEN",
            "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789",
        )
        .args([
            "-vvv",
            "--role-arn",
            "arn:aws:iam::123456789012:role/r",
            "chat",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let text = all_output(&out);
    assert!(!text.contains("EXAMPLESESSIONTOKEN"), "{text}");
    assert!(!text.contains("Error {"), "debug dump: {text}");
    assert!(
        text.contains(
            "InvalidClientTokenId: The security token included in the request is invalid."
        ),
        "{text}"
    );
}

#[test]
fn bearer_tokens_never_appear() {
    let token = "ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQtdmFsdWU=";
    let env = TestEnv::with_options(EmulatorOptions {
        bearer_tokens: vec![token.into()],
        ..Default::default()
    });
    for args in [
        vec!["-vvv", "chat", "hi"],
        vec!["-vvv", "chat", "--dry-run", "hi"],
        vec![
            "-vvv",
            "raw",
            "-i",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            "{}",
        ],
        vec!["-vvv", "config", "show"],
    ] {
        let out = env
            .cmd()
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env("AWS_BEARER_TOKEN_BEDROCK", token)
            .args(&args)
            .output()
            .unwrap();
        assert!(
            !all_output(&out).contains(&token[8..]),
            "{args:?} leaked the token"
        );
    }
    // A rejected token is not echoed in the error either.
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "ABSKwrong-token-value-123456")
        .args(["-vvv", "chat", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        !all_output(&out).contains("wrong-token-value"),
        "{}",
        all_output(&out)
    );
}

#[test]
fn dry_run_shows_no_credentials() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "--dry-run", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = all_output(&out);
    assert!(!text.contains(DEFAULT_SECRET_KEY) && !text.contains(DEFAULT_ACCESS_KEY));
    // The dry run is signed as the real request is (with placeholder keys): the Authorization
    // header is shown, its key id and signature redacted.
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let auth = doc["headers"]["authorization"].as_str().unwrap();
    assert!(auth.ends_with("Signature=<redacted>"), "{auth}");
    assert!(!auth.contains("DRYRUN"), "{auth}");
}

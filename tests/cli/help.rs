//! Help texts and messages that name things that exist.

use crate::common::{TestEnv, stderr_of};

#[test]
fn a_misspelt_models_provider_gets_a_suggestion() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["models", "--provider", "antropic"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr_of(&out);
    assert!(
        err.contains("no provider 'antropic'") && err.contains("did you mean 'anthropic'?"),
        "{err}"
    );
    // A provider that exists still filters.
    let out = env
        .cmd()
        .args(["models", "--provider", "Anthropic"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn raw_to_a_post_only_path_without_a_body_says_a_body_is_needed() {
    let env = TestEnv::new();
    for target in [
        &["POST", "/model/amazon.nova-lite-v1:0/converse"][..],
        &["POST", "/model/amazon.nova-lite-v1:0/invoke"][..],
        &["/model/amazon.nova-lite-v1:0/converse-stream"][..],
    ] {
        let out = env.cmd().arg("raw").args(target).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        let err = stderr_of(&out);
        assert!(
            err.contains("needs a request body") && err.contains("-d"),
            "{err}"
        );
    }
    // With a body it goes through.
    let out = env
        .cmd()
        .args([
            "raw",
            "/model/amazon.nova-lite-v1:0/converse",
            "-d",
            r#"{"messages":[{"role":"user","content":[{"text":"hi"}]}]}"#,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn an_aws_profile_that_does_not_exist_is_named_as_missing() {
    let env = TestEnv::new();
    env.write_file(
        ".aws/config",
        "[default]\nregion = us-east-1\n\n[profile work]\n",
    );
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["--aws-profile", "wrok", "models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let err = stderr_of(&out);
    assert!(
        err.contains("AWS profile 'wrok' is not in ~/.aws/config")
            && err.contains("did you mean 'work'?"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn the_read_timeout_message_names_the_settings_that_raise_it() {
    let env = TestEnv::new();
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"slow-first-byte\"\n");
    let out = env
        .cmd()
        .args(["--read-timeout", "0.3", "--max-attempts", "1", "models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("--read-timeout")
            && err.contains("BROCK_READ_TIMEOUT")
            && err.contains("[default.timeouts]"),
        "{err}"
    );
}

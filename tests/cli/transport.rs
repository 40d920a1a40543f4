//! The transport's settings as the AWS SDKs read them, through the real binary: retry mode
//! and attempts from brock's config, the environment and the AWS profile (legacy mode's own
//! default), FIPS and dual-stack endpoints, and their conflicts with endpoint overrides.

use serde_json::Value;

use crate::common::{TestEnv, bare_cmd, stderr_of};

/// Every request is throttled; how many attempts reach the emulator for `models --profiles`
/// (one request) with these extra settings.
fn attempts(env: &TestEnv, config: &str, aws_config: Option<&str>, envs: &[(&str, &str)]) -> u64 {
    env.write_config(&format!(
        "{config}\n[default.headers]\nx-brock-emulator-scenario = \"throttle\"\n"
    ));
    if let Some(text) = aws_config {
        env.write_file(".aws/config", text);
    }
    let before = env.emulator.requests();
    let out = env
        .cmd()
        .envs(envs.iter().copied())
        .args(["models", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    env.emulator.requests() - before
}

#[test]
fn legacy_mode_makes_five_attempts_unless_told_otherwise() {
    let env = TestEnv::new();
    assert_eq!(attempts(&env, "", None, &[]), 3);
    assert_eq!(
        attempts(&env, "[default.retries]\nmode = \"legacy\"", None, &[]),
        5
    );
    assert_eq!(attempts(&env, "", None, &[("AWS_RETRY_MODE", "legacy")]), 5);
    assert_eq!(
        attempts(
            &env,
            "[default.retries]\nmode = \"legacy\"\nmax_attempts = 2",
            None,
            &[]
        ),
        2
    );
    // `config show` tells the same default.
    env.write_config("[default.retries]\nmode = \"legacy\"\n");
    let out = env
        .cmd()
        .args(["--output", "json", "config", "show"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["settings"]["retries.max_attempts"]["value"], "5");
    assert_eq!(
        doc["settings"]["retries.max_attempts"]["source"]["kind"],
        "default"
    );
}

#[test]
fn the_aws_profile_retry_settings_apply_below_brocks_own() {
    let env = TestEnv::new();
    // The profile's mode brings its default limit; its max_attempts sets one.
    let legacy = "[default]\nretry_mode = legacy\n";
    assert_eq!(attempts(&env, "", Some(legacy), &[]), 5);
    let two = "[default]\nretry_mode = standard\nmax_attempts = 2\n";
    assert_eq!(attempts(&env, "", Some(two), &[]), 2);
    // The environment, brock's config and flags win over the profile.
    assert_eq!(
        attempts(&env, "", Some(two), &[("AWS_MAX_ATTEMPTS", "4")]),
        4
    );
    assert_eq!(
        attempts(&env, "[default.retries]\nmax_attempts = 1", Some(two), &[]),
        1
    );
    assert_eq!(
        attempts(
            &env,
            "[default.retries]\nmode = \"standard\"",
            Some(legacy),
            &[]
        ),
        3
    );
    // A named profile is read, not the default one.
    let named = "[default]\nmax_attempts = 2\n[profile work]\nmax_attempts = 4\n";
    assert_eq!(
        attempts(&env, "", Some(named), &[("AWS_PROFILE", "work")]),
        4
    );
    // A value the SDKs would refuse is refused before anything is sent.
    env.write_file(".aws/config", "[default]\nretry_mode = fast\n");
    let before = env.emulator.requests();
    let out = env.cmd().args(["models", "--profiles"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("retry_mode = \"fast\" in the AWS profile"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(env.emulator.requests(), before);
}

/// `--dry-run` of a chat with no endpoint override: the URL the endpoint rules give.
fn url_for(env: &TestEnv, region: &str, envs: &[(&str, &str)]) -> Result<String, String> {
    let out = bare_cmd(env.home.path())
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "secret")
        .env("AWS_REGION", region)
        .envs(envs.iter().copied())
        .args(["chat", "-m", "amazon.nova-lite-v1:0", "--dry-run", "q"])
        .output()
        .unwrap();
    if out.status.code() != Some(0) {
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        return Err(stderr_of(&out));
    }
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let url = doc["url"].as_str().unwrap();
    assert_eq!(doc["headers"]["host"], url.split('/').nth(2).unwrap());
    Ok(url.split("/model/").next().unwrap().to_string())
}

#[test]
fn fips_and_dual_stack_endpoints_from_the_environment_and_the_profile() {
    let env = TestEnv::new();
    let url = |region, envs: &[(&str, &str)]| url_for(&env, region, envs).unwrap();
    assert_eq!(
        url("us-east-1", &[]),
        "https://bedrock-runtime.us-east-1.amazonaws.com"
    );
    assert_eq!(
        url("us-east-1", &[("AWS_USE_FIPS_ENDPOINT", "true")]),
        "https://bedrock-runtime-fips.us-east-1.amazonaws.com"
    );
    assert_eq!(
        url("eu-west-1", &[("AWS_USE_DUALSTACK_ENDPOINT", "true")]),
        "https://bedrock-runtime.eu-west-1.api.aws"
    );
    assert_eq!(
        url(
            "cn-north-1",
            &[
                ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
                ("AWS_USE_DUALSTACK_ENDPOINT", "true")
            ]
        ),
        "https://bedrock-runtime-fips.cn-north-1.api.amazonwebservices.com.cn"
    );
    env.write_file(
        ".aws/config",
        "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n",
    );
    assert_eq!(
        url("us-gov-west-1", &[]),
        "https://bedrock-runtime-fips.us-gov-west-1.api.aws"
    );
    // The environment wins over the profile.
    assert_eq!(
        url(
            "us-west-2",
            &[
                ("AWS_USE_FIPS_ENDPOINT", "false"),
                ("AWS_USE_DUALSTACK_ENDPOINT", "false")
            ]
        ),
        "https://bedrock-runtime.us-west-2.amazonaws.com"
    );
}

#[test]
fn fips_or_dual_stack_with_an_endpoint_override_is_refused() {
    let env = TestEnv::new();
    let err = url_for(
        &env,
        "us-east-1",
        &[
            ("AWS_USE_FIPS_ENDPOINT", "true"),
            ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
        ],
    )
    .unwrap_err();
    assert!(
        err.contains("FIPS endpoints") && err.contains("http://127.0.0.1:9"),
        "{err}"
    );
    let err = url_for(
        &env,
        "us-east-1",
        &[
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:9"),
        ],
    )
    .unwrap_err();
    assert!(err.contains("dual-stack endpoints"), "{err}");
    let err = url_for(&env, "us-east-1", &[("AWS_USE_FIPS_ENDPOINT", "yes")]).unwrap_err();
    assert!(
        err.contains("AWS_USE_FIPS_ENDPOINT is \"yes\": expected true or false"),
        "{err}"
    );
    // --mock talks to its own emulator: the variants do not apply.
    let out = bare_cmd(env.home.path())
        .env("AWS_USE_FIPS_ENDPOINT", "true")
        .args(["--mock", "chat", "q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

/// embed counts its own attempts but follows the transport's policy: the retry mode's attempt
/// limit (legacy's five here) for errors other than throttling.
#[test]
fn embed_retries_by_the_transport_policy() {
    let env = TestEnv::new();
    for (mode, expected) in [("standard", 3), ("legacy", 5)] {
        env.write_config(&format!(
            "[default.retries]\nmode = \"{mode}\"\n[default.headers]\nx-brock-emulator-scenario = \"internal-error\"\n"
        ));
        let before = env.emulator.requests();
        let out = env.cmd().args(["embed", "one text"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        assert_eq!(env.emulator.requests() - before, expected, "{mode}");
    }
}

//! `brock models` against the emulator's control plane, and the auth paths.

use crate::common::{TestEnv, bare_cmd, stderr_of, stdout_of};

fn models_json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let out = env
        .cmd()
        .args(["--output", "json", "models"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn lists_models_with_their_inference_profiles() {
    let env = TestEnv::new();
    let doc = models_json(&env, &[]);
    let models = doc["models"].as_array().unwrap();
    assert!(models.len() > 20, "{}", models.len());
    let sonnet = models
        .iter()
        .find(|m| m["modelId"].as_str().unwrap().contains("claude-sonnet-4-5"))
        .expect("claude sonnet 4.5 listed");
    let profiles: Vec<&str> = sonnet["inferenceProfiles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert!(
        profiles.iter().any(|p| p.starts_with("us.")),
        "{profiles:?}"
    );
    assert!(
        doc["aliases"]["sonnet"]
            .as_str()
            .unwrap()
            .starts_with("us.anthropic.")
    );
}

#[test]
fn every_page_of_inference_profiles_is_collected() {
    let env = TestEnv::new();
    let doc = models_json(&env, &["--profiles"]);
    let profiles = doc["inferenceProfiles"].as_array().unwrap();
    // The emulator serves more profiles than one page holds; all must arrive, none twice.
    let mut ids: Vec<&str> = profiles
        .iter()
        .map(|p| p["inferenceProfileId"].as_str().unwrap())
        .collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n, "duplicates across pages");
    assert!(n > 25, "only {n} profiles: pagination not followed?");
    for geo in ["us.", "eu.", "apac.", "global."] {
        assert!(ids.iter().any(|i| i.starts_with(geo)), "no {geo} profile");
    }
}

#[test]
fn filters_by_provider_modality_and_text() {
    let env = TestEnv::new();
    let doc = models_json(&env, &["--provider", "anthropic"]);
    let models = doc["models"].as_array().unwrap();
    assert!(!models.is_empty());
    assert!(models.iter().all(|m| m["providerName"] == "Anthropic"));

    let doc = models_json(&env, &["--modality", "embedding"]);
    let ids: Vec<&str> = doc["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["modelId"].as_str().unwrap())
        .collect();
    assert!(ids.iter().any(|i| i.contains("titan-embed")), "{ids:?}");
    assert!(ids.iter().all(|i| !i.contains("claude")), "{ids:?}");

    let doc = models_json(&env, &["nova"]);
    let models = doc["models"].as_array().unwrap();
    assert!(!models.is_empty());
    assert!(models.iter().all(|m| {
        m["modelId"].as_str().unwrap().contains("nova")
            || m["modelName"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("nova")
    }));
}

#[test]
fn table_on_text_output() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["models", "--provider", "Amazon"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let header = text.lines().next().unwrap();
    assert!(
        header.starts_with("MODEL ID") && header.contains("INFERENCE PROFILES"),
        "{header}"
    );
    assert!(text.contains("amazon.nova-lite-v1:0"), "{text}");
    assert!(!text.contains('\x1b'), "no styling when piped");
}

#[test]
fn show_one_model_and_one_profile() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "models",
            "show",
            "amazon.nova-lite-v1:0",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["modelDetails"]["modelId"], "amazon.nova-lite-v1:0");

    let out = env
        .cmd()
        .args(["models", "show", "sonnet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("us.anthropic.claude-sonnet-4-6"),
        "{}",
        stdout_of(&out)
    );

    let out = env
        .cmd()
        .args(["models", "show", "nosuch.model-v9:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
}

#[test]
fn wrong_secret_is_an_auth_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("AWS_SECRET_ACCESS_KEY", "not-the-secret")
        .arg("models")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("InvalidSignatureException"), "{err}");
    assert!(err.contains("hint:"), "{err}");
}

#[test]
fn unknown_access_key_is_an_auth_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("AWS_ACCESS_KEY_ID", "AKIANOTKNOWN")
        .arg("models")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("UnrecognizedClientException"),
        "{}",
        stderr_of(&out)
    );
}

/// The region of an AWS profile is the one requests are signed for: an emulator serving that
/// region accepts them, one serving another region refuses them as AWS does.
#[test]
fn shared_credentials_file_and_aws_profile() {
    let profile_region_env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        region: "us-west-2".into(),
        ..Default::default()
    });
    let other_region_env = TestEnv::new();
    for env in [&profile_region_env, &other_region_env] {
        env.write_file(
            ".aws/credentials",
            format!(
                "[work]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
                brock_emulator::DEFAULT_ACCESS_KEY,
                brock_emulator::DEFAULT_SECRET_KEY
            ),
        );
        env.write_file(".aws/config", "[profile work]\nregion = us-west-2\n");
    }
    let run = |env: &TestEnv| {
        env.cmd()
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env_remove("AWS_REGION")
            .args([
                "--aws-profile",
                "work",
                "--output",
                "json",
                "models",
                "--profiles",
            ])
            .output()
            .unwrap()
    };
    let out = run(&profile_region_env);
    assert!(out.status.success(), "{}", stderr_of(&out));
    // The emulator lists its resources in the region it serves.
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arn = doc["inferenceProfiles"][0]["inferenceProfileArn"]
        .as_str()
        .unwrap();
    assert!(arn.starts_with("arn:aws:bedrock:us-west-2:"), "{arn}");
    // The us-east-1 emulator refuses a credential scoped to us-west-2: an auth error, exit 3.
    let out = run(&other_region_env);
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("Credential should be scoped to a valid region, not 'us-west-2'"),
        "{}",
        stderr_of(&out)
    );

    // The same via AWS_PROFILE and a brock config profile.
    let env = &profile_region_env;
    env.write_config("[profiles.job]\naws_profile = \"work\"\n");
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env_remove("AWS_REGION")
        .args(["--profile", "job", "models", "--profiles"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn assume_role_through_sts() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--role-arn",
            "arn:aws:iam::123456789012:role/bedrock-user",
            "--role-session-name",
            "ci",
            "--external-id",
            "ext-1",
            "-vv",
            "--output",
            "json",
            "models",
            "--profiles",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    // The control-plane request was signed with the temporary key, not the base one.
    assert!(err.contains("Credential=ASIA"), "{err}");
    assert!(
        !err.contains(brock_emulator::DEFAULT_SECRET_KEY),
        "secret leaked: {err}"
    );
}

#[test]
fn bearer_token_authorises_runtime_and_control_plane() {
    let env = TestEnv::with_options(brock_emulator::EmulatorOptions {
        bearer_tokens: vec!["ABSK-test-token-123".into()],
        ..Default::default()
    });
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "ABSK-test-token-123")
        .args(["-vv", "models", "--profiles"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("test-token-123"), "token leaked");

    // bearer_token_env names another variable.
    env.write_config("[default]\nbearer_token_env = \"MY_BEDROCK_KEY\"\n");
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("MY_BEDROCK_KEY", "ABSK-test-token-123")
        .args(["models", "--profiles"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));

    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr_of(&out).contains("MY_BEDROCK_KEY"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn missing_credentials_and_region_explain_the_options() {
    let home = tempfile::tempdir().unwrap();
    let out = bare_cmd(home.path())
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .args(["models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr_of(&out).contains("no AWS region configured"),
        "{}",
        stderr_of(&out)
    );

    let env = TestEnv::new();
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args(["models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("AWS_ACCESS_KEY_ID")
            && err.contains("--aws-profile")
            && err.contains("--mock"),
        "{err}"
    );
}

#[test]
fn connection_refused_is_a_network_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("AWS_ENDPOINT_URL_BEDROCK", "http://127.0.0.1:9")
        .args(["--max-attempts", "2", "models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("cannot connect"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn mock_needs_no_credentials_at_all() {
    let home = tempfile::tempdir().unwrap();
    let out = bare_cmd(home.path())
        .args(["--mock", "--output", "json", "models"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!doc["models"].as_array().unwrap().is_empty());
}

#[test]
fn kind_application_lists_only_application_profiles() {
    let env = TestEnv::new();
    let doc = models_json(&env, &["--kind", "application"]);
    let profiles = doc["applicationInferenceProfiles"].as_array().unwrap();
    assert!(profiles.len() >= 4, "{profiles:?}");
    // ListInferenceProfiles was asked for type=APPLICATION: no system profile came back.
    assert!(
        profiles.iter().all(|p| p["type"] == "APPLICATION"),
        "{profiles:?}"
    );
    assert!(
        profiles
            .iter()
            .any(|p| p["inferenceProfileId"] == "mi1dadi0g15f")
    );
    assert!(doc.get("models").is_none());

    // --profiles (and --kind profile) keep to the system-defined ones.
    let doc = models_json(&env, &["--profiles"]);
    let system = doc["inferenceProfiles"].as_array().unwrap();
    assert!(system.iter().all(|p| p["type"] == "SYSTEM_DEFINED"));
}

#[test]
fn kind_imported_custom_provisioned_follow_every_page() {
    let env = TestEnv::new();
    // The emulator answers these listings one entry per page.
    let doc = models_json(&env, &["--kind", "provisioned"]);
    let pts = doc["provisionedModelThroughputs"].as_array().unwrap();
    let names: Vec<&str> = pts
        .iter()
        .map(|p| p["provisionedModelName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["support-tuned-pt", "haiku-pt"]);
    let doc = models_json(&env, &["--kind", "imported"]);
    assert_eq!(
        doc["importedModels"][0]["modelArchitecture"], "llama3",
        "{doc}"
    );
    let doc = models_json(&env, &["--kind", "custom"]);
    assert_eq!(
        doc["customModels"][0]["baseModelName"], "Nova Lite",
        "{doc}"
    );
    // The text filter applies to every kind.
    let doc = models_json(&env, &["--kind", "provisioned", "haiku"]);
    assert_eq!(
        doc["provisionedModelThroughputs"].as_array().unwrap().len(),
        1
    );
}

#[test]
fn kind_all_prints_every_section() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["models", "--kind", "all"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    for title in [
        "Foundation models:",
        "Inference profiles:",
        "Application inference profiles:",
        "Imported models:",
        "Custom models:",
        "Provisioned throughputs:",
    ] {
        assert!(text.contains(title), "{title} missing:\n{text}");
    }
    assert!(
        text.contains("acme-llama-3-8b") && text.contains("haiku-pt"),
        "{text}"
    );

    let doc = models_json(&env, &["--kind", "all"]);
    for key in [
        "models",
        "inferenceProfiles",
        "applicationInferenceProfiles",
        "importedModels",
        "customModels",
        "provisionedModelThroughputs",
    ] {
        assert!(doc[key].as_array().is_some_and(|a| !a.is_empty()), "{key}");
    }

    let out = env
        .cmd()
        .args(["models", "--kind", "all", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn show_a_provisioned_throughput() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "models",
            "show",
            "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/q8w2e4r6t1y3",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("haiku-pt"), "{}", stdout_of(&out));
}

/// The control-plane listings check their query parameters as botocore's model defines them.
#[test]
fn emulator_listings_validate_their_query() {
    let env = TestEnv::new();
    let raw = |path: &str| {
        env.cmd()
            .args(["raw", "--service", "bedrock", "-i", "GET", path])
            .output()
            .unwrap()
    };
    for (path, want) in [
        (
            "/provisioned-model-throughputs?statusEquals=Running",
            "Member must satisfy enum value set: [Creating, InService, Updating, Failed]",
        ),
        (
            "/custom-models?maxResults=0",
            "Member must have value greater than or equal to 1",
        ),
        ("/imported-models?sortOrder=Up", "at 'sortOrder'"),
        (
            "/inference-profiles?type=CUSTOM",
            "Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]",
        ),
        (
            "/imported-models?nextToken=bogus",
            "pagination token is invalid",
        ),
    ] {
        let out = raw(path);
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stderr_of(&out));
        let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
        assert!(all.contains("ValidationException"), "{path}: {all}");
        assert!(all.contains(want), "{path}: {all}");
    }
    let out = raw("/provisioned-model-throughput/nosuchthroughput");
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert!(all.contains("ResourceNotFoundException"), "{all}");
}

/// Names from the service are shown in caret notation on a terminal and byte-exact to a pipe.
#[test]
fn service_strings_are_sanitised_on_a_terminal_only() {
    use expectrl::Session;
    use std::io::Read;
    use std::time::Duration;
    let env = TestEnv::new();
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"hostile\"\n");
    let out = env
        .cmd()
        .args(["models", "--kind", "imported"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("acme-llama-3-8b\x1b]0;pwned\x07"),
        "{}",
        stdout_of(&out)
    );

    let mut cmd = env.std_cmd();
    cmd.args(["models", "--kind", "imported"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.set_expect_timeout(Some(Duration::from_secs(60)));
    let mut shown = Vec::new();
    p.read_to_end(&mut shown).ok();
    let shown = String::from_utf8_lossy(&shown);
    assert!(
        shown.contains("acme-llama-3-8b^[]0;pwned^G^[[2J"),
        "{shown:?}"
    );
    assert!(!shown.contains('\x1b'), "{shown:?}");
}

/// `--mock` serves the region the user chose, so a non-default region still works offline.
#[test]
fn mock_serves_the_chosen_region() {
    let home = tempfile::tempdir().unwrap();
    let out = bare_cmd(home.path())
        .args([
            "--mock",
            "--region",
            "eu-west-1",
            "--output",
            "json",
            "models",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

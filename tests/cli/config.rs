//! Config resolution through the real binary: layering, sources, errors, init.

use crate::common::{TestEnv, stderr_of, stdout_of};

#[test]
fn show_reports_each_layer_with_its_source() {
    let env = TestEnv::new();
    env.write_config(
        "[default]\nmodel = \"from.default\"\ntemperature = 0.2\nmax_tokens = 100\n\
         [profiles.work]\nmodel = \"from.profile\"\ntop_p = 0.5\n",
    );
    let out = env
        .cmd()
        .args(["--profile", "work", "--output", "json", "config", "show"])
        .env("BROCK_TEMPERATURE", "0.7")
        .env("BROCK_MAX_TOKENS", "200")
        .args(["--max-attempts", "7"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &doc["settings"];
    assert_eq!(doc["profile"], "work");
    assert_eq!(s["model"]["value"], "from.profile");
    assert_eq!(s["model"]["source"]["table"], "profiles.work");
    assert_eq!(s["temperature"]["value"], "0.7");
    assert_eq!(s["temperature"]["source"]["name"], "BROCK_TEMPERATURE");
    assert_eq!(s["max_tokens"]["value"], "200");
    assert_eq!(s["top_p"]["source"]["kind"], "file");
    assert_eq!(s["retries.max_attempts"]["value"], "7");
    assert_eq!(
        s["retries.max_attempts"]["source"]["name"],
        "--max-attempts"
    );
    assert_eq!(s["retries.mode"]["source"]["kind"], "default");
    assert_eq!(s["region"]["source"]["name"], "AWS_REGION");
}

#[test]
fn show_text_names_sources() {
    let env = TestEnv::new();
    env.write_config("[default]\nsystem = \"be brief\"\n");
    let out = env
        .cmd()
        .args(["config", "show", "--region", "eu-west-1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains("system = \"be brief\""), "{text}");
    assert!(text.contains("[default]"), "{text}");
    assert!(text.contains("region = \"eu-west-1\""), "{text}");
    assert!(text.contains("# flag --region"), "{text}");
}

#[test]
fn brock_profile_env_and_flag_precedence() {
    let env = TestEnv::new();
    env.write_config("[profiles.a]\nmodel = \"a.model\"\n[profiles.b]\nmodel = \"b.model\"\n");
    let show = |args: &[&str], profile_env: Option<&str>| {
        let mut c = env.cmd();
        if let Some(p) = profile_env {
            c.env("BROCK_PROFILE", p);
        }
        let out = c
            .args(args)
            .args(["--output", "json", "config", "show"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["settings"]["model"]["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(show(&[], Some("a")), "a.model");
    assert_eq!(show(&["--profile", "b"], Some("a")), "b.model");
}

#[test]
fn malformed_config_names_file_line_and_column() {
    let env = TestEnv::new();
    let path = env.write_config("[default]\nregion = \"us-east-1\"\ntemperature = = 1\n");
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains(&format!("{}:3:", path.display())), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
}

#[test]
fn unknown_key_and_unknown_profile_are_refused() {
    let env = TestEnv::new();
    env.write_config("[default]\nregoin = \"us-east-1\"\n");
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("did you mean 'region'"),
        "{}",
        stderr_of(&out)
    );

    env.write_config("[profiles.work]\n[profiles.home]\n");
    let out = env
        .cmd()
        .args(["--profile", "hmoe", "config", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("unknown profile 'hmoe'") && err.contains("home, work"),
        "{err}"
    );
}

#[test]
fn config_flag_and_env_choose_the_file() {
    let env = TestEnv::new();
    let a = env.write_file("a.toml", "[default]\nmodel = \"file.a\"\n");
    let b = env.write_file("b.toml", "[default]\nmodel = \"file.b\"\n");
    let out = env
        .cmd()
        .env("BROCK_CONFIG", &a)
        .args(["config", "path"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).trim(), a.display().to_string());
    let out = env
        .cmd()
        .env("BROCK_CONFIG", &a)
        .args(["--config", b.to_str().unwrap(), "config", "path"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).trim(), b.display().to_string());
}

#[test]
fn init_writes_a_private_starter_file_once() {
    let env = TestEnv::new();
    let out = env.cmd().args(["config", "init"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let path = env.config_path();
    assert_eq!(stdout_of(&out).trim(), path.display().to_string());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("[default]") && text.contains("[aliases]"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dir_mode = std::fs::metadata(path.parent().unwrap())
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dir_mode, 0o700);
    }
    // The starter file is valid config.
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // And it is never overwritten.
    std::fs::write(&path, "[default]\nmodel = \"mine.model\"\n").unwrap();
    let out = env.cmd().args(["config", "init"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("already exists"));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("mine.model")
    );
}

fn show_json(env: &TestEnv, args: &[&str], vars: &[(&str, &str)]) -> serde_json::Value {
    let mut c = env.cmd();
    for (k, v) in vars {
        c.env(k, v);
    }
    let out = c
        .args(args)
        .args(["--output", "json", "config", "show"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["settings"].clone()
}

#[test]
fn maps_layer_entry_by_entry_and_roles_sit_between_env_and_flags() {
    let env = TestEnv::new();
    env.write_config(
        "[default.request_metadata]\na = \"1\"\nb = \"2\"\n[profiles.p.request_metadata]\nb = \"3\"\n\
         [default.headers]\nX-Secret = \"s3cret\"\n\
         [roles.r]\nsystem = \"role system\"\ntemperature = 0.3\n",
    );
    let s = show_json(&env, &["--profile", "p"], &[]);
    assert_eq!(s["request_metadata.a"]["value"], "1");
    assert_eq!(s["request_metadata.a"]["source"]["table"], "default");
    assert_eq!(s["request_metadata.b"]["value"], "3");
    assert_eq!(s["request_metadata.b"]["source"]["table"], "profiles.p");
    // Header values are never printed.
    assert_eq!(s["headers.X-Secret"]["source"]["table"], "default");
    assert!(
        !s["headers.X-Secret"]["value"]
            .as_str()
            .unwrap()
            .contains("s3cret")
    );

    // A role (chat --role) is above the environment and below the flags; `chat --dry-run`
    // prints the request it would send.
    let out = env
        .cmd()
        .env("BROCK_SYSTEM", "env system")
        .env("BROCK_TEMPERATURE", "0.9")
        .args([
            "chat",
            "--dry-run",
            "--role",
            "r",
            "--temperature",
            "0.5",
            "hi",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let body = &doc["body"];
    assert_eq!(body["system"][0]["text"], "role system", "{doc}");
    assert_eq!(body["inferenceConfig"]["temperature"], 0.5, "{doc}");
}

#[test]
fn only_the_value_that_wins_is_range_checked() {
    let env = TestEnv::new();
    env.write_config("[default]\ntemperature = 5\n");
    let s = show_json(&env, &[], &[("BROCK_TEMPERATURE", "0.5")]);
    assert_eq!(s["temperature"]["value"], "0.5");
    assert_eq!(s["temperature"]["source"]["name"], "BROCK_TEMPERATURE");
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("temperature (from file ") && err.contains("must be a number from 0 to 1"),
        "{err}"
    );
}

#[test]
fn the_attempt_limit_defaults_to_the_retry_modes_own() {
    let env = TestEnv::new();
    env.write_config("[default.retries]\nmode = \"legacy\"\n");
    let s = show_json(&env, &[], &[]);
    assert_eq!(s["retries.max_attempts"]["value"], "5");
    assert_eq!(s["retries.max_attempts"]["source"]["kind"], "default");
    let s = show_json(&env, &[], &[("AWS_RETRY_MODE", "adaptive")]);
    assert_eq!(s["retries.max_attempts"]["value"], "3");
    let s = show_json(&env, &["--max-attempts", "2"], &[]);
    assert_eq!(s["retries.max_attempts"]["value"], "2");

    // And the client makes that many attempts.
    env.write_config(
        "[default.retries]\nmode = \"legacy\"\n\
         [default.headers]\nx-brock-emulator-scenario = \"throttle\"\n",
    );
    let out = env.cmd().args(["models", "--profiles"]).output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert_eq!(env.emulator.requests(), 5, "{}", stderr_of(&out));
}

//! Issue 20, the everyday workflow: the rough edges a daily user of `llm` or aichat trips over
//! (a mistyped --config, stdin attachments, unknown agent names, embed input, rates, themes).

use crate::common::{TestEnv, stderr_of, stdout_of};

#[test]
fn a_named_config_file_that_does_not_exist_is_refused() {
    let env = TestEnv::new();
    let missing = env.home.path().join("typo.toml");
    let out = env
        .cmd()
        .arg("--config")
        .arg(&missing)
        .args(["--mock", "chat", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains(&missing.display().to_string()) && err.contains("does not exist"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(stdout_of(&out).is_empty());
    // The same through BROCK_CONFIG.
    let out = env
        .cmd()
        .env("BROCK_CONFIG", &missing)
        .args(["--mock", "chat", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    // The default path missing is fine.
    let out = env.cmd().args(["--mock", "chat", "hi"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    // `config path` names it and `config init` creates it.
    let out = env
        .cmd()
        .arg("--config")
        .arg(&missing)
        .args(["config", "path"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).trim(), missing.display().to_string());
    let out = env
        .cmd()
        .arg("--config")
        .arg(&missing)
        .args(["config", "init"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(missing.is_file());
    let out = env
        .cmd()
        .arg("--config")
        .arg(&missing)
        .args(["--mock", "chat", "hi"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

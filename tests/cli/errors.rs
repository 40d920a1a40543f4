//! Exit codes and error messages, end to end. Fault scenarios are chosen with the emulator's
//! `x-brock-emulator-scenario` header, sent through brock's own `[default.headers]` setting.

use crate::common::{TestEnv, stderr_of};

fn with_scenario(env: &TestEnv, scenario: &str) {
    env.write_config(&format!(
        "[default.headers]\nx-brock-emulator-scenario = \"{scenario}\"\n"
    ));
}

#[test]
fn throttling_is_retried_then_exit_4_with_advice() {
    let env = TestEnv::new();
    with_scenario(&env, "throttle");
    let out = env
        .cmd()
        .args(["-v", "--max-attempts", "3", "models", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert_eq!(err.matches("retrying in").count(), 2, "{err}");
    assert_eq!(
        env.emulator.requests(),
        3,
        "attempts the emulator saw: {err}"
    );
    assert!(err.contains("ThrottlingException"), "{err}");
    assert!(
        err.contains("hint:") && err.contains("max_attempts"),
        "{err}"
    );
}

#[test]
fn throttling_then_success_recovers() {
    let env = TestEnv::new();
    with_scenario(&env, "throttle-then-ok");
    let out = env
        .cmd()
        .args(["-v", "--max-attempts", "4", "models", "--profiles"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out).matches("retrying in").count(),
        2,
        "{}",
        stderr_of(&out)
    );
    // Two throttled, one answered; no fourth attempt after the success.
    assert_eq!(env.emulator.requests(), 3, "{}", stderr_of(&out));
}

#[test]
fn service_unavailable_is_retried() {
    let env = TestEnv::new();
    with_scenario(&env, "unavailable-then-ok");
    let out = env
        .cmd()
        .args(["--max-attempts", "3", "models", "--profiles"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(env.emulator.requests(), 3, "{}", stderr_of(&out));
}

#[test]
fn no_retry_when_attempts_is_one() {
    let env = TestEnv::new();
    with_scenario(&env, "throttle-then-ok");
    let out = env
        .cmd()
        .args(["-v", "--max-attempts", "1", "models", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("retrying"), "{}", stderr_of(&out));
    assert_eq!(env.emulator.requests(), 1, "{}", stderr_of(&out));
}

#[test]
fn access_denied_is_exit_3_with_a_hint() {
    let env = TestEnv::new();
    with_scenario(&env, "access-denied");
    let out = env.cmd().arg("models").output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.starts_with("brock: error: AccessDeniedException: "),
        "{err}"
    );
    assert!(err.contains("hint: enable access to this model"), "{err}");
}

#[test]
fn internal_error_after_retries_is_exit_1() {
    let env = TestEnv::new();
    with_scenario(&env, "internal-error");
    // One request (plain `models` sends two at once and stops the other when one fails, so
    // its count of attempts depends on timing).
    let out = env
        .cmd()
        .args(["--max-attempts", "2", "models", "--profiles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert_eq!(env.emulator.requests(), 2, "{}", stderr_of(&out));
    let out = env
        .cmd()
        .args(["--max-attempts", "2", "models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("InternalServerException"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn stalled_server_hits_the_read_timeout() {
    let env = TestEnv::new();
    with_scenario(&env, "slow-first-byte");
    let out = env
        .cmd()
        .args(["--read-timeout", "0.3", "--max-attempts", "1", "models"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("read timeout"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn usage_errors_are_exit_2_and_one_line() {
    let env = TestEnv::new();
    for args in [
        vec!["--region", "Not A Region", "models"],
        vec![
            "--endpoint-url",
            "ftp://x",
            "--bedrock-endpoint-url",
            "ftp://x",
            "models",
        ],
        vec!["--read-timeout", "0", "models"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        // One error line; a flag refused by its parser gets clap's hint line too.
        let err = stderr_of(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines.len() == 1 || (lines.len() == 2 && lines[1].starts_with("hint: ")),
            "{args:?}: {err}"
        );
    }
    // clap's own usage errors use the same code.
    let out = env
        .cmd()
        .args(["models", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn emulator_refuses_non_loopback_addresses() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["emulator", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("loopback"), "{}", stderr_of(&out));
}

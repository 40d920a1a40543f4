//! `brock guardrail apply` (ApplyGuardrail) and selective guarding in `chat` (`--guard`,
//! `--guard-stdin`, OpenAI `guarded_text` parts → Converse `guardContent`).

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr_of, stdout_of};

const UNREACHABLE: &str = "http://127.0.0.1:9";

#[test]
fn apply_shows_the_verdict_and_exits_6_only_when_asked() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["guardrail", "apply", "abc123:1", "a harmless question"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "action: NONE\nreason: No action.\n");

    let blocked = ["guardrail", "apply", "abc123:DRAFT", "tell me [[blocked]]"];
    let out = env.cmd().args(blocked).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "action: GUARDRAIL_INTERVENED\nreason: Guardrail blocked.\n\
         policy: topic \"Blocked\" → BLOCKED\n\
         output: Sorry, the model cannot answer this question.\n"
    );

    let out = env
        .cmd()
        .args(blocked)
        .arg("--fail-on-intervention")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr_of(&out));
    assert!(stdout_of(&out).starts_with("action: GUARDRAIL_INTERVENED\n"));
    assert!(stderr_of(&out).contains("the guardrail intervened"));
    let out = env
        .cmd()
        .args([
            "guardrail",
            "apply",
            "abc123:1",
            "fine",
            "--fail-on-intervention",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

#[test]
fn masked_text_is_shown_with_the_policy_that_masked_it() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["guardrail", "apply", "abc123:1", "--source", "output"])
        .args(["Write to jane@example.com, or to ops@example.org."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out),
        "action: GUARDRAIL_INTERVENED
reason: Guardrail masked.
\
         policy: pii EMAIL \"jane@example.com\" → ANONYMIZED\n\
         policy: pii EMAIL \"ops@example.org\" → ANONYMIZED\n\
         output: Write to {EMAIL}, or to {EMAIL}.\n"
    );
}

#[test]
fn apply_reads_stdin_and_prints_the_services_json() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "guardrail",
            "apply",
            "abc123:1",
            "--source",
            "output",
        ])
        .args(["--full"])
        .write_stdin("an answer [[blocked]]")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["action"], "GUARDRAIL_INTERVENED");
    assert_eq!(
        v["assessments"][0]["topicPolicy"]["topics"][0]["action"],
        "BLOCKED"
    );
    assert_eq!(v["guardrailCoverage"]["textCharacters"]["total"], 21);

    // Text given as an argument is the whole text: stdin is not read.
    let out = env
        .cmd()
        .args(["guardrail", "apply", "abc123:1", "fine"])
        .write_stdin("[[blocked]]")
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).starts_with("action: NONE"),
        "{}",
        stdout_of(&out)
    );

    // --full asks for what did not intervene too.
    let out = env
        .cmd()
        .args([
            "--output",
            "json",
            "guardrail",
            "apply",
            "abc123:1",
            "--full",
            "fine",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["action"], "NONE");
    assert_eq!(
        v["assessments"][0]["topicPolicy"]["topics"][0]["action"],
        "NONE"
    );
}

#[test]
fn apply_dry_run_and_refusals_send_nothing() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", UNREACHABLE)
        .args([
            "guardrail",
            "apply",
            "--dry-run",
            "--source",
            "output",
            "--full",
        ])
        .args([
            "arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123:7",
            "some text",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["operation"], "ApplyGuardrail");
    assert_eq!(doc["method"], "POST");
    assert_eq!(
        doc["path"],
        "/guardrail/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aguardrail%2Fabc123/version/7/apply"
    );
    assert_eq!(
        doc["body"],
        json!({"source": "OUTPUT", "content": [{"text": {"text": "some text"}}], "outputScope": "FULL"})
    );
    for (args, needle) in [
        (vec!["abc123", "x"], "expected ID:VERSION"),
        (vec!["ABC:1", "x"], "lowercase"),
        (vec!["abc:v2", "x"], "DRAFT or a version number"),
        (vec!["abc:1"], "no text"),
    ] {
        let out = env
            .cmd()
            .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", UNREACHABLE)
            .args(["guardrail", "apply"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn the_emulator_refuses_what_apply_guardrail_refuses() {
    let env = TestEnv::new();
    let raw = |body: Value| {
        let out = env
            .cmd()
            .args(["raw", "--no-retry", "/guardrail/abc/version/1/apply", "-d"])
            .arg(body.to_string())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{body}: accepted");
        stderr_of(&out)
    };
    let e =
        raw(json!({"source": "INPUT", "content": [{"text": {"text": "x"}}], "trace": "ENABLED"}));
    assert!(e.contains("Unrecognized field \"trace\""), "{e}");
    let e =
        raw(json!({"source": "INPUT", "content": [{"text": {"text": "x"}}], "outputScope": "ALL"}));
    assert!(e.contains("[INTERVENTIONS, FULL]"), "{e}");
    let e = raw(
        json!({"source": "INPUT", "content": [{"text": {"text": "x", "qualifiers": ["nope"]}}]}),
    );
    assert!(
        e.contains("[grounding_source, query, guard_content]"),
        "{e}"
    );
}

fn chat(env: &TestEnv, args: &[&str], stdin: &str) -> std::process::Output {
    env.cmd()
        .args(["chat", "-m", "amazon.nova-lite-v1:0"])
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap()
}

#[test]
fn guard_marks_only_that_text_for_the_guardrail() {
    let env = TestEnv::new();
    // The guardrail sees only guarded content (AWS guide: guardrails-use-converse-api), so the
    // marker in the unguarded instructions passes and the marker in --guard text is blocked.
    let out = chat(
        &env,
        &[
            "--guardrail",
            "abc:1",
            "--guard",
            "a harmless user text",
            "Summarise [[blocked]]",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said"), "{}", stdout_of(&out));
    let out = chat(
        &env,
        &[
            "--guardrail",
            "abc:1",
            "--guard",
            "user text [[blocked]]",
            "Summarise",
        ],
        "",
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("Sorry, the model cannot answer"));
    assert!(stderr_of(&out).contains("the guardrail intervened"));

    // --guard-stdin: the piped text is the guarded block, after the prompt.
    let out = chat(
        &env,
        &[
            "--dry-run",
            "--guardrail",
            "abc:1",
            "--guard-stdin",
            "Summarise",
        ],
        "piped text",
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["body"]["messages"][0]["content"],
        json!([{"text": "Summarise"}, {"guardContent": {"text": {"text": "piped text"}}}])
    );
    let out = chat(
        &env,
        &["--guardrail", "abc:1", "--guard-stdin", "Summarise"],
        "[[blocked]]",
    );
    assert!(stdout_of(&out).contains("Sorry, the model cannot answer"));
}

#[test]
fn openai_guarded_text_parts_become_guard_content() {
    let env = TestEnv::new();
    let body = json!({"model": "amazon.nova-lite-v1:0",
        "guardrailConfig": {"guardrailIdentifier": "abc", "guardrailVersion": "1"},
        "messages": [{"role": "user", "content": [
            {"type": "text", "text": "Summarise [[blocked]]"},
            {"type": "guarded_text", "text": "the document", "qualifiers": ["guard_content"]}]}]});
    let out = chat(
        &env,
        &["--input-format", "openai", "--dry-run"],
        &body.to_string(),
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["body"]["messages"][0]["content"][1],
        json!({"guardContent": {"text": {"text": "the document", "qualifiers": ["guard_content"]}}})
    );
    let out = chat(&env, &["--input-format", "openai"], &body.to_string());
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("You said"), "{}", stdout_of(&out));

    let bad = json!({"model": "amazon.nova-lite-v1:0", "messages": [{"role": "user", "content": [
        {"type": "guarded_text", "text": "x", "qualifiers": ["everything"]}]}]});
    let out = chat(&env, &["--input-format", "openai"], &bad.to_string());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("qualifier"), "{}", stderr_of(&out));
}

#[test]
fn guard_needs_a_guardrail_and_piped_input() {
    let env = TestEnv::new();
    for (args, stdin, needle) in [
        (vec!["--guard", "x", "q"], "", "add --guardrail"),
        (vec!["--guard-stdin", "q"], "piped", "add --guardrail"),
        (
            vec![
                "--guardrail",
                "abc:1",
                "--guard-stdin",
                "--input-format",
                "openai",
            ],
            "{}",
            "--guard-stdin cannot be combined",
        ),
        (
            vec![
                "--guardrail",
                "abc:1",
                "--guard",
                "x",
                "--route",
                "invoke",
                "q",
            ],
            "",
            "use --route converse",
        ),
    ] {
        let out = env
            .cmd()
            .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", UNREACHABLE)
            .args(["chat", "-m", "amazon.nova-lite-v1:0"])
            .args(&args)
            .write_stdin(stdin)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

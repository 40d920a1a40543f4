//! Roles (`[roles.NAME]`, `chat --role`, `brock roles`) and prompt templates with `$input`.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

const CONFIG: &str = r#"
[default]
model = "amazon.nova-lite-v1:0"
temperature = 0.9

[tools.weather]
description = "Weather for a city"
command = ["true"]

[roles.summarise]
description = "Summarise piped text"
system = "You summarise."
model = "amazon.nova-pro-v1:0"
temperature = 0.2
max_tokens = 300
prompt = "Summarise this:\n\n$input\n\nEnd."
params = { top_k = 20 }

[roles.reviewer]
system = "You review code."
prompt = "Review the following."
tools = ["weather"]
"#;

/// The request `chat ARGS --dry-run` would send, with `stdin` piped.
fn request(env: &TestEnv, args: &[&str], stdin: &str) -> Value {
    let out = env
        .cmd()
        .arg("chat")
        .args(args)
        .arg("--dry-run")
        .write_stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn user_text(doc: &Value) -> String {
    doc["body"]["messages"][0]["content"][0]["text"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn role_sets_system_model_settings_and_fills_the_template_with_stdin() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let doc = request(&env, &["--role", "summarise"], "the long text\n");
    assert!(doc["path"].as_str().unwrap().contains("nova-pro"), "{doc}");
    assert_eq!(doc["body"]["system"][0]["text"], "You summarise.");
    assert_eq!(doc["body"]["inferenceConfig"]["temperature"], 0.2);
    assert_eq!(doc["body"]["inferenceConfig"]["maxTokens"], 300);
    assert_eq!(
        user_text(&doc),
        "Summarise this:\n\nthe long text\n\n\nEnd."
    );
    assert_eq!(
        doc["body"]["additionalModelRequestFields"]["top_k"], 20,
        "{doc}"
    );
}

#[test]
fn flags_win_over_the_role_and_the_role_over_the_environment() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let out = env
        .cmd()
        .args(["chat", "--role", "summarise", "-t", "0.5", "--dry-run", "x"])
        .env("BROCK_MODEL", "amazon.nova-micro-v1:0")
        .env("BROCK_MAX_TOKENS", "50")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["body"]["inferenceConfig"]["temperature"], 0.5);
    assert_eq!(doc["body"]["inferenceConfig"]["maxTokens"], 300);
    assert!(doc["path"].as_str().unwrap().contains("nova-pro"), "{doc}");
    // Without the role the environment applies.
    let plain = env
        .cmd()
        .args(["chat", "--dry-run", "x"])
        .env("BROCK_MODEL", "amazon.nova-micro-v1:0")
        .output()
        .unwrap();
    assert!(
        stdout_of(&plain).contains("nova-micro"),
        "{}",
        stdout_of(&plain)
    );
}

#[test]
fn template_without_placeholder_gets_the_input_appended_and_role_tools() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let doc = request(&env, &["--role", "reviewer"], "fn main() {}");
    assert_eq!(user_text(&doc), "Review the following.\n\nfn main() {}");
    assert_eq!(
        doc["body"]["toolConfig"]["tools"][0]["toolSpec"]["name"],
        "weather"
    );
    assert_eq!(doc["body"]["system"][0]["text"], "You review code.");
}

#[test]
fn template_placeholder_without_input_is_refused_before_sending() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let out = env
        .cmd()
        .args(["chat", "--role", "summarise"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = stderr_of(&out);
    assert!(err.contains("the prompt is empty"), "{err}");
}

#[test]
fn unknown_role_suggests_the_closest() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let out = env
        .cmd()
        .args(["chat", "--role", "sumarise", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout_of(&out).is_empty());
    let err = stderr_of(&out);
    assert!(err.contains("unknown role 'sumarise'"), "{err}");
    assert!(err.contains("did you mean 'summarise'?"), "{err}");
}

#[test]
fn a_mistake_in_a_role_names_the_role() {
    let env = TestEnv::new();
    env.write_config("[roles.bad]\nsytem = \"x\"\n");
    let out = env.cmd().args(["roles"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("[roles.bad]") && err.contains("sytem"),
        "{err}"
    );
}

#[test]
fn roles_lists_as_a_table_and_as_json() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let out = env.cmd().args(["roles"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("ROLE"), "{text}");
    assert!(lines[1].starts_with("reviewer") && lines[1].contains("You review code."));
    assert!(lines[2].contains("amazon.nova-pro-v1:0") && lines[2].contains("Summarise piped text"));

    let out = env
        .cmd()
        .args(["--output", "json", "roles"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc[1]["name"], "summarise");
    assert_eq!(doc[1]["max_tokens"], 300);
    assert_eq!(doc[0]["tools"][0], "weather");

    let out = env
        .cmd()
        .args(["--output", "ndjson", "roles"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 2);

    let empty = TestEnv::new();
    let out = empty.cmd().args(["roles"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(stderr_of(&out).contains("no roles"), "{}", stderr_of(&out));
}

#[test]
fn role_answer_goes_through_the_emulator() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let out = env
        .cmd()
        .args(["chat", "--role", "summarise"])
        .write_stdin("some text")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(stdout_of(&out).ends_with('\n'));
}

//! The log database (`<data dir>/logs.db`): every chat exchange recorded after its answer,
//! `brock logs` listing and searching them, `chat -c` / `--cid` continuing a logged
//! conversation, and `brock sessions` over session files and logged conversations.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

const NOVA: &str = "us.amazon.nova-lite-v1:0";

fn chat(env: &TestEnv, args: &[&str]) -> std::process::Output {
    let out = env.cmd().arg("chat").args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    out
}

fn logs(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let out = env
        .cmd()
        .args(["logs", "--output", "json"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", stdout_of(&out)))
        .as_array()
        .unwrap()
        .clone()
}

fn prompts(rows: &[Value]) -> Vec<&str> {
    rows.iter().map(|r| r["prompt"].as_str().unwrap()).collect()
}

#[test]
fn every_exchange_is_logged_privately_and_searchable() {
    let env = TestEnv::new();
    chat(&env, &["-s", "Be brief.", "alpha question"]);
    chat(&env, &["beta question"]);
    let db = env.data_dir().join("logs.db");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&db), 0o600);
        assert_eq!(mode(&env.data_dir()), 0o700);
    }
    // No credentials or signatures in the file, whatever the request carried.
    let bytes = std::fs::read(&db).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    for secret in [
        brock_emulator::DEFAULT_SECRET_KEY,
        brock_emulator::DEFAULT_ACCESS_KEY,
        "AWS4-HMAC-SHA256",
    ] {
        assert!(!text.contains(secret), "{secret} stored in logs.db");
    }

    let rows = logs(&env, &[]);
    assert_eq!(
        prompts(&rows),
        ["alpha question", "beta question"],
        "oldest first"
    );
    let a = &rows[0];
    assert_eq!(a["model"], NOVA);
    assert_eq!(a["system"], "Be brief.");
    assert_eq!(a["route"], "converse");
    assert_eq!(a["exit_status"], 0);
    assert_eq!(
        a["answer"],
        format!("Hello from the brock emulator ({NOVA}). You said: alpha question")
    );
    assert!(a["input_tokens"].as_i64().unwrap() > 0, "{a}");
    assert!(a["output_tokens"].as_i64().unwrap() > 0, "{a}");
    assert_ne!(a["conversation_id"], rows[1]["conversation_id"]);

    assert_eq!(prompts(&logs(&env, &["beta"])), ["beta question"]);
    // Words are matched, not FTS syntax: quotes and operators are plain text.
    assert_eq!(
        prompts(&logs(&env, &["--query", "\"alpha\" OR"])),
        Vec::<&str>::new()
    );
    assert_eq!(prompts(&logs(&env, &["-n", "1"])), ["beta question"]);
    assert_eq!(prompts(&logs(&env, &["--model", "nova-lite"])).len(), 2);
    assert!(logs(&env, &["--model", "nova-pro"]).is_empty());
    let cid = a["conversation_id"].as_str().unwrap();
    assert_eq!(
        prompts(&logs(&env, &["--conversation", cid])),
        ["alpha question"]
    );

    // Text for people: the prompt quoted, then the answer.
    let out = env.cmd().args(["logs", "alpha"]).output().unwrap();
    assert!(out.status.success());
    let text = stdout_of(&out);
    assert!(text.contains(&format!("conversation {cid}")), "{text}");
    assert!(text.contains("> alpha question\n"), "{text}");
    assert!(text.contains("You said: alpha question"), "{text}");
}

#[test]
fn no_log_flag_config_and_env_turn_logging_off() {
    let env = TestEnv::new();
    chat(&env, &["--no-log", "one"]);
    let out = env
        .cmd()
        .env("BROCK_LOG", "0")
        .args(["chat", "two"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    env.write_config("[default]\nlog = false\n");
    chat(&env, &["three"]);
    assert!(logs(&env, &[]).is_empty());
    env.write_config("[default]\nlog = true\n");
    chat(&env, &["four"]);
    assert_eq!(prompts(&logs(&env, &[])), ["four"]);
}

#[test]
fn a_failure_to_log_is_one_warning_not_a_failed_answer() {
    let env = TestEnv::new();
    // A directory where the database should be: it cannot be opened.
    std::fs::create_dir_all(env.data_dir().join("logs.db")).unwrap();
    let out = chat(&env, &["still answered"]);
    assert!(stdout_of(&out).contains("You said: still answered"));
    let err = stderr_of(&out);
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("not logged")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("--no-log"), "{err}");
}

#[test]
fn failed_exchanges_are_logged_with_their_exit_status() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "-m", "emulator.access-denied", "refused"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    let rows = logs(&env, &[]);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["exit_status"], 3);
    assert!(
        rows[0]["error"].as_str().unwrap().contains("AccessDenied"),
        "{}",
        rows[0]
    );
    assert_eq!(rows[0]["answer"], "");
}

fn dry_run_messages(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let out = env
        .cmd()
        .args(["chat", "--dry-run"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["body"]["messages"]
        .as_array()
        .unwrap_or_else(|| panic!("{doc}"))
        .iter()
        .map(|m| {
            format!(
                "{}: {}",
                m["role"].as_str().unwrap(),
                m["content"][0]["text"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn continue_and_cid_send_the_logged_conversation() {
    let env = TestEnv::new();
    // Nothing to continue yet: refused before anything is sent.
    let out = env.cmd().args(["chat", "-c", "hello"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("no logged conversation to continue"));

    chat(&env, &["-m", "nova-pro", "-s", "Be brief.", "first"]);
    chat(&env, &["other"]);
    let rows = logs(&env, &[]);
    let first_id = rows[0]["conversation_id"].as_str().unwrap().to_string();

    // --cid continues that conversation with its model and system prompt.
    let pro = "us.amazon.nova-pro-v1:0";
    assert_eq!(
        dry_run_messages(&env, &["--cid", &first_id, "second"]),
        [
            "user: first".to_string(),
            format!("assistant: Hello from the brock emulator ({pro}). You said: first"),
            "user: second".to_string(),
        ]
    );
    let out = chat(&env, &["--cid", &first_id, "second"]);
    assert!(stdout_of(&out).contains(&format!("({pro}). You said: second")));
    // -c continues the most recent conversation: now the one just continued.
    chat(&env, &["-c", "third"]);
    let rows = logs(&env, &["--conversation", &first_id]);
    assert_eq!(prompts(&rows), ["first", "second", "third"]);
    for r in &rows {
        assert_eq!(r["model"], pro);
        assert_eq!(r["system"], "Be brief.");
    }

    let out = env
        .cmd()
        .args(["chat", "--cid", "nosuchid", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("no session or logged conversation named nosuchid"),
        "{}",
        stderr_of(&out)
    );
    let out = env
        .cmd()
        .args(["chat", "-c", "--session", "s", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn continue_of_a_session_conversation_goes_on_in_its_file() {
    let env = TestEnv::new();
    chat(&env, &["--session", "work", "one"]);
    chat(&env, &["-c", "two"]);
    let p = env.data_dir().join("sessions/work.json");
    let s: Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
    assert_eq!(s["conversation"]["messages"].as_array().unwrap().len(), 4);
    let rows = logs(&env, &["--conversation", "work"]);
    assert_eq!(prompts(&rows), ["one", "two"]);
    assert_eq!(rows[1]["session"], "work");
}

fn sessions_json(env: &TestEnv) -> Vec<Value> {
    let out = env
        .cmd()
        .args(["sessions", "--output", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn sessions_list_show_and_remove_files_and_logged_conversations() {
    let env = TestEnv::new();
    // A session file written before the log existed is listed as it is.
    chat(&env, &["--no-log", "--session", "old", "from a file"]);
    chat(&env, &["logged one"]);
    let id = logs(&env, &[])[0]["conversation_id"]
        .as_str()
        .unwrap()
        .to_string();
    let list = sessions_json(&env);
    let kinds: Vec<(String, String)> = list
        .iter()
        .map(|r| {
            (
                r["kind"].as_str().unwrap().into(),
                r["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        kinds.contains(&("session".into(), "old".into())),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("log".into(), id.clone())), "{kinds:?}");

    let out = env.cmd().args(["sessions"]).output().unwrap();
    let table = stdout_of(&out);
    assert!(
        table.contains("KIND") && table.contains("logged one"),
        "{table}"
    );

    let out = env.cmd().args(["sessions", "show", &id]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let shown = stdout_of(&out);
    assert!(shown.contains("## User\n\nlogged one"), "{shown}");
    assert!(shown.contains("You said: logged one"), "{shown}");
    let out = env
        .cmd()
        .args(["sessions", "show", "old"])
        .output()
        .unwrap();
    assert!(stdout_of(&out).contains("from a file"));

    let out = env
        .cmd()
        .args(["sessions", "rm", &id, "old"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(sessions_json(&env).is_empty());
    assert!(logs(&env, &[]).is_empty());
    assert!(!env.data_dir().join("sessions/old.json").exists());

    let out = env.cmd().args(["sessions", "rm", "olb"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no session or logged conversation named olb"));
}

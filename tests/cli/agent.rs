//! `brock agent` against the emulator: InvokeAgent streaming, sessions (`--session`,
//! `--continue`, `--end-session`), attributes, return of control with and without `--tools`,
//! traces, citations, Retrieve pagination and filters, RetrieveAndGenerate (stream and not),
//! the agent-specific errors, and the emulator's wire format judged by the AWS SDK.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

const AGENT: &str = "AGENT12345";
const ALIAS: &str = "TSTALIASID";
const KB: &str = "KB12345678";

const TOOLS_CONFIG: &str = r#"
[agents.support]
agent_id = "AGENT12345"
alias_id = "TSTALIASID"

[tools.get_weather]
description = "Weather in a city"
command = ["/bin/sh", "-c", "cat >/dev/null; echo sunny and 21 C"]

[tools.book]
description = "Book a room"
command = ["/bin/sh", "-c", "echo no rooms left >&2; exit 4"]
"#;

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd().args(args).output().unwrap()
}

fn ok(env: &TestEnv, args: &[&str]) -> (String, String) {
    let out = run(env, args);
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    (stdout_of(&out), stderr_of(&out))
}

fn json_of(env: &TestEnv, args: &[&str]) -> Value {
    let (out, _) = ok(env, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

#[test]
fn invoke_streams_the_answer_and_announces_a_new_session() {
    let env = TestEnv::new();
    let (out, err) = ok(&env, &["agent", "invoke", AGENT, ALIAS, "hello", "there"]);
    assert_eq!(
        out,
        "Hello from agent support (AGENT12345, alias TSTALIASID), turn 1. You said: hello there\n"
    );
    assert!(
        err.contains("session ") && err.contains("--continue"),
        "{err}"
    );
    // Piped stdin is appended to the text.
    let out = env
        .cmd()
        .args(["agent", "invoke", AGENT, ALIAS, "summarise"])
        .write_stdin("some notes")
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).ends_with("You said: summarise\n\nsome notes\n"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn sessions_are_reused_continued_and_ended() {
    let env = TestEnv::new();
    let first = json_of(
        &env,
        &["--output", "json", "agent", "invoke", AGENT, ALIAS, "one"],
    );
    let session = first["sessionId"].as_str().unwrap().to_string();
    let (out, err) = ok(
        &env,
        &["agent", "invoke", AGENT, ALIAS, "--continue", "two"],
    );
    assert!(out.contains("turn 2"), "{out}");
    assert!(
        !err.contains("session "),
        "a continued session is not announced: {err}"
    );
    let (out, _) = ok(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "--session",
            &session,
            "three",
        ],
    );
    assert!(out.contains("turn 3"), "{out}");

    // The last session is remembered privately, per agent alias.
    let store = env.data_dir().join("agent-sessions.json");
    let saved: Value = serde_json::from_slice(&std::fs::read(&store).unwrap()).unwrap();
    assert_eq!(saved["AGENT12345/TSTALIASID"], session.as_str());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&store).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let (out, _) = ok(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "--continue",
            "--end-session",
            "bye",
        ],
    );
    assert!(out.contains("turn 4"), "{out}");
    let out = run(
        &env,
        &["agent", "invoke", AGENT, ALIAS, "--continue", "again"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("no earlier session"),
        "{}",
        stderr_of(&out)
    );
    // The service forgot the ended session too: the same id starts over.
    let (out, _) = ok(
        &env,
        &["agent", "invoke", AGENT, ALIAS, "--session", &session, "hi"],
    );
    assert!(out.contains("turn 1"), "{out}");
}

#[test]
fn bad_input_is_refused_before_sending() {
    let env = TestEnv::new();
    let too_long = "x".repeat(25_001);
    for (args, needle) in [
        (
            vec!["agent", "invoke", AGENT, ALIAS, too_long.as_str()],
            "at most 25000",
        ),
        (
            vec!["agent", "invoke", AGENT, ALIAS, "--session", "x y", "hi"],
            "--session",
        ),
        (
            vec![
                "agent",
                "invoke",
                AGENT,
                ALIAS,
                "--session-attr",
                "novalue",
                "hi",
            ],
            "KEY=VALUE",
        ),
        (
            vec!["agent", "invoke", AGENT, ALIAS, "--memory-id", "!", "hi"],
            "--memory-id",
        ),
        (vec!["agent", "invoke", AGENT], "alias id"),
        (vec!["agent", "invoke", AGENT, ALIAS], "no input text"),
        (
            vec!["agent", "invoke", "not-an-id!", "hi"],
            "configured agent name",
        ),
        (
            vec!["agent", "invoke", AGENT, "bad-alias", "hi"],
            "agent alias id",
        ),
        (
            vec!["agent", "invoke", AGENT, ALIAS, "--tools", "hi"],
            "--yes",
        ),
        (vec!["agent", "retrieve", "KB-1", "q"], "knowledge base id"),
        (
            vec!["agent", "retrieve", KB, "q", "--search-type", "fuzzy"],
            "HYBRID or SEMANTIC",
        ),
        (
            vec!["agent", "retrieve", KB, "q", "--filter", "{"],
            "not valid JSON",
        ),
        (
            vec![
                "agent",
                "retrieve",
                KB,
                "q",
                "--filter",
                r#"{"like":{"key":"a","value":1}}"#,
            ],
            "unknown operator",
        ),
        (vec!["agent", "retrieve", KB, "q", "--top-k", "0"], "0"),
    ] {
        let out = env.cmd().args(&args).write_stdin("").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(stdout_of(&out).is_empty());
    }
}

#[test]
fn configured_agent_names_and_attributes() {
    let env = TestEnv::new();
    env.write_config(TOOLS_CONFIG);
    let (out, _) = ok(
        &env,
        &[
            "agent",
            "invoke",
            "support",
            "hi",
            "--session-attr",
            "user=42",
            "--prompt-attr",
            "tz=UTC",
        ],
    );
    assert!(out.contains("You said: hi"), "{out}");
    assert!(out.contains("[session attributes: user=42]"), "{out}");
    assert!(out.contains("[prompt attributes: tz=UTC]"), "{out}");
    // Session attributes persist in the session; prompt attributes were for one turn.
    let (out, _) = ok(&env, &["agent", "invoke", "support", "--continue", "again"]);
    assert!(
        out.contains("[session attributes: user=42]") && !out.contains("prompt attributes"),
        "{out}"
    );
    let out = run(&env, &["agent", "invoke", "suport", "hi"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("did you mean 'support'"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn return_of_control_is_printed_without_tools() {
    let env = TestEnv::new();
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "What is the weather in Lisbon?",
        ],
    );
    let line: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(line["type"], "return_control");
    assert!(line["invocationId"].as_str().unwrap().contains("brock"));
    assert_eq!(line["invocations"][0]["function"], "get_weather");
    assert_eq!(line["invocations"][0]["parameters"]["city"], "Lisbon");
    assert!(
        err.contains("returned control: WeatherTools.get_weather"),
        "{err}"
    );
    assert!(err.contains("--tools"), "{err}");
}

#[test]
fn return_of_control_round_trip_with_tools() {
    let env = TestEnv::new();
    env.write_config(TOOLS_CONFIG);
    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "invoke",
            "support",
            "weather in Paris, then book a room",
            "--tools",
            "--yes",
        ],
    );
    // Both calls ran; the failing one went back as a FAILURE, and the agent answered.
    assert_eq!(
        doc["text"],
        "The action returned: sunny and 21 C\n; the api call failed (tool book failed (exit status 4): no rooms left)"
    );
    let results = doc["toolResults"].as_array().unwrap();
    assert_eq!(results[0]["functionResult"]["function"], "get_weather");
    assert_eq!(results[1]["apiResult"]["responseState"], "FAILURE");
    assert_eq!(results[1]["apiResult"]["httpStatusCode"], 500);
    assert!(doc["returnControl"].is_null());

    // Traced: the action group call and the final response appear on stderr.
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "invoke",
            "support",
            "weather in Oslo",
            "--tools",
            "--yes",
            "--trace",
        ],
    );
    assert!(out.starts_with("The action returned: sunny"), "{out}");
    assert!(
        err.contains("trace: action: WeatherTools.get_weather (city=Oslo)"),
        "{err}"
    );
    assert!(
        err.contains("trace: final response: The action returned"),
        "{err}"
    );

    // --tools needs something to run.
    let bare = TestEnv::new();
    let out = run(
        &bare,
        &[
            "agent", "invoke", AGENT, ALIAS, "weather", "--tools", "--yes",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("[tools.NAME]"));
}

#[test]
fn trace_goes_to_stderr_and_citations_are_numbered() {
    let env = TestEnv::new();
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "How are refunds processed?",
            "--trace",
        ],
    );
    assert!(err.contains("trace: guardrail: NONE"), "{err}");
    assert!(err.contains("trace: rationale: The user said"), "{err}");
    assert!(
        err.contains("trace: knowledge base KB12345678: How are refunds processed?"),
        "{err}"
    );
    assert!(
        err.contains("trace: knowledge base returned 1 passage(s)"),
        "{err}"
    );
    assert!(!out.contains("trace:"), "{out}");
    assert!(
        out.contains("According to the handbook: Refunds are processed within five business days of approval.[1]"),
        "{out}"
    );
    assert!(
        out.ends_with(
            "\n\nReferences:\n[1] s3://brock-emulator-kb/handbook/02-billing.txt — Refunds are processed within five business days of approval.\n"
        ),
        "{out}"
    );
    // Without --trace, no trace is printed.
    let (_, err) = ok(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "How are refunds processed?",
        ],
    );
    assert!(!err.contains("trace:"), "{err}");

    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "How are refunds processed?",
            "--trace",
        ],
    );
    assert_eq!(
        doc["citations"][0]["references"][0]["metadata"]["category"],
        "billing"
    );
    assert_eq!(
        doc["references"][0]["location"],
        "s3://brock-emulator-kb/handbook/02-billing.txt"
    );
    assert!(doc["traces"].as_array().unwrap().len() >= 4);
}

#[test]
fn ndjson_lists_events() {
    let env = TestEnv::new();
    let (out, _) = ok(
        &env,
        &[
            "--output",
            "ndjson",
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "How are refunds processed?",
        ],
    );
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        lines.iter().filter(|l| l["type"] == "chunk").count() > 2,
        "{out}"
    );
    assert!(lines.iter().any(|l| l["citations"].is_array()), "{out}");
    assert_eq!(lines.last().unwrap()["type"], "end");
}

#[test]
fn chat_keeps_one_session_across_lines() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["agent", "chat", AGENT, ALIAS])
        .write_stdin("first\n\nsecond\n/exit\nnever sent\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].ends_with("turn 1. You said: first"), "{text}");
    assert!(lines[1].ends_with("turn 2. You said: second"), "{text}");
    // And the session can be continued by invoke.
    let (out, _) = ok(
        &env,
        &["agent", "invoke", AGENT, ALIAS, "--continue", "third"],
    );
    assert!(out.contains("turn 3"), "{out}");
}

#[test]
fn retrieve_prints_a_table_and_pages() {
    let env = TestEnv::new();
    let (out, err) = ok(&env, &["agent", "retrieve", KB, "refunds", "--top-k", "3"]);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 4, "{out}");
    assert!(rows[0].starts_with("#  SCORE"), "{out}");
    assert!(
        rows[1].contains("02-billing.txt") && rows[1].contains("Refunds are processed"),
        "{out}"
    );
    assert!(err.contains("more results: --next-token "), "{err}");

    let (out, err) = ok(
        &env,
        &["agent", "retrieve", KB, "refunds", "--all", "--top-k", "10"],
    );
    assert_eq!(out.lines().count(), 26, "{out}");
    assert!(!err.contains("more results"), "{err}");

    // Page by page through the JSON tokens: every passage exactly once.
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut args = vec![
            "--output", "json", "agent", "retrieve", KB, "vacation", "--top-k", "7",
        ];
        if let Some(t) = &token {
            args.extend(["--next-token", t.as_str()]);
        }
        let doc = json_of(&env, &args);
        for r in doc["retrievalResults"].as_array().unwrap() {
            seen.push(r["metadata"]["docNumber"].as_i64().unwrap());
        }
        match doc["nextToken"].as_str() {
            Some(t) => token = Some(t.to_string()),
            None => break,
        }
    }
    seen.sort();
    assert_eq!(seen, (1..=25).collect::<Vec<i64>>());
    let out = run(
        &env,
        &["agent", "retrieve", KB, "q", "--next-token", "garbage"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("ValidationException"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn retrieve_filters_and_search_type() {
    let env = TestEnv::new();
    let filter = r#"{"andAll":[{"equals":{"key":"category","value":"travel"}},{"greaterThanOrEquals":{"key":"year","value":2023}}]}"#;
    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "retrieve",
            KB,
            "flights",
            "--filter",
            filter,
            "--search-type",
            "hybrid",
            "-k",
            "20",
        ],
    );
    let results = doc["retrievalResults"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{doc}");
    for r in results {
        assert_eq!(r["metadata"]["category"], "travel");
        assert!(r["metadata"]["year"].as_i64().unwrap() >= 2023);
    }
    let f = env.write_file(
        "filter.json",
        r#"{"listContains":{"key":"tags","value":"security"}}"#,
    );
    let at = format!("@{}", f.display());
    let (out, _) = ok(
        &env,
        &[
            "--output",
            "ndjson",
            "agent",
            "retrieve",
            KB,
            "passwords",
            "--filter",
            &at,
            "-k",
            "100",
        ],
    );
    assert_eq!(out.lines().count(), 5, "{out}");
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "retrieve",
            KB,
            "x",
            "--filter",
            r#"{"equals":{"key":"category","value":"none"}}"#,
        ],
    );
    assert!(
        out.is_empty() && err.contains("no passages matched"),
        "{out} {err}"
    );
    let out = run(&env, &["agent", "retrieve", "KBNOTHERE", "x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("ResourceNotFoundException"));
}

#[test]
fn ask_streams_an_answer_with_citations() {
    let env = TestEnv::new();
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "ask",
            KB,
            "How long do refunds take?",
            "-m",
            "nova-lite",
        ],
    );
    assert_eq!(
        out,
        "According to the handbook: Refunds are processed within five business days of approval.[1]\n\nReferences:\n[1] s3://brock-emulator-kb/handbook/02-billing.txt — Refunds are processed within five business days of approval.\n"
    );
    assert!(err.contains("--session "), "{err}");
    let (plain, _) = ok(
        &env,
        &[
            "agent",
            "ask",
            KB,
            "How long do refunds take?",
            "--no-stream",
        ],
    );
    assert_eq!(plain, out);

    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "ask",
            KB,
            "passwords and phishing",
        ],
    );
    assert_eq!(doc["citations"].as_array().unwrap().len(), 2, "{doc}");
    let session = doc["sessionId"].as_str().unwrap().to_string();
    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "ask",
            KB,
            "and laptops?",
            "--session",
            &session,
            "--no-stream",
        ],
    );
    assert_eq!(doc["sessionId"], session.as_str());
    let out = run(
        &env,
        &["agent", "ask", KB, "q", "--session", "not-a-known-session"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("ResourceNotFoundException"));
    let out = run(
        &env,
        &[
            "agent",
            "ask",
            KB,
            "q",
            "-m",
            "amazon.titan-embed-text-v2:0",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("ValidationException"));
}

#[test]
fn agent_errors_are_explained() {
    let env = TestEnv::new();
    for (args, code, why) in [
        (
            vec!["agent", "invoke", "DEPFAIL001", ALIAS, "hi"],
            "DependencyFailedException",
            "depends on failed",
        ),
        (
            vec!["agent", "invoke", "BADGATE001", ALIAS, "hi"],
            "BadGatewayException",
            "server error",
        ),
        (
            vec!["agent", "invoke", AGENT, ALIAS, "hi [[dependency-failed]]"],
            "DependencyFailedException",
            "depends on failed",
        ),
        (
            vec!["agent", "invoke", AGENT, ALIAS, "hi [[bad-gateway]]"],
            "BadGatewayException",
            "server error",
        ),
        (
            vec!["agent", "retrieve", "DEPFAIL001", "q"],
            "DependencyFailedException",
            "depends on failed",
        ),
        (
            vec!["agent", "ask", "BADGATE001", "q"],
            "BadGatewayException",
            "server error",
        ),
    ] {
        let out = run(&env, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr_of(&out));
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("brock: {code}: ")) && err.contains(why),
            "{args:?}: {err}"
        );
        assert!(err.contains(&format!("error: {code}: ")), "{args:?}: {err}");
    }
    // A mid-stream failure keeps the text that arrived.
    let out = run(
        &env,
        &["agent", "invoke", AGENT, ALIAS, "hi [[bad-gateway]]"],
    );
    assert!(
        stdout_of(&out).starts_with("Hello from agent"),
        "{}",
        stdout_of(&out)
    );

    let out = run(&env, &["agent", "invoke", "AGENT99999", ALIAS, "hi"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("ResourceNotFoundException: Failed to retrieve resource"));

    // Throttling on the agent runtime is retried like everywhere else.
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"throttle-then-ok\"\n");
    let before = env.emulator.requests();
    let (out, _) = ok(&env, &["agent", "invoke", AGENT, ALIAS, "hi"]);
    assert!(out.contains("turn 1"), "{out}");
    // Two throttled attempts, then the answer.
    assert_eq!(env.emulator.requests() - before, 3);
}

/// Bodies the agents runtime refuses are refused by the emulator too: members the shape does
/// not declare, required enum members missing or outside their set, over-long input.
#[test]
fn the_emulator_refuses_what_the_service_refuses() {
    let env = TestEnv::new();
    let text = "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/s-1/text";
    let rerank_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.rerank-v1:0";
    let rerank = |query: &str, source: &str| {
        format!(
            r#"{{"queries":[{query}],"sources":[{source}],"rerankingConfiguration":{{"type":"BEDROCK_RERANKING_MODEL","bedrockRerankingConfiguration":{{"modelConfiguration":{{"modelArn":"{rerank_arn}"}}}}}}}}"#
        )
    };
    let good_query = r#"{"type":"TEXT","textQuery":{"text":"q"}}"#;
    let good_source =
        r#"{"type":"INLINE","inlineDocumentSource":{"type":"TEXT","textDocument":{"text":"d"}}}"#;
    let long_input = format!(r#"{{"inputText":"{}"}}"#, "x".repeat(25_001));
    for (path, body, needle) in [
        (
            text,
            r#"{"inputText":"hi","temperature":0.5}"#.to_string(),
            r#"SerializationException: Unrecognized field "temperature" in InvokeAgentRequest"#,
        ),
        (
            text,
            r#"{"inputText":"hi","sessionState":{"attributes":{"a":"b"}}}"#.to_string(),
            r#"Unrecognized field "attributes" in SessionState"#,
        ),
        (
            text,
            long_input,
            "Member must have length less than or equal to 25000",
        ),
        (
            "/knowledgebases/KB12345678/retrieve",
            r#"{"retrievalQuery":{"text":"q"},"retrievalConfiguration":{"vectorSearchConfiguration":{"topK":3}}}"#.to_string(),
            r#"Unrecognized field "topK" in KnowledgeBaseVectorSearchConfiguration"#,
        ),
        (
            "/knowledgebases/KB12345678/retrieve",
            r#"{"query":"q"}"#.to_string(),
            r#"Unrecognized field "query" in RetrieveRequest"#,
        ),
        (
            "/retrieveAndGenerate",
            r#"{"input":{"text":"q"},"retrieveAndGenerateConfiguration":{"type":"KNOWLEDGE_BASE","knowledgeBaseConfiguration":{"knowledgeBaseId":"KB12345678","modelArn":"amazon.nova-lite-v1:0","numberOfResults":3}}}"#.to_string(),
            r#"Unrecognized field "numberOfResults" in KnowledgeBaseRetrieveAndGenerateConfiguration"#,
        ),
        (
            "/rerank",
            rerank(r#"{"textQuery":{"text":"q"}}"#, good_source),
            "Value null at 'queries.1.member.type' failed to satisfy constraint: Member must not be null",
        ),
        (
            "/rerank",
            rerank(
                good_query,
                r#"{"type":"DOC","inlineDocumentSource":{"type":"TEXT","textDocument":{"text":"d"}}}"#,
            ),
            "Value 'DOC' at 'sources.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [INLINE]",
        ),
        (
            "/rerank",
            rerank(good_query, r#"{"type":"INLINE"}"#),
            "Value null at 'sources.1.member.inlineDocumentSource'",
        ),
        (
            "/rerank",
            rerank(good_query, good_source).replace(r#""queries""#, r#""topN":1,"queries""#),
            r#"Unrecognized field "topN" in RerankRequest"#,
        ),
    ] {
        let out = env
            .cmd()
            .args(["raw", "--service", "agent-runtime", path, "-d", &body])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{path}: {}", stderr_of(&out));
        assert!(stderr_of(&out).contains(needle), "{path}: {}", stderr_of(&out));
    }
    // The well-formed rerank body is accepted.
    let out = env
        .cmd()
        .args([
            "raw",
            "--service",
            "agent-runtime",
            "/rerank",
            "-d",
            &rerank(good_query, good_source),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn bearer_tokens_are_refused_by_the_agents_runtime() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .env("AWS_BEARER_TOKEN_BEDROCK", "ABSKexampletoken")
        .args(["agent", "invoke", AGENT, ALIAS, "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("does not accept Bedrock API keys"),
        "{}",
        stderr_of(&out)
    );
}

/// An AWS SDK agent-runtime client for the emulator at `url`.
pub fn sdk_client(url: &str) -> aws_sdk_bedrockagentruntime::Client {
    use brock_emulator::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY};
    let config = aws_sdk_bedrockagentruntime::Config::builder()
        .behavior_version(aws_sdk_bedrockagentruntime::config::BehaviorVersion::latest())
        .region(aws_sdk_bedrockagentruntime::config::Region::new(
            "us-east-1",
        ))
        .credentials_provider(aws_sdk_bedrockagentruntime::config::Credentials::new(
            DEFAULT_ACCESS_KEY,
            DEFAULT_SECRET_KEY,
            None,
            None,
            "emulator-test",
        ))
        .endpoint_url(url)
        .build();
    aws_sdk_bedrockagentruntime::Client::from_conf(config)
}

/// The emulator's agent-runtime bytes as the AWS SDK reads them.
#[tokio::test]
async fn the_sdk_reads_invoke_agent_and_retrieve() {
    use aws_sdk_bedrockagentruntime::types::{
        FunctionResult, InvocationInputMember, InvocationResultMember, KnowledgeBaseQuery,
        ResponseStream, SessionState,
    };
    use brock_emulator::{BackgroundEmulator, EmulatorOptions};
    let emu = BackgroundEmulator::start(EmulatorOptions::default()).unwrap();
    let c = sdk_client(&emu.url());

    let mut out = c
        .invoke_agent()
        .agent_id(AGENT)
        .agent_alias_id(ALIAS)
        .session_id("sdk-session")
        .input_text("How are refunds processed?")
        .enable_trace(true)
        .send()
        .await
        .unwrap();
    assert_eq!(out.session_id(), "sdk-session");
    let (mut text, mut traces, mut cited) = (String::new(), 0, 0);
    while let Some(ev) = out.completion.recv().await.unwrap() {
        match ev {
            ResponseStream::Chunk(p) => {
                text.push_str(std::str::from_utf8(p.bytes().unwrap().as_ref()).unwrap());
                cited += p.attribution().map_or(0, |a| a.citations().len());
            }
            ResponseStream::Trace(_) => traces += 1,
            other => panic!("{other:?}"),
        }
    }
    assert!(
        text.contains("turn 1") && text.contains("Refunds are processed"),
        "{text}"
    );
    assert_eq!(cited, 1);
    assert!(traces >= 4);

    let mut out = c
        .invoke_agent()
        .agent_id(AGENT)
        .agent_alias_id(ALIAS)
        .session_id("sdk-session")
        .input_text("weather in Oslo")
        .send()
        .await
        .unwrap();
    let mut control = None;
    while let Some(ev) = out.completion.recv().await.unwrap() {
        if let ResponseStream::ReturnControl(rc) = ev {
            control = Some(rc);
        }
    }
    let rc = control.expect("returnControl event");
    let InvocationInputMember::FunctionInvocationInput(f) = &rc.invocation_inputs()[0] else {
        panic!("{rc:?}")
    };
    assert_eq!(f.function(), Some("get_weather"));
    let result = FunctionResult::builder()
        .action_group("WeatherTools")
        .function("get_weather")
        .response_body(
            "TEXT",
            aws_sdk_bedrockagentruntime::types::ContentBody::builder()
                .body("cold")
                .build(),
        )
        .build()
        .unwrap();
    let mut out = c
        .invoke_agent()
        .agent_id(AGENT)
        .agent_alias_id(ALIAS)
        .session_id("sdk-session")
        .session_state(
            SessionState::builder()
                .invocation_id(rc.invocation_id().unwrap())
                .return_control_invocation_results(InvocationResultMember::FunctionResult(result))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let mut text = String::new();
    while let Some(ev) = out.completion.recv().await.unwrap() {
        if let ResponseStream::Chunk(p) = ev {
            text.push_str(std::str::from_utf8(p.bytes().unwrap().as_ref()).unwrap());
        }
    }
    assert_eq!(text, "The action returned: cold");

    let page = c
        .retrieve()
        .knowledge_base_id(KB)
        .retrieval_query(KnowledgeBaseQuery::builder().text("refunds").build())
        .send()
        .await
        .unwrap();
    assert_eq!(page.retrieval_results().len(), 5);
    assert!(page.next_token().is_some());
    let first = &page.retrieval_results()[0];
    assert!(first.content().unwrap().text().contains("Refunds"));
    assert_eq!(
        first.location().unwrap().s3_location().unwrap().uri(),
        Some("s3://brock-emulator-kb/handbook/02-billing.txt")
    );

    let err = c
        .invoke_agent()
        .agent_id("DEPFAIL001")
        .agent_alias_id(ALIAS)
        .session_id("sdk-session")
        .input_text("hi")
        .send()
        .await
        .unwrap_err();
    let svc = err.into_service_error();
    assert!(svc.is_dependency_failed_exception(), "{svc:?}");
}

/// `agent chat` on a terminal uses the REPL's line input: a `"""` block is one message, the
/// agent's returned control is run after approval on the terminal and sent back, `/session`
/// prints the session, Ctrl-D leaves.
#[test]
fn chat_on_a_terminal_uses_the_repl_input_and_asks_before_tools() {
    use expectrl::{ControlCode, Expect, Session};
    let env = TestEnv::new();
    env.write_config(TOOLS_CONFIG);
    let mut cmd = env.std_cmd();
    cmd.args(["agent", "chat", "support", "--tools"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    // Wide enough that answers are not wrapped (brock wraps prose at words on a terminal).
    p.get_process_mut().set_window_size(200, 50).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    let expect = |p: &mut Session<_, _>, what: &str| {
        if let Err(e) = p.expect(what) {
            panic!("waiting for {what:?}: {e}");
        }
    };
    expect(&mut p, "agent> ");
    for line in ["\"\"\"", "first line", "second line", "\"\"\""] {
        p.send(format!("{line}\r")).unwrap();
    }
    expect(&mut p, "turn 1. You said: first line");
    expect(&mut p, "second line");
    expect(&mut p, "agent> ");
    p.send("What is the weather in Lisbon?\r").unwrap();
    expect(&mut p, "run get_weather? [y]es / [n]o / [a]lways");
    p.send("y\r").unwrap();
    expect(&mut p, "The action returned: sunny and 21 C");
    expect(&mut p, "agent> ");
    p.send("/session\r").unwrap();
    expect(&mut p, "agent> ");
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(expectrl::Eof).expect("brock exits on Ctrl-D");
    // The session was kept for --continue: the emulator's turn count (the returned results
    // counted one) goes on.
    let (out, _) = ok(&env, &["agent", "invoke", "support", "--continue", "again"]);
    assert!(out.contains("turn 4"), "{out}");
}

#[test]
fn memory_id_is_sent_and_reported() {
    let env = TestEnv::new();
    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "--memory-id",
            "user-42.memory",
            "hi",
        ],
    );
    assert_eq!(doc["memoryId"], "user-42.memory");
    assert!(
        doc["text"]
            .as_str()
            .unwrap()
            .ends_with("[memory: user-42.memory]"),
        "{doc}"
    );
    let doc = json_of(
        &env,
        &["--output", "json", "agent", "invoke", AGENT, ALIAS, "hi"],
    );
    assert!(doc["memoryId"].is_null(), "{doc}");
}

const INSTRUCTION: &str = "You answer questions about the weather, using the tools you have.";

/// `agent inline` declares the configured tools as a RETURN_CONTROL action group (the emulator
/// hands back only functions declared that way), runs the one the agent calls and sends the
/// result back until the agent answers.
#[test]
fn inline_agent_runs_configured_tools_through_return_of_control() {
    let env = TestEnv::new();
    env.write_config(
        r#"
[tools.get_weather]
description = "Weather in a city"
parameters = { type = "object", properties = { city = { type = "string", description = "The city" } }, required = ["city"] }
command = ["/bin/sh", "-c", "cat; echo ' is sunny'"]
"#,
    );
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "inline",
            "--instruction",
            INSTRUCTION,
            "--tools",
            "--yes",
            "What is the weather in Paris?",
            "--trace",
        ],
    );
    // The tool got the agent's parameters as JSON on stdin.
    assert_eq!(out, "The action returned: {\"city\":\"Paris\"} is sunny\n");
    assert!(
        err.contains("trace: action: brock_tools.get_weather (city=Paris)"),
        "{err}"
    );
    assert!(
        err.contains("session ") && err.contains("--continue"),
        "{err}"
    );

    let doc = json_of(
        &env,
        &[
            "--output",
            "json",
            "agent",
            "inline",
            "-m",
            "nova-pro",
            "--instruction",
            INSTRUCTION,
            "--tools",
            "--yes",
            "weather in Oslo",
        ],
    );
    assert_eq!(doc["foundationModel"], "us.amazon.nova-pro-v1:0");
    assert!(doc.get("agentId").is_none(), "{doc}");
    assert_eq!(
        doc["toolResults"][0]["functionResult"]["actionGroup"],
        "brock_tools"
    );
    assert_eq!(
        doc["text"],
        "The action returned: {\"city\":\"Oslo\"} is sunny\n"
    );

    // Without --tools, the configured tools are not declared: the agent just answers.
    let (out, _) = ok(
        &env,
        &[
            "agent",
            "inline",
            "--instruction",
            INSTRUCTION,
            "weather in Oslo",
        ],
    );
    assert!(
        out.starts_with("Hello from inline agent brock-inline on us.amazon.nova-lite-v1:0"),
        "{out}"
    );
}

/// Tools from a file are declared too; with no command to run them, the returned control is
/// printed as `agent invoke` prints it.
#[test]
fn inline_agent_tools_file_and_returned_control() {
    let env = TestEnv::new();
    let tools = env.write_file(
        "tools.json",
        r#"[{"type": "function", "function": {"name": "get_forecast", "description": "Forecast",
            "parameters": {"type": "object", "properties": {"city": {"type": "string"}, "days": {"type": "integer"}}, "required": ["city"]}}}]"#,
    );
    let (out, err) = ok(
        &env,
        &[
            "agent",
            "inline",
            "--instruction",
            INSTRUCTION,
            "--tools-file",
            tools.to_str().unwrap(),
            "forecast for Lisbon",
        ],
    );
    let line: Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(line["type"], "return_control");
    assert_eq!(line["invocations"][0]["function"], "get_forecast");
    assert_eq!(line["invocations"][0]["parameters"]["days"], 2);
    assert!(
        err.contains("returned control: brock_tools.get_forecast"),
        "{err}"
    );
}

#[test]
fn inline_agent_sessions_knowledge_bases_and_instruction_from_config() {
    let env = TestEnv::new();
    env.write_config(&format!("[default]\nsystem = \"{INSTRUCTION}\"\n"));
    let (out, _) = ok(&env, &["agent", "inline", "--session", "inline-1", "one"]);
    assert!(out.contains("turn 1"), "{out}");
    let (out, _) = ok(&env, &["agent", "inline", "--continue", "two"]);
    assert!(out.contains("turn 2"), "{out}");
    let (out, _) = ok(
        &env,
        &[
            "agent",
            "inline",
            "--kb",
            "KB12345678:the staff handbook",
            "How are refunds processed?",
        ],
    );
    assert!(
        out.contains("According to the handbook: Refunds are processed within five business days of approval.[1]"),
        "{out}"
    );
    assert!(
        out.ends_with("[1] s3://brock-emulator-kb/handbook/02-billing.txt — Refunds are processed within five business days of approval.\n"),
        "{out}"
    );
    // An unknown knowledge base is the service's answer.
    let out = run(
        &env,
        &["agent", "inline", "--kb", "KBNOPE0000", "Anything?"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("ResourceNotFoundException"));
}

#[test]
fn inline_agent_bad_input_is_refused_before_sending() {
    let env = TestEnv::new();
    let nested = env.write_file(
        "nested.json",
        r#"[{"name": "t", "input_schema": {"type": "object", "properties": {"o": {"type": "object"}}}}]"#,
    );
    let nested = nested.to_str().unwrap();
    for (args, needle) in [
        (vec!["agent", "inline", "hi"], "needs an instruction"),
        (
            vec!["agent", "inline", "--instruction", "too short", "hi"],
            "at least 40",
        ),
        (
            vec![
                "agent",
                "inline",
                "--instruction",
                INSTRUCTION,
                "--memory-id",
                "m-1",
                "hi",
            ],
            "--memory-id",
        ),
        (
            vec![
                "agent",
                "inline",
                "--instruction",
                INSTRUCTION,
                "--kb",
                "KB-1",
                "hi",
            ],
            "--kb",
        ),
        (
            vec![
                "agent",
                "inline",
                "--instruction",
                INSTRUCTION,
                "--tools-file",
                nested,
                "hi",
            ],
            "type object",
        ),
        (
            vec![
                "agent",
                "inline",
                "--instruction",
                INSTRUCTION,
                "-m",
                "invoke/us.amazon.nova-lite-v1:0",
                "hi",
            ],
            "route prefix",
        ),
        (
            vec![
                "agent",
                "inline",
                "--instruction",
                "@/nonexistent/instr.txt",
                "hi",
            ],
            "cannot read",
        ),
        (
            vec!["agent", "inline", "--instruction", INSTRUCTION],
            "no input text",
        ),
        (
            vec![
                "agent",
                "inline",
                "--instruction",
                INSTRUCTION,
                "--continue",
                "hi",
            ],
            "no earlier inline agent session on us.amazon.nova-lite-v1:0",
        ),
    ] {
        let out = env.cmd().args(&args).write_stdin("").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
}

/// brock asks for the final answer to stream (streamFinalResponse); without it the service
/// sends the whole answer in one chunk, as the raw call shows.
#[test]
fn invoke_asks_for_a_streamed_final_answer() {
    let env = TestEnv::new();
    let (raw, _) = ok(
        &env,
        &[
            "raw",
            "--service",
            "agent-runtime",
            "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/raw-1/text",
            "-d",
            r#"{"inputText": "one two three four five six"}"#,
        ],
    );
    assert_eq!(raw.matches("\"chunk\"").count(), 1, "{raw}");
    let (out, _) = ok(
        &env,
        &[
            "--output",
            "ndjson",
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "one two three four five six",
        ],
    );
    assert!(
        out.lines().filter(|l| l.contains("\"chunk\"")).count() > 3,
        "{out}"
    );
}

/// With `--guardrail-interval 1` every character is its own chunk: the answer still comes out
/// whole, multi-byte characters and citations included.
#[test]
fn many_one_character_chunks_make_the_same_answer() {
    let env = TestEnv::new();
    let input = "Café ☕ — how are refunds processed?";
    let (whole, _) = ok(&env, &["agent", "invoke", AGENT, ALIAS, input]);
    let (out, _) = ok(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "--guardrail-interval",
            "1",
            input,
        ],
    );
    // Both are the first turn of a new session: the same text, reference list included.
    assert_eq!(out, whole);
    assert!(
        out.contains("You said: Café ☕ — how are refunds processed? According to the handbook:"),
        "{out}"
    );
    assert!(out.contains("\n\nReferences:\n[1] "), "{out}");
    let (nd, _) = ok(
        &env,
        &[
            "--output",
            "ndjson",
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "--guardrail-interval",
            "1",
            input,
        ],
    );
    let chunks: Vec<Value> = nd
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l["type"] == "chunk" && l["citations"].is_null())
        .collect();
    assert!(chunks.len() > 60, "{nd}");
    assert!(
        chunks
            .iter()
            .all(|c| c["text"].as_str().unwrap().chars().count() == 1),
        "{nd}"
    );
    let out = run(
        &env,
        &[
            "agent",
            "invoke",
            AGENT,
            ALIAS,
            "--guardrail-interval",
            "0",
            "hi",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
}

/// The emulator's InvokeInlineAgent stream as the AWS SDK reads it, return of control included.
#[tokio::test]
async fn the_sdk_reads_invoke_inline_agent() {
    use aws_sdk_bedrockagentruntime::types::{
        ActionGroupExecutor, AgentActionGroup, ContentBody, CustomControlMethod,
        FunctionDefinition, FunctionResult, FunctionSchema, InlineAgentResponseStream,
        InlineSessionState, InvocationInputMember, InvocationResultMember, ParameterDetail,
        ParameterType,
    };
    let emu = brock_emulator::BackgroundEmulator::start(Default::default()).unwrap();
    let c = sdk_client(&emu.url());
    let group = AgentActionGroup::builder()
        .action_group_name("WeatherTools")
        .action_group_executor(ActionGroupExecutor::CustomControl(
            CustomControlMethod::ReturnControl,
        ))
        .function_schema(FunctionSchema::Functions(vec![
            FunctionDefinition::builder()
                .name("get_weather")
                .parameters(
                    "city",
                    ParameterDetail::builder()
                        .r#type(ParameterType::String)
                        .required(true)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        ]))
        .build()
        .unwrap();
    let mut out = c
        .invoke_inline_agent()
        .session_id("sdk-inline")
        .foundation_model("amazon.nova-lite-v1:0")
        .instruction(INSTRUCTION)
        .action_groups(group.clone())
        .input_text("weather in Rome")
        .send()
        .await
        .unwrap();
    assert_eq!(out.session_id(), "sdk-inline");
    let mut control = None;
    while let Some(ev) = out.completion.recv().await.unwrap() {
        match ev {
            InlineAgentResponseStream::ReturnControl(rc) => control = Some(rc),
            other => panic!("{other:?}"),
        }
    }
    let rc = control.expect("returnControl");
    let InvocationInputMember::FunctionInvocationInput(f) = &rc.invocation_inputs()[0] else {
        panic!("{rc:?}")
    };
    assert_eq!(f.function(), Some("get_weather"));
    assert_eq!(f.parameters()[0].value(), Some("Rome"));
    let result = FunctionResult::builder()
        .action_group("WeatherTools")
        .function("get_weather")
        .response_body("TEXT", ContentBody::builder().body("warm").build())
        .build()
        .unwrap();
    let mut out = c
        .invoke_inline_agent()
        .session_id("sdk-inline")
        .foundation_model("amazon.nova-lite-v1:0")
        .instruction(INSTRUCTION)
        .action_groups(group)
        .inline_session_state(
            InlineSessionState::builder()
                .invocation_id(rc.invocation_id().unwrap())
                .return_control_invocation_results(InvocationResultMember::FunctionResult(result))
                .build(),
        )
        .send()
        .await
        .unwrap();
    let mut text = String::new();
    while let Some(ev) = out.completion.recv().await.unwrap() {
        if let InlineAgentResponseStream::Chunk(p) = ev {
            text.push_str(std::str::from_utf8(p.bytes().unwrap().as_ref()).unwrap());
        }
    }
    assert_eq!(text, "The action returned: warm");

    // A short instruction is refused with the service's constraint message.
    let err = c
        .invoke_inline_agent()
        .session_id("sdk-inline")
        .foundation_model("amazon.nova-lite-v1:0")
        .instruction("short")
        .input_text("hi")
        .send()
        .await
        .unwrap_err();
    let svc = err.into_service_error();
    assert!(svc.is_validation_exception(), "{svc:?}");
    assert!(
        format!("{svc:?}").contains("Member must have length greater than or equal to 40"),
        "{svc:?}"
    );
}

/// The emulator refuses inline agent and flow requests the way the service does: members the
/// shapes do not declare, missing required members, values outside the constraints.
#[test]
fn the_emulator_refuses_bad_inline_agent_and_flow_requests() {
    let env = TestEnv::new();
    let instruction = format!("\"instruction\": \"{INSTRUCTION}\"");
    let model = "\"foundationModel\": \"amazon.nova-lite-v1:0\"";
    for (path, body, needle) in [
        (
            "/agents/raw-1",
            format!(r#"{{{model}, {instruction}, "inputText": "hi", "sessionState": {{}}}}"#),
            r#"SerializationException: Unrecognized field "sessionState" in InvokeInlineAgentRequest"#,
        ),
        (
            "/agents/raw-1",
            format!(r#"{{{model}, "inputText": "hi"}}"#),
            "Value null at 'instruction' failed to satisfy constraint: Member must not be null",
        ),
        (
            "/agents/raw-1",
            format!(
                r#"{{{model}, {instruction}, "inputText": "hi", "actionGroups": [{{"actionGroupName": "g", "functionSchema": {{"functions": [{{"name": "f", "params": {{}}}}]}}}}]}}"#
            ),
            r#"Unrecognized field "params" in FunctionDefinition"#,
        ),
        (
            "/agents/raw-1",
            format!(
                r#"{{{model}, {instruction}, "inputText": "hi", "actionGroups": [{{"actionGroupName": "g", "functionSchema": {{"functions": [{{"name": "f", "parameters": {{"p": {{"type": "object"}}}}}}]}}}}]}}"#
            ),
            "Member must satisfy enum value set: [string, number, integer, boolean, array]",
        ),
        (
            "/agents/raw-1",
            format!(r#"{{"foundationModel": "nope", {instruction}, "inputText": "hi"}}"#),
            "ValidationException: The provided model identifier is invalid.",
        ),
        (
            "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/raw-1/text",
            r#"{"inputText": "hi", "streamingConfigurations": {"streamFinalResponse": true, "applyGuardrailInterval": 0}}"#.to_string(),
            "'streamingConfigurations.applyGuardrailInterval' failed to satisfy constraint: Member must have value greater than or equal to 1",
        ),
        (
            "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/raw-1/text",
            r#"{"inputText": "hi", "streamingConfigurations": {"stream": true}}"#.to_string(),
            r#"Unrecognized field "stream" in StreamingConfigurations"#,
        ),
        (
            "/flows/FLOW123456/aliases/TSTALIASID",
            r#"{"inputs": [{"nodeName": "FlowInputNode", "nodeOutputName": "document", "content": {"document": "x"}}], "sessionId": "s"}"#.to_string(),
            r#"Unrecognized field "sessionId" in InvokeFlowRequest"#,
        ),
        (
            "/flows/FLOW123456/aliases/TSTALIASID",
            r#"{"inputs": []}"#.to_string(),
            "Value at 'inputs' failed to satisfy constraint: Member must have length greater than or equal to 1",
        ),
        (
            "/flows/FLOW123456/aliases/TSTALIASID",
            r#"{"inputs": [{"nodeName": "FlowInputNode", "content": {"text": "x"}}]}"#.to_string(),
            r#"Unrecognized field "text" in FlowInputContent"#,
        ),
    ] {
        let out = run(
            &env,
            &["raw", "--service", "agent-runtime", path, "-d", &body],
        );
        assert_eq!(out.status.code(), Some(1), "{body}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains(needle),
            "{body}: {}",
            stderr_of(&out)
        );
    }
}

/// On a terminal, `agent inline --tools` asks before running each call the agent hands back.
#[test]
fn inline_agent_asks_before_running_a_tool_on_a_terminal() {
    use expectrl::{Expect, Session};
    let env = TestEnv::new();
    env.write_config(TOOLS_CONFIG);
    let mut cmd = env.std_cmd();
    cmd.args([
        "agent",
        "inline",
        "--instruction",
        INSTRUCTION,
        "--tools",
        "What is the weather in Lisbon?",
    ])
    .env("TERM", "xterm")
    .env("NO_COLOR", "1");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    // Wide enough that the answer's long sentence is not wrapped at a word on screen.
    p.get_process_mut().set_window_size(200, 50).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    p.expect("run get_weather? [y]es / [n]o / [a]lways")
        .expect("the approval prompt");
    p.send("n\r").unwrap();
    // Refused: the agent hears that the user did not approve it.
    p.expect("The action returned: the function call failed (the user did not approve running tool get_weather)")
        .expect("the refusal sent back");
    p.expect(expectrl::Eof).expect("brock exits");
    let pid = p.get_process().pid();
    assert_eq!(
        p.get_process_mut().wait().unwrap(),
        expectrl::process::unix::WaitStatus::Exited(pid, 0)
    );
}

/// `agent inline --dry-run` prints the InvokeInlineAgent request (the agent's definition, the
/// streaming request, the tools as a RETURN_CONTROL action group) and sends nothing.
#[test]
fn inline_agent_dry_run_prints_the_request() {
    let env = TestEnv::new();
    let tools = env.write_file(
        "tools.json",
        r#"[{"name": "get_weather", "description": "Weather", "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]"#,
    );
    let doc = json_of(
        &env,
        &[
            "agent",
            "inline",
            "--dry-run",
            "--instruction",
            INSTRUCTION,
            "--kb",
            "KB12345678:the handbook",
            "--tools-file",
            tools.to_str().unwrap(),
            "--session",
            "s-1",
            "--guardrail-interval",
            "20",
            "hello",
        ],
    );
    assert_eq!(doc["operation"], "InvokeInlineAgent");
    assert_eq!(doc["path"], "/agents/s-1");
    let body = &doc["body"];
    assert_eq!(body["inputText"], "hello");
    assert_eq!(body["instruction"], INSTRUCTION);
    assert_eq!(body["foundationModel"], "us.amazon.nova-lite-v1:0");
    assert_eq!(
        body["streamingConfigurations"],
        serde_json::json!({"streamFinalResponse": true, "applyGuardrailInterval": 20})
    );
    assert_eq!(
        body["actionGroups"][0]["actionGroupExecutor"]["customControl"],
        "RETURN_CONTROL"
    );
    assert_eq!(
        body["actionGroups"][0]["functionSchema"]["functions"][0]["parameters"]["city"],
        serde_json::json!({"type": "string", "required": true})
    );
    assert_eq!(body["knowledgeBases"][0]["description"], "the handbook");
    assert_eq!(env.emulator.requests(), 0);
    assert!(!env.data_dir().join("agent-sessions.json").exists());
}

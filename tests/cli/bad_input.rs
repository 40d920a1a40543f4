//! The bad-input catalogue: every kind of bad input is refused before anything is sent, with
//! exit 2, nothing on stdout, and one `brock: error:` line (plus at most a `hint:` line) that
//! says what is wrong.

use crate::common::{TestEnv, stderr_of, stdout_of};

struct Case {
    what: &'static str,
    /// Config file text, when the case needs one.
    config: Option<&'static str>,
    args: Vec<String>,
    stdin: Vec<u8>,
    /// The message names the problem: each of these appears in it.
    says: &'static [&'static str],
}

fn case(what: &'static str, args: &[&str], says: &'static [&'static str]) -> Case {
    Case {
        what,
        config: None,
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: Vec::new(),
        says,
    }
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    v.extend_from_slice(&width.to_be_bytes());
    v.extend_from_slice(&height.to_be_bytes());
    v.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    v
}

#[test]
fn every_bad_input_is_refused_before_sending_with_one_line_and_exit_2() {
    let env = TestEnv::new();
    let path = |name: &str, bytes: &[u8]| env.write_file(name, bytes).display().to_string();
    let mut big = png(4000, 4000);
    big.resize(4 * 1024 * 1024, 0);
    let big = path("big.png", &big);
    let exe = path("tool.exe", b"MZ\x90\x00binary");
    let adir = env.home.path().join("a-directory");
    std::fs::create_dir_all(&adir).unwrap();
    let adir = adir.display().to_string();
    let not_json = path("tools-bad.json", b"[{\"type\":\"function\"");
    let bad_type = path(
        "tools-type.json",
        br#"[{"type":"function","function":{"name":"w","parameters":{"type":"object","properties":{"city":{"type":"strnig"}}}}}]"#,
    );
    let bad_props = path(
        "tools-props.json",
        br#"[{"type":"function","function":{"name":"w","parameters":{"type":"object","properties":[]}}}]"#,
    );
    let bad_schema = path(
        "schema.json",
        br#"{"type":"object","properties":{"a":{"type":"text"}}}"#,
    );
    let body = path(
        "openai.json",
        br#"{"model":"nova-lite","messages":[{"role":"user","content":"hi"}]}"#,
    );
    let cat = path("cat.png", &png(2, 2));

    let cases = vec![
        // Config files.
        Case {
            config: Some("[default]\nregion = \"us-east-1\"\nmodel = \n"),
            ..case("malformed config", &["chat", "q"], &["config.toml:3:9:"])
        },
        Case {
            config: Some("[default]\nregoin = \"us-east-1\"\n"),
            ..case("unknown config key", &["chat", "q"], &["regoin", "region"])
        },
        Case {
            config: Some(
                "[profiles.dev]\nregion = \"us-east-1\"\n[profiles.prod]\nregion = \"us-west-2\"\n",
            ),
            ..case(
                "unknown profile",
                &["--profile", "staging", "chat", "q"],
                &["staging", "dev, prod"],
            )
        },
        Case {
            config: Some("[default]\ntemperature = \"hot\"\n"),
            ..case(
                "config value of the wrong type",
                &["chat", "q"],
                &["temperature"],
            )
        },
        // Models and parameters.
        case(
            "unknown model alias",
            &["chat", "--model", "sonet", "q"],
            &["sonet", "did you mean 'sonnet'"],
        ),
        case(
            "bad --param JSON",
            &["chat", "--param", "x={bad", "q"],
            &["--param", "not JSON"],
        ),
        case(
            "--param without =",
            &["chat", "--param", "nokey", "q"],
            &["--param", "KEY=JSON"],
        ),
        case(
            "temperature out of range",
            &["chat", "--temperature", "1.5", "q"],
            &["temperature"],
        ),
        // Numbers: each refused with its real bounds, named as typed (issue 21).
        case(
            "temperature too large for f32",
            &["chat", "--temperature", "1e308", "q"],
            &["--temperature", "1e308", "from 0 to 1"],
        ),
        case(
            "max tokens past i64",
            &["chat", "--max-tokens", "99999999999999999999", "q"],
            &["--max-tokens", "from 1 to 4294967295"],
        ),
        case(
            "read timeout over a day",
            &["--read-timeout", "100000", "chat", "q"],
            &["--read-timeout", "above 0 and at most 86400"],
        ),
        case(
            "connect timeout not a number",
            &["--connect-timeout", "soon", "chat", "q"],
            &["--connect-timeout", "not a number"],
        ),
        case(
            "top-k zero",
            &["chat", "--top-k", "0", "q"],
            &["--top-k", "from 1 to"],
        ),
        case(
            "max attempts zero",
            &["--max-attempts", "0", "chat", "q"],
            &["--max-attempts", "from 1 to 20"],
        ),
        case(
            "image similarity out of range",
            &["image", "--similarity", "1e308", "x"],
            &["--similarity", "1e308", "from 0.2 to 1"],
        ),
        case(
            "emulator pacing out of range",
            &["emulator", "--tokens-per-second", "1e308"],
            &["--tokens-per-second", "from 0 to"],
        ),
        Case {
            config: Some("[tools.t]\ndescription = \"d\"\ncommand = [\"true\"]\ntimeout = 1e30\n"),
            ..case(
                "tool timeout that would overflow a Duration",
                &["chat", "q"],
                &["[tools.t] timeout", "1e30", "above 0 and at most 86400"],
            )
        },
        Case {
            config: Some("[default.timeouts]\nread = 100000\n"),
            ..case(
                "config timeout over a day",
                &["chat", "q"],
                &["timeouts.read", "above 0 and at most 86400"],
            )
        },
        Case {
            config: Some("[default]\nmax_tokens = 5000000000\n"),
            ..case(
                "config max_tokens past u32",
                &["chat", "q"],
                &["max_tokens", "from 1 to 4294967295"],
            )
        },
        case(
            "bad region",
            &["--region", "Not A Region", "chat", "q"],
            &["region"],
        ),
        case(
            "bad guardrail",
            &["chat", "--guardrail", "nocolon", "q"],
            &["guardrail"],
        ),
        case(
            "bad session name",
            &["chat", "--session", "../etc/passwd", "q"],
            &["session name"],
        ),
        // Attachments.
        case(
            "missing attachment",
            &["chat", "--attach", "/nonexistent/cat.png", "q"],
            &["/nonexistent/cat.png"],
        ),
        case(
            "unreadable attachment (a directory)",
            &["chat", "--attach", &adir, "q"],
            &["a-directory"],
        ),
        case(
            "oversize attachment",
            &["chat", "--attach", &big, "q"],
            &["big.png", "MB"],
        ),
        case(
            "unsupported file type",
            &["chat", "--attach", &exe, "q"],
            &["tool.exe"],
        ),
        // Tools and schemas.
        case(
            "tools file not JSON",
            &["chat", "--tools", &not_json, "q"],
            &["tools file", "not valid JSON"],
        ),
        case(
            "tools file missing",
            &["chat", "--tools", "/nonexistent/tools.json", "q"],
            &["/nonexistent/tools.json"],
        ),
        case(
            "tool schema with a bad type",
            &["chat", "--tools", &bad_type, "q"],
            &["not a valid JSON Schema", "strnig"],
        ),
        case(
            "tool schema with bad properties",
            &["chat", "--tools", &bad_props, "q"],
            &["not a valid JSON Schema", "properties"],
        ),
        case(
            "bad --json-schema",
            &["chat", "--json-schema", &bad_schema, "q"],
            &["JSON schema", "text"],
        ),
        case(
            "tool choice naming no tool",
            &["chat", "--tool-choice", "nosuchtool", "q"],
            &["nosuchtool"],
        ),
        // Prompts.
        case("empty prompt", &["chat", ""], &["empty"]),
        case("blank prompt", &["chat", "  \n "], &["empty"]),
        case("no prompt at all", &["chat"], &["prompt"]),
        Case {
            stdin: b"caf\xe9 \xff\xfe".to_vec(),
            ..case("non-UTF-8 stdin", &["chat"], &["UTF-8"])
        },
        Case {
            stdin: b"not json".to_vec(),
            ..case(
                "OpenAI input not JSON",
                &["chat", "--input-format", "openai"],
                &["not valid JSON"],
            )
        },
        Case {
            stdin: br#"{"model":"nova-lite","messages":"hi"}"#.to_vec(),
            ..case(
                "OpenAI input of the wrong shape",
                &["chat", "--input-format", "openai"],
                &["messages"],
            )
        },
        // Conflicting flags.
        case(
            "--mock with --endpoint-url",
            &[
                "--mock",
                "--endpoint-url",
                "http://127.0.0.1:9",
                "chat",
                "q",
            ],
            &["--mock", "--endpoint-url"],
        ),
        case(
            "--input-file without --input-format openai",
            &["chat", "--input-file", &body, "q"],
            &["--input-file", "--input-format openai"],
        ),
        case(
            "--attach with --input-format openai",
            &[
                "chat",
                "--input-format",
                "openai",
                "--input-file",
                &body,
                "--attach",
                &cat,
            ],
            &["--attach", "--input-format openai"],
        ),
        case(
            "--no-stream with ndjson output",
            &["--output", "ndjson", "chat", "--no-stream", "q"],
            &["--no-stream", "ndjson"],
        ),
        case(
            "--interactive without a terminal",
            &["chat", "-i"],
            &["--interactive", "terminal"],
        ),
        case(
            "--role-session-name without --role-arn",
            &["--role-session-name", "x", "chat", "q"],
            &["--role-arn"],
        ),
        case(
            "unknown flag",
            &["chat", "--no-such-flag", "q"],
            &["--no-such-flag"],
        ),
        case(
            "bad --output value",
            &["--output", "yaml", "chat", "q"],
            &["yaml", "--output", "text, json, ndjson"],
        ),
        case(
            "flag without its value",
            &["chat", "q", "--temperature"],
            &["--temperature"],
        ),
        case(
            "missing required argument",
            &["models", "show"],
            &["not provided", "<ID>"],
        ),
        case("unknown subcommand", &["chatt", "q"], &["chatt"]),
        case(
            "raw body that is not JSON",
            &["raw", "/model/m/converse", "-d", "{nope"],
            &["JSON"],
        ),
    ];
    for c in &cases {
        match c.config {
            Some(text) => env.write_config(text),
            None => env.write_config(""),
        };
        let out = env
            .cmd()
            .args(&c.args)
            .write_stdin(c.stdin.clone())
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{}: {err}", c.what);
        assert!(
            out.stdout.is_empty(),
            "{}: stdout {:?}",
            c.what,
            stdout_of(&out)
        );
        assert!(!err.contains("panicked"), "{}: {err}", c.what);
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            matches!(lines.as_slice(), [e] | [e, _] if e.starts_with("brock: error: ")),
            "{}: not one error line: {err}",
            c.what
        );
        if let [_, hint] = lines.as_slice() {
            assert!(hint.starts_with("hint: "), "{}: {err}", c.what);
        }
        for s in c.says {
            assert!(
                lines[0].contains(s),
                "{}: {s:?} not in {:?}",
                c.what,
                lines[0]
            );
        }
        // The same with -v: nothing was sent.
        let out = env
            .cmd()
            .arg("-v")
            .args(&c.args)
            .write_stdin(c.stdin.clone())
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{} with -v: {}",
            c.what,
            stderr_of(&out)
        );
        assert!(
            !stderr_of(&out).contains("-> "),
            "{}: a request was sent: {}",
            c.what,
            stderr_of(&out)
        );
    }
}

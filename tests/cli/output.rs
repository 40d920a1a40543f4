//! Output that composes in a shell: a piped answer ends its line (`--raw` keeps the exact
//! bytes), an error after partial output starts on its own line, `--output ndjson` is one line
//! per result, and no terminal escapes reach a pipe.

use serde_json::Value;

use crate::common::{TestEnv, stderr_of, stdout_of};

#[test]
fn piped_answer_ends_with_one_newline_and_raw_keeps_the_bytes() {
    let env = TestEnv::new();
    let out = env.cmd().args(["chat", "hi"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert_eq!(
        text,
        "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hi\n"
    );
    assert_eq!(text.lines().count(), 1);

    let raw = env.cmd().args(["chat", "--raw", "hi"]).output().unwrap();
    assert_eq!(
        stdout_of(&raw),
        "Hello from the brock emulator (us.amazon.nova-lite-v1:0). You said: hi"
    );
}

#[test]
fn appended_answers_stay_on_their_own_lines() {
    let env = TestEnv::new();
    let mut log = Vec::new();
    for q in ["one", "two"] {
        let out = env.cmd().args(["chat", "--no-stream", q]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        log.extend_from_slice(&out.stdout);
    }
    let log = String::from_utf8(log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log:?}");
    assert!(lines[0].ends_with("You said: one") && lines[1].ends_with("You said: two"));
}

#[test]
fn an_error_after_partial_output_starts_on_its_own_line() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["chat", "-m", "emulator.stream-error", "hi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout_of(&out).ends_with('\n'), "{:?}", stdout_of(&out));
    // One file for both streams, as `> f 2>&1` gives.
    let path = env.write_file("both.txt", "");
    let file = std::fs::File::create(&path).unwrap();
    let status = env
        .std_cmd()
        .args(["chat", "-m", "emulator.stream-error", "hi"])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let text = std::fs::read_to_string(&path).unwrap();
    let err_line = text
        .lines()
        .find(|l| l.contains("brock: error"))
        .unwrap_or_else(|| panic!("{text:?}"));
    assert!(err_line.starts_with("brock: error"), "{text:?}");
}

#[test]
fn ndjson_on_single_result_commands_is_one_line() {
    let env = TestEnv::new();
    for args in [
        &["models", "show", "nova-lite"][..],
        &["config", "show"][..],
        &["rerank", "--query", "q", "a", "b"][..],
        &["roles"][..],
    ] {
        let out = env
            .cmd()
            .args(["--output", "ndjson"])
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr_of(&out));
        for line in stdout_of(&out).lines() {
            serde_json::from_str::<Value>(line)
                .unwrap_or_else(|e| panic!("{args:?}: not a JSON line: {e}: {line:?}"));
        }
    }
    let out = env
        .cmd()
        .args(["--output", "ndjson", "models", "show", "nova-lite"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).lines().count(), 1);
}

#[test]
fn rerank_honours_output_text_in_a_pipe() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--output", "text", "rerank", "--query", "q", "alpha", "beta",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.starts_with("RANK"), "{text}");
    assert!(!text.contains('{'), "{text}");
    assert!(!text.contains('\x1b'), "{text}");
    // Without --output a pipe still gets JSON lines.
    let out = env
        .cmd()
        .args(["rerank", "--query", "q", "alpha", "beta"])
        .output()
        .unwrap();
    assert!(stdout_of(&out).starts_with('{'));
}

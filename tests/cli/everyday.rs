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

#[test]
fn an_agent_name_that_is_not_configured_is_named_before_any_request() {
    let env = TestEnv::new();
    // No agents configured: the message says how to configure one.
    let out = env
        .cmd()
        .args(["agent", "invoke", "support", "Where is my order?"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("\"support\" is not a configured agent name")
            && err.contains("[agents.NAME]")
            && err.contains("config.toml"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // A name that looks like an id to the service is still not sent when it is not configured.
    env.write_config(
        "[agents.support]\nagent_id = \"AGENT12345\"\nalias_id = \"TSTALIASID\"\n\
         [agents.billing]\nagent_id = \"AGENT12345\"\nalias_id = \"TSTALIASID\"\n",
    );
    let out = env
        .cmd()
        .args(["agent", "chat", "helpdesk", "TSTALIASID"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("\"helpdesk\" is not a configured agent name")
            && err.contains("configured agents: billing, support"),
        "{err}"
    );
    assert_eq!(env.emulator.requests(), 0);
    // A configured name and a generated id both work.
    for args in [
        vec!["agent", "invoke", "support", "hi"],
        vec!["agent", "invoke", "AGENT12345", "TSTALIASID", "hi"],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    }
}

#[test]
fn agent_answers_in_a_pipe_end_with_a_newline() {
    let env = TestEnv::new();
    for args in [
        vec!["agent", "invoke", "AGENT12345", "TSTALIASID", "hi"],
        vec![
            "agent",
            "inline",
            "-m",
            "nova-pro",
            "--instruction",
            "You answer questions about the weather, politely.",
            "hi",
        ],
    ] {
        let out = env.cmd().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        let text = stdout_of(&out);
        assert!(
            text.ends_with("You said: hi\n") && !text.ends_with("\n\n"),
            "{args:?}: {text:?}"
        );
    }
}

#[test]
fn embedding_jsonl_without_field_is_refused_naming_the_fields() {
    let env = TestEnv::new();
    let docs = env.write_file(
        "docs.jsonl",
        "{\"id\": 1, \"text\": \"hello\", \"lang\": \"en\"}\n{\"id\": 2, \"text\": \"bye\"}\n",
    );
    let out = env.cmd().args(["embed", "-f"]).arg(&docs).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("docs.jsonl: line 1 is a JSON object")
            && err.contains("--field NAME")
            && err.contains("(its text fields: lang, text)"),
        "{err}"
    );
    assert_eq!(env.emulator.requests(), 0);
    // From stdin too.
    let out = env
        .cmd()
        .args(["embed", "-f", "-"])
        .write_stdin("\n{\"text\": \"hello\"}\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("stdin: line 2 is a JSON object"));
    // With --field it embeds, and plain text lines need none.
    let out = env
        .cmd()
        .args(["embed", "--field", "text", "-f"])
        .arg(&docs)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().count(), 2);
    let out = env
        .cmd()
        .args(["embed", "-f", "-"])
        .write_stdin("hello\n[1, 2]\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

/// The numbers in `text` that precede `unit`, e.g. "0.00412" in "0.00412 s".
fn numbers_before(text: &str, unit: &str) -> Vec<String> {
    text.split(unit)
        .filter_map(|before| before.rsplit(' ').next())
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_string)
        .collect()
}

/// Significant digits of a decimal fraction (whole numbers are printed whole).
fn significant_digits(n: &str) -> usize {
    if !n.contains('.') {
        return 1;
    }
    n.trim_start_matches(['0', '.'])
        .chars()
        .filter(char::is_ascii_digit)
        .count()
}

#[test]
fn rates_and_times_print_significant_digits() {
    let env = TestEnv::new();
    // The chat footer (shown on a pipe with -v): seconds never round to 0.00.
    let out = env.cmd().args(["-v", "chat", "hi"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let footer = err
        .lines()
        .find(|l| l.contains(" in · ") && l.contains("first token"))
        .unwrap_or_else(|| panic!("no usage footer: {err}"));
    let secs = numbers_before(footer, " s");
    assert_eq!(secs.len(), 2, "{footer}");
    for n in &secs {
        assert!(n.parse::<f64>().unwrap() > 0.0, "{footer}");
        assert!((1..=3).contains(&significant_digits(n)), "{footer}");
    }
    // The embed summary: seconds and texts/s alike.
    let out = env.cmd().args(["embed", "a", "b", "c"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    let summary = err
        .lines()
        .find(|l| l.contains("embedded 3 texts"))
        .unwrap();
    let rates = numbers_before(summary, " texts/s");
    let secs = numbers_before(summary, " s,");
    assert_eq!((rates.len(), secs.len()), (1, 1), "{summary}");
    for n in rates.iter().chain(&secs) {
        assert!(n.parse::<f64>().unwrap() > 0.0, "{summary}");
        assert!((1..=3).contains(&significant_digits(n)), "{summary}");
        assert!(!n.ends_with('0') || !n.contains('.'), "{summary}");
    }
}

fn dry_run_content(env: &TestEnv, args: &[&str], stdin: &[u8]) -> serde_json::Value {
    let out = env
        .cmd()
        .args(["chat", "--dry-run"])
        .args(args)
        .write_stdin(stdin.to_vec())
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    doc["body"]["messages"][0]["content"].clone()
}

#[test]
fn attach_dash_attaches_stdin_and_the_prompt_comes_from_the_argument() {
    use base64::Engine;
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    let env = TestEnv::new();
    // Text: a txt document, the argument alone is the prompt.
    let content = dry_run_content(&env, &["-a", "-", "summarise"], b"meeting notes\n");
    assert_eq!(content[0]["document"]["format"], "txt", "{content}");
    assert_eq!(
        content[0]["document"]["source"]["bytes"],
        b64(b"meeting notes\n")
    );
    assert_eq!(content[1]["text"], "summarise", "{content}");
    assert_eq!(content.as_array().unwrap().len(), 2, "{content}");
    // Bytes: the format comes from the content.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01".to_vec();
    let content = dry_run_content(&env, &["-a", "-", "what is this?"], &png);
    assert_eq!(content[0]["image"]["format"], "png", "{content}");
    assert_eq!(content[0]["image"]["source"]["bytes"], b64(&png));
    // The answer names the attachment.
    let out = env
        .cmd()
        .args(["chat", "-a", "-", "what is this?"])
        .write_stdin(png.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("[attachments: 1 image]"));
    // No argument: no prompt, said so.
    for (args, says) in [
        (vec!["chat", "-a", "-"], "give the prompt as an argument"),
        (
            vec!["chat", "-a", "-", "-a", "-", "hi"],
            "attached only once",
        ),
        (
            vec!["chat", "-a", "-", "--guard-stdin", "hi"],
            "both read stdin",
        ),
    ] {
        let out = env.cmd().args(&args).write_stdin("x").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr_of(&out).contains(says),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
    assert_eq!(env.emulator.requests(), 1);
}

/// A one-shot `[[markdown]]` answer (it has a fenced rust block) on a pty: what it showed.
fn markdown_on_a_terminal(env: &TestEnv, vars: &[(&str, &str)]) -> String {
    use expectrl::{Eof, Expect, Session};
    let mut cmd = env.std_cmd();
    cmd.args(["chat", "[[markdown]] go"])
        .env("TERM", "xterm")
        .env("COLUMNS", "120")
        .env("LINES", "60");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.get_process_mut().set_window_size(120, 60).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    let shown = p.expect(Eof).expect("brock answers and exits");
    String::from_utf8_lossy(shown.as_bytes()).into_owned()
}

#[test]
fn the_theme_setting_chooses_the_code_colours_and_unknown_ones_are_listed() {
    let env = TestEnv::new();
    // Default: the terminal's own palette (ANSI hues).
    let shown = markdown_on_a_terminal(&env, &[]);
    assert!(
        shown.contains("\x1b[35mfn") && !shown.contains("\x1b[38;2;"),
        "{shown:?}"
    );
    // A named theme from the config: its own 24-bit colours.
    env.write_config("[default]\ntheme = \"Solarized (dark)\"\n");
    let solarized = markdown_on_a_terminal(&env, &[]);
    assert!(solarized.contains("\x1b[38;2;"), "{solarized:?}");
    // BROCK_THEME wins over the file, as every environment variable does.
    let ocean = markdown_on_a_terminal(&env, &[("BROCK_THEME", "base16-ocean.light")]);
    assert!(ocean.contains("\x1b[38;2;"), "{ocean:?}");
    assert_ne!(ocean, solarized);
    let ansi = markdown_on_a_terminal(&env, &[("BROCK_THEME", "ansi")]);
    assert!(!ansi.contains("\x1b[38;2;"), "{ansi:?}");
    // An unknown theme: one line naming the available ones, before any request.
    env.write_config("[default]\ntheme = \"monokai\"\n");
    let out = env.cmd().args(["chat", "hi"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains("unknown theme \"monokai\"")
            && err.contains("\"ansi\"")
            && err.contains("\"Solarized (light)\"")
            && err.contains("\"InspiredGitHub\""),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let requests = env.emulator.requests();
    assert_eq!(
        requests, 4,
        "only the four answers above reached the emulator"
    );
}

fn help_of(args: &[&str]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = crate::common::bare_cmd(home.path())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

fn committed_man_page(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("man")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn chat_help_shows_its_own_options_first_then_the_global_ones_then_examples() {
    for flag in ["-h", "--help"] {
        let help = help_of(&["chat", flag]);
        let at = |what: &str| {
            help.find(what)
                .unwrap_or_else(|| panic!("{flag}: {what:?} not in\n{help}"))
        };
        assert!(at("--model") < at("--session"), "{flag}");
        assert!(at("--session") < at("Global options:"), "{flag}");
        assert!(at("Global options:") < at("--region"), "{flag}");
        assert!(at("--region") < at("Examples:"), "{flag}");
        assert!(help.contains("git diff | brock chat"), "{flag}");
        assert!(
            help.lines().all(|l| l.chars().count() <= 100),
            "{flag}: a line wider than 100 columns\n{help}"
        );
    }
    // -h keeps to the everyday options; --help has them all.
    let short = help_of(&["chat", "-h"]);
    let long = help_of(&["chat", "--help"]);
    for rare in [
        "--api-base",
        "--read-timeout",
        "--request-metadata",
        "--route",
    ] {
        assert!(!short.contains(rare), "-h shows {rare}\n{short}");
        assert!(long.contains(rare), "--help lacks {rare}");
    }
    assert!(short.lines().count() * 2 < long.lines().count());
    // Top-level help puts the globals under the same heading.
    let top = help_of(&["--help"]);
    assert!(top.find("Global options:").unwrap() < top.find("--region").unwrap());
}

/// The commands `/help` lists in a REPL on a pty, as `/name` words.
fn commands_in_repl_help() -> Vec<String> {
    use expectrl::{ControlCode, Eof, Expect, Session};
    let env = TestEnv::new();
    let mut cmd = env.std_cmd();
    cmd.args(["chat", "-i"])
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env("LINES", "50");
    let mut p = Session::spawn(cmd).expect("spawn brock in a pty");
    p.get_process_mut().set_window_size(200, 50).unwrap();
    p.set_expect_timeout(Some(std::time::Duration::from_secs(60)));
    // The line editor reads once raw mode is on and the prompt is drawn (see repl.rs).
    p.expect("\x1b[?2004h").unwrap();
    p.expect("brock> ").unwrap();
    p.send("/help\r").unwrap();
    let shown = p.expect("Ctrl-D").unwrap();
    let text = String::from_utf8_lossy(shown.before()).into_owned();
    p.expect("brock> ").unwrap();
    p.send(ControlCode::EndOfTransmission).unwrap();
    p.expect(Eof).unwrap();
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix('/'))
        .filter_map(|rest| rest.split_whitespace().next())
        .filter(|w| w.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .map(|w| format!("/{w}"))
        .collect()
}

#[test]
fn chat_help_and_man_page_list_the_repl_commands_help_shows() {
    let commands = commands_in_repl_help();
    assert!(commands.len() >= 20, "{commands:?}");
    assert!(commands.contains(&"/top-p".to_string()), "{commands:?}");
    let help = help_of(&["chat", "--help"]);
    let man = committed_man_page("brock-chat.1");
    for c in &commands {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("{c} ")) || l.trim() == c.as_str()),
            "chat --help lacks {c}"
        );
        // roff escapes '-' as '\-'.
        let roff = c.replace('-', "\\-");
        assert!(man.contains(&roff), "man/brock-chat.1 lacks {c}");
    }
    for key in ["Ctrl-R", "Alt-Enter", "Ctrl-D"] {
        assert!(help.contains(key), "chat --help lacks {key}");
        assert!(man.contains(&key.replace('-', "\\-")), "man lacks {key}");
    }
}

#[test]
fn emulator_help_and_man_page_list_every_fault_scenario_and_how_to_choose_one() {
    let help = help_of(&["emulator", "--help"]);
    let man = committed_man_page("brock-emulator.1");
    assert!(brock_emulator::SCENARIOS.len() >= 16);
    for name in brock_emulator::SCENARIOS {
        assert!(help.contains(name), "emulator --help lacks {name}");
        assert!(
            man.contains(&name.replace('-', "\\-")),
            "man/brock-emulator.1 lacks {name}"
        );
    }
    for how in ["x-brock-emulator-scenario: NAME", "emulator.NAME"] {
        assert!(help.contains(how), "{how}");
        assert!(man.contains(&how.replace('-', "\\-")), "man lacks {how}");
    }
    // Both ways of choosing work as the help says.
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "--max-attempts",
            "1",
            "chat",
            "-m",
            "emulator.throttle",
            "hi",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr_of(&out));
    env.write_config("[default.headers]\nx-brock-emulator-scenario = \"access-denied\"\n");
    let out = env.cmd().args(["chat", "hi"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
}

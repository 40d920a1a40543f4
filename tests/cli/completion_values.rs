//! Completions offer only what fits each position: no hidden helper commands, the reasoning
//! levels, saved sessions and logged conversations, and per command only models of its kind.
//! Driven through the committed scripts in bash, fish and zsh, as a user's Tab would.

use std::path::Path;

use crate::assets::{repo, run_shell, zsh_tab};
use crate::common::{bare_cmd, require_tool, stderr_of, stdout_of};

/// A home with a chat alias and an embedding alias, a saved session `trip` and one logged
/// one-shot conversation, whose id is returned.
fn home() -> (tempfile::TempDir, String) {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/brock");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[aliases]\nmyfast = \"us.amazon.nova-micro-v1:0\"\nmyvec = \"amazon.titan-embed-text-v2:0\"\n",
    )
    .unwrap();
    for args in [
        vec!["--mock", "chat", "hi"],
        vec!["--mock", "chat", "--session", "trip", "hi"],
    ] {
        let out = bare_cmd(home.path()).args(&args).output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let out = bare_cmd(home.path())
        .args(["logs", "--output", "json"])
        .output()
        .unwrap();
    let logs: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let id = logs[0]["conversation_id"].as_str().unwrap().to_string();
    assert_ne!(id, "trip");
    (home, id)
}

fn bash(words: &str, home: &Path) -> Vec<String> {
    let script = repo().join("completions/brock.bash");
    let out = run_shell(
        "bash",
        &format!(
            "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
             _brock brock \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        ),
        home,
    );
    let mut words: Vec<String> = out.lines().map(str::to_string).collect();
    words.sort();
    words
}

fn fish(line: &str, home: &Path) -> Vec<String> {
    let script = repo().join("completions/brock.fish");
    let out = run_shell(
        "fish",
        &format!("source '{}'; complete -C '{line}'", script.display()),
        home,
    );
    let mut words: Vec<String> = out
        .lines()
        .map(|l| l.split('\t').next().unwrap_or_default().to_string())
        .collect();
    words.sort();
    words
}

/// The cases both bash and fish are held to: (command line, exactly the words offered). A
/// trailing space in bash's word list is an empty current word.
fn cases(conversation: &str) -> Vec<(&'static str, Vec<String>)> {
    let v = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        (
            "brock chat --reasoning ",
            v(&["high", "low", "medium", "off"]),
        ),
        ("brock chat -m my", v(&["myfast"])),
        ("brock chat --model my", v(&["myfast"])),
        ("brock embed -m my", v(&["myvec"])),
        ("brock image -m nova", v(&["nova-canvas"])),
        ("brock rerank -m re", v(&["rerank"])),
        ("brock chat --session tr", v(&["trip"])),
        ("brock chat --cid ", {
            let mut w = vec![conversation.to_string(), "trip".to_string()];
            w.sort();
            w
        }),
        ("brock models show nova-p", v(&["nova-premier", "nova-pro"])),
    ]
}

#[test]
fn bash_offers_only_what_fits_each_position() {
    require_tool("bash", "bash");
    let (home, conversation) = home();
    for (line, want) in cases(&conversation) {
        // bash's COMP_WORDS: an empty last word when the line ends in a space.
        let words = if line.ends_with(' ') {
            format!("{line}''")
        } else {
            line.to_string()
        };
        assert_eq!(bash(&words, home.path()), want, "{line}");
    }
    // The hidden helper is never offered, neither as a command nor under `help`.
    for words in ["brock ''", "brock _", "brock help ''"] {
        let offered = bash(words, home.path());
        assert!(
            !offered.iter().any(|w| w.starts_with("__")),
            "{words}: {offered:?}"
        );
    }
    assert!(bash("brock ''", home.path()).contains(&"chat".to_string()));
}

#[test]
fn fish_offers_only_what_fits_each_position() {
    require_tool("fish", "fish");
    let (home, conversation) = home();
    for (line, want) in cases(&conversation) {
        assert_eq!(fish(line, home.path()), want, "{line}");
    }
    let offered = fish("brock ", home.path());
    assert!(offered.contains(&"chat".to_string()), "{offered:?}");
    assert!(!offered.iter().any(|w| w.starts_with("__")), "{offered:?}");
}

#[test]
fn zsh_offers_only_what_fits_each_position() {
    require_tool("zsh", "zsh");
    let (home, _) = home();
    // A unique candidate completes the line; the embedding alias is the only `myv` for embed.
    for (line, completed) in [
        ("brock chat --reasoning me", "brock chat --reasoning medium"),
        ("brock embed -m myv", "brock embed -m myvec"),
        ("brock image -m nova-c", "brock image -m nova-canvas"),
        ("brock chat --session tr", "brock chat --session trip"),
        // (Not `models show`: clap's zsh script reads `show` as the optional FILTER of
        // `brock models`, so the id after it is never completed there.)
    ] {
        let out = zsh_tab(line, completed, home.path());
        assert!(
            out.contains(completed),
            "tab did not complete `{line}` to `{completed}`: {out:?}"
        );
    }
    // Nothing in the script names the hidden helper as a command to offer.
    let script = std::fs::read_to_string(repo().join("completions/_brock")).unwrap();
    assert!(!script.contains("'__complete:"), "__complete is offered");
}

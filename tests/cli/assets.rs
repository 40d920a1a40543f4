//! Generated assets stay current, and the completion scripts work in real shells.
//!
//! Regenerate the committed files with: `BROCK_UPDATE_ASSETS=1 cargo test assets`.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap_complete::Shell;

use crate::common::require_tool;

const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_or_update(path: &Path, generated: &str, stale: &mut Vec<String>) {
    if std::env::var_os("BROCK_UPDATE_ASSETS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        // Replaced whole (write beside, then rename): the shell tests running at the same time
        // read these scripts and must never see half of one.
        let tmp = path.with_extension("tmp-update");
        std::fs::write(&tmp, generated).unwrap();
        std::fs::rename(&tmp, path).unwrap();
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(committed) if committed == generated => {}
        _ => stale.push(path.display().to_string()),
    }
}

#[test]
fn committed_completions_and_man_pages_match_the_binary() {
    let mut stale = Vec::new();
    for shell in SHELLS {
        // Through the real binary, so the command users run is what is checked.
        let out = assert_cmd::Command::cargo_bin("brock")
            .unwrap()
            .args(["completions", &shell.to_string()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let generated = String::from_utf8(out.stdout).unwrap();
        assert_eq!(generated, brock::completion_script(shell));
        let path = repo()
            .join("completions")
            .join(brock::completion_file_name(shell));
        check_or_update(&path, &generated, &mut stale);
    }
    let pages = brock::man_pages();
    assert!(pages.len() >= 10, "one page per subcommand");
    for (name, text) in &pages {
        assert!(
            text.contains(".SH \"EXIT STATUS\"")
                && text.contains(".SH ENVIRONMENT")
                && text.contains(".SH FILES")
        );
        check_or_update(&repo().join("man").join(name), text, &mut stale);
    }
    assert!(
        stale.is_empty(),
        "generated files are out of date: {stale:?}\nregenerate with: BROCK_UPDATE_ASSETS=1 cargo test assets"
    );
}

/// A directory with `brock` in it, for the dynamic parts of the scripts.
fn bin_dir() -> PathBuf {
    assert_cmd::cargo::cargo_bin("brock")
        .parent()
        .unwrap()
        .to_path_buf()
}

pub(crate) fn run_shell(shell: &str, script: &str, home: &Path) -> String {
    let path = format!(
        "{}:{}",
        bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new(shell)
        .arg("-c")
        .arg(script)
        .env("PATH", path)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env_remove("BROCK_CONFIG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{shell} failed: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn home_with_profiles() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/brock");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "[profiles.workbench]\n[aliases]\nmyfast = \"us.amazon.nova-micro-v1:0\"\n",
    )
    .unwrap();
    home
}

#[test]
fn bash_completes_subcommands_models_and_profiles() {
    require_tool("bash", "bash");
    let home = home_with_profiles();
    let script = repo().join("completions/brock.bash");
    let complete = |words: &str| {
        run_shell(
            "bash",
            &format!(
                "source '{}'; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); \
                 _brock brock \"${{COMP_WORDS[$COMP_CWORD]}}\" \"${{COMP_WORDS[$COMP_CWORD-1]}}\"; \
                 printf '%s\\n' \"${{COMPREPLY[@]}}\"",
                script.display()
            ),
            home.path(),
        )
    };
    let out = complete("brock ch");
    assert!(out.lines().any(|l| l == "chat"), "{out}");
    let out = complete("brock chat --model myf");
    assert!(out.lines().any(|l| l == "myfast"), "{out}");
    let out = complete("brock chat -m myf");
    assert!(out.lines().any(|l| l == "myfast"), "{out}");
    let out = complete("brock --profile work");
    assert!(out.lines().any(|l| l == "workbench"), "{out}");
}

#[test]
fn fish_completes_subcommands_models_and_profiles() {
    require_tool("fish", "fish");
    let home = home_with_profiles();
    let script = repo().join("completions/brock.fish");
    // fish prints `candidate<TAB>description`.
    let candidates = |out: String| -> Vec<String> {
        out.lines()
            .map(|l| l.split('\t').next().unwrap_or_default().to_string())
            .collect()
    };
    let complete = |line: &str| {
        run_shell(
            "fish",
            &format!("source '{}'; complete -C '{line}'", script.display()),
            home.path(),
        )
    };
    let out = candidates(complete("brock ch"));
    assert!(out.iter().any(|c| c == "chat"), "{out:?}");
    // The alias and the profile come from the config file, through `brock __complete`.
    for line in ["brock chat --model myf", "brock chat -m myf"] {
        let out = candidates(complete(line));
        assert_eq!(out, ["myfast"], "{line}");
    }
    let out = candidates(complete("brock --profile work"));
    assert_eq!(out, ["workbench"]);
}

/// What an interactive zsh shows after `line` is typed and Tab pressed, with the committed
/// completion script loaded. Completion only runs inside the line editor, so the shell is
/// driven through zpty; reading stops once `expect` has appeared (or after 10 s of polling).
pub(crate) fn zsh_tab(line: &str, expect: &str, home: &Path) -> String {
    let dir = repo().join("completions");
    let script = format!(
        r#"
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PS1='> '; fpath=('{dir}' \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt beep"
zpty -w z '{line}'$'\t'
out=""
for i in {{1..100}}; do
  zpty -r -t z chunk && out+="$chunk"
  [[ $out == *'{expect}'* ]] && break
  sleep 0.1
done
zpty -d z
print -r -- "$out"
"#,
        dir = dir.display()
    );
    run_shell("zsh", &script, home)
}

#[test]
fn zsh_completes_subcommands_models_and_profiles() {
    require_tool("zsh", "zsh");
    let home = home_with_profiles();
    for (line, completed) in [
        ("brock ch", "brock chat"),
        // The alias and the profile come from the config file, through `brock __complete`.
        ("brock chat -m myf", "brock chat -m myfast"),
        ("brock chat --model myf", "brock chat --model myfast"),
        ("brock --profile work", "brock --profile workbench"),
    ] {
        let out = zsh_tab(line, completed, home.path());
        assert!(
            out.contains(completed),
            "tab did not complete `{line}` to `{completed}`: {out:?}"
        );
    }
}

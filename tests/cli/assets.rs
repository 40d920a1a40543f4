//! Generated assets stay current, and the completion scripts work in real shells.
//!
//! Regenerate the committed files with: `BROCK_UPDATE_ASSETS=1 cargo test assets`.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap_complete::Shell;

const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check_or_update(path: &Path, generated: &str, stale: &mut Vec<String>) {
    if std::env::var_os("BROCK_UPDATE_ASSETS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, generated).unwrap();
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
        assert_eq!(generated, brock::commands::completions::script(shell));
        let path = repo()
            .join("completions")
            .join(brock::commands::completions::file_name(shell));
        check_or_update(&path, &generated, &mut stale);
    }
    let pages = brock::man::pages();
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

fn shell_available(name: &str) -> bool {
    let found = Command::new(name)
        .arg("-c")
        .arg("exit 0")
        .output()
        .is_ok_and(|o| o.status.success());
    // In CI the shells are installed by .ci/run; a missing one there is a failure, not a skip.
    if !found && std::env::var_os("CI").is_some() {
        panic!("{name} is not installed; .ci/run should install it");
    }
    found
}

fn run_shell(shell: &str, script: &str, home: &Path) -> String {
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
    if !shell_available("bash") {
        return;
    }
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
    let out = complete("brock --profile work");
    assert!(out.lines().any(|l| l == "workbench"), "{out}");
}

#[test]
fn fish_completes_subcommands_and_models() {
    if !shell_available("fish") {
        return;
    }
    let home = home_with_profiles();
    let script = repo().join("completions/brock.fish");
    let out = run_shell(
        "fish",
        &format!("source '{}'; complete -C 'brock ch'", script.display()),
        home.path(),
    );
    assert!(out.lines().any(|l| l.starts_with("chat")), "{out}");
    let out = run_shell(
        "fish",
        &format!(
            "source '{}'; complete -C 'brock chat --model myf'",
            script.display()
        ),
        home.path(),
    );
    assert!(out.lines().any(|l| l.starts_with("myfast")), "{out}");
}

#[test]
fn zsh_loads_the_script_and_completes_a_subcommand() {
    if !shell_available("zsh") {
        return;
    }
    let home = home_with_profiles();
    let dir = repo().join("completions");
    // Completion only runs inside a line editor, so drive an interactive zsh through zpty and
    // read back the line after pressing Tab.
    let script = format!(
        r#"
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z "PS1='> '; fpath=('{dir}' \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt beep"
zpty -w z "brock ch"$'\t'
sleep 1
zpty -w z $'\x15'"echo DONE"$'\n'
out=""
for i in 1 2 3 4 5 6 7 8 9 10; do
  zpty -r -t z chunk && out+="$chunk"
  [[ $out == *DONE* ]] && break
  sleep 0.2
done
zpty -d z
print -r -- "$out"
"#,
        dir = dir.display()
    );
    let out = run_shell("zsh", &script, home.path());
    assert!(
        out.contains("brock chat"),
        "tab did not complete `brock ch`: {out:?}"
    );
}

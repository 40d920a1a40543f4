//! Every `brock --mock` example in README.md runs as written, so the docs cannot rot.

use std::path::PathBuf;
use std::process::Command;

/// Lines of ```sh blocks that run brock against the emulator.
fn examples() -> Vec<String> {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in readme.lines() {
        let t = line.trim();
        if t.starts_with("```") {
            in_sh = t == "```sh";
            continue;
        }
        if in_sh && !t.starts_with('#') && t.contains("brock --mock") {
            out.push(t.to_string());
        }
    }
    out
}

#[test]
fn every_mock_example_in_the_readme_runs() {
    let examples = examples();
    assert!(
        examples.len() >= 12,
        "found only {} examples",
        examples.len()
    );
    let bin_dir = assert_cmd::cargo::cargo_bin("brock")
        .parent()
        .unwrap()
        .to_path_buf();
    let home = tempfile::tempdir().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failures = Vec::new();
    for ex in &examples {
        let out = Command::new("bash")
            .args(["-o", "pipefail", "-c", ex])
            .env_clear()
            // Examples that write files (`image --out-dir out`) write them in a scratch dir.
            .current_dir(home.path())
            .env("PATH", &path)
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join(".config"))
            .env("XDG_DATA_HOME", home.path().join(".local/share"))
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || stdout.trim().is_empty() {
            failures.push(format!(
                "{ex}\n  exit {:?}\n  stdout: {}\n  stderr: {}",
                out.status.code(),
                stdout.trim(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "README examples failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_first_two_commands_are_the_build_and_the_tests() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let block: Vec<&str> = readme
        .split("```sh")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take(2)
        .collect();
    assert!(
        block[0].starts_with("cargo run --release -- --mock chat"),
        "{block:?}"
    );
    assert!(block[1].starts_with("cargo test"), "{block:?}");
    // .ci/run runs the README's test command.
    let ci =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".ci/run")).unwrap();
    assert!(ci.contains("cargo test --locked"), "{ci}");
}

//! Shared test environment: an emulator on loopback and a `brock` command with a scrubbed
//! environment (temp HOME, fake credentials, no instance metadata, every endpoint on the emulator).

#![allow(dead_code)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use brock_emulator::{BackgroundEmulator, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, EmulatorOptions};

pub struct TestEnv {
    pub emulator: BackgroundEmulator,
    pub home: tempfile::TempDir,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        Self::with_options(EmulatorOptions::default())
    }

    pub fn with_options(opts: EmulatorOptions) -> TestEnv {
        let emulator = BackgroundEmulator::start(opts).expect("emulator starts");
        let home = tempfile::tempdir().expect("temp home");
        TestEnv { emulator, home }
    }

    pub fn url(&self) -> String {
        self.emulator.url()
    }

    pub fn config_path(&self) -> PathBuf {
        self.home.path().join(".config/brock/config.toml")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.home.path().join(".local/share/brock")
    }

    /// Write the default config file (at the XDG path the binary will look at).
    pub fn write_config(&self, text: &str) -> PathBuf {
        let p = self.config_path();
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
        p
    }

    pub fn write_file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.home.path().join(name);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `brock` with only the environment a test sets: nothing from the developer's machine leaks
    /// in (no real AWS profile, no real config), and nothing can leak out (no IMDS).
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = bare_cmd(self.home.path());
        c.envs(self.aws_env());
        c
    }

    /// The same command as a plain `std::process::Command` (for signals and live pipes).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("brock"));
        c.env_clear()
            .envs(bare_env(self.home.path()))
            .envs(self.aws_env());
        c
    }

    fn aws_env(&self) -> Vec<(&'static str, OsString)> {
        let url = OsString::from(self.url());
        vec![
            ("AWS_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY.into()),
            ("AWS_SECRET_ACCESS_KEY", DEFAULT_SECRET_KEY.into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", url.clone()),
            ("AWS_ENDPOINT_URL_BEDROCK", url.clone()),
            ("AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME", url.clone()),
            ("AWS_ENDPOINT_URL_S3", url.clone()),
            ("AWS_ENDPOINT_URL_STS", url),
        ]
    }
}

/// The scrubbed environment every test command starts from.
fn bare_env(home: &Path) -> Vec<(&'static str, OsString)> {
    vec![
        ("HOME", home.into()),
        ("XDG_CONFIG_HOME", home.join(".config").into()),
        ("XDG_DATA_HOME", home.join(".local/share").into()),
        ("AWS_CONFIG_FILE", home.join(".aws/config").into()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join(".aws/credentials").into(),
        ),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ("BROCK_RETRY_BASE_MS", "5".into()),
        ("PATH", std::env::var_os("PATH").unwrap_or_default()),
    ]
}

/// `brock` with a scrubbed environment and no credentials or endpoints at all.
pub fn bare_cmd(home: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("brock").expect("binary built");
    c.env_clear()
        .envs(bare_env(home))
        .timeout(std::time::Duration::from_secs(60));
    c
}

pub fn stdout_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The repository's shared fixtures (vendored in the repository with their licences).
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/recorded")
}

/// Fails the test, naming the tool and the Debian package that has it, when `name` cannot be
/// started: a test that needs a tool must not pass without having checked anything. `.ci/run`
/// installs every such package.
pub fn require_tool(name: &str, debian_package: &str) {
    let started = std::process::Command::new(name)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
    if let Err(e) = started {
        panic!(
            "this test needs `{name}`, which cannot be run here ({e}): install it \
             (Debian: apt-get install {debian_package}); .ci/run installs it in CI"
        );
    }
}

/// POSTs `body` to the emulator signed with SigV4 the way an AWS SDK signs it (the example
/// credentials, for `region` and `service`), independently of brock's own transport.
pub async fn signed_post(
    emu: &BackgroundEmulator,
    region: &str,
    service: &str,
    path: &str,
    content_type: &str,
    body: &[u8],
) -> hyper::Response<hyper::body::Incoming> {
    use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
    let mut req = http::Request::builder()
        .method("POST")
        .uri(format!("{}{path}", emu.url()))
        .header("host", emu.addr().to_string())
        .header("content-type", content_type)
        .body(body.to_vec())
        .unwrap();
    let identity: aws_smithy_runtime_api::client::identity::Identity =
        aws_credential_types::Credentials::new(
            DEFAULT_ACCESS_KEY,
            DEFAULT_SECRET_KEY,
            None,
            None,
            "test",
        )
        .into();
    let params = aws_sigv4::sign::v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(std::time::SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .unwrap();
    let signable = SignableRequest::new(
        "POST",
        req.uri().to_string(),
        req.headers()
            .iter()
            .map(|(k, v)| (k.as_str(), v.to_str().unwrap())),
        SignableBody::Bytes(body),
    )
    .unwrap();
    let (instructions, _) = sign(signable, &params.into()).unwrap().into_parts();
    instructions.apply_to_request_http1x(&mut req);
    let req = req.map(|b| http_body_util::Full::new(bytes::Bytes::from(b)));
    hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http()
        .request(req)
        .await
        .expect("the emulator answers")
}

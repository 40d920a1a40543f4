//! `brock emulator`: serve the built-in Bedrock emulator on loopback until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

use crate::cli::number;
use crate::error::{Error, Result};
use brock_emulator::{DEFAULT_REGION, Emulator, EmulatorOptions};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
#[command(after_help = emulator_help())]
pub struct EmulatorArgs {
    // The region it serves is the global --region (us-east-1 without it).
    /// Address to listen on (loopback only); port 0 picks a free port
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub listen: String,

    /// Delay before the first byte of every answer, in milliseconds
    #[arg(long, default_value_t = 0, value_name = "MS", value_parser = number::<u64>("emulator.latency"))]
    pub latency: u64,

    /// Pace streamed answers at this many tokens per second (0: as fast as possible)
    #[arg(long, default_value_t = 0.0, value_name = "N", value_parser = number::<f64>("emulator.tokens_per_second"))]
    pub tokens_per_second: f64,

    /// Access key id the emulator accepts for SigV4
    #[arg(long, default_value = brock_emulator::DEFAULT_ACCESS_KEY, value_name = "ID")]
    pub access_key: String,

    /// Secret key the emulator uses to verify SigV4
    #[arg(long, default_value = brock_emulator::DEFAULT_SECRET_KEY, value_name = "SECRET")]
    pub secret_key: String,

    /// Accept this bearer token (Bedrock API key); repeatable
    #[arg(long = "bearer-token", value_name = "TOKEN")]
    pub bearer_tokens: Vec<String>,

    /// Replay the responses of this recorded cassette (VCR YAML) for matching requests
    #[arg(long, value_name = "FILE")]
    pub replay: Vec<PathBuf>,

    /// Pace of batch jobs and async invocations: status polls each status lasts (1 to 1000)
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub job_polls_per_status: u32,

    /// The "Records per batch inference job" quota jobs are checked against (Bedrock's default)
    #[arg(long, default_value_t = 50_000, value_name = "N", value_parser = clap::value_parser!(u64).range(100..))]
    pub batch_records_per_job: u64,
}

/// The fault scenarios, from the emulator's own list, and how a request chooses one.
fn emulator_help() -> String {
    use brock_emulator::{DELAY_HEADER, SCENARIO_HEADER, SCENARIOS, THROTTLE_EVERY_HEADER};
    let names: Vec<String> = SCENARIOS
        .chunks(5)
        .map(|chunk| format!("\n  {}", chunk.join(", ")))
        .collect();
    let names = names.join(",");
    format!(
        "Fault scenarios:{names}\n\n\
A request chooses one with the header {SCENARIO_HEADER}: NAME (brock: -H on raw, or \
[default.headers] in the config), or with the model id emulator.NAME. slow-first-byte waits \
{DELAY_HEADER} milliseconds (default 2000); {THROTTLE_EVERY_HEADER}: N throttles every Nth \
request that carries it.\n\n\
Examples:\n  \
brock emulator --listen 127.0.0.1:8080 --latency 20 --tokens-per-second 200\n  \
brock emulator --job-polls-per-status 5   (batch jobs and videos move one status per 5 polls)\n  \
brock --mock chat -m emulator.throttle-then-ok \"hi\""
    )
}

/// `region` is the global `--region` flag: the region the emulator serves, which requests must be
/// signed for (us-east-1 without it). Only the flag counts, not AWS_REGION or a config file: the
/// emulator is started for clients, whose own settings say nothing about what it should serve.
pub async fn run(args: &EmulatorArgs, region: Option<&str>) -> Result<()> {
    let region = region.map(str::trim).unwrap_or(DEFAULT_REGION);
    if region.is_empty()
        || !region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Error::usage(format!(
            "--region {region:?}: expected a region name such as us-west-2"
        )));
    }
    let listen: SocketAddr = args.listen.parse().map_err(|_| {
        Error::usage(format!(
            "--listen {:?}: expected IP:PORT, e.g. 127.0.0.1:8080",
            args.listen
        ))
    })?;
    // The emulator accepts well-known example keys: never expose it beyond this machine.
    if !listen.ip().is_loopback() {
        return Err(Error::usage(format!(
            "--listen {listen}: the emulator only listens on loopback (127.0.0.1 or ::1)"
        )));
    }
    for f in &args.replay {
        if !f.is_file() {
            return Err(Error::usage(format!(
                "--replay {}: no such file",
                f.display()
            )));
        }
    }
    // Every field is set today; the update keeps any option added later at its default.
    #[allow(clippy::needless_update)]
    let opts = EmulatorOptions {
        listen,
        latency: Duration::from_millis(args.latency),
        tokens_per_second: args.tokens_per_second,
        access_key: args.access_key.clone(),
        secret_key: args.secret_key.clone(),
        bearer_tokens: args.bearer_tokens.clone(),
        replay: args.replay.clone(),
        region: region.to_string(),
        job_polls_per_status: args.job_polls_per_status,
        batch_records_per_job: usize::try_from(args.batch_records_per_job).unwrap_or(usize::MAX),
        ..EmulatorOptions::default()
    };
    let emu = Emulator::start(opts)
        .await
        .map_err(|e| Error::Network(format!("cannot listen on {listen}: {e}")))?;
    let url = emu.url();
    let stop = StopSignals::install();
    {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "brock emulator listening on {url} (Ctrl-C to stop). For clients:"
        );
        for var in [
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
            "AWS_ENDPOINT_URL_BEDROCK",
            "AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME",
            "AWS_ENDPOINT_URL_STS",
            "AWS_ENDPOINT_URL_S3",
        ] {
            let _ = writeln!(err, "export {var}={url}");
        }
        let _ = writeln!(err, "export AWS_ACCESS_KEY_ID={}", args.access_key);
        let _ = writeln!(err, "export AWS_SECRET_ACCESS_KEY={}", args.secret_key);
        let _ = writeln!(err, "export AWS_REGION={region}");
        let _ = writeln!(err, "export AWS_EC2_METADATA_DISABLED=true");
    }
    // The URL alone on stdout lets scripts capture the port chosen for --listen 127.0.0.1:0.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{url}");
    let _ = out.flush();
    drop(out);
    let why = stop.wait().await;
    emu.shutdown().await;
    // A service manager's SIGTERM is the normal way to stop a server: a clean exit, not 143.
    let _ = writeln!(std::io::stderr(), "brock emulator: stopped ({why})");
    Ok(())
}

/// Ctrl-C, SIGTERM and SIGHUP, listened for from before the URL is printed: a supervisor
/// may stop the emulator the moment it has read it.
struct StopSignals {
    #[cfg(unix)]
    term: Option<(tokio::signal::unix::Signal, tokio::signal::unix::Signal)>,
}

impl StopSignals {
    fn install() -> StopSignals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            StopSignals {
                term: signal(SignalKind::terminate())
                    .and_then(|t| Ok((t, signal(SignalKind::hangup())?)))
                    .ok(),
            }
        }
        #[cfg(not(unix))]
        StopSignals {}
    }

    /// Waits for one and names it.
    async fn wait(self) -> &'static str {
        #[cfg(unix)]
        if let Some((mut term, mut hup)) = self.term {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => "SIGINT",
                _ = term.recv() => "SIGTERM",
                _ = hup.recv() => "SIGHUP",
            };
        }
        let _ = tokio::signal::ctrl_c().await;
        "SIGINT"
    }
}

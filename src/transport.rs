//! The one place settings become a transport client: endpoints, credentials and retry settings
//! from the resolved [`Settings`], the built-in emulator for `--mock`, and the hooks that tie
//! the transport's diagnostics and stream waits to the terminal.

use std::sync::Arc;
use std::time::Duration;

use brock_bedrock::{Client, ClientConfig, Credentials, Endpoints};

use crate::config::Settings;
use crate::error::{Error, Result};

/// A client for these settings. Nothing is sent and no credentials are looked up here.
pub async fn client(settings: &Settings) -> Result<Client> {
    let mut config = ClientConfig {
        region: settings.region.clone(),
        endpoints: Endpoints {
            runtime: settings.runtime_endpoint.clone(),
            control: settings.bedrock_endpoint.clone(),
            agent_runtime: settings.agent_runtime_endpoint.clone(),
        },
        aws_profile: settings.aws_profile.clone(),
        role_arn: settings.role_arn.clone(),
        role_session_name: settings.role_session_name.clone(),
        external_id: settings.external_id.clone(),
        connect_timeout: settings.connect_timeout,
        read_timeout: settings.read_timeout,
        max_attempts: Some(settings.max_attempts),
        retry_mode: settings.retry_mode,
        retry_base: retry_base(),
        headers: settings
            .headers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        verbose: settings.verbose,
        log: Some(Arc::new(|line: &str| crate::render::diag(line))),
        on_wait: Some(Arc::new(crate::render::stream::flush_pending_stdout)),
        ..ClientConfig::default()
    };
    if settings.mock {
        // The emulator refuses credentials scoped to another region, as AWS does.
        let region = config
            .region
            .get_or_insert_with(|| brock_emulator::DEFAULT_REGION.to_string())
            .clone();
        let emulator = brock_emulator::Emulator::start(brock_emulator::EmulatorOptions {
            region,
            ..Default::default()
        })
        .await
        .map_err(|e| Error::Network(format!("cannot start the built-in emulator: {e}")))?;
        let url = emulator.url();
        config.endpoints = Endpoints {
            runtime: Some(url.clone()),
            control: Some(url.clone()),
            agent_runtime: Some(url),
        };
        config.static_credentials = Some(Credentials::new(
            brock_emulator::DEFAULT_ACCESS_KEY,
            brock_emulator::DEFAULT_SECRET_KEY,
            None,
            None,
            "brock-mock",
        ));
        config.keep_alive = Some(Box::new(emulator));
    } else {
        let var = settings
            .bearer_token_env
            .as_deref()
            .unwrap_or("AWS_BEARER_TOKEN_BEDROCK");
        if let Some(token) = std::env::var(var).ok().filter(|t| !t.trim().is_empty()) {
            config.bearer_token = Some(token.trim().to_string());
        } else if settings.bearer_token_env.is_some() {
            return Err(Error::Auth(format!(
                "bearer_token_env names {var}, but that variable is not set: export {var}=<your Bedrock API key>"
            )));
        }
    }
    Ok(Client::new(config).await?)
}

/// The first retry's back-off ceiling: one second as in the SDKs; BROCK_RETRY_BASE_MS lowers
/// it so the tests' retries take milliseconds.
fn retry_base() -> Duration {
    std::env::var("BROCK_RETRY_BASE_MS")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .and_then(|ms| Duration::try_from_secs_f64(ms / 1000.0).ok())
        .unwrap_or(Duration::from_secs(1))
}

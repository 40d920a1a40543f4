//! The one place settings become a transport client: endpoints, credentials and retry settings
//! from the resolved [`Settings`], the built-in emulator for `--mock`, and the hooks that tie
//! the transport's diagnostics and stream waits to the terminal.

use std::sync::Arc;
use std::time::Duration;

use brock_bedrock::endpoint::Variants;
use brock_bedrock::profile::ProfileSettings;
use brock_bedrock::{Client, ClientConfig, Credentials, Endpoints, RetryMode};

use crate::config::{Settings, Source};
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
        let profile =
            brock_bedrock::profile::profile_settings(settings.aws_profile.as_deref()).await;
        let (mode, attempts) = retry_settings(settings, &profile)?;
        config.retry_mode = mode;
        config.max_attempts = Some(attempts);
        config.endpoint_variants = endpoint_variants(&|v| std::env::var(v).ok(), &profile)?;
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

/// Whether `key` has its built-in value (nothing in the brock config, environment or flags).
fn is_builtin(settings: &Settings, key: &str) -> bool {
    settings
        .shown
        .iter()
        .find(|(k, _, _)| k == key)
        .is_none_or(|(_, _, source)| *source == Source::Default)
}

/// The retry mode and attempt limit: the AWS profile's `retry_mode` / `max_attempts` replace
/// the built-in values, and anything set in the brock config, the environment
/// (`AWS_RETRY_MODE`, `AWS_MAX_ATTEMPTS`, read with the other settings) or a flag wins over
/// the profile. Without any, the mode's default limit (legacy 5, else 3).
fn retry_settings(settings: &Settings, profile: &ProfileSettings) -> Result<(RetryMode, u32)> {
    let in_profile = |key: &str, value: &str, why: &str| {
        Error::Config(format!(
            "{key} = {value:?} in the AWS profile{}: {why}",
            settings
                .aws_profile
                .as_deref()
                .map(|p| format!(" '{p}'"))
                .unwrap_or_default()
        ))
    };
    let mode = match &profile.retry_mode {
        Some(m) if is_builtin(settings, "retries.mode") => RetryMode::parse(m)
            .ok_or_else(|| in_profile("retry_mode", m, "expected standard, adaptive or legacy"))?,
        _ => settings.retry_mode,
    };
    if !is_builtin(settings, "retries.max_attempts") {
        return Ok((mode, settings.max_attempts));
    }
    let attempts = match &profile.max_attempts {
        Some(n) => n
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=20).contains(n))
            .ok_or_else(|| in_profile("max_attempts", n, "expected a whole number from 1 to 20"))?,
        None => mode.default_max_attempts(),
    };
    Ok((mode, attempts))
}

/// FIPS and dual-stack endpoints, as the SDKs read them: `AWS_USE_FIPS_ENDPOINT` /
/// `AWS_USE_DUALSTACK_ENDPOINT`, else the profile's `use_fips_endpoint` /
/// `use_dualstack_endpoint`.
fn endpoint_variants(
    env: &dyn Fn(&str) -> Option<String>,
    profile: &ProfileSettings,
) -> Result<Variants> {
    let flag = |var: &str, key: &str, in_profile: &Option<String>| -> Result<bool> {
        let (value, source) = match env(var).filter(|v| !v.trim().is_empty()) {
            Some(v) => (v, format!("environment variable {var}")),
            None => match in_profile {
                Some(v) => (v.clone(), format!("{key} in the AWS profile")),
                None => return Ok(false),
            },
        };
        match value.trim().to_ascii_lowercase().as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(Error::Config(format!(
                "{source} is {value:?}: expected true or false"
            ))),
        }
    };
    Ok(Variants {
        fips: flag(
            "AWS_USE_FIPS_ENDPOINT",
            "use_fips_endpoint",
            &profile.use_fips_endpoint,
        )?,
        dual_stack: flag(
            "AWS_USE_DUALSTACK_ENDPOINT",
            "use_dualstack_endpoint",
            &profile.use_dualstack_endpoint,
        )?,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use brock_bedrock::Service;

    /// The hand-written endpoint rules (brock_bedrock::endpoint) give what the SDK crates'
    /// generated resolvers give, for each service, partition and variant.
    #[tokio::test]
    async fn endpoint_rules_match_the_sdk_resolvers() {
        use aws_sdk_bedrock::config::endpoint::ResolveEndpoint as _;
        use aws_sdk_bedrockagentruntime::config::endpoint::ResolveEndpoint as _;
        use aws_sdk_bedrockruntime::config::endpoint::ResolveEndpoint as _;
        let regions = [
            "us-east-1",
            "us-west-2",
            "eu-central-2",
            "ap-southeast-7",
            "il-central-1",
            "mx-central-1",
            "ca-west-1",
            "cn-north-1",
            "cn-northwest-1",
            "us-gov-west-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "us-isof-south-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
            "aws-global",
            "xx-unknown-9",
        ];
        for region in regions {
            for (fips, dual_stack) in [(false, false), (true, false), (false, true), (true, true)] {
                let v = Variants { fips, dual_stack };
                let ours = |s| brock_bedrock::endpoint::resolve(s, region, v, None).unwrap();
                let rt = aws_sdk_bedrockruntime::config::endpoint::Params::builder()
                    .region(region)
                    .use_fips(fips)
                    .use_dual_stack(dual_stack)
                    .build()
                    .unwrap();
                let sdk = aws_sdk_bedrockruntime::config::endpoint::DefaultResolver::new()
                    .resolve_endpoint(&rt)
                    .await
                    .unwrap();
                assert_eq!(ours(Service::Runtime), sdk.url(), "{region} {v:?}");
                let cp = aws_sdk_bedrock::config::endpoint::Params::builder()
                    .region(region)
                    .use_fips(fips)
                    .use_dual_stack(dual_stack)
                    .build()
                    .unwrap();
                let sdk = aws_sdk_bedrock::config::endpoint::DefaultResolver::new()
                    .resolve_endpoint(&cp)
                    .await
                    .unwrap();
                assert_eq!(ours(Service::Control), sdk.url(), "{region} {v:?}");
                let ar = aws_sdk_bedrockagentruntime::config::endpoint::Params::builder()
                    .region(region)
                    .use_fips(fips)
                    .use_dual_stack(dual_stack)
                    .build()
                    .unwrap();
                let sdk = aws_sdk_bedrockagentruntime::config::endpoint::DefaultResolver::new()
                    .resolve_endpoint(&ar)
                    .await
                    .unwrap();
                assert_eq!(ours(Service::AgentRuntime), sdk.url(), "{region} {v:?}");
            }
        }
    }

    fn profile(pairs: &[(&str, &str)]) -> ProfileSettings {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        };
        ProfileSettings {
            retry_mode: get("retry_mode"),
            max_attempts: get("max_attempts"),
            use_fips_endpoint: get("use_fips_endpoint"),
            use_dualstack_endpoint: get("use_dualstack_endpoint"),
        }
    }

    #[test]
    fn variants_take_the_environment_over_the_profile() {
        let none = |_: &str| None;
        let p = profile(&[("use_fips_endpoint", "true")]);
        assert_eq!(
            endpoint_variants(&none, &p).unwrap(),
            Variants {
                fips: true,
                dual_stack: false
            }
        );
        let env_false = |v: &str| (v == "AWS_USE_FIPS_ENDPOINT").then(|| "False".to_string());
        assert!(!endpoint_variants(&env_false, &p).unwrap().fips);
        let p = profile(&[("use_dualstack_endpoint", "maybe")]);
        let e = endpoint_variants(&none, &p).unwrap_err().to_string();
        assert!(
            e.contains("use_dualstack_endpoint in the AWS profile"),
            "{e}"
        );
        assert_eq!(
            endpoint_variants(&none, &ProfileSettings::default()).unwrap(),
            Variants::default()
        );
    }
}

//! The settings the AWS SDKs read from the selected profile of the shared AWS config files
//! (`~/.aws/config`, `~/.aws/credentials`, or `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`)
//! that the transport honours, read with aws-config's own profile parser.

use std::borrow::Cow;

use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// The raw values of the profile's keys; the caller parses them and names their source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileSettings {
    pub retry_mode: Option<String>,
    pub max_attempts: Option<String>,
    pub use_fips_endpoint: Option<String>,
    pub use_dualstack_endpoint: Option<String>,
}

/// The keys of `profile` (None: `AWS_PROFILE`, else `default`). Missing or unreadable files
/// give no values: the SDKs treat them as empty too.
pub async fn profile_settings(profile: Option<&str>) -> ProfileSettings {
    let selected = profile.map(|p| Cow::Owned(p.to_string()));
    let Ok(set) = aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &EnvConfigFiles::default(),
        selected,
    )
    .await
    else {
        return ProfileSettings::default();
    };
    let get = |key: &str| {
        set.get(key)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    ProfileSettings {
        retry_mode: get("retry_mode"),
        max_attempts: get("max_attempts"),
        use_fips_endpoint: get("use_fips_endpoint"),
        use_dualstack_endpoint: get("use_dualstack_endpoint"),
    }
}

//! Where each service is reached when no endpoint URL is configured.

use crate::client::Service;

/// The public endpoint of `service` in `region`, following the AWS partitions' DNS suffixes
/// (`amazonaws.com`, `amazonaws.com.cn` for the China regions).
pub fn default_url(service: Service, region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://{}.{region}.{suffix}", service.host_prefix())
}

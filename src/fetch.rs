//! Fetching a user-given URL (an image or document to attach) with limits: http(s) only, a
//! size cap, a time limit, a media-type check, and no loopback, private or link-local
//! addresses unless the config allows them. The address is checked once and the connection
//! goes to that same address, so a second DNS answer cannot point it elsewhere.

use std::net::{IpAddr, SocketAddr};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::dns::Name;
use hyper_util::rt::TokioExecutor;

use crate::error::{Error, Result};

/// What a fetch may take.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_bytes: usize,
    pub timeout: Duration,
    /// Allow loopback, private, link-local and other non-public addresses (and plain http to
    /// them): for local servers and tests.
    pub allow_private: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // Bedrock's largest inline attachment (a document) is 4.5 MB; images 3.75 MB.
            max_bytes: 5 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            allow_private: false,
        }
    }
}

/// A fetched body and its media type (parameters removed, lower case).
#[derive(Debug)]
pub struct Fetched {
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// The URL as shown in messages: at most 80 characters, query string dropped (it may hold a
/// signature).
pub fn shown(url: &str) -> String {
    let base = url.split(['?', '#']).next().unwrap_or(url);
    if base.chars().count() > 80 {
        format!("{}…", base.chars().take(79).collect::<String>())
    } else {
        base.to_string()
    }
}

/// Whether an address is one a public URL must not reach: loopback, private (RFC 1918, IPv6
/// unique-local), link-local (cloud metadata lives there), CGNAT, unspecified, multicast,
/// broadcast, documentation ranges, and IPv4-mapped forms of these.
pub fn is_non_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1]))
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19))
                || o[0] >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_non_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

/// Hands the connector the addresses already checked instead of resolving again.
#[derive(Clone)]
struct Pinned(Vec<SocketAddr>);

impl tower_service::Service<Name> for Pinned {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = std::io::Error;
    type Future = std::future::Ready<std::io::Result<Self::Response>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: Name) -> Self::Future {
        std::future::ready(Ok(self.0.clone().into_iter()))
    }
}

/// GETs `url` within `limits`; `accept` says which media types the caller can use.
pub async fn fetch(url: &str, limits: &Limits, accept: impl Fn(&str) -> bool) -> Result<Fetched> {
    let name = shown(url);
    match tokio::time::timeout(limits.timeout, fetch_inner(url, &name, limits, accept)).await {
        Ok(r) => r,
        Err(_) => Err(Error::Network(format!(
            "fetching {name} took longer than the {} s limit",
            limits.timeout.as_secs()
        ))),
    }
}

async fn fetch_inner(
    url: &str,
    name: &str,
    limits: &Limits,
    accept: impl Fn(&str) -> bool,
) -> Result<Fetched> {
    let uri: http::Uri = url
        .parse()
        .map_err(|_| Error::usage(format!("{name} is not a valid URL")))?;
    let https = match uri.scheme_str() {
        Some("https") => true,
        Some("http") if limits.allow_private => false,
        Some("http") => {
            return Err(Error::usage(format!(
                "{name}: only https:// URLs are fetched (plain http only with fetch.allow_private_addresses)"
            )));
        }
        _ => {
            return Err(Error::usage(format!(
                "{name}: only https:// URLs are fetched"
            )));
        }
    };
    let host = uri
        .host()
        .ok_or_else(|| Error::usage(format!("{name} names no host")))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = uri.port_u16().unwrap_or(if https { 443 } else { 80 });
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
        .await
        .map_err(|e| Error::Network(format!("cannot resolve the host of {name}: {e}")))?
        .collect();
    if addrs.is_empty() {
        return Err(Error::Network(format!("the host of {name} has no address")));
    }
    if !limits.allow_private
        && let Some(a) = addrs.iter().find(|a| is_non_public(a.ip()))
    {
        return Err(Error::usage(format!(
            "{name} resolves to the non-public address {}; brock fetches only public addresses (set fetch.allow_private_addresses = true to allow it)",
            a.ip()
        )));
    }

    let mut http = HttpConnector::new_with_resolver(Pinned(addrs));
    http.enforce_http(false);
    http.set_connect_timeout(Some(limits.timeout));
    let req = http::Request::get(uri.clone())
        .header("user-agent", concat!("brock/", env!("CARGO_PKG_VERSION")))
        .header("accept", "image/*, application/pdf, text/*, */*;q=0.5")
        .body(Empty::<Bytes>::new())
        .map_err(|e| Error::usage(format!("{name}: {e}")))?;
    let resp = if https {
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_native_roots(rustls::crypto::aws_lc_rs::default_provider())
            .map_err(|e| Error::Network(format!("cannot load TLS root certificates: {e}")))?
            .https_only()
            .enable_http1()
            .wrap_connector(http);
        Client::builder(TokioExecutor::new())
            .build(connector)
            .request(req)
            .await
    } else {
        Client::builder(TokioExecutor::new())
            .build(http)
            .request(req)
            .await
    }
    .map_err(|e| Error::Network(format!("cannot fetch {name}: {e}")))?;

    let status = resp.status();
    if status.is_redirection() {
        return Err(Error::usage(format!(
            "{name} redirects (HTTP {}); give the final URL",
            status.as_u16()
        )));
    }
    if !status.is_success() {
        let msg = format!("fetching {name} failed: HTTP {}", status.as_u16());
        return Err(if status.is_server_error() {
            Error::Network(msg)
        } else {
            Error::usage(msg)
        });
    }
    let mime = resp
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    if !accept(&mime) {
        let got = if mime.is_empty() { "none" } else { &mime };
        return Err(Error::usage(format!(
            "{name} is not an attachable file (Content-Type: {got})"
        )));
    }
    let too_big = || {
        Error::usage(format!(
            "{name} is larger than the {} MB limit for a fetched attachment",
            limits.max_bytes / (1024 * 1024)
        ))
    };
    if let Some(len) = resp
        .headers()
        .get(http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        && len > limits.max_bytes as u64
    {
        return Err(too_big());
    }
    let mut body = resp.into_body();
    let mut bytes = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| Error::Network(format!("cannot fetch {name}: {e}")))?;
        if let Ok(data) = frame.into_data() {
            if bytes.len() + data.len() > limits.max_bytes {
                return Err(too_big());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(Fetched { mime, bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
        ] {
            assert!(is_non_public(a.parse().unwrap()), "{a}");
        }
        for a in ["93.184.216.34", "1.1.1.1", "2606:4700::1111"] {
            assert!(!is_non_public(a.parse().unwrap()), "{a}");
        }
    }

    #[test]
    fn shown_urls_are_short_and_drop_the_query() {
        assert_eq!(
            shown("https://x.example/a.png?X-Amz-Signature=secret"),
            "https://x.example/a.png"
        );
        let long = format!("https://x.example/{}", "a".repeat(200));
        assert_eq!(shown(&long).chars().count(), 80);
    }
}

//! What may be shown of a request, and which endpoint URLs are usable.

use crate::error::{Error, Result};
use crate::text::clip;

/// Headers whose values are shown in clear: they describe the request or response and carry no
/// secret. Every other value is redacted, since a configured header may be anything (a proxy's
/// `Proxy-Authorization`, a `Cookie`, an `X-Apikey`).
const CLEAR_HEADERS: &[&str] = &[
    "accept",
    "accept-encoding",
    "anthropic-beta",
    "amz-sdk-invocation-id",
    "amz-sdk-request",
    "connection",
    "content-encoding",
    "content-length",
    "content-type",
    "date",
    "host",
    "retry-after",
    "server",
    "transfer-encoding",
    "user-agent",
    "vary",
    "x-brock-emulator-scenario",
];

/// The one policy for showing a header (`-vv`, `--dry-run`, `raw -i`, `config show`): the
/// harmless ones in clear, `Authorization` as its scheme and key-id prefix, everything else
/// redacted.
pub fn redact_header(name: &str, value: &str) -> String {
    let n = name.to_ascii_lowercase();
    // x-amz-* and x-amzn-* (dates, content hashes, request ids, Bedrock's request options and
    // token counts) are metadata, except the session token and anything named like a secret.
    let amz_metadata = (n.starts_with("x-amz-") || n.starts_with("x-amzn-"))
        && ![
            "token",
            "secret",
            "credential",
            "signature",
            "key",
            "auth",
            "cookie",
        ]
        .iter()
        .any(|w| n.contains(w));
    if CLEAR_HEADERS.contains(&n.as_str()) || amz_metadata {
        return value.to_string();
    }
    if n == "authorization" {
        if let Some(rest) = value.strip_prefix("Bearer ") {
            return format!("Bearer {}", redact(rest));
        }
        // Keep the credential scope (access key id's first chars) but never the signature.
        return match value.split_once("Credential=") {
            Some((alg, rest)) => {
                let akid = rest.split('/').next().unwrap_or("");
                format!("{alg}Credential={}/… Signature=<redacted>", redact(akid))
            }
            None => "<redacted>".into(),
        };
    }
    if n == "x-amz-security-token" {
        return redact(value);
    }
    format!("<redacted, {} bytes>", value.len())
}

/// An endpoint URL brock can use: http(s), and no `user:password@`, which would be shown by
/// `-v`, `--dry-run` and errors, and sent in the Host header. The URL is not echoed when it
/// carries userinfo. `what` names where it came from (a flag, a config key, a variable).
pub fn check_endpoint_url(url: &str, what: &str) -> Result<()> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else {
        return Err(Error::Config(format!(
            "{what} {:?} must start with http:// or https://",
            clip(url, 200)
        )));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(Error::Config(format!(
            "{what} holds a user name or password (user:pass@host), which brock would print and send; \
             remove it (use a header in [default.headers] for a proxy's credentials)"
        )));
    }
    Ok(())
}

fn redact(s: &str) -> String {
    let keep: String = s.chars().take(4).collect();
    format!("{keep}…<redacted>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        let auth = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/bedrock/aws4_request, SignedHeaders=host, Signature=abcdef0123";
        let shown = redact_header("Authorization", auth);
        assert!(!shown.contains("abcdef0123"), "{shown}");
        assert!(!shown.contains("AKIDEXAMPLE"), "{shown}");
        let shown = redact_header("authorization", "Bearer ABSKsecretsecret");
        assert!(!shown.contains("secretsecret"), "{shown}");
        assert!(!redact_header("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE").contains("EXAMPLE"));
    }
}

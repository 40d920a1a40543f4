//! Authentication as AWS does it: SigV4 verification by recomputing the signature from exactly
//! the signed headers (aws-sigv4, double-encoded path for non-S3 services), a 5-minute clock
//! window, temporary credentials from the emulator's STS, and Bedrock API keys (bearer).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{
    PercentEncodingMode, SessionTokenMode, SignableBody, SignableRequest, SigningSettings, sign,
};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use base64::Engine;
use hmac::{KeyInit, Mac};

use super::EmulatorOptions;
use super::errors::ApiError;

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Service {
    /// bedrock-runtime and the bedrock control plane: SigV4 or an API key.
    Bedrock,
    /// bedrock-agent-runtime: SigV4 only.
    AgentRuntime,
    Sts,
}

impl Service {
    fn signing_name(self) -> &'static str {
        match self {
            Service::Sts => "sts",
            _ => "bedrock",
        }
    }
}

/// Who made the request.
#[derive(Debug, Clone)]
pub(crate) enum Caller {
    Root { access_key: String },
    Assumed(TempCredentials),
    ApiKey,
}

const SIGNATURE_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN: &str = "The security token included in the request is invalid.";
const INCOMPLETE_BEARER: &str = "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

fn incomplete(message: impl Into<String>) -> ApiError {
    ApiError::coral(403, "IncompleteSignatureException", message)
}

fn invalid_signature(message: impl Into<String>) -> ApiError {
    ApiError::coral(403, "InvalidSignatureException", message)
}

fn unrecognized() -> ApiError {
    ApiError::coral(403, "UnrecognizedClientException", INVALID_TOKEN)
}

pub(crate) fn authenticate(
    parts: &http::request::Parts,
    body: &[u8],
    service: Service,
    opts: &EmulatorOptions,
    now: SystemTime,
) -> Result<Caller, ApiError> {
    let Some(value) = parts.headers.get(http::header::AUTHORIZATION) else {
        return Err(match service {
            // What the API-key-capable front door answers (recorded in the wild).
            Service::Bedrock => ApiError::coral(
                403,
                "AccessDeniedException",
                "Authorization header is missing",
            )
            .capital(),
            _ => ApiError::coral(
                403,
                "MissingAuthenticationTokenException",
                "Missing Authentication Token",
            ),
        });
    };
    let value = value
        .to_str()
        .map_err(|_| incomplete("Authorization header is not valid ASCII."))?;
    if let Some(token) = value.strip_prefix("Bearer ") {
        return bearer(token.trim(), service, opts);
    }
    if let Some(rest) = value.strip_prefix("AWS4-HMAC-SHA256 ") {
        return sigv4(parts, body, rest, service, opts, now);
    }
    Err(incomplete(INCOMPLETE_BEARER))
}

fn bearer(token: &str, service: Service, opts: &EmulatorOptions) -> Result<Caller, ApiError> {
    if service != Service::Bedrock {
        return Err(incomplete(INCOMPLETE_BEARER));
    }
    if opts.bearer_tokens.iter().any(|t| t == token) {
        return Ok(Caller::ApiKey);
    }
    let message = if token.starts_with("ABSK") {
        "Authentication failed: Please make sure your API Key is valid."
    } else {
        "Invalid API Key format: Must start with pre-defined prefix"
    };
    Err(ApiError::coral(403, "AccessDeniedException", message).capital())
}

struct Authorization<'a> {
    access_key: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    terminator: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn parse_authorization(rest: &str) -> Result<Authorization<'_>, ApiError> {
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let Some((k, v)) = part.split_once('=') else {
            return Err(incomplete(format!(
                "'{part}' not a valid key=value pair (missing equal-sign) in Authorization header."
            )));
        };
        match k {
            "Credential" => credential = Some(v),
            "SignedHeaders" => signed = Some(v),
            "Signature" => signature = Some(v),
            _ => {}
        }
    }
    let mut missing = String::new();
    for (name, v) in [
        ("Credential", credential),
        ("Signature", signature),
        ("SignedHeaders", signed),
    ] {
        if v.is_none() {
            missing.push_str(&format!(
                "Authorization header requires '{name}' parameter. "
            ));
        }
    }
    if !missing.is_empty() {
        return Err(incomplete(missing.trim_end().to_string()));
    }
    let credential = credential.unwrap_or_default();
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 {
        return Err(incomplete(format!(
            "Credential should have exactly 5 slash-separated components, not {}.",
            scope.len()
        )));
    }
    Ok(Authorization {
        access_key: scope[0],
        date: scope[1],
        region: scope[2],
        service: scope[3],
        terminator: scope[4],
        signed_headers: signed.unwrap_or_default().split(';').collect(),
        signature: signature.unwrap_or_default(),
    })
}

fn sigv4(
    parts: &http::request::Parts,
    body: &[u8],
    rest: &str,
    service: Service,
    opts: &EmulatorOptions,
    now: SystemTime,
) -> Result<Caller, ApiError> {
    let auth = parse_authorization(rest)?;
    let expected_service = service.signing_name();
    if auth.terminator != "aws4_request" {
        return Err(invalid_signature(format!(
            "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'. ",
            auth.terminator
        )));
    }
    if auth.service != expected_service {
        return Err(invalid_signature(format!(
            "Credential should be scoped to correct service: '{expected_service}'. "
        )));
    }
    let amz_date = parts
        .headers
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            incomplete(
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
            )
        })?;
    let signed_at = parse_amz_date(amz_date).ok_or_else(|| {
        incomplete(format!(
            "Date must be in ISO-8601 'basic format'. Got '{amz_date}'. See http://en.wikipedia.org/wiki/ISO_8601"
        ))
    })?;
    if auth.date != &amz_date[..8] {
        return Err(invalid_signature(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{}' != '{}', from '{amz_date}'.",
            auth.date,
            &amz_date[..8]
        )));
    }

    let token = parts
        .headers
        .get("x-amz-security-token")
        .and_then(|v| v.to_str().ok());
    let (secret, caller) = if auth.access_key == opts.access_key {
        if token.is_some() {
            return Err(unrecognized());
        }
        (
            opts.secret_key.clone(),
            Caller::Root {
                access_key: auth.access_key.to_string(),
            },
        )
    } else {
        let Some(token) = token else {
            return Err(unrecognized());
        };
        let temp = TempCredentials::verify(&opts.secret_key, auth.access_key, token)
            .ok_or_else(unrecognized)?;
        if temp.expiration <= now {
            return Err(ApiError::coral(
                403,
                "ExpiredTokenException",
                "The security token included in the request is expired",
            ));
        }
        (temp.secret_access_key.clone(), Caller::Assumed(temp))
    };

    let skew = Duration::from_secs(300);
    if signed_at + skew < now {
        return Err(ApiError::coral(
            400,
            "InvalidSignatureException",
            format!(
                "Signature expired: {amz_date} is now earlier than {} ({} - 5 min.)",
                format_amz_date(now - skew),
                format_amz_date(now)
            ),
        ));
    }
    if signed_at > now + skew {
        return Err(ApiError::coral(
            400,
            "InvalidSignatureException",
            format!(
                "Signature not yet current: {amz_date} is still later than {} ({} + 5 min.)",
                format_amz_date(now + skew),
                format_amz_date(now)
            ),
        ));
    }

    let computed = compute_signature(parts, body, &auth, &secret, token, signed_at)?;
    if !constant_time_eq(computed.as_bytes(), auth.signature.as_bytes()) {
        return Err(invalid_signature(SIGNATURE_MISMATCH));
    }
    Ok(caller)
}

fn compute_signature(
    parts: &http::request::Parts,
    body: &[u8],
    auth: &Authorization,
    secret: &str,
    token: Option<&str>,
    signed_at: SystemTime,
) -> Result<String, ApiError> {
    let host = parts
        .headers
        .get(http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let path_and_query = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let uri = format!("http://{host}{path_and_query}");

    // Exactly the signed headers; the signer adds x-amz-date and the token itself.
    let mut headers: Vec<(&str, &str)> = Vec::new();
    for name in &auth.signed_headers {
        if matches!(
            *name,
            "x-amz-date" | "x-amz-security-token" | "authorization"
        ) {
            continue;
        }
        for v in parts.headers.get_all(*name) {
            if let Ok(s) = v.to_str() {
                headers.push((name, s));
            }
        }
    }
    let token_signed = auth.signed_headers.contains(&"x-amz-security-token");

    let mut settings = SigningSettings::default();
    settings.percent_encoding_mode = PercentEncodingMode::Double;
    settings.excluded_headers = Some(Vec::new());
    settings.session_token_mode = if token_signed {
        SessionTokenMode::Include
    } else {
        SessionTokenMode::Exclude
    };
    let identity: Identity = Credentials::new(
        auth.access_key,
        secret,
        token.map(str::to_string),
        None,
        "brock-emulator",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.region)
        .name(auth.service)
        .time(signed_at)
        .settings(settings)
        .build()
        .map_err(|_| invalid_signature(SIGNATURE_MISMATCH))?;
    let signable = SignableRequest::new(
        parts.method.as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(body),
    )
    .map_err(|_| invalid_signature(SIGNATURE_MISMATCH))?;
    let output =
        sign(signable, &params.into()).map_err(|_| invalid_signature(SIGNATURE_MISMATCH))?;
    Ok(output.signature().to_string())
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

// --- temporary credentials -------------------------------------------------------------

/// Credentials issued by the emulator's AssumeRole. Nothing is stored: the session token
/// carries the access key id, expiry and role under a MAC keyed by the configured secret.
#[derive(Debug, Clone)]
pub(crate) struct TempCredentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration: SystemTime,
    pub role_arn: String,
    pub session_name: String,
}

const TOKEN_PREFIX: &str = "BrockEmulatorSession.";

fn hmac(key: &str, data: &str) -> Vec<u8> {
    let mut m = <HmacSha256 as KeyInit>::new_from_slice(key.as_bytes()).expect("any key length");
    m.update(data.as_bytes());
    m.finalize().into_bytes().to_vec()
}

fn base32(bytes: &[u8], n: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 5 && out.len() < n {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
    }
    out
}

impl TempCredentials {
    pub fn issue(
        master_secret: &str,
        role_arn: &str,
        session_name: &str,
        expiration: SystemTime,
    ) -> TempCredentials {
        let exp = expiration
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs();
        let nonce = uuid::Uuid::new_v4().to_string();
        let akid = format!(
            "ASIA{}",
            base32(
                &hmac(
                    master_secret,
                    &format!("akid|{role_arn}|{session_name}|{exp}|{nonce}")
                ),
                16
            )
        );
        let payload = format!("{akid}|{exp}|{role_arn}|{session_name}");
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let token = format!(
            "{TOKEN_PREFIX}{}.{}",
            b64.encode(payload.as_bytes()),
            b64.encode(hmac(master_secret, &format!("token|{payload}")))
        );
        TempCredentials {
            secret_access_key: hex::encode(hmac(master_secret, &format!("secret|{akid}"))),
            access_key_id: akid,
            session_token: token,
            expiration: UNIX_EPOCH + Duration::from_secs(exp),
            role_arn: role_arn.to_string(),
            session_name: session_name.to_string(),
        }
    }

    /// Rebuilds the credentials from a session token, if it was issued under this secret for
    /// this access key id (expiry is checked by the caller).
    pub fn verify(
        master_secret: &str,
        access_key_id: &str,
        token: &str,
    ) -> Option<TempCredentials> {
        let rest = token.strip_prefix(TOKEN_PREFIX)?;
        let (payload_b64, mac_b64) = rest.split_once('.')?;
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let payload = String::from_utf8(b64.decode(payload_b64).ok()?).ok()?;
        let mac = b64.decode(mac_b64).ok()?;
        if !constant_time_eq(&mac, &hmac(master_secret, &format!("token|{payload}"))) {
            return None;
        }
        let mut fields = payload.splitn(4, '|');
        let akid = fields.next()?;
        let exp: u64 = fields.next()?.parse().ok()?;
        let role_arn = fields.next()?;
        let session_name = fields.next()?;
        if akid != access_key_id {
            return None;
        }
        Some(TempCredentials {
            access_key_id: akid.to_string(),
            secret_access_key: hex::encode(hmac(master_secret, &format!("secret|{akid}"))),
            session_token: token.to_string(),
            expiration: UNIX_EPOCH + Duration::from_secs(exp),
            role_arn: role_arn.to_string(),
            session_name: session_name.to_string(),
        })
    }
}

// --- time --------------------------------------------------------------------------------

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `20240101T000000Z` → time.
pub(crate) fn parse_amz_date(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() != 16 || b[8] != b'T' || b[15] != b'Z' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (digits(0..4)?, digits(4..6)?, digits(6..8)?);
    let (h, mi, se) = (digits(9..11)?, digits(11..13)?, digits(13..15)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
    u64::try_from(secs)
        .ok()
        .map(|s| UNIX_EPOCH + Duration::from_secs(s))
}

pub(crate) fn format_amz_date(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(86400));
    let rem = secs.rem_euclid(86400);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// ISO 8601 with seconds, as STS writes `Expiration`.
pub(crate) fn format_iso(t: SystemTime) -> String {
    let s = format_amz_date(t);
    format!(
        "{}-{}-{}T{}:{}:{}Z",
        &s[0..4],
        &s[4..6],
        &s[6..8],
        &s[9..11],
        &s[11..13],
        &s[13..15]
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use aws_sigv4::http_request::SigningInstructions;

    pub(crate) fn opts() -> EmulatorOptions {
        EmulatorOptions {
            bearer_tokens: vec!["ABSKgoodtoken".into()],
            ..EmulatorOptions::default()
        }
    }

    /// Signs like an AWS SDK would: the path percent-encoded once, signed double-encoded.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn signed_request(
        method: &str,
        path: &str,
        body: &[u8],
        access_key: &str,
        secret: &str,
        token: Option<&str>,
        service: &str,
        time: SystemTime,
    ) -> http::Request<Vec<u8>> {
        let mut req = http::Request::builder()
            .method(method)
            .uri(format!("http://127.0.0.1:4000{path}"))
            .header("host", "127.0.0.1:4000")
            .header("content-type", "application/json")
            .header("user-agent", "test-agent/1.0")
            .body(body.to_vec())
            .unwrap();
        let identity: Identity =
            Credentials::new(access_key, secret, token.map(str::to_string), None, "test").into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-west-2")
            .name(service)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .unwrap();
        let signable = SignableRequest::new(
            req.method().as_str(),
            req.uri().to_string(),
            req.headers()
                .iter()
                .map(|(k, v)| (k.as_str(), v.to_str().unwrap())),
            SignableBody::Bytes(body),
        )
        .unwrap();
        let (instructions, _sig): (SigningInstructions, String) =
            sign(signable, &params.into()).unwrap().into_parts();
        instructions.apply_to_request_http1x(&mut req);
        req
    }

    fn check(
        req: &http::Request<Vec<u8>>,
        service: Service,
        now: SystemTime,
    ) -> Result<Caller, ApiError> {
        let (parts, body) = http::Request::new(req.body().clone()).into_parts();
        let mut parts = parts;
        parts.method = req.method().clone();
        parts.uri = req.uri().clone();
        parts.headers = req.headers().clone();
        authenticate(&parts, &body, service, &opts(), now)
    }

    const PATH: &str = "/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse";

    fn good(path: &str, body: &[u8]) -> http::Request<Vec<u8>> {
        let now = SystemTime::now();
        signed_request(
            "POST",
            path,
            body,
            crate::emulator::DEFAULT_ACCESS_KEY,
            crate::emulator::DEFAULT_SECRET_KEY,
            None,
            "bedrock",
            now,
        )
    }

    #[test]
    fn a_good_signature_is_accepted_including_colons_and_encoded_slashes() {
        let now = SystemTime::now();
        for path in [
            PATH,
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.amazon.nova-lite-v1%3A0/converse",
            "/foundation-models?byProvider=Anthropic&byOutputModality=TEXT",
        ] {
            let req = good(path, b"{}");
            assert!(
                matches!(check(&req, Service::Bedrock, now), Ok(Caller::Root { .. })),
                "{path}"
            );
        }
    }

    #[test]
    fn wrong_secret_and_tampering_are_rejected() {
        let now = SystemTime::now();
        let req = signed_request(
            "POST",
            PATH,
            b"{}",
            "AKIDEXAMPLE",
            "wrong",
            None,
            "bedrock",
            now,
        );
        let e = check(&req, Service::Bedrock, now).unwrap_err();
        assert_eq!(e.code, "InvalidSignatureException");
        assert_eq!(e.message, SIGNATURE_MISMATCH);
        assert_eq!(e.status, 403);

        let mut req = good(PATH, b"{\"a\":1}");
        *req.body_mut() = b"{\"a\":2}".to_vec();
        assert_eq!(
            check(&req, Service::Bedrock, now).unwrap_err().code,
            "InvalidSignatureException"
        );

        let mut req = good(PATH, b"{}");
        *req.uri_mut() = "http://127.0.0.1:4000/model/other%3A0/converse"
            .parse()
            .unwrap();
        assert_eq!(
            check(&req, Service::Bedrock, now).unwrap_err().code,
            "InvalidSignatureException"
        );
    }

    #[test]
    fn unknown_keys_missing_auth_and_wrong_service() {
        let now = SystemTime::now();
        let req = signed_request("POST", PATH, b"{}", "AKIDOTHER", "x", None, "bedrock", now);
        let e = check(&req, Service::Bedrock, now).unwrap_err();
        assert_eq!(
            (e.code, e.message.as_str()),
            ("UnrecognizedClientException", INVALID_TOKEN)
        );

        let mut req = good(PATH, b"{}");
        req.headers_mut().remove("authorization");
        let e = check(&req, Service::Bedrock, now).unwrap_err();
        assert_eq!(
            e.body(),
            br#"{"Message":"Authorization header is missing"}"#
        );

        let req = signed_request(
            "POST",
            PATH,
            b"{}",
            "AKIDEXAMPLE",
            crate::emulator::DEFAULT_SECRET_KEY,
            None,
            "s3",
            now,
        );
        let e = check(&req, Service::Bedrock, now).unwrap_err();
        assert_eq!(
            e.message,
            "Credential should be scoped to correct service: 'bedrock'. "
        );
    }

    #[test]
    fn stale_signatures_expire() {
        let now = SystemTime::now();
        let req = good(PATH, b"{}");
        let e = check(&req, Service::Bedrock, now + Duration::from_secs(400)).unwrap_err();
        assert!(
            e.message.starts_with("Signature expired: "),
            "{}",
            e.message
        );
        assert!(e.message.ends_with(" - 5 min.)"));
    }

    #[test]
    fn temporary_credentials_verify_with_their_token() {
        let now = SystemTime::now();
        let temp = TempCredentials::issue(
            crate::emulator::DEFAULT_SECRET_KEY,
            "arn:aws:iam::123456789012:role/demo",
            "s1",
            now + Duration::from_secs(3600),
        );
        assert!(temp.access_key_id.starts_with("ASIA") && temp.access_key_id.len() == 20);
        let req = signed_request(
            "POST",
            PATH,
            b"{}",
            &temp.access_key_id,
            &temp.secret_access_key,
            Some(&temp.session_token),
            "bedrock",
            now,
        );
        assert!(matches!(
            check(&req, Service::Bedrock, now),
            Ok(Caller::Assumed(_))
        ));
        let mut bad = req.clone();
        bad.headers_mut().insert(
            "x-amz-security-token",
            "BrockEmulatorSession.x.y".parse().unwrap(),
        );
        assert_eq!(
            check(&bad, Service::Bedrock, now).unwrap_err().code,
            "UnrecognizedClientException"
        );
        let e = check(&req, Service::Bedrock, now + Duration::from_secs(7200)).unwrap_err();
        assert_eq!(e.code, "ExpiredTokenException");
    }

    #[test]
    fn bearer_tokens() {
        let now = SystemTime::now();
        let mut req = good(PATH, b"{}");
        req.headers_mut()
            .insert("authorization", "Bearer ABSKgoodtoken".parse().unwrap());
        assert!(matches!(
            check(&req, Service::Bedrock, now),
            Ok(Caller::ApiKey)
        ));
        assert_eq!(
            check(&req, Service::AgentRuntime, now).unwrap_err().code,
            "IncompleteSignatureException"
        );
        req.headers_mut()
            .insert("authorization", "Bearer ABSKother".parse().unwrap());
        assert!(
            check(&req, Service::Bedrock, now)
                .unwrap_err()
                .message
                .starts_with("Authentication failed")
        );
        req.headers_mut()
            .insert("authorization", "Bearer nope".parse().unwrap());
        assert!(
            check(&req, Service::Bedrock, now)
                .unwrap_err()
                .message
                .starts_with("Invalid API Key format")
        );
    }

    #[test]
    fn dates_round_trip() {
        let t = parse_amz_date("20240229T235959Z").unwrap();
        assert_eq!(format_amz_date(t), "20240229T235959Z");
        assert_eq!(format_iso(t), "2024-02-29T23:59:59Z");
        assert!(parse_amz_date("2024-02-29T23:59:59Z").is_none());
    }
}

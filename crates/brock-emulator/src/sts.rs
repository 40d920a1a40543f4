//! STS (query protocol, XML answers): AssumeRole and GetCallerIdentity, with stateless
//! temporary credentials that the emulator verifies later (see `auth::TempCredentials`).

use std::time::{Duration, SystemTime};

use super::auth::{Caller, TempCredentials, format_iso};
use super::catalog::ACCOUNT;
use super::errors::ApiError;

const XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

pub(crate) fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The STS spelling of an error code raised by the shared authentication layer.
fn sts_code(code: &str) -> &str {
    match code {
        "UnrecognizedClientException" => "InvalidClientTokenId",
        "InvalidSignatureException" => "SignatureDoesNotMatch",
        "MissingAuthenticationTokenException" => "MissingAuthenticationToken",
        "IncompleteSignatureException" => "IncompleteSignature",
        "ExpiredTokenException" => "ExpiredToken",
        "ValidationException" => "ValidationError",
        other => other,
    }
}

/// An STS error document.
pub(crate) fn error_xml(e: &ApiError, request_id: &str) -> (u16, String) {
    let kind = if e.status.is_server_error() {
        "Receiver"
    } else {
        "Sender"
    };
    let message = if e.code == "MissingAuthenticationTokenException" {
        "Request is missing Authentication Token".to_string()
    } else {
        e.message.clone()
    };
    (
        e.status.as_u16(),
        format!(
            "<ErrorResponse xmlns=\"{XMLNS}\">\n  <Error>\n    <Type>{kind}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
            sts_code(e.code),
            xml_escape(&message)
        ),
    )
}

pub(crate) fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (decode(k), decode(v))
        })
        .collect()
}

fn validation(message: String) -> ApiError {
    // Source: inferred.
    ApiError::new(400, "ValidationError", message)
}

fn role_name(arn: &str) -> Option<&str> {
    // arn:aws:iam::123456789012:role/path/name
    let rest = arn.strip_prefix("arn:aws")?;
    let mut parts = rest.splitn(5, ':');
    let _partition = parts.next()?;
    (parts.next()? == "iam").then_some(())?;
    let _region = parts.next()?;
    let account = parts.next()?;
    if account.len() != 12 || !account.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let resource = parts.next()?.strip_prefix("role/")?;
    resource.rsplit('/').next().filter(|n| !n.is_empty())
}

/// Dispatches an STS action. Returns the XML body on success.
pub(crate) fn handle(
    form: &[(String, String)],
    caller: &Caller,
    master_secret: &str,
    access_key: &str,
    request_id: &str,
    now: SystemTime,
) -> Result<String, ApiError> {
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let action = get("Action").unwrap_or_default();
    match action {
        "AssumeRole" => assume_role(&get, master_secret, request_id, now),
        "GetCallerIdentity" => {
            let (arn, user_id) = match caller {
                Caller::Assumed(t) => {
                    let name = role_name(&t.role_arn).unwrap_or("role");
                    (
                        format!(
                            "arn:aws:sts::{ACCOUNT}:assumed-role/{name}/{}",
                            t.session_name
                        ),
                        format!("AROAEMULATOREXAMPLE:{}", t.session_name),
                    )
                }
                Caller::Root { access_key } => (
                    format!("arn:aws:iam::{ACCOUNT}:user/brock-emulator"),
                    access_key.clone(),
                ),
                Caller::ApiKey => (
                    format!("arn:aws:iam::{ACCOUNT}:user/brock-emulator"),
                    access_key.to_string(),
                ),
            };
            Ok(format!(
                "<GetCallerIdentityResponse xmlns=\"{XMLNS}\">\n  <GetCallerIdentityResult>\n    <Arn>{}</Arn>\n    <UserId>{}</UserId>\n    <Account>{ACCOUNT}</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n",
                xml_escape(&arn),
                xml_escape(&user_id)
            ))
        }
        // Source: inferred.
        "" => Err(ApiError::new(400, "MissingAction", "Missing Action")),
        // Source: inferred.
        other => Err(ApiError::new(
            400,
            "InvalidAction",
            format!("Could not find operation {other} for version 2011-06-15"),
        )),
    }
}

fn assume_role<'a>(
    get: &dyn Fn(&str) -> Option<&'a str>,
    master_secret: &str,
    request_id: &str,
    now: SystemTime,
) -> Result<String, ApiError> {
    let mut violations = Vec::new();
    let role_arn = get("RoleArn");
    let session = get("RoleSessionName");
    match role_arn {
        None => violations
            .push("Value null at 'roleArn' failed to satisfy constraint: Member must not be null".to_string()),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(a) if a.len() < 20 => violations.push(format!(
            "Value '{a}' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20"
        )),
        _ => {}
    }
    match session {
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        None => violations.push(
            "Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null"
                .to_string(),
        ),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if s.len() < 2 => violations.push(format!(
            "Value '{s}' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2"
        )),
        // Source: inferred from the Smithy model's constraints, in Coral's report format.
        Some(s) if s.len() > 64 => violations.push(format!(
            "Value '{s}' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64"
        )),
        Some(s)
            if !s
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)) =>
        {
            // Source: inferred from the Smithy model's constraints, in Coral's report format.
            violations.push(format!(
                "Value '{s}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*"
            ))
        }
        _ => {}
    }
    let duration = match get("DurationSeconds") {
        None => 3600,
        Some(d) => match d.parse::<u64>() {
            Ok(n) if (900..=43200).contains(&n) => n,
            Ok(n) if n < 900 => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                violations.push(format!("Value '{n}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900"));
                3600
            }
            Ok(n) => {
                // Source: inferred from the Smithy model's constraints, in Coral's report format.
                violations.push(format!("Value '{n}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200"));
                3600
            }
            Err(_) => {
                return Err(validation(format!(
                    "Invalid value for DurationSeconds: {d}"
                )));
            }
        },
    };
    if !violations.is_empty() {
        let n = violations.len();
        return Err(validation(format!(
            "{n} validation error{} detected: {}",
            if n == 1 { "" } else { "s" },
            violations.join("; ")
        )));
    }
    let role_arn = role_arn.unwrap_or_default();
    let session = session.unwrap_or_default();
    let Some(name) = role_name(role_arn) else {
        return Err(validation(format!("{role_arn} is invalid")));
    };
    let expiration = now + Duration::from_secs(duration);
    let creds = TempCredentials::issue(master_secret, role_arn, session, expiration);
    Ok(format!(
        "<AssumeRoleResponse xmlns=\"{XMLNS}\">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n      <AssumedRoleId>AROAEMULATOREXAMPLE:{s}</AssumedRoleId>\n      <Arn>arn:aws:sts::{ACCOUNT}:assumed-role/{n}/{s}</Arn>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>{akid}</AccessKeyId>\n      <SecretAccessKey>{secret}</SecretAccessKey>\n      <SessionToken>{token}</SessionToken>\n      <Expiration>{exp}</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</AssumeRoleResponse>\n",
        s = xml_escape(session),
        n = xml_escape(name),
        akid = creds.access_key_id,
        secret = creds.secret_access_key,
        token = xml_escape(&creds.session_token),
        exp = format_iso(creds.expiration),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(s: &str) -> Vec<(String, String)> {
        parse_form(s.as_bytes())
    }

    #[test]
    fn assume_role_issues_verifiable_credentials() {
        let now = SystemTime::now();
        let caller = Caller::Root {
            access_key: "AKIDEXAMPLE".into(),
        };
        let xml = handle(
            &form("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=s1"),
            &caller,
            "secret",
            "AKIDEXAMPLE",
            "rid",
            now,
        )
        .unwrap();
        let between = |a: &str, b: &str| {
            let start = xml.find(a).unwrap() + a.len();
            xml[start..start + xml[start..].find(b).unwrap()].to_string()
        };
        let akid = between("<AccessKeyId>", "</AccessKeyId>");
        let token = between("<SessionToken>", "</SessionToken>");
        let secret = between("<SecretAccessKey>", "</SecretAccessKey>");
        let temp = TempCredentials::verify("secret", &akid, &token).unwrap();
        assert_eq!(temp.secret_access_key, secret);
        assert!(xml.contains("<Arn>arn:aws:sts::123456789012:assumed-role/demo/s1</Arn>"));
        assert!(TempCredentials::verify("other secret", &akid, &token).is_none());
    }

    #[test]
    fn validation_and_unknown_actions() {
        let caller = Caller::ApiKey;
        let now = SystemTime::now();
        let e = handle(
            &form("Action=AssumeRole&RoleSessionName=x"),
            &caller,
            "s",
            "a",
            "r",
            now,
        )
        .unwrap_err();
        assert!(
            e.message.starts_with("2 validation errors detected"),
            "{}",
            e.message
        );
        let e = handle(&form("Action=Nope"), &caller, "s", "a", "r", now).unwrap_err();
        assert_eq!(e.code, "InvalidAction");
        let (status, xml) = error_xml(&e, "rid");
        assert_eq!(status, 400);
        assert!(xml.contains("<Code>InvalidAction</Code>"));
    }
}

//! `--dry-run`: the exact request a command would send, printed as JSON on stdout, and nothing
//! sent. Every command that sends a request prints it through [`print`], so the document has the
//! same shape everywhere: service, method, URL, path, headers (secrets redacted) and body.
//! The request is built by the transport's own code up to and including signing
//! ([`Client::prepare_dry_run`]), so the headers are the ones that go on the wire: Host,
//! Content-Length, User-Agent, amz-sdk-request, configured headers, the signature's
//! (Authorization redacted).

use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::render::stdout_write;
use brock_bedrock::{ApiRequest, Client, redact_header};

/// The request as a JSON document; `extra` adds what the command knows beyond HTTP (the
/// operation, the model id, …). A JSON body is shown as JSON, anything else as text.
pub fn document(client: &Client, api: &ApiRequest, extra: Value) -> Result<Value> {
    let prepared = client.prepare_dry_run(api)?;
    let mut headers = Map::new();
    for (k, v) in prepared.headers() {
        let v = String::from_utf8_lossy(v.as_bytes());
        headers.insert(
            k.as_str().to_string(),
            Value::String(redact_header(k.as_str(), &v)),
        );
    }
    let body = if api.body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&api.body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&api.body).into_owned()))
    };
    let mut doc = json!({ "service": api.service.host_prefix() });
    if let (Some(doc), Value::Object(extra)) = (doc.as_object_mut(), extra) {
        doc.extend(extra);
        doc.insert("method".into(), Value::String(api.method.to_string()));
        doc.insert("url".into(), Value::String(prepared.uri().to_string()));
        doc.insert("path".into(), Value::String(api.path.clone()));
        doc.insert("headers".into(), Value::Object(headers));
        doc.insert("body".into(), body);
    }
    Ok(doc)
}

/// Prints the requests a command would send: one document, or an array when it would send
/// several (e.g. `embed` with many inputs).
pub fn print(client: &Client, requests: &[(ApiRequest, Value)]) -> Result<()> {
    let docs: Vec<Value> = requests
        .iter()
        .map(|(api, extra)| document(client, api, extra.clone()))
        .collect::<Result<_>>()?;
    let doc = match <[Value; 1]>::try_from(docs) {
        Ok([one]) => one,
        Err(many) => Value::Array(many),
    };
    stdout_write(&format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    ))
}

//! `--dry-run`: the exact request a command would send, printed as JSON on stdout, and nothing
//! sent. Every command that sends a request prints it through [`print`], so the document has the
//! same shape everywhere: service, method, URL, path, headers (secrets redacted) and body.

use serde_json::{Map, Value, json};

use crate::error::Result;
use crate::render::stdout_write;
use brock_bedrock::{ApiRequest, Client, redact_header};

/// The request as a JSON document; `extra` adds what the command knows beyond HTTP (the
/// operation, the model id, …). A JSON body is shown as JSON, anything else as text.
pub fn document(client: &Client, api: &ApiRequest, extra: Value) -> Value {
    let mut headers = Map::new();
    for (k, v) in &api.headers {
        headers.insert(k.to_ascii_lowercase(), Value::String(redact_header(k, v)));
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
        doc.insert("url".into(), Value::String(client.url(api)));
        doc.insert("path".into(), Value::String(api.path.clone()));
        doc.insert("headers".into(), Value::Object(headers));
        doc.insert("body".into(), body);
    }
    doc
}

/// Prints the requests a command would send: one document, or an array when it would send
/// several (e.g. `embed` with many inputs).
pub fn print(client: &Client, requests: &[(ApiRequest, Value)]) -> Result<()> {
    let docs: Vec<Value> = requests
        .iter()
        .map(|(api, extra)| document(client, api, extra.clone()))
        .collect();
    let doc = match <[Value; 1]>::try_from(docs) {
        Ok([one]) => one,
        Err(many) => Value::Array(many),
    };
    stdout_write(&format!(
        "{}\n",
        serde_json::to_string_pretty(&doc).unwrap_or_default()
    ))
}

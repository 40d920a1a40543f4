//! Replay of VCR cassettes: recorded answers served byte for byte to matching requests.
//!
//! serde_yaml drops the core `!!binary` tag, so the text is first rewritten to a local
//! `!binary` tag, which it keeps.

use std::path::Path;
use std::sync::Mutex;

use base64::Engine;
use bytes::Bytes;
use serde_yaml::Value;

#[derive(Debug, Clone)]
pub(crate) struct Interaction {
    pub method: String,
    /// Percent-decoded path, without the query.
    pub path: String,
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

#[derive(Debug, Default)]
pub(crate) struct Replay {
    items: Vec<Interaction>,
    used: Mutex<Vec<bool>>,
}

/// Headers that describe the recorded connection, not the answer.
const HOP_BY_HOP: &[&str] = &[
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
];

fn scalar(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::String(s) => Some(s.as_bytes().to_vec()),
        Value::Number(n) => Some(n.to_string().into_bytes()),
        Value::Bool(b) => Some(b.to_string().into_bytes()),
        Value::Tagged(t) if t.tag == "!binary" => {
            let s = t.value.as_str()?;
            let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            base64::engine::general_purpose::STANDARD.decode(clean).ok()
        }
        _ => None,
    }
}

fn to_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .map(Into::into)
                    .unwrap_or(serde_json::Value::Null)
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => items.iter().map(to_json).collect(),
        Value::Mapping(m) => m
            .iter()
            .filter_map(|(k, v)| Some((k.as_str()?.to_string(), to_json(v))))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        Value::Tagged(t) => to_json(&t.value),
    }
}

pub(crate) fn decode_path(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

fn uri_path(uri: &str) -> String {
    let rest = match uri.find("://") {
        Some(i) => &uri[i + 3..],
        None => uri,
    };
    let path = match rest.find('/') {
        Some(i) if uri.contains("://") => &rest[i..],
        _ if uri.contains("://") => "/",
        _ => rest,
    };
    let path = path.split('?').next().unwrap_or(path);
    decode_path(path)
}

/// Parses one cassette.
pub(crate) fn parse_cassette(text: &str) -> Result<Vec<Interaction>, String> {
    let doc: Value = serde_yaml::from_str(&text.replace("!!binary", "!binary"))
        .map_err(|e| format!("not a VCR cassette: {e}"))?;
    let items = doc
        .get("interactions")
        .and_then(Value::as_sequence)
        .ok_or("no `interactions` list")?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let req = it
            .get("request")
            .ok_or(format!("interaction {i}: no request"))?;
        let resp = it
            .get("response")
            .ok_or(format!("interaction {i}: no response"))?;
        let method = req
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or("POST")
            .to_ascii_uppercase();
        let uri = req
            .get("uri")
            .and_then(Value::as_str)
            .ok_or(format!("interaction {i}: no request uri"))?;
        let status = resp
            .get("status")
            .and_then(|s| s.get("code"))
            .and_then(Value::as_u64)
            .ok_or(format!("interaction {i}: no status code"))? as u16;
        let mut headers = Vec::new();
        if let Some(map) = resp.get("headers").and_then(Value::as_mapping) {
            for (k, v) in map {
                let Some(name) = k.as_str() else { continue };
                if HOP_BY_HOP.contains(&name.to_ascii_lowercase().as_str()) {
                    continue;
                }
                let values: Vec<&Value> = match v {
                    Value::Sequence(s) => s.iter().collect(),
                    other => vec![other],
                };
                for value in values {
                    if let Some(bytes) = scalar(value) {
                        headers.push((
                            name.to_ascii_lowercase(),
                            String::from_utf8_lossy(&bytes).into_owned(),
                        ));
                    }
                }
            }
        }
        let body = if let Some(s) = resp.get("body").and_then(|b| b.get("string")) {
            scalar(s).unwrap_or_default()
        } else if let Some(parsed) = resp.get("parsed_body") {
            serde_json::to_vec(&to_json(parsed)).unwrap_or_default()
        } else {
            Vec::new()
        };
        out.push(Interaction {
            method,
            path: uri_path(uri),
            status,
            headers,
            body: Bytes::from(body),
        });
    }
    Ok(out)
}

impl Replay {
    pub fn load(paths: &[impl AsRef<Path>]) -> std::io::Result<Replay> {
        let mut items = Vec::new();
        for p in paths {
            let p = p.as_ref();
            let text = std::fs::read_to_string(p)?;
            let parsed = parse_cassette(&text).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", p.display()),
                )
            })?;
            items.extend(parsed);
        }
        let used = Mutex::new(vec![false; items.len()]);
        Ok(Replay { items, used })
    }

    /// Takes the first unused interaction recorded for this method and decoded path.
    pub fn take(&self, method: &str, decoded_path: &str) -> Option<Interaction> {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let i = self
            .items
            .iter()
            .enumerate()
            .position(|(i, it)| !used[i] && it.method == method && it.path == decoded_path)?;
        used[i] = true;
        Some(self.items[i].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventstream::tests::decode_all;

    const DIR: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/recorded/converse"
    );

    fn cassettes() -> Vec<std::path::PathBuf> {
        let dir =
            std::fs::read_dir(DIR).unwrap_or_else(|e| panic!("vendored cassettes {DIR}: {e}"));
        let mut v: Vec<_> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn every_recorded_cassette_parses() {
        let files = cassettes();
        assert!(files.len() > 50, "only {} cassettes in {DIR}", files.len());
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let items = parse_cassette(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            assert!(!items.is_empty(), "{}", f.display());
            for it in items {
                assert!(it.path.starts_with('/'), "{}", f.display());
                let ct = it
                    .headers
                    .iter()
                    .find(|(k, _)| k == "content-type")
                    .map(|(_, v)| v.as_str());
                if ct == Some("application/vnd.amazon.eventstream") {
                    let frames = decode_all(&it.body);
                    assert!(!frames.is_empty(), "{}", f.display());
                    assert_eq!(frames[0].0[0].1, "messageStart");
                    assert_eq!(frames.last().unwrap().0[0].1, "metadata");
                } else if it.path.contains("/model/") && !it.body.is_empty() {
                    serde_json::from_slice::<serde_json::Value>(&it.body)
                        .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                }
            }
        }
    }

    #[test]
    fn paths_are_decoded_and_matched_once() {
        let text = "interactions:\n- request:\n    method: POST\n    uri: https://h/model/a%3A0/converse\n  response:\n    status: {code: 200}\n    headers: {content-type: [application/json]}\n    body: {string: '{}'}\nversion: 1\n";
        let items = parse_cassette(text).unwrap();
        assert_eq!(items[0].path, "/model/a:0/converse");
        let r = Replay {
            used: Mutex::new(vec![false]),
            items,
        };
        assert!(r.take("POST", "/model/a:0/converse").is_some());
        assert!(r.take("POST", "/model/a:0/converse").is_none());
    }
}

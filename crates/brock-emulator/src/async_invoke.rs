//! Async invocation (bedrock-runtime's StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes) for
//! Nova Reel, writing its output to the emulated S3.
//!
//! Shapes and constraints are botocore's `bedrock-runtime` service-2.json (2023-09-30); the
//! model input is Nova Reel's `TEXT_VIDEO` body (`textToVideoParams.text` 1 to 512 characters,
//! optional `images`, `videoGenerationConfig` with `durationSeconds` 6 for v1:0 and a multiple
//! of 6 up to 120 for v1:1, `fps` 24, `dimension` `1280x720`), as the Nova user guide gives it.
//! GetAsyncInvoke answers InProgress for two polls (times
//! [`crate::EmulatorOptions::job_polls_per_status`]), then Completed (deterministic, no clock):
//! the last InProgress poll writes `{s3Uri}/{invocation id}/output.mp4`,
//! a minimal ISO BMFF file (`ftyp`, `moov` with an `mvhd` of the requested duration, an empty
//! `mdat`), not a playable video. A prompt containing `[[blocked]]` fails instead, and so does
//! an output bucket the role cannot write to.

use std::sync::Mutex;
use std::time::SystemTime;

use bytes::Bytes;
use serde_json::{Value, json};

use super::auth::format_iso;
use super::errors::{ApiError, constraint_report};
use super::s3::{self, Store};

/// Models that run as async invocations.
pub(crate) const ASYNC_MODELS: &[&str] = &["amazon.nova-reel-v1:0", "amazon.nova-reel-v1:1"];

#[derive(Debug, Clone)]
struct Invocation {
    arn: String,
    id: String,
    model: String,
    token: Option<String>,
    output: Value,
    duration: u64,
    blocked: bool,
    status: &'static str,
    failure: Option<String>,
    polls: u32,
    submit: SystemTime,
    modified: SystemTime,
    end: Option<SystemTime>,
}

#[derive(Default)]
pub(crate) struct Invocations {
    items: Mutex<Vec<Invocation>>,
}

fn s3_uri_ok(uri: &str) -> bool {
    // botocore: s3://[a-z0-9][\.\-a-z0-9]{1,61}[a-z0-9](/.*)?
    let Some(rest) = uri.strip_prefix("s3://") else {
        return false;
    };
    let bucket = rest.split('/').next().unwrap_or_default();
    let b = bucket.as_bytes();
    (3..=63).contains(&b.len())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && uri.len() <= 1024
}

fn malformed(msg: &str) -> ApiError {
    // Source: inferred (InvokeModel's prefix for a body the model refuses).
    ApiError::validation(format!(
        "Malformed input request: {msg}, please reformat your input and try again."
    ))
}

/// Checks a Nova Reel `TEXT_VIDEO` body; returns (duration, blocked).
fn check_reel(model: &str, input: &Value) -> Result<(u64, bool), ApiError> {
    let task = input.get("taskType").and_then(Value::as_str);
    if task != Some("TEXT_VIDEO") {
        return Err(malformed(&format!(
            "#/taskType: {} is not a valid enum value",
            task.unwrap_or("null")
        )));
    }
    let text = input
        .pointer("/textToVideoParams/text")
        .and_then(Value::as_str)
        .ok_or_else(|| malformed("#/textToVideoParams: required key [text] not found"))?;
    if text.is_empty() || text.chars().count() > 512 {
        return Err(malformed(&format!(
            "#/textToVideoParams/text: expected length between 1 and 512, actual: {}",
            text.chars().count()
        )));
    }
    let cfg = input.get("videoGenerationConfig");
    let duration = cfg
        .and_then(|c| c.get("durationSeconds"))
        .map(|d| {
            d.as_u64().ok_or_else(|| {
                malformed("#/videoGenerationConfig/durationSeconds: expected type: Integer")
            })
        })
        .transpose()?
        .unwrap_or(6);
    let duration_ok = if model.ends_with("v1:0") {
        duration == 6
    } else {
        duration % 6 == 0 && (6..=120).contains(&duration)
    };
    if !duration_ok {
        return Err(malformed(&format!(
            "#/videoGenerationConfig/durationSeconds: {duration} is not a valid value"
        )));
    }
    if let Some(fps) = cfg.and_then(|c| c.get("fps"))
        && fps.as_u64() != Some(24)
    {
        return Err(malformed(&format!(
            "#/videoGenerationConfig/fps: {fps} is not a valid enum value"
        )));
    }
    if let Some(dim) = cfg.and_then(|c| c.get("dimension"))
        && dim.as_str() != Some("1280x720")
    {
        return Err(malformed(&format!(
            "#/videoGenerationConfig/dimension: {dim} is not a valid enum value"
        )));
    }
    Ok((duration, text.contains("[[blocked]]")))
}

/// A minimal ISO BMFF file: `ftyp`, `moov` holding an `mvhd` (timescale 1000, the duration),
/// and an empty `mdat`.
pub(crate) fn tiny_mp4(duration_secs: u64) -> Vec<u8> {
    fn boxed(kind: &[u8; 4], payload: &[u8]) -> Vec<u8> {
        let mut out = ((payload.len() + 8) as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(payload);
        out
    }
    let mut ftyp = b"isom".to_vec();
    ftyp.extend_from_slice(&512u32.to_be_bytes());
    ftyp.extend_from_slice(b"isomiso2mp41");
    let mut mvhd = vec![0u8; 4]; // version 0, flags
    mvhd.extend_from_slice(&0u32.to_be_bytes()); // creation
    mvhd.extend_from_slice(&0u32.to_be_bytes()); // modification
    mvhd.extend_from_slice(&1000u32.to_be_bytes()); // timescale
    mvhd.extend_from_slice(&((duration_secs * 1000) as u32).to_be_bytes());
    mvhd.extend_from_slice(&0x0001_0000u32.to_be_bytes()); // rate 1.0
    mvhd.extend_from_slice(&0x0100u16.to_be_bytes()); // volume 1.0
    mvhd.extend_from_slice(&[0u8; 10]); // reserved
    for v in [0x0001_0000u32, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
        mvhd.extend_from_slice(&v.to_be_bytes()); // unity matrix
    }
    mvhd.extend_from_slice(&[0u8; 24]); // pre-defined
    mvhd.extend_from_slice(&1u32.to_be_bytes()); // next track id
    let mut out = boxed(b"ftyp", &ftyp);
    out.extend(boxed(b"moov", &boxed(b"mvhd", &mvhd)));
    out.extend(boxed(b"mdat", &[]));
    out
}

impl Invocations {
    pub fn start(&self, body: &Value, region: &str, _store: &Store) -> Result<Value, ApiError> {
        let obj = super::json::obj(body)?;
        for k in obj.keys() {
            if ![
                "clientRequestToken",
                "modelId",
                "modelInput",
                "outputDataConfig",
                "tags",
            ]
            .contains(&k.as_str())
            {
                // Source: inferred (the Coral deserializer's wording).
                return Err(ApiError::serialization(format!(
                    "Unrecognized field \"{k}\" in StartAsyncInvokeRequest"
                )));
            }
        }
        let mut v = Vec::new();
        for req in ["modelId", "modelInput", "outputDataConfig"] {
            if obj.get(req).is_none_or(Value::is_null) {
                v.push(format!(
                    "Value null at '{req}' failed to satisfy constraint: Member must not be null"
                ));
            }
        }
        let uri = obj
            .get("outputDataConfig")
            .and_then(|c| c.pointer("/s3OutputDataConfig/s3Uri"))
            .and_then(Value::as_str);
        if obj.get("outputDataConfig").is_some() {
            match uri {
                Some(u) if s3_uri_ok(u) => {}
                Some(u) => v.push(format!("Value '{u}' at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://[a-z0-9][\\.\\-a-z0-9]{{1,61}}[a-z0-9](/.*)?")),
                None => v.push("Value null at 'outputDataConfig.s3OutputDataConfig.s3Uri' failed to satisfy constraint: Member must not be null".into()),
            }
        }
        let token = obj.get("clientRequestToken").and_then(Value::as_str);
        if let Some(t) = token
            && (t.is_empty() || t.len() > 256 || !t.bytes().all(|c| (b'!'..=b'~').contains(&c)))
        {
            v.push(format!("Value '{t}' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]*"));
        }
        if !v.is_empty() {
            // Source: botocore's bedrock-runtime service-2.json constraints, in Coral's report format.
            return Err(constraint_report(&v));
        }
        let model = obj
            .get("modelId")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let bare = model.rsplit('/').next().unwrap_or(model);
        if !ASYNC_MODELS.contains(&bare) {
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "The provided model {model} doesn't support asynchronous invocation."
            )));
        }
        let (duration, blocked) = check_reel(bare, &obj["modelInput"])?;
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = token
            && let Some(i) = items.iter().find(|i| i.token.as_deref() == Some(t))
        {
            return Ok(json!({"invocationArn": i.arn}));
        }
        let id = super::auth::hex_sha256(uuid::Uuid::new_v4().as_bytes())[..12].to_string();
        let arn = format!(
            "arn:aws:bedrock:{region}:{}:async-invoke/{id}",
            super::catalog::ACCOUNT
        );
        let now = SystemTime::now();
        items.push(Invocation {
            arn: arn.clone(),
            id,
            model: format!("arn:aws:bedrock:{region}::foundation-model/{bare}"),
            token: token.map(str::to_string),
            output: obj["outputDataConfig"].clone(),
            duration,
            blocked,
            status: "InProgress",
            failure: None,
            polls: 0,
            submit: now,
            modified: now,
            end: None,
        });
        Ok(json!({"invocationArn": arn}))
    }

    /// GetAsyncInvoke: answers, then moves the invocation on (see the module doc).
    pub fn get(&self, arn: &str, store: &Store, pace: u32) -> Result<Value, ApiError> {
        let valid = arn.starts_with("arn:aws")
            && arn.rsplit_once(":async-invoke/").is_some_and(|(_, id)| {
                id.len() == 12
                    && id
                        .bytes()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if !valid {
            // Source: botocore's bedrock-runtime service-2.json constraints, in Coral's report format.
            return Err(constraint_report(&[format!(
                "Value '{arn}' at 'invocationArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{{1,20}}:[0-9]{{12}}:async-invoke/[a-z0-9]{{12}}"
            )]));
        }
        let mut items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        let Some(inv) = items.iter_mut().find(|i| i.arn == arn) else {
            // GetAsyncInvoke has no ResourceNotFoundException in the model.
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "Invocation {arn} was not found."
            )));
        };
        let view = describe(inv);
        inv.polls += 1;
        if inv.status == "InProgress" && inv.polls >= 2 * pace.max(1) {
            finish(inv, store);
        }
        Ok(view)
    }

    pub fn list(&self, q: &[(String, String)], _store: &Store) -> Result<Value, ApiError> {
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        if let Some(s) = get("statusEquals")
            && !["InProgress", "Completed", "Failed"].contains(&s)
        {
            // Source: botocore's bedrock-runtime service-2.json constraints, in Coral's report format.
            return Err(constraint_report(&[format!(
                "Value '{s}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [InProgress, Completed, Failed]"
            )]));
        }
        let items = self.items.lock().unwrap_or_else(|e| e.into_inner());
        let mut all: Vec<Value> = items
            .iter()
            .filter(|i| get("statusEquals").is_none_or(|s| s == i.status))
            .map(describe)
            .collect();
        if get("sortOrder") != Some("Ascending") {
            all.reverse();
        }
        Ok(json!({"asyncInvokeSummaries": all}))
    }
}

fn describe(i: &Invocation) -> Value {
    let mut v = json!({
        "invocationArn": i.arn,
        "modelArn": i.model,
        "status": i.status,
        "submitTime": format_iso(i.submit),
        "lastModifiedTime": format_iso(i.modified),
        "outputDataConfig": i.output,
    });
    if let Some(t) = &i.token {
        v["clientRequestToken"] = json!(t);
    }
    if let Some(f) = &i.failure {
        v["failureMessage"] = json!(f);
    }
    if let Some(e) = i.end {
        v["endTime"] = json!(format_iso(e));
    }
    v
}

fn finish(inv: &mut Invocation, store: &Store) {
    let now = SystemTime::now();
    inv.modified = now;
    inv.end = Some(now);
    if inv.blocked {
        inv.status = "Failed";
        // Source: inferred.
        inv.failure = Some("The generated video has been blocked by our content filters.".into());
        return;
    }
    let uri = inv
        .output
        .pointer("/s3OutputDataConfig/s3Uri")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let (bucket, prefix) = s3::split_uri(uri).unwrap_or_default();
    let prefix = if prefix.is_empty() || prefix.ends_with('/') {
        prefix
    } else {
        format!("{prefix}/")
    };
    match store.put(
        &bucket,
        &format!("{prefix}{}/output.mp4", inv.id),
        Bytes::from(tiny_mp4(inv.duration)),
    ) {
        Ok(_) => inv.status = "Completed",
        Err(e) => {
            inv.status = "Failed";
            // Source: inferred.
            inv.failure = Some(format!(
                "Unable to write the output to {uri}: {} ({}).",
                e.message, e.code
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invocation_completes_and_writes_an_mp4() {
        let store = Store::default();
        let inv = Invocations::default();
        let body = json!({
            "modelId": "amazon.nova-reel-v1:0",
            "clientRequestToken": "tok-1",
            "modelInput": {"taskType": "TEXT_VIDEO", "textToVideoParams": {"text": "a cat"},
                           "videoGenerationConfig": {"durationSeconds": 6, "fps": 24, "dimension": "1280x720"}},
            "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://bkt/videos"}},
        });
        let arn = inv.start(&body, "us-east-1", &store).unwrap()["invocationArn"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            inv.start(&body, "us-east-1", &store).unwrap()["invocationArn"],
            arn.as_str()
        );
        assert_eq!(inv.get(&arn, &store, 1).unwrap()["status"], "InProgress");
        assert_eq!(inv.get(&arn, &store, 1).unwrap()["status"], "InProgress");
        assert_eq!(inv.get(&arn, &store, 1).unwrap()["status"], "Completed");
        let id = arn.rsplit('/').next().unwrap();
        let mp4 = store
            .get("bkt", &format!("videos/{id}/output.mp4"))
            .unwrap();
        assert_eq!(&mp4.data[4..8], b"ftyp");
        let mut bad = body.clone();
        bad["modelInput"]["videoGenerationConfig"]["durationSeconds"] = json!(12);
        bad["clientRequestToken"] = json!("tok-2");
        let e = inv.start(&bad, "us-east-1", &store).unwrap_err();
        assert!(e.message.contains("durationSeconds"), "{}", e.message);
        let mut other = body.clone();
        other["modelId"] = json!("amazon.nova-micro-v1:0");
        assert_eq!(
            inv.start(&other, "us-east-1", &store).unwrap_err().code,
            "ValidationException"
        );
    }
}

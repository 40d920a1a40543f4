//! Batch inference (the bedrock control plane's CreateModelInvocationJob,
//! GetModelInvocationJob, ListModelInvocationJobs, StopModelInvocationJob) over the emulated S3.
//!
//! Request shapes, required members and constraints are botocore's `bedrock` service-2.json
//! (2023-04-20). Jobs live in memory and move one status per GetModelInvocationJob of that job
//! (deterministic, no clock; [`crate::EmulatorOptions::job_polls_per_status`] polls per status): Submitted → Validating → Scheduled → InProgress → Completed,
//! PartiallyCompleted (some records failed) or Failed (the input is unreadable, breaks one of the
//! documented quotas — fewer than [`MIN_RECORDS`] records, more records per file or per job, a
//! file or the whole input too large — or every record failed). Stop makes a running job
//! Stopping, then Stopped at its next poll. The input is read from S3 when the job leaves
//! Validating (the object named by the input URI, or every `.jsonl` object under it when it
//! names a prefix), and each record's `modelInput` goes through the same answer rule as
//! `POST /model/{id}/invoke`, or `POST /model/{id}/converse` for a job whose
//! `modelInvocationType` is `Converse` (the user guide: the record is then a Converse request
//! body). Output goes to `{output URI}/{job id}/{input file name}.out`
//! (`{"recordId","modelInput","modelOutput"}` or `…,"error":{"errorCode","errorMessage"}}` per
//! line, in input order) and `{output URI}/{job id}/manifest.json.out`, as the Bedrock user
//! guide ("View the results of a batch inference job") describes.

use std::sync::Mutex;
use std::time::SystemTime;

use bytes::Bytes;
use serde_json::{Map, Value, json};

use super::auth::format_iso;
use super::errors::{ApiError, constraint_report};
use super::s3::{self, Store};

/// The minimum number of records in a job (the Bedrock quota "Minimum number of records per
/// batch inference job").
pub(crate) const MIN_RECORDS: usize = 100;
/// Records per input file (the Bedrock quota "Records per input file per batch inference job").
pub(crate) const MAX_RECORDS_PER_FILE: usize = 50_000;
/// The default of the Bedrock quota "Records per batch inference job" (adjustable per account:
/// [`crate::EmulatorOptions::batch_records_per_job`]).
pub const MAX_RECORDS_PER_JOB: usize = 50_000;
/// The Bedrock quota "Batch inference input file size" (1 GB).
const MAX_FILE_BYTES: usize = 1_000_000_000;
/// The Bedrock quota "Batch inference job size" (5 GB).
const MAX_JOB_BYTES: usize = 5_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Submitted,
    Validating,
    Scheduled,
    InProgress,
    Completed,
    PartiallyCompleted,
    Failed,
    Stopping,
    Stopped,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Submitted => "Submitted",
            Status::Validating => "Validating",
            Status::Scheduled => "Scheduled",
            Status::InProgress => "InProgress",
            Status::Completed => "Completed",
            Status::PartiallyCompleted => "PartiallyCompleted",
            Status::Failed => "Failed",
            Status::Stopping => "Stopping",
            Status::Stopped => "Stopped",
        }
    }

    fn running(self) -> bool {
        matches!(
            self,
            Status::Submitted | Status::Validating | Status::Scheduled | Status::InProgress
        )
    }
}

#[derive(Debug, Clone)]
struct Job {
    id: String,
    arn: String,
    name: String,
    model_id: String,
    role_arn: String,
    token: Option<String>,
    input: Value,
    output: Value,
    timeout_hours: u64,
    invocation_type: Option<String>,
    status: Status,
    message: Option<String>,
    submit: SystemTime,
    modified: SystemTime,
    end: Option<SystemTime>,
    total: Option<u64>,
    processed: Option<u64>,
    success: Option<u64>,
    errors: Option<u64>,
    /// The records read at validation, per input key.
    records: Vec<(String, Vec<String>)>,
    /// Polls answered in the current status.
    polls: u32,
}

/// What the batch engine needs from the runtime: one answer per record (model, whether the
/// job's records are Converse requests, the record's modelInput).
pub(crate) type Answer<'a> = &'a dyn Fn(&str, bool, &[u8]) -> Result<(Value, u64, u64), ApiError>;

#[derive(Default)]
pub(crate) struct Jobs {
    jobs: Mutex<Vec<Job>>,
}

fn s3_uri_ok(uri: &str) -> bool {
    // botocore: s3://[a-z0-9][-.a-z0-9]{1,61}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?
    let Some(rest) = uri.strip_prefix("s3://") else {
        return false;
    };
    let (bucket, path) = rest.split_once('/').unwrap_or((rest, ""));
    let b = bucket.as_bytes();
    let bucket_ok = (3..=63).contains(&b.len())
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && (b[b.len() - 1].is_ascii_lowercase() || b[b.len() - 1].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.');
    let path = path.strip_suffix('/').unwrap_or(path);
    let path_ok = path.is_empty()
        || path.split('/').all(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-!_*'().".contains(c))
        });
    bucket_ok && path_ok && uri.len() <= 1024
}

fn job_name_ok(name: &str) -> bool {
    // botocore: [a-zA-Z0-9]{1,63}(-*[a-zA-Z0-9\+\-\.]){0,63}, length 1 to 63.
    (1..=63).contains(&name.len())
        && name.as_bytes()[0].is_ascii_alphanumeric()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

fn role_arn_ok(arn: &str) -> bool {
    // botocore: arn:aws(-[^:]+)?:iam::([0-9]{12})?:role/.+
    let Some(rest) = arn.strip_prefix("arn:aws") else {
        return false;
    };
    let rest = match rest.strip_prefix('-') {
        Some(r) => match r.split_once(':') {
            Some((part, r)) if !part.is_empty() => r,
            _ => return false,
        },
        None => match rest.strip_prefix(':') {
            Some(r) => r,
            None => return false,
        },
    };
    let Some(rest) = rest.strip_prefix("iam::") else {
        return false;
    };
    let (account, role) = rest.split_once(':').unwrap_or(("x", ""));
    (account.is_empty() || (account.len() == 12 && account.bytes().all(|c| c.is_ascii_digit())))
        && role.strip_prefix("role/").is_some_and(|r| !r.is_empty())
        && arn.len() <= 2048
}

fn token_ok(t: &str) -> bool {
    // botocore: [a-zA-Z0-9]{1,256}(-*[a-zA-Z0-9]){0,256}
    (1..=256).contains(&t.len())
        && t.as_bytes()[0].is_ascii_alphanumeric()
        && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn s3_uri_of(config: &Value, member: &str) -> Option<String> {
    config
        .get(member)?
        .get("s3Uri")?
        .as_str()
        .map(str::to_string)
}

fn job_id(seed: &str) -> String {
    // 12 lower-case alphanumerics, as the ARN pattern requires.
    let h = super::auth::hex_sha256(seed.as_bytes());
    h[..12].to_string()
}

impl Jobs {
    pub fn create(
        &self,
        body: &Value,
        region: &str,
        model_ok: &dyn Fn(&str) -> Result<(), ApiError>,
    ) -> Result<Value, ApiError> {
        let obj = super::json::obj(body)?;
        for k in obj.keys() {
            if ![
                "jobName",
                "roleArn",
                "clientRequestToken",
                "modelId",
                "inputDataConfig",
                "outputDataConfig",
                "vpcConfig",
                "timeoutDurationInHours",
                "tags",
                "modelInvocationType",
            ]
            .contains(&k.as_str())
            {
                // Source: inferred (the Coral deserializer's wording).
                return Err(ApiError::serialization(format!(
                    "Unrecognized field \"{k}\" in CreateModelInvocationJobRequest"
                )));
            }
        }
        let s = |k: &str| obj.get(k).and_then(Value::as_str);
        let mut v = Vec::new();
        for req in [
            "jobName",
            "roleArn",
            "modelId",
            "inputDataConfig",
            "outputDataConfig",
        ] {
            if obj.get(req).is_none_or(Value::is_null) {
                v.push(format!(
                    "Value null at '{req}' failed to satisfy constraint: Member must not be null"
                ));
            }
        }
        if let Some(n) = s("jobName")
            && !job_name_ok(n)
        {
            v.push(format!("Value '{n}' at 'jobName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]{{1,63}}(-*[a-zA-Z0-9\\+\\-\\.]){{0,63}}"));
        }
        if let Some(r) = s("roleArn")
            && !role_arn_ok(r)
        {
            v.push(format!("Value '{r}' at 'roleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam::([0-9]{{12}})?:role/.+"));
        }
        if let Some(t) = s("clientRequestToken")
            && !token_ok(t)
        {
            v.push(format!("Value '{t}' at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]{{1,256}}(-*[a-zA-Z0-9]){{0,256}}"));
        }
        let input = obj.get("inputDataConfig").cloned().unwrap_or(Value::Null);
        let output = obj.get("outputDataConfig").cloned().unwrap_or(Value::Null);
        for (cfg, member, path) in [
            (
                &input,
                "s3InputDataConfig",
                "inputDataConfig.s3InputDataConfig.s3Uri",
            ),
            (
                &output,
                "s3OutputDataConfig",
                "outputDataConfig.s3OutputDataConfig.s3Uri",
            ),
        ] {
            if cfg.is_null() {
                continue;
            }
            match s3_uri_of(cfg, member) {
                Some(u) if s3_uri_ok(&u) => {}
                Some(u) => v.push(format!("Value '{u}' at '{path}' failed to satisfy constraint: Member must satisfy regular expression pattern: s3://[a-z0-9][-.a-z0-9]{{1,61}}[a-z0-9](?:/[-!_*'().a-z0-9A-Z]+(?:/[-!_*'().a-z0-9A-Z]+)*)?/?")),
                None => v.push(format!(
                    "Value null at '{path}' failed to satisfy constraint: Member must not be null"
                )),
            }
        }
        if let Some(f) = input
            .get("s3InputDataConfig")
            .and_then(|c| c.get("s3InputFormat"))
            .and_then(Value::as_str)
            && f != "JSONL"
        {
            v.push(format!("Value '{f}' at 'inputDataConfig.s3InputDataConfig.s3InputFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSONL]"));
        }
        let timeout = match obj.get("timeoutDurationInHours") {
            None | Some(Value::Null) => 24,
            Some(t) => match t.as_u64() {
                Some(h) if (24..=168).contains(&h) => h,
                _ => {
                    v.push(format!("Value '{t}' at 'timeoutDurationInHours' failed to satisfy constraint: Member must have value between 24 and 168"));
                    24
                }
            },
        };
        if let Some(t) = s("modelInvocationType")
            && !["InvokeModel", "Converse"].contains(&t)
        {
            v.push(format!("Value '{t}' at 'modelInvocationType' failed to satisfy constraint: Member must satisfy enum value set: [InvokeModel, Converse]"));
        }
        if !v.is_empty() {
            // Source: botocore's bedrock service-2.json constraints, in Coral's report format.
            return Err(constraint_report(&v));
        }
        let model_id = s("modelId").unwrap_or_default().to_string();
        model_ok(&model_id)?;
        let name = s("jobName").unwrap_or_default().to_string();
        let token = s("clientRequestToken").map(str::to_string);
        let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = &token
            && let Some(j) = jobs.iter().find(|j| j.token.as_ref() == Some(t))
        {
            // Idempotency: the same token names the same job.
            return Ok(json!({"jobArn": j.arn}));
        }
        if jobs.iter().any(|j| j.name == name) {
            // Source: inferred.
            return Err(ApiError::new(
                409,
                "ConflictException",
                format!("A batch inference job with the name {name} already exists."),
            ));
        }
        let id = job_id(&format!("{name}/{}/{}", jobs.len(), uuid::Uuid::new_v4()));
        let arn = format!(
            "arn:aws:bedrock:{region}:{}:model-invocation-job/{id}",
            super::catalog::ACCOUNT
        );
        let now = SystemTime::now();
        jobs.push(Job {
            id,
            arn: arn.clone(),
            name,
            model_id,
            role_arn: s("roleArn").unwrap_or_default().into(),
            token,
            input,
            output,
            timeout_hours: timeout,
            invocation_type: s("modelInvocationType").map(str::to_string),
            status: Status::Submitted,
            message: None,
            submit: now,
            modified: now,
            end: None,
            total: None,
            processed: None,
            success: None,
            errors: None,
            records: Vec::new(),
            polls: 0,
        });
        Ok(json!({"jobArn": arn}))
    }

    fn find<'j>(jobs: &'j mut [Job], ident: &str) -> Result<&'j mut Job, ApiError> {
        let id = ident.rsplit('/').next().unwrap_or(ident);
        let valid = id.len() == 12
            && id
                .bytes()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && (ident == id || ident.contains(":model-invocation-job/"));
        if !valid {
            // Source: botocore's bedrock service-2.json constraints, in Coral's report format.
            return Err(constraint_report(&[format!(
                "Value '{ident}' at 'jobIdentifier' failed to satisfy constraint: Member must satisfy regular expression pattern: ((arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{{1,20}}:[0-9]{{12}}:model-invocation-job/)?[a-z0-9]{{12}})"
            )]));
        }
        jobs.iter_mut().find(|j| j.id == id).ok_or_else(|| {
            // Source: inferred.
            ApiError::not_found(format!("The specified job {ident} could not be found."))
        })
    }

    /// GetModelInvocationJob: answers the job, then moves it one status on once the status
    /// has been seen `pace` times.
    pub fn get(
        &self,
        ident: &str,
        store: &Store,
        answer: Answer,
        pace: u32,
        max_records: usize,
    ) -> Result<Value, ApiError> {
        let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let job = Self::find(&mut jobs, ident)?;
        let view = describe(job, true);
        job.polls += 1;
        if job.polls >= pace.max(1) {
            let before = job.status;
            advance(job, store, answer, max_records);
            if job.status != before {
                job.polls = 0;
            }
        }
        Ok(view)
    }

    pub fn stop(&self, ident: &str) -> Result<Value, ApiError> {
        let mut jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let job = Self::find(&mut jobs, ident)?;
        if !job.status.running() {
            // Source: inferred.
            return Err(ApiError::validation(format!(
                "The job {} cannot be stopped because it is in the {} state.",
                job.arn,
                job.status.name()
            )));
        }
        job.status = Status::Stopping;
        job.modified = SystemTime::now();
        Ok(json!({}))
    }

    pub fn list(&self, q: &[(String, String)]) -> Result<Value, ApiError> {
        let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
        let statuses = [
            "Submitted",
            "InProgress",
            "Completed",
            "Failed",
            "Stopping",
            "Stopped",
            "PartiallyCompleted",
            "Expired",
            "Validating",
            "Scheduled",
        ];
        let mut v = Vec::new();
        if let Some(st) = get("statusEquals")
            && !statuses.contains(&st)
        {
            v.push(format!("Value '{st}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [{}]", statuses.join(", ")));
        }
        if let Some(o) = get("sortOrder")
            && !["Ascending", "Descending"].contains(&o)
        {
            v.push(format!("Value '{o}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]"));
        }
        let max = match get("maxResults") {
            None => 1000,
            Some(m) => match m.parse::<usize>() {
                Ok(n) if (1..=1000).contains(&n) => n,
                _ => {
                    v.push(format!("Value '{m}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000"));
                    1000
                }
            },
        };
        if !v.is_empty() {
            // Source: botocore's bedrock service-2.json constraints, in Coral's report format.
            return Err(constraint_report(&v));
        }
        let jobs = self.jobs.lock().unwrap_or_else(|e| e.into_inner());
        let mut all: Vec<&Job> = jobs
            .iter()
            .filter(|j| get("statusEquals").is_none_or(|s| s == j.status.name()))
            .filter(|j| get("nameContains").is_none_or(|n| j.name.contains(n)))
            .collect();
        // The service lists the newest first unless asked otherwise.
        if get("sortOrder") != Some("Ascending") {
            all.reverse();
        }
        let start = match get("nextToken") {
            None => 0,
            Some(t) => t
                .strip_prefix("brock-jobs-")
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| *n < all.len())
                // Source: inferred.
                .ok_or_else(|| ApiError::validation("The pagination token is invalid."))?,
        };
        let end = (start + max).min(all.len());
        let mut out = json!({
            "invocationJobSummaries": all[start..end].iter().map(|j| describe(j, false)).collect::<Vec<_>>()
        });
        if end < all.len() {
            out["nextToken"] = json!(format!("brock-jobs-{end}"));
        }
        Ok(out)
    }
}

fn describe(j: &Job, full: bool) -> Value {
    let mut m = Map::new();
    m.insert("jobArn".into(), json!(j.arn));
    m.insert("jobName".into(), json!(j.name));
    m.insert("modelId".into(), json!(j.model_id));
    if let Some(t) = &j.token {
        m.insert("clientRequestToken".into(), json!(t));
    }
    m.insert("roleArn".into(), json!(j.role_arn));
    m.insert("status".into(), json!(j.status.name()));
    if let Some(msg) = &j.message {
        m.insert("message".into(), json!(msg));
    }
    m.insert("submitTime".into(), json!(format_iso(j.submit)));
    m.insert("lastModifiedTime".into(), json!(format_iso(j.modified)));
    if let Some(e) = j.end {
        m.insert("endTime".into(), json!(format_iso(e)));
    }
    m.insert("inputDataConfig".into(), j.input.clone());
    m.insert("outputDataConfig".into(), j.output.clone());
    m.insert("timeoutDurationInHours".into(), json!(j.timeout_hours));
    m.insert(
        "jobExpirationTime".into(),
        json!(format_iso(
            j.submit + std::time::Duration::from_secs(j.timeout_hours * 3600)
        )),
    );
    if let Some(t) = &j.invocation_type {
        m.insert("modelInvocationType".into(), json!(t));
    }
    if full {
        for (k, v) in [
            ("totalRecordCount", j.total),
            ("processedRecordCount", j.processed),
            ("successRecordCount", j.success),
            ("errorRecordCount", j.errors),
        ] {
            if let Some(n) = v {
                m.insert(k.into(), json!(n));
            }
        }
    }
    Value::Object(m)
}

fn fail(job: &mut Job, message: String) {
    job.status = Status::Failed;
    job.message = Some(message);
    job.end = Some(SystemTime::now());
}

fn advance(job: &mut Job, store: &Store, answer: Answer, max_records: usize) {
    job.modified = SystemTime::now();
    match job.status {
        Status::Submitted => job.status = Status::Validating,
        Status::Validating => match read_input(job, store, max_records) {
            Ok(records) => {
                let total: usize = records.iter().map(|(_, r)| r.len()).sum();
                job.total = Some(total as u64);
                job.processed = Some(0);
                job.success = Some(0);
                job.errors = Some(0);
                job.records = records;
                job.status = Status::Scheduled;
            }
            Err(message) => fail(job, message),
        },
        Status::Scheduled => job.status = Status::InProgress,
        Status::InProgress => run(job, store, answer),
        Status::Stopping => {
            job.status = Status::Stopped;
            job.end = Some(SystemTime::now());
        }
        _ => {}
    }
}

/// Reads and checks the input records; the message says why a job fails. The checks are the
/// ones the API reference lists for the Validating status (readable `.jsonl` files of JSON
/// records, "file size and number of records" within the quotas).
fn read_input(
    job: &Job,
    store: &Store,
    max_records: usize,
) -> Result<Vec<(String, Vec<String>)>, String> {
    let uri = s3_uri_of(&job.input, "s3InputDataConfig").unwrap_or_default();
    let (bucket, key) = s3::split_uri(&uri).unwrap_or_default();
    // Source: inferred (the wording of the failed job's message).
    let denied = |e: s3::S3Error| {
        format!(
            "Unable to access the input data in {uri}: {} ({}). Check that the bucket exists and that the service role can read it.",
            e.message, e.code
        )
    };
    let keys: Vec<String> = if key.is_empty() || key.ends_with('/') {
        store
            .list(&bucket, &key)
            .map_err(denied)?
            .into_iter()
            .filter(|k| k.ends_with(".jsonl"))
            .collect()
    } else {
        vec![key.clone()]
    };
    if keys.is_empty() {
        // Source: inferred.
        return Err(format!("No .jsonl input files were found at {uri}."));
    }
    let mut out = Vec::new();
    let (mut total, mut bytes) = (0, 0);
    for k in keys {
        let o = store.get(&bucket, &k).map_err(denied)?;
        if o.data.len() > MAX_FILE_BYTES {
            // Source: inferred (the limit is the documented quota; the wording is not recorded).
            return Err(format!(
                "The input file {k} is {} bytes, more than the maximum of {MAX_FILE_BYTES} bytes per file.",
                o.data.len()
            ));
        }
        bytes += o.data.len();
        if bytes > MAX_JOB_BYTES {
            // Source: inferred (the limit is the documented quota; the wording is not recorded).
            return Err(format!(
                "The input files are more than the maximum of {MAX_JOB_BYTES} bytes per batch inference job."
            ));
        }
        let text = String::from_utf8_lossy(&o.data);
        let lines: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        if lines.len() > MAX_RECORDS_PER_FILE {
            // Source: inferred.
            return Err(format!(
                "The input file {k} has {} records, more than the maximum of {MAX_RECORDS_PER_FILE} records per file.",
                lines.len()
            ));
        }
        for (i, l) in lines.iter().enumerate() {
            let ok = serde_json::from_str::<Value>(l)
                .ok()
                .is_some_and(|v| v.get("modelInput").is_some_and(Value::is_object));
            if !ok {
                // Source: inferred.
                return Err(format!(
                    "The input file {k} is not valid: line {} is not a JSON object with a modelInput object.",
                    i + 1
                ));
            }
        }
        total += lines.len();
        out.push((k, lines));
    }
    if total > max_records {
        // Source: inferred (the limit is the documented quota; the wording is not recorded).
        return Err(format!(
            "The number of records in the input ({total}) is more than the maximum of {max_records} records per batch inference job."
        ));
    }
    if total < MIN_RECORDS {
        // Source: inferred (the limit is the documented quota; the wording is not recorded).
        return Err(format!(
            "The number of records in the input ({total}) is less than the minimum of {MIN_RECORDS} records per batch inference job."
        ));
    }
    Ok(out)
}

fn run(job: &mut Job, store: &Store, answer: Answer) {
    let out_uri = s3_uri_of(&job.output, "s3OutputDataConfig").unwrap_or_default();
    let (bucket, prefix) = s3::split_uri(&out_uri).unwrap_or_default();
    let prefix = if prefix.is_empty() || prefix.ends_with('/') {
        prefix
    } else {
        format!("{prefix}/")
    };
    let (mut ok, mut bad, mut tin, mut tout) = (0u64, 0u64, 0u64, 0u64);
    let mut files = Vec::new();
    for (key, lines) in &job.records {
        let mut text = String::new();
        for line in lines {
            let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            let input = v.get("modelInput").cloned().unwrap_or(Value::Null);
            let mut rec = Map::new();
            if let Some(id) = v.get("recordId") {
                rec.insert("recordId".into(), id.clone());
            }
            rec.insert("modelInput".into(), input.clone());
            let body = serde_json::to_vec(&input).unwrap_or_default();
            let converse = job.invocation_type.as_deref() == Some("Converse");
            match answer(&job.model_id, converse, &body) {
                Ok((out, i, o)) => {
                    ok += 1;
                    tin += i;
                    tout += o;
                    rec.insert("modelOutput".into(), out);
                }
                Err(e) => {
                    bad += 1;
                    rec.insert(
                        "error".into(),
                        json!({"errorCode": e.status.as_u16(), "errorMessage": e.message}),
                    );
                }
            }
            text.push_str(&Value::Object(rec).to_string());
            text.push('\n');
        }
        let name = key.rsplit('/').next().unwrap_or(key);
        files.push((format!("{prefix}{}/{name}.out", job.id), text));
    }
    let manifest = json!({
        "totalRecordCount": ok + bad,
        "processedRecordCount": ok + bad,
        "successRecordCount": ok,
        "errorRecordCount": bad,
        "inputTokenCount": tin,
        "outputTokenCount": tout,
    });
    files.push((
        format!("{prefix}{}/manifest.json.out", job.id),
        manifest.to_string(),
    ));
    for (k, text) in files {
        if let Err(e) = store.put(&bucket, &k, Bytes::from(text)) {
            // Source: inferred.
            return fail(
                job,
                format!(
                    "Unable to write the output to {out_uri}: {} ({}). Check that the bucket exists and that the service role can write to it.",
                    e.message, e.code
                ),
            );
        }
    }
    job.processed = Some(ok + bad);
    job.success = Some(ok);
    job.errors = Some(bad);
    job.records.clear();
    job.end = Some(SystemTime::now());
    job.status = if bad == 0 {
        Status::Completed
    } else if ok == 0 {
        job.message = Some("Every record failed; see the error lines in the output.".into());
        Status::Failed
    } else {
        Status::PartiallyCompleted
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create_body(name: &str, input: &str) -> Value {
        json!({
            "jobName": name,
            "roleArn": "arn:aws:iam::123456789012:role/BatchRole",
            "modelId": "amazon.nova-micro-v1:0",
            "inputDataConfig": {"s3InputDataConfig": {"s3Uri": input}},
            "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://bkt/out/"}},
        })
    }

    fn echo(_: &str, _: bool, body: &[u8]) -> Result<(Value, u64, u64), ApiError> {
        let v: Value = serde_json::from_slice(body).unwrap();
        if v.get("bad").is_some() {
            return Err(ApiError::validation("Malformed input request: bad"));
        }
        Ok((json!({"echo": v}), 2, 3))
    }

    #[test]
    fn patterns() {
        assert!(job_name_ok("my-job.1"));
        assert!(!job_name_ok("-job"));
        assert!(!job_name_ok("job_1"));
        assert!(role_arn_ok("arn:aws:iam::123456789012:role/R"));
        assert!(role_arn_ok("arn:aws-cn:iam::123456789012:role/R"));
        assert!(!role_arn_ok("arn:aws:iam::123:role/R"));
        assert!(!role_arn_ok("arn:aws:iam::123456789012:user/R"));
        assert!(s3_uri_ok("s3://my-bucket/in/x.jsonl"));
        assert!(s3_uri_ok("s3://my-bucket/in/"));
        assert!(!s3_uri_ok("s3://My-Bucket/in/"));
        assert!(!s3_uri_ok("https://b/x"));
        assert!(!s3_uri_ok("s3://bucket/a b"));
    }

    #[test]
    fn a_job_runs_through_its_statuses_and_writes_outputs_in_order() {
        let store = Store::default();
        let mut input = String::new();
        for i in 0..120 {
            let body = if i == 7 {
                json!({"bad": true})
            } else {
                json!({"n": i})
            };
            input
                .push_str(&json!({"recordId": format!("r{i:04}"), "modelInput": body}).to_string());
            input.push('\n');
        }
        store.put("bkt", "in/a.jsonl", Bytes::from(input)).unwrap();
        let jobs = Jobs::default();
        let ok = |_: &str| Ok(());
        let arn = jobs
            .create(&create_body("j1", "s3://bkt/in/"), "us-east-1", &ok)
            .unwrap()["jobArn"]
            .as_str()
            .unwrap()
            .to_string();
        let mut seen = Vec::new();
        for _ in 0..6 {
            let v = jobs
                .get(&arn, &store, &echo, 1, MAX_RECORDS_PER_JOB)
                .unwrap();
            seen.push(v["status"].as_str().unwrap().to_string());
        }
        assert_eq!(
            seen,
            [
                "Submitted",
                "Validating",
                "Scheduled",
                "InProgress",
                "PartiallyCompleted",
                "PartiallyCompleted"
            ]
        );
        let id = arn.rsplit('/').next().unwrap();
        let out = store.get("bkt", &format!("out/{id}/a.jsonl.out")).unwrap();
        let lines: Vec<Value> = String::from_utf8_lossy(&out.data)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 120);
        assert_eq!(lines[0]["recordId"], "r0000");
        assert_eq!(lines[7]["error"]["errorCode"], 400);
        assert_eq!(lines[8]["modelOutput"]["echo"]["n"], 8);
        let manifest = store
            .get("bkt", &format!("out/{id}/manifest.json.out"))
            .unwrap();
        let m: Value = serde_json::from_slice(&manifest.data).unwrap();
        assert_eq!(m["successRecordCount"], 119);
        assert_eq!(m["errorRecordCount"], 1);
        assert_eq!(m["inputTokenCount"], 238);
        // Idempotent token, conflicting name, stop of a finished job.
        assert_eq!(
            jobs.create(&create_body("j1", "s3://bkt/in/"), "us-east-1", &ok)
                .unwrap_err()
                .code,
            "ConflictException"
        );
        assert_eq!(jobs.stop(&arn).unwrap_err().code, "ValidationException");
    }

    #[test]
    fn too_few_records_fail_the_job_and_stop_works() {
        let store = Store::default();
        store
            .put(
                "bkt",
                "in/a.jsonl",
                Bytes::from("{\"recordId\":\"1\",\"modelInput\":{}}\n"),
            )
            .unwrap();
        let jobs = Jobs::default();
        let ok = |_: &str| Ok(());
        let arn = jobs
            .create(&create_body("few", "s3://bkt/in/a.jsonl"), "us-east-1", &ok)
            .unwrap()["jobArn"]
            .as_str()
            .unwrap()
            .to_string();
        jobs.get(&arn, &store, &echo, 1, MAX_RECORDS_PER_JOB)
            .unwrap();
        jobs.get(&arn, &store, &echo, 1, MAX_RECORDS_PER_JOB)
            .unwrap();
        let v = jobs
            .get(&arn, &store, &echo, 1, MAX_RECORDS_PER_JOB)
            .unwrap();
        assert_eq!(v["status"], "Failed");
        assert!(v["message"].as_str().unwrap().contains("minimum of 100"));

        let arn2 = jobs
            .create(
                &create_body("stopme", "s3://bkt/in/a.jsonl"),
                "us-east-1",
                &ok,
            )
            .unwrap()["jobArn"]
            .as_str()
            .unwrap()
            .to_string();
        jobs.stop(&arn2).unwrap();
        assert_eq!(
            jobs.get(&arn2, &store, &echo, 1, MAX_RECORDS_PER_JOB)
                .unwrap()["status"],
            "Stopping"
        );
        assert_eq!(
            jobs.get(&arn2, &store, &echo, 1, MAX_RECORDS_PER_JOB)
                .unwrap()["status"],
            "Stopped"
        );
        let listed = jobs
            .list(&[("statusEquals".into(), "Stopped".into())])
            .unwrap();
        assert_eq!(
            listed["invocationJobSummaries"].as_array().unwrap().len(),
            1
        );
        let bad = jobs.create(
            &json!({"jobName": "x", "roleArn": "nope", "modelId": "m",
                    "inputDataConfig": {"s3InputDataConfig": {"s3Uri": "s3://B/x"}},
                    "outputDataConfig": {"s3OutputDataConfig": {"s3Uri": "s3://bkt/o/"}}}),
            "us-east-1",
            &ok,
        );
        let e = bad.unwrap_err();
        assert!(
            e.message.starts_with("2 validation errors detected"),
            "{}",
            e.message
        );
    }
}

//! An in-memory S3, path-style on the emulator's own port: the subset that batch inference and
//! async invocation need (PutObject, GetObject, HeadObject, DeleteObject, ListObjectsV2,
//! CreateBucket, HeadBucket, and multipart upload: Create, UploadPart, Complete, Abort).
//!
//! A request is S3's when its SigV4 credential is scoped to the service `s3`; it is then
//! verified like every other request (`auth.rs`, with S3's canonical path and declared payload
//! hash), and `x-amz-content-sha256` is checked against the body: a hex digest must match,
//! `UNSIGNED-PAYLOAD` is taken as is, and `STREAMING-UNSIGNED-PAYLOAD-TRAILER` bodies are
//! decoded from `aws-chunked` (the AWS SDKs' default for uploads with a checksum), with a CRC32
//! or SHA-256 trailer verified. Other checksum algorithms are accepted unverified.
//!
//! Buckets: a bucket exists once written to (PutObject, CreateMultipartUpload or CreateBucket
//! create it), so any name works for uploads. Two name prefixes stand for the errors a user
//! meets: `missing-…` never exists (404 `NoSuchBucket` on every operation) and `denied-…` is
//! someone else's (403 `AccessDenied`). Reading a bucket never written is `NoSuchBucket`.
//!
//! Error bodies are S3's XML (`<Error><Code>…`), with its codes and messages as the S3 API
//! reference lists them. ETags are quoted hex digests but not MD5 (no client here checks
//! them). A single request body is limited by the emulator to 25,000,000 bytes (S3 allows
//! 5 GB): larger objects go up in parts.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::SystemTime;

use base64::Engine;
use bytes::Bytes;
use http::{Method, StatusCode};

use super::auth;
use super::errors::ApiError;

/// The smallest part but the last of a multipart upload (S3's limit).
const MIN_PART: usize = 5 * 1024 * 1024;
const XMLNS: &str = "http://s3.amazonaws.com/doc/2006-03-01/";

#[derive(Debug, Clone)]
pub(crate) struct Object {
    pub data: Bytes,
    pub etag: String,
    pub modified: SystemTime,
}

#[derive(Debug)]
struct Upload {
    bucket: String,
    key: String,
    parts: BTreeMap<u32, Object>,
}

#[derive(Default)]
pub(crate) struct Store {
    buckets: Mutex<BTreeMap<String, BTreeMap<String, Object>>>,
    uploads: Mutex<HashMap<String, Upload>>,
}

/// An S3 error: status, code, message and the resource it concerns.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct S3Error {
    pub status: u16,
    pub code: &'static str,
    pub message: String,
    pub extra: Vec<(&'static str, String)>,
}

impl S3Error {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> S3Error {
        S3Error {
            status,
            code,
            message: message.into(),
            extra: Vec::new(),
        }
    }

    fn with(mut self, name: &'static str, value: &str) -> S3Error {
        self.extra.push((name, value.to_string()));
        self
    }

    pub fn no_such_bucket(bucket: &str) -> S3Error {
        // Source: the S3 API reference's error code list.
        S3Error::new(404, "NoSuchBucket", "The specified bucket does not exist")
            .with("BucketName", bucket)
    }

    pub fn access_denied() -> S3Error {
        // Source: the S3 API reference's error code list.
        S3Error::new(403, "AccessDenied", "Access Denied")
    }

    pub fn no_such_key(key: &str) -> S3Error {
        // Source: the S3 API reference's error code list.
        S3Error::new(404, "NoSuchKey", "The specified key does not exist.").with("Key", key)
    }

    pub fn xml(&self, request_id: &str) -> String {
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message>",
            self.code,
            escape(&self.message)
        );
        for (k, v) in &self.extra {
            out.push_str(&format!("<{k}>{}</{k}>", escape(v)));
        }
        out.push_str(&format!(
            "<RequestId>{request_id}</RequestId><HostId>{}</HostId></Error>",
            auth::hex_sha256(request_id.as_bytes())
        ));
        out
    }

    /// The front door's refusals (signature, keys, region) in S3's codes.
    fn from_auth(e: &ApiError, region: &str) -> S3Error {
        match e.code {
            "UnrecognizedClientException" => S3Error::new(
                403,
                "InvalidAccessKeyId",
                "The AWS Access Key Id you provided does not exist in our records.",
            ),
            "InvalidSignatureException" if e.message.contains("valid region") => {
                let wrong = e.message.split('\'').nth(1).unwrap_or_default();
                S3Error::new(
                    400,
                    "AuthorizationHeaderMalformed",
                    format!(
                        "The authorization header is malformed; the region '{wrong}' is wrong; expecting '{region}'"
                    ),
                )
            }
            "InvalidSignatureException" if e.message.starts_with("Signature expired") => {
                S3Error::new(
                    403,
                    "RequestTimeTooSkewed",
                    "The difference between the request time and the current time is too large.",
                )
            }
            "InvalidSignatureException" => S3Error::new(
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
            ),
            "ExpiredTokenException" => {
                S3Error::new(400, "ExpiredToken", "The provided token has expired.")
            }
            "MissingAuthenticationTokenException" => S3Error::access_denied(),
            _ => S3Error::new(400, "AuthorizationHeaderMalformed", e.message.clone()),
        }
    }
}

/// An answer: status, headers, body.
pub(crate) struct S3Answer {
    pub status: StatusCode,
    pub headers: Vec<(&'static str, String)>,
    pub body: Bytes,
}

impl S3Answer {
    fn ok(body: impl Into<Bytes>) -> S3Answer {
        S3Answer {
            status: StatusCode::OK,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    fn xml(body: String) -> S3Answer {
        let mut a = S3Answer::ok(body);
        a.headers.push(("content-type", "application/xml".into()));
        a
    }

    fn header(mut self, name: &'static str, value: impl Into<String>) -> S3Answer {
        self.headers.push((name, value.into()));
        self
    }
}

/// Whether a request is meant for S3: its SigV4 credential names the service `s3`.
pub(crate) fn is_s3(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("AWS4-HMAC-SHA256 "))
        .and_then(|rest| {
            rest.split(',')
                .find_map(|p| p.trim().strip_prefix("Credential="))
        })
        .is_some_and(|c| c.split('/').nth(3) == Some("s3"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

fn etag(data: &[u8]) -> String {
    format!("\"{}\"", &auth::hex_sha256(data)[..32])
}

fn check_bucket_name(bucket: &str) -> Result<(), S3Error> {
    let ok = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-' || c == b'.')
        && bucket.as_bytes()[0].is_ascii_alphanumeric()
        && bucket.as_bytes()[bucket.len() - 1].is_ascii_alphanumeric();
    if ok {
        Ok(())
    } else {
        // Source: the S3 API reference's error code list.
        Err(S3Error::new(
            400,
            "InvalidBucketName",
            "The specified bucket is not valid.",
        )
        .with("BucketName", bucket))
    }
}

/// The special names (see the module doc).
fn check_access(bucket: &str) -> Result<(), S3Error> {
    if bucket.starts_with("missing-") {
        return Err(S3Error::no_such_bucket(bucket));
    }
    if bucket.starts_with("denied-") {
        return Err(S3Error::access_denied());
    }
    Ok(())
}

/// The body as S3 reads it, after checking the declared payload hash and any checksum.
fn payload(headers: &http::HeaderMap, body: &Bytes) -> Result<Bytes, S3Error> {
    let header = |n: &str| headers.get(n).and_then(|v| v.to_str().ok());
    let Some(declared) = header("x-amz-content-sha256") else {
        // Source: the S3 API reference's error code list (InvalidRequest), message inferred.
        return Err(S3Error::new(
            400,
            "InvalidRequest",
            "Missing required header for this request: x-amz-content-sha256",
        ));
    };
    let data = match declared {
        "UNSIGNED-PAYLOAD" => body.clone(),
        "STREAMING-UNSIGNED-PAYLOAD-TRAILER" => {
            let (data, trailers) = decode_aws_chunked(body)?;
            if let Some(n) = header("x-amz-decoded-content-length")
                && n.parse::<usize>().ok() != Some(data.len())
            {
                // Source: inferred.
                return Err(S3Error::new(
                    400,
                    "IncompleteBody",
                    "You did not provide the number of bytes specified by the Content-Length HTTP header.",
                ));
            }
            for (k, v) in &trailers {
                verify_checksum(k, v, &data)?;
            }
            data
        }
        h if h.len() == 64 && h.bytes().all(|c| c.is_ascii_hexdigit()) => {
            if !h.eq_ignore_ascii_case(&auth::hex_sha256(body)) {
                // Source: the S3 API reference's error code list, message inferred.
                return Err(S3Error::new(
                    400,
                    "XAmzContentSHA256Mismatch",
                    "The provided 'x-amz-content-sha256' header does not match what was computed.",
                ));
            }
            body.clone()
        }
        other => {
            // Signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) are not emulated.
            // Source: inferred.
            return Err(S3Error::new(
                400,
                "InvalidArgument",
                format!(
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, or a valid sha256 value. (the emulator does not take '{other}')"
                ),
            ));
        }
    };
    for (k, v) in headers.iter() {
        if k.as_str().starts_with("x-amz-checksum-")
            && let Ok(v) = v.to_str()
        {
            verify_checksum(k.as_str(), v, &data)?;
        }
    }
    Ok(data)
}

fn verify_checksum(name: &str, value: &str, data: &[u8]) -> Result<(), S3Error> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let computed = match name {
        "x-amz-checksum-crc32" => b64.encode(crc32fast::hash(data).to_be_bytes()),
        "x-amz-checksum-sha256" => {
            use sha2::Digest;
            b64.encode(sha2::Sha256::digest(data))
        }
        _ => return Ok(()),
    };
    if computed != value.trim() {
        let algo = name.trim_start_matches("x-amz-checksum-").to_uppercase();
        // Source: the S3 API reference's error code list (BadDigest), message inferred.
        return Err(S3Error::new(
            400,
            "BadDigest",
            format!("The {algo} you specified did not match the calculated checksum."),
        ));
    }
    Ok(())
}

/// `aws-chunked`: `hex-size\r\ndata\r\n` … `0\r\n`, then trailer lines, then `\r\n`.
fn decode_aws_chunked(body: &[u8]) -> Result<(Bytes, Vec<(String, String)>), S3Error> {
    // Source: inferred.
    let bad = || {
        S3Error::new(
            400,
            "IncompleteBody",
            "The request body is not valid aws-chunked encoding.",
        )
    };
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n").ok_or_else(bad)?;
        let line = std::str::from_utf8(&rest[..line_end]).map_err(|_| bad())?;
        let size_hex = line.split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size_hex.trim(), 16).map_err(|_| bad())?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            break;
        }
        if rest.len() < size + 2 || &rest[size..size + 2] != b"\r\n" {
            return Err(bad());
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size + 2..];
    }
    let mut trailers = Vec::new();
    let text = std::str::from_utf8(rest).map_err(|_| bad())?;
    for line in text.split("\r\n") {
        if line.is_empty() {
            continue;
        }
        let (k, v) = line.split_once(':').ok_or_else(bad)?;
        trailers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    Ok((Bytes::from(out), trailers))
}

fn query_pairs(raw: &str) -> Vec<(String, String)> {
    raw.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            let d = |s: &str| {
                percent_encoding::percent_decode_str(&s.replace('+', " "))
                    .decode_utf8_lossy()
                    .into_owned()
            };
            (d(k), d(v))
        })
        .collect()
}

impl Store {
    /// An object's bytes, for the batch and async engines (which read as the job's role).
    pub fn get(&self, bucket: &str, key: &str) -> Result<Object, S3Error> {
        check_access(bucket)?;
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = buckets
            .get(bucket)
            .ok_or_else(|| S3Error::no_such_bucket(bucket))?;
        b.get(key).cloned().ok_or_else(|| S3Error::no_such_key(key))
    }

    /// Keys under a prefix, in order.
    pub fn list(&self, bucket: &str, prefix: &str) -> Result<Vec<String>, S3Error> {
        check_access(bucket)?;
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = buckets
            .get(bucket)
            .ok_or_else(|| S3Error::no_such_bucket(bucket))?;
        Ok(b.range(prefix.to_string()..)
            .take_while(|(k, _)| k.starts_with(prefix))
            .map(|(k, _)| k.clone())
            .collect())
    }

    /// Writes an object, creating the bucket on first use.
    pub fn put(&self, bucket: &str, key: &str, data: Bytes) -> Result<String, S3Error> {
        check_access(bucket)?;
        let tag = etag(&data);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        buckets.entry(bucket.to_string()).or_default().insert(
            key.to_string(),
            Object {
                data,
                etag: tag.clone(),
                modified: SystemTime::now(),
            },
        );
        Ok(tag)
    }

    /// One S3 request, after routing has recognised it as S3's.
    pub fn handle(
        &self,
        parts: &http::request::Parts,
        body: &Bytes,
        opts: &super::EmulatorOptions,
        request_id: &str,
    ) -> S3Answer {
        let result = auth::authenticate(parts, body, auth::Service::S3, opts, SystemTime::now())
            .map_err(|e| S3Error::from_auth(&e, &opts.region))
            .and_then(|_| payload(&parts.headers, body))
            .and_then(|data| self.operation(parts, data));
        match result {
            Ok(a) => a,
            Err(e) => {
                let head = parts.method == Method::HEAD;
                S3Answer {
                    status: StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST),
                    headers: vec![("content-type", "application/xml".into())],
                    // A HEAD answer has no body: the status says it all.
                    body: if head {
                        Bytes::new()
                    } else {
                        Bytes::from(e.xml(request_id))
                    },
                }
            }
        }
    }

    fn operation(&self, parts: &http::request::Parts, data: Bytes) -> Result<S3Answer, S3Error> {
        let raw = parts.uri.path().trim_start_matches('/');
        let (bucket, key) = match raw.split_once('/') {
            Some((b, k)) => (b.to_string(), k.to_string()),
            None => (raw.to_string(), String::new()),
        };
        let key = percent_encoding::percent_decode_str(&key)
            .decode_utf8_lossy()
            .into_owned();
        let bucket = percent_encoding::percent_decode_str(&bucket)
            .decode_utf8_lossy()
            .into_owned();
        if bucket.is_empty() {
            // ListBuckets is not emulated.
            // Source: inferred.
            return Err(S3Error::new(
                501,
                "NotImplemented",
                "A header you provided implies functionality that is not implemented",
            ));
        }
        check_bucket_name(&bucket)?;
        check_access(&bucket)?;
        let q = query_pairs(parts.uri.query().unwrap_or(""));
        let has = |n: &str| q.iter().any(|(k, _)| k == n);
        let get = |n: &str| q.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        let m = &parts.method;
        if key.is_empty() {
            return match *m {
                Method::PUT => {
                    let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
                    if buckets.contains_key(&bucket) {
                        // Source: the S3 API reference's error code list.
                        return Err(S3Error::new(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.").with("BucketName", &bucket));
                    }
                    buckets.insert(bucket.clone(), BTreeMap::new());
                    Ok(S3Answer::ok(Bytes::new()).header("location", format!("/{bucket}")))
                }
                Method::HEAD => {
                    self.require_bucket(&bucket)?;
                    Ok(S3Answer::ok(Bytes::new()))
                }
                Method::GET if get("list-type") == Some("2") => self.list_v2(&bucket, &q),
                // Source: inferred.
                _ => Err(S3Error::new(
                    501,
                    "NotImplemented",
                    "A header you provided implies functionality that is not implemented",
                )),
            };
        }
        if parts.headers.contains_key("x-amz-copy-source") {
            // Source: inferred.
            return Err(S3Error::new(
                501,
                "NotImplemented",
                "A header you provided implies functionality that is not implemented",
            ));
        }
        match *m {
            Method::PUT => match (get("uploadId"), get("partNumber")) {
                (Some(id), Some(n)) => self.upload_part(&bucket, &key, id, n, data),
                _ => {
                    let tag = self.put(&bucket, &key, data)?;
                    Ok(S3Answer::ok(Bytes::new()).header("etag", tag))
                }
            },
            Method::POST if has("uploads") => {
                self.buckets
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .entry(bucket.clone())
                    .or_default();
                let id = uuid::Uuid::new_v4().simple().to_string();
                self.uploads
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(
                        id.clone(),
                        Upload {
                            bucket: bucket.clone(),
                            key: key.clone(),
                            parts: BTreeMap::new(),
                        },
                    );
                Ok(S3Answer::xml(format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult xmlns=\"{XMLNS}\"><Bucket>{}</Bucket><Key>{}</Key><UploadId>{id}</UploadId></InitiateMultipartUploadResult>",
                    escape(&bucket),
                    escape(&key)
                )))
            }
            Method::POST if has("uploadId") => {
                self.complete(&bucket, &key, get("uploadId").unwrap_or_default(), &data)
            }
            Method::DELETE if has("uploadId") => {
                let id = get("uploadId").unwrap_or_default();
                let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
                match uploads.get(id) {
                    Some(u) if u.bucket == bucket && u.key == key => {
                        uploads.remove(id);
                        Ok(S3Answer {
                            status: StatusCode::NO_CONTENT,
                            headers: Vec::new(),
                            body: Bytes::new(),
                        })
                    }
                    _ => Err(no_such_upload(id)),
                }
            }
            Method::GET | Method::HEAD => {
                let o = self.get(&bucket, &key)?;
                let len = o.data.len();
                let a = S3Answer::ok(if *m == Method::GET {
                    o.data
                } else {
                    Bytes::new()
                })
                .header("etag", o.etag)
                .header("last-modified", http_date(o.modified))
                .header("content-type", "application/octet-stream");
                // HEAD declares the length of the body GET would send.
                Ok(if *m == Method::HEAD {
                    a.header("content-length", len.to_string())
                } else {
                    a
                })
            }
            Method::DELETE => {
                self.require_bucket(&bucket)?;
                let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(b) = buckets.get_mut(&bucket) {
                    b.remove(&key);
                }
                Ok(S3Answer {
                    status: StatusCode::NO_CONTENT,
                    headers: Vec::new(),
                    body: Bytes::new(),
                })
            }
            // Source: S3 answers an unsupported method on an object this way.
            _ => Err(S3Error::new(
                405,
                "MethodNotAllowed",
                "The specified method is not allowed against this resource.",
            )),
        }
    }

    fn require_bucket(&self, bucket: &str) -> Result<(), S3Error> {
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.contains_key(bucket) {
            Ok(())
        } else {
            Err(S3Error::no_such_bucket(bucket))
        }
    }

    fn upload_part(
        &self,
        bucket: &str,
        key: &str,
        id: &str,
        number: &str,
        data: Bytes,
    ) -> Result<S3Answer, S3Error> {
        let n: u32 = number
            .parse()
            .ok()
            .filter(|n| (1..=10000).contains(n))
            .ok_or_else(|| {
                // Source: the S3 API reference (partNumber is 1 to 10,000), message inferred.
                S3Error::new(
                    400,
                    "InvalidArgument",
                    "Part number must be an integer between 1 and 10000, inclusive",
                )
            })?;
        let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
        let u = uploads
            .get_mut(id)
            .filter(|u| u.bucket == bucket && u.key == key)
            .ok_or_else(|| no_such_upload(id))?;
        let tag = etag(&data);
        u.parts.insert(
            n,
            Object {
                data,
                etag: tag.clone(),
                modified: SystemTime::now(),
            },
        );
        Ok(S3Answer::ok(Bytes::new()).header("etag", tag))
    }

    fn complete(
        &self,
        bucket: &str,
        key: &str,
        id: &str,
        body: &[u8],
    ) -> Result<S3Answer, S3Error> {
        let text = String::from_utf8_lossy(body);
        let listed = parse_parts(&text).ok_or_else(|| {
            // Source: the S3 API reference's error code list.
            S3Error::new(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.")
        })?;
        let mut uploads = self.uploads.lock().unwrap_or_else(|e| e.into_inner());
        let u = uploads
            .get(id)
            .filter(|u| u.bucket == bucket && u.key == key)
            .ok_or_else(|| no_such_upload(id))?;
        if listed.is_empty() {
            return Err(S3Error::new(
                400,
                "MalformedXML",
                "The XML you provided was not well-formed or did not validate against our published schema.",
            ));
        }
        if listed.windows(2).any(|w| w[0].0 >= w[1].0) {
            // Source: the S3 API reference's error code list.
            return Err(S3Error::new(
                400,
                "InvalidPartOrder",
                "The list of parts was not in ascending order. The parts list must be specified in order by part number.",
            ));
        }
        let mut data = Vec::new();
        let mut digests = Vec::new();
        for (i, (n, tag)) in listed.iter().enumerate() {
            let part = u.parts.get(n).filter(|p| p.etag.trim_matches('"') == tag.trim_matches('"')).ok_or_else(|| {
                // Source: the S3 API reference's error code list.
                S3Error::new(400, "InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.")
            })?;
            if i + 1 < listed.len() && part.data.len() < MIN_PART {
                // Source: the S3 API reference's error code list.
                return Err(S3Error::new(
                    400,
                    "EntityTooSmall",
                    "Your proposed upload is smaller than the minimum allowed object size.",
                ));
            }
            data.extend_from_slice(&part.data);
            digests.push(part.etag.trim_matches('"').to_string());
        }
        uploads.remove(id);
        drop(uploads);
        let tag = format!(
            "\"{}-{}\"",
            &auth::hex_sha256(digests.join("").as_bytes())[..32],
            listed.len()
        );
        {
            let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
            buckets.entry(bucket.to_string()).or_default().insert(
                key.to_string(),
                Object {
                    data: Bytes::from(data),
                    etag: tag.clone(),
                    modified: SystemTime::now(),
                },
            );
        }
        Ok(S3Answer::xml(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CompleteMultipartUploadResult xmlns=\"{XMLNS}\"><Location>/{b}/{k}</Location><Bucket>{b}</Bucket><Key>{k}</Key><ETag>{}</ETag></CompleteMultipartUploadResult>",
            escape(&tag),
            b = escape(bucket),
            k = escape(key),
        )))
    }

    fn list_v2(&self, bucket: &str, q: &[(String, String)]) -> Result<S3Answer, S3Error> {
        let get = |n: &str| q.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        let prefix = get("prefix").unwrap_or_default();
        let delimiter = get("delimiter").filter(|d| !d.is_empty());
        let max: usize = match get("max-keys") {
            None => 1000,
            Some(v) => v.parse::<usize>().map(|n| n.min(1000)).map_err(|_| {
                // Source: the S3 API reference's error code list (InvalidArgument), message inferred.
                S3Error::new(
                    400,
                    "InvalidArgument",
                    "Provided max-keys not an integer or within integer range",
                )
            })?,
        };
        let after = match get("continuation-token") {
            Some(t) => Some(
                base64::engine::general_purpose::STANDARD
                    .decode(t)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .ok_or_else(|| {
                        // Source: the S3 API reference's error code list, message inferred.
                        S3Error::new(
                            400,
                            "InvalidArgument",
                            "The continuation token provided is incorrect",
                        )
                    })?,
            ),
            None => get("start-after").map(str::to_string),
        };
        let buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let b = buckets
            .get(bucket)
            .ok_or_else(|| S3Error::no_such_bucket(bucket))?;
        let mut contents = String::new();
        let mut prefixes: Vec<String> = Vec::new();
        let mut count = 0;
        let mut last = None;
        let mut truncated = false;
        for (k, o) in b.range(prefix.to_string()..) {
            if !k.starts_with(prefix) {
                break;
            }
            if after.as_deref().is_some_and(|a| k.as_str() <= a) {
                continue;
            }
            if count == max {
                truncated = true;
                break;
            }
            if let Some(d) = delimiter
                && let Some(pos) = k[prefix.len()..].find(d)
            {
                let common = k[..prefix.len() + pos + d.len()].to_string();
                if prefixes.last() != Some(&common) {
                    prefixes.push(common);
                    count += 1;
                }
                last = Some(k.clone());
                continue;
            }
            contents.push_str(&format!(
                "<Contents><Key>{}</Key><LastModified>{}</LastModified><ETag>{}</ETag><Size>{}</Size><StorageClass>STANDARD</StorageClass></Contents>",
                escape(k),
                iso_millis(o.modified),
                escape(&o.etag),
                o.data.len()
            ));
            count += 1;
            last = Some(k.clone());
        }
        let mut out = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"{XMLNS}\"><Name>{}</Name><Prefix>{}</Prefix><KeyCount>{count}</KeyCount><MaxKeys>{max}</MaxKeys><IsTruncated>{truncated}</IsTruncated>",
            escape(bucket),
            escape(prefix)
        );
        if let Some(d) = delimiter {
            out.push_str(&format!("<Delimiter>{}</Delimiter>", escape(d)));
        }
        if let Some(t) = get("continuation-token") {
            out.push_str(&format!(
                "<ContinuationToken>{}</ContinuationToken>",
                escape(t)
            ));
        }
        if truncated && let Some(l) = last {
            out.push_str(&format!(
                "<NextContinuationToken>{}</NextContinuationToken>",
                base64::engine::general_purpose::STANDARD.encode(l)
            ));
        }
        out.push_str(&contents);
        for p in prefixes {
            out.push_str(&format!(
                "<CommonPrefixes><Prefix>{}</Prefix></CommonPrefixes>",
                escape(&p)
            ));
        }
        out.push_str("</ListBucketResult>");
        Ok(S3Answer::xml(out))
    }
}

fn no_such_upload(id: &str) -> S3Error {
    // Source: the S3 API reference's error code list.
    S3Error::new(404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.").with("UploadId", id)
}

/// `<Part><PartNumber>N</PartNumber><ETag>"…"</ETag>…</Part>` in order; None when a part
/// lacks either element.
fn parse_parts(xml: &str) -> Option<Vec<(u32, String)>> {
    let xml = xml.replace("&quot;", "\"");
    let mut out = Vec::new();
    for chunk in xml.split("<Part>").skip(1) {
        let body = chunk.split("</Part>").next()?;
        let tag = |name: &str| {
            let open = format!("<{name}>");
            let close = format!("</{name}>");
            let start = body.find(&open)? + open.len();
            let end = body[start..].find(&close)? + start;
            Some(body[start..end].trim().to_string())
        };
        out.push((tag("PartNumber")?.parse().ok()?, tag("ETag")?));
    }
    Some(out)
}

fn iso_millis(t: SystemTime) -> String {
    let s = auth::format_iso(t);
    format!("{}.000Z", s.trim_end_matches('Z'))
}

/// RFC 7231 date, as `Last-Modified` carries it.
fn http_date(t: SystemTime) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    let iso = auth::format_amz_date(t);
    let month: usize = iso[4..6].parse().unwrap_or(1);
    format!(
        "{}, {} {} {} {}:{}:{} GMT",
        DAYS[((secs / 86400) % 7) as usize],
        &iso[6..8],
        MONTHS[month - 1],
        &iso[0..4],
        &iso[9..11],
        &iso[11..13],
        &iso[13..15]
    )
}

/// `s3://bucket/key-or-prefix` → (bucket, key).
pub(crate) fn split_uri(uri: &str) -> Option<(String, String)> {
    let rest = uri.strip_prefix("s3://")?;
    let (b, k) = rest.split_once('/').unwrap_or((rest, ""));
    (!b.is_empty()).then(|| (b.to_string(), k.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_chunked_bodies_decode_and_checksums_verify() {
        let data = b"hello world";
        let crc =
            base64::engine::general_purpose::STANDARD.encode(crc32fast::hash(data).to_be_bytes());
        let body = format!("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:{crc}\r\n\r\n");
        let (out, trailers) = decode_aws_chunked(body.as_bytes()).unwrap();
        assert_eq!(&out[..], data);
        assert_eq!(trailers, vec![("x-amz-checksum-crc32".into(), crc.clone())]);
        assert!(verify_checksum("x-amz-checksum-crc32", &crc, data).is_ok());
        assert_eq!(
            verify_checksum("x-amz-checksum-crc32", &crc, b"other")
                .unwrap_err()
                .code,
            "BadDigest"
        );
        assert!(decode_aws_chunked(b"5\r\nhel").is_err());
    }

    #[test]
    fn parts_parse_in_order() {
        let xml = "<CompleteMultipartUpload><Part><ETag>&quot;a&quot;</ETag><PartNumber>1</PartNumber></Part><Part><PartNumber>2</PartNumber><ETag>\"b\"</ETag></Part></CompleteMultipartUpload>";
        assert_eq!(
            parse_parts(xml).unwrap(),
            vec![(1, "\"a\"".to_string()), (2, "\"b\"".to_string())]
        );
        assert_eq!(parse_parts("<Part><ETag>x</ETag></Part>"), None);
    }

    #[test]
    fn special_bucket_names_and_errors() {
        let s = Store::default();
        assert_eq!(
            s.put("missing-b", "k", Bytes::new()).unwrap_err().code,
            "NoSuchBucket"
        );
        assert_eq!(
            s.put("denied-b", "k", Bytes::new()).unwrap_err().code,
            "AccessDenied"
        );
        assert_eq!(s.get("never", "k").unwrap_err().code, "NoSuchBucket");
        s.put("bkt", "a/b.jsonl", Bytes::from_static(b"x")).unwrap();
        assert_eq!(s.get("bkt", "a/c").unwrap_err().code, "NoSuchKey");
        assert_eq!(s.list("bkt", "a/").unwrap(), vec!["a/b.jsonl".to_string()]);
        let xml = S3Error::no_such_bucket("b").xml("req1");
        assert!(xml.contains("<Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>b</BucketName>"), "{xml}");
        assert_eq!(split_uri("s3://b/p/q"), Some(("b".into(), "p/q".into())));
        assert!(http_date(SystemTime::UNIX_EPOCH).starts_with("Thu, 01 Jan 1970 00:00:00"));
    }
}

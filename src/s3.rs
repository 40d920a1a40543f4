//! S3 for batch inference and async invocation, through the AWS SDK's S3 client (its endpoint
//! rules, checksums and multipart shapes are not worth re-writing). It shares the Bedrock
//! client's region and credentials; its endpoint is the `--mock` emulator, else
//! `AWS_ENDPOINT_URL_S3` (or `AWS_ENDPOINT_URL`), else AWS's. A custom endpoint is addressed
//! path-style (`http://host/bucket/key`), which S3-compatible servers and the emulator expect.

use aws_sdk_s3::config::{BehaviorVersion, Region};
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};

use crate::config::Settings;
use crate::error::{Error, Result};

/// Size of each multipart part: S3's minimum is 5 MiB (all parts but the last).
pub const PART_SIZE: usize = 8 * 1024 * 1024;

/// `s3://bucket/key` split; the key may be empty or a prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Uri {
    pub bucket: String,
    pub key: String,
}

impl S3Uri {
    /// Parses and checks a URI the way Bedrock's batch API constrains it (bucket names as S3
    /// allows them; key segments of letters, digits and `-!_*'().`).
    pub fn parse(s: &str) -> Result<S3Uri> {
        let bad = |why: &str| {
            Error::usage(format!(
                "'{s}' is not a usable S3 location ({why}): give s3://BUCKET/PREFIX/"
            ))
        };
        let rest = s
            .strip_prefix("s3://")
            .ok_or_else(|| bad("it must start with s3://"))?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        let b = bucket.as_bytes();
        let bucket_ok = (3..=63).contains(&b.len())
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-' || *c == b'.')
            && b[0].is_ascii_alphanumeric()
            && b[b.len() - 1].is_ascii_alphanumeric();
        if !bucket_ok {
            return Err(bad(
                "bucket names are 3 to 63 lower-case letters, digits, dots and hyphens",
            ));
        }
        let trimmed = key.strip_suffix('/').unwrap_or(key);
        if !trimmed.is_empty()
            && !trimmed.split('/').all(|seg| {
                !seg.is_empty()
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "-!_*'().".contains(c))
            })
        {
            return Err(bad(
                "Bedrock takes only letters, digits and -!_*'(). in the path",
            ));
        }
        Ok(S3Uri {
            bucket: bucket.to_string(),
            key: key.to_string(),
        })
    }

    /// The key as a prefix ending in `/` (or empty).
    pub fn prefix(&self) -> String {
        if self.key.is_empty() || self.key.ends_with('/') {
            self.key.clone()
        } else {
            format!("{}/", self.key)
        }
    }

    pub fn child(&self, name: &str) -> S3Uri {
        S3Uri {
            bucket: self.bucket.clone(),
            key: format!("{}{name}", self.prefix()),
        }
    }
}

impl std::fmt::Display for S3Uri {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.key)
    }
}

pub struct S3 {
    client: aws_sdk_s3::Client,
}

/// An S3 client with the same region and credentials as `bedrock` (which, under `--mock`, also
/// names the emulator's address).
pub async fn client(settings: &Settings, bedrock: &brock_bedrock::Client) -> Result<S3> {
    let creds = bedrock.credentials().await?;
    let endpoint = if settings.mock {
        Some(
            bedrock
                .endpoint(brock_bedrock::Service::Runtime)
                .to_string(),
        )
    } else {
        ["AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
    };
    let mut b = aws_sdk_s3::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(bedrock.region().to_string()))
        .credentials_provider(creds)
        .retry_config(
            aws_sdk_s3::config::retry::RetryConfig::standard()
                .with_max_attempts(settings.max_attempts.max(1)),
        );
    if let Some(url) = endpoint {
        b = b.endpoint_url(url).force_path_style(true);
    }
    Ok(S3 {
        client: aws_sdk_s3::Client::from_conf(b.build()),
    })
}

/// One line for an S3 failure: the operation, the location, S3's code and message.
fn s3_error<E, R>(what: &str, uri: &str, e: SdkError<E, R>) -> Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match &e {
        SdkError::ServiceError(se) => {
            let err = se.err();
            let code = err.code().unwrap_or("S3Error").to_string();
            let status = match code.as_str() {
                "NoSuchBucket" | "NoSuchKey" | "NotFound" => 404,
                "AccessDenied" | "InvalidAccessKeyId" | "SignatureDoesNotMatch" => 403,
                _ => 400,
            };
            let message = match code.as_str() {
                "NoSuchBucket" => format!(
                    "cannot {what} {uri}: the bucket does not exist (create it, or check the bucket name)"
                ),
                "AccessDenied" => format!(
                    "cannot {what} {uri}: access denied (your credentials need s3 permissions on this bucket)"
                ),
                _ => format!(
                    "cannot {what} {uri}: {}",
                    err.message().unwrap_or("no message")
                ),
            };
            Error::service(status, code, message)
        }
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) => Error::Network(format!(
            "cannot {what} {uri}: cannot reach S3 ({})",
            aws_sdk_s3::error::DisplayErrorContext(&e)
        )),
        _ => Error::Protocol(format!(
            "cannot {what} {uri}: {}",
            aws_sdk_s3::error::DisplayErrorContext(&e)
        )),
    }
}

impl S3 {
    pub async fn put(&self, uri: &S3Uri, data: Vec<u8>) -> Result<()> {
        self.client
            .put_object()
            .bucket(&uri.bucket)
            .key(&uri.key)
            .body(ByteStream::from(data))
            .send()
            .await
            .map_err(|e| s3_error("upload to", &uri.to_string(), e))?;
        Ok(())
    }

    pub async fn get(&self, uri: &S3Uri) -> Result<ByteStream> {
        let out = self
            .client
            .get_object()
            .bucket(&uri.bucket)
            .key(&uri.key)
            .send()
            .await
            .map_err(|e| s3_error("read", &uri.to_string(), e))?;
        Ok(out.body)
    }

    pub async fn get_bytes(&self, uri: &S3Uri) -> Result<Vec<u8>> {
        let body = self.get(uri).await?;
        let data = body
            .collect()
            .await
            .map_err(|e| Error::Network(format!("cannot read {uri}: {e}")))?;
        Ok(data.into_bytes().to_vec())
    }

    pub async fn delete(&self, uri: &S3Uri) -> Result<()> {
        self.client
            .delete_object()
            .bucket(&uri.bucket)
            .key(&uri.key)
            .send()
            .await
            .map_err(|e| s3_error("delete", &uri.to_string(), e))?;
        Ok(())
    }

    /// Whether HeadObject finds the object. Any failure counts as "not found": the caller's
    /// next request names the real problem (a missing bucket, access denied) in one line, as
    /// a HEAD answer has no body to say it.
    pub async fn exists(&self, uri: &S3Uri) -> bool {
        self.client
            .head_object()
            .bucket(&uri.bucket)
            .key(&uri.key)
            .send()
            .await
            .is_ok()
    }

    /// Every key under a prefix, in S3's (lexicographic) order.
    pub async fn list(&self, uri: &S3Uri) -> Result<Vec<String>> {
        let mut keys = Vec::new();
        let mut token = None;
        loop {
            let out = self
                .client
                .list_objects_v2()
                .bucket(&uri.bucket)
                .prefix(&uri.key)
                .set_continuation_token(token.take())
                .send()
                .await
                .map_err(|e| s3_error("list", &uri.to_string(), e))?;
            keys.extend(
                out.contents()
                    .iter()
                    .filter_map(|o| o.key().map(str::to_string)),
            );
            match out.next_continuation_token() {
                Some(t) if out.is_truncated() == Some(true) => token = Some(t.to_string()),
                _ => break,
            }
        }
        Ok(keys)
    }

    /// An object written in pieces: a single PutObject when it stays under one part, else a
    /// multipart upload whose parts go up as they fill (so memory holds one part at most).
    pub fn writer<'a>(&'a self, uri: S3Uri) -> ObjectWriter<'a> {
        ObjectWriter {
            s3: self,
            uri,
            buf: Vec::new(),
            upload_id: None,
            parts: Vec::new(),
            written: 0,
        }
    }
}

pub struct ObjectWriter<'a> {
    s3: &'a S3,
    uri: S3Uri,
    buf: Vec<u8>,
    upload_id: Option<String>,
    parts: Vec<CompletedPart>,
    written: u64,
}

impl ObjectWriter<'_> {
    pub async fn write(&mut self, data: &[u8]) -> Result<()> {
        self.buf.extend_from_slice(data);
        self.written += data.len() as u64;
        if self.buf.len() >= PART_SIZE {
            self.flush_part().await?;
        }
        Ok(())
    }

    pub fn bytes_written(&self) -> u64 {
        self.written
    }

    async fn flush_part(&mut self) -> Result<()> {
        let uri = self.uri.to_string();
        if self.upload_id.is_none() {
            let out = self
                .s3
                .client
                .create_multipart_upload()
                .bucket(&self.uri.bucket)
                .key(&self.uri.key)
                .send()
                .await
                .map_err(|e| s3_error("upload to", &uri, e))?;
            self.upload_id = out.upload_id().map(str::to_string);
        }
        let number = self.parts.len() as i32 + 1;
        let data = std::mem::take(&mut self.buf);
        let out = self
            .s3
            .client
            .upload_part()
            .bucket(&self.uri.bucket)
            .key(&self.uri.key)
            .upload_id(self.upload_id.clone().unwrap_or_default())
            .part_number(number)
            .body(ByteStream::from(data))
            .send()
            .await
            .map_err(|e| s3_error("upload to", &uri, e))?;
        self.parts.push(
            CompletedPart::builder()
                .part_number(number)
                .set_e_tag(out.e_tag().map(str::to_string))
                .set_checksum_crc32(out.checksum_crc32().map(str::to_string))
                .build(),
        );
        Ok(())
    }

    pub async fn finish(mut self) -> Result<u64> {
        if self.upload_id.is_none() {
            let data = std::mem::take(&mut self.buf);
            self.s3.put(&self.uri, data).await?;
            return Ok(self.written);
        }
        if !self.buf.is_empty() {
            self.flush_part().await?;
        }
        let uri = self.uri.to_string();
        self.s3
            .client
            .complete_multipart_upload()
            .bucket(&self.uri.bucket)
            .key(&self.uri.key)
            .upload_id(self.upload_id.clone().unwrap_or_default())
            .multipart_upload(
                CompletedMultipartUpload::builder()
                    .set_parts(Some(std::mem::take(&mut self.parts)))
                    .build(),
            )
            .send()
            .await
            .map_err(|e| s3_error("upload to", &uri, e))?;
        Ok(self.written)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_parse_as_bedrock_constrains_them() {
        let u = S3Uri::parse("s3://my-bucket/jobs/a").unwrap();
        assert_eq!(u.bucket, "my-bucket");
        assert_eq!(u.prefix(), "jobs/a/");
        assert_eq!(
            u.child("x.jsonl").to_string(),
            "s3://my-bucket/jobs/a/x.jsonl"
        );
        assert!(S3Uri::parse("s3://B/x").is_err());
        assert!(S3Uri::parse("https://b/x").is_err());
        assert!(S3Uri::parse("s3://bucket/a b/").is_err());
        assert_eq!(S3Uri::parse("s3://bucket").unwrap().prefix(), "");
    }
}

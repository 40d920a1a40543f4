//! Attachments: from a file name and its bytes to an image, document or video part, checked
//! against what Converse accepts inline.
//!
//! The content decides over the extension where the bytes say what they are (magic numbers);
//! text formats, which have none, go by extension.

use super::error::{Error, Result};
use super::message::{DocumentFormat, ImageFormat, Part, Source, VideoFormat};

const MIB: usize = 1024 * 1024;
/// Converse limit per inline image (3.75 MB).
pub const MAX_IMAGE_BYTES: usize = 3 * MIB + 3 * MIB / 4;
/// Converse limit per inline document (4.5 MB).
pub const MAX_DOCUMENT_BYTES: usize = 4 * MIB + MIB / 2;
/// Inline video: the whole request must stay under 25 MB, and bytes travel base64-encoded
/// (4/3 larger), so at most 18.75 MB of video fits. Larger videos go through S3 (up to 1 GB).
pub const MAX_VIDEO_BYTES: usize = 25 * MIB / 4 * 3;
/// Converse limits per message: "You can include up to 20 images. [...] You can include up to
/// five documents." (Amazon Bedrock API Reference, `Message`,
/// https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html). No count
/// is documented for videos; their size is bounded by [`MAX_VIDEO_BYTES`].
pub const MAX_IMAGES_PER_MESSAGE: usize = 20;
pub const MAX_DOCUMENTS_PER_MESSAGE: usize = 5;
/// Converse limit on document names.
pub const MAX_DOCUMENT_NAME: usize = 200;

/// What an attachment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Image(ImageFormat),
    Document(DocumentFormat),
    Video(VideoFormat),
}

fn extension(name: &str) -> Option<String> {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty() && !ext.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The kind named by a file extension alone.
pub fn kind_from_extension(name: &str) -> Option<Kind> {
    let ext = extension(name)?;
    Some(match ext.as_str() {
        "png" => Kind::Image(ImageFormat::Png),
        "jpg" | "jpeg" | "jpe" => Kind::Image(ImageFormat::Jpeg),
        "gif" => Kind::Image(ImageFormat::Gif),
        "webp" => Kind::Image(ImageFormat::Webp),
        "pdf" => Kind::Document(DocumentFormat::Pdf),
        "csv" => Kind::Document(DocumentFormat::Csv),
        "doc" => Kind::Document(DocumentFormat::Doc),
        "docx" => Kind::Document(DocumentFormat::Docx),
        "xls" => Kind::Document(DocumentFormat::Xls),
        "xlsx" => Kind::Document(DocumentFormat::Xlsx),
        "html" | "htm" => Kind::Document(DocumentFormat::Html),
        "txt" | "text" | "log" => Kind::Document(DocumentFormat::Txt),
        "md" | "markdown" => Kind::Document(DocumentFormat::Md),
        "mkv" => Kind::Video(VideoFormat::Mkv),
        "mov" | "qt" => Kind::Video(VideoFormat::Mov),
        "mp4" | "m4v" => Kind::Video(VideoFormat::Mp4),
        "webm" => Kind::Video(VideoFormat::Webm),
        "flv" => Kind::Video(VideoFormat::Flv),
        "mpeg" => Kind::Video(VideoFormat::Mpeg),
        "mpg" => Kind::Video(VideoFormat::Mpg),
        "wmv" => Kind::Video(VideoFormat::Wmv),
        "3gp" | "3gpp" | "3g2" => Kind::Video(VideoFormat::ThreeGp),
        _ => return None,
    })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn utf16le(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The kind the bytes themselves declare, if they have a signature.
fn sniff(bytes: &[u8], ext_kind: Option<Kind>) -> Option<Kind> {
    let b = bytes;
    let head = &b[..b.len().min(64 * 1024)];
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(Kind::Image(ImageFormat::Png));
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(Kind::Image(ImageFormat::Jpeg));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some(Kind::Image(ImageFormat::Gif));
    }
    if b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Some(Kind::Image(ImageFormat::Webp));
    }
    if b.starts_with(b"%PDF-") {
        return Some(Kind::Document(DocumentFormat::Pdf));
    }
    if b.starts_with(b"PK\x03\x04") {
        // Office Open XML: the part names appear in the zip's local headers.
        if contains(head, b"word/") {
            return Some(Kind::Document(DocumentFormat::Docx));
        }
        if contains(head, b"xl/") {
            return Some(Kind::Document(DocumentFormat::Xlsx));
        }
        return match ext_kind {
            Some(k @ Kind::Document(DocumentFormat::Docx | DocumentFormat::Xlsx)) => Some(k),
            _ => None,
        };
    }
    if b.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // OLE compound file: the stream names tell Word from Excel.
        if contains(b, &utf16le("WordDocument")) {
            return Some(Kind::Document(DocumentFormat::Doc));
        }
        if contains(b, &utf16le("Workbook")) || contains(b, &utf16le("Book")) {
            return Some(Kind::Document(DocumentFormat::Xls));
        }
        return match ext_kind {
            Some(k @ Kind::Document(DocumentFormat::Doc | DocumentFormat::Xls)) => Some(k),
            _ => None,
        };
    }
    if b.len() >= 12 && &b[4..8] == b"ftyp" {
        let brand = &b[8..12];
        return Some(Kind::Video(match brand {
            b"qt  " => VideoFormat::Mov,
            b"3gp4" | b"3gp5" | b"3gp6" | b"3gp7" | b"3g2a" | b"3g2b" | b"3g2c" => {
                VideoFormat::ThreeGp
            }
            _ => VideoFormat::Mp4,
        }));
    }
    if b.len() >= 8 && matches!(&b[4..8], b"moov" | b"mdat" | b"wide" | b"free" | b"pnot") {
        return Some(Kind::Video(VideoFormat::Mov));
    }
    if b.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        let head = &b[..b.len().min(64)];
        return Some(Kind::Video(if contains(head, b"webm") {
            VideoFormat::Webm
        } else {
            VideoFormat::Mkv
        }));
    }
    if b.starts_with(b"FLV") {
        return Some(Kind::Video(VideoFormat::Flv));
    }
    if b.starts_with(&[0x00, 0x00, 0x01, 0xBA]) || b.starts_with(&[0x00, 0x00, 0x01, 0xB3]) {
        return Some(Kind::Video(match ext_kind {
            Some(Kind::Video(VideoFormat::Mpg)) => VideoFormat::Mpg,
            _ => VideoFormat::Mpeg,
        }));
    }
    if b.starts_with(&[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]) {
        return Some(Kind::Video(VideoFormat::Wmv));
    }
    None
}

fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // A cut in the middle of a UTF-8 sequence at the end of the sample is fine.
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    // Control characters other than tab, newlines, form feed and escape mean binary.
    let binary = head
        .iter()
        .any(|&c| c < 0x09 || (0x0E..0x20).contains(&c) && c != 0x1B);
    valid && !binary
}

fn supported_list() -> String {
    format!(
        "images ({}), documents ({}) and videos ({})",
        ImageFormat::names(),
        DocumentFormat::names(),
        VideoFormat::names()
    )
}

/// Decides what an attachment is from its name and bytes.
pub fn classify(name: &str, bytes: &[u8]) -> Result<Kind> {
    let err = |reason: String| Error::Attachment {
        name: name.to_string(),
        reason,
    };
    if bytes.is_empty() {
        return Err(err("the file is empty".into()));
    }
    let by_ext = kind_from_extension(name);
    if let Some(k) = sniff(bytes, by_ext) {
        return Ok(k);
    }
    let text_doc = matches!(
        by_ext,
        Some(Kind::Document(
            DocumentFormat::Csv | DocumentFormat::Html | DocumentFormat::Txt | DocumentFormat::Md
        ))
    );
    if looks_like_text(bytes) {
        if text_doc {
            return Ok(by_ext.unwrap_or(Kind::Document(DocumentFormat::Txt)));
        }
        if by_ext.is_none() {
            let lower: Vec<u8> = bytes[..bytes.len().min(512)].to_ascii_lowercase();
            let html = contains(&lower, b"<!doctype html") || contains(&lower, b"<html");
            return Ok(Kind::Document(if html {
                DocumentFormat::Html
            } else {
                DocumentFormat::Txt
            }));
        }
    }
    Err(match by_ext {
        Some(k) => err(format!(
            "the content does not look like a {} file",
            match k {
                Kind::Image(f) => f.as_str(),
                Kind::Document(f) => f.as_str(),
                Kind::Video(f) => f.as_str(),
            }
        )),
        None => err(format!(
            "unsupported file type; Bedrock accepts {}",
            supported_list()
        )),
    })
}

fn mb(n: usize) -> String {
    let v = n as f64 / MIB as f64;
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} MB")
}

/// Checks the inline size limit of a kind.
pub fn check_size(name: &str, kind: Kind, len: usize) -> Result<()> {
    let (limit, what, hint) = match kind {
        Kind::Image(_) => (MAX_IMAGE_BYTES, "an image", ""),
        Kind::Document(_) => (MAX_DOCUMENT_BYTES, "a document", ""),
        Kind::Video(_) => (
            MAX_VIDEO_BYTES,
            "an inline video",
            "; upload it to S3 and pass the s3:// URI",
        ),
    };
    if len > limit {
        let (size, max) = match (mb(len), mb(limit)) {
            // Just over the limit: rounding would show the same number twice.
            (a, b) if a == b => (format!("{len} bytes"), format!("{limit} bytes ({b})")),
            pair => pair,
        };
        return Err(Error::Attachment {
            name: name.to_string(),
            reason: format!("the file is {size}; Bedrock accepts at most {max} for {what}{hint}"),
        });
    }
    Ok(())
}

/// Checks one message's attachments against the per-message counts and each inline one against
/// its size limit (parts from a session or an OpenAI request, not only from `--attach`), so
/// the refusal comes before anything is sent.
pub fn check_message(parts: &[Part]) -> std::result::Result<(), String> {
    let (mut images, mut documents) = (0, 0);
    for p in parts {
        let (kind, name, source) = match p {
            Part::Image { format, source } => {
                images += 1;
                (Kind::Image(*format), "an image", source)
            }
            Part::Document {
                format,
                name,
                source,
            } => {
                documents += 1;
                (Kind::Document(*format), name.as_str(), source)
            }
            Part::Video { format, source } => (Kind::Video(*format), "a video", source),
            _ => continue,
        };
        if let Source::Bytes(b) = source {
            check_size(name, kind, b.len()).map_err(|e| e.to_string())?;
        }
    }
    if images > MAX_IMAGES_PER_MESSAGE {
        return Err(format!(
            "{images} images in one message; Bedrock accepts at most {MAX_IMAGES_PER_MESSAGE}"
        ));
    }
    if documents > MAX_DOCUMENTS_PER_MESSAGE {
        return Err(format!(
            "{documents} documents in one message; Bedrock accepts at most {MAX_DOCUMENTS_PER_MESSAGE}"
        ));
    }
    Ok(())
}

/// A document name Bedrock accepts: the file's stem with only letters, digits, single
/// spaces, hyphens, parentheses and square brackets, at most 200 characters.
pub fn sanitize_document_name(file_name: &str) -> String {
    let file = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match file.rsplit_once('.') {
        Some((s, _)) if !s.is_empty() => s,
        _ => file,
    };
    let mut out = String::with_capacity(stem.len());
    for c in stem.chars() {
        let c = if c.is_ascii_alphanumeric() || matches!(c, '-' | '(' | ')' | '[' | ']') {
            c
        } else if c == '_' || c == '.' {
            '-'
        } else {
            ' '
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    let mut out: String = out.trim_end().chars().take(MAX_DOCUMENT_NAME).collect();
    out.truncate(out.trim_end().len());
    if !out.chars().any(|c| c.is_ascii_alphanumeric()) {
        out.clear();
        out.push_str("Document");
    }
    out
}

/// Makes document names unique within one message by numbering repeats: "report (2)".
pub fn dedupe_document_names(parts: &mut [Part]) {
    let mut seen: Vec<String> = Vec::new();
    for p in parts.iter_mut() {
        if let Part::Document { name, .. } = p {
            let mut candidate = name.clone();
            let mut n = 2;
            while seen.iter().any(|s| s.eq_ignore_ascii_case(&candidate)) {
                let suffix = format!(" ({n})");
                let keep = MAX_DOCUMENT_NAME.saturating_sub(suffix.len());
                let base: String = name.chars().take(keep).collect();
                candidate = format!("{}{suffix}", base.trim_end());
                n += 1;
            }
            *name = candidate.clone();
            seen.push(candidate);
        }
    }
}

fn part_for(kind: Kind, name: &str, source: Source) -> Part {
    match kind {
        Kind::Image(format) => Part::Image { format, source },
        Kind::Document(format) => Part::Document {
            format,
            name: sanitize_document_name(name),
            source,
        },
        Kind::Video(format) => Part::Video { format, source },
    }
}

/// An attachment as a part, checked for type and size.
pub fn attachment_part(name: &str, bytes: Vec<u8>) -> Result<Part> {
    let kind = classify(name, &bytes)?;
    check_size(name, kind, bytes.len())?;
    Ok(part_for(kind, name, Source::Bytes(bytes)))
}

/// An `s3://bucket/key` reference as a part; the format comes from the key's extension.
pub fn s3_part(uri: &str, bucket_owner: Option<&str>) -> Result<Part> {
    let err = |reason: &str| Error::Attachment {
        name: uri.to_string(),
        reason: reason.to_string(),
    };
    let rest = uri
        .strip_prefix("s3://")
        .ok_or_else(|| err("not an s3:// URI"))?;
    let (bucket, key) = rest
        .split_once('/')
        .ok_or_else(|| err("expected s3://BUCKET/KEY"))?;
    let bucket_ok = (3..=63).contains(&bucket.len())
        && bucket
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'.' || c == b'-')
        && bucket.as_bytes()[0].is_ascii_alphanumeric()
        && bucket.as_bytes()[bucket.len() - 1].is_ascii_alphanumeric();
    if !bucket_ok {
        return Err(err("the bucket name is not valid"));
    }
    if key.is_empty() || uri.len() > 1024 {
        return Err(err(
            "expected s3://BUCKET/KEY with a key of at most 1024 characters in all",
        ));
    }
    if let Some(owner) = bucket_owner
        && !(owner.len() == 12 && owner.bytes().all(|c| c.is_ascii_digit()))
    {
        return Err(err("the bucket owner must be a 12-digit account id"));
    }
    let kind = kind_from_extension(key).ok_or_else(|| Error::Attachment {
        name: uri.to_string(),
        reason: format!(
            "cannot tell the format from the key's extension; Bedrock accepts {}",
            supported_list()
        ),
    })?;
    Ok(part_for(
        kind,
        key,
        Source::S3 {
            uri: uri.to_string(),
            bucket_owner: bucket_owner.map(str::to_string),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, bytes: &[u8]) -> Kind {
        classify(name, bytes).unwrap()
    }

    #[test]
    fn magic_numbers_win_over_extensions() {
        assert_eq!(
            kind("x.jpg", b"\x89PNG\r\n\x1a\nrest"),
            Kind::Image(ImageFormat::Png)
        );
        assert_eq!(
            kind("x", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Kind::Image(ImageFormat::Jpeg)
        );
        assert_eq!(kind("x", b"GIF89a...."), Kind::Image(ImageFormat::Gif));
        assert_eq!(
            kind("x", b"RIFF\0\0\0\0WEBPVP8 "),
            Kind::Image(ImageFormat::Webp)
        );
        assert_eq!(
            kind("scan.png", b"%PDF-1.4\n"),
            Kind::Document(DocumentFormat::Pdf)
        );
        assert_eq!(
            kind("a", b"PK\x03\x04....word/document.xml"),
            Kind::Document(DocumentFormat::Docx)
        );
        assert_eq!(
            kind("a", b"PK\x03\x04....xl/workbook.xml"),
            Kind::Document(DocumentFormat::Xlsx)
        );
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(utf16le("WordDocument"));
        assert_eq!(kind("a", &ole), Kind::Document(DocumentFormat::Doc));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(utf16le("Workbook"));
        assert_eq!(kind("a", &ole), Kind::Document(DocumentFormat::Xls));
        assert_eq!(
            kind("a", b"\0\0\0\x18ftypisom...."),
            Kind::Video(VideoFormat::Mp4)
        );
        assert_eq!(
            kind("a", b"\0\0\0\x14ftypqt  ...."),
            Kind::Video(VideoFormat::Mov)
        );
        assert_eq!(
            kind("a", b"\0\0\0\x14ftyp3gp5...."),
            Kind::Video(VideoFormat::ThreeGp)
        );
        assert_eq!(
            kind("a", b"\x1a\x45\xdf\xa3\x9f\x42\x82\x84webm"),
            Kind::Video(VideoFormat::Webm)
        );
        assert_eq!(
            kind("a", b"\x1a\x45\xdf\xa3\x9f\x42\x82\x88matroska"),
            Kind::Video(VideoFormat::Mkv)
        );
        assert_eq!(kind("a", b"FLV\x01"), Kind::Video(VideoFormat::Flv));
        assert_eq!(
            kind("a.mpg", b"\0\0\x01\xba...."),
            Kind::Video(VideoFormat::Mpg)
        );
        assert_eq!(
            kind("a", &[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0]),
            Kind::Video(VideoFormat::Wmv)
        );
    }

    #[test]
    fn text_formats_by_extension() {
        assert_eq!(
            kind("data.csv", b"a,b\n1,2\n"),
            Kind::Document(DocumentFormat::Csv)
        );
        assert_eq!(
            kind("README.md", b"# hi"),
            Kind::Document(DocumentFormat::Md)
        );
        assert_eq!(
            kind("notes", "héllo".as_bytes()),
            Kind::Document(DocumentFormat::Txt)
        );
        assert_eq!(
            kind("page", b"<!DOCTYPE html><html>"),
            Kind::Document(DocumentFormat::Html)
        );
        assert_eq!(kind("a.htm", b"<p>x"), Kind::Document(DocumentFormat::Html));
    }

    #[test]
    fn refusals_are_clear() {
        let e = classify("tool.exe", b"MZ\x90\0\x03\0\0\0")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("tool.exe: unsupported file type; Bedrock accepts images (png"),
            "{e}"
        );
        let e = classify("photo.png", b"\0\0\0 not a png")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "photo.png: the content does not look like a png file");
        let e = classify("empty.txt", b"").unwrap_err().to_string();
        assert_eq!(e, "empty.txt: the file is empty");
        let e = classify("a.zip", b"PK\x03\x04 random zip")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unsupported file type"), "{e}");
    }

    #[test]
    fn size_limits() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.resize(MAX_IMAGE_BYTES, 0);
        assert!(attachment_part("ok.png", png.clone()).is_ok());
        png.push(0);
        let e = attachment_part("big.png", png).unwrap_err().to_string();
        assert_eq!(
            e,
            "big.png: the file is 3932161 bytes; Bedrock accepts at most 3932160 bytes (3.75 MB) for an image"
        );
        let e = check_size("a.pdf", Kind::Document(DocumentFormat::Pdf), 6 * MIB)
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "a.pdf: the file is 6 MB; Bedrock accepts at most 4.5 MB for a document"
        );
        let e = check_size("v.mp4", Kind::Video(VideoFormat::Mp4), 20 * MIB)
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with(
                "at most 18.75 MB for an inline video; upload it to S3 and pass the s3:// URI"
            ),
            "{e}"
        );
    }

    #[test]
    fn document_names() {
        assert_eq!(
            sanitize_document_name("/tmp/Q3_report.v2.pdf"),
            "Q3-report-v2"
        );
        assert_eq!(
            sanitize_document_name("my  résumé (final) [v1].docx"),
            "my r sum (final) [v1]"
        );
        assert_eq!(sanitize_document_name("...."), "Document");
        assert_eq!(sanitize_document_name("#$%.txt"), "Document");
        assert_eq!(
            sanitize_document_name(&format!("{}.txt", "a".repeat(300))).len(),
            200
        );

        let doc = |n: &str| Part::Document {
            format: DocumentFormat::Txt,
            name: n.into(),
            source: Source::Bytes(vec![1]),
        };
        let mut parts = vec![
            doc("notes"),
            Part::text("x"),
            doc("notes"),
            doc("Notes"),
            doc("a"),
        ];
        dedupe_document_names(&mut parts);
        let names: Vec<&str> = parts
            .iter()
            .filter_map(|p| match p {
                Part::Document { name, .. } => Some(name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["notes", "notes (2)", "Notes (3)", "a"]);
    }

    #[test]
    fn attachment_parts() {
        let p = attachment_part("dir/Q3 report.pdf", b"%PDF-1.7".to_vec()).unwrap();
        assert_eq!(
            p,
            Part::Document {
                format: DocumentFormat::Pdf,
                name: "Q3 report".into(),
                source: Source::Bytes(b"%PDF-1.7".to_vec())
            }
        );
    }

    #[test]
    fn s3_references() {
        let p = s3_part("s3://my-bucket/videos/clip.MP4", Some("123456789012")).unwrap();
        assert_eq!(
            p,
            Part::Video {
                format: VideoFormat::Mp4,
                source: Source::S3 {
                    uri: "s3://my-bucket/videos/clip.MP4".into(),
                    bucket_owner: Some("123456789012".into())
                }
            }
        );
        let p = s3_part("s3://b-1/docs/annual_report.pdf", None).unwrap();
        assert!(matches!(p, Part::Document { ref name, .. } if name == "annual-report"));
        assert!(s3_part("s3://Bad_Bucket/x.pdf", None).is_err());
        assert!(s3_part("s3://bucket", None).is_err());
        assert!(s3_part("https://x/y.pdf", None).is_err());
        let e = s3_part("s3://bucket/file.bin", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("s3://bucket/file.bin: cannot tell the format"),
            "{e}"
        );
        assert!(s3_part("s3://bucket/a.png", Some("12")).is_err());
    }
}

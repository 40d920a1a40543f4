//! Saved conversations: `<data dir>/sessions/NAME.json`.
//!
//! A session is the canonical [`Conversation`] (which keeps reasoning signatures and tool
//! results, so a continued conversation is byte-for-byte what the model saw) plus the model and
//! the settings that shape the next request. Files are written atomically (temp file in the same
//! directory, then rename), so a crash or Ctrl-C leaves either the old or the new file, never
//! half of one. Directories are 0700 and files 0600: conversations are private.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::files::{create_private_dir, write_atomic};
use brock_core::converse::Usage;
use brock_core::message::{Conversation, Message, Part, Role, SystemPart};

/// The format written by this build; files with a higher version are refused, not guessed at.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub version: u32,
    pub name: String,
    /// The model id as sent (aliases already resolved).
    pub model: String,
    /// RFC 3339 UTC timestamps.
    pub created: String,
    pub updated: String,
    #[serde(default)]
    pub settings: SessionSettings,
    /// The conversation as the model saw it, system prompt included.
    pub conversation: Conversation,
    /// Indices into `conversation.messages` of assistant answers cut short by Ctrl-C. Their
    /// text is kept for the reader; what cannot be sent back (unsigned reasoning, half a tool
    /// call) is left out of later requests by [`Session::request_conversation`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interrupted: Vec<usize>,
    #[serde(default)]
    pub usage: UsageTotals,
}

/// Settings that change what the next request looks like.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionSettings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temperature: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u32>,
    /// Tools switched off with `/tools disable`.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub disabled_tools: BTreeSet<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageTotals {
    pub requests: u64,
    pub input_tokens: u64,
    pub output_tokens: u64,
    #[serde(default)]
    pub cache_read_tokens: u64,
    #[serde(default)]
    pub cache_write_tokens: u64,
    /// Wall-clock time of all requests, and of the first token of each, in milliseconds.
    pub total_ms: u64,
    #[serde(default)]
    pub first_token_ms: u64,
}

impl UsageTotals {
    pub fn add(&mut self, usage: &Usage, total_ms: u64, first_token_ms: Option<u64>) {
        self.requests += 1;
        self.input_tokens += usage.input;
        self.output_tokens += usage.output;
        self.cache_read_tokens += usage.cache_read;
        self.cache_write_tokens += usage.cache_write;
        self.total_ms += total_ms;
        self.first_token_ms += first_token_ms.unwrap_or(total_ms);
    }
}

/// An exclusive hold on a session name, so two brocks never write one session at once: the
/// second waits (or is refused) instead of overwriting the turns the first saved. The lock is
/// an flock on `.NAME.lock` beside the session file (the session file itself is replaced by
/// rename on every save, so it cannot carry the lock); the kernel drops it when the process
/// ends, however it ends. The holder removes the lock file when done, so the directory keeps
/// only sessions; a waiter that then gets the lock on the removed file sees that the path no
/// longer names it and tries again.
#[derive(Debug)]
pub struct Lock {
    /// None when the sessions directory cannot be written: then no session can be saved
    /// either, so there is nothing to protect, and the save reports the real problem.
    held: Option<(std::fs::File, PathBuf)>,
}

impl Lock {
    /// Waits for the lock when `wait`, else fails at once when another brock holds it.
    pub fn acquire(name: &str, wait: bool) -> Result<Lock> {
        check_name(name)?;
        let dir = sessions_dir();
        let path = dir.join(format!(".{name}.lock"));
        if create_private_dir(&dir).is_err() {
            return Ok(Lock { held: None });
        }
        let mut said = false;
        loop {
            let mut o = std::fs::OpenOptions::new();
            o.write(true).create(true).truncate(false);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(0o600);
            }
            let Ok(file) = o.open(&path) else {
                return Ok(Lock { held: None });
            };
            let locked =
                |e: std::io::Error| Error::io(format!("cannot lock {}", path.display()), e);
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) if wait => {
                    if !std::mem::replace(&mut said, true) {
                        crate::render::diag(&format!(
                            "waiting for session {name}: another brock is writing it"
                        ));
                    }
                    file.lock().map_err(locked)?;
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::usage(format!(
                        "session {name} is in use by another brock; leave it there first, or use another name"
                    )));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(locked(e)),
            }
            if same_file(&file, &path) {
                return Ok(Lock {
                    held: Some((file, path)),
                });
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes when the file is closed just after.
        if let Some((_file, path)) = &self.held {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Whether `path` still names the open `file` (the previous holder may have removed it).
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (file, path);
        true
    }
}

/// One line of `/sessions`.
#[derive(Debug, Clone)]
pub struct Summary {
    pub name: String,
    pub updated: String,
    pub model: String,
    pub first_line: String,
    pub messages: usize,
}

impl Session {
    pub fn new(name: impl Into<String>, model: impl Into<String>) -> Session {
        let now = now_rfc3339();
        Session {
            version: VERSION,
            name: name.into(),
            model: model.into(),
            created: now.clone(),
            updated: now,
            settings: SessionSettings::default(),
            conversation: Conversation::new(),
            interrupted: Vec::new(),
            usage: UsageTotals::default(),
        }
    }

    pub fn path_for(name: &str) -> PathBuf {
        sessions_dir().join(format!("{name}.json"))
    }

    /// Reads a session; `Ok(None)` when there is none of that name.
    pub fn load(name: &str) -> Result<Option<Session>> {
        check_name(name)?;
        let path = Session::path_for(name);
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(Error::io(
                    format!("cannot read session {}", path.display()),
                    e,
                ));
            }
        };
        let mut s = Session::from_json(&bytes, &path)?;
        // The file is the session: a copy (`cp work.json backup.json`) is saved as itself,
        // not back over the file whose name it carries inside.
        s.name = name.to_string();
        Ok(Some(s))
    }

    pub fn from_json(bytes: &[u8], path: &Path) -> Result<Session> {
        let raw: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
            Error::Config(format!("session {} is not valid JSON: {e}", path.display()))
        })?;
        let version = raw
            .get("version")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0);
        if version == 0 || version > u64::from(VERSION) {
            return Err(Error::Config(format!(
                "session {} has format version {version}; this brock reads version {VERSION}",
                path.display()
            )));
        }
        let mut s: Session = serde_json::from_value(raw)
            .map_err(|e| Error::Config(format!("session {} is damaged: {e}", path.display())))?;
        s.interrupted.retain(|&i| i < s.conversation.messages.len());
        Ok(s)
    }

    /// Writes the session atomically, stamping `updated`.
    pub fn save(&mut self) -> Result<PathBuf> {
        check_name(&self.name)?;
        self.updated = now_rfc3339();
        let dir = sessions_dir();
        create_private_dir(&dir)?;
        let path = Session::path_for(&self.name);
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| Error::Protocol(format!("cannot encode the session: {e}")))?;
        write_atomic(&path, &json)?;
        Ok(path)
    }

    /// What to send: the conversation without the parts Bedrock would refuse — unsigned
    /// reasoning of an interrupted answer, tool calls without results (a turn cut before the
    /// tools ran) and results without calls — with roles alternating again.
    pub fn request_conversation(&self) -> Conversation {
        sendable(&self.conversation, &self.interrupted)
    }

    /// Index of the user message that started the last exchange (not a tool-result turn).
    pub fn last_exchange_start(&self) -> Option<usize> {
        self.conversation.messages.iter().rposition(|m| {
            m.role == Role::User
                && m.content
                    .iter()
                    .any(|p| !matches!(p, Part::ToolResult { .. }))
        })
    }

    /// Drops every message from `index` on.
    pub fn truncate(&mut self, index: usize) {
        self.conversation.messages.truncate(index);
        self.interrupted.retain(|&i| i < index);
    }

    pub fn system_text(&self) -> Option<String> {
        self.conversation.system_text()
    }

    pub fn set_system(&mut self, text: Option<String>) {
        self.conversation.system = text
            .filter(|t| !t.trim().is_empty())
            .map(|text| vec![SystemPart::Text { text }])
            .unwrap_or_default();
    }

    pub fn summary(&self) -> Summary {
        Summary {
            name: self.name.clone(),
            updated: self.updated.clone(),
            model: self.model.clone(),
            first_line: first_line(&self.conversation),
            messages: self.conversation.messages.len(),
        }
    }
}

fn first_line(conv: &Conversation) -> String {
    conv.messages
        .iter()
        .find(|m| m.role == Role::User)
        .map(Message::text)
        .and_then(|t| {
            t.lines()
                .find(|l| !l.trim().is_empty() && l.trim() != "\"\"\"")
                .map(|l| l.trim().to_string())
        })
        .unwrap_or_default()
}

/// See [`Session::request_conversation`].
pub fn sendable(conv: &Conversation, interrupted: &[usize]) -> Conversation {
    let msgs = &conv.messages;
    let mut out: Vec<Message> = Vec::with_capacity(msgs.len());
    for (i, m) in msgs.iter().enumerate() {
        let cut = interrupted.contains(&i);
        let next_results: Vec<&str> = msgs
            .get(i + 1)
            .map(|n| {
                n.content
                    .iter()
                    .filter_map(|p| match p {
                        Part::ToolResult { tool_use_id, .. } => Some(tool_use_id.as_str()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        let prev_uses: Vec<&str> = i
            .checked_sub(1)
            .and_then(|p| msgs.get(p))
            .filter(|p| p.role == Role::Assistant)
            .map(|p| p.tool_uses().map(|(id, _, _)| id).collect())
            .unwrap_or_default();
        let content: Vec<Part> = m
            .content
            .iter()
            .filter(|p| match p {
                Part::Reasoning { signature, .. } if cut => signature.is_some(),
                Part::RedactedReasoning { .. } if cut => false,
                Part::ToolUse { kind, .. }
                    if brock_core::message::is_server_tool(kind.as_deref()) =>
                {
                    !cut
                }
                Part::ToolUse { id, .. } => !cut && next_results.contains(&id.as_str()),
                Part::ToolResult {
                    tool_use_id, kind, ..
                } if kind.is_none() && m.role == Role::User => {
                    prev_uses.contains(&tool_use_id.as_str())
                }
                Part::Text { text } => !text.trim().is_empty(),
                _ => true,
            })
            .cloned()
            .collect();
        // A reasoning block alone is not an answer; without text or tools the turn goes.
        if content.iter().all(Part::is_reasoning) {
            continue;
        }
        out.push(Message::new(m.role, content));
    }
    Conversation {
        system: conv.system.clone(),
        messages: out,
    }
    .normalized()
}

pub fn sessions_dir() -> PathBuf {
    crate::config::data_dir().join("sessions")
}

/// Session names become file names: keep them to a safe, portable alphabet.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with(['.', '-'])
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "invalid session name {name:?}: use letters, digits, '.', '_' and '-' (at most 100, not starting with '.' or '-')"
        )))
    }
}

/// A fresh name for an unnamed session: the local time it started, unique in the directory.
pub fn timestamp_name() -> String {
    let base = now_rfc3339()
        .replace(':', "-")
        .trim_end_matches('Z')
        .replace('T', "_");
    let mut name = base.clone();
    let mut n = 2;
    while Session::path_for(&name).exists() {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// Every readable session, most recently updated first. Unreadable files are skipped.
pub fn list() -> Result<Vec<Summary>> {
    let dir = sessions_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(format!("cannot list {}", dir.display()), e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        if let Ok(bytes) = std::fs::read(&path)
            && let Ok(s) = Session::from_json(&bytes, &path)
        {
            out.push(s.summary());
        }
    }
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.name.cmp(&b.name)));
    Ok(out)
}

/// Now as RFC 3339 UTC with seconds (`2026-11-23T11:26:50Z`), without a date crate.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    rfc3339(secs)
}

pub fn rfc3339(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let rem = unix % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use brock_core::message::ToolResultContent;
    use serde_json::json;

    #[test]
    fn rfc3339_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_433_210), "2026-11-23T11:26:50Z");
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("work-1.2_x").is_ok());
        for bad in ["", "../x", "a/b", ".hidden", "-x", "a b"] {
            assert!(check_name(bad).is_err(), "{bad}");
        }
    }

    fn tool_use(id: &str) -> Part {
        Part::ToolUse {
            id: id.into(),
            name: "t".into(),
            input: json!({}),
            kind: None,
        }
    }

    fn tool_result(id: &str) -> Part {
        Part::ToolResult {
            tool_use_id: id.into(),
            content: vec![ToolResultContent::Text { text: "ok".into() }],
            status: None,
            kind: None,
        }
    }

    #[test]
    fn interrupted_and_dangling_parts_are_not_sent() {
        let conv = Conversation {
            system: vec![],
            messages: vec![
                Message::user_text("one"),
                Message::new(
                    Role::Assistant,
                    vec![
                        Part::Reasoning {
                            text: "half".into(),
                            signature: None,
                        },
                        Part::text("partial"),
                    ],
                ),
                Message::user_text("two"),
                Message::new(Role::Assistant, vec![Part::text("calling"), tool_use("a")]),
                Message::new(Role::User, vec![tool_result("a")]),
                Message::new(Role::Assistant, vec![tool_use("b")]),
            ],
        };
        let out = sendable(&conv, &[1]);
        assert_eq!(out.messages.len(), 5);
        assert_eq!(out.messages[1].content, vec![Part::text("partial")]);
        assert_eq!(out.messages[3].content.len(), 2);
        // The call that never got a result is gone, and with it the last assistant turn.
        assert_eq!(out.messages[4].role, Role::User);
    }

    #[test]
    fn empty_interrupted_answer_merges_user_turns() {
        let conv = Conversation {
            system: vec![],
            messages: vec![
                Message::user_text("one"),
                Message::new(
                    Role::Assistant,
                    vec![Part::Reasoning {
                        text: "x".into(),
                        signature: None,
                    }],
                ),
                Message::user_text("two"),
            ],
        };
        let out = sendable(&conv, &[1]);
        assert_eq!(out.messages.len(), 1);
        assert_eq!(out.messages[0].content.len(), 2);
    }

    #[test]
    fn round_trip_keeps_signatures_and_refuses_newer_versions() {
        let mut s = Session::new("t", "m");
        s.conversation.push_user_text("hi");
        s.conversation.push(Message::new(
            Role::Assistant,
            vec![
                Part::Reasoning {
                    text: "r".into(),
                    signature: Some("sig".into()),
                },
                Part::text("a"),
            ],
        ));
        let bytes = serde_json::to_vec(&s).unwrap();
        let back = Session::from_json(&bytes, Path::new("t.json")).unwrap();
        assert_eq!(back, s);
        let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        v["version"] = json!(VERSION + 1);
        let err = Session::from_json(v.to_string().as_bytes(), Path::new("t.json")).unwrap_err();
        assert!(err.to_string().contains("format version"), "{err}");
    }
}

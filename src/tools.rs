//! Running the tools a model calls: shared by the REPL, `chat --run-tools` and agents.
//!
//! A tool is a program from `[tools.NAME] command = [...]`, started directly (never through a
//! shell, so nothing the model writes can become shell syntax) with the call's arguments as
//! JSON on stdin. Its stdout is the result; a non-zero exit, a timeout or a missing command is
//! a tool *error* returned to the model, which can then recover, rather than a brock failure.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::config::ToolConfig;
use brock_core::message::{Part, ToolResultContent, ToolSpec, ToolStatus};

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Tool output beyond this is cut (and the cut noted) so one chatty tool cannot blow the
/// context window or the request size limit.
pub const MAX_OUTPUT: usize = 64 * 1024;
const STDERR_TAIL: usize = 2 * 1024;

/// Whether calls may run without asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approval {
    /// `--yes`: every configured tool runs.
    Trusted,
    /// Ask on the terminal before each call (y / n / always for this tool).
    Ask,
    /// No terminal to ask on and no `--yes`: nothing runs.
    Refuse,
}

/// The answer to an approval prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Yes,
    No,
    Always,
}

/// The outcome of one call, ready to become a `toolResult`.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolOutcome {
    pub text: String,
    pub error: bool,
}

impl ToolOutcome {
    fn error(text: impl Into<String>) -> Self {
        ToolOutcome {
            text: text.into(),
            error: true,
        }
    }

    pub fn into_part(self, tool_use_id: &str) -> Part {
        Part::ToolResult {
            tool_use_id: tool_use_id.to_string(),
            content: vec![ToolResultContent::Text { text: self.text }],
            status: Some(if self.error {
                ToolStatus::Error
            } else {
                ToolStatus::Success
            }),
            kind: None,
        }
    }
}

/// The tools of a chat and the approvals given so far.
pub struct ToolRunner {
    commands: BTreeMap<String, ToolConfig>,
    approval: Approval,
    always: BTreeSet<String>,
    /// Switched off (the REPL's `/tools disable`): a call is answered with a tool error.
    disabled: BTreeSet<String>,
}

impl ToolRunner {
    pub fn new(commands: BTreeMap<String, ToolConfig>, approval: Approval) -> Self {
        ToolRunner {
            commands,
            approval,
            always: BTreeSet::new(),
            disabled: BTreeSet::new(),
        }
    }

    /// Tools that must not run even when the model calls them: a conversation that used a
    /// tool keeps a stand-in definition of it (Bedrock requires one), so it can still be called.
    pub fn set_disabled(&mut self, names: BTreeSet<String>) {
        self.disabled = names;
    }

    pub fn approval(&self) -> Approval {
        self.approval
    }

    pub fn can_run(&self, name: &str) -> bool {
        self.commands.contains_key(name)
    }

    /// Runs the client-side calls of an assistant message in order and returns one result part
    /// per call. `ask` shows the call and returns the user's decision; it is only called in
    /// [`Approval::Ask`] mode for tools not yet allowed "always".
    pub async fn run_calls(
        &mut self,
        calls: &[(String, String, Value)],
        ask: &mut (dyn FnMut(&str, &Value) -> Decision + Send),
    ) -> Vec<Part> {
        let mut out = Vec::with_capacity(calls.len());
        for (id, name, input) in calls {
            let outcome = self.run_one(name, input, ask).await;
            out.push(outcome.into_part(id));
        }
        out
    }

    async fn run_one(
        &mut self,
        name: &str,
        input: &Value,
        ask: &mut (dyn FnMut(&str, &Value) -> Decision + Send),
    ) -> ToolOutcome {
        if self.disabled.contains(name) {
            return ToolOutcome::error(format!(
                "tool {name} is disabled in this session (the user can turn it back on with /tools enable {name})"
            ));
        }
        let Some(cfg) = self.commands.get(name).cloned() else {
            return ToolOutcome::error(format!(
                "tool {name} cannot be run: brock has no command for it (define [tools.{name}] with a command in the config)"
            ));
        };
        let allowed = match self.approval {
            Approval::Trusted => true,
            Approval::Refuse => {
                return ToolOutcome::error(format!(
                    "tool {name} was not run: there was no terminal to ask for approval and --yes was not given"
                ));
            }
            Approval::Ask if self.always.contains(name) => true,
            Approval::Ask => match ask(name, input) {
                Decision::Yes => true,
                Decision::Always => {
                    self.always.insert(name.to_string());
                    true
                }
                Decision::No => false,
            },
        };
        if !allowed {
            return ToolOutcome::error(format!("the user did not approve running tool {name}"));
        }
        let timeout = cfg
            .timeout
            .filter(|t| *t > 0.0)
            .and_then(|t| Duration::try_from_secs_f64(t).ok())
            .unwrap_or(DEFAULT_TIMEOUT);
        run_command(name, &cfg.command, input, timeout).await
    }
}

/// Runs `argv` with `input` as JSON on stdin; see the module doc.
pub async fn run_command(
    name: &str,
    argv: &[String],
    input: &Value,
    timeout: Duration,
) -> ToolOutcome {
    let Some((program, args)) = argv.split_first() else {
        return ToolOutcome::error(format!("tool {name} has an empty command"));
    };
    let mut cmd = tokio::process::Command::new(program);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    // Its own process group, so stopping the tool stops what it started too (`sh -c "a | b"`).
    #[cfg(unix)]
    cmd.process_group(0);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return ToolOutcome::error(format!("tool {name}: cannot start {program}: {e}")),
    };
    let _group = ProcessGroup::new(child.id());
    let mut stdin = child.stdin.take();
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let payload = serde_json::to_vec(input).unwrap_or_else(|_| b"{}".to_vec());
    let work = async {
        let feed = async {
            if let Some(mut s) = stdin.take() {
                // A tool that ignores its input may close stdin early; that is not an error.
                let _ = s.write_all(&payload).await;
                let _ = s.shutdown().await;
            }
        };
        let read_out = read_capped(stdout.as_mut(), MAX_OUTPUT);
        let read_err = read_capped(stderr.as_mut(), 64 * 1024);
        let ((), out, err) = tokio::join!(feed, read_out, read_err);
        let status = child.wait().await;
        (status, out, err)
    };
    let (status, (out, cut), (err, _)) = match tokio::time::timeout(timeout, work).await {
        Ok(r) => r,
        Err(_) => {
            // Dropping the future dropped the child handle with kill_on_drop; the rest of its
            // process group goes when `_group` is dropped.
            return ToolOutcome::error(format!(
                "tool {name} timed out after {} s and was stopped",
                timeout.as_secs_f64()
            ));
        }
    };
    let mut text = String::from_utf8_lossy(&out).into_owned();
    if cut {
        text.push_str(&format!("\n[output cut at {} KiB]", MAX_OUTPUT / 1024));
    }
    match status {
        Ok(s) if s.success() => ToolOutcome { text, error: false },
        Ok(s) => {
            let tail = tail(&String::from_utf8_lossy(&err), STDERR_TAIL);
            let code = s
                .code()
                .map(|c| format!("exit status {c}"))
                .unwrap_or_else(|| "killed by a signal".into());
            let mut msg = format!("tool {name} failed ({code})");
            if !tail.trim().is_empty() {
                msg.push_str(&format!(": {}", tail.trim()));
            } else if !text.trim().is_empty() {
                msg.push_str(&format!(": {}", tail_str(text.trim(), STDERR_TAIL)));
            }
            ToolOutcome::error(msg)
        }
        Err(e) => ToolOutcome::error(format!("tool {name}: {e}")),
    }
}

/// Kills a tool's process group when dropped: after a timeout, an interrupted turn, or a tool
/// that exited leaving children behind. The group is the tool's own (`process_group(0)`), so
/// nothing else is in it.
struct ProcessGroup(Option<u32>);

impl ProcessGroup {
    fn new(pid: Option<u32>) -> Self {
        ProcessGroup(pid)
    }
}

impl Drop for ProcessGroup {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(pid) = self.0.and_then(|p| i32::try_from(p).ok()) {
            // ESRCH (the group is already gone) is the usual, fine outcome.
            let _ = nix::sys::signal::killpg(
                nix::unistd::Pid::from_raw(pid),
                nix::sys::signal::Signal::SIGKILL,
            );
        }
    }
}

/// Reads everything (so the child never blocks on a full pipe) but keeps at most `cap` bytes.
async fn read_capped<R: tokio::io::AsyncRead + Unpin>(
    r: Option<&mut R>,
    cap: usize,
) -> (Vec<u8>, bool) {
    let Some(r) = r else {
        return (Vec::new(), false);
    };
    let mut kept = Vec::new();
    let mut cut = false;
    let mut buf = [0u8; 8192];
    loop {
        match r.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = cap.saturating_sub(kept.len());
                if n > room {
                    cut = true;
                }
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    (kept, cut)
}

fn tail(s: &str, max: usize) -> String {
    tail_str(s, max).to_string()
}

fn tail_str(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut start = s.len() - max;
    while !s.is_char_boundary(start) {
        start += 1;
    }
    &s[start..]
}

/// The specs of configured tools, as the model sees them.
pub fn config_specs(tools: &BTreeMap<String, ToolConfig>) -> Vec<ToolSpec> {
    tools
        .iter()
        .map(|(name, t)| {
            ToolSpec::new(
                name.clone(),
                Some(t.description.clone()),
                t.parameters.clone(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sh(script: &str) -> Vec<String> {
        vec!["/bin/sh".into(), "-c".into(), script.into()]
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn runs_with_json_on_stdin() {
        let out = run_command(
            "t",
            &sh("cat"),
            &json!({"city": "Paris; rm -rf /"}),
            DEFAULT_TIMEOUT,
        )
        .await;
        assert_eq!(
            out,
            ToolOutcome {
                text: r#"{"city":"Paris; rm -rf /"}"#.into(),
                error: false
            }
        );
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn failures_are_tool_errors_with_stderr_tail() {
        let out = run_command(
            "t",
            &sh("echo boom >&2; exit 3"),
            &json!({}),
            DEFAULT_TIMEOUT,
        )
        .await;
        assert!(out.error);
        assert_eq!(out.text, "tool t failed (exit status 3): boom");
        let out = run_command(
            "t",
            &["/nonexistent/tool".to_string()],
            &json!({}),
            DEFAULT_TIMEOUT,
        )
        .await;
        assert!(out.error && out.text.contains("cannot start"), "{out:?}");
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn timeouts_kill_and_output_is_capped() {
        let out = run_command("t", &sh("sleep 30"), &json!({}), Duration::from_millis(200)).await;
        assert!(out.error && out.text.contains("timed out"), "{out:?}");
        let out = run_command(
            "t",
            &sh("head -c 200000 /dev/zero | tr '\\0' x"),
            &json!({}),
            DEFAULT_TIMEOUT,
        )
        .await;
        assert!(!out.error);
        assert!(out.text.ends_with("[output cut at 64 KiB]"));
        assert_eq!(out.text.bytes().filter(|b| *b == b'x').count(), MAX_OUTPUT);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn unconfigured_and_refused_tools_are_errors() {
        let mut cmds = BTreeMap::new();
        cmds.insert(
            "echo".to_string(),
            ToolConfig {
                description: "d".into(),
                parameters: json!({}),
                command: sh("cat"),
                timeout: None,
            },
        );
        let calls = vec![
            ("1".to_string(), "echo".to_string(), json!({})),
            ("2".to_string(), "other".to_string(), json!({})),
        ];
        let mut r = ToolRunner::new(cmds.clone(), Approval::Refuse);
        let parts = r.run_calls(&calls, &mut |_, _| Decision::Yes).await;
        let texts: Vec<String> = parts
            .iter()
            .map(|p| match p {
                Part::ToolResult {
                    content, status, ..
                } => {
                    assert_eq!(*status, Some(ToolStatus::Error));
                    match &content[0] {
                        ToolResultContent::Text { text } => text.clone(),
                        _ => unreachable!(),
                    }
                }
                _ => unreachable!(),
            })
            .collect();
        assert!(
            texts[0].contains("no terminal to ask for approval"),
            "{texts:?}"
        );
        assert!(texts[1].contains("no command"));
        let mut r = ToolRunner::new(cmds.clone(), Approval::Trusted);
        r.set_disabled(BTreeSet::from(["echo".to_string()]));
        let parts = r.run_calls(&calls[..1], &mut |_, _| Decision::Yes).await;
        assert!(matches!(
            &parts[0],
            Part::ToolResult { content, status: Some(ToolStatus::Error), .. }
                if matches!(&content[0], ToolResultContent::Text { text } if text.contains("is disabled"))
        ));
        let mut r = ToolRunner::new(cmds, Approval::Ask);
        let mut asked = 0;
        let calls = vec![calls[0].clone(), calls[0].clone()];
        let parts = r
            .run_calls(&calls, &mut |_, _| {
                asked += 1;
                Decision::Always
            })
            .await;
        assert_eq!(asked, 1);
        assert!(parts.iter().all(|p| matches!(
            p,
            Part::ToolResult {
                status: Some(ToolStatus::Success),
                ..
            }
        )));
    }
}

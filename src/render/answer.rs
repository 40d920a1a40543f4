//! The CLI's view of a turn: the [`crate::engine::Sink`] that draws an answer as text (markdown on a
//! terminal, exact bytes to a pipe), as an OpenAI-format JSON document, or as OpenAI chunks
//! (ndjson); tool calls, server tools, stop notices and the usage footer on stderr.

use std::io::{Stderr, Stdout};

use serde_json::{Value, json};

use super::Printer;
use super::stream::StreamRenderer;
use crate::cli::OutputFormat;
use crate::engine::{MAX_TOOL_ROUNDS, Notice, Sink, Timing, core_error, prepend_prefill};
use crate::error::{Error, Result};
use brock_core::converse::{ChatResponse, StopReason, StructuredOutput, take_structured_answer};
use brock_core::message::{Part, ToolResultContent, ToolStatus, is_server_tool};
use brock_core::openai::{ChunkEncoder, ServerTools, chat_completion, server_tool_result};
use brock_core::request::ChatRequest;
use brock_core::route::Plan;
use brock_core::stream::StreamEvent;

/// How answers are shown; shared by one-shot chat and the REPL.
#[derive(Debug, Clone, Copy)]
pub struct AnswerOptions {
    pub output: OutputFormat,
    pub show_reasoning: bool,
    /// Print client tool calls as JSON lines on stdout (for a caller that runs them itself).
    pub show_tool_calls: bool,
    /// `--raw`: piped answer bytes exactly as the model sent them (no closing newline added).
    pub exact: bool,
    /// Show the guardrail trace on stderr (`--guardrail-trace`; `-v` shows it too).
    pub guardrail_trace: bool,
}

/// Draws one turn's answers; see the module doc.
pub struct AnswerView {
    printer: Printer,
    opts: AnswerOptions,
    renderer: Option<StreamRenderer<Stdout, Stderr>>,
    structured: Option<StructuredOutput>,
    model: String,
    prefill: Option<String>,
    chunks: Option<ChunkEncoder>,
    /// Tools Bedrock runs itself, shown on stderr as they complete.
    server: ServerTools,
}

impl AnswerView {
    pub fn new(printer: Printer, opts: AnswerOptions) -> Self {
        AnswerView {
            printer,
            opts,
            renderer: None,
            structured: None,
            model: String::new(),
            prefill: None,
            chunks: None,
            server: ServerTools::default(),
        }
    }

    fn renderer(&mut self) -> Result<&mut StreamRenderer<Stdout, Stderr>> {
        self.renderer
            .as_mut()
            .ok_or_else(|| Error::Protocol("an answer event came before its request".into()))
    }

    fn text(&mut self, text: &str) -> Result<()> {
        if self.opts.output != OutputFormat::Text || self.structured.is_some() {
            return Ok(());
        }
        io(self.renderer()?.text(text))
    }

    fn reasoning(&mut self, text: &str) -> Result<()> {
        if self.opts.output != OutputFormat::Text {
            return Ok(());
        }
        io(self.renderer()?.reasoning(text))
    }

    /// One half of a server tool call (see [`ServerTools`]): the call, or its result.
    fn server_note(&mut self, entry: &Value) -> Result<()> {
        if self.opts.output != OutputFormat::Text {
            return Ok(());
        }
        let line = if let Some(r) = entry.get("result") {
            let status = r["status"].as_str().unwrap_or("done");
            let shown: Vec<String> = r["content"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| match (c.get("text"), c.get("json")) {
                    (Some(Value::String(t)), _) => t.clone(),
                    (_, Some(j)) => j.to_string(),
                    _ => c.to_string(),
                })
                .collect();
            format!("server tool result ({status}): {}", shown.join(" "))
        } else {
            format!(
                "server tool {}: {}",
                entry["name"].as_str().unwrap_or_default(),
                entry["input"]
            )
        };
        io(self.renderer()?.note(&line))
    }

    fn show_tool_call(&mut self, id: &str, name: &str, input: &Value) -> Result<()> {
        if self.opts.output != OutputFormat::Text
            || self.structured.is_some()
            || !self.opts.show_tool_calls
        {
            return Ok(());
        }
        let line = json!({"type": "tool_use", "id": id, "name": name, "input": input});
        io(self.renderer()?.line(&line.to_string()))
    }
}

impl Sink for AnswerView {
    fn begin(&mut self, req: &ChatRequest, plan: &Plan) -> Result<()> {
        self.structured = plan.structured.clone();
        self.model = req.model_id.clone();
        self.prefill = req.prefill_text().map(str::to_string);
        self.server = ServerTools::default();
        let enc = ChunkEncoder::new(completion_id(), req.model_id.clone(), unix_now());
        self.chunks = Some(match &plan.structured {
            Some(StructuredOutput::Tool { name }) => enc.with_json_tool(name.clone()),
            _ => enc,
        });
        let text = self.opts.output == OutputFormat::Text;
        let mut ropts = self
            .printer
            .stream_options(self.opts.show_reasoning, !self.printer.quiet && text);
        ropts.markdown = self.structured.is_none();
        let mut renderer = StreamRenderer::new(std::io::stdout(), std::io::stderr(), ropts);
        renderer.set_exact(self.opts.exact);
        self.renderer = Some(renderer);
        if let (Some(p), true, None) = (self.prefill.clone(), text, &self.structured) {
            self.text(&p)?;
        }
        Ok(())
    }

    fn event(&mut self, ev: &StreamEvent) -> Result<()> {
        if self.opts.output == OutputFormat::Text
            && let Some(entry) = self.server.push(ev)
        {
            self.server_note(&entry)?;
        }
        if self.opts.output == OutputFormat::Ndjson {
            let chunks = self.chunks.as_mut().map(|c| c.push(ev)).unwrap_or_default();
            for chunk in chunks {
                self.printer.out(&format!("{chunk}\n"))?;
            }
            return Ok(());
        }
        match ev {
            StreamEvent::TextDelta { text, .. } => self.text(text)?,
            StreamEvent::ReasoningDelta { text, .. } => self.reasoning(text)?,
            StreamEvent::ToolUseStart { name, .. }
                if self.opts.output == OutputFormat::Text && self.structured.is_none() =>
            {
                io(self.renderer()?.status(&format!("calling tool {name}…")))?
            }
            _ => {}
        }
        Ok(())
    }

    fn tool_call(&mut self, id: &str, name: &str, input: &Value) -> Result<()> {
        self.show_tool_call(id, name, input)
    }

    /// A non-streamed answer is drawn through the same path as a streamed one.
    fn whole(&mut self, resp: &ChatResponse) -> Result<()> {
        for part in &resp.message.content {
            match part {
                Part::Reasoning { text, .. } => self.reasoning(text)?,
                Part::Text { text } => self.text(text)?,
                // Tools Bedrock runs itself are not for the caller to act on, only shown.
                Part::ToolUse {
                    id,
                    name,
                    input,
                    kind,
                } if !is_server_tool(kind.as_deref()) => self.show_tool_call(id, name, input)?,
                Part::ToolUse {
                    id, name, input, ..
                } => self.server_note(&json!({"id": id, "name": name, "input": input}))?,
                Part::ToolResult {
                    content,
                    status,
                    kind,
                    ..
                } => self
                    .server_note(&json!({"result": server_tool_result(content, *status, kind)}))?,
                _ => {}
            }
        }
        Ok(())
    }

    /// After the answer: structured answers, JSON output, notices, usage footer.
    fn finish(&mut self, mut resp: ChatResponse, timing: Timing) -> Result<ChatResponse> {
        let p = self.printer;
        let output = self.opts.output;
        if let Some(mode) = self.structured.clone() {
            let answer = take_structured_answer(&mut resp, &mode).map_err(core_error)?;
            match (output, answer) {
                (OutputFormat::Text, Some(v)) => {
                    let text = if p.stdout_tty {
                        serde_json::to_string_pretty(&v).unwrap_or_default()
                    } else {
                        v.to_string()
                    };
                    p.out(&format!("{text}\n"))?;
                }
                (OutputFormat::Text, None) => {
                    return Err(Error::Protocol(
                        "the model called other tools instead of answering with JSON".into(),
                    ));
                }
                _ => {}
            }
        }
        if output == OutputFormat::Ndjson {
            let chunks = self
                .chunks
                .take()
                .map(|mut c| c.finish())
                .unwrap_or_default();
            for chunk in chunks {
                p.out(&format!("{chunk}\n"))?;
            }
        }
        if output == OutputFormat::Json {
            let mut shown = resp.clone();
            if let Some(pre) = &self.prefill {
                prepend_prefill(&mut shown, pre);
            }
            let doc = chat_completion(&shown, &self.model, &completion_id(), unix_now());
            p.out(&format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            ))?;
        }
        io(self.renderer()?.finish())?;
        match resp.stop_reason {
            StopReason::GuardrailIntervened => {
                p.diag("the guardrail intervened: the answer was blocked or masked")
            }
            StopReason::ContentFiltered => {
                p.diag("the answer was filtered by the model's content filter")
            }
            StopReason::MaxTokens if !p.quiet => {
                p.diag("the answer was cut at max tokens: raise --max-tokens for more")
            }
            _ => {}
        }
        if let Some(trace) = &resp.trace
            && (self.opts.guardrail_trace || p.verbose > 0)
        {
            p.diag(&format!("guardrail trace: {trace}"));
        }
        if !p.quiet && (p.stderr_tty || p.verbose > 0) {
            let u = &resp.usage;
            let mut line = format!("{} in · {} out", u.input, u.output);
            if u.cache_read > 0 || u.cache_write > 0 {
                line.push_str(&format!(
                    " · cache {} read, {} written",
                    u.cache_read, u.cache_write
                ));
            }
            let secs = |d: std::time::Duration| crate::render::significant(d.as_secs_f64(), 3);
            line.push_str(&format!(" · {} s", secs(timing.elapsed)));
            if let Some(t) = timing.first_token {
                line.push_str(&format!(" · first token {} s", secs(t)));
            }
            if let Some(ms) = resp.latency_ms {
                line.push_str(&format!(" · model {ms} ms"));
            }
            if p.color.stderr {
                p.dim(&line);
            } else {
                p.diag(&line);
            }
        }
        Ok(resp)
    }

    /// After a stream failed midway: `--output json` gets the completion so far with an
    /// `error` field, ndjson an error line after the chunks already written. Best effort: the
    /// error itself is reported (and sets the exit code) whatever happens here.
    fn failed(&mut self, partial: &ChatResponse, e: &Error) {
        let error = json!({
            "message": e.to_string(),
            "type": match e {
                Error::Service { .. } => "service_error",
                Error::Network(_) => "network_error",
                Error::Interrupted => "interrupted",
                _ => "error",
            },
            "code": match e {
                Error::Service { code, .. } => Value::String(code.clone()),
                _ => Value::Null,
            },
            "exit_code": e.exit_code(),
        });
        match self.opts.output {
            OutputFormat::Json => {
                let mut partial = partial.clone();
                if let Some(p) = &self.prefill {
                    prepend_prefill(&mut partial, p);
                }
                let mut doc = chat_completion(&partial, &self.model, &completion_id(), unix_now());
                // The answer did not finish: no finish reason, as in an unfinished stream.
                if let Some(c) = doc.pointer_mut("/choices/0/finish_reason") {
                    *c = Value::Null;
                }
                doc["error"] = error;
                let _ = self.printer.out(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&doc).unwrap_or_default()
                ));
            }
            OutputFormat::Ndjson => {
                let _ = self
                    .printer
                    .out(&format!("{}\n", json!({ "error": error })));
            }
            OutputFormat::Text => {}
        }
    }

    fn end(&mut self) {
        if let Some(r) = self.renderer.as_mut() {
            let _ = r.finish();
        }
    }

    fn notice(&mut self, notice: Notice<'_>) {
        let p = self.printer;
        match notice {
            Notice::Warning(w) if !p.quiet => p.diag(&format!("warning: {w}")),
            Notice::Route(plan) if p.verbose > 0 => p.diag(&format!(
                "route: {} via {} for {}",
                plan.route,
                plan.api_operation(),
                plan.model_id
            )),
            Notice::RunningTools(calls) if !p.quiet => {
                for (_, name, input) in calls {
                    p.diag(&super::approval::describe_call(name, input));
                }
            }
            Notice::ToolResults(results) if !p.quiet => {
                for part in results {
                    let Part::ToolResult {
                        content, status, ..
                    } = part
                    else {
                        continue;
                    };
                    let text: String = content
                        .iter()
                        .filter_map(|c| match c {
                            ToolResultContent::Text { text } => Some(text.as_str()),
                            _ => None,
                        })
                        .collect();
                    if *status == Some(ToolStatus::Error) {
                        p.diag(&format!("tool error: {}", first_line_of(&text, 200)));
                    } else {
                        p.diag(&format!(
                            "tool result: {} bytes: {}",
                            text.len(),
                            first_line_of(&text, 80)
                        ));
                    }
                }
            }
            Notice::TooManyToolRounds => p.diag(&format!(
                "stopped after {MAX_TOOL_ROUNDS} rounds of tool calls"
            )),
            _ => {}
        }
    }
}

fn first_line_of(s: &str, max: usize) -> String {
    let line = s.lines().next().unwrap_or("");
    if line.len() > max {
        format!("{}…", &line[..line.floor_char_boundary(max)])
    } else {
        line.to_string()
    }
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// An OpenAI-style completion id; unique enough to tell runs apart in logs.
fn completion_id() -> String {
    format!("chatcmpl-{}", uuid::Uuid::new_v4().simple())
}

/// A renderer's failed write; a closed stdout is told apart by the engine (see [`Sink`]).
fn io(r: std::io::Result<()>) -> Result<()> {
    r.map_err(|e| Error::io("cannot write the answer", e))
}

//! Rendering a streamed answer.
//!
//! To a pipe: exactly the model's text, flushed per chunk, nothing else on stdout; a closing
//! newline is added when the text lacks one if the caller asks (chat does, except with `--raw`).
//! To a terminal: a spinner on stderr until the first token; reasoning dimmed on stderr; the
//! answer streamed raw as it arrives, and each markdown block re-drawn through termimad once it
//! is complete (a blank line outside a code fence). We know how many rows the raw text took from
//! our own column count (no cursor-position queries), move up that many rows and redraw. Code
//! fences are never re-drawn, so code stays exactly copyable.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use unicode_width::UnicodeWidthChar;

use super::sanitize::for_terminal;
use super::{highlight, links};

/// Answer text written to stdout (a pipe) but not yet flushed. A flush per token is a write(2)
/// per token, most of the CPU of a long fast answer; instead the event stream calls
/// `flush_pending_stdout` before it waits for the network, so nothing is held while brock idles.
static STDOUT_PENDING: AtomicBool = AtomicBool::new(false);

/// Flush answer text a renderer left in stdout's buffer. Called before waiting for more of a
/// stream; a failure (a closed pipe) resurfaces on the renderer's next write or `finish`.
pub fn flush_pending_stdout() {
    if STDOUT_PENDING.swap(false, Ordering::Relaxed) {
        let _ = io::stdout().flush();
    }
}

#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    /// Styling allowed on stdout / stderr (terminal and no NO_COLOR).
    pub color_out: bool,
    pub color_err: bool,
    pub show_reasoning: bool,
    pub spinner: bool,
    /// Re-draw finished markdown blocks (terminal stdout with colour only).
    pub markdown: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    None,
    Reasoning,
    Text,
}

pub struct StreamRenderer<O: Write, E: Write> {
    out: O,
    err: E,
    opts: StreamOptions,
    section: Section,
    spinner: Option<indicatif::ProgressBar>,
    /// Text of the current, unfinished markdown block (terminal markdown mode only).
    pending: String,
    /// Rows the raw text of `pending` occupies above the cursor, and the cursor column.
    rows: usize,
    col: usize,
    width: usize,
    height: usize,
    in_fence: bool,
    /// Whether we know the width, so prose is wrapped at words by us.
    wrap: bool,
    /// The current source line, the word held back until we know whether it fits on this row
    /// (and its display width), and the highlighter of the open code fence (colour only).
    line: String,
    word: String,
    word_width: usize,
    highlighter: Option<highlight::Highlighter>,
    /// Whether the last byte written to stdout was a newline (so we can end cleanly).
    out_at_line_start: bool,
    /// Pipe text written but not flushed yet (see `STDOUT_PENDING`).
    unflushed: bool,
    wrote_text: bool,
    /// A pipe gets the model's bytes exactly, with no closing newline added (the default;
    /// chat turns it off unless `--raw`).
    exact: bool,
    skin: Option<termimad::MadSkin>,
}

impl<O: Write, E: Write> StreamRenderer<O, E> {
    pub fn new(out: O, err: E, opts: StreamOptions) -> Self {
        let size = opts
            .stdout_tty
            .then(termimad::crossterm::terminal::size)
            .and_then(Result::ok)
            .filter(|&(w, _)| w > 0);
        // Without a known width (a pty nobody sized) we cannot wrap: the terminal does.
        let wrap = size.is_some();
        let (width, height) = size.map_or((80, 24), |(w, h)| (w as usize, h as usize));
        let spinner = (opts.spinner && opts.stderr_tty).then(|| {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            pb.enable_steady_tick(Duration::from_millis(80));
            pb.set_message("waiting for the model…");
            pb
        });
        let markdown = opts.markdown && opts.stdout_tty && opts.color_out;
        StreamRenderer {
            out,
            err,
            opts: StreamOptions { markdown, ..opts },
            section: Section::None,
            spinner,
            pending: String::new(),
            rows: 0,
            col: 0,
            width: width.max(20),
            height: height.max(5),
            in_fence: false,
            wrap,
            line: String::new(),
            word: String::new(),
            word_width: 0,
            highlighter: None,
            out_at_line_start: true,
            unflushed: false,
            wrote_text: false,
            // Callers that end the line themselves (agent) keep the bytes; chat opts out.
            exact: true,
            skin: markdown.then(termimad::MadSkin::default),
        }
    }

    /// Keep a piped answer's bytes exact (no newline added at the end).
    pub fn set_exact(&mut self, exact: bool) {
        self.exact = exact;
    }

    /// Pipe text goes out before anything on stderr, so `2>&1` keeps the order.
    fn flush_unflushed(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.unflushed) {
            self.out.flush()?;
        }
        Ok(())
    }

    fn stop_spinner(&mut self) {
        if let Some(pb) = self.spinner.take() {
            pb.finish_and_clear();
        }
    }

    /// Streamed answer text.
    pub fn text(&mut self, s: &str) -> io::Result<()> {
        if s.is_empty() {
            return Ok(());
        }
        self.stop_spinner();
        if self.section == Section::Reasoning {
            self.end_reasoning()?;
        }
        self.section = Section::Text;
        self.wrote_text = true;
        if !self.opts.stdout_tty {
            self.out.write_all(s.as_bytes())?;
            self.out_at_line_start = s.ends_with('\n');
            self.unflushed = true;
            STDOUT_PENDING.store(true, Ordering::Relaxed);
            return Ok(());
        }
        let clean = for_terminal(s).into_owned();
        for c in clean.chars() {
            self.terminal_char(c)?;
        }
        self.out.flush()
    }

    /// One character of (sanitised) answer text on a terminal. Prose is wrapped at spaces as it
    /// streams: the word being typed is held until a space or newline shows where it ends, then
    /// goes on this row or the next. Code inside a fence is never re-wrapped (it stays exactly
    /// copyable); with colour each code line is held until it ends and written highlighted.
    fn terminal_char(&mut self, c: char) -> io::Result<()> {
        self.pending.push(c);
        if c == '\n' {
            return self.end_line();
        }
        self.line.push(c);
        if self.in_fence {
            if self.highlighter.is_none() {
                let mut b = [0; 4];
                self.write_raw_tracked(c.encode_utf8(&mut b))?;
            }
            return Ok(());
        }
        if !self.wrap {
            let mut b = [0; 4];
            return self.write_raw_tracked(c.encode_utf8(&mut b));
        }
        if c == ' ' || c == '\t' {
            self.place_word()?;
            if self.col >= self.width {
                // The space would open the next row: end the row instead.
                self.write_raw_tracked("\n")?;
            } else {
                let mut b = [0; 4];
                self.write_raw_tracked(c.encode_utf8(&mut b))?;
            }
            return Ok(());
        }
        self.word.push(c);
        self.word_width += c.width().unwrap_or(0);
        // A word as wide as a whole row cannot be kept whole: only then is it broken.
        if self.word_width >= self.width {
            self.place_word()?;
        }
        Ok(())
    }

    /// Write the held word, on the next row if it does not fit on this one.
    fn place_word(&mut self) -> io::Result<()> {
        if self.word.is_empty() {
            return Ok(());
        }
        if self.col > 0 && self.col + self.word_width > self.width {
            self.write_raw_tracked("\n")?;
        }
        let word = std::mem::take(&mut self.word);
        self.word_width = 0;
        self.write_raw_tracked(&word)
    }

    /// Write whatever is held back (a partial word or code line) as it is.
    fn flush_held(&mut self) -> io::Result<()> {
        self.place_word()?;
        if self.in_fence && self.highlighter.is_some() && !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.write_raw_tracked(&line)?;
        }
        Ok(())
    }

    /// A source line ended: write it out and decide whether its block is complete.
    fn end_line(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        let is_fence = {
            let t = line.trim_start();
            t.starts_with("```") || t.starts_with("~~~")
        };
        if self.in_fence {
            if is_fence {
                // Closing fence: code is left as streamed (copyable), start a new block.
                if self.highlighter.take().is_some() {
                    self.write_raw_tracked(&line)?;
                }
                self.write_raw_tracked("\n")?;
                self.in_fence = false;
                self.reset_block();
            } else if let Some(h) = self.highlighter.as_mut() {
                let shown = highlight::line(h, &line);
                self.out.write_all(shown.as_bytes())?;
                self.write_raw_tracked("\n")?;
            } else {
                self.write_raw_tracked("\n")?;
            }
            return Ok(());
        }
        self.place_word()?;
        self.write_raw_tracked("\n")?;
        if is_fence {
            // A fence opens: whatever came before it in this block is prose; draw it first.
            let cut = self.pending.len().saturating_sub(line.len() + 1);
            let before = self.pending.get(..cut).unwrap_or("").to_string();
            if !before.trim().is_empty() {
                let fence = format!("{line}\n");
                self.redraw(&before, Some(&fence))?;
            }
            self.in_fence = true;
            if self.opts.markdown {
                let lang = line.trim_start().trim_start_matches(['`', '~']).trim();
                self.highlighter = highlight::for_language(lang);
            }
            self.reset_block();
            return Ok(());
        }
        if self.pending.ends_with("\n\n") {
            let block = std::mem::take(&mut self.pending);
            self.redraw(&block, None)?;
            self.reset_block();
        }
        Ok(())
    }

    /// Write text raw while counting the rows it occupies.
    fn write_raw_tracked(&mut self, s: &str) -> io::Result<()> {
        for c in s.chars() {
            if c == '\n' {
                self.rows += 1;
                self.col = 0;
                continue;
            }
            let w = if c == '\t' {
                8 - self.col % 8
            } else {
                c.width().unwrap_or(0)
            };
            if self.col + w > self.width {
                self.rows += 1;
                self.col = 0;
            }
            self.col += w;
        }
        self.out.write_all(s.as_bytes())?;
        self.out_at_line_start = s.ends_with('\n');
        Ok(())
    }

    fn reset_block(&mut self) {
        self.pending.clear();
        self.line.clear();
        self.rows = 0;
        self.col = 0;
    }

    /// Replace the raw rows of `block` (plus `tail`, already on screen after it) with the
    /// termimad rendering of `block`, then re-print `tail` raw.
    fn redraw(&mut self, block: &str, tail: Option<&str>) -> io::Result<()> {
        let Some(skin) = &self.skin else {
            return Ok(());
        };
        // Too tall to reach with cursor moves: leave it raw rather than garble the screen.
        if self.rows + 1 >= self.height || block.trim().is_empty() {
            return Ok(());
        }
        let source = links::inline_urls(block.trim_end_matches('\n'));
        let rendered = skin.text(&source, Some(self.width)).to_string();
        let up = self.rows;
        let mut s = String::from("\r");
        if up > 0 {
            s.push_str(&format!("\x1b[{up}A"));
        }
        s.push_str("\x1b[J");
        s.push_str(&rendered);
        if !rendered.ends_with('\n') {
            s.push('\n');
        }
        // Keep the paragraph separation the raw text had.
        if block.ends_with("\n\n") {
            s.push('\n');
        }
        if let Some(t) = tail {
            s.push_str(t);
        }
        self.out.write_all(s.as_bytes())?;
        self.out_at_line_start = true;
        Ok(())
    }

    /// Streamed reasoning (thinking): dimmed on stderr, separated from the answer.
    pub fn reasoning(&mut self, s: &str) -> io::Result<()> {
        if !self.opts.show_reasoning || s.is_empty() {
            return Ok(());
        }
        self.flush_unflushed()?;
        self.stop_spinner();
        if self.section == Section::Text {
            self.finish_text_block()?;
        }
        if self.section != Section::Reasoning {
            self.section = Section::Reasoning;
            if self.opts.color_err {
                write!(self.err, "\x1b[2;3m")?;
            } else if self.opts.stderr_tty {
                writeln!(self.err, "[reasoning]")?;
            }
        }
        let shown = if self.opts.stderr_tty {
            for_terminal(s)
        } else {
            s.into()
        };
        self.err.write_all(shown.as_bytes())?;
        self.err.flush()
    }

    fn end_reasoning(&mut self) -> io::Result<()> {
        if self.opts.color_err {
            write!(self.err, "\x1b[0m")?;
        }
        writeln!(self.err)?;
        if self.opts.stderr_tty {
            writeln!(self.err)?;
        }
        self.err.flush()?;
        self.section = Section::None;
        Ok(())
    }

    /// The answer is interrupted by something else (reasoning, a tool call): leave what is on
    /// screen as it is and start fresh tracking after it.
    fn finish_text_block(&mut self) -> io::Result<()> {
        self.flush_held()?;
        if self.opts.markdown && !self.in_fence && !self.pending.trim().is_empty() {
            let block = std::mem::take(&mut self.pending);
            self.redraw(&block, None)?;
        }
        self.reset_block();
        if self.opts.stdout_tty && !self.out_at_line_start {
            writeln!(self.out)?;
            self.out_at_line_start = true;
        }
        self.out.flush()?;
        self.section = Section::None;
        Ok(())
    }

    /// A progress note on stderr (e.g. a tool call being built), only on a terminal.
    pub fn status(&mut self, s: &str) -> io::Result<()> {
        self.flush_unflushed()?;
        if let Some(pb) = &self.spinner {
            pb.set_message(s.to_string());
            return Ok(());
        }
        if self.opts.stderr_tty {
            let dim = if self.opts.color_err {
                ("\x1b[2m", "\x1b[0m")
            } else {
                ("", "")
            };
            writeln!(self.err, "{}{}{}", dim.0, for_terminal(s), dim.1)?;
        }
        Ok(())
    }

    /// A complete line on stderr about the answer (a tool Bedrock ran and its result): dimmed
    /// on a colour terminal, plain otherwise, so stdout keeps only the answer.
    pub fn note(&mut self, s: &str) -> io::Result<()> {
        self.stop_spinner();
        if self.section == Section::Reasoning {
            self.end_reasoning()?;
        }
        if self.section == Section::Text {
            self.finish_text_block()?;
        }
        if self.opts.stderr_tty {
            let dim = if self.opts.color_err {
                ("\x1b[2m", "\x1b[0m")
            } else {
                ("", "")
            };
            writeln!(self.err, "{}{}{}", dim.0, for_terminal(s), dim.1)?;
        } else {
            writeln!(self.err, "{s}")?;
        }
        self.err.flush()
    }

    /// A complete line for stdout that is not answer text (tool calls as JSON lines).
    pub fn line(&mut self, s: &str) -> io::Result<()> {
        self.stop_spinner();
        if self.section == Section::Reasoning {
            self.end_reasoning()?;
        }
        if self.section == Section::Text {
            self.finish_text_block()?;
        }
        if !self.out_at_line_start {
            writeln!(self.out)?;
        }
        let shown = if self.opts.stdout_tty {
            for_terminal(s)
        } else {
            s.into()
        };
        writeln!(self.out, "{shown}")?;
        self.out_at_line_start = true;
        self.out.flush()
    }

    /// End of the answer (or interruption): draw the last block and end the line on a terminal.
    pub fn finish(&mut self) -> io::Result<()> {
        self.stop_spinner();
        if self.opts.stdout_tty {
            self.flush_held()?;
        }
        if self.section == Section::Reasoning {
            self.end_reasoning()?;
        }
        if self.opts.markdown && !self.in_fence && !self.pending.trim().is_empty() {
            let block = std::mem::take(&mut self.pending);
            self.redraw(&block, None)?;
        }
        self.reset_block();
        self.unflushed = false;
        // A prompt, the next answer appended to a log, `wc -l` and an error message after a
        // cut-off answer all need the answer to end its line; `--raw` keeps a pipe's bytes exact.
        if (self.opts.stdout_tty || !self.exact) && self.wrote_text && !self.out_at_line_start {
            writeln!(self.out)?;
            self.out_at_line_start = true;
        }
        self.out.flush()?;
        self.err.flush()
    }
}

impl<O: Write, E: Write> Drop for StreamRenderer<O, E> {
    fn drop(&mut self) {
        // An error path may drop us without `finish`: the text already shown must not be lost.
        let _ = self.flush_unflushed();
        self.stop_spinner();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(tty: bool) -> StreamOptions {
        StreamOptions {
            stdout_tty: tty,
            stderr_tty: tty,
            color_out: tty,
            color_err: tty,
            show_reasoning: true,
            spinner: false,
            markdown: tty,
        }
    }

    #[test]
    fn pipe_output_is_byte_exact() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        {
            let mut r = StreamRenderer::new(&mut out, &mut err, opts(false));
            r.set_exact(true);
            r.reasoning("thinking…").unwrap();
            for chunk in ["Hello", " **world**", "\x1b]52;c;eA==\x07", "\n\nbye"] {
                r.text(chunk).unwrap();
            }
            r.finish().unwrap();
        }
        assert_eq!(out, b"Hello **world**\x1b]52;c;eA==\x07\n\nbye");
        assert_eq!(String::from_utf8(err).unwrap(), "thinking…\n");
    }

    #[test]
    fn pipe_output_ends_its_line_unless_exact() {
        let mut out = Vec::new();
        {
            let mut r = StreamRenderer::new(&mut out, Vec::new(), opts(false));
            r.set_exact(false);
            r.text("no newline").unwrap();
            r.finish().unwrap();
            r.finish().unwrap();
        }
        assert_eq!(out, b"no newline\n");
    }

    #[test]
    fn terminal_output_neutralises_escapes_and_redraws_blocks() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        {
            let mut r = StreamRenderer::new(&mut out, &mut err, opts(true));
            r.text("# Title\n\nSome **bold** text \x1b]0;owned\x07\n\n")
                .unwrap();
            r.text("```rust\nfn main() {}\n```\n").unwrap();
            r.finish().unwrap();
        }
        let s = String::from_utf8(out).unwrap();
        assert!(!s.contains("\x1b]0;"), "{s:?}");
        assert!(s.contains("^[]0;owned^G"), "{s:?}");
        // Code inside the fence is highlighted, its characters left exactly as streamed.
        assert!(
            s.contains("```rust\n\x1b[35mfn\x1b[0m \x1b[34mmain\x1b[0m() {}\n```\n"),
            "{s:?}"
        );
        // The finished paragraph was re-drawn (cursor up + clear) through termimad.
        assert!(s.contains("\x1b[J"), "{s:?}");
    }

    #[test]
    fn tool_call_lines_end_the_text_first() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        {
            let mut r = StreamRenderer::new(&mut out, &mut err, opts(false));
            r.text("Let me check").unwrap();
            r.line(r#"{"type":"tool_call"}"#).unwrap();
            r.finish().unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Let me check\n{\"type\":\"tool_call\"}\n"
        );
    }
}

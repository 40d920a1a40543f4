//! Reasoning written inside the text (`<think>…</think>`, `<reasoning>…</reasoning>`), as
//! Kimi K2, DeepSeek and Qwen do, taken out of the answer and turned into reasoning of its own.
//!
//! The extractor works on a stream: chunks may split a tag anywhere, so a chunk ending in what
//! could be the start of a tag is held back until the next chunk (or the end) decides it.
//! Whitespace right after a tag, right before a closing tag, and before a first tag is
//! dropped, so `" <think> x </think> y"` reads as reasoning `x` and answer `y`.

use std::collections::BTreeMap;

use super::message::{Message, Part};
use super::stream::StreamEvent;

/// The tags recognised when no family-specific list is given.
pub const DEFAULT_TAGS: &[&str] = &["think", "reasoning"];

/// A run of answer text or of reasoning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Reasoning(String),
}

impl Piece {
    fn is_text(&self) -> bool {
        matches!(self, Piece::Text(_))
    }

    fn as_str(&self) -> &str {
        match self {
            Piece::Text(s) | Piece::Reasoning(s) => s,
        }
    }
}

/// Streaming splitter of text into answer and reasoning pieces.
#[derive(Debug, Clone)]
pub struct ThinkExtractor {
    /// (open, close) tag pairs.
    tags: Vec<(String, String)>,
    /// The pair we are inside of.
    inside: Option<usize>,
    pending: String,
    strip_leading: bool,
    /// No answer text emitted yet: leading whitespace is held in case a tag follows.
    at_start: bool,
}

impl Default for ThinkExtractor {
    fn default() -> Self {
        Self::with_tags(DEFAULT_TAGS)
    }
}

/// The length of the longest suffix of `s` that is a proper prefix of one of `tags`.
fn partial_tag_suffix<'a>(s: &str, tags: impl Iterator<Item = &'a str>) -> usize {
    let bytes = s.as_bytes();
    tags.map(|t| {
        let t = t.as_bytes();
        (1..t.len().min(bytes.len() + 1))
            .rev()
            .find(|&k| bytes.ends_with(&t[..k]))
            .unwrap_or(0)
    })
    .max()
    .unwrap_or(0)
}

fn push_piece(out: &mut Vec<Piece>, piece: Piece) {
    if piece.as_str().is_empty() {
        return;
    }
    match (out.last_mut(), piece) {
        (Some(Piece::Text(a)), Piece::Text(b))
        | (Some(Piece::Reasoning(a)), Piece::Reasoning(b)) => a.push_str(&b),
        (_, p) => out.push(p),
    }
}

impl ThinkExtractor {
    pub fn new() -> Self {
        Self::default()
    }

    /// An extractor for the given tag names (`"think"` means `<think>…</think>`).
    pub fn with_tags(names: &[&str]) -> Self {
        ThinkExtractor {
            tags: names
                .iter()
                .map(|n| (format!("<{n}>"), format!("</{n}>")))
                .collect(),
            inside: None,
            pending: String::new(),
            strip_leading: false,
            at_start: true,
        }
    }

    fn emit(&mut self, out: &mut Vec<Piece>, text: &str, reasoning: bool) {
        let text = if self.strip_leading {
            text.trim_start()
        } else {
            text
        };
        if text.is_empty() {
            return;
        }
        self.strip_leading = false;
        if !reasoning {
            self.at_start = false;
        }
        push_piece(
            out,
            if reasoning {
                Piece::Reasoning(text.to_string())
            } else {
                Piece::Text(text.to_string())
            },
        );
    }

    /// Feeds a chunk; returns the pieces that are now certain.
    pub fn feed(&mut self, chunk: &str) -> Vec<Piece> {
        self.pending.push_str(chunk);
        let mut out = Vec::new();
        loop {
            let buf = std::mem::take(&mut self.pending);
            match self.inside {
                None => {
                    // Most chunks hold no tag at all; a byte scan settles that without
                    // building a substring searcher per tag.
                    let found = if buf.contains('<') {
                        self.tags
                            .iter()
                            .enumerate()
                            .filter_map(|(i, (open, _))| buf.find(open.as_str()).map(|p| (p, i)))
                            .min()
                    } else {
                        None
                    };
                    if let Some((pos, i)) = found {
                        let before = &buf[..pos];
                        if !(self.at_start && before.trim().is_empty()) {
                            self.emit(&mut out, before, false);
                        }
                        self.pending = buf[pos + self.tags[i].0.len()..].to_string();
                        self.inside = Some(i);
                        self.strip_leading = true;
                        self.at_start = false;
                        continue;
                    }
                    let keep = partial_tag_suffix(&buf, self.tags.iter().map(|t| t.0.as_str()));
                    let mut upto = buf.len() - keep;
                    if self.at_start && buf[..upto].trim().is_empty() {
                        upto = 0;
                    }
                    self.emit(&mut out, &buf[..upto], false);
                    let mut buf = buf;
                    buf.drain(..upto);
                    self.pending = buf;
                    break;
                }
                Some(i) => {
                    let close = self.tags[i].1.as_str();
                    let close_len = close.len();
                    if let Some(pos) = buf.find(close) {
                        self.emit(&mut out, buf[..pos].trim_end(), true);
                        self.pending = buf[pos + close_len..].to_string();
                        self.inside = None;
                        self.strip_leading = true;
                        continue;
                    }
                    let keep = partial_tag_suffix(&buf, std::iter::once(close));
                    // Trailing whitespace may be the space before the closing tag.
                    let upto = buf[..buf.len() - keep].trim_end().len();
                    self.emit(&mut out, &buf[..upto], true);
                    let mut buf = buf;
                    buf.drain(..upto);
                    self.pending = buf;
                    break;
                }
            }
        }
        out
    }

    /// Ends the stream: what was held back is released. An unclosed tag leaves its content as
    /// reasoning.
    pub fn finish(&mut self) -> Vec<Piece> {
        let mut out = Vec::new();
        let rest = std::mem::take(&mut self.pending);
        match self.inside.take() {
            Some(_) => self.emit(&mut out, rest.trim_end(), true),
            None => self.emit(&mut out, &rest, false),
        }
        self.strip_leading = false;
        self.at_start = true;
        out
    }
}

/// Splits a whole text with the given tags.
pub fn split_think_with(text: &str, tags: &[&str]) -> Vec<Piece> {
    let mut ex = ThinkExtractor::with_tags(tags);
    let mut out = ex.feed(text);
    for p in ex.finish() {
        push_piece(&mut out, p);
    }
    out
}

/// Splits a whole text with the default tags.
pub fn split_think(text: &str) -> Vec<Piece> {
    split_think_with(text, DEFAULT_TAGS)
}

/// A message with inline reasoning in its text parts turned into reasoning parts.
pub fn split_message(message: &Message, tags: &[&str]) -> Message {
    let mut content = Vec::with_capacity(message.content.len());
    for p in &message.content {
        match p {
            Part::Text { text } => {
                for piece in split_think_with(text, tags) {
                    content.push(match piece {
                        Piece::Text(t) => Part::Text { text: t },
                        Piece::Reasoning(t) => Part::Reasoning {
                            text: t,
                            signature: None,
                        },
                    });
                }
            }
            other => content.push(other.clone()),
        }
    }
    Message::new(message.role, content)
}

/// Rewrites a stream so that inline reasoning in text blocks arrives as reasoning events.
/// Output blocks are renumbered in order of appearance, since one text block may become
/// several blocks of alternating kinds.
#[derive(Debug)]
pub struct InlineThinkSplitter {
    tags: Vec<String>,
    /// Open text blocks: extractor and the output block currently being written.
    text_blocks: BTreeMap<u32, (ThinkExtractor, Option<(u32, bool)>)>,
    /// Other blocks: input index to output index.
    other_blocks: BTreeMap<u32, u32>,
    next_index: u32,
}

impl InlineThinkSplitter {
    pub fn new(tags: &[&str]) -> Self {
        InlineThinkSplitter {
            tags: tags.iter().map(|t| t.to_string()).collect(),
            text_blocks: BTreeMap::new(),
            other_blocks: BTreeMap::new(),
            next_index: 0,
        }
    }

    fn alloc(&mut self) -> u32 {
        let i = self.next_index;
        self.next_index += 1;
        i
    }

    fn other(&mut self, index: u32) -> u32 {
        if let Some(i) = self.other_blocks.get(&index) {
            return *i;
        }
        let i = self.alloc();
        self.other_blocks.insert(index, i);
        i
    }

    fn emit_pieces(&mut self, index: u32, pieces: Vec<Piece>, out: &mut Vec<StreamEvent>) {
        for piece in pieces {
            let is_text = piece.is_text();
            let current = self.text_blocks.get(&index).and_then(|(_, c)| *c);
            let out_index = match current {
                Some((i, t)) if t == is_text => i,
                _ => {
                    if let Some((i, _)) = current {
                        out.push(StreamEvent::BlockStop { index: i });
                    }
                    let i = self.alloc();
                    if let Some((_, c)) = self.text_blocks.get_mut(&index) {
                        *c = Some((i, is_text));
                    }
                    i
                }
            };
            out.push(match piece {
                Piece::Text(text) => StreamEvent::TextDelta {
                    index: out_index,
                    text,
                },
                Piece::Reasoning(text) => StreamEvent::ReasoningDelta {
                    index: out_index,
                    text,
                },
            });
        }
    }

    fn close_text_block(&mut self, index: u32, out: &mut Vec<StreamEvent>) {
        let pieces = match self.text_blocks.get_mut(&index) {
            Some((ex, _)) => ex.finish(),
            None => return,
        };
        self.emit_pieces(index, pieces, out);
        if let Some((_, Some((i, _)))) = self.text_blocks.remove(&index) {
            out.push(StreamEvent::BlockStop { index: i });
        }
    }

    /// Rewrites one event.
    pub fn push(&mut self, ev: StreamEvent) -> Vec<StreamEvent> {
        let mut out = Vec::new();
        match ev {
            StreamEvent::TextDelta { index, text } => {
                let tags = &self.tags;
                let pieces = self
                    .text_blocks
                    .entry(index)
                    .or_insert_with(|| {
                        let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
                        (ThinkExtractor::with_tags(&tags), None)
                    })
                    .0
                    .feed(&text);
                self.emit_pieces(index, pieces, &mut out);
            }
            StreamEvent::BlockStop { index } => {
                if self.text_blocks.contains_key(&index) {
                    self.close_text_block(index, &mut out);
                } else {
                    let i = self.other(index);
                    out.push(StreamEvent::BlockStop { index: i });
                }
            }
            StreamEvent::ReasoningDelta { index, text } => out.push(StreamEvent::ReasoningDelta {
                index: self.other(index),
                text,
            }),
            StreamEvent::ReasoningSignature { index, signature } => {
                out.push(StreamEvent::ReasoningSignature {
                    index: self.other(index),
                    signature,
                })
            }
            StreamEvent::RedactedReasoning { index, data } => {
                out.push(StreamEvent::RedactedReasoning {
                    index: self.other(index),
                    data,
                })
            }
            StreamEvent::ToolUseStart {
                index,
                id,
                name,
                kind,
            } => out.push(StreamEvent::ToolUseStart {
                index: self.other(index),
                id,
                name,
                kind,
            }),
            StreamEvent::ToolUseDelta {
                index,
                input_json_fragment,
            } => out.push(StreamEvent::ToolUseDelta {
                index: self.other(index),
                input_json_fragment,
            }),
            StreamEvent::ToolResultStart {
                index,
                tool_use_id,
                status,
                kind,
            } => out.push(StreamEvent::ToolResultStart {
                index: self.other(index),
                tool_use_id,
                status,
                kind,
            }),
            StreamEvent::ToolResultDelta { index, content } => {
                out.push(StreamEvent::ToolResultDelta {
                    index: self.other(index),
                    content,
                })
            }
            ev @ StreamEvent::MessageStop { .. } => {
                out.extend(self.finish());
                out.push(ev);
            }
            ev @ (StreamEvent::MessageStart | StreamEvent::Metadata { .. }) => out.push(ev),
        }
        out
    }

    /// Releases text held back in blocks that were never stopped.
    pub fn finish(&mut self) -> Vec<StreamEvent> {
        let mut out = Vec::new();
        let open: Vec<u32> = self.text_blocks.keys().copied().collect();
        for index in open {
            self.close_text_block(index, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stream::{Accumulator, ConverseStreamDecoder};
    use crate::testutil;

    fn t(s: &str) -> Piece {
        Piece::Text(s.into())
    }
    fn r(s: &str) -> Piece {
        Piece::Reasoning(s.into())
    }

    fn feed_all(chunks: &[&str], tags: &[&str]) -> Vec<Piece> {
        let mut ex = ThinkExtractor::with_tags(tags);
        let mut out = Vec::new();
        for c in chunks {
            for p in ex.feed(c) {
                push_piece(&mut out, p);
            }
        }
        for p in ex.finish() {
            push_piece(&mut out, p);
        }
        out
    }

    fn boundaries(s: &str) -> impl Iterator<Item = usize> + '_ {
        (0..=s.len()).filter(|&i| s.is_char_boundary(i))
    }

    /// Feeding in two chunks split anywhere, or char by char, gives the one-shot result.
    fn check_all_splits(s: &str, tags: &[&str]) -> Vec<Piece> {
        let whole = split_think_with(s, tags);
        for i in boundaries(s) {
            assert_eq!(
                feed_all(&[&s[..i], &s[i..]], tags),
                whole,
                "split at {i} of {s:?}"
            );
        }
        let chars: Vec<String> = s.chars().map(String::from).collect();
        let refs: Vec<&str> = chars.iter().map(String::as_str).collect();
        assert_eq!(feed_all(&refs, tags), whole, "char by char {s:?}");
        whole
    }

    #[test]
    fn synthetic_strings() {
        let cases: Vec<(&str, Vec<Piece>)> = vec![
            ("plain answer", vec![t("plain answer")]),
            ("  leading space kept", vec![t("  leading space kept")]),
            ("<think>a</think>b", vec![r("a"), t("b")]),
            (" <think> a b </think> c ", vec![r("a b"), t("c ")]),
            ("<reasoning>x</reasoning>\n\ny", vec![r("x"), t("y")]),
            ("x <think>y</think> z", vec![t("x "), r("y"), t("z")]),
            ("<think>never closed", vec![r("never closed")]),
            (
                "a < b and <thin but not a tag",
                vec![t("a < b and <thin but not a tag")],
            ),
            ("ends with partial <thi", vec![t("ends with partial <thi")]),
            ("<think>a</thin", vec![r("a</thin")]),
            ("<think></think>only", vec![t("only")]),
            ("é<think>ü</think>日本", vec![t("é"), r("ü"), t("日本")]),
            (
                "<think>a</reasoning>b</think>c",
                vec![r("a</reasoning>b"), t("c")],
            ),
            (
                "<think>1</think>x<think>2</think>y",
                vec![r("1"), t("x"), r("2"), t("y")],
            ),
        ];
        for (s, want) in cases {
            assert_eq!(check_all_splits(s, DEFAULT_TAGS), want, "{s:?}");
        }
        // Family tags: Nova writes <thinking>.
        let s = "<thinking> To find the temperature I need a tool.</thinking>\n";
        assert_eq!(
            check_all_splits(s, &["thinking"]),
            vec![r("To find the temperature I need a tool.")]
        );
        assert_eq!(split_think(s), vec![t(s)]);
    }

    fn kimi_text() -> String {
        testutil::kimi_text_deltas().concat()
    }

    #[test]
    fn kimi_recording_at_every_split_point() {
        let text = kimi_text();
        let pieces = check_all_splits(&text, &["think"]);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        let Piece::Reasoning(thought) = &pieces[0] else {
            panic!("{pieces:?}")
        };
        assert!(
            thought.starts_with("The user wants me to check if this repository has cursor files.")
        );
        assert!(thought.ends_with("Now I need to answer with exactly: FOUND ISSUE_11409_CONTENT"));
        assert_eq!(pieces[1], t("FOUND ISSUE_11409_CONTENT"));

        // The recorded chunking, each chunk also split at every point.
        let deltas = testutil::kimi_text_deltas();
        let refs: Vec<&str> = deltas.iter().map(String::as_str).collect();
        assert_eq!(feed_all(&refs, &["think"]), pieces);
        for (n, d) in deltas.iter().enumerate() {
            for i in boundaries(d) {
                let mut chunks: Vec<&str> = refs[..n].to_vec();
                chunks.push(&d[..i]);
                chunks.push(&d[i..]);
                chunks.extend(&refs[n + 1..]);
                assert_eq!(
                    feed_all(&chunks, &["think"]),
                    pieces,
                    "delta {n} split at {i}"
                );
            }
        }
    }

    #[test]
    fn stream_splitter_on_kimi_recording() {
        let mut dec = ConverseStreamDecoder::new();
        let mut split = InlineThinkSplitter::new(&["think"]);
        let mut acc = Accumulator::new();
        let mut events = Vec::new();
        for line in testutil::kimi_chunks() {
            let v: serde_json::Value = serde_json::from_str(&line).unwrap();
            let (ty, payload) = v.as_object().unwrap().iter().next().unwrap();
            for e in dec.decode(ty, payload.to_string().as_bytes()).unwrap() {
                for e in split.push(e) {
                    acc.push(&e);
                    events.push(e);
                }
            }
        }
        let resp = acc.finish().unwrap();
        assert_eq!(resp.text(), "FOUND ISSUE_11409_CONTENT");
        assert!(
            resp.message
                .reasoning_text()
                .starts_with("The user wants me")
        );
        assert!(matches!(resp.message.content[0], Part::Reasoning { .. }));
        // Reasoning streamed as it came, in block 0; the answer in block 1.
        assert!(
            events
                .iter()
                .any(|e| matches!(e, StreamEvent::ReasoningDelta { index: 0, .. }))
        );
        assert!(events.contains(&StreamEvent::BlockStop { index: 0 }));
        assert!(events.contains(&StreamEvent::TextDelta {
            index: 1,
            text: "FOUND ISSUE_11409_CONTENT".into()
        }));
        assert_eq!(
            resp.message,
            split_message(&Message::assistant_text(kimi_text()), &["think"])
        );
    }

    #[test]
    fn splitter_renumbers_following_blocks() {
        let mut s = InlineThinkSplitter::new(&["think"]);
        let mut out = Vec::new();
        for e in [
            StreamEvent::TextDelta {
                index: 0,
                text: "<think>a</think>b".into(),
            },
            StreamEvent::BlockStop { index: 0 },
            StreamEvent::ToolUseStart {
                index: 1,
                id: "t".into(),
                name: "f".into(),
                kind: None,
            },
            StreamEvent::ToolUseDelta {
                index: 1,
                input_json_fragment: "{}".into(),
            },
            StreamEvent::BlockStop { index: 1 },
        ] {
            out.extend(s.push(e));
        }
        assert_eq!(
            out,
            vec![
                StreamEvent::ReasoningDelta {
                    index: 0,
                    text: "a".into()
                },
                StreamEvent::BlockStop { index: 0 },
                StreamEvent::TextDelta {
                    index: 1,
                    text: "b".into()
                },
                StreamEvent::BlockStop { index: 1 },
                StreamEvent::ToolUseStart {
                    index: 2,
                    id: "t".into(),
                    name: "f".into(),
                    kind: None
                },
                StreamEvent::ToolUseDelta {
                    index: 2,
                    input_json_fragment: "{}".into()
                },
                StreamEvent::BlockStop { index: 2 },
            ]
        );
    }
}

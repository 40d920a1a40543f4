//! The fuzz targets' bodies, shared by the cargo-fuzz binaries (`fuzz_targets/*.rs`) and by the
//! ordinary test that replays seeds and saved crash inputs (`tests/cli/reliability.rs`), so a
//! regression input is checked by exactly the code that found it.
//!
//! Each function must never panic for any input; where a property is cheap to state (chunking
//! must not change what a streaming decoder produces) it is asserted too.

#![allow(dead_code)]

use std::path::PathBuf;

use brock_core::stream::{Accumulator, ConverseStreamDecoder};
use brock_core::think::{Piece, ThinkExtractor, split_think};

/// Cut points taken from the first byte of the input: the rest is split into chunks of
/// 1..=N bytes, N from that byte, so the fuzzer explores how frames straddle reads.
fn chunks(data: &[u8]) -> (Vec<&[u8]>, &[u8]) {
    let Some((&seed, body)) = data.split_first() else {
        return (Vec::new(), data);
    };
    let width = usize::from(seed % 64) + 1;
    (body.chunks(width).collect(), body)
}

/// The event-stream path of `brock raw` (and of chat): frames decoded from a body arriving in
/// arbitrary pieces, each event turned into the JSON `raw` prints and fed to the ConverseStream
/// decoder and accumulator that chat uses.
pub fn event_stream(data: &[u8]) {
    let (pieces, body) = chunks(data);
    let (events, err) = brock_bedrock::decode_event_stream(pieces.iter().copied());
    let (whole, whole_err) = brock_bedrock::decode_event_stream([body]);
    assert_eq!(
        events.len(),
        whole.len(),
        "chunking changed the number of frames"
    );
    assert_eq!(
        err.is_some(),
        whole_err.is_some(),
        "chunking changed the outcome"
    );

    let mut decoder = ConverseStreamDecoder::new();
    let mut acc = Accumulator::new();
    for ev in &events {
        let printed = brock::event_json(ev);
        let _ = serde_json::to_string(&printed).expect("raw output serialises");
        if let Some(e) = ev.to_error() {
            let _ = e.to_string();
            let _ = brock::error::Error::from(e).exit_code();
            continue;
        }
        if let Ok(stream_events) = decoder.decode(&ev.event_type, &ev.payload) {
            for s in &stream_events {
                acc.push(s);
            }
        }
    }
    let _ = acc.snapshot();
    let _ = acc.finish();
}

fn merged(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match (out.last_mut(), p) {
            (_, Piece::Text(s) | Piece::Reasoning(s)) if s.is_empty() => {}
            (Some(Piece::Text(a)), Piece::Text(b))
            | (Some(Piece::Reasoning(a)), Piece::Reasoning(b)) => a.push_str(&b),
            (_, p) => out.push(p),
        }
    }
    out
}

/// The think-tag extractor: any text, cut anywhere (on character boundaries), gives the same
/// answer and reasoning as the whole text at once.
pub fn think_tags(data: &[u8]) {
    let Some((&seed, body)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(body);
    let whole = merged(split_think(&text));
    let width = usize::from(seed % 16) + 1;
    let mut ex = ThinkExtractor::new();
    let mut streamed = Vec::new();
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let mut cut = width.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (a, b) = rest.split_at(cut);
        streamed.extend(ex.feed(a));
        rest = b;
    }
    streamed.extend(ex.finish());
    assert_eq!(
        merged(streamed),
        whole,
        "chunking changed the split of {text:?}"
    );
}

fn scratch_config() -> PathBuf {
    std::env::temp_dir().join(format!("brock-fuzz-config-{}.toml", std::process::id()))
}

/// The config loader: any file contents, resolved for the default profile and for a named
/// one, and every alias it defines looked up.
pub fn config_loader(data: &[u8]) {
    let path = scratch_config();
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let env: [(&str, &str); 0] = [];
    for profile in [None, Some("work")] {
        let global = brock::GlobalArgs {
            config: Some(path.clone()),
            profile: profile.map(str::to_string),
            ..Default::default()
        };
        match brock::resolve_with_env(&global, &Default::default(), &env) {
            Ok(settings) => {
                for name in settings.aliases.keys() {
                    let _ = settings.resolve_model(name);
                }
                let _ = settings.model_or_default(None);
                let _ = settings.model_or_default(Some("sonnet"));
            }
            Err(e) => {
                let msg = e.to_string();
                assert!(!msg.contains('\n'), "config errors are one line: {msg:?}");
                assert_eq!(e.exit_code(), 2, "config errors are usage errors: {msg}");
            }
        }
    }
}

/// OpenAI chat.completions input (`--input-format openai`): parsed, then translated to the
/// Converse and CountTokens bodies it would be sent as.
pub fn openai_input(data: &[u8]) {
    if let Ok(parsed) = brock_core::openai::parse_request_bytes(data) {
        if let Ok(c) = brock_core::converse::to_converse(&parsed.request) {
            let _ = serde_json::to_string(&c.body).expect("request body serialises");
        }
        let _ = brock_core::converse::to_count_tokens(&parsed.request);
    }
}

/// A fuzz target: takes arbitrary bytes, must never panic.
pub type Target = fn(&[u8]);

/// Every target by name, for the replay test.
pub const TARGETS: &[(&str, Target)] = &[
    ("event_stream", event_stream),
    ("think_tags", think_tags),
    ("config_loader", config_loader),
    ("openai_input", openai_input),
];

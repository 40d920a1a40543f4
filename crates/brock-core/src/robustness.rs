//! No input makes the core panic: recorded bodies, mutated byte by byte and value by value,
//! go through every parser.

use serde_json::{Value, json};

use super::testutil;
use super::{attach, converse, model, openai, request, stream, think, tools};

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn corpus() -> Vec<Value> {
    let mut out = Vec::new();
    for name in [
        "test_bedrock_anthropic_tool_with_thinking.yaml",
        "test_bedrock_model_with_code_execution_tool.yaml",
        "test_bedrock_cache_write_and_read.yaml",
        "test_bedrock_model_guardrail_config.yaml",
        "test_bedrock_model_thinking_part_redacted.yaml",
    ] {
        for it in testutil::cassette(name) {
            out.extend(it.request);
            out.extend(it.response_json);
        }
    }
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/testdata/openai");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap();
        out.extend(v.as_object().unwrap().values().cloned());
    }
    out
}

const ODD: &[&str] = &["", "x", "{", "<think>", "</think", "\u{0}", "é", "s3://b/k"];

fn odd_value(rng: &mut Rng) -> Value {
    match rng.below(7) {
        0 => Value::Null,
        1 => json!(-1),
        2 => json!(1e300),
        3 => json!(ODD[rng.below(ODD.len())]),
        4 => json!([]),
        5 => json!({}),
        _ => json!(true),
    }
}

/// Replaces a random node of `v` with an odd value.
fn mutate(v: &mut Value, rng: &mut Rng) {
    match v {
        Value::Object(m) if !m.is_empty() && rng.below(4) != 0 => {
            let k = m
                .keys()
                .nth(rng.below(m.len()))
                .cloned()
                .unwrap_or_default();
            if let Some(child) = m.get_mut(&k) {
                mutate(child, rng);
            }
        }
        Value::Array(a) if !a.is_empty() && rng.below(4) != 0 => {
            let i = rng.below(a.len());
            mutate(&mut a[i], rng);
        }
        other => *other = odd_value(rng),
    }
}

fn exercise_value(v: &Value) {
    let _ = converse::parse_response_value(v);
    let _ = converse::message_from_json(v);
    let _ = converse::block_to_part(v);
    let _ = tools::parse_tools_value(v);
    if let Ok(p) = openai::parse_request(v) {
        let _ = converse::to_converse(&p.request);
        let _ = converse::to_count_tokens(&p.request);
    }
    if let Ok(r) = converse::parse_response_value(v) {
        let _ = openai::chat_completion(&r, "m", "i", 0);
        let mut r2 = r.clone();
        let _ = converse::take_structured_answer(&mut r2, &converse::StructuredOutput::Native);
        let _ = converse::take_structured_answer(
            &mut r2,
            &converse::StructuredOutput::Tool { name: "x".into() },
        );
    }
}

fn exercise_bytes(b: &[u8], rng: &mut Rng) {
    let _ = converse::parse_response(b);
    let _ = openai::parse_request_bytes(b);
    let _ = tools::parse_tools_file(b);
    let _ = attach::classify("file.bin", b);
    let _ = attach::attachment_part("f.png", b.to_vec());
    let mut dec = stream::ConverseStreamDecoder::new();
    let mut acc = stream::Accumulator::new();
    for ty in [
        "messageStart",
        "contentBlockStart",
        "contentBlockDelta",
        "contentBlockStop",
        "messageStop",
        "metadata",
    ] {
        if let Ok(evs) = dec.decode(ty, b) {
            for e in &evs {
                acc.push(e);
            }
        }
    }
    let _ = acc.snapshot();
    let text = String::from_utf8_lossy(b);
    let _ = request::parse_param(&text);
    let _ = model::ModelRef::parse(&text);
    let _ = attach::sanitize_document_name(&text);
    let _ = attach::s3_part(&text, None);
    let mut ex = think::ThinkExtractor::new();
    let mut rest: &str = &text;
    while !rest.is_empty() {
        let mut cut = 1 + rng.below(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (a, b) = rest.split_at(cut);
        let _ = ex.feed(a);
        rest = b;
    }
    let _ = ex.finish();
}

#[test]
fn no_input_panics() {
    let corpus = corpus();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let mut v = corpus[rng.below(corpus.len())].clone();
        for _ in 0..=rng.below(3) {
            mutate(&mut v, &mut rng);
        }
        exercise_value(&v);

        let mut bytes = serde_json::to_vec(&v).unwrap_or_default();
        match rng.below(3) {
            0 => bytes.truncate(rng.below(bytes.len() + 1)),
            1 => {
                for _ in 0..4 {
                    if !bytes.is_empty() {
                        let i = rng.below(bytes.len());
                        bytes[i] = rng.next() as u8;
                    }
                }
            }
            _ => {
                let i = rng.below(bytes.len() + 1);
                let odd = ODD[rng.below(ODD.len())].as_bytes();
                bytes.splice(i..i, odd.iter().copied());
            }
        }
        exercise_bytes(&bytes, &mut rng);
    }
}

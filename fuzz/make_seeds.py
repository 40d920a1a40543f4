#!/usr/bin/env python3
"""Writes the committed seed inputs under fuzz/seeds/<target>/ from real recorded traffic
(tests/fixtures/recorded, vendored), the OpenAI test bodies and the starter config. Re-run it when
those change; run.sh copies the seeds into fuzz/corpus/ (ignored) before fuzzing."""

import glob
import json
import os
import re
import struct
import zlib

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RECORDED = os.path.join(ROOT, "tests", "fixtures", "recorded")


def out(target, name, data):
    d = os.path.join(HERE, "seeds", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def frame(headers, payload):
    """One event-stream message (string headers only), CRCs included."""
    h = b""
    for k, v in headers:
        kb, vb = k.encode(), v.encode()
        h += bytes([len(kb)]) + kb + b"\x07" + struct.pack(">H", len(vb)) + vb
    total = 12 + len(h) + len(payload) + 4
    prelude = struct.pack(">II", total, len(h))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    msg = prelude + h + payload
    return msg + struct.pack(">I", zlib.crc32(msg))


def event(kind, payload):
    return frame(
        [(":event-type", kind), (":content-type", "application/json"), (":message-type", "event")],
        json.dumps(payload).encode(),
    )


# event_stream: the first byte picks the read size (see harness.rs `chunks`).
n = 0
for path in sorted(glob.glob(os.path.join(RECORDED, "converse", "*.yaml"))):
    doc = yaml.safe_load(open(path))
    for it in doc.get("interactions", []):
        body = it["response"].get("body", {}).get("string")
        if isinstance(body, bytes) and "stream" in it["request"]["uri"]:
            out("event_stream", f"recorded-{n:02}", bytes([n * 7 % 64]) + body)
            n += 1
hand = event("messageStart", {"role": "assistant"}) + event(
    "contentBlockDelta", {"contentBlockIndex": 0, "delta": {"text": "hi"}, "p": "abc"}
)
out("event_stream", "hand-events", b"\x00" + hand)
out("event_stream", "hand-exception", b"\x03" + hand + frame(
    [(":exception-type", "modelStreamErrorException"), (":content-type", "application/json"),
     (":message-type", "exception")],
    b'{"message":"The model stream encountered an error."}'))
out("event_stream", "hand-chunk", b"\x05" + frame(
    [(":event-type", "chunk"), (":message-type", "event")], b'{"bytes":"eyJhIjoxfQ=="}'))
out("event_stream", "hand-truncated", b"\x01" + hand[: len(hand) - 9])

# think_tags: the first byte picks the chunk width.
lines = open(os.path.join(RECORDED, "converse-chunks",
                          "kimi-k2-thinking-inline-think-tags.chunks.txt")).read().splitlines()
text = ""
for line in lines:
    m = json.loads(line)
    text += m.get("contentBlockDelta", {}).get("delta", {}).get("text", "")
out("think_tags", "kimi-inline", b"\x05" + text.encode())
for i, s in enumerate([" <think> x </think> y", "<reasoning>a</reasoning>b<think>c",
                       "no tags at all", "<thi", "a</think>b", "  \n<think></think>  "]):
    out("think_tags", f"hand-{i}", bytes([i]) + s.encode())

# openai_input
for path in sorted(glob.glob(os.path.join(ROOT, "src", "core", "testdata", "openai", "in_*.json"))):
    doc = json.load(open(path))
    base = os.path.basename(path)[:-5]
    for key, v in doc.items():
        if isinstance(v, dict) and "messages" in v and "model" in v:
            out("openai_input", f"{base}-{key}", json.dumps(v).encode())
out("openai_input", "minimal", b'{"model":"sonnet","messages":[{"role":"user","content":"hi"}]}')

# config_loader: the starter file written by `brock config init`, and a layered one.
src = open(os.path.join(ROOT, "src", "config.rs")).read()
m = re.search(r'pub const STARTER_CONFIG: &str = r#"(.*?)"#;', src, re.S)
if m:
    out("config_loader", "starter", m.group(1).encode())
out("config_loader", "layered", b"""[default]
region = "us-east-1"
model = "sonnet"
temperature = 0.2

[default.headers]
x-brock-emulator-scenario = "throttle"

[aliases]
fast = "us.amazon.nova-lite-v1:0"

[profiles.work]
region = "eu-west-1"
model = "fast"
max_tokens = 100

[tools.weather]
description = "Weather for a city"
command = ["./weather.sh"]
parameters = { type = "object", properties = { city = { type = "string" } } }
""")

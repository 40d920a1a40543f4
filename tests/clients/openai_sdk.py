"""The official OpenAI Python SDK against `brock serve` (run by tests/cli/serve.rs).

Environment: BROCK_GATEWAY (base URL, e.g. http://127.0.0.1:4000) and BROCK_GATEWAY_KEY.
Every check raises on failure; the last line printed is "ok".
"""

import base64
import json
import os
import struct

import openai
from openai import OpenAI

base = os.environ["BROCK_GATEWAY"]
client = OpenAI(base_url=f"{base}/v1", api_key=os.environ["BROCK_GATEWAY_KEY"], max_retries=0)
GREETING = "Hello from the brock emulator"

# Non-streamed.
r = client.chat.completions.create(
    model="nova-lite", messages=[{"role": "user", "content": "hi from the SDK"}]
)
assert r.object == "chat.completion", r
assert r.choices[0].message.content == (
    f"{GREETING} (us.amazon.nova-lite-v1:0). You said: hi from the SDK"
), r.choices[0].message.content
assert r.choices[0].finish_reason == "stop"
assert r.usage.completion_tokens > 0 and r.usage.prompt_tokens > 0

# Streamed with reasoning_content and usage.
stream = client.chat.completions.create(
    model="sonnet",
    messages=[{"role": "user", "content": "reason about it"}],
    reasoning_effort="low",
    stream=True,
    stream_options={"include_usage": True},
)
text, reasoning, usage, finish = "", "", None, None
for chunk in stream:
    if chunk.usage is not None:
        usage = chunk.usage
    for c in chunk.choices:
        text += c.delta.content or ""
        reasoning += getattr(c.delta, "reasoning_content", None) or ""
        finish = c.finish_reason or finish
assert reasoning == "The user said: reason about it. I will greet them and repeat it.", reasoning
assert text.startswith(GREETING) and text.endswith("You said: reason about it"), text
assert finish == "stop", finish
assert usage is not None and usage.completion_tokens > 0, usage

# Tools: the model calls one, the result goes back, the model answers from it.
tools = [{
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}},
            "required": ["city"],
        },
    },
}]
messages = [{"role": "user", "content": "What is the weather in Paris? use get_weather"}]
r = client.chat.completions.create(model="nova-lite", messages=messages, tools=tools)
call = r.choices[0].message.tool_calls[0]
assert r.choices[0].finish_reason == "tool_calls", r
assert call.function.name == "get_weather"
assert isinstance(json.loads(call.function.arguments)["city"], str)
messages.append(r.choices[0].message.model_dump(exclude_none=True))
messages.append({"role": "tool", "tool_call_id": call.id, "content": "sunny, 21 C"})
r = client.chat.completions.create(model="nova-lite", messages=messages, tools=tools)
assert r.choices[0].message.content == "The tool returned: sunny, 21 C", r.choices[0].message.content

# Tool calls streamed as deltas, reassembled by the SDK's stream helper.
with client.chat.completions.stream(model="nova-lite", messages=messages[:1], tools=tools) as s:
    final = s.get_final_completion()
assert final.choices[0].message.tool_calls[0].function.name == "get_weather"

# Embeddings: float, base64, and the SDK's default (it asks for base64 and decodes it).
inputs = ["first text", "second text"]
floats = client.embeddings.create(model="titan-embed", input=inputs, encoding_format="float")
assert [d.index for d in floats.data] == [0, 1]
assert len(floats.data[0].embedding) == 1024
assert floats.data[0].embedding != floats.data[1].embedding
assert floats.usage.prompt_tokens > 0
b64 = client.embeddings.create(model="titan-embed", input=inputs, encoding_format="base64")
raw = base64.b64decode(b64.data[0].embedding)
decoded = struct.unpack(f"<{len(raw) // 4}f", raw)
assert all(abs(a - b) < 1e-6 for a, b in zip(decoded, floats.data[0].embedding))
default = client.embeddings.create(model="titan-embed", input="first text", dimensions=256)
assert len(default.data[0].embedding) == 256

# Models.
ids = [m.id for m in client.models.list()]
assert "nova-lite" in ids and "amazon.nova-lite-v1:0" in ids, ids

# Images.
img = client.images.generate(
    model="nova-canvas", prompt="a red circle", size="512x512", response_format="b64_json"
)
png = base64.b64decode(img.data[0].b64_json)
assert png[:8] == b"\x89PNG\r\n\x1a\n"

# Errors arrive as the SDK's typed exceptions.
try:
    client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "x"}])
    raise AssertionError("an unknown model was accepted")
except openai.NotFoundError as e:
    assert e.status_code == 404 and "gpt-4o" in str(e), e
try:
    OpenAI(base_url=f"{base}/v1", api_key="wrong", max_retries=0).models.list()
    raise AssertionError("a wrong key was accepted")
except openai.AuthenticationError as e:
    assert e.status_code == 401

print("ok")

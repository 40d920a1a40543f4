"""The official Anthropic Python SDK against `brock serve` (run by tests/cli/serve_messages.rs).

Environment: BROCK_GATEWAY (base URL, e.g. http://127.0.0.1:4000) and BROCK_GATEWAY_KEY.
Every check raises on failure; the last line printed is "ok".
"""

import os

import anthropic
from anthropic import Anthropic

base = os.environ["BROCK_GATEWAY"]
key = os.environ["BROCK_GATEWAY_KEY"]
# The SDK sends the key as x-api-key; Claude Code's ANTHROPIC_AUTH_TOKEN goes as a bearer token.
client = Anthropic(base_url=base, api_key=key, max_retries=0)
bearer = Anthropic(base_url=base, auth_token=key, max_retries=0)
GREETING = "Hello from the brock emulator"
CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0"


def dump(blocks):
    return [b.model_dump(exclude_none=True) for b in blocks]


# messages.create on a Claude model, with the names Claude clients send.
for model in ["claude-sonnet-4-5", "claude-sonnet-4-5-20250929"]:
    r = client.messages.create(
        model=model,
        max_tokens=200,
        system=[{"type": "text", "text": "Be brief.", "cache_control": {"type": "ephemeral"}}],
        messages=[{"role": "user", "content": "Hello SDK"}],
    )
    assert r.type == "message" and r.role == "assistant", r
    assert r.model == model, r.model
    assert r.content[0].type == "text", r.content
    assert r.content[0].text == f"{GREETING} ({CLAUDE}). You said: Hello SDK", r.content[0].text
    assert r.stop_reason == "end_turn", r.stop_reason
    assert r.usage.input_tokens > 0 and r.usage.output_tokens > 0, r.usage
    assert (r._request_id or "").startswith("req_"), r._request_id

r = bearer.messages.create(
    model="claude-haiku-4-5", max_tokens=50, messages=[{"role": "user", "content": "bearer"}]
)
assert r.content[0].text.endswith("You said: bearer"), r.content

# Streamed with thinking and a tool, two turns, the signed thinking block sent back.
tools = [{
    "name": "get_weather",
    "description": "Current weather for a city",
    "input_schema": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}]
thinking = {"type": "enabled", "budget_tokens": 1024}
messages = [{"role": "user", "content": "What is the weather in Paris? use get_weather"}]
seen = []
with client.messages.stream(
    model="claude-sonnet-4-5", max_tokens=4000, thinking=thinking, tools=tools, messages=messages
) as s:
    for ev in s:
        seen.append(ev.type)
        if ev.type == "content_block_delta":
            seen.append(ev.delta.type)
    first = s.get_final_message()
for t in ["message_start", "thinking_delta", "signature_delta", "input_json_delta",
          "message_delta", "message_stop"]:
    assert t in seen, (t, seen)
kinds = [b.type for b in first.content]
assert kinds[0] == "thinking" and "tool_use" in kinds, kinds
assert first.content[0].signature and first.content[0].thinking, first.content[0]
call = next(b for b in first.content if b.type == "tool_use")
assert call.name == "get_weather" and isinstance(call.input["city"], str), call
assert first.stop_reason == "tool_use", first.stop_reason
assert first.usage.output_tokens > 0, first.usage

messages.append({"role": "assistant", "content": dump(first.content)})
messages.append({"role": "user", "content": [
    {"type": "tool_result", "tool_use_id": call.id, "content": "sunny, 21 C"}
]})
with client.messages.stream(
    model="claude-sonnet-4-5", max_tokens=4000, thinking=thinking, tools=tools, messages=messages
) as s:
    second = s.get_final_message()
text = "".join(b.text for b in second.content if b.type == "text")
assert text.endswith("The tool returned: sunny, 21 C"), second.content
assert second.stop_reason == "end_turn", second.stop_reason

# A thinking block whose signature was changed is refused by Bedrock, in Anthropic's shape.
tampered = dump(first.content)
tampered[0]["signature"] = "x" + tampered[0]["signature"][1:]
try:
    client.messages.create(
        model="claude-sonnet-4-5", max_tokens=4000, thinking=thinking, tools=tools,
        messages=[messages[0], {"role": "assistant", "content": tampered}, messages[2]],
    )
    raise AssertionError("a tampered signature was accepted")
except anthropic.BadRequestError as e:
    assert e.status_code == 400
    assert e.body["type"] == "error", e.body
    assert e.body["error"]["type"] == "invalid_request_error", e.body
    assert "signature" in e.body["error"]["message"], e.body

# count_tokens.
c = client.messages.count_tokens(
    model="claude-sonnet-4-5", messages=[{"role": "user", "content": "count these words"}]
)
assert c.input_tokens > 0, c

# A model that is not Claude goes through Converse; the SDK cannot tell.
r = client.messages.create(
    model="nova-lite", max_tokens=100, messages=[{"role": "user", "content": "hi nova"}]
)
assert r.content[0].text == f"{GREETING} (us.amazon.nova-lite-v1:0). You said: hi nova", r.content
assert r.model == "nova-lite" and r.stop_reason == "end_turn", r
nova = [{"role": "user", "content": "What is the weather in Paris? use get_weather"}]
with client.messages.stream(model="nova-lite", max_tokens=300, tools=tools, messages=nova) as s:
    first = s.get_final_message()
call = next(b for b in first.content if b.type == "tool_use")
assert call.name == "get_weather" and first.stop_reason == "tool_use", first
nova.append({"role": "assistant", "content": dump(first.content)})
nova.append({"role": "user", "content": [
    {"type": "tool_result", "tool_use_id": call.id, "content": "sunny, 21 C"}
]})
r = client.messages.create(model="nova-lite", max_tokens=300, tools=tools, messages=nova)
assert r.content[-1].text == "The tool returned: sunny, 21 C", r.content

# Errors in Anthropic's shape with the SDK's own exception classes.
try:
    client.messages.create(model="claude-sonnet-4-5", max_tokens=0,
                           messages=[{"role": "user", "content": "x"}])
    raise AssertionError("max_tokens 0 was accepted")
except anthropic.BadRequestError as e:
    assert e.body["error"]["type"] == "invalid_request_error", e.body
    assert "max_tokens" in e.body["error"]["message"], e.body
try:
    client.messages.create(model="claude-nonexistent-9", max_tokens=10,
                           messages=[{"role": "user", "content": "x"}])
    raise AssertionError("an unknown model was accepted")
except anthropic.NotFoundError as e:
    assert e.body["error"]["type"] == "not_found_error", e.body
try:
    Anthropic(base_url=base, api_key="wrong-key", max_retries=0).messages.create(
        model="claude-sonnet-4-5", max_tokens=10, messages=[{"role": "user", "content": "x"}])
    raise AssertionError("a wrong key was accepted")
except anthropic.AuthenticationError as e:
    assert e.status_code == 401
    assert e.body["error"]["type"] == "authentication_error", e.body
    assert (e.request_id or "").startswith("req_"), e.request_id

print("ok")

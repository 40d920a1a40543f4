"""The official OpenAI Python SDK's Responses API against `brock serve` (run by
tests/cli/serve_responses.rs).

Environment: BROCK_GATEWAY (base URL, e.g. http://127.0.0.1:4000) and BROCK_GATEWAY_KEY.
Every check raises on failure; the last line printed is "ok".
"""

import base64
import json
import os

import openai
from openai import OpenAI

base = os.environ["BROCK_GATEWAY"]
client = OpenAI(base_url=f"{base}/v1", api_key=os.environ["BROCK_GATEWAY_KEY"], max_retries=0)
GREETING = "Hello from the brock emulator"

# Plain.
r = client.responses.create(model="nova-lite", input="hi from responses", instructions="be brief")
assert r.object == "response" and r.status == "completed", r
assert r.output_text == f"{GREETING} (us.amazon.nova-lite-v1:0). You said: hi from responses", r.output_text
assert r.instructions == "be brief", r.instructions
assert r.usage.input_tokens > 0 and r.usage.output_tokens > 0, r.usage
assert r.usage.total_tokens == r.usage.input_tokens + r.usage.output_tokens, r.usage

# Stored: retrieve gives the same response.
again = client.responses.retrieve(r.id)
assert again.id == r.id and again.output_text == r.output_text, again

# Streamed with reasoning, through the SDK's stream helper (it checks the event order and
# builds the final response from the events).
with client.responses.stream(
    model="sonnet", input="reason about it", reasoning={"effort": "low", "summary": "auto"}
) as s:
    text, summary, types, seqs = "", "", [], []
    for ev in s:
        types.append(ev.type)
        seqs.append(ev.sequence_number)
        if ev.type == "response.output_text.delta":
            text += ev.delta
        elif ev.type == "response.reasoning_summary_text.delta":
            summary += ev.delta
    final = s.get_final_response()
assert types[:2] == ["response.created", "response.in_progress"], types
assert types[-1] == "response.completed", types
assert seqs == list(range(len(seqs))), seqs
assert summary == "The user said: reason about it. I will greet them and repeat it.", summary
assert text.startswith(GREETING) and text.endswith("You said: reason about it"), text
assert final.output_text == text, final.output_text
assert final.output[0].type == "reasoning" and final.output[0].encrypted_content, final.output[0]
assert final.usage.output_tokens > 0, final.usage

# Function tools across two turns, the items sent back as the SDK returned them.
tools = [{
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}},
        "required": ["city"],
    },
}]
items = [{"role": "user", "content": "What is the weather in Paris? use get_weather"}]
r = client.responses.create(model="nova-lite", input=items, tools=tools)
calls = [o for o in r.output if o.type == "function_call"]
assert len(calls) == 1 and calls[0].name == "get_weather", r.output
assert isinstance(json.loads(calls[0].arguments)["city"], str), calls[0].arguments
items += r.output
items.append({"type": "function_call_output", "call_id": calls[0].call_id, "output": "sunny, 21 C"})
r = client.responses.create(model="nova-lite", input=items, tools=tools)
assert r.output_text == "The tool returned: sunny, 21 C", r.output_text

# Reasoning effort with tools, streamed: the reasoning item (its signature inside
# encrypted_content) must go back for the thinking model to accept the second turn.
items = [{"role": "user", "content": "What is the weather in Paris? use get_weather"}]
with client.responses.stream(
    model="sonnet", input=items, tools=tools, reasoning={"effort": "low"}, tool_choice="required"
) as s:
    arg_deltas = [ev.delta for ev in s if ev.type == "response.function_call_arguments.delta"]
    first = s.get_final_response()
kinds = [o.type for o in first.output]
assert kinds[0] == "reasoning" and "function_call" in kinds, kinds
call = next(o for o in first.output if o.type == "function_call")
assert "".join(arg_deltas) == call.arguments, (arg_deltas, call.arguments)
items += first.output
items.append({"type": "function_call_output", "call_id": call.call_id, "output": "sunny, 21 C"})
r = client.responses.create(model="sonnet", input=items, tools=tools, reasoning={"effort": "low"})
assert r.output_text.endswith("The tool returned: sunny, 21 C"), r.output_text

# Reasoning whose text was changed no longer matches its signature: the model refuses it, so
# the signature really went to Bedrock with the text.
bad = [dict(i) if isinstance(i, dict) else i.model_dump(exclude_none=True) for i in items]
for i in bad:
    if i.get("type") == "reasoning":
        inner = json.loads(base64.b64decode(i["encrypted_content"]))
        inner["text"] += " (edited)"
        i["encrypted_content"] = base64.b64encode(json.dumps(inner).encode()).decode()
try:
    client.responses.create(model="sonnet", input=bad, tools=tools, reasoning={"effort": "low"})
    raise AssertionError("reasoning without its signature was accepted")
except openai.BadRequestError as e:
    assert "signature" in str(e), e

# Structured output: text.format json_schema.
r = client.responses.create(
    model="nova-lite",
    input="largest city in France",
    text={"format": {
        "type": "json_schema",
        "name": "city",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "population": {"type": "integer"}},
            "required": ["city", "population"],
            "additionalProperties": False,
        },
    }},
)
doc = json.loads(r.output_text)
assert isinstance(doc["city"], str) and isinstance(doc["population"], int), doc

# previous_response_id: the stored turns (here a tool call) come first, so the tool result
# alone is a valid continuation.
first = client.responses.create(
    model="nova-lite", input="What is the weather in Paris? use get_weather", tools=tools
)
call = next(o for o in first.output if o.type == "function_call")
r = client.responses.create(
    model="nova-lite",
    previous_response_id=first.id,
    input=[{"type": "function_call_output", "call_id": call.call_id, "output": "rain, 12 C"}],
    tools=tools,
)
assert r.previous_response_id == first.id, r.previous_response_id
assert r.output_text == "The tool returned: rain, 12 C", r.output_text

# store=False: nothing kept.
r = client.responses.create(model="nova-lite", input="forget me", store=False)
try:
    client.responses.retrieve(r.id)
    raise AssertionError("an unstored response was found")
except openai.NotFoundError:
    pass

# Deleted: gone for retrieve and for previous_response_id, and a second delete is a 404.
r = client.responses.create(model="nova-lite", input="delete me")
client.responses.delete(r.id)
try:
    client.responses.retrieve(r.id)
    raise AssertionError("a deleted response was found")
except openai.NotFoundError:
    pass
try:
    client.responses.create(model="nova-lite", input="go on", previous_response_id=r.id)
    raise AssertionError("a deleted response was continued")
except openai.BadRequestError as e:
    assert e.body["param"] == "previous_response_id", e.body
try:
    client.responses.delete(r.id)
    raise AssertionError("a deleted response was deleted again")
except openai.NotFoundError:
    pass

# Unsupported fields: a 400 naming them.
for kwargs, param in [
    ({"tools": [{"type": "web_search"}]}, "tools[0]"),
    ({"background": True}, "background"),
    ({"previous_response_id": "resp_unknown"}, "previous_response_id"),
]:
    try:
        client.responses.create(model="nova-lite", input="x", **kwargs)
        raise AssertionError(f"{kwargs} was accepted")
    except openai.BadRequestError as e:
        assert e.body["param"] == param, (kwargs, e.body)

print("ok")

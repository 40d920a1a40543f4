"""The OpenAI Python SDK with a virtual key of `brock serve` (run by tests/cli/serve_keys.rs).

Environment: BROCK_GATEWAY (base URL) and BROCK_GATEWAY_KEY, a key created with
`--models 'us.amazon.nova-*' --rpm 2`. Every check raises on failure; the last line is "ok".
"""

import os

import openai
from openai import OpenAI

base = os.environ["BROCK_GATEWAY"]
client = OpenAI(base_url=f"{base}/v1", api_key=os.environ["BROCK_GATEWAY_KEY"], max_retries=0)
hi = [{"role": "user", "content": "hi"}]

r = client.chat.completions.create(model="nova-lite", messages=hi)
assert r.choices[0].message.content.endswith("You said: hi"), r

# A model outside the key's list: the SDK's PermissionDeniedError, naming the model.
try:
    client.chat.completions.create(model="emulator.throttle", messages=hi)
    raise AssertionError("a model outside the key's list was let through")
except openai.PermissionDeniedError as e:
    assert e.status_code == 403 and "'emulator.throttle'" in e.message, e.message

client.chat.completions.create(model="nova-lite", messages=hi)
# The third request of the minute: RateLimitError with Retry-After.
try:
    client.chat.completions.create(model="nova-lite", messages=hi)
    raise AssertionError("the rpm limit was not enforced")
except openai.RateLimitError as e:
    assert e.response.headers.get("retry-after"), e.response.headers
    assert "2 requests per minute" in e.message, e.message

# A key that is not one: AuthenticationError.
bad = OpenAI(base_url=f"{base}/v1", api_key="brk-" + "x" * 43, max_retries=0)
try:
    bad.models.list()
    raise AssertionError("an unknown key was accepted")
except openai.AuthenticationError as e:
    assert e.status_code == 401
print("ok")

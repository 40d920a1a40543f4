"""boto3 against `brock serve`'s /bedrock pass-through (run by tests/cli/serve.rs): Converse,
ConverseStream and a knowledge-base Retrieve (routed to agent-runtime). The client
holds no AWS credentials, only the gateway key, and the gateway signs for AWS.

botocore sends a Bedrock API key (AWS_BEARER_TOKEN_BEDROCK) only to https endpoints and refuses
it for http ones ("Bearer authorization requires an HTTPS endpoint"). This test talks plain http
on loopback, so it sends the same `Authorization: Bearer KEY` header from an event hook on an
unsigned client; behind a TLS terminator, AWS_BEARER_TOKEN_BEDROCK alone does the same.

Environment: BROCK_GATEWAY (base URL) and BROCK_GATEWAY_KEY.
"""

import os

import boto3
import botocore
from botocore.config import Config

base = os.environ["BROCK_GATEWAY"]
key = os.environ["BROCK_GATEWAY_KEY"]
config = Config(retries={"max_attempts": 1, "mode": "standard"}, signature_version=botocore.UNSIGNED)
runtime = boto3.client(
    "bedrock-runtime", region_name="us-east-1", endpoint_url=f"{base}/bedrock", config=config
)


def add_gateway_key(request, **kwargs):
    request.headers["Authorization"] = f"Bearer {key}"


runtime.meta.events.register("before-send.bedrock-runtime.*", add_gateway_key)
model = "amazon.nova-lite-v1:0"
messages = [{"role": "user", "content": [{"text": "hi from boto3"}]}]

r = runtime.converse(modelId=model, messages=messages)
text = r["output"]["message"]["content"][0]["text"]
assert text == f"Hello from the brock emulator ({model}). You said: hi from boto3", text
assert r["stopReason"] == "end_turn"

r = runtime.converse_stream(modelId=model, messages=messages)
pieces, stop, usage = [], None, None
for event in r["stream"]:
    if "contentBlockDelta" in event:
        pieces.append(event["contentBlockDelta"]["delta"]["text"])
    if "messageStop" in event:
        stop = event["messageStop"]["stopReason"]
    if "metadata" in event:
        usage = event["metadata"]["usage"]
assert "".join(pieces) == text, pieces
assert len(pieces) > 1, pieces
assert stop == "end_turn" and usage["outputTokens"] > 0

# AWS's own errors come back as botocore's typed exceptions.
try:
    runtime.converse(modelId=model, messages=[])
    raise AssertionError("empty messages were accepted")
except runtime.exceptions.ValidationException:
    pass

# A knowledge base through the same endpoint: the gateway routes agent-runtime paths there.
agent = boto3.client(
    "bedrock-agent-runtime", region_name="us-east-1", endpoint_url=f"{base}/bedrock", config=config
)
agent.meta.events.register("before-send.bedrock-agent-runtime.*", add_gateway_key)
r = agent.retrieve(knowledgeBaseId="KB12345678", retrievalQuery={"text": "what is brock"})
results = r["retrievalResults"]
assert results and results[0]["content"]["text"], r

print("ok")

"""boto3 directly: the floor for Python tools. Converse (--no-stream) or ConverseStream, answer text to stdout."""

import sys

import boto3


def main() -> None:
    args = sys.argv[1:]
    stream = True
    if args and args[0] == "--no-stream":
        stream = False
        args = args[1:]
    model, prompt = args
    client = boto3.client("bedrock-runtime")
    messages = [{"role": "user", "content": [{"text": prompt}]}]
    out = sys.stdout
    if not stream:
        resp = client.converse(modelId=model, messages=messages)
        for block in resp["output"]["message"]["content"]:
            if "text" in block:
                out.write(block["text"])
        out.write("\n")
        return
    resp = client.converse_stream(modelId=model, messages=messages)
    for event in resp["stream"]:
        delta = event.get("contentBlockDelta")
        if delta and "text" in delta["delta"]:
            out.write(delta["delta"]["text"])
            out.flush()
    out.write("\n")


if __name__ == "__main__":
    main()

"""boto3 passthrough of a ConverseStream request: the request body as JSON in, one JSON line per event out."""

import json
import sys

import boto3


def main() -> None:
    model, body = sys.argv[1], json.loads(sys.argv[2])
    client = boto3.client("bedrock-runtime")
    resp = client.converse_stream(modelId=model, **body)
    out = sys.stdout
    for event in resp["stream"]:
        out.write(json.dumps(event, separators=(",", ":")))
        out.write("\n")
        out.flush()


if __name__ == "__main__":
    main()

"""LiteLLM embeddings: every stdin line in one litellm.embedding call (LiteLLM fans Titan out per text)."""

import json
import os
import sys

import litellm


def main() -> None:
    model = sys.argv[1]
    lines = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    resp = litellm.embedding(
        model=f"bedrock/{model}",
        input=lines,
        aws_bedrock_runtime_endpoint=os.environ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"],
        aws_region_name=os.environ["AWS_REGION"],
    )
    out = sys.stdout
    for item in resp.data:
        out.write(json.dumps(item["embedding"]))
        out.write("\n")


if __name__ == "__main__":
    main()

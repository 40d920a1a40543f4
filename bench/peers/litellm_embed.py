"""LiteLLM embeddings: one JSON vector per stdin line out, in order.

With --threads N (the harness passes brock's requests in flight) a thread pool of N workers calls
litellm.embedding once per line, so LiteLLM runs at the same concurrency as brock. Without it,
every line goes in one litellm.embedding call, which sends Titan's one-text requests one after
another."""

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor

import litellm


def main() -> None:
    model = sys.argv[1]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--threads" else 1
    lines = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    kwargs = dict(
        model=f"bedrock/{model}",
        aws_bedrock_runtime_endpoint=os.environ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"],
        aws_region_name=os.environ["AWS_REGION"],
    )
    if threads == 1:
        vectors = [item["embedding"] for item in litellm.embedding(input=lines, **kwargs).data]
    else:
        def embed(text: str) -> list:
            return litellm.embedding(input=[text], **kwargs).data[0]["embedding"]

        vectors = ThreadPoolExecutor(threads).map(embed, lines)
    out = sys.stdout
    for vec in vectors:
        out.write(json.dumps(vec))
        out.write("\n")


if __name__ == "__main__":
    main()

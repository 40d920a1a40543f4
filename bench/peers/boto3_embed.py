"""boto3 directly: one Titan v2 InvokeModel per stdin line, in order, one JSON vector per line out.

With --threads N a thread pool of N workers shares one client (botocore clients are thread-safe);
the harness passes brock's requests in flight, so both run at the same concurrency. Without it,
the sequential loop a Python user writes first."""

import json
import sys
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config


def main() -> None:
    model = sys.argv[1]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--threads" else 1
    lines = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    client = boto3.client("bedrock-runtime", config=Config(max_pool_connections=max(threads, 10)))

    def embed(text: str) -> list:
        resp = client.invoke_model(
            modelId=model,
            body=json.dumps({"inputText": text}),
            contentType="application/json",
            accept="application/json",
        )
        return json.loads(resp["body"].read())["embedding"]

    if threads == 1:
        vectors = map(embed, lines)
    else:
        vectors = ThreadPoolExecutor(threads).map(embed, lines)
    out = sys.stdout
    for vec in vectors:
        out.write(json.dumps(vec))
        out.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time to first token through `brock serve`: /v1/messages (Claude relayed from InvokeModel,
Nova translated from ConverseStream) and /v1/responses against /v1/chat/completions on the
same model and the same upstream (the built-in emulator, `brock --mock serve`).

    python3 bench/api_ttft.py [--brock target/release/brock] [--runs 200]

Each request is sent on one kept-alive connection; the time is from sending the request to
reading the first line carrying answer text. Prints a Markdown table of the median and p90 in
milliseconds. Standard library only.
"""

import argparse
import http.client
import json
import statistics
import subprocess
import time


def first_token(conn, path, body):
    payload = json.dumps(body)
    start = time.perf_counter()
    conn.request("POST", path, payload, {"content-type": "application/json"})
    resp = conn.getresponse()
    if resp.status != 200:
        raise SystemExit(f"{path}: HTTP {resp.status}: {resp.read()[:300]!r}")
    took = None
    while True:
        line = resp.readline()
        if not line:
            break
        if took is None and line.startswith(b"data: "):
            data = line[6:].strip()
            if data != b"[DONE]":
                v = json.loads(data)
                text = v.get("delta", {}).get("text") if v.get("type") == "content_block_delta" else None
                if text is None and v.get("type") == "response.output_text.delta":
                    text = v.get("delta")
                if text is None and "choices" in v and v["choices"]:
                    text = v["choices"][0].get("delta", {}).get("content")
                if text:
                    took = time.perf_counter() - start
    if took is None:
        raise SystemExit(f"{path}: no answer text in the stream")
    return took * 1000.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--brock", default="target/release/brock")
    ap.add_argument("--runs", type=int, default=200)
    args = ap.parse_args()
    gw = subprocess.Popen(
        [args.brock, "--mock", "serve", "--listen", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = gw.stdout.readline().strip()
        host, port = url.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port))
        prompt = [{"role": "user", "content": "Hello there"}]
        cases = [
            ("chat.completions, Claude", "/v1/chat/completions",
             {"model": "claude-sonnet-4-5", "stream": True, "messages": prompt}),
            ("messages, Claude (InvokeModel relayed)", "/v1/messages",
             {"model": "claude-sonnet-4-5", "stream": True, "max_tokens": 200, "messages": prompt}),
            ("responses, Claude", "/v1/responses",
             {"model": "claude-sonnet-4-5", "stream": True, "input": "Hello there"}),
            ("chat.completions, Nova", "/v1/chat/completions",
             {"model": "nova-lite", "stream": True, "messages": prompt}),
            ("messages, Nova (ConverseStream translated)", "/v1/messages",
             {"model": "nova-lite", "stream": True, "max_tokens": 200, "messages": prompt}),
            ("responses, Nova", "/v1/responses",
             {"model": "nova-lite", "stream": True, "input": "Hello there"}),
        ]
        for _, path, body in cases:
            for _ in range(10):
                first_token(conn, path, body)
        # Interleaved so that drift in the machine's load hits every case alike.
        times = {name: [] for name, _, _ in cases}
        for _ in range(args.runs):
            for name, path, body in cases:
                times[name].append(first_token(conn, path, body))
        print(f"| stream ({args.runs} runs each) | median ms | p90 ms |")
        print("|---|---:|---:|")
        for name, _, _ in cases:
            t = sorted(times[name])
            p90 = t[int(len(t) * 0.9) - 1]
            print(f"| {name} | {statistics.median(t):.2f} | {p90:.2f} |")
    finally:
        gw.terminate()
        gw.wait()


if __name__ == "__main__":
    main()

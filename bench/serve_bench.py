"""`brock serve` against LiteLLM's proxy, both in front of `brock emulator`, in one run.

Run through bench/serve.sh (it installs wrk and the LiteLLM proxy first). Everything listens on
127.0.0.1; the clients, the gateways and the emulators share the machine's cores.

- Throughput and latency of non-streamed chat: wrk (C, from Debian) with a Lua script that
  prints its latency percentiles as JSON, at 1, 64 and 256 connections, against the emulator
  directly (Converse with a bearer token: the floor), brock serve and LiteLLM's proxy
  (/v1/chat/completions). Added latency is a percentile of the gateway minus the same
  percentile of the floor at the same concurrency.
- Time to first token: a raw-socket client sending a streamed request over a fresh connection
  and timing the arrival of the first answer word; minus the floor's (ConverseStream).
- RSS with 1,000 open streams: a second emulator paces its deltas (2 tokens/s), so 1,000
  streams stay open; the gateway's resident set (with its children) once all have sent their
  first word.
- CPU per 1,000 streamed tokens: utime + stime of the gateway process (and children) across
  streamed answers of 20,000 tokens each, divided by the tokens.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
MODEL_ID = "us.amazon.nova-lite-v1:0"
EMU_TOKEN = "bench-emulator-token"
FIRST_WORD = b"lorem"
LUA = BENCH / "serve_wrk.lua"


def say(msg: str) -> None:
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def base_env(home: str) -> dict:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": home,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION": REGION,
        "AWS_CONFIG_FILE": "/dev/null",
        "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        "NO_COLOR": "1",
    }
    return env


def start_url_process(cmd: list[str], env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """Starts a process that prints its base URL as the first stdout line."""
    p = subprocess.Popen(
        cmd, env=env, stdout=subprocess.PIPE, stderr=open(log, "wb"), stdin=subprocess.DEVNULL
    )
    url = p.stdout.readline().decode().strip()
    if not url.startswith("http://127.0.0.1:"):
        raise SystemExit(f"{cmd[0]} did not print its URL: {url!r}; see {log}")
    return p, url


def wait_http(host: str, port: int, path: str, timeout: float = 180.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection((host, port), timeout=2) as s:
                s.sendall(f"GET {path} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
                if s.recv(12).startswith(b"HTTP/1."):
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"nothing answered on {host}:{port}{path} in {timeout} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------- targets


class Target:
    def __init__(self, name: str, url: str, path: str, body: dict, headers: dict, pid: int | None):
        self.name = name
        self.url = url
        self.host, port = url.removeprefix("http://").split(":")
        self.port = int(port)
        self.path = path
        self.body = body
        self.headers = headers
        self.pid = pid

    def request(self, body: dict | None = None) -> bytes:
        data = json.dumps(body or self.body).encode()
        head = f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\nConnection: close\r\n"
        for k, v in self.headers.items():
            head += f"{k}: {v}\r\n"
        return head.encode() + b"\r\n" + data


def chat_body(stream: bool, text: str) -> dict:
    b = {"model": "nova-lite", "messages": [{"role": "user", "content": text}]}
    if stream:
        b["stream"] = True
    return b


def converse_body(text: str) -> dict:
    return {"messages": [{"role": "user", "content": [{"text": text}]}]}


def floor_target(url: str, stream: bool, text: str, pid) -> Target:
    op = "converse-stream" if stream else "converse"
    return Target(
        "emulator (floor)",
        url,
        f"/model/{MODEL_ID}/{op}",
        converse_body(text),
        {"Authorization": f"Bearer {EMU_TOKEN}"},
        pid,
    )


def gateway_target(name: str, url: str, stream: bool, text: str, pid, key: str | None) -> Target:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return Target(name, url, "/v1/chat/completions", chat_body(stream, text), headers, pid)


# --------------------------------------------------------------------------- measurements


def wrk(t: Target, conns: int, seconds: int, pause_ms: int = 0, jitter: bool = False) -> dict:
    env = dict(os.environ)
    env["WRK_DELAY_MS"] = str(pause_ms)
    env["WRK_JITTER"] = "1" if jitter else "0"
    env["WRK_BODY"] = json.dumps(t.body)
    env["WRK_AUTH"] = t.headers.get("Authorization", "")
    threads = min(2, conns)
    cpu0 = cpu_seconds(t.pid) if t.pid else None
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{conns}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(LUA),
            t.url + t.path,
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(l for l in out.stdout.splitlines() if l.startswith("WRK_JSON "))
    r = json.loads(line.removeprefix("WRK_JSON "))
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    if cpu0 is not None and r["requests"]:
        # The target's own CPU (user + system, with its children) per answered request.
        r["cpu_us_per_req"] = (cpu_seconds(t.pid) - cpu0) / r["requests"] * 1e6
    return r


def ttft_once(t: Target, body: dict) -> float:
    req = t.request(body)
    start = time.perf_counter()
    with socket.create_connection((t.host, t.port)) as s:
        s.sendall(req)
        seen = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                raise RuntimeError(f"{t.name}: the stream ended before the first word: {seen[:300]!r}")
            seen += chunk
            if FIRST_WORD in seen:
                first = time.perf_counter() - start
                break
        while s.recv(65536):
            pass
    if not (seen.startswith(b"HTTP/1.1 200") or seen.startswith(b"HTTP/1.0 200")):
        raise RuntimeError(f"{t.name}: {seen[:300]!r}")
    return first


def ttft(t: Target, runs: int) -> list[float]:
    body = dict(t.body)
    for _ in range(3):
        ttft_once(t, body)
    return [ttft_once(t, body) for _ in range(runs)]


def tree_pids(pid: int) -> list[int]:
    pids = [pid]
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        a, b = line.split()
        children.setdefault(int(b), []).append(int(a))
    i = 0
    while i < len(pids):
        pids.extend(children.get(pids[i], []))
        i += 1
    return pids


def rss_mb(pid: int) -> float:
    total = 0
    for p in tree_pids(pid):
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def cpu_seconds(pid: int) -> float:
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in tree_pids(pid):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        except FileNotFoundError:
            pass
    return total / tick


async def hold_streams(t: Target, n: int, body: dict) -> tuple[list, int]:
    """Opens n streams and returns their writers once each has sent its first word."""
    req = t.request(body)
    failed = 0

    async def one():
        nonlocal failed
        try:
            r, w = await asyncio.open_connection(t.host, t.port)
            w.write(req)
            await w.drain()
            seen = b""
            while FIRST_WORD not in seen:
                chunk = await asyncio.wait_for(r.read(65536), 120)
                if not chunk:
                    failed += 1
                    return None
                seen += chunk
            return w
        except (OSError, asyncio.TimeoutError):
            failed += 1
            return None

    writers = await asyncio.gather(*(one() for _ in range(n)))
    return [w for w in writers if w], failed


def rss_with_streams(t: Target, n: int, body: dict) -> dict:
    idle = rss_mb(t.pid)

    async def run():
        writers, failed = await hold_streams(t, n, body)
        await asyncio.sleep(1)
        loaded = rss_mb(t.pid)
        for w in writers:
            w.close()
        return len(writers), failed, loaded

    opened, failed, loaded = asyncio.run(run())
    return {"idle_mb": idle, "open_mb": loaded, "open": opened, "failed": failed}


def cpu_per_1k_tokens(t: Target, body: dict, tokens: int, runs: int) -> float:
    ttft_once(t, body)  # warm-up
    before = cpu_seconds(t.pid)
    for _ in range(runs):
        ttft_once(t, body)
    used = cpu_seconds(t.pid) - before
    return used / (tokens * runs / 1000)


# --------------------------------------------------------------------------- the run


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--brock", default=str(BENCH.parent / "target/release/brock"))
    ap.add_argument("--litellm", default=str(BENCH / ".venv-serve/bin/litellm"))
    ap.add_argument("--seconds", type=int, default=10, help="wrk duration per point")
    ap.add_argument("--clients", default="1,64,256")
    ap.add_argument("--ttft-runs", type=int, default=30)
    ap.add_argument("--streams", type=int, default=1000)
    ap.add_argument("--cpu-runs", type=int, default=3)
    ap.add_argument("--no-litellm", action="store_true")
    ap.add_argument(
        "--paced",
        default="64:50",
        help="CLIENTS:MS: also measure CLIENTS connections that each wait MS between requests",
    )
    ap.add_argument("--only-paced", action="store_true", help="skip everything but --paced")
    ap.add_argument("--out", default=str(BENCH / "SERVE.json"))
    args = ap.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    work = Path(tempfile.mkdtemp(prefix="brock-serve-bench-"))
    env = base_env(str(work))
    procs: list[subprocess.Popen] = []
    try:
        # Two emulators: as fast as they go, and paced so that streams stay open.
        emu, emu_url = start_url_process(
            [args.brock, "emulator", "--listen", "127.0.0.1:0", "--bearer-token", EMU_TOKEN],
            env,
            work / "emulator.log",
        )
        procs.append(emu)
        slow, slow_url = start_url_process(
            [args.brock, "emulator", "--listen", "127.0.0.1:0", "--tokens-per-second", "2"],
            env,
            work / "emulator-slow.log",
        )
        procs.append(slow)

        def brock_serve(upstream: str, log: str):
            e = dict(env)
            e["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = upstream
            e["AWS_ENDPOINT_URL_BEDROCK"] = upstream
            p, url = start_url_process(
                [args.brock, "serve", "--listen", "127.0.0.1:0"], e, work / log
            )
            procs.append(p)
            return p, url

        gw, gw_url = brock_serve(emu_url, "serve.log")
        gw_slow, gw_slow_url = brock_serve(slow_url, "serve-slow.log")

        lite = None
        if not args.no_litellm:
            port = free_port()
            cfg = work / "litellm.yaml"
            entries = []
            for name, up in (("nova-lite", emu_url), ("nova-lite-slow", slow_url)):
                entries.append(
                    f"""  - model_name: {name}
    litellm_params:
      model: bedrock/converse/{MODEL_ID}
      aws_access_key_id: {ACCESS_KEY}
      aws_secret_access_key: {SECRET_KEY}
      aws_region_name: {REGION}
      aws_bedrock_runtime_endpoint: {up}
"""
                )
            cfg.write_text("model_list:\n" + "".join(entries))
            e = dict(env)
            # No download of the model cost map, no telemetry: loopback only.
            e["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
            e["LITELLM_LOG"] = "ERROR"
            e["LITELLM_TELEMETRY"] = "False"
            lite = subprocess.Popen(
                [args.litellm, "--config", str(cfg), "--host", "127.0.0.1", "--port", str(port)],
                env=e,
                stdout=open(work / "litellm.log", "wb"),
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            procs.append(lite)
            say("waiting for LiteLLM's proxy to start")
            wait_http("127.0.0.1", port, "/health/liveliness")
            lite_url = f"http://127.0.0.1:{port}"

        text = "benchmark me"
        targets = [
            floor_target(emu_url, False, text, emu.pid),
            gateway_target("brock serve", gw_url, False, text, gw.pid, None),
        ]
        if lite:
            targets.append(gateway_target("LiteLLM proxy", lite_url, False, text, lite.pid, None))
        for t in targets:
            # A request that works, before any measuring.
            reply = ttft_once_plain(t)
            if b" 200 " not in reply.split(b"\r\n", 1)[0]:
                raise SystemExit(f"{t.name} does not answer: {reply[:500]!r}")

        results: dict = {"rps": {}, "ttft": {}, "rss": {}, "cpu": {}, "paced": {}, "jittered": {}}
        paced_c, paced_ms = (int(x) for x in args.paced.split(":"))
        for t in targets:
            say(f"wrk: {t.name}, {paced_c} paced connections ({paced_ms} ms apart), {args.seconds} s")
            results["paced"][t.name] = wrk(t, paced_c, args.seconds, paced_ms)
            say(f"wrk: {t.name}, {paced_c} connections pausing 0-{2 * paced_ms} ms at random, {args.seconds} s")
            results["jittered"][t.name] = wrk(t, paced_c, args.seconds, paced_ms, jitter=True)
        if args.only_paced:
            clients = []
            results["machine"] = machine()
            results["args"] = vars(args)
            Path(args.out).write_text(json.dumps(results, indent=1))
            report_paced(results, paced_c, paced_ms)
            return
        for c in clients:
            for t in targets:
                say(f"wrk: {t.name}, {c} connections, {args.seconds} s")
                results["rps"].setdefault(t.name, {})[c] = wrk(t, c, args.seconds)

        stream_text = "[[tokens=50]] first token"
        ttft_targets = [
            floor_target(emu_url, True, stream_text, emu.pid),
            gateway_target("brock serve", gw_url, True, stream_text, gw.pid, None),
        ]
        if lite:
            ttft_targets.append(
                gateway_target("LiteLLM proxy", lite_url, True, stream_text, lite.pid, None)
            )
        for t in ttft_targets:
            say(f"time to first token: {t.name}")
            results["ttft"][t.name] = ttft(t, args.ttft_runs)

        tokens = 20_000
        long_text = f"[[tokens={tokens}]] count"
        cpu_targets = [gateway_target("brock serve", gw_url, True, long_text, gw.pid, None)]
        if lite:
            cpu_targets.append(
                gateway_target("LiteLLM proxy", lite_url, True, long_text, lite.pid, None)
            )
        for t in cpu_targets:
            say(f"CPU per 1,000 streamed tokens: {t.name}")
            results["cpu"][t.name] = cpu_per_1k_tokens(t, t.body, tokens, args.cpu_runs)

        held = "[[tokens=1000]] hold"
        rss_targets = [gateway_target("brock serve", gw_slow_url, True, held, gw_slow.pid, None)]
        if lite:
            b = chat_body(True, held)
            b["model"] = "nova-lite-slow"
            rss_targets.append(Target("LiteLLM proxy", lite_url, "/v1/chat/completions", b, {}, lite.pid))
        for t in rss_targets:
            say(f"RSS with {args.streams} open streams: {t.name}")
            results["rss"][t.name] = rss_with_streams(t, args.streams, t.body)

        results["machine"] = machine()
        results["when"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        results["args"] = vars(args)
        Path(args.out).write_text(json.dumps(results, indent=1))
        report(results, clients)
        report_paced(results, paced_c, paced_ms)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(work, ignore_errors=True)


def ttft_once_plain(t: Target) -> bytes:
    with socket.create_connection((t.host, t.port)) as s:
        s.sendall(t.request())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "kernel": platform.release(),
        "loadavg_at_end": os.getloadavg(),
    }


def report(r: dict, clients: list[int]) -> None:
    floor = r["rps"]["emulator (floor)"]
    print("\n## Non-streamed chat\n")
    print("| target | clients | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | errors | CPU µs/req |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, by_c in r["rps"].items():
        for c in clients:
            x = by_c[c]
            f = floor[c]
            added = name != "emulator (floor)"
            print(
                f"| {name} | {c} | {x['rps']:,.0f} | {x['p50'] / 1000:.2f} | {x['p99'] / 1000:.2f} | "
                + (f"{(x['p50'] - f['p50']) / 1000:.2f} | {(x['p99'] - f['p99']) / 1000:.2f}" if added else "- | -")
                + f" | {x['errors']} | {x.get('cpu_us_per_req', float('nan')):.0f} |"
            )
    print("\n## Time to first token (fresh connection, 50-token stream)\n")
    print("| target | median ms | p90 ms | added median ms |")
    print("|---|---:|---:|---:|")
    fl = statistics.median(r["ttft"]["emulator (floor)"])
    for name, xs in r["ttft"].items():
        med = statistics.median(xs)
        p90 = sorted(xs)[int(len(xs) * 0.9) - 1]
        print(f"| {name} | {med * 1000:.2f} | {p90 * 1000:.2f} | {(med - fl) * 1000:.2f} |")
    print("\n## CPU per 1,000 streamed tokens (gateway process)\n")
    for name, v in r["cpu"].items():
        print(f"- {name}: {v * 1000:.1f} ms")
    print("\n## RSS with open streams\n")
    for name, v in r["rss"].items():
        print(
            f"- {name}: {v['idle_mb']:.1f} MB before, {v['open_mb']:.1f} MB with {v['open']} open ({v['failed']} failed to open)"
        )


def report_paced(r: dict, c: int, ms: int) -> None:
    for key, title in (
        ("paced", f"{c} paced clients ({ms} ms between a client's requests, all in step: bursts of {c})"),
        ("jittered", f"{c} independent clients (0-{2 * ms} ms at random between a client's requests)"),
    ):
        floor = r[key]["emulator (floor)"]
        print(f"\n## Non-streamed chat, {title}\n")
        print("| target | req/s | p50 ms | p99 ms | added p50 ms | added p99 ms | errors | CPU µs/req |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        for name, x in r[key].items():
            added = name != "emulator (floor)"
            print(
                f"| {name} | {x['rps']:,.0f} | {x['p50'] / 1000:.2f} | {x['p99'] / 1000:.2f} | "
                + (f"{(x['p50'] - floor['p50']) / 1000:.2f} | {(x['p99'] - floor['p99']) / 1000:.2f}" if added else "- | -")
                + f" | {x['errors']} | {x.get('cpu_us_per_req', float('nan')):.0f} |"
            )


if __name__ == "__main__":
    main()

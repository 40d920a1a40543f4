"""brock against the tools users would pick instead, on the same emulator workloads.

Run through bench/run.sh (it installs the peers and builds brock first). Every client talks to
`brock emulator` on 127.0.0.1 only; anything that tries another address meets a dead proxy.

Measurement (also written into RESULTS.md):
- wall time: from just before fork to the client's exit, taken by bench/spawn.c (a tiny C
  spawner, so the harness's own ~20 MB does not count into the client's peak RSS);
- CPU time (user + system) and peak RSS: the client's rusage from wait4 in that spawner, the
  same counters `/usr/bin/time -v` prints (children the client waits for are included);
- time to first token: when the first answer word appears on the client's stdout (a pipe
  read by this script) minus the emulator's own time to that word, measured with a raw
  socket client sending an already signed request over a fresh TCP connection.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
VENV_BIN = BENCH / ".venv" / "bin"
PY = str(VENV_BIN / "python")

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
# llm-bedrock 0.4 signs for us-west-2 whatever the environment says, and the emulator refuses a
# credential scoped to another region than the one it serves (as AWS does), so every client and
# the emulator use that region.
REGION = "us-west-2"
CHAT_MODEL = "us.amazon.nova-lite-v1:0"
EMBED_MODEL = "amazon.titan-embed-text-v2:0"
STREAM_TOKENS = 20_000
TTFT_TOKENS = 50
RAW_TOKENS = 2_000
# The first word of every `[[tokens=N]]` answer: its arrival on stdout is the first token.
FIRST_WORD = b"lorem"

WORKLOADS = {
    # "Start-up", not "cold start": every measured run follows an unmeasured warm-up run, so the
    # client's files are in the page cache.
    "help": "start-up (warm page cache): `--help`",
    "oneshot": "start-up (warm page cache): one-shot non-streaming chat",
    "ttft": "time to first token, client overhead",
    "stream": f"streamed answer of {STREAM_TOKENS:,} tokens",
    "embed": "embeddings (Titan v2), one request per line",
    "raw": f"raw passthrough of a converse-stream request ({RAW_TOKENS:,} tokens)",
}


# --------------------------------------------------------------------------- measurement


def lorems(tokens: int) -> int:
    """How often FIRST_WORD occurs in an answer of `tokens` words: the emulator cycles through a
    12-word vocabulary that starts with it. Counting it checks that every token arrived."""
    return math.ceil(tokens / 12)


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds, user + system
    rss_kb: int
    first: float | None  # seconds from spawn to FIRST_WORD on stdout
    out_bytes: int
    words: int  # occurrences of FIRST_WORD


@dataclass
class Cell:
    """One client on one workload."""

    samples: list[Sample] = field(default_factory=list)
    na: str | None = None  # why the client cannot do this workload
    error: str | None = None
    note: str | None = None
    scale: float = 1.0  # multiply wall/cpu by this (extrapolated from a sample of the input)
    # Extrapolated from part of the input: reported as an estimate, outside the measured table
    # and the chart.
    estimate: bool = False
    flushes: str | None = None  # streaming workloads: whether the client writes out each token
    ideal: float | None = None  # embed: ideal wall time for this client's concurrency
    ideal_emu: float | None = None  # embed: the same at the emulator's measured time per call
    overhead: list[float] = field(default_factory=list)  # ttft: seconds over the emulator


RUN_TIMEOUT = 180.0  # seconds; --run-timeout


SPAWN = VENV_BIN / "spawn"  # built from spawn.c by ensure_spawn()


def ensure_spawn() -> bool:
    """Build the rusage spawner (spawn.c) into the venv if it is missing or older than its source."""
    src = BENCH / "spawn.c"
    if SPAWN.exists() and SPAWN.stat().st_mtime >= src.stat().st_mtime:
        return True
    cc = shutil.which("cc") or shutil.which("gcc")
    if not cc:
        return False
    r = subprocess.run([cc, "-O2", "-o", str(SPAWN), str(src)], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"bench: cannot build spawn.c: {r.stderr.strip()}", file=sys.stderr)
        return False
    return True


def run_once(cmd: list[str], env: dict, stdin_path: str | None = None, timeout: float | None = None) -> Sample:
    timeout = timeout or RUN_TIMEOUT
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(suffix=".rusage") as ru_file:
        use_spawn = SPAWN.exists()
        argv = [str(SPAWN), ru_file.name, *cmd] if use_spawn else cmd
        t0 = time.monotonic()
        # Own session, so a timeout can kill the client and everything it started.
        proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=err, env=env,
                                start_new_session=True)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass
        # A client that stalls without writing must not hang the whole run.
        killer = threading.Timer(timeout, kill)
        killer.start()
        fd = proc.stdout.fileno()
        first_at = None
        total = 0
        words = 0
        tail = b""
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            if first_at is None and FIRST_WORD in tail + chunk:
                first_at = time.monotonic()
            total += len(chunk)
            words += (tail[-8:] + chunk).count(FIRST_WORD) - tail[-8:].count(FIRST_WORD)
            tail = chunk
        _, status, ru = os.wait4(proc.pid, 0)
        t1 = time.monotonic()
        killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        if stdin_path:
            stdin.close()
        if timed_out.is_set():
            raise RuntimeError(f"killed after {timeout:.0f} s")
        if proc.returncode != 0:
            err.seek(0)
            lines = err.read().decode(errors="replace").strip().splitlines()
            last = lines[-1] if lines else ""
            raise RuntimeError(f"exit {proc.returncode}: {last[:200]}")
        if use_spawn:
            start_ns, end_ns, ut_us, st_us, rss_kb = map(int, Path(ru_file.name).read_text().split())
            start, end = start_ns / 1e9, end_ns / 1e9
            cpu = (ut_us + st_us) / 1e6
        else:
            start, end, cpu, rss_kb = t0, t1, ru.ru_utime + ru.ru_stime, ru.ru_maxrss
    return Sample(
        wall=end - start,
        cpu=cpu,
        rss_kb=rss_kb,
        first=None if first_at is None else first_at - start,
        out_bytes=total,
        words=words,
    )


CELL_BUDGET = 45.0  # seconds; --cell-budget
MIN_RUNS = 3


def measure(cmd, env, runs, stdin_path=None, check=None, warmup=1, min_runs=MIN_RUNS) -> Cell:
    """`runs` measured runs after `warmup` unmeasured ones; a slow client stops early once the
    cell has taken CELL_BUDGET seconds and has `min_runs` samples (so the whole run fits a slot)."""
    cell = Cell()
    t0 = time.monotonic()
    try:
        for i in range(warmup + runs):
            if (i >= warmup and len(cell.samples) >= min(min_runs, runs)
                    and time.monotonic() - t0 > CELL_BUDGET):
                n = len(cell.samples)
                cell.note = f"{n} run{'s' if n != 1 else ''} (the {CELL_BUDGET:.0f} s budget per cell ran out)"
                break
            s = run_once(cmd, env, stdin_path)
            if check:
                problem = check(s)
                if problem:
                    raise RuntimeError(problem)
            if i >= warmup:
                cell.samples.append(s)
    except (RuntimeError, OSError) as e:
        cell.error = str(e)
        cell.samples = []
    return cell


# --------------------------------------------------------------------------- network check

CONNECT_RE = re.compile(
    r'connect\(\d+, \{sa_family=(AF_INET6?|AF_UNIX|AF_NETLINK|[A-Z_0-9]+)'
    r'(?:, sin6?_port=htons\((\d+)\))?'
    r'(?:.*?inet_addr\("([^"]+)"\)|.*?inet_pton\(AF_INET6, "([^"]+)")?'
)


def network_check(cmd: list[str], env: dict, emu_port: int) -> tuple[list[str], str | None]:
    """Run `cmd` once under `strace -f -e trace=connect` and list every address it connected to.
    Returns (addresses, problem): a problem is any non-loopback address, a DNS lookup, or a try of
    the dead proxy (which means the client wanted to reach a host other than the emulator)."""
    if not shutil.which("strace"):
        return [], "strace missing: not checked"
    with tempfile.NamedTemporaryFile(suffix=".strace") as log:
        try:
            subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", log.name, *cmd],
                           env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            return [], "timed out under strace"
        text = Path(log.name).read_text(errors="replace")
    seen, problems = [], []
    for m in CONNECT_RE.finditer(text):
        fam, port, v4, v6 = m.groups()
        if fam not in ("AF_INET", "AF_INET6"):
            continue
        addr = v4 or v6 or "?"
        where = f"{addr}:{port}"
        if where not in seen:
            seen.append(where)
        loopback = addr.startswith("127.") or addr in ("::1", "::ffff:127.0.0.1")
        if not loopback:
            problems.append(f"{where} is not loopback")
        elif port == "53":
            problems.append(f"DNS lookup via {where}")
        elif port == "9":
            problems.append("tried the dead proxy (wanted a host other than the emulator)")
        elif port != str(emu_port):
            problems.append(f"{where} is not the emulator")
    return seen, "; ".join(dict.fromkeys(problems)) or None


# --------------------------------------------------------------------------- emulator


class Emulator:
    def __init__(self, brock: str, latency_ms: int, tps: float):
        self.latency_ms = latency_ms
        self.proc = subprocess.Popen(
            [brock, "--region", REGION, "emulator", "--listen", "127.0.0.1:0",
             "--latency", str(latency_ms),
             "--tokens-per-second", str(tps)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        )
        line = self.proc.stdout.readline().decode().strip()
        if not line.startswith("http://127.0.0.1:"):
            self.stop()
            raise SystemExit(f"bench: the emulator did not print its URL (got {line!r})")
        self.url = line
        u = urllib.parse.urlsplit(line)
        self.host, self.port = u.hostname, u.port

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def raw_first_token(emu: Emulator, tokens: int) -> float:
    """Seconds from opening a TCP connection to the emulator to the first answer word, for a
    converse-stream request signed beforehand (so no client work is counted)."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    path = "/model/" + urllib.parse.quote(CHAT_MODEL, safe="") + "/converse-stream"
    body = json.dumps({"messages": [{"role": "user", "content": [{"text": f"[[tokens={tokens}]] hi"}]}]})
    req = AWSRequest(method="POST", url=emu.url + path, data=body,
                     headers={"Content-Type": "application/json"})
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "bedrock", REGION).add_auth(req)
    head = f"POST {path} HTTP/1.1\r\nHost: {emu.host}:{emu.port}\r\n"
    for k, v in req.headers.items():
        if k.lower() != "host":
            head += f"{k}: {v}\r\n"
    head += f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    wire = head.encode() + body.encode()
    t0 = time.perf_counter()
    s = socket.create_connection((emu.host, emu.port))
    try:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.sendall(wire)
        got = b""
        while True:
            chunk = s.recv(1 << 16)
            if not chunk:
                raise RuntimeError(f"emulator closed before the first token: {got[:200]!r}")
            got += chunk
            if FIRST_WORD in got:
                t = time.perf_counter() - t0
                if not got.startswith(b"HTTP/1.1 200"):
                    raise RuntimeError(f"emulator refused the raw request: {got[:300]!r}")
                return t
    finally:
        s.close()


def raw_embed_calls(emu: Emulator, n: int) -> list[float]:
    """Seconds per InvokeModel (Titan v2) call on one keep-alive connection, request signed
    beforehand: what the emulator itself takes per call, latency included."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    path = "/model/" + urllib.parse.quote(EMBED_MODEL, safe="") + "/invoke"
    body = json.dumps({"inputText": "the quick brown fox jumps over the lazy dog"})
    req = AWSRequest(method="POST", url=emu.url + path, data=body,
                     headers={"Content-Type": "application/json", "Accept": "application/json"})
    SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "bedrock", REGION).add_auth(req)
    head = f"POST {path} HTTP/1.1\r\nHost: {emu.host}:{emu.port}\r\n"
    for k, v in req.headers.items():
        if k.lower() != "host":
            head += f"{k}: {v}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    wire = head.encode() + body.encode()
    times = []
    s = socket.create_connection((emu.host, emu.port))
    try:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        buf = b""
        for _ in range(n):
            t0 = time.perf_counter()
            s.sendall(wire)
            while b"\r\n\r\n" not in buf:
                chunk = s.recv(1 << 16)
                if not chunk:
                    raise RuntimeError("emulator closed the connection")
                buf += chunk
            headers, buf = buf.split(b"\r\n\r\n", 1)
            if not headers.startswith(b"HTTP/1.1 200"):
                raise RuntimeError(f"emulator refused the raw call: {headers[:200]!r}")
            m = re.search(rb"(?im)^content-length:\s*(\d+)", headers)
            if not m:
                raise RuntimeError("no content-length in the emulator's answer")
            need = int(m.group(1))
            while len(buf) < need:
                chunk = s.recv(1 << 16)
                if not chunk:
                    raise RuntimeError("emulator closed the connection")
                buf += chunk
            buf = buf[need:]
            times.append(time.perf_counter() - t0)
    finally:
        s.close()
    return times


# --------------------------------------------------------------------------- clients


def client_env(emu: Emulator, home: Path) -> dict:
    env = {
        "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": emu.url,
        "AWS_ENDPOINT_URL_BEDROCK": emu.url,
        # bedrust's SDK (aws-config 1.6) reads only the global variable.
        "AWS_ENDPOINT_URL": emu.url,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": str(home / "aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
        "AWS_PAGER": "",
        # Nothing may leave the machine: any stray HTTP(S) goes to a closed loopback port.
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "ALL_PROXY": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
        # LiteLLM would otherwise fetch its model price map from the internet at import.
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        "LITELLM_TELEMETRY": "False",
        "LLM_USER_PATH": str(home / "llm"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "PYTHONDONTWRITEBYTECODE": "",
    }
    return env


def messages_json(prompt: str) -> str:
    return json.dumps([{"role": "user", "content": [{"text": prompt}]}])


class Client:
    name = ""
    python = False
    # Whether the client writes each streamed token to stdout as it arrives (brock does): a
    # client that buffers looks slower to the first token and cheaper per token.
    flushes = "yes"

    def available(self) -> str | None:
        """None when usable, else why not."""
        return None

    def version(self) -> str:
        return ""

    # Each returns (argv, note) or a string saying why the client cannot do it.
    def help(self):
        return "no CLI (a library)"

    def oneshot(self, prompt):
        raise NotImplementedError

    def chat_stream(self, prompt):
        raise NotImplementedError

    def raw(self, body):
        return "no raw passthrough"

    def embed(self, lines_path, n, threads):
        """`threads`: brock's requests in flight, for the clients that can match it."""
        return "no embeddings"


class Brock(Client):
    name = "brock"

    def __init__(self, exe, name=None):
        self.exe = exe
        self.embed_help = None
        if name:
            self.name = name

    def version(self):
        return subprocess.run([self.exe, "--version"], capture_output=True, text=True).stdout.strip()

    def help(self):
        return [self.exe, "--help"]

    def oneshot(self, prompt):
        return [self.exe, "chat", "--no-stream", "--model", CHAT_MODEL, prompt]

    def chat_stream(self, prompt):
        return [self.exe, "chat", "--model", CHAT_MODEL, prompt]

    def raw(self, body):
        return [self.exe, "raw", f"/model/{CHAT_MODEL}/converse-stream", "-d", body]

    def embed_concurrency(self) -> int | None:
        r = subprocess.run([self.exe, "embed", "--help"], capture_output=True, text=True)
        if r.returncode != 0:
            return None
        # clap may wrap the description, putting `[default: N]` on a later line.
        m = re.search(r"--(?:concurrency|parallel|jobs)\b[^\[]*?\[default: (\d+)\]", r.stdout)
        return int(m.group(1)) if m else 1

    def embed(self, lines_path, n, threads):
        if self.embed_concurrency() is None:
            return "`brock embed` not built yet"
        return [self.exe, "embed", "--model", EMBED_MODEL, "--file", lines_path]


class AwsCli(Client):
    name = "aws CLI"
    python = True

    def available(self):
        return None if (VENV_BIN / "aws").exists() else "awscli not installed"

    def version(self):
        r = subprocess.run([str(VENV_BIN / "aws"), "--version"], capture_output=True, text=True)
        return (r.stdout or r.stderr).strip().split()[0]

    def base(self, url):
        return [str(VENV_BIN / "aws"), "bedrock-runtime", "--endpoint-url", url]

    def help(self):
        return [str(VENV_BIN / "aws"), "help"]

    def oneshot(self, prompt):
        return self.base(self.url) + [
            "converse", "--model-id", CHAT_MODEL, "--messages", messages_json(prompt),
            "--query", "output.message.content[0].text", "--output", "text",
        ]

    # AWS CLI v1 leaves out every event-stream operation: `aws bedrock-runtime help` lists
    # converse and invoke-model but no converse-stream or invoke-model-with-response-stream.
    NO_STREAM = "no streaming: AWS CLI v1 has no converse-stream (event-stream operations are left out)"

    def chat_stream(self, prompt):
        return self.NO_STREAM

    def raw(self, body):
        return self.NO_STREAM

    def embed(self, lines_path, n, threads):
        # One process per text: what a shell loop over `aws bedrock-runtime invoke-model` costs.
        # (v1 sends a string --body as is; v2's --cli-binary-format does not exist here.)
        script = (
            'while IFS= read -r line; do '
            'body=$(printf \'{"inputText": "%s"}\' "$line"); '
            f'"{VENV_BIN / "aws"}" bedrock-runtime --endpoint-url "$AWS_ENDPOINT_URL_BEDROCK_RUNTIME" '
            f'invoke-model --model-id {EMBED_MODEL} --content-type application/json '
            '--body "$body" /dev/stdout || exit 1; '
            'done'
        )
        return ["bash", "-c", script]


class Llm(Client):
    name = "llm + llm-bedrock"
    python = True
    flushes = "yes (`llm prompt` flushes after each chunk)"

    def __init__(self):
        self.model = None

    def available(self):
        return None if (VENV_BIN / "llm").exists() else "llm not installed"

    def version(self):
        r = subprocess.run([str(VENV_BIN / "llm"), "--version"], capture_output=True, text=True)
        plugins = subprocess.run([str(VENV_BIN / "llm"), "plugins"], capture_output=True, text=True)
        try:
            pl = ", ".join(f"{p['name']} {p.get('version', '')}".strip() for p in json.loads(plugins.stdout))
        except ValueError:
            pl = "?"
        return f"{r.stdout.strip()} ({pl})"

    def help(self):
        return [str(VENV_BIN / "llm"), "--help"]

    def oneshot(self, prompt):
        return [str(VENV_BIN / "llm"), "prompt", "-m", self.model, "--no-stream", prompt]

    def chat_stream(self, prompt):
        return [str(VENV_BIN / "llm"), "prompt", "-m", self.model, prompt]

    def raw(self, body):
        return "no raw passthrough (llm renders text only)"

    def embed(self, lines_path, n, threads):
        return "llm-bedrock offers no embedding model"


class LiteLlm(Client):
    name = "LiteLLM"
    python = True
    flushes = "yes (bench/peers/litellm_chat.py flushes after each chunk)"

    def available(self):
        r = subprocess.run([PY, "-c", "import litellm"], capture_output=True,
                           env={**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True",
                                "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"})
        return None if r.returncode == 0 else "litellm not installed"

    def version(self):
        from importlib.metadata import version
        return f"litellm {version('litellm')}"

    def oneshot(self, prompt):
        return [PY, str(BENCH / "peers/litellm_chat.py"), "--no-stream", CHAT_MODEL, prompt]

    def chat_stream(self, prompt):
        return [PY, str(BENCH / "peers/litellm_chat.py"), CHAT_MODEL, prompt]

    def raw(self, body):
        return "no raw passthrough (OpenAI-shaped results only)"

    def embed(self, lines_path, n, threads):
        return [PY, str(BENCH / "peers/litellm_embed.py"), EMBED_MODEL, "--threads", str(threads)]


class Boto3(Client):
    name = "boto3 (floor)"
    python = True
    flushes = "yes (bench/peers/boto3_*.py flush after each event)"

    def version(self):
        from importlib.metadata import version
        return f"boto3 {version('boto3')}, botocore {version('botocore')}"

    def oneshot(self, prompt):
        return [PY, str(BENCH / "peers/boto3_chat.py"), "--no-stream", CHAT_MODEL, prompt]

    def chat_stream(self, prompt):
        return [PY, str(BENCH / "peers/boto3_chat.py"), CHAT_MODEL, prompt]

    def raw(self, body):
        b = json.loads(body)
        return [PY, str(BENCH / "peers/boto3_raw.py"), CHAT_MODEL, json.dumps(b)]

    def embed(self, lines_path, n, threads):
        return [PY, str(BENCH / "peers/boto3_embed.py"), EMBED_MODEL, "--threads", str(threads)]


class Bedrust(Client):
    name = "bedrust"
    # bedrust 0.8.8 prints each delta with `print!` and never flushes; Rust's stdout is line
    # buffered, so text reaches the pipe at a newline or when the 1 KiB buffer fills.
    flushes = ("no: `print!` without a flush; its text reaches stdout at a newline or every 1 KiB, "
               "so its first token shows up late and its per-token cost is lower")
    stream_note = ("driven through its interactive prompt: `bash` pipes the question and `/q` "
                   "into it (bash adds about a millisecond); asks Claude 3.7 Sonnet, since bedrust "
                   "always sends its configured maxTokens and a 20,000-token answer is over Nova "
                   "Lite's 10,000 limit (the emulator's answer is the same size and shape)")

    def __init__(self):
        self.exe = BENCH / ".cargo-root" / "bin" / "bedrust"
        self.why = (BENCH / ".cargo-root" / "SKIPPED").read_text().strip() \
            if (BENCH / ".cargo-root" / "SKIPPED").exists() else "not built (bench/run.sh builds it unless BENCH_SKIP_BEDRUST is set)"

    def available(self):
        return None if self.exe.exists() else self.why

    def version(self):
        r = subprocess.run([str(self.exe), "--version"], capture_output=True, text=True)
        return r.stdout.strip()

    def setup(self, home: Path):
        # Without its config file bedrust refuses to start; the banner would only add noise.
        conf = home / ".config" / "bedrust"
        conf.mkdir(parents=True, exist_ok=True)
        (conf / "bedrust_config.ron").write_text(
            'BedrustConfig(\n  aws_profile: "default",\n  supported_images: ["png"],\n'
            '  caption_prompt: "Caption this.",\n  show_banner: false,\n'
            '  inference_params: (temperature: 0.5, max_tokens: 20000, top_p: 0.8),\n'
            '  system_prompt: Some("You are helpful assistant."),\n)\n')

    def help(self):
        return [str(self.exe), "--help"]

    def oneshot(self, prompt):
        return "no non-streaming mode (its chat always streams)"

    def chat_stream(self, prompt):
        # Its only mode is an interactive chat reading questions from stdin: one question, `/q`.
        return ["bash", "-c", 'printf "%s\\n/q\\n" "$1" | exec "$0" --model-id claude-v37-sonnet',
                str(self.exe), prompt]


# --------------------------------------------------------------------------- stats & report


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def fmt_ms(s):
    if s is None or (isinstance(s, float) and math.isnan(s)):
        return "–"
    ms = s * 1000
    if ms >= 10_000:
        return f"{ms / 1000:.1f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    return f"{ms:.1f} ms"


def spread(xs):
    if not xs:
        return "–"
    return f"{fmt_ms(min(xs))}–{fmt_ms(max(xs))}"


def cell_walls(c: Cell):
    return [s.wall * c.scale for s in c.samples]


def cell_cpus(c: Cell):
    return [s.cpu * c.scale for s in c.samples]


def machine_info():
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    try:
        ifaces = [l.split(":")[0].strip() for l in Path("/proc/net/dev").read_text().splitlines()[2:]]
    except OSError:
        ifaces = []
    return {
        "netns_loopback_only": ifaces == ["lo"],
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": mem,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


# --------------------------------------------------------------------------- main


def main() -> int:
    global RUN_TIMEOUT, CELL_BUDGET
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--brock", default=str(ROOT / "target/release/brock"))
    ap.add_argument("--baseline", default="",
                    help="another brock executable (e.g. built before a change), measured in the "
                         "same run as the client 'brock baseline'")
    ap.add_argument("--latency", type=int, default=20,
                    help="emulator latency (ms) for the time-to-first-token workload")
    ap.add_argument("--embed-latency", type=int, default=20, help="emulator latency (ms) for embeddings")
    ap.add_argument("--tps", type=float, default=0,
                    help="emulator tokens per second for streamed answers (0: unpaced)")
    ap.add_argument("--runs", type=int, default=10, help="runs per start-up and first-token workload")
    ap.add_argument("--heavy-runs", type=int, default=5, help="runs per streaming workload")
    ap.add_argument("--embed-runs", type=int, default=3, help="runs per embedding workload")
    ap.add_argument("--embed-lines", type=int, default=2000)
    ap.add_argument("--aws-embed-sample", type=int, default=40,
                    help="lines the AWS CLI (one process per line) embeds; the report scales its time "
                         "up to --embed-lines as an estimate, kept out of the table and the chart "
                         "(set it to --embed-lines to measure instead)")
    ap.add_argument("--quick", action="store_true", help="2 runs each, 200 embedding lines")
    ap.add_argument("--only", default="", help="comma-separated workloads: " + ",".join(WORKLOADS))
    ap.add_argument("--clients", default="", help="comma-separated client names (substring match)")
    ap.add_argument("--out", default=str(BENCH / "RESULTS.md"))
    ap.add_argument("--no-chart", action="store_true")
    ap.add_argument("--no-netcheck", action="store_true",
                    help="skip the strace check that every client connects only to the emulator")
    ap.add_argument("--cell-budget", type=float, default=45.0,
                    help="seconds after which a slow client's cell stops adding runs (it keeps at "
                         "least 3, 1 for embeddings)")
    ap.add_argument("--run-timeout", type=float, default=180.0,
                    help="seconds one client run may take before it is killed and the cell fails")
    args = ap.parse_args()
    RUN_TIMEOUT = args.run_timeout
    if args.quick:
        args.runs, args.heavy_runs, args.embed_runs, args.embed_lines = 2, 1, 1, 200
        args.aws_embed_sample = 10
        args.cell_budget = min(args.cell_budget, 10.0)
    CELL_BUDGET = args.cell_budget
    only = set(filter(None, args.only.split(","))) or set(WORKLOADS)
    unknown = only - set(WORKLOADS)
    if unknown:
        ap.error(f"unknown workload(s): {', '.join(sorted(unknown))}")
    if not ensure_spawn():
        print("bench: no C compiler for spawn.c: peak RSS includes the harness's own (~20 MB)",
              file=sys.stderr)
    if not os.access(args.brock, os.X_OK):
        ap.error(f"{args.brock} is not an executable (cargo build --release)")

    brock = Brock(args.brock)
    baseline = [Brock(args.baseline, name="brock baseline")] if args.baseline else []
    clients: list[Client] = [brock, *baseline, AwsCli(), Llm(), LiteLlm(), Boto3(), Bedrust()]
    if args.clients:
        wanted = [w.strip().lower() for w in args.clients.split(",")]
        clients = [c for c in clients if any(w in c.name.lower() for w in wanted)]

    started = datetime.datetime.now(datetime.timezone.utc)
    info = machine_info()
    home = Path(tempfile.mkdtemp(prefix="brock-bench-home-"))
    (home / "llm").mkdir()
    for c in clients:
        if hasattr(c, "setup") and not c.available():
            c.setup(home)
    emus: list[Emulator] = []
    results: dict[str, dict[str, Cell]] = {w: {} for w in WORKLOADS}
    floors: dict[str, Cell] = {}
    emu_ttft: list[float] = []
    emu_call: list[float] = []
    versions = {}
    netcheck: dict[str, tuple[list[str], str | None]] = {}

    t_start = time.monotonic()

    def log(msg):
        print(f"bench: [{time.monotonic() - t_start:6.1f} s] {msg}", file=sys.stderr, flush=True)

    try:
        fast = Emulator(args.brock, 0, args.tps)
        emus.append(fast)
        env_fast = client_env(fast, home)
        for c in clients:
            if isinstance(c, AwsCli):
                c.url = fast.url

        for c in clients:
            why = c.available()
            if why:
                log(f"{c.name}: {why}")
            else:
                try:
                    versions[c.name] = c.version()
                except Exception as e:  # noqa: BLE001 - a version string is cosmetic
                    versions[c.name] = f"? ({e})"
        # llm names Bedrock models its own way: find the plugin's id for Nova Lite.
        for c in clients:
            if isinstance(c, Llm) and not c.available():
                r = subprocess.run([str(VENV_BIN / "llm"), "models", "list"], capture_output=True,
                                   text=True, env=env_fast)
                ids = re.findall(r"^[^:]+: (\S+)", r.stdout, re.M)
                nova = [i for i in ids if "nova-lite" in i]
                c.model = next((i for i in nova if i.startswith("us.") or "/us." in i), nova[0] if nova else None)
                if c.model is None:
                    c.na_all = "llm-bedrock lists no Nova Lite model"
                log(f"llm model id: {c.model}")

        # Before measuring anything: every connection each client makes goes to the emulator.
        if not args.no_netcheck:
            for c in clients:
                if c.available() or getattr(c, "na_all", None):
                    continue
                for label, spec in (("--help", c.help()), ("one-shot", c.oneshot("hi")),
                                    ("stream", c.chat_stream("[[tokens=5]] hi"))):
                    if isinstance(spec, str):
                        continue
                    seen, problem = network_check(spec, env_fast, fast.port)
                    netcheck[f"{c.name} {label}"] = (seen, problem)
                    log(f"network check: {c.name} {label}: {', '.join(seen) or 'no TCP/UDP connections'}"
                        f"{' — ' + problem if problem else ''}")

        def run_cell(workload, c: Client, spec, env, runs, stdin_path=None, check=None, warmup=1,
                     min_runs=MIN_RUNS):
            why = c.available() or getattr(c, "na_all", None)
            if why:
                results[workload][c.name] = Cell(na=why)
                return None
            if isinstance(spec, str):
                results[workload][c.name] = Cell(na=spec)
                return None
            log(f"{workload}: {c.name} ×{runs}")
            cell = measure(spec, env, runs, stdin_path, check, warmup, min_runs)
            if cell.error:
                log(f"{workload}: {c.name} failed: {cell.error}")
            elif workload in ("ttft", "stream") and getattr(c, "stream_note", None):
                cell.note = "; ".join(filter(None, [c.stream_note, cell.note]))
            if workload in ("ttft", "stream", "raw"):
                cell.flushes = c.flushes
            results[workload][c.name] = cell
            return cell

        if "help" in only or "oneshot" in only:
            floors["spawn /bin/true"] = measure(["/bin/true"], env_fast, args.runs)
            floors["python3 -c pass"] = measure([PY, "-c", "pass"], env_fast, args.runs)
        if "help" in only:
            for c in clients:
                run_cell("help", c, c.help(), env_fast, args.runs)
        if "oneshot" in only:
            def has_answer(s: Sample):
                return None if s.out_bytes > 10 else "no answer on stdout"
            for c in clients:
                run_cell("oneshot", c, c.oneshot("hi"), env_fast, args.runs, check=has_answer)

        if "ttft" in only:
            lat = Emulator(args.brock, args.latency, args.tps)
            emus.append(lat)
            env_lat = client_env(lat, home)
            for c in clients:
                if isinstance(c, AwsCli):
                    c.url = lat.url
            for _ in range(3):
                raw_first_token(lat, TTFT_TOKENS)
            emu_ttft = [raw_first_token(lat, TTFT_TOKENS) for _ in range(max(args.runs, 5))]
            emu_med = med(emu_ttft)

            def has_first(s: Sample):
                return None if s.first is not None else "the first answer word never appeared"
            for c in clients:
                cell = run_cell("ttft", c, c.chat_stream(f"[[tokens={TTFT_TOKENS}]] hi"), env_lat,
                                args.runs, check=has_first)
                if cell and not cell.error:
                    cell.overhead = [s.first - emu_med for s in cell.samples]
            for c in clients:
                if isinstance(c, AwsCli):
                    c.url = fast.url

        if "stream" in only:
            def all_tokens(s: Sample):
                return None if s.words >= lorems(STREAM_TOKENS) else f"only ~{s.words * 12} of {STREAM_TOKENS} tokens arrived"
            for c in clients:
                run_cell("stream", c, c.chat_stream(f"[[tokens={STREAM_TOKENS}]] hi"), env_fast,
                         args.heavy_runs, check=all_tokens, warmup=0)

        if "raw" in only:
            body = json.dumps({"messages": [{"role": "user", "content": [
                {"text": f"[[tokens={RAW_TOKENS}]] hi"}]}]})

            def raw_tokens(s: Sample):
                return None if s.words >= lorems(RAW_TOKENS) else f"only ~{s.words * 12} of {RAW_TOKENS} tokens arrived"
            for c in clients:
                run_cell("raw", c, c.raw(body), env_fast, args.heavy_runs, check=raw_tokens, warmup=0)

        if "embed" in only:
            emb = Emulator(args.brock, args.embed_latency, args.tps)
            emus.append(emb)
            env_emb = client_env(emb, home)
            lines = [f"line {i}: the quick brown fox jumps over the lazy dog {i * 7919 % 1000}"
                     for i in range(args.embed_lines)]
            full = home / "lines.txt"
            full.write_text("\n".join(lines) + "\n")
            sample = home / "lines-sample.txt"
            sample.write_text("\n".join(lines[: args.aws_embed_sample]) + "\n")
            per_req = args.embed_latency / 1000
            try:
                raw_embed_calls(emb, 3)
                emu_call[:] = raw_embed_calls(emb, 30)
                log(f"embed: the emulator takes {med(emu_call) * 1000:.1f} ms per call itself")
            except (RuntimeError, OSError) as e:
                log(f"embed: cannot time the emulator's own calls: {e}")
            # The Python peers embed through a thread pool as large as brock's requests in flight,
            # so the ratio compares clients, not concurrency.
            conc = brock.embed_concurrency() or 1
            for c in clients:
                is_aws = isinstance(c, AwsCli)
                path = sample if is_aws else full
                n = args.aws_embed_sample if is_aws else args.embed_lines
                spec = c.embed(str(path), n, conc)
                if isinstance(spec, list) and isinstance(c, Brock):
                    stdin = None
                else:
                    stdin = str(path)

                def enough(s: Sample, n=n):
                    return None if s.out_bytes > n * 100 else f"only {s.out_bytes} bytes of vectors"
                cell = run_cell("embed", c, spec, env_emb, args.embed_runs, stdin_path=stdin,
                                check=enough, warmup=0, min_runs=1)
                if cell is None:
                    continue
                # The AWS CLI is one process per line, one at a time (a shell loop).
                inflight = 1 if is_aws else conc
                cell.ideal = math.ceil(args.embed_lines / inflight) * per_req
                if emu_call:
                    cell.ideal_emu = math.ceil(args.embed_lines / inflight) * med(emu_call)
                if is_aws:
                    # Too slow to run on every line: timed on a sample and kept out of the
                    # measured table and the chart (the report gives the estimate separately).
                    cell.scale = args.embed_lines / n
                    cell.estimate = n < args.embed_lines
                    cell.note = "; ".join(filter(None, ["one process per line, one at a time", cell.note]))
                elif isinstance(c, Brock):
                    cell.note = "; ".join(filter(None, [f"{conc} requests in flight", cell.note]))
                else:
                    cell.note = "; ".join(filter(None, [
                        f"a thread pool of {conc}: {conc} requests in flight, as brock"
                        if conc > 1 else "sequential", cell.note]))
    finally:
        for e in emus:
            e.stop()
        shutil.rmtree(home, ignore_errors=True)

    finished = datetime.datetime.now(datetime.timezone.utc)
    info["load_after"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    report = write_report(args, clients, results, floors, emu_ttft, versions, info, started, finished,
                          netcheck, emu_call)
    Path(args.out).write_text(report)
    data = {
        "started": started.isoformat(), "machine": info, "versions": versions,
        "emulator_ttft_s": emu_ttft,
        "emulator_embed_call_s": emu_call,
        "network_check": {k: {"connected_to": v[0], "problem": v[1]} for k, v in netcheck.items()},
        "results": {w: {n: {"na": c.na, "error": c.error, "note": c.note, "scale": c.scale,
                             "estimate": c.estimate, "flushes": c.flushes,
                             "ideal": c.ideal, "overhead": c.overhead,
                             "samples": [s.__dict__ for s in c.samples]}
                         for n, c in cells.items()} for w, cells in results.items()},
    }
    Path(args.out).with_suffix(".json").write_text(json.dumps(data, indent=1) + "\n")
    log(f"wrote {args.out}")
    if not args.no_chart:
        chart(results, Path(args.out).parent / "results.png", clients)
    return 0


def write_report(args, clients, results, floors, emu_ttft, versions, info, started, finished,
                 netcheck, emu_call) -> str:
    b = results
    names = [c.name for c in clients]
    L = []
    L.append("# brock benchmarks")
    L.append("")
    L.append(f"Generated by `bench/run.sh` on {started:%Y-%m-%d %H:%M} UTC "
             f"({(finished - started).total_seconds() / 60:.0f} min). Do not edit by hand: rerun it.")
    L.append("")
    L.append(f"- Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Linux {info['kernel']}, "
             f"Python {info['python']}. Load average at start {info['load']}, at end {info['load_after']}"
             f"{' (other work was running: numbers are noisier than on an idle machine)' if float(info['load'].split()[0]) > 1.0 else ''}.")
    L.append("- Versions: " + "; ".join(f"{k}: {v}" for k, v in versions.items()))
    L.append(f"- Runs: {args.runs} per start-up and first-token workload (after one unmeasured warm-up "
             f"run), {args.heavy_runs} per streaming workload and {args.embed_runs} per embedding workload "
             "(no warm-up: the earlier workloads already loaded the same code). A slow client stops adding "
             f"runs once its cell has taken {args.cell_budget:.0f} s, keeping at least 3 (1 for embeddings); "
             "such cells say so. Cells show the median and, below it, min–max.")
    L.append(f"- Emulator: `brock emulator` on 127.0.0.1; latency 0 ms except time to first token "
             f"({args.latency} ms) and embeddings ({args.embed_latency} ms); tokens per second: "
             f"{'unpaced' if not args.tps else args.tps}.")
    L.append("")
    L.append("## How it is measured")
    L.append("")
    L.append("- **Wall**: from just before `fork` to the client's exit as seen by `wait4`, both taken by a "
             "1 MB C spawner (`bench/spawn.c`) on `CLOCK_MONOTONIC`. stdout is a pipe the harness drains; "
             "stdin is `/dev/null` or the input file.")
    L.append("- **CPU** (user + system) and **peak RSS**: the client's `rusage` from that `wait4` — the "
             "counters `/usr/bin/time -v` reports; processes the client itself waits for are included. "
             "The spawner exists because Linux counts the forking process's RSS into the child's peak: "
             "spawned straight from the ~20 MB Python harness, every client would show at least ~20 MB.")
    L.append("- **Time to first token**: the time from spawn until the first answer word (`lorem`) "
             "appears on the client's stdout, minus the emulator's own time to that word: a raw "
             "socket client opens a fresh TCP connection and sends a request signed beforehand "
             f"(median {fmt_ms(med(emu_ttft))}, min–max {spread(emu_ttft)}). The difference is the "
             "client's overhead: process start, imports, config and credential loading, signing, "
             "parsing and printing.")
    L.append("- **Start-up** rows are warm starts, not cold ones: the unmeasured warm-up run leaves the "
             "client's executable, shared libraries and Python modules in the page cache, and nothing "
             "drops the caches between runs. A first run after boot or after the cache was evicted "
             "reads them from disk and is slower, most of all for the Python clients.")
    L.append(f"- **Streams**: `[[tokens=N]]` makes the emulator answer exactly N tokens, one event per token; "
             "the harness checks that every token reached stdout. The streaming tables say whether each "
             "client writes every token out as it arrives, as brock does; one that buffers shows its "
             "first token late and spends less per token.")
    L.append(f"- **Embeddings**: {args.embed_lines:,} lines, Titan Text Embeddings v2 (one text per "
             f"InvokeModel call), {args.embed_latency} ms per call. The Python peers run a thread pool as "
             "large as brock's requests in flight, so the ratio compares clients at the same concurrency. "
             "Ideal = ⌈lines / requests in flight⌉ × latency: the time the calls alone take at the "
             "client's own concurrency.")
    L.append("- Environment: example credentials, every endpoint on the emulator, "
             "`AWS_EC2_METADATA_DISABLED=true`, a fresh `HOME`, and HTTP(S) proxies pointing at a closed "
             "loopback port so nothing can leave the machine.")
    if info.get("netns_loopback_only"):
        L.append("- Isolation: the harness, the emulator and every client ran in a network namespace of "
                 "their own whose only interface is loopback (`unshare --net`), so no packet could leave "
                 "the machine whatever a client tried.")
    if netcheck:
        bad = {k: v for k, v in netcheck.items() if v[1]}
        ports = sorted({a for seen, _ in netcheck.values() for a in seen})
        L.append(f"- Network check: before measuring, each client's `--help`, one-shot and streamed "
                 f"run went once under `strace -f -e trace=connect`; {len(netcheck)} runs connected to "
                 f"{', '.join(ports) or 'nothing'} only"
                 + (" (the emulator): nothing else, no DNS lookup, no proxy." if not bad else
                    ". Problems: " + "; ".join(f"{k}: {v[1]}" for k, v in bad.items()) + "."))
    L.append("")

    def table(workload, cols):
        L.append(f"## {WORKLOADS[workload]}")
        L.append("")
        L.append("| client | " + " | ".join(h for h, _ in cols) + " |")
        L.append("|---" * (len(cols) + 1) + "|")
        for n in names:
            c = b[workload].get(n)
            if c is None:
                continue
            if c.na:
                L.append(f"| {n} | n/a: {c.na} |" + " |" * (len(cols) - 1))
                continue
            if c.error:
                L.append(f"| {n} | failed: {c.error.replace('|', '/')} |" + " |" * (len(cols) - 1))
                continue
            if c.estimate:
                L.append(f"| {n} | not measured on the whole input: see the estimate below |"
                         + " |" * (len(cols) - 1))
                continue
            row = [f(c) for _, f in cols]
            L.append(f"| {n}{' ¹' if c.note else ''} | " + " | ".join(row) + " |")
        notes = [(n, b[workload][n].note) for n in names if n in b[workload] and b[workload][n].note
                 and not b[workload][n].na and not b[workload][n].error
                 and not b[workload][n].estimate]
        if notes:
            L.append("")
            for n, note in notes:
                L.append(f"¹ {n}: {note}.")
        L.append("")

    brock_cells = {w: b[w].get("brock") for w in b}

    def ratio_vs_brock(workload, key):
        def f(c: Cell):
            bc = brock_cells.get(workload)
            if not bc or not bc.samples:
                return "–"
            r = med(key(c)) / med(key(bc))
            return f"{r:.1f}×" if r >= 1.95 or r < 0.95 else f"{r:.2f}×"
        return f

    wall = ("wall", lambda c: f"{fmt_ms(med(cell_walls(c)))}<br>{spread(cell_walls(c))}")
    cpu = ("CPU", lambda c: f"{fmt_ms(med(cell_cpus(c)))}<br>{spread(cell_cpus(c))}")
    rss = ("peak RSS", lambda c: f"{med([s.rss_kb for s in c.samples]) / 1024:.1f} MB")
    flushes = ("writes each token out", lambda c: c.flushes or "–")

    if "help" in set(b) and b["help"]:
        table("help", [wall, cpu, rss, ("wall vs brock", ratio_vs_brock("help", cell_walls))])
    if floors:
        L.append("Floors on this machine: " + "; ".join(
            f"`{k}` {fmt_ms(med(cell_walls(v)))} wall, {med([s.rss_kb for s in v.samples]) / 1024:.1f} MB"
            for k, v in floors.items() if v.samples) + ".")
        L.append("")
    if b["oneshot"]:
        table("oneshot", [wall, cpu, rss, ("wall vs brock", ratio_vs_brock("oneshot", cell_walls))])
    if b["ttft"]:
        ov = ("overhead (first token − emulator)",
              lambda c: f"{fmt_ms(med(c.overhead))}<br>{spread(c.overhead)}")
        first = ("first token", lambda c: fmt_ms(med([s.first for s in c.samples])))
        table("ttft", [ov, first, wall, ("overhead vs brock", ratio_vs_brock("ttft", lambda c: c.overhead)),
                       flushes])
    if b["stream"]:
        table("stream", [wall, cpu, rss, ("CPU vs brock", ratio_vs_brock("stream", cell_cpus)), flushes])
    if b["embed"]:
        ideal = ("ideal", lambda c: fmt_ms(c.ideal))
        vs = ("wall / ideal", lambda c: f"{med(cell_walls(c)) / c.ideal:.2f}×" if c.ideal else "–")
        cols = [wall, ideal, vs]
        if emu_call:
            cols.append((f"wall / ideal at the emulator's own {med(emu_call) * 1000:.1f} ms per call",
                         lambda c: f"{med(cell_walls(c)) / c.ideal_emu:.2f}×" if c.ideal_emu else "–"))
        table("embed", cols + [cpu, rss, ("wall vs brock", ratio_vs_brock("embed", cell_walls))])
        for n in names:
            c = b["embed"].get(n)
            if not (c and c.estimate and c.samples):
                continue
            lines_done = round(args.embed_lines / c.scale)
            took = med([s.wall for s in c.samples])
            L.append(f"Estimate, not a measurement: {n} embedded {lines_done} of the {args.embed_lines:,} "
                     f"lines ({c.note}) in {fmt_ms(took)}, {fmt_ms(took / lines_done)} per line; at that "
                     f"rate all {args.embed_lines:,} would take about {fmt_ms(took * c.scale)}. It is left "
                     "out of the table above, the targets and the chart.")
            L.append("")
        if emu_call:
            L.append(f"The emulator's own time per call (a raw socket client, one keep-alive connection, "
                     f"request signed beforehand): median {fmt_ms(med(emu_call))}, min–max "
                     f"{spread(emu_call)}, for a nominal {args.embed_latency} ms.")
            L.append("")
    if b["raw"]:
        table("raw", [wall, cpu, rss, ("CPU vs brock", ratio_vs_brock("raw", cell_cpus)), flushes])

    # Targets from the issue.
    L.append("## Targets")
    L.append("")
    L.append("| target | measured | met | context |")
    L.append("|---|---|---|---|")

    def target(label, value, ok, why=""):
        L.append(f"| {label} | {value} | {'yes' if ok else ('no' if ok is not None else '–')} | {why} |")

    def got(w):
        c = brock_cells.get(w)
        return c if c and c.samples else None

    c = got("ttft")
    h = got("help")
    target("time-to-first-token overhead < 5 ms", fmt_ms(med(c.overhead)) if c else "not measured",
           med(c.overhead) < 0.005 if c else None,
           (f"of which process start and exit (`brock --help`): {fmt_ms(med(cell_walls(h)))}" if c and h else ""))
    c = got("oneshot")
    target("one-shot < 30 ms, process start included (warm page cache)",
           fmt_ms(med(cell_walls(c))) if c else "not measured",
           med(cell_walls(c)) < 0.030 if c else None,
           f"{fmt_ms(med(cell_cpus(c)))} of it CPU" if c else "")
    c = got("stream")
    target(f"streaming {STREAM_TOKENS:,} tokens < 100 ms CPU", fmt_ms(med(cell_cpus(c))) if c else "not measured",
           med(cell_cpus(c)) < 0.100 if c else None,
           f"{med(cell_cpus(c)) / STREAM_TOKENS * 1e6:.1f} µs per token (one event-stream frame each), "
           f"min {fmt_ms(min(cell_cpus(c)))}" if c else "")
    rss_all = [(s.rss_kb, w) for w in b for s in (got(w).samples if got(w) else [])]
    top = max(rss_all) if rss_all else None
    target("peak RSS < 30 MB (every workload)", f"{top[0] / 1024:.1f} MB" if top else "–",
           top[0] < 30 * 1024 if top else None, f"largest in: {WORKLOADS[top[1]]}" if top else "")
    c = got("embed")
    target("embeddings within 1.2× of ideal",
           f"{med(cell_walls(c)) / c.ideal:.2f}×" if c and c.ideal else "not measured",
           (med(cell_walls(c)) / c.ideal <= 1.2) if c and c.ideal else None,
           (f"the emulator itself takes {fmt_ms(med(emu_call))} per nominal {args.embed_latency} ms call; "
            f"against that, {med(cell_walls(c)) / c.ideal_emu:.2f}×" if c and c.ideal_emu else ""))
    py = [cl for cl in clients if cl.python]
    worst = None
    for w in ("help", "oneshot"):
        bc = got(w)
        for cl in py:
            pc = b[w].get(cl.name)
            if bc and pc and pc.samples:
                r = med(cell_walls(pc)) / med(cell_walls(bc))
                if worst is None or r < worst[0]:
                    worst = (r, cl.name, w)
    target("≥ 10× faster than every Python peer at start-up (warm page cache)",
           f"slowest margin {worst[0]:.1f}× ({worst[1]}, {worst[2]})" if worst else "not measured",
           worst[0] >= 10 if worst else None, "wall time of `--help` and of the one-shot chat")
    L.append("")
    L.append("![wall-time and CPU ratios, peer ÷ brock](results.png)")
    L.append("")
    return "\n".join(L)


def chart(results, path: Path, clients):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench: matplotlib missing, no chart", file=sys.stderr)
        return
    metrics = [
        ("help", "--help\nwall", cell_walls),
        ("oneshot", "one-shot\nwall", cell_walls),
        ("ttft", "first-token\noverhead", lambda c: c.overhead),
        ("stream", "20k stream\nCPU", cell_cpus),
        ("embed", "embed\nwall", cell_walls),
        ("raw", "raw stream\nCPU", cell_cpus),
    ]
    peers = [c.name for c in clients if c.name != "brock"]
    xs = list(range(len(metrics)))
    width = 0.8 / max(1, len(peers))
    fig, ax = plt.subplots(figsize=(11, 5.5), dpi=110)
    for i, p in enumerate(peers):
        vals, pos = [], []
        for j, (w, _, key) in enumerate(metrics):
            bc, pc = results[w].get("brock"), results[w].get(p)
            if bc and pc and bc.samples and pc.samples and not pc.estimate:
                bv = med(key(bc))
                pv = med(key(pc))
                if bv > 0 and pv > 0:
                    vals.append(pv / bv)
                    pos.append(j + (i - (len(peers) - 1) / 2) * width)
        if vals:
            bars = ax.bar(pos, vals, width, label=p)
            for x, v in zip(pos, vals):
                ax.text(x, v * 1.05, f"{v:.0f}×" if v >= 10 else f"{v:.1f}×", ha="center",
                        va="bottom", fontsize=7, rotation=90)
    ax.axhline(1, color="black", linewidth=0.8)
    ax.set_yscale("log")
    # Room above the tallest bar for its label.
    top = max((b.get_height() for b in ax.patches), default=10)
    ax.set_ylim(bottom=0.5, top=top * 6)
    ax.set_xticks(xs)
    ax.set_xticklabels([m[1] for m in metrics])
    ax.set_ylabel("peer ÷ brock (log scale; higher = brock faster)")
    ax.set_title("brock vs. peers against the same Bedrock emulator (median; a missing bar: the "
                 "peer cannot do it)", fontsize=10)
    if ax.patches:
        ax.legend(fontsize=8, loc="upper right", ncol=len(peers))
    ax.grid(axis="y", which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path)
    print(f"bench: wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())

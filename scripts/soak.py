#!/usr/bin/env python3
"""Soak test (not in CI): many real `brock chat` runs against one `brock emulator` process
with randomly chosen fault scenarios.

Checks that
  * no request is lost: every run ends within its deadline with exactly the outcome its
    scenario calls for (exit code; for answers, its own unique prompt echoed exactly once, so
    answers are neither dropped, doubled nor crossed between concurrent requests; for broken
    streams, the partial answer kept on stdout);
  * the emulator does not leak: its open file descriptors return to the warm-up level and its
    resident memory stops growing (sampled from /proc);
  * sessions never lose a turn: many concurrent `brock chat --session` writers on a few
    session names, some stopped mid-answer by SIGTERM, SIGHUP, SIGINT or a closed stdout,
    leave every turn in its file (a stopped one with its partial answer, marked interrupted),
    roles alternating, and each session still continues.

Usage (see scripts/soak.sh):  scripts/soak.sh [--sequential 1000] [--concurrent 200]
                                 [--session-writers 200] [--sessions 5] [--seed N]
"""

import argparse
import json
import os
import signal
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
PARTIAL = "Hello from the brock emulator"

# scenario -> (weight, expected exit code, what stdout must hold: "answer" = this request's own
# answer exactly once, "partial" = the start of the answer, "empty", "any")
SCENARIOS = {
    None: (50, 0, "answer"),
    "hostile": (3, 0, "hostile"),
    "throttle": (5, 4, "empty"),
    "internal-error": (5, 1, "empty"),
    "access-denied": (3, 3, "empty"),
    "not-found": (3, 1, "empty"),
    "reset": (5, 5, "empty"),
    "stream-error": (5, 1, "partial"),
    "stream-throttle": (4, 4, "partial"),
    "malformed-frame": (4, 1, "partial"),
    "crc-mismatch": (4, 1, "partial"),
    "truncated": (5, 5, "partial"),
    "stall": (2, 5, "partial"),
}
# Non-streaming answers: the broken-stream scenarios answer normally (see the emulator's
# module doc), except `stall` and `truncated`, which cut the body.
NO_STREAM = {
    "stream-error": (0, "answer"),
    "stream-throttle": (0, "answer"),
    "malformed-frame": (0, "answer"),
    "crc-mismatch": (0, "answer"),
    "truncated": (5, "empty"),
    "stall": (5, "empty"),
}
HOSTILE_START = "Hostile answer: \x1b]52;c;"


def proc_stats(pid):
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    rss_kb = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    return fds, rss_kb


class Soak:
    def __init__(self, brock, seed, read_timeout, stall_timeout):
        self.brock = brock
        self.rng = random.Random(seed)
        self.read_timeout = read_timeout
        self.stall_timeout = stall_timeout
        self.home = tempfile.mkdtemp(prefix="brock-soak-")
        self.failures = []
        self.only = None
        self.counts = {}
        self.emu = subprocess.Popen(
            [brock, "--no-color", "emulator", "--listen", "127.0.0.1:0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=self.base_env(),
            text=True,
        )
        url = ""
        while not url.startswith("http://"):
            url = self.emu.stdout.readline().strip()
            if not url and self.emu.poll() is not None:
                sys.exit("the emulator did not start")
        self.url = url

    def base_env(self):
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home,
            "XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
            "XDG_DATA_HOME": os.path.join(self.home, ".local/share"),
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": os.path.join(self.home, "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(self.home, "aws-credentials"),
            "BROCK_RETRY_BASE_MS": "5",
            "NO_COLOR": "1",
        }
        if getattr(self, "url", None):
            for k in (
                "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
                "AWS_ENDPOINT_URL_BEDROCK",
                "AWS_ENDPOINT_URL_BEDROCK_AGENT_RUNTIME",
                "AWS_ENDPOINT_URL_STS",
            ):
                env[k] = self.url
        return env

    def pick(self):
        names = self.only or list(SCENARIOS)
        weights = [SCENARIOS[n][0] for n in names]
        scenario = self.rng.choices(names, weights)[0]
        stream = self.rng.random() < 0.7
        return scenario, stream

    def one(self, i, scenario, stream):
        token = f"soak-{i}-{self.rng.randrange(1 << 30):x}"
        model = f"emulator.{scenario}" if scenario else "nova-lite"
        # Only the stall scenario needs a short read timeout; the others get one long enough
        # that a CPU-starved emulator (200 clients on a small machine) is not mistaken for a
        # stalled one.
        read_timeout = self.stall_timeout if scenario == "stall" else self.read_timeout
        args = [
            self.brock,
            "--max-attempts",
            "2",
            "--read-timeout",
            str(read_timeout),
            "chat",
            "--model",
            model,
        ]
        if not stream:
            args.append("--no-stream")
        args.append(token)
        _, code, want = SCENARIOS[scenario]
        if not stream and scenario in NO_STREAM:
            code, want = NO_STREAM[scenario]
        deadline = 30 + 4 * read_timeout
        started = time.monotonic()
        try:
            out = subprocess.run(
                args,
                env=self.base_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=deadline,
            )
        except subprocess.TimeoutExpired:
            return (scenario, stream, f"hung for more than {deadline}s", time.monotonic() - started)
        stdout = out.stdout.decode("utf-8", "replace")
        stderr = out.stderr.decode("utf-8", "replace")
        problem = None
        if out.returncode != code:
            problem = f"exit {out.returncode}, expected {code}: {stderr.strip()[:300]}"
        elif "panicked" in stderr:
            problem = f"panic: {stderr[:300]}"
        elif want == "answer" and stdout.count(f"You said: {token}") != 1:
            problem = f"own answer not printed exactly once: {stdout[:300]!r}"
        elif want == "partial" and not stdout.startswith(PARTIAL):
            problem = f"partial answer not kept: {stdout[:300]!r}"
        elif want == "hostile" and not stdout.startswith(HOSTILE_START):
            problem = f"hostile answer not byte-exact on a pipe: {stdout[:120]!r}"
        elif want == "empty" and stdout:
            problem = f"unexpected stdout: {stdout[:300]!r}"
        elif code != 0 and not stderr.startswith("brock: error:") and "\nbrock: error:" not in stderr:
            problem = f"no error line: {stderr[:300]!r}"
        return (scenario, stream, problem, time.monotonic() - started)

    def record(self, i, result):
        scenario, stream, problem, secs = result
        self.slowest = max(getattr(self, "slowest", 0.0), secs)
        key = f"{scenario or 'ok'}{'' if stream else ' (no-stream)'}"
        self.counts[key] = self.counts.get(key, 0) + 1
        if problem:
            self.failures.append(f"request {i} [{key}]: {problem}")

    def sequential(self, n, start):
        t = time.monotonic()
        for i in range(start, start + n):
            scenario, stream = self.pick()
            self.record(i, self.one(i, scenario, stream))
        return time.monotonic() - t

    def concurrent(self, n, start):
        plan = [(i, *self.pick()) for i in range(start, start + n)]
        t = time.monotonic()
        peak = [proc_stats(self.emu.pid)]
        with ThreadPoolExecutor(max_workers=n) as pool:
            futures = [pool.submit(self.one, i, s, st) for i, s, st in plan]
            while not all(f.done() for f in futures):
                peak.append(proc_stats(self.emu.pid))
                time.sleep(0.05)
            for (i, _, _), f in zip(plan, futures):
                self.record(i, f.result())
        return time.monotonic() - t, max(p[0] for p in peak), max(p[1] for p in peak)

    def settle(self):
        # Connections the client dropped (stalls) close on the emulator's side once its
        # writes fail or the kernel notices; give it a moment.
        time.sleep(2 + self.stall_timeout)
        return proc_stats(self.emu.pid)

    def close(self):
        self.emu.terminate()
        try:
            self.emu.wait(5)
        except subprocess.TimeoutExpired:
            self.emu.kill()
        shutil.rmtree(self.home, ignore_errors=True)


def sessions_phase(s, writers, names, seed):
    """Concurrent session writers against a paced emulator of their own; returns problems."""
    rng = random.Random(seed)
    emu = subprocess.Popen(
        [s.brock, "--no-color", "emulator", "--listen", "127.0.0.1:0", "--tokens-per-second", "400"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=s.base_env(),
        text=True,
    )
    url = emu.stdout.readline().strip()
    env = s.base_env()
    for k in ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL_BEDROCK"):
        env[k] = url
    stops = {"SIGTERM": 130, "SIGHUP": 130, "SIGINT": 130, "close": 0}
    plan = []
    for i in range(writers):
        stop = rng.choice(list(stops)) if rng.random() < 0.3 else None
        plan.append((i, f"s{i % names}", f"sess-{i}-{rng.randrange(1 << 30):x}", stop))

    def one(i, name, token, stop):
        # A stopped writer asks for a long answer so the stop lands mid-stream.
        prompt = f"{token} [[tokens=2000]]" if stop else token
        p = subprocess.Popen(
            [s.brock, "chat", "--session", name, prompt],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            if stop:
                # Its turn has come (it waits for the session's lock) once the answer flows.
                if not p.stdout.read(20):
                    return token, stop, "no answer before the stop"
                if stop == "close":
                    p.stdout.close()
                else:
                    p.send_signal(getattr(signal, stop))
            out, err = p.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()
            return token, stop, "hung"
        want = stops[stop] if stop else 0
        if p.returncode != want:
            return token, stop, f"exit {p.returncode}, expected {want}: {err.decode()[-300:]}"
        if not stop and f"You said: {prompt}".encode() not in out:
            return token, stop, "answer not printed"
        return token, stop, None

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=writers) as pool:
        results = list(pool.map(lambda a: one(*a), plan))
    secs = time.monotonic() - started
    problems = [f"session writer {t} ({st or 'done'}): {p}" for t, st, p in results if p]
    kept = 0
    for n in range(names):
        name = f"s{n}"
        path = os.path.join(s.home, ".local/share/brock/sessions", f"{name}.json")
        with open(path) as f:
            doc = json.load(f)
        msgs = doc["conversation"]["messages"]
        cut = set(doc.get("interrupted", []))
        roles = [m["role"] for m in msgs]
        if roles != ["user", "assistant"] * (len(msgs) // 2) or len(msgs) % 2:
            problems.append(f"session {name}: roles do not alternate: {roles[:12]}")
        text = lambda m: "".join(p.get("text", "") for p in m["content"])
        for i, tok, st in [(i, t, st) for i, nm, t, st in plan if nm == name]:
            at = [k for k, m in enumerate(msgs) if m["role"] == "user" and text(m).split(" ")[0] == tok]
            if len(at) != 1:
                problems.append(f"session {name}: turn {tok} found {len(at)} times")
                continue
            k = at[0]
            answer = msgs[k + 1] if k + 1 < len(msgs) else None
            if answer is None or not text(answer):
                problems.append(f"session {name}: turn {tok} has no answer")
            elif st and (k + 1) not in cut:
                problems.append(f"session {name}: stopped turn {tok} not marked interrupted")
            elif not st and not text(answer).endswith(f"You said: {text(msgs[k])}"):
                problems.append(f"session {name}: turn {tok} has another turn's answer")
            else:
                kept += 1
        # The session goes on: the strict emulator refuses a request Bedrock would refuse.
        out = subprocess.run(
            [s.brock, "chat", "--session", name, "still there?"],
            env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=120,
        )
        if out.returncode != 0:
            problems.append(f"session {name} does not continue: {out.stderr.decode()[-300:]}")
    emu.terminate()
    emu.wait(10)
    if emu.returncode != 0:
        problems.append(f"the session emulator exited {emu.returncode} on SIGTERM")
    by_stop = {}
    for _, _, _, st in plan:
        by_stop[st or "done"] = by_stop.get(st or "done", 0) + 1
    print(
        f"{writers} session writers on {names} sessions in {secs:.0f}s "
        f"({', '.join(f'{k} {v}' for k, v in sorted(by_stop.items()))}): "
        f"{kept} of {writers} turns kept"
    )
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sequential", type=int, default=1000)
    ap.add_argument("--concurrent", type=int, default=200)
    ap.add_argument("--session-writers", type=int, default=200)
    ap.add_argument("--sessions", type=int, default=5)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--read-timeout", type=float, default=20.0)
    ap.add_argument("--stall-timeout", type=float, default=2.0)
    ap.add_argument(
        "--only",
        help="comma-separated scenarios to draw from (\"ok\" for none), to chase one fault",
    )
    ap.add_argument("--brock", default=os.path.join(ROOT, "target", "debug", "brock"))
    a = ap.parse_args()
    s = Soak(a.brock, a.seed, a.read_timeout, a.stall_timeout)
    if a.only:
        s.only = [None if n == "ok" else n for n in a.only.split(",")]
        unknown = [n for n in s.only if n not in SCENARIOS]
        if unknown:
            s.close()
            sys.exit(f"unknown scenarios: {unknown}; known: {[n for n in SCENARIOS if n]}")
    try:
        print(f"seed {a.seed}, emulator pid {s.emu.pid} at {s.url}, brock {a.brock}")
        s.sequential(50, 0)
        warm = s.settle()
        print(f"after 50 warm-up requests: {warm[0]} fds, {warm[1] / 1024:.1f} MiB RSS")
        secs = s.sequential(a.sequential, 100_000)
        seq = s.settle()
        print(
            f"{a.sequential} sequential in {secs:.0f}s ({a.sequential / secs:.1f}/s): "
            f"{seq[0]} fds, {seq[1] / 1024:.1f} MiB RSS after settling"
        )
        secs, peak_fds, peak_rss = s.concurrent(a.concurrent, 200_000)
        conc = s.settle()
        print(
            f"{a.concurrent} concurrent in {secs:.0f}s: peak {peak_fds} fds, "
            f"{peak_rss / 1024:.1f} MiB RSS; after settling {conc[0]} fds, "
            f"{conc[1] / 1024:.1f} MiB RSS"
        )
        # A second sequential round: memory that is really leaking keeps growing here.
        secs = s.sequential(a.sequential, 300_000)
        again = s.settle()
        print(
            f"{a.sequential} sequential again in {secs:.0f}s: {again[0]} fds, "
            f"{again[1] / 1024:.1f} MiB RSS"
        )
        print(f"slowest request: {s.slowest:.1f}s")
        if a.session_writers:
            s.failures.extend(sessions_phase(s, a.session_writers, a.sessions, a.seed))
        print("outcomes:", ", ".join(f"{k} {v}" for k, v in sorted(s.counts.items())))
        total = sum(s.counts.values())
        if again[0] > warm[0] + 2:
            s.failures.append(f"file descriptors grew from {warm[0]} to {again[0]}")
        # Allocator high-water marks after the concurrent burst are fine; growth between two
        # equal sequential rounds is not.
        if again[1] > seq[1] * 1.10 + 4096:
            s.failures.append(
                f"RSS grew from {seq[1] / 1024:.1f} to {again[1] / 1024:.1f} MiB over "
                f"{a.sequential} more requests"
            )
        if s.emu.poll() is not None:
            s.failures.append(f"the emulator exited with {s.emu.returncode}")
        for f in s.failures[:50]:
            print("FAIL", f)
        print(f"{total} requests, {len(s.failures)} problems")
        return 1 if s.failures else 0
    finally:
        s.close()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# One command for the whole benchmark: installs what it needs (Debian packages, the Python peers
# into bench/.venv, optionally bedrust into bench/.cargo-root), builds brock in release mode,
# then runs bench/bench.py, which writes bench/RESULTS.md, bench/RESULTS.json and bench/results.png.
#
#   bench/run.sh              # full run (about 15 minutes on 2 cores)
#   bench/run.sh --quick      # 2 runs each, 200 embedding lines: checks the harness works
#   bench/run.sh --only oneshot,ttft --clients brock,boto3
#   bench/run.sh --baseline OLD/brock   # also measure another build (before/after a change)
#   bench/run.sh --help       # every option of bench.py
#
# Environment: BENCH_SKIP_BEDRUST=1 skips the bedrust build attempt; BENCH_BEDRUST_TIMEOUT
# (seconds, default 600) caps it, since bedrust pulls in the whole AWS SDK. A build cut off by
# the cap resumes where it stopped on the next run (its target dir is kept in bench/.cargo-root).
# BENCH_NO_BUILD=1 uses the brock already in target/release. BENCH_NO_NETNS=1 skips the
# loopback-only network namespace the measurements otherwise run in.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
say() { printf 'bench: %s\n' "$*" >&2; }

# Debian packages: a venv-capable Python (the image may ship one already), strace for the
# network check, a C compiler for the rusage spawner (bench/spawn.c).
need_apt=()
command -v python3 >/dev/null || need_apt+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
command -v strace >/dev/null || need_apt+=(strace)
command -v ip >/dev/null || need_apt+=(iproute2)
command -v cc >/dev/null || need_apt+=(gcc libc6-dev)
if ((${#need_apt[@]})); then
    say "installing ${need_apt[*]}"
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# brock itself, release build.
if [[ -z "${BENCH_NO_BUILD:-}" ]]; then
    say "building brock (release)"
    (cd "$root" && cargo build --release --quiet)
fi

# Python peers, pinned. Reinstalled only when requirements.txt changes.
venv="$here/.venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/python" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    say "installing the Python peers into bench/.venv (awscli, llm + llm-bedrock, litellm, boto3)"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
    echo "$want" >"$stamp"
fi

# bedrust from crates.io, only if it builds in reasonable time; the outcome is remembered.
cargo_root="$here/.cargo-root"
if [[ -z "${BENCH_SKIP_BEDRUST:-}" && ! -x "$cargo_root/bin/bedrust" ]]; then
    limit="${BENCH_BEDRUST_TIMEOUT:-600}"
    say "building bedrust from crates.io (at most ${limit} s)"
    mkdir -p "$cargo_root"
    rm -f "$cargo_root/SKIPPED"
    start=$SECONDS
    # Its own target dir: a build cut off by the cap resumes next time instead of starting over.
    if timeout "$limit" cargo install --quiet --locked --root "$cargo_root" \
        --target-dir "$cargo_root/target" bedrust >"$cargo_root/build.log" 2>&1; then
        say "bedrust built in $((SECONDS - start)) s"
    else
        code=$?
        if ((code == 124)); then
            echo "not built: cargo install bedrust took over ${limit} s on this machine (it resumes on the next run)" >"$cargo_root/SKIPPED"
        else
            echo "not built: cargo install bedrust failed ($(tail -n 1 "$cargo_root/build.log"))" >"$cargo_root/SKIPPED"
        fi
        say "$(cat "$cargo_root/SKIPPED")"
    fi
fi

# The measurements run in a network namespace of their own with only loopback up: no client can
# reach any other address, whatever endpoint it falls back to (the emulator runs inside too).
if [[ -z "${BENCH_NO_NETNS:-}" ]] && command -v unshare >/dev/null && command -v ip >/dev/null \
    && unshare --net true 2>/dev/null; then
    exec unshare --net -- bash -c 'ip link set lo up && exec "$@"' bench \
        "$venv/bin/python" "$here/bench.py" "$@"
fi
say "warning: cannot make a network namespace (needs root and unshare): relying on the dead proxy"
exec "$venv/bin/python" "$here/bench.py" "$@"

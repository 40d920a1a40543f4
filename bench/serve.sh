#!/usr/bin/env bash
# The gateway benchmark: brock serve vs LiteLLM's proxy vs the emulator itself, in one run
# (bench/serve_bench.py says what is measured and how). Writes bench/SERVE.json and prints the
# tables that bench/SERVE.md quotes.
#
#   bench/serve.sh                         # uses target/release/brock (cargo build --release first)
#   BROCK=/path/to/brock bench/serve.sh    # another build
#   bench/serve.sh --seconds 5 --clients 1,64   # options of serve_bench.py (--help)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
say() { printf 'bench: %s\n' "$*" >&2; }

# wrk (the load generator, C, from Debian) and a venv-capable Python.
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
if ((${#need_apt[@]})); then
    say "installing ${need_apt[*]}"
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# LiteLLM's proxy, pinned, in its own venv. Reinstalled only when the requirements change.
venv="$here/.venv-serve"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$here/serve-requirements.txt" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/litellm" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    say "installing litellm[proxy] into bench/.venv-serve"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/serve-requirements.txt"
    echo "$want" >"$stamp"
fi

brock="${BROCK:-$root/target/release/brock}"
[[ -x "$brock" ]] || { say "no $brock: cargo build --release first, or set BROCK"; exit 2; }
# 1,000 streams need 2,000 sockets in the gateway and 1,000 in the client.
ulimit -n "$(ulimit -Hn)" || true
exec "$venv/bin/python" "$here/serve_bench.py" --brock "$brock" "$@"

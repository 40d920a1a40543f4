#!/usr/bin/env bash
# Soak test, not part of CI (minutes, and it wants the machine to itself): 1,000 sequential and
# 200 concurrent `brock chat` runs, then 1,000 sequential again, against one `brock emulator`
# process with random fault scenarios; then 200 concurrent `brock chat --session` writers on 5
# sessions, about 30% of them stopped mid-answer (SIGTERM, SIGHUP, SIGINT, stdout closed).
# Fails if any request or session turn is lost, hangs or ends wrongly, or if the emulator's file
# descriptors or memory grow. See scripts/soak.py for the checks.
#
#   scripts/soak.sh                                   # debug build
#   BROCK=target/release/brock scripts/soak.sh --seed 7 --sequential 5000
#   scripts/soak.sh --sequential 50 --concurrent 20 --session-writers 40 --sessions 3   # brief
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BROCK:-}" ]; then
    cargo build --quiet
    BROCK=target/debug/brock
fi
exec python3 scripts/soak.py --brock "$BROCK" "$@"

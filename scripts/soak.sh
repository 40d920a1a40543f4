#!/usr/bin/env bash
# Soak test, not part of CI (minutes, and it wants the machine to itself): 1,000 sequential and
# 200 concurrent `brock chat` runs, then 1,000 sequential again, against one `brock emulator`
# process with random fault scenarios. Fails if any request is lost, hangs or ends wrongly, or
# if the emulator's file descriptors or memory grow. See scripts/soak.py for the checks.
#
#   scripts/soak.sh                                   # debug build
#   BROCK=target/release/brock scripts/soak.sh --seed 7 --sequential 5000
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${BROCK:-}" ]; then
    cargo build --quiet
    BROCK=target/debug/brock
fi
exec python3 scripts/soak.py --brock "$BROCK" "$@"

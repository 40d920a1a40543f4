#!/usr/bin/env bash
# Peak memory of brock on each input that used to be read without bound (issue 21): every case
# feeds /dev/zero (endless, no newline) where a file or stdin is expected and prints the exit
# code, the first line of stderr and the peak RSS from GNU time. A check for humans, not a test:
# each case should end with exit 2 and a peak near the cap (64 MiB for whole inputs, 4 MiB per
# line for line-by-line ones, 1 MiB for the config), not grow until the machine runs out.
#
#   scripts/bounded-memory.sh [path/to/brock]     (default: target/release/brock, else debug)
#
# Nothing is sent anywhere: every refusal comes before a request, and the endpoints point at a
# closed loopback port in case one did not.
set -euo pipefail

cd "$(dirname "$0")/.."
BROCK=${1:-}
if [[ -z $BROCK ]]; then
    if [[ -x target/release/brock ]]; then BROCK=target/release/brock; else BROCK=target/debug/brock; fi
fi
[[ -x $BROCK ]] || { echo "no brock binary at $BROCK: cargo build first" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/.config XDG_DATA_HOME=$home/.local/share
export AWS_CONFIG_FILE=$home/.aws/config AWS_SHARED_CREDENTIALS_FILE=$home/.aws/credentials
export AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export AWS_ENDPOINT_URL=http://127.0.0.1:9
unset BROCK_MAX_INPUT_MB

printf '%-52s %4s %10s  %s\n' CASE EXIT "PEAK RSS" "FIRST STDERR LINE"
run() {
    local name=$1 stdin=$2
    shift 2
    local rc=0
    /usr/bin/time -f '%M' -o "$home/rss" "$BROCK" "$@" <"$stdin" >/dev/null 2>"$home/err" || rc=$?
    local kb
    kb=$(tail -n 1 "$home/rss")
    local first
    first=$(grep -v '^Command exited' "$home/err" | head -n 1 | cut -c1-90 || true)
    printf '%-52s %4s %7s MiB  %s\n' "$name" "$rc" "$((kb / 1024))" "$first"
}

run "baseline: brock --version" /dev/null --version
run "--config /dev/zero" /dev/null --config /dev/zero models
run "chat --tools /dev/zero" /dev/null chat --tools /dev/zero hi
run "chat --json-schema /dev/zero" /dev/null chat --json-schema /dev/zero hi
run "chat --input-format openai --input-file /dev/zero" /dev/null chat --input-format openai --input-file /dev/zero
run "chat < /dev/zero" /dev/zero chat
run "embed -f /dev/zero" /dev/null embed -f /dev/zero
run "embed < /dev/zero" /dev/zero embed
run "embed --image /dev/zero" /dev/null embed --image /dev/zero hi
run "image --task background-removal -i /dev/zero" /dev/null image --task background-removal -i /dev/zero
run "rerank --query q < /dev/zero" /dev/zero rerank --query q
run "agent retrieve KB12345678 < /dev/zero" /dev/zero agent retrieve KB12345678
run "raw -d @/dev/zero" /dev/null raw -d @/dev/zero /x
run "raw POST /x < /dev/zero" /dev/zero raw POST /x

# A hostile endpoint (needs python3): an event-stream frame declaring 2 GB then endless bytes,
# and an endless 200 body with no declared length.
if command -v python3 >/dev/null; then
    cat >"$home/hostile.py" <<'PY'
import http.server, struct, sys, zlib
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def log_message(self, *a): pass
    def endless(self, ctype, start):
        self.send_response(200); self.send_header("content-type", ctype); self.end_headers()
        try:
            self.wfile.write(start)
            while True: self.wfile.write(b"x" * 65536)
        except OSError: pass
    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        p = struct.pack(">II", 0x7ffffff0, 0)
        self.endless("application/vnd.amazon.eventstream", p + struct.pack(">I", zlib.crc32(p)))
    def do_GET(self):
        self.endless("application/json", b'{"modelSummaries": [')
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
    coproc HOSTILE { exec python3 "$home/hostile.py" 2>/dev/null; }
    read -r port <&"${HOSTILE[0]}"
    export AWS_ENDPOINT_URL=http://127.0.0.1:$port
    run "hostile: 2 GB event-stream frame, endless bytes" /dev/null --max-attempts 1 chat hi
    run "hostile: endless response body" /dev/null --max-attempts 1 models --profiles
    kill "$HOSTILE_PID"
fi

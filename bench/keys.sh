#!/usr/bin/env bash
# What the gateway's key store costs per request: p50 latency of POST /v1/chat/completions
# through `brock --mock serve` (the built-in emulator answers) with
#   static  — a key from --api-key-env (no database on the request path),
#   sqlite  — a virtual key in the default SQLite store (a cached lookup),
#   sqlite+rpm — the same with an rpm limit (requests admitted from slices of the minute
#                reserved in the store, see src/serve/rate.rs),
#   sqlite+tpm — the same with a tpm limit only (slices of at most 16 requests),
#   postgres, postgres+rpm, postgres+tpm — the same on a Postgres server started in a temp dir.
# Usage is recorded in every case (it is always on), off the request path.
# One connection, one request at a time, so p50 is latency, not throughput.
# CPU per request, from /proc (clock ticks, so the last digit is noise): the whole gateway
# process, and the database's share — the gateway's SQLite worker threads (sqlx runs each
# SQLite connection on its own thread), or the Postgres server's processes.
#
# Needs wrk and postgresql (Debian packages) and root or the postgres user for the server.
# Usage: bench/keys.sh [BROCK_BINARY] [SECONDS]   (default target/release/brock, 10 s each)
set -euo pipefail
cd "$(dirname "$0")/.."
BROCK=${1:-target/release/brock}
SECS=${2:-10}
BROCK=$(realpath "$BROCK")
command -v wrk >/dev/null || { echo "bench/keys.sh needs wrk (apt-get install wrk)"; exit 2; }
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
[ -x "$PGBIN/initdb" ] || { echo "bench/keys.sh needs postgresql (apt-get install postgresql)"; exit 2; }

work=$(mktemp -d /tmp/brock-keys-bench.XXXXXX)
chmod 755 "$work"
export HOME=$work XDG_DATA_HOME=$work/data XDG_CONFIG_HOME=$work/config AWS_EC2_METADATA_DISABLED=true
pids=()
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  as_pg "$PGBIN/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg "$PGBIN/initdb" -D "$work/pg" -U postgres --auth=trust >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$work/pg" -w -l "$work/pg/log" \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $work/pg" start >/dev/null
PG=postgres://postgres@127.0.0.1:$port/postgres

cat > "$work/req.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY")
wrk.body = '{"model": "nova-lite", "messages": [{"role": "user", "content": "hi"}]}'
done = function(summary, latency, requests)
  io.write(string.format("P50_MS %.3f\nP99_MS %.3f\nREQS %d\nERRS %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
EOF

tick_us=$((1000000 / $(getconf CLK_TCK)))
# utime + stime of a process (all its threads), in clock ticks.
ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
# The database's CPU: the gateway's SQLite worker threads, or every Postgres process.
db_ticks() { # gateway pid, case name
  if [[ $2 == postgres* ]]; then
    local pm; pm=$(head -1 "$work/pg/postmaster.pid")
    # The server, its backends, and the children that already exited (cutime, cstime).
    { awk '{sub(/.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pm/stat"
      for c in $(ps --ppid "$pm" -o pid= || true); do ticks "$c" 2>/dev/null || true; done
    } | awk '{s += $1} END {print s + 0}'
  else
    for t in /proc/"$1"/task/*; do
      if [[ $(cat "$t/comm") == sqlx-sqlite* ]]; then
        awk '{sub(/.*\) /, ""); print $12 + $13}' "$t/stat"
      fi
    done | awk '{s += $1} END {print s + 0}'
  fi
}

run() { # name, key, serve args...
  local name=$1 key=$2; shift 2
  "$BROCK" --mock serve --listen 127.0.0.1:0 "$@" > "$work/url" 2> "$work/serve.log" &
  local pid=$!; pids+=("$pid")
  for _ in $(seq 600); do [ -s "$work/url" ] && break; sleep 0.1; done
  [ -s "$work/url" ] || { echo "brock serve did not start:"; cat "$work/serve.log"; exit 1; }
  local url; url=$(head -1 "$work/url")
  # Warm up (connections, the key cache), then measure.
  BENCH_KEY=$key wrk -t1 -c1 -d2s -s "$work/req.lua" "$url/v1/chat/completions" >/dev/null
  local cpu0 db0; cpu0=$(ticks "$pid"); db0=$(db_ticks "$pid" "$name")
  local out; out=$(BENCH_KEY=$key wrk -t1 -c1 -d"${SECS}s" -s "$work/req.lua" "$url/v1/chat/completions")
  local cpu1 db1; cpu1=$(ticks "$pid"); db1=$(db_ticks "$pid" "$name")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  local reqs; reqs=$(awk '/^REQS/{print $2}' <<<"$out")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
    "$(awk '/^P50_MS/{print $2}' <<<"$out")" "$(awk '/^P99_MS/{print $2}' <<<"$out")" \
    "$reqs" "$(awk '/^ERRS/{print $2}' <<<"$out")" \
    "$(( (cpu1 - cpu0) * tick_us / reqs ))" "$(( (db1 - db0) * tick_us / reqs ))"
}

key() { "$BROCK" serve keys create "$@" 2>/dev/null; }

export STATIC_KEY=static-bench-key-0123456789
echo "| case | p50 ms | p99 ms | requests | errors | CPU µs/req | of it DB µs/req |"
echo "|---|---|---|---|---|---|---|"
run static "$STATIC_KEY" --api-key-env STATIC_KEY --database "$work/static.db"
k=$(key --name plain --database "$work/s.db"); run sqlite "$k" --database "$work/s.db"
k=$(key --name limited --rpm 100000000 --database "$work/s.db"); run sqlite+rpm "$k" --database "$work/s.db"
k=$(key --name tokens --tpm 100000000000 --database "$work/s.db"); run sqlite+tpm "$k" --database "$work/s.db"
k=$(key --name plain --database "$PG"); run postgres "$k" --database "$PG"
k=$(key --name limited --rpm 100000000 --database "$PG"); run postgres+rpm "$k" --database "$PG"
k=$(key --name tokens --tpm 100000000000 --database "$PG"); run postgres+tpm "$k" --database "$PG"

#!/usr/bin/env bash
# Scale check for `brock batch`: prepare and upload N lines (default 1,000,000) to the emulator's
# S3 with flat memory, then join N results back in input order. Reports wall time, peak RSS and
# throughput for each step. Uses the debug binary unless BROCK=path is given.
#   bench/batch.sh [N]
set -euo pipefail
N=${1:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BROCK=${BROCK:-$ROOT/target/debug/brock}
WORK=$(mktemp -d)
trap 'kill $EMU 2>/dev/null || true; rm -rf "$WORK"' EXIT
export HOME=$WORK AWS_EC2_METADATA_DISABLED=true AWS_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY \
  BROCK_POLL_MS=10
# Bedrock's default quota is 50,000 records per job; a larger N stands for a raised quota.
QUOTA=$(( N > 50000 ? N : 50000 ))
"$BROCK" emulator --listen 127.0.0.1:0 --batch-records-per-job "$QUOTA" >"$WORK/url" 2>/dev/null &
EMU=$!
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.05; done
URL=$(cat "$WORK/url")
export AWS_ENDPOINT_URL_BEDROCK=$URL AWS_ENDPOINT_URL_BEDROCK_RUNTIME=$URL AWS_ENDPOINT_URL_S3=$URL

seq "$N" | sed 's/^/Write one sentence about the number /' >"$WORK/in.txt"
BYTES=$(stat -c %s "$WORK/in.txt")

measure() { # label, command… (stdout of the command goes where the caller sends it)
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$@"
  read -r secs kb <"$WORK/t"
  echo "$label: ${secs}s, peak RSS $((kb / 1024)) MB" >&2
}
measure "prepare + upload $N lines ($((BYTES / 1048576)) MB)" \
  "$BROCK" -q batch submit -m nova-micro --input "$WORK/in.txt" --s3 s3://bench-bucket/b/ \
  --role-arn arn:aws:iam::123456789012:role/Bench --records-per-job "$QUOTA" --name bench >"$WORK/arn"
read -r S _ <"$WORK/t"
echo "  input throughput: $(awk -v b="$BYTES" -v s="$S" 'BEGIN{printf "%.2f", b/1048576/s}') MB/s (check pass + upload pass)" >&2
ARN=$(cat "$WORK/arn")
"$BROCK" -q batch status "$ARN" --wait >/dev/null
measure "join $N results in input order" \
  "$BROCK" -q batch results "$ARN" -o "$WORK/out.jsonl" >/dev/null
LINES=$(wc -l <"$WORK/out.jsonl")
echo "  $LINES result lines; in order: $(awk -F'"' '/chatcmpl-r/{for(i=1;i<=NF;i++) if($i ~ /^chatcmpl-r/){print substr($i,11)+0; break}}' "$WORK/out.jsonl" | awk 'NR>1 && $1!=p+1{bad=1} {p=$1} END{print bad?"no":"yes"}')" >&2

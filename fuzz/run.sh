#!/usr/bin/env bash
# Runs every fuzz target (or those named) for a bounded time each.
#
#   fuzz/run.sh                      # all targets, 60 s each
#   FUZZ_SECONDS=600 fuzz/run.sh event_stream think_tags
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). On a stable toolchain the nightly-only
# sanitizer flags are unlocked with RUSTC_BOOTSTRAP=1 (set below); with a nightly toolchain
# installed, `cargo +nightly fuzz run TARGET` works as usual.
#
# Seeds (committed, fuzz/seeds/TARGET) are copied into fuzz/corpus/TARGET (ignored) first. A
# crash leaves its input in fuzz/artifacts/TARGET/; after fixing the bug, copy that file to
# fuzz/regressions/TARGET/ so `cargo test --test cli reliability` replays it forever.
# See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${FUZZ_SECONDS:-60}"
jobs="${FUZZ_JOBS:-1}"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(event_stream think_tags config_loader openai_input)
fi
export RUSTC_BOOTSTRAP=1
# The address sanitizer slows the 2-core CI boxes down a lot and Rust code here is safe;
# panics and infinite loops (timeouts) are what is being looked for.
sanitizer="${FUZZ_SANITIZER:-none}"
# One build for all targets, then the binaries are run directly: `cargo fuzz run` would
# rebuild whenever the tree changed meanwhile (several people edit it at once).
cargo fuzz build --sanitizer "$sanitizer"
triple="$(rustc -vV | sed -n 's/^host: //p')"
bin_dir="target/$triple/release"
status=0
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    cp -n seeds/"$t"/* "corpus/$t/" 2>/dev/null || true
    echo "== $t: ${seconds}s"
    # -jobs makes libFuzzer fork workers that log to fuzz-N.log; one job runs in-process.
    parallel=()
    if [ "$jobs" -gt 1 ]; then
        parallel=(-jobs="$jobs" -workers="$jobs")
    fi
    if ! "$bin_dir/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        "${parallel[@]}" -print_final_stats=1; then
        echo "!! $t found a problem: see fuzz/artifacts/$t/" >&2
        status=1
    fi
done
exit $status

#!/usr/bin/env bash
# bench/e2e.sh: issue 6's end-to-end benchmark. Builds crossdock and pipeline-bench in release, then prints
# events/s of `crossdock run --once` (folder source → SQLite with fsync → HTTP destination on 127.0.0.1) beside a
# baseline in the same run (the same number of bodies POSTed straight to the same server), and the latency from a
# stable file to delivered with `crossdock run` serving files dropped at a steady rate. Prints figures; exit 0.
#
# Environment (all optional):
#   E2E_EVENTS        events for the throughput run, default 10000
#   E2E_CONCURRENCY   requests in flight per destination, default 8
#   E2E_RATE          events/s the latency run drops, default 1000
#   E2E_LATENCY_EVENTS events of the latency run, default 5000
#   E2E_RUNS          how many times to run the benchmark, default 1
#   E2E_SERVER        the stand-in destination: minimal (pipeline-bench's own responder, default) or recording
#                     (the suite's TestHTTPServer, as figures before 2026-11-27 22:00 UTC)
#   E2E_OTHER_CROSSDOCK another crossdock binary (an older build kept aside) to run the same way, alternating
#                     with this build run by run: the comparison that a busy machine does not spoil
#   SWIFT             the swift driver, default swift
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
$SWIFT build -c release --product crossdock >&2
$SWIFT build -c release --product pipeline-bench >&2
BIN=$($SWIFT build -c release --show-bin-path)
bench() {
    "$BIN/pipeline-bench" --crossdock "$1" --events "${E2E_EVENTS:-10000}" \
        --concurrency "${E2E_CONCURRENCY:-8}" --rate "${E2E_RATE:-1000}" --latency-events "${E2E_LATENCY_EVENTS:-5000}" \
        --server "${E2E_SERVER:-minimal}"
}
for run in $(seq "${E2E_RUNS:-1}"); do
    if [ -n "${E2E_OTHER_CROSSDOCK:-}" ]; then
        echo "== run $run: other build $E2E_OTHER_CROSSDOCK"
        bench "$E2E_OTHER_CROSSDOCK"
        echo "== run $run: this build"
    fi
    bench "$BIN/crossdock"
done

#!/usr/bin/env bash
# bench/crash.sh: the big crash-safety run of issue 6: `crossdock run` on 10,000 transactions (20,000 events),
# killed with SIGKILL at random moments 200 times and restarted, then a last `run --once`; the checks are those of
# the CrashSafetyTests suite (every event delivered, a resent event always under the same key, every ack written
# covers committed data). Takes a while (about 200 × 2 s of kills plus the delivery).
#
# Environment: CRASH_KILLS (default 200), CRASH_FILES (files of 100 sets, default 100).
set -euo pipefail
cd "$(dirname "$0")/.."
CRASH_KILLS=${CRASH_KILLS:-200} CRASH_FILES=${CRASH_FILES:-100} swift test --filter CrashSafetyTests

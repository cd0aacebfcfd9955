#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for SECONDS (default 60),
# starting from the seed corpus in tests/fuzz/corpus. A crash fails the run and leaves the input.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DREPLHUB_FUZZ=ON -DREPLHUB_SANITIZE=ON \
    >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target fuzz_exec
work=build/fuzz/corpus-work
mkdir -p "$work"
ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=0 \
    build/fuzz/tests/fuzz/fuzz_exec -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -artifact_prefix=build/fuzz/ "$work" tests/fuzz/corpus

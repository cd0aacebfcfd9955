#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for an equal share of
# SECONDS (default 60) in all, starting from its seed corpus in tests/fuzz/corpus/<target>. A
# crash fails the run (after the other targets ran) and leaves the input in build/fuzz/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
targets=(exec rawrepl fsops api)
# About a second per target goes to loading its corpus.
share=$(((seconds - ${#targets[@]}) / ${#targets[@]}))
if [ "$share" -lt 1 ]; then
    share=1
fi
CC=clang cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=Debug -DREPLHUB_FUZZ=ON -DREPLHUB_SANITIZE=ON \
    >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}"
failed=()
for t in "${targets[@]}"; do
    work=build/fuzz/corpus-$t
    mkdir -p "$work"
    # The interpreter keeps its objects in a static arena it drops wholesale: no leak checks.
    leaks=1
    if [ "$t" = exec ]; then
        leaks=0
    fi
    echo "fuzz_$t: ${share}s"
    if ! ASAN_OPTIONS=detect_leaks=$leaks:detect_stack_use_after_return=0 \
        "build/fuzz/tests/fuzz/fuzz_$t" -max_total_time="$share" -timeout=10 -rss_limit_mb=2048 \
        -max_len=4096 -print_final_stats=1 -artifact_prefix="build/fuzz/$t-" "$work" \
        "tests/fuzz/corpus/$t"; then
        failed+=("fuzz_$t")
    fi
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]}" >&2
    exit 1
fi

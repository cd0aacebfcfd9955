#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, and runs every test:
#   - formatting check (clang-format 14, the pinned major version);
#   - unit, language, integration and browser tests in an ASan + UBSan build;
#   - language tests again in a 32-bit build (the chip is 32-bit);
#   - a short libFuzzer run of every fuzz target (the interpreter, the daemon's parsers).
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
jobs=$(nproc)
passed=0
failed=0
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT

# Runs ctest with the given arguments, adds its counts to the totals, and fails if it failed.
run_ctest() {
    local status=0
    ctest "$@" | tee "$summary" || status=$?
    local line
    line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$summary" | tail -n 1)
    if [ -n "$line" ]; then
        local total fail
        total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
        fail=$(sed -E 's/.*passed, ([0-9]+) tests? failed.*/\1/' <<<"$line")
        passed=$((passed + total - fail))
        failed=$((failed + fail))
    fi
    return "$status"
}

echo "== format"
git ls-files -- '*.c' '*.h' | xargs -r clang-format-14 --dry-run -Werror

echo "== sanitize build: unit, lang, integration, e2e"
cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DREPLHUB_SANITIZE=ON >/dev/null
cmake --build build/asan -j"$jobs"
export ASAN_OPTIONS=detect_leaks=0:detect_stack_use_after_return=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_ctest --test-dir build/asan -L 'unit|lang|integration|e2e' -j"$jobs" --output-on-failure \
    --timeout 120

echo "== 32-bit build: lang"
cmake -S . -B build/m32 -DCMAKE_BUILD_TYPE=RelWithDebInfo -DREPLHUB_M32=ON >/dev/null
cmake --build build/m32 -j"$jobs" --target replhub-python
run_ctest --test-dir build/m32 -L lang -j"$jobs" --output-on-failure --timeout 120

if [ -x scripts/fuzz.sh ]; then
    echo "== fuzz (short)"
    scripts/fuzz.sh 60
fi

echo "== all suites"
echo "$passed passed, $failed failed"

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, and starts replhub. For now that is the interpreter's prompt
# on the host (replhub-python); pass a FILE.py or -c CODE to run code instead.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j"$(nproc)" --target replhub-python
exec build/release/firmware/ports/host/replhub-python "$@"

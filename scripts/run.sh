#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what is missing, builds, and starts replhubd with a simulated board (replhub-board on
# a pseudo-terminal); it prints the URL to open. Extra arguments go to replhubd (--help lists
# them), e.g. --board serial:/dev/ttyUSB0 for a real board.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j"$(nproc)" --target replhubd replhub-board web
exec build/release/daemon/replhubd \
    --board-binary build/release/firmware/ports/host/replhub-board \
    --web-dir build/release/web "$@"

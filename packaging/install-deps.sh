#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages replhub's build and tests need, only those that are missing.
# Works as root on a fresh Debian 12 (uses sudo otherwise). Safe to run again and again.
set -euo pipefail

packages=(
    build-essential cmake pkg-config python3     # build
    gcc-multilib                                 # 32-bit build of the interpreter (the chip is 32-bit)
    libcmocka-dev                                # C unit tests
    clang libclang-rt-14-dev                     # fuzz targets (libFuzzer)
    clang-format                                 # one C style
    python3-pytest python3-serial                # integration tests
    libmbedtls-dev libmbedtls-dev:i386           # hashlib (sha1, sha256, md5); i386 for the 32-bit build
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

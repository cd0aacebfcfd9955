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
    libwebsockets-dev libserialport-dev libjansson-dev   # replhubd (and libmbedtls-dev above)
    socat python3-websockets                     # daemon integration tests (ptys, WebSocket client)
    chromium                                     # browser tests (node and npm come with the machine)
    unzip                                        # checks the web app's zip writer
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
# 32-bit libraries come from Debian's i386 architecture, which a fresh machine has not enabled.
if [[ " ${missing[*]}" == *":i386"* ]] && ! dpkg --print-foreign-architectures | grep -qx i386; then
    "${sudo[@]}" dpkg --add-architecture i386
fi
# A mirror caught mid-sync fails an update now and then; one retry rides that out.
"${sudo[@]}" apt-get update -qq || { sleep 10; "${sudo[@]}" apt-get update -qq; }
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"

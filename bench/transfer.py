#!/usr/bin/env python3
"""File transfer throughput at the ESP8266's line rate (--baud 115200 --rx-buffer 256), each
figure as a fraction of the wire rate (11,520 bytes/s of 8N1 at 115200) and beside mpremote's
method measured on the same board in the same run.

- replhub: PUT and GET of random binary files (every byte value) through replhubd's REST API: a
  streamed binary upload in acknowledged chunks of the board's raw-paste window, verified with
  SHA-256 on the board and renamed into place; a framed binary download hashed on both sides.
  Only what stock MicroPython offers is used (sys.stdin.buffer, sys.stdout.buffer, hashlib).
- mpremote's method (tools/mpremote fs cp): raw-paste commands over the same pty, writing
  `w(b'...')` with 256-byte chunks as Python bytes literals, reading with repeated
  `print(repr(r(256)))`.

Payload bytes per second of wall time, from request to answer, after a first operation that
defines replhub's helper functions on the board (once per board session; timed apart). Prints figures; never passes or
fails on a time.

usage: bench/transfer.py [--daemon build/release/daemon/replhubd]
                         [--board build/release/firmware/ports/host/replhub-board]
"""

import argparse
import ast
import hashlib
import http.client
import os
import random
import re
import shutil
import subprocess
import tempfile
import time

from board import raw_paste
from daemon_common import Direct, add_paths

WIRE = 115200 // 10  # bytes per second
SIZES = (4 << 10, 64 << 10, 256 << 10)
BANNER = b"raw REPL; CTRL-B to exit\r\n>"


class Daemon:
    def __init__(self, binary, link, state):
        self.proc = subprocess.Popen([binary, "--port", "0", "--no-discover", "--state-dir", state,
                                      "--board", "b=pty:" + link],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode()
        self.port = int(re.search(r":(\d+)/", line).group(1))
        deadline = time.monotonic() + 10
        while self.state() != "repl":
            if time.monotonic() > deadline:
                raise RuntimeError("the board never reached the REPL")
            time.sleep(0.05)

    def request(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        conn.request(method, path, body=body)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        if resp.status != 200:
            raise RuntimeError("%s %s: %d %s" % (method, path, resp.status, data[:200]))
        return data

    def state(self):
        import json
        data = self.request("GET", "/api/v1/boards/b")
        return json.loads(data)["board"]["state"]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(10)
        self.proc.stdout.close()


class RawRepl:
    """mpremote's transport: raw REPL, raw-paste commands, output framing."""

    def __init__(self, path):
        self.d = Direct(path)
        self.d.write(b"\r\x03")
        time.sleep(0.2)
        self.d.buf = b""
        self.d.write(b"\r\x01")
        self.d.read_until(BANNER)

    def exec(self, code):
        out, err = raw_paste(self.d, code)  # mpremote's flow control, as bench/board.py has it
        out, err = out[:-1], err[:-2]
        if err:
            raise RuntimeError(err.decode(errors="replace"))
        return out

    def close(self):
        self.d.write(b"\r\x02")
        self.d.close()


def mpremote_put(rr, path, data):
    rr.exec(("f=open(%r,'wb')\nw=f.write" % path).encode())
    for i in range(0, len(data), 256):
        rr.exec(("w(%r)" % data[i:i + 256]).encode())
    rr.exec(b"f.close()")


def mpremote_get(rr, path):
    rr.exec(("f=open(%r,'rb')\nr=f.read" % path).encode())
    chunks = []
    while True:
        chunk = ast.literal_eval(rr.exec(b"print(repr(r(256)))").decode().strip())
        if not chunk:
            break
        chunks.append(chunk)
    rr.exec(b"f.close()")
    return b"".join(chunks)


def timed(fn, *args):
    t = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_paths(parser)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="replhub-bench-")
    link = os.path.join(tmp, "board.pty")
    board = subprocess.Popen([args.board, "--uart", "pty", "--link", link, "--baud", "115200",
                              "--rx-buffer", "256", "--flash", os.path.join(tmp, "flash.img"),
                              "--flash-size", "2M"], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    board.stdout.readline()
    files = {n: bytes(range(256)) + random.Random(n).randbytes(n - 256) for n in SIZES}
    ours = {}
    try:
        d = Daemon(args.daemon, link, os.path.join(tmp, "state"))
        # The first operation of a board session also teaches the board replhub's helper
        # functions (about 2.5 KiB of program text): timed apart, then the transfers.
        first, _ = timed(d.request, "GET", "/api/v1/boards/b/fs/")
        again, _ = timed(d.request, "GET", "/api/v1/boards/b/fs/")
        for n, data in files.items():
            url = "/api/v1/boards/b/fs/r%d.bin" % n
            up, _ = timed(d.request, "PUT", url, data)
            down, back = timed(d.request, "GET", url)
            assert back == data, "replhub round trip differs at %d bytes" % n
            ours[n] = (up, down)
        d.stop()
        theirs = {}
        rr = RawRepl(link)
        for n, data in files.items():
            path = "/m%d.bin" % n
            up, _ = timed(mpremote_put, rr, path, data)
            down, back = timed(mpremote_get, rr, path)
            assert back == data, "mpremote-method round trip differs at %d bytes" % n
            assert hashlib.sha256(back).digest() == hashlib.sha256(data).digest()
            theirs[n] = (up, down)
        rr.close()
    finally:
        board.terminate()
        board.wait(5)
        shutil.rmtree(tmp, ignore_errors=True)

    print("wire rate at 115200 8N1: %d bytes/s; board RX buffer 256 bytes" % WIRE)
    print("listing of / : first of the session %.0f ms (defines the helpers), then %.0f ms"
          % (first * 1000, again * 1000))
    print("%-10s %-9s %12s %9s %14s %9s %8s" % ("size", "direction", "replhub B/s", "of wire",
                                                 "mpremote B/s", "of wire", "ratio"))
    for n in SIZES:
        for k, name in ((0, "upload"), (1, "download")):
            a, b = n / ours[n][k], n / theirs[n][k]
            print("%-10s %-9s %12.0f %8.1f%% %14.0f %8.1f%% %7.2fx"
                  % ("%d KiB" % (n >> 10), name, a, 100 * a / WIRE, b, 100 * b / WIRE, a / b))


if __name__ == "__main__":
    main()

# SPDX-License-Identifier: MIT
"""A small blocking WebSocket client over a raw socket, for tests that need what a polite
library hides: a viewer that never reads (tiny receive buffer), malformed and unmasked frames,
oversized messages, and exact close codes."""

import base64
import json
import os
import socket
import struct
import time

OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0, 1, 2, 8, 9, 10


class Closed(Exception):
    def __init__(self, code, reason):
        super().__init__("closed %s %r" % (code, reason))
        self.code = code
        self.reason = reason


def handshake_request(path, host, origin=None, extra=""):
    key = base64.b64encode(os.urandom(16)).decode()
    req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n" % (path, host, key))
    if origin is not None:
        req += "Origin: %s\r\n" % origin
    return (req + extra + "\r\n").encode()


def frame(opcode, payload, fin=True, mask=True):
    head = bytes([(0x80 if fin else 0) | opcode])
    n = len(payload)
    mbit = 0x80 if mask else 0
    if n < 126:
        head += bytes([mbit | n])
    elif n < 65536:
        head += bytes([mbit | 126]) + struct.pack("!H", n)
    else:
        head += bytes([mbit | 127]) + struct.pack("!Q", n)
    if not mask:
        return head + payload
    key = os.urandom(4)
    masked = bytes(b ^ key[i % 4] for i, b in enumerate(payload)) if n < 4096 else \
        _mask_fast(payload, key)
    return head + key + masked


def _mask_fast(payload, key):
    k = int.from_bytes(key * ((len(payload) + 3) // 4), "little")
    p = int.from_bytes(payload + b"\0" * (-len(payload) % 4), "little")
    return (p ^ k).to_bytes(len(payload) + (-len(payload) % 4), "little")[:len(payload)]


class WS:
    def __init__(self, port, path, origin=None, host=None, rcvbuf=None, timeout=10):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(timeout)
        self.sock.connect(("127.0.0.1", port))
        self.buf = b""
        self.term = b""
        self.sock.sendall(handshake_request(path, host or "127.0.0.1:%d" % port, origin))
        head = self._read_until(b"\r\n\r\n")
        self.status = int(head.split(b" ", 2)[1])
        self.close_code = None

    def _read_until(self, sep):
        while sep not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise ConnectionError("closed during handshake: %r" % self.buf)
            self.buf += data
        i = self.buf.index(sep) + len(sep)
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def _need(self, n):
        while len(self.buf) < n:
            data = self.sock.recv(1 << 20)
            if not data:
                raise Closed(None, "eof")
            self.buf += data
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def has_frame(self):
        """Whether a whole frame is already buffered (select() would not report it)."""
        b = self.buf
        if len(b) < 2:
            return False
        n, head = b[1] & 0x7F, 2
        if n == 126:
            if len(b) < 4:
                return False
            n, head = struct.unpack("!H", b[2:4])[0], 4
        elif n == 127:
            if len(b) < 10:
                return False
            n, head = struct.unpack("!Q", b[2:10])[0], 10
        return len(b) >= head + n

    def recv_frame(self):
        b0, b1 = self._need(2)
        n = b1 & 0x7F
        if n == 126:
            n = struct.unpack("!H", self._need(2))[0]
        elif n == 127:
            n = struct.unpack("!Q", self._need(8))[0]
        return b0 & 0x0F, bool(b0 & 0x80), self._need(n)

    def recv(self):
        """Returns (opcode, payload) of the next data message; answers pings; raises Closed."""
        parts, op = [], None
        while True:
            opcode, fin, payload = self.recv_frame()
            if opcode == OP_PING:
                self.send(OP_PONG, payload)
                continue
            if opcode == OP_PONG:
                continue
            if opcode == OP_CLOSE:
                code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
                self.close_code = code
                raise Closed(code, payload[2:].decode(errors="replace"))
            if opcode != OP_CONT:
                op = opcode
            parts.append(payload)
            if fin:
                return op, b"".join(parts)

    def recv_json(self):
        while True:
            op, payload = self.recv()
            if op == OP_TEXT:
                return json.loads(payload)

    def read_bytes_until(self, ending, timeout=10, events=None):
        """Terminal bytes up to and including [ending] (later bytes wait for the next call);
        text events met on the way go to [events]."""
        deadline = time.monotonic() + timeout
        while ending not in self.term:
            if time.monotonic() > deadline:
                raise TimeoutError("waiting for %r; got %r" % (ending, self.term[-300:]))
            op, payload = self.recv()
            if op == OP_BINARY:
                self.term += payload
            elif events is not None:
                events.append(json.loads(payload))
        i = self.term.index(ending) + len(ending)
        out, self.term = self.term[:i], self.term[i:]
        return out

    def send(self, opcode, payload, fin=True, mask=True):
        self.sock.sendall(frame(opcode, payload, fin, mask))

    def send_bytes(self, data):
        self.send(OP_BINARY, data)

    def send_json(self, obj):
        self.send(OP_TEXT, json.dumps(obj).encode())

    def close(self):
        try:
            self.send(OP_CLOSE, struct.pack("!H", 1000))
        except OSError:
            pass
        self.sock.close()

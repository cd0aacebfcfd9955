# SPDX-License-Identifier: MIT
"""What must not get through: WebSocket upgrades from other origins or rebinding host names,
malformed frames, oversized messages, too many viewers; each is refused or closed cleanly and
replhubd keeps serving."""

import asyncio
import re
import socket
import struct

import pytest
import websockets

from wsclient import OP_BINARY, OP_TEXT, WS, Closed, frame


def still_serving(d, board="b"):
    status, body, _ = d.get("/api/v1/boards")
    assert status == 200
    ws = d.term(board)
    ws.send_json({"type": "ping"})
    assert ws.recv_json() == {"type": "pong"}
    ws.close()


def expect_close(ws):
    with pytest.raises(Closed) as e:
        while True:
            ws.recv()
    return e.value


def test_cross_origin_upgrade_is_refused(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link)
    url = d.url("/api/v1/boards/b/term")

    async def connect(origin):
        async with websockets.connect(url, origin=origin) as ws:
            return await ws.recv()

    with pytest.raises(websockets.InvalidStatusCode) as e:
        asyncio.run(connect("http://evil.example"))
    assert e.value.status_code == 403
    with pytest.raises(websockets.InvalidStatusCode):
        asyncio.run(connect("http://127.0.0.1:1"))  # same host, other port: another origin
    assert "hello" in asyncio.run(connect("http://127.0.0.1:%d" % d.port))
    # DNS rebinding: Origin and Host agree, but the name is not loopback.
    ws = WS(d.port, "/api/v1/boards/b/term", origin="http://evil.example:%d" % d.port,
            host="evil.example:%d" % d.port)
    assert ws.status == 403
    status, body, _ = d.get("/api/v1/boards", host="evil.example")
    assert status == 403 and body["error"]["code"] == "forbidden_origin"
    still_serving(d)


def test_malformed_frames_are_closed_cleanly(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link)
    # Not HTTP at all: refused and closed.
    s = socket.create_connection(("127.0.0.1", d.port), timeout=10)
    s.sendall(b"\x16\x03\x01garbage\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
    s.close()
    assert data == b"" or re.match(rb"HTTP/1.[01] 4", data)
    # Protocol errors close with 1002, text that is not UTF-8 with 1007. (lws 4.1 does not
    # insist that client frames be masked, so an unmasked frame is not one of them.)
    cases = [
        (lambda ws: ws.send(OP_TEXT, b"\xff\xfe"), 1007),
        (lambda ws: ws.send(3, b"x"), 1002),  # reserved opcode
        (lambda ws: ws.sock.sendall(bytes([0xC2, 0x81, 0, 0, 0, 0, 0x41])), 1002),  # RSV bits
        (lambda ws: ws.send(9, b"x", fin=False), 1002),  # fragmented control frame
        (lambda ws: ws.send(0, b"x"), 1002),  # continuation of nothing
    ]
    for send, code in cases:
        ws = d.term("b")
        send(ws)
        assert expect_close(ws).code == code
    # JSON that is not a control: an error event, and the session stays.
    ws = d.term("b")
    ws.send(OP_TEXT, b"{not json")
    ev = ws.recv_json()
    assert ev["type"] == "error" and ev["code"] == "bad_message"
    ws.send_json({"type": "reboot"})
    assert ws.recv_json()["code"] == "bad_message"
    ws.send_json({"type": "ping"})
    assert ws.recv_json() == {"type": "pong"}
    ws.close()
    still_serving(d)


def test_oversized_messages_are_closed_with_1009(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link, "--max-message", "1024")
    ws = d.term("b")
    ws.send_bytes(b"x" * 2000)
    e = expect_close(ws)
    assert (e.code, e.reason) == (1009, "message_too_large")
    # Fragments count towards the message: three 500-byte pieces of one message are too many.
    ws = d.term("b")
    ws.send(OP_TEXT, b" " * 500, fin=False)
    ws.send(0, b" " * 500, fin=False)
    ws.send(0, b" " * 500, fin=True)
    assert expect_close(ws).code == 1009
    # A message just under the limit is fine, and reaches the board.
    ws = d.term("b")
    ws.send_bytes(b"y" * 1000)
    assert pty_board.read_until(b"y" * 1000)
    ws.close()
    still_serving(d)


def test_unknown_paths_boards_and_limits(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link, "--max-viewers", "2")
    ws = d.ws("/api/v1/boards/nope/term")
    ev = ws.recv_json()
    assert ev["type"] == "error" and ev["code"] == "board_not_found"
    assert (expect_close(ws).code, ws.close_code) == (4404, 4404)
    ws = d.ws("/somewhere")
    assert ws.recv_json()["code"] == "not_found"
    a, b = d.term("b"), d.term("b")
    c = d.ws("/api/v1/boards/b/term")
    assert c.recv_json()["code"] == "too_many_viewers"
    assert expect_close(c).code == 4503
    a.close()
    b.close()
    status, body, _ = d.get("/api/v1/boards/nope")
    assert status == 404 and body == {"error": {"code": "board_not_found", "message": "nope"}}
    status, body, _ = d.get("/api/v1/nothing")
    assert status == 404 and body["error"]["code"] == "not_found"
    still_serving(d)


def test_connection_limit(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link, "--max-connections", "2")
    a, b = d.term("b"), d.term("b")
    c = d.ws("/api/v1/boards/b/term")
    assert c.recv_json()["code"] == "too_many_connections"
    assert expect_close(c).code == 4503
    a.close()
    b.close()

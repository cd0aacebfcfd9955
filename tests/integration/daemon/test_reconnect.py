# SPDX-License-Identifier: MIT
"""The board goes away (its pty is closed) and comes back: viewers stay connected, see the state
events, and the terminal works again; the same with the real simulated board restarted."""

from wsclient import OP_BINARY, OP_TEXT
import json


def next_state(ws, want, timeout_frames=1000):
    for _ in range(timeout_frames):
        op, payload = ws.recv()
        if op == OP_TEXT:
            ev = json.loads(payload)
            if ev["type"] == "state" and ev["state"] == want:
                return ev
    raise AssertionError("no %s event" % want)


def test_pty_closed_then_recreated(daemon, pty_board):
    d = daemon("--board", "b=pty:" + pty_board.link)
    d.wait_state("b", "repl")
    ws = d.term("b")
    pty_board.write(b"before\r\n")
    assert ws.read_bytes_until(b"before\r\n")

    pty_board.vanish()
    ev = next_state(ws, "disconnected")
    assert ev == {"type": "state", "board": "b", "state": "disconnected", "reason": "link closed"}
    ws.send_bytes(b"lost?")
    err = ws.recv_json()
    assert err["type"] == "error" and err["code"] == "board_disconnected"

    pty_board.open()  # a new pty behind the same path
    next_state(ws, "connecting")
    pty_board.write(b"after\r\n>>> ")
    assert b"after\r\n>>> " in ws.read_bytes_until(b">>> ")
    ws.send_bytes(b"typed\r")
    assert pty_board.read_until(b"typed\r")
    d.wait_state("b", "repl")
    ws.close()


def test_simulated_board_restarted(daemon, sim_board):
    board = sim_board()
    d = daemon("--board", "esp=pty:" + board.link)
    d.wait_state("esp", "repl")
    ws = d.term("esp")
    board.stop()
    next_state(ws, "disconnected")
    board = sim_board()  # same --link path, a new pty
    next_state(ws, "connecting")
    ws.send_bytes(b"\x03")
    ws.read_bytes_until(b">>> ")
    ws.send_bytes(b"print('back')\r")
    assert b"back\r\n>>> " in ws.read_bytes_until(b"back\r\n>>> ")
    ws.close()

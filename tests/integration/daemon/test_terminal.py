# SPDX-License-Identifier: MIT
"""A board's REPL through replhubd: hello world over the WebSocket (python3-websockets), the
controls (interrupt, soft reset, hard reset), the embedded default board, and the REST list."""

import asyncio
import json

import websockets

PROMPT = b">>> "


async def ws_exchange(url, send, until, timeout=10):
    """Connects like a browser would, sends [send] as a binary frame once the hello event came,
    and returns (events, terminal bytes) once [until] has arrived."""
    events, out = [], b""
    async with websockets.connect(url, origin=url.replace("ws://", "http://").split("/api")[0]) as ws:
        async def run():
            nonlocal out
            sent = False
            async for msg in ws:
                if isinstance(msg, str):
                    events.append(json.loads(msg))
                    if not sent and events[-1]["type"] == "hello":
                        await ws.send(send)
                        sent = True
                else:
                    out += msg
                    if until in out:
                        return
        await asyncio.wait_for(run(), timeout)
    return events, out


def test_hello_world_through_the_websocket(daemon, sim_board):
    board = sim_board()
    d = daemon("--board", "esp=pty:" + board.link)
    d.wait_state("esp", "repl")
    url = d.url("/api/v1/boards/esp/term")
    events, out = asyncio.run(ws_exchange(url, b'print("Hello World")\r', b"Hello World\r\n>>> "))
    assert events[0]["type"] == "hello"
    assert events[0]["board"]["id"] == "esp"
    assert events[0]["board"]["state"] == "repl"
    assert b'print("Hello World")\r\nHello World\r\n>>> ' in out


def test_boards_are_listed_over_rest(daemon, pty_board):
    d = daemon("--board", "a=pty:" + pty_board.link, "--board", "b=pty:/nonexistent/x")
    d.wait_state("a", "repl")
    status, body, resp = d.get("/api/v1/boards")
    assert status == 200
    assert resp.getheader("content-type") == "application/json"
    assert "default-src 'self'" in resp.getheader("content-security-policy")
    byid = {b["id"]: b for b in body["boards"]}
    assert byid["a"]["link"] == "pty" and byid["a"]["state"] == "repl"
    assert byid["b"]["state"] == "disconnected"
    status, body, _ = d.get("/api/v1/boards/b")
    assert status == 200 and body["board"]["path"] == "/nonexistent/x"


def test_interrupt_stops_a_running_loop(daemon, sim_board):
    board = sim_board()
    d = daemon("--board", "esp=pty:" + board.link)
    d.wait_state("esp", "repl")
    ws = d.term("esp")
    ws.send_bytes(b"while True: pass\r\r")
    ws.read_bytes_until(b"while True: pass\r\n... \r\n")  # the blank line ran it
    ws.send_json({"type": "interrupt"})
    out = ws.read_bytes_until(b"KeyboardInterrupt: \r\n>>> ")
    assert b"Traceback (most recent call last):" in out
    ws.close()


def test_soft_reset_reaches_an_empty_prompt_first(daemon, sim_board):
    board = sim_board()
    d = daemon("--board", "esp=pty:" + board.link)
    d.wait_state("esp", "repl")
    ws = d.term("esp")
    ws.send_bytes(b"x = 1 + ")  # half a line: a bare Ctrl-D would be ignored
    ws.read_bytes_until(b"x = 1 + ")
    events = []
    ws.send_json({"type": "soft_reset"})
    out = ws.read_bytes_until(b"soft reboot\r\n", events=events)
    out += ws.read_bytes_until(PROMPT)
    assert {"type": "reset", "board": "esp", "kind": "soft", "method": "ctrl-d"} in events
    assert b"MicroPython" in out
    ws.close()


def test_hard_reset_on_a_pty_uses_machine_reset(daemon, sim_board):
    board = sim_board()
    d = daemon("--board", "esp=pty:" + board.link)
    d.wait_state("esp", "repl")
    ws = d.term("esp")
    ws.send_bytes(b"while True: pass\r\r")
    ws.read_bytes_until(b"while True: pass\r\n... \r\n")  # the blank line ran it
    events = []
    ws.send_json({"type": "hard_reset"})
    out = ws.read_bytes_until(b"machine.reset()\r\n", events=events)
    out += ws.read_bytes_until(b"MicroPython", events=events)
    out += ws.read_bytes_until(PROMPT)
    assert any(e.get("method") == "machine.reset()" for e in events), events
    assert b"soft reboot" not in out  # a hard boot prints only the banner
    ws.close()


def test_bootloader_entry_needs_modem_lines(daemon, sim_board):
    board = sim_board()
    d = daemon("--board", "esp=pty:" + board.link)
    d.wait_state("esp", "repl")
    ws = d.term("esp")
    ws.send_json({"type": "bootloader"})
    event = ws.recv_json()
    assert event["type"] == "error" and event["code"] == "not_supported", event
    assert "DTR/RTS" in event["message"]
    # The board was left alone: it still answers at its prompt.
    ws.send_bytes(b"print(40 + 2)\r")
    assert b"42\r\n>>> " in ws.read_bytes_until(b"42\r\n>>> ")
    ws.close()


def test_embedded_default_starts_a_simulated_board(daemon, sim_board, tmp_path):
    sim_board  # only to skip when replhub-board is not built
    from conftest import BOARD
    d = daemon("--board-binary", BOARD)
    status, body, _ = d.get("/api/v1/boards")
    assert [b["id"] for b in body["boards"]] == ["sim"]
    assert body["boards"][0]["embedded"] is True
    d.wait_state("sim", "repl")
    ws = d.term("sim")
    ws.send_bytes(b"print(6 * 7)\r")
    assert b"42\r\n>>> " in ws.read_bytes_until(b"42\r\n>>> ")
    ws.close()


def test_without_a_board_binary_it_says_no_board_is_configured(daemon, tmp_path):
    d = daemon("--board-binary", str(tmp_path / "missing"))
    status, body, _ = d.get("/api/v1/boards")
    assert status == 200 and body["boards"] == []
    assert "no board configured" in d.log()

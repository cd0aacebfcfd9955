# SPDX-License-Identifier: MIT
"""The UART at a real baud rate with the ESP8266's 256-byte RX buffer: a host that ignores flow
control loses bytes, as on the chip; raw-paste's flow control loses none."""

import time

# A larger heap than the chip's: compiling 120 statements at once needs more than the default
# heap holds today, and this test is about the wire, not the heap.
SLOW = ("--baud", "115200", "--rx-buffer", "256", "--heap", "1048576")


def code_4k():
    """4 KiB of statements that print: echo and output outgrow the input at the same baud."""
    lines = ["x = 0"] + ["x = x + 1; print(x, 'abcdefghij')" for _ in range(120)]
    code = "\n".join(lines) + "\n"
    assert len(code) >= 4000
    return code


def expected_output():
    return b"".join(b"%d abcdefghij\r\n" % i for i in range(1, 121))


def dropped(board):
    out, err = board.exec_raw_paste("import _board; print(_board.uart_dropped())")
    assert err == b""
    return int(out)


def test_unpaced_write_to_friendly_repl_loses_bytes(board_factory):
    b = board_factory(*SLOW)
    b.sync()
    b.write(code_4k().replace("\n", "\r").encode())  # all at once, as a careless host would
    b.read_for(2.0)  # let the board work through what it kept
    b.write(b"\x03\r")
    b.read_for(0.5)
    b.enter_raw_repl(soft_reset=False)
    assert dropped(b) > 0
    out, _ = b.exec_raw_paste("print(globals().get('x'))")
    assert out != b"120\r\n"


def test_raw_paste_of_the_same_code_loses_nothing(board_factory):
    b = board_factory(*SLOW)
    b.sync()
    b.enter_raw_repl()
    before = dropped(b)
    assert b.exec_raw_paste(code_4k()) == (expected_output(), b"")
    assert dropped(b) == before == 0


def test_output_is_paced_at_the_line_rate(board_factory):
    b = board_factory(*SLOW)
    b.sync()
    b.enter_raw_repl()
    b.read_until(b">")
    b.write(b"print('y' * 4000)\x04")
    b.read_until(b"OK")
    start = time.monotonic()
    out, _ = b.follow()
    elapsed = time.monotonic() - start
    assert out == b"y" * 4000 + b"\r\n"
    # 4000 bytes at 11520 bytes/s take at least 0.35 s (less the 128-byte TX FIFO)
    assert elapsed > 0.25


def test_input_is_paced_at_the_line_rate(board_factory):
    b = board_factory(*SLOW)
    b.sync()
    b.enter_raw_repl()
    b.read_until(b">")
    b.write(b"import sys, time\nt = time.ticks_ms(); d = sys.stdin.read(1000)\n"
            b"print(time.ticks_diff(time.ticks_ms(), t) >= 60)\x04")
    b.read_until(b"OK")
    for _ in range(10):  # 100-byte bursts: never more than the RX buffer holds
        b.write(b"z" * 100)
        time.sleep(0.01)
    assert b.follow() == (b"True\r\n", b"")


def test_unpaced_raw_paste_full_window_burst_keeps_the_end_marker(board_factory):
    # mpremote may send two windows (256 bytes) at once and then its 0x04 straight after. With
    # no baud rate there is no wire time for the board to drain the ring in: an unpaced UART
    # must hold bytes back while the interpreter is reading, not drop the end marker.
    b = board_factory("--baud", "0", "--rx-buffer", "256")
    b.sync()
    b.enter_raw_repl()
    for i in range(150):
        code = ("print(%d)  # " % i).ljust(255, "p") + "\n"
        assert len(code) == 256  # exactly the two windows the device granted
        b.read_until(b">")
        b.write(b"\x05A\x01")
        assert b.read_exact(5) == b"R\x01\x80\x00\x01"
        b.write(code.encode() + b"\x04")
        # the device grants more windows as it reads; the end marker must be seen
        assert b.read_until(b"\x04", timeout=5).endswith(b"\x04"), "round %d" % i
        assert b.follow() == (b"%d\r\n" % i, b""), "round %d" % i


def test_unpaced_flood_does_not_hold_back_ctrl_c(board_factory):
    # Code that never reads: the ring fills, the UART stops waiting for room and drops, so the
    # interrupt character behind a flood still arrives promptly.
    b = board_factory("--baud", "0", "--rx-buffer", "256")
    b.sync()
    b.write(b"while True: pass\r\r")  # a compound statement: the empty line runs it
    b.read_for(0.3)
    b.write(b"z" * 2000 + b"\x03")
    out = b.read_until(b"KeyboardInterrupt: \r\n", timeout=3)
    assert b"Traceback (most recent call last):" in out
    b.write(b"\x03\r")
    b.wait_prompt()

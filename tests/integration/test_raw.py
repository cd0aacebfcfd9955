# SPDX-License-Identifier: MIT
"""The raw REPL and raw-paste mode byte for byte (PROTOCOLS.md §2), and mpremote's sequences for
connect, exec, eval, run and soft-reset (§3.2–§3.4)."""

import time

from conftest import PROMPT, RAW_BANNER


def test_enter_and_leave(board):
    board.write(b"\r\x01")
    assert board.read_until(RAW_BANNER + b">") == b"\r\n>>> \r\n" + RAW_BANNER + b">"
    board.write(b"\x01")  # resets the raw REPL
    assert board.read_until(b">") == RAW_BANNER + b">"
    board.write(b"\r\x02")
    out = board.read_until(PROMPT)
    assert out.startswith(b"\r\nMicroPython ")


def test_mpremote_enter_raw_repl_with_soft_reset(board):
    board.type_line("x = 1")
    board.write(b"\r\x03")
    board.drain()
    board.write(b"\r\x01")
    board.read_until(RAW_BANNER + b">")
    board.write(b"\x04")
    assert board.read_until(b"soft reboot\r\n") == b"OK\r\nMPY: soft reboot\r\n"
    assert board.read_until(RAW_BANNER) == RAW_BANNER
    out, err = board.exec_raw_paste("print('x' in globals())")
    assert (out, err) == (b"False\r\n", b"")


def test_classic_exec(raw_board):
    assert raw_board.exec_raw_classic("print(123)") == (b"123\r\n", b"")


def test_classic_framing_bytes(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"print('a')\x04")
    assert raw_board.read_until(b">") == b"OKa\r\n\x04\x04>"


def test_classic_error(raw_board):
    out, err = raw_board.exec_raw_classic("1/0")
    assert out == b""
    assert err == (b"Traceback (most recent call last):\r\n"
                   b'  File "<stdin>", line 1, in <module>\r\n'
                   b"ZeroDivisionError: divide by zero\r\n")


def test_classic_syntax_error(raw_board):
    out, err = raw_board.exec_raw_classic("1 +")
    assert out == b""
    assert err.startswith(b"Traceback (most recent call last):\r\n  File \"<stdin>\", line 1")
    assert b"SyntaxError: " in err


def test_classic_256_byte_slices(board_factory):
    # Unpaced, each 256-byte slice lands at once: the board has 10 ms to take it in before the
    # next one. A 1 KiB RX buffer keeps a busy test machine from making that a race.
    b = board_factory("--rx-buffer", "1024")
    b.sync()
    b.enter_raw_repl()
    code = "".join("v = %d  # %s\n" % (i, "c" * 60) for i in range(40))
    code += "print(v)\n"
    assert len(code) > 2000
    assert b.exec_raw_classic(code) == (b"39\r\n", b"")


def test_classic_ctrl_c_clears_buffer(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"print('lost')\x03print('kept')\x04")
    assert raw_board.read_until(b">") == b"OKkept\r\n\x04\x04>"


def test_classic_command_too_long(board_factory):
    b = board_factory("--rx-buffer", "4096")
    b.sync()
    b.enter_raw_repl()
    out, err = b.exec_raw_classic("#" * 40000)
    assert out == b""
    assert err.startswith(b"MemoryError: raw REPL command too long")
    assert b.exec_raw_classic("print(1)") == (b"1\r\n", b"")


def test_raw_paste_transcript(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x05A\x01")
    assert raw_board.read_exact(5) == b"R\x01\x80\x00\x01"  # window 128 = half of 256
    raw_board.write(b"print(123)\x04")
    assert raw_board.read_until(b">") == b"\x04123\r\n\x04\x04>"


def test_raw_paste_window_follows_rx_buffer(board_factory):
    b = board_factory("--rx-buffer", "1024")
    b.sync()
    b.enter_raw_repl()
    b.read_until(b">")
    b.write(b"\x05A\x01")
    assert b.read_exact(5) == b"R\x01\x00\x02\x01"


def test_raw_paste_flow_control(raw_board):
    # 20 KiB of code: only works if the host honours the window and the device grants more
    # (long comments: the bytes cross the wire, the heap need not hold much for them)
    lines = ["x = %d  # %s" % (i, "p" * 200) for i in range(100)]
    code = "\n".join(lines) + "\nprint(x)\n"
    assert len(code) > 20000
    assert raw_board.exec_raw_paste(code) == (b"99\r\n", b"")
    assert raw_board.read_exact(1) == b">"


def test_raw_paste_unsupported_subcommand(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x05B\x01")
    assert raw_board.read_exact(2) == b"R\x00"  # then ">", as after any command
    assert raw_board.exec_raw_classic("print(7)") == (b"7\r\n", b"")


def test_raw_paste_syntax_error_mid_stream(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x05A\x01")
    raw_board.read_exact(5)
    raw_board.write(b"x = )\nprint(1)\n")
    # the device gives up before the end of the data: 0x04 asks the host to stop
    assert raw_board.read_exact(1) == b"\x04"
    raw_board.write(b"more code\x04")
    assert raw_board.read_until(b"\r\n\x04") == (b"\x04Traceback (most recent call last):\r\n"
                                               b'  File "<stdin>", line 1\r\n'
                                               b"SyntaxError: invalid syntax\r\n\x04")
    assert raw_board.exec_raw_classic("print(2)") == (b"2\r\n", b"")


def test_raw_paste_syntax_error_at_end(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x05A\x01")
    raw_board.read_exact(5)
    raw_board.write(b"x = (\x04")
    out = raw_board.read_until(b"\x04>")
    assert out.startswith(b"\x04\x04Traceback") and out.endswith(b"\r\n\x04>")


def test_raw_paste_ctrl_c_during_data(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x05A\x01")
    raw_board.read_exact(5)
    raw_board.write(b"print(1)\n\x03")
    assert raw_board.read_exact(1) == b"\x04"
    out, err = raw_board.follow()
    assert out == b"" and err.endswith(b"KeyboardInterrupt: \r\n")


def test_soft_reset_from_raw(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x04")
    assert raw_board.read_until(b">") == b"OK\r\nMPY: soft reboot\r\n" + RAW_BANNER + b">"


def test_system_exit_soft_resets(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x05A\x01")
    raw_board.read_exact(5)
    raw_board.write(b"import sys\nprint('bye')\nsys.exit()\x04")
    assert raw_board.read_until(b">") == (b"\x04bye\r\n\x04\x04MPY: soft reboot\r\n"
                                          + RAW_BANNER + b">")


def test_machine_soft_reset_classic(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"import machine\nmachine.soft_reset()\x04")
    assert raw_board.read_until(b">") == b"OK\x04\x04MPY: soft reboot\r\n" + RAW_BANNER + b">"


def test_mpremote_exec_eval_run(raw_board):
    # exec "<code>", eval "<expr>" (sent as print(<expr>)), run file.py (bytes verbatim)
    assert raw_board.exec_raw_paste("x = [1, 'a', b'\\x00']") == (b"", b"")
    assert raw_board.exec_raw_paste("print(repr(x))") == (b"[1, 'a', b'\\x00']\r\n", b"")
    script = b"def f(n):\n    return n * 2\n\nprint(f(21))\n"
    assert raw_board.exec_raw_paste(script) == (b"42\r\n", b"")
    raw_board.exit_raw_repl()
    out = raw_board.read_until(PROMPT)
    assert out.startswith(b">\r\nMicroPython ")


def test_mpremote_soft_reset_command(raw_board):
    # `mpremote soft-reset`: enter_raw_repl(soft_reset=True) again, then leave raw mode
    raw_board.enter_raw_repl(soft_reset=True)
    raw_board.exit_raw_repl()
    assert raw_board.read_until(PROMPT).startswith(b">\r\nMicroPython ")


def test_program_reads_stdin_in_raw_mode(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"print(input() + '!')\x04")
    raw_board.read_until(b"OK")
    time.sleep(0.1)
    raw_board.write(b"hi\r")
    assert raw_board.follow() == (b"hi\r\nhi!\r\n", b"")  # input() echoes in any mode

# SPDX-License-Identifier: MIT
"""Ctrl-C into running code (PROTOCOLS.md §1.8): busy loops, sleeps, blocking reads, in the
friendly and the raw REPL; the board stays usable. Hard and soft resets."""

import time

from conftest import PROMPT, RAW_BANNER

KI_TRACEBACK = (b"Traceback (most recent call last):\r\n"
                b'  File "<stdin>", line 1, in <module>\r\n'
                b"KeyboardInterrupt: \r\n")


def interrupt(board, code):
    board.write(code.encode() + b"\r")
    board.read_until(code.encode() + b"\r\n")
    if code.startswith("while"):  # a compound statement ends with an empty line
        board.write(b"\r")
        board.read_until(b"... \r\n")
    time.sleep(0.3)
    assert board.read_for(0.05) == b""  # still running
    board.write(b"\x03")
    out = board.read_until(PROMPT, timeout=5)
    assert board.type_line("1+1") == b"1+1\r\n2\r\n>>> "
    return out


def test_busy_loop(board):
    assert interrupt(board, "while True: pass") == KI_TRACEBACK + PROMPT


def test_sleep(board):
    start = time.monotonic()
    assert interrupt(board, "import time; time.sleep(100)") == KI_TRACEBACK + PROMPT
    assert time.monotonic() - start < 5


def test_sleep_ms_and_us(board):
    assert interrupt(board, "import time; time.sleep_ms(100000)") == KI_TRACEBACK + PROMPT
    assert interrupt(board, "import time; time.sleep_us(100000000)") == KI_TRACEBACK + PROMPT


def test_blocking_input(board):
    assert interrupt(board, "input()") == KI_TRACEBACK + PROMPT


def test_blocking_stdin_read(board):
    assert interrupt(board, "import sys; sys.stdin.read(1)") == KI_TRACEBACK + PROMPT


def test_caught_interrupt(board):
    code = "try:\r    while 1: pass\rexcept KeyboardInterrupt:\r    print('caught')\r\r\r\r"
    board.write(code.encode())
    time.sleep(0.5)
    board.write(b"\x03")
    assert board.read_until(PROMPT).endswith(b"caught\r\n>>> ")


def test_interrupt_in_raw_repl(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"while True: pass\x04")
    raw_board.read_until(b"OK")
    time.sleep(0.3)
    raw_board.write(b"\x03")
    assert raw_board.follow() == (b"", KI_TRACEBACK)
    assert raw_board.exec_raw_paste("print('alive')") == (b"alive\r\n", b"")


def test_mpremote_interrupts_running_program(raw_board):
    # mpremote's enter_raw_repl starts with "\r\x03": it must stop what the board is running
    raw_board.exit_raw_repl()
    raw_board.read_until(PROMPT)
    raw_board.write(b"while True: pass\r\r")
    time.sleep(0.3)
    raw_board.enter_raw_repl(soft_reset=True)
    assert raw_board.exec_raw_paste("print(1)") == (b"1\r\n", b"")


def test_ctrl_c_is_an_ordinary_byte_for_the_program_with_kbd_intr_off(board):
    board.write(b"import micropython, sys; micropython.kbd_intr(-1); "
                b"print(ord(sys.stdin.read(1)))\r")
    time.sleep(0.3)
    board.write(b"\x03")
    assert board.read_until(PROMPT).endswith(b"\r\n3\r\n>>> ")
    assert interrupt(board, "while 1: pass") == KI_TRACEBACK + PROMPT  # on for the next command


def test_hard_reset(board):
    board.type_line("x = 1")
    board.write(b"import machine; machine.reset()\r")
    out = board.read_until(PROMPT)
    assert b"soft reboot" not in out
    assert out.endswith(b"machine.reset()\r\n\r\nMicroPython " + out.split(b"MicroPython ")[1])
    assert board.type_line("'x' in globals()").endswith(b"False\r\n>>> ")
    assert board.type_line("machine.reset_cause()").endswith(b"NameError: name 'machine' "
                                                               b"isn't defined\r\n>>> ")
    assert board.type_line("import machine; machine.reset_cause()").endswith(b"\r\n4\r\n>>> ")


def test_hard_reset_from_raw_mode_returns_to_friendly(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"import machine\nmachine.reset()\x04")
    out = raw_board.read_until(PROMPT)
    assert out.startswith(b"OK\r\nMicroPython ")


def test_watchdog_resets_the_board(board):
    board.write(b"import machine, time; w = machine.WDT(timeout=200); time.sleep(1)\r")
    out = board.read_until(PROMPT, timeout=5)
    assert b"\r\nMicroPython " in out
    assert board.type_line("machine.reset_cause()").endswith(b"NameError: name 'machine' "
                                                               b"isn't defined\r\n>>> ")
    assert board.type_line("import machine; machine.reset_cause()").endswith(b"\r\n1\r\n>>> ")


def test_soft_reset_keeps_raw_mode_and_mode_survives(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"\x04")
    assert raw_board.read_until(b">") == b"OK\r\nMPY: soft reboot\r\n" + RAW_BANNER + b">"

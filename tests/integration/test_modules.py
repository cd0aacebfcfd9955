# SPDX-License-Identifier: MIT
"""The board modules: time, machine, micropython, select, help(), run through the raw REPL."""

import time

import pytest


def run(board, code):
    out, err = board.exec_raw_paste(code)
    assert err == b"", err.decode()
    return out.decode().replace("\r\n", "\n")


def test_time_ticks_wrap_like_the_chip(raw_board):
    code = """
import time
P = 1 << 30
print(time.ticks_add(P - 1, 1), time.ticks_add(0, -1) == P - 1)
print(time.ticks_diff(5, P - 5), time.ticks_diff(P - 5, 5), time.ticks_diff(100, 50))
try:
    time.ticks_add(0, P)
except OverflowError as e:
    print('overflow', e)
t = time.ticks_ms(); time.sleep_ms(50); d = time.ticks_diff(time.ticks_ms(), t)
print(50 <= d < 1000)
t = time.ticks_us(); time.sleep_us(2000); print(time.ticks_diff(time.ticks_us(), t) >= 2000)
t = time.ticks_ms(); time.sleep(0.05); print(time.ticks_diff(time.ticks_ms(), t) >= 50)
print(type(time.ticks_cpu()) is int)
"""
    assert run(raw_board, code) == ("0 True\n10 -10 50\noverflow ticks interval overflow\n"
                                    "True\nTrue\nTrue\nTrue\n")


def test_time_calendar(raw_board):
    code = """
import time
print(time.gmtime(0))
print(time.localtime(0) == time.gmtime(0))
print(time.gmtime(86400 * 366 + 3661))
print(time.mktime((2000, 1, 1, 0, 0, 0, 0, 0)), time.mktime((2024, 2, 29, 12, 30, 15, 0, 0)))
print(time.gmtime(time.mktime((2024, 2, 29, 12, 30, 15, 0, 0))))
print(time.mktime((2023, 13, 1, 0, 0, 0, 0, 0)) == time.mktime((2024, 1, 1, 0, 0, 0, 0, 0)))
print(time.gmtime(-1))
t = time.time(); print(t > 24 * 365 * 86400, abs(time.time_ns() // 10**9 - t) <= 1)
"""
    assert run(raw_board, code) == (
        "(2000, 1, 1, 0, 0, 0, 5, 1)\nTrue\n(2001, 1, 1, 1, 1, 1, 0, 1)\n"
        "0 762525015\n(2024, 2, 29, 12, 30, 15, 3, 60)\nTrue\n"
        "(1999, 12, 31, 23, 59, 59, 4, 365)\nTrue True\n")


def test_machine_basics(raw_board):
    code = """
import machine
print(machine.freq())
machine.freq(160000000); print(machine.freq()); machine.freq(80000000)
print(machine.unique_id(), machine.reset_cause() == machine.PWRON_RESET)
print(machine.ADC(0).read())
import _board; _board.set_adc(512)
print(machine.ADC(0).read(), machine.ADC(0).read_u16())
r = machine.RTC()
r.datetime((2024, 5, 6, 0, 7, 8, 9, 0))
d = r.datetime(); print(d[:3], d[3], d[4:7])
"""
    assert run(raw_board, code) == (
        "80000000\n160000000\nb'RHB\\x01' True\n0\n512 32767\n(2024, 5, 6) 0 (7, 8, 9)\n")


def test_pin_levels_and_irq(raw_board):
    code = """
from machine import Pin
import _board
log = []
p = Pin(2, Pin.OUT)
p.irq(lambda pin: log.append(('edge', pin.value())), Pin.IRQ_RISING | Pin.IRQ_FALLING)
p.on(); print(p.value(), p()); p.off(); print(p.value()); p.toggle(); print(p.value())
b = Pin(0, Pin.IN, Pin.PULL_UP)
print(b.value(), b)
b.irq(handler=lambda pin: log.append('pressed'), trigger=Pin.IRQ_FALLING)
_board.set_pin(0, 0); _board.set_pin(0, 1); _board.set_pin(0, None)
import time; time.sleep_ms(1)
print(log)
try:
    Pin(7)
except ValueError as e:
    print(e)
"""
    assert run(raw_board, code) == (
        "1 1\n0\n1\n1 Pin(0)\n"
        "[('edge', 1), ('edge', 1), ('edge', 1), 'pressed']\ninvalid pin\n")


def test_timer_callbacks(raw_board):
    code = """
from machine import Timer
import time
ticks = []
once = []
t = Timer(-1)
t.init(period=20, mode=Timer.PERIODIC, callback=lambda t: ticks.append(1))
o = Timer(-1)
o.init(period=10, mode=Timer.ONE_SHOT, callback=lambda t: once.append(1))
time.sleep_ms(210)
t.deinit()
n = len(ticks)
time.sleep_ms(60)
print(5 <= n <= 11, len(ticks) == n, once)
"""
    assert run(raw_board, code) == "True True [1]\n"


def test_timer_runs_while_idle_at_the_prompt(board):
    board.type_line("import machine; n = []")
    board.type_line("machine.Timer(-1).init(period=10, callback=lambda t: n.append(1))")
    time.sleep(0.3)
    out = board.type_line("len(n) > 10")
    assert out.endswith(b"True\r\n>>> ")


def test_schedule(raw_board):
    code = """
import micropython
out = []
micropython.schedule(out.append, 'a')
print(out)
"""
    assert run(raw_board, code) == "[]\n"  # runs at the end of the command
    assert run(raw_board, "print(out)") == "['a']\n"
    # Main code's loop runs each callback at its next iteration; inside a callback (which
    # other callbacks do not interrupt) the queue fills up.
    code = """
import micropython
res = []
def fill(_):
    try:
        for i in range(100):
            micropython.schedule(lambda x: None, i)
    except RuntimeError as e:
        res.append((i, str(e)))
for i in range(100):
    micropython.schedule(lambda x: None, i)
micropython.schedule(fill, 0)
while not res:
    pass
print(res)
"""
    assert run(raw_board, code) == "[(8, 'schedule queue full')]\n"


def test_callback_exception_is_printed(board):
    board.type_line("import micropython")
    out = board.type_line("micropython.schedule(lambda x: 1/0, 0)")
    assert b"ZeroDivisionError: divide by zero\r\n>>> " in out


def test_micropython_module(raw_board):
    code = """
import micropython
from micropython import const
X = const(7)
print(X, micropython.opt_level())
micropython.mem_info()
print(micropython.stack_use() > 0)
print(micropython.heap_lock(), micropython.heap_unlock())
"""
    out = run(raw_board, code)
    lines = out.split("\n")
    assert lines[0] == "7 0"
    assert lines[1].startswith("stack: ") and lines[2].startswith("GC: total: ")
    assert "True\n1 0\n" in out


def test_select_poll_on_stdin(raw_board):
    raw_board.read_until(b">")
    raw_board.write_slices(b"""import select, sys
p = select.poll()
p.register(sys.stdin, select.POLLIN)
print(p.poll(0))
r = p.poll(5000)
print(len(r), r[0][0] is sys.stdin, r[0][1] == select.POLLIN, sys.stdin.read(1))
for obj, ev in p.ipoll(0):
    print('unexpected')
p.unregister(sys.stdin)
print(p.poll(0))
\x04""")
    raw_board.read_until(b"OK")
    time.sleep(0.3)
    raw_board.write(b"k")
    assert raw_board.follow() == (b"[]\r\n1 True True k\r\n[]\r\n", b"")


@pytest.mark.parametrize("module", ["time", "machine", "micropython", "select", "sys", "gc",
                                    "json", "struct"])
def test_modules_import(raw_board, module):
    assert run(raw_board, "import %s; print(%s.__name__)" % (module, module)) == module + "\n"


def test_help_of_an_object(raw_board):
    out = run(raw_board, "import machine; help(machine.Pin)")
    assert out.startswith("object <class 'Pin'> is of type type\n")
    assert "  on -- " in out


IDENTITY = """
import sys, os
u = os.uname()
print(sys.platform, sys.implementation.name, sys.implementation._machine)
print(u.sysname, u.nodename, u.machine, u[4] == u.machine, len(u))
print(sys.implementation)
"""


def test_platform_and_uname_are_an_esp8266_builds(raw_board):
    assert run(raw_board, IDENTITY) == (
        "esp8266 micropython ESP module with ESP8266\n"
        "esp8266 esp8266 ESP module with ESP8266 True 5\n"
        "(name='micropython', version=(0, 1, 0), _machine='ESP module with ESP8266')\n")
    raw_board.exit_raw_repl()
    # the banner names the same machine, as MicroPython's does
    assert raw_board.wait_prompt().endswith(b"; ESP module with ESP8266\r\n"
                                            b'Type "help()" for more information.\r\n>>> ')


@pytest.mark.parametrize("size,machine", [("1M", "ESP module (1M) with ESP8266"),
                                          ("4M", "ESP module with ESP8266")])
def test_the_machine_follows_the_flash_size(board_factory, tmp_path, size, machine):
    b = board_factory("--flash", str(tmp_path / "flash.img"), "--flash-size", size)
    b.sync()
    b.write(b"\x02")  # the banner again
    assert b.wait_prompt().endswith(b"; " + machine.encode() + b"\r\n"
                                    b'Type "help()" for more information.\r\n>>> ')
    b.enter_raw_repl()
    assert run(b, "import os; print(os.uname().machine, os.uname()[0])") == machine + " esp8266\n"
    # a soft reset forgets interned strings: sys.platform is still right after one
    assert run(b, "import sys; print(sys.platform)") == "esp8266\n"
    b.read_until(b">")
    b.write(b"\x04")
    b.read_until(b"soft reboot\r\n")
    assert run(b, "import sys; print(sys.platform)") == "esp8266\n"

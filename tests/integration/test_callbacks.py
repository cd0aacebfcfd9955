# SPDX-License-Identifier: MIT
"""Timer callbacks, pin interrupt handlers and micropython.schedule()d functions run inside code
that never waits (busy loops, long computations), between two bytecodes, as on MicroPython; a
Ctrl-C still interrupts such code, and code stuck in a callback."""

from conftest import PROMPT

KI = b"KeyboardInterrupt: \r\n"


def run(board, code):
    out, err = board.exec_raw_paste(code)
    assert err == b"", err.decode()
    return out.decode().replace("\r\n", "\n")


def test_periodic_timer_runs_inside_a_busy_loop(raw_board):
    code = """
from machine import Timer
n = 0
def tick(t):
    global n
    n += 1
t = Timer(-1)
t.init(period=10, mode=Timer.PERIODIC, callback=tick)
while n < 5:
    pass
t.deinit()
print('done', n >= 5)
"""
    assert run(raw_board, code) == "done True\n"


def test_one_shot_timer_ends_a_long_computation(raw_board):
    code = """
from machine import Timer
stop = []
Timer(-1).init(period=50, mode=Timer.ONE_SHOT, callback=lambda t: stop.append(1))
x = 0
for i in range(1 << 40):
    x = (x * 31 + i) & 0xffff
    if stop:
        break
print('stopped', i > 0)
"""
    assert run(raw_board, code) == "stopped True\n"


def test_schedule_from_a_timer_runs_inside_a_busy_loop(raw_board):
    code = """
import micropython
from machine import Timer
got = []
def later(arg):
    got.append(arg)
Timer(-1).init(period=20, mode=Timer.ONE_SHOT,
               callback=lambda t: micropython.schedule(later, 'scheduled'))
while not got:
    pass
print(got)
"""
    assert run(raw_board, code) == "['scheduled']\n"


def test_schedule_and_pin_irq_run_at_the_next_backward_jump(raw_board):
    code = """
import micropython, _board
from machine import Pin
got = []
micropython.schedule(got.append, 'a')
while not got:
    pass
b = Pin(0, Pin.IN, Pin.PULL_UP)
b.irq(handler=lambda pin: got.append(pin.value()), trigger=Pin.IRQ_FALLING)
_board.set_pin(0, 0)
while len(got) < 2:
    pass
print(got)
"""
    assert run(raw_board, code) == "['a', 0]\n"


def test_callback_exception_inside_a_busy_loop_is_printed_and_the_loop_goes_on(raw_board):
    code = """
from machine import Timer
n = 0
def tick(t):
    global n
    n += 1
    if n == 2:
        raise ValueError('in callback')
t = Timer(-1)
t.init(period=10, mode=Timer.PERIODIC, callback=tick)
while n < 4:
    pass
t.deinit()
print('after', n >= 4)
"""
    out = run(raw_board, code)
    assert "ValueError: in callback\n" in out
    assert out.endswith("after True\n")


def test_ctrl_c_interrupts_a_busy_loop_with_timers_running(board):
    board.type_line("from machine import Timer; n = []")
    board.type_line("Timer(-1).init(period=5, callback=lambda t: n.append(1))")
    board.write(b"while True: pass\r\r")
    board.read_until(b"... \r\n")
    board.read_for(0.3)  # well inside the loop, callbacks running
    board.write(b"\x03")
    assert board.read_until(PROMPT).endswith(KI + PROMPT)
    # the timer kept running inside the loop and after it
    before = int(board.type_line("len(n)").split(b"\r\n")[1])
    assert before > 5
    board.read_for(0.2)
    assert int(board.type_line("len(n)").split(b"\r\n")[1]) > before


def test_ctrl_c_interrupts_a_callback_that_never_returns(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"from machine import Timer\ndef stuck(t):\n    print('stuck')\n"
                    b"    while True:\n        pass\n"
                    b"Timer(-1).init(period=20, mode=Timer.ONE_SHOT, callback=stuck)\n"
                    b"while True:\n    pass\n\x04")
    raw_board.read_until(b"OK")
    raw_board.read_until(b"stuck\r\n")  # inside the callback, inside the busy loop
    raw_board.write(b"\x03")
    out, err = raw_board.follow()
    assert out == b"" and err.endswith(KI)
    assert raw_board.exec_raw_paste("print('alive')") == (b"alive\r\n", b"")


def test_timers_go_on_after_ctrl_c_stopped_a_callback(raw_board):
    raw_board.read_until(b">")
    raw_board.write(b"""from machine import Timer
n = 0
def tick(t):
    global n
    n += 1
    if n == 1:
        print('stuck')
        while True:
            pass
t = Timer(-1)
t.init(period=10, mode=Timer.PERIODIC, callback=tick)
try:
    while True:
        pass
except KeyboardInterrupt:
    print('caught')
while n < 5:
    pass
t.deinit()
print('done')
\x04""")
    raw_board.read_until(b"OK")
    raw_board.read_until(b"stuck\r\n")
    raw_board.write(b"\x03")
    assert raw_board.follow() == (b"caught\r\ndone\r\n", b"")

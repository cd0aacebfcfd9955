# exp: hand
# A pending KeyboardInterrupt (what Ctrl-C on the UART sets) stops running code and can be caught.
import _testhook

try:
    _testhook.schedule_interrupt()
    while True:
        pass
except KeyboardInterrupt:
    print("busy loop interrupted")


def spin():
    n = 0
    for i in range(10**9):
        n += i
    return n


try:
    _testhook.schedule_interrupt()
    spin()
except KeyboardInterrupt as e:
    print("for loop interrupted", type(e).__name__, e.args)

print("still running", sum(range(10)))

# exp: hand
# An uncaught KeyboardInterrupt ends the program with MicroPython's traceback and no message.
import _testhook

print("before")
_testhook.schedule_interrupt()
while True:
    pass

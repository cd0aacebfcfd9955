# Invalid ranges and empty sequences raise.
import random

for f in (lambda: random.randrange(0), lambda: random.randrange(5, 5),
          lambda: random.randrange(1, 10, 0), lambda: random.randint(3, 2),
          lambda: random.getrandbits(-1), lambda: random.sample([1, 2], 3)):
    try:
        f()
        print("no error")
    except ValueError:
        print("ValueError")
try:
    random.choice([])
except IndexError:
    print("IndexError")

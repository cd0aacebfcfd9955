# floor division and modulo of big and small mixed signs
vals = (10 ** 20 + 3, -(10 ** 20 + 3))
for a in vals:
    for b in (7, -7, 10 ** 10, -(10 ** 10)):
        print(a // b, a % b)

# len on builtin containers
print(len(''), len('abc'), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}), len(b'xy'), len(range(10)), len(bytearray(4)))
try:
    len(5)
except TypeError as e:
    print(type(e).__name__)

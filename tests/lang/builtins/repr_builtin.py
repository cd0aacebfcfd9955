# repr on builtin values
print(repr(1), repr(1.5), repr('s'))
print(repr(b'b'), repr([1, 's']), repr((1,)))
print(repr({'k': 1}), repr(None), repr(True))
print(repr(range(3)), repr(set()), repr(frozenset({1})))
print(repr(bytearray(b'x')), repr(1e100), repr(-0.0))

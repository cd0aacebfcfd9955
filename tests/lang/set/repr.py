# repr of small sets
print({1}, {'a'}, set())
print(frozenset({2}), {(1, 2)})
print(repr(set()), repr(frozenset()))

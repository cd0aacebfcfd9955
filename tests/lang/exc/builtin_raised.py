# builtins raise the documented exception types
cases = [
    lambda: [][0], lambda: {}['x'], lambda: 1 / 0, lambda: int('x'),
    lambda: None + 1, lambda: undefined_name, lambda: 'a'.nope,
    lambda: [1].index(5), lambda: iter(1), lambda: next(iter([])),
    lambda: (1, 2).count(), lambda: chr(-5), lambda: float('z'),
    lambda: {}.popitem(), lambda: set().pop(), lambda: 'abc'[5],
    lambda: int.from_bytes(1, 'big'), lambda: [].remove(0), lambda: divmod(1, 0),
]
for c in cases:
    try:
        c()
        print('no error')
    except Exception as e:
        print(type(e).__name__)

# dict comprehensions
print({x: x * x for x in range(5)})
print({k: v for k, v in zip('abc', 'xyz') if k != 'b'})
print({v: k for k, v in {'a': 1, 'b': 2}.items()})
print({i % 3: i for i in range(10)})

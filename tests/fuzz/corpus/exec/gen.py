def g():
    yield from range(3)
print(list(g()), f"{3:>4}", "%d" % 5)

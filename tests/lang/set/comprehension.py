# set comprehensions
print(sorted({x % 5 for x in range(20)}))
print(sorted({c.lower() for c in 'HeLlo'}))
print(sorted({(x, y) for x in range(2) for y in range(2)}))

# sort is stable for equal keys
data = [('b', 2), ('a', 1), ('c', 2), ('d', 1), ('e', 3), ('f', 1)]
print(sorted(data, key=lambda t: t[1]))
print(sorted(data, key=lambda t: t[1], reverse=True))
data.sort(key=lambda t: t[1] % 2)
print(data)

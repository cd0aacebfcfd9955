# repr of nested and self-referencing lists
l = [1, [2, [3, []]], 'a', "b'c"]
print(l, repr(l), str(l))
r = [1]
r.append(r)
print(r)

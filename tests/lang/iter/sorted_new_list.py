# sorted does not mutate and returns a new list
src = [3, 1, 2]
out = sorted(src)
print(src, out, out is not src)
t = (5, 4)
print(sorted(t), t)

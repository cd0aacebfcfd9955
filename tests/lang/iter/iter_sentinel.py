# iter with a callable and sentinel
vals = [3, 2, 1, 0, 5]
def nxt():
    return vals.pop(0)
print(list(iter(nxt, 0)), vals)

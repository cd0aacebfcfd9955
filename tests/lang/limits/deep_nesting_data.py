# deep but finite recursion over nested data works
def build(n):
    d = []
    for _ in range(n):
        d = [d]
    return d
def depth(x):
    return 1 + depth(x[0]) if x else 0
print(depth(build(100)))

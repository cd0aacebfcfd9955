# two closures sharing one cell
def pair():
    v = 0
    def get():
        return v
    def put(x):
        nonlocal v
        v = x
    return get, put
g, p = pair()
print(g())
p(42)
print(g())

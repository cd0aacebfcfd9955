# yield from delegates send, throw and close, and returns the sub-generator's value
def sub():
    r = yield 1
    print("sub got", r)
    yield 2
    return "subret"
def deleg():
    v = yield from sub()
    print("deleg got", v)
    yield from [7, 8]
    return v
d = deleg()
print(next(d), d.send("hi"), next(d), next(d))
try:
    next(d)
except StopIteration as e:
    print("final", e.value)
def yf_throw():
    try:
        yield from sub()
    except KeyError as e:
        print("deleg caught", repr(e))
        yield "recovered"
h = yf_throw()
next(h)
print(h.throw(KeyError("k")))
def inner_gen():
    try:
        yield 1
        yield 2
    finally:
        print("inner closed")
def outer_gen():
    yield from inner_gen()
og = outer_gen()
print(next(og))
og.close()
try:
    next(og)
except StopIteration:
    print("stop after close")

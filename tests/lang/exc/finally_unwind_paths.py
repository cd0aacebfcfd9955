# return, break and continue run the finally bodies they pass through, innermost first
def f():
    try:
        return 1
    finally:
        print("fin")
print(f())
def g():
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            print("body", i)
        finally:
            print("finally", i)
    else:
        print("else")
    return i
print(g())
def h():
    try:
        try:
            raise ValueError("x")
        finally:
            print("inner fin")
    except ValueError as e:
        print("caught", e)
        return "r"
    finally:
        print("outer fin")
print(h())
def fr():
    try:
        return "try"
    finally:
        return "finally"
print(fr())
def nested():
    for i in range(3):
        for j in range(3):
            try:
                if j == 1:
                    break
            finally:
                print(i, j)
nested()
class CM:
    def __init__(self, n):
        self.n = n
    def __enter__(self):
        print("enter", self.n)
        return self.n
    def __exit__(self, t, v, tb):
        print("exit", self.n, t.__name__ if t else None)
        return self.n == 2
def w():
    with CM(1) as a, CM(2) as b:
        print(a, b)
        raise ValueError
    print("after")
    with CM(3):
        return "ret"
print(w())
def w2():
    for i in range(3):
        with CM(i):
            if i == 1:
                continue
            if i == 2:
                break
    return i
print(w2())
def ret_in_except():
    try:
        raise KeyError
    except KeyError:
        return "ret"
    finally:
        print("fin")
print(ret_in_except())

# re-entering a running generator raises ValueError
def g():
    try:
        next(me)
    except ValueError as e:
        print(type(e).__name__)
    yield 'ok'
me = g()
print(next(me))
print(next(me, 'end'))

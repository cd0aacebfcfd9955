# decorators that keep state
def count_calls(fn):
    def wrapper(*args):
        wrapper.calls += 1
        return fn(*args)
    wrapper.calls = 0
    return wrapper
@count_calls
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), add.calls)
def register(registry):
    def deco(fn):
        registry.append(fn.__name__)
        return fn
    return deco
reg = []
@register(reg)
def one():
    pass
@register(reg)
def two():
    pass
print(reg)

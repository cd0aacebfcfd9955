# simple annotations do not affect calls
def f(a: int, b: str = 'x') -> str:
    return b * a
print(f(3), f(2, 'ab'))
x: int = 5
y: list
print(x)

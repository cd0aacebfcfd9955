# unbounded recursion raises RecursionError, a RuntimeError subclass
def f(n):
    return f(n + 1)
try:
    f(0)
except RuntimeError as e:
    print('RuntimeError caught')
print('still running')

# short-circuit evaluation
def t(x):
    print('eval', x)
    return x
print(t(0) and t(1))
print(t(1) or t(2))
print(t(1) and t(2))
print(t(0) or t(0))

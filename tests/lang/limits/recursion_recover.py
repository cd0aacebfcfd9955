# the interpreter recovers after a recursion error and can recurse again
def depth(n):
    return depth(n + 1) + 1
for attempt in range(3):
    try:
        depth(0)
    except RuntimeError:
        print('attempt', attempt, 'caught')
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(50))

# Generators, closures and exceptions together.
def counter(n):
    for i in range(n):
        yield i


def make_adder(k):
    def add(x):
        return x + k
    return add


def checked(x):
    if x % 5 == 0:
        raise ValueError(x)
    return x


total = 0
add3 = make_adder(3)
for v in counter(1500000):
    try:
        total += checked(add3(v))
    except ValueError:
        total -= 1
print(total, sum(x * x for x in counter(500000)))

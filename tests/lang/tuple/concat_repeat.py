# tuple concatenation and repetition
t = (1, 2)
print(t + (3,), t * 2, 0 * t, t + ())
u = t
t += (9,)
print(t, u)
try:
    t + [1]
except TypeError as e:
    print(type(e).__name__)

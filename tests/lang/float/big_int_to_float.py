# converting big ints to float
print(float(10 ** 20), float(2 ** 100))
print(float(-(3 ** 40)))
print(2 ** 1000 / 2 ** 999)
try:
    float(10 ** 400)
except OverflowError as e:
    print(type(e).__name__)

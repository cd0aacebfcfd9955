# range with zero step raises ValueError
try:
    range(1, 2, 0)
except ValueError as e:
    print(type(e).__name__)
try:
    range(1.5)
except TypeError as e:
    print(type(e).__name__)

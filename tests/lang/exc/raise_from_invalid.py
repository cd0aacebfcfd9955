# raise from a non-exception cause raises TypeError
try:
    raise ValueError('x') from 5
except TypeError as e:
    print(type(e).__name__)

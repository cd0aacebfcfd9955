# len() requires __len__ to return a non-negative int
class Neg:
    def __len__(self):
        return -1
class Bad:
    def __len__(self):
        return 'x'
for o in (Neg(), Bad()):
    try:
        len(o)
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
try:
    len(object())
except TypeError as e:
    print(type(e).__name__)

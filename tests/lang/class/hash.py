# __hash__ and hashability rules
class H:
    def __init__(self, k):
        self.k = k
    def __hash__(self):
        return hash(self.k)
    def __eq__(self, o):
        return self.k == o.k
print(len({H(1), H(1), H(2)}))
class EqOnly:
    def __eq__(self, o):
        return True
try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__)
class Plain:
    pass
p = Plain()
print(hash(p) == hash(p), {p: 1}[p])

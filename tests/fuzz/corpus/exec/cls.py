class A:
    def __init__(self):
        self.x = {"a": (1, 2.5)}
try:
    raise ValueError(A().x)
except ValueError as e:
    print(e)

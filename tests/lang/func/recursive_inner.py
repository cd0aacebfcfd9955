# recursive nested function referencing itself through the closure
def flatten(data):
    out = []
    def walk(x):
        if isinstance(x, list):
            for y in x:
                walk(y)
        else:
            out.append(x)
    walk(data)
    return out
print(flatten([1, [2, [3, [4]], 5], [[6]]]))

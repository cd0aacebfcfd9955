# implicit and explicit return values
def none1():
    pass
def none2():
    return
def many():
    return 1, 2
def early(x):
    if x:
        return 'early'
    return 'late'
print(none1(), none2(), many(), early(1), early(0))

# non-ASCII identifiers
café = 'coffee'
π = 3.14
def grüß(name):
    return 'hallo ' + name
print(café, π, grüß('welt'))

# chained generators form a pipeline
def read(lines):
    for l in lines:
        yield l.strip()
def nonempty(it):
    for l in it:
        if l:
            yield l
def numbered(it):
    for i, l in enumerate(it, 1):
        yield '%d: %s' % (i, l)
data = ['  alpha ', '', 'beta', '   ', 'gamma\n']
for line in numbered(nonempty(read(data))):
    print(line)

# split, join, strip, replace, upper, lower on bytes
b = b'  a,b,,c  '
print(b.strip(), b.split(b','), b.strip().split(b',', 1), b' x y '.split())
print(b'-'.join([b'a', b'b', b'c']), b''.join([]), b'abc'.replace(b'b', b'XY'))
print(b'Hello'.upper(), b'Hello'.lower(), b'xxaxx'.strip(b'x'), b'ab'.center(6, b'*'))
print(b'k=v'.partition(b'='), b'a b c'.rsplit(None, 1), b'line\nnext'.splitlines())

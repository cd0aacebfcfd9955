# builtin methods bound to objects
l = []
push = l.append
push(1)
push(2)
print(l)
upper = 'abc'.upper
print(upper(), callable(upper), callable(5))
get = {'a': 1}.get
print(get('a'), get('b', 0))

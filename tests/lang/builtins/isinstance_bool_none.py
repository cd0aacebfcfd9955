# isinstance and type checks for bool and None
vals = [True, 0, None, 'x']
print([isinstance(v, bool) for v in vals])
print([isinstance(v, int) for v in vals], [v is None for v in vals])

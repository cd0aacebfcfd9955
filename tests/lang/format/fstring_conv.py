# f-string conversions !r !s !a
s = 'hi\n'
print(f'{s!r} {s!s}|'.replace('\n', '/'), f'{"é"!a}')
print(f'{3.5!r} {None!s} {[1, "a"]!r}')

# and, or, not return values
print(1 and 2, 0 and 2, 1 or 2, 0 or 2)
print('' or 'x', 'a' and '', None or 0)
print(not 0, not 1, not '', not [1])
print([] or {} or 'end')
print(1 and 2 and 3, 1 and 0 and 3)

# isdigit, isalpha, isalnum on various strings
for s in ('123', 'abc', 'abc123', '', ' ', 'é', '12.5', 'a b', 'ÀÉ'):
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum())
print('0123456789'.isdigit(), '-1'.isdigit(), 'a_b'.isalpha())
print('under_score'.isalnum(), 'x9'.isalnum())

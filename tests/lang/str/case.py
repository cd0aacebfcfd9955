# upper, lower, capitalize, title, swapcase
for s in ('hello World', 'ABC def', 'mIxEd 123 case', "they're bill's", 'éclair ÀB', ''):
    print(repr(s.upper()), repr(s.lower()), repr(s.capitalize()), repr(s.title()), repr(s.swapcase()))
print('ß'.lower(), 'hello'.upper().lower(), '123abc'.capitalize())
print('a-b_c d'.title(), 'HELLO'.swapcase().swapcase())

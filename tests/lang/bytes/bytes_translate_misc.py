# zfill, ljust, rjust, expandtabs and title on bytes
print(b'42'.zfill(5), b'ab'.ljust(4, b'.'), b'ab'.rjust(4))
print(b'a\tb'.expandtabs(4))
print(b'hello world'.title(), b'Ab'.swapcase(), b'hello'.capitalize())

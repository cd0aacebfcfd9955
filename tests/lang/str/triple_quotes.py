# triple-quoted strings keep newlines
s = """line one
  line two
line 'three' "x"
"""
print(s)
print(len(s.splitlines()))
t = '''a\
b'''
print(t)

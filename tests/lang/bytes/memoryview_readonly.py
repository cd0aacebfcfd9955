# memoryview of bytes is read-only
mv = memoryview(b'abc')
print(mv[1], bytes(mv), mv.readonly)
try:
    mv[0] = 1
except TypeError as e:
    print(type(e).__name__)

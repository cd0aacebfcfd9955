# memoryview slicing shares the underlying buffer
ba = bytearray(b'abcdef')
mv = memoryview(ba)
print(len(mv), mv[0], mv[-1], bytes(mv[1:4]))
sub = mv[2:5]
print(bytes(sub), len(sub), sub[0])
ba[2] = ord('X')
print(bytes(sub))
print(mv.tobytes(), list(mv[4:]))

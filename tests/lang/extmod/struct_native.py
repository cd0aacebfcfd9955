# Native mode ('@' or no prefix): C sizes and alignment, here only those every target shares.
import struct

print(struct.calcsize("b"), struct.calcsize("h"), struct.calcsize("i"), struct.calcsize("q"))
print(struct.calcsize("bh"), struct.calcsize("bi"), struct.calcsize("@bhi"))
print(struct.calcsize("hb"), struct.calcsize("ib"), struct.calcsize("=bi"), struct.calcsize("=bq"))
print(struct.pack("bi", 1, 2))
print(struct.unpack("bi", b"\x01\x00\x00\x00\x02\x00\x00\x00"))
print(struct.calcsize("P") == struct.calcsize("l"))

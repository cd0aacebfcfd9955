# struct.calcsize with standard sizes, counts and whitespace; bad formats raise.
import struct

for fmt in ["<b", "<h", "<i", "<l", "<q", "<f", "<d", "<?", "<x", "<5s", "<3x", ">bhiq",
            "!HI", "=bq", "<10b", "<0s", "", "< 2h 3b", "<2s2x2s"]:
    print(repr(fmt), struct.calcsize(fmt))
for fmt in ["<y", "<3", "<P", "<bZ"]:
    try:
        struct.calcsize(fmt)
        print(repr(fmt), "accepted")
    except Exception:
        print(repr(fmt), "error")

# integer literal forms
print(0x1F, 0X1f, 0o17, 0O17, 0b101, 0B101)
print(1_000_000, 0x_ff, 0b_1010, 0o_7)
print(00, 0)
print(123456789012345678901234567890)

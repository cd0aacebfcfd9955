# numeric literal forms
print(1_000, 0b1010, 0o777, 0xDEAD_BEEF, 0B1, 0O7, 0XaB)
print(1.5, 1., .5, 1e3, 1E-3, 1_0.0_1, 0e0, 3.14e+2)
print(0, 00, 0_0, 123456789_123456789)
print(type(1e0).__name__, type(0x10).__name__)

# extreme float values
print(1.7976931348623157e308, 5e-324, 2.2250738585072014e-308)
print(1e308 * 10, -1e308 * 10)
print(5e-324 / 2)
print(1e-320)

# integer multiplication including signs and zero
print(6 * 7, -6 * 7, 6 * -7, -6 * -7)
print(0 * 123, 123 * 0, 1 * -1)
print(99999 * 99999)
print(2 * 3 * 4 * 5)
